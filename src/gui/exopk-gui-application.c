/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-util.h"
#include "exopk-gui-window.h"
#include "config.h"

struct _ExopkGuiApplication {
    GtkApplication parent;
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

/* ---- GApplication ------------------------------------------------------- */

static ExopkGuiWindow *
new_window(ExopkGuiApplication *app)
{
    ExopkGuiWindow *win = exopk_gui_window_new(GTK_APPLICATION(app));

    gtk_window_set_default_size(GTK_WINDOW(win), 1440, 860);
    gtk_window_present(GTK_WINDOW(win));
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
        { "win.new", { "<Ctrl>n", NULL } },
        { "win.undo", { "<Ctrl>z", NULL } },
        { "win.redo", { "<Ctrl><Shift>z", NULL } },
        { "win.open-data", { "<Ctrl>d", NULL } },
        { "win.save", { "<Ctrl>s", NULL } },
        { "win.save-as", { "<Ctrl><Shift>s", NULL } },
        { "win.export-figure", { "<Ctrl>e", NULL } },
        { "win.export-csv", { "<Ctrl><Shift>e", NULL } },
        { "win.copy-command", { "<Ctrl><Shift>c", NULL } },
        { "app.quit", { "<Ctrl>q", NULL } },
    };

    G_APPLICATION_CLASS(exopk_gui_application_parent_class)->startup(gapp);
    exopk_init();
    exopk_tune_heap();
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
    (void) gapp;
    if (g_variant_dict_contains(opts, "version")) {
        printf("exopk-gtk %s\n", EXOPK_VERSION);
        return 0;
    }
    return -1;
}

static void
exopk_gui_application_class_init(ExopkGuiApplicationClass *klass)
{
    GApplicationClass *ac = G_APPLICATION_CLASS(klass);

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
