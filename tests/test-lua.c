/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Lua layer: the bad-input corpus (tests/bad, exact messages), the
 * default study, overrides, warnings, the sandbox, `exopk params`.
 *
 * Each tests/bad/NAME.lua starts with `-- expect: MESSAGE`.  The test
 * changes to EXOPK_TEST_BAD_DIR and loads "NAME.lua", so FILE in the
 * expected message is the bare file name ("unknown-unit.lua:24: ..."). */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#include "config.h"
#include "exopk/exopk.h"
#include "exopk-lua.h"

#ifndef EXOPK_TEST_BAD_DIR
#error "define EXOPK_TEST_BAD_DIR (tests/meson.build)"
#endif

#define DATA EXOPK_SOURCE_DATADIR
#define DEFAULT_STUDY EXOPK_SOURCE_DATADIR "/examples/default.lua"

static int
close_rel(double got, double want, double rel)
{
    return fabs(got - want) <= rel * fabs(want);
}

/* --- the bad corpus ---------------------------------------------------- */

#define MAX_BAD 256
static char bad_names[MAX_BAD][256];
static int n_bad;

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void
list_bad(void)
{
    DIR *d = opendir(EXOPK_TEST_BAD_DIR);
    struct dirent *e;

    n_bad = 0;
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL && n_bad < MAX_BAD) {
        size_t len = strlen(e->d_name);

        if (len > 4 && strcmp(e->d_name + len - 4, ".lua") == 0 && len < 256)
            snprintf(bad_names[n_bad++], sizeof bad_names[0], "%s", e->d_name);
    }
    closedir(d);
    qsort(bad_names, (size_t) n_bad, sizeof bad_names[0], cmp_str);
}

START_TEST(bad_corpus_is_large_enough)
{
    list_bad();
    ck_assert_int_ge(n_bad, 150);
}
END_TEST

/* The CLI's rendering of a message: bytes a terminal acts on as \xHH (C0
 * but tab, DEL, UTF-8 C1).  The expect lines hold what the CLI prints. */
static void
escape(const char *s, char *out, size_t size)
{
    size_t o = 0;

    for (const unsigned char *p = (const unsigned char *) s; *p != '\0' && o + 9 < size; p++) {
        if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
            o += (size_t) snprintf(out + o, size - o, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            o += (size_t) snprintf(out + o, size - o, "\\x%02x\\x%02x", p[0], p[1]), p++;
        else
            out[o++] = (char) *p;
    }
    out[o] = '\0';
}

/* A "-- exit: 1" file loads and one arm fails to simulate: the message as
 * the CLI prints it ("FILE: arm ARM: ..."), or "" if every arm ran. */
static void
run_failure(const ExopkStudy *s, const char *name, char *shown, size_t size)
{
    ExopkError err;

    shown[0] = '\0';
    for (size_t a = 0; a < s->n_arms && shown[0] == '\0'; a++) {
        ExopkResult *r = exopk_simulate(s, a, NULL, &err);
        if (r == NULL) {
            ck_assert_int_eq(err.code, EXOPK_ESOLVER);
            snprintf(shown, size, "%s: arm %s: %s", name, s->arms[a].name, err.message);
        }
        exopk_result_free(r);
    }
}

START_TEST(bad_file)
{
    char shown[2048];
    char expect[1024], line[1200];
    const char *name;
    FILE *f;
    ExopkError err;
    ExopkStudy *s;
    int run_fails;

    list_bad();
    ck_assert_int_lt(_i, n_bad);
    name = bad_names[_i];
    ck_assert_int_eq(chdir(EXOPK_TEST_BAD_DIR), 0);
    f = fopen(name, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    line[strcspn(line, "\r\n")] = '\0';
    ck_assert_msg(strncmp(line, "-- expect: ", 11) == 0, "%s: first line is not -- expect:",
                  name);
    snprintf(expect, sizeof expect, "%s", line + 11);
    run_fails = fgets(line, sizeof line, f) != NULL && strcmp(line, "-- exit: 1\n") == 0;
    fclose(f);

    memset(&err, 0, sizeof err);
    /* the corpus runs with a 1.5 s budget (README.md there) */
    ck_assert_int_eq(exopk_lua_set_load_timeout(1.5, &err), EXOPK_OK);
    s = exopk_lua_load_study(name, DATA, NULL, NULL, &err);
    if (run_fails) {
        ck_assert_msg(s != NULL, "%s: %s", name, err.message);
        run_failure(s, name, shown, sizeof shown);
        exopk_study_free(s);
        ck_assert_msg(strcmp(shown, expect) == 0, "%s:\n  got:    %s\n  expect: %s", name,
                      shown, expect);
        return;
    }
    ck_assert_msg(s == NULL, "%s: loaded, expected: %s", name, expect);
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    escape(err.message, shown, sizeof shown);
    ck_assert_msg(strcmp(shown, expect) == 0, "%s:\n  got:    %s\n  expect: %s", name,
                  shown, expect);
}
END_TEST

/* --- the default study -------------------------------------------------- */

static long
arm_index(const ExopkStudy *s, const char *name)
{
    for (size_t i = 0; i < s->n_arms; i++)
        if (strcmp(s->arms[i].name, name) == 0)
            return (long) i;
    return -1;
}

START_TEST(default_study_values)
{
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study(DEFAULT_STUDY, DATA, NULL, NULL, &err);
    const ExopkArm *exo, *free_dox;
    int dox;

    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_uint_eq(s->n_arms, 3);
    /* Arms in the order of the file. */
    ck_assert_str_eq(s->arms[0].name, "control");
    ck_assert_str_eq(s->arms[1].name, "free_dox");
    ck_assert_str_eq(s->arms[2].name, "exodox");
    ck_assert_uint_eq(s->arms[0].n_doses, 0);

    exo = &s->arms[arm_index(s, "exodox")];
    ck_assert_uint_eq(exo->n_doses, 5);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_double_eq_tol(exo->doses[i].time, 72.0 * (double) i, 1e-12);
        ck_assert_int_eq(exo->doses[i].unit, EXOPK_DOSE_PARTICLES);
        ck_assert_double_eq_tol(exo->doses[i].amount, 2e11, 1);
        ck_assert_int_eq(exo->doses[i].formulation, 0);
        ck_assert_int_eq(exo->doses[i].route, EXOPK_ROUTE_IV);
        ck_assert_double_eq(exo->doses[i].duration, 0);
    }

    dox = exopk_study_find_agent(s, "doxorubicin");
    ck_assert_int_ge(dox, 0);
    free_dox = &s->arms[arm_index(s, "free_dox")];
    ck_assert_uint_eq(free_dox->n_doses, 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_double_eq_tol(free_dox->doses[i].time, 168.0 * (double) i, 1e-12);
        ck_assert_int_eq(free_dox->doses[i].formulation, -1);
        ck_assert_int_eq(free_dox->doses[i].agent, dox);
        ck_assert_int_eq(free_dox->doses[i].unit, EXOPK_DOSE_NMOL);
        /* 5 mg/kg x 0.025 kg / 579.99 g/mol, in nmol */
        ck_assert(close_rel(free_dox->doses[i].amount, 5.0 * 0.025 / 579.99 * 1e6, 1e-9));
    }

    ck_assert_double_eq_tol(s->weight, 0.025, 1e-15);
    ck_assert_double_eq_tol(s->horizon, 672, 1e-9);
    ck_assert_double_eq_tol(s->output_every, 1, 1e-12);
    ck_assert_int_eq(s->has_tumour, 1);
    ck_assert_double_eq_tol(s->tumour_volume0, 100, 1e-9);
    ck_assert_double_eq_tol(s->resistant_fraction0, 0.3, 1e-15);
    ck_assert_str_eq(s->tumour_ref.name, "mda_mb_231");
    ck_assert_str_eq(s->species.name, "mouse");
    ck_assert(close_rel(s->subject.plasma_volume, 0.001, 1e-9));
    ck_assert(close_rel(s->agents[dox].cl, 0.1385, 1e-3));
    ck_assert(close_rel(s->agent_ref[dox].cl, 53.3, 1e-12));
    ck_assert(close_rel(s->agent_ref[dox].mw_dosed, 579.99, 1e-12));

    ck_assert_uint_eq(s->n_formulations, 1);
    ck_assert_str_eq(s->formulations[0].name, "exodox");
    ck_assert_str_eq(s->formulations[0].carrier_ref.name, "msc");
    ck_assert_str_eq(s->formulations[0].method_ref.name, "electroporation");
    ck_assert(close_rel(s->formulations[0].diameter, 100, 1e-12));
    ck_assert_uint_eq(s->formulations[0].n_cargo, 1);
    ck_assert_int_eq(s->formulations[0].cargo[0].agent, dox);
    ck_assert(close_rel(s->formulations[0].cargo[0].offered, 5000, 1e-12));
    ck_assert(close_rel(s->formulations[0].cargo[0].ee0, 0.2, 1e-12));
    ck_assert(close_rel(s->formulations[0].cargo[0].lumen_conc_max, 1e7, 1e-12));
    /* vmax_mps = k_mps x km_mps x Vp = 4 /h x 1e15 /L x 0.001 L */
    ck_assert(close_rel(s->formulations[0].carrier.vmax_mps, 4e12, 1e-9));
    ck_assert(close_rel(s->rtol, 1e-6, 1e-12));
    ck_assert(close_rel(s->atol_scale, 1e-12, 1e-12));
    exopk_study_free(s);
}
END_TEST

/* --- studies held in memory ---------------------------------------------- */

static const char *const head =
    "return {\n"
    "  subject = { species = \"mouse\", weight = %s,\n"
    "              tumour = { model = \"mda_mb_231\" } },\n"
    "  horizon = \"%s\",\n"
    "  formulations = { exodox = { carrier = \"msc\",\n"
    "      loading = { method = \"electroporation\" },\n"
    "      cargo = { { agent = \"doxorubicin\", offered = \"5000 /vesicle\" } } } },\n"
    "  arms = {\n"
    "    exodox = { { give = \"exodox\", route = \"iv\", dose = %s,\n"
    "                 every = \"3 d\", count = 5 } },\n"
    "  },\n"
    "  %s\n"
    "}\n";

static ExopkStudy *
load_text(const char *weight, const char *horizon, const char *dose, const char *extra,
          ExopkWarnFn warn, void *data, ExopkError *err)
{
    char text[4096];

    snprintf(text, sizeof text, head, weight, horizon, dose, extra);
    return exopk_lua_load_study_buffer(text, strlen(text), "mem.lua", DATA, warn, data, err);
}

START_TEST(params_override_takes_effect)
{
    ExopkError err;
    ExopkStudy *s = load_text("\"25 g\"", "28 d", "\"2e11 particles\"",
                              "params = { [\"doxorubicin.cl\"] = \"0.2 L/h\",\n"
                              "           [\"carrier.k_pt\"] = 0.8 },",
                              NULL, NULL, &err);
    int dox;

    ck_assert_msg(s != NULL, "%s", err.message);
    dox = exopk_study_find_agent(s, "doxorubicin");
    ck_assert_int_ge(dox, 0);
    ck_assert(close_rel(s->agents[dox].cl, 0.2, 1e-12));
    ck_assert(close_rel(s->formulations[0].carrier.k_pt, 0.8, 1e-12));
    ck_assert_uint_eq(s->n_overrides, 2);
    /* Without the override, the scaled value. */
    exopk_study_free(s);
    s = load_text("\"25 g\"", "28 d", "\"2e11 particles\"", "", NULL, NULL, &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert(close_rel(s->agents[0].cl, 0.1385, 1e-3));
    ck_assert(close_rel(s->formulations[0].carrier.k_pt, 0.9, 1e-12));
    exopk_study_free(s);
}
END_TEST

typedef struct {
    int n;
    char last[1024];
} Warnings;

static void
collect(const char *message, void *data)
{
    Warnings *w = data;

    w->n++;
    snprintf(w->last, sizeof w->last, "%s", message);
}

START_TEST(dose_past_horizon_warns)
{
    Warnings w = { 0, "" };
    ExopkError err;
    ExopkStudy *s = load_text("\"25 g\"", "10 d", "\"2e11 particles\"", "", collect, &w, &err);

    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_int_eq(w.n, 1);
    ck_assert_str_eq(w.last, "mem.lua:9: arms.exodox[1]: 1 of 5 doses come after the horizon "
                             "(240 h) and are dropped");
    ck_assert_uint_eq(s->arms[0].n_doses, 4);
    ck_assert_double_eq_tol(s->arms[0].doses[3].time, 216, 1e-9);
    exopk_study_free(s);
}
END_TEST

START_TEST(weight_units)
{
    ExopkError err;
    ExopkStudy *s = load_text("\"25 kg\"", "28 d", "\"2e11 particles\"", "", NULL, NULL, &err);

    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_double_eq_tol(s->weight, 25, 1e-12);
    exopk_study_free(s);
    /* a plain number has no unit: refused (it was silently kg) */
    s = load_text("0.03", "28 d", "\"2e11 particles\"", "", NULL, NULL, &err);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(err.message, "mem.lua:2: subject.weight: 0.03 has no unit: give a mass, "
                                  "e.g. \"0.03 g\"");
    s = load_text("\"30\"", "28 d", "\"2e11 particles\"", "", NULL, NULL, &err);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(err.message, "mem.lua:2: subject.weight: \"30\" has no unit: give a mass, "
                                  "e.g. \"30 g\"");
    s = load_text("\"25 particles\"", "28 d", "\"2e11 particles\"", "", NULL, NULL, &err);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(err.message, "mem.lua:2: subject.weight: \"25 particles\": expected a body "
                                  "weight (kg), got a particle count (particles)");
}
END_TEST

START_TEST(formulation_dose_in_cargo_mass)
{
    ExopkError err;
    ExopkStudy *s = load_text("\"25 g\"", "28 d", "\"2 mg/kg\"", "", NULL, NULL, &err);

    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_int_eq(s->arms[0].doses[0].unit, EXOPK_DOSE_NMOL);
    ck_assert_int_eq(s->arms[0].doses[0].cargo, 0);
    ck_assert_int_eq(s->arms[0].doses[0].formulation, 0);
    ck_assert(close_rel(s->arms[0].doses[0].amount, 2.0 * 0.025 / 579.99 * 1e6, 1e-9));
    exopk_study_free(s);
    /* A plain number has no unit: particles or mg/kg cannot be told. */
    s = load_text("\"25 g\"", "28 d", "1e10", "", NULL, NULL, &err);
    ck_assert_ptr_null(s);
    ck_assert_msg(strstr(err.message, "arms.exodox[1].dose: 10000000000 has no unit: give "
                         "particles or a mass of cargo, e.g. \"10000000000 particles\" or "
                         "\"2 mg/kg\"") != NULL, "%s", err.message);
}
END_TEST

/* --- the sandbox ---------------------------------------------------------- */

static ExopkStudy *
load_raw(const char *text, ExopkError *err)
{
    return exopk_lua_load_study_buffer(text, strlen(text), "raw.lua", DATA, NULL, NULL, err);
}

#define MINIMAL "subject = { species = \"mouse\" }, horizon = \"1 d\", arms = { control = {} }"

START_TEST(sandbox_allows_the_allow_list)
{
    ExopkError err;
    ExopkStudy *s = load_raw(
        "local ok, msg = pcall(error, 'caught')\n"
        "assert(not ok and msg == 'caught')\n"
        "local n = 0\n"
        "for k, v in pairs({ a = 1 }) do n = n + v end\n"
        "for i, v in ipairs({ 1, 2 }) do n = n + v end\n"
        "assert(select('#', 1, 2) == 2 and tonumber('2') == 2 and tostring(1) == '1')\n"
        "assert(type(next) == 'function' and math.floor(2.5) == 2)\n"
        "assert(string.format('%d', 3) == '3' and ('x'):rep(2) == 'xx')\n"
        "assert(table.concat({ 'a', 'b' }) == 'ab' and utf8.char(65) == 'A')\n"
        "assert(os == nil and io == nil and require == nil and load == nil)\n"
        "assert(loadfile == nil and dofile == nil and package == nil and debug == nil)\n"
        "assert(collectgarbage == nil and setmetatable == nil and getmetatable == nil)\n"
        "assert(rawset == nil and rawget == nil and string.dump == nil and _G == nil)\n"
        "assert(print == nil and coroutine == nil)\n"
        "math.pi = 3  -- a copy: the next file sees the real one\n"
        "return { " MINIMAL " }\n",
        &err);

    ck_assert_msg(s != NULL, "%s", err.message);
    ck_assert_str_eq(s->name, "raw");
    exopk_study_free(s);
}
END_TEST

START_TEST(sandbox_rejects_bytecode)
{
    static const char chunk[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study_buffer(chunk, sizeof chunk - 1, "bin.lua", DATA, NULL,
                                                NULL, &err);

    ck_assert_ptr_null(s);
    ck_assert_str_eq(err.message, "bin.lua: attempt to load a binary chunk (mode is 't')");
}
END_TEST

START_TEST(sandbox_error_objects)
{
    ExopkError err;

    ck_assert_ptr_null(load_raw("error({})\n", &err));
    ck_assert_str_eq(err.message, "raw.lua: error object is a table value");
    ck_assert_ptr_null(load_raw("\n\nerror('no way')\n", &err));
    ck_assert_str_eq(err.message, "raw.lua:3: no way");
    ck_assert_ptr_null(load_raw("return nil\n", &err));
    ck_assert_str_eq(err.message, "raw.lua: must return a table (got nil)");
}
END_TEST

START_TEST(missing_file)
{
    ExopkError err;

    ck_assert_ptr_null(exopk_lua_load_study("/nonexistent/study.lua", DATA, NULL, NULL, &err));
    ck_assert_int_eq(err.code, EXOPK_EIO);
    ck_assert_msg(strncmp(err.message, "/nonexistent/study.lua: cannot open", 35) == 0, "%s",
                  err.message);
}
END_TEST

/* Tables built in code: the line cannot be told. */
START_TEST(no_line_when_built_in_code)
{
    ExopkError err;

    ck_assert_ptr_null(load_raw("local s = { species = 'mose' }\n"
                                "local t = {}\n"
                                "t.subject = s\n"
                                "t['horizon'] = '1 d'\n"
                                "return t\n", &err));
    ck_assert_str_eq(err.message,
                     "raw.lua:1: subject.species: unknown species \"mose\" (did you mean \"mouse\"?)");
    ck_assert_ptr_null(load_raw("local t = { subject = { species = 'mouse' } }\n"
                                "t['hor' .. 'izon'] = (24 * -1) .. ' h'\n"
                                "return t\n", &err));
    ck_assert_str_eq(err.message, "raw.lua: horizon: -24 h is outside 0 .. 87660 h (ten years)");
}
END_TEST

/* A malformed data file is named with its field. */
START_TEST(bad_data_file)
{
    char dir[] = "/tmp/exopk-test-lua-XXXXXX", sub[256], file[300];
    ExopkError err;
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/species", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    snprintf(file, sizeof file, "%s/mouse.lua", sub);
    f = fopen(file, "w");
    ck_assert_ptr_nonnull(f);
    fputs("return {\n"
          "  name = \"mouse\",\n"
          "  body_weight = { 25, \"g\", grade = \"S\" },\n"
          "  plasma_volume_per_kg = { 0.04, \"L/h\", grade = \"M\" },\n"
          "}\n", f);
    fclose(f);
    ck_assert_ptr_null(exopk_lua_load_study_buffer("return { " MINIMAL " }", strlen(
        "return { " MINIMAL " }"), "s.lua", dir, NULL, NULL, &err));
    {
        char want[600];

        snprintf(want, sizeof want, "%s:4: plasma_volume_per_kg: { 0.04, \"L/h\" }: ", file);
        ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    }
    /* A missing field, and a derived one given. */
    f = fopen(file, "w");
    fputs("return { name = \"mouse\", body_weight = { 25, \"g\", grade = \"S\" } }\n", f);
    fclose(f);
    ck_assert_ptr_null(exopk_lua_load_study_buffer("return { " MINIMAL " }", strlen(
        "return { " MINIMAL " }"), "s.lua", dir, NULL, NULL, &err));
    {
        char want[600];

        snprintf(want, sizeof want, "%s: plasma_volume_per_kg: missing (", file);
        ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
    }
    f = fopen(file, "w");
    fputs("return {\n name = \"mouse\",\n body_weight = { 25, \"g\", grade = \"assumed\" } }\n", f);
    fclose(f);
    ck_assert_ptr_null(exopk_lua_load_study_buffer("return { " MINIMAL " }", strlen(
        "return { " MINIMAL " }"), "s.lua", dir, NULL, NULL, &err));
    {
        char want[600];

        snprintf(want, sizeof want,
                 "%s:3: body_weight: range missing (required for an assumed value)", file);
        ck_assert_str_eq(err.message, want);
    }
    remove(file);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

/* The budget covers the data files a study reads, and names the file. */
START_TEST(data_file_over_budget)
{
    char dir[] = "/tmp/exopk-test-lua-XXXXXX", sub[256], file[300], want[600];
    ExopkError err;
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/species", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    snprintf(file, sizeof file, "%s/mouse.lua", sub);
    f = fopen(file, "w");
    ck_assert_ptr_nonnull(f);
    fputs("for i = 1, 1e6 do pcall(string.rep, 'x', 2e7) end\nreturn {}\n", f);
    fclose(f);
    ck_assert_int_eq(exopk_lua_set_load_timeout(0.5, &err), EXOPK_OK);
    ck_assert_ptr_null(exopk_lua_load_study_buffer("return { " MINIMAL " }", strlen(
        "return { " MINIMAL " }"), "s.lua", dir, NULL, NULL, &err));
    snprintf(want, sizeof want, "%s: the data file took more than 0.5 s of CPU time to load "
             "(limit: --load-timeout)", file);
    ck_assert_str_eq(err.message, want);
    remove(file);
    rmdir(sub);
    rmdir(dir);
}
END_TEST

/* The setter refuses nonsense and keeps the budget; a study within it loads. */
START_TEST(load_timeout_setter)
{
    ExopkError err;
    ExopkStudy *s;

    ck_assert_double_eq(exopk_lua_load_timeout(), EXOPK_LUA_LOAD_TIMEOUT);
    ck_assert_int_eq(exopk_lua_set_load_timeout(0, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_lua_set_load_timeout(NAN, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_lua_set_load_timeout(-1, &err), EXOPK_EINVAL);
    ck_assert_double_eq(exopk_lua_load_timeout(), EXOPK_LUA_LOAD_TIMEOUT);
    ck_assert_int_eq(exopk_lua_set_load_timeout(2.5, &err), EXOPK_OK);
    ck_assert_double_eq(exopk_lua_load_timeout(), 2.5);
    /* bounded functions still work within their bounds */
    s = load_raw("local s = ('ab'):rep(1000, ',')\n"
                 "assert(#s == 2999 and s:find('b,a', 1, true) == 2)\n"
                 "assert(select('#', table.unpack({}, 1, 100)) == 100)\n"
                 "local t = table.move({ 1, 2, 3 }, 1, 3, 2, {})\n"
                 "assert(t[4] == 3 and ('x'):rep(0) == '' and ('x'):rep(-5) == '')\n"
                 "assert(('a = 1, b = 2'):gsub('(%w+) = (%w+)', '%2=%1') == '1=a, 2=b')\n"
                 "assert(string.format('%5.2f', 3.14159) == ' 3.14')\n"
                 "return { " MINIMAL " }\n", &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    exopk_study_free(s);
}
END_TEST

/* A CPU-bound loop is cut at the budget, not at the instruction limit. */
START_TEST(budget_is_cpu_time)
{
    ExopkError err;
    double t0, t1;
    struct timespec ts;

    ck_assert_int_eq(exopk_lua_set_load_timeout(0.3, &err), EXOPK_OK);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    t0 = (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
    ck_assert_ptr_null(load_raw("for i = 1, 1e6 do local s = ('x'):rep(2e7) end\n", &err));
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    t1 = (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
    ck_assert_str_eq(err.message, "raw.lua: the study file took more than 0.3 s of CPU time to "
                     "load (limit: --load-timeout)");
    /* one rep(2e7) at most past the budget */
    ck_assert_msg(t1 - t0 >= 0.3 && t1 - t0 < 1.0, "%g s", t1 - t0);
}
END_TEST

/* --- exopk params ------------------------------------------------------------ */

typedef struct {
    int n, n_eff;
    int seen_cl, seen_vmax, seen_ee0, seen_ic50, seen_vp, seen_ec50;
} Rows;

static void
check_row(const ExopkParamRow *r, void *data)
{
    Rows *rows = data;

    rows->n++;
    rows->n_eff += r->has_effective;
    ck_assert_ptr_nonnull(r->path);
    ck_assert_ptr_nonnull(r->unit);
    ck_assert_ptr_nonnull(r->engine_unit);
    ck_assert_ptr_nonnull(r->grade);
    ck_assert_ptr_nonnull(r->flag);
    ck_assert_ptr_nonnull(r->source);
    if (strcmp(r->path, "doxorubicin.cl") == 0) {
        rows->seen_cl = 1;
        ck_assert(close_rel(r->value, 53.3, 1e-12));
        ck_assert_str_eq(r->unit, "L/h");
        ck_assert_str_eq(r->engine_unit, "L/h");
        ck_assert_str_eq(r->grade, "S");
        ck_assert(r->range_lo < r->value && r->value < r->range_hi);
        ck_assert(r->source[0] != '\0');
        ck_assert_int_eq(r->has_effective, 1);
        ck_assert(close_rel(r->effective, 0.1385, 1e-3));
    } else if (strcmp(r->path, "carrier.msc.vmax_mps") == 0) {
        rows->seen_vmax = 1;
        ck_assert_str_eq(r->grade, "derived");
        ck_assert(isnan(r->value));
        ck_assert_int_eq(r->has_effective, 1);
        ck_assert(close_rel(r->effective, 4e12, 1e-9));
    } else if (strcmp(r->path, "doxorubicin.ec50") == 0) {
        rows->seen_ec50 = 1;
        ck_assert_int_eq(r->has_effective, 1);
        ck_assert(r->effective > 1000 && r->effective < 2500);
    } else if (strcmp(r->path, "loading.electroporation.ee0.doxorubicin") == 0) {
        rows->seen_ee0 = 1;
        ck_assert(close_rel(r->engine_value, 0.2, 1e-12));
        ck_assert_int_eq(r->has_effective, 1);
        ck_assert(close_rel(r->effective, 0.2, 1e-12));
    } else if (strcmp(r->path, "tumour.mda_mb_231.ic50.doxorubicin") == 0) {
        rows->seen_ic50 = 1;
        ck_assert_str_eq(r->engine_unit, "nmol/L");
        ck_assert(close_rel(r->engine_value, 300, 1e-9));
    } else if (strcmp(r->path, "species.plasma_volume") == 0) {
        rows->seen_vp = 1;
        ck_assert_int_eq(r->has_effective, 1);
        ck_assert(close_rel(r->effective, 0.001, 1e-9));
    } else if (strcmp(r->path, "carrier.milk.k_pt") == 0) {
        ck_assert_int_eq(r->has_effective, 0);   /* not in the default study */
    }
}

START_TEST(list_params_all)
{
    Rows rows;
    ExopkError err;

    memset(&rows, 0, sizeof rows);
    ck_assert_int_eq(exopk_lua_list_params(DATA, NULL, check_row, &rows, &err), EXOPK_OK);
    ck_assert_int_gt(rows.n, 100);
    ck_assert_int_gt(rows.n_eff, 50);
    ck_assert(rows.seen_cl && rows.seen_vmax && rows.seen_ee0 && rows.seen_ic50 && rows.seen_vp
              && rows.seen_ec50);
}
END_TEST

static void
count_row(const ExopkParamRow *r, void *data)
{
    (*(int *) data)++;
    ck_assert_str_eq(r->path, "carrier.msc.k_pt");
}

START_TEST(list_params_pattern)
{
    int n = 0;
    ExopkError err;

    /* Case-insensitive substring. */
    ck_assert_int_eq(exopk_lua_list_params(DATA, "MSC.K_PT", count_row, &n, &err), EXOPK_OK);
    ck_assert_int_eq(n, 1);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("lua");
    TCase *tc = tcase_create("bad");

    list_bad();
    tcase_add_test(tc, bad_corpus_is_large_enough);
    tcase_add_loop_test(tc, bad_file, 0, n_bad);
    suite_add_tcase(s, tc);

    tc = tcase_create("study");
    tcase_add_test(tc, default_study_values);
    tcase_add_test(tc, params_override_takes_effect);
    tcase_add_test(tc, dose_past_horizon_warns);
    tcase_add_test(tc, weight_units);
    tcase_add_test(tc, formulation_dose_in_cargo_mass);
    tcase_add_test(tc, missing_file);
    tcase_add_test(tc, no_line_when_built_in_code);
    tcase_add_test(tc, bad_data_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("sandbox");
    tcase_add_test(tc, sandbox_allows_the_allow_list);
    tcase_add_test(tc, sandbox_rejects_bytecode);
    tcase_add_test(tc, sandbox_error_objects);
    tcase_add_test(tc, data_file_over_budget);
    tcase_add_test(tc, load_timeout_setter);
    tcase_add_test(tc, budget_is_cpu_time);
    suite_add_tcase(s, tc);

    tc = tcase_create("params");
    tcase_add_test(tc, list_params_all);
    tcase_add_test(tc, list_params_pattern);
    suite_add_tcase(s, tc);
    return s;
}
