/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef EXOPK_RESULT_PRIVATE_H
#define EXOPK_RESULT_PRIVATE_H

#include "exopk/sim.h"
#include "model-private.h"

#define SERIES_NAME_MAX 160
#define UNIT_MAX 24

struct ExopkResult {
    char arm[EXOPK_NAME_MAX];
    size_t n_t;
    double *t;                       /* n_t */
    size_t n_series, cap_series;
    char (*series_name)[SERIES_NAME_MAX];
    char (*series_unit)[UNIT_MAX];
    double *series;                  /* n_series x n_t */
    size_t n_metrics, cap_metrics;
    char (*metric_name)[SERIES_NAME_MAX];
    char (*metric_unit)[UNIT_MAX];
    double *metric_value;
    ExopkSolverStats stats;
    double tumour_volume0;           /* for cross-arm metrics */
};

/* What the simulation knows beyond the rows, for the metrics. */
typedef struct {
    const Model *m;
    const double *states;            /* n_t x n */
    const double *particles_given;   /* n_t: all formulations */
    const double *cargo_given;       /* n_agents x n_t, nmol */
    const double *cargo_given_by_formulation; /* n_carriers x n_t, nmol (all cargos) */
    double first_vesicle_dose;       /* h, NAN if none */
    double t_half_alpha;             /* h, NAN if not reached */
    double last_dose_of_agent[EXOPK_MAX_AGENTS]; /* h, NAN if none */
    double first_dose;               /* h, NAN if none */
    double first_dose_of_agent[EXOPK_MAX_AGENTS]; /* h, NAN if none */
    const double *biomarker;         /* n_t: circulating tumour vesicles (particles), or NULL */
} SimRecord;

int result_add_series(ExopkResult *r, const char *name, const char *unit, double **column);
int result_add_metric(ExopkResult *r, const char *name, const char *unit, double value);

/* Fills the series and metrics of @r from @rec. 0 or -1 (ENOMEM). */
int result_compute(ExopkResult *r, const SimRecord *rec);

#endif
