/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-lua: loading study files and the parameter library.
 *
 * Study files and data files are other people's data: they run in a fresh,
 * sandboxed lua_State (text chunks only, a memory limit, an instruction
 * limit, a CPU-time budget (exopk_lua_set_load_timeout), library functions
 * that could loop long in C bounded, and an environment of assert error ipairs next pairs select
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
#include <stdio.h>

#include "exopk/error.h"
#include "exopk/optimize.h"
#include "exopk/study.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The parameter library every host uses: $EXOPK_DATA_DIR when set and not
 * empty; else, when the running executable (or the Lua module's file) lies
 * inside the build directory meson configured, the source tree's data/ (a
 * build tree runs on its own sources); else the installed copy
 * (PREFIX/share/exopk), even when the checkout still exists.  Borrowed (the
 * environment or a constant); safe from any thread while nobody calls
 * setenv. */
const char *exopk_lua_data_dir(void);

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

/* --- the CPU-time budget of a load ---------------------------------------- */

/* Seconds of CPU time (of the calling thread) that one load may take: the
 * study file, the data files it reads and the checks, together.  A study
 * over budget fails with EXOPK_EINVAL "FILE: the study file took more than
 * S s of CPU time to load (limit: --load-timeout)". */
#define EXOPK_LUA_LOAD_TIMEOUT 5.0

/* Sets the budget of every later load, process-wide (any thread; loads
 * already running keep theirs).  EXOPK_EINVAL unless 0 < @seconds <= 86400. */
ExopkStatus exopk_lua_set_load_timeout(double seconds, ExopkError *err);
/* The budget in force (EXOPK_LUA_LOAD_TIMEOUT until set). */
double exopk_lua_load_timeout(void);

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

/* One library parameter with a published range, as a study uses it.  Every
 * pointer is borrowed for the duration of the callback. */
typedef struct {
    const char *path;         /* the study's path ("species.body_weight") */
    const char *library_path; /* the library's ("species.mouse.body_weight") */
    double library_value;     /* as written in the library, in its unit */
    double value;             /* the study's value (arm @arm), engine unit */
    double lo, hi;            /* the range relative to the library value,
                                 applied to @value: LOW x value / library */
    int overridden;           /* the study sets it in `params` */
} ExopkLibraryRange;

/* Calls @range for every library parameter (under @data_dir) with a
 * published range 0 < LOW <= HIGH that @study uses (its species, tumour,
 * agents and its formulations' carriers and loading methods, any arm),
 * in exopk_lua_list_params() order, with the study's value in arm @arm
 * (> 0; rows whose value is not are left out).  EXOPK_EINVAL for a
 * malformed library or no arm @arm. */
ExopkStatus exopk_lua_library_ranges(const ExopkStudy *study, size_t arm, const char *data_dir,
                                     void (*range)(const ExopkLibraryRange *r, void *data),
                                     void *data, ExopkError *err);


/* --- writing a study file (exopk.save, the GUI's Save) --------------------- */

/* Writes @study as a study file that exopk_lua_load_study() reads back to
 * an equal study: same subject, formulations, arms and dosing lines (a dose
 * keeps the text the user wrote; one set numerically is written as
 * "<amount> particles" or "<amount> nmol"), overrides (in the engine unit
 * of their descriptor) and solver settings; quantities with units, times in
 * h or d.  Every number reads back to the same double, except a
 * formulation dose set numerically in nmol of cargo, which only a string
 * can say and the unit conversion may round by one ulp.  Atomic: writes "@path.tmp.PID.N" next to @path, then renames it
 * (on failure removes it).  Formulations and arms come out in the study's
 * order, which the loader keeps.  EXOPK_EIO when the file cannot be
 * written.  Pure C (no lua_State): any thread, one study at a time. */
ExopkStatus exopk_lua_write_study(const ExopkStudy *study, const char *path, ExopkError *err);

/* The same text to an open stream (not atomic; for previews).  Write
 * errors are the caller's to check with ferror(). */
ExopkStatus exopk_lua_write_study_fp(const ExopkStudy *study, FILE *fp, ExopkError *err);

/* --- the script host (`exopk run`) ----------------------------------------- */

/* Runs the trusted script @path in a fresh lua_State with all standard
 * libraries, `require "exopk"` (the scripting API of docs/lua-api.md) reading
 * the parameter library from @data_dir (NULL: $EXOPK_DATA_DIR, else the
 * source tree's data/ in a build tree, else the installed one), the global
 * `arg` ({ [0] = @path, @argv... }, as the lua interpreter makes it) and
 * @argv as the chunk's `...`.  The state is closed before returning.
 * Returns EXOPK_OK; EXOPK_EIO when @path cannot be read ("cannot open
 * PATH"); EXOPK_EINVAL when it does not compile ("PATH:LINE: message");
 * EXOPK_ECALLBACK when the script raises: @err gets "PATH:LINE: message"
 * and the traceback (whole lines cut to fit, ending in "\n\t..."). */
ExopkStatus exopk_lua_run_script(const char *path, int argc, char **argv, const char *data_dir,
                                 ExopkError *err);

/* --- a robust exopk.optimize with its subjects spread (exopk run, MPI) ------ */

/* How exopk.optimize with a population hands each candidate's subjects to
 * others (the CLI over MPI ranks, docs/mpi.md); the Lua layer knows no
 * MPI.  Called on the script's thread. */
typedef struct {
    /* Before the search: readies the others for @p (its study, arm,
     * variables, metrics, population; the spec from @study's
     * variability and the library under @data_dir).  0, or -1 and @err
     * (the Lua error). */
    int (*begin)(void *data, const ExopkOptProblem *p, const char *data_dir, ExopkError *err);
    /* ExopkOptProblem.spread, between begin and end. */
    int (*subjects)(void *data, const double *x, long n, double *values);
    /* After the search: 0, or -1 and @err when the spreading failed (the
     * search was cancelled; the Lua error names what failed). */
    int (*end)(void *data, ExopkError *err);
    void *data;
} ExopkLuaSpreader;

/* Every later robust exopk.optimize (not exopk.pareto, nor one called
 * from another's progress function) in this process spreads its subjects
 * with @s (copied; NULL: none, the default). */
void exopk_lua_set_population_spreader(const ExopkLuaSpreader *s);

#ifdef __cplusplus
}
#endif
#endif
