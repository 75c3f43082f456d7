/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parameter library: data/<group>/<name>.lua files, each returning a
 * table of entries { value, "unit", grade = ..., flag = ..., range = {lo,
 * hi}, source = ... }.  The keys are the descriptors of params.c (read
 * generically, never listed here) plus a few structured fields per group.
 * A file is loaded, checked once and cached in the registry
 * ("exopk.data"). */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "lexopk-private.h"

#define MAX_DATA_FILE ((size_t) 4 << 20)

static const char *const dir_names[LX_DATA_COUNT] = {
    "species", "carriers", "loading", "agents", "tumours", "ligands"
};
static const char *const nouns[LX_DATA_COUNT] = {
    "species", "carrier", "loading method", "agent", "tumour model", "ligand"
};
static const ExopkParamGroup groups[LX_DATA_COUNT] = {
    EXOPK_GROUP_SPECIES, EXOPK_GROUP_CARRIER, EXOPK_GROUP_LOADING, EXOPK_GROUP_AGENT,
    EXOPK_GROUP_TUMOUR, EXOPK_GROUP_LIGAND
};

/* Indexed by ExopkCargoClass. */
const char *const lx_class_names[EXOPK_CLASS_COUNT] = { "small_molecule", "sirna", "antimir",
                                                              "mirna_mimic" };
static const char *const acts_on_names[EXOPK_ACTS_ON_COUNT] = { "pgp", "resistance", "transfer",
                                                                "growth" };

const char *lx_data_dir_name(LxDataKind kind) { return dir_names[kind]; }
const char *lx_data_noun(LxDataKind kind) { return nouns[kind]; }
ExopkParamGroup lx_data_group(LxDataKind kind) { return groups[kind]; }

int
lx_valid_name(const char *s)
{
    size_t n = 0;

    for (; s[n] != '\0'; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z')
              || (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '-'))
            return 0;
    return n > 0 && n < EXOPK_NAME_MAX;
}

static int
cmp_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

void
lx_list_dir(const char *dir, LxNames *out)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    out->n = 0;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL && out->n < LX_MAX_NAMES) {
        size_t len = strlen(e->d_name);

        if (len <= 4 || strcmp(e->d_name + len - 4, ".lua") != 0 || len - 4 >= EXOPK_NAME_MAX)
            continue;
        memcpy(out->name[out->n], e->d_name, len - 4);
        out->name[out->n][len - 4] = '\0';
        if (lx_valid_name(out->name[out->n]))
            out->n++;
    }
    closedir(d);
    qsort(out->name, out->n, sizeof out->name[0], cmp_name);
}

void
lx_suggest(char *buf, size_t size, const char *word, const char *const *names, size_t n)
{
    const char *near = exopk_nearest_name(word, names, n);
    size_t len;

    if (near != NULL) {
        snprintf(buf, size, " (did you mean \"%s\"?)", near);
        return;
    }
    if (n == 0) {
        snprintf(buf, size, " (none available)");
        return;
    }
    snprintf(buf, size, " (available: ");
    for (size_t i = 0; i < n; i++) {
        len = strlen(buf);
        if (len + strlen(names[i]) + 8 >= size) {
            snprintf(buf + len, size - len, "...");
            break;
        }
        snprintf(buf + len, size - len, "%s%s", i > 0 ? ", " : "", names[i]);
    }
    len = strlen(buf);
    snprintf(buf + len, size - len, ")");
}

/* --- entries ------------------------------------------------------------ */

static const char *const grades[] = { "S", "M", "W", "assumed", "derived", NULL };
static const char *const flags[] = { "✔", "◐", "✱", NULL };

static int
in_list(const char *s, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static int
in_candidates(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static void
child(char *out, size_t size, const char *parent, const char *key)
{
    snprintf(out, size, "%s.%s", parent, key);
}

void
lx_entry_read(lua_State *L, int idx, ExopkUnitKind kind, const LxDoc *doc, const char *path,
              LxEntry *e)
{
    static const char *const keys[] = { "grade", "flag", "range", "source", NULL };
    char p[200], text[160];
    int top = lua_gettop(L);
    ExopkError err;

    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 6, NULL);
    memset(e, 0, sizeof *e);
    e->lo = e->hi = NAN;
    e->unit = e->grade = e->flag = e->source = "";
    if (!lua_istable(L, idx))
        lx_fail(L, doc, path, NULL,
                "expected { value, \"unit\", grade = ..., source = ... }, got a %s",
                luaL_typename(L, idx));
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {                    /* [... k v] */
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && in_list(lua_tostring(L, -1), keys))
            continue;
        if (lua_isinteger(L, -1) && (lua_tointeger(L, -1) == 1 || lua_tointeger(L, -1) == 2))
            continue;
        if (lua_type(L, -1) == LUA_TSTRING) {
            char sug[200];

            lx_suggest(sug, sizeof sug, lua_tostring(L, -1), keys, 4);
            child(p, sizeof p, path, lua_tostring(L, -1));
            lx_fail(L, doc, p, NULL, "unknown field%s", sug);
        }
        lx_fail(L, doc, path, NULL, "unexpected %s key in an entry", luaL_typename(L, -1));
    }
    if (lua_rawgeti(L, idx, 1) != LUA_TNUMBER)
        lx_fail(L, doc, path, NULL, "the first item must be the value (a number), got a %s",
                luaL_typename(L, -1));
    e->value = lua_tonumber(L, -1);
    if (!isfinite(e->value))
        lx_fail(L, doc, path, NULL, "the value must be finite");
    switch (lua_rawgeti(L, idx, 2)) {
    case LUA_TNIL: break;
    case LUA_TSTRING: e->unit = lua_tostring(L, -1); break;
    default:
        lx_fail(L, doc, path, NULL, "the second item must be the unit (a string), got a %s",
                luaL_typename(L, -1));
    }
    if (e->unit[0] == '\0' || strcmp(e->unit, "1") == 0) {
        e->engine = e->value;   /* a bare number is in the engine unit */
    } else {
        snprintf(text, sizeof text, "%.17g %s", e->value, e->unit);
        if (exopk_units_parse_as(text, kind, &e->engine, &err) != EXOPK_OK)
            lx_fail(L, doc, path, e->unit, "{ %.15g, \"%s\" }: %s", e->value, e->unit,
                    err.message);
    }
    child(p, sizeof p, path, "grade");
    if (lua_getfield(L, idx, "grade") != LUA_TSTRING)
        lx_fail(L, doc, lua_isnil(L, -1) ? path : p, NULL,
                lua_isnil(L, -1) ? "grade missing (S, M, W, assumed or derived)"
                                 : "expected a string (S, M, W, assumed or derived)");
    e->grade = lua_tostring(L, -1);
    if (!in_list(e->grade, grades))
        lx_fail(L, doc, p, e->grade, "\"%s\": must be S, M, W, assumed or derived", e->grade);
    child(p, sizeof p, path, "flag");
    switch (lua_getfield(L, idx, "flag")) {
    case LUA_TNIL: break;
    case LUA_TSTRING:
        e->flag = lua_tostring(L, -1);
        if (in_list(e->flag, flags))
            break;
        /* fall through */
    default:
        lx_fail(L, doc, p, NULL, "must be \"✔\", \"◐\" or \"✱\"");
    }
    child(p, sizeof p, path, "source");
    switch (lua_getfield(L, idx, "source")) {
    case LUA_TNIL: break;
    case LUA_TSTRING: e->source = lua_tostring(L, -1); break;
    default: lx_fail(L, doc, p, NULL, "expected a string, got a %s", luaL_typename(L, -1));
    }
    child(p, sizeof p, path, "range");
    switch (lua_getfield(L, idx, "range")) {
    case LUA_TNIL:
        if (strcmp(e->grade, "assumed") == 0)
            lx_fail(L, doc, path, NULL, "range missing (required for an assumed value)");
        break;
    case LUA_TTABLE:
        if (lua_rawgeti(L, -1, 1) != LUA_TNUMBER || lua_rawgeti(L, -2, 2) != LUA_TNUMBER
            || lua_rawlen(L, -3) != 2)
            lx_fail(L, doc, p, NULL, "expected { lo, hi } (numbers in the value's unit)");
        e->lo = lua_tonumber(L, -2);
        e->hi = lua_tonumber(L, -1);
        if (!(e->lo <= e->hi))
            lx_fail(L, doc, p, NULL, "lo (%g) is above hi (%g)", e->lo, e->hi);
        if (e->value < e->lo || e->value > e->hi)
            lx_fail(L, doc, path, NULL, "value %g is outside its range { %g, %g }", e->value,
                    e->lo, e->hi);
        break;
    default:
        lx_fail(L, doc, p, NULL, "expected { lo, hi }, got a %s", luaL_typename(L, -1));
    }
    /* The strings stay alive in the entry table (anchored by the caller). */
    lua_settop(L, top);
}

/* --- checking a data file ------------------------------------------- */

/* The structured fields of a group besides the descriptors. */
static const char *const extra_species[] = { "name", "description", NULL };
static const char *const extra_carrier[] = { "name", "description", NULL };
static const char *const extra_loading[] = {
    "name", "description", "ee0", "lumen_conc_max", "note", NULL
};
static const char *const extra_agent[] = { "name", "description", "class", "acts_on", "target",
                                            "resistance_of", "chf_risk", NULL };
static const char *const extra_tumour[] = { "name", "description", "ic50", "rho_agent",
                                             "receptors", NULL };
static const char *const extra_ligand[] = { "name", "description", "receptors", NULL };
static const char *const *const extras[LX_DATA_COUNT] = {
    extra_species, extra_carrier, extra_loading, extra_agent, extra_tumour, extra_ligand
};

/* A table of NAME = entry (ee0, lumen_conc_max, ic50). */
static void
check_named_entries(lua_State *L, int idx, ExopkUnitKind kind, const LxDoc *doc,
                    const char *key, size_t max, double lo, double hi)
{
    char p[200];
    size_t n = 0;
    LxEntry e;

    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx))
        lx_fail(L, doc, key, NULL, "expected a table { NAME = { value, \"unit\", ... } }, got a %s",
                luaL_typename(L, idx));
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {                    /* [... k v] */
        if (lua_type(L, -2) != LUA_TSTRING || !lx_valid_name(lua_tostring(L, -2)))
            lx_fail(L, doc, key, NULL, "keys must be agent or cargo class names");
        snprintf(p, sizeof p, "%s.%s", key, lua_tostring(L, -2));
        lx_entry_read(L, -1, kind, doc, p, &e);
        if (!(e.engine >= lo && e.engine <= hi))
            lx_fail(L, doc, p, NULL, "%g is outside [%g, %g]", e.engine, lo, hi);
        if (++n > max)
            lx_fail(L, doc, key, NULL, "more than %zu entries", max);
        lua_pop(L, 1);
    }
}

/* resistance_of (the value at @idx) of agent table @t of class @cls: the
 * name of the small molecule whose rho an RNA acting on resistance changes. */
static void
check_resistance_of(lua_State *L, int idx, int t, const LxDoc *doc, int cls)
{
    const char *on;
    int on_resistance;

    lua_getfield(L, t, "acts_on");
    on = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    on_resistance = cls == EXOPK_CLASS_ANTIMIR ||
                    ((cls == EXOPK_CLASS_SIRNA || cls == EXOPK_CLASS_MIMIC) &&
                     strcmp(on, "resistance") == 0);
    lua_pop(L, 1);
    if (!on_resistance)
        lx_fail(L, doc, "resistance_of", NULL,
                "only for an anti-miR, or an siRNA or mimic with acts_on = \"resistance\"");
    if (lua_type(L, idx) != LUA_TSTRING || !lx_valid_name(lua_tostring(L, idx)))
        lx_fail(L, doc, "resistance_of", NULL,
                "expected the name of a small-molecule agent, e.g. \"gemcitabine\"");
}

/* The grade, flag and source of a structured table at @idx (as in an
 * entry; the source is required). */
static void
check_grade_source(lua_State *L, int idx, const LxDoc *doc, const char *path)
{
    char p[200];

    snprintf(p, sizeof p, "%s.grade", path);
    if (lua_getfield(L, idx, "grade") != LUA_TSTRING || !in_list(lua_tostring(L, -1), grades))
        lx_fail(L, doc, p, NULL, "expected S, M, W, assumed or derived");
    snprintf(p, sizeof p, "%s.flag", path);
    if (lua_getfield(L, idx, "flag") != LUA_TNIL
        && (lua_type(L, -1) != LUA_TSTRING || !in_list(lua_tostring(L, -1), flags)))
        lx_fail(L, doc, p, NULL, "must be \"✔\", \"◐\" or \"✱\"");
    snprintf(p, sizeof p, "%s.source", path);
    if (lua_getfield(L, idx, "source") != LUA_TSTRING || lua_rawlen(L, -1) == 0)
        lx_fail(L, doc, p, NULL, "missing: the publication the table comes from");
    lua_pop(L, 3);
}

/* receptors = { "egfr", "integrin_av", grade = ..., flag = ..., source =
 * ... }: the receptors a tumour model lists or a ligand needs, with the
 * publication that shows them (data/README.md, "Ligands"). */
static void
check_receptors(lua_State *L, int idx, const LxDoc *doc)
{
    static const char *const keys[] = { "grade", "flag", "source", NULL };
    size_t n;
    char p[200], sug[200];

    idx = lua_absindex(L, idx);
    if (!lua_istable(L, idx))
        lx_fail(L, doc, "receptors", NULL, "expected a list { \"egfr\", ..., grade = ..., "
                "source = ... }, got a %s", luaL_typename(L, idx));
    n = lua_rawlen(L, idx);
    if (n > EXOPK_MAX_RECEPTORS)
        lx_fail(L, doc, "receptors", NULL, "more than %d receptors", EXOPK_MAX_RECEPTORS);
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {                    /* [... k v] */
        lua_pop(L, 1);
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1
            && (size_t) lua_tointeger(L, -1) <= n)
            continue;
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, doc, "receptors", NULL, "unexpected %s key (a list of names plus grade, "
                    "flag, source)", luaL_typename(L, -1));
        if (in_list(lua_tostring(L, -1), keys))
            continue;
        lx_suggest(sug, sizeof sug, lua_tostring(L, -1), keys, 3);
        snprintf(p, sizeof p, "receptors.%s", lua_tostring(L, -1));
        lx_fail(L, doc, p, NULL, "unknown field%s", sug);
    }
    for (size_t i = 1; i <= n; i++) {
        snprintf(p, sizeof p, "receptors[%zu]", i);
        if (lua_rawgeti(L, idx, (lua_Integer) i) != LUA_TSTRING
            || !lx_valid_name(lua_tostring(L, -1)))
            lx_fail(L, doc, p, NULL, "expected a receptor name (letters, digits, _), e.g. "
                    "\"egfr\"");
        lua_pop(L, 1);
    }
    check_grade_source(L, idx, doc, "receptors");
}

/* chf_risk.points: { { dose, risk }, ... }, doses increasing from above 0,
 * risks in [0, 100] and never falling (a cumulative incidence). */
static void
check_risk_points(lua_State *L, int idx, const LxDoc *doc)
{
    double d0 = 0, p0 = 0;
    size_t n = lua_istable(L, idx) ? lua_rawlen(L, idx) : 0;
    char p[200];

    if (n == 0 || n > EXOPK_MAX_RISK_POINTS)
        lx_fail(L, doc, "chf_risk.points", NULL,
                "expected a list of 1 to %d points { dose, risk }", EXOPK_MAX_RISK_POINTS);
    for (size_t i = 1; i <= n; i++) {
        double d, r;

        snprintf(p, sizeof p, "chf_risk.points[%zu]", i);
        if (lua_rawgeti(L, idx, (lua_Integer) i) != LUA_TTABLE || lua_rawlen(L, -1) != 2
            || lua_rawgeti(L, -1, 1) != LUA_TNUMBER || lua_rawgeti(L, -2, 2) != LUA_TNUMBER)
            lx_fail(L, doc, p, NULL, "expected { dose, risk } (two numbers)");
        d = lua_tonumber(L, -2);
        r = lua_tonumber(L, -1);
        if (!(d > d0) || !isfinite(d))
            lx_fail(L, doc, p, NULL, "dose %g must be above %g (doses increase from 0)", d, d0);
        if (!(r >= p0 && r <= 100))
            lx_fail(L, doc, p, NULL, "risk %g must lie in [%g, 100] (a cumulative incidence "
                    "does not fall)", r, p0);
        d0 = d;
        p0 = r;
        lua_pop(L, 3);
    }
}

/* An agent's published cumulative-dose risk of congestive heart failure:
 * { dose_unit = "mg/m2", risk_unit = "%", points = {...}, grade, flag,
 * source } (data/README.md). */
static void
check_chf_risk(lua_State *L, int idx, const LxDoc *doc, int cls)
{
    static const char *const keys[] = { "dose_unit", "risk_unit", "points", "grade", "flag",
                                        "source", NULL };
    static const char *const units[][2] = { { "dose_unit", "mg/m2" }, { "risk_unit", "%" } };
    char p[200];

    idx = lua_absindex(L, idx);
    if (cls != EXOPK_CLASS_SMALL_MOLECULE)
        lx_fail(L, doc, "chf_risk", NULL, "only for a small_molecule agent (the heart "
                "compartment is theirs)");
    if (!lua_istable(L, idx))
        lx_fail(L, doc, "chf_risk", NULL, "expected a table { dose_unit = \"mg/m2\", "
                "risk_unit = \"%%\", points = { { dose, risk }, ... }, grade, source }");
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {                    /* [... k v] */
        char sug[200];

        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && in_list(lua_tostring(L, -1), keys))
            continue;
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, doc, "chf_risk", NULL, "unexpected %s key (fields are names)",
                    luaL_typename(L, -1));
        lx_suggest(sug, sizeof sug, lua_tostring(L, -1), keys, 6);
        snprintf(p, sizeof p, "chf_risk.%s", lua_tostring(L, -1));
        lx_fail(L, doc, p, NULL, "unknown field%s", sug);
    }
    for (size_t u = 0; u < 2; u++) {
        snprintf(p, sizeof p, "chf_risk.%s", units[u][0]);
        if (lua_getfield(L, idx, units[u][0]) != LUA_TSTRING
            || strcmp(lua_tostring(L, -1), units[u][1]) != 0)
            lx_fail(L, doc, p, NULL, "must be \"%s\"", units[u][1]);
        lua_pop(L, 1);
    }
    lua_getfield(L, idx, "points");
    check_risk_points(L, lua_gettop(L), doc);
    lua_pop(L, 1);
    check_grade_source(L, idx, doc, "chf_risk");
}

/* The cargo class an agent table @t names (-1: none or not an agent). */
static int
agent_class(lua_State *L, int t, LxDataKind kind)
{
    int cls = -1;

    if (kind != LX_DATA_AGENT)
        return -1;
    if (lua_getfield(L, t, "class") == LUA_TSTRING)
        for (int i = 0; i < EXOPK_CLASS_COUNT; i++)
            if (strcmp(lua_tostring(L, -1), lx_class_names[i]) == 0)
                cls = i;
    lua_pop(L, 1);
    return cls;
}

/* Whether field @f belongs to an agent of class @cls (-1: any data). */
static int
field_used(const ExopkParamField *f, int cls)
{
    return cls < 0 || EXOPK_FIELD_FOR_CLASS(f, cls);
}

/* Unknown and derived keys of table @t (the alphabetically first is
 * reported, lua_next's order being unstable), then fields of another
 * cargo class. */
static void
check_known_keys(lua_State *L, int t, LxDataKind kind, const LxDoc *doc, int cls)
{
    ExopkParamGroup group = groups[kind];
    size_t nf, nc = 0;
    const ExopkParamField *fields = exopk_param_fields(group, &nf);
    const char *cand[128], *bad = NULL;
    int bad_derived = 0;
    char sug[200];

    for (size_t i = 0; i < nf && nc < 100; i++)
        if (fields[i].role != EXOPK_FIELD_DERIVED && field_used(&fields[i], cls))
            cand[nc++] = fields[i].key;
    for (size_t i = 0; extras[kind][i] != NULL; i++)
        cand[nc++] = extras[kind][i];
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {                      /* [... k v] */
        const ExopkParamField *f;
        const char *key;
        int known = 0;

        lua_pop(L, 1);                                 /* [... k] */
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, doc, NULL, NULL, "unexpected %s key (fields are names)",
                    luaL_typename(L, -1));
        key = lua_tostring(L, -1);                     /* alive: a key of t */
        f = exopk_param_field(group, key);
        for (size_t i = 0; extras[kind][i] != NULL; i++)
            known |= strcmp(key, extras[kind][i]) == 0;
        if (((f == NULL && !known) || (f != NULL && f->role == EXOPK_FIELD_DERIVED))
            && (bad == NULL || strcmp(key, bad) < 0)) {
            bad = key;
            bad_derived = f != NULL;
        }
    }
    if (bad != NULL && bad_derived)
        lx_fail(L, doc, bad, NULL, "derived by exopk; a data file must not give it");
    for (size_t i = 0; bad == NULL && cls >= 0 && i < nf; i++)
        if (!field_used(&fields[i], cls) && fields[i].role != EXOPK_FIELD_DERIVED) {
            if (lua_getfield(L, t, fields[i].key) != LUA_TNIL)
                lx_fail(L, doc, fields[i].key, NULL, "not used by a %s agent",
                        lx_class_names[cls]);
            lua_pop(L, 1);
        }
    if (bad != NULL) {
        lx_suggest(sug, sizeof sug, bad, cand, nc);
        lx_fail(L, doc, bad, NULL, "unknown field%s", sug);
    }
}

/* The string at the top is one of @names[0..n) (an error at @key otherwise). */
static void
check_choice(lua_State *L, const LxDoc *doc, const char *key, const char *const *names,
             size_t n, const char *expected)
{
    const char *c = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    char sug[200];

    for (size_t i = 0; c != NULL && i < n; i++)
        if (strcmp(c, names[i]) == 0)
            return;
    lx_suggest(sug, sizeof sug, c != NULL ? c : "", names, n);
    lx_fail(L, doc, key, c, "%s%s", expected, sug);
}

/* The structured field @key (its value at the top) of table @t. */
static void
check_extra(lua_State *L, int t, LxDataKind kind, const LxDoc *doc, const char *name, int cls,
            const char *key)
{
    if (strcmp(key, "name") == 0) {
        if (lua_type(L, -1) != LUA_TSTRING || strcmp(lua_tostring(L, -1), name) != 0)
            lx_fail(L, doc, key, NULL, "must be \"%s\" (the file name)", name);
    } else if (strcmp(key, "description") == 0 || strcmp(key, "note") == 0) {
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, doc, key, NULL, "expected a string, got a %s", luaL_typename(L, -1));
        if (kind == LX_DATA_LOADING && strcmp(key, "note") == 0
            && lua_rawlen(L, -1) >= sizeof ((ExopkLoadingMethod *) 0)->note)
            lx_fail(L, doc, key, NULL, "too long (at most %zu bytes)",
                    sizeof ((ExopkLoadingMethod *) 0)->note - 1);
    } else if (strcmp(key, "class") == 0) {
        check_choice(L, doc, key, lx_class_names, EXOPK_CLASS_COUNT, "unknown cargo class");
    } else if (strcmp(key, "acts_on") == 0) {
        if (cls != EXOPK_CLASS_SIRNA && cls != EXOPK_CLASS_MIMIC)
            lx_fail(L, doc, key, NULL, "only for a sirna or mirna_mimic agent");
        check_choice(L, doc, key, acts_on_names, EXOPK_ACTS_ON_COUNT,
                     "expected pgp, resistance, transfer or growth");
    } else if (strcmp(key, "resistance_of") == 0) {
        check_resistance_of(L, -1, t, doc, cls);
    } else if (strcmp(key, "target") == 0) {
        if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) >= EXOPK_NAME_MAX)
            lx_fail(L, doc, key, NULL, "expected the gene or miRNA name (a short string)");
    } else if (strcmp(key, "receptors") == 0) {
        check_receptors(L, -1, doc);
    } else if (strcmp(key, "chf_risk") == 0) {
        check_chf_risk(L, -1, doc, cls);
    } else if (strcmp(key, "ee0") == 0) {
        check_named_entries(L, -1, EXOPK_KIND_DIMENSIONLESS, doc, key, LX_MAX_NAMES, 0, 1);
    } else if (strcmp(key, "lumen_conc_max") == 0) {
        check_named_entries(L, -1, EXOPK_KIND_CONCENTRATION, doc, key, LX_MAX_NAMES, 0,
                            HUGE_VAL);
    } else if (strcmp(key, "ic50") == 0 || strcmp(key, "rho_agent") == 0) {
        check_named_entries(L, -1, key[0] == 'i' ? EXOPK_KIND_CONCENTRATION
                                                 : EXOPK_KIND_DIMENSIONLESS,
                            doc, key, EXOPK_MAX_AGENTS, 0, HUGE_VAL);
    }
}

/* Every input field the kind (and class) needs, and an agent's class and
 * an siRNA's acts_on. */
static void
check_required(lua_State *L, int t, LxDataKind kind, const LxDoc *doc, int cls)
{
    size_t nf;
    const ExopkParamField *fields = exopk_param_fields(groups[kind], &nf);

    for (size_t i = 0; i < nf; i++) {
        if (fields[i].role != EXOPK_FIELD_INPUT || !field_used(&fields[i], cls))
            continue;
        if (lua_getfield(L, t, fields[i].key) == LUA_TNIL)
            lx_fail(L, doc, fields[i].key, NULL, "missing (%s, in %s)", fields[i].description,
                    exopk_unit_kind_unit(fields[i].kind));
        lua_pop(L, 1);
    }
    if (kind == LX_DATA_LIGAND) {
        if (lua_getfield(L, t, "receptors") == LUA_TNIL)
            lx_fail(L, doc, "receptors", NULL, "missing (the receptors the ligand needs, e.g. "
                    "receptors = { \"egfr\", grade = ..., source = ... })");
        lua_pop(L, 1);
    }
    if (kind != LX_DATA_AGENT)
        return;
    if (lua_getfield(L, t, "class") == LUA_TNIL)
        lx_fail(L, doc, "class", NULL, "missing (the cargo class, e.g. \"small_molecule\")");
    lua_pop(L, 1);
    if (cls == EXOPK_CLASS_SIRNA || cls == EXOPK_CLASS_MIMIC) {
        if (lua_getfield(L, t, "acts_on") == LUA_TNIL)
            lx_fail(L, doc, "acts_on", NULL,
                    "missing (what the %s acts on: pgp, resistance, transfer or growth)",
                    cls == EXOPK_CLASS_SIRNA ? "target protein" : "repressed target");
        lua_pop(L, 1);
    }
}

/* A carrier's organ shares: each group (of the MPS, of the tissue) absent
 * or summing to 1 (docs/model.md "Organs"); the error is at the group's
 * first field given. */
static void
check_organ_shares(lua_State *L, int t, const LxDoc *doc)
{
    for (int g = 0; g < EXOPK_ORGAN_GROUP_COUNT; g++) {
        const char *first = NULL;
        char fields[160];
        double sum = 0;
        LxEntry e;

        for (int o = 0; o < EXOPK_ORGAN_COUNT; o++) {
            const char *key = exopk_organ_share_field((ExopkOrgan) o);

            if ((int) exopk_organ_group((ExopkOrgan) o) != g)
                continue;
            if (lua_getfield(L, t, key) != LUA_TNIL) {
                lx_entry_read(L, -1, EXOPK_KIND_DIMENSIONLESS, doc, key, &e);
                sum += e.engine;
                first = first != NULL ? first : key;
            }
            lua_pop(L, 1);
        }
        if (exopk_organ_group_sum_ok(sum))
            continue;
        exopk_organ_group_fields((ExopkOrganGroup) g, fields, sizeof fields);
        lx_fail(L, doc, first, NULL, "%s = %.6g; the shares of a compartment must sum to 1 "
                "(within %g) or all be absent", fields, sum, EXOPK_ORGAN_SHARE_TOLERANCE);
    }
}

/* Checked in a stable order: unknown and derived keys first, then the
 * descriptors in their order, then the structured fields, then what is
 * missing. */
static void
check_data(lua_State *L, int t, LxDataKind kind, const LxDoc *doc, const char *name)
{
    size_t nf;
    const ExopkParamField *fields = exopk_param_fields(groups[kind], &nf);
    int cls = agent_class(L, t, kind);   /* an agent's cargo class: its fields only */
    LxEntry e;

    luaL_checkstack(L, 8, NULL);
    check_known_keys(L, t, kind, doc, cls);
    for (size_t i = 0; i < nf; i++) {
        if (fields[i].role == EXOPK_FIELD_DERIVED || !field_used(&fields[i], cls))
            continue;
        if (lua_getfield(L, t, fields[i].key) != LUA_TNIL)
            lx_entry_read(L, -1, fields[i].kind, doc, fields[i].key, &e);
        lua_pop(L, 1);
    }
    for (size_t x = 0; extras[kind][x] != NULL; x++) {
        if (lua_getfield(L, t, extras[kind][x]) != LUA_TNIL)
            check_extra(L, t, kind, doc, name, cls, extras[kind][x]);
        lua_pop(L, 1);
    }
    if (kind == LX_DATA_CARRIER)
        check_organ_shares(L, t, doc);
    check_required(L, t, kind, doc, cls);
}

/* A class-default file: name, description and the entries of fields that
 * agents of class @cls use; anything else is an error, as in an agent. */
static void
check_class(lua_State *L, int t, int cls, const LxDoc *doc, const char *name)
{
    const ExopkParamField *fields;
    const char *cand[128], *bad = NULL;
    size_t nf, nc = 0;
    LxEntry e;

    fields = exopk_param_fields(EXOPK_GROUP_AGENT, &nf);
    for (size_t i = 0; i < nf && nc < 100; i++)
        if (fields[i].role != EXOPK_FIELD_DERIVED && EXOPK_FIELD_FOR_CLASS(&fields[i], cls))
            cand[nc++] = fields[i].key;
    cand[nc++] = "name";
    cand[nc++] = "description";
    lua_pushnil(L);
    while (lua_next(L, t) != 0) {                      /* [... k v] */
        const char *key;

        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            lx_fail(L, doc, NULL, NULL, "unexpected %s key (fields are names)",
                    luaL_typename(L, -1));
        key = lua_tostring(L, -1);
        if (!in_candidates(key, cand, nc) && (bad == NULL || strcmp(key, bad) < 0))
            bad = key;   /* the alphabetically first, for a stable message */
    }
    if (bad != NULL) {
        const ExopkParamField *f = exopk_param_field(EXOPK_GROUP_AGENT, bad);
        char sug[200];

        if (f != NULL && f->role == EXOPK_FIELD_DERIVED)
            lx_fail(L, doc, bad, NULL, "derived by exopk; a data file must not give it");
        if (f != NULL)
            lx_fail(L, doc, bad, NULL, "not used by a %s agent", lx_class_names[cls]);
        lx_suggest(sug, sizeof sug, bad, cand, nc);
        lx_fail(L, doc, bad, NULL, "unknown field%s", sug);
    }
    if (lua_getfield(L, t, "name") != LUA_TSTRING || strcmp(lua_tostring(L, -1), name) != 0)
        lx_fail(L, doc, "name", NULL, "must be \"%s\" (the file name)", name);
    if (lua_getfield(L, t, "description") != LUA_TNIL && lua_type(L, -1) != LUA_TSTRING)
        lx_fail(L, doc, "description", NULL, "expected a string, got a %s",
                luaL_typename(L, -1));
    lua_pop(L, 2);
    for (size_t i = 0; i < nc - 2; i++) {
        const ExopkParamField *f = exopk_param_field(EXOPK_GROUP_AGENT, cand[i]);

        if (lua_getfield(L, t, cand[i]) != LUA_TNIL)
            lx_entry_read(L, -1, f->kind, doc, cand[i], &e);
        lua_pop(L, 1);
    }
}

void
lx_data_path(char *buf, size_t size, const char *data_dir, LxDataKind kind, const char *name)
{
    size_t n = strlen(data_dir);
    const char *sep = n > 0 && data_dir[n - 1] == '/' ? "" : "/";

    if (name != NULL)
        snprintf(buf, size, "%s%s%s/%s.lua", data_dir, sep, dir_names[kind], name);
    else
        snprintf(buf, size, "%s%s%s", data_dir, sep, dir_names[kind]);
}

/* Raises "unknown NOUN "x" (did you mean ...)" at @from_path of @from_doc. */
static void
unknown_name(lua_State *L, const char *data_dir, LxDataKind kind, const char *name,
             const LxDoc *from_doc, const char *from_path)
{
    char dir[1100], sug[300];
    const char *cand[LX_MAX_NAMES];
    LxNames names;

    lx_data_path(dir, sizeof dir, data_dir, kind, NULL);
    lx_list_dir(dir, &names);
    for (size_t i = 0; i < names.n; i++)
        cand[i] = names.name[i];
    lx_suggest(sug, sizeof sug, name, cand, names.n);
    lx_fail(L, from_doc, from_path, name, "unknown %s \"%s\"%s", nouns[kind], name, sug);
}

/* The agent that resistance_of of agent table @t names has a file in the
 * library (a misspelt name would otherwise change nothing, silently). */
static void
check_resistance_of_exists(lua_State *L, int t, const char *data_dir, const LxDoc *doc)
{
    char file[1200];
    struct stat st;

    if (lua_getfield(L, t, "resistance_of") == LUA_TSTRING) {   /* checked: a valid name */
        lx_data_path(file, sizeof file, data_dir, LX_DATA_AGENT, lua_tostring(L, -1));
        if (stat(file, &st) != 0 || !S_ISREG(st.st_mode))
            unknown_name(L, data_dir, LX_DATA_AGENT, lua_tostring(L, -1), doc, "resistance_of");
    }
    lua_pop(L, 1);
}

/* Reads @file (@size bytes) and runs it as a data file: pushes [buf t];
 * buf anchors the text @doc points into (for error lines). */
static void
run_file(lua_State *L, const char *file, size_t size, LxDoc *doc)
{
    void *buf;
    FILE *f;
    size_t n;

    if (size > MAX_DATA_FILE)
        luaL_error(L, "%s: too large (over %d MiB)", file, (int) (MAX_DATA_FILE >> 20));
    buf = lua_newuserdatauv(L, size + 1, 0);           /* [buf] */
    /* No Lua call between fopen and fclose: nothing can longjmp over f. */
    f = fopen(file, "rb");
    n = f != NULL ? fread(buf, 1, size, f) : 0;
    if (f != NULL)
        fclose(f);
    if (n != size)
        luaL_error(L, "%s: cannot read", file);
    *doc = (LxDoc) { file, buf, n, "data file" };
    lx_run_doc(L, doc);                                /* [buf t] */
}

/* Pushes the cached table under "exopk.data"[key] (nil if none) below the
 * cache itself: [cache v]. */
static int
cache_get(lua_State *L, const char *key)
{
    if (lua_getfield(L, LUA_REGISTRYINDEX, "exopk.data") != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "exopk.data");
    }
    return lua_getfield(L, -1, key);
}

/* Merges the cargo class's defaults (DATA_DIR/classes/CLASS.lua, when the
 * library has one) under agent table @t: a key the agent gives wins.  The
 * class file is checked on its own, so its errors name it. */
static void
merge_class(lua_State *L, int t, const char *data_dir)
{
    char file[1200], key[64];
    struct stat st;
    size_t n = strlen(data_dir);
    int cls = -1;
    LxDoc doc;

    if (lua_getfield(L, t, "class") == LUA_TSTRING)
        for (int i = 0; i < EXOPK_CLASS_COUNT; i++)
            if (strcmp(lua_tostring(L, -1), lx_class_names[i]) == 0)
                cls = i;
    lua_pop(L, 1);
    if (cls < 0)
        return;   /* check_data reports a bad class */
    snprintf(file, sizeof file, "%s%sclasses/%s.lua", data_dir,
             n > 0 && data_dir[n - 1] == '/' ? "" : "/", lx_class_names[cls]);
    if (stat(file, &st) != 0 || !S_ISREG(st.st_mode))
        return;   /* a class without defaults */
    snprintf(key, sizeof key, "classes/%s", lx_class_names[cls]);
    if (cache_get(L, key) != LUA_TTABLE) {             /* [cache nil] */
        lua_pop(L, 1);
        run_file(L, file, (size_t) st.st_size, &doc);  /* [cache buf c] */
        check_class(L, lua_gettop(L), cls, &doc, lx_class_names[cls]);
        lua_pushvalue(L, -1);
        lua_setfield(L, -4, key);
        lua_remove(L, -2);                             /* [cache c] */
    }
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {                     /* [cache c k v] */
        const char *k = lua_tostring(L, -2);           /* checked: a string */

        if (strcmp(k, "name") != 0 && strcmp(k, "description") != 0) {
            lua_pushvalue(L, -2);
            if (lua_rawget(L, t) == LUA_TNIL) {        /* [cache c k v nil] */
                lua_pushvalue(L, -3);
                lua_pushvalue(L, -3);
                lua_rawset(L, t);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
}

void
lx_data_load(lua_State *L, const char *data_dir, LxDataKind kind, const char *name,
             const LxDoc *from_doc, const char *from_path)
{
    char file[1200], key[200];
    struct stat st;
    LxDoc doc;

    luaL_checkstack(L, 12, NULL);
    snprintf(key, sizeof key, "%s/%s", dir_names[kind], name);
    if (cache_get(L, key) == LUA_TTABLE) {             /* [cache t] */
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);                                     /* [cache] */
    lx_data_path(file, sizeof file, data_dir, kind, name);
    if (!lx_valid_name(name) || stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (from_doc != NULL)
            unknown_name(L, data_dir, kind, name, from_doc, from_path);
        luaL_error(L, "%s: cannot read", file);
    }
    run_file(L, file, (size_t) st.st_size, &doc);      /* [cache buf t] */
    if (kind == LX_DATA_AGENT)
        merge_class(L, lua_gettop(L), data_dir);
    check_data(L, lua_gettop(L), kind, &doc, name);
    if (kind == LX_DATA_AGENT)
        check_resistance_of_exists(L, lua_gettop(L), data_dir, &doc);
    lua_pushvalue(L, -1);
    lua_setfield(L, -4, key);                          /* [cache buf t] */
    lua_replace(L, -3);                                /* [t buf] */
    lua_pop(L, 1);                                     /* [t] */
}

/* The per-agent map @key (checked) of the data table at @idx into @names
 * and @values (engine units); returns the count. */
static size_t
fill_per_agent(lua_State *L, int idx, const char *key, ExopkUnitKind kind,
               char names[][EXOPK_NAME_MAX], double *values)
{
    static const LxDoc none = { "?", NULL, 0, NULL };
    size_t n = 0;
    LxEntry e;

    if (lua_getfield(L, idx, key) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2) != 0 && n < EXOPK_MAX_AGENTS) {
            lx_entry_read(L, -1, kind, &none, key, &e);
            snprintf(names[n], EXOPK_NAME_MAX, "%s", lua_tostring(L, -2));
            values[n++] = e.engine;
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1);
    return n;
}

/* The checked receptor list of the data table at @idx into @names;
 * returns the count (0 without a list). */
static size_t
fill_receptors(lua_State *L, int idx, char names[][EXOPK_NAME_MAX])
{
    size_t n = 0;

    if (lua_getfield(L, idx, "receptors") == LUA_TTABLE)
        for (size_t i = 1; i <= lua_rawlen(L, -1) && n < EXOPK_MAX_RECEPTORS; i++) {
            if (lua_rawgeti(L, -1, (lua_Integer) i) == LUA_TSTRING)
                snprintf(names[n++], EXOPK_NAME_MAX, "%s", lua_tostring(L, -1));
            lua_pop(L, 1);
        }
    lua_pop(L, 1);
    return n;
}

/* The checked chf_risk table of the agent table at @idx, if any. */
static void
fill_chf_risk(lua_State *L, int idx, ExopkAgent *a)
{
    int top = lua_gettop(L);

    a->n_chf_risk = 0;
    if (lua_getfield(L, idx, "chf_risk") == LUA_TTABLE
        && lua_getfield(L, -1, "points") == LUA_TTABLE) {
        size_t n = lua_rawlen(L, -1);

        for (size_t i = 0; i < n && i < EXOPK_MAX_RISK_POINTS; i++) {
            lua_rawgeti(L, -1, (lua_Integer) i + 1);
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            a->chf_risk_dose[i] = lua_tonumber(L, -2);
            a->chf_risk_pct[i] = lua_tonumber(L, -1);
            lua_pop(L, 3);
            a->n_chf_risk = i + 1;
        }
    }
    lua_settop(L, top);
}

/* An agent's structured fields: class, acts_on, target, resistance_of,
 * chf_risk (checked already). */
static void
fill_agent(lua_State *L, int idx, ExopkAgent *a)
{
    lua_getfield(L, idx, "class");
    for (int i = 0; i < EXOPK_CLASS_COUNT; i++)
        if (strcmp(lua_tostring(L, -1), lx_class_names[i]) == 0)
            a->cargo_class = (ExopkCargoClass) i;
    lua_pop(L, 1);
    a->acts_on = EXOPK_ACTS_ON_PGP;
    if (lua_getfield(L, idx, "acts_on") == LUA_TSTRING)
        for (int i = 0; i < EXOPK_ACTS_ON_COUNT; i++)
            if (strcmp(lua_tostring(L, -1), acts_on_names[i]) == 0)
                a->acts_on = (ExopkActsOn) i;
    lua_pop(L, 1);
    a->target[0] = '\0';
    if (lua_getfield(L, idx, "target") == LUA_TSTRING)
        snprintf(a->target, sizeof a->target, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    a->resistance_of[0] = '\0';
    if (lua_getfield(L, idx, "resistance_of") == LUA_TSTRING)
        snprintf(a->resistance_of, sizeof a->resistance_of, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
    fill_chf_risk(L, idx, a);
}

void
lx_data_fill(lua_State *L, int idx, LxDataKind kind, const char *name, void *record)
{
    const ExopkParamField *fields;
    size_t nf;
    LxEntry e;
    static const LxDoc none = { "?", NULL, 0, NULL };

    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 8, NULL);
    fields = exopk_param_fields(groups[kind], &nf);
    for (size_t i = 0; i < nf; i++) {
        double *slot = (double *) ((char *) record + fields[i].offset);

        *slot = fields[i].role == EXOPK_FIELD_OPTIONAL ? fields[i].default_value : 0;
        if (fields[i].role == EXOPK_FIELD_DERIVED)
            continue;
        if (lua_getfield(L, idx, fields[i].key) != LUA_TNIL) {
            lx_entry_read(L, -1, fields[i].kind, &none, fields[i].key, &e);
            *slot = e.engine;
        }
        lua_pop(L, 1);
    }
    /* Every record starts with char name[EXOPK_NAME_MAX]. */
    snprintf((char *) record, EXOPK_NAME_MAX, "%s", name);
    switch (kind) {
    case LX_DATA_AGENT:
        fill_agent(L, idx, record);
        break;
    case LX_DATA_LOADING: {
        ExopkLoadingMethod *m = record;

        m->note[0] = '\0';
        if (lua_getfield(L, idx, "note") == LUA_TSTRING)
            snprintf(m->note, sizeof m->note, "%s", lua_tostring(L, -1));
        lua_pop(L, 1);
        break;
    }
    case LX_DATA_TUMOUR: {
        ExopkTumour *t = record;

        t->n_ic50 = fill_per_agent(L, idx, "ic50", EXOPK_KIND_CONCENTRATION, t->ic50_agent,
                                   t->ic50);
        t->n_rho_agent = fill_per_agent(L, idx, "rho_agent", EXOPK_KIND_DIMENSIONLESS,
                                        t->rho_agent_name, t->rho_agent);
        t->n_receptors = fill_receptors(L, idx, t->receptors);
        break;
    }
    case LX_DATA_LIGAND: {
        ExopkLigand *l = record;

        l->n_receptors = fill_receptors(L, idx, l->receptors);
        break;
    }
    default:
        break;
    }
}
