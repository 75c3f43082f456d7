/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fitting (include/exopk/fit.h) on data simulated from known parameters
 * with seeded Gaussian noise: every estimate within 3 SE of the truth;
 * half of the late points below the LLOQ (M3) without bias beyond 2 SE;
 * a parameter the data do not see flagged; bad problems named. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "exopk/exopk.h"
#include "fixture.h"

#define N_TRUE 3
#define NOISE 0.1              /* proportional sd of the simulated data */

static const char *const true_path[N_TRUE] = { "carrier.msc.k_mps", "carrier.msc.ps_tum",
                                               "carrier.msc.k_deg_m" };
static const double true_factor[N_TRUE] = { 1.3, 0.7, 1.5 };   /* times the study's value */
static const char *const series[] = { "mps_particles", "tumour_interstitium_particles",
                                       "plasma_particles" };
#define N_SERIES 3
static const double times[] = { 1, 2, 3, 4, 6, 8, 12, 18, 24, 36, 48, 60, 70 };
#define N_TIMES (sizeof times / sizeof times[0])

/* The exodox arm run with the true parameters (study values times
 * true_factor); @truth gets the true values. */
static ExopkResult *
true_run(ExopkStudy *s, double *truth)
{
    ExopkModel *m = exopk_model_compile(s, 2, NULL);
    ExopkSim *sim = exopk_sim_new(m, NULL);
    ExopkParamVector *v = exopk_param_vector_new(m);
    ExopkResult *res;

    ck_assert_ptr_nonnull(m);
    for (int k = 0; k < N_TRUE; k++) {
        long i = exopk_model_param_index(m, true_path[k], NULL);
        double x;
        ck_assert_int_ge(i, 0);
        exopk_model_param_value(m, (size_t) i, &x);
        truth[k] = x * true_factor[k];
        ck_assert_int_eq(exopk_param_vector_set(v, (size_t) i, truth[k], NULL), EXOPK_OK);
    }
    res = exopk_sim_run(sim, v, NULL, NULL);
    ck_assert_ptr_nonnull(res);
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(m);
    return res;
}

/* Value of series @name at output time @t (an output row). */
static double
value_at(const ExopkResult *res, const char *name, double t)
{
    const double *ts = exopk_result_times(res);
    long c = exopk_result_find_series(res, name);

    ck_assert_int_ge(c, 0);
    for (size_t i = 0; i < exopk_result_n_times(res); i++)
        if (fabs(ts[i] - t) < 1e-9)
            return exopk_result_series(res, (size_t) c)[i];
    ck_abort_msg("no output row at %g h", t);
    return NAN;
}

/* Writes noisy data of the exodox arm to @path; rows of tumour particles
 * after @late_from h below @lloq_frac of the true value at @late_from are
 * written BLQ (lloq_frac 0: no LLOQ).  Returns the number below. */
static int
write_data(const char *path, const ExopkResult *res, unsigned long seed, double late_from,
           double lloq_frac)
{
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    FILE *fp = fopen(path, "w");
    double lloq = lloq_frac * value_at(res, series[1], late_from);
    int below = 0;

    gsl_rng_set(rng, seed);
    ck_assert_ptr_nonnull(fp);
    fprintf(fp, "arm,time [h],name,value,lloq\n");
    for (size_t k = 0; k < N_SERIES; k++)
        for (size_t i = 0; i < N_TIMES; i++) {
            double f = value_at(res, series[k], times[i]);
            double y = f * (1 + NOISE * gsl_ran_gaussian(rng, 1));
            if (lloq_frac > 0 && k == 1 && times[i] >= late_from && y < lloq) {
                fprintf(fp, "exodox,%g,%s,BLQ,%.10g\n", times[i], series[k], lloq);
                below++;
            } else
                fprintf(fp, "exodox,%g,%s,%.10g,\n", times[i], series[k], y);
        }
    fclose(fp);
    gsl_rng_free(rng);
    return below;
}

static char tmpdir[256];

static void
make_tmp(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/exopk-test-fit-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
remove_tmp(void)
{
    char path[512];

    snprintf(path, sizeof path, "%s/data.csv", tmpdir);
    unlink(path);
    rmdir(tmpdir);
}

/* Fits the three parameters (from the study's values) to noisy data. */
static ExopkFitResult *
fit_simulated(double *truth, unsigned long seed, double late_from, double lloq_frac,
              int *below, size_t extra, const char *extra_path)
{
    ExopkStudy *s = fixture_default_study();
    ExopkResult *res = true_run(s, truth);
    ExopkFitParam par[N_TRUE + 1];
    ExopkFitProblem p = { .n_params = N_TRUE + extra, .params = par };
    ExopkObserved *obs;
    ExopkFitResult *r;
    ExopkError err;
    char path[512];

    snprintf(path, sizeof path, "%s/data.csv", tmpdir);
    *below = write_data(path, res, seed, late_from, lloq_frac);
    obs = exopk_observed_read(path, s, &err);
    ck_assert_msg(obs != NULL, "%s", err.message);
    for (size_t k = 0; k < N_TRUE + extra; k++)
        par[k] = (ExopkFitParam) { k < N_TRUE ? true_path[k] : extra_path, NAN, NAN, NAN, NAN,
                                   NAN };
    r = exopk_fit(s, obs, &p, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    exopk_observed_free(obs);
    exopk_result_free(res);
    exopk_study_free(s);
    return r;
}

/* |ln estimate - ln truth| within @k standard errors (on the log scale,
 * where the SE is estimated). */
static void
assert_within(const ExopkFitResult *r, size_t i, double truth, double k)
{
    const ExopkFitEstimate *e = exopk_fit_estimate(r, i);

    ck_assert_msg(isfinite(e->se_ln) && e->se_ln > 0, "%s: se_ln %g", e->name, e->se_ln);
    ck_assert_msg(fabs(log(e->estimate / truth)) < k * e->se_ln,
                  "%s: estimate %g, truth %g, se_ln %g", e->name, e->estimate, truth, e->se_ln);
}

/* -2 ln L of normal data with sd = b f, from the residual table:
 * sum of wres^2 + 2 ln sd + ln 2 pi. */
static double
minus2ll_of(const ExopkFitResult *r)
{
    double sum = 0;

    for (size_t i = 0; i < exopk_fit_n_residuals(r); i++) {
        const ExopkFitResidual *q = exopk_fit_residual(r, i);
        size_t k = 0;
        while (strcmp(series[k], q->name) != 0)
            k++;
        double sd = exopk_fit_estimate(r, N_TRUE + k)->estimate * q->predicted;
        sum += pow((q->observed - q->predicted) / sd, 2) + 2 * log(sd) + 1.8378770664093453;   /* ln 2 pi */
    }
    return sum;
}

START_TEST(test_recovers_truth)
{
    double truth[N_TRUE];
    int below;
    ExopkFitResult *r = fit_simulated(truth, 7 + (unsigned long) _i, 0, 0, &below, 0, NULL);
    const ExopkFitSummary *s = exopk_fit_summary(r);

    ck_assert_uint_eq(exopk_fit_n_estimates(r), N_TRUE + N_SERIES);   /* + one b per name */
    for (size_t k = 0; k < N_TRUE; k++)
        assert_within(r, k, truth[k], 3);
    for (size_t k = 0; k < N_SERIES; k++)
        assert_within(r, N_TRUE + k, NOISE, 3);
    ck_assert_str_eq(exopk_fit_estimate(r, N_TRUE)->name, "error.mps_particles.proportional");
    ck_assert_str_eq(exopk_fit_estimate(r, N_TRUE)->unit, "1");
    ck_assert_str_eq(exopk_fit_estimate(r, 0)->unit, "1/h");
    ck_assert_uint_eq(s->n_obs, N_SERIES * N_TIMES);
    ck_assert_uint_eq(exopk_fit_n_residuals(r), N_SERIES * N_TIMES);
    /* AIC and BIC from -2LL, k = 6, n = 39 */
    ck_assert_double_eq_tol(s->aic, s->minus2ll + 12, 1e-9);
    ck_assert_double_eq_tol(s->bic, s->minus2ll + 6 * log(N_SERIES * N_TIMES), 1e-9);
    /* weighted residuals of a right model: mean square near 1 (chi2_39 / 39
     * lies in [0.5, 1.6] with probability > 0.99; fitting 6 takes a little) */
    {
        double ss = 0;
        for (size_t i = 0; i < exopk_fit_n_residuals(r); i++)
            ss += pow(exopk_fit_residual(r, i)->weighted_residual, 2);
        ck_assert_double_eq_tol(s->minus2ll, minus2ll_of(r), 1e-6 * fabs(s->minus2ll));
        ck_assert_msg(ss / (N_SERIES * N_TIMES) > 0.35 && ss / (N_SERIES * N_TIMES) < 1.6, "%g", ss);
    }
    ck_assert_str_eq(exopk_fit_warnings(r), "");
    exopk_fit_result_free(r);
}
END_TEST

/* exopk_fit_apply: the study with the estimates predicts, at every
 * observation, what the fit reports (the fit evaluates the same model
 * through a parameter vector); the error parameters are no study
 * parameters and are not set. */
START_TEST(test_apply)
{
    double truth[N_TRUE];
    int below;
    ExopkFitResult *r = fit_simulated(truth, 11, 0, 0, &below, 0, NULL);
    ExopkStudy *s = fixture_default_study();
    ExopkResult *res;
    ExopkError err;
    size_t n_before = s->n_overrides;

    ck_assert_int_eq(exopk_fit_apply(r, s, &err), EXOPK_OK);
    ck_assert_uint_eq(s->n_overrides, n_before + N_TRUE);
    res = exopk_simulate(s, 2, NULL, &err);
    ck_assert_msg(res != NULL, "%s", err.message);
    for (size_t i = 0; i < exopk_fit_n_residuals(r); i++) {
        const ExopkFitResidual *q = exopk_fit_residual(r, i);
        long col = exopk_result_find_series(res, q->name);
        size_t k = 0;

        ck_assert_int_ge(col, 0);
        while (exopk_result_times(res)[k] != q->time)
            k++;
        ck_assert_double_eq_tol(exopk_result_series(res, (size_t) col)[k], q->predicted,
                                1e-9 * fabs(q->predicted));
    }
    exopk_result_free(res);
    exopk_study_free(s);
    exopk_fit_result_free(r);
}
END_TEST

/* The same noisy data with and without an LLOQ: censoring half of the
 * late tumour rows moves no estimate by more than 2 SE from the fit of
 * the full data (the M3 likelihood is unbiased; substituting the LLOQ or
 * dropping the rows would bias ps_tum upwards), and each stays within 3
 * SE of the truth. */
START_TEST(test_m3_half_below)
{
    double truth[N_TRUE];
    int below, none;
    unsigned long seed = 21 + (unsigned long) _i;
    /* LLOQ at the true value at 24 h: about half of the later rows fall under */
    ExopkFitResult *r = fit_simulated(truth, seed, 24, 1.0, &below, 0, NULL);
    ExopkFitResult *full = fit_simulated(truth, seed, 24, 0, &none, 0, NULL);

    ck_assert_int_ge(below, 2);
    ck_assert_int_eq(none, 0);
    ck_assert_uint_eq(exopk_fit_summary(r)->n_below_lloq, (size_t) below);
    for (size_t k = 0; k < N_TRUE; k++) {
        assert_within(r, k, truth[k], 3);
        assert_within(r, k, exopk_fit_estimate(full, k)->estimate, 2);
    }
    for (size_t k = 0; k < N_SERIES; k++)   /* no misfit absorbed by the error model */
        assert_within(r, N_TRUE + k, NOISE, 3);
    exopk_fit_result_free(r);
    exopk_fit_result_free(full);
}
END_TEST

START_TEST(test_flags_unseen_parameter)
{
    double truth[N_TRUE];
    int below;
    ExopkFitResult *r = fit_simulated(truth, 5, 0, 0, &below, 1,
                                      "carrier.msc.particles_per_ug_protein");

    ck_assert_ptr_nonnull(strstr(exopk_fit_warnings(r),
                                 "parameter carrier.msc.particles_per_ug_protein is not "
                                 "identifiable"));
    ck_assert_ptr_null(strstr(exopk_fit_warnings(r), "carrier.msc.ps_tum"));
    ck_assert(!(exopk_fit_estimate(r, N_TRUE)->rse_pct <= 100));
    exopk_fit_result_free(r);
}
END_TEST

START_TEST(test_bad_problems)
{
    ExopkStudy *s = fixture_default_study();
    ExopkFitParam par = { "carrier.msc.k_mpz", NAN, NAN, NAN, NAN, NAN };
    ExopkFitError e = { "mps_particle", EXOPK_ERR_ADDITIVE };
    ExopkFitProblem p = { .n_params = 1, .params = &par };
    double truth[N_TRUE];
    ExopkResult *res = true_run(s, truth);
    ExopkObserved *obs;
    ExopkError err;
    char path[512];

    snprintf(path, sizeof path, "%s/data.csv", tmpdir);
    write_data(path, res, 1, 0, 0);
    obs = exopk_observed_read(path, s, &err);
    ck_assert_ptr_null(exopk_fit(s, obs, &p, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "carrier.msc.k_mps") != NULL, "%s", err.message);
    par.path = "carrier.msc.k_mps";
    par.lower = 10, par.upper = 1;
    ck_assert_ptr_null(exopk_fit(s, obs, &p, &err));
    ck_assert_msg(strstr(err.message, "expected 0 < LOW < HIGH") != NULL, "%s", err.message);
    par.lower = par.upper = NAN;
    p.n_errors = 1, p.errors = &e;
    ck_assert_ptr_null(exopk_fit(s, obs, &p, &err));
    ck_assert_str_eq(err.message, "fit: --error mps_particle: no observation has this name "
                                  "(did you mean \"mps_particles\"?)");
    exopk_observed_free(obs);
    exopk_result_free(res);
    exopk_study_free(s);
}
END_TEST

/* The likelihood profile of k_mps with the other two and the errors
 * re-fitted: never below the fit's objective, equal to it at the
 * estimate, and its 95 % interval holds the truth and is as wide as the
 * Wald interval to within the difference between observed and expected
 * information: for proportional error the profile's curvature in ln p is
 * the expected information's times 1 + 3 e - 2 (sum s_i e_i)^2 / (n sum
 * s_i^2 sigma^2) per series (e the weighted mean noise, ~ 0.1 / sqrt(13),
 * and a chi2(1) / 13 term), within 1 -+ 0.5 by a wide margin; the widths'
 * ratio then lies in [1 / sqrt(1.5), 1 / sqrt(0.5)] = [0.82, 1.41]. */
START_TEST(test_profile)
{
    ExopkStudy *s = fixture_default_study();
    ExopkFitParam par[N_TRUE];
    ExopkFitProblem p = { .n_params = N_TRUE, .params = par };
    ExopkFitProfilePoint pt[11];
    double truth[N_TRUE], lo, hi;
    ExopkResult *res = true_run(s, truth);
    ExopkObserved *obs;
    ExopkFitResult *r;
    const ExopkFitEstimate *e;
    ExopkError err;
    char path[512];

    snprintf(path, sizeof path, "%s/data.csv", tmpdir);
    write_data(path, res, 7, 0, 0);
    obs = exopk_observed_read(path, s, &err);
    ck_assert_ptr_nonnull(obs);
    for (size_t k = 0; k < N_TRUE; k++)
        par[k] = (ExopkFitParam) { true_path[k], NAN, NAN, NAN, NAN, NAN };
    r = exopk_fit(s, obs, &p, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    e = exopk_fit_estimate(r, 0);
    ck_assert_int_eq(exopk_fit_profile(s, obs, &p, r, 0, 10, pt, &lo, &hi, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_fit_profile(s, obs, &p, r, N_TRUE, 11, pt, &lo, &hi, &err),
                     EXOPK_EINVAL);   /* an error parameter */
    ck_assert_int_eq(exopk_fit_profile(s, obs, &p, r, 0, 11, pt, &lo, &hi, &err), EXOPK_OK);
    ck_assert_double_eq(pt[5].value, e->estimate);
    ck_assert_double_eq(pt[5].minus2ll, exopk_fit_summary(r)->objective);
    for (size_t i = 0; i < 11; i++) {
        ck_assert_msg(pt[i].minus2ll > exopk_fit_summary(r)->objective - 1e-6, "%zu: %g", i,
                      pt[i].minus2ll);
        ck_assert(i == 0 || pt[i].value > pt[i - 1].value);
    }
    /* the grid spans ln p -+ 4 se_ln */
    ck_assert_double_eq_tol(log(pt[10].value / pt[0].value), 8 * e->se_ln, 1e-9);
    ck_assert_msg(lo < truth[0] && truth[0] < hi, "%g %g %g", lo, truth[0], hi);
    {
        double ratio = log(hi / lo) / log(e->ci95_high / e->ci95_low);
        ck_assert_msg(ratio > 0.82 && ratio < 1.41, "profile/Wald width %g", ratio);
    }
    exopk_fit_result_free(r);
    exopk_observed_free(obs);
    exopk_result_free(res);
    exopk_study_free(s);
}
END_TEST

static int
cancel_after(size_t evaluations, double objective, void *data)
{
    size_t *calls = data;

    (void) objective;
    ck_assert_uint_ge(evaluations, 1);
    return ++*calls >= 3;
}

/* The progress callback sees evaluations and cancels: nothing returned. */
START_TEST(test_cancel)
{
    ExopkStudy *s = fixture_default_study();
    ExopkFitParam par = { "carrier.msc.k_mps", NAN, NAN, NAN, NAN, NAN };
    size_t calls = 0;
    ExopkFitProblem p = { .n_params = 1, .params = &par, .progress = cancel_after,
                          .progress_data = &calls };
    double truth[N_TRUE];
    ExopkResult *res = true_run(s, truth);
    ExopkObserved *obs;
    ExopkError err;
    char path[512];

    snprintf(path, sizeof path, "%s/data.csv", tmpdir);
    write_data(path, res, 1, 0, 0);
    obs = exopk_observed_read(path, s, &err);
    ck_assert_ptr_null(exopk_fit(s, obs, &p, &err));
    ck_assert_int_eq(err.code, EXOPK_ECANCELLED);
    ck_assert_uint_eq(calls, 3);
    exopk_observed_free(obs);
    exopk_result_free(res);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("fit");
    TCase *tc = tcase_create("fit");

    tcase_add_checked_fixture(tc, make_tmp, remove_tmp);
    tcase_add_loop_test(tc, test_recovers_truth, 0, 2);
    tcase_add_loop_test(tc, test_m3_half_below, 0, 2);
    tcase_add_test(tc, test_flags_unseen_parameter);
    tcase_add_test(tc, test_apply);
    tcase_add_test(tc, test_bad_problems);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_profile);
    suite_add_tcase(s, tc);
    return s;
}
