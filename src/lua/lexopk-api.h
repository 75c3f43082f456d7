/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-lua internals of the scripting API (`require "exopk"`): the
 * userdata types shared by lexopk-api.c (load, simulate, Study, Result),
 * lexopk-opt.c (optimize, pareto) and lexopk-run.c (the script host), and
 * the series CSV writer of lexopk-save.c. */
#ifndef LEXOPK_API_H
#define LEXOPK_API_H

#include <stdio.h>

#include <lua.h>

#include "exopk/exopk.h"
#include "exopk-lua.h"

#define LX_STUDY_MT "exopk.Study"
#define LX_RESULT_MT "exopk.Result"

/* Registry key of the parameter library directory (a string) that the
 * host sets; without it the module uses exopk_lua_data_dir(). */
#define LX_DATA_DIR_KEY "exopk.data_dir"

/* Userdata boxes: NULL == closed.  The box owns what it points to; __gc,
 * __close and :close() free it. */
typedef struct {
    ExopkStudy *study;
} LxStudyBox;

typedef struct {
    ExopkResult *res;
} LxResultBox;

/* The registry value, else exopk_lua_data_dir(). */
const char *lx_data_dir(lua_State *L);

/* Pushes a new, empty (closed) Study box. */
LxStudyBox *lx_push_study(lua_State *L);
/* The open study at @idx (raises for anything else or a closed one). */
ExopkStudy *lx_check_study(lua_State *L, int idx);

/* Index of the arm called @name in @s, or raises "@what: no arm "x" in
 * study (did you mean ...)". */
size_t lx_check_arm(lua_State *L, const ExopkStudy *s, const char *name, const char *what);

/* Converts the value at @idx for the `set` / `vary` name @name of arm
 * @arm: a number is in the engine unit; a string is a quantity of the kind
 * of @name (dose: the first line's unit, every/at/over: time, offered:
 * per vesicle, a parameter path: its kind).  Raises "@what.NAME: ..." */
double lx_set_value(lua_State *L, const ExopkStudy *s, size_t arm, const char *name, int idx,
                    const char *what);

/* Applies a `set` table (at @idx) to @s, arm @arm, in a fixed order (at,
 * over, every, count, dose, offered*, then parameter paths by name), so
 * that "count" after "every" never fails for an arm with one dose.
 * Raises "@what.NAME: message". */
void lx_apply_set(lua_State *L, ExopkStudy *s, size_t arm, int idx, const char *what);
/* The rank of a set name in that order (0 "at" ... 5 "offered*", 6 paths). */
int lx_set_rank(const char *name);

/* The module (package.preload["exopk"] of the script host). */
int luaopen_exopk(lua_State *L);

/* The optimiser bindings (lexopk-opt.c). */
int lx_optimize(lua_State *L);
int lx_pareto(lua_State *L);


/* The time series of @res as `exopk simulate -o` writes it (header
 * `time [h],name [unit],...`, values "%.10g"), atomically. */
ExopkStatus lx_write_series_csv(const ExopkResult *res, const char *path, ExopkError *err);

#endif
