/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Population internals shared by population.c (sampling, statistics) and
 * population-run.c (the runner). */
#ifndef EXOPK_POPULATION_PRIVATE_H
#define EXOPK_POPULATION_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include "exopk/population.h"

/* Running mean and variance (Welford): exact for equal values, fed in
 * subject order so that the sums do not depend on threads. */
typedef struct {
    long n;
    double mean, m2;
} PopMoments;
void pop_moments_add(PopMoments *m, double x);
double pop_moments_sd(const PopMoments *m);

/* A band's percentiles in memory that does not grow with the number of
 * values: a logarithmic histogram (population.c) whose quantiles lie
 * within SKETCH_ALPHA = 0.5 % (relative) of the exact order statistic of
 * rank floor(p (n - 1)), clamped to the exact [min, max]. */
typedef struct {
    int offset, n;             /* buckets offset .. offset + n - 1 */
    int top;                   /* the highest bucket counted */
    uint32_t *counts;          /* owned */
} PopStore;

typedef struct {
    long count, zeros;
    int nan;                   /* a NaN was added: every quantile is NaN */
    double min, max;
    PopStore pos, neg;         /* x > 0 by ln x; x < 0 by ln(-x) */
} PopSketch;
void pop_sketch_init(PopSketch *k);
void pop_sketch_clear(PopSketch *k);
int pop_sketch_add(PopSketch *k, double x);      /* 0, or -1 out of memory */
double pop_sketch_quantile(const PopSketch *k, double p);
/* Adds @from's values to @into: the sketch of both sets of values, the
 * same as adding them one by one in any order.  0, or -1 out of memory. */
int pop_sketch_merge(PopSketch *into, const PopSketch *from);
/* A sketch as bytes: pop_sketch_packed_size of them written at @out (the
 * end returned); pop_sketch_merge_packed adds the sketch packed at @in
 * (before @end) to @into and returns its end, or NULL (truncated, out of
 * memory). */
size_t pop_sketch_packed_size(const PopSketch *k);
char *pop_sketch_pack(const PopSketch *k, char *out);
const char *pop_sketch_merge_packed(PopSketch *into, const char *in, const char *end);

/* Quantile @p of sorted @x[0..n-1], linear between order statistics
 * (Hyndman & Fan 1996 definition 7). */
double pop_quantile_sorted(const double *x, size_t n, double p);

#endif
