/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Screenshots of exopk-gtk for scripts/screenshots.sh: runs the app's own
 * code on STUDY.lua, drives it as a user would, and saves an in-process
 * snapshot of the main window as a PNG (no window manager, no ImageMagick).
 *   exopk-gui-screenshot explore  OUT.png STUDY.lua   after the first plot
 *   exopk-gui-screenshot optimise OUT.png STUDY.lua   after a small run on
 *                                                     the exodox arm
 *   exopk-gui-screenshot loading  OUT.png STUDY.lua   while a slow study loads
 *   exopk-gui-screenshot population OUT.png STUDY.lua the bands of 200
 *                                                     subjects (the study
 *                                                     has a variability)
 *   exopk-gui-screenshot fit      OUT.png STUDY.lua   the Fit page after a
 *                                                     fit of doxorubicin.cl
 *                                                     (the study has data)
 *   exopk-gui-screenshot arms     OUT.png STUDY.lua   the editors scrolled
 *                                                     to the free_dox arm
 * Run under Xvfb, with a private XDG_STATE_HOME (no recovery offers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-editors.h"
#include "exopk-gui-fit.h"
#include "exopk-gui-optimize.h"
#include "exopk-gui-population.h"
#include "exopk-gui-window.h"

typedef struct {
    GApplication *app;
    ExopkGuiWindow *win;
    const char *mode, *out;
    char *slow;                   /* the slow study of "loading" */
    int step, settle, status;
} Shot;

/* A study that keeps the loader busy for a second or so, as in the GUI
 * test. */
static const char slow_study[] =
    "local s = string.rep('ab', 4000000)\n"
    "for i = 1, 20 do local _ = s:match('c') end\n"
    "return { name = 'slow', horizon = '7 d',\n"
    "         subject = { species = 'mouse', tumour = { model = 'mda_mb_231' } },\n"
    "         arms = { control = {} } }\n";

static gboolean
save_snapshot(GtkWidget *w, const char *path)
{
    GdkPaintable *paintable = gtk_widget_paintable_new(w);
    GtkSnapshot *snap = gtk_snapshot_new();
    int width = gtk_widget_get_width(w), height = gtk_widget_get_height(w);
    GskRenderNode *node;
    GdkTexture *tex;
    gboolean ok = FALSE;

    gdk_paintable_snapshot(paintable, snap, width, height);
    node = gtk_snapshot_free_to_node(snap);
    if (node != NULL) {
        tex = gsk_renderer_render_texture(gtk_native_get_renderer(GTK_NATIVE(w)), node,
                                          &GRAPHENE_RECT_INIT(0, 0, width, height));
        ok = gdk_texture_save_to_png(tex, path);
        g_object_unref(tex);
        gsk_render_node_unref(node);
    }
    g_object_unref(paintable);
    return ok;
}

static gboolean
done(Shot *s, gboolean save)
{
    if (save && !save_snapshot(GTK_WIDGET(s->win), s->out)) {
        fprintf(stderr, "exopk-gui-screenshot: could not write %s\n", s->out);
        s->status = 1;
    }
    exopk_gui_window_set_force_close(s->win, TRUE);
    gtk_window_close(GTK_WINDOW(s->win));
    return G_SOURCE_REMOVE;
}

/* A fit of doxorubicin.cl to the study's data, on the Fit page. */
static gboolean
start_fit(Shot *s)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(s->win);
    const char *params[] = { "doxorubicin.cl" };

    exopk_gui_window_show_page(s->win, "fit");
    if (!exopk_gui_fit_panel_configure(fit, params, 1, EXOPK_ERR_PROPORTIONAL, FALSE)) {
        fprintf(stderr, "exopk-gui-screenshot: fit needs a study using doxorubicin\n");
        s->status = 1;
        return done(s, FALSE);
    }
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "run"), "clicked");
    s->settle = 0;
    s->step = 5;
    return G_SOURCE_CONTINUE;
}

/* The editors scrolled to the arm free_dox (its dosing line in mg/kg,
 * exodox's in particles below it). */
static gboolean
scroll_to_arms(Shot *s)
{
    GtkWidget *editors = exopk_gui_window_get_editors(s->win);
    GtkWidget *give = exopk_gui_editors_get_widget(editors, "arm.free_dox.give");
    GtkWidget *sw = editors != NULL ? gtk_widget_get_ancestor(editors, GTK_TYPE_SCROLLED_WINDOW)
                                    : NULL;
    graphene_point_t at;

    if (give == NULL || sw == NULL
        || !gtk_widget_compute_point(give, editors, &GRAPHENE_POINT_INIT(0, 0), &at)) {
        fprintf(stderr, "exopk-gui-screenshot: arms needs an arm free_dox\n");
        s->status = 1;
        return done(s, FALSE);
    }
    gtk_adjustment_set_value(gtk_scrolled_window_get_vadjustment(GTK_SCROLLED_WINDOW(sw)),
                             at.y - 60);
    s->settle = 0;
    s->step = 6;
    return G_SOURCE_CONTINUE;
}

/* The next thing the chosen picture needs, once the first plot is up. */
static gboolean
after_first_plot(Shot *s)
{
    GtkWidget *panel = exopk_gui_window_get_optimize_panel(s->win);
    const char *vars[] = { "dose", "every" };
    const double lo[] = { 1e11, 24 }, hi[] = { 5e12, 168 };

    if (strcmp(s->mode, "explore") == 0)
        return done(s, TRUE);
    if (strcmp(s->mode, "population") == 0) {
        exopk_gui_population_bar_configure(exopk_gui_window_get_population_bar(s->win), TRUE,
                                           200, 1);
        s->settle = 0;
        s->step = 4;
        return G_SOURCE_CONTINUE;
    }
    if (strcmp(s->mode, "fit") == 0)
        return start_fit(s);
    if (strcmp(s->mode, "arms") == 0)
        return scroll_to_arms(s);
    if (strcmp(s->mode, "loading") == 0) {
        exopk_gui_window_open(s->win, s->slow);
        s->settle = 0;
        s->step = 2;
        return G_SOURCE_CONTINUE;
    }
    /* a small run on the exodox arm, as a user would set it up */
    exopk_gui_window_show_page(s->win, "optimise");
    if (!exopk_gui_optimize_panel_configure(panel, "exodox", vars, lo, hi, 2,
                                            "tumour_volume_final", FALSE, 120)) {
        fprintf(stderr, "exopk-gui-screenshot: optimise needs an exodox arm\n");
        s->status = 1;
        return done(s, FALSE);
    }
    g_signal_emit_by_name(exopk_gui_optimize_panel_get_button(panel, "run"), "clicked");
    s->settle = 0;
    s->step = 3;
    return G_SOURCE_CONTINUE;
}

static gboolean
tick(gpointer data)
{
    Shot *s = data;
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(s->app));

    if (s->win == NULL) {
        if (wins == NULL)
            return G_SOURCE_CONTINUE;
        s->win = EXOPK_GUI_WINDOW(wins->data);
    }
    switch (s->step) {
    case 0:                       /* the first plot, and a few frames to settle */
        if (exopk_gui_window_get_results_count(s->win) == 0
            || exopk_gui_plot_get_draw_count(exopk_gui_window_get_plot(s->win)) == 0
            || s->settle++ < 3)
            return G_SOURCE_CONTINUE;
        s->step = 1;
        return after_first_plot(s);
    case 2:                       /* a few frames of the loading state */
        if (!exopk_gui_window_get_loading(s->win)) {
            fprintf(stderr, "exopk-gui-screenshot: the slow study loaded too soon\n");
            s->status = 1;
            return done(s, FALSE);
        }
        return s->settle++ < 10 ? G_SOURCE_CONTINUE : done(s, TRUE);
    case 3:                       /* the optimisation's end, and its trace drawn */
        if (exopk_gui_optimize_panel_get_running(exopk_gui_window_get_optimize_panel(s->win))
            || s->settle++ < 5)
            return G_SOURCE_CONTINUE;
        return done(s, TRUE);
    case 4:                       /* the population's bands */
        if (exopk_gui_population_bar_get_busy(exopk_gui_window_get_population_bar(s->win))
            || s->settle++ < 5)
            return G_SOURCE_CONTINUE;
        return done(s, TRUE);
    case 5:                       /* the fit's estimates */
        if (exopk_gui_fit_panel_get_running(exopk_gui_window_get_fit_panel(s->win))
            || s->settle++ < 5)
            return G_SOURCE_CONTINUE;
        return done(s, TRUE);
    case 6:                       /* the editors scrolled */
        return s->settle++ < 5 ? G_SOURCE_CONTINUE : done(s, TRUE);
    }
    return G_SOURCE_REMOVE;
}

int
main(int argc, char **argv)
{
    Shot s = { 0 };
    g_autofree char *tmp = NULL;
    char *args[3];
    int status;

    if (argc != 4 || (strcmp(argv[1], "explore") != 0 && strcmp(argv[1], "optimise") != 0
                      && strcmp(argv[1], "loading") != 0 && strcmp(argv[1], "population") != 0
                      && strcmp(argv[1], "fit") != 0 && strcmp(argv[1], "arms") != 0)) {
        fprintf(stderr, "usage: exopk-gui-screenshot explore|optimise|loading|population|fit|"
                        "arms OUT.png STUDY.lua\n");
        return 2;
    }
    s.mode = argv[1];
    s.out = argv[2];
    tmp = g_dir_make_tmp("exopk-shot-XXXXXX", NULL);
    s.slow = g_build_filename(tmp, "slow-study.lua", NULL);
    if (tmp == NULL || !g_file_set_contents(s.slow, slow_study, -1, NULL)) {
        fprintf(stderr, "exopk-gui-screenshot: no temporary directory\n");
        return 1;
    }
    s.app = G_APPLICATION(exopk_gui_application_new(G_APPLICATION_NON_UNIQUE));
    g_timeout_add(50, tick, &s);
    args[0] = argv[0];
    args[1] = argv[3];
    args[2] = NULL;
    status = g_application_run(s.app, 2, args);
    g_object_unref(s.app);
    g_remove(s.slow);
    g_rmdir(tmp);
    g_free(s.slow);
    return status != 0 ? status : s.status;
}
