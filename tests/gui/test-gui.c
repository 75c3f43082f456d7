/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GUI smoke test: start exopk-gtk on a copy of the default study that has
 * a newer autosave, recover it (the autosave untouched while the offer
 * waits); wait for the first plot, change a dose through its spin button,
 * wait for the metrics table to change; read values under the pointer,
 * toggle a panel to log, zoom by drag and scroll (no new simulation);
 * export; run a small optimisation through the optimisation panel's
 * widgets, apply its optimum, cancel a long one; open a study that takes
 * about half a second to load (the main loop runs and the window paints
 * meanwhile), cancel another, open a broken one (FILE:LINE in the app) and
 * ones with invalid UTF-8 in a name (its newer autosave offered, Not Now)
 * and in an error; drop a study file on the window; quit.  TAP on stdout;
 * GTK and Pango warnings are fatal. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utime.h>

#include <glib/gstdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-optimize.h"
#include "exopk-gui-window.h"
#include "exopk-lua.h"

#define TIMEOUT_S 100
#define N_TESTS 60
#define STEP_DONE 99
/* the exodox dose in the autosave of the start-up file */
#define RECOVERED_DOSE 3e12

typedef struct {
    ExopkGuiApplication *app;
    ExopkGuiWindow *win;
    int step, n_test, failed;
    char *tmp, *metric_before;
    char *start_file, *start_autosave, *start_autosave_text;
    char *slow_file, *slow_autosave, *slow_autosave_text;
    guint results_before;
    gint64 started, step_started, load_us;
    double dose_before;
    guint beats, beats_while_loading, draws_before, paints, paints_while_loading;
} Test;

static void
ok(Test *t, gboolean pass, const char *what)
{
    printf("%sok %d - %s\n", pass ? "" : "not ", ++t->n_test, what);
    fflush(stdout);
    if (!pass)
        t->failed++;
}

static gboolean
finish(Test *t)
{
    if (t->win != NULL) {
        exopk_gui_window_set_force_close(t->win, TRUE);
        gtk_window_close(GTK_WINDOW(t->win));
    }
    return G_SOURCE_REMOVE;
}

static size_t
arm_index(const ExopkStudy *s, const char *name)
{
    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, name) == 0)
            return a;
    return s->n_arms;
}

static double
exodox_dose(ExopkGuiWindow *win)
{
    const ExopkStudy *s = exopk_gui_window_get_study(win);
    size_t a = arm_index(s, "exodox");

    return a < s->n_arms ? s->arms[a].lines[0].dose.amount : NAN;
}

static void
next_step(Test *t, int step)
{
    t->step = step;
    t->step_started = g_get_monotonic_time();
}

static char *
tmp_file(Test *t, const char *name, const char *text)
{
    char *path = g_build_filename(t->tmp, name, NULL);

    if (!g_file_set_contents(path, text, -1, NULL))
        g_error("cannot write %s", path);
    return path;
}

static void
set_mtime(const char *path, gint64 seconds)
{
    struct utimbuf ut = { (time_t) seconds, (time_t) seconds };

    if (g_utime(path, &ut) != 0)
        g_error("cannot set the time of %s", path);
}

static gboolean
same_file_text(const char *path, const char *text)
{
    g_autofree char *now = NULL;

    return g_file_get_contents(path, &now, NULL, NULL) && strcmp(now, text) == 0;
}

/* The start-up file: the default study, an hour old; its autosave: the
 * same with the exodox dose at RECOVERED_DOSE, written just now. */
static void
write_start_files(Test *t)
{
    g_autofree char *def = g_build_filename(g_getenv("EXOPK_DATA_DIR"), "examples",
                                            "default.lua", NULL);
    g_autofree char *text = NULL, *dir = NULL;
    ExopkError err;
    ExopkStudy *s;

    if (!g_file_get_contents(def, &text, NULL, NULL))
        g_error("cannot read %s", def);
    t->start_file = tmp_file(t, "start.lua", text);
    set_mtime(t->start_file, g_get_real_time() / G_USEC_PER_SEC - 3600);
    s = exopk_lua_load_study(def, g_getenv("EXOPK_DATA_DIR"), NULL, NULL, &err);
    if (s == NULL || exopk_study_set(s, arm_index(s, "exodox"), "dose", RECOVERED_DOSE, &err))
        g_error("default study: %s", err.message);
    t->start_autosave = exopk_gui_autosave_path(t->start_file);
    dir = g_path_get_dirname(t->start_autosave);
    g_mkdir_with_parents(dir, 0700);
    if (exopk_lua_write_study(s, t->start_autosave, &err) != EXOPK_OK
        || !g_file_get_contents(t->start_autosave, &t->start_autosave_text, NULL, NULL))
        g_error("autosave: %s", err.message);
    exopk_study_free(s);
}

/* A study that keeps the loader busy for about half a second: C string matching
 * over 8 MB, a few hundred VM instructions (far below the limit). */
static const char slow_study[] =
    "local s = string.rep('ab', 4000000)\n"
    "for i = 1, 8 do local _ = s:match('c') end\n"
    "return { name = '%s', horizon = '7 d',\n"
    "         subject = { species = 'mouse', tumour = { model = 'mda_mb_231' } },\n"
    "         arms = { control = {} } }\n";

static void
write_slow_files(Test *t)
{
    g_autofree char *text = g_strdup_printf(slow_study, "slow study");

    t->slow_file = tmp_file(t, "slow.lua", text);
    /* an autosave older than the file: stale, not offered */
    t->slow_autosave = exopk_gui_autosave_path(t->slow_file);
    t->slow_autosave_text = g_strdup("return { name = 'stale' }\n");
    g_file_set_contents(t->slow_autosave, t->slow_autosave_text, -1, NULL);
    set_mtime(t->slow_autosave, g_get_real_time() / G_USEC_PER_SEC - 3600);
}

/* A message dialog over @win (the error of a failed open), or NULL. */
static GtkWidget *
find_dialog(ExopkGuiWindow *win)
{
    GListModel *tops = gtk_window_get_toplevels();

    for (guint i = 0; i < g_list_model_get_n_items(tops); i++) {
        g_autoptr(GtkWindow) w = g_list_model_get_item(tops, i);
        if (GTK_IS_MESSAGE_DIALOG(w) && gtk_window_get_transient_for(w) == GTK_WINDOW(win))
            return GTK_WIDGET(w);
    }
    return NULL;
}

/* Drops @path on the window's drop target, as a file manager would. */
static gboolean
drop_file(ExopkGuiWindow *win, const char *path)
{
    g_autoptr(GListModel) ctl = gtk_widget_observe_controllers(GTK_WIDGET(win));
    g_autoptr(GFile) file = g_file_new_for_path(path);
    GValue v = G_VALUE_INIT;
    gboolean taken = FALSE;

    g_value_init(&v, G_TYPE_FILE);
    g_value_set_object(&v, file);
    for (guint i = 0; i < g_list_model_get_n_items(ctl) && !taken; i++) {
        g_autoptr(GObject) c = g_list_model_get_item(ctl, i);
        if (GTK_IS_DROP_TARGET(c))
            g_signal_emit_by_name(c, "drop", &v, 10.0, 10.0, &taken);
    }
    g_value_unset(&v);
    return taken;
}

/* Every 10 ms while the test runs: the main loop's heartbeat.  During a
 * load it also asks the window to paint again. */
static gboolean
heartbeat(gpointer data)
{
    Test *t = data;

    t->beats++;
    if (t->win != NULL && exopk_gui_window_get_loading(t->win)) {
        t->beats_while_loading++;
        gtk_widget_queue_draw(GTK_WIDGET(t->win));
    }
    return G_SOURCE_CONTINUE;
}

/* After each frame the window painted. */
static void
on_after_paint(GdkFrameClock *clock, gpointer data)
{
    Test *t = data;

    (void) clock;
    t->paints++;
    if (exopk_gui_window_get_loading(t->win))
        t->paints_while_loading++;
}

static const char *
study_name(Test *t)
{
    const ExopkStudy *s = exopk_gui_window_get_study(t->win);

    return s != NULL ? s->name : "";
}

/* Start-up on a file with a newer autosave: offered, untouched while the
 * offer waits, recovered. */
static gboolean
tick_recovery(Test *t)
{
    GtkWidget *d = exopk_gui_window_get_recovery_dialog(t->win);

    switch (t->step) {
    case 100:
        if (d == NULL) {
            if (exopk_gui_window_get_study(t->win) == NULL || exopk_gui_window_get_loading(t->win))
                return G_SOURCE_CONTINUE;
            ok(t, FALSE, "recovery offered at start-up: the file's autosave is newer");
            return finish(t);
        }
        ok(t, TRUE, "recovery offered at start-up: the file's autosave is newer");
        ok(t, exodox_dose(t->win) == 2e11, "the file itself is shown under the offer");
        /* an edit under the offer: the next autosave must not replace the
         * edits the user has not yet said anything about */
        gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.exodox.dose"), 5e11);
        exopk_gui_window_autosave(t->win);
        ok(t, exopk_gui_window_get_dirty(t->win)
              && same_file_text(t->start_autosave, t->start_autosave_text),
           "no autosave over the offered one while the offer waits");
        gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_ACCEPT);
        next_step(t, 101);
        return G_SOURCE_CONTINUE;
    case 101:
        if (exopk_gui_window_get_loading(t->win) || exodox_dose(t->win) == 5e11)
            return G_SOURCE_CONTINUE;
        ok(t, fabs(exodox_dose(t->win) - RECOVERED_DOSE) <= 1e-9 * RECOVERED_DOSE,
           "Recover shows the autosaved edits");
        ok(t, exopk_gui_window_get_dirty(t->win) && d == NULL,
           "the recovered edits are unsaved; the offer is gone");
        next_step(t, 0);
        return G_SOURCE_CONTINUE;
    }
    return G_SOURCE_REMOVE;
}

/* Opens the slow study: the main loop runs and the window paints while it
 * loads; then another, cancelled. */
static gboolean
tick_slow(Test *t)
{
    switch (t->step) {
    case 200:
        exopk_gui_window_show_page(t->win, "explore");
        write_slow_files(t);
        exopk_gui_window_open(t->win, t->slow_file);
        ok(t, exopk_gui_window_get_loading(t->win), "open returns at once; the load is pending");
        ok(t, strcmp(exopk_gui_window_get_loading_text(t->win), "Loading slow.lua…") == 0,
           "the window says Loading slow.lua…");
        t->beats_while_loading = 0;
        t->paints_while_loading = 0;
        g_signal_connect(gtk_widget_get_frame_clock(GTK_WIDGET(t->win)), "after-paint",
                         G_CALLBACK(on_after_paint), t);
        next_step(t, 201);
        return G_SOURCE_CONTINUE;
    case 201: {
        g_autofree char *text = g_strdup_printf(slow_study, "slow study 2");
        g_autofree char *slow2 = tmp_file(t, "slow2.lua", text);
        char what[128];

        if (exopk_gui_window_get_loading(t->win))
            return G_SOURCE_CONTINUE;
        t->load_us = g_get_monotonic_time() - t->step_started;
        g_snprintf(what, sizeof what, "the main loop ran while the study loaded (%u beats of "
                   "10 ms in %.2f s)", t->beats_while_loading, t->load_us / 1e6);
        /* a blocked main loop beats at most once (when it unblocks); a free
         * one every 10 ms, less when the machine is busy: a quarter of the
         * ticks the load lasted, and at least 3, tells them apart */
        ok(t, t->beats_while_loading >= 3
              && t->beats_while_loading >= 0.25 * (double) t->load_us / 10000.0, what);
        g_snprintf(what, sizeof what, "the window painted while the study loaded (%u frames)",
                   t->paints_while_loading);
        ok(t, t->paints_while_loading >= 3, what);
        ok(t, strcmp(study_name(t), "slow study") == 0, "then the slow study arrived");
        ok(t, exopk_gui_window_get_recovery_dialog(t->win) == NULL
              && same_file_text(t->slow_autosave, t->slow_autosave_text),
           "an autosave older than the file is neither offered nor removed");
        exopk_gui_window_open(t->win, slow2);
        g_signal_emit_by_name(exopk_gui_window_get_cancel_load_button(t->win), "clicked");
        ok(t, !exopk_gui_window_get_loading(t->win)
              && exopk_gui_window_get_loading_text(t->win)[0] == '\0',
           "Cancel ends the loading state at once");
        next_step(t, 202);
        return G_SOURCE_CONTINUE;
    }
    case 202:                     /* long enough for the abandoned load to end */
        if (g_get_monotonic_time() - t->step_started < 3 * t->load_us + G_USEC_PER_SEC)
            return G_SOURCE_CONTINUE;
        ok(t, strcmp(study_name(t), "slow study") == 0,
           "the cancelled study is dropped when it arrives");
        next_step(t, 300);
        return G_SOURCE_CONTINUE;
    }
    return G_SOURCE_REMOVE;
}

/* Opens a broken study, then ones with invalid UTF-8 in the name and in
 * an error message (any GTK or Pango warning would abort the test). */
static gboolean
tick_bad(Test *t)
{
    GtkWidget *d;

    if (exopk_gui_window_get_loading(t->win))
        return G_SOURCE_CONTINUE;
    switch (t->step) {
    case 300: {
        g_autofree char *bad = tmp_file(t, "bad.lua", "return {\n  name = 'bad',\n"
                                        "  horizon = = '7 d',\n}\n");
        exopk_gui_window_open(t->win, bad);
        next_step(t, 301);
        return G_SOURCE_CONTINUE;
    }
    case 301: {
        g_autofree char *text = g_strdup_printf(slow_study, "bad \xff\xfe name");
        g_autofree char *u = tmp_file(t, "utf8.lua", text);

        ok(t, strstr(exopk_gui_window_get_status(t->win), "bad.lua:3:") != NULL,
           "a broken study: the status bar names the file and line");
        if (strstr(exopk_gui_window_get_status(t->win), "bad.lua:3:") == NULL)
            printf("# status: %s\n", exopk_gui_window_get_status(t->win));
        d = find_dialog(t->win);
        ok(t, d != NULL, "an error dialog says so too");
        if (d != NULL)
            gtk_window_destroy(GTK_WINDOW(d));
        ok(t, strcmp(study_name(t), "slow study") == 0, "the window keeps its study");
        /* a newer autosave of it: offered on Open too */
        set_mtime(u, g_get_real_time() / G_USEC_PER_SEC - 60);
        g_free(t->slow_autosave);
        t->slow_autosave = exopk_gui_autosave_path(u);
        g_file_set_contents(t->slow_autosave, t->slow_autosave_text, -1, NULL);
        t->results_before = exopk_gui_window_get_results_count(t->win);
        exopk_gui_window_open(t->win, u);
        next_step(t, 302);
        return G_SOURCE_CONTINUE;
    }
    case 302: {
        g_autofree char *png = g_build_filename(t->tmp, "utf8.png", NULL);
        g_autofree char *e = tmp_file(t, "utf8err.lua", "return { name = 'x',\n"
                                      "  subject = { species = 'mo\xffuse' } }\n");
        GError *error = NULL;

        if (exopk_gui_window_get_results_count(t->win) == t->results_before)
            return G_SOURCE_CONTINUE;
        d = exopk_gui_window_get_recovery_dialog(t->win);
        ok(t, d != NULL, "Open offers the file's newer autosave too");
        if (d != NULL)
            gtk_dialog_response(GTK_DIALOG(d), GTK_RESPONSE_CANCEL);
        exopk_gui_window_autosave(t->win);
        ok(t, same_file_text(t->slow_autosave, t->slow_autosave_text),
           "Not Now keeps the autosave");
        ok(t, strcmp(study_name(t), "bad \xff\xfe name") == 0,
           "a study named with invalid UTF-8 loads and simulates");
        ok(t, g_utf8_validate(gtk_window_get_title(GTK_WINDOW(t->win)), -1, NULL),
           "the window title stays valid UTF-8");
        ok(t, exopk_gui_window_export_figure(t->win, png, &error),
           "its figure (titled with the name) renders");
        if (error != NULL)
            printf("# %s\n", error->message);
        g_clear_error(&error);
        exopk_gui_window_open(t->win, e);
        next_step(t, 303);
        return G_SOURCE_CONTINUE;
    }
    case 303:
        d = find_dialog(t->win);
        ok(t, d != NULL && g_utf8_validate(exopk_gui_window_get_status(t->win), -1, NULL)
              && strstr(exopk_gui_window_get_status(t->win), "utf8err.lua:2:") != NULL,
           "an error quoting invalid UTF-8 is shown, valid, with file and line");
        printf("# status: %s\n", exopk_gui_window_get_status(t->win));
        if (d != NULL)
            gtk_window_destroy(GTK_WINDOW(d));
        ok(t, drop_file(t->win, t->start_file) && exopk_gui_window_get_loading(t->win),
           "a study file dropped on the window starts loading");
        next_step(t, 304);
        return G_SOURCE_CONTINUE;
    case 304:
        ok(t, g_str_has_prefix(study_name(t), "MSC exosomes loaded with DOX"),
           "the dropped study arrives");
        next_step(t, STEP_DONE);
        return finish(t);
    }
    return G_SOURCE_REMOVE;
}

static gboolean
tick(gpointer data)
{
    Test *t = data;
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(t->app));

    if (g_get_monotonic_time() - t->started > TIMEOUT_S * G_USEC_PER_SEC) {
        ok(t, FALSE, "finished in time");
        printf("# step %d, status: %s\n", t->step,
               t->win != NULL ? exopk_gui_window_get_status(t->win) : "");
        return finish(t);
    }
    if (t->win == NULL) {
        if (wins == NULL)
            return G_SOURCE_CONTINUE;
        t->win = EXOPK_GUI_WINDOW(wins->data);
    }
    if (t->step >= 300)
        return tick_bad(t);
    if (t->step >= 200)
        return tick_slow(t);
    if (t->step >= 100)
        return tick_recovery(t);
    ExopkGuiPlot *plot = exopk_gui_window_get_plot(t->win);
    switch (t->step) {
    case 0:                       /* the first plot has been drawn with results */
        if (exopk_gui_window_get_results_count(t->win) == 0
            || exopk_gui_plot_get_draw_count(plot) == 0)
            return G_SOURCE_CONTINUE;
        ok(t, TRUE, "first plot drawn with results");
        t->metric_before = g_strdup(exopk_gui_window_get_metric_text(
            t->win, "doxorubicin.heart_auc", "exodox"));
        ok(t, t->metric_before[0] != '\0', "metrics table shows exodox heart AUC");
        t->results_before = exopk_gui_window_get_results_count(t->win);
        {
            GtkSpinButton *dose = exopk_gui_window_get_spin(t->win, "arm.exodox.dose");
            ok(t, dose != NULL, "exodox dose spin button found");
            if (dose == NULL)
                return finish(t);
            gtk_spin_button_set_value(dose, 2e12);
        }
        ok(t, exopk_gui_window_get_dirty(t->win), "the edit marks the study unsaved");
        t->step = 1;
        return G_SOURCE_CONTINUE;
    case 1:                       /* the table follows the edit */
        if (strcmp(exopk_gui_window_get_metric_text(t->win, "doxorubicin.heart_auc", "exodox"),
                   t->metric_before) == 0)
            return G_SOURCE_CONTINUE;
        ok(t, TRUE, "metrics table changed after the dose edit");
        ok(t, exopk_gui_window_get_status(t->win)[0] == '\0', "no simulation error");
        t->step = 2;
        return G_SOURCE_CONTINUE;
    case 2: {                     /* hover read-out, log toggle, zoom, export */
        g_autofree char *png = g_build_filename(t->tmp, "figure.png", NULL);
        g_autofree char *csvdir = g_build_filename(t->tmp, "csv", NULL);
        g_autofree char *metrics = g_build_filename(csvdir, "metrics.csv", NULL);
        g_autofree char *saved = g_build_filename(t->tmp, "saved.lua", NULL);
        g_autofree char *data = NULL;
        g_autofree char *cmd = NULL;
        gsize len = 0;
        GError *error = NULL;
        static const unsigned char magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
        double box[4], w0, w1, z0, z1;
        guint results = exopk_gui_window_get_results_count(t->win);
        const char *readout;

        /* the pointer in the middle of the tumour volume panel: the middle
         * of the 28 days, exactly (the renderer's layout, not a copy) */
        ok(t, exopk_gui_plot_get_panel_box(plot, "tumour_volume", box),
           "tumour volume panel is shown, with a box");
        exopk_gui_plot_hover(plot, box[0] + box[2] / 2, box[1] + box[3] / 2);
        readout = exopk_gui_plot_get_readout(plot);
        ok(t, g_str_has_prefix(readout, "t = 336 h (14 d) — tumour volume [mm3]:")
              && strstr(readout, "exodox ") != NULL,
           "hover read-out: the panel's time and values");
        if (!g_str_has_prefix(readout, "t = 336 h"))
            printf("# read-out: %s\n", readout);
        exopk_gui_plot_hover(plot, box[0] + box[2] * 0.25, box[1] + 2);
        ok(t, g_str_has_prefix(exopk_gui_plot_get_readout(plot), "t = 168 h (7 d)"),
           "hover read-out at a quarter of the axis: 7 d");

        /* log toggle */
        ok(t, !exopk_gui_plot_get_log(plot, "tumour_volume")
              && exopk_gui_plot_get_log(plot, "doxorubicin.plasma"),
           "default scales: tumour volume linear, plasma log");
        exopk_gui_plot_set_log(plot, "tumour_volume", TRUE);
        ok(t, exopk_gui_plot_get_log(plot, "tumour_volume"), "tumour volume toggled to log");
        exopk_gui_plot_get_panel_box(plot, "tumour_volume", box);   /* new tick labels */

        /* zoom: drag over a quarter..half of the time axis */
        exopk_gui_plot_drag(plot, box[0] + box[2] * 0.25, box[0] + box[2] * 0.5,
                            box[1] + box[3] / 2);
        exopk_gui_plot_get_time_window(plot, &w0, &w1);
        ok(t, fabs(w0 - 168) < 1e-6 && fabs(w1 - 336) < 1e-6, "drag zooms to 7–14 d");
        if (!(fabs(w0 - 168) < 1e-6))
            printf("# window %g..%g h\n", w0, w1);
        exopk_gui_plot_get_panel_box(plot, "tumour_volume", box);
        exopk_gui_plot_hover(plot, box[0], box[1] + 2);
        ok(t, g_str_has_prefix(exopk_gui_plot_get_readout(plot), "t = 168 h"),
           "the zoomed axis starts at 7 d");
        exopk_gui_plot_scroll(plot, box[0] + box[2] * 0.25, box[1] + box[3] / 2, -1);
        exopk_gui_plot_get_time_window(plot, &z0, &z1);
        ok(t, fabs((z1 - z0) - (w1 - w0) / 1.25) < 1e-6 && fabs((z0 + (z1 - z0) * 0.25) - 210)
              < 1e-6, "scroll zooms in about the pointer's time");
        ok(t, exopk_gui_window_get_results_count(t->win) == results,
           "zooming does not simulate again");
        exopk_gui_plot_reset_zoom(plot);
        exopk_gui_plot_get_time_window(plot, &w0, &w1);
        ok(t, isnan(w0) && isnan(w1), "reset shows the whole time");
        exopk_gui_plot_set_time_window(plot, 24, 72);

        ok(t, exopk_gui_window_export_figure(t->win, png, &error), "export PNG");
        g_clear_error(&error);
        ok(t, g_file_get_contents(png, &data, &len, NULL) && len > 8
              && memcmp(data, magic, 8) == 0, "PNG is non-empty with the PNG magic");
        g_mkdir(csvdir, 0700);
        ok(t, exopk_gui_window_export_csv(t->win, csvdir, &error)
              && g_file_test(metrics, G_FILE_TEST_EXISTS), "export CSV");
        g_clear_error(&error);
        ok(t, exopk_gui_window_save_to(t->win, saved, &error)
              && !exopk_gui_window_get_dirty(t->win), "save the edited study");
        g_clear_error(&error);
        cmd = exopk_gui_window_dup_command(t->win, NULL);
        ok(t, cmd != NULL && strstr(cmd, "saved.lua") != NULL, "copy as command names the file");

        /* the next edit keeps the zoom and the log scale */
        t->results_before = exopk_gui_window_get_results_count(t->win);
        gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.exodox.dose"), 1e12);
        next_step(t, 3);
        return G_SOURCE_CONTINUE;
    }
    case 3: {                     /* the edit re-plotted; start an optimisation */
        GtkWidget *opt = exopk_gui_window_get_optimize_panel(t->win);
        const char *vars[] = { "dose" };
        const double lo[] = { 1e11 }, hi[] = { 5e12 };
        double w0, w1;

        if (exopk_gui_window_get_results_count(t->win) == t->results_before)
            return G_SOURCE_CONTINUE;
        exopk_gui_plot_get_time_window(plot, &w0, &w1);
        ok(t, w0 == 24 && w1 == 72 && exopk_gui_plot_get_log(plot, "tumour_volume"),
           "zoom and log scale survive a new simulation");
        exopk_gui_window_show_page(t->win, "optimise");
        /* a bound outside the dose's domain is refused before any run */
        exopk_gui_optimize_panel_configure(opt, "exodox", vars, (const double[]) { -1 }, hi, 1,
                                           "tumour_volume_final", FALSE, 40);
        g_signal_emit_by_name(exopk_gui_optimize_panel_get_button(opt, "run"), "clicked");
        ok(t, !exopk_gui_optimize_panel_get_running(opt)
              && strcmp(exopk_gui_optimize_panel_get_status(opt),
                        "the lower bound -1 is outside the domain of dose (must be >= 0)") == 0,
           "a negative dose bound: refused with the domain, no run");
        ok(t, exopk_gui_optimize_panel_configure(opt, "exodox", vars, lo, hi, 1,
                                                 "tumour_volume_final", FALSE, 40),
           "optimisation set up: exodox dose, 40 evaluations");
        t->dose_before = exodox_dose(t->win);
        ok(t, !gtk_widget_get_sensitive(exopk_gui_optimize_panel_get_button(opt, "apply")),
           "nothing to apply before a run");
        g_signal_emit_by_name(exopk_gui_optimize_panel_get_button(opt, "run"), "clicked");
        ok(t, exopk_gui_optimize_panel_get_running(opt)
              && gtk_widget_get_sensitive(exopk_gui_optimize_panel_get_button(opt, "cancel")),
           "the optimisation runs, Cancel is enabled");
        next_step(t, 4);
        return G_SOURCE_CONTINUE;
    }
    case 4: {                     /* the result; apply it */
        GtkWidget *opt = exopk_gui_optimize_panel_get_button(
            exopk_gui_window_get_optimize_panel(t->win), "apply");
        GtkWidget *panel = exopk_gui_window_get_optimize_panel(t->win);
        const char *status = exopk_gui_optimize_panel_get_status(panel);
        double x;

        if (exopk_gui_optimize_panel_get_running(panel))
            return G_SOURCE_CONTINUE;
        ok(t, strstr(status, "evaluations") != NULL && strstr(status, "tumour_volume_final = ")
              != NULL && strstr(status, "dose = ") != NULL, "the result is shown");
        if (strstr(status, "dose = ") == NULL)
            printf("# status: %s\n", status);
        x = exopk_gui_optimize_panel_get_optimum(panel, 0);
        ok(t, x >= 1e11 && x <= 5e12, "the optimum dose is within its bounds");
        ok(t, gtk_widget_get_sensitive(opt), "Apply is enabled");
        t->results_before = exopk_gui_window_get_results_count(t->win);
        g_signal_emit_by_name(opt, "clicked");
        ok(t, exodox_dose(t->win) != t->dose_before
              && fabs(exodox_dose(t->win) - x) <= 1e-9 * x,
           "Apply sets the study's exodox dose to the optimum");
        ok(t, exopk_gui_window_get_dirty(t->win), "the applied optimum is an unsaved edit");
        next_step(t, 5);
        return G_SOURCE_CONTINUE;
    }
    case 5: {                     /* re-simulated; a long run, cancelled */
        GtkWidget *panel = exopk_gui_window_get_optimize_panel(t->win);
        const char *vars[] = { "dose", "every" };
        const double lo[] = { 1e11, 24 }, hi[] = { 5e12, 168 };

        if (exopk_gui_window_get_results_count(t->win) == t->results_before)
            return G_SOURCE_CONTINUE;
        ok(t, TRUE, "the applied optimum is simulated");
        exopk_gui_optimize_panel_configure(panel, "exodox", vars, lo, hi, 2,
                                           "tumour_volume_final", FALSE, 20000);
        g_signal_emit_by_name(exopk_gui_optimize_panel_get_button(panel, "run"), "clicked");
        g_signal_emit_by_name(exopk_gui_optimize_panel_get_button(panel, "cancel"), "clicked");
        next_step(t, 6);
        return G_SOURCE_CONTINUE;
    }
    case 6: {
        GtkWidget *panel = exopk_gui_window_get_optimize_panel(t->win);

        if (exopk_gui_optimize_panel_get_running(panel))
            return G_SOURCE_CONTINUE;
        ok(t, g_get_monotonic_time() - t->step_started < 20 * G_USEC_PER_SEC,
           "Cancel stops a 20000-evaluation run soon");
        ok(t, strcmp(exopk_gui_optimize_panel_get_status(panel), "Cancelled.") == 0,
           "the status says cancelled");
        ok(t, gtk_widget_get_sensitive(exopk_gui_optimize_panel_get_button(panel, "run"))
              && !gtk_widget_get_sensitive(exopk_gui_optimize_panel_get_button(panel, "cancel")),
           "Run is enabled again, Cancel is not");
        next_step(t, 200);
        return G_SOURCE_CONTINUE;
    }
    }
    return G_SOURCE_REMOVE;
}

int
main(int argc, char **argv)
{
    Test t = { .step = 100 };
    char *args[3];
    int status;

    (void) argc;
    if (g_getenv("DISPLAY") == NULL && g_getenv("WAYLAND_DISPLAY") == NULL) {
        printf("1..0 # SKIP no display (run under xvfb-run)\n");
        return 0;
    }
    /* no recovery dialog, and no autosave of ours in the user's state dir */
    t.tmp = g_dir_make_tmp("exopk-gui-XXXXXX", NULL);
    g_setenv("XDG_STATE_HOME", t.tmp, TRUE);
    write_start_files(&t);
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    printf("1..%d\n", N_TESTS);
    t.app = exopk_gui_application_new(G_APPLICATION_NON_UNIQUE);
    t.started = g_get_monotonic_time();
    g_timeout_add(20, tick, &t);
    g_timeout_add(10, heartbeat, &t);
    args[0] = argv[0];
    args[1] = t.start_file;
    args[2] = NULL;
    status = g_application_run(G_APPLICATION(t.app), 2, args);
    ok(&t, status == 0 && t.step == STEP_DONE, "the app quit cleanly");
    if (t.n_test != N_TESTS)
        printf("# %d tests run, %d planned\n", t.n_test, N_TESTS);
    g_object_unref(t.app);
    g_free(t.metric_before);
    g_free(t.start_file);
    g_free(t.start_autosave);
    g_free(t.start_autosave_text);
    g_free(t.slow_file);
    g_free(t.slow_autosave);
    g_free(t.slow_autosave_text);
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", t.tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", t.tmp);
    }
    g_free(t.tmp);
    return 0;
}
