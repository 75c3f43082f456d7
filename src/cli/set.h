/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `--set PATH=VALUE`: a study's params entry given on the command line. */
#ifndef EXOPK_CLI_SET_H
#define EXOPK_CLI_SET_H

#include <stdio.h>
#include "exopk/exopk.h"

/* Checks the shape PATH=VALUE (both not empty) of @arg when the option is
 * read; prints "exopk CMD: --set needs PATH=VALUE ..." and returns -1. */
int cli_set_check_arg(const char *cmd, const char *arg);

/* Applies @n --set arguments to @s in order, as the loader applies a
 * params entry: PATH must be a parameter path of the study (else the
 * nearest one is named), VALUE a quantity of its kind (a unit, or a plain
 * number in the engine unit), and the resolved value within the
 * parameter's domain.  On the first error prints "STUDY: --set PATH:
 * message" to @msgs (through cli_printf) and returns -1. */
int cli_set_apply(ExopkStudy *s, char *const *sets, size_t n, const char *study_path,
                  FILE *msgs);

#endif
