/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk.population{ study =, subjects =, seed =, threads =, arms =,
 * output = } (docs/lua-api.md): a virtual population of the study's
 * variability, as `exopk population` runs it, returning the summary as
 * tables: summary[arm][metric] = { unit, mean, sd, p05, p25, p50, p75,
 * p95 }, and the number of subjects drawn again. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "exopk-population.h"
#include "lexopk-api.h"

#define WHAT "population"

static const char *const KEYS[] = { "study", "subjects", "seed", "threads", "arms", "output" };

static void
check_keys(lua_State *L, int t)
{
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        const char *near;
        int ok = 0;

        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, WHAT ": unexpected %s key in the options", luaL_typename(L, -1));
        for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
            ok |= strcmp(lua_tostring(L, -1), KEYS[i]) == 0;
        if (!ok) {
            near = exopk_nearest_name(lua_tostring(L, -1), KEYS, sizeof KEYS / sizeof *KEYS);
            luaL_error(L, WHAT ": unknown option \"%s\"%s%s%s", lua_tostring(L, -1),
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
        }
    }
}

/* Integer option @key of @t in [lo, hi], or @def when absent. */
static lua_Integer
int_option(lua_State *L, int t, const char *key, lua_Integer lo, lua_Integer hi,
           lua_Integer def)
{
    lua_Integer v;

    if (lua_getfield(L, t, key) == LUA_TNIL) {
        lua_pop(L, 1);
        return def;
    }
    if (!lua_isinteger(L, -1))
        luaL_error(L, WHAT ".%s: expected a whole number, got %s", key, luaL_typename(L, -1));
    v = lua_tointeger(L, -1);
    if (v < lo || v > hi)
        luaL_error(L, WHAT ".%s: %lld: must be from %lld to %lld", key, (long long) v,
                   (long long) lo, (long long) hi);
    lua_pop(L, 1);
    return v;
}

/* The arms option (a list of names) into @idx (userdata on the stack). */
static size_t *
arm_option(lua_State *L, int t, const ExopkStudy *s, size_t *n)
{
    size_t *idx;

    *n = 0;
    if (lua_getfield(L, t, "arms") == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    luaL_argexpected(L, lua_istable(L, -1), 1, "arms: a list of arm names");
    *n = lua_rawlen(L, -1);
    idx = lua_newuserdatauv(L, (*n ? *n : 1) * sizeof *idx, 0);
    for (size_t i = 0; i < *n; i++) {
        lua_rawgeti(L, -2, (lua_Integer) i + 1);
        idx[i] = lx_check_arm(L, s, luaL_checkstring(L, -1), WHAT ".arms");
        lua_pop(L, 1);
    }
    return idx;
}

static void
push_summary(lua_State *L, const ExopkPopSummary *sum)
{
    lua_newtable(L);
    for (size_t i = 0; i < exopk_pop_summary_n(sum); i++) {
        const ExopkPopStat *st = exopk_pop_summary_stat(sum, i);
        const double v[7] = { st->mean, st->sd, st->p05, st->p25, st->p50, st->p75, st->p95 };
        static const char *const names[7] = { "mean", "sd", "p05", "p25", "p50", "p75", "p95" };

        if (lua_getfield(L, -1, st->arm) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_newtable(L);
            lua_pushvalue(L, -1);
            lua_setfield(L, -3, st->arm);
        }
        lua_createtable(L, 0, 8);
        lua_pushstring(L, st->unit);
        lua_setfield(L, -2, "unit");
        lua_pushinteger(L, st->n);
        lua_setfield(L, -2, "n");
        for (int k = 0; k < 7; k++) {
            lua_pushnumber(L, v[k]);
            lua_setfield(L, -2, names[k]);
        }
        lua_setfield(L, -2, st->metric);
        lua_pop(L, 1);
    }
}

/* The summary in a box whose __gc frees it, so that a Lua error while
 * the tables are built (out of memory) loses nothing. */
static int
summary_gc(lua_State *L)
{
    ExopkPopSummary **box = lua_touserdata(L, 1);

    exopk_pop_summary_free(*box);
    *box = NULL;
    return 0;
}

static ExopkPopSummary **
push_summary_box(lua_State *L)
{
    ExopkPopSummary **box = lua_newuserdatauv(L, sizeof *box, 0);

    *box = NULL;
    if (luaL_newmetatable(L, "exopk.PopulationSummary")) {
        lua_pushcfunction(L, summary_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return box;
}

int
lx_population(lua_State *L)
{
    ExopkPopOptions o = { 0 };
    ExopkPopSpec *spec;
    ExopkPopSummary **sum;
    ExopkStudy *s;
    ExopkError err;

    luaL_checktype(L, 1, LUA_TTABLE);
    check_keys(L, 1);
    lua_getfield(L, 1, "study");
    s = lx_check_study(L, -1);
    o.subjects = (long) int_option(L, 1, "subjects", 1, 10000000, 0);
    if (o.subjects == 0)
        return luaL_error(L, WHAT ".subjects: missing (how many subjects)");
    o.seed = (uint64_t) int_option(L, 1, "seed", 0, LUA_MAXINTEGER, 1);
    o.threads = (int) int_option(L, 1, "threads", 1, 256, 1);
    o.arms = arm_option(L, 1, s, &o.n_arms);
    if (lua_getfield(L, 1, "output") != LUA_TNIL)
        o.dir = luaL_checkstring(L, -1);
    spec = lua_newuserdatauv(L, sizeof *spec, 0);
    if (exopk_lua_population_spec(s, lx_data_dir(L), spec, &err) != EXOPK_OK)
        return luaL_error(L, WHAT ": %s", err.message);
    sum = push_summary_box(L);
    if ((*sum = exopk_population_run(s, spec, &o, &err)) == NULL)
        return luaL_error(L, WHAT ": %s", err.message);
    push_summary(L, *sum);
    lua_pushinteger(L, exopk_pop_summary_redrawn(*sum));
    exopk_pop_summary_free(*sum);
    *sum = NULL;
    return 2;
}
