/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef EXOPK_CLI_SENS_H
#define EXOPK_CLI_SENS_H

/* `exopk sensitivity`: @argv[0] is "sensitivity", then its arguments;
 * study files are read with the parameter library under @data_dir.
 * Returns 0, 1 when the analysis failed, 2 on bad input or usage, 3 when
 * the table cannot be written; Ctrl-C cancels (nothing written, 130). */
int exopk_cli_sensitivity(const char *data_dir, int argc, char **argv);

#endif
