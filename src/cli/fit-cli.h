/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef EXOPK_CLI_FIT_H
#define EXOPK_CLI_FIT_H

/* `exopk fit`: @argv[0] is "fit", then its arguments; study files are
 * read with the parameter library under @data_dir.  Returns 0, 1 when the
 * fit failed, 2 on bad input or usage, 3 when an output cannot be
 * written; Ctrl-C cancels (nothing written, 130). */
int exopk_cli_fit(const char *data_dir, int argc, char **argv);

#endif
