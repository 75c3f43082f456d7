/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GUI smoke test: start exopk-gtk on the default study, wait for the first
 * plot, change a dose through its spin button, wait for the metrics table
 * to change; read values under the pointer, toggle a panel to log, zoom by
 * drag and scroll (no new simulation); export; run a small optimisation
 * through the optimisation panel's widgets, apply its optimum, cancel a
 * long one; quit.  TAP on stdout (TOOLCHAIN.md §7, §10). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-optimize.h"
#include "exopk-gui-window.h"

#define TIMEOUT_S 100
#define N_TESTS 35

typedef struct {
    ExopkGuiApplication *app;
    ExopkGuiWindow *win;
    int step, n_test, failed;
    char *tmp, *metric_before;
    guint results_before;
    gint64 started, step_started;
    double dose_before;
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

static gboolean
tick(gpointer data)
{
    Test *t = data;
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(t->app));

    if (g_get_monotonic_time() - t->started > TIMEOUT_S * G_USEC_PER_SEC) {
        ok(t, FALSE, "finished in time");
        return finish(t);
    }
    if (t->win == NULL) {
        if (wins == NULL)
            return G_SOURCE_CONTINUE;
        t->win = EXOPK_GUI_WINDOW(wins->data);
    }
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
        next_step(t, 7);
        return finish(t);
    }
    }
    return G_SOURCE_REMOVE;
}

int
main(int argc, char **argv)
{
    Test t = { 0 };
    int status;

    (void) argc;
    if (g_getenv("DISPLAY") == NULL && g_getenv("WAYLAND_DISPLAY") == NULL) {
        printf("1..0 # SKIP no display (run under xvfb-run)\n");
        return 0;
    }
    /* no recovery dialog, and no autosave of ours in the user's state dir */
    t.tmp = g_dir_make_tmp("exopk-gui-XXXXXX", NULL);
    g_setenv("XDG_STATE_HOME", t.tmp, TRUE);
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    printf("1..%d\n", N_TESTS);
    t.app = exopk_gui_application_new(G_APPLICATION_NON_UNIQUE);
    t.started = g_get_monotonic_time();
    g_timeout_add(20, tick, &t);
    status = g_application_run(G_APPLICATION(t.app), 1, argv);
    ok(&t, status == 0 && t.step == 7, "the app quit cleanly");
    if (t.n_test != N_TESTS)
        printf("# %d tests run, %d planned\n", t.n_test, N_TESTS);
    g_object_unref(t.app);
    g_free(t.metric_before);
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", t.tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", t.tmp);
    }
    g_free(t.tmp);
    return 0;
}
