/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's CSV files, in the core's format, through its atomic files. */
#define _POSIX_C_SOURCE 200809L   /* open_memstream */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

void
csv_write_field(const char *s, FILE *out)
{
    if (strpbrk(s, ",\"\n\r") == NULL) {
        fputs(s, out);
        return;
    }
    putc('"', out);
    for (; *s != '\0'; s++) {
        if (*s == '"')
            putc('"', out);
        putc(*s, out);
    }
    putc('"', out);
}

char *
csv_field(const char *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (out == NULL)
        return NULL;
    csv_write_field(s, out);
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

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
