/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The SBML export read back (docs/sbml.md).  Every arm of the default
 * study is exported by the command line (`exopk export --sbml`), read
 * with libsbml, checked by libsbml's consistency checks again, turned
 * into an ODE system by a small evaluator of the exported math
 * (sbml-ode.c) and integrated with GSL (msbdf) through its events.  The
 * states at exopk's output times go through the engine's own output code,
 * so every series is compared with exopk's run of the same arm, and
 * every state with the engine's states at the same rows: within
 * 1e-4 relative of exopk's value wherever that is above the accuracy
 * floor of its unit (1e-6 of the state group's scale, as
 * fixture_accuracy_floor: below it neither run is held to any relative
 * accuracy).  More arms (infusions, ip, it, two small
 * molecules, no tumour, eradication) come from studies written here,
 * the example studies and the RNA fixture (siRNA on each target
 * parameter, anti-miR); a mutated kinetic law must fail the comparison. */
#include <dirent.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>
#include <sbml/SBMLTypes.h>

#include "config.h"
#include "fixture.h"
#include "exopk-sbml.h"
#include "sbml-ode.h"
#include "../../src/core/result-private.h"
#include "../../src/core/sim-private.h"
#include "../../src/lua/exopk-lua.h"

#define TIME_EPS 1e-9
#define MATCH 1e-4        /* the contract: exported model vs exopk */
#define RTOL 1e-9         /* the integration of the exported model */
#define ATOL_SCALE 1e-15  /* x each state's scale */

/* ---- integrating the exported model ------------------------------------------------- */

typedef struct {
    SbmlOde *ode;
    double *scale;
    double *tmp;
} System;

static int
func(double t, const double y[], double f[], void *data)
{
    System *s = data;
    return sbml_ode_rhs(s->ode, t, y, f) == 0 ? GSL_SUCCESS : GSL_EBADFUNC;
}

/* Forward differences: the test needs a Jacobian for msbdf, not a fast one. */
static int
jac(double t, const double y[], double *dfdy, double dfdt[], void *data)
{
    System *s = data;
    size_t n = sbml_ode_n(s->ode);
    double *yy = s->tmp, *f0 = s->tmp + n, *f1 = s->tmp + 2 * n;

    memcpy(yy, y, n * sizeof *yy);
    if (sbml_ode_rhs(s->ode, t, y, f0) != 0)
        return GSL_EBADFUNC;
    for (size_t j = 0; j < n; j++) {
        double h = 1e-7 * fmax(fabs(y[j]), 1e-3 * s->scale[j]);
        yy[j] = y[j] + h;
        if (sbml_ode_rhs(s->ode, t, yy, f1) != 0)
            return GSL_EBADFUNC;
        for (size_t i = 0; i < n; i++)
            dfdy[i * n + j] = (f1[i] - f0[i]) / h;
        yy[j] = y[j];
    }
    for (size_t i = 0; i < n; i++)
        dfdt[i] = 0.0;
    return GSL_SUCCESS;
}

/* The next event time after @t, or @horizon. */
static double
next_event(const SbmlOde *o, double t, double horizon)
{
    for (size_t k = 0; k < sbml_ode_n_times(o); k++)
        if (sbml_ode_time(o, k) > t + TIME_EPS && sbml_ode_time(o, k) < horizon)
            return sbml_ode_time(o, k);
    return horizon;
}

/* Row @out from @y.  A state the solver holds at round-off of zero (below
 * 1e-6 of its absolute tolerance: an eradicated population after a BDF
 * step, 1e-24 mm3) is written as the 0 it is: the engine's per-cell
 * outputs divide by it. */
static void
record(double *out, const double *y, const double *scale, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = fabs(y[i]) < 1e-6 * ATOL_SCALE * scale[i] ? 0.0 : y[i];
}

/* From (*t, y) to @t_end, stopping at every state event (eradication)
 * to fire it where its trigger turns true: located by bisection to 1e-9 h
 * from the state before the step, integrated again. */
static void
advance(SbmlOde *o, gsl_odeiv2_driver *d, double *t, double *y, double t_end)
{
    size_t n = sbml_ode_n(o);
    double *y0 = malloc(n * sizeof *y0);

    while (*t < t_end - TIME_EPS) {
        double t0 = *t, lo = *t, hi = t_end;
        memcpy(y0, y, n * sizeof *y);
        ck_assert_int_eq(gsl_odeiv2_driver_apply(d, t, t_end, y), GSL_SUCCESS);
        if (!sbml_ode_state_event_due(o, *t, y))
            break;
        while (hi - lo > TIME_EPS) {
            double mid = 0.5 * (lo + hi), tt = t0;
            memcpy(y, y0, n * sizeof *y);
            gsl_odeiv2_driver_reset(d);
            ck_assert_int_eq(gsl_odeiv2_driver_apply(d, &tt, mid, y), GSL_SUCCESS);
            if (sbml_ode_state_event_due(o, mid, y))
                hi = mid;
            else
                lo = mid;
        }
        memcpy(y, y0, n * sizeof *y);
        *t = t0;
        gsl_odeiv2_driver_reset(d);
        ck_assert_int_eq(gsl_odeiv2_driver_apply(d, t, hi, y), GSL_SUCCESS);
        ck_assert_int_gt(sbml_ode_events(o, *t, y), 0);
        gsl_odeiv2_driver_reset(d);
    }
    free(y0);
}

/* The species at every output time @times (rows after the events at
 * that time), into @out (nt x n). */
static void
integrate(SbmlOde *o, const double *scale, const double *times, size_t nt, double horizon,
          double *out)
{
    size_t n = sbml_ode_n(o), row = 0;
    System sys = { o, (double *) scale, malloc(3 * n * sizeof(double)) };
    gsl_odeiv2_system gs = { func, jac, n, &sys };
    gsl_odeiv2_driver *d = gsl_odeiv2_driver_alloc_scaled_new(&gs, gsl_odeiv2_step_msbdf, 1e-6,
                                                              ATOL_SCALE, RTOL, 1.0, 0.0, scale);
    double *y = malloc(n * sizeof *y), t = 0.0;

    sbml_ode_initial(o, y);
    for (;;) {
        double tb = next_event(o, t, horizon);
        if (sbml_ode_events(o, t, y) > 0)
            gsl_odeiv2_driver_reset(d);
        for (; row < nt && times[row] <= t + TIME_EPS; row++)
            record(out + row * n, y, scale, n);
        for (; row < nt && times[row] < tb - TIME_EPS; row++) {
            advance(o, d, &t, y, times[row]);
            record(out + row * n, y, scale, n);
        }
        advance(o, d, &t, y, tb);
        if (tb >= horizon - TIME_EPS || row >= nt)
            break;
        t = tb;
    }
    for (; row < nt; row++)
        record(out + row * n, y, scale, n);
    gsl_odeiv2_driver_free(d);
    free(sys.tmp);
    free(y);
}

/* ---- the engine's outputs from the exported model's states ---------------------------- */

/* What was given by @t, per agent and in particles (as the metrics need);
 * the engine's rules, as tests/test-cvode.c. */
static void
given_at(const Model *m, const ExopkStudy *s, const ExopkArm *arm, double t, size_t i,
         size_t nt, double *pg, double *cg, double *fg)
{
    for (size_t k = 0; k < arm->n_doses; k++) {
        const ExopkDose *d = &arm->doses[k];
        double amount = d->amount, g;
        if (t + TIME_EPS < d->time)
            continue;
        if (d->formulation >= 0) {
            ExopkError err;
            ck_assert_int_eq(exopk_dose_particles(s, d, &amount, &err), EXOPK_OK);
        }
        g = d->duration > 0 ? amount * fmin(1.0, (t - d->time) / d->duration) : amount;
        if (d->formulation >= 0) {
            int f = model_carrier_of(m, d->formulation);
            const CarrierBlock *cb = &m->carriers[f];
            pg[i] += g;
            for (size_t c = 0; c < cb->n_cargo; c++) {
                double nmol = g * (cb->q[c][POOL_LUMEN] + cb->q[c][POOL_MEMBRANE]);
                cg[(size_t) cb->cargo_agent[c] * nt + i] += nmol;
                fg[(size_t) f * nt + i] += nmol;
            }
        } else {
            cg[(size_t) model_agent_of(m, d->agent) * nt + i] += g;
        }
    }
}

/* For each model state, the species of the same name; the biomarker's
 * in *@bio (-1 without a tumour).  Every species must be one of them. */
static int *
species_of_states(const Model *m, const SbmlOde *o, int *bio)
{
    int *map = malloc((m->n + 1) * sizeof *map), mapped = 0;

    *bio = -1;
    for (size_t i = 0; i < m->n; i++) {
        map[i] = -1;
        for (size_t j = 0; j < sbml_ode_n(o); j++)
            if (strcmp(sbml_ode_species_name(o, j), m->names[i]) == 0)
                map[i] = (int) j;
        ck_assert_msg(map[i] >= 0, "no species for state %s", m->names[i]);
        mapped++;
    }
    for (size_t j = 0; j < sbml_ode_n(o); j++)
        if (strcmp(sbml_ode_species_name(o, j), "biomarker.circulating") == 0)
            *bio = (int) j;
    ck_assert_int_eq(sbml_ode_n(o), (size_t) mapped + (*bio >= 0));
    ck_assert_int_eq(*bio >= 0, m->has_tumour);
    return map;
}

/* The exported model's run of arm @a at @nt times: its states in the
 * engine's order and the biomarker. */
typedef struct {
    Model m;
    size_t nt;
    const double *times;
    double *states;       /* nt x m.n */
    double *bio;          /* nt */
} SbmlRun;

static void
sbml_run(SbmlRun *run, const ExopkStudy *s, size_t a, const double *times, size_t nt, SbmlOde *o)
{
    const size_t ns = sbml_ode_n(o);
    Model *m = &run->m;
    int bio, *map;
    double *scale = malloc(ns * sizeof *scale), *sp = malloc(nt * ns * sizeof *sp);

    ck_assert_int_eq(model_init(m, s, a), 0);
    map = species_of_states(m, o, &bio);
    for (size_t i = 0; i < m->n; i++)
        scale[map[i]] = m->scale[i];
    if (bio >= 0)
        scale[bio] = 1e11;
    integrate(o, scale, times, nt, s->horizon, sp);
    run->nt = nt;
    run->times = times;
    run->states = malloc((nt * m->n + 1) * sizeof *run->states);
    run->bio = calloc(nt, sizeof *run->bio);
    for (size_t r = 0; r < nt; r++) {
        for (size_t i = 0; i < m->n; i++)
            run->states[r * m->n + i] = sp[r * ns + (size_t) map[i]];
        run->bio[r] = bio >= 0 ? sp[r * ns + (size_t) bio] : 0.0;
    }
    free(map);
    free(scale);
    free(sp);
}

static void
sbml_run_clear(SbmlRun *run)
{
    model_clear(&run->m);
    free(run->states);
    free(run->bio);
}

/* The result of arm @a built by the engine's output code from @run. */
static ExopkResult *
result_of(const ExopkStudy *s, size_t a, const SbmlRun *run)
{
    const Model *m = &run->m;
    const size_t nt = run->nt;
    double *pg = calloc(nt, sizeof *pg), *cg = calloc(nt * (m->n_agents + 1), sizeof *cg);
    double *fg = calloc(nt * (m->n_carriers + 1), sizeof *fg);
    SimRecord rec = { .m = m, .states = run->states, .particles_given = pg, .cargo_given = cg,
                      .cargo_given_by_formulation = fg, .biomarker = m->has_tumour ? run->bio : NULL,
                      .first_vesicle_dose = NAN, .t_half_alpha = NAN, .first_dose = NAN };
    ExopkResult *res = calloc(1, sizeof *res);

    for (size_t r = 0; r < nt; r++)
        given_at(m, s, &s->arms[a], run->times[r], r, nt, pg, cg, fg);
    for (int k = 0; k < EXOPK_MAX_AGENTS; k++)
        rec.last_dose_of_agent[k] = rec.first_dose_of_agent[k] = NAN;
    snprintf(res->arm, sizeof res->arm, "%s", s->arms[a].name);
    res->n_t = nt;
    res->t = malloc(nt * sizeof *res->t);
    memcpy(res->t, run->times, nt * sizeof *res->t);
    ck_assert_int_eq(result_compute(res, &rec), 0);
    free(pg);
    free(cg);
    free(fg);
    return res;
}

/* Every state of @run against the engine's states at the same rows
 * (@engine, nt x n): the largest relative difference above 1e-6 of the
 * state's group scale (the floor of the series, fixture_accuracy_floor). */
static double
state_dev(const SbmlRun *run, const double *engine, char *where, size_t size)
{
    const Model *m = &run->m;
    double worst = 0;

    for (size_t r = 0; r < run->nt; r++)
        for (size_t i = 0; i < m->n; i++) {
            double e = engine[r * m->n + i], g = run->states[r * m->n + i];
            double d = fabs(e) > 1e-6 * m->scale[i] ? fabs(g - e) / fabs(e) : 0.0;
            if (d > worst) {
                worst = d;
                snprintf(where, size, "state %s at t = %g h: exopk %.9g, SBML %.9g",
                         m->names[i], run->times[r], e, g);
            }
        }
    return worst;
}

/* ---- the round trip ------------------------------------------------------------------- */

/* The accuracy floor of a series in @unit: fixture_accuracy_floor's, and
 * for the biomarker (particles/mL, which the fixture's table lacks) the
 * same 1e-6 of 1e11 particles in the reference mouse's 1 mL of plasma. */
static double
floor_of(const char *unit)
{
    return strcmp(unit, "particles/mL") == 0 ? 1e5 : fixture_accuracy_floor(unit);
}

/* fixture_max_rel_dev with floor_of: the largest relative difference of
 * @got from @ref over values above their floor. */
static double
max_rel_dev(const ExopkResult *ref, const ExopkResult *got, char *where, size_t size)
{
    double worst = 0;

    for (size_t j = 0; j < exopk_result_n_series(ref); j++) {
        double fl = floor_of(exopk_result_series_unit(ref, j));
        const double *v = exopk_result_series(ref, j), *w = exopk_result_series(got, j);
        for (size_t i = 0; i < exopk_result_n_times(ref); i++) {
            double d = fabs(v[i]) > fl ? fabs(v[i] - w[i]) / fabs(v[i]) : 0.0;
            if (d > worst) {
                worst = d;
                snprintf(where, size, "%s at t = %g h: exopk %.9g, SBML %.9g",
                         exopk_result_series_name(ref, j), exopk_result_times(ref)[i], v[i], w[i]);
            }
        }
    }
    return worst;
}

/* libsbml reads @doc without errors and its consistency checks (units
 * included) find none. */
static void
assert_consistent(SBMLDocument_t *doc, const char *what)
{
    unsigned n;

    ck_assert_msg(SBMLDocument_getNumErrorsWithSeverity(doc, LIBSBML_SEV_ERROR) == 0 &&
                  SBMLDocument_getNumErrorsWithSeverity(doc, LIBSBML_SEV_FATAL) == 0,
                  "%s: libsbml cannot read it", what);
    n = SBMLDocument_checkConsistency(doc);
    for (unsigned i = 0; i < n; i++) {
        const XMLError_t *e = (const XMLError_t *) SBMLDocument_getError(doc, i);
        ck_assert_msg(XMLError_getSeverity(e) < LIBSBML_SEV_ERROR, "%s: [%u] %s", what,
                      XMLError_getErrorId(e), XMLError_getMessage(e));
    }
}

/* The largest relative deviation of the model in @doc from exopk's run of
 * arm @a of @s (where in @where): every output series (exopk_simulate),
 * and every state (the engine under it, whose state rows stay in its
 * buffer). */
static double
deviation(const ExopkStudy *s, size_t a, SBMLDocument_t *doc, const ExopkSimOptions *opts,
          char *where, size_t size)
{
    char why[512] = "", where2[256] = "";
    SbmlOde *o = sbml_ode_new(SBMLDocument_getModel(doc), why, sizeof why);
    ExopkError err;
    ExopkResult *ref = exopk_simulate(s, a, opts, &err), *got, *again;
    SimEngine eng;
    SbmlRun run;
    double dev, dev2;

    ck_assert_msg(o != NULL, "arm %s: %s", s->arms[a].name, why);
    ck_assert_msg(ref != NULL, "arm %s: %s", s->arms[a].name, err.message);
    sbml_run(&run, s, a, exopk_result_times(ref), exopk_result_n_times(ref), o);
    got = result_of(s, a, &run);
    ck_assert_int_eq(exopk_result_n_series(got), exopk_result_n_series(ref));
    for (size_t j = 0; j < exopk_result_n_series(ref); j++)
        ck_assert_str_eq(exopk_result_series_name(got, j), exopk_result_series_name(ref, j));
    dev = max_rel_dev(ref, got, where, size);
    ck_assert_int_eq(sim_engine_init(&eng, s, &s->arms[a]), 0);
    again = sim_engine_run(&eng, s, &s->arms[a], opts, &err);
    ck_assert_msg(again != NULL, "%s", err.message);
    ck_assert_int_eq(exopk_result_n_times(again), run.nt);
    dev2 = state_dev(&run, eng.states, where2, sizeof where2);
    if (dev2 > dev) {
        dev = dev2;
        snprintf(where, size, "%s", where2);
    }
    sim_engine_clear(&eng);
    sbml_run_clear(&run);
    exopk_result_free(again);
    exopk_result_free(ref);
    exopk_result_free(got);
    sbml_ode_free(o);
    return dev;
}

/* Exports every arm of @s through the library, reads it back, checks it
 * and compares it. */
static void
round_trip_study(const ExopkStudy *s, const ExopkSimOptions *opts, const char *label)
{
    for (size_t a = 0; a < s->n_arms; a++) {
        ExopkError err;
        char *text = exopk_sbml_export(s, a, &err), where[256] = "";
        SBMLDocument_t *doc;
        double dev;

        ck_assert_msg(text != NULL, "%s %s: %s", label, s->arms[a].name, err.message);
        doc = readSBMLFromString(text);
        assert_consistent(doc, s->arms[a].name);
        dev = deviation(s, a, doc, opts, where, sizeof where);
        printf("# %s %s: max rel dev of the exported model %.3g (%s)\n", label, s->arms[a].name,
               dev, where);
        ck_assert_msg(dev <= MATCH, "%s %s: %g at %s", label, s->arms[a].name, dev, where);
        SBMLDocument_free(doc);
        free(text);
    }
}

static ExopkStudy *
load_default(void)
{
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study(EXOPK_SOURCE_DATADIR "/examples/default.lua",
                                         EXOPK_SOURCE_DATADIR, NULL, NULL, &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    return s;
}

/* The file `exopk export --sbml` writes for arm @arm of the default study. */
static SBMLDocument_t *
export_by_cli(const char *arm)
{
    const char *exe = getenv("EXOPK_EXE"), *tmp = getenv("TMPDIR");
    char path[1024], cmd[4096];
    SBMLDocument_t *doc;

    ck_assert_msg(exe != NULL, "EXOPK_EXE is not set");
    snprintf(path, sizeof path, "%s/exopk-sbml-%s-%ld.xml", tmp ? tmp : "/tmp", arm,
             (long) getpid());
    snprintf(cmd, sizeof cmd, "'%s' export --sbml '%s/examples/default.lua' --arm %s -o '%s'",
             exe, EXOPK_SOURCE_DATADIR, arm, path);
    ck_assert_msg(system(cmd) == 0, "%s failed", cmd);
    doc = readSBMLFromFile(path);
    remove(path);
    return doc;
}

START_TEST(default_study_round_trip_by_cli)
{
    ExopkStudy *s = load_default();
    int arms = 0;

    for (size_t a = 0; a < s->n_arms; a++) {
        SBMLDocument_t *doc = export_by_cli(s->arms[a].name);
        char where[256] = "";
        double dev;

        assert_consistent(doc, s->arms[a].name);
        dev = deviation(s, a, doc, NULL, where, sizeof where);
        printf("# default.lua %s (exopk export): max rel dev %.3g (%s)\n", s->arms[a].name, dev,
               where);
        ck_assert_msg(dev <= MATCH, "%s: %g at %s", s->arms[a].name, dev, where);
        SBMLDocument_free(doc);
        arms++;
    }
    ck_assert_int_eq(arms, 3);   /* control, free_dox, exodox */
    exopk_study_free(s);
}
END_TEST

/* Routes and schedules the default study does not use. */
static const char ROUTES_STUDY[] =
    "return { name = 'routes', subject = { species = 'mouse', weight = '25 g',\n"
    "  tumour = { model = 'mda_mb_231', volume = '150 mm3', resistant_fraction = 0.2 } },\n"
    "  horizon = '5 d', output_every = '2 h',\n"
    "  formulations = { exodox = { carrier = 'msc', diameter = '100 nm',\n"
    "    surface = { cd47 = true, peg = true }, loading = { method = 'electroporation' },\n"
    "    cargo = { { agent = 'doxorubicin', offered = '5000 /vesicle' } } } },\n"
    "  arms = {\n"
    "    infused = { { give = 'doxorubicin', route = 'iv', dose = '5 mg/kg', at = '1 h', over = '2 h',\n"
    "                  every = '2 d', count = 2 },\n"
    "                { give = 'exodox', route = 'iv', dose = '1e12 particles', at = '3 h',\n"
    "                  over = '30 min' } },\n"
    "    ip_it = { { give = 'exodox', route = 'ip', dose = '2e11 particles', at = '0 h' },\n"
    "              { give = 'exodox', route = 'it', dose = '5e10 particles', at = '1 d' },\n"
    "              { give = 'doxorubicin', route = 'ip', dose = '2 mg/kg', at = '1 d' },\n"
    "              { give = 'gemcitabine', route = 'it', dose = '1 mg/kg', at = '2 d' } },\n"
    "  } }\n";

static const char NO_TUMOUR_STUDY[] =
    "return { name = 'healthy', subject = { species = 'mouse', weight = '30 g' },\n"
    "  horizon = '3 d', output_every = '1 h',\n"
    "  formulations = { exodox = { carrier = 'msc', diameter = '120 nm',\n"
    "    loading = { method = 'electroporation' },\n"
    "    cargo = { { agent = 'doxorubicin', offered = '8000 /vesicle' } } } },\n"
    "  arms = { both = { { give = 'exodox', route = 'iv', dose = '4e12 particles', every = '1 d',\n"
    "                      count = 2 },\n"
    "                    { give = 'doxorubicin', route = 'iv', dose = '3 mg/kg', at = '6 h',\n"
    "                      over = '1 h' } } } }\n";

/* A tiny tumour that a strong kill eradicates: S falls through one cell
 * within hours, then R (the eradication events). */
static const char ERADICATION_STUDY[] =
    "return { name = 'eradication', subject = { species = 'mouse', weight = '25 g',\n"
    "  tumour = { model = 'mda_mb_231', volume = '0.002 mm3', resistant_fraction = 0.05 } },\n"
    "  horizon = '2 d', output_every = '1 h', params = { ['doxorubicin.kmax'] = '20 /h' },\n"
    "  arms = { dox = { { give = 'doxorubicin', route = 'iv', dose = '100 mg/kg', over = '8 d' } } } }\n";

static ExopkStudy *
load_text(const char *text)
{
    ExopkError err;
    ExopkStudy *s = exopk_lua_load_study_buffer(text, strlen(text), "=test", EXOPK_SOURCE_DATADIR,
                                                NULL, NULL, &err);
    ck_assert_msg(s != NULL, "%s", err.message);
    return s;
}

START_TEST(routes_infusions_and_no_tumour_round_trip)
{
    ExopkStudy *s = load_text(ROUTES_STUDY), *h = load_text(NO_TUMOUR_STUDY);

    round_trip_study(s, NULL, "routes");
    round_trip_study(h, NULL, "no tumour");
    exopk_study_free(s);
    exopk_study_free(h);
}
END_TEST

START_TEST(eradication_round_trip)
{
    ExopkStudy *s = load_text(ERADICATION_STUDY);
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, 0, NULL, &err);
    long S = exopk_result_find_series(r, "sensitive_volume");
    long R = exopk_result_find_series(r, "resistant_volume");

    /* the case is one: both populations are gone by the end */
    ck_assert(S >= 0 && R >= 0);
    ck_assert(exopk_result_series(r, (size_t) S)[exopk_result_n_times(r) - 1] == 0.0);
    ck_assert(exopk_result_series(r, (size_t) R)[exopk_result_n_times(r) - 1] == 0.0);
    /* The engine eradicates after the solver step in which a population
     * falls below one cell, the export at the crossing: at the study's
     * rtol 1e-6 the engine's steps here move the interstitial drug by
     * about 2e-3; at rtol 1e-10 its steps locate the crossing well
     * enough for the contract. */
    ExopkSimOptions tight = { .rtol = 1e-10, .atol_scale = 1e-16 };
    round_trip_study(s, &tight, "eradication");
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* Teeth: the comparison sees a 1 % change of one kinetic law. */
START_TEST(mutated_rate_fails)
{
    ExopkStudy *s = load_default();
    SBMLDocument_t *doc = export_by_cli("free_dox");
    Model_t *m = SBMLDocument_getModel(doc);
    char where[256] = "";
    int mutated = 0;
    double dev;

    for (unsigned r = 0; r < Model_getNumReactions(m); r++) {
        Reaction_t *re = Model_getReaction(m, r);
        KineticLaw_t *kl = Reaction_getKineticLaw(re);
        char *old, *text;
        ASTNode_t *ast;
        if (strcmp(Reaction_getName(re), "systemic clearance CL") != 0)
            continue;
        old = SBML_formulaToL3String(KineticLaw_getMath(kl));
        text = malloc(strlen(old) + 32);
        sprintf(text, "1.01 * (%s)", old);
        ast = SBML_parseL3Formula(text);
        KineticLaw_setMath(kl, ast);
        ASTNode_free(ast);
        free(old);
        free(text);
        mutated++;
    }
    ck_assert_int_eq(mutated, 1);
    dev = deviation(s, 1, doc, NULL, where, sizeof where);
    printf("# free_dox with CL x 1.01: max rel dev %.3g (%s)\n", dev, where);
    ck_assert_msg(dev > 10 * MATCH, "a 1 %% change of CL went unseen: %g", dev);
    SBMLDocument_free(doc);
    exopk_study_free(s);
}
END_TEST

/* Every arm of every example study (siRNA, anti-miR, gemcitabine ip,
 * co-loaded cargo), exported through the library. */
START_TEST(examples_round_trip)
{
    const char *dir = EXOPK_SOURCE_DATADIR "/examples";
    DIR *d = opendir(dir);
    struct dirent *e;
    int studies = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        ExopkError err;
        ExopkStudy *s;
        size_t len = strlen(e->d_name);

        if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0)
            continue;
        studies++;
        if (strcmp(e->d_name, "default.lua") == 0)
            continue;   /* default_study_round_trip_by_cli has it */
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        s = exopk_lua_load_study(path, EXOPK_SOURCE_DATADIR, NULL, NULL, &err);
        ck_assert_msg(s != NULL, "%s: %s", path, err.message);
        round_trip_study(s, NULL, e->d_name);
        exopk_study_free(s);
    }
    closedir(d);
    ck_assert_int_ge(studies, 4);
}
END_TEST

/* siRNA acting on each tumour parameter, and anti-miR: co-loaded with DOX,
 * free (iv and ip) and intratumoral (fixture_rna_study's arms). */
START_TEST(rna_effects_round_trip)
{
    static const char *const ON[EXOPK_ACTS_ON_COUNT] = { "siRNA on P-gp", "siRNA on rho",
                                                         "siRNA on tau", "siRNA on growth" };
    /* exopk at rtol 1e-10: the free anti-miR in the interstitium is about
     * 4e-8 nmol, 1e-6 of the nmol group's scale times 0.04, where the
     * engine at the study's tolerances holds about 1e-4 (measured 1.3e-4) */
    ExopkSimOptions tight = { .rtol = 1e-10, .atol_scale = 1e-16 };

    for (int on = 0; on <= EXOPK_ACTS_ON_COUNT; on++) {
        ExopkStudy *s = fixture_rna_study(on < EXOPK_ACTS_ON_COUNT
                                              ? fixture_sirna((ExopkActsOn) on)
                                              : fixture_antimir());
        round_trip_study(s, &tight, on < EXOPK_ACTS_ON_COUNT ? ON[on] : "anti-miR");
        exopk_study_free(s);
    }
}
END_TEST

/* A miRNA mimic on each tumour parameter: activity 1 + Q/M0 and the
 * saturating repression as SBML rules (fixture_rna_study's arms). */
START_TEST(mimic_effects_round_trip)
{
    static const char *const ON[EXOPK_ACTS_ON_COUNT] = { "mimic on P-gp", "mimic on rho",
                                                         "mimic on tau", "mimic on growth" };
    ExopkSimOptions tight = { .rtol = 1e-10, .atol_scale = 1e-16 };

    for (int on = 0; on < EXOPK_ACTS_ON_COUNT; on++) {
        ExopkStudy *s = fixture_rna_study(fixture_mimic((ExopkActsOn) on));
        round_trip_study(s, &tight, ON[on]);
        exopk_study_free(s);
    }
}
END_TEST

/* Two drugs with their own rho (gemcitabine through the tumour's
 * rho_agent) and an siRNA or anti-miR that changes one drug's rho only. */
START_TEST(rna_on_one_drugs_rho_round_trips)
{
    ExopkSimOptions tight = { .rtol = 1e-10, .atol_scale = 1e-16 };

    static const char *const LABEL[3] = { "siRNA on gemcitabine's rho",
                                          "anti-miR on gemcitabine's rho",
                                          "mimic on gemcitabine's rho" };

    for (int v = 0; v < 3; v++) {
        ExopkAgent rna = v == 0   ? fixture_sirna(EXOPK_ACTS_ON_RESISTANCE)
                         : v == 1 ? fixture_antimir()
                                  : fixture_mimic(EXOPK_ACTS_ON_RESISTANCE);
        ExopkStudy *s;

        snprintf(rna.resistance_of, sizeof rna.resistance_of, "gemcitabine");
        s = fixture_two_drug_rna_study(rna);
        round_trip_study(s, &tight, LABEL[v]);
        exopk_study_free(s);
    }
}
END_TEST

/* Resistant cells starting at 0 while mutation feeds them: refused. */
START_TEST(resistant_from_zero_refused)
{
    char *text = strdup(ROUTES_STUDY), *rf = strstr(text, "resistant_fraction = 0.2");
    ExopkStudy *s;
    ExopkError err;

    ck_assert_ptr_nonnull(rf);
    memcpy(rf, "resistant_fraction = 0  ", 24);
    s = load_text(text);
    ck_assert_ptr_null(exopk_sbml_export(s, 0, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "resistant cells start below one cell") != NULL, "%s",
                  err.message);
    exopk_study_free(s);
    free(text);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("sbml");
    TCase *tc = tcase_create("sbml");

    tcase_set_timeout(tc, 600);   /* several minutes under ASan */
    tcase_add_test(tc, default_study_round_trip_by_cli);
    tcase_add_test(tc, routes_infusions_and_no_tumour_round_trip);
    tcase_add_test(tc, eradication_round_trip);
    tcase_add_test(tc, mutated_rate_fails);
    tcase_add_test(tc, examples_round_trip);
    tcase_add_test(tc, rna_effects_round_trip);
    tcase_add_test(tc, mimic_effects_round_trip);
    tcase_add_test(tc, rna_on_one_drugs_rho_round_trips);
    tcase_add_test(tc, resistant_from_zero_refused);
    suite_add_tcase(s, tc);
    return s;
}
