/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The CLI's output of text it does not trust, its option parsing and its
 * usage texts (one table for `exopk --help` and `exopk COMMAND --help`). */
#define _GNU_SOURCE    /* getopt_long */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "plot.h"
#include "text.h"

/* The length of the valid UTF-8 sequence at @s (at most @n bytes), or 0
 * when it is not one (overlong forms, surrogates and values past U+10FFFF
 * included). */
static size_t
utf8_length(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *) s;
    size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xc2 && u[0] <= 0xdf ? 2
               : u[0] >= 0xe0 && u[0] <= 0xef ? 3 : u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : 0;

    if (len == 0 || len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((u[k] & 0xc0) != 0x80)
            return 0;
    if ((u[0] == 0xe0 && u[1] < 0xa0) || (u[0] == 0xed && u[1] > 0x9f) ||
        (u[0] == 0xf0 && u[1] < 0x90) || (u[0] == 0xf4 && u[1] > 0x8f))
        return 0;
    return len;
}

void
cli_write_safe(const char *s, size_t n, FILE *out)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char) s[i];
        size_t len = utf8_length(s + i, n - i);

        if ((c < 0x20 && c != '\t') || c == 0x7f || len == 0) {
            /* controls, and bytes outside valid UTF-8: a lone 0x9b is CSI to
             * an 8-bit terminal */
            fprintf(out, "\\x%02x", c);
            i++;
        } else if (c == 0xc2 && (unsigned char) s[i + 1] <= 0x9f) {
            fprintf(out, "\\x%02x\\x%02x", c, (unsigned char) s[i + 1]);   /* C1 controls */
            i += 2;
        } else {
            fwrite(s + i, 1, len, out);
            i += len;
        }
    }
}

void
cli_printf(FILE *out, const char *fmt, ...)
{
    char small[1024], *buf = small;
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t) n >= sizeof small && (buf = malloc((size_t) n + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(buf, (size_t) n + 1, fmt, ap);
        va_end(ap);
    }
    if (buf == NULL) {         /* out of memory: what fitted */
        buf = small;
        n = (int) sizeof small - 1;
    }
    /* a study's text cannot start a line of its own: only the format's
     * final newline goes out as one */
    if (n > 0 && buf[n - 1] == '\n') {
        cli_write_safe(buf, (size_t) n - 1, out);
        putc('\n', out);
    } else {
        cli_write_safe(buf, (size_t) n, out);
    }
    if (buf != small)
        free(buf);
}

/* "did you mean" among the long options. */
static void
unknown_option(const char *cmd, const char *arg, const struct option *longopts)
{
    const char *names[32];
    char store[32][40], opt[64];
    size_t n = 0;
    const char *near = NULL;

    for (; longopts[n].name != NULL && n < 32; n++) {
        snprintf(store[n], sizeof store[n], "--%s", longopts[n].name);
        names[n] = store[n];
    }
    snprintf(opt, sizeof opt, "%.*s", (int) strcspn(arg, "="), arg);
    if (strncmp(opt, "--", 2) == 0 && strlen(opt) > 2)
        near = exopk_nearest_name(opt, names, n);
    cli_printf(stderr, "exopk %s: unknown option %s%s%s%s (see exopk %s --help)\n", cmd, arg,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "", cmd);
}

int
cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
           const struct option *longopts)
{
    char opts[64];
    int c;

    snprintf(opts, sizeof opts, ":%s", shortopts);  /* ':' tells a missing value */
    opterr = 0;
    c = getopt_long(argc, argv, opts, longopts, NULL);
    if (c == '?') {
        char shrt[3] = { '-', (char) optopt, '\0' };

        unknown_option(cmd, optopt != 0 ? shrt : argv[optind - 1], longopts);
    } else if (c == ':') {
        cli_printf(stderr, "exopk %s: %s needs a value (see exopk %s --help)\n", cmd,
                   argv[optind - 1], cmd);
        c = '?';
    }
    return c;
}

int
cli_load_timeout(const char *cmd, const char *value)
{
    ExopkError err;
    char *end;
    double s = strtod(value, &end);

    if (*value == '\0' || *end != '\0' || exopk_lua_set_load_timeout(s, &err) != EXOPK_OK) {
        cli_printf(stderr, "exopk %s: --load-timeout needs seconds in (0, 86400], got \"%s\"\n",
                   cmd, value);
        return -1;
    }
    return 0;
}

int
cli_parse_format(const char *cmd, const char *value, int table_ok)
{
    static const char *const names[] = { "csv", "json", "table" };
    const char *near;

    if (strcmp(value, "csv") == 0)
        return FORMAT_CSV;
    if (strcmp(value, "json") == 0)
        return FORMAT_JSON;
    if (table_ok && strcmp(value, "table") == 0)
        return FORMAT_TABLE;
    near = exopk_nearest_name(value, names, table_ok ? 3 : 2);
    cli_printf(stderr, "exopk %s: --format %s: expected %s%s%s%s (see exopk %s --help)\n", cmd,
               value, table_ok ? "table, csv or json" : "csv or json",
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "", cmd);
    return -1;
}

/* ---- usage ----------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char *synopsis; /* after "exopk NAME " */
    const char *summary;  /* the overview's lines, indented */
    const char *details;  /* `exopk NAME --help` only */
} CommandHelp;

#define SET_HELP \
    "  --set PATH=VALUE    override a library parameter after loading, as a study's\n" \
    "                      params entry does (repeatable; the effective value for\n" \
    "                      the study's subject): PATH as `exopk params`\n" \
    "                      lists it, VALUE with a unit (\"0.2 L/h\") or a plain\n" \
    "                      number in the engine unit (exopk params: effective);\n" \
    "                      e.g. --set doxorubicin.cl=\"0.2 L/h\"\n"
#define STYLE_HELP \
    "  --style screen|paper  the figure's layout: screen (768 pt wide, PNG at 150\n" \
    "                      dpi; the default) or paper (one journal column, 85 mm\n" \
    "                      wide, PNG at 300 dpi, text 7-8.5 pt); SVG and PDF keep\n" \
    "                      text as text\n"

#define TIMEOUT_HELP \
    "  --load-timeout S    CPU seconds one study may take to load (default 5)\n"
#define RANK_TIMEOUT_HELP \
    "  --rank-timeout S    under mpirun: a rank silent for S seconds fails the run\n" \
    "                      (default 0: wait; docs/mpi.md)\n"
/* population and sensitivity: DIR/COMMAND.checkpoint */
#define CHECKPOINT_HELP \
    "  --checkpoint S      every S seconds (default 10; 0: never) write what is\n" \
    "                      done to DIR/" COMMAND_FILE ", whole; a failed or\n" \
    "                      interrupted run leaves it, a finished one removes it\n" \
    "  --resume            take over DIR's checkpoint and run the rest: the same\n" \
    "                      bytes as an uninterrupted run (other settings: exit 2)\n"

static const CommandHelp COMMAND_HELP[] = {
    { "simulate", "[STUDY.lua] [-o DIR|-] [--arm NAME]...\n"
                  "               [--set PATH=VALUE]... [--metrics] [--format csv|json]\n"
                  "               [--plot FILE [--style screen|paper]] [--load-timeout S]",
      "run a study (no file: the bundled default study);\n"
      "prints the loading report and a metrics table, or with\n"
      "-o writes DIR/ARM.csv (time series) and DIR/metrics.csv;\n"
      "-o - writes CSV to stdout; --plot writes a figure",
      "  -o, --output DIR    write DIR/ARM.csv (time series of each arm run) and\n"
      "                      DIR/metrics.csv (arm,metric,value,unit)\n"
      "  -o -                CSV to stdout: the time series of the one arm run (--arm\n"
      "                      NAME, or a one-arm study); the metrics table\n"
      "                      (arm,metric,value,unit) when several arms run or with\n"
      "                      --metrics.  The loading report and warnings go to stderr\n"
      "  --metrics           with -o -: the metrics table even for one arm\n"
      "  --format csv|json   the metrics table to stdout in this format (json: a list\n"
      "                      of {arm, metric, value, unit}; numbers, or null when not\n"
      "                      finite); --format csv is -o - --metrics; not with -o DIR\n"
      "  --arm NAME          run only this arm (repeatable)\n"
      SET_HELP
      "  --plot FILE         a figure of every arm run (.png, .svg or .pdf), with the\n"
      "                      study's observed data and its doses (triangles on the\n"
      "                      time axis)\n"
      STYLE_HELP
      TIMEOUT_HELP },
    { "batch", "STUDY.lua... -o FILE.csv|- [-j N] [--resume] [--arm NAME]...\n"
               "               [--set PATH=VALUE]... [--format csv|json] [--checkpoint S]\n"
               "               [--load-timeout S] [--rank-timeout S]",
      "many studies on N threads, one metrics table\n"
      "(study,arm,metric,value,unit); -o - to stdout",
      "Simulates every study (all arms, or the --arm ones) and writes one metrics\n"
      "table, study,arm,metric,value,unit, in input order.\n"
      "  -j, --jobs N        worker threads (default: the number of online CPUs)\n"
      "  -o, --output FILE   the table; it appears whole or not at all\n"
      "  -o -                the table to stdout as the rows are done (no checkpoints,\n"
      "                      no --resume); messages and progress go to stderr\n"
      "  --format csv|json   the table to stdout in this format (json: a list of\n"
      "                      {study, arm, metric, value, unit}); implies -o -\n"
      "  --resume            keep FILE's rows and skip the study/arm pairs it has\n"
      "  --arm NAME          only this arm of every study (repeatable)\n"
      SET_HELP
      "                      (applied to every study)\n"
      "  --checkpoint S      commit FILE every S seconds (default 10, 0: at the end\n"
      "                      only); an interrupted run leaves the last commit, which\n"
      "                      --resume continues\n"
      TIMEOUT_HELP
      RANK_TIMEOUT_HELP
      "Exit status: 0 success, 1 a simulation failed, 2 a study was bad, 3 FILE\n"
      "cannot be written.\n" },
    { "population", "STUDY.lua --subjects N -o DIR [--seed S] [-j N]\n"
                    "               [--arm NAME]... [--plot FILE [--style screen|paper]]\n"
                    "               [--checkpoint S] [--resume] [--load-timeout S]\n"
                    "               [--rank-timeout S]",
      "a virtual population of the study's variability:\n"
      "summary, subjects, parameters and percentile bands",
      "Simulates N virtual subjects drawn from the study's variability, batch,\n"
      "correlations and uncertainty fields (docs/population.md) and writes\n"
      "DIR/summary.csv (arm,metric,unit,mean,sd,p05,p25,p50,p75,p95),\n"
      "DIR/subjects.csv (subject,arm,metric,value), DIR/parameters.csv\n"
      "(subject,arm,parameter,value,unit) and DIR/ARM_bands.csv (p05/p50/p95 of\n"
      "every series at every output time), each whole or not at all.  The same\n"
      "seed gives the same bytes for any -j.\n"
      "  --subjects N        subjects (1 to 10,000,000)\n"
      "  --seed S            the random streams (default 1)\n"
      "  -j, --jobs N        threads (default 1)\n"
      "  --arm NAME          only this arm (repeatable; default: every arm)\n"
      "  -o, --output DIR    where the files go\n"
      "  --plot FILE         a figure of the bands (.png, .svg or .pdf): every\n"
      "                      series' p05-p95 shaded and its p50 line, per arm, and\n"
      "                      the doses (triangles on the time axis)\n"
      STYLE_HELP
#define COMMAND_FILE "population.checkpoint"
      CHECKPOINT_HELP
#undef COMMAND_FILE
      TIMEOUT_HELP
      RANK_TIMEOUT_HELP },
    { "sensitivity", "STUDY.lua [--vary PATH[=LOW:HIGH]]... -o DIR\n"
                     "               [--method local|morris|sobol] [--metric NAME]...\n"
                     "               [--arm NAME] [--samples N] [--levels P] [--seed S]\n"
                     "               [--linear] [-j N] [--set PATH=VALUE]... [--plot FILE]\n"
                     "               [--style screen|paper] [--checkpoint S] [--resume]\n"
                     "               [--load-timeout S] [--rank-timeout S]",
      "local, Morris or Sobol sensitivity of an arm's metrics\n"
      "to its parameters; DIR/sensitivity.csv",
      "Runs the arm (compiled once) over a design and writes DIR/sensitivity.csv,\n"
      "whole or not at all; the bytes do not depend on -j (docs/sensitivity.md).\n"
      "  --method local      d ln metric / d ln parameter at the study's values\n"
      "                      (the default; --vary PATH alone)\n"
      "  --method morris     mu, mu*, sigma of elementary effects over --samples\n"
      "                      trajectories (default 20) on --levels grid levels (4)\n"
      "  --method sobol      first-order and total indices with bootstrap 95 %\n"
      "                      intervals over N (k + 2) runs (--samples N, default 1024)\n"
      "  --vary PATH[=LOW:HIGH]  a parameter (as --set names it, or dose, every, at,\n"
      "                      over, count, offered) and its range: plain numbers in\n"
      "                      the engine unit or quantities (\"0.05 L/h:0.3 L/h\");\n"
      "                      sampled log-uniformly unless --linear (repeatable);\n"
      "                      morris and sobol without a range: the library's\n"
      "                      published range, relative to the library value, around\n"
      "                      the study's value; no --vary: every parameter with a\n"
      "                      library range that the arm uses\n"
      "  --metric NAME       a metric of the arm (repeatable; default: all)\n"
      "  --arm NAME          the arm (default: the first not named control)\n"
      "  --seed S            Morris trajectories and Sobol bootstrap (default 1)\n"
      "  -j, --jobs N        threads (default 1)\n"
      "  -o, --output DIR    where sensitivity.csv goes\n"
      "  --plot FILE         a chart (.png, .svg or .pdf), one panel per metric, the\n"
      "                      largest effect on top: local S or Morris mu* (sigma a\n"
      "                      diamond) as a tornado; Sobol S1 and ST with their 95 %\n"
      "                      intervals\n"
      STYLE_HELP
      SET_HELP
#define COMMAND_FILE "sensitivity.checkpoint"
      CHECKPOINT_HELP
#undef COMMAND_FILE
      TIMEOUT_HELP
      RANK_TIMEOUT_HELP
      "Exit status: 0 success, 1 the analysis failed, 2 bad input, 3 the table\n"
      "cannot be written, 130 interrupted (nothing written).\n" },
    { "fit", "STUDY.lua --estimate PATH[=START][:LOW:HIGH]... -o DIR\n"
             "               [--data FILE] [--error NAME=additive|proportional|combined]...\n"
             "               [--prior library|PATH=LOW:HIGH]... [--profile PATH]\n"
             "               [--plot FILE [--style screen|paper]] [--load-timeout S]",
      "fit study parameters to observed data (maximum likelihood,\n"
      "M3 below the LLOQ, standard errors); DIR/estimates.csv",
      "Fits parameters to the study's data (or --data FILE) by maximum likelihood:\n"
      "a short global search, then a trust region; each arm with data compiled once\n"
      "(docs/fit.md).  Writes DIR/estimates.csv, correlation.csv, residuals.csv,\n"
      "summary.csv and fitted.lua (the study with the estimates), each whole or not\n"
      "at all; warns about parameters the data do\n"
      "not identify (RSE > 100 %, |correlation| > 0.95, at a bound).\n"
      "  --estimate PATH[=START][:LOW:HIGH]  a parameter (as --set names it, or dose,\n"
      "                      every, at, over, offered), its start (default: the\n"
      "                      study's value) and bounds: numbers in the engine unit or\n"
      "                      quantities; fitted on the log scale (repeatable)\n"
      "  --data FILE         observed data (default: the study's data)\n"
      "  --error NAME=MODEL  additive, proportional (the default) or combined error\n"
      "                      for observations called NAME; its parameters are fitted\n"
      "  --prior PATH=LOW:HIGH  a log-normal prior whose central 95 % is LOW-HIGH (MAP)\n"
      "  --prior library     the same from each parameter's library range\n"
      "  --profile PATH      the likelihood profile of one estimated parameter (the\n"
      "                      others fitted again at 21 fixed values): DIR/profile.csv\n"
      "                      (value,minus2ll) and profile_ci95_low/high in summary.csv,\n"
      "                      where -2LL rises by 3.84 (chi2, 1 df)\n"
      "  -o, --output DIR    where the tables go\n"
      "  --plot FILE         a goodness-of-fit figure (.png, .svg or .pdf): the data\n"
      "                      and the fitted model over time, observed against\n"
      "                      predicted per name with the identity line, and the\n"
      "                      weighted residuals against time\n"
      STYLE_HELP
      TIMEOUT_HELP
      "Exit status: 0 success, 1 the fit failed, 2 bad input, 3 a table cannot be\n"
      "written, 130 interrupted (nothing written).\n" },
    { "run", "SCRIPT.lua [ARGS...]",
      "a trusted script with the full Lua API (require \"exopk\":\n"
      "load, simulate, optimize, pareto, save; see scripts/)",
      "Runs a trusted Lua script with all standard libraries and require \"exopk\"\n"
      "(docs/lua-api.md); ARGS are the script's arg[1], arg[2], ... and its `...`.\n"
      "Under mpirun rank 0 runs the script; the other ranks evaluate the subjects\n"
      "of its exopk.optimize calls with a population (docs/mpi.md).\n" },
    { "check", "STUDY.lua [--set PATH=VALUE]... [--load-timeout S]",
      "validate a study file without running it",
      "Loads and checks a study (and any --set) and prints the loading report.\n"
      SET_HELP
      TIMEOUT_HELP },
    { "params", "[PATTERN] [--format table|csv|json] [--csv]",
      "the parameter library: value, unit, range, grade, source",
      "Lists every parameter of the library whose path contains PATTERN (any case).\n"
      "  --format table      aligned columns (the default)\n"
      "  --format csv, --csv path,value,unit,range_lo,range_hi,effective,\n"
      "                      effective_unit,grade,flag,source (value empty when\n"
      "                      derived; range and effective empty when none)\n"
      "  --format json       a list of objects with those keys (null when none)\n" },
    { "export", "--sbml [STUDY.lua] [--arm NAME] [-o FILE|-]\n"
                "               [--set PATH=VALUE]... [--load-timeout S]",
      "one arm's model as SBML Level 3 for other simulators\n"
      "(species, parameters with units, reactions, dosing events)",
      "Writes the model of one arm (no file: the bundled default study) as SBML\n"
      "Level 3 Version 1, checked by libsbml's consistency checks (docs/sbml.md).\n"
      "  --sbml              the format (the one so far)\n"
      "  --arm NAME          the arm (needed when the study has several)\n"
      "  -o, --output FILE   where it goes (default, or -: stdout)\n"
      SET_HELP
      TIMEOUT_HELP
      "What it cannot write faithfully is refused with the reason (exit 2);\n"
      "builds without libsbml say so and exit 2.\n" },
    { "validate", "",
      "run the published-anchor validation table",
      "Simulates the studies of data/validation/ and compares each anchor with its\n"
      "published range: a metric of one arm, a series at a time, or a ratio of\n"
      "metrics across arms or formulations. Each row prints the range, the model\n"
      "value, the result and the source. An anchor the model is known to miss\n"
      "prints MISS (known: reason) and does not fail the run; a marked anchor that\n"
      "passes is a FAIL (remove the mark). The last line counts the rows, e.g.\n"
      "\"17 anchors: 14 pass, 3 known misses, 0 failed\". Exit 1 when one fails.\n" },
    { "help", "[TOPIC]",
      "this text, or a topic: study, units, outputs, metrics",
      "TOPIC: study, units, outputs or metrics; COMMAND --help shows a command's\n"
      "options.\n" },
};

#define N_COMMANDS (sizeof COMMAND_HELP / sizeof *COMMAND_HELP)

const char *
cli_command_name(size_t i)
{
    return i < N_COMMANDS ? COMMAND_HELP[i].name : NULL;
}

/* The summary, each line indented to column 24. */
static void
print_summary(const char *summary, FILE *out)
{
    for (const char *p = summary; *p != '\0';) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "%24s%.*s\n", "", (int) n, p);
        p += n + (p[n] == '\n');
    }
}

void
cli_usage_all(FILE *out)
{
    fputs("usage: exopk COMMAND [ARGS]\n\n", out);
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(out, "  %s%s%s\n", COMMAND_HELP[i].name, *COMMAND_HELP[i].synopsis ? " " : "",
                COMMAND_HELP[i].synopsis);
        print_summary(COMMAND_HELP[i].summary, out);
    }
    fputs("  --version, --help\n"
          "\n"
          "COMMAND --help shows a command's options.\n"
          "Study files are other people's: each loads sandboxed, within 64 MiB and\n"
          "--load-timeout S seconds of CPU time (default 5; simulate, check, batch).\n"
          "Exit status: 0 success, 1 model or solver failure, 2 bad input, 3 an output\n"
          "file cannot be written.\n"
          "Documentation: docs/ (docs/shell.md: exopk from the shell, R and Python).\n"
          "Parameter library: $EXOPK_DATA_DIR when set; else, for an exopk run from its\n"
          "build directory, the source tree's data/; else the installed one.  In use:\n",
          out);
    fprintf(out, "  %s\n", exopk_lua_data_dir());
}

int
cli_usage(const char *cmd, FILE *out)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(COMMAND_HELP[i].name, cmd) != 0)
            continue;
        fprintf(out, "usage: exopk %s%s%s\n\n", cmd, *COMMAND_HELP[i].synopsis ? " " : "",
                COMMAND_HELP[i].synopsis);
        fputs(COMMAND_HELP[i].details, out);
        return 0;
    }
    return -1;
}

void
cli_warn_stderr(const char *message, void *data)
{
    (void) data;
    cli_printf(stderr, "warning: %s\n", message);
}

int
cli_check_plot(const char *cmd, const char *path)
{
    ExopkError err;

    if (exopk_figure_check_path(path, &err) == EXOPK_OK &&
        exopk_output_file_check(path, &err) == EXOPK_OK)
        return 0;
    cli_printf(stderr, "exopk %s: --plot %s\n", cmd, err.message);
    return err.code == EXOPK_EIO ? EXIT_IO : EXIT_USAGE;
}

int
cli_parse_style(const char *cmd, const char *arg, ExopkPlotStyle *style)
{
    ExopkError err;

    if (exopk_plot_style_parse(arg, style, &err) == EXOPK_OK)
        return 0;
    cli_printf(stderr, "exopk %s: --style: %s\n", cmd, err.message);
    return EXIT_USAGE;
}

int
cli_param_value(const ExopkStudy *s, const char *path, const char *text, double *out)
{
    ExopkUnitKind kind;
    char *end;

    *out = strtod(text, &end);
    if (end != text && *end == '\0' && isfinite(*out))
        return 0;
    return exopk_study_param_kind(s, path, &kind, NULL) == EXOPK_OK &&
                   exopk_units_parse_as(text, kind, out, NULL) == EXOPK_OK
               ? 0 : -1;
}
