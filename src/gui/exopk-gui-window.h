/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the main window (one study). */
#ifndef EXOPK_GUI_WINDOW_H
#define EXOPK_GUI_WINDOW_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"
#include "exopk-gui-plot.h"

G_BEGIN_DECLS

#define EXOPK_GUI_TYPE_WINDOW (exopk_gui_window_get_type())
G_DECLARE_FINAL_TYPE(ExopkGuiWindow, exopk_gui_window, EXOPK_GUI, WINDOW, GtkApplicationWindow)

ExopkGuiWindow *exopk_gui_window_new(GtkApplication *app);

/* Opens a study file (an error dialog on failure; the window keeps what it
 * had).  The unsaved-changes guard is the caller's (win.open does it). */
gboolean exopk_gui_window_load_file(ExopkGuiWindow *win, const char *path, GError **error);
/* Shows the bundled default study as an untitled document. */
gboolean exopk_gui_window_load_default(ExopkGuiWindow *win, GError **error);
/* Recovers an autosaved study: its text, and the file it belonged to. */
gboolean exopk_gui_window_load_recovered(ExopkGuiWindow *win, const char *text,
                                         const char *orig_path, GError **error);

/* The edited study (borrowed; changes with every edit). */
const ExopkStudy *exopk_gui_window_get_study(ExopkGuiWindow *win);
/* Replaces the study (transfer full), e.g. with an optimum, as one edit. */
void exopk_gui_window_replace_study(ExopkGuiWindow *win, ExopkStudy *study);
gboolean exopk_gui_window_get_dirty(ExopkGuiWindow *win);
/* Drops the unsaved-changes guard (tests, --screenshot, --benchmark). */
void exopk_gui_window_set_force_close(ExopkGuiWindow *win, gboolean force);

gboolean exopk_gui_window_save_to(ExopkGuiWindow *win, const char *path, GError **error);
gboolean exopk_gui_window_export_figure(ExopkGuiWindow *win, const char *path, GError **error);
gboolean exopk_gui_window_export_csv(ExopkGuiWindow *win, const char *dir, GError **error);
/* The `exopk simulate` command for the current view (g_free it); unsaved
 * edits go to a temporary study file first. */
char *exopk_gui_window_dup_command(ExopkGuiWindow *win, GError **error);

/* Widgets and state for the smoke test and the benchmark. */
ExopkGuiPlot *exopk_gui_window_get_plot(ExopkGuiWindow *win);
GtkSpinButton *exopk_gui_window_get_spin(ExopkGuiWindow *win, const char *key);
/* The metrics table cell of @metric for arm @arm ("" if absent). */
const char *exopk_gui_window_get_metric_text(ExopkGuiWindow *win, const char *metric,
                                             const char *arm);
/* Simulation rounds completed and shown. */
guint exopk_gui_window_get_results_count(ExopkGuiWindow *win);
/* The last simulation error ("" if the last run succeeded). */
const char *exopk_gui_window_get_status(ExopkGuiWindow *win);
/* The optimisation panel (exopk-gui-optimize.h; borrowed). */
GtkWidget *exopk_gui_window_get_optimize_panel(ExopkGuiWindow *win);
/* Shows the "explore" or "optimise" page. */
void exopk_gui_window_show_page(ExopkGuiWindow *win, const char *name);
/* Writes an autosave now (normally every few seconds after an edit). */
void exopk_gui_window_autosave(ExopkGuiWindow *win);
/* The autosave file (in g_get_user_state_dir()/exopk); g_free it. */
char *exopk_gui_autosave_path(const char *name);

G_END_DECLS

#endif
