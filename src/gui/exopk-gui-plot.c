/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-plot.h"
#include "exopk-gui-util.h"
#include "plot.h"

#define ZOOM_STEP 1.25            /* per scroll step */
#define ZOOM_MIN_H 0.5            /* the narrowest window, h */
#define DRAG_MIN_PX 8             /* a shorter drag is a click */

/* A shown panel as the renderer lays it out for the area's size. */
typedef struct {
    size_t panel;                 /* figure panel index */
    double box[4];                /* x, y, w, h of the plotting rectangle */
    double range[4];              /* t0, t1 (h), y0, y1 (NAN: no data) */
    int log;
} Shown;

struct _ExopkGuiPlot {
    GtkBox parent;
    GtkWidget *area, *panels_button, *panels_grid, *zoom_label, *reset, *readout;
    char *title;
    ExopkResult **results;        /* borrowed, n: outlive the figure */
    size_t n;
    ExopkFigure *fig;             /* owned; borrows results */
    ExopkObserved *observed;      /* owned: drawn over the results */
    ExopkObsMatch **matches;      /* owned, n_matches; the figure borrows them */
    size_t n_matches;
    ExopkPopSummary *pop;         /* owned, or NULL: percentile bands under the lines */
    ExopkResult **bands;          /* 3 n_bands: p05s, p50s, p95s (borrowed from pop) */
    size_t n_bands;
    GHashTable *hidden;           /* series names the user unticked (owned keys) */
    GHashTable *scale;            /* series -> 1 log, 2 linear: the user's choice (owned keys) */
    double win_t0, win_t1;        /* h; NAN: the whole time */
    Shown *shown;                 /* owned, n_shown: the layout cache */
    size_t n_shown;
    int shown_w, shown_h;         /* the size it is for; -1: stale */
    double hover_x, hover_y;      /* -1: none */
    double drag_x0, drag_x1, drag_y; /* -1: no drag */
    guint draw_count;
    gint64 last_draw_end;
    gboolean building;            /* panel rows being rebuilt */
    GHashTable *regimens;         /* arm name -> Regimen (owned): legend text, dose marks */
};

/* What the study says of one arm: its regimen and dose times. */
typedef struct {
    char *label;
    GArray *doses;                /* double, h */
} Regimen;

static void
regimen_free(gpointer p)
{
    Regimen *r = p;

    g_free(r->label);
    g_array_unref(r->doses);
    g_free(r);
}

G_DEFINE_FINAL_TYPE(ExopkGuiPlot, exopk_gui_plot, GTK_TYPE_BOX)

/* ---- the renderer's layout, cached per size ----------------------------- */

static void
invalidate(ExopkGuiPlot *self)
{
    self->shown_w = self->shown_h = -1;
}

static void
ensure_layout(ExopkGuiPlot *self)
{
    int w = gtk_widget_get_width(self->area), h = gtk_widget_get_height(self->area);
    size_t np = self->fig != NULL ? exopk_figure_n_panels(self->fig) : 0;

    if (w == self->shown_w && h == self->shown_h)
        return;
    g_free(self->shown);
    self->shown = g_new0(Shown, np ? np : 1);
    self->n_shown = 0;
    for (size_t p = 0; p < np; p++) {
        Shown *s = &self->shown[self->n_shown];
        if (!exopk_figure_panel_box(self->fig, w, h, p, s->box)
            || !exopk_figure_panel_range(self->fig, w, h, p, s->range, &s->log))
            continue;
        s->panel = p;
        self->n_shown++;
    }
    self->shown_w = w;
    self->shown_h = h;
}

/* The shown panel whose plotting rectangle holds (@x, @y), or NULL. */
static const Shown *
shown_at(ExopkGuiPlot *self, double x, double y)
{
    ensure_layout(self);
    for (size_t i = 0; i < self->n_shown; i++) {
        const double *b = self->shown[i].box;
        if (x >= b[0] && x <= b[0] + b[2] && y >= b[1] && y <= b[1] + b[3])
            return &self->shown[i];
    }
    return NULL;
}

static double
time_at(const Shown *s, double x)
{
    double f = CLAMP((x - s->box[0]) / s->box[2], 0, 1);

    return s->range[0] + f * (s->range[1] - s->range[0]);
}

static double
x_at(const Shown *s, double t)
{
    return s->box[0] + s->box[2] * (t - s->range[0]) / (s->range[1] - s->range[0]);
}

/* The axis value at height @y of the panel. */
static double
value_at(const Shown *s, double y)
{
    double f = (s->box[1] + s->box[3] - y) / s->box[3];

    if (isnan(s->range[2]))
        return NAN;
    return s->log ? s->range[2] * pow(s->range[3] / s->range[2], f)
                  : s->range[2] + f * (s->range[3] - s->range[2]);
}

/* The results the lines show: the population's p50s when its bands are
 * those of the results' arms, else the results. */
static ExopkResult **
figure_lines(ExopkGuiPlot *self)
{
    return self->bands != NULL && self->n_bands == self->n ? self->bands + self->n_bands
                                                           : self->results;
}

/* ---- drawing ---------------------------------------------------------- */

static void
draw(GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
    ExopkGuiPlot *self = data;

    (void) area;
    if (self->fig == NULL) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        return;
    }
    exopk_figure_draw(self->fig, cr, width, height);
    if (self->hover_x >= 0 && self->drag_x0 < 0) {
        const Shown *at = shown_at(self, self->hover_x, self->hover_y);
        if (at != NULL) {
            /* the pointer's time in every panel */
            double t = time_at(at, self->hover_x);
            cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, 0.5);
            cairo_set_line_width(cr, 1);
            for (size_t i = 0; i < self->n_shown; i++) {
                const Shown *s = &self->shown[i];
                double x = round(x_at(s, t)) + 0.5;
                cairo_move_to(cr, x, s->box[1]);
                cairo_line_to(cr, x, s->box[1] + s->box[3]);
            }
            cairo_stroke(cr);
        }
    }
    if (self->drag_x0 >= 0 && self->drag_x1 >= 0) {
        const Shown *at = shown_at(self, self->drag_x0, self->drag_y);
        if (at != NULL) {
            double ta = time_at(at, self->drag_x0), tb = time_at(at, self->drag_x1);
            cairo_set_source_rgba(cr, 0.2, 0.4, 0.9, 0.18);
            for (size_t i = 0; i < self->n_shown; i++) {
                const Shown *s = &self->shown[i];
                double xa = x_at(s, fmin(ta, tb)), xb = x_at(s, fmax(ta, tb));
                cairo_rectangle(cr, xa, s->box[1], xb - xa, s->box[3]);
            }
            cairo_fill(cr);
        }
    }
    self->draw_count++;
    self->last_draw_end = g_get_monotonic_time();
}

static void
redraw(ExopkGuiPlot *self)
{
    invalidate(self);
    gtk_widget_queue_draw(self->area);
}

/* ---- hover read-out ---------------------------------------------------- */

/* @v at time @t by linear interpolation; NAN outside the times. */
static double
value_at_time(const double *t, const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;

    if (n == 0 || x < t[0] || x > t[n - 1])
        return NAN;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    if (hi >= n || !(t[hi] > t[lo]))
        return v[lo];
    return v[lo] + (v[hi] - v[lo]) * (x - t[lo]) / (t[hi] - t[lo]);
}

static void
update_readout(ExopkGuiPlot *self)
{
    const Shown *at;
    GString *s;
    char b1[32], b2[32];
    const char *s0, *s1;
    double t, y;

    if (self->fig == NULL || self->hover_x < 0
        || (at = shown_at(self, self->hover_x, self->hover_y)) == NULL) {
        gtk_label_set_text(GTK_LABEL(self->readout),
                           "Point at a panel to read its values; drag across a time range "
                           "or scroll to zoom.");
        return;
    }
    s0 = exopk_figure_panel_nth_series(self->fig, at->panel, 0);
    s1 = exopk_figure_panel_nth_series(self->fig, at->panel, 1);
    t = time_at(at, self->hover_x);
    y = value_at(at, self->hover_y);
    s = g_string_new(NULL);
    exopk_gui_format(b1, sizeof b1, t);
    exopk_gui_format(b2, sizeof b2, t / 24);
    g_string_append_printf(s, "t = %s h (%s d) — %s:", b1, b2,
                           exopk_figure_panel_title(self->fig, at->panel));
    for (size_t a = 0; a < self->n; a++) {
        ExopkResult *r = figure_lines(self)[a];
        long i0 = r != NULL ? exopk_result_find_series(r, s0) : -1;
        long i1 = r != NULL && s1 != NULL ? exopk_result_find_series(r, s1) : -1;
        const double *tt = r != NULL ? exopk_result_times(r) : NULL;
        size_t nt = r != NULL ? exopk_result_n_times(r) : 0;
        if (i0 < 0 && i1 < 0)
            continue;
        g_string_append_printf(s, "  %s ", exopk_result_arm(r));
        if (i0 >= 0) {
            exopk_gui_format(b1, sizeof b1,
                             value_at_time(tt, exopk_result_series(r, i0), nt, t));
            g_string_append(s, b1);
        }
        if (i1 >= 0) {
            exopk_gui_format(b2, sizeof b2,
                             value_at_time(tt, exopk_result_series(r, i1), nt, t));
            g_string_append_printf(s, " / %s", b2);
        }
    }
    if (isfinite(y)) {
        exopk_gui_format(b1, sizeof b1, y);
        g_string_append_printf(s, "   (pointer at %s)", b1);
    }
    gtk_label_set_text(GTK_LABEL(self->readout), s->str);
    g_string_free(s, TRUE);
}

void
exopk_gui_plot_hover(ExopkGuiPlot *self, double x, double y)
{
    self->hover_x = x;
    self->hover_y = y;
    update_readout(self);
    gtk_widget_queue_draw(self->area);
}

static void
on_motion(GtkEventControllerMotion *m, double x, double y, gpointer data)
{
    (void) m;
    exopk_gui_plot_hover(data, x, y);
}

static void
on_leave(GtkEventControllerMotion *m, gpointer data)
{
    (void) m;
    exopk_gui_plot_hover(data, -1, -1);
}

/* ---- zoom: a time window of the figure ---------------------------------- */

static void
update_zoom_label(ExopkGuiPlot *self)
{
    gboolean zoomed = !isnan(self->win_t0) || !isnan(self->win_t1);
    char b1[32], b2[32], text[96];
    double t0, t1;

    gtk_widget_set_sensitive(self->reset, zoomed);
    gtk_widget_set_visible(self->zoom_label, zoomed && self->fig != NULL);
    if (!zoomed || self->fig == NULL)
        return;
    exopk_figure_get_time_window(self->fig, &t0, &t1);
    if (t1 - t0 > 72) {
        exopk_gui_format(b1, sizeof b1, t0 / 24);
        exopk_gui_format(b2, sizeof b2, t1 / 24);
        g_snprintf(text, sizeof text, "showing %s–%s d", b1, b2);
    } else {
        exopk_gui_format(b1, sizeof b1, t0);
        exopk_gui_format(b2, sizeof b2, t1);
        g_snprintf(text, sizeof text, "showing %s–%s h", b1, b2);
    }
    gtk_label_set_text(GTK_LABEL(self->zoom_label), text);
}

void
exopk_gui_plot_set_time_window(ExopkGuiPlot *self, double t0, double t1)
{
    self->win_t0 = t0;
    self->win_t1 = t1;
    if (self->fig != NULL) {
        double s0, s1;
        exopk_figure_set_time_window(self->fig, t0, t1);
        /* the whole span is no zoom */
        exopk_figure_get_time_window(self->fig, &t0, &t1);
        exopk_figure_get_time_span(self->fig, &s0, &s1);
        if (t0 <= s0 && t1 >= s1)
            self->win_t0 = self->win_t1 = NAN;
    }
    update_zoom_label(self);
    redraw(self);
    update_readout(self);
}

void
exopk_gui_plot_get_time_window(ExopkGuiPlot *self, double *t0, double *t1)
{
    if (t0 != NULL)
        *t0 = self->win_t0;
    if (t1 != NULL)
        *t1 = self->win_t1;
}

void
exopk_gui_plot_reset_zoom(ExopkGuiPlot *self)
{
    exopk_gui_plot_set_time_window(self, NAN, NAN);
}

void
exopk_gui_plot_scroll(ExopkGuiPlot *self, double x, double y, double dy)
{
    const Shown *at;
    double tp, w0, w1, s0, s1, f, t0, t1;

    if (self->fig == NULL || dy == 0 || (at = shown_at(self, x, y)) == NULL)
        return;
    tp = time_at(at, x);
    exopk_figure_get_time_window(self->fig, &w0, &w1);
    exopk_figure_get_time_span(self->fig, &s0, &s1);
    f = pow(ZOOM_STEP, dy);           /* dy < 0: in */
    if ((w1 - w0) * f < ZOOM_MIN_H)
        f = ZOOM_MIN_H / (w1 - w0);
    /* the time under the pointer stays where it is */
    t0 = tp - (tp - w0) * f;
    t1 = tp + (w1 - tp) * f;
    if (t1 - t0 >= s1 - s0) {
        exopk_gui_plot_reset_zoom(self);
        return;
    }
    if (t0 < s0)
        t1 += s0 - t0, t0 = s0;
    if (t1 > s1)
        t0 -= t1 - s1, t1 = s1;
    exopk_gui_plot_set_time_window(self, t0, t1);
}

static gboolean
on_scroll(GtkEventControllerScroll *sc, double dx, double dy, gpointer data)
{
    ExopkGuiPlot *self = data;

    (void) dx;
    if (self->fig == NULL || dy == 0 || self->hover_x < 0
        || shown_at(self, self->hover_x, self->hover_y) == NULL)
        return FALSE;
    (void) sc;
    exopk_gui_plot_scroll(self, self->hover_x, self->hover_y, dy);
    return TRUE;
}

void
exopk_gui_plot_drag(ExopkGuiPlot *self, double x0, double x1, double y)
{
    const Shown *at;
    double t0, t1;

    if (self->fig == NULL || fabs(x1 - x0) < DRAG_MIN_PX || (at = shown_at(self, x0, y)) == NULL)
        return;
    t0 = time_at(at, fmin(x0, x1));
    t1 = time_at(at, fmax(x0, x1));
    if (t1 - t0 < ZOOM_MIN_H) {
        double mid = (t0 + t1) / 2;
        t0 = mid - ZOOM_MIN_H / 2;
        t1 = mid + ZOOM_MIN_H / 2;
    }
    exopk_gui_plot_set_time_window(self, t0, t1);
}

static void
on_drag_begin(GtkGestureDrag *g, double x, double y, gpointer data)
{
    ExopkGuiPlot *self = data;

    (void) g;
    self->drag_x0 = x;
    self->drag_y = y;
    self->drag_x1 = -1;
}

static void
on_drag_update(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
    ExopkGuiPlot *self = data;

    (void) g;
    (void) dy;
    self->drag_x1 = self->drag_x0 + dx;
    gtk_widget_queue_draw(self->area);
}

static void
on_drag_end(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
    ExopkGuiPlot *self = data;
    double x0 = self->drag_x0, y = self->drag_y;

    (void) g;
    (void) dy;
    self->drag_x0 = self->drag_x1 = self->drag_y = -1;
    gtk_widget_queue_draw(self->area);
    exopk_gui_plot_drag(self, x0, x0 + dx, y);
}

/* ---- panels: selection and scales --------------------------------------- */

static void
apply_selection(ExopkGuiPlot *self)
{
    g_auto(GStrv) names = exopk_gui_plot_dup_selected(self);
    size_t n = g_strv_length(names), np = exopk_figure_n_panels(self->fig);
    char label[64];

    /* nothing ticked shows nothing, not everything */
    if (n == 0)
        exopk_figure_select(self->fig, (const char *const[]) { "" }, 1);
    else
        exopk_figure_select(self->fig, (const char *const *) names, n);
    g_snprintf(label, sizeof label, "Panels (%zu of %zu)", n, np);
    gtk_menu_button_set_label(GTK_MENU_BUTTON(self->panels_button), label);
    redraw(self);
    update_readout(self);
}

/* The user's log/linear choices onto a new figure. */
static void
apply_scales(ExopkGuiPlot *self)
{
    for (size_t p = 0; p < exopk_figure_n_panels(self->fig); p++) {
        int choice = GPOINTER_TO_INT(g_hash_table_lookup(self->scale,
                                                         exopk_figure_panel_series(self->fig, p)));
        if (choice != 0)
            exopk_figure_set_log(self->fig, p, choice == 1);
    }
}

static void
on_panel_toggled(GtkCheckButton *b, gpointer data)
{
    ExopkGuiPlot *self = data;
    const char *series = g_object_get_data(G_OBJECT(b), "series");

    if (self->building)
        return;
    if (gtk_check_button_get_active(b))
        g_hash_table_remove(self->hidden, series);
    else
        g_hash_table_add(self->hidden, g_strdup(series));
    apply_selection(self);
}

static void
on_log_toggled(GtkToggleButton *b, gpointer data)
{
    ExopkGuiPlot *self = data;

    if (self->building)
        return;
    exopk_gui_plot_set_log(self, g_object_get_data(G_OBJECT(b), "series"),
                           gtk_toggle_button_get_active(b));
}

/* Rebuilds the rows of the panels popover when the set of panels changes,
 * else updates their states. */
static void
sync_panels(ExopkGuiPlot *self)
{
    GtkGrid *grid = GTK_GRID(self->panels_grid);
    size_t np = exopk_figure_n_panels(self->fig), k = 0;
    gboolean same = TRUE;
    GtkWidget *child;

    for (;; k++) {
        GtkWidget *check = gtk_grid_get_child_at(grid, 0, (int) k);
        if (check == NULL)
            break;
        if (k >= np || g_strcmp0(g_object_get_data(G_OBJECT(check), "series"),
                                 exopk_figure_panel_series(self->fig, k)) != 0)
            same = FALSE;
    }
    self->building = TRUE;
    if (!same || k != np) {
        while ((child = gtk_widget_get_first_child(self->panels_grid)) != NULL)
            gtk_grid_remove(grid, child);
        for (size_t p = 0; p < np; p++) {
            const char *series = exopk_figure_panel_series(self->fig, p);
            GtkWidget *b = gtk_check_button_new_with_label(exopk_figure_panel_title(self->fig, p));
            GtkWidget *log = gtk_toggle_button_new_with_label("log");
            g_object_set_data_full(G_OBJECT(b), "series", g_strdup(series), g_free);
            g_object_set_data_full(G_OBJECT(log), "series", g_strdup(series), g_free);
            gtk_widget_set_tooltip_text(b, "Show or hide this panel");
            gtk_widget_set_tooltip_text(log, "Log (pressed) or linear y axis");
            gtk_widget_add_css_class(log, "flat");
            gtk_widget_add_css_class(log, "scale-toggle");
            gtk_widget_set_valign(log, GTK_ALIGN_CENTER);
            g_signal_connect(b, "toggled", G_CALLBACK(on_panel_toggled), self);
            g_signal_connect(log, "toggled", G_CALLBACK(on_log_toggled), self);
            gtk_grid_attach(grid, b, 0, (int) p, 1, 1);
            gtk_grid_attach(grid, log, 1, (int) p, 1, 1);
        }
    }
    for (size_t p = 0; p < np; p++) {
        GtkWidget *b = gtk_grid_get_child_at(grid, 0, (int) p);
        GtkWidget *log = gtk_grid_get_child_at(grid, 1, (int) p);
        const char *series = exopk_figure_panel_series(self->fig, p);
        gtk_check_button_set_active(GTK_CHECK_BUTTON(b),
                                    !g_hash_table_contains(self->hidden, series));
        gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(log), exopk_figure_get_log(self->fig, p));
    }
    self->building = FALSE;
}

static long
panel_index(ExopkGuiPlot *self, const char *series)
{
    for (size_t p = 0; self->fig != NULL && p < exopk_figure_n_panels(self->fig); p++)
        if (strcmp(exopk_figure_panel_series(self->fig, p), series) == 0)
            return (long) p;
    return -1;
}

void
exopk_gui_plot_set_log(ExopkGuiPlot *self, const char *series, gboolean log)
{
    long p = panel_index(self, series);

    g_hash_table_insert(self->scale, g_strdup(series), GINT_TO_POINTER(log ? 1 : 2));
    if (p < 0)
        return;
    exopk_figure_set_log(self->fig, (size_t) p, log);
    sync_panels(self);
    redraw(self);
    update_readout(self);
}

gboolean
exopk_gui_plot_get_log(ExopkGuiPlot *self, const char *series)
{
    long p = panel_index(self, series);

    return p >= 0 && exopk_figure_get_log(self->fig, (size_t) p);
}

char **
exopk_gui_plot_dup_selected(ExopkGuiPlot *self)
{
    GPtrArray *a = g_ptr_array_new();

    for (size_t p = 0; self->fig != NULL && p < exopk_figure_n_panels(self->fig); p++) {
        const char *s = exopk_figure_panel_series(self->fig, p);
        if (!g_hash_table_contains(self->hidden, s))
            g_ptr_array_add(a, g_strdup(s));
    }
    g_ptr_array_add(a, NULL);
    return (char **) g_ptr_array_free(a, FALSE);
}

gboolean
exopk_gui_plot_get_panel_box(ExopkGuiPlot *self, const char *series, double box[4])
{
    long p = panel_index(self, series);

    if (p < 0)
        return FALSE;
    ensure_layout(self);
    for (size_t i = 0; i < self->n_shown; i++)
        if (self->shown[i].panel == (size_t) p) {
            memcpy(box, self->shown[i].box, sizeof self->shown[i].box);
            return TRUE;
        }
    return FALSE;
}

/* ---- results ----------------------------------------------------------- */

static void
clear_results(ExopkGuiPlot *self)
{
    exopk_figure_free(self->fig);
    self->fig = NULL;
    self->results = NULL;         /* borrowed */
    self->n = 0;
    invalidate(self);
}

/* Each arm's regimen in the legend and its doses on the time axis. */
static void
apply_regimens(ExopkGuiPlot *self)
{
    for (size_t a = 0; a < self->n; a++) {
        const Regimen *r = self->results[a] != NULL
            ? g_hash_table_lookup(self->regimens, exopk_result_arm(self->results[a])) : NULL;
        if (r == NULL)
            continue;
        exopk_figure_set_arm_label(self->fig, a, r->label);
        exopk_figure_set_doses(self->fig, a, &g_array_index(r->doses, double, 0),
                               r->doses->len);
    }
}

/* A new figure of the results (the p50s over their bands with a
 * population), with the observed data, the scales, the time window and
 * the panel selection kept. */
static void
build_figure(ExopkGuiPlot *self)
{
    ExopkResult **lines = figure_lines(self);

    exopk_figure_free(self->fig);
    invalidate(self);
    self->fig = self->results != NULL ? exopk_figure_new(self->title, lines, self->n) : NULL;
    if (self->fig != NULL) {
        if (self->matches != NULL)
            exopk_figure_set_observed(self->fig, (const ExopkObsMatch *const *) self->matches,
                                      self->n_matches);
        if (lines != self->results)
            exopk_figure_set_bands(self->fig, self->bands, self->bands + 2 * self->n_bands,
                                   self->n_bands,
                                   "p05\xe2\x80\x93p95 of the subjects (line: p50)");
        apply_regimens(self);
        apply_scales(self);
        if (!isnan(self->win_t0) || !isnan(self->win_t1))
            exopk_figure_set_time_window(self->fig, self->win_t0, self->win_t1);
        sync_panels(self);
        apply_selection(self);
    }
    update_zoom_label(self);
    update_readout(self);
    gtk_widget_queue_draw(self->area);
}

void
exopk_gui_plot_set_results(ExopkGuiPlot *self, const char *title, ExopkResult **results,
                           size_t n)
{
    clear_results(self);
    g_free(self->title);
    self->title = g_strdup(title);
    self->results = results;
    self->n = n;
    build_figure(self);
}

void
exopk_gui_plot_set_regimens(ExopkGuiPlot *self, const ExopkStudy *study)
{
    g_hash_table_remove_all(self->regimens);
    for (size_t a = 0; a < study->n_arms; a++) {
        const ExopkArm *arm = &study->arms[a];
        Regimen *r = g_new0(Regimen, 1);

        r->label = exopk_gui_regimen(study, arm);
        r->doses = g_array_sized_new(FALSE, FALSE, sizeof(double), arm->n_doses);
        for (size_t k = 0; k < arm->n_doses; k++)
            g_array_append_val(r->doses, arm->doses[k].time);
        g_hash_table_insert(self->regimens, g_strdup(arm->name), r);
    }
}

static void
drop_population(ExopkGuiPlot *self)
{
    exopk_pop_summary_free(self->pop);
    g_clear_pointer(&self->bands, g_free);
    self->pop = NULL;
    self->n_bands = 0;
}

void
exopk_gui_plot_set_population(ExopkGuiPlot *self, ExopkPopSummary *sum)
{
    if (sum == NULL && self->pop == NULL)
        return;                   /* nothing shown: the figure stays */
    /* the figure borrows the bands: it goes first */
    exopk_figure_free(self->fig);
    self->fig = NULL;
    drop_population(self);
    if (sum != NULL) {
        size_t n = exopk_pop_summary_n_arms(sum);
        self->pop = sum;
        self->n_bands = n;
        self->bands = g_new0(ExopkResult *, 3 * (n ? n : 1));
        for (size_t a = 0; a < n; a++)
            for (int q = 0; q < 3; q++)
                self->bands[q * n + a] = exopk_pop_summary_band(sum, a, (ExopkPopBand) q);
    }
    build_figure(self);
}

const ExopkResult *
exopk_gui_plot_get_band(ExopkGuiPlot *self, size_t arm, int q)
{
    if (self->bands == NULL || figure_lines(self) == self->results || arm >= self->n_bands
        || q < 0 || q > 2)
        return NULL;
    return self->bands[(size_t) q * self->n_bands + arm];
}

static void
drop_observed(ExopkGuiPlot *self)
{
    exopk_obs_match_arms_free(self->matches, self->n_matches);
    exopk_observed_free(self->observed);
    self->matches = NULL;
    self->observed = NULL;
    self->n_matches = 0;
}

void
exopk_gui_plot_set_observed(ExopkGuiPlot *self, ExopkObserved *obs, ExopkObsMatch **matches,
                            size_t n)
{
    /* the figure lets go of the old matches before they are freed */
    if (self->fig != NULL)
        exopk_figure_set_observed(self->fig, (const ExopkObsMatch *const *) matches, n);
    drop_observed(self);
    self->observed = obs;
    self->matches = matches;
    self->n_matches = matches != NULL ? n : 0;
    invalidate(self);
    gtk_widget_queue_draw(self->area);
}

gboolean
exopk_gui_plot_write(ExopkGuiPlot *self, const char *path, GError **error)
{
    ExopkError err;

    if (self->fig == NULL) {
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "nothing to export yet");
        return FALSE;
    }
    if (exopk_figure_write(self->fig, path, 0, 0, &err) != EXOPK_OK) {
        exopk_gui_set_error(error, &err);
        return FALSE;
    }
    return TRUE;
}

guint
exopk_gui_plot_get_draw_count(ExopkGuiPlot *self)
{
    return self->draw_count;
}

gint64
exopk_gui_plot_get_last_draw_end(ExopkGuiPlot *self)
{
    return self->last_draw_end;
}

GtkWidget *
exopk_gui_plot_get_area(ExopkGuiPlot *self)
{
    return self->area;
}

const char *
exopk_gui_plot_get_readout(ExopkGuiPlot *self)
{
    return gtk_label_get_text(GTK_LABEL(self->readout));
}

/* ---- GObject ------------------------------------------------------------ */

static void
exopk_gui_plot_dispose(GObject *obj)
{
    ExopkGuiPlot *self = EXOPK_GUI_PLOT(obj);

    clear_results(self);            /* the figure goes first: it borrows the matches */
    drop_observed(self);
    drop_population(self);
    g_clear_pointer(&self->shown, g_free);
    g_clear_pointer(&self->title, g_free);
    g_clear_pointer(&self->hidden, g_hash_table_unref);
    g_clear_pointer(&self->scale, g_hash_table_unref);
    g_clear_pointer(&self->regimens, g_hash_table_unref);
    G_OBJECT_CLASS(exopk_gui_plot_parent_class)->dispose(obj);
}

static void
exopk_gui_plot_class_init(ExopkGuiPlotClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = exopk_gui_plot_dispose;
    gtk_widget_class_set_css_name(GTK_WIDGET_CLASS(klass), "exopkplot");
}

static void
on_resize(GtkDrawingArea *area, int width, int height, gpointer data)
{
    (void) area;
    (void) width;
    (void) height;
    invalidate(data);
}

static void
exopk_gui_plot_init(ExopkGuiPlot *self)
{
    GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *popover = gtk_popover_new(), *scroller = gtk_scrolled_window_new(), *hint;
    GtkEventController *ec;
    GtkGesture *drag;

    self->hidden = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    self->scale = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    self->regimens = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, regimen_free);
    self->hover_x = self->hover_y = self->drag_x0 = self->drag_x1 = self->drag_y = -1;
    self->win_t0 = self->win_t1 = NAN;
    invalidate(self);
    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    gtk_box_set_spacing(GTK_BOX(self), 4);

    /* the panels: a popover of "show" check buttons and "log" toggles */
    self->panels_grid = gtk_grid_new();
    gtk_grid_set_row_spacing(GTK_GRID(self->panels_grid), 2);
    gtk_grid_set_column_spacing(GTK_GRID(self->panels_grid), 12);
    gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroller), GTK_POLICY_NEVER,
                                   GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height(GTK_SCROLLED_WINDOW(scroller), TRUE);
    gtk_scrolled_window_set_propagate_natural_width(GTK_SCROLLED_WINDOW(scroller), TRUE);
    gtk_scrolled_window_set_max_content_height(GTK_SCROLLED_WINDOW(scroller), 520);
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), self->panels_grid);
    gtk_popover_set_child(GTK_POPOVER(popover), scroller);
    self->panels_button = gtk_menu_button_new();
    gtk_menu_button_set_label(GTK_MENU_BUTTON(self->panels_button), "Panels");
    gtk_menu_button_set_popover(GTK_MENU_BUTTON(self->panels_button), popover);
    gtk_widget_set_tooltip_text(self->panels_button,
                                "Choose the panels to show, and a log or linear axis for each");
    gtk_box_append(GTK_BOX(bar), self->panels_button);

    hint = gtk_label_new("Drag across a time range or scroll over a panel to zoom");
    gtk_widget_add_css_class(hint, "dim-label");
    gtk_widget_add_css_class(hint, "plot-hint");
    gtk_label_set_ellipsize(GTK_LABEL(hint), PANGO_ELLIPSIZE_END);
    gtk_label_set_xalign(GTK_LABEL(hint), 0);
    gtk_widget_set_hexpand(hint, TRUE);
    gtk_box_append(GTK_BOX(bar), hint);
    self->zoom_label = gtk_label_new(NULL);
    gtk_widget_set_visible(self->zoom_label, FALSE);
    gtk_box_append(GTK_BOX(bar), self->zoom_label);
    self->reset = gtk_button_new_from_icon_name("zoom-original-symbolic");
    gtk_widget_set_tooltip_text(self->reset, "Show the whole time");
    gtk_widget_set_sensitive(self->reset, FALSE);
    g_signal_connect_swapped(self->reset, "clicked", G_CALLBACK(exopk_gui_plot_reset_zoom), self);
    gtk_box_append(GTK_BOX(bar), self->reset);
    gtk_box_append(GTK_BOX(self), bar);

    self->area = gtk_drawing_area_new();
    gtk_widget_set_hexpand(self->area, TRUE);
    gtk_widget_set_vexpand(self->area, TRUE);
    gtk_widget_set_size_request(self->area, 360, 320);
    gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(self->area), draw, self, NULL);
    g_signal_connect(self->area, "resize", G_CALLBACK(on_resize), self);
    gtk_box_append(GTK_BOX(self), self->area);

    ec = gtk_event_controller_motion_new();
    g_signal_connect(ec, "motion", G_CALLBACK(on_motion), self);
    g_signal_connect(ec, "leave", G_CALLBACK(on_leave), self);
    gtk_widget_add_controller(self->area, ec);
    ec = gtk_event_controller_scroll_new(GTK_EVENT_CONTROLLER_SCROLL_VERTICAL
                                         | GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);
    g_signal_connect(ec, "scroll", G_CALLBACK(on_scroll), self);
    gtk_widget_add_controller(self->area, ec);
    drag = gtk_gesture_drag_new();
    g_signal_connect(drag, "drag-begin", G_CALLBACK(on_drag_begin), self);
    g_signal_connect(drag, "drag-update", G_CALLBACK(on_drag_update), self);
    g_signal_connect(drag, "drag-end", G_CALLBACK(on_drag_end), self);
    gtk_widget_add_controller(self->area, GTK_EVENT_CONTROLLER(drag));

    self->readout = gtk_label_new(NULL);
    gtk_label_set_xalign(GTK_LABEL(self->readout), 0);
    gtk_label_set_ellipsize(GTK_LABEL(self->readout), PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class(self->readout, "readout");
    gtk_box_append(GTK_BOX(self), self->readout);
    update_readout(self);
}

GtkWidget *
exopk_gui_plot_new(void)
{
    return g_object_new(EXOPK_GUI_TYPE_PLOT, NULL);
}
