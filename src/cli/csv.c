/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's CSV files, in the core's format, through its atomic files. */
#include "csv.h"

int
csv_write_series(const ExopkResult *res, const char *path, ExopkError *err)
{
    ExopkAtomicFile f;

    if (exopk_atomic_open(&f, path, err) != 0)
        return -1;
    exopk_result_write_csv(res, f.fp);
    return exopk_atomic_commit(&f, err);
}

int
csv_write_metrics(ExopkResult *const *results, size_t n, const char *path, ExopkError *err)
{
    ExopkAtomicFile f;

    if (exopk_atomic_open(&f, path, err) != 0)
        return -1;
    exopk_results_write_metrics_csv(results, n, 1, f.fp);
    return exopk_atomic_commit(&f, err);
}
