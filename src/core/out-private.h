/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The output modules: each out-*.c file adds the series and metrics of one
 * part of the model to a result (docs/outputs.md).  metrics.c runs them in
 * the order of its table, which is the order of the CSV columns and of the
 * metrics rows. */
#ifndef EXOPK_OUT_PRIVATE_H
#define EXOPK_OUT_PRIVATE_H

#include "result-private.h"

/* nmol x g/mol = ng, written in mg; and back, mg / (g/mol) in nmol */
#define MG_PER_NG 1e-6
#define NG_PER_MG 1e6

/* Outputs of the arm as a whole, and of agent @k (an index into m->agents).
 * Each returns 0, or -1 when out of memory. */
typedef int (*ArmOutput)(ExopkResult *r, const SimRecord *rec);
typedef int (*AgentOutput)(ExopkResult *r, const SimRecord *rec, size_t k);

/* State @idx of the model at output row @i. */
static inline double
rec_y(const SimRecord *rec, size_t i, int idx)
{
    return rec->states[i * rec->m->n + (size_t) idx];
}

/* The state vector of output row @i. */
static inline const double *
rec_row(const SimRecord *rec, size_t i)
{
    return rec->states + i * rec->m->n;
}

/* Adds a zeroed series named by @fmt and points *@column at it. 0 or -1. */
int out_series(ExopkResult *r, double **column, const char *unit, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds a metric named by @fmt (skipped when @value is not finite). 0 or -1. */
int out_metric(ExopkResult *r, const char *unit, double value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The series named by @fmt, which must have been added already. */
const double *out_find_series(const ExopkResult *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Both return from the calling output function when out of memory. */
#define SERIES(r, column, unit, ...)                                 \
    do {                                                             \
        if (out_series(r, column, unit, __VA_ARGS__) != 0)           \
            return -1;                                               \
    } while (0)
#define METRIC(r, unit, value, ...)                                  \
    do {                                                             \
        if (out_metric(r, unit, value, __VA_ARGS__) != 0)            \
            return -1;                                               \
    } while (0)

/* Helpers shared by the modules (out-util in metrics.c). */
double out_max(const double *v, size_t n, size_t *at);
double out_time_below(const double *t, const double *v, size_t n, double level);

/* out-vesicle.c: particles by compartment, cargo carried, loading */
int vesicle_series(ExopkResult *r, const SimRecord *rec);
int vesicle_cargo_series(ExopkResult *r, const SimRecord *rec, size_t k);
int vesicle_mass_balance(ExopkResult *r, const SimRecord *rec);
int vesicle_metrics(ExopkResult *r, const SimRecord *rec);
/* @acc plus the cargo of agent @k in every vesicle at row @i, nmol, summed
 * in a fixed order (the mass balance and the series add the same terms). */
double vesicle_cargo_add(const SimRecord *rec, size_t k, size_t i, double acc);

/* out-organs.c: liver, spleen, lungs, kidneys and the rest of the body as
 * shares of the MPS and tissue compartments */
int organ_series(ExopkResult *r, const SimRecord *rec);
int organ_metrics(ExopkResult *r, const SimRecord *rec);

/* out-agent.c: every agent's free drug (plasma, heart, tumour), exposure, dose */
int agent_plasma_series(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_heart_series(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_tumour_series(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_eliminated_series(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_mass_balance(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_exposure_metrics(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_tumour_metrics(ExopkResult *r, const SimRecord *rec, size_t k);
int agent_dose_metrics(ExopkResult *r, const SimRecord *rec, size_t k);

/* out-rna.c: siRNA and anti-miR cargo in tumour cells and their targets */
int rna_series(ExopkResult *r, const SimRecord *rec, size_t k);
int rna_metrics(ExopkResult *r, const SimRecord *rec, size_t k);

/* out-biomarker.c: circulating tumour vesicles */
int biomarker_series(ExopkResult *r, const SimRecord *rec);
int biomarker_metrics(ExopkResult *r, const SimRecord *rec);

/* out-tumour.c: tumour volume and its resistant part */
int tumour_series(ExopkResult *r, const SimRecord *rec);
int tumour_volume_metric(ExopkResult *r, const SimRecord *rec);
int tumour_metrics(ExopkResult *r, const SimRecord *rec);

#endif
