/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk sensitivity`: local, Morris or Sobol sensitivity of an arm's
 * metrics to its parameters (include/exopk/sensitivity.h), one CSV table.
 * The arm is compiled once; every design point runs in a per-thread
 * workspace; the table is written whole (ExopkAtomicFile) or not at all. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkpoint.h"
#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "mpi-deal.h"
#include "plot.h"
#include "sens-cli.h"
#include "set.h"
#include "text.h"

#define MAX_VARY 256
#define MAX_METRICS 256

typedef struct {
    ExopkSensMethod method;
    const char *study_path, *arm_name, *out_dir, *plot;
    const char *vary[MAX_VARY];
    const char *metrics[MAX_METRICS];
    char *sets[MAX_VARY];      /* --set arguments (borrowed from argv) */
    size_t n_vary, n_metrics, n_sets;
    size_t samples;
    int levels, threads, linear, resume;
    double every, rank_timeout;  /* --checkpoint, --rank-timeout (s) */
    unsigned long seed;
    ExopkPlotStyle style;
} Options;

/* One varied parameter: its index in the model, nominal value, range. */
typedef struct {
    char path[160];
    size_t index;
    double nominal, lower, upper;
    unsigned char log_scale;
    char unit[32];
} Varied;

/* The library ranges of the parameters the arm uses (docs/sensitivity.md):
 * the default ranges of --vary PATH and the default --vary set. */
typedef struct {
    const ExopkStudy *s;
    size_t arm, n;
    struct {
        char path[160];
        double lo, hi;
    } p[MAX_VARY];
} LibraryRanges;

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    (void) sig;
    interrupted = 1;
}

static int
parse_method(const char *s, ExopkSensMethod *m)
{
    static const char *const names[] = { "local", "morris", "sobol" };

    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *m = (ExopkSensMethod) i;
            return 0;
        }
    {
        const char *near = exopk_nearest_name(s, names, 3);
        cli_printf(stderr, "exopk sensitivity: --method %s: expected local, morris or sobol%s%s%s\n",
                   s, near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    }
    return -1;
}

/* A whole number > 0 for @opt, or -1 with a message. */
static long
positive(const char *opt, const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v <= 0 || v > 100000000) {
        cli_printf(stderr, "exopk sensitivity: %s %s: expected a whole number from 1 to 1e8\n",
                   opt, s);
        return -1;
    }
    return v;
}

/* Seconds >= 0 for @opt into *@out; -1 with a message. */
static int
seconds(const char *opt, const char *s, double *out)
{
    char *end;

    *out = strtod(s, &end);
    if (*s == '\0' || *end != '\0' || !(*out >= 0) || !isfinite(*out)) {
        cli_printf(stderr, "exopk sensitivity: %s %s: expected seconds >= 0\n", opt, s);
        return -1;
    }
    return 0;
}

static int
add_option(Options *o, int c, const char *arg)
{
    long v;

    switch (c) {
    case 'm': return parse_method(arg, &o->method);
    case 'a': o->arm_name = arg; return 0;
    case 'o': o->out_dir = arg; return 0;
    case 'P': return cli_check_plot("sensitivity", o->plot = arg) != 0 ? -1 : 0;
    case 'Y': return cli_parse_style("sensitivity", arg, &o->style) != 0 ? -1 : 0;
    case 'l': o->linear = 1; return 0;
    case 'r': o->resume = 1; return 0;
    case 'c':
    case 'T':
        return seconds(c == 'c' ? "--checkpoint" : "--rank-timeout", arg,
                       c == 'c' ? &o->every : &o->rank_timeout);
    case 't': return cli_load_timeout("sensitivity", arg);
    case 'S':
        if (o->n_sets == MAX_VARY) {
            fprintf(stderr, "exopk sensitivity: at most %d --set options\n", MAX_VARY);
            return -1;
        }
        if (cli_set_check_arg("sensitivity", arg) != 0)
            return -1;
        o->sets[o->n_sets++] = (char *) arg;   /* argv's own string */
        return 0;
    case 'v':
    case 'M':
        if ((c == 'v' ? o->n_vary : o->n_metrics) == MAX_VARY) {
            fprintf(stderr, "exopk sensitivity: at most %d --%s options\n", MAX_VARY,
                    c == 'v' ? "vary" : "metric");
            return -1;
        }
        if (c == 'v')
            o->vary[o->n_vary++] = arg;
        else
            o->metrics[o->n_metrics++] = arg;
        return 0;
    default:
        if ((v = positive(c == 'n' ? "--samples" : c == 'p' ? "--levels" : c == 's' ? "--seed"
                                                                           : "-j", arg)) < 0)
            return -1;
        if (c == 'n')
            o->samples = (size_t) v;
        else if (c == 'p')
            o->levels = (int) v;
        else if (c == 's')
            o->seed = (unsigned long) v;
        else
            o->threads = (int) v;
        return 0;
    }
}

/* 0 and @o filled, 1 after --help, -1 on a usage error (reported). */
static int
parse_options(int argc, char **argv, Options *o)
{
    static const struct option longopts[] = {
        { "method", required_argument, NULL, 'm' }, { "vary", required_argument, NULL, 'v' },
        { "metric", required_argument, NULL, 'M' }, { "arm", required_argument, NULL, 'a' },
        { "samples", required_argument, NULL, 'n' }, { "levels", required_argument, NULL, 'p' },
        { "seed", required_argument, NULL, 's' },    { "linear", no_argument, NULL, 'l' },
        { "output", required_argument, NULL, 'o' }, { "jobs", required_argument, NULL, 'j' },
        { "set", required_argument, NULL, 'S' },     { "plot", required_argument, NULL, 'P' },
        { "style", required_argument, NULL, 'Y' },
        { "load-timeout", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
        { "checkpoint", required_argument, NULL, 'c' }, { "resume", no_argument, NULL, 'r' },
        { "rank-timeout", required_argument, NULL, 'T' },
        { NULL, 0, NULL, 0 }
    };
    int c;

    memset(o, 0, sizeof *o);
    o->threads = 1;
    o->seed = 1;
    o->every = 10;
    while ((c = cli_getopt("sensitivity", argc, argv, "j:o:h", longopts)) != -1) {
        if (c == 'h') {
            cli_usage("sensitivity", stdout);
            return 1;
        }
        if (c == '?' || add_option(o, c, optarg) != 0)
            return -1;
    }
    if (optind != argc - 1 || o->out_dir == NULL) {
        fprintf(stderr, "exopk sensitivity: needs one study file and -o DIR (see exopk "
                        "sensitivity --help)\n");
        return -1;
    }
    o->study_path = argv[optind];
    return 0;
}

/* The arm to analyse: --arm, else the first arm not named "control". */
static long
find_arm(const ExopkStudy *s, const Options *o)
{
    const char *names[64];
    const char *near;

    for (size_t a = 0; a < s->n_arms; a++) {
        if (o->arm_name != NULL ? strcmp(s->arms[a].name, o->arm_name) == 0
                                : strcmp(s->arms[a].name, "control") != 0)
            return (long) a;
        if (a < 64)
            names[a] = s->arms[a].name;
    }
    if (o->arm_name == NULL)
        return s->n_arms > 0 ? 0 : -1;
    near = exopk_nearest_name(o->arm_name, names, s->n_arms < 64 ? s->n_arms : 64);
    cli_printf(stderr, "%s: --arm %s: no such arm%s%s%s\n", o->study_path, o->arm_name,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return -1;
}

/* One bound of "PATH=LOW:HIGH" in the engine unit: a number as it is, or a
 * quantity with its unit checked against the parameter's. */
static int
parse_bound(const ExopkStudy *s, const Varied *v, const char *text, double *out)
{
    if (cli_param_value(s, v->path, text, out) == 0)
        return 0;
    cli_printf(stderr, "exopk sensitivity: --vary %s: \"%s\" is not a value in %s\n", v->path,
               text, v->unit);
    return -1;
}

/* The range of --vary PATH given without one: none for local, else the
 * library's (log-uniform unless --linear). */
static int
library_range(const Options *o, const LibraryRanges *lib, Varied *v)
{
    if (o->method == EXOPK_SENS_LOCAL)
        return 0;
    for (size_t i = 0; i < lib->n; i++) {
        if (strcmp(lib->p[i].path, v->path) == 0) {
            v->lower = lib->p[i].lo, v->upper = lib->p[i].hi;
            v->log_scale = !o->linear;
            return 0;
        }
    }
    cli_printf(stderr, "exopk sensitivity: --vary %s: the library gives it no range for arm %s, "
               "and %s needs a range: --vary %s=LOW:HIGH\n", v->path, lib->s->arms[lib->arm].name,
               o->method == EXOPK_SENS_SOBOL ? "sobol" : "morris", v->path);
    return -1;
}

/* Keeps a library range of a parameter the arm uses. */
static void
keep_range(const ExopkLibraryRange *r, void *data)
{
    LibraryRanges *l = data;

    if (l->n == MAX_VARY || !(r->hi > r->lo) || !exopk_population_arm_uses(l->s, l->arm, r->path))
        return;
    snprintf(l->p[l->n].path, sizeof l->p[l->n].path, "%s", r->path);
    l->p[l->n].lo = r->lo, l->p[l->n].hi = r->hi;
    l->n++;
}

/* --vary @spec into @v: the model's index, nominal value and range. */
static int
parse_vary(const ExopkModel *m, const Options *o, const LibraryRanges *lib, const char *spec,
           Varied *v)
{
    const ExopkStudy *s = exopk_model_study(m);
    const char *eq = strchr(spec, '='), *colon;
    char lo[64], hi[64];
    ExopkError err;
    long k;

    snprintf(v->path, sizeof v->path, "%.*s", (int) (eq ? (size_t) (eq - spec) : strlen(spec)),
             spec);
    if ((k = exopk_model_param_index(m, v->path, &err)) < 0) {
        cli_printf(stderr, "%s: --vary %s\n", o->study_path, err.message);
        return -1;
    }
    v->index = (size_t) k;
    exopk_model_param_value(m, v->index, &v->nominal);
    exopk_param_unit(s, exopk_model_arm(m), v->path, v->unit, sizeof v->unit);
    if (eq == NULL)
        return library_range(o, lib, v);
    colon = strchr(eq + 1, ':');
    if (colon == NULL || (size_t) (colon - eq - 1) >= sizeof lo || strlen(colon + 1) >= sizeof hi) {
        cli_printf(stderr, "exopk sensitivity: --vary %s: expected PATH=LOW:HIGH\n", spec);
        return -1;
    }
    snprintf(lo, sizeof lo, "%.*s", (int) (colon - eq - 1), eq + 1);
    snprintf(hi, sizeof hi, "%s", colon + 1);
    if (parse_bound(s, v, lo, &v->lower) != 0 || parse_bound(s, v, hi, &v->upper) != 0)
        return -1;
    v->log_scale = !o->linear && v->lower > 0;
    return 0;
}

/* The metrics to report: --metric (checked against a run at the study's
 * values, with the nearest name), else every metric of that run. */
static int
pick_metrics(ExopkSim *sim, const Options *o, const char ***names, char ***units, size_t *n)
{
    ExopkError err;
    ExopkResult *res = exopk_sim_run(sim, NULL, NULL, &err);
    size_t nm;
    const char **all;

    if (res == NULL) {
        cli_printf(stderr, "%s: the study's own values: %s\n", o->study_path, err.message);
        return -1;
    }
    nm = exopk_result_n_metrics(res);
    all = malloc((nm + 1) * sizeof *all);
    *n = o->n_metrics > 0 ? o->n_metrics : nm;
    *names = calloc(*n + 1, sizeof **names);
    *units = calloc(*n + 1, sizeof **units);
    for (size_t i = 0; all != NULL && i < nm; i++)
        all[i] = exopk_result_metric_name(res, i);
    for (size_t i = 0; all != NULL && *names != NULL && *units != NULL && i < *n; i++) {
        const char *want = o->n_metrics > 0 ? o->metrics[i] : all[i];
        size_t j = 0;
        while (j < nm && strcmp(all[j], want) != 0)
            j++;
        if (j == nm) {
            const char *near = exopk_nearest_name(want, all, nm);
            cli_printf(stderr, "%s: --metric %s: arm %s has no such metric%s%s%s\n",
                       o->study_path, want, exopk_result_arm(res), near ? " (did you mean \"" : "",
                       near ? near : "", near ? "\"?)" : "");
            free(all);
            exopk_result_free(res);
            return -1;
        }
        (*names)[i] = o->n_metrics > 0 ? o->metrics[i] : strdup(all[j]);
        (*units)[i] = strdup(exopk_result_metric_unit(res, j));
    }
    free(all);
    exopk_result_free(res);
    return 0;
}

static int
progress(size_t done, size_t total, void *data)
{
    const int *tty = data;

    if (*tty)
        fprintf(stderr, "\rsensitivity: %zu/%zu runs", done, total);
    if (*tty && done == total)
        fputc('\n', stderr);
    return interrupted;
}

static void
write_row(FILE *fp, const Options *o, const char *arm, const char *metric, const char *unit,
          const Varied *v, const ExopkSensResult *r, size_t out, size_t par)
{
    static const ExopkSensStat cols[][6] = {
        { EXOPK_SENS_S },
        { EXOPK_SENS_MU, EXOPK_SENS_MU_STAR, EXOPK_SENS_SIGMA },
        { EXOPK_SENS_S1, EXOPK_SENS_S1_LOW, EXOPK_SENS_S1_HIGH, EXOPK_SENS_ST, EXOPK_SENS_ST_LOW,
          EXOPK_SENS_ST_HIGH },
    };
    static const int n_cols[] = { 1, 3, 6 };

    fprintf(fp, "%s,%s,%s,%s,%s,%.10g", arm, metric, unit, v->path, v->unit, v->nominal);
    if (o->method != EXOPK_SENS_LOCAL)
        fprintf(fp, ",%.10g,%.10g,%s", v->lower, v->upper, v->log_scale ? "log" : "linear");
    for (int c = 0; c < n_cols[o->method]; c++)
        fprintf(fp, ",%.6g", exopk_sens_value(r, out, par, cols[o->method][c]));
    fprintf(fp, ",%zu\n", exopk_sens_rows_used(r, out));
}

static const char *const HEADERS[] = {
    "arm,metric,metric_unit,parameter,parameter_unit,value,S,rows\n",
    "arm,metric,metric_unit,parameter,parameter_unit,value,low,high,scale,mu,mu_star,sigma,"
    "trajectories\n",
    "arm,metric,metric_unit,parameter,parameter_unit,value,low,high,scale,S1,S1_low,S1_high,ST,"
    "ST_low,ST_high,rows\n",
};

/* DIR/sensitivity.csv, whole or not at all. */
static int
write_table(const Options *o, const char *arm, const char **metrics, char **units, size_t nm,
            const Varied *v, size_t nv, const ExopkSensResult *r)
{
    char path[4096];
    ExopkAtomicFile f;
    ExopkError err;
    struct stat st;

    if (stat(o->out_dir, &st) != 0 ? mkdir(o->out_dir, 0777) != 0 : !S_ISDIR(st.st_mode)) {
        cli_printf(stderr, "exopk sensitivity: %s: cannot create the directory\n", o->out_dir);
        return EXIT_IO;
    }
    snprintf(path, sizeof path, "%s/sensitivity.csv", o->out_dir);
    if (exopk_atomic_open(&f, path, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return EXIT_IO;
    }
    fputs(HEADERS[o->method], f.fp);
    for (size_t m = 0; m < nm; m++)
        for (size_t p = 0; p < nv; p++)
            write_row(f.fp, o, arm, metrics[m], units[m], &v[p], r, m, p);
    if (exopk_atomic_commit(&f, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return EXIT_IO;
    }
    return 0;
}

/* --plot: the chart of @r (plot-bars.c). */
static int
write_chart(const Options *o, const char *arm, const char **metrics, char **units, size_t nm,
            const Varied *v, size_t nv, const ExopkSensResult *r)
{
    const char **params = calloc(nv ? nv : 1, sizeof *params);
    ExopkSensChart *ch = NULL;
    ExopkStatus st = EXOPK_ENOMEM;
    char title[256];
    ExopkError err;

    snprintf(title, sizeof title, "Sensitivity of %s", arm);
    for (size_t p = 0; params != NULL && p < nv; p++)
        params[p] = v[p].path;
    if (params != NULL && (ch = exopk_sens_chart_new(title, o->method, r, params, nv, metrics,
                                                     (const char *const *) units, nm)) != NULL) {
        exopk_sens_chart_set_style(ch, o->style);
        st = exopk_sens_chart_write(ch, o->plot, 0, 0, &err);
    }
    exopk_sens_chart_free(ch);
    free(params);
    if (st == EXOPK_OK)
        return 0;
    if (st == EXOPK_ENOMEM)
        exopk_error_set(&err, st, "%s: out of memory", o->plot);
    cli_printf(stderr, "exopk sensitivity: --plot %s\n", err.message);
    return st == EXOPK_EIO ? EXIT_IO : st == EXOPK_EINVAL ? EXIT_USAGE : EXIT_RUN;
}

/* ---- over MPI ranks (docs/mpi.md) -------------------------------------- */

#define CHUNK_PER_THREAD 4     /* design points in a chunk */

/* A rank's share: the model's runs at the points of a chunk. */
typedef struct {
    ExopkSensModelFn *fn;
    size_t n_params, n_outputs;
    ExopkError setup;
} PointWork;


/* The chunk's rows in @in are its points; the answer their outputs. */
static void
work_points(void *ctx, long first, long count, const char *in, MpiAnswer *out)
{
    PointWork *pw = ctx;
    size_t n = (size_t) count * pw->n_outputs * sizeof(double);
    char msg[160];
    ExopkError err;

    if (pw->fn == NULL || in == NULL) {
        mpi_answer_fail(out, (int) EXOPK_ENOMEM, pw->fn == NULL ? pw->setup.message : "no points");
    } else if (cli_mpi_forced_failure()) {
        snprintf(msg, sizeof msg, "design points %ld to %ld: failure forced by EXOPK_MPI_FAIL",
                 first + 1, first + count);
        mpi_answer_fail(out, (int) EXOPK_ECALLBACK, msg);
    } else if ((out->data = malloc(n ? n : 1)) == NULL) {
        mpi_answer_fail(out, (int) EXOPK_ENOMEM, "out of memory");
    } else if (exopk_sens_model_fn_eval(pw->fn, (const double *) in, (size_t) count,
                                        (double *) out->data, &err) != EXOPK_OK) {
        free(out->data);
        mpi_answer_fail(out, (int) err.code, err.message);
    } else {
        out->status = 0;
        out->len = n;
    }
}

/* Ranks other than 0: the points of rank 0's chunks until it is done. */
static int
serve_points(const ExopkModel *m, const size_t *idx, size_t nv, const char **metrics,
             size_t nm, int threads)
{
    PointWork pw = { NULL, nv, nm, { 0 } };

    pw.fn = exopk_sens_model_fn_new(m, idx, nv, metrics, nm, threads, &pw.setup);
    cli_mpi_serve(work_points, NULL, &pw);
    exopk_sens_model_fn_free(pw.fn);
    return 0;
}

/* Rank 0: the design dealt over the ranks or on this process
 * (ExopkSensProblem's evaluate), with checkpoints: DIR/sensitivity.checkpoint
 * holds the outputs of points 0 .. done - 1. */
typedef struct {
    PointWork own;
    double *y;
    ExopkError *err;
    int failed, threads;
    ExopkSensProgress progress;
    void *progress_data;
    size_t n_points;
    char path[4096];           /* "": no checkpoints */
    const char *dir;
    CkptKeys keys;
    double every, rank_timeout;
    int resume;
    long done, saved;
} PointRanks;

static int
commit_points(void *ctx, long first, long count, int rank, MpiAnswer *a)
{
    PointRanks *pr = ctx;
    size_t n = (size_t) count * pr->own.n_outputs * sizeof(double);
    char who[32] = "";

    if (a->status != 0 || a->len != n) {
        if (cli_mpi_size() > 1)
            snprintf(who, sizeof who, "rank %d: ", rank);
        exopk_error_set(pr->err, a->status != 0 ? (ExopkStatus) a->status : EXOPK_ECALLBACK,
                        "sensitivity: %s%s", who, a->status != 0 && a->data != NULL
                        ? a->data : "the answer has the wrong size");
        free(a->data);
        pr->failed = 1;
        return 1;
    }
    memcpy(pr->y + (size_t) first * pr->own.n_outputs, a->data, n);
    free(a->data);
    pr->done = first + count;
    return pr->progress != NULL
           && pr->progress((size_t) pr->done, pr->n_points, pr->progress_data) != 0;
}

static int
interrupt_requested(void *ctx)
{
    (void) ctx;
    return interrupted != 0;
}

/* The outputs of the points done so far, whole. */
static int
write_checkpoint(void *ctx)
{
    PointRanks *pr = ctx;
    const void *parts[] = { pr->y };
    size_t lens[] = { (size_t) pr->done * pr->own.n_outputs * sizeof *pr->y };

    if (mkdir(pr->dir, 0777) != 0 && errno != EEXIST) {
        exopk_error_set(pr->err, EXOPK_EIO, "%s: cannot create the directory: %s", pr->dir,
                        strerror(errno));
        pr->failed = 1;
        return 1;
    }
    if (ckpt_write(pr->path, &pr->keys, pr->done, parts, lens, 1, pr->err) != EXOPK_OK) {
        pr->failed = 1;
        return 1;
    }
    pr->saved = pr->done;
    return 0;
}

static void
rank_lost(void *ctx, int rank, long first, long count, double seconds)
{
    PointRanks *pr = ctx;

    exopk_error_set(pr->err, EXOPK_ECALLBACK, "sensitivity: rank %d: no answer for %.0f s "
                    "(--rank-timeout), design points %ld to %ld", rank, seconds, first + 1,
                    first + count);
    pr->failed = 1;
}

/* --resume: the outputs of the checkpoint's points into y.  0, or -1 + @err. */
static int
resume_points(PointRanks *pr, ExopkError *err)
{
    char *data = NULL;
    size_t len = 0, row = pr->own.n_outputs * sizeof *pr->y;
    long done = 0;
    int rc = ckpt_read(pr->path, &pr->keys, &done, &data, &len, err);

    if (rc == 1)
        return 0;
    if (rc == 0 && ((size_t) done >= pr->n_points || len != (size_t) done * row)) {
        exopk_error_set(err, EXOPK_EINVAL, "%s: holds %ld points in %zu bytes; remove it",
                        pr->path, done, len);
        rc = -1;
    }
    if (rc == 0) {
        memcpy(pr->y, data, len);
        pr->done = pr->saved = done;
    }
    free(data);
    return rc;
}

static ExopkStatus
deal_points(const double *x, size_t n_points, double *y, void *data, ExopkError *err)
{
    PointRanks *pr = data;
    long chunk = (long) (cli_mpi_size() > 1 ? CHUNK_PER_THREAD : 4 * CHUNK_PER_THREAD)
                 * (pr->threads > 0 ? pr->threads : 1);
    MpiDeal d;
    int rc;

    pr->y = y;
    pr->err = err;
    pr->n_points = n_points;
    if (pr->path[0] != '\0') {
        ckpt_key(&pr->keys, "points", "%zu", n_points);
        ckpt_key(&pr->keys, "design", "%016llx", (unsigned long long) ckpt_hash(
                 x, n_points * pr->own.n_params * sizeof *x, CKPT_HASH_INIT));
        if (pr->resume && resume_points(pr, err) != 0)
            return err->code;
    }
    d = (MpiDeal){ pr->done, (long) n_points - pr->done, chunk,
                   (const char *) (x + (size_t) pr->done * pr->own.n_params),
                   pr->own.n_params * sizeof *x, work_points, &pr->own, commit_points, pr,
                   interrupt_requested, NULL, write_checkpoint, pr,
                   pr->path[0] != '\0' ? pr->every : 0, pr->rank_timeout, rank_lost };
    if ((rc = cli_deal(&d)) == 0)
        return EXOPK_OK;
    return pr->failed ? err->code
                      : exopk_error_set(err, EXOPK_ECANCELLED, "sensitivity: cancelled");
}

/* What a checkpoint belongs to (the design's points are added when they
 * are known): the study file's bytes, --set, the arm, the method and its
 * settings, the varied parameters and the metrics. */
static void
sensitivity_keys(CkptKeys *k, const Options *o, const char *arm, const Varied *v, size_t nv,
                 const char **metrics, size_t nm)
{
    static const char *const methods[] = { "local", "morris", "sobol" };
    char *buf = NULL;
    size_t len = 0;
    FILE *fp;

    k->command = "sensitivity";
    k->n = 0;
    ckpt_key(k, "study", "%016llx", (unsigned long long) ckpt_hash_file(o->study_path));
    if ((fp = open_memstream(&buf, &len)) == NULL) {
        ckpt_key(k, "settings", "unknown (out of memory, process %ld)", (long) getpid());
        return;
    }
    for (size_t i = 0; i < o->n_sets; i++)
        fprintf(fp, "%s%s", i ? " " : "", o->sets[i]);
    fputc('\0', fp);
    for (size_t i = 0; i < nv; i++)
        fprintf(fp, "%s%s=%.10g:%.10g%s", i ? " " : "", v[i].path, v[i].lower, v[i].upper,
                v[i].log_scale ? "(log)" : "");
    fputc('\0', fp);
    for (size_t i = 0; i < nm; i++)
        fprintf(fp, "%s%s", i ? "," : "", metrics[i]);
    if (fclose(fp) != 0 || buf == NULL) {
        ckpt_key(k, "settings", "unknown (out of memory, process %ld)", (long) getpid());
        free(buf);
        return;
    }
    ckpt_key(k, "set", "%s", o->n_sets ? buf : "none");
    ckpt_key(k, "arm", "%s", arm);
    ckpt_key(k, "method", "%s", methods[o->method]);
    ckpt_key(k, "samples", "%zu", o->samples);
    ckpt_key(k, "levels", "%d", o->levels);
    ckpt_key(k, "seed", "%lu", o->seed);
    ckpt_key(k, "vary", "%s", buf + strlen(buf) + 1);
    ckpt_key(k, "metrics", "%s", buf + strlen(buf) + 1 + strlen(buf + strlen(buf) + 1) + 1);
    free(buf);
}

/* The analysis: its design dealt in chunks, on this process or over the
 * MPI ranks (mpi-deal.h). */
static ExopkSensResult *
run_analysis(ExopkSensProblem *p, const ExopkModel *m, const size_t *idx, const char **metrics,
             PointRanks *pr, ExopkError *err)
{
    ExopkSensResult *r = NULL;

    pr->own = (PointWork){ NULL, p->n_params, p->n_outputs, { 0 } };
    pr->err = err;
    pr->threads = p->threads;
    pr->progress = p->progress;
    pr->progress_data = p->progress_data;
    pr->own.fn = exopk_sens_model_fn_new(m, idx, p->n_params, metrics, p->n_outputs,
                                         p->threads, err);
    p->evaluate = deal_points;
    p->evaluate_data = pr;
    if (pr->own.fn != NULL)
        r = exopk_sensitivity_of_model(p, m, idx, metrics, err);
    exopk_sens_model_fn_free(pr->own.fn);
    return r;
}

/* Where the run stopped, when a checkpoint says. */
static void
checkpoint_note(const PointRanks *pr)
{
    if (pr->saved > 0)
        cli_printf(stderr, "exopk sensitivity: %s holds design points 1 to %ld (--resume "
                   "continues)\n", pr->path, pr->saved);
}

/* Checkpoints of the analysis in DIR/sensitivity.checkpoint, unless
 * --checkpoint 0 without --resume. */
static void
checkpoint_setup(PointRanks *pr, const Options *o, const char *arm, const Varied *v, size_t nv,
                 const char **metrics, size_t nm)
{
    memset(pr, 0, sizeof *pr);
    pr->dir = o->out_dir;
    pr->every = o->every;
    pr->resume = o->resume;
    pr->rank_timeout = o->rank_timeout;
    if (o->every == 0 && !o->resume)
        return;
    snprintf(pr->path, sizeof pr->path, "%s/sensitivity.checkpoint", o->out_dir);
    sensitivity_keys(&pr->keys, o, arm, v, nv, metrics, nm);
}

/* An analysis that stopped: the message, where the checkpoint is; the
 * exit status. */
static int
analysis_failed(const Options *o, const PointRanks *pr, const ExopkError *err)
{
    cli_printf(stderr, "%s: %s\n", o->study_path, err->message);
    checkpoint_note(pr);
    return err->code == EXOPK_ECANCELLED ? 130 : err->code == EXOPK_EINVAL ? EXIT_USAGE : EXIT_RUN;
}

/* The table (then the checkpoint is of no more use) and the chart.  An
 * exit status. */
static int
write_outputs(const Options *o, const ExopkModel *m, const PointRanks *pr, const char **metrics,
              char **units, size_t nm, const Varied *v, size_t nv, const ExopkSensResult *r)
{
    const char *arm = exopk_model_study(m)->arms[exopk_model_arm(m)].name;
    int status = write_table(o, arm, metrics, units, nm, v, nv, r);

    if (status == 0 && pr->path[0] != '\0')
        remove(pr->path);
    if (status == 0 && o->plot != NULL)
        status = write_chart(o, arm, metrics, units, nm, v, nv, r);
    return status;
}

/* The analysis of @m's arm: the varied parameters, the metrics, the run,
 * the table.  An exit status. */
static int
analyse(const ExopkModel *m, const Options *o, const LibraryRanges *lib, const char **vary,
        size_t nv)
{
    Varied *v = calloc(nv, sizeof *v);
    size_t *idx = calloc(nv, sizeof *idx), nm = 0;
    double *nominal = calloc(nv, sizeof *nominal), *lo = calloc(nv, sizeof *lo);
    double *hi = calloc(nv, sizeof *hi);
    unsigned char *logs = calloc(nv, 1);
    const char **metrics = NULL;
    char **units = NULL;
    ExopkSim *sim = exopk_sim_new(m, NULL);
    ExopkSensResult *r = NULL;
    int tty = isatty(STDERR_FILENO), status = EXIT_USAGE;
    static PointRanks pr;      /* large (its keys); one analysis per process */
    ExopkError err;

    if (v == NULL || idx == NULL || nominal == NULL || lo == NULL || hi == NULL || logs == NULL ||
        sim == NULL) {
        status = EXIT_RUN;
        goto out;
    }
    for (size_t i = 0; i < nv; i++) {
        if (parse_vary(m, o, lib, vary[i], &v[i]) != 0)
            goto out;
        idx[i] = v[i].index, nominal[i] = v[i].nominal;
        lo[i] = v[i].lower, hi[i] = v[i].upper, logs[i] = v[i].log_scale;
    }
    if (pick_metrics(sim, o, &metrics, &units, &nm) != 0)
        goto out;
    if (cli_mpi_rank() > 0) {
        status = serve_points(m, idx, nv, metrics, nm, o->threads);
        goto out;
    }
    {
        ExopkSensProblem p = { .method = o->method, .n_params = nv, .n_outputs = nm,
                               .nominal = nominal, .lower = lo, .upper = hi, .log_scale = logs,
                               .samples = o->samples, .levels = o->levels, .seed = o->seed,
                               .threads = o->threads, .progress = progress,
                               .progress_data = &tty };
        const char *arm = exopk_model_study(m)->arms[exopk_model_arm(m)].name;

        checkpoint_setup(&pr, o, arm, v, nv, metrics, nm);
        r = run_analysis(&p, m, idx, metrics, &pr, &err);
    }
    status = r == NULL ? analysis_failed(o, &pr, &err)
                       : write_outputs(o, m, &pr, metrics, units, nm, v, nv, r);
out:
    for (size_t i = 0; units != NULL && i < nm; i++) {
        free(units[i]);
        if (o->n_metrics == 0)
            free((char *) metrics[i]);
    }
    free(units), free(metrics), free(v), free(idx), free(nominal), free(lo), free(hi), free(logs);
    exopk_sens_result_free(r);
    exopk_sim_free(sim);
    return status;
}

/* The parameters to vary: --vary, else every parameter with a library
 * range that the arm uses.  Their number; 0 after an error (reported). */
static size_t
vary_list(const Options *o, const LibraryRanges *lib, const char **vary)
{
    size_t n = o->n_vary > 0 ? o->n_vary : lib->n;

    for (size_t i = 0; i < n; i++)
        vary[i] = o->n_vary > 0 ? o->vary[i] : lib->p[i].path;
    if (n == 0)
        cli_printf(stderr, "%s: arm %s uses no parameter with a library range: give --vary "
                   "PATH=LOW:HIGH\n", o->study_path, lib->s->arms[lib->arm].name);
    return n;
}

/* The library ranges of @m's arm, then the analysis.  An exit status. */
static int
analyse_arm(const char *data_dir, const ExopkModel *m, const Options *o)
{
    static LibraryRanges lib;   /* large; one analysis per process */
    const char *vary[MAX_VARY];
    ExopkError err;
    size_t nv;

    lib.s = exopk_model_study(m), lib.arm = exopk_model_arm(m), lib.n = 0;
    if (exopk_lua_library_ranges(lib.s, lib.arm, data_dir, keep_range, &lib, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return EXIT_USAGE;
    }
    if ((nv = vary_list(o, &lib, vary)) == 0)
        return EXIT_USAGE;
    return analyse(m, o, &lib, vary, nv);
}

int
exopk_cli_sensitivity(const char *data_dir, int argc, char **argv)
{
    Options o;
    ExopkError err;
    ExopkStudy *s;
    ExopkModel *m = NULL;
    struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
    long arm;
    int rc = parse_options(argc, argv, &o), status;

    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    if ((s = exopk_lua_load_study(o.study_path, data_dir, cli_warn_stderr, NULL, &err)) == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        return err.code == EXOPK_EINVAL || err.code == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
    }
    if (cli_set_apply(s, o.sets, o.n_sets, o.study_path, stderr) != 0) {
        exopk_study_free(s);
        return EXIT_USAGE;
    }
    if ((arm = find_arm(&*s, &o)) < 0 || (m = exopk_model_compile(s, (size_t) arm, &err)) == NULL) {
        if (arm >= 0)
            cli_printf(stderr, "%s: %s\n", o.study_path, err.message);
        exopk_study_free(s);
        return EXIT_USAGE;
    }
    exopk_study_free(s);
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);  /* a batch system's stop */
    status = analyse_arm(data_dir, m, &o);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    exopk_model_free(m);
    return status;
}
