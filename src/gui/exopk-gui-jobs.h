/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: simulation and optimisation jobs on worker threads.
 *
 * A job owns a copy of everything it needs; the worker never touches a
 * widget.  Progress reaches the main thread through g_main_context_invoke;
 * cancelling the GCancellable makes the core's progress callback return
 * nonzero, and the finish functions then fail with G_IO_ERROR_CANCELLED. */
#ifndef EXOPK_GUI_JOBS_H
#define EXOPK_GUI_JOBS_H

#include <gio/gio.h>

#include "exopk/exopk.h"
#include "exopk/fit.h"
#include "exopk/optimize.h"
#include "exopk/population.h"

G_BEGIN_DECLS

/* Loads the study file @path on a worker thread (the parameter library:
 * exopk_lua_data_dir(), read now).  @cancel is only handed on: the loader
 * cannot be stopped early (it stops at its own budget), so the finish
 * function always returns its study or error and the caller drops an
 * unwanted one. */
void exopk_gui_load_async(const char *path, GCancellable *cancel, GAsyncReadyCallback done,
                          gpointer data);
/* The study (transfer full), or NULL and the loader's FILE:LINE: message. */
ExopkStudy *exopk_gui_load_finish(GAsyncResult *res, GError **error);

/* What a simulation job hands back (owned by the receiver). */
typedef struct {
    guint64 generation;           /* the edit it was started for */
    size_t n;                     /* arms */
    ExopkResult **results;        /* owned, n */
    double elapsed_ms;            /* in the worker */
} ExopkGuiSimOutput;

void exopk_gui_sim_output_free(ExopkGuiSimOutput *out);
/* Takes the results out of @out (the caller frees them with exopk_result_free). */

/* Main-thread progress: @fraction of the arms done. */
typedef void (*ExopkGuiSimProgressFn)(double fraction, guint64 generation, gpointer data);

/* Simulates every arm of @study (transfer full) and compares them (the
 * plot zooms into these results; it needs no simulation of its own).
 * @progress_data is a GObject, kept alive by the job. */
void exopk_gui_sim_run_async(ExopkStudy *study, guint64 generation,
                             GCancellable *cancel, ExopkGuiSimProgressFn progress,
                             GObject *progress_data, GAsyncReadyCallback done, gpointer data);
ExopkGuiSimOutput *exopk_gui_sim_run_finish(GAsyncResult *res, GError **error);

/* An optimisation problem, copied into the job. */
typedef struct {
    size_t arm;
    size_t n_vars;
    ExopkOptVariable vars[5];
    char objective[128];
    int maximize;
    size_t n_constraints;
    ExopkOptConstraint constraints[2];
    char second[128];             /* "" : no Pareto front */
    int maximize_second;
    size_t n_pareto;
    long max_evaluations;
    unsigned long seed;
} ExopkGuiOptSpec;

typedef struct {
    ExopkOptResult *result;       /* owned */
    ExopkParetoFront *front;      /* owned, or NULL */
} ExopkGuiOptOutput;

void exopk_gui_opt_output_free(ExopkGuiOptOutput *out);

/* Main-thread progress: evaluations so far and the best objective (NAN
 * before a feasible point). */
typedef void (*ExopkGuiOptProgressFn)(long evaluations, double best, gpointer data);

/* Optimises @study (transfer full) as @spec says. */
void exopk_gui_opt_run_async(ExopkStudy *study, const ExopkGuiOptSpec *spec, GCancellable *cancel,
                             ExopkGuiOptProgressFn progress, GObject *progress_data,
                             GAsyncReadyCallback done, gpointer data);
ExopkGuiOptOutput *exopk_gui_opt_run_finish(GAsyncResult *res, GError **error);

/* ---- populations (include/exopk/population.h) ---- */

/* Main-thread progress: subjects done of @total. */
typedef void (*ExopkGuiPopProgressFn)(long done, long total, gpointer data);

/* Simulates @subjects subjects of every arm of @study (transfer full),
 * drawn with @seed from the study's variability (and its library
 * uncertainty, exopk_lua_population_spec).  A study that varies nothing
 * is an error saying so. */
void exopk_gui_pop_run_async(ExopkStudy *study, long subjects, guint64 seed,
                             GCancellable *cancel, ExopkGuiPopProgressFn progress,
                             GObject *progress_data, GAsyncReadyCallback done, gpointer data);
/* The summary (transfer full; its bands are those of every arm, in the
 * study's order), or NULL and the error (G_IO_ERROR_CANCELLED if cancelled). */
ExopkPopSummary *exopk_gui_pop_run_finish(GAsyncResult *res, GError **error);

/* ---- fits (include/exopk/fit.h) ---- */

#define EXOPK_GUI_FIT_MAX 16

/* A fit problem, copied into the job.  The data are the study's
 * (exopk_study_read_observed: its CSV or NONMEM dataset), read in the worker. */
typedef struct {
    size_t n_params;
    char params[EXOPK_GUI_FIT_MAX][128];  /* study parameter paths */
    ExopkErrorModel model;        /* for every observation name of the data */
    gboolean library_priors;      /* log-normal priors from the library ranges */
} ExopkGuiFitSpec;

typedef struct {
    ExopkFitResult *result;       /* owned */
    char *notes;                  /* owned: "" or lines about priors not found */
} ExopkGuiFitOutput;

void exopk_gui_fit_output_free(ExopkGuiFitOutput *out);

/* Main-thread progress: stages done (the global search, then each
 * trust-region iteration), evaluations so far and the best objective. */
typedef void (*ExopkGuiFitProgressFn)(guint stage, gsize evaluations, double objective,
                                      gpointer data);

/* Fits @study (transfer full) to the data of @spec. */
void exopk_gui_fit_run_async(ExopkStudy *study, const ExopkGuiFitSpec *spec, GCancellable *cancel,
                             ExopkGuiFitProgressFn progress, GObject *progress_data,
                             GAsyncReadyCallback done, gpointer data);
ExopkGuiFitOutput *exopk_gui_fit_run_finish(GAsyncResult *res, GError **error);

G_END_DECLS

#endif
