/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output files that appear whole or not at all. */
#ifndef EXOPK_CLI_CSV_H
#define EXOPK_CLI_CSV_H

#include <stdio.h>
#include "exopk/exopk.h"

/* An output file being written to "PATH.tmp.PID"; commit renames it. */
typedef struct {
    FILE *fp;
    char path[4096];
    char tmp[4200];
} AtomicFile;

int atomic_open(AtomicFile *f, const char *path, ExopkError *err);
/* Flushes, syncs and renames; on any failure removes the temporary. */
int atomic_commit(AtomicFile *f, ExopkError *err);
void atomic_abort(AtomicFile *f);

/* Time series of one arm: `time [h]`, then `name [unit]` columns. */
int csv_write_series(const ExopkResult *res, const char *path, ExopkError *err);
/* Long metrics table `arm,metric,value,unit` for all arms. */
int csv_write_metrics(ExopkResult *const *results, size_t n, const char *path, ExopkError *err);

#endif
