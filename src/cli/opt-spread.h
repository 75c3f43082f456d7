/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk run` under mpirun: a robust exopk.optimize's subjects over the
 * ranks (opt-spread.c, docs/mpi.md). */
#ifndef EXOPK_CLI_OPT_SPREAD_H
#define EXOPK_CLI_OPT_SPREAD_H

/* Rank 0, with more than one rank: every later robust exopk.optimize of
 * this process deals each candidate's subjects over the ranks. */
void cli_opt_spread_register(void);
/* Ranks other than 0: answer rank 0's setups and subjects until it says
 * stop.  0. */
int cli_opt_serve(void);

#endif
