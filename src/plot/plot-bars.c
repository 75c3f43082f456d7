/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot: sensitivity charts.  One panel per metric, one row per
 * parameter, the largest effect at the top: a tornado of local S or of
 * Morris mu* (sigma a diamond on the same axis), or Sobol S1 and ST side
 * by side with their bootstrap 95 % intervals as whiskers.  Bars are
 * fills in the palette's first colours; whiskers and axes are grey, so a
 * test counts bars by colour. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "plot-private.h"

#define NAME_MAX_LEN 160

typedef struct {
    char name[NAME_MAX_LEN], unit[64];
    size_t *order;                   /* n_params: rows top to bottom */
    double *v[2], *lo[2], *hi[2];    /* per parameter: bar (2: S1, ST), interval */
    double *marker;                  /* Morris sigma, else NULL */
} Metric;

struct ExopkSensChart {
    char title[256];
    ExopkSensMethod method;
    size_t n_params, n_metrics;
    char (*params)[NAME_MAX_LEN];
    Metric *metrics;
    ExopkPlotStyle style;
};

static double
effect(const Metric *m, ExopkSensMethod method, size_t p)
{
    double v = method == EXOPK_SENS_SOBOL ? m->v[1][p] : m->v[0][p];
    return isfinite(v) ? fabs(v) : -1;   /* NaN at the bottom */
}

/* Rows by decreasing effect; ties keep the given order. */
static void
sort_rows(Metric *m, ExopkSensMethod method, size_t n)
{
    for (size_t i = 0; i < n; i++)
        m->order[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && effect(m, method, m->order[j]) >
                                    effect(m, method, m->order[j - 1]); j--) {
            size_t t = m->order[j];
            m->order[j] = m->order[j - 1];
            m->order[j - 1] = t;
        }
}

static int
metric_fill(Metric *m, const ExopkSensResult *r, ExopkSensMethod method, size_t out, size_t np)
{
    static const ExopkSensStat stats[3][7] = {
        { EXOPK_SENS_S, EXOPK_SENS_S, EXOPK_SENS_S, EXOPK_SENS_S, EXOPK_SENS_S, EXOPK_SENS_S },
        { EXOPK_SENS_MU_STAR, EXOPK_SENS_MU_STAR, EXOPK_SENS_MU_STAR, EXOPK_SENS_MU_STAR,
          EXOPK_SENS_MU_STAR, EXOPK_SENS_MU_STAR, EXOPK_SENS_SIGMA },
        { EXOPK_SENS_S1, EXOPK_SENS_S1_LOW, EXOPK_SENS_S1_HIGH, EXOPK_SENS_ST, EXOPK_SENS_ST_LOW,
          EXOPK_SENS_ST_HIGH },
    };
    const ExopkSensStat *st = stats[method];
    double *block = calloc(7 * (np ? np : 1), sizeof *block);

    m->order = calloc(np ? np : 1, sizeof *m->order);
    if (block == NULL || m->order == NULL) {
        free(block);
        return -1;
    }
    for (int k = 0; k < 2; k++) {
        m->v[k] = block + (3 * k) * np;
        m->lo[k] = block + (3 * k + 1) * np;
        m->hi[k] = block + (3 * k + 2) * np;
    }
    m->marker = method == EXOPK_SENS_MORRIS ? block + 6 * np : NULL;
    for (size_t p = 0; p < np; p++) {
        for (int k = 0; k < 6; k++)
            block[k * np + p] = exopk_sens_value(r, out, p, st[k]);
        if (m->marker != NULL)
            m->marker[p] = exopk_sens_value(r, out, p, st[6]);
    }
    sort_rows(m, method, np);
    return 0;
}

ExopkSensChart *
exopk_sens_chart_new(const char *title, ExopkSensMethod method, const ExopkSensResult *r,
                     const char *const *params, size_t n_params, const char *const *metrics,
                     const char *const *units, size_t n_metrics)
{
    ExopkSensChart *c = calloc(1, sizeof *c);

    if (c == NULL || method > EXOPK_SENS_SOBOL)
        goto fail;
    snprintf(c->title, sizeof c->title, "%s", title != NULL ? title : "");
    c->method = method;
    c->params = calloc(n_params ? n_params : 1, sizeof *c->params);
    c->metrics = calloc(n_metrics ? n_metrics : 1, sizeof *c->metrics);
    if (c->params == NULL || c->metrics == NULL)
        goto fail;
    c->n_params = n_params;
    for (size_t p = 0; p < n_params; p++)
        snprintf(c->params[p], NAME_MAX_LEN, "%s", params[p]);
    for (size_t m = 0; m < n_metrics; m++, c->n_metrics++) {
        snprintf(c->metrics[m].name, NAME_MAX_LEN, "%s", metrics[m]);
        snprintf(c->metrics[m].unit, sizeof c->metrics[m].unit, "%s",
                 units != NULL && units[m] != NULL ? units[m] : "");
        if (metric_fill(&c->metrics[m], r, method, m, n_params) != 0)
            goto fail;
    }
    return c;
fail:
    exopk_sens_chart_free(c);
    return NULL;
}

void
exopk_sens_chart_free(ExopkSensChart *c)
{
    if (c == NULL)
        return;
    for (size_t m = 0; c->metrics != NULL && m < c->n_metrics; m++) {
        free(c->metrics[m].v[0]);
        free(c->metrics[m].order);
    }
    free(c->metrics);
    free(c->params);
    free(c);
}

size_t
exopk_sens_chart_row(const ExopkSensChart *c, size_t metric, size_t row)
{
    return metric < c->n_metrics && row < c->n_params ? c->metrics[metric].order[row]
                                                      : (size_t) -1;
}

/* ---- drawing ------------------------------------------------------------------ */

static const char *
value_title(ExopkSensMethod method)
{
    static const char *const t[] = { "S = d ln metric / d ln parameter [1]",
                                     "mu* and sigma [metric unit per parameter range]",
                                     "Sobol index [1]" };
    return t[method];
}

static void
widen(double v, double *lo, double *hi)
{
    if (isfinite(v)) {
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
}

/* The value axis of a panel: every bar, whisker and marker, and 0. */
static void
value_axis(const ExopkSensChart *c, const Metric *m, double target, Axis *ax)
{
    double lo = 0, hi = 0;

    for (size_t p = 0; p < c->n_params; p++)
        for (int k = 0; k < (c->method == EXOPK_SENS_SOBOL ? 2 : 1); k++) {
            widen(m->v[k][p], &lo, &hi);
            if (c->method == EXOPK_SENS_SOBOL) {
                widen(m->lo[k][p], &lo, &hi);
                widen(m->hi[k][p], &lo, &hi);
            }
            if (m->marker != NULL)
                widen(m->marker[p], &lo, &hi);
        }
    if (c->method == EXOPK_SENS_SOBOL)
        hi = fmax(hi, 1);            /* indices are fractions of the variance */
    plot_axis_linear(ax, lo, hi, target, 1);
}

typedef struct {
    double x, y, w, h;               /* the plot area */
    Axis ax;
} BarBox;

static double
bx(const BarBox *b, double v)
{
    return b->x + b->w * (v - b->ax.lo) / (b->ax.hi - b->ax.lo);
}

static void
fill_colour(cairo_t *cr, size_t k)
{
    double rgb[3];

    exopk_figure_arm_colour(k, rgb);
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

static void
whisker(Ctx *c, double x0, double x1, double y, double half)
{
    if (!isfinite(x0) || !isfinite(x1))
        return;
    plot_grey(c->cr, GREY_TEXT);
    cairo_set_line_width(c->cr, 0.9 * c->lw);
    cairo_move_to(c->cr, x0, y);
    cairo_line_to(c->cr, x1, y);
    cairo_move_to(c->cr, x0, y - half);
    cairo_line_to(c->cr, x0, y + half);
    cairo_move_to(c->cr, x1, y - half);
    cairo_line_to(c->cr, x1, y + half);
    cairo_stroke(c->cr);
}

static void
diamond(cairo_t *cr, double x, double y, double r)
{
    cairo_move_to(cr, x, y - r);
    cairo_line_to(cr, x + r, y);
    cairo_line_to(cr, x, y + r);
    cairo_line_to(cr, x - r, y);
    cairo_close_path(cr);
    cairo_fill(cr);
}

/* The bars of row @row (parameter @p) centred on @y, @rh high. */
static void
draw_row(Ctx *c, const ExopkSensChart *ch, const Metric *m, const BarBox *b, size_t p, double y,
         double rh)
{
    int two = ch->method == EXOPK_SENS_SOBOL;
    double bh = two ? 0.36 * rh : 0.6 * rh, x0 = bx(b, 0);

    for (int k = 0; k < (two ? 2 : 1); k++) {
        double v = m->v[k][p], yy = two ? y + (k ? 0.02 : -0.38) * rh : y - 0.3 * rh;
        if (!isfinite(v))
            continue;
        fill_colour(c->cr, (size_t) k);
        cairo_rectangle(c->cr, fmin(x0, bx(b, v)), yy, fabs(bx(b, v) - x0), bh);
        cairo_fill(c->cr);
        if (two)
            whisker(c, bx(b, m->lo[k][p]), bx(b, m->hi[k][p]), yy + bh / 2, 0.25 * bh);
    }
    if (m->marker != NULL && isfinite(m->marker[p])) {
        fill_colour(c->cr, 1);
        diamond(c->cr, bx(b, m->marker[p]), y, 0.3 * rh);
    }
}

static void
draw_value_axis(Ctx *c, const BarBox *b, ExopkSensMethod method, int with_title)
{
    double fs = 0.82 * c->u;

    cairo_set_line_width(c->cr, 0.6 * c->lw);
    plot_grey(c->cr, GREY_GRID);
    for (size_t i = 0; i < b->ax.n; i++) {
        double xx = round(bx(b, b->ax.at[i])) + 0.5;
        cairo_move_to(c->cr, xx, b->y);
        cairo_line_to(c->cr, xx, b->y + b->h);
    }
    cairo_stroke(c->cr);
    plot_grey(c->cr, GREY_AXIS);
    cairo_set_line_width(c->cr, 0.9 * c->lw);
    cairo_move_to(c->cr, bx(b, 0), b->y);
    cairo_line_to(c->cr, bx(b, 0), b->y + b->h);
    cairo_move_to(c->cr, b->x, b->y + b->h);
    cairo_line_to(c->cr, b->x + b->w, b->y + b->h);
    cairo_stroke(c->cr);
    plot_font(c, fs, 0);
    plot_grey(c->cr, GREY_TEXT);
    for (size_t i = 0; i < b->ax.n; i++)
        plot_text(c, bx(b, b->ax.at[i]), b->y + b->h + 0.9 * fs, b->ax.label[i], 0.5);
    if (with_title) {
        plot_font(c, 0.9 * c->u, 0);
        plot_text(c, b->x + b->w / 2, b->y + b->h + 1.6 * fs + 0.75 * c->u, value_title(method),
                  0.5);
    }
}

/* Panel of metric @m in the cell (@x, @y, @w, @h). */
static void
draw_metric(Ctx *c, const ExopkSensChart *ch, const Metric *m, double x, double y, double w,
            double h)
{
    double u = c->u, fs = 0.82 * u, left = 0, rh;
    char title[NAME_MAX_LEN + 80];
    BarBox b;

    snprintf(title, sizeof title, "%s [%s]", m->name, m->unit[0] ? m->unit : "1");
    plot_font(c, u, 0);
    plot_grey(c->cr, GREY_TEXT);
    plot_text(c, x, y + 0.6 * u, title, 0);
    plot_font(c, fs, 0);
    for (size_t p = 0; p < ch->n_params; p++)
        left = fmax(left, plot_text_width(c, ch->params[p]));
    left = fmin(left, 0.45 * w);
    b.x = x + left + 0.6 * fs;
    b.y = y + 1.7 * u;
    b.w = w - left - 0.6 * fs - 0.6 * u;
    b.h = h - 1.7 * u - 1.6 * fs - 1.5 * u;
    if (b.w < 4 * u || b.h < 1.5 * u || ch->n_params == 0)
        return;
    value_axis(ch, m, b.w / (5.5 * fs), &b.ax);
    draw_value_axis(c, &b, ch->method, 1);
    rh = b.h / (double) ch->n_params;
    for (size_t r = 0; r < ch->n_params; r++) {
        size_t p = m->order[r];
        double yc = b.y + (r + 0.5) * rh;
        plot_font(c, fs, 0);
        plot_grey(c->cr, GREY_TEXT);
        plot_text(c, b.x - 0.4 * fs, yc, ch->params[p], 1);
        draw_row(c, ch, m, &b, p, yc, rh);
    }
}

/* The key above the panels: what the bars and markers are. */
static void
draw_key(Ctx *c, const ExopkSensChart *ch, double x, double y, double w)
{
    static const char *const labels[3][2] = { { "S (sorted by |S|)", NULL },
                                               { "mu* (sorted)", "sigma" },
                                               { "S1", "ST (sorted), whiskers: 95 % interval" } };
    double u = c->u, sw = 1.6 * u, width = 0, xx;

    plot_font(c, 0.9 * u, 0);
    for (int k = 0; k < 2 && labels[ch->method][k] != NULL; k++)
        width += (k ? 1.4 * u : 0) + sw + 0.4 * u + plot_text_width(c, labels[ch->method][k]);
    xx = x + fmax(0, (w - width) / 2);
    for (int k = 0; k < 2 && labels[ch->method][k] != NULL; k++) {
        fill_colour(c->cr, (size_t) k);
        if (ch->method == EXOPK_SENS_MORRIS && k == 1)
            diamond(c->cr, xx + sw / 2, y, 0.45 * u);
        else {
            cairo_rectangle(c->cr, xx, y - 0.3 * u, sw, 0.6 * u);
            cairo_fill(c->cr);
        }
        plot_grey(c->cr, GREY_TEXT);
        plot_text(c, xx + sw + 0.4 * u, y, labels[ch->method][k], 0);
        xx += sw + 0.4 * u + plot_text_width(c, labels[ch->method][k]) + 1.4 * u;
    }
}

void
exopk_sens_chart_set_style(ExopkSensChart *ch, ExopkPlotStyle style)
{
    ch->style = style;
}

void
exopk_sens_chart_draw(const ExopkSensChart *ch, cairo_t *cr, double width, double height)
{
    Ctx c = { .cr = cr };
    size_t cols = ch->n_metrics > 1 && ch->style != EXOPK_PLOT_PAPER ? 2 : 1;
    size_t rows = (ch->n_metrics + cols - 1) / cols;
    double u = fmax(8.5, fmin(16, width / 70)), m = 0.9 * u, top, cw, chh;

    if (!(width > 0 && height > 0))
        return;
    cairo_save(cr);
    plot_setup_cr(cr);
    c.u = u;
    c.lw = u / 11;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    top = m;
    if (ch->title[0] != '\0') {
        plot_font(&c, 1.3 * u, 1);
        plot_grey(cr, GREY_TEXT);
        plot_text(&c, width / 2, top + 0.7 * u, ch->title, 0.5);
        top += 1.8 * u;
    }
    draw_key(&c, ch, m, top + 0.75 * u, width - 2 * m);
    top += 2.1 * u;
    cw = (width - 2 * m - (cols - 1) * 2.2 * u) / cols;
    chh = rows ? (height - top - m - (rows - 1) * 1.2 * u) / rows : 0;
    for (size_t k = 0; k < ch->n_metrics; k++)
        draw_metric(&c, ch, &ch->metrics[k], m + (k % cols) * (cw + 2.2 * u),
                    top + (k / cols) * (chh + 1.2 * u), cw, chh);
    cairo_restore(cr);
}

/* ---- files --------------------------------------------------------------------- */

static void
chart_draw(const void *obj, cairo_t *cr, double w, double h)
{
    exopk_sens_chart_draw(obj, cr, w, h);
}

/* "METRIC [unit]: P1, P2, ..." per panel, rows top to bottom. */
static void
chart_desc(const void *obj, FILE *fp)
{
    static const char *const method[] = { "local", "morris", "sobol" };
    const ExopkSensChart *ch = obj;

    fprintf(fp, "Sensitivity (%s), x: ", method[ch->method]);
    plot_xml_escaped(fp, value_title(ch->method));
    fputs(".\nParameters from the largest effect down, per metric:\n", fp);
    for (size_t m = 0; m < ch->n_metrics; m++) {
        plot_xml_escaped(fp, ch->metrics[m].name);
        fputs(" [", fp);
        plot_xml_escaped(fp, ch->metrics[m].unit[0] ? ch->metrics[m].unit : "1");
        fputs("]:", fp);
        for (size_t r = 0; r < ch->n_params; r++) {
            fputs(r ? ", " : " ", fp);
            plot_xml_escaped(fp, ch->params[ch->metrics[m].order[r]]);
        }
        fputc('\n', fp);
    }
}

ExopkStatus
exopk_sens_chart_write(const ExopkSensChart *ch, const char *path, double width_pt,
                       double height_pt, ExopkError *err)
{
    PlotDrawing d = { ch, ch->title, chart_draw, chart_desc, ch->style };
    int paper = ch->style == EXOPK_PLOT_PAPER;
    size_t rows = ch->n_metrics > 1 && !paper ? (ch->n_metrics + 1) / 2 : ch->n_metrics;
    double per_row = 3.5 * 11 + (ch->method == EXOPK_SENS_SOBOL ? 26 : 18) * (double) ch->n_params;

    if (!(width_pt > 0))
        width_pt = paper ? PLOT_PAPER_WIDTH_PT : 768;
    if (!(height_pt > 0))
        height_pt = fmax(320, 60 + per_row * (double) rows);
    return plot_write(&d, path, width_pt, height_pt, err);
}
