/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-bench-optimize: wall time of a five-variable constrained schedule
 * optimisation on the default study's exodox arm (docs/model.md §7): dose
 * (log), interval, number of doses (whole, enumerated), molecules offered
 * per vesicle (log) and start time; smallest final tumour with the
 * free-equivalent doxorubicin dose capped so that the cap binds.
 * With SUBJECTS, the robust version: the same problem over a virtual
 * population (doxorubicin clearance and MPS uptake 30 % CV, tumour growth
 * 25 %), the p90 of the final volume minimised and the p95 of the heart
 * dose capped.
 * Run: meson test -C build --benchmark -v, or
 *      build/tests/exopk-bench-optimize [threads [max_evaluations [SUBJECTS]]]. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fixture.h"

#define EXODOX 2
#define CAP_MG_PER_M2 2.0

static int
report(const ExopkOptPoint *best, long evaluations, void *data)
{
    (void) best, (void) evaluations, (void) data;
    return 0;   /* a progress callback as a GUI would pass, never cancelling */
}

int
main(int argc, char **argv)
{
    ExopkOptVariable vars[5] = {
        { .name = "dose", .lower = 1e10, .upper = 1e13, .log_scale = 1 },
        { .name = "every", .lower = 24, .upper = 168 },
        { .name = "count", .lower = 1, .upper = 8, .integer = 1 },
        { .name = "offered", .lower = 500, .upper = 20000, .log_scale = 1 },
        { .name = "at", .lower = 0, .upper = 72 },
    };
    ExopkOptConstraint cap = { .metric = "doxorubicin.free_equivalent_dose_mg_per_m2",
                               .min = NAN, .max = CAP_MG_PER_M2 };
    ExopkOptProblem p = { .arm = EXODOX, .vars = vars, .n_vars = 5,
                          .objective = "tumour_volume_final", .constraints = &cap,
                          .n_constraints = 1, .seed = 1, .max_evaluations = 4000,
                          .progress = report };
    ExopkStudy *s;
    static ExopkPopSpec spec;
    ExopkOptResult *r;
    ExopkError err;
    double value, slack, wall;
    long evals;

    exopk_init();
    exopk_tune_heap();      /* as the exopk programs run */
    if (argc > 1)
        p.threads = atoi(argv[1]);
    if (argc > 2)
        p.max_evaluations = atol(argv[2]);
    if (argc > 3 && atol(argv[3]) > 0) {
        static const char *const varied[] = { "doxorubicin.cl", "carrier.k_mps",
                                              "tumour.growth_rate" };
        static const double cvs[] = { 0.3, 0.3, 0.25 };
        for (size_t k = 0; k < 3; k++) {
            snprintf(spec.params[k].name, sizeof spec.params[k].name, "%s", varied[k]);
            spec.params[k].dist = EXOPK_DIST_LOG_NORMAL;
            spec.params[k].cv = cvs[k];
        }
        spec.n_params = 3;
        p.population = &spec;
        p.subjects = atol(argv[3]);
        p.population_seed = 1;
        p.statistic = "p90";
        snprintf(cap.statistic, sizeof cap.statistic, "p95");
    }
    s = fixture_default_study();
    p.study = s;
    r = exopk_optimize(&p, &err);
    if (r == NULL) {
        fprintf(stderr, "exopk-bench-optimize: %s\n", err.message);
        exopk_study_free(s);
        return 1;
    }
    evals = exopk_opt_result_evaluations(r);
    wall = exopk_opt_result_wall_time(r);
    exopk_opt_result_constraint(r, 0, &value, &slack);
    printf("problem      exodox arm: min tumour_volume_final, %s <= %g mg/m2\n", cap.metric,
           CAP_MG_PER_M2);
    printf("             5 variables (count 1..8 enumerated), algorithm auto, threads %s, "
           "budget %ld\n", p.threads > 0 ? argv[1] : "auto", p.max_evaluations);
    if (p.population != NULL)
        printf("population   %ld subjects: p90 of the volume, p95 of the heart dose\n",
               p.subjects);
    printf("status       %s\n", exopk_opt_result_status(r));
    printf("evaluations  %ld\n", evals);
    printf("wall time    %.3f s\n", wall);
    printf("evals/s      %.1f\n", evals / wall);
    printf("optimum      tumour_volume_final = %.6g mm3 (feasible %d)\n",
           exopk_opt_result_objective(r), exopk_opt_result_feasible(r));
    for (size_t i = 0; i < p.n_vars; i++)
        printf("             %-8s = %.6g\n", vars[i].name, exopk_opt_result_x(r)[i]);
    printf("constraint   %s = %.9g, slack %.3g (%.2g relative)\n", cap.metric, value, slack,
           slack / CAP_MG_PER_M2);
    exopk_opt_result_free(r);
    exopk_study_free(s);
    return 0;
}
