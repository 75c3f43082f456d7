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
        return fixture_parse_rgb(v, c);      /* "stroke:none" -> 0 */
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
    { { "resistant_fraction", NULL }, "resistant fraction [1]", 0 },
    { { "biomarker_plasma", NULL }, "biomarker in plasma [particles/mL]", 1 },
    { { "doxorubicin.plasma", NULL }, "doxorubicin in plasma [nmol/L]", 1 },
    { { "doxorubicin.heart", NULL }, "doxorubicin in heart [nmol/L]", 1 },
    { { "doxorubicin.cell_s", "doxorubicin.cell_r" }, "doxorubicin in cells [molecules/cell]", 1 },
    { { "plasma_particles_pct_id", NULL }, "injected particles in plasma [%]", 1 },
    { { "tumour_interstitium_particles_pct_id", "tumour_cells_particles_pct_id" },
      "injected particles in tumour [%]", 1 },
    { { "mps_particles_pct_id", "tissue_particles_pct_id" },
      "injected particles in MPS and tissue [%]", 1 },
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

    ck_assert_uint_eq(exopk_figure_n_panels(fig), 3);
    ck_assert_str_eq(exopk_figure_panel_series(fig, 0), "tumour_volume");
    ck_assert_str_eq(exopk_figure_panel_series(fig, 1), "resistant_fraction");
    ck_assert_str_eq(exopk_figure_panel_series(fig, 2), "biomarker_plasma");
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
    svg = fixture_read_file(tmp_path("f.svg"), NULL);
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

/* A long title is cut between characters, and bytes that are not UTF-8
 * become U+FFFD: Cairo refuses to draw anything else. */
START_TEST(title_cut_between_characters)
{
    char title[401], want[300] = "<title>";
    ExopkError err;
    ExopkFigure *fig;
    char *svg;

    for (int i = 0; i < 200; i++)
        memcpy(title + 2 * i, "\xc3\xa9", 2);           /* 200 x e-acute, 400 bytes */
    title[400] = '\0';
    fig = exopk_figure_new(title, res, N_ARMS);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("u.svg"), 0, 0, &err), EXOPK_OK);
    svg = fixture_read_file(tmp_path("u.svg"), NULL);
    memcpy(want + 7, title, 254);                        /* 127 whole characters fit */
    strcat(want, "</title>");
    ck_assert_ptr_nonnull(strstr(svg, want));
    free(svg);
    exopk_figure_free(fig);

    fig = exopk_figure_new("ab\xff\xfe" "cd\xe2\x82", res, N_ARMS);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("v.png"), 0, 0, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("v.svg"), 0, 0, &err), EXOPK_OK);
    svg = fixture_read_file(tmp_path("v.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "<title>ab\xef\xbf\xbd\xef\xbf\xbd" "cd"
                                      "\xef\xbf\xbd\xef\xbf\xbd</title>"));
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
        svg = fixture_read_file(tmp_path(name), NULL);
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
    ck_assert_int_eq(all_want[0], 3);       /* control: volume, fraction, biomarker */
    ck_assert_int_eq(all_want[2], 3 + 1 + 1 + 2);
    ck_assert_int_eq(all_want[3], 3 + 1 + 1 + 2 + 1 + 2 + 2);

    exopk_figure_select(fig, NULL, 0);      /* all panels at once: the sum */
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("all.svg"), 0, 0, NULL), EXOPK_OK);
    {
        char *svg = fixture_read_file(tmp_path("all.svg"), NULL);
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
    ck_assert_uint_eq(exopk_figure_n_panels(fig), 6);  /* volume, fraction, biomarker, 3 drug */
    ck_assert_str_eq(exopk_figure_panel_series(fig, 3), "doxorubicin.plasma");

    surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 640, 480);
    cr = cairo_create(surf);
    exopk_figure_draw(fig, cr, 640, 480);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);

    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("z.svg"), 0, 0, &err), EXOPK_OK);
    svg = fixture_read_file(tmp_path("z.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "doxorubicin in plasma [nmol/L] (log scale) (no data)"));
    count_strokes(svg, 2, count);
    ck_assert_int_eq(count[0], 3);          /* control: volume, fraction, biomarker */
    ck_assert_int_eq(count[1], 3);          /* zero_dose: the same; drug: nothing */
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
    png = fixture_read_file(tmp_path("f.png"), &len);
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
    pdf = fixture_read_file(tmp_path("F.PDF"), &len);
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

    /* the target is a directory: refused before rendering, no temp file
     * (root may write anywhere, so a read-only directory would prove
     * nothing) */
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

/* --- RNA cargos: knockdown and miRNA panels ------------------------------ */

/* Index of the panel whose first series is @series, or -1. */
static long
panel_of(const ExopkFigure *fig, const char *series)
{
    for (size_t p = 0; p < exopk_figure_n_panels(fig); p++)
        if (strcmp(exopk_figure_panel_series(fig, p), series) == 0)
            return (long) p;
    return -1;
}

/* Simulates every arm of @s into @r (4 arms, fixture_rna_study). */
static size_t
simulate_all(ExopkStudy *s, ExopkResult **r, size_t max)
{
    ExopkError err;

    ck_assert_uint_le(s->n_arms, max);
    for (size_t a = 0; a < s->n_arms; a++) {
        r[a] = exopk_simulate(s, a, NULL, &err);
        ck_assert_msg(r[a] != NULL, "arm %zu: %s", a, err.message);
    }
    return s->n_arms;
}

/* The panels of a study with DOX and an siRNA against P-gp: the order,
 * the siRNA's cells and target panels (no heart panel), the level axis
 * 0..1.05, and the lines drawn (protein solid and mRNA dashed per arm
 * that carries the siRNA). */
START_TEST(sirna_panels)
{
    ExopkStudy *s = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_PGP));
    ExopkResult *r[8];
    size_t n = simulate_all(s, r, 8);
    ExopkFigure *fig = exopk_figure_new("sirna", r, n);
    static const char *const order[] = {
        "tumour_volume", "resistant_fraction", "biomarker_plasma", "doxorubicin.plasma",
        "doxorubicin.heart", "doxorubicin.cell_s", "sirna.plasma", "sirna.cell_s",
        "sirna.target_protein", "plasma_particles_pct_id",
        "tumour_interstitium_particles_pct_id", "mps_particles_pct_id",
    };
    const char *sel = "sirna.target_mrna";
    double range[4], box[4];
    int log = -1, count[8], want = 0;
    long tp;
    char *svg;

    ck_assert_uint_eq(exopk_figure_n_panels(fig), sizeof order / sizeof order[0]);
    for (size_t p = 0; p < sizeof order / sizeof order[0]; p++)
        ck_assert_str_eq(exopk_figure_panel_series(fig, p), order[p]);
    ck_assert_int_lt(panel_of(fig, "sirna.heart"), 0);
    ck_assert_int_lt(panel_of(fig, "sirna.mirna_activity"), 0);
    ck_assert_str_eq(exopk_figure_panel_title(fig, 7), "sirna in cells [molecules/cell]");
    tp = panel_of(fig, "sirna.target_protein");
    ck_assert_str_eq(exopk_figure_panel_title(fig, (size_t) tp), "sirna target level [1]");
    ck_assert_int_eq(exopk_figure_get_log(fig, (size_t) tp), 0);
    ck_assert_str_eq(exopk_figure_panel_nth_series(fig, (size_t) tp, 0), "sirna.target_protein");
    ck_assert_str_eq(exopk_figure_panel_nth_series(fig, (size_t) tp, 1), "sirna.target_mrna");
    ck_assert_ptr_null(exopk_figure_panel_nth_series(fig, (size_t) tp, 2));
    ck_assert_ptr_null(exopk_figure_panel_nth_series(fig, 99, 0));
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, (size_t) tp, range, &log), 1);
    ck_assert_int_eq(log, 0);
    ck_assert_double_eq_tol(range[2], 0, 1e-12);
    ck_assert_double_eq_tol(range[3], 1.05, 1e-12);

    /* the mRNA selects its panel; protein and mRNA of every arm with them */
    exopk_figure_select(fig, &sel, 1);
    ck_assert_uint_eq(exopk_figure_n_selected(fig), 1);
    ck_assert_int_eq(exopk_figure_panel_box(fig, 800, 600, (size_t) tp, box), 1);
    ck_assert_int_eq(exopk_figure_panel_box(fig, 800, 600, 0, box), 0);   /* not shown */
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("target.svg"), 400, 300, NULL), EXOPK_OK);
    svg = fixture_read_file(tmp_path("target.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "sirna target level [1]\n"));    /* linear */
    count_strokes(svg, n, count);
    for (size_t a = 0; a < n; a++) {
        int lines = (exopk_result_find_series(r[a], "sirna.target_protein") >= 0)
                + (exopk_result_find_series(r[a], "sirna.target_mrna") >= 0);
        ck_assert_int_eq(count[a], lines);
        want += lines;
    }
    ck_assert_int_ge(want, 2 * 3);          /* coloaded, free_rna, rna_it */
    free(svg);

    /* the siRNA's cells panel draws both cell kinds of the arms with siRNA */
    sel = "sirna.cell_r";
    exopk_figure_select(fig, &sel, 1);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("cells.svg"), 400, 300, NULL), EXOPK_OK);
    svg = fixture_read_file(tmp_path("cells.svg"), NULL);
    count_strokes(svg, n, count);
    ck_assert_int_eq(count[0], 0);          /* dox only */
    for (size_t a = 1; a < n; a++) {
        /* free siRNA does not get into cells: nothing > 0 to draw on log */
        const WantPanel cells = { { "sirna.cell_s", "sirna.cell_r" }, "", 1 };
        ck_assert_msg(count[a] == lines_of(r[a], &cells), "arm %s: %d cell lines",
                      exopk_result_arm(r[a]), count[a]);
    }
    ck_assert_int_eq(count[1], 2);          /* coloaded */
    ck_assert_int_eq(count[3], 2);          /* intratumoral */
    free(svg);

    /* everything at once draws */
    exopk_figure_select(fig, NULL, 0);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("all.png"), 0, 0, NULL), EXOPK_OK);
    exopk_figure_free(fig);
    for (size_t a = 0; a < n; a++)
        exopk_result_free(r[a]);
    exopk_study_free(s);
}
END_TEST

START_TEST(antimir_panels)
{
    ExopkStudy *s = fixture_rna_study(fixture_antimir());
    ExopkResult *r[8];
    size_t n = simulate_all(s, r, 8);
    ExopkFigure *fig = exopk_figure_new("antimir", r, n);
    const char *sel = "antimir.mirna_activity";
    long ma = panel_of(fig, "antimir.mirna_activity");
    double range[4];
    int log = -1, count[8], drawn = 0;
    char *svg;

    ck_assert_int_gt(ma, panel_of(fig, "antimir.cell_s"));
    ck_assert_int_gt(panel_of(fig, "antimir.cell_s"), panel_of(fig, "antimir.plasma"));
    ck_assert_int_lt(ma, panel_of(fig, "plasma_particles_pct_id"));
    ck_assert_int_lt(panel_of(fig, "antimir.target_protein"), 0);
    ck_assert_int_lt(panel_of(fig, "antimir.heart"), 0);
    ck_assert_str_eq(exopk_figure_panel_title(fig, (size_t) ma), "antimir miRNA activity [1]");
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, (size_t) ma, range, &log), 1);
    ck_assert_int_eq(log, 0);
    ck_assert_double_eq_tol(range[2], 0, 1e-12);
    ck_assert_double_eq_tol(range[3], 1.05, 1e-12);
    exopk_figure_select(fig, &sel, 1);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("mirna.svg"), 400, 300, NULL), EXOPK_OK);
    svg = fixture_read_file(tmp_path("mirna.svg"), NULL);
    count_strokes(svg, n, count);
    for (size_t a = 0; a < n; a++) {
        ck_assert_int_eq(count[a], exopk_result_find_series(r[a], "antimir.mirna_activity") >= 0);
        drawn += count[a];
    }
    ck_assert_int_ge(drawn, 3);
    free(svg);
    exopk_figure_free(fig);
    for (size_t a = 0; a < n; a++)
        exopk_result_free(r[a]);
    exopk_study_free(s);
}
END_TEST

/* --- layout queries: box, range, log, time window ------------------------ */

/* Whether the image has a pixel of the colour of arm 0 within 2 px of
 * (@x, @y). */
static int
arm0_near(cairo_surface_t *img, double x, double y)
{
    unsigned char *d = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img), w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    double c[3];

    exopk_figure_arm_colour(0, c);
    cairo_surface_flush(img);
    for (int j = (int) y - 2; j <= (int) y + 2; j++)
        for (int i = (int) x - 2; i <= (int) x + 2; i++) {
            if (i < 0 || j < 0 || i >= w || j >= h)
                continue;
            const unsigned char *px = d + j * stride + 4 * i;   /* BGRA, opaque */
            if (fabs(px[2] / 255.0 - c[0]) < 0.12 && fabs(px[1] / 255.0 - c[1]) < 0.12
                && fabs(px[0] / 255.0 - c[2]) < 0.12)
                return 1;
        }
    return 0;
}

/* Maps sample @k of @series through the panel's box and range and checks
 * that the figure drew the arm's line there. */
static void
assert_drawn_at(const ExopkFigure *fig, cairo_surface_t *img, double w, double h, size_t panel,
                const ExopkResult *r, const char *series, size_t k)
{
    double box[4], range[4], t = exopk_result_times(r)[k], v, f, x, y;
    int log;

    v = exopk_result_series(r, (size_t) exopk_result_find_series(r, series))[k];
    ck_assert_int_eq(exopk_figure_panel_box(fig, w, h, panel, box), 1);
    ck_assert_int_eq(exopk_figure_panel_range(fig, w, h, panel, range, &log), 1);
    f = log ? log10(v / range[2]) / log10(range[3] / range[2])
            : (v - range[2]) / (range[3] - range[2]);
    x = box[0] + box[2] * (t - range[0]) / (range[1] - range[0]);
    y = box[1] + box[3] * (1 - f);
    ck_assert_msg(arm0_near(img, x, y), "%s at t = %g h: no line at (%.1f, %.1f)", series, t,
                  x, y);
}

static cairo_surface_t *
draw_image(const ExopkFigure *fig, int w, int h)
{
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(img);

    exopk_figure_draw(fig, cr, w, h);
    ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    return img;
}

/* The box and range put the data where the figure draws it: pixels of the
 * arm's colour at samples mapped through them, on linear and log axes. */
START_TEST(panel_box_and_range_match_drawing)
{
    ExopkFigure *fig = exopk_figure_new("map", &res[2], 1);   /* exodox, colour 0 */
    const ExopkResult *r = res[2];
    size_t nt = exopk_result_n_times(r), np = exopk_figure_n_panels(fig);
    double box[4], prev[4] = { 0 }, range[4];
    cairo_surface_t *img;

    /* all panels: inside the figure, disjoint, in reading order */
    for (size_t p = 0; p < np; p++) {
        ck_assert_int_eq(exopk_figure_panel_box(fig, 1000, 800, p, box), 1);
        ck_assert(box[0] > 0 && box[1] > 0 && box[2] > 50 && box[3] > 30);
        ck_assert(box[0] + box[2] < 1000 && box[1] + box[3] < 800);
        if (p > 0)
            ck_assert(box[1] >= prev[1] + prev[3] || box[0] >= prev[0] + prev[2]);
        memcpy(prev, box, sizeof box);
    }
    ck_assert_int_eq(exopk_figure_panel_box(fig, 1000, 800, np, box), 0);
    ck_assert_int_eq(exopk_figure_panel_box(fig, 0, 800, 0, box), 0);
    ck_assert_int_eq(exopk_figure_panel_box(fig, NAN, 800, 0, box), 0);
    ck_assert_int_eq(exopk_figure_panel_box(fig, 30, 20, 0, box), 0);   /* too small */
    ck_assert_int_eq(exopk_figure_panel_range(fig, 1000, 800, np, range, NULL), 0);

    img = draw_image(fig, 1000, 800);
    for (size_t k = nt / 7; k < nt; k += nt / 5)
        assert_drawn_at(fig, img, 1000, 800, 0, r, "tumour_volume", k);
    for (size_t k = nt / 9; k < nt; k += nt / 4)
        assert_drawn_at(fig, img, 1000, 800, 1, r, "resistant_fraction", k);
    cairo_surface_destroy(img);

    /* one panel, log: the plasma drug a few hours after the first dose */
    {
        const char *sel = "doxorubicin.plasma";
        long p = panel_of(fig, sel);
        exopk_figure_select(fig, &sel, 1);
        ck_assert_int_eq(exopk_figure_get_log(fig, (size_t) p), 1);
        img = draw_image(fig, 640, 400);
        for (size_t k = 1; k < 40; k += 7)
            assert_drawn_at(fig, img, 640, 400, (size_t) p, r, sel, k);
        cairo_surface_destroy(img);
    }
    exopk_figure_free(fig);
}
END_TEST

/* The log/linear toggle: the SVG says so, the range follows, zeros are
 * skipped on log, out-of-range panels are ignored. */
START_TEST(set_log_toggles_axis)
{
    ExopkFigure *fig = exopk_figure_new("log", &res[2], 1);
    double lin[4], lg[4];
    int log;
    char *svg;

    ck_assert_int_eq(exopk_figure_get_log(fig, 0), 0);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, lin, &log), 1);
    ck_assert_int_eq(log, 0);
    exopk_figure_set_log(fig, 0, 1);
    ck_assert_int_eq(exopk_figure_get_log(fig, 0), 1);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, lg, &log), 1);
    ck_assert_int_eq(log, 1);
    ck_assert(lg[2] > 0 && lg[3] > lg[2]);
    ck_assert_double_eq(log10(lg[2]), round(log10(lg[2])));   /* decades */
    ck_assert(lg[3] >= lin[3] * 0.5);

    exopk_figure_set_log(fig, 3, 0);        /* doxorubicin.plasma to linear */
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 3, lin, &log), 1);
    ck_assert_int_eq(log, 0);
    ck_assert_double_eq(lin[2], 0);

    exopk_figure_set_log(fig, 999, 1);      /* ignored */
    ck_assert_int_eq(exopk_figure_get_log(fig, 999), 0);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("log.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(tmp_path("log.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "tumour volume [mm3] (log scale)"));
    ck_assert_ptr_nonnull(strstr(svg, "doxorubicin in plasma [nmol/L]\n"));
    free(svg);
    exopk_figure_free(fig);
}
END_TEST

/* A time window: the range and unit follow it, the y range is over the
 * window, the lines are where box and range say, NAN/NAN shows all. */
START_TEST(time_window)
{
    ExopkFigure *fig = exopk_figure_new("window", &res[2], 1);
    const ExopkResult *r = res[2];
    const double *t = exopk_result_times(r);
    size_t nt = exopk_result_n_times(r);
    double t0, t1, full[4], win[4];
    cairo_surface_t *img;
    char *svg;

    exopk_figure_get_time_span(fig, &t0, &t1);
    ck_assert_double_eq(t0, t[0]);
    ck_assert_double_eq(t1, t[nt - 1]);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, full, NULL), 1);

    exopk_figure_set_time_window(fig, 24, 60.5);
    exopk_figure_get_time_window(fig, &t0, &t1);
    ck_assert_double_eq(t0, 24);
    ck_assert_double_eq(t1, 60.5);
    ck_assert_str_eq(exopk_figure_time_title(fig), "time [h]");
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, win, NULL), 1);
    ck_assert_double_eq(win[0], 24);
    ck_assert_double_eq(win[1], 60.5);
    ck_assert(win[3] < full[3]);            /* the tumour grows later */

    img = draw_image(fig, 800, 600);
    for (size_t k = 0; k < nt; k++)
        if (t[k] > 25 && t[k] < 60 && k % 5 == 0)
            assert_drawn_at(fig, img, 800, 600, 0, r, "tumour_volume", k);
    cairo_surface_destroy(img);
    ck_assert_int_eq(exopk_figure_write(fig, tmp_path("w.svg"), 0, 0, NULL), EXOPK_OK);
    svg = fixture_read_file(tmp_path("w.svg"), NULL);
    ck_assert_ptr_nonnull(strstr(svg, "time [h]"));
    free(svg);

    exopk_figure_set_time_window(fig, NAN, 100);   /* from the start */
    exopk_figure_get_time_window(fig, &t0, &t1);
    ck_assert_double_eq(t0, t[0]);
    ck_assert_double_eq(t1, 100);
    ck_assert_str_eq(exopk_figure_time_title(fig), "time [d]");
    exopk_figure_set_time_window(fig, -50, 1e9);   /* clamped */
    exopk_figure_get_time_window(fig, &t0, &t1);
    ck_assert_double_eq(t0, t[0]);
    ck_assert_double_eq(t1, t[nt - 1]);
    exopk_figure_set_time_window(fig, 2e9, 3e9);   /* no overlap: all */
    exopk_figure_get_time_window(fig, &t0, &t1);
    ck_assert_double_eq(t1, t[nt - 1]);
    exopk_figure_set_time_window(fig, 24, 48);
    exopk_figure_set_time_window(fig, NAN, NAN);
    ck_assert_int_eq(exopk_figure_panel_range(fig, 800, 600, 0, win, NULL), 1);
    ck_assert(memcmp(win, full, sizeof win) == 0);
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
    tcase_add_test(tc, sirna_panels);
    tcase_add_test(tc, antimir_panels);
    tcase_add_test(tc, panel_box_and_range_match_drawing);
    tcase_add_test(tc, set_log_toggles_axis);
    tcase_add_test(tc, time_window);
    tcase_add_test(tc, title_cut_between_characters);
    suite_add_tcase(s, tc);
    return s;
}
