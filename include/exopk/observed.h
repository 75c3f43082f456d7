/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: observed data (docs/study-files.md, "Observed data").
 *
 * Reading is in two steps.  exopk_observed_read() parses a long CSV
 * (arm,time,name,value with units) and exopk_observed_read_nonmem() a
 * NONMEM/Monolix dataset; both check the file on its own (numbers, units,
 * times, columns) and, given a study, that each arm exists.  What a name
 * means is only known from a simulation of the arm: exopk_obs_match_new()
 * takes one result of the arm, finds each observation's series column or
 * metric once, checks and converts its unit, and keeps the answer, so that
 * a fitter re-running the same arm calls exopk_obs_match_predict() per run
 * (interpolation only, no name look-ups).  Every error reads
 *     FILE:LINE: COLUMN: what is wrong (did you mean "..."?)
 */
#ifndef EXOPK_OBSERVED_H
#define EXOPK_OBSERVED_H

#include <stddef.h>
#include "error.h"
#include "sim.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ExopkObserved ExopkObserved;

/* One row of observed data as read (units are applied by a match). */
typedef struct {
    const char *arm;           /* as in the file */
    double time;               /* h; NAN when the cell was empty (metrics) */
    const char *name;          /* output series or metric */
    const char *id;            /* animal, "" when the file has none */
    double weight;             /* 1 when the file has none */
    int below_lloq;            /* value below the limit of quantification */
    long line;                 /* 1-based line of the file */
} ExopkObservation;

/* Reads the long CSV at @path: columns arm, time, name, value; optional
 * unit, sd, lloq, id, weight; units as "time [d]", "value [nmol/L]" or per
 * row in `unit`; lines starting with '#' are comments.  With @study, each
 * arm must be one of it.  NULL + @err (EXOPK_EINVAL, EXOPK_EIO) on
 * failure.  (transfer full) */
ExopkObserved *exopk_observed_read(const char *path, const ExopkStudy *study, ExopkError *err);

/* A NONMEM compartment: what DV means there and what a dose gives. */
typedef struct {
    int cmt;
    const char *output;        /* series of DV rows with this CMT, or NULL */
    const char *dv_unit;       /* unit of those DV values; NULL: the series' own unit */
    const char *give;          /* formulation or study agent dosed into it, or NULL */
    const char *amt_unit;      /* unit of AMT ("mg/kg", "particles"); NULL: engine unit */
} ExopkNonmemCmt;

typedef struct {
    const char *time_unit;     /* of TIME and II; NULL: h */
    const char *arm;           /* arm of every row when the file has no ARM column */
    size_t n_cmt;
    const ExopkNonmemCmt *cmt;
} ExopkNonmemMap;

/* Reads a NONMEM/Monolix dataset (ID, TIME, AMT, DV, CMT; optional EVID,
 * MDV, II, ADDL, RATE, ARM, CENS; other columns are covariates and
 * ignored).  CENS 1 (Monolix) marks a row below the LLOQ, given as DV.
 * Dose rows (EVID 1, or AMT > 0 without EVID) become dosing lines of their
 * arm (II and ADDL: ADDL + 1 doses every II; RATE > 0: an infusion of
 * AMT/RATE); the doses of an arm are those of its first ID, and every
 * other ID of the arm must be dosed the same.  Observation rows (EVID 0,
 * MDV 0) become observations of the CMT's output.  @study is needed to
 * resolve formulations and convert doses.  (transfer full) */
ExopkObserved *exopk_observed_read_nonmem(const char *path, const ExopkNonmemMap *map,
                                          const ExopkStudy *study, ExopkError *err);

/* Reads the observed data @study names (data_path) in its format: the
 * long CSV, or a NONMEM dataset through the study's map (data_format).
 * @path, when not NULL, is read instead, as a long CSV.  (transfer full) */
ExopkObserved *exopk_study_read_observed(const ExopkStudy *study, const char *path,
                                         ExopkError *err);
/* Gives each arm of @study the dosing lines @obs (a NONMEM dataset) has
 * for it, and resolves the study again.  EINVAL naming the file and line
 * for an arm the study does not have, or one the study file doses too. */
ExopkStatus exopk_study_take_observed_doses(ExopkStudy *study, const ExopkObserved *obs,
                                            ExopkError *err);

void exopk_observed_free(ExopkObserved *obs); /* NULL-safe */

const char *exopk_observed_path(const ExopkObserved *obs);
size_t exopk_observed_n(const ExopkObserved *obs);
const ExopkObservation *exopk_observed_get(const ExopkObserved *obs, size_t i);
/* Whether any row belongs to arm @arm. */
int exopk_observed_has_arm(const ExopkObserved *obs, const char *arm);
/* The dosing lines a NONMEM dataset gives arm @arm (*n = 0: none). Borrowed. */
const ExopkDosingLine *exopk_observed_arm_lines(const ExopkObserved *obs, const char *arm,
                                                size_t *n);
/* Checks that every arm of @obs is an arm of @study (nearest name in the message). */
ExopkStatus exopk_observed_check_arms(const ExopkObserved *obs, const ExopkStudy *study,
                                      ExopkError *err);

/* --- observations of one arm matched against its simulation ------------- */

/* Borrows from the ExopkObserved it was matched from: keep that alive. */
typedef struct {
    const ExopkObservation *row;
    long series;               /* column of the result, -1 for a metric */
    double time;               /* h (NAN for a metric) */
    double value;              /* in the output's unit; the LLOQ when below it */
    double sd;                 /* in the output's unit; NAN when none */
    double lloq;               /* in the output's unit; NAN when none */
} ExopkObsPoint;

typedef struct ExopkObsMatch ExopkObsMatch;

/* The rows of arm @arm of @study in @obs, matched against @res (a result
 * of that arm): each name found among the series, else the metrics; each
 * unit checked and converted (mass to amount through the agent's molar
 * mass for "<agent>.*" outputs).  An arm without data gives an empty
 * match.  NULL + @err on a bad name or unit.  (transfer full) */
ExopkObsMatch *exopk_obs_match_new(const ExopkObserved *obs, const ExopkStudy *study, size_t arm,
                                   const ExopkResult *res, ExopkError *err);
void exopk_obs_match_free(ExopkObsMatch *m); /* NULL-safe */

/* One match per arm of @study (an array of study->n_arms), NULL where
 * @results[a] is NULL (an arm not run).  NULL + @err as above. */
ExopkObsMatch **exopk_obs_match_arms(const ExopkObserved *obs, const ExopkStudy *study,
                                     ExopkResult *const *results, ExopkError *err);
void exopk_obs_match_arms_free(ExopkObsMatch **matches, size_t n); /* NULL-safe */

size_t exopk_obs_match_n(const ExopkObsMatch *m);
const ExopkObsPoint *exopk_obs_match_points(const ExopkObsMatch *m); /* borrowed */

/* Fills @pred[i] (exopk_obs_match_n values) with the prediction of @res, a
 * run of the same arm (parameters may differ): series linearly
 * interpolated in time at the column found by the match (looked up again
 * only if this run's column there has another name), metrics by name.
 * 0, or -1 when an output is absent from @res (pred[i] = NAN). */
int exopk_obs_match_predict(const ExopkObsMatch *m, const ExopkResult *res, double *pred);

#ifdef __cplusplus
}
#endif
#endif
