/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk-gui-util.h"
#include "config.h"
#include "exopk-lua.h"

G_DEFINE_QUARK(exopk-gui-error-quark, exopk_gui_error)

void
exopk_gui_set_error(GError **error, const ExopkError *err)
{
    g_set_error_literal(error, EXOPK_GUI_ERROR, err->code, err->message);
}

char *
exopk_gui_study_to_text(const ExopkStudy *study, gsize *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    char *out;

    if (fp == NULL)
        return NULL;
    exopk_lua_write_study_fp(study, fp, NULL);
    fclose(fp);
    /* g_free and free may differ: hand back GLib memory */
    out = g_strndup(buf, n);
    free(buf);
    if (len != NULL)
        *len = n;
    return out;
}

ExopkStudy *
exopk_gui_study_load_text(const char *text, gsize len, const char *chunkname, GError **error)
{
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study_buffer(text, len, chunkname, exopk_lua_data_dir(), NULL,
                                                NULL, &err);

    if (s == NULL)
        exopk_gui_set_error(error, &err);
    return s;
}

ExopkStudy *
exopk_gui_study_reload(const ExopkStudy *study, GError **error)
{
    gsize len;
    g_autofree char *text = exopk_gui_study_to_text(study, &len);

    if (text == NULL) {
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    return exopk_gui_study_load_text(text, len, "study", error);
}

/* g_ptr_array_sort passes pointers to the elements */
static int
compare_names(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *) a, *(char *const *) b);
}

char **
exopk_gui_library_names(const char *subdir)
{
    g_autofree char *dir = g_build_filename(exopk_lua_data_dir(), subdir, NULL);
    GDir *d = g_dir_open(dir, 0, NULL);
    GPtrArray *names = g_ptr_array_new();
    const char *f;

    while (d != NULL && (f = g_dir_read_name(d)) != NULL)
        if (g_str_has_suffix(f, ".lua"))
            g_ptr_array_add(names, g_strndup(f, strlen(f) - 4));
    if (d != NULL)
        g_dir_close(d);
    g_ptr_array_sort(names, compare_names);
    g_ptr_array_add(names, NULL);
    return (char **) g_ptr_array_free(names, FALSE);
}

static void
add_tooltip(const ExopkParamRow *r, void *data)
{
    GHashTable *t = data;
    GString *s = g_string_new(NULL);
    char v[64];

    g_string_append_printf(s, "<b>%s</b>", r->path);
    if (!isnan(r->value)) {
        exopk_gui_format(v, sizeof v, r->value);
        g_string_append_printf(s, " = %s %s", v, r->unit);
    }
    if (!isnan(r->range_lo) && !isnan(r->range_hi))
        g_string_append_printf(s, " (range %g–%g %s)", r->range_lo, r->range_hi, r->unit);
    g_string_append_printf(s, "\nevidence grade: %s %s", r->grade, r->flag);
    if (r->source[0] != '\0') {
        g_autofree char *src = g_markup_escape_text(r->source, -1);
        g_string_append_printf(s, "\nsource: %s", src);
    }
    g_hash_table_insert(t, g_strdup(r->path), g_string_free(s, FALSE));
}

const char *
exopk_gui_param_tooltip(const char *path)
{
    static GHashTable *table;

    if (table == NULL) {
        ExopkError err;
        table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        if (exopk_lua_list_params(exopk_lua_data_dir(), NULL, add_tooltip, table, &err) != 0)
            g_warning_once("parameter library: %s", err.message);
    }
    return g_hash_table_lookup(table, path);
}

char *
exopk_gui_display_text(const char *s, gssize max)
{
    char *v = g_utf8_make_valid(s != NULL ? s : "", -1);

    if (max >= 0 && strlen(v) > (size_t) max) {
        /* back to the start of the character that crosses @max */
        gsize n = (gsize) max;
        while (n > 0 && (v[n] & 0xC0) == 0x80)
            n--;
        v[n] = '\0';
    }
    return v;
}

void
exopk_gui_show_error(GtkWindow *parent, const char *primary, const char *detail)
{
    g_autofree char *p = exopk_gui_display_text(primary, -1);
    g_autofree char *dt = detail != NULL ? exopk_gui_display_text(detail, -1) : NULL;
    GtkWidget *d = gtk_message_dialog_new(parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                          GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", p);

    if (dt != NULL)
        gtk_message_dialog_format_secondary_text(GTK_MESSAGE_DIALOG(d), "%s", dt);
    g_signal_connect(d, "response", G_CALLBACK(gtk_window_destroy), NULL);
    gtk_window_present(GTK_WINDOW(d));
}

void
exopk_gui_format(char *buf, gsize size, double v)
{
    if (v != 0 && (fabs(v) >= 1e6 || fabs(v) < 1e-3))
        g_snprintf(buf, size, "%.4g", v);
    else
        g_snprintf(buf, size, "%.6g", v);
}

/* The molar mass (g/mol) of what a dose of @line weighs: the cargo a
 * formulation dose counts in nmol (its first cargo for particles), or the
 * free agent. */
static double
dosed_molar_mass(const ExopkStudy *s, const ExopkDosingLine *line)
{
    if (line->dose.formulation >= 0) {
        const ExopkFormulation *f = &s->formulations[line->dose.formulation];
        int c = line->dose.unit == EXOPK_DOSE_NMOL ? line->dose.cargo : 0;

        return f->n_cargo > 0 ? s->agent_ref[f->cargo[c].agent].mw_dosed : 0;
    }
    return s->agent_ref[line->dose.agent].mw_dosed;
}

gboolean
exopk_gui_dose_from_text(const ExopkStudy *study, const ExopkDosingLine *line, const char *text,
                         ExopkDoseUnit *unit, double *amount, GError **error)
{
    ExopkQuantity q;
    ExopkError err;

    if (exopk_quantity_parse(text, &q, &err) != EXOPK_OK
        || exopk_dose_convert(&q, study->weight, study->species.km_factor,
                              dosed_molar_mass(study, line), unit, amount, &err) != EXOPK_OK) {
        exopk_gui_set_error(error, &err);
        return FALSE;
    }
    if (!q.has_unit) {
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_EINVAL,
                            "give a unit, e.g. \"2e11 particles\" or \"4 mg/kg\"");
        return FALSE;
    }
    if (line->dose.formulation < 0 && *unit != EXOPK_DOSE_NMOL) {
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_EINVAL,
                            "a free agent is dosed as a mass or an amount, e.g. \"4 mg/kg\"");
        return FALSE;
    }
    return TRUE;
}

/* "q3d" or "q12h" for an interval of @h hours. */
static void
append_interval(GString *out, double h)
{
    char num[32];

    exopk_gui_format(num, sizeof num, fmod(h, 24) == 0 ? h / 24 : h);
    g_string_append_printf(out, " q%s%s", num, fmod(h, 24) == 0 ? "d" : "h");
}

static void
append_line(GString *out, const ExopkStudy *s, const ExopkDosingLine *l)
{
    static const char *const routes[] = { "iv", "it", "ip" };
    char num[32];

    if (l->dose_text[0] != '\0') {
        g_string_append(out, l->dose_text);
    } else {
        exopk_gui_format(num, sizeof num, l->dose.amount);
        g_string_append_printf(out, "%s %s", num,
                               l->dose.unit == EXOPK_DOSE_PARTICLES ? "particles" : "nmol");
    }
    if (l->dose.formulation >= 0 && s->n_formulations > 1)
        g_string_append_printf(out, " %s", s->formulations[l->dose.formulation].name);
    else if (l->dose.formulation < 0)
        g_string_append_printf(out, " %s", s->agent_ref[l->dose.agent].name);
    g_string_append_printf(out, " %s", routes[l->dose.route]);
    if (l->count > 1) {
        append_interval(out, l->every);
        g_string_append_printf(out, " \xc3\x97%ld", l->count);
    }
}

char *
exopk_gui_regimen(const ExopkStudy *study, const ExopkArm *arm)
{
    GString *out = g_string_new(arm->name);

    for (size_t k = 0; k < arm->n_lines; k++) {
        g_string_append(out, k == 0 ? " \xe2\x80\x94 " : "; ");
        append_line(out, study, &arm->lines[k]);
    }
    return g_string_free(out, FALSE);
}
