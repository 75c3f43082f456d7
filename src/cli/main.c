/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: the command line.  Exit status 0 on success, 1 on a model or
 * solver failure, 2 on bad input, 3 when an output cannot be written.
 * Text that comes from a study (messages, names) goes out through
 * cli_printf, which escapes control characters. */
#define _GNU_SOURCE    /* getopt_long */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "batch.h"
#include "sens-cli.h"
#include "fit-cli.h"
#include "csv.h"
#include "export.h"
#include "exopk-lua.h"
#include "json.h"
#include "exopk/exopk.h"
#include "plot.h"
#include "mpi-deal.h"
#include "opt-spread.h"
#include "population.h"
#include "set.h"
#include "text.h"
#include "validate.h"

static int
exit_for(ExopkStatus code)
{
    return code == EXOPK_EINVAL || code == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
}

static ExopkStudy *
load(const char *path, ExopkError *err)
{
    return exopk_lua_load_study(path, exopk_lua_data_dir(), cli_warn_stderr, NULL, err);
}

static char *
default_study_path(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/examples/default.lua", exopk_lua_data_dir());
    return path;
}

static void
range_row(const ExopkParamRow *r, void *data)
{
    double *lohi = data;

    lohi[0] = r->range_lo;
    lohi[1] = r->range_hi;
}

/* Doses given in vesicle protein: the particle count each implies, and
 * over the library's range of particles per ug protein. */
static void
print_protein_doses(const ExopkStudy *s, FILE *out)
{
    for (size_t a = 0; a < s->n_arms; a++) {
        for (size_t l = 0; l < s->arms[a].n_lines; l++) {
            const ExopkDosingLine *line = &s->arms[a].lines[l];
            const ExopkFormulation *fm;
            char bare[64], path[200], range[160] = "";
            double lohi[2] = { NAN, NAN }, ppu;

            if (line->dose.formulation < 0
                || !exopk_protein_text(line->dose_text, bare, sizeof bare))
                continue;
            fm = &s->formulations[line->dose.formulation];
            ppu = fm->carrier_ref.particles_per_ug_protein;
            snprintf(path, sizeof path, "carrier.%s.particles_per_ug_protein", fm->carrier_ref.name);
            if (exopk_lua_list_params(exopk_lua_data_dir(), path, range_row, lohi, NULL) == EXOPK_OK
                && isfinite(lohi[0]) && isfinite(lohi[1]))
                snprintf(range, sizeof range, "; its range %.3g to %.3g gives %.3g to %.3g "
                         "particles", lohi[0], lohi[1], line->dose.amount / ppu * lohi[0],
                         line->dose.amount / ppu * lohi[1]);
            fprintf(out, "dose     %s: \"%s\" of %s is %.4g particles at %.4g particles/ug "
                    "protein (%s)%s\n", s->arms[a].name, line->dose_text, fm->name,
                    line->dose.amount, ppu, path, range);
        }
    }
}

/* What the targeting ligands of each formulation multiply (docs/model.md,
 * "Targeting"): 1 where the tumour lacks a receptor (the loader warned). */
static void
print_ligands(const ExopkStudy *s, FILE *out)
{
    for (size_t f = 0; f < s->n_formulations; f++) {
        const ExopkFormulation *fm = &s->formulations[f];
        ExopkLigandEffect e;

        if (fm->n_ligands == 0)
            continue;
        exopk_formulation_ligand_effect(s, fm, &e);
        fprintf(out, "ligand   %s:", fm->name);
        for (size_t i = 0; i < fm->n_ligands; i++)
            fprintf(out, "%s %s", i > 0 ? " +" : "", s->ligands[fm->ligand[i]].name);
        fprintf(out, ": ps_tum x%.3g, k_int x%.3g, k_ip x%.3g, MPS uptake x%.3g", e.ps_tum,
                e.k_int, e.k_ip, e.mps);
        if (s->has_tumour)
            fprintf(out, " (tumour %s)\n", s->tumour.name);
        else
            fputs(" (no tumour: MPS only)\n", out);
    }
}

/* Loading report and warnings of every formulation, as the field reports. */
static void
print_loading(const ExopkStudy *s, FILE *out)
{
    for (size_t f = 0; f < s->n_formulations; f++) {
        const ExopkFormulation *fm = &s->formulations[f];
        ExopkLoadingReport rep[EXOPK_MAX_CARGO];
        exopk_formulation_load(fm, s, rep);
        for (size_t c = 0; c < fm->n_cargo; c++) {
            const ExopkAgent *ag = &s->agents[fm->cargo[c].agent];
            char msg[1024], ww[64] = "";
            double per_ww;
            if (rep[c].measured) {
                exopk_measured_load_describe(s, fm, c, &rep[c], msg, sizeof msg);
                fprintf(out, "%s\n", msg);
                if (exopk_loading_warning(s, fm, c, &rep[c], msg, sizeof msg))
                    cli_printf(stderr, "warning: %s\n", msg);
                continue;
            }
            /* offered also as w/w (dosed form per vesicle protein), as labs write it */
            if (exopk_offered_from_mass_ratio(1.0, ag, &fm->carrier, &per_ww, NULL) == EXOPK_OK)
                snprintf(ww, sizeof ww, " (%.3g mg/mg)", fm->cargo[c].offered / per_ww);
            fprintf(out,
                    "loading  %s: %s by %s, %.4g nm: %.4g molecules/vesicle (lumen %.4g, "
                    "membrane %.4g) of %.4g offered%s; EE %.3g %%, DLC %.3g %% (w/w), "
                    "recovery %.3g %%\n",
                    fm->name, ag->name, fm->method.name, fm->diameter,
                    rep[c].q_lumen + rep[c].q_membrane, rep[c].q_lumen, rep[c].q_membrane,
                    fm->cargo[c].offered, ww, rep[c].ee_pct, rep[c].dlc_pct,
                    100 * rep[c].recovery);
            if (exopk_loading_warning(s, fm, c, &rep[c], msg, sizeof msg))
                cli_printf(stderr, "warning: %s\n", msg);
        }
    }
    print_ligands(s, out);
    /* what a vesicle dose carries, and mass doses converted to particles */
    for (size_t a = 0; a < s->n_arms; a++) {
        const ExopkArm *arm = &s->arms[a];
        for (size_t d = 0; d < arm->n_doses; d++) {
            const ExopkDose *dose = &arm->doses[d];
            const ExopkFormulation *fm;
            ExopkLoadingReport rep[EXOPK_MAX_CARGO];
            double particles;
            ExopkError err;

            if (dose->formulation < 0)
                continue;
            if (d > 0 && arm->doses[d - 1].formulation == dose->formulation &&
                arm->doses[d - 1].amount == dose->amount && arm->doses[d - 1].unit == dose->unit)
                continue;  /* one line per dosing line is enough */
            fm = &s->formulations[dose->formulation];
            if (exopk_dose_particles(s, dose, &particles, &err) != EXOPK_OK)
                continue;  /* the run reports it */
            exopk_formulation_load(fm, s, rep);
            fprintf(out, "dose     %s: %.4g particles of %s", arm->name, particles, fm->name);
            for (size_t c = 0; c < fm->n_cargo; c++) {
                const ExopkAgent *ag = &s->agents[fm->cargo[c].agent];
                double nmol = particles * (rep[c].q_lumen + rep[c].q_membrane) /
                              EXOPK_MOLECULES_PER_NMOL;
                fprintf(out, "%s %.4g nmol %s (%.4g ug as dosed form)", c ? "," : " carry",
                        nmol, ag->name, nmol * ag->mw_dosed * 1e-3);
            }
            if (dose->unit == EXOPK_DOSE_NMOL)
                fputs(" [particle count computed from the cargo dose]", out);
            fputc('\n', out);
        }
    }
    print_protein_doses(s, out);
}

static int
arm_selected(const char *name, char *const *arms, size_t n_arms)
{
    if (n_arms == 0)
        return 1;
    for (size_t i = 0; i < n_arms; i++)
        if (strcmp(arms[i], name) == 0)
            return 1;
    return 0;
}

/* Metric rows x arm columns, metrics in first-seen order. */
static void
print_metrics(const ExopkStudy *s, ExopkResult **results, FILE *out)
{
    const char *names[512];
    const char *units[512];
    size_t n = 0;

    for (size_t a = 0; a < s->n_arms; a++) {
        if (results[a] == NULL)
            continue;
        for (size_t i = 0; i < exopk_result_n_metrics(results[a]) && n < 512; i++) {
            const char *nm = exopk_result_metric_name(results[a], i);
            size_t k = 0;
            while (k < n && strcmp(names[k], nm) != 0)
                k++;
            if (k == n) {
                names[n] = nm;
                units[n++] = exopk_result_metric_unit(results[a], i);
            }
        }
    }
    fprintf(out, "\n%-44s %-18s", "metric", "unit");
    for (size_t a = 0; a < s->n_arms; a++)
        if (results[a] != NULL)
            fprintf(out, " %14s", s->arms[a].name);
    fputc('\n', out);
    for (size_t k = 0; k < n; k++) {
        fprintf(out, "%-44s %-18s", names[k], units[k]);
        for (size_t a = 0; a < s->n_arms; a++) {
            double v;
            if (results[a] == NULL)
                continue;
            if (exopk_result_metric(results[a], names[k], &v) == 0)
                fprintf(out, " %14.6g", v);
            else
                fprintf(out, " %14s", "-");
        }
        fputc('\n', out);
    }
}

static int
make_dir(const char *dir, ExopkError *err)
{
    struct stat st;

    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        exopk_error_set(err, EXOPK_EIO, "%s: exists and is not a directory", dir);
        return -1;
    }
    if (mkdir(dir, 0777) != 0) {
        exopk_error_set(err, EXOPK_EIO, "%s: cannot create: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- simulate ------------------------------------------------------------ */

typedef enum { TO_REPORT, TO_DIR, TO_STDOUT } Destination;

typedef struct {
    const char *study_path, *out_dir, *plot_path;
    char *arms[64];
    size_t n_arms;
    char **sets;       /* --set arguments (borrowed from argv) */
    size_t n_sets;
    Destination dest;
    CliFormat format;  /* of stdout: FORMAT_CSV or FORMAT_JSON */
    int metrics;       /* --metrics: the table, not one arm's series */
    ExopkPlotStyle style;
} SimulateOptions;

/* Collects a --set (checked for the PATH=VALUE shape). */
static int
add_set(const char *cmd, char ***sets, size_t *n, char *arg)
{
    char **more;

    if (cli_set_check_arg(cmd, arg) != 0)
        return -1;
    if ((more = realloc(*sets, (*n + 1) * sizeof *more)) == NULL) {
        fprintf(stderr, "exopk %s: out of memory\n", cmd);
        return -1;
    }
    more[(*n)++] = arg;
    *sets = more;
    return 0;
}

/* Where -o and --format send the output, or -1 for a clash. */
static int
simulate_destination(SimulateOptions *o, int format_given)
{
    if (o->out_dir != NULL && strcmp(o->out_dir, "-") == 0)
        o->dest = TO_STDOUT;
    else if (o->out_dir != NULL)
        o->dest = TO_DIR;
    if (format_given && o->dest == TO_DIR) {
        fprintf(stderr, "exopk simulate: --format writes to stdout: give -o - or no -o "
                        "(see exopk simulate --help)\n");
        return -1;
    }
    if (format_given) {
        o->dest = TO_STDOUT;
        o->metrics = 1;   /* --format is the metrics table */
    }
    if (o->metrics && o->dest != TO_STDOUT) {
        fprintf(stderr, "exopk simulate: --metrics goes with -o - (see exopk simulate --help)\n");
        return -1;
    }
    return 0;
}

/* 0, or the exit status (-1: --help was printed, exit 0). */
static int
parse_simulate(int argc, char **argv, SimulateOptions *o)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "plot", required_argument, NULL, 'p' },
        { "style", required_argument, NULL, 'y' },
        { "arm", required_argument, NULL, 'a' },
        { "set", required_argument, NULL, 's' },
        { "metrics", no_argument, NULL, 'm' },
        { "format", required_argument, NULL, 'f' },
        { "load-timeout", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c, format_given = 0, f;

    while ((c = cli_getopt("simulate", argc, argv, "o:h", longopts)) != -1) {
        if (c == 'o') {
            o->out_dir = optarg;
        } else if (c == 'p') {
            o->plot_path = optarg;
        } else if (c == 'y') {
            if (cli_parse_style("simulate", optarg, &o->style) != 0)
                return EXIT_USAGE;
        } else if (c == 'a' && o->n_arms < 64) {
            o->arms[o->n_arms++] = optarg;
        } else if (c == 'a') {
            fprintf(stderr, "exopk simulate: at most 64 --arm options\n");
            return EXIT_USAGE;
        } else if (c == 's') {
            if (add_set("simulate", &o->sets, &o->n_sets, optarg) != 0)
                return EXIT_USAGE;
        } else if (c == 'm') {
            o->metrics = 1;
        } else if (c == 'f') {
            if ((f = cli_parse_format("simulate", optarg, 0)) < 0)
                return EXIT_USAGE;
            o->format = (CliFormat) f;
            format_given = 1;
        } else if (c == 't') {
            if (cli_load_timeout("simulate", optarg) != 0)
                return EXIT_USAGE;
        } else if (c == 'h') {
            cli_usage("simulate", stdout);
            return -1;
        } else {
            return EXIT_USAGE;
        }
    }
    for (int i = optind; i < argc; i++) {
        if (o->study_path != NULL) {
            fprintf(stderr, "exopk simulate: one study file at a time (got %s and %s)\n",
                    o->study_path, argv[i]);
            return EXIT_USAGE;
        }
        o->study_path = argv[i];
    }
    if (o->study_path == NULL)
        o->study_path = default_study_path();
    return simulate_destination(o, format_given) != 0 ? EXIT_USAGE : 0;
}

/* Every --arm must name an arm of @s. */
static int
check_arm_names(const ExopkStudy *s, const SimulateOptions *o)
{
    const char *names[64];
    size_t n = s->n_arms < 64 ? s->n_arms : 64;

    for (size_t a = 0; a < n; a++)
        names[a] = s->arms[a].name;
    for (size_t i = 0; i < o->n_arms; i++) {
        int found = 0;
        for (size_t a = 0; a < s->n_arms; a++)
            found |= strcmp(s->arms[a].name, o->arms[i]) == 0;
        if (!found) {
            const char *near = exopk_nearest_name(o->arms[i], names, n);
            cli_printf(stderr, "%s: --arm %s: no such arm%s%s%s\n", o->study_path, o->arms[i],
                       near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
            return -1;
        }
    }
    return 0;
}

/* Simulates the selected arms into @results; 0 or the exit status. */
static int
run_arms(const ExopkStudy *s, const SimulateOptions *o, ExopkResult **results)
{
    ExopkError err;

    for (size_t a = 0; a < s->n_arms; a++) {
        if (!arm_selected(s->arms[a].name, o->arms, o->n_arms))
            continue;
        results[a] = exopk_simulate(s, a, NULL, &err);
        if (results[a] == NULL) {
            cli_printf(stderr, "%s: arm %s: %s\n", o->study_path, s->arms[a].name, err.message);
            return exit_for(err.code) == EXIT_USAGE ? EXIT_USAGE : EXIT_RUN;
        }
    }
    exopk_results_compare(s, results);
    return 0;
}

static int
write_dir(const ExopkStudy *s, ExopkResult **results, const char *dir)
{
    char path[4096];
    ExopkError err;

    if (make_dir(dir, &err) != 0)
        goto fail;
    for (size_t a = 0; a < s->n_arms; a++) {
        if (results[a] == NULL)
            continue;
        snprintf(path, sizeof path, "%s/%s.csv", dir, s->arms[a].name);
        if (csv_write_series(results[a], path, &err) != 0)
            goto fail;
    }
    snprintf(path, sizeof path, "%s/metrics.csv", dir);
    if (csv_write_metrics(results, s->n_arms, path, &err) != 0)
        goto fail;
    return 0;
fail:
    cli_printf(stderr, "%s\n", err.message);
    return EXIT_IO;
}

/* -o - and --format: one arm's series, or the metrics table. */
static int
write_stdout(const ExopkStudy *s, ExopkResult **results, const SimulateOptions *o)
{
    size_t n_run = 0, one = 0;

    for (size_t a = 0; a < s->n_arms; a++)
        if (results[a] != NULL)
            n_run++, one = a;
    if (o->format == FORMAT_JSON)
        json_write_metrics(results, s->n_arms, stdout);
    else if (n_run == 1 && !o->metrics)
        exopk_result_write_csv(results[one], stdout);
    else
        exopk_results_write_metrics_csv(results, s->n_arms, 1, stdout);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "exopk simulate: cannot write to stdout: %s\n", strerror(errno));
        return EXIT_IO;
    }
    return 0;
}

static int
write_plot(const ExopkStudy *s, ExopkResult **results, ExopkObsMatch **matches,
           const SimulateOptions *o)
{
    const char *path = o->plot_path;
    ExopkError err;
    ExopkFigure *fig = exopk_figure_new(s->name, results, s->n_arms);
    ExopkStatus st;

    if (fig != NULL && matches != NULL)
        exopk_figure_set_observed(fig, (const ExopkObsMatch *const *) matches, s->n_arms);
    if (fig != NULL)
        exopk_figure_set_style(fig, o->style);
    st = fig ? exopk_figure_set_study_doses(fig, s) : EXOPK_ENOMEM;
    if (st == EXOPK_OK)
        st = exopk_figure_write(fig, path, 0, 0, &err);
    exopk_figure_free(fig);
    if (st == EXOPK_OK)
        return 0;
    if (fig == NULL)
        exopk_error_set(&err, st, "out of memory");
    cli_printf(stderr, "%s\n", err.message);
    return st == EXOPK_EINVAL ? EXIT_USAGE : st == EXOPK_EIO ? EXIT_IO : EXIT_RUN;
}

/* The study's observed data matched against its results (NULL in
 * *@matches when the study names none); the exit status. */
static int
read_observed(const ExopkStudy *s, ExopkResult **results, ExopkObserved **obs,
              ExopkObsMatch ***matches)
{
    ExopkError err;

    *obs = NULL;
    *matches = NULL;
    if (s->data_path[0] == '\0')
        return 0;
    *obs = exopk_study_read_observed(s, NULL, &err);
    *matches = *obs != NULL ? exopk_obs_match_arms(*obs, s, results, &err) : NULL;
    if (*matches != NULL)
        return 0;
    cli_printf(stderr, "%s\n", err.message);
    return exit_for(err.code);
}

/* Every file simulate will write, checked before any run: a FIFO, a
 * device or a directory in the way fails at once, before a file is
 * written, not halfway through the outputs. */
static int
check_outputs(const ExopkStudy *s, const SimulateOptions *o)
{
    char path[4096];
    struct stat st;
    ExopkError err;
    const char *dir = o->dest == TO_DIR ? o->out_dir : NULL;

    if (o->plot_path != NULL && exopk_output_file_check(o->plot_path, &err) != EXOPK_OK)
        goto fail;
    if (dir == NULL || stat(dir, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode)) {
        exopk_error_set(&err, EXOPK_EIO, "%s: exists and is not a directory", dir);
        goto fail;
    }
    for (size_t a = 0; a < s->n_arms; a++) {
        snprintf(path, sizeof path, "%s/%s.csv", dir, s->arms[a].name);
        if (arm_selected(s->arms[a].name, o->arms, o->n_arms)
            && exopk_output_file_check(path, &err) != EXOPK_OK)
            goto fail;
    }
    snprintf(path, sizeof path, "%s/metrics.csv", dir);
    if (exopk_output_file_check(path, &err) == EXOPK_OK)
        return 0;
fail:
    cli_printf(stderr, "%s\n", err.message);
    return EXIT_IO;
}

/* Loads the study and applies --set; NULL after printing the error
 * (*status: the exit status). */
static ExopkStudy *
load_with_sets(const char *path, char *const *sets, size_t n_sets, int *status)
{
    ExopkError err;
    ExopkStudy *s = load(path, &err);

    if (s == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        *status = exit_for(err.code);
        return NULL;
    }
    if (cli_set_apply(s, sets, n_sets, path, stderr) != 0) {
        exopk_study_free(s);
        *status = EXIT_USAGE;
        return NULL;
    }
    return s;
}

/* The study's outputs, as -o, --format and --plot ask. */
static int
simulate_outputs(const ExopkStudy *s, ExopkResult **results, const SimulateOptions *o)
{
    ExopkObserved *obs;
    ExopkObsMatch **matches;
    int status = read_observed(s, results, &obs, &matches);

    if (status == 0 && o->dest == TO_DIR)
        status = write_dir(s, results, o->out_dir);
    else if (status == 0 && o->dest == TO_STDOUT)
        status = write_stdout(s, results, o);
    else if (status == 0)
        print_metrics(s, results, stdout);
    if (status == 0 && o->plot_path != NULL)
        status = write_plot(s, results, matches, o);
    exopk_obs_match_arms_free(matches, s->n_arms);
    exopk_observed_free(obs);
    return status;
}

static int
cmd_simulate(int argc, char **argv)
{
    SimulateOptions o = { .format = FORMAT_CSV };
    ExopkStudy *s = NULL;
    ExopkResult **results = NULL;
    int status = parse_simulate(argc, argv, &o);

    if (status != 0)
        goto out;
    if ((s = load_with_sets(o.study_path, o.sets, o.n_sets, &status)) == NULL)
        goto out;
    if (check_arm_names(s, &o) != 0) {
        status = EXIT_USAGE;
        goto out;
    }
    if ((status = check_outputs(s, &o)) != 0)
        goto out;
    if ((results = calloc(s->n_arms, sizeof *results)) == NULL) {
        status = EXIT_RUN;
        goto out;
    }
    if (o.dest != TO_DIR) {   /* the report: on stdout unless that carries data */
        FILE *report = o.dest == TO_STDOUT ? stderr : stdout;
        cli_printf(report, "exopk %s: %s\n", EXOPK_VERSION_STRING, s->name);
        print_loading(s, report);
    }
    if ((status = run_arms(s, &o, results)) == 0)
        status = simulate_outputs(s, results, &o);
out:
    for (size_t a = 0; s != NULL && results != NULL && a < s->n_arms; a++)
        exopk_result_free(results[a]);
    free(results);
    exopk_study_free(s);
    free(o.sets);
    return status < 0 ? 0 : status;
}
static int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "set", required_argument, NULL, 's' },
        { "load-timeout", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    char **sets = NULL;
    size_t n_sets = 0;
    ExopkStudy *s = NULL;
    int c, status = 0;

    while ((c = cli_getopt("check", argc, argv, "h", longopts)) != -1) {
        if (c == 't' && cli_load_timeout("check", optarg) == 0)
            continue;
        if (c == 's' && add_set("check", &sets, &n_sets, optarg) == 0)
            continue;
        if (c == 'h')
            cli_usage("check", stdout);
        status = c == 'h' ? 0 : EXIT_USAGE;
        goto out;
    }
    if (argc - optind != 1) {
        fprintf(stderr, "exopk check: one study file (see exopk check --help)\n");
        status = EXIT_USAGE;
        goto out;
    }
    if ((s = load_with_sets(argv[optind], sets, n_sets, &status)) == NULL)
        goto out;
    print_loading(s, stdout);
    printf("%s: ok (%zu arm%s, %zu formulation%s, horizon %g h)\n", argv[optind], s->n_arms,
           s->n_arms == 1 ? "" : "s", s->n_formulations, s->n_formulations == 1 ? "" : "s",
           s->horizon);
out:
    exopk_study_free(s);
    free(sets);
    return status;
}

static void
finish_mpi_at_exit(void)
{
    cli_mpi_finish(0);
}

static int
cmd_run(int argc, char **argv)
{
    ExopkError err;
    ExopkStatus st;

    if (argc < 1) {
        fprintf(stderr, "usage: exopk run SCRIPT.lua [ARGS...]\n");
        return EXIT_USAGE;
    }
    /* under mpirun the other ranks never run the script: they evaluate
     * the subjects of its robust exopk.optimize calls (docs/mpi.md) */
    if (cli_mpi_rank() > 0)
        return cli_opt_serve();
    if (cli_mpi_size() > 1) {
        cli_opt_spread_register();
        atexit(finish_mpi_at_exit);  /* a script's os.exit() stops the ranks too */
    }
    st = exopk_lua_run_script(argv[0], argc - 1, argv + 1, exopk_lua_data_dir(), &err);
    if (st == EXOPK_OK)
        return 0;
    fprintf(stderr, "exopk: %s\n", err.message);   /* as lua.c prints "lua: ..." */
    return st == EXOPK_EINVAL || st == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
}

/* ---- params -------------------------------------------------------------- */

static void
print_param(const ExopkParamRow *r, void *data)
{
    char range[64] = "", value[64], eff[64] = "";

    (void) data;
    if (isnan(r->value))
        snprintf(value, sizeof value, "(derived)");
    else
        snprintf(value, sizeof value, "%.6g %s", r->value, r->unit);
    if (!isnan(r->range_lo))
        snprintf(range, sizeof range, "%.4g-%.4g", r->range_lo, r->range_hi);
    if (r->has_effective)
        snprintf(eff, sizeof eff, "%.6g %s", r->effective, r->engine_unit);
    printf("%-44s %-22s %-14s %-22s %-8s %s%s%s\n", r->path, value, range, eff, r->grade, r->flag,
           *r->flag ? " " : "", r->source);
}

#define PARAMS_CSV_HEADER \
    "path,value,unit,range_lo,range_hi,effective,effective_unit,grade,flag,source\n"

/* A number field: empty when @v is not finite. */
static void
csv_number(double v, FILE *out)
{
    if (isfinite(v))
        fprintf(out, "%.10g", v);
    putc(',', out);
}

static void
csv_param(const ExopkParamRow *r, void *data)
{
    (void) data;
    csv_write_field(r->path, stdout);
    putchar(',');
    csv_number(r->value, stdout);
    csv_write_field(r->unit, stdout);
    putchar(',');
    csv_number(r->range_lo, stdout);
    csv_number(r->range_hi, stdout);
    csv_number(r->has_effective ? r->effective : NAN, stdout);
    csv_write_field(r->has_effective ? r->engine_unit : "", stdout);
    putchar(',');
    csv_write_field(r->grade, stdout);
    putchar(',');
    csv_write_field(r->flag, stdout);
    putchar(',');
    csv_write_field(r->source, stdout);
    putchar('\n');
}

static void
json_param(const ExopkParamRow *r, void *data)
{
    JsonWriter *w = data;

    json_begin_object(w);
    json_key(w, "path");
    json_string(w, r->path);
    json_key(w, "value");
    json_number(w, r->value);
    json_key(w, "unit");
    json_string(w, r->unit);
    json_key(w, "range_lo");
    json_number(w, r->range_lo);
    json_key(w, "range_hi");
    json_number(w, r->range_hi);
    json_key(w, "effective");
    json_number(w, r->has_effective ? r->effective : NAN);
    json_key(w, "effective_unit");
    json_string(w, r->has_effective ? r->engine_unit : "");
    json_key(w, "grade");
    json_string(w, r->grade);
    json_key(w, "flag");
    json_string(w, r->flag);
    json_key(w, "source");
    json_string(w, r->source);
    json_end(w, '}');
}

/* Lists the library in @format. */
static int
list_params(const char *pattern, CliFormat format)
{
    JsonWriter w;
    ExopkError err;
    ExopkStatus st;

    if (format == FORMAT_JSON) {
        json_init(&w, stdout);
        json_begin_array(&w);
        st = exopk_lua_list_params(exopk_lua_data_dir(), pattern, json_param, &w, &err);
        if (st == EXOPK_OK)
            json_end(&w, ']');
    } else if (format == FORMAT_CSV) {
        fputs(PARAMS_CSV_HEADER, stdout);
        st = exopk_lua_list_params(exopk_lua_data_dir(), pattern, csv_param, NULL, &err);
    } else {
        printf("%-44s %-22s %-14s %-22s %-8s %s\n", "path", "value (as in file)", "range",
               "effective (default)", "grade", "source");
        st = exopk_lua_list_params(exopk_lua_data_dir(), pattern, print_param, NULL, &err);
    }
    if (st != EXOPK_OK) {
        fprintf(stderr, "%s\n", err.message);
        return exit_for(err.code);
    }
    return 0;
}

static int
cmd_params(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'f' },
        { "csv", no_argument, NULL, 'c' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c, format = FORMAT_TABLE;

    while ((c = cli_getopt("params", argc, argv, "h", longopts)) != -1) {
        if (c == 'f' && (format = cli_parse_format("params", optarg, 1)) >= 0)
            continue;
        if (c == 'c') {
            format = FORMAT_CSV;
            continue;
        }
        if (c == 'h')
            cli_usage("params", stdout);
        return c == 'h' ? 0 : EXIT_USAGE;
    }
    if (argc - optind > 1) {
        fprintf(stderr, "exopk params: at most one PATTERN (see exopk params --help)\n");
        return EXIT_USAGE;
    }
    return list_params(argc > optind ? argv[optind] : NULL, (CliFormat) format);
}

static const char *const TOPICS[] = { "study", "units", "outputs", "metrics" };

static int
cmd_help(int argc, char **argv)
{
    if (argc == 0) {
        cli_usage_all(stdout);
        return 0;
    }
    if (strcmp(argv[0], "study") == 0) {
        puts("A study file returns one table: name, subject {species, weight, tumour {model,\n"
             "volume, resistant_fraction}}, horizon, output_every, formulations {NAME =\n"
             "{carrier, diameter, surface {cd47, peg, ligand}, loading {method}, cargo\n"
             "{{agent, offered (or loaded, ee, dlc)}}}}, arms {NAME = {{give, route\n"
             "(iv|it|ip), dose, at, every, count, over, dose_of}}}, params {[\"path\"] =\n"
             "value}, solver {rtol, atol}, data (observed data: a CSV arm,time,name,value\n"
             "next to the study, or a NONMEM dataset and its map; drawn by simulate --plot;\n"
             "see docs/study-files.md); for exopk population: variability\n"
             "{[\"path\"] = \"30 %\"}, batch, correlations {{a, b, rho}}, uncertainty \"library\".\n"
             "Names are 1 to 63 letters, digits, _ or -; no arm may be called metrics.\n"
             "Study files run sandboxed: no io, os,\n"
             "require or load, 64 MiB, --load-timeout seconds of CPU time (default 5).\n"
             "The bundled example: data/examples/default.lua.");
    } else if (strcmp(argv[0], "units") == 0) {
        puts("mass g mg ug ng; amount mol mmol umol nmol pmol, molecules; particles (vesicle);\n"
             "\"/vesicle\"; volume L mL uL mm3 cm3; length nm um; time s min h d; per body\n"
             "weight \"/kg\" and body surface \"/m2\" (mg/kg, mg/m2 with the FDA factors mouse\n"
             "3, rat 6, human 37, particles/kg); rates /h 1/h /d; concentrations nmol/L nM\n"
             "uM mg/L; %.\n"
             "A study file's weight, volume, times, diameter, offered and dose need a unit:\n"
             "a plain number there is an error.  params and --set take plain numbers in the\n"
             "engine unit `exopk params` lists (h, nmol, particles, L, mm3).  offered also\n"
             "takes a w/w ratio of cargo (as weighed) to vesicle protein: \"0.1 mg/mg\",\n"
             "\"10 % w/w\".  Ratios that cancel (\"L/L\", \"mol/mol\") are refused.\n"
             "A measured load: loaded = \"850 /vesicle\" or \"50 ng/ug protein\", ee = \"12 %\"\n"
             "(of offered), dlc = \"3 % w/w\".  A formulation dose in vesicle protein:\n"
             "\"100 ug protein\", \"4 mg/kg protein\".\n"
             "docs/study-files.md, \"Quantities and units\".");
    } else if (strcmp(argv[0], "outputs") == 0) {
        puts("exopk simulate -o DIR writes DIR/ARM.csv: time [h], then per vesicle compartment\n"
             "(plasma, tissue, mps, tumour_interstitium, tumour_cells, peritoneum)\n"
             "<c>_particles [particles] and <c>_particles_pct_id [%];\n"
             "plasma_particles_pct_id_per_ml [%/mL], mps_particles_pct_id_per_g (per g of\n"
             "liver + spleen) and tumour_particles_pct_id_per_g [%/g]; per agent <a>.plasma,\n"
             "<a>.plasma_encapsulated, <a>.heart, <a>.tumour [nmol/L], <a>.encapsulated and\n"
             "<a>.eliminated [nmol], <a>.cell_s, <a>.cell_r [molecules/cell]; siRNA\n"
             "<a>.risc_s/_r [molecules/cell], <a>.target_mrna, <a>.target_protein [1];\n"
             "anti-miR and miRNA mimic <a>.mirna_activity [1]; biomarker_plasma\n"
             "[particles/mL]; tumour_volume, sensitive_volume, resistant_volume [mm3],\n"
             "resistant_fraction [1];\n"
             "<organ>_particles_pct_id [%] and _per_g [%/g] for liver, spleen, lungs (shares\n"
             "of mps), kidneys, rest (shares of tissue) where the carrier gives shares; and\n"
             "DIR/metrics.csv (arm,metric,value,unit).  Files appear whole or not at all.\n"
             "-o - writes one arm's series, or the metrics table, to stdout; --format json\n"
             "the metrics table as JSON (docs/shell.md).");
    } else if (strcmp(argv[0], "metrics") == 0) {
        puts("<a>.mass_balance_rel_error, particles.mass_balance_rel_error, <a>.plasma_cmax,\n"
             "<a>.plasma_tmax, <a>.plasma_auc, <a>.heart_auc, <a>.tumour_auc,\n"
             "<a>.tumour_heart_auc_ratio, <a>.plasma_t_half_terminal,\n"
             "<a>.molecules_per_cell_max, <a>.cumulative_dose_mg_per_kg,\n"
             "<a>.cumulative_dose_mg_per_m2, <a>.free_equivalent_dose_mg_per_m2 (heart AUC\n"
             "over that of a 1 mg/m2 free bolus),\n"
             "<a>.chf_risk_pct (heart-failure risk at that dose, from the agent's published\n"
             "table; doxorubicin only), <rna>.cytosolic_copies_per_cell_max,\n"
             "plasma_particles_t_half_alpha, particles_given, tumour_pct_id_max,\n"
             "tumour_pct_id_per_g_max,\n"
             "tumour_volume_final, resistant_fraction_final, tgi_pct (vs the arm \"control\"),\n"
             "time_to_regrowth, <formulation>.<a>.ee_pct / .dlc_pct / .molecules_per_vesicle,\n"
             "<sirna>.knockdown_max_pct, <sirna>.knockdown_duration,\n"
             "<antimir>.mirna_activity_min,\n"
             "<antimir>.mirna_suppression_onset / _duration, <mimic>.mirna_activity_max,\n"
             "<mimic>.mirna_raise_max_pct, biomarker_fold_change,\n"
             "<organ>_pct_id_max, <organ>_pct_id_per_g_max (liver, spleen, lungs, kidneys,\n"
             "rest).\n"
             "Definitions: docs/outputs.md.");
    } else if (cli_usage(argv[0], stdout) == 0) {
        return 0;               /* `exopk help COMMAND`: as `exopk COMMAND --help` */
    } else {
        const char *near = exopk_nearest_name(argv[0], TOPICS, 4);
        fprintf(stderr, "exopk help: unknown topic \"%s\"%s%s%s (topics: study, units, outputs, "
                        "metrics, or a command)\n", argv[0], near ? " (did you mean \"" : "",
                near ? near : "", near ? "\"?)" : "");
        return EXIT_USAGE;
    }
    return 0;
}

/* ---- the commands -------------------------------------------------------- */

static int
cmd_batch(int argc, char **argv)
{
    return exopk_cli_batch(exopk_lua_data_dir(), argc, argv);
}

static int
cmd_population(int argc, char **argv)
{
    return exopk_cli_population(exopk_lua_data_dir(), argc, argv);
}

static int
cmd_sensitivity(int argc, char **argv)
{
    return exopk_cli_sensitivity(exopk_lua_data_dir(), argc, argv);
}

static int
cmd_fit(int argc, char **argv)
{
    return exopk_cli_fit(exopk_lua_data_dir(), argc, argv);
}

static int
cmd_export(int argc, char **argv)
{
    return exopk_cli_export(exopk_lua_data_dir(), argc, argv);
}

static int
cmd_validate(int argc, char **argv)
{
    return exopk_cli_validate(exopk_lua_data_dir(), argc - 1, argv + 1);
}

static int
cmd_run_args(int argc, char **argv)
{
    return cmd_run(argc - 1, argv + 1);
}

static int
cmd_help_args(int argc, char **argv)
{
    return cmd_help(argc - 1, argv + 1);
}

/* Each gets the command's name as argv[0] (getopt_long's argv[0]).
 * Under mpirun, the commands that spread run on every rank (docs/mpi.md);
 * the others on rank 0 only. */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    int spreads;
} COMMANDS[] = {
    { "simulate", cmd_simulate, 0 }, { "batch", cmd_batch, 1 },
    { "population", cmd_population, 1 }, { "sensitivity", cmd_sensitivity, 1 },
    { "run", cmd_run_args, 1 },      { "check", cmd_check, 0 },    { "params", cmd_params, 0 },
    { "validate", cmd_validate, 0 }, { "help", cmd_help_args, 0 },
    { "fit", cmd_fit, 0 },           { "export", cmd_export, 0 },
};

#define N_COMMANDS (sizeof COMMANDS / sizeof *COMMANDS)

static int
unknown_command(const char *cmd)
{
    const char *names[N_COMMANDS];
    const char *near;

    for (size_t i = 0; i < N_COMMANDS; i++)
        names[i] = COMMANDS[i].name;
    near = exopk_nearest_name(cmd, names, N_COMMANDS);
    fprintf(stderr, "exopk: unknown command \"%s\"%s%s%s; see exopk --help\n", cmd,
            near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return EXIT_USAGE;
}

static int
is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

static int
run_command(int argc, char **argv)
{
    const char *cmd;

    if (argc < 2) {
        cli_usage_all(stderr);
        return EXIT_USAGE;
    }
    cmd = argv[1];
    if (is_help(cmd))
        return cmd_help(0, NULL);
    if (strcmp(cmd, "--version") == 0) {
        printf("exopk %s\n", EXOPK_VERSION_STRING);
        return 0;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(cmd, COMMANDS[i].name) != 0)
            continue;
        /* COMMAND --help, also where the command reads no options */
        if (argc > 2 && is_help(argv[2]))
            return cli_usage(cmd, stdout) == 0 ? 0 : EXIT_USAGE;
        if (cli_mpi_rank() > 0 && !COMMANDS[i].spreads)
            return 0;
        return COMMANDS[i].run(argc - 1, argv + 1);
    }
    return unknown_command(cmd);
}

int
main(int argc, char **argv)
{
    exopk_init();
    exopk_tune_heap();
    cli_mpi_init(&argc, &argv);
    return cli_mpi_finish(run_command(argc, argv));
}
