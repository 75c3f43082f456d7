/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The engine against SUNDIALS CVODE (test only).  Every arm of every
 * example study is integrated twice at rtol 1e-10: by exopk_simulate, and
 * by CVODE (BDF, dense Newton with its own difference-quotient Jacobian)
 * on the model's right-hand side, restarted at every dose time and
 * infusion end with the doses applied as the engine's dosing rules say.
 * The biomarker, which the engine advances in closed form over each step,
 * is an ordinary ODE state here.  Both state histories go through the
 * same output code, so every output series is compared: within 1e-6
 * relative above 1e-6 of its state group's scale (as the benchmark's max
 * rel dev). */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "config.h"
#include "fixture.h"
#include "../src/core/result-private.h"
#include "../src/lua/exopk-lua.h"

#define TIME_EPS 1e-9
#define RTOL 1e-10
#define ATOL_SCALE 1e-16

typedef struct {
    Model *m;
    double k_clear;   /* biomarker clearance, 1/h */
} Rhs;

/* States 0..n-1 are the model's; state n is the circulating biomarker. */
static int
rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *data)
{
    const Rhs *r = data;
    const double *yv = N_VGetArrayPointer(y);
    double *f = N_VGetArrayPointer(ydot);
    size_t n = r->m->n;

    (void) t;
    if (model_eval(r->m, yv, f, NULL) != 0)
        return 1;   /* recoverable: CVODE retries with a smaller step */
    f[n] = r->m->has_tumour ? model_biomarker_secretion(r->m, yv) - r->k_clear * yv[n] : 0.0;
    return 0;
}

/* A bolus, or an infusion rate change of @sign, as the engine's rules say:
 * vesicles into P, I (it) or the depot (ip) with their cargo; a free
 * agent into A1, the interstitium or its depot. */
static void
give(Model *m, double *y, const ExopkDose *d, double amount, int sign)
{
    if (d->formulation >= 0) {
        CarrierBlock *cb = &m->carriers[model_carrier_of(m, d->formulation)];
        int comp = d->route == EXOPK_ROUTE_IT ? VC_I : d->route == EXOPK_ROUTE_IP ? VC_PC : VC_P;
        if (sign != 0) {
            cb->infusion += sign * amount;
            return;
        }
        y[cb->x[comp]] += amount;
        for (size_t c = 0; c < cb->n_cargo; c++)
            for (int p = 0; p < POOL_N; p++)
                y[cb->L[c][p][comp]] += amount * cb->q[c][p];
    } else {
        AgentBlock *ab = &m->agents[model_agent_of(m, d->agent)];
        int to = d->route == EXOPK_ROUTE_IT ? ab->aint : d->route == EXOPK_ROUTE_IP ? ab->aip : ab->a1;
        if (sign != 0)
            ab->infusion += sign * amount;
        else
            y[to] += amount;
    }
}

/* Dose amounts in engine units. */
static double *
dose_amounts(const ExopkStudy *s, const ExopkArm *arm)
{
    double *a = calloc(arm->n_doses + 1, sizeof *a);
    ExopkError err;

    for (size_t k = 0; k < arm->n_doses; k++) {
        if (arm->doses[k].formulation >= 0)
            ck_assert_int_eq(exopk_dose_particles(s, &arm->doses[k], &a[k], &err), EXOPK_OK);
        else
            a[k] = arm->doses[k].amount;
    }
    return a;
}

/* Doses and infusion changes at time @t. */
static void
events_at(Model *m, const ExopkArm *arm, const double *amounts, double horizon, double t,
          double *y)
{
    for (size_t k = 0; k < arm->n_doses; k++) {
        const ExopkDose *d = &arm->doses[k];
        if (d->time > horizon + TIME_EPS)
            continue;
        if (fabs(d->time - t) <= TIME_EPS)
            give(m, y, d, d->duration > 0 ? amounts[k] / d->duration : amounts[k],
                 d->duration > 0 ? +1 : 0);
        else if (d->duration > 0 && fabs(d->time + d->duration - t) <= TIME_EPS)
            give(m, y, d, amounts[k] / d->duration, -1);
    }
}

/* The next dose time or infusion end after @t, or the horizon. */
static double
next_break(const ExopkArm *arm, double horizon, double t)
{
    double b = horizon;

    for (size_t k = 0; k < arm->n_doses; k++) {
        double t0 = arm->doses[k].time, t1 = t0 + arm->doses[k].duration;
        if (t0 > t + TIME_EPS && t0 < b)
            b = t0;
        if (arm->doses[k].duration > 0 && t1 > t + TIME_EPS && t1 < b)
            b = t1;
    }
    return b;
}

/* What was given by @t, per agent and in particles (as the metrics need). */
static void
given_at(const Model *m, const ExopkArm *arm, const double *amounts, double horizon, double t,
         size_t i, size_t nt, double *pg, double *cg, double *fg)
{
    for (size_t k = 0; k < arm->n_doses; k++) {
        const ExopkDose *d = &arm->doses[k];
        double g;
        if (d->time > horizon + TIME_EPS || t + TIME_EPS < d->time)
            continue;
        g = d->duration > 0 ? amounts[k] * fmin(1.0, (t - d->time) / d->duration) : amounts[k];
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

/* Integrates arm @a with CVODE at the output times of @ref; returns the
 * result built by the engine's output code from those states. */
static ExopkResult *
cvode_run(const ExopkStudy *s, size_t a, const ExopkResult *ref)
{
    const ExopkArm *arm = &s->arms[a];
    const size_t nt = exopk_result_n_times(ref);
    const double *times = exopk_result_times(ref);
    Model m;
    Rhs data;
    SUNContext ctx;
    N_Vector y, abstol;
    SUNMatrix jm;
    SUNLinearSolver ls;
    void *cv;
    double *amounts = dose_amounts(s, arm), *states, *bio, *pg, *cg, *fg, t = 0;
    size_t n, row = 0;
    SimRecord rec;
    ExopkResult *res = calloc(1, sizeof *res);

    ck_assert_int_eq(model_init(&m, s, a), 0);
    n = m.n;
    data = (Rhs) { &m, s->has_tumour ? s->tumour.biomarker_k_clear : 0.0 };
    ck_assert_int_eq(SUNContext_Create(NULL, &ctx), 0);
    y = N_VNew_Serial((sunindextype) n + 1, ctx);
    abstol = N_VNew_Serial((sunindextype) n + 1, ctx);
    N_VConst(0.0, y);
    for (size_t i = 0; i < n; i++)
        NV_Ith_S(abstol, i) = ATOL_SCALE * m.scale[i];
    NV_Ith_S(abstol, n) = ATOL_SCALE * 1e11;
    if (m.has_tumour) {   /* initial tumour, RNA levels at baseline, biomarker at steady state */
        double *yv = N_VGetArrayPointer(y);
        yv[m.s] = s->tumour_volume0 * (1.0 - s->resistant_fraction0);
        yv[m.r] = s->tumour_volume0 * s->resistant_fraction0;
        for (size_t k = 0; k < m.n_agents; k++) {
            const int lv[4] = { m.agents[k].ms, m.agents[k].mr, m.agents[k].ps, m.agents[k].pr };
            for (int i = 0; i < 4; i++)
                if (lv[i] >= 0)
                    yv[lv[i]] = 1.0;
        }
        yv[n] = model_biomarker_secretion(&m, yv) / data.k_clear;
    }
    cv = CVodeCreate(CV_BDF, ctx);
    ck_assert_int_eq(CVodeInit(cv, rhs, 0.0, y), CV_SUCCESS);
    ck_assert_int_eq(CVodeSVtolerances(cv, RTOL, abstol), CV_SUCCESS);
    ck_assert_int_eq(CVodeSetUserData(cv, &data), CV_SUCCESS);
    ck_assert_int_eq(CVodeSetMaxNumSteps(cv, 1000000), CV_SUCCESS);
    CVodeSetMaxHnilWarns(cv, -1);   /* restarts exactly at a stop time are expected */
    jm = SUNDenseMatrix((sunindextype) n + 1, (sunindextype) n + 1, ctx);
    ls = SUNLinSol_Dense(y, jm, ctx);
    ck_assert_int_eq(CVodeSetLinearSolver(cv, ls, jm), CV_SUCCESS);

    states = malloc(nt * n * sizeof *states);
    bio = calloc(nt, sizeof *bio);
    pg = calloc(nt, sizeof *pg);
    cg = calloc(nt * (m.n_agents + 1), sizeof *cg);
    fg = calloc(nt * (m.n_carriers + 1), sizeof *fg);
    for (;;) {
        double tb = next_break(arm, s->horizon, t);
        events_at(&m, arm, amounts, s->horizon, t, N_VGetArrayPointer(y));
        ck_assert_int_eq(CVodeReInit(cv, t, y), CV_SUCCESS);
        ck_assert_int_eq(CVodeSetStopTime(cv, tb), CV_SUCCESS);
        while (row < nt && times[row] <= t + TIME_EPS) {   /* rows after the events */
            memcpy(states + row * n, N_VGetArrayPointer(y), n * sizeof *states);
            bio[row++] = NV_Ith_S(y, n);
        }
        while (row < nt && times[row] < tb - TIME_EPS) {
            sunrealtype tr;
            ck_assert_int_eq(CVode(cv, times[row], y, &tr, CV_NORMAL), CV_SUCCESS);
            memcpy(states + row * n, N_VGetArrayPointer(y), n * sizeof *states);
            bio[row++] = NV_Ith_S(y, n);
        }
        if (tb > t + TIME_EPS) {
            sunrealtype tr;
            int st = CVode(cv, tb, y, &tr, CV_NORMAL);
            ck_assert_msg(st == CV_SUCCESS || st == CV_TSTOP_RETURN, "CVODE: %d", st);
        }
        if (tb >= s->horizon - TIME_EPS || row >= nt)
            break;
        t = tb;
    }
    while (row < nt) {
        memcpy(states + row * n, N_VGetArrayPointer(y), n * sizeof *states);
        bio[row++] = NV_Ith_S(y, n);
    }
    for (size_t i = 0; i < nt; i++)
        given_at(&m, arm, amounts, s->horizon, times[i], i, nt, pg, cg, fg);

    memset(&rec, 0, sizeof rec);
    rec.m = &m;
    rec.states = states;
    rec.particles_given = pg;
    rec.cargo_given = cg;
    rec.cargo_given_by_formulation = fg;
    rec.biomarker = m.has_tumour ? bio : NULL;
    rec.first_vesicle_dose = rec.t_half_alpha = rec.first_dose = NAN;
    for (int k = 0; k < EXOPK_MAX_AGENTS; k++)
        rec.last_dose_of_agent[k] = rec.first_dose_of_agent[k] = NAN;
    snprintf(res->arm, sizeof res->arm, "%s", arm->name);
    res->n_t = nt;
    res->t = malloc(nt * sizeof *res->t);
    memcpy(res->t, times, nt * sizeof *res->t);
    ck_assert_int_eq(result_compute(res, &rec), 0);

    CVodeFree(&cv);
    SUNLinSolFree(ls);
    SUNMatDestroy(jm);
    N_VDestroy(y);
    N_VDestroy(abstol);
    SUNContext_Free(&ctx);
    model_clear(&m);
    free(amounts);
    free(states);
    free(bio);
    free(pg);
    free(cg);
    free(fg);
    return res;
}

START_TEST(examples_match_cvode)
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
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        s = exopk_lua_load_study(path, EXOPK_SOURCE_DATADIR, NULL, NULL, &err);
        ck_assert_msg(s != NULL, "%s: %s", path, err.message);
        for (size_t a = 0; a < s->n_arms; a++) {
            ExopkSimOptions o = { .rtol = RTOL, .atol_scale = ATOL_SCALE };
            ExopkResult *ref = exopk_simulate(s, a, &o, &err), *cv;
            char where[256] = "";
            double dev;

            ck_assert_msg(ref != NULL, "%s %s: %s", e->d_name, s->arms[a].name, err.message);
            cv = cvode_run(s, a, ref);
            ck_assert_int_eq(exopk_result_n_series(cv), exopk_result_n_series(ref));
            dev = fixture_max_rel_dev(ref, cv, where, sizeof where);
            /* the figures for the record (TAP diagnostics) */
            printf("# %s %s: max rel dev from CVODE %.3g (%s)\n", e->d_name, s->arms[a].name, dev,
                   where);
            ck_assert_msg(dev <= 1e-6, "%s %s: %g at %s", e->d_name, s->arms[a].name, dev, where);
            exopk_result_free(ref);
            exopk_result_free(cv);
        }
        exopk_study_free(s);
        studies++;
    }
    closedir(d);
    ck_assert_int_ge(studies, 4);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("cvode");
    TCase *tc = tcase_create("cvode");

    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, examples_match_cvode);
    suite_add_tcase(s, tc);
    return s;
}
