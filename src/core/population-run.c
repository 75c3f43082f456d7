/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Running a population (include/exopk/population.h).
 *
 * Each arm is compiled once (exopk_model_compile); each thread owns one
 * workspace (ExopkSim) and one parameter vector per arm.  Subjects go in
 * blocks: the threads simulate a block into fixed slots (any thread any
 * subject), then the block is merged in subject order: the streamed
 * files and the metric sums by this thread, the percentile bands by the
 * threads over disjoint cells (band sketches count, so any split works).  Every estimator sees the subjects in the
 * same order whatever the number of threads, so the output bytes are the
 * same for any -j. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "population-run.h"

#define BLOCK_PER_THREAD 16
#define MAX_DRAWS 100          /* per subject, before the run gives up */

typedef struct {
    Pop *pop;
    const ExopkPopSampler *sampler;
    ExopkSim **sims;           /* per run */
    ExopkParamVector **vecs;   /* per run */
    ExopkResult **res;         /* per study arm */
    double *draw;              /* per spec parameter */
    /* the block */
    double *records;
    long first, n;             /* subjects first .. first + n - 1 */
    atomic_long *next;
    long failed;               /* the lowest failing subject of the block, or 0 */
    ExopkError err;
    size_t band_run, band_from, band_to; /* the cells this thread merges */
    int bands_failed;          /* out of memory in a band */
} Worker;

/* ---- arms ------------------------------------------------------------------ */

static ExopkStatus
arm_params(Pop *p, PopArm *r, ExopkError *err)
{
    const ExopkStudy *s = exopk_model_study(r->model);
    size_t n = p->spec->n_params;

    r->index = malloc((n ? n : 1) * sizeof *r->index);
    r->base = calloc(n ? n : 1, sizeof *r->base);
    r->unit = calloc(n ? n : 1, sizeof *r->unit);
    if (r->index == NULL || r->base == NULL || r->unit == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        r->unit[k] = pop_param_unit(s, r->arm, p->spec->params[k].name);
    return pop_arm_resolve(p->spec, r->model, r->arm, r->index, r->base, err);
}

/* Which arms run: the chosen ones, then the control arm for tgi_pct. */
static ExopkStatus
choose_arms(Pop *p, ExopkError *err)
{
    const ExopkPopOptions *o = p->opts;
    size_t n = o->arms != NULL ? o->n_arms : p->study->n_arms;
    long control = exopk_study_control_arm(p->study);

    p->runs = calloc(n + 1, sizeof *p->runs);
    if (p->runs == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        size_t a = o->arms != NULL ? o->arms[i] : i;

        if (a >= p->study->n_arms)
            return exopk_error_set(err, EXOPK_EINVAL, "no arm %zu", a);
        for (size_t j = 0; j < p->n_runs; j++)
            if (p->runs[j].arm == a)
                return exopk_error_set(err, EXOPK_EINVAL, "arm %s: chosen twice",
                                       p->study->arms[a].name);
        p->runs[p->n_runs++] = (PopArm){ .arm = a, .output = 1 };
        if ((long) a == control)
            control = -1;
    }
    if (control >= 0 && n > 0)
        p->runs[p->n_runs++] = (PopArm){ .arm = (size_t) control, .output = 0 };
    return EXOPK_OK;
}

/* The study's own run of every arm (with tgi_pct): the layout of records. */
static ExopkStatus
reference_runs(Pop *p, ExopkError *err)
{
    ExopkResult **res = calloc(p->study->n_arms, sizeof *res);
    ExopkStatus st = EXOPK_OK;

    if (res == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->n_runs && st == EXOPK_OK; i++) {
        ExopkSim *sim = exopk_sim_new(p->runs[i].model, err);

        res[p->runs[i].arm] = sim != NULL ? exopk_sim_run(sim, NULL, NULL, err) : NULL;
        if (res[p->runs[i].arm] == NULL)
            st = err != NULL && err->code != EXOPK_OK ? err->code : EXOPK_ENOMEM;
        exopk_sim_free(sim);
    }
    if (st == EXOPK_OK)
        exopk_results_compare(p->study, res);
    for (size_t i = 0; i < p->n_runs; i++) {
        PopArm *r = &p->runs[i];

        r->ref = res[r->arm];
        res[r->arm] = NULL;
        if (r->ref == NULL)
            continue;
        r->n_metrics = exopk_result_n_metrics(r->ref);
        r->n_series = exopk_result_n_series(r->ref);
        r->n_times = exopk_result_n_times(r->ref);
    }
    free(res);
    return st;
}

/* Every varied name must exist in one of the arms' models at least. */
static ExopkStatus
check_names(Pop *p, ExopkError *err)
{
    for (size_t k = 0; k < p->spec->n_params; k++) {
        int found = 0;
        ExopkError e;

        for (size_t i = 0; i < p->n_runs; i++)
            found |= p->runs[i].index[k] >= 0;
        if (!found && p->n_runs > 0
            && exopk_model_param_index(p->runs[0].model, p->spec->params[k].name, &e) < 0)
            return exopk_error_set(err, EXOPK_EINVAL, "variability[\"%s\"]: %s",
                                   p->spec->params[k].name, e.message);
    }
    return EXOPK_OK;
}

static ExopkStatus
setup_arms(Pop *p, ExopkError *err)
{
    ExopkStatus st = choose_arms(p, err);

    for (size_t i = 0; i < p->n_runs && st == EXOPK_OK; i++) {
        PopArm *r = &p->runs[i];

        if ((r->model = exopk_model_compile(p->study, r->arm, err)) == NULL)
            return err != NULL ? err->code : EXOPK_EINVAL;
        st = arm_params(p, r, err);
    }
    if (st == EXOPK_OK)
        st = check_names(p, err);
    if (st == EXOPK_OK)
        st = reference_runs(p, err);
    for (size_t i = 0; i < p->n_runs && st == EXOPK_OK; i++) {
        PopArm *r = &p->runs[i];

        if (!r->output)
            continue;
        r->offset = p->record_size;
        p->record_size += p->spec->n_params + r->n_metrics + r->n_series * r->n_times;
        r->head_offset = p->head_size;
        p->head_size += p->spec->n_params + r->n_metrics;
        st = pop_stats_init(p, r, err);
    }
    return st;
}

static void
free_arms(Pop *p)
{
    for (size_t i = 0; i < p->n_runs; i++) {
        PopArm *r = &p->runs[i];

        pop_stats_clear(r);
        exopk_result_free(r->ref);
        exopk_model_free(r->model);
        free(r->index);
        free(r->base);
        free(r->unit);
    }
    free(p->runs);
}

/* ---- one subject ------------------------------------------------------------ */

static ExopkStatus
set_params(Worker *w, size_t ri, long subject, ExopkError *err)
{
    const PopArm *r = &w->pop->runs[ri];
    const ExopkPopSpec *spec = w->pop->spec;
    ExopkParamVector *v = w->vecs[ri];
    ExopkError e;

    exopk_param_vector_reset(v);
    for (size_t k = 0; k < spec->n_params; k++) {
        double x;

        if (r->index[k] < 0)
            continue;
        x = pop_subject_value(spec, r->base, k, w->draw);
        if (exopk_param_vector_set(v, (size_t) r->index[k], x, &e) != EXOPK_OK)
            return exopk_error_set(err, e.code, "subject %ld, arm %s: %s", subject,
                                   w->pop->study->arms[r->arm].name, e.message);
    }
    return EXOPK_OK;
}

/* Metric @m of the study's own run @ref in the subject's result: NaN when
 * the subject does not have it (a half-life or a regrowth time that the
 * subject's curve does not define).  Metrics are in the same order as a
 * rule, so the name at the same index is tried first. */
static double
metric_of(const ExopkResult *res, const ExopkResult *ref, size_t m)
{
    const char *name = exopk_result_metric_name(ref, m);
    const char *same = exopk_result_metric_name(res, m);
    double v;

    if (same != NULL && strcmp(same, name) == 0)
        return exopk_result_metric_value(res, m);
    return exopk_result_metric(res, name, &v) == 0 ? v : NAN;
}

/* The subject's results of run @r into its block of @record. */
static ExopkStatus
fill_record(Worker *w, const PopArm *r, long subject, double *record, ExopkError *err)
{
    const ExopkResult *res = w->res[r->arm];
    double *x = record + r->offset;
    size_t np = w->pop->spec->n_params;

    if (exopk_result_n_times(res) != r->n_times || exopk_result_n_series(res) != r->n_series)
        return exopk_error_set(err, EXOPK_ESOLVER, "subject %ld, arm %s: the outputs differ "
                               "from the study's own run", subject, exopk_result_arm(res));
    for (size_t k = 0; k < np; k++)
        x[k] = r->index[k] < 0 ? NAN : pop_subject_value(w->pop->spec, r->base, k, w->draw);
    x += np;
    for (size_t m = 0; m < r->n_metrics; m++)
        *x++ = metric_of(res, r->ref, m);
    for (size_t s = 0; s < r->n_series; s++, x += r->n_times)
        memcpy(x, exopk_result_series(res, s), r->n_times * sizeof *x);
    return EXOPK_OK;
}

/* One draw of the subject through every run arm. */
static ExopkStatus
run_draw(Worker *w, long subject, double *record, ExopkError *err)
{
    Pop *p = w->pop;
    ExopkStatus st = EXOPK_OK;

    memset(w->res, 0, p->study->n_arms * sizeof *w->res);
    for (size_t i = 0; i < p->n_runs && st == EXOPK_OK; i++) {
        ExopkError e;

        if ((st = set_params(w, i, subject, err)) != EXOPK_OK)
            break;
        w->res[p->runs[i].arm] = exopk_sim_run(w->sims[i], w->vecs[i], NULL, &e);
        if (w->res[p->runs[i].arm] == NULL)
            st = exopk_error_set(err, e.code, "subject %ld, arm %s: %s", subject,
                                 p->study->arms[p->runs[i].arm].name, e.message);
    }
    if (st == EXOPK_OK)
        exopk_results_compare(p->study, w->res);
    for (size_t i = 0; i < p->n_runs && st == EXOPK_OK; i++)
        if (p->runs[i].output)
            st = fill_record(w, &p->runs[i], subject, record, err);
    for (size_t a = 0; a < p->study->n_arms; a++)
        exopk_result_free(w->res[a]);
    return st;
}

/* A draw the model rejects (EXOPK_EINVAL: a value outside its domain, a
 * derived value it cannot reach) is replaced by the subject's next one. */
static ExopkStatus
run_subject(Worker *w, long subject, double *record, ExopkError *err)
{
    ExopkStatus st = EXOPK_EINVAL;
    unsigned attempt;

    for (attempt = 0; attempt < MAX_DRAWS && st == EXOPK_EINVAL; attempt++) {
        exopk_pop_sampler_draw(w->sampler, w->pop->opts->seed, (uint64_t) subject, attempt,
                               w->draw);
        st = run_draw(w, subject, record, err);
    }
    if (st == EXOPK_OK && attempt > 1)
        atomic_fetch_add(&w->pop->redrawn, 1);
    else if (st == EXOPK_EINVAL && err != NULL)
        exopk_error_set(err, EXOPK_EINVAL, "%s (and %d other draws of the subject were "
                        "rejected too; is the variability too wide?)", err->message,
                        MAX_DRAWS - 1);
    return st;
}

static void *
simulate_block(void *data)
{
    Worker *w = data;
    long i;

    while ((i = atomic_fetch_add(w->next, 1)) < w->n) {
        ExopkError e;
        long subject = w->first + i;

        if (run_subject(w, subject, w->records + (size_t) i * w->pop->record_size, &e)
                != EXOPK_OK
            && (w->failed == 0 || subject < w->failed)) {
            w->failed = subject;
            w->err = e;
        }
    }
    return NULL;
}

static void *
merge_bands(void *data)
{
    Worker *w = data;
    PopArm *r = &w->pop->runs[w->band_run];

    if (w->band_to > w->band_from
        && pop_bands_add(r, w->records + r->offset + w->pop->spec->n_params + r->n_metrics,
                         w->pop->record_size, w->n, w->band_from, w->band_to) != 0)
        w->bands_failed = 1;
    return NULL;
}

/* ---- workers ------------------------------------------------------------------ */

static ExopkStatus
worker_init(Worker *w, Pop *p, const ExopkPopSampler *sampler, ExopkError *err)
{
    memset(w, 0, sizeof *w);
    w->pop = p;
    w->sampler = sampler;
    w->sims = calloc(p->n_runs, sizeof *w->sims);
    w->vecs = calloc(p->n_runs, sizeof *w->vecs);
    w->res = calloc(p->study->n_arms, sizeof *w->res);
    w->draw = calloc(p->spec->n_params + 1, sizeof *w->draw);
    if (w->sims == NULL || w->vecs == NULL || w->res == NULL || w->draw == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (size_t i = 0; i < p->n_runs; i++) {
        if ((w->sims[i] = exopk_sim_new(p->runs[i].model, err)) == NULL)
            return EXOPK_ENOMEM;
        if ((w->vecs[i] = exopk_param_vector_new(p->runs[i].model)) == NULL)
            return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
    return EXOPK_OK;
}

static void
worker_clear(Worker *w)
{
    for (size_t i = 0; w->sims != NULL && i < w->pop->n_runs; i++) {
        exopk_sim_free(w->sims[i]);
        exopk_param_vector_free(w->vecs[i]);
    }
    free(w->sims);
    free(w->vecs);
    free(w->res);
    free(w->draw);
}

/* Runs @fn on @n workers: threads 1..n-1 and this thread as worker 0. */
static void
run_parallel(Worker *w, int n, void *(*fn)(void *))
{
    pthread_t tid[n > 1 ? n : 1];
    int started[n > 1 ? n : 1];

    for (int t = 1; t < n; t++)
        started[t] = pthread_create(&tid[t], NULL, fn, &w[t]) == 0;
    fn(&w[0]);
    for (int t = 1; t < n; t++)
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            fn(&w[t]);       /* no thread: do its share here */
}

/* The bands of every output run, split by cells over the workers. */
static void
merge_block_bands(Pop *p, Worker *w, int n)
{
    for (size_t i = 0; i < p->n_runs; i++) {
        size_t cells = p->runs[i].n_series * p->runs[i].n_times;

        if (!p->runs[i].output)
            continue;
        for (int t = 0; t < n; t++) {
            w[t].band_run = i;
            w[t].band_from = cells * (size_t) t / (size_t) n;
            w[t].band_to = cells * (size_t) (t + 1) / (size_t) n;
        }
        run_parallel(w, n, merge_bands);
    }
}

/* Subjects first .. first + count - 1 into @records on the @n workers. */
static ExopkStatus
simulate_records(Worker *w, int n, double *records, long first, long count, ExopkError *err)
{
    atomic_long next = 0;
    long failed = 0;

    for (int t = 0; t < n; t++) {
        w[t].records = records;
        w[t].first = first;
        w[t].n = count;
        w[t].next = &next;
        w[t].failed = 0;
    }
    run_parallel(w, n, simulate_block);
    for (int t = 0; t < n; t++)
        if (w[t].failed != 0 && (failed == 0 || w[t].failed < failed)) {
            failed = w[t].failed;
            if (err != NULL)
                *err = w[t].err;
        }
    return failed != 0 ? (err != NULL ? err->code : EXOPK_ESOLVER) : EXOPK_OK;
}

/* The block's records, in subject order, into the files and statistics. */
static ExopkStatus
merge_records(Pop *p, Worker *w, int n, double *records, long first, long count,
              ExopkError *err)
{
    for (int t = 0; t < n; t++) {
        w[t].records = records;
        w[t].n = count;
    }
    for (long i = 0; i < count; i++)
        pop_record_write(p, first + i, records + (size_t) i * p->record_size);
    merge_block_bands(p, w, n);
    for (int t = 0; t < n; t++)
        if (w[t].bands_failed)
            return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    return EXOPK_OK;
}

/* One block simulated here, merged here. */
static ExopkStatus
run_block(Pop *p, Worker *w, int n, double *records, long first, long count, ExopkError *err)
{
    ExopkStatus st = simulate_records(w, n, records, first, count, err);

    return st == EXOPK_OK ? merge_records(p, w, n, records, first, count, err) : st;
}

/* The source's subjects, in subject order: into the files and statistics. */
typedef struct {
    Pop *p;
    long next;                 /* the subject expected */
    long last_progress;        /* subjects done at the last progress call */
} SourceSink;

static int
sink_heads(void *data, long first, long count, const double *heads, long redrawn)
{
    SourceSink *ss = data;
    Pop *p = ss->p;
    const ExopkPopOptions *o = p->opts;

    if (first != ss->next || count < 0 || first + count - 1 > o->subjects)
        return -1;
    for (long i = 0; i < count; i++)
        pop_head_write(p, first + i, heads + (size_t) i * p->head_size);
    atomic_fetch_add(&p->redrawn, redrawn);
    ss->next += count;
    /* progress as often as the threads' blocks would call it */
    if (o->progress != NULL && (ss->next - 1 - ss->last_progress >= BLOCK_PER_THREAD
                                || ss->next > o->subjects)) {
        ss->last_progress = ss->next - 1;
        return o->progress(ss->next - 1, o->subjects, o->progress_data) != 0;
    }
    return 0;
}

/* Every subject from the source, then its band sketches. */
static ExopkStatus
run_source(Pop *p, ExopkError *err)
{
    const ExopkPopSource *src = p->opts->source;
    SourceSink ss = { p, 1, 0 };
    char *packed = NULL;
    size_t len = 0;
    ExopkStatus st = src->run(src->data, sink_heads, &ss, err);

    if (st == EXOPK_OK && ss.next != p->opts->subjects + 1)
        st = exopk_error_set(err, EXOPK_ESOLVER, "the source gave %ld of %ld subjects",
                             ss.next - 1, p->opts->subjects);
    if (st == EXOPK_OK)
        st = src->bands(src->data, &packed, &len, err);
    if (st == EXOPK_OK)
        st = pop_bands_merge_packed(p, packed, len, err);
    free(packed);
    return st;
}

static ExopkStatus
run_blocks(Pop *p, Worker *w, int n, ExopkError *err)
{
    long total = p->opts->subjects, block = (long) n * BLOCK_PER_THREAD;
    double *records = malloc((size_t) block * (p->record_size ? p->record_size : 1)
                             * sizeof *records);
    ExopkStatus st = EXOPK_OK;

    if (records == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (long first = 1; first <= total && st == EXOPK_OK; first += block) {
        long count = total - first + 1 < block ? total - first + 1 : block;

        st = run_block(p, w, n, records, first, count, err);
        if (st == EXOPK_OK && p->opts->progress != NULL
            && p->opts->progress(first + count - 1, total, p->opts->progress_data) != 0)
            st = exopk_error_set(err, EXOPK_ECANCELLED, "cancelled");
    }
    free(records);
    return st;
}

static ExopkStatus
make_workers(Pop *p, const ExopkPopSampler *sampler, Worker **out, int *made,
             ExopkError *err)
{
    int n = p->opts->threads;
    ExopkStatus st = EXOPK_OK;

    *made = 0;
    if ((*out = calloc((size_t) n, sizeof **out)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (; *made < n && st == EXOPK_OK; (*made)++)
        st = worker_init(&(*out)[*made], p, sampler, err);
    return st;
}

static void
free_workers(Worker *w, int made)
{
    for (int t = 0; t < made; t++)
        worker_clear(&w[t]);
    free(w);
}

static ExopkStatus
run_workers(Pop *p, const ExopkPopSampler *sampler, ExopkError *err)
{
    Worker *w = NULL;
    int made = 0;
    ExopkStatus st = make_workers(p, sampler, &w, &made, err);

    if (st == EXOPK_OK)
        st = run_blocks(p, w, p->opts->threads, err);
    free_workers(w, made);
    return st;
}

/* ---- the entry point ----------------------------------------------------------- */

static ExopkStatus
check_threads(const ExopkPopOptions *o, ExopkError *err)
{
    if (o->threads < 1 || o->threads > 256)
        return exopk_error_set(err, EXOPK_EINVAL, "threads: %d: must be 1 to 256", o->threads);
    return EXOPK_OK;
}

static ExopkStatus
check_options(const ExopkPopOptions *o, ExopkError *err)
{
    if (o->subjects < 1)
        return exopk_error_set(err, EXOPK_EINVAL, "subjects: %ld: must be at least 1",
                               o->subjects);
    return check_threads(o, err);
}

ExopkPopSummary *
exopk_population_run(const ExopkStudy *study, const ExopkPopSpec *spec,
                     const ExopkPopOptions *opts, ExopkError *err)
{
    Pop p = { .study = study, .spec = spec, .opts = opts };
    ExopkPopSampler *sampler = NULL;
    ExopkPopSummary *sum = NULL;
    ExopkStatus st = check_options(opts, err);

    if (st == EXOPK_OK && (sampler = exopk_pop_sampler_new(spec, err)) == NULL)
        st = EXOPK_EINVAL;
    if (st == EXOPK_OK)
        st = setup_arms(&p, err);
    if (st == EXOPK_OK && opts->dir != NULL)
        st = pop_files_open(&p, err);
    if (st == EXOPK_OK)
        st = opts->source != NULL ? run_source(&p, err) : run_workers(&p, sampler, err);
    if (st == EXOPK_OK && (sum = pop_summary_make(&p, err)) == NULL)
        st = EXOPK_ENOMEM;
    if (st == EXOPK_OK && opts->dir != NULL && pop_files_finish(&p, sum, err) != EXOPK_OK) {
        exopk_pop_summary_free(sum);
        sum = NULL;
    }
    if (sum == NULL)
        pop_files_abort(&p);
    free_arms(&p);
    exopk_pop_sampler_free(sampler);
    return sum;
}

/* ---- the evaluator: the subjects without statistics or files ----------------- */

struct ExopkPopEvaluator {
    Pop pop;
    ExopkPopSampler *sampler;
    Worker *workers;
    int made;
    double *records;           /* the last chunk's whole records */
    long room;                 /* subjects they have room for */
};

void
exopk_pop_evaluator_free(ExopkPopEvaluator *e)
{
    if (e == NULL)
        return;
    free_workers(e->workers, e->made);
    free_arms(&e->pop);
    exopk_pop_sampler_free(e->sampler);
    free(e->records);
    free(e);
}

ExopkPopEvaluator *
exopk_pop_evaluator_new(const ExopkStudy *study, const ExopkPopSpec *spec,
                        const ExopkPopOptions *opts, ExopkError *err)
{
    ExopkPopEvaluator *e = calloc(1, sizeof *e);
    ExopkStatus st = check_threads(opts, err);

    if (e == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    e->pop = (Pop){ .study = study, .spec = spec, .opts = opts };
    if (st == EXOPK_OK && (e->sampler = exopk_pop_sampler_new(spec, err)) == NULL)
        st = EXOPK_EINVAL;
    if (st == EXOPK_OK)
        st = setup_arms(&e->pop, err);
    if (st == EXOPK_OK)
        st = make_workers(&e->pop, e->sampler, &e->workers, &e->made, err);
    if (st != EXOPK_OK) {
        exopk_pop_evaluator_free(e);
        return NULL;
    }
    return e;
}

size_t
exopk_pop_evaluator_head_size(const ExopkPopEvaluator *e)
{
    return e->pop.head_size;
}

/* Room for @count whole records. */
static ExopkStatus
evaluator_room(ExopkPopEvaluator *e, long count, ExopkError *err)
{
    double *r;

    if (count <= e->room)
        return EXOPK_OK;
    r = realloc(e->records, (size_t) count * (e->pop.record_size ? e->pop.record_size : 1)
                                * sizeof *r);
    if (r == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    e->records = r;
    e->room = count;
    return EXOPK_OK;
}

/* The chunk's series into the sketches, its heads out. */
static ExopkStatus
evaluator_keep(ExopkPopEvaluator *e, long count, double *heads, ExopkError *err)
{
    Pop *p = &e->pop;
    int n = p->opts->threads;

    for (int t = 0; t < n; t++)
        e->workers[t].n = count;
    merge_block_bands(p, e->workers, n);
    for (int t = 0; t < n; t++)
        if (e->workers[t].bands_failed)
            return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    for (long i = 0; i < count; i++)
        for (size_t k = 0; k < p->n_runs; k++) {
            const PopArm *r = &p->runs[k];

            if (r->output)
                memcpy(heads + (size_t) i * p->head_size + r->head_offset,
                       e->records + (size_t) i * p->record_size + r->offset,
                       (p->spec->n_params + r->n_metrics) * sizeof *heads);
        }
    return EXOPK_OK;
}

ExopkStatus
exopk_pop_evaluator_run(ExopkPopEvaluator *e, long first, long count, double *heads,
                        long *redrawn, ExopkError *err)
{
    long before = atomic_load(&e->pop.redrawn);
    ExopkStatus st;

    if (first < 1 || count < 0)
        return exopk_error_set(err, EXOPK_EINVAL, "subjects %ld + %ld: the first is 1",
                               first, count);
    if ((st = evaluator_room(e, count, err)) != EXOPK_OK)
        return st;
    st = simulate_records(e->workers, e->pop.opts->threads, e->records, first, count, err);
    *redrawn += atomic_load(&e->pop.redrawn) - before;
    return st == EXOPK_OK ? evaluator_keep(e, count, heads, err) : st;
}

ExopkStatus
exopk_pop_evaluator_bands(const ExopkPopEvaluator *e, char **packed, size_t *len,
                          ExopkError *err)
{
    *len = pop_bands_packed_size(&e->pop);
    if ((*packed = malloc(*len ? *len : 1)) == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    pop_bands_pack(&e->pop, *packed);
    return EXOPK_OK;
}

ExopkStatus
exopk_pop_evaluator_add_bands(ExopkPopEvaluator *e, const char *packed, size_t len,
                              ExopkError *err)
{
    return pop_bands_merge_packed(&e->pop, packed, len, err);
}

void
exopk_pop_evaluator_clear_bands(ExopkPopEvaluator *e)
{
    for (size_t i = 0; i < e->pop.n_runs; i++) {
        PopArm *r = &e->pop.runs[i];

        for (size_t c = 0; r->output && c < r->n_series * r->n_times; c++)
            pop_sketch_clear(&r->bands[c]);
    }
}
