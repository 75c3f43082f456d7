/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-plot: a fit's goodness of fit.  Per observation name, its time
 * course (the observations and the fitted model of each arm, when curves
 * are given) and observed against predicted with the identity line (log
 * axes when every value is positive); then every weighted residual
 * against time with the zero line and +-2.  In a time course an arm has
 * the palette colour of its index, elsewhere a name has that of its
 * index; a row below the LLOQ is an open marker at the LLOQ (its value is
 * only known to be lower), and it has no weighted residual. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "plot-private.h"

typedef struct {
    size_t name, arm;                /* indices into names, arms */
    double time, observed, predicted, wres;
    int below;
} FitPoint;

typedef struct {
    char name[160], unit[64];
    int has_curve;
} FitName;

typedef struct {
    size_t name, arm;
    double *t, *y;                   /* h; the name's unit */
    size_t n;
} FitCurve;

struct ExopkFitChart {
    char title[256];
    FitPoint *pts;
    size_t n_pts;
    FitName *names;
    size_t n_names;
    char (*arms)[EXOPK_NAME_MAX];
    size_t n_arms;
    FitCurve *curves;
    size_t n_curves;
};

/* Index of @arm among the data's arms (added when @add), or n_arms. */
static size_t
arm_index(ExopkFitChart *c, const char *arm, int add)
{
    size_t i = 0;

    while (i < c->n_arms && strcmp(c->arms[i], arm) != 0)
        i++;
    if (i == c->n_arms && add)
        snprintf(c->arms[c->n_arms++], sizeof c->arms[0], "%s", arm);
    return i;
}

static size_t
name_index(ExopkFitChart *c, const char *name)
{
    size_t i = 0;

    while (i < c->n_names && strcmp(c->names[i].name, name) != 0)
        i++;
    if (i == c->n_names)
        snprintf(c->names[c->n_names++].name, sizeof c->names[0].name, "%s", name);
    return i;
}

static void
set_units(ExopkFitChart *c, const char *const *names, const char *const *units, size_t n)
{
    for (size_t i = 0; i < c->n_names; i++)
        for (size_t k = 0; k < n; k++)
            if (names[k] != NULL && units[k] != NULL && strcmp(names[k], c->names[i].name) == 0)
                snprintf(c->names[i].unit, sizeof c->names[i].unit, "%s", units[k]);
}

ExopkFitChart *
exopk_fit_chart_new(const char *title, const ExopkFitResult *r, const char *const *names,
                    const char *const *units, size_t n_units)
{
    ExopkFitChart *c = calloc(1, sizeof *c);
    size_t n = exopk_fit_n_residuals(r);

    if (c == NULL || (c->pts = calloc(n ? n : 1, sizeof *c->pts)) == NULL ||
        (c->names = calloc(n ? n : 1, sizeof *c->names)) == NULL ||
        (c->arms = calloc(n ? n : 1, sizeof *c->arms)) == NULL) {
        exopk_fit_chart_free(c);
        return NULL;
    }
    snprintf(c->title, sizeof c->title, "%s", title != NULL ? title : "");
    for (size_t i = 0; i < n; i++) {
        const ExopkFitResidual *q = exopk_fit_residual(r, i);
        c->pts[c->n_pts++] = (FitPoint) { name_index(c, q->name), arm_index(c, q->arm, 1),
                                          q->time, q->observed, q->predicted,
                                          q->weighted_residual, q->below_lloq };
    }
    set_units(c, names, units, names != NULL && units != NULL ? n_units : 0);
    return c;
}

void
exopk_fit_chart_free(ExopkFitChart *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n_curves; i++) {
        free(c->curves[i].t);
        free(c->curves[i].y);
    }
    free(c->curves);
    free(c->pts);
    free(c->names);
    free(c->arms);
    free(c);
}

ExopkStatus
exopk_fit_chart_add_curve(ExopkFitChart *c, const char *arm, const char *name,
                          const double *time, const double *value, size_t n)
{
    size_t a = arm_index(c, arm, 0), k = 0;
    FitCurve *grown, *cv;

    while (k < c->n_names && strcmp(c->names[k].name, name) != 0)
        k++;
    if (a == c->n_arms || k == c->n_names || n == 0)
        return EXOPK_EINVAL;
    grown = realloc(c->curves, (c->n_curves + 1) * sizeof *grown);
    if (grown == NULL)
        return EXOPK_ENOMEM;
    c->curves = grown;
    cv = &grown[c->n_curves];
    *cv = (FitCurve) { k, a, malloc(n * sizeof *time), malloc(n * sizeof *value), n };
    if (cv->t == NULL || cv->y == NULL) {
        free(cv->t), free(cv->y);
        return EXOPK_ENOMEM;
    }
    memcpy(cv->t, time, n * sizeof *time);
    memcpy(cv->y, value, n * sizeof *value);
    c->n_curves++;
    c->names[k].has_curve = 1;
    return EXOPK_OK;
}

size_t
exopk_fit_chart_n_panels(const ExopkFitChart *c)
{
    size_t n = c->n_names + 1;

    for (size_t i = 0; i < c->n_names; i++)
        n += (size_t) c->names[i].has_curve;
    return n;
}

/* ---- one scatter panel ----------------------------------------------------------- */

typedef enum { PANEL_TIME, PANEL_OBS_PRED, PANEL_RESIDUALS } PanelKind;

/* Panel @k: per name its time course (when it has a curve), then observed
 * against predicted; the residuals last. */
static PanelKind
panel_at(const ExopkFitChart *c, size_t k, size_t *name)
{
    for (*name = 0; *name < c->n_names; (*name)++) {
        if (c->names[*name].has_curve && k-- == 0)
            return PANEL_TIME;
        if (k-- == 0)
            return PANEL_OBS_PRED;
    }
    return PANEL_RESIDUALS;
}

typedef struct {
    double x, y, w, h;
    Axis xa, ya;
} Scatter;

static double
sx(const Scatter *s, double v)
{
    double a = s->xa.log ? log10(v) : v;
    return s->x + s->w * (a - s->xa.lo) / (s->xa.hi - s->xa.lo);
}

static double
sy(const Scatter *s, double v)
{
    double a = s->ya.log ? fmax(log10(v), s->ya.lo - 50) : v;
    return s->y + s->h * (1 - (a - s->ya.lo) / (s->ya.hi - s->ya.lo));
}

/* The point's place in panel @kind of name @name; 0 when not drawn there. */
static int
point_xy(const FitPoint *p, PanelKind kind, size_t name, double *x, double *y)
{
    if (kind == PANEL_RESIDUALS) {
        *x = p->time;
        *y = p->wres;
        return isfinite(p->time) && isfinite(p->wres);
    }
    if (kind == PANEL_TIME) {
        *x = p->time;
        *y = p->observed;
        return p->name == name && isfinite(*x) && isfinite(*y);
    }
    *x = p->predicted;
    *y = p->observed;
    return p->name == name && isfinite(*x) && isfinite(*y);
}

/* A time axis from 0 (or earlier) in h, or in d beyond 3 d. */
static void
time_axis(Axis *a, double tlo, double thi, double target, double *t_div)
{
    *t_div = thi - fmin(tlo, 0) > 72 ? 24 : 1;
    plot_axis_linear(a, fmin(tlo, 0) / *t_div, thi / *t_div, target, 1);
}

/* A time course: the observations and the name's curves; values on a log
 * axis when all are positive and span more than a factor of 100. */
static int
time_axes(const ExopkFitChart *c, size_t name, double target_x, double target_y, Scatter *s,
          double *t_div)
{
    double lo = INFINITY, hi = -INFINITY, tlo = INFINITY, thi = -INFINITY, x, y;

    for (size_t i = 0; i < c->n_pts; i++)
        if (point_xy(&c->pts[i], PANEL_TIME, name, &x, &y)) {
            tlo = fmin(tlo, x), thi = fmax(thi, x);
            lo = fmin(lo, y), hi = fmax(hi, y);
        }
    for (size_t k = 0; k < c->n_curves; k++)
        for (size_t i = 0; c->curves[k].name == name && i < c->curves[k].n; i++)
            if (isfinite(c->curves[k].t[i]) && isfinite(c->curves[k].y[i])) {
                tlo = fmin(tlo, c->curves[k].t[i]), thi = fmax(thi, c->curves[k].t[i]);
                lo = fmin(lo, c->curves[k].y[i]), hi = fmax(hi, c->curves[k].y[i]);
            }
    if (!(thi >= tlo))
        return 0;
    time_axis(&s->xa, tlo, thi, target_x, t_div);
    if (lo > 0 && hi > 100 * lo)
        plot_axis_log(&s->ya, lo, hi, target_y);
    else
        plot_axis_linear(&s->ya, fmin(lo, 0), hi > lo ? hi : lo + 1, target_y, 1);
    return 1;
}

/* The axes of a panel: obs-pred share one range (log when all > 0); the
 * residuals span at least -2.5..2.5 and time in h or d. */
static int
scatter_axes(const ExopkFitChart *c, PanelKind kind, size_t name, double target_x,
             double target_y, Scatter *s, double *t_div)
{
    double lo = INFINITY, hi = -INFINITY, tlo = INFINITY, thi = -INFINITY, x, y;
    int positive = 1, any = 0;

    if (kind == PANEL_TIME)
        return time_axes(c, name, target_x, target_y, s, t_div);
    for (size_t i = 0; i < c->n_pts; i++) {
        if (!point_xy(&c->pts[i], kind, name, &x, &y))
            continue;
        any = 1;
        positive &= x > 0 && y > 0;
        tlo = fmin(tlo, x), thi = fmax(thi, x);
        lo = fmin(lo, kind == PANEL_RESIDUALS ? y : fmin(x, y));
        hi = fmax(hi, kind == PANEL_RESIDUALS ? y : fmax(x, y));
    }
    if (!any)
        return 0;
    *t_div = 1;
    if (kind == PANEL_RESIDUALS) {
        time_axis(&s->xa, tlo, thi, target_x, t_div);
        plot_axis_linear(&s->ya, fmin(lo, -2.5), fmax(hi, 2.5), target_y, 1);
    } else if (positive) {
        plot_axis_log(&s->xa, lo, hi, target_x);
        plot_axis_log(&s->ya, lo, hi, target_y);
    } else {
        plot_axis_linear(&s->xa, fmin(lo, 0), hi, target_x, 1);
        plot_axis_linear(&s->ya, fmin(lo, 0), hi, target_y, 1);
    }
    return 1;
}

static void
grid_and_frame(Ctx *c, const Scatter *s)
{
    cairo_set_line_width(c->cr, 0.6 * c->lw);
    plot_grey(c->cr, GREY_GRID);
    for (size_t i = 0; i < s->xa.n; i++) {
        double xx = s->x + s->w * (s->xa.at[i] - s->xa.lo) / (s->xa.hi - s->xa.lo);
        cairo_move_to(c->cr, xx, s->y);
        cairo_line_to(c->cr, xx, s->y + s->h);
    }
    for (size_t i = 0; i < s->ya.n; i++) {
        double yy = s->y + s->h * (1 - (s->ya.at[i] - s->ya.lo) / (s->ya.hi - s->ya.lo));
        cairo_move_to(c->cr, s->x, yy);
        cairo_line_to(c->cr, s->x + s->w, yy);
    }
    cairo_stroke(c->cr);
    cairo_set_line_width(c->cr, 0.9 * c->lw);
    plot_grey(c->cr, GREY_AXIS);
    cairo_move_to(c->cr, s->x, s->y);
    cairo_line_to(c->cr, s->x, s->y + s->h);
    cairo_line_to(c->cr, s->x + s->w, s->y + s->h);
    cairo_stroke(c->cr);
}

static void
tick_labels(Ctx *c, const Scatter *s)
{
    double fs = 0.82 * c->u;

    plot_font(c, fs, 0);
    plot_grey(c->cr, GREY_TEXT);
    for (size_t i = 0; i < s->ya.n; i++)
        plot_y_label(c, &s->ya, i, s->x - 0.4 * fs,
                     s->y + s->h * (1 - (s->ya.at[i] - s->ya.lo) / (s->ya.hi - s->ya.lo)));
    for (size_t i = 0; i < s->xa.n; i++) {
        double xx = s->x + s->w * (s->xa.at[i] - s->xa.lo) / (s->xa.hi - s->xa.lo);
        if (s->xa.sup) {
            char buf[40];
            snprintf(buf, sizeof buf, "1e%s", s->xa.label[i]);
            plot_text(c, xx, s->y + s->h + 0.9 * fs, buf, 0.5);
        } else {
            plot_text(c, xx, s->y + s->h + 0.9 * fs, s->xa.label[i], 0.5);
        }
    }
}

/* The identity line, or the zero line and +-2 of the residuals: grey. */
static void
reference_lines(Ctx *c, const Scatter *s, PanelKind kind)
{
    double d[2] = { 4 * c->lw, 3 * c->lw };

    if (kind == PANEL_TIME)
        return;
    cairo_save(c->cr);
    cairo_rectangle(c->cr, s->x, s->y, s->w, s->h);
    cairo_clip(c->cr);
    plot_grey(c->cr, GREY_KEY);
    cairo_set_line_width(c->cr, 1.0 * c->lw);
    if (kind == PANEL_OBS_PRED) {
        double lo = s->xa.log ? pow(10, s->xa.lo) : s->xa.lo;
        double hi = s->xa.log ? pow(10, s->xa.hi) : s->xa.hi;
        cairo_move_to(c->cr, sx(s, lo), sy(s, lo));
        cairo_line_to(c->cr, sx(s, hi), sy(s, hi));
        cairo_stroke(c->cr);
    } else {
        cairo_move_to(c->cr, s->x, sy(s, 0));
        cairo_line_to(c->cr, s->x + s->w, sy(s, 0));
        cairo_stroke(c->cr);
        cairo_set_dash(c->cr, d, 2, 0);
        for (int k = -2; k <= 2; k += 4) {
            cairo_move_to(c->cr, s->x, sy(s, k));
            cairo_line_to(c->cr, s->x + s->w, sy(s, k));
        }
        cairo_stroke(c->cr);
    }
    cairo_restore(c->cr);
}

static void
points(Ctx *c, const ExopkFitChart *ch, const Scatter *s, PanelKind kind, size_t name,
       double t_div)
{
    double r = 0.3 * c->u, x, y, rgb[3];

    cairo_save(c->cr);
    for (size_t i = 0; i < ch->n_pts; i++) {
        const FitPoint *p = &ch->pts[i];
        if (!point_xy(p, kind, name, &x, &y))
            continue;
        exopk_figure_arm_colour(kind == PANEL_TIME ? p->arm : p->name, rgb);
        cairo_new_sub_path(c->cr);
        cairo_arc(c->cr, sx(s, x / t_div), sy(s, y), r, 0, 2 * M_PI);
        if (p->below) {
            cairo_set_source_rgb(c->cr, 1, 1, 1);
            cairo_fill_preserve(c->cr);
            cairo_set_line_width(c->cr, 1.2 * c->lw);
            cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
            cairo_stroke(c->cr);
        } else {
            cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
            cairo_fill(c->cr);
        }
    }
    cairo_restore(c->cr);
}

/* The fitted model of each arm with data of @name, in the arm's colour
 * and its own dash pattern, so that a curve on top of another (two arms
 * the model cannot tell apart) still shows. */
static void
curves(Ctx *c, const ExopkFitChart *ch, const Scatter *s, size_t name, double t_div)
{
    const double l = c->lw, dashes[4][4] = { { 0 }, { 7 * l, 4 * l }, { 2 * l, 3 * l },
                                             { 7 * l, 3 * l, 2 * l, 3 * l } };
    const int n_dashes[4] = { 0, 2, 2, 4 };
    double rgb[3];

    cairo_save(c->cr);
    cairo_rectangle(c->cr, s->x, s->y, s->w, s->h);
    cairo_clip(c->cr);
    cairo_set_line_width(c->cr, 1.4 * c->lw);
    cairo_set_line_join(c->cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t k = 0; k < ch->n_curves; k++) {
        const FitCurve *cv = &ch->curves[k];
        int pen = 0;

        if (cv->name != name)
            continue;
        for (size_t i = 0; i < cv->n; i++) {
            int ok = isfinite(cv->t[i]) && isfinite(cv->y[i]) && !(s->ya.log && cv->y[i] <= 0);
            if (ok && pen)
                cairo_line_to(c->cr, sx(s, cv->t[i] / t_div), sy(s, cv->y[i]));
            else if (ok)
                cairo_move_to(c->cr, sx(s, cv->t[i] / t_div), sy(s, cv->y[i]));
            pen = ok;
        }
        exopk_figure_arm_colour(cv->arm, rgb);
        cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
        cairo_set_dash(c->cr, dashes[cv->arm % 4], n_dashes[cv->arm % 4], 0);
        cairo_stroke(c->cr);
    }
    cairo_restore(c->cr);
}

/* The arms of @name's curves, right-aligned at (@right, @y), each in its colour. */
static void
arm_key(Ctx *c, const ExopkFitChart *ch, size_t name, double right, double y)
{
    double rgb[3];

    plot_font(c, 0.82 * c->u, 0);
    for (size_t k = ch->n_curves; k-- > 0;) {
        cairo_text_extents_t ext;

        if (ch->curves[k].name != name)
            continue;
        exopk_figure_arm_colour(ch->curves[k].arm, rgb);
        cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
        plot_text(c, right, y, ch->arms[ch->curves[k].arm], 1);
        cairo_text_extents(c->cr, ch->arms[ch->curves[k].arm], &ext);
        right -= ext.x_advance + 0.8 * c->u;
    }
}

static void
panel_titles(const ExopkFitChart *ch, PanelKind kind, size_t name, double t_div, char *title,
             char *x_title, size_t size)
{
    const char *unit = kind != PANEL_RESIDUALS && ch->names[name].unit[0] ? ch->names[name].unit
                                                                           : "1";
    if (kind == PANEL_RESIDUALS || kind == PANEL_TIME) {
        if (kind == PANEL_RESIDUALS)
            snprintf(title, size, "weighted residual [1]");
        else
            snprintf(title, size, "%s [%s]", ch->names[name].name, unit);
        snprintf(x_title, size, "time [%s]", t_div > 1 ? "d" : "h");
    } else {
        snprintf(title, size, "%s observed [%s]", ch->names[name].name, unit);
        snprintf(x_title, size, "predicted [%s]", unit);
    }
}

static void
draw_scatter(Ctx *c, const ExopkFitChart *ch, PanelKind kind, size_t name, double x, double y,
             double w, double h)
{
    double u = c->u, fs = 0.82 * u, left = 0, t_div = 1;
    char title[256], x_title[256];
    Scatter s;

    s.y = y + 1.7 * u;
    s.h = h - 1.7 * u - 1.6 * fs - 1.5 * u;
    plot_font(c, fs, 0);
    if (s.h < 2 * u || !scatter_axes(ch, kind, name, w / (6 * fs), s.h / (2.6 * fs), &s, &t_div))
        return;
    for (size_t i = 0; i < s.ya.n; i++)
        left = fmax(left, plot_label_width(c, &s.ya, i));
    s.x = x + left + 0.5 * fs;
    s.w = w - left - 0.5 * fs - 0.6 * u;
    panel_titles(ch, kind, name, t_div, title, x_title, sizeof title);
    plot_font(c, u, 0);
    plot_grey(c->cr, GREY_TEXT);
    plot_text(c, x, y + 0.6 * u, title, 0);
    grid_and_frame(c, &s);
    tick_labels(c, &s);
    plot_font(c, 0.9 * u, 0);
    plot_text(c, s.x + s.w / 2, s.y + s.h + 1.6 * fs + 0.75 * u, x_title, 0.5);
    reference_lines(c, &s, kind);
    if (kind == PANEL_TIME) {
        curves(c, ch, &s, name, t_div);
        arm_key(c, ch, name, s.x + s.w, y + 0.6 * u);
    }
    points(c, ch, &s, kind, name, t_div);
}

void
exopk_fit_chart_draw(const ExopkFitChart *ch, cairo_t *cr, double width, double height)
{
    Ctx c = { .cr = cr };
    size_t n = exopk_fit_chart_n_panels(ch), cols = n > 1 ? 2 : 1, rows = (n + cols - 1) / cols;
    double u = fmax(8.5, fmin(16, width / 70)), m = 0.9 * u, top = m, cw, chh;

    if (!(width > 0 && height > 0))
        return;
    cairo_save(cr);
    plot_setup_cr(cr);
    c.u = u;
    c.lw = u / 11;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (ch->title[0] != '\0') {
        plot_font(&c, 1.3 * u, 1);
        plot_grey(cr, GREY_TEXT);
        plot_text(&c, width / 2, top + 0.7 * u, ch->title, 0.5);
        top += 2.2 * u;
    }
    cw = (width - 2 * m - (cols - 1) * 2.2 * u) / cols;
    chh = (height - top - m - (rows - 1) * 1.2 * u) / rows;
    for (size_t k = 0; k < n; k++) {
        size_t name;
        PanelKind kind = panel_at(ch, k, &name);

        draw_scatter(&c, ch, kind, name, m + (k % cols) * (cw + 2.2 * u),
                     top + (k / cols) * (chh + 1.2 * u), cw, chh);
    }
    cairo_restore(cr);
}

static void
chart_draw(const void *obj, cairo_t *cr, double w, double h)
{
    exopk_fit_chart_draw(obj, cr, w, h);
}

static void
chart_desc(const void *obj, FILE *fp)
{
    const ExopkFitChart *ch = obj;

    fprintf(fp, "Goodness of fit, %zu observations. Panels:\n", ch->n_pts);
    for (size_t i = 0; i < ch->n_names; i++) {
        const char *unit = ch->names[i].unit[0] ? ch->names[i].unit : "1";
        if (ch->names[i].has_curve) {
            plot_xml_escaped(fp, ch->names[i].name);
            fprintf(fp, " [");
            plot_xml_escaped(fp, unit);
            fputs("] against time: observed and the fitted model of each arm\n", fp);
        }
        plot_xml_escaped(fp, ch->names[i].name);
        fprintf(fp, " observed [");
        plot_xml_escaped(fp, unit);
        fprintf(fp, "] against predicted [");
        plot_xml_escaped(fp, unit);
        fputs("], identity line\n", fp);
    }
    fputs("weighted residual [1] against time\n", fp);
}

ExopkStatus
exopk_fit_chart_write(const ExopkFitChart *ch, const char *path, double width_pt,
                      double height_pt, ExopkError *err)
{
    PlotDrawing d = { ch, ch->title, chart_draw, chart_desc };
    size_t n = exopk_fit_chart_n_panels(ch), rows = n > 1 ? (n + 1) / 2 : 1;

    if (!(width_pt > 0))
        width_pt = 768;
    if (!(height_pt > 0))
        height_pt = fmax(360, 60 + 300.0 * (double) rows);
    return plot_write(&d, path, width_pt, height_pt, err);
}
