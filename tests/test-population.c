/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Populations (src/core/population*.c): the sampler's distributions and
 * correlations against their definitions, the band sketch against its
 * accuracy guarantee, and whole populations of a linear arm
 * against the log-normal's closed forms.  Tolerances are 4 standard
 * errors of the Monte-Carlo estimate (a false alarm about 1 in 16,000
 * per check), derived below for each statistic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>

#include "../src/core/population-private.h"
#include "fixture.h"

#define Z_TOL 4.0

static ExopkPopSpec *
spec_new(void)
{
    ExopkPopSpec *spec = calloc(1, sizeof *spec);

    ck_assert_ptr_nonnull(spec);
    return spec;
}

static void
add_lognormal(ExopkPopSpec *spec, const char *name, double cv)
{
    ExopkPopParam *p = &spec->params[spec->n_params++];

    snprintf(p->name, sizeof p->name, "%s", name);
    p->dist = EXOPK_DIST_LOG_NORMAL;
    p->cv = cv;
}

/* ln of @n draws of parameter @k into @x. */
static void
draw_logs(const ExopkPopSampler *s, size_t n_params, size_t k, uint64_t seed, double *x,
          size_t n)
{
    double out[16];

    ck_assert_uint_le(n_params, 16);
    for (size_t i = 0; i < n; i++) {
        exopk_pop_sampler_draw(s, seed, i + 1, 0, out);
        x[i] = log(out[k]);
    }
}

/* ln(factor) of a CV-30 % log-normal is N(0, sigma^2), sigma^2 = ln(1.09):
 * its sample mean has SE sigma/sqrt(n), its sample variance SE
 * sigma^2 sqrt(2/(n-1)). */
START_TEST(test_lognormal_moments)
{
    enum { N = 20000 };
    ExopkPopSpec *spec = spec_new();
    ExopkPopSampler *s;
    double *x = malloc(N * sizeof *x), sigma2 = log1p(0.3 * 0.3), mean, var;
    ExopkError err;

    add_lognormal(spec, "a", 0.3);
    add_lognormal(spec, "b", 1.0);
    s = exopk_pop_sampler_new(spec, &err);
    ck_assert_ptr_nonnull(s);
    draw_logs(s, 2, 0, 42, x, N);
    mean = gsl_stats_mean(x, 1, N);
    var = gsl_stats_variance_m(x, 1, N, mean);
    ck_assert_double_le(fabs(mean), Z_TOL * sqrt(sigma2 / N));
    ck_assert_double_le(fabs(var - sigma2), Z_TOL * sigma2 * sqrt(2.0 / (N - 1)));
    /* the second parameter has its own variance: ln(1 + 1^2) */
    draw_logs(s, 2, 1, 42, x, N);
    var = gsl_stats_variance(x, 1, N);
    ck_assert_double_le(fabs(var - M_LN2), Z_TOL * M_LN2 * sqrt(2.0 / (N - 1)));
    exopk_pop_sampler_free(s);
    free(spec);
    free(x);
}
END_TEST

/* The sample correlation r of n bivariate normal pairs has SE about
 * (1 - rho^2)/sqrt(n). */
START_TEST(test_correlation)
{
    enum { N = 20000 };
    static const double rho[] = { 0.6, -0.4 };
    ExopkPopSpec *spec = spec_new();
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
    ExopkError err;

    add_lognormal(spec, "a", 0.3);
    add_lognormal(spec, "b", 0.5);
    add_lognormal(spec, "c", 0.2);
    spec->n_correlations = 2;
    spec->correlations[0] = (ExopkCorrelation){ 0, 1, rho[0] };
    spec->correlations[1] = (ExopkCorrelation){ 2, 0, rho[1] };
    {
        ExopkPopSampler *s = exopk_pop_sampler_new(spec, &err);
        ck_assert_ptr_nonnull(s);
        draw_logs(s, 3, 0, 7, x, N);
        draw_logs(s, 3, 1, 7, y, N);
        ck_assert_double_le(fabs(gsl_stats_correlation(x, 1, y, 1, N) - rho[0]),
                            Z_TOL * (1 - rho[0] * rho[0]) / sqrt(N));
        draw_logs(s, 3, 2, 7, y, N);
        ck_assert_double_le(fabs(gsl_stats_correlation(x, 1, y, 1, N) - rho[1]),
                            Z_TOL * (1 - rho[1] * rho[1]) / sqrt(N));
        exopk_pop_sampler_free(s);
    }
    free(spec);
    free(x);
    free(y);
}
END_TEST

START_TEST(test_not_positive_definite)
{
    ExopkPopSpec *spec = spec_new();
    ExopkError err;

    add_lognormal(spec, "a", 0.3);
    add_lognormal(spec, "b", 0.3);
    add_lognormal(spec, "c", 0.3);
    spec->n_correlations = 3;   /* a~b and b~c strongly, a~c strongly against: impossible */
    spec->correlations[0] = (ExopkCorrelation){ 0, 1, 0.9 };
    spec->correlations[1] = (ExopkCorrelation){ 1, 2, 0.9 };
    spec->correlations[2] = (ExopkCorrelation){ 0, 2, -0.9 };
    ck_assert_ptr_null(exopk_pop_sampler_new(spec, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "not positive definite"));
    spec->correlations[2].rho = 0.81;   /* = 0.9 x 0.9: positive definite */
    {
        ExopkPopSampler *s = exopk_pop_sampler_new(spec, &err);
        ck_assert_ptr_nonnull(s);
        exopk_pop_sampler_free(s);
    }
    free(spec);
}
END_TEST

/* A draw depends on (seed, subject, attempt) only; ln of a log-uniform
 * value is uniform on [ln lo, ln hi]: mean SE (b - a)/sqrt(12 n). */
START_TEST(test_streams_and_log_uniform)
{
    enum { N = 20000 };
    ExopkPopSpec *spec = spec_new();
    ExopkPopSampler *s;
    double a[2], b[2], *x = malloc(N * sizeof *x), lo = log(0.1), hi = log(1000.0);
    ExopkError err;

    add_lognormal(spec, "a", 0.3);
    ck_assert_int_eq(exopk_pop_spec_add_range(spec, "r", 0.1, 1000, &err), 1);
    ck_assert_int_eq(exopk_pop_spec_add_range(spec, "a", 1, 2, &err), 0);  /* varied already */
    ck_assert_int_eq(exopk_pop_spec_add_range(spec, "z", 0, 2, &err), -1);
    s = exopk_pop_sampler_new(spec, &err);
    ck_assert_ptr_nonnull(s);
    exopk_pop_sampler_draw(s, 5, 17, 0, a);
    exopk_pop_sampler_draw(s, 5, 17, 0, b);
    ck_assert(memcmp(a, b, sizeof a) == 0);
    exopk_pop_sampler_draw(s, 5, 18, 0, b);
    ck_assert(a[0] != b[0] && a[1] != b[1]);
    exopk_pop_sampler_draw(s, 6, 17, 0, b);
    ck_assert(a[0] != b[0] && a[1] != b[1]);
    exopk_pop_sampler_draw(s, 5, 17, 1, b);
    ck_assert(a[0] != b[0] && a[1] != b[1]);
    draw_logs(s, 2, 1, 9, x, N);
    for (size_t i = 0; i < N; i++)
        ck_assert(x[i] >= lo && x[i] <= hi);
    ck_assert_double_le(fabs(gsl_stats_mean(x, 1, N) - (lo + hi) / 2),
                        Z_TOL * (hi - lo) / sqrt(12.0 * N));
    exopk_pop_sampler_free(s);
    free(spec);
    free(x);
}
END_TEST

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return x < y ? -1 : x > y;
}

/* The band sketch's guarantee: the p-quantile lies within 0.5 % (relative)
 * of the exact order statistic of rank floor(p (n - 1)), whatever the
 * data: log-normal, both signs with zeros, a spread of 1e14. */
START_TEST(test_band_sketch)
{
    enum { N = 20000 };
    static const double p[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *x = malloc(N * sizeof *x);

    gsl_rng_set(r, 11);
    for (int data = 0; data < 3; data++) {
        PopSketch k;

        pop_sketch_init(&k);
        for (int i = 0; i < N; i++) {
            double z = gsl_ran_ugaussian(r);
            x[i] = data == 0 ? exp(0.5 * z)
                   : data == 1 ? (i % 7 == 0 ? 0 : z * 1e3)
                   : exp(z * 4);     /* a spread of about e^32, 1e14 */
            ck_assert_int_eq(pop_sketch_add(&k, x[i]), 0);
        }
        qsort(x, N, sizeof *x, cmp_double);
        for (int q = 0; q < 5; q++) {
            double exact = x[(size_t) floor(p[q] * (N - 1))];
            double got = pop_sketch_quantile(&k, p[q]);
            ck_assert_msg(fabs(got - exact) <= 0.005 * fabs(exact) * (1 + 1e-12),
                          "data %d p %g: %.10g vs %.10g", data, p[q], got, exact);
        }
        pop_sketch_clear(&k);
    }
    {
        PopSketch k;     /* equal values give that value exactly (CV 0) */
        pop_sketch_init(&k);
        for (int i = 0; i < 100; i++)
            pop_sketch_add(&k, 3.25);
        ck_assert(pop_sketch_quantile(&k, 0.05) == 3.25 && pop_sketch_quantile(&k, 0.95) == 3.25);
        pop_sketch_add(&k, NAN);
        ck_assert(isnan(pop_sketch_quantile(&k, 0.5)));
        pop_sketch_clear(&k);
    }
    free(x);
    gsl_rng_free(r);
}
END_TEST

/* A free doxorubicin bolus in a mouse without a tumour: linear PK, so the
 * plasma AUC is proportional to the dose. */
static ExopkStudy *
linear_study(void)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDosingLine line = { .dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV,
                                       .unit = EXOPK_DOSE_NMOL, .amount = 200 },
                             .count = 1 };

    s->horizon = 48;
    exopk_study_add_arm_lines(s, "free", &line, 1);
    fixture_resolve(s);
    return s;
}

static const ExopkPopStat *
find_stat(const ExopkPopSummary *sum, const char *metric)
{
    for (size_t i = 0; i < exopk_pop_summary_n(sum); i++)
        if (strcmp(exopk_pop_summary_stat(sum, i)->metric, metric) == 0)
            return exopk_pop_summary_stat(sum, i);
    ck_abort_msg("no metric %s", metric);
    return NULL;
}

static double
reference_metric(const ExopkStudy *s, const char *metric)
{
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, 0, NULL, &err);
    double v;

    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(exopk_result_metric(r, metric, &v), 0);
    exopk_result_free(r);
    return v;
}

/* AUC = c x dose with dose = d0 exp(sigma Z): mean c d0 exp(sigma^2/2),
 * SE of the mean sd/sqrt(n) with sd = mean sqrt(exp(sigma^2) - 1); the
 * p-quantile c d0 exp(sigma z_p), SE q sigma sqrt(p(1-p)/n) / phi(z_p). */
/* Two sketches equal bucket for bucket. */
static int
same_store(const PopStore *a, const PopStore *b)
{
    long ca = 0, cb = 0;

    for (int i = 0; i < a->n; i++)
        ca += a->counts[i];
    for (int i = 0; i < b->n; i++)
        cb += b->counts[i];
    if (ca != cb)
        return 0;
    for (int i = 0; i < a->n; i++) {
        int j = a->offset + i - b->offset;
        uint32_t other = j >= 0 && j < b->n ? b->counts[j] : 0;

        if (a->counts[i] != other)
            return 0;
    }
    return 1;
}

/* Values spread over 40 decades (beyond the 4096 buckets a store keeps,
 * so the lowest fold): a sketch fed in one order equals the merge of two
 * halves fed in another, packed as bytes and back (what MPI ranks do). */
START_TEST(test_band_sketch_merge)
{
    enum { N = 3000 };
    PopSketch whole, a, b, merged;
    double x[N];
    char *buf, *end;

    for (int i = 0; i < N; i++)
        x[i] = (i % 7 == 0 ? -1 : 1) * pow(10, -30 + 40.0 * ((i * 7919) % N) / N);
    pop_sketch_init(&whole), pop_sketch_init(&a), pop_sketch_init(&b), pop_sketch_init(&merged);
    for (int i = N - 1; i >= 0; i--)
        ck_assert_int_eq(pop_sketch_add(&whole, x[i]), 0);
    for (int i = 0; i < N; i++)
        ck_assert_int_eq(pop_sketch_add(i % 3 == 0 ? &a : &b, x[i]), 0);
    ck_assert(whole.pos.offset == whole.pos.top - 4095);  /* it folded */
    buf = malloc(pop_sketch_packed_size(&a) + pop_sketch_packed_size(&b));
    end = pop_sketch_pack(&b, pop_sketch_pack(&a, buf));
    ck_assert_ptr_nonnull(pop_sketch_merge_packed(&merged, buf, end));
    ck_assert_ptr_eq(pop_sketch_merge_packed(&merged, buf + pop_sketch_packed_size(&a), end),
                     end);
    ck_assert_int_eq(merged.count, N);
    ck_assert(merged.min == whole.min && merged.max == whole.max);
    ck_assert(same_store(&merged.pos, &whole.pos) && same_store(&whole.pos, &merged.pos));
    ck_assert(same_store(&merged.neg, &whole.neg) && same_store(&whole.neg, &merged.neg));
    for (double p = 0.01; p < 1; p += 0.07)
        ck_assert(pop_sketch_quantile(&merged, p) == pop_sketch_quantile(&whole, p));
    ck_assert_ptr_null(pop_sketch_merge_packed(&merged, buf, buf + 5));  /* truncated */
    free(buf);
    pop_sketch_clear(&whole), pop_sketch_clear(&a), pop_sketch_clear(&b);
    pop_sketch_clear(&merged);
}
END_TEST

START_TEST(test_linear_population)
{
    enum { N = 4000 };
    const double cv = 0.4, sigma = sqrt(log1p(cv * cv));
    static const double p[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
    ExopkStudy *s = linear_study();
    ExopkPopSpec *spec = spec_new();
    ExopkPopOptions o = { .subjects = N, .seed = 2024, .threads = 2 };
    ExopkPopSummary *sum;
    ExopkError err;
    double auc0 = reference_metric(s, "doxorubicin.plasma_auc"), mean, sd;
    const ExopkPopStat *st;

    /* the premise: AUC is linear in the dose */
    ck_assert_int_eq(exopk_study_set(s, 0, "dose", 400, &err), EXOPK_OK);
    ck_assert_double_eq_tol(reference_metric(s, "doxorubicin.plasma_auc"), 2 * auc0, 1e-5 * auc0);
    ck_assert_int_eq(exopk_study_set(s, 0, "dose", 200, &err), EXOPK_OK);
    add_lognormal(spec, "dose", cv);
    sum = exopk_population_run(s, spec, &o, &err);
    ck_assert_msg(sum != NULL, "%s", err.message);
    st = find_stat(sum, "doxorubicin.plasma_auc");
    mean = auc0 * exp(sigma * sigma / 2);
    sd = mean * sqrt(expm1(sigma * sigma));
    ck_assert_double_le(fabs(st->mean - mean), Z_TOL * sd / sqrt(N));
    ck_assert_double_le(fabs(st->sd - sd), 0.1 * sd);  /* heavy tail: a loose check */
    {
        const double got[5] = { st->p05, st->p25, st->p50, st->p75, st->p95 };
        for (int k = 0; k < 5; k++) {
            double z = gsl_cdf_ugaussian_Pinv(p[k]), q = auc0 * exp(sigma * z);
            ck_assert_double_le(fabs(got[k] - q), Z_TOL * q * sigma
                                * sqrt(p[k] * (1 - p[k]) / N) / gsl_ran_ugaussian_pdf(z));
        }
    }
    exopk_pop_summary_free(sum);
    free(spec);
    exopk_study_free(s);
}
END_TEST

/* CV 0: every subject is the study's own run, to the bit; and the
 * summary does not depend on the number of threads. */
START_TEST(test_cv_zero_and_threads)
{
    ExopkStudy *s = fixture_default_study();
    ExopkPopSpec *spec = spec_new();
    ExopkPopOptions o = { .subjects = 6, .seed = 1, .threads = 1 };
    ExopkPopSummary *a, *b;
    ExopkError err;
    double tv0 = 0;

    add_lognormal(spec, "carrier.k_pt", 0);
    add_lognormal(spec, "tumour.growth_rate", 0);
    a = exopk_population_run(s, spec, &o, &err);
    ck_assert_msg(a != NULL, "%s", err.message);
    {
        ExopkResult *r = exopk_simulate(s, 2, NULL, &err);
        ck_assert_int_eq(exopk_result_metric(r, "tumour_volume_final", &tv0), 0);
        exopk_result_free(r);
    }
    for (size_t i = 0; i < exopk_pop_summary_n(a); i++) {
        const ExopkPopStat *st = exopk_pop_summary_stat(a, i);
        if (strcmp(st->arm, "exodox") == 0 && strcmp(st->metric, "tumour_volume_final") == 0)
            ck_assert(st->mean == tv0 && st->p05 == tv0 && st->p95 == tv0 && st->sd == 0);
    }
    exopk_pop_summary_free(a);
    spec->params[0].cv = 0.3;
    spec->params[1].cv = 0.2;
    o.subjects = 40;
    a = exopk_population_run(s, spec, &o, &err);
    o.threads = 3;
    b = exopk_population_run(s, spec, &o, &err);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(exopk_pop_summary_n(a), exopk_pop_summary_n(b));
    for (size_t i = 0; i < exopk_pop_summary_n(a); i++) {
        const ExopkPopStat *x = exopk_pop_summary_stat(a, i), *y = exopk_pop_summary_stat(b, i);
        ck_assert(memcmp(&x->mean, &y->mean, 7 * sizeof(double)) == 0);
    }
    exopk_pop_summary_free(a);
    exopk_pop_summary_free(b);
    free(spec);
    exopk_study_free(s);
}
END_TEST

/* Packed band sketches @a and @b (exopk_pop_evaluator_bands) hold the same
 * counts, cell by cell: the same bands (their allocations may differ). */
static void
assert_same_sketches(const char *a, size_t la, const char *b, size_t lb)
{
    const char *ea = a + la, *eb = b + lb;
    int cells = 0;

    while (a != NULL && b != NULL && a < ea && b < eb) {
        PopSketch x, y;

        pop_sketch_init(&x), pop_sketch_init(&y);
        a = pop_sketch_merge_packed(&x, a, ea);
        b = pop_sketch_merge_packed(&y, b, eb);
        ck_assert(a != NULL && b != NULL);
        ck_assert(x.count == y.count && x.zeros == y.zeros && x.nan == y.nan);
        ck_assert(x.min == y.min && x.max == y.max);
        ck_assert(same_store(&x.pos, &y.pos) && same_store(&y.pos, &x.pos));
        ck_assert(same_store(&x.neg, &y.neg) && same_store(&y.neg, &x.neg));
        pop_sketch_clear(&x), pop_sketch_clear(&y);
        cells++;
    }
    ck_assert(a == ea && b == eb && cells > 0);
}

/* A checkpoint takes each evaluator's sketches and clears them
 * (exopk_pop_evaluator_clear_bands): a cleared evaluator packs as a new
 * one, and the parts taken add up to the sketches of the whole run. */
START_TEST(test_evaluator_bands_in_parts)
{
    ExopkStudy *s = fixture_default_study();
    ExopkPopSpec *spec = spec_new();
    ExopkPopOptions o = { .subjects = 12, .seed = 5, .threads = 1 };
    ExopkPopEvaluator *part, *whole, *sum, *fresh;
    char *pa, *pb, *pw, *ps, *pe, *pc;
    size_t la, lb, lw, ls, le, lc, h;
    double *heads;
    long redrawn = 0;
    ExopkError err;

    add_lognormal(spec, "carrier.k_pt", 0.3);
    add_lognormal(spec, "tumour.growth_rate", 0.2);
    part = exopk_pop_evaluator_new(s, spec, &o, &err);
    whole = exopk_pop_evaluator_new(s, spec, &o, &err);
    sum = exopk_pop_evaluator_new(s, spec, &o, &err);
    fresh = exopk_pop_evaluator_new(s, spec, &o, &err);
    ck_assert_msg(part && whole && sum && fresh, "%s", err.message);
    h = exopk_pop_evaluator_head_size(part);
    heads = malloc(12 * h * sizeof *heads);
    ck_assert_int_eq(exopk_pop_evaluator_run(part, 1, 6, heads, &redrawn, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_bands(part, &pa, &la, &err), EXOPK_OK);
    exopk_pop_evaluator_clear_bands(part);
    ck_assert_int_eq(exopk_pop_evaluator_bands(part, &pc, &lc, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_bands(fresh, &pe, &le, &err), EXOPK_OK);
    ck_assert(lc == le && memcmp(pc, pe, le) == 0 && la > le);
    ck_assert_int_eq(exopk_pop_evaluator_run(part, 7, 6, heads, &redrawn, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_bands(part, &pb, &lb, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_run(whole, 1, 12, heads, &redrawn, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_bands(whole, &pw, &lw, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_add_bands(sum, pa, la, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_add_bands(sum, pb, lb, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_pop_evaluator_bands(sum, &ps, &ls, &err), EXOPK_OK);
    assert_same_sketches(ps, ls, pw, lw);
    free(pa), free(pb), free(pw), free(ps), free(pe), free(pc), free(heads);
    exopk_pop_evaluator_free(part), exopk_pop_evaluator_free(whole);
    exopk_pop_evaluator_free(sum), exopk_pop_evaluator_free(fresh);
    free(spec);
    exopk_study_free(s);
}
END_TEST

START_TEST(test_unknown_name)
{
    ExopkStudy *s = linear_study();
    ExopkPopSpec *spec = spec_new();
    ExopkPopOptions o = { .subjects = 3, .seed = 1, .threads = 1 };
    ExopkError err;

    add_lognormal(spec, "doxorubicin.cll", 0.3);
    ck_assert_ptr_null(exopk_population_run(s, spec, &o, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "doxorubicin.cl\"") != NULL, "%s", err.message);
    free(spec);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("population");
    TCase *tc = tcase_create("population");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_lognormal_moments);
    tcase_add_test(tc, test_correlation);
    tcase_add_test(tc, test_not_positive_definite);
    tcase_add_test(tc, test_streams_and_log_uniform);
    tcase_add_test(tc, test_band_sketch);
    tcase_add_test(tc, test_band_sketch_merge);
    tcase_add_test(tc, test_linear_population);
    tcase_add_test(tc, test_cv_zero_and_threads);
    tcase_add_test(tc, test_unknown_name);
    tcase_add_test(tc, test_evaluator_bands_in_parts);
    suite_add_tcase(s, tc);
    return s;
}
