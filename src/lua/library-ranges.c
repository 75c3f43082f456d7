/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The published ranges of the library parameters a study uses, mapped to
 * the study's paths and carried over to the study's own values: one list
 * for library uncertainty in populations, `--prior library` in fits and the
 * default ranges of `exopk sensitivity`. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk/population.h"
#include "exopk-lua.h"

typedef struct {
    const ExopkStudy *s;
    size_t arm;
    void (*range)(const ExopkLibraryRange *r, void *data);
    void *data;
} RangesCtx;

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

        if (strcmp(group, "ligand") == 0) {
            used = exopk_study_find_ligand(s, name) >= 0;
            snprintf(out, size, "%s", path);
        } else if (strcmp(group, "species") == 0 || strcmp(group, "tumour") == 0) {
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

/* Whether @path names an organ share (docs/model.md "Organs"): each group
 * must sum to 1, so drawing its shares one by one would break the sum;
 * they are left out of library ranges (and change no kinetics). */
static int
organ_share(const char *path)
{
    const char *key = strrchr(path, '.');

    for (int o = 0; key != NULL && o < EXOPK_ORGAN_COUNT; o++)
        if (strcmp(key + 1, exopk_organ_share_field((ExopkOrgan) o)) == 0)
            return 1;
    return 0;
}

static void
range_row(const ExopkParamRow *r, void *data)
{
    RangesCtx *c = data;
    ExopkLibraryRange out;
    char path[160];
    double value;

    if (!(r->range_lo > 0) || !(r->range_hi >= r->range_lo) || !(r->value > 0)
        || organ_share(r->path) || !study_path(c->s, r->path, path, sizeof path))
        return;
    if (exopk_population_base_value(c->s, c->arm, path, &value, NULL) != EXOPK_OK || !(value > 0))
        return;
    /* the range relative to the library value, around the study's value:
     * a clearance written for a 70 kg human keeps its relative range when
     * the study scales it to a 25 g mouse */
    out.path = path;
    out.library_path = r->path;
    out.library_value = r->value;
    out.value = value;
    out.lo = r->range_lo * value / r->value;
    out.hi = r->range_hi * value / r->value;
    out.overridden = overridden(c->s, path);
    c->range(&out, c->data);
}

ExopkStatus
exopk_lua_library_ranges(const ExopkStudy *study, size_t arm, const char *data_dir,
                         void (*range)(const ExopkLibraryRange *r, void *data), void *data,
                         ExopkError *err)
{
    RangesCtx c = { study, arm, range, data };

    if (arm >= study->n_arms)
        return exopk_error_set(err, EXOPK_EINVAL, "library ranges: the study has no arm %zu",
                               arm);
    return exopk_lua_list_params(data_dir, NULL, range_row, &c, err);
}
