/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observed data from a NONMEM/Monolix dataset: dose rows become the arm's
 * dosing lines, observation rows become data (docs/study-files.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "observed-private.h"

enum { NM_ID, NM_TIME, NM_AMT, NM_DV, NM_CMT, NM_EVID, NM_MDV, NM_II, NM_ADDL, NM_RATE, NM_ARM,
       NM_CENS, NM_N };
static const char *const NM_COLUMNS[NM_N] = { "ID", "TIME", "AMT", "DV", "CMT", "EVID", "MDV",
                                              "II", "ADDL", "RATE", "ARM", "CENS" };

/* A dose row, kept with its ID until the arms' doses are compared. */
typedef struct {
    char arm[EXOPK_NAME_MAX];
    char id[EXOPK_NAME_MAX];
    long line;
    ExopkDosingLine line_rec;
} NmDose;

typedef struct {
    ExopkObserved *obs;
    const ExopkNonmemMap *map;
    const ExopkStudy *study;
    int at[NM_N];
    size_t n_cells;
    double hours;              /* per TIME unit */
    char **cell;
    long line;
    NmDose *doses;
    size_t n_doses, cap_doses;
} Nm;

static const char *
cell_of(const Nm *nm, int col)
{
    return nm->at[col] >= 0 ? nm->cell[nm->at[col]] : "";
}

/* The number in column @col (@fallback when the column is absent or empty). */
static ExopkStatus
nm_number(Nm *nm, int col, double fallback, double *out, ExopkError *err)
{
    const char *c = cell_of(nm, col);

    *out = fallback;
    if (*c == '\0' || strcmp(c, ".") == 0)
        return EXOPK_OK;
    if (!obs_number(c, out))
        return obs_fail(err, nm->obs, nm->line, NM_COLUMNS[col], "expected a number, got \"%s\"",
                        c);
    return EXOPK_OK;
}

static ExopkStatus
nm_header(Nm *nm, ObsCsv *csv, ExopkError *err)
{
    static const int required[] = { NM_ID, NM_TIME, NM_AMT, NM_DV, NM_CMT };

    for (int c = 0; c < NM_N; c++)
        nm->at[c] = -1;
    if (!obs_csv_next(csv))
        return exopk_error_set(err, EXOPK_EINVAL, "%s: empty (expected a header: ID,TIME,AMT,DV,CMT)",
                               nm->obs->path);
    nm->n_cells = csv->n_cells;
    if (csv->n_cells > OBS_CELLS_MAX)
        return obs_fail(err, nm->obs, csv->line, NULL, "more than %d columns", OBS_CELLS_MAX);
    for (size_t i = 0; i < csv->n_cells; i++)
        for (int c = 0; c < NM_N; c++)
            if (strcasecmp(csv->cell[i], NM_COLUMNS[c]) == 0 && nm->at[c] < 0)
                nm->at[c] = (int) i;
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        if (nm->at[required[k]] < 0)
            return obs_fail(err, nm->obs, csv->line, NULL,
                            "missing column \"%s\" (a NONMEM dataset needs ID, TIME, AMT, DV, CMT)",
                            NM_COLUMNS[required[k]]);
    if (nm->at[NM_ARM] < 0 && nm->map->arm == NULL)
        return obs_fail(err, nm->obs, csv->line, NULL,
                        "no ARM column, and the map names no arm for the rows");
    return EXOPK_OK;
}

static const ExopkNonmemCmt *
find_cmt(const ExopkNonmemMap *map, double cmt)
{
    for (size_t i = 0; i < map->n_cmt; i++)
        if (map->cmt[i].cmt == cmt)
            return &map->cmt[i];
    return NULL;
}

/* Formulation or agent @give of the study into @dose (route iv). */
static ExopkStatus
dose_target(Nm *nm, const char *give, const char *cmt, ExopkDose *dose, double *mw,
            ExopkError *err)
{
    const ExopkStudy *s = nm->study;
    int agent;

    dose->route = EXOPK_ROUTE_IV;
    dose->formulation = -1;
    for (size_t f = 0; f < s->n_formulations; f++)
        if (strcmp(s->formulations[f].name, give) == 0) {
            dose->formulation = (int) f;
            *mw = s->agent_ref[s->formulations[f].cargo[0].agent].mw_dosed;
            return EXOPK_OK;
        }
    agent = exopk_study_find_agent(s, give);
    if (agent >= 0) {
        dose->agent = agent;
        *mw = s->agent_ref[agent].mw_dosed;
        return EXOPK_OK;
    }
    {
        const char *names[64 + EXOPK_MAX_AGENTS];
        size_t n = 0;
        const char *near;
        for (size_t f = 0; f < s->n_formulations && n < 64; f++)
            names[n++] = s->formulations[f].name;
        for (size_t a = 0; a < s->n_agents; a++)
            names[n++] = s->agent_ref[a].name;
        near = exopk_nearest_name(give, names, n);
        return obs_fail(err, nm->obs, nm->line, "CMT",
                        "%s doses \"%s\", which is no formulation or agent of the study%s%s%s",
                        cmt, give, near ? " (did you mean \"" : "", near ? near : "",
                        near ? "\"?)" : "");
    }
}

static ExopkStatus
dose_amount(Nm *nm, const ExopkNonmemCmt *c, double amt, double mw, ExopkDosingLine *l,
            ExopkError *err)
{
    ExopkQuantity q;
    ExopkError e;
    char text[96];

    snprintf(text, sizeof text, "%.10g %s", amt, c->amt_unit ? c->amt_unit : "");
    if (c->amt_unit == NULL) {
        l->dose.amount = amt;
        l->dose.unit = l->dose.formulation >= 0 ? EXOPK_DOSE_PARTICLES : EXOPK_DOSE_NMOL;
        return EXOPK_OK;
    }
    snprintf(l->dose_text, sizeof l->dose_text, "%s", text);
    if (exopk_quantity_parse(text, &q, &e) != EXOPK_OK ||
        exopk_dose_convert(&q, nm->study->weight, nm->study->species.km_factor, mw, &l->dose.unit,
                           &l->dose.amount, &e) != EXOPK_OK)
        return obs_fail(err, nm->obs, nm->line, "AMT", "\"%s\": %s", text, e.message);
    if (l->dose.formulation < 0 && l->dose.unit != EXOPK_DOSE_NMOL)
        return obs_fail(err, nm->obs, nm->line, "AMT",
                        "\"%s\": a free agent is dosed as a mass or an amount, not particles", text);
    return EXOPK_OK;
}

/* II, ADDL and RATE of a dose row. */
static ExopkStatus
dose_timing(Nm *nm, double amt, ExopkDosingLine *l, ExopkError *err)
{
    double ii, addl, rate;

    if (nm_number(nm, NM_II, 0, &ii, err) != EXOPK_OK ||
        nm_number(nm, NM_ADDL, 0, &addl, err) != EXOPK_OK ||
        nm_number(nm, NM_RATE, 0, &rate, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    if (addl < 0 || addl != floor(addl) || addl > EXOPK_MAX_DOSES)
        return obs_fail(err, nm->obs, nm->line, "ADDL", "expected a whole number from 0 to %d",
                        EXOPK_MAX_DOSES);
    if (ii < 0 || (addl > 0 && !(ii > 0)))
        return obs_fail(err, nm->obs, nm->line, "II",
                        "ADDL %g needs a positive dosing interval II", addl);
    if (rate < 0)
        return obs_fail(err, nm->obs, nm->line, "RATE",
                        "%g: modelled rates (-1, -2) are not supported; give the rate", rate);
    l->count = (long) addl + 1;
    l->every = addl > 0 ? ii * nm->hours : 0;
    l->dose.duration = rate > 0 ? amt / rate * nm->hours : 0;
    return EXOPK_OK;
}

static ExopkStatus
nm_dose(Nm *nm, const char *arm, const char *id, double time, double cmt_value, ExopkError *err)
{
    const ExopkNonmemCmt *c = find_cmt(nm->map, cmt_value);
    NmDose *d;
    double amt, mw = 0;

    if (c == NULL || c->give == NULL)
        return obs_fail(err, nm->obs, nm->line, "CMT", "a dose into CMT %s, which the map gives "
                        "no formulation", cell_of(nm, NM_CMT));
    if (nm->n_doses == nm->cap_doses) {
        size_t cap = nm->cap_doses ? 2 * nm->cap_doses : 16;
        NmDose *a = realloc(nm->doses, cap * sizeof *a);
        if (a == NULL)
            return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", nm->obs->path);
        nm->doses = a;
        nm->cap_doses = cap;
    }
    d = &nm->doses[nm->n_doses];
    memset(d, 0, sizeof *d);
    snprintf(d->arm, sizeof d->arm, "%s", arm);
    snprintf(d->id, sizeof d->id, "%s", id);
    d->line = nm->line;
    d->line_rec.dose.time = time;
    if (nm_number(nm, NM_AMT, 0, &amt, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    if (!(amt > 0))
        return obs_fail(err, nm->obs, nm->line, "AMT", "a dose row needs AMT > 0");
    if (dose_target(nm, c->give, cell_of(nm, NM_CMT), &d->line_rec.dose, &mw, err) != EXOPK_OK ||
        dose_amount(nm, c, amt, mw, &d->line_rec, err) != EXOPK_OK ||
        dose_timing(nm, amt, &d->line_rec, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    nm->n_doses++;
    return EXOPK_OK;
}

/* Monolix's CENS: 1 says DV is the LLOQ and the value is below it. */
static ExopkStatus
nm_censoring(Nm *nm, ObsRow *r, ExopkError *err)
{
    double cens;

    if (nm_number(nm, NM_CENS, 0, &cens, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    if (cens != 0 && cens != 1)
        return obs_fail(err, nm->obs, nm->line, "CENS", "%s is not supported (0: a value, "
                        "1: below the LLOQ given as DV)", cell_of(nm, NM_CENS));
    if (cens == 1) {           /* as the long CSV's "BLQ" with that lloq */
        r->lloq = r->value;
        r->value = NAN;
        r->pub.below_lloq = 1;
    }
    return EXOPK_OK;
}

static ExopkStatus
nm_observation(Nm *nm, const char *arm, const char *id, double time, double cmt_value,
               ExopkError *err)
{
    const ExopkNonmemCmt *c = find_cmt(nm->map, cmt_value);
    ObsRow *r;
    ExopkError e;
    const char *dv = cell_of(nm, NM_DV);

    if (c == NULL || c->output == NULL)
        return obs_fail(err, nm->obs, nm->line, "CMT", "an observation in CMT %s, which the map "
                        "gives no output", cell_of(nm, NM_CMT));
    r = obs_add_row(nm->obs, err);
    if (r == NULL)
        return EXOPK_ENOMEM;
    r->pub.line = nm->line;
    r->pub.time = time;
    snprintf(r->arm, sizeof r->arm, "%s", arm);
    snprintf(r->id, sizeof r->id, "%s", id);
    snprintf(r->name, sizeof r->name, "%s", c->output);
    if (!obs_number(dv, &r->value))
        return obs_fail(err, nm->obs, nm->line, "DV", "expected a number, got \"%s\"", dv);
    if (c->dv_unit != NULL && obs_unit_parse(c->dv_unit, "DV", &r->unit, &e) != EXOPK_OK)
        return obs_fail(err, nm->obs, nm->line, "DV", "%s", e.message);
    return nm_censoring(nm, r, err);
}

static ExopkStatus
nm_row(Nm *nm, ObsCsv *csv, ExopkError *err)
{
    const char *arm, *id;
    double time, cmt, evid, mdv, amt;

    nm->cell = csv->cell;
    nm->line = csv->line;
    if (csv->n_cells != nm->n_cells)
        return obs_fail(err, nm->obs, nm->line, NULL, "%zu cells, the header has %zu",
                        csv->n_cells, nm->n_cells);
    arm = nm->at[NM_ARM] >= 0 ? cell_of(nm, NM_ARM) : nm->map->arm;
    id = cell_of(nm, NM_ID);
    if (*arm == '\0' || strlen(arm) >= EXOPK_NAME_MAX)
        return obs_fail(err, nm->obs, nm->line, "ARM", "expected an arm name");
    if (nm_number(nm, NM_TIME, NAN, &time, err) != EXOPK_OK ||
        nm_number(nm, NM_CMT, NAN, &cmt, err) != EXOPK_OK ||
        nm_number(nm, NM_AMT, 0, &amt, err) != EXOPK_OK ||
        nm_number(nm, NM_EVID, amt > 0 ? 1 : 0, &evid, err) != EXOPK_OK ||
        nm_number(nm, NM_MDV, evid != 0, &mdv, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    if (isnan(time) || time < 0)
        return obs_fail(err, nm->obs, nm->line, "TIME", isnan(time) ? "empty" : "%s is negative",
                        cell_of(nm, NM_TIME));
    time *= nm->hours;
    if (evid == 1 || evid == 4)
        return evid == 4 ? obs_fail(err, nm->obs, nm->line, "EVID",
                                    "4 (reset and dose) is not supported")
                         : nm_dose(nm, arm, id, time, cmt, err);
    if (evid != 0 || mdv != 0)
        return EXOPK_OK;       /* EVID 2 and missing DV: no data */
    return nm_observation(nm, arm, id, time, cmt, err);
}

static int
same_dose(const ExopkDosingLine *a, const ExopkDosingLine *b)
{
    return a->dose.time == b->dose.time && a->dose.amount == b->dose.amount &&
           a->dose.unit == b->dose.unit && a->dose.formulation == b->dose.formulation &&
           a->dose.agent == b->dose.agent && a->dose.duration == b->dose.duration &&
           a->every == b->every && a->count == b->count;
}

/* The doses of @arm's first ID become its lines; other IDs must match. */
static ExopkStatus
arm_lines(Nm *nm, ObsArmLines *al, ExopkError *err)
{
    const char *first = NULL;
    size_t n_first = 0;

    for (size_t i = 0; i < nm->n_doses; i++)
        if (strcmp(nm->doses[i].arm, al->arm) == 0 &&
            (first == NULL || strcmp(nm->doses[i].id, first) == 0)) {
            first = nm->doses[i].id;
            al->lines[n_first++] = nm->doses[i].line_rec;
        }
    al->n = n_first;
    for (size_t i = 0, k = 0; i < nm->n_doses; i++) {
        const NmDose *d = &nm->doses[i];
        if (strcmp(d->arm, al->arm) != 0 || strcmp(d->id, first) == 0)
            continue;
        k = (i > 0 && strcmp(nm->doses[i - 1].id, d->id) == 0) ? k + 1 : 0;
        if (k >= n_first || !same_dose(&al->lines[k], &d->line_rec))
            return obs_fail(err, nm->obs, d->line, NULL,
                            "ID %s is dosed differently from ID %s of arm %s (exopk simulates "
                            "one typical subject per arm)", d->id, first, al->arm);
    }
    return EXOPK_OK;
}

static ExopkStatus
nm_collect_lines(Nm *nm, ExopkError *err)
{
    ExopkObserved *obs = nm->obs;

    obs->arm_lines = calloc(nm->n_doses + 1, sizeof *obs->arm_lines);
    if (obs->arm_lines == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
    for (size_t i = 0; i < nm->n_doses; i++) {
        ObsArmLines *al;
        size_t n;
        if (exopk_observed_arm_lines(obs, nm->doses[i].arm, &n) != NULL)
            continue;
        al = &obs->arm_lines[obs->n_arm_lines++];
        snprintf(al->arm, sizeof al->arm, "%s", nm->doses[i].arm);
        al->line = nm->doses[i].line;
        al->lines = calloc(nm->n_doses, sizeof *al->lines);
        if (al->lines == NULL)
            return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
        al->n = 1;             /* found by exopk_observed_arm_lines from here on */
        if (arm_lines(nm, al, err) != EXOPK_OK)
            return EXOPK_EINVAL;
    }
    return EXOPK_OK;
}

static ExopkStatus
nm_time_unit(Nm *nm, ExopkError *err)
{
    char buf[80];
    ExopkError e;

    nm->hours = 1.0;
    if (nm->map->time_unit == NULL)
        return EXOPK_OK;
    snprintf(buf, sizeof buf, "1 %s", nm->map->time_unit);
    if (exopk_units_parse_as(buf, EXOPK_KIND_TIME, &nm->hours, &e) != EXOPK_OK)
        return exopk_error_set(err, EXOPK_EINVAL, "%s: time unit \"%s\": %s", nm->obs->path,
                               nm->map->time_unit, e.message);
    return EXOPK_OK;
}

ExopkObserved *
exopk_observed_read_nonmem(const char *path, const ExopkNonmemMap *map, const ExopkStudy *study,
                           ExopkError *err)
{
    Nm nm = { .map = map, .study = study };
    ObsCsv csv;
    ExopkStatus st;

    nm.obs = obs_new(path, err);
    if (nm.obs == NULL)
        return NULL;
    st = nm_time_unit(&nm, err);
    if (st == EXOPK_OK)
        st = obs_csv_open(&csv, nm.obs, err);
    if (st == EXOPK_OK) {
        st = nm_header(&nm, &csv, err);
        while (st == EXOPK_OK && obs_csv_next(&csv))
            st = nm_row(&nm, &csv, err);
        obs_csv_close(&csv);
    }
    if (st == EXOPK_OK)
        st = nm_collect_lines(&nm, err);
    free(nm.doses);
    obs_finish(nm.obs);
    if (st == EXOPK_OK)
        st = exopk_observed_check_arms(nm.obs, study, err);
    if (st != EXOPK_OK) {
        exopk_observed_free(nm.obs);
        return NULL;
    }
    return nm.obs;
}
