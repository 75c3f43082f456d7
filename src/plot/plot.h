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
typedef struct ExopkFigure ExopkFigure;

/* A figure of the results of the arms of one study.  @results are
 * borrowed and must outlive the figure; NULL entries are skipped, but an
 * arm keeps the colour of its index in @results, so an arm has the same
 * colour in every panel and in every figure made from the same array.
 *
 * One panel per quantity that any result has, in this order when present:
 *   "tumour_volume"                   tumour volume [mm3]           linear
 *   per agent A, in order of appearance:
 *     "A.plasma"                      A in plasma [nmol/L]          log
 *     "A.heart"                       A in heart [nmol/L]           log
 *     "A.cell_s" + "A.cell_r"         A in cells [molecules/cell]   log
 *   "plasma_particles_pct_id"         injected particles in plasma [%]   log
 *   "tumour_interstitium_particles_pct_id" + "tumour_cells_particles_pct_id"
 *                                     injected particles in tumour [%]   log
 *   "resistant_fraction"              resistant fraction [1]        linear
 * A panel of two series draws the first solid and the second dashed, with
 * a key above the panel.  The units in the titles are the series' units.
 * Time is in h, or in d when the longest result exceeds 72 h.  Log axes
 * skip values <= 0; a panel with nothing to draw says "no data".
 * @title (the study name) is copied; NULL means none.  NULL on ENOMEM.
 * (transfer full) */
ExopkFigure *exopk_figure_new(const char *title, ExopkResult *const *results, size_t n_results);

void exopk_figure_free(ExopkFigure *fig); /* NULL-safe */

/* All panels of the figure, selected or not. */
size_t exopk_figure_n_panels(const ExopkFigure *fig);
/* The (first) series of panel @panel, e.g. "tumour_volume" or
 * "doxorubicin.cell_s"; the name exopk_figure_select() takes.  Borrowed. */
const char *exopk_figure_panel_series(const ExopkFigure *fig, size_t panel);
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

/* Draws the selected panels onto @cr in the box (0, 0, @width, @height)
 * in user units (the GUI passes its widget's cairo_t and size; the sizes of
 * text and lines follow the box): paints the box white, then the title,
 * the legend and the panels, 2 columns when more than 2.  Nothing for an
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

/* Frees Cairo's and fontconfig's static caches (cairo_debug_reset_static_data
 * and FcFini) so that valgrind reports no leaks.  Call once at exit, when
 * no cairo object is alive and nothing else in the process uses fontconfig
 * any more; never in the GUI. */
void exopk_plot_shutdown(void);

#ifdef __cplusplus
}
#endif
#endif
