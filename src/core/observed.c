/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observed data: the long CSV reader and what every reader shares
 * (docs/study-files.md, "Observed data"). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "observed-private.h"

/* --- shared helpers -------------------------------------------------------- */

ExopkStatus
obs_fail(ExopkError *err, const ExopkObserved *obs, long line, const char *column,
         const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (column != NULL)
        return exopk_error_set(err, EXOPK_EINVAL, "%s:%ld: %s: %s", obs->path, line, column, msg);
    return exopk_error_set(err, EXOPK_EINVAL, "%s:%ld: %s", obs->path, line, msg);
}

int
obs_copy(char *buf, size_t size, const char *text)
{
    size_t n = strlen(text);

    if (n >= size)
        return -1;
    memcpy(buf, text, n + 1);
    return 0;
}

ExopkObserved *
obs_new(const char *path, ExopkError *err)
{
    ExopkObserved *obs = calloc(1, sizeof *obs);

    if (obs == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", path);
        return NULL;
    }
    snprintf(obs->path, sizeof obs->path, "%s", path);
    return obs;
}

ObsRow *
obs_add_row(ExopkObserved *obs, ExopkError *err)
{
    ObsRow *r;

    if (obs->n == obs->cap) {
        size_t cap = obs->cap ? 2 * obs->cap : 64;
        ObsRow *rows = realloc(obs->rows, cap * sizeof *rows);
        if (rows == NULL) {
            exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
            return NULL;
        }
        obs->rows = rows;
        obs->cap = cap;
    }
    r = &obs->rows[obs->n++];
    memset(r, 0, sizeof *r);
    r->value = r->sd = r->lloq = NAN;
    r->pub.time = NAN;
    r->pub.weight = 1.0;
    return r;
}

/* The rows no longer move: point the public records at their strings. */
void
obs_finish(ExopkObserved *obs)
{
    for (size_t i = 0; i < obs->n; i++) {
        ObsRow *r = &obs->rows[i];
        r->pub.arm = r->arm;
        r->pub.name = r->name;
        r->pub.id = r->id;
    }
}

ExopkStatus
obs_csv_open(ObsCsv *csv, const ExopkObserved *obs, ExopkError *err)
{
    struct stat st;
    FILE *f;
    size_t len = 0, cap = 0, got;

    memset(csv, 0, sizeof *csv);
    /* a study is other people's: a FIFO or a device could block or never end */
    if (stat(obs->path, &st) == 0 && !S_ISREG(st.st_mode))
        return exopk_error_set(err, EXOPK_EINVAL, "%s: not a regular file", obs->path);
    f = fopen(obs->path, "rb");
    if (f == NULL)
        return exopk_error_set(err, EXOPK_EIO, "%s: cannot open: %s", obs->path, strerror(errno));
    do {
        if (cap - len < 2) {
            char *t;
            if (cap >= OBS_FILE_MAX) {
                fclose(f);
                free(csv->text);
                return exopk_error_set(err, EXOPK_EINVAL, "%s: file too large", obs->path);
            }
            cap = cap ? 2 * cap : 16384;
            t = realloc(csv->text, cap);
            if (t == NULL) {
                fclose(f);
                free(csv->text);
                return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
            }
            csv->text = t;
        }
        got = fread(csv->text + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    fclose(f);
    csv->text[len] = '\0';
    if (memchr(csv->text, '\0', len) != NULL) {
        free(csv->text);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: not a text file (contains a NUL byte)",
                               obs->path);
    }
    csv->cursor = csv->text;
    if (strncmp(csv->cursor, "\xef\xbb\xbf", 3) == 0)
        csv->cursor += 3;              /* the byte-order mark spreadsheets write */
    return EXOPK_OK;
}

void
obs_csv_close(ObsCsv *csv)
{
    free(csv->text);
    csv->text = csv->cursor = NULL;
}

static char *
trim(char *s)
{
    char *end;

    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = '\0';
    return s;
}

int
obs_csv_next(ObsCsv *csv)
{
    while (csv->cursor != NULL && *csv->cursor != '\0') {
        char *line = csv->cursor, *nl = strchr(line, '\n'), *p;

        csv->cursor = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        csv->line++;
        line = trim(line);
        if (*line == '\0' || *line == '#')
            continue;
        csv->n_cells = 0;
        for (p = line;;) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            if (csv->n_cells < OBS_CELLS_MAX)
                csv->cell[csv->n_cells] = trim(p);
            csv->n_cells++;
            if (comma == NULL)
                break;
            p = comma + 1;
        }
        return 1;
    }
    return 0;
}

int
obs_number(const char *cell, double *out)
{
    char *end;

    if (*cell == '\0')
        return 0;
    errno = 0;
    *out = strtod(cell, &end);
    return *end == '\0' && isfinite(*out);
}

ExopkStatus
obs_unit_parse(const char *text, const char *column, ObsUnit *u, ExopkError *err)
{
    char buf[80];
    size_t n = strlen(text);
    ExopkQuantity q;

    memset(u, 0, sizeof *u);
    u->given = 1;
    snprintf(u->text, sizeof u->text, "%s", text);
    snprintf(u->column, sizeof u->column, "%s", column);
    if (n >= 48)
        return exopk_error_set(err, EXOPK_EINVAL, "unit \"%.20s...\" is too long", text);
    if (n > 5 && strcmp(text + n - 5, "/cell") == 0) {
        u->per_cell = 1;
        n -= 5;
    }
    snprintf(buf, sizeof buf, "1 %.*s", (int) n, text);
    if (exopk_quantity_parse(buf, &q, err) != EXOPK_OK)
        return err ? err->code : EXOPK_EINVAL;
    u->scale = q.value;
    memcpy(u->dim, q.dim, sizeof u->dim);
    return EXOPK_OK;
}

/* --- the long CSV ------------------------------------------------------------ */

enum { COL_ARM, COL_TIME, COL_NAME, COL_VALUE, COL_UNIT, COL_SD, COL_LLOQ, COL_ID, COL_WEIGHT,
       N_COLS };
static const char *const COLUMNS[N_COLS] = { "arm", "time", "name", "value", "unit", "sd",
                                             "lloq", "id", "weight" };

typedef struct {
    int at[N_COLS];            /* cell index of each column, -1 if absent */
    size_t n_cells;
    double hours_per_time;     /* from "time [d]"; 1 without a unit */
    ObsUnit value_unit;        /* from "value [nmol/L]"; given = 0 without */
    long line;
} Header;

/* "value [nmol/L]" -> key "value", unit "nmol/L" (NULL without brackets). */
static int
split_header_cell(char *cell, char **unit)
{
    char *open = strchr(cell, '['), *close;

    *unit = NULL;
    if (open == NULL)
        return 0;
    close = strchr(open, ']');
    if (close == NULL || close[1] != '\0')
        return -1;
    *close = '\0';
    *open = '\0';
    *unit = trim(open + 1);
    trim(cell);
    return 0;
}

static ExopkStatus
header_unit(ExopkObserved *obs, Header *h, int col, const char *unit, ExopkError *err)
{
    ExopkError e;

    if (col == COL_TIME) {
        char buf[80];
        double hours;
        ExopkQuantity q;
        snprintf(buf, sizeof buf, "1 %s", unit);
        if (exopk_quantity_parse(buf, &q, &e) != EXOPK_OK)
            return obs_fail(err, obs, h->line, "time", "%s", e.message);
        if (!exopk_quantity_is(&q, EXOPK_KIND_TIME) ||
            exopk_quantity_to(&q, EXOPK_KIND_TIME, &hours, &e) != EXOPK_OK)
            return obs_fail(err, obs, h->line, "time", "\"%s\" is not a unit of time", unit);
        h->hours_per_time = hours;
        return EXOPK_OK;
    }
    if (col == COL_VALUE) {
        if (obs_unit_parse(unit, "value", &h->value_unit, &e) != EXOPK_OK)
            return obs_fail(err, obs, h->line, "value", "%s", e.message);
        return EXOPK_OK;
    }
    return obs_fail(err, obs, h->line, COLUMNS[col],
                    "takes no unit (units go on time and value, or in a unit column)");
}

static ExopkStatus
read_header(ExopkObserved *obs, ObsCsv *csv, Header *h, ExopkError *err)
{
    static const int required[] = { COL_ARM, COL_TIME, COL_NAME, COL_VALUE };

    memset(h, 0, sizeof *h);
    for (int c = 0; c < N_COLS; c++)
        h->at[c] = -1;
    h->hours_per_time = 1.0;
    if (!obs_csv_next(csv))
        return exopk_error_set(err, EXOPK_EINVAL, "%s: empty (expected a header: arm,time,name,value)",
                               obs->path);
    h->line = csv->line;
    h->n_cells = csv->n_cells;
    if (csv->n_cells > OBS_CELLS_MAX)
        return obs_fail(err, obs, h->line, NULL, "more than %d columns", OBS_CELLS_MAX);
    for (size_t i = 0; i < csv->n_cells; i++) {
        char *unit, *key = csv->cell[i];
        int c = 0;
        if (split_header_cell(key, &unit) != 0)
            return obs_fail(err, obs, h->line, key, "a unit is written \"name [unit]\"");
        while (c < N_COLS && strcmp(COLUMNS[c], key) != 0)
            c++;
        if (c == N_COLS && strpbrk(key, ";\t") != NULL)
            return obs_fail(err, obs, h->line, NULL, "unknown column \"%s\" (cells are "
                            "separated by commas)", key);
        if (c == N_COLS) {
            const char *near = exopk_nearest_name(key, COLUMNS, N_COLS);
            return obs_fail(err, obs, h->line, NULL, "unknown column \"%s\"%s%s%s", key,
                            near ? " (did you mean \"" : "", near ? near : "",
                            near ? "\"?)" : "");
        }
        if (h->at[c] >= 0)
            return obs_fail(err, obs, h->line, NULL, "column \"%s\" appears twice", key);
        h->at[c] = (int) i;
        if (unit != NULL && header_unit(obs, h, c, unit, err) != EXOPK_OK)
            return EXOPK_EINVAL;
    }
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        if (h->at[required[k]] < 0)
            return obs_fail(err, obs, h->line, NULL,
                            "missing column \"%s\" (the header needs arm, time, name, value)",
                            COLUMNS[required[k]]);
    return EXOPK_OK;
}

/* A cell that is empty or a number >= 0 (sd, lloq); NAN when empty. */
static ExopkStatus
optional_nonnegative(ExopkObserved *obs, long line, const char *column, const char *cell,
                     double *out, ExopkError *err)
{
    *out = NAN;
    if (*cell == '\0')
        return EXOPK_OK;
    if (!obs_number(cell, out))
        return obs_fail(err, obs, line, column, "expected a number, got \"%s\"", cell);
    if (*out < 0)
        return obs_fail(err, obs, line, column, "%s is negative", cell);
    return EXOPK_OK;
}

static ExopkStatus
read_strings(ExopkObserved *obs, const Header *h, char **cell, long line, ObsRow *r,
             ExopkError *err)
{
    const char *arm = cell[h->at[COL_ARM]], *name = cell[h->at[COL_NAME]];

    if (*arm == '\0')
        return obs_fail(err, obs, line, "arm", "empty");
    if (obs_copy(r->arm, sizeof r->arm, arm) != 0)
        return obs_fail(err, obs, line, "arm", "longer than %d bytes", EXOPK_NAME_MAX - 1);
    if (*name == '\0')
        return obs_fail(err, obs, line, "name", "empty (an output series or metric)");
    if (obs_copy(r->name, sizeof r->name, name) != 0)
        return obs_fail(err, obs, line, "name", "longer than %d bytes", OBS_NAME_MAX - 1);
    if (h->at[COL_ID] >= 0 && obs_copy(r->id, sizeof r->id, cell[h->at[COL_ID]]) != 0)
        return obs_fail(err, obs, line, "id", "longer than %d bytes", EXOPK_NAME_MAX - 1);
    return EXOPK_OK;
}

static ExopkStatus
read_time(ExopkObserved *obs, const Header *h, const char *cell, long line, ObsRow *r,
          ExopkError *err)
{
    double t;

    if (*cell == '\0')
        return EXOPK_OK;       /* a metric; a series row is told at the match */
    if (!obs_number(cell, &t))
        return obs_fail(err, obs, line, "time", "expected a number, got \"%s\"", cell);
    if (t < 0)
        return obs_fail(err, obs, line, "time", "%s is negative", cell);
    r->pub.time = t * h->hours_per_time;
    return EXOPK_OK;
}

static ExopkStatus
read_unit(ExopkObserved *obs, const Header *h, char **cell, long line, ObsRow *r,
          ExopkError *err)
{
    const char *text = h->at[COL_UNIT] >= 0 ? cell[h->at[COL_UNIT]] : "";
    ExopkError e;

    if (*text == '\0') {
        r->unit = h->value_unit;
        return EXOPK_OK;
    }
    if (h->value_unit.given)
        return obs_fail(err, obs, line, "unit",
                        "the header already gives value a unit (%s); give it in one place",
                        h->value_unit.text);
    if (obs_unit_parse(text, "unit", &r->unit, &e) != EXOPK_OK)
        return obs_fail(err, obs, line, "unit", "%s", e.message);
    return EXOPK_OK;
}

/* value, sd, lloq; a row with an lloq and an empty value, "BLQ" or a value
 * below the lloq is below the limit. */
static ExopkStatus
read_values(ExopkObserved *obs, const Header *h, char **cell, long line, ObsRow *r,
            ExopkError *err)
{
    const char *value = cell[h->at[COL_VALUE]];
    int blq_word = strcasecmp(value, "BLQ") == 0;

    if (h->at[COL_SD] >= 0 &&
        optional_nonnegative(obs, line, "sd", cell[h->at[COL_SD]], &r->sd, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    if (h->at[COL_LLOQ] >= 0 &&
        optional_nonnegative(obs, line, "lloq", cell[h->at[COL_LLOQ]], &r->lloq, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    if ((*value == '\0' || blq_word) && !isnan(r->lloq)) {
        r->pub.below_lloq = 1;
        return EXOPK_OK;
    }
    if (*value == '\0' || blq_word)
        return obs_fail(err, obs, line, "value",
                        "%s without an lloq (give a number, or the lloq of a row below the limit)",
                        blq_word ? "BLQ" : "empty");
    if (!obs_number(value, &r->value))
        return obs_fail(err, obs, line, "value", "expected a number, got \"%s\"", value);
    r->pub.below_lloq = !isnan(r->lloq) && r->value < r->lloq;
    return EXOPK_OK;
}

static ExopkStatus
read_weight(ExopkObserved *obs, const Header *h, char **cell, long line, ObsRow *r,
            ExopkError *err)
{
    const char *w = h->at[COL_WEIGHT] >= 0 ? cell[h->at[COL_WEIGHT]] : "";

    if (*w == '\0')
        return EXOPK_OK;
    if (!obs_number(w, &r->pub.weight))
        return obs_fail(err, obs, line, "weight", "expected a number, got \"%s\"", w);
    if (!(r->pub.weight > 0))
        return obs_fail(err, obs, line, "weight", "%s is not positive", w);
    return EXOPK_OK;
}

static ExopkStatus
read_row(ExopkObserved *obs, const Header *h, ObsCsv *csv, ExopkError *err)
{
    long line = csv->line;
    ObsRow *r;

    if (csv->n_cells != h->n_cells)
        return obs_fail(err, obs, line, NULL, "%zu cells, the header has %zu", csv->n_cells,
                        h->n_cells);
    r = obs_add_row(obs, err);
    if (r == NULL)
        return EXOPK_ENOMEM;
    r->pub.line = line;
    if (read_strings(obs, h, csv->cell, line, r, err) != EXOPK_OK ||
        read_time(obs, h, csv->cell[h->at[COL_TIME]], line, r, err) != EXOPK_OK ||
        read_unit(obs, h, csv->cell, line, r, err) != EXOPK_OK ||
        read_values(obs, h, csv->cell, line, r, err) != EXOPK_OK ||
        read_weight(obs, h, csv->cell, line, r, err) != EXOPK_OK)
        return EXOPK_EINVAL;
    return EXOPK_OK;
}

ExopkObserved *
exopk_observed_read(const char *path, const ExopkStudy *study, ExopkError *err)
{
    ExopkObserved *obs = obs_new(path, err);
    ObsCsv csv;
    Header h;
    ExopkStatus st;

    if (obs == NULL)
        return NULL;
    if (obs_csv_open(&csv, obs, err) != EXOPK_OK) {
        exopk_observed_free(obs);
        return NULL;
    }
    st = read_header(obs, &csv, &h, err);
    while (st == EXOPK_OK && obs_csv_next(&csv))
        st = read_row(obs, &h, &csv, err);
    obs_csv_close(&csv);
    if (st == EXOPK_OK && obs->n == 0)
        st = exopk_error_set(err, EXOPK_EINVAL, "%s: no observations after the header", path);
    obs_finish(obs);
    if (st == EXOPK_OK && study != NULL)
        st = exopk_observed_check_arms(obs, study, err);
    if (st != EXOPK_OK) {
        exopk_observed_free(obs);
        return NULL;
    }
    return obs;
}

/* --- accessors ------------------------------------------------------------------ */

void
exopk_observed_free(ExopkObserved *obs)
{
    if (obs == NULL)
        return;
    for (size_t i = 0; i < obs->n_arm_lines; i++)
        free(obs->arm_lines[i].lines);
    free(obs->arm_lines);
    free(obs->rows);
    free(obs);
}

const char *exopk_observed_path(const ExopkObserved *obs) { return obs->path; }
size_t exopk_observed_n(const ExopkObserved *obs) { return obs->n; }
const ExopkObservation *exopk_observed_get(const ExopkObserved *obs, size_t i)
{
    return &obs->rows[i].pub;
}

int
exopk_observed_has_arm(const ExopkObserved *obs, const char *arm)
{
    for (size_t i = 0; i < obs->n; i++)
        if (strcmp(obs->rows[i].arm, arm) == 0)
            return 1;
    return exopk_observed_arm_lines(obs, arm, &(size_t) { 0 }) != NULL;
}

const ExopkDosingLine *
exopk_observed_arm_lines(const ExopkObserved *obs, const char *arm, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < obs->n_arm_lines; i++)
        if (strcmp(obs->arm_lines[i].arm, arm) == 0) {
            *n = obs->arm_lines[i].n;
            return obs->arm_lines[i].lines;
        }
    return NULL;
}

static int
study_has_arm(const ExopkStudy *study, const char *arm)
{
    for (size_t a = 0; a < study->n_arms; a++)
        if (strcmp(study->arms[a].name, arm) == 0)
            return 1;
    return 0;
}

static ExopkStatus
unknown_arm(const ExopkObserved *obs, const ExopkStudy *study, const char *arm, long line,
            ExopkError *err)
{
    const char **names = malloc((study->n_arms + 1) * sizeof *names);
    const char *near;

    if (names == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
    for (size_t a = 0; a < study->n_arms; a++)
        names[a] = study->arms[a].name;
    near = exopk_nearest_name(arm, names, study->n_arms);
    obs_fail(err, obs, line, "arm", "the study has no arm \"%s\"%s%s%s", arm,
             near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    free(names);
    return EXOPK_EINVAL;
}

ExopkStatus
exopk_observed_check_arms(const ExopkObserved *obs, const ExopkStudy *study, ExopkError *err)
{
    for (size_t i = 0; i < obs->n; i++)
        if (!study_has_arm(study, obs->rows[i].arm))
            return unknown_arm(obs, study, obs->rows[i].arm, obs->rows[i].pub.line, err);
    for (size_t i = 0; i < obs->n_arm_lines; i++)
        if (!study_has_arm(study, obs->arm_lines[i].arm))
            return unknown_arm(obs, study, obs->arm_lines[i].arm, obs->arm_lines[i].line, err);
    return EXOPK_OK;
}

/* --- the data a study names -------------------------------------------- */

/* The study's map with its strings borrowed ("" given as NULL). */
static void
study_nonmem_map(const ExopkStudy *study, ExopkNonmemCmt *cmt, ExopkNonmemMap *map)
{
    const ExopkDataFormat *f = &study->data_format;

#define OR_NULL(s) ((s)[0] != '\0' ? (s) : NULL)
    for (size_t i = 0; i < f->n_cmt; i++)
        cmt[i] = (ExopkNonmemCmt) { f->cmt[i].cmt, OR_NULL(f->cmt[i].output),
                                    OR_NULL(f->cmt[i].dv_unit), OR_NULL(f->cmt[i].give),
                                    OR_NULL(f->cmt[i].amt_unit) };
    *map = (ExopkNonmemMap) { OR_NULL(f->time_unit), OR_NULL(f->arm), f->n_cmt, cmt };
#undef OR_NULL
}

ExopkObserved *
exopk_study_read_observed(const ExopkStudy *study, const char *path, ExopkError *err)
{
    ExopkNonmemCmt cmt[EXOPK_MAX_DATA_CMT];
    ExopkNonmemMap map;

    if (path != NULL || !study->data_format.nonmem)
        return exopk_observed_read(path != NULL ? path : study->data_path, study, err);
    study_nonmem_map(study, cmt, &map);
    return exopk_observed_read_nonmem(study->data_path, &map, study, err);
}

static size_t
arm_index(const ExopkStudy *study, const char *arm)
{
    size_t a = 0;

    while (a < study->n_arms && strcmp(study->arms[a].name, arm) != 0)
        a++;
    return a;
}

ExopkStatus
exopk_study_take_observed_doses(ExopkStudy *study, const ExopkObserved *obs, ExopkError *err)
{
    ExopkStatus st = exopk_observed_check_arms(obs, study, err);

    for (size_t i = 0; st == EXOPK_OK && i < obs->n_arm_lines; i++) {
        const ObsArmLines *al = &obs->arm_lines[i];
        size_t a = arm_index(study, al->arm);
        int r;

        if (study->arms[a].n_lines > 0)
            return obs_fail(err, obs, al->line, "AMT",
                            "arm %s is dosed here and in the study file; give its doses in one "
                            "place (an arm dosed by the dataset is written \"%s = {}\")",
                            al->arm, al->arm);
        r = exopk_study_set_arm_lines(study, a, al->lines, al->n);
        if (r == -2)
            return obs_fail(err, obs, al->line, "AMT", "arm %s: more than %d doses within the "
                            "horizon", al->arm, EXOPK_MAX_DOSES);
        if (r < 0)
            return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
        study->arms[a].dosed_by_data = 1;
    }
    return st != EXOPK_OK ? st : exopk_study_resolve(study, err);
}
