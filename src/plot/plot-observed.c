/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot: observed data drawn over the model's lines, in the arm's
 * colour: filled markers with sd error bars, open markers at the LLOQ for
 * rows below it (their value is unknown, only that it is lower). */
#include <math.h>
#include <string.h>

#include "plot.h"
#include "plot-observed.h"
#include "plot-private.h"


static int
visible(const ExopkObsPoint *p, const char *series, double t_lo, double t_hi)
{
    return p->series >= 0 && strcmp(p->row->name, series) == 0 && p->time >= t_lo &&
           p->time <= t_hi;
}

void
plot_observed_extend(const ExopkObsMatch *const *obs, size_t n, const char *series,
                     double t_lo, double t_hi, int log, int *has_data, double *lo, double *hi)
{
    for (size_t a = 0; a < n; a++) {
        const ExopkObsPoint *pt = obs[a] ? exopk_obs_match_points(obs[a]) : NULL;
        for (size_t i = 0; pt != NULL && i < exopk_obs_match_n(obs[a]); i++) {
            double sd = isnan(pt[i].sd) || pt[i].row->below_lloq ? 0 : pt[i].sd;
            double top = pt[i].value + sd, bottom = pt[i].value - sd;
            if (!visible(&pt[i], series, t_lo, t_hi) || !(top > 0 || !log))
                continue;
            if (log && !(bottom > 0))
                bottom = pt[i].value > 0 ? pt[i].value : top;
            *has_data = 1;
            *lo = fmin(*lo, bottom);
            *hi = fmax(*hi, top);
        }
    }
}

static void
marker_path(cairo_t *cr, double x, double y, double r, int shape)
{
    cairo_new_sub_path(cr);
    if (shape == 0)
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    else
        cairo_rectangle(cr, x - 0.9 * r, y - 0.9 * r, 1.8 * r, 1.8 * r);
}

/* A filled marker, or an open one (white inside) for a row below the LLOQ. */
static void
marker(cairo_t *cr, double x, double y, double r, int shape, int open, const double rgb[3],
       double lw)
{
    marker_path(cr, x, y, r, shape);
    if (open) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_line_width(cr, 1.2 * lw);
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_stroke(cr);
    } else {
        cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
        cairo_fill(cr);
    }
}

static void
error_bar(cairo_t *cr, const PlotMap *m, const ExopkObsPoint *p, double x, double r,
          const double rgb[3])
{
    double lo = p->value - p->sd, hi = p->value + p->sd;
    double ylo = m->log && !(lo > 0) ? m->y(m->ctx, p->value) + 1e6 : m->y(m->ctx, lo);
    double yhi = m->y(m->ctx, hi);

    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    cairo_set_line_width(cr, 1.0 * m->lw);
    cairo_move_to(cr, x, ylo);
    cairo_line_to(cr, x, yhi);
    cairo_move_to(cr, x - 0.8 * r, yhi);
    cairo_line_to(cr, x + 0.8 * r, yhi);
    if (!m->log || lo > 0) {
        cairo_move_to(cr, x - 0.8 * r, ylo);
        cairo_line_to(cr, x + 0.8 * r, ylo);
    }
    cairo_stroke(cr);
}

void
plot_observed_draw(cairo_t *cr, const ExopkObsMatch *const *obs, size_t n, const char *series,
                   int shape, const PlotMap *map)
{
    double r = 0.3 * map->u;

    cairo_save(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    for (size_t a = 0; a < n; a++) {
        const ExopkObsPoint *pt = obs[a] ? exopk_obs_match_points(obs[a]) : NULL;
        double rgb[3];

        exopk_figure_arm_colour(a, rgb);
        for (size_t i = 0; pt != NULL && i < exopk_obs_match_n(obs[a]); i++) {
            const ExopkObsPoint *p = &pt[i];
            double x, y;
            if (!visible(p, series, map->t_lo, map->t_hi) || (map->log && !(p->value > 0)))
                continue;
            x = map->x(map->ctx, p->time);
            y = map->y(map->ctx, p->value);
            if (!p->row->below_lloq && p->sd > 0)
                error_bar(cr, map, p, x, r, rgb);
            marker(cr, x, y, r, shape, p->row->below_lloq, rgb, map->lw);
        }
    }
    cairo_restore(cr);
}

int
plot_observed_any(const ExopkObsMatch *const *obs, size_t n)
{
    for (size_t a = 0; a < n; a++)
        if (obs[a] != NULL && exopk_obs_match_n(obs[a]) > 0)
            return 1;
    return 0;
}

static int
any_below(const ExopkObsMatch *const *obs, size_t n)
{
    for (size_t a = 0; a < n; a++)
        for (size_t i = 0; obs[a] != NULL && i < exopk_obs_match_n(obs[a]); i++)
            if (exopk_obs_match_points(obs[a])[i].row->below_lloq)
                return 1;
    return 0;
}

static double
label_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;

    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

double
plot_observed_legend(cairo_t *cr, const ExopkObsMatch *const *obs, size_t n, double x, double y,
                     double w, double u, double lw, int dry)
{
    static const double grey[3] = { GREY_TEXT, GREY_TEXT, GREY_TEXT };
    const char *labels[2] = { "observed", "below LLOQ" };
    size_t n_items = any_below(obs, n) ? 2 : 1;
    double row = 1.5 * u, r = 0.3 * u, gap = 1.4 * u, width = 0, xx;

    if (!plot_observed_any(obs, n))
        return 0;
    if (dry)
        return row;
    cairo_save(cr);
    cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 0.9 * u);
    for (size_t i = 0; i < n_items; i++)
        width += (i ? gap : 0) + 2 * r + 0.4 * u + label_width(cr, labels[i]);
    xx = x + fmax(0, (w - width) / 2);
    for (size_t i = 0; i < n_items; i++) {
        marker(cr, xx + r, y + 0.5 * row, r, 0, i == 1, grey, lw);
        cairo_set_source_rgb(cr, GREY_TEXT, GREY_TEXT, GREY_TEXT);
        /* digits are about 0.73 em high: centred on the row as plot.c's text */
        plot_show_text(cr, xx + 2 * r + 0.4 * u, y + 0.5 * row + 0.365 * 0.9 * u, labels[i], 0);
        xx += 2 * r + 0.4 * u + label_width(cr, labels[i]) + gap;
    }
    cairo_restore(cr);
    return row;
}
