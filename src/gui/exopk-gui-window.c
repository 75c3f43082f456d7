/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "exopk-gui-window.h"
#include "exopk-gui-editors.h"
#include "exopk-gui-edits.h"
#include "exopk-gui-jobs.h"
#include "exopk-gui-fit.h"
#include "exopk-gui-optimize.h"
#include "exopk-gui-population.h"
#include "exopk-gui-util.h"
#include "exopk-lua.h"
#include "lexopk-api.h"

#define AUTOSAVE_SECONDS 3

typedef enum { AFTER_NOTHING, AFTER_CLOSE, AFTER_OPEN_DIALOG, AFTER_OPEN_PATH, AFTER_NEW }
    AfterGuard;

/* What File > New starts from: a mouse with a tumour, four weeks, an
 * untreated arm; the editors add the rest. */
static const char new_study_text[] =
    "return {\n"
    "  name = \"New study\",\n"
    "  subject = { species = \"mouse\", weight = \"25 g\",\n"
    "              tumour = { model = \"mda_mb_231\", volume = \"100 mm3\" } },\n"
    "  horizon = \"28 d\",\n"
    "  arms = { control = {} },\n"
    "}\n";

struct _ExopkGuiWindow {
    GtkApplicationWindow parent;

    /* template children */
    GtkWidget *title_label, *subtitle_label;
    GtkWidget *editors_scroller, *plot_holder, *metrics_scroller, *optimize_holder, *fit_holder;
    GtkWidget *explore_paned, *stack;
    GtkWidget *status_label, *progress;
    GtkWidget *loading_bar, *loading_label, *loading_spinner, *loading_cancel;

    GtkWidget *editors;           /* in editors_scroller */
    ExopkGuiPlot *plot;
    GtkWidget *pop_bar;           /* the Population toggle over the plot */
    GtkWidget *metrics_grid;
    GHashTable *metric_cells;     /* "metric\narm" -> GtkLabel (borrowed) */
    char **metric_keys;           /* the table's layout: metrics then arms */

    ExopkStudy *study;            /* owned: the document */
    char *path;                   /* NULL: untitled */
    gboolean dirty;               /* unsaved edits */
    gboolean autosave_due;        /* edits since the last autosave */
    gboolean autosave_ours;       /* the autosave of this path is this window's */
    GtkWidget *recovery_dialog;   /* the pending offer (borrowed), or NULL */
    GCancellable *load_cancel;    /* the pending load, or NULL */
    char *pending_open;           /* a dropped file, waiting for the guard */
    gboolean force_close;
    guint autosave_id;
    guint rebuild_id;             /* editors rebuild after a structural edit */
    GPtrArray *undo, *redo;       /* ExopkStudy (owned): the states before edits, and undone */

    guint64 generation;           /* of the newest edit */
    GCancellable *cancel;         /* of the running job */
    ExopkResult **results;        /* owned, n_results; the plot borrows them */
    size_t n_results;
    guint results_count;
    char *status;
    AfterGuard after_guard;
};

G_DEFINE_FINAL_TYPE(ExopkGuiWindow, exopk_gui_window, GTK_TYPE_APPLICATION_WINDOW)

static void start_simulation(ExopkGuiWindow *win);
static void rebuild_editors(ExopkGuiWindow *win);

/* ---- title and dirty state --------------------------------------------- */

static void
update_title(ExopkGuiWindow *win)
{
    g_autofree char *base = win->path != NULL ? g_filename_display_basename(win->path)
                                              : g_strdup("Untitled study");
    g_autofree char *title = g_strdup_printf("%s%s", win->dirty ? "• " : "", base);
    g_autofree char *name = exopk_gui_display_text(win->study != NULL ? win->study->name : "",
                                                   -1);

    gtk_label_set_text(GTK_LABEL(win->title_label), title);
    gtk_label_set_text(GTK_LABEL(win->subtitle_label), name);
    gtk_window_set_title(GTK_WINDOW(win), title);
}

static void
set_dirty(ExopkGuiWindow *win, gboolean dirty)
{
    win->dirty = dirty;
    win->autosave_due = dirty;
    update_title(win);
}

/* ---- autosave ----------------------------------------------------------- */

/* One autosave per study file, named by a hash of its absolute path (one
 * more for the untitled study): a crash in one study never costs the
 * edits of another, and opening a file finds its own. */
char *
exopk_gui_autosave_path(const char *path)
{
    g_autofree char *abs = NULL, *sum = NULL, *name = NULL;

    if (path == NULL)
        return g_build_filename(g_get_user_state_dir(), "exopk", "autosave", "untitled.lua",
                                NULL);
    abs = g_canonicalize_filename(path, NULL);
    sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, abs, -1);
    name = g_strdup_printf("%s.lua", sum);
    return g_build_filename(g_get_user_state_dir(), "exopk", "autosave", name, NULL);
}

/* Removes the autosave of @path, if this window wrote or recovered it: one
 * it has not offered yet is somebody's only copy of their edits. */
static void
autosave_remove(ExopkGuiWindow *win)
{
    g_autofree char *lua = exopk_gui_autosave_path(win->path);

    if (win->autosave_ours)
        g_remove(lua);
    win->autosave_ours = FALSE;
}

void
exopk_gui_window_autosave(ExopkGuiWindow *win)
{
    g_autofree char *lua = exopk_gui_autosave_path(win->path);
    g_autofree char *dir = g_path_get_dirname(lua);
    ExopkError err;

    /* while "Recover unsaved changes?" waits, the file is the user's */
    if (win->study == NULL || !win->autosave_due || win->recovery_dialog != NULL)
        return;
    if (g_mkdir_with_parents(dir, 0700) != 0
        || exopk_lua_write_study(win->study, lua, &err) != EXOPK_OK) {
        g_autofree char *shown = g_filename_display_name(lua);
        g_free(win->status);
        win->status = g_strdup_printf("autosave to %s failed", shown);
        gtk_label_set_text(GTK_LABEL(win->status_label), win->status);
        return;
    }
    win->autosave_due = FALSE;
    win->autosave_ours = TRUE;
}

static gboolean
autosave_tick(gpointer data)
{
    exopk_gui_window_autosave(data);
    return G_SOURCE_CONTINUE;
}

/* ---- metrics table ------------------------------------------------------ */

static void
metrics_clear(ExopkGuiWindow *win)
{
    GtkWidget *c;

    while ((c = gtk_widget_get_first_child(win->metrics_grid)) != NULL)
        gtk_grid_remove(GTK_GRID(win->metrics_grid), c);
    g_hash_table_remove_all(win->metric_cells);
    g_clear_pointer(&win->metric_keys, g_strfreev);
}

/* The table's shape: every metric of any arm (first-seen order), then the
 * arms; unchanged shapes only get new texts (fast on every edit). */
static char **
metrics_layout(ExopkResult **r, size_t n)
{
    GPtrArray *keys = g_ptr_array_new();
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);

    for (size_t a = 0; a < n; a++)
        for (size_t i = 0; r[a] != NULL && i < exopk_result_n_metrics(r[a]); i++) {
            const char *m = exopk_result_metric_name(r[a], i);
            if (!g_hash_table_contains(seen, m)) {
                g_hash_table_add(seen, (gpointer) m);
                g_ptr_array_add(keys, g_strdup(m));
            }
        }
    g_ptr_array_add(keys, g_strdup("\n"));   /* separates metrics from arms */
    for (size_t a = 0; a < n; a++)
        g_ptr_array_add(keys, g_strdup(r[a] != NULL ? exopk_result_arm(r[a]) : ""));
    g_ptr_array_add(keys, NULL);
    g_hash_table_unref(seen);
    return (char **) g_ptr_array_free(keys, FALSE);
}

static GtkWidget *
cell(GtkWidget *grid, const char *text, int col, int row, float xalign, const char *css)
{
    GtkWidget *l = gtk_label_new(text);

    gtk_label_set_xalign(GTK_LABEL(l), xalign);
    gtk_label_set_selectable(GTK_LABEL(l), FALSE);
    if (css != NULL)
        gtk_widget_add_css_class(l, css);
    gtk_grid_attach(GTK_GRID(grid), l, col, row, 1, 1);
    return l;
}

/* @name with a zero-width space after each '.' and '_': where Pango may
 * wrap it.  (transfer full) */
static char *
breakable(const char *name)
{
    GString *s = g_string_new(NULL);

    for (const char *c = name; *c != '\0'; c++) {
        g_string_append_c(s, *c);
        if ((*c == '.' || *c == '_') && c[1] != '\0')
            g_string_append(s, "\xe2\x80\x8b");
    }
    return g_string_free(s, FALSE);
}

/* Gives the metrics table its natural width, at most 45 % of the Explore
 * page, and the plot the rest: every arm column in view at 1440 px with
 * three or four arms; more scroll sideways. */
static void
fit_metrics(ExopkGuiWindow *win)
{
    int max = 0, nat = 0, width = gtk_widget_get_width(win->explore_paned);

    g_object_get(win->explore_paned, "max-position", &max, NULL);
    if (max <= 0 || width <= 0)
        return;
    gtk_widget_measure(win->metrics_grid, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL,
                       NULL);
    nat += 24;                        /* margins, a vertical scrollbar, the handle */
    gtk_paned_set_position(GTK_PANED(win->explore_paned),
                           MIN(max, width - MIN(nat, (int) (0.45 * width))));
}

static void
on_paned_max_position(GObject *paned, GParamSpec *pspec, gpointer data)
{
    (void) paned;
    (void) pspec;
    fit_metrics(data);
}

static void
metrics_update(ExopkGuiWindow *win)
{
    ExopkResult **r = win->results;
    size_t n = win->n_results;
    g_auto(GStrv) layout = metrics_layout(r, n);
    /* the results are the study's arms, in its order (one generation) */
    long control = win->study != NULL ? exopk_study_control_arm(win->study) : -1;
    guint nm = 0;
    char key[512], buf[64];

    if (control >= (long) n || (control >= 0 && r[control] == NULL))
        control = -1;
    while (layout[nm] != NULL && strcmp(layout[nm], "\n") != 0)
        nm++;
    if (win->metric_keys == NULL || !g_strv_equal((const char *const *) layout,
                                                  (const char *const *) win->metric_keys)) {
        metrics_clear(win);
        cell(win->metrics_grid, "metric [unit]", 0, 0, 0, "heading");
        for (size_t a = 0; a < n; a++) {
            GtkWidget *h = cell(win->metrics_grid, layout[nm + 1 + a], 1 + a, 0, 1, "heading");
            g_autofree char *css = NULL;
            /* the arm's colour in the plot, as a line under its name */
            css = g_strdup_printf("arm%zu", a % 7);
            gtk_widget_add_css_class(h, css);
        }
        for (guint i = 0; i < nm; i++) {
            const char *unit = "";
            for (size_t a = 0; a < n && unit[0] == '\0'; a++)
                for (size_t j = 0; r[a] != NULL && j < exopk_result_n_metrics(r[a]); j++)
                    if (strcmp(exopk_result_metric_name(r[a], j), layout[i]) == 0)
                        unit = exopk_result_metric_unit(r[a], j);
            GtkWidget *name = cell(win->metrics_grid, NULL, 0, i + 1, 0, "metric-name");
            g_autofree char *shown = breakable(layout[i]);
            g_autofree char *markup = g_markup_printf_escaped(
                "%s <span alpha=\"55%%\">[%s]</span>", shown, unit[0] ? unit : "1");
            g_autofree char *tip = g_strdup_printf("%s [%s]", layout[i], unit);
            /* the full name, wrapped at its dots and underscores: a long
             * name takes two lines rather than pushing the arms away */
            gtk_label_set_markup(GTK_LABEL(name), markup);
            gtk_label_set_wrap(GTK_LABEL(name), TRUE);
            gtk_label_set_wrap_mode(GTK_LABEL(name), PANGO_WRAP_WORD_CHAR);
            gtk_label_set_width_chars(GTK_LABEL(name), 12);
            gtk_label_set_max_width_chars(GTK_LABEL(name), 24);
            gtk_widget_set_tooltip_text(name, tip);
            for (size_t a = 0; a < n; a++) {
                GtkWidget *l = cell(win->metrics_grid, "", 1 + a, i + 1, 1, "numeric");
                gtk_widget_set_valign(l, GTK_ALIGN_START);
                g_snprintf(key, sizeof key, "%s\n%s", layout[i], layout[nm + 1 + a]);
                g_hash_table_insert(win->metric_cells, g_strdup(key), l);
            }
        }
        win->metric_keys = g_strdupv(layout);
        fit_metrics(win);
    }
    for (guint i = 0; i < nm; i++) {
        double ref = NAN;
        if (control >= 0)
            exopk_result_metric(r[control], layout[i], &ref);
        for (size_t a = 0; a < n; a++) {
            double v;
            GtkWidget *l;
            g_snprintf(key, sizeof key, "%s\n%s", layout[i], layout[nm + 1 + a]);
            l = g_hash_table_lookup(win->metric_cells, key);
            if (l == NULL)
                continue;
            if (r[a] == NULL || exopk_result_metric(r[a], layout[i], &v) != 0) {
                gtk_label_set_text(GTK_LABEL(l), "–");
                gtk_widget_set_tooltip_text(l, "not defined for this arm");
                continue;
            }
            exopk_gui_format(buf, sizeof buf, v);
            gtk_label_set_text(GTK_LABEL(l), buf);
            /* arms compared: each value against the control arm */
            if (isfinite(ref) && ref != 0 && (long) a != control) {
                g_autofree char *tip = g_strdup_printf("%.3g × control (%.4g)", v / ref, ref);
                gtk_widget_set_tooltip_text(l, tip);
            } else {
                gtk_widget_set_tooltip_text(l, NULL);
            }
        }
    }
}

const char *
exopk_gui_window_get_metric_text(ExopkGuiWindow *win, const char *metric, const char *arm)
{
    g_autofree char *key = g_strdup_printf("%s\n%s", metric, arm);
    GtkWidget *l = g_hash_table_lookup(win->metric_cells, key);

    return l != NULL ? gtk_label_get_text(GTK_LABEL(l)) : "";
}

/* ---- simulation --------------------------------------------------------- */

static void
free_results(ExopkResult **r, size_t n)
{
    for (size_t i = 0; r != NULL && i < n; i++)
        exopk_result_free(r[i]);
    g_free(r);
}

void
exopk_gui_window_set_status(ExopkGuiWindow *win, const char *text, gboolean error)
{
    g_autofree char *shown = exopk_gui_display_text(text, -1);

    g_free(win->status);
    win->status = g_strdup(error ? shown : "");
    gtk_label_set_text(GTK_LABEL(win->status_label), shown);
    if (error)
        gtk_widget_add_css_class(win->status_label, "error");
    else
        gtk_widget_remove_css_class(win->status_label, "error");
}

/* The study's observed data over the new results; a bad file is said in
 * the status bar and nothing is drawn. */
static void
observed_update(ExopkGuiWindow *win)
{
    ExopkObserved *obs = NULL;
    ExopkObsMatch **m = NULL;
    ExopkError err;

    if (win->study->data_path[0] != '\0' && win->n_results == win->study->n_arms) {
        obs = exopk_study_read_observed(win->study, NULL, &err);
        m = obs != NULL ? exopk_obs_match_arms(obs, win->study, win->results, &err) : NULL;
        if (m == NULL) {
            g_autofree char *msg = g_strdup_printf("Observed data not shown: %s", err.message);
            exopk_gui_window_set_status(win, msg, TRUE);
            exopk_observed_free(obs);
            obs = NULL;
        }
    }
    exopk_gui_plot_set_observed(win->plot, obs, m, m != NULL ? win->study->n_arms : 0);
}

/* @path (a long CSV) as the study's data.  Arms a NONMEM dataset dosed
 * keep those doses, now as the study's own: saved as lines. */
static void
take_csv_data(ExopkStudy *s, const char *path)
{
    g_strlcpy(s->data_path, path, sizeof s->data_path);
    memset(&s->data_format, 0, sizeof s->data_format);
    for (size_t a = 0; a < s->n_arms; a++)
        s->arms[a].dosed_by_data = 0;
}

gboolean
exopk_gui_window_open_data(ExopkGuiWindow *win, const char *path, GError **error)
{
    g_autofree char *abs = g_canonicalize_filename(path, NULL);
    ExopkObserved *obs;
    ExopkObsMatch **m = NULL;
    ExopkError err;

    if (win->study == NULL) {
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "no study to add data to");
        return FALSE;
    }
    if (strlen(abs) >= sizeof win->study->data_path) {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "%s: the path is too long", path);
        return FALSE;
    }
    /* checked against the results on screen: names and units the study has */
    obs = exopk_study_read_observed(win->study, abs, &err);
    if (obs != NULL && win->n_results == win->study->n_arms
        && (m = exopk_obs_match_arms(obs, win->study, win->results, &err)) == NULL)
        g_clear_pointer(&obs, exopk_observed_free);
    exopk_obs_match_arms_free(m, win->study->n_arms);
    if (obs == NULL) {
        exopk_gui_set_error(error, &err);
        return FALSE;
    }
    exopk_observed_free(obs);
    take_csv_data(win->study, abs);
    set_dirty(win, TRUE);
    observed_update(win);
    exopk_gui_fit_panel_set_study(win->fit_holder, win->study);
    return TRUE;
}

static void
on_sim_progress(double fraction, guint64 generation, gpointer data)
{
    ExopkGuiWindow *win = data;

    if (generation == win->generation)
        gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(win->progress), fraction);
}

static void
on_sim_done(GObject *source, GAsyncResult *res, gpointer data)
{
    ExopkGuiWindow *win = data;   /* a reference held by the job */
    GError *error = NULL;
    ExopkGuiSimOutput *out = exopk_gui_sim_run_finish(res, &error);
    char msg[128];

    (void) source;
    if (out == NULL) {
        /* a newer edit took over: nothing to say */
        if (!g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
            g_autofree char *m = g_strdup_printf("Simulation failed: %s", error->message);
            exopk_gui_window_set_status(win, m, TRUE);
            gtk_widget_set_visible(win->progress, FALSE);
        }
        g_error_free(error);
        g_object_unref(win);
        return;
    }
    if (out->generation != win->generation || win->study == NULL) {
        exopk_gui_sim_output_free(out);
        g_object_unref(win);
        return;
    }
    /* the plot borrows these: hand it the new ones before freeing */
    {
        ExopkResult **old = win->results;
        size_t old_n = win->n_results;

        win->results = out->results;
        win->n_results = out->n;
        out->results = NULL;
        /* the figure's title: valid UTF-8 that fits its 256 bytes whole */
        g_autofree char *title = exopk_gui_display_text(win->study->name, 255);
        exopk_gui_plot_set_regimens(win->plot, win->study);
        exopk_gui_plot_set_results(win->plot, title, win->results, win->n_results);
        free_results(old, old_n);
    }
    metrics_update(win);
    win->results_count++;
    g_snprintf(msg, sizeof msg, "%zu arms simulated in %.0f ms", win->n_results,
               out->elapsed_ms);
    exopk_gui_window_set_status(win, msg, FALSE);
    observed_update(win);
    gtk_widget_set_visible(win->progress, FALSE);
    exopk_gui_sim_output_free(out);
    g_object_unref(win);
}

static void
start_simulation(ExopkGuiWindow *win)
{
    ExopkStudy *copy;

    if (win->cancel != NULL)
        g_cancellable_cancel(win->cancel);
    g_clear_object(&win->cancel);
    if (win->study == NULL || (copy = exopk_study_copy(win->study)) == NULL)
        return;
    win->cancel = g_cancellable_new();
    win->generation++;
    gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(win->progress), 0);
    gtk_widget_set_visible(win->progress, TRUE);
    exopk_gui_sim_run_async(copy, win->generation,
                            win->cancel, on_sim_progress, G_OBJECT(win), on_sim_done,
                            g_object_ref(win));
    exopk_gui_population_bar_study_changed(win->pop_bar);
}

/* ---- undo ---------------------------------------------------------------- */

/* At most this many edits are kept to undo. */
#define UNDO_MAX 200

static void
history_clear(GPtrArray *h)
{
    g_ptr_array_set_size(h, 0);
}

/* @before (transfer full) becomes the state Undo goes back to; the
 * states Redo would go to are gone. */
static void
history_push(ExopkGuiWindow *win, ExopkStudy *before)
{
    if (before == NULL)
        return;
    if (win->undo->len >= UNDO_MAX)
        g_ptr_array_remove_index(win->undo, 0);
    g_ptr_array_add(win->undo, before);
    history_clear(win->redo);
    exopk_gui_window_update_history(win);
}

static void show_edited(ExopkGuiWindow *win, gboolean rebuild);

/* Moves the study to the top of @to and shows the top of @from. */
static void
history_step(ExopkGuiWindow *win, GPtrArray *from, GPtrArray *to)
{
    if (from->len == 0 || win->study == NULL)
        return;
    g_ptr_array_add(to, win->study);
    win->study = g_ptr_array_steal_index(from, from->len - 1);
    show_edited(win, TRUE);
    exopk_gui_window_update_history(win);
}

void
exopk_gui_window_undo(ExopkGuiWindow *win)
{
    history_step(win, win->undo, win->redo);
}

void
exopk_gui_window_redo(ExopkGuiWindow *win)
{
    history_step(win, win->redo, win->undo);
}

void
exopk_gui_window_update_history(ExopkGuiWindow *win)
{
    GAction *undo = g_action_map_lookup_action(G_ACTION_MAP(win), "undo");
    GAction *redo = g_action_map_lookup_action(G_ACTION_MAP(win), "redo");

    if (undo != NULL)
        g_simple_action_set_enabled(G_SIMPLE_ACTION(undo), win->undo->len > 0);
    if (redo != NULL)
        g_simple_action_set_enabled(G_SIMPLE_ACTION(redo), win->redo->len > 0);
}

/* Another study comes: the last fit and the edits to undo were of the one
 * shown. */
static void
forget_study(ExopkGuiWindow *win)
{
    exopk_gui_fit_panel_forget(win->fit_holder);
    history_clear(win->undo);
    history_clear(win->redo);
    exopk_gui_window_update_history(win);
}

/* ---- edits -------------------------------------------------------------- */

static gboolean
rebuild_idle(gpointer data)
{
    ExopkGuiWindow *win = data;

    win->rebuild_id = 0;
    rebuild_editors(win);
    return G_SOURCE_REMOVE;
}

/* After the study changed by an edit: the editors (@rebuild: after the
 * edited widget's signal has returned), the panels and the plot. */
static void
show_edited(ExopkGuiWindow *win, gboolean rebuild)
{
    if (rebuild && win->rebuild_id == 0)
        win->rebuild_id = g_idle_add(rebuild_idle, win);
    if (rebuild) {                 /* arms, agents, parameters may differ now */
        exopk_gui_optimize_panel_set_study(win->optimize_holder, win->study);
        exopk_gui_fit_panel_set_study(win->fit_holder, win->study);
    }
    set_dirty(win, TRUE);
    start_simulation(win);
}

static gboolean
apply_edit(const ExopkGuiEdit *e, GError **error, gpointer data)
{
    ExopkGuiWindow *win = data;
    ExopkStudy *before = exopk_study_copy(win->study);
    ExopkGuiChanged changed;

    if (!exopk_gui_edit_apply(&win->study, e, &changed, error)
        || changed == EXOPK_GUI_CHANGED_NOTHING) {
        exopk_study_free(before);
        return changed == EXOPK_GUI_CHANGED_NOTHING;
    }
    history_push(win, before);
    show_edited(win, changed == EXOPK_GUI_CHANGED_STRUCTURE);
    return TRUE;
}

static const ExopkStudy *
current_study(gpointer data)
{
    return ((ExopkGuiWindow *) data)->study;
}

static void
rebuild_editors(ExopkGuiWindow *win)
{
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment(
        GTK_SCROLLED_WINDOW(win->editors_scroller));
    double pos = gtk_adjustment_get_value(v);

    win->editors = exopk_gui_editors_new(win->study, apply_edit, current_study, win);
    gtk_widget_set_margin_start(win->editors, 12);
    gtk_widget_set_margin_end(win->editors, 12);
    gtk_widget_set_margin_top(win->editors, 6);
    gtk_widget_set_margin_bottom(win->editors, 12);
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(win->editors_scroller), win->editors);
    gtk_adjustment_set_value(v, pos);
}

static void
set_study(ExopkGuiWindow *win, ExopkStudy *study, const char *path, gboolean dirty)
{
    exopk_study_free(win->study);
    win->study = study;
    if (g_strcmp0(win->path, path) != 0) {
        g_free(win->path);
        win->path = g_strdup(path);
        win->autosave_ours = FALSE;     /* another file, another autosave */
    }
    if (win->rebuild_id != 0) {
        g_source_remove(win->rebuild_id);
        win->rebuild_id = 0;
    }
    rebuild_editors(win);
    set_dirty(win, dirty);
    exopk_gui_optimize_panel_set_study(win->optimize_holder, study);
    exopk_gui_fit_panel_set_study(win->fit_holder, study);
    start_simulation(win);
}

const ExopkStudy *
exopk_gui_window_get_study(ExopkGuiWindow *win)
{
    return win->study;
}

void
exopk_gui_window_replace_study(ExopkGuiWindow *win, ExopkStudy *study)
{
    g_autofree char *path = g_strdup(win->path);

    history_push(win, exopk_study_copy(win->study));
    set_study(win, study, path, TRUE);
}

gboolean
exopk_gui_window_get_dirty(ExopkGuiWindow *win)
{
    return win->dirty;
}

void
exopk_gui_window_set_force_close(ExopkGuiWindow *win, gboolean force)
{
    win->force_close = force;
}

/* ---- files -------------------------------------------------------------- */

static void
add_recent(const char *path)
{
    g_autofree char *uri = g_filename_to_uri(path, NULL, NULL);

    if (uri != NULL)
        gtk_recent_manager_add_item(gtk_recent_manager_get_default(), uri);
}

/* ---- loading (on a worker: the file is other people's data) ------------ */

typedef enum { LOAD_FILE, LOAD_DEFAULT, LOAD_RECOVERED } LoadKind;

typedef struct {
    ExopkGuiWindow *win;          /* owned ref */
    GCancellable *cancel;         /* owned ref: which load this is */
    LoadKind kind;
    gboolean offer;               /* then offer the study's autosave */
    char *path;                   /* the document's file after the load (NULL: untitled) */
} LoadRequest;

static void offer_recovery(ExopkGuiWindow *win);

static void
load_request_free(LoadRequest *req)
{
    g_object_unref(req->win);
    g_object_unref(req->cancel);
    g_free(req->path);
    g_free(req);
}

/* Shows "Loading NAME…" with a Cancel (@what non-NULL) or hides it. */
static void
set_loading(ExopkGuiWindow *win, const char *what)
{
    if (what != NULL) {
        g_autofree char *text = g_strdup_printf("Loading %s…", what);
        gtk_label_set_text(GTK_LABEL(win->loading_label), text);
    }
    gtk_widget_set_visible(win->loading_bar, what != NULL);
    gtk_spinner_set_spinning(GTK_SPINNER(win->loading_spinner), what != NULL);
    /* edits to the study on screen would be lost when the new one comes */
    gtk_widget_set_sensitive(win->editors_scroller, what == NULL);
}

static void
load_failed(ExopkGuiWindow *win, LoadRequest *req, const GError *error)
{
    g_autofree char *m = g_strdup_printf("Could not open the study: %s", error->message);

    exopk_gui_window_set_status(win, m, TRUE);
    exopk_gui_show_error(GTK_WINDOW(win), req->kind == LOAD_RECOVERED
                         ? "Could not recover the unsaved changes" : "Could not open the study",
                         error->message);
    /* a window opened on a broken file still shows a study */
    if (win->study == NULL && req->kind == LOAD_FILE)
        exopk_gui_window_open_default(win, FALSE);
}

static void
on_load_done(GObject *source, GAsyncResult *res, gpointer data)
{
    LoadRequest *req = data;
    ExopkGuiWindow *win = req->win;
    GError *error = NULL;
    ExopkStudy *s = exopk_gui_load_finish(res, &error);

    (void) source;
    /* cancelled, or another load took over: the result is nobody's */
    if (req->cancel != win->load_cancel || g_cancellable_is_cancelled(req->cancel)) {
        exopk_study_free(s);
        g_clear_error(&error);
        load_request_free(req);
        return;
    }
    g_clear_object(&win->load_cancel);
    set_loading(win, NULL);
    /* another study: a fit of the one shown is of no use to it, nor
     * are its edits to undo */
    if (s != NULL)
        forget_study(win);
    if (s == NULL) {
        load_failed(win, req, error);
        g_error_free(error);
    } else if (req->kind == LOAD_RECOVERED) {
        set_study(win, s, req->path, TRUE);
        win->autosave_ours = TRUE;      /* the edits it holds are on screen now */
    } else {
        set_study(win, s, req->path, FALSE);
        if (req->path != NULL)
            add_recent(req->path);
        if (req->offer)
            offer_recovery(win);
    }
    load_request_free(req);
}

/* Starts loading the file @path as the document @doc_path (NULL: untitled). */
static void
start_load(ExopkGuiWindow *win, LoadKind kind, const char *path, const char *doc_path,
           gboolean offer)
{
    LoadRequest *req = g_new0(LoadRequest, 1);
    g_autofree char *shown = g_filename_display_basename(path);

    exopk_gui_window_cancel_load(win);
    win->load_cancel = g_cancellable_new();
    *req = (LoadRequest) { g_object_ref(win), g_object_ref(win->load_cancel), kind, offer,
                           g_strdup(doc_path) };
    set_loading(win, kind == LOAD_RECOVERED ? "the unsaved changes" : shown);
    exopk_gui_load_async(path, win->load_cancel, on_load_done, req);
}

void
exopk_gui_window_open(ExopkGuiWindow *win, const char *path)
{
    start_load(win, LOAD_FILE, path, path, TRUE);
}

void
exopk_gui_window_open_default(ExopkGuiWindow *win, gboolean offer)
{
    g_autofree char *path = g_build_filename(exopk_lua_data_dir(), "examples", "default.lua",
                                             NULL);

    /* a template: Save asks where, so the bundled example stays as it is */
    start_load(win, LOAD_DEFAULT, path, NULL, offer);
}

void
exopk_gui_window_new_study(ExopkGuiWindow *win)
{
    g_autoptr(GError) error = NULL;
    ExopkStudy *s = exopk_gui_study_load_text(new_study_text, sizeof new_study_text - 1,
                                              "new study", &error);

    if (s == NULL) {                /* the library is broken: say so */
        exopk_gui_window_set_status(win, error->message, TRUE);
        return;
    }
    exopk_gui_window_cancel_load(win);
    forget_study(win);
    set_study(win, s, NULL, FALSE);
}

void
exopk_gui_window_cancel_load(ExopkGuiWindow *win)
{
    if (win->load_cancel == NULL)
        return;
    g_cancellable_cancel(win->load_cancel);
    g_clear_object(&win->load_cancel);
    set_loading(win, NULL);
    if (win->study == NULL)
        exopk_gui_window_set_status(win, "Loading cancelled", FALSE);
}

gboolean
exopk_gui_window_get_loading(ExopkGuiWindow *win)
{
    return win->load_cancel != NULL;
}

/* ---- recovery ----------------------------------------------------------- */

static void
on_recover_response(GtkDialog *d, int response, gpointer data)
{
    ExopkGuiWindow *win = data;
    g_autofree char *lua = exopk_gui_autosave_path(win->path);

    gtk_window_destroy(GTK_WINDOW(d));
    win->recovery_dialog = NULL;
    /* Not Now keeps the file until this session's edits replace it */
    if (response == GTK_RESPONSE_ACCEPT)
        start_load(win, LOAD_RECOVERED, lua, win->path, FALSE);
}

/* Offers the autosave of the study just opened, if it is newer than the
 * file: edits a crash left behind. */
static void
offer_recovery(ExopkGuiWindow *win)
{
    g_autofree char *lua = exopk_gui_autosave_path(win->path);
    g_autofree char *shown = win->path != NULL ? g_filename_display_name(win->path) : NULL;
    g_autofree char *lua_shown = g_filename_display_name(lua);
    GStatBuf auto_st, file_st;
    GtkWidget *d;

    if (g_stat(lua, &auto_st) != 0
        || (win->path != NULL && g_stat(win->path, &file_st) == 0
            && auto_st.st_mtime < file_st.st_mtime))
        return;
    d = gtk_message_dialog_new(GTK_WINDOW(win), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                               GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                               "Recover unsaved changes?");
    gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d),
        "exopk closed with unsaved edits to %s. They were kept in %s.",
        shown != NULL ? shown : "an untitled study", lua_shown);
    gtk_dialog_add_buttons(GTK_DIALOG(d), "_Not Now", GTK_RESPONSE_CANCEL, "_Recover",
                           GTK_RESPONSE_ACCEPT, NULL);
    gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
    g_signal_connect(d, "response", G_CALLBACK(on_recover_response), win);
    win->recovery_dialog = d;
    gtk_window_present(GTK_WINDOW(d));
}

GtkWidget *
exopk_gui_window_get_recovery_dialog(ExopkGuiWindow *win)
{
    return win->recovery_dialog;
}

const char *
exopk_gui_window_get_loading_text(ExopkGuiWindow *win)
{
    return gtk_widget_get_visible(win->loading_bar)
           ? gtk_label_get_text(GTK_LABEL(win->loading_label)) : "";
}

GtkWidget *
exopk_gui_window_get_cancel_load_button(ExopkGuiWindow *win)
{
    return win->loading_cancel;
}

gboolean
exopk_gui_window_save_to(ExopkGuiWindow *win, const char *path, GError **error)
{
    ExopkError err;

    if (exopk_lua_write_study(win->study, path, &err) != EXOPK_OK) {
        exopk_gui_set_error(error, &err);
        return FALSE;
    }
    autosave_remove(win);
    if (g_strcmp0(win->path, path) != 0) {
        g_autofree char *lua = exopk_gui_autosave_path(path);
        /* older than the file now: nothing in it is unsaved any more */
        g_remove(lua);
        g_free(win->path);
        win->path = g_strdup(path);
    }
    set_dirty(win, FALSE);
    add_recent(path);
    return TRUE;
}

gboolean
exopk_gui_window_export_figure(ExopkGuiWindow *win, const char *path, GError **error)
{
    return exopk_gui_plot_write(win->plot, path, error);
}

gboolean
exopk_gui_window_export_csv(ExopkGuiWindow *win, const char *dir, GError **error)
{
    g_autofree char *mpath = g_build_filename(dir, "metrics.csv", NULL);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    ExopkError err;
    gboolean ok;

    if (win->results == NULL) {
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "nothing simulated yet");
        return FALSE;
    }
    for (size_t a = 0; a < win->n_results; a++) {
        const ExopkResult *r = win->results[a];
        g_autofree char *name = g_strdup_printf("%s.csv", exopk_result_arm(r));
        g_autofree char *p = g_build_filename(dir, name, NULL);

        if (lx_write_series_csv(r, p, &err) != EXOPK_OK) {
            exopk_gui_set_error(error, &err);
            return FALSE;
        }
    }
    /* the core's metrics table, as `exopk simulate -o` writes it */
    mem = open_memstream(&buf, &len);
    if (mem == NULL || exopk_results_write_metrics_csv(win->results, win->n_results, 1, mem) != 0) {
        if (mem != NULL)
            fclose(mem);
        free(buf);
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_ENOMEM, "out of memory");
        return FALSE;
    }
    fclose(mem);
    /* g_file_set_contents writes a temporary and renames it: whole or not at all */
    ok = g_file_set_contents(mpath, buf, (gssize) len, error);
    free(buf);
    return ok;
}

char *
exopk_gui_window_dup_command(ExopkGuiWindow *win, GError **error)
{
    g_autofree char *study_path = NULL, *fig = NULL, *qs = NULL, *qf = NULL, *base = NULL;

    if (win->path != NULL && !win->dirty) {
        study_path = g_strdup(win->path);
    } else {
        g_autofree char *dir = g_dir_make_tmp("exopk-XXXXXX", error);
        ExopkError err;
        if (dir == NULL)
            return NULL;
        study_path = g_build_filename(dir, "study.lua", NULL);
        if (exopk_lua_write_study(win->study, study_path, &err) != EXOPK_OK) {
            exopk_gui_set_error(error, &err);
            return NULL;
        }
    }
    base = win->path != NULL ? g_path_get_basename(win->path) : g_strdup("study.lua");
    if (g_str_has_suffix(base, ".lua"))
        base[strlen(base) - 4] = '\0';
    fig = g_strdup_printf("%s.png", base);
    qs = g_shell_quote(study_path);
    qf = g_shell_quote(fig);
    return g_strdup_printf("exopk simulate %s --plot %s", qs, qf);
}

/* ---- dialogs ------------------------------------------------------------ */

static void open_dialog(ExopkGuiWindow *win);
static void save_as_dialog(ExopkGuiWindow *win, AfterGuard after);

static void
after_guard(ExopkGuiWindow *win, AfterGuard after)
{
    if (after == AFTER_CLOSE) {
        win->force_close = TRUE;
        gtk_window_close(GTK_WINDOW(win));
    } else if (after == AFTER_OPEN_DIALOG) {
        open_dialog(win);
    } else if (after == AFTER_NEW) {
        exopk_gui_window_new_study(win);
    } else if (after == AFTER_OPEN_PATH && win->pending_open != NULL) {
        g_autofree char *path = g_steal_pointer(&win->pending_open);
        exopk_gui_window_open(win, path);
    }
}

static void
on_guard_response(GtkDialog *d, int response, gpointer data)
{
    ExopkGuiWindow *win = data;
    AfterGuard after = win->after_guard;

    gtk_window_destroy(GTK_WINDOW(d));
    win->after_guard = AFTER_NOTHING;
    if (response == GTK_RESPONSE_ACCEPT) {             /* Save */
        GError *error = NULL;
        if (win->path == NULL) {
            save_as_dialog(win, after);
            return;
        }
        if (!exopk_gui_window_save_to(win, win->path, &error)) {
            exopk_gui_show_error(GTK_WINDOW(win), "Could not save the study", error->message);
            g_error_free(error);
            return;
        }
        after_guard(win, after);
    } else if (response == GTK_RESPONSE_REJECT) {      /* Discard */
        set_dirty(win, FALSE);
        autosave_remove(win);
        after_guard(win, after);
    }
}

/* Runs @after now, or after the user has saved or discarded the edits. */
static void
guard(ExopkGuiWindow *win, AfterGuard after)
{
    GtkWidget *d;

    if (!win->dirty || win->force_close) {
        after_guard(win, after);
        return;
    }
    win->after_guard = after;
    d = gtk_message_dialog_new(GTK_WINDOW(win), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                               GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                               "Save changes to the study?");
    gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d),
        "The edits are lost if you don't save them.");
    gtk_dialog_add_buttons(GTK_DIALOG(d), "_Cancel", GTK_RESPONSE_CANCEL, "_Discard",
                           GTK_RESPONSE_REJECT, "_Save", GTK_RESPONSE_ACCEPT, NULL);
    gtk_dialog_set_default_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
    gtk_widget_add_css_class(gtk_dialog_get_widget_for_response(GTK_DIALOG(d),
                                                                GTK_RESPONSE_REJECT),
                             "destructive-action");
    g_signal_connect(d, "response", G_CALLBACK(on_guard_response), win);
    gtk_window_present(GTK_WINDOW(d));
}

static gboolean
on_close_request(GtkWindow *w, gpointer data)
{
    ExopkGuiWindow *win = EXOPK_GUI_WINDOW(w);

    (void) data;
    if (win->dirty && !win->force_close) {
        guard(win, AFTER_CLOSE);
        return TRUE;                  /* not yet */
    }
    if (!win->dirty)
        autosave_remove(win);
    return FALSE;
}

static GtkFileFilter *
lua_filter(void)
{
    GtkFileFilter *f = gtk_file_filter_new();

    gtk_file_filter_set_name(f, "Study files (*.lua)");
    gtk_file_filter_add_pattern(f, "*.lua");
    return f;
}

static void
on_open_response(GtkNativeDialog *d, int response, gpointer data)
{
    ExopkGuiWindow *win = data;

    if (response == GTK_RESPONSE_ACCEPT) {
        g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(d));
        g_autofree char *path = g_file_get_path(file);
        if (path != NULL)
            exopk_gui_window_open(win, path);
    }
    g_object_unref(d);
}

static void
open_dialog(ExopkGuiWindow *win)
{
    GtkFileChooserNative *d = gtk_file_chooser_native_new("Open Study", GTK_WINDOW(win),
                                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                                          "_Open", "_Cancel");
    GtkFileFilter *f = lua_filter();

    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
    g_object_unref(f);
    g_signal_connect(d, "response", G_CALLBACK(on_open_response), win);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(d));
}

static void
on_save_response(GtkNativeDialog *d, int response, gpointer data)
{
    ExopkGuiWindow *win = data;
    AfterGuard after = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(d), "after"));

    if (response == GTK_RESPONSE_ACCEPT) {
        g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(d));
        g_autofree char *path = g_file_get_path(file);
        GError *error = NULL;
        if (path != NULL && !exopk_gui_window_save_to(win, path, &error)) {
            exopk_gui_show_error(GTK_WINDOW(win), "Could not save the study", error->message);
            g_error_free(error);
        } else {
            after_guard(win, after);
        }
    }
    g_object_unref(d);
}

static void
on_open_data_response(GtkNativeDialog *d, int response, gpointer data)
{
    ExopkGuiWindow *win = data;

    if (response == GTK_RESPONSE_ACCEPT) {
        g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(d));
        g_autofree char *path = g_file_get_path(file);
        GError *error = NULL;
        if (path != NULL && !exopk_gui_window_open_data(win, path, &error)) {
            g_autofree char *m = g_strdup_printf("Could not open the data: %s", error->message);
            exopk_gui_window_set_status(win, m, TRUE);
            exopk_gui_show_error(GTK_WINDOW(win), "Could not open the data", error->message);
            g_error_free(error);
        } else if (path != NULL) {
            g_autofree char *m = g_strdup_printf("Observed data from %s", path);
            exopk_gui_window_set_status(win, m, FALSE);
        }
    }
    g_object_unref(d);
}

static void
open_data_dialog(ExopkGuiWindow *win)
{
    GtkFileChooserNative *d = gtk_file_chooser_native_new("Open Observed Data", GTK_WINDOW(win),
                                                          GTK_FILE_CHOOSER_ACTION_OPEN,
                                                          "_Open", "_Cancel");
    GtkFileFilter *f = gtk_file_filter_new();

    gtk_file_filter_set_name(f, "Observed data (*.csv)");
    gtk_file_filter_add_pattern(f, "*.csv");
    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
    g_object_unref(f);
    g_signal_connect(d, "response", G_CALLBACK(on_open_data_response), win);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(d));
}

static void
save_as_dialog(ExopkGuiWindow *win, AfterGuard after)
{
    GtkFileChooserNative *d = gtk_file_chooser_native_new("Save Study", GTK_WINDOW(win),
                                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                                          "_Save", "_Cancel");
    GtkFileFilter *f = lua_filter();

    gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
    g_object_unref(f);
    if (win->path != NULL) {
        g_autoptr(GFile) file = g_file_new_for_path(win->path);
        gtk_file_chooser_set_file(GTK_FILE_CHOOSER(d), file, NULL);
    } else {
        gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(d), "study.lua");
    }
    g_object_set_data(G_OBJECT(d), "after", GINT_TO_POINTER(after));
    g_signal_connect(d, "response", G_CALLBACK(on_save_response), win);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(d));
}

static void
on_export_response(GtkNativeDialog *d, int response, gpointer data)
{
    ExopkGuiWindow *win = data;
    gboolean csv = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(d), "csv"));

    if (response == GTK_RESPONSE_ACCEPT) {
        g_autoptr(GFile) file = gtk_file_chooser_get_file(GTK_FILE_CHOOSER(d));
        g_autofree char *path = g_file_get_path(file);
        GError *error = NULL;
        gboolean ok = path != NULL && (csv ? exopk_gui_window_export_csv(win, path, &error)
                                           : exopk_gui_window_export_figure(win, path, &error));
        if (!ok && error != NULL) {
            exopk_gui_show_error(GTK_WINDOW(win), csv ? "Could not export the data"
                                                      : "Could not export the figure",
                                 error->message);
            g_error_free(error);
        } else if (ok) {
            g_autofree char *m = g_strdup_printf("Exported %s", path);
            exopk_gui_window_set_status(win, m, FALSE);
        }
    }
    g_object_unref(d);
}

static void
export_dialog(ExopkGuiWindow *win, gboolean csv)
{
    GtkFileChooserNative *d = gtk_file_chooser_native_new(
        csv ? "Export CSV to Folder" : "Export Figure", GTK_WINDOW(win),
        csv ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
        csv ? "_Export" : "_Export", "_Cancel");

    if (!csv) {
        static const char *const kinds[][2] = { { "PNG image", "*.png" },
                                                { "SVG drawing", "*.svg" },
                                                { "PDF document", "*.pdf" } };
        for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
            GtkFileFilter *f = gtk_file_filter_new();
            gtk_file_filter_set_name(f, kinds[i][0]);
            gtk_file_filter_add_pattern(f, kinds[i][1]);
            gtk_file_chooser_add_filter(GTK_FILE_CHOOSER(d), f);
            g_object_unref(f);
        }
        gtk_file_chooser_set_current_name(GTK_FILE_CHOOSER(d), "figure.png");
    }
    g_object_set_data(G_OBJECT(d), "csv", GINT_TO_POINTER(csv));
    g_signal_connect(d, "response", G_CALLBACK(on_export_response), win);
    gtk_native_dialog_show(GTK_NATIVE_DIALOG(d));
}

/* A study file dropped on the window opens as Open would. */
static gboolean
on_drop(GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
    ExopkGuiWindow *win = data;
    char *path = g_file_get_path(g_value_get_object(value));

    (void) target;
    (void) x;
    (void) y;
    if (path == NULL)
        return FALSE;
    g_free(win->pending_open);
    win->pending_open = path;
    guard(win, AFTER_OPEN_PATH);
    return TRUE;
}

/* ---- actions ------------------------------------------------------------ */

static void
act_new(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    guard(data, AFTER_NEW);
}

static void
act_open(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    guard(data, AFTER_OPEN_DIALOG);
}

static void
act_open_data(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    open_data_dialog(data);
}

static void
act_save(GSimpleAction *a, GVariant *p, gpointer data)
{
    ExopkGuiWindow *win = data;
    GError *error = NULL;

    (void) a;
    (void) p;
    if (win->path == NULL) {
        save_as_dialog(win, AFTER_NOTHING);
    } else if (!exopk_gui_window_save_to(win, win->path, &error)) {
        exopk_gui_show_error(GTK_WINDOW(win), "Could not save the study", error->message);
        g_error_free(error);
    }
}

static void
act_save_as(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    save_as_dialog(data, AFTER_NOTHING);
}

static void
act_export_figure(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    export_dialog(data, FALSE);
}

static void
act_export_csv(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    export_dialog(data, TRUE);
}

static void
act_copy_command(GSimpleAction *a, GVariant *p, gpointer data)
{
    ExopkGuiWindow *win = data;
    GError *error = NULL;
    g_autofree char *cmd = exopk_gui_window_dup_command(win, &error);

    (void) a;
    (void) p;
    if (cmd == NULL) {
        exopk_gui_show_error(GTK_WINDOW(win), "Could not write the study for the command",
                             error->message);
        g_error_free(error);
        return;
    }
    gdk_clipboard_set_text(gtk_widget_get_clipboard(GTK_WIDGET(win)), cmd);
    exopk_gui_window_set_status(win, "Command copied to the clipboard", FALSE);
}

static void
act_undo(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    exopk_gui_window_undo(data);
}

static void
act_redo(GSimpleAction *a, GVariant *p, gpointer data)
{
    (void) a;
    (void) p;
    exopk_gui_window_redo(data);
}

static const GActionEntry win_actions[] = {
    { "new", act_new, NULL, NULL, NULL, { 0 } },
    { "undo", act_undo, NULL, NULL, NULL, { 0 } },
    { "redo", act_redo, NULL, NULL, NULL, { 0 } },
    { "open", act_open, NULL, NULL, NULL, { 0 } },
    { "open-data", act_open_data, NULL, NULL, NULL, { 0 } },
    { "save", act_save, NULL, NULL, NULL, { 0 } },
    { "save-as", act_save_as, NULL, NULL, NULL, { 0 } },
    { "export-figure", act_export_figure, NULL, NULL, NULL, { 0 } },
    { "export-csv", act_export_csv, NULL, NULL, NULL, { 0 } },
    { "copy-command", act_copy_command, NULL, NULL, NULL, { 0 } },
};

/* ---- accessors for tests ------------------------------------------------ */

ExopkGuiPlot *
exopk_gui_window_get_plot(ExopkGuiWindow *win)
{
    return win->plot;
}

GtkWidget *
exopk_gui_window_get_editors(ExopkGuiWindow *win)
{
    return win->editors;
}

GtkSpinButton *
exopk_gui_window_get_spin(ExopkGuiWindow *win, const char *key)
{
    return exopk_gui_editors_get_spin(win->editors, key);
}

GtkWidget *
exopk_gui_window_get_population_bar(ExopkGuiWindow *win)
{
    return win->pop_bar;
}

GtkWidget *
exopk_gui_window_get_fit_panel(ExopkGuiWindow *win)
{
    return win->fit_holder;
}

GtkWidget *
exopk_gui_window_get_optimize_panel(ExopkGuiWindow *win)
{
    return win->optimize_holder;
}

void
exopk_gui_window_show_page(ExopkGuiWindow *win, const char *name)
{
    gtk_stack_set_visible_child_name(GTK_STACK(win->stack), name);
}

guint
exopk_gui_window_get_results_count(ExopkGuiWindow *win)
{
    return win->results_count;
}

const char *
exopk_gui_window_get_status(ExopkGuiWindow *win)
{
    /* as the status bar shows it */
    return win->status != NULL && win->status[0] != '\0'
           ? gtk_label_get_text(GTK_LABEL(win->status_label)) : "";
}

/* ---- GObject ------------------------------------------------------------ */

static void
exopk_gui_window_dispose(GObject *obj)
{
    ExopkGuiWindow *win = EXOPK_GUI_WINDOW(obj);

    if (win->cancel != NULL)
        g_cancellable_cancel(win->cancel);
    g_clear_object(&win->cancel);
    /* their jobs may keep them alive a little after the window */
    if (win->pop_bar != NULL)
        exopk_gui_population_bar_shutdown(win->pop_bar);
    if (win->fit_holder != NULL)
        exopk_gui_fit_panel_shutdown(win->fit_holder);
    win->pop_bar = win->fit_holder = NULL;
    if (win->load_cancel != NULL)
        g_cancellable_cancel(win->load_cancel);
    g_clear_object(&win->load_cancel);
    g_clear_handle_id(&win->autosave_id, g_source_remove);
    g_clear_handle_id(&win->rebuild_id, g_source_remove);
    gtk_widget_dispose_template(GTK_WIDGET(win), EXOPK_GUI_TYPE_WINDOW);
    G_OBJECT_CLASS(exopk_gui_window_parent_class)->dispose(obj);
}

static void
exopk_gui_window_finalize(GObject *obj)
{
    ExopkGuiWindow *win = EXOPK_GUI_WINDOW(obj);

    /* the plot (disposed by now) borrowed these */
    free_results(win->results, win->n_results);
    exopk_study_free(win->study);
    g_ptr_array_unref(win->undo);
    g_ptr_array_unref(win->redo);
    g_free(win->path);
    g_free(win->pending_open);
    g_free(win->status);
    g_strfreev(win->metric_keys);
    g_hash_table_unref(win->metric_cells);
    G_OBJECT_CLASS(exopk_gui_window_parent_class)->finalize(obj);
}

static void
exopk_gui_window_class_init(ExopkGuiWindowClass *klass)
{
    GtkWidgetClass *wc = GTK_WIDGET_CLASS(klass);

    G_OBJECT_CLASS(klass)->dispose = exopk_gui_window_dispose;
    G_OBJECT_CLASS(klass)->finalize = exopk_gui_window_finalize;
    gtk_widget_class_set_template_from_resource(wc, "/org/exopk/Exopk/exopk-window.ui");
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, title_label);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, subtitle_label);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, editors_scroller);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, plot_holder);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, metrics_scroller);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, explore_paned);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, stack);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, optimize_holder);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, fit_holder);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, status_label);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, progress);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, loading_bar);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, loading_label);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, loading_spinner);
    gtk_widget_class_bind_template_child(wc, ExopkGuiWindow, loading_cancel);
}

static void
exopk_gui_window_init(ExopkGuiWindow *win)
{
    GtkWidget *opt;
    GtkDropTarget *drop;

    g_type_ensure(EXOPK_GUI_TYPE_PLOT);
    gtk_widget_init_template(GTK_WIDGET(win));
    win->metric_cells = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    win->undo = g_ptr_array_new_with_free_func((GDestroyNotify) exopk_study_free);
    win->redo = g_ptr_array_new_with_free_func((GDestroyNotify) exopk_study_free);
    g_action_map_add_action_entries(G_ACTION_MAP(win), win_actions, G_N_ELEMENTS(win_actions),
                                    win);
    exopk_gui_window_update_history(win);

    win->plot = EXOPK_GUI_PLOT(exopk_gui_plot_new());
    win->pop_bar = exopk_gui_population_bar_new(win);
    gtk_box_append(GTK_BOX(win->plot_holder), win->pop_bar);
    gtk_box_append(GTK_BOX(win->plot_holder), GTK_WIDGET(win->plot));

    win->metrics_grid = gtk_grid_new();
    gtk_grid_set_column_spacing(GTK_GRID(win->metrics_grid), 12);
    gtk_grid_set_row_spacing(GTK_GRID(win->metrics_grid), 2);
    gtk_widget_add_css_class(win->metrics_grid, "metrics");
    gtk_widget_set_margin_start(win->metrics_grid, 8);
    gtk_widget_set_margin_end(win->metrics_grid, 8);
    gtk_widget_set_margin_top(win->metrics_grid, 6);
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(win->metrics_scroller), win->metrics_grid);
    g_signal_connect(win->explore_paned, "notify::max-position",
                     G_CALLBACK(on_paned_max_position), win);

    opt = exopk_gui_optimize_panel_new(win);
    gtk_box_append(GTK_BOX(win->optimize_holder), opt);
    win->optimize_holder = opt;
    opt = exopk_gui_fit_panel_new(win);
    gtk_box_append(GTK_BOX(win->fit_holder), opt);
    win->fit_holder = opt;

    g_signal_connect(win, "close-request", G_CALLBACK(on_close_request), NULL);
    g_signal_connect_swapped(win->loading_cancel, "clicked",
                             G_CALLBACK(exopk_gui_window_cancel_load), win);
    drop = gtk_drop_target_new(G_TYPE_FILE, GDK_ACTION_COPY);
    g_signal_connect(drop, "drop", G_CALLBACK(on_drop), win);
    gtk_widget_add_controller(GTK_WIDGET(win), GTK_EVENT_CONTROLLER(drop));
    win->autosave_id = g_timeout_add_seconds(AUTOSAVE_SECONDS, autosave_tick, win);
    update_title(win);
}

ExopkGuiWindow *
exopk_gui_window_new(GtkApplication *app)
{
    return g_object_new(EXOPK_GUI_TYPE_WINDOW, "application", app, NULL);
}
