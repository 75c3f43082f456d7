/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observed data (include/exopk/observed.h): the long CSV and the NONMEM
 * readers, every error with its exact message, units converted by values
 * worked out by hand, below-LLOQ rows, NONMEM dose expansion, matching
 * against a run and the predictions a fitter uses. */
#define _DEFAULT_SOURCE        /* mkdtemp */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "exopk/exopk.h"
#include "fixture.h"

#define N(a) (sizeof (a) / sizeof *(a))
#define REL(a, b) (fabs((a) - (b)) / fabs(b))

/* Each test runs in a fresh directory so messages name a bare "d.csv". */
static void
enter_tmp_dir(void)
{
    static char dir[64];

    snprintf(dir, sizeof dir, "/tmp/exopk-observed-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static ExopkObserved *
read_csv(const char *text, const ExopkStudy *s)
{
    ExopkError err;
    ExopkObserved *obs;

    write_file("d.csv", text);
    obs = exopk_observed_read("d.csv", s, &err);
    ck_assert_msg(obs != NULL, "%s", err.message);
    return obs;
}

static long
arm_index(const ExopkStudy *s, const char *name)
{
    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, name) == 0)
            return (long) a;
    ck_abort_msg("no arm %s", name);
    return -1;
}

/* --- the long CSV ------------------------------------------------------------ */

START_TEST(csv_reads_rows_and_times)
{
    ExopkStudy *s = fixture_default_study();
    ExopkObserved *obs;
    const ExopkObservation *o;

    enter_tmp_dir();
    obs = read_csv("\xef\xbb\xbf# a comment (after a byte-order mark)\n"
                   "arm, time [d], name, value [mm3], id, weight\n"
                   "\n"
                   "control, 1.5, tumour_volume, 120, m1, 2\n"
                   "exodox,0,tumour_volume,90,,\n", s);
    ck_assert_uint_eq(exopk_observed_n(obs), 2);
    o = exopk_observed_get(obs, 0);
    ck_assert_str_eq(o->arm, "control");
    ck_assert_str_eq(o->name, "tumour_volume");
    ck_assert_str_eq(o->id, "m1");
    ck_assert_double_eq(o->time, 36.0);            /* 1.5 d */
    ck_assert_double_eq(o->weight, 2.0);
    ck_assert_int_eq(o->line, 4);
    ck_assert_int_eq(o->below_lloq, 0);
    o = exopk_observed_get(obs, 1);
    ck_assert_str_eq(o->id, "");
    ck_assert_double_eq(o->weight, 1.0);
    ck_assert_int_eq(o->line, 5);
    ck_assert_int_eq(exopk_observed_has_arm(obs, "exodox"), 1);
    ck_assert_int_eq(exopk_observed_has_arm(obs, "free_dox"), 0);
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

/* ng/mL of doxorubicin (543.52 g/mol) to nmol/L: 54.352 ng/mL = 54.352e-6 g/L
 * = 1e-7 mol/L = 100 nmol/L; 0.25 uM = 250 nmol/L; 0.1 cm3 = 100 mm3;
 * 0.02 (a bare fraction, unit "1") = 2 %. */
START_TEST(csv_units_converted)
{
    ExopkStudy *s = fixture_default_study();
    long arm = arm_index(s, "exodox");
    ExopkResult *res;
    ExopkObserved *obs;
    ExopkObsMatch *m;
    const ExopkObsPoint *p;
    ExopkError err;

    enter_tmp_dir();
    obs = read_csv("arm,time [h],name,value,unit,sd,lloq\n"
                   "exodox,1,doxorubicin.plasma,54.352,ng/mL,5.4352,\n"
                   "exodox,2,doxorubicin.plasma,0.25,uM,,\n"
                   "exodox,3,tumour_volume,0.1,cm3,0.01,\n"
                   "exodox,4,plasma_particles_pct_id,0.02,1,,\n"
                   "exodox,5,doxorubicin.plasma,BLQ,ng/mL,,2.7176\n"
                   "exodox,6,doxorubicin.plasma,1,ng/mL,,2.7176\n"
                   "exodox,,particles_given,2e11,particles,,\n"
                   "exodox,7,tumour_volume,120,,,\n", s);
    res = exopk_simulate(s, (size_t) arm, NULL, &err);
    ck_assert_msg(res != NULL, "%s", err.message);
    m = exopk_obs_match_new(obs, s, (size_t) arm, res, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    ck_assert_uint_eq(exopk_obs_match_n(m), 8);
    p = exopk_obs_match_points(m);
    ck_assert_double_le(REL(p[0].value, 100.0), 1e-12);
    ck_assert_double_le(REL(p[0].sd, 10.0), 1e-12);
    ck_assert(isnan(p[0].lloq));
    ck_assert_double_le(REL(p[1].value, 250.0), 1e-12);
    ck_assert(isnan(p[1].sd));
    ck_assert_double_le(REL(p[2].value, 100.0), 1e-12);
    ck_assert_double_le(REL(p[2].sd, 10.0), 1e-12);
    ck_assert_double_le(REL(p[3].value, 2.0), 1e-12);
    /* below the limit: plotted and fitted at the LLOQ, 2.7176 ng/mL = 5 nmol/L */
    ck_assert_int_eq(p[4].row->below_lloq, 1);
    ck_assert_double_le(REL(p[4].value, 5.0), 1e-12);
    ck_assert_double_le(REL(p[4].lloq, 5.0), 1e-12);
    ck_assert_int_eq(p[5].row->below_lloq, 1);     /* a number under its lloq */
    ck_assert_double_le(REL(p[5].value, 5.0), 1e-12);
    ck_assert_int_eq(p[6].series, -1);             /* a metric */
    ck_assert(isnan(p[6].time));
    ck_assert_double_le(REL(p[6].value, 2e11), 1e-12);
    ck_assert_double_eq(p[7].value, 120.0);        /* no unit: the output's own */
    ck_assert_int_eq(p[7].series, exopk_result_find_series(res, "tumour_volume"));
    exopk_obs_match_free(m);
    exopk_result_free(res);
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

/* Predictions: a series on its rows is the row's value; between rows the
 * straight line through the two; a metric is its value. */
START_TEST(match_predicts_by_interpolation)
{
    ExopkStudy *s = fixture_default_study();
    long arm = arm_index(s, "control");
    ExopkResult *res;
    ExopkObserved *obs;
    ExopkObsMatch **all;
    ExopkError err;
    const double *t, *v;
    double pred[3], final;
    long col;

    enter_tmp_dir();
    obs = read_csv("arm,time [h],name,value\n"
                   "control,24,tumour_volume,1\n"
                   "control,24.25,tumour_volume,1\n"
                   "control,,tumour_volume_final,1\n", s);
    res = exopk_simulate(s, (size_t) arm, NULL, &err);
    ck_assert_msg(res != NULL, "%s", err.message);
    {
        ExopkResult *results[3] = { NULL, NULL, NULL };
        results[arm] = res;
        all = exopk_obs_match_arms(obs, s, results, &err);
        ck_assert_msg(all != NULL, "%s", err.message);
        for (size_t a = 0; a < s->n_arms; a++)
            ck_assert((all[a] != NULL) == ((long) a == arm));
    }
    ck_assert_int_eq(exopk_obs_match_predict(all[arm], res, pred), 0);
    col = exopk_result_find_series(res, "tumour_volume");
    t = exopk_result_times(res);
    v = exopk_result_series(res, (size_t) col);
    ck_assert_double_eq(t[24], 24.0);              /* the hourly grid, no dose */
    ck_assert_double_eq(t[25], 25.0);
    ck_assert_double_eq(pred[0], v[24]);
    ck_assert_double_le(fabs(pred[1] - (0.75 * v[24] + 0.25 * v[25])), 1e-12 * v[24]);
    ck_assert_int_eq(exopk_result_metric(res, "tumour_volume_final", &final), 0);
    ck_assert_double_eq(pred[2], final);
    exopk_obs_match_arms_free(all, s->n_arms);
    exopk_result_free(res);
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

/* A run whose columns differ from the matched one (exodox has vesicle
 * columns, control none): tumour_volume is found by name again, and a
 * series the run lacks is NAN with status -1. */
START_TEST(match_predict_other_columns)
{
    ExopkStudy *s = fixture_default_study();
    long exo = arm_index(s, "exodox"), ctl = arm_index(s, "control");
    ExopkResult *re, *rc;
    ExopkObserved *obs;
    ExopkObsMatch *m;
    ExopkError err;
    double pred[2];
    long col;

    enter_tmp_dir();
    obs = read_csv("arm,time [h],name,value\n"
                   "exodox,24,tumour_volume,1\n"
                   "exodox,24,plasma_particles,1\n", s);
    re = exopk_simulate(s, (size_t) exo, NULL, &err);
    rc = exopk_simulate(s, (size_t) ctl, NULL, &err);
    ck_assert_ptr_nonnull(re);
    ck_assert_ptr_nonnull(rc);
    m = exopk_obs_match_new(obs, s, (size_t) exo, re, &err);
    ck_assert_msg(m != NULL, "%s", err.message);
    col = exopk_result_find_series(rc, "tumour_volume");
    ck_assert_int_ne(col, exopk_obs_match_points(m)[0].series);
    ck_assert_int_eq(exopk_obs_match_predict(m, rc, pred), -1);
    ck_assert_double_eq(exopk_result_times(rc)[24], 24.0);
    ck_assert_double_eq(pred[0], exopk_result_series(rc, (size_t) col)[24]);
    ck_assert(isnan(pred[1]));
    exopk_obs_match_free(m);
    exopk_result_free(re);
    exopk_result_free(rc);
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

/* Bad files: each with its exact message (file, line, column). */
static const struct {
    const char *text, *message;
} bad_csv[] = {
    { "", "d.csv: empty (expected a header: arm,time,name,value)" },
    { "arm,time,name\ncontrol,1,tumour_volume\n",
      "d.csv:1: missing column \"value\" (the header needs arm, time, name, value)" },
    { "arm,time,name,valeu\n",
      "d.csv:1: unknown column \"valeu\" (did you mean \"value\"?)" },
    { "arm,time,name,value,value\n", "d.csv:1: column \"value\" appears twice" },
    { "arm;time;name;value\n",
      "d.csv:1: unknown column \"arm;time;name;value\" (cells are separated by commas)" },
    { "arm,time [mg],name,value\n", "d.csv:1: time: \"mg\" is not a unit of time" },
    { "arm,time,name,value [nmoll]\n",
      "d.csv:1: value: unknown unit \"nmoll\" (did you mean \"nmol\"?)" },
    { "arm [x],time,name,value\n",
      "d.csv:1: arm: takes no unit (units go on time and value, or in a unit column)" },
    { "arm,time,name,value [mm3\n", "d.csv:1: value [mm3: a unit is written \"name [unit]\"" },
    { "arm,time,name,value\n", "d.csv: no observations after the header" },
    { "arm,time,name,value\ncontrol,1,tumour_volume\n", "d.csv:2: 3 cells, the header has 4" },
    { "arm,time,name,value\ncontrol,-1,tumour_volume,5\n", "d.csv:2: time: -1 is negative" },
    { "arm,time,name,value\ncontrol,1 d,tumour_volume,5\n",
      "d.csv:2: time: expected a number, got \"1 d\"" },
    { "arm,time,name,value\ncontrol,1,tumour_volume,abc\n",
      "d.csv:2: value: expected a number, got \"abc\"" },
    { "arm,time,name,value\ncontrol,1,tumour_volume,\n",
      "d.csv:2: value: empty without an lloq (give a number, or the lloq of a row below the "
      "limit)" },
    { "arm,time,name,value\ncontrol,1,tumour_volume,BLQ\n",
      "d.csv:2: value: BLQ without an lloq (give a number, or the lloq of a row below the "
      "limit)" },
    { "arm,time,name,value\n,1,tumour_volume,5\n", "d.csv:2: arm: empty" },
    { "arm,time,name,value\ncontrol,1,,5\n", "d.csv:2: name: empty (an output series or metric)" },
    { "arm,time,name,value\ncontrl,1,tumour_volume,5\n",
      "d.csv:2: arm: the study has no arm \"contrl\" (did you mean \"control\"?)" },
    { "arm,time,name,value,sd\ncontrol,1,tumour_volume,5,-2\n", "d.csv:2: sd: -2 is negative" },
    { "arm,time,name,value,lloq\ncontrol,1,tumour_volume,5,x\n",
      "d.csv:2: lloq: expected a number, got \"x\"" },
    { "arm,time,name,value,weight\ncontrol,1,tumour_volume,5,0\n",
      "d.csv:2: weight: 0 is not positive" },
    { "arm,time,name,value,unit\ncontrol,1,tumour_volume,5,mm4x\n",
      "d.csv:2: unit: unknown unit \"mm4x\" (did you mean \"mmol\"?)" },
    { "arm,time,name,value [mm3],unit\ncontrol,1,tumour_volume,5,mm3\n",
      "d.csv:2: unit: the header already gives value a unit (mm3); give it in one place" },
    { "arm,time,name,value\ncontrol,1,tumour_volume,5\0\n",
      "d.csv: not a text file (contains a NUL byte)" },
};

START_TEST(csv_bad)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    FILE *f;

    enter_tmp_dir();
    f = fopen("d.csv", "w");
    ck_assert_ptr_nonnull(f);
    /* the NUL case: write through the first NUL too */
    fwrite(bad_csv[_i].text, 1, strlen(bad_csv[_i].text) + (strstr(bad_csv[_i].message, "NUL")
                                                             ? 2 : 0), f);
    fclose(f);
    ck_assert_ptr_null(exopk_observed_read("d.csv", s, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_str_eq(err.message, bad_csv[_i].message);
    exopk_study_free(s);
}
END_TEST

START_TEST(csv_missing_file)
{
    ExopkError err;

    enter_tmp_dir();
    ck_assert_ptr_null(exopk_observed_read("none.csv", NULL, &err));
    ck_assert_int_eq(err.code, EXOPK_EIO);
    ck_assert_str_eq(err.message, "none.csv: cannot open: No such file or directory");
    /* a directory, a device: never read (a FIFO would block) */
    ck_assert_ptr_null(exopk_observed_read("/dev/zero", NULL, &err));
    ck_assert_str_eq(err.message, "/dev/zero: not a regular file");
    ck_assert_ptr_null(exopk_observed_read(".", NULL, &err));
    ck_assert_str_eq(err.message, ".: not a regular file");
}
END_TEST

/* Errors only a run can tell: names and units against the outputs. */
static const struct {
    const char *row, *message;
} bad_match[] = {
    { "exodox,1,doxorubicin.plasm,5,nmol/L",
      "d.csv:2: name: arm exodox has no output series or metric \"doxorubicin.plasm\" "
      "(did you mean \"doxorubicin.plasma\"?)" },
    { "exodox,1,doxorubicin.plasma,5,mg",
      "d.csv:2: unit: unit \"mg\" does not fit doxorubicin.plasma, which is in nmol/L" },
    { "exodox,1,tumour_volume,5,nmol/L",
      "d.csv:2: unit: unit \"nmol/L\" does not fit tumour_volume, which is in mm3" },
    { "exodox,,tumour_volume,5,mm3", "d.csv:2: time: empty (tumour_volume is a time series)" },
    { "exodox,700,tumour_volume,5,mm3", "d.csv:2: time: 700 h is after the horizon (672 h)" },
};

START_TEST(match_bad)
{
    ExopkStudy *s = fixture_default_study();
    long arm = arm_index(s, "exodox");
    char text[300];
    ExopkObserved *obs;
    ExopkResult *res;
    ExopkError err;

    enter_tmp_dir();
    snprintf(text, sizeof text, "arm,time [h],name,value,unit\n%s\n", bad_match[_i].row);
    obs = read_csv(text, s);
    res = exopk_simulate(s, (size_t) arm, NULL, &err);
    ck_assert_msg(res != NULL, "%s", err.message);
    ck_assert_ptr_null(exopk_obs_match_new(obs, s, (size_t) arm, res, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_str_eq(err.message, bad_match[_i].message);
    exopk_result_free(res);
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

/* --- NONMEM ------------------------------------------------------------------ */

static const ExopkNonmemCmt CMTS[] = {
    { .cmt = 1, .give = "exodox", .amt_unit = "particles" },
    { .cmt = 2, .output = "doxorubicin.plasma", .dv_unit = "ng/mL" },
    { .cmt = 3, .give = "doxorubicin", .amt_unit = "mg/kg" },
};
static const ExopkNonmemMap MAP = { .time_unit = "d", .arm = "exodox", .n_cmt = N(CMTS),
                                    .cmt = CMTS };

static ExopkObserved *
read_nonmem(const char *text, const ExopkStudy *s, const ExopkNonmemMap *map, ExopkError *err)
{
    write_file("n.csv", text);
    return exopk_observed_read_nonmem("n.csv", map, s, err);
}

/* II 3 d with ADDL 4: five doses 72 h apart; RATE: an infusion of AMT/RATE;
 * 5 mg/kg of the hydrochloride (579.99 g/mol) in a 25 g mouse is
 * 0.125 mg / 579.99 g/mol = 215.52 nmol. */
START_TEST(nonmem_doses_and_observations)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkObserved *obs;
    const ExopkDosingLine *lines;
    size_t n;
    int arm;

    enter_tmp_dir();
    obs = read_nonmem("ID,TIME,AMT,DV,EVID,CMT,MDV,II,ADDL,RATE,SEX\n"
                      "1,0,2e11,.,1,1,1,3,4,.,F\n"
                      "1,1,5,.,1,3,1,0,0,10,F\n"
                      "1,0.5,.,54.352,0,2,0,.,.,.,F\n"
                      "1,0.75,.,.,0,2,1,.,.,.,F\n"
                      "2,0,2e11,.,1,1,1,3,4,.,M\n"
                      "2,1,5,.,1,3,1,0,0,10,M\n"
                      "2,2,.,27.176,0,2,0,.,.,.,M\n", s, &MAP, &err);
    ck_assert_msg(obs != NULL, "%s", err.message);
    lines = exopk_observed_arm_lines(obs, "exodox", &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(lines[0].dose.formulation, 0);
    ck_assert_int_eq(lines[0].dose.unit, EXOPK_DOSE_PARTICLES);
    ck_assert_double_eq(lines[0].dose.amount, 2e11);
    ck_assert_double_eq(lines[0].dose.time, 0);
    ck_assert_double_eq(lines[0].every, 72);
    ck_assert_int_eq(lines[0].count, 5);
    ck_assert_int_eq(lines[1].dose.formulation, -1);
    ck_assert_int_eq(lines[1].dose.unit, EXOPK_DOSE_NMOL);
    ck_assert_double_le(REL(lines[1].dose.amount, 0.125e-3 / 579.99 * 1e9), 1e-12);
    ck_assert_double_eq(lines[1].dose.time, 24);
    ck_assert_double_eq(lines[1].dose.duration, 12);    /* 5 / 10 per d = 0.5 d */
    ck_assert_int_eq(lines[1].count, 1);
    /* the lines expand to the right dose times */
    arm = exopk_study_add_arm_lines(s, "from_nonmem", lines, n);
    ck_assert_int_ge(arm, 0);
    {
        static const double want[] = { 0, 24, 72, 144, 216, 288 };
        const ExopkArm *a = &s->arms[arm];
        ck_assert_uint_eq(a->n_doses, N(want));
        for (size_t i = 0; i < N(want); i++)
            ck_assert_double_eq(a->doses[i].time, want[i]);
    }
    /* observations: the two DV rows with MDV 0, in h */
    ck_assert_uint_eq(exopk_observed_n(obs), 2);
    ck_assert_double_eq(exopk_observed_get(obs, 0)->time, 12);
    ck_assert_str_eq(exopk_observed_get(obs, 0)->name, "doxorubicin.plasma");
    ck_assert_str_eq(exopk_observed_get(obs, 1)->id, "2");
    ck_assert_int_eq(exopk_observed_get(obs, 1)->line, 8);
    {
        long ex = arm_index(s, "exodox");
        ExopkResult *res = exopk_simulate(s, (size_t) ex, NULL, &err);
        ExopkObsMatch *m = exopk_obs_match_new(obs, s, (size_t) ex, res, &err);
        ck_assert_msg(m != NULL, "%s", err.message);
        ck_assert_double_le(REL(exopk_obs_match_points(m)[0].value, 100.0), 1e-12);
        ck_assert_double_le(REL(exopk_obs_match_points(m)[1].value, 50.0), 1e-12);
        exopk_obs_match_free(m);
        exopk_result_free(res);
    }
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

START_TEST(nonmem_arm_column)
{
    ExopkStudy *s = fixture_default_study();
    ExopkNonmemMap map = MAP;
    ExopkError err;
    ExopkObserved *obs;
    size_t n;

    enter_tmp_dir();
    map.arm = NULL;
    obs = read_nonmem("ID,ARM,TIME,AMT,DV,CMT\n"
                      "1,free_dox,0,5,0,3\n"
                      "2,exodox,0,2e11,0,1\n"
                      "2,exodox,1,0,54.352,2\n", s, &map, &err);
    ck_assert_msg(obs != NULL, "%s", err.message);
    ck_assert_ptr_nonnull(exopk_observed_arm_lines(obs, "free_dox", &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_nonnull(exopk_observed_arm_lines(obs, "exodox", &n));
    ck_assert_uint_eq(n, 1);
    ck_assert_ptr_null(exopk_observed_arm_lines(obs, "control", &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(exopk_observed_n(obs), 1);
    ck_assert_str_eq(exopk_observed_get(obs, 0)->arm, "exodox");
    exopk_observed_free(obs);
    exopk_study_free(s);
}
END_TEST

static const struct {
    const char *text, *message;
} bad_nonmem[] = {
    { "ID,TIME,AMT,DV\n",
      "n.csv:1: missing column \"CMT\" (a NONMEM dataset needs ID, TIME, AMT, DV, CMT)" },
    { "ID,TIME,AMT,DV,CMT\n1,0,5,.,4\n",
      "n.csv:2: CMT: a dose into CMT 4, which the map gives no formulation" },
    { "ID,TIME,AMT,DV,CMT\n1,0,0,3,1\n",
      "n.csv:2: CMT: an observation in CMT 1, which the map gives no output" },
    { "ID,TIME,AMT,DV,CMT\n1,-1,0,3,2\n", "n.csv:2: TIME: -1 is negative" },
    { "ID,TIME,AMT,DV,CMT\n1,1,0,abc,2\n", "n.csv:2: DV: expected a number, got \"abc\"" },
    { "ID,TIME,AMT,DV,CMT,ADDL\n1,0,2e11,.,1,2\n",
      "n.csv:2: II: ADDL 2 needs a positive dosing interval II" },
    { "ID,TIME,AMT,DV,CMT,RATE\n1,0,5,.,3,-2\n",
      "n.csv:2: RATE: -2: modelled rates (-1, -2) are not supported; give the rate" },
    { "ID,TIME,AMT,DV,CMT\n1,0,2e11,.,1\n2,0,3e11,.,1\n",
      "n.csv:3: ID 2 is dosed differently from ID 1 of arm exodox (exopk simulates one typical "
      "subject per arm)" },
    { "ID,TIME,AMT,DV,CMT,EVID\n1,0,2e11,.,1,4\n",
      "n.csv:2: EVID: 4 (reset and dose) is not supported" },
    { "ID,TIME,AMT,DV,CMT\n1,0,5,.,5\n",
      "n.csv:2: CMT: 5 doses \"exodx\", which is no formulation or agent of the study "
      "(did you mean \"exodox\"?)" },
    { "ID,TIME,AMT,DV,CMT\n1,0,5,.,6\n",
      "n.csv:2: AMT: \"5 particles\": a free agent is dosed as a mass or an amount, not particles" },
};

START_TEST(nonmem_bad)
{
    static const ExopkNonmemCmt cmts[] = {
        { .cmt = 1, .give = "exodox", .amt_unit = "particles" },
        { .cmt = 2, .output = "doxorubicin.plasma", .dv_unit = "ng/mL" },
        { .cmt = 3, .give = "doxorubicin", .amt_unit = "mg/kg" },
        { .cmt = 5, .give = "exodx", .amt_unit = "particles" },
        { .cmt = 6, .give = "doxorubicin", .amt_unit = "particles" },
    };
    ExopkNonmemMap map = { .arm = "exodox", .n_cmt = N(cmts), .cmt = cmts };
    ExopkStudy *s = fixture_default_study();
    ExopkError err;

    enter_tmp_dir();
    ck_assert_ptr_null(read_nonmem(bad_nonmem[_i].text, s, &map, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_str_eq(err.message, bad_nonmem[_i].message);
    exopk_study_free(s);
}
END_TEST

START_TEST(nonmem_unknown_arm)
{
    ExopkStudy *s = fixture_default_study();
    ExopkNonmemMap map = MAP;
    ExopkError err;

    enter_tmp_dir();
    map.arm = "exodoxx";
    ck_assert_ptr_null(read_nonmem("ID,TIME,AMT,DV,CMT\n1,0,2e11,.,1\n", s, &map, &err));
    ck_assert_str_eq(err.message,
                     "n.csv:2: arm: the study has no arm \"exodoxx\" (did you mean \"exodox\"?)");
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("observed");
    TCase *tc = tcase_create("csv");

    tcase_add_test(tc, csv_reads_rows_and_times);
    tcase_add_test(tc, csv_units_converted);
    tcase_add_loop_test(tc, csv_bad, 0, N(bad_csv));
    tcase_add_test(tc, csv_missing_file);
    suite_add_tcase(s, tc);

    tc = tcase_create("match");
    tcase_add_test(tc, match_predicts_by_interpolation);
    tcase_add_test(tc, match_predict_other_columns);
    tcase_add_loop_test(tc, match_bad, 0, N(bad_match));
    suite_add_tcase(s, tc);

    tc = tcase_create("nonmem");
    tcase_add_test(tc, nonmem_doses_and_observations);
    tcase_add_test(tc, nonmem_arm_column);
    tcase_add_loop_test(tc, nonmem_bad, 0, N(bad_nonmem));
    tcase_add_test(tc, nonmem_unknown_arm);
    suite_add_tcase(s, tc);
    return s;
}
