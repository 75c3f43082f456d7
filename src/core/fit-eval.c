/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting: predictions of every arm at theta, and the residual vector.
 *
 * For an observation above the LLOQ, -2 ln L_i = r^2 + 2 ln sd + ln 2 pi
 * with r = (y - f) / sd; the fitter's residuals are r and
 * sqrt(2 ln sd + c), c = -2 ln(1e-9 scale) a constant of the observation
 * name, so their squares add to -2 ln L_i up to a constant and the optimum
 * is unchanged (the square root is floored at 0, which only matters for an
 * sd below 1e-9 of the data's size).  Below the LLOQ (M3, Beal 2001):
 * -2 ln L_i = -2 ln Phi((LLOQ - f) / sd), one residual, its square root.
 * A weight w multiplies -2 ln L_i (residuals by sqrt w).  A log-normal
 * prior on p adds ((ln p - m) / s)^2, one residual. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_sf_erf.h>

#include "fit-private.h"

/* Sets the study parameters of @theta on every arm's vector and runs the
 * arms; @pred[i] for each observation.  0, or -1 when a value is refused
 * or a run fails. */
int
fit_predict(FitState *F, const double *theta, double *pred)
{
    F->evals++;
    for (size_t a = 0; a < F->n_arms; a++) {
        FitArm *arm = &F->arms[a];
        ExopkResult *res;
        ExopkError err;
        int bad;

        for (size_t k = 0; k < F->n_model; k++)
            if (exopk_param_vector_set(arm->vec, (size_t) arm->index[k], exp(theta[k]), &err)
                != EXOPK_OK)
                return -1;
        res = exopk_sim_run(arm->sim, arm->vec, NULL, &err);
        if (res == NULL)
            return -1;
        bad = exopk_obs_match_predict(arm->match, res, pred + arm->offset);
        exopk_result_free(res);
        if (bad != 0)
            return -1;
    }
    for (size_t i = 0; i < F->n_obs; i++)
        if (!isfinite(pred[i]))
            return -1;
    return 0;
}

/* As fit_predict, remembering the last study parameters: the error
 * parameters alone change no prediction. */
int
fit_predict_cached(FitState *F, const double *theta, const double **pred)
{
    size_t bytes = F->n_model * sizeof *theta;

    *pred = F->pred;
    if (F->cache_ok && memcmp(F->cached_lnp, theta, bytes) == 0)
        return 0;
    memcpy(F->cached_lnp, theta, bytes);
    F->cache_ok = fit_predict(F, theta, F->pred) == 0;
    return F->cache_ok ? 0 : -1;
}

/* sd of observation @o at prediction @f, and d ln sd / d f, d ln sd /
 * d ln a, d ln sd / d ln b (sd^2 = a^2 + b^2 f^2). */
void
fit_sd(const FitState *F, const FitObs *o, const double *theta, double f, double *sd,
       double *dlnsd_df, double *dlnsd_da, double *dlnsd_db)
{
    const FitGroup *g = &F->groups[o->group];
    double a = g->ia >= 0 ? exp(theta[g->ia]) : 0, b = g->ib >= 0 ? exp(theta[g->ib]) : 0;
    double var = a * a + b * b * f * f;

    *sd = sqrt(var);
    *dlnsd_df = var > 0 ? b * b * f / var : 0;
    *dlnsd_da = var > 0 ? a * a / var : 0;
    *dlnsd_db = var > 0 ? b * b * f * f / var : 0;
}

/* ln Phi(z), accurate far in the lower tail. */
double
fit_log_phi(double z)
{
    return gsl_sf_log_erfc(-z / M_SQRT2) - M_LN2;
}

/* The two residuals of observation @o (the second 0 below the LLOQ). */
static void
obs_residuals(const FitState *F, const FitObs *o, const double *theta, double f, double *r)
{
    double sd, d1, d2, d3, sw = sqrt(o->weight);

    fit_sd(F, o, theta, f, &sd, &d1, &d2, &d3);
    if (!(sd > 0) || !isfinite(sd)) {
        r[0] = r[1] = FIT_FAILED;
        return;
    }
    if (o->below) {
        r[0] = sw * sqrt(fmax(0, -2 * fit_log_phi((o->y - f) / sd)));
        r[1] = 0;
        return;
    }
    r[0] = sw * (o->y - f) / sd;
    r[1] = sw * sqrt(fmax(0, 2 * log(sd) + o->c));
    if (!isfinite(r[0]))
        r[0] = FIT_FAILED;
}

/* @r[n_res]: two per observation, then one per prior.  @pred NULL: the
 * run failed, every residual FIT_FAILED. */
void
fit_residuals(const FitState *F, const double *theta, const double *pred, double *r)
{
    size_t k = 2 * F->n_obs;

    for (size_t i = 0; i < F->n_obs; i++) {
        if (pred == NULL)
            r[2 * i] = r[2 * i + 1] = FIT_FAILED;
        else
            obs_residuals(F, &F->obs[i], theta, pred[i], r + 2 * i);
    }
    for (size_t j = 0; j < F->n_theta; j++)
        if (F->prior_s[j] > 0)
            r[k++] = (theta[j] - F->prior_m[j]) / F->prior_s[j];
}

/* -2 ln L of the data, with its constants. */
double
fit_minus2ll(const FitState *F, const double *theta, const double *pred)
{
    double sum = 0;

    for (size_t i = 0; i < F->n_obs; i++) {
        const FitObs *o = &F->obs[i];
        double sd, d1, d2, d3, z;

        fit_sd(F, o, theta, pred[i], &sd, &d1, &d2, &d3);
        z = (o->y - pred[i]) / sd;
        sum += o->weight * (o->below ? -2 * fit_log_phi(z)
                                     : z * z + 2 * log(sd) + log(2 * M_PI));
    }
    return sum;
}

/* Sum over priors of ((ln p - m) / s)^2: -2 ln prior up to a constant. */
double
fit_prior_term(const FitState *F, const double *theta)
{
    double sum = 0;

    for (size_t j = 0; j < F->n_theta; j++)
        if (F->prior_s[j] > 0)
            sum += pow((theta[j] - F->prior_m[j]) / F->prior_s[j], 2);
    return sum;
}
