/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk.fit (lexopk-fit.c) and the library priors it shares with `exopk fit`. */
#ifndef LEXOPK_FIT_H
#define LEXOPK_FIT_H

#include <lua.h>

#include "exopk/exopk.h"

/* A library range is taken as the central 95 % of a log-normal prior. */
#define LX_PRIOR_Z95 1.959963984540054

#define LX_FIT_MAX 64

/* Sets the log-normal prior of each of @q[0..n) (n <= LX_FIT_MAX) whose
 * path is a library row with a range (under @data_dir), as
 * exopk_lua_library_ranges() maps it to @study (arm 0): the range is
 * taken relative to the row's value and carried over to the path's
 * effective value in @study, so scaled values (a
 * human clearance used for a mouse) keep their relative range: LOW' =
 * LOW x effective / value, likewise HIGH'; then ln mean = the middle of
 * ln LOW' and ln HIGH', sd = (ln HIGH' - ln LOW') / (2 x 1.96).  @found[k]
 * is 1 when parameter k got one.  EXOPK_EINVAL for a malformed library or
 * a range LOW = HIGH. */
ExopkStatus exopk_lua_library_priors(const char *data_dir, const ExopkStudy *study,
                                     ExopkFitParam *q, size_t n, int *found, ExopkError *err);

/* exopk.fit{ study=, data=, estimate=, error_model=, prior= } */
int lx_fit(lua_State *L);

#endif
