/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dose, schedule and loading optimisation (docs/model.md §7) on NLopt.
 *
 * The arm (and the control arm, for metrics compared with it) is compiled
 * once; every candidate is a parameter vector run in a simulation
 * workspace of its own, so evaluations are independent and run in
 * parallel threads.  The search
 * works on the continuous variables normalised to [0,1] (log10 space for
 * log-scaled ones); integer variables are enumerated and the continuous
 * search runs once per combination.
 *
 * "auto": (1) an unscrambled Sobol sample of each combination's box (at
 * least 16 per dimension + 16 points), all combinations pooled and
 * evaluated by a pool of threads, results stored by index; (2) LN_COBYLA
 * polishes from the best few distinct sample points of each combination
 * (up to 4; 16 in all), every start in its own nlopt_opt with a fixed
 * share of the budget, all starts pooled in the threads while the calling
 * thread reports progress.  Nothing in either phase depends on the thread
 * count or on timing, so the trace (per combination: the sample in index
 * order, then each start's evaluations in start order) and the optimum
 * are the same for any number of threads.  A named NLopt algorithm runs on the
 * calling thread under one process-wide lock, with nlopt_srand(seed) right
 * before it: NLopt's random state is process-wide.
 *
 * Failed evaluations (a failed simulation, an absent metric) are recorded
 * with objective NAN and a large violation; the NLopt callbacks then
 * return a penalty instead, so one bad point never stops the search.
 */
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_qrng.h>
#include <nlopt.h>

#include "exopk/model.h"
#include "exopk/optimize.h"
#include "exopk/sim.h"
#include "exopk/units.h"
#include "optimize-pop.h"
#include "sim-private.h"

#define DEFAULT_MAX_EVALUATIONS 2000
#define DEFAULT_XTOL_REL 1e-4
#define DEFAULT_FTOL_REL 1e-6
#define MAX_COMBINATIONS 64     /* integer combinations enumerated */
#define MAX_THREADS 64
#define N_STARTS 4              /* local polishes in "auto" */
#define START_SEPARATION 0.1    /* min. max-norm distance between starts (normalised) */
/* Violation below this (relative to the bounds) counts as feasible: the
 * simulation is accurate to rtol 1e-6, and COBYLA ends on the boundary
 * within rounding, not strictly inside it. */
#define FEASIBILITY_TOL 1e-8
#define FAIL_VIOLATION 1e6      /* per failed evaluation, absent metric */
#define LOCAL_PROGRESS_EVERY 8  /* local evaluations between progress calls */
#define MONITOR_WAKE_NS 100000000L /* 0.1 s: the calling thread checks max_time */

/* NLopt's random state is process-wide: one named algorithm at a time. */
static pthread_mutex_t nlopt_rand_lock = PTHREAD_MUTEX_INITIALIZER;

enum { STOP_NONE = 0, STOP_CANCELLED, STOP_TIME };
enum { END_CONVERGED = 0, END_MAX_EVALUATIONS };

typedef struct {
    const char *name;
    nlopt_algorithm alg;
    int constraints;        /* takes nonlinear inequality constraints */
} AlgInfo;

/* The derivative-free algorithms of NLopt that honour bounds. */
static const AlgInfo ALGORITHMS[] = {
    { "LN_COBYLA", NLOPT_LN_COBYLA, 1 },
    { "LN_BOBYQA", NLOPT_LN_BOBYQA, 0 },
    { "LN_NEWUOA_BOUND", NLOPT_LN_NEWUOA_BOUND, 0 },
    { "LN_NELDERMEAD", NLOPT_LN_NELDERMEAD, 0 },
    { "LN_SBPLX", NLOPT_LN_SBPLX, 0 },
    { "GN_DIRECT", NLOPT_GN_DIRECT, 0 },
    { "GN_DIRECT_L", NLOPT_GN_DIRECT_L, 0 },
    { "GN_DIRECT_L_RAND", NLOPT_GN_DIRECT_L_RAND, 0 },
    { "GN_DIRECT_NOSCAL", NLOPT_GN_DIRECT_NOSCAL, 0 },
    { "GN_DIRECT_L_NOSCAL", NLOPT_GN_DIRECT_L_NOSCAL, 0 },
    { "GN_DIRECT_L_RAND_NOSCAL", NLOPT_GN_DIRECT_L_RAND_NOSCAL, 0 },
    { "GN_ORIG_DIRECT", NLOPT_GN_ORIG_DIRECT, 1 },
    { "GN_ORIG_DIRECT_L", NLOPT_GN_ORIG_DIRECT_L, 1 },
    { "GN_CRS2_LM", NLOPT_GN_CRS2_LM, 0 },
    { "GN_ISRES", NLOPT_GN_ISRES, 1 },
    { "GN_ESCH", NLOPT_GN_ESCH, 0 },
};
#define N_ALGORITHMS (sizeof ALGORITHMS / sizeof *ALGORITHMS)

typedef struct {
    int is_auto;
    const AlgInfo *alg;     /* the named algorithm */
    const AlgInfo *sub;     /* its AUGLAG subsidiary, or NULL */
} AlgChoice;

/* Records: x[n_vars] (engine units), objective, violation, constraint
 * values[n_constraints], in one array of doubles with stride run->stride. */
typedef struct {
    double *data;
    size_t n, cap, stride;
} RecLog;

/* What one evaluation runs on: a workspace of the arm's model (and of the
 * control arm's) and a parameter vector.  Idle ones wait on a free list,
 * so there are never more than the evaluations running at once. */
typedef struct Workspace {
    ExopkSim *arm, *control;
    ExopkParamVector *vec;
    double *draw;           /* with a population: a subject's draw */
    double *values;         /* ... and each metric's value per subject (1 + nc) x N */
    struct Workspace *next;
} Workspace;

typedef struct {
    const ExopkOptProblem *p;
    ExopkModel *model;      /* the arm, compiled (owned) */
    ExopkModel *control_model; /* the control arm on the same vectors, or NULL (owned) */
    size_t *var_index;      /* each variable's parameter index in @model (owned) */
    OptPop *pop;            /* the population of a robust problem, or NULL (owned) */
    OptStatistic *stat;     /* the objective's statistic, then each constraint's (owned) */
    pthread_mutex_t ws_lock;
    Workspace *idle;        /* guarded by ws_lock */
    size_t nv, nc, stride;
    size_t nk;              /* continuous variables */
    size_t *cont;           /* their indices (owned) */
    long control;           /* arm named "control", or -1 */
    double sign;            /* 1 minimise, -1 maximise */
    double fscale;          /* |objective| at the midpoint: scales f for NLopt */
    long budget;
    double xtol, ftol;
    int threads;
    AlgChoice alg;
    double t0;
    atomic_int stop;        /* STOP_* */
    atomic_long evaluations;
    pthread_mutex_t lock;   /* guards the best point and the condition */
    pthread_cond_t cond;
    int have_best;
    double *best;           /* a record (owned) */
    long best_evaluation;
    double *progress_x;     /* n_vars (owned), the calling thread's copy */
} Run;

struct ExopkOptResult {
    size_t nv, nc;
    double *x;              /* owned */
    double objective;
    int feasible;
    double *con_value;      /* owned, nc */
    double *con_slack;      /* owned, nc */
    long evaluations;
    double wall_time;
    const char *status;     /* static string */
    size_t n_trace;
    ExopkOptPoint *trace;   /* owned; x points into trace_x */
    double *trace_x;        /* owned */
    ExopkStudy *study;      /* owned: the study with the optimum applied */
};

/* ---- small helpers --------------------------------------------------- */

static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

#define REC_F(run, rec) ((rec)[(run)->nv])
#define REC_V(run, rec) ((rec)[(run)->nv + 1])
#define REC_C(run, rec) ((rec) + (run)->nv + 2)

static double *
reclog_push(RecLog *log)
{
    if (log->n == log->cap) {
        size_t cap = log->cap ? 2 * log->cap : 64;
        double *d = realloc(log->data, cap * log->stride * sizeof *d);
        if (d == NULL)
            return NULL;
        log->data = d;
        log->cap = cap;
    }
    return log->data + log->n++ * log->stride;
}

static int
bound_present(double b)
{
    return isfinite(b);
}

static double
bound_scale(double b)
{
    return b != 0 ? fabs(b) : 1.0;
}

static int
rec_feasible(const Run *run, const double *rec)
{
    return isfinite(REC_F(run, rec)) && REC_V(run, rec) <= FEASIBILITY_TOL;
}

/* Is record @a strictly better than @b: feasible first, then the lower
 * (signed) objective; among infeasible ones the lower violation. */
static int
rec_better(const Run *run, const double *a, const double *b)
{
    int fa = rec_feasible(run, a), fb = rec_feasible(run, b);

    if (fa != fb)
        return fa;
    if (fa)
        return run->sign * REC_F(run, a) < run->sign * REC_F(run, b);
    return REC_V(run, a) < REC_V(run, b);
}

/* Engine value of variable @v at normalised @u in [0,1]. */
static double
var_value(const ExopkOptVariable *v, double u)
{
    double x;

    u = u < 0 ? 0 : u > 1 ? 1 : u;
    if (v->log_scale) {
        double a = log10(v->lower), b = log10(v->upper);
        x = pow(10.0, a + u * (b - a));
    } else {
        x = v->lower + u * (v->upper - v->lower);
    }
    return x < v->lower ? v->lower : x > v->upper ? v->upper : x;
}

/* Applies every variable; a second pass settles order dependencies (count
 * > 1 needs every > 0, set earlier or later in the list). */
static ExopkStatus
apply_vars(ExopkStudy *s, const ExopkOptProblem *p, const double *x, ExopkError *err)
{
    int failed = 0;

    for (size_t i = 0; i < p->n_vars; i++) {
        double v = p->vars[i].integer ? nearbyint(x[i]) : x[i];
        if (exopk_study_set(s, p->arm, p->vars[i].name, v, NULL) != EXOPK_OK)
            failed = 1;
    }
    if (!failed)
        return EXOPK_OK;
    for (size_t i = 0; i < p->n_vars; i++) {
        double v = p->vars[i].integer ? nearbyint(x[i]) : x[i];
        ExopkError e;
        ExopkStatus st = exopk_study_set(s, p->arm, p->vars[i].name, v, &e);
        if (st != EXOPK_OK)
            return exopk_error_set(err, st, "variable %zu (\"%s\" = %g): %s", i,
                                   p->vars[i].name, v, e.message);
    }
    return EXOPK_OK;
}

static int
read_metric(ExopkResult *const *res, size_t n, const char *name, double *v)
{
    for (size_t i = 0; i < n; i++)
        if (res[i] != NULL && exopk_result_metric(res[i], name, v) == 0)
            return 0;
    *v = NAN;
    return -1;
}

/* 1 if the objective or a constraint is not among @res's metrics (it
 * needs the comparison with the control arm). */
static int
metrics_missing(const Run *run, const ExopkResult *res)
{
    const ExopkOptProblem *p = run->p;
    double v;

    if (exopk_result_metric(res, p->objective, &v) != 0)
        return 1;
    for (size_t i = 0; i < p->n_constraints; i++)
        if (exopk_result_metric(res, p->constraints[i].metric, &v) != 0)
            return 1;
    return 0;
}

/* Simulates the arm of @s (and the control arm when a metric needs the
 * comparison); on success *@arm_res holds the arm's result (owned). */
static ExopkStatus
simulate_for(const Run *run, const ExopkStudy *s, ExopkResult **arm_res, ExopkError *err)
{
    const ExopkOptProblem *p = run->p;
    ExopkResult *res = exopk_simulate(s, p->arm, NULL, err);

    *arm_res = NULL;
    if (res == NULL)
        return err != NULL ? err->code : EXOPK_ESOLVER;
    if (run->control >= 0 && metrics_missing(run, res)) {
        ExopkResult **all = calloc(s->n_arms, sizeof *all);
        if (all == NULL) {
            exopk_result_free(res);
            return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        }
        all[p->arm] = res;
        if ((size_t) run->control != p->arm)
            all[run->control] = exopk_simulate(s, (size_t) run->control, NULL, NULL);
        exopk_results_compare(s, all);
        if ((size_t) run->control != p->arm)
            exopk_result_free(all[run->control]);
        free(all);
    }
    *arm_res = res;
    return EXOPK_OK;
}

/* ---- workspaces and one evaluation ----------------------------------- */

static void
workspace_free(Workspace *w)
{
    if (w == NULL)
        return;
    exopk_sim_free(w->arm);
    exopk_sim_free(w->control);
    exopk_param_vector_free(w->vec);
    free(w->draw);
    free(w->values);
    free(w);
}

/* An idle workspace, else a new one; NULL on ENOMEM. */
static Workspace *
workspace_take(Run *run)
{
    Workspace *w;

    pthread_mutex_lock(&run->ws_lock);
    if ((w = run->idle) != NULL)
        run->idle = w->next;
    pthread_mutex_unlock(&run->ws_lock);
    if (w != NULL)
        return w;
    if ((w = calloc(1, sizeof *w)) == NULL)
        return NULL;
    w->arm = exopk_sim_new(run->model, NULL);
    w->vec = exopk_param_vector_new(run->model);
    if (run->control_model != NULL)
        w->control = exopk_sim_new(run->control_model, NULL);
    if (run->pop != NULL) {
        w->draw = malloc((opt_pop_n_params(run->pop) + 1) * sizeof *w->draw);
        w->values = malloc((1 + run->nc) * (size_t) opt_pop_subjects(run->pop) *
                           sizeof *w->values);
    }
    if (w->arm == NULL || w->vec == NULL || (run->control_model != NULL && w->control == NULL) ||
        (run->pop != NULL && (w->draw == NULL || w->values == NULL))) {
        workspace_free(w);
        return NULL;
    }
    return w;
}

static void
workspace_give_back(Run *run, Workspace *w)
{
    pthread_mutex_lock(&run->ws_lock);
    w->next = run->idle;
    run->idle = w;
    pthread_mutex_unlock(&run->ws_lock);
}

/* @w's vector set to engine-unit @x; -1 if a value is refused.  A second
 * pass settles order dependencies (count > 1 needs every > 0, set earlier
 * or later in the list). */
static int
vector_for(const Run *run, ExopkParamVector *vec, const double *x)
{
    exopk_param_vector_reset(vec);
    for (int pass = 0; pass < 2; pass++) {
        int failed = 0;
        for (size_t i = 0; i < run->nv; i++) {
            double v = run->p->vars[i].integer ? nearbyint(x[i]) : x[i];
            failed |= exopk_param_vector_set(vec, run->var_index[i], v, NULL) != EXOPK_OK;
        }
        if (!failed)
            return 0;
    }
    return -1;
}

/* The arm's result for @w's vector, with the metrics compared with the
 * control arm (run on the same vector) when the problem needs them; NULL
 * if the arm's run fails. */
static ExopkResult *
run_vector(const Run *run, Workspace *w)
{
    ExopkResult *res = exopk_sim_run(w->arm, w->vec, NULL, NULL), **all;
    const ExopkStudy *s;

    if (res == NULL || run->control < 0 || !metrics_missing(run, res))
        return res;
    s = sim_study(w->arm);      /* the values this run used (tumour_volume0) */
    if ((all = calloc(s->n_arms, sizeof *all)) == NULL)
        return res;             /* the metric stays absent: a failed point */
    all[run->p->arm] = res;
    if (w->control != NULL)
        all[run->control] = exopk_sim_run(w->control, w->vec, NULL, NULL);
    exopk_results_compare(s, all);
    if (w->control != NULL)
        exopk_result_free(all[run->control]);
    free(all);
    return res;
}

/* The violation of @rec's objective and constraint values. */
static void
record_violation(const Run *run, double *rec)
{
    const ExopkOptProblem *p = run->p;
    double viol = 0;

    if (!isfinite(REC_F(run, rec)))
        viol += FAIL_VIOLATION;
    for (size_t i = 0; i < run->nc; i++) {
        const ExopkOptConstraint *c = &p->constraints[i];
        double v = REC_C(run, rec)[i];
        int has = bound_present(c->min) || bound_present(c->max);

        if (!isfinite(v)) {
            if (has)
                viol += FAIL_VIOLATION;
            continue;
        }
        if (bound_present(c->max) && v > c->max)
            viol += (v - c->max) / bound_scale(c->max);
        if (bound_present(c->min) && v < c->min)
            viol += (c->min - v) / bound_scale(c->min);
    }
    REC_V(run, rec) = viol;
}

/* The objective and constraint values of @res into @rec (NAN where
 * absent), and the violation. */
static void
record_metrics(const Run *run, ExopkResult *res, double *rec)
{
    read_metric(&res, 1, run->p->objective, &REC_F(run, rec));
    for (size_t i = 0; i < run->nc; i++)
        read_metric(&res, 1, run->p->constraints[i].metric, &REC_C(run, rec)[i]);
    record_violation(run, rec);
}

/* Subject @subject's (1-based) metrics at the candidate @x: the
 * objective's at out[0], constraint i's at out[(1 + i) step].  The vector
 * is set to @x anew for each subject, so a subject's values do not depend
 * on the subject before it (nor on where it is evaluated: the one code of
 * record_population and exopk_opt_subjects_eval).  -1 when the subject
 * cannot be drawn, fails or lacks a metric. */
static int
subject_metrics(const Run *run, Workspace *w, const double *x, long subject, double *out,
                size_t step)
{
    ExopkResult *res;
    int bad = 0;

    if (vector_for(run, w->vec, x) != 0 || opt_pop_set(run->pop, subject, x, w->vec, w->draw) != 0
        || (res = run_vector(run, w)) == NULL)
        return -1;
    bad |= read_metric(&res, 1, run->p->objective, &out[0]) != 0;
    for (size_t i = 0; i < run->nc; i++)
        bad |= read_metric(&res, 1, run->p->constraints[i].metric, &out[(1 + i) * step]) != 0;
    exopk_result_free(res);
    return bad ? -1 : 0;
}

/* Each metric of every subject of candidate @x into @w->values (the
 * objective's for subjects 1..n, then each constraint's): here, or by the
 * problem's spread hook.  0; -1 when a subject fails (the candidate
 * fails); a hook that says stop cancels the search. */
static int
population_values(Run *run, Workspace *w, const double *x)
{
    long n = opt_pop_subjects(run->pop);
    int rc = 0;

    if (run->p->spread != NULL) {
        rc = run->p->spread(run->p->spread_data, x, n, w->values);
        if (rc < 0) {
            int expected = STOP_NONE;
            atomic_compare_exchange_strong(&run->stop, &expected, STOP_CANCELLED);
        }
        return rc != 0 ? -1 : 0;
    }
    for (long j = 0; j < n && rc == 0; j++)
        rc = subject_metrics(run, w, x, j + 1, w->values + j, (size_t) n);
    return rc;
}

/* A robust problem's record: each metric of every subject (drawn on top of
 * the candidate @x), then its statistic.  -1 when a subject cannot be
 * drawn, fails or lacks a metric: the candidate fails. */
static int
record_population(Run *run, Workspace *w, const double *x, double *rec)
{
    size_t n = (size_t) opt_pop_subjects(run->pop);

    if (population_values(run, w, x) != 0)
        return -1;
    REC_F(run, rec) = opt_statistic_value(&run->stat[0], w->values, n);
    for (size_t i = 0; i < run->nc; i++)
        REC_C(run, rec)[i] = opt_statistic_value(&run->stat[1 + i], w->values + (1 + i) * n, n);
    record_violation(run, rec);
    return 0;
}

/* Evaluates engine-unit @x into @rec.  Thread-safe: @run's workspaces
 * are taken under its lock, the rest is read only. */
static void
evaluate(Run *run, const double *x, double *rec)
{
    Workspace *w = workspace_take(run);
    ExopkResult *res = NULL;

    memcpy(rec, x, run->nv * sizeof *x);
    REC_F(run, rec) = NAN;
    for (size_t i = 0; i < run->nc; i++)
        REC_C(run, rec)[i] = NAN;
    if (w == NULL || vector_for(run, w->vec, x) != 0)
        REC_V(run, rec) = FAIL_VIOLATION * (double) (1 + run->nc);
    else if (run->pop != NULL) {
        if (record_population(run, w, x, rec) != 0)
            REC_V(run, rec) = FAIL_VIOLATION * (double) (1 + run->nc);
    } else if ((res = run_vector(run, w)) == NULL)
        REC_V(run, rec) = FAIL_VIOLATION * (double) (1 + run->nc);
    else
        record_metrics(run, res, rec);
    exopk_result_free(res);
    if (w != NULL)
        workspace_give_back(run, w);
}

/* A robust problem's population and statistics. */
static ExopkStatus
compile_population(Run *run, ExopkError *err)
{
    const ExopkOptProblem *p = run->p;
    char what[160];

    if (p->subjects < 0)
        return exopk_error_set(err, EXOPK_EINVAL, "optimize: subjects must be positive (got %ld)",
                               p->subjects);
    if ((run->stat = calloc(1 + run->nc, sizeof *run->stat)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    if (opt_statistic_parse(p->statistic, "optimize", &run->stat[0], err) != EXOPK_OK)
        return EXOPK_EINVAL;
    for (size_t i = 0; i < run->nc; i++) {
        snprintf(what, sizeof what, "constraint %zu (\"%s\")", i, p->constraints[i].metric);
        if (p->constraints[i].statistic[0] == '\0')
            run->stat[1 + i] = run->stat[0];
        else if (opt_statistic_parse(p->constraints[i].statistic, what, &run->stat[1 + i], err) !=
                 EXOPK_OK)
            return EXOPK_EINVAL;
    }
    run->pop = opt_pop_new(p, run->model, run->var_index, err);
    return run->pop != NULL ? EXOPK_OK : EXOPK_EINVAL;
}

/* Compiles the arm, and the control arm on the same parameter vectors when
 * a metric may need it, and finds each variable's parameter index: once,
 * before any evaluation. */
static ExopkStatus
compile_models(Run *run, ExopkError *err)
{
    const ExopkOptProblem *p = run->p;
    ExopkError e;

    run->model = exopk_model_compile(p->study, p->arm, &e);
    if (run->model != NULL && run->control >= 0 && (size_t) run->control != p->arm)
        run->control_model = model_compile_with(p->study, (size_t) run->control, run->model, &e);
    if (run->model == NULL || (run->control >= 0 && (size_t) run->control != p->arm &&
                               run->control_model == NULL))
        return exopk_error_set(err, e.code, "optimize: %s", e.message);
    if ((run->var_index = malloc(run->nv * sizeof *run->var_index + 1)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t i = 0; i < run->nv; i++) {
        long k = exopk_model_param_index(run->model, p->vars[i].name, &e);
        if (k < 0)
            return exopk_error_set(err, e.code, "variable %zu (\"%s\"): %s", i,
                                   p->vars[i].name, e.message);
        run->var_index[i] = (size_t) k;
    }
    return p->population != NULL ? compile_population(run, err) : EXOPK_OK;
}

static void
free_models(Run *run)
{
    while (run->idle != NULL) {
        Workspace *w = run->idle;
        run->idle = w->next;
        workspace_free(w);
    }
    free(run->var_index);
    opt_pop_free(run->pop);
    free(run->stat);
    exopk_model_free(run->control_model);
    exopk_model_free(run->model);
}

/* ---- stopping, progress, the shared best ----------------------------- */

static int
run_stopped(Run *run)
{
    if (atomic_load(&run->stop) != STOP_NONE)
        return 1;
    if (run->p->max_time > 0 && now() - run->t0 >= run->p->max_time) {
        int expected = STOP_NONE;
        atomic_compare_exchange_strong(&run->stop, &expected, STOP_TIME);
        return 1;
    }
    return 0;
}

/* Counts an evaluation and keeps the best so far for progress reports. */
static void
run_note(Run *run, const double *rec)
{
    long n = atomic_fetch_add(&run->evaluations, 1) + 1;

    pthread_mutex_lock(&run->lock);
    if (!run->have_best || rec_better(run, rec, run->best)) {
        memcpy(run->best, rec, run->stride * sizeof *rec);
        run->have_best = 1;
        run->best_evaluation = n;
    }
    pthread_mutex_unlock(&run->lock);
}

/* On the calling thread only: reports the best feasible point so far. */
static void
run_progress(Run *run)
{
    const ExopkOptProblem *p = run->p;
    ExopkOptPoint pt;
    int have;

    if (run_stopped(run) || p->progress == NULL)
        return;
    pthread_mutex_lock(&run->lock);
    have = run->have_best && rec_feasible(run, run->best);
    if (have) {
        memcpy(run->progress_x, run->best, run->nv * sizeof *run->best);
        pt = (ExopkOptPoint) { .evaluation = run->best_evaluation, .x = run->progress_x,
                               .objective = REC_F(run, run->best),
                               .violation = REC_V(run, run->best) };
    }
    pthread_mutex_unlock(&run->lock);
    if (p->progress(have ? &pt : NULL, atomic_load(&run->evaluations), p->progress_data) != 0) {
        int expected = STOP_NONE;
        atomic_compare_exchange_strong(&run->stop, &expected, STOP_CANCELLED);
    }
}

/* ---- parallel batches ------------------------------------------------ */

typedef struct {
    Run *run;
    const double *xs;       /* n x nv candidates */
    double *recs;           /* n x stride */
    unsigned char *done;
    size_t n;
    atomic_size_t next;
} Batch;

static void *
batch_work(void *data)
{
    Batch *b = data;
    Run *run = b->run;

    while (!run_stopped(run)) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n)
            break;
        evaluate(run, b->xs + i * run->nv, b->recs + i * run->stride);
        b->done[i] = 1;
        run_note(run, b->recs + i * run->stride);
    }
    return NULL;
}

/* Evaluates @n candidates (@xs, n x nv) into @recs by index, in chunks
 * shared by the thread pool; progress after each chunk.  done[i] tells
 * which were evaluated (all of them unless stopped). */
static void
run_batch(Run *run, const double *xs, size_t n, double *recs, unsigned char *done)
{
    size_t chunk = 8 * (size_t) run->threads;

    memset(done, 0, n);
    for (size_t first = 0; first < n && !run_stopped(run); first += chunk) {
        size_t m = n - first < chunk ? n - first : chunk;
        size_t nt = (size_t) run->threads < m ? (size_t) run->threads : m, started = 0;
        pthread_t tid[MAX_THREADS];
        Batch b = { .run = run, .xs = xs + first * run->nv, .recs = recs + first * run->stride,
                    .done = done + first, .n = m };

        atomic_init(&b.next, 0);
        for (size_t t = 1; t < nt; t++)
            if (pthread_create(&tid[started], NULL, batch_work, &b) == 0)
                started++;   /* if a thread cannot start, the others do its share */
        batch_work(&b);
        for (size_t t = 0; t < started; t++)
            pthread_join(tid[t], NULL);
        run_progress(run);
    }
}

/* ---- local searches on NLopt ---------------------------------------- */

typedef struct Local Local;

typedef struct {
    Local *loc;
    size_t i;               /* constraint index */
    int upper;              /* 1: value <= max, 0: value >= min */
} ConsSide;

struct Local {
    Run *run;
    const double *xt;       /* nv: integer values filled in (borrowed) */
    double *x;              /* nv scratch */
    double *u;              /* nk: start in, result out */
    double step;            /* initial step (normalised) */
    long share;             /* evaluations allowed */
    long done;              /* evaluations made */
    int inline_progress;    /* running on the calling thread */
    RecLog log;
    double *cache_u, *cache_rec;
    int have_cache;
    double worst;           /* worst finite scaled objective seen */
    int have_worst;
    nlopt_opt opt;          /* the running optimiser (borrowed) */
    ConsSide *sides;
    size_t n_sides;
    int end;                /* END_* */
    int ok;                 /* 0: could not run (no memory, NLopt refused) */
    char why[160];          /* NLopt's message when it refused */
};

/* The record for @u: the cached one if NLopt asks again for the same point
 * (objective and constraints), else a new evaluation; NULL once stopped. */
static const double *
local_point(Local *loc, const double *u)
{
    Run *run = loc->run;
    size_t nk = run->nk;
    double *rec;

    if (loc->have_cache && memcmp(u, loc->cache_u, nk * sizeof *u) == 0)
        return loc->cache_rec;
    if (loc->done >= loc->share) {
        loc->end = END_MAX_EVALUATIONS;
        nlopt_force_stop(loc->opt);
        return NULL;
    }
    if (run_stopped(run)) {
        nlopt_force_stop(loc->opt);
        return NULL;
    }
    memcpy(loc->x, loc->xt, run->nv * sizeof *loc->x);
    for (size_t k = 0; k < nk; k++)
        loc->x[run->cont[k]] = var_value(&run->p->vars[run->cont[k]], u[k]);
    rec = reclog_push(&loc->log);
    if (rec == NULL) {
        loc->ok = 0;
        nlopt_force_stop(loc->opt);
        return NULL;
    }
    evaluate(run, loc->x, rec);
    run_note(run, rec);
    loc->done++;
    memcpy(loc->cache_u, u, nk * sizeof *u);
    memcpy(loc->cache_rec, rec, run->stride * sizeof *rec);
    loc->have_cache = 1;
    if (loc->done % LOCAL_PROGRESS_EVERY == 0) {
        if (loc->inline_progress) {
            run_progress(run);
        } else {
            pthread_mutex_lock(&run->lock);
            pthread_cond_broadcast(&run->cond);
            pthread_mutex_unlock(&run->lock);
        }
    }
    return loc->cache_rec;
}

static double
local_f(unsigned n, const double *u, double *grad, void *data)
{
    Local *loc = data;
    Run *run = loc->run;
    const double *rec = local_point(loc, u);
    double f;

    (void) n;
    assert(grad == NULL);
    if (rec == NULL)
        return loc->have_worst ? loc->worst : 0.0;  /* ignored: the run is stopping */
    f = run->sign * REC_F(run, rec) / run->fscale;
    if (!isfinite(f))   /* a failed point: worse than anything seen, but finite */
        return loc->have_worst ? loc->worst + 1.0 : 1.0;
    if (!loc->have_worst || f > loc->worst)
        loc->worst = f, loc->have_worst = 1;
    return f;
}

static double
local_c(unsigned n, const double *u, double *grad, void *data)
{
    ConsSide *side = data;
    Run *run = side->loc->run;
    const ExopkOptConstraint *c = &run->p->constraints[side->i];
    const double *rec = local_point(side->loc, u);
    double v;

    (void) n;
    assert(grad == NULL);
    if (rec == NULL)
        return 0.0;
    v = REC_C(run, rec)[side->i];
    if (!isfinite(v))
        return 1.0;         /* as violated as a 100 % excess */
    return side->upper ? (v - c->max) / bound_scale(c->max) : (c->min - v) / bound_scale(c->min);
}

static void
set_tolerances(const Run *run, nlopt_opt opt)
{
    nlopt_set_xtol_rel(opt, run->xtol);
    nlopt_set_xtol_abs1(opt, 1e-2 * run->xtol);
    nlopt_set_ftol_rel(opt, run->ftol);
}

/* Runs one local search (or the named algorithm) from loc->u. */
static void
local_run(Local *loc)
{
    Run *run = loc->run;
    size_t nk = run->nk;
    const AlgInfo *alg = run->alg.is_auto ? &ALGORITHMS[0] : run->alg.alg;
    const AlgInfo *sub = run->alg.is_auto ? NULL : run->alg.sub;
    int wrap = sub != NULL || (!alg->constraints && loc->n_sides > 0);
    nlopt_opt opt = NULL, local = NULL;
    double f, *lb = NULL, *ub = NULL;
    nlopt_result ret;

    loc->ok = 0;
    loc->end = END_CONVERGED;
    lb = calloc(nk, sizeof *lb);
    ub = malloc(nk * sizeof *ub);
    if (lb == NULL || ub == NULL)
        goto out;
    for (size_t k = 0; k < nk; k++)
        ub[k] = 1.0;
    if (wrap) {
        /* AUGLAG handles the constraints; @alg (or @sub) the bounds. */
        opt = nlopt_create(NLOPT_AUGLAG, (unsigned) nk);
        local = nlopt_create(sub != NULL ? sub->alg : alg->alg, (unsigned) nk);
        if (opt == NULL || local == NULL)
            goto out;
        set_tolerances(run, local);
        if (nlopt_set_local_optimizer(opt, local) < 0)
            goto out;
    } else {
        opt = nlopt_create(alg->alg, (unsigned) nk);
        if (opt == NULL)
            goto out;
    }
    loc->opt = opt;
    nlopt_set_lower_bounds(opt, lb);
    nlopt_set_upper_bounds(opt, ub);
    nlopt_set_min_objective(opt, local_f, loc);
    for (size_t k = 0; k < loc->n_sides; k++)
        if (nlopt_add_inequality_constraint(opt, local_c, &loc->sides[k], FEASIBILITY_TOL) < 0)
            goto out;
    set_tolerances(run, opt);
    /* our own count stops at the share; this backstop only ends the calls
     * that come after nlopt_force_stop (AUGLAG's subsidiary) */
    nlopt_set_maxeval(opt, (int) (2 * loc->share + 16));
    if (loc->step > 0)
        nlopt_set_initial_step1(opt, loc->step);
    loc->ok = 1;
    ret = nlopt_optimize(opt, loc->u, &f);
    if (ret == NLOPT_MAXEVAL_REACHED)
        loc->end = END_MAX_EVALUATIONS;
    else if (ret == NLOPT_INVALID_ARGS || ret == NLOPT_OUT_OF_MEMORY) {
        const char *m = nlopt_get_errmsg(opt);
        loc->ok = 0;
        snprintf(loc->why, sizeof loc->why, "%s",
                 m != NULL ? m : ret == NLOPT_OUT_OF_MEMORY ? "out of memory" : "invalid arguments");
    }
out:
    nlopt_destroy(local);
    nlopt_destroy(opt);
    loc->opt = NULL;
    free(lb);
    free(ub);
}

static int
local_init(Local *loc, Run *run, const double *xt)
{
    const ExopkOptProblem *p = run->p;

    memset(loc, 0, sizeof *loc);
    loc->run = run;
    loc->xt = xt;
    loc->log.stride = run->stride;
    loc->x = malloc(run->nv * sizeof *loc->x + 1);
    loc->u = malloc(run->nk * sizeof *loc->u);
    loc->cache_u = malloc(run->nk * sizeof *loc->cache_u);
    loc->cache_rec = malloc(run->stride * sizeof *loc->cache_rec);
    loc->sides = malloc((2 * run->nc + 1) * sizeof *loc->sides);
    if (loc->x == NULL || loc->u == NULL || loc->cache_u == NULL || loc->cache_rec == NULL ||
        loc->sides == NULL)
        return -1;
    for (size_t i = 0; i < run->nc; i++) {
        if (bound_present(p->constraints[i].max))
            loc->sides[loc->n_sides++] = (ConsSide) { loc, i, 1 };
        if (bound_present(p->constraints[i].min))
            loc->sides[loc->n_sides++] = (ConsSide) { loc, i, 0 };
    }
    return 0;
}

static void
local_clear(Local *loc)
{
    free(loc->x);
    free(loc->u);
    free(loc->cache_u);
    free(loc->cache_rec);
    free(loc->sides);
    free(loc->log.data);
    memset(loc, 0, sizeof *loc);
}

typedef struct {
    Run *run;
    Local *locs;
    size_t n;
    atomic_size_t next;
    size_t finished;        /* workers done, under run->lock */
} Pool;

static void *
pool_work(void *data)
{
    Pool *pool = data;
    Run *run = pool->run;

    for (;;) {
        size_t i = atomic_fetch_add(&pool->next, 1);
        if (i >= pool->n)
            break;
        if (!run_stopped(run))
            local_run(&pool->locs[i]);
    }
    pthread_mutex_lock(&run->lock);
    pool->finished++;
    pthread_cond_broadcast(&run->cond);
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

/* Runs the local searches @locs in parallel; the calling thread reports
 * progress and watches the clock meanwhile. */
static void
run_locals(Run *run, Local *locs, size_t n)
{
    size_t nt = (size_t) run->threads < n ? (size_t) run->threads : n, started = 0;
    pthread_t tid[MAX_THREADS];
    Pool pool = { .run = run, .locs = locs, .n = n };

    atomic_init(&pool.next, 0);
    if (nt > 1) {
        for (size_t t = 0; t < nt; t++)
            if (pthread_create(&tid[started], NULL, pool_work, &pool) == 0)
                started++;
    }
    if (started == 0) {      /* one thread (or none could start): run here */
        for (size_t i = 0; i < n; i++) {
            locs[i].inline_progress = 1;
            if (!run_stopped(run))
                local_run(&locs[i]);
        }
        run_progress(run);
        return;
    }
    pthread_mutex_lock(&run->lock);
    while (pool.finished < started) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += MONITOR_WAKE_NS;
        if (ts.tv_nsec >= 1000000000L)
            ts.tv_sec++, ts.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&run->cond, &run->lock, &ts);
        if (pool.finished < started) {
            pthread_mutex_unlock(&run->lock);
            run_progress(run);
            pthread_mutex_lock(&run->lock);
        }
    }
    pthread_mutex_unlock(&run->lock);
    for (size_t t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    run_progress(run);
}

/* ---- the searches over the integer combinations ---------------------- */

typedef struct {
    double *xt;             /* nv: the integer values, NAN elsewhere (owned) */
    long budget;            /* evaluations for this combination */
    size_t first, n_sample; /* its sample points in the pooled arrays */
    size_t loc0, n_locs;    /* its local searches in the pooled array */
    int end;                /* END_* of the search that found its best point */
    size_t trace0, trace_n; /* its records in the trace */
} Combo;

static int
append_rec(RecLog *trace, const double *rec)
{
    double *r = reclog_push(trace);

    if (r == NULL)
        return -1;
    memcpy(r, rec, trace->stride * sizeof *r);
    return 0;
}

/* A named NLopt algorithm on one combination, from the middle of the box,
 * on the calling thread, seeded. */
static ExopkStatus
run_named(Run *run, Combo *c, RecLog *trace, ExopkError *err)
{
    Local loc;
    ExopkStatus st = EXOPK_OK;

    if (local_init(&loc, run, c->xt) != 0) {
        local_clear(&loc);
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < run->nk; k++)
        loc.u[k] = 0.5;
    loc.share = c->budget;
    loc.inline_progress = 1;
    pthread_mutex_lock(&nlopt_rand_lock);
    nlopt_srand(run->p->seed);
    local_run(&loc);
    pthread_mutex_unlock(&nlopt_rand_lock);
    run_progress(run);
    c->trace0 = trace->n;
    for (size_t i = 0; i < loc.log.n && st == EXOPK_OK; i++)
        if (append_rec(trace, loc.log.data + i * run->stride) != 0)
            st = exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    if (st == EXOPK_OK && !loc.ok)
        st = exopk_error_set(err, EXOPK_ESOLVER, "NLopt %s%s%s: %s", run->alg.alg->name,
                             run->alg.sub ? ":" : "", run->alg.sub ? run->alg.sub->name : "",
                             loc.why[0] ? loc.why : "out of memory");
    c->trace_n = trace->n - c->trace0;
    c->end = loc.end;
    local_clear(&loc);
    return st;
}

/* Sample size: at least 16 per dimension + 16, up to 64 per dimension when
 * the budget allows (an eighth of it), never more than the budget. */
static size_t
sample_size(size_t nk, long budget)
{
    size_t n = 16 * nk + 16, more = (size_t) budget / 8;

    if (more > 64 * nk)
        more = 64 * nk;
    if (more > n)
        n = more;
    return (long) n > budget ? (size_t) budget : n;
}

/* What "auto" keeps for every combination at once: the pooled sample in
 * the unit box (us) and in the variables (xs), its records and which
 * evaluations finished, a scratch order, and the local searches. */
typedef struct {
    size_t total;           /* sample points over every combination */
    double *us, *xs, *recs;
    unsigned char *done;
    size_t *order;
    Local *locs;
    size_t n_locs;
} AutoWork;

/* Lays each combination's sample out in the pooled arrays; 0 or -1. */
static int
auto_work_init(AutoWork *w, const Run *run, Combo *combos, size_t n_combos, size_t per)
{
    size_t nk = run->nk;

    memset(w, 0, sizeof *w);
    for (size_t c = 0; c < n_combos; c++) {
        combos[c].first = w->total;
        combos[c].n_sample = sample_size(nk, combos[c].budget);
        w->total += combos[c].n_sample;
    }
    w->us = malloc(w->total * nk * sizeof *w->us + 1);
    w->xs = malloc(w->total * run->nv * sizeof *w->xs + 1);
    w->recs = malloc(w->total * run->stride * sizeof *w->recs + 1);
    w->done = malloc(w->total + 1);
    w->order = malloc(w->total * sizeof *w->order + 1);
    w->locs = calloc(n_combos * per, sizeof *w->locs);
    return w->us && w->xs && w->recs && w->done && w->order && w->locs ? 0 : -1;
}

static void
auto_work_clear(AutoWork *w)
{
    for (size_t k = 0; w->locs != NULL && k < w->n_locs; k++)
        local_clear(&w->locs[k]);
    free(w->locs);
    free(w->us);
    free(w->xs);
    free(w->recs);
    free(w->done);
    free(w->order);
}

/* (1) The same low-discrepancy points in every combination's box, all
 * evaluated in one batch.  -1 on ENOMEM. */
static int
auto_sample(Run *run, const Combo *combos, size_t n_combos, AutoWork *w)
{
    size_t nk = run->nk, nv = run->nv;
    gsl_qrng *q = gsl_qrng_alloc(nk <= 40 ? gsl_qrng_sobol : gsl_qrng_halton, (unsigned) nk);

    if (q == NULL)
        return -1;
    for (size_t c = 0; c < n_combos; c++) {
        gsl_qrng_init(q);
        for (size_t i = combos[c].first; i < combos[c].first + combos[c].n_sample; i++) {
            gsl_qrng_get(q, w->us + i * nk);
            memcpy(w->xs + i * nv, combos[c].xt, nv * sizeof *w->xs);
            for (size_t k = 0; k < nk; k++)
                w->xs[i * nv + run->cont[k]] = var_value(&run->p->vars[run->cont[k]],
                                                         w->us[i * nk + k]);
        }
    }
    gsl_qrng_free(q);
    run_batch(run, w->xs, w->total, w->recs, w->done);
    return 0;
}

/* The finished sample points of @cb in w->order, best first; a stable
 * selection sort keeps ties in index order.  Returns their count. */
static size_t
auto_rank(const Run *run, const Combo *cb, AutoWork *w)
{
    size_t used = 0, stride = run->stride, *order = w->order;

    for (size_t i = cb->first; i < cb->first + cb->n_sample; i++)
        if (w->done[i])
            order[used++] = i;
    for (size_t a = 0; a < used; a++) {
        size_t m = a;
        for (size_t b = a + 1; b < used; b++)
            if (rec_better(run, w->recs + order[b] * stride, w->recs + order[m] * stride))
                m = b;
        if (m != a) {
            size_t t = order[m];
            memmove(order + a + 1, order + a, (m - a) * sizeof *order);
            order[a] = t;
        }
    }
    return used;
}

/* Up to @want of the ranked points, each at least START_SEPARATION (max
 * norm, unit box) from those chosen before.  Returns the count. */
static size_t
auto_separated(const Run *run, const AutoWork *w, size_t used, size_t want, size_t *chosen)
{
    size_t nk = run->nk, n_chosen = 0;

    for (size_t a = 0; a < used && n_chosen < want; a++) {
        const double *ua = w->us + w->order[a] * nk;
        int near = 0;
        for (size_t k = 0; k < n_chosen && !near; k++) {
            const double *uc = w->us + chosen[k] * nk;
            double d = 0;
            for (size_t j = 0; j < nk; j++)
                d = fmax(d, fabs(ua[j] - uc[j]));
            near = d < START_SEPARATION;
        }
        if (!near)
            chosen[n_chosen++] = w->order[a];
    }
    return n_chosen;
}

/* (2) The starts of combination @cb: its best sample points, as many of
 * @per as its remaining budget gives room for, each a local search in
 * w->locs sharing that budget.  -1 on ENOMEM. */
static int
auto_starts(Run *run, Combo *cb, size_t per, AutoWork *w)
{
    size_t nk = run->nk, used = auto_rank(run, cb, w), want = per, chosen[N_STARTS], n_chosen;
    long left = cb->budget - (long) used;
    double step;

    while (want > 0 && left / (long) want < (long) nk + 2)
        want--;     /* each polish needs room for its first simplex */
    n_chosen = auto_separated(run, w, used, want, chosen);
    cb->loc0 = w->n_locs;
    cb->n_locs = n_chosen;
    cb->end = n_chosen == 0 ? END_MAX_EVALUATIONS : END_CONVERGED;
    step = 0.5 * pow((double) cb->n_sample, -1.0 / (double) nk);
    step = step < 0.02 ? 0.02 : step > 0.25 ? 0.25 : step;
    for (size_t k = 0; k < n_chosen; k++) {
        Local *loc = &w->locs[w->n_locs++];
        if (local_init(loc, run, cb->xt) != 0)
            return -1;
        memcpy(loc->u, w->us + chosen[k] * nk, nk * sizeof *w->us);
        loc->share = left / (long) n_chosen;
        loc->step = step;
    }
    return 0;
}

/* Combination @cb's records into the trace (its sample in index order,
 * then its starts in order), and how its best point was found.  -1 on
 * ENOMEM. */
static int
auto_trace(const Run *run, Combo *cb, const AutoWork *w, RecLog *trace)
{
    const double *best = NULL;
    size_t src = 0, stride = run->stride;   /* src 0: the sample, 1 + k: start k */
    int all_done = 1;

    cb->trace0 = trace->n;
    for (size_t i = cb->first; i < cb->first + cb->n_sample; i++)
        if (w->done[i]) {
            if (append_rec(trace, w->recs + i * stride) != 0)
                return -1;
            if (best == NULL || rec_better(run, w->recs + i * stride, best))
                best = w->recs + i * stride;
        }
    for (size_t k = 0; k < cb->n_locs; k++) {
        const Local *loc = &w->locs[cb->loc0 + k];
        for (size_t i = 0; i < loc->log.n; i++) {
            const double *rec = loc->log.data + i * stride;
            if (append_rec(trace, rec) != 0)
                return -1;
            if (best == NULL || rec_better(run, rec, best))
                best = rec, src = 1 + k;
        }
        if (!loc->ok || loc->end == END_MAX_EVALUATIONS)
            all_done = 0;
    }
    cb->trace_n = trace->n - cb->trace0;
    if (src > 0)
        cb->end = w->locs[cb->loc0 + src - 1].end;
    else if (cb->n_locs > 0)
        cb->end = all_done ? END_CONVERGED : END_MAX_EVALUATIONS;
    return 0;
}

/* "auto" over every combination at once, so that the thread pool stays
 * busy: (1) one pooled Sobol sample, (2) the local polishes of all
 * combinations in one pool.  The trace is assembled combination by
 * combination. */
static ExopkStatus
run_auto(Run *run, Combo *combos, size_t n_combos, RecLog *trace)
{
    size_t per = 16 / n_combos;   /* starts per combination: at most 16 in all */
    ExopkStatus st = EXOPK_ENOMEM;
    AutoWork w;

    per = per < 1 ? 1 : per > N_STARTS ? N_STARTS : per;
    if (auto_work_init(&w, run, combos, n_combos, per) != 0 ||
        auto_sample(run, combos, n_combos, &w) != 0)
        goto out;
    for (size_t c = 0; c < n_combos; c++)
        if (auto_starts(run, &combos[c], per, &w) != 0)
            goto out;
    if (!run_stopped(run))
        run_locals(run, w.locs, w.n_locs);
    for (size_t c = 0; c < n_combos; c++)
        if (auto_trace(run, &combos[c], &w, trace) != 0)
            goto out;
    st = EXOPK_OK;
out:
    auto_work_clear(&w);
    return st;
}

/* ---- validation ------------------------------------------------------ */

static ExopkStatus
parse_algorithm(const char *name, AlgChoice *out, ExopkError *err)
{
    const char *names[N_ALGORITHMS + 2];
    char list[400];
    size_t len = 0;
    const char *sub = NULL;
    char head[64];

    memset(out, 0, sizeof *out);
    if (name == NULL || strcasecmp(name, "auto") == 0) {
        out->is_auto = 1;
        return EXOPK_OK;
    }
    if (strncasecmp(name, "AUGLAG", 6) == 0 && (name[6] == '\0' || name[6] == ':')) {
        sub = name[6] == ':' ? name + 7 : "LN_BOBYQA";
        snprintf(head, sizeof head, "%s", sub);
    } else {
        snprintf(head, sizeof head, "%s", name);
    }
    for (size_t i = 0; i < N_ALGORITHMS; i++)
        if (strcasecmp(head, ALGORITHMS[i].name) == 0) {
            if (sub != NULL) {
                static const AlgInfo auglag = { "AUGLAG", NLOPT_AUGLAG, 1 };
                out->alg = &auglag;
                out->sub = &ALGORITHMS[i];
            } else {
                out->alg = &ALGORITHMS[i];
            }
            return EXOPK_OK;
        }
    names[0] = "auto";
    for (size_t i = 0; i < N_ALGORITHMS; i++)
        names[i + 1] = ALGORITHMS[i].name;
    names[N_ALGORITHMS + 1] = "AUGLAG";
    list[0] = '\0';
    for (size_t i = 0; i < N_ALGORITHMS + 1 && len < sizeof list; i++)
        len += (size_t) snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", names[i]);
    if ((toupper((unsigned char) head[0]) == 'L' || toupper((unsigned char) head[0]) == 'G') &&
        toupper((unsigned char) head[1]) == 'D' && head[2] == '_')
        return exopk_error_set(err, EXOPK_EINVAL,
                               "algorithm \"%s\" needs gradients, which exopk does not compute; "
                               "use one of: %s, AUGLAG:<one of these>", name, list);
    {
        const char *near = exopk_nearest_name(head, names, N_ALGORITHMS + 2);
        return exopk_error_set(err, EXOPK_EINVAL,
                               "unknown algorithm \"%s\"%s%s%s; valid: %s, AUGLAG:<one of these>",
                               name, near ? " (did you mean \"" : "", near ? near : "",
                               near ? "\"?)" : "", list);
    }
}

/* EINVAL unless @res has metric @name; the message suggests the nearest
 * metric name (by edit distance, else by the part after the last dot). */
static ExopkStatus
check_metric(const Run *run, const ExopkResult *res, const char *what, const char *name,
             ExopkError *err)
{
    size_t n = exopk_result_n_metrics(res);
    const char **names;
    const char *near;
    double v;

    if (exopk_result_metric(res, name, &v) == 0)
        return EXOPK_OK;
    names = malloc((n + 1) * sizeof *names);
    if (names == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        names[i] = exopk_result_metric_name(res, i);
    near = exopk_nearest_name(name, names, n);
    for (size_t i = 0; i < n && near == NULL; i++) {
        /* "heart_auc" for "doxorubicin.heart_auc" */
        const char *dot = strrchr(names[i], '.');
        if (dot != NULL && strcmp(dot + 1, name) == 0)
            near = names[i];
    }
    exopk_error_set(err, EXOPK_EINVAL, "%s: arm %s has no metric \"%s\"%s%s%s%s", what,
                    run->p->study->arms[run->p->arm].name, name,
                    near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "",
                    run->control < 0 && strcmp(name, "tgi_pct") == 0
                        ? " (tgi_pct needs an arm named \"control\" and a tumour)" : "");
    free(names);
    return EXOPK_EINVAL;
}

/* The domain of what variable @name sets, and the unit its bounds read in
 * ("" for none); 0 if @name is neither a dosing setting nor a parameter
 * path (exopk_study_set then names the nearest valid name). */
static int
variable_domain(const ExopkStudy *s, const char *name, ExopkDomain *domain, const char **unit)
{
    static const struct {
        const char *name;
        ExopkDomain domain;
        const char *unit;
    } settings[] = {
        { "dose", EXOPK_DOMAIN_NONNEGATIVE, "" }, { "at", EXOPK_DOMAIN_NONNEGATIVE, "h" },
        { "over", EXOPK_DOMAIN_NONNEGATIVE, "h" }, { "every", EXOPK_DOMAIN_POSITIVE, "h" },
        { "count", EXOPK_DOMAIN_POSITIVE, "" }, { "offered", EXOPK_DOMAIN_NONNEGATIVE, "" },
    };
    const ExopkParamField *f;

    for (size_t i = 0; i < sizeof settings / sizeof *settings; i++)
        if (strcmp(name, settings[i].name) == 0 ||
            (strcmp(settings[i].name, "offered") == 0 && strncmp(name, "offered_", 8) == 0)) {
            *domain = settings[i].domain;
            *unit = settings[i].unit;
            return 1;
        }
    if ((f = exopk_study_path_field(s, name)) == NULL)
        return 0;
    *domain = f->domain;
    *unit = strcmp(exopk_unit_kind_unit(f->kind), "1") == 0 ? "" : exopk_unit_kind_unit(f->kind);
    return 1;
}

ExopkStatus
exopk_opt_check_bounds(const ExopkStudy *s, const char *name, double lower, double upper,
                       ExopkError *err)
{
    ExopkDomain domain;
    const char *unit, *end = NULL;
    double bound = 0;

    if (!variable_domain(s, name, &domain, &unit))
        return EXOPK_OK;
    if (!exopk_domain_contains(domain, lower))
        end = "lower", bound = lower;
    else if (!exopk_domain_contains(domain, upper))
        end = "upper", bound = upper;
    if (end == NULL)
        return EXOPK_OK;
    return exopk_error_set(err, EXOPK_EINVAL, "the %s bound %g%s%s is outside the domain of %s (%s)",
                           end, bound, unit[0] ? " " : "", unit, name,
                           exopk_domain_describe(domain));
}

/* The problem's shape and settings, before any variable. */
static ExopkStatus
check_problem(const ExopkOptProblem *p, ExopkError *err)
{
    const ExopkStudy *st = p->study;

    if (st == NULL)
        return exopk_error_set(err, EXOPK_EINVAL, "optimize: no study");
    if (p->arm >= st->n_arms)
        return exopk_error_set(err, EXOPK_EINVAL, "optimize: arm %zu of a study with %zu arms",
                               p->arm, st->n_arms);
    if (p->objective == NULL || p->objective[0] == '\0')
        return exopk_error_set(err, EXOPK_EINVAL, "optimize: no objective metric");
    if (p->n_vars > 0 && p->vars == NULL)
        return exopk_error_set(err, EXOPK_EINVAL, "optimize: %zu variables but none given",
                               p->n_vars);
    if (p->n_constraints > 0 && p->constraints == NULL)
        return exopk_error_set(err, EXOPK_EINVAL, "optimize: %zu constraints but none given",
                               p->n_constraints);
    if (p->max_evaluations < 0 || p->max_time < 0 || p->xtol_rel < 0 || p->ftol_rel < 0 ||
        p->threads < 0 || isnan(p->max_time) || isnan(p->xtol_rel) || isnan(p->ftol_rel))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "optimize: max_evaluations, max_time, xtol_rel, ftol_rel and "
                               "threads must not be negative");
    return EXOPK_OK;
}

/* Variable @i's bounds: ordered, finite, in its domain, fit for its scale. */
static ExopkStatus
check_bounds(const ExopkStudy *st, size_t i, const ExopkOptVariable *v, ExopkError *err)
{
    ExopkError e;

    if (v->name[0] == '\0')
        return exopk_error_set(err, EXOPK_EINVAL, "variable %zu: no name", i);
    if (!isfinite(v->lower) || !isfinite(v->upper) || !(v->lower < v->upper))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "variable %zu (\"%s\"): bounds [%g, %g] need lower < upper, "
                               "both finite", i, v->name, v->lower, v->upper);
    if (v->log_scale && !(v->lower > 0))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "variable %zu (\"%s\"): a log scale needs lower > 0 (got %g)",
                               i, v->name, v->lower);
    if (exopk_opt_check_bounds(st, v->name, v->lower, v->upper, &e) != EXOPK_OK)
        return exopk_error_set(err, EXOPK_EINVAL, "variable %zu: %s", i, e.message);
    return EXOPK_OK;
}

/* Integer variable @i: a whole number in range, and the product of the
 * ranges (*@combos) within what is enumerated. */
static ExopkStatus
check_integer(size_t i, const ExopkOptVariable *v, long *combos, ExopkError *err)
{
    double lo = ceil(v->lower), hi = floor(v->upper);

    if (hi < lo)
        return exopk_error_set(err, EXOPK_EINVAL, "variable %zu (\"%s\"): no whole number in "
                               "[%g, %g]", i, v->name, v->lower, v->upper);
    if (hi - lo + 1 > MAX_COMBINATIONS || (*combos *= (long) (hi - lo + 1)) > MAX_COMBINATIONS)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "integer variables: more than %d combinations to enumerate "
                               "(narrow the bounds of \"%s\")", MAX_COMBINATIONS, v->name);
    return EXOPK_OK;
}

static ExopkStatus
check_variables(const ExopkOptProblem *p, ExopkError *err)
{
    long combos = 1;
    ExopkStatus s;

    for (size_t i = 0; i < p->n_vars; i++) {
        const ExopkOptVariable *v = &p->vars[i];
        if ((s = check_bounds(p->study, i, v, err)) != EXOPK_OK)
            return s;
        if (v->integer && (s = check_integer(i, v, &combos, err)) != EXOPK_OK)
            return s;
    }
    return EXOPK_OK;
}

static ExopkStatus
check_constraints(const ExopkOptProblem *p, ExopkError *err)
{
    for (size_t i = 0; i < p->n_constraints; i++) {
        const ExopkOptConstraint *c = &p->constraints[i];
        if (c->metric[0] == '\0')
            return exopk_error_set(err, EXOPK_EINVAL, "constraint %zu: no metric", i);
        if (bound_present(c->min) && bound_present(c->max) && c->min > c->max)
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "constraint %zu (\"%s\"): min %g > max %g", i, c->metric,
                                   c->min, c->max);
    }
    return EXOPK_OK;
}

/* Applies @x to a copy of the study, to see that every name can be set to
 * it; the copy is freed unless @out takes it. */
static ExopkStatus
try_point(const ExopkOptProblem *p, const double *x, ExopkStudy **out, ExopkError *err)
{
    ExopkStudy *copy = exopk_study_copy(p->study);
    ExopkStatus s;

    if (copy == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    s = apply_vars(copy, p, x, err);
    if (s == EXOPK_OK && out != NULL)
        *out = copy;
    else
        exopk_study_free(copy);
    return s;
}

/* Every name settable at both ends of its range. */
static ExopkStatus
check_ends(const ExopkOptProblem *p, double *x, ExopkError *err)
{
    ExopkStatus s;

    for (int end = 0; end < 2; end++) {
        for (size_t i = 0; i < p->n_vars; i++) {
            const ExopkOptVariable *v = &p->vars[i];
            x[i] = v->integer ? (end ? floor(v->upper) : ceil(v->lower))
                              : (end ? v->upper : v->lower);
        }
        if ((s = try_point(p, x, NULL, err)) != EXOPK_OK)
            return s;
    }
    return EXOPK_OK;
}

/* The metric names, from one run at the middle of the box; sets the
 * objective's scale. */
static ExopkStatus
check_metrics(Run *run, double *x, ExopkError *err)
{
    const ExopkOptProblem *p = run->p;
    ExopkStudy *copy = NULL;
    ExopkResult *res = NULL;
    ExopkError e;
    ExopkStatus s;
    double f;

    for (size_t i = 0; i < p->n_vars; i++) {
        x[i] = var_value(&p->vars[i], 0.5);
        if (p->vars[i].integer) {
            x[i] = nearbyint(x[i]);
            x[i] = x[i] < ceil(p->vars[i].lower) ? ceil(p->vars[i].lower)
                 : x[i] > floor(p->vars[i].upper) ? floor(p->vars[i].upper) : x[i];
        }
    }
    if ((s = try_point(p, x, &copy, err)) != EXOPK_OK)
        return s;
    if ((s = simulate_for(run, copy, &res, &e)) != EXOPK_OK)
        s = exopk_error_set(err, s, "simulating the middle of the box to check the metric "
                                    "names: %s", e.message);
    if (s == EXOPK_OK)
        s = check_metric(run, res, "objective", p->objective, err);
    for (size_t i = 0; i < p->n_constraints && s == EXOPK_OK; i++) {
        char what[64];
        snprintf(what, sizeof what, "constraint %zu", i);
        s = check_metric(run, res, what, p->constraints[i].metric, err);
    }
    if (s == EXOPK_OK) {
        exopk_result_metric(res, p->objective, &f);
        run->fscale = isfinite(f) && f != 0 ? fabs(f) : 1.0;
    }
    exopk_result_free(res);
    exopk_study_free(copy);
    return s;
}

static ExopkStatus
validate(Run *run, ExopkError *err)
{
    const ExopkOptProblem *p = run->p;
    ExopkStatus s;
    double *x;

    if ((s = check_problem(p, err)) != EXOPK_OK ||
        (s = parse_algorithm(p->algorithm, &run->alg, err)) != EXOPK_OK ||
        (s = check_variables(p, err)) != EXOPK_OK || (s = check_constraints(p, err)) != EXOPK_OK)
        return s;
    x = malloc(p->n_vars * sizeof *x + 1);
    if (x == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    if ((s = check_ends(p, x, err)) == EXOPK_OK)
        s = check_metrics(run, x, err);
    free(x);
    return s;
}

/* ---- the driver ------------------------------------------------------ */

/* The integer variables: their lowest values and counts, and the number
 * of combinations they make. */
typedef struct {
    size_t n;
    size_t *index;          /* nv: which variables (owned) */
    double *lo;             /* nv: the lowest value of each (owned) */
    long *count;            /* nv: how many values each takes (owned) */
    long combos;
} IntGrid;

/* A run of @p before validation: its sizes, signs and locks. */
static void
run_start(Run *run, const ExopkOptProblem *p)
{
    memset(run, 0, sizeof *run);
    run->p = p;
    run->t0 = now();
    run->nv = p->n_vars;
    run->nc = p->n_constraints;
    run->stride = run->nv + 2 + run->nc;
    run->sign = p->maximize ? -1.0 : 1.0;
    run->fscale = 1.0;
    run->control = p->study != NULL ? exopk_study_control_arm(p->study) : -1;
    atomic_init(&run->stop, STOP_NONE);
    atomic_init(&run->evaluations, 0);
    pthread_mutex_init(&run->ws_lock, NULL);
}

/* The budget, tolerances and threads (defaults for what @p leaves 0). */
static void
run_limits(Run *run)
{
    const ExopkOptProblem *p = run->p;

    run->budget = p->max_evaluations > 0 ? p->max_evaluations : DEFAULT_MAX_EVALUATIONS;
    run->xtol = p->xtol_rel > 0 ? p->xtol_rel : DEFAULT_XTOL_REL;
    run->ftol = p->ftol_rel > 0 ? p->ftol_rel : DEFAULT_FTOL_REL;
    run->threads = p->threads;
    if (run->threads <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        run->threads = n > 0 ? (int) (n < MAX_THREADS ? n : MAX_THREADS) : 1;
    }
    if (run->threads > MAX_THREADS)
        run->threads = MAX_THREADS;
    if (p->population != NULL && p->spread != NULL)
        run->threads = 1;       /* the hook is called on the calling thread only */
}

/* Splits the variables into continuous (run->cont) and integer (@g).
 * -1 on ENOMEM. */
static int
split_vars(Run *run, IntGrid *g)
{
    const ExopkOptProblem *p = run->p;

    run->cont = malloc(run->nv * sizeof *run->cont + 1);
    g->index = malloc(run->nv * sizeof *g->index + 1);
    g->count = malloc(run->nv * sizeof *g->count + 1);
    g->lo = malloc(run->nv * sizeof *g->lo + 1);
    g->combos = 1;
    if (run->cont == NULL || g->index == NULL || g->count == NULL || g->lo == NULL)
        return -1;
    for (size_t i = 0; i < run->nv; i++) {
        if (p->vars[i].integer) {
            g->lo[g->n] = ceil(p->vars[i].lower);
            g->count[g->n] = (long) (floor(p->vars[i].upper) - g->lo[g->n]) + 1;
            g->combos *= g->count[g->n];
            g->index[g->n++] = i;
        } else {
            run->cont[run->nk++] = i;
        }
    }
    return 0;
}

static void
int_grid_clear(IntGrid *g)
{
    free(g->index);
    free(g->count);
    free(g->lo);
}

/* The integer values of combination @c into @x (the last variable varies
 * fastest). */
static void
int_grid_values(const IntGrid *g, long c, double *x)
{
    long rest = c;

    for (size_t j = g->n; j-- > 0;) {
        x[g->index[j]] = g->lo[j] + (double) (rest % g->count[j]);
        rest /= g->count[j];
    }
}

/* Nothing continuous: every combination (up to the budget) evaluated in
 * parallel, in order, into the trace.  -1 on ENOMEM. */
static int
search_grid(Run *run, const IntGrid *g, RecLog *trace, int *best_end)
{
    size_t n = (size_t) (g->combos < run->budget ? g->combos : run->budget);
    double *xs = malloc(n * run->nv * sizeof *xs + 1);
    double *recs = malloc(n * run->stride * sizeof *recs + 1);
    unsigned char *done = malloc(n + 1);
    int st = xs != NULL && recs != NULL && done != NULL ? 0 : -1;

    for (size_t c = 0; st == 0 && c < n; c++)
        int_grid_values(g, (long) c, xs + c * run->nv);
    if (st == 0)
        run_batch(run, xs, n, recs, done);
    for (size_t c = 0; st == 0 && c < n; c++)
        if (done[c])
            st = append_rec(trace, recs + c * run->stride);
    if (n < (size_t) g->combos)
        *best_end = END_MAX_EVALUATIONS;
    free(xs);
    free(recs);
    free(done);
    return st;
}

static void
combos_free(Combo *cbs, long n)
{
    for (long c = 0; cbs != NULL && c < n; c++)
        free(cbs[c].xt);
    free(cbs);
}

/* One combination per set of integer values, the budget shared out;
 * NULL on ENOMEM. */
static Combo *
combos_new(const Run *run, const IntGrid *g)
{
    Combo *cbs = calloc((size_t) g->combos, sizeof *cbs);

    for (long c = 0; cbs != NULL && c < g->combos; c++) {
        cbs[c].budget = run->budget / g->combos + (c < run->budget % g->combos);
        if ((cbs[c].xt = malloc(run->nv * sizeof *cbs[c].xt)) == NULL) {
            combos_free(cbs, c);
            return NULL;
        }
        for (size_t k = 0; k < run->nk; k++)
            cbs[c].xt[run->cont[k]] = NAN;
        int_grid_values(g, c, cbs[c].xt);
    }
    return cbs;
}

/* Continuous variables: "auto" over all combinations, or the named
 * algorithm on each in turn. */
static ExopkStatus
search_combos(Run *run, Combo *cbs, long combos, RecLog *trace, ExopkError *err)
{
    ExopkStatus st;

    if (run->alg.is_auto) {
        if (run_auto(run, cbs, (size_t) combos, trace) != EXOPK_OK)
            return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return EXOPK_OK;
    }
    for (long c = 0; c < combos && !run_stopped(run); c++)
        if (cbs[c].budget > 0 && (st = run_named(run, &cbs[c], trace, err)) != EXOPK_OK)
            return st;
    return EXOPK_OK;
}

/* The optimum: the first best record in trace order, or NULL; the search
 * that found it decides between "converged" and "max evaluations". */
static const double *
best_record(const Run *run, const RecLog *trace, const Combo *cbs, long combos, int *best_end)
{
    const double *best = NULL;

    for (size_t i = 0; i < trace->n; i++)
        if (best == NULL || rec_better(run, trace->data + i * run->stride, best)) {
            best = trace->data + i * run->stride;
            for (long c = 0; cbs != NULL && c < combos; c++)
                if (i >= cbs[c].trace0 && i < cbs[c].trace0 + cbs[c].trace_n)
                    *best_end = cbs[c].end;
        }
    return best;
}

/* A result with its arrays and the trace copied in; NULL on ENOMEM. */
static ExopkOptResult *
result_with_trace(const Run *run, const RecLog *trace)
{
    ExopkOptResult *r = calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    r->nv = run->nv;
    r->nc = run->nc;
    r->x = malloc(run->nv * sizeof *r->x + 1);
    r->con_value = malloc(run->nc * sizeof *r->con_value + 1);
    r->con_slack = malloc(run->nc * sizeof *r->con_slack + 1);
    r->trace = malloc(trace->n * sizeof *r->trace + 1);
    r->trace_x = malloc(trace->n * run->nv * sizeof *r->trace_x + 1);
    r->study = exopk_study_copy(run->p->study);
    if (r->x == NULL || r->con_value == NULL || r->con_slack == NULL || r->trace == NULL ||
        r->trace_x == NULL || r->study == NULL) {
        exopk_opt_result_free(r);
        return NULL;
    }
    r->n_trace = trace->n;
    for (size_t i = 0; i < trace->n; i++) {
        const double *rec = trace->data + i * run->stride;
        memcpy(r->trace_x + i * run->nv, rec, run->nv * sizeof *rec);
        r->trace[i] = (ExopkOptPoint) { .evaluation = (long) i + 1,
                                        .x = r->trace_x + i * run->nv,
                                        .objective = REC_F(run, rec),
                                        .violation = REC_V(run, rec) };
    }
    r->evaluations = (long) trace->n;
    return r;
}

/* The best record as the result's point, objective and constraints. */
static void
result_at_best(ExopkOptResult *r, const Run *run, const double *best)
{
    memcpy(r->x, best, run->nv * sizeof *r->x);
    r->objective = REC_F(run, best);
    r->feasible = rec_feasible(run, best);
    for (size_t i = 0; i < run->nc; i++) {
        const ExopkOptConstraint *c = &run->p->constraints[i];
        double v = REC_C(run, best)[i], slack = INFINITY;
        if (bound_present(c->max))
            slack = fmin(slack, c->max - v);
        if (bound_present(c->min))
            slack = fmin(slack, v - c->min);
        r->con_value[i] = v;
        r->con_slack[i] = isnan(v) && slack != INFINITY ? -INFINITY : slack;
    }
}

/* Nothing evaluated (stopped at once): the middle of the box. */
static void
result_at_middle(ExopkOptResult *r, const ExopkOptProblem *p)
{
    for (size_t i = 0; i < p->n_vars; i++) {
        r->x[i] = var_value(&p->vars[i], 0.5);
        if (p->vars[i].integer)
            r->x[i] = fmin(fmax(nearbyint(r->x[i]), ceil(p->vars[i].lower)),
                           floor(p->vars[i].upper));
    }
    r->objective = NAN;
    r->feasible = 0;
    for (size_t i = 0; i < p->n_constraints; i++)
        r->con_value[i] = NAN, r->con_slack[i] = NAN;
}

static const char *
run_status(Run *run, const ExopkOptResult *r, int best_end)
{
    switch (atomic_load(&run->stop)) {
    case STOP_CANCELLED: return "cancelled";
    case STOP_TIME: return "max time";
    default:
        return !r->feasible ? "infeasible"
             : best_end == END_MAX_EVALUATIONS ? "max evaluations" : "converged";
    }
}

/* The search itself, once the problem is valid and compiled: the trace
 * of every evaluation, then the result from its best record. */
static ExopkOptResult *
search(Run *run, ExopkError *err)
{
    ExopkOptResult *r = NULL;
    RecLog trace = { .stride = run->stride };
    IntGrid grid = { 0 };
    Combo *cbs = NULL;
    const double *best;
    int best_end = END_CONVERGED;
    ExopkStatus st = EXOPK_ENOMEM;

    run->best = malloc(run->stride * sizeof *run->best);
    run->progress_x = malloc(run->nv * sizeof *run->progress_x + 1);
    if (run->best == NULL || run->progress_x == NULL || split_vars(run, &grid) != 0)
        goto out;
    if (run->nk == 0) {
        if (search_grid(run, &grid, &trace, &best_end) != 0)
            goto out;
    } else {
        if ((cbs = combos_new(run, &grid)) == NULL)
            goto out;
        if ((st = search_combos(run, cbs, grid.combos, &trace, err)) != EXOPK_OK)
            goto out;
    }
    best = best_record(run, &trace, cbs, grid.combos, &best_end);
    st = EXOPK_ENOMEM;
    if ((r = result_with_trace(run, &trace)) == NULL)
        goto out;
    if (best != NULL)
        result_at_best(r, run, best);
    else
        result_at_middle(r, run->p);
    apply_vars(r->study, run->p, r->x, NULL);
    r->status = run_status(run, r, best_end);
    r->wall_time = now() - run->t0;
    st = EXOPK_OK;
out:
    if (st == EXOPK_ENOMEM)
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    free(trace.data);
    int_grid_clear(&grid);
    combos_free(cbs, grid.combos);
    return r;
}

ExopkOptResult *
exopk_optimize(const ExopkOptProblem *p, ExopkError *err)
{
    Run run;
    ExopkOptResult *r = NULL;

    if (p == NULL) {
        exopk_error_set(err, EXOPK_EINVAL, "optimize: no problem");
        return NULL;
    }
    run_start(&run, p);
    if (validate(&run, err) == EXOPK_OK && compile_models(&run, err) == EXOPK_OK) {
        run_limits(&run);
        pthread_mutex_init(&run.lock, NULL);
        pthread_cond_init(&run.cond, NULL);
        r = search(&run, err);
        free(run.cont);
        free(run.best);
        free(run.progress_x);
        pthread_mutex_destroy(&run.lock);
        pthread_cond_destroy(&run.cond);
    }
    free_models(&run);
    pthread_mutex_destroy(&run.ws_lock);
    return r;
}

/* ---- a robust problem's subjects, evaluated elsewhere ------------------ */

struct ExopkOptSubjects {
    Run run;
    Workspace *w;
};

void
exopk_opt_subjects_free(ExopkOptSubjects *s)
{
    if (s == NULL)
        return;
    workspace_free(s->w);
    free_models(&s->run);
    pthread_mutex_destroy(&s->run.ws_lock);
    free(s);
}

ExopkOptSubjects *
exopk_opt_subjects_new(const ExopkOptProblem *p, ExopkError *err)
{
    ExopkOptSubjects *s;

    if (p == NULL || p->population == NULL) {
        exopk_error_set(err, EXOPK_EINVAL, "optimize: the subjects of a problem without a "
                        "population");
        return NULL;
    }
    if ((s = calloc(1, sizeof *s)) == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    run_start(&s->run, p);
    if (validate(&s->run, err) != EXOPK_OK || compile_models(&s->run, err) != EXOPK_OK) {
        exopk_opt_subjects_free(s);
        return NULL;
    }
    if ((s->w = workspace_take(&s->run)) == NULL) {
        exopk_opt_subjects_free(s);
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    return s;
}

int
exopk_opt_subjects_eval(ExopkOptSubjects *s, const double *x, long first, long count,
                        double *values)
{
    size_t m = 1 + s->run.nc;

    for (long j = 0; j < count; j++)
        if (subject_metrics(&s->run, s->w, x, first + j, values + (size_t) j * m, 1) != 0)
            return 1;
    return 0;
}

void
exopk_opt_result_free(ExopkOptResult *r)
{
    if (r == NULL)
        return;
    free(r->x);
    free(r->con_value);
    free(r->con_slack);
    free(r->trace);
    free(r->trace_x);
    exopk_study_free(r->study);
    free(r);
}

size_t
exopk_opt_result_n_vars(const ExopkOptResult *r)
{
    return r->nv;
}

const double *
exopk_opt_result_x(const ExopkOptResult *r)
{
    return r->x;
}

double
exopk_opt_result_objective(const ExopkOptResult *r)
{
    return r->objective;
}

int
exopk_opt_result_feasible(const ExopkOptResult *r)
{
    return r->feasible;
}

void
exopk_opt_result_constraint(const ExopkOptResult *r, size_t i, double *value, double *slack)
{
    assert(i < r->nc);
    if (value != NULL)
        *value = r->con_value[i];
    if (slack != NULL)
        *slack = r->con_slack[i];
}

long
exopk_opt_result_evaluations(const ExopkOptResult *r)
{
    return r->evaluations;
}

double
exopk_opt_result_wall_time(const ExopkOptResult *r)
{
    return r->wall_time;
}

const char *
exopk_opt_result_status(const ExopkOptResult *r)
{
    return r->status;
}

size_t
exopk_opt_result_n_trace(const ExopkOptResult *r)
{
    return r->n_trace;
}

const ExopkOptPoint *
exopk_opt_result_trace(const ExopkOptResult *r, size_t i)
{
    assert(i < r->n_trace);
    return &r->trace[i];
}

ExopkStudy *
exopk_opt_result_dup_study(const ExopkOptResult *r)
{
    return exopk_study_copy(r->study);
}

/* ---- Pareto front ---------------------------------------------------- */

typedef struct {
    double *x;              /* owned */
    double first, second;
    int feasible;
} ParetoPoint;

struct ExopkParetoFront {
    size_t n, nv;
    ParetoPoint *pts;       /* owned */
};

static int
pareto_take(ExopkParetoFront *f, const ExopkOptResult *r, double first, double second)
{
    ParetoPoint *pt = &f->pts[f->n];

    pt->x = malloc(f->nv * sizeof *pt->x + 1);
    if (pt->x == NULL)
        return -1;
    memcpy(pt->x, exopk_opt_result_x(r), f->nv * sizeof *pt->x);
    pt->first = first;
    pt->second = second;
    pt->feasible = exopk_opt_result_feasible(r);
    f->n++;
    return 0;
}

ExopkParetoFront *
exopk_pareto(const ExopkOptProblem *p, const char *second, int maximize_second, size_t n_points,
             ExopkError *err)
{
    ExopkParetoFront *f = NULL;
    ExopkOptConstraint *cons = NULL;
    ExopkOptResult *r1 = NULL, *r2 = NULL, *r = NULL;
    ExopkOptProblem q;
    size_t nc;
    double s1, s2, f2;

    if (p == NULL || p->objective == NULL) {
        exopk_error_set(err, EXOPK_EINVAL, "pareto: no problem or no objective");
        return NULL;
    }
    if (second == NULL || second[0] == '\0' || strlen(second) >= sizeof cons->metric ||
        strlen(p->objective) >= sizeof cons->metric) {
        exopk_error_set(err, EXOPK_EINVAL, "pareto: no second metric, or a name too long");
        return NULL;
    }
    if (n_points < 2) {
        exopk_error_set(err, EXOPK_EINVAL, "pareto: %zu points; a front needs at least 2",
                        n_points);
        return NULL;
    }
    if (p->n_constraints > 0 && p->constraints == NULL) {
        exopk_error_set(err, EXOPK_EINVAL, "pareto: %zu constraints but none given",
                        p->n_constraints);
        return NULL;
    }
    nc = p->n_constraints + 1;
    cons = malloc(nc * sizeof *cons);
    f = calloc(1, sizeof *f);
    if (cons == NULL || f == NULL)
        goto nomem;
    f->nv = p->n_vars;
    f->pts = calloc(n_points, sizeof *f->pts);
    if (f->pts == NULL)
        goto nomem;
    if (p->n_constraints > 0)
        memcpy(cons, p->constraints, p->n_constraints * sizeof *cons);

    /* (1) the first metric alone, recording the second */
    q = *p;
    q.constraints = cons;
    q.n_constraints = nc;
    snprintf(cons[nc - 1].metric, sizeof cons[nc - 1].metric, "%s", second);
    cons[nc - 1].min = cons[nc - 1].max = NAN;
    if ((r1 = exopk_optimize(&q, err)) == NULL)
        goto fail;
    if (strcmp(exopk_opt_result_status(r1), "cancelled") == 0) {
        exopk_error_set(err, EXOPK_ECANCELLED, "pareto: cancelled");
        goto fail;
    }
    exopk_opt_result_constraint(r1, nc - 1, &s1, NULL);
    /* (2) the second alone, recording the first */
    q.objective = second;
    q.maximize = maximize_second;
    snprintf(cons[nc - 1].metric, sizeof cons[nc - 1].metric, "%s", p->objective);
    if ((r2 = exopk_optimize(&q, err)) == NULL)
        goto fail;
    exopk_opt_result_constraint(r2, nc - 1, &f2, NULL);
    s2 = exopk_opt_result_objective(r2);
    if (strcmp(exopk_opt_result_status(r2), "cancelled") == 0) {
        exopk_error_set(err, EXOPK_ECANCELLED, "pareto: cancelled");
        goto fail;
    }
    if (pareto_take(f, r1, exopk_opt_result_objective(r1), s1) != 0 ||
        pareto_take(f, r2, f2, s2) != 0)
        goto nomem;

    /* (3) the first metric with the second bounded at evenly spaced levels
     * strictly between its two optima */
    q.objective = p->objective;
    q.maximize = p->maximize;
    snprintf(cons[nc - 1].metric, sizeof cons[nc - 1].metric, "%s", second);
    for (size_t k = 1; k + 1 < n_points; k++) {
        double level = s1 + (s2 - s1) * (double) k / (double) (n_points - 1), v;
        cons[nc - 1].min = maximize_second ? level : NAN;
        cons[nc - 1].max = maximize_second ? NAN : level;
        if ((r = exopk_optimize(&q, err)) == NULL)
            goto fail;
        if (strcmp(exopk_opt_result_status(r), "cancelled") == 0) {
            exopk_error_set(err, EXOPK_ECANCELLED, "pareto: cancelled");
            goto fail;
        }
        exopk_opt_result_constraint(r, nc - 1, &v, NULL);
        if (pareto_take(f, r, exopk_opt_result_objective(r), v) != 0)
            goto nomem;
        exopk_opt_result_free(r);
        r = NULL;
    }

    /* sorted by the first metric (insertion sort; NAN last) */
    for (size_t i = 1; i < f->n; i++) {
        ParetoPoint t = f->pts[i];
        size_t j = i;
        while (j > 0 && (isnan(f->pts[j - 1].first) ||
                         (!isnan(t.first) && t.first < f->pts[j - 1].first))) {
            f->pts[j] = f->pts[j - 1];
            j--;
        }
        f->pts[j] = t;
    }
    goto out;

nomem:
    exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
fail:
    exopk_pareto_free(f);
    f = NULL;
out:
    exopk_opt_result_free(r);
    exopk_opt_result_free(r1);
    exopk_opt_result_free(r2);
    free(cons);
    return f;
}

void
exopk_pareto_free(ExopkParetoFront *f)
{
    if (f == NULL)
        return;
    for (size_t i = 0; i < f->n; i++)
        free(f->pts[i].x);
    free(f->pts);
    free(f);
}

size_t
exopk_pareto_n_points(const ExopkParetoFront *f)
{
    return f->n;
}

const double *
exopk_pareto_x(const ExopkParetoFront *f, size_t i)
{
    assert(i < f->n);
    return f->pts[i].x;
}

double
exopk_pareto_first(const ExopkParetoFront *f, size_t i)
{
    assert(i < f->n);
    return f->pts[i].first;
}

double
exopk_pareto_second(const ExopkParetoFront *f, size_t i)
{
    assert(i < f->n);
    return f->pts[i].second;
}

int
exopk_pareto_feasible(const ExopkParetoFront *f, size_t i)
{
    assert(i < f->n);
    return f->pts[i].feasible;
}
