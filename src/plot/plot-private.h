/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot internals shared by plot.c and the drawing files it hooks in
 * (plot-observed.c, plot-bands.c). */
#ifndef EXOPK_PLOT_PRIVATE_H
#define EXOPK_PLOT_PRIVATE_H

#include <stddef.h>
#include <cairo.h>

#include "exopk/sim.h"

/* How a panel places a value: time in h and a value in the series' unit
 * to user units (the panel's own map_x/map_y). */
typedef struct {
    double (*x)(const void *ctx, double t_h);
    double (*y)(const void *ctx, double v);
    const void *ctx;
    double t_lo, t_hi;         /* h: the time window drawn */
    int log;                   /* the y axis skips values <= 0 */
    double u, lw;              /* the figure's font size and line width */
} PlotMap;

/* ---- plot-bands.c: percentile bands under the lines ---------------------- */

/* Widens [*lo, *hi] (and sets *has_data) to the band of @series in the
 * window [@t_lo, @t_hi] h; @lower[i] and @upper[i] are the band's edges
 * for the arm at index i of the figure's results (NULL: none). */
void plot_bands_extend(ExopkResult *const *lower, ExopkResult *const *upper, size_t n,
                       const char *series, double t_lo, double t_hi, int log, int *has_data,
                       double *lo, double *hi);

/* Fills the band of @series of every arm in a light tint of its colour
 * (one <path> per arm and series).  Clip to the plot area first. */
void plot_bands_draw(cairo_t *cr, ExopkResult *const *lower, ExopkResult *const *upper, size_t n,
                     const char *series, const PlotMap *map);

/* The legend entry of the bands (a tinted swatch crossed by a line, and
 * @label) centred in @w from (@x, @y); returns its height, 0 without
 * bands.  Draws nothing when @dry. */
double plot_bands_legend(cairo_t *cr, ExopkResult *const *lower, size_t n, const char *label,
                         double x, double y, double w, double u, double lw, int dry);

#endif
