/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Atomic output files: write a temporary, sync, rename. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exopk/file.h"

ExopkStatus
exopk_atomic_open(ExopkAtomicFile *f, const char *path, ExopkError *err)
{
    static unsigned long serial; /* unique temporaries within a process */
    unsigned long n = __atomic_fetch_add(&serial, 1, __ATOMIC_RELAXED);

    f->fp = NULL;
    if (strlen(path) >= sizeof f->path)
        return exopk_error_set(err, EXOPK_EIO, "%.200s...: path too long", path);
    snprintf(f->path, sizeof f->path, "%s", path);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp.%ld.%lu", path, (long) getpid(), n);
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
