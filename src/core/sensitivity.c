/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sensitivity analysis (include/exopk/sensitivity.h).
 *
 * Each method first writes its whole design (the points, in the unit cube
 * or as ln-steps around the nominal point), then evaluates every point by
 * index on a pool of threads, then reduces.  The design depends only on
 * the problem and the seed, so results are the same for any thread count.
 *
 * Morris: Campolongo, Cariboni & Saltelli, Environ Model Softw 2007;22:1509
 * (mu*), on Morris's one-at-a-time trajectories (Technometrics 1991;33:161).
 * Sobol: the radial-free "A, B, AB_i" design of Saltelli et al., Comput Phys
 * Commun 2010;181:259, on a Sobol sequence (Halton past 40 dimensions), with
 * the Jansen estimators (Comput Phys Commun 1999;117:35) that paper
 * recommends; 95 % intervals by bootstrap over the design rows. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "exopk/sensitivity.h"

#define MAX_THREADS 64
#define PROGRESS_EVERY 16          /* evaluations between progress calls */

struct ExopkSensResult {
    ExopkSensMethod method;
    size_t n_params, n_outputs, evaluations;
    double *stat;                  /* [out][par][EXOPK_SENS_N_STATS] */
    size_t *rows;                  /* per output */
    double *variance;              /* per output */
};

/* ---- the design and its evaluation ------------------------------------ */

typedef struct {
    const ExopkSensProblem *p;
    size_t n_points;
    double *x;                     /* n_points x n_params, the parameters */
    double *y;                     /* n_points x n_outputs */
    atomic_size_t next, done;
    atomic_int stop;               /* 1: f failed, 2: cancelled */
} Design;

typedef struct {
    Design *d;
    int thread;
} Worker;

static void *
work(void *data)
{
    Worker *w = data;
    Design *d = w->d;
    const ExopkSensProblem *p = d->p;

    while (atomic_load(&d->stop) == 0) {
        size_t i = atomic_fetch_add(&d->next, 1);
        if (i >= d->n_points)
            break;
        if (p->f(d->x + i * p->n_params, d->y + i * p->n_outputs, w->thread, p->data) != 0)
            atomic_store(&d->stop, 1);
        atomic_fetch_add(&d->done, 1);
        if (w->thread == 0 && p->progress != NULL && i % PROGRESS_EVERY == 0 &&
            p->progress(atomic_load(&d->done), d->n_points, p->progress_data) != 0)
            atomic_store(&d->stop, 2);
    }
    return NULL;
}

/* Evaluates every point of @d; EXOPK_OK or why it stopped. */
static ExopkStatus
evaluate_all(Design *d, ExopkError *err)
{
    int nt = d->p->threads > 0 ? d->p->threads : 1, started = 0;
    pthread_t tid[MAX_THREADS];
    Worker w[MAX_THREADS];

    nt = nt > MAX_THREADS ? MAX_THREADS : nt;
    for (size_t i = 0; i < d->n_points * d->p->n_outputs; i++)
        d->y[i] = NAN;
    if (d->p->evaluate != NULL)
        return d->p->evaluate(d->x, d->n_points, d->y, d->p->evaluate_data, err);
    atomic_init(&d->next, 0);
    atomic_init(&d->done, 0);
    atomic_init(&d->stop, 0);
    for (int t = 0; t < nt; t++)
        w[t] = (Worker) { d, t };
    for (int t = 1; t < nt; t++)
        if (pthread_create(&tid[started], NULL, work, &w[t]) == 0)
            started++;     /* a thread that cannot start leaves its share to the others */
    work(&w[0]);
    for (int t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    if (atomic_load(&d->stop) == 1)
        return exopk_error_set(err, EXOPK_ECALLBACK, "sensitivity: an evaluation failed");
    if (atomic_load(&d->stop) == 2)
        return exopk_error_set(err, EXOPK_ECANCELLED, "sensitivity: cancelled");
    if (d->p->progress != NULL)
        d->p->progress(d->n_points, d->n_points, d->p->progress_data);
    return EXOPK_OK;
}

/* Parameter @i at @u in [0, 1] of its range. */
static double
from_unit(const ExopkSensProblem *p, size_t i, double u)
{
    double lo = p->lower[i], hi = p->upper[i];

    if (p->log_scale != NULL && p->log_scale[i])
        return exp(log(lo) + u * (log(hi) - log(lo)));
    return lo + u * (hi - lo);
}

static double *
stat_at(ExopkSensResult *r, size_t out, size_t par)
{
    return r->stat + (out * r->n_params + par) * EXOPK_SENS_N_STATS;
}

/* ---- local: d ln y / d ln p by central differences ------------------ */

/* Points: the nominal one, then for each parameter p e^h and p e^-h. */
static void
local_design(Design *d, double h)
{
    const ExopkSensProblem *p = d->p;
    size_t k = p->n_params;

    for (size_t j = 0; j < d->n_points; j++)
        memcpy(d->x + j * k, p->nominal, k * sizeof *d->x);
    for (size_t i = 0; i < k; i++) {
        d->x[(1 + 2 * i) * k + i] *= exp(h);
        d->x[(2 + 2 * i) * k + i] *= exp(-h);
    }
}

/* On ln y when all three values are positive (exact for a power law),
 * else on y normalised by its nominal value. */
static void
local_reduce(const Design *d, ExopkSensResult *r, double h)
{
    const ExopkSensProblem *p = d->p;
    size_t m = p->n_outputs;

    for (size_t o = 0; o < m; o++)
        for (size_t i = 0; i < p->n_params; i++) {
            double y0 = d->y[o], yp = d->y[(1 + 2 * i) * m + o], ym = d->y[(2 + 2 * i) * m + o];
            double s = y0 > 0 && yp > 0 && ym > 0 ? (log(yp) - log(ym)) / (2 * h)
                                                   : (yp - ym) / (2 * h * y0);
            stat_at(r, o, i)[EXOPK_SENS_S] = isfinite(s) ? s : NAN;
        }
    for (size_t o = 0; o < m; o++)
        r->rows[o] = 1;
}

/* ---- Morris: elementary effects on r trajectories ------------------- */

/* Trajectory t: a random start on the grid {0, 1/(p-1), ..., 1}, then one
 * parameter at a time, in a random order, moved by delta = p / (2(p-1))
 * up when that stays in [0, 1], else down.  @order, @sign record the
 * move of each step for the reduction. */
static int
morris_design(Design *d, gsl_rng *rng, int levels, size_t *order, double *sign)
{
    const ExopkSensProblem *p = d->p;
    size_t k = p->n_params, r = d->n_points / (k + 1);
    double delta = levels / (2.0 * (levels - 1)), *u = malloc(k * sizeof *u);

    if (u == NULL)
        return -1;
    for (size_t t = 0; t < r; t++) {
        size_t *ord = order + t * k;
        for (size_t i = 0; i < k; i++) {
            u[i] = (double) gsl_rng_uniform_int(rng, (unsigned long) levels) / (levels - 1);
            ord[i] = i;
        }
        for (size_t i = k; i > 1; i--) {       /* Fisher-Yates */
            size_t j = gsl_rng_uniform_int(rng, i), tmp = ord[i - 1];
            ord[i - 1] = ord[j];
            ord[j] = tmp;
        }
        for (size_t s = 0; s <= k; s++) {
            if (s > 0) {
                size_t i = ord[s - 1];
                sign[t * k + s - 1] = u[i] + delta <= 1 + 1e-12 ? 1.0 : -1.0;
                u[i] += sign[t * k + s - 1] * delta;
            }
            for (size_t i = 0; i < k; i++)
                d->x[(t * (k + 1) + s) * k + i] = from_unit(p, i, u[i]);
        }
    }
    free(u);
    return 0;
}

static void
morris_reduce(const Design *d, ExopkSensResult *r, int levels, const size_t *order,
              const double *sign)
{
    const ExopkSensProblem *p = d->p;
    size_t k = p->n_params, m = p->n_outputs, nt = d->n_points / (k + 1);
    double delta = levels / (2.0 * (levels - 1));

    for (size_t o = 0; o < m; o++) {
        for (size_t i = 0; i < k; i++) {
            double *st = stat_at(r, o, i), sum = 0, sum_abs = 0, sum2 = 0;
            size_t n = 0;
            for (size_t t = 0; t < nt; t++) {
                size_t s = 0;
                while (order[t * k + s] != i)
                    s++;
                double y1 = d->y[(t * (k + 1) + s) * m + o], y2 = d->y[(t * (k + 1) + s + 1) * m + o];
                double ee = (y2 - y1) / (sign[t * k + s] * delta);
                if (!isfinite(ee))
                    continue;
                sum += ee, sum_abs += fabs(ee), sum2 += ee * ee, n++;
            }
            st[EXOPK_SENS_MU] = n > 0 ? sum / n : NAN;
            st[EXOPK_SENS_MU_STAR] = n > 0 ? sum_abs / n : NAN;
            st[EXOPK_SENS_SIGMA] = n > 1 ? sqrt(fmax(0, (sum2 - sum * sum / n) / (n - 1))) : NAN;
            if (i == 0)
                r->rows[o] = n;
        }
    }
}

/* ---- Sobol: Saltelli design, Jansen estimators, bootstrap ------------ */

/* Rows j = 0..N-1 of the design: point A_j at j, B_j at N + j, AB_ij (A_j
 * with column i from B_j) at (2 + i) N + j.  A and B are the two halves
 * of one 2k-dimensional low-discrepancy point (the first, all zeros,
 * skipped). */
static int
sobol_design(Design *d, size_t n)
{
    const ExopkSensProblem *p = d->p;
    size_t k = p->n_params;
    gsl_qrng *q = gsl_qrng_alloc(2 * k <= 40 ? gsl_qrng_sobol : gsl_qrng_halton,
                                 (unsigned) (2 * k));
    double *u = malloc(2 * k * sizeof *u);

    if (q == NULL || u == NULL) {
        gsl_qrng_free(q);
        free(u);
        return -1;
    }
    gsl_qrng_get(q, u);
    for (size_t j = 0; j < n; j++) {
        gsl_qrng_get(q, u);
        for (size_t i = 0; i < k; i++) {
            d->x[j * k + i] = from_unit(p, i, u[i]);
            d->x[(n + j) * k + i] = from_unit(p, i, u[k + i]);
        }
        for (size_t c = 0; c < k; c++) {
            double *row = d->x + ((2 + c) * n + j) * k;
            memcpy(row, d->x + j * k, k * sizeof *row);
            row[c] = d->x[(n + j) * k + c];
        }
    }
    gsl_qrng_free(q);
    free(u);
    return 0;
}

/* Output @o's values for the rows used: fa[j], fb[j], fab[i * n + j]. */
typedef struct {
    size_t n, k;
    const double *fa, *fb, *fab;
} SobolRows;

/* S1 and ST of every parameter from rows @idx[0..n) (a bootstrap sample
 * or all of them), into s1[k], st[k]. */
static void
jansen(const SobolRows *sr, const size_t *idx, double *s1, double *st)
{
    size_t n = sr->n;
    double mean = 0, var = 0;

    for (size_t j = 0; j < n; j++)
        mean += sr->fa[idx[j]] + sr->fb[idx[j]];
    mean /= 2.0 * n;
    for (size_t j = 0; j < n; j++)
        var += pow(sr->fa[idx[j]] - mean, 2) + pow(sr->fb[idx[j]] - mean, 2);
    var /= 2.0 * n - 1;
    for (size_t i = 0; i < sr->k; i++) {
        double a = 0, b = 0;
        for (size_t j = 0; j < n; j++) {
            double fabij = sr->fab[i * sr->n + idx[j]];
            a += pow(sr->fb[idx[j]] - fabij, 2);
            b += pow(sr->fa[idx[j]] - fabij, 2);
        }
        s1[i] = var > 0 ? 1.0 - a / (2.0 * n) / var : NAN;
        st[i] = var > 0 ? b / (2.0 * n) / var : NAN;
    }
}

/* The 2.5 % and 97.5 % points of @boot[nb] (sorted in place). */
static void
interval(double *boot, size_t nb, double *lo, double *hi)
{
    gsl_sort(boot, 1, nb);
    *lo = gsl_stats_quantile_from_sorted_data(boot, 1, nb, 0.025);
    *hi = gsl_stats_quantile_from_sorted_data(boot, 1, nb, 0.975);
}

/* Bootstrap intervals of output @o from @sr; NaN-free rows only. */
static int
sobol_bootstrap(const SobolRows *sr, ExopkSensResult *r, size_t o, size_t nb, unsigned long seed)
{
    size_t n = sr->n, k = sr->k;
    size_t *idx = malloc(n * sizeof *idx);
    double *s1 = malloc(k * sizeof *s1), *st = malloc(k * sizeof *st);
    double *b1 = malloc(nb * k * sizeof *b1), *bt = malloc(nb * k * sizeof *bt);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = -1;

    if (idx == NULL || s1 == NULL || st == NULL || b1 == NULL || bt == NULL || rng == NULL)
        goto out;
    gsl_rng_set(rng, seed + 7919 * o);   /* one stream per output: any order of outputs */
    for (size_t b = 0; b < nb; b++) {
        for (size_t j = 0; j < n; j++)
            idx[j] = gsl_rng_uniform_int(rng, n);
        jansen(sr, idx, s1, st);
        for (size_t i = 0; i < k; i++)
            b1[i * nb + b] = s1[i], bt[i * nb + b] = st[i];
    }
    for (size_t i = 0; i < k; i++) {
        double *x = stat_at(r, o, i);
        interval(b1 + i * nb, nb, &x[EXOPK_SENS_S1_LOW], &x[EXOPK_SENS_S1_HIGH]);
        interval(bt + i * nb, nb, &x[EXOPK_SENS_ST_LOW], &x[EXOPK_SENS_ST_HIGH]);
    }
    rc = 0;
out:
    free(idx), free(s1), free(st), free(b1), free(bt);
    gsl_rng_free(rng);
    return rc;
}

/* Gathers output @o's rows where every evaluation of the row gave a
 * finite value into @fa, @fb, @fab (capacity n each, n k for fab). */
static size_t
sobol_rows(const Design *d, size_t n, size_t o, double *fa, double *fb, double *fab,
           size_t *keep)
{
    size_t k = d->p->n_params, m = d->p->n_outputs, used = 0;

    for (size_t j = 0; j < n; j++) {
        int ok = isfinite(d->y[j * m + o]) && isfinite(d->y[(n + j) * m + o]);
        for (size_t i = 0; i < k && ok; i++)
            ok = isfinite(d->y[((2 + i) * n + j) * m + o]);
        if (ok)
            keep[used++] = j;
    }
    for (size_t u = 0; u < used; u++) {
        size_t j = keep[u];
        fa[u] = d->y[j * m + o];
        fb[u] = d->y[(n + j) * m + o];
        for (size_t i = 0; i < k; i++)
            fab[i * used + u] = d->y[((2 + i) * n + j) * m + o];
    }
    return used;
}

static int
sobol_reduce(const Design *d, ExopkSensResult *r, size_t n)
{
    const ExopkSensProblem *p = d->p;
    size_t k = p->n_params, nb = p->bootstrap > 0 ? p->bootstrap : 1000;
    double *fa = malloc(n * sizeof *fa), *fb = malloc(n * sizeof *fb);
    double *fab = malloc(n * k * sizeof *fab), *s1 = malloc(k * sizeof *s1);
    double *st = malloc(k * sizeof *st);
    size_t *keep = malloc(n * sizeof *keep);
    int rc = -1;

    if (fa == NULL || fb == NULL || fab == NULL || s1 == NULL || st == NULL || keep == NULL)
        goto out;
    for (size_t o = 0; o < p->n_outputs; o++) {
        SobolRows sr = { sobol_rows(d, n, o, fa, fb, fab, keep), k, fa, fb, fab };
        r->rows[o] = sr.n;
        if (sr.n < 2)
            continue;
        for (size_t j = 0; j < sr.n; j++)
            keep[j] = j;
        jansen(&sr, keep, s1, st);
        r->variance[o] = gsl_stats_variance(fa, 1, sr.n);
        for (size_t i = 0; i < k; i++) {
            stat_at(r, o, i)[EXOPK_SENS_S1] = s1[i];
            stat_at(r, o, i)[EXOPK_SENS_ST] = st[i];
        }
        if (sobol_bootstrap(&sr, r, o, nb, p->seed) != 0)
            goto out;
    }
    rc = 0;
out:
    free(fa), free(fb), free(fab), free(s1), free(st), free(keep);
    return rc;
}

/* ---- the driver ------------------------------------------------------- */

static ExopkStatus
check_problem(const ExopkSensProblem *p, ExopkError *err)
{
    if (p->f == NULL || p->n_params == 0 || p->n_outputs == 0)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "sensitivity: needs a function, parameters and outputs");
    for (size_t i = 0; i < p->n_params; i++) {
        if (p->method == EXOPK_SENS_LOCAL) {
            if (p->nominal == NULL || !(p->nominal[i] > 0) || !isfinite(p->nominal[i]))
                return exopk_error_set(err, EXOPK_EINVAL,
                                       "sensitivity: parameter %zu: the local method needs a "
                                       "positive, finite nominal value", i + 1);
            continue;
        }
        if (p->lower == NULL || p->upper == NULL || !isfinite(p->lower[i]) ||
            !isfinite(p->upper[i]) || !(p->lower[i] < p->upper[i]))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "sensitivity: parameter %zu: range [%g, %g] needs lower < "
                                   "upper, both finite", i + 1, p->lower ? p->lower[i] : NAN,
                                   p->upper ? p->upper[i] : NAN);
        if (p->log_scale != NULL && p->log_scale[i] && !(p->lower[i] > 0))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "sensitivity: parameter %zu: a log scale needs lower > 0", i + 1);
    }
    if (p->method == EXOPK_SENS_MORRIS && p->levels != 0 && (p->levels < 2 || p->levels % 2))
        return exopk_error_set(err, EXOPK_EINVAL, "sensitivity: Morris levels must be even "
                               "and at least 2 (got %d)", p->levels);
    if (p->method == EXOPK_SENS_SOBOL && 2 * p->n_params > 1229)
        return exopk_error_set(err, EXOPK_EINVAL, "sensitivity: Sobol indices of at most 614 "
                               "parameters (got %zu)", p->n_params);
    return EXOPK_OK;
}

/* Points of the design: local 1 + 2k, Morris r (k + 1), Sobol N (k + 2). */
static size_t
design_points(const ExopkSensProblem *p, size_t *base)
{
    size_t k = p->n_params;

    switch (p->method) {
    case EXOPK_SENS_LOCAL: *base = 1; return 1 + 2 * k;
    case EXOPK_SENS_MORRIS: *base = p->samples > 0 ? p->samples : 20; return *base * (k + 1);
    default: *base = p->samples > 0 ? p->samples : 1024; return *base * (k + 2);
    }
}

static ExopkSensResult *
result_new(const ExopkSensProblem *p, size_t evaluations)
{
    ExopkSensResult *r = calloc(1, sizeof *r);
    size_t n = p->n_outputs * p->n_params * EXOPK_SENS_N_STATS;

    if (r == NULL)
        return NULL;
    r->method = p->method;
    r->n_params = p->n_params;
    r->n_outputs = p->n_outputs;
    r->evaluations = evaluations;
    r->stat = malloc(n * sizeof *r->stat);
    r->rows = calloc(p->n_outputs, sizeof *r->rows);
    r->variance = malloc(p->n_outputs * sizeof *r->variance);
    if (r->stat == NULL || r->rows == NULL || r->variance == NULL) {
        exopk_sens_result_free(r);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        r->stat[i] = NAN;
    for (size_t o = 0; o < p->n_outputs; o++)
        r->variance[o] = NAN;
    return r;
}

/* Writes the method's design into @d (Morris: its moves into @order,
 * @sign); -1 on ENOMEM. */
static int
write_design(Design *d, size_t base, size_t *order, double *sign)
{
    const ExopkSensProblem *p = d->p;
    gsl_rng *rng;

    switch (p->method) {
    case EXOPK_SENS_LOCAL:
        local_design(d, p->step > 0 ? p->step : 1e-3);
        return 0;
    case EXOPK_SENS_MORRIS: {
        int rc;
        if ((rng = gsl_rng_alloc(gsl_rng_mt19937)) == NULL)
            return -1;
        gsl_rng_set(rng, p->seed);
        rc = morris_design(d, rng, p->levels > 0 ? p->levels : 4, order, sign);
        gsl_rng_free(rng);
        return rc;
    }
    default:
        return sobol_design(d, base);
    }
}

static int
reduce(const Design *d, ExopkSensResult *r, size_t base, const size_t *order, const double *sign)
{
    const ExopkSensProblem *p = d->p;

    switch (p->method) {
    case EXOPK_SENS_LOCAL:
        local_reduce(d, r, p->step > 0 ? p->step : 1e-3);
        return 0;
    case EXOPK_SENS_MORRIS:
        morris_reduce(d, r, p->levels > 0 ? p->levels : 4, order, sign);
        return 0;
    default:
        return sobol_reduce(d, r, base);
    }
}

ExopkSensResult *
exopk_sensitivity(const ExopkSensProblem *p, ExopkError *err)
{
    Design d = { .p = p };
    size_t base, k = p->n_params, *order = NULL;
    double *sign = NULL;
    ExopkSensResult *r = NULL;
    ExopkStatus st;

    if (check_problem(p, err) != EXOPK_OK)
        return NULL;
    d.n_points = design_points(p, &base);
    d.x = malloc(d.n_points * k * sizeof *d.x);
    d.y = malloc(d.n_points * p->n_outputs * sizeof *d.y);
    if (p->method == EXOPK_SENS_MORRIS) {
        order = malloc(base * k * sizeof *order);
        sign = malloc(base * k * sizeof *sign);
    }
    r = result_new(p, d.n_points);
    if (d.x == NULL || d.y == NULL || r == NULL ||
        (p->method == EXOPK_SENS_MORRIS && (order == NULL || sign == NULL)) ||
        write_design(&d, base, order, sign) != 0) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        goto fail;
    }
    if ((st = evaluate_all(&d, err)) != EXOPK_OK)
        goto fail;
    if (reduce(&d, r, base, order, sign) != 0) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        goto fail;
    }
    goto out;
fail:
    exopk_sens_result_free(r);
    r = NULL;
out:
    free(d.x), free(d.y), free(order), free(sign);
    return r;
}

void
exopk_sens_result_free(ExopkSensResult *r)
{
    if (r == NULL)
        return;
    free(r->stat);
    free(r->rows);
    free(r->variance);
    free(r);
}

double
exopk_sens_value(const ExopkSensResult *r, size_t out, size_t par, ExopkSensStat stat)
{
    if (out >= r->n_outputs || par >= r->n_params || stat >= EXOPK_SENS_N_STATS)
        return NAN;
    return r->stat[(out * r->n_params + par) * EXOPK_SENS_N_STATS + stat];
}

size_t exopk_sens_evaluations(const ExopkSensResult *r) { return r->evaluations; }

size_t
exopk_sens_rows_used(const ExopkSensResult *r, size_t out)
{
    return out < r->n_outputs ? r->rows[out] : 0;
}

double
exopk_sens_variance(const ExopkSensResult *r, size_t out)
{
    return out < r->n_outputs ? r->variance[out] : NAN;
}

/* ---- on a compiled model ---------------------------------------------- */

struct ExopkSensModelFn {
    const ExopkModel *model;
    const size_t *params;
    const char *const *metrics;
    size_t n_params, n_metrics;
    int threads;
    ExopkSim **sims;               /* one per thread */
    ExopkParamVector **vecs;
};

/* One run of the model at @x; a run that fails, or a value the domain
 * refuses, leaves its outputs NAN (the row is left out, not the analysis). */
static int
model_fn(const double *x, double *y, int thread, void *data)
{
    ExopkSensModelFn *mf = data;
    ExopkParamVector *v = mf->vecs[thread];
    ExopkResult *res;

    exopk_param_vector_reset(v);
    for (size_t i = 0; i < mf->n_params; i++)
        if (exopk_param_vector_set(v, mf->params[i], x[i], NULL) != EXOPK_OK)
            return 0;
    if ((res = exopk_sim_run(mf->sims[thread], v, NULL, NULL)) == NULL)
        return 0;
    for (size_t o = 0; o < mf->n_metrics; o++)
        if (exopk_result_metric(res, mf->metrics[o], &y[o]) != 0)
            y[o] = NAN;
    exopk_result_free(res);
    return 0;
}

void
exopk_sens_model_fn_free(ExopkSensModelFn *mf)
{
    if (mf == NULL)
        return;
    for (int t = 0; t < mf->threads && mf->sims != NULL; t++)
        exopk_sim_free(mf->sims[t]);
    for (int t = 0; t < mf->threads && mf->vecs != NULL; t++)
        exopk_param_vector_free(mf->vecs[t]);
    free(mf->sims);
    free(mf->vecs);
    free(mf);
}

ExopkSensModelFn *
exopk_sens_model_fn_new(const ExopkModel *model, const size_t *params, size_t n_params,
                        const char *const *metrics, size_t n_metrics, int threads,
                        ExopkError *err)
{
    ExopkSensModelFn *mf = calloc(1, sizeof *mf);
    int nt = threads > 0 ? (threads < MAX_THREADS ? threads : MAX_THREADS) : 1;

    if (mf != NULL) {
        *mf = (ExopkSensModelFn){ model, params, metrics, n_params, n_metrics, nt, NULL, NULL };
        mf->sims = calloc((size_t) nt, sizeof *mf->sims);
        mf->vecs = calloc((size_t) nt, sizeof *mf->vecs);
    }
    for (int t = 0; mf != NULL && mf->sims != NULL && mf->vecs != NULL && t < nt; t++) {
        mf->sims[t] = exopk_sim_new(model, NULL);
        mf->vecs[t] = exopk_param_vector_new(model);
        if (mf->sims[t] == NULL || mf->vecs[t] == NULL)
            break;
    }
    if (mf == NULL || mf->sims == NULL || mf->vecs == NULL || mf->sims[nt - 1] == NULL
        || mf->vecs[nt - 1] == NULL) {
        exopk_sens_model_fn_free(mf);
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    return mf;
}

ExopkStatus
exopk_sens_model_fn_eval(ExopkSensModelFn *mf, const double *x, size_t n_points, double *y,
                         ExopkError *err)
{
    ExopkSensProblem p = { .n_params = mf->n_params, .n_outputs = mf->n_metrics,
                           .threads = mf->threads, .f = model_fn, .data = mf };
    Design d = { .p = &p, .n_points = n_points, .y = y };
    ExopkStatus st;

    if ((d.x = malloc((n_points ? n_points : 1) * mf->n_params * sizeof *d.x + 1)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    memcpy(d.x, x, n_points * mf->n_params * sizeof *d.x);
    st = evaluate_all(&d, err);
    free(d.x);
    return st;
}

ExopkSensResult *
exopk_sensitivity_of_model(const ExopkSensProblem *p, const ExopkModel *model,
                           const size_t *params, const char *const *metrics, ExopkError *err)
{
    ExopkSensProblem q = *p;
    ExopkSensModelFn *mf = exopk_sens_model_fn_new(model, params, p->n_params, metrics,
                                                   p->n_outputs, p->threads, err);
    ExopkSensResult *r = NULL;

    if (mf != NULL) {
        q.threads = mf->threads;
        q.f = model_fn;
        q.data = mf;
        r = exopk_sensitivity(&q, err);
    }
    exopk_sens_model_fn_free(mf);
    return r;
}
