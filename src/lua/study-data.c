/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The `data` field of a study file (docs/study-files.md, "Observed data"):
 * a long CSV by name, or a table naming a NONMEM/Monolix dataset and its
 * map.  The walk (under the loader's protected call) only takes the path
 * and the map, since the sandbox opens no files; lx_observed_load() reads the
 * file once the study is resolved, and a NONMEM dataset's dose rows then
 * become the dosing lines of their arms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "exopk/observed.h"
#include "study-data.h"

typedef struct {
    lua_State *L;
    const LxDoc *doc;
    ExopkStudy *s;
} D;

/* Fails unless every key of table @t is one of @allowed. */
static void
check_keys(D *d, int t, const char *path, const char *const *allowed, size_t n)
{
    lua_State *L = d->L;
    char sug[300], p[300];

    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        const char *k;
        size_t i = 0;

        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, d->doc, path, NULL, "unexpected %s key", luaL_typename(L, -1));
        k = lua_tostring(L, -1);
        while (i < n && strcmp(k, allowed[i]) != 0)
            i++;
        if (i == n) {
            lx_suggest(sug, sizeof sug, k, allowed, n);
            snprintf(p, sizeof p, "%s.%s", path, k);
            lx_fail(L, d->doc, p, NULL, "unknown field%s", sug);
        }
    }
}

/* Copies optional string field @key of table @t into @out ("" when nil). */
static void
opt_text(D *d, int t, const char *path, const char *key, char *out, size_t size,
         const char *example)
{
    lua_State *L = d->L;
    char p[300];

    snprintf(p, sizeof p, "%s.%s", path, key);
    lua_getfield(L, t, key);
    if (lua_isnil(L, -1)) {
        out[0] = '\0';
    } else if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0) {
        lx_fail(L, d->doc, p, NULL, "expected %s, got %s", example,
                lua_type(L, -1) == LUA_TSTRING ? "an empty string" : luaL_typename(L, -1));
    } else if (lua_rawlen(L, -1) >= size || strlen(lua_tostring(L, -1)) != lua_rawlen(L, -1)) {
        lx_fail(L, d->doc, p, NULL, "too long or not text (at most %zu bytes)", size - 1);
    } else {
        memcpy(out, lua_tostring(L, -1), lua_rawlen(L, -1) + 1);
    }
    lua_pop(L, 1);
}

/* The file name at stack index @idx, relative to the study file's directory. */
static void
take_path(D *d, int idx, const char *path)
{
    const char *file = lua_tostring(d->L, idx), *slash = strrchr(d->doc->file, '/');
    ExopkStudy *s = d->s;
    int n;

    if (file[0] == '\0' || strlen(file) != lua_rawlen(d->L, idx))
        lx_fail(d->L, d->doc, path, NULL, "expected a file name such as \"observed.csv\"");
    if (file[0] == '/' || slash == NULL)
        n = snprintf(s->data_path, sizeof s->data_path, "%s", file);
    else
        n = snprintf(s->data_path, sizeof s->data_path, "%.*s/%s", (int) (slash - d->doc->file),
                     d->doc->file, file);
    if (n < 0 || (size_t) n >= sizeof s->data_path)
        lx_fail(d->L, d->doc, path, NULL, "too long (at most %zu bytes with the study's directory)",
                sizeof s->data_path - 1);
}

/* data.cmt[K] = { output = ..., dv_unit = ..., give = ..., amt_unit = ... } */
static void
walk_cmt(D *d, int t, lua_Integer k, ExopkDataCmt *c)
{
    static const char *const keys[] = { "output", "dv_unit", "give", "amt_unit" };
    char p[300];

    snprintf(p, sizeof p, "data.cmt[%lld]", (long long) k);
    if (!lua_istable(d->L, t))
        lx_fail(d->L, d->doc, p, NULL, "expected a table such as { output = "
                "\"doxorubicin.plasma\", dv_unit = \"ng/mL\" }, got a %s", luaL_typename(d->L, t));
    check_keys(d, t, p, keys, sizeof keys / sizeof *keys);
    c->cmt = (int) k;
    opt_text(d, t, p, "output", c->output, sizeof c->output, "an output series name");
    opt_text(d, t, p, "dv_unit", c->dv_unit, sizeof c->dv_unit, "a unit such as \"ng/mL\"");
    opt_text(d, t, p, "give", c->give, sizeof c->give, "a formulation or agent name");
    opt_text(d, t, p, "amt_unit", c->amt_unit, sizeof c->amt_unit, "a unit such as \"mg/kg\"");
    if (c->output[0] == '\0' && c->give[0] == '\0')
        lx_fail(d->L, d->doc, p, NULL, "gives neither output (what DV means) nor give (what "
                "a dose is)");
}

static int
cmp_cmt(const void *a, const void *b)
{
    const ExopkDataCmt *x = a, *y = b;

    return (x->cmt > y->cmt) - (x->cmt < y->cmt);
}

/* data.cmt = { [1] = {...}, [2] = {...} }: compartment numbers as keys. */
static void
walk_cmts(D *d, int t)
{
    lua_State *L = d->L;
    ExopkDataFormat *f = &d->s->data_format;

    lua_getfield(L, t, "cmt");
    if (!lua_istable(L, -1))
        lx_fail(L, d->doc, "data.cmt", NULL, "expected a table of compartments such as { [1] = "
                "{ give = \"exodox\", amt_unit = \"mg/kg\" } }, got a %s", luaL_typename(L, -1));
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 0 || lua_tointeger(L, -2) > 1000000)
            lx_fail(L, d->doc, "data.cmt", NULL, "expected compartment numbers (0 to 1000000) "
                    "as keys, got %s", lua_isinteger(L, -2) ? "a number out of range"
                                                            : luaL_typename(L, -2));
        if (f->n_cmt == EXOPK_MAX_DATA_CMT)
            lx_fail(L, d->doc, "data.cmt", NULL, "more than %d compartments",
                    EXOPK_MAX_DATA_CMT);
        walk_cmt(d, lua_gettop(L), lua_tointeger(L, -2), &f->cmt[f->n_cmt++]);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    qsort(f->cmt, f->n_cmt, sizeof *f->cmt, cmp_cmt);    /* table order is arbitrary */
}

/* data = { file = ..., format = "csv" | "nonmem", time_unit, arm, cmt } */
static void
walk_table(D *d, int t)
{
    static const char *const keys[] = { "file", "format", "time_unit", "arm", "cmt" };
    lua_State *L = d->L;
    ExopkDataFormat *f = &d->s->data_format;
    char format[16];

    check_keys(d, t, "data", keys, sizeof keys / sizeof *keys);
    lua_getfield(L, t, "file");
    if (lua_type(L, -1) != LUA_TSTRING)
        lx_fail(L, d->doc, "data.file", NULL, "expected a file name such as \"pk.csv\", got a %s",
                luaL_typename(L, -1));
    take_path(d, lua_gettop(L), "data.file");
    lua_pop(L, 1);
    opt_text(d, t, "data", "format", format, sizeof format, "\"csv\" or \"nonmem\"");
    if (format[0] != '\0' && strcmp(format, "csv") != 0 && strcmp(format, "nonmem") != 0)
        lx_fail(L, d->doc, "data.format", NULL, "expected \"csv\" or \"nonmem\", got \"%s\"",
                format);
    f->nonmem = strcmp(format, "nonmem") == 0;
    if (!f->nonmem) {
        lua_getfield(L, t, "cmt");
        if (!lua_isnil(L, -1))
            lx_fail(L, d->doc, "data.cmt", NULL, "only a NONMEM dataset has compartments "
                    "(add format = \"nonmem\")");
        lua_pop(L, 1);
        return;
    }
    opt_text(d, t, "data", "time_unit", f->time_unit, sizeof f->time_unit, "a unit such as \"d\"");
    opt_text(d, t, "data", "arm", f->arm, sizeof f->arm, "an arm name");
    walk_cmts(d, t);
}

void
lx_observed_walk(lua_State *L, const LxDoc *doc, ExopkStudy *s, int top)
{
    D d = { L, doc, s };

    luaL_checkstack(L, 20, NULL);
    lua_getfield(L, top, "data");
    switch (lua_type(L, -1)) {
    case LUA_TNIL:
        break;
    case LUA_TSTRING:
        take_path(&d, lua_gettop(L), "data");
        break;
    case LUA_TTABLE:
        walk_table(&d, lua_gettop(L));
        break;
    default:
        lx_fail(L, doc, "data", NULL, "expected a file name such as \"observed.csv\" or a table "
                "{ file = ..., format = \"nonmem\", cmt = {...} }, got a %s",
                luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

ExopkStatus
lx_observed_load(ExopkStudy *study, const char *chunkname, ExopkError *err)
{
    ExopkObserved *obs;
    ExopkStatus st = EXOPK_OK;
    ExopkError e;

    if (study->data_path[0] == '\0')
        return EXOPK_OK;
    obs = exopk_study_read_observed(study, NULL, &e);
    if (obs == NULL && e.code == EXOPK_EIO)   /* say which study wants it */
        return exopk_error_set(err, e.code, "%s: data: %s", chunkname, e.message);
    if (obs == NULL)
        return exopk_error_set(err, e.code, "%s", e.message);
    if (study->data_format.nonmem && exopk_study_take_observed_doses(study, obs, &e) != EXOPK_OK)
        st = exopk_error_set(err, e.code, "%s", e.message);
    exopk_observed_free(obs);
    return st;
}
