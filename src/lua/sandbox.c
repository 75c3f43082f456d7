/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sandbox for study and data files: a fresh lua_State per call with a
 * counting allocator (memory limit), an instruction-count hook, and, per
 * file, an _ENV holding only an allow-list.  Everything that touches Lua
 * runs under one lua_pcall (lx_protected); C code that owns malloc'd memory
 * never sits below a function that may raise. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lexopk-private.h"

static LxSandbox *
sandbox_of(lua_State *L)
{
    return *(LxSandbox **) lua_getextraspace(L);
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
    /* Lua assumes shrinking never fails: refuse only growth. */
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
    if (status != LUA_OK && (sb->timed_out || sb->mem_refused || status == LUA_ERRMEM))
        return lua_error(L);
    luaL_checkstack(L, 1, NULL);
    lua_pushboolean(L, status == LUA_OK);
    lua_insert(L, 1);
    return lua_gettop(L);
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
        lua_getfield(L, -1, libs[i]);                  /* [env G lib] */
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
    lua_call(L, 0, 1);                                 /* [result] */
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

ExopkStatus
lx_protected(LxSandbox *sb, lua_CFunction fn, void *ud, const char *file, ExopkError *err)
{
    lua_State *L = sb->L;
    int status;

    lua_settop(L, 0);
    lua_pushcfunction(L, fn);
    lua_pushlightuserdata(L, ud);
    status = lua_pcall(L, 1, 0, 0);
    if (status == LUA_OK)
        return EXOPK_OK;
    if (sb->timed_out) {
        const char *msg = lua_tostring(L, -1);

        return exopk_error_set(err, EXOPK_EINVAL, "%s",
                               msg != NULL ? msg : "took too long (instruction limit)");
    }
    if (status == LUA_ERRMEM || sb->mem_refused) {
        if (sb->mem_where[0] != '\0')
            return exopk_error_set(err, EXOPK_EINVAL, "%s: memory limit exceeded (%zu MiB)",
                                   sb->mem_where, sb->limit >> 20);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: memory limit exceeded (%zu MiB)",
                               file, sb->limit >> 20);
    }
    if (lua_type(L, -1) == LUA_TSTRING)
        return exopk_error_set(err, EXOPK_EINVAL, "%s", lua_tostring(L, -1));
    return exopk_error_set(err, EXOPK_EINVAL, "%s: error object is a %s value", file,
                           luaL_typename(L, -1));
}
