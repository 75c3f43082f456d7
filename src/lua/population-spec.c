/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The population spec of a study: its variability (log-normal), and with
 * uncertainty = "library" every library parameter of the records the
 * study uses that has a published range (log-uniform).  The ranges live
 * in the data files, so this is the Lua layer's work (`exopk params`
 * lists the same rows). */
#include "exopk-population.h"

typedef struct {
    ExopkPopSpec *spec;
    ExopkError *err;
    int failed;
} RangeCtx;

/* A library range the study does not set itself: log-uniform uncertainty. */
static void
add_range(const ExopkLibraryRange *r, void *data)
{
    RangeCtx *c = data;

    if (c->failed || r->overridden)
        return;
    if (exopk_pop_spec_add_range(c->spec, r->path, r->lo, r->hi, c->err) < 0)
        c->failed = 1;
}

ExopkStatus
exopk_lua_population_spec(const ExopkStudy *study, const char *data_dir, ExopkPopSpec *spec,
                          ExopkError *err)
{
    RangeCtx c = { spec, err, 0 };
    ExopkStatus st;

    exopk_pop_spec_from_study(study, spec);
    if (!study->variability.library_uncertainty || study->n_arms == 0)
        return EXOPK_OK;
    st = exopk_lua_library_ranges(study, 0, data_dir, add_range, &c, err);
    if (st != EXOPK_OK)
        return st;
    return c.failed ? EXOPK_EINVAL : EXOPK_OK;
}
