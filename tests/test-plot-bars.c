/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sensitivity charts (src/plot/plot-bars.c) of power functions, whose
 * local sensitivities are their exponents exactly (ln y is linear in
 * ln p, so the central difference has no error):
 *   y0 = x0 x1^2 x2^-3          S = 1, 2, -3   rows x2, x1, x0
 *   y1 = x0^-0.5 x1^0.1 x2^0.25  S = -0.5, 0.1, 0.25   rows x0, x2, x1
 * The SVG has one bar (a fill in colour 0) per parameter and metric, plus
 * the key's swatch; its <desc> lists each panel's rows top to bottom. */
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

static const char *const PARAMS[3] = { "x0", "x1", "x2" };
static const char *const METRICS[2] = { "y0", "y1" };
static const char *const UNITS[2] = { "mm3", NULL };
static char dir[64];

static int
powers(const double *x, double *y, int thread, void *data)
{
    (void) thread, (void) data;
    y[0] = x[0] * x[1] * x[1] / (x[2] * x[2] * x[2]);
    y[1] = pow(x[0], -0.5) * pow(x[1], 0.1) * pow(x[2], 0.25);
    return 0;
}

static ExopkSensResult *
analyse(ExopkSensMethod method)
{
    static const double nominal[3] = { 1, 2, 3 }, lower[3] = { 0.5, 1, 2 }, upper[3] = { 2, 4, 5 };
    ExopkSensProblem p = { .method = method, .n_params = 3, .n_outputs = 2, .nominal = nominal,
                           .lower = lower, .upper = upper, .samples = 8, .seed = 1,
                           .f = powers };
    ExopkError err;
    ExopkSensResult *r = exopk_sensitivity(&p, &err);

    ck_assert_msg(r != NULL, "%s", err.message);
    return r;
}

static void
setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/exopk-plot-bars-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
}

static void
teardown(void)
{
    unlink("t.svg");
    rmdir(dir);
}

/* <path>s filled in palette colour @k (cairo: fill="rgb(R%,G%,B%)" or
 * fill:rgb(...)). */
static int
count_fills(const char *svg, size_t k)
{
    double want[3];
    int n = 0;

    exopk_figure_arm_colour(k, want);
    for (const char *p = strstr(svg, "<path"); p != NULL; p = strstr(p + 5, "<path")) {
        const char *end = strchr(p, '>'), *f = strstr(p, "fill");
        double c[3];
        while (f != NULL && f < end && !(f[4] == ':' || (f[4] == '=' && f[5] == '"')))
            f = strstr(f + 4, "fill");
        if (f == NULL || end == NULL || f > end ||
            sscanf(f + (f[4] == ':' ? 5 : 6), "rgb(%lf%%,%lf%%,%lf%%)", &c[0], &c[1], &c[2]) != 3)
            continue;
        n += fabs(c[0] / 100 - want[0]) < 0.005 && fabs(c[1] / 100 - want[1]) < 0.005 &&
             fabs(c[2] / 100 - want[2]) < 0.005;
    }
    return n;
}

START_TEST(local_tornado_sorted_by_size)
{
    ExopkSensResult *r = analyse(EXOPK_SENS_LOCAL);
    ExopkSensChart *ch = exopk_sens_chart_new("powers", EXOPK_SENS_LOCAL, r, PARAMS, 3, METRICS,
                                              UNITS, 2);
    static const size_t rows[2][3] = { { 2, 1, 0 }, { 0, 2, 1 } };
    char *svg;

    ck_assert_ptr_nonnull(ch);
    ck_assert_double_eq_tol(exopk_sens_value(r, 0, 2, EXOPK_SENS_S), -3, 1e-6);
    for (size_t m = 0; m < 2; m++)
        for (size_t i = 0; i < 3; i++)
            ck_assert_uint_eq(exopk_sens_chart_row(ch, m, i), rows[m][i]);
    ck_assert_uint_eq(exopk_sens_chart_row(ch, 2, 0), (size_t) -1);
    ck_assert_int_eq(exopk_sens_chart_write(ch, "t.svg", 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    ck_assert_int_eq(count_fills(svg, 0), 3 * 2 + 1);     /* bars + key */
    ck_assert_int_eq(count_fills(svg, 1), 0);
    ck_assert_ptr_nonnull(strstr(svg, "y0 [mm3]: x2, x1, x0\n"));
    ck_assert_ptr_nonnull(strstr(svg, "y1 [1]: x0, x2, x1\n"));
    ck_assert_ptr_nonnull(strstr(svg, "S = d ln metric / d ln parameter [1]"));
    free(svg);
    exopk_sens_chart_free(ch);
    exopk_sens_result_free(r);
}
END_TEST

/* Morris: a mu* bar and a sigma diamond (colour 1) per row; Sobol: an S1
 * and an ST bar per row, rows by ST. */
START_TEST(morris_and_sobol_marks)
{
    ExopkSensResult *r = analyse(EXOPK_SENS_MORRIS);
    ExopkSensChart *ch = exopk_sens_chart_new("m", EXOPK_SENS_MORRIS, r, PARAMS, 3, METRICS,
                                              UNITS, 2);
    char *svg;

    ck_assert_int_eq(exopk_sens_chart_write(ch, "t.svg", 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    ck_assert_int_eq(count_fills(svg, 0), 6 + 1);
    ck_assert_int_eq(count_fills(svg, 1), 6 + 1);
    for (size_t m = 0; m < 2; m++)
        for (size_t i = 1; i < 3; i++)
            ck_assert_double_ge(
                exopk_sens_value(r, m, exopk_sens_chart_row(ch, m, i - 1), EXOPK_SENS_MU_STAR),
                exopk_sens_value(r, m, exopk_sens_chart_row(ch, m, i), EXOPK_SENS_MU_STAR));
    free(svg);
    exopk_sens_chart_free(ch);
    exopk_sens_result_free(r);

    r = analyse(EXOPK_SENS_SOBOL);
    ch = exopk_sens_chart_new("s", EXOPK_SENS_SOBOL, r, PARAMS, 3, METRICS, UNITS, 2);
    ck_assert_int_eq(exopk_sens_chart_write(ch, "t.svg", 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    ck_assert_int_eq(count_fills(svg, 0), 6 + 1);
    ck_assert_int_eq(count_fills(svg, 1), 6 + 1);
    ck_assert_ptr_nonnull(strstr(svg, "Sobol index [1]"));
    for (size_t m = 0; m < 2; m++)
        for (size_t i = 1; i < 3; i++)
            ck_assert_double_ge(
                exopk_sens_value(r, m, exopk_sens_chart_row(ch, m, i - 1), EXOPK_SENS_ST),
                exopk_sens_value(r, m, exopk_sens_chart_row(ch, m, i), EXOPK_SENS_ST));
    free(svg);
    exopk_sens_chart_free(ch);
    exopk_sens_result_free(r);
}
END_TEST

START_TEST(unknown_extension)
{
    ExopkSensResult *r = analyse(EXOPK_SENS_LOCAL);
    ExopkSensChart *ch = exopk_sens_chart_new("p", EXOPK_SENS_LOCAL, r, PARAMS, 3, METRICS,
                                              NULL, 2);
    ExopkError err;

    ck_assert_int_eq(exopk_sens_chart_write(ch, "t.jpg", 0, 0, &err), EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "use .png, .svg or .pdf"));
    ck_assert_int_ne(access("t.jpg", F_OK), 0);
    exopk_sens_chart_free(ch);
    exopk_sens_result_free(r);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("plot-bars");
    TCase *tc = tcase_create("bars");

    atexit(exopk_plot_shutdown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, local_tornado_sorted_by_size);
    tcase_add_test(tc, morris_and_sobol_marks);
    tcase_add_test(tc, unknown_extension);
    suite_add_tcase(s, tc);
    return s;
}
