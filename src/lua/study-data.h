/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef LX_STUDY_DATA_H
#define LX_STUDY_DATA_H

#include "lexopk-private.h"

/* Reads the `data` field of the study table at @top (a file name, or a
 * table naming a NONMEM dataset and its map) into @s; raises through
 * lx_fail on a mistake.  Opens no file. */
void lx_observed_walk(lua_State *L, const LxDoc *doc, ExopkStudy *s, int top);

/* Reads the data the resolved study names, to report a bad file at load
 * time; a NONMEM dataset's doses become its arms' dosing lines. */
ExopkStatus lx_observed_load(ExopkStudy *study, const char *chunkname, ExopkError *err);

#endif
