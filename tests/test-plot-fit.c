/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The goodness-of-fit chart (src/plot/plot-fit.c) of a fit of the free
 * DOX clearance to its own plasma curve at 1, 2, 4 and 8 h (times 1.05
 * and 0.95 in turn) and one row at 24 h below an LLOQ of 10^6 nmol/L.
 * The SVG has, in colour 0 (the one name): a filled point per quantified
 * row in the observed-vs-predicted panel and in the residual panel (4 +
 * 4), and the below-LLOQ row once, as an open marker (a white fill and
 * one stroke in colour 0) with no residual. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exopk/exopk.h"
#include "fixture.h"
#include "plot.h"

static char dir[64];

static void
setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/exopk-plot-fit-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
}

static void
teardown(void)
{
    unlink("t.svg");
    unlink("d.csv");
    rmdir(dir);
}

/* Occurrences of "WHAT:rgb(...)" of palette colour 0 (Okabe-Ito blue,
 * 0 114 178) as cairo writes it. */
static int
count_colour(const char *svg, const char *what)
{
    char needle[96];
    int n = 0;

    snprintf(needle, sizeof needle, "%s:rgb(0%%,44.705882%%,69.803922%%)", what);
    for (const char *p = strstr(svg, needle); p != NULL; p = strstr(p + 1, needle))
        n++;
    return n;
}

static ExopkFitResult *
fit_plasma(ExopkStudy *s)
{
    static const double times[4] = { 1, 2, 4, 8 };
    ExopkError err;
    ExopkResult *res = exopk_simulate(s, 1, NULL, &err);
    ExopkFitParam par = { "doxorubicin.cl", NAN, NAN, NAN, NAN, NAN };
    ExopkFitProblem p = { .n_params = 1, .params = &par };
    long col = exopk_result_find_series(res, "doxorubicin.plasma");
    FILE *f = fopen("d.csv", "w");
    ExopkObserved *obs;
    ExopkFitResult *r;

    ck_assert_str_eq(exopk_result_arm(res), "free_dox");
    ck_assert_int_ge(col, 0);
    fputs("arm,time [h],name,value [nmol/L],lloq\n", f);
    for (int i = 0; i < 4; i++)
        for (size_t k = 0; k < exopk_result_n_times(res); k++)
            if (exopk_result_times(res)[k] == times[i])
                fprintf(f, "free_dox,%g,doxorubicin.plasma,%.10g,\n", times[i],
                        exopk_result_series(res, (size_t) col)[k] * (i % 2 ? 0.95 : 1.05));
    fputs("free_dox,24,doxorubicin.plasma,BLQ,1e6\n", f);
    ck_assert_int_eq(fclose(f), 0);
    obs = exopk_observed_read("d.csv", s, &err);
    ck_assert_msg(obs != NULL, "%s", err.message);
    r = exopk_fit(s, obs, &p, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_uint_eq(exopk_fit_n_residuals(r), 5);
    exopk_observed_free(obs);
    exopk_result_free(res);
    return r;
}

START_TEST(points_per_panel_and_open_lloq)
{
    static const char *const names[1] = { "doxorubicin.plasma" }, *const units[1] = { "nmol/L" };
    ExopkStudy *s = fixture_default_study();
    ExopkFitResult *r = fit_plasma(s);
    ExopkFitChart *ch = exopk_fit_chart_new("fit", r, names, units, 1);
    char *svg;

    ck_assert_ptr_nonnull(ch);
    ck_assert_uint_eq(exopk_fit_chart_n_panels(ch), 2);
    ck_assert_int_eq(exopk_fit_chart_write(ch, "t.svg", 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    ck_assert_int_eq(count_colour(svg, "fill"), 4 + 4);
    ck_assert_int_eq(count_colour(svg, "stroke"), 1);
    ck_assert_ptr_nonnull(strstr(svg, "doxorubicin.plasma observed [nmol/L] against predicted "
                                      "[nmol/L], identity line\n"));
    free(svg);
    exopk_fit_chart_free(ch);
    exopk_fit_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* With the model's curve of free_dox: a time-course panel first, where
 * the four quantified rows are filled points of the arm (colour 0) and
 * the below-LLOQ row an open one, the curve one stroke and the arm's key
 * one more fill (text): 4 + 4 + 4 + 1 fills, 1 + 1 + 1 strokes.  A curve
 * of an arm or a name without data is refused. */
START_TEST(time_course_with_curve)
{
    static const char *const names[1] = { "doxorubicin.plasma" }, *const units[1] = { "nmol/L" };
    ExopkStudy *s = fixture_default_study();
    ExopkFitResult *r = fit_plasma(s);
    ExopkFitChart *ch = exopk_fit_chart_new("fit", r, names, units, 1);
    ExopkResult *res = exopk_simulate(s, 1, NULL, NULL);
    long col = exopk_result_find_series(res, "doxorubicin.plasma");
    const double *t = exopk_result_times(res), *y = exopk_result_series(res, (size_t) col);
    size_t n = exopk_result_n_times(res);
    char *svg;

    ck_assert_int_eq(exopk_fit_chart_add_curve(ch, "exodox", names[0], t, y, n), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_fit_chart_add_curve(ch, "free_dox", "tumour_volume", t, y, n),
                     EXOPK_EINVAL);
    ck_assert_uint_eq(exopk_fit_chart_n_panels(ch), 2);
    ck_assert_int_eq(exopk_fit_chart_add_curve(ch, "free_dox", names[0], t, y, n), EXOPK_OK);
    ck_assert_uint_eq(exopk_fit_chart_n_panels(ch), 3);
    ck_assert_int_eq(exopk_fit_chart_write(ch, "t.svg", 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    ck_assert_int_eq(count_colour(svg, "fill"), 4 + 4 + 4 + 1);
    ck_assert_int_eq(count_colour(svg, "stroke"), 1 + 1 + 1);
    ck_assert_ptr_nonnull(strstr(svg, "doxorubicin.plasma [nmol/L] against time: observed and "
                                      "the fitted model of each arm\n"));
    free(svg);
    exopk_result_free(res);
    exopk_fit_chart_free(ch);
    exopk_fit_result_free(r);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("plot-fit");
    TCase *tc = tcase_create("fit");

    atexit(exopk_plot_shutdown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, points_per_panel_and_open_lloq);
    tcase_add_test(tc, time_course_with_curve);
    suite_add_tcase(s, tc);
    return s;
}
