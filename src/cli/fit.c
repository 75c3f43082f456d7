/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk fit`: study parameters fitted to observed data
 * (include/exopk/fit.h, docs/fit.md).  Writes DIR/estimates.csv,
 * correlation.csv, residuals.csv and summary.csv, each whole or not at
 * all (ExopkAtomicFile). */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "fit-cli.h"
#include "lexopk-fit.h"
#include "plot.h"
#include "text.h"

#define MAX_EST LX_FIT_MAX

typedef struct {
    const char *study_path, *data_path, *out_dir, *prior_library_dir, *profile, *plot;
    const char *estimate[MAX_EST], *error[MAX_EST], *prior[MAX_EST];
    size_t n_estimate, n_error, n_prior;
    int library_prior;
    ExopkPlotStyle style;
} Options;

#define PROFILE_POINTS 21

/* The likelihood profile of --profile PATH (n = 0: none asked for). */
typedef struct {
    ExopkFitProfilePoint point[PROFILE_POINTS];
    size_t n;
    double ci_low, ci_high;
} ProfileOut;

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    (void) sig;
    interrupted = 1;
}

static int
add_to(const char **list, size_t *n, const char *opt, const char *arg)
{
    if (*n == MAX_EST) {
        fprintf(stderr, "exopk fit: at most %d %s options\n", MAX_EST, opt);
        return -1;
    }
    list[(*n)++] = arg;
    return 0;
}

static int
add_option(Options *o, int c, const char *arg)
{
    switch (c) {
    case 'd': o->data_path = arg; return 0;
    case 'o': o->out_dir = arg; return 0;
    case 'e': return add_to(o->estimate, &o->n_estimate, "--estimate", arg);
    case 'E': return add_to(o->error, &o->n_error, "--error", arg);
    case 't': return cli_load_timeout("fit", arg);
    case 'P': o->profile = arg; return 0;
    case 'G': return cli_check_plot("fit", o->plot = arg) != 0 ? -1 : 0;
    case 'Y': return cli_parse_style("fit", arg, &o->style) != 0 ? -1 : 0;
    default:
        if (strcmp(arg, "library") == 0) {
            o->library_prior = 1;
            return 0;
        }
        return add_to(o->prior, &o->n_prior, "--prior", arg);
    }
}

/* 0 and @o filled, 1 after --help, -1 on a usage error (reported). */
static int
parse_options(int argc, char **argv, Options *o)
{
    static const struct option longopts[] = {
        { "data", required_argument, NULL, 'd' },  { "estimate", required_argument, NULL, 'e' },
        { "error", required_argument, NULL, 'E' }, { "prior", required_argument, NULL, 'p' },
        { "output", required_argument, NULL, 'o' }, { "profile", required_argument, NULL, 'P' },
        { "plot", required_argument, NULL, 'G' },
        { "style", required_argument, NULL, 'Y' },
        { "load-timeout", required_argument, NULL, 't' }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;

    memset(o, 0, sizeof *o);
    while ((c = cli_getopt("fit", argc, argv, "o:h", longopts)) != -1) {
        if (c == 'h') {
            cli_usage("fit", stdout);
            return 1;
        }
        if (c == '?' || add_option(o, c, optarg) != 0)
            return -1;
    }
    if (optind != argc - 1 || o->out_dir == NULL || o->n_estimate == 0) {
        fprintf(stderr, "exopk fit: needs one study file, -o DIR and at least one --estimate "
                        "(see exopk fit --help)\n");
        return -1;
    }
    o->study_path = argv[optind];
    return 0;
}

/* A value of parameter @path: a number in the engine unit, or a quantity
 * whose unit is checked against the parameter's. */
static int
parse_value(const ExopkStudy *s, const char *opt, const char *path, const char *text,
            double *out)
{
    if (cli_param_value(s, path, text, out) == 0)
        return 0;
    cli_printf(stderr, "exopk fit: %s %s: \"%s\" is not a number or a quantity of this "
                       "parameter\n", opt, path, text);
    return -1;
}

/* Splits "PATH[=START][:LOW:HIGH]" into @q (strings kept in @buf). */
static int
parse_estimate(const ExopkStudy *s, const char *spec, char *buf, size_t size, ExopkFitParam *q)
{
    char *start, *lo, *hi;

    *q = (ExopkFitParam) { buf, NAN, NAN, NAN, NAN, NAN };
    snprintf(buf, size, "%s", spec);
    start = strchr(buf, '=');
    lo = strchr(start ? start : buf, ':');
    hi = lo ? strchr(lo + 1, ':') : NULL;
    if ((lo != NULL) != (hi != NULL) || (hi && strchr(hi + 1, ':'))) {
        cli_printf(stderr, "exopk fit: --estimate %s: expected PATH[=START][:LOW:HIGH]\n", spec);
        return -1;
    }
    if (lo)
        *lo++ = '\0', *hi++ = '\0';
    if (start)
        *start++ = '\0';
    if ((start && parse_value(s, "--estimate", buf, start, &q->start) != 0) ||
        (lo && *lo && parse_value(s, "--estimate", buf, lo, &q->lower) != 0) ||
        (hi && *hi && parse_value(s, "--estimate", buf, hi, &q->upper) != 0))
        return -1;
    return 0;
}

static int
parse_error(const char *spec, char *buf, size_t size, ExopkFitError *e)
{
    static const char *const kinds[] = { "proportional", "additive", "combined" };
    char *eq;

    snprintf(buf, size, "%s", spec);
    eq = strchr(buf, '=');
    if (eq != NULL) {
        *eq++ = '\0';
        for (int k = 0; k < 3; k++)
            if (strcmp(eq, kinds[k]) == 0) {
                *e = (ExopkFitError) { buf, (ExopkErrorModel) k };
                return 0;
            }
    }
    cli_printf(stderr, "exopk fit: --error %s: expected NAME=additive, NAME=proportional or "
                       "NAME=combined\n", spec);
    return -1;
}

/* Sets the log-normal prior of @q from the range @lo:@hi (engine unit):
 * ln mean the middle of ln LOW and ln HIGH, sd a quarter of the width
 * (over 1.96), so the range is the prior's central 95 %. */
static int
set_prior(ExopkFitParam *q, double lo, double hi, const char *from)
{
    if (!(lo > 0) || !(hi > lo)) {
        cli_printf(stderr, "exopk fit: %s %s: range %g:%g: expected 0 < LOW < HIGH\n", from,
                   q->path, lo, hi);
        return -1;
    }
    q->prior_ln_mean = 0.5 * (log(lo) + log(hi));
    q->prior_ln_sd = (log(hi) - log(lo)) / (2 * LX_PRIOR_Z95);
    return 0;
}

static int
parse_prior(const ExopkStudy *s, const char *spec, ExopkFitParam *q, size_t n)
{
    const char *eq = strchr(spec, '='), *colon = eq ? strchr(eq, ':') : NULL;
    char lo_text[64], hi_text[64];
    double lo, hi;
    size_t k;

    if (colon == NULL || (size_t) (colon - eq) > sizeof lo_text) {
        cli_printf(stderr, "exopk fit: --prior %s: expected library or PATH=LOW:HIGH\n", spec);
        return -1;
    }
    for (k = 0; k < n && (strlen(q[k].path) != (size_t) (eq - spec) ||
                          strncmp(q[k].path, spec, (size_t) (eq - spec)) != 0); k++)
        ;
    if (k == n) {
        cli_printf(stderr, "exopk fit: --prior %s: %.*s is not estimated (give --estimate "
                           "%.*s)\n", spec, (int) (eq - spec), spec, (int) (eq - spec), spec);
        return -1;
    }
    snprintf(lo_text, sizeof lo_text, "%.*s", (int) (colon - eq - 1), eq + 1);
    snprintf(hi_text, sizeof hi_text, "%s", colon + 1);
    if (parse_value(s, "--prior", q[k].path, lo_text, &lo) != 0 ||
        parse_value(s, "--prior", q[k].path, hi_text, &hi) != 0)
        return -1;
    return set_prior(&q[k], lo, hi, "--prior");
}

static int
library_priors(const char *data_dir, const ExopkStudy *s, ExopkFitParam *q, size_t n)
{
    int found[MAX_EST] = { 0 };
    ExopkError err;

    if (exopk_lua_library_priors(data_dir, s, q, n, found, &err) != EXOPK_OK) {
        cli_printf(stderr, "exopk fit: --%s\n", err.message);
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        if (!found[k] && !(q[k].prior_ln_sd > 0))
            cli_printf(stderr, "warning: --prior library: the library gives %s no range; "
                               "no prior (give --prior %s=LOW:HIGH)\n", q[k].path, q[k].path);
    return 0;
}

/* ---- outputs ----------------------------------------------------------- */

static int
open_out(const Options *o, const char *name, ExopkAtomicFile *f)
{
    char path[4096];
    ExopkError err;

    snprintf(path, sizeof path, "%s/%s", o->out_dir, name);
    if (exopk_atomic_open(f, path, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int
commit_out(ExopkAtomicFile *f)
{
    ExopkError err;

    if (exopk_atomic_commit(f, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

/* A number, or empty for NAN (a below-LLOQ residual, an unknown SE). */
static void
put(FILE *fp, double v, const char *sep)
{
    if (isnan(v))
        fprintf(fp, "%s", sep);
    else if (isinf(v))
        fprintf(fp, "%sinf%s", v < 0 ? "-" : "", sep);
    else
        fprintf(fp, "%.10g%s", v, sep);
}

static int
write_estimates(const Options *o, const ExopkFitResult *r)
{
    ExopkAtomicFile f;

    if (open_out(o, "estimates.csv", &f) != 0)
        return -1;
    fprintf(f.fp, "parameter,estimate,unit,se,rse_pct,ci95_low,ci95_high\n");
    for (size_t i = 0; i < exopk_fit_n_estimates(r); i++) {
        const ExopkFitEstimate *e = exopk_fit_estimate(r, i);
        fprintf(f.fp, "%s,", e->name);
        put(f.fp, e->estimate, ",");
        fprintf(f.fp, "%s,", e->unit);
        put(f.fp, e->se, ",");
        put(f.fp, e->rse_pct, ",");
        put(f.fp, e->ci95_low, ",");
        put(f.fp, e->ci95_high, "\n");
    }
    return commit_out(&f);
}

static int
write_correlation(const Options *o, const ExopkFitResult *r)
{
    size_t n = exopk_fit_n_estimates(r);
    ExopkAtomicFile f;

    if (open_out(o, "correlation.csv", &f) != 0)
        return -1;
    fprintf(f.fp, "parameter");
    for (size_t j = 0; j < n; j++)
        fprintf(f.fp, ",%s", exopk_fit_estimate(r, j)->name);
    fprintf(f.fp, "\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(f.fp, "%s", exopk_fit_estimate(r, i)->name);
        for (size_t j = 0; j < n; j++) {
            fprintf(f.fp, ",");
            put(f.fp, exopk_fit_correlation(r, i, j), "");
        }
        fprintf(f.fp, "\n");
    }
    return commit_out(&f);
}

static int
write_residuals(const Options *o, const ExopkFitResult *r)
{
    ExopkAtomicFile f;

    if (open_out(o, "residuals.csv", &f) != 0)
        return -1;
    fprintf(f.fp, "arm,time,name,observed,predicted,weighted_residual,below_lloq\n");
    for (size_t i = 0; i < exopk_fit_n_residuals(r); i++) {
        const ExopkFitResidual *q = exopk_fit_residual(r, i);
        fprintf(f.fp, "%s,", q->arm);
        put(f.fp, q->time, ",");
        fprintf(f.fp, "%s,", q->name);
        put(f.fp, q->observed, ",");
        put(f.fp, q->predicted, ",");
        put(f.fp, q->weighted_residual, ",");
        fprintf(f.fp, "%d\n", q->below_lloq);
    }
    return commit_out(&f);
}

static int
write_summary(const Options *o, const ExopkFitResult *r, const ProfileOut *pro)
{
    const ExopkFitSummary *s = exopk_fit_summary(r);
    ExopkAtomicFile f;

    if (open_out(o, "summary.csv", &f) != 0)
        return -1;
    fprintf(f.fp, "quantity,value\nminus2ll,%.10g\nobjective,%.10g\naic,%.10g\nbic,%.10g\n"
                  "n_observations,%zu\nn_below_lloq,%zu\nn_estimates,%zu\niterations,%zu\n"
                  "evaluations,%zu\nstatus,%s\n", s->minus2ll, s->objective, s->aic, s->bic,
            s->n_obs, s->n_below_lloq, s->n_estimates, s->iterations, s->evaluations,
            exopk_fit_status_name(s->status));
    if (pro->n > 0) {
        fprintf(f.fp, "profile_ci95_low,");
        put(f.fp, pro->ci_low, "\nprofile_ci95_high,");
        put(f.fp, pro->ci_high, "\n");
    }
    return commit_out(&f);
}

/* DIR/profile.csv: value,minus2ll per grid point. */
static int
write_profile(const Options *o, const ProfileOut *pro)
{
    ExopkAtomicFile f;

    if (pro->n == 0)
        return 0;
    if (open_out(o, "profile.csv", &f) != 0)
        return -1;
    fprintf(f.fp, "value,minus2ll\n");
    for (size_t i = 0; i < pro->n; i++) {
        put(f.fp, pro->point[i].value, ",");
        put(f.fp, pro->point[i].minus2ll, "\n");
    }
    return commit_out(&f);
}

/* DIR/fitted.lua: the study with the estimates as params, to run or edit. */
static int
write_fitted(const Options *o, const ExopkStudy *fitted)
{
    char path[4096];
    ExopkError err;

    snprintf(path, sizeof path, "%s/fitted.lua", o->out_dir);
    if (exopk_lua_write_study(fitted, path, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int
write_all(const Options *o, const ExopkFitResult *r, const ProfileOut *pro,
          const ExopkStudy *fitted)
{
    struct stat st;

    if (stat(o->out_dir, &st) != 0 ? mkdir(o->out_dir, 0777) != 0 : !S_ISDIR(st.st_mode)) {
        cli_printf(stderr, "exopk fit: %s: cannot create the directory\n", o->out_dir);
        return EXIT_IO;
    }
    if (write_estimates(o, r) != 0 || write_correlation(o, r) != 0 ||
        write_residuals(o, r) != 0 || write_summary(o, r, pro) != 0 || write_profile(o, pro) != 0
        || write_fitted(o, fitted) != 0)
        return EXIT_IO;
    return 0;
}

/* The units of the residuals' names, from one run of each arm with data at
 * the study's values (the fit result has the values, not the units). */
static void
residual_units(const ExopkStudy *s, const ExopkFitResult *r, const char **names,
               const char **units, char (*buf)[64])
{
    for (size_t a = 0; a < s->n_arms; a++) {
        ExopkResult *res = NULL;
        for (size_t i = 0; i < exopk_fit_n_residuals(r); i++) {
            const ExopkFitResidual *q = exopk_fit_residual(r, i);
            long k;
            if (units[i] != NULL || strcmp(q->arm, s->arms[a].name) != 0 ||
                (res == NULL && (res = exopk_simulate(s, a, NULL, NULL)) == NULL))
                continue;
            names[i] = q->name;
            k = exopk_result_find_series(res, q->name);
            for (size_t m = 0; k < 0 && m < exopk_result_n_metrics(res); m++)
                if (strcmp(exopk_result_metric_name(res, m), q->name) == 0)
                    snprintf(buf[i], sizeof buf[i], "%s", exopk_result_metric_unit(res, m));
            if (k >= 0)
                snprintf(buf[i], sizeof buf[i], "%s", exopk_result_series_unit(res, (size_t) k));
            units[i] = buf[i];
        }
        exopk_result_free(res);
    }
}

/* Whether residual @i is the first of its arm and name. */
static int
first_of_its_kind(const ExopkFitResult *r, size_t i)
{
    const ExopkFitResidual *q = exopk_fit_residual(r, i);

    for (size_t j = 0; j < i; j++)
        if (strcmp(exopk_fit_residual(r, j)->arm, q->arm) == 0 &&
            strcmp(exopk_fit_residual(r, j)->name, q->name) == 0)
            return 0;
    return 1;
}

/* The fitted model's curve of every (arm, name) with data over time. */
static ExopkStatus
add_curves(ExopkFitChart *ch, const ExopkStudy *fitted, const ExopkFitResult *r,
           ExopkError *err)
{
    ExopkStatus st = EXOPK_OK;

    for (size_t a = 0; st == EXOPK_OK && a < fitted->n_arms; a++) {
        ExopkResult *res = NULL;

        for (size_t i = 0; st == EXOPK_OK && i < exopk_fit_n_residuals(r); i++) {
            const ExopkFitResidual *q = exopk_fit_residual(r, i);
            long k;

            if (strcmp(q->arm, fitted->arms[a].name) != 0 || !isfinite(q->time) ||
                !first_of_its_kind(r, i))
                continue;
            if (res == NULL && (res = exopk_simulate(fitted, a, NULL, err)) == NULL)
                return err->code;
            if ((k = exopk_result_find_series(res, q->name)) >= 0)
                st = exopk_fit_chart_add_curve(ch, q->arm, q->name, exopk_result_times(res),
                                               exopk_result_series(res, (size_t) k),
                                               exopk_result_n_times(res));
        }
        exopk_result_free(res);
    }
    return st;
}

/* --plot: the goodness-of-fit figure (plot-fit.c). */
static int
write_fit_plot(const Options *o, const ExopkStudy *s, const ExopkStudy *fitted,
               const ExopkFitResult *r)
{
    size_t n = exopk_fit_n_residuals(r);
    const char **names = calloc(n ? n : 1, sizeof *names), **units = calloc(n ? n : 1, sizeof *units);
    char (*buf)[64] = calloc(n ? n : 1, sizeof *buf);
    ExopkFitChart *ch = NULL;
    ExopkStatus st = EXOPK_ENOMEM;
    ExopkError err;

    if (names != NULL && units != NULL && buf != NULL) {
        residual_units(s, r, names, units, buf);
        if ((ch = exopk_fit_chart_new(s->name, r, names, units, n)) != NULL &&
            (st = add_curves(ch, fitted, r, &err)) == EXOPK_OK) {
            exopk_fit_chart_set_style(ch, o->style);
            st = exopk_fit_chart_write(ch, o->plot, 0, 0, &err);
        }
    }
    exopk_fit_chart_free(ch);
    free(names), free(units), free(buf);
    if (st == EXOPK_OK)
        return 0;
    if (st == EXOPK_ENOMEM)
        exopk_error_set(&err, st, "%s: out of memory", o->plot);
    cli_printf(stderr, "exopk fit: --plot %s\n", err.message);
    return st == EXOPK_EIO ? EXIT_IO : st == EXOPK_EINVAL ? EXIT_USAGE : EXIT_RUN;
}

/* ---- the command --------------------------------------------------------- */

static int
cancel_on_interrupt(size_t evaluations, double objective, void *data)
{
    (void) evaluations, (void) objective, (void) data;
    return interrupted;
}

/* The problem of @o for @s; 0, or -1 (reported). */
static int
build_problem(const Options *o, const ExopkStudy *s, const char *data_dir, ExopkFitParam *q,
              char (*qbuf)[256], ExopkFitError *e, char (*ebuf)[256])
{
    for (size_t k = 0; k < o->n_estimate; k++)
        if (parse_estimate(s, o->estimate[k], qbuf[k], sizeof qbuf[k], &q[k]) != 0)
            return -1;
    for (size_t k = 0; k < o->n_error; k++)
        if (parse_error(o->error[k], ebuf[k], sizeof ebuf[k], &e[k]) != 0)
            return -1;
    for (size_t k = 0; k < o->n_prior; k++)
        if (parse_prior(s, o->prior[k], q, o->n_estimate) != 0)
            return -1;
    return o->library_prior ? library_priors(data_dir, s, q, o->n_estimate) : 0;
}

static ExopkObserved *
read_data(const Options *o, const ExopkStudy *s)
{
    const char *path = o->data_path ? o->data_path : s->data_path;
    ExopkObserved *obs;
    ExopkError err;

    if (path[0] == '\0') {
        cli_printf(stderr, "exopk fit: %s names no data: give --data FILE\n", o->study_path);
        return NULL;
    }
    if ((obs = exopk_study_read_observed(s, o->data_path, &err)) == NULL)
        cli_printf(stderr, "%s\n", err.message);
    return obs;
}

/* The index of --profile PATH among the estimated parameters; -1 when
 * none is asked for; -2 when PATH is not one of them (reported). */
static long
profile_index(const Options *o, const ExopkFitProblem *p)
{
    const char *names[MAX_EST], *near;

    if (o->profile == NULL)
        return -1;
    for (size_t k = 0; k < p->n_params; k++) {
        names[k] = p->params[k].path;
        if (strcmp(p->params[k].path, o->profile) == 0)
            return (long) k;
    }
    near = exopk_nearest_name(o->profile, names, p->n_params);
    cli_printf(stderr, "exopk fit: --profile %s: not an --estimate parameter%s%s%s\n", o->profile,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return -2;
}

/* The profile of parameter @k (-1: none); 0, or an exit status (reported). */
static int
run_profile(const Options *o, const ExopkStudy *s, const ExopkObserved *obs,
            const ExopkFitProblem *p, const ExopkFitResult *r, long k, ProfileOut *pro)
{
    ExopkError err;

    pro->n = 0;
    if (k < 0)
        return 0;
    if (exopk_fit_profile(s, obs, p, r, (size_t) k, PROFILE_POINTS, pro->point, &pro->ci_low,
                          &pro->ci_high, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s: --profile %s: %s\n", o->study_path, o->profile, err.message);
        return err.code == EXOPK_ECANCELLED ? 130 : EXIT_RUN;
    }
    pro->n = PROFILE_POINTS;
    return 0;
}

/* The output files, the fitted study and the figure. */
static int
write_results(const Options *o, const ExopkStudy *s, const ExopkFitResult *r,
              const ProfileOut *pro)
{
    ExopkStudy *fitted = exopk_study_copy(s);
    ExopkError err;
    int status;

    if (fitted == NULL || exopk_fit_apply(r, fitted, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s: %s\n", o->study_path, fitted ? err.message : "out of memory");
        exopk_study_free(fitted);
        return EXIT_RUN;
    }
    status = write_all(o, r, pro, fitted);
    if (status == 0 && o->plot != NULL)
        status = write_fit_plot(o, s, fitted, r);
    exopk_study_free(fitted);
    return status;
}

static int
run_fit(const Options *o, const ExopkStudy *s, const ExopkObserved *obs, const char *data_dir)
{
    static ExopkFitParam q[MAX_EST];
    static ExopkFitError e[MAX_EST];
    static char qbuf[MAX_EST][256], ebuf[MAX_EST][256];
    ExopkFitProblem p = { .n_params = o->n_estimate, .params = q, .n_errors = o->n_error,
                          .errors = e, .progress = cancel_on_interrupt };
    static ProfileOut pro;
    ExopkFitResult *r;
    long k;
    ExopkError err;
    int status;

    if (build_problem(o, s, data_dir, q, qbuf, e, ebuf) != 0 || (k = profile_index(o, &p)) < -1)
        return EXIT_USAGE;
    if ((r = exopk_fit(s, obs, &p, &err)) == NULL) {
        cli_printf(stderr, "%s: %s\n", o->study_path, err.message);
        return err.code == EXOPK_ECANCELLED ? 130 : err.code == EXOPK_EINVAL ? EXIT_USAGE
                                                                              : EXIT_RUN;
    }
    for (const char *w = exopk_fit_warnings(r), *nl; *w != '\0'; w = nl + 1) {
        nl = strchr(w, '\n');
        cli_printf(stderr, "warning: %.*s\n", (int) (nl - w), w);
    }
    status = run_profile(o, s, obs, &p, r, k, &pro);
    if (status == 0)
        status = write_results(o, s, r, &pro);
    if (status == 0)
        cli_printf(stdout, "%s: %s, -2LL %.6g, AIC %.6g, %zu observations (%zu below LLOQ); "
                           "%s/estimates.csv\n", o->study_path,
                   exopk_fit_status_name(exopk_fit_summary(r)->status),
                   exopk_fit_summary(r)->minus2ll, exopk_fit_summary(r)->aic,
                   exopk_fit_summary(r)->n_obs, exopk_fit_summary(r)->n_below_lloq, o->out_dir);
    exopk_fit_result_free(r);
    return status;
}

int
exopk_cli_fit(const char *data_dir, int argc, char **argv)
{
    Options o;
    ExopkError err;
    ExopkStudy *s;
    ExopkObserved *obs;
    struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
    int rc = parse_options(argc, argv, &o), status;

    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    if ((s = exopk_lua_load_study(o.study_path, data_dir, cli_warn_stderr, NULL, &err)) == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        return err.code == EXOPK_EINVAL || err.code == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
    }
    if ((obs = read_data(&o, s)) == NULL) {
        exopk_study_free(s);
        return EXIT_USAGE;
    }
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);  /* a batch system's stop */
    status = run_fit(&o, s, obs, data_dir);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    exopk_observed_free(obs);
    exopk_study_free(s);
    return status;
}
