/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figure renderer, headless: the panels chosen for the reference
 * study, what the SVG says and draws, PNG and PDF files, the errors of
 * exopk_figure_write, log axes of zeros, drawing on any cairo_t.
 *
 * Counting data lines in cairo's SVG.  A data line is one cairo_stroke per
 * arm and series, so one <path> with a stroke colour from the arm palette
 * (exopk_figure_arm_colour); nothing else is stroked in a palette colour
 * (legend swatches are fills, axes, grid and keys are grey).  Glyphs,
 * clip paths and fills are <path>s too, and cairo has written the colour
 * as style="...stroke:rgb(0%,44.7%,69.8%);..." (1.16) and as
 * stroke="rgb(0%, 44.7%, 69.8%)" (1.17+), so the count parses the stroke
 * colour of every <path> and compares it with the palette numerically.  A
 * figure of one selected panel gives the count of that panel. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exopk/exopk.h"
#include "fixture.h"
#include "plot.h"

#define N_ARMS 3

static ExopkStudy *study;
static ExopkResult *res[N_ARMS];   /* control, free_dox, exodox */
static char dir[64];

static void
setup(void)
{
    ExopkError err;

    study = fixture_default_study();
    for (size_t a = 0; a < N_ARMS; a++) {
        res[a] = exopk_simulate(study, a, NULL, &err);
        ck_assert_msg(res[a] != NULL, "arm %zu: %s", a, err.message);
    }
    snprintf(dir, sizeof dir, "/tmp/exopk-test-plot-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* Removes the (flat) temp dir with whatever a test left in it. */
static void
teardown(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (remove(path) != 0)
            rmdir(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(dir);
    for (size_t a = 0; a < N_ARMS; a++)
        exopk_result_free(res[a]);
    exopk_study_free(study);
}

/* The file @name in the temp dir, in a static buffer. */
static const char *
tmp_path(const char *name)
{
    static char path[512];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* The whole file, NUL-terminated; its size in *@len.  (transfer full) */
static char *
slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;

    ck_assert_msg(fp != NULL, "%s: %s", path, strerror(errno));
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    buf = malloc((size_t) n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t) n, fp), (size_t) n);
    buf[n] = '\0';
    fclose(fp);
    if (len != NULL)
        *len = (size_t) n;
    return buf;
}

/* Number of entries of the temp dir whose name contains @part. */
static int
dir_count(const char *part)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        n += strstr(e->d_name, part) != NULL;
    closedir(d);
    return n;
}

/* --- counting stroked paths by colour ----------------------------------- */

/* Parses "rgb(a%,b%,c%)" (spaces allowed; plain 0..255 too) at @s. */
static int
parse_rgb(const char *s, double c[3])
{
    char *end;

    if (strncmp(s, "rgb(", 4) != 0)
        return 0;
    s += 4;
    for (int i = 0; i < 3; i++) {
        while (*s == ' ' || *s == ',')
            s++;
        c[i] = strtod(s, &end);
        if (end == s)
            return 0;
        s = end;
        if (*s == '%') {
            c[i] /= 100;
            s++;
        } else {
            c[i] /= 255;
        }
    }
    return 1;
}

/* The stroke colour of the <path> element starting at @p and ending
 * before @end: 1 if it has one, 0 for none (glyphs, fills, clips). */
static int
path_stroke(const char *p, const char *end, double c[3])
{
    for (const char *s = p; (s = strstr(s, "stroke")) != NULL && s < end; s += 6) {
        const char *v = s + 6;
        if (*v == ':')
            v++;
        else if (v[0] == '=' && v[1] == '"')
            v += 2;
        else
            continue;                /* stroke-width and the like */
        return parse_rgb(v, c);      /* "stroke:none" -> 0 */
    }
    return 0;
}

/* Counts in @svg the <path>s stroked in the colour of each of the first
 * @n arms into @count[]; returns the number of all stroked paths. */
static int
count_strokes(const char *svg, size_t n, int *count)
{
    int total = 0;

    for (size_t a = 0; a < n; a++)
        count[a] = 0;
    for (const char *p = strstr(svg, "<path"); p != NULL; p = strstr(p + 5, "<path")) {
        const char *end = strchr(p, '>');
        double c[3], want[3];
        if (end == NULL || !path_stroke(p, end, c))
            continue;
        total++;
        for (size_t a = 0; a < n; a++) {
            exopk_figure_arm_colour(a, want);
            if (fabs(c[0] - want[0]) < 0.005 && fabs(c[1] - want[1]) < 0.005 &&
                fabs(c[2] - want[2]) < 0.005)
                count[a]++;
        }
    }
    return total;
}

/* --- the panels of the reference study ----------------------------------- */

typedef struct {
    const char *series[2];
    const char *title;
    int log;
} WantPanel;

static const WantPanel want_panels[] = {
    { { "tumour_volume", NULL }, "tumour volume [mm3]", 0 },
    { { "doxorubicin.plasma", NULL }, "doxorubicin in plasma [nmol/L]", 1 },
    { { "doxorubicin.heart", NULL }, "doxorubicin in heart [nmol/L]", 1 },
    { { "doxorubicin.cell_s", "doxorubicin.cell_r" }, "doxorubicin in cells [molecules/cell]", 1 },
    { { "plasma_particles_pct_id", NULL }, "injected particles in plasma [%]", 1 },
    { { "tumour_interstitium_particles_pct_id", "tumour_cells_particles_pct_id" },
      "injected particles in tumour [%]", 1 },
    { { "resistant_fraction", NULL }, "resistant fraction [1]", 0 },
};
#define N_WANT (sizeof want_panels / sizeof want_panels[0])

/* The lines arm @r should have in panel @w: its series that have a value
 * to draw (finite, and > 0 on a log axis). */
static int
lines_of(const ExopkResult *r, const WantPanel *w)
{
    int n = 0;

    for (size_t j = 0; j < 2 && w->series[j] != NULL; j++) {
        long i = exopk_result_find_series(r, w->series[j]);
        const double *v = i >= 0 ? exopk_result_series(r, (size_t) i) : NULL;
        for (size_t k = 0; v != NULL && k < exopk_result_n_times(r); k++)
            if (isfinite(v[k]) && (!w->log || v[k] > 0)) {
                n++;
                break;
            }
    }
    return n;
}

START_TEST(panels_of_reference_study)
{
    ExopkFigure *fig = exopk_figure_new("reference", res, N_ARMS);

    ck_assert_ptr_nonnull(fig);
    ck_assert_uint_eq(exopk_figure_n_panels(fig), N_WANT);
    ck_assert_uint_eq(exopk_figure_n_selected(fig), N_WANT);
    for (size_t p = 0; p < N_WANT; p++) {
        ck_assert_str_eq(exopk_figure_panel_series(fig, p), want_panels[p].series[0]);
        ck_assert_str_eq(exopk_figure_panel_title(fig, p), want_panels[p].title);
    }
    ck_assert_ptr_null(exopk_figure_panel_series(fig, N_WANT));
    ck_assert_ptr_null(exopk_figure_panel_title(fig, N_WANT));
    ck_assert_str_eq(exopk_figure_time_title(fig), "time [d]");   /* 672 h */
    exopk_figure_free(fig);
    exopk_figure_free(NULL);
}
END_TEST

START_TEST(panels_skip_null_and_absent)
{
    ExopkResult *only_control[3] = { NULL, res[0], NULL };
    ExopkFigure *fig = exopk_figure_new(NULL, only_control, 3);

    ck_assert_uint_eq(exopk_figure_n_panels(fig), 2);
    ck_assert_str_eq(exopk_figure_panel_series(fig, 0), "tumour_volume");
    ck_assert_str_eq(exopk_figure_panel_series(fig, 1), "resistant_fraction");
    exopk_figure_free(fig);

    fig = exopk_figure_new("empty", NULL, 0);
    ck_assert_uint_eq(exopk_figure_n_panels(fig), 0);
    ck_assert_str_eq(exopk_figure_time_title(fig), "time [h]");
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("empty.svg"), 0, 0, NULL), EXOPK_OK);
    exopk_figure_free(fig);
}
END_TEST

START_TEST(short_horizon_in_hours)
{
    ExopkError err;
    ExopkResult *r;
    ExopkFigure *fig;

    study->horizon = 48;
    r = exopk_simulate(study, 2, NULL, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    fig = exopk_figure_new("48 h", &r, 1);
    ck_assert_str_eq(exopk_figure_time_title(fig), "time [h]");
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("h.svg"), 0, 0, &err), EXOPK_OK);
    exopk_figure_free(fig);
    exopk_result_free(r);
}
END_TEST

START_TEST(select_by_series)
{
    const char *sel[] = { "doxorubicin.cell_r", "resistant_fraction", "no_such_series" };
    ExopkFigure *fig = exopk_figure_new("reference", res, N_ARMS);

    exopk_figure_select(fig, sel, 3);
    ck_assert_uint_eq(exopk_figure_n_selected(fig), 2);
    ck_assert_uint_eq(exopk_figure_n_panels(fig), N_WANT);
    exopk_figure_select(fig, sel + 2, 1);
    ck_assert_uint_eq(exopk_figure_n_selected(fig), 0);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("none.png"), 0, 0, NULL), EXOPK_OK);
    exopk_figure_select(fig, NULL, 0);
    ck_assert_uint_eq(exopk_figure_n_selected(fig), N_WANT);
    exopk_figure_select(fig, sel, 0);
    ck_assert_uint_eq(exopk_figure_n_selected(fig), N_WANT);
    exopk_figure_free(fig);
}
END_TEST

START_TEST(palette_is_distinct)
{
    double c[7][3], again[3];

    for (size_t a = 0; a < 7; a++)
        exopk_figure_arm_colour(a, c[a]);
    for (size_t a = 0; a < 7; a++)
        for (size_t b = a + 1; b < 7; b++)
            ck_assert(fabs(c[a][0] - c[b][0]) + fabs(c[a][1] - c[b][1]) +
                      fabs(c[a][2] - c[b][2]) > 0.1);
    exopk_figure_arm_colour(7, again);        /* repeats */
    ck_assert(memcmp(again, c[0], sizeof again) == 0);
}
END_TEST

/* --- SVG ------------------------------------------------------------------ */

START_TEST(svg_names_axes_with_units)
{
    ExopkError err;
    ExopkFigure *fig = exopk_figure_new("Default <study> & co", res, N_ARMS);
    char *svg;

    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f.svg"), 0, 0, &err), EXOPK_OK);
    svg = slurp(tmp_path("f.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "<svg"));
    ck_assert_ptr_nonnull(strstr(svg, "</svg>"));
    ck_assert_ptr_nonnull(strstr(svg, "<title>Default &lt;study&gt; &amp; co</title>"));
    ck_assert_ptr_nonnull(strstr(svg, "time [d]"));
    ck_assert_ptr_nonnull(strstr(svg, "control, free_dox, exodox"));
    for (size_t p = 0; p < N_WANT; p++)
        ck_assert_msg(strstr(svg, want_panels[p].title) != NULL, "no \"%s\"",
                      want_panels[p].title);
    ck_assert_int_eq(dir_count(".tmp."), 0);
    free(svg);
    exopk_figure_free(fig);
}
END_TEST

/* One stroked path per arm and series with something to draw, per panel;
 * arms keep the colour of their index, NULL entries included. */
START_TEST(svg_one_path_per_arm_series)
{
    ExopkResult *arms[N_ARMS + 1] = { res[0], NULL, res[1], res[2] };   /* colours 0, 2, 3 */
    const size_t colour_of[N_ARMS] = { 0, 2, 3 };
    ExopkFigure *fig = exopk_figure_new("paths", arms, N_ARMS + 1);
    int all_want[N_ARMS + 1] = { 0 }, count[N_ARMS + 1];

    ck_assert_uint_eq(exopk_figure_n_panels(fig), N_WANT);
    for (size_t p = 0; p < N_WANT; p++) {
        const char *sel = want_panels[p].series[0];
        char name[32], *svg;
        int want[N_ARMS + 1] = { 0 }, total;

        exopk_figure_select(fig, &sel, 1);
        ck_assert_uint_eq(exopk_figure_n_selected(fig), 1);
        snprintf(name, sizeof name, "panel%zu.svg", p);
        ck_assert_int_eq(exopk_figure_write(fig, tmp_path(name), 400, 300, NULL), EXOPK_OK);
        svg = slurp(tmp_path(name), NULL);
        total = count_strokes(svg, N_ARMS + 1, count);
        for (size_t a = 0; a < N_ARMS; a++) {
            want[colour_of[a]] = lines_of(res[a], &want_panels[p]);
            all_want[colour_of[a]] += want[colour_of[a]];
        }
        for (size_t c = 0; c < N_ARMS + 1; c++)
            ck_assert_msg(count[c] == want[c], "panel %s, colour %zu: %d paths, want %d",
                          sel, c, count[c], want[c]);
        ck_assert_int_gt(total, count[0] + count[2] + count[3]);   /* axes, grid too */
        free(svg);
    }
    /* the reference study draws what it should: spot checks of the oracle */
    ck_assert_int_eq(all_want[0], 2);       /* control: volume, fraction */
    ck_assert_int_eq(all_want[2], 2 + 1 + 1 + 2);
    ck_assert_int_eq(all_want[3], 2 + 1 + 1 + 2 + 1 + 2);

    exopk_figure_select(fig, NULL, 0);      /* all panels at once: the sum */
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("all.svg"), 0, 0, NULL), EXOPK_OK);
    {
        char *svg = slurp(tmp_path("all.svg"), NULL);
        count_strokes(svg, N_ARMS + 1, count);
        for (size_t c = 0; c < N_ARMS + 1; c++)
            ck_assert_int_eq(count[c], all_want[c]);
        free(svg);
    }
    exopk_figure_free(fig);
}
END_TEST

/* Drug series of zeros (an arm dosed with 0 nmol) on log axes: the panels
 * exist, are drawn empty ("no data" in the desc), no crash. */
START_TEST(log_axis_of_zeros)
{
    ExopkDose none = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV,
                       .time = 0, .unit = EXOPK_DOSE_NMOL, .amount = 0 };
    ExopkResult *r[2] = { res[0], NULL };
    ExopkFigure *fig;
    ExopkError err;
    cairo_surface_t *surf;
    cairo_t *cr;
    int count[2];
    char *svg;
    int arm = exopk_study_add_arm(study, "zero_dose", &none, 1);

    fixture_resolve(study);
    r[1] = exopk_simulate(study, (size_t) arm, NULL, &err);
    ck_assert_msg(r[1] != NULL, "%s", err.message);
    ck_assert_int_ge(exopk_result_find_series(r[1], "doxorubicin.plasma"), 0);
    fig = exopk_figure_new("zeros", r, 2);
    ck_assert_uint_eq(exopk_figure_n_panels(fig), 5);      /* volume, 3 drug, fraction */
    ck_assert_str_eq(exopk_figure_panel_series(fig, 1), "doxorubicin.plasma");

    surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 640, 480);
    cr = cairo_create(surf);
    exopk_figure_draw(fig, cr, 640, 480);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);

    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("z.svg"), 0, 0, &err), EXOPK_OK);
    svg = slurp(tmp_path("z.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "doxorubicin in plasma [nmol/L] (log scale) (no data)"));
    count_strokes(svg, 2, count);
    ck_assert_int_eq(count[0], 2);          /* control: volume, fraction */
    ck_assert_int_eq(count[1], 2);          /* zero_dose: volume, fraction; drug: nothing */
    free(svg);
    exopk_figure_free(fig);
    exopk_result_free(r[1]);
}
END_TEST

/* --- PNG and PDF ------------------------------------------------------- */

START_TEST(png_and_pdf_files)
{
    ExopkError err;
    ExopkFigure *fig = exopk_figure_new("reference", res, N_ARMS);
    size_t len;
    char *png, *pdf;
    unsigned w, h;

    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f.png"), 768, 480, &err), EXOPK_OK);
    png = slurp(tmp_path("f.png"), &len);
    ck_assert_uint_gt(len, 1000);
    ck_assert(memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
    ck_assert(memcmp(png + 12, "IHDR", 4) == 0);
    w = (unsigned) (unsigned char) png[16] << 24 | (unsigned) (unsigned char) png[17] << 16 |
        (unsigned) (unsigned char) png[18] << 8 | (unsigned char) png[19];
    h = (unsigned) (unsigned char) png[20] << 24 | (unsigned) (unsigned char) png[21] << 16 |
        (unsigned) (unsigned char) png[22] << 8 | (unsigned char) png[23];
    ck_assert_uint_eq(w, 1600);             /* 150 dpi */
    ck_assert_uint_eq(h, 1000);
    free(png);

    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("F.PDF"), 0, 0, &err), EXOPK_OK);
    pdf = slurp(tmp_path("F.PDF"), &len);
    ck_assert_uint_gt(len, 1000);
    ck_assert(memcmp(pdf, "%PDF-", 5) == 0);
    ck_assert_ptr_nonnull(strstr(pdf + len - 16, "%%EOF"));
    free(pdf);

    /* overwriting is fine, and leaves no temp file */
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f.png"), 200, 150, &err), EXOPK_OK);
    ck_assert_int_eq(dir_count(".tmp."), 0);
    exopk_figure_free(fig);
}
END_TEST

/* --- errors ----------------------------------------------------------- */

START_TEST(unknown_extension)
{
    ExopkError err;
    ExopkFigure *fig = exopk_figure_new("reference", res, N_ARMS);

    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f.jpg"), 0, 0, &err), EXOPK_EINVAL);
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "\".jpg\""));
    ck_assert_ptr_nonnull(strstr(err.message, ".png"));
    ck_assert_ptr_nonnull(strstr(err.message, ".svg"));
    ck_assert_ptr_nonnull(strstr(err.message, ".pdf"));
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f"), 0, 0, &err), EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "extension"));
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("d.svg/f"), 0, 0, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f.png"), 1e6, 10, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("f.svg"), 0, 0, NULL), EXOPK_OK);
    ck_assert_int_eq(dir_count("f"), 1);    /* f.svg only */
    exopk_figure_free(fig);
}
END_TEST

START_TEST(unwritable_path)
{
    ExopkError err;
    ExopkFigure *fig = exopk_figure_new("reference", res, N_ARMS);
    static const char *const names[] = { "a.png", "a.svg", "a.pdf" };

    /* a directory that is not there */
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("missing/f.png"), 0, 0, &err), EXOPK_EIO);
    ck_assert_int_eq(err.code, EXOPK_EIO);
    ck_assert_ptr_nonnull(strstr(err.message, "missing/f.png"));
    ck_assert_ptr_nonnull(strstr(err.message, "cannot write"));

    /* the target is a directory: every format renders, then the rename
     * fails, and the temp file is gone (root may write anywhere, so a
     * read-only directory would prove nothing) */
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(mkdir(tmp_path(names[i]), 0700), 0);
        ck_assert_int_eq(exopk_figure_write(fig, tmp_path(names[i]), 0, 0, &err), EXOPK_EIO);
        ck_assert_ptr_nonnull(strstr(err.message, names[i]));
        ck_assert_int_eq(dir_count(".tmp."), 0);
    }
    exopk_figure_free(fig);
}
END_TEST

/* --- drawing on a caller's cairo_t --------------------------------------- */

START_TEST(draw_on_any_surface)
{
    ExopkFigure *fig = exopk_figure_new("reference", res, N_ARMS);
    static const double sizes[][2] = { { 800, 600 }, { 120, 80 }, { 5000, 40 }, { 0, 0 },
                                       { -3, 10 }, { NAN, 100 } };
    cairo_surface_t *surf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(surf);
    cairo_matrix_t before, after;

    cairo_set_line_width(cr, 7);
    cairo_set_source_rgb(cr, 0.1, 0.2, 0.3);
    cairo_translate(cr, 10, 20);
    cairo_get_matrix(cr, &before);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        exopk_figure_draw(fig, cr, sizes[i][0], sizes[i][1]);
        ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    }
    /* the caller's state is as it was */
    cairo_get_matrix(cr, &after);
    ck_assert(memcmp(&before, &after, sizeof before) == 0);
    ck_assert_double_eq(cairo_get_line_width(cr), 7);
    ck_assert_int_eq(cairo_get_dash_count(cr), 0);
    ck_assert(!cairo_has_current_point(cr));
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    exopk_figure_free(fig);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("figure");

    /* after the last test of the process (also in Check's forked
     * children): cairo's and fontconfig's caches, for valgrind */
    atexit(exopk_plot_shutdown);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, panels_of_reference_study);
    tcase_add_test(tc, panels_skip_null_and_absent);
    tcase_add_test(tc, short_horizon_in_hours);
    tcase_add_test(tc, select_by_series);
    tcase_add_test(tc, palette_is_distinct);
    tcase_add_test(tc, svg_names_axes_with_units);
    tcase_add_test(tc, svg_one_path_per_arm_series);
    tcase_add_test(tc, log_axis_of_zeros);
    tcase_add_test(tc, png_and_pdf_files);
    tcase_add_test(tc, unknown_extension);
    tcase_add_test(tc, unwritable_path);
    tcase_add_test(tc, draw_on_any_surface);
    suite_add_tcase(s, tc);
    return s;
}
