/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A population's statistics and files (docs/population.md).
 *
 * Metrics: every subject's value is kept (N doubles per metric and arm,
 * the one part of the memory that grows with N), so the summary's
 * percentiles are the exact sample quantiles.  Bands: one logarithmic
 * histogram per series and output time (PopSketch), its size set by the
 * spread of the values, not their number; its percentiles are within
 * 0.5 % of the exact order statistics (docs/population.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "population-run.h"
#include "result-private.h"

static const double BAND_P[3] = { 0.05, 0.50, 0.95 };

/* ---- statistics ------------------------------------------------------------- */

ExopkStatus
pop_stats_init(Pop *p, PopArm *r, ExopkError *err)
{
    size_t cells = r->n_series * r->n_times;

    r->values = calloc(r->n_metrics ? r->n_metrics : 1, sizeof *r->values);
    r->moments = calloc(r->n_metrics ? r->n_metrics : 1, sizeof *r->moments);
    r->n_values = calloc(r->n_metrics ? r->n_metrics : 1, sizeof *r->n_values);
    r->bands = malloc((cells ? cells : 1) * sizeof *r->bands);
    if (r->values == NULL || r->moments == NULL || r->n_values == NULL || r->bands == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t m = 0; m < r->n_metrics; m++)
        if ((r->values[m] = malloc((size_t) (p->opts->subjects > 0 ? p->opts->subjects : 1)
                                    * sizeof **r->values)) == NULL)
            return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t c = 0; c < cells; c++)
        pop_sketch_init(&r->bands[c]);
    return EXOPK_OK;
}

void
pop_stats_clear(PopArm *r)
{
    for (size_t m = 0; r->values != NULL && m < r->n_metrics; m++)
        free(r->values[m]);
    free(r->values);
    free(r->n_values);
    free(r->moments);
    for (size_t c = 0; r->bands != NULL && c < r->n_series * r->n_times; c++)
        pop_sketch_clear(&r->bands[c]);
    free(r->bands);
}

int
pop_bands_add(PopArm *r, const double *rec, size_t stride, long n, size_t from, size_t to)
{
    int failed = 0;

    /* cell by cell: its buckets stay in cache over the block's subjects */
    for (size_t c = from; c < to; c++)
        for (long i = 0; i < n; i++)
            failed |= pop_sketch_add(&r->bands[c], rec[(size_t) i * stride + c]);
    return failed;
}

/* ---- streamed files ------------------------------------------------------------ */

static void
join(char *buf, size_t size, const char *dir, const char *name, const char *suffix)
{
    snprintf(buf, size, "%s/%s%s", dir, name, suffix);
}

ExopkStatus
pop_files_open(Pop *p, ExopkError *err)
{
    char path[4096];

    join(path, sizeof path, p->opts->dir, "subjects", ".csv");
    if (exopk_atomic_open(&p->files.subjects, path, err) != EXOPK_OK)
        return EXOPK_EIO;
    join(path, sizeof path, p->opts->dir, "parameters", ".csv");
    if (exopk_atomic_open(&p->files.parameters, path, err) != EXOPK_OK) {
        exopk_atomic_abort(&p->files.subjects);
        return EXOPK_EIO;
    }
    p->files.open = 1;
    fputs("subject,arm,metric,value\n", p->files.subjects.fp);
    fputs("subject,arm,parameter,value,unit\n", p->files.parameters.fp);
    return EXOPK_OK;
}

void
pop_files_abort(Pop *p)
{
    if (!p->files.open)
        return;
    exopk_atomic_abort(&p->files.subjects);
    exopk_atomic_abort(&p->files.parameters);
    p->files.open = 0;
}

static void
write_params(Pop *p, const PopArm *r, long subject, const double *x)
{
    const char *arm = p->study->arms[r->arm].name;

    for (size_t k = 0; k < p->spec->n_params; k++)
        if (r->index[k] >= 0)
            fprintf(p->files.parameters.fp, "%ld,%s,%s,%.10g,%s\n", subject, arm,
                    p->spec->params[k].name, x[k], r->unit[k]);
}

/* Run @r's part of a subject's record: its parameters, then its metrics. */
static void
arm_write(Pop *p, PopArm *r, long subject, const double *x)
{
    if (p->files.open)
        write_params(p, r, subject, x);
    x += p->spec->n_params;
    for (size_t m = 0; m < r->n_metrics; m++) {
        if (isnan(x[m]))
            continue;        /* the subject does not have this metric */
        r->values[m][r->n_values[m]++] = x[m];
        pop_moments_add(&r->moments[m], x[m]);
        if (p->files.open)
            fprintf(p->files.subjects.fp, "%ld,%s,%s,%.10g\n", subject,
                    p->study->arms[r->arm].name, exopk_result_metric_name(r->ref, m), x[m]);
    }
}

void
pop_record_write(Pop *p, long subject, const double *record)
{
    for (size_t i = 0; i < p->n_runs; i++)
        if (p->runs[i].output)
            arm_write(p, &p->runs[i], subject, record + p->runs[i].offset);
}

void
pop_head_write(Pop *p, long subject, const double *head)
{
    for (size_t i = 0; i < p->n_runs; i++)
        if (p->runs[i].output)
            arm_write(p, &p->runs[i], subject, head + p->runs[i].head_offset);
}

/* ---- the bands as bytes ---------------------------------------------------------- */

size_t
pop_bands_packed_size(const Pop *p)
{
    size_t n = 0;

    for (size_t i = 0; i < p->n_runs; i++)
        for (size_t c = 0; p->runs[i].output && c < p->runs[i].n_series * p->runs[i].n_times; c++)
            n += pop_sketch_packed_size(&p->runs[i].bands[c]);
    return n;
}

void
pop_bands_pack(const Pop *p, char *out)
{
    for (size_t i = 0; i < p->n_runs; i++)
        for (size_t c = 0; p->runs[i].output && c < p->runs[i].n_series * p->runs[i].n_times; c++)
            out = pop_sketch_pack(&p->runs[i].bands[c], out);
}

ExopkStatus
pop_bands_merge_packed(Pop *p, const char *in, size_t len, ExopkError *err)
{
    const char *end = in + len;

    for (size_t i = 0; i < p->n_runs; i++)
        for (size_t c = 0; p->runs[i].output && c < p->runs[i].n_series * p->runs[i].n_times; c++)
            if ((in = pop_sketch_merge_packed(&p->runs[i].bands[c], in, end)) == NULL)
                return exopk_error_set(err, EXOPK_EINVAL, "the bands of another process are "
                                       "truncated or do not fit this population");
    if (in != end)
        return exopk_error_set(err, EXOPK_EINVAL, "the bands of another process do not fit "
                               "this population");
    return EXOPK_OK;
}

/* ---- the summary ---------------------------------------------------------------- */

typedef struct {
    ExopkPopStat stat;
    char arm[EXOPK_NAME_MAX], metric[160], unit[64];
} SummaryRow;

struct ExopkPopSummary {
    long redrawn;
    size_t n;
    SummaryRow *rows;
    size_t n_arms;
    ExopkResult *(*bands)[3];  /* per output arm: p05, p50, p95 (BAND_P) */
};

size_t exopk_pop_summary_n(const ExopkPopSummary *s) { return s->n; }
long exopk_pop_summary_redrawn(const ExopkPopSummary *s) { return s->redrawn; }

const ExopkPopStat *
exopk_pop_summary_stat(const ExopkPopSummary *s, size_t i)
{
    return i < s->n ? &s->rows[i].stat : NULL;
}

size_t exopk_pop_summary_n_arms(const ExopkPopSummary *s) { return s->n_arms; }

ExopkResult *
exopk_pop_summary_band(ExopkPopSummary *s, size_t arm, ExopkPopBand q)
{
    return arm < s->n_arms && q >= EXOPK_POP_P05 && q <= EXOPK_POP_P95 ? s->bands[arm][q]
                                                                       : NULL;
}

void
exopk_pop_summary_free(ExopkPopSummary *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; s->bands != NULL && i < s->n_arms; i++)
        for (int q = 0; q < 3; q++)
            exopk_result_free(s->bands[i][q]);
    free(s->bands);
    free(s->rows);
    free(s);
}

static int
cmp_value(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}

static void
summary_row(SummaryRow *row, const Pop *p, const PopArm *r, size_t m)
{
    double *v = r->values[m];
    size_t n = (size_t) r->n_values[m];
    ExopkPopStat *s = &row->stat;

    snprintf(row->arm, sizeof row->arm, "%s", p->study->arms[r->arm].name);
    snprintf(row->metric, sizeof row->metric, "%s", exopk_result_metric_name(r->ref, m));
    snprintf(row->unit, sizeof row->unit, "%s", exopk_result_metric_unit(r->ref, m));
    qsort(v, n, sizeof *v, cmp_value);
    *s = (ExopkPopStat){ row->arm, row->metric, row->unit, n ? r->moments[m].mean : NAN,
                         n ? pop_moments_sd(&r->moments[m]) : NAN, pop_quantile_sorted(v, n, 0.05),
                         pop_quantile_sorted(v, n, 0.25), pop_quantile_sorted(v, n, 0.50),
                         pop_quantile_sorted(v, n, 0.75), pop_quantile_sorted(v, n, 0.95),
                         (long) n };
}

/* Percentile @p of every series of run @r at each of its times: a result
 * of the arm with the names, units and times of its own run.  NULL on
 * ENOMEM. */
static ExopkResult *
band_result(const PopArm *r, double p)
{
    ExopkResult *res = calloc(1, sizeof *res);
    double *column;

    if (res == NULL)
        return NULL;
    snprintf(res->arm, sizeof res->arm, "%s", exopk_result_arm(r->ref));
    res->tumour_volume0 = NAN;
    res->n_t = r->n_times;
    if ((res->t = malloc((r->n_times ? r->n_times : 1) * sizeof *res->t)) == NULL)
        goto fail;
    memcpy(res->t, exopk_result_times(r->ref), r->n_times * sizeof *res->t);
    for (size_t s = 0; s < r->n_series; s++) {
        if (result_add_series(res, exopk_result_series_name(r->ref, s),
                              exopk_result_series_unit(r->ref, s), &column) != 0)
            goto fail;
        for (size_t k = 0; k < r->n_times; k++)
            column[k] = pop_sketch_quantile(&r->bands[s * r->n_times + k], p);
    }
    return res;
fail:
    exopk_result_free(res);
    return NULL;
}

/* The bands of the output runs, computed once for the files and callers. */
static int
summary_bands(ExopkPopSummary *sum, const Pop *p)
{
    size_t n = 0;

    for (size_t i = 0; i < p->n_runs; i++)
        n += p->runs[i].output != 0;
    if ((sum->bands = calloc(n ? n : 1, sizeof *sum->bands)) == NULL)
        return -1;
    for (size_t i = 0; i < p->n_runs; i++) {
        if (!p->runs[i].output)
            continue;
        for (int q = 0; q < 3; q++)
            sum->bands[sum->n_arms][q] = band_result(&p->runs[i], BAND_P[q]);
        sum->n_arms++;
        for (int q = 0; q < 3; q++)
            if (sum->bands[sum->n_arms - 1][q] == NULL)
                return -1;
    }
    return 0;
}

ExopkPopSummary *
pop_summary_make(Pop *p, ExopkError *err)
{
    ExopkPopSummary *sum = calloc(1, sizeof *sum);
    size_t n = 0;

    for (size_t i = 0; i < p->n_runs; i++)
        n += p->runs[i].output ? p->runs[i].n_metrics : 0;
    if (sum == NULL || (sum->rows = calloc(n ? n : 1, sizeof *sum->rows)) == NULL ||
        summary_bands(sum, p) != 0) {
        exopk_pop_summary_free(sum);
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    sum->redrawn = atomic_load(&p->redrawn);
    for (size_t i = 0; i < p->n_runs; i++)
        for (size_t m = 0; p->runs[i].output && m < p->runs[i].n_metrics; m++)
            summary_row(&sum->rows[sum->n++], p, &p->runs[i], m);
    return sum;
}

/* ---- the files written at the end ------------------------------------------------- */

static void
write_summary(FILE *fp, const ExopkPopSummary *sum)
{
    fputs("arm,metric,unit,mean,sd,p05,p25,p50,p75,p95\n", fp);
    for (size_t i = 0; i < sum->n; i++) {
        const ExopkPopStat *s = &sum->rows[i].stat;

        fprintf(fp, "%s,%s,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g\n", s->arm, s->metric,
                s->unit, s->mean, s->sd, s->p05, s->p25, s->p50, s->p75, s->p95);
    }
}

/* "time [h]", then "NAME p05 [unit]", "NAME p50 [unit]", "NAME p95 [unit]"
 * per series, as ARM.csv names its columns: the summary's bands of one arm. */
static void
write_bands(FILE *fp, ExopkResult *const band[3])
{
    static const char *const label[3] = { "p05", "p50", "p95" };
    const ExopkResult *ref = band[0];
    const double *t = exopk_result_times(ref);
    size_t n_series = exopk_result_n_series(ref);

    fputs("time [h]", fp);
    for (size_t s = 0; s < n_series; s++)
        for (int q = 0; q < 3; q++)
            fprintf(fp, ",%s %s [%s]", exopk_result_series_name(ref, s), label[q],
                    exopk_result_series_unit(ref, s));
    fputc('\n', fp);
    for (size_t k = 0; k < exopk_result_n_times(ref); k++) {
        fprintf(fp, "%.10g", t[k]);
        for (size_t s = 0; s < n_series; s++)
            for (int q = 0; q < 3; q++)
                fprintf(fp, ",%.10g", exopk_result_series(band[q], s)[k]);
        fputc('\n', fp);
    }
}

/* Every file is written to its temporary first, then all are renamed:
 * a failure before the renames leaves none of them. */
ExopkStatus
pop_files_finish(Pop *p, const ExopkPopSummary *sum, ExopkError *err)
{
    size_t n = 0;
    ExopkAtomicFile *f = calloc(p->n_runs + 3, sizeof *f);
    char path[4096];
    ExopkStatus st = EXOPK_OK;

    if (f == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    f[n++] = p->files.subjects;
    f[n++] = p->files.parameters;
    p->files.open = 0;
    for (size_t i = 0; i < sum->n_arms && st == EXOPK_OK; i++) {
        join(path, sizeof path, p->opts->dir, exopk_result_arm(sum->bands[i][0]), "_bands.csv");
        if ((st = exopk_atomic_open(&f[n], path, err)) == EXOPK_OK)
            write_bands(f[n++].fp, sum->bands[i]);
    }
    join(path, sizeof path, p->opts->dir, "summary", ".csv");
    if (st == EXOPK_OK && (st = exopk_atomic_open(&f[n], path, err)) == EXOPK_OK)
        write_summary(f[n++].fp, sum);
    for (size_t i = 0; i < n; i++)
        if (st != EXOPK_OK)
            exopk_atomic_abort(&f[i]);
        else
            st = exopk_atomic_commit(&f[i], err);
    free(f);
    return st;
}
