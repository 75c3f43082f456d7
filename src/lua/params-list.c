/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk params`: every parameter of the library, with the effective value
 * for the default study's subject where the path maps to one.
 *
 * Two phases under one protected call: first every data file is loaded and
 * checked (so a malformed file reports nothing before its error), then the
 * rows go out.  The default study is loaded beforehand by the ordinary
 * loader, in its own state. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "lexopk-private.h"

typedef struct {
    const char *data_dir;
    const char *pattern;
    void (*row)(const ExopkParamRow *r, void *data);
    void *data;
    const ExopkStudy *def;    /* the default study, or NULL */
} ListCtx;

/* Case-insensitive substring. */
static int
matches(const char *path, const char *pattern)
{
    size_t n, m;

    if (pattern == NULL || pattern[0] == '\0')
        return 1;
    n = strlen(path);
    m = strlen(pattern);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;

        while (j < m && tolower((unsigned char) path[i + j]) == tolower((unsigned char) pattern[j]))
            j++;
        if (j == m)
            return 1;
    }
    return 0;
}

static void
emit(ListCtx *c, ExopkParamRow *r)
{
    if (matches(r->path, c->pattern))
        c->row(r, c->data);
}

/* The record of kind @kind named @name in the default study (effective). */
static const void *
effective_record(const ExopkStudy *s, LxDataKind kind, const char *name)
{
    if (s == NULL)
        return NULL;
    switch (kind) {
    case LX_DATA_CARRIER:
        for (size_t i = 0; i < s->n_formulations; i++)
            if (strcmp(s->formulations[i].carrier_ref.name, name) == 0)
                return &s->formulations[i].carrier;
        return NULL;
    case LX_DATA_LOADING:
        for (size_t i = 0; i < s->n_formulations; i++)
            if (strcmp(s->formulations[i].method_ref.name, name) == 0)
                return &s->formulations[i].method;
        return NULL;
    case LX_DATA_AGENT: {
        int a = exopk_study_find_agent(s, name);

        return a >= 0 ? &s->agents[a] : NULL;
    }
    case LX_DATA_TUMOUR:
        return s->has_tumour && strcmp(s->tumour_ref.name, name) == 0 ? &s->tumour : NULL;
    case LX_DATA_LIGAND: {
        int l = exopk_study_find_ligand(s, name);

        return l >= 0 ? &s->ligands[l] : NULL;
    }
    default:
        return NULL; /* species files hold inputs; the subject rows show the effect */
    }
}

static void
row_prefix(char *buf, size_t size, LxDataKind kind, const char *name)
{
    static const char *const prefix[LX_DATA_COUNT] = {
        "species.", "carrier.", "loading.", "", "tumour.", "ligand."
    };

    snprintf(buf, size, "%s%s", prefix[kind], name);
}

static void
entry_row(ExopkParamRow *r, const LxEntry *e, ExopkUnitKind kind)
{
    r->unit = e->unit;
    r->engine_unit = exopk_unit_kind_unit(kind);
    r->grade = e->grade;
    r->flag = e->flag;
    r->source = e->source;
    r->value = e->value;
    r->engine_value = e->engine;
    r->range_lo = e->lo;
    r->range_hi = e->hi;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* Rows of a per-agent map (ee0, lumen_conc_max, ic50, rho_agent) of the data table at
 * @t, sorted by name. */
static void
map_rows(lua_State *L, ListCtx *c, int t, LxDataKind kind, const char *name,
         const char *field, ExopkUnitKind ukind)
{
    static const LxDoc none = { "?", NULL, 0, NULL };
    const char **keys;
    size_t n = 0, i = 0;
    char prefix[200], path[400];
    int base = lua_gettop(L);

    if (lua_getfield(L, t, field) != LUA_TTABLE) {
        lua_settop(L, base);
        return;
    }
    lua_pushnil(L);
    while (lua_next(L, base + 1) != 0) {
        n++;
        lua_pop(L, 1);
    }
    keys = lua_newuserdatauv(L, (n ? n : 1) * sizeof *keys, 0);
    lua_pushnil(L);
    while (lua_next(L, base + 1) != 0 && i < n) {
        keys[i++] = lua_tostring(L, -2);  /* checked: string keys of the map */
        lua_pop(L, 1);
    }
    qsort(keys, n, sizeof *keys, cmp_str);
    row_prefix(prefix, sizeof prefix, kind, name);
    for (i = 0; i < n; i++) {
        ExopkParamRow r;
        LxEntry e;

        memset(&r, 0, sizeof r);
        lua_getfield(L, base + 1, keys[i]);
        lx_entry_read(L, -1, ukind, &none, field, &e);
        snprintf(path, sizeof path, "%s.%s.%s", prefix, field, keys[i]);
        r.path = path;
        entry_row(&r, &e, ukind);
        /* Effective: the default study's cargo that took this entry. */
        if (c->def != NULL && kind == LX_DATA_LOADING) {
            const ExopkStudy *s = c->def;

            for (size_t f = 0; f < s->n_formulations && !r.has_effective; f++) {
                if (strcmp(s->formulations[f].method_ref.name, name) != 0)
                    continue;
                for (size_t k = 0; k < s->formulations[f].n_cargo; k++) {
                    const ExopkCargo *cg = &s->formulations[f].cargo[k];
                    const ExopkAgent *a = &s->agent_ref[cg->agent];
                    int took = strcmp(a->name, keys[i]) == 0;

                    if (!took && strcmp(lx_class_names[a->cargo_class], keys[i]) == 0) {
                        lua_getfield(L, base + 1, a->name);
                        took = lua_isnil(L, -1);
                        lua_pop(L, 1);
                    }
                    if (took) {
                        r.has_effective = 1;
                        r.effective = strcmp(field, "ee0") == 0 ? cg->ee0 : cg->lumen_conc_max;
                        break;
                    }
                }
            }
        } else if (c->def != NULL && kind == LX_DATA_TUMOUR) {
            const ExopkTumour *tu = effective_record(c->def, kind, name);
            const int ic50 = strcmp(field, "ic50") == 0;
            const size_t nt = tu == NULL ? 0 : ic50 ? tu->n_ic50 : tu->n_rho_agent;

            for (size_t j = 0; j < nt; j++)
                if (strcmp(ic50 ? tu->ic50_agent[j] : tu->rho_agent_name[j], keys[i]) == 0) {
                    r.has_effective = 1;
                    r.effective = ic50 ? tu->ic50[j] : tu->rho_agent[j];
                }
        }
        emit(c, &r);
        lua_pop(L, 1);
    }
    lua_settop(L, base);
}

/* Rows of an agent's dose-risk table (chf_risk): one row a point,
 * "doxorubicin.chf_risk.550_mg/m2" = 26 %, so the table shows with its
 * source beside the parameters it is computed from.  The data loader has
 * checked the table already. */
static void
risk_rows(lua_State *L, ListCtx *c, int t, const char *name)
{
    char path[300], unit[32] = "", dose_unit[32] = "";
    int rt, pt;

    if (lua_getfield(L, t, "chf_risk") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    rt = lua_gettop(L);
    if (lua_getfield(L, rt, "risk_unit") == LUA_TSTRING)
        snprintf(unit, sizeof unit, "%s", lua_tostring(L, -1));
    if (lua_getfield(L, rt, "dose_unit") == LUA_TSTRING)
        snprintf(dose_unit, sizeof dose_unit, "%s", lua_tostring(L, -1));
    lua_getfield(L, rt, "grade");
    lua_getfield(L, rt, "flag");
    lua_getfield(L, rt, "source");
    pt = lua_getfield(L, rt, "points") == LUA_TTABLE ? lua_gettop(L) : 0;
    for (lua_Integer i = 1; pt != 0 && lua_rawgeti(L, pt, i) == LUA_TTABLE; i++) {
        ExopkParamRow r = { .path = path, .unit = unit, .engine_unit = unit,
                            .grade = luaL_optstring(L, rt + 3, ""),
                            .flag = luaL_optstring(L, rt + 4, ""),
                            .source = luaL_optstring(L, rt + 5, ""),
                            .range_lo = NAN, .range_hi = NAN };

        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        snprintf(path, sizeof path, "%s.chf_risk.%g_%s", name, lua_tonumber(L, -2), dose_unit);
        r.value = r.engine_value = lua_tonumber(L, -1);
        emit(c, &r);
        lua_pop(L, 3);
    }
    lua_settop(L, rt - 1);
}

/* Rows of a receptor list (tumours and ligands): "tumour.mcf7.receptors.egfr"
 * = 1 a receptor, with the list's grade and source; an empty list is one
 * row "tumour.mcf7.receptors" = 0, so its source (why none) shows too. */
static void
receptor_rows(lua_State *L, ListCtx *c, int t, LxDataKind kind, const char *name)
{
    char prefix[200], path[400];
    int rt;
    lua_Integer n;

    if (lua_getfield(L, t, "receptors") != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    rt = lua_gettop(L);
    lua_getfield(L, rt, "grade");
    lua_getfield(L, rt, "flag");
    lua_getfield(L, rt, "source");
    row_prefix(prefix, sizeof prefix, kind, name);
    n = (lua_Integer) lua_rawlen(L, rt);
    for (lua_Integer i = n > 0 ? 1 : 0; i <= n; i++) {
        ExopkParamRow r = { .path = path, .unit = "", .engine_unit = "1",
                            .grade = luaL_optstring(L, rt + 1, ""),
                            .flag = luaL_optstring(L, rt + 2, ""),
                            .source = luaL_optstring(L, rt + 3, ""),
                            .value = n > 0, .engine_value = n > 0,
                            .range_lo = NAN, .range_hi = NAN };

        if (i == 0)
            snprintf(path, sizeof path, "%s.receptors", prefix);
        else if (lua_rawgeti(L, rt, i) == LUA_TSTRING)
            snprintf(path, sizeof path, "%s.receptors.%s", prefix, lua_tostring(L, -1));
        if (i > 0)
            lua_pop(L, 1);
        emit(c, &r);
    }
    lua_settop(L, rt - 1);
}

/* The rows of the structured tables of data table @t. */
static void
table_rows(lua_State *L, ListCtx *c, int t, LxDataKind kind, const char *name)
{
    if (kind == LX_DATA_LOADING) {
        map_rows(L, c, t, kind, name, "ee0", EXOPK_KIND_DIMENSIONLESS);
        map_rows(L, c, t, kind, name, "lumen_conc_max", EXOPK_KIND_CONCENTRATION);
    } else if (kind == LX_DATA_TUMOUR) {
        map_rows(L, c, t, kind, name, "ic50", EXOPK_KIND_CONCENTRATION);
        map_rows(L, c, t, kind, name, "rho_agent", EXOPK_KIND_DIMENSIONLESS);
        receptor_rows(L, c, t, kind, name);
    } else if (kind == LX_DATA_LIGAND) {
        receptor_rows(L, c, t, kind, name);
    } else if (kind == LX_DATA_AGENT) {
        risk_rows(L, c, t, name);
    }
}

static void
file_rows(lua_State *L, ListCtx *c, LxDataKind kind, const char *name)
{
    static const LxDoc none = { "?", NULL, 0, NULL };
    const ExopkParamField *fields;
    const void *eff = effective_record(c->def, kind, name);
    char prefix[200], path[400];
    size_t nf;
    int t, cls = -1;

    lx_data_load(L, c->data_dir, kind, name, NULL, NULL);  /* [t] (cached) */
    t = lua_gettop(L);
    row_prefix(prefix, sizeof prefix, kind, name);
    fields = exopk_param_fields(lx_data_group(kind), &nf);
    if (kind == LX_DATA_AGENT && lua_getfield(L, t, "class") == LUA_TSTRING)
        for (int i = 0; i < EXOPK_CLASS_COUNT; i++)
            if (strcmp(lua_tostring(L, -1), lx_class_names[i]) == 0)
                cls = i;
    if (kind == LX_DATA_AGENT)
        lua_pop(L, 1);
    for (size_t i = 0; i < nf; i++) {
        const ExopkParamField *f = &fields[i];
        ExopkParamRow r;
        LxEntry e;

        if (cls >= 0 && !EXOPK_FIELD_FOR_CLASS(f, cls))
            continue;   /* a field of another cargo class */
        memset(&r, 0, sizeof r);
        snprintf(path, sizeof path, "%s.%s", prefix, f->key);
        r.path = path;
        r.engine_unit = exopk_unit_kind_unit(f->kind);
        r.unit = r.flag = "";
        r.range_lo = r.range_hi = NAN;
        if (f->role == EXOPK_FIELD_DERIVED) {
            r.grade = "derived";
            r.source = f->description;
            r.value = r.engine_value = NAN;
        } else if (lua_getfield(L, t, f->key) != LUA_TNIL) {
            lx_entry_read(L, -1, f->kind, &none, f->key, &e);
            entry_row(&r, &e, f->kind);
            lua_pop(L, 1);
        } else {
            lua_pop(L, 1);
            r.grade = "default";
            r.source = f->description;
            r.value = r.engine_value = f->default_value;
            r.unit = r.engine_unit;
        }
        if (eff != NULL) {
            r.has_effective = 1;
            r.effective = *(const double *) ((const char *) eff + f->offset);
        }
        emit(c, &r);
    }
    table_rows(L, c, t, kind, name);
    lua_settop(L, t - 1);
}

/* The subject's effective physiology: "species.plasma_volume" etc. */
static void
subject_rows(ListCtx *c)
{
    const ExopkParamField *fields;
    size_t nf;
    char path[200];

    fields = exopk_param_fields(EXOPK_GROUP_SUBJECT, &nf);
    for (size_t i = 0; i < nf; i++) {
        ExopkParamRow r;

        memset(&r, 0, sizeof r);
        snprintf(path, sizeof path, "species.%s", fields[i].key);
        r.path = path;
        r.unit = r.flag = "";
        r.engine_unit = exopk_unit_kind_unit(fields[i].kind);
        r.grade = "derived";
        r.source = fields[i].description;
        r.value = r.engine_value = r.range_lo = r.range_hi = NAN;
        if (c->def != NULL) {
            r.has_effective = 1;
            r.effective = *(const double *) ((const char *) &c->def->subject
                                            + fields[i].offset);
        }
        emit(c, &r);
    }
}

static int
list_walk(lua_State *L)
{
    ListCtx *c = lua_touserdata(L, 1);
    LxNames *names[LX_DATA_COUNT];
    char dir[1200];

    lua_settop(L, 0);
    luaL_checkstack(L, 40, NULL);
    for (int k = 0; k < LX_DATA_COUNT; k++) {
        names[k] = lua_newuserdatauv(L, sizeof *names[k], 0); /* anchored on the stack */
        lx_data_path(dir, sizeof dir, c->data_dir, (LxDataKind) k, NULL);
        lx_list_dir(dir, names[k]);
    }
    /* Phase 1: check everything. */
    for (int k = 0; k < LX_DATA_COUNT; k++)
        for (size_t i = 0; i < names[k]->n; i++) {
            lx_data_load(L, c->data_dir, (LxDataKind) k, names[k]->name[i], NULL, NULL);
            lua_pop(L, 1);
        }
    /* Phase 2: report. */
    for (int k = 0; k < LX_DATA_COUNT; k++) {
        for (size_t i = 0; i < names[k]->n; i++)
            file_rows(L, c, (LxDataKind) k, names[k]->name[i]);
        if (k == LX_DATA_SPECIES)
            subject_rows(c);
    }
    return 0;
}

ExopkStatus
exopk_lua_list_params(const char *data_dir, const char *pattern,
                      void (*row)(const ExopkParamRow *r, void *data), void *data,
                      ExopkError *err)
{
    char def_path[1200];
    size_t n = strlen(data_dir);
    struct stat st;
    ExopkStudy *def = NULL;
    LxSandbox sb;
    ListCtx c;
    ExopkStatus status;

    snprintf(def_path, sizeof def_path, "%s%sexamples/default.lua", data_dir,
             n > 0 && data_dir[n - 1] == '/' ? "" : "/");
    if (stat(def_path, &st) == 0)
        def = exopk_lua_load_study(def_path, data_dir, NULL, NULL, NULL);
    if (lx_sandbox_open(&sb) == NULL) {
        exopk_study_free(def);
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
    c = (ListCtx) { data_dir, pattern, row, data, def };
    status = lx_protected(&sb, list_walk, &c, data_dir, err);
    lx_sandbox_close(&sb);
    exopk_study_free(def);
    return status;
}
