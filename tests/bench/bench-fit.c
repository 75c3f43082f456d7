/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Benchmark of exopk_fit (include/exopk/fit.h): a 4-parameter fit (vesicle
 * clearance, MPS Vmax, tumour permeability, proportional error) to 40
 * observations in 2 arms, simulated from known values with 10 % Gaussian
 * noise (seeded); wall time on one core.  With --coverage N it repeats
 * the fit on N replicate data sets and prints how often each 95 % CI
 * holds the truth (expected 95 %; 88-99 % with N = 100 is the check). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "exopk/exopk.h"
#include "fixture.h"

#define N_PAR 3
#define NOISE 0.1
static const char *const PATH[N_PAR] = { "carrier.msc.k_cl", "carrier.msc.vmax_mps",
                                         "carrier.msc.ps_tum" };
static const double FACTOR[N_PAR] = { 1.4, 0.7, 1.3 };
static const double TIMES[20] = { 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 21, 24, 30, 36,
                                  42, 48, 56, 64, 72 };
static const char *const SERIES = "tumour_interstitium_particles";

/* The fixture's tumour study with one iv vesicle dose per arm: 2e11
 * particles (MPS far from saturation) and 3e12 (saturated). */
static ExopkStudy *
two_arm_study(void)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDosingLine line = {
        .dose = { .formulation = 0, .agent = -1, .route = EXOPK_ROUTE_IV, .time = 0,
                  .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 },
        .every = 0, .count = 1, .dose_text = "2e11 particles" };

    exopk_study_add_arm_lines(s, "low", &line, 1);
    line.dose.amount = 3e12;
    snprintf(line.dose_text, sizeof line.dose_text, "3e12 particles");
    exopk_study_add_arm_lines(s, "high", &line, 1);
    s->horizon = 72;
    fixture_resolve(s);
    return s;
}

static double
now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* True values (study value x FACTOR) and the true series of arm @a at TIMES. */
static int
truth_of(const ExopkStudy *s, size_t a, double *truth, double *f)
{
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, a, &err);
    ExopkSim *sim = m ? exopk_sim_new(m, &err) : NULL;
    ExopkParamVector *v = m ? exopk_param_vector_new(m) : NULL;
    ExopkResult *res = NULL;
    int st = -1;

    for (int k = 0; v != NULL && k < N_PAR; k++) {
        long i = exopk_model_param_index(m, PATH[k], &err);
        if (i < 0)
            goto out;
        exopk_model_param_value(m, (size_t) i, &truth[k]);
        truth[k] *= FACTOR[k];
        exopk_param_vector_set(v, (size_t) i, truth[k], &err);
    }
    if (v == NULL || (res = exopk_sim_run(sim, v, NULL, &err)) == NULL)
        goto out;
    for (int i = 0; i < 20; i++) {
        const double *t = exopk_result_times(res), *y;
        long c = exopk_result_find_series(res, SERIES);
        size_t j = 0;
        y = exopk_result_series(res, (size_t) c);
        while (fabs(t[j] - TIMES[i]) > 1e-9)
            j++;
        f[i] = y[j];
    }
    st = 0;
out:
    if (st != 0)
        fprintf(stderr, "bench-fit: %s\n", err.message);
    exopk_result_free(res);
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(m);
    return st;
}

static void
write_data(const char *path, const double f[2][20], gsl_rng *rng)
{
    FILE *fp = fopen(path, "w");

    fprintf(fp, "arm,time [h],name,value\n");
    for (int a = 0; a < 2; a++)
        for (int i = 0; i < 20; i++)
            fprintf(fp, "%s,%g,%s,%.10g\n", a ? "high" : "low", TIMES[i], SERIES,
                    f[a][i] * (1 + NOISE * gsl_ran_gaussian(rng, 1)));
    fclose(fp);
}

/* One replicate: data, fit; the result or NULL. */
static ExopkFitResult *
replicate(const ExopkStudy *s, const char *path, const double f[2][20], gsl_rng *rng)
{
    ExopkFitParam par[N_PAR];
    ExopkFitProblem p = { .n_params = N_PAR, .params = par };
    ExopkError err;
    ExopkObserved *obs;
    ExopkFitResult *r;

    write_data(path, f, rng);
    if ((obs = exopk_observed_read(path, s, &err)) == NULL) {
        fprintf(stderr, "bench-fit: %s\n", err.message);
        return NULL;
    }
    for (int k = 0; k < N_PAR; k++)
        par[k] = (ExopkFitParam) { PATH[k], NAN, NAN, NAN, NAN, NAN };
    if ((r = exopk_fit(s, obs, &p, &err)) == NULL)
        fprintf(stderr, "bench-fit: %s\n", err.message);
    exopk_observed_free(obs);
    return r;
}

static void
print_fit(const ExopkFitResult *r, const double *truth, double seconds)
{
    const ExopkFitSummary *s = exopk_fit_summary(r);

    printf("fit of 4 parameters to %zu observations in 2 arms: %.3f s wall (one core), "
           "%zu evaluations, %zu iterations, %s\n", s->n_obs, seconds, s->evaluations,
           s->iterations, exopk_fit_status_name(s->status));
    printf("%-40s %12s %12s %8s\n", "parameter", "truth", "estimate", "RSE %");
    for (size_t i = 0; i < exopk_fit_n_estimates(r); i++) {
        const ExopkFitEstimate *e = exopk_fit_estimate(r, i);
        printf("%-40s %12.4g %12.4g %8.3g\n", e->name, i < N_PAR ? truth[i] : NOISE,
               e->estimate, e->rse_pct);
    }
    fputs(exopk_fit_warnings(r), stdout);
}

int
main(int argc, char **argv)
{
    size_t n = argc > 2 && strcmp(argv[1], "--coverage") == 0 ? strtoul(argv[2], NULL, 10) : 0;
    ExopkStudy *s;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double truth[N_PAR + 1], f[2][20], t0, covered[N_PAR + 1] = { 0 };
    char dir[] = "/tmp/exopk-bench-fit-XXXXXX", path[64];
    size_t done = 0;
    ExopkFitResult *r;

    exopk_init();
    exopk_tune_heap();      /* as the exopk programs run */
    s = two_arm_study();
    if (mkdtemp(dir) == NULL || truth_of(s, 0, truth, f[0]) != 0 || truth_of(s, 1, truth, f[1]) != 0)
        return 1;
    truth[N_PAR] = NOISE;
    snprintf(path, sizeof path, "%s/data.csv", dir);
    gsl_rng_set(rng, 2026);
    t0 = now();
    if ((r = replicate(s, path, f, rng)) == NULL)
        return 1;
    print_fit(r, truth, now() - t0);
    exopk_fit_result_free(r);
    for (size_t k = 0; k < n; k++, done += r != NULL) {
        if ((r = replicate(s, path, f, rng)) == NULL)
            continue;
        for (int j = 0; j <= N_PAR; j++) {
            const ExopkFitEstimate *e = exopk_fit_estimate(r, (size_t) j);
            covered[j] += e->ci95_low <= truth[j] && truth[j] <= e->ci95_high;
        }
        exopk_fit_result_free(r);
    }
    for (int j = 0; n > 0 && j <= N_PAR; j++)
        printf("coverage of the 95 %% CI of %-36s %5.1f %% (%zu data sets)\n",
               j < N_PAR ? PATH[j] : "the proportional error", 100 * covered[j] / done, done);
    unlink(path);
    rmdir(dir);
    gsl_rng_free(rng);
    exopk_study_free(s);
    return 0;
}
