/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Robust optimisation (ExopkOptProblem.population): statistics over a
 * virtual population with common random numbers.  The oracle is a free
 * doxorubicin bolus whose plasma AUC is dose / CL (elimination from plasma
 * only, a horizon long enough to clear the drug): with CL log-normal over
 * the subjects, subject i's AUC is dose / (CL f_i), f_i the sampler's
 * factor for subject i, so every statistic of the AUC is dose times the
 * same statistic of 1 / (CL f_i), computed here from the sampler alone. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "fixture.h"

#define SUBJECTS 60
#define SEED 11
#define CV 0.3

/* One IV bolus of free doxorubicin, no tumour, 2,000 h (the drug left at
 * the end is below 1e-9 of the dose), tight tolerances. */
static ExopkStudy *
free_dox_study(void)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = 150 };

    exopk_study_add_arm_lines(s, "iv", &(ExopkDosingLine) { .dose = dose, .count = 1 }, 1);
    s->horizon = 2000;
    s->rtol = 1e-9;
    fixture_resolve(s);
    return s;
}

static ExopkPopSpec
cl_spec(double cv)
{
    ExopkPopSpec spec = { .n_params = 1 };

    snprintf(spec.params[0].name, sizeof spec.params[0].name, "doxorubicin.cl");
    spec.params[0].dist = EXOPK_DIST_LOG_NORMAL;
    spec.params[0].cv = cv;
    return spec;
}

/* The 95th percentile (Hyndman & Fan type 7, as the optimiser's) of
 * 1 / (CL f_i) over the subjects. */
static double
p95_inverse_cl(const ExopkStudy *s, const ExopkPopSpec *spec)
{
    ExopkError err;
    ExopkPopSampler *sp = exopk_pop_sampler_new(spec, &err);
    double v[SUBJECTS], f, cl = s->agents[0].cl;

    ck_assert_ptr_nonnull(sp);
    for (int i = 0; i < SUBJECTS; i++) {
        exopk_pop_sampler_draw(sp, SEED, (uint64_t) i + 1, 0, &f);
        v[i] = 1.0 / (cl * f);
    }
    exopk_pop_sampler_free(sp);
    gsl_sort(v, 1, SUBJECTS);
    return gsl_stats_quantile_from_sorted_data(v, 1, SUBJECTS, 0.95);
}

/* Maximise the mean AUC subject to p95(AUC) <= cap: the constraint binds
 * at dose* = cap / p95(1 / (CL f_i)). */
static ExopkOptResult *
robust_dose(const ExopkStudy *s, const ExopkPopSpec *spec, int threads, double cap,
            const char *statistic)
{
    static ExopkOptVariable var = { .name = "dose", .lower = 1, .upper = 2000, .log_scale = 1 };
    ExopkOptConstraint c = { .metric = "doxorubicin.plasma_auc", .min = NAN, .max = cap,
                             .statistic = "p95" };
    ExopkOptProblem p = { .study = s, .arm = 0, .vars = &var, .n_vars = 1,
                          .objective = "doxorubicin.plasma_auc", .maximize = 1,
                          .constraints = &c, .n_constraints = 1, .seed = 1,
                          .max_evaluations = 200, .xtol_rel = 1e-7, .threads = threads,
                          .population = spec, .subjects = SUBJECTS, .population_seed = SEED,
                          .statistic = statistic };
    ExopkError err;
    ExopkOptResult *r = exopk_optimize(&p, &err);

    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

START_TEST(p95_constraint_binds_where_the_population_says)
{
    ExopkStudy *s = free_dox_study();
    ExopkPopSpec spec = cl_spec(CV);
    double cap = 2000, want = cap / p95_inverse_cl(s, &spec), mean_inv = 0, f;
    ExopkOptResult *r = robust_dose(s, &spec, 2, cap, NULL);
    ExopkPopSampler *sp = exopk_pop_sampler_new(&spec, NULL);

    ck_assert(exopk_opt_result_feasible(r));
    /* the optimiser stops within xtol 1e-7 of the edge; the AUC is dose/CL
     * to the solver's 1e-9 and the drug left (1e-9): 1e-5 is loose */
    ck_assert_double_eq_tol(exopk_opt_result_x(r)[0], want, 1e-5 * want);
    /* the objective is the mean of dose / (CL f_i) */
    for (int i = 0; i < SUBJECTS; i++) {
        exopk_pop_sampler_draw(sp, SEED, (uint64_t) i + 1, 0, &f);
        mean_inv += 1.0 / (s->agents[0].cl * f) / SUBJECTS;
    }
    ck_assert_double_eq_tol(exopk_opt_result_objective(r), exopk_opt_result_x(r)[0] * mean_inv,
                            1e-5 * exopk_opt_result_objective(r));
    exopk_pop_sampler_free(sp);
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* A population without variability is the study's own subject: the same
 * optimum as without a population, bit for bit (the median of equal
 * values is that value; their mean can differ in the last bit). */
START_TEST(cv_zero_is_the_plain_problem)
{
    ExopkStudy *s = free_dox_study();
    ExopkPopSpec spec = cl_spec(0);
    ExopkOptResult *a = robust_dose(s, &spec, 1, 2000, "median"), *b;
    static ExopkOptVariable var = { .name = "dose", .lower = 1, .upper = 2000, .log_scale = 1 };
    ExopkOptConstraint c = { .metric = "doxorubicin.plasma_auc", .min = NAN, .max = 2000 };
    ExopkOptProblem p = { .study = s, .arm = 0, .vars = &var, .n_vars = 1,
                          .objective = "doxorubicin.plasma_auc", .maximize = 1,
                          .constraints = &c, .n_constraints = 1, .seed = 1,
                          .max_evaluations = 200, .xtol_rel = 1e-7, .threads = 1 };
    ExopkError err;

    b = exopk_optimize(&p, &err);
    ck_assert_ptr_nonnull(b);
    ck_assert(exopk_opt_result_x(a)[0] == exopk_opt_result_x(b)[0]);
    ck_assert(exopk_opt_result_objective(a) == exopk_opt_result_objective(b));
    exopk_opt_result_free(a);
    exopk_opt_result_free(b);
    exopk_study_free(s);
}
END_TEST

START_TEST(the_same_optimum_for_any_thread_count)
{
    ExopkStudy *s = free_dox_study();
    ExopkPopSpec spec = cl_spec(CV);
    ExopkOptResult *a = robust_dose(s, &spec, 1, 1500, NULL), *b = robust_dose(s, &spec, 3, 1500, NULL);

    ck_assert(exopk_opt_result_x(a)[0] == exopk_opt_result_x(b)[0]);
    ck_assert_int_eq(exopk_opt_result_evaluations(a), exopk_opt_result_evaluations(b));
    exopk_opt_result_free(a);
    exopk_opt_result_free(b);
    exopk_study_free(s);
}
END_TEST

START_TEST(bad_statistics_are_named)
{
    ExopkStudy *s = free_dox_study();
    ExopkPopSpec spec = cl_spec(CV);
    static ExopkOptVariable var = { .name = "dose", .lower = 1, .upper = 2000, .log_scale = 1 };
    ExopkOptConstraint c = { .metric = "doxorubicin.plasma_auc", .min = NAN, .max = 2000,
                             .statistic = "p100" };
    ExopkOptProblem p = { .study = s, .arm = 0, .vars = &var, .n_vars = 1,
                          .objective = "doxorubicin.plasma_auc", .constraints = &c,
                          .n_constraints = 1, .population = &spec, .subjects = 10,
                          .statistic = "q5" };
    ExopkError err;

    ck_assert_ptr_null(exopk_optimize(&p, &err));
    ck_assert_str_eq(err.message, "optimize: statistic \"q5\": expected mean, median or pNN "
                                  "with 0 < NN < 100 (e.g. p90)");
    p.statistic = "median";
    ck_assert_ptr_null(exopk_optimize(&p, &err));
    ck_assert_str_eq(err.message, "constraint 0 (\"doxorubicin.plasma_auc\"): statistic \"p100\": "
                                  "expected mean, median or pNN with 0 < NN < 100 (e.g. p90)");
    exopk_study_free(s);
}
END_TEST

/* The subjects evaluated elsewhere (ExopkOptProblem.spread): a hook that
 * hands them, in chunks of 7 in reverse order, to exopk_opt_subjects_eval
 * on a problem of its own, as MPI ranks do. */
typedef struct {
    ExopkOptSubjects *subjects;
    size_t metrics;            /* 1 + constraints */
    long calls, fail_at;       /* fail_at: the call that says stop (0: none) */
} Spread;

static int
spread_chunks(void *data, const double *x, long n, double *values)
{
    Spread *sp = data;
    double chunk[7 * 2];

    if (++sp->calls == sp->fail_at)
        return -1;
    for (long first = ((n - 1) / 7) * 7 + 1; first >= 1; first -= 7) {
        long count = n - first + 1 < 7 ? n - first + 1 : 7;

        if (exopk_opt_subjects_eval(sp->subjects, x, first, count, chunk) != 0)
            return 1;
        for (long j = 0; j < count; j++)
            for (size_t m = 0; m < sp->metrics; m++)
                values[m * (size_t) n + (size_t) (first - 1 + j)] = chunk[j * sp->metrics + m];
    }
    return 0;
}

/* A hook whose subjects always fail: every candidate fails, as when a
 * subject fails in this process; the search is not cancelled. */
static int
spread_failing(void *data, const double *x, long n, double *values)
{
    (void) x, (void) n, (void) values;
    ++*(long *) data;
    return 1;
}

/* Subject i's AUC is dose / (CL f_i) (the oracle above), and the optimum
 * with the subjects spread is the local one bit for bit, trace and all. */
START_TEST(spread_subjects_are_the_local_ones)
{
    ExopkStudy *s = free_dox_study();
    ExopkPopSpec spec = cl_spec(CV);
    static ExopkOptVariable var = { .name = "dose", .lower = 1, .upper = 2000, .log_scale = 1 };
    ExopkOptConstraint c = { .metric = "doxorubicin.plasma_auc", .min = NAN, .max = 1500,
                             .statistic = "p95" };
    ExopkOptProblem p = { .study = s, .arm = 0, .vars = &var, .n_vars = 1,
                          .objective = "doxorubicin.plasma_auc", .maximize = 1,
                          .constraints = &c, .n_constraints = 1, .seed = 1,
                          .max_evaluations = 60, .xtol_rel = 1e-7, .threads = 2,
                          .population = &spec, .subjects = SUBJECTS, .population_seed = SEED };
    ExopkError err;
    Spread sp = { exopk_opt_subjects_new(&p, &err), 2, 0, 0 };
    ExopkPopSampler *sampler = exopk_pop_sampler_new(&spec, NULL);
    double v[2 * 3], x = 100, f;
    ExopkOptResult *a, *b;

    ck_assert_msg(sp.subjects != NULL, "%s", err.message);
    ck_assert_int_eq(exopk_opt_subjects_eval(sp.subjects, &x, 5, 3, v), 0);
    for (int j = 0; j < 3; j++) {
        exopk_pop_sampler_draw(sampler, SEED, (uint64_t) (5 + j), 0, &f);
        ck_assert_double_eq_tol(v[2 * j], x / (s->agents[0].cl * f), 1e-5 * v[2 * j]);
        ck_assert(v[2 * j + 1] == v[2 * j]);   /* the constraint's metric is the same */
    }
    a = robust_dose(s, &spec, 2, 1500, NULL);
    p.max_evaluations = 200;
    p.spread = spread_chunks;
    p.spread_data = &sp;
    b = exopk_optimize(&p, &err);
    ck_assert_msg(b != NULL, "%s", err.message);
    ck_assert(exopk_opt_result_x(a)[0] == exopk_opt_result_x(b)[0]);
    ck_assert(exopk_opt_result_objective(a) == exopk_opt_result_objective(b));
    ck_assert_int_eq(exopk_opt_result_n_trace(a), exopk_opt_result_n_trace(b));
    for (size_t i = 0; i < exopk_opt_result_n_trace(a); i++)
        ck_assert(exopk_opt_result_trace(a, i)->objective ==
                  exopk_opt_result_trace(b, i)->objective);
    ck_assert_int_eq(sp.calls, exopk_opt_result_evaluations(b));
    exopk_opt_result_free(b);
    /* a hook that says stop cancels the search */
    sp.calls = 0;
    sp.fail_at = 3;
    b = exopk_optimize(&p, &err);
    ck_assert_ptr_nonnull(b);
    ck_assert_str_eq(exopk_opt_result_status(b), "cancelled");
    ck_assert_int_eq(sp.calls, 3);
    exopk_opt_result_free(b);
    /* a subject that fails makes the candidate fail, not the search */
    sp.calls = 0;
    p.spread = spread_failing;
    p.spread_data = &sp.calls;
    p.max_evaluations = 20;
    b = exopk_optimize(&p, &err);
    ck_assert_ptr_nonnull(b);
    ck_assert(!exopk_opt_result_feasible(b));
    ck_assert_str_ne(exopk_opt_result_status(b), "cancelled");
    ck_assert_int_eq(sp.calls, exopk_opt_result_evaluations(b));
    ck_assert_int_eq(exopk_opt_result_evaluations(b), 20);
    for (size_t i = 0; i < exopk_opt_result_n_trace(b); i++)
        ck_assert(isnan(exopk_opt_result_trace(b, i)->objective));
    exopk_opt_result_free(b);
    exopk_opt_result_free(a);
    exopk_pop_sampler_free(sampler);
    exopk_opt_subjects_free(sp.subjects);
    p.population = NULL;
    ck_assert_ptr_null(exopk_opt_subjects_new(&p, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("robust");
    TCase *tc = tcase_create("robust");

    tcase_set_timeout(tc, 240);
    tcase_add_test(tc, p95_constraint_binds_where_the_population_says);
    tcase_add_test(tc, cv_zero_is_the_plain_problem);
    tcase_add_test(tc, the_same_optimum_for_any_thread_count);
    tcase_add_test(tc, bad_statistics_are_named);
    tcase_add_test(tc, spread_subjects_are_the_local_ones);
    suite_add_tcase(s, tc);
    return s;
}
