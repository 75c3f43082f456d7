/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot internals shared by plot.c and the drawing files it hooks in
 * (plot-observed.c, plot-bands.c). */
#ifndef EXOPK_PLOT_PRIVATE_H
#define EXOPK_PLOT_PRIVATE_H

#include <stddef.h>
#include <stdio.h>
#include <cairo.h>

#include "exopk/error.h"

#include "exopk/sim.h"
#include "plot.h"

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

/* ---- axes and text (plot.c) ------------------------------------------------ */

/* Greys of the non-data ink. */
#define GREY_TEXT 0.15
#define GREY_AXIS 0.30
#define GREY_KEY 0.35
#define GREY_MUTED 0.55
#define GREY_GRID 0.90

#define MAX_TICKS 64
typedef struct {
    int log;
    double lo, hi;                   /* axis range: data units, log10 of them if log */
    size_t n;
    double at[MAX_TICKS];            /* tick positions, same units as lo/hi */
    char label[MAX_TICKS][24];
    int sup;                         /* label is an exponent: draw as 10^label */
} Axis;

/* Linear ticks every 1-2-5 step, about @target intervals; @round_out
 * widens [lo, hi] to whole steps. */
void plot_axis_linear(Axis *ax, double lo, double hi, double target, int round_out);

/* Decades (log10 units in the Axis) from below @lo to above @hi, at most
 * 7 below the top, labelled for about @target labels. */
void plot_axis_log(Axis *ax, double lo, double hi, double target);

typedef struct {
    cairo_t *cr;
    double u;                        /* base font size */
    double lw;                       /* base line width */
} Ctx;

/* Unhinted metrics: text measures the same on every surface. */
void plot_setup_cr(cairo_t *cr);
void plot_font(Ctx *c, double size, int bold);
double plot_text_width(Ctx *c, const char *s);
/* @s with its anchor (@ha: 0 left, 0.5 centre, 1 right) at @x and its
 * digits' vertical centre at @y. */
void plot_text(Ctx *c, double x, double y, const char *s, double ha);
/* plot_text within @max_w: the font shrinks to fit, down to 80 %, then
 * the text is cut with an ellipsis. */
void plot_text_fit(Ctx *c, double x, double y, const char *s, double ha, double max_w);
void plot_grey(cairo_t *cr, double g);
/* Width of tick label @i of @ax at the current font (10^n as such). */
double plot_label_width(Ctx *c, const Axis *ax, size_t i);
/* Tick label @i of @ax right-aligned at @x, centred on @y. */
void plot_y_label(Ctx *c, const Axis *ax, size_t i, double x, double y);

/* ---- files (plot.c) -------------------------------------------------------- */

/* Something to draw into a file: @draw paints @obj in a @w x @h box; @desc
 * writes the SVG's <desc> text (escaped with plot_xml_escaped), since
 * cairo's SVG text is glyphs; @title is the SVG <title> and PDF title. */
typedef struct {
    const void *obj;
    const char *title;
    void (*draw)(const void *obj, cairo_t *cr, double w, double h);
    void (*desc)(const void *obj, FILE *fp);
    ExopkPlotStyle style;            /* the PNG resolution */
} PlotDrawing;

/* One journal column (85 mm) in pt: the width of the paper style. */
#define PLOT_PAPER_WIDTH_PT 241.0

/* exopk_figure_write() for any drawing: format by extension, atomic,
 * @width_pt x @height_pt (both > 0).  EXOPK_EINVAL, EXOPK_EIO, EXOPK_ENOMEM. */
ExopkStatus plot_write(const PlotDrawing *d, const char *path, double width_pt, double height_pt,
                       ExopkError *err);
void plot_xml_escaped(FILE *fp, const char *s);

/* ---- plot-svgtext.c: an SVG's text as <text> ------------------------------ */

/* Draws @s at the current font and source with its anchor (@ha: 0 left,
 * 0.5 centre, 1 right) at @x and its baseline at @y; while an SVG is
 * rendered (a sink attached to @cr) records it instead.  Every text of a
 * figure goes through here. */
void plot_show_text(cairo_t *cr, double x, double y, const char *s, double ha);

typedef struct PlotTextSink PlotTextSink;
/* Attaches a new sink to @cr (NULL on ENOMEM); free it after @cr. */
PlotTextSink *plot_text_sink_attach(cairo_t *cr);
void plot_text_sink_free(PlotTextSink *sink);      /* NULL-safe */
/* Whether a string could not be recorded (out of memory). */
int plot_text_sink_failed(const PlotTextSink *sink);
/* The recorded strings as one <g> of <text> elements, in user units. */
void plot_text_sink_write(const PlotTextSink *sink, FILE *fp);

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
