/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the plot widget.  The figure comes from src/plot (the CLI's
 * --plot renderer); this widget adds panel selection, a log/linear toggle
 * per panel, a hover read-out and a time zoom on top.  Where the panels
 * are and what their axes span comes from the renderer
 * (exopk_figure_panel_box/range), so the widget has no layout of its own. */
#ifndef EXOPK_GUI_PLOT_H
#define EXOPK_GUI_PLOT_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"
#include "exopk/population.h"

G_BEGIN_DECLS

#define EXOPK_GUI_TYPE_PLOT (exopk_gui_plot_get_type())
G_DECLARE_FINAL_TYPE(ExopkGuiPlot, exopk_gui_plot, EXOPK_GUI, PLOT, GtkBox)

GtkWidget *exopk_gui_plot_new(void);

/* Shows @results (borrowed: the array and every result must stay alive until
 * the next call or the widget's disposal; NULL entries allowed) of a study
 * titled @title.  The panel selection, the log/linear choices and the time
 * window are kept (by series name) across calls. */
void exopk_gui_plot_set_results(ExopkGuiPlot *plot, const char *title, ExopkResult **results,
                                size_t n);

/* Observed data drawn over the results (include/exopk/observed.h):
 * @matches[i] (NULL: none) is the match of arm i, @obs what they were
 * matched from.  (transfer full: the widget frees both at the next call
 * or its disposal.)  NULL, NULL, 0 removes them. */
void exopk_gui_plot_set_observed(ExopkGuiPlot *plot, ExopkObserved *obs, ExopkObsMatch **matches,
                                 size_t n);

/* The study the next results are of: each arm's regimen becomes its
 * legend entry ("exodox — 2e11 particles iv q3d ×5") and its doses
 * triangles on the time axis (copied). */
void exopk_gui_plot_set_regimens(ExopkGuiPlot *plot, const ExopkStudy *study);
/* A population of the results' study: @sum (transfer full; NULL removes
 * it) has the bands of every arm, in the results' order.  While it is set
 * the lines are its p50s, over shaded p05..p95 bands on every panel (as
 * `exopk population --plot` draws them); bands of another number of arms
 * than the results are not drawn.  The next set_results keeps it: the
 * caller removes a population that no longer fits the study. */
void exopk_gui_plot_set_population(ExopkGuiPlot *plot, ExopkPopSummary *sum);
/* Band @q (0: p05, 1: p50, 2: p95) of arm @arm as drawn now (borrowed),
 * NULL when no bands are drawn. */
const ExopkResult *exopk_gui_plot_get_band(ExopkGuiPlot *plot, size_t arm, int q);

/* The time zoom: only @t0..@t1 h is drawn, from the results at hand (no
 * new simulation); NAN, NAN shows everything.  Dragging across a time
 * range or scrolling over a panel sets it; the reset button clears it. */
void exopk_gui_plot_set_time_window(ExopkGuiPlot *plot, double t0, double t1);
/* The window set (NAN, NAN when none).  Either pointer may be NULL. */
void exopk_gui_plot_get_time_window(ExopkGuiPlot *plot, double *t0, double *t1);
void exopk_gui_plot_reset_zoom(ExopkGuiPlot *plot);

/* A log (TRUE) or linear y axis for the panel of @series (its first
 * series, as exopk_figure_panel_series names it). */
void exopk_gui_plot_set_log(ExopkGuiPlot *plot, const char *series, gboolean log);
gboolean exopk_gui_plot_get_log(ExopkGuiPlot *plot, const char *series);

/* Writes the figure as shown (selected panels, scales, time window) to
 * PNG/SVG/PDF. */
gboolean exopk_gui_plot_write(ExopkGuiPlot *plot, const char *path, GError **error);

/* The series names of the selected panels, NULL-terminated (g_strfreev). */
char **exopk_gui_plot_dup_selected(ExopkGuiPlot *plot);

/* Frames drawn with results so far, and the monotonic time (us) at the end
 * of the last one (for the smoke test and the latency benchmark). */
guint exopk_gui_plot_get_draw_count(ExopkGuiPlot *plot);
gint64 exopk_gui_plot_get_last_draw_end(ExopkGuiPlot *plot);
GtkWidget *exopk_gui_plot_get_area(ExopkGuiPlot *plot);
const char *exopk_gui_plot_get_readout(ExopkGuiPlot *plot);
/* The plotting rectangle (x, y, w, h in the drawing area) of the panel of
 * @series as drawn now; FALSE when it is not shown. */
gboolean exopk_gui_plot_get_panel_box(ExopkGuiPlot *plot, const char *series, double box[4]);

/* What the pointer does, for tests (GTK 4 has no synthetic input): moves
 * the hover read-out to (@x, @y) of the drawing area (x < 0: away); drags
 * from @x0 to @x1 (zooms to that time range of the panel at (@x0, @y));
 * scrolls by @dy at (@x, @y) (< 0 zooms in about the pointer's time). */
void exopk_gui_plot_hover(ExopkGuiPlot *plot, double x, double y);
void exopk_gui_plot_drag(ExopkGuiPlot *plot, double x0, double x1, double y);
void exopk_gui_plot_scroll(ExopkGuiPlot *plot, double x, double y, double dy);

G_END_DECLS

#endif
