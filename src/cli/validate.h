/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef EXOPK_CLI_VALIDATE_H
#define EXOPK_CLI_VALIDATE_H
/* `exopk validate`: runs data/validation/ and prints the anchor table.
 * Returns 0 when every anchor passes, 1 when one fails, 2 on bad input. */
int exopk_cli_validate(const char *data_dir, int argc, char **argv);
#endif
