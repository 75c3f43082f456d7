/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The population spec of a study: its variability (log-normal), and with
 * uncertainty = "library" every library parameter of the records the
 * study uses that has a published range (log-uniform).  The ranges live
 * in the data files, so this is the Lua layer's work (`exopk params`
 * lists the same rows). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk-population.h"

typedef struct {
    const ExopkStudy *s;
    ExopkPopSpec *spec;
    ExopkError *err;
    int failed;
} RangeCtx;

/* The study's path for library row @path ("carrier.msc.k_pt" as it is,
 * "species.mouse.body_weight" -> "species.body_weight"), or 0 when the
 * study does not use that record or the row is no parameter path
 * (ee0, lumen_conc_max, ic50 entries). */
static int
study_path(const ExopkStudy *s, const char *path, char *out, size_t size)
{
    char group[EXOPK_NAME_MAX], name[EXOPK_NAME_MAX], key[EXOPK_NAME_MAX], extra;
    ExopkUnitKind kind;

    if (sscanf(path, "%63[^.].%63[^.].%63[^.]%c", group, name, key, &extra) == 3) {
        int used = 0;

        if (strcmp(group, "species") == 0 || strcmp(group, "tumour") == 0) {
            used = strcmp(group, "species") == 0 ? strcmp(s->species.name, name) == 0
                                                 : s->has_tumour
                                                   && strcmp(s->tumour_ref.name, name) == 0;
            snprintf(out, size, "%s.%s", group, key);
        } else {
            for (size_t k = 0; k < s->n_formulations; k++)
                used |= strcmp(name, strcmp(group, "carrier") == 0
                                         ? s->formulations[k].carrier_ref.name
                                         : s->formulations[k].method_ref.name) == 0;
            snprintf(out, size, "%s", path);
        }
        if (!used)
            return 0;
    } else if (sscanf(path, "%63[^.].%63[^.]%c", group, key, &extra) == 2) {
        if (exopk_study_find_agent(s, group) < 0)
            return 0;
        snprintf(out, size, "%s", path);
    } else {
        return 0;
    }
    return exopk_study_param_kind(s, out, &kind, NULL) == EXOPK_OK;
}

/* Whether the study sets @path (or its general form) in `params`. */
static int
overridden(const ExopkStudy *s, const char *path)
{
    const char *key = strrchr(path, '.'), *dot = strchr(path, '.');

    for (size_t i = 0; i < s->n_overrides; i++) {
        const char *o = s->overrides[i].path;

        if (strcmp(o, path) == 0
            || (strncmp(o, path, (size_t) (dot - path)) == 0 && o[dot - path] == '.'
                && strcmp(o + (dot - path), key) == 0))
            return 1;
    }
    return 0;
}

static void
range_row(const ExopkParamRow *r, void *data)
{
    RangeCtx *c = data;
    char path[160];
    double base;

    if (c->failed || !(r->range_lo > 0) || !(r->range_hi >= r->range_lo) || !(r->value > 0)
        || !study_path(c->s, r->path, path, sizeof path) || overridden(c->s, path))
        return;
    if (exopk_population_base_value(c->s, 0, path, &base, NULL) != EXOPK_OK || !(base > 0))
        return;
    /* the range relative to the library value, around the study's value:
     * scaled to the subject's weight as the study scales the value */
    if (exopk_pop_spec_add_range(c->spec, path, r->range_lo * base / r->value,
                                 r->range_hi * base / r->value, c->err) < 0)
        c->failed = 1;
}

ExopkStatus
exopk_lua_population_spec(const ExopkStudy *study, const char *data_dir, ExopkPopSpec *spec,
                          ExopkError *err)
{
    RangeCtx c = { study, spec, err, 0 };
    ExopkStatus st;

    exopk_pop_spec_from_study(study, spec);
    if (!study->variability.library_uncertainty || study->n_arms == 0)
        return EXOPK_OK;
    st = exopk_lua_list_params(data_dir, NULL, range_row, &c, err);
    if (st != EXOPK_OK)
        return st;
    return c.failed ? EXOPK_EINVAL : EXOPK_OK;
}
