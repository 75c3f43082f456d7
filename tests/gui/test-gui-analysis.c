/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GUI smoke test of populations and fits: start exopk-gtk on the default
 * study with a variability block; tick Population with 40 subjects and
 * wait for the bands (p05 <= p50 <= p95 on every panel, in the exported
 * figure too); an edit drops them and runs the population again; untick.
 * Open the shipped observed data, fit doxorubicin.cl through the fit
 * panel's widgets and compare the estimate with exopk_fit called here on
 * the study file; apply it (the study's params and the plot follow);
 * cancel another fit (the study unchanged); the NONMEM example (no
 * variability: the toggle says so; its dataset fitted as exopk_fit
 * does; a parameter the data cannot tell, not identifiable; a CSV opened
 * over the dataset keeps its doses); the saved study again (its
 * estimate, variability and data kept): close the window while a fit and
 * a population run.
 * TAP on stdout; GTK warnings are fatal. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "exopk-gui-application.h"
#include "exopk-gui-fit.h"
#include "exopk-gui-population.h"
#include "exopk-gui-util.h"
#include "exopk-gui-window.h"
#include "exopk-lua.h"

#define TIMEOUT_S 90
#define N_TESTS 37
#define STEP_DONE 99
#define SUBJECTS 40
#define FIT_PARAM "doxorubicin.cl"

typedef struct {
    ExopkGuiApplication *app;
    ExopkGuiWindow *win;
    int step, n_test;
    char *tmp, *var_file, *data_file, *saved_file, *text_before;
    guint runs_before, started_before, results_before;
    gint64 started, edit_us;
    double estimate, dose;      /* the exodox dose of the study file */
} Test;

static void
ok(Test *t, gboolean pass, const char *what)
{
    printf("%sok %d - %s\n", pass ? "" : "not ", ++t->n_test, what);
    fflush(stdout);
}

static gboolean
finish(Test *t)
{
    if (t->win != NULL) {
        exopk_gui_window_set_force_close(t->win, TRUE);
        gtk_window_close(GTK_WINDOW(t->win));
    }
    return G_SOURCE_REMOVE;
}

static void
next_step(Test *t, int step)
{
    t->step = step;
}

static size_t
arm_index(const ExopkStudy *s, const char *name)
{
    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, name) == 0)
            return a;
    return s->n_arms;
}

/* The study's override of @path (NAN: none). */
static double
override_of(const ExopkStudy *s, const char *path)
{
    for (size_t i = 0; i < s->n_overrides; i++)
        if (strcmp(s->overrides[i].path, path) == 0)
            return s->overrides[i].value;
    return NAN;
}

/* The default study with a variability block before its solver line. */
static void
write_var_study(Test *t)
{
    g_autofree char *def = g_build_filename(g_getenv("EXOPK_DATA_DIR"), "examples",
                                            "default.lua", NULL);
    g_autofree char *text = NULL;
    GString *s;
    char *at;

    if (!g_file_get_contents(def, &text, NULL, NULL) || (at = strstr(text, "  solver = {")) == NULL)
        g_error("cannot read %s with a solver line", def);
    s = g_string_new_len(text, at - text);
    g_string_append(s, "  variability = { [\"carrier.k_pt\"] = \"30 %\", "
                       "[\"tumour.growth_rate\"] = \"25 %\", dose = 0.2 },\n");
    g_string_append(s, at);
    t->var_file = g_build_filename(t->tmp, "var.lua", NULL);
    if (!g_file_set_contents(t->var_file, s->str, -1, NULL))
        g_error("cannot write %s", t->var_file);
    g_string_free(s, TRUE);
    {
        g_autofree char *data = g_build_filename(g_getenv("EXOPK_DATA_DIR"), "examples",
                                                 "calibration-observed.csv", NULL);
        t->data_file = g_canonicalize_filename(data, NULL);
    }
}

/* p05 <= p50 <= p95 at every time of every series of arm @arm; *@wide:
 * some series has p05 < p95 somewhere. */
static gboolean
bands_ordered(ExopkGuiPlot *plot, size_t arm, gboolean *wide)
{
    const ExopkResult *q[3];

    for (int k = 0; k < 3; k++)
        if ((q[k] = exopk_gui_plot_get_band(plot, arm, k)) == NULL)
            return FALSE;
    *wide = FALSE;
    for (size_t j = 0; j < exopk_result_n_series(q[0]); j++) {
        const double *lo = exopk_result_series(q[0], j), *mid = exopk_result_series(q[1], j);
        const double *hi = exopk_result_series(q[2], j);
        for (size_t i = 0; i < exopk_result_n_times(q[0]); i++) {
            if (!(lo[i] <= mid[i] && mid[i] <= hi[i]))
                return FALSE;
            *wide |= lo[i] < hi[i];
        }
    }
    return TRUE;
}

/* Whether the figure exported as SVG has translucent fills (the bands):
 * 1 yes, 0 no, -1 no export. */
static int
exported_translucent(Test *t)
{
    g_autofree char *svg = g_build_filename(t->tmp, "figure.svg", NULL);
    g_autofree char *text = NULL;

    if (!exopk_gui_window_export_figure(t->win, svg, NULL)
        || !g_file_get_contents(svg, &text, NULL, NULL))
        return -1;
    for (const char *p = strstr(text, "fill-opacity"); p != NULL;
         p = strstr(p + 1, "fill-opacity")) {
        const char *v = p + strlen("fill-opacity");
        v += *v == ':' ? 1 : *v == '=' ? 2 : 0;
        if (g_ascii_strtod(v, NULL) < 1)
            return 1;
    }
    return 0;
}

/* Whether the hover read-out in the middle of the tumour volume panel (day
 * 14) gives arm @arm's p50 band there: the lines are the p50s. */
static gboolean
readout_is_p50(ExopkGuiPlot *plot, size_t arm)
{
    const ExopkResult *mid = exopk_gui_plot_get_band(plot, arm, 1);
    long col = mid != NULL ? exopk_result_find_series(mid, "tumour_volume") : -1;
    const double *t = mid != NULL ? exopk_result_times(mid) : NULL;
    char want[96], v[32];
    double box[4];
    size_t i = 0;

    if (col < 0 || !exopk_gui_plot_get_panel_box(plot, "tumour_volume", box))
        return FALSE;
    while (i < exopk_result_n_times(mid) && t[i] < 336)
        i++;
    if (i == exopk_result_n_times(mid) || t[i] != 336)
        return FALSE;
    exopk_gui_format(v, sizeof v, exopk_result_series(mid, col)[i]);
    g_snprintf(want, sizeof want, " %s %s", exopk_result_arm(mid), v);
    exopk_gui_plot_hover(plot, box[0] + box[2] / 2, box[1] + box[3] / 2);
    printf("# read-out: %s\n", exopk_gui_plot_get_readout(plot));
    return strstr(exopk_gui_plot_get_readout(plot), want) != NULL;
}

/* Ticks Population with SUBJECTS subjects: the toggle offered, the variability named. */
static void
step_population(Test *t)
{
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);

    ok(t, gtk_widget_get_sensitive(exopk_gui_population_bar_get_toggle(bar))
          && strstr(exopk_gui_population_bar_get_text(bar), "carrier.k_pt 30 %") != NULL,
       "Population is offered and names the study's variability");
    printf("# %s\n", exopk_gui_population_bar_get_text(bar));
    ok(t, exopk_gui_plot_get_band(exopk_gui_window_get_plot(t->win), 0, 0) == NULL,
       "no bands before the toggle");
    t->dose = gtk_spin_button_get_value(exopk_gui_window_get_spin(t->win, "arm.exodox.dose"));
    exopk_gui_population_bar_configure(bar, TRUE, SUBJECTS, 7);
    ok(t, exopk_gui_population_bar_get_busy(bar), "ticking it starts a population");
    next_step(t, 1);
}

/* The bands: ordered on every panel of every arm, in the exported figure. */
static void
step_bands(Test *t)
{
    ExopkGuiPlot *plot = exopk_gui_window_get_plot(t->win);
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);
    const ExopkStudy *s = exopk_gui_window_get_study(t->win);
    gboolean all = TRUE, wide = FALSE, w;

    for (size_t a = 0; a < s->n_arms; a++)
        all &= bands_ordered(plot, a, &w);
    ok(t, all, "bands for every arm: p05 <= p50 <= p95 at every time of every panel");
    ok(t, bands_ordered(plot, arm_index(s, "exodox"), &wide) && wide,
       "the exodox bands have width (the population varies)");
    ok(t, readout_is_p50(plot, arm_index(s, "exodox")), "the lines are the p50s (read-out)");
    exopk_gui_plot_hover(plot, -1, -1);
    ok(t, strstr(exopk_gui_population_bar_get_text(bar), "40 subjects") != NULL,
       "the bar says how many subjects");
    ok(t, exported_translucent(t) == 1, "the exported figure has the bands (translucent fills)");
    t->runs_before = exopk_gui_population_bar_get_runs(bar, &t->started_before);
    gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.exodox.dose"), 5e11);
    t->edit_us = g_get_monotonic_time();
    ok(t, exopk_gui_plot_get_band(plot, 0, 0) == NULL && exopk_gui_population_bar_get_busy(bar),
       "an edit drops the bands and runs the population again");
    next_step(t, 10);
}

/* 60 ms later: a second edit, as a dragged spin button makes them.  A
 * population starts only after a pause (DEBOUNCE_MS, 300 ms) in the edits:
 * none has started yet if this tick came sooner than that. */
static void
step_second_edit(Test *t)
{
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);
    gint64 since = g_get_monotonic_time() - t->edit_us;
    guint started;

    exopk_gui_population_bar_get_runs(bar, &started);
    if (since < 250000)
        ok(t, started == t->started_before, "no population starts 0.25 s after an edit "
                                            "(it waits for a pause in the edits)");
    else                          /* a busy machine: this tick came late */
        ok(t, TRUE, "no population starts 0.25 s after an edit # SKIP the tick came late");
    gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.exodox.dose"), 1e12);
    next_step(t, 2);
}

/* Re-run after the edit; untick; open the shipped data. */
static void
step_rerun(Test *t)
{
    ExopkGuiPlot *plot = exopk_gui_window_get_plot(t->win);
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);
    g_autofree char *bad = g_build_filename(t->tmp, "bad.csv", NULL);
    gboolean wide;
    GError *error = NULL;

    ok(t, exopk_gui_population_bar_get_runs(bar, NULL) == t->runs_before + 1
          && bands_ordered(plot, 0, &wide), "the new bands arrive, ordered");
    exopk_gui_population_bar_configure(bar, FALSE, SUBJECTS, 7);
    ok(t, exopk_gui_plot_get_band(plot, 0, 0) == NULL && !exopk_gui_population_bar_get_busy(bar)
          && exported_translucent(t) == 0, "unticking removes the bands");
    /* back to the file's dose: the fit below is that of the study file */
    gtk_spin_button_set_value(exopk_gui_window_get_spin(t->win, "arm.exodox.dose"), t->dose);
    g_file_set_contents(bad, "arm,time [h],name,value\ncontrol,24,tumour_volum,80\n", -1, NULL);
    ok(t, !exopk_gui_window_open_data(t->win, bad, &error) && error != NULL
          && strstr(error->message, "bad.csv:2:") != NULL
          && exopk_gui_window_get_study(t->win)->data_path[0] == '\0',
       "a bad data file: FILE:LINE error, the study keeps no data");
    if (error != NULL)
        printf("# %s\n", error->message);
    g_clear_error(&error);
    ok(t, exopk_gui_window_open_data(t->win, t->data_file, &error)
          && strcmp(exopk_gui_window_get_study(t->win)->data_path, t->data_file) == 0,
       "the shipped observed data open as the study's data");
    g_clear_error(&error);
    next_step(t, 3);
}

/* The data drawn; the fit panel: filter, one parameter, run. */
static void
step_fit(Test *t)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    GtkWidget *filter = exopk_gui_fit_panel_get_filter(fit);
    const char *params[] = { FIT_PARAM };
    guint all;

    exopk_gui_window_show_page(t->win, "fit");
    all = exopk_gui_fit_panel_count_shown(fit);
    gtk_editable_set_text(GTK_EDITABLE(filter), "doxorubicin.c");
    ok(t, all > 20 && exopk_gui_fit_panel_count_shown(fit) >= 1
          && exopk_gui_fit_panel_count_shown(fit) < all,
       "the parameter filter narrows the list");
    printf("# %u parameters offered, %u shown for \"doxorubicin.c\"\n", all,
           exopk_gui_fit_panel_count_shown(fit));
    ok(t, !gtk_widget_get_sensitive(exopk_gui_fit_panel_get_button(fit, "apply")),
       "nothing to apply before a fit");
    ok(t, exopk_gui_fit_panel_configure(fit, params, 1, EXOPK_ERR_PROPORTIONAL, FALSE),
       "fit set up: " FIT_PARAM ", proportional error, no priors");
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "run"), "clicked");
    ok(t, exopk_gui_fit_panel_get_running(fit)
          && gtk_widget_get_sensitive(exopk_gui_fit_panel_get_button(fit, "cancel")),
       "the fit runs, Cancel is enabled");
    next_step(t, 4);
}

/* The fit of FIT_PARAM to the study file @study and the data @data (NULL:
 * the study's own) by the core API, here. */
static double
reference_estimate(const char *study, const char *data)
{
    ExopkFitParam q = { FIT_PARAM, NAN, NAN, NAN, NAN, NAN };
    ExopkFitProblem p = { .n_params = 1, .params = &q };
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study(study, g_getenv("EXOPK_DATA_DIR"), NULL, NULL, &err);
    ExopkObserved *obs = s != NULL ? exopk_study_read_observed(s, data, &err) : NULL;
    ExopkFitResult *r = obs != NULL ? exopk_fit(s, obs, &p, &err) : NULL;
    double x = r != NULL ? exopk_fit_estimate(r, 0)->estimate : NAN;

    if (r == NULL)
        printf("# reference fit: %s\n", err.message);
    exopk_fit_result_free(r);
    exopk_observed_free(obs);
    exopk_study_free(s);
    return x;
}

/* The estimates: as exopk_fit's, in the table; apply them. */
static void
step_estimates(Test *t)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    const ExopkFitResult *r = exopk_gui_fit_panel_get_result(fit);
    double ref = reference_estimate(t->var_file, t->data_file);
    double x = r != NULL ? exopk_fit_estimate(r, 0)->estimate : NAN;
    char what[160];

    printf("# status: %s\n", exopk_gui_fit_panel_get_status(fit));
    ok(t, r != NULL && strstr(exopk_gui_fit_panel_get_status(fit), "Fit converged") != NULL,
       "the fit converged");
    g_snprintf(what, sizeof what, "the estimate %.10g is exopk_fit's %.10g within 1e-6", x, ref);
    ok(t, fabs(x - ref) <= 1e-6 * fabs(ref), what);
    ok(t, strcmp(exopk_gui_fit_panel_get_cell(fit, 0, 3), "SE") == 0
          && strcmp(exopk_gui_fit_panel_get_cell(fit, 1, 0), FIT_PARAM) == 0
          && strcmp(exopk_gui_fit_panel_get_cell(fit, 1, 2), "L/h") == 0
          && strstr(exopk_gui_fit_panel_get_cell(fit, 1, 5), " – ") != NULL
          && strncmp(exopk_gui_fit_panel_get_cell(fit, 2, 0), "error.", 6) == 0,
       "the table: parameter, estimate, unit, SE, RSE, CI; then the error parameters");
    ok(t, gtk_widget_get_sensitive(exopk_gui_fit_panel_get_button(fit, "apply")),
       "Apply is enabled");
    ok(t, isnan(override_of(exopk_gui_window_get_study(t->win), FIT_PARAM)),
       "the study does not set " FIT_PARAM " before Apply");
    t->estimate = x;
    t->results_before = exopk_gui_window_get_results_count(t->win);
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "apply"), "clicked");
    ok(t, override_of(exopk_gui_window_get_study(t->win), FIT_PARAM) == x,
       "Apply writes the estimate into the study's params");
    ok(t, exopk_gui_window_get_dirty(t->win), "the applied estimate is an unsaved edit");
    next_step(t, 5);
}

/* Re-simulated with the estimate, saved with it; a fit cancelled. */
static void
step_cancel(Test *t)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    const char *params[] = { FIT_PARAM, "tumour.growth_rate" };
    ExopkStudy *back = NULL;
    ExopkError err;

    t->saved_file = g_build_filename(t->tmp, "saved.lua", NULL);
    if (exopk_gui_window_save_to(t->win, t->saved_file, NULL))
        back = exopk_lua_load_study(t->saved_file, g_getenv("EXOPK_DATA_DIR"), NULL, NULL, &err);
    ok(t, back != NULL && fabs(override_of(back, FIT_PARAM) - t->estimate) <= 1e-9 * t->estimate,
       "the saved study has the estimate in its params");
    exopk_study_free(back);
    t->text_before = exopk_gui_study_to_text(exopk_gui_window_get_study(t->win), NULL);
    exopk_gui_fit_panel_configure(fit, params, 2, EXOPK_ERR_COMBINED, TRUE);
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "run"), "clicked");
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "cancel"), "clicked");
    next_step(t, 6);
}

/* The cancel; a study without variability; close while jobs run. */
static void
step_after_cancel(Test *t)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    g_autofree char *now = exopk_gui_study_to_text(exopk_gui_window_get_study(t->win), NULL);

    ok(t, strcmp(exopk_gui_fit_panel_get_status(fit), "Cancelled; the study is unchanged.") == 0,
       "the status says cancelled");
    ok(t, strcmp(now, t->text_before) == 0 && !exopk_gui_window_get_dirty(t->win),
       "a cancelled fit leaves the study unchanged");
    ok(t, gtk_widget_get_sensitive(exopk_gui_fit_panel_get_button(fit, "run"))
          && !gtk_widget_get_sensitive(exopk_gui_fit_panel_get_button(fit, "cancel")),
       "Fit is enabled again, Cancel is not");
    t->results_before = exopk_gui_window_get_results_count(t->win);
    {
        g_autofree char *nonmem = g_build_filename(g_getenv("EXOPK_DATA_DIR"), "examples",
                                                   "nonmem.lua", NULL);
        exopk_gui_window_open(t->win, nonmem);
    }
    next_step(t, 7);
}

/* The NONMEM example: no variability; its dataset fitted as exopk_fit fits it. */
static void
step_nonmem(Test *t)
{
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    const char *params[] = { FIT_PARAM };

    ok(t, !gtk_widget_get_sensitive(exopk_gui_population_bar_get_toggle(bar))
          && strstr(exopk_gui_population_bar_get_text(bar), "no variability") != NULL,
       "a study without variability: the toggle is off and says why");
    ok(t, exopk_gui_fit_panel_get_result(fit) == NULL
          && exopk_gui_fit_panel_get_cell(fit, 1, 0)[0] == '\0'
          && !gtk_widget_get_sensitive(exopk_gui_fit_panel_get_button(fit, "apply")),
       "another study: the last fit's estimates are gone, nothing to apply");
    ok(t, exopk_gui_fit_panel_configure(fit, params, 1, EXOPK_ERR_PROPORTIONAL, FALSE),
       "its NONMEM dataset's parameters are offered to the fit panel");
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "run"), "clicked");
    next_step(t, 8);
}

/* Opens the CSV over the NONMEM study, saves it and loads it back: the
 * exodox arm has the dataset's doses (2e11 particles, 5 doses). */
static gboolean
csv_keeps_doses(Test *t)
{
    g_autofree char *path = g_build_filename(t->tmp, "was-nonmem.lua", NULL);
    const ExopkStudy *now;
    ExopkStudy *back = NULL;
    gboolean kept = FALSE;
    size_t a;

    if (!exopk_gui_window_open_data(t->win, t->data_file, NULL))
        return FALSE;
    now = exopk_gui_window_get_study(t->win);
    if (now->data_format.nonmem || !exopk_gui_window_save_to(t->win, path, NULL))
        return FALSE;
    back = exopk_lua_load_study(path, g_getenv("EXOPK_DATA_DIR"), NULL, NULL, NULL);
    a = back != NULL ? arm_index(back, "exodox") : 0;
    kept = back != NULL && a < back->n_arms && back->arms[a].n_lines == 1
           && back->arms[a].lines[0].dose.amount == 2e11 && back->arms[a].n_doses == 5
           && strcmp(back->data_path, t->data_file) == 0 && !back->data_format.nonmem;
    exopk_study_free(back);
    return kept;
}

static void
step_nonmem_fit(Test *t)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    const ExopkFitResult *r = exopk_gui_fit_panel_get_result(fit);
    g_autofree char *nonmem = g_build_filename(g_getenv("EXOPK_DATA_DIR"), "examples",
                                               "nonmem.lua", NULL);
    double ref = reference_estimate(nonmem, NULL);
    double x = r != NULL ? exopk_fit_estimate(r, 0)->estimate : NAN;
    const char *unused[] = { "carrier.cd47_mps_multiplier" };
    char what[160];

    g_snprintf(what, sizeof what, "NONMEM dataset: the estimate %.10g is exopk_fit's %.10g "
               "within 1e-6", x, ref);
    ok(t, fabs(x - ref) <= 1e-6 * fabs(ref), what);
    /* the study has no CD47 display: its multiplier changes nothing */
    exopk_gui_fit_panel_configure(fit, unused, 1, EXOPK_ERR_PROPORTIONAL, FALSE);
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "run"), "clicked");
    next_step(t, 11);
}

/* A parameter the data cannot tell: said in the table and the warnings. */
static void
step_unidentifiable(Test *t)
{
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);

    printf("# warnings: %s\n", exopk_gui_fit_panel_get_warnings(fit));
    ok(t, strcmp(exopk_gui_fit_panel_get_cell(fit, 1, 0), "carrier.cd47_mps_multiplier") == 0
          && strcmp(exopk_gui_fit_panel_get_cell(fit, 1, 4), "not identifiable") == 0
          && strstr(exopk_gui_fit_panel_get_warnings(fit),
                    "parameter carrier.cd47_mps_multiplier is not identifiable") != NULL,
       "a parameter without effect on the data: not identifiable, in the table and warnings");
    ok(t, csv_keeps_doses(t), "a CSV opened over the NONMEM dataset: the arms keep its doses, "
                              "saved as their own");
    t->results_before = exopk_gui_window_get_results_count(t->win);
    exopk_gui_window_open(t->win, t->saved_file);
    next_step(t, 9);
}

/* The saved study (variability and data): close the window while a big
 * population and a fit run. */
static void
step_close(Test *t)
{
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);
    const char *params[] = { FIT_PARAM, "tumour.growth_rate" };

    exopk_gui_population_bar_configure(bar, TRUE, 20000, 3);
    exopk_gui_fit_panel_configure(fit, params, 2, EXOPK_ERR_PROPORTIONAL, FALSE);
    g_signal_emit_by_name(exopk_gui_fit_panel_get_button(fit, "run"), "clicked");
    ok(t, exopk_gui_fit_panel_get_running(fit) && exopk_gui_population_bar_get_busy(bar),
       "a fit and a population run as the window closes");
    next_step(t, STEP_DONE);
    finish(t);
}

/* Whether step @step's condition holds: what it waits for has happened. */
static gboolean
ready(Test *t)
{
    GtkWidget *bar = exopk_gui_window_get_population_bar(t->win);
    GtkWidget *fit = exopk_gui_window_get_fit_panel(t->win);

    if (exopk_gui_window_get_loading(t->win))
        return FALSE;
    switch (t->step) {
    case 0:
        return exopk_gui_window_get_results_count(t->win) > 0;
    case 1:
        return exopk_gui_population_bar_get_runs(bar, NULL) > 0
               && !exopk_gui_population_bar_get_busy(bar);
    case 2:
        return !exopk_gui_population_bar_get_busy(bar);
    case 4:
    case 6:
    case 8:
    case 11:
        return !exopk_gui_fit_panel_get_running(fit);
    case 10:                      /* long enough for a run without a pause to start */
        return g_get_monotonic_time() - t->edit_us >= 60000;
    case 5:
    case 7:
    case 9:
        return exopk_gui_window_get_results_count(t->win) != t->results_before;
    default:
        return TRUE;
    }
}

static gboolean
tick(gpointer data)
{
    Test *t = data;
    GList *wins = gtk_application_get_windows(GTK_APPLICATION(t->app));

    if (g_get_monotonic_time() - t->started > TIMEOUT_S * G_USEC_PER_SEC) {
        ok(t, FALSE, "finished in time");
        printf("# step %d, status: %s\n", t->step,
               t->win != NULL ? exopk_gui_window_get_status(t->win) : "");
        return finish(t);
    }
    if (t->win == NULL) {
        if (wins == NULL)
            return G_SOURCE_CONTINUE;
        t->win = EXOPK_GUI_WINDOW(wins->data);
    }
    if (!ready(t))
        return G_SOURCE_CONTINUE;
    switch (t->step) {
    case 0: step_population(t); break;
    case 1: step_bands(t); break;
    case 2: step_rerun(t); break;
    case 3: step_fit(t); break;
    case 4: step_estimates(t); break;
    case 5: step_cancel(t); break;
    case 6: step_after_cancel(t); break;
    case 7: step_nonmem(t); break;
    case 8: step_nonmem_fit(t); break;
    case 9: step_close(t); return G_SOURCE_REMOVE;
    case 10: step_second_edit(t); break;
    case 11: step_unidentifiable(t); break;
    }
    return G_SOURCE_CONTINUE;
}

int
main(int argc, char **argv)
{
    Test t = { .step = 0 };
    char *args[3];
    int status;

    (void) argc;
    if (g_getenv("DISPLAY") == NULL && g_getenv("WAYLAND_DISPLAY") == NULL) {
        printf("1..0 # SKIP no display (run under xvfb-run)\n");
        return 0;
    }
    t.tmp = g_dir_make_tmp("exopk-gui-analysis-XXXXXX", NULL);
    g_setenv("XDG_STATE_HOME", t.tmp, TRUE);
    write_var_study(&t);
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
    printf("1..%d\n", N_TESTS);
    t.app = exopk_gui_application_new(G_APPLICATION_NON_UNIQUE);
    t.started = g_get_monotonic_time();
    g_timeout_add(20, tick, &t);
    args[0] = argv[0];
    args[1] = t.var_file;
    args[2] = NULL;
    status = g_application_run(G_APPLICATION(t.app), 2, args);
    ok(&t, status == 0 && t.step == STEP_DONE, "the app quit cleanly with jobs running");
    printf("# %.1f s\n", (g_get_monotonic_time() - t.started) / 1e6);
    if (t.n_test != N_TESTS)
        printf("# %d tests run, %d planned\n", t.n_test, N_TESTS);
    g_object_unref(t.app);
    {
        g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", t.tmp);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", t.tmp);
    }
    g_free(t.tmp);
    g_free(t.var_file);
    g_free(t.data_file);
    g_free(t.saved_file);
    g_free(t.text_before);
    return 0;
}
