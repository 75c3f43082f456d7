/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small streaming JSON writer for the CLI's tables (RFC 8259). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

void
json_init(JsonWriter *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

/* The comma and line break before a value (not after a key). */
static void
separate(JsonWriter *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0)
        return;
    int lines = w->depth == 1 && w->bracket[0] == '[';

    if (w->count[w->depth - 1]++ > 0)
        fputs(lines ? "," : ", ", w->out);
    if (lines)
        fputs("\n  ", w->out);
}

static void
open_level(JsonWriter *w, char bracket)
{
    separate(w);
    putc(bracket, w->out);
    if (w->depth == JSON_MAX_DEPTH)
        abort();   /* a table of the CLI nests two levels: a bug */
    w->count[w->depth] = 0;
    w->bracket[w->depth] = bracket;
    w->depth++;
}

void
json_begin_array(JsonWriter *w)
{
    open_level(w, '[');
}

void
json_begin_object(JsonWriter *w)
{
    open_level(w, '{');
}

void
json_end(JsonWriter *w, char bracket)
{
    if (w->depth == 0)
        return;
    w->depth--;
    if (w->depth == 0 && w->bracket[0] == '[' && w->count[0] > 0)
        putc('\n', w->out);
    putc(bracket, w->out);
    if (w->depth == 0)
        putc('\n', w->out);
}

void
json_key(JsonWriter *w, const char *key)
{
    json_string(w, key);
    fputs(": ", w->out);
    w->after_key = 1;
}

/* Length of the well-formed UTF-8 sequence at @s (1 to 4), or 0. */
static size_t
utf8_length(const unsigned char *s)
{
    size_t n;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        n = 2, cp = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        n = 3, cp = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    /* overlong forms, surrogates and code points past U+10FFFF */
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

void
json_string(JsonWriter *w, const char *s)
{
    const unsigned char *p = (const unsigned char *) s;

    separate(w);
    putc('"', w->out);
    while (*p != '\0') {
        size_t n = utf8_length(p);

        if (n == 0) {
            fputs("\\ufffd", w->out);
            p++;
        } else if (*p == '"' || *p == '\\') {
            fprintf(w->out, "\\%c", *p++);
        } else if (*p == '\n' || *p == '\t') {
            fputs(*p++ == '\n' ? "\\n" : "\\t", w->out);
        } else if (*p < 0x20 || *p == 0x7f) {
            fprintf(w->out, "\\u%04x", *p++);
        } else if (n == 2 && p[0] == 0xc2 && p[1] <= 0x9f) {
            fprintf(w->out, "\\u%04x", p[1]);  /* a C1 control */
            p += 2;
        } else {
            fwrite(p, 1, n, w->out);
            p += n;
        }
    }
    putc('"', w->out);
}

void
json_number(JsonWriter *w, double v)
{
    separate(w);
    if (isfinite(v))
        fprintf(w->out, "%.10g", v);
    else
        fputs("null", w->out);
}

/* ---- the CLI's tables ---------------------------------------------------- */

static void
metric_fields(JsonWriter *w, const ExopkResult *r, size_t i)
{
    json_key(w, "arm");
    json_string(w, exopk_result_arm(r));
    json_key(w, "metric");
    json_string(w, exopk_result_metric_name(r, i));
    json_key(w, "value");
    json_number(w, exopk_result_metric_value(r, i));
    json_key(w, "unit");
    json_string(w, exopk_result_metric_unit(r, i));
}

void
json_write_metrics(ExopkResult *const *results, size_t n, FILE *out)
{
    JsonWriter w;

    json_init(&w, out);
    json_begin_array(&w);
    for (size_t a = 0; a < n; a++) {
        if (results[a] == NULL)
            continue;
        for (size_t i = 0; i < exopk_result_n_metrics(results[a]); i++) {
            json_begin_object(&w);
            metric_fields(&w, results[a], i);
            json_end(&w, '}');
        }
    }
    json_end(&w, ']');
}

void
json_write_batch_row(const char *study, const ExopkResult *r, size_t i, FILE *out)
{
    JsonWriter w;

    json_init(&w, out);
    json_begin_object(&w);
    json_key(&w, "study");
    json_string(&w, study);
    metric_fields(&w, r, i);
    json_end(&w, '}');
}
