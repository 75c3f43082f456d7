/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk's SBML export (docs/sbml.md): one arm of a resolved study as an
 * SBML Level 3 Version 1 model, written with libsbml and checked by its
 * consistency checks. */
#ifndef EXOPK_SBML_H
#define EXOPK_SBML_H

#include <stddef.h>
#include "exopk/exopk.h"

/* The SBML document of arm @arm of the resolved @study, checked, as a
 * malloc'd NUL-terminated string (free()).  NULL + @err: EXOPK_EINVAL for
 * an arm with something the export does not cover yet (named), or a
 * model libsbml finds inconsistent (its first errors quoted);
 * EXOPK_ENOMEM. */
char *exopk_sbml_export(const ExopkStudy *study, size_t arm, ExopkError *err);

/* The same written to @path; EXOPK_EIO when it cannot be written. */
ExopkStatus exopk_sbml_export_file(const ExopkStudy *study, size_t arm, const char *path,
                                   ExopkError *err);

#endif
