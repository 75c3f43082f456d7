/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-jobs.h"
#include "exopk/optimize.h"
#include "exopk-gui-util.h"
#include "exopk-lua.h"
#include "exopk-population.h"
#include "lexopk-fit.h"

/* ---- loading a study ------------------------------------------------- */

/* Study files are other people's data: the loader runs here, off the main
 * thread, so a file that keeps it busy up to its budget never stops the
 * window from painting. */
typedef struct {
    char *path;                   /* owned */
    char *data_dir;               /* owned: read on the main thread */
} ExopkGuiLoadJob;

static void
load_job_free(ExopkGuiLoadJob *job)
{
    g_free(job->path);
    g_free(job->data_dir);
    g_free(job);
}

static void
load_worker(GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
    ExopkGuiLoadJob *job = task_data;
    ExopkError err;
    ExopkStudy *s;

    (void) source;
    (void) cancel;                /* the loader stops at its own budget */
    s = exopk_lua_load_study(job->path, job->data_dir, NULL, NULL, &err);
    if (s == NULL)
        g_task_return_new_error(task, EXOPK_GUI_ERROR, err.code, "%s", err.message);
    else
        g_task_return_pointer(task, s, (GDestroyNotify) exopk_study_free);
}

void
exopk_gui_load_async(const char *path, GCancellable *cancel, GAsyncReadyCallback done,
                     gpointer data)
{
    ExopkGuiLoadJob *job = g_new0(ExopkGuiLoadJob, 1);
    GTask *task = g_task_new(NULL, cancel, done, data);

    job->path = g_strdup(path);
    job->data_dir = g_strdup(exopk_lua_data_dir());
    g_task_set_task_data(task, job, (GDestroyNotify) load_job_free);
    /* the callback always gets the study (or the loader's error): the
     * caller decides whether a cancelled load is still wanted */
    g_task_set_check_cancellable(task, FALSE);
    g_task_run_in_thread(task, load_worker);
    g_object_unref(task);
}

ExopkStudy *
exopk_gui_load_finish(GAsyncResult *res, GError **error)
{
    return g_task_propagate_pointer(G_TASK(res), error);
}

/* ---- simulation ------------------------------------------------------ */

typedef struct {
    ExopkStudy *study;            /* owned copy */
    guint64 generation;
    GCancellable *cancel;         /* owned ref */
    ExopkGuiSimProgressFn progress;
    GObject *progress_data;       /* owned ref */
} ExopkGuiSimJob;

static void
sim_job_free(ExopkGuiSimJob *job)
{
    exopk_study_free(job->study);
    g_clear_object(&job->cancel);
    g_clear_object(&job->progress_data);
    g_free(job);
}

static void
results_free(ExopkResult **r, size_t n)
{
    for (size_t i = 0; r != NULL && i < n; i++)
        exopk_result_free(r[i]);
    g_free(r);
}

void
exopk_gui_sim_output_free(ExopkGuiSimOutput *out)
{
    if (out == NULL)
        return;
    results_free(out->results, out->n);
    g_free(out);
}

typedef struct {
    ExopkGuiSimProgressFn fn;
    GObject *data;                /* owned ref */
    double fraction;
    guint64 generation;
} SimProgress;

static gboolean
sim_progress_main(gpointer p)
{
    SimProgress *sp = p;

    sp->fn(sp->fraction, sp->generation, sp->data);
    return G_SOURCE_REMOVE;
}

static void
sim_progress_free(gpointer p)
{
    SimProgress *sp = p;

    g_object_unref(sp->data);
    g_free(sp);
}

static void
sim_report(ExopkGuiSimJob *job, double fraction)
{
    SimProgress *sp;

    if (job->progress == NULL)
        return;
    sp = g_new(SimProgress, 1);
    *sp = (SimProgress) { job->progress, g_object_ref(job->progress_data), fraction,
                          job->generation };
    g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT, sim_progress_main, sp, sim_progress_free);
}

/* The core asks now and then; a newer edit has cancelled us. */
static int
sim_cancelled(double fraction, void *data)
{
    (void) fraction;
    return g_cancellable_is_cancelled(data);
}

/* Runs every arm of @s; NULL and @error on failure or cancel. */
static ExopkResult **
run_arms(const ExopkStudy *s, ExopkGuiSimJob *job, double base, double share, GError **error)
{
    ExopkResult **r = g_new0(ExopkResult *, s->n_arms ? s->n_arms : 1);
    ExopkSimOptions opts = { .progress = sim_cancelled, .progress_data = job->cancel };
    ExopkError err;

    for (size_t a = 0; a < s->n_arms; a++) {
        r[a] = exopk_simulate(s, a, &opts, &err);
        if (r[a] == NULL) {
            if (err.code == EXOPK_ECANCELLED || g_cancellable_is_cancelled(job->cancel))
                g_set_error_literal(error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
            else
                g_set_error(error, EXOPK_GUI_ERROR, err.code, "arm %s: %s", s->arms[a].name,
                            err.message);
            results_free(r, s->n_arms);
            return NULL;
        }
        sim_report(job, base + share * (a + 1) / s->n_arms);
    }
    exopk_results_compare(s, r);
    return r;
}

static void
sim_worker(GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
    ExopkGuiSimJob *job = task_data;  /* owned by the task; no widgets here */
    ExopkGuiSimOutput *out = g_new0(ExopkGuiSimOutput, 1);
    gint64 t0 = g_get_monotonic_time();
    GError *error = NULL;

    (void) source;
    (void) cancel;
    out->generation = job->generation;
    out->n = job->study->n_arms;
    out->results = run_arms(job->study, job, 0, 1, &error);
    if (error != NULL) {
        exopk_gui_sim_output_free(out);
        g_task_return_error(task, error);
        return;
    }
    out->elapsed_ms = (g_get_monotonic_time() - t0) / 1000.0;
    g_task_return_pointer(task, out, (GDestroyNotify) exopk_gui_sim_output_free);
}

void
exopk_gui_sim_run_async(ExopkStudy *study, guint64 generation,
                        GCancellable *cancel, ExopkGuiSimProgressFn progress,
                        GObject *progress_data, GAsyncReadyCallback done, gpointer data)
{
    ExopkGuiSimJob *job = g_new0(ExopkGuiSimJob, 1);
    GTask *task = g_task_new(NULL, cancel, done, data);

    job->study = study;
    job->generation = generation;
    job->cancel = cancel != NULL ? g_object_ref(cancel) : g_cancellable_new();
    job->progress = progress;
    job->progress_data = progress_data != NULL ? g_object_ref(progress_data) : NULL;
    if (job->progress_data == NULL)
        job->progress = NULL;
    g_task_set_task_data(task, job, (GDestroyNotify) sim_job_free);
    /* a cancelled task still returns its own error, not a pre-empted one */
    g_task_set_return_on_cancel(task, FALSE);
    g_task_run_in_thread(task, sim_worker);
    g_object_unref(task);
}

ExopkGuiSimOutput *
exopk_gui_sim_run_finish(GAsyncResult *res, GError **error)
{
    return g_task_propagate_pointer(G_TASK(res), error);
}

/* ---- optimisation ---------------------------------------------------- */

typedef struct {
    ExopkStudy *study;            /* owned copy */
    ExopkGuiOptSpec spec;
    GCancellable *cancel;         /* owned ref */
    ExopkGuiOptProgressFn progress;
    GObject *progress_data;       /* owned ref */
    gint64 last_report;           /* us; reports are throttled */
    long offset;                  /* evaluations of earlier Pareto points */
} ExopkGuiOptJob;

static void
opt_job_free(ExopkGuiOptJob *job)
{
    exopk_study_free(job->study);
    g_clear_object(&job->cancel);
    g_clear_object(&job->progress_data);
    g_free(job);
}

void
exopk_gui_opt_output_free(ExopkGuiOptOutput *out)
{
    if (out == NULL)
        return;
    if (out->result != NULL)
        exopk_opt_result_free(out->result);
    if (out->front != NULL)
        exopk_pareto_free(out->front);
    g_free(out);
}

typedef struct {
    ExopkGuiOptProgressFn fn;
    GObject *data;                /* owned ref */
    long evaluations;
    double best;
} OptProgress;

static gboolean
opt_progress_main(gpointer p)
{
    OptProgress *op = p;

    op->fn(op->evaluations, op->best, op->data);
    return G_SOURCE_REMOVE;
}

static void
opt_progress_free(gpointer p)
{
    OptProgress *op = p;

    g_object_unref(op->data);
    g_free(op);
}

/* Called by exopk_optimize on this worker thread. */
static int
opt_progress(const ExopkOptPoint *best, long evaluations, void *data)
{
    ExopkGuiOptJob *job = data;
    gint64 now = g_get_monotonic_time();

    if (job->progress != NULL && now - job->last_report > 50000) {
        OptProgress *op = g_new(OptProgress, 1);
        *op = (OptProgress) { job->progress, g_object_ref(job->progress_data),
                              job->offset + evaluations, best != NULL ? best->objective : NAN };
        job->last_report = now;
        g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT, opt_progress_main, op,
                                   opt_progress_free);
    }
    return g_cancellable_is_cancelled(job->cancel);
}

static void
opt_worker(GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
    ExopkGuiOptJob *job = task_data;
    const ExopkGuiOptSpec *sp = &job->spec;
    ExopkGuiOptOutput *out = g_new0(ExopkGuiOptOutput, 1);
    ExopkOptProblem p = {
        .study = job->study, .arm = sp->arm, .vars = sp->vars, .n_vars = sp->n_vars,
        .objective = sp->objective, .maximize = sp->maximize,
        .constraints = sp->constraints, .n_constraints = sp->n_constraints,
        .seed = sp->seed, .max_evaluations = sp->max_evaluations,
        .progress = opt_progress, .progress_data = job,
    };
    ExopkError err;

    (void) source;
    (void) cancel;
    out->result = exopk_optimize(&p, &err);
    if (out->result != NULL && sp->second[0] != '\0'
        && !g_cancellable_is_cancelled(job->cancel)) {
        job->offset = exopk_opt_result_evaluations(out->result);
        out->front = exopk_pareto(&p, sp->second, sp->maximize_second,
                                  sp->n_pareto >= 2 ? sp->n_pareto : 7, &err);
    }
    if (g_cancellable_is_cancelled(job->cancel)) {
        exopk_gui_opt_output_free(out);
        g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
    } else if (out->result == NULL || (sp->second[0] != '\0' && out->front == NULL)) {
        exopk_gui_opt_output_free(out);
        g_task_return_new_error(task, EXOPK_GUI_ERROR, err.code, "%s", err.message);
    } else {
        g_task_return_pointer(task, out, (GDestroyNotify) exopk_gui_opt_output_free);
    }
}

void
exopk_gui_opt_run_async(ExopkStudy *study, const ExopkGuiOptSpec *spec, GCancellable *cancel,
                        ExopkGuiOptProgressFn progress, GObject *progress_data,
                        GAsyncReadyCallback done, gpointer data)
{
    ExopkGuiOptJob *job = g_new0(ExopkGuiOptJob, 1);
    GTask *task = g_task_new(NULL, cancel, done, data);

    job->study = study;
    job->spec = *spec;
    job->cancel = cancel != NULL ? g_object_ref(cancel) : g_cancellable_new();
    job->progress = progress_data != NULL ? progress : NULL;
    job->progress_data = progress_data != NULL ? g_object_ref(progress_data) : NULL;
    g_task_set_task_data(task, job, (GDestroyNotify) opt_job_free);
    g_task_run_in_thread(task, opt_worker);
    g_object_unref(task);
}

ExopkGuiOptOutput *
exopk_gui_opt_run_finish(GAsyncResult *res, GError **error)
{
    return g_task_propagate_pointer(G_TASK(res), error);
}

/* ---- progress reports: throttled, delivered on the main thread -------- */

#define REPORT_EVERY_US 50000

/* What a population or fit worker last said; the main thread reads it. */
typedef struct {
    GObject *data;                /* owned ref */
    long done, total;             /* population: subjects */
    guint stage;                  /* fit: stages */
    gsize evaluations;
    double objective;
    ExopkGuiPopProgressFn pop;
    ExopkGuiFitProgressFn fit;
} Report;

static gboolean
report_main(gpointer p)
{
    Report *r = p;

    if (r->pop != NULL)
        r->pop(r->done, r->total, r->data);
    else
        r->fit(r->stage, r->evaluations, r->objective, r->data);
    return G_SOURCE_REMOVE;
}

static void
report_free(gpointer p)
{
    Report *r = p;

    g_object_unref(r->data);
    g_free(r);
}

/* Sends a copy of @r to the main thread, at most every REPORT_EVERY_US
 * (@last: the time of the previous one) unless @force. */
static void
report(const Report *r, gint64 *last, gboolean force)
{
    gint64 now = g_get_monotonic_time();
    Report *copy;

    if (r->data == NULL || (!force && now - *last < REPORT_EVERY_US))
        return;
    *last = now;
    copy = g_memdup2(r, sizeof *r);
    g_object_ref(copy->data);
    g_main_context_invoke_full(NULL, G_PRIORITY_DEFAULT, report_main, copy, report_free);
}

/* The work of a population or fit job. */
typedef struct {
    ExopkStudy *study;            /* owned copy */
    char *data_dir;               /* owned: read on the main thread */
    GCancellable *cancel;         /* owned ref */
    Report report;                /* data owned */
    gint64 last_report;
    long subjects;                /* population */
    guint64 seed;
    ExopkGuiFitSpec fit;          /* fit */
} ExopkGuiJob;

static void
job_free(ExopkGuiJob *job)
{
    exopk_study_free(job->study);
    g_free(job->data_dir);
    g_clear_object(&job->cancel);
    g_clear_object(&job->report.data);
    g_free(job);
}

static ExopkGuiJob *
job_new(ExopkStudy *study, GCancellable *cancel, GObject *progress_data)
{
    ExopkGuiJob *job = g_new0(ExopkGuiJob, 1);

    job->study = study;
    job->data_dir = g_strdup(exopk_lua_data_dir());
    job->cancel = cancel != NULL ? g_object_ref(cancel) : g_cancellable_new();
    job->report.data = progress_data != NULL ? g_object_ref(progress_data) : NULL;
    return job;
}

/* Returns the core's error on @task: a cancel as G_IO_ERROR_CANCELLED. */
static void
return_core_error(GTask *task, ExopkGuiJob *job, const ExopkError *err)
{
    if (err->code == EXOPK_ECANCELLED || g_cancellable_is_cancelled(job->cancel))
        g_task_return_new_error(task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
    else
        g_task_return_new_error(task, EXOPK_GUI_ERROR, err->code, "%s", err->message);
}

/* ---- populations ------------------------------------------------------ */

static int
pop_progress(long done, long total, void *data)
{
    ExopkGuiJob *job = data;

    job->report.done = done;
    job->report.total = total;
    report(&job->report, &job->last_report, done == total);
    return g_cancellable_is_cancelled(job->cancel);
}

static void
pop_worker(GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
    ExopkGuiJob *job = task_data;
    ExopkPopSpec *spec = g_new0(ExopkPopSpec, 1);
    ExopkPopOptions opts = { .subjects = job->subjects, .seed = job->seed,
                             .threads = (int) MAX(1, g_get_num_processors()),
                             .progress = pop_progress, .progress_data = job };
    ExopkPopSummary *sum = NULL;
    ExopkError err;

    (void) source;
    (void) cancel;
    if (exopk_lua_population_spec(job->study, job->data_dir, spec, &err) != EXOPK_OK)
        return_core_error(task, job, &err);
    else if (spec->n_params == 0)
        g_task_return_new_error(task, EXOPK_GUI_ERROR, EXOPK_EINVAL, "the study varies nothing "
                                "(no variability, batch or uncertainty)");
    else if ((sum = exopk_population_run(job->study, spec, &opts, &err)) == NULL)
        return_core_error(task, job, &err);
    else
        g_task_return_pointer(task, sum, (GDestroyNotify) exopk_pop_summary_free);
    g_free(spec);
}

void
exopk_gui_pop_run_async(ExopkStudy *study, long subjects, guint64 seed, GCancellable *cancel,
                        ExopkGuiPopProgressFn progress, GObject *progress_data,
                        GAsyncReadyCallback done, gpointer data)
{
    ExopkGuiJob *job = job_new(study, cancel, progress != NULL ? progress_data : NULL);
    GTask *task = g_task_new(NULL, cancel, done, data);

    job->subjects = subjects;
    job->seed = seed;
    job->report.pop = progress;
    g_task_set_task_data(task, job, (GDestroyNotify) job_free);
    g_task_set_return_on_cancel(task, FALSE);
    g_task_run_in_thread(task, pop_worker);
    g_object_unref(task);
}

ExopkPopSummary *
exopk_gui_pop_run_finish(GAsyncResult *res, GError **error)
{
    return g_task_propagate_pointer(G_TASK(res), error);
}

/* ---- fits ------------------------------------------------------------- */

void
exopk_gui_fit_output_free(ExopkGuiFitOutput *out)
{
    if (out == NULL)
        return;
    exopk_fit_result_free(out->result);
    g_free(out->notes);
    g_free(out);
}

static int
fit_progress(size_t evaluations, double objective, void *data)
{
    ExopkGuiJob *job = data;

    job->report.stage++;
    job->report.evaluations = evaluations;
    job->report.objective = objective;
    report(&job->report, &job->last_report, job->report.stage == 1);
    return g_cancellable_is_cancelled(job->cancel);
}

/* @model for every observation name of @obs (the names borrowed from it):
 * the panel offers one choice for all. */
static size_t
fit_errors(const ExopkObserved *obs, ExopkErrorModel model, ExopkFitError *e, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < exopk_observed_n(obs); i++) {
        const char *name = exopk_observed_get(obs, i)->name;
        size_t k = 0;
        while (k < n && strcmp(e[k].name, name) != 0)
            k++;
        if (k == n && n < max)
            e[n++] = (ExopkFitError) { name, model };
    }
    return n;
}

/* Library priors for @q; lines about those without a range in @notes. */
static gboolean
fit_priors(ExopkGuiJob *job, ExopkFitParam *q, size_t n, GString *notes, ExopkError *err)
{
    int found[EXOPK_GUI_FIT_MAX] = { 0 };

    if (exopk_lua_library_priors(job->data_dir, job->study, q, n, found, err) != EXOPK_OK)
        return FALSE;
    for (size_t k = 0; k < n; k++)
        if (!found[k])
            g_string_append_printf(notes, "the library gives %s no range: no prior\n",
                                   q[k].path);
    return TRUE;
}

static void
fit_worker(GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
    ExopkGuiJob *job = task_data;
    const ExopkGuiFitSpec *sp = &job->fit;
    ExopkFitParam q[EXOPK_GUI_FIT_MAX];
    ExopkFitError e[256];
    GString *notes = g_string_new(NULL);
    ExopkGuiFitOutput *out;
    ExopkObserved *obs;
    ExopkFitProblem p = { .n_params = sp->n_params, .params = q, .errors = e,
                          .progress = fit_progress, .progress_data = job };
    ExopkFitResult *r = NULL;
    ExopkError err;

    (void) source;
    (void) cancel;
    for (size_t k = 0; k < sp->n_params; k++)
        q[k] = (ExopkFitParam) { sp->params[k], NAN, NAN, NAN, NAN, NAN };
    obs = exopk_study_read_observed(job->study, NULL, &err);
    if (obs != NULL) {
        p.n_errors = fit_errors(obs, sp->model, e, G_N_ELEMENTS(e));
        if (!sp->library_priors || fit_priors(job, q, sp->n_params, notes, &err))
            r = exopk_fit(job->study, obs, &p, &err);
    }
    if (r == NULL) {
        return_core_error(task, job, &err);
        g_string_free(notes, TRUE);
    } else {
        out = g_new0(ExopkGuiFitOutput, 1);
        out->result = r;
        out->notes = g_string_free(notes, FALSE);
        g_task_return_pointer(task, out, (GDestroyNotify) exopk_gui_fit_output_free);
    }
    exopk_observed_free(obs);     /* the result keeps copies of what it reports */
}

void
exopk_gui_fit_run_async(ExopkStudy *study, const ExopkGuiFitSpec *spec, GCancellable *cancel,
                        ExopkGuiFitProgressFn progress, GObject *progress_data,
                        GAsyncReadyCallback done, gpointer data)
{
    ExopkGuiJob *job = job_new(study, cancel, progress != NULL ? progress_data : NULL);
    GTask *task = g_task_new(NULL, cancel, done, data);

    job->fit = *spec;
    job->report.fit = progress;
    g_task_set_task_data(task, job, (GDestroyNotify) job_free);
    g_task_set_return_on_cancel(task, FALSE);
    g_task_run_in_thread(task, fit_worker);
    g_object_unref(task);
}

ExopkGuiFitOutput *
exopk_gui_fit_run_finish(GAsyncResult *res, GError **error)
{
    return g_task_propagate_pointer(G_TASK(res), error);
}
