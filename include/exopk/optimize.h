/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: dose, schedule and loading optimisation on NLopt (docs/model.md §7).
 *
 * A problem varies names that exopk_study_set() understands ("dose",
 * "every", "at", "over", "count", "offered", "offered_<agent>" or a
 * parameter path) in one arm of a study, minimises or maximises one metric
 * of that arm, and bounds other metrics.  Every evaluation simulates the
 * arm (and the arm named "control" when a metric needs it, e.g. tgi_pct) on
 * a private copy of the study, so evaluations run in parallel threads.
 * Results are deterministic for a fixed seed whatever the thread count.
 */
#ifndef EXOPK_OPTIMIZE_H
#define EXOPK_OPTIMIZE_H

#include <stddef.h>
#include "error.h"
#include "population.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char name[128];            /* an exopk_study_set name */
    double lower, upper;       /* engine units (particles, h, molecules/vesicle, ...) */
    int log_scale;             /* search in log space; needs lower > 0 */
    int integer;               /* whole numbers only (e.g. "count"): enumerated */
} ExopkOptVariable;

typedef struct {
    char metric[128];
    double min, max;           /* NAN where there is no bound */
    char statistic[16];        /* with a population: "mean", "median" or "pNN" (e.g.
                                  "p95"); "" is the problem's statistic */
} ExopkOptConstraint;

/* One evaluated candidate. */
typedef struct {
    long evaluation;           /* 1-based, in the deterministic order (in a progress
                                  report: the count when the point was evaluated) */
    const double *x;           /* n_vars values, engine units (borrowed) */
    double objective;          /* the metric's value (not negated); NAN if the run failed */
    double violation;          /* sum of relative constraint violations (>= 1e6 for a
                                  failed run); feasible when <= 1e-8 */
} ExopkOptPoint;

typedef struct {
    const ExopkStudy *study;   /* borrowed, resolved; not modified */
    size_t arm;
    const ExopkOptVariable *vars;
    size_t n_vars;
    const char *objective;     /* a metric name */
    int maximize;              /* 0: minimise */
    const ExopkOptConstraint *constraints;
    size_t n_constraints;
    const char *algorithm;     /* NULL or "auto" (global sample, then local polish with
                                  constraints through COBYLA), or an NLopt name such as
                                  "LN_COBYLA", "LN_BOBYQA", "GN_DIRECT_L", "GN_ISRES",
                                  "AUGLAG:LN_BOBYQA" */
    unsigned long seed;        /* for stochastic algorithms and sampling */
    long max_evaluations;      /* 0: 2000 */
    double max_time;           /* s; 0: no limit */
    double xtol_rel;           /* 0: 1e-4 */
    double ftol_rel;           /* 0: 1e-6 */
    int threads;               /* 0: one per core */
    /* Called on the calling thread now and then with the best point so far
     * (NULL before the first feasible one) and the evaluations done;
     * nonzero cancels (the best point so far is returned, status
     * "cancelled").  May be NULL. */
    int (*progress)(const ExopkOptPoint *best, long evaluations, void *data);
    void *progress_data;
    /* Robust optimisation: with a population (population.h), the objective
     * and each constraint are statistics of the metric over @subjects
     * virtual subjects instead of the study's one subject, with common
     * random numbers: subject i has the same draw (seed, i) at every
     * candidate, so the objective is smooth in the variables.  A variable
     * the population also varies log-normally is the median of that
     * variability.  NULL: no population. */
    const ExopkPopSpec *population;
    long subjects;             /* 0: 200 */
    uint64_t population_seed;
    const char *statistic;     /* "mean" (NULL), "median" or "pNN" */
    /* Robust optimisation with the subjects evaluated elsewhere (e.g. over
     * MPI ranks, docs/mpi.md): when set, each candidate's subjects are
     * evaluated by @spread instead of in this process.  It fills @values
     * with the metrics of subjects 1..@n as exopk_opt_subjects_eval gives
     * them (bit for bit), the objective's first (subject j at values[j -
     * 1]), then each constraint's (at values[(1 + i) n + j - 1]), and
     * returns 0; 1 when a subject cannot be drawn, fails or lacks a metric
     * (the candidate fails, as in this process); -1 to cancel the search
     * (status "cancelled").  The search then runs on the calling thread
     * alone (@threads is ignored); the result is the same.  NULL: here. */
    int (*spread)(void *data, const double *x, long n, double *values);
    void *spread_data;
} ExopkOptProblem;

typedef struct ExopkOptResult ExopkOptResult;

/* EXOPK_EINVAL unless the bounds [@lower, @upper] of a variable named @name
 * lie in the physical domain of what it sets: a parameter path's domain
 * (include/exopk/study.h), dose, at, over and offered >= 0, every and
 * count > 0.  The message names the bound, @name and the domain.  Other
 * names pass (exopk_optimize rejects them with the nearest valid name).
 * exopk_optimize checks this too; editors call it to refuse a bound early. */
ExopkStatus exopk_opt_check_bounds(const ExopkStudy *study, const char *name, double lower,
                                   double upper, ExopkError *err);

/* Solves @p.  NULL + @err for bad input (EXOPK_EINVAL: unknown variable or
 * metric with the nearest valid name, bad bounds, unknown algorithm with
 * the valid ones), ENOMEM, or ESOLVER when NLopt rejects a named algorithm;
 * an infeasible problem or a limit reached is a result (see status), not an
 * error.  Integer variables are enumerated (at most 64 combinations), the
 * budget shared between the combinations.  (transfer full) */
ExopkOptResult *exopk_optimize(const ExopkOptProblem *p, ExopkError *err);
void exopk_opt_result_free(ExopkOptResult *r); /* NULL-safe */

size_t exopk_opt_result_n_vars(const ExopkOptResult *r);
const double *exopk_opt_result_x(const ExopkOptResult *r);     /* the optimum, borrowed */
double exopk_opt_result_objective(const ExopkOptResult *r);
int exopk_opt_result_feasible(const ExopkOptResult *r);
/* Constraint @i at the optimum: its value and slack (distance inside the
 * nearer bound, in the metric's unit; negative when violated; INFINITY
 * without bounds).  Either pointer may be NULL. */
void exopk_opt_result_constraint(const ExopkOptResult *r, size_t i, double *value, double *slack);
long exopk_opt_result_evaluations(const ExopkOptResult *r);
double exopk_opt_result_wall_time(const ExopkOptResult *r);  /* s */
/* "converged", "max evaluations", "max time", "cancelled", "infeasible" */
const char *exopk_opt_result_status(const ExopkOptResult *r);
size_t exopk_opt_result_n_trace(const ExopkOptResult *r);
const ExopkOptPoint *exopk_opt_result_trace(const ExopkOptResult *r, size_t i); /* borrowed */
/* A copy of the study with the optimum applied (transfer full). */
ExopkStudy *exopk_opt_result_dup_study(const ExopkOptResult *r);

/* The other side of ExopkOptProblem.spread: a robust problem's subjects,
 * evaluated anywhere (another process rebuilds @p from the same study,
 * population spec and settings).  @p is borrowed for the object's life.
 * NULL + @err as exopk_optimize for a bad problem, EXOPK_EINVAL without
 * a population.  (transfer full) */
typedef struct ExopkOptSubjects ExopkOptSubjects;
ExopkOptSubjects *exopk_opt_subjects_new(const ExopkOptProblem *p, ExopkError *err);
/* Subjects @first .. @first + @count - 1 (1-based) of the candidate @x
 * (n_vars values, engine units): their metrics into @values, 1 +
 * n_constraints doubles a subject (the objective's, then each
 * constraint's), the values exopk_optimize computes for them.  0; 1 when
 * a subject cannot be drawn, fails or lacks a metric (the candidate
 * fails).  One caller at a time. */
int exopk_opt_subjects_eval(ExopkOptSubjects *s, const double *x, long first, long count,
                            double *values);
void exopk_opt_subjects_free(ExopkOptSubjects *s); /* NULL-safe */

/* Pareto front by an epsilon-constraint sweep: @n_points (>= 2) points,
 * the two single-objective optima and, between them, @p's objective
 * optimised with @second bounded (max when @maximize_second is 0, else
 * min) at n_points - 2 levels evenly spaced between its values at those
 * optima.  Each point is a full exopk_optimize(); @p's own constraints
 * still hold.  NULL + @err as exopk_optimize(), or EXOPK_ECANCELLED when
 * @p's progress callback cancels.  (transfer full) */
typedef struct ExopkParetoFront ExopkParetoFront;
ExopkParetoFront *exopk_pareto(const ExopkOptProblem *p, const char *second, int maximize_second,
                               size_t n_points, ExopkError *err);
void exopk_pareto_free(ExopkParetoFront *f); /* NULL-safe */
size_t exopk_pareto_n_points(const ExopkParetoFront *f);
/* Point @i (sorted by the first metric): its x (n_vars, borrowed), both
 * metrics, and whether every constraint held. */
const double *exopk_pareto_x(const ExopkParetoFront *f, size_t i);
double exopk_pareto_first(const ExopkParetoFront *f, size_t i);
double exopk_pareto_second(const ExopkParetoFront *f, size_t i);
int exopk_pareto_feasible(const ExopkParetoFront *f, size_t i);

#ifdef __cplusplus
}
#endif
#endif
