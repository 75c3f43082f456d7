/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exported model as an SBML Level 3 Version 1 document (libsbml's C
 * API), checked by libsbml before it is handed out (docs/sbml.md). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sbml/SBMLTypes.h>

#include "sbml-ir.h"

/* ---- units ------------------------------------------------------------------------ */

typedef struct {
    UnitKind_t kind;
    double exponent;
    int scale;
    double multiplier;
} UnitPart;

typedef struct {
    const char *id;   /* a built-in unit (no definition) when parts[0] is empty */
    UnitPart parts[3];
} UnitDef;

#define HOURS(e) { UNIT_KIND_SECOND, e, 0, 3600 }
static const UnitDef UNITS[SU_COUNT] = {
    [SU_DIMENSIONLESS] = { "dimensionless", { { 0 } } },
    [SU_HOUR] = { "h", { HOURS(1) } },
    [SU_PER_HOUR] = { "per_h", { HOURS(-1) } },
    [SU_NMOL] = { "nmol", { { UNIT_KIND_MOLE, 1, -9, 1 } } },
    [SU_NMOL_PER_HOUR] = { "nmol_per_h", { { UNIT_KIND_MOLE, 1, -9, 1 }, HOURS(-1) } },
    [SU_LITRE] = { "litre", { { 0 } } },
    [SU_LITRE_PER_HOUR] = { "L_per_h", { { UNIT_KIND_LITRE, 1, 0, 1 }, HOURS(-1) } },
    [SU_NMOL_PER_LITRE] = { "nM", { { UNIT_KIND_MOLE, 1, -9, 1 }, { UNIT_KIND_LITRE, -1, 0, 1 } } },
    [SU_NMOL_PER_LITRE_PER_HOUR] = { "nM_per_h", { { UNIT_KIND_MOLE, 1, -9, 1 },
                                                   { UNIT_KIND_LITRE, -1, 0, 1 }, HOURS(-1) } },
    [SU_AUC] = { "nM_h", { { UNIT_KIND_MOLE, 1, -9, 1 }, { UNIT_KIND_LITRE, -1, 0, 1 }, HOURS(1) } },
    [SU_PARTICLES] = { "item", { { 0 } } },
    [SU_PARTICLES_PER_HOUR] = { "particles_per_h", { { UNIT_KIND_ITEM, 1, 0, 1 }, HOURS(-1) } },
    [SU_PARTICLES_PER_LITRE] = { "particles_per_L",
                                 { { UNIT_KIND_ITEM, 1, 0, 1 }, { UNIT_KIND_LITRE, -1, 0, 1 } } },
    [SU_NMOL_PER_PARTICLE] = { "nmol_per_particle",
                               { { UNIT_KIND_MOLE, 1, -9, 1 }, { UNIT_KIND_ITEM, -1, 0, 1 } } },
    [SU_ITEMS_PER_NMOL] = { "molecules_per_nmol",
                            { { UNIT_KIND_ITEM, 1, 0, 1 }, { UNIT_KIND_MOLE, -1, -9, 1 } } },
    [SU_MM3] = { "mm3", { { UNIT_KIND_METRE, 3, -3, 1 } } },
    [SU_PER_MM3] = { "per_mm3", { { UNIT_KIND_METRE, -3, -3, 1 } } },
    [SU_LITRE_PER_MM3] = { "L_per_mm3", { { UNIT_KIND_LITRE, 1, 0, 1 }, { UNIT_KIND_METRE, -3, -3, 1 } } },
    [SU_MG] = { "mg", { { UNIT_KIND_GRAM, 1, -3, 1 } } },
    [SU_NM] = { "nm", { { UNIT_KIND_METRE, 1, -9, 1 } } },
    [SU_PER_NM2] = { "per_nm2", { { UNIT_KIND_METRE, -2, -9, 1 } } },
    [SU_KG] = { "kilogram", { { 0 } } },
    [SU_MG_PER_LITRE] = { "mg_per_L", { { UNIT_KIND_GRAM, 1, -3, 1 }, { UNIT_KIND_LITRE, -1, 0, 1 } } },
    [SU_G_PER_MOL] = { "g_per_mol", { { UNIT_KIND_GRAM, 1, 0, 1 }, { UNIT_KIND_MOLE, -1, 0, 1 } } },
    [SU_LITRE_PER_KG] = { "L_per_kg", { { UNIT_KIND_LITRE, 1, 0, 1 }, { UNIT_KIND_KILOGRAM, -1, 0, 1 } } },
    [SU_PARTICLES_PER_UG] = { "particles_per_ug",
                              { { UNIT_KIND_ITEM, 1, 0, 1 }, { UNIT_KIND_GRAM, -1, -6, 1 } } },
    [SU_KG_PER_M2] = { "kg_per_m2", { { UNIT_KIND_KILOGRAM, 1, 0, 1 }, { UNIT_KIND_METRE, -2, 0, 1 } } },
};
#undef HOURS

/* The definitions of the units the species and parameters use. */
static void
add_units(Model_t *mod, const SbmlModel *x)
{
    int used[SU_COUNT] = { [SU_HOUR] = 1 };   /* the model's time unit */

    for (size_t i = 0; i < x->species.n; i++)
        used[x->species.v[i]->unit] = 1;
    for (size_t i = 0; i < x->params.n; i++)
        used[x->params.v[i]->unit] = 1;
    for (int u = 0; u < SU_COUNT; u++) {
        UnitDefinition_t *ud;
        if (!used[u] || UNITS[u].parts[0].multiplier == 0)
            continue;   /* unused, or built in */
        ud = Model_createUnitDefinition(mod);
        UnitDefinition_setId(ud, UNITS[u].id);
        for (int i = 0; i < 3 && UNITS[u].parts[i].multiplier != 0; i++) {
            Unit_t *unit = UnitDefinition_createUnit(ud);
            Unit_setKind(unit, UNITS[u].parts[i].kind);
            Unit_setExponentAsDouble(unit, UNITS[u].parts[i].exponent);
            Unit_setScale(unit, UNITS[u].parts[i].scale);
            Unit_setMultiplier(unit, UNITS[u].parts[i].multiplier);
        }
    }
}

/* ---- text from study files ------------------------------------------------------------ */

/* Length of the valid UTF-8 sequence of a character XML allows at @s, or
 * 0 (a control character, a broken or overlong sequence). */
static size_t
xml_char_len(const unsigned char *s)
{
    size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4 : 0;

    if (n == 1)
        return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' ? (s[0] == 0x7F ? 0 : 1) : 0;
    if (n == 0 || (n == 2 && s[0] < 0xC2))
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* Text from a study file made safe for XML: a byte XML cannot carry
 * becomes "\xHH" (malloc'd); libsbml escapes & < > " itself. */
static char *
xml_text(const char *text)
{
    const unsigned char *s = (const unsigned char *) text;
    char *out = malloc(4 * strlen(text) + 1), *p = out;

    if (out == NULL)
        return NULL;
    while (*s != '\0') {
        size_t n = xml_char_len(s);
        if (n == 0) {
            p += sprintf(p, "\\x%02X", *s++);
            continue;
        }
        memcpy(p, s, n);
        p += n;
        s += n;
    }
    *p = '\0';
    return out;
}

/* Sets @name through @set with xml_text. */
#define SET_NAME(set, obj, name)                                                            \
    do {                                                                                    \
        char *safe_ = xml_text(name);                                                       \
        if (safe_ != NULL)                                                                  \
            set((obj), safe_);                                                              \
        free(safe_);                                                                        \
    } while (0)

/* ---- notes --------------------------------------------------------------------------- */

/* @text as an XHTML paragraph in an SBML notes element (malloc'd). */
static char *
notes_of(const char *raw)
{
    char *text = xml_text(raw), *out = text ? malloc(6 * strlen(text) + 128) : NULL, *p = out;

    if (out == NULL) {
        free(text);
        return NULL;
    }
    p += sprintf(p, "<notes><body xmlns=\"http://www.w3.org/1999/xhtml\"><p>");
    for (const char *c = text; *c != '\0'; c++) {
        const char *esc = *c == '&' ? "&amp;" : *c == '<' ? "&lt;" : *c == '>' ? "&gt;" : NULL;
        if (esc != NULL)
            p += sprintf(p, "%s", esc);
        else
            *p++ = *c;
    }
    sprintf(p, "</p></body></notes>");
    free(text);
    return out;
}

/* ---- math ---------------------------------------------------------------------------- */

typedef struct {
    ExopkError *err;
    int failed;
} Writer;

static ASTNode_t *
parse(Writer *w, const char *formula, const char *where)
{
    ASTNode_t *ast = SBML_parseL3Formula(formula);

    if (ast == NULL && !w->failed) {
        char *why = SBML_getLastParseL3Error();
        exopk_error_set(w->err, EXOPK_EINVAL, "internal: the SBML math of %s does not parse "
                        "(%s): %s", where, why ? why : "?", formula);
        free(why);
        w->failed = 1;
    }
    return ast;
}

/* Sets math through @set (which copies it) and frees it. */
#define SET_MATH(w, set, obj, formula, where)                                               \
    do {                                                                                    \
        ASTNode_t *ast_ = parse((w), (formula), (where));                                   \
        if (ast_ != NULL) {                                                                 \
            set((obj), ast_);                                                               \
            ASTNode_free(ast_);                                                             \
        }                                                                                   \
    } while (0)

/* ---- the parts ---------------------------------------------------------------------- */

static void
add_species(Model_t *mod, const SbmlModel *x)
{
    Compartment_t *c = Model_createCompartment(mod);

    /* the species are amounts (hasOnlySubstanceUnits); volumes are
     * parameters where the equations need them */
    Compartment_setId(c, "body");
    Compartment_setName(c, "the subject (species are amounts; volumes are parameters)");
    Compartment_setSpatialDimensions(c, 3);
    Compartment_setSize(c, 1.0);
    Compartment_setUnits(c, "litre");
    Compartment_setConstant(c, 1);
    for (size_t i = 0; i < x->species.n; i++) {
        const SbmlSpecies *sp = x->species.v[i];
        Species_t *s = Model_createSpecies(mod);
        Species_setId(s, sp->id);
        SET_NAME(Species_setName, s, sp->name);
        Species_setCompartment(s, "body");
        Species_setInitialAmount(s, sp->initial);
        Species_setSubstanceUnits(s, UNITS[sp->unit].id);
        Species_setHasOnlySubstanceUnits(s, 1);
        Species_setBoundaryCondition(s, 0);
        Species_setConstant(s, 0);
    }
}

static void
add_params(Writer *w, Model_t *mod, const SbmlModel *x)
{
    for (size_t i = 0; i < x->params.n; i++) {
        const SbmlParam *sp = x->params.v[i];
        Parameter_t *p = Model_createParameter(mod);
        Parameter_setId(p, sp->id);
        SET_NAME(Parameter_setName, p, sp->name);
        Parameter_setValue(p, sp->value);
        Parameter_setUnits(p, UNITS[sp->unit].id);
        Parameter_setConstant(p, sp->constant);
    }
    for (size_t i = 0; i < x->rules.n; i++) {
        Rule_t *r = Model_createAssignmentRule(mod);
        Rule_setVariable(r, x->rules.v[i]->variable);
        SET_MATH(w, Rule_setMath, r, x->rules.v[i]->math, x->rules.v[i]->variable);
    }
}

/* Every species the rate reads besides its reactant and product is a
 * modifier of the reaction (SBML 21121). */
static void
add_modifiers(Reaction_t *r, const SbmlModel *x, const SbmlReaction *sr, const ASTNode_t *ast)
{
    if (ASTNode_getType(ast) == AST_NAME) {
        const char *name = ASTNode_getName(ast);
        for (size_t i = 0; i < x->species.n; i++) {
            int own = (int) i == sr->from || (int) i == sr->to;
            if (own || strcmp(x->species.v[i]->id, name) != 0 ||
                Reaction_getModifierBySpecies(r, name) != NULL)
                continue;
            SpeciesReference_setSpecies(Reaction_createModifier(r), name);
        }
    }
    for (unsigned c = 0; c < ASTNode_getNumChildren(ast); c++)
        add_modifiers(r, x, sr, ASTNode_getChild(ast, c));
}

static void
add_participant(Reaction_t *r, const SbmlModel *x, int species, int product)
{
    SpeciesReference_t *ref;

    if (species < 0)
        return;
    ref = product ? Reaction_createProduct(r) : Reaction_createReactant(r);
    SpeciesReference_setSpecies(ref, x->species.v[species]->id);
    SpeciesReference_setStoichiometry(ref, 1.0);
    SpeciesReference_setConstant(ref, 1);
}

static void
add_reactions(Writer *w, Model_t *mod, const SbmlModel *x)
{
    for (size_t i = 0; i < x->reactions.n; i++) {
        const SbmlReaction *sr = x->reactions.v[i];
        Reaction_t *r = Model_createReaction(mod);
        ASTNode_t *ast = parse(w, sr->math, sr->name);
        Reaction_setId(r, sr->id);
        SET_NAME(Reaction_setName, r, sr->name);
        Reaction_setReversible(r, sr->reversible);
        Reaction_setFast(r, 0);
        add_participant(r, x, sr->from, 0);
        add_participant(r, x, sr->to, 1);
        if (ast == NULL)
            continue;
        add_modifiers(r, x, sr, ast);
        KineticLaw_setMath(Reaction_createKineticLaw(r), ast);
        ASTNode_free(ast);
    }
}

static void
add_events(Writer *w, Model_t *mod, const SbmlModel *x)
{
    for (size_t i = 0; i < x->events.n; i++) {
        const SbmlEvent *se = x->events.v[i];
        Event_t *e = Model_createEvent(mod);
        Trigger_t *t = Event_createTrigger(e);
        Event_setId(e, se->id);
        SET_NAME(Event_setName, e, se->name);
        Event_setUseValuesFromTriggerTime(e, se->priority == 0);
        Trigger_setInitialValue(t, 0);   /* a dose at t = 0 fires at t = 0 */
        Trigger_setPersistent(t, 1);
        SET_MATH(w, Trigger_setMath, t, se->trigger, se->name);
        if (se->priority > 0) {
            char prio[32];
            Priority_t *p = Event_createPriority(e);
            snprintf(prio, sizeof prio, "%d", se->priority);
            SET_MATH(w, Priority_setMath, p, prio, se->name);
        }
        for (size_t k = 0; k < se->n_assign; k++) {
            EventAssignment_t *ea = Event_createEventAssignment(e);
            EventAssignment_setVariable(ea, se->assign[k].variable);
            SET_MATH(w, EventAssignment_setMath, ea, se->assign[k].math, se->name);
        }
    }
}

/* libsbml's consistency checks, every category (units included): an
 * error or fatal error fails the export, quoting up to three.  Warnings
 * remain (docs/sbml.md lists them and why). */
static int
check(Writer *w, SBMLDocument_t *doc)
{
    unsigned n;
    char msg[900] = "";
    size_t len = 0;
    int errors = 0;

    n = SBMLDocument_checkConsistency(doc);
    for (unsigned i = 0; i < n; i++) {
        /* an SBMLError is an XMLError in libsbml's C++; its C API keeps
         * the two pointer types apart */
        const XMLError_t *e = (const XMLError_t *) SBMLDocument_getError(doc, i);
        if (XMLError_getSeverity(e) < LIBSBML_SEV_ERROR)
            continue;
        if (errors++ < 3 && len < sizeof msg)
            len += (size_t) snprintf(msg + len, sizeof msg - len, "%s[%u] %s", errors > 1 ? "; " : "",
                                     XMLError_getErrorId(e), XMLError_getMessage(e));
    }
    if (errors > 0)
        exopk_error_set(w->err, EXOPK_EINVAL, "libsbml finds %d error%s in the exported "
                        "model %s: %s", errors, errors == 1 ? "" : "s",
                        Model_getId(SBMLDocument_getModel(doc)), msg);
    return errors > 0 ? -1 : 0;
}

char *
sbml_write(const SbmlModel *x, ExopkError *err)
{
    Writer w = { err, 0 };
    SBMLDocument_t *doc = SBMLDocument_createWithLevelAndVersion(3, 1);
    Model_t *mod;
    char *text = NULL;

    if (doc == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    mod = SBMLDocument_createModel(doc);
    Model_setId(mod, x->id);
    SET_NAME(Model_setName, mod, x->name);
    Model_setTimeUnits(mod, "h");
    {
        char *notes = notes_of(x->notes);
        /* a Model is an SBase; the C API keeps the pointer types apart */
        if (notes != NULL)
            SBase_setNotesString((SBase_t *) mod, notes);
        free(notes);
    }
    add_units(mod, x);
    add_species(mod, x);
    add_params(&w, mod, x);
    add_reactions(&w, mod, x);
    add_events(&w, mod, x);
    if (!w.failed && check(&w, doc) == 0) {
        text = writeSBMLToString(doc);
        if (text == NULL)
            exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
    SBMLDocument_free(doc);
    return text;
}
