/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef EXOPK_CLI_POPULATION_H
#define EXOPK_CLI_POPULATION_H
/* `exopk population STUDY.lua --subjects N [--seed S] [-j N] [--arm NAME]...
 * -o DIR` (docs/population.md).  @argv[0] is "population".  Returns 0, 1
 * on a model failure, 2 on bad input or usage, 3 when an output cannot be
 * written; on SIGINT/SIGTERM it leaves no output file (the last
 * DIR/population.checkpoint stays for --resume) and re-raises the signal. */
int exopk_cli_population(const char *data_dir, int argc, char **argv);
#endif
