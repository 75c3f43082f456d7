/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk export`: a model for other tools (docs/sbml.md). */
#ifndef EXOPK_CLI_EXPORT_H
#define EXOPK_CLI_EXPORT_H

/* The command with its arguments (argv[0] is "export"); the exit status. */
int exopk_cli_export(const char *data_dir, int argc, char **argv);

#endif
