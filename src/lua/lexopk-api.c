/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scripting API, `local exopk = require "exopk"` (docs/lua-api.md, "Lua API
 * for scripts"): exopk.load, exopk.simulate, exopk.save, the exopk.Study
 * and exopk.Result userdata.  exopk.optimize and exopk.pareto are in
 * lexopk-opt.c.
 *
 * Errors: misuse and failed runs raise; I/O returns nil, message.
 * Ownership across Lua errors: every C object is owned by a
 * userdata box from the moment it exists (the box is pushed, empty, before
 * the object is made), so a raise anywhere leaves it to the collector.
 * Scratch arrays are userdata too.  No malloc'd block is held by a frame
 * that Lua may unwind. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "config.h"
#include "exopk-lua.h"
#include "lexopk-fit.h"
#include "lexopk-api.h"
#include "exopk-population.h"
#include "exopk/observed.h"

/* --- the parameter library ------------------------------------------------ */

const char *
lx_data_dir(lua_State *L)
{
    const char *dir;

    lua_getfield(L, LUA_REGISTRYINDEX, LX_DATA_DIR_KEY);    /* [... dir] */
    dir = lua_tostring(L, -1);    /* alive: the registry holds it */
    lua_pop(L, 1);
    return dir != NULL ? dir : exopk_lua_data_dir();
}

/* --- exopk.Study ---------------------------------------------------------- */

LxStudyBox *
lx_push_study(lua_State *L)
{
    LxStudyBox *box = lua_newuserdatauv(L, sizeof *box, 0);

    box->study = NULL;
    luaL_setmetatable(L, LX_STUDY_MT);
    return box;
}

ExopkStudy *
lx_check_study(lua_State *L, int idx)
{
    LxStudyBox *box = luaL_checkudata(L, idx, LX_STUDY_MT);

    if (box->study == NULL)
        luaL_argerror(L, idx, "the exopk.Study is closed");
    return box->study;
}

static int
study_close(lua_State *L)            /* __gc, __close and :close() */
{
    LxStudyBox *box = luaL_checkudata(L, 1, LX_STUDY_MT);

    exopk_study_free(box->study);
    box->study = NULL;
    return 0;
}

size_t
lx_check_arm(lua_State *L, const ExopkStudy *s, const char *name, const char *what)
{
    const char **names;
    const char *near;

    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, name) == 0)
            return a;
    names = lua_newuserdatauv(L, (s->n_arms + 1) * sizeof *names, 0);
    for (size_t a = 0; a < s->n_arms; a++)
        names[a] = s->arms[a].name;
    near = exopk_nearest_name(name, names, s->n_arms);
    if (near != NULL)
        luaL_error(L, "%s: no arm \"%s\" in the study (did you mean \"%s\"?)", what, name, near);
    {
        luaL_Buffer b;

        luaL_buffinit(L, &b);
        lua_pushfstring(L, "%s: no arm \"%s\" in the study (arms:", what, name);
        luaL_addvalue(&b);
        for (size_t a = 0; a < s->n_arms; a++) {
            luaL_addstring(&b, a ? ", " : " ");
            luaL_addstring(&b, s->arms[a].name);
        }
        luaL_addchar(&b, ')');
        luaL_pushresult(&b);
    }
    return (size_t) lua_error(L);
}

static int
study_name(lua_State *L)
{
    lua_pushstring(L, lx_check_study(L, 1)->name);
    return 1;
}

static int
study_arms(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);

    lua_createtable(L, (int) s->n_arms, 0);
    for (size_t a = 0; a < s->n_arms; a++) {
        lua_pushstring(L, s->arms[a].name);
        lua_rawseti(L, -2, (lua_Integer) a + 1);
    }
    return 1;
}

static int
study_formulations(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);

    lua_createtable(L, (int) s->n_formulations, 0);
    for (size_t f = 0; f < s->n_formulations; f++) {
        lua_pushstring(L, s->formulations[f].name);
        lua_rawseti(L, -2, (lua_Integer) f + 1);
    }
    return 1;
}

static int
study_copy(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);
    LxStudyBox *box = lx_push_study(L);

    box->study = exopk_study_copy(s);
    if (box->study == NULL)
        return luaL_error(L, "exopk.Study:copy: out of memory");
    return 1;
}

static const char *
route_name(ExopkRoute r)
{
    return r == EXOPK_ROUTE_IT ? "it" : r == EXOPK_ROUTE_IP ? "ip" : "iv";
}

/* study:arm(name) -> list of { give, route, dose, unit, dose_text, at,
 * every, count, over } (engine units: particles or nmol, h). */
static int
study_arm(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);
    size_t a = lx_check_arm(L, s, luaL_checkstring(L, 2), "exopk.Study:arm");
    const ExopkArm *arm = &s->arms[a];

    lua_createtable(L, (int) arm->n_lines, 0);
    for (size_t l = 0; l < arm->n_lines; l++) {
        const ExopkDosingLine *line = &arm->lines[l];
        const ExopkDose *d = &line->dose;

        lua_createtable(L, 0, 9);
        lua_pushstring(L, d->formulation >= 0 ? s->formulations[d->formulation].name
                                              : s->agent_ref[d->agent].name);
        lua_setfield(L, -2, "give");
        lua_pushstring(L, route_name(d->route));
        lua_setfield(L, -2, "route");
        lua_pushnumber(L, d->amount);
        lua_setfield(L, -2, "dose");
        lua_pushstring(L, d->unit == EXOPK_DOSE_PARTICLES ? "particles" : "nmol");
        lua_setfield(L, -2, "unit");
        lua_pushstring(L, line->dose_text);
        lua_setfield(L, -2, "dose_text");
        lua_pushnumber(L, d->time);
        lua_setfield(L, -2, "at");
        lua_pushnumber(L, line->every);
        lua_setfield(L, -2, "every");
        lua_pushinteger(L, line->count);
        lua_setfield(L, -2, "count");
        lua_pushnumber(L, d->duration);
        lua_setfield(L, -2, "over");
        lua_rawseti(L, -2, (lua_Integer) l + 1);
    }
    return 1;
}

/* study:set(arm, { name = value, ... }): changes the study in place, as
 * `set` does for one run.  Returns the study. */
static int
study_set(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);
    size_t a = lx_check_arm(L, s, luaL_checkstring(L, 2), "exopk.Study:set");

    luaL_checktype(L, 3, LUA_TTABLE);
    lx_apply_set(L, s, a, 3, "exopk.Study:set");
    lua_settop(L, 1);
    return 1;
}

static int
l_save(lua_State *L);

static int
study_tostring(lua_State *L)
{
    LxStudyBox *box = luaL_checkudata(L, 1, LX_STUDY_MT);

    if (box->study == NULL)
        lua_pushliteral(L, "exopk.Study (closed)");
    else
        lua_pushfstring(L, "exopk.Study: %s", box->study->name);
    return 1;
}

/* Methods first (name, arms, formulations, arm, set, copy, save, close),
 * then the fields study.horizon, .output_every (h), .species, .weight (kg),
 * .tumour (model name, or nil), .tumour_volume (mm3), .params (path ->
 * engine value), .rtol, .atol. */
static int
study_index(lua_State *L)
{
    ExopkStudy *s;
    const char *k = luaL_checkstring(L, 2);

    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)     /* a method */
        return 1;
    s = lx_check_study(L, 1);
    if (strcmp(k, "horizon") == 0)
        lua_pushnumber(L, s->horizon);
    else if (strcmp(k, "output_every") == 0)
        lua_pushnumber(L, s->output_every);
    else if (strcmp(k, "species") == 0)
        lua_pushstring(L, s->species.name);
    else if (strcmp(k, "weight") == 0)
        lua_pushnumber(L, s->weight);
    else if (strcmp(k, "tumour") == 0)
        s->has_tumour ? lua_pushstring(L, s->tumour_ref.name) : lua_pushnil(L);
    else if (strcmp(k, "tumour_volume") == 0)
        s->has_tumour ? lua_pushnumber(L, s->tumour_volume0) : lua_pushnil(L);
    else if (strcmp(k, "rtol") == 0)
        lua_pushnumber(L, s->rtol);
    else if (strcmp(k, "atol") == 0)
        lua_pushnumber(L, s->atol_scale);
    else if (strcmp(k, "data") == 0)
        s->data_path[0] ? lua_pushstring(L, s->data_path) : lua_pushnil(L);
    else if (strcmp(k, "params") == 0) {
        lua_createtable(L, 0, (int) s->n_overrides);
        for (size_t i = 0; i < s->n_overrides; i++) {
            lua_pushnumber(L, s->overrides[i].value);
            lua_setfield(L, -2, s->overrides[i].path);
        }
    } else {
        static const char *const fields[] = {
            "horizon", "output_every", "species", "weight", "tumour", "tumour_volume", "rtol",
            "atol", "params", "data", "name", "arms", "formulations", "arm", "copy", "close", "set",
            "save",
        };
        const char *near = exopk_nearest_name(k, fields, sizeof fields / sizeof *fields);

        return luaL_error(L, "exopk.Study has no field \"%s\"%s%s%s", k,
                          near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    }
    return 1;
}

static const luaL_Reg study_methods[] = {
    { "name", study_name },
    { "arms", study_arms },
    { "formulations", study_formulations },
    { "arm", study_arm },
    { "set", study_set },
    { "copy", study_copy },
    { "save", l_save },
    { "close", study_close },
    { NULL, NULL },
};

static void
open_study(lua_State *L)
{
    luaL_newmetatable(L, LX_STUDY_MT);                    /* [mt] */
    lua_pushcfunction(L, study_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, study_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, study_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, study_methods);                        /* [mt methods] */
    lua_pushcclosure(L, study_index, 1);                  /* [mt index] */
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);                                        /* [] */
}

/* --- exopk.Result --------------------------------------------------------- */

static LxResultBox *
push_result(lua_State *L)
{
    LxResultBox *box = lua_newuserdatauv(L, sizeof *box, 0);

    box->res = NULL;
    luaL_setmetatable(L, LX_RESULT_MT);
    return box;
}

static ExopkResult *
check_result(lua_State *L, int idx)
{
    LxResultBox *box = luaL_checkudata(L, idx, LX_RESULT_MT);

    if (box->res == NULL)
        luaL_argerror(L, idx, "the exopk.Result is closed");
    return box->res;
}

static int
result_close(lua_State *L)           /* __gc, __close and :close() */
{
    LxResultBox *box = luaL_checkudata(L, 1, LX_RESULT_MT);

    exopk_result_free(box->res);
    box->res = NULL;
    return 0;
}

static int
result_arm(lua_State *L)
{
    lua_pushstring(L, exopk_result_arm(check_result(L, 1)));
    return 1;
}

static int
result_metric(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t n = exopk_result_n_metrics(r);
    const char **names, *near;
    double v;

    if (exopk_result_metric(r, name, &v) == 0) {
        lua_pushnumber(L, v);
        return 1;
    }
    names = lua_newuserdatauv(L, (n + 1) * sizeof *names, 0);
    for (size_t i = 0; i < n; i++)
        names[i] = exopk_result_metric_name(r, i);
    near = exopk_nearest_name(name, names, n);
    if (near != NULL)
        return luaL_error(L, "no metric \"%s\" in arm %s (did you mean \"%s\"?)", name,
                          exopk_result_arm(r), near);
    return luaL_error(L, "no metric \"%s\" in arm %s (res:metrics() lists its %d metrics)", name,
                      exopk_result_arm(r), (int) n);
}

static int
result_metrics(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);
    size_t n = exopk_result_n_metrics(r);

    lua_createtable(L, 0, (int) n);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        lua_pushnumber(L, exopk_result_metric_value(r, i));
        lua_setfield(L, -2, "value");
        lua_pushstring(L, exopk_result_metric_unit(r, i));
        lua_setfield(L, -2, "unit");
        lua_setfield(L, -2, exopk_result_metric_name(r, i));
    }
    return 1;
}

/* The metric names in the engine's order (metrics() is a hash). */
static int
result_metric_names(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);
    size_t n = exopk_result_n_metrics(r);

    lua_createtable(L, (int) n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, exopk_result_metric_name(r, i));
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
    return 1;
}

static void
push_array(lua_State *L, const double *v, size_t n)
{
    lua_createtable(L, (int) n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
}

static int
result_series(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);
    const char *name = luaL_checkstring(L, 2);
    long i = exopk_result_find_series(r, name);

    if (i < 0) {
        size_t n = exopk_result_n_series(r);
        const char **names = lua_newuserdatauv(L, (n + 1) * sizeof *names, 0);
        const char *near;

        for (size_t j = 0; j < n; j++)
            names[j] = exopk_result_series_name(r, j);
        near = exopk_nearest_name(name, names, n);
        if (near != NULL)
            return luaL_error(L, "no series \"%s\" in arm %s (did you mean \"%s\"?)", name,
                              exopk_result_arm(r), near);
        return luaL_error(L, "no series \"%s\" in arm %s (res:series_names() lists them)", name,
                          exopk_result_arm(r));
    }
    push_array(L, exopk_result_times(r), exopk_result_n_times(r));
    push_array(L, exopk_result_series(r, (size_t) i), exopk_result_n_times(r));
    lua_pushstring(L, exopk_result_series_unit(r, (size_t) i));
    return 3;
}

static int
result_times(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);

    push_array(L, exopk_result_times(r), exopk_result_n_times(r));
    return 1;
}

static int
result_series_names(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);
    size_t n = exopk_result_n_series(r);

    lua_createtable(L, (int) n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushstring(L, exopk_result_series_name(r, i));
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
    return 1;
}

static int
result_write_csv(lua_State *L)
{
    ExopkResult *r = check_result(L, 1);
    const char *path = luaL_checkstring(L, 2);
    ExopkError err;

    if (lx_write_series_csv(r, path, &err) != EXOPK_OK) {
        luaL_pushfail(L);
        lua_pushstring(L, err.message);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

static int
result_tostring(lua_State *L)
{
    LxResultBox *box = luaL_checkudata(L, 1, LX_RESULT_MT);

    if (box->res == NULL)
        lua_pushliteral(L, "exopk.Result (closed)");
    else
        lua_pushfstring(L, "exopk.Result: arm %s, %d rows", exopk_result_arm(box->res),
                        (int) exopk_result_n_times(box->res));
    return 1;
}

static const luaL_Reg result_methods[] = {
    { "arm", result_arm },
    { "metric", result_metric },
    { "metrics", result_metrics },
    { "metric_names", result_metric_names },
    { "series", result_series },
    { "series_names", result_series_names },
    { "times", result_times },
    { "write_csv", result_write_csv },
    { "close", result_close },
    { NULL, NULL },
};

static void
open_result(lua_State *L)
{
    luaL_newmetatable(L, LX_RESULT_MT);                   /* [mt] */
    lua_pushcfunction(L, result_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, result_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, result_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, result_methods);                       /* [mt methods] */
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);                                        /* [] */
}

/* --- set ------------------------------------------------------------------- */

static const char *const set_names[] = { "dose", "every", "at", "over", "count", "offered" };

static int
unknown_set_name(lua_State *L, const char *what, const char *name)
{
    const char *near = exopk_nearest_name(name, set_names, sizeof set_names / sizeof *set_names);

    return luaL_error(L, "%s: unknown name \"%s\"%s%s%s (dose, every, at, over, count, offered, "
                      "offered_<agent>, or a parameter path such as \"carrier.k_pt\")", what,
                      name, near ? " (did you mean \"" : "", near ? near : "",
                      near ? "\"?)" : "");
}

/* A quantity string of @kind; raises "WHERE: "text": message". */
static double
quantity(lua_State *L, const char *text, ExopkUnitKind kind, const char *where)
{
    ExopkError err;
    double v;

    if (exopk_units_parse_as(text, kind, &v, &err) != EXOPK_OK)
        luaL_error(L, "%s: \"%s\": %s", where, text, err.message);
    return v;
}


/* A dose in vesicle protein ("100 ug protein") of a formulation's line:
 * particles through the carrier's particles_per_ug_protein.  0 when @text
 * is no protein dose, 1 with *particles set, -1 with @err set. */
static int
protein_dose(const ExopkStudy *s, const ExopkDosingLine *line, const char *text,
             double *particles, ExopkError *err)
{
    char bare[64];
    ExopkQuantity q;
    double ug;

    if (!exopk_protein_text(text, bare, sizeof bare))
        return 0;
    if (line->dose.formulation < 0) {
        exopk_error_set(err, EXOPK_EINVAL, "a free agent has no vesicle protein");
        return -1;
    }
    if (exopk_quantity_parse(bare, &q, err) != EXOPK_OK
        || exopk_protein_dose_ug(&q, s->weight, &ug, err) != EXOPK_OK)
        return -1;
    *particles = ug * s->formulations[line->dose.formulation].carrier_ref.particles_per_ug_protein;
    return 1;
}

/* WHAT.NAME, or WHAT["NAME"] for a parameter path. */
static void
where_of(char *buf, size_t size, const char *what, const char *name)
{
    if (strchr(name, '.') != NULL)
        snprintf(buf, size, "%s[\"%s\"]", what, name);
    else
        snprintf(buf, size, "%s.%s", what, name);
}

double
lx_set_value(lua_State *L, const ExopkStudy *s, size_t arm, const char *name, int idx,
             const char *what)
{
    const ExopkDosingLine *line = s->arms[arm].n_lines ? &s->arms[arm].lines[0] : NULL;
    const char *text;
    char where[300];

    where_of(where, sizeof where, what, name);
    if (lua_type(L, idx) == LUA_TNUMBER) {
        double v = lua_tonumber(L, idx);

        if (!isfinite(v))
            luaL_error(L, "%s: %f is not a finite number", where, v);
        return v;
    }
    if (lua_type(L, idx) != LUA_TSTRING)
        luaL_error(L, "%s: expected a number (engine unit) or a string with a unit, got a %s",
                   where, luaL_typename(L, idx));
    text = lua_tostring(L, idx);
    if (strcmp(name, "every") == 0 || strcmp(name, "at") == 0 || strcmp(name, "over") == 0)
        return quantity(L, text, EXOPK_KIND_TIME, where);
    if (strcmp(name, "count") == 0) {
        char *end;
        double v = strtod(text, &end);

        if (end == text || *end != '\0')
            luaL_error(L, "%s: \"%s\": expected a whole number of doses", where, text);
        return v;
    }
    if (strcmp(name, "offered") == 0 || strncmp(name, "offered_", 8) == 0)
        return quantity(L, text, EXOPK_KIND_PER_VESICLE, where);
    if (strcmp(name, "dose") == 0) {
        ExopkQuantity q;
        ExopkDoseUnit unit;
        ExopkError err;
        double mw, v;
        int protein;

        if (line == NULL)
            luaL_error(L, "%s.dose: arm %s has no dosing line", what, s->arms[arm].name);
        if (line->dose.formulation >= 0) {
            const ExopkFormulation *f = &s->formulations[line->dose.formulation];
            int c = line->dose.unit == EXOPK_DOSE_NMOL ? line->dose.cargo : 0;

            mw = s->agent_ref[f->cargo[c].agent].mw_dosed;
        } else {
            mw = s->agent_ref[line->dose.agent].mw_dosed;
        }
        protein = protein_dose(s, line, text, &v, &err);
        if (protein > 0)
            unit = EXOPK_DOSE_PARTICLES;
        else if (protein < 0 || exopk_quantity_parse(text, &q, &err) != EXOPK_OK
                 || exopk_dose_convert(&q, s->weight, s->species.km_factor, mw, &unit, &v, &err)
                        != EXOPK_OK)
            luaL_error(L, "%s.dose: \"%s\": %s", what, text, err.message);
        if (unit != line->dose.unit)
            luaL_error(L, "%s.dose: \"%s\" is %s, but the first dosing line of arm %s is dosed "
                       "in %s (give %s, or a number in %s)", what, text,
                       unit == EXOPK_DOSE_PARTICLES ? "a particle count" : "an amount of drug",
                       s->arms[arm].name,
                       line->dose.unit == EXOPK_DOSE_PARTICLES ? "particles" : "drug (nmol)",
                       line->dose.unit == EXOPK_DOSE_PARTICLES ? "e.g. \"1e11 particles\""
                                                               : "e.g. \"2 mg/kg\"",
                       line->dose.unit == EXOPK_DOSE_PARTICLES ? "particles" : "nmol");
        return v;
    }
    if (strchr(name, '.') != NULL) {
        ExopkUnitKind kind;
        ExopkError err;

        if (exopk_study_param_kind(s, name, &kind, &err) != EXOPK_OK)
            luaL_error(L, "%s: %s", what, err.message);
        return quantity(L, text, kind, where);
    }
    return unknown_set_name(L, what, name);
}

typedef struct {
    const char *key;      /* alive: a key of the set table */
    int rank;
} SetKey;

int
lx_set_rank(const char *k)
{
    static const char *const order[] = { "at", "over", "every", "count", "dose" };

    for (int i = 0; i < 5; i++)
        if (strcmp(k, order[i]) == 0)
            return i;
    return strncmp(k, "offered", 7) == 0 ? 5 : 6;
}

static int
cmp_set_key(const void *a, const void *b)
{
    const SetKey *x = a, *y = b;

    return x->rank != y->rank ? x->rank - y->rank : strcmp(x->key, y->key);
}

/* "set every: must be positive" -> "must be positive": the caller names it. */
static const char *
strip_set_prefix(const char *msg)
{
    if (strncmp(msg, "set ", 4) == 0 || strncmp(msg, "set: ", 5) == 0) {
        const char *colon = strstr(msg, ": ");

        if (colon != NULL)
            return colon + 2;
    }
    return msg;
}

void
lx_apply_set(lua_State *L, ExopkStudy *s, size_t arm, int idx, const char *what)
{
    size_t n = 0, i = 0;
    SetKey *keys;

    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {                       /* [... k v] */
        if (lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "%s: keys are names (dose, every, ...) or parameter paths, got a %s",
                       what, luaL_typename(L, -2));
        n++;
        lua_pop(L, 1);
    }
    keys = lua_newuserdatauv(L, (n ? n : 1) * sizeof *keys, 0);   /* [... keys] */
    lua_pushnil(L);
    while (lua_next(L, idx) != 0 && i < n) {
        keys[i].key = lua_tostring(L, -2);
        keys[i].rank = lx_set_rank(keys[i].key);
        i++;
        lua_pop(L, 1);
    }
    qsort(keys, n, sizeof *keys, cmp_set_key);
    for (i = 0; i < n; i++) {
        ExopkError err;
        double v;

        lua_getfield(L, idx, keys[i].key);                /* [... keys v] */
        v = lx_set_value(L, s, arm, keys[i].key, -1, what);
        lua_pop(L, 1);
        if (exopk_study_set(s, arm, keys[i].key, v, &err) != EXOPK_OK) {
            if (strchr(keys[i].key, '.') != NULL)
                luaL_error(L, "%s[\"%s\"]: %s", what, keys[i].key,
                           strip_set_prefix(err.message));
            if (keys[i].rank < 6)
                luaL_error(L, "%s.%s: %s", what, keys[i].key, strip_set_prefix(err.message));
            luaL_error(L, "%s: %s", what, strip_set_prefix(err.message));
        }
    }
    lua_pop(L, 1);                                        /* [...] */
}

/* --- exopk.load, exopk.save ----------------------------------------------- */

static void
warn_stderr(const char *message, void *data)
{
    (void) data;
    fprintf(stderr, "warning: %s\n", message);
}

/* exopk.load([path]): the study file (no path: the bundled default study),
 * loaded and checked as `exopk simulate` does.  Raises the loader's
 * message ("FILE:LINE: PATH: message") as it is. */
static int
l_load(lua_State *L)
{
    const char *path = luaL_optstring(L, 1, NULL);
    const char *dir = lx_data_dir(L);
    LxStudyBox *box;
    ExopkError err;

    if (path == NULL)
        path = lua_pushfstring(L, "%s/examples/default.lua", dir);
    box = lx_push_study(L);
    box->study = exopk_lua_load_study(path, dir, warn_stderr, NULL, &err);
    if (box->study == NULL) {
        lua_pushstring(L, err.message);
        return lua_error(L);
    }
    return 1;
}

/* exopk.load_string(text [, name]): a study held in a string. */
static int
l_load_string(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "study.lua");
    LxStudyBox *box = lx_push_study(L);
    ExopkError err;

    box->study = exopk_lua_load_study_buffer(text, len, name, lx_data_dir(L), warn_stderr, NULL,
                                             &err);
    if (box->study == NULL) {
        lua_pushstring(L, err.message);
        return lua_error(L);
    }
    return 1;
}

/* exopk.save(study, path) -> true, or nil, message. */
static int
l_save(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);
    const char *path = luaL_checkstring(L, 2);
    ExopkError err;

    if (exopk_lua_write_study(s, path, &err) != EXOPK_OK) {
        luaL_pushfail(L);
        lua_pushstring(L, err.message);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

static int
l_data_dir(lua_State *L)
{
    lua_pushstring(L, lx_data_dir(L));
    return 1;
}

/* --- exopk.simulate -------------------------------------------------------- */

static void
check_option_keys(lua_State *L, int t, const char *what, const char *const *allowed, size_t n)
{
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {                         /* [... k v] */
        const char *k, *near;
        int ok = 0;

        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s: unexpected %s key in the options", what, luaL_typename(L, -1));
        k = lua_tostring(L, -1);
        for (size_t i = 0; i < n; i++)
            ok |= strcmp(k, allowed[i]) == 0;
        if (!ok) {
            near = exopk_nearest_name(k, allowed, n);
            luaL_error(L, "%s: unknown option \"%s\"%s%s%s", what, k,
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
        }
    }
}

/* Simulates arm @a of @s into the (empty) box @box or raises. */
static void
run_arm(lua_State *L, const ExopkStudy *s, size_t a, LxResultBox *box)
{
    ExopkError err;

    box->res = exopk_simulate(s, a, NULL, &err);
    if (box->res == NULL)
        luaL_error(L, "simulate: arm %s: %s", s->arms[a].name, err.message);
}

/* exopk.simulate(study [, { arm = NAME, set = { ... } }]) -> Result for one
 * arm (with tgi_pct: the arm "control", if any, is run too), or a table
 * arm name -> Result for all arms. */
static int
l_simulate(lua_State *L)
{
    static const char *const keys[] = { "arm", "set" };
    ExopkStudy *base = lx_check_study(L, 1), *s;
    const char *arm_name = NULL;
    int has_set = 0;
    long control;
    ExopkResult **results;
    LxStudyBox *copy;

    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        check_option_keys(L, 2, "exopk.simulate", keys, 2);
        if (lua_getfield(L, 2, "arm") != LUA_TNIL) {
            if (lua_type(L, -1) != LUA_TSTRING)
                return luaL_error(L, "exopk.simulate: arm: expected an arm name, got a %s",
                                  luaL_typename(L, -1));
            arm_name = lua_tostring(L, -1);   /* alive: held by the options table */
        }
        lua_pop(L, 1);
        switch (lua_getfield(L, 2, "set")) {
        case LUA_TNIL: break;
        case LUA_TTABLE: has_set = 1; break;
        default:
            return luaL_error(L, "exopk.simulate: set: expected a table { name = value }, got a %s",
                              luaL_typename(L, -1));
        }
        lua_pop(L, 1);
    }
    lua_settop(L, 2);                                     /* [study opts] */
    copy = lx_push_study(L);                              /* [study opts copy] */
    copy->study = s = exopk_study_copy(base);
    if (s == NULL)
        return luaL_error(L, "exopk.simulate: out of memory");
    control = exopk_study_control_arm(s);
    results = lua_newuserdatauv(L, (s->n_arms + 1) * sizeof *results, 0); /* [.. copy res] */
    memset(results, 0, (s->n_arms + 1) * sizeof *results);

    if (arm_name != NULL) {
        size_t a = lx_check_arm(L, s, arm_name, "exopk.simulate");
        LxResultBox *box;

        if (has_set) {
            lua_getfield(L, 2, "set");                    /* [.. set] */
            lx_apply_set(L, s, a, -1, "exopk.simulate: set");
            lua_pop(L, 1);
        }
        box = push_result(L);                             /* [.. box] */
        run_arm(L, s, a, box);
        results[a] = box->res;
        if (control >= 0 && (size_t) control != a) {
            LxResultBox *cbox = push_result(L);           /* [.. box cbox] */

            run_arm(L, s, (size_t) control, cbox);
            results[control] = cbox->res;
            exopk_results_compare(s, results);
            exopk_result_free(cbox->res);
            cbox->res = NULL;
            lua_pop(L, 1);                                /* [.. box] */
        } else {
            exopk_results_compare(s, results);
        }
        return 1;
    }

    if (has_set) {
        /* without an arm only parameter paths make sense */
        lua_getfield(L, 2, "set");
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING && strchr(lua_tostring(L, -1), '.') == NULL)
                return luaL_error(L, "exopk.simulate: set.%s: changes an arm's first dosing "
                                  "line: name the arm (arm = \"...\")", lua_tostring(L, -1));
        }
        lx_apply_set(L, s, 0, -1, "exopk.simulate: set");
        lua_pop(L, 1);
    }
    lua_createtable(L, 0, (int) s->n_arms);              /* [.. t] */
    for (size_t a = 0; a < s->n_arms; a++) {
        LxResultBox *box = push_result(L);                /* [.. t box] */

        lua_setfield(L, -2, s->arms[a].name);             /* [.. t] */
        run_arm(L, s, a, box);
        results[a] = box->res;
    }
    exopk_results_compare(s, results);
    return 1;
}

/* --- observed data ------------------------------------------------------- */

/* One observation as the Lua table gets it (copied out of the C objects
 * before any Lua allocation, so a Lua error leaks nothing). */
typedef struct {
    char name[160], id[EXOPK_NAME_MAX];
    double time, value, sd, lloq, weight, predicted;
    int below_lloq;
    long line;
} LxObsRow;

static void
push_number_or_nil(lua_State *L, double v, const char *key)
{
    if (!isnan(v)) {
        lua_pushnumber(L, v);
        lua_setfield(L, -2, key);
    }
}

/* Matches the data of @path (NULL: the study's own) against @res (arm
 * @arm of @s) into a userdata array of rows on the stack; NULL + *n = 0
 * and @err on failure. */
static LxObsRow *
observed_rows(lua_State *L, const ExopkStudy *s, size_t arm, const ExopkResult *res,
              const char *path, size_t *n, ExopkError *err)
{
    ExopkObserved *obs = exopk_study_read_observed(s, path, err);
    ExopkObsMatch *m = obs ? exopk_obs_match_new(obs, s, arm, res, err) : NULL;
    size_t count = m ? exopk_obs_match_n(m) : 0;
    double *pred = m ? calloc(count + 1, sizeof *pred) : NULL;
    LxObsRow *rows = NULL;

    *n = 0;
    if (pred != NULL && (rows = malloc((count + 1) * sizeof *rows)) != NULL) {
        const ExopkObsPoint *p = exopk_obs_match_points(m);
        exopk_obs_match_predict(m, res, pred);
        for (size_t i = 0; i < count; i++) {
            LxObsRow *r = &rows[i];
            *r = (LxObsRow) { .time = p[i].time, .value = p[i].value, .sd = p[i].sd,
                              .lloq = p[i].lloq, .weight = p[i].row->weight,
                              .predicted = pred[i], .below_lloq = p[i].row->below_lloq,
                              .line = p[i].row->line };
            snprintf(r->name, sizeof r->name, "%s", p[i].row->name);
            snprintf(r->id, sizeof r->id, "%s", p[i].row->id);
        }
        *n = count;
    } else if (m != NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
    free(pred);
    exopk_obs_match_free(m);
    exopk_observed_free(obs);
    if (rows == NULL)
        return NULL;
    {
        /* the one Lua allocation while @rows is held: only a memory error
         * here would leak it */
        LxObsRow *box = lua_newuserdatauv(L, (count + 1) * sizeof *box, 0);
        memcpy(box, rows, count * sizeof *box);
        free(rows);
        return box;
    }
}

/* exopk.observed(study, res [, path]): the observations of res's arm in
 * the study's data (or @path), each with the run's prediction. */
static int
l_observed(lua_State *L)
{
    ExopkStudy *s = lx_check_study(L, 1);
    const ExopkResult *res = check_result(L, 2);
    const char *path = luaL_optstring(L, 3, NULL);
    size_t arm = lx_check_arm(L, s, exopk_result_arm(res), "exopk.observed"), n;
    ExopkError err;
    LxObsRow *rows;

    if (path == NULL && s->data_path[0] == '\0')
        return luaL_error(L, "exopk.observed: the study names no data (data = \"...\") and "
                          "no file was given");
    rows = observed_rows(L, s, arm, res, path, &n, &err);
    if (rows == NULL)
        return luaL_error(L, "%s", err.message);
    lua_createtable(L, (int) n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 10);
        lua_pushstring(L, rows[i].name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, rows[i].id);
        lua_setfield(L, -2, "id");
        push_number_or_nil(L, rows[i].time, "time");
        push_number_or_nil(L, rows[i].value, "value");
        push_number_or_nil(L, rows[i].sd, "sd");
        push_number_or_nil(L, rows[i].lloq, "lloq");
        push_number_or_nil(L, rows[i].predicted, "predicted");
        lua_pushnumber(L, rows[i].weight);
        lua_setfield(L, -2, "weight");
        lua_pushboolean(L, rows[i].below_lloq);
        lua_setfield(L, -2, "below_lloq");
        lua_pushinteger(L, rows[i].line);
        lua_setfield(L, -2, "line");
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
    return 1;
}

static int
l_version(lua_State *L)
{
    lua_pushstring(L, EXOPK_VERSION);
    return 1;
}

static const luaL_Reg exopk_funcs[] = {
    { "load", l_load },
    { "load_string", l_load_string },
    { "save", l_save },
    { "simulate", l_simulate },
    { "optimize", lx_optimize },
    { "pareto", lx_pareto },
    { "population", lx_population },
    { "observed", l_observed },
    { "fit", lx_fit },
    { "data_dir", l_data_dir },
    { "version", l_version },
    { NULL, NULL },
};

__attribute__((visibility("default"))) int
luaopen_exopk(lua_State *L)
{
#ifdef LX_MODULE
    /* exopk.so in a stock interpreter: no main() of ours has run
     * exopk_init(), and GSL's default handler aborts. */
    exopk_init();
#endif
    open_study(L);
    open_result(L);
    luaL_newlib(L, exopk_funcs);
    lua_pushstring(L, EXOPK_VERSION);
    lua_setfield(L, -2, "VERSION");
    return 1;
}
