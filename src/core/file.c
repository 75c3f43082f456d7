/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Atomic output files: write a temporary, sync, rename. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "exopk/file.h"

/* Removes "PATH.tmp.PID.N" files whose process is gone: a run killed
 * between open and commit (SIGKILL, power loss) cannot clean up after
 * itself.  A live PID, ours included, keeps its files. */
static void
remove_stale(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    const char *base = slash != NULL ? slash + 1 : path;
    size_t nb = strlen(base);
    DIR *d;
    struct dirent *e;

    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int) (slash - path), path);
    d = opendir(dir);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        const char *p = e->d_name;
        char *end, full[8400];
        long pid;

        if (strncmp(p, base, nb) != 0 || strncmp(p + nb, ".tmp.", 5) != 0)
            continue;
        p += nb + 5;
        pid = strtol(p, &end, 10);
        if (end == p || *end != '.' || pid <= 0 || pid == (long) getpid())
            continue;
        p = end + 1;
        strtoul(p, &end, 10);
        if (end == p || *end != '\0')
            continue;
        if (kill((pid_t) pid, 0) == -1 && errno == ESRCH) {
            snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
            remove(full);
        }
    }
    closedir(d);
}

static const char *
kind_of(mode_t mode)
{
    return S_ISDIR(mode) ? "a directory" : S_ISCHR(mode) ? "a character device"
         : S_ISBLK(mode) ? "a block device" : S_ISFIFO(mode) ? "a FIFO"
         : S_ISSOCK(mode) ? "a socket" : "not a file";
}

ExopkStatus
exopk_output_file_check(const char *path, ExopkError *err)
{
    struct stat st;

    if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
        return EXOPK_OK;             /* absent (or unreadable: open will say) */
    return exopk_error_set(err, EXOPK_EIO, "%s: cannot write: it is %s, not a regular file", path,
                           kind_of(st.st_mode));
}

ExopkStatus
exopk_atomic_open(ExopkAtomicFile *f, const char *path, ExopkError *err)
{
    static unsigned long serial; /* unique temporaries within a process */
    unsigned long n = __atomic_fetch_add(&serial, 1, __ATOMIC_RELAXED);

    f->fp = NULL;
    if (strlen(path) >= sizeof f->path)
        return exopk_error_set(err, EXOPK_EIO, "%.200s...: path too long", path);
    /* the rename at commit would replace a device or FIFO, not write to it */
    if (exopk_output_file_check(path, err) != EXOPK_OK)
        return EXOPK_EIO;
    snprintf(f->path, sizeof f->path, "%s", path);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp.%ld.%lu", path, (long) getpid(), n);
    remove_stale(path);
    f->fp = fopen(f->tmp, "w");
    if (f->fp == NULL)
        return exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", path, strerror(errno));
    return EXOPK_OK;
}

void
exopk_atomic_abort(ExopkAtomicFile *f)
{
    if (f->fp != NULL) {
        fclose(f->fp);
        remove(f->tmp);
    }
    f->fp = NULL;
}

ExopkStatus
exopk_atomic_commit(ExopkAtomicFile *f, ExopkError *err)
{
    int bad = ferror(f->fp) || fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0;
    int saved = errno;

    if (fclose(f->fp) != 0 && !bad)
        bad = 1, saved = errno;
    f->fp = NULL;
    if (!bad && rename(f->tmp, f->path) != 0)
        bad = 1, saved = errno;
    if (bad) {
        remove(f->tmp);
        return exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", f->path,
                               strerror(saved ? saved : EIO));
    }
    return EXOPK_OK;
}
