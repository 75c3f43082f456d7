/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GUI test: build a two-arm study from scratch in the editors, as a
 * researcher would, in lab units.  New study; a duplicate arm name is
 * refused; add arm "dox" and a dosing line; type "4 mg/kkg" (refused,
 * inline, the old dose kept) and "4 mg/kg"; the unit selector shows the
 * same dose in nmol and back; "3 d" into the interval; 5 doses; change the
 * tumour model, undo, redo; "30 g" into the weight (the mg/kg dose
 * follows); the regimen in the exported figure's legend; save, check the
 * file's text, open it again; remove the line; add a formulation (names
 * checked), give it the targeting ligand iRGD from the drop-down, and a
 * line of it, dosed in particles and in µg protein.  TAP
 * on stdout; GTK warnings are fatal.
 *
 * Expected values from the maths: a 4 mg/kg dose of doxorubicin
 * hydrochloride (579.99 g/mol, data/agents/doxorubicin.lua) in a 25 g
 * mouse is 4e-3 g/kg x 0.025 kg / 579.99 g/mol = 172.417 nmol; at 30 g,
 * 206.900 nmol; 1 mg/kg at 25 g is 43.104 nmol. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-editors.h"
#include "exopk-gui-window.h"

#define TIMEOUT_S 100
#define N_TESTS 33
#define STEP_DONE 99
#define MW_DOX_HCL 579.99          /* g/mol */
#define NMOL(mg_per_kg, kg) ((mg_per_kg) * 1e-3 * (kg) / MW_DOX_HCL * 1e9)

typedef struct {
    ExopkGuiApplication *app;
    ExopkGuiWindow *win;
    GtkWidget *editors;           /* the editors the last step saw */
    int step, n_test;
    char *tmp, *saved;
    guint results_before;
    gint64 started;
} Test;

static void
ok(Test *t, gboolean pass, const char *what)
{
    printf("%sok %d - %s\n", pass ? "" : "not ", ++t->n_test, what);
    fflush(stdout);
}

static gboolean
finish(Test *t)
{
    t->step = STEP_DONE;
    exopk_gui_window_set_force_close(t->win, TRUE);
    gtk_window_close(GTK_WINDOW(t->win));
    return G_SOURCE_REMOVE;
}

static gboolean
near(double v, double want, double rel)
{
    return fabs(v - want) <= rel * fabs(want);
}

static const ExopkStudy *
study(Test *t)
{
    return exopk_gui_window_get_study(t->win);
}

static const ExopkArm *
arm(Test *t, const char *name)
{
    const ExopkStudy *s = study(t);

    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, name) == 0)
            return &s->arms[a];
    return NULL;
}

static GtkWidget *
widget(Test *t, const char *key)
{
    return exopk_gui_editors_get_widget(exopk_gui_window_get_editors(t->win), key);
}

/* The editors were rebuilt since the last step (a structural edit). */
static gboolean
rebuilt(Test *t)
{
    GtkWidget *e = exopk_gui_window_get_editors(t->win);

    if (e == t->editors)
        return FALSE;
    t->editors = e;
    return TRUE;
}

static void
click(Test *t, const char *key)
{
    g_signal_emit_by_name(widget(t, key), "clicked");
}

/* Types @text into the spin button of @key and presses Enter. */
static void
type_into(Test *t, const char *key, const char *text)
{
    GtkSpinButton *spin = exopk_gui_window_get_spin(t->win, key);

    gtk_editable_set_text(GTK_EDITABLE(spin), text);
    gtk_spin_button_update(spin);
}

static const char *
unit_shown(Test *t, const char *key)
{
    GtkDropDown *dd = GTK_DROP_DOWN(exopk_gui_editors_get_unit(
        exopk_gui_window_get_editors(t->win), key));
    GtkStringObject *item = gtk_drop_down_get_selected_item(dd);

    return item != NULL ? gtk_string_object_get_string(item) : "";
}

static void
choose(GtkWidget *dd, const char *name)
{
    GListModel *m = gtk_drop_down_get_model(GTK_DROP_DOWN(dd));

    for (guint i = 0; i < g_list_model_get_n_items(m); i++) {
        g_autoptr(GtkStringObject) s = g_list_model_get_item(m, i);
        if (strcmp(gtk_string_object_get_string(s), name) == 0)
            gtk_drop_down_set_selected(GTK_DROP_DOWN(dd), i);
    }
}

static gboolean
message_shows(Test *t, const char *key, const char *part)
{
    GtkWidget *m = widget(t, key);

    return m != NULL && gtk_widget_get_visible(m)
           && strstr(gtk_label_get_text(GTK_LABEL(m)), part) != NULL;
}

static const ExopkDosingLine *
dox_line(Test *t)
{
    const ExopkArm *a = arm(t, "dox");

    return a != NULL && a->n_lines == 1 ? &a->lines[0] : NULL;
}

/* New study; arm names checked; arm "dox" added. */
static void
step_new(Test *t)
{
    exopk_gui_window_new_study(t->win);
    ok(t, strcmp(study(t)->name, "New study") == 0 && study(t)->n_arms == 1
          && arm(t, "control") != NULL && !exopk_gui_window_get_dirty(t->win),
       "New shows an untitled study with one untreated arm");
    t->editors = exopk_gui_window_get_editors(t->win);
    gtk_editable_set_text(GTK_EDITABLE(widget(t, "arm.new.name")), "control");
    click(t, "arm.new.add");
    ok(t, study(t)->n_arms == 1 && message_shows(t, "arm.new.message", "already"),
       "a second arm called control is refused, with the reason under the field");
    gtk_editable_set_text(GTK_EDITABLE(widget(t, "arm.new.name")), "dox");
    click(t, "arm.new.add");
    ok(t, study(t)->n_arms == 2 && arm(t, "dox") != NULL && arm(t, "dox")->n_lines == 0,
       "Add arm adds an untreated arm dox");
}

/* A dosing line; doses typed with units. */
static void
step_dose(Test *t)
{
    const ExopkDosingLine *l = dox_line(t);
    GtkSpinButton *dose = exopk_gui_window_get_spin(t->win, "arm.dox.dose");

    ok(t, l != NULL && l->dose.formulation < 0 && strcmp(l->dose_text, "1 mg/kg") == 0
          && near(l->dose.amount, NMOL(1, 0.025), 1e-4),
       "Add dosing line gives doxorubicin 1 mg/kg (43.10 nmol in 25 g)");
    ok(t, dose != NULL && strcmp(unit_shown(t, "arm.dox.dose"), "mg/kg") == 0
          && gtk_spin_button_get_value(dose) == 1,
       "the dose shows 1 in mg/kg");
    type_into(t, "arm.dox.dose", "4 mg/kkg");
    ok(t, message_shows(t, "arm.dox.dose.message", "unknown unit")
          && near(dox_line(t)->dose.amount, NMOL(1, 0.025), 1e-4)
          && strcmp(dox_line(t)->dose_text, "1 mg/kg") == 0,
       "\"4 mg/kkg\" is refused inline (unknown unit) and the dose stays 1 mg/kg");
    type_into(t, "arm.dox.dose", "4 mg/kg");
    l = dox_line(t);
    ok(t, l != NULL && near(l->dose.amount, NMOL(4, 0.025), 1e-4)
          && strcmp(l->dose_text, "4 mg/kg") == 0
          && !gtk_widget_get_visible(widget(t, "arm.dox.dose.message")),
       "\"4 mg/kg\" sets 172.42 nmol, written as 4 mg/kg; the message is gone");
    choose(exopk_gui_editors_get_unit(t->editors, "arm.dox.dose"), "nmol");
    ok(t, near(gtk_spin_button_get_value(dose), NMOL(4, 0.025), 1e-4)
          && near(dox_line(t)->dose.amount, NMOL(4, 0.025), 1e-4)
          && g_str_has_prefix(dox_line(t)->dose_text, "172.4167")
          && g_str_has_suffix(dox_line(t)->dose_text, " nmol"),
       "in nmol the same dose shows 172.4167, and is written so");
    choose(exopk_gui_editors_get_unit(t->editors, "arm.dox.dose"), "mg/kg");
    ok(t, near(gtk_spin_button_get_value(dose), 4, 1e-4)
          && strcmp(dox_line(t)->dose_text, "4 mg/kg") == 0,
       "back in mg/kg: 4, written as 4 mg/kg");
    type_into(t, "arm.dox.every", "3 d");
    gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.dox.count"), 5);
    ok(t, dox_line(t)->every == 72 && dox_line(t)->count == 5
          && strcmp(unit_shown(t, "arm.dox.every"), "d") == 0,
       "\"3 d\" sets the interval to 72 h, shown in d; 5 doses");
    ok(t, arm(t, "dox")->n_doses == 5 && arm(t, "dox")->doses[4].time == 288,
       "the arm gives 5 doses, the last at 288 h");
}

/* Tumour model; undo, redo. */
static void
step_tumour(Test *t)
{
    choose(widget(t, "study.tumour"), "mcf7_adr");
    ok(t, strcmp(study(t)->tumour_ref.name, "mcf7_adr") == 0, "the tumour model is mcf7_adr");
    exopk_gui_window_undo(t->win);
    ok(t, strcmp(study(t)->tumour_ref.name, "mda_mb_231") == 0 && dox_line(t) != NULL
          && dox_line(t)->count == 5,
       "Undo brings back mda_mb_231, the other edits stay");
    exopk_gui_window_redo(t->win);
    ok(t, strcmp(study(t)->tumour_ref.name, "mcf7_adr") == 0, "Redo: mcf7_adr again");
    g_action_group_activate_action(G_ACTION_GROUP(t->win), "undo", NULL);
    g_action_group_activate_action(G_ACTION_GROUP(t->win), "redo", NULL);
    ok(t, strcmp(study(t)->tumour_ref.name, "mcf7_adr") == 0
          && g_action_group_get_action_enabled(G_ACTION_GROUP(t->win), "undo")
          && !g_action_group_get_action_enabled(G_ACTION_GROUP(t->win), "redo"),
       "win.undo and win.redo do the same; nothing left to redo");
}

/* Weight in g: the mg/kg dose follows. */
static void
step_weight(Test *t)
{
    ok(t, strcmp(unit_shown(t, "subject.weight"), "g") == 0
          && gtk_spin_button_get_value(exopk_gui_window_get_spin(t->win, "subject.weight")) == 25,
       "the weight shows 25 g");
    type_into(t, "subject.weight", "30 g");
    ok(t, near(study(t)->weight, 0.030, 1e-12)
          && near(dox_line(t)->dose.amount, NMOL(4, 0.030), 1e-4),
       "\"30 g\": 0.030 kg, and 4 mg/kg is now 206.90 nmol");
    type_into(t, "subject.weight", "30 mg/kg");
    ok(t, near(study(t)->weight, 0.030, 1e-12)
          && message_shows(t, "subject.weight.message", "expected"),
       "\"30 mg/kg\" as a weight is refused and says what was expected");
}

static gboolean
file_has(const char *text, const char *part, Test *t)
{
    gboolean has = strstr(text, part) != NULL;

    if (!has)
        printf("# the file lacks %s\n", part);
    (void) t;
    return has;
}

/* The legend, saved, reopened. */
static void
step_save(Test *t)
{
    g_autofree char *svg_path = g_build_filename(t->tmp, "f.svg", NULL);
    g_autofree char *svg = NULL, *text = NULL;
    GError *error = NULL;

    if (!exopk_gui_window_export_figure(t->win, svg_path, &error)
        || !g_file_get_contents(svg_path, &svg, NULL, NULL))
        svg = g_strdup("");
    ok(t, strstr(svg, ">dox \xe2\x80\x94 4 mg/kg doxorubicin iv q3d \xc3\x97" "5</text>")
          && strstr(svg, ">control</text>") && strstr(svg, ">dose</text>"),
       "the figure's legend gives each arm's regimen and marks the doses");
    t->saved = g_build_filename(t->tmp, "built.lua", NULL);
    ok(t, exopk_gui_window_save_to(t->win, t->saved, &error), "Save writes the study");
    ok(t, g_file_get_contents(t->saved, &text, NULL, NULL)
          && file_has(text, "model = \"mcf7_adr\"", t)
          && file_has(text, "dose = \"4 mg/kg\"", t)
          && file_has(text, "give = \"doxorubicin\"", t)
          && file_has(text, "count = 5", t)
          && file_has(text, "control", t),
       "the file names mcf7_adr, doxorubicin 4 mg/kg, 5 doses, and both arms");
    exopk_gui_window_open(t->win, t->saved);
}

static void
step_reopened(Test *t)
{
    const ExopkDosingLine *l = dox_line(t);

    ok(t, study(t)->n_arms == 2 && arm(t, "control") != NULL && l != NULL
          && strcmp(study(t)->tumour_ref.name, "mcf7_adr") == 0
          && near(study(t)->weight, 0.030, 1e-12) && l->every == 72 && l->count == 5
          && near(l->dose.amount, NMOL(4, 0.030), 1e-4)
          && !exopk_gui_window_get_dirty(t->win),
       "opened again: two arms, mcf7_adr, 30 g, 4 mg/kg q3d x5, nothing unsaved");
    ok(t, !g_action_group_get_action_enabled(G_ACTION_GROUP(t->win), "undo"),
       "opening a study forgets the edits to undo");
    ok(t, strcmp(unit_shown(t, "arm.dox.dose"), "mg/kg") == 0
          && near(gtk_spin_button_get_value(exopk_gui_window_get_spin(t->win, "arm.dox.dose")),
                  4, 1e-9),
       "the dose shows 4 in mg/kg, as written");
    click(t, "arm.dox.0.remove");
}

/* A formulation: names checked, added with the default exosomes. */
static void
step_formulation(Test *t)
{
    const ExopkStudy *s;

    gtk_editable_set_text(GTK_EDITABLE(widget(t, "formulation.new.name")), "doxorubicin");
    click(t, "formulation.new.add");
    ok(t, study(t)->n_formulations == 0
          && message_shows(t, "formulation.new.message", "library agent"),
       "a formulation called doxorubicin (an agent's name) is refused");
    gtk_editable_set_text(GTK_EDITABLE(widget(t, "formulation.new.name")), "exo");
    click(t, "formulation.new.add");
    s = study(t);
    ok(t, s->n_formulations == 1 && strcmp(s->formulations[0].name, "exo") == 0
          && strcmp(s->formulations[0].carrier_ref.name, "msc") == 0
          && s->formulations[0].n_cargo == 1 && s->formulations[0].cargo[0].offered == 5000,
       "Add formulation adds exo: msc exosomes carrying 5000 doxorubicin per vesicle");
}

/* The formulation's ligand drop-down: "none" at first, then iRGD, whose
 * record the loader fills (data/ligands/irgd.lua: ps_tum_multiplier 2). */
static void
step_ligand(Test *t)
{
    GtkWidget *dd = widget(t, "formulation.exo.ligand");
    GtkStringObject *item = dd != NULL ? gtk_drop_down_get_selected_item(GTK_DROP_DOWN(dd)) : NULL;

    ok(t, item != NULL && strcmp(gtk_string_object_get_string(item), "none") == 0
          && study(t)->formulations[0].n_ligands == 0,
       "the new formulation's targeting ligand is none");
    choose(dd, "irgd");
}

static void
step_ligand_chosen(Test *t)
{
    const ExopkStudy *s = study(t);
    const ExopkFormulation *f = &s->formulations[0];

    ok(t, f->n_ligands == 1 && strcmp(s->ligand_ref[f->ligand[0]].name, "irgd") == 0
          && s->ligands[f->ligand[0]].ps_tum_multiplier == 2 && exopk_gui_window_get_dirty(t->win),
       "choosing irgd puts iRGD on exo, its multipliers from data/ligands/irgd.lua");
}

/* A line of the new formulation, dosed in particles and in µg protein
 * (the msc carrier: 1e10 particles per µg, data/carriers/msc.lua). */
static void
step_vesicle_dose(Test *t)
{
    const ExopkDosingLine *l = dox_line(t);

    ok(t, l != NULL && l->dose.formulation == 0 && l->dose.unit == EXOPK_DOSE_PARTICLES
          && l->dose.amount == 1e11 && strcmp(unit_shown(t, "arm.dox.dose"), "particles") == 0,
       "a new line gives exo, 1e11 particles");
    type_into(t, "arm.dox.dose", "50 ug protein");
    l = dox_line(t);
    ok(t, near(l->dose.amount, 50 * 1e10, 1e-9) && strcmp(l->dose_text, "5e+11 particles") == 0
          && strcmp(unit_shown(t, "arm.dox.dose"), "\xc2\xb5g protein") == 0,
       "\"50 ug protein\" is 5e11 particles (written so), shown in \xc2\xb5g protein");
    gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.dox.dose"), 20);
    l = dox_line(t);
    ok(t, near(l->dose.amount, 20 * 1e10, 1e-9) && strcmp(l->dose_text, "2e+11 particles") == 0,
       "20 in \xc2\xb5g protein is 2e11 particles");
}

static gboolean
tick(gpointer data)
{
    Test *t = data;
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(t->app));

    if (g_get_monotonic_time() - t->started > TIMEOUT_S * G_USEC_PER_SEC) {
        ok(t, FALSE, "finished in time");
        printf("# step %d\n", t->step);
        return finish(t);
    }
    if (t->win == NULL) {
        if (wins == NULL)
            return G_SOURCE_CONTINUE;
        t->win = EXOPK_GUI_WINDOW(wins->data);
    }
    switch (t->step) {
    case 0:                       /* the default study is shown */
        if (exopk_gui_window_get_results_count(t->win) == 0)
            return G_SOURCE_CONTINUE;
        step_new(t);
        t->step = 10;
        return G_SOURCE_CONTINUE;
    case 10:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        click(t, "arm.dox.add_line");
        t->step = 1;
        return G_SOURCE_CONTINUE;
    case 1:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        step_dose(t);
        step_tumour(t);
        t->step = 2;
        return G_SOURCE_CONTINUE;
    case 2:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        step_weight(t);
        t->results_before = exopk_gui_window_get_results_count(t->win);
        t->step = 3;
        return G_SOURCE_CONTINUE;
    case 3:                       /* simulated after the last edit */
        if (exopk_gui_window_get_results_count(t->win) == t->results_before)
            return G_SOURCE_CONTINUE;
        step_save(t);
        t->step = 4;
        return G_SOURCE_CONTINUE;
    case 4:
        if (exopk_gui_window_get_loading(t->win) || !rebuilt(t))
            return G_SOURCE_CONTINUE;
        step_reopened(t);
        t->step = 5;
        return G_SOURCE_CONTINUE;
    case 5:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        ok(t, arm(t, "dox") != NULL && arm(t, "dox")->n_lines == 0
              && exopk_gui_window_get_dirty(t->win),
           "Remove line leaves dox untreated, an unsaved edit");
        step_formulation(t);
        t->step = 6;
        return G_SOURCE_CONTINUE;
    case 6:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        step_ligand(t);
        t->step = 8;
        return G_SOURCE_CONTINUE;
    case 8:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        step_ligand_chosen(t);
        click(t, "arm.dox.add_line");
        t->step = 7;
        return G_SOURCE_CONTINUE;
    case 7:
        if (!rebuilt(t))
            return G_SOURCE_CONTINUE;
        step_vesicle_dose(t);
        return finish(t);
    }
    return G_SOURCE_REMOVE;
}

int
main(int argc, char **argv)
{
    Test t = { 0 };
    int status;

    (void) argc;
    if (g_getenv("DISPLAY") == NULL && g_getenv("WAYLAND_DISPLAY") == NULL) {
        printf("1..0 # SKIP no display (run under xvfb-run)\n");
        return 0;
    }
    t.tmp = g_dir_make_tmp("exopk-gui-build-XXXXXX", NULL);
    g_setenv("XDG_STATE_HOME", t.tmp, TRUE);
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    printf("1..%d\n", N_TESTS);
    t.app = exopk_gui_application_new(G_APPLICATION_NON_UNIQUE);
    t.started = g_get_monotonic_time();
    g_timeout_add(20, tick, &t);
    status = g_application_run(G_APPLICATION(t.app), 1, argv);
    ok(&t, status == 0 && t.step == STEP_DONE, "the app quit cleanly");
    if (t.n_test != N_TESTS)
        printf("# %d tests run, %d planned\n", t.n_test, N_TESTS);
    g_object_unref(t.app);
    g_free(t.saved);
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", t.tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", t.tmp);
    }
    g_free(t.tmp);
    return 0;
}
