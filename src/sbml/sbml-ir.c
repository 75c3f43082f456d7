/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exported model's parts and the helpers the module builders write
 * them through (sbml-ir.h). */
#define _GNU_SOURCE   /* vasprintf */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbml-ir.h"

char *
sbml_strf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vasprintf(&s, fmt, ap);
    va_end(ap);
    return n < 0 ? NULL : s;
}

static char *
vstrf(const char *fmt, va_list ap)
{
    char *s;
    return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

char *
sbml_id_of(const char *name)
{
    size_t n = strlen(name);
    char *id = malloc(n + 2), *p = id;

    if (id == NULL)
        return NULL;
    if (n == 0 || isdigit((unsigned char) name[0]))
        *p++ = '_';
    for (size_t i = 0; i < n; i++)
        *p++ = isalnum((unsigned char) name[i]) || name[i] == '_' ? name[i] : '_';
    *p = '\0';
    return id;
}

void
sbml_fail(SbmlBuild *b, ExopkStatus code, const char *fmt, ...)
{
    va_list ap;
    char msg[512];

    if (b->failed)
        return;
    b->failed = 1;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    exopk_error_set(b->err, code, "%s", msg);
}

static void
oom(SbmlBuild *b)
{
    sbml_fail(b, EXOPK_ENOMEM, "out of memory");
}

/* Appends @item to the vector at @v (items, n, cap); 0 or -1. */
static int
push(void ***items, size_t *n, size_t *cap, void *item)
{
    if (item == NULL)
        return -1;
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 16;
        void **grown = realloc(*items, c * sizeof *grown);
        if (grown == NULL)
            return -1;
        *items = grown;
        *cap = c;
    }
    (*items)[(*n)++] = item;
    return 0;
}

#define PUSH(b, vec, item)                                                                  \
    (push((void ***) &(vec).v, &(vec).n, &(vec).cap, (item)) == 0 ? 0 : (oom(b), -1))

/* Nonzero if some species or parameter already has @id. */
static int
id_taken(const SbmlModel *x, const char *id)
{
    for (size_t i = 0; i < x->species.n; i++)
        if (strcmp(x->species.v[i]->id, id) == 0)
            return 1;
    for (size_t i = 0; i < x->params.n; i++)
        if (strcmp(x->params.v[i]->id, id) == 0)
            return 1;
    return 0;
}

int
sbml_add_species(SbmlBuild *b, const char *name, double initial, SbmlUnit unit)
{
    SbmlSpecies *sp;

    if (b->failed)
        return -1;
    if ((sp = calloc(1, sizeof *sp)) == NULL || (sp->id = sbml_id_of(name)) == NULL ||
        (sp->name = strdup(name)) == NULL) {
        if (sp != NULL)
            free(sp->id);
        free(sp);
        oom(b);
        return -1;
    }
    sp->initial = initial;
    sp->unit = unit;
    if (id_taken(b->x, sp->id))
        sbml_fail(b, EXOPK_EINVAL, "two names give the SBML id %s (one is %s)", sp->id, name);
    if (PUSH(b, b->x->species, sp) != 0) {
        free(sp->id);
        free(sp->name);
        free(sp);
        return -1;
    }
    return (int) b->x->species.n - 1;
}

const char *
sbml_species(SbmlBuild *b, int state)
{
    if (b->failed || state < 0 || (size_t) state >= b->x->species.n)
        return "0";
    return b->x->species.v[state]->id;
}

static SbmlParam *
find_param(const SbmlModel *x, const char *id)
{
    for (size_t i = 0; i < x->params.n; i++)
        if (strcmp(x->params.v[i]->id, id) == 0)
            return x->params.v[i];
    return NULL;
}

static SbmlParam *
new_param(SbmlBuild *b, const char *name, double value, SbmlUnit unit, int constant)
{
    SbmlParam *p = calloc(1, sizeof *p);

    if (p == NULL || (p->id = sbml_id_of(name)) == NULL || (p->name = strdup(name)) == NULL) {
        if (p != NULL)
            free(p->id);
        free(p);
        oom(b);
        return NULL;
    }
    p->value = value;
    p->unit = unit;
    p->constant = constant;
    if (id_taken(b->x, p->id))
        sbml_fail(b, EXOPK_EINVAL, "two names give the SBML id %s (one is %s)", p->id, name);
    if (PUSH(b, b->x->params, p) != 0) {
        free(p->id);
        free(p->name);
        free(p);
        return NULL;
    }
    return p;
}

const char *
sbml_param(SbmlBuild *b, const char *name, double value, SbmlUnit unit)
{
    char *id;
    SbmlParam *p;

    if (b->failed)
        return "0";
    if ((id = sbml_id_of(name)) == NULL) {
        oom(b);
        return "0";
    }
    p = find_param(b->x, id);
    free(id);
    if (p != NULL) {
        if (p->value != value || !p->constant)
            sbml_fail(b, EXOPK_EINVAL, "parameter %s has two values in this arm (%.17g and "
                      "%.17g): the SBML export needs one", name, p->value, value);
        return b->failed ? "0" : p->id;
    }
    if (!isfinite(value)) {
        sbml_fail(b, EXOPK_EINVAL, "parameter %s is not finite (%g)", name, value);
        return "0";
    }
    p = new_param(b, name, value, unit, 1);
    return p != NULL && !b->failed ? p->id : "0";
}

const char *
sbml_rule(SbmlBuild *b, const char *name, SbmlUnit unit, const char *fmt, ...)
{
    SbmlParam *p;
    SbmlRule *r;
    va_list ap;

    if (b->failed || (p = new_param(b, name, 0.0, unit, 0)) == NULL)
        return "0";
    if ((r = calloc(1, sizeof *r)) == NULL || (r->variable = strdup(p->id)) == NULL) {
        free(r);
        oom(b);
        return "0";
    }
    va_start(ap, fmt);
    r->math = vstrf(fmt, ap);
    va_end(ap);
    if (r->math == NULL || PUSH(b, b->x->rules, r) != 0) {
        free(r->variable);
        free(r->math);
        free(r);
        oom(b);
        return "0";
    }
    return p->id;
}

const char *
sbml_switch(SbmlBuild *b, const char *name, SbmlUnit unit)
{
    SbmlParam *p;

    if (b->failed || (p = new_param(b, name, 0.0, unit, 0)) == NULL)
        return "0";
    return p->id;
}

static void
add_flux(SbmlBuild *b, int from, int to, const char *name, int reversible, char *math)
{
    SbmlReaction *r;

    if (b->failed || math == NULL) {
        free(math);
        if (!b->failed)
            oom(b);
        return;
    }
    if ((r = calloc(1, sizeof *r)) == NULL ||
        (r->id = sbml_strf("J%zu", b->x->reactions.n + 1)) == NULL ||
        (r->name = strdup(name)) == NULL) {
        if (r != NULL)
            free(r->id);
        free(r);
        free(math);
        oom(b);
        return;
    }
    r->from = from;
    r->to = to;
    r->math = math;
    r->reversible = reversible;
    if (PUSH(b, b->x->reactions, r) != 0) {
        free(r->id);
        free(r->name);
        free(r->math);
        free(r);
    }
}

void
sbml_flux(SbmlBuild *b, int from, int to, const char *name, const char *fmt, ...)
{
    va_list ap;
    char *math;

    va_start(ap, fmt);
    math = vstrf(fmt, ap);
    va_end(ap);
    add_flux(b, from, to, name, 0, math);
}

void
sbml_flux_signed(SbmlBuild *b, int from, int to, const char *name, const char *fmt, ...)
{
    va_list ap;
    char *math;

    va_start(ap, fmt);
    math = vstrf(fmt, ap);
    va_end(ap);
    add_flux(b, from, to, name, 1, math);
}

void
sbml_linear(SbmlBuild *b, int from, int to, const char *name, const char *k_math)
{
    if (from < 0)
        return;   /* the source is absent in this arm (as the engine skips it) */
    sbml_flux(b, from, to, name, "%s * %s", k_math, sbml_species(b, from));
}

SbmlEvent *
sbml_event(SbmlBuild *b, const char *name, const char *trigger)
{
    SbmlEvent *ev;

    if (b->failed)
        return NULL;
    if ((ev = calloc(1, sizeof *ev)) == NULL ||
        (ev->id = sbml_strf("E%zu", b->x->events.n + 1)) == NULL ||
        (ev->name = strdup(name)) == NULL || (ev->trigger = strdup(trigger)) == NULL) {
        if (ev != NULL) {
            free(ev->id);
            free(ev->name);
        }
        free(ev);
        oom(b);
        return NULL;
    }
    if (PUSH(b, b->x->events, ev) != 0) {
        free(ev->id);
        free(ev->name);
        free(ev->trigger);
        free(ev);
        return NULL;
    }
    return ev;
}

void
sbml_event_set(SbmlBuild *b, SbmlEvent *ev, const char *variable, const char *fmt, ...)
{
    SbmlAssignment *grown;
    va_list ap;
    char *math, *var;

    if (b->failed || ev == NULL)
        return;
    va_start(ap, fmt);
    math = vstrf(fmt, ap);
    va_end(ap);
    var = strdup(variable);
    grown = realloc(ev->assign, (ev->n_assign + 1) * sizeof *grown);
    if (math == NULL || var == NULL || grown == NULL) {
        free(math);
        free(var);
        if (grown != NULL)
            ev->assign = grown;
        oom(b);
        return;
    }
    ev->assign = grown;
    ev->assign[ev->n_assign++] = (SbmlAssignment) { var, math };
}

/* ---- study parameters by path ---------------------------------------------- */

static SbmlUnit
unit_of_kind(ExopkUnitKind kind)
{
    static const SbmlUnit units[EXOPK_KIND_COUNT] = {
        [EXOPK_KIND_DIMENSIONLESS] = SU_DIMENSIONLESS, [EXOPK_KIND_MASS] = SU_MG,
        [EXOPK_KIND_AMOUNT] = SU_NMOL, [EXOPK_KIND_PARTICLES] = SU_PARTICLES,
        [EXOPK_KIND_PER_VESICLE] = SU_DIMENSIONLESS, [EXOPK_KIND_VOLUME] = SU_LITRE,
        [EXOPK_KIND_TUMOUR_VOLUME] = SU_MM3, [EXOPK_KIND_LENGTH] = SU_NM,
        [EXOPK_KIND_TIME] = SU_HOUR, [EXOPK_KIND_RATE] = SU_PER_HOUR,
        [EXOPK_KIND_FLOW] = SU_LITRE_PER_HOUR, [EXOPK_KIND_CONCENTRATION] = SU_NMOL_PER_LITRE,
        [EXOPK_KIND_MASS_CONC] = SU_MG_PER_LITRE, [EXOPK_KIND_PARTICLE_CONC] = SU_PARTICLES_PER_LITRE,
        [EXOPK_KIND_PARTICLE_RATE] = SU_PARTICLES_PER_HOUR, [EXOPK_KIND_MOLAR_MASS] = SU_G_PER_MOL,
        [EXOPK_KIND_BODY_WEIGHT] = SU_KG, [EXOPK_KIND_VOLUME_PER_KG] = SU_LITRE_PER_KG,
        [EXOPK_KIND_PER_AREA] = SU_PER_NM2, [EXOPK_KIND_PER_TUMOUR_VOLUME] = SU_PER_MM3,
        [EXOPK_KIND_PARTICLES_PER_MASS] = SU_PARTICLES_PER_UG, [EXOPK_KIND_KM_FACTOR] = SU_KG_PER_M2,
    };
    return kind >= 0 && kind < EXOPK_KIND_COUNT ? units[kind] : SU_DIMENSIONLESS;
}

/* Field @key of @group read from @record, as parameter "@prefix.@key". */
static const char *
field_param(SbmlBuild *b, ExopkParamGroup group, const void *record, const char *prefix,
            const char *key)
{
    const ExopkParamField *f = exopk_param_field(group, key);
    char name[256];
    double v;

    if (f == NULL) {
        sbml_fail(b, EXOPK_EINVAL, "internal: no parameter field %s.%s", prefix, key);
        return "0";
    }
    memcpy(&v, (const char *) record + f->offset, sizeof v);
    snprintf(name, sizeof name, "%s.%s", prefix, key);
    /* the one field whose unit its kind cannot say: a rate of concentration */
    if (group == EXOPK_GROUP_AGENT && strcmp(key, "vmax_pgp") == 0)
        return sbml_param(b, name, v, SU_NMOL_PER_LITRE_PER_HOUR);
    return sbml_param(b, name, v, unit_of_kind(f->kind));
}

const char *
sbml_subject_param(SbmlBuild *b, const char *key)
{
    return field_param(b, EXOPK_GROUP_SUBJECT, &b->s->subject, "species", key);
}

const char *
sbml_tumour_param(SbmlBuild *b, const char *key)
{
    return field_param(b, EXOPK_GROUP_TUMOUR, &b->s->tumour, "tumour", key);
}

const char *
sbml_agent_param(SbmlBuild *b, const AgentBlock *ab, const char *key)
{
    const ExopkAgent *ag = &b->s->agents[ab->agent];
    return field_param(b, EXOPK_GROUP_AGENT, ag, ag->name, key);
}

const char *
sbml_carrier_param(SbmlBuild *b, const CarrierBlock *cb, const char *key)
{
    const ExopkCarrier *c = &b->s->formulations[cb->formulation].carrier;
    char prefix[128];

    snprintf(prefix, sizeof prefix, "carrier.%s", c->name);
    return field_param(b, EXOPK_GROUP_CARRIER, c, prefix, key);
}

const char *
sbml_loading_param(SbmlBuild *b, const CarrierBlock *cb, const char *key)
{
    const ExopkLoadingMethod *lm = &b->s->formulations[cb->formulation].method;
    char prefix[128];

    snprintf(prefix, sizeof prefix, "loading.%s", lm->name);
    return field_param(b, EXOPK_GROUP_LOADING, lm, prefix, key);
}

/* ---- freeing ------------------------------------------------------------------ */

void
sbml_model_free(SbmlModel *x)
{
    for (size_t i = 0; i < x->species.n; i++) {
        free(x->species.v[i]->id);
        free(x->species.v[i]->name);
        free(x->species.v[i]);
    }
    for (size_t i = 0; i < x->params.n; i++) {
        free(x->params.v[i]->id);
        free(x->params.v[i]->name);
        free(x->params.v[i]);
    }
    for (size_t i = 0; i < x->rules.n; i++) {
        free(x->rules.v[i]->variable);
        free(x->rules.v[i]->math);
        free(x->rules.v[i]);
    }
    for (size_t i = 0; i < x->reactions.n; i++) {
        free(x->reactions.v[i]->id);
        free(x->reactions.v[i]->name);
        free(x->reactions.v[i]->math);
        free(x->reactions.v[i]);
    }
    for (size_t i = 0; i < x->events.n; i++) {
        SbmlEvent *ev = x->events.v[i];
        for (size_t k = 0; k < ev->n_assign; k++) {
            free(ev->assign[k].variable);
            free(ev->assign[k].math);
        }
        free(ev->assign);
        free(ev->id);
        free(ev->name);
        free(ev->trigger);
        free(ev);
    }
    free(x->species.v);
    free(x->params.v);
    free(x->rules.v);
    free(x->reactions.v);
    free(x->events.v);
    free(x->id);
    free(x->name);
    free(x->notes);
    memset(x, 0, sizeof *x);
}
