/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the fit panel (exopk_fit, docs/fit.md).  Parameters to
 * estimate are chosen from those the arms with data use (with a filter),
 * one residual error model for every observation, library priors on or
 * off; the fit runs on a worker with progress and Cancel; the estimates
 * (SE, RSE, 95 % CI, warnings) are shown, and Apply writes them into the
 * study's params as one edit. */
#ifndef EXOPK_GUI_FIT_H
#define EXOPK_GUI_FIT_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"
#include "exopk/fit.h"

G_BEGIN_DECLS

typedef struct _ExopkGuiWindow ExopkGuiWindow;

/* The panel for @win (borrowed: the panel lives inside it). */
GtkWidget *exopk_gui_fit_panel_new(ExopkGuiWindow *win);
/* Refills the parameter list from @study (borrowed for the call) and its
 * data; the ticks are kept by name. */
void exopk_gui_fit_panel_set_study(GtkWidget *panel, const ExopkStudy *study);
/* Cancels a running fit and forgets the last one (a new study is shown). */
void exopk_gui_fit_panel_forget(GtkWidget *panel);
/* Cancels a running fit; the panel does nothing more (the window's
 * dispose calls it). */
void exopk_gui_fit_panel_shutdown(GtkWidget *panel);

/* For tests: ticks exactly the parameters @params (FALSE when one is not
 * offered), the error model and the library priors, as the user would. */
gboolean exopk_gui_fit_panel_configure(GtkWidget *panel, const char *const *params, size_t n,
                                       ExopkErrorModel model, gboolean library_priors);
/* The "run", "cancel" or "apply" button (borrowed; NULL for other names). */
GtkWidget *exopk_gui_fit_panel_get_button(GtkWidget *panel, const char *name);
/* The filter entry and how many parameters it leaves in view. */
GtkWidget *exopk_gui_fit_panel_get_filter(GtkWidget *panel);
guint exopk_gui_fit_panel_count_shown(GtkWidget *panel);
gboolean exopk_gui_fit_panel_get_running(GtkWidget *panel);
/* Progress, the fit's summary, or an error. */
const char *exopk_gui_fit_panel_get_status(GtkWidget *panel);
/* The last finished fit (borrowed), or NULL. */
const ExopkFitResult *exopk_gui_fit_panel_get_result(GtkWidget *panel);
/* The warnings under the table ("" when none). */
const char *exopk_gui_fit_panel_get_warnings(GtkWidget *panel);
/* The text of cell (@row, @col) of the estimates table (row 0: the
 * headings), "" outside it. */
const char *exopk_gui_fit_panel_get_cell(GtkWidget *panel, int row, int col);

G_END_DECLS

#endif
