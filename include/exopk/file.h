/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: output files that appear whole or not at all. */
#ifndef EXOPK_FILE_H
#define EXOPK_FILE_H

#include <stdio.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A file being written to "PATH.tmp.PID.N" next to PATH; commit renames
 * it over PATH, so readers see the old file or the whole new one. */
typedef struct {
    FILE *fp;                  /* write here between open and commit */
    char path[4096];
    char tmp[4200];
} ExopkAtomicFile;

/* EXOPK_EIO naming what @path is unless it is absent or a regular file:
 * an output replaces its file, so a directory, a device (/dev/full) or a
 * FIFO is refused before any work.  exopk_atomic_open checks it too. */
ExopkStatus exopk_output_file_check(const char *path, ExopkError *err);
/* Opens the temporary.  EXOPK_EIO (naming @path) on failure.  Safe from
 * several threads at once.  First removes the temporaries of @path that
 * killed runs left ("PATH.tmp.PID.N" whose PID no longer exists); those
 * of live processes stay. */
ExopkStatus exopk_atomic_open(ExopkAtomicFile *f, const char *path, ExopkError *err);
/* Flushes, syncs and renames over the path; on any failure removes the
 * temporary and returns EXOPK_EIO. */
ExopkStatus exopk_atomic_commit(ExopkAtomicFile *f, ExopkError *err);
/* Closes and removes the temporary (the path is left as it was). */
void exopk_atomic_abort(ExopkAtomicFile *f);

#ifdef __cplusplus
}
#endif
#endif
