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

G_END_DECLS

#endif
