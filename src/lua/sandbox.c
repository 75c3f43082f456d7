/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sandbox for study and data files: a fresh lua_State per call with a
 * counting allocator (memory limit), an instruction-count hook, and, per
 * file, an _ENV holding only an allow-list.  Everything that touches Lua
 * runs under one lua_pcall (lx_protected); C code that owns malloc'd memory
 * never sits below a function that may raise. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lexopk-private.h"

/* The CPU-time budget of a load, in seconds (exopk_lua_set_load_timeout). */
static _Atomic double load_timeout = EXOPK_LUA_LOAD_TIMEOUT;

ExopkStatus
exopk_lua_set_load_timeout(double seconds, ExopkError *err)
{
    if (!(seconds > 0 && seconds <= 86400))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "load timeout: expected seconds in (0, 86400], got %g", seconds);
    atomic_store(&load_timeout, seconds);
    return EXOPK_OK;
}

double
exopk_lua_load_timeout(void)
{
    return atomic_load(&load_timeout);
}

static LxSandbox *
sandbox_of(lua_State *L)
{
    return *(LxSandbox **) lua_getextraspace(L);
}

/* CPU time of the calling thread: batch loads studies on worker threads,
 * and each load's budget is its own. */
static double
thread_cpu(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* Sets and returns the sticky cpu_out once the budget is spent. */
static int
over_time(LxSandbox *sb)
{
    sb->since_clock = 0;
    if (!sb->cpu_out && thread_cpu() - sb->cpu_start > sb->cpu_limit)
        sb->cpu_out = 1;
    return sb->cpu_out;
}

/* Notes where in the Lua code the refused allocation came from (a refusal
 * outside any Lua function keeps the previous note).  Only reads the call
 * stack: lua_getstack and lua_getinfo "Sl" do not allocate. */
static void
note_where(LxSandbox *sb)
{
    lua_Debug ar;

    if (sb->L == NULL)
        return;
    for (int level = 0; level < 16 && lua_getstack(sb->L, level, &ar); level++) {
        if (lua_getinfo(sb->L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@') {
            snprintf(sb->mem_where, sizeof sb->mem_where, "%s:%d", ar.source + 1,
                     ar.currentline);
            return;
        }
    }
}

static void *
lx_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    LxSandbox *sb = ud;
    void *p;

    if (ptr == NULL)
        osize = 0;               /* osize then encodes the object type */
    if (nsize == 0) {
        free(ptr);
        sb->used -= osize;
        return NULL;
    }
    /* Lua assumes shrinking never fails: refuse only growth.  Growth is
     * also charged to the clock, so churn (allocating and freeing in a
     * loop, which the instruction hook barely sees) runs out of time. */
    if (nsize > osize && (sb->since_clock += nsize - osize) >= LX_CLOCK_BYTES && over_time(sb))
        return NULL;
    if (sb->cpu_out && nsize > osize)
        return NULL;
    if (nsize > osize && nsize - osize > sb->limit - sb->used) {
        sb->mem_refused = 1;
        note_where(sb);
        return NULL;
    }
    p = realloc(ptr, nsize);
    if (p == NULL) {
        sb->mem_refused = 1;
        note_where(sb);
        return NULL;
    }
    sb->used = sb->used - osize + nsize;
    sb->mem_refused = 0;   /* an emergency collection made room after all */
    return p;
}

/* Every LX_HOOK_STEP instructions.  Once over the limit it raises at each
 * call, so a script cannot outrun it (and the sandbox's pcall re-raises). */
static void
lx_hook(lua_State *L, lua_Debug *ar)
{
    LxSandbox *sb = sandbox_of(L);

    sb->count += LX_HOOK_STEP;
    if (over_time(sb)) {
        lua_pushliteral(L, "CPU time");  /* lx_protected writes the message */
        lua_error(L);
    }
    if (sb->count < LX_INSTRUCTION_LIMIT)
        return;
    sb->timed_out = 1;
    if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0 && ar->source[0] == '@')
        lua_pushfstring(L, "%s:%d: took too long (instruction limit)", ar->source + 1,
                        ar->currentline);
    else
        lua_pushstring(L, "took too long (instruction limit)");
    lua_error(L);
}

lua_State *
lx_sandbox_open(LxSandbox *sb)
{
    memset(sb, 0, sizeof *sb);
    sb->limit = LX_MEMORY_LIMIT;
    sb->cpu_limit = exopk_lua_load_timeout();
    sb->cpu_start = thread_cpu();
    sb->L = lua_newstate(lx_alloc, sb);
    if (sb->L == NULL)
        return NULL;
    *(LxSandbox **) lua_getextraspace(sb->L) = sb;
    lua_sethook(sb->L, lx_hook, LUA_MASKCOUNT, LX_HOOK_STEP);
    return sb->L;
}

void
lx_sandbox_close(LxSandbox *sb)
{
    if (sb->L != NULL)
        lua_close(sb->L);
    sb->L = NULL;
}

/* pcall for sandboxed code: like the standard one, except that the limits
 * cannot be caught: after a memory or instruction-limit error it re-raises. */
static int
sandbox_pcall(lua_State *L)
{
    LxSandbox *sb = sandbox_of(L);
    int status;

    luaL_checkany(L, 1);
    status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (status != LUA_OK && (sb->timed_out || sb->mem_refused || sb->cpu_out || sb->too_big || sb->oom ||
                             status == LUA_ERRMEM))
        return lua_error(L);
    luaL_checkstack(L, 1, NULL);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
}

/* --- library functions that loop in C ------------------------------------
 * The hook counts VM instructions only: one call of string.rep, table.move,
 * a backtracking pattern ... is one instruction however long it runs in C.
 * So every function of string, table and utf8 is called through a guard
 * that checks the CPU-time budget when it returns, and those whose single
 * call can run long are bounded before they start:
 *   string.rep      the result must fit in the memory left;
 *   table.move      at most LX_MOVE_MAX elements per call;
 *   table.unpack    at most LX_UNPACK_MAX values;
 *   find, match, gmatch, gsub: the worst case of Lua's backtracking
 *                   matcher, (starts) x n^q x 2^o steps for a subject of n
 *                   bytes and a pattern with q items * + - %b and o items
 *                   ?, must stay under LX_PATTERN_STEPS (plain finds:
 *                   n x m byte compares under 64 times that).
 * string.format needs nothing: Lua allows widths of 2 digits at most.
 * table.concat and table.sort work on elements that exist (bounded by the
 * memory limit).  The originals stay in the hidden libraries, so Lua's
 * "bad argument #1 to 'string.rep'" messages still name them. */

/* Pushes "FILE:LINE: " of the nearest Lua caller, or "FILE: " of the
 * running document. */
static void
push_where(lua_State *L)
{
    LxSandbox *sb = sandbox_of(L);
    lua_Debug ar;

    for (int level = 1; lua_getstack(L, level, &ar); level++)
        if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && ar.source[0] == '@') {
            lua_pushfstring(L, "%s:%d: ", ar.source + 1, ar.currentline);
            return;
        }
    lua_pushfstring(L, "%s: ", sb->cur_file[0] != '\0' ? sb->cur_file : "?");
}

/* Raises "FILE:LINE: fn: message"; marks the sandbox so that pcall cannot
 * catch it. */
static int
refuse(lua_State *L, const char *fn, const char *fmt, ...)
{
    char msg[300];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sandbox_of(L)->too_big = 1;
    push_where(L);
    lua_pushfstring(L, "%s: %s", fn, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

/* Calls the original (upvalue 1) with all arguments, then checks the clock.
 * Its errors get the place of the Lua caller (Lua's own luaL_where sees
 * this C function there). */
static int
guarded(lua_State *L)
{
    LxSandbox *sb = sandbox_of(L);
    int n = lua_gettop(L), status;

    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    status = lua_pcall(L, n, LUA_MULTRET, 0);
    if (status == LUA_ERRMEM)
        sb->oom = 1;
    if (status == LUA_OK && !over_time(sb))
        return lua_gettop(L);
    if (sb->cpu_out) {
        lua_pushliteral(L, "CPU time");
    } else if (lua_type(L, -1) == LUA_TSTRING && !sb->oom && !sb->timed_out) {
        const char *msg = lua_tostring(L, -1);
        const char *colon = strchr(msg, ':');

        /* "FILE:LINE: ..." from a Lua callback keeps its place */
        if (colon == NULL || colon[1] < '0' || colon[1] > '9') {
            push_where(L);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
    }
    return lua_error(L);
}
static int
safe_rep(lua_State *L)
{
    LxSandbox *sb = sandbox_of(L);
    size_t l, lsep = 0;
    lua_Integer n;
    double total;

    luaL_checklstring(L, 1, &l);
    n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    total = n <= 0 ? 0 : (double) n * (double) l + (double) (n - 1) * (double) lsep;
    if (total == 0) {   /* rep("", huge) would loop huge times to make "" */
        lua_pushliteral(L, "");
        return 1;
    }
    if (total > (double) (sb->limit - sb->used)) {
        sb->oom = 1;          /* as if the allocation had been refused */
        note_where(sb);
        lua_pushliteral(L, "not enough memory");
        return lua_error(L);
    }
    return guarded(L);
}

static int
safe_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);

    if (e >= f && (f <= 0 ? e > LX_MOVE_MAX + f : e - f >= LX_MOVE_MAX))
        return refuse(L, "table.move", "more than %lld elements", (long long) LX_MOVE_MAX);
    return guarded(L);
}

static int
safe_unpack(lua_State *L)
{
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer e = lua_isnoneornil(L, 3) ? (lua_Integer) luaL_len(L, 1) : luaL_checkinteger(L, 3);

    if (e >= i && (i <= 0 ? e > LX_UNPACK_MAX + i : e - i >= LX_UNPACK_MAX))
        return refuse(L, "table.unpack", "more than %d values", LX_UNPACK_MAX);
    return guarded(L);
}

/* Skips a set "[...]" starting at p[0] == '['; returns past its ']'. */
static const char *
skip_set(const char *p, const char *end)
{
    p++;
    if (p < end && *p == '^')
        p++;
    do {                           /* a ']' first is a member */
        if (p < end && *p == '%')
            p++;
        if (p < end)
            p++;
    } while (p < end && *p != ']');
    return p < end ? p + 1 : end;
}

/* Worst-case steps of matching @pat over @n bytes (see above). */
static double
pattern_cost(const char *pat, size_t m, double n)
{
    const char *p = pat, *end = pat + m;
    double cost = 1;
    int anchored = p < end && *p == '^';

    p += anchored;
    while (p < end) {
        int multi = 0;

        if (*p == '(' || *p == ')') {
            p++;
            continue;
        }
        if (*p == '%' && p + 1 < end && p[1] == 'b') {
            p += 4;
            multi = 1;
        } else if (*p == '%' && p + 1 < end && p[1] == 'f') {
            p = p + 2 < end && p[2] == '[' ? skip_set(p + 2, end) : end;
            continue;
        } else if (*p == '[') {
            p = skip_set(p, end);
        } else {
            p += *p == '%' ? 2 : 1;
        }
        if (p < end && (*p == '*' || *p == '+' || *p == '-')) {
            multi = 1;
            p++;
        } else if (p < end && *p == '?') {
            cost *= 2;
            p++;
        }
        cost *= multi ? n + 1 : 1;
        cost += 1;
    }
    return anchored ? cost : cost * (n + 1);
}

/* Bounds string.find/match/gmatch/gsub (upvalue 2: the function's name). */
static int
safe_pattern(lua_State *L)
{
    const char *fn = lua_tostring(L, lua_upvalueindex(2));
    size_t n, m;
    const char *pat;
    lua_Integer init;
    double cost;

    luaL_checklstring(L, 1, &n);
    pat = luaL_checklstring(L, 2, &m);
    init = strcmp(fn, "string.gsub") != 0 ? luaL_optinteger(L, 3, 1) : 1;
    if (init < 0)
        init = (lua_Integer) n + init + 1;
    if (init > 1)
        n -= init - 1 <= (lua_Integer) n ? (size_t) (init - 1) : n;
    if (strcmp(fn, "string.find") == 0 &&
        (lua_toboolean(L, 4) || strpbrk(pat, "^$*+?.([%-") == NULL)) {
        cost = (double) n * (double) m / 64;   /* memchr and memcmp */
    } else {
        cost = pattern_cost(pat, m, (double) n);
    }
    if (cost > LX_PATTERN_STEPS)
        return refuse(L, fn, "pattern too costly for a %zu-byte subject "
                      "(worst case %.3g steps, limit %.3g)", n, cost, LX_PATTERN_STEPS);
    return guarded(L);
}

/* Builds the guarded copy of library @name into the registry as
 * "exopk.safe.NAME" (a table the environments copy from). */
static void
guard_lib(lua_State *L, const char *name)
{
    static const struct { const char *lib, *fn; lua_CFunction f; } special[] = {
        { "string", "rep", safe_rep },         { "table", "move", safe_move },
        { "table", "unpack", safe_unpack },    { "string", "find", safe_pattern },
        { "string", "match", safe_pattern },   { "string", "gmatch", safe_pattern },
        { "string", "gsub", safe_pattern },
    };

    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_getfield(L, -1, name);                         /* [G lib] */
    lua_newtable(L);                                   /* [G lib safe] */
    lua_pushnil(L);
    while (lua_next(L, -3) != 0) {                     /* [G lib safe k v] */
        lua_CFunction f = guarded;
        int nup = 1;

        if (lua_type(L, -1) != LUA_TFUNCTION || lua_type(L, -2) != LUA_TSTRING) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -4);
            continue;
        }
        for (size_t i = 0; i < sizeof special / sizeof *special; i++)
            if (strcmp(special[i].lib, name) == 0 && strcmp(special[i].fn, lua_tostring(L, -2)) == 0)
                f = special[i].f;
        if (f == safe_pattern) {
            lua_pushfstring(L, "%s.%s", name, lua_tostring(L, -2));
            nup = 2;
        }
        lua_pushcclosure(L, f, nup);                   /* [G lib safe k closure] */
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);                             /* [G lib safe k] */
    }
    lua_pushfstring(L, "exopk.safe.%s", name);
    lua_insert(L, -2);
    lua_rawset(L, LUA_REGISTRYINDEX);                  /* [G lib] */
    lua_pop(L, 2);
}

/* Opens the allowed libraries once per state (into the hidden globals). */
static void
open_libs(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "exopk.libs");
    if (lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 1);
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    /* The string metatable's __index is this very table: take dump out of
     * it, not only out of the copy. */
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_pop(L, 5);
    guard_lib(L, LUA_STRLIBNAME);
    guard_lib(L, LUA_TABLIBNAME);
    guard_lib(L, LUA_UTF8LIBNAME);
    /* Methods of strings ("x"):rep(n) go through the guarded table too. */
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getfield(L, LUA_REGISTRYINDEX, "exopk.safe.string");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);
    lua_pushboolean(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, "exopk.libs");
}

/* Pushes a fresh environment: the allow-list, libraries copied. */
static void
push_env(lua_State *L)
{
    static const char *const base[] = {
        "assert", "error", "ipairs", "next", "pairs", "select", "tonumber", "tostring",
        "type", NULL
    };
    static const char *const libs[] = { "math", "string", "table", "utf8", NULL };

    luaL_checkstack(L, 8, NULL);
    open_libs(L);
    lua_createtable(L, 0, 16);                         /* [env] */
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); /* [env G] */
    for (int i = 0; base[i] != NULL; i++) {
        lua_getfield(L, -1, base[i]);                  /* [env G f] */
        lua_setfield(L, -3, base[i]);                  /* [env G] */
    }
    lua_pushcfunction(L, sandbox_pcall);
    lua_setfield(L, -3, "pcall");
    for (int i = 0; libs[i] != NULL; i++) {
        /* math as is; string, table, utf8 guarded */
        if (strcmp(libs[i], "math") == 0) {
            lua_getfield(L, -1, libs[i]);              /* [env G lib] */
        } else {
            lua_pushfstring(L, "exopk.safe.%s", libs[i]);
            lua_rawget(L, LUA_REGISTRYINDEX);          /* [env G lib] */
        }
        lua_newtable(L);                               /* [env G lib copy] */
        lua_pushnil(L);
        while (lua_next(L, -3) != 0) {                 /* [env G lib copy k v] */
            lua_pushvalue(L, -2);                      /* [... k v k] */
            lua_insert(L, -2);                         /* [... k k v] */
            lua_rawset(L, -4);                         /* [env G lib copy k] */
        }
        lua_setfield(L, -4, libs[i]);                  /* [env G lib] */
        lua_pop(L, 1);                                 /* [env G] */
    }
    lua_pop(L, 1);                                     /* [env] */
}

void
lx_run_doc(lua_State *L, const LxDoc *doc)
{
    LxSandbox *sb = sandbox_of(L);
    char prev_file[sizeof ((LxSandbox *) 0)->cur_file];
    const char *prev_what;
    int status;

    luaL_checkstack(L, 4, NULL);
    lua_pushfstring(L, "@%s", doc->file);              /* [chunkname] */
    status = luaL_loadbufferx(L, doc->src, doc->len, lua_tostring(L, -1), "t");
    if (status != LUA_OK) {                            /* [chunkname msg] */
        const char *msg = lua_tostring(L, -1);
        size_t n = strlen(doc->file);

        if (status == LUA_ERRMEM || msg == NULL)
            lua_error(L);
        /* Syntax errors start with the chunk name; "attempt to load a
         * binary chunk" does not. */
        if (strncmp(msg, doc->file, n) != 0 || msg[n] != ':')
            lua_pushfstring(L, "%s: %s", doc->file, msg);
        lua_error(L);
    }
    lua_remove(L, -2);                                 /* [chunk] */
    push_env(L);                                       /* [chunk env] */
    lua_setupvalue(L, -2, 1);                          /* [chunk]  _ENV = env */
    sb->count = 0;                                     /* per-file budget */
    snprintf(prev_file, sizeof prev_file, "%s", sb->cur_file);
    prev_what = sb->cur_what;
    snprintf(sb->cur_file, sizeof sb->cur_file, "%s", doc->file); /* names errors without a place */
    sb->cur_what = doc->what != NULL ? doc->what : "study file";
    lua_call(L, 0, 1);                                 /* [result] */
    snprintf(sb->cur_file, sizeof sb->cur_file, "%s", prev_file);
    sb->cur_what = prev_what;
    if (!lua_istable(L, -1))
        lx_fail(L, doc, NULL, NULL, "must return a table (got %s)", luaL_typename(L, -1));
}

void
lx_where(char *buf, size_t size, const LxDoc *doc, const char *path, const char *value)
{
    int line = path != NULL || value != NULL ? lx_locate(doc, path, value, NULL) : 0;
    int has_path = path != NULL && path[0] != '\0';

    if (line > 0)
        snprintf(buf, size, "%s:%d: %s%s", doc->file, line, has_path ? path : "",
                 has_path ? ": " : "");
    else
        snprintf(buf, size, "%s: %s%s", doc->file, has_path ? path : "", has_path ? ": " : "");
}

int
lx_fail(lua_State *L, const LxDoc *doc, const char *path, const char *value, const char *fmt,
        ...)
{
    char where[400], msg[600];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx_where(where, sizeof where, doc, path, value);
    lua_pushfstring(L, "%s%s", where, msg);
    lua_error(L);
    abort(); /* not reached */
}

/* Does @msg start with a file name ("FILE:" for @file, or "....lua:")? */
static int
names_file(const char *msg, const char *file)
{
    size_t n = file != NULL ? strlen(file) : 0;
    const char *colon = strchr(msg, ':');

    if (n > 0 && strncmp(msg, file, n) == 0 && msg[n] == ':')
        return 1;
    return colon != NULL && colon - msg >= 4 && strncmp(colon - 4, ".lua", 4) == 0 &&
           memchr(msg, ' ', (size_t) (colon - msg)) == NULL;
}

ExopkStatus
lx_protected(LxSandbox *sb, lua_CFunction fn, void *ud, const char *file, ExopkError *err)
{
    lua_State *L = sb->L;
    const char *where;
    int status;

    snprintf(sb->cur_file, sizeof sb->cur_file, "%s", file);
    sb->cur_what = "study file";
    lua_settop(L, 0);
    lua_pushcfunction(L, fn);
    lua_pushlightuserdata(L, ud);
    status = lua_pcall(L, 1, 0, 0);
    if (status == LUA_OK)
        return EXOPK_OK;
    where = sb->cur_file[0] != '\0' ? sb->cur_file : file;
    if (sb->cpu_out)
        return exopk_error_set(err, EXOPK_EINVAL, "%s: the %s took more than %g s of CPU time "
                               "to load (limit: --load-timeout)", where, sb->cur_what,
                               sb->cpu_limit);
    if (sb->timed_out || sb->too_big) {
        const char *msg = lua_tostring(L, -1);

        if (msg == NULL)
            msg = sb->too_big ? "memory limit exceeded" : "took too long (instruction limit)";
        if (names_file(msg, where))
            return exopk_error_set(err, EXOPK_EINVAL, "%s", msg);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: %s", where, msg);
    }
    if (status == LUA_ERRMEM || sb->mem_refused || sb->oom) {
        if (sb->mem_where[0] != '\0')
            return exopk_error_set(err, EXOPK_EINVAL, "%s: memory limit exceeded (%zu MiB)",
                                   sb->mem_where, sb->limit >> 20);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: memory limit exceeded (%zu MiB)",
                               where, sb->limit >> 20);
    }
    switch (lua_type(L, -1)) {
    case LUA_TSTRING: {
        const char *msg = lua_tostring(L, -1);

        /* error("x", 0) and errors raised from C carry no place */
        if (names_file(msg, where) || names_file(msg, file))
            return exopk_error_set(err, EXOPK_EINVAL, "%s", msg);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: %s", where, msg);
    }
    case LUA_TNUMBER:
        return exopk_error_set(err, EXOPK_EINVAL, "%s: error: %s", where, lua_tostring(L, -1));
    default:
        return exopk_error_set(err, EXOPK_EINVAL, "%s: error object is a %s value", where,
                               luaL_typename(L, -1));
    }
}
