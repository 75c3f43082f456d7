/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-gui-application.h"
#include "exopk-gui-optimize.h"
#include "exopk-gui-util.h"
#include "exopk-gui-window.h"
#include "config.h"

#define BENCH_EDITS 20

struct _ExopkGuiApplication {
    GtkApplication parent;
    char *screenshot;             /* --screenshot=FILE */
    char *screenshot_opt;         /* --screenshot-optimise=FILE */
    gboolean benchmark;           /* --benchmark */
    int exit_status;
    /* benchmark state */
    ExopkGuiWindow *bench_win;
    int bench_i;
    guint bench_draws;
    gint64 bench_t0;
    double bench_ms[BENCH_EDITS];
};

G_DEFINE_FINAL_TYPE(ExopkGuiApplication, exopk_gui_application, GTK_TYPE_APPLICATION)

/* ---- app actions -------------------------------------------------------- */

static void
act_quit(GSimpleAction *a, GVariant *p, gpointer data)
{
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(data));

    (void) a;
    (void) p;
    /* each window runs its unsaved-changes guard; the app ends with the last */
    for (GList *l = wins; l != NULL; l = l->next)
        gtk_window_close(l->data);
}

static void
act_about(GSimpleAction *a, GVariant *p, gpointer data)
{
    const char *authors[] = { "The exopk developers", NULL };
    GtkWindow *parent = gtk_application_get_active_window(GTK_APPLICATION(data));

    (void) a;
    (void) p;
    gtk_show_about_dialog(parent, "program-name", "exopk", "logo-icon-name", "org.exopk.Exopk",
                          "version", EXOPK_VERSION, "comments",
                          "Pharmacokinetics and efficacy of exosome drug carriers, for "
                          "preclinical oncology", "license-type", GTK_LICENSE_GPL_3_0,
                          "authors", authors, "website", "https://github.com/exopk/exopk",
                          NULL);
}

static const GActionEntry app_actions[] = {
    { "quit", act_quit, NULL, NULL, NULL, { 0 } },
    { "about", act_about, NULL, NULL, NULL, { 0 } },
};

/* ---- snapshot and benchmark --------------------------------------------- */

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

static int
compare_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return (x > y) - (x < y);
}

static gboolean bench_step(gpointer data);

/* Polls for the frame that shows the edit's results. */
static gboolean
bench_poll(gpointer data)
{
    ExopkGuiApplication *app = data;
    ExopkGuiPlot *plot = exopk_gui_window_get_plot(app->bench_win);

    if (exopk_gui_window_get_results_count(app->bench_win) <= app->bench_draws
        || exopk_gui_plot_get_last_draw_end(plot) < app->bench_t0
        || exopk_gui_plot_get_draw_count(plot) == 0)
        return G_SOURCE_CONTINUE;
    /* the draw after the results arrived */
    if (gtk_widget_get_mapped(GTK_WIDGET(plot))
        && exopk_gui_plot_get_last_draw_end(plot) < app->bench_t0)
        return G_SOURCE_CONTINUE;
    app->bench_ms[app->bench_i++] =
        (exopk_gui_plot_get_last_draw_end(plot) - app->bench_t0) / 1000.0;
    g_timeout_add(20, bench_step, app);
    return G_SOURCE_REMOVE;
}

static gboolean
bench_step(gpointer data)
{
    ExopkGuiApplication *app = data;
    GtkSpinButton *dose = exopk_gui_window_get_spin(app->bench_win, "arm.exodox.dose");
    double sorted[BENCH_EDITS], max = 0;

    if (app->bench_i == BENCH_EDITS || dose == NULL) {
        if (dose == NULL) {
            fprintf(stderr, "exopk-gtk: --benchmark needs the default study's exodox arm\n");
            app->exit_status = 1;
        } else {
            memcpy(sorted, app->bench_ms, sizeof sorted);
            qsort(sorted, BENCH_EDITS, sizeof *sorted, compare_double);
            for (int i = 0; i < BENCH_EDITS; i++)
                max = fmax(max, sorted[i]);
            printf("edit to plot: median %.1f ms, max %.1f ms (%d dose edits, default study)\n",
                   (sorted[BENCH_EDITS / 2 - 1] + sorted[BENCH_EDITS / 2]) / 2, max,
                   BENCH_EDITS);
        }
        exopk_gui_window_set_force_close(app->bench_win, TRUE);
        gtk_window_close(GTK_WINDOW(app->bench_win));
        return G_SOURCE_REMOVE;
    }
    app->bench_draws = exopk_gui_window_get_results_count(app->bench_win);
    app->bench_t0 = g_get_monotonic_time();
    gtk_spin_button_set_value(dose, 1e11 * (1 + app->bench_i % 10));
    g_timeout_add(1, bench_poll, app);
    return G_SOURCE_REMOVE;
}

static int settle;

/* Waits for the optimisation of --screenshot-optimise, then saves it. */
static gboolean
wait_optimum(gpointer data)
{
    ExopkGuiWindow *win = data;
    ExopkGuiApplication *app = EXOPK_GUI_APPLICATION(gtk_window_get_application(GTK_WINDOW(win)));

    if (exopk_gui_optimize_panel_get_running(exopk_gui_window_get_optimize_panel(win))
        || settle++ < 5)              /* a few frames for the trace to be drawn */
        return G_SOURCE_CONTINUE;
    if (!save_snapshot(GTK_WIDGET(win), app->screenshot_opt)) {
        fprintf(stderr, "exopk-gtk: could not write %s\n", app->screenshot_opt);
        app->exit_status = 1;
    }
    exopk_gui_window_set_force_close(win, TRUE);
    gtk_window_close(GTK_WINDOW(win));
    return G_SOURCE_REMOVE;
}

/* Waits for the first plot, then takes the screenshot or runs the
 * benchmark. */
static gboolean
wait_first_plot(gpointer data)
{
    ExopkGuiWindow *win = data;
    ExopkGuiApplication *app = EXOPK_GUI_APPLICATION(gtk_window_get_application(GTK_WINDOW(win)));
    ExopkGuiPlot *plot = exopk_gui_window_get_plot(win);

    if (exopk_gui_window_get_results_count(win) == 0 || exopk_gui_plot_get_draw_count(plot) == 0)
        return G_SOURCE_CONTINUE;
    if (settle++ < 3)                 /* a few frames for the layout to settle */
        return G_SOURCE_CONTINUE;
    if (app->screenshot_opt != NULL) {
        /* a small run on the exodox arm, as a user would set it up */
        GtkWidget *panel = exopk_gui_window_get_optimize_panel(win);
        const char *vars[] = { "dose", "every" };
        const double lo[] = { 1e11, 24 }, hi[] = { 5e12, 168 };
        exopk_gui_window_show_page(win, "optimise");
        if (!exopk_gui_optimize_panel_configure(panel, "exodox", vars, lo, hi, 2,
                                                "tumour_volume_final", FALSE, 120)) {
            fprintf(stderr, "exopk-gtk: --screenshot-optimise needs an exodox arm\n");
            app->exit_status = 1;
            gtk_window_close(GTK_WINDOW(win));
            return G_SOURCE_REMOVE;
        }
        g_signal_emit_by_name(exopk_gui_optimize_panel_get_button(panel, "run"), "clicked");
        settle = 0;
        g_timeout_add(50, wait_optimum, win);
    } else if (app->screenshot != NULL) {
        if (!save_snapshot(GTK_WIDGET(win), app->screenshot)) {
            fprintf(stderr, "exopk-gtk: could not write %s\n", app->screenshot);
            app->exit_status = 1;
        }
        exopk_gui_window_set_force_close(win, TRUE);
        gtk_window_close(GTK_WINDOW(win));
    } else {
        app->bench_win = win;
        g_timeout_add(50, bench_step, app);
    }
    return G_SOURCE_REMOVE;
}

/* ---- GApplication ------------------------------------------------------- */

static ExopkGuiWindow *
new_window(ExopkGuiApplication *app)
{
    ExopkGuiWindow *win = exopk_gui_window_new(GTK_APPLICATION(app));

    gtk_window_set_default_size(GTK_WINDOW(win), 1440, 860);
    gtk_window_present(GTK_WINDOW(win));
    if (app->screenshot != NULL || app->screenshot_opt != NULL || app->benchmark) {
        exopk_gui_window_set_force_close(win, TRUE);
        g_timeout_add(20, wait_first_plot, win);
    }
    return win;
}

static void
exopk_gui_application_activate(GApplication *gapp)
{
    ExopkGuiApplication *app = EXOPK_GUI_APPLICATION(gapp);
    ExopkGuiWindow *win = new_window(app);

    exopk_gui_window_open_default(win, TRUE);
}

static void
exopk_gui_application_open(GApplication *gapp, GFile **files, int n, const char *hint)
{
    ExopkGuiApplication *app = EXOPK_GUI_APPLICATION(gapp);

    (void) hint;
    for (int i = 0; i < n; i++) {
        g_autofree char *path = g_file_get_path(files[i]);
        ExopkGuiWindow *win = new_window(app);

        if (path != NULL)
            exopk_gui_window_open(win, path);
        else
            exopk_gui_window_open_default(win, TRUE);
    }
}

static void
exopk_gui_application_startup(GApplication *gapp)
{
    GtkApplication *app = GTK_APPLICATION(gapp);
    GtkCssProvider *css = gtk_css_provider_new();
    static const struct { const char *action; const char *accels[3]; } accels[] = {
        { "win.open", { "<Ctrl>o", NULL } },
        { "win.save", { "<Ctrl>s", NULL } },
        { "win.save-as", { "<Ctrl><Shift>s", NULL } },
        { "win.export-figure", { "<Ctrl>e", NULL } },
        { "win.export-csv", { "<Ctrl><Shift>e", NULL } },
        { "win.copy-command", { "<Ctrl><Shift>c", NULL } },
        { "app.quit", { "<Ctrl>q", NULL } },
    };

    G_APPLICATION_CLASS(exopk_gui_application_parent_class)->startup(gapp);
    exopk_init();
    g_action_map_add_action_entries(G_ACTION_MAP(app), app_actions, G_N_ELEMENTS(app_actions),
                                    app);
    for (size_t i = 0; i < G_N_ELEMENTS(accels); i++)
        gtk_application_set_accels_for_action(app, accels[i].action, accels[i].accels);
    gtk_css_provider_load_from_resource(css, "/org/exopk/Exopk/style.css");
    gtk_style_context_add_provider_for_display(gdk_display_get_default(),
                                               GTK_STYLE_PROVIDER(css),
                                               GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    g_object_unref(css);
    gtk_icon_theme_add_resource_path(gtk_icon_theme_get_for_display(gdk_display_get_default()),
                                     "/org/exopk/Exopk/icons");
    gtk_window_set_default_icon_name("org.exopk.Exopk");
}

static int
exopk_gui_application_handle_local_options(GApplication *gapp, GVariantDict *opts)
{
    ExopkGuiApplication *app = EXOPK_GUI_APPLICATION(gapp);

    if (g_variant_dict_contains(opts, "version")) {
        printf("exopk-gtk %s\n", EXOPK_VERSION);
        return 0;
    }
    g_variant_dict_lookup(opts, "screenshot", "^ay", &app->screenshot);
    g_variant_dict_lookup(opts, "screenshot-optimise", "^ay", &app->screenshot_opt);
    app->benchmark = g_variant_dict_contains(opts, "benchmark");
    if (app->screenshot != NULL || app->screenshot_opt != NULL || app->benchmark)
        /* one-shot instances never hand over to a running one */
        g_application_set_flags(gapp, g_application_get_flags(gapp) | G_APPLICATION_NON_UNIQUE);
    return -1;
}

static void
exopk_gui_application_finalize(GObject *obj)
{
    g_free(EXOPK_GUI_APPLICATION(obj)->screenshot);
    g_free(EXOPK_GUI_APPLICATION(obj)->screenshot_opt);
    G_OBJECT_CLASS(exopk_gui_application_parent_class)->finalize(obj);
}

static void
exopk_gui_application_class_init(ExopkGuiApplicationClass *klass)
{
    GApplicationClass *ac = G_APPLICATION_CLASS(klass);

    G_OBJECT_CLASS(klass)->finalize = exopk_gui_application_finalize;
    ac->activate = exopk_gui_application_activate;
    ac->open = exopk_gui_application_open;
    ac->startup = exopk_gui_application_startup;
    ac->handle_local_options = exopk_gui_application_handle_local_options;
}

static void
exopk_gui_application_init(ExopkGuiApplication *app)
{
    static const GOptionEntry options[] = {
        { "version", 0, 0, G_OPTION_ARG_NONE, NULL, "Print the version", NULL },
        { "screenshot", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
          "Save a PNG of the main window after the first plot, then quit", "FILE" },
        { "screenshot-optimise", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
          "Run a small optimisation of the exodox arm, save a PNG of the window, then quit",
          "FILE" },
        { "benchmark", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
          "Time edit-to-plot latency on the default study, then quit", NULL },
        { NULL, 0, 0, 0, NULL, NULL, NULL },
    };

    g_application_add_main_option_entries(G_APPLICATION(app), options);
}

ExopkGuiApplication *
exopk_gui_application_new(GApplicationFlags flags)
{
    return g_object_new(EXOPK_GUI_TYPE_APPLICATION, "application-id", "org.exopk.Exopk",
                        "flags", flags | G_APPLICATION_HANDLES_OPEN, NULL);
}

int
exopk_gui_application_get_exit_status(ExopkGuiApplication *app)
{
    return app->exit_status;
}
