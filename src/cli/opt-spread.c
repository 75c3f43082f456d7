/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk run` under mpirun (docs/mpi.md): rank 0 runs the script; the
 * other ranks never do (no side effect twice), they serve.  When the
 * script calls exopk.optimize with a population, rank 0 sends every rank
 * a setup (the study as study-file text, the arm, the variables, the
 * metrics and their statistics, the subjects and the population seed),
 * each rank rebuilds the problem from it (exopk_opt_subjects_new), and
 * each candidate's subjects are then one deal (cli_deal): chunks of
 * subjects, every row the candidate's x, answered with the subjects'
 * metrics (1 + constraints doubles a subject) and committed in chunk
 * order into the optimiser's array, so the result does not depend on the
 * ranks.  An answer with status 0 and no values says a subject failed:
 * the candidate fails, as without MPI.  A rank that fails (a forced
 * failure, no memory) cancels the search, and exopk.optimize raises an
 * error naming the rank and its subjects. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-population.h"
#include "exopk/exopk.h"
#include "mpi-deal.h"
#include "opt-spread.h"

/* The setup's fixed part; then n_vars ExopkOptVariable, n_constraints
 * ExopkOptConstraint, and the strings objective, statistic, data_dir (each
 * with its NUL) and the study text (the rest).  Ranks run the same
 * binary on machines of one kind: the structs travel as they are. */
typedef struct {
    uint64_t population_seed;
    long subjects;
    size_t arm, n_vars, n_constraints;
    int maximize, has_statistic;
    size_t objective, statistic, data_dir;   /* bytes, NULs included */
} SetupHead;

/* A rank's problem, rebuilt from a setup (rank 0: its own problem). */
typedef struct {
    ExopkStudy *study;            /* owned (NULL on rank 0) */
    ExopkPopSpec *spec;           /* owned (NULL on rank 0) */
    char *msg;                    /* the setup's bytes: vars, constraints and strings */
    ExopkOptProblem p;
    ExopkOptSubjects *subjects;   /* NULL: no problem */
    size_t nv, metrics;           /* variables; 1 + constraints */
} Worker;

/* Rank 0's side of one exopk.optimize. */
typedef struct {
    Worker own;                   /* rank 0's share, on the dealer's thread */
    double *rows;                 /* subjects x nv: x in every row */
    double *values;               /* the optimiser's: metric m of subject j at m n + j - 1 */
    long n;
    int subject_failed, failed;
    ExopkError err;               /* when failed */
} Spread;

static Spread spread;

static void
worker_clear(Worker *w)
{
    exopk_opt_subjects_free(w->subjects);
    exopk_study_free(w->study);
    free(w->spec);
    free(w->msg);
    memset(w, 0, sizeof *w);
}

/* ---- the chunks (any rank) ------------------------------------------------ */


/* Subjects @first .. @first + @count - 1 of the candidate in @in. */
static void
work_subjects(void *ctx, long first, long count, const char *in, MpiAnswer *out)
{
    Worker *w = ctx;
    size_t n = (size_t) count * w->metrics * sizeof(double);
    char msg[160];

    if (w->subjects == NULL || in == NULL) {
        mpi_answer_fail(out, (int) EXOPK_EINVAL, "this rank has no problem to evaluate (its setup failed)");
        return;
    }
    if (cli_mpi_forced_failure()) {
        snprintf(msg, sizeof msg, "subjects %ld to %ld: failure forced by EXOPK_MPI_FAIL", first,
                 first + count - 1);
        mpi_answer_fail(out, (int) EXOPK_ESOLVER, msg);
        return;
    }
    if ((out->data = malloc(n ? n : 1)) == NULL) {
        mpi_answer_fail(out, (int) EXOPK_ENOMEM, "out of memory");
        return;
    }
    out->status = 0;   /* @in: rows of doubles (malloc'd after a 24-byte header, or rank 0's) */
    out->len = exopk_opt_subjects_eval(w->subjects, (const double *) in, first, count,
                                       (double *) out->data) == 0
               ? n : 0;   /* no values: a subject failed */
}

/* Rank 0, in chunk order: the chunk's values into the optimiser's array. */
static int
commit_subjects(void *ctx, long first, long count, int rank, MpiAnswer *a)
{
    Spread *s = ctx;
    size_t m = s->own.metrics;
    const double *v = (const double *) a->data;

    if (a->status != 0 || (a->len != 0 && a->len != (size_t) count * m * sizeof *v)) {
        exopk_error_set(&s->err, EXOPK_ESOLVER, "rank %d: %s", rank,
                        a->status != 0 && a->data != NULL ? a->data
                        : "the answer has the wrong size");
        s->failed = 1;
    } else if (a->len == 0) {
        s->subject_failed = 1;
    } else {
        for (long j = 0; j < count; j++)
            for (size_t k = 0; k < m; k++)
                s->values[k * (size_t) s->n + (size_t) (first - 1 + j)] = v[(size_t) j * m + k];
    }
    free(a->data);
    return s->failed || s->subject_failed;
}

/* ExopkOptProblem.spread: one deal of the candidate's subjects. */
static int
spread_subjects(void *data, const double *x, long n, double *values)
{
    Spread *s = data;
    long size = cli_mpi_size(), chunk = (n + 8 * size - 1) / (8 * size);
    MpiDeal d = { .first = 1, .count = n, .rows = (const char *) s->rows,
                  .row = s->own.nv * sizeof *x, .work = work_subjects, .work_ctx = &s->own,
                  .commit = commit_subjects, .commit_ctx = s };

    d.chunk = chunk < 1 ? 1 : chunk > 16 ? 16 : chunk;
    for (long j = 0; j < n; j++)
        memcpy(s->rows + (size_t) j * s->own.nv, x, s->own.nv * sizeof *x);
    s->values = values;
    s->n = n;
    s->subject_failed = 0;
    if (cli_deal(&d) != 0 && !s->failed && !s->subject_failed) {
        exopk_error_set(&s->err, EXOPK_ESOLVER, "the ranks stopped");
        s->failed = 1;
    }
    if (s->failed)
        return -1;
    return s->subject_failed;
}

/* ---- the setup ---------------------------------------------------------------- */

/* @p as a setup message (malloc'd, *@len bytes); NULL + @err. */
static char *
setup_message(const ExopkOptProblem *p, const char *data_dir, size_t *len, ExopkError *err)
{
    SetupHead h = { p->population_seed, p->subjects, p->arm, p->n_vars, p->n_constraints,
                    p->maximize, p->statistic != NULL, strlen(p->objective) + 1,
                    p->statistic != NULL ? strlen(p->statistic) + 1 : 0, strlen(data_dir) + 1 };
    char *msg = NULL;
    FILE *f = open_memstream(&msg, len);
    ExopkStatus st;

    if (f == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    fwrite(&h, sizeof h, 1, f);
    fwrite(p->vars, sizeof *p->vars, p->n_vars, f);
    fwrite(p->constraints, sizeof *p->constraints, p->n_constraints, f);
    fwrite(p->objective, 1, h.objective, f);
    if (p->statistic != NULL)
        fwrite(p->statistic, 1, h.statistic, f);
    fwrite(data_dir, 1, h.data_dir, f);
    st = exopk_lua_write_study_fp(p->study, f, err);
    if (st == EXOPK_OK && ferror(f))
        st = exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    fclose(f);
    if (st != EXOPK_OK) {
        free(msg);
        return NULL;
    }
    return msg;
}

/* @w's problem from the strings and the study (@study bytes) of the
 * setup in @w->msg, whose head is @h.  0, or -1 and @err. */
static int
worker_problem(Worker *w, const SetupHead *h, size_t study, ExopkError *err)
{
    char *vars = w->msg, *cons = vars + h->n_vars * sizeof(ExopkOptVariable);
    char *obj = cons + h->n_constraints * sizeof(ExopkOptConstraint);
    char *stat = obj + h->objective, *dir = stat + h->statistic, *text = dir + h->data_dir;

    w->study = exopk_lua_load_study_buffer(text, study, "the study of exopk.optimize", dir,
                                           NULL, NULL, err);
    if (w->study == NULL)
        return -1;
    if ((w->spec = malloc(sizeof *w->spec)) == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return -1;
    }
    if (exopk_lua_population_spec(w->study, dir, w->spec, err) != EXOPK_OK)
        return -1;
    w->p = (ExopkOptProblem){ .study = w->study, .arm = h->arm,
                              .vars = (const ExopkOptVariable *) vars, .n_vars = h->n_vars,
                              .objective = obj, .maximize = h->maximize,
                              .constraints = (const ExopkOptConstraint *) cons,
                              .n_constraints = h->n_constraints, .population = w->spec,
                              .subjects = h->subjects, .population_seed = h->population_seed,
                              .statistic = h->has_statistic ? stat : NULL };
    w->nv = h->n_vars;
    w->metrics = 1 + h->n_constraints;
    w->subjects = exopk_opt_subjects_new(&w->p, err);
    return w->subjects != NULL ? 0 : -1;
}

/* Ranks other than 0: a setup, checked for size, then the problem. */
static int
worker_setup(Worker *w, const char *data, size_t len, ExopkError *err)
{
    SetupHead h;
    size_t body;

    exopk_error_set(err, EXOPK_EINVAL, "the setup is cut short");
    if (data == NULL || len < sizeof h)
        return -1;
    memcpy(&h, data, sizeof h);
    body = h.n_vars * sizeof(ExopkOptVariable) + h.n_constraints * sizeof(ExopkOptConstraint)
           + h.objective + h.statistic + h.data_dir;
    if (h.n_vars > len || h.n_constraints > len || h.objective == 0 || h.data_dir == 0
        || h.objective > len || h.statistic > len || h.data_dir > len
        || body > len - sizeof h)
        return -1;
    /* the strings end in their NUL; the study text is counted */
    if ((w->msg = malloc(len - sizeof h + 1)) == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return -1;
    }
    memcpy(w->msg, data + sizeof h, len - sizeof h);
    w->msg[len - sizeof h] = '\0';
    return worker_problem(w, &h, len - sizeof h - body, err);
}

static void
setup_answer(void *ctx, const char *data, size_t len, MpiAnswer *out)
{
    Worker *w = ctx;
    ExopkError err;

    worker_clear(w);
    if (worker_setup(w, data, len, &err) != 0) {
        worker_clear(w);
        mpi_answer_fail(out, (int) err.code, err.message);
        return;
    }
    *out = (MpiAnswer){ 0, NULL, 0 };
}

/* Rank 0: a rank's answer to the setup. */
static int
commit_setup(void *ctx, long first, long count, int rank, MpiAnswer *a)
{
    Spread *s = ctx;

    (void) first, (void) count;
    if (a->status != 0)
        exopk_error_set(&s->err, (ExopkStatus) a->status, "rank %d: %s", rank,
                        a->data != NULL && a->len > 0 ? a->data : "its setup failed");
    free(a->data);
    return a->status != 0;
}

/* ---- rank 0: the spreader of the Lua layer ------------------------------------ */

static int
spread_end(void *data, ExopkError *err)
{
    Spread *s = data;
    int failed = s->failed;

    if (failed)
        *err = s->err;
    exopk_opt_subjects_free(s->own.subjects);
    free(s->rows);
    memset(s, 0, sizeof *s);
    return failed ? -1 : 0;
}

static int
spread_begin(void *data, const ExopkOptProblem *p, const char *data_dir, ExopkError *err)
{
    Spread *s = data;
    long n = p->subjects > 0 ? p->subjects : 200;
    size_t len;
    char *msg = NULL;

    memset(s, 0, sizeof *s);
    s->own.p = *p;
    s->own.nv = p->n_vars;
    s->own.metrics = 1 + p->n_constraints;
    /* rank 0 checks the problem first: a bad one fails with the message
     * of a run without MPI */
    s->own.subjects = exopk_opt_subjects_new(&s->own.p, &s->err);
    if (s->own.subjects != NULL
        && (s->rows = malloc((size_t) n * p->n_vars * sizeof *s->rows + 1)) == NULL)
        exopk_error_set(&s->err, EXOPK_ENOMEM, "out of memory");
    s->failed = s->rows == NULL || (msg = setup_message(p, data_dir, &len, &s->err)) == NULL
                || cli_mpi_setup(msg, len, commit_setup, s) != 0;
    free(msg);
    return s->failed ? spread_end(s, err) : 0;
}

void
cli_opt_spread_register(void)
{
    ExopkLuaSpreader sp = { spread_begin, spread_subjects, spread_end, &spread };

    exopk_lua_set_population_spreader(&sp);
}

int
cli_opt_serve(void)
{
    Worker w = { 0 };

    cli_mpi_serve_setup(work_subjects, NULL, setup_answer, &w);
    worker_clear(&w);
    return 0;
}
