/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the desktop app. */
#include "exopk-gui-application.h"

int
main(int argc, char **argv)
{
    ExopkGuiApplication *app = exopk_gui_application_new(G_APPLICATION_DEFAULT_FLAGS);
    int status = g_application_run(G_APPLICATION(app), argc, argv);

    g_object_unref(app);
    return status;
}
