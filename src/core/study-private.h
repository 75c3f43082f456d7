/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Study internals shared between study.c and validate.c. */
#ifndef EXOPK_STUDY_PRIVATE_H
#define EXOPK_STUDY_PRIVATE_H

#include "exopk/study.h"

/* Every override, library value and derived value of a resolved study
 * inside its parameter's domain; EXOPK_EINVAL naming the first that is not. */
ExopkStatus study_check_domains(const ExopkStudy *s, ExopkError *err);

#endif
