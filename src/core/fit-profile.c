/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The likelihood profile of one estimated study parameter
 * (include/exopk/fit.h): the parameter fixed at each value of a grid in ln
 * around its estimate, the others (and the error parameters) fitted again
 * from the neighbouring point's estimates, and the 95 % interval where the
 * objective rises by chi2(1, 0.95) = 3.84 above its least value (Venzon DJ,
 * Moolgavkar SH 1988, Appl Stat 37:87-94). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/fit.h"

#define PROFILE_CHI2_95 3.841458820694124

typedef struct {
    const ExopkStudy *study;
    const ExopkObserved *obs;
    const ExopkFitProblem *p;
    size_t k;                   /* the profiled parameter */
    ExopkFitParam *rest;        /* the others, starting where the last fit ended */
} Profile;

/* The objective with parameter k fixed at @value. */
static ExopkStatus
profile_at(Profile *pr, double value, double *objective, ExopkError *err)
{
    ExopkStudy *s = exopk_study_copy(pr->study);
    ExopkFitProblem q = *pr->p;
    ExopkFitResult *r = NULL;
    ExopkStatus st = s != NULL ? EXOPK_OK : exopk_error_set(err, EXOPK_ENOMEM, "out of memory");

    for (size_t a = 0; st == EXOPK_OK && a < s->n_arms; a++)
        st = exopk_study_set(s, a, pr->p->params[pr->k].path, value, err);
    q.params = pr->rest, q.n_params = pr->p->n_params - 1;
    q.global_evals = SIZE_MAX;  /* warm started: no global search */
    if (st == EXOPK_OK && (r = exopk_fit(s, pr->obs, &q, err)) == NULL)
        st = err ? err->code : EXOPK_EINVAL;
    if (st == EXOPK_OK) {
        const ExopkFitParam *fixed = &pr->p->params[pr->k];
        /* the fixed parameter's own prior term, as the full fit counts it */
        *objective = exopk_fit_summary(r)->objective
                     + (fixed->prior_ln_sd > 0
                            ? pow((log(value) - fixed->prior_ln_mean) / fixed->prior_ln_sd, 2) : 0);
        for (size_t j = 0; j < q.n_params; j++)
            pr->rest[j].start = exopk_fit_estimate(r, j)->estimate;
    }
    exopk_fit_result_free(r);
    exopk_study_free(s);
    return st;
}

/* Where the profile crosses @level between grid points i and i + 1 (ln
 * linear interpolation); NAN if it does not. */
static double
crossing(const ExopkFitProfilePoint *pt, size_t i, double level)
{
    double a = pt[i].minus2ll - level, b = pt[i + 1].minus2ll - level, t;

    if (!isfinite(a) || !isfinite(b) || (a > 0) == (b > 0) || a == b)
        return NAN;
    t = a / (a - b);
    return exp(log(pt[i].value) + t * (log(pt[i + 1].value) - log(pt[i].value)));
}

/* The 95 % interval from the profile: the crossings nearest the least
 * point on either side (NAN where the grid does not reach the level). */
static void
profile_ci(const ExopkFitProfilePoint *pt, size_t n, double least, double *lo, double *hi)
{
    size_t best = 0;

    for (size_t i = 1; i < n; i++)
        if (pt[i].minus2ll < pt[best].minus2ll)
            best = i;
    *lo = *hi = NAN;
    for (size_t i = best; i-- > 0 && isnan(*lo);)
        *lo = crossing(pt, i, least + PROFILE_CHI2_95);
    for (size_t i = best; i + 1 < n && isnan(*hi); i++)
        *hi = crossing(pt, i, least + PROFILE_CHI2_95);
}

/* Fits from the centre of the grid outwards, each point starting from its
 * inner neighbour's estimates. */
static ExopkStatus
profile_side(Profile *pr, const ExopkFitResult *fit, ExopkFitProfilePoint *pt, size_t n,
             long step, ExopkError *err)
{
    size_t c = n / 2;
    ExopkStatus st = EXOPK_OK;

    for (size_t j = 0, i = 0; j < pr->p->n_params; j++)
        if (j != pr->k)
            pr->rest[i++].start = exopk_fit_estimate(fit, j)->estimate;
    for (long i = (long) c + step; st == EXOPK_OK && i >= 0 && i < (long) n; i += step)
        st = profile_at(pr, pt[i].value, &pt[i].minus2ll, err);
    return st;
}

/* The grid: @n values evenly spaced in ln over the estimate -+ 4 se_ln,
 * within the bounds, the estimate (with the fit's objective) in the middle. */
static void
profile_grid(const ExopkFitParam *q, const ExopkFitEstimate *e, double objective,
             ExopkFitProfilePoint *points, size_t n)
{
    double half = isfinite(e->se_ln) && e->se_ln > 0 ? fmin(4 * e->se_ln, 3.0) : 1.0;
    double mid = log(e->estimate);
    double lnlo = fmax(mid - half, q->lower > 0 ? log(q->lower) : -INFINITY);
    double lnhi = fmin(mid + half, log(q->upper));   /* fmin drops a NAN */

    for (size_t i = 0; i < n; i++) {
        double t = (double) i / (double) (n / 2);   /* 0 .. 2 */
        points[i].value = i == n / 2 ? e->estimate
                        : exp(i < n / 2 ? lnlo + t * (mid - lnlo) : mid + (t - 1) * (lnhi - mid));
        points[i].minus2ll = i == n / 2 ? objective : NAN;
    }
}

ExopkStatus
exopk_fit_profile(const ExopkStudy *study, const ExopkObserved *obs, const ExopkFitProblem *p,
                  const ExopkFitResult *fit, size_t k, size_t n_points,
                  ExopkFitProfilePoint *points, double *ci_low, double *ci_high, ExopkError *err)
{
    const ExopkFitEstimate *e = k < p->n_params ? exopk_fit_estimate(fit, k) : NULL;
    Profile pr = { study, obs, p, k, NULL };
    ExopkStatus st;

    if (e == NULL || n_points < 3 || n_points % 2 == 0)
        return exopk_error_set(err, EXOPK_EINVAL, "profile: parameter %zu is no estimated study "
                               "parameter, or %zu points is not an odd number >= 3", k, n_points);
    profile_grid(&p->params[k], e, exopk_fit_summary(fit)->objective, points, n_points);
    if ((pr.rest = calloc(p->n_params, sizeof *pr.rest)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "profile: out of memory");
    for (size_t j = 0, i = 0; j < p->n_params; j++)
        if (j != k)
            pr.rest[i++] = p->params[j];
    st = profile_side(&pr, fit, points, n_points, -1, err);
    if (st == EXOPK_OK)
        st = profile_side(&pr, fit, points, n_points, +1, err);
    free(pr.rest);
    if (st == EXOPK_OK)
        profile_ci(points, n_points, exopk_fit_summary(fit)->objective, ci_low, ci_high);
    return st;
}
