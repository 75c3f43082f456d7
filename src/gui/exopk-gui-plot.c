/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-plot.h"
#include "exopk-gui-util.h"
#include "plot.h"

struct _ExopkGuiPlot {
    GtkBox parent;
    GtkWidget *area, *panels_box, *readout, *reset;
    char *title;
    ExopkResult **results;        /* borrowed, n: outlive the figure */
    size_t n;
    ExopkFigure *fig;             /* owned; borrows results */
    GHashTable *hidden;           /* series names the user unticked (owned keys) */
    double horizon;               /* h */
    double zoom_t1;               /* h, 0: whole horizon */
    double hover_x, hover_y;      /* -1: none */
    double drag_x0, drag_x1;      /* -1: no drag */
    guint draw_count;
    gint64 last_draw_end;
    gboolean building;            /* check buttons being rebuilt */
};

G_DEFINE_FINAL_TYPE(ExopkGuiPlot, exopk_gui_plot, GTK_TYPE_BOX)

enum { SIGNAL_ZOOM_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- the renderer's layout ---------------------------------------------
 * src/plot does not expose where it puts the panels; this mirrors
 * exopk_figure_draw's arithmetic (plot.c) so that the pointer maps to a
 * panel and a time.  The y-label width is estimated from the data range
 * (a pixel or two off at worst).  To drop this, src/plot needs
 * exopk_figure_panel_box(). */

typedef struct {
    size_t panel;                 /* figure panel index */
    double x, y, w, h;            /* the cell */
    double bx, bw;                /* the plot area's x extent */
} Cell;

static const char *
second_series(const char *first, char *buf, gsize size)
{
    if (g_str_has_suffix(first, ".cell_s")) {
        g_snprintf(buf, size, "%.*s.cell_r", (int) (strlen(first) - 7), first);
        return buf;
    }
    if (strcmp(first, "tumour_interstitium_particles_pct_id") == 0)
        return "tumour_cells_particles_pct_id";
    return NULL;
}

static gboolean
panel_is_log(const char *first)
{
    return strcmp(first, "tumour_volume") != 0 && strcmp(first, "resistant_fraction") != 0;
}

/* The widest y tick label the renderer would draw for this panel. */
static double
label_width(ExopkGuiPlot *self, cairo_t *cr, size_t panel, double fs)
{
    const char *s0 = exopk_figure_panel_series(self->fig, panel);
    char buf[192];
    const char *s1 = second_series(s0, buf, sizeof buf);
    const char *names[2] = { s0, s1 };
    gboolean log = panel_is_log(s0);
    double lo = INFINITY, hi = -INFINITY;
    cairo_text_extents_t e;
    char label[64];

    for (size_t a = 0; a < self->n; a++) {
        ExopkResult *r = self->results[a];
        for (int k = 0; r != NULL && k < 2 && names[k] != NULL; k++) {
            long i = exopk_result_find_series(r, names[k]);
            const double *v = i >= 0 ? exopk_result_series(r, i) : NULL;
            for (size_t j = 0; v != NULL && j < exopk_result_n_times(r); j++)
                if (isfinite(v[j]) && (!log || v[j] > 0))
                    lo = fmin(lo, v[j]), hi = fmax(hi, v[j]);
        }
    }
    if (!(hi >= lo))
        return 0;
    cairo_set_font_size(cr, fs);
    if (log) {
        int d1 = (int) ceil(log10(hi) - 1e-9), d0 = (int) floor(log10(lo) + 1e-9);
        if (d0 < d1 - 7)
            d0 = d1 - 7;
        if (d0 >= -3 && d1 <= 4) {             /* plain numbers */
            g_snprintf(label, sizeof label, "%.*f", d0 < 0 ? -d0 : 0, pow(10, d0));
            cairo_text_extents(cr, label, &e);
            double w = e.x_advance;
            g_snprintf(label, sizeof label, "%.0f", pow(10, d1));
            cairo_text_extents(cr, label, &e);
            return fmax(w, e.x_advance);
        }
        cairo_text_extents(cr, "10", &e);
        double w = e.x_advance;
        cairo_set_font_size(cr, 0.72 * fs);
        cairo_text_extents(cr, d0 < 0 ? "\xe2\x88\x92" "0" : "0", &e);
        return w + e.x_advance * (abs(d0) >= 10 ? 1.5 : 1);
    }
    if (lo >= 0 && lo <= 0.5 * hi)
        lo = 0;
    g_snprintf(label, sizeof label, hi >= 1 ? "%.0f" : "%.2f", hi);
    cairo_text_extents(cr, label, &e);
    return e.x_advance;
}

/* The cells of the selected panels for a @width x @height drawing. */
static size_t
layout(ExopkGuiPlot *self, double width, double height, Cell *cells, size_t max)
{
    size_t n = exopk_figure_n_selected(self->fig), cols = n > 2 ? 2 : 1;
    size_t rows = (n + cols - 1) / cols, k = 0;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    double u = fmax(6, fmin(fmin(width / 70, height / (10 + 12.0 * rows)), 16));
    double m = 0.9 * u, top = m, sw = 1.6 * u, gap = 1.4 * u, rw = 0, cw, ch;
    cairo_text_extents_t e;

    if (self->title != NULL && self->title[0] != '\0')
        top += 1.8 * u;
    /* the legend's rows, as draw_legend packs them */
    cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 0.9 * u);
    double iw[64];
    size_t n_arms = 0, legend_rows = 0;
    for (size_t a = 0; a < self->n && n_arms < G_N_ELEMENTS(iw); a++) {
        if (self->results[a] == NULL)
            continue;
        cairo_text_extents(cr, exopk_result_arm(self->results[a]), &e);
        iw[n_arms++] = sw + 0.4 * u + e.x_advance;
    }
    for (size_t a = 0; a < n_arms; legend_rows++) {
        size_t a1 = a;
        for (rw = 0; a1 < n_arms; a1++) {
            if (a1 > a && rw + gap + iw[a1] > width - 2 * m)
                break;
            rw += (a1 > a ? gap : 0) + iw[a1];
        }
        a = a1;
    }
    top += legend_rows * 1.5 * u + 0.6 * u;
    cw = (width - 2 * m - (cols - 1) * 2.2 * u) / cols;
    ch = (height - top - m - (rows - 1) * 1.2 * u) / rows;
    for (size_t p = 0; p < exopk_figure_n_panels(self->fig) && k < max; p++) {
        const char *s0 = exopk_figure_panel_series(self->fig, p);
        if (g_hash_table_contains(self->hidden, s0))
            continue;
        Cell *c = &cells[k];
        double fs = 0.82 * u, left;
        c->panel = p;
        c->x = m + (k % cols) * (cw + 2.2 * u);
        c->y = top + (k / cols) * (ch + 1.2 * u);
        c->w = cw;
        c->h = ch;
        left = label_width(self, cr, p, fs);
        c->bx = c->x + left + 0.5 * fs;
        c->bw = c->w - left - 0.5 * fs - 0.6 * u;
        k++;
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return k;
}

/* Time (h) spanned by the figure: the renderer's t_lo..t_hi. */
static void
time_span(ExopkGuiPlot *self, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t a = 0; a < self->n; a++) {
        ExopkResult *r = self->results[a];
        size_t nt = r != NULL ? exopk_result_n_times(r) : 0;
        if (nt > 0) {
            *lo = fmin(*lo, exopk_result_times(r)[0]);
            *hi = fmax(*hi, exopk_result_times(r)[nt - 1]);
        }
    }
    if (!(*hi > *lo)) {
        *lo = isfinite(*lo) ? *lo : 0;
        *hi = *lo + 1;
    }
}

static const Cell *
cell_at(const Cell *cells, size_t n, double x, double y)
{
    for (size_t i = 0; i < n; i++)
        if (x >= cells[i].x && x <= cells[i].x + cells[i].w && y >= cells[i].y
            && y <= cells[i].y + cells[i].h)
            return &cells[i];
    return NULL;
}

static double
time_at(ExopkGuiPlot *self, const Cell *c, double x)
{
    double lo, hi;

    time_span(self, &lo, &hi);
    return lo + (hi - lo) * CLAMP((x - c->bx) / c->bw, 0, 1);
}

/* ---- drawing ---------------------------------------------------------- */

static void
draw(GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
    ExopkGuiPlot *self = data;
    Cell cells[32];
    size_t n;

    (void) area;
    if (self->fig == NULL) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        return;
    }
    exopk_figure_draw(self->fig, cr, width, height);
    n = layout(self, width, height, cells, G_N_ELEMENTS(cells));
    if (self->hover_x >= 0) {
        const Cell *c = cell_at(cells, n, self->hover_x, self->hover_y);
        double x = self->hover_x;
        if (c != NULL && x >= c->bx && x <= c->bx + c->bw) {
            /* the same time in every panel of the column layout */
            cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, 0.5);
            cairo_set_line_width(cr, 1);
            for (size_t i = 0; i < n; i++) {
                double xi = cells[i].bx + (x - c->bx) / c->bw * cells[i].bw;
                cairo_move_to(cr, round(xi) + 0.5, cells[i].y);
                cairo_line_to(cr, round(xi) + 0.5, cells[i].y + cells[i].h);
            }
            cairo_stroke(cr);
        }
    }
    if (self->drag_x0 >= 0 && self->drag_x1 >= 0) {
        cairo_set_source_rgba(cr, 0.2, 0.4, 0.9, 0.15);
        cairo_rectangle(cr, fmin(self->drag_x0, self->drag_x1), 0,
                        fabs(self->drag_x1 - self->drag_x0), height);
        cairo_fill(cr);
    }
    self->draw_count++;
    self->last_draw_end = g_get_monotonic_time();
}

/* ---- hover read-out ---------------------------------------------------- */

static size_t
nearest(const double *t, size_t n, double x)
{
    size_t lo = 0, hi = n;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t[mid] <= x)
            lo = mid;
        else
            hi = mid;
    }
    return hi < n && fabs(t[hi] - x) < fabs(t[lo] - x) ? hi : lo;
}

static void
update_readout(ExopkGuiPlot *self)
{
    int w = gtk_widget_get_width(self->area), h = gtk_widget_get_height(self->area);
    Cell cells[32];
    size_t n;
    const Cell *c;
    GString *s;
    char b1[32], b2[32], buf[192];

    if (self->fig == NULL || self->hover_x < 0) {
        gtk_label_set_text(GTK_LABEL(self->readout), "Point at a curve to read its values.");
        return;
    }
    n = layout(self, w, h, cells, G_N_ELEMENTS(cells));
    c = cell_at(cells, n, self->hover_x, self->hover_y);
    if (c == NULL || self->hover_x < c->bx) {
        gtk_label_set_text(GTK_LABEL(self->readout), "Point at a curve to read its values.");
        return;
    }
    const char *s0 = exopk_figure_panel_series(self->fig, c->panel);
    const char *s1 = second_series(s0, buf, sizeof buf);
    double t = time_at(self, c, self->hover_x);
    s = g_string_new(NULL);
    exopk_gui_format(b1, sizeof b1, t);
    exopk_gui_format(b2, sizeof b2, t / 24);
    g_string_append_printf(s, "t = %s h (%s d) — %s:", b1, b2,
                           exopk_figure_panel_title(self->fig, c->panel));
    for (size_t a = 0; a < self->n; a++) {
        ExopkResult *r = self->results[a];
        long i0 = r != NULL ? exopk_result_find_series(r, s0) : -1;
        long i1 = r != NULL && s1 != NULL ? exopk_result_find_series(r, s1) : -1;
        size_t j;
        if (i0 < 0)
            continue;
        j = nearest(exopk_result_times(r), exopk_result_n_times(r), t);
        exopk_gui_format(b1, sizeof b1, exopk_result_series(r, i0)[j]);
        g_string_append_printf(s, "  %s %s", exopk_result_arm(r), b1);
        if (i1 >= 0) {
            exopk_gui_format(b2, sizeof b2, exopk_result_series(r, i1)[j]);
            g_string_append_printf(s, " / %s", b2);
        }
        g_string_append_printf(s, " %s", exopk_result_series_unit(r, i0));
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

/* ---- zoom -------------------------------------------------------------- */

static void
set_zoom(ExopkGuiPlot *self, double t1)
{
    if (t1 >= self->horizon * 0.999 || t1 <= 0)
        t1 = 0;
    else
        t1 = fmax(t1, 1);          /* an hour is as close as the grid makes sense */
    if (t1 == self->zoom_t1)
        return;
    self->zoom_t1 = t1;
    gtk_widget_set_sensitive(self->reset, t1 > 0);
    g_signal_emit(self, signals[SIGNAL_ZOOM_CHANGED], 0);
}

static gboolean
on_scroll(GtkEventControllerScroll *sc, double dx, double dy, gpointer data)
{
    ExopkGuiPlot *self = data;
    double t1 = self->zoom_t1 > 0 ? self->zoom_t1 : self->horizon;

    (void) sc;
    (void) dx;
    if (self->fig == NULL || dy == 0)
        return FALSE;
    set_zoom(self, dy < 0 ? t1 / 1.25 : t1 * 1.25);
    return TRUE;
}

static void
on_drag_begin(GtkGestureDrag *g, double x, double y, gpointer data)
{
    ExopkGuiPlot *self = data;

    (void) g;
    (void) y;
    self->drag_x0 = x;
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

/* Dragging across a time range zooms to it: the plot simulates from 0,
 * so the range's end becomes the new end of the time axis. */
static void
on_drag_end(GtkGestureDrag *g, double dx, double dy, gpointer data)
{
    ExopkGuiPlot *self = data;
    int w = gtk_widget_get_width(self->area), h = gtk_widget_get_height(self->area);
    double x0 = self->drag_x0, y0;
    Cell cells[32];
    size_t n;
    const Cell *c;

    gtk_gesture_drag_get_start_point(g, NULL, &y0);
    self->drag_x0 = self->drag_x1 = -1;
    gtk_widget_queue_draw(self->area);
    if (self->fig == NULL || fabs(dx) < 8)
        return;
    (void) dy;
    n = layout(self, w, h, cells, G_N_ELEMENTS(cells));
    if ((c = cell_at(cells, n, x0, y0)) == NULL)
        return;
    set_zoom(self, fmax(time_at(self, c, x0), time_at(self, c, x0 + dx)));
}

double
exopk_gui_plot_get_zoom(ExopkGuiPlot *self)
{
    return self->zoom_t1;
}

void
exopk_gui_plot_reset_zoom(ExopkGuiPlot *self)
{
    set_zoom(self, 0);
}

/* ---- panel selection --------------------------------------------------- */

static void
apply_selection(ExopkGuiPlot *self)
{
    g_auto(GStrv) names = exopk_gui_plot_dup_selected(self);
    size_t n = g_strv_length(names);

    /* nothing ticked shows nothing, not everything */
    if (n == 0)
        exopk_figure_select(self->fig, (const char *const[]) { "" }, 1);
    else
        exopk_figure_select(self->fig, (const char *const *) names, n);
    update_readout(self);
    gtk_widget_queue_draw(self->area);
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

/* Rebuilds the check buttons when the set of panels changes. */
static void
sync_panels(ExopkGuiPlot *self)
{
    GtkWidget *child = gtk_widget_get_first_child(self->panels_box);
    size_t np = exopk_figure_n_panels(self->fig), k = 0;
    gboolean same = TRUE;

    for (GtkWidget *w = child; w != NULL; w = gtk_widget_get_next_sibling(w), k++)
        if (k >= np || g_strcmp0(g_object_get_data(G_OBJECT(w), "series"),
                                 exopk_figure_panel_series(self->fig, k)) != 0)
            same = FALSE;
    if (same && k == np)
        return;
    self->building = TRUE;
    while ((child = gtk_widget_get_first_child(self->panels_box)) != NULL)
        gtk_box_remove(GTK_BOX(self->panels_box), child);
    for (size_t p = 0; p < np; p++) {
        const char *series = exopk_figure_panel_series(self->fig, p);
        GtkWidget *b = gtk_check_button_new_with_label(exopk_figure_panel_title(self->fig, p));
        g_object_set_data_full(G_OBJECT(b), "series", g_strdup(series), g_free);
        gtk_check_button_set_active(GTK_CHECK_BUTTON(b),
                                    !g_hash_table_contains(self->hidden, series));
        gtk_widget_set_tooltip_text(b, "Show or hide this panel");
        g_signal_connect(b, "toggled", G_CALLBACK(on_panel_toggled), self);
        gtk_box_append(GTK_BOX(self->panels_box), b);
    }
    self->building = FALSE;
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

/* ---- results ----------------------------------------------------------- */

static void
clear_results(ExopkGuiPlot *self)
{
    exopk_figure_free(self->fig);
    self->fig = NULL;
    self->results = NULL;         /* borrowed */
    self->n = 0;
}

void
exopk_gui_plot_set_results(ExopkGuiPlot *self, const char *title, ExopkResult **results,
                           size_t n, double horizon)
{
    clear_results(self);
    g_free(self->title);
    self->title = g_strdup(title);
    self->results = results;
    self->n = n;
    self->horizon = horizon;
    self->fig = exopk_figure_new(title, results, n);
    if (self->fig != NULL) {
        sync_panels(self);
        apply_selection(self);
    }
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

    clear_results(self);
    g_clear_pointer(&self->title, g_free);
    g_clear_pointer(&self->hidden, g_hash_table_unref);
    G_OBJECT_CLASS(exopk_gui_plot_parent_class)->dispose(obj);
}

static void
exopk_gui_plot_class_init(ExopkGuiPlotClass *klass)
{
    G_OBJECT_CLASS(klass)->dispose = exopk_gui_plot_dispose;
    signals[SIGNAL_ZOOM_CHANGED] = g_signal_new("zoom-changed", G_TYPE_FROM_CLASS(klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
    gtk_widget_class_set_css_name(GTK_WIDGET_CLASS(klass), "exopkplot");
}

static void
exopk_gui_plot_init(ExopkGuiPlot *self)
{
    GtkWidget *bar = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *scroller = gtk_scrolled_window_new();
    GtkEventController *ec;
    GtkGesture *drag;

    self->hidden = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    self->hover_x = self->hover_y = self->drag_x0 = self->drag_x1 = -1;
    gtk_orientable_set_orientation(GTK_ORIENTABLE(self), GTK_ORIENTATION_VERTICAL);
    gtk_box_set_spacing(GTK_BOX(self), 4);

    self->panels_box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 8);
    gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroller), GTK_POLICY_AUTOMATIC,
                                   GTK_POLICY_NEVER);
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), self->panels_box);
    gtk_widget_set_hexpand(scroller, TRUE);
    gtk_box_append(GTK_BOX(bar), scroller);
    self->reset = gtk_button_new_from_icon_name("zoom-original-symbolic");
    gtk_widget_set_tooltip_text(self->reset, "Show the whole horizon (scroll or drag over the "
                                             "plot to zoom into the first days)");
    gtk_widget_set_sensitive(self->reset, FALSE);
    g_signal_connect_swapped(self->reset, "clicked", G_CALLBACK(exopk_gui_plot_reset_zoom), self);
    gtk_box_append(GTK_BOX(bar), self->reset);
    gtk_box_append(GTK_BOX(self), bar);

    self->area = gtk_drawing_area_new();
    gtk_widget_set_hexpand(self->area, TRUE);
    gtk_widget_set_vexpand(self->area, TRUE);
    gtk_widget_set_size_request(self->area, 360, 320);
    gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(self->area), draw, self, NULL);
    gtk_box_append(GTK_BOX(self), self->area);

    ec = gtk_event_controller_motion_new();
    g_signal_connect(ec, "motion", G_CALLBACK(on_motion), self);
    g_signal_connect(ec, "leave", G_CALLBACK(on_leave), self);
    gtk_widget_add_controller(self->area, ec);
    ec = gtk_event_controller_scroll_new(GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
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
