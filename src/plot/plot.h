/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot: the Cairo figure renderer.  The GUI draws a figure on its
 * widget's cairo_t, the CLI writes it to PNG, SVG or PDF, so both show the
 * same plot.  No GTK, no Lua: Cairo and the core library only. */
#ifndef EXOPK_PLOT_H
#define EXOPK_PLOT_H

#include <stddef.h>
#include <cairo.h>

#include "exopk/exopk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The panels chosen for a set of results; only exopk_figure_select()
 * changes it.  One thread at a time. */
/* How a figure file is laid out when no size is given: EXOPK_PLOT_SCREEN
 * (the default: 768 pt wide, PNG at 150 dpi) or EXOPK_PLOT_PAPER (one
 * journal column, 85 mm = 241 pt wide, PNG at 300 dpi; text 7-8.5 pt, the
 * sizes print needs).  SVG and PDF keep text as text in both. */
typedef enum { EXOPK_PLOT_SCREEN, EXOPK_PLOT_PAPER } ExopkPlotStyle;
/* "screen" or "paper" into *style; EINVAL naming both otherwise. */
ExopkStatus exopk_plot_style_parse(const char *name, ExopkPlotStyle *style, ExopkError *err);

typedef struct ExopkFigure ExopkFigure;

/* A figure of the results of the arms of one study.  @results are
 * borrowed and must outlive the figure; NULL entries are skipped, but an
 * arm keeps the colour of its index in @results, so an arm has the same
 * colour in every panel and in every figure made from the same array.
 *
 * One panel per quantity that any result has, in this order when present:
 *   "tumour_volume"                   tumour volume [mm3]           linear
 *   "resistant_fraction"              resistant fraction [1]        linear
 *   "biomarker_plasma"                biomarker in plasma [particles/mL]  log
 *   per agent A, in order of appearance:
 *     "A.plasma"                      A in plasma [nmol/L]          log
 *     "A.heart"                       A in heart [nmol/L]           log
 *     "A.cell_s" + "A.cell_r"         A in cells [molecules/cell]   log
 *     "A.target_protein" + "A.target_mrna"  (siRNA)
 *                                     A target level [1]            linear 0..1.05
 *     "A.mirna_activity"  (antimiR, mimic) A miRNA activity [1]     linear 0..1.05
 *   "plasma_particles_pct_id"         injected particles in plasma [%]   log
 *   "tumour_interstitium_particles_pct_id" + "tumour_cells_particles_pct_id"
 *                                     injected particles in tumour [%]   log
 *   "mps_particles_pct_id" + "tissue_particles_pct_id"
 *                                     injected particles in MPS and tissue [%]  log
 * A panel of two series draws the first solid and the second dashed, with
 * a key above the panel.  The units in the titles are the series' units.
 * A level panel (0..1.05) widens to round steps if a value exceeds 1.05.
 * Time is in h, or in d when the time window spans more than 72 h.  Log
 * axes skip values <= 0; a panel with nothing to draw says "no data".
 * @title (the study name) is copied; NULL means none.  NULL on ENOMEM.
 * (transfer full) */
ExopkFigure *exopk_figure_new(const char *title, ExopkResult *const *results, size_t n_results);

void exopk_figure_free(ExopkFigure *fig); /* NULL-safe */

/* All panels of the figure, selected or not. */
size_t exopk_figure_n_panels(const ExopkFigure *fig);
/* The (first) series of panel @panel, e.g. "tumour_volume" or
 * "doxorubicin.cell_s"; the name exopk_figure_select() takes.  Borrowed. */
const char *exopk_figure_panel_series(const ExopkFigure *fig, size_t panel);
/* The @j-th series of panel @panel (0: the solid line, 1: the dashed one
 * of a two-series panel); NULL past the last.  Borrowed. */
const char *exopk_figure_panel_nth_series(const ExopkFigure *fig, size_t panel, size_t j);
/* The y-axis title of panel @panel, e.g. "tumour volume [mm3]" (for a GUI
 * list of panels).  Borrowed. */
const char *exopk_figure_panel_title(const ExopkFigure *fig, size_t panel);
/* The x-axis title: "time [h]" or "time [d]".  Borrowed. */
const char *exopk_figure_time_title(const ExopkFigure *fig);

/* The colour of the arm at index @arm of the results array, as drawn
 * (components 0..1): Okabe-Ito's colour-blind-safe palette without yellow,
 * repeating after 7 arms. */
void exopk_figure_arm_colour(size_t arm, double rgb[3]);

/* Selects the panels to draw: those having any of the @n series names in
 * @series (any series of a two-series panel matches); names that match no
 * panel are ignored.  @series NULL or @n 0 selects all panels. */
void exopk_figure_select(ExopkFigure *fig, const char *const *series, size_t n);
/* Number of selected panels. */
size_t exopk_figure_n_selected(const ExopkFigure *fig);

/* A log (nonzero) or linear (0) y axis for panel @panel; out-of-range
 * panels are ignored.  A log axis skips values <= 0.  The y range is
 * recomputed for the new scale. */
void exopk_figure_set_log(ExopkFigure *fig, size_t panel, int log);
/* Whether panel @panel has a log y axis (0 for an out-of-range panel). */
int exopk_figure_get_log(const ExopkFigure *fig, size_t panel);

/* Draws only the times @t0..@t1 (h) of every panel; the y ranges are
 * recomputed over that window (values at its edges interpolated).  NAN
 * for @t0 or @t1 means the first or last time of the results; NAN, NAN
 * (or a window that does not overlap the results) shows all.  The window
 * is clamped to the results.  The time unit follows the window (d when it
 * spans more than 72 h). */
void exopk_figure_set_time_window(ExopkFigure *fig, double t0, double t1);
/* The time window drawn, in h (the whole span when none is set). */
void exopk_figure_get_time_window(const ExopkFigure *fig, double *t0, double *t1);
/* Draws observed data over the lines (include/exopk/observed.h): @matches[i]
 * (NULL: none) is the match of the arm at index i of the figure's results
 * and is drawn in its colour on the panels of its series, with an entry
 * "observed" in the legend.  Borrowed: they must outlive the figure (or a
 * later call with NULL).  The y ranges are recomputed to show them. */
void exopk_figure_set_observed(ExopkFigure *fig, const ExopkObsMatch *const *matches, size_t n);
/* The dose times (h, @n of them, copied) of the arm at index @arm of the
 * figure's results: small triangles in its colour stand on the time axis
 * of every panel (one row per dosed arm).  EINVAL for an arm out of
 * range, ENOMEM. */
ExopkStatus exopk_figure_set_doses(ExopkFigure *fig, size_t arm, const double *time_h, size_t n);
/* The legend text of the arm at index @arm (copied; NULL: its name, the
 * default), e.g. its regimen "exodox — 2e11 particles iv q3d ×5".
 * EINVAL for an arm out of range, ENOMEM. */
ExopkStatus exopk_figure_set_arm_label(ExopkFigure *fig, size_t arm, const char *label);
/* exopk_figure_set_doses() for every arm of the figure from the study arm
 * of its name (its doses within the horizon).  ENOMEM. */
ExopkStatus exopk_figure_set_study_doses(ExopkFigure *fig, const ExopkStudy *study);
/* The style exopk_figure_write() lays the figure out in (default screen). */
void exopk_figure_set_style(ExopkFigure *fig, ExopkPlotStyle style);

/* Draws percentile bands under the lines (a population's p05..p95, with
 * the figure's results its p50): the band of a series of the arm at index
 * i of the figure's results spans @lower[i] to @upper[i] (NULL: none),
 * results of that arm with the same times, filled in a translucent tint
 * of its colour, with an entry @label (NULL: "p05–p95") in the legend.
 * Borrowed: they must outlive the figure (or a later call with NULL).
 * The y ranges are recomputed to show them. */
void exopk_figure_set_bands(ExopkFigure *fig, ExopkResult *const *lower,
                            ExopkResult *const *upper, size_t n, const char *label);

/* The span of the results, in h: first to last time of any arm. */
void exopk_figure_get_time_span(const ExopkFigure *fig, double *t0, double *t1);

/* Where exopk_figure_draw(@fig, cr, @width, @height) puts the plotting
 * rectangle (inside the axes) of panel @panel: @box = x, y, w, h in the
 * same user units.  Returns 1; 0 (and @box untouched) when the panel is
 * not drawn with axes: not selected, out of range, or the box is too small
 * or not finite.  Measures text on a scratch image surface; the figure
 * draws with unhinted font metrics, so the numbers hold on every surface. */
int exopk_figure_panel_box(const ExopkFigure *fig, double width, double height, size_t panel,
                           double box[4]);
/* The axes of panel @panel as exopk_figure_draw() draws it in a @width x
 * @height box: @range = t0, t1 (h, the left and right edges of the box of
 * exopk_figure_panel_box) and y0, y1 (series units, the bottom and top
 * edges; NAN when the panel has no data), and in *@log (may be NULL)
 * whether y is on a log scale, so that a pointer at (x, y) is at
 *   t = t0 + (t1 - t0) (x - box.x) / box.w
 *   v = y0 + (y1 - y0) (box.y + box.h - y) / box.h      (linear)
 *   v = y0 (y1 / y0) ^ ((box.y + box.h - y) / box.h)   (log).
 * The y range depends on the size: linear axes end on round ticks, whose
 * step follows the height.  Returns 1, or 0 as exopk_figure_panel_box. */
int exopk_figure_panel_range(const ExopkFigure *fig, double width, double height, size_t panel,
                             double range[4], int *log);

/* Draws the selected panels onto @cr in the box (0, 0, @width, @height)
 * in user units (the GUI passes its widget's cairo_t and size; the sizes of
 * text and lines follow the box): paints the box white, then the title,
 * the legend and the panels in 1 to 4 columns (the cells' aspect nearest
 * 1.8 : 1; 2 columns for 3 or more panels in exopk_figure_write's default
 * sizes).  Nothing for an
 * empty or non-finite box.  Restores @cr's state (cairo_save/restore) and
 * leaves no current path.  Uses cairo's toy font API ("sans"). */
void exopk_figure_draw(const ExopkFigure *fig, cairo_t *cr, double width, double height);

/* Writes the figure to @path, the format by its extension (case-insensitive):
 * ".png" (at 150 dpi: 768 x 480 pt is 1600 x 1000 px), ".svg" (with a
 * <title> and a <desc> naming the axes, as SVG text is drawn as glyphs), or
 * ".pdf".  @width_pt or @height_pt <= 0 picks 768 pt wide and 60 + 170 pt
 * per row of panels high.  Atomic: writes "@path.tmp.PID", then renames it;
 * on failure removes it.  Returns EXOPK_OK; EXOPK_EINVAL for an unknown
 * extension (the message names it and the valid ones); EXOPK_EIO when the
 * file cannot be written; EXOPK_ENOMEM. */
ExopkStatus exopk_figure_write(const ExopkFigure *fig, const char *path, double width_pt,
                               double height_pt, ExopkError *err);

/* ---- sensitivity charts (plot-bars.c) ------------------------------------ */

/* A chart of sensitivity results, one panel per metric ("METRIC [unit]")
 * and one row per parameter, the largest effect at the top: local, a
 * tornado of S (bars left of 0 for negative S, sorted by |S|); Morris,
 * bars of mu* (sorted) with sigma as a diamond on the same axis; Sobol,
 * bars of S1 and ST (sorted by ST) with whiskers over their 95 %
 * intervals.  Bars are in exopk_figure_arm_colour(0) (S1: 0, ST: 1),
 * markers in colour 1, whiskers and axes grey.  @r holds @n_metrics
 * outputs of @n_params parameters as exopk_sens_value() gives them;
 * the names and @units (NULL or entries NULL: "1") are copied, @r is
 * not kept.  NULL on ENOMEM or a bad method. */
typedef struct ExopkSensChart ExopkSensChart;
ExopkSensChart *exopk_sens_chart_new(const char *title, ExopkSensMethod method,
                                     const ExopkSensResult *r, const char *const *params,
                                     size_t n_params, const char *const *metrics,
                                     const char *const *units, size_t n_metrics);
void exopk_sens_chart_free(ExopkSensChart *chart);   /* NULL-safe */
/* The style of exopk_sens_chart_write() (default screen); paper draws the
 * metrics in one column. */
void exopk_sens_chart_set_style(ExopkSensChart *chart, ExopkPlotStyle style);
/* The parameter drawn in row @row (0: top) of metric @metric's panel;
 * (size_t) -1 out of range. */
size_t exopk_sens_chart_row(const ExopkSensChart *chart, size_t metric, size_t row);
/* Draws the chart in the box (0, 0, @width, @height) as exopk_figure_draw. */
void exopk_sens_chart_draw(const ExopkSensChart *chart, cairo_t *cr, double width,
                           double height);
/* As exopk_figure_write (the SVG's <desc> lists each panel's parameters
 * top to bottom); @width_pt or @height_pt <= 0 picks 768 pt wide and a
 * height by the rows. */
ExopkStatus exopk_sens_chart_write(const ExopkSensChart *chart, const char *path,
                                   double width_pt, double height_pt, ExopkError *err);

/* ---- a fit's goodness of fit (plot-fit.c) ---------------------------------- */

/* The residuals of @r (include/exopk/fit.h), copied: per observation
 * name, a panel of observed against predicted with the identity line
 * (log axes when every value is positive), then one panel of every
 * weighted residual against time, with 0 and +-2.  A name has
 * exopk_figure_arm_colour(its index, in order of first appearance); a
 * row below the LLOQ is an open marker at the LLOQ.  @units[k] is the
 * unit of observation name @names[k] (for the axes; "1" when not given).
 * NULL on ENOMEM. */
typedef struct ExopkFitChart ExopkFitChart;
ExopkFitChart *exopk_fit_chart_new(const char *title, const ExopkFitResult *r,
                                   const char *const *names, const char *const *units,
                                   size_t n_units);
void exopk_fit_chart_free(ExopkFitChart *chart);   /* NULL-safe */
/* The style of exopk_fit_chart_write() (default screen). */
void exopk_fit_chart_set_style(ExopkFitChart *chart, ExopkPlotStyle style);
/* Adds the fitted model's curve of observation name @name in arm @arm
 * (both of the fit's residuals: EINVAL otherwise): @n values at @time
 * (h), in the name's unit.  A name with a curve gets a time-course panel
 * before its observed-against-predicted one, with the observations and
 * the curves of each arm in the arm's colour.  EXOPK_ENOMEM. */
ExopkStatus exopk_fit_chart_add_curve(ExopkFitChart *chart, const char *arm, const char *name,
                                      const double *time, const double *value, size_t n);
/* The names' panels (two for a name with a curve) and the residuals' one. */
size_t exopk_fit_chart_n_panels(const ExopkFitChart *chart);
void exopk_fit_chart_draw(const ExopkFitChart *chart, cairo_t *cr, double width, double height);
/* As exopk_figure_write; the SVG's <desc> names each panel's axes. */
ExopkStatus exopk_fit_chart_write(const ExopkFitChart *chart, const char *path, double width_pt,
                                  double height_pt, ExopkError *err);

/* Whether @path names a figure format exopk_figure_write() knows: EXOPK_OK,
 * or EXOPK_EINVAL with its message (for a check before a long run). */
ExopkStatus exopk_figure_check_path(const char *path, ExopkError *err);

/* Frees Cairo's and fontconfig's static caches (cairo_debug_reset_static_data
 * and FcFini) so that valgrind reports no leaks.  Call once at exit, when
 * no cairo object is alive and nothing else in the process uses fontconfig
 * any more; never in the GUI. */
void exopk_plot_shutdown(void);

#ifdef __cplusplus
}
#endif
#endif
