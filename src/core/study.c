/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The study: ownership helpers and resolution of effective parameters
 * (species scaling, derived values, overrides). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/study.h"
#include "study-private.h"

ExopkStudy *
exopk_study_new(void)
{
    ExopkStudy *s = calloc(1, sizeof *s);

    if (s == NULL)
        return NULL;
    s->rtol = 1e-6;
    s->atol_scale = 1e-12;
    s->output_every = 1.0;
    return s;
}

void
exopk_study_free(ExopkStudy *study)
{
    if (study == NULL)
        return;
    for (size_t i = 0; i < study->n_arms; i++) {
        free(study->arms[i].doses);
        free(study->arms[i].lines);
    }
    free(study->arms);
    free(study->formulations);
    free(study->overrides);
    free(study);
}

int
exopk_study_add_formulation(ExopkStudy *study, const ExopkFormulation *f)
{
    ExopkFormulation *grown =
        realloc(study->formulations, (study->n_formulations + 1) * sizeof *grown);

    if (grown == NULL)
        return -1;
    study->formulations = grown;
    grown[study->n_formulations] = *f;
    return (int) study->n_formulations++;
}

/* Whether dose @c of @line falls within @horizon. */
static int
dose_within(const ExopkDosingLine *line, long c, double horizon)
{
    return line->dose.time + (double) c * line->every <= horizon * (1 + 1e-12);
}

long
exopk_dosing_line_doses_within(const ExopkDosingLine *line, double horizon)
{
    double n;
    long kept;

    if (line->count < 1 || !dose_within(line, 0, horizon))
        return 0;
    if (!(line->every > 0))
        return line->count;
    /* closed form, then nudged onto the exact test: O(1) for any count */
    n = floor((horizon * (1 + 1e-12) - line->dose.time) / line->every) + 1;
    kept = n < (double) line->count ? (long) n : line->count;
    while (kept > 1 && !dose_within(line, kept - 1, horizon))
        kept--;
    while (kept < line->count && dose_within(line, kept, horizon))
        kept++;
    return kept;
}

typedef struct {
    double time;
    size_t k;
} DoseKey;

static int
cmp_dose_key(const void *a, const void *b)
{
    const DoseKey *x = a, *y = b;

    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Sorts @doses by time, stably (ties keep their order): O(n log n), as an
 * arm may hold EXOPK_MAX_DOSES doses from interleaved lines. */
static int
sort_doses(ExopkDose *doses, size_t n)
{
    DoseKey *keys = malloc((n ? n : 1) * sizeof *keys);
    ExopkDose *copy = malloc((n ? n : 1) * sizeof *copy);

    if (keys == NULL || copy == NULL) {
        free(keys);
        free(copy);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        keys[i] = (DoseKey) { doses[i].time, i };
    qsort(keys, n, sizeof *keys, cmp_dose_key);
    memcpy(copy, doses, n * sizeof *doses);
    for (size_t i = 0; i < n; i++)
        doses[i] = copy[keys[i].k];
    free(keys);
    free(copy);
    return 0;
}

/* Expands the arm's lines into doses: repeats, drops doses past the
 * horizon, sorts by time keeping the order of lines at equal times.
 * -1 on ENOMEM, -2 for more than EXOPK_MAX_DOSES doses. */
int
study_arm_expand(ExopkArm *arm, double horizon)
{
    size_t total = 0, k = 0;
    ExopkDose *doses;

    for (size_t i = 0; i < arm->n_lines; i++) {
        total += (size_t) exopk_dosing_line_doses_within(&arm->lines[i], horizon);
        if (total > EXOPK_MAX_DOSES)
            return -2;
    }
    doses = malloc((total ? total : 1) * sizeof *doses);
    if (doses == NULL)
        return -1;
    for (size_t i = 0; i < arm->n_lines; i++) {
        const ExopkDosingLine *line = &arm->lines[i];
        long kept = exopk_dosing_line_doses_within(line, horizon);
        for (long c = 0; c < kept; c++) {
            doses[k] = line->dose;
            doses[k++].time = line->dose.time + (double) c * line->every;
        }
    }
    if (sort_doses(doses, total) != 0) {
        free(doses);
        return -1;
    }
    free(arm->doses);
    arm->doses = doses;
    arm->n_doses = total;
    return 0;
}

int
exopk_study_add_arm_lines(ExopkStudy *study, const char *name, const ExopkDosingLine *lines,
                          size_t n_lines)
{
    ExopkArm *grown = realloc(study->arms, (study->n_arms + 1) * sizeof *grown);
    ExopkArm *arm;

    if (grown == NULL)
        return -1;
    study->arms = grown;
    arm = &grown[study->n_arms];
    memset(arm, 0, sizeof *arm);
    snprintf(arm->name, sizeof arm->name, "%s", name);
    arm->lines = malloc((n_lines ? n_lines : 1) * sizeof *arm->lines);
    if (arm->lines == NULL)
        return -1;
    if (n_lines > 0)
        memcpy(arm->lines, lines, n_lines * sizeof *lines);
    arm->n_lines = n_lines;
    {
        int st = study_arm_expand(arm, study->horizon);
        if (st != 0) {
            free(arm->lines);
            return st;
        }
    }
    return (int) study->n_arms++;
}

int
exopk_study_set_arm_lines(ExopkStudy *study, size_t arm, const ExopkDosingLine *lines,
                          size_t n_lines)
{
    ExopkArm next = study->arms[arm];
    int st;

    next.lines = malloc((n_lines ? n_lines : 1) * sizeof *next.lines);
    if (next.lines == NULL)
        return -1;
    if (n_lines > 0)
        memcpy(next.lines, lines, n_lines * sizeof *lines);
    next.n_lines = n_lines;
    next.doses = NULL;
    st = study_arm_expand(&next, study->horizon);
    if (st != 0) {
        free(next.lines);
        return st;
    }
    free(study->arms[arm].lines);
    free(study->arms[arm].doses);
    study->arms[arm] = next;
    return 0;
}

int
exopk_study_add_arm(ExopkStudy *study, const char *name, const ExopkDose *doses, size_t n_doses)
{
    ExopkDosingLine *lines = calloc(n_doses ? n_doses : 1, sizeof *lines);
    int i;

    if (lines == NULL)
        return -1;
    for (size_t k = 0; k < n_doses; k++) {
        lines[k].dose = doses[k];
        lines[k].count = 1;
    }
    i = exopk_study_add_arm_lines(study, name, lines, n_doses);
    free(lines);
    return i;
}

ExopkStudy *
exopk_study_copy(const ExopkStudy *study)
{
    ExopkStudy *c = malloc(sizeof *c);

    if (c == NULL)
        return NULL;
    *c = *study;
    c->formulations = NULL;
    c->arms = NULL;
    c->overrides = NULL;
    c->n_arms = 0;
    if (study->n_formulations > 0) {
        c->formulations = malloc(study->n_formulations * sizeof *c->formulations);
        if (c->formulations == NULL)
            goto oom;
        memcpy(c->formulations, study->formulations,
               study->n_formulations * sizeof *c->formulations);
    }
    if (study->n_overrides > 0) {
        c->overrides = malloc(study->n_overrides * sizeof *c->overrides);
        if (c->overrides == NULL)
            goto oom;
        memcpy(c->overrides, study->overrides, study->n_overrides * sizeof *c->overrides);
    }
    for (size_t a = 0; a < study->n_arms; a++) {
        if (exopk_study_add_arm_lines(c, study->arms[a].name, study->arms[a].lines,
                                      study->arms[a].n_lines) < 0)
            goto oom;
        c->arms[a].dosed_by_data = study->arms[a].dosed_by_data;
    }
    return c;
oom:
    exopk_study_free(c);
    return NULL;
}

int
exopk_study_find_agent(const ExopkStudy *study, const char *name)
{
    for (size_t i = 0; i < study->n_agents; i++)
        if (strcmp(study->agent_ref[i].name, name) == 0)
            return (int) i;
    return -1;
}

int
exopk_study_add_agent(ExopkStudy *study, const ExopkAgent *agent)
{
    int i = exopk_study_find_agent(study, agent->name);

    if (i >= 0)
        return i;
    if (study->n_agents >= EXOPK_MAX_AGENTS)
        return -1;
    study->agent_ref[study->n_agents] = *agent;
    study->agents[study->n_agents] = *agent;
    return (int) study->n_agents++;
}

int
exopk_study_add_override(ExopkStudy *study, const char *path, double value)
{
    ExopkOverride *grown =
        realloc(study->overrides, (study->n_overrides + 1) * sizeof *grown);

    if (grown == NULL)
        return -1;
    study->overrides = grown;
    snprintf(grown[study->n_overrides].path, sizeof grown->path, "%s", path);
    grown[study->n_overrides].value = value;
    return (int) study->n_overrides++;
}

/* ---- override paths --------------------------------------------------- */

/* A path names a group, optionally an instance ("carrier.msc.k_pt"), and a
 * key.  These helpers find the override for one (group prefix, instance,
 * key); the instance-specific path wins over the general one. */
static const double *
find_override(const ExopkStudy *s, const char *prefix, const char *instance, const char *key)
{
    char general[160], specific[160];
    const double *found = NULL;

    snprintf(general, sizeof general, "%s.%s", prefix, key);
    snprintf(specific, sizeof specific, "%s.%s.%s", prefix, instance ? instance : "", key);
    for (size_t i = 0; i < s->n_overrides; i++) {
        if (instance != NULL && strcmp(s->overrides[i].path, specific) == 0)
            return &s->overrides[i].value;
        if (strcmp(s->overrides[i].path, general) == 0)
            found = &s->overrides[i].value;
    }
    return found;
}

/* Applies every override of @group's fields whose role is in @roles. */
static void
apply_overrides(const ExopkStudy *s, ExopkParamGroup group, const char *prefix,
                const char *instance, void *record, int want_derived)
{
    size_t n;
    const ExopkParamField *f = exopk_param_fields(group, &n);

    for (size_t i = 0; i < n; i++) {
        const double *v;

        if ((f[i].role == EXOPK_FIELD_DERIVED) != (want_derived != 0))
            continue;
        v = find_override(s, prefix, instance, f[i].key);
        if (v != NULL)
            *(double *) ((char *) record + f[i].offset) = *v;
    }
}

/* Every valid override path of @s, for checking and suggestions.  Returns
 * a malloc'd array of malloc'd strings; *n gets the count. */
char **
study_valid_paths(const ExopkStudy *s, size_t *n)
{
    size_t cap = 512, count = 0;
    char **paths = malloc(cap * sizeof *paths);

#define ADD(...)                                                              \
    do {                                                                      \
        if (count == cap) {                                                   \
            char **g = realloc(paths, (cap *= 2) * sizeof *paths);            \
            if (g == NULL)                                                    \
                goto oom;                                                     \
            paths = g;                                                        \
        }                                                                     \
        if ((paths[count] = malloc(160)) == NULL)                             \
            goto oom;                                                         \
        snprintf(paths[count++], 160, __VA_ARGS__);                           \
    } while (0)

    if (paths == NULL)
        return NULL;
    {
        size_t nf;
        const ExopkParamField *f = exopk_param_fields(EXOPK_GROUP_SUBJECT, &nf);
        for (size_t i = 0; i < nf; i++)
            ADD("species.%s", f[i].key);
        f = exopk_param_fields(EXOPK_GROUP_SPECIES, &nf);
        for (size_t i = 0; i < nf; i++)
            ADD("species.%s", f[i].key);
        f = exopk_param_fields(EXOPK_GROUP_CARRIER, &nf);
        for (size_t i = 0; i < nf; i++) {
            ADD("carrier.%s", f[i].key);
            for (size_t k = 0; k < s->n_formulations; k++)
                ADD("carrier.%s.%s", s->formulations[k].carrier_ref.name, f[i].key);
        }
        f = exopk_param_fields(EXOPK_GROUP_LOADING, &nf);
        for (size_t i = 0; i < nf; i++) {
            ADD("loading.%s", f[i].key);
            for (size_t k = 0; k < s->n_formulations; k++)
                ADD("loading.%s.%s", s->formulations[k].method_ref.name, f[i].key);
        }
        f = exopk_param_fields(EXOPK_GROUP_AGENT, &nf);
        for (size_t a = 0; a < s->n_agents; a++)
            for (size_t i = 0; i < nf; i++)
                if (EXOPK_FIELD_FOR_CLASS(&f[i], s->agent_ref[a].cargo_class))
                    ADD("%s.%s", s->agent_ref[a].name, f[i].key);
        if (s->has_tumour) {
            f = exopk_param_fields(EXOPK_GROUP_TUMOUR, &nf);
            for (size_t i = 0; i < nf; i++)
                ADD("tumour.%s", f[i].key);
        }
        f = exopk_param_fields(EXOPK_GROUP_LIGAND, &nf);
        for (size_t k = 0; k < s->n_ligands; k++)
            for (size_t i = 0; i < nf; i++)
                ADD("ligand.%s.%s", s->ligand_ref[k].name, f[i].key);
    }
#undef ADD
    *n = count;
    return paths;
oom:
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
    return NULL;
}

void
study_free_paths(char **paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
}

const ExopkParamField *
exopk_study_path_field(const ExopkStudy *s, const char *path)
{
    const char *key = strrchr(path, '.');
    const char *first_dot = strchr(path, '.');
    char head[EXOPK_NAME_MAX + 8];
    size_t hl;

    if (key == NULL)
        return NULL;
    key++;
    hl = (size_t) (first_dot - path);
    if (hl >= sizeof head)
        return NULL;
    memcpy(head, path, hl);
    head[hl] = '\0';
    if (strcmp(head, "species") == 0) {
        const ExopkParamField *f = exopk_param_field(EXOPK_GROUP_SUBJECT, key);
        return f != NULL ? f : exopk_param_field(EXOPK_GROUP_SPECIES, key);
    }
    if (strcmp(head, "carrier") == 0)
        return exopk_param_field(EXOPK_GROUP_CARRIER, key);
    if (strcmp(head, "loading") == 0)
        return exopk_param_field(EXOPK_GROUP_LOADING, key);
    if (strcmp(head, "tumour") == 0)
        return exopk_param_field(EXOPK_GROUP_TUMOUR, key);
    if (strcmp(head, "ligand") == 0)
        return exopk_param_field(EXOPK_GROUP_LIGAND, key);
    if (exopk_study_find_agent(s, head) >= 0)
        return exopk_param_field(EXOPK_GROUP_AGENT, key);
    return NULL;
}

/* The record of group @head that @path ("carrier.msc.k_pt" or
 * "carrier.k_pt") reads in resolved @s: the named formulation's, else the
 * first one's.  NULL if there is none. */
static const void *
formulation_record(const ExopkStudy *s, const char *path, int loading)
{
    const char *mid = strchr(path, '.') + 1, *last = strrchr(path, '.');

    for (size_t k = 0; k < s->n_formulations; k++) {
        const ExopkFormulation *f = &s->formulations[k];
        const char *name = loading ? f->method_ref.name : f->carrier_ref.name;
        if (mid < last && strlen(name) == (size_t) (last - mid) &&
            strncmp(mid, name, (size_t) (last - mid)) == 0)
            return loading ? (const void *) &f->method : (const void *) &f->carrier;
    }
    if (mid < last || s->n_formulations == 0)
        return NULL;
    return loading ? (const void *) &s->formulations[0].method
                   : (const void *) &s->formulations[0].carrier;
}

/* The effective ligand "ligand.NAME.key" names, or NULL. */
static const void *
ligand_record(const ExopkStudy *s, const char *path)
{
    const char *mid = path + 7, *last = strrchr(path, '.');

    for (size_t k = 0; k < s->n_ligands; k++)
        if (mid < last && strlen(s->ligands[k].name) == (size_t) (last - mid) &&
            strncmp(mid, s->ligands[k].name, (size_t) (last - mid)) == 0)
            return &s->ligands[k];
    return NULL;
}

const double *
study_path_value(const ExopkStudy *s, const char *path)
{
    const ExopkParamField *f = exopk_study_path_field(s, path);
    const void *record = NULL;
    size_t hl = (size_t) (strchr(path, '.') - path);
    int agent;

    if (f == NULL)
        return NULL;
    for (size_t i = 0; i < s->n_overrides; i++)
        if (strcmp(s->overrides[i].path, path) == 0)
            return &s->overrides[i].value;
    if (strncmp(path, "species.", 8) == 0)
        record = f == exopk_param_field(EXOPK_GROUP_SUBJECT, f->key) ? (const void *) &s->subject
                                                                     : (const void *) &s->species;
    else if (strncmp(path, "carrier.", 8) == 0 || strncmp(path, "loading.", 8) == 0)
        record = formulation_record(s, path, path[0] == 'l');
    else if (strncmp(path, "tumour.", 7) == 0)
        record = s->has_tumour ? &s->tumour : NULL;
    else if (strncmp(path, "ligand.", 7) == 0)
        record = ligand_record(s, path);
    else {
        for (agent = 0; agent < (int) s->n_agents; agent++)
            if (strlen(s->agents[agent].name) == hl && strncmp(s->agents[agent].name, path, hl) == 0)
                break;
        record = agent < (int) s->n_agents ? &s->agents[agent] : NULL;
    }
    return record != NULL ? (const double *) ((const char *) record + f->offset) : NULL;
}

/* Checks @path against @paths (the study's valid paths). */
static ExopkStatus
check_path_in(char *const *paths, size_t n, const char *path, ExopkError *err)
{
    const char *near;

    for (size_t i = 0; i < n; i++)
        if (strcmp(paths[i], path) == 0)
            return EXOPK_OK;
    near = exopk_nearest_name(path, (const char *const *) paths, n);
    if (near != NULL)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "unknown parameter \"%s\" (did you mean \"%s\"?)", path, near);
    return exopk_error_set(err, EXOPK_EINVAL,
                           "unknown parameter \"%s\" (exopk params lists them)", path);
}

/* Checks @path against the study's valid paths. */
static ExopkStatus
check_path(const ExopkStudy *s, const char *path, ExopkError *err)
{
    size_t n = 0;
    char **paths = study_valid_paths(s, &n);
    ExopkStatus st;

    if (paths == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    st = check_path_in(paths, n, path, err);
    study_free_paths(paths, n);
    return st;
}

ExopkStatus
study_check_paths(const ExopkStudy *s, ExopkError *err)
{
    size_t n = 0;
    char **paths;
    ExopkStatus st = EXOPK_OK;

    if (s->n_overrides == 0)
        return EXOPK_OK;
    if ((paths = study_valid_paths(s, &n)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t i = 0; i < s->n_overrides && st == EXOPK_OK; i++)
        st = check_path_in(paths, n, s->overrides[i].path, err);
    study_free_paths(paths, n);
    return st;
}

ExopkStatus
exopk_study_param_kind(const ExopkStudy *study, const char *path, ExopkUnitKind *kind,
                       ExopkError *err)
{
    ExopkStatus st = check_path(study, path, err);
    const ExopkParamField *f;

    if (st != EXOPK_OK)
        return st;
    f = exopk_study_path_field(study, path);
    if (f == NULL)
        return exopk_error_set(err, EXOPK_EINVAL, "unknown parameter \"%s\"", path);
    *kind = f->kind;
    return EXOPK_OK;
}

/* ---- resolution -------------------------------------------------------- */

static ExopkStatus
resolve_subject(ExopkStudy *s, ExopkError *err)
{
    ExopkSpecies sp = s->species;
    ExopkSubject *sub = &s->subject;
    double w = s->weight > 0 ? s->weight : sp.body_weight;

    apply_overrides(s, EXOPK_GROUP_SPECIES, "species", NULL, &sp, 0);
    if (!(w > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "subject.weight: must be positive");
    sub->weight = w;
    sub->plasma_volume = sp.plasma_volume_per_kg * w;
    sub->cardiac_output = sp.cardiac_output * pow(w / sp.cardiac_output_weight, 0.75);
    sub->km_factor = sp.km_factor;
    apply_overrides(s, EXOPK_GROUP_SUBJECT, "species", NULL, sub, 1);
    /* heart flow follows an overridden cardiac output */
    sub->q_heart = sp.heart_flow_fraction * sub->cardiac_output;
    sub->v_heart = sp.heart_weight_fraction * sub->weight; /* density 1 kg/L */
    apply_overrides(s, EXOPK_GROUP_SUBJECT, "species", NULL, sub, 1);
    return EXOPK_OK;
}

static void
resolve_carrier(ExopkStudy *s, ExopkFormulation *f)
{
    ExopkCarrier c = f->carrier_ref;
    /* Body-level transport slows with size like other first-order
     * physiology (rates ~ BW^-0.25); cellular rates do not scale. */
    double g = pow(s->subject.weight / c.reference_weight, -0.25);
    const double *v;

    c.k_mps *= g;
    c.k_cl *= g;
    c.k_pt *= g;
    c.k_tp *= g;
    c.k_a_ip *= g;
    apply_overrides(s, EXOPK_GROUP_CARRIER, "carrier", c.name, &c, 0);
    c.vmax_mps = c.k_mps * c.km_mps * s->subject.plasma_volume;
    v = find_override(s, "carrier", c.name, "vmax_mps");
    if (v != NULL)
        c.vmax_mps = *v;
    f->carrier = c;
    f->method = f->method_ref;
    apply_overrides(s, EXOPK_GROUP_LOADING, "loading", f->method.name, &f->method, 0);
}

static double
tumour_ic50(const ExopkTumour *t, const char *agent)
{
    for (size_t i = 0; i < t->n_ic50; i++)
        if (strcmp(t->ic50_agent[i], agent) == 0)
            return t->ic50[i];
    return NAN;
}

/* The agent's own rho (tumour key rho_agent), else the tumour's. */
static double
tumour_rho(const ExopkTumour *t, const char *agent)
{
    for (size_t i = 0; i < t->n_rho_agent; i++)
        if (strcmp(t->rho_agent_name[i], agent) == 0)
            return t->rho_agent[i];
    return t->rho;
}

static ExopkStatus
resolve_agent(ExopkStudy *s, size_t i, ExopkError *err)
{
    ExopkAgent a = s->agent_ref[i];
    double r = s->subject.weight / a.reference_weight;
    double flow = pow(r, 0.75);
    const double *o;

    a.v1 *= r;
    a.v2 *= r;
    a.v3 *= r;
    a.cl *= flow;
    a.q2 *= flow;
    a.q3 *= flow;
    a.cl_renal *= flow;
    apply_overrides(s, EXOPK_GROUP_AGENT, a.name, NULL, &a, 0);
    a.vmax_pgp = 0;
    a.ec50 = 0;
    a.rho = 0;
    if (s->has_tumour && a.cargo_class == EXOPK_CLASS_SMALL_MOLECULE) {
        /* docs/model.md §9.1, data/README.md "Default calibration": choose Vmax/Km so that resistant cells
         * (P-gp level P_R, vesicular export) hold resistant_accumulation of
         * the sensitive cells' drug at low concentration:
         * k_in/(k_out + k_vexp + P_R v) = r k_in/(k_out + v). */
        double ra = a.resistant_accumulation, pr = s->tumour.pgp_resistant;
        double v = (a.k_out - ra * (a.k_out + a.k_vexp)) / (ra * pr - 1.0);
        double ic50 = tumour_ic50(&s->tumour, a.name);

        o = find_override(s, a.name, NULL, "vmax_pgp");
        if (o != NULL) {
            a.vmax_pgp = *o;
        } else {
            if (!(ra * pr > 1.0) || !(v >= 0))
                return exopk_error_set(err, EXOPK_EINVAL,
                    "%s.resistant_accumulation: %g cannot be reached with tumour.pgp_resistant %g "
                    "(needs pgp_resistant > %g)", a.name, ra, pr,
                    ra > 0 ? (a.k_out + ra * a.k_vexp) / (ra * a.k_out) : INFINITY);
            a.vmax_pgp = v * a.km_pgp;
        }
        o = find_override(s, a.name, NULL, "ec50");
        if (o != NULL) {
            a.ec50 = *o;
        } else {
            if (isnan(ic50))
                return exopk_error_set(err, EXOPK_EINVAL,
                                       "tumour %s has no ic50 for agent %s", s->tumour.name, a.name);
            /* intracellular EC50 = medium IC50 x sensitive accumulation ratio */
            a.ec50 = ic50 * a.k_in / (a.k_out + a.vmax_pgp / a.km_pgp);
        }
        o = find_override(s, a.name, NULL, "rho");
        a.rho = o != NULL ? *o : tumour_rho(&s->tumour, a.name);
    }
    s->agents[i] = a;
    return EXOPK_OK;
}

ExopkStatus
study_derive(ExopkStudy *s, ExopkError *err)
{
    ExopkStatus st;

    if ((st = resolve_subject(s, err)) != EXOPK_OK)
        return st;
    if (s->has_tumour) {
        s->tumour = s->tumour_ref;
        apply_overrides(s, EXOPK_GROUP_TUMOUR, "tumour", NULL, &s->tumour, 0);
    }
    for (size_t i = 0; i < s->n_formulations; i++)
        resolve_carrier(s, &s->formulations[i]);
    for (size_t i = 0; i < s->n_ligands; i++) {
        s->ligands[i] = s->ligand_ref[i];
        apply_overrides(s, EXOPK_GROUP_LIGAND, "ligand", s->ligands[i].name, &s->ligands[i], 0);
    }
    for (size_t i = 0; i < s->n_agents; i++)
        if ((st = resolve_agent(s, i, err)) != EXOPK_OK)
            return st;
    if ((st = study_check_domains(s, err)) != EXOPK_OK)
        return st;
    return exopk_study_check_settings(s, err);
}

ExopkStatus
exopk_study_resolve(ExopkStudy *s, ExopkError *err)
{
    ExopkStatus st = study_check_paths(s, err);

    return st != EXOPK_OK ? st : study_derive(s, err);
}

/* ---- set: one change for a run ---------------------------------------- */

/* Sets override @path (checked) to @value: the first override of that path
 * if there is one, else a new one; the study is resolved again. */
static ExopkStatus
set_override(ExopkStudy *s, const char *path, double value, ExopkError *err)
{
    for (size_t i = 0; i < s->n_overrides; i++)
        if (strcmp(s->overrides[i].path, path) == 0) {
            s->overrides[i].value = value;
            return exopk_study_resolve(s, err);
        }
    if (exopk_study_add_override(s, path, value) < 0)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    return exopk_study_resolve(s, err);
}

/* "offered" or "offered_<agent>": the cargo of the formulation of the
 * first dosing line. */
static ExopkStatus
offered_target(const ExopkStudy *s, const ExopkArm *arm, const char *name, StudySetTarget *t,
               ExopkError *err)
{
    const ExopkDosingLine *line = arm->n_lines > 0 ? &arm->lines[0] : NULL;
    const ExopkFormulation *f;
    size_t c = 0;

    if (line == NULL || line->dose.formulation < 0)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "set %s: the first dosing line of arm %s gives no formulation",
                               name, arm->name);
    f = &s->formulations[line->dose.formulation];
    if (name[7] == '_') {
        for (c = 0; c < f->n_cargo; c++)
            if (strcmp(s->agents[f->cargo[c].agent].name, name + 8) == 0)
                break;
        if (c == f->n_cargo)
            return exopk_error_set(err, EXOPK_EINVAL, "set %s: formulation %s carries no %s",
                                   name, f->name, name + 8);
    }
    t->kind = STUDY_SET_OFFERED;
    t->formulation = line->dose.formulation;
    t->cargo = c;
    return EXOPK_OK;
}

ExopkStatus
study_set_target(const ExopkStudy *s, size_t arm_index, const char *name, StudySetTarget *t,
                 ExopkError *err)
{
    static const char *const names[] = { "dose", "every", "at", "over", "count", "offered" };
    const ExopkArm *arm = &s->arms[arm_index];
    const char *near;

    memset(t, 0, sizeof *t);
    t->formulation = -1;
    if (strncmp(name, "offered", 7) == 0 && (name[7] == '\0' || name[7] == '_'))
        return offered_target(s, arm, name, t, err);
    for (int k = STUDY_SET_DOSE; k <= STUDY_SET_COUNT; k++)
        if (strcmp(name, names[k]) == 0) {
            if (arm->n_lines == 0)
                return exopk_error_set(err, EXOPK_EINVAL, "set %s: arm %s has no dosing line",
                                       name, arm->name);
            t->kind = (StudySetKind) k;
            return EXOPK_OK;
        }
    if (strncmp(name, "offered", 7) != 0 && strchr(name, '.') != NULL) {
        t->kind = STUDY_SET_PATH;
        t->field = exopk_study_path_field(s, name);
        return check_path(s, name, err);
    }
    near = exopk_nearest_name(name, names, sizeof names / sizeof *names);
    return exopk_error_set(err, EXOPK_EINVAL,
                           "set: unknown name \"%s\"%s%s%s (dose, every, at, over, count, "
                           "offered, offered_<agent>, or a parameter path)",
                           name, near ? " (did you mean \"" : "", near ? near : "",
                           near ? "\"?)" : "");
}

ExopkStatus
study_set_check(const StudySetTarget *t, const char *name, const ExopkDosingLine *line,
                double value, ExopkError *err)
{
    double whole = nearbyint(value);

    switch (t->kind) {
    case STUDY_SET_DOSE:
    case STUDY_SET_AT:
    case STUDY_SET_OFFERED:
        if (!(value >= 0))
            return exopk_error_set(err, EXOPK_EINVAL, "set %s: must not be negative", name);
        return EXOPK_OK;
    case STUDY_SET_EVERY:
        if (!(value > 0))
            return exopk_error_set(err, EXOPK_EINVAL, "set every: must be positive");
        return EXOPK_OK;
    case STUDY_SET_OVER:
        if (!(value >= 0))
            return exopk_error_set(err, EXOPK_EINVAL, "set over: must not be negative");
        if (value > 0 && line->dose.route != EXOPK_ROUTE_IV)
            return exopk_error_set(err, EXOPK_EINVAL, "set over: only an iv dose is infused");
        return EXOPK_OK;
    case STUDY_SET_COUNT:
        if (!(value >= 1) || fabs(value - whole) > 1e-9)
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "set count: %g is not a whole number >= 1", value);
        /* before any conversion: a huge count would overflow long */
        if (whole > EXOPK_MAX_DOSES)
            return exopk_error_set(err, EXOPK_EINVAL, "set count: %g is more than %d doses",
                                   value, EXOPK_MAX_DOSES);
        if (whole > 1 && !(line->every > 0))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "set count: %ld doses need an interval (set every)",
                                   (long) whole);
        return EXOPK_OK;
    default:
        return EXOPK_OK;
    }
}

void
study_line_assign(ExopkDosingLine *line, StudySetKind kind, double value)
{
    switch (kind) {
    case STUDY_SET_DOSE:
        line->dose.amount = value;
        line->dose_text[0] = '\0';
        break;
    case STUDY_SET_EVERY: line->every = value; break;
    case STUDY_SET_AT: line->dose.time = value; break;
    case STUDY_SET_OVER: line->dose.duration = value; break;
    case STUDY_SET_COUNT: line->count = (long) nearbyint(value); break;
    default: break;
    }
}

ExopkStatus
study_arm_expand_set(ExopkArm *arm, double horizon, const char *name, ExopkError *err)
{
    switch (study_arm_expand(arm, horizon)) {
    case 0: return EXOPK_OK;
    case -2:
        return exopk_error_set(err, EXOPK_EINVAL,
                               "set %s: arm %s would give more than %d doses within the "
                               "horizon", name, arm->name, EXOPK_MAX_DOSES);
    default:
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
}

/* A change to the first dosing line; the arm is expanded again, and left
 * as it was if that fails. */
static ExopkStatus
set_line(ExopkStudy *s, ExopkArm *arm, StudySetKind kind, const char *name, double value,
         ExopkError *err)
{
    ExopkDosingLine *line = &arm->lines[0], old = *line;
    ExopkStatus st = study_set_check(&(StudySetTarget) { .kind = kind }, name, line, value, err);

    if (st != EXOPK_OK)
        return st;
    study_line_assign(line, kind, value);
    if ((st = study_arm_expand_set(arm, s->horizon, name, err)) != EXOPK_OK)
        *line = old;
    return st;
}

ExopkStatus
exopk_study_set(ExopkStudy *s, size_t arm_index, const char *name, double value, ExopkError *err)
{
    StudySetTarget t;
    ExopkStatus st;

    if (arm_index >= s->n_arms)
        return exopk_error_set(err, EXOPK_EINVAL, "no arm %zu", arm_index);
    if (!isfinite(value))
        return exopk_error_set(err, EXOPK_EINVAL, "set %s: %g is not a finite number", name, value);
    if ((st = study_set_target(s, arm_index, name, &t, err)) != EXOPK_OK)
        return st;
    switch (t.kind) {
    case STUDY_SET_PATH:
        return set_override(s, name, value, err);
    case STUDY_SET_OFFERED:
        if ((st = study_set_check(&t, name, NULL, value, err)) != EXOPK_OK)
            return st;
        s->formulations[t.formulation].cargo[t.cargo].offered = value;
        return EXOPK_OK;
    default:
        return set_line(s, &s->arms[arm_index], t.kind, name, value, err);
    }
}
