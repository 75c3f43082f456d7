/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef EXOPK_CLI_BATCH_H
#define EXOPK_CLI_BATCH_H
/* `exopk batch STUDY.lua... [-j N] -o FILE.csv [--resume] [--arm NAME]...
 * [--checkpoint SECONDS] [--load-timeout SECONDS]`: one metrics table (study,arm,metric,value,unit)
 * for many studies, simulated on N worker threads and written in input
 * order.  @argv[0] is "batch", then its arguments; study files are read with
 * the parameter library under @data_dir (borrowed).  Call exopk_init()
 * first.  Returns 0, 1 when a simulation failed, 3 when the output failed, 2 when an
 * input was bad or on a usage error; on SIGINT/SIGTERM it removes its
 * temporary file and re-raises the signal. */
int exopk_cli_batch(const char *data_dir, int argc, char **argv);
#endif
