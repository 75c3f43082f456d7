/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk.optimize and exopk.pareto: the Lua face of include/exopk/optimize.h.
 *
 *   exopk.optimize{ study =, arm =, vary = { NAME = { lo, hi, log =, integer = } },
 *                   minimize = METRIC | maximize = METRIC,
 *                   subject_to = { [METRIC] = { min =, max =, statistic = } },
 *                   algorithm =, seed =, max_evaluations =, max_time =,
 *                   xtol_rel =, ftol_rel =, threads =,
 *                   population = { subjects =, seed = }, statistic =,
 *                   progress = function(best, evaluations) return cancel end }
 *   exopk.pareto{ the same, second = METRIC, maximize_second = false, points = 8 }
 *
 * NLopt and the worker threads never see Lua: the problem is built from
 * the options table before the call (strings borrowed from it; it stays on
 * the stack), and the progress hook, which the optimiser calls on this
 * thread, enters Lua only through lua_pcall of a C function.  A Lua error
 * there is kept in a reserved stack slot, cancels the run (the hook returns
 * nonzero), and is raised again once exopk_optimize has returned and its
 * result has been freed. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "exopk-population.h"
#include "lexopk-api.h"

#define OPT_RESULT_MT "exopk.OptResult"  /* internal: owns the C result */
#define PARETO_MT "exopk.ParetoFront"

typedef struct {
    ExopkOptResult *r;
} OptBox;

/* exopk_lua_set_population_spreader's, and whether a search uses it now
 * (a progress function's own exopk.optimize runs here). */
static ExopkLuaSpreader spreader;
static int have_spreader, spreading;

void
exopk_lua_set_population_spreader(const ExopkLuaSpreader *s)
{
    have_spreader = s != NULL;
    if (s != NULL)
        spreader = *s;
}

typedef struct {
    ExopkParetoFront *f;
} FrontBox;

static int
opt_box_gc(lua_State *L)
{
    OptBox *b = luaL_checkudata(L, 1, OPT_RESULT_MT);

    exopk_opt_result_free(b->r);
    b->r = NULL;
    return 0;
}

static int
front_box_gc(lua_State *L)
{
    FrontBox *b = luaL_checkudata(L, 1, PARETO_MT);

    exopk_pareto_free(b->f);
    b->f = NULL;
    return 0;
}

static void
box_metatables(lua_State *L)
{
    if (luaL_newmetatable(L, OPT_RESULT_MT)) {
        lua_pushcfunction(L, opt_box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, PARETO_MT)) {
        lua_pushcfunction(L, front_box_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
}

/* --- the problem from the options table ----------------------------------- */

typedef struct {
    lua_State *L;
    const char *what;           /* "exopk.optimize" */
    ExopkOptProblem p;
    ExopkOptVariable *vars;     /* userdata scratch */
    ExopkOptConstraint *cons;   /* userdata scratch */
    /* progress */
    int fn;                     /* stack index of the Lua function, or 0 */
    int err_slot;               /* stack index of the saved error (nil if none) */
    int failed;
    const ExopkOptPoint *best;
    long evaluations;
} Opt;

static double
opt_number(lua_State *L, int t, const char *key, double dflt, const char *what)
{
    double v;

    switch (lua_getfield(L, t, key)) {
    case LUA_TNIL: v = dflt; break;
    case LUA_TNUMBER: v = lua_tonumber(L, -1); break;
    default:
        return luaL_error(L, "%s: %s: expected a number, got a %s", what, key,
                          luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return v;
}

typedef struct {
    const char *key;            /* alive: a key of the vary table */
    int rank;
} VaryKey;

static int
cmp_vary(const void *a, const void *b)
{
    const VaryKey *x = a, *y = b;

    return x->rank != y->rank ? x->rank - y->rank : strcmp(x->key, y->key);
}

/* vary.@k = { lower, upper, log = bool, integer = bool } of table @t into @v:
 * bounds ordered and inside the domain of what @k sets. */
static void
read_variable(Opt *o, int t, const ExopkStudy *s, size_t arm, const char *k,
              ExopkOptVariable *v)
{
    lua_State *L = o->L;
    char what[160];
    ExopkError err;
    int spec;

    memset(v, 0, sizeof *v);
    if (strlen(k) >= sizeof v->name)
        luaL_error(L, "%s: vary: name too long: %s", o->what, k);
    snprintf(v->name, sizeof v->name, "%s", k);
    snprintf(what, sizeof what, "%s: vary", o->what);
    if (lua_getfield(L, t, k) != LUA_TTABLE || lua_rawlen(L, -1) != 2)
        luaL_error(L, "%s.%s: expected { lower, upper [, log = true] [, integer = true] }",
                   what, k);
    spec = lua_gettop(L);
    lua_rawgeti(L, spec, 1);
    v->lower = lx_set_value(L, s, arm, k, -1, what);
    lua_rawgeti(L, spec, 2);
    v->upper = lx_set_value(L, s, arm, k, -1, what);
    lua_pop(L, 2);
    lua_getfield(L, spec, "log");
    v->log_scale = lua_toboolean(L, -1);
    lua_getfield(L, spec, "integer");
    v->integer = lua_isnil(L, -1) ? strcmp(k, "count") == 0 : lua_toboolean(L, -1);
    lua_pop(L, 3);
    if (!(v->lower <= v->upper))
        luaL_error(L, "%s.%s: the lower bound %f is above the upper bound %f", what, k,
                   v->lower, v->upper);
    if (v->log_scale && !(v->lower > 0))
        luaL_error(L, "%s.%s: log = true needs a positive lower bound", what, k);
    if (exopk_opt_check_bounds(s, k, v->lower, v->upper, &err) != EXOPK_OK)
        luaL_error(L, "%s.%s: %s", what, k, err.message);
}

/* vary = { NAME = { lo, hi, log = bool, integer = bool } }, in the order
 * of `set` (so "every" is set before "count"). */
static void
read_vary(Opt *o, int t, const ExopkStudy *s, size_t arm)
{
    lua_State *L = o->L;
    size_t n = 0, i = 0;
    VaryKey *keys;

    if (lua_getfield(L, t, "vary") != LUA_TTABLE)
        luaL_error(L, "%s: vary: expected a table { NAME = { lower, upper } }, e.g. vary = "
                   "{ dose = { 1e9, 1e12, log = true } }", o->what);
    t = lua_gettop(L);                                    /* [.. vary] */
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "%s: vary: keys are names (dose, every, ...) or parameter paths",
                       o->what);
        n++;
        lua_pop(L, 1);
    }
    if (n == 0)
        luaL_error(L, "%s: vary: empty (name at least one thing to vary)", o->what);
    keys = lua_newuserdatauv(L, n * sizeof *keys, 0);     /* [.. vary keys] */
    o->vars = lua_newuserdatauv(L, n * sizeof *o->vars, 0); /* [.. vary keys vars] */
    lua_pushnil(L);
    while (lua_next(L, t) != 0 && i < n) {
        keys[i].key = lua_tostring(L, -2);
        keys[i].rank = lx_set_rank(keys[i].key);
        i++;
        lua_pop(L, 1);
    }
    qsort(keys, n, sizeof *keys, cmp_vary);
    for (i = 0; i < n; i++)
        read_variable(o, t, s, arm, keys[i].key, &o->vars[i]);
    o->p.vars = o->vars;
    o->p.n_vars = n;
    lua_remove(L, -2);                                    /* [.. vary vars] */
    /* keep vary (its key strings) and vars alive below the caller's top */
}

/* The statistic = "p95" of table @t into @out ("" when absent). */
static void
read_statistic(lua_State *L, int t, const char *what, char *out, size_t size)
{
    out[0] = '\0';
    switch (lua_getfield(L, t, "statistic")) {
    case LUA_TNIL: break;
    case LUA_TSTRING:
        if (lua_rawlen(L, -1) >= size)
            luaL_error(L, "%s: statistic: expected mean, median or pNN", what);
        snprintf(out, size, "%s", lua_tostring(L, -1));
        break;
    default:
        luaL_error(L, "%s: statistic: expected a string (mean, median or pNN), got a %s", what,
                   luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

static void
read_constraints(Opt *o, int t)
{
    lua_State *L = o->L;
    size_t n = 0, i = 0;

    switch (lua_getfield(L, t, "subject_to")) {
    case LUA_TNIL:
        lua_pushnil(L);                                   /* keep the stack shape */
        o->p.n_constraints = 0;
        return;
    case LUA_TTABLE: break;
    default:
        luaL_error(L, "%s: subject_to: expected { [METRIC] = { max = ..., min = ... } }",
                   o->what);
    }
    t = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TTABLE)
            luaL_error(L, "%s: subject_to: expected { [METRIC] = { max = ..., min = ... } }",
                       o->what);
        n++;
        lua_pop(L, 1);
    }
    o->cons = lua_newuserdatauv(L, (n ? n : 1) * sizeof *o->cons, 0);  /* [.. st cons] */
    lua_pushnil(L);
    while (lua_next(L, t) != 0 && i < n) {                /* [.. st cons k v] */
        ExopkOptConstraint *c = &o->cons[i++];
        const char *m = lua_tostring(L, -2);
        char what[300];

        if (strlen(m) >= sizeof c->metric)
            luaL_error(L, "%s: subject_to: metric name too long", o->what);
        snprintf(c->metric, sizeof c->metric, "%s", m);
        snprintf(what, sizeof what, "%s: subject_to[\"%s\"]", o->what, m);
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING
                || (strcmp(lua_tostring(L, -1), "min") != 0
                    && strcmp(lua_tostring(L, -1), "max") != 0
                    && strcmp(lua_tostring(L, -1), "statistic") != 0))
                luaL_error(L, "%s: expected { max = ... } and/or { min = ... } (and "
                           "statistic = ... with a population)", what);
        }
        read_statistic(L, lua_gettop(L), what, c->statistic, sizeof c->statistic);
        c->min = opt_number(L, lua_gettop(L), "min", NAN, what);
        c->max = opt_number(L, lua_gettop(L), "max", NAN, what);
        if (isnan(c->min) && isnan(c->max))
            luaL_error(L, "%s: give max = ... and/or min = ...", what);
        lua_pop(L, 1);
    }
    /* a stable order whatever the hash order: by metric name */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && strcmp(o->cons[b - 1].metric, o->cons[b].metric) > 0; b--) {
            ExopkOptConstraint tmp = o->cons[b];
            o->cons[b] = o->cons[b - 1];
            o->cons[b - 1] = tmp;
        }
    o->p.constraints = o->cons;
    o->p.n_constraints = n;
    lua_remove(L, -2);                                    /* [.. cons] */
}

/* --- progress ------------------------------------------------------------- */

static void
push_x(lua_State *L, const ExopkOptVariable *vars, size_t n, const double *x)
{
    lua_createtable(L, 0, (int) n);
    for (size_t i = 0; i < n; i++) {
        if (vars[i].integer)
            lua_pushinteger(L, (lua_Integer) llround(x[i]));
        else
            lua_pushnumber(L, x[i]);
        lua_setfield(L, -2, vars[i].name);
    }
}

static void
push_point(lua_State *L, const ExopkOptVariable *vars, size_t n, const ExopkOptPoint *pt)
{
    lua_createtable(L, 0, 4);
    push_x(L, vars, n, pt->x);
    lua_setfield(L, -2, "x");
    lua_pushnumber(L, pt->objective);
    lua_setfield(L, -2, "objective");
    lua_pushnumber(L, pt->violation);
    lua_setfield(L, -2, "violation");
    lua_pushinteger(L, pt->evaluation);
    lua_setfield(L, -2, "evaluation");
}

/* Under lua_pcall, arguments [fn o]: calls fn(best or nil, evaluations). */
static int
progress_body(lua_State *L)
{
    Opt *o = lua_touserdata(L, 2);

    lua_settop(L, 1);                                     /* [fn] */
    if (o->best != NULL)
        push_point(L, o->p.vars, o->p.n_vars, o->best);   /* [fn best] */
    else
        lua_pushnil(L);
    lua_pushinteger(L, o->evaluations);                   /* [fn best n] */
    lua_call(L, 2, 1);                                    /* [cancel] */
    lua_pushboolean(L, lua_toboolean(L, -1));
    return 1;
}

/* The optimiser's hook, on this thread: no Lua error may leave it. */
static int
progress_hook(const ExopkOptPoint *best, long evaluations, void *data)
{
    Opt *o = data;
    lua_State *L = o->L;
    int cancel;

    if (o->failed)
        return 1;
    o->best = best;
    o->evaluations = evaluations;
    /* indices of this (lx_optimize's) frame: the body has its own */
    lua_pushcfunction(L, progress_body);                  /* [.. body] */
    lua_pushvalue(L, o->fn);                              /* [.. body fn] */
    lua_pushlightuserdata(L, o);                          /* [.. body fn o] */
    if (lua_pcall(L, 2, 1, 0) != LUA_OK) {                /* [.. error] */
        lua_replace(L, o->err_slot);                      /* [..] */
        o->failed = 1;
        return 1;
    }
    cancel = lua_toboolean(L, -1);
    lua_pop(L, 1);                                        /* [..] */
    return cancel;
}

/* --- reading the options -------------------------------------------------- */

static const char *const opt_keys[] = {
    "study", "arm", "vary", "minimize", "maximize", "subject_to", "algorithm", "seed",
    "max_evaluations", "max_time", "xtol_rel", "ftol_rel", "threads", "progress",
    "population", "statistic",
    /* pareto */
    "second", "maximize_second", "points",
};

static void
check_keys(lua_State *L, int t, const char *what, size_t n_allowed)
{
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        const char *k, *near;
        int ok = 0;

        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: unexpected %s key in the options", what, luaL_typename(L, -1));
        k = lua_tostring(L, -1);
        for (size_t i = 0; i < n_allowed; i++)
            ok |= strcmp(k, opt_keys[i]) == 0;
        if (!ok) {
            near = exopk_nearest_name(k, opt_keys, n_allowed);
            luaL_error(L, "%s: unknown option \"%s\"%s%s%s", what, k,
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
        }
    }
}

static const char *
opt_string(lua_State *L, int t, const char *key, const char *what)
{
    const char *s = NULL;

    switch (lua_getfield(L, t, key)) {
    case LUA_TNIL: break;
    case LUA_TSTRING: s = lua_tostring(L, -1); break;   /* alive: held by @t */
    default:
        luaL_error(L, "%s: %s: expected a string, got a %s", what, key, luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return s;
}

/* population = { subjects = N, seed = S } and statistic =: the study's
 * variability (as exopk population reads it) for a robust problem.
 * Pushes the spec (a userdata, or nil). */
static void
read_population(Opt *o, const ExopkStudy *s)
{
    lua_State *L = o->L;
    char what[64];
    ExopkPopSpec *spec;
    ExopkError err;
    double v;

    snprintf(what, sizeof what, "%s: population", o->what);
    switch (lua_getfield(L, 1, "population")) {           /* [.. pop] */
    case LUA_TNIL:
        if (opt_string(L, 1, "statistic", o->what) != NULL)
            luaL_error(L, "%s: statistic needs population = { subjects = N }", o->what);
        return;                                            /* nil keeps the stack shape */
    case LUA_TTABLE: break;
    default:
        luaL_error(L, "%s: expected { subjects = N, seed = S }, got a %s", what,
                   luaL_typename(L, -1));
    }
    v = opt_number(L, lua_gettop(L), "subjects", 200, what);
    if (!(v >= 1 && v <= 1e6 && v == floor(v)))
        luaL_error(L, "%s: subjects: expected a whole number from 1 to 1000000", what);
    o->p.subjects = (long) v;
    v = opt_number(L, lua_gettop(L), "seed", 1, what);
    if (!(v >= 0 && v == floor(v) && v < 9007199254740992.0))
        luaL_error(L, "%s: seed: expected a whole number >= 0", what);
    o->p.population_seed = (uint64_t) v;
    o->p.statistic = opt_string(L, 1, "statistic", o->what);
    lua_pop(L, 1);
    spec = lua_newuserdatauv(L, sizeof *spec, 0);          /* [.. spec] */
    if (exopk_lua_population_spec(s, lx_data_dir(L), spec, &err) != EXOPK_OK)
        luaL_error(L, "%s: %s", what, err.message);
    if (spec->n_params == 0)
        luaL_error(L, "%s: the study varies nothing (give it variability, batch or "
                   "uncertainty = \"library\")", what);
    o->p.population = spec;
}

/* Reads the options at stack index 1 into @o; leaves scratch values on the
 * stack above and pushes the reserved error slot last. */
static void
read_problem(Opt *o, size_t n_allowed)
{
    lua_State *L = o->L;
    const ExopkStudy *s;
    const char *arm, *min, *max;
    double v;
    size_t a;

    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    check_keys(L, 1, o->what, n_allowed);
    if (lua_getfield(L, 1, "study") == LUA_TNIL)
        luaL_error(L, "%s: study: missing (study = exopk.load(...))", o->what);
    s = lx_check_study(L, -1);                            /* [opts study] */
    arm = opt_string(L, 1, "arm", o->what);
    if (arm == NULL)
        luaL_error(L, "%s: arm: missing (the arm whose first dosing line varies)", o->what);
    a = lx_check_arm(L, s, arm, o->what);
    memset(&o->p, 0, sizeof o->p);
    o->p.study = s;
    o->p.arm = a;
    read_vary(o, 1, s, a);                                /* [opts study vary vars] */
    read_constraints(o, 1);                               /* [.. cons] */
    min = opt_string(L, 1, "minimize", o->what);
    max = opt_string(L, 1, "maximize", o->what);
    if ((min == NULL) == (max == NULL))
        luaL_error(L, "%s: give either minimize = METRIC or maximize = METRIC", o->what);
    o->p.objective = min != NULL ? min : max;
    o->p.maximize = max != NULL;
    o->p.algorithm = opt_string(L, 1, "algorithm", o->what);
    v = opt_number(L, 1, "seed", 1, o->what);
    if (!(v >= 0 && v == floor(v) && v < 4294967296.0))
        luaL_error(L, "%s: seed: expected a whole number >= 0", o->what);
    o->p.seed = (unsigned long) v;
    v = opt_number(L, 1, "max_evaluations", 0, o->what);
    if (!(v >= 0 && v < 1e12))
        luaL_error(L, "%s: max_evaluations: expected a number >= 0", o->what);
    o->p.max_evaluations = (long) v;
    o->p.max_time = opt_number(L, 1, "max_time", 0, o->what);
    o->p.xtol_rel = opt_number(L, 1, "xtol_rel", 0, o->what);
    o->p.ftol_rel = opt_number(L, 1, "ftol_rel", 0, o->what);
    if (!(o->p.max_time >= 0 && o->p.xtol_rel >= 0 && o->p.ftol_rel >= 0))
        luaL_error(L, "%s: max_time, xtol_rel and ftol_rel must not be negative", o->what);
    v = opt_number(L, 1, "threads", 0, o->what);
    if (!(v >= 0 && v <= 4096 && v == floor(v)))
        luaL_error(L, "%s: threads: expected a whole number >= 0 (0: one per core)", o->what);
    o->p.threads = (int) v;
    switch (lua_getfield(L, 1, "progress")) {             /* [.. fn] */
    case LUA_TNIL:
        o->fn = 0;
        break;
    case LUA_TFUNCTION:
        o->fn = lua_gettop(L);
        o->p.progress = progress_hook;
        o->p.progress_data = o;
        break;
    default:
        luaL_error(L, "%s: progress: expected a function(best, evaluations), got a %s", o->what,
                   luaL_typename(L, -1));
    }
    read_population(o, s);                                /* [.. fn spec] */
    lua_pushnil(L);                                       /* [.. fn spec err] */
    o->err_slot = lua_gettop(L);
    o->failed = 0;
    /* room for the hook's pcall and for building the results */
    luaL_checkstack(L, 40, o->what);
}

/* --- exopk.optimize --------------------------------------------------------- */

/* exopk_optimize, with a robust problem's subjects handed to the
 * spreader when there is one.  NULL + @err (the spreader's failure
 * too); a progress function's Lua error stays @o's. */
static ExopkOptResult *
optimize_maybe_spread(Opt *o, ExopkError *err)
{
    ExopkOptResult *r;
    int spread = have_spreader && !spreading && o->p.population != NULL;

    if (spread && spreader.begin(spreader.data, &o->p, lx_data_dir(o->L), err) != 0)
        return NULL;
    if (spread) {
        o->p.spread = spreader.subjects;
        o->p.spread_data = spreader.data;
        spreading = 1;
    }
    r = exopk_optimize(&o->p, err);
    if (spread) {
        spreading = 0;
        o->p.spread = NULL;
        if (spreader.end(spreader.data, err) != 0) {
            exopk_opt_result_free(r);
            r = NULL;
        }
    }
    return r;
}

int
lx_optimize(lua_State *L)
{
    Opt o = { .L = L, .what = "exopk.optimize" };
    OptBox *box;
    ExopkError err;
    const ExopkOptResult *r;
    size_t n;

    read_problem(&o, 16);
    box_metatables(L);
    box = lua_newuserdatauv(L, sizeof *box, 0);           /* [.. box] */
    box->r = NULL;
    luaL_setmetatable(L, OPT_RESULT_MT);
    box->r = optimize_maybe_spread(&o, &err);             /* no Lua raise can pass here */
    if (o.failed) {
        exopk_opt_result_free(box->r);
        box->r = NULL;
        lua_pushvalue(L, o.err_slot);
        return lua_error(L);
    }
    if (box->r == NULL)
        return luaL_error(L, "%s: %s", o.what, err.message);
    r = box->r;
    n = exopk_opt_result_n_vars(r);

    lua_createtable(L, 0, 10);                            /* [.. box best] */
    push_x(L, o.p.vars, n, exopk_opt_result_x(r));
    lua_setfield(L, -2, "x");
    lua_pushnumber(L, exopk_opt_result_objective(r));
    lua_setfield(L, -2, "objective");
    lua_pushinteger(L, exopk_opt_result_evaluations(r));
    lua_setfield(L, -2, "evaluations");
    lua_pushnumber(L, exopk_opt_result_wall_time(r));
    lua_setfield(L, -2, "wall_time");
    lua_pushstring(L, exopk_opt_result_status(r));
    lua_setfield(L, -2, "status");
    lua_pushboolean(L, exopk_opt_result_feasible(r));
    lua_setfield(L, -2, "feasible");
    lua_pushstring(L, o.p.objective);
    lua_setfield(L, -2, "metric");

    lua_createtable(L, 0, (int) o.p.n_constraints);      /* [.. best cons] */
    for (size_t i = 0; i < o.p.n_constraints; i++) {
        double value, slack;

        exopk_opt_result_constraint(r, i, &value, &slack);
        lua_createtable(L, 0, 4);
        lua_pushnumber(L, value);
        lua_setfield(L, -2, "value");
        lua_pushnumber(L, slack);
        lua_setfield(L, -2, "slack");
        if (!isnan(o.p.constraints[i].max)) {
            lua_pushnumber(L, o.p.constraints[i].max);
            lua_setfield(L, -2, "max");
        }
        if (!isnan(o.p.constraints[i].min)) {
            lua_pushnumber(L, o.p.constraints[i].min);
            lua_setfield(L, -2, "min");
        }
        lua_setfield(L, -2, o.p.constraints[i].metric);
    }
    lua_setfield(L, -2, "constraints");

    lua_createtable(L, (int) exopk_opt_result_n_trace(r), 0);   /* [.. best trace] */
    for (size_t i = 0; i < exopk_opt_result_n_trace(r); i++) {
        push_point(L, o.p.vars, n, exopk_opt_result_trace(r, i));
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
    lua_setfield(L, -2, "trace");

    {
        LxStudyBox *sb = lx_push_study(L);                /* [.. best study] */

        sb->study = exopk_opt_result_dup_study(r);
        if (sb->study == NULL)
            return luaL_error(L, "%s: out of memory", o.what);
        lua_setfield(L, -2, "study");
    }
    exopk_opt_result_free(box->r);
    box->r = NULL;
    return 1;
}

/* --- exopk.pareto ----------------------------------------------------------- */

int
lx_pareto(lua_State *L)
{
    Opt o = { .L = L, .what = "exopk.pareto" };
    const char *second;
    int max_second;
    double points;
    FrontBox *box;
    ExopkError err;
    size_t n;

    read_problem(&o, sizeof opt_keys / sizeof *opt_keys);
    second = opt_string(L, 1, "second", o.what);
    if (second == NULL)
        return luaL_error(L, "%s: second: missing (the metric traded against the first, e.g. "
                          "second = \"doxorubicin.heart_auc\")", o.what);
    lua_getfield(L, 1, "maximize_second");
    max_second = lua_toboolean(L, -1);
    lua_pop(L, 1);
    points = opt_number(L, 1, "points", 8, o.what);
    if (!(points >= 2 && points <= 1000 && points == floor(points)))
        return luaL_error(L, "%s: points: expected a whole number from 2 to 1000", o.what);
    box_metatables(L);
    box = lua_newuserdatauv(L, sizeof *box, 0);           /* [.. box] */
    box->f = NULL;
    luaL_setmetatable(L, PARETO_MT);
    box->f = exopk_pareto(&o.p, second, max_second, (size_t) points, &err);
    if (o.failed) {
        exopk_pareto_free(box->f);
        box->f = NULL;
        lua_pushvalue(L, o.err_slot);
        return lua_error(L);
    }
    if (box->f == NULL)
        return luaL_error(L, "%s: %s", o.what, err.message);
    n = exopk_pareto_n_points(box->f);
    lua_createtable(L, (int) n, 0);                       /* [.. box front] */
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        push_x(L, o.p.vars, o.p.n_vars, exopk_pareto_x(box->f, i));
        lua_setfield(L, -2, "x");
        lua_pushnumber(L, exopk_pareto_first(box->f, i));
        lua_setfield(L, -2, "first");
        lua_pushnumber(L, exopk_pareto_second(box->f, i));
        lua_setfield(L, -2, "second");
        lua_pushboolean(L, exopk_pareto_feasible(box->f, i));
        lua_setfield(L, -2, "feasible");
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
    exopk_pareto_free(box->f);
    box->f = NULL;
    return 1;
}
