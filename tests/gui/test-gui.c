/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GUI smoke test: start exopk-gtk on the default study, wait for the first
 * plot, change a dose through its spin button, wait for the metrics table
 * to change, export a PNG, quit.  TAP on stdout (TOOLCHAIN.md §7, §10). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-window.h"

#define TIMEOUT_S 60

typedef struct {
    ExopkGuiApplication *app;
    ExopkGuiWindow *win;
    int step, n_test, failed;
    char *tmp, *metric_before;
    guint results_before;
    gint64 started;
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
    case 2: {                     /* hover read-out, export */
        GtkWidget *area = exopk_gui_plot_get_area(plot);
        g_autofree char *png = g_build_filename(t->tmp, "figure.png", NULL);
        g_autofree char *csvdir = g_build_filename(t->tmp, "csv", NULL);
        g_autofree char *metrics = g_build_filename(csvdir, "metrics.csv", NULL);
        g_autofree char *saved = g_build_filename(t->tmp, "saved.lua", NULL);
        g_autofree char *data = NULL;
        g_autofree char *cmd = NULL;
        gsize len = 0;
        GError *error = NULL;
        static const unsigned char magic[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

        exopk_gui_plot_hover(plot, gtk_widget_get_width(area) * 0.3,
                             gtk_widget_get_height(area) * 0.3);
        ok(t, g_str_has_prefix(exopk_gui_plot_get_readout(plot), "t = "),
           "hover read-out shows time and values");
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
        t->step = 3;
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
    printf("1..13\n");
    t.app = exopk_gui_application_new(G_APPLICATION_NON_UNIQUE);
    t.started = g_get_monotonic_time();
    g_timeout_add(20, tick, &t);
    status = g_application_run(G_APPLICATION(t.app), 1, argv);
    ok(&t, status == 0 && t.step == 3, "the app quit cleanly");
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
