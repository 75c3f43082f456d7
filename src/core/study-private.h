/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Study internals shared between study.c, validate.c and the compiled
 * model (compiled.c). */
#ifndef EXOPK_STUDY_PRIVATE_H
#define EXOPK_STUDY_PRIVATE_H

#include "exopk/study.h"

/* Every override, library value and derived value of a resolved study
 * inside its parameter's domain; EXOPK_EINVAL naming the first that is not. */
ExopkStatus study_check_domains(const ExopkStudy *s, ExopkError *err);

/* exopk_study_resolve in two halves: every override path checked against
 * the study's valid paths (string work, once), then the effective records
 * derived from the *_ref records and the overrides, and checked. */
ExopkStatus study_check_paths(const ExopkStudy *s, ExopkError *err);
ExopkStatus study_derive(ExopkStudy *s, ExopkError *err);

/* Every valid override path of @s (malloc'd array of malloc'd strings);
 * *n gets the count.  NULL on ENOMEM.  Free with study_free_paths. */
char **study_valid_paths(const ExopkStudy *s, size_t *n);
void study_free_paths(char **paths, size_t n);
/* Where resolved @s keeps the value that parameter path @path sets: its
 * override, else the effective record's field (for a general carrier or
 * loading path, the first formulation's).  NULL for an unknown path. */
const double *study_path_value(const ExopkStudy *s, const char *path);

/* Expands @arm's lines into doses within @horizon (sorted, stable).
 * 0, -1 on ENOMEM, -2 for more than EXOPK_MAX_DOSES doses. */
int study_arm_expand(ExopkArm *arm, double horizon);
/* The same with exopk_study_set's error for a change called @name. */
ExopkStatus study_arm_expand_set(ExopkArm *arm, double horizon, const char *name,
                                 ExopkError *err);

/* What a name of exopk_study_set changes. */
typedef enum {
    STUDY_SET_DOSE, STUDY_SET_EVERY, STUDY_SET_AT, STUDY_SET_OVER, STUDY_SET_COUNT,
    STUDY_SET_OFFERED, STUDY_SET_PATH
} StudySetKind;

typedef struct {
    StudySetKind kind;
    int formulation;               /* OFFERED: which formulation, and */
    size_t cargo;                  /* which of its cargos */
    const ExopkParamField *field;  /* PATH: the field it names */
} StudySetTarget;

/* Looks up @name for arm @arm as exopk_study_set does, with its errors
 * (the nearest valid name for an unknown one). */
ExopkStatus study_set_target(const ExopkStudy *s, size_t arm, const char *name,
                             StudySetTarget *t, ExopkError *err);
/* exopk_study_set's checks of @value for a dosing or offered target
 * (@line: the arm's first dosing line, for "over" and "count"). */
ExopkStatus study_set_check(const StudySetTarget *t, const char *name,
                            const ExopkDosingLine *line, double value, ExopkError *err);
/* Writes a checked dosing value into @line (the arm is not expanded). */
void study_line_assign(ExopkDosingLine *line, StudySetKind kind, double value);

#endif
