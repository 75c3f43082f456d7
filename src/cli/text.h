/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's output of text it does not trust, its option parsing and its
 * usage texts. */
#ifndef EXOPK_CLI_TEXT_H
#define EXOPK_CLI_TEXT_H

#include <getopt.h>
#include <stdio.h>

#include "exopk/exopk.h"
#include "plot.h"

#define EXIT_RUN 1    /* a model or solver failure */
#define EXIT_USAGE 2  /* bad input: a study, an option */
#define EXIT_IO 3     /* an output file cannot be written */

/* Writes @n bytes of @s with the bytes a terminal would act on shown as
 * \xHH: C0 controls but tab (newline included: a study cannot forge a
 * line of output), DEL, and the C1 controls (UTF-8 C2 80 to C2 9F).  Study files are other people's: their error messages,
 * names and values reach the terminal only through here. */
void cli_write_safe(const char *s, size_t n, FILE *out);

/* printf to @out through cli_write_safe (the whole text, format included),
 * but a final newline of the text. */
void cli_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* getopt_long over @argv (argv[0] is the command's name, @cmd) with the
 * CLI's messages: an unknown option is "exopk CMD: unknown option X (did
 * you mean "--Y"?)", a missing value "exopk CMD: X needs a value".  Returns
 * getopt_long's result, -1 at the end, or '?' after printing an error. */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *longopts);

/* Parses --load-timeout's SECONDS and sets the budget of study loads;
 * prints the error and returns -1 when it is not a number in (0, 86400]. */
int cli_load_timeout(const char *cmd, const char *value);

typedef enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON } CliFormat;

/* --format's value: csv, json, or with @table_ok also table.  Returns the
 * CliFormat, or -1 after printing "exopk CMD: --format X: expected ..."
 * with the nearest name. */
int cli_parse_format(const char *cmd, const char *value, int table_ok);

/* The loader's warnings on stderr ("warning: ..."), escaped: an
 * ExopkWarnFn for every command that loads a study. */
void cli_warn_stderr(const char *message, void *data);

/* --plot FILE before any run: a figure format and a path that can be
 * written.  0, or the exit status after printing "exopk CMD: --plot ...". */
int cli_check_plot(const char *cmd, const char *path);
/* --style NAME: "screen" or "paper" into *style; 0, or EXIT_USAGE after
 * printing the error. */
int cli_parse_style(const char *cmd, const char *arg, ExopkPlotStyle *style);

/* A value of parameter @path of @s: a plain number in the engine unit, or
 * a quantity whose unit is checked against the parameter's.  0, or -1
 * (the caller says what was wrong). */
int cli_param_value(const ExopkStudy *s, const char *path, const char *text, double *out);

/* The overview of every command (`exopk --help`). */
void cli_usage_all(FILE *out);
/* `exopk CMD --help`: the command's synopsis and options; -1 if @cmd is
 * not a command. */
int cli_usage(const char *cmd, FILE *out);
/* The name of command @i (0, 1, ...), NULL past the last. */
const char *cli_command_name(size_t i);

#endif
