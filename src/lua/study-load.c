/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading a study file (docs/study-files.md) into an ExopkStudy.
 *
 * Ownership across Lua errors: the ExopkStudy is created by the public
 * entry point before the protected call and freed by it when the call
 * fails; the walker (lx_study_walk, run under lua_pcall) only appends to it
 * through the exopk_study_add_* functions, so whatever was added belongs to
 * the study.  Scratch arrays (dosing lines, doses, sorted keys) are Lua
 * userdata.  No malloc'd block is ever held by a frame that Lua can
 * unwind.
 *
 * Order: formulations and arms are taken in the order they appear in the
 * file (lx_locate), then by name for those it cannot place.  Checks run in
 * the order of the top-level keys below, so one mistake gives one message. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "exopk/observed.h"
#include "lexopk-private.h"
#include "study-data.h"
#include "study-variability.h"

typedef struct {
    lua_State *L;
    LxStudyLoad *ld;
    const LxDoc *doc;
    ExopkStudy *s;
} W;

/* --- helpers ------------------------------------------------------------ */

static int
is_identifier(const char *k)
{
    if (!((k[0] >= 'a' && k[0] <= 'z') || (k[0] >= 'A' && k[0] <= 'Z') || k[0] == '_'))
        return 0;
    for (const char *p = k; *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
              || *p == '_'))
            return 0;
    return 1;
}

/* parent.key, or parent["key"] when key is not a name. */
/* @text cut to about 60 bytes at a character boundary, with "..." (a
 * 100 kB string would push the message's explanation out of the buffer). */
static const char *
clip(const char *text, char *buf, size_t size)
{
    size_t n = strlen(text), cut = 60;

    if (n <= 80)
        return text;
    while (cut > 0 && ((unsigned char) text[cut] & 0xc0) == 0x80)
        cut--;
    snprintf(buf, size, "%.*s...", (int) cut, text);
    return buf;
}

/* PARENT.KEY, or PARENT["KEY"] for a key that is no identifier (a long
 * key clipped: the path names it, the message stays readable). */
static void
path_key(char *out, size_t size, const char *parent, const char *key)
{
    char c[80];

    key = clip(key, c, sizeof c);
    if (!is_identifier(key))
        snprintf(out, size, "%s[\"%s\"]", parent, key);
    else if (parent[0] == '\0')
        snprintf(out, size, "%s", key);
    else
        snprintf(out, size, "%s.%s", parent, key);
}

static void
path_index(char *out, size_t size, const char *parent, long i)
{
    snprintf(out, size, "%s[%ld]", parent, i);
}

/* Pushes t[key] (raw: study tables have no metatables); returns its type. */
static int
get(lua_State *L, int t, const char *key)
{
    luaL_checkstack(L, 4, NULL);
    lua_pushstring(L, key);
    return lua_rawget(L, t);
}

/* The value at @idx as it reads in a message: "text", 2.5, true, a table.
 * NaN reads "nan" whatever its sign bit. */
static const char *
show(lua_State *L, int idx, char *buf, size_t size)
{
    char c[80];

    switch (lua_type(L, idx)) {
    case LUA_TSTRING: snprintf(buf, size, "\"%s\"", clip(lua_tostring(L, idx), c, sizeof c)); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(buf, size, "%lld", (long long) lua_tointeger(L, idx));
        else if (isnan(lua_tonumber(L, idx)))
            snprintf(buf, size, "nan");
        else
            snprintf(buf, size, "%.15g", lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN: snprintf(buf, size, "%s", lua_toboolean(L, idx) ? "true" : "false"); break;
    default: snprintf(buf, size, "a %s", luaL_typename(L, idx)); break;
    }
    return buf;
}

static const char *
str_or_null(lua_State *L, int idx)
{
    return lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
}

/* Every key of table @t must be one of @allowed.  Of several unknown keys
 * the alphabetically first is reported (lua_next's order is not stable). */
static void
check_keys(W *w, int t, const char *path, const char *const *allowed)
{
    lua_State *L = w->L;
    const char *bad = NULL;
    size_t n = 0;

    while (allowed[n] != NULL)
        n++;
    luaL_checkstack(L, 4, NULL);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {                      /* [... k v] */
        const char *k;
        int ok = 0;

        lua_pop(L, 1);                                 /* [... k] */
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, w->doc, path, NULL, "unexpected %s key (expected fields: %s%s...)",
                    luaL_typename(L, -1), allowed[0], n > 1 ? ", " : "");
        k = lua_tostring(L, -1);                       /* alive: a key of @t */
        if (strlen(k) != lua_rawlen(L, -1))            /* "horizon\0x" is not horizon */
            lx_fail(L, w->doc, path, NULL, "a key with a NUL byte");
        for (size_t i = 0; i < n; i++)
            ok |= strcmp(k, allowed[i]) == 0;
        if (!ok && (bad == NULL || strcmp(k, bad) < 0))
            bad = k;
    }
    if (bad != NULL) {
        char sug[300], p[300];

        lx_suggest(sug, sizeof sug, bad, allowed, n);
        path_key(p, sizeof p, path, bad);
        lx_fail(L, w->doc, p, NULL, "unknown field%s", sug);
    }
}

/* Table @t must be a list 1..#t: fails at @path naming the first other key
 * (integers first, then strings, each in order). */
static void
check_list(W *w, int t, const char *path, const char *what)
{
    lua_State *L = w->L;
    lua_Integer n = (lua_Integer) lua_rawlen(L, t);
    const char *bad_s = NULL;
    int bad_kind = 0;          /* 0 none, 1 string, 2 other */
    char v[200];

    luaL_checkstack(L, 4, NULL);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= n)
            continue;
        if (lua_type(L, -1) == LUA_TSTRING) {
            if (bad_kind < 2 && (bad_s == NULL || strcmp(lua_tostring(L, -1), bad_s) < 0))
                bad_s = lua_tostring(L, -1), bad_kind = 1;
        } else if (bad_kind < 2) {
            show(L, -1, v, sizeof v);
            bad_kind = 2;
        }
    }
    if (bad_kind == 1)
        lx_fail(L, w->doc, path, NULL, "expected a list %s, got the key \"%s\"", what, bad_s);
    if (bad_kind == 2)
        lx_fail(L, w->doc, path, NULL, "expected a list %s, got the key %s", what, v);
}

static const char *
article(const char *noun)
{
    return strchr("aeiou", noun[0]) != NULL ? "an" : "a";
}

/* A quantity: a number in the engine unit of @kind or a string with a unit
 * (`params` only: docs/study-files.md; other fields use quantity()). */
static double
quantity_or_engine(W *w, int idx, const char *path, ExopkUnitKind kind)
{
    lua_State *L = w->L;
    const char *name = exopk_unit_kind_name(kind);
    ExopkError err;
    double v;

    if (lua_type(L, idx) == LUA_TNUMBER) {
        v = lua_tonumber(L, idx);
        if (!isfinite(v)) {
            char b[64];

            lx_fail(L, w->doc, path, NULL, "%s: must be finite", show(L, idx, b, sizeof b));
        }
        return v;
    }
    if (lua_type(L, idx) != LUA_TSTRING)
        lx_fail(L, w->doc, path, NULL, "expected %s %s (a number in %s or a string with a unit), "
                "got a %s", article(name), name, exopk_unit_kind_unit(kind),
                luaL_typename(L, idx));
    const char *text = lua_tostring(L, idx);
    if (exopk_units_parse_as(text, kind, &v, &err) != EXOPK_OK) {
        size_t n = strlen(text);

        /* The core's message may already start with the quoted text. */
        if (err.message[0] == '"' && strncmp(err.message + 1, text, n) == 0
            && err.message[n + 1] == '"')
            lx_fail(L, w->doc, path, text, "%s", err.message);
        lx_fail(L, w->doc, path, text, "\"%s\": %s", text, err.message);
    }
    return v;
}

/* How a field of @kind is asked for: the noun and the unit of the example. */
static void
kind_example(ExopkUnitKind kind, const char **noun, const char **unit)
{
    *noun = exopk_unit_kind_name(kind);
    *unit = exopk_unit_kind_unit(kind);
    if (kind == EXOPK_KIND_BODY_WEIGHT)
        *noun = "mass", *unit = "g";
    else if (kind == EXOPK_KIND_TUMOUR_VOLUME)
        *noun = "volume";
}

/* The number the user wrote at @idx (a Lua number or a string without a
 * unit) into @buf, or NULL when @idx holds a unit (or no number). */
static const char *
unitless_text(lua_State *L, int idx, char *buf, size_t size)
{
    ExopkQuantity q;
    const char *text;
    char c[80];

    if (lua_type(L, idx) == LUA_TNUMBER)   /* nan, inf: "must be finite" first */
        return isfinite(lua_tonumber(L, idx)) ? show(L, idx, buf, size) : NULL;
    if (lua_type(L, idx) != LUA_TSTRING)
        return NULL;
    text = lua_tostring(L, idx);
    if (exopk_quantity_parse(text, &q, NULL) != EXOPK_OK || q.has_unit)
        return NULL;
    text += strspn(text, " \t\r\n");
    snprintf(buf, size, "%.*s", (int) strcspn(text, " \t\r\n"), clip(text, c, sizeof c));
    return buf;
}

/* Fails when the value at @idx has no unit: "20 has no unit: give a mass,
 * e.g. "20 g"" (a plain number would silently be in the engine unit). */
static void
refuse_unitless(W *w, int idx, const char *path, ExopkUnitKind kind)
{
    const char *noun, *unit;
    char num[100], shown[200];

    if (unitless_text(w->L, idx, num, sizeof num) == NULL)
        return;
    kind_example(kind, &noun, &unit);
    lx_fail(w->L, w->doc, path, str_or_null(w->L, idx), "%s has no unit: give %s %s, e.g. "
            "\"%s %s\"", show(w->L, idx, shown, sizeof shown), article(noun), noun, num, unit);
}

/* A quantity field: a string with a unit; a plain number only for a
 * dimensionless field (a fraction, "%" allowed). */
static double
quantity(W *w, int idx, const char *path, ExopkUnitKind kind)
{
    if (kind != EXOPK_KIND_DIMENSIONLESS)
        refuse_unitless(w, idx, path, kind);
    return quantity_or_engine(w, idx, path, kind);
}

/* An optional quantity field: *out unchanged when absent. */
static int
opt_quantity(W *w, int t, const char *parent, const char *key, ExopkUnitKind kind, double *out)
{
    char p[300];
    int top = lua_gettop(w->L);

    if (get(w->L, t, key) == LUA_TNIL) {
        lua_settop(w->L, top);
        return 0;
    }
    path_key(p, sizeof p, parent, key);
    *out = quantity(w, -1, p, kind);
    lua_settop(w->L, top);
    return 1;
}

/* Fails with "VALUE: message" for the field @key of @t (pushed by get). */
static void
fail_value(W *w, int t, const char *parent, const char *key, const char *msg)
{
    char p[300], v[200];

    get(w->L, t, key);
    path_key(p, sizeof p, parent, key);
    lx_fail(w->L, w->doc, p, str_or_null(w->L, -1), "%s: %s", show(w->L, -1, v, sizeof v), msg);
}

static void
missing(W *w, const char *parent, const char *key, const char *hint)
{
    char p[300];

    path_key(p, sizeof p, parent, key);
    lx_fail(w->L, w->doc, p, NULL, "missing%s%s%s", hint ? " (" : "", hint ? hint : "",
            hint ? ")" : "");
}

/* A required string field; pushes nothing. The string stays alive in @t. */
static const char *
req_string(W *w, int t, const char *parent, const char *key, const char *hint)
{
    lua_State *L = w->L;
    const char *s;
    char p[300];

    switch (get(L, t, key)) {
    case LUA_TNIL:
        missing(w, parent, key, hint);
        break;
    case LUA_TSTRING:
        s = lua_tostring(L, -1);
        lua_pop(L, 1);
        return s;
    default:
        path_key(p, sizeof p, parent, key);
        lx_fail(L, w->doc, p, NULL, "expected a string, got a %s", luaL_typename(L, -1));
    }
    return NULL;
}

/* Keys of table @t in order of appearance in the file, then by name;
 * pushes the scratch userdata holding them. */
typedef struct {
    const char *key;
    size_t offset;
} Key;

static int
cmp_key(const void *a, const void *b)
{
    const Key *x = a, *y = b;

    if (x->offset != y->offset)
        return x->offset < y->offset ? -1 : 1;
    return strcmp(x->key, y->key);
}

static Key *
sorted_keys(W *w, int t, const char *path, size_t *n)
{
    lua_State *L = w->L;
    size_t count = 0, i = 0;
    Key *keys;

    luaL_checkstack(L, 4, NULL);
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING)
            lx_fail(L, w->doc, path, NULL, "unexpected %s key (expected names)",
                    luaL_typename(L, -2));
        count++;
        lua_pop(L, 1);
    }
    keys = lua_newuserdatauv(L, (count ? count : 1) * sizeof *keys, 0);
    lua_pushnil(L);
    while (lua_next(L, t) != 0 && i < count) {
        char p[300];

        keys[i].key = lua_tostring(L, -2);   /* alive: a key of @t */
        if (strlen(keys[i].key) != lua_rawlen(L, -2))
            lx_fail(L, w->doc, path, NULL, "a key with a NUL byte");
        path_key(p, sizeof p, path, keys[i].key);
        lx_locate(w->doc, p, NULL, &keys[i].offset);
        i++;
        lua_pop(L, 1);
    }
    qsort(keys, count, sizeof *keys, cmp_key);
    *n = count;
    return keys;
}

/* A user-chosen name (formulation, arm). */
static void
check_user_name(W *w, const char *path, const char *name)
{
    if (!lx_valid_name(name))
        lx_fail(w->L, w->doc, path, NULL,
                "names are 1 to %d letters, digits, '_' or '-'", EXOPK_NAME_MAX - 1);
}

static void
warn(W *w, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
warn(W *w, const char *path, const char *fmt, ...)
{
    char where[400], msg[600], full[1000];
    va_list ap;

    if (w->ld->warn == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx_where(where, sizeof where, w->doc, path, NULL);
    snprintf(full, sizeof full, "%s%s", where, msg);
    w->ld->warn(full, w->ld->warn_data);
}

/* Loads data file @name of @kind (error at @path if unknown) and fills @rec. */
static void
load_record(W *w, LxDataKind kind, const char *name, const char *path, void *rec)
{
    lx_data_load(w->L, w->ld->data_dir, kind, name, w->doc, path);  /* [t] */
    lx_data_fill(w->L, -1, kind, name, rec);
    lua_pop(w->L, 1);
}

/* --- plausibility: the library's ranges -------------------------------- */

/* Small EVs (MISEV2018: Théry C et al. 2018, J Extracell Vesicles
 * 7:1535750) are 30 to 200 nm; the carriers' rows hold narrower ranges. */
#define SMALL_EV_MIN_NM 30.0
#define SMALL_EV_MAX_NM 200.0
#define SMALL_EV_SOURCE "MISEV2018: Théry C et al. 2018, J Extracell Vesicles 7:1535750"
/* Above this no cell releases such a vesicle: it would be as large as the
 * cell itself (mammalian cells are about 10 µm across or more). */
#define VESICLE_MAX_NM 10000.0
/* Body density for the volume of a subject (water, 1 kg/L). */
#define BODY_LITRES_PER_KG 1.0

/* Row @field of data file @name (@dkind) into @e; 0 when absent or 0. */
static int
library_row(W *w, LxDataKind dkind, const char *name, const char *field, ExopkUnitKind ukind,
            LxEntry *e)
{
    static const LxDoc none = { "?", NULL, 0, NULL };
    int base = lua_gettop(w->L), has;

    lx_data_load(w->L, w->ld->data_dir, dkind, name, NULL, NULL);
    has = get(w->L, base + 1, field) != LUA_TNIL;
    if (has)                     /* strings stay alive in the loader's cache */
        lx_entry_read(w->L, -1, ukind, &none, field, e);
    lua_settop(w->L, base);
    return has && e->value != 0;
}

/* Warns when the field @key of @t (engine value @v) is outside the range
 * of library row GROUP.NAME.FIELD: names the value, the range and its
 * source (as `exopk params` lists it). */
static void
warn_outside_row(W *w, int t, const char *parent, const char *key, double v, LxDataKind dkind,
                 const char *name, const char *field, ExopkUnitKind ukind)
{
    LxEntry e;
    double to_engine;
    char p[300], shown[200];

    if (!library_row(w, dkind, name, field, ukind, &e) || isnan(e.lo))
        return;
    to_engine = e.engine / e.value;
    if (v >= e.lo * to_engine && v <= e.hi * to_engine)
        return;
    path_key(p, sizeof p, parent, key);
    get(w->L, t, key);
    show(w->L, -1, shown, sizeof shown);
    lua_pop(w->L, 1);
    /* the row's path as `exopk params` lists it: species.mouse.body_weight */
    warn(w, p, "%s is outside the library's range for %s %s, %g to %g %s (%s.%s.%s, source: %s)",
         shown, lx_data_noun(dkind), name, e.lo, e.hi, e.unit, lx_data_noun(dkind), name, field,
         e.source);
}

/* --- subject ----------------------------------------------------------- */

static void
walk_subject(W *w, int top)
{
    static const char *const keys[] = { "species", "weight", "tumour", NULL };
    static const char *const tkeys[] = { "model", "volume", "resistant_fraction", NULL };
    lua_State *L = w->L;
    ExopkStudy *s = w->s;
    int t, base = lua_gettop(L);
    const char *name;

    switch (get(L, top, "subject")) {
    case LUA_TTABLE: break;
    case LUA_TNIL: missing(w, "", "subject", "e.g. subject = { species = \"mouse\" }"); break;
    default: lx_fail(L, w->doc, "subject", NULL, "expected a table, got a %s",
                     luaL_typename(L, -1));
    }
    t = lua_gettop(L);
    check_keys(w, t, "subject", keys);
    name = req_string(w, t, "subject", "species", "e.g. species = \"mouse\"");
    load_record(w, LX_DATA_SPECIES, name, "subject.species", &s->species);
    s->weight = s->species.body_weight;
    if (opt_quantity(w, t, "subject", "weight", EXOPK_KIND_BODY_WEIGHT, &s->weight)
        && !(s->weight > 0))
        fail_value(w, t, "subject", "weight", "must be positive");
    if (get(L, t, "weight") != LUA_TNIL)
        warn_outside_row(w, t, "subject", "weight", s->weight, LX_DATA_SPECIES, name,
                         "body_weight", EXOPK_KIND_BODY_WEIGHT);
    lua_pop(L, 1);

    s->has_tumour = 0;
    switch (get(L, t, "tumour")) {
    case LUA_TNIL: lua_settop(L, base); return;
    case LUA_TTABLE: break;
    default: lx_fail(L, w->doc, "subject.tumour", NULL,
                     "expected a table { model = ..., volume = ... }, got a %s",
                     luaL_typename(L, -1));
    }
    int tt = lua_gettop(L);
    check_keys(w, tt, "subject.tumour", tkeys);
    name = req_string(w, tt, "subject.tumour", "model", "e.g. model = \"mda_mb_231\"");
    load_record(w, LX_DATA_TUMOUR, name, "subject.tumour.model", &s->tumour_ref);
    s->has_tumour = 1;
    s->tumour_volume0 = s->tumour_ref.volume;
    s->resistant_fraction0 = s->tumour_ref.resistant_fraction;
    if (opt_quantity(w, tt, "subject.tumour", "volume", EXOPK_KIND_TUMOUR_VOLUME,
                     &s->tumour_volume0) && !(s->tumour_volume0 > 0))
        fail_value(w, tt, "subject.tumour", "volume", "must be positive");
    if (opt_quantity(w, tt, "subject.tumour", "resistant_fraction", EXOPK_KIND_DIMENSIONLESS,
                     &s->resistant_fraction0)
        && !(s->resistant_fraction0 >= 0 && s->resistant_fraction0 <= 1))
        fail_value(w, tt, "subject.tumour", "resistant_fraction", "must be between 0 and 1");
    lua_settop(L, base);
}

/* --- time settings and solver -------------------------------------------- */

/* Fails with the core's message @err ("PATH: what is wrong") at PATH's
 * line: a limit has one wording whether a file, `set` or the app breaks it. */
static void
fail_core(W *w, const ExopkError *err)
{
    const char *sep = strstr(err->message, ": ");
    char p[300];

    if (sep == NULL || (size_t) (sep - err->message) >= sizeof p)
        lx_fail(w->L, w->doc, NULL, NULL, "%s", err->message);
    snprintf(p, sizeof p, "%.*s", (int) (sep - err->message), err->message);
    lx_fail(w->L, w->doc, p, NULL, "%s", sep + 2);
}

/* horizon and output_every, checked by the core (exopk_study_check_settings
 * (no arm yet): the limits of include/exopk/study.h. */
static void
walk_times(W *w, int top)
{
    ExopkStudy *s = w->s;
    ExopkError err;

    if (!opt_quantity(w, top, "", "horizon", EXOPK_KIND_TIME, &s->horizon))
        missing(w, "", "horizon", "the simulated time, e.g. horizon = \"28 d\"");
    s->output_every = 1;
    opt_quantity(w, top, "", "output_every", EXOPK_KIND_TIME, &s->output_every);
    if (exopk_study_check_settings(s, &err) != EXOPK_OK)
        fail_core(w, &err);
}

static void
walk_solver(W *w, int top)
{
    static const char *const keys[] = { "rtol", "atol", NULL };
    lua_State *L = w->L;
    int base = lua_gettop(L), t;
    ExopkError err;

    switch (get(L, top, "solver")) {
    case LUA_TNIL: lua_settop(L, base); return;
    case LUA_TTABLE: break;
    default: lx_fail(L, w->doc, "solver", NULL, "expected a table { rtol = ..., atol = ... }");
    }
    t = lua_gettop(L);
    check_keys(w, t, "solver", keys);
    opt_quantity(w, t, "solver", "rtol", EXOPK_KIND_DIMENSIONLESS, &w->s->rtol);
    opt_quantity(w, t, "solver", "atol", EXOPK_KIND_DIMENSIONLESS, &w->s->atol_scale);
    if (exopk_solver_check_tolerances(w->s->rtol, w->s->atol_scale, &err) != EXOPK_OK)
        fail_core(w, &err);
    lua_settop(L, base);
}

/* --- formulations ----------------------------------------------------- */

/* Pushes the entry for @agent (else its class) from the method's table
 * @field; raises at @path if neither exists. */
static double
method_entry(W *w, const char *method, const char *field, const ExopkAgent *a,
             const char *path, ExopkUnitKind kind)
{
    lua_State *L = w->L;
    static const LxDoc none = { "?", NULL, 0, NULL };
    int base = lua_gettop(L);
    LxEntry e;

    lx_data_load(L, w->ld->data_dir, LX_DATA_LOADING, method, w->doc, path); /* [m] */
    if (get(L, base + 1, field) == LUA_TTABLE) {                /* [m tbl] */
        if (get(L, base + 2, a->name) == LUA_TNIL) {           /* [m tbl e] */
            lua_pop(L, 1);
            get(L, base + 2, lx_class_names[a->cargo_class]);
        }
        if (!lua_isnil(L, -1)) {
            lx_entry_read(L, -1, kind, &none, field, &e);
            lua_settop(L, base);
            return e.engine;
        }
    }
    lx_fail(L, w->doc, path, a->name,
            "loading method \"%s\" has no %s for \"%s\" nor for its class %s", method, field,
            a->name, lx_class_names[a->cargo_class]);
}

/* offered: molecules per vesicle ("5000 /vesicle"), or a w/w ratio of
 * cargo to vesicle protein ("0.1 mg/mg", "10 % w/w") converted with the
 * agent's dosed-form molar mass and the carrier's protein per vesicle. */
static void
walk_offered(W *w, int t, const char *cpath, const ExopkFormulation *f, const ExopkAgent *a,
             ExopkCargo *c)
{
    lua_State *L = w->L;
    const char *text;
    char p[300], num[100], shown[200];
    ExopkQuantity q;
    ExopkError err;

    path_key(p, sizeof p, cpath, "offered");
    if (get(L, t, "offered") == LUA_TNIL) {
        if (c->given != EXOPK_LOAD_MODEL && c->given != EXOPK_LOAD_EE) {
            lua_pop(L, 1);      /* a measured load needs no offer */
            return;
        }
        if (c->given == EXOPK_LOAD_EE)
            fail_value(w, t, cpath, "ee", "a share of what was offered: give offered too, "
                       "e.g. offered = \"5000 /vesicle\"");
        missing(w, cpath, "offered", "molecules offered per vesicle, e.g. \"5000 /vesicle\", "
                "or a mass ratio, e.g. \"0.1 mg/mg\"");
    }
    if (unitless_text(L, -1, num, sizeof num) != NULL)
        lx_fail(L, w->doc, p, str_or_null(L, -1), "%s has no unit: give molecules per vesicle, "
                "e.g. \"%s /vesicle\", or a mass ratio of cargo to vesicle protein, e.g. "
                "\"0.1 mg/mg\"", show(L, -1, shown, sizeof shown), num);
    text = str_or_null(L, -1);
    if (text != NULL && exopk_quantity_parse(text, &q, NULL) == EXOPK_OK
        && exopk_quantity_is_mass_ratio(&q)) {
        if (exopk_offered_from_mass_ratio(q.value, a, &f->carrier_ref, &c->offered, &err)
            != EXOPK_OK)
            lx_fail(L, w->doc, p, text, "\"%s\": %s", text, err.message);
    } else {
        c->offered = quantity(w, -1, p, EXOPK_KIND_PER_VESICLE);
    }
    lua_pop(L, 1);
}

/* loaded = "850 /vesicle" (molecules per vesicle) or "50 ng/ug protein"
 * (cargo per vesicle protein, a mass ratio). */
static void
walk_loaded(W *w, const char *p, ExopkCargo *c)
{
    lua_State *L = w->L;
    const char *text = str_or_null(L, -1), *bare;
    char num[100], shown[200], b[100];
    ExopkQuantity q;

    if (unitless_text(L, -1, num, sizeof num) != NULL)
        lx_fail(L, w->doc, p, text, "%s has no unit: give molecules per vesicle, e.g. "
                "\"%s /vesicle\", or cargo per vesicle protein, e.g. \"%s ng/ug protein\"",
                show(L, -1, shown, sizeof shown), num, num);
    bare = text != NULL && exopk_protein_text(text, b, sizeof b) ? b : NULL;
    if (bare != NULL || (text != NULL && exopk_quantity_parse(text, &q, NULL) == EXOPK_OK
                         && exopk_quantity_is_mass_ratio(&q))) {
        if (bare == NULL)
            bare = text;
        if (exopk_quantity_parse(bare, &q, NULL) != EXOPK_OK || !exopk_quantity_is_mass_ratio(&q))
            lx_fail(L, w->doc, p, text, "\"%s\": expected cargo per vesicle protein, a mass "
                    "over a mass, e.g. \"50 ng/ug protein\"", clip(text, shown, sizeof shown));
        c->given = EXOPK_LOAD_PER_PROTEIN;
        c->measured = q.value;
        return;
    }
    c->given = EXOPK_LOAD_MOLECULES;
    c->measured = quantity(w, -1, p, EXOPK_KIND_PER_VESICLE);
}

/* dlc = "3 % w/w" (or "3 %"): cargo over cargo + vesicle protein. */
static double
dlc_value(W *w, const char *p)
{
    const char *text = str_or_null(w->L, -1);
    ExopkQuantity q;

    if (text != NULL && exopk_quantity_parse(text, &q, NULL) == EXOPK_OK
        && exopk_quantity_is_mass_ratio(&q))
        return q.value;
    return quantity(w, -1, p, EXOPK_KIND_DIMENSIONLESS);
}

/* The measured load of a cargo, if any: exactly one of loaded, ee, dlc. */
static void
walk_measured(W *w, int t, const char *cpath, ExopkCargo *c)
{
    static const char *const fields[] = { "loaded", "ee", "dlc" };
    lua_State *L = w->L;
    const char *first = NULL;
    char p[300], v[200];

    c->given = EXOPK_LOAD_MODEL;
    for (size_t i = 0; i < 3; i++) {
        if (get(L, t, fields[i]) == LUA_TNIL) {
            lua_pop(L, 1);
            continue;
        }
        path_key(p, sizeof p, cpath, fields[i]);
        if (first != NULL)
            lx_fail(L, w->doc, p, str_or_null(L, -1), "the load is already given by %s; give "
                    "one of loaded, ee, dlc", first);
        first = fields[i];
        if (lua_type(L, -1) == LUA_TSTRING)
            snprintf(c->measured_text, sizeof c->measured_text, "%s", lua_tostring(L, -1));
        else
            show(L, -1, c->measured_text, sizeof c->measured_text);
        if (i == 0) {
            walk_loaded(w, p, c);
        } else {
            c->given = i == 1 ? EXOPK_LOAD_EE : EXOPK_LOAD_DLC;
            c->measured = i == 1 ? quantity(w, -1, p, EXOPK_KIND_DIMENSIONLESS) : dlc_value(w, p);
            if (!(c->measured >= 0 && (i == 1 ? c->measured <= 1 : c->measured < 1)))
                lx_fail(L, w->doc, p, str_or_null(L, -1), "%s: must be %s",
                        show(L, -1, v, sizeof v), i == 1 ? "between 0 and 100 %"
                        : "at least 0 and below 100 % (cargo over cargo + vesicle protein)");
        }
        if (!(c->measured >= 0))
            lx_fail(L, w->doc, p, str_or_null(L, -1), "%s: must not be negative",
                    show(L, -1, v, sizeof v));
        lua_pop(L, 1);
    }
}

/* A measured load the library cannot convert (no molar mass, no protein
 * per vesicle) is an error at its field. */
static void
check_measured(W *w, const char *cpath, const ExopkFormulation *f, const ExopkAgent *a,
               const ExopkCargo *c)
{
    double molecules;
    char p[300];
    ExopkError err;

    if (c->given == EXOPK_LOAD_MODEL || c->given == EXOPK_LOAD_EE)
        return;
    if (exopk_measured_load(c, a, &f->carrier_ref, &molecules, &err) != EXOPK_OK) {
        path_key(p, sizeof p, cpath, exopk_load_field(c->given));
        lx_fail(w->L, w->doc, p, c->measured_text, "\"%s\": %s", c->measured_text,
                err.message);
    }
}

static void
walk_cargo(W *w, int ct, const char *fpath, ExopkFormulation *f, const char *method)
{
    static const char *const keys[] = { "agent", "offered", "loaded", "ee", "dlc", NULL };
    lua_State *L = w->L;
    char cpath[300], p[300];
    lua_Integer n;

    snprintf(cpath, sizeof cpath, "%s.cargo", fpath);
    n = (lua_Integer) lua_rawlen(L, ct);
    check_list(w, ct, cpath, "{ { agent = ..., offered = ... }, ... }");
    if (n == 0)
        lx_fail(L, w->doc, cpath, NULL, "empty (give at least one { agent = ..., offered = ... })");
    if (n > EXOPK_MAX_CARGO)
        lx_fail(L, w->doc, cpath, NULL, "more than %d cargos", EXOPK_MAX_CARGO);
    for (lua_Integer i = 1; i <= n; i++) {
        int base = lua_gettop(L), t;
        ExopkCargo *c = &f->cargo[i - 1];
        ExopkAgent a;
        const char *agent;
        int idx;

        path_index(p, sizeof p, cpath, (long) i);
        if (lua_rawgeti(L, ct, i) != LUA_TTABLE)
            lx_fail(L, w->doc, p, NULL, "expected { agent = ..., offered = ... }, got a %s",
                    luaL_typename(L, -1));
        t = lua_gettop(L);
        check_keys(w, t, p, keys);
        agent = req_string(w, t, p, "agent", "e.g. agent = \"doxorubicin\"");
        {
            char ap[300];

            path_key(ap, sizeof ap, p, "agent");
            memset(&a, 0, sizeof a);
            load_record(w, LX_DATA_AGENT, agent, ap, &a);
            for (size_t j = 0; j + 1 < (size_t) i; j++)
                if (strcmp(w->s->agent_ref[f->cargo[j].agent].name, agent) == 0)
                    lx_fail(L, w->doc, ap, agent, "\"%s\" is already a cargo of %s", agent,
                            f->name);
            idx = exopk_study_add_agent(w->s, &a);
            if (idx < 0)
                lx_fail(L, w->doc, ap, agent, "too many agents (at most %d in a study)",
                        EXOPK_MAX_AGENTS);
            c->agent = idx;
            c->ee0 = method_entry(w, method, "ee0", &a, ap, EXOPK_KIND_DIMENSIONLESS);
            c->lumen_conc_max = method_entry(w, method, "lumen_conc_max", &a, ap,
                                             EXOPK_KIND_CONCENTRATION);
        }
        walk_measured(w, t, p, c);
        walk_offered(w, t, p, f, &a, c);
        if (!(c->offered >= 0))
            fail_value(w, t, p, "offered", "must not be negative");
        check_measured(w, p, f, &a, c);
        f->n_cargo = (size_t) i;
        lua_settop(L, base);
    }
}

/* One ligand @name (at path @p) on formulation @f: its record joins the
 * study's; a warning when the tumour lacks a receptor it needs. */
static void
add_ligand(W *w, const char *name, const char *p, ExopkFormulation *f)
{
    ExopkLigand lig;
    const char *missing;
    int i;

    memset(&lig, 0, sizeof lig);
    load_record(w, LX_DATA_LIGAND, name, p, &lig);
    for (size_t k = 0; k < f->n_ligands; k++)
        if (strcmp(w->s->ligand_ref[f->ligand[k]].name, name) == 0)
            lx_fail(w->L, w->doc, p, name, "ligand \"%s\" is listed twice", name);
    if (f->n_ligands >= EXOPK_MAX_LIGANDS || (i = exopk_study_add_ligand(w->s, &lig)) < 0)
        lx_fail(w->L, w->doc, p, name, "more than %d ligands", EXOPK_MAX_LIGANDS);
    f->ligand[f->n_ligands++] = i;
    if (w->s->has_tumour && (missing = exopk_ligand_missing_receptor(&lig, &w->s->tumour_ref)))
        warn(w, p, "ligand %s needs receptor %s, which tumour %s does not list: its uptake, "
             "washout and extravasation multipliers do not apply (mps_multiplier does)", name,
             missing, w->s->tumour_ref.name);
}

/* surface.ligand = "irgd" or { "irgd", "ge11" } (the value at the top). */
static void
walk_ligands(W *w, const char *sp, ExopkFormulation *f)
{
    lua_State *L = w->L;
    char p[300], pi[320];
    int lt = lua_gettop(L);

    path_key(p, sizeof p, sp, "ligand");
    if (lua_type(L, lt) == LUA_TSTRING) {
        add_ligand(w, lua_tostring(L, lt), p, f);
        return;
    }
    if (!lua_istable(L, lt) || lua_rawlen(L, lt) == 0)
        lx_fail(L, w->doc, p, NULL, "expected a ligand name or a list of names, e.g. "
                "ligand = \"irgd\" or { \"irgd\", \"ge11\" }");
    for (size_t k = 1; k <= lua_rawlen(L, lt); k++) {
        snprintf(pi, sizeof pi, "%s[%zu]", p, k);
        if (lua_rawgeti(L, lt, (lua_Integer) k) != LUA_TSTRING)
            lx_fail(L, w->doc, pi, NULL, "expected a ligand name, got a %s",
                    luaL_typename(L, -1));
        add_ligand(w, lua_tostring(L, -1), pi, f);
        lua_pop(L, 1);
    }
}

/* surface = { cd47 = bool, peg = bool, ligand = NAME or { NAME, ... } }. */
static void
walk_surface(W *w, int ft, const char *fpath, ExopkFormulation *f)
{
    static const char *const skeys[] = { "cd47", "peg", "ligand", NULL };
    lua_State *L = w->L;
    char p[300], p2[300];
    int base = lua_gettop(L);

    path_key(p, sizeof p, fpath, "surface");
    switch (get(L, ft, "surface")) {
    case LUA_TNIL: break;
    case LUA_TTABLE: {
        int st = lua_gettop(L);

        check_keys(w, st, p, skeys);
        for (int i = 0; i < 2; i++) {
            int t = get(L, st, skeys[i]);

            if (t != LUA_TNIL && t != LUA_TBOOLEAN) {
                path_key(p2, sizeof p2, p, skeys[i]);
                lx_fail(L, w->doc, p2, NULL, "expected true or false, got a %s",
                        luaL_typename(L, -1));
            }
            *(i == 0 ? &f->cd47 : &f->peg) = lua_toboolean(L, -1);
            lua_pop(L, 1);
        }
        if (get(L, st, "ligand") != LUA_TNIL)
            walk_ligands(w, p, f);
        break;
    }
    default:
        lx_fail(L, w->doc, p, NULL, "expected a table { cd47 = ..., peg = ..., ligand = ... }, "
                "got a %s", luaL_typename(L, -1));
    }
    lua_settop(L, base);
}

/* loading = { method = NAME }: the method's record; returns its name. */
static const char *
walk_loading(W *w, int ft, const char *fpath, ExopkFormulation *f)
{
    static const char *const lkeys[] = { "method", NULL };
    lua_State *L = w->L;
    char p[300], p2[300];
    const char *method;
    int base = lua_gettop(L);

    path_key(p, sizeof p, fpath, "loading");
    switch (get(L, ft, "loading")) {
    case LUA_TTABLE: break;
    case LUA_TNIL: missing(w, fpath, "loading", "e.g. loading = { method = \"electroporation\" }");
        break;
    default:
        lx_fail(L, w->doc, p, NULL, "expected a table { method = ... }, got a %s",
                luaL_typename(L, -1));
    }
    check_keys(w, lua_gettop(L), p, lkeys);
    method = req_string(w, lua_gettop(L), p, "method", "e.g. method = \"electroporation\"");
    path_key(p2, sizeof p2, p, "method");
    load_record(w, LX_DATA_LOADING, method, p2, &f->method_ref);
    lua_settop(L, base);
    return method;   /* alive: a value of the study table */
}

/* A diameter given in the file: an error above VESICLE_MAX_NM; a warning
 * outside small EVs' sizes, else outside the carrier's library range. */
static void
check_diameter(W *w, int ft, const char *fpath, const ExopkFormulation *f, const char *carrier)
{
    char p[300], shown[200];

    if (get(w->L, ft, "diameter") == LUA_TNIL) {
        lua_pop(w->L, 1);
        return;
    }
    show(w->L, -1, shown, sizeof shown);
    lua_pop(w->L, 1);
    if (f->diameter > VESICLE_MAX_NM)
        fail_value(w, ft, fpath, "diameter", "larger than 10 um, as large as the cell that "
                   "would release it: no vesicle is that size (small EVs are 30 to 200 nm)");
    path_key(p, sizeof p, fpath, "diameter");
    if (f->diameter < SMALL_EV_MIN_NM || f->diameter > SMALL_EV_MAX_NM)
        warn(w, p, "%s is outside the size of small EVs, %g to %g nm (%s)", shown,
             SMALL_EV_MIN_NM, SMALL_EV_MAX_NM, SMALL_EV_SOURCE);
    else
        warn_outside_row(w, ft, fpath, "diameter", f->diameter, LX_DATA_CARRIER, carrier,
                         "diameter", EXOPK_KIND_LENGTH);
}

static void
walk_formulation(W *w, int ft, const char *name, const char *fpath)
{
    static const char *const keys[] = { "carrier", "diameter", "surface", "loading", "cargo",
                                        NULL };
    lua_State *L = w->L;
    ExopkFormulation f;
    char p[300];
    const char *carrier, *method;
    int base = lua_gettop(L);

    memset(&f, 0, sizeof f);
    snprintf(f.name, sizeof f.name, "%s", name);
    if (!lua_istable(L, ft))
        lx_fail(L, w->doc, fpath, NULL, "expected a table { carrier = ..., cargo = ... }, got a %s",
                luaL_typename(L, ft));
    check_keys(w, ft, fpath, keys);
    carrier = req_string(w, ft, fpath, "carrier", "e.g. carrier = \"msc\"");
    path_key(p, sizeof p, fpath, "carrier");
    load_record(w, LX_DATA_CARRIER, carrier, p, &f.carrier_ref);
    f.diameter = f.carrier_ref.diameter;
    if (opt_quantity(w, ft, fpath, "diameter", EXOPK_KIND_LENGTH, &f.diameter)
        && !(f.diameter > 2 * f.carrier_ref.bilayer)) {
        char msg[200];

        snprintf(msg, sizeof msg, "must be larger than twice the bilayer (%g nm)",
                 f.carrier_ref.bilayer);
        fail_value(w, ft, fpath, "diameter", msg);
    }
    check_diameter(w, ft, fpath, &f, carrier);

    walk_surface(w, ft, fpath, &f);
    method = walk_loading(w, ft, fpath, &f);

    path_key(p, sizeof p, fpath, "cargo");
    switch (get(L, ft, "cargo")) {
    case LUA_TTABLE: break;
    case LUA_TNIL:
        missing(w, fpath, "cargo", "e.g. cargo = { { agent = \"doxorubicin\", offered = "
                "\"5000 /vesicle\" } }");
        break;
    default:
        lx_fail(L, w->doc, p, NULL, "expected a list { { agent = ..., offered = ... } }, got a %s",
                luaL_typename(L, -1));
    }
    walk_cargo(w, lua_gettop(L), fpath, &f, method);
    lua_settop(L, base);
    if (exopk_study_add_formulation(w->s, &f) < 0)
        luaL_error(L, "out of memory");
}

static void
walk_formulations(W *w, int top)
{
    lua_State *L = w->L;
    int base = lua_gettop(L), t;
    size_t n;
    Key *keys;

    switch (get(L, top, "formulations")) {
    case LUA_TNIL: lua_settop(L, base); return;
    case LUA_TTABLE: break;
    default: lx_fail(L, w->doc, "formulations", NULL, "expected a table { NAME = { ... } }");
    }
    t = lua_gettop(L);
    keys = sorted_keys(w, t, "formulations", &n);     /* [... t keys] */
    for (size_t i = 0; i < n; i++) {
        char p[300];

        path_key(p, sizeof p, "formulations", keys[i].key);
        check_user_name(w, p, keys[i].key);
        get(L, t, keys[i].key);
        walk_formulation(w, lua_gettop(L), keys[i].key, p);
        lua_pop(L, 1);
    }
    lua_settop(L, base);
}

/* --- arms ---------------------------------------------------------------- */

typedef ExopkDosingLine Line;

static int
find_formulation(const ExopkStudy *s, const char *name)
{
    for (size_t i = 0; i < s->n_formulations; i++)
        if (strcmp(s->formulations[i].name, name) == 0)
            return (int) i;
    return -1;
}

/* Resolves `give`: a formulation of the study, else an agent file. */
/* The formulation (index in *formulation) or free agent of @data/agents
 * (loaded once; index in *agent, *formulation = -1) that @give names. */
static void
give_target(W *w, const char *give, const char *p, int *formulation, int *agent)
{
    lua_State *L = w->L;
    char file[1200];
    struct stat st;

    *formulation = find_formulation(w->s, give);
    if (*formulation >= 0)
        return;
    lx_data_path(file, sizeof file, w->ld->data_dir, LX_DATA_AGENT, give);
    if (lx_valid_name(give) && stat(file, &st) == 0) {
        ExopkAgent a;

        memset(&a, 0, sizeof a);
        load_record(w, LX_DATA_AGENT, give, p, &a);
        *agent = exopk_study_add_agent(w->s, &a);
        if (*agent < 0)
            lx_fail(L, w->doc, p, give, "too many agents (at most %d in a study)",
                    EXOPK_MAX_AGENTS);
        return;
    }
    {
        /* Unknown: suggest among formulations and agents. */
        LxNames *names = lua_newuserdatauv(L, sizeof *names, 0);
        const char **cand = lua_newuserdatauv(L, (LX_MAX_NAMES + w->s->n_formulations + 1)
                                                   * sizeof *cand, 0);
        size_t nc = 0;
        char sug[400];

        for (size_t i = 0; i < w->s->n_formulations; i++)
            cand[nc++] = w->s->formulations[i].name;
        lx_data_path(file, sizeof file, w->ld->data_dir, LX_DATA_AGENT, NULL);
        lx_list_dir(file, names);
        for (size_t i = 0; i < names->n; i++)
            cand[nc++] = names->name[i];
        lx_suggest(sug, sizeof sug, give, cand, nc);
        lx_fail(L, w->doc, p, give, "unknown formulation or agent \"%s\"%s", give, sug);
    }
}

static void
walk_give(W *w, int lt, const char *lpath, Line *line)
{
    const char *give = req_string(w, lt, lpath, "give", "a formulation or an agent");
    char p[300];

    path_key(p, sizeof p, lpath, "give");
    give_target(w, give, p, &line->dose.formulation, &line->dose.agent);
}

/* What a NONMEM dataset's compartments give is loaded like a dosing
 * line's `give`, so an arm dosed only by the dataset has its agents. */
static void
walk_data_gives(W *w)
{
    const ExopkDataFormat *f = &w->s->data_format;

    for (size_t i = 0; i < f->n_cmt; i++) {
        char p[300];
        int formulation, agent;

        if (f->cmt[i].give[0] == '\0')
            continue;
        snprintf(p, sizeof p, "data.cmt[%d].give", f->cmt[i].cmt);
        give_target(w, f->cmt[i].give, p, &formulation, &agent);
    }
}

static void
walk_route(W *w, int lt, const char *lpath, Line *line)
{
    static const char *const routes[] = { "iv", "it", "ip", NULL };
    const char *route = req_string(w, lt, lpath, "route", "iv, it or ip");
    char p[300];

    path_key(p, sizeof p, lpath, "route");
    if (strcmp(route, "iv") == 0) {
        line->dose.route = EXOPK_ROUTE_IV;
    } else if (strcmp(route, "it") == 0) {
        line->dose.route = EXOPK_ROUTE_IT;
        if (!w->s->has_tumour)
            lx_fail(w->L, w->doc, p, route,
                    "\"it\" (intratumoral) needs a tumour (subject.tumour)");
    } else if (strcmp(route, "ip") == 0) {
        line->dose.route = EXOPK_ROUTE_IP;
    } else {
        char sug[200];

        lx_suggest(sug, sizeof sug, route, routes, 3);
        lx_fail(w->L, w->doc, p, route, "unknown route \"%s\"%s", route, sug);
    }
}

/* The index of the cargo dose_of names in the line's formulation (0 if
 * absent: the first). */
static int
walk_dose_of(W *w, int lt, const char *lpath, const Line *line)
{
    lua_State *L = w->L;
    const ExopkFormulation *f;
    const char *of, *cand[EXOPK_MAX_CARGO];
    char p[300], sug[300];

    path_key(p, sizeof p, lpath, "dose_of");
    if (get(L, lt, "dose_of") == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    of = str_or_null(L, -1);
    if (line->dose.formulation < 0)
        lx_fail(L, w->doc, p, of, "only for a formulation (this line gives an agent)");
    if (of == NULL)
        lx_fail(L, w->doc, p, NULL, "expected an agent name, got a %s", luaL_typename(L, -1));
    f = &w->s->formulations[line->dose.formulation];
    for (size_t i = 0; i < f->n_cargo; i++) {
        cand[i] = w->s->agent_ref[f->cargo[i].agent].name;
        if (strcmp(cand[i], of) == 0) {
            lua_pop(L, 1);
            return (int) i;
        }
    }
    lx_suggest(sug, sizeof sug, of, cand, f->n_cargo);
    lx_fail(L, w->doc, p, of, "\"%s\" is not a cargo of %s%s", of, f->name, sug);
    return -1; /* not reached */
}

/* A dose @text the units layer refused: its message, quoting the text
 * (clipped) unless the message already starts with it. */
static void
fail_dose_text(W *w, const char *p, const char *text, const ExopkError *err)
{
    size_t n = strlen(text);
    char v[200];

    if (err->message[0] == '"' && strncmp(err->message + 1, text, n) == 0
        && err->message[n + 1] == '"')
        lx_fail(w->L, w->doc, p, text, "%s", err->message);
    lx_fail(w->L, w->doc, p, text, "\"%s\": %s", clip(text, v, sizeof v), err->message);
}

/* A dose without a unit (a number, or "2e11"): which unit is meant
 * cannot be told (particles, mg/kg, nmol), so it is refused. */
static void
refuse_unitless_dose(W *w, int idx, const char *p, const Line *line)
{
    char num[100], shown[200];

    if (unitless_text(w->L, idx, num, sizeof num) == NULL)
        return;
    if (line->dose.formulation >= 0)
        lx_fail(w->L, w->doc, p, str_or_null(w->L, idx), "%s has no unit: give particles or a "
                "mass of cargo, e.g. \"%s particles\" or \"2 mg/kg\"",
                show(w->L, idx, shown, sizeof shown), num);
    lx_fail(w->L, w->doc, p, str_or_null(w->L, idx), "%s has no unit: give a mass or an "
            "amount, e.g. \"%s mg/kg\" or \"%s nmol\"", show(w->L, idx, shown, sizeof shown),
            num, num);
}

/* A particle dose whose vesicles would fill more than the subject's body
 * (N * pi/6 d^3 against weight at 1 L/kg) cannot be given by any route. */
static void
check_particle_volume(W *w, const char *p, const char *text, const Line *line)
{
    double d = w->s->formulations[line->dose.formulation].diameter;     /* nm */
    double litres = line->dose.amount * acos(-1.0) / 6 * d * d * d * 1e-24; /* nm3 -> L */
    double body = w->s->weight * BODY_LITRES_PER_KG;
    char v[200];

    if (litres > body)
        lx_fail(w->L, w->doc, p, text, "\"%s\": %.3g L of %g nm vesicles, more than the "
                "subject's whole body (%.3g L at %g kg): no route can give that",
                clip(text, v, sizeof v), litres, d, body, w->s->weight);
}

/* dose = "100 ug protein" (or "4 mg/kg protein"): vesicle protein,
 * converted to particles with the carrier's particles_per_ug_protein. */
static void
walk_protein_dose(W *w, const char *p, const char *text, const char *bare, Line *line)
{
    const ExopkCarrier *c;
    ExopkQuantity q;
    ExopkError err;
    char v[200];
    double ug;

    if (line->dose.formulation < 0)
        lx_fail(w->L, w->doc, p, text, "\"%s\": a free agent has no vesicle protein: dose it "
                "as a mass or an amount, e.g. \"5 mg/kg\"", clip(text, v, sizeof v));
    c = &w->s->formulations[line->dose.formulation].carrier_ref;
    if (exopk_quantity_parse(bare, &q, &err) != EXOPK_OK)
        fail_dose_text(w, p, text, &err);
    if (exopk_protein_dose_ug(&q, w->s->weight, &ug, &err) != EXOPK_OK)
        fail_dose_text(w, p, text, &err);
    if (!(c->particles_per_ug_protein > 0))
        lx_fail(w->L, w->doc, p, text, "\"%s\": carrier %s gives no particles_per_ug_protein, "
                "so vesicle protein cannot be converted to particles", clip(text, v, sizeof v),
                c->name);
    line->dose.unit = EXOPK_DOSE_PARTICLES;
    line->dose.amount = ug * c->particles_per_ug_protein;
    check_particle_volume(w, p, text, line);
}

/* dose = "2 mg/kg": parsed, then converted to the engine unit with the
 * dosed form's molecular weight (of @cargo for a formulation). */
static void
walk_dose_text(W *w, const char *p, const char *text, int cargo, Line *line)
{
    ExopkStudy *s = w->s;
    ExopkQuantity q;
    ExopkError err;
    char v[200], bare[64];
    double mw;

    snprintf(line->dose_text, sizeof line->dose_text, "%s", text);
    if (exopk_protein_text(text, bare, sizeof bare)) {
        walk_protein_dose(w, p, text, bare, line);
        return;
    }
    if (exopk_quantity_parse(text, &q, &err) != EXOPK_OK)
        fail_dose_text(w, p, text, &err);
    if (q.value < 0)
        lx_fail(w->L, w->doc, p, text, "\"%s\": a dose must not be negative",
                clip(text, v, sizeof v));
    if (line->dose.formulation < 0 && q.dim[EXOPK_DIM_PARTICLES] != 0)
        lx_fail(w->L, w->doc, p, text,
                "\"%s\": a free agent is dosed as a mass or an amount, not particles",
                clip(text, v, sizeof v));
    mw = line->dose.formulation >= 0
       ? s->agent_ref[s->formulations[line->dose.formulation].cargo[cargo].agent].mw_dosed
       : s->agent_ref[line->dose.agent].mw_dosed;
    if (exopk_dose_convert(&q, s->weight, s->species.km_factor, mw, &line->dose.unit,
                           &line->dose.amount, &err) != EXOPK_OK)
        fail_dose_text(w, p, text, &err);
    if (line->dose.unit == EXOPK_DOSE_PARTICLES)
        check_particle_volume(w, p, text, line);
    if (line->dose.unit == EXOPK_DOSE_NMOL)
        line->dose.cargo = cargo;
    if (line->dose.formulation < 0 && line->dose.unit != EXOPK_DOSE_NMOL)
        lx_fail(w->L, w->doc, p, text,
                "\"%s\": a free agent is dosed as a mass or an amount, not particles",
                clip(text, v, sizeof v));
}

static void
walk_dose(W *w, int lt, const char *lpath, Line *line)
{
    lua_State *L = w->L;
    char p[300], v[200];
    int cargo;

    walk_route(w, lt, lpath, line);
    cargo = walk_dose_of(w, lt, lpath, line);
    path_key(p, sizeof p, lpath, "dose");
    switch (get(L, lt, "dose")) {
    case LUA_TNIL:
        missing(w, lpath, "dose", line->dose.formulation >= 0
                ? "e.g. dose = \"2e11 particles\" or \"2 mg/kg\""
                : "e.g. dose = \"5 mg/kg\"");
        break;
    case LUA_TNUMBER:
        if (!isfinite(lua_tonumber(L, -1)))
            lx_fail(L, w->doc, p, NULL, "%s: must be finite", show(L, -1, v, sizeof v));
        refuse_unitless_dose(w, -1, p, line);
        break;
    case LUA_TSTRING:
        refuse_unitless_dose(w, -1, p, line);
        walk_dose_text(w, p, lua_tostring(L, -1), cargo, line);   /* alive in the line */
        break;
    default:
        lx_fail(L, w->doc, p, NULL, "expected a dose such as \"5 mg/kg\", got a %s",
                luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

/* Random close packing: spheres fill at most about 64 % of a volume
 * (Scott GD, Kilgour DM 1969, J Phys D 2:863: 0.637), so a vesicle
 * suspension is at least the vesicles' own volume / 0.64. */
#define SPHERE_PACKING_MAX 0.64

/* Warns when a bolus of particles could not be injected by its route:
 * even packed as densely as spheres can be, the vesicles would need more
 * than the species' largest injection volume (data/species, Diehl 2001). */
static void
check_injection_volume(W *w, const char *lpath, const Line *line)
{
    const ExopkSpecies *sp = &w->s->species;
    int iv = line->dose.route == EXOPK_ROUTE_IV;
    double per_kg = iv ? sp->iv_volume_max_per_kg : sp->ip_volume_max_per_kg;
    const char *field = iv ? "iv_volume_max_per_kg" : "ip_volume_max_per_kg";
    double d, litres, most;
    char p[300];
    LxEntry e;

    if (line->dose.formulation < 0 || line->dose.unit != EXOPK_DOSE_PARTICLES
        || line->dose.duration > 0 || line->dose.route == EXOPK_ROUTE_IT || !(per_kg > 0))
        return;
    d = w->s->formulations[line->dose.formulation].diameter;          /* nm */
    litres = line->dose.amount * acos(-1.0) / 6 * d * d * d * 1e-24 / SPHERE_PACKING_MAX;
    most = per_kg * w->s->weight;
    if (litres <= most || !library_row(w, LX_DATA_SPECIES, sp->name, field,
                                       EXOPK_KIND_VOLUME_PER_KG, &e))
        return;
    path_key(p, sizeof p, lpath, "dose");
    warn(w, p, "%.3g particles of %g nm vesicles take at least %.3g mL even packed as densely as "
         "spheres can be (%g %%), more than the largest %s injection for a %g kg %s, %g mL/kg = "
         "%.3g mL (species.%s.%s, source: %s)", line->dose.amount, d, litres * 1e3,
         SPHERE_PACKING_MAX * 100, iv ? "iv" : "ip", w->s->weight, sp->name, per_kg * 1e3,
         most * 1e3, sp->name, field, e.source);
}

static void
walk_line(W *w, int lt, const char *lpath, Line *line)
{
    static const char *const keys[] = { "give", "route", "dose", "dose_of", "at", "every",
                                        "count", "over", NULL };
    lua_State *L = w->L;
    int base = lua_gettop(L), has_every;
    char p[300], v[200];

    memset(line, 0, sizeof *line);
    line->dose.formulation = -1;
    line->dose.agent = -1;
    if (!lua_istable(L, lt))
        lx_fail(L, w->doc, lpath, NULL,
                "expected a dosing line { give = ..., route = ..., dose = ... }, got a %s",
                luaL_typename(L, lt));
    check_keys(w, lt, lpath, keys);
    walk_give(w, lt, lpath, line);
    walk_dose(w, lt, lpath, line);

    if (opt_quantity(w, lt, lpath, "at", EXOPK_KIND_TIME, &line->dose.time)
        && !(line->dose.time >= 0))
        fail_value(w, lt, lpath, "at", "must not be negative");
    has_every = opt_quantity(w, lt, lpath, "every", EXOPK_KIND_TIME, &line->every);
    if (has_every && !(line->every > 0))
        fail_value(w, lt, lpath, "every", "must be positive");
    path_key(p, sizeof p, lpath, "count");
    switch (get(L, lt, "count")) {
    case LUA_TNIL:
        if (has_every) {
            path_key(p, sizeof p, lpath, "every");
            lx_fail(L, w->doc, p, NULL, "every needs count (the number of doses)");
        }
        line->count = 1;
        break;
    case LUA_TNUMBER: {
        double c = lua_tonumber(L, -1);

        if (!(c >= 1 && c == floor(c)))
            lx_fail(L, w->doc, p, NULL, "%s: must be a whole number of at least 1",
                    show(L, -1, v, sizeof v));
        if (c > EXOPK_MAX_DOSES)
            lx_fail(L, w->doc, p, NULL, "%s is more than %d doses", show(L, -1, v, sizeof v),
                    EXOPK_MAX_DOSES);
        line->count = (long) c;
        if (line->count > 1 && !has_every)
            lx_fail(L, w->doc, p, NULL, "count = %ld needs every (the time between doses)",
                    line->count);
        break;
    }
    default:
        lx_fail(L, w->doc, p, NULL, "expected a whole number, got a %s", luaL_typename(L, -1));
    }
    lua_settop(L, base);
    if (opt_quantity(w, lt, lpath, "over", EXOPK_KIND_TIME, &line->dose.duration)) {
        if (!(line->dose.duration > 0))
            fail_value(w, lt, lpath, "over", "must be positive");
        if (line->dose.route != EXOPK_ROUTE_IV)
            fail_value(w, lt, lpath, "over", "an infusion (over) is for route \"iv\" only");
    }
    lua_settop(L, base);
    check_injection_volume(w, lpath, line);
}

/* Whether lines[last] gives a formulation no earlier line gives. */
static int
new_formulation(const Line *lines, size_t last)
{
    for (size_t j = 0; j < last; j++)
        if (lines[j].dose.formulation == lines[last].dose.formulation)
            return 0;
    return 1;
}

static void
walk_arm(W *w, int at, const char *name, const char *apath)
{
    lua_State *L = w->L;
    int base = lua_gettop(L);
    lua_Integer n;
    Line *lines;
    size_t total = 0, n_form = 0;

    if (!lua_istable(L, at))
        lx_fail(L, w->doc, apath, NULL, "expected a list of dosing lines, got a %s",
                luaL_typename(L, at));
    n = (lua_Integer) lua_rawlen(L, at);
    check_list(w, at, apath,
               "of dosing lines { { give = ..., route = ..., dose = ... }, ... }");
    lines = lua_newuserdatauv(L, (size_t) (n > 0 ? n : 1) * sizeof *lines, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        char p[300];
        Line *line = &lines[i - 1];
        long kept;

        path_index(p, sizeof p, apath, (long) i);
        lua_rawgeti(L, at, i);
        walk_line(w, lua_gettop(L), p, line);
        lua_pop(L, 1);
        kept = exopk_dosing_line_doses_within(line, w->s->horizon);
        if (kept < line->count)
            warn(w, p, "%ld of %ld doses come after the horizon (%g h) and are dropped",
                 line->count - kept, line->count, w->s->horizon);
        total += (size_t) kept;
        if (total > EXOPK_MAX_DOSES)
            lx_fail(L, w->doc, p, NULL, "%zu doses within the horizon, more than %d", total,
                    EXOPK_MAX_DOSES);
        if (line->dose.formulation >= 0 && new_formulation(lines, (size_t) i - 1)
            && ++n_form > EXOPK_MAX_ARM_FORMULATIONS)
            lx_fail(L, w->doc, p, NULL, "gives more than %d formulations (the limit per arm)",
                    EXOPK_MAX_ARM_FORMULATIONS);
    }
    /* the core expands the lines (and drops doses past the horizon) */
    if (exopk_study_add_arm_lines(w->s, name, lines, (size_t) n) < 0)
        luaL_error(L, "out of memory");
    lua_settop(L, base);
}

static void
walk_arms(W *w, int top)
{
    lua_State *L = w->L;
    int base = lua_gettop(L), t;
    size_t n;
    Key *keys;

    switch (get(L, top, "arms")) {
    case LUA_TTABLE: break;
    case LUA_TNIL:
        missing(w, "", "arms", "e.g. arms = { control = {}, treated = { { give = ... } } }");
        break;
    default: lx_fail(L, w->doc, "arms", NULL, "expected a table { NAME = { dosing lines } }");
    }
    t = lua_gettop(L);
    keys = sorted_keys(w, t, "arms", &n);
    if (n == 0)
        lx_fail(L, w->doc, "arms", NULL, "empty (give at least one arm, e.g. control = {})");
    for (size_t i = 0; i < n; i++) {
        char p[300];

        path_key(p, sizeof p, "arms", keys[i].key);
        check_user_name(w, p, keys[i].key);
        /* simulate -o DIR writes DIR/ARM.csv next to DIR/metrics.csv */
        if (strcasecmp(keys[i].key, "metrics") == 0)
            lx_fail(L, w->doc, p, NULL, "the arm name \"%s\" is reserved (simulate -o writes "
                    "metrics.csv next to the arms' files); choose another", keys[i].key);
        get(L, t, keys[i].key);
        walk_arm(w, lua_gettop(L), keys[i].key, p);
        lua_pop(L, 1);
    }
    lua_settop(L, base);
}

/* --- params -------------------------------------------------------------- */

static void
walk_params(W *w, int top)
{
    lua_State *L = w->L;
    int base = lua_gettop(L), t;
    size_t n;
    Key *keys;

    switch (get(L, top, "params")) {
    case LUA_TNIL: lua_settop(L, base); return;
    case LUA_TTABLE: break;
    default: lx_fail(L, w->doc, "params", NULL,
                     "expected a table { [\"path\"] = value, ... }, got a %s",
                     luaL_typename(L, -1));
    }
    t = lua_gettop(L);
    keys = sorted_keys(w, t, "params", &n);
    for (size_t i = 0; i < n; i++) {
        char p[300];
        ExopkUnitKind kind;
        ExopkError err;
        const ExopkParamField *f;
        double v;

        path_key(p, sizeof p, "params", keys[i].key);
        if (strlen(keys[i].key) >= sizeof w->s->overrides[0].path)
            lx_fail(L, w->doc, p, NULL, "path too long");
        if (exopk_study_param_kind(w->s, keys[i].key, &kind, &err) != EXOPK_OK)
            lx_fail(L, w->doc, p, NULL, "%s", err.message);
        get(L, t, keys[i].key);
        v = quantity_or_engine(w, -1, p, kind);
        f = exopk_study_path_field(w->s, keys[i].key);
        if (f != NULL && !exopk_domain_contains(f->domain, v)) {
            char shown[200];

            lx_fail(L, w->doc, p, str_or_null(L, -1), "%s is outside its domain (%s)",
                    show(L, -1, shown, sizeof shown), exopk_domain_describe(f->domain));
        }
        lua_pop(L, 1);
        if (exopk_study_add_override(w->s, keys[i].key, v) < 0)
            luaL_error(L, "out of memory");
    }
    lua_settop(L, base);
}

/* An RNA agent that changes one drug's resistance (resistance_of) in a
 * study that gives no such drug changes nothing there: say so. */
static void
warn_resistance_of(W *w)
{
    for (size_t i = 0; i < w->s->n_agents; i++) {
        const ExopkAgent *a = &w->s->agent_ref[i];

        if (a->resistance_of[0] != '\0' && exopk_study_find_agent(w->s, a->resistance_of) < 0)
            warn(w, "arms", "%s changes the resistance of %s only (its resistance_of), and no "
                 "arm gives %s: here it changes no drug's resistance", a->name,
                 a->resistance_of, a->resistance_of);
    }
}

/* --- the study ------------------------------------------------------------ */

int
lx_study_walk(lua_State *L)
{
    static const char *const keys[] = { "name", "subject", "horizon", "output_every",
                                        "formulations", "arms", "params", "solver",
                                        "variability", "batch", "correlations", "uncertainty",
                                        "data",
                                        NULL };
    LxStudyLoad *ld = lua_touserdata(L, 1);
    W w = { L, ld, &ld->doc, ld->study };
    int top;

    lua_settop(L, 0);
    luaL_checkstack(L, 40, NULL);
    lx_run_doc(L, &ld->doc);                           /* [study] */
    top = lua_gettop(L);
    check_keys(&w, top, "", keys);
    switch (get(L, top, "name")) {
    case LUA_TNIL: {
        /* Default: the file's base name without ".lua". */
        const char *b = strrchr(ld->doc.file, '/');
        size_t len;

        b = b != NULL ? b + 1 : ld->doc.file;
        len = strlen(b);
        if (len > 4 && strcmp(b + len - 4, ".lua") == 0)
            len -= 4;
        snprintf(w.s->name, sizeof w.s->name, "%.*s", (int) len, b);
        break;
    }
    case LUA_TSTRING:
        if (lua_rawlen(L, -1) >= sizeof w.s->name)
            lx_fail(L, w.doc, "name", NULL, "too long (at most %zu bytes)",
                    sizeof w.s->name - 1);
        snprintf(w.s->name, sizeof w.s->name, "%s", lua_tostring(L, -1));
        break;
    default:
        lx_fail(L, w.doc, "name", NULL, "expected a string, got a %s", luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    walk_subject(&w, top);
    walk_times(&w, top);
    walk_solver(&w, top);
    walk_formulations(&w, top);
    walk_arms(&w, top);
    walk_params(&w, top);
    lx_variability_walk(L, w.doc, w.s, top);
    lx_observed_walk(L, w.doc, w.s, top);
    walk_data_gives(&w);
    warn_resistance_of(&w);
    return 0;
}

/* --- public entry points ------------------------------------------------- */

ExopkStudy *
exopk_lua_load_study_buffer(const char *text, size_t len, const char *chunkname,
                            const char *data_dir, ExopkWarnFn warn_fn, void *warn_data,
                            ExopkError *err)
{
    LxSandbox sb;
    LxStudyLoad ld;
    ExopkStudy *study;
    ExopkStatus st;

    study = exopk_study_new();
    if (study == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", chunkname);
        return NULL;
    }
    if (lx_sandbox_open(&sb) == NULL) {
        exopk_study_free(study);
        exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", chunkname);
        return NULL;
    }
    ld = (LxStudyLoad) { { chunkname, text, len, NULL }, data_dir, study, warn_fn, warn_data };
    lx_index_keep(&ld.doc);      /* every key is located: lex the text once */
    st = lx_protected(&sb, lx_study_walk, &ld, chunkname, err);
    lx_index_drop(&ld.doc);
    lx_sandbox_close(&sb);
    if (st != EXOPK_OK) {
        exopk_study_free(study);
        return NULL;
    }
    /* No Lua from here on. */
    {
        ExopkError e2;

        if (exopk_study_resolve(study, &e2) != EXOPK_OK) {
            exopk_error_set(err, e2.code, "%s: %s", chunkname, e2.message);
            exopk_study_free(study);
            return NULL;
        }
    }
    if (lx_observed_load(study, chunkname, err) != EXOPK_OK) {
        exopk_study_free(study);
        return NULL;
    }
    return study;
}

ExopkStudy *
exopk_lua_load_study(const char *path, const char *data_dir, ExopkWarnFn warn_fn,
                     void *warn_data, ExopkError *err)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    ExopkStudy *study = NULL;

    if (f == NULL) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    do {
        if (len == cap) {
            char *nb;

            if (cap >= LX_MEMORY_LIMIT) {
                exopk_error_set(err, EXOPK_EINVAL, "%s: file too large", path);
                goto out;
            }
            cap = cap ? 2 * cap : 16384;
            nb = realloc(buf, cap);
            if (nb == NULL) {
                exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", path);
                goto out;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f)) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    study = exopk_lua_load_study_buffer(buf, len, path, data_dir, warn_fn, warn_data, err);
out:
    fclose(f);
    free(buf);
    return study;
}
