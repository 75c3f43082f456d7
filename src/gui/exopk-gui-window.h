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

/* Starts opening a study file on a worker thread: "Loading NAME…" with a
 * Cancel shows until it arrives; then the window shows it and offers its
 * autosave if that is newer than the file.  On failure an error dialog and
 * the status bar give the loader's FILE:LINE: message and the window keeps
 * what it had.  The unsaved-changes guard is the caller's (win.open does
 * it).  A newer open abandons a pending one. */
void exopk_gui_window_open(ExopkGuiWindow *win, const char *path);
/* The same for the bundled default study, as an untitled document; @offer:
 * then offer the untitled study's autosave. */
void exopk_gui_window_open_default(ExopkGuiWindow *win, gboolean offer);
/* Shows a new untitled study (File > New, win.new, Ctrl+N, after the
 * unsaved-changes guard): a mouse with an MDA-MB-231 tumour, 28 d, one
 * untreated arm "control". */
void exopk_gui_window_new_study(ExopkGuiWindow *win);
/* Abandons the pending load (its study is dropped when it arrives). */
void exopk_gui_window_cancel_load(ExopkGuiWindow *win);
/* Whether a load is pending. */
gboolean exopk_gui_window_get_loading(ExopkGuiWindow *win);
/* The pending "Recover unsaved changes?" dialog (borrowed), or NULL. */
GtkWidget *exopk_gui_window_get_recovery_dialog(ExopkGuiWindow *win);
/* The "Loading NAME…" text shown ("" when no load is pending), and its
 * Cancel button (borrowed), for the smoke test. */
const char *exopk_gui_window_get_loading_text(ExopkGuiWindow *win);
GtkWidget *exopk_gui_window_get_cancel_load_button(ExopkGuiWindow *win);

/* The edited study (borrowed; changes with every edit). */
const ExopkStudy *exopk_gui_window_get_study(ExopkGuiWindow *win);
/* Undoes the last edit (every edit of the editors, an applied optimum or
 * fit), or redoes the last undone one; nothing when there is none.  Both
 * are window actions (win.undo, win.redo: Ctrl+Z, Ctrl+Shift+Z), enabled
 * when there is something to undo or redo.  Opening a study forgets them. */
void exopk_gui_window_undo(ExopkGuiWindow *win);
void exopk_gui_window_redo(ExopkGuiWindow *win);
/* Enables the undo and redo actions by what there is (internal). */
void exopk_gui_window_update_history(ExopkGuiWindow *win);
/* The editors (exopk-gui-editors.h; borrowed): replaced after each edit
 * of the study's structure. */
GtkWidget *exopk_gui_window_get_editors(ExopkGuiWindow *win);
/* Replaces the study (transfer full), e.g. with an optimum, as one edit. */
void exopk_gui_window_replace_study(ExopkGuiWindow *win, ExopkStudy *study);
gboolean exopk_gui_window_get_dirty(ExopkGuiWindow *win);
/* Drops the unsaved-changes guard (tests, screenshots, the benchmark). */
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
/* Shows @text in the status bar (@error: as an error, which
 * exopk_gui_window_get_status then returns). */
void exopk_gui_window_set_status(ExopkGuiWindow *win, const char *text, gboolean error);
/* The Population bar (exopk-gui-population.h) and the fit panel
 * (exopk-gui-fit.h; borrowed). */
GtkWidget *exopk_gui_window_get_population_bar(ExopkGuiWindow *win);
GtkWidget *exopk_gui_window_get_fit_panel(ExopkGuiWindow *win);
/* Opens the observed data file @path (CSV) as the study's data: drawn
 * over the plot and fitted by the fit panel (an unsaved edit: the study
 * file's `data =`).  FALSE and @error (FILE:LINE: ...) when it cannot be
 * read or matched; the study keeps its data then. */
gboolean exopk_gui_window_open_data(ExopkGuiWindow *win, const char *path, GError **error);
/* The optimisation panel (exopk-gui-optimize.h; borrowed). */
GtkWidget *exopk_gui_window_get_optimize_panel(ExopkGuiWindow *win);
/* Shows the "explore" or "optimise" page. */
void exopk_gui_window_show_page(ExopkGuiWindow *win, const char *name);
/* Writes an autosave now (normally every few seconds after an edit). */
void exopk_gui_window_autosave(ExopkGuiWindow *win);
/* The autosave of the study file @path (NULL: the untitled study), in
 * g_get_user_state_dir()/exopk/autosave; g_free it. */
char *exopk_gui_autosave_path(const char *path);

G_END_DECLS

#endif
