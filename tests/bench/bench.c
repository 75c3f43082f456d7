/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-bench: simulations per second on one core for the default study's
 * arms (28 days, hourly output, default tolerances), and the accuracy of
 * those defaults against a rtol 1e-10 run (docs/model.md §9.17).
 * Run: meson test -C build --benchmark -v, or build/tests/exopk-bench. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../fixture.h"
#include "exopk/model.h"

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Runs per second of arm @a compiled once, each run with one parameter
 * path set (to its own value: the derived values are computed again, as
 * in a population or a fit). */
static double
compiled_rate(const ExopkStudy *s, size_t a, double seconds)
{
    ExopkError err;
    ExopkModel *m = exopk_model_compile(s, a, &err);
    ExopkSim *sim = m != NULL ? exopk_sim_new(m, &err) : NULL;
    ExopkParamVector *v = m != NULL ? exopk_param_vector_new(m) : NULL;
    size_t k = 0;
    double x, t0 = now(), t1;
    long runs = 0;

    if (sim == NULL || v == NULL)
        return NAN;
    while (k < exopk_model_n_params(m) && strchr(exopk_model_param_name(m, k), '.') == NULL)
        k++;
    if (exopk_model_param_value(m, k, &x) != 0 || exopk_param_vector_set(v, k, x, &err) != 0)
        return NAN;
    do {
        exopk_result_free(exopk_sim_run(sim, v, NULL, &err));
        runs++;
        t1 = now();
    } while (t1 - t0 < seconds);
    exopk_param_vector_free(v);
    exopk_sim_free(sim);
    exopk_model_free(m);
    return runs / (t1 - t0);
}

static int
bench_arm(const ExopkStudy *s, size_t a, double seconds)
{
    ExopkError err;
    ExopkSimOptions tight = { .rtol = 1e-10, .atol_scale = 1e-16 };
    ExopkResult *ref = exopk_simulate(s, a, &tight, &err), *r = NULL;
    double t0 = now(), t1;
    long runs = 0;
    ExopkSolverStats st;
    char where[256] = "";
    double dev;

    if (ref == NULL) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    do {
        exopk_result_free(r);
        r = exopk_simulate(s, a, NULL, &err);
        if (r == NULL) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        runs++;
        t1 = now();
    } while (t1 - t0 < seconds);
    st = exopk_result_stats(r);
    dev = fixture_max_rel_dev(r, ref, where, sizeof where);
    printf("%-10s %6zu %8ld %10.3f %12.1f %12.1f %12.3g   %s\n", s->arms[a].name,
           exopk_result_n_series(r), st.steps, 1e3 * (t1 - t0) / runs, runs / (t1 - t0),
           compiled_rate(s, a, seconds), dev, where);
    exopk_result_free(r);
    exopk_result_free(ref);
    return 0;
}

int
main(int argc, char **argv)
{
    double seconds = argc > 1 ? atof(argv[1]) : 2.0;
    ExopkStudy *s;

    exopk_init();
    exopk_tune_heap();      /* as the exopk programs run */
    s = fixture_default_study();
    printf("%-10s %6s %8s %10s %12s %12s %12s   %s\n", "arm", "series", "steps", "ms/sim",
           "sims/s", "compiled/s", "max rel dev", "(where)");
    for (size_t a = 0; a < s->n_arms; a++)
        if (bench_arm(s, a, seconds) != 0)
            return 1;
    {
        /* the co-loaded arm: DOX + siRNA against ABCB1 in one formulation */
        ExopkStudy *rs = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_PGP));
        bench_arm(rs, 1, seconds);
        exopk_study_free(rs);
    }
    printf("(one core; default tolerances rtol 1e-6, atol 1e-12 x group scale; compiled/s = "
           "runs of the arm compiled once, a parameter path set per run; max rel dev = "
           "largest relative difference of any output value from a rtol 1e-10 run)\n");
    exopk_study_free(s);
    return 0;
}
