/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk-lua internals: the sandbox, the source locator, data files. */
#ifndef LEXOPK_PRIVATE_H
#define LEXOPK_PRIVATE_H

#include <stddef.h>

#include <lua.h>

#include "exopk/study.h"
#include "exopk-lua.h"

#define LX_MEMORY_LIMIT ((size_t) 64 << 20)  /* bytes per lua_State */
#define LX_INSTRUCTION_LIMIT 10000000L       /* VM instructions per file */
#define LX_HOOK_STEP 1000                    /* instructions between hook calls */
#define LX_CLOCK_BYTES ((size_t) 1 << 20)    /* allocated bytes between clock checks */
#define LX_PATTERN_STEPS 1e8                 /* worst-case matcher steps per call */
#define LX_MOVE_MAX ((lua_Integer) 1 << 22)  /* elements per table.move */
#define LX_UNPACK_MAX 65536                  /* values per table.unpack */

/* --- sandbox (sandbox.c) ---------------------------------------------- */

/* Lives on the C stack of the public entry point; the allocator's ud and
 * the state's extra space point to it. */
typedef struct {
    lua_State *L;
    size_t used, limit;
    int mem_refused;          /* the last allocation was refused */
    char mem_where[300];      /* "FILE:LINE" of the Lua code that asked, or "" */
    long count;               /* instructions of the running file */
    int timed_out;            /* instruction limit (sticky) */
    int cpu_out;              /* CPU-time budget spent (sticky) */
    int too_big;              /* a bounded library call refused its size (sticky) */
    int oom;                  /* out of memory inside a library call (sticky) */
    double cpu_limit;         /* seconds of thread CPU time for the whole load */
    double cpu_start;         /* thread CPU time at open */
    size_t since_clock;       /* bytes allocated since the last clock check */
    char cur_file[1024];      /* FILE of the document running (or last run): a copy,
                                 since an error unwinds past the caller's buffer */
    const char *cur_what;     /* "study file" or "data file" */
} LxSandbox;

/* A fresh state with the memory limit and the CPU-time budget
 * (exopk_lua_load_timeout(), counted from here), or NULL (out of memory). */
lua_State *lx_sandbox_open(LxSandbox *sb);
void lx_sandbox_close(LxSandbox *sb);

/* A text (or a file under the registry cache) that errors can point into. */
typedef struct {
    const char *file;         /* FILE of messages, as the user gave it */
    const char *src;          /* the source text (borrowed) */
    size_t len;
    const char *what;         /* "data file"; NULL: "study file" */
} LxDoc;

/* Runs @doc in a fresh sandboxed environment; pushes the table it
 * returns.  Raises "FILE: must return a table, got X" and Lua's errors. */
void lx_run_doc(lua_State *L, const LxDoc *doc);

/* Runs @fn(L) (with @ud as light userdata argument 1) under lua_pcall.
 * On failure fills @err with the message (a memory or instruction limit
 * turns into its own message; @file names the main file where the message
 * cannot) and returns the error status. */
ExopkStatus lx_protected(LxSandbox *sb, lua_CFunction fn, void *ud, const char *file,
                         ExopkError *err);

/* Raises "FILE:LINE: PATH: message" (line by lx_locate of @path and
 * @value; @value may be NULL).  @path may be NULL or "" (no PATH part). */
int lx_fail(lua_State *L, const LxDoc *doc, const char *path, const char *value,
            const char *fmt, ...) __attribute__((format(printf, 5, 6), noreturn));

/* Formats "FILE:LINE: PATH: " (or "FILE: PATH: ") into @buf. */
void lx_where(char *buf, size_t size, const LxDoc *doc, const char *path, const char *value);

/* --- locating paths in source text (locate.c) ------------------------- */

/* Best effort line of @path ("arms.exodox[1].dose", "params[\"a.b\"]") in
 * @doc: the key tokens are followed through the table constructors; then
 * @value (a string value, may be NULL) is looked for as a string literal
 * in what was found.  Returns the line (1-based) or 0; *offset (may be
 * NULL) gets the byte offset of what was found, or (size_t) -1. */
int lx_locate(const LxDoc *doc, const char *path, const char *value, size_t *offset);

/* The locator's index of a text (every `k =` and `["k"] =`): built in one
 * pass, so that locating many paths stays linear in the text's size.
 * NULL when out of memory or the text is too deeply nested or has too
 * many keys (lx_locate then finds no line).  The text is borrowed. */
typedef struct LxIndex LxIndex;
LxIndex *lx_index_new(const char *src, size_t len);
void lx_index_free(LxIndex *ix);   /* NULL-safe */

/* Keeps an index of @doc's text for lx_locate on this thread until
 * lx_index_drop(@doc) (without it every lx_locate lexes the whole text).
 * Returns 0, or -1 (no index: lookups still work, each one lexing). */
int lx_index_keep(const LxDoc *doc);
void lx_index_drop(const LxDoc *doc);

/* --- names ------------------------------------------------------------ */

#define LX_MAX_NAMES 256
typedef struct {
    size_t n;
    char name[LX_MAX_NAMES][EXOPK_NAME_MAX];
} LxNames;

/* The base names of the .lua files in DIR, sorted (pure C, never raises). */
void lx_list_dir(const char *dir, LxNames *out);

/* Appends " (did you mean \"x\"?)" or " (available: a, b, c)" or
 * " (none available)" for @word among @names to @buf. */
void lx_suggest(char *buf, size_t size, const char *word, const char *const *names, size_t n);

/* --- data files (datafile.c) ------------------------------------------ */

typedef enum {
    LX_DATA_SPECIES, LX_DATA_CARRIER, LX_DATA_LOADING, LX_DATA_AGENT, LX_DATA_TUMOUR,
    LX_DATA_LIGAND, LX_DATA_COUNT
} LxDataKind;

const char *lx_data_dir_name(LxDataKind kind);   /* "species", "carriers", ... */
const char *lx_data_noun(LxDataKind kind);       /* "species", "carrier", ... */
ExopkParamGroup lx_data_group(LxDataKind kind);

/* One numeric entry of a data file, checked. Strings are borrowed from the
 * Lua table (alive while the table is). */
typedef struct {
    double value, engine;
    const char *unit, *grade, *flag, *source;
    double lo, hi;            /* NAN if none */
} LxEntry;

/* Loads, checks and caches data file @name of @kind: pushes its table.
 * Raises naming the file and field if it is malformed; if there is no
 * such file, "unknown species "x" (did you mean ...)" at @from_path of
 * @from_doc (when @from_doc is not NULL).  @data_dir is the library. */
void lx_data_load(lua_State *L, const char *data_dir, LxDataKind kind, const char *name,
                  const LxDoc *from_doc, const char *from_path);

/* Fills the record of @kind (ExopkSpecies, ExopkCarrier, ...) from the
 * checked data table at @idx (defaults for optional fields). */
void lx_data_fill(lua_State *L, int idx, LxDataKind kind, const char *name, void *record);

extern const char *const lx_class_names[EXOPK_CLASS_COUNT];

/* Parses @entry (at @idx, a data entry table) of kind @kind; raises with
 * doc/path on error. */
void lx_entry_read(lua_State *L, int idx, ExopkUnitKind kind, const LxDoc *doc,
                   const char *path, LxEntry *e);

/* DATA_DIR/<group dir>[/NAME.lua] into @buf. */
void lx_data_path(char *buf, size_t size, const char *data_dir, LxDataKind kind,
                  const char *name);

/* --- the study (study-load.c) ----------------------------------------- */

typedef struct {
    LxDoc doc;
    const char *data_dir;
    ExopkStudy *study;        /* owned by the caller of the pcall */
    ExopkWarnFn warn;
    void *warn_data;
} LxStudyLoad;

/* lua_CFunction for lx_protected: walks the study; argument 1 is a light
 * userdata LxStudyLoad. */
int lx_study_walk(lua_State *L);

/* Case helpers */
int lx_valid_name(const char *s);

#endif
