/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-lua: loading study files and the parameter library.
 *
 * Study files and data files are other people's data: they run in a fresh,
 * sandboxed lua_State (text chunks only, a memory limit, an instruction
 * limit, and an environment of assert error ipairs next pairs select
 * tonumber tostring type pcall math string table utf8 only).  Every error
 * reads `FILE:LINE: PATH: message` (`FILE: PATH: message` when the line
 * cannot be told), FILE being the path as the caller gave it.
 *
 * No Lua type appears here.  Each call builds and closes its own
 * lua_State, so calls are safe from several threads at once (each
 * ExopkError / callback is the caller's).
 */
#ifndef EXOPK_LUA_H
#define EXOPK_LUA_H

#include <stddef.h>

#include "exopk/error.h"
#include "exopk/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Receives a warning (dose past the horizon, ...), without the "warning: "
 * prefix: the CLI prints "warning: %s\n" to stderr.  @message is borrowed
 * for the duration of the call. */
typedef void (*ExopkWarnFn)(const char *message, void *data);

/* Loads the study file @path, reading the parameter library from
 * @data_dir (species/, carriers/, loading/, agents/, tumours/), and
 * resolves it (exopk_study_resolve).  @warn may be NULL.  Returns the study
 * (transfer full: exopk_study_free) or NULL and @err (EXOPK_EINVAL for bad
 * input, EXOPK_EIO when @path cannot be read, EXOPK_ENOMEM). */
ExopkStudy *exopk_lua_load_study(const char *path, const char *data_dir, ExopkWarnFn warn,
                                 void *warn_data, ExopkError *err);

/* The same for a study held in memory; @chunkname is the FILE of messages
 * (e.g. "study.lua"). */
ExopkStudy *exopk_lua_load_study_buffer(const char *text, size_t len, const char *chunkname,
                                        const char *data_dir, ExopkWarnFn warn,
                                        void *warn_data, ExopkError *err);

/* One parameter of the library, for `exopk params`.  Every pointer is
 * borrowed for the duration of the callback. */
typedef struct {
    const char *path;        /* "carrier.msc.k_pt", "doxorubicin.cl",
                                "loading.electroporation.ee0.doxorubicin",
                                "tumour.mda_mb_231.ic50.doxorubicin",
                                "species.plasma_volume" (subject, derived) */
    const char *unit;        /* as written in the file ("" when none) */
    const char *engine_unit; /* "1/h", "L", ... */
    const char *grade;       /* "S" "M" "W" "assumed" "derived", or "default"
                                (an optional field the file leaves out) */
    const char *flag;        /* "✔" "◐" "✱" or "" */
    const char *source;      /* "" when none; for derived and default rows
                                the descriptor's description */
    double value;            /* as written (NAN for derived rows) */
    double engine_value;     /* in engine_unit (NAN for derived rows) */
    double range_lo, range_hi; /* as written, in @unit; NAN if none */
    double effective;        /* for the default study's subject */
    int has_effective;       /* 0 when the default study does not use it */
} ExopkParamRow;

/* Calls @row for every parameter of the library under @data_dir whose path
 * contains @pattern (plain substring, case-insensitive; NULL or "" for
 * all), in a stable order: species, subject, carriers, loading methods,
 * agents, tumours, each by file name then descriptor order (ee0,
 * lumen_conc_max and ic50 entries by name).  Effective values come from
 * @data_dir/examples/default.lua when it loads (when it does not, rows
 * have has_effective = 0).  A malformed data file is EXOPK_EINVAL naming
 * the file and field; nothing is reported for it before the error. */
ExopkStatus exopk_lua_list_params(const char *data_dir, const char *pattern,
                                  void (*row)(const ExopkParamRow *r, void *data), void *data,
                                  ExopkError *err);

#ifdef __cplusplus
}
#endif
#endif
