/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "exopk-gui-edits.h"
#include "exopk-gui-util.h"

/* The study @variant describes, written out and loaded again: it replaces
 * *@study. */
static gboolean
take_variant(ExopkStudy **study, const ExopkStudy *variant, GError **error)
{
    ExopkStudy *s = exopk_gui_study_reload(variant, error);

    if (s == NULL)
        return FALSE;
    exopk_study_free(*study);
    *study = s;
    return TRUE;
}

/* A variant of @s to change and take: a shallow copy with its own arms,
 * formulations and dosing lines of arm @arm (one spare line).  It owns
 * nothing of @s: variant_free frees only these copies. */
typedef struct {
    ExopkStudy *s;
    ExopkDosingLine *lines;
} Variant;

static Variant
variant_new(const ExopkStudy *s, size_t arm)
{
    Variant v = { g_memdup2(s, sizeof *s), NULL };

    /* memcpy from NULL is undefined even for 0 bytes: a study may have no
     * formulations (a new one) or an arm no lines */
    v.s->arms = g_new0(ExopkArm, s->n_arms + 1);
    if (s->n_arms > 0)
        memcpy(v.s->arms, s->arms, s->n_arms * sizeof *s->arms);
    v.s->formulations = g_new0(ExopkFormulation, s->n_formulations + 1);
    if (s->n_formulations > 0)
        memcpy(v.s->formulations, s->formulations, s->n_formulations * sizeof *s->formulations);
    if (arm < s->n_arms) {
        ExopkArm *a = &v.s->arms[arm];
        v.lines = g_new0(ExopkDosingLine, a->n_lines + 1);
        if (a->n_lines > 0)
            memcpy(v.lines, a->lines, a->n_lines * sizeof *a->lines);
        a->lines = v.lines;
    }
    return v;
}

static void
variant_free(Variant *v)
{
    g_free(v->s->arms);
    g_free(v->s->formulations);
    g_free(v->s);
    g_free(v->lines);
}

/* Index of agent @name in @s, added (by name: the loader reads it from the
 * library) if it is not there; -1 and @error when there is no room. */
static int
agent_index(ExopkStudy *s, const char *name, GError **error)
{
    ExopkAgent a;
    int i;

    memset(&a, 0, sizeof a);
    g_strlcpy(a.name, name, sizeof a.name);
    if ((i = exopk_study_add_agent(s, &a)) < 0)
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "a study holds at most %d agents",
                    EXOPK_MAX_AGENTS);
    return i;
}

static int
formulation_index(const ExopkStudy *s, const char *name)
{
    for (size_t i = 0; i < s->n_formulations; i++)
        if (strcmp(s->formulations[i].name, name) == 0)
            return (int) i;
    return -1;
}

/* A line giving @name (a formulation of @s or an agent), with a dose to
 * start from when it gave the other kind before. */
static gboolean
line_give(ExopkStudy *s, ExopkDosingLine *l, const char *name, gboolean fresh, GError **error)
{
    int f = formulation_index(s, name), a = f < 0 ? agent_index(s, name, error) : 0;

    if (a < 0)
        return FALSE;
    if (fresh || (f >= 0) != (l->dose.formulation >= 0)) {
        l->dose.unit = f >= 0 ? EXOPK_DOSE_PARTICLES : EXOPK_DOSE_NMOL;
        l->dose.cargo = 0;
        g_strlcpy(l->dose_text, f >= 0 ? "1e11 particles" : "1 mg/kg", sizeof l->dose_text);
    }
    l->dose.formulation = f;
    l->dose.agent = f >= 0 ? 0 : a;
    return TRUE;
}

/* A new line: the study's first formulation (else doxorubicin), iv, once
 * at 0 h. */
static gboolean
line_new(ExopkStudy *s, ExopkDosingLine *l, GError **error)
{
    memset(l, 0, sizeof *l);
    l->count = 1;
    l->dose.route = EXOPK_ROUTE_IV;
    return line_give(s, l, s->n_formulations > 0 ? s->formulations[0].name : "doxorubicin",
                     TRUE, error);
}

static gboolean
line_route(ExopkDosingLine *l, const char *name, GError **error)
{
    static const char *const routes[] = { "iv", "it", "ip" };

    for (int r = 0; r < 3; r++)
        if (strcmp(routes[r], name) == 0) {
            l->dose.route = (ExopkRoute) r;
            if (l->dose.route != EXOPK_ROUTE_IV)
                l->dose.duration = 0;
            return TRUE;
        }
    g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "unknown route \"%s\" (iv, it or ip)",
                name);
    return FALSE;
}

static void
line_set(ExopkDosingLine *l, const char *name, double value)
{
    if (strcmp(name, "every") == 0)
        l->every = value;
    else if (strcmp(name, "at") == 0)
        l->dose.time = value;
    else if (strcmp(name, "over") == 0)
        l->dose.duration = value;
    else
        l->count = (long) value;
}

static gboolean
line_dose(const ExopkStudy *s, ExopkDosingLine *l, const char *text, GError **error)
{
    ExopkDoseUnit unit;
    double amount;

    if (!exopk_gui_dose_from_text(s, l, text, &unit, &amount, error))
        return FALSE;
    if (strlen(text) >= sizeof l->dose_text) {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "too long: at most %zu characters",
                    sizeof l->dose_text - 1);
        return FALSE;
    }
    l->dose.unit = unit;
    l->dose.amount = amount;
    if (unit == EXOPK_DOSE_NMOL)
        l->dose.cargo = 0;
    g_strlcpy(l->dose_text, text, sizeof l->dose_text);
    return TRUE;
}

/* An edit of arm @e->index's dosing lines, taken through the loader. */
static gboolean
edit_lines(ExopkStudy **study, const ExopkGuiEdit *e, GError **error)
{
    Variant v = variant_new(*study, e->index);
    ExopkArm *arm = &v.s->arms[e->index];
    ExopkDosingLine *l = &v.lines[e->line];
    gboolean ok = TRUE;

    switch (e->kind) {
    case EXOPK_GUI_EDIT_ADD_LINE:
        ok = line_new(v.s, &v.lines[arm->n_lines++], error);
        break;
    case EXOPK_GUI_EDIT_REMOVE_LINE:
        memmove(l, l + 1, (arm->n_lines - e->line - 1) * sizeof *l);
        arm->n_lines--;
        break;
    case EXOPK_GUI_EDIT_GIVE: ok = line_give(v.s, l, e->name, FALSE, error); break;
    case EXOPK_GUI_EDIT_ROUTE: ok = line_route(l, e->name, error); break;
    case EXOPK_GUI_EDIT_DOSE: ok = line_dose(v.s, l, e->name, error); break;
    default: line_set(l, e->name, e->value); break;
    }
    arm->dosed_by_data = 0;
    ok = ok && take_variant(study, v.s, error);
    variant_free(&v);
    return ok;
}

/* A new name: given, short enough for the study's records. */
static gboolean
check_new_name(const char *name, const char *what, GError **error)
{
    if (name == NULL || *name == '\0') {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "give the new %s a name", what);
        return FALSE;
    }
    if (strlen(name) >= EXOPK_NAME_MAX) {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "a name of at most %d bytes",
                    EXOPK_NAME_MAX - 1);
        return FALSE;
    }
    return TRUE;
}

/* A formulation's name: new, and no agent's (a dosing line gives either). */
static gboolean
check_formulation_name(const ExopkStudy *s, const char *name, GError **error)
{
    g_auto(GStrv) agents = exopk_gui_library_names("agents");

    if (!check_new_name(name, "formulation", error))
        return FALSE;
    if (formulation_index(s, name) >= 0 || g_strv_contains((const char *const *) agents, name)) {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL,
                    "%s is taken by a %s already: choose another name", name,
                    formulation_index(s, name) >= 0 ? "formulation" : "library agent");
        return FALSE;
    }
    return TRUE;
}

/* A formulation to start from: MSC exosomes of 100 nm loaded with
 * doxorubicin by electroporation, 5000 offered per vesicle (the default
 * study's exodox); the editors change the rest. */
static gboolean
formulation_new(ExopkStudy *s, const char *name, GError **error)
{
    ExopkFormulation *f = &s->formulations[s->n_formulations];
    int agent;

    if (!check_formulation_name(s, name, error)
        || (agent = agent_index(s, "doxorubicin", error)) < 0)
        return FALSE;
    memset(f, 0, sizeof *f);
    g_strlcpy(f->name, name, sizeof f->name);
    g_strlcpy(f->carrier_ref.name, "msc", sizeof f->carrier_ref.name);
    g_strlcpy(f->method_ref.name, "electroporation", sizeof f->method_ref.name);
    f->diameter = 100;
    f->n_cargo = 1;
    f->cargo[0].agent = agent;
    f->cargo[0].offered = 5000;
    s->n_formulations++;
    return TRUE;
}

static gboolean
check_arm_name(const ExopkStudy *s, const char *name, GError **error)
{
    if (!check_new_name(name, "arm", error))
        return FALSE;
    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, name) == 0) {
            g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL,
                        "the study has an arm called %s already: choose another name", name);
            return FALSE;
        }
    return TRUE;
}

/* Formulation @i carries ligand @name alone ("none": no ligand); the
 * loader fills the ligand's record when the study is reloaded. */
static gboolean
ligand_set(ExopkStudy *s, size_t i, const char *name, GError **error)
{
    ExopkFormulation *f = &s->formulations[i];
    ExopkLigand l = { 0 };
    int k;

    f->n_ligands = 0;
    if (strcmp(name, "none") == 0)
        return TRUE;
    g_strlcpy(l.name, name, sizeof l.name);
    if ((k = exopk_study_add_ligand(s, &l)) < 0) {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, "at most %d ligands in a study",
                    EXOPK_MAX_LIGANDS);
        return FALSE;
    }
    f->ligand[f->n_ligands++] = k;
    return TRUE;
}

/* Arms, the tumour model, a cargo, a ligand or the horizon: through the loader. */
static gboolean
edit_study(ExopkStudy **study, const ExopkGuiEdit *e, GError **error)
{
    Variant v = variant_new(*study, (size_t) -1);
    ExopkStudy *s = v.s;
    gboolean ok = TRUE;
    int i;

    switch (e->kind) {
    case EXOPK_GUI_EDIT_ADD_ARM:
        if ((ok = check_arm_name(s, e->name, error)))
            g_strlcpy(s->arms[s->n_arms++].name, e->name, EXOPK_NAME_MAX);
        break;
    case EXOPK_GUI_EDIT_REMOVE_ARM:
        memmove(&s->arms[e->index], &s->arms[e->index + 1],
                (s->n_arms - e->index - 1) * sizeof *s->arms);
        s->n_arms--;
        break;
    case EXOPK_GUI_EDIT_TUMOUR:
        if (!s->has_tumour) {
            s->has_tumour = 1;
            s->tumour_volume0 = 100;    /* mm3, as in the bundled studies */
        }
        g_strlcpy(s->tumour_ref.name, e->name, sizeof s->tumour_ref.name);
        break;
    case EXOPK_GUI_EDIT_CARGO_AGENT:
        if ((ok = (i = agent_index(s, e->name, error)) >= 0))
            s->formulations[e->index].cargo[e->cargo].agent = i;
        break;
    case EXOPK_GUI_EDIT_ADD_FORMULATION:
        ok = formulation_new(s, e->name, error);
        break;
    case EXOPK_GUI_EDIT_LIGAND:
        ok = ligand_set(s, e->index, e->name, error);
        break;
    default:
        s->horizon = e->value;
        break;
    }
    ok = ok && take_variant(study, s, error);
    variant_free(&v);
    return ok;
}

/* The first line's dose in the unit it has: in place, as `set` does, with
 * the text kept for saving.  FALSE (nothing done) for another unit. */
static gboolean
dose_in_place(ExopkStudy *s, const ExopkGuiEdit *e, gboolean *done, GError **error)
{
    ExopkDosingLine *l = &s->arms[e->index].lines[0];
    ExopkDoseUnit unit;
    double amount;
    ExopkError err;

    *done = FALSE;
    if (!exopk_gui_dose_from_text(s, l, e->name, &unit, &amount, error))
        return FALSE;
    if (unit != l->dose.unit || strlen(e->name) >= sizeof l->dose_text)
        return TRUE;
    if (exopk_study_set(s, e->index, "dose", amount, &err) != EXOPK_OK) {
        exopk_gui_set_error(error, &err);
        return FALSE;
    }
    g_strlcpy(l->dose_text, e->name, sizeof l->dose_text);
    *done = TRUE;
    return TRUE;
}

static gboolean
check_value(const ExopkStudy *s, const ExopkGuiEdit *e, GError **error)
{
    const char *why = NULL;

    if (e->kind == EXOPK_GUI_EDIT_DIAMETER
        && !(e->value > 2 * s->formulations[e->index].carrier_ref.bilayer)) {
        g_set_error(error, EXOPK_GUI_ERROR, EXOPK_EINVAL,
                    "must be more than twice the bilayer (%g nm)",
                    s->formulations[e->index].carrier_ref.bilayer);
        return FALSE;
    }
    if ((e->kind == EXOPK_GUI_EDIT_TUMOUR_VOLUME || e->kind == EXOPK_GUI_EDIT_WEIGHT
         || e->kind == EXOPK_GUI_EDIT_HORIZON) && !(e->value > 0))
        why = "must be positive";
    if (e->kind == EXOPK_GUI_EDIT_OFFERED && !(e->value >= 0))
        why = "must not be negative";
    if (e->kind == EXOPK_GUI_EDIT_RESISTANT && !(e->value >= 0 && e->value <= 1))
        why = "must be within 0\xe2\x80\x93" "1";
    if (why != NULL)
        g_set_error_literal(error, EXOPK_GUI_ERROR, EXOPK_EINVAL, why);
    return why == NULL;
}

/* A number of a formulation or of the subject: on a resolved copy. */
static gboolean
edit_resolved(ExopkStudy **study, const ExopkGuiEdit *e, GError **error)
{
    ExopkStudy *copy = exopk_study_copy(*study);
    ExopkFormulation *f = e->index < copy->n_formulations ? &copy->formulations[e->index] : NULL;
    ExopkError err;

    switch (e->kind) {
    case EXOPK_GUI_EDIT_OFFERED: f->cargo[e->cargo].offered = e->value; break;
    case EXOPK_GUI_EDIT_DIAMETER: f->diameter = e->value; break;
    case EXOPK_GUI_EDIT_CD47: f->cd47 = e->value != 0; break;
    case EXOPK_GUI_EDIT_PEG: f->peg = e->value != 0; break;
    case EXOPK_GUI_EDIT_TUMOUR_VOLUME: copy->tumour_volume0 = e->value; break;
    default: copy->resistant_fraction0 = e->value; break;
    }
    if (exopk_study_resolve(copy, &err) != EXOPK_OK) {
        exopk_gui_set_error(error, &err);
        exopk_study_free(copy);
        return FALSE;
    }
    exopk_study_free(*study);
    *study = copy;
    return TRUE;
}

/* The library name an edit would change, or NULL. */
static const char *
library_name(const ExopkStudy *s, const ExopkGuiEdit *e)
{
    const ExopkFormulation *f = e->index < s->n_formulations ? &s->formulations[e->index] : NULL;

    switch (e->kind) {
    case EXOPK_GUI_EDIT_SPECIES: return s->species.name;
    case EXOPK_GUI_EDIT_CARRIER: return f->carrier_ref.name;
    case EXOPK_GUI_EDIT_METHOD: return f->method_ref.name;
    case EXOPK_GUI_EDIT_TUMOUR: return s->has_tumour ? s->tumour_ref.name : NULL;
    case EXOPK_GUI_EDIT_CARGO_AGENT: return s->agent_ref[f->cargo[e->cargo].agent].name;
    case EXOPK_GUI_EDIT_LIGAND: return f->n_ligands > 0 ? s->ligand_ref[f->ligand[0]].name : "none";
    default: return NULL;
    }
}

/* Species, carrier, loading method, weight: through the loader (a new
 * species brings its default weight). */
static gboolean
edit_subject(ExopkStudy **study, const ExopkGuiEdit *e, GError **error)
{
    Variant v = variant_new(*study, (size_t) -1);
    ExopkStudy *s = v.s;
    gboolean ok = TRUE;

    if (e->kind == EXOPK_GUI_EDIT_WEIGHT)
        s->weight = e->value;
    else if (e->kind == EXOPK_GUI_EDIT_CARRIER)
        g_strlcpy(s->formulations[e->index].carrier_ref.name, e->name, EXOPK_NAME_MAX);
    else if (e->kind == EXOPK_GUI_EDIT_METHOD)
        g_strlcpy(s->formulations[e->index].method_ref.name, e->name, EXOPK_NAME_MAX);
    if (e->kind == EXOPK_GUI_EDIT_SPECIES) {
        ExopkStudy *probe;
        g_strlcpy(s->species.name, e->name, EXOPK_NAME_MAX);
        if ((ok = (probe = exopk_gui_study_reload(s, error)) != NULL)) {
            s->weight = probe->species.body_weight;
            exopk_study_free(probe);
        }
    }
    ok = ok && take_variant(study, s, error);
    variant_free(&v);
    return ok;
}

static gboolean
edit_set(ExopkStudy *s, const ExopkGuiEdit *e, GError **error)
{
    ExopkError err;

    if (exopk_study_set(s, e->index, e->name, e->value, &err) != EXOPK_OK) {
        exopk_gui_set_error(error, &err);
        return FALSE;
    }
    return TRUE;
}

gboolean
exopk_gui_edit_apply(ExopkStudy **study, const ExopkGuiEdit *e, ExopkGuiChanged *changed,
                     GError **error)
{
    const char *now = library_name(*study, e);
    gboolean done;

    *changed = EXOPK_GUI_CHANGED_VALUE;
    if (now != NULL && e->name != NULL && strcmp(now, e->name) == 0) {
        *changed = EXOPK_GUI_CHANGED_NOTHING;
        return TRUE;
    }
    if (!check_value(*study, e, error))
        return FALSE;
    switch (e->kind) {
    case EXOPK_GUI_EDIT_LINE_SET:
        if (e->line == 0)
            return edit_set(*study, e, error);
        return edit_lines(study, e, error);
    case EXOPK_GUI_EDIT_DOSE:
        if (e->line == 0 && !dose_in_place(*study, e, &done, error))
            return FALSE;
        if (e->line == 0 && done)
            return TRUE;
        *changed = EXOPK_GUI_CHANGED_STRUCTURE;
        return edit_lines(study, e, error);
    case EXOPK_GUI_EDIT_OFFERED: case EXOPK_GUI_EDIT_DIAMETER: case EXOPK_GUI_EDIT_CD47:
    case EXOPK_GUI_EDIT_PEG: case EXOPK_GUI_EDIT_TUMOUR_VOLUME: case EXOPK_GUI_EDIT_RESISTANT:
        return edit_resolved(study, e, error);
    default:
        break;
    }
    *changed = EXOPK_GUI_CHANGED_STRUCTURE;
    switch (e->kind) {
    case EXOPK_GUI_EDIT_SPECIES: case EXOPK_GUI_EDIT_CARRIER: case EXOPK_GUI_EDIT_METHOD:
    case EXOPK_GUI_EDIT_WEIGHT:
        return edit_subject(study, e, error);
    case EXOPK_GUI_EDIT_GIVE: case EXOPK_GUI_EDIT_ROUTE: case EXOPK_GUI_EDIT_ADD_LINE:
    case EXOPK_GUI_EDIT_REMOVE_LINE:
        return edit_lines(study, e, error);
    default:
        return edit_study(study, e, error);
    }
}
