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
#include "csv.h"
#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "plot.h"
#include "text.h"
#include "validate.h"

static const char *const COMMANDS[] = { "simulate", "batch", "run", "check", "params",
                                         "validate", "help" };

static void
usage(FILE *out)
{
    fputs("usage: exopk COMMAND [ARGS]\n"
          "\n"
          "  simulate [STUDY.lua] [-o DIR] [--plot FILE] [--arm NAME]... [--load-timeout S]\n"
          "                        run a study (no file: the bundled default study);\n"
          "                        prints the loading report and a metrics table, or with\n"
          "                        -o writes DIR/ARM.csv (time series) and DIR/metrics.csv;\n"
          "                        --plot writes a figure (.png, .svg or .pdf)\n"
          "  batch STUDY.lua... -o FILE.csv [-j N] [--resume] [--arm NAME]...\n"
          "                        many studies on N threads, one metrics table\n"
          "                        (study,arm,metric,value,unit); see exopk batch --help\n"
          "  run SCRIPT.lua [ARGS...]\n"
          "                        a trusted script with the full Lua API (require \"exopk\":\n"
          "                        load, simulate, optimize, pareto, save; see scripts/)\n"
          "  check STUDY.lua [--load-timeout S]\n"
          "                        validate a study file without running it\n"
          "  params [PATTERN]      the parameter library: value, unit, range, grade, source\n"
          "  validate              run the published-anchor validation table\n"
          "  help [TOPIC]          this text, or a topic: study, units, outputs, metrics\n"
          "  --version, --help\n"
          "\n"
          "\n"
          "Study files are other people's: each loads sandboxed, within 64 MiB and\n"
          "--load-timeout S seconds of CPU time (default 5; simulate, check, batch).\n"
          "Exit status: 0 success, 1 model or solver failure, 2 bad input, 3 an output\n"
          "file cannot be written.\n"
          "Parameter library: $EXOPK_DATA_DIR, else the installed data directory.\n",
          out);
}

static void
warn_stderr(const char *message, void *data)
{
    (void) data;
    cli_printf(stderr, "warning: %s\n", message);
}

static int
exit_for(ExopkStatus code)
{
    return code == EXOPK_EINVAL || code == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
}

static ExopkStudy *
load(const char *path, ExopkError *err)
{
    return exopk_lua_load_study(path, exopk_lua_data_dir(), warn_stderr, NULL, err);
}

static char *
default_study_path(void)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/examples/default.lua", exopk_lua_data_dir());
    return path;
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
            char msg[1024];
            fprintf(out,
                    "loading  %s: %s by %s, %.4g nm: %.4g molecules/vesicle (lumen %.4g, "
                    "membrane %.4g) of %.4g offered; EE %.3g %%, DLC %.3g %% (w/w), "
                    "recovery %.3g %%\n",
                    fm->name, ag->name, fm->method.name, fm->diameter,
                    rep[c].q_lumen + rep[c].q_membrane, rep[c].q_lumen, rep[c].q_membrane,
                    fm->cargo[c].offered, rep[c].ee_pct, rep[c].dlc_pct, 100 * rep[c].recovery);
            if (exopk_loading_warning(s, fm, c, &rep[c], msg, sizeof msg))
                cli_printf(stderr, "warning: %s\n", msg);
        }
    }
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
}

static int
arm_selected(const char *name, char **arms, size_t n_arms)
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

/* Every file simulate will write, checked before any run: a FIFO, a
 * device or a directory in the way fails at once, before a file is
 * written, not halfway through the outputs. */
static int
check_outputs(const ExopkStudy *s, const char *out_dir, const char *plot_path, char **arms,
              size_t n_arms, ExopkError *err)
{
    char path[4096];
    struct stat st;

    if (plot_path != NULL && exopk_output_file_check(plot_path, err) != EXOPK_OK)
        return -1;
    if (out_dir == NULL || stat(out_dir, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode)) {
        exopk_error_set(err, EXOPK_EIO, "%s: exists and is not a directory", out_dir);
        return -1;
    }
    for (size_t a = 0; a < s->n_arms; a++) {
        snprintf(path, sizeof path, "%s/%s.csv", out_dir, s->arms[a].name);
        if (arm_selected(s->arms[a].name, arms, n_arms)
            && exopk_output_file_check(path, err) != EXOPK_OK)
            return -1;
    }
    snprintf(path, sizeof path, "%s/metrics.csv", out_dir);
    return exopk_output_file_check(path, err) != EXOPK_OK ? -1 : 0;
}

static int
cmd_simulate(int argc, char **argv)
{
    const char *study_path = NULL, *out_dir = NULL, *plot_path = NULL;
    char *arms[64];
    size_t n_arms = 0;
    ExopkError err;
    ExopkStudy *s;
    ExopkResult **results;
    int status = 0;

    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        { "plot", required_argument, NULL, 'p' },
        { "arm", required_argument, NULL, 'a' },
        { "load-timeout", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;

    while ((c = cli_getopt("simulate", argc, argv, "o:h", longopts)) != -1) {
        switch (c) {
        case 'o':
            out_dir = optarg;
            break;
        case 'p':
            plot_path = optarg;
            break;
        case 'a':
            if (n_arms == 64) {
                fprintf(stderr, "exopk simulate: at most 64 --arm options\n");
                return EXIT_USAGE;
            }
            arms[n_arms++] = optarg;
            break;
        case 't':
            if (cli_load_timeout("simulate", optarg) != 0)
                return EXIT_USAGE;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            return EXIT_USAGE;
        }
    }
    for (int i = optind; i < argc; i++) {
        if (study_path != NULL) {
            fprintf(stderr, "exopk simulate: one study file at a time (got %s and %s)\n",
                    study_path, argv[i]);
            return EXIT_USAGE;
        }
        study_path = argv[i];
    }
    if (study_path == NULL)
        study_path = default_study_path();
    s = load(study_path, &err);
    if (s == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        return exit_for(err.code);
    }
    for (size_t i = 0; i < n_arms; i++) {
        int found = 0;
        const char *names[64];
        for (size_t a = 0; a < s->n_arms && a < 64; a++) {
            names[a] = s->arms[a].name;
            found |= strcmp(s->arms[a].name, arms[i]) == 0;
        }
        if (!found) {
            const char *near = exopk_nearest_name(arms[i], names, s->n_arms < 64 ? s->n_arms : 64);
            cli_printf(stderr, "%s: --arm %s: no such arm%s%s%s\n", study_path, arms[i],
                    near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
            exopk_study_free(s);
            return EXIT_USAGE;
        }
    }
    if (check_outputs(s, out_dir, plot_path, arms, n_arms, &err) != 0) {
        cli_printf(stderr, "%s\n", err.message);
        exopk_study_free(s);
        return EXIT_IO;
    }
    results = calloc(s->n_arms, sizeof *results);
    if (results == NULL) {
        exopk_study_free(s);
        return EXIT_RUN;
    }
    if (out_dir == NULL) {
        cli_printf(stdout, "exopk %s: %s\n", EXOPK_VERSION_STRING, s->name);
        print_loading(s, stdout);
    }
    for (size_t a = 0; a < s->n_arms; a++) {
        if (!arm_selected(s->arms[a].name, arms, n_arms))
            continue;
        results[a] = exopk_simulate(s, a, NULL, &err);
        if (results[a] == NULL) {
            cli_printf(stderr, "%s: arm %s: %s\n", study_path, s->arms[a].name, err.message);
            status = exit_for(err.code) == EXIT_USAGE ? EXIT_USAGE : EXIT_RUN;
            goto out;
        }
    }
    exopk_results_compare(s, results);
    if (out_dir != NULL) {
        char path[4096];
        if (make_dir(out_dir, &err) != 0)
            goto io_fail;
        for (size_t a = 0; a < s->n_arms; a++) {
            if (results[a] == NULL)
                continue;
            snprintf(path, sizeof path, "%s/%s.csv", out_dir, s->arms[a].name);
            if (csv_write_series(results[a], path, &err) != 0)
                goto io_fail;
        }
        snprintf(path, sizeof path, "%s/metrics.csv", out_dir);
        if (csv_write_metrics(results, s->n_arms, path, &err) != 0)
            goto io_fail;
    } else {
        print_metrics(s, results, stdout);
    }
    if (plot_path != NULL) {
        ExopkFigure *fig = exopk_figure_new(s->name, results, s->n_arms);
        ExopkStatus st = fig ? exopk_figure_write(fig, plot_path, 0, 0, &err) : EXOPK_ENOMEM;
        exopk_figure_free(fig);
        if (st != EXOPK_OK) {
            if (fig == NULL)
                exopk_error_set(&err, st, "out of memory");
            cli_printf(stderr, "%s\n", err.message);
            status = st == EXOPK_EINVAL ? EXIT_USAGE : st == EXOPK_EIO ? EXIT_IO : EXIT_RUN;
        }
    }
    goto out;
io_fail:
    cli_printf(stderr, "%s\n", err.message);
    status = EXIT_IO;
out:
    for (size_t a = 0; a < s->n_arms; a++)
        exopk_result_free(results[a]);
    free(results);
    exopk_study_free(s);
    return status;
}

static int
cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "load-timeout", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    ExopkError err;
    ExopkStudy *s;
    int c;

    while ((c = cli_getopt("check", argc, argv, "h", longopts)) != -1) {
        if (c == 't' && cli_load_timeout("check", optarg) == 0)
            continue;
        if (c == 'h') {
            puts("usage: exopk check STUDY.lua [--load-timeout SECONDS]");
            return 0;
        }
        return EXIT_USAGE;
    }
    if (argc - optind != 1) {
        fprintf(stderr, "usage: exopk check STUDY.lua [--load-timeout SECONDS]\n");
        return EXIT_USAGE;
    }
    s = load(argv[optind], &err);
    if (s == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        return exit_for(err.code);
    }
    print_loading(s, stdout);
    printf("%s: ok (%zu arm%s, %zu formulation%s, horizon %g h)\n", argv[optind], s->n_arms,
           s->n_arms == 1 ? "" : "s", s->n_formulations, s->n_formulations == 1 ? "" : "s",
           s->horizon);
    exopk_study_free(s);
    return 0;
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
    st = exopk_lua_run_script(argv[0], argc - 1, argv + 1, exopk_lua_data_dir(), &err);
    if (st == EXOPK_OK)
        return 0;
    fprintf(stderr, "exopk: %s\n", err.message);   /* as lua.c prints "lua: ..." */
    return st == EXOPK_EINVAL || st == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
}

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

static int
cmd_params(int argc, char **argv)
{
    ExopkError err;

    if (argc > 1) {
        fprintf(stderr, "usage: exopk params [PATTERN]\n");
        return EXIT_USAGE;
    }
    printf("%-44s %-22s %-14s %-22s %-8s %s\n", "path", "value (as in file)", "range",
           "effective (default)", "grade", "source");
    if (exopk_lua_list_params(exopk_lua_data_dir(), argc ? argv[0] : NULL, print_param, NULL, &err) !=
        EXOPK_OK) {
        fprintf(stderr, "%s\n", err.message);
        return exit_for(err.code);
    }
    return 0;
}

static const char *const TOPICS[] = { "study", "units", "outputs", "metrics" };

static int
cmd_help(int argc, char **argv)
{
    if (argc == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[0], "study") == 0) {
        puts("A study file returns one table: name, subject {species, weight, tumour {model,\n"
             "volume, resistant_fraction}}, horizon, output_every, formulations {NAME = {carrier,\n"
             "diameter, surface {cd47, peg}, loading {method}, cargo {{agent, offered}}}}, arms\n"
             "{NAME = {{give, route (iv|it|ip), dose, at, every, count, over, dose_of}}}, params\n"
             "{[\"path\"] = value}, solver {rtol, atol}.  Names are 1 to 63 letters, digits, _\n"
             "or -; no arm may be called metrics.  Study files run sandboxed: no io, os,\n"
             "require or load, 64 MiB, --load-timeout seconds of CPU time (default 5).\n"
             "The bundled example: data/examples/default.lua.");
    } else if (strcmp(argv[0], "units") == 0) {
        puts("mass g mg ug ng; amount mol mmol umol nmol pmol, molecules; particles (vesicle);\n"
             "\"/vesicle\"; volume L mL uL mm3 cm3; length nm um; time s min h d; per body weight\n"
             "\"/kg\" and body surface \"/m2\" (mg/kg, mg/m2 with the FDA factors mouse 3, rat 6,\n"
             "human 37, particles/kg); rates /h 1/h /d; concentrations nmol/L nM uM mg/L.\n"
             "A plain number is in the engine unit of the field (h, nmol, particles, L, mm3).");
    } else if (strcmp(argv[0], "outputs") == 0) {
        puts("exopk simulate -o DIR writes DIR/ARM.csv: time [h], then per vesicle compartment\n"
             "(plasma, tissue, mps, tumour_interstitium, tumour_cells, peritoneum)\n"
             "<c>_particles [particles] and <c>_particles_pct_id [%]; per agent <a>.plasma,\n"
             "<a>.plasma_encapsulated, <a>.heart, <a>.tumour [nmol/L], <a>.encapsulated and\n"
             "<a>.eliminated [nmol], <a>.cell_s, <a>.cell_r [molecules/cell]; siRNA\n"
             "<a>.risc_s/_r [molecules/cell], <a>.target_mrna, <a>.target_protein [1];\n"
             "anti-miR <a>.mirna_activity [1]; biomarker_plasma [particles/mL]; tumour_volume,\n"
             "sensitive_volume, resistant_volume [mm3], resistant_fraction [1]; and\n"
             "DIR/metrics.csv (arm,metric,value,unit).  Files appear whole or not at all.");
    } else if (strcmp(argv[0], "metrics") == 0) {
        puts("<a>.mass_balance_rel_error, particles.mass_balance_rel_error, <a>.plasma_cmax,\n"
             "<a>.plasma_tmax, <a>.plasma_auc, <a>.heart_auc, <a>.tumour_auc,\n"
             "<a>.tumour_heart_auc_ratio, <a>.plasma_t_half_terminal, <a>.molecules_per_cell_max,\n"
             "<a>.cumulative_dose_mg_per_kg, <a>.cumulative_dose_mg_per_m2,\n"
             "<a>.free_equivalent_dose_mg_per_m2 (heart AUC over that of a 1 mg/m2 free bolus),\n"
             "plasma_particles_t_half_alpha, particles_given, tumour_pct_id_max,\n"
             "tumour_volume_final, resistant_fraction_final, tgi_pct (vs the arm \"control\"),\n"
             "time_to_regrowth, <formulation>.<a>.ee_pct / .dlc_pct / .molecules_per_vesicle,\n"
             "<sirna>.knockdown_max_pct, <sirna>.knockdown_duration, <antimir>.mirna_activity_min,\n"
             "<antimir>.mirna_suppression_onset / _duration, biomarker_fold_change.\n"
             "Definitions: docs/outputs.md.");
    } else {
        const char *near = exopk_nearest_name(argv[0], TOPICS, 4);
        fprintf(stderr, "exopk help: unknown topic \"%s\"%s%s%s (topics: study, units, outputs, "
                        "metrics)\n", argv[0], near ? " (did you mean \"" : "", near ? near : "",
                near ? "\"?)" : "");
        return EXIT_USAGE;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    const char *cmd;

    exopk_init();
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return cmd_help(0, NULL);
    if (strcmp(cmd, "--version") == 0) {
        printf("exopk %s\n", EXOPK_VERSION_STRING);
        return 0;
    }
    /* getopt_long sees the command as its argv[0] */
    if (strcmp(cmd, "simulate") == 0)
        return cmd_simulate(argc - 1, argv + 1);
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "params") == 0)
        return cmd_params(argc - 2, argv + 2);
    if (strcmp(cmd, "batch") == 0)
        return exopk_cli_batch(exopk_lua_data_dir(), argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return exopk_cli_validate(exopk_lua_data_dir(), argc - 2, argv + 2);
    if (strcmp(cmd, "help") == 0)
        return cmd_help(argc - 2, argv + 2);
    {
        const char *near = exopk_nearest_name(cmd, COMMANDS, sizeof COMMANDS / sizeof *COMMANDS);
        fprintf(stderr, "exopk: unknown command \"%s\"%s%s%s; see exopk --help\n", cmd,
                near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    }
    return EXIT_USAGE;
}
