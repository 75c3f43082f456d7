/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting (include/exopk/fit.h): setting the problem up, running it, and
 * the result.  The method is in fit-solve.c, fit-eval.c and fit-stats.c;
 * docs/fit.md explains it. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/units.h"
#include "fit-private.h"

#define WIDE_BOUND 13.815510557964274   /* ln 1e6: the missing side of a one-sided bound */
#define STEP_DEFAULT 1e-3
#define WARN_MAX 8192

struct ExopkFitResult {
    size_t n, n_model;         /* estimates; of them, study parameters first */
    ExopkFitEstimate *est;
    char (*names)[FIT_NAME_MAX];
    char (*units)[32];
    double *corr;
    ExopkFitSummary summary;
    size_t n_res;
    ExopkFitResidual *res;
    char (*res_arm)[EXOPK_NAME_MAX];
    char (*res_name)[FIT_NAME_MAX];
    char warnings[WARN_MAX];
};

/* ---- the arms ---------------------------------------------------------- */

static void
free_arms(FitState *F)
{
    for (size_t a = 0; a < F->n_arms; a++) {
        exopk_obs_match_free(F->arms[a].match);
        exopk_param_vector_free(F->arms[a].vec);
        exopk_sim_free(F->arms[a].sim);
        exopk_model_free(F->arms[a].model);
        free(F->arms[a].index);
        free(F->arms[a].units);
    }
    free(F->arms);
}

/* Compiles arm @a of @study and finds the parameters in it. */
static ExopkStatus
open_arm(FitState *F, const ExopkStudy *study, size_t a, FitArm *arm, ExopkError *err)
{
    ExopkError e;

    arm->arm = a;
    arm->model = exopk_model_compile(study, a, err);
    if (arm->model == NULL)
        return err ? err->code : EXOPK_EINVAL;
    arm->sim = exopk_sim_new(arm->model, err);
    arm->vec = exopk_param_vector_new(arm->model);
    arm->index = malloc((F->n_model + 1) * sizeof *arm->index);
    if (arm->sim == NULL || arm->vec == NULL || arm->index == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
    for (size_t k = 0; k < F->n_model; k++)
        if ((arm->index[k] = exopk_model_param_index(arm->model, F->p->params[k].path, &e)) < 0)
            return exopk_error_set(err, EXOPK_EINVAL, "fit: arm %s: --estimate %s",
                                   study->arms[a].name, e.message);
    return EXOPK_OK;
}

/* The unit of the output observation @pt is of, in @res. */
static const char *
output_unit(const ExopkResult *res, const ExopkObsPoint *pt)
{
    for (size_t m = 0; pt->series < 0 && m < exopk_result_n_metrics(res); m++)
        if (strcmp(exopk_result_metric_name(res, m), pt->row->name) == 0)
            return exopk_result_metric_unit(res, m);
    return pt->series >= 0 ? exopk_result_series_unit(res, (size_t) pt->series) : "";
}

void
exopk_param_unit(const ExopkStudy *s, size_t arm, const char *path, char *unit, size_t size)
{
    ExopkUnitKind kind;

    if (strchr(path, '.') != NULL && exopk_study_param_kind(s, path, &kind, NULL) == EXOPK_OK)
        snprintf(unit, size, "%s", exopk_unit_kind_unit(kind));
    else if (strcmp(path, "every") == 0 || strcmp(path, "at") == 0 || strcmp(path, "over") == 0)
        snprintf(unit, size, "h");
    else if (strcmp(path, "dose") == 0)
        snprintf(unit, size, "%s", s->arms[arm].lines[0].dose.unit == EXOPK_DOSE_PARTICLES
                                       ? "particles" : "nmol");
    else if (strncmp(path, "offered", 7) == 0)
        snprintf(unit, size, "molecules/vesicle");
    else
        snprintf(unit, size, "1");
}

/* Runs @arm at @theta and matches its observations. */
static ExopkStatus
match_arm(FitState *F, const ExopkStudy *study, const ExopkObserved *obs, FitArm *arm,
          const double *theta, ExopkError *err)
{
    ExopkResult *res;
    ExopkError e;

    for (size_t k = 0; k < F->n_model; k++)
        if (exopk_param_vector_set(arm->vec, (size_t) arm->index[k], exp(theta[k]), &e)
            != EXOPK_OK)
            return exopk_error_set(err, EXOPK_EINVAL, "fit: start: %s", e.message);
    res = exopk_sim_run(arm->sim, arm->vec, NULL, &e);
    if (res == NULL)
        return exopk_error_set(err, e.code, "fit: arm %s does not run at the start: %s",
                               study->arms[arm->arm].name, e.message);
    arm->match = exopk_obs_match_new(obs, study, arm->arm, res, err);
    if (arm->match != NULL)
        arm->n = exopk_obs_match_n(arm->match);
    arm->units = arm->match ? calloc(arm->n + 1, sizeof *arm->units) : NULL;
    for (size_t i = 0; arm->units != NULL && i < arm->n; i++)
        snprintf(arm->units[i], sizeof arm->units[i], "%s", output_unit(res, &exopk_obs_match_points(arm->match)[i]));
    exopk_result_free(res);
    if (arm->match == NULL)
        return err ? err->code : EXOPK_EINVAL;
    return arm->units ? EXOPK_OK : exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
}

/* The start of study parameter @k (ln), from the problem or the model. */
static ExopkStatus
model_start(FitState *F, const FitArm *arm, size_t k, ExopkError *err)
{
    const ExopkFitParam *q = &F->p->params[k];
    double v = q->start;

    if (!(v > 0) && !(v < 0))
        exopk_model_param_value(arm->model, (size_t) arm->index[k], &v);
    if (!(v > 0) || !isfinite(v))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "fit: --estimate %s: the start %g is not > 0 (fitted on the log "
                               "scale); give one: --estimate %s=START", q->path, v, q->path);
    F->start[k] = log(v);
    snprintf(F->names[k], FIT_NAME_MAX, "%s", q->path);
    exopk_param_unit(exopk_model_study(arm->model), arm->arm, q->path, F->units[k], sizeof F->units[k]);
    return EXOPK_OK;
}

/* Bounds and prior of study parameter @k. */
static ExopkStatus
model_bounds(FitState *F, size_t k, ExopkError *err)
{
    const ExopkFitParam *q = &F->p->params[k];
    int has_lo = isfinite(q->lower), has_hi = isfinite(q->upper);

    if ((has_lo && !(q->lower > 0)) || (has_lo && has_hi && !(q->lower < q->upper)))
        return exopk_error_set(err, EXOPK_EINVAL, "fit: --estimate %s: bounds %g:%g: expected "
                               "0 < LOW < HIGH", q->path, q->lower, q->upper);
    F->lo[k] = has_lo ? log(q->lower) : has_hi ? F->start[k] - WIDE_BOUND : -INFINITY;
    F->hi[k] = has_hi ? log(q->upper) : has_lo ? F->start[k] + WIDE_BOUND : INFINITY;
    if (F->start[k] < F->lo[k] || F->start[k] > F->hi[k])
        return exopk_error_set(err, EXOPK_EINVAL, "fit: --estimate %s: the start %g is outside "
                               "its bounds %g:%g", q->path, exp(F->start[k]), exp(F->lo[k]),
                               exp(F->hi[k]));
    F->prior_m[k] = q->prior_ln_mean;
    F->prior_s[k] = q->prior_ln_sd > 0 && isfinite(q->prior_ln_mean) ? q->prior_ln_sd : 0;
    return EXOPK_OK;
}

/* Arms with data, each compiled, its parameters found and matched. */
static ExopkStatus
setup_arms(FitState *F, const ExopkStudy *study, const ExopkObserved *obs, ExopkError *err)
{
    ExopkStatus st = EXOPK_OK;

    F->arms = calloc(study->n_arms + 1, sizeof *F->arms);
    if (F->arms == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
    for (size_t a = 0; st == EXOPK_OK && a < study->n_arms; a++) {
        FitArm *arm = &F->arms[F->n_arms];
        if (!exopk_observed_has_arm(obs, study->arms[a].name))
            continue;
        F->n_arms++;
        st = open_arm(F, study, a, arm, err);
        for (size_t k = 0; st == EXOPK_OK && F->n_arms == 1 && k < F->n_model; k++)
            if ((st = model_start(F, arm, k, err)) == EXOPK_OK)
                st = model_bounds(F, k, err);
        if (st == EXOPK_OK)
            st = match_arm(F, study, obs, arm, F->start, err);
        if (st == EXOPK_OK) {
            arm->offset = F->n_obs;
            F->n_obs += arm->n;
        }
    }
    if (st == EXOPK_OK && F->n_obs == 0)
        st = exopk_error_set(err, EXOPK_EINVAL, "fit: %s: no observation of any arm of the study",
                             exopk_observed_path(obs));
    return st;
}

/* ---- observations and error groups -------------------------------------- */

static size_t
group_of(FitState *F, const char *name)
{
    size_t g;

    for (g = 0; g < F->n_groups; g++)
        if (strcmp(F->groups[g].name, name) == 0)
            return g;
    snprintf(F->groups[g].name, FIT_NAME_MAX, "%s", name);
    F->groups[g].model = EXOPK_ERR_PROPORTIONAL;
    F->n_groups++;
    return g;
}

static ExopkStatus
setup_obs(FitState *F, const ExopkStudy *study, ExopkError *err)
{
    F->obs = calloc(F->n_obs + 1, sizeof *F->obs);
    F->groups = calloc(F->n_obs + 1, sizeof *F->groups);
    if (F->obs == NULL || F->groups == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
    for (size_t a = 0; a < F->n_arms; a++) {
        const ExopkObsPoint *pts = exopk_obs_match_points(F->arms[a].match);
        for (size_t i = 0; i < F->arms[a].n; i++) {
            FitObs *o = &F->obs[F->arms[a].offset + i];
            o->pt = &pts[i];
            o->arm = study->arms[F->arms[a].arm].name;
            o->y = pts[i].value;
            o->weight = pts[i].row->weight;
            o->below = pts[i].row->below_lloq;
            o->group = group_of(F, pts[i].row->name);
            snprintf(F->groups[o->group].unit, sizeof F->groups[o->group].unit, "%s",
                     F->arms[a].units[i]);
            F->n_below += o->below != 0;
            F->groups[o->group].scale += fabs(o->y);
        }
    }
    return EXOPK_OK;
}

/* Error models the problem gives, by name (nearest name if unknown). */
static ExopkStatus
apply_error_models(FitState *F, ExopkError *err)
{
    for (size_t e = 0; e < F->p->n_errors; e++) {
        const char *name = F->p->errors[e].name, *cand[64];
        size_t g, n = F->n_groups < 64 ? F->n_groups : 64;
        for (g = 0; g < F->n_groups && strcmp(F->groups[g].name, name) != 0; g++)
            ;
        if (g < F->n_groups) {
            F->groups[g].model = F->p->errors[e].model;
            continue;
        }
        for (size_t k = 0; k < n; k++)
            cand[k] = F->groups[k].name;
        name = exopk_nearest_name(name, cand, n);
        return exopk_error_set(err, EXOPK_EINVAL, "fit: --error %s: no observation has this "
                               "name%s%s%s", F->p->errors[e].name, name ? " (did you mean \"" : "",
                               name ? name : "", name ? "\"?)" : "");
    }
    return EXOPK_OK;
}

/* ---- the error parameters ------------------------------------------------ */

/* Root mean square of the absolute (@rel 0) or relative residuals of
 * group @g at @pred, over rows above the LLOQ; NAN when none. */
static double
rms_residual(const FitState *F, size_t g, const double *pred, int rel)
{
    double sum = 0;
    size_t n = 0;

    for (size_t i = 0; i < F->n_obs; i++) {
        double e = F->obs[i].y - pred[i];
        if (F->obs[i].group != g || F->obs[i].below || (rel && pred[i] == 0))
            continue;
        sum += rel ? pow(e / pred[i], 2) : e * e;
        n++;
    }
    return n > 0 ? sqrt(sum / n) : NAN;
}

static void
add_error_param(FitState *F, long *slot, const FitGroup *group, const char *kind, double start)
{
    size_t j = F->n_theta++;

    *slot = (long) j;
    snprintf(F->names[j], FIT_NAME_MAX, "error.%s.%s", group->name, kind);
    snprintf(F->units[j], sizeof F->units[j], "%s", strcmp(kind, "additive") == 0 ? group->unit : "1");
    F->start[j] = log(start);
    F->lo[j] = -INFINITY;
    F->hi[j] = INFINITY;
    F->prior_s[j] = 0;
}

/* Starts from the residuals at the start (a combined model splits them);
 * without rows above the LLOQ, 20 % of the data's size. */
static void
setup_error_params(FitState *F, const double *pred)
{
    for (size_t g = 0; g < F->n_groups; g++) {
        FitGroup *G = &F->groups[g];
        size_t n = 0;
        double half = G->model == EXOPK_ERR_COMBINED ? 0.5 : 1, a, b;
        for (size_t i = 0; i < F->n_obs; i++)
            n += F->obs[i].group == g;
        G->scale = n > 0 ? G->scale / n : 0;
        a = half * rms_residual(F, g, pred, 0);
        b = half * rms_residual(F, g, pred, 1);
        a = isfinite(a) && a > 0.01 * G->scale ? a : 0.2 * G->scale + (G->scale == 0);
        b = isfinite(b) && b > 0.01 ? b : 0.2;
        G->ia = G->ib = -1;
        if (G->model != EXOPK_ERR_PROPORTIONAL)
            add_error_param(F, &G->ia, G, "additive", a);
        if (G->model != EXOPK_ERR_ADDITIVE)
            add_error_param(F, &G->ib, G, "proportional", b);
    }
    for (size_t i = 0; i < F->n_obs; i++) {
        double s = F->groups[F->obs[i].group].scale;
        F->obs[i].c = s > 0 ? -2 * log(1e-9 * s) : 0;
    }
}

/* ---- the state ------------------------------------------------------------ */

static void
free_state(FitState *F)
{
    free_arms(F);
    free(F->obs);
    free(F->groups);
    free(F->names);
    free(F->units);
    free(F->lo);
    free(F->hi);
    free(F->start);
    free(F->prior_m);
    free(F->prior_s);
    free(F->pred);
    free(F->cached_lnp);
}

/* Per-theta arrays for the study parameters and up to 2 error
 * parameters per data row. */
static ExopkStatus
alloc_state(FitState *F, const ExopkObserved *obs, ExopkError *err)
{
    size_t cap = F->n_model + 2 * exopk_observed_n(obs) + 1;

    F->names = calloc(cap, sizeof *F->names);
    F->units = calloc(cap, sizeof *F->units);
    F->lo = calloc(cap, sizeof(double));
    F->hi = calloc(cap, sizeof(double));
    F->start = calloc(cap, sizeof(double));
    F->prior_m = calloc(cap, sizeof(double));
    F->prior_s = calloc(cap, sizeof(double));
    F->cached_lnp = calloc(cap, sizeof(double));
    F->pred = calloc(exopk_observed_n(obs) + 1, sizeof(double));
    if (!F->names || !F->units || !F->lo || !F->hi || !F->start || !F->prior_m || !F->prior_s ||
        !F->cached_lnp || !F->pred)
        return exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
    return EXOPK_OK;
}

static ExopkStatus
setup(FitState *F, const ExopkStudy *study, const ExopkObserved *obs, ExopkError *err)
{
    ExopkStatus st;

    F->n_model = F->n_theta = F->p->n_params;
    F->step = F->p->fd_step > 0 ? F->p->fd_step : STEP_DEFAULT;
    if ((st = alloc_state(F, obs, err)) != EXOPK_OK ||
        (st = setup_arms(F, study, obs, err)) != EXOPK_OK ||
        (st = setup_obs(F, study, err)) != EXOPK_OK ||
        (st = apply_error_models(F, err)) != EXOPK_OK)
        return st;
    if (fit_predict(F, F->start, F->pred) != 0)
        return exopk_error_set(err, EXOPK_EINVAL, "fit: the study does not run at the start");
    setup_error_params(F, F->pred);
    for (size_t j = 0; j < F->n_theta; j++)
        F->n_prior += F->prior_s[j] > 0;
    F->n_res = 2 * F->n_obs + F->n_prior;
    if (F->n_res < F->n_theta)
        return exopk_error_set(err, EXOPK_EINVAL, "fit: %zu observations cannot determine %zu "
                               "parameters", F->n_obs, F->n_theta);
    return EXOPK_OK;
}

/* ---- the result ------------------------------------------------------------ */

void
exopk_fit_result_free(ExopkFitResult *r)
{
    if (r == NULL)
        return;
    free(r->est);
    free(r->names);
    free(r->units);
    free(r->corr);
    free(r->res);
    free(r->res_arm);
    free(r->res_name);
    free(r);
}

static ExopkFitResult *
result_new(size_t n, size_t n_res)
{
    ExopkFitResult *r = calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    r->n = n;
    r->n_res = n_res;
    r->est = calloc(n + 1, sizeof *r->est);
    r->names = calloc(n + 1, sizeof *r->names);
    r->units = calloc(n + 1, sizeof *r->units);
    r->corr = calloc(n * n + 1, sizeof *r->corr);
    r->res = calloc(n_res + 1, sizeof *r->res);
    r->res_arm = calloc(n_res + 1, sizeof *r->res_arm);
    r->res_name = calloc(n_res + 1, sizeof *r->res_name);
    if (!r->est || !r->names || !r->units || !r->corr || !r->res || !r->res_arm || !r->res_name) {
        exopk_fit_result_free(r);
        return NULL;
    }
    return r;
}

static void
fill_estimates(ExopkFitResult *r, const FitState *F, const double *theta, const double *cov)
{
    size_t n = F->n_theta;

    for (size_t j = 0; j < n; j++) {
        ExopkFitEstimate *e = &r->est[j];
        double se = sqrt(cov[j * n + j]);
        snprintf(r->names[j], FIT_NAME_MAX, "%s", F->names[j]);
        e->name = r->names[j];
        snprintf(r->units[j], sizeof r->units[j], "%s", F->units[j]);
        e->unit = r->units[j];
        e->estimate = exp(theta[j]);
        e->se_ln = isfinite(se) ? se : INFINITY;
        e->se = e->estimate * e->se_ln;
        e->rse_pct = 100 * e->se_ln;
        e->ci95_low = exp(theta[j] - 1.96 * e->se_ln);
        e->ci95_high = exp(theta[j] + 1.96 * e->se_ln);
        e->at_bound = theta[j] - F->lo[j] < 1e-3 || F->hi[j] - theta[j] < 1e-3;
        for (size_t k = 0; k < n; k++) {
            double d = sqrt(cov[j * n + j] * cov[k * n + k]);
            r->corr[j * n + k] = j == k ? 1 : isfinite(d) && d > 0 ? cov[j * n + k] / d : NAN;
        }
    }
}

static void
fill_residuals(ExopkFitResult *r, const FitState *F, const double *theta, const double *pred)
{
    for (size_t i = 0; i < F->n_obs; i++) {
        const FitObs *o = &F->obs[i];
        ExopkFitResidual *q = &r->res[i];
        double sd, d1, d2, d3;
        fit_sd(F, o, theta, pred[i], &sd, &d1, &d2, &d3);
        snprintf(r->res_arm[i], EXOPK_NAME_MAX, "%s", o->arm);
        snprintf(r->res_name[i], FIT_NAME_MAX, "%s", o->pt->row->name);
        *q = (ExopkFitResidual) { r->res_arm[i], r->res_name[i], o->pt->time, o->y, pred[i],
                                  o->below ? NAN : (o->y - pred[i]) / sd, o->below,
                                  o->pt->row->line };
    }
}

/* One line per estimate that the data do not determine. */
static void
fill_warnings(ExopkFitResult *r)
{
    size_t len = 0;

    for (size_t j = 0; j < r->n; j++) {
        const ExopkFitEstimate *e = &r->est[j];
        char why[256] = "";
        size_t w = 0;
        if (!(e->rse_pct <= 100))
            w += (size_t) snprintf(why + w, sizeof why - w, "RSE %.3g %%", e->rse_pct);
        for (size_t k = 0; k < r->n && w < sizeof why - 64; k++)
            if (k != j && fabs(r->corr[j * r->n + k]) > 0.95)
                w += (size_t) snprintf(why + w, sizeof why - w, "%scorrelation %.3f with %s",
                                       w ? ", " : "", r->corr[j * r->n + k], r->est[k].name);
        if (e->at_bound && w < sizeof why - 32)
            w += (size_t) snprintf(why + w, sizeof why - w, "%sat a bound", w ? ", " : "");
        if (w > 0 && len < WARN_MAX)
            len += (size_t) snprintf(r->warnings + len, WARN_MAX - len,
                                     "parameter %s is not identifiable (%s)\n", e->name, why);
    }
}

static ExopkFitResult *
make_result(FitState *F, const double *theta, ExopkFitStatus status, ExopkError *err)
{
    size_t n = F->n_theta;
    double *cov = malloc((n * n + 1) * sizeof *cov), *pred = malloc((F->n_obs + 1) * sizeof *pred);
    ExopkFitResult *r = result_new(n, F->n_obs);
    ExopkFitSummary *s;

    if (!cov || !pred || !r) {
        exopk_error_set(err, EXOPK_ENOMEM, "fit: out of memory");
        goto fail;
    }
    if (fit_covariance(F, theta, cov, err) != EXOPK_OK || fit_predict(F, theta, pred) != 0)
        goto fail;
    r->n_model = F->n_model;
    fill_estimates(r, F, theta, cov);
    fill_residuals(r, F, theta, pred);
    fill_warnings(r);
    s = &r->summary;
    s->minus2ll = fit_minus2ll(F, theta, pred);
    s->objective = s->minus2ll + fit_prior_term(F, theta);
    s->n_obs = F->n_obs;
    s->n_below_lloq = F->n_below;
    s->n_estimates = n;
    s->aic = s->minus2ll + 2.0 * n;
    s->bic = s->minus2ll + n * log((double) F->n_obs);
    s->iterations = F->iterations;
    s->evaluations = F->evals;
    s->status = status;
    free(cov);
    free(pred);
    return r;
fail:
    free(cov);
    free(pred);
    exopk_fit_result_free(r);
    return NULL;
}

ExopkFitResult *
exopk_fit(const ExopkStudy *study, const ExopkObserved *obs, const ExopkFitProblem *p,
          ExopkError *err)
{
    FitState F = { .p = p };
    ExopkFitResult *r = NULL;
    ExopkFitStatus status = EXOPK_FIT_MAX_ITER;
    double *theta = NULL;

    if (study == NULL || obs == NULL || p == NULL || (p->n_params > 0 && p->params == NULL)) {
        exopk_error_set(err, EXOPK_EINVAL, "fit: no study, data or problem");
        return NULL;
    }
    if (setup(&F, study, obs, err) == EXOPK_OK &&
        (theta = malloc(F.n_theta * sizeof *theta)) != NULL) {
        memcpy(theta, F.start, F.n_theta * sizeof *theta);
        if (fit_global(&F, theta, err) == EXOPK_OK &&
            fit_trust_region(&F, theta, &status, err) == EXOPK_OK)
            r = make_result(&F, theta, status, err);
    }
    free(theta);
    free_state(&F);
    return r;
}

size_t exopk_fit_n_estimates(const ExopkFitResult *r) { return r->n; }

static int
arm_has_data(const ExopkFitResult *r, const char *arm)
{
    for (size_t i = 0; i < r->n_res; i++)
        if (strcmp(r->res[i].arm, arm) == 0)
            return 1;
    return 0;
}

/* A parameter path is the study's; a dosing name ("dose", "every", ...)
 * was fitted in each arm with data, and is set there. */
ExopkStatus
exopk_fit_apply(const ExopkFitResult *r, ExopkStudy *study, ExopkError *err)
{
    ExopkStatus st = EXOPK_OK;

    for (size_t k = 0; st == EXOPK_OK && k < r->n_model; k++) {
        if (strchr(r->est[k].name, '.') != NULL) {
            st = exopk_study_set(study, 0, r->est[k].name, r->est[k].estimate, err);
            continue;
        }
        for (size_t a = 0; st == EXOPK_OK && a < study->n_arms; a++)
            if (arm_has_data(r, study->arms[a].name))
                st = exopk_study_set(study, a, r->est[k].name, r->est[k].estimate, err);
    }
    return st;
}

const ExopkFitEstimate *
exopk_fit_estimate(const ExopkFitResult *r, size_t i)
{
    return i < r->n ? &r->est[i] : NULL;
}

double
exopk_fit_correlation(const ExopkFitResult *r, size_t i, size_t j)
{
    return i < r->n && j < r->n ? r->corr[i * r->n + j] : NAN;
}

const ExopkFitSummary *exopk_fit_summary(const ExopkFitResult *r) { return &r->summary; }

const char *
exopk_fit_status_name(ExopkFitStatus status)
{
    switch (status) {
    case EXOPK_FIT_CONVERGED: return "converged";
    case EXOPK_FIT_MAX_ITER: return "max_iterations";
    case EXOPK_FIT_NO_PROGRESS: return "no_progress";
    }
    return "unknown";
}

size_t exopk_fit_n_residuals(const ExopkFitResult *r) { return r->n_res; }

const ExopkFitResidual *
exopk_fit_residual(const ExopkFitResult *r, size_t i)
{
    return i < r->n_res ? &r->res[i] : NULL;
}

const char *exopk_fit_warnings(const ExopkFitResult *r) { return r->warnings; }
