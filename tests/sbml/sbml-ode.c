/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test only: SBML read back as an ODE system (sbml-ode.h).  Math is
 * compiled once from libsbml's ASTs into a small tree with resolved
 * variables, then evaluated at every right-hand side. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbml-ode.h"

#define TIME_EPS 1e-9

typedef enum {
    X_NUM, X_VAR, X_TIME, X_PLUS, X_MINUS, X_TIMES, X_DIVIDE, X_POWER, X_LN, X_EXP,
    X_PIECEWISE, X_GT, X_LT, X_GEQ, X_LEQ, X_EQ, X_NEQ, X_AND, X_OR, X_NOT
} XOp;

typedef struct Expr {
    XOp op;
    double num;
    int var;
    int n;
    struct Expr **kid;
} Expr;

typedef struct {
    int slot;
    Expr *math;
} Assign;

typedef struct {
    Expr *trigger;
    double time;          /* "time >= T": T, else NAN */
    int has_priority, use_trigger_values, was;
    Expr *priority;
    Assign *assign;
    int n_assign;
} Event;

typedef struct {
    Expr *rate;
    int n_side[2];        /* reactants, products */
    int *species[2];
    double *stoich[2];
} Reaction;

struct SbmlOde {
    size_t ns, np;        /* slots: species 0..ns-1, then parameters */
    char **names;         /* ids of the slots */
    char **species_names;
    double *v, *init;
    double t;
    Assign *rules;
    int n_rules;
    Reaction *reactions;
    int n_reactions;
    Event *events;
    int n_events;
    double *times;
    size_t n_times;
};

/* ---- compiling ------------------------------------------------------------------- */

typedef struct {
    SbmlOde *o;
    char *why;
    size_t size;
    int failed;
} Compile;

static void
refuse(Compile *c, const char *fmt, ...)
{
    va_list ap;

    if (c->failed++)
        return;
    va_start(ap, fmt);
    vsnprintf(c->why, c->size, fmt, ap);
    va_end(ap);
}

static int
slot_of(const SbmlOde *o, const char *id)
{
    for (size_t i = 0; i < o->ns + o->np; i++)
        if (strcmp(o->names[i], id) == 0)
            return (int) i;
    return -1;
}

static XOp
op_of(ASTNodeType_t t, int *ok)
{
    static const struct { ASTNodeType_t t; XOp op; } OPS[] = {
        { AST_PLUS, X_PLUS }, { AST_MINUS, X_MINUS }, { AST_TIMES, X_TIMES },
        { AST_DIVIDE, X_DIVIDE }, { AST_POWER, X_POWER }, { AST_FUNCTION_POWER, X_POWER },
        { AST_FUNCTION_LN, X_LN }, { AST_FUNCTION_EXP, X_EXP },
        { AST_FUNCTION_PIECEWISE, X_PIECEWISE }, { AST_RELATIONAL_GT, X_GT },
        { AST_RELATIONAL_LT, X_LT }, { AST_RELATIONAL_GEQ, X_GEQ }, { AST_RELATIONAL_LEQ, X_LEQ },
        { AST_RELATIONAL_EQ, X_EQ }, { AST_RELATIONAL_NEQ, X_NEQ }, { AST_LOGICAL_AND, X_AND },
        { AST_LOGICAL_OR, X_OR }, { AST_LOGICAL_NOT, X_NOT },
    };
    for (size_t i = 0; i < sizeof OPS / sizeof *OPS; i++)
        if (OPS[i].t == t)
            return OPS[i].op;
    *ok = 0;
    return X_NUM;
}

static Expr *
compile(Compile *c, const ASTNode_t *a)
{
    Expr *e = calloc(1, sizeof *e);
    ASTNodeType_t t = ASTNode_getType(a);
    int ok = 1;

    if (ASTNode_isNumber(a)) {
        e->op = X_NUM;
        e->num = t == AST_INTEGER ? (double) ASTNode_getInteger(a) : ASTNode_getReal(a);
        return e;
    }
    if (t == AST_NAME_TIME) {
        e->op = X_TIME;
        return e;
    }
    if (t == AST_NAME) {
        e->op = X_VAR;
        if ((e->var = slot_of(c->o, ASTNode_getName(a))) < 0)
            refuse(c, "unknown name %s", ASTNode_getName(a));
        return e;
    }
    e->op = op_of(t, &ok);
    if (!ok) {
        char *f = SBML_formulaToL3String(a);
        refuse(c, "an operator the evaluator does not know (AST type %d) in %s", (int) t, f);
        free(f);
        return e;
    }
    e->n = (int) ASTNode_getNumChildren(a);
    e->kid = calloc((size_t) e->n + 1, sizeof *e->kid);
    for (int i = 0; i < e->n; i++)
        e->kid[i] = compile(c, ASTNode_getChild(a, (unsigned) i));
    return e;
}

static void
expr_free(Expr *e)
{
    if (e == NULL)
        return;
    for (int i = 0; i < e->n; i++)
        expr_free(e->kid[i]);
    free(e->kid);
    free(e);
}

/* ---- evaluating -------------------------------------------------------------------- */

static double eval(const SbmlOde *o, const Expr *e);

static double
eval_nary(const SbmlOde *o, const Expr *e)
{
    double r = e->op == X_TIMES ? 1.0 : 0.0;

    if (e->op == X_MINUS)
        return e->n == 1 ? -eval(o, e->kid[0]) : eval(o, e->kid[0]) - eval(o, e->kid[1]);
    for (int i = 0; i < e->n; i++)
        r = e->op == X_TIMES ? r * eval(o, e->kid[i]) : r + eval(o, e->kid[i]);
    return r;
}

/* piecewise(v1, c1, v2, c2, ..., otherwise) */
static double
eval_piecewise(const SbmlOde *o, const Expr *e)
{
    int i;

    for (i = 0; i + 1 < e->n; i += 2)
        if (eval(o, e->kid[i + 1]) != 0.0)
            return eval(o, e->kid[i]);
    return i < e->n ? eval(o, e->kid[i]) : NAN;
}

static double
eval_logic(const SbmlOde *o, const Expr *e)
{
    double a = eval(o, e->kid[0]), b = e->n > 1 ? eval(o, e->kid[1]) : 0.0;

    switch (e->op) {
    case X_GT: return a > b;
    case X_LT: return a < b;
    case X_GEQ: return a >= b;
    case X_LEQ: return a <= b;
    case X_EQ: return a == b;
    case X_NEQ: return a != b;
    case X_NOT: return a == 0.0;
    case X_AND:
        for (int i = 0; i < e->n; i++)
            if (eval(o, e->kid[i]) == 0.0)
                return 0.0;
        return 1.0;
    default:   /* X_OR */
        for (int i = 0; i < e->n; i++)
            if (eval(o, e->kid[i]) != 0.0)
                return 1.0;
        return 0.0;
    }
}

static double
eval(const SbmlOde *o, const Expr *e)
{
    switch (e->op) {
    case X_NUM: return e->num;
    case X_VAR: return o->v[e->var];
    case X_TIME: return o->t;
    case X_PLUS: case X_MINUS: case X_TIMES: return eval_nary(o, e);
    case X_DIVIDE: return eval(o, e->kid[0]) / eval(o, e->kid[1]);
    case X_POWER: return pow(eval(o, e->kid[0]), eval(o, e->kid[1]));
    case X_LN: return log(eval(o, e->kid[0]));
    case X_EXP: return exp(eval(o, e->kid[0]));
    case X_PIECEWISE: return eval_piecewise(o, e);
    default: return eval_logic(o, e);
    }
}

/* The state @y at @t, with every assignment rule evaluated. */
static void
load(SbmlOde *o, double t, const double *y)
{
    o->t = t;
    memcpy(o->v, y, o->ns * sizeof *y);
    for (int r = 0; r < o->n_rules; r++)
        o->v[o->rules[r].slot] = eval(o, o->rules[r].math);
}

int
sbml_ode_rhs(SbmlOde *o, double t, const double *y, double *dydt)
{
    double sum = 0;

    load(o, t, y);
    memset(dydt, 0, o->ns * sizeof *dydt);
    for (int r = 0; r < o->n_reactions; r++) {
        const Reaction *re = &o->reactions[r];
        double rate = eval(o, re->rate);
        for (int side = 0; side < 2; side++)
            for (int k = 0; k < re->n_side[side]; k++)
                dydt[re->species[side][k]] += (side ? 1 : -1) * re->stoich[side][k] * rate;
    }
    for (size_t i = 0; i < o->ns; i++)
        sum += dydt[i] * 0.0;
    return sum == 0.0 ? 0 : -1;
}

/* ---- reading the model ------------------------------------------------------------- */

static void
read_symbols(Compile *c, const Model_t *m)
{
    SbmlOde *o = c->o;
    size_t n;

    o->ns = Model_getNumSpecies(m);
    o->np = Model_getNumParameters(m);
    n = o->ns + o->np;
    o->names = calloc(n + 1, sizeof *o->names);
    o->species_names = calloc(o->ns + 1, sizeof *o->species_names);
    o->v = calloc(n + 1, sizeof *o->v);
    o->init = calloc(n + 1, sizeof *o->init);
    for (size_t i = 0; i < o->ns; i++) {
        const Species_t *s = Model_getSpecies((Model_t *) m, (unsigned) i);
        o->names[i] = strdup(Species_getId(s));
        o->species_names[i] = strdup(Species_isSetName(s) ? Species_getName(s) : Species_getId(s));
        if (!Species_getHasOnlySubstanceUnits(s) || !Species_isSetInitialAmount(s))
            refuse(c, "species %s is not an amount with an initial amount", Species_getId(s));
        o->init[i] = Species_getInitialAmount(s);
    }
    for (size_t i = 0; i < o->np; i++) {
        const Parameter_t *p = Model_getParameter((Model_t *) m, (unsigned) i);
        o->names[o->ns + i] = strdup(Parameter_getId(p));
        o->init[o->ns + i] = o->v[o->ns + i] = Parameter_getValue(p);
    }
}

/* The first variable @e reads whose rule comes later, or -1. */
static int
reads_later(const Expr *e, const char *pending, const char *defined)
{
    if (e->op == X_VAR && pending[e->var] && !defined[e->var])
        return e->var;
    for (int i = 0; i < e->n; i++) {
        int v = reads_later(e->kid[i], pending, defined);
        if (v >= 0)
            return v;
    }
    return -1;
}

/* Assignment rules, each reading only rules before it. */
static void
read_rules(Compile *c, const Model_t *m)
{
    SbmlOde *o = c->o;
    unsigned n = Model_getNumRules(m);
    char *defined = calloc(o->ns + o->np + 1, 1), *pending = calloc(o->ns + o->np + 1, 1);

    o->rules = calloc(n + 1, sizeof *o->rules);
    for (unsigned r = 0; r < n; r++) {
        const Rule_t *rule = Model_getRule((Model_t *) m, r);
        int slot = slot_of(o, Rule_getVariable(rule));
        if (!Rule_isAssignment(rule) || slot < (int) o->ns) {
            refuse(c, "rule %u is not an assignment rule for a parameter", r);
            continue;
        }
        pending[slot] = 1;
    }
    for (unsigned r = 0; r < n && !c->failed; r++) {
        const Rule_t *rule = Model_getRule((Model_t *) m, r);
        Assign *a = &o->rules[o->n_rules++];
        a->slot = slot_of(o, Rule_getVariable(rule));
        a->math = compile(c, Rule_getMath(rule));
        if (!c->failed && reads_later(a->math, pending, defined) >= 0)
            refuse(c, "the rule for %s reads %s before its rule", o->names[a->slot],
                   o->names[reads_later(a->math, pending, defined)]);
        defined[a->slot] = 1;
    }
    free(defined);
    free(pending);
}

static void
read_reactions(Compile *c, const Model_t *m)
{
    SbmlOde *o = c->o;
    unsigned n = Model_getNumReactions(m);

    o->reactions = calloc(n + 1, sizeof *o->reactions);
    for (unsigned r = 0; r < n && !c->failed; r++) {
        Reaction_t *re = Model_getReaction((Model_t *) m, r);
        Reaction *x = &o->reactions[o->n_reactions++];
        x->rate = compile(c, KineticLaw_getMath(Reaction_getKineticLaw(re)));
        for (int side = 0; side < 2; side++) {
            unsigned k = side ? Reaction_getNumProducts(re) : Reaction_getNumReactants(re);
            x->n_side[side] = (int) k;
            x->species[side] = calloc(k + 1, sizeof *x->species[side]);
            x->stoich[side] = calloc(k + 1, sizeof *x->stoich[side]);
            for (unsigned i = 0; i < k; i++) {
                SpeciesReference_t *sr = side ? Reaction_getProduct(re, i) : Reaction_getReactant(re, i);
                x->species[side][i] = slot_of(o, SpeciesReference_getSpecies(sr));
                x->stoich[side][i] = SpeciesReference_getStoichiometry(sr);
            }
        }
    }
}

/* "time >= T" gives T, else NAN. */
static double
timed(const Expr *e)
{
    if (e->op == X_GEQ && e->n == 2 && e->kid[0]->op == X_TIME && e->kid[1]->op == X_NUM)
        return e->kid[1]->num;
    return NAN;
}

static void
read_events(Compile *c, const Model_t *m)
{
    SbmlOde *o = c->o;
    unsigned n = Model_getNumEvents(m);

    o->events = calloc(n + 1, sizeof *o->events);
    o->times = calloc(n + 1, sizeof *o->times);
    for (unsigned k = 0; k < n && !c->failed; k++) {
        Event_t *ev = Model_getEvent((Model_t *) m, k);
        Event *e = &o->events[o->n_events++];
        unsigned na = Event_getNumEventAssignments(ev);
        if (Event_isSetDelay(ev))
            refuse(c, "event %s has a delay", Event_getId(ev));
        e->trigger = compile(c, Trigger_getMath(Event_getTrigger(ev)));
        e->time = timed(e->trigger);
        e->use_trigger_values = Event_getUseValuesFromTriggerTime(ev);
        e->has_priority = Event_isSetPriority(ev);
        if (e->has_priority)
            e->priority = compile(c, Priority_getMath(Event_getPriority(ev)));
        e->assign = calloc(na + 1, sizeof *e->assign);
        for (unsigned i = 0; i < na; i++) {
            EventAssignment_t *ea = Event_getEventAssignment(ev, i);
            e->assign[e->n_assign].slot = slot_of(o, EventAssignment_getVariable(ea));
            e->assign[e->n_assign++].math = compile(c, EventAssignment_getMath(ea));
        }
        if (!isnan(e->time))
            o->times[o->n_times++] = e->time;
    }
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

SbmlOde *
sbml_ode_new(const Model_t *model, char *why, size_t size)
{
    SbmlOde *o = calloc(1, sizeof *o);
    Compile c = { o, why, size, 0 };
    size_t u = 0;

    read_symbols(&c, model);
    if (Model_getNumInitialAssignments(model) > 0 || Model_getNumFunctionDefinitions(model) > 0 ||
        Model_getNumConstraints(model) > 0)
        refuse(&c, "initial assignments, function definitions or constraints");
    read_rules(&c, model);
    read_reactions(&c, model);
    read_events(&c, model);
    qsort(o->times, o->n_times, sizeof *o->times, cmp_double);
    for (size_t i = 0; i < o->n_times; i++)
        if (u == 0 || o->times[i] - o->times[u - 1] > TIME_EPS)
            o->times[u++] = o->times[i];
    o->n_times = u;
    if (c.failed) {
        sbml_ode_free(o);
        return NULL;
    }
    return o;
}

void
sbml_ode_free(SbmlOde *o)
{
    if (o == NULL)
        return;
    for (size_t i = 0; i < o->ns + o->np; i++)
        free(o->names[i]);
    for (size_t i = 0; i < o->ns; i++)
        free(o->species_names[i]);
    for (int r = 0; r < o->n_rules; r++)
        expr_free(o->rules[r].math);
    for (int r = 0; r < o->n_reactions; r++) {
        expr_free(o->reactions[r].rate);
        for (int s = 0; s < 2; s++) {
            free(o->reactions[r].species[s]);
            free(o->reactions[r].stoich[s]);
        }
    }
    for (int k = 0; k < o->n_events; k++) {
        expr_free(o->events[k].trigger);
        expr_free(o->events[k].priority);
        for (int i = 0; i < o->events[k].n_assign; i++)
            expr_free(o->events[k].assign[i].math);
        free(o->events[k].assign);
    }
    free(o->names);
    free(o->species_names);
    free(o->v);
    free(o->init);
    free(o->rules);
    free(o->reactions);
    free(o->events);
    free(o->times);
    free(o);
}

size_t
sbml_ode_n(const SbmlOde *o)
{
    return o->ns;
}

const char *
sbml_ode_species_name(const SbmlOde *o, size_t i)
{
    return o->species_names[i];
}

void
sbml_ode_initial(const SbmlOde *o, double *y)
{
    memcpy(y, o->init, o->ns * sizeof *y);
}

size_t
sbml_ode_n_times(const SbmlOde *o)
{
    return o->n_times;
}

double
sbml_ode_time(const SbmlOde *o, size_t k)
{
    return o->times[k];
}

/* ---- events ------------------------------------------------------------------------ */

/* The values of @e's assignments now (malloc'd). */
static double *
values(SbmlOde *o, const Event *e, double t, const double *y)
{
    double *val = calloc((size_t) e->n_assign + 1, sizeof *val);

    load(o, t, y);
    for (int i = 0; i < e->n_assign; i++)
        val[i] = eval(o, e->assign[i].math);
    return val;
}

static void
assign(SbmlOde *o, const Event *e, const double *val, double *y)
{
    for (int i = 0; i < e->n_assign; i++) {
        int s = e->assign[i].slot;
        if (s < (int) o->ns)
            y[s] = val[i];
        else
            o->v[s] = val[i];
    }
}

/* The events due at @t into @due (at most @max), highest priority first
 * (events without one keep their order, after those with one). */
static int
due_events(SbmlOde *o, double t, const double *y, int *due, int max)
{
    int n = 0;

    load(o, t, y);
    for (int k = 0; k < o->n_events && n < max; k++) {
        Event *e = &o->events[k];
        int now = !isnan(e->time) ? fabs(e->time - t) <= TIME_EPS : eval(o, e->trigger) != 0.0;
        if (now && (!isnan(e->time) || !e->was))
            due[n++] = k;
        if (isnan(e->time))
            e->was = now;
    }
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            const Event *a = &o->events[due[j - 1]], *b = &o->events[due[j]];
            double pa = a->has_priority ? eval(o, a->priority) : -INFINITY;
            double pb = b->has_priority ? eval(o, b->priority) : -INFINITY;
            if (pb > pa) {
                int tmp = due[j];
                due[j] = due[j - 1];
                due[j - 1] = tmp;
            }
        }
    return n;
}

int
sbml_ode_state_event_due(SbmlOde *o, double t, const double *y)
{
    load(o, t, y);
    for (int k = 0; k < o->n_events; k++) {
        const Event *e = &o->events[k];
        if (isnan(e->time) && !e->was && eval(o, e->trigger) != 0.0)
            return 1;
    }
    return 0;
}

int
sbml_ode_events(SbmlOde *o, double t, double *y)
{
    int due[512], n = due_events(o, t, y, due, 512);
    double *at_trigger[512];

    /* values from the trigger time: all computed before any executes */
    for (int i = 0; i < n; i++)
        at_trigger[i] = o->events[due[i]].use_trigger_values ? values(o, &o->events[due[i]], t, y)
                                                              : NULL;
    for (int i = 0; i < n; i++) {
        const Event *e = &o->events[due[i]];
        double *val = at_trigger[i] != NULL ? at_trigger[i] : values(o, e, t, y);
        assign(o, e, val, y);
        free(val);
    }
    return n;
}
