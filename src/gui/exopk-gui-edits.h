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

/* What an edit changed. */
typedef enum {
    EXOPK_GUI_CHANGED_NOTHING,    /* a library name chosen again */
    EXOPK_GUI_CHANGED_VALUE,      /* a number: the editors stay */
    EXOPK_GUI_CHANGED_STRUCTURE,  /* the editors show another structure now */
} ExopkGuiChanged;

/* Applies @edit to *@study (which it may replace: the old one is freed)
 * and says what it *@changed.  FALSE and @error (what was expected) when
 * refused; *@study is then unchanged. */
gboolean exopk_gui_edit_apply(ExopkStudy **study, const ExopkGuiEdit *edit,
                              ExopkGuiChanged *changed, GError **error);

G_END_DECLS

#endif
