/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `exopk export --sbml [STUDY.lua] --arm NAME [-o FILE]`: one arm's model
 * as SBML Level 3 (docs/sbml.md).  Without libsbml at build time the
 * command says so. */
#define _GNU_SOURCE    /* getopt_long */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-lua.h"
#include "export.h"
#include "set.h"
#include "text.h"
#ifdef EXOPK_HAVE_SBML
#include "exopk-sbml.h"
#endif

typedef struct {
    int sbml;
    const char *study_path, *arm, *out;
    char **sets;
    size_t n_sets;
} ExportOptions;

/* 0, -1 after --help, or the exit status. */
static int
parse(int argc, char **argv, ExportOptions *o)
{
    static const struct option longopts[] = {
        { "sbml", no_argument, NULL, 'S' },
        { "arm", required_argument, NULL, 'a' },
        { "output", required_argument, NULL, 'o' },
        { "set", required_argument, NULL, 's' },
        { "load-timeout", required_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;

    while ((c = cli_getopt("export", argc, argv, "o:h", longopts)) != -1) {
        if (c == 'S') {
            o->sbml = 1;
        } else if (c == 'a') {
            o->arm = optarg;
        } else if (c == 'o') {
            o->out = optarg;
        } else if (c == 's') {
            char **more;
            if (cli_set_check_arg("export", optarg) != 0 ||
                (more = realloc(o->sets, (o->n_sets + 1) * sizeof *more)) == NULL)
                return EXIT_USAGE;
            o->sets = more;
            o->sets[o->n_sets++] = optarg;
        } else if (c == 't') {
            if (cli_load_timeout("export", optarg) != 0)
                return EXIT_USAGE;
        } else if (c == 'h') {
            cli_usage("export", stdout);
            return -1;
        } else {
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        fprintf(stderr, "exopk export: one study file at a time (see exopk export --help)\n");
        return EXIT_USAGE;
    }
    o->study_path = optind < argc ? argv[optind] : NULL;
    if (!o->sbml) {
        fprintf(stderr, "exopk export: give the format: --sbml (the one format so far)\n");
        return EXIT_USAGE;
    }
    return 0;
}

/* The arm --arm names (or the study's only one); -1 after the error. */
static long
find_arm(const ExopkStudy *s, const ExportOptions *o)
{
    const char *names[64];
    size_t n = s->n_arms < 64 ? s->n_arms : 64;
    const char *near;

    if (o->arm == NULL && s->n_arms == 1)
        return 0;
    for (size_t a = 0; o->arm != NULL && a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, o->arm) == 0)
            return (long) a;
    for (size_t a = 0; a < n; a++)
        names[a] = s->arms[a].name;
    if (o->arm == NULL) {
        cli_printf(stderr, "%s: the study has %zu arms: name one with --arm (e.g. --arm %s)\n",
                   o->study_path, s->n_arms, n > 0 ? names[n - 1] : "NAME");
        return -1;
    }
    near = exopk_nearest_name(o->arm, names, n);
    cli_printf(stderr, "%s: --arm %s: no such arm%s%s%s\n", o->study_path, o->arm,
               near ? " (did you mean \"" : "", near ? near : "", near ? "\"?)" : "");
    return -1;
}

#ifdef EXOPK_HAVE_SBML
static int
write_sbml(const ExopkStudy *s, long arm, const ExportOptions *o)
{
    ExopkError err;
    const char *out = o->out != NULL ? o->out : "-";

    if (exopk_sbml_export_file(s, (size_t) arm, out, &err) != EXOPK_OK) {
        cli_printf(stderr, "%s: %s\n", o->study_path, err.message);
        return err.code == EXOPK_EIO ? EXIT_IO : err.code == EXOPK_EINVAL ? EXIT_USAGE : EXIT_RUN;
    }
    return 0;
}
#else
static int
write_sbml(const ExopkStudy *s, long arm, const ExportOptions *o)
{
    (void) s, (void) arm, (void) o;
    fprintf(stderr, "exopk export: this exopk was built without SBML support (libsbml); "
                    "rebuild with libsbml5-dev installed and meson -Dsbml=enabled\n");
    return EXIT_USAGE;
}
#endif

int
exopk_cli_export(const char *data_dir, int argc, char **argv)
{
    ExportOptions o = { 0 };
    ExopkStudy *s = NULL;
    ExopkError err;
    char path[4096];
    long arm;
    int status = parse(argc, argv, &o);

    if (status != 0)
        goto out;
    if (o.study_path == NULL) {
        snprintf(path, sizeof path, "%s/examples/default.lua", data_dir);
        o.study_path = path;
    }
    if ((s = exopk_lua_load_study(o.study_path, data_dir, cli_warn_stderr, NULL, &err)) == NULL) {
        cli_printf(stderr, "%s\n", err.message);
        status = err.code == EXOPK_EINVAL || err.code == EXOPK_EIO ? EXIT_USAGE : EXIT_RUN;
        goto out;
    }
    if (cli_set_apply(s, o.sets, o.n_sets, o.study_path, stderr) != 0 ||
        (arm = find_arm(s, &o)) < 0) {
        status = EXIT_USAGE;
        goto out;
    }
    status = write_sbml(s, arm, &o);
out:
    exopk_study_free(s);
    free(o.sets);
    return status < 0 ? 0 : status;
}
