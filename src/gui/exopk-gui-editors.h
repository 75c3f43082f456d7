/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the study editors (subject, formulations, each arm's first
 * dosing line).  Every field shows its unit; a rejected value turns the
 * field red with the reason under it. */
#ifndef EXOPK_GUI_EDITORS_H
#define EXOPK_GUI_EDITORS_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"

G_BEGIN_DECLS

typedef enum {
    EXOPK_GUI_EDIT_SET,           /* exopk_study_set(arm @index, @name, @value) */
    EXOPK_GUI_EDIT_OFFERED,       /* formulation @index, cargo @cargo: molecules/vesicle */
    EXOPK_GUI_EDIT_DIAMETER,      /* formulation @index: nm */
    EXOPK_GUI_EDIT_CD47,          /* formulation @index: 0/1 */
    EXOPK_GUI_EDIT_PEG,           /* formulation @index: 0/1 */
    EXOPK_GUI_EDIT_CARRIER,       /* formulation @index: library name @name (reload) */
    EXOPK_GUI_EDIT_METHOD,        /* formulation @index: library name @name (reload) */
    EXOPK_GUI_EDIT_SPECIES,       /* library name @name (reload) */
    EXOPK_GUI_EDIT_WEIGHT,        /* kg (reload: doses per kg convert again) */
    EXOPK_GUI_EDIT_TUMOUR_VOLUME, /* mm3 */
    EXOPK_GUI_EDIT_RESISTANT,     /* 1 */
} ExopkGuiEditKind;

typedef struct {
    ExopkGuiEditKind kind;
    size_t index, cargo;
    const char *name;
    double value;
} ExopkGuiEdit;

/* Applies an edit; FALSE and @error (shown under the field) to refuse it. */
typedef gboolean (*ExopkGuiEditFn)(const ExopkGuiEdit *edit, GError **error, gpointer data);

/* Editors for @study (borrowed for the call only). */
GtkWidget *exopk_gui_editors_new(const ExopkStudy *study, ExopkGuiEditFn fn, gpointer data);

/* The spin button of a field: "arm.NAME.dose" (every, count, at, over),
 * "formulation.NAME.diameter", "formulation.NAME.offered.AGENT",
 * "subject.weight", "subject.tumour_volume", "subject.resistant_fraction".
 * Borrowed; NULL if there is none. */
GtkSpinButton *exopk_gui_editors_get_spin(GtkWidget *editors, const char *key);

G_END_DECLS

#endif
