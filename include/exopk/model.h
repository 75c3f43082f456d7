/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: the compiled model of one arm, for running it many times with
 * different parameter values (optimisation, populations, sensitivity,
 * fitting).  docs/c-api.md explains it with an example.
 *
 * A model (ExopkModel) is compiled once from a study and an arm: a deep
 * copy of the study, resolved, with the arm's state layout, Jacobian
 * structure, solver ordering and dose schedule.  It never changes after
 * compilation, so threads may share it read-only.
 *
 * A parameter vector (ExopkParamVector) holds values for some of the
 * model's parameters, by index; an unset entry means the study's own
 * value.  A simulation workspace (ExopkSim) runs the model with a vector:
 * it owns a mutable copy of the study and the solver's memory, so one
 * thread uses it at a time; give each thread its own. */
#ifndef EXOPK_MODEL_H
#define EXOPK_MODEL_H

#include <stddef.h>
#include "error.h"
#include "sim.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ExopkModel ExopkModel;             /* immutable; shareable */
typedef struct ExopkParamVector ExopkParamVector; /* one thread at a time */
typedef struct ExopkSim ExopkSim;                 /* one thread at a time */

/* Compiles arm @arm of @study (copied: @study may change or go away
 * afterwards; the copy is resolved).  NULL + @err: EXOPK_EINVAL for a bad
 * arm or a study that does not resolve, EXOPK_ENOMEM.  (transfer full) */
ExopkModel *exopk_model_compile(const ExopkStudy *study, size_t arm, ExopkError *err);
void exopk_model_free(ExopkModel *model);   /* NULL-safe; after every sim and vector */

/* The compiled study (borrowed, read-only) and the arm. */
const ExopkStudy *exopk_model_study(const ExopkModel *model);
size_t exopk_model_arm(const ExopkModel *model);

/* The parameters, by the names exopk_study_set takes for this arm: "dose",
 * "every", "at", "over", "count" (when the arm has a dosing line),
 * "offered" and "offered_<agent>" (when its first line gives a
 * formulation), then every parameter path of the study. */
size_t exopk_model_n_params(const ExopkModel *model);
const char *exopk_model_param_name(const ExopkModel *model, size_t i); /* NULL if out of range */
/* Index of parameter @name, or -1 with EXOPK_EINVAL in @err and the text
 * exopk_study_set gives for it (the nearest valid name). */
long exopk_model_param_index(const ExopkModel *model, const char *name, ExopkError *err);
/* The value parameter @i has in the compiled model (engine unit): the
 * arm's first dosing line, the formulation's offered amount, the study's
 * override of a path, else the effective (scaled, derived) value the
 * engine uses; for a general carrier or loading path, the first
 * formulation's.  0, or -1 if @i is out of range. */
int exopk_model_param_value(const ExopkModel *model, size_t i, double *value);

/* An empty vector for @model: every entry unset.  NULL on ENOMEM. */
ExopkParamVector *exopk_param_vector_new(const ExopkModel *model);
void exopk_param_vector_free(ExopkParamVector *v);   /* NULL-safe */
/* Sets entry @index to @value (engine unit), checked as exopk_study_set
 * checks it, with the same error text; on error the entry is unchanged.
 * Checks that need the other values too (derived values, doses within the
 * horizon) are made by exopk_sim_run. */
ExopkStatus exopk_param_vector_set(ExopkParamVector *v, size_t index, double value,
                                   ExopkError *err);
/* 1 and *@value if entry @index is set, else 0 (the study's own value). */
int exopk_param_vector_get(const ExopkParamVector *v, size_t index, double *value);
void exopk_param_vector_reset(ExopkParamVector *v);  /* every entry unset */

/* A workspace for runs of @model (borrowed: it must outlive the sim).
 * NULL + @err (EXOPK_ENOMEM).  (transfer full) */
ExopkSim *exopk_sim_new(const ExopkModel *model, ExopkError *err);
void exopk_sim_free(ExopkSim *sim);   /* NULL-safe */

/* Simulates the model's arm with the set entries of @params applied as
 * exopk_study_set would apply them to a copy of the study (NULL: as
 * compiled), then exopk_simulate's run.  Nothing carries over from one
 * run to the next.  NULL + @err as exopk_study_set and exopk_simulate
 * fail.  (transfer full) */
ExopkResult *exopk_sim_run(ExopkSim *sim, const ExopkParamVector *params,
                           const ExopkSimOptions *opts, ExopkError *err);

#ifdef __cplusplus
}
#endif
#endif
