/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The scripting layer: `exopk run`'s host (exopk_lua_run_script), the
 * module `require "exopk"`, and the study writer (exopk_lua_write_study).
 *
 * Every tests/lua/test-*.lua runs through the host with arg[1] = a fresh
 * temporary directory and arg[2] = tests/bad; a failing assert there fails
 * the test with the script's message and traceback.  The C tests here
 * cover what a script cannot see: the host's statuses and messages, and
 * save -> load equality of the C structs, field by field. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "exopk/exopk.h"
#include "exopk-lua.h"
#include "fixture.h"

#ifndef EXOPK_TEST_LUA_DIR
#define EXOPK_TEST_LUA_DIR EXOPK_SOURCE_DATADIR "/../tests/lua"
#endif
#ifndef EXOPK_TEST_BAD_DIR
#define EXOPK_TEST_BAD_DIR EXOPK_SOURCE_DATADIR "/../tests/bad"
#endif
#define LUA_DIR EXOPK_TEST_LUA_DIR

/* A fresh temporary directory (left for the OS to clean: tests are short). */
static const char *
tmp_dir(void)
{
    static char dir[256];
    const char *base = getenv("TMPDIR");

    snprintf(dir, sizeof dir, "%s/exopk-test-script.XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

/* No "*.tmp.*" left in @dir. */
static void
assert_no_temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        ck_assert_msg(strstr(e->d_name, ".tmp.") == NULL, "left behind: %s/%s", dir, e->d_name);
    closedir(d);
}

/* --- every tests/lua/test-*.lua ------------------------------------------- */

#define MAX_SCRIPTS 64
static char scripts[MAX_SCRIPTS][256];
static int n_scripts;

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void
list_scripts(void)
{
    DIR *d = opendir(LUA_DIR);
    struct dirent *e;

    n_scripts = 0;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL && n_scripts < MAX_SCRIPTS) {
        size_t len = strlen(e->d_name);

        if (strncmp(e->d_name, "test-", 5) == 0 && len > 4 && len < 256
            && strcmp(e->d_name + len - 4, ".lua") == 0)
            snprintf(scripts[n_scripts++], sizeof scripts[0], "%s", e->d_name);
    }
    closedir(d);
    qsort(scripts, (size_t) n_scripts, sizeof scripts[0], cmp_str);
}

START_TEST(script_corpus_found)
{
    list_scripts();
    ck_assert_int_ge(n_scripts, 5);
}
END_TEST

START_TEST(lua_script)
{
    char path[600];
    char *argv[2];
    ExopkError err;
    ExopkStatus st;

    list_scripts();
    ck_assert_int_lt(_i, n_scripts);
    snprintf(path, sizeof path, "%s/%s", LUA_DIR, scripts[_i]);
    argv[0] = (char *) tmp_dir();
    argv[1] = (char *) EXOPK_TEST_BAD_DIR;
    memset(&err, 0, sizeof err);
    st = exopk_lua_run_script(path, 2, argv, NULL, &err);
    ck_assert_msg(st == EXOPK_OK, "%s: %s", scripts[_i], err.message);
}
END_TEST

/* --- the host's statuses and messages -------------------------------------- */

START_TEST(runtime_error_has_location_and_traceback)
{
    ExopkError err;
    ExopkStatus st = exopk_lua_run_script(LUA_DIR "/err-runtime.lua", 0, NULL, NULL, &err);
    const char *want = LUA_DIR "/err-runtime.lua:4: boom\nstack traceback:";

    ck_assert_int_eq(st, EXOPK_ECALLBACK);
    ck_assert_int_eq(err.code, EXOPK_ECALLBACK);
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got: %s", err.message);
    ck_assert_msg(strstr(err.message, "in local 'inner'") != NULL
                      || strstr(err.message, "in upvalue 'inner'") != NULL
                      || strstr(err.message, "'inner'") != NULL,
                  "no frame of inner(): %s", err.message);
    ck_assert_msg(strstr(err.message, "in main chunk") != NULL, "got: %s", err.message);
}
END_TEST

START_TEST(long_traceback_is_cut_at_a_line)
{
    const char *dir = tmp_dir();
    char path[400];
    ExopkError err;
    size_t len;

    snprintf(path, sizeof path, "%s/deep.lua", dir);
    write_file(path, "local function f(n)\n  if n == 0 then error(\"deep\") end\n"
                     "  local r = f(n - 1)\n  return r\nend\nf(200)\n");
    ck_assert_int_eq(exopk_lua_run_script(path, 0, NULL, NULL, &err), EXOPK_ECALLBACK);
    len = strlen(err.message);
    ck_assert_uint_lt(len, sizeof err.message);
    ck_assert_msg(strstr(err.message, "deep.lua:2: deep\nstack traceback:") != NULL, "got: %s",
                  err.message);
    ck_assert_msg(len >= 5 && strcmp(err.message + len - 5, "\n\t...") == 0, "got: %s",
                  err.message);
}
END_TEST

START_TEST(syntax_error_is_einval)
{
    ExopkError err;
    ExopkStatus st = exopk_lua_run_script(LUA_DIR "/err-syntax.lua", 0, NULL, NULL, &err);
    const char *want = LUA_DIR "/err-syntax.lua:2: ";

    ck_assert_int_eq(st, EXOPK_EINVAL);
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got: %s", err.message);
    ck_assert_msg(strstr(err.message, "near '='") != NULL, "got: %s", err.message);
}
END_TEST

START_TEST(missing_script_is_eio)
{
    ExopkError err;

    ck_assert_int_eq(exopk_lua_run_script(LUA_DIR "/no-such-script.lua", 0, NULL, NULL, &err),
                     EXOPK_EIO);
    ck_assert_msg(strstr(err.message, "cannot open") != NULL, "got: %s", err.message);
    ck_assert_msg(strstr(err.message, "no-such-script.lua") != NULL, "got: %s", err.message);
}
END_TEST

/* exopk.load of a bad study raises the loader's own message. */
START_TEST(load_error_is_the_loaders_message)
{
    char *argv[1] = { (char *) EXOPK_TEST_BAD_DIR "/unknown-unit.lua" };
    const char *want = EXOPK_TEST_BAD_DIR "/unknown-unit.lua:24: arms.exodox[1].dose: "
                       "\"2e11 partcles\": unknown unit \"partcles\" (did you mean "
                       "\"particles\"?)\nstack traceback:";
    ExopkError err;

    ck_assert_int_eq(exopk_lua_run_script(LUA_DIR "/err-load.lua", 1, argv, NULL, &err),
                     EXOPK_ECALLBACK);
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got:  %s\nwant: %s",
                  err.message, want);
}
END_TEST

START_TEST(arg_table_and_varargs)
{
    const char *dir = tmp_dir();
    char path[400], script[1200];
    char *argv[3] = { "one", "two words", "" };
    ExopkError err;

    snprintf(path, sizeof path, "%s/args.lua", dir);   /* no quotes or backslashes */
    snprintf(script, sizeof script,
             "assert(arg[0] == \"%s\", arg[0])\n"
             "assert(#arg == 3 and arg[1] == 'one' and arg[2] == 'two words' and arg[3] == '')\n"
             "local a, b, c = ...\n"
             "assert(a == 'one' and b == 'two words' and c == '' and select('#', ...) == 3)\n"
             "assert(io and os and debug and package and require)\n"
             "assert(require('exopk') == require('exopk'))\n", path);
    write_file(path, script);
    ck_assert_msg(exopk_lua_run_script(path, 3, argv, NULL, &err) == EXOPK_OK, "%s",
                  err.message);
}
END_TEST

START_TEST(data_dir_argument_is_used)
{
    const char *dir = tmp_dir();
    char path[400];
    ExopkError err;

    snprintf(path, sizeof path, "%s/dd.lua", dir);
    write_file(path, "local exopk = require 'exopk'\n"
                     "assert(exopk.data_dir() == '/nonexistent/exopk-data', exopk.data_dir())\n"
                     "local ok, msg = pcall(exopk.load)\n"
                     "assert(not ok and msg:find('/nonexistent/exopk-data/examples/default.lua',"
                     " 1, true), msg)\n");
    ck_assert_msg(exopk_lua_run_script(path, 0, NULL, "/nonexistent/exopk-data", &err)
                      == EXOPK_OK, "%s", err.message);
}
END_TEST

/* --- a robust exopk.optimize through a spreader (exopk run under mpirun) ---- */

/* A spreader that evaluates the subjects here with exopk_opt_subjects_eval,
 * as the MPI ranks do, and counts its calls. */
typedef struct {
    ExopkOptProblem p;          /* begin's, borrowed pointers alive until end */
    ExopkOptSubjects *subjects;
    int begins, ends, fail_end;
    long calls, subjects_seen;
    char data_dir[256];
} FakeSpread;

static int
fake_begin(void *data, const ExopkOptProblem *p, const char *data_dir, ExopkError *err)
{
    FakeSpread *f = data;

    f->begins++;
    f->p = *p;
    snprintf(f->data_dir, sizeof f->data_dir, "%s", data_dir);
    f->subjects = exopk_opt_subjects_new(&f->p, err);
    return f->subjects != NULL ? 0 : -1;
}

static int
fake_subjects(void *data, const double *x, long n, double *values)
{
    FakeSpread *f = data;
    size_t m = 1 + f->p.n_constraints;
    double row[8];

    f->calls++;
    f->subjects_seen = n;
    for (long j = 0; j < n; j++) {
        if (exopk_opt_subjects_eval(f->subjects, x, j + 1, 1, row) != 0)
            return 1;
        for (size_t k = 0; k < m; k++)
            values[k * (size_t) n + (size_t) j] = row[k];
    }
    return 0;
}

static int
fake_end(void *data, ExopkError *err)
{
    FakeSpread *f = data;

    f->ends++;
    exopk_opt_subjects_free(f->subjects);
    f->subjects = NULL;
    if (f->fail_end)
        exopk_error_set(err, EXOPK_ESOLVER, "rank 3: subjects 1 to 2: a test failure");
    return f->fail_end ? -1 : 0;
}

#define ROBUST_SCRIPT \
    "local exopk = require 'exopk'\n" \
    "local t = assert(io.open(exopk.data_dir() .. '/examples/default.lua')):read('a')\n" \
    "t = t:gsub('\\n  solver = {', '\\n  variability = { [\"carrier.k_pt\"] = \"30 %%%%\" },' ..\n" \
    "           '\\n  solver = {', 1)\n" \
    "local f = assert(io.open('%s/var.lua', 'w')); f:write(t); f:close()\n" \
    "local best = exopk.optimize{ study = exopk.load('%s/var.lua'), arm = 'exodox',\n" \
    "  vary = { dose = { 1e10, 1e12, log = true } }, minimize = 'tumour_volume_final',\n" \
    "  subject_to = { ['doxorubicin.heart_auc'] = { max = 40, statistic = 'p95' } },\n" \
    "  population = { subjects = 12, seed = 5 }, max_evaluations = 8, threads = 2 }\n" \
    "local o = assert(io.open(arg[1], 'w'))\n" \
    "o:write(string.format('%%.17g %%.17g %%d\\n', best.x.dose, best.objective, best.evaluations))\n" \
    "for _, p in ipairs(best.trace) do o:write(string.format('%%.17g\\n', p.objective)) end\n" \
    "o:close()\n"

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = calloc(1, 1 << 16);

    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_gt(fread(buf, 1, (1 << 16) - 1, f), 0);
    fclose(f);
    return buf;
}

/* The spreader gets the problem once, each candidate's subjects, and the
 * result is the one without it, bit for bit; its failure is the Lua
 * error. */
START_TEST(spreader_is_used_and_its_failure_raised)
{
    const char *dir = tmp_dir();
    char path[400], out1[400], out2[400], script[2400], *a, *b;
    char *argv1[1] = { out1 }, *argv2[1] = { out2 };
    FakeSpread f = { 0 };
    ExopkLuaSpreader sp = { fake_begin, fake_subjects, fake_end, &f };
    ExopkError err;

    snprintf(path, sizeof path, "%s/robust.lua", dir);
    snprintf(out1, sizeof out1, "%s/out1.txt", dir);
    snprintf(out2, sizeof out2, "%s/out2.txt", dir);
    snprintf(script, sizeof script, ROBUST_SCRIPT, dir, dir);
    write_file(path, script);
    ck_assert_msg(exopk_lua_run_script(path, 1, argv1, NULL, &err) == EXOPK_OK, "%s",
                  err.message);
    exopk_lua_set_population_spreader(&sp);
    ck_assert_msg(exopk_lua_run_script(path, 1, argv2, NULL, &err) == EXOPK_OK, "%s",
                  err.message);
    a = slurp(out1);
    b = slurp(out2);
    ck_assert_str_eq(a, b);
    ck_assert_int_eq(f.begins, 1);
    ck_assert_int_eq(f.ends, 1);
    ck_assert_int_eq(f.calls, strtol(strchr(strchr(b, ' ') + 1, ' ') + 1, NULL, 10));
    ck_assert_int_eq(f.subjects_seen, 12);
    ck_assert_str_eq(f.data_dir, exopk_lua_data_dir());
    f.fail_end = 1;
    ck_assert_int_eq(exopk_lua_run_script(path, 1, argv2, NULL, &err), EXOPK_ECALLBACK);
    ck_assert_msg(strstr(err.message, "robust.lua:6: exopk.optimize: rank 3: subjects 1 to 2: "
                                      "a test failure") != NULL, "%s", err.message);
    exopk_lua_set_population_spreader(NULL);
    free(a);
    free(b);
}
END_TEST

/* --- save -> load: the same structs ---------------------------------------- */

static int
same(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

#define EQ_D(a, b, what) \
    ck_assert_msg(same((a), (b)), "%s: %.17g != %.17g", (what), (double) (a), (double) (b))

/* Every descriptor field of @group in records @a and @b. */
static void
eq_group(ExopkParamGroup group, const void *a, const void *b, const char *what)
{
    size_t n;
    const ExopkParamField *f = exopk_param_fields(group, &n);
    char w[300];

    for (size_t i = 0; i < n; i++) {
        snprintf(w, sizeof w, "%s.%s", what, f[i].key);
        EQ_D(*(const double *) ((const char *) a + f[i].offset),
             *(const double *) ((const char *) b + f[i].offset), w);
    }
}

/* A formulation dose set numerically in nmol can only be written as a
 * string ("0.123456789 nmol"), and the unit conversion (x 1e-9, / 1e-9)
 * cannot reach every double: such amounts read back within an ulp. */
static void
eq_dose(const ExopkDose *a, const ExopkDose *b, const char *what)
{
    int inexact = a->formulation >= 0 && a->unit == EXOPK_DOSE_NMOL;

    ck_assert_msg(a->formulation == b->formulation, "%s.formulation", what);
    if (a->formulation < 0)
        ck_assert_msg(a->agent == b->agent, "%s.agent", what);
    ck_assert_msg(a->route == b->route, "%s.route", what);
    EQ_D(a->time, b->time, what);
    EQ_D(a->duration, b->duration, what);
    ck_assert_msg(a->unit == b->unit, "%s.unit", what);
    if (a->unit == EXOPK_DOSE_NMOL && a->formulation >= 0)
        ck_assert_msg(a->cargo == b->cargo, "%s.cargo", what);
    if (inexact)
        ck_assert_msg(fabs(a->amount - b->amount) <= 2.3e-16 * fabs(a->amount),
                      "%s: %.17g != %.17g", what, a->amount, b->amount);
    else
        EQ_D(a->amount, b->amount, what);
}

static void
eq_tumour(const ExopkTumour *a, const ExopkTumour *b, const char *what)
{
    ck_assert_str_eq(a->name, b->name);
    eq_group(EXOPK_GROUP_TUMOUR, a, b, what);
    ck_assert_uint_eq(a->n_receptors, b->n_receptors);
    for (size_t i = 0; i < a->n_receptors; i++)
        ck_assert_str_eq(a->receptors[i], b->receptors[i]);
    /* by agent: the loader keeps the data file's table order, which
     * Lua's per-state hash seed changes from one load to the next */
    ck_assert_uint_eq(a->n_ic50, b->n_ic50);
    for (size_t i = 0; i < a->n_ic50; i++) {
        size_t j = 0;

        while (j < b->n_ic50 && strcmp(a->ic50_agent[i], b->ic50_agent[j]) != 0)
            j++;
        ck_assert_msg(j < b->n_ic50, "%s: no ic50 for %s", what, a->ic50_agent[i]);
        EQ_D(a->ic50[i], b->ic50[j], what);
    }
}

/* The population fields (variability, batch, correlations, uncertainty). */
static void
assert_same_variability(const ExopkVariability *a, const ExopkVariability *b)
{
    ck_assert_uint_eq(a->n_varied, b->n_varied);
    for (size_t i = 0; i < a->n_varied; i++) {
        ck_assert_str_eq(a->varied[i].name, b->varied[i].name);
        EQ_D(a->varied[i].cv, b->varied[i].cv, a->varied[i].name);
        ck_assert_int_eq(a->varied[i].source, b->varied[i].source);
    }
    ck_assert_uint_eq(a->n_correlations, b->n_correlations);
    for (size_t k = 0; k < a->n_correlations; k++) {
        ck_assert_uint_eq(a->correlations[k].a, b->correlations[k].a);
        ck_assert_uint_eq(a->correlations[k].b, b->correlations[k].b);
        EQ_D(a->correlations[k].rho, b->correlations[k].rho, "correlations");
    }
    ck_assert_int_eq(a->library_uncertainty, b->library_uncertainty);
}

static void
assert_same_study(const ExopkStudy *a, const ExopkStudy *b)
{
    char w[300];

    ck_assert_str_eq(a->name, b->name);
    ck_assert_str_eq(a->species.name, b->species.name);
    eq_group(EXOPK_GROUP_SPECIES, &a->species, &b->species, "species");
    EQ_D(a->weight, b->weight, "weight");
    eq_group(EXOPK_GROUP_SUBJECT, &a->subject, &b->subject, "subject");
    ck_assert_int_eq(a->has_tumour, b->has_tumour);
    if (a->has_tumour) {
        eq_tumour(&a->tumour_ref, &b->tumour_ref, "tumour_ref");
        eq_tumour(&a->tumour, &b->tumour, "tumour");
        EQ_D(a->tumour_volume0, b->tumour_volume0, "tumour_volume0");
        EQ_D(a->resistant_fraction0, b->resistant_fraction0, "resistant_fraction0");
    }
    ck_assert_uint_eq(a->n_agents, b->n_agents);
    for (size_t i = 0; i < a->n_agents; i++) {
        ck_assert_str_eq(a->agent_ref[i].name, b->agent_ref[i].name);
        ck_assert_int_eq(a->agent_ref[i].cargo_class, b->agent_ref[i].cargo_class);
        snprintf(w, sizeof w, "agent_ref[%zu]", i);
        eq_group(EXOPK_GROUP_AGENT, &a->agent_ref[i], &b->agent_ref[i], w);
        snprintf(w, sizeof w, "agents[%zu]", i);
        eq_group(EXOPK_GROUP_AGENT, &a->agents[i], &b->agents[i], w);
    }
    ck_assert_uint_eq(a->n_ligands, b->n_ligands);
    for (size_t i = 0; i < a->n_ligands; i++) {
        ck_assert_str_eq(a->ligand_ref[i].name, b->ligand_ref[i].name);
        snprintf(w, sizeof w, "ligands[%zu]", i);
        eq_group(EXOPK_GROUP_LIGAND, &a->ligands[i], &b->ligands[i], w);
    }
    ck_assert_uint_eq(a->n_formulations, b->n_formulations);
    for (size_t i = 0; i < a->n_formulations; i++) {
        const ExopkFormulation *fa = &a->formulations[i], *fb = &b->formulations[i];

        ck_assert_str_eq(fa->name, fb->name);
        ck_assert_str_eq(fa->carrier_ref.name, fb->carrier_ref.name);
        ck_assert_str_eq(fa->method_ref.name, fb->method_ref.name);
        snprintf(w, sizeof w, "formulations.%s.carrier_ref", fa->name);
        eq_group(EXOPK_GROUP_CARRIER, &fa->carrier_ref, &fb->carrier_ref, w);
        snprintf(w, sizeof w, "formulations.%s.carrier", fa->name);
        eq_group(EXOPK_GROUP_CARRIER, &fa->carrier, &fb->carrier, w);
        snprintf(w, sizeof w, "formulations.%s.method", fa->name);
        eq_group(EXOPK_GROUP_LOADING, &fa->method, &fb->method, w);
        EQ_D(fa->diameter, fb->diameter, "diameter");
        ck_assert_int_eq(fa->cd47, fb->cd47);
        ck_assert_int_eq(fa->peg, fb->peg);
        ck_assert_uint_eq(fa->n_ligands, fb->n_ligands);
        for (size_t l = 0; l < fa->n_ligands; l++)
            ck_assert_str_eq(a->ligand_ref[fa->ligand[l]].name, b->ligand_ref[fb->ligand[l]].name);
        ck_assert_uint_eq(fa->n_cargo, fb->n_cargo);
        for (size_t c = 0; c < fa->n_cargo; c++) {
            ck_assert_int_eq(fa->cargo[c].agent, fb->cargo[c].agent);
            EQ_D(fa->cargo[c].offered, fb->cargo[c].offered, "offered");
            EQ_D(fa->cargo[c].ee0, fb->cargo[c].ee0, "ee0");
            ck_assert_int_eq(fa->cargo[c].given, fb->cargo[c].given);
            EQ_D(fa->cargo[c].measured, fb->cargo[c].measured, "measured");
            ck_assert_str_eq(fa->cargo[c].measured_text, fb->cargo[c].measured_text);
            EQ_D(fa->cargo[c].lumen_conc_max, fb->cargo[c].lumen_conc_max, "lumen_conc_max");
        }
    }
    ck_assert_uint_eq(a->n_arms, b->n_arms);
    for (size_t i = 0; i < a->n_arms; i++) {
        const ExopkArm *aa = &a->arms[i], *ab = &b->arms[i];

        ck_assert_str_eq(aa->name, ab->name);
        ck_assert_uint_eq(aa->n_lines, ab->n_lines);
        for (size_t l = 0; l < aa->n_lines; l++) {
            snprintf(w, sizeof w, "arms.%s[%zu]", aa->name, l + 1);
            eq_dose(&aa->lines[l].dose, &ab->lines[l].dose, w);
            EQ_D(aa->lines[l].every, ab->lines[l].every, w);
            ck_assert_int_eq(aa->lines[l].count, ab->lines[l].count);
            /* a dose set numerically is written as "<amount> particles" */
            if (aa->lines[l].dose_text[0] != '\0')
                ck_assert_str_eq(aa->lines[l].dose_text, ab->lines[l].dose_text);
        }
        ck_assert_uint_eq(aa->n_doses, ab->n_doses);
        for (size_t d = 0; d < aa->n_doses; d++) {
            snprintf(w, sizeof w, "arms.%s doses[%zu]", aa->name, d);
            eq_dose(&aa->doses[d], &ab->doses[d], w);
        }
    }
    EQ_D(a->horizon, b->horizon, "horizon");
    EQ_D(a->output_every, b->output_every, "output_every");
    EQ_D(a->rtol, b->rtol, "rtol");
    EQ_D(a->atol_scale, b->atol_scale, "atol_scale");
    ck_assert_uint_eq(a->n_overrides, b->n_overrides);
    for (size_t i = 0; i < a->n_overrides; i++) {
        ck_assert_str_eq(a->overrides[i].path, b->overrides[i].path);
        EQ_D(a->overrides[i].value, b->overrides[i].value, a->overrides[i].path);
    }
    assert_same_variability(&a->variability, &b->variability);
}

/* Writes @s, loads it back, compares; returns the text (caller frees). */
static char *
round_trip(const ExopkStudy *s)
{
    const char *dir = tmp_dir();
    char path[400];
    ExopkError err;
    ExopkStudy *back;

    snprintf(path, sizeof path, "%s/saved.lua", dir);
    ck_assert_msg(exopk_lua_write_study(s, path, &err) == EXOPK_OK, "%s", err.message);
    assert_no_temporaries(dir);
    back = exopk_lua_load_study(path, exopk_lua_data_dir(), NULL, NULL, &err);
    ck_assert_msg(back != NULL, "the saved study does not load: %s", err.message);
    assert_same_study(s, back);
    exopk_study_free(back);
    return fixture_read_file(path, NULL);
}

static ExopkStudy *
load(const char *path)
{
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study(path, exopk_lua_data_dir(), NULL, NULL, &err);

    ck_assert_msg(s != NULL, "%s", err.message);
    return s;
}

START_TEST(save_load_default_study)
{
    char path[600];
    ExopkStudy *s;

    snprintf(path, sizeof path, "%s/examples/default.lua", exopk_lua_data_dir());
    s = load(path);
    free(round_trip(s));
    exopk_study_free(s);
}
END_TEST

#define MAX_EXAMPLES 32
static char examples[MAX_EXAMPLES][256];
static int n_examples;

static void
list_examples(void)
{
    char dir[600];
    DIR *d;
    struct dirent *e;

    snprintf(dir, sizeof dir, "%s/examples", exopk_lua_data_dir());
    n_examples = 0;
    if ((d = opendir(dir)) == NULL)
        return;
    while ((e = readdir(d)) != NULL && n_examples < MAX_EXAMPLES) {
        size_t len = strlen(e->d_name);

        if (len > 4 && len < 256 && strcmp(e->d_name + len - 4, ".lua") == 0)
            snprintf(examples[n_examples++], sizeof examples[0], "%s", e->d_name);
    }
    closedir(d);
    qsort(examples, (size_t) n_examples, sizeof examples[0], cmp_str);
}

/* Every bundled example study (data/examples) survives save -> load. */
START_TEST(save_load_example)
{
    char path[800];
    ExopkStudy *s;

    list_examples();
    ck_assert_int_lt(_i, n_examples);
    snprintf(path, sizeof path, "%s/examples/%s", exopk_lua_data_dir(), examples[_i]);
    s = load(path);
    free(round_trip(s));
    exopk_study_free(s);
}
END_TEST

START_TEST(save_load_every_feature)
{
    ExopkStudy *s = load(LUA_DIR "/roundtrip-study.lua");
    char *text = round_trip(s);

    /* written as the user wrote it, readable */
    ck_assert_msg(strstr(text, "dose = \"0.05 mg/kg\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "dose = \"30 ug protein\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "offered = \"12345.5 /vesicle\", ee = \"12 %\" }") != NULL,
                  "%s", text);
    ck_assert_msg(strstr(text, "[\"mixed-arm\"] = {") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "weight  = \"22.5 g\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "horizon      = \"21 d\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "output_every = \"1.5 h\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "over = \"0.5 h\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "[\"carrier.k_pt\"] = \"0.8 /h\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "peg = true, ligand = { \"irgd\", \"ge11\" } }") != NULL, "%s",
                  text);
    free(text);
    exopk_study_free(s);
}
END_TEST

START_TEST(save_load_variability)
{
    static const char text[] =
        "return { subject = { species = \"mouse\", weight = \"25 g\" }, horizon = \"2 d\",\n"
        "  arms = { free = { { give = \"doxorubicin\", route = \"iv\", dose = \"5 mg/kg\" } } },\n"
        "  variability = { [\"doxorubicin.cl\"] = \"12.3456789 %\", dose = 0.2 },\n"
        "  batch = { [\"doxorubicin.v1\"] = \"7 %\" },\n"
        "  correlations = { { \"doxorubicin.v1\", \"dose\", -0.35 } },\n"
        "  uncertainty = \"library\" }\n";
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study_buffer(text, sizeof text - 1, "var.lua",
                                                exopk_lua_data_dir(), NULL, NULL, &err);
    char *saved;

    ck_assert_msg(s != NULL, "%s", err.message);
    /* sorted by name within variability, then batch */
    ck_assert_uint_eq(s->variability.n_varied, 3);
    ck_assert_str_eq(s->variability.varied[0].name, "dose");
    ck_assert_str_eq(s->variability.varied[1].name, "doxorubicin.cl");
    ck_assert_str_eq(s->variability.varied[2].name, "doxorubicin.v1");
    ck_assert_int_eq(s->variability.varied[2].source, EXOPK_VARIED_BATCH);
    ck_assert_double_eq_tol(s->variability.varied[1].cv, 0.123456789, 1e-15);
    ck_assert_uint_eq(s->variability.correlations[0].a, 2);
    ck_assert_uint_eq(s->variability.correlations[0].b, 0);
    saved = round_trip(s);
    ck_assert_msg(strstr(saved, "uncertainty = \"library\"") != NULL, "%s", saved);
    ck_assert_msg(strstr(saved, "[\"doxorubicin.v1\"] = \"7 %\"") != NULL, "%s", saved);
    free(saved);
    exopk_study_free(s);
}
END_TEST

START_TEST(save_load_after_set)
{
    ExopkStudy *s = load(LUA_DIR "/roundtrip-study.lua");
    ExopkError err;
    char *text;
    size_t mixed = 1, numeric = 2, free_arm = 3;

    ck_assert_str_eq(s->arms[mixed].name, "mixed-arm");
    ck_assert_str_eq(s->arms[free_arm].name, "free");
#define SET(arm, name, v) \
    ck_assert_msg(exopk_study_set(s, (arm), (name), (v), &err) == EXOPK_OK, "%s", err.message)
    SET(mixed, "dose", 0.123456789);          /* nmol of cargo: only a string says so */
    SET(mixed, "every", 31.7);
    SET(mixed, "at", 0.1);
    SET(mixed, "over", 0.3);
    SET(mixed, "offered", 2718.28);
    SET(numeric, "dose", 1.234567e11);
    SET(numeric, "count", 5);
    SET(free_arm, "dose", 3.14159);
    SET(free_arm, "carrier.k_deg_t", 0.0123);
    SET(free_arm, "doxorubicin.ec50", 77.7);
    SET(free_arm, "species.q_heart", 0.0321);
    SET(free_arm, "carrier.k_pt", 0.9);     /* replaces an override */
#undef SET
    text = round_trip(s);
    ck_assert_msg(strstr(text, "\"1.234567e11 particles\"") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "nmol\"") != NULL, "%s", text);
    free(text);
    exopk_study_free(s);
}
END_TEST

START_TEST(save_io_error)
{
    const char *dir = tmp_dir();
    char path[400];
    ExopkStudy *s = load(LUA_DIR "/roundtrip-study.lua");
    ExopkError err;

    snprintf(path, sizeof path, "%s/missing/x.lua", dir);
    ck_assert_int_eq(exopk_lua_write_study(s, path, &err), EXOPK_EIO);
    ck_assert_int_eq(err.code, EXOPK_EIO);
    ck_assert_msg(strstr(err.message, "cannot write") != NULL, "%s", err.message);
    assert_no_temporaries(dir);
    exopk_study_free(s);
}
END_TEST

/* --- res:write_csv is `exopk simulate -o`'s file ---------------------------- */

/* The format of src/cli/csv.c's csv_write_series, written here on purpose
 * independently: if either side changes, this fails. */
static void
reference_csv(const ExopkResult *res, const char *path)
{
    FILE *f = fopen(path, "w");
    size_t nt = exopk_result_n_times(res), ns = exopk_result_n_series(res);

    ck_assert_ptr_nonnull(f);
    fputs("time [h]", f);
    for (size_t j = 0; j < ns; j++)
        fprintf(f, ",%s [%s]", exopk_result_series_name(res, j), exopk_result_series_unit(res, j));
    fputc('\n', f);
    for (size_t i = 0; i < nt; i++) {
        fprintf(f, "%.10g", exopk_result_times(res)[i]);
        for (size_t j = 0; j < ns; j++)
            fprintf(f, ",%.10g", exopk_result_series(res, j)[i]);
        fputc('\n', f);
    }
    fclose(f);
}

START_TEST(write_csv_is_the_cli_csv)
{
    const char *dir = tmp_dir();
    char study[600], script[400], mine[400], ref[400], cli_dir[400], cmd[2000];
    char *argv[2] = { study, mine };
    const char *exe = getenv("EXOPK_EXE");
    ExopkStudy *s;
    ExopkResult *res;
    ExopkError err;
    char *a, *b;

    snprintf(study, sizeof study, "%s/examples/default.lua", exopk_lua_data_dir());
    snprintf(script, sizeof script, "%s/csv.lua", dir);
    snprintf(mine, sizeof mine, "%s/exodox.csv", dir);
    snprintf(ref, sizeof ref, "%s/reference.csv", dir);
    write_file(script, "local exopk = require 'exopk'\n"
                       "local res = exopk.simulate(exopk.load(arg[1]), { arm = 'exodox' })\n"
                       "assert(res:write_csv(arg[2]))\n");
    ck_assert_msg(exopk_lua_run_script(script, 2, argv, NULL, &err) == EXOPK_OK, "%s",
                  err.message);
    assert_no_temporaries(dir);

    s = load(study);
    res = exopk_simulate(s, 2, NULL, &err);
    ck_assert_msg(res != NULL, "%s", err.message);
    ck_assert_str_eq(exopk_result_arm(res), "exodox");
    reference_csv(res, ref);
    a = fixture_read_file(mine, NULL);
    b = fixture_read_file(ref, NULL);
    ck_assert_msg(strcmp(a, b) == 0, "res:write_csv differs from the CLI format");
    free(b);
    if (exe != NULL && *exe != '\0') {
        /* and byte for byte the file of `exopk simulate -o` itself */
        snprintf(cli_dir, sizeof cli_dir, "%s/cli", dir);
        snprintf(cmd, sizeof cmd, "'%s' simulate '%s' -o '%s' --arm exodox >/dev/null", exe,
                 study, cli_dir);
        ck_assert_int_eq(system(cmd), 0);
        snprintf(cmd, sizeof cmd, "%s/exodox.csv", cli_dir);
        b = fixture_read_file(cmd, NULL);
        ck_assert_msg(strcmp(a, b) == 0, "res:write_csv differs from exopk simulate -o");
        free(b);
    }
    free(a);
    exopk_result_free(res);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("script");
    TCase *tc = tcase_create("host");
    TCase *lua = tcase_create("lua");
    TCase *save = tcase_create("save");

    tcase_add_test(tc, runtime_error_has_location_and_traceback);
    tcase_add_test(tc, long_traceback_is_cut_at_a_line);
    tcase_add_test(tc, syntax_error_is_einval);
    tcase_add_test(tc, missing_script_is_eio);
    tcase_add_test(tc, load_error_is_the_loaders_message);
    tcase_add_test(tc, arg_table_and_varargs);
    tcase_add_test(tc, data_dir_argument_is_used);
    tcase_add_test(tc, spreader_is_used_and_its_failure_raised);
    suite_add_tcase(s, tc);

    list_scripts();
    tcase_set_timeout(lua, 300);
    tcase_add_test(lua, script_corpus_found);
    tcase_add_loop_test(lua, lua_script, 0, n_scripts);
    suite_add_tcase(s, lua);

    tcase_add_test(save, save_load_default_study);
    list_examples();
    tcase_add_loop_test(save, save_load_example, 0, n_examples);
    tcase_add_test(save, save_load_every_feature);
    tcase_add_test(save, save_load_after_set);
    tcase_add_test(save, save_load_variability);
    tcase_add_test(save, save_io_error);
    tcase_add_test(save, write_csv_is_the_cli_csv);
    suite_add_tcase(s, save);
    return s;
}
