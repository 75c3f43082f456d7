/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small streaming JSON writer for the CLI's tables (RFC 8259). */
#ifndef EXOPK_CLI_JSON_H
#define EXOPK_CLI_JSON_H

#include <stdio.h>

#include "exopk/exopk.h"

#define JSON_MAX_DEPTH 8

/* Writes values in order; commas and closing brackets are its business.
 * The elements of an outermost array each start a line. */
typedef struct {
    FILE *out;
    int depth;
    int count[JSON_MAX_DEPTH]; /* values written at each open level */
    char bracket[JSON_MAX_DEPTH]; /* '[' or '{' of each open level */
    int after_key;             /* a key was written: its value follows */
} JsonWriter;

void json_init(JsonWriter *w, FILE *out);
void json_begin_array(JsonWriter *w);
void json_begin_object(JsonWriter *w);
/* Closes the innermost array or object (@bracket ']' or '}'); after the
 * outermost one, a newline. */
void json_end(JsonWriter *w, char bracket);
/* A key of the object being written; its value comes next. */
void json_key(JsonWriter *w, const char *key);
/* A string: escaped, bytes that are not UTF-8 as U+FFFD, control
 * characters (C0, DEL, C1) as \uXXXX, so that a study's text cannot act
 * on a terminal either. */
void json_string(JsonWriter *w, const char *s);
/* A number as %.10g (the CSV's precision); NaN and infinities as null. */
void json_number(JsonWriter *w, double v);

/* ---- the CLI's tables ---------------------------------------------------- */

/* The metrics of @results (NULL entries skipped) as a list of objects
 * {"arm", "metric", "value", "unit"}, one a line, in the order of the CSV
 * table (exopk_results_write_metrics_csv). */
void json_write_metrics(ExopkResult *const *results, size_t n, FILE *out);

/* One row of `exopk batch`: {"study", "arm", "metric", "value", "unit"}
 * on a line of its own. */
void json_write_batch_row(const char *study, const ExopkResult *r, size_t i, FILE *out);

#endif
