/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "exopk-gui-population.h"
#include "exopk-gui-jobs.h"
#include "exopk-gui-plot.h"
#include "exopk-gui-util.h"
#include "exopk-gui-window.h"

/* After an edit: long enough that dragging a spin button starts one run
 * at the end, short enough to feel live. */
#define DEBOUNCE_MS 300
#define DEFAULT_SUBJECTS 200

typedef struct {
    ExopkGuiWindow *win;          /* borrowed: the bar lives in it */
    GtkWidget *box, *toggle, *subjects, *seed, *label, *progress;
    GCancellable *cancel;         /* of the running population, or NULL */
    guint debounce_id;
    guint started, runs;          /* populations started, and finished and drawn */
    gboolean varies;              /* the study has something to vary */
    char *text;                   /* what the label says (its markup-free text) */
} Bar;

static void
bar_free(gpointer p)
{
    Bar *b = p;

    if (b->cancel != NULL)
        g_cancellable_cancel(b->cancel);
    g_clear_object(&b->cancel);
    g_clear_handle_id(&b->debounce_id, g_source_remove);
    g_free(b->text);
    g_free(b);
}

static Bar *
bar_of(gpointer w)
{
    return g_object_get_data(G_OBJECT(w), "exopk-population");
}

/* The bar of @w while its window is there (NULL after the shutdown). */
static Bar *
live_bar(gpointer w)
{
    Bar *b = bar_of(w);

    return b != NULL && b->win != NULL ? b : NULL;
}

static void
say(Bar *b, const char *text, gboolean error)
{
    g_free(b->text);
    b->text = exopk_gui_display_text(text, -1);
    gtk_label_set_text(GTK_LABEL(b->label), b->text);
    /* the whole text, when the bar is too narrow for it */
    gtk_widget_set_tooltip_text(b->label, b->text);
    if (error)
        gtk_widget_add_css_class(b->label, "error");
    else
        gtk_widget_remove_css_class(b->label, "error");
}

/* "varies carrier.k_pt 30 %, dose 20 %" or why nothing can vary. */
static char *
variability_text(const ExopkStudy *s, gboolean *varies)
{
    const ExopkVariability *v = &s->variability;
    GString *t = g_string_new(NULL);

    *varies = v->n_varied > 0 || v->library_uncertainty;
    if (!*varies) {
        g_string_append(t, "no variability in this study");
        return g_string_free(t, FALSE);
    }
    g_string_append(t, "varies ");
    for (size_t i = 0; i < v->n_varied; i++)
        g_string_append_printf(t, "%s%s %.3g %%%s", i ? ", " : "", v->varied[i].name,
                               100 * v->varied[i].cv,
                               v->varied[i].source == EXOPK_VARIED_BATCH ? " (batch)" : "");
    if (v->library_uncertainty)
        g_string_append_printf(t, "%sthe library's ranges", v->n_varied ? ", " : "");
    if (v->n_correlations > 0)
        g_string_append_printf(t, "; %zu correlation%s", v->n_correlations,
                               v->n_correlations > 1 ? "s" : "");
    return g_string_free(t, FALSE);
}

static void
describe(Bar *b)
{
    const ExopkStudy *s = exopk_gui_window_get_study(b->win);
    g_autofree char *text = s != NULL ? variability_text(s, &b->varies) : g_strdup("");

    if (s == NULL)
        b->varies = FALSE;
    gtk_widget_set_sensitive(b->toggle, b->varies);
    gtk_widget_set_sensitive(b->subjects, b->varies);
    gtk_widget_set_sensitive(b->seed, b->varies);
    gtk_widget_set_tooltip_text(b->toggle, b->varies
        ? "Draw the p05–p95 bands and p50 lines of a virtual population"
        : "The study has no variability to draw a population from: add variability = { … } "
          "to the study file (docs/population.md)");
    say(b, text, FALSE);
}

static void
stop(Bar *b)
{
    if (b->cancel != NULL)
        g_cancellable_cancel(b->cancel);
    g_clear_object(&b->cancel);
    g_clear_handle_id(&b->debounce_id, g_source_remove);
    gtk_widget_set_visible(b->progress, FALSE);
}

static void
on_pop_progress(long done, long total, gpointer data)
{
    Bar *b = live_bar(data);

    if (b != NULL && b->cancel != NULL && total > 0)
        gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(b->progress), (double) done / total);
}

/* Which run a finished job was (a newer one, or an untick, cancels it). */
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
show_summary(Bar *b, ExopkPopSummary *sum)
{
    long n = (long) gtk_spin_button_get_value(GTK_SPIN_BUTTON(b->subjects));
    gboolean varies;
    g_autofree char *vary = variability_text(exopk_gui_window_get_study(b->win), &varies);
    long redrawn = exopk_pop_summary_redrawn(sum);
    g_autofree char *again = redrawn > 0 ? g_strdup_printf(" (%ld drawn again: the model "
                                                           "rejected their first draw)", redrawn)
                                         : g_strdup("");
    g_autofree char *m = g_strdup_printf("%ld subjects%s; %s", n, again, vary);

    exopk_gui_plot_set_population(exopk_gui_window_get_plot(b->win), sum);
    b->runs++;
    say(b, m, FALSE);
}

static void
on_pop_done(GObject *source, GAsyncResult *res, gpointer data)
{
    Request *req = data;
    Bar *b = live_bar(req->box);
    GError *error = NULL;
    ExopkPopSummary *sum = exopk_gui_pop_run_finish(res, &error);

    (void) source;
    /* the window went away, or a newer run (or an untick) took over */
    if (b == NULL || req->cancel != b->cancel || g_cancellable_is_cancelled(req->cancel)) {
        exopk_pop_summary_free(sum);
        g_clear_error(&error);
        request_free(req);
        return;
    }
    g_clear_object(&b->cancel);
    gtk_widget_set_visible(b->progress, FALSE);
    if (sum != NULL) {
        show_summary(b, sum);
    } else {
        g_autofree char *m = g_strdup_printf("Population not drawn: %s", error->message);
        say(b, m, TRUE);
        exopk_gui_window_set_status(b->win, m, TRUE);
        g_error_free(error);
    }
    request_free(req);
}

static void
start(Bar *b)
{
    const ExopkStudy *s = exopk_gui_window_get_study(b->win);
    Request *req;
    ExopkStudy *copy;

    stop(b);
    if (s == NULL || !b->varies || (copy = exopk_study_copy(s)) == NULL)
        return;
    b->cancel = g_cancellable_new();
    b->started++;
    req = g_new0(Request, 1);
    *req = (Request) { g_object_ref(b->box), g_object_ref(b->cancel) };
    gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(b->progress), 0);
    gtk_widget_set_visible(b->progress, TRUE);
    say(b, "Simulating the population…", FALSE);
    exopk_gui_pop_run_async(copy, (long) gtk_spin_button_get_value(GTK_SPIN_BUTTON(b->subjects)),
                            (guint64) gtk_spin_button_get_value(GTK_SPIN_BUTTON(b->seed)),
                            b->cancel, on_pop_progress, G_OBJECT(b->box), on_pop_done, req);
}

static gboolean
debounced(gpointer data)
{
    Bar *b = data;

    b->debounce_id = 0;
    start(b);
    return G_SOURCE_REMOVE;
}

/* Drops the drawn population and runs another after the pause (if ticked). */
static void
restart(Bar *b, guint delay_ms)
{
    stop(b);
    exopk_gui_plot_set_population(exopk_gui_window_get_plot(b->win), NULL);
    if (!gtk_check_button_get_active(GTK_CHECK_BUTTON(b->toggle)) || !b->varies)
        return;
    say(b, "Simulating the population…", FALSE);
    b->debounce_id = g_timeout_add(delay_ms, debounced, b);
}

void
exopk_gui_population_bar_study_changed(GtkWidget *bar)
{
    Bar *b = bar_of(bar);
    gboolean shown = gtk_check_button_get_active(GTK_CHECK_BUTTON(b->toggle));

    describe(b);
    /* unticked: nothing to drop, nothing to run (the plain re-plot stays as fast) */
    if (shown)
        restart(b, DEBOUNCE_MS);
    if (!b->varies && shown)
        gtk_check_button_set_active(GTK_CHECK_BUTTON(b->toggle), FALSE);
}

static void
on_toggled(GtkCheckButton *toggle, gpointer data)
{
    Bar *b = data;

    if (gtk_check_button_get_active(toggle)) {
        restart(b, 1);
    } else {
        stop(b);
        exopk_gui_plot_set_population(exopk_gui_window_get_plot(b->win), NULL);
        describe(b);
    }
}

static void
on_size_changed(GtkSpinButton *spin, gpointer data)
{
    Bar *b = data;

    (void) spin;
    if (gtk_check_button_get_active(GTK_CHECK_BUTTON(b->toggle)))
        restart(b, DEBOUNCE_MS);
}

void
exopk_gui_population_bar_shutdown(GtkWidget *bar)
{
    Bar *b = bar_of(bar);

    stop(b);
    b->win = NULL;
}

/* ---- for tests --------------------------------------------------------- */

void
exopk_gui_population_bar_configure(GtkWidget *bar, gboolean active, long subjects,
                                   guint64 seed)
{
    Bar *b = bar_of(bar);

    gtk_spin_button_set_value(GTK_SPIN_BUTTON(b->subjects), (double) subjects);
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(b->seed), (double) seed);
    gtk_check_button_set_active(GTK_CHECK_BUTTON(b->toggle), active);
}

GtkWidget *
exopk_gui_population_bar_get_toggle(GtkWidget *bar)
{
    return bar_of(bar)->toggle;
}

gboolean
exopk_gui_population_bar_get_busy(GtkWidget *bar)
{
    Bar *b = bar_of(bar);

    return b->cancel != NULL || b->debounce_id != 0;
}

guint
exopk_gui_population_bar_get_runs(GtkWidget *bar, guint *started)
{
    Bar *b = bar_of(bar);

    if (started != NULL)
        *started = b->started;
    return b->runs;
}

const char *
exopk_gui_population_bar_get_text(GtkWidget *bar)
{
    Bar *b = bar_of(bar);

    return b->text != NULL ? b->text : "";
}

/* ---- the widgets ------------------------------------------------------- */

static GtkWidget *
spin(double lo, double hi, double value, const char *tip)
{
    GtkWidget *w = gtk_spin_button_new_with_range(lo, hi, 1);

    gtk_spin_button_set_digits(GTK_SPIN_BUTTON(w), 0);
    gtk_editable_set_width_chars(GTK_EDITABLE(w), 6);
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(w), value);
    gtk_widget_set_tooltip_text(w, tip);
    gtk_widget_set_valign(w, GTK_ALIGN_CENTER);
    return w;
}

GtkWidget *
exopk_gui_population_bar_new(ExopkGuiWindow *win)
{
    Bar *b = g_new0(Bar, 1);
    GtkWidget *n_label = gtk_label_new("N"), *seed_label = gtk_label_new("seed");

    b->win = win;
    b->box = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_widget_add_css_class(b->box, "population-bar");
    g_object_set_data_full(G_OBJECT(b->box), "exopk-population", b, bar_free);
    b->toggle = gtk_check_button_new_with_mnemonic("_Population");
    b->subjects = spin(2, 100000, DEFAULT_SUBJECTS, "Subjects in the virtual population");
    b->seed = spin(0, 4294967295.0, 1, "Seed of the random draws: the same seed, the same "
                   "population");
    b->label = gtk_label_new(NULL);
    gtk_label_set_xalign(GTK_LABEL(b->label), 0);
    gtk_label_set_ellipsize(GTK_LABEL(b->label), PANGO_ELLIPSIZE_END);
    gtk_widget_set_hexpand(b->label, TRUE);
    gtk_widget_add_css_class(b->label, "dim-label");
    b->progress = gtk_progress_bar_new();
    gtk_widget_set_valign(b->progress, GTK_ALIGN_CENTER);
    gtk_widget_set_size_request(b->progress, 90, -1);
    gtk_widget_set_visible(b->progress, FALSE);
    gtk_box_append(GTK_BOX(b->box), b->toggle);
    gtk_box_append(GTK_BOX(b->box), n_label);
    gtk_box_append(GTK_BOX(b->box), b->subjects);
    gtk_box_append(GTK_BOX(b->box), seed_label);
    gtk_box_append(GTK_BOX(b->box), b->seed);
    gtk_box_append(GTK_BOX(b->box), b->label);
    gtk_box_append(GTK_BOX(b->box), b->progress);
    g_signal_connect(b->toggle, "toggled", G_CALLBACK(on_toggled), b);
    g_signal_connect(b->subjects, "value-changed", G_CALLBACK(on_size_changed), b);
    g_signal_connect(b->seed, "value-changed", G_CALLBACK(on_size_changed), b);
    describe(b);
    return b->box;
}
