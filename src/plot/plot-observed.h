/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot: observed data over the model's lines (plot.c calls these). */
#ifndef EXOPK_PLOT_OBSERVED_H
#define EXOPK_PLOT_OBSERVED_H

#include <stddef.h>
#include <cairo.h>

#include "exopk/observed.h"
#include "plot-private.h"


/* Widens [*lo, *hi] (and sets *has_data) to the observations of @series
 * in the window [@t_lo, @t_hi] h, error bars included; @obs[i] is the
 * match of the arm at index i of the figure's results (NULL: none). */
void plot_observed_extend(const ExopkObsMatch *const *obs, size_t n, const char *series,
                          double t_lo, double t_hi, int log, int *has_data, double *lo,
                          double *hi);

/* Draws the observations of @series (marker @shape: 0 circle, 1 square)
 * of every arm in its colour: filled, with sd error bars; open at the
 * LLOQ when below it.  Clip to the plot area first. */
void plot_observed_draw(cairo_t *cr, const ExopkObsMatch *const *obs, size_t n,
                        const char *series, int shape, const PlotMap *map);

/* Whether any arm has observations (the legend then has an entry). */
int plot_observed_any(const ExopkObsMatch *const *obs, size_t n);

/* The legend line "observed" (and "below LLOQ" when there are such rows)
 * centred in @w from (@x, @y); returns its height.  Draws nothing when
 * @dry.  Labels in the legend's font (sans, 0.9 @u, grey). */
double plot_observed_legend(cairo_t *cr, const ExopkObsMatch *const *obs, size_t n, double x,
                            double y, double w, double u, double lw, int dry);

#endif
