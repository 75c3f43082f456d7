/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Percentile bands under a figure's lines (src/plot/plot-bands.c), fed by
 * a small population of the default study whose tumour growth rate is
 * log-uniform over a factor 4: the bands the core hands out, their paths
 * in the SVG (one fill per arm in its colour, translucent, beside the
 * legend swatch) and, on an image, the tint between p05 and p95 around
 * the p50 line.  See tests/test-plot-observed.c for the SVG colours. */
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
static ExopkPopSpec *spec;
static ExopkPopSummary *sum;
static ExopkResult *band[3][N_ARMS];     /* p05, p50, p95 of each arm */
static char dir[64];

static void
setup(void)
{
    ExopkPopOptions o = { .subjects = 24, .seed = 3, .threads = 1 };
    ExopkError err;
    double g = 0;

    study = fixture_default_study();
    ck_assert_uint_eq(study->n_arms, N_ARMS);
    spec = calloc(1, sizeof *spec);
    ck_assert_ptr_nonnull(spec);
    ck_assert_int_eq(exopk_population_base_value(study, 0, "tumour.growth_rate", &g, &err),
                     EXOPK_OK);
    ck_assert_int_eq(exopk_pop_spec_add_range(spec, "tumour.growth_rate", g / 2, 2 * g, &err), 1);
    sum = exopk_population_run(study, spec, &o, &err);
    ck_assert_msg(sum != NULL, "%s", err.message);
    ck_assert_uint_eq(exopk_pop_summary_n_arms(sum), N_ARMS);
    for (int q = 0; q < 3; q++)
        for (size_t a = 0; a < N_ARMS; a++)
            ck_assert_ptr_nonnull(band[q][a] = exopk_pop_summary_band(sum, a, (ExopkPopBand) q));
    snprintf(dir, sizeof dir, "/tmp/exopk-plot-bands-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(chdir(dir), 0);
}

static void
teardown(void)
{
    exopk_pop_summary_free(sum);
    free(spec);
    exopk_study_free(study);
    unlink("t.svg");
    rmdir(dir);
}

/* The accessor: results of the arms in order, same times and series, no
 * metrics, p05 <= p50 <= p95 everywhere, out of range NULL. */
START_TEST(core_hands_out_ordered_bands)
{
    for (size_t a = 0; a < N_ARMS; a++) {
        const ExopkResult *lo = band[0][a], *mid = band[1][a], *hi = band[2][a];
        size_t nt = exopk_result_n_times(mid), ns = exopk_result_n_series(mid);

        ck_assert_str_eq(exopk_result_arm(mid), study->arms[a].name);
        ck_assert_uint_eq(exopk_result_n_metrics(mid), 0);
        ck_assert_uint_eq(exopk_result_n_times(lo), nt);
        ck_assert_uint_eq(exopk_result_n_series(hi), ns);
        ck_assert_uint_gt(nt, 10);
        for (size_t s = 0; s < ns; s++) {
            const double *l = exopk_result_series(lo, s), *m = exopk_result_series(mid, s);
            const double *h = exopk_result_series(hi, s);
            ck_assert_str_eq(exopk_result_series_name(lo, s), exopk_result_series_name(hi, s));
            for (size_t k = 0; k < nt; k++)
                ck_assert_msg(l[k] <= m[k] && m[k] <= h[k], "%s %s at %g h: %g %g %g",
                              study->arms[a].name, exopk_result_series_name(mid, s),
                              exopk_result_times(mid)[k], l[k], m[k], h[k]);
        }
    }
    ck_assert_ptr_null(exopk_pop_summary_band(sum, N_ARMS, EXOPK_POP_P50));
    ck_assert_ptr_null(exopk_pop_summary_band(sum, 0, (ExopkPopBand) 3));
}
END_TEST

/* cairo writes fill="rgb(R%,G%,B%)" (older: fill:rgb(...)). */
static int
fill_colour(const char *p, const char *end, double c[3])
{
    for (const char *s = p; (s = strstr(s, "fill")) != NULL && s < end; s += 4) {
        const char *v = s + 4;
        if (*v == ':')
            v++;
        else if (v[0] == '=' && v[1] == '"')
            v += 2;
        else
            continue;
        return sscanf(v, "rgb(%lf%%,%lf%%,%lf%%)", &c[0], &c[1], &c[2]) == 3;
    }
    return 0;
}

/* <path>s filled in each arm colour, and those of them translucent. */
static void
count_fills(const char *svg, int *fills, int *translucent)
{
    for (size_t a = 0; a < N_ARMS; a++)
        fills[a] = translucent[a] = 0;
    for (const char *p = strstr(svg, "<path"); p != NULL; p = strstr(p + 5, "<path")) {
        const char *end = strchr(p, '>');
        double c[3], want[3];
        if (end == NULL || !fill_colour(p, end, c))
            continue;
        for (size_t a = 0; a < N_ARMS; a++) {
            exopk_figure_arm_colour(a, want);
            if (fabs(c[0] / 100 - want[0]) < 0.005 && fabs(c[1] / 100 - want[1]) < 0.005 &&
                fabs(c[2] / 100 - want[2]) < 0.005) {
                const char *op = strstr(p, "fill-opacity");
                double alpha = 1;
                if (op != NULL && op < end)
                    sscanf(op + strlen("fill-opacity") + (op[12] == '=' ? 2 : 1), "%lf", &alpha);
                fills[a]++;
                translucent[a] += alpha < 0.5;
            }
        }
    }
}

static void
tumour_fills(ExopkFigure *fig, int *fills, int *translucent)
{
    static const char *const sel = "tumour_volume";
    char *svg;

    exopk_figure_select(fig, &sel, 1);
    ck_assert_int_eq(exopk_figure_write(fig, "t.svg", 500, 360, NULL), EXOPK_OK);
    svg = fixture_read_file("t.svg", NULL);
    count_fills(svg, fills, translucent);
    free(svg);
}

START_TEST(one_band_path_per_arm)
{
    ExopkFigure *fig = exopk_figure_new("bands", band[1], N_ARMS);
    int fills[N_ARMS], translucent[N_ARMS];

    ck_assert_ptr_nonnull(fig);
    tumour_fills(fig, fills, translucent);
    for (size_t a = 0; a < N_ARMS; a++) {       /* the legend swatch only */
        ck_assert_int_eq(fills[a], 1);
        ck_assert_int_eq(translucent[a], 0);
    }
    exopk_figure_set_bands(fig, band[0], band[2], N_ARMS, NULL);
    tumour_fills(fig, fills, translucent);
    for (size_t a = 0; a < N_ARMS; a++) {       /* + one translucent band */
        ck_assert_int_eq(fills[a], 2);
        ck_assert_int_eq(translucent[a], 1);
    }
    /* an arm without a band (NULL) has none */
    {
        ExopkResult *lo[N_ARMS] = { band[0][0], NULL, band[0][2] };
        exopk_figure_set_bands(fig, lo, band[2], N_ARMS, NULL);
        tumour_fills(fig, fills, translucent);
        ck_assert_int_eq(translucent[0], 1);
        ck_assert_int_eq(translucent[1], 0);
        ck_assert_int_eq(translucent[2], 1);
    }
    exopk_figure_set_bands(fig, NULL, NULL, 0, NULL);
    tumour_fills(fig, fills, translucent);
    for (size_t a = 0; a < N_ARMS; a++)
        ck_assert_int_eq(fills[a] + translucent[a], 1);
    exopk_figure_free(fig);
}
END_TEST

/* The y axis reaches the top of the bands: their p95 is above every p50. */
START_TEST(range_includes_bands)
{
    static const char *const sel = "tumour_volume";
    ExopkFigure *fig = exopk_figure_new("bands", band[1], N_ARMS);
    double range[4], top = 0;
    long i = exopk_result_find_series(band[2][1], sel);
    const double *h = exopk_result_series(band[2][1], (size_t) i);

    for (size_t k = 0; k < exopk_result_n_times(band[2][1]); k++)
        top = fmax(top, h[k]);
    exopk_figure_select(fig, &sel, 1);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, NULL), 1);
    ck_assert_double_lt(range[3], top);
    exopk_figure_set_bands(fig, band[0], band[2], N_ARMS, NULL);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, NULL), 1);
    ck_assert_double_ge(range[3], top);
    exopk_figure_free(fig);
}
END_TEST

static void
pixel(cairo_surface_t *surf, double x, double y, double rgb[3])
{
    const unsigned char *d = cairo_image_surface_get_data(surf);
    int stride = cairo_image_surface_get_stride(surf);
    uint32_t p = *(const uint32_t *) (d + (long) lround(y) * stride + 4 * lround(x));

    rgb[0] = ((p >> 16) & 0xff) / 255.0;
    rgb[1] = ((p >> 8) & 0xff) / 255.0;
    rgb[2] = (p & 0xff) / 255.0;
}

/* One arm (free_dox, drawn in colour 0: blue) on an image: halfway between
 * p05 and p50 and between p50 and p95 the pixel is the band's tint (blue
 * over white: blue channel highest, not white), and well above p95 it is
 * not tinted.  So the band encloses the p50 line at these times. */
START_TEST(band_encloses_the_median_line)
{
    static const char *const sel = "tumour_volume";
    ExopkResult *lo = band[0][1], *mid = band[1][1], *hi = band[2][1];
    ExopkFigure *fig = exopk_figure_new("bands", &mid, 1);
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 600);
    cairo_t *cr = cairo_create(surf);
    long i = exopk_result_find_series(mid, sel);
    const double *t = exopk_result_times(mid), *vl, *vm, *vh;
    size_t nt = exopk_result_n_times(mid);
    double box[4], range[4];

    vl = exopk_result_series(lo, (size_t) i);
    vm = exopk_result_series(mid, (size_t) i);
    vh = exopk_result_series(hi, (size_t) i);
    exopk_figure_select(fig, &sel, 1);
    exopk_figure_set_bands(fig, &lo, &hi, 1, NULL);
    exopk_figure_draw(fig, cr, 800, 600);
    cairo_surface_flush(surf);
    ck_assert_int_eq(exopk_figure_panel_box(fig, 800, 600, 0, box), 1);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, range, NULL), 1);
    for (int f = 1; f <= 3; f++) {
        size_t k = nt * (size_t) (2 * f + 1) / 8;   /* 3/8, 5/8, 7/8 of the run */
        double x = box[0] + box[2] * (t[k] - range[0]) / (range[1] - range[0]);
        double ys[3] = { (vl[k] + vm[k]) / 2, (vm[k] + vh[k]) / 2, vh[k] + 0.1 * (range[3] - range[2]) };
        ck_assert_msg(vh[k] - vl[k] > 0.1 * vm[k], "a band of width at %g h", t[k]);
        for (int j = 0; j < 3; j++) {
            double y = box[1] + box[3] * (range[3] - ys[j]) / (range[3] - range[2]), c[3];
            int tinted;
            if (j == 2 && y < box[1] + 2)
                continue;                          /* nothing above the band in the box */
            pixel(surf, x * 1, y, c);
            tinted = c[2] > c[0] + 0.05 && c[0] < 0.95;
            ck_assert_msg(tinted == (j < 2), "at %g h, y %g: rgb %g %g %g", t[k], ys[j], c[0],
                          c[1], c[2]);
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    exopk_figure_free(fig);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("plot-bands");
    TCase *tc = tcase_create("bands");

    atexit(exopk_plot_shutdown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, core_hands_out_ordered_bands);
    tcase_add_test(tc, one_band_path_per_arm);
    tcase_add_test(tc, range_includes_bands);
    tcase_add_test(tc, band_encloses_the_median_line);
    suite_add_tcase(s, tc);
    return s;
}
