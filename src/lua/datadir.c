/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Which parameter library a host reads: exopk_lua_data_dir().
 *
 * A build tree runs on the checkout's data/, an installed exopk on its
 * installed copy, whatever else exists on the disk.  The test is where the
 * running code lives: inside the build directory meson configured
 * (EXOPK_BUILD_ROOT) or not.  The code is the executable (/proc/self/exe)
 * for exopk and exopk-gtk, the module file (dladdr) for the Lua module,
 * which runs inside someone else's interpreter.  meson installs a copy of
 * the same binary, so nothing compiled in can tell the two apart; the
 * binary's location can, and it needs no marker file and no rpath
 * inspection.  A build directory moved away counts as installed. */
#define _GNU_SOURCE    /* dladdr */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "exopk-lua.h"

static const char *in_use;            /* set once by choose_data_dir */
static pthread_once_t chosen = PTHREAD_ONCE_INIT;

/* The file holding this code, resolved, into @buf; 0 when it cannot be told. */
static int
code_path(char *buf)
{
#ifdef LX_MODULE
    Dl_info info;

    if (dladdr((void *) code_path, &info) == 0 || info.dli_fname == NULL)
        return 0;
    return realpath(info.dli_fname, buf) != NULL;
#else
    return realpath("/proc/self/exe", buf) != NULL;
#endif
}

static int
runs_from_build_tree(void)
{
    char code[PATH_MAX], root[PATH_MAX];
    size_t n;

    if (!code_path(code) || realpath(EXOPK_BUILD_ROOT, root) == NULL)
        return 0;
    n = strlen(root);
    return strncmp(code, root, n) == 0 && code[n] == '/';
}

static void
choose_data_dir(void)
{
    in_use = runs_from_build_tree() ? EXOPK_SOURCE_DATADIR : EXOPK_DATADIR;
}

const char *
exopk_lua_data_dir(void)
{
    const char *env = getenv("EXOPK_DATA_DIR");

    if (env != NULL && *env != '\0')
        return env;
    pthread_once(&chosen, choose_data_dir);
    return in_use;
}
