/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Optimisation tests (docs/model.md §7): an analytic optimum from the linear
 * free-drug model, a brute-force grid, integer enumeration, constraints,
 * determinism across thread counts, cancellation and limits, every input
 * error, and a Pareto front. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "fixture.h"

#define EXODOX 2   /* arm of fixture_default_study() */

static ExopkOptVariable
var(const char *name, double lower, double upper, int log_scale, int integer)
{
    ExopkOptVariable v = { .lower = lower, .upper = upper, .log_scale = log_scale,
                           .integer = integer };
    snprintf(v.name, sizeof v.name, "%s", name);
    return v;
}

static ExopkOptConstraint
cons(const char *metric, double min, double max)
{
    ExopkOptConstraint c = { .min = min, .max = max };
    snprintf(c.metric, sizeof c.metric, "%s", metric);
    return c;
}

static ExopkOptResult *
optimize_ok(const ExopkOptProblem *p)
{
    ExopkError err;
    ExopkOptResult *r = exopk_optimize(p, &err);

    if (r == NULL)
        ck_abort_msg("optimize: %s", err.message);
    return r;
}

static double
metric_at(const ExopkStudy *s, size_t arm, const char *name)
{
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, arm, NULL, &err);
    double v;

    if (r == NULL)
        ck_abort_msg("simulate: %s", err.message);
    ck_assert_msg(exopk_result_metric(r, name, &v) == 0, "no metric %s", name);
    exopk_result_free(r);
    return v;
}

/* The healthy subject with one free doxorubicin bolus of 1 nmol (arm 0). */
static ExopkStudy *
free_bolus_study(void)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose d = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_NMOL, .amount = 1.0 };

    ck_assert_int_eq(exopk_study_add_arm(s, "free", &d, 1), 0);
    fixture_resolve(s);
    return s;
}

/* ---- 1. an optimum known from the linear model ---- */

/* The free-drug model is linear in the dose, so plasma_auc(d) = d AUC1 and
 * heart_auc increases with d: the least heart exposure with plasma_auc >= A
 * is at d* = A / AUC1, on the constraint. */
START_TEST(linear_model_optimum)
{
    ExopkStudy *s = free_bolus_study();
    double auc1 = metric_at(s, 0, "doxorubicin.plasma_auc");
    const double a = 41.73 * auc1, d_star = a / auc1;
    ExopkOptVariable v = var("dose", 1, 1000, 1, 0);
    ExopkOptConstraint c = cons("doxorubicin.plasma_auc", a, NAN);
    ExopkOptProblem p = { .study = s, .arm = 0, .vars = &v, .n_vars = 1,
                          .objective = "doxorubicin.heart_auc", .constraints = &c,
                          .n_constraints = 1, .seed = 7 };
    ExopkOptResult *r = optimize_ok(&p);
    double value, slack;

    /* linearity itself, at the optimum dose */
    {
        ExopkStudy *t = exopk_study_copy(s);
        ck_assert_int_eq(exopk_study_set(t, 0, "dose", d_star, NULL), EXOPK_OK);
        ck_assert_double_eq_tol(metric_at(t, 0, "doxorubicin.plasma_auc") / a, 1.0, 1e-5);
        exopk_study_free(t);
    }
    ck_assert_msg(fabs(exopk_opt_result_x(r)[0] - d_star) / d_star < 1e-3,
                  "dose %.9g, expected %.9g (%s, %ld evaluations)", exopk_opt_result_x(r)[0],
                  d_star, exopk_opt_result_status(r), exopk_opt_result_evaluations(r));
    ck_assert(exopk_opt_result_feasible(r));
    exopk_opt_result_constraint(r, 0, &value, &slack);
    ck_assert_msg(slack >= -1e-6 * a, "slack %g of %g", slack, a);
    ck_assert_double_eq_tol(value - a, slack, 1e-12 * a);
    ck_assert_str_eq(exopk_opt_result_status(r), "converged");
    ck_assert_int_le(exopk_opt_result_evaluations(r), 2000);
    ck_assert_int_eq(exopk_opt_result_n_trace(r), exopk_opt_result_evaluations(r));
    /* the objective reported is the metric at the optimum */
    {
        ExopkStudy *t = exopk_opt_result_dup_study(r);
        ck_assert_double_eq_tol(metric_at(t, 0, "doxorubicin.heart_auc"),
                                exopk_opt_result_objective(r), 1e-9 * exopk_opt_result_objective(r));
        exopk_study_free(t);
    }
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- 2. a brute-force grid ---- */

/* Final tumour volume over dose (log) and interval on the exodox arm: it
 * falls with the dose and has an interior minimum in the interval (about
 * 130 h at the top dose).  The optimiser searches the continuum, so it must
 * do at least as well as the best of 15 x 15 grid points, up to the noise
 * of the integrator (rtol 1e-6; 1e-5 relative leaves a factor 10), and lie
 * within one grid step of it. */
START_TEST(matches_brute_force_grid)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v[2] = { var("dose", 1e11, 1e12, 1, 0), var("every", 48, 144, 0, 0) };
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .seed = 1 };
    const int n = 15;
    double best = INFINITY, bu[2] = { 0, 0 }, u[2];
    ExopkOptResult *r;

    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            ExopkStudy *t = exopk_study_copy(s);
            double ui = (double) i / (n - 1), uj = (double) j / (n - 1), f;
            ck_assert_int_eq(exopk_study_set(t, EXODOX, "dose", pow(10, 11 + ui), NULL), 0);
            ck_assert_int_eq(exopk_study_set(t, EXODOX, "every", 48 + 96 * uj, NULL), 0);
            f = metric_at(t, EXODOX, "tumour_volume_final");
            if (f < best)
                best = f, bu[0] = ui, bu[1] = uj;
            exopk_study_free(t);
        }
    r = optimize_ok(&p);
    u[0] = log10(exopk_opt_result_x(r)[0]) - 11;
    u[1] = (exopk_opt_result_x(r)[1] - 48) / 96;
    ck_assert_msg(fabs(u[0] - bu[0]) <= 1.0 / (n - 1) && fabs(u[1] - bu[1]) <= 1.0 / (n - 1),
                  "optimum (%g, %g) vs grid (%g, %g)", exopk_opt_result_x(r)[0],
                  exopk_opt_result_x(r)[1], pow(10, 11 + bu[0]), 48 + 96 * bu[1]);
    ck_assert_msg(exopk_opt_result_objective(r) <= best + 1e-5 * best, "%.9g vs grid %.9g",
                  exopk_opt_result_objective(r), best);
    /* an interior optimum in the interval, so the search did more than hit a corner */
    ck_assert(exopk_opt_result_x(r)[1] > 48 + 1 && exopk_opt_result_x(r)[1] < 144 - 1);
    ck_assert(exopk_opt_result_feasible(r));
    ck_assert_str_eq(exopk_opt_result_status(r), "converged");
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- 3. integer enumeration ---- */

START_TEST(integer_count_enumerated)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v = var("count", 1, 4, 0, 1);
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = &v, .n_vars = 1,
                          .objective = "tumour_volume_final" };
    ExopkOptResult *r = optimize_ok(&p);

    /* more doses, smaller tumour: the top of the range; one run per count */
    ck_assert_double_eq(exopk_opt_result_x(r)[0], 4);
    ck_assert_int_eq(exopk_opt_result_evaluations(r), 4);
    for (size_t i = 0; i < 4; i++)
        ck_assert_double_eq(exopk_opt_result_trace(r, i)->x[0], (double) (i + 1));
    for (size_t i = 1; i < 4; i++)
        ck_assert(exopk_opt_result_trace(r, i)->objective <
                  exopk_opt_result_trace(r, i - 1)->objective);
    ck_assert_str_eq(exopk_opt_result_status(r), "converged");
    exopk_opt_result_free(r);

    p.maximize = 1;
    r = optimize_ok(&p);
    ck_assert_double_eq(exopk_opt_result_x(r)[0], 1);
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(integer_with_continuous)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v[2] = { var("dose", 1e11, 1e12, 1, 0), var("count", 1.5, 4.2, 0, 1) };
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .max_evaluations = 300 };
    ExopkOptResult *r = optimize_ok(&p);
    int seen[5] = { 0 };

    /* whole values only, 2..4; the largest count and dose win */
    for (size_t i = 0; i < exopk_opt_result_n_trace(r); i++) {
        double c = exopk_opt_result_trace(r, i)->x[1];
        ck_assert(c == 2 || c == 3 || c == 4);
        seen[(int) c] = 1;
    }
    ck_assert(seen[2] && seen[3] && seen[4]);
    ck_assert_double_eq(exopk_opt_result_x(r)[1], 4);
    ck_assert_msg(exopk_opt_result_x(r)[0] > 1e12 * (1 - 1e-3), "dose %g",
                  exopk_opt_result_x(r)[0]);
    ck_assert_int_le(exopk_opt_result_evaluations(r), 300);
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- 4. constraints ---- */

/* Smallest tumour with heart exposure capped: the cap binds (the dose
 * that minimises the tumour alone gives a heart AUC of several thousand). */
START_TEST(constraint_met_at_optimum)
{
    ExopkStudy *s = fixture_default_study(), *t;
    const double cap = 300;
    ExopkOptVariable v[2] = { var("dose", 1e10, 1e13, 1, 0), var("offered", 500, 20000, 1, 0) };
    ExopkOptConstraint c[2] = { cons("doxorubicin.heart_auc", NAN, cap),
                                cons("tumour_pct_id_max", NAN, NAN) };
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .constraints = c,
                          .n_constraints = 2, .max_evaluations = 600, .seed = 3 };
    ExopkOptResult *r = optimize_ok(&p);
    double value, slack, free_f;

    ck_assert(exopk_opt_result_feasible(r));
    exopk_opt_result_constraint(r, 0, &value, &slack);
    ck_assert_msg(slack >= -1e-6 * cap && slack <= 1e-3 * cap, "heart AUC %.9g (cap %g)", value,
                  cap);
    ck_assert_double_eq_tol(cap - value, slack, 1e-9 * cap);
    exopk_opt_result_constraint(r, 1, &value, &slack);
    ck_assert(isinf(slack) && slack > 0);   /* no bound: always satisfied */
    /* the returned study reproduces the optimum */
    t = exopk_opt_result_dup_study(r);
    exopk_opt_result_constraint(r, 0, &value, NULL);
    ck_assert_double_eq_tol(metric_at(t, EXODOX, "doxorubicin.heart_auc"), value, 1e-9 * cap);
    ck_assert_double_eq_tol(metric_at(t, EXODOX, "tumour_volume_final"),
                            exopk_opt_result_objective(r), 1e-9 * exopk_opt_result_objective(r));
    exopk_study_free(t);
    /* and the cap costs tumour control: unconstrained is better */
    p.n_constraints = 0;
    {
        ExopkOptResult *u = optimize_ok(&p);
        free_f = exopk_opt_result_objective(u);
        exopk_opt_result_free(u);
    }
    ck_assert(free_f < exopk_opt_result_objective(r));
    /* every trace point's violation agrees with the bound */
    for (size_t i = 0; i < exopk_opt_result_n_trace(r); i++)
        ck_assert(exopk_opt_result_trace(r, i)->violation >= 0);
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* tgi_pct exists only against the control arm: simulated on demand. */
START_TEST(comparative_metric)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v = var("dose", 1e10, 1e12, 1, 0);
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = &v, .n_vars = 1,
                          .objective = "tgi_pct", .maximize = 1, .max_evaluations = 120 };
    ExopkOptResult *r = optimize_ok(&p);
    ExopkStudy *t = exopk_opt_result_dup_study(r);
    ExopkResult *res[3] = { NULL, NULL, NULL };
    double tgi;

    ck_assert_msg(exopk_opt_result_x(r)[0] > 1e12 * (1 - 1e-3), "dose %g",
                  exopk_opt_result_x(r)[0]);
    res[0] = exopk_simulate(t, 0, NULL, NULL);
    res[EXODOX] = exopk_simulate(t, EXODOX, NULL, NULL);
    exopk_results_compare(t, res);
    ck_assert_int_eq(exopk_result_metric(res[EXODOX], "tgi_pct", &tgi), 0);
    ck_assert_double_eq_tol(exopk_opt_result_objective(r), tgi, 1e-9 * fabs(tgi));
    exopk_result_free(res[0]);
    exopk_result_free(res[EXODOX]);
    exopk_study_free(t);
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* Named NLopt algorithms, with constraints natively or through AUGLAG. */
START_TEST(named_algorithms)
{
    static const char *const algs[] = { "LN_COBYLA", "GN_ISRES", "LN_BOBYQA", "GN_DIRECT_L",
                                        "AUGLAG:LN_SBPLX", "GN_ORIG_DIRECT_L" };
    ExopkStudy *s = fixture_default_study();
    const double cap = 300;
    ExopkOptVariable v[2] = { var("dose", 1e10, 1e13, 1, 0), var("offered", 500, 20000, 1, 0) };
    ExopkOptConstraint c = cons("doxorubicin.heart_auc", NAN, cap);
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .constraints = &c,
                          .n_constraints = 1, .max_evaluations = 300, .seed = 11 };

    for (size_t i = 0; i < sizeof algs / sizeof *algs; i++) {
        ExopkOptResult *r;
        double value, slack;
        p.algorithm = algs[i];
        r = optimize_ok(&p);
        ck_assert_int_le(exopk_opt_result_evaluations(r), 300);
        ck_assert_int_gt(exopk_opt_result_evaluations(r), 10);
        ck_assert_msg(exopk_opt_result_feasible(r), "%s: infeasible", algs[i]);
        exopk_opt_result_constraint(r, 0, &value, &slack);
        ck_assert_msg(slack >= -1e-6 * cap, "%s: heart AUC %g", algs[i], value);
        exopk_opt_result_free(r);
    }
    exopk_study_free(s);
}
END_TEST

/* ---- 5. determinism ---- */

static void
assert_same_run(const ExopkOptResult *a, const ExopkOptResult *b)
{
    size_t nv = exopk_opt_result_n_vars(a);

    ck_assert_int_eq(exopk_opt_result_n_trace(a), exopk_opt_result_n_trace(b));
    ck_assert_int_eq(exopk_opt_result_evaluations(a), exopk_opt_result_evaluations(b));
    for (size_t i = 0; i < exopk_opt_result_n_trace(a); i++) {
        const ExopkOptPoint *pa = exopk_opt_result_trace(a, i), *pb = exopk_opt_result_trace(b, i);
        ck_assert_int_eq(pa->evaluation, (long) i + 1);
        ck_assert_int_eq(pa->evaluation, pb->evaluation);
        ck_assert_msg(memcmp(pa->x, pb->x, nv * sizeof *pa->x) == 0, "x differs at %zu", i);
        ck_assert_msg(memcmp(&pa->objective, &pb->objective, sizeof pa->objective) == 0 &&
                      memcmp(&pa->violation, &pb->violation, sizeof pa->violation) == 0,
                      "values differ at %zu", i);
    }
    ck_assert(memcmp(exopk_opt_result_x(a), exopk_opt_result_x(b), nv * sizeof(double)) == 0);
    ck_assert(exopk_opt_result_objective(a) == exopk_opt_result_objective(b));
    ck_assert_str_eq(exopk_opt_result_status(a), exopk_opt_result_status(b));
}

START_TEST(deterministic_across_threads)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v[2] = { var("dose", 1e10, 1e13, 1, 0), var("every", 24, 144, 0, 0) };
    ExopkOptConstraint c = cons("doxorubicin.heart_auc", NAN, 500);
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .constraints = &c,
                          .n_constraints = 1, .max_evaluations = 250, .seed = 42 };
    ExopkOptResult *a, *b;

    p.threads = 1;
    a = optimize_ok(&p);
    p.threads = 2;
    b = optimize_ok(&p);
    assert_same_run(a, b);
    exopk_opt_result_free(b);
    p.threads = 3;     /* more threads than cores, fewer than starts */
    b = optimize_ok(&p);
    assert_same_run(a, b);
    exopk_opt_result_free(a);
    exopk_opt_result_free(b);

    /* a stochastic NLopt algorithm: same seed, same run; another seed, another */
    p.algorithm = "GN_ISRES";
    p.max_evaluations = 120;
    p.threads = 1;
    a = optimize_ok(&p);
    p.threads = 2;
    b = optimize_ok(&p);
    assert_same_run(a, b);
    exopk_opt_result_free(b);
    p.seed = 43;
    b = optimize_ok(&p);
    ck_assert(memcmp(exopk_opt_result_trace(a, 1)->x, exopk_opt_result_trace(b, 1)->x,
                     2 * sizeof(double)) != 0);
    exopk_opt_result_free(a);
    exopk_opt_result_free(b);
    exopk_study_free(s);
}
END_TEST

/* ---- 6. cancellation and limits ---- */

typedef struct {
    long cancel_at;      /* evaluations */
    int calls;
    long last_evaluations;
    int saw_best;
} Watch;

static int
watch_progress(const ExopkOptPoint *best, long evaluations, void *data)
{
    Watch *w = data;

    w->calls++;
    ck_assert_int_ge(evaluations, w->last_evaluations);
    w->last_evaluations = evaluations;
    if (best != NULL) {
        w->saw_best = 1;
        ck_assert(best->violation <= 1e-8 && isfinite(best->objective));
    }
    return evaluations >= w->cancel_at;
}

START_TEST(cancel_from_progress)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v[2] = { var("dose", 1e10, 1e13, 1, 0), var("every", 24, 144, 0, 0) };
    Watch w = { .cancel_at = 0 };
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .threads = 2,
                          .progress = watch_progress, .progress_data = &w };
    ExopkOptResult *r = optimize_ok(&p);
    long n_full;

    /* the first progress call comes after one parallel chunk (8 per thread) */
    ck_assert_str_eq(exopk_opt_result_status(r), "cancelled");
    ck_assert_int_eq(w.calls, 1);
    ck_assert_int_ge(exopk_opt_result_evaluations(r), 1);
    ck_assert_int_le(exopk_opt_result_evaluations(r), 16);
    ck_assert(isfinite(exopk_opt_result_objective(r)));   /* the best so far */
    exopk_opt_result_free(r);

    /* cancelled during the local polish (the sample has 128 points; tight
     * tolerances make the polish long): the run ends well before the
     * uncancelled one.  Progress comes every 8 evaluations of each worker,
     * so the cancel lands within a few dozen evaluations; valgrind's
     * thread scheduler makes that a few more, hence the wide margin. */
    p.xtol_rel = 1e-9;
    p.ftol_rel = 1e-13;
    p.progress = NULL;
    r = optimize_ok(&p);
    n_full = exopk_opt_result_evaluations(r);
    ck_assert_str_eq(exopk_opt_result_status(r), "converged");
    exopk_opt_result_free(r);
    ck_assert_int_gt(n_full, 300);
    w = (Watch) { .cancel_at = 140 };
    p.progress = watch_progress;
    r = optimize_ok(&p);
    ck_assert_str_eq(exopk_opt_result_status(r), "cancelled");
    ck_assert_int_ge(exopk_opt_result_evaluations(r), 140);
    ck_assert_int_lt(exopk_opt_result_evaluations(r), n_full - 100);
    ck_assert(w.saw_best);
    exopk_opt_result_free(r);
    p.xtol_rel = p.ftol_rel = 0;

    /* a named algorithm reports from inside NLopt's loop */
    w = (Watch) { .cancel_at = 20 };
    p.algorithm = "GN_DIRECT_L";
    r = optimize_ok(&p);
    ck_assert_str_eq(exopk_opt_result_status(r), "cancelled");
    ck_assert_int_le(exopk_opt_result_evaluations(r), 20 + 8);
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(limits_are_results)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v[2] = { var("dose", 1e10, 1e13, 1, 0), var("every", 24, 144, 0, 0) };
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 2,
                          .objective = "tumour_volume_final", .max_evaluations = 20 };
    ExopkOptConstraint c = cons("doxorubicin.heart_auc", NAN, 1e-3);
    ExopkOptResult *r = optimize_ok(&p);

    ck_assert_str_eq(exopk_opt_result_status(r), "max evaluations");
    ck_assert_int_eq(exopk_opt_result_evaluations(r), 20);
    exopk_opt_result_free(r);

    p.max_evaluations = 100000;
    p.max_time = 0.05;
    r = optimize_ok(&p);
    ck_assert_str_eq(exopk_opt_result_status(r), "max time");
    /* without the limit, 100000 evaluations would take minutes; 2 s
     * leaves room for valgrind finishing the runs in flight */
    ck_assert_msg(exopk_opt_result_wall_time(r) < 2.0, "%g s",
                  exopk_opt_result_wall_time(r));
    exopk_opt_result_free(r);

    /* an impossible cap: a result, not an error */
    p.max_time = 0;
    p.max_evaluations = 100;
    p.constraints = &c;
    p.n_constraints = 1;
    r = optimize_ok(&p);
    ck_assert_str_eq(exopk_opt_result_status(r), "infeasible");
    ck_assert(!exopk_opt_result_feasible(r));
    {
        double value, slack;
        exopk_opt_result_constraint(r, 0, &value, &slack);
        ck_assert(slack < 0);
        /* the least violation wins: the smallest dose */
        ck_assert_double_eq_tol(exopk_opt_result_x(r)[0], 1e10, 1e10 * 1e-2);
    }
    exopk_opt_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- 7. input errors ---- */

static void
assert_einval(const ExopkOptProblem *p, const char *needle)
{
    ExopkError err = { 0 };
    ExopkOptResult *r = exopk_optimize(p, &err);

    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, needle) != NULL, "\"%s\" not in \"%s\"", needle,
                  err.message);
}

START_TEST(input_errors)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v[3] = { var("dose", 1e10, 1e12, 1, 0), var("count", 1, 8, 0, 1),
                              var("every", 24, 96, 0, 0) };
    ExopkOptConstraint c = cons("doxorubicin.heart_auc", NAN, 300);
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = v, .n_vars = 1,
                          .objective = "tumour_volume_final", .constraints = &c,
                          .n_constraints = 1 };

    snprintf(v[0].name, sizeof v[0].name, "dse");
    assert_einval(&p, "did you mean \"dose\"");
    snprintf(v[0].name, sizeof v[0].name, "carrier.k_ptt");
    assert_einval(&p, "carrier.k_pt");
    snprintf(v[0].name, sizeof v[0].name, "dose");
    p.objective = "tumour_volume_fnal";
    assert_einval(&p, "did you mean \"tumour_volume_final\"");
    p.objective = NULL;
    assert_einval(&p, "objective");
    p.objective = "tumour_volume_final";
    snprintf(c.metric, sizeof c.metric, "doxorubicin.heart_acu");
    assert_einval(&p, "did you mean \"doxorubicin.heart_auc\"");
    snprintf(c.metric, sizeof c.metric, "doxorubicin.heart_auc");
    c.min = 400;
    assert_einval(&p, "min 400 > max 300");
    c.min = NAN;
    v[0].lower = 1e12;
    assert_einval(&p, "lower < upper");
    v[0].lower = -1;
    assert_einval(&p, "log scale needs lower > 0");
    v[0].lower = 1e10;
    p.algorithm = "LN_COBYLAX";
    assert_einval(&p, "did you mean \"LN_COBYLA\"");
    assert_einval(&p, "GN_ISRES");     /* the valid ones are listed */
    p.algorithm = "LD_MMA";
    assert_einval(&p, "needs gradients");
    p.algorithm = "AUGLAG:XX";
    assert_einval(&p, "unknown algorithm");
    p.algorithm = NULL;
    /* 8 x 8 x 8 combinations of counts */
    {
        ExopkOptVariable w[3] = { var("count", 1, 8, 0, 1), var("count", 1, 8, 0, 1),
                                  var("count", 1, 8, 0, 1) };
        p.vars = w;
        p.n_vars = 3;
        assert_einval(&p, "more than 64 combinations");
        w[2] = var("count", 1.2, 1.8, 0, 1);
        assert_einval(&p, "no whole number");
    }
    p.vars = v;
    p.n_vars = 1;
    p.arm = 7;
    assert_einval(&p, "arm 7");
    p.arm = EXODOX;
    /* a value the study rejects: count > 1 on an arm without an interval */
    {
        ExopkStudy *t = exopk_study_copy(s);
        ExopkOptVariable w = var("at", -5, 10, 0, 0);
        p.study = t;
        p.vars = &w;
        assert_einval(&p, "variable 0: the lower bound -5 h is outside the domain of at "
                          "(must be >= 0)");
        exopk_study_free(t);
    }
    p.study = s;
    p.vars = v;
    /* bounds outside a parameter's domain, named before any run */
    {
        ExopkOptVariable w = var("carrier.k_pt", -0.5, 1, 0, 0);
        p.vars = &w;
        assert_einval(&p, "variable 0: the lower bound -0.5 1/h is outside the domain of "
                          "carrier.k_pt (must be >= 0)");
        w = var("doxorubicin.f_esc", 0.1, 2, 0, 0);
        assert_einval(&p, "variable 0: the upper bound 2 is outside the domain of "
                          "doxorubicin.f_esc (must be between 0 and 1)");
        w = var("every", 0, 48, 0, 0);
        assert_einval(&p, "the lower bound 0 h is outside the domain of every (must be > 0)");
        /* inside the domain, refused by the study: K at or below 100 mm3 */
        w = var("tumour.capacity", 50, 1000, 0, 0);
        assert_einval(&p, "must be above 100 mm3");
        p.vars = v;
    }
    /* tgi_pct without a control arm */
    {
        ExopkStudy *t = fixture_study(1);
        ExopkDosingLine l = { .dose = { .formulation = 0, .agent = -1, .route = EXOPK_ROUTE_IV,
                                        .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 },
                              .every = 72, .count = 2 };
        exopk_study_add_arm_lines(t, "exodox", &l, 1);
        fixture_resolve(t);
        p.study = t;
        p.arm = 0;
        p.objective = "tgi_pct";
        assert_einval(&p, "needs an arm named \"control\"");
        exopk_study_free(t);
    }
    {
        ExopkError err = { 0 };
        ck_assert_ptr_null(exopk_optimize(NULL, &err));
        ck_assert_int_eq(err.code, EXOPK_EINVAL);
        ck_assert_ptr_null(exopk_optimize(NULL, NULL));   /* err is optional */
    }
    exopk_opt_result_free(NULL);
    exopk_pareto_free(NULL);
    exopk_study_free(s);
}
END_TEST

/* ---- 8. Pareto front ---- */

/* Tumour volume against heart exposure, dose the only variable: more dose,
 * a smaller tumour and more heart exposure, so the front runs from the
 * smallest dose (least heart AUC) to the largest (smallest tumour). */
START_TEST(pareto_front_monotone)
{
    ExopkStudy *s = fixture_default_study();
    ExopkOptVariable v = var("dose", 1e10, 1e13, 1, 0);
    ExopkOptProblem p = { .study = s, .arm = EXODOX, .vars = &v, .n_vars = 1,
                          .objective = "tumour_volume_final", .max_evaluations = 150 };
    ExopkError err;
    ExopkParetoFront *f = exopk_pareto(&p, "doxorubicin.heart_auc", 0, 5, &err);
    size_t n;

    ck_assert_msg(f != NULL, "%s", f ? "" : err.message);
    n = exopk_pareto_n_points(f);
    ck_assert_int_eq(n, 5);
    for (size_t i = 0; i < n; i++) {
        ck_assert(exopk_pareto_feasible(f, i));
        if (i > 0) {
            ck_assert_msg(exopk_pareto_first(f, i) > exopk_pareto_first(f, i - 1) &&
                          exopk_pareto_second(f, i) < exopk_pareto_second(f, i - 1),
                          "point %zu: (%g, %g) after (%g, %g)", i, exopk_pareto_first(f, i),
                          exopk_pareto_second(f, i), exopk_pareto_first(f, i - 1),
                          exopk_pareto_second(f, i - 1));
            ck_assert(exopk_pareto_x(f, i)[0] < exopk_pareto_x(f, i - 1)[0]);
        }
    }
    /* the ends are the single-objective optima: the box ends */
    ck_assert_double_eq_tol(exopk_pareto_x(f, 0)[0] / 1e13, 1, 1e-3);
    ck_assert_double_eq_tol(exopk_pareto_x(f, n - 1)[0] / 1e10, 1, 1e-3);
    /* the levels are evenly spaced in the second metric */
    {
        double lo = exopk_pareto_second(f, n - 1), hi = exopk_pareto_second(f, 0);
        for (size_t i = 1; i + 1 < n; i++)
            ck_assert_double_eq_tol(exopk_pareto_second(f, i),
                                    hi - (hi - lo) * (double) i / (double) (n - 1),
                                    1e-3 * (hi - lo));
    }
    exopk_pareto_free(f);

    /* cancelled: no front */
    {
        Watch w = { .cancel_at = 0 };
        p.progress = watch_progress;
        p.progress_data = &w;
        ck_assert_ptr_null(exopk_pareto(&p, "doxorubicin.heart_auc", 0, 5, &err));
        ck_assert_int_eq(err.code, EXOPK_ECANCELLED);
        ck_assert_int_eq(w.calls, 1);
        p.progress = NULL;
    }
    ck_assert_ptr_null(exopk_pareto(&p, "doxorubicin.heart_auc", 0, 1, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_ptr_null(exopk_pareto(&p, "heart_auc", 0, 4, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "doxorubicin.heart_auc"));
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("optimize");
    TCase *tc = tcase_create("optimize");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, linear_model_optimum);
    tcase_add_test(tc, matches_brute_force_grid);
    tcase_add_test(tc, integer_count_enumerated);
    tcase_add_test(tc, integer_with_continuous);
    tcase_add_test(tc, constraint_met_at_optimum);
    tcase_add_test(tc, comparative_metric);
    tcase_add_test(tc, named_algorithms);
    tcase_add_test(tc, deterministic_across_threads);
    tcase_add_test(tc, cancel_from_progress);
    tcase_add_test(tc, limits_are_results);
    tcase_add_test(tc, input_errors);
    tcase_add_test(tc, pareto_front_monotone);
    suite_add_tcase(s, tc);
    return s;
}
