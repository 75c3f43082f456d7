/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"

int
atomic_open(AtomicFile *f, const char *path, ExopkError *err)
{
    snprintf(f->path, sizeof f->path, "%s", path);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp.%ld", path, (long) getpid());
    f->fp = fopen(f->tmp, "w");
    if (f->fp == NULL) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

void
atomic_abort(AtomicFile *f)
{
    if (f->fp != NULL)
        fclose(f->fp);
    f->fp = NULL;
    remove(f->tmp);
}

int
atomic_commit(AtomicFile *f, ExopkError *err)
{
    int bad = ferror(f->fp) || fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0;

    if (fclose(f->fp) != 0)
        bad = 1;
    f->fp = NULL;
    if (bad || rename(f->tmp, f->path) != 0) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", f->path, strerror(errno));
        remove(f->tmp);
        return -1;
    }
    return 0;
}

int
csv_write_series(const ExopkResult *res, const char *path, ExopkError *err)
{
    AtomicFile f;

    if (atomic_open(&f, path, err) != 0)
        return -1;
    exopk_result_write_csv(res, f.fp);
    return atomic_commit(&f, err);
}

int
csv_write_metrics(ExopkResult *const *results, size_t n, const char *path, ExopkError *err)
{
    AtomicFile f;

    if (atomic_open(&f, path, err) != 0)
        return -1;
    exopk_results_write_metrics_csv(results, n, 1, f.fp);
    return atomic_commit(&f, err);
}
