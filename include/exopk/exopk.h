/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: umbrella header of the core library. */
#ifndef EXOPK_H
#define EXOPK_H

#include "error.h"
#include "units.h"
#include "study.h"
#include "sim.h"
#include "model.h"
#include "optimize.h"
#include "file.h"
#include "version.h"

#endif
