/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk population STUDY.lua --subjects N [--seed S] [-j N] [--arm NAME]...
 * -o DIR`: a virtual population of the study's variability
 * (docs/population.md).  The work is the core's (exopk_population_run);
 * this file parses the options, draws the progress line and turns SIGINT
 * and SIGTERM into a cancel, so that no file is left half-written. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "exopk-population.h"
#include "exopk/exopk.h"
#include "mpi-deal.h"
#include "checkpoint.h"
#include "plot.h"
#include "population.h"
#include "text.h"

#define MAX_ARMS 64
#define MAX_SUBJECTS 10000000L

typedef struct {
    const char *study, *dir, *plot;
    long subjects;
    unsigned long long seed;
    int threads, resume;
    double every, rank_timeout;  /* --checkpoint, --rank-timeout (s) */
    const char *arms[MAX_ARMS];
    size_t n_arms;
    ExopkPlotStyle style;
} Options;

static volatile sig_atomic_t stop_signal;

static void
on_signal(int sig)
{
    stop_signal = sig;
}

typedef struct {
    int tty;
    double start;
} Progress;

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static int
progress(long done, long total, void *data)
{
    Progress *p = data;

    if (p->tty) {
        double t = now_s() - p->start;

        fprintf(stderr, "\r%ld/%ld subjects, %.0f/s ", done, total, t > 0 ? done / t : 0.0);
        if (done == total)
            fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    return stop_signal != 0;
}

static int
parse_long(const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end;
    long v;

    errno = 0;
    v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) {
        cli_printf(stderr, "exopk population: %s %s: expected a whole number from %ld to %ld\n",
                   opt, text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int
parse_seed(const char *text, unsigned long long *out)
{
    char *end;

    errno = 0;
    *out = strtoull(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
        cli_printf(stderr, "exopk population: --seed %s: expected a whole number from 0 to "
                   "18446744073709551615\n", text);
        return -1;
    }
    return 0;
}

static int
parse_seconds(const char *opt, const char *text, double *out)
{
    char *end;

    *out = strtod(text, &end);
    if (end == text || *end != '\0' || !(*out >= 0) || !isfinite(*out)) {
        cli_printf(stderr, "exopk population: %s %s: expected seconds >= 0\n", opt, text);
        return -1;
    }
    return 0;
}

/* 0, 1 after --help, -1 after an error message. */
static int
parse_options(int argc, char **argv, Options *o)
{
    static const struct option longopts[] = {
        { "subjects", required_argument, NULL, 'n' }, { "seed", required_argument, NULL, 's' },
        { "jobs", required_argument, NULL, 'j' },     { "arm", required_argument, NULL, 'a' },
        { "output", required_argument, NULL, 'o' },   { "help", no_argument, NULL, 'h' },
        { "load-timeout", required_argument, NULL, 't' }, { "plot", required_argument, NULL, 'p' },
        { "style", required_argument, NULL, 'y' },
        { "checkpoint", required_argument, NULL, 'c' }, { "resume", no_argument, NULL, 'r' },
        { "rank-timeout", required_argument, NULL, 'T' },
        { NULL, 0, NULL, 0 }
    };
    long v = 0;
    int c;

    while ((c = cli_getopt("population", argc, argv, "j:o:h", longopts)) != -1) {
        switch (c) {
        case 'n': if (parse_long("--subjects", optarg, 1, MAX_SUBJECTS, &o->subjects)) return -1;
                  break;
        case 's': if (parse_seed(optarg, &o->seed)) return -1; break;
        case 'j': if (parse_long("-j", optarg, 1, 256, &v)) return -1;
                  o->threads = (int) v;
                  break;
        case 'a': if (o->n_arms == MAX_ARMS) {
                      fprintf(stderr, "exopk population: at most %d --arm options\n", MAX_ARMS);
                      return -1;
                  }
                  o->arms[o->n_arms++] = optarg;
                  break;
        case 'o': o->dir = optarg; break;
        case 'p': o->plot = optarg; break;
        case 'y': if (cli_parse_style("population", optarg, &o->style) != 0) return -1; break;
        case 't': if (cli_load_timeout("population", optarg) != 0) return -1; break;
        case 'c': if (parse_seconds("--checkpoint", optarg, &o->every)) return -1; break;
        case 'r': o->resume = 1; break;
        case 'T': if (parse_seconds("--rank-timeout", optarg, &o->rank_timeout)) return -1;
                  break;
        case 'h': cli_usage("population", stdout); return 1;
        default: return -1;
        }
    }
    if (optind + 1 != argc || o->dir == NULL || o->subjects == 0) {
        fputs("exopk population: needs one STUDY.lua, --subjects N and -o DIR (see exopk "
              "population --help)\n", stderr);
        return -1;
    }
    o->study = argv[optind];
    return 0;
}

/* The indices of the --arm names (nearest name on a typo). */
static int
arm_indices(const ExopkStudy *s, const Options *o, size_t *idx)
{
    const char *names[MAX_ARMS];
    size_t n = s->n_arms < MAX_ARMS ? s->n_arms : MAX_ARMS;

    for (size_t a = 0; a < n; a++)
        names[a] = s->arms[a].name;
    for (size_t i = 0; i < o->n_arms; i++) {
        size_t a = 0;

        while (a < n && strcmp(names[a], o->arms[i]) != 0)
            a++;
        if (a == n) {
            const char *near = exopk_nearest_name(o->arms[i], names, n);
            cli_printf(stderr, "%s: --arm %s: no such arm%s%s%s\n", o->study, o->arms[i],
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
            return -1;
        }
        idx[i] = a;
    }
    return 0;
}

static int
make_dir(const char *dir)
{
    struct stat st;

    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    if (mkdir(dir, 0777) != 0) {
        cli_printf(stderr, "exopk population: %s: cannot create: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

static int
exit_for(ExopkStatus code)
{
    switch (code) {
    case EXOPK_EINVAL: return EXIT_USAGE;
    case EXOPK_EIO: return EXIT_IO;
    default: return EXIT_RUN;
    }
}

/* The bands of every arm run: p05..p95 shaded, the p50 line. */
static int
write_plot(const ExopkStudy *s, ExopkPopSummary *sum, const char *path, ExopkPlotStyle style)
{
    size_t n = exopk_pop_summary_n_arms(sum);
    ExopkResult **band = calloc(3 * (n ? n : 1), sizeof *band);
    ExopkFigure *fig = NULL;
    ExopkStatus st = EXOPK_ENOMEM;
    ExopkError err;

    for (size_t a = 0; band != NULL && a < n; a++)
        for (int q = 0; q < 3; q++)
            band[q * n + a] = exopk_pop_summary_band(sum, a, (ExopkPopBand) q);
    if (band != NULL && (fig = exopk_figure_new(s->name, band + n, n)) != NULL) {
        exopk_figure_set_bands(fig, band, band + 2 * n, n,
                               "p05\xe2\x80\x93p95 of the subjects (line: p50)");
        exopk_figure_set_style(fig, style);
        st = exopk_figure_set_study_doses(fig, s);
        if (st == EXOPK_OK)
            st = exopk_figure_write(fig, path, 0, 0, &err);
    }
    exopk_figure_free(fig);
    free(band);
    if (st == EXOPK_OK)
        return 0;
    if (st == EXOPK_ENOMEM)
        exopk_error_set(&err, st, "%s: out of memory", path);
    cli_printf(stderr, "exopk population: --plot %s\n", err.message);
    return exit_for(st);
}

/* ---- the subjects dealt in chunks, checkpoints (docs/mpi.md) ------------------ */

/* Subjects per chunk: over ranks a few per thread, so a chunk keeps a
 * rank's threads busy and its answer (parameters and metrics) stays small;
 * on one process a block as large as the core's own. */
#define CHUNK_PER_THREAD 4
#define CHUNK_PER_THREAD_ALONE 16

/* One rank's share: its own evaluator, or why it has none. */
typedef struct {
    ExopkPopEvaluator *eval;
    size_t head_size;
    int threads;
    ExopkError setup;
} RankWork;

/* The answer to a chunk: the redrawn count and the heads, or the error
 * message (status: its ExopkStatus). */
static void
work_chunk(void *ctx, long first, long count, const char *in, MpiAnswer *out)
{
    RankWork *rw = ctx;
    size_t n = sizeof(long) + (size_t) count * rw->head_size * sizeof(double);
    ExopkError err;
    long redrawn = 0;
    ExopkStatus st;

    (void) in;
    if (rw->eval == NULL) {
        mpi_answer_fail(out, rw->setup.code, rw->setup.message);
    } else if (cli_mpi_forced_failure()) {
        exopk_error_set(&err, EXOPK_ESOLVER, "subjects %ld to %ld: failure forced by "
                        "EXOPK_MPI_FAIL", first, first + count - 1);
        mpi_answer_fail(out, EXOPK_ESOLVER, err.message);
    } else if ((out->data = malloc(n)) == NULL) {
        mpi_answer_fail(out, EXOPK_ENOMEM, "out of memory");
    } else if ((st = exopk_pop_evaluator_run(rw->eval, first, count,
                                             (double *) (out->data + sizeof redrawn),
                                             &redrawn, &err)) != EXOPK_OK) {
        free(out->data);
        mpi_answer_fail(out, st, err.message);
    } else {
        memcpy(out->data, &redrawn, sizeof redrawn);
        out->status = 0;
        out->len = n;
    }
}

static void
rank_work_init(RankWork *rw, const ExopkStudy *s, const ExopkPopSpec *spec,
               const ExopkPopOptions *po)
{
    memset(rw, 0, sizeof *rw);
    rw->threads = po->threads;
    rw->eval = exopk_pop_evaluator_new(s, spec, po, &rw->setup);
    if (rw->eval != NULL)
        rw->head_size = exopk_pop_evaluator_head_size(rw->eval);
}

/* Rank 0's side: the source of exopk_population_run, and the checkpoint:
 * the heads of subjects 1 .. done (every one committed so far), how many
 * were drawn again, and rank 0's evaluator's sketches, to which every
 * rank's are added at each checkpoint, so they count subjects 1 .. done. */
typedef struct {
    RankWork own;
    long subjects;
    ExopkPopSink sink;         /* the core's, for the heads in subject order */
    void *sink_data;
    ExopkError *err;
    int failed;
    char path[4096];           /* DIR/population.checkpoint ("": none) */
    CkptKeys keys;
    double every, rank_timeout;
    double *heads;
    long done, room, redrawn;
    long saved;                /* subjects in the checkpoint file */
} RankSource;

/* Keeps the heads of a committed chunk for the next checkpoint. */
static int
keep_heads(RankSource *rs, long count, const double *heads, long redrawn)
{
    size_t h = rs->own.head_size;

    if (rs->path[0] == '\0')
        return 0;
    if (rs->done + count > rs->room) {
        long room = rs->room > 0 ? 2 * rs->room : 1024;
        double *p;

        while (room < rs->done + count)
            room *= 2;
        if ((p = realloc(rs->heads, (size_t) room * (h ? h : 1) * sizeof *p)) == NULL)
            return exopk_error_set(rs->err, EXOPK_ENOMEM, "out of memory"), -1;
        rs->heads = p;
        rs->room = room;
    }
    memcpy(rs->heads + (size_t) rs->done * h, heads, (size_t) count * h * sizeof *heads);
    rs->done += count;
    rs->redrawn += redrawn;
    return 0;
}

static int
commit_chunk(void *ctx, long first, long count, int rank, MpiAnswer *a)
{
    RankSource *rs = ctx;
    size_t bytes = (size_t) count * rs->own.head_size * sizeof(double);
    char who[32] = "";
    long redrawn;
    int rc;

    if (a->status != 0 || a->len != sizeof redrawn + bytes) {
        if (cli_mpi_size() > 1)
            snprintf(who, sizeof who, "rank %d: ", rank);
        exopk_error_set(rs->err, a->status != 0 ? (ExopkStatus) a->status : EXOPK_ESOLVER,
                        "%s%s", who, a->status != 0 && a->data != NULL ? a->data
                        : "the answer has the wrong size");
        free(a->data);
        rs->failed = 1;
        return 1;
    }
    memcpy(&redrawn, a->data, sizeof redrawn);
    rc = keep_heads(rs, count, (const double *) (a->data + sizeof redrawn), redrawn);
    if (rc == 0)
        rc = rs->sink(rs->sink_data, first, count, (const double *) (a->data + sizeof redrawn),
                      redrawn);
    rs->failed |= rc < 0;
    free(a->data);
    return rc;
}

/* A rank's summary: the band sketches of the subjects it ran since the
 * last one (rank 0 keeps their sum). */
static void
summary_bands(void *ctx, MpiAnswer *out)
{
    RankWork *rw = ctx;
    ExopkError err;

    if (rw->eval == NULL)
        mpi_answer_fail(out, rw->setup.code, rw->setup.message);
    else if (exopk_pop_evaluator_bands(rw->eval, &out->data, &out->len, &err) != EXOPK_OK)
        mpi_answer_fail(out, err.code, err.message);
    else
        exopk_pop_evaluator_clear_bands(rw->eval);
}

/* Rank 0: another rank's sketches added to its own. */
static int
commit_bands(void *ctx, long first, long count, int rank, MpiAnswer *a)
{
    RankSource *rs = ctx;
    ExopkError err;

    (void) first, (void) count;
    if (a->status != 0)
        exopk_error_set(rs->err, (ExopkStatus) a->status, "rank %d: %s", rank,
                        a->data != NULL ? a->data : "no answer");
    else if (exopk_pop_evaluator_add_bands(rs->own.eval, a->data, a->len, &err) != EXOPK_OK)
        exopk_error_set(rs->err, err.code, "rank %d: %s", rank, err.message);
    free(a->data);
    return a->status != 0 || rs->err->code != EXOPK_OK;
}

/* The source's bands: every rank's sketches, this one's included. */
static ExopkStatus
gather_bands(void *data, char **packed, size_t *len, ExopkError *err)
{
    RankSource *rs = data;

    rs->err = err;
    err->code = EXOPK_OK;
    if (cli_mpi_collect(commit_bands, rs) != 0)
        return err->code != EXOPK_OK ? err->code : EXOPK_ESOLVER;
    return exopk_pop_evaluator_bands(rs->own.eval, packed, len, err);
}

/* The dealer's checkpoint: every chunk dealt is committed; the ranks'
 * sketches are gathered and the file written whole. */
static int
write_checkpoint(void *ctx)
{
    RankSource *rs = ctx;
    char *bands = NULL;
    size_t blen = 0;

    rs->err->code = EXOPK_OK;
    if (cli_mpi_collect(commit_bands, rs) != 0
        || exopk_pop_evaluator_bands(rs->own.eval, &bands, &blen, rs->err) != EXOPK_OK) {
        rs->failed = 1;
        return 1;
    }
    {
        const void *parts[] = { &rs->redrawn, rs->heads, bands };
        size_t lens[] = { sizeof rs->redrawn,
                          (size_t) rs->done * rs->own.head_size * sizeof *rs->heads, blen };

        if (ckpt_write(rs->path, &rs->keys, rs->done, parts, lens, 3, rs->err) != EXOPK_OK)
            rs->failed = 1;
        else
            rs->saved = rs->done;
    }
    free(bands);
    return rs->failed;
}

static void
rank_lost(void *ctx, int rank, long first, long count, double seconds)
{
    RankSource *rs = ctx;

    exopk_error_set(rs->err, EXOPK_ESOLVER, "rank %d: no answer for %.0f s (--rank-timeout), "
                    "subjects %ld to %ld", rank, seconds, first, first + count - 1);
    rs->failed = 1;
}

static int
stop_requested(void *ctx)
{
    (void) ctx;
    return stop_signal != 0;
}

/* The source's run: the checkpoint's subjects, then the others dealt in
 * chunks (over the ranks, or here). */
static ExopkStatus
deal_subjects(void *data, ExopkPopSink sink, void *sink_data, ExopkError *err)
{
    RankSource *rs = data;
    long chunk = (long) (cli_mpi_size() > 1 ? CHUNK_PER_THREAD : CHUNK_PER_THREAD_ALONE)
                 * rs->own.threads;
    MpiDeal d = { rs->done + 1, rs->subjects - rs->done, chunk, NULL, 0, work_chunk, &rs->own,
                  commit_chunk, rs, stop_requested, NULL, write_checkpoint, rs,
                  rs->path[0] != '\0' ? rs->every : 0, rs->rank_timeout, rank_lost };

    rs->sink = sink;
    rs->sink_data = sink_data;
    rs->err = err;
    if (rs->done > 0 && sink(sink_data, 1, rs->done, rs->heads, rs->redrawn) != 0)
        return exopk_error_set(err, EXOPK_ECANCELLED, "cancelled");
    if (cli_deal(&d) == 0)
        return EXOPK_OK;
    return rs->failed ? err->code : exopk_error_set(err, EXOPK_ECANCELLED, "cancelled");
}

/* The "arms" setting: all, or the --arm names in order. */
static void
ckpt_arms(CkptKeys *k, const ExopkStudy *s, const Options *o, const size_t *arms)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    for (size_t i = 0; fp != NULL && i < o->n_arms; i++)
        fprintf(fp, "%s%s", i ? "," : "", s->arms[arms[i]].name);
    if (fp == NULL || fclose(fp) != 0 || buf == NULL)
        ckpt_key(k, "arms", "unknown (out of memory, process %ld)", (long) getpid());
    else
        ckpt_key(k, "arms", "%s", o->n_arms ? buf : "all");
    free(buf);
}

/* What a checkpoint belongs to: the study file's bytes, the seed, the
 * subjects, the arms and the varied parameters.  (-j and the ranks do
 * not change the results.) */
static void
population_keys(CkptKeys *k, const ExopkStudy *s, const ExopkPopSpec *spec, const Options *o,
                const size_t *arms, size_t head_size)
{
    uint64_t h = CKPT_HASH_INIT;

    k->command = "population";
    k->n = 0;
    ckpt_key(k, "study", "%016llx", (unsigned long long) ckpt_hash_file(o->study));
    ckpt_key(k, "seed", "%llu", o->seed);
    ckpt_key(k, "subjects", "%ld", o->subjects);
    ckpt_arms(k, s, o, arms);
    for (size_t i = 0; i < spec->n_params; i++) {
        const ExopkPopParam *q = &spec->params[i];
        double v[3] = { q->cv, q->lo, q->hi };

        h = ckpt_hash(q->name, strlen(q->name) + 1, h);
        h = ckpt_hash(&q->dist, sizeof q->dist, h);
        h = ckpt_hash(v, sizeof v, h);
    }
    for (size_t i = 0; i < spec->n_correlations; i++) {
        const ExopkCorrelation *c = &spec->correlations[i];
        size_t ab[2] = { c->a, c->b };

        h = ckpt_hash(ab, sizeof ab, ckpt_hash(&c->rho, sizeof c->rho, h));
    }
    ckpt_key(k, "variability", "%zu parameters (hash %016llx)", spec->n_params,
             (unsigned long long) h);
    ckpt_key(k, "head", "%zu", head_size);
}

/* --resume: the checkpoint's subjects and sketches taken over.  0, or an
 * exit status after the message. */
static int
resume_checkpoint(RankSource *rs)
{
    char *data = NULL;
    size_t len = 0, heads;
    long done = 0;
    ExopkError err;
    int rc = ckpt_read(rs->path, &rs->keys, &done, &data, &len, &err);

    if (rc == 1)
        return 0;              /* none yet: a fresh run */
    heads = (size_t) done * rs->own.head_size * sizeof(double);
    if (rc == 0 && (done >= rs->subjects || len < sizeof(long) + heads)) {
        exopk_error_set(&err, EXOPK_EINVAL, "%s: holds %ld subjects in %zu bytes; remove it",
                        rs->path, done, len);
        rc = -1;
    }
    rs->err = &err;
    if (rc == 0 && (keep_heads(rs, done, (const double *) (data + sizeof(long)), 0) != 0
                    || exopk_pop_evaluator_add_bands(rs->own.eval, data + sizeof(long) + heads,
                                                     len - sizeof(long) - heads, &err)
                       != EXOPK_OK))
        rc = -1;
    if (rc == 0) {
        memcpy(&rs->redrawn, data, sizeof(long));
        rs->saved = done;
    }
    free(data);
    rs->err = NULL;
    if (rc == 0)
        return 0;
    cli_printf(stderr, "%s\n", err.message);
    return err.code == EXOPK_EINVAL ? EXIT_USAGE : exit_for(err.code);
}

/* Where the run stopped, when a checkpoint says. */
static void
checkpoint_note(const RankSource *rs)
{
    if (rs->saved > 0)
        cli_printf(stderr, "exopk population: %s holds subjects 1 to %ld (--resume "
                   "continues)\n", rs->path, rs->saved);
}

/* Ranks other than 0: answer rank 0's chunks until it is done. */
static void
serve_population(const ExopkStudy *s, const ExopkPopSpec *spec, const Options *o,
                 const size_t *arms)
{
    ExopkPopOptions po = { o->subjects, o->seed, o->threads, o->n_arms ? arms : NULL, o->n_arms,
                           NULL, NULL, NULL, NULL };
    RankWork rw;

    rank_work_init(&rw, s, spec, &po);
    cli_mpi_serve(work_chunk, summary_bands, &rw);
    exopk_pop_evaluator_free(rw.eval);
}

/* Rank 0's source: its own evaluator, the checkpoint's settings and, with
 * --resume, its subjects.  0, or an exit status after the message. */
static int
source_init(RankSource *rs, const ExopkStudy *s, const ExopkPopSpec *spec, const Options *o,
            const size_t *arms, const ExopkPopOptions *po)
{
    rank_work_init(&rs->own, s, spec, po);
    rs->subjects = o->subjects;
    rs->every = o->every;
    rs->rank_timeout = o->rank_timeout;
    if (rs->own.eval == NULL) {
        cli_printf(stderr, "%s: %s\n", o->study, rs->own.setup.message);
        return exit_for(rs->own.setup.code);
    }
    if (o->every == 0 && !o->resume)
        return 0;
    snprintf(rs->path, sizeof rs->path, "%s/population.checkpoint", o->dir);
    population_keys(&rs->keys, s, spec, o, arms, rs->own.head_size);
    return o->resume ? resume_checkpoint(rs) : 0;
}

static void
source_clear(RankSource *rs)
{
    exopk_pop_evaluator_free(rs->own.eval);
    free(rs->heads);
}

/* The end of a run that wrote nothing: interrupted or failed. */
static int
run_failed(const RankSource *rs, const Options *o, const ExopkError *err)
{
    if (stop_signal != 0) {
        fprintf(stderr, "exopk population: interrupted; no file written\n");
        checkpoint_note(rs);
        raise(stop_signal);
        return EXIT_RUN;
    }
    cli_printf(stderr, "%s: %s\n", o->study, err->message);
    checkpoint_note(rs);
    return exit_for(err->code);
}

/* Runs the population with SIGINT and SIGTERM turned into a cancel: the
 * subjects come from the dealer (mpi-deal.h), on this process or over
 * the ranks, with checkpoints. */
static int
run(const ExopkStudy *s, const ExopkPopSpec *spec, const Options *o, const size_t *arms)
{
    Progress pr = { isatty(STDERR_FILENO), now_s() };
    RankSource rs = { 0 };
    ExopkPopSource source = { deal_subjects, gather_bands, &rs };
    ExopkPopOptions po = { o->subjects, o->seed, o->threads, o->n_arms ? arms : NULL, o->n_arms,
                           o->dir, progress, &pr, &source };
    struct sigaction sa, old_int, old_term;
    ExopkPopSummary *sum = NULL;
    ExopkError err;
    int rc = source_init(&rs, s, spec, o, arms, &po);

    if (rc != 0) {
        source_clear(&rs);
        return rc;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sum = exopk_population_run(s, spec, &po, &err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (pr.tty)
        fputs("\r\033[K", stderr);
    if (sum == NULL) {
        rc = run_failed(&rs, o, &err);
        source_clear(&rs);
        return rc;
    }
    if (rs.path[0] != '\0')
        remove(rs.path);       /* the files are whole: nothing to resume */
    source_clear(&rs);
    if (exopk_pop_summary_redrawn(sum) > 0)
        fprintf(stderr, "note: %ld of %ld subjects drawn again: the model rejected their first "
                "draw (docs/population.md)\n", exopk_pop_summary_redrawn(sum), o->subjects);
    rc = o->plot != NULL ? write_plot(s, sum, o->plot, o->style) : 0;
    exopk_pop_summary_free(sum);
    return rc;
}

/* A rank other than 0: the same study and draws as rank 0, no files.
 * What fails here reaches rank 0 as the answer to its first chunk. */
static int
serve_rank(const char *data_dir, const Options *o)
{
    size_t arms[MAX_ARMS];
    ExopkPopSpec *spec = malloc(sizeof *spec);
    ExopkStudy *s = NULL;
    RankWork failed = { 0 };

    /* rank 0 fails the same way first and reports it; this is for a rank
     * that alone cannot read the study (another node's file system) */
    exopk_error_set(&failed.setup, EXOPK_EIO, "%s: this rank cannot load the study", o->study);
    if (spec != NULL
        && (s = exopk_lua_load_study(o->study, data_dir, cli_warn_stderr, NULL,
                                     &failed.setup)) != NULL
        && exopk_lua_population_spec(s, data_dir, spec, &failed.setup) == EXOPK_OK
        && arm_indices(s, o, arms) == 0)
        serve_population(s, spec, o, arms);
    else
        cli_mpi_serve(work_chunk, NULL, &failed);
    free(spec);
    exopk_study_free(s);
    return 0;
}

int
exopk_cli_population(const char *data_dir, int argc, char **argv)
{
    Options o = { .threads = 1, .seed = 1, .every = 10 };
    size_t arms[MAX_ARMS];
    ExopkPopSpec *spec = NULL;
    ExopkStudy *s = NULL;
    ExopkError err;
    int rc = parse_options(argc, argv, &o);

    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    if (cli_mpi_rank() > 0)
        return serve_rank(data_dir, &o);
    if ((s = exopk_lua_load_study(o.study, data_dir, cli_warn_stderr, NULL, &err)) == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        return exit_for(err.code);
    }
    if ((spec = malloc(sizeof *spec)) == NULL)
        rc = EXIT_RUN;
    else if (exopk_lua_population_spec(s, data_dir, spec, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s: %s\n", o.study, err.message);
        rc = exit_for(err.code);
    } else if (arm_indices(s, &o, arms) != 0) {
        rc = EXIT_USAGE;
    } else if ((rc = (o.plot != NULL ? cli_check_plot("population", o.plot) : 0)) != 0) {
    } else if (make_dir(o.dir) != 0) {
        rc = EXIT_IO;
    } else {
        if (spec->n_params == 0)
            cli_printf(stderr, "note: %s varies nothing (no variability, batch or uncertainty): "
                       "every subject is the study's own run\n", o.study);
        rc = run(s, spec, &o, arms);
    }
    free(spec);
    exopk_study_free(s);
    return rc;
}
