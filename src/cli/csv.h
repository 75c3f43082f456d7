/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's CSV files, written whole or not at all. */
#ifndef EXOPK_CLI_CSV_H
#define EXOPK_CLI_CSV_H

#include <stdio.h>
#include "exopk/exopk.h"

/* @s as one CSV field (RFC 4180): quoted, with quotes doubled, when it
 * holds a comma, a quote or a line break. */
void csv_write_field(const char *s, FILE *out);
/* The same as a string (transfer full), NULL on ENOMEM. */
char *csv_field(const char *s);

/* Time series of one arm: `time [h]`, then `name [unit]` columns. */
int csv_write_series(const ExopkResult *res, const char *path, ExopkError *err);
/* Long metrics table `arm,metric,value,unit` for all arms. */
int csv_write_metrics(ExopkResult *const *results, size_t n, const char *path, ExopkError *err);

#endif
