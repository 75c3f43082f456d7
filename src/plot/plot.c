/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The figure renderer: panels chosen from the series the results have,
 * drawn with Cairo's toy text API onto any cairo_t, or written to PNG, SVG
 * or PDF.  Everything that depends on the size of the box (ticks, fonts,
 * margins) is computed in exopk_figure_draw(); exopk_figure_new() only
 * chooses panels and data ranges. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>

#include "exopk/file.h"
#include "plot.h"
#include "plot-observed.h"
#include "plot-private.h"

#define SERIES_MAX 192
#define TITLE_MAX 256
#define MAX_PER_PANEL 2
#define LOG_DECADES_MAX 7       /* log axes reach this far below the largest value */
#define PNG_DPI 150.0

/* Okabe & Ito (2008), "Color Universal Design": safe for the common colour
 * vision deficiencies.  Yellow is left out (too pale on white); black comes
 * last and axes are grey, so no stroke other than a data line has a palette
 * colour (tests/test-plot.c counts data lines by colour). */
static const double palette[][3] = {
    { 0 / 255.0, 114 / 255.0, 178 / 255.0 },   /* blue */
    { 213 / 255.0, 94 / 255.0, 0 / 255.0 },    /* vermillion */
    { 0 / 255.0, 158 / 255.0, 115 / 255.0 },   /* bluish green */
    { 204 / 255.0, 121 / 255.0, 167 / 255.0 }, /* reddish purple */
    { 230 / 255.0, 159 / 255.0, 0 / 255.0 },   /* orange */
    { 86 / 255.0, 180 / 255.0, 233 / 255.0 },  /* sky blue */
    { 0, 0, 0 },                               /* black */
};
#define N_PALETTE (sizeof palette / sizeof palette[0])


typedef struct {
    char series[MAX_PER_PANEL][SERIES_MAX];
    char key[MAX_PER_PANEL][32];     /* line-style key of a two-series panel */
    size_t n_series;
    char title[TITLE_MAX];           /* y-axis title with unit */
    int log;
    int selected;
    double fixed_hi;                 /* > 0: a level; linear axis 0..fixed_hi */
    int has_data;                    /* anything drawable in the time window */
    double lo, hi;                   /* range of the drawable values in it */
} Panel;

typedef struct {
    const ExopkResult *res;          /* borrowed */
    size_t colour;                   /* its index in the caller's array */
    double *doses;                   /* owned: dose times, h */
    size_t n_doses;
    char *label;                     /* owned: legend text; NULL: the arm's name */
} Arm;

struct ExopkFigure {
    char title[TITLE_MAX];
    Arm *arms;                       /* owned array, n_arms */
    size_t n_arms;
    Panel *panels;                   /* owned array, n_panels */
    size_t n_panels;
    double t_min, t_max;             /* h: the span of the results */
    double t_lo, t_hi;               /* h: the time window drawn */
    double t_div;                    /* 1 (h) or 24 (d), by the window */
    char time_title[16];
    const ExopkObsMatch *const *observed; /* borrowed, n_observed (plot-observed.c) */
    size_t n_observed;
    ExopkResult *const *band_lo, *const *band_hi; /* borrowed, n_bands (plot-bands.c) */
    size_t n_bands;
    char band_label[TITLE_MAX];
    ExopkPlotStyle style;
};

/* ---- choosing panels ------------------------------------------------- */

static int
drawable(double v, int log)
{
    return isfinite(v) && (!log || v > 0);
}

/* The unit of @name in the first result that has it, or NULL. */
static const char *
series_unit(const ExopkFigure *fig, const char *name)
{
    for (size_t a = 0; a < fig->n_arms; a++) {
        long i = exopk_result_find_series(fig->arms[a].res, name);
        if (i >= 0)
            return exopk_result_series_unit(fig->arms[a].res, (size_t) i);
    }
    return NULL;
}

/* The value of @v at time @te by linear interpolation between the samples
 * k - 1 and k of @t; NAN if either is not drawable. */
static double
interpolate(const double *t, const double *v, size_t k, double te, int log)
{
    double f;

    if (!drawable(v[k - 1], log) || !drawable(v[k], log) || !(t[k] > t[k - 1]))
        return NAN;
    f = (te - t[k - 1]) / (t[k] - t[k - 1]);
    return v[k - 1] + f * (v[k] - v[k - 1]);
}

/* The range of the drawable values of panel @p inside the time window,
 * the values at the window's edges interpolated: the y axis fits what is
 * visible. */
static void
panel_update_range(const ExopkFigure *fig, Panel *p)
{
    p->has_data = 0;
    p->lo = INFINITY;
    p->hi = -INFINITY;
    for (size_t a = 0; a < fig->n_arms; a++) {
        const ExopkResult *r = fig->arms[a].res;
        const double *t = exopk_result_times(r);
        size_t nt = exopk_result_n_times(r);
        for (size_t j = 0; j < p->n_series; j++) {
            long i = exopk_result_find_series(r, p->series[j]);
            const double *v = i >= 0 ? exopk_result_series(r, (size_t) i) : NULL;
            for (size_t k = 0; v != NULL && k < nt; k++) {
                double x = NAN;
                if (t[k] >= fig->t_lo && t[k] <= fig->t_hi)
                    x = v[k];
                else if (k > 0 && t[k - 1] < fig->t_lo && t[k] > fig->t_lo)
                    x = interpolate(t, v, k, fig->t_lo, p->log);
                if (k > 0 && t[k - 1] < fig->t_hi && t[k] > fig->t_hi) {
                    double e = interpolate(t, v, k, fig->t_hi, p->log);
                    if (drawable(e, p->log)) {
                        p->has_data = 1;
                        p->lo = fmin(p->lo, e);
                        p->hi = fmax(p->hi, e);
                    }
                }
                if (!drawable(x, p->log))
                    continue;
                p->has_data = 1;
                p->lo = fmin(p->lo, x);
                p->hi = fmax(p->hi, x);
            }
        }
    }
    for (size_t j = 0; j < p->n_series; j++)
        plot_observed_extend(fig->observed, fig->n_observed, p->series[j], fig->t_lo, fig->t_hi,
                             p->log, &p->has_data, &p->lo, &p->hi);
    for (size_t j = 0; j < p->n_series; j++)
        plot_bands_extend(fig->band_lo, fig->band_hi, fig->n_bands, p->series[j], fig->t_lo,
                          fig->t_hi, p->log, &p->has_data, &p->lo, &p->hi);
}

/* Length of the valid UTF-8 character at @s (@n bytes left), 0 if none:
 * overlong forms, surrogates and code points past U+10FFFF are invalid. */
static size_t
utf8_char_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned long cp, min;

    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xe0) == 0xc0)
        len = 2, cp = s[0] & 0x1f, min = 0x80;
    else if ((s[0] & 0xf0) == 0xe0)
        len = 3, cp = s[0] & 0x0f, min = 0x800;
    else if ((s[0] & 0xf8) == 0xf0)
        len = 4, cp = s[0] & 0x07, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3f);
    }
    return cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0 : len;
}

/* @src into @dst (@size > 0 bytes) as text Cairo accepts: a byte that
 * starts no valid character becomes U+FFFD, and a long text is cut
 * between characters, never inside one. */
static void
copy_text(char *dst, size_t size, const char *src)
{
    static const char replacement[] = "\xef\xbf\xbd";
    const unsigned char *s = (const unsigned char *) src;
    size_t left = strlen(src), k = 0;

    while (left > 0) {
        size_t len = utf8_char_len(s, left), step = len ? len : 1, w = len ? len : 3;

        if (k + w >= size)
            break;
        memcpy(dst + k, len ? (const char *) s : replacement, w);
        k += w;
        s += step;
        left -= step;
    }
    dst[k] = '\0';
}

/* Appends a panel of those of the series @s0 and @s1 (may be NULL) that
 * some result has; none: no panel.  @label gets " [unit]".  @fixed_hi > 0:
 * a level between 0 and about 1, drawn on a linear axis 0..@fixed_hi. */
static int
add_panel(ExopkFigure *fig, size_t *cap, const char *label, int log, double fixed_hi,
          const char *s0, const char *k0, const char *s1, const char *k1)
{
    const char *names[MAX_PER_PANEL] = { s0, s1 }, *keys[MAX_PER_PANEL] = { k0, k1 };
    const char *unit = NULL;
    Panel p;

    memset(&p, 0, sizeof p);
    for (size_t j = 0; j < MAX_PER_PANEL; j++) {
        const char *u = names[j] != NULL ? series_unit(fig, names[j]) : NULL;
        if (u == NULL)
            continue;
        if (unit == NULL)
            unit = u;
        snprintf(p.series[p.n_series], SERIES_MAX, "%s", names[j]);
        snprintf(p.key[p.n_series], sizeof p.key[0], "%s", keys[j] != NULL ? keys[j] : "");
        p.n_series++;
    }
    if (p.n_series == 0)
        return 0;
    {
        char full[2 * TITLE_MAX];     /* an agent's name comes from a data file */
        snprintf(full, sizeof full, "%s [%s]", label, unit);
        copy_text(p.title, sizeof p.title, full);
    }
    p.log = log;
    p.fixed_hi = fixed_hi;
    p.selected = 1;
    panel_update_range(fig, &p);
    if (fig->n_panels == *cap) {
        size_t ncap = *cap ? 2 * *cap : 8;
        Panel *np = realloc(fig->panels, ncap * sizeof *np);
        if (np == NULL)
            return -1;
        fig->panels = np;
        *cap = ncap;
    }
    fig->panels[fig->n_panels++] = p;
    return 0;
}

/* Agent names ("A" of "A.plasma", ...) in order of first appearance. */
static size_t
find_agents(const ExopkFigure *fig, char (*agents)[SERIES_MAX], size_t max)
{
    static const char *const suffixes[] = { ".plasma", ".heart", ".cell_s", ".cell_r",
                                            ".target_protein", ".target_mrna",
                                            ".mirna_activity" };
    size_t n = 0;

    for (size_t a = 0; a < fig->n_arms; a++) {
        const ExopkResult *r = fig->arms[a].res;
        for (size_t i = 0; i < exopk_result_n_series(r); i++) {
            const char *name = exopk_result_series_name(r, i), *dot = strrchr(name, '.');
            size_t len = dot != NULL ? (size_t) (dot - name) : 0, j;
            int known = 0;
            for (j = 0; dot != NULL && j < sizeof suffixes / sizeof suffixes[0]; j++)
                known |= strcmp(dot, suffixes[j]) == 0;
            if (!known || len == 0 || len >= SERIES_MAX - 16)
                continue;
            for (j = 0; j < n; j++)
                if (strlen(agents[j]) == len && strncmp(agents[j], name, len) == 0)
                    break;
            if (j == n && n < max) {
                memcpy(agents[n], name, len);
                agents[n++][len] = '\0';
            }
        }
    }
    return n;
}

/* The panels in the order of the question they answer: how the tumour
 * does, what each agent does where, where the vesicles go. */
static int
choose_panels(ExopkFigure *fig)
{
    char agents[EXOPK_MAX_AGENTS][SERIES_MAX];
    size_t n_agents = find_agents(fig, agents, EXOPK_MAX_AGENTS), cap = 0;
    int rc = add_panel(fig, &cap, "tumour volume", 0, 0, "tumour_volume", NULL, NULL, NULL);

    if (rc == 0)
        rc = add_panel(fig, &cap, "resistant fraction", 0, 0, "resistant_fraction", NULL, NULL,
                       NULL);
    if (rc == 0)
        rc = add_panel(fig, &cap, "biomarker in plasma", 1, 0, "biomarker_plasma", NULL, NULL,
                       NULL);
    for (size_t g = 0; rc == 0 && g < n_agents; g++) {
        char s0[SERIES_MAX + 16], s1[SERIES_MAX + 16], label[SERIES_MAX + 32];
        const char *A = agents[g];

        snprintf(s0, sizeof s0, "%s.plasma", A);
        snprintf(label, sizeof label, "%s in plasma", A);
        rc = add_panel(fig, &cap, label, 1, 0, s0, NULL, NULL, NULL);
        snprintf(s0, sizeof s0, "%s.heart", A);
        snprintf(label, sizeof label, "%s in heart", A);
        if (rc == 0)
            rc = add_panel(fig, &cap, label, 1, 0, s0, NULL, NULL, NULL);
        snprintf(s0, sizeof s0, "%s.cell_s", A);
        snprintf(s1, sizeof s1, "%s.cell_r", A);
        snprintf(label, sizeof label, "%s in cells", A);
        if (rc == 0)
            rc = add_panel(fig, &cap, label, 1, 0, s0, "sensitive cells", s1, "resistant cells");
        snprintf(s0, sizeof s0, "%s.target_protein", A);
        snprintf(s1, sizeof s1, "%s.target_mrna", A);
        snprintf(label, sizeof label, "%s target level", A);
        if (rc == 0)
            rc = add_panel(fig, &cap, label, 0, 1.05, s0, "protein", s1, "mRNA");
        snprintf(s0, sizeof s0, "%s.mirna_activity", A);
        snprintf(label, sizeof label, "%s miRNA activity", A);
        if (rc == 0)
            rc = add_panel(fig, &cap, label, 0, 1.05, s0, NULL, NULL, NULL);
    }
    if (rc == 0)
        rc = add_panel(fig, &cap, "injected particles in plasma", 1, 0,
                       "plasma_particles_pct_id", NULL, NULL, NULL);
    if (rc == 0)
        rc = add_panel(fig, &cap, "injected particles in tumour", 1, 0,
                       "tumour_interstitium_particles_pct_id", "interstitium",
                       "tumour_cells_particles_pct_id", "tumour cells");
    if (rc == 0)
        rc = add_panel(fig, &cap, "injected particles in MPS and tissue", 1, 0,
                       "mps_particles_pct_id", "MPS", "tissue_particles_pct_id", "other tissue");
    return rc;
}

/* The window's unit: days when it spans more than 3 days. */
static void
update_time_unit(ExopkFigure *fig)
{
    fig->t_div = fig->t_hi - fig->t_lo > 72 ? 24 : 1;
    snprintf(fig->time_title, sizeof fig->time_title, "time [%s]", fig->t_div > 1 ? "d" : "h");
}

ExopkFigure *
exopk_figure_new(const char *title, ExopkResult *const *results, size_t n_results)
{
    ExopkFigure *fig = calloc(1, sizeof *fig);

    if (fig == NULL)
        return NULL;
    copy_text(fig->title, sizeof fig->title, title != NULL ? title : "");
    fig->arms = calloc(n_results ? n_results : 1, sizeof *fig->arms);
    if (fig->arms == NULL)
        goto fail;
    fig->t_lo = INFINITY;
    fig->t_hi = -INFINITY;
    for (size_t i = 0; i < n_results; i++) {
        const ExopkResult *r = results[i];
        size_t nt = r != NULL ? exopk_result_n_times(r) : 0;
        if (r == NULL)
            continue;
        fig->arms[fig->n_arms++] = (Arm) { .res = r, .colour = i };
        if (nt > 0) {
            fig->t_lo = fmin(fig->t_lo, exopk_result_times(r)[0]);
            fig->t_hi = fmax(fig->t_hi, exopk_result_times(r)[nt - 1]);
        }
    }
    if (!(fig->t_hi > fig->t_lo)) {     /* nothing, or a single time */
        fig->t_lo = isfinite(fig->t_lo) ? fig->t_lo : 0;
        fig->t_hi = fig->t_lo + 1;
    }
    fig->t_min = fig->t_lo;
    fig->t_max = fig->t_hi;
    update_time_unit(fig);
    if (choose_panels(fig) != 0)
        goto fail;
    return fig;
fail:
    exopk_figure_free(fig);
    return NULL;
}

void
exopk_figure_free(ExopkFigure *fig)
{
    if (fig == NULL)
        return;
    for (size_t a = 0; a < fig->n_arms; a++) {
        free(fig->arms[a].doses);
        free(fig->arms[a].label);
    }
    free(fig->arms);
    free(fig->panels);
    free(fig);
}

ExopkStatus
exopk_figure_set_arm_label(ExopkFigure *fig, size_t arm, const char *label)
{
    char *copy = NULL;

    if (arm >= fig->n_arms)
        return EXOPK_EINVAL;
    if (label != NULL) {
        size_t n = strlen(label) + 1;
        if ((copy = malloc(n)) == NULL)
            return EXOPK_ENOMEM;
        memcpy(copy, label, n);
    }
    free(fig->arms[arm].label);
    fig->arms[arm].label = copy;
    return EXOPK_OK;
}

/* The arm's legend text: its label, or its name. */
static const char *
arm_legend_text(const Arm *arm)
{
    return arm->label != NULL ? arm->label : exopk_result_arm(arm->res);
}

ExopkStatus
exopk_figure_set_doses(ExopkFigure *fig, size_t arm, const double *time_h, size_t n)
{
    double *copy;

    if (arm >= fig->n_arms)
        return EXOPK_EINVAL;
    copy = malloc((n ? n : 1) * sizeof *copy);
    if (copy == NULL)
        return EXOPK_ENOMEM;
    if (n > 0)
        memcpy(copy, time_h, n * sizeof *copy);
    free(fig->arms[arm].doses);
    fig->arms[arm].doses = copy;
    fig->arms[arm].n_doses = n;
    return EXOPK_OK;
}

void
exopk_figure_set_style(ExopkFigure *fig, ExopkPlotStyle style)
{
    fig->style = style;
}

ExopkStatus
exopk_plot_style_parse(const char *name, ExopkPlotStyle *style, ExopkError *err)
{
    if (strcmp(name, "screen") == 0 || strcmp(name, "paper") == 0) {
        *style = name[0] == 'p' ? EXOPK_PLOT_PAPER : EXOPK_PLOT_SCREEN;
        return EXOPK_OK;
    }
    return exopk_error_set(err, EXOPK_EINVAL, "unknown figure style \"%s\" (use screen or paper)",
                           name);
}

ExopkStatus
exopk_figure_set_study_doses(ExopkFigure *fig, const ExopkStudy *study)
{
    ExopkStatus st = EXOPK_OK;

    for (size_t a = 0; st == EXOPK_OK && a < fig->n_arms; a++)
        for (size_t s = 0; s < study->n_arms; s++) {
            const ExopkArm *arm = &study->arms[s];
            double *t;

            if (strcmp(arm->name, exopk_result_arm(fig->arms[a].res)) != 0)
                continue;
            if ((t = malloc((arm->n_doses + 1) * sizeof *t)) == NULL)
                return EXOPK_ENOMEM;
            for (size_t k = 0; k < arm->n_doses; k++)
                t[k] = arm->doses[k].time;
            st = exopk_figure_set_doses(fig, a, t, arm->n_doses);
            free(t);
            break;
        }
    return st;
}

size_t
exopk_figure_n_panels(const ExopkFigure *fig)
{
    return fig->n_panels;
}

const char *
exopk_figure_panel_series(const ExopkFigure *fig, size_t panel)
{
    return panel < fig->n_panels ? fig->panels[panel].series[0] : NULL;
}

const char *
exopk_figure_panel_nth_series(const ExopkFigure *fig, size_t panel, size_t j)
{
    return panel < fig->n_panels && j < fig->panels[panel].n_series
               ? fig->panels[panel].series[j] : NULL;
}

const char *
exopk_figure_panel_title(const ExopkFigure *fig, size_t panel)
{
    return panel < fig->n_panels ? fig->panels[panel].title : NULL;
}

const char *
exopk_figure_time_title(const ExopkFigure *fig)
{
    return fig->time_title;
}

void
exopk_figure_arm_colour(size_t arm, double rgb[3])
{
    memcpy(rgb, palette[arm % N_PALETTE], 3 * sizeof rgb[0]);
}

void
exopk_figure_set_log(ExopkFigure *fig, size_t panel, int log)
{
    if (panel >= fig->n_panels || fig->panels[panel].log == (log != 0))
        return;
    fig->panels[panel].log = log != 0;
    panel_update_range(fig, &fig->panels[panel]);
}

int
exopk_figure_get_log(const ExopkFigure *fig, size_t panel)
{
    return panel < fig->n_panels && fig->panels[panel].log;
}

void
exopk_figure_set_time_window(ExopkFigure *fig, double t0, double t1)
{
    t0 = isnan(t0) ? fig->t_min : fmax(t0, fig->t_min);
    t1 = isnan(t1) ? fig->t_max : fmin(t1, fig->t_max);
    if (!(t1 > t0)) {                /* empty, or outside the results: all */
        t0 = fig->t_min;
        t1 = fig->t_max;
    }
    fig->t_lo = t0;
    fig->t_hi = t1;
    update_time_unit(fig);
    for (size_t p = 0; p < fig->n_panels; p++)
        panel_update_range(fig, &fig->panels[p]);
}

void
exopk_figure_set_observed(ExopkFigure *fig, const ExopkObsMatch *const *matches, size_t n)
{
    fig->observed = matches;
    fig->n_observed = matches != NULL ? n : 0;
    for (size_t p = 0; p < fig->n_panels; p++)
        panel_update_range(fig, &fig->panels[p]);
}

void
exopk_figure_set_bands(ExopkFigure *fig, ExopkResult *const *lower, ExopkResult *const *upper,
                       size_t n, const char *label)
{
    int on = lower != NULL && upper != NULL;

    fig->band_lo = on ? lower : NULL;
    fig->band_hi = on ? upper : NULL;
    fig->n_bands = on ? n : 0;
    copy_text(fig->band_label, sizeof fig->band_label, label != NULL ? label : "p05\xe2\x80\x93p95");
    for (size_t p = 0; p < fig->n_panels; p++)
        panel_update_range(fig, &fig->panels[p]);
}

void
exopk_figure_get_time_window(const ExopkFigure *fig, double *t0, double *t1)
{
    *t0 = fig->t_lo;
    *t1 = fig->t_hi;
}

void
exopk_figure_get_time_span(const ExopkFigure *fig, double *t0, double *t1)
{
    *t0 = fig->t_min;
    *t1 = fig->t_max;
}

void
exopk_figure_select(ExopkFigure *fig, const char *const *series, size_t n)
{
    for (size_t p = 0; p < fig->n_panels; p++) {
        Panel *pa = &fig->panels[p];
        pa->selected = series == NULL || n == 0;
        for (size_t i = 0; !pa->selected && i < n; i++)
            for (size_t j = 0; j < pa->n_series; j++)
                if (series[i] != NULL && strcmp(series[i], pa->series[j]) == 0)
                    pa->selected = 1;
    }
}

size_t
exopk_figure_n_selected(const ExopkFigure *fig)
{
    size_t n = 0;

    for (size_t p = 0; p < fig->n_panels; p++)
        n += fig->panels[p].selected != 0;
    return n;
}

/* ---- axes ------------------------------------------------------------ */


/* A 1-2-5 step giving about @target intervals over @range. */
static double
nice_step(double range, double target)
{
    double raw = range / (target < 1 ? 1 : target), mag = pow(10, floor(log10(raw)));
    double f = raw / mag;

    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

static void
format_number(char *buf, size_t size, double v, double step)
{
    int decimals = step >= 1 ? 0 : (int) ceil(-log10(step) - 1e-9);

    if (fabs(v) < step * 1e-6)
        v = 0;                       /* no "-0" */
    if (fabs(v) >= 1e6 || (v != 0 && fabs(v) < 1e-4))
        snprintf(buf, size, "%g", v);
    else
        snprintf(buf, size, "%.*f", decimals, v);
}

/* Linear ticks every nice step; @round_out widens [lo, hi] to steps. */
void
plot_axis_linear(Axis *ax, double lo, double hi, double target, int round_out)
{
    double step;
    long i0, i1;

    if (!(hi - lo > 1e-12 * fmax(fabs(lo), fabs(hi)))) {  /* flat */
        double pad = lo != 0 ? 0.1 * fabs(lo) : 1;
        lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
        hi += pad;
    }
    step = nice_step(hi - lo, target);
    if (round_out) {
        lo = floor(lo / step + 1e-9) * step;
        hi = ceil(hi / step - 1e-9) * step;
    }
    ax->log = 0;
    ax->sup = 0;
    ax->lo = lo;
    ax->hi = hi;
    ax->n = 0;
    i0 = (long) ceil(lo / step - 1e-9);
    i1 = (long) floor(hi / step + 1e-9);
    for (long i = i0; i <= i1 && ax->n < MAX_TICKS; i++) {
        ax->at[ax->n] = i * step;
        format_number(ax->label[ax->n], sizeof ax->label[0], i * step, step);
        ax->n++;
    }
}

/* Decades from below @lo to above @hi, at most LOG_DECADES_MAX below the
 * top; labels every k-th decade for about @target labels, and at 2 and 5
 * too when the axis spans at most two decades of plain numbers. */
void
plot_axis_log(Axis *ax, double lo, double hi, double target)
{
    int d1 = (int) ceil(log10(hi) - 1e-9), d0 = (int) floor(log10(lo) + 1e-9);
    int plain, k;

    if (d0 < d1 - LOG_DECADES_MAX)
        d0 = d1 - LOG_DECADES_MAX;
    if (d0 == d1)
        d0--, d1++;
    plain = d0 >= -3 && d1 <= 4;
    k = (int) ceil((d1 - d0) / fmax(target, 1));
    ax->log = 1;
    ax->sup = !plain;
    ax->lo = d0;
    ax->hi = d1;
    ax->n = 0;
    for (int d = d0; d <= d1 && ax->n < MAX_TICKS; d++) {
        if ((d - d0) % k != 0)
            continue;
        ax->at[ax->n] = d;
        if (plain)
            format_number(ax->label[ax->n], sizeof ax->label[0], pow(10, d), pow(10, d));
        else
            snprintf(ax->label[ax->n], sizeof ax->label[0], "%s%d", d < 0 ? "\xe2\x88\x92" : "",
                     abs(d));                                  /* U+2212 minus */
        ax->n++;
    }
    if (plain && d1 - d0 <= 2)
        for (int d = d0; d < d1; d++)
            for (int m = 2; m <= 5 && ax->n < MAX_TICKS; m += 3) {
                ax->at[ax->n] = d + log10(m);
                format_number(ax->label[ax->n], sizeof ax->label[0], m * pow(10, d),
                              pow(10, d));
                ax->n++;
            }
}

/* ---- text ------------------------------------------------------------ */


void
plot_font(Ctx *c, double size, int bold)
{
    cairo_select_font_face(c->cr, "sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(c->cr, size);
}

double
plot_text_width(Ctx *c, const char *s)
{
    cairo_text_extents_t e;

    cairo_text_extents(c->cr, s, &e);
    return e.x_advance;
}

/* Draws @s with its anchor (@ha: 0 left, 0.5 centre, 1 right) at @x and
 * its digits' vertical centre at @y. */
static double
font_size(cairo_t *cr)
{
    cairo_matrix_t m;

    cairo_get_font_matrix(cr, &m);
    return m.yy;
}

void
plot_text(Ctx *c, double x, double y, const char *s, double ha)
{
    /* digits are about 0.73 em high */
    plot_show_text(c->cr, x, y + 0.365 * font_size(c->cr), s, ha);
}

/* The length of the longest prefix of @s that ends on a UTF-8 character
 * boundary and is shorter than @len. */
static size_t
utf8_cut(const char *s, size_t len)
{
    while (len > 0 && ((unsigned char) s[len - 1] & 0xC0) == 0x80)
        len--;                       /* inside a character: back to its lead byte */
    return len > 0 ? len - 1 : 0;
}

void
plot_text_fit(Ctx *c, double x, double y, const char *s, double ha, double max_w)
{
    double size = font_size(c->cr), w = plot_text_width(c, s);
    char buf[TITLE_MAX + 4];
    size_t len = strlen(s);

    if (w <= max_w || len >= TITLE_MAX) {
        plot_text(c, x, y, s, ha);
        return;
    }
    cairo_set_font_size(c->cr, fmax(0.8, max_w / w) * size);   /* shrink, down to 80 % */
    snprintf(buf, sizeof buf, "%s", s);
    while (len > 0 && plot_text_width(c, buf) > max_w) {       /* then cut: "abc…" */
        len = utf8_cut(s, len);
        snprintf(buf, sizeof buf, "%.*s\xe2\x80\xa6", (int) len, s);
    }
    plot_text(c, x, y, buf, ha);
    cairo_set_font_size(c->cr, size);
}

void
plot_grey(cairo_t *cr, double g)
{
    cairo_set_source_rgb(cr, g, g, g);
}

/* Width of a tick label at the current font. */
double
plot_label_width(Ctx *c, const Axis *ax, size_t i)
{
    double w = plot_text_width(c, ax->sup ? "10" : ax->label[i]);

    if (ax->sup) {
        double size = font_size(c->cr);
        cairo_set_font_size(c->cr, 0.72 * size);
        w += plot_text_width(c, ax->label[i]);
        cairo_set_font_size(c->cr, size);
    }
    return w;
}

/* ---- drawing --------------------------------------------------------- */

typedef struct {
    double x, y, w, h;               /* plot area in user units */
} Box;

static double
map_y(const Axis *ax, const Box *b, double v)
{
    double f;

    if (ax->log)
        v = fmax(log10(v), ax->lo - 50);   /* far below: off the plot, finite */
    f = (v - ax->lo) / (ax->hi - ax->lo);
    return b->y + b->h * (1 - f);
}

static double
map_x(const Axis *ax, const Box *b, double t)
{
    return b->x + b->w * (t - ax->lo) / (ax->hi - ax->lo);
}

/* Series @i of @r at time @t (h) by linear interpolation; NAN outside
 * its times or where not drawable. */
static double
value_at(const ExopkResult *r, long i, double t, int log)
{
    const double *ts = exopk_result_times(r), *v = exopk_result_series(r, (size_t) i);
    size_t lo = 1, hi = exopk_result_n_times(r);

    if (hi < 2 || !(t >= ts[0] && t <= ts[hi - 1]))
        return NAN;
    while (lo < hi) {                /* the first k with ts[k] >= t */
        size_t mid = lo + (hi - lo) / 2;
        if (ts[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return ts[lo] == t && drawable(v[lo], log) ? v[lo] : interpolate(ts, v, lo, t, log);
}

/* How many earlier arms draw series @j of panel @p within @tol (device
 * units) of arm @a's line at each of its samples in the window: a line
 * drawn over one of those would hide it. */
static int
arms_underneath(const ExopkFigure *fig, const Panel *p, size_t j, size_t a, const Axis *ya,
                const Box *b, double tol)
{
    const ExopkResult *r = fig->arms[a].res;
    long i = exopk_result_find_series(r, p->series[j]);
    const double *t = exopk_result_times(r), *v = exopk_result_series(r, (size_t) i);
    int n = 0;

    for (size_t e = 0; e < a; e++) {
        const ExopkResult *re = fig->arms[e].res;
        long ie = exopk_result_find_series(re, p->series[j]);
        size_t seen = 0, k = 0;

        for (; ie >= 0 && k < exopk_result_n_times(r); k++) {
            double ve;
            if (t[k] < fig->t_lo || t[k] > fig->t_hi || !drawable(v[k], p->log))
                continue;
            ve = value_at(re, ie, t[k], p->log);
            if (!(fabs(map_y(ya, b, ve) - map_y(ya, b, v[k])) <= tol))
                break;
            seen++;
        }
        n += ie >= 0 && k == exopk_result_n_times(r) && seen >= 2;
    }
    return n;
}

/* Each dosed arm's doses as small triangles standing on the time axis, in
 * its colour (one filled <path> per arm), the arms' rows stacked. */
static void
draw_doses(Ctx *c, const ExopkFigure *fig, const Axis *xa, const Box *b)
{
    double h = 0.55 * c->u, y = b->y + b->h;
    cairo_t *cr = c->cr;

    cairo_save(cr);
    cairo_rectangle(cr, b->x - h, b->y, b->w + 2 * h, b->h);
    cairo_clip(cr);
    for (size_t a = 0; a < fig->n_arms; a++) {
        const Arm *arm = &fig->arms[a];
        size_t drawn = 0;

        for (size_t k = 0; k < arm->n_doses; k++) {
            double x;
            if (arm->doses[k] < fig->t_lo || arm->doses[k] > fig->t_hi)
                continue;
            x = map_x(xa, b, arm->doses[k] / fig->t_div);
            cairo_move_to(cr, x - 0.5 * h, y);
            cairo_line_to(cr, x + 0.5 * h, y);
            cairo_line_to(cr, x, y - h);
            cairo_close_path(cr);
            drawn++;
        }
        if (drawn == 0)
            continue;
        cairo_set_source_rgb(cr, palette[arm->colour % N_PALETTE][0],
                             palette[arm->colour % N_PALETTE][1],
                             palette[arm->colour % N_PALETTE][2]);
        cairo_fill(cr);
        y -= 1.1 * h;
    }
    cairo_restore(cr);
}

/* One stroke per series, so one SVG <path> per arm and series drawn;
 * undrawable values break the line.  An arm whose line lies on an
 * earlier arm's is drawn thinner on top, so both colours show. */
static void
draw_series(Ctx *c, const ExopkFigure *fig, const Panel *p, const Axis *xa, const Axis *ya,
            const Box *b)
{
    static const double dash[] = { 5, 3 };
    cairo_t *cr = c->cr;

    cairo_save(cr);
    cairo_rectangle(cr, b->x, b->y, b->w, b->h);
    cairo_clip(cr);
    cairo_set_line_width(cr, 1.6 * c->lw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t j = 0; j < p->n_series; j++) {
        double d[2] = { dash[0] * c->lw * 1.6, dash[1] * c->lw * 1.6 };
        cairo_set_dash(cr, d, j > 0 ? 2 : 0, 0);
        for (size_t a = 0; a < fig->n_arms; a++) {
            const ExopkResult *r = fig->arms[a].res;
            long i = exopk_result_find_series(r, p->series[j]);
            const double *t = exopk_result_times(r), *v;
            size_t nt = exopk_result_n_times(r), run = 0, drawn = 0;
            double x0 = 0, y0 = 0;

            if (i < 0)
                continue;
            v = exopk_result_series(r, (size_t) i);
            for (size_t k = 0; k <= nt; k++) {
                /* the window's samples and one beyond each edge (clipped):
                 * the line reaches the edges, and nothing far off is drawn */
                if (k < nt && ((k + 1 < nt && t[k + 1] < fig->t_lo)
                               || (k > 0 && t[k - 1] > fig->t_hi)))
                    continue;
                int ok = k < nt && drawable(v[k], p->log) && isfinite(t[k]);
                double x = ok ? map_x(xa, b, t[k] / fig->t_div) : 0;
                double y = ok ? map_y(ya, b, v[k]) : 0;
                if (!ok) {
                    if (run == 1)        /* a lone point: a round dot */
                        cairo_line_to(cr, x0, y0);
                    run = 0;
                    continue;
                }
                if (run++ == 0)
                    cairo_move_to(cr, x, y);
                else
                    cairo_line_to(cr, x, y);
                x0 = x, y0 = y;
                drawn++;
            }
            if (drawn == 0)
                continue;
            cairo_set_line_width(cr, 1.6 * c->lw / (1 + 1.2 * arms_underneath(fig, p, j, a, ya, b,
                                                                               1.6 * c->lw)));
            cairo_set_source_rgb(cr, palette[fig->arms[a].colour % N_PALETTE][0],
                                 palette[fig->arms[a].colour % N_PALETTE][1],
                                 palette[fig->arms[a].colour % N_PALETTE][2]);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
}

/* A panel's axes as a PlotMap, for the drawing files hooked in here. */
typedef struct {
    const Axis *xa, *ya;
    const Box *b;
    double t_div;
} Place;

static double
place_x(const void *ctx, double t)
{
    const Place *o = ctx;
    return map_x(o->xa, o->b, t / o->t_div);
}

static double
place_y(const void *ctx, double v)
{
    const Place *o = ctx;
    return map_y(o->ya, o->b, v);
}

/* The observed data of panel @p over its lines (plot-observed.c), or
 * with @bands the bands under them (plot-bands.c). */
static void
draw_extra(Ctx *c, const ExopkFigure *fig, const Panel *p, const Axis *xa, const Axis *ya,
           const Box *b, int bands)
{
    Place place = { xa, ya, b, fig->t_div };
    PlotMap map = { place_x, place_y, &place, fig->t_lo, fig->t_hi, p->log, c->u, c->lw };

    cairo_save(c->cr);
    cairo_rectangle(c->cr, b->x, b->y, b->w, b->h);
    cairo_clip(c->cr);
    for (size_t j = 0; j < p->n_series; j++)
        if (bands)
            plot_bands_draw(c->cr, fig->band_lo, fig->band_hi, fig->n_bands, p->series[j], &map);
        else
            plot_observed_draw(c->cr, fig->observed, fig->n_observed, p->series[j], (int) j,
                               &map);
    cairo_restore(c->cr);
}

/* A tick label of the y axis, right-aligned at @x. */
void
plot_y_label(Ctx *c, const Axis *ax, size_t i, double x, double y)
{
    double size = font_size(c->cr), we;

    if (!ax->sup) {
        plot_text(c, x, y, ax->label[i], 1);
        return;
    }
    cairo_set_font_size(c->cr, 0.72 * size);
    we = plot_text_width(c, ax->label[i]);
    plot_text(c, x - we, y - 0.42 * size, ax->label[i], 0);
    cairo_set_font_size(c->cr, size);
    plot_text(c, x - we, y, "10", 1);
}

/* The key of a two-series panel (solid / dashed), right-aligned at @x,
 * its text and gaps times @scale; its width when @dry. */
static double
draw_key(Ctx *c, const Panel *p, double x, double y, int dry, double scale)
{
    double seg = 2.2 * c->u * scale, gap = 0.4 * c->u * scale;
    double d[2] = { 5 * c->lw * 1.6, 3 * c->lw * 1.6 }, x1 = x;

    plot_font(c, 0.82 * c->u * scale, 0);
    for (size_t j = p->n_series; j-- > 0;) {
        double w = plot_text_width(c, p->key[j]);
        if (!dry) {
            plot_grey(c->cr, GREY_KEY);
            plot_text(c, x, y, p->key[j], 1);
        }
        x -= w + gap + seg;
        if (!dry) {
            cairo_set_line_width(c->cr, 1.4 * c->lw);
            cairo_set_dash(c->cr, d, j > 0 ? 2 : 0, 0);
            cairo_move_to(c->cr, x, y);
            cairo_line_to(c->cr, x + seg, y);
            cairo_stroke(c->cr);
            cairo_set_dash(c->cr, NULL, 0, 0);
        }
        if (j > 0)
            x -= 1.2 * c->u * scale;
    }
    return x1 - x;
}

/* ---- layout ------------------------------------------------------------
 * One function computes where everything goes, so that what
 * exopk_figure_draw() draws and what exopk_figure_panel_box() and
 * exopk_figure_panel_range() report are the same numbers. */

/* Where one panel goes: its cell, its heading, its plot area and axes. */
typedef struct {
    double x, y, w, h;               /* the cell */
    double head;                     /* heading above the plot area */
    int x_title;                     /* the time title under it */
    int ok;                          /* big enough for axes */
    Box b;                           /* the plot area */
    Axis xa, ya;                     /* ya only when the panel has data */
} Geom;

/* The figure's frame: sizes, title, legend, grid of cells. */
typedef struct {
    double u, m, top, legend_y;
    size_t n, cols, rows;
    double cw, ch, colgap, rowgap;
} Frame;

/* Measurements must not depend on the surface (a GUI's widget, an image,
 * a PDF): unhinted metrics make text widths the same on every target. */
void
plot_setup_cr(cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();

    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
}

/* Columns for @n panels in a @width x @height box: the cells' aspect
 * closest to 1.8 (a time axis wants width), fewer columns on a near tie;
 * 2 columns for 3 or more panels in the CLI's default sizes. */
static size_t
choose_cols(size_t n, double width, double height)
{
    size_t best = 1;
    double best_cost = INFINITY;

    for (size_t c = 1; c <= 4 && c <= n; c++) {
        size_t rows = (n + c - 1) / c;
        double aspect = (width / c) / (0.9 * height / rows);
        double cost = fabs(log(aspect / 1.8)) + 0.05 * (double) (c - 1);
        if (cost < best_cost) {
            best_cost = cost;
            best = c;
        }
    }
    return best;
}

static double draw_legend(Ctx *c, const ExopkFigure *fig, double x, double y, double w, int dry);

/* Sets c->u and c->lw and fills @f for a @width x @height box. */
static void
frame_layout(Ctx *c, const ExopkFigure *fig, double width, double height, Frame *f)
{
    double u;

    f->n = exopk_figure_n_selected(fig);
    f->cols = choose_cols(f->n, width, height);
    f->rows = f->n ? (f->n + f->cols - 1) / f->cols : 1;
    /* Text and lines follow the box: 11 units of font in a 768-wide box,
     * less when the rows are low, within what stays legible in a small
     * widget (8.5: tick labels of 7 px on a screen) and balanced in a big
     * one. */
    u = fmin(width / 70, height / (10 + 12.0 * f->rows));
    u = fmax(8.5, fmin(u, 16));
    c->u = u;
    c->lw = u / 11;
    f->u = u;
    f->m = 0.9 * u;
    f->top = f->m;
    if (fig->title[0] != '\0')
        f->top += 1.8 * u;
    f->legend_y = f->top;
    f->top += draw_legend(c, fig, f->m, f->top, width - 2 * f->m, 1) + 0.6 * u;
    f->colgap = 2.2 * u;
    f->rowgap = 1.2 * u;
    f->cw = (width - 2 * f->m - (f->cols - 1) * f->colgap) / f->cols;
    f->ch = (height - f->top - f->m - (f->rows - 1) * f->rowgap) / f->rows;
}

/* The cell of the @k-th selected panel. */
static void
frame_cell(const Frame *f, size_t k, Geom *g)
{
    size_t r = k / f->cols, col = k % f->cols;

    g->x = f->m + col * (f->cw + f->colgap);
    g->y = f->top + r * (f->ch + f->rowgap);
    g->w = f->cw;
    g->h = f->ch;
    g->x_title = k + f->cols >= f->n;  /* under the lowest panel of each column */
}

/* Where a title too wide for @w breaks into two lines: the last space
 * before which it fits (0: it fits on one line, or has no space). */
static size_t
title_break(Ctx *c, const char *title, double w)
{
    char buf[TITLE_MAX];
    size_t best = 0;

    if (plot_text_width(c, title) <= w)
        return 0;
    for (size_t i = 1; title[i] != '\0' && i < sizeof buf; i++) {
        if (title[i] != ' ')
            continue;
        snprintf(buf, sizeof buf, "%.*s", (int) i, title);
        if (plot_text_width(c, buf) > w)
            break;
        best = i;
    }
    return best;
}

/* The panel's title at (@x, @y) within @w, on a second line where it
 * breaks (the unit is never cut while it fits there). */
static void
draw_title(Ctx *c, const char *title, double x, double y, double w)
{
    size_t k = title_break(c, title, w);
    char first[TITLE_MAX];

    if (k == 0) {
        plot_text_fit(c, x, y, title, 0, w);
        return;
    }
    snprintf(first, sizeof first, "%.*s", (int) k, title);
    plot_text(c, x, y, first, 0);
    plot_text_fit(c, x, y + 1.2 * c->u, title + k + 1, 0, w);
}

/* The heading, the plot area and the axes of panel @p in the cell of @g. */
static void
panel_layout(Ctx *c, const ExopkFigure *fig, const Panel *p, Geom *g)
{
    double u = c->u, fs = 0.82 * u, left = 0;
    double bottom = 1.6 * fs + (g->x_title ? 1.5 * u : 0);

    g->ok = 0;
    g->head = 1.7 * u;
    plot_font(c, u, 0);
    if (title_break(c, p->title, g->w) > 0)
        g->head += 1.2 * u;          /* the title on two lines */
    if (p->n_series > 1) {           /* the key beside the title, or under it */
        if (plot_text_width(c, p->title) + 1.5 * u + draw_key(c, p, g->x + g->w, 0, 1, 1) > g->w)
            g->head += 1.4 * u;
    }
    g->b.y = g->y + g->head;
    g->b.h = g->h - g->head - bottom;
    if (g->b.h < 2 * u || g->w < 6 * u)
        return;                      /* too small to say anything */
    plot_font(c, fs, 0);
    if (p->has_data) {
        double target = g->b.h / (2.6 * fs);
        if (p->log)
            plot_axis_log(&g->ya, p->lo, p->hi, target);
        else if (p->fixed_hi > 0 && p->hi <= p->fixed_hi && p->lo >= 0)
            plot_axis_linear(&g->ya, 0, p->fixed_hi, target, 0);
        else {
            double lo = p->lo >= 0 && p->lo <= 0.5 * p->hi ? 0 : p->lo;
            plot_axis_linear(&g->ya, lo, p->hi, target, 1);
        }
        for (size_t i = 0; i < g->ya.n; i++)
            left = fmax(left, plot_label_width(c, &g->ya, i));
    }
    g->b.x = g->x + left + 0.5 * fs;
    g->b.w = g->w - left - 0.5 * fs - 0.6 * u;
    if (g->b.w < 4 * u)
        return;
    plot_axis_linear(&g->xa, fig->t_lo / fig->t_div, fig->t_hi / fig->t_div, g->b.w / (5.5 * fs), 0);
    g->ok = 1;
}

static void
draw_panel(Ctx *c, const ExopkFigure *fig, const Panel *p, const Geom *g)
{
    cairo_t *cr = c->cr;
    double u = c->u, fs = 0.82 * u;
    const Box *b = &g->b;
    const Axis *xa = &g->xa, *ya = &g->ya;

    plot_font(c, u, 0);
    plot_grey(cr, GREY_TEXT);
    draw_title(c, p->title, g->x, g->y + 0.6 * u, g->w);
    if (p->n_series > 1)
        /* smaller when it is wider than the cell */
        draw_key(c, p, g->x + g->w, g->y + g->head - 1.1 * u, 0,
                 fmin(1, g->w / draw_key(c, p, g->x + g->w, 0, 1, 1)));
    if (!g->ok)
        return;

    /* grid, then axes */
    cairo_set_line_width(cr, 0.6 * c->lw);
    plot_grey(cr, GREY_GRID);
    for (size_t i = 0; p->has_data && i < ya->n; i++) {
        double yy = round(map_y(ya, b, ya->log ? pow(10, ya->at[i]) : ya->at[i])) + 0.5;
        cairo_move_to(cr, b->x, yy);
        cairo_line_to(cr, b->x + b->w, yy);
    }
    for (size_t i = 0; i < xa->n; i++) {
        double xx = round(map_x(xa, b, xa->at[i])) + 0.5;
        cairo_move_to(cr, xx, b->y);
        cairo_line_to(cr, xx, b->y + b->h);
    }
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.9 * c->lw);
    plot_grey(cr, GREY_AXIS);
    cairo_move_to(cr, b->x, b->y);
    cairo_line_to(cr, b->x, b->y + b->h);
    cairo_line_to(cr, b->x + b->w, b->y + b->h);
    cairo_stroke(cr);

    /* tick labels and the x title */
    plot_font(c, fs, 0);
    plot_grey(cr, GREY_TEXT);
    for (size_t i = 0; p->has_data && i < ya->n; i++)
        plot_y_label(c, ya, i, b->x - 0.4 * fs,
                map_y(ya, b, ya->log ? pow(10, ya->at[i]) : ya->at[i]));
    for (size_t i = 0; i < xa->n; i++)
        plot_text(c, map_x(xa, b, xa->at[i]), b->y + b->h + 0.9 * fs, xa->label[i], 0.5);
    if (g->x_title) {
        plot_font(c, 0.9 * u, 0);
        plot_text(c, b->x + b->w / 2, b->y + b->h + 1.6 * fs + 0.75 * u, fig->time_title, 0.5);
    }

    if (!p->has_data) {
        plot_font(c, u, 0);
        plot_grey(cr, GREY_MUTED);
        plot_text(c, b->x + b->w / 2, b->y + b->h / 2, "no data", 0.5);
        return;
    }
    draw_extra(c, fig, p, xa, ya, b, 1);
    draw_series(c, fig, p, xa, ya, b);
    draw_extra(c, fig, p, xa, ya, b, 0);
    draw_doses(c, fig, xa, b);
}

/* The legend entry of the dose markers: a grey triangle and "dose";
 * returns its height, 0 when no arm has a dose in the window. */
static double
dose_legend(Ctx *c, const ExopkFigure *fig, double x, double y, double w, int dry)
{
    double u = c->u, h = 0.55 * u, row = 1.5 * u, xx;
    int any = 0;

    for (size_t a = 0; a < fig->n_arms; a++)
        for (size_t k = 0; k < fig->arms[a].n_doses; k++)
            any |= fig->arms[a].doses[k] >= fig->t_lo && fig->arms[a].doses[k] <= fig->t_hi;
    if (!any || dry)
        return any ? row : 0;
    plot_font(c, 0.9 * u, 0);
    xx = x + fmax(0, (w - h - 0.4 * u - plot_text_width(c, "dose")) / 2);
    plot_grey(c->cr, GREY_KEY);
    cairo_move_to(c->cr, xx, y + 0.5 * row + 0.5 * h);
    cairo_line_to(c->cr, xx + h, y + 0.5 * row + 0.5 * h);
    cairo_line_to(c->cr, xx + 0.5 * h, y + 0.5 * row - 0.5 * h);
    cairo_close_path(c->cr);
    cairo_fill(c->cr);
    plot_grey(c->cr, GREY_TEXT);
    plot_text(c, xx + h + 0.4 * u, y + 0.5 * row, "dose", 0);
    return row;
}

/* Legend: a swatch (filled, so that it is no stroke of an arm's colour)
 * and the name of every arm, in rows centred under the title.  Returns its
 * height. */
static double
draw_legend(Ctx *c, const ExopkFigure *fig, double x, double y, double w, int dry)
{
    double u = c->u, sw = 1.6 * u, gap = 1.4 * u, row = 1.5 * u, height = 0;
    size_t a = 0;

    plot_font(c, 0.9 * u, 0);
    while (a < fig->n_arms) {
        size_t a1 = a;
        double rw = 0, xx;
        while (a1 < fig->n_arms) {
            double iw = sw + 0.4 * u + plot_text_width(c, arm_legend_text(&fig->arms[a1]));
            if (a1 > a && rw + gap + iw > w)
                break;
            rw += (a1 > a ? gap : 0) + iw;
            a1++;
        }
        xx = x + fmax(0, (w - rw) / 2);
        for (; !dry && a < a1; a++) {
            const char *name = arm_legend_text(&fig->arms[a]);
            const double *rgb = palette[fig->arms[a].colour % N_PALETTE];
            cairo_set_source_rgb(c->cr, rgb[0], rgb[1], rgb[2]);
            cairo_rectangle(c->cr, xx, y + height + 0.5 * row - 0.15 * u, sw, 0.3 * u);
            cairo_fill(c->cr);
            plot_grey(c->cr, GREY_TEXT);
            plot_text(c, xx + sw + 0.4 * u, y + height + 0.5 * row, name, 0);
            xx += sw + 0.4 * u + plot_text_width(c, name) + gap;
        }
        a = a1;
        height += row;
    }
    height += plot_bands_legend(c->cr, fig->band_lo, fig->n_bands, fig->band_label, x,
                                y + height, w, u, c->lw, dry);
    height += dose_legend(c, fig, x, y + height, w, dry);
    return height + plot_observed_legend(c->cr, fig->observed, fig->n_observed, x, y + height, w,
                                         u, c->lw, dry);
}

void
exopk_figure_draw(const ExopkFigure *fig, cairo_t *cr, double width, double height)
{
    Frame f;
    Ctx c = { .cr = cr };

    if (!(width > 0 && height > 0))
        return;
    cairo_save(cr);
    plot_setup_cr(cr);
    frame_layout(&c, fig, width, height, &f);
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);

    if (fig->title[0] != '\0') {
        plot_font(&c, 1.3 * f.u, 1);
        plot_grey(cr, GREY_TEXT);
        plot_text_fit(&c, width / 2, f.m + 0.7 * f.u, fig->title, 0.5, width - 2 * f.m);
    }
    draw_legend(&c, fig, f.m, f.legend_y, width - 2 * f.m, 0);

    if (f.n == 0) {
        plot_font(&c, f.u, 0);
        plot_grey(cr, GREY_MUTED);
        plot_text(&c, width / 2, (f.top + height) / 2, "no data", 0.5);
        cairo_restore(cr);
        return;
    }
    for (size_t p = 0, k = 0; p < fig->n_panels; p++) {
        Geom g;
        if (!fig->panels[p].selected)
            continue;
        frame_cell(&f, k++, &g);
        panel_layout(&c, fig, &fig->panels[p], &g);
        draw_panel(&c, fig, &fig->panels[p], &g);
    }
    cairo_restore(cr);
}

/* The layout of panel @panel in a @width x @height figure, measured on a
 * scratch surface; 0 when it is not drawn with axes. */
static int
locate_panel(const ExopkFigure *fig, double width, double height, size_t panel, Geom *g)
{
    cairo_surface_t *surf;
    cairo_t *cr;
    Frame f;
    Ctx c;
    size_t k = 0;

    if (panel >= fig->n_panels || !fig->panels[panel].selected || !(width > 0 && height > 0))
        return 0;
    for (size_t p = 0; p < panel; p++)
        k += fig->panels[p].selected != 0;
    surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cr = cairo_create(surf);
    plot_setup_cr(cr);
    c = (Ctx) { .cr = cr };
    frame_layout(&c, fig, width, height, &f);
    frame_cell(&f, k, g);
    panel_layout(&c, fig, &fig->panels[panel], g);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    return g->ok;
}

int
exopk_figure_panel_box(const ExopkFigure *fig, double width, double height, size_t panel,
                       double box[4])
{
    Geom g;

    if (!locate_panel(fig, width, height, panel, &g))
        return 0;
    box[0] = g.b.x;
    box[1] = g.b.y;
    box[2] = g.b.w;
    box[3] = g.b.h;
    return 1;
}

int
exopk_figure_panel_range(const ExopkFigure *fig, double width, double height, size_t panel,
                         double range[4], int *log)
{
    Geom g;

    if (!locate_panel(fig, width, height, panel, &g))
        return 0;
    range[0] = fig->t_lo;
    range[1] = fig->t_hi;
    if (fig->panels[panel].has_data) {
        range[2] = g.ya.log ? pow(10, g.ya.lo) : g.ya.lo;
        range[3] = g.ya.log ? pow(10, g.ya.hi) : g.ya.hi;
    } else {
        range[2] = range[3] = NAN;
    }
    if (log != NULL)
        *log = fig->panels[panel].log;
    return 1;
}

/* ---- files ----------------------------------------------------------- */

typedef struct {
    FILE *fp;
    int error;                       /* errno of the first failed write */
} Sink;

static cairo_status_t
sink_write(void *data, const unsigned char *buf, unsigned int len)
{
    Sink *s = data;

    if (s->error == 0 && fwrite(buf, 1, len, s->fp) != len)
        s->error = errno ? errno : EIO;
    return s->error ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

typedef struct {
    char *buf;
    size_t len, cap;
} Mem;

static cairo_status_t
mem_write(void *data, const unsigned char *buf, unsigned int len)
{
    Mem *m = data;

    if (m->len + len > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        char *nb;
        while (cap < m->len + len)
            cap *= 2;
        nb = realloc(m->buf, cap);
        if (nb == NULL)
            return CAIRO_STATUS_NO_MEMORY;
        m->buf = nb;
        m->cap = cap;
    }
    memcpy(m->buf + m->len, buf, len);
    m->len += len;
    return CAIRO_STATUS_SUCCESS;
}

void
plot_xml_escaped(FILE *fp, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        default: fputc(*s, fp);
        }
    }
}

/* A <title> and a <desc> after the <svg> tag say what the figure shows
 * (for a reader, a search, a test), and the text recorded by @texts goes
 * before the closing tag. */
static void
svg_write_with_desc(const PlotDrawing *d, const Mem *m, const PlotTextSink *texts, FILE *fp)
{
    const char *end = NULL;
    size_t head, tail = m->len;

    /* m->buf is not NUL-terminated: search by hand */
    for (size_t i = 0; i + 4 < m->len && end == NULL; i++)
        if (memcmp(m->buf + i, "<svg", 4) == 0)
            end = memchr(m->buf + i, '>', m->len - i);
    if (end == NULL) {
        fwrite(m->buf, 1, m->len, fp);
        return;
    }
    head = (size_t) (end - m->buf) + 1;
    while (tail >= head + 6 && memcmp(m->buf + tail - 6, "</svg>", 6) != 0)
        tail--;
    tail = tail >= head + 6 ? tail - 6 : m->len;     /* before the last </svg> */
    fwrite(m->buf, 1, head, fp);
    fputs("\n<title>", fp);
    plot_xml_escaped(fp, d->title);
    fputs("</title>\n<desc>", fp);
    d->desc(d->obj, fp);
    fputs("</desc>", fp);
    fwrite(m->buf + head, 1, tail - head, fp);
    plot_text_sink_write(texts, fp);
    fwrite(m->buf + tail, 1, m->len - tail, fp);
}

/* The figure's <desc>: its arms and its panels. */
static void
figure_desc(const void *obj, FILE *fp)
{
    const ExopkFigure *fig = obj;

    fputs("Arms:", fp);
    for (size_t a = 0; a < fig->n_arms; a++) {
        fputs(a ? ", " : " ", fp);
        plot_xml_escaped(fp, exopk_result_arm(fig->arms[a].res));
    }
    fputs(".\nPanels against ", fp);
    plot_xml_escaped(fp, fig->time_title);
    fputs(":\n", fp);
    for (size_t p = 0; p < fig->n_panels; p++) {
        if (!fig->panels[p].selected)
            continue;
        plot_xml_escaped(fp, fig->panels[p].title);
        fprintf(fp, "%s%s\n", fig->panels[p].log ? " (log scale)" : "",
                fig->panels[p].has_data ? "" : " (no data)");
    }
}

static void
figure_draw(const void *obj, cairo_t *cr, double width, double height)
{
    exopk_figure_draw(obj, cr, width, height);
}

typedef enum { FMT_PNG, FMT_SVG, FMT_PDF } Format;

static double
png_dpi(ExopkPlotStyle style)
{
    return style == EXOPK_PLOT_PAPER ? 300.0 : PNG_DPI;
}

/* Renders to the open @fp; 0 or an errno-style code in *@werr, and a
 * cairo status. */
static cairo_status_t
render(const PlotDrawing *d, Format fmt, double w, double h, FILE *fp, int *werr)
{
    Sink sink = { .fp = fp, .error = 0 };
    Mem mem = { 0 };
    PlotTextSink *texts = NULL;
    cairo_surface_t *surf;
    cairo_status_t st;
    cairo_t *cr;
    double scale = fmt == FMT_PNG ? png_dpi(d->style) / 72.0 : 1;

    if (fmt == FMT_PNG) {
        int px = (int) lround(w * scale), py = (int) lround(h * scale);
        surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px, py);
        w = px / scale;              /* whole pixels: no grey fringe at the edge */
        h = py / scale;
    } else if (fmt == FMT_SVG)
        surf = cairo_svg_surface_create_for_stream(mem_write, &mem, w, h);
    else
        surf = cairo_pdf_surface_create_for_stream(sink_write, &sink, w, h);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    if (fmt == FMT_PDF) {
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, d->title);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "exopk");
    }
#endif
    cr = cairo_create(surf);
    if (fmt != FMT_SVG || (texts = plot_text_sink_attach(cr)) != NULL) {
        cairo_scale(cr, scale, scale);
        d->draw(d->obj, cr, w, h);
        st = cairo_status(cr);
    } else {
        st = CAIRO_STATUS_NO_MEMORY;
    }
    if (st == CAIRO_STATUS_SUCCESS && texts != NULL && plot_text_sink_failed(texts))
        st = CAIRO_STATUS_NO_MEMORY;
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && fmt == FMT_PNG)
        st = cairo_surface_write_to_png_stream(surf, sink_write, &sink);
    cairo_surface_finish(surf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    if (st == CAIRO_STATUS_SUCCESS && fmt == FMT_SVG)
        svg_write_with_desc(d, &mem, texts, fp);
    plot_text_sink_free(texts);
    free(mem.buf);
    *werr = sink.error;
    return st;
}

/* The format of @path by its extension, or -1 and @err. */
static int
figure_format(const char *path, ExopkError *err)
{
    static const char *const ext_names[] = { "png", "svg", "pdf" };
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

    if (dot != NULL && (slash == NULL || dot > slash)) {
        for (int i = 0; i < 3; i++)
            if (strcasecmp(dot + 1, ext_names[i]) == 0)
                return i;
        exopk_error_set(err, EXOPK_EINVAL,
                        "%s: unknown figure format \"%s\" (use .png, .svg or .pdf)", path, dot);
        return -1;
    }
    exopk_error_set(err, EXOPK_EINVAL,
                    "%s: no file extension to choose the figure format (use .png, .svg or .pdf)",
                    path);
    return -1;
}

ExopkStatus
exopk_figure_check_path(const char *path, ExopkError *err)
{
    return figure_format(path, err) < 0 ? EXOPK_EINVAL : EXOPK_OK;
}

ExopkStatus
plot_write(const PlotDrawing *d, const char *path, double width_pt, double height_pt,
           ExopkError *err)
{
    ExopkAtomicFile file;
    cairo_status_t st;
    int werr = 0, fmt = figure_format(path, err);

    if (fmt < 0)
        return EXOPK_EINVAL;
    if (!(width_pt > 0 && height_pt > 0) || width_pt > 14400 || height_pt > 14400 ||
        (fmt == FMT_PNG && fmax(width_pt, height_pt) * png_dpi(d->style) / 72 > 32767))
        return exopk_error_set(err, EXOPK_EINVAL, "%s: figure of %g x %g pt is too large", path,
                               width_pt, height_pt);

    if (exopk_atomic_open(&file, path, err) != EXOPK_OK)
        return EXOPK_EIO;
    st = render(d, (Format) fmt, width_pt, height_pt, file.fp, &werr);
    if (st == CAIRO_STATUS_NO_MEMORY || werr != 0 || st != CAIRO_STATUS_SUCCESS) {
        exopk_atomic_abort(&file);
        if (st == CAIRO_STATUS_NO_MEMORY)
            return exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", path);
        return exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", path,
                               werr ? strerror(werr) : cairo_status_to_string(st));
    }
    return exopk_atomic_commit(&file, err);
}

ExopkStatus
exopk_figure_write(const ExopkFigure *fig, const char *path, double width_pt, double height_pt,
                   ExopkError *err)
{
    size_t n = exopk_figure_n_selected(fig), rows = n > 2 ? (n + 1) / 2 : (n ? n : 1);
    PlotDrawing d = { fig, fig->title, figure_draw, figure_desc, fig->style };
    int paper = fig->style == EXOPK_PLOT_PAPER;

    if (figure_format(path, err) < 0)
        return EXOPK_EINVAL;
    if (!(width_pt > 0))
        width_pt = paper ? PLOT_PAPER_WIDTH_PT : 768;
    if (!(height_pt > 0))
        height_pt = paper ? 70 + 105.0 * rows : fmax(480, 60 + 170.0 * rows);
    return plot_write(&d, path, width_pt, height_pt, err);
}

void
exopk_plot_shutdown(void)
{
    cairo_debug_reset_static_data();
    FcFini();
}
