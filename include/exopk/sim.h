/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: simulating an arm of a study, and its results. */
#ifndef EXOPK_SIM_H
#define EXOPK_SIM_H

#include <stddef.h>
#include <stdio.h>
#include "error.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ExopkResult ExopkResult;

typedef struct {
    double rtol;          /* 0: the study's */
    double atol_scale;    /* 0: the study's */
    /* Called now and then with the fraction done; nonzero cancels
     * (EXOPK_ECANCELLED).  May be NULL. */
    int (*progress)(double fraction, void *data);
    void *progress_data;
} ExopkSimOptions;

/* Simulates arm @arm of a resolved @study over [0, horizon] with output
 * rows on the grid and at every dose time.  NULL + @err on failure
 * (EXOPK_ESOLVER names the time and the state).  (transfer full) */
ExopkResult *exopk_simulate(const ExopkStudy *study, size_t arm, const ExopkSimOptions *opts,
                            ExopkError *err);

void exopk_result_free(ExopkResult *res); /* NULL-safe */

const char *exopk_result_arm(const ExopkResult *res);
size_t exopk_result_n_times(const ExopkResult *res);
const double *exopk_result_times(const ExopkResult *res);     /* h, borrowed */

size_t exopk_result_n_series(const ExopkResult *res);
const char *exopk_result_series_name(const ExopkResult *res, size_t i);
const char *exopk_result_series_unit(const ExopkResult *res, size_t i);
const double *exopk_result_series(const ExopkResult *res, size_t i); /* borrowed */
/* Index of the series called @name, or -1. */
long exopk_result_find_series(const ExopkResult *res, const char *name);

size_t exopk_result_n_metrics(const ExopkResult *res);
const char *exopk_result_metric_name(const ExopkResult *res, size_t i);
const char *exopk_result_metric_unit(const ExopkResult *res, size_t i);
double exopk_result_metric_value(const ExopkResult *res, size_t i);
/* 0 and *value on success, -1 if the metric is absent. */
int exopk_result_metric(const ExopkResult *res, const char *name, double *value);

/* Solver statistics of the run. */
typedef struct {
    long steps, rejected, rhs_evals, jacobian_evals;
} ExopkSolverStats;
ExopkSolverStats exopk_result_stats(const ExopkResult *res);

/* The time-series table of @res as CSV on @fp (docs/outputs.md): "time [h]",
 * then one "name [unit]" column per series, %.10g numbers.  The one
 * definition of the format, for the CLI, scripts and the app.  0, or -1
 * when @fp reports an error. */
int exopk_result_write_csv(const ExopkResult *res, FILE *fp);

/* The long metrics table "arm,metric,value,unit" of @n results on @fp,
 * with a header when @header is nonzero (NULL results are skipped). */
int exopk_results_write_metrics_csv(ExopkResult *const *results, size_t n, int header, FILE *fp);

/* The index of the arm named "control" in @study, the reference of the
 * metrics that compare arms (tgi_pct), or -1 if there is none. */
long exopk_study_control_arm(const ExopkStudy *study);

/* Adds metrics that compare arms (tgi_pct against the arm named "control")
 * to every result.  @results[i] is the result of arm i (NULL if not run). */
void exopk_results_compare(const ExopkStudy *study, ExopkResult **results);

#ifdef __cplusplus
}
#endif
#endif
