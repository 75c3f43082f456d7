/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-bench-sensitivity: wall time of a Sobol analysis of the default
 * study's exodox arm: 8 parameters over 0.5x-2x of their values (log), the
 * final tumour volume and the heart AUC, N base samples (default 1024:
 * N (k + 2) = 10,240 runs).  Target: 30 s on 2 threads.
 * Run: build/tests/exopk-bench-sensitivity [threads [N]]. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../fixture.h"

#define EXODOX 2
#define K 8

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
    static const char *const names[K] = {
        "carrier.k_mps", "carrier.k_pt", "carrier.k_int", "doxorubicin.cl",
        "doxorubicin.k_in", "tumour.growth_rate", "tumour.rho", "dose",
    };
    static const char *const metrics[] = { "tumour_volume_final", "doxorubicin.heart_auc" };
    unsigned char logs[K];
    double lo[K], hi[K], t0;
    size_t idx[K];
    ExopkSensProblem p = { .method = EXOPK_SENS_SOBOL, .n_params = K, .n_outputs = 2,
                           .lower = lo, .upper = hi, .log_scale = logs, .seed = 1 };
    ExopkStudy *s;
    ExopkModel *m;
    ExopkSensResult *r;
    ExopkError err;

    exopk_init();
    exopk_tune_heap();      /* as the exopk programs run */
    p.threads = argc > 1 ? atoi(argv[1]) : 2;
    p.samples = argc > 2 ? (size_t) atol(argv[2]) : 1024;
    s = fixture_default_study();
    if ((m = exopk_model_compile(s, EXODOX, &err)) == NULL) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    for (int i = 0; i < K; i++) {
        long k = exopk_model_param_index(m, names[i], &err);
        double x;
        if (k < 0 || exopk_model_param_value(m, (size_t) k, &x) != 0) {
            fprintf(stderr, "%s: %s\n", names[i], err.message);
            return 1;
        }
        idx[i] = (size_t) k, lo[i] = x / 2, hi[i] = 2 * x, logs[i] = 1;
    }
    t0 = now();
    r = exopk_sensitivity_of_model(&p, m, idx, metrics, &err);
    if (r == NULL) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    printf("sobol        exodox arm, %d parameters x0.5-x2 (log), 2 metrics\n", K);
    printf("runs         %zu (N = %zu), threads %d\n", exopk_sens_evaluations(r), p.samples,
           p.threads);
    printf("wall time    %.2f s (%.0f runs/s)\n", now() - t0,
           exopk_sens_evaluations(r) / (now() - t0));
    printf("rows used    %zu of %zu\n", exopk_sens_rows_used(r, 0), p.samples);
    for (int i = 0; i < K; i++)
        printf("  %-22s ST tumour %.3f [%.3f, %.3f]   ST heart AUC %.3f\n", names[i],
               exopk_sens_value(r, 0, i, EXOPK_SENS_ST), exopk_sens_value(r, 0, i, EXOPK_SENS_ST_LOW),
               exopk_sens_value(r, 0, i, EXOPK_SENS_ST_HIGH),
               exopk_sens_value(r, 1, i, EXOPK_SENS_ST));
    exopk_sens_result_free(r);
    exopk_model_free(m);
    exopk_study_free(s);
    return 0;
}
