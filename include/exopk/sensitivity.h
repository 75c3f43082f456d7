/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: sensitivity analysis of any function of parameters (docs/c-api.md,
 * docs/sensitivity.md): local normalised sensitivities, Morris elementary
 * effects and Sobol indices.  exopk_sensitivity_model() applies them to
 * a compiled model and named metrics.
 *
 * Every design is fixed by the problem and the seed before anything is
 * evaluated, and evaluations are stored by index, so results do not
 * depend on the number of threads. */
#ifndef EXOPK_SENSITIVITY_H
#define EXOPK_SENSITIVITY_H

#include <stddef.h>
#include "error.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { EXOPK_SENS_LOCAL, EXOPK_SENS_MORRIS, EXOPK_SENS_SOBOL } ExopkSensMethod;

/* Outputs @y[n_outputs] at parameters @x[n_params]; NAN for an output it
 * cannot give there.  Called from @threads threads at once, each with its
 * own @thread in [0, threads).  Nonzero stops the analysis (an error). */
typedef int (*ExopkSensFunction)(const double *x, double *y, int thread, void *data);

/* Called now and then on the calling thread with evaluations done and the
 * total; nonzero cancels. */
typedef int (*ExopkSensProgress)(size_t done, size_t total, void *data);

typedef struct {
    ExopkSensMethod method;
    size_t n_params, n_outputs;
    const double *nominal;          /* local: the point (each > 0) */
    const double *lower, *upper;    /* morris, sobol: each parameter's range */
    const unsigned char *log_scale; /* morris, sobol: log-uniform (lower > 0); NULL: none */
    size_t samples;     /* sobol: base samples N (0: 1024); morris: trajectories r (0: 20) */
    int levels;         /* morris: grid levels p, even (0: 4) */
    double step;        /* local: step in ln p (0: 1e-3) */
    unsigned long seed; /* morris trajectories, sobol bootstrap */
    size_t bootstrap;   /* sobol: resamples for the 95 % intervals (0: 1000) */
    int threads;        /* 0: one */
    ExopkSensFunction f;
    void *data;
    ExopkSensProgress progress;     /* may be NULL */
    void *progress_data;
    /* NULL: @threads threads evaluate the design with @f.  Else @evaluate
     * gets the whole design, @n_points points @x (n_params each, in
     * order), and writes their outputs to @y (n_outputs each, NAN-filled)
     * as @f would: e.g. over other processes (docs/mpi.md).  A status
     * other than EXOPK_OK (and @err) stops the analysis. */
    ExopkStatus (*evaluate)(const double *x, size_t n_points, double *y, void *data,
                            ExopkError *err);
    void *evaluate_data;
} ExopkSensProblem;

/* What the result holds per (output, parameter):
 * local:  S = d ln y / d ln p at the nominal point;
 * morris: mu, mu* (mean |EE|), sigma of the elementary effects, in output
 *         units per whole range of the parameter (Campolongo et al. 2007);
 * sobol:  first-order S1 and total ST (Jansen 1999 estimators on a
 *         Saltelli 2010 design), each with a bootstrap 95 % interval. */
typedef enum {
    EXOPK_SENS_S,
    EXOPK_SENS_MU, EXOPK_SENS_MU_STAR, EXOPK_SENS_SIGMA,
    EXOPK_SENS_S1, EXOPK_SENS_S1_LOW, EXOPK_SENS_S1_HIGH,
    EXOPK_SENS_ST, EXOPK_SENS_ST_LOW, EXOPK_SENS_ST_HIGH,
    EXOPK_SENS_N_STATS
} ExopkSensStat;

typedef struct ExopkSensResult ExopkSensResult;

/* Runs the analysis.  NULL + @err: EXOPK_EINVAL for a bad problem (named),
 * EXOPK_ECANCELLED when progress cancelled, EXOPK_ECALLBACK when @f
 * stopped it, EXOPK_ENOMEM.  (transfer full) */
ExopkSensResult *exopk_sensitivity(const ExopkSensProblem *p, ExopkError *err);
void exopk_sens_result_free(ExopkSensResult *r);   /* NULL-safe */

/* The analysis of @p (its f and data are not used) on arm runs of
 * @model: parameter i is @model's parameter @params[i] (exopk_model_param_index),
 * output o the arm's metric @metrics[o].  Each thread runs its own
 * workspace.  A run that fails or a value outside a parameter's domain
 * gives NAN outputs: that design row is left out (exopk_sens_rows_used),
 * not the analysis.  Metrics compared with a control arm (tgi_pct) are
 * not among an arm's own metrics. */
ExopkSensResult *exopk_sensitivity_of_model(const ExopkSensProblem *p, const ExopkModel *model,
                                           const size_t *params, const char *const *metrics,
                                           ExopkError *err);

/* What exopk_sensitivity_of_model evaluates, on its own: arm runs of
 * @model at given points, on @threads threads (each its own workspace).
 * Another process's copy gives an ExopkSensProblem's evaluate the same
 * outputs. */
typedef struct ExopkSensModelFn ExopkSensModelFn;
ExopkSensModelFn *exopk_sens_model_fn_new(const ExopkModel *model, const size_t *params,
                                          size_t n_params, const char *const *metrics,
                                          size_t n_metrics, int threads, ExopkError *err);
/* The outputs of @n_points points @x (n_params each) into @y (n_metrics
 * each; NAN where a run fails or a value is outside its domain). */
ExopkStatus exopk_sens_model_fn_eval(ExopkSensModelFn *f, const double *x, size_t n_points,
                                     double *y, ExopkError *err);
void exopk_sens_model_fn_free(ExopkSensModelFn *f);   /* NULL-safe */

/* @stat of output @out for parameter @par (NAN when the method does not
 * give it, or no evaluation gave the output). */
double exopk_sens_value(const ExopkSensResult *r, size_t out, size_t par, ExopkSensStat stat);
size_t exopk_sens_evaluations(const ExopkSensResult *r);
/* Sobol: the design rows used for output @out (rows where an evaluation
 * failed are left out); morris: trajectories; local: 1. */
size_t exopk_sens_rows_used(const ExopkSensResult *r, size_t out);
/* The variance of output @out over the Sobol design (NAN otherwise). */
double exopk_sens_variance(const ExopkSensResult *r, size_t out);

#ifdef __cplusplus
}
#endif
#endif
