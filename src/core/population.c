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
#include <limits.h>
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
                               "the correlation matrix is not positive definite "
                               "(no population has these correlations together; weaken some)");
    for (size_t i = 0; i < n; i++)           /* keep the lower triangle only */
        for (size_t j = i + 1; j < n; j++)
            l[i * n + j] = 0;
    return EXOPK_OK;
}

static ExopkStatus
check_correlation(const ExopkCorrelation *c, size_t n, const char *const *names,
                  ExopkError *err)
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
    const char *names[EXOPK_MAX_VARIED];
    double *l;
    ExopkStatus st = EXOPK_OK;

    if (v->n_varied > EXOPK_MAX_VARIED || v->n_correlations > EXOPK_MAX_VARIED)
        return exopk_error_set(err, EXOPK_EINVAL, "variability: at most %d entries",
                               EXOPK_MAX_VARIED);
    for (size_t i = 0; i < v->n_varied; i++) {
        names[i] = v->varied[i].name;
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
    double h;
    size_t lo;

    if (n == 0)
        return NAN;
    h = (double) (n - 1) * p;
    lo = (size_t) floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double) lo) * (x[lo + 1] - x[lo]);
}

/* ---- the band sketch ---------------------------------------------------------
 *
 * A logarithmic histogram with relative accuracy ALPHA (Masson, Rim & Lee
 * 2019, "DDSketch", PVLDB 12:2195): x > 0 goes to bucket i = ceil(ln x /
 * ln g), g = (1 + ALPHA)/(1 - ALPHA), which holds (g^(i-1), g^i]; every
 * value of the bucket lies within ALPHA (relative) of 2 g^i / (g + 1).
 * Negative values go to a mirrored store, zeros to a counter.  Buckets
 * appear as values need them, at most SKETCH_MAX_BUCKETS per sign: a
 * store spanning more folds its lowest buckets into the lowest kept one.
 * Counts are integers, so the sketch does not depend on the order of
 * the values. */

#define SKETCH_ALPHA 0.005
#define SKETCH_MAX_BUCKETS 4096     /* per sign: a span of g^4096, about 6e17 */
#define SKETCH_SLACK 32             /* buckets added beyond the one needed */

#define SKETCH_LOG_GAMMA 0.010000083334583179   /* ln((1 + ALPHA) / (1 - ALPHA)) */

void
pop_sketch_init(PopSketch *k)
{
    memset(k, 0, sizeof *k);
}

void
pop_sketch_clear(PopSketch *k)
{
    free(k->pos.counts);
    free(k->neg.counts);
    pop_sketch_init(k);
}

/* Makes room for bucket @i; returns the bucket to count in (@i, or the
 * lowest kept one when the store folds), or INT_MIN out of memory.  The
 * store keeps at most SKETCH_MAX_BUCKETS below its highest bucket ever
 * counted (top) and folds lower ones into the lowest kept, so what it
 * holds depends on the values only, not on their order (pop_sketch_merge). */
static int
store_room(PopStore *st, int i)
{
    int lo = st->n ? st->offset : i, hi = st->n ? st->offset + st->n - 1 : i;
    int top = st->n && st->top > i ? st->top : i;
    int floor = top - SKETCH_MAX_BUCKETS + 1;
    int new_lo, new_hi, n;
    uint32_t *c;

    if (st->n > 0 && i >= lo && i <= hi && lo >= floor) {
        st->top = top;
        return i;
    }
    new_lo = i < lo ? i - SKETCH_SLACK : lo;
    new_hi = i > hi ? i + SKETCH_SLACK : hi;
    if (new_lo < floor)
        new_lo = floor;
    if (new_hi - new_lo + 1 > SKETCH_MAX_BUCKETS)
        new_hi = new_lo + SKETCH_MAX_BUCKETS - 1;
    n = new_hi - new_lo + 1;
    if ((c = calloc((size_t) n, sizeof *c)) == NULL)
        return INT_MIN;
    /* buckets above new_hi (>= top) are empty slack */
    for (int j = 0; j < st->n && st->offset + j <= new_hi; j++) {
        int b = st->offset + j < new_lo ? new_lo : st->offset + j;
        c[b - new_lo] += st->counts[j];
    }
    free(st->counts);
    st->counts = c;
    st->offset = new_lo;
    st->n = n;
    st->top = top;
    return i < new_lo ? new_lo : i;
}

int
pop_sketch_add(PopSketch *k, double x)
{
    PopStore *st = x > 0 ? &k->pos : &k->neg;
    int b;

    if (isnan(x)) {
        k->nan = 1;
        return 0;
    }
    if (k->count == 0 || x < k->min)
        k->min = x;
    if (k->count == 0 || x > k->max)
        k->max = x;
    k->count++;
    if (x == 0) {
        k->zeros++;
        return 0;
    }
    b = store_room(st, (int) ceil(log(fabs(x)) * (1 / SKETCH_LOG_GAMMA)));
    if (b == INT_MIN)
        return -1;
    st->counts[b - st->offset]++;
    return 0;
}

static int
store_merge(PopStore *into, const PopStore *from)
{
    for (int j = 0; j < from->n; j++) {
        int b;

        if (from->counts[j] == 0)
            continue;
        if ((b = store_room(into, from->offset + j)) == INT_MIN)
            return -1;
        into->counts[b - into->offset] += from->counts[j];
    }
    return 0;
}

int
pop_sketch_merge(PopSketch *into, const PopSketch *from)
{
    if (from->count > 0) {
        if (into->count == 0 || from->min < into->min)
            into->min = from->min;
        if (into->count == 0 || from->max > into->max)
            into->max = from->max;
    }
    into->count += from->count;
    into->zeros += from->zeros;
    into->nan |= from->nan;
    return store_merge(&into->pos, &from->pos) | store_merge(&into->neg, &from->neg);
}

/* ---- sketches as bytes (to another process) ------------------------------- */

typedef struct {
    long count, zeros;
    int nan, pos_n, neg_n, pos_offset, neg_offset;
    double min, max;
} PackedSketch;

size_t
pop_sketch_packed_size(const PopSketch *k)
{
    return sizeof(PackedSketch) + (size_t) (k->pos.n + k->neg.n) * sizeof(uint32_t);
}

char *
pop_sketch_pack(const PopSketch *k, char *out)
{
    PackedSketch h;

    /* zeroed first: the padding goes to other ranks and into checkpoints,
     * whose bytes must not depend on the stack */
    memset(&h, 0, sizeof h);
    h.count = k->count;
    h.zeros = k->zeros;
    h.nan = k->nan;
    h.pos_n = k->pos.n;
    h.neg_n = k->neg.n;
    h.pos_offset = k->pos.offset;
    h.neg_offset = k->neg.offset;
    h.min = k->min;
    h.max = k->max;
    memcpy(out, &h, sizeof h);
    out += sizeof h;
    if (k->pos.n > 0)
        memcpy(out, k->pos.counts, (size_t) k->pos.n * sizeof(uint32_t));
    out += (size_t) k->pos.n * sizeof(uint32_t);
    if (k->neg.n > 0)
        memcpy(out, k->neg.counts, (size_t) k->neg.n * sizeof(uint32_t));
    return out + (size_t) k->neg.n * sizeof(uint32_t);
}

/* A packed store's counts, as a PopStore that borrows nothing. */
static int
unpack_store(PopStore *st, int offset, int n, const char *in)
{
    st->offset = offset;
    st->n = n;
    st->top = offset + n - 1;
    st->counts = NULL;
    if (n <= 0)
        return 0;
    if ((st->counts = malloc((size_t) n * sizeof *st->counts)) == NULL)
        return -1;
    memcpy(st->counts, in, (size_t) n * sizeof *st->counts);
    return 0;
}

const char *
pop_sketch_merge_packed(PopSketch *into, const char *in, const char *end)
{
    PackedSketch h;
    PopSketch k;
    int rc;

    if ((size_t) (end - in) < sizeof h)
        return NULL;
    memcpy(&h, in, sizeof h);
    in += sizeof h;
    if (h.pos_n < 0 || h.neg_n < 0 || h.pos_n > SKETCH_MAX_BUCKETS || h.neg_n > SKETCH_MAX_BUCKETS
        || (size_t) (end - in) < (size_t) (h.pos_n + h.neg_n) * sizeof(uint32_t))
        return NULL;
    k = (PopSketch){ h.count, h.zeros, h.nan, h.min, h.max, { 0 }, { 0 } };
    rc = unpack_store(&k.pos, h.pos_offset, h.pos_n, in);
    in += (size_t) h.pos_n * sizeof(uint32_t);
    rc |= unpack_store(&k.neg, h.neg_offset, h.neg_n, in);
    in += (size_t) h.neg_n * sizeof(uint32_t);
    rc |= pop_sketch_merge(into, &k);
    pop_sketch_clear(&k);
    return rc == 0 ? in : NULL;
}

static double
bucket_value(int i)
{
    double g = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);

    return 2 * exp(i * SKETCH_LOG_GAMMA) / (g + 1);
}

/* The value of rank @r (0-based, in increasing order). */
static double
sketch_rank(const PopSketch *k, long r)
{
    long seen = 0;

    for (int j = k->neg.n - 1; j >= 0; j--)       /* most negative first */
        if ((seen += k->neg.counts[j]) > r)
            return -bucket_value(k->neg.offset + j);
    if ((seen += k->zeros) > r)
        return 0;
    for (int j = 0; j < k->pos.n; j++)
        if ((seen += k->pos.counts[j]) > r)
            return bucket_value(k->pos.offset + j);
    return k->max;
}

double
pop_sketch_quantile(const PopSketch *k, double p)
{
    double v;

    if (k->count == 0 || k->nan)
        return NAN;
    v = sketch_rank(k, (long) floor(p * (double) (k->count - 1)));
    /* within [min, max]: exact when every value is the same */
    return v < k->min ? k->min : v > k->max ? k->max : v;
}
