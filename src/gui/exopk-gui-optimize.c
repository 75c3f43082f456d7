/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-optimize.h"
#include "exopk-gui-jobs.h"
#include "exopk/optimize.h"
#include "exopk-gui-util.h"
#include "exopk-gui-window.h"


static const char *const VAR_NAMES[] = { "dose", "every", "count", "offered" };
static const char *const VAR_UNITS[] = { "particles or nmol", "h", "doses",
                                         "molecules/vesicle" };
static const char *const VAR_LO[] = { "1e9", "24", "1", "500" };
static const char *const VAR_HI[] = { "1e13", "168", "8", "50000" };

typedef struct {
    ExopkGuiWindow *win;          /* borrowed: the panel lives in it */
    GtkWidget *box, *arm, *use[4], *lo[4], *hi[4], *objective, *sense, *cmetric[2], *cmax[2];
    GtkWidget *second, *second_sense, *evals, *run, *cancel_btn, *progress, *status;
    GtkWidget *trace_area, *pareto_area, *apply;
    char **arm_names;
    GCancellable *cancel;
    gboolean running;
    ExopkGuiOptOutput *out;       /* the last result, owned */
    ExopkGuiOptSpec spec;         /* of the last result */
} Panel;

static void
panel_free(gpointer p)
{
    Panel *pn = p;

    if (pn->cancel != NULL)
        g_cancellable_cancel(pn->cancel);
    g_clear_object(&pn->cancel);
    exopk_gui_opt_output_free(pn->out);
    g_strfreev(pn->arm_names);
    g_free(pn);
}

static gboolean
parse_number(GtkWidget *entry, double *v)
{
    const char *t = gtk_editable_get_text(GTK_EDITABLE(entry));
    char *end;

    *v = g_ascii_strtod(t, &end);
    if (end == t || *end != '\0' || !isfinite(*v)) {
        gtk_widget_add_css_class(entry, "error");
        return FALSE;
    }
    gtk_widget_remove_css_class(entry, "error");
    return TRUE;
}

/* ---- small Cairo plots ------------------------------------------------- */

static void
frame(cairo_t *cr, int w, int h, const char *title, double *x0, double *y0, double *pw,
      double *ph)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 11);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    cairo_move_to(cr, 8, 14);
    cairo_show_text(cr, title);
    *x0 = 44;
    *y0 = 22;
    *pw = w - 54;
    *ph = h - 42;
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 1);
    cairo_move_to(cr, *x0, *y0);
    cairo_line_to(cr, *x0, *y0 + *ph);
    cairo_line_to(cr, *x0 + *pw, *y0 + *ph);
    cairo_stroke(cr);
}

static void
axis_labels(cairo_t *cr, double x0, double y0, double pw, double ph, double xlo, double xhi,
            double ylo, double yhi)
{
    char b[32];

    cairo_set_font_size(cr, 9);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    g_snprintf(b, sizeof b, "%.3g", yhi);
    cairo_move_to(cr, 2, y0 + 8);
    cairo_show_text(cr, b);
    g_snprintf(b, sizeof b, "%.3g", ylo);
    cairo_move_to(cr, 2, y0 + ph);
    cairo_show_text(cr, b);
    g_snprintf(b, sizeof b, "%.3g", xlo);
    cairo_move_to(cr, x0, y0 + ph + 12);
    cairo_show_text(cr, b);
    g_snprintf(b, sizeof b, "%.3g", xhi);
    cairo_move_to(cr, x0 + pw - 30, y0 + ph + 12);
    cairo_show_text(cr, b);
}

static void
draw_trace(GtkDrawingArea *a, cairo_t *cr, int w, int h, gpointer data)
{
    Panel *pn = data;
    ExopkOptResult *r = pn->out != NULL ? pn->out->result : NULL;
    size_t n = r != NULL ? exopk_opt_result_n_trace(r) : 0;
    double x0, y0, pw, ph, lo = INFINITY, hi = -INFINITY, best = NAN;
    long emax = 1;

    (void) a;
    frame(cr, w, h, "objective by evaluation (grey: infeasible; line: best so far)", &x0, &y0,
          &pw, &ph);
    for (size_t i = 0; i < n; i++) {
        const ExopkOptPoint *p = exopk_opt_result_trace(r, i);
        if (isfinite(p->objective))
            lo = fmin(lo, p->objective), hi = fmax(hi, p->objective);
        emax = MAX(emax, p->evaluation);
    }
    if (n == 0 || !(hi >= lo))
        return;
    if (hi == lo)
        hi = lo + fabs(lo) * 0.1 + 1;
    axis_labels(cr, x0, y0, pw, ph, 1, emax, lo, hi);
    for (size_t i = 0; i < n; i++) {
        const ExopkOptPoint *p = exopk_opt_result_trace(r, i);
        double x = x0 + pw * (p->evaluation - 1) / fmax(emax - 1, 1);
        if (!isfinite(p->objective))
            continue;
        if (p->violation <= 1e-8)
            cairo_set_source_rgb(cr, 0.0, 0.45, 0.70);
        else
            cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
        cairo_arc(cr, x, y0 + ph * (1 - (p->objective - lo) / (hi - lo)), 1.8, 0, 2 * G_PI);
        cairo_fill(cr);
    }
    /* best feasible so far */
    cairo_set_source_rgb(cr, 0.84, 0.37, 0.0);
    cairo_set_line_width(cr, 1.5);
    for (size_t i = 0; i < n; i++) {
        const ExopkOptPoint *p = exopk_opt_result_trace(r, i);
        double x = x0 + pw * (p->evaluation - 1) / fmax(emax - 1, 1);
        if (p->violation > 1e-8 || !isfinite(p->objective))
            continue;
        gboolean first = isnan(best);
        if (first || (pn->spec.maximize ? p->objective > best : p->objective < best))
            best = p->objective;
        double y = y0 + ph * (1 - (best - lo) / (hi - lo));
        if (first)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
}

static void
draw_pareto(GtkDrawingArea *a, cairo_t *cr, int w, int h, gpointer data)
{
    Panel *pn = data;
    ExopkParetoFront *f = pn->out != NULL ? pn->out->front : NULL;
    size_t n = f != NULL ? exopk_pareto_n_points(f) : 0;
    double x0, y0, pw, ph, xl = INFINITY, xh = -INFINITY, yl = INFINITY, yh = -INFINITY;
    char title[300];

    (void) a;
    g_snprintf(title, sizeof title, "Pareto front: %s (x) vs %s (y)",
               pn->spec.objective, pn->spec.second[0] ? pn->spec.second : "(second metric)");
    frame(cr, w, h, title, &x0, &y0, &pw, &ph);
    for (size_t i = 0; i < n; i++) {
        double x = exopk_pareto_first(f, i), y = exopk_pareto_second(f, i);
        if (isfinite(x) && isfinite(y))
            xl = fmin(xl, x), xh = fmax(xh, x), yl = fmin(yl, y), yh = fmax(yh, y);
    }
    if (n == 0 || !(xh >= xl)) {
        cairo_text_extents_t e;
        const char *msg = "No front: name a second metric under \u201cPareto against\u201d";
        cairo_set_font_size(cr, 11);
        cairo_text_extents(cr, msg, &e);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_move_to(cr, x0 + (pw - e.x_advance) / 2, y0 + ph / 2);
        cairo_show_text(cr, msg);
        return;
    }
    if (xh == xl)
        xh = xl + fabs(xl) * 0.1 + 1;
    if (yh == yl)
        yh = yl + fabs(yl) * 0.1 + 1;
    axis_labels(cr, x0, y0, pw, ph, xl, xh, yl, yh);
    cairo_set_line_width(cr, 1.2);
    cairo_set_source_rgb(cr, 0.0, 0.62, 0.45);
    for (size_t i = 0, k = 0; i < n; i++) {
        double x = exopk_pareto_first(f, i), y = exopk_pareto_second(f, i);
        if (!isfinite(x) || !isfinite(y))
            continue;
        x = x0 + pw * (x - xl) / (xh - xl);
        y = y0 + ph * (1 - (y - yl) / (yh - yl));
        if (k++ == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < n; i++) {
        double x = exopk_pareto_first(f, i), y = exopk_pareto_second(f, i);
        if (!isfinite(x) || !isfinite(y))
            continue;
        cairo_arc(cr, x0 + pw * (x - xl) / (xh - xl), y0 + ph * (1 - (y - yl) / (yh - yl)), 3,
                  0, 2 * G_PI);
        if (exopk_pareto_feasible(f, i))
            cairo_fill(cr);
        else
            cairo_stroke(cr);
    }
}

/* ---- running ------------------------------------------------------------ */

static void
set_running(Panel *pn, gboolean running)
{
    pn->running = running;
    gtk_widget_set_sensitive(pn->run, !running);
    gtk_widget_set_sensitive(pn->cancel_btn, running);
    gtk_widget_set_visible(pn->progress, running);
}

static void
on_opt_progress(long evaluations, double best, gpointer data)
{
    Panel *pn = g_object_get_data(data, "exopk-panel");
    char b[160];
    double max = gtk_spin_button_get_value(GTK_SPIN_BUTTON(pn->evals));

    if (pn == NULL)
        return;
    if (pn->spec.second[0] != '\0')
        max *= 1 + (double) pn->spec.n_pareto;
    gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(pn->progress), fmin(1, evaluations / max));
    if (isfinite(best))
        g_snprintf(b, sizeof b, "%ld evaluations, best %s %.5g", evaluations,
                   pn->spec.objective, best);
    else
        g_snprintf(b, sizeof b, "%ld evaluations, no feasible point yet", evaluations);
    gtk_label_set_text(GTK_LABEL(pn->status), b);
}

static void
on_opt_done(GObject *source, GAsyncResult *res, gpointer data)
{
    GtkWidget *box = data;        /* a reference held by the job */
    Panel *pn = g_object_get_data(G_OBJECT(box), "exopk-panel");
    GError *error = NULL;
    ExopkGuiOptOutput *out = exopk_gui_opt_run_finish(res, &error);
    GString *s;

    (void) source;
    if (pn == NULL) {             /* the window went away */
        exopk_gui_opt_output_free(out);
        g_clear_error(&error);
        g_object_unref(box);
        return;
    }
    set_running(pn, FALSE);
    if (out == NULL) {
        gtk_label_set_text(GTK_LABEL(pn->status),
                           g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? "Cancelled." : error->message);
        if (!g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            gtk_widget_add_css_class(pn->status, "error");
        g_error_free(error);
        g_object_unref(box);
        return;
    }
    exopk_gui_opt_output_free(pn->out);
    pn->out = out;
    s = g_string_new(NULL);
    g_string_append_printf(s, "Finished (%s) after %ld evaluations in %.1f s: %s = %.5g%s\n",
                           exopk_opt_result_status(out->result),
                           exopk_opt_result_evaluations(out->result),
                           exopk_opt_result_wall_time(out->result), pn->spec.objective,
                           exopk_opt_result_objective(out->result),
                           exopk_opt_result_feasible(out->result) ? "" : " (infeasible)");
    for (size_t i = 0; i < pn->spec.n_vars; i++)
        g_string_append_printf(s, "%s%s = %.5g", i ? ", " : "", pn->spec.vars[i].name,
                               exopk_opt_result_x(out->result)[i]);
    for (size_t i = 0; i < pn->spec.n_constraints; i++) {
        double v, slack;
        exopk_opt_result_constraint(out->result, i, &v, &slack);
        g_string_append_printf(s, "\n%s = %.5g (slack %.3g)", pn->spec.constraints[i].metric, v,
                               slack);
    }
    gtk_widget_remove_css_class(pn->status, "error");
    gtk_label_set_text(GTK_LABEL(pn->status), s->str);
    g_string_free(s, TRUE);
    gtk_widget_set_sensitive(pn->apply, TRUE);
    gtk_widget_queue_draw(pn->trace_area);
    gtk_widget_queue_draw(pn->pareto_area);
    g_object_unref(box);
}

/* Bounds outside the domain of what variable @i sets (a negative dose,
 * every = 0) are refused before a run: the entry in red and the core's
 * message in @why. */
static gboolean
check_domain(Panel *pn, const ExopkStudy *study, int i, const ExopkOptVariable *v, char *why,
             size_t size)
{
    ExopkError err;
    gboolean lower_out;

    if (exopk_opt_check_bounds(study, v->name, v->lower, v->upper, &err) == EXOPK_OK)
        return TRUE;
    lower_out = exopk_opt_check_bounds(study, v->name, v->lower, v->lower, NULL) != EXOPK_OK;
    gtk_widget_add_css_class(lower_out ? pn->lo[i] : pn->hi[i], "error");
    g_strlcpy(why, err.message, size);
    return FALSE;
}

static void
on_run(GtkButton *b, gpointer data)
{
    Panel *pn = data;
    ExopkGuiOptSpec sp = { 0 };
    const ExopkStudy *study = exopk_gui_window_get_study(pn->win);
    guint arm = gtk_drop_down_get_selected(GTK_DROP_DOWN(pn->arm));
    ExopkStudy *copy;
    gboolean ok = TRUE;
    char why[512] = "Fix the fields in red.";

    (void) b;
    if (study == NULL || pn->arm_names == NULL || arm >= g_strv_length(pn->arm_names))
        return;
    for (size_t a = 0; a < study->n_arms; a++)
        if (strcmp(study->arms[a].name, pn->arm_names[arm]) == 0)
            sp.arm = a;
    for (int i = 0; i < 4; i++) {
        ExopkOptVariable *v = &sp.vars[sp.n_vars];
        if (!gtk_check_button_get_active(GTK_CHECK_BUTTON(pn->use[i])))
            continue;
        g_strlcpy(v->name, VAR_NAMES[i], sizeof v->name);
        if (parse_number(pn->lo[i], &v->lower) & parse_number(pn->hi[i], &v->upper))
            ok &= check_domain(pn, study, i, v, why, sizeof why);
        else
            ok = FALSE;
        v->integer = strcmp(VAR_NAMES[i], "count") == 0;
        v->log_scale = !v->integer && v->lower > 0 && v->upper / v->lower > 50;
        sp.n_vars++;
    }
    g_strlcpy(sp.objective, gtk_editable_get_text(GTK_EDITABLE(pn->objective)),
              sizeof sp.objective);
    sp.maximize = gtk_drop_down_get_selected(GTK_DROP_DOWN(pn->sense)) == 1;
    for (int i = 0; i < 2; i++) {
        const char *m = gtk_editable_get_text(GTK_EDITABLE(pn->cmetric[i]));
        ExopkOptConstraint *c = &sp.constraints[sp.n_constraints];
        if (m[0] == '\0')
            continue;
        g_strlcpy(c->metric, m, sizeof c->metric);
        c->min = NAN;
        ok &= parse_number(pn->cmax[i], &c->max);
        sp.n_constraints++;
    }
    g_strlcpy(sp.second, gtk_editable_get_text(GTK_EDITABLE(pn->second)), sizeof sp.second);
    sp.maximize_second = gtk_drop_down_get_selected(GTK_DROP_DOWN(pn->second_sense)) == 1;
    sp.n_pareto = 7;
    sp.max_evaluations = (long) gtk_spin_button_get_value(GTK_SPIN_BUTTON(pn->evals));
    sp.seed = 1;
    if (!ok || sp.n_vars == 0) {
        gtk_label_set_text(GTK_LABEL(pn->status), sp.n_vars == 0 ? "Tick at least one variable."
                                                                : why);
        return;
    }
    if ((copy = exopk_study_copy(study)) == NULL)
        return;
    pn->spec = sp;
    g_clear_object(&pn->cancel);
    pn->cancel = g_cancellable_new();
    gtk_widget_set_sensitive(pn->apply, FALSE);
    gtk_label_set_text(GTK_LABEL(pn->status), "Running…");
    gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(pn->progress), 0);
    set_running(pn, TRUE);
    exopk_gui_opt_run_async(copy, &pn->spec, pn->cancel, on_opt_progress, G_OBJECT(pn->box),
                            on_opt_done, g_object_ref(pn->box));
}

static void
on_cancel(GtkButton *b, gpointer data)
{
    Panel *pn = data;

    (void) b;
    if (pn->cancel != NULL)
        g_cancellable_cancel(pn->cancel);
}

static void
on_apply(GtkButton *b, gpointer data)
{
    Panel *pn = data;
    ExopkStudy *s;

    (void) b;
    if (pn->out == NULL || (s = exopk_opt_result_dup_study(pn->out->result)) == NULL)
        return;
    exopk_gui_window_replace_study(pn->win, s);
    gtk_label_set_text(GTK_LABEL(pn->status), "Optimum applied to the study (unsaved).");
}

/* ---- for tests --------------------------------------------------------- */

gboolean
exopk_gui_optimize_panel_configure(GtkWidget *panel, const char *arm, const char *const *vars,
                                   const double *lo, const double *hi, size_t n_vars,
                                   const char *objective, gboolean maximize,
                                   long max_evaluations)
{
    Panel *pn = g_object_get_data(G_OBJECT(panel), "exopk-panel");
    guint sel = G_MAXUINT;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    for (guint i = 0; pn->arm_names != NULL && pn->arm_names[i] != NULL; i++)
        if (strcmp(pn->arm_names[i], arm) == 0)
            sel = i;
    if (sel == G_MAXUINT)
        return FALSE;
    gtk_drop_down_set_selected(GTK_DROP_DOWN(pn->arm), sel);
    for (int i = 0; i < 4; i++)
        gtk_check_button_set_active(GTK_CHECK_BUTTON(pn->use[i]), FALSE);
    for (size_t v = 0; v < n_vars; v++) {
        int i = 0;
        while (i < 4 && strcmp(VAR_NAMES[i], vars[v]) != 0)
            i++;
        if (i == 4)
            return FALSE;
        gtk_check_button_set_active(GTK_CHECK_BUTTON(pn->use[i]), TRUE);
        /* as a user types them: "1e+11", not "100000000000" */
        gtk_editable_set_text(GTK_EDITABLE(pn->lo[i]), g_ascii_formatd(buf, sizeof buf, "%.6g",
                                                                       lo[v]));
        gtk_editable_set_text(GTK_EDITABLE(pn->hi[i]), g_ascii_formatd(buf, sizeof buf, "%.6g",
                                                                       hi[v]));
    }
    gtk_editable_set_text(GTK_EDITABLE(pn->objective), objective);
    gtk_drop_down_set_selected(GTK_DROP_DOWN(pn->sense), maximize ? 1 : 0);
    for (int i = 0; i < 2; i++)
        gtk_editable_set_text(GTK_EDITABLE(pn->cmetric[i]), "");
    gtk_editable_set_text(GTK_EDITABLE(pn->second), "");
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(pn->evals), (double) max_evaluations);
    return TRUE;
}

GtkWidget *
exopk_gui_optimize_panel_get_button(GtkWidget *panel, const char *name)
{
    Panel *pn = g_object_get_data(G_OBJECT(panel), "exopk-panel");

    return strcmp(name, "run") == 0 ? pn->run : strcmp(name, "cancel") == 0 ? pn->cancel_btn
           : strcmp(name, "apply") == 0 ? pn->apply : NULL;
}

const char *
exopk_gui_optimize_panel_get_status(GtkWidget *panel)
{
    Panel *pn = g_object_get_data(G_OBJECT(panel), "exopk-panel");

    return gtk_label_get_text(GTK_LABEL(pn->status));
}

gboolean
exopk_gui_optimize_panel_get_running(GtkWidget *panel)
{
    Panel *pn = g_object_get_data(G_OBJECT(panel), "exopk-panel");

    return pn->running;
}

double
exopk_gui_optimize_panel_get_optimum(GtkWidget *panel, size_t i)
{
    Panel *pn = g_object_get_data(G_OBJECT(panel), "exopk-panel");

    if (pn->out == NULL || i >= pn->spec.n_vars)
        return NAN;
    return exopk_opt_result_x(pn->out->result)[i];
}

/* ---- building ------------------------------------------------------------ */

static GtkWidget *
entry(const char *text, int chars, const char *tip)
{
    GtkWidget *e = gtk_entry_new();

    gtk_editable_set_text(GTK_EDITABLE(e), text);
    gtk_editable_set_width_chars(GTK_EDITABLE(e), chars);
    if (tip != NULL)
        gtk_widget_set_tooltip_text(e, tip);
    return e;
}

static GtkWidget *
left(const char *text, const char *css)
{
    GtkWidget *l = gtk_label_new(text);

    gtk_label_set_xalign(GTK_LABEL(l), 0);
    if (css != NULL)
        gtk_widget_add_css_class(l, css);
    return l;
}

void
exopk_gui_optimize_panel_set_study(GtkWidget *box, const ExopkStudy *study)
{
    Panel *pn = g_object_get_data(G_OBJECT(box), "exopk-panel");
    GPtrArray *names = g_ptr_array_new();
    guint sel = 0;

    for (size_t a = 0; a < study->n_arms; a++)
        if (study->arms[a].n_lines > 0) {
            /* the vesicle arm is what one usually tunes */
            if (study->arms[a].lines[0].dose.formulation >= 0 && sel == 0)
                sel = names->len;
            g_ptr_array_add(names, g_strdup(study->arms[a].name));
        }
    g_ptr_array_add(names, NULL);
    g_strfreev(pn->arm_names);
    pn->arm_names = (char **) g_ptr_array_free(names, FALSE);
    gtk_drop_down_set_model(GTK_DROP_DOWN(pn->arm), G_LIST_MODEL(gtk_string_list_new(
        (const char *const *) pn->arm_names)));
    g_object_unref(gtk_drop_down_get_model(GTK_DROP_DOWN(pn->arm)));
    gtk_drop_down_set_selected(GTK_DROP_DOWN(pn->arm), sel);
}

GtkWidget *
exopk_gui_optimize_panel_new(ExopkGuiWindow *win)
{
    Panel *pn = g_new0(Panel, 1);
    GtkWidget *grid = gtk_grid_new(), *row, *plots, *scroller;
    const char *const senses[] = { "minimise", "maximise", NULL };
    const char *const csenses[] = { "minimised", "maximised", NULL };
    int r = 0;

    pn->win = win;
    pn->box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
    gtk_widget_set_margin_start(pn->box, 12);
    gtk_widget_set_margin_end(pn->box, 12);
    gtk_widget_set_margin_top(pn->box, 8);
    gtk_widget_set_margin_bottom(pn->box, 8);
    g_object_set_data_full(G_OBJECT(pn->box), "exopk-panel", pn, panel_free);
    gtk_grid_set_row_spacing(GTK_GRID(grid), 4);
    gtk_grid_set_column_spacing(GTK_GRID(grid), 8);

    pn->arm = gtk_drop_down_new(NULL, NULL);
    gtk_grid_attach(GTK_GRID(grid), left("Arm", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->arm, 1, r++, 2, 1);
    gtk_grid_attach(GTK_GRID(grid), left("Vary", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), left("from", "dim-label"), 1, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), left("to", "dim-label"), 2, r++, 1, 1);
    for (int i = 0; i < 4; i++) {
        pn->use[i] = gtk_check_button_new_with_label(VAR_NAMES[i]);
        gtk_check_button_set_active(GTK_CHECK_BUTTON(pn->use[i]), i < 2);
        pn->lo[i] = entry(VAR_LO[i], 8, NULL);
        pn->hi[i] = entry(VAR_HI[i], 8, NULL);
        gtk_grid_attach(GTK_GRID(grid), pn->use[i], 0, r, 1, 1);
        gtk_grid_attach(GTK_GRID(grid), pn->lo[i], 1, r, 1, 1);
        gtk_grid_attach(GTK_GRID(grid), pn->hi[i], 2, r, 1, 1);
        gtk_grid_attach(GTK_GRID(grid), left(VAR_UNITS[i], "dim-label"), 3, r++, 1, 1);
    }
    pn->objective = entry("tumour_volume_final", 24, "A metric of the arm (see the table)");
    pn->sense = gtk_drop_down_new_from_strings(senses);
    gtk_grid_attach(GTK_GRID(grid), left("Objective", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->sense, 1, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->objective, 2, r++, 2, 1);
    for (int i = 0; i < 2; i++) {
        pn->cmetric[i] = entry(i == 0 ? "doxorubicin.heart_auc" : "", 24,
                               "A metric that must stay at or below the value (empty: none)");
        pn->cmax[i] = entry(i == 0 ? "2000" : "0", 8, "in the metric's unit");
        gtk_grid_attach(GTK_GRID(grid), left(i == 0 ? "Subject to" : "and", "heading"), 0, r,
                        1, 1);
        gtk_grid_attach(GTK_GRID(grid), pn->cmetric[i], 1, r, 2, 1);
        gtk_grid_attach(GTK_GRID(grid), left("≤", NULL), 3, r, 1, 1);
        gtk_grid_attach(GTK_GRID(grid), pn->cmax[i], 4, r++, 1, 1);
    }
    pn->second = entry("", 24, "A second metric for a Pareto front (empty: none)");
    pn->second_sense = gtk_drop_down_new_from_strings(csenses);
    gtk_grid_attach(GTK_GRID(grid), left("Pareto against", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->second, 1, r, 2, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->second_sense, 3, r++, 2, 1);
    pn->evals = gtk_spin_button_new_with_range(20, 20000, 10);
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(pn->evals), 300);
    gtk_grid_attach(GTK_GRID(grid), left("Evaluations", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->evals, 1, r++, 1, 1);
    gtk_box_append(GTK_BOX(pn->box), grid);

    row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    pn->run = gtk_button_new_with_mnemonic("_Run");
    gtk_widget_add_css_class(pn->run, "suggested-action");
    pn->cancel_btn = gtk_button_new_with_mnemonic("_Cancel");
    gtk_widget_set_sensitive(pn->cancel_btn, FALSE);
    pn->apply = gtk_button_new_with_mnemonic("_Apply Optimum to the Study");
    gtk_widget_set_sensitive(pn->apply, FALSE);
    pn->progress = gtk_progress_bar_new();
    gtk_widget_set_hexpand(pn->progress, TRUE);
    gtk_widget_set_valign(pn->progress, GTK_ALIGN_CENTER);
    gtk_widget_set_visible(pn->progress, FALSE);
    gtk_box_append(GTK_BOX(row), pn->run);
    gtk_box_append(GTK_BOX(row), pn->cancel_btn);
    gtk_box_append(GTK_BOX(row), pn->progress);
    gtk_box_append(GTK_BOX(row), pn->apply);
    gtk_box_append(GTK_BOX(pn->box), row);
    g_signal_connect(pn->run, "clicked", G_CALLBACK(on_run), pn);
    g_signal_connect(pn->cancel_btn, "clicked", G_CALLBACK(on_cancel), pn);
    g_signal_connect(pn->apply, "clicked", G_CALLBACK(on_apply), pn);

    pn->status = left("", NULL);
    gtk_label_set_wrap(GTK_LABEL(pn->status), TRUE);
    gtk_label_set_selectable(GTK_LABEL(pn->status), TRUE);
    gtk_box_append(GTK_BOX(pn->box), pn->status);

    plots = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 8);
    pn->trace_area = gtk_drawing_area_new();
    pn->pareto_area = gtk_drawing_area_new();
    gtk_widget_set_size_request(pn->trace_area, 260, 200);
    gtk_widget_set_size_request(pn->pareto_area, 260, 200);
    gtk_widget_set_hexpand(pn->trace_area, TRUE);
    gtk_widget_set_hexpand(pn->pareto_area, TRUE);
    gtk_widget_set_vexpand(plots, TRUE);
    gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(pn->trace_area), draw_trace, pn, NULL);
    gtk_drawing_area_set_draw_func(GTK_DRAWING_AREA(pn->pareto_area), draw_pareto, pn, NULL);
    gtk_box_append(GTK_BOX(plots), pn->trace_area);
    gtk_box_append(GTK_BOX(plots), pn->pareto_area);
    gtk_box_append(GTK_BOX(pn->box), plots);

    scroller = gtk_scrolled_window_new();
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), pn->box);
    gtk_widget_set_vexpand(scroller, TRUE);
    /* callers pass the returned widget back to set_study: keep the panel on it */
    g_object_set_data(G_OBJECT(scroller), "exopk-panel", pn);
    return scroller;
}
