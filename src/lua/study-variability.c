/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The population fields of a study file (docs/study-files.md,
 * "Variability"): variability, batch, correlations, uncertainty.  Called
 * by the study loader (study-load.c) under its protected call; fills
 * study->variability and raises "FILE:LINE: PATH: message" on a mistake.
 * Entries are taken in the order of their names (variability, then
 * batch), so a subject's draw does not depend on how the file is laid
 * out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "exopk/population.h"
#include "study-variability.h"

typedef struct {
    lua_State *L;
    const LxDoc *doc;
    ExopkStudy *s;
} V;

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The string keys of table @t sorted (strings stay alive as its keys). */
static const char **
sorted_names(V *v, int t, const char *field, size_t *n)
{
    lua_State *L = v->L;
    size_t count = 0;
    const char **names;

    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, v->doc, field, NULL, "expected parameter names as keys "
                    "({ [\"carrier.k_pt\"] = \"30 %%\" }), got a %s key", luaL_typename(L, -1));
        count++;
    }
    names = lua_newuserdatauv(L, (count ? count : 1) * sizeof *names, 0);
    count = 0;
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        lua_pop(L, 1);
        names[count++] = lua_tostring(L, -1);
    }
    qsort(names, count, sizeof *names, cmp_name);
    *n = count;
    return names;
}

/* "dose", "offered", "offered_<agent>", or a parameter path. */
static void
check_name(V *v, const char *path, const char *name)
{
    static const char *const dosing[] = { "every", "at", "over", "count" };
    static const char *const simple[] = { "dose", "offered" };
    ExopkUnitKind kind;
    ExopkError err;
    char sug[300];

    if (strcmp(name, "dose") == 0 || strcmp(name, "offered") == 0
        || (strncmp(name, "offered_", 8) == 0 && exopk_study_find_agent(v->s, name + 8) >= 0))
        return;
    for (size_t i = 0; i < sizeof dosing / sizeof *dosing; i++)
        if (strcmp(name, dosing[i]) == 0)
            lx_fail(v->L, v->doc, path, NULL, "dosing times and counts cannot vary (they "
                    "would change the output times); vary \"dose\" or a parameter path");
    if (strchr(name, '.') == NULL) {
        lx_suggest(sug, sizeof sug, name, simple, 2);
        lx_fail(v->L, v->doc, path, NULL, "unknown parameter \"%s\"%s", name, sug);
    }
    if (exopk_study_param_kind(v->s, name, &kind, &err) != EXOPK_OK)
        lx_fail(v->L, v->doc, path, NULL, "%s", err.message);
}

/* A coefficient of variation: "30 %" or a fraction (0.3). */
static double
read_cv(V *v, int idx, const char *path)
{
    lua_State *L = v->L;
    ExopkError err;
    double cv;

    if (lua_type(L, idx) == LUA_TNUMBER) {
        cv = lua_tonumber(L, idx);
    } else if (lua_type(L, idx) == LUA_TSTRING) {
        if (exopk_units_parse_as(lua_tostring(L, idx), EXOPK_KIND_DIMENSIONLESS, &cv, &err)
            != EXOPK_OK)
            lx_fail(L, v->doc, path, lua_tostring(L, idx), "\"%s\": %s", lua_tostring(L, idx),
                    err.message);
    } else {
        lx_fail(L, v->doc, path, NULL, "expected a coefficient of variation (\"30 %%\" or 0.3), "
                "got a %s", luaL_typename(L, idx));
    }
    if (!(cv >= 0 && isfinite(cv)))
        lx_fail(L, v->doc, path, NULL, "%g: the coefficient of variation must be finite and >= 0",
                cv);
    return cv;
}

static void
add_varied(V *v, const char *path, const char *name, double cv, ExopkVariedSource source)
{
    ExopkVariability *var = &v->s->variability;

    for (size_t i = 0; i < var->n_varied; i++)
        if (strcmp(var->varied[i].name, name) == 0)
            lx_fail(v->L, v->doc, path, NULL, "\"%s\" varies already (in variability or batch: "
                    "give it once)", name);
    if (var->n_varied == EXOPK_MAX_VARIED)
        lx_fail(v->L, v->doc, path, NULL, "at most %d varied parameters", EXOPK_MAX_VARIED);
    if (strlen(name) >= sizeof var->varied[0].name)
        lx_fail(v->L, v->doc, path, NULL, "name too long");
    snprintf(var->varied[var->n_varied].name, sizeof var->varied[0].name, "%s", name);
    var->varied[var->n_varied].cv = cv;
    var->varied[var->n_varied++].source = source;
}

/* variability = { [name] = cv, ... } or batch = { ... }. */
static void
walk_cv_table(V *v, int top, const char *field, ExopkVariedSource source)
{
    lua_State *L = v->L;
    int base = lua_gettop(L), t;
    const char **names;
    size_t n;

    lua_getfield(L, top, field);
    if (lua_isnil(L, -1)) {
        lua_settop(L, base);
        return;
    }
    if (!lua_istable(L, -1))
        lx_fail(L, v->doc, field, NULL, "expected a table { [\"carrier.k_pt\"] = \"30 %%\", ... }, "
                "got a %s", luaL_typename(L, -1));
    t = lua_gettop(L);
    names = sorted_names(v, t, field, &n);
    for (size_t i = 0; i < n; i++) {
        char path[300];

        snprintf(path, sizeof path, "%s[\"%s\"]", field, names[i]);
        check_name(v, path, names[i]);
        lua_getfield(L, t, names[i]);
        add_varied(v, path, names[i], read_cv(v, -1, path), source);
        lua_pop(L, 1);
    }
    lua_settop(L, base);
}

/* Entry @i of a correlation: the index of a varied name. */
static size_t
varied_index(V *v, int e, int i, const char *path)
{
    const ExopkVariability *var = &v->s->variability;
    const char *names[EXOPK_MAX_VARIED], *name;
    char sug[300];

    lua_rawgeti(v->L, e, i);
    if (lua_type(v->L, -1) != LUA_TSTRING)
        lx_fail(v->L, v->doc, path, NULL, "expected { \"name\", \"name\", rho } (names from "
                "variability or batch), got a %s at %d", luaL_typename(v->L, -1), i);
    name = lua_tostring(v->L, -1);
    for (size_t k = 0; k < var->n_varied; k++) {
        names[k] = var->varied[k].name;
        if (strcmp(name, names[k]) == 0) {
            lua_pop(v->L, 1);
            return k;
        }
    }
    lx_suggest(sug, sizeof sug, name, names, var->n_varied);
    lx_fail(v->L, v->doc, path, name, "\"%s\" does not vary (correlations are between entries "
            "of variability or batch)%s", name, sug);
}

static void
walk_correlation(V *v, int e, const char *path)
{
    ExopkVariability *var = &v->s->variability;
    ExopkCorrelation c;

    if (!lua_istable(v->L, e) || lua_rawlen(v->L, e) != 3)
        lx_fail(v->L, v->doc, path, NULL, "expected { \"name\", \"name\", rho }");
    c.a = varied_index(v, e, 1, path);
    c.b = varied_index(v, e, 2, path);
    lua_rawgeti(v->L, e, 3);
    if (lua_type(v->L, -1) != LUA_TNUMBER)
        lx_fail(v->L, v->doc, path, NULL, "the third entry, the correlation, must be a number");
    c.rho = lua_tonumber(v->L, -1);
    lua_pop(v->L, 1);
    for (size_t k = 0; k < var->n_correlations; k++)
        if ((var->correlations[k].a == c.a && var->correlations[k].b == c.b)
            || (var->correlations[k].a == c.b && var->correlations[k].b == c.a))
            lx_fail(v->L, v->doc, path, NULL, "this pair is correlated already");
    if (var->n_correlations == EXOPK_MAX_VARIED)
        lx_fail(v->L, v->doc, path, NULL, "at most %d correlations", EXOPK_MAX_VARIED);
    var->correlations[var->n_correlations++] = c;
}

static void
walk_correlations(V *v, int top)
{
    lua_State *L = v->L;
    int base = lua_gettop(L), t;
    ExopkError err;

    lua_getfield(L, top, "correlations");
    if (lua_isnil(L, -1)) {
        lua_settop(L, base);
        return;
    }
    if (!lua_istable(L, -1))
        lx_fail(L, v->doc, "correlations", NULL, "expected a list { { \"a\", \"b\", 0.6 }, ... }, "
                "got a %s", luaL_typename(L, -1));
    t = lua_gettop(L);
    for (lua_Integer i = 1; i <= (lua_Integer) lua_rawlen(L, t); i++) {
        char path[64];

        snprintf(path, sizeof path, "correlations[%lld]", (long long) i);
        lua_rawgeti(L, t, i);
        walk_correlation(v, lua_gettop(L), path);
        lua_pop(L, 1);
    }
    if (exopk_variability_check(&v->s->variability, &err) != EXOPK_OK)
        lx_fail(L, v->doc, "correlations", NULL, "%s", err.message);
    lua_settop(L, base);
}

static void
walk_uncertainty(V *v, int top)
{
    static const char *const kinds[] = { "library" };
    lua_State *L = v->L;
    char sug[300];

    lua_getfield(L, top, "uncertainty");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        lx_fail(L, v->doc, "uncertainty", NULL, "expected \"library\", got a %s",
                luaL_typename(L, -1));
    if (strcmp(lua_tostring(L, -1), "library") != 0) {
        lx_suggest(sug, sizeof sug, lua_tostring(L, -1), kinds, 1);
        lx_fail(L, v->doc, "uncertainty", lua_tostring(L, -1), "unknown kind \"%s\"%s",
                lua_tostring(L, -1), sug);
    }
    v->s->variability.library_uncertainty = 1;
    lua_pop(L, 1);
}

void
lx_variability_walk(lua_State *L, const LxDoc *doc, ExopkStudy *s, int top)
{
    V v = { L, doc, s };

    luaL_checkstack(L, 20, NULL);
    walk_cv_table(&v, top, "variability", EXOPK_VARIED_SUBJECT);
    walk_cv_table(&v, top, "batch", EXOPK_VARIED_BATCH);
    walk_correlations(&v, top);
    walk_uncertainty(&v, top);
}
