/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting: the global search and the trust region.
 *
 * The global search is NLopt's CRS2 with local mutation (Kaelo & Ali, J
 * Optim Theory Appl 2006;130:253) on the sum of squared residuals, in a
 * box of ln p within a factor 10 of the start (and within the bounds),
 * with a small budget; nlopt_srand(1) makes it repeatable.  The trust
 * region is GSL's Levenberg-Marquardt with More scaling on the same
 * residuals, in a variable u: ln p = u without bounds, else
 * ln p = lo + (hi - lo) / (1 + e^-u), so every step stays inside.  The
 * Jacobian is by central differences in ln p (step h, default 1e-3: the
 * truncation error h^2 ~ 1e-6 matches the ODE solver's rtol 1e-6, whose
 * noise over 2h gives relative errors near 1e-3), times d ln p / d u;
 * error parameters change no prediction, so their columns need no run. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <nlopt.h>

#include "fit-private.h"

/* Calls the progress callback; 1 (and F->cancelled) when it cancels. */
int
fit_report(FitState *F, double objective)
{
    if (F->p->progress != NULL && F->p->progress(F->evals, objective, F->p->progress_data) != 0)
        F->cancelled = 1;
    return F->cancelled;
}

/* Sum of squared residuals at @theta (into @r). */
static double
sum_squares(FitState *F, const double *theta, double *r)
{
    const double *pred;
    double s = 0;

    fit_residuals(F, theta, fit_predict_cached(F, theta, &pred) == 0 ? pred : NULL, r);
    for (size_t i = 0; i < F->n_res; i++)
        s += r[i] * r[i];
    return s;
}

/* ---- global search ---------------------------------------------------- */

typedef struct {
    FitState *F;
    double *r;
    nlopt_opt opt;
} Global;

static double
global_objective(unsigned n, const double *x, double *grad, void *data)
{
    Global *g = data;
    double s = sum_squares(g->F, x, g->r);

    (void) n;
    (void) grad;
    if (g->F->evals % 10 == 0 && fit_report(g->F, s))
        nlopt_force_stop(g->opt);
    return s;
}

static size_t
global_budget(const FitState *F)
{
    return F->p->global_evals > 0 ? F->p->global_evals : 15 * (F->n_theta + 1);
}

/* Improves @theta (the start) by the global search; it stays if nothing
 * better is found. */
ExopkStatus
fit_global(FitState *F, double *theta, ExopkError *err)
{
    size_t n = F->n_theta, budget = global_budget(F);
    double *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi), best = 0;
    Global g = { F, malloc(F->n_res * sizeof *g.r), NULL };
    ExopkStatus st = EXOPK_OK;

    if (budget < n + 2 || budget == SIZE_MAX)
        goto done;
    g.opt = nlopt_create(NLOPT_GN_CRS2_LM, (unsigned) n);
    if (lo == NULL || hi == NULL || g.r == NULL || g.opt == NULL) {
        st = exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
        goto done;
    }
    for (size_t j = 0; j < n; j++) {
        lo[j] = fmax(F->lo[j], theta[j] - M_LN10);
        hi[j] = fmin(F->hi[j], theta[j] + M_LN10);
    }
    nlopt_srand(1);
    nlopt_set_lower_bounds(g.opt, lo);
    nlopt_set_upper_bounds(g.opt, hi);
    nlopt_set_population(g.opt, (unsigned) (budget / 2 > n + 1 ? budget / 2 : n + 1));
    nlopt_set_maxeval(g.opt, (int) budget);
    nlopt_set_min_objective(g.opt, global_objective, &g);
    nlopt_optimize(g.opt, theta, &best);   /* theta: the best point seen */
    if (F->cancelled)
        st = exopk_error_set(err, EXOPK_ECANCELLED, "fit: cancelled");
done:
    nlopt_destroy(g.opt);
    free(lo);
    free(hi);
    free(g.r);
    return st;
}

/* ---- trust region ------------------------------------------------------ */

static int
bounded(const FitState *F, size_t j)
{
    return isfinite(F->lo[j]) && isfinite(F->hi[j]);
}

static double
theta_of(const FitState *F, size_t j, double u)
{
    return bounded(F, j) ? F->lo[j] + (F->hi[j] - F->lo[j]) / (1 + exp(-u)) : u;
}

static double
dtheta_du(const FitState *F, size_t j, double u)
{
    double s = 1 / (1 + exp(-u));

    return bounded(F, j) ? (F->hi[j] - F->lo[j]) * s * (1 - s) : 1;
}

static double
u_of(const FitState *F, size_t j, double theta)
{
    double s;

    if (!bounded(F, j))
        return theta;
    s = fmin(fmax((theta - F->lo[j]) / (F->hi[j] - F->lo[j]), 1e-9), 1 - 1e-9);
    return log(s / (1 - s));
}

typedef struct {
    FitState *F;
    double *theta, *step_theta, *rp, *rm, *pred;
} Solve;

static void
thetas(const Solve *s, const gsl_vector *u)
{
    for (size_t j = 0; j < s->F->n_theta; j++)
        s->theta[j] = theta_of(s->F, j, gsl_vector_get(u, j));
}

static int
tr_f(const gsl_vector *u, void *data, gsl_vector *f)
{
    Solve *s = data;

    thetas(s, u);
    sum_squares(s->F, s->theta, f->data);
    return GSL_SUCCESS;
}

/* Residuals at theta + @delta e_j; 0, or -1 when the run failed. */
static int
shifted(Solve *s, size_t j, double delta, double *r)
{
    FitState *F = s->F;
    const double *pred = F->pred;

    memcpy(s->step_theta, s->theta, F->n_theta * sizeof *s->theta);
    s->step_theta[j] += delta;
    if (j < F->n_model) {
        if (fit_predict(F, s->step_theta, s->pred) != 0)
            return -1;
        pred = s->pred;
    }
    fit_residuals(F, s->step_theta, pred, r);
    return 0;
}

/* Column @j of d r / d theta into @col (stride @stride): central, else
 * one-sided where a run fails, else 0. */
static void
column(Solve *s, size_t j, const double *r0, double *col, size_t stride)
{
    double h = s->F->step;
    int up = shifted(s, j, h, s->rp) == 0, down = shifted(s, j, -h, s->rm) == 0;

    for (size_t i = 0; i < s->F->n_res; i++)
        col[i * stride] = up && down ? (s->rp[i] - s->rm[i]) / (2 * h)
                          : up       ? (s->rp[i] - r0[i]) / h
                          : down     ? (r0[i] - s->rm[i]) / h : 0;
}

static int
tr_df(const gsl_vector *u, void *data, gsl_matrix *J)
{
    Solve *s = data;
    FitState *F = s->F;
    double *r0 = malloc(F->n_res * sizeof *r0);

    if (r0 == NULL)
        return GSL_ENOMEM;
    thetas(s, u);
    sum_squares(F, s->theta, r0);      /* F->pred at theta: shifted() runs elsewhere */
    for (size_t j = 0; j < F->n_theta; j++) {
        double chain = dtheta_du(F, j, gsl_vector_get(u, j));
        column(s, j, r0, J->data + j, J->tda);
        for (size_t i = 0; i < F->n_res; i++)
            J->data[i * J->tda + j] *= chain;
    }
    free(r0);
    return GSL_SUCCESS;
}

static ExopkStatus
iterate(FitState *F, gsl_multifit_nlinear_workspace *w, ExopkFitStatus *status)
{
    size_t max_iter = F->p->max_iter > 0 ? F->p->max_iter : 100;
    int info;

    *status = EXOPK_FIT_MAX_ITER;
    for (F->iterations = 0; F->iterations < max_iter; F->iterations++) {
        int st = gsl_multifit_nlinear_iterate(w);
        double chi = gsl_blas_dnrm2(gsl_multifit_nlinear_residual(w));
        if (fit_report(F, chi * chi))
            return EXOPK_ECANCELLED;
        if (st == GSL_ENOPROG) {
            *status = EXOPK_FIT_NO_PROGRESS;
            break;
        }
        if (gsl_multifit_nlinear_test(1e-6, 1e-6, 0, &info, w) == GSL_SUCCESS) {
            *status = EXOPK_FIT_CONVERGED;
            F->iterations++;
            break;
        }
    }
    return EXOPK_OK;
}

/* Minimises the residuals from @theta; @theta becomes the optimum. */
ExopkStatus
fit_trust_region(FitState *F, double *theta, ExopkFitStatus *status, ExopkError *err)
{
    size_t n = F->n_theta;
    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_fdf fdf = { tr_f, tr_df, NULL, F->n_res, n, NULL, 0, 0, 0 };
    Solve s = { F, malloc(n * sizeof(double)), malloc(n * sizeof(double)),
                malloc(F->n_res * sizeof(double)), malloc(F->n_res * sizeof(double)),
                malloc(F->n_obs * sizeof(double) + 1) };
    gsl_vector *u = gsl_vector_alloc(n);
    gsl_multifit_nlinear_workspace *w;
    ExopkStatus st = EXOPK_OK;

    par.trs = gsl_multifit_nlinear_trs_lm;
    par.scale = gsl_multifit_nlinear_scale_more;
    fdf.params = &s;
    w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, F->n_res, n);
    if (w == NULL || u == NULL || !s.theta || !s.step_theta || !s.rp || !s.rm || !s.pred) {
        st = exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
        goto done;
    }
    for (size_t j = 0; j < n; j++)
        gsl_vector_set(u, j, u_of(F, j, theta[j]));
    gsl_multifit_nlinear_init(u, &fdf, w);
    if (iterate(F, w, status) != EXOPK_OK)
        st = exopk_error_set(err, EXOPK_ECANCELLED, "fit: cancelled");
    thetas(&s, gsl_multifit_nlinear_position(w));
    memcpy(theta, s.theta, n * sizeof *theta);
done:
    gsl_multifit_nlinear_free(w);
    gsl_vector_free(u);
    free(s.theta);
    free(s.step_theta);
    free(s.rp);
    free(s.rm);
    free(s.pred);
    return st;
}
