/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the application (org.exopk.Exopk): app actions, shortcuts,
 * the about dialog, a window per study opened.  (Screenshots and the
 * edit-to-plot benchmark drive it from outside: scripts/screenshots.sh,
 * tests/bench/bench-gui.c.) */
#ifndef EXOPK_GUI_APPLICATION_H
#define EXOPK_GUI_APPLICATION_H

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EXOPK_GUI_TYPE_APPLICATION (exopk_gui_application_get_type())
G_DECLARE_FINAL_TYPE(ExopkGuiApplication, exopk_gui_application, EXOPK_GUI, APPLICATION,
                     GtkApplication)

ExopkGuiApplication *exopk_gui_application_new(GApplicationFlags flags);

G_END_DECLS

#endif
