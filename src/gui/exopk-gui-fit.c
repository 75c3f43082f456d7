/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-fit.h"
#include "exopk-gui-jobs.h"
#include "exopk-gui-util.h"
#include "exopk-gui-window.h"
#include "exopk/model.h"

static const char *const ERROR_MODELS[] = { "proportional", "additive", "combined", NULL };
static const char *const HEADINGS[] = { "parameter", "estimate", "unit", "SE", "RSE %",
                                        "95 % CI" };
#define N_COLS 6

typedef struct {
    ExopkGuiWindow *win;          /* borrowed: the panel lives in it; NULL after shutdown */
    GtkWidget *box, *data_label, *filter, *list, *count, *model, *priors;
    GtkWidget *run, *cancel_btn, *progress, *status, *table, *warnings, *apply;
    GHashTable *ticked;           /* parameter names ticked (owned keys) */
    GCancellable *cancel;         /* of the running fit, or NULL */
    ExopkGuiFitOutput *out;       /* the last finished fit, owned */
} Panel;

static void
panel_free(gpointer p)
{
    Panel *pn = p;

    if (pn->cancel != NULL)
        g_cancellable_cancel(pn->cancel);
    g_clear_object(&pn->cancel);
    exopk_gui_fit_output_free(pn->out);
    g_hash_table_unref(pn->ticked);
    g_free(pn);
}

static Panel *
panel_of(gpointer w)
{
    return g_object_get_data(G_OBJECT(w), "exopk-fit");
}

/* The panel of @w while its window is there. */
static Panel *
live_panel(gpointer w)
{
    Panel *pn = panel_of(w);

    return pn != NULL && pn->win != NULL ? pn : NULL;
}

static void
say(Panel *pn, const char *text, gboolean error)
{
    g_autofree char *shown = exopk_gui_display_text(text, -1);

    gtk_label_set_text(GTK_LABEL(pn->status), shown);
    if (error)
        gtk_widget_add_css_class(pn->status, "error");
    else
        gtk_widget_remove_css_class(pn->status, "error");
}

/* ---- the parameter list ------------------------------------------------ */

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* "2 ticked: a, b" (sorted): the ticks out of view of the list, or filtered out. */
static void
update_count(Panel *pn)
{
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array(pn->ticked, NULL);
    guint n = g_hash_table_size(pn->ticked);
    GString *t = g_string_new(NULL);

    qsort(keys, n, sizeof *keys, compare_names);
    g_string_printf(t, "%u ticked", n);
    for (guint i = 0; i < n; i++)
        g_string_append_printf(t, "%s%s", i ? ", " : ": ", (const char *) keys[i]);
    gtk_label_set_text(GTK_LABEL(pn->count), t->str);
    gtk_widget_set_tooltip_text(pn->count, t->str);
    g_string_free(t, TRUE);
}

static void
on_tick(GtkCheckButton *b, gpointer data)
{
    Panel *pn = data;
    const char *name = gtk_check_button_get_label(b);

    if (gtk_check_button_get_active(b))
        g_hash_table_add(pn->ticked, g_strdup(name));
    else
        g_hash_table_remove(pn->ticked, name);
    update_count(pn);
}

static gboolean
filter_row(GtkListBoxRow *row, gpointer data)
{
    Panel *pn = data;
    const char *text = gtk_editable_get_text(GTK_EDITABLE(pn->filter));
    GtkWidget *check = gtk_list_box_row_get_child(row);
    g_autofree char *name = g_utf8_casefold(gtk_check_button_get_label(GTK_CHECK_BUTTON(check)),
                                            -1);
    g_autofree char *want = g_utf8_casefold(text, -1);

    return want[0] == '\0' || strstr(name, want) != NULL;
}

static void
on_filter_changed(GtkSearchEntry *e, gpointer data)
{
    Panel *pn = data;

    (void) e;
    gtk_list_box_invalidate_filter(GTK_LIST_BOX(pn->list));
}

/* Whether arm @a has rows in the study's data (every arm without data). */
static gboolean
arm_has_data(const ExopkObserved *obs, const ExopkStudy *s, size_t a)
{
    return obs == NULL || exopk_observed_has_arm(obs, s->arms[a].name);
}

/* The parameter paths the arms with data use (every arm when there is no
 * readable data), sorted; dosing names ("dose", "every") are per arm and
 * left to the editors.  (transfer full) */
static GPtrArray *
fit_candidates(const ExopkStudy *s)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    ExopkObserved *obs = s->data_path[0] ? exopk_study_read_observed(s, NULL, NULL) : NULL;

    for (size_t a = 0; a < s->n_arms; a++) {
        ExopkModel *m = arm_has_data(obs, s, a) ? exopk_model_compile(s, a, NULL) : NULL;
        for (size_t i = 0; m != NULL && i < exopk_model_n_params(m); i++) {
            const char *name = exopk_model_param_name(m, i);
            if (strchr(name, '.') == NULL || g_hash_table_contains(seen, name))
                continue;
            g_ptr_array_add(names, g_strdup(name));
            g_hash_table_add(seen, g_ptr_array_index(names, names->len - 1));
        }
        exopk_model_free(m);
    }
    g_hash_table_unref(seen);
    exopk_observed_free(obs);
    g_ptr_array_sort(names, compare_names);
    return names;
}

static gboolean
not_offered(gpointer key, gpointer value, gpointer names)
{
    (void) value;
    return !g_ptr_array_find_with_equal_func(names, key, g_str_equal, NULL);
}

static void
describe_data(Panel *pn, const ExopkStudy *s)
{
    g_autofree char *text = NULL;

    if (s->data_path[0] == '\0') {
        gtk_label_set_text(GTK_LABEL(pn->data_label), "No observed data: Open Data… "
                           "(Ctrl+D), or data = \"file.csv\" in the study file");
        return;
    }
    text = g_filename_display_name(s->data_path);
    gtk_label_set_text(GTK_LABEL(pn->data_label), text);
}

void
exopk_gui_fit_panel_set_study(GtkWidget *panel, const ExopkStudy *study)
{
    Panel *pn = live_panel(panel);
    g_autoptr(GPtrArray) names = NULL;
    GtkWidget *row;

    if (pn == NULL || study == NULL)
        return;
    names = fit_candidates(study);
    /* a tick of a parameter no longer offered would make the next fit fail */
    g_hash_table_foreach_remove(pn->ticked, not_offered, names);
    while ((row = gtk_widget_get_first_child(pn->list)) != NULL)
        gtk_list_box_remove(GTK_LIST_BOX(pn->list), row);
    for (guint i = 0; i < names->len; i++) {
        const char *name = g_ptr_array_index(names, i);
        GtkWidget *check = gtk_check_button_new_with_label(name);
        const char *tip = exopk_gui_param_tooltip(name);
        gtk_check_button_set_active(GTK_CHECK_BUTTON(check),
                                    g_hash_table_contains(pn->ticked, name));
        if (tip != NULL)
            gtk_widget_set_tooltip_text(check, tip);
        g_signal_connect(check, "toggled", G_CALLBACK(on_tick), pn);
        gtk_list_box_append(GTK_LIST_BOX(pn->list), check);
    }
    describe_data(pn, study);
    update_count(pn);
}

/* ---- running ----------------------------------------------------------- */

static void
set_running(Panel *pn, gboolean running)
{
    gtk_widget_set_sensitive(pn->run, !running);
    gtk_widget_set_sensitive(pn->cancel_btn, running);
    gtk_widget_set_visible(pn->progress, running);
    if (running)
        gtk_widget_set_sensitive(pn->apply, FALSE);
}

static void
on_fit_progress(guint stage, gsize evaluations, double objective, gpointer data)
{
    Panel *pn = live_panel(data);
    char b[160];

    if (pn == NULL || pn->cancel == NULL)
        return;
    g_snprintf(b, sizeof b, "%s: %zu evaluations, objective %.6g",
               stage <= 1 ? "global search" : "trust region", (size_t) evaluations, objective);
    if (stage > 1)
        g_snprintf(b + strlen(b), sizeof b - strlen(b), " (iteration %u)", stage - 1);
    gtk_progress_bar_pulse(GTK_PROGRESS_BAR(pn->progress));
    say(pn, b, FALSE);
}

static void
clear_table(Panel *pn)
{
    GtkWidget *c;

    while ((c = gtk_widget_get_first_child(pn->table)) != NULL)
        gtk_grid_remove(GTK_GRID(pn->table), c);
    gtk_label_set_text(GTK_LABEL(pn->warnings), "");
}

static void
table_cell(Panel *pn, const char *text, int col, int row)
{
    GtkWidget *l = gtk_label_new(text);

    gtk_label_set_xalign(GTK_LABEL(l), col == 0 || col == 2 ? 0 : 1);
    gtk_label_set_selectable(GTK_LABEL(l), TRUE);
    gtk_widget_add_css_class(l, row == 0 ? "heading" : col == 0 || col == 2 ? "metric-name"
                                                                            : "numeric");
    gtk_grid_attach(GTK_GRID(pn->table), l, col, row, 1, 1);
}

static void
show_estimates(Panel *pn, const ExopkGuiFitOutput *out)
{
    const ExopkFitResult *r = out->result;
    g_autofree char *warn = g_strconcat(exopk_fit_warnings(r), out->notes, NULL);
    char v[5][32], ci[72];

    clear_table(pn);
    for (int c = 0; c < N_COLS; c++)
        table_cell(pn, HEADINGS[c], c, 0);
    for (size_t i = 0; i < exopk_fit_n_estimates(r); i++) {
        const ExopkFitEstimate *e = exopk_fit_estimate(r, i);
        exopk_gui_format(v[0], sizeof v[0], e->estimate);
        exopk_gui_format(v[1], sizeof v[1], e->se);
        g_snprintf(v[2], sizeof v[2], "%.3g", e->rse_pct);
        exopk_gui_format(v[3], sizeof v[3], e->ci95_low);
        exopk_gui_format(v[4], sizeof v[4], e->ci95_high);
        g_snprintf(ci, sizeof ci, "%s – %s", v[3], v[4]);
        table_cell(pn, e->name, 0, (int) i + 1);
        table_cell(pn, v[0], 1, (int) i + 1);
        table_cell(pn, e->unit, 2, (int) i + 1);
        table_cell(pn, isfinite(e->se_ln) ? v[1] : "–", 3, (int) i + 1);
        table_cell(pn, isfinite(e->se_ln) ? v[2] : "not identifiable", 4, (int) i + 1);
        table_cell(pn, isfinite(e->se_ln) ? ci : "–", 5, (int) i + 1);
    }
    gtk_label_set_text(GTK_LABEL(pn->warnings), g_strstrip(warn));
    gtk_widget_set_visible(pn->warnings, warn[0] != '\0');
}

static void
show_summary(Panel *pn, const ExopkFitResult *r)
{
    const ExopkFitSummary *sm = exopk_fit_summary(r);
    g_autofree char *m = g_strdup_printf(
        "Fit %s after %zu iterations (%zu evaluations): -2LL %.6g, AIC %.6g, "
        "%zu observations (%zu below LLOQ).", exopk_fit_status_name(sm->status), sm->iterations,
        sm->evaluations, sm->minus2ll, sm->aic, sm->n_obs, sm->n_below_lloq);

    say(pn, m, FALSE);
}

/* Which fit a finished job was (a newer one, or Cancel, drops it). */
typedef struct {
    GtkWidget *box;               /* owned ref */
    GCancellable *cancel;         /* owned ref */
} Request;

static void
request_free(Request *req)
{
    g_object_unref(req->box);
    g_object_unref(req->cancel);
    g_free(req);
}

static void
on_fit_done(GObject *source, GAsyncResult *res, gpointer data)
{
    Request *req = data;
    Panel *pn = live_panel(req->box);
    GError *error = NULL;
    ExopkGuiFitOutput *out = exopk_gui_fit_run_finish(res, &error);

    (void) source;
    /* the window went away, or another study came (exopk_gui_fit_panel_forget) */
    if (pn == NULL || req->cancel != pn->cancel) {
        exopk_gui_fit_output_free(out);
        g_clear_error(&error);
        request_free(req);
        return;
    }
    g_clear_object(&pn->cancel);
    set_running(pn, FALSE);
    if (out == NULL && g_error_matches(error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
        say(pn, "Cancelled; the study is unchanged.", FALSE);
    } else if (out == NULL) {
        g_autofree char *m = g_strdup_printf("Fit failed: %s", error->message);
        say(pn, m, TRUE);
        exopk_gui_window_set_status(pn->win, m, TRUE);
    } else {
        exopk_gui_fit_output_free(pn->out);
        pn->out = out;
        show_estimates(pn, out);
        show_summary(pn, out->result);
        gtk_widget_set_sensitive(pn->apply, TRUE);
    }
    g_clear_error(&error);
    request_free(req);
}

static int
compare_paths(const void *a, const void *b)
{
    return strcmp(a, b);          /* char[128] entries */
}

/* The problem the widgets describe; FALSE with the reason said. */
static gboolean
read_spec(Panel *pn, const ExopkStudy *s, ExopkGuiFitSpec *sp)
{
    GHashTableIter it;
    gpointer key;

    memset(sp, 0, sizeof *sp);
    if (s->data_path[0] == '\0') {
        say(pn, "No observed data to fit: Open Data… (Ctrl+D) first.", TRUE);
        return FALSE;
    }
    if (g_hash_table_size(pn->ticked) == 0 || g_hash_table_size(pn->ticked) > EXOPK_GUI_FIT_MAX) {
        g_autofree char *m = g_strdup_printf("Tick from 1 to %d parameters to estimate.",
                                             EXOPK_GUI_FIT_MAX);
        say(pn, m, TRUE);
        return FALSE;
    }
    g_hash_table_iter_init(&it, pn->ticked);
    while (g_hash_table_iter_next(&it, &key, NULL))
        g_strlcpy(sp->params[sp->n_params++], key, sizeof sp->params[0]);
    /* a fixed order: the same ticks, the same problem */
    qsort(sp->params, sp->n_params, sizeof sp->params[0], compare_paths);
    sp->model = (ExopkErrorModel) gtk_drop_down_get_selected(GTK_DROP_DOWN(pn->model));
    sp->library_priors = gtk_check_button_get_active(GTK_CHECK_BUTTON(pn->priors));
    return TRUE;
}

static void
on_run(GtkButton *b, gpointer data)
{
    Panel *pn = data;
    const ExopkStudy *s = exopk_gui_window_get_study(pn->win);
    ExopkGuiFitSpec spec;
    ExopkStudy *copy;
    Request *req;

    (void) b;
    if (s == NULL || pn->cancel != NULL || !read_spec(pn, s, &spec)
        || (copy = exopk_study_copy(s)) == NULL)
        return;
    pn->cancel = g_cancellable_new();
    req = g_new0(Request, 1);
    *req = (Request) { g_object_ref(pn->box), g_object_ref(pn->cancel) };
    set_running(pn, TRUE);
    say(pn, "Fitting…", FALSE);
    exopk_gui_fit_run_async(copy, &spec, pn->cancel, on_fit_progress, G_OBJECT(pn->box),
                            on_fit_done, req);
}

static void
on_cancel(GtkButton *b, gpointer data)
{
    Panel *pn = data;

    (void) b;
    if (pn->cancel != NULL)
        g_cancellable_cancel(pn->cancel);
}

/* The study's params set to the estimates (exopk_fit_apply), as one edit. */
static void
on_apply(GtkButton *b, gpointer data)
{
    Panel *pn = data;
    const ExopkStudy *s = exopk_gui_window_get_study(pn->win);
    ExopkStudy *copy;
    ExopkError err;

    (void) b;
    if (pn->out == NULL || s == NULL || (copy = exopk_study_copy(s)) == NULL)
        return;
    if (exopk_fit_apply(pn->out->result, copy, &err) != EXOPK_OK) {
        g_autofree char *m = g_strdup_printf("Could not apply the estimates: %s", err.message);
        say(pn, m, TRUE);
        exopk_gui_window_set_status(pn->win, m, TRUE);
        exopk_study_free(copy);
        return;
    }
    exopk_gui_window_replace_study(pn->win, copy);
    say(pn, "Estimates applied to the study's parameters (unsaved).", FALSE);
}

void
exopk_gui_fit_panel_forget(GtkWidget *panel)
{
    Panel *pn = live_panel(panel);

    if (pn == NULL)
        return;
    if (pn->cancel != NULL)
        g_cancellable_cancel(pn->cancel);
    g_clear_object(&pn->cancel);    /* its result is dropped when it comes */
    set_running(pn, FALSE);
    g_clear_pointer(&pn->out, exopk_gui_fit_output_free);
    clear_table(pn);
    gtk_widget_set_visible(pn->warnings, FALSE);
    say(pn, "", FALSE);
}

void
exopk_gui_fit_panel_shutdown(GtkWidget *panel)
{
    Panel *pn = panel_of(panel);

    if (pn->cancel != NULL)
        g_cancellable_cancel(pn->cancel);
    pn->win = NULL;
}

/* ---- for tests --------------------------------------------------------- */

gboolean
exopk_gui_fit_panel_configure(GtkWidget *panel, const char *const *params, size_t n,
                              ExopkErrorModel model, gboolean library_priors)
{
    Panel *pn = panel_of(panel);
    size_t found = 0;

    gtk_editable_set_text(GTK_EDITABLE(pn->filter), "");
    for (GtkWidget *row = gtk_widget_get_first_child(pn->list); row != NULL;
         row = gtk_widget_get_next_sibling(row)) {
        GtkWidget *check = gtk_list_box_row_get_child(GTK_LIST_BOX_ROW(row));
        const char *name = gtk_check_button_get_label(GTK_CHECK_BUTTON(check));
        gboolean want = FALSE;
        for (size_t k = 0; k < n && !want; k++)
            want = strcmp(params[k], name) == 0;
        found += want;
        gtk_check_button_set_active(GTK_CHECK_BUTTON(check), want);
    }
    gtk_drop_down_set_selected(GTK_DROP_DOWN(pn->model), (guint) model);
    gtk_check_button_set_active(GTK_CHECK_BUTTON(pn->priors), library_priors);
    return found == n;
}

GtkWidget *
exopk_gui_fit_panel_get_button(GtkWidget *panel, const char *name)
{
    Panel *pn = panel_of(panel);

    return strcmp(name, "run") == 0 ? pn->run : strcmp(name, "cancel") == 0 ? pn->cancel_btn
           : strcmp(name, "apply") == 0 ? pn->apply : NULL;
}

GtkWidget *
exopk_gui_fit_panel_get_filter(GtkWidget *panel)
{
    return panel_of(panel)->filter;
}

guint
exopk_gui_fit_panel_count_shown(GtkWidget *panel)
{
    Panel *pn = panel_of(panel);
    guint n = 0;

    for (GtkWidget *row = gtk_widget_get_first_child(pn->list); row != NULL;
         row = gtk_widget_get_next_sibling(row))
        n += filter_row(GTK_LIST_BOX_ROW(row), pn);
    return n;
}

gboolean
exopk_gui_fit_panel_get_running(GtkWidget *panel)
{
    return panel_of(panel)->cancel != NULL;
}

const char *
exopk_gui_fit_panel_get_status(GtkWidget *panel)
{
    return gtk_label_get_text(GTK_LABEL(panel_of(panel)->status));
}

const ExopkFitResult *
exopk_gui_fit_panel_get_result(GtkWidget *panel)
{
    Panel *pn = panel_of(panel);

    return pn->out != NULL ? pn->out->result : NULL;
}

const char *
exopk_gui_fit_panel_get_warnings(GtkWidget *panel)
{
    return gtk_label_get_text(GTK_LABEL(panel_of(panel)->warnings));
}

const char *
exopk_gui_fit_panel_get_cell(GtkWidget *panel, int row, int col)
{
    GtkWidget *l = gtk_grid_get_child_at(GTK_GRID(panel_of(panel)->table), col, row);

    return l != NULL ? gtk_label_get_text(GTK_LABEL(l)) : "";
}

/* ---- the widgets ------------------------------------------------------- */

static GtkWidget *
left(const char *text, const char *css)
{
    GtkWidget *l = gtk_label_new(text);

    gtk_label_set_xalign(GTK_LABEL(l), 0);
    if (css != NULL)
        gtk_widget_add_css_class(l, css);
    return l;
}

/* Data, the parameter list with its filter, the error model and priors. */
static GtkWidget *
problem_widgets(Panel *pn)
{
    GtkWidget *grid = gtk_grid_new(), *scroller = gtk_scrolled_window_new(), *open, *frame;
    int r = 0;

    gtk_grid_set_row_spacing(GTK_GRID(grid), 4);
    gtk_grid_set_column_spacing(GTK_GRID(grid), 8);
    pn->data_label = left("", NULL);
    gtk_label_set_ellipsize(GTK_LABEL(pn->data_label), PANGO_ELLIPSIZE_MIDDLE);
    gtk_widget_set_hexpand(pn->data_label, TRUE);
    open = gtk_button_new_with_mnemonic("Open _Data…");
    gtk_actionable_set_action_name(GTK_ACTIONABLE(open), "win.open-data");
    gtk_widget_set_tooltip_text(open, "Observed data as a CSV file (docs/study-files.md, "
                                "\"Observed data\"), Ctrl+D");
    gtk_grid_attach(GTK_GRID(grid), left("Data", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->data_label, 1, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), open, 2, r++, 1, 1);

    pn->filter = gtk_search_entry_new();
    g_object_set(pn->filter, "placeholder-text", "Filter the parameters (e.g. cl, k_pt)", NULL);
    pn->count = left("0 ticked", "dim-label");
    gtk_label_set_ellipsize(GTK_LABEL(pn->count), PANGO_ELLIPSIZE_END);
    gtk_label_set_max_width_chars(GTK_LABEL(pn->count), 40);
    gtk_grid_attach(GTK_GRID(grid), left("Estimate", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->filter, 1, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->count, 2, r++, 1, 1);
    pn->list = gtk_list_box_new();
    gtk_list_box_set_selection_mode(GTK_LIST_BOX(pn->list), GTK_SELECTION_NONE);
    gtk_list_box_set_filter_func(GTK_LIST_BOX(pn->list), filter_row, pn, NULL);
    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), pn->list);
    gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scroller), GTK_POLICY_NEVER,
                                   GTK_POLICY_AUTOMATIC);
    gtk_widget_set_size_request(scroller, -1, 180);
    frame = gtk_frame_new(NULL);
    gtk_frame_set_child(GTK_FRAME(frame), scroller);
    gtk_grid_attach(GTK_GRID(grid), frame, 1, r++, 2, 1);
    g_signal_connect(pn->filter, "search-changed", G_CALLBACK(on_filter_changed), pn);

    pn->model = gtk_drop_down_new_from_strings(ERROR_MODELS);
    gtk_widget_set_halign(pn->model, GTK_ALIGN_START);
    gtk_widget_set_tooltip_text(pn->model, "Residual error of every observation: proportional "
                                "sd = b f, additive sd = a, combined sqrt(a² + b² f²)");
    gtk_grid_attach(GTK_GRID(grid), left("Error model", "heading"), 0, r, 1, 1);
    gtk_grid_attach(GTK_GRID(grid), pn->model, 1, r++, 1, 1);
    pn->priors = gtk_check_button_new_with_mnemonic("_Priors from the parameter library");
    gtk_widget_set_tooltip_text(pn->priors, "A log-normal prior whose central 95 % is the "
                                "library's published range (MAP instead of maximum likelihood)");
    gtk_grid_attach(GTK_GRID(grid), pn->priors, 1, r++, 2, 1);
    return grid;
}

static GtkWidget *
buttons(Panel *pn)
{
    GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);

    pn->run = gtk_button_new_with_mnemonic("_Fit");
    gtk_widget_add_css_class(pn->run, "suggested-action");
    pn->cancel_btn = gtk_button_new_with_mnemonic("_Cancel");
    gtk_widget_set_sensitive(pn->cancel_btn, FALSE);
    pn->apply = gtk_button_new_with_mnemonic("_Apply Estimates to the Study");
    gtk_widget_set_sensitive(pn->apply, FALSE);
    gtk_widget_set_tooltip_text(pn->apply, "Write the estimates into the study's params "
                                "(an unsaved edit)");
    pn->progress = gtk_progress_bar_new();
    gtk_widget_set_hexpand(pn->progress, TRUE);
    gtk_widget_set_valign(pn->progress, GTK_ALIGN_CENTER);
    gtk_widget_set_visible(pn->progress, FALSE);
    gtk_box_append(GTK_BOX(row), pn->run);
    gtk_box_append(GTK_BOX(row), pn->cancel_btn);
    gtk_box_append(GTK_BOX(row), pn->progress);
    gtk_box_append(GTK_BOX(row), pn->apply);
    g_signal_connect(pn->run, "clicked", G_CALLBACK(on_run), pn);
    g_signal_connect(pn->cancel_btn, "clicked", G_CALLBACK(on_cancel), pn);
    g_signal_connect(pn->apply, "clicked", G_CALLBACK(on_apply), pn);
    return row;
}

GtkWidget *
exopk_gui_fit_panel_new(ExopkGuiWindow *win)
{
    Panel *pn = g_new0(Panel, 1);
    GtkWidget *scroller = gtk_scrolled_window_new();

    pn->win = win;
    pn->ticked = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    pn->box = gtk_box_new(GTK_ORIENTATION_VERTICAL, 8);
    gtk_widget_set_margin_start(pn->box, 12);
    gtk_widget_set_margin_end(pn->box, 12);
    gtk_widget_set_margin_top(pn->box, 8);
    gtk_widget_set_margin_bottom(pn->box, 8);
    g_object_set_data_full(G_OBJECT(pn->box), "exopk-fit", pn, panel_free);
    gtk_box_append(GTK_BOX(pn->box), problem_widgets(pn));
    gtk_box_append(GTK_BOX(pn->box), buttons(pn));
    pn->status = left("", NULL);
    gtk_label_set_wrap(GTK_LABEL(pn->status), TRUE);
    gtk_label_set_selectable(GTK_LABEL(pn->status), TRUE);
    gtk_box_append(GTK_BOX(pn->box), pn->status);
    pn->table = gtk_grid_new();
    gtk_grid_set_column_spacing(GTK_GRID(pn->table), 14);
    gtk_grid_set_row_spacing(GTK_GRID(pn->table), 2);
    gtk_widget_add_css_class(pn->table, "metrics");
    gtk_box_append(GTK_BOX(pn->box), pn->table);
    pn->warnings = left("", "warning");
    gtk_label_set_wrap(GTK_LABEL(pn->warnings), TRUE);
    gtk_widget_set_visible(pn->warnings, FALSE);
    gtk_box_append(GTK_BOX(pn->box), pn->warnings);

    gtk_scrolled_window_set_child(GTK_SCROLLED_WINDOW(scroller), pn->box);
    gtk_widget_set_vexpand(scroller, TRUE);
    /* callers pass the returned widget back: keep the panel on it too */
    g_object_set_data(G_OBJECT(scroller), "exopk-fit", pn);
    return scroller;
}
