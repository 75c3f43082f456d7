/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The script host of `exopk run SCRIPT.lua [ARGS...]`: a trusted, full
 * lua_State (all standard libraries, as the stock interpreter gives), with
 * `require "exopk"` served from package.preload, the `arg` table and `...`
 * as lua.c builds them, and a traceback message handler. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "lexopk-api.h"

/* Message handler (as lua.c's msghandler): the message plus a traceback. */
static int
msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);

    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Copies @msg into @err, cutting whole traceback lines (never the first
 * line, the message itself) to fit, and noting the cut. */
static void
set_message(ExopkError *err, ExopkStatus code, const char *msg)
{
    size_t cap = sizeof err->message, len = strlen(msg);
    static const char cut[] = "\n\t...";

    if (err == NULL)
        return;
    err->code = code;
    if (len < cap) {
        memcpy(err->message, msg, len + 1);
        return;
    }
    {
        size_t keep = cap - sizeof cut;
        const char *nl = strchr(msg, '\n');
        size_t first = nl != NULL ? (size_t) (nl - msg) : len;

        if (first < keep) {
            /* the last line break that leaves room for the note */
            const char *end = msg + keep;

            while (end > msg + first && *end != '\n')
                end--;
            keep = (size_t) (end - msg);
        }
        memcpy(err->message, msg, keep);
        memcpy(err->message + keep, cut, sizeof cut);
    }
}

typedef struct {
    const char *path, *data_dir;
    int argc;
    char **argv;
    ExopkError *err;
    ExopkStatus status;
} Run;

/* As lua.c's pmain, under a plain lua_pcall: everything that may raise for
 * the host's own reasons (memory) happens here; the script's own errors are
 * caught by the inner pcall with the traceback handler. */
static int
pmain(lua_State *L)
{
    Run *r = lua_touserdata(L, 1);
    int st;

    luaL_openlibs(L);
    if (r->data_dir != NULL) {
        lua_pushstring(L, r->data_dir);
        lua_setfield(L, LUA_REGISTRYINDEX, LX_DATA_DIR_KEY);
    }
    /* package.preload.exopk = luaopen_exopk */
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, luaopen_exopk);
    lua_setfield(L, -2, "exopk");
    lua_pop(L, 1);
    /* arg = { [-1] = "exopk run", [0] = SCRIPT, ARGS... } as lua.c makes it */
    lua_createtable(L, r->argc, 2);
    lua_pushliteral(L, "exopk run");
    lua_rawseti(L, -2, -1);
    lua_pushstring(L, r->path);
    lua_rawseti(L, -2, 0);
    for (int i = 0; i < r->argc; i++) {
        lua_pushstring(L, r->argv[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setglobal(L, "arg");

    lua_settop(L, 0);
    lua_pushcfunction(L, msghandler);                     /* [h] */
    st = luaL_loadfilex(L, r->path, NULL);                /* [h chunk] */
    if (st != LUA_OK) {
        /* "cannot open X" (I/O) or "X:LINE: syntax error" (bad input) */
        r->status = st == LUA_ERRFILE ? EXOPK_EIO : st == LUA_ERRMEM ? EXOPK_ENOMEM
                                                                     : EXOPK_EINVAL;
        set_message(r->err, r->status, lua_tostring(L, -1));
        return 0;
    }
    luaL_checkstack(L, r->argc + 4, "too many arguments");
    for (int i = 0; i < r->argc; i++)                     /* [h chunk args...] */
        lua_pushstring(L, r->argv[i]);
    if (lua_pcall(L, r->argc, 0, 1) != LUA_OK) {          /* [h msg] */
        const char *msg = lua_tostring(L, -1);

        r->status = EXOPK_ECALLBACK;
        set_message(r->err, r->status, msg != NULL ? msg : "(error object is not a string)");
    }
    return 0;
}

ExopkStatus
exopk_lua_run_script(const char *path, int argc, char **argv, const char *data_dir,
                     ExopkError *err)
{
    Run r = { path, data_dir, argc, argv, err, EXOPK_OK };
    lua_State *L = luaL_newstate();

    if (L == NULL) {
        set_message(err, EXOPK_ENOMEM, "exopk run: out of memory");
        return EXOPK_ENOMEM;
    }
    lua_pushcfunction(L, pmain);
    lua_pushlightuserdata(L, &r);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);

        r.status = EXOPK_ENOMEM;
        set_message(err, r.status, msg != NULL ? msg : "exopk run: out of memory");
    }
    lua_close(L);                                         /* runs __gc and __close */
    return r.status;
}
