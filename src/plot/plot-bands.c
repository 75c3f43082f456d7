/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot: percentile bands (a population's p05..p95) under the lines,
 * a translucent tint of the arm's colour so that overlapping arms show
 * through each other. */
#include <math.h>
#include <string.h>

#include "plot.h"
#include "plot-private.h"

#define BAND_ALPHA 0.22

static int
drawable(double v, int log)
{
    return isfinite(v) && (!log || v > 0);
}

/* The edges of @series for one arm; 0 if either result lacks it or their
 * times differ in number. */
static int
band_edges(const ExopkResult *lower, const ExopkResult *upper, const char *series,
           const double **lo, const double **hi)
{
    long i = lower != NULL ? exopk_result_find_series(lower, series) : -1;
    long j = upper != NULL ? exopk_result_find_series(upper, series) : -1;

    if (i < 0 || j < 0 || exopk_result_n_times(lower) != exopk_result_n_times(upper))
        return 0;
    *lo = exopk_result_series(lower, (size_t) i);
    *hi = exopk_result_series(upper, (size_t) j);
    return 1;
}

void
plot_bands_extend(ExopkResult *const *lower, ExopkResult *const *upper, size_t n,
                  const char *series, double t_lo, double t_hi, int log, int *has_data,
                  double *lo, double *hi)
{
    for (size_t a = 0; lower != NULL && upper != NULL && a < n; a++) {
        const double *l, *h, *t;
        if (!band_edges(lower[a], upper[a], series, &l, &h))
            continue;
        t = exopk_result_times(lower[a]);
        for (size_t k = 0; k < exopk_result_n_times(lower[a]); k++) {
            if (!(t[k] >= t_lo && t[k] <= t_hi) || !drawable(l[k], log) || !drawable(h[k], log))
                continue;
            *has_data = 1;
            *lo = fmin(*lo, fmin(l[k], h[k]));
            *hi = fmax(*hi, fmax(l[k], h[k]));
        }
    }
}

/* Whether sample @k is drawn: in the window, or the one just beyond an
 * edge (clipped), so that the band reaches the edges. */
static int
in_window(const double *t, size_t nt, size_t k, const PlotMap *m)
{
    return !((k + 1 < nt && t[k + 1] < m->t_lo) || (k > 0 && t[k - 1] > m->t_hi));
}

/* One closed sub-path per run of drawable samples [k0, k1): along the
 * upper edge, back along the lower one. */
static void
band_run(cairo_t *cr, const double *t, const double *l, const double *h, size_t k0, size_t k1,
         const PlotMap *m)
{
    if (k1 - k0 < 2)
        return;                      /* a lone sample has no area */
    cairo_new_sub_path(cr);
    for (size_t k = k0; k < k1; k++)
        cairo_line_to(cr, m->x(m->ctx, t[k]), m->y(m->ctx, h[k]));
    for (size_t k = k1; k-- > k0;)
        cairo_line_to(cr, m->x(m->ctx, t[k]), m->y(m->ctx, l[k]));
    cairo_close_path(cr);
}

static void
band_path(cairo_t *cr, const ExopkResult *lower, const double *l, const double *h,
          const PlotMap *m)
{
    const double *t = exopk_result_times(lower);
    size_t nt = exopk_result_n_times(lower), k0 = 0;

    for (size_t k = 0; k <= nt; k++) {
        int ok = k < nt && in_window(t, nt, k, m) && isfinite(t[k]) && drawable(l[k], m->log) &&
                 drawable(h[k], m->log);
        if (ok)
            continue;
        band_run(cr, t, l, h, k0, k, m);
        k0 = k + 1;
    }
}

void
plot_bands_draw(cairo_t *cr, ExopkResult *const *lower, ExopkResult *const *upper, size_t n,
                const char *series, const PlotMap *map)
{
    cairo_save(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    for (size_t a = 0; lower != NULL && upper != NULL && a < n; a++) {
        const double *l, *h;
        double rgb[3];

        if (!band_edges(lower[a], upper[a], series, &l, &h))
            continue;
        band_path(cr, lower[a], l, h, map);
        if (!cairo_has_current_point(cr))
            continue;                /* nothing in the window */
        exopk_figure_arm_colour(a, rgb);
        cairo_set_source_rgba(cr, rgb[0], rgb[1], rgb[2], BAND_ALPHA);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

static int
any_band(ExopkResult *const *lower, size_t n)
{
    for (size_t a = 0; lower != NULL && a < n; a++)
        if (lower[a] != NULL)
            return 1;
    return 0;
}

double
plot_bands_legend(cairo_t *cr, ExopkResult *const *lower, size_t n, const char *label, double x,
                  double y, double w, double u, double lw, int dry)
{
    double row = 1.5 * u, sw = 1.6 * u, width, xx;
    cairo_text_extents_t e;

    if (!any_band(lower, n))
        return 0;
    if (dry)
        return row;
    cairo_save(cr);
    cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 0.9 * u);
    cairo_text_extents(cr, label, &e);
    width = sw + 0.4 * u + e.x_advance;
    xx = x + fmax(0, (w - width) / 2);
    /* grey: the swatch stands for every arm's tint and is no arm's colour */
    cairo_set_source_rgba(cr, GREY_KEY, GREY_KEY, GREY_KEY, BAND_ALPHA + 0.1);
    cairo_rectangle(cr, xx, y + 0.5 * row - 0.45 * u, sw, 0.9 * u);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, GREY_KEY, GREY_KEY, GREY_KEY);
    cairo_set_line_width(cr, 1.6 * lw);
    cairo_move_to(cr, xx, y + 0.5 * row);
    cairo_line_to(cr, xx + sw, y + 0.5 * row);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, GREY_TEXT, GREY_TEXT, GREY_TEXT);
    /* digits are about 0.73 em high: centred on the row as plot.c's text */
    plot_show_text(cr, xx + sw + 0.4 * u, y + 0.5 * row + 0.365 * 0.9 * u, label, 0);
    cairo_restore(cr);
    return row;
}
