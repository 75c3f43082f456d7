/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Figures for a paper (src/plot): SVG text as <text> elements, PDF with
 * its fonts, the paper style's page, a line drawn thinner where it lies on
 * another arm's, and dose markers on the time axis.  The reference study
 * (control, free_dox, exodox) gives the lines: control and exodox have
 * the same tumour volume within a line width, free_dox does not. */
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

static ExopkStudy *study;
static ExopkResult *res[3];      /* control, free_dox, exodox */
static char dir[64], path[128];

static void
setup(void)
{
    study = fixture_default_study();
    for (size_t a = 0; a < 3; a++)
        ck_assert_ptr_nonnull(res[a] = exopk_simulate(study, a, NULL, NULL));
    snprintf(dir, sizeof dir, "/tmp/exopk-test-paper-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
teardown(void)
{
    for (const char *const *f = (const char *const[]) { "f.svg", "f.pdf", "f.png", NULL }; *f;
         f++) {
        snprintf(path, sizeof path, "%s/%s", dir, *f);
        unlink(path);
    }
    rmdir(dir);
    for (size_t a = 0; a < 3; a++)
        exopk_result_free(res[a]);
    exopk_study_free(study);
}

static const char *
file(const char *name)
{
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* The figure of @r (n arms) with only the tumour-volume panel. */
static ExopkFigure *
tumour_figure(ExopkResult **r, size_t n)
{
    static const char *const sel = "tumour_volume";
    ExopkFigure *fig = exopk_figure_new("t", r, n);

    ck_assert_ptr_nonnull(fig);
    exopk_figure_select(fig, &sel, 1);
    return fig;
}

/* The stroke-width of the first stroked <path> in palette colour @arm. */
static double
stroke_width_of(const char *svg, size_t arm)
{
    double want[3], c[3];

    exopk_figure_arm_colour(arm, want);
    for (const char *p = strstr(svg, "<path"); p != NULL; p = strstr(p + 5, "<path")) {
        const char *end = strchr(p, '>'), *s = strstr(p, "stroke:rgb("), *w;
        if (s == NULL || s > end || !fixture_parse_rgb(s + 7, c))
            continue;
        if (fabs(c[0] - want[0]) > 0.005 || fabs(c[1] - want[1]) > 0.005 ||
            fabs(c[2] - want[2]) > 0.005)
            continue;
        w = strstr(p, "stroke-width:");
        ck_assert(w != NULL && w < end);
        return strtod(w + 13, NULL);
    }
    return NAN;
}

/* Occurrences of "fill:rgb(...)" in palette colour @arm as cairo writes it. */
static int
fills_of(const char *svg, size_t arm)
{
    double c[3];
    int n = 0;

    for (const char *p = strstr(svg, "fill:rgb("); p != NULL; p = strstr(p + 1, "fill:rgb(")) {
        double want[3];
        exopk_figure_arm_colour(arm, want);
        if (fixture_parse_rgb(p + 5, c) && fabs(c[0] - want[0]) < 0.005 &&
            fabs(c[1] - want[1]) < 0.005 && fabs(c[2] - want[2]) < 0.005)
            n++;
    }
    return n;
}

/* Whether @n bytes at @p hold @word (a PDF has NUL bytes). */
static int
contains(const char *p, size_t n, const char *word)
{
    size_t w = strlen(word);

    for (size_t i = 0; i + w <= n; i++)
        if (memcmp(p + i, word, w) == 0)
            return 1;
    return 0;
}

/* Every word of an SVG is a <text> element (no glyph outlines); a PDF
 * embeds its fonts (text stays text). */
START_TEST(text_stays_text)
{
    ExopkFigure *fig = exopk_figure_new("Reference & <study>", res, 3);
    char *svg, *pdf;
    size_t len;

    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_ptr_null(strstr(svg, "<use"));
    ck_assert_ptr_null(strstr(svg, "glyph"));
    ck_assert_ptr_nonnull(strstr(svg, ">tumour volume [mm3]</text>"));
    ck_assert_ptr_nonnull(strstr(svg, "font-weight:bold;fill:rgb(15%,15%,15%);fill-opacity:1;\">"
                                      "Reference &amp; &lt;study&gt;</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">exodox</text>"));
    ck_assert_ptr_nonnull(strstr(strstr(svg, "<text"), "</svg>"));     /* text inside */
    free(svg);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.pdf"), 0, 0, NULL), EXOPK_OK);
    pdf = fixture_read_file(file("f.pdf"), &len);
    ck_assert(contains(pdf, len, "/FontFile"));
    free(pdf);
    exopk_figure_free(fig);
}
END_TEST

/* exodox's tumour volume lies on control's (drawn first): thinner by
 * 1 + 1.2 = 2.2; free_dox's does not: the same width. */
START_TEST(line_on_another_is_thinner)
{
    ExopkResult *same[2] = { res[0], res[2] }, *apart[2] = { res[0], res[1] };
    ExopkFigure *fig = tumour_figure(same, 2);
    char *svg;

    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_double_eq_tol(stroke_width_of(svg, 1) * 2.2, stroke_width_of(svg, 0), 1e-5);
    free(svg);
    exopk_figure_free(fig);

    fig = tumour_figure(apart, 2);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_double_eq_tol(stroke_width_of(svg, 1), stroke_width_of(svg, 0), 1e-9);
    free(svg);
    exopk_figure_free(fig);
}
END_TEST

/* Doses: one filled path of triangles in the arm's colour per panel (the
 * legend swatch is the other fill), and a "dose" legend entry; from the
 * study, every arm with doses gets its own. */
START_TEST(dose_markers)
{
    static const double t[3] = { 0, 168, 336 };
    ExopkFigure *fig = tumour_figure(res, 3);
    char *svg;

    ck_assert_int_eq(exopk_figure_set_doses(fig, 3, t, 3), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_int_eq(fills_of(svg, 0), 1);
    ck_assert_ptr_null(strstr(svg, ">dose</text>"));
    free(svg);
    ck_assert_int_eq(exopk_figure_set_doses(fig, 0, t, 3), EXOPK_OK);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_int_eq(fills_of(svg, 0), 2);
    ck_assert_int_eq(fills_of(svg, 1), 1);
    ck_assert_ptr_nonnull(strstr(svg, ">dose</text>"));
    free(svg);
    /* from the study: control has none, free_dox and exodox have theirs */
    ck_assert_int_eq(exopk_figure_set_study_doses(fig, study), EXOPK_OK);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_int_eq(fills_of(svg, 0), 1);
    ck_assert_int_eq(fills_of(svg, 1), 2);
    ck_assert_int_eq(fills_of(svg, 2), 2);
    free(svg);
    exopk_figure_free(fig);
}
END_TEST

/* An arm's legend label replaces its name in the legend (and only
 * there); NULL gives the name back. */
START_TEST(arm_label_in_legend)
{
    ExopkFigure *fig = tumour_figure(res, 3);
    char *svg;

    ck_assert_int_eq(exopk_figure_set_arm_label(fig, 3, "x"), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_figure_set_arm_label(fig, 2, "exodox \xe2\x80\x94 2e11 particles iv"),
                     EXOPK_OK);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, ">exodox \xe2\x80\x94 2e11 particles iv</text>"));
    ck_assert_ptr_null(strstr(svg, ">exodox</text>"));
    ck_assert_ptr_nonnull(strstr(svg, ">free_dox</text>"));
    free(svg);
    ck_assert_int_eq(exopk_figure_set_arm_label(fig, 2, NULL), EXOPK_OK);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, ">exodox</text>"));
    ck_assert_ptr_null(strstr(svg, "2e11 particles iv"));
    free(svg);
    exopk_figure_free(fig);
}
END_TEST

/* The paper style: 241 pt (85 mm) wide; a PNG at 300 dpi is
 * round(241 x 300 / 72) = 1004 pixels wide (screen: 768 pt at 150 dpi =
 * 1600); a title too long for the column ends in an ellipsis. */
START_TEST(paper_style)
{
    ExopkFigure *fig = exopk_figure_new("A study title far too long to fit into one journal "
                                        "column at print size", res, 3);
    ExopkPlotStyle style;
    ExopkError err;
    unsigned char *png;
    char *svg;

    ck_assert_int_eq(exopk_plot_style_parse("poster", &style, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "unknown figure style \"poster\" (use screen or paper)");
    ck_assert_int_eq(exopk_plot_style_parse("paper", &style, NULL), EXOPK_OK);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.png"), 0, 0, NULL), EXOPK_OK);
    png = (unsigned char *) fixture_read_file(file("f.png"), NULL);
    ck_assert_uint_eq((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], 1600);
    free(png);
    exopk_figure_set_style(fig, style);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.png"), 0, 0, NULL), EXOPK_OK);
    png = (unsigned char *) fixture_read_file(file("f.png"), NULL);
    ck_assert_uint_eq((png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19], 1004);
    free(png);
    ck_assert_int_eq(exopk_figure_write(fig, file("f.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(file("f.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "width=\"241pt\""));
    ck_assert_ptr_nonnull(strstr(svg, "\xe2\x80\xa6</text>"));
    free(svg);
    exopk_figure_free(fig);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("plot-paper");
    TCase *tc = tcase_create("paper");

    atexit(exopk_plot_shutdown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, text_stays_text);
    tcase_add_test(tc, line_on_another_is_thinner);
    tcase_add_test(tc, dose_markers);
    tcase_add_test(tc, arm_label_in_legend);
    tcase_add_test(tc, paper_style);
    suite_add_tcase(s, tc);
    return s;
}
