/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Population internals shared by population.c (sampling, statistics) and
 * population-run.c (the runner). */
#ifndef EXOPK_POPULATION_PRIVATE_H
#define EXOPK_POPULATION_PRIVATE_H

#include <stddef.h>
#include "exopk/population.h"

/* Running mean and variance (Welford): exact for equal values, fed in
 * subject order so that the sums do not depend on threads. */
typedef struct {
    long n;
    double mean, m2;
} PopMoments;
void pop_moments_add(PopMoments *m, double x);
double pop_moments_sd(const PopMoments *m);

/* The P-square estimate of one quantile (Jain & Chlamtac 1985, Commun
 * ACM 28:1076): five markers, constant memory. */
typedef struct {
    double p;
    long count;
    double q[5];               /* marker heights */
    double pos[5];             /* actual positions (0-based) */
    double want[5];            /* desired positions */
} PopP2;
void pop_p2_init(PopP2 *e, double p);
void pop_p2_add(PopP2 *e, double x);
double pop_p2_value(const PopP2 *e);

/* Quantile @p of sorted @x[0..n-1], linear between order statistics
 * (Hyndman & Fan 1996 definition 7). */
double pop_quantile_sorted(const double *x, size_t n, double p);

#endif
