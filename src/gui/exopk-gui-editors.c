/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-editors.h"
#include "exopk-gui-util.h"

/* What one field sends, and where it reports. */
typedef struct {
    ExopkGuiEditFn fn;
    gpointer data;
    ExopkGuiEdit edit;            /* template; name owned below */
    char *name;
    char *unit;
    GtkWidget *spin, *scale, *message;
    double lower, upper;
    gboolean syncing;             /* scale and spin updating each other */
} Field;

static void
field_free(gpointer p)
{
    Field *f = p;

    g_free(f->name);
    g_free(f->unit);
    g_free(f);
}

static void
field_report(Field *f, GtkWidget *w, const char *message)
{
    if (message != NULL) {
        gtk_widget_add_css_class(w, "error");
        gtk_label_set_text(GTK_LABEL(f->message), message);
        gtk_widget_set_visible(f->message, TRUE);
    } else {
        gtk_widget_remove_css_class(w, "error");
        gtk_widget_set_visible(f->message, FALSE);
    }
}

static void
field_send(Field *f, GtkWidget *w, double value)
{
    ExopkGuiEdit e = f->edit;
    GError *error = NULL;

    e.name = f->name;
    e.value = value;
    if (!f->fn(&e, &error, f->data)) {
        field_report(f, w, error != NULL ? error->message : "not accepted");
        g_clear_error(&error);
    } else {
        field_report(f, w, NULL);
    }
}

static void
on_spin_value(GtkSpinButton *spin, gpointer data)
{
    Field *f = data;
    double v = gtk_spin_button_get_value(spin);

    if (f->scale != NULL && !f->syncing) {
        f->syncing = TRUE;
        gtk_range_set_value(GTK_RANGE(f->scale), log10(fmax(v, 1)));
        f->syncing = FALSE;
    }
    field_send(f, GTK_WIDGET(spin), v);
}

static void
on_scale_value(GtkRange *range, gpointer data)
{
    Field *f = data;
    char buf[32];
    double v;

    if (f->syncing)
        return;
    /* three significant digits: a slider position is no measurement */
    g_snprintf(buf, sizeof buf, "%.3g", pow(10, gtk_range_get_value(range)));
    v = g_ascii_strtod(buf, NULL);
    f->syncing = TRUE;
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(f->spin), v);
    f->syncing = FALSE;
}

/* Typed text outside the field's range: say so instead of clamping quietly. */
static void
on_spin_text(GtkEditable *editable, gpointer data)
{
    Field *f = data;
    const char *text = gtk_editable_get_text(editable);
    char *end;
    double v = g_ascii_strtod(text, &end);
    char lo[32], hi[32], msg[160];

    if (end == text || *text == '\0')
        return;
    if (v < f->lower || v > f->upper) {
        exopk_gui_format(lo, sizeof lo, f->lower);
        exopk_gui_format(hi, sizeof hi, f->upper);
        g_snprintf(msg, sizeof msg, "%s is out of range: %s–%s %s", text, lo, hi, f->unit);
        field_report(f, f->spin, msg);
    } else {
        gtk_widget_remove_css_class(f->spin, "error");
    }
}

/* Numbers as people write them: "2e+11", "168", "0.3". */
static gboolean
on_spin_output(GtkSpinButton *spin, gpointer data)
{
    char buf[64];

    (void) data;
    exopk_gui_format(buf, sizeof buf, gtk_spin_button_get_value(spin));
    if (g_strcmp0(buf, gtk_editable_get_text(GTK_EDITABLE(spin))) != 0)
        gtk_editable_set_text(GTK_EDITABLE(spin), buf);
    return TRUE;
}

static int
on_spin_input(GtkSpinButton *spin, double *value, gpointer data)
{
    const char *text = gtk_editable_get_text(GTK_EDITABLE(spin));
    char *end;

    (void) data;
    *value = g_ascii_strtod(text, &end);
    while (*end == ' ')
        end++;
    return end == text || *end != '\0' ? GTK_INPUT_ERROR : TRUE;
}

typedef struct {
    GtkWidget *grid;
    int row;
    ExopkGuiEditFn fn;
    gpointer data;
    GHashTable *spins;            /* key -> GtkSpinButton (borrowed) */
} Builder;

static GtkWidget *
label_new(const char *text, float xalign, const char *css)
{
    GtkWidget *l = gtk_label_new(text);

    gtk_label_set_xalign(GTK_LABEL(l), xalign);
    if (css != NULL)
        gtk_widget_add_css_class(l, css);
    return l;
}

static void
set_tooltip(GtkWidget *w, const char *path, const char *fallback)
{
    const char *t = path != NULL ? exopk_gui_param_tooltip(path) : NULL;

    if (t != NULL)
        gtk_widget_set_tooltip_markup(w, t);
    else if (fallback != NULL)
        gtk_widget_set_tooltip_text(w, fallback);
}

/* A row: label, spin button, unit, an optional log slider under it, and a
 * hidden message line. */
static GtkSpinButton *
number_row(Builder *b, const char *key, const char *label, const char *unit, double value,
           double lower, double upper, int digits, gboolean log_slider, ExopkGuiEdit edit,
           const char *name, const char *tip_path, const char *tip)
{
    Field *f = g_new0(Field, 1);
    GtkAdjustment *adj;
    GtkWidget *spin, *l;
    double step = digits > 0 ? pow(10, -digits) : 1;

    f->fn = b->fn;
    f->data = b->data;
    f->edit = edit;
    f->name = g_strdup(name);
    f->unit = g_strdup(unit);
    f->lower = lower;
    f->upper = upper;
    if (log_slider)
        step = pow(10, floor(log10(fmax(value, 1))));
    adj = gtk_adjustment_new(value, lower, upper, step, step * 10, 0);
    spin = gtk_spin_button_new(adj, 1, digits);
    f->spin = spin;
    gtk_spin_button_set_numeric(GTK_SPIN_BUTTON(spin), FALSE);
    gtk_spin_button_set_update_policy(GTK_SPIN_BUTTON(spin), GTK_UPDATE_IF_VALID);
    gtk_editable_set_width_chars(GTK_EDITABLE(spin), 9);
    gtk_widget_set_hexpand(spin, TRUE);
    g_signal_connect(spin, "output", G_CALLBACK(on_spin_output), f);
    g_signal_connect(spin, "input", G_CALLBACK(on_spin_input), f);
    on_spin_output(GTK_SPIN_BUTTON(spin), f);

    l = label_new(label, 0, NULL);
    set_tooltip(l, tip_path, tip);
    set_tooltip(spin, tip_path, tip);
    gtk_grid_attach(GTK_GRID(b->grid), l, 0, b->row, 1, 1);
    gtk_grid_attach(GTK_GRID(b->grid), spin, 1, b->row, 1, 1);
    gtk_grid_attach(GTK_GRID(b->grid), label_new(unit, 0, "dim-label"), 2, b->row, 1, 1);
    b->row++;
    if (log_slider) {
        f->scale = gtk_scale_new_with_range(GTK_ORIENTATION_HORIZONTAL, log10(fmax(lower, 1)),
                                            log10(upper), 0.01);
        gtk_scale_set_draw_value(GTK_SCALE(f->scale), FALSE);
        gtk_range_set_value(GTK_RANGE(f->scale), log10(fmax(value, 1)));
        gtk_widget_set_tooltip_text(f->scale, "Logarithmic: one decade per step of the marks");
        for (int d = (int) ceil(log10(fmax(lower, 1))); d <= (int) floor(log10(upper)); d++)
            gtk_scale_add_mark(GTK_SCALE(f->scale), d, GTK_POS_BOTTOM, NULL);
        gtk_grid_attach(GTK_GRID(b->grid), f->scale, 1, b->row++, 2, 1);
        g_signal_connect(f->scale, "value-changed", G_CALLBACK(on_scale_value), f);
    }
    f->message = label_new(NULL, 0, "error-message");
    gtk_label_set_wrap(GTK_LABEL(f->message), TRUE);
    gtk_widget_set_visible(f->message, FALSE);
    gtk_grid_attach(GTK_GRID(b->grid), f->message, 0, b->row++, 3, 1);
    g_signal_connect(spin, "value-changed", G_CALLBACK(on_spin_value), f);
    g_signal_connect(spin, "changed", G_CALLBACK(on_spin_text), f);
    g_object_set_data_full(G_OBJECT(spin), "exopk-field", f, field_free);
    g_hash_table_insert(b->spins, g_strdup(key), spin);
    return GTK_SPIN_BUTTON(spin);
}

static void
on_check(GtkCheckButton *check, gpointer data)
{
    Field *f = data;

    field_send(f, GTK_WIDGET(check), gtk_check_button_get_active(check));
}

static void
check_row(Builder *b, const char *label, gboolean active, ExopkGuiEdit edit, const char *tip)
{
    Field *f = g_new0(Field, 1);
    GtkWidget *c = gtk_check_button_new_with_label(label);

    f->fn = b->fn;
    f->data = b->data;
    f->edit = edit;
    gtk_check_button_set_active(GTK_CHECK_BUTTON(c), active);
    gtk_widget_set_tooltip_text(c, tip);
    gtk_grid_attach(GTK_GRID(b->grid), c, 1, b->row++, 2, 1);
    f->message = label_new(NULL, 0, "error-message");
    gtk_widget_set_visible(f->message, FALSE);
    gtk_grid_attach(GTK_GRID(b->grid), f->message, 0, b->row++, 3, 1);
    g_signal_connect(c, "toggled", G_CALLBACK(on_check), f);
    g_object_set_data_full(G_OBJECT(c), "exopk-field", f, field_free);
}

static void
on_choice(GObject *dd, GParamSpec *pspec, gpointer data)
{
    Field *f = data;
    GtkStringObject *item = gtk_drop_down_get_selected_item(GTK_DROP_DOWN(dd));
    ExopkGuiEdit e = f->edit;
    GError *error = NULL;

    (void) pspec;
    if (item == NULL)
        return;
    e.name = gtk_string_object_get_string(item);
    /* a structural edit reloads the study and rebuilds these editors:
     * run it after this signal has returned */
    if (!f->fn(&e, &error, f->data)) {
        field_report(f, GTK_WIDGET(dd), error != NULL ? error->message : "not accepted");
        g_clear_error(&error);
    }
}

static void
choice_row(Builder *b, const char *label, const char *subdir, const char *current,
           ExopkGuiEdit edit, const char *tip_path, const char *tip)
{
    Field *f = g_new0(Field, 1);
    g_auto(GStrv) names = exopk_gui_library_names(subdir);
    GtkWidget *dd = gtk_drop_down_new_from_strings((const char *const *) names);
    guint sel = GTK_INVALID_LIST_POSITION;
    GtkWidget *l = label_new(label, 0, NULL);

    for (guint i = 0; names[i] != NULL; i++)
        if (strcmp(names[i], current) == 0)
            sel = i;
    gtk_drop_down_set_selected(GTK_DROP_DOWN(dd), sel);
    f->fn = b->fn;
    f->data = b->data;
    f->edit = edit;
    set_tooltip(dd, tip_path, tip);
    set_tooltip(l, tip_path, tip);
    gtk_grid_attach(GTK_GRID(b->grid), l, 0, b->row, 1, 1);
    gtk_grid_attach(GTK_GRID(b->grid), dd, 1, b->row++, 2, 1);
    f->message = label_new(NULL, 0, "error-message");
    gtk_label_set_wrap(GTK_LABEL(f->message), TRUE);
    gtk_widget_set_visible(f->message, FALSE);
    gtk_grid_attach(GTK_GRID(b->grid), f->message, 0, b->row++, 3, 1);
    g_signal_connect(dd, "notify::selected", G_CALLBACK(on_choice), f);
    g_object_set_data_full(G_OBJECT(dd), "exopk-field", f, field_free);
}

static void
heading(Builder *b, const char *text, const char *sub)
{
    GtkWidget *l = label_new(text, 0, "heading");

    if (b->row > 0)
        gtk_widget_set_margin_top(l, 12);
    gtk_grid_attach(GTK_GRID(b->grid), l, 0, b->row++, 3, 1);
    if (sub != NULL) {
        GtkWidget *s = label_new(sub, 0, "dim-label");
        gtk_label_set_wrap(GTK_LABEL(s), TRUE);
        gtk_label_set_max_width_chars(GTK_LABEL(s), 40);
        gtk_grid_attach(GTK_GRID(b->grid), s, 0, b->row++, 3, 1);
    }
}

static void
subject_editors(Builder *b, const ExopkStudy *s)
{
    char path[192];
    ExopkGuiEdit e = { 0 };

    heading(b, "Subject", NULL);
    e.kind = EXOPK_GUI_EDIT_SPECIES;
    g_snprintf(path, sizeof path, "species.%s.body_weight", s->species.name);
    choice_row(b, "Species", "species", s->species.name, e, NULL,
               "The species' physiology (data/species); the weight resets to its default");
    e.kind = EXOPK_GUI_EDIT_WEIGHT;
    number_row(b, "subject.weight", "Body weight", "kg", s->weight, 1e-3, 500, 4, FALSE, e,
               NULL, path, "Body weight of the subject");
    if (!s->has_tumour)
        return;
    e.kind = EXOPK_GUI_EDIT_TUMOUR_VOLUME;
    g_snprintf(path, sizeof path, "tumour.%s.volume", s->tumour_ref.name);
    number_row(b, "subject.tumour_volume", "Tumour volume", "mm³", s->tumour_volume0, 1,
               fmax(5000, s->tumour_ref.capacity), 1, FALSE, e, NULL, path,
               "Tumour volume at t = 0");
    e.kind = EXOPK_GUI_EDIT_RESISTANT;
    g_snprintf(path, sizeof path, "tumour.%s.resistant_fraction", s->tumour_ref.name);
    number_row(b, "subject.resistant_fraction", "Resistant fraction", "1",
               s->resistant_fraction0, 0, 1, 3, FALSE, e, NULL, path,
               "Share of P-gp-high resistant cells at t = 0");
}

static void
formulation_editors(Builder *b, const ExopkStudy *s)
{
    char path[256], key[256], title[128];

    for (size_t i = 0; i < s->n_formulations; i++) {
        const ExopkFormulation *f = &s->formulations[i];
        ExopkGuiEdit e = { .index = i };

        g_snprintf(title, sizeof title, "Formulation %s", f->name);
        heading(b, title, NULL);
        e.kind = EXOPK_GUI_EDIT_CARRIER;
        choice_row(b, "Carrier", "carriers", f->carrier_ref.name, e, NULL,
                   "Vesicle source and its PK (data/carriers)");
        e.kind = EXOPK_GUI_EDIT_DIAMETER;
        g_snprintf(key, sizeof key, "formulation.%s.diameter", f->name);
        g_snprintf(path, sizeof path, "carrier.%s.diameter", f->carrier_ref.name);
        number_row(b, key, "Diameter", "nm", f->diameter, 20, 1000, 0, FALSE, e, NULL, path,
                   "Mean vesicle diameter: sets lumen and membrane capacity");
        e.kind = EXOPK_GUI_EDIT_CD47;
        check_row(b, "CD47 over-display", f->cd47, e, "Less MPS uptake (don't-eat-me signal)");
        e.kind = EXOPK_GUI_EDIT_PEG;
        check_row(b, "PEG coating", f->peg, e, "Longer circulation, less uptake");
        e.kind = EXOPK_GUI_EDIT_METHOD;
        g_snprintf(path, sizeof path, "loading.%s.recovery", f->method_ref.name);
        choice_row(b, "Loading method", "loading", f->method_ref.name, e, path, NULL);
        for (size_t c = 0; c < f->n_cargo; c++) {
            const char *agent = s->agent_ref[f->cargo[c].agent].name;
            e.kind = EXOPK_GUI_EDIT_OFFERED;
            e.cargo = c;
            g_snprintf(key, sizeof key, "formulation.%s.offered.%s", f->name, agent);
            g_snprintf(title, sizeof title, "%s offered", agent);
            g_snprintf(path, sizeof path, "loading.%s.ee0.%s", f->method_ref.name, agent);
            number_row(b, key, title, "molecules/vesicle", f->cargo[c].offered, 1, 1e7, 0, TRUE,
                       e, NULL, path, "Molecules offered per vesicle during loading");
        }
    }
}

static void
arm_editors(Builder *b, const ExopkStudy *s)
{
    char key[256], title[160], hint[256];

    for (size_t a = 0; a < s->n_arms; a++) {
        const ExopkArm *arm = &s->arms[a];
        const ExopkDosingLine *l = arm->n_lines > 0 ? &arm->lines[0] : NULL;
        ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_SET, .index = a };
        gboolean particles;
        const char *give;

        g_snprintf(title, sizeof title, "Arm %s", arm->name);
        if (l == NULL) {
            heading(b, title, "untreated");
            continue;
        }
        give = l->dose.formulation >= 0 ? s->formulations[l->dose.formulation].name
                                        : s->agent_ref[l->dose.agent].name;
        particles = l->dose.unit == EXOPK_DOSE_PARTICLES;
        g_snprintf(hint, sizeof hint, "%s, %s%s%s%s", give,
                   l->dose.route == EXOPK_ROUTE_IV ? "iv" : l->dose.route == EXOPK_ROUTE_IT
                   ? "intratumoral" : "ip",
                   l->dose_text[0] ? " — dose written as " : "", l->dose_text,
                   arm->n_lines > 1 ? " (first dosing line)" : "");
        heading(b, title, hint);
        g_snprintf(key, sizeof key, "arm.%s.dose", arm->name);
        number_row(b, key, "Dose", particles ? "particles" : "nmol", l->dose.amount, 0,
                   particles ? 1e16 : 1e7, particles ? 0 : 3, particles, e, "dose", NULL,
                   particles ? "Vesicles per dose" : "Amount per dose (nmol of the agent)");
        g_snprintf(key, sizeof key, "arm.%s.every", arm->name);
        number_row(b, key, "Interval", "h", l->every, 0, 24 * 365, 1, FALSE, e, "every", NULL,
                   "Time between doses (168 h = 7 d)");
        g_snprintf(key, sizeof key, "arm.%s.count", arm->name);
        number_row(b, key, "Number of doses", "doses", l->count, 1, 200, 0, FALSE, e, "count",
                   NULL, "Doses in this line (more than 1 needs an interval)");
        g_snprintf(key, sizeof key, "arm.%s.at", arm->name);
        number_row(b, key, "First dose at", "h", l->dose.time, 0, 24 * 365, 1, FALSE, e, "at",
                   NULL, "Time of the first dose");
        if (l->dose.route == EXOPK_ROUTE_IV) {
            g_snprintf(key, sizeof key, "arm.%s.over", arm->name);
            number_row(b, key, "Infusion duration", "h", l->dose.duration, 0, 48, 2, FALSE, e,
                       "over", NULL, "0 for a bolus");
        }
    }
}

GtkWidget *
exopk_gui_editors_new(const ExopkStudy *study, ExopkGuiEditFn fn, gpointer data)
{
    Builder b = { .grid = gtk_grid_new(), .fn = fn, .data = data };

    b.spins = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gtk_grid_set_row_spacing(GTK_GRID(b.grid), 4);
    gtk_grid_set_column_spacing(GTK_GRID(b.grid), 8);
    gtk_widget_add_css_class(b.grid, "editors");
    subject_editors(&b, study);
    formulation_editors(&b, study);
    arm_editors(&b, study);
    g_object_set_data_full(G_OBJECT(b.grid), "exopk-spins", b.spins,
                           (GDestroyNotify) g_hash_table_unref);
    return b.grid;
}

GtkSpinButton *
exopk_gui_editors_get_spin(GtkWidget *editors, const char *key)
{
    GHashTable *spins = editors != NULL ? g_object_get_data(G_OBJECT(editors), "exopk-spins")
                                        : NULL;

    return spins != NULL ? g_hash_table_lookup(spins, key) : NULL;
}
