/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-gtk: helpers shared by the window, the editors and the jobs. */
#ifndef EXOPK_GUI_UTIL_H
#define EXOPK_GUI_UTIL_H

#include <gtk/gtk.h>

#include "exopk/exopk.h"

G_BEGIN_DECLS

#define EXOPK_GUI_ERROR (exopk_gui_error_quark())
GQuark exopk_gui_error_quark(void);

/* Copies a core error into @error (codes are ExopkStatus values). */
void exopk_gui_set_error(GError **error, const ExopkError *err);

/* The study as study-file text (exopk_lua_write_study_fp); g_free it. */
char *exopk_gui_study_to_text(const ExopkStudy *study, gsize *len);

/* Writes @study to text and loads it back: how structural edits (species,
 * carrier, method, weight) take effect, so that every dose written as text
 * ("5 mg/kg") is converted again.  (transfer full) */
ExopkStudy *exopk_gui_study_reload(const ExopkStudy *study, GError **error);

/* Loads @text as a study (the loader's FILE:LINE: PATH: message on error). */
ExopkStudy *exopk_gui_study_load_text(const char *text, gsize len, const char *chunkname,
                                      GError **error);

/* Names of the library files in @subdir of the data dir ("carriers"),
 * sorted; g_strfreev it. */
char **exopk_gui_library_names(const char *subdir);

/* Tooltip texts of the library, by parameter path: source, evidence grade,
 * value and range.  Built once; borrowed. */
const char *exopk_gui_param_tooltip(const char *path);

/* @s as valid UTF-8 (each invalid byte as U+FFFD), cut at a character
 * boundary to at most @max bytes (-1: no limit): study names and loader
 * messages are other people's bytes, and GTK, Pango and Cairo's text
 * calls want UTF-8.  g_free it. */
char *exopk_gui_display_text(const char *s, gssize max);

/* A modal error dialog with the primary text and the details. */
void exopk_gui_show_error(GtkWindow *parent, const char *primary, const char *detail);

/* A dose text of dosing line @line of @study ("4 mg/kg", "2e11
 * particles") in the engine unit, converted as the study loader does
 * (exopk_quantity_parse, exopk_dose_convert: the subject's weight and
 * body-surface factor, the molar mass of the dosed form): @unit and
 * @amount.  FALSE and @error (what was expected) when the text is no
 * dose, or particles for a free agent. */
gboolean exopk_gui_dose_from_text(const ExopkStudy *study, const ExopkDosingLine *line,
                                  const char *text, ExopkDoseUnit *unit, double *amount,
                                  GError **error);

/* The regimen of @arm, for the legend: "exodox — 2e11 particles iv q3d
 * ×5", lines joined by "; ", "control" for an untreated arm.  g_free it. */
char *exopk_gui_regimen(const ExopkStudy *study, const ExopkArm *arm);

/* Formats @v with a few significant digits ("2e+11", "168", "0.3"). */
void exopk_gui_format(char *buf, gsize size, double v);

G_END_DECLS

#endif
