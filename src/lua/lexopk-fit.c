/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk.fit{ study=, data=, estimate={...}, error_model={...}, prior=... }
 * (docs/lua-api.md, docs/fit.md): include/exopk/fit.h from Lua, and the
 * library priors of `--prior library`. */
#include <math.h>
#include <string.h>

#include <lauxlib.h>

#include "lexopk-api.h"
#include "lexopk-fit.h"



typedef struct {
    ExopkFitParam *q;
    size_t n;
    int *found;
    ExopkStatus st;
    char message[256];
} LibraryPriors;

/* The prior of each estimated path the library gives a range. */
static void
library_row(const ExopkLibraryRange *r, void *data)
{
    LibraryPriors *lp = data;

    for (size_t k = 0; k < lp->n; k++) {
        if (strcmp(r->path, lp->q[k].path) != 0 && strcmp(r->library_path, lp->q[k].path) != 0)
            continue;
        if (!(r->hi > r->lo)) {
            lp->st = EXOPK_EINVAL;
            snprintf(lp->message, sizeof lp->message, "prior library: %s: range %g:%g is not "
                     "0 < LOW < HIGH (give a prior PATH=LOW:HIGH)", lp->q[k].path, r->lo, r->hi);
            continue;
        }
        lp->found[k] = 1;
        lp->q[k].prior_ln_mean = 0.5 * (log(r->lo) + log(r->hi));
        lp->q[k].prior_ln_sd = (log(r->hi) - log(r->lo)) / (2 * LX_PRIOR_Z95);
    }
}

ExopkStatus
exopk_lua_library_priors(const char *data_dir, const ExopkStudy *study, ExopkFitParam *q,
                         size_t n, int *found, ExopkError *err)
{
    LibraryPriors lp = { q, n < LX_FIT_MAX ? n : LX_FIT_MAX, found, EXOPK_OK, "" };
    ExopkStatus st;

    for (size_t k = 0; k < n; k++)
        found[k] = 0;
    if ((st = exopk_lua_library_ranges(study, 0, data_dir, library_row, &lp, err)) != EXOPK_OK)
        return st;
    return lp.st == EXOPK_OK ? EXOPK_OK : exopk_error_set(err, lp.st, "%s", lp.message);
}

/* ---- exopk.fit --------------------------------------------------------- */

/* A value of @path from the field @key of the table at -1 (NAN if nil). */
static double
opt_value(lua_State *L, const ExopkStudy *s, const char *path, const char *key)
{
    double v = NAN;

    if (lua_getfield(L, -1, key) != LUA_TNIL) {
        char what[300];
        snprintf(what, sizeof what, "exopk.fit: estimate %s.%s", path, key);
        v = lx_set_value(L, s, 0, path, -1, what);
    }
    lua_pop(L, 1);
    return v;
}

/* estimate = { "path", { "path", start=, lower=, upper= }, ... } */
static size_t
read_estimates(lua_State *L, const ExopkStudy *s, ExopkFitParam *q)
{
    size_t n = 0;

    luaL_argcheck(L, lua_getfield(L, 1, "estimate") == LUA_TTABLE, 1,
                  "exopk.fit: estimate = { \"PATH\", ... } is required");
    for (lua_Integer i = 1; lua_geti(L, -1, i) != LUA_TNIL; i++) {
        if (n == LX_FIT_MAX)
            luaL_error(L, "exopk.fit: at most %d estimates", LX_FIT_MAX);
        q[n] = (ExopkFitParam) { NULL, NAN, NAN, NAN, NAN, NAN };
        if (lua_type(L, -1) == LUA_TSTRING) {
            q[n].path = lua_tostring(L, -1);      /* kept alive by the estimate table */
        } else if (lua_type(L, -1) == LUA_TTABLE && lua_geti(L, -1, 1) == LUA_TSTRING) {
            q[n].path = lua_tostring(L, -1);
            lua_pop(L, 1);
            q[n].start = opt_value(L, s, q[n].path, "start");
            q[n].lower = opt_value(L, s, q[n].path, "lower");
            q[n].upper = opt_value(L, s, q[n].path, "upper");
        } else
            luaL_error(L, "exopk.fit: estimate[%d]: expected \"PATH\" or { \"PATH\", start=, "
                       "lower=, upper= }", (int) i);
        lua_pop(L, 1);
        n++;
    }
    lua_pop(L, 1);        /* nil; the table stays below for the strings */
    return n;
}

/* error_model = { [NAME] = "additive" | "proportional" | "combined" } */
static size_t
read_errors(lua_State *L, ExopkFitError *e)
{
    static const char *const kinds[] = { "proportional", "additive", "combined", NULL };
    size_t n = 0;

    if (lua_getfield(L, 1, "error_model") == LUA_TNIL)
        return 0;
    luaL_checktype(L, -1, LUA_TTABLE);
    for (lua_pushnil(L); lua_next(L, -2) != 0; lua_pop(L, 1)) {
        if (n == LX_FIT_MAX || lua_type(L, -2) != LUA_TSTRING)
            luaL_error(L, "exopk.fit: error_model = { [NAME] = MODEL, ... } (at most %d)",
                       LX_FIT_MAX);
        e[n].name = lua_tostring(L, -2);
        e[n].model = (ExopkErrorModel) luaL_checkoption(L, -1, NULL, kinds);
        n++;
    }
    return n;
}

/* prior = "library" | { [PATH] = { LOW, HIGH } } */
static void
read_priors(lua_State *L, const ExopkStudy *s, ExopkFitParam *q, size_t n)
{
    int found[LX_FIT_MAX];
    ExopkError err;

    if (lua_getfield(L, 1, "prior") == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "library") == 0) {
        if (exopk_lua_library_priors(lx_data_dir(L), s, q, n, found, &err) != EXOPK_OK)
            luaL_error(L, "exopk.fit: %s", err.message);
        lua_pop(L, 1);
        return;
    }
    luaL_checktype(L, -1, LUA_TTABLE);
    for (size_t k = 0; k < n; k++) {
        double lo, hi;
        if (lua_getfield(L, -1, q[k].path) == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        luaL_checktype(L, -1, LUA_TTABLE);
        lua_geti(L, -1, 1);
        lo = lx_set_value(L, s, 0, q[k].path, -1, "exopk.fit: prior");
        lua_geti(L, -2, 2);
        hi = lx_set_value(L, s, 0, q[k].path, -1, "exopk.fit: prior");
        if (!(lo > 0) || !(hi > lo))
            luaL_error(L, "exopk.fit: prior %s: expected { LOW, HIGH } with 0 < LOW < HIGH",
                       q[k].path);
        q[k].prior_ln_mean = 0.5 * (log(lo) + log(hi));
        q[k].prior_ln_sd = (log(hi) - log(lo)) / (2 * LX_PRIOR_Z95);
        lua_pop(L, 3);
    }
    lua_pop(L, 1);
}

static void
set_number(lua_State *L, const char *key, double v)
{
    lua_pushnumber(L, v);
    lua_setfield(L, -2, key);
}

static void
push_result(lua_State *L, const ExopkFitResult *r)
{
    const ExopkFitSummary *s = exopk_fit_summary(r);

    lua_createtable(L, 0, 10);
    lua_createtable(L, (int) exopk_fit_n_estimates(r), 0);
    for (size_t i = 0; i < exopk_fit_n_estimates(r); i++) {
        const ExopkFitEstimate *e = exopk_fit_estimate(r, i);
        lua_createtable(L, 0, 8);
        lua_pushstring(L, e->name);
        lua_setfield(L, -2, "parameter");
        lua_pushstring(L, e->unit);
        lua_setfield(L, -2, "unit");
        set_number(L, "estimate", e->estimate);
        set_number(L, "se", e->se);
        set_number(L, "rse_pct", e->rse_pct);
        set_number(L, "ci95_low", e->ci95_low);
        set_number(L, "ci95_high", e->ci95_high);
        lua_rawseti(L, -2, (lua_Integer) i + 1);
    }
    lua_setfield(L, -2, "estimates");
    lua_createtable(L, 0, (int) exopk_fit_n_estimates(r));
    for (size_t i = 0; i < exopk_fit_n_estimates(r); i++)
        set_number(L, exopk_fit_estimate(r, i)->name, exopk_fit_estimate(r, i)->estimate);
    lua_setfield(L, -2, "estimate");
    set_number(L, "minus2ll", s->minus2ll);
    set_number(L, "objective", s->objective);
    set_number(L, "aic", s->aic);
    set_number(L, "bic", s->bic);
    lua_pushinteger(L, (lua_Integer) s->n_obs);
    lua_setfield(L, -2, "n_observations");
    lua_pushstring(L, exopk_fit_status_name(s->status));
    lua_setfield(L, -2, "status");
    lua_pushstring(L, exopk_fit_warnings(r));
    lua_setfield(L, -2, "warnings");
}

/* A copy of @s with the estimates set (exopk_fit_apply); NULL + @err. */
static ExopkStudy *
fitted_study(const ExopkStudy *s, const ExopkFitResult *r, ExopkError *err)
{
    ExopkStudy *fitted = exopk_study_copy(s);

    if (fitted == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    if (exopk_fit_apply(r, fitted, err) != EXOPK_OK) {
        exopk_study_free(fitted);
        return NULL;
    }
    return fitted;
}

int
lx_fit(lua_State *L)
{
    ExopkFitParam *q;
    ExopkFitError *e;
    ExopkFitProblem p = { 0 };
    ExopkStudy *s;
    ExopkObserved *obs;
    ExopkFitResult *r;
    ExopkStudy *fitted;
    ExopkError err;
    const char *data;

    luaL_checktype(L, 1, LUA_TTABLE);
    lua_getfield(L, 1, "study");
    s = lx_check_study(L, -1);
    lua_getfield(L, 1, "data");
    data = luaL_optstring(L, -1, NULL);
    if (data == NULL && s->data_path[0] == '\0')
        return luaL_error(L, "exopk.fit: the study names no data: give data = \"FILE\"");
    q = lua_newuserdatauv(L, LX_FIT_MAX * sizeof *q, 0);
    e = lua_newuserdatauv(L, LX_FIT_MAX * sizeof *e, 0);
    p.params = q;
    p.errors = e;
    p.n_params = read_estimates(L, s, q);
    p.n_errors = read_errors(L, e);
    read_priors(L, s, q, p.n_params);
    if ((obs = exopk_study_read_observed(s, data, &err)) == NULL)
        return luaL_error(L, "%s", err.message);
    r = exopk_fit(s, obs, &p, &err);
    exopk_observed_free(obs);
    if (r == NULL)
        return luaL_error(L, "exopk.fit: %s", err.message);
    if ((fitted = fitted_study(s, r, &err)) == NULL) {
        exopk_fit_result_free(r);
        return luaL_error(L, "exopk.fit: %s", err.message);
    }
    /* a memory error from here leaks r and fitted: Lua's own limit, not input */
    push_result(L, r);
    lx_push_study(L)->study = fitted;
    lua_setfield(L, -2, "study");
    exopk_fit_result_free(r);
    return 1;
}
