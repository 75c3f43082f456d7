/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Robust optimisation's parts (optimize-pop.c): statistics over subjects
 * and a subject's parameter values on top of a candidate's. */
#ifndef EXOPK_OPTIMIZE_POP_H
#define EXOPK_OPTIMIZE_POP_H

#include "exopk/model.h"
#include "exopk/optimize.h"

/* A statistic of a metric over the subjects: the mean, or quantile p. */
typedef struct {
    int quantile;              /* 0: the mean */
    double p;                  /* in (0, 1) */
} OptStatistic;

/* "mean", "median" or "pNN" (0 < NN < 100, decimals allowed); EXOPK_EINVAL
 * naming @what and the text otherwise. */
ExopkStatus opt_statistic_parse(const char *text, const char *what, OptStatistic *out,
                                ExopkError *err);
/* The statistic of @values[0..n) (sorted in place for a quantile). */
double opt_statistic_value(const OptStatistic *st, double *values, size_t n);

typedef struct OptPop OptPop;

/* The population of @p for its arm compiled as @model, whose variables
 * have the model's indices @var_index.  NULL + @err. */
OptPop *opt_pop_new(const ExopkOptProblem *p, const ExopkModel *model, const size_t *var_index,
                    ExopkError *err);
void opt_pop_free(OptPop *pop);
long opt_pop_subjects(const OptPop *pop);
size_t opt_pop_n_params(const OptPop *pop);

/* Sets subject @subject's (1-based) values in @vec, which holds the
 * candidate @x's variables already: the first draw the model's domains
 * accept (as exopk population redraws).  @draw: opt_pop_n_params
 * doubles of scratch.  0, or -1 when no draw is accepted. */
int opt_pop_set(const OptPop *pop, long subject, const double *x, ExopkParamVector *vec,
                double *draw);

#endif
