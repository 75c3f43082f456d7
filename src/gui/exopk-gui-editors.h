/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: the study editors (study, subject, formulations, arms and
 * their dosing lines).  A quantity field reads what a study file reads
 * ("4 mg/kg", "3 d", "25 g": the core's unit parser) and shows its value
 * in the unit chosen beside it; a rejected entry turns the field red with
 * the reason under it and keeps the value it had. */
#ifndef EXOPK_GUI_EDITORS_H
#define EXOPK_GUI_EDITORS_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"

G_BEGIN_DECLS

typedef enum {
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
    EXOPK_GUI_EDIT_DOSE,          /* arm @index, line @line: the dose as text @name ("4 mg/kg") */
    EXOPK_GUI_EDIT_LINE_SET,      /* arm @index, line @line: @name (every, at, over: h; count) */
    EXOPK_GUI_EDIT_GIVE,          /* arm @index, line @line: formulation or agent @name */
    EXOPK_GUI_EDIT_ROUTE,         /* arm @index, line @line: route @name (iv, it, ip) */
    EXOPK_GUI_EDIT_ADD_LINE,      /* arm @index: a new dosing line */
    EXOPK_GUI_EDIT_REMOVE_LINE,   /* arm @index, line @line */
    EXOPK_GUI_EDIT_ADD_ARM,       /* an untreated arm called @name */
    EXOPK_GUI_EDIT_REMOVE_ARM,    /* arm @index */
    EXOPK_GUI_EDIT_TUMOUR,        /* tumour model @name (data/tumours) */
    EXOPK_GUI_EDIT_HORIZON,       /* h */
    EXOPK_GUI_EDIT_CARGO_AGENT,   /* formulation @index, cargo @cargo: agent @name */
    EXOPK_GUI_EDIT_ADD_FORMULATION, /* a formulation called @name (msc exosomes, 100 nm,
                                     * electroporation, 5000 doxorubicin per vesicle) */
    EXOPK_GUI_EDIT_LIGAND,        /* formulation @index: ligand @name (data/ligands; "none") */
} ExopkGuiEditKind;

typedef struct {
    ExopkGuiEditKind kind;
    size_t index, cargo, line;
    const char *name;
    double value;
} ExopkGuiEdit;

/* Applies an edit; FALSE and @error (shown under the field) to refuse it. */
typedef gboolean (*ExopkGuiEditFn)(const ExopkGuiEdit *edit, GError **error, gpointer data);

/* The study as it is now (borrowed): edits replace it. */
typedef const ExopkStudy *(*ExopkGuiStudyFn)(gpointer data);

/* Editors for @study (borrowed for the call only); @get_study gives the
 * study after later edits (to show a dose in another unit). */
GtkWidget *exopk_gui_editors_new(const ExopkStudy *study, ExopkGuiEditFn fn,
                                 ExopkGuiStudyFn get_study, gpointer data);

/* The unit selector of a field (a GtkDropDown of unit strings; borrowed),
 * NULL for a field with one unit. */
GtkWidget *exopk_gui_editors_get_unit(GtkWidget *editors, const char *key);
/* A widget of the structure editors (borrowed, NULL if absent):
 * "arm.new.name" (entry), "arm.new.add", "arm.NAME.remove",
 * "arm.NAME.add_line", "arm.NAME.K.remove", "arm.NAME.K.give",
 * "arm.NAME.K.route", "study.tumour", "formulation.NAME.cargo.C.agent",
 * "formulation.new.name" (entry), "formulation.new.add";
 * and the message label under a field: "KEY.message". */
GtkWidget *exopk_gui_editors_get_widget(GtkWidget *editors, const char *key);

/* The spin button of a field: "arm.NAME.dose" (every, count, at, over) of
 * the first dosing line, "arm.NAME.K.dose" (...) of line K (1, 2, ...),
 * "study.horizon",
 * "formulation.NAME.diameter", "formulation.NAME.offered.AGENT",
 * "subject.weight", "subject.tumour_volume", "subject.resistant_fraction".
 * Borrowed; NULL if there is none. */
GtkSpinButton *exopk_gui_editors_get_spin(GtkWidget *editors, const char *key);

G_END_DECLS

#endif
