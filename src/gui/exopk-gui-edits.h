/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: how an edit of the editors changes a study.  Numbers go
 * through exopk_study_set or a resolved copy; a change of structure (an
 * arm, a dosing line, a library name, the horizon) is written out as a
 * study file and loaded again, so that the loader checks it and converts
 * every dose written as text. */
#ifndef EXOPK_GUI_EDITS_H
#define EXOPK_GUI_EDITS_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"
#include "exopk-gui-editors.h"

G_BEGIN_DECLS

/* Applies @edit to *@study (which it may replace: the old one is freed).
 * *@rebuild: the editors show another structure now.  FALSE and @error
 * (what was expected) when refused; *@study is then unchanged. */
gboolean exopk_gui_edit_apply(ExopkStudy **study, const ExopkGuiEdit *edit, gboolean *rebuild,
                              GError **error);

G_END_DECLS

#endif
