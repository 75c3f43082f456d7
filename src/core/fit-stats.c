/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting: the covariance of the estimates (on the log scale).
 *
 * Cov = I^-1, I the Fisher information of -ln L (plus the priors) at the
 * optimum, built by the chain rule from df/d theta (central differences
 * in ln p) and the error model, neglecting second derivatives of f and sd
 * (as Gauss-Newton does):
 *   above the LLOQ: w [grad f grad f' / sd^2 + 2 grad ln sd grad ln sd'],
 *     the expected information of N(f, sd^2) in (f, ln sd);
 *   below (M3): w g''(z) grad z grad z', g = -ln Phi, z = (LLOQ - f) / sd,
 *     g'' = lambda (z + lambda), lambda = phi(z) / Phi(z);
 *   a prior N(m, s^2) on ln p: 1 / s^2 on the diagonal.
 * Not 2 (J'J)^-1 of the fitter's residuals: their sum of squares is
 * -2 ln L, so -ln L has Gauss-Newton Hessian J'J, but the square-root
 * residual of ln sd gives J'J the wrong curvature in the error parameters
 * (1 + 1/(2 ln sd + c) per observation instead of 2).
 * The information is scaled to unit diagonal and inverted through its
 * eigenvectors; a direction with eigenvalue below 1e-10 (of the largest)
 * is not informed by the data, and every parameter taking part in it gets
 * an infinite variance. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>

#include "fit-private.h"

#define EIGEN_FLOOR 1e-10
#define NULL_LOADING 0.1

/* d pred / d ln p_k for each study parameter: @dpred[i * n_model + k]. */
static int
prediction_jacobian(FitState *F, const double *theta, double *dpred)
{
    size_t n = F->n_obs, m = F->n_model;
    double *t = malloc(F->n_theta * sizeof *t), *up = malloc((n + 1) * sizeof *up),
           *down = malloc((n + 1) * sizeof *down);
    int st = t && up && down ? 0 : -1;

    for (size_t k = 0; st == 0 && k < m; k++) {
        memcpy(t, theta, F->n_theta * sizeof *t);
        t[k] = theta[k] + F->step;
        st = fit_predict(F, t, up);
        t[k] = theta[k] - F->step;
        st = st != 0 ? st : fit_predict(F, t, down);
        for (size_t i = 0; st == 0 && i < n; i++)
            dpred[i * m + k] = (up[i] - down[i]) / (2 * F->step);
    }
    free(t);
    free(up);
    free(down);
    return st;
}

static void
add_outer(double *info, size_t n, const double *g, double w)
{
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            info[a * n + b] += w * g[a] * g[b];
}

/* The information contribution of observation @i. */
static void
add_observation(const FitState *F, size_t i, const double *theta, double f,
                const double *dpred, double *info, double *gf, double *gs)
{
    const FitObs *o = &F->obs[i];
    const FitGroup *g = &F->groups[o->group];
    size_t n = F->n_theta;
    double sd, dsdf, dsda, dsdb;

    fit_sd(F, o, theta, f, &sd, &dsdf, &dsda, &dsdb);
    memset(gf, 0, n * sizeof *gf);
    memset(gs, 0, n * sizeof *gs);
    for (size_t k = 0; k < F->n_model; k++) {
        gf[k] = dpred[i * F->n_model + k];
        gs[k] = dsdf * gf[k];
    }
    if (g->ia >= 0)
        gs[g->ia] += dsda;
    if (g->ib >= 0)
        gs[g->ib] += dsdb;
    if (!o->below) {
        add_outer(info, n, gf, o->weight / (sd * sd));
        add_outer(info, n, gs, 2 * o->weight);
        return;
    }
    {
        double z = (o->y - f) / sd, lambda = exp(-0.5 * z * z - 0.5 * log(2 * M_PI) - fit_log_phi(z));
        for (size_t k = 0; k < n; k++)
            gf[k] = -gf[k] / sd - z * gs[k];     /* grad z */
        add_outer(info, n, gf, o->weight * lambda * (z + lambda));
    }
}

/* @cov = D (sum over informed eigenpairs of v v' / lambda) D; INFINITY on
 * the diagonal for parameters loading on an uninformed one, or with no
 * information at all (d = 0). */
static void
accumulate(const gsl_vector *eval, const gsl_matrix *v, const double *d, size_t n, double *cov)
{
    double top = gsl_vector_max(eval);

    memset(cov, 0, n * n * sizeof *cov);
    for (size_t k = 0; k < n; k++) {
        double lam = gsl_vector_get(eval, k);
        for (size_t i = 0; i < n; i++) {
            double vi = gsl_matrix_get(v, i, k);
            if (lam <= EIGEN_FLOOR * top) {
                if (fabs(vi) > NULL_LOADING)
                    cov[i * n + i] = INFINITY;
                continue;
            }
            for (size_t j = 0; j < n; j++)
                cov[i * n + j] += vi * gsl_matrix_get(v, j, k) / lam * d[i] * d[j];
        }
    }
    for (size_t i = 0; i < n; i++)
        if (d[i] == 0)
            cov[i * n + i] = INFINITY;
}

/* Inverts @info (n x n, scaled to unit diagonal) into @cov as described
 * at the top. */
static ExopkStatus
invert(const double *info, size_t n, double *cov, ExopkError *err)
{
    gsl_matrix *a = gsl_matrix_alloc(n, n), *v = gsl_matrix_alloc(n, n);
    gsl_vector *eval = gsl_vector_alloc(n);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    double *d = malloc(n * sizeof *d);
    ExopkStatus st = EXOPK_OK;

    if (!a || !v || !eval || !w || !d) {
        st = exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        d[i] = info[i * n + i] > 0 ? 1 / sqrt(info[i * n + i]) : 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(a, i, j, info[i * n + j] * d[i] * d[j]);
    gsl_eigen_symmv(a, eval, v, w);
    accumulate(eval, v, d, n, cov);
done:
    gsl_matrix_free(a);
    gsl_matrix_free(v);
    gsl_vector_free(eval);
    gsl_eigen_symmv_free(w);
    free(d);
    return st;
}

ExopkStatus
fit_covariance(FitState *F, const double *theta, double *cov, ExopkError *err)
{
    size_t n = F->n_theta;
    double *dpred = malloc((F->n_obs * F->n_model + 1) * sizeof *dpred),
           *info = calloc(n * n, sizeof *info), *gf = malloc(n * sizeof *gf),
           *gs = malloc(n * sizeof *gs), *pred = malloc((F->n_obs + 1) * sizeof *pred);
    ExopkStatus st = EXOPK_OK;

    if (!dpred || !info || !gf || !gs || !pred)
        st = exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
    else if (fit_predict(F, theta, pred) != 0 || prediction_jacobian(F, theta, dpred) != 0)
        st = exopk_error_set(err, EXOPK_EINVAL,
                             "fit: the model does not run near the estimates (step %g in ln p)",
                             F->step);
    for (size_t i = 0; st == EXOPK_OK && i < F->n_obs; i++)
        add_observation(F, i, theta, pred[i], dpred, info, gf, gs);
    for (size_t j = 0; st == EXOPK_OK && j < n; j++)
        if (F->prior_s[j] > 0)
            info[j * n + j] += 1 / (F->prior_s[j] * F->prior_s[j]);
    if (st == EXOPK_OK)
        st = invert(info, n, cov, err);
    free(dpred);
    free(info);
    free(gf);
    free(gs);
    free(pred);
    return st;
}
