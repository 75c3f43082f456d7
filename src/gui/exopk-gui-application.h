/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the application (org.exopk.Exopk): app actions, shortcuts,
 * the about dialog, recovery of autosaved edits, and the hidden
 * --screenshot / --benchmark modes. */
#ifndef EXOPK_GUI_APPLICATION_H
#define EXOPK_GUI_APPLICATION_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EXOPK_GUI_TYPE_APPLICATION (exopk_gui_application_get_type())
G_DECLARE_FINAL_TYPE(ExopkGuiApplication, exopk_gui_application, EXOPK_GUI, APPLICATION,
                     GtkApplication)

ExopkGuiApplication *exopk_gui_application_new(GApplicationFlags flags);
/* 0, or 1 when --screenshot or --benchmark failed. */
int exopk_gui_application_get_exit_status(ExopkGuiApplication *app);

G_END_DECLS

#endif
