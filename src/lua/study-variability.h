/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef LX_STUDY_VARIABILITY_H
#define LX_STUDY_VARIABILITY_H

#include "lexopk-private.h"

/* Reads the population fields (variability, batch, correlations,
 * uncertainty) of the study table at @top into @s->variability; raises
 * through lx_fail on a mistake.  The study's other fields come first. */
void lx_variability_walk(lua_State *L, const LxDoc *doc, ExopkStudy *s, int top);

#endif
