/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Edit-to-plot latency of exopk-gtk: runs the app's own code on the
 * default study under Xvfb, sets the exodox dose through its spin button
 * 20 times and times each edit until the plot has drawn the new results;
 * prints the median and the maximum.
 *   exopk-bench-gui [STUDY.lua]      (default: the bundled default study) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-gui-application.h"
#include "exopk-gui-window.h"

#define EDITS 20

typedef struct {
    GApplication *app;
    ExopkGuiWindow *win;
    int i, status;
    guint results;                /* rounds shown before the edit */
    gint64 t0;                    /* us, when the edit was made */
    double ms[EDITS];
} Bench;

static int
compare_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return (x > y) - (x < y);
}

static gboolean
quit(Bench *b)
{
    exopk_gui_window_set_force_close(b->win, TRUE);
    gtk_window_close(GTK_WINDOW(b->win));
    return G_SOURCE_REMOVE;
}

static void
report(const Bench *b)
{
    double sorted[EDITS], max = 0;

    memcpy(sorted, b->ms, sizeof sorted);
    qsort(sorted, EDITS, sizeof *sorted, compare_double);
    for (int i = 0; i < EDITS; i++)
        max = fmax(max, sorted[i]);
    printf("edit to plot: median %.1f ms, max %.1f ms (%d dose edits, default study)\n",
           (sorted[EDITS / 2 - 1] + sorted[EDITS / 2]) / 2, max, EDITS);
}

static gboolean step(gpointer data);

/* Polls for the frame that shows the edit's results. */
static gboolean
poll(gpointer data)
{
    Bench *b = data;
    ExopkGuiPlot *plot = exopk_gui_window_get_plot(b->win);

    if (exopk_gui_window_get_results_count(b->win) <= b->results
        || exopk_gui_plot_get_last_draw_end(plot) < b->t0)
        return G_SOURCE_CONTINUE;
    b->ms[b->i++] = (exopk_gui_plot_get_last_draw_end(plot) - b->t0) / 1000.0;
    g_timeout_add(20, step, b);
    return G_SOURCE_REMOVE;
}

static gboolean
step(gpointer data)
{
    Bench *b = data;
    GtkSpinButton *dose = exopk_gui_window_get_spin(b->win, "arm.exodox.dose");

    if (dose == NULL) {
        fprintf(stderr, "exopk-bench-gui: needs a study with an exodox arm\n");
        b->status = 1;
        return quit(b);
    }
    if (b->i == EDITS) {
        report(b);
        return quit(b);
    }
    b->results = exopk_gui_window_get_results_count(b->win);
    b->t0 = g_get_monotonic_time();
    gtk_spin_button_set_value(dose, 1e11 * (1 + b->i % 10));
    g_timeout_add(1, poll, b);
    return G_SOURCE_REMOVE;
}

/* Waits for the window's first plot, then starts editing. */
static gboolean
wait_first_plot(gpointer data)
{
    Bench *b = data;
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(b->app));

    if (b->win == NULL && wins != NULL)
        b->win = EXOPK_GUI_WINDOW(wins->data);
    if (b->win == NULL || exopk_gui_window_get_results_count(b->win) == 0
        || exopk_gui_plot_get_draw_count(exopk_gui_window_get_plot(b->win)) == 0)
        return G_SOURCE_CONTINUE;
    g_timeout_add(50, step, b);
    return G_SOURCE_REMOVE;
}

int
main(int argc, char **argv)
{
    Bench b = { 0 };
    g_autofree char *state = g_dir_make_tmp("exopk-bench-XXXXXX", NULL);
    int status;

    if (g_getenv("DISPLAY") == NULL && g_getenv("WAYLAND_DISPLAY") == NULL) {
        fprintf(stderr, "exopk-bench-gui: no display (run under xvfb-run)\n");
        return 77;
    }
    /* a private state dir: no "Recover unsaved changes?" in the way */
    if (state != NULL)
        g_setenv("XDG_STATE_HOME", state, TRUE);
    b.app = G_APPLICATION(exopk_gui_application_new(G_APPLICATION_NON_UNIQUE));
    g_timeout_add(20, wait_first_plot, &b);
    status = g_application_run(b.app, argc > 1 ? 2 : 1, argv);
    g_object_unref(b.app);
    if (state != NULL) {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", state);
        if (system(cmd) != 0)
            fprintf(stderr, "exopk-bench-gui: could not remove %s\n", state);
    }
    return status != 0 ? status : b.status;
}
