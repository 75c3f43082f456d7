/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the Population bar above the plot.  When ticked, a virtual
 * population of the study's variability (N subjects, a seed) runs on a
 * worker (exopk_population_run) and the plot draws its p05..p95 bands
 * and p50 lines on every panel.  An edit cancels the running population
 * and starts another after a short pause; unticked, it costs an edit
 * nothing. */
#ifndef EXOPK_GUI_POPULATION_H
#define EXOPK_GUI_POPULATION_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"

G_BEGIN_DECLS

typedef struct _ExopkGuiWindow ExopkGuiWindow;

/* The bar for @win (borrowed: the bar lives inside it). */
GtkWidget *exopk_gui_population_bar_new(ExopkGuiWindow *win);
/* The window's study changed (an edit, another study): says what the
 * study varies and, when ticked, drops the bands and runs the population
 * again after a pause, cancelling a running one. */
void exopk_gui_population_bar_study_changed(GtkWidget *bar);
/* Cancels the running population; the bar does nothing more (the
 * window's dispose calls it: a job may keep the bar alive a little). */
void exopk_gui_population_bar_shutdown(GtkWidget *bar);

/* For tests: ticks (or unticks) the bar as the user would, with
 * @subjects and @seed in its fields. */
void exopk_gui_population_bar_configure(GtkWidget *bar, gboolean active, long subjects,
                                        guint64 seed);
/* The toggle (borrowed). */
GtkWidget *exopk_gui_population_bar_get_toggle(GtkWidget *bar);
/* Whether a population runs or waits for its pause to end. */
gboolean exopk_gui_population_bar_get_busy(GtkWidget *bar);
/* Populations finished and drawn so far, and (@started, may be NULL)
 * how many were started (a cancelled one too). */
guint exopk_gui_population_bar_get_runs(GtkWidget *bar, guint *started);
/* What the bar says: the variability, progress, or the last error. */
const char *exopk_gui_population_bar_get_text(GtkWidget *bar);

G_END_DECLS

#endif
