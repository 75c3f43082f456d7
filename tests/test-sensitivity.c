/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sensitivity estimators (include/exopk/sensitivity.h) on functions whose
 * indices are known in closed form: the Ishigami function (Ishigami &
 * Homma 1990; variances as in Saltelli et al. 2010 §4), a linear function
 * (every elementary effect is its slope times the range, exactly), and
 * power laws (d ln y / d ln p is the exponent). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "exopk/exopk.h"
#include "fixture.h"

#define ISHI_A 7.0
#define ISHI_B 0.1

/* Ishigami in x1..x3 on [-pi, pi]^3, plus x4 that it does not use. */
static int
ishigami(const double *x, double *y, int thread, void *data)
{
    (void) thread, (void) data;
    y[0] = sin(x[0]) + ISHI_A * pow(sin(x[1]), 2) + ISHI_B * pow(x[2], 4) * sin(x[0]);
    y[1] = x[3] > 0 ? NAN : 1.0;   /* an output that fails on half the space */
    return 0;
}

static void
ishigami_truth(double *s1, double *st)
{
    double pi4 = pow(M_PI, 4), pi8 = pi4 * pi4;
    double v1 = 0.5 * pow(1 + ISHI_B * pi4 / 5, 2), v2 = ISHI_A * ISHI_A / 8;
    double v13 = 8 * ISHI_B * ISHI_B * pi8 / 225, v = v1 + v2 + v13;

    s1[0] = v1 / v, s1[1] = v2 / v, s1[2] = 0, s1[3] = 0;
    st[0] = (v1 + v13) / v, st[1] = v2 / v, st[2] = v13 / v, st[3] = 0;
}

static ExopkSensProblem
ishigami_problem(size_t n, int threads)
{
    static const double lo[] = { -M_PI, -M_PI, -M_PI, -1 }, hi[] = { M_PI, M_PI, M_PI, 1 };
    ExopkSensProblem p = { .method = EXOPK_SENS_SOBOL, .n_params = 4, .n_outputs = 2,
                           .lower = lo, .upper = hi, .samples = n, .seed = 11,
                           .threads = threads, .f = ishigami };
    return p;
}

/* Each index within its bootstrap interval of the truth (widened by the
 * interval's own rounding: nothing), the estimate within 0.03 of it at
 * N = 8192 (the Jansen estimators' error there is about 0.01), and the
 * unused x4 with ST exactly 0 (f(A) = f(AB_4) row by row). */
START_TEST(sobol_indices_of_ishigami)
{
    ExopkSensProblem p = ishigami_problem(8192, 2);
    ExopkError err;
    ExopkSensResult *r = exopk_sensitivity(&p, &err);
    double s1[4], st[4];

    ck_assert_msg(r != NULL, "%s", err.message);
    ishigami_truth(s1, st);
    ck_assert_uint_eq(exopk_sens_evaluations(r), 8192 * 6);
    for (size_t i = 0; i < 4; i++) {
        double e1 = exopk_sens_value(r, 0, i, EXOPK_SENS_S1), et = exopk_sens_value(r, 0, i,
                                                                                   EXOPK_SENS_ST);
        ck_assert_msg(fabs(e1 - s1[i]) < 0.03, "S1 x%zu: %g, truth %g", i + 1, e1, s1[i]);
        ck_assert_msg(fabs(et - st[i]) < 0.03, "ST x%zu: %g, truth %g", i + 1, et, st[i]);
        ck_assert_msg(exopk_sens_value(r, 0, i, EXOPK_SENS_S1_LOW) <= s1[i] + 1e-12 &&
                          s1[i] <= exopk_sens_value(r, 0, i, EXOPK_SENS_S1_HIGH) + 1e-12,
                      "S1 x%zu: truth %g outside [%g, %g]", i + 1, s1[i],
                      exopk_sens_value(r, 0, i, EXOPK_SENS_S1_LOW),
                      exopk_sens_value(r, 0, i, EXOPK_SENS_S1_HIGH));
        ck_assert_msg(exopk_sens_value(r, 0, i, EXOPK_SENS_ST_LOW) <= st[i] + 1e-12 &&
                          st[i] <= exopk_sens_value(r, 0, i, EXOPK_SENS_ST_HIGH) + 1e-12,
                      "ST x%zu: truth %g outside [%g, %g]", i + 1, st[i],
                      exopk_sens_value(r, 0, i, EXOPK_SENS_ST_LOW),
                      exopk_sens_value(r, 0, i, EXOPK_SENS_ST_HIGH));
    }
    ck_assert_double_eq(exopk_sens_value(r, 0, 3, EXOPK_SENS_ST), 0.0);
    ck_assert_uint_eq(exopk_sens_rows_used(r, 0), 8192);
    /* the failing output: only rows with x4 <= 0 in A, B and every AB_i */
    ck_assert_uint_lt(exopk_sens_rows_used(r, 1), 8192 / 2 + 1);
    ck_assert_uint_gt(exopk_sens_rows_used(r, 1), 8192 / 4 - 300);
    exopk_sens_result_free(r);
}
END_TEST

/* The same bytes from one thread and from three. */
START_TEST(sobol_does_not_depend_on_threads)
{
    ExopkSensProblem p1 = ishigami_problem(512, 1), p3 = ishigami_problem(512, 3);
    ExopkError err;
    ExopkSensResult *a = exopk_sensitivity(&p1, &err), *b = exopk_sensitivity(&p3, &err);

    ck_assert(a != NULL && b != NULL);
    for (size_t i = 0; i < 4; i++)
        for (int s = 0; s < EXOPK_SENS_N_STATS; s++) {
            double x = exopk_sens_value(a, 0, i, s), y = exopk_sens_value(b, 0, i, s);
            ck_assert_msg(memcmp(&x, &y, sizeof x) == 0, "x%zu stat %d: %a vs %a", i + 1, s, x, y);
        }
    exopk_sens_result_free(a);
    exopk_sens_result_free(b);
}
END_TEST

static const double SLOPE[] = { 2.0, -3.0, 0.5 };

/* y0 = sum a_i x_i; y1 = ln x3 (x3 sampled log-uniformly: linear in u). */
static int
linear(const double *x, double *y, int thread, void *data)
{
    (void) thread, (void) data;
    y[0] = SLOPE[0] * x[0] + SLOPE[1] * x[1] + SLOPE[2] * x[2];
    y[1] = log(x[2]);
    return 0;
}

/* A linear function's elementary effects are its slope times the range,
 * on every step of every trajectory: mu = slope x range, mu* = |mu|,
 * sigma = 0 (to rounding). */
START_TEST(morris_effects_of_a_linear_function)
{
    static const double lo[] = { 0, 10, 1 }, hi[] = { 1, 30, 100 };
    static const unsigned char logs[] = { 0, 0, 1 };
    ExopkSensProblem p = { .method = EXOPK_SENS_MORRIS, .n_params = 3, .n_outputs = 2,
                           .lower = lo, .upper = hi, .log_scale = logs, .samples = 10,
                           .seed = 3, .threads = 2, .f = linear };
    ExopkError err;
    ExopkSensResult *r = exopk_sensitivity(&p, &err);
    double mu2;

    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_uint_eq(exopk_sens_evaluations(r), 10 * 4);
    for (size_t i = 0; i < 2; i++) {
        double want = SLOPE[i] * (hi[i] - lo[i]);
        ck_assert_double_eq_tol(exopk_sens_value(r, 0, i, EXOPK_SENS_MU), want, 1e-9 * fabs(want));
        ck_assert_double_eq_tol(exopk_sens_value(r, 0, i, EXOPK_SENS_MU_STAR), fabs(want),
                                1e-9 * fabs(want));
        ck_assert_double_le(exopk_sens_value(r, 0, i, EXOPK_SENS_SIGMA), 1e-9 * fabs(want));
    }
    /* x3 log-uniform: y1 = ln x3 moves by ln(hi/lo) per whole range */
    ck_assert_double_eq_tol(exopk_sens_value(r, 1, 2, EXOPK_SENS_MU), log(100.0), 1e-9);
    ck_assert_double_eq_tol(exopk_sens_value(r, 1, 0, EXOPK_SENS_MU_STAR), 0.0, 1e-12);
    /* y0 in x3 is not linear on a log scale: its effects vary */
    mu2 = exopk_sens_value(r, 0, 2, EXOPK_SENS_SIGMA);
    ck_assert_double_gt(mu2, 0.01);
    ck_assert_uint_eq(exopk_sens_rows_used(r, 0), 10);
    exopk_sens_result_free(r);
}
END_TEST

/* y0 = 5 x1^2 / x2 (positive), y1 = -x1^3 (negative: the normalised
 * difference, sinh(3h)/h = 3 (1 + 1.5 h^2) to first order). */
static int
power(const double *x, double *y, int thread, void *data)
{
    (void) thread, (void) data;
    y[0] = 5 * x[0] * x[0] / x[1];
    y[1] = -pow(x[0], 3);
    return 0;
}

START_TEST(local_sensitivities_of_power_laws)
{
    static const double x0[] = { 2.0, 0.3 };
    ExopkSensProblem p = { .method = EXOPK_SENS_LOCAL, .n_params = 2, .n_outputs = 2,
                           .nominal = x0, .f = power };
    ExopkError err;
    ExopkSensResult *r = exopk_sensitivity(&p, &err);
    double h = 1e-3;

    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_uint_eq(exopk_sens_evaluations(r), 5);
    ck_assert_double_eq_tol(exopk_sens_value(r, 0, 0, EXOPK_SENS_S), 2.0, 1e-9);
    ck_assert_double_eq_tol(exopk_sens_value(r, 0, 1, EXOPK_SENS_S), -1.0, 1e-9);
    ck_assert_double_eq_tol(exopk_sens_value(r, 1, 0, EXOPK_SENS_S), sinh(3 * h) / h, 1e-9);
    ck_assert_double_eq_tol(exopk_sens_value(r, 1, 1, EXOPK_SENS_S), 0.0, 1e-12);
    ck_assert(isnan(exopk_sens_value(r, 0, 0, EXOPK_SENS_S1)));
    exopk_sens_result_free(r);
}
END_TEST

static int
failing(const double *x, double *y, int thread, void *data)
{
    (void) thread, (void) data;
    y[0] = x[0];
    return x[0] > 0.5 ? -1 : 0;
}

static int
cancel_at_once(size_t done, size_t total, void *data)
{
    (void) done, (void) total, (void) data;
    return 1;
}

START_TEST(bad_problems_failures_and_cancel)
{
    static const double lo[] = { 0 }, hi[] = { 1 }, bad_hi[] = { 0 };
    ExopkSensProblem p = { .method = EXOPK_SENS_SOBOL, .n_params = 1, .n_outputs = 1,
                           .lower = lo, .upper = bad_hi, .samples = 16, .f = failing };
    ExopkError err;

    ck_assert_ptr_null(exopk_sensitivity(&p, &err));
    ck_assert_str_eq(err.message,
                     "sensitivity: parameter 1: range [0, 0] needs lower < upper, both finite");
    p.upper = hi;
    p.log_scale = (const unsigned char[]) { 1 };
    ck_assert_ptr_null(exopk_sensitivity(&p, &err));
    ck_assert_str_eq(err.message, "sensitivity: parameter 1: a log scale needs lower > 0");
    p.log_scale = NULL;
    ck_assert_ptr_null(exopk_sensitivity(&p, &err));
    ck_assert_int_eq(err.code, EXOPK_ECALLBACK);
    p.method = EXOPK_SENS_MORRIS;
    p.levels = 3;
    ck_assert_ptr_null(exopk_sensitivity(&p, &err));
    ck_assert_str_eq(err.message, "sensitivity: Morris levels must be even and at least 2 (got 3)");
    p.method = EXOPK_SENS_LOCAL;
    ck_assert_ptr_null(exopk_sensitivity(&p, &err));
    ck_assert_str_eq(err.message, "sensitivity: parameter 1: the local method needs a positive, "
                                  "finite nominal value");
    p = ishigami_problem(64, 1);
    p.progress = cancel_at_once;
    ck_assert_ptr_null(exopk_sensitivity(&p, &err));
    ck_assert_int_eq(err.code, EXOPK_ECANCELLED);
}
END_TEST

/* Free doxorubicin, one IV bolus, no tumour, 2,000 h: the plasma AUC is
 * (dose - what is left) / CL with elimination from the central compartment
 * only, so d ln AUC / d ln dose = 1 (the model is linear), d ln AUC /
 * d ln CL = -1 and the peripheral volume V3 does not matter, up to the
 * drug left at 2,000 h (below 1e-9 of the dose) and the solver's error
 * over the step (rtol 1e-9 / 0.05). */
static ExopkModel *
free_dox_model(void)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = 150 };
    ExopkError err;
    ExopkModel *m;

    exopk_study_add_arm_lines(s, "iv", &(ExopkDosingLine) { .dose = dose, .count = 1 }, 1);
    s->horizon = 2000;
    s->rtol = 1e-9;
    fixture_resolve(s);
    m = exopk_model_compile(s, 0, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    exopk_study_free(s);
    return m;
}

static void
param_indices(const ExopkModel *m, const char *const *names, size_t n, size_t *idx, double *x0)
{
    ExopkError err;

    for (size_t i = 0; i < n; i++) {
        long k = exopk_model_param_index(m, names[i], &err);
        ck_assert_msg(k >= 0, "%s", err.message);
        idx[i] = (size_t) k;
        ck_assert_int_eq(exopk_model_param_value(m, idx[i], &x0[i]), 0);
    }
}

START_TEST(local_sensitivities_of_a_linear_auc)
{
    static const char *const names[] = { "dose", "doxorubicin.cl", "doxorubicin.v3" };
    static const char *const metrics[] = { "doxorubicin.plasma_auc", "no_such_metric" };
    ExopkModel *m = free_dox_model();
    size_t idx[3];
    double x0[3];
    ExopkSensProblem p = { .method = EXOPK_SENS_LOCAL, .n_params = 3, .n_outputs = 2,
                           .nominal = x0, .step = 0.05, .threads = 2 };
    ExopkError err;
    ExopkSensResult *r;

    param_indices(m, names, 3, idx, x0);
    r = exopk_sensitivity_of_model(&p, m, idx, metrics, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_double_eq_tol(exopk_sens_value(r, 0, 0, EXOPK_SENS_S), 1.0, 1e-6);
    ck_assert_double_eq_tol(exopk_sens_value(r, 0, 1, EXOPK_SENS_S), -1.0, 1e-6);
    ck_assert_double_eq_tol(exopk_sens_value(r, 0, 2, EXOPK_SENS_S), 0.0, 1e-6);
    ck_assert(isnan(exopk_sens_value(r, 1, 0, EXOPK_SENS_S)));
    exopk_sens_result_free(r);
    exopk_model_free(m);
}
END_TEST

/* AUC = dose / CL: with ln dose and ln CL uniform on ranges of equal
 * log-width and independent, ln AUC is their difference: S1 = ST = 1/2 for
 * each on the log scale.  On AUC itself the interaction is small but not
 * zero; the check is on V3 (ST 0: it does not enter) and on the sum. */
START_TEST(sobol_indices_of_a_model_metric)
{
    static const char *const names[] = { "dose", "doxorubicin.cl", "doxorubicin.v3" };
    static const char *const metrics[] = { "doxorubicin.plasma_auc" };
    static const unsigned char logs[] = { 1, 1, 1 };
    ExopkModel *m = free_dox_model();
    size_t idx[3];
    double x0[3], lo[3], hi[3];
    ExopkSensProblem p = { .method = EXOPK_SENS_SOBOL, .n_params = 3, .n_outputs = 1,
                           .lower = lo, .upper = hi, .log_scale = logs, .samples = 256,
                           .seed = 5, .bootstrap = 200, .threads = 2 };
    ExopkError err;
    ExopkSensResult *r;

    param_indices(m, names, 3, idx, x0);
    for (int i = 0; i < 3; i++)
        lo[i] = x0[i] / 2, hi[i] = x0[i] * 2;
    r = exopk_sensitivity_of_model(&p, m, idx, metrics, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_uint_eq(exopk_sens_rows_used(r, 0), 256);
    ck_assert_double_lt(fabs(exopk_sens_value(r, 0, 2, EXOPK_SENS_ST)), 1e-6);
    for (int i = 0; i < 2; i++) {
        ck_assert_double_gt(exopk_sens_value(r, 0, i, EXOPK_SENS_ST), 0.4);
        ck_assert_double_lt(exopk_sens_value(r, 0, i, EXOPK_SENS_ST), 0.6);
    }
    exopk_sens_result_free(r);
    exopk_model_free(m);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("sensitivity");
    TCase *tc = tcase_create("sensitivity");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, sobol_indices_of_ishigami);
    tcase_add_test(tc, sobol_does_not_depend_on_threads);
    tcase_add_test(tc, morris_effects_of_a_linear_function);
    tcase_add_test(tc, local_sensitivities_of_power_laws);
    tcase_add_test(tc, bad_problems_failures_and_cancel);
    tcase_add_test(tc, local_sensitivities_of_a_linear_auc);
    tcase_add_test(tc, sobol_indices_of_a_model_metric);
    suite_add_tcase(s, tc);
    return s;
}
