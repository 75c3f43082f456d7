/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Robust optimisation (include/exopk/optimize.h, `population`): the
 * subjects' draws come from the population sampler (population.h), the
 * same for every candidate (common random numbers), and each metric is
 * summarised over them by a statistic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optimize-pop.h"
#include "population-run.h"

#define MAX_DRAWS 100          /* as exopk population: draws tried per subject */

struct OptPop {
    const ExopkPopSpec *spec;  /* borrowed from the problem */
    ExopkPopSampler *sampler;
    long subjects;
    uint64_t seed;
    long *index;               /* per spec parameter: the model's index, or -1 */
    double *base;              /* per spec parameter: the arm's own value (log-normal) */
    long *var;                 /* per spec parameter: the variable it also is, or -1 */
    const ExopkOptVariable *vars;
};

ExopkStatus
opt_statistic_parse(const char *text, const char *what, OptStatistic *out, ExopkError *err)
{
    char *end;
    double nn;

    if (text == NULL || *text == '\0' || strcmp(text, "mean") == 0) {
        *out = (OptStatistic) { 0, 0 };
        return EXOPK_OK;
    }
    if (strcmp(text, "median") == 0) {
        *out = (OptStatistic) { 1, 0.5 };
        return EXOPK_OK;
    }
    if (text[0] == 'p' && (nn = strtod(text + 1, &end), end != text + 1) && *end == '\0' &&
        nn > 0 && nn < 100) {
        *out = (OptStatistic) { 1, nn / 100 };
        return EXOPK_OK;
    }
    return exopk_error_set(err, EXOPK_EINVAL, "%s: statistic \"%s\": expected mean, median or "
                           "pNN with 0 < NN < 100 (e.g. p90)", what, text);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;

    return (x > y) - (x < y);
}

double
opt_statistic_value(const OptStatistic *st, double *values, size_t n)
{
    double sum = 0;

    if (n == 0)
        return NAN;
    if (st->quantile) {
        qsort(values, n, sizeof *values, cmp_double);
        return pop_quantile_sorted(values, n, st->p);
    }
    for (size_t i = 0; i < n; i++)
        sum += values[i];
    return sum / (double) n;
}

void
opt_pop_free(OptPop *pop)
{
    if (pop == NULL)
        return;
    exopk_pop_sampler_free(pop->sampler);
    free(pop->index);
    free(pop->base);
    free(pop->var);
    free(pop);
}

OptPop *
opt_pop_new(const ExopkOptProblem *p, const ExopkModel *model, const size_t *var_index,
            ExopkError *err)
{
    size_t n = p->population->n_params;
    OptPop *pop = calloc(1, sizeof *pop);

    if (pop == NULL || (pop->index = malloc((n + 1) * sizeof *pop->index)) == NULL ||
        (pop->base = calloc(n + 1, sizeof *pop->base)) == NULL ||
        (pop->var = malloc((n + 1) * sizeof *pop->var)) == NULL) {
        opt_pop_free(pop);
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    pop->spec = p->population;
    pop->subjects = p->subjects > 0 ? p->subjects : 200;
    pop->seed = p->population_seed;
    pop->vars = p->vars;
    if ((pop->sampler = exopk_pop_sampler_new(p->population, err)) == NULL ||
        pop_arm_resolve(p->population, model, p->arm, pop->index, pop->base, err) != EXOPK_OK) {
        opt_pop_free(pop);
        return NULL;
    }
    for (size_t k = 0; k < n; k++) {
        pop->var[k] = -1;
        for (size_t i = 0; i < p->n_vars && pop->index[k] >= 0; i++)
            if (var_index[i] == (size_t) pop->index[k])
                pop->var[k] = (long) i;
    }
    return pop;
}

long opt_pop_subjects(const OptPop *pop) { return pop->subjects; }
size_t opt_pop_n_params(const OptPop *pop) { return pop->spec->n_params; }

/* Parameter @k's value for the draw: a variable's candidate value is the
 * median of its log-normal variability; a log-uniform draw does not
 * override a variable (NAN: leave it). */
static double
subject_value(const OptPop *pop, size_t k, const double *x, const double *draw)
{
    long i = pop->var[k];
    double xi;

    if (i < 0)
        return pop_subject_value(pop->spec, pop->base, k, draw);
    if (pop->spec->params[k].dist != EXOPK_DIST_LOG_NORMAL)
        return NAN;
    xi = pop->vars[i].integer ? nearbyint(x[i]) : x[i];
    return xi * draw[k];
}

int
opt_pop_set(const OptPop *pop, long subject, const double *x, ExopkParamVector *vec,
            double *draw)
{
    for (unsigned attempt = 0; attempt < MAX_DRAWS; attempt++) {
        int ok = 1;

        exopk_pop_sampler_draw(pop->sampler, pop->seed, (uint64_t) subject, attempt, draw);
        for (size_t k = 0; k < pop->spec->n_params && ok; k++) {
            double v;
            if (pop->index[k] < 0 || isnan(v = subject_value(pop, k, x, draw)))
                continue;
            ok = exopk_param_vector_set(vec, (size_t) pop->index[k], v, NULL) == EXOPK_OK;
        }
        if (ok)
            return 0;
    }
    return -1;
}
