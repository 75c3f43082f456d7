/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: fitting study parameters to observed data by maximum likelihood
 * (or MAP with log-normal priors), docs/fit.md.
 *
 * Each arm with data is compiled once (include/exopk/model.h) and run in
 * its own workspace; its observations are matched against its first run
 * once (include/exopk/observed.h) and predicted per run by interpolation.
 * Parameters are estimated on the log scale: a short global search
 * (NLopt CRS2) in a box around the start, then a trust-region
 * Levenberg-Marquardt (gsl_multifit_nlinear) on residuals whose sum of
 * squares is -2 log L (+ the prior terms) up to a constant.  Below-LLOQ
 * rows enter by the M3 likelihood (Beal, J Pharmacokinet Pharmacodyn
 * 2001;28:481).  Standard errors come from the Fisher information at the
 * optimum, on the log scale. */
#ifndef EXOPK_FIT_H
#define EXOPK_FIT_H

#include <stddef.h>
#include "error.h"
#include "observed.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Residual error of one observation name; f is the prediction:
 * additive sd = a, proportional sd = b f, combined sd = sqrt(a^2 + b^2 f^2). */
typedef enum { EXOPK_ERR_PROPORTIONAL, EXOPK_ERR_ADDITIVE, EXOPK_ERR_COMBINED } ExopkErrorModel;

/* One estimated study parameter. */
typedef struct {
    const char *path;        /* any name exopk_model_param_index takes */
    double start;            /* engine unit, > 0; NAN or 0: the study's value */
    double lower, upper;     /* engine unit; NAN: no bound on that side */
    double prior_ln_mean;    /* log-normal prior: mean and sd of ln value; */
    double prior_ln_sd;      /* NAN or <= 0: no prior */
} ExopkFitParam;

typedef struct {
    const char *name;        /* an observation name of the data */
    ExopkErrorModel model;
} ExopkFitError;

/* Called after each evaluation stage (global search, each trust-region
 * iteration) with the evaluations so far and the best objective; nonzero
 * cancels (EXOPK_ECANCELLED). */
typedef int (*ExopkFitProgress)(size_t evaluations, double objective, void *data);

typedef struct {
    size_t n_params;
    const ExopkFitParam *params;
    size_t n_errors;         /* names not listed get a proportional error */
    const ExopkFitError *errors;
    size_t global_evals;     /* global search budget; 0: 15 (n + 1); SIZE_MAX: none */
    size_t max_iter;         /* trust-region iterations; 0: 100 */
    double fd_step;          /* step in ln p for derivatives; 0: 1e-3 (central) */
    ExopkFitProgress progress;   /* may be NULL */
    void *progress_data;
} ExopkFitProblem;

typedef enum {
    EXOPK_FIT_CONVERGED,     /* the trust region's step or gradient test held */
    EXOPK_FIT_MAX_ITER,      /* stopped at max_iter */
    EXOPK_FIT_NO_PROGRESS    /* the trust region could not lower the objective */
} ExopkFitStatus;

typedef struct ExopkFitResult ExopkFitResult;

/* Fits @p to the rows of @obs (each arm must be an arm of @study, which
 * must be resolved).  NULL + @err: EXOPK_EINVAL for a bad path, bound,
 * error-model name or an arm without data for any parameter, a data name
 * or unit the match rejects, a study that does not run at the start;
 * EXOPK_ECANCELLED; EXOPK_ENOMEM.  (transfer full) */
ExopkFitResult *exopk_fit(const ExopkStudy *study, const ExopkObserved *obs,
                          const ExopkFitProblem *p, ExopkError *err);
void exopk_fit_result_free(ExopkFitResult *r);    /* NULL-safe */

/* The estimates: the study parameters in the order given, then each error
 * parameter ("error.NAME.additive", "error.NAME.proportional"). */
size_t exopk_fit_n_estimates(const ExopkFitResult *r);
typedef struct {
    const char *name;
    const char *unit;        /* of estimate: the engine unit; an additive
                                error's is the output's, a proportional's "1" */
    double estimate;
    double se;               /* delta method: estimate * se_ln */
    double se_ln;            /* of ln estimate; INFINITY when not identifiable */
    double rse_pct;          /* 100 se / estimate */
    double ci95_low, ci95_high;  /* exp(ln estimate -+ 1.96 se_ln) */
    int at_bound;            /* within 1e-3 (in ln) of a bound */
} ExopkFitEstimate;
const ExopkFitEstimate *exopk_fit_estimate(const ExopkFitResult *r, size_t i);
/* Sets each estimated study parameter of @r (not the error parameters)
 * in @study, the study @r was fitted on (exopk_study_set): a parameter
 * path as a `params` override, a dosing name ("dose", "every", ...) in
 * each arm with data.  The study the fit describes, to run or save. */
ExopkStatus exopk_fit_apply(const ExopkFitResult *r, ExopkStudy *study, ExopkError *err);
/* Correlation of estimates @i and @j on the log scale (NAN if unknown). */
double exopk_fit_correlation(const ExopkFitResult *r, size_t i, size_t j);

typedef struct {
    double minus2ll;         /* -2 log L of the data, with ln(2 pi) terms */
    double objective;        /* minus2ll + the prior terms (MAP) */
    double aic, bic;         /* from minus2ll, k = all estimates, n = observations */
    size_t n_obs, n_below_lloq, n_estimates;
    size_t iterations, evaluations;
    ExopkFitStatus status;
} ExopkFitSummary;
const ExopkFitSummary *exopk_fit_summary(const ExopkFitResult *r);
const char *exopk_fit_status_name(ExopkFitStatus status);  /* "converged", ... */

/* Per observation: arm by arm (in the study's order), rows of an arm in
 * the order of the data file. */
typedef struct {
    const char *arm, *name;
    double time;             /* h (NAN: a metric) */
    double observed;         /* output unit; the LLOQ for a below-LLOQ row */
    double predicted;
    double weighted_residual;    /* (observed - predicted) / sd; NAN below LLOQ */
    int below_lloq;
    long line;
} ExopkFitResidual;
size_t exopk_fit_n_residuals(const ExopkFitResult *r);
const ExopkFitResidual *exopk_fit_residual(const ExopkFitResult *r, size_t i);

/* "" or lines "parameter NAME is not identifiable (...)\n", one per
 * estimate with RSE > 100 %, |correlation| > 0.95 with another, or at a
 * bound. */
const char *exopk_fit_warnings(const ExopkFitResult *r);

/* The likelihood profile of estimated study parameter @k of @p (fitted by
 * @fit to @obs): the parameter fixed at each of @n_points (odd, >= 3)
 * values evenly spaced in ln over the estimate -+ 4 se_ln (at most a
 * factor e^3; -+ 1 when se_ln is not finite; within the parameter's
 * bounds), the estimate in the middle, the others and the error
 * parameters fitted again (no global search, each point starting from its
 * inner neighbour's estimates).  @points[i].minus2ll is the objective
 * (-2LL, plus the prior terms when there are priors).  The 95 % interval
 * (*@ci_low, *@ci_high) is where the profile crosses the fit's objective +
 * 3.84 (chi2 with 1 degree of freedom), by interpolation in ln between
 * grid points; NAN on a side the grid does not reach it.  EXOPK_EINVAL for
 * a bad @k or @n_points, or as exopk_fit fails. */
typedef struct {
    double value;            /* engine unit */
    double minus2ll;
} ExopkFitProfilePoint;
ExopkStatus exopk_fit_profile(const ExopkStudy *study, const ExopkObserved *obs,
                              const ExopkFitProblem *p, const ExopkFitResult *fit, size_t k,
                              size_t n_points, ExopkFitProfilePoint *points, double *ci_low,
                              double *ci_high, ExopkError *err);

/* The engine unit of study parameter @path in @arm, as fits and
 * sensitivity analyses report it: a descriptor's unit ("1/h"), "h" for
 * the dosing times every/at/over, "particles" or "nmol" for dose,
 * "molecules/vesicle" for offered, else "1". */
void exopk_param_unit(const ExopkStudy *s, size_t arm, const char *path, char *unit,
                      size_t size);

#ifdef __cplusplus
}
#endif
#endif
