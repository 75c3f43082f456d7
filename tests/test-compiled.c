/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The compiled model (include/exopk/model.h) against the one-shot path it
 * replaces: a parameter vector run in a reused workspace must give exactly
 * what exopk_study_set on a copy and exopk_simulate give.  Both paths run
 * the same arithmetic on the same values, so results are compared bit for
 * bit; any difference means a value went stale or was written to the
 * wrong place. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "fixture.h"
#include "exopk/model.h"

/* 0 if @a and @b hold the same series and metrics, value for value. */
static void
assert_same(const ExopkResult *a, const ExopkResult *b, const char *what)
{
    size_t nt = exopk_result_n_times(a);

    ck_assert_uint_eq(nt, exopk_result_n_times(b));
    ck_assert_uint_eq(exopk_result_n_series(a), exopk_result_n_series(b));
    ck_assert_uint_eq(exopk_result_n_metrics(a), exopk_result_n_metrics(b));
    for (size_t j = 0; j < exopk_result_n_series(a); j++) {
        const double *x = exopk_result_series(a, j), *y = exopk_result_series(b, j);
        for (size_t i = 0; i < nt; i++)
            ck_assert_msg(x[i] == y[i] || (isnan(x[i]) && isnan(y[i])),
                          "%s: %s at t = %g h: %.17g vs %.17g", what,
                          exopk_result_series_name(a, j), exopk_result_times(a)[i], x[i], y[i]);
    }
    for (size_t k = 0; k < exopk_result_n_metrics(a); k++) {
        double x = exopk_result_metric_value(a, k), y = exopk_result_metric_value(b, k);
        ck_assert_msg(x == y || (isnan(x) && isnan(y)), "%s: metric %s: %.17g vs %.17g", what,
                      exopk_result_metric_name(a, k), x, y);
    }
}

/* exopk_study_set on a copy of @s, then exopk_simulate. */
static ExopkResult *
run_by_set(const ExopkStudy *s, size_t arm, const char *const *names, const double *values,
           size_t n)
{
    ExopkStudy *c = exopk_study_copy(s);
    ExopkError err;
    ExopkResult *r;

    for (size_t i = 0; i < n; i++)
        ck_assert_msg(exopk_study_set(c, arm, names[i], values[i], &err) == EXOPK_OK, "%s",
                      err.message);
    r = exopk_simulate(c, arm, NULL, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    exopk_study_free(c);
    return r;
}

/* The same through @sim and @v. */
static ExopkResult *
run_by_vector(ExopkSim *sim, ExopkParamVector *v, const ExopkModel *m,
              const char *const *names, const double *values, size_t n)
{
    ExopkError err;
    ExopkResult *r;

    exopk_param_vector_reset(v);
    for (size_t i = 0; i < n; i++) {
        long k = exopk_model_param_index(m, names[i], &err);
        ck_assert_msg(k >= 0, "%s", err.message);
        ck_assert_msg(exopk_param_vector_set(v, (size_t) k, values[i], &err) == EXOPK_OK, "%s",
                      err.message);
    }
    r = exopk_sim_run(sim, v, NULL, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

/* Each case changes a different kind of target: a dose, the schedule (the
 * arm is expanded again), the offered load, a library path (derived
 * values follow), a derived value's own override, an agent's. */
static const char *const CASE_NAMES[][3] = {
    { "dose", NULL, NULL },
    { "every", "count", NULL },
    { "offered", NULL, NULL },
    { "carrier.k_mps", NULL, NULL },
    { "carrier.vmax_mps", "tumour.growth_rate", NULL },
    { "doxorubicin.cl", "dose", "species.weight" },
};
static const double CASE_VALUES[][3] = {
    { 3e11 },
    { 48, 4 },
    { 2000 },
    { 0.05 },
    { 5e10, 0.08 },
    { 2.0, 1e11, 0.03 },
};
#define N_CASES (sizeof CASE_VALUES / sizeof *CASE_VALUES)

static size_t
case_size(size_t c)
{
    size_t n = 0;

    while (n < 3 && CASE_NAMES[c][n] != NULL)
        n++;
    return n;
}

/* Runs every case in one workspace, in order and then in reverse, so each
 * run follows a different one: nothing may carry over. */
START_TEST(vector_runs_match_set_and_simulate)
{
    ExopkStudy *s = fixture_default_study();
    size_t arm = 2;    /* exodox: formulation, tumour, heart */
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, arm, &err);
    ExopkSim *sim;
    ExopkParamVector *v;

    ck_assert_msg(m != NULL, "%s", err.message);
    ck_assert_str_eq(s->arms[arm].name, "exodox");
    sim = exopk_sim_new(m, &err);
    v = exopk_param_vector_new(m);
    ck_assert(sim != NULL && v != NULL);
    for (size_t pass = 0; pass < 2 * N_CASES; pass++) {
        size_t c = pass < N_CASES ? pass : 2 * N_CASES - 1 - pass, n = case_size(c);
        ExopkResult *want = run_by_set(s, arm, CASE_NAMES[c], CASE_VALUES[c], n);
        ExopkResult *got = run_by_vector(sim, v, m, CASE_NAMES[c], CASE_VALUES[c], n);
        assert_same(want, got, CASE_NAMES[c][0]);
        exopk_result_free(want);
        exopk_result_free(got);
    }
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(m);
    exopk_study_free(s);
}
END_TEST

/* A run with no vector (and one with an empty vector) after changed runs
 * is the study as compiled. */
START_TEST(unset_vector_is_the_study_as_compiled)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, 2, &err);
    ExopkSim *sim = exopk_sim_new(m, &err);
    ExopkParamVector *v = exopk_param_vector_new(m);
    ExopkResult *want = exopk_simulate(s, 2, NULL, &err), *got;

    ck_assert(want != NULL && sim != NULL && v != NULL);
    exopk_result_free(run_by_vector(sim, v, m, CASE_NAMES[5], CASE_VALUES[5], 3));
    got = exopk_sim_run(sim, NULL, NULL, &err);
    assert_same(want, got, "NULL vector");
    exopk_result_free(got);
    exopk_result_free(run_by_vector(sim, v, m, CASE_NAMES[1], CASE_VALUES[1], 2));
    exopk_param_vector_reset(v);
    got = exopk_sim_run(sim, v, NULL, &err);
    assert_same(want, got, "empty vector");
    exopk_result_free(got);
    exopk_result_free(want);
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(m);
    exopk_study_free(s);
}
END_TEST

/* exopk_model_param_value is the value the engine runs with: setting every
 * parameter to it, one at a time, changes nothing.  A general carrier or
 * loading path is skipped when formulations differ (it would set them all
 * to the first one's value). */
START_TEST(param_values_are_the_values_the_engine_uses)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, 1, &err);   /* free_dox: fast */
    ExopkSim *sim = exopk_sim_new(m, &err);
    ExopkParamVector *v = exopk_param_vector_new(m);
    ExopkResult *want = exopk_sim_run(sim, NULL, NULL, &err);
    size_t checked = 0;

    ck_assert(want != NULL && v != NULL);
    for (size_t i = 0; i < exopk_model_n_params(m); i++) {
        const char *name = exopk_model_param_name(m, i);
        double x;
        ExopkResult *got;
        int general = (strncmp(name, "carrier.", 8) == 0 || strncmp(name, "loading.", 8) == 0) &&
                      strchr(name + 8, '.') == NULL;

        ck_assert_msg(exopk_model_param_value(m, i, &x) == 0, "no value for %s", name);
        if (general && s->n_formulations > 1)
            continue;
        exopk_param_vector_reset(v);
        if (exopk_param_vector_set(v, i, x, &err) != EXOPK_OK)
            ck_abort_msg("%s = %.17g: %s", name, x, err.message);
        got = exopk_sim_run(sim, v, NULL, &err);
        ck_assert_msg(got != NULL, "%s = %.17g: %s", name, x, err.message);
        assert_same(want, got, name);
        exopk_result_free(got);
        checked++;
    }
    ck_assert_uint_ge(checked, 100);
    ck_assert_int_eq(exopk_model_param_value(m, exopk_model_n_params(m), &(double) { 0 }), -1);
    exopk_result_free(want);
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(m);
    exopk_study_free(s);
}
END_TEST

/* Values the engine scales or derives are reported scaled: the mouse's
 * clearance is the library value times (weight / reference weight)^0.75. */
START_TEST(param_value_of_a_scaled_clearance)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, 1, &err);
    ExopkAgent dox = fixture_doxorubicin();
    long k = exopk_model_param_index(m, "doxorubicin.cl", &err);
    double x, w = exopk_model_study(m)->subject.weight;

    ck_assert(k >= 0);
    ck_assert_int_eq(exopk_model_param_value(m, (size_t) k, &x), 0);
    ck_assert_double_eq_tol(x, dox.cl * pow(w / dox.reference_weight, 0.75), 1e-12 * x);
    k = exopk_model_param_index(m, "dose", &err);
    ck_assert_int_eq(exopk_model_param_value(m, (size_t) k, &x), 0);
    ck_assert_double_eq(x, s->arms[1].lines[0].dose.amount);
    exopk_model_free(m);
    exopk_study_free(s);
}
END_TEST

START_TEST(bad_names_and_vectors_are_errors)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, 2, &err), *other = exopk_model_compile(s, 1, &err);
    ExopkSim *sim = exopk_sim_new(m, &err);
    ExopkParamVector *v = exopk_param_vector_new(other);

    ck_assert_int_eq(exopk_model_param_index(m, "carrier.k_mpss", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.message, "did you mean \"carrier.k_mps\""));
    ck_assert_ptr_null(exopk_sim_run(sim, v, NULL, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "another model"));
    ck_assert_ptr_null(exopk_model_compile(s, 3, &err));
    ck_assert_ptr_nonnull(strstr(err.message, "no arm 3"));
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(other);
    exopk_model_free(m);
    exopk_study_free(s);
}
END_TEST

/* A value outside the parameter's domain is refused with the loader's
 * words and leaves the entry as it was. */
START_TEST(out_of_domain_values_are_refused)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, 2, &err);
    ExopkParamVector *v = exopk_param_vector_new(m);
    long k = exopk_model_param_index(m, "carrier.k_mps", &err);
    double x;

    ck_assert(k >= 0);
    ck_assert_int_eq(exopk_param_vector_set(v, (size_t) k, 0.2, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_param_vector_set(v, (size_t) k, -1.0, &err), EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "carrier.k_mps"));
    ck_assert_int_eq(exopk_param_vector_get(v, (size_t) k, &x), 1);
    ck_assert_double_eq(x, 0.2);
    ck_assert_int_eq(exopk_param_vector_set(v, (size_t) k, NAN, &err), EXOPK_EINVAL);
    exopk_param_vector_free(v);
    exopk_model_free(m);
    exopk_study_free(s);
}
END_TEST

/* ---- one-shot runs and the horizon ------------------------------------ */

/* A study (no tumour) with one free-DOX arm: @count iv doses of 10 nmol
 * every 24 h, the arm added while the horizon was @added_at, the horizon
 * then set to @run_to. */
static ExopkStudy *
dox_line_study(long count, double added_at, double run_to)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDosingLine line = { .dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV,
                                       .unit = EXOPK_DOSE_NMOL, .amount = 10 },
                             .every = count > 1 ? 24 : 0, .count = count };

    s->horizon = added_at;
    ck_assert_int_eq(exopk_study_add_arm_lines(s, "dox", &line, 1), 0);
    s->horizon = run_to;
    fixture_resolve(s);
    return s;
}

static double
cumulative_dose(const ExopkStudy *s)
{
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, 0, NULL, &err);
    double v = NAN;

    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_int_eq(exopk_result_metric(r, "doxorubicin.cumulative_dose_mg_per_kg", &v), 0);
    exopk_result_free(r);
    return v;
}

/* exopk_simulate takes the doses a dosing line gives within the horizon
 * the study has when it runs, not when the arm was added: 4 doses of a
 * line of 4 every 24 h in 96 h, 2 in 30 h, whichever horizon the arm was
 * added under.  The cumulative dose is then 4 (2) single doses, and the
 * run equals one of a study built with that horizon, bit for bit. */
START_TEST(one_shot_takes_the_doses_within_the_horizon_at_run_time)
{
    static const struct { double added_at, run_to; long within; } cases[] = {
        { 30, 96, 4 }, { 96, 30, 2 }, { 0, 96, 4 },
    };

    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        ExopkStudy *s = dox_line_study(4, cases[c].added_at, cases[c].run_to);
        ExopkStudy *fresh = dox_line_study(4, cases[c].run_to, cases[c].run_to);
        ExopkStudy *single = dox_line_study(1, cases[c].run_to, cases[c].run_to);
        double one = cumulative_dose(single);
        ExopkError err;
        ExopkResult *got = exopk_simulate(s, 0, NULL, &err), *want;

        ck_assert_msg(got != NULL, "%s", err.message);
        want = exopk_simulate(fresh, 0, NULL, &err);
        ck_assert_msg(want != NULL, "%s", err.message);
        ck_assert_double_eq_tol(cumulative_dose(s), cases[c].within * one, 1e-12 * one);
        assert_same(want, got, "horizon changed after the arm was added");
        /* the caller's study is not changed: its arm keeps its own expansion */
        ck_assert_uint_eq(s->arms[0].n_doses,
                          (size_t) exopk_dosing_line_doses_within(&s->arms[0].lines[0],
                                                                  cases[c].added_at));
        exopk_result_free(got);
        exopk_result_free(want);
        exopk_study_free(s);
        exopk_study_free(fresh);
        exopk_study_free(single);
    }
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("compiled");
    TCase *tc = tcase_create("compiled");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, vector_runs_match_set_and_simulate);
    tcase_add_test(tc, unset_vector_is_the_study_as_compiled);
    tcase_add_test(tc, param_values_are_the_values_the_engine_uses);
    tcase_add_test(tc, param_value_of_a_scaled_clearance);
    tcase_add_test(tc, bad_names_and_vectors_are_errors);
    tcase_add_test(tc, out_of_domain_values_are_refused);
    tcase_add_test(tc, one_shot_takes_the_doses_within_the_horizon_at_run_time);
    suite_add_tcase(s, tc);
    return s;
}
