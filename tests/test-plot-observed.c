/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observed data over a figure (src/plot/plot-observed.c), headless: what
 * the SVG draws in each arm's colour.  A point is a fill in its arm's
 * colour, its sd error bar one stroke; a row below the LLOQ is an open
 * marker: a white fill and one stroke in the arm's colour.  Besides them
 * each arm has its line (one stroke) and its legend swatch (one fill) --
 * see tests/test-plot.c for how cairo writes colours into the SVG. */
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

#define N_ARMS 3

static ExopkStudy *study;
static ExopkResult *res[N_ARMS];
static ExopkObserved *obs;
static ExopkObsMatch **matches;
static char dir[64];

static void
setup(void)
{
    ExopkError err;
    FILE *f;

    study = fixture_default_study();
    ck_assert_uint_eq(study->n_arms, N_ARMS);
    for (size_t a = 0; a < N_ARMS; a++) {
        res[a] = exopk_simulate(study, a, NULL, &err);
        ck_assert_msg(res[a] != NULL, "%s", err.message);
    }
    snprintf(dir, sizeof dir, "/tmp/exopk-plot-observed-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
    f = fopen("d.csv", "w");
    ck_assert_ptr_nonnull(f);
    /* control (colour 0): 3 points with sd; free_dox (1): 1 without sd and
     * one far above the lines; exodox (2): 2 below the LLOQ; a plasma row
     * that the tumour panel does not show */
    fputs("arm,time [h],name,value [mm3],sd,lloq\n"
          "control,24,tumour_volume,100,10,\n"
          "control,48,tumour_volume,110,10,\n"
          "control,72,tumour_volume,120,10,\n"
          "free_dox,24,tumour_volume,100,,\n"
          "free_dox,600,tumour_volume,5000,,\n"
          "exodox,24,tumour_volume,,,50\n"
          "exodox,48,tumour_volume,BLQ,,50\n", f);
    ck_assert_int_eq(fclose(f), 0);
    obs = exopk_observed_read("d.csv", study, &err);
    ck_assert_msg(obs != NULL, "%s", err.message);
    matches = exopk_obs_match_arms(obs, study, res, &err);
    ck_assert_msg(matches != NULL, "%s", err.message);
}

static void
teardown(void)
{
    exopk_obs_match_arms_free(matches, N_ARMS);
    exopk_observed_free(obs);
    for (size_t a = 0; a < N_ARMS; a++)
        exopk_result_free(res[a]);
    exopk_study_free(study);
    unlink("t.svg");
    unlink("d.csv");
    rmdir(dir);
}

/* The @what ("stroke" or "fill") colour of the <path> from @p to @end. */
static int
path_colour(const char *what, const char *p, const char *end, double c[3])
{
    size_t n = strlen(what);

    for (const char *s = p; (s = strstr(s, what)) != NULL && s < end; s += n) {
        const char *v = s + n;
        if (*v == ':')
            v++;
        else if (v[0] == '=' && v[1] == '"')
            v += 2;
        else
            continue;                /* stroke-width, fill-rule and the like */
        return fixture_parse_rgb(v, c);
    }
    return 0;
}

/* <path>s with a @what colour of each arm colour 0..N_ARMS-1 into @count. */
static void
count_paths(const char *svg, const char *what, int *count)
{
    for (size_t a = 0; a < N_ARMS; a++)
        count[a] = 0;
    for (const char *p = strstr(svg, "<path"); p != NULL; p = strstr(p + 5, "<path")) {
        const char *end = strchr(p, '>');
        double c[3], want[3];
        if (end == NULL || !path_colour(what, p, end, c))
            continue;
        for (size_t a = 0; a < N_ARMS; a++) {
            exopk_figure_arm_colour(a, want);
            if (fabs(c[0] - want[0]) < 0.005 && fabs(c[1] - want[1]) < 0.005 &&
                fabs(c[2] - want[2]) < 0.005)
                count[a]++;
        }
    }
}

static void
tumour_panel_counts(ExopkFigure *fig, int *strokes, int *fills)
{
    static const char *const sel = "tumour_volume";
    char *svg;

    exopk_figure_select(fig, &sel, 1);
    ck_assert_int_eq(exopk_figure_write(fig, "t.svg", 400, 300, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    count_paths(svg, "stroke", strokes);
    count_paths(svg, "fill", fills);
    free(svg);
}

START_TEST(points_bars_and_open_markers)
{
    ExopkFigure *fig = exopk_figure_new("observed", res, N_ARMS);
    int strokes[N_ARMS], fills[N_ARMS];

    /* without data: one line and one legend swatch per arm */
    tumour_panel_counts(fig, strokes, fills);
    for (size_t a = 0; a < N_ARMS; a++) {
        ck_assert_int_eq(strokes[a], 1);
        ck_assert_int_eq(fills[a], 1);
    }
    exopk_figure_set_observed(fig, (const ExopkObsMatch *const *) matches, N_ARMS);
    tumour_panel_counts(fig, strokes, fills);
    ck_assert_int_eq(strokes[0], 1 + 3);    /* control: 3 error bars */
    ck_assert_int_eq(fills[0], 1 + 3);      /* and 3 points */
    ck_assert_int_eq(strokes[1], 1);        /* free_dox: no sd, no bar */
    ck_assert_int_eq(fills[1], 1 + 2);
    ck_assert_int_eq(strokes[2], 1 + 2);    /* exodox: 2 open markers */
    ck_assert_int_eq(fills[2], 1);          /* filled white, not in its colour */

    /* the time window hides what is outside it: control at 48 h only,
     * exodox's second row */
    exopk_figure_set_time_window(fig, 30, 60);
    tumour_panel_counts(fig, strokes, fills);
    ck_assert_int_eq(strokes[0], 1 + 1);
    ck_assert_int_eq(fills[0], 1 + 1);
    ck_assert_int_eq(strokes[2], 1 + 1);

    /* removed again: as without */
    exopk_figure_set_time_window(fig, NAN, NAN);
    exopk_figure_set_observed(fig, NULL, 0);
    tumour_panel_counts(fig, strokes, fills);
    for (size_t a = 0; a < N_ARMS; a++)
        ck_assert_int_eq(strokes[a] + fills[a], 2);
    exopk_figure_free(fig);
}
END_TEST

/* The y axis reaches the observations: 5000 mm3 is far above every line
 * (the reference tumours stay below 1000 mm3 in 28 days). */
START_TEST(range_includes_observations)
{
    ExopkFigure *fig = exopk_figure_new("observed", res, N_ARMS);
    static const char *const sel = "tumour_volume";
    double range[4];
    int log;

    exopk_figure_select(fig, &sel, 1);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, &log), 1);
    ck_assert_double_lt(range[3], 5000);
    exopk_figure_set_observed(fig, (const ExopkObsMatch *const *) matches, N_ARMS);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, &log), 1);
    ck_assert_double_ge(range[3], 5000);
    /* ... only when it is in the time window (600 h is not in 30..60 h, nor
     * in 610..672 h) */
    exopk_figure_set_time_window(fig, 30, 60);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, &log), 1);
    ck_assert_double_lt(range[3], 5000);
    exopk_figure_set_time_window(fig, 610, NAN);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, &log), 1);
    ck_assert_double_lt(range[3], 5000);
    exopk_figure_free(fig);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("plot-observed");
    TCase *tc = tcase_create("overlay");

    /* after the last test of the process: cairo's and fontconfig's caches,
     * for valgrind (as tests/test-plot.c) */
    atexit(exopk_plot_shutdown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, points_bars_and_open_markers);
    tcase_add_test(tc, range_includes_observations);
    suite_add_tcase(s, tc);
    return s;
}
