/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting (include/exopk/fit.h): the state the parts of the fitter share.
 * fit.c sets it up and returns the result, fit-eval.c predicts and forms
 * the residuals, fit-solve.c searches, fit-stats.c derives the standard
 * errors.  theta, the vector being estimated, is ln of the study
 * parameters in the order given, then ln of the error parameters. */
#ifndef EXOPK_FIT_PRIVATE_H
#define EXOPK_FIT_PRIVATE_H

#include "exopk/fit.h"
#include "exopk/model.h"

#define FIT_NAME_MAX 192
#define FIT_FAILED 1e10        /* each residual of a run that failed */

typedef struct {
    size_t arm;                /* in the study */
    ExopkModel *model;
    ExopkSim *sim;
    ExopkParamVector *vec;
    ExopkObsMatch *match;
    long *index;               /* model index of each study parameter */
    char (*units)[32];         /* of each observation's output */
    size_t offset, n;          /* its observations in FitState.obs */
} FitArm;

typedef struct {
    char name[FIT_NAME_MAX];
    ExopkErrorModel model;
    long ia, ib;               /* theta index of ln a, ln b; -1: none */
    double scale;              /* typical |value|, for the ln sd floor */
    char unit[32];             /* of the output */
} FitGroup;

typedef struct {
    const ExopkObsPoint *pt;
    const char *arm;
    double y, weight;
    double c;                  /* 2 ln sd + c > 0 unless sd < 1e-9 scale */
    int below;
    size_t group;
} FitObs;

typedef struct {
    const ExopkFitProblem *p;
    size_t n_model, n_theta, n_obs, n_below, n_arms, n_groups, n_prior, n_res;
    FitArm *arms;
    FitGroup *groups;
    FitObs *obs;
    char (*names)[FIT_NAME_MAX];   /* of each theta */
    char (*units)[32];         /* of each theta's value */
    double *lo, *hi;           /* ln bounds of theta (+-INFINITY: none) */
    double *start;             /* theta at the start */
    double *prior_m, *prior_s; /* per theta; prior_s <= 0: none */
    double *pred;              /* predictions at cached_lnp */
    double *cached_lnp;
    int cache_ok;
    double step;               /* finite-difference step in ln p */
    size_t evals, iterations;
    int cancelled;
} FitState;

/* fit-eval.c */
int fit_predict(FitState *F, const double *theta, double *pred);
int fit_predict_cached(FitState *F, const double *theta, const double **pred);
void fit_sd(const FitState *F, const FitObs *o, const double *theta, double f, double *sd,
            double *dlnsd_df, double *dlnsd_da, double *dlnsd_db);
void fit_residuals(const FitState *F, const double *theta, const double *pred, double *r);
double fit_minus2ll(const FitState *F, const double *theta, const double *pred);
double fit_prior_term(const FitState *F, const double *theta);
double fit_log_phi(double z);

/* fit-solve.c */
ExopkStatus fit_global(FitState *F, double *theta, ExopkError *err);
ExopkStatus fit_trust_region(FitState *F, double *theta, ExopkFitStatus *status,
                             ExopkError *err);
int fit_report(FitState *F, double objective);

/* fit-stats.c: the covariance of theta (n_theta^2, row-major) at @theta;
 * INFINITY on the diagonal for a direction the data do not inform. */
ExopkStatus fit_covariance(FitState *F, const double *theta, double *cov, ExopkError *err);

#endif
