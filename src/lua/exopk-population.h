/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-lua: the population spec of a study (population-spec.c) and the
 * exopk.population function of the Lua API (lexopk-population.c). */
#ifndef EXOPK_LUA_POPULATION_H
#define EXOPK_LUA_POPULATION_H

#include "exopk/population.h"
#include <lua.h>

#include "exopk-lua.h"

/* The spec of @study (resolved): its variability and batch entries
 * (log-normal, median the study's value) and correlations; with
 * uncertainty = "library", then every parameter with a published range
 * (`exopk params`) of the records the study uses (its species and
 * tumour, the carriers and loading methods of its formulations, its
 * agents), log-uniform over the range scaled to the study's subject as
 * the value is, unless the study sets it in params or varies it already.
 * Ranges from @data_dir. */
ExopkStatus exopk_lua_population_spec(const ExopkStudy *study, const char *data_dir,
                                      ExopkPopSpec *spec, ExopkError *err);

/* exopk.population{ study =, subjects =, seed =, threads =, arms =, output = }
 * -> summary[arm][metric] = { unit =, mean =, sd =, p05 =, ..., p95 = },
 * and the number of subjects drawn again. */

int lx_population(lua_State *L);

#endif
