/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the optimisation panel (exopk_optimize, exopk_pareto). */
#ifndef EXOPK_GUI_OPTIMIZE_H
#define EXOPK_GUI_OPTIMIZE_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"

G_BEGIN_DECLS

typedef struct _ExopkGuiWindow ExopkGuiWindow;

/* The panel for @win (borrowed: the panel lives inside it). */
GtkWidget *exopk_gui_optimize_panel_new(ExopkGuiWindow *win);
/* Refills the arm list from @study (borrowed for the call). */
void exopk_gui_optimize_panel_set_study(GtkWidget *panel, const ExopkStudy *study);

/* For tests and the screenshots: sets up a problem as the user would
 * in the widgets: the arm named @arm, the variables @vars (names of
 * "dose", "every", "count", "offered"; the others unticked) between @lo
 * and @hi, @objective minimised or maximised, no constraints, no Pareto
 * front, at most @max_evaluations.  FALSE when @arm or a variable is not
 * offered. */
gboolean exopk_gui_optimize_panel_configure(GtkWidget *panel, const char *arm,
                                            const char *const *vars, const double *lo,
                                            const double *hi, size_t n_vars,
                                            const char *objective, gboolean maximize,
                                            long max_evaluations);
/* The "run", "cancel" or "apply" button (borrowed; NULL for other names). */
GtkWidget *exopk_gui_optimize_panel_get_button(GtkWidget *panel, const char *name);
/* The status text: progress, the result, or an error. */
const char *exopk_gui_optimize_panel_get_status(GtkWidget *panel);
/* Whether an optimisation is running. */
gboolean exopk_gui_optimize_panel_get_running(GtkWidget *panel);
/* The optimum of the last finished run, variable @i (NAN if none). */
double exopk_gui_optimize_panel_get_optimum(GtkWidget *panel, size_t i);

G_END_DECLS

#endif
