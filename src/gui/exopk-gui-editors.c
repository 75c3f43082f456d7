/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-editors.h"
#include "exopk-gui-util.h"

/* The units a field offers; the first is the engine unit (none: one unit). */
typedef enum { UNITS_NONE, UNITS_TIME, UNITS_WEIGHT, UNITS_DOSE } UnitSet;

static const char *const time_units[] = { "h", "d", NULL };
static const char *const weight_units[] = { "g", "kg", NULL };
/* "µg protein": vesicles weighed as protein (the carrier's particles per µg) */
#define UG_PROTEIN "\xc2\xb5g protein"
static const char *const vesicle_dose_units[] = { "particles", "particles/kg", UG_PROTEIN,
                                                  "mg/kg", "\xc2\xb5g/kg", "nmol", NULL };
static const char *const agent_dose_units[] = { "mg/kg", "\xc2\xb5g/kg", "mg/m2", "nmol", NULL };

/* What one field sends, and where it reports. */
typedef struct {
    ExopkGuiEditFn fn;
    ExopkGuiStudyFn get_study;
    gpointer data;
    ExopkGuiEdit edit;            /* template; name owned below */
    char *name;
    char *unit;                   /* fixed unit (UNITS_NONE) */
    ExopkUnitKind kind;           /* what typed units convert to (UNITS_NONE, TIME, WEIGHT) */
    UnitSet units;
    const char *const *choices;   /* the unit selector's strings, or NULL */
    guint choice;                 /* the unit shown */
    GtkWidget *spin, *scale, *message, *unit_dd;
    double lower, upper;          /* engine unit */
    double engine;                /* the value as last shown, engine unit */
    gboolean syncing;             /* widgets updating each other: send nothing */
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

static gboolean
field_send_edit(Field *f, GtkWidget *w, const ExopkGuiEdit *e)
{
    GError *error = NULL;

    if (!f->fn(e, &error, f->data)) {
        field_report(f, w, error != NULL ? error->message : "not accepted");
        g_clear_error(&error);
        return FALSE;
    }
    field_report(f, w, NULL);
    return TRUE;
}

static gboolean
field_send(Field *f, GtkWidget *w, double value)
{
    ExopkGuiEdit e = f->edit;

    e.name = f->name;
    e.value = value;
    return field_send_edit(f, w, &e);
}

/* ---- units --------------------------------------------------------------- */

static const ExopkDosingLine *
field_line(const Field *f)
{
    const ExopkStudy *s = f->get_study(f->data);

    return &s->arms[f->edit.index].lines[f->edit.line];
}

/* Particles per nmol of the first cargo of the line's formulation (the
 * loaded content per vesicle), 0 if the formulation loads none. */
static double
particles_per_nmol(const ExopkStudy *s, const ExopkDosingLine *l)
{
    ExopkDose one = l->dose;
    double p = 0;

    one.unit = EXOPK_DOSE_NMOL;
    one.cargo = 0;
    one.amount = 1;
    return exopk_dose_particles(s, &one, &p, NULL) == EXOPK_OK && isfinite(p) ? p : 0;
}

/* Engine value of one @unit of a dose of the field's line, and its class. */
static gboolean
dose_unit_factor(const Field *f, const char *unit, ExopkDoseUnit *cls, double *factor)
{
    const ExopkStudy *s = f->get_study(f->data);
    const ExopkDosingLine *l = field_line(f);
    g_autofree char *text = g_strdup_printf("1 %s", unit);

    if (strcmp(unit, UG_PROTEIN) == 0) {
        *cls = EXOPK_DOSE_PARTICLES;
        *factor = s->formulations[l->dose.formulation].carrier.particles_per_ug_protein;
        return *factor > 0;
    }
    return exopk_gui_dose_from_text(s, l, text, cls, factor, NULL) && *factor > 0;
}

/* The line's dose in @cls (particles or nmol): converted through the
 * loaded content when it is dosed in the other. */
static double
dose_in_class(const Field *f, ExopkDoseUnit cls)
{
    const ExopkStudy *s = f->get_study(f->data);
    const ExopkDosingLine *l = field_line(f);
    double per_nmol;

    if (l->dose.unit == cls)
        return l->dose.amount;
    per_nmol = particles_per_nmol(s, l);
    if (!(per_nmol > 0))
        return NAN;
    return cls == EXOPK_DOSE_PARTICLES ? l->dose.amount * per_nmol : l->dose.amount / per_nmol;
}

/* Engine value of one unit @unit of a time or a weight. */
static double
unit_factor(const Field *f, const char *unit)
{
    g_autofree char *text = g_strdup_printf("1 %s", unit);
    double v = NAN;

    exopk_units_parse_as(text, f->kind, &v, NULL);
    return v;
}

/* The field's value in the unit shown; NAN if it cannot be said in it. */
static double
shown_value(const Field *f)
{
    ExopkDoseUnit cls;
    double factor;

    if (f->choices == NULL)
        return f->engine;
    if (f->units != UNITS_DOSE)
        return f->engine / unit_factor(f, f->choices[f->choice]);
    if (!dose_unit_factor(f, f->choices[f->choice], &cls, &factor))
        return NAN;
    return dose_in_class(f, cls) / factor;
}

/* Spin range and steps for the unit shown; then the value. */
static void
show_value(Field *f)
{
    GtkAdjustment *adj = gtk_spin_button_get_adjustment(GTK_SPIN_BUTTON(f->spin));
    double v = shown_value(f), lower = 0, upper = 1e20;
    double step = isfinite(v) && v > 0 ? pow(10, floor(log10(v))) : 1;

    if (f->units == UNITS_TIME || f->units == UNITS_WEIGHT) {
        double per = unit_factor(f, f->choices[f->choice]);
        lower = f->lower / per;
        upper = f->upper / per;
    }
    f->syncing = TRUE;
    if (f->choices != NULL)
        gtk_adjustment_configure(adj, isfinite(v) ? v : 0, lower, upper, step, 10 * step, 0);
    gtk_spin_button_set_value(GTK_SPIN_BUTTON(f->spin), isfinite(v) ? v : 0);
    f->syncing = FALSE;
}

/* The unit written after the number in @text ("" for none). */
static const char *
unit_part(const char *text)
{
    char *end;

    g_ascii_strtod(text, &end);
    while (*end == ' ')
        end++;
    return end;
}

/* Index of @unit among the field's choices (µ and u both), or -1. */
static int
choice_index(const Field *f, const char *unit)
{
    for (int i = 0; f->choices != NULL && f->choices[i] != NULL; i++) {
        g_autofree char *ascii = NULL;
        const char *mu = strstr(f->choices[i], "\xc2\xb5");

        if (strcmp(f->choices[i], unit) == 0)
            return i;
        if (mu != NULL) {
            ascii = g_strdup_printf("%.*su%s", (int) (mu - f->choices[i]), f->choices[i],
                                    mu + 2);
            if (strcmp(ascii, unit) == 0)
                return i;
        }
    }
    return -1;
}

static void
select_choice(Field *f, guint choice)
{
    f->choice = choice;
    f->syncing = TRUE;
    gtk_drop_down_set_selected(GTK_DROP_DOWN(f->unit_dd), choice);
    f->syncing = FALSE;
}

/* Sends a dose as text; the field then shows it in its unit. */
static gboolean
send_dose_text(Field *f, const char *text)
{
    ExopkGuiEdit e = f->edit;

    e.kind = EXOPK_GUI_EDIT_DOSE;
    e.name = text;
    if (!field_send_edit(f, f->spin, &e))
        return FALSE;
    show_value(f);
    return TRUE;
}

/* Nine significant digits: a dose said in another unit and back keeps
 * its text ("4 mg/kg", "172.416767 nmol", "4 mg/kg"). */
#define DOSE_DIGITS "%.9g"

/* The dose text of @v in the unit shown ("µg protein": as particles, the
 * unit a study file reads). */
static char *
dose_text_of(const Field *f, double v)
{
    char num[G_ASCII_DTOSTR_BUF_SIZE];

    if (strcmp(f->choices[f->choice], UG_PROTEIN) == 0) {
        ExopkDoseUnit cls;
        double factor = 0;

        dose_unit_factor(f, UG_PROTEIN, &cls, &factor);
        g_ascii_formatd(num, sizeof num, DOSE_DIGITS, v * factor);
        return g_strdup_printf("%s particles", num);
    }
    g_ascii_formatd(num, sizeof num, DOSE_DIGITS, v);
    return g_strdup_printf("%s %s", num, f->choices[f->choice]);
}

/* A new unit chosen: the same quantity in it (a dose is written in it
 * from now on, so that it is saved as shown). */
static void
on_unit_selected(GObject *dd, GParamSpec *pspec, gpointer data)
{
    Field *f = data;
    guint old = f->choice;
    double v;

    (void) pspec;
    if (f->syncing)
        return;
    f->choice = gtk_drop_down_get_selected(GTK_DROP_DOWN(dd));
    v = shown_value(f);
    if (!isfinite(v)) {
        field_report(f, f->spin, "cannot be said in this unit: the formulation loads no cargo");
        select_choice(f, old);
        return;
    }
    if (f->units == UNITS_DOSE) {
        g_autofree char *text = dose_text_of(f, v);
        if (!send_dose_text(f, text))
            select_choice(f, old);
        return;
    }
    show_value(f);
}

/* ---- spin buttons ---------------------------------------------------------- */

static void
on_spin_value(GtkSpinButton *spin, gpointer data)
{
    Field *f = data;
    double v = gtk_spin_button_get_value(spin), engine;

    if (f->scale != NULL && !f->syncing) {
        f->syncing = TRUE;
        gtk_range_set_value(GTK_RANGE(f->scale), log10(fmax(v, 1)));
        f->syncing = FALSE;
    }
    if (f->syncing)
        return;
    if (f->units == UNITS_DOSE) {
        g_autofree char *text = NULL;
        if (v == shown_value(f))
            return;                 /* no change */
        text = dose_text_of(f, v);
        if (!send_dose_text(f, text))
            show_value(f);
        return;
    }
    engine = f->choices != NULL ? v * unit_factor(f, f->choices[f->choice]) : v;
    if (engine != f->engine && field_send(f, GTK_WIDGET(spin), engine))
        f->engine = engine;
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
    on_spin_value(GTK_SPIN_BUTTON(f->spin), f);
}

/* A number typed outside the field's range: say so while typing. */
static void
on_spin_text(GtkEditable *editable, gpointer data)
{
    Field *f = data;
    const char *text = gtk_editable_get_text(editable);
    GtkAdjustment *adj = gtk_spin_button_get_adjustment(GTK_SPIN_BUTTON(f->spin));
    char *end;
    double v = g_ascii_strtod(text, &end);
    char lo[32], hi[32], msg[160];

    if (end == text || *text == '\0' || *unit_part(text) != '\0' || f->syncing)
        return;
    if (v < gtk_adjustment_get_lower(adj) || v > gtk_adjustment_get_upper(adj)) {
        exopk_gui_format(lo, sizeof lo, gtk_adjustment_get_lower(adj));
        exopk_gui_format(hi, sizeof hi, gtk_adjustment_get_upper(adj));
        g_snprintf(msg, sizeof msg, "%s is out of range: %s–%s %s", text, lo, hi,
                   f->choices != NULL ? f->choices[f->choice] : f->unit);
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

/* "4 mg/kg" typed into a dose: sent as written; the unit selector follows
 * when it offers that unit. */
static int
dose_input(Field *f, const char *text, double *value)
{
    int i = choice_index(f, unit_part(text));
    ExopkDoseUnit cls;
    double factor;

    if (i >= 0 && strcmp(f->choices[i], UG_PROTEIN) == 0) {
        /* no unit of a study file: said in particles */
        g_autofree char *particles = NULL;
        guint old = f->choice;
        f->choice = (guint) i;
        particles = dose_text_of(f, g_ascii_strtod(text, NULL));
        f->choice = old;
        text = particles;
        if (!send_dose_text(f, text))
            return GTK_INPUT_ERROR;
        select_choice(f, (guint) i);
        show_value(f);
        *value = shown_value(f);
        return TRUE;
    }
    if (!send_dose_text(f, text))
        return GTK_INPUT_ERROR;
    if (i >= 0)
        select_choice(f, (guint) i);
    else if (!dose_unit_factor(f, f->choices[f->choice], &cls, &factor)
             || cls != field_line(f)->dose.unit)
        select_choice(f, field_line(f)->dose.unit == EXOPK_DOSE_PARTICLES
                         ? 0 : (guint) choice_index(f, "mg/kg"));
    show_value(f);
    *value = shown_value(f);
    return TRUE;
}

/* A number, in the unit shown; or a quantity with its unit ("3 d", "25 g",
 * "4 mg/kg"), read by the core's unit parser as a study file is.  A bad
 * entry keeps the old value and says what was expected. */
static int
on_spin_input(GtkSpinButton *spin, double *value, gpointer data)
{
    Field *f = data;
    const char *text = gtk_editable_get_text(GTK_EDITABLE(spin));
    const char *unit = unit_part(text);
    ExopkError err;
    double engine;
    int i;

    if (*unit == '\0' && unit != text) {
        *value = g_ascii_strtod(text, NULL);
        return TRUE;
    }
    if (f->units == UNITS_DOSE && unit != text)
        return dose_input(f, text, value);
    if (exopk_units_parse_as(text, f->kind, &engine, &err) != EXOPK_OK) {
        g_autofree char *m = g_strdup_printf("\"%s\": %s", text, err.message);
        field_report(f, GTK_WIDGET(spin), m);
        return GTK_INPUT_ERROR;
    }
    if ((i = choice_index(f, unit)) >= 0)
        select_choice(f, (guint) i);
    /* sent now: the number shown may stay the same ("3" h, then "3 d") */
    if (engine != f->engine) {
        if (!field_send(f, GTK_WIDGET(spin), engine))
            return GTK_INPUT_ERROR;
        f->engine = engine;
    }
    *value = f->choices != NULL ? engine / unit_factor(f, f->choices[f->choice]) : engine;
    return TRUE;
}

typedef struct {
    GtkWidget *grid;
    int row;
    ExopkGuiEditFn fn;
    ExopkGuiStudyFn get_study;
    gpointer data;
    GHashTable *spins;            /* key -> GtkSpinButton (borrowed) */
    GHashTable *widgets;          /* key -> other widgets (borrowed) */
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

static void
put_widget(Builder *b, const char *key, GtkWidget *w)
{
    g_hash_table_insert(b->widgets, g_strdup(key), w);
}

/* The hidden message line under a row. */
static void
message_row(Builder *b, Field *f, const char *key)
{
    g_autofree char *mkey = g_strdup_printf("%s.message", key);

    f->message = label_new(NULL, 0, "error-message");
    gtk_label_set_wrap(GTK_LABEL(f->message), TRUE);
    gtk_widget_set_visible(f->message, FALSE);
    gtk_grid_attach(GTK_GRID(b->grid), f->message, 0, b->row++, 3, 1);
    put_widget(b, mkey, f->message);
}

static Field *
field_new(Builder *b, ExopkGuiEdit edit, const char *name)
{
    Field *f = g_new0(Field, 1);

    f->fn = b->fn;
    f->get_study = b->get_study;
    f->data = b->data;
    f->edit = edit;
    f->name = g_strdup(name);
    return f;
}

/* The unit column: a selector for a field with units, else the unit. */
static GtkWidget *
unit_widget(Builder *b, Field *f, const char *key)
{
    if (f->choices == NULL)
        return label_new(f->unit, 0, "dim-label");
    f->unit_dd = gtk_drop_down_new_from_strings(f->choices);
    gtk_drop_down_set_selected(GTK_DROP_DOWN(f->unit_dd), f->choice);
    gtk_widget_set_tooltip_text(f->unit_dd, "The unit the value is shown and written in");
    g_signal_connect(f->unit_dd, "notify::selected", G_CALLBACK(on_unit_selected), f);
    g_hash_table_insert(b->widgets, g_strdup_printf("%s.unit", key), f->unit_dd);
    return f->unit_dd;
}

static void
log_slider(Builder *b, Field *f, double value)
{
    f->scale = gtk_scale_new_with_range(GTK_ORIENTATION_HORIZONTAL, log10(fmax(f->lower, 1)),
                                        log10(f->upper), 0.01);
    gtk_scale_set_draw_value(GTK_SCALE(f->scale), FALSE);
    gtk_range_set_value(GTK_RANGE(f->scale), log10(fmax(value, 1)));
    gtk_widget_set_tooltip_text(f->scale, "Logarithmic: one decade per step of the marks");
    for (int d = (int) ceil(log10(fmax(f->lower, 1))); d <= (int) floor(log10(f->upper)); d++)
        gtk_scale_add_mark(GTK_SCALE(f->scale), d, GTK_POS_BOTTOM, NULL);
    gtk_grid_attach(GTK_GRID(b->grid), f->scale, 1, b->row++, 2, 1);
    g_signal_connect(f->scale, "value-changed", G_CALLBACK(on_scale_value), f);
}

/* A row: label, spin button, unit (or unit selector), an optional log
 * slider under it, and a hidden message line.  @f is filled but for its
 * widgets; @value is in the engine unit. */
static GtkSpinButton *
number_row(Builder *b, Field *f, const char *key, const char *label, double value,
           gboolean slider, const char *tip_path, const char *tip)
{
    GtkAdjustment *adj = gtk_adjustment_new(value, f->lower, f->upper, 1, 10, 0);
    GtkWidget *spin = gtk_spin_button_new(adj, 1, 6), *l;

    f->spin = spin;
    f->engine = value;
    gtk_spin_button_set_numeric(GTK_SPIN_BUTTON(spin), FALSE);
    gtk_spin_button_set_update_policy(GTK_SPIN_BUTTON(spin), GTK_UPDATE_IF_VALID);
    gtk_editable_set_width_chars(GTK_EDITABLE(spin), 9);
    gtk_widget_set_hexpand(spin, TRUE);
    g_signal_connect(spin, "output", G_CALLBACK(on_spin_output), f);
    g_signal_connect(spin, "input", G_CALLBACK(on_spin_input), f);
    l = label_new(label, 0, NULL);
    set_tooltip(l, tip_path, tip);
    set_tooltip(spin, tip_path, tip);
    gtk_grid_attach(GTK_GRID(b->grid), l, 0, b->row, 1, 1);
    gtk_grid_attach(GTK_GRID(b->grid), spin, 1, b->row, 1, 1);
    gtk_grid_attach(GTK_GRID(b->grid), unit_widget(b, f, key), 2, b->row, 1, 1);
    b->row++;
    show_value(f);
    on_spin_output(GTK_SPIN_BUTTON(spin), f);
    if (slider)
        log_slider(b, f, value);
    message_row(b, f, key);
    g_signal_connect(spin, "value-changed", G_CALLBACK(on_spin_value), f);
    g_signal_connect(spin, "changed", G_CALLBACK(on_spin_text), f);
    g_object_set_data_full(G_OBJECT(spin), "exopk-field", f, field_free);
    g_hash_table_insert(b->spins, g_strdup(key), spin);
    return GTK_SPIN_BUTTON(spin);
}

/* A quantity in one unit, e.g. nm or mm³ (typed units converted to it). */
static void
plain_row(Builder *b, const char *key, const char *label, const char *unit, ExopkUnitKind kind,
          double value, double lower, double upper, gboolean slider, ExopkGuiEdit edit,
          const char *name, const char *tip_path, const char *tip)
{
    Field *f = field_new(b, edit, name);

    f->unit = g_strdup(unit);
    f->kind = kind;
    f->lower = lower;
    f->upper = upper;
    number_row(b, f, key, label, value, slider, tip_path, tip);
}

/* A time (h or d) or a body weight (g or kg): shown in days when a whole
 * number of them, in g under a kilogram. */
static void
time_row(Builder *b, const char *key, const char *label, double hours, double upper,
         ExopkGuiEdit edit, const char *name, const char *tip)
{
    Field *f = field_new(b, edit, name);

    f->units = UNITS_TIME;
    f->kind = EXOPK_KIND_TIME;
    f->choices = time_units;
    f->choice = hours > 0 && fmod(hours, 24) == 0 ? 1 : 0;
    f->upper = upper;
    number_row(b, f, key, label, hours, FALSE, NULL, tip);
}

static void
weight_row(Builder *b, const char *path, double kg, ExopkGuiEdit edit)
{
    Field *f = field_new(b, edit, NULL);

    f->units = UNITS_WEIGHT;
    f->kind = EXOPK_KIND_BODY_WEIGHT;
    f->choices = weight_units;
    f->choice = kg < 1 ? 0 : 1;
    f->lower = 1e-3;
    f->upper = 500;
    number_row(b, f, "subject.weight", "Body weight", kg, FALSE, path,
               "Body weight of the subject");
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
    Field *f = field_new(b, edit, NULL);
    GtkWidget *c = gtk_check_button_new_with_label(label);

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

    (void) pspec;
    if (item == NULL)
        return;
    e.name = gtk_string_object_get_string(item);
    /* a structural edit reloads the study and rebuilds these editors
     * after this signal has returned */
    field_send_edit(f, GTK_WIDGET(dd), &e);
}

/* A drop-down of @names with @current selected. */
static GtkWidget *
choice_row_of(Builder *b, const char *key, const char *label, const char *const *names,
              const char *current, ExopkGuiEdit edit, const char *tip_path, const char *tip)
{
    Field *f = field_new(b, edit, NULL);
    GtkWidget *dd = gtk_drop_down_new_from_strings(names);
    guint sel = GTK_INVALID_LIST_POSITION;
    GtkWidget *l = label_new(label, 0, NULL);

    for (guint i = 0; names[i] != NULL; i++)
        if (strcmp(names[i], current) == 0)
            sel = i;
    gtk_drop_down_set_selected(GTK_DROP_DOWN(dd), sel);
    set_tooltip(dd, tip_path, tip);
    set_tooltip(l, tip_path, tip);
    gtk_grid_attach(GTK_GRID(b->grid), l, 0, b->row, 1, 1);
    gtk_grid_attach(GTK_GRID(b->grid), dd, 1, b->row++, 2, 1);
    message_row(b, f, key);
    g_signal_connect(dd, "notify::selected", G_CALLBACK(on_choice), f);
    g_object_set_data_full(G_OBJECT(dd), "exopk-field", f, field_free);
    put_widget(b, key, dd);
    return dd;
}

static void
choice_row(Builder *b, const char *key, const char *label, const char *subdir,
           const char *current, ExopkGuiEdit edit, const char *tip_path, const char *tip)
{
    g_auto(GStrv) names = exopk_gui_library_names(subdir);

    choice_row_of(b, key, label, (const char *const *) names, current, edit, tip_path, tip);
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
on_button(GtkButton *button, gpointer data)
{
    Field *f = data;

    field_send(f, GTK_WIDGET(button), 0);
}

/* A button that sends @edit, with a message line under it. */
static GtkWidget *
button_row(Builder *b, const char *key, const char *label, ExopkGuiEdit edit, int col,
           const char *tip)
{
    Field *f = field_new(b, edit, NULL);
    GtkWidget *button = gtk_button_new_with_label(label);

    gtk_widget_set_tooltip_text(button, tip);
    gtk_widget_set_halign(button, col == 0 ? GTK_ALIGN_START : GTK_ALIGN_END);
    gtk_grid_attach(GTK_GRID(b->grid), button, col, b->row++, col == 0 ? 3 : 1, 1);
    message_row(b, f, key);
    g_signal_connect(button, "clicked", G_CALLBACK(on_button), f);
    g_object_set_data_full(G_OBJECT(button), "exopk-field", f, field_free);
    put_widget(b, key, button);
    return button;
}

/* ---- sections ------------------------------------------------------------- */

static void
study_editors(Builder *b, const ExopkStudy *s)
{
    ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_HORIZON };

    heading(b, "Study", NULL);
    time_row(b, "study.horizon", "Horizon", s->horizon, 24 * 3650, e, NULL,
             "How long to simulate");
}

static void
subject_editors(Builder *b, const ExopkStudy *s)
{
    char path[192];
    ExopkGuiEdit e = { 0 };

    heading(b, "Subject", NULL);
    e.kind = EXOPK_GUI_EDIT_SPECIES;
    g_snprintf(path, sizeof path, "species.%s.body_weight", s->species.name);
    choice_row(b, "subject.species", "Species", "species", s->species.name, e, NULL,
               "The species' physiology (data/species); the weight resets to its default");
    e.kind = EXOPK_GUI_EDIT_WEIGHT;
    weight_row(b, path, s->weight, e);
    e.kind = EXOPK_GUI_EDIT_TUMOUR;
    choice_row(b, "study.tumour", "Tumour model", "tumours",
               s->has_tumour ? s->tumour_ref.name : "", e, NULL,
               "The tumour's growth and resistance (data/tumours)");
    if (!s->has_tumour)
        return;
    e.kind = EXOPK_GUI_EDIT_TUMOUR_VOLUME;
    g_snprintf(path, sizeof path, "tumour.%s.volume", s->tumour_ref.name);
    plain_row(b, "subject.tumour_volume", "Tumour volume", "mm³", EXOPK_KIND_TUMOUR_VOLUME,
              s->tumour_volume0, 1, fmax(5000, s->tumour_ref.capacity), FALSE, e, NULL, path,
              "Tumour volume at t = 0");
    e.kind = EXOPK_GUI_EDIT_RESISTANT;
    g_snprintf(path, sizeof path, "tumour.%s.resistant_fraction", s->tumour_ref.name);
    plain_row(b, "subject.resistant_fraction", "Resistant fraction", "1",
              EXOPK_KIND_DIMENSIONLESS, s->resistant_fraction0, 0, 1, FALSE, e, NULL, path,
              "Share of P-gp-high resistant cells at t = 0");
}

static void
cargo_editors(Builder *b, const ExopkStudy *s, size_t i)
{
    const ExopkFormulation *f = &s->formulations[i];
    g_auto(GStrv) agents = exopk_gui_library_names("agents");
    char path[256], key[256], title[128];

    for (size_t c = 0; c < f->n_cargo; c++) {
        const char *agent = s->agent_ref[f->cargo[c].agent].name;
        ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_CARGO_AGENT, .index = i, .cargo = c };

        g_snprintf(key, sizeof key, "formulation.%s.cargo.%zu.agent", f->name, c);
        choice_row_of(b, key, "Cargo", (const char *const *) agents, agent, e, NULL,
                      "The agent loaded into the vesicles (data/agents)");
        e.kind = EXOPK_GUI_EDIT_OFFERED;
        g_snprintf(key, sizeof key, "formulation.%s.offered.%s", f->name, agent);
        g_snprintf(title, sizeof title, "%s offered", agent);
        g_snprintf(path, sizeof path, "loading.%s.ee0.%s", f->method_ref.name, agent);
        plain_row(b, key, title, "molecules/vesicle", EXOPK_KIND_PER_VESICLE,
                  f->cargo[c].offered, 1, 1e7, TRUE, e, NULL, path,
                  "Molecules offered per vesicle during loading");
    }
}

/* The formulation's targeting ligand: "none" or one of data/ligands (the
 * first when the study file lists several). */
static void
ligand_row(Builder *b, const ExopkStudy *s, const ExopkFormulation *f, ExopkGuiEdit e)
{
    g_auto(GStrv) lib = exopk_gui_library_names("ligands");
    GStrvBuilder *sb = g_strv_builder_new();
    g_auto(GStrv) names = NULL;
    const char *now = f->n_ligands > 0 ? s->ligand_ref[f->ligand[0]].name : "none";
    char key[256], path[256];

    g_strv_builder_add(sb, "none");
    g_strv_builder_addv(sb, (const char **) lib);
    names = g_strv_builder_end(sb);
    g_strv_builder_unref(sb);
    g_snprintf(key, sizeof key, "formulation.%s.ligand", f->name);
    g_snprintf(path, sizeof path, "ligand.%s.ps_tum_multiplier", now);
    choice_row_of(b, key, "Targeting ligand", (const char *const *) names, now, e,
                  f->n_ligands > 0 ? path : NULL,
                  "A peptide on the surface (data/ligands): its tumour effects need the "
                  "receptors the tumour model lists; several ligands: in the study file");
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
        g_snprintf(key, sizeof key, "formulation.%s.carrier", f->name);
        choice_row(b, key, "Carrier", "carriers", f->carrier_ref.name, e, NULL,
                   "Vesicle source and its PK (data/carriers)");
        e.kind = EXOPK_GUI_EDIT_DIAMETER;
        g_snprintf(key, sizeof key, "formulation.%s.diameter", f->name);
        g_snprintf(path, sizeof path, "carrier.%s.diameter", f->carrier_ref.name);
        plain_row(b, key, "Diameter", "nm", EXOPK_KIND_LENGTH, f->diameter, 20, 1000, FALSE, e,
                  NULL, path, "Mean vesicle diameter: sets lumen and membrane capacity");
        e.kind = EXOPK_GUI_EDIT_CD47;
        check_row(b, "CD47 over-display", f->cd47, e, "Less MPS uptake (don't-eat-me signal)");
        e.kind = EXOPK_GUI_EDIT_PEG;
        check_row(b, "PEG coating", f->peg, e, "Longer circulation, less uptake");
        e.kind = EXOPK_GUI_EDIT_LIGAND;
        ligand_row(b, s, f, e);
        e.kind = EXOPK_GUI_EDIT_METHOD;
        g_snprintf(key, sizeof key, "formulation.%s.method", f->name);
        g_snprintf(path, sizeof path, "loading.%s.recovery", f->method_ref.name);
        choice_row(b, key, "Loading method", "loading", f->method_ref.name, e, path, NULL);
        cargo_editors(b, s, i);
    }
}

/* The unit a dose is shown in: the unit it was written in when offered,
 * else particles or nmol. */
static guint
dose_choice(const Field *f, const ExopkDosingLine *l)
{
    int i = l->dose_text[0] ? choice_index(f, unit_part(l->dose_text)) : -1;

    if (i >= 0)
        return (guint) i;
    if (l->dose.formulation < 0)
        return 3;                                   /* nmol */
    return l->dose.unit == EXOPK_DOSE_PARTICLES ? 0 : 5;
}

/* "arm.NAME.FIELD" for the first line (as before lines could be added),
 * "arm.NAME.K.FIELD" for line K > 0. */
static void
line_key(char *buf, size_t size, const ExopkArm *arm, size_t k, const char *field)
{
    if (k == 0)
        g_snprintf(buf, size, "arm.%s.%s", arm->name, field);
    else
        g_snprintf(buf, size, "arm.%s.%zu.%s", arm->name, k, field);
}

/* What a line can give: the formulations, then the library's agents. */
static GStrv
give_names(const ExopkStudy *s)
{
    g_auto(GStrv) agents = exopk_gui_library_names("agents");
    GStrvBuilder *sb = g_strv_builder_new();
    GStrv names;

    for (size_t i = 0; i < s->n_formulations; i++)
        g_strv_builder_add(sb, s->formulations[i].name);
    g_strv_builder_addv(sb, (const char **) agents);
    names = g_strv_builder_end(sb);
    g_strv_builder_unref(sb);
    return names;
}

static void
dose_row(Builder *b, const ExopkStudy *s, size_t a, size_t k)
{
    const ExopkDosingLine *l = &s->arms[a].lines[k];
    ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_DOSE, .index = a, .line = k };
    Field *f = field_new(b, e, "dose");
    char key[256];

    f->units = UNITS_DOSE;
    f->choices = l->dose.formulation >= 0 ? vesicle_dose_units : agent_dose_units;
    f->choice = dose_choice(f, l);
    f->upper = 1e16;
    line_key(key, sizeof key, &s->arms[a], k, "dose");
    number_row(b, f, key, "Dose", l->dose.amount, FALSE, NULL,
               "Amount per dose, in the unit beside it; type a quantity such as "
               "\"4 mg/kg\" or \"2e11 particles\"");
}

static void
line_fields(Builder *b, const ExopkStudy *s, size_t a, size_t k)
{
    static const char *const routes[] = { "iv", "it", "ip", NULL };
    const ExopkArm *arm = &s->arms[a];
    const ExopkDosingLine *l = &arm->lines[k];
    ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_GIVE, .index = a, .line = k };
    g_auto(GStrv) gives = give_names(s);
    char key[256];

    line_key(key, sizeof key, arm, k, "give");
    choice_row_of(b, key, "Give", (const char *const *) gives,
                  l->dose.formulation >= 0 ? s->formulations[l->dose.formulation].name
                                           : s->agent_ref[l->dose.agent].name,
                  e, NULL, "A formulation of the study, or a free agent");
    e.kind = EXOPK_GUI_EDIT_ROUTE;
    line_key(key, sizeof key, arm, k, "route");
    choice_row_of(b, key, "Route", routes, routes[l->dose.route], e, NULL,
                  "iv: intravenous, it: intratumoral, ip: intraperitoneal");
    dose_row(b, s, a, k);
    e.kind = EXOPK_GUI_EDIT_LINE_SET;
    line_key(key, sizeof key, arm, k, "at");
    time_row(b, key, "First dose at", l->dose.time, 24 * 3650, e, "at", "Time of the first dose");
    line_key(key, sizeof key, arm, k, "every");
    time_row(b, key, "Interval", l->every, 24 * 365, e, "every", "Time between doses");
    line_key(key, sizeof key, arm, k, "count");
    plain_row(b, key, "Number of doses", "doses", EXOPK_KIND_DIMENSIONLESS, l->count, 1, 200,
              FALSE, e, "count", NULL, "Doses in this line (more than 1 needs an interval)");
    if (l->dose.route == EXOPK_ROUTE_IV) {
        line_key(key, sizeof key, arm, k, "over");
        time_row(b, key, "Infusion duration", l->dose.duration, 48, e, "over", "0 for a bolus");
    }
}

static void
line_editors(Builder *b, const ExopkStudy *s, size_t a)
{
    const ExopkArm *arm = &s->arms[a];
    char key[256], title[64];

    for (size_t k = 0; k < arm->n_lines; k++) {
        ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_REMOVE_LINE, .index = a, .line = k };
        GtkWidget *l;

        g_snprintf(title, sizeof title, "Dosing line %zu", k + 1);
        l = label_new(title, 0, "dim-label");
        gtk_widget_set_margin_top(l, 6);
        gtk_grid_attach(GTK_GRID(b->grid), l, 0, b->row, 2, 1);
        g_snprintf(key, sizeof key, "arm.%s.%zu.remove", arm->name, k);
        button_row(b, key, "Remove line", e, 2, "Remove this dosing line");
        line_fields(b, s, a, k);
    }
}

static void
arm_editors(Builder *b, const ExopkStudy *s)
{
    char key[256], title[160];

    for (size_t a = 0; a < s->n_arms; a++) {
        const ExopkArm *arm = &s->arms[a];
        ExopkGuiEdit e = { .kind = EXOPK_GUI_EDIT_REMOVE_ARM, .index = a };

        g_snprintf(title, sizeof title, "Arm %s", arm->name);
        heading(b, title, arm->n_lines == 0 ? "untreated" : NULL);
        line_editors(b, s, a);
        e.kind = EXOPK_GUI_EDIT_ADD_LINE;
        g_snprintf(key, sizeof key, "arm.%s.add_line", arm->name);
        button_row(b, key, "Add dosing line", e, 0, "Add a dosing line to this arm");
        e.kind = EXOPK_GUI_EDIT_REMOVE_ARM;
        g_snprintf(key, sizeof key, "arm.%s.remove", arm->name);
        button_row(b, key, "Remove arm", e, 0, "Remove this arm from the study");
    }
}

static void
on_add_named(GtkWidget *w, gpointer data)
{
    Field *f = data;
    GtkWidget *entry = f->spin;   /* the name entry */
    ExopkGuiEdit e = f->edit;
    g_autofree char *name = g_strstrip(g_strdup(gtk_editable_get_text(GTK_EDITABLE(entry))));

    (void) w;
    e.name = name;
    field_send_edit(f, entry, &e);
}

/* A section "New arm" or "New formulation": a name entry and a button
 * that sends @kind with the name ("@what.new.name", "@what.new.add"). */
static void
new_named_editor(Builder *b, ExopkGuiEditKind kind, const char *what, const char *title,
                 const char *placeholder, const char *button_label)
{
    ExopkGuiEdit e = { .kind = kind };
    Field *f = field_new(b, e, NULL);
    GtkWidget *entry = gtk_entry_new(), *button = gtk_button_new_with_label(button_label);
    char key[64];

    heading(b, title, NULL);
    gtk_entry_set_placeholder_text(GTK_ENTRY(entry), placeholder);
    gtk_grid_attach(GTK_GRID(b->grid), entry, 0, b->row, 2, 1);
    gtk_grid_attach(GTK_GRID(b->grid), button, 2, b->row++, 1, 1);
    g_snprintf(key, sizeof key, "%s.new", what);
    message_row(b, f, key);
    f->spin = entry;
    g_signal_connect(button, "clicked", G_CALLBACK(on_add_named), f);
    g_signal_connect(entry, "activate", G_CALLBACK(on_add_named), f);
    g_object_set_data_full(G_OBJECT(button), "exopk-field", f, field_free);
    g_snprintf(key, sizeof key, "%s.new.name", what);
    put_widget(b, key, entry);
    g_snprintf(key, sizeof key, "%s.new.add", what);
    put_widget(b, key, button);
}

GtkWidget *
exopk_gui_editors_new(const ExopkStudy *study, ExopkGuiEditFn fn, ExopkGuiStudyFn get_study,
                      gpointer data)
{
    Builder b = { .grid = gtk_grid_new(), .fn = fn, .get_study = get_study, .data = data };

    b.spins = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    b.widgets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    gtk_grid_set_row_spacing(GTK_GRID(b.grid), 4);
    gtk_grid_set_column_spacing(GTK_GRID(b.grid), 8);
    gtk_widget_add_css_class(b.grid, "editors");
    study_editors(&b, study);
    subject_editors(&b, study);
    formulation_editors(&b, study);
    new_named_editor(&b, EXOPK_GUI_EDIT_ADD_FORMULATION, "formulation", "New formulation",
                     "name, e.g. exodox", "Add formulation");
    arm_editors(&b, study);
    new_named_editor(&b, EXOPK_GUI_EDIT_ADD_ARM, "arm", "New arm", "name, e.g. exodox_high",
                     "Add arm");
    g_object_set_data_full(G_OBJECT(b.grid), "exopk-spins", b.spins,
                           (GDestroyNotify) g_hash_table_unref);
    g_object_set_data_full(G_OBJECT(b.grid), "exopk-widgets", b.widgets,
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

GtkWidget *
exopk_gui_editors_get_widget(GtkWidget *editors, const char *key)
{
    GHashTable *w = editors != NULL ? g_object_get_data(G_OBJECT(editors), "exopk-widgets")
                                    : NULL;

    return w != NULL ? g_hash_table_lookup(w, key) : NULL;
}

GtkWidget *
exopk_gui_editors_get_unit(GtkWidget *editors, const char *key)
{
    g_autofree char *k = g_strdup_printf("%s.unit", key);

    return exopk_gui_editors_get_widget(editors, k);
}
