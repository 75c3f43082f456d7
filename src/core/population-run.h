/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The population runner's parts: population-base.c (the study's values),
 * population-run.c (threads, subjects), population-out.c (statistics and
 * files). */
#ifndef EXOPK_POPULATION_RUN_H
#define EXOPK_POPULATION_RUN_H

#include <stdatomic.h>
#include <stdio.h>
#include "exopk/file.h"
#include "exopk/model.h"
#include "population-private.h"

/* The study's own value of @name in @arm (the median of its log-normal):
 * the effective record's field for a path, the first line's dose, the
 * offered amount.  EXOPK_EINVAL for an unknown name or a dosing time. */
ExopkStatus pop_base_value(const ExopkStudy *s, size_t arm, const char *name, double *v,
                           ExopkError *err);
/* Whether @arm uses parameter @name: a carrier or loading path only when
 * the arm gives a formulation of that carrier or method, an agent's path
 * only when it gives the agent (free or carried); others always. */
int pop_arm_uses(const ExopkStudy *s, size_t arm, const char *name);
/* @spec's parameters in arm @arm compiled as @model: index[k] the model's
 * index of parameter k (-1 where the arm does not use it: not set), and
 * base[k] the arm's own value of each log-normal one (its median). */
ExopkStatus pop_arm_resolve(const ExopkPopSpec *spec, const ExopkModel *model, size_t arm,
                            long *index, double *base, ExopkError *err);
/* Parameter @k's value for a subject whose draw is @draw
 * (exopk_pop_sampler_draw): base x factor for a log-normal one, the drawn
 * value for a log-uniform one. */
static inline double
pop_subject_value(const ExopkPopSpec *spec, const double *base, size_t k, const double *draw)
{
    return spec->params[k].dist == EXOPK_DIST_LOG_NORMAL ? base[k] * draw[k] : draw[k];
}
/* The engine unit of @name's values in @arm ("" if unknown). */
const char *pop_param_unit(const ExopkStudy *s, size_t arm, const char *name);

/* One arm of the study, compiled, and its block in a subject record:
 * the spec's values (NaN where the arm's model lacks the name), the
 * metrics, the series (series-major, n_times each). */
typedef struct {
    size_t arm;                /* index in the study */
    int output;                /* chosen (else run for tgi_pct only) */
    ExopkModel *model;
    long *index;               /* per spec parameter: the model's index, or -1 */
    double *base;              /* per spec parameter: the arm's own value */
    const char **unit;         /* per spec parameter: its engine unit (static strings) */
    ExopkResult *ref;          /* the study's own run: names, units, times */
    size_t n_metrics, n_series, n_times;
    size_t offset;             /* of the block in a record */
    size_t head_offset;        /* of its parameters and metrics in a head (no series) */
    /* statistics, fed in subject order */
    double **values;           /* n_metrics arrays of the defined values (up to N) */
    long *n_values;            /* n_metrics: how many subjects have each metric */
    PopMoments *moments;       /* n_metrics */
    PopSketch *bands;          /* n_series x n_times */
} PopArm;

typedef struct {
    ExopkAtomicFile subjects, parameters;
    int open;
} PopFiles;

typedef struct {
    const ExopkStudy *study;
    const ExopkPopSpec *spec;
    const ExopkPopOptions *opts;
    size_t n_runs;
    PopArm *runs;
    size_t record_size;        /* doubles per subject */
    size_t head_size;          /* doubles per subject without the series */
    atomic_long redrawn;       /* subjects that needed more than one draw */
    PopFiles files;
} Pop;

/* population-out.c */
ExopkStatus pop_stats_init(Pop *p, PopArm *r, ExopkError *err);
void pop_stats_clear(PopArm *r);
/* Subject @subject's record into the streams and the metric statistics. */
void pop_record_write(Pop *p, long subject, const double *record);
/* The same from its head: each output run's parameters and metrics. */
void pop_head_write(Pop *p, long subject, const double *head);
/* The band sketches of every output run as bytes (another process's
 * share of the subjects), and merged back. */
size_t pop_bands_packed_size(const Pop *p);
void pop_bands_pack(const Pop *p, char *out);
ExopkStatus pop_bands_merge_packed(Pop *p, const char *in, size_t len, ExopkError *err);
/* Bands of run @r: cells [from, to) of subjects' records @rec (count
 * @n).  0, or -1 out of memory. */
int pop_bands_add(PopArm *r, const double *rec, size_t stride, long n, size_t from, size_t to);
ExopkStatus pop_files_open(Pop *p, ExopkError *err);
ExopkStatus pop_files_finish(Pop *p, const ExopkPopSummary *sum, ExopkError *err);
void pop_files_abort(Pop *p);
ExopkPopSummary *pop_summary_make(Pop *p, ExopkError *err);

#endif
