/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Populations: the spec, the sampler and the statistics
 * (include/exopk/population.h, docs/population.md).
 *
 * Random numbers: subject i of seed S reads the splitmix64 sequence
 * (Steele, Lea & Flood 2014, OOPSLA) started at x = mix(mix(S) ^ i) (a
 * redraw k > 0: mix(x + mix(k))), one
 * 64-bit output per parameter in spec order, each turned into a uniform
 * in (0, 1) from its top 53 bits.  Nothing else feeds a subject's draw,
 * so a population is the same for any number of threads or any order of
 * work.  Normal deviates come from the inverse normal CDF of the uniform
 * (one uniform per parameter, no rejection, so the k-th parameter always
 * reads the k-th number). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "population-private.h"

/* ---- the spec ------------------------------------------------------------ */

void
exopk_pop_spec_from_study(const ExopkStudy *study, ExopkPopSpec *spec)
{
    const ExopkVariability *v = &study->variability;

    memset(spec, 0, sizeof *spec);
    for (size_t i = 0; i < v->n_varied; i++) {
        ExopkPopParam *p = &spec->params[spec->n_params++];

        snprintf(p->name, sizeof p->name, "%s", v->varied[i].name);
        p->dist = EXOPK_DIST_LOG_NORMAL;
        p->cv = v->varied[i].cv;
    }
    spec->n_correlations = v->n_correlations;
    memcpy(spec->correlations, v->correlations, v->n_correlations * sizeof *v->correlations);
}

int
exopk_pop_spec_add_range(ExopkPopSpec *spec, const char *name, double lo, double hi,
                         ExopkError *err)
{
    ExopkPopParam *p;

    for (size_t i = 0; i < spec->n_params; i++)
        if (strcmp(spec->params[i].name, name) == 0)
            return 0;
    if (!(lo > 0 && hi >= lo && isfinite(hi))) {
        exopk_error_set(err, EXOPK_EINVAL, "%s: range %g-%g: log-uniform needs 0 < lo <= hi",
                        name, lo, hi);
        return -1;
    }
    if (spec->n_params == EXOPK_POP_MAX_PARAMS || strlen(name) >= sizeof p->name) {
        exopk_error_set(err, EXOPK_EINVAL, "%s: too many varied parameters (at most %d)", name,
                        EXOPK_POP_MAX_PARAMS);
        return -1;
    }
    p = &spec->params[spec->n_params++];
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    p->dist = EXOPK_DIST_LOG_UNIFORM;
    p->lo = lo;
    p->hi = hi;
    return 1;
}

/* ---- correlations -------------------------------------------------------- */

/* The lower Cholesky factor of the correlation matrix of the first @n
 * parameters into @l (n x n, row-major).  EXOPK_EINVAL when the matrix
 * is not positive definite. */
static ExopkStatus
cholesky(const ExopkCorrelation *c, size_t nc, size_t n, double *l, ExopkError *err)
{
    gsl_matrix_view m = gsl_matrix_view_array(l, n, n);

    gsl_matrix_set_identity(&m.matrix);
    for (size_t k = 0; k < nc; k++) {
        gsl_matrix_set(&m.matrix, c[k].a, c[k].b, c[k].rho);
        gsl_matrix_set(&m.matrix, c[k].b, c[k].a, c[k].rho);
    }
    if (n > 0 && gsl_linalg_cholesky_decomp1(&m.matrix) != GSL_SUCCESS)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "correlations: the correlation matrix is not positive definite "
                               "(no population has these correlations together; weaken some)");
    for (size_t i = 0; i < n; i++)           /* keep the lower triangle only */
        for (size_t j = i + 1; j < n; j++)
            l[i * n + j] = 0;
    return EXOPK_OK;
}

static ExopkStatus
check_correlation(const ExopkCorrelation *c, size_t n, char *const *names, ExopkError *err)
{
    if (c->a >= n || c->b >= n)
        return exopk_error_set(err, EXOPK_EINVAL, "correlations: an entry names no varied parameter");
    if (c->a == c->b)
        return exopk_error_set(err, EXOPK_EINVAL, "correlations: \"%s\" with itself",
                               names[c->a]);
    if (!(c->rho > -1 && c->rho < 1))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "correlations: \"%s\", \"%s\": %g must lie strictly between -1 "
                               "and 1", names[c->a], names[c->b], c->rho);
    return EXOPK_OK;
}

ExopkStatus
exopk_variability_check(const ExopkVariability *v, ExopkError *err)
{
    char *names[EXOPK_MAX_VARIED];
    double *l;
    ExopkStatus st = EXOPK_OK;

    if (v->n_varied > EXOPK_MAX_VARIED || v->n_correlations > EXOPK_MAX_VARIED)
        return exopk_error_set(err, EXOPK_EINVAL, "variability: at most %d entries",
                               EXOPK_MAX_VARIED);
    for (size_t i = 0; i < v->n_varied; i++) {
        names[i] = (char *) v->varied[i].name;   /* read only: messages */
        if (!(v->varied[i].cv >= 0 && isfinite(v->varied[i].cv)))
            return exopk_error_set(err, EXOPK_EINVAL, "variability[\"%s\"]: %g: the CV must be "
                                   "finite and >= 0", names[i], v->varied[i].cv);
    }
    for (size_t k = 0; k < v->n_correlations && st == EXOPK_OK; k++)
        st = check_correlation(&v->correlations[k], v->n_varied, names, err);
    if (st != EXOPK_OK)
        return st;
    if ((l = malloc((v->n_varied ? v->n_varied * v->n_varied : 1) * sizeof *l)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    st = cholesky(v->correlations, v->n_correlations, v->n_varied, l, err);
    free(l);
    return st;
}

/* ---- the sampler --------------------------------------------------------- */

struct ExopkPopSampler {
    ExopkPopSpec spec;
    size_t n_normal;           /* the log-normal parameters: 0..n_normal-1 */
    double sigma[EXOPK_MAX_VARIED];
    double *chol;              /* n_normal x n_normal, lower */
};

static uint64_t
mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The next uniform in (0, 1) of splitmix64 stream @state. */
static double
next_uniform(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15ULL;
    return ((double) (mix64(*state) >> 11) + 0.5) * 0x1.0p-53;
}

static ExopkStatus
sampler_check(const ExopkPopSpec *spec, size_t *n_normal, ExopkError *err)
{
    size_t n = 0;

    while (n < spec->n_params && spec->params[n].dist == EXOPK_DIST_LOG_NORMAL)
        n++;
    if (n > EXOPK_MAX_VARIED)
        return exopk_error_set(err, EXOPK_EINVAL, "at most %d log-normal parameters",
                               EXOPK_MAX_VARIED);
    for (size_t k = n; k < spec->n_params; k++)
        if (spec->params[k].dist != EXOPK_DIST_LOG_NORMAL
            && !(spec->params[k].lo > 0 && spec->params[k].hi >= spec->params[k].lo))
            return exopk_error_set(err, EXOPK_EINVAL, "%s: bad range", spec->params[k].name);
        else if (spec->params[k].dist == EXOPK_DIST_LOG_NORMAL)
            return exopk_error_set(err, EXOPK_EINVAL, "%s: log-normal parameters come first",
                                   spec->params[k].name);
    *n_normal = n;
    return EXOPK_OK;
}

ExopkPopSampler *
exopk_pop_sampler_new(const ExopkPopSpec *spec, ExopkError *err)
{
    ExopkPopSampler *s = calloc(1, sizeof *s);
    ExopkVariability v = { 0 };

    if (s == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    s->spec = *spec;
    if (sampler_check(spec, &s->n_normal, err) != EXOPK_OK)
        goto fail;
    v.n_varied = s->n_normal;
    for (size_t k = 0; k < s->n_normal; k++) {
        snprintf(v.varied[k].name, sizeof v.varied[k].name, "%s", spec->params[k].name);
        v.varied[k].cv = spec->params[k].cv;
        s->sigma[k] = sqrt(log1p(spec->params[k].cv * spec->params[k].cv));
    }
    v.n_correlations = spec->n_correlations;
    memcpy(v.correlations, spec->correlations, spec->n_correlations * sizeof *v.correlations);
    if (exopk_variability_check(&v, err) != EXOPK_OK)
        goto fail;
    s->chol = malloc((s->n_normal ? s->n_normal * s->n_normal : 1) * sizeof *s->chol);
    if (s->chol == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        goto fail;
    }
    if (cholesky(v.correlations, v.n_correlations, s->n_normal, s->chol, err) != EXOPK_OK)
        goto fail;
    return s;
fail:
    exopk_pop_sampler_free(s);
    return NULL;
}

void
exopk_pop_sampler_free(ExopkPopSampler *s)
{
    if (s == NULL)
        return;
    free(s->chol);
    free(s);
}

void
exopk_pop_sampler_draw(const ExopkPopSampler *s, uint64_t seed, uint64_t subject,
                       unsigned attempt, double *out)
{
    uint64_t state = mix64(mix64(seed) ^ subject);
    double z[EXOPK_MAX_VARIED];
    size_t n = s->n_normal;

    if (attempt > 0)                      /* a redraw: another stream of the subject */
        state = mix64(state + mix64(attempt));
    for (size_t k = 0; k < s->spec.n_params; k++) {
        double u = next_uniform(&state);

        if (k < n) {
            z[k] = gsl_cdf_ugaussian_Pinv(u);
        } else {
            double llo = log(s->spec.params[k].lo), lhi = log(s->spec.params[k].hi);
            out[k] = exp(llo + u * (lhi - llo));
        }
    }
    for (size_t i = 0; i < n; i++) {      /* y = L z: correlated deviates */
        double y = 0;

        for (size_t j = 0; j <= i; j++)
            y += s->chol[i * n + j] * z[j];
        out[i] = exp(s->sigma[i] * y);
    }
}

/* ---- statistics ------------------------------------------------------------ */

void
pop_moments_add(PopMoments *m, double x)
{
    double d = x - m->mean;

    m->n++;
    m->mean += d / (double) m->n;
    m->m2 += d * (x - m->mean);
}

double
pop_moments_sd(const PopMoments *m)
{
    return m->n > 1 ? sqrt(m->m2 / (double) (m->n - 1)) : 0.0;
}

double
pop_quantile_sorted(const double *x, size_t n, double p)
{
    double h = (double) (n - 1) * p;
    size_t lo = (size_t) floor(h);

    if (n == 0)
        return NAN;
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double) lo) * (x[lo + 1] - x[lo]);
}

void
pop_p2_init(PopP2 *e, double p)
{
    memset(e, 0, sizeof *e);
    e->p = p;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}

/* The first five observations sorted become the markers. */
static void
p2_start(PopP2 *e)
{
    double p = e->p;

    qsort(e->q, 5, sizeof *e->q, cmp_double);
    for (int i = 0; i < 5; i++)
        e->pos[i] = i;
    e->want[0] = 0;
    e->want[1] = 2 * p;
    e->want[2] = 4 * p;
    e->want[3] = 2 + 2 * p;
    e->want[4] = 4;
}

/* Moves marker @i by @d (+1 or -1): parabolic prediction, else linear. */
static void
p2_adjust(PopP2 *e, int i, int d)
{
    const double *q = e->q, *n = e->pos;
    double qp = q[i] + d / (n[i + 1] - n[i - 1])
                           * ((n[i] - n[i - 1] + d) * (q[i + 1] - q[i]) / (n[i + 1] - n[i])
                              + (n[i + 1] - n[i] - d) * (q[i] - q[i - 1]) / (n[i] - n[i - 1]));

    if (!(q[i - 1] < qp && qp < q[i + 1]))
        qp = q[i] + d * (q[i + d] - q[i]) / (n[i + d] - n[i]);
    e->q[i] = qp;
    e->pos[i] += d;
}

void
pop_p2_add(PopP2 *e, double x)
{
    const double p = e->p, step[5] = { 0, p / 2, p, (1 + p) / 2, 1 };  /* desired moves */
    int k;

    if (e->count < 5) {
        e->q[e->count++] = x;
        if (e->count == 5)
            p2_start(e);
        return;
    }
    e->count++;
    if (x < e->q[0])
        e->q[0] = x;
    if (x > e->q[4])
        e->q[4] = x;
    for (k = 0; k < 3 && x >= e->q[k + 1]; k++)
        ;
    for (int i = k + 1; i < 5; i++)
        e->pos[i] += 1;
    for (int i = 1; i < 5; i++)
        e->want[i] += step[i];
    for (int i = 1; i <= 3; i++) {
        double d = e->want[i] - e->pos[i];

        if ((d >= 1 && e->pos[i + 1] - e->pos[i] > 1) || (d <= -1 && e->pos[i - 1] - e->pos[i] < -1))
            p2_adjust(e, i, d > 0 ? 1 : -1);
    }
}

double
pop_p2_value(const PopP2 *e)
{
    double x[5];

    if (e->count >= 5)
        return e->q[2];
    memcpy(x, e->q, (size_t) e->count * sizeof *x);
    qsort(x, (size_t) e->count, sizeof *x, cmp_double);
    return pop_quantile_sorted(x, (size_t) e->count, e->p);
}
