/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: virtual populations.  docs/population.md explains the sampling,
 * the outputs and their accuracy.
 *
 * A population spec lists the parameters that vary between subjects and
 * how: log-normal around the study's value (the study file's
 * `variability` and `batch`, with `correlations`), or log-uniform over a
 * range (`uncertainty = "library"`).  A sampler draws subject i's values
 * from a random stream that depends only on (seed, i), so a population is
 * the same whatever the number of threads.  exopk_population_run
 * simulates every subject in the chosen arms with the compiled model
 * (model.h) and summarises the metrics and the time series. */
#ifndef EXOPK_POPULATION_H
#define EXOPK_POPULATION_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "sim.h"
#include "study.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    EXOPK_DIST_LOG_NORMAL,     /* median the study's value, coefficient of variation cv */
    EXOPK_DIST_LOG_UNIFORM     /* over [lo, hi] in the engine unit, 0 < lo <= hi */
} ExopkDistribution;

typedef struct {
    char name[128];            /* a name of exopk_model_param_name: a path, "dose", "offered" */
    ExopkDistribution dist;
    double cv;                 /* LOG_NORMAL */
    double lo, hi;             /* LOG_UNIFORM */
} ExopkPopParam;

#define EXOPK_POP_MAX_PARAMS 512
typedef struct {
    size_t n_params;           /* the log-normal ones first */
    ExopkPopParam params[EXOPK_POP_MAX_PARAMS];
    size_t n_correlations;     /* between log-normal parameters (indices into params) */
    ExopkCorrelation correlations[EXOPK_MAX_VARIED];
} ExopkPopSpec;

/* The log-normal parameters and correlations of @study->variability. */
void exopk_pop_spec_from_study(const ExopkStudy *study, ExopkPopSpec *spec);
/* Appends a log-uniform parameter unless @spec already varies @name.
 * Returns 1 if added, 0 if already there; EXOPK_EINVAL (-1 after err set)
 * for a bad range or a full spec. */
int exopk_pop_spec_add_range(ExopkPopSpec *spec, const char *name, double lo, double hi,
                             ExopkError *err);

/* The study's own value of @name in arm @arm, in the engine unit: the
 * median of a log-normal variability ("carrier.k_pt": the effective k_pt
 * of the study's formulations; "dose": the first line's amount).
 * EXOPK_EINVAL for an unknown name, a dosing time or count, or a carrier
 * or loading path whose formulations disagree. */
ExopkStatus exopk_population_base_value(const ExopkStudy *study, size_t arm, const char *name,
                                        double *value, ExopkError *err);

/* Whether arm @arm uses parameter @name: a carrier or loading path of a
 * formulation its dosing lines give, an agent it gives (free or as a
 * cargo), or any other path (species, tumour, dose). */
int exopk_population_arm_uses(const ExopkStudy *study, size_t arm, const char *name);

/* Checks a variability block: CVs finite and >= 0, correlations in
 * (-1, 1) between two different entries, and the correlation matrix
 * positive definite.  EXOPK_EINVAL naming the problem. */
ExopkStatus exopk_variability_check(const ExopkVariability *v, ExopkError *err);

/* A sampler: the spec with its correlation matrix factorised (Cholesky). */
typedef struct ExopkPopSampler ExopkPopSampler;
/* NULL + EXOPK_EINVAL (a correlation matrix that is not positive
 * definite, a bad entry) or EXOPK_ENOMEM.  @spec is copied. */
ExopkPopSampler *exopk_pop_sampler_new(const ExopkPopSpec *spec, ExopkError *err);
void exopk_pop_sampler_free(ExopkPopSampler *s);   /* NULL-safe */
/* Draw @attempt (0 first; the next when the model rejects a draw) of
 * subject @subject: out[k] is the factor exp(sigma_k y_k) for a
 * log-normal parameter (y the correlated standard normal deviates,
 * sigma^2 = ln(1 + cv^2)) and the value for a log-uniform one.  Depends
 * only on (@seed, @subject, @attempt); @out has n_params entries.
 * Thread-safe (the sampler is read-only). */
void exopk_pop_sampler_draw(const ExopkPopSampler *s, uint64_t seed, uint64_t subject,
                            unsigned attempt, double *out);

/* One row of the summary: a metric of an arm over the population. */
typedef struct {
    const char *arm, *metric, *unit;  /* borrowed from the summary */
    double mean, sd;                  /* sample mean and standard deviation (n - 1) */
    double p05, p25, p50, p75, p95;   /* exact sample quantiles (linear interpolation) */
    long n;                           /* subjects that have the metric (NaN stats if 0) */
} ExopkPopStat;

typedef struct ExopkPopSummary ExopkPopSummary;
size_t exopk_pop_summary_n(const ExopkPopSummary *s);
/* How many subjects needed a second draw or more (docs/population.md). */
long exopk_pop_summary_redrawn(const ExopkPopSummary *s);
const ExopkPopStat *exopk_pop_summary_stat(const ExopkPopSummary *s, size_t i);
void exopk_pop_summary_free(ExopkPopSummary *s);   /* NULL-safe */

/* The percentile bands of the time series, the numbers DIR/ARM_bands.csv
 * holds (within 0.5 % of the exact sample quantiles, docs/population.md). */
typedef enum { EXOPK_POP_P05, EXOPK_POP_P50, EXOPK_POP_P95 } ExopkPopBand;
/* The arms with bands: the chosen arms, in the order run. */
size_t exopk_pop_summary_n_arms(const ExopkPopSummary *s);
/* Band @q of the @arm-th of them, as a result of that arm (its name, and
 * the times, series names and units of the study's own run) whose every
 * series holds percentile @q over the subjects at each time; no metrics.
 * Borrowed from @s; NULL out of range.  (transfer none) */
ExopkResult *exopk_pop_summary_band(ExopkPopSummary *s, size_t arm, ExopkPopBand q);

typedef struct {
    long subjects;             /* >= 1 */
    uint64_t seed;
    int threads;               /* >= 1 */
    const size_t *arms;        /* the arms to run, in this order; NULL: every arm */
    size_t n_arms;
    /* NULL: no files.  Else DIR/summary.csv, DIR/subjects.csv,
     * DIR/parameters.csv and DIR/ARM_bands.csv, each whole or not at all. */
    const char *dir;
    /* Called after each block of subjects (in order); nonzero cancels
     * (EXOPK_ECANCELLED, no file written).  May be NULL. */
    int (*progress)(long done, long total, void *data);
    void *progress_data;
    /* NULL: this process's threads simulate the subjects.  Else the
     * records come from @source (other processes, docs/mpi.md); this
     * process merges them in subject order, so the files are the same. */
    const struct ExopkPopSource *source;
} ExopkPopOptions;

/* Where the subjects come from when they are not simulated here.  @run
 * runs subjects 1 .. subjects (the options') and gives their heads to
 * @sink in subject order, any number at a time: their parameters and
 * metrics, exopk_pop_evaluator_head_size doubles each, and how many of
 * them needed another draw.  A nonzero @sink stops it: @run then returns
 * EXOPK_ECANCELLED.  After it, @bands gives the percentile-band sketches
 * of all the subjects, packed as exopk_pop_evaluator_bands packs them
 * (malloc'd; the caller frees *@packed): the time series never travel. */
typedef int (*ExopkPopSink)(void *sink_data, long first, long count, const double *heads,
                            long redrawn);
typedef struct ExopkPopSource {
    ExopkStatus (*run)(void *data, ExopkPopSink sink, void *sink_data, ExopkError *err);
    ExopkStatus (*bands)(void *data, char **packed, size_t *len, ExopkError *err);
    void *data;
} ExopkPopSource;

/* The subjects' simulation without the files: what another process runs
 * to be (part of) an ExopkPopSource.  Same study, spec and options (seed,
 * arms, threads; subjects, dir and source are not used) give the same
 * heads and sketches as exopk_population_run's own. */
typedef struct ExopkPopEvaluator ExopkPopEvaluator;
ExopkPopEvaluator *exopk_pop_evaluator_new(const ExopkStudy *study, const ExopkPopSpec *spec,
                                           const ExopkPopOptions *opts, ExopkError *err);
/* Doubles in one subject's head. */
size_t exopk_pop_evaluator_head_size(const ExopkPopEvaluator *e);
/* Subjects @first .. @first + @count - 1 (first >= 1), on the options'
 * threads: their heads into @heads, their series into the evaluator's
 * band sketches; *@redrawn as for ExopkPopSource.  On a failure, @err
 * names the lowest failing subject. */
ExopkStatus exopk_pop_evaluator_run(ExopkPopEvaluator *e, long first, long count,
                                    double *heads, long *redrawn, ExopkError *err);
/* The band sketches of every subject run so far, as bytes (*@packed
 * malloc'd, the caller frees); and another evaluator's added to @e's.
 * Sketches count values, so the merged bands do not depend on which
 * evaluator ran which subject. */
ExopkStatus exopk_pop_evaluator_bands(const ExopkPopEvaluator *e, char **packed, size_t *len,
                                      ExopkError *err);
ExopkStatus exopk_pop_evaluator_add_bands(ExopkPopEvaluator *e, const char *packed, size_t len,
                                          ExopkError *err);
/* Forgets the band sketches (after exopk_pop_evaluator_bands gave them to
 * another evaluator: a checkpoint takes each process's share once). */
void exopk_pop_evaluator_clear_bands(ExopkPopEvaluator *e);
void exopk_pop_evaluator_free(ExopkPopEvaluator *e);   /* NULL-safe */

/* Simulates @opts->subjects subjects of resolved @study in the chosen
 * arms (and the control arm, for tgi_pct, when there is one).  Subject i
 * (1..N) gets the same draw in every arm.  NULL + @err: EXOPK_EINVAL (a
 * name the arm's model lacks in every arm, a sampled value outside its
 * domain, naming the subject), EXOPK_ESOLVER, EXOPK_EIO, EXOPK_ENOMEM,
 * EXOPK_ECANCELLED.  (transfer full) */
ExopkPopSummary *exopk_population_run(const ExopkStudy *study, const ExopkPopSpec *spec,
                                      const ExopkPopOptions *opts, ExopkError *err);

#ifdef __cplusplus
}
#endif
#endif
