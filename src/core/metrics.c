/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The result of one arm: its container, the driver over the output modules
 * (out-*.c) and the comparison of arms (docs/outputs.md). */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out-private.h"

/* ---- result container ---------------------------------------------------- */

int
result_add_series(ExopkResult *r, const char *name, const char *unit, double **column)
{
    if (r->n_series == r->cap_series) {
        size_t cap = r->cap_series ? 2 * r->cap_series : 32;
        void *a = realloc(r->series_name, cap * sizeof *r->series_name);
        void *b = a ? realloc(r->series_unit, cap * sizeof *r->series_unit) : NULL;
        void *c = b ? realloc(r->series, cap * r->n_t * sizeof *r->series) : NULL;
        if (a)
            r->series_name = a;
        if (b)
            r->series_unit = b;
        if (c == NULL)
            return -1;
        r->series = c;
        r->cap_series = cap;
    }
    snprintf(r->series_name[r->n_series], SERIES_NAME_MAX, "%s", name);
    snprintf(r->series_unit[r->n_series], UNIT_MAX, "%s", unit);
    *column = r->series + r->n_series * r->n_t;
    memset(*column, 0, r->n_t * sizeof **column);
    r->n_series++;
    return 0;
}

int
result_add_metric(ExopkResult *r, const char *name, const char *unit, double value)
{
    if (!isfinite(value))
        return 0;  /* a metric is present where it means something */
    if (r->n_metrics == r->cap_metrics) {
        size_t cap = r->cap_metrics ? 2 * r->cap_metrics : 32;
        void *a = realloc(r->metric_name, cap * sizeof *r->metric_name);
        void *b = a ? realloc(r->metric_unit, cap * sizeof *r->metric_unit) : NULL;
        void *c = b ? realloc(r->metric_value, cap * sizeof *r->metric_value) : NULL;
        if (a)
            r->metric_name = a;
        if (b)
            r->metric_unit = b;
        if (c == NULL)
            return -1;
        r->metric_value = c;
        r->cap_metrics = cap;
    }
    snprintf(r->metric_name[r->n_metrics], SERIES_NAME_MAX, "%s", name);
    snprintf(r->metric_unit[r->n_metrics], UNIT_MAX, "%s", unit);
    r->metric_value[r->n_metrics++] = value;
    return 0;
}

void
exopk_result_free(ExopkResult *r)
{
    if (r == NULL)
        return;
    free(r->t);
    free(r->series_name);
    free(r->series_unit);
    free(r->series);
    free(r->metric_name);
    free(r->metric_unit);
    free(r->metric_value);
    free(r);
}

const char *exopk_result_arm(const ExopkResult *r) { return r->arm; }
size_t exopk_result_n_times(const ExopkResult *r) { return r->n_t; }
const double *exopk_result_times(const ExopkResult *r) { return r->t; }
size_t exopk_result_n_series(const ExopkResult *r) { return r->n_series; }
const char *exopk_result_series_name(const ExopkResult *r, size_t i) { return r->series_name[i]; }
const char *exopk_result_series_unit(const ExopkResult *r, size_t i) { return r->series_unit[i]; }
const double *exopk_result_series(const ExopkResult *r, size_t i) { return r->series + i * r->n_t; }
size_t exopk_result_n_metrics(const ExopkResult *r) { return r->n_metrics; }
const char *exopk_result_metric_name(const ExopkResult *r, size_t i) { return r->metric_name[i]; }
const char *exopk_result_metric_unit(const ExopkResult *r, size_t i) { return r->metric_unit[i]; }
double exopk_result_metric_value(const ExopkResult *r, size_t i) { return r->metric_value[i]; }
ExopkSolverStats exopk_result_stats(const ExopkResult *r) { return r->stats; }

long
exopk_result_find_series(const ExopkResult *r, const char *name)
{
    for (size_t i = 0; i < r->n_series; i++)
        if (strcmp(r->series_name[i], name) == 0)
            return (long) i;
    return -1;
}

int
exopk_result_metric(const ExopkResult *r, const char *name, double *value)
{
    for (size_t i = 0; i < r->n_metrics; i++)
        if (strcmp(r->metric_name[i], name) == 0) {
            *value = r->metric_value[i];
            return 0;
        }
    return -1;
}

/* ---- output modules ------------------------------------------------------ */

int
out_series(ExopkResult *r, double **column, const char *unit, const char *fmt, ...)
{
    char name[SERIES_NAME_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    return result_add_series(r, name, unit, column);
}

int
out_metric(ExopkResult *r, const char *unit, double value, const char *fmt, ...)
{
    char name[SERIES_NAME_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    return result_add_metric(r, name, unit, value);
}

const double *
out_find_series(const ExopkResult *r, const char *fmt, ...)
{
    char name[SERIES_NAME_MAX];
    va_list ap;
    long i;

    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    i = exopk_result_find_series(r, name);
    assert(i >= 0);
    return exopk_result_series(r, (size_t) i);
}

double
out_max(const double *v, size_t n, size_t *at)
{
    double best = -INFINITY;

    for (size_t i = 0; i < n; i++)
        if (v[i] > best) {
            best = v[i];
            if (at)
                *at = i;
        }
    return best;
}

/* Total time @v spends below @level, crossings by linear interpolation. */
double
out_time_below(const double *t, const double *v, size_t n, double level)
{
    double below = 0.0;

    for (size_t i = 1; i < n; i++) {
        double a = v[i - 1] - level, b = v[i] - level, dt = t[i] - t[i - 1];
        if (a < 0 && b < 0)
            below += dt;
        else if (a < 0)
            below += dt * a / (a - b);
        else if (b < 0)
            below += dt * b / (b - a);
    }
    return below;
}

/* What every agent gives, in this order, agent after agent.  A new cargo
 * class or organ adds its out-*.c file and its rows here and below. */
static const AgentOutput AGENT_SERIES[] = {
    agent_plasma_series,      /* out-agent.c */
    vesicle_cargo_series,     /* out-vesicle.c */
    agent_heart_series,       /* out-agent.c */
    agent_tumour_series,      /* out-agent.c */
    rna_series,               /* out-rna.c */
    agent_eliminated_series,  /* out-agent.c */
    NULL,
};
static const AgentOutput AGENT_BALANCE[] = { agent_mass_balance, NULL };
static const AgentOutput AGENT_METRICS[] = {
    agent_exposure_metrics,   /* out-agent.c */
    agent_tumour_metrics,     /* out-agent.c */
    rna_metrics,              /* out-rna.c */
    agent_dose_metrics,       /* out-agent.c */
    NULL,
};

/* The outputs of an arm in the order of the CSV columns, then of the
 * metrics rows (a user contract: docs/outputs.md).  A stage is either one
 * call for the arm or a list run for every agent in turn.  Each module
 * decides for itself whether it applies (no carrier, no tumour...). */
static const struct {
    ArmOutput arm;
    const AgentOutput *agent;
} STAGES[] = {
    { vesicle_series, NULL },        /* series */
    { NULL, AGENT_SERIES },
    { biomarker_series, NULL },
    { tumour_series, NULL },
    { organ_series, NULL },
    { NULL, AGENT_BALANCE },         /* metrics: mass balance first */
    { vesicle_mass_balance, NULL },
    { NULL, AGENT_METRICS },
    { vesicle_metrics, NULL },
    { tumour_volume_metric, NULL },
    { biomarker_metrics, NULL },
    { tumour_metrics, NULL },
    { organ_metrics, NULL },
};

int
result_compute(ExopkResult *r, const SimRecord *rec)
{
    for (size_t st = 0; st < sizeof STAGES / sizeof *STAGES; st++) {
        if (STAGES[st].arm != NULL && STAGES[st].arm(r, rec) != 0)
            return -1;
        for (size_t k = 0; STAGES[st].agent != NULL && k < rec->m->n_agents; k++)
            for (const AgentOutput *out = STAGES[st].agent; *out != NULL; out++)
                if ((*out)(r, rec, k) != 0)
                    return -1;
    }
    return 0;
}

long
exopk_study_control_arm(const ExopkStudy *study)
{
    for (size_t i = 0; i < study->n_arms; i++)
        if (strcmp(study->arms[i].name, "control") == 0)
            return (long) i;
    return -1;
}

void
exopk_results_compare(const ExopkStudy *study, ExopkResult **results)
{
    long control = exopk_study_control_arm(study);
    double c_end, c0;

    if (!study->has_tumour)
        return;
    if (control < 0 || results[control] == NULL ||
        exopk_result_metric(results[control], "tumour_volume_final", &c_end) != 0)
        return;
    c0 = study->tumour_volume0;
    for (size_t i = 0; i < study->n_arms; i++) {
        double v_end;
        if (results[i] == NULL || exopk_result_metric(results[i], "tumour_volume_final", &v_end) != 0)
            continue;
        if (c_end - c0 != 0)
            result_add_metric(results[i], "tgi_pct", "%", 100.0 * (1.0 - (v_end - c0) / (c_end - c0)));
    }
}

int
exopk_result_write_csv(const ExopkResult *res, FILE *fp)
{
    fputs("time [h]", fp);
    for (size_t j = 0; j < res->n_series; j++)
        fprintf(fp, ",%s [%s]", res->series_name[j], res->series_unit[j]);
    fputc('\n', fp);
    for (size_t i = 0; i < res->n_t; i++) {
        fprintf(fp, "%.10g", res->t[i]);
        for (size_t j = 0; j < res->n_series; j++)
            fprintf(fp, ",%.10g", res->series[j * res->n_t + i]);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

int
exopk_results_write_metrics_csv(ExopkResult *const *results, size_t n, int header, FILE *fp)
{
    if (header)
        fputs("arm,metric,value,unit\n", fp);
    for (size_t a = 0; a < n; a++) {
        const ExopkResult *r = results[a];
        if (r == NULL)
            continue;
        for (size_t i = 0; i < r->n_metrics; i++)
            fprintf(fp, "%s,%s,%.10g,%s\n", r->arm, r->metric_name[i], r->metric_value[i],
                    r->metric_unit[i]);
    }
    return ferror(fp) ? -1 : 0;
}
