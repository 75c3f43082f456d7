/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One oracle per module: a minimal study that isolates the module (other
 * rates set to zero), run at rtol 1e-10, against an independent solution
 * (closed form, or a matrix exponential of the linear sub-model) built
 * from the data values by hand, not from the resolved study.  The subject
 * weighs 30 g, not the 25 g of the data files, so allometric scaling is
 * checked too.  Tolerance: 1e-7 relative (the solver's 1e-10 with room for
 * global error growth) above 1e-3 of the accuracy floor of the series. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "fixture.h"
#include "../src/core/result-private.h"

#define W 0.03              /* subject weight, kg */
#define REL 1e-7

static ExopkResult *
run(ExopkStudy *s, size_t arm)
{
    ExopkSimOptions o = { .rtol = 1e-10 };
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, arm, &o, &err);

    if (r == NULL)
        ck_abort_msg("simulate: %s", err.message);
    return r;
}

static const double *
series(const ExopkResult *r, const char *name, const char **unit)
{
    long j = exopk_result_find_series(r, name);

    ck_assert_msg(j >= 0, "no series %s", name);
    if (unit != NULL)
        *unit = exopk_result_series_unit(r, (size_t) j);
    return exopk_result_series(r, (size_t) j);
}

static double
metric(const ExopkResult *r, const char *name)
{
    double v;
    ck_assert_msg(exopk_result_metric(r, name, &v) == 0, "no metric %s", name);
    return v;
}

/* Every row of series @name against want(t). */
static void
check_series(const ExopkResult *r, const char *name, double (*want)(double t, const void *p),
             const void *p)
{
    const char *unit;
    const double *v = series(r, name, &unit), *t = exopk_result_times(r);
    double floor;

    floor = 1e-3 * fixture_accuracy_floor(unit);
    for (size_t i = 0; i < exopk_result_n_times(r); i++) {
        double w = want(t[i], p);
        ck_assert_msg(fabs(v[i] - w) <= REL * fabs(w) + floor, "%s at t = %g h: %.12g vs oracle %.12g",
                      name, t[i], v[i], w);
    }
}

#define expm_apply(k, n, t, y0, y) ck_assert_int_eq(fixture_expm_apply(k, n, t, y0, y), 0)

/* Bateman: amount in the central pool after a dose D into a depot
 * absorbed at ka, eliminated at k. */
static double
bateman(double d, double ka, double k, double t)
{
    return d * ka / (ka - k) * (exp(-k * t) - exp(-ka * t));
}

/* The data values of the fixture scaled to the 30 g subject by hand. */
static double
agent_volume(double v70)
{
    return v70 * W / 70.0;
}

static double
agent_flow(double q70)
{
    return q70 * pow(W / 70.0, 0.75);
}

static double
carrier_rate(double k)     /* carrier reference weight 25 g, rates ~ BW^-0.25 */
{
    return k * pow(W / 0.025, -0.25);
}

static ExopkStudy *
study(int tumour)
{
    ExopkStudy *s = fixture_study(tumour);

    s->weight = W;
    return s;
}

/* ---- free drug: ip depot, heart, infusion ---- */

typedef struct { double d, ka, k, v, t0, dur, rate; } OneComp;

static double
want_ip_plasma(double t, const void *p)
{
    const OneComp *c = p;
    return bateman(c->d, c->ka, c->k, t) / c->v;
}

START_TEST(ip_free_dose_is_bateman)
{
    ExopkStudy *s = study(0);
    double d = 200;
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IP, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = d };
    ExopkResult *r;
    OneComp c;

    /* one compartment: no peripheral or heart exchange */
    s->agent_ref[0].q2 = s->agent_ref[0].q3 = 0;
    s->species.heart_flow_fraction = 0;
    exopk_study_add_arm(s, "ip", &dose, 1);
    s->horizon = 24;
    s->output_every = 0.25;
    fixture_resolve(s);
    r = run(s, 0);
    c = (OneComp) { d, 1.0, agent_flow(53.3) / agent_volume(17.7), agent_volume(17.7), 0, 0, 0 };
    check_series(r, "doxorubicin.plasma", want_ip_plasma, &c);
    ck_assert_double_le(metric(r, "doxorubicin.mass_balance_rel_error"), 1e-6);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* A1, A2, A3, A_H of the full free-drug model, built from the data values */
typedef struct { double k[16], y0[4], v1, vh; } FreeModel;

static FreeModel
free_model(double dose)
{
    double v1 = agent_volume(17.7), v2 = agent_volume(1830), v3 = agent_volume(71.6);
    double cl = agent_flow(53.3), q2 = agent_flow(58.7), q3 = agent_flow(21.8);
    double qh = 0.066 * 1.04 * pow(W / 0.025, 0.75), vh = 0.005 * W, kph = 15;
    FreeModel f = { .k = {
        -(cl + q2 + q3 + qh) / v1, q2 / v2, q3 / v3, qh / (kph * vh),
        q2 / v1, -q2 / v2, 0, 0,
        q3 / v1, 0, -q3 / v3, 0,
        qh / v1, 0, 0, -qh / (kph * vh) },
        .y0 = { dose, 0, 0, 0 }, .v1 = v1, .vh = vh };
    return f;
}

static double
want_free_plasma(double t, const void *p)
{
    const FreeModel *f = p;
    double y[4];
    expm_apply(f->k, 4, t, f->y0, y);
    return y[0] / f->v1;
}

static double
want_free_heart(double t, const void *p)
{
    const FreeModel *f = p;
    double y[4];
    expm_apply(f->k, 4, t, f->y0, y);
    return y[3] / f->vh;
}

START_TEST(free_dox_with_heart_matches_expm)
{
    ExopkStudy *s = study(0);
    double d = 150;
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = d };
    ExopkResult *r;
    FreeModel f = free_model(d);
    double kinv[16], y[4], auc_h = 0;

    exopk_study_add_arm(s, "iv", &dose, 1);
    s->horizon = 48;
    fixture_resolve(s);
    r = run(s, 0);
    check_series(r, "doxorubicin.plasma", want_free_plasma, &f);
    check_series(r, "doxorubicin.heart", want_free_heart, &f);
    /* heart AUC to the horizon: K^-1 (expm(K T) - I) y0, heart row */
    {
        gsl_matrix_view kv = gsl_matrix_view_array(memcpy(kinv, f.k, sizeof kinv), 4, 4);
        gsl_permutation *perm = gsl_permutation_alloc(4);
        gsl_vector *b = gsl_vector_alloc(4), *x = gsl_vector_alloc(4);
        int sg;
        expm_apply(f.k, 4, 48, f.y0, y);
        for (int i = 0; i < 4; i++)
            gsl_vector_set(b, i, y[i] - f.y0[i]);
        gsl_linalg_LU_decomp(&kv.matrix, perm, &sg);
        gsl_linalg_LU_solve(&kv.matrix, perm, b, x);
        auc_h = gsl_vector_get(x, 3) / f.vh;
        gsl_permutation_free(perm);
        gsl_vector_free(b);
        gsl_vector_free(x);
    }
    ck_assert_msg(fabs(metric(r, "doxorubicin.heart_auc") - auc_h) <= 1e-6 * auc_h,
                  "heart AUC %.10g vs %.10g", metric(r, "doxorubicin.heart_auc"), auc_h);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

static double
want_infusion(double t, const void *p)
{
    const OneComp *c = p;
    double ss = c->rate / c->k, end = c->t0 + c->dur;

    if (t <= c->t0)
        return 0;
    if (t <= end)
        return ss * (1 - exp(-c->k * (t - c->t0))) / c->v;
    return ss * (1 - exp(-c->k * c->dur)) * exp(-c->k * (t - end)) / c->v;
}

START_TEST(free_infusion_is_one_compartment)
{
    ExopkStudy *s = study(0);
    double d = 120, t0 = 2, dur = 3;
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = t0,
                       .duration = dur, .unit = EXOPK_DOSE_NMOL, .amount = d };
    ExopkResult *r;
    OneComp c;

    s->agent_ref[0].q2 = s->agent_ref[0].q3 = 0;
    s->species.heart_flow_fraction = 0;
    exopk_study_add_arm(s, "inf", &dose, 1);
    s->horizon = 12;
    s->output_every = 0.25;
    fixture_resolve(s);
    r = run(s, 0);
    c = (OneComp) { d, 0, agent_flow(53.3) / agent_volume(17.7), agent_volume(17.7), t0, dur,
                    d / dur };
    check_series(r, "doxorubicin.plasma", want_infusion, &c);
    ck_assert_double_le(metric(r, "doxorubicin.mass_balance_rel_error"), 1e-6);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- vesicles: ip depot and infusion, with their cargo ---- */

/* Loading of the fixture formulation by hand (100 nm, 5 nm bilayer,
 * 10 mM lumen, 0.1 sites/nm2, EE0 0.2, 5000 offered), molecules. */
static void
fixture_loading(double *ql, double *qm)
{
    double capl = 4.0 / 3.0 * M_PI * pow(45.0, 3) * 1e-24 * 1e7 * 6.02214076e14;
    double capm = 0.1 * 4.0 * M_PI * 50.0 * 50.0, cap = capl + capm;
    double a = cap * (1 - exp(-0.2 * 5000 / cap));

    *ql = a * capl / cap;
    *qm = a * capm / cap;
}

typedef struct { double n, ka, kel, q[2], kl[2], vp, t0, dur; int infusion; } Vesicles;

/* particles in plasma, and the decay of the cargo they carry in pool p
 * (its own leak on top), for a bolus into the depot or an infusion */
static double
vesicle_plasma(const Vesicles *v, double t, double extra)
{
    double k = v->kel + extra;

    if (!v->infusion)   /* the depot loses cargo at ka + extra, absorbs it at ka */
        return v->n * v->ka / (v->ka - v->kel) * (exp(-k * t) - exp(-(v->ka + extra) * t));
    if (t <= v->t0)
        return 0;
    if (t <= v->t0 + v->dur)
        return v->n / v->dur / k * (1 - exp(-k * (t - v->t0)));
    return v->n / v->dur / k * (1 - exp(-k * v->dur)) * exp(-k * (t - v->t0 - v->dur));
}

static double
want_plasma_particles(double t, const void *p)
{
    return vesicle_plasma(p, t, 0);
}

static double
want_depot_particles(double t, const void *p)
{
    const Vesicles *v = p;
    return v->n * exp(-v->ka * t);
}

static double
want_encapsulated(double t, const void *p)
{
    const Vesicles *v = p;
    double nmol = 0;
    for (int i = 0; i < 2; i++)
        nmol += v->q[i] / 6.02214076e14 * vesicle_plasma(v, t, v->kl[i]);
    return nmol / v->vp;
}

static Vesicles
linear_vesicles(double n)
{
    Vesicles v;
    fixture_loading(&v.q[0], &v.q[1]);
    v.n = n;
    v.ka = carrier_rate(0.5);
    /* linear MPS (electroporation x1.2) and other clearance, no tissue */
    v.kel = carrier_rate(4.0) * 1.2 + carrier_rate(1.0);
    v.kl[0] = 0.06 * 1.5;
    v.kl[1] = 0.6 * 1.5;
    v.vp = 0.04 * W;
    v.t0 = v.dur = 0;
    v.infusion = 0;
    return v;
}

static ExopkStudy *
linear_vesicle_study(void)
{
    ExopkStudy *s = study(0);

    s->formulations[0].carrier_ref.km_mps = 1e30;  /* r_mps = k_mps to 1e-19 */
    s->formulations[0].carrier_ref.k_pt = 0;
    return s;
}

START_TEST(ip_vesicles_are_bateman)
{
    ExopkStudy *s = linear_vesicle_study();
    ExopkDose dose = { .formulation = 0, .route = EXOPK_ROUTE_IP, .time = 0,
                       .unit = EXOPK_DOSE_PARTICLES, .amount = 3e11 };
    ExopkResult *r;
    Vesicles v = linear_vesicles(3e11);

    exopk_study_add_arm(s, "ip", &dose, 1);
    s->horizon = 24;
    s->output_every = 0.25;
    fixture_resolve(s);
    r = run(s, 0);
    check_series(r, "plasma_particles", want_plasma_particles, &v);
    check_series(r, "peritoneum_particles", want_depot_particles, &v);
    check_series(r, "doxorubicin.plasma_encapsulated", want_encapsulated, &v);
    ck_assert_double_le(metric(r, "doxorubicin.mass_balance_rel_error"), 1e-6);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(vesicle_infusion_is_one_compartment)
{
    ExopkStudy *s = linear_vesicle_study();
    ExopkDose dose = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 1, .duration = 2,
                       .unit = EXOPK_DOSE_PARTICLES, .amount = 4e11 };
    ExopkResult *r;
    Vesicles v = linear_vesicles(4e11);

    v.infusion = 1;
    v.t0 = 1;
    v.dur = 2;
    exopk_study_add_arm(s, "inf", &dose, 1);
    s->horizon = 10;
    s->output_every = 0.25;
    fixture_resolve(s);
    r = run(s, 0);
    check_series(r, "plasma_particles", want_plasma_particles, &v);
    check_series(r, "doxorubicin.plasma_encapsulated", want_encapsulated, &v);
    ck_assert_double_le(metric(r, "particles.mass_balance_rel_error"), 1e-6);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- loading report ---- */

START_TEST(loading_report_matches_hand_computation)
{
    ExopkStudy *s = study(0);
    ExopkFormulation *f = &s->formulations[0];
    ExopkDose dose = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0, .cargo = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = 0.5 };
    ExopkLoadingReport rep;
    ExopkResult *r;
    /* 140 nm vesicles, 5 nm bilayer, 10 mM lumen, 0.1 sites/nm2, EE0 0.3, 20000 offered */
    double capl = 4.0 / 3.0 * M_PI * pow(65.0, 3) * 1e-24 * 1e7 * 6.02214076e14;
    double capm = 0.1 * 4.0 * M_PI * 70.0 * 70.0, cap = capl + capm;
    double a = cap * (1 - exp(-0.3 * 20000 / cap));
    double cargo_g = a / 6.02214076e23 * 543.52, protein_g = 1e-6 / 1e10;
    double per = a / 6.02214076e14;   /* nmol per vesicle */

    f->diameter = 140;
    f->carrier_ref.diameter = 140;
    f->cargo[0].offered = 20000;
    f->cargo[0].ee0 = 0.3;
    exopk_study_add_arm(s, "a", &dose, 1);
    s->horizon = 2;
    fixture_resolve(s);
    exopk_formulation_load(f, s, &rep);
    ck_assert_double_eq_tol(rep.cap_lumen, capl, 1e-9 * capl);
    ck_assert_double_eq_tol(rep.cap_membrane, capm, 1e-9 * capm);
    ck_assert_double_eq_tol(rep.q_lumen, a * capl / cap, 1e-9 * a);
    ck_assert_double_eq_tol(rep.q_membrane, a * capm / cap, 1e-9 * a);
    ck_assert_double_eq_tol(rep.ee_pct, 100 * a / 20000, 1e-9);
    ck_assert_double_eq_tol(rep.dlc_pct, 100 * cargo_g / (cargo_g + protein_g), 1e-9);
    /* the run reports the same numbers, and a cargo dose converts to particles */
    r = run(s, 0);
    ck_assert_double_eq_tol(metric(r, "exodox.doxorubicin.ee_pct"), 100 * a / 20000, 1e-9);
    ck_assert_double_eq_tol(metric(r, "exodox.doxorubicin.molecules_per_vesicle"), a, 1e-9 * a);
    ck_assert_double_eq_tol(metric(r, "particles_given"), 0.5 / per, 1e-9 * 0.5 / per);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- tumour growth without drug ---- */

typedef struct { double k, lambda, v0, tau, f0; } Gompertz;

/* N' = l ln(K/N) N  =>  N = K exp(ln(N0/K) e^(-l t)) */
static double
want_gompertz(double t, const void *p)
{
    const Gompertz *g = p;
    return g->k * exp(log(g->v0 / g->k) * exp(-g->lambda * t));
}

/* f_S' = -tau f_S (1 - f_S): the resistant fraction 1 - f_S */
static double
want_resistant_fraction(double t, const void *p)
{
    const Gompertz *g = p;
    double fs = (1 - g->f0), e = exp(-g->tau * t);
    return 1 - fs * e / (1 - fs + fs * e);
}

static ExopkResult *
control_run(double v0, double rf, double cost, double tau, double horizon)
{
    ExopkStudy *s = study(1);
    ExopkResult *r;

    s->tumour_volume0 = v0;
    s->resistant_fraction0 = rf;
    s->tumour_ref.fitness_cost = cost;
    s->tumour_ref.transfer_rate = tau;
    s->tumour_ref.mutation_rate = 0;
    exopk_study_add_arm(s, "control", NULL, 0);
    s->horizon = horizon;
    s->output_every = 4;
    fixture_resolve(s);
    r = run(s, 0);
    exopk_study_free(s);
    return r;
}

START_TEST(tumour_grows_by_gompertz)
{
    /* the growth rate is measured at 100 mm3: lambda = rate / ln(K/100) */
    const double lambda = 0.1 / 24 / log(3000.0 / 100.0);
    Gompertz g = { 3000, lambda, 50, 0, 0.3 };
    ExopkResult *r = control_run(50, 0.3, 0, 0, 600);

    check_series(r, "tumour_volume", want_gompertz, &g);
    check_series(r, "resistant_fraction", want_resistant_fraction, &g);
    exopk_result_free(r);
    /* resistant cells alone grow (1 - cost) slower ... */
    g.lambda = (1 - 0.2) * lambda;
    r = control_run(50, 1, 0.2, 0, 600);
    check_series(r, "tumour_volume", want_gompertz, &g);
    exopk_result_free(r);
    /* ... but above capacity shrink at the full rate */
    g = (Gompertz) { 3000, lambda, 4000, 0, 1 };
    r = control_run(4000, 1, 0.2, 0, 600);
    check_series(r, "tumour_volume", want_gompertz, &g);
    exopk_result_free(r);
    /* transfer S -> R at tau R/(S+R) leaves the total alone */
    g = (Gompertz) { 3000, lambda, 80, 0.01, 0.3 };
    r = control_run(80, 0.3, 0, 0.01, 400);
    check_series(r, "tumour_volume", want_gompertz, &g);
    check_series(r, "resistant_fraction", want_resistant_fraction, &g);
    exopk_result_free(r);
}
END_TEST

/* ---- biomarker over a constant tumour ---- */

typedef struct { double level; } Const;

static double
want_const(double t, const void *p)
{
    (void) t;
    return ((const Const *) p)->level;
}

START_TEST(biomarker_of_a_constant_tumour)
{
    ExopkStudy *s = study(1);
    ExopkResult *r;
    Const c;

    /* no growth, transfer or mutation: the tumour stays as it started */
    s->tumour_ref.growth_rate = 0;
    s->tumour_ref.transfer_rate = 0;
    s->tumour_ref.mutation_rate = 0;
    s->tumour_volume0 = 150;
    s->resistant_fraction0 = 0.4;
    exopk_study_add_arm(s, "control", NULL, 0);
    s->horizon = 24;
    s->output_every = 0.5;
    fixture_resolve(s);
    r = run(s, 0);
    /* secretion 60 /h per cell, x2 per resistant cell, cleared at 5.9 /h,
     * per mL of plasma */
    c.level = 1e6 * 60 * (90 + 2 * 60) / 5.9 / (0.04 * W * 1e3);
    check_series(r, "biomarker_plasma", want_const, &c);
    c.level = 150;
    check_series(r, "tumour_volume", want_const, &c);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- RNA in tumour cells for a constant load ---- */

/* A tumour that neither grows nor changes, and an RNA formulation given
 * into it that is taken up and processed within an hour or two. */
static ExopkStudy *
rna_cell_study(ExopkAgent rna)
{
    ExopkStudy *s = study(1);
    ExopkFormulation *f = &s->formulations[0];
    int ri = exopk_study_add_agent(s, &rna);
    ExopkDose dose = { .formulation = 0, .route = EXOPK_ROUTE_IT, .time = 0,
                       .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 };

    s->tumour_ref.growth_rate = 0;
    s->tumour_ref.transfer_rate = 0;
    s->tumour_ref.mutation_rate = 0;
    f->cargo[0] = (ExopkCargo) { .agent = ri, .offered = 2000, .ee0 = 0.5, .lumen_conc_max = 1e6 };
    f->carrier_ref.k_int = 30;
    f->carrier_ref.k_proc = 30;
    f->carrier_ref.k_ip = 0;
    exopk_study_add_arm(s, "it", &dose, 1);
    s->horizon = 30;
    s->output_every = 0.5;
    fixture_resolve(s);
    return s;
}

typedef struct { double t0, m0, p0, inh, km, kp; } Knockdown;

/* m' = km (1 - m) - km I m, p' = kp (m - p), I constant from t0 */
static double
want_mrna(double t, const void *p)
{
    const Knockdown *k = p;
    double mss = 1 / (1 + k->inh), a = k->km * (1 + k->inh);
    return t < k->t0 ? NAN : mss + (k->m0 - mss) * exp(-a * (t - k->t0));
}

static double
want_protein(double t, const void *p)
{
    const Knockdown *k = p;
    double mss = 1 / (1 + k->inh), a = k->km * (1 + k->inh), dt = t - k->t0;
    double c = (k->m0 - mss) * k->kp / (k->kp - a);
    if (t < k->t0)
        return NAN;
    return mss + c * exp(-a * dt) + (k->p0 - mss - c) * exp(-k->kp * dt);
}

/* Checks rows from t0 on. */
static void
check_from(const ExopkResult *r, const char *name, double t0,
           double (*want)(double, const void *), const void *p)
{
    const double *v = series(r, name, NULL), *t = exopk_result_times(r);

    for (size_t i = 0; i < exopk_result_n_times(r); i++) {
        double w;
        if (t[i] < t0)
            continue;
        w = want(t[i], p);
        ck_assert_msg(fabs(v[i] - w) <= REL * fabs(w) + 1e-9, "%s at t = %g h: %.12g vs %.12g",
                      name, t[i], v[i], w);
    }
}

static double
at_time(const ExopkResult *r, const char *name, double t0)
{
    const double *v = series(r, name, NULL), *t = exopk_result_times(r);
    size_t i = 0;

    while (t[i] < t0)
        i++;
    return v[i];
}

START_TEST(sirna_knockdown_for_constant_risc)
{
    ExopkAgent si = fixture_sirna(EXOPK_ACTS_ON_PGP);
    ExopkStudy *s;
    ExopkResult *r;
    Knockdown k;
    double rs, rs_end;

    si.k_cyto = 0;          /* all cytosolic siRNA loads RISC ... */
    si.k_risc = 20;
    si.k_risc_deg = 0;      /* ... which then stays */
    si.k_mrna = 0.3;
    si.k_protein = 0.1;
    s = rna_cell_study(si);
    r = run(s, 0);
    k.t0 = 6;
    rs = at_time(r, "sirna.risc_s", k.t0);
    rs_end = at_time(r, "sirna.risc_s", 30);
    ck_assert_msg(rs > 1 && fabs(rs_end - rs) <= 1e-6 * rs, "RISC not constant: %g, %g", rs, rs_end);
    ck_assert_double_eq_tol(at_time(r, "sirna.risc_r", k.t0), rs, 1e-6 * rs);
    k.inh = 10 * rs / (50 + rs);   /* Imax R / (IC50 + R) */
    k.m0 = at_time(r, "sirna.target_mrna", k.t0);
    k.p0 = at_time(r, "sirna.target_protein", k.t0);
    k.km = 0.3;
    k.kp = 0.1;
    check_from(r, "sirna.target_mrna", k.t0, want_mrna, &k);
    check_from(r, "sirna.target_protein", k.t0, want_protein, &k);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

typedef struct { double t0, a0, kmir, kq; } Activity;

/* a' = k_mirna (1 - a) - k_bind Q a for a constant anti-miR level Q */
static double
want_activity(double t, const void *p)
{
    const Activity *a = p;
    double ss = a->kmir / (a->kmir + a->kq);
    return ss + (a->a0 - ss) * exp(-(a->kmir + a->kq) * (t - a->t0));
}

START_TEST(antimir_activity_for_constant_level)
{
    ExopkAgent am = fixture_antimir();
    ExopkStudy *s;
    ExopkResult *r;
    Activity a;
    double q, q_end;

    am.k_cyto = 0;
    am.k_gymnotic = 0;
    am.mirna_copies = 0;    /* binding does not use the anti-miR up */
    am.k_bind = 0.002;
    am.k_mirna = 0.2;
    s = rna_cell_study(am);
    r = run(s, 0);
    a.t0 = 6;
    q = at_time(r, "antimir.cell_s", a.t0);
    q_end = at_time(r, "antimir.cell_s", 30);
    ck_assert_msg(q > 1 && fabs(q_end - q) <= 1e-6 * q, "anti-miR not constant: %g, %g", q, q_end);
    a.a0 = at_time(r, "antimir.mirna_activity", a.t0);
    a.kmir = 0.2;
    a.kq = 0.002 * q;
    ck_assert_double_lt(a.kmir / (a.kmir + a.kq), 0.9);   /* the test sees binding */
    check_from(r, "antimir.mirna_activity", a.t0, want_activity, &a);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- free RNA in plasma, RNA turnover in cells ---- */

typedef struct { double a0, k, v; } Exp;

static double
want_exp(double t, const void *p)
{
    const Exp *e = p;
    return e->a0 * exp(-e->k * t) / e->v;
}

START_TEST(free_sirna_is_cleared_by_nucleases_and_kidney)
{
    ExopkStudy *s = study(0);
    ExopkAgent si = fixture_sirna(EXOPK_ACTS_ON_PGP);
    int ri = exopk_study_add_agent(s, &si);
    ExopkDose dose = { .formulation = -1, .agent = ri, .route = EXOPK_ROUTE_IV, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = 5 };
    ExopkResult *r;
    /* reference weight 25 g: V1 ~ BW, CL_r ~ BW^0.75 */
    double v1 = 0.001 * W / 0.025, clr = 0.005 * pow(W / 0.025, 0.75);
    Exp e = { 5, 6.9 + clr / v1, v1 };

    exopk_study_add_arm(s, "iv", &dose, 1);
    s->horizon = 2;
    s->output_every = 0.05;
    fixture_resolve(s);
    r = run(s, 0);
    check_series(r, "sirna.plasma", want_exp, &e);
    /* the kidney's share is eliminated, the nucleases' degraded */
    ck_assert_double_eq_tol(at_time(r, "sirna.eliminated", 2),
                            5 * clr / v1 / e.k * (1 - exp(-2 * e.k)), 1e-7 * 5);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

typedef struct { double t0, c0, r0, kc, kr, kd; } Risc;

/* C' = -(k_cyto + k_risc) C, R' = k_risc C - k_risc_deg R, per cell */
static double
want_risc(double t, const void *p)
{
    const Risc *k = p;
    double a = k->kc + k->kr, dt = t - k->t0, c = k->kr * k->c0 / (k->kd - a);
    return c * exp(-a * dt) + (k->r0 - c) * exp(-k->kd * dt);
}

static double
want_cytosol_and_risc(double t, const void *p)
{
    const Risc *k = p;
    return k->c0 * exp(-(k->kc + k->kr) * (t - k->t0)) + want_risc(t, p);
}

START_TEST(sirna_cytosol_and_risc_turn_over)
{
    ExopkStudy *s = rna_cell_study(fixture_sirna(EXOPK_ACTS_ON_PGP));
    ExopkResult *r = run(s, 0);
    Risc k = { .t0 = 6, .kc = 0.029, .kr = 0.1, .kd = 0.077 };

    k.r0 = at_time(r, "sirna.risc_s", k.t0);
    k.c0 = at_time(r, "sirna.cell_s", k.t0) - k.r0;   /* cell_s counts both pools */
    ck_assert_double_gt(k.c0, 1);
    check_from(r, "sirna.risc_s", k.t0, want_risc, &k);
    check_from(r, "sirna.cell_s", k.t0, want_cytosol_and_risc, &k);
    check_from(r, "sirna.cell_r", k.t0, want_cytosol_and_risc, &k);  /* same per cell */
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- vesicles given into the tumour, with a targeting ligand ---- */

typedef struct { double n, kout, kint, kproc; } Tumour;

static double
want_interstitium(double t, const void *p)
{
    const Tumour *v = p;
    return v->n * exp(-(v->kout + v->kint) * t);
}

static double
want_endosomes(double t, const void *p)
{
    const Tumour *v = p;
    double k = v->kout + v->kint;
    return v->n * v->kint / (k - v->kproc) * (exp(-v->kproc * t) - exp(-k * t));
}

START_TEST(intratumoral_vesicles_with_ligand)
{
    ExopkStudy *s = study(1);
    ExopkDose dose = { .formulation = 0, .route = EXOPK_ROUTE_IT, .time = 0,
                       .unit = EXOPK_DOSE_PARTICLES, .amount = 1e11 };
    ExopkResult *r;
    /* ligand g = 1.5: uptake x (1 + g), washout / (1 + g) */
    Tumour v = { 1e11, 0.02 / 2.5, 0.05 * 2.5, 0.5 };

    s->formulations[0].carrier_ref.g_tgt = 1.5;
    s->formulations[0].carrier_ref.ps_tum = 0;   /* nothing comes back from plasma */
    exopk_study_add_arm(s, "it", &dose, 1);
    s->horizon = 24;
    s->output_every = 0.5;
    fixture_resolve(s);
    r = run(s, 0);
    check_series(r, "tumour_interstitium_particles", want_interstitium, &v);
    check_series(r, "tumour_cells_particles", want_endosomes, &v);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- units and tumour growth inhibition ---- */

START_TEST(units_convert_to_engine_units)
{
    static const struct { const char *text; ExopkUnitKind kind; double want; } cases[] = {
        { "250 uL", EXOPK_KIND_VOLUME, 250e-6 },
        { "1.5 mL", EXOPK_KIND_VOLUME, 1.5e-3 },
        { "2 uM", EXOPK_KIND_CONCENTRATION, 2000 },
        { "3 mM", EXOPK_KIND_CONCENTRATION, 3e6 },
        { "30 min", EXOPK_KIND_TIME, 0.5 },
        { "2 d", EXOPK_KIND_TIME, 48 },
        { "0.7 /d", EXOPK_KIND_RATE, 0.7 / 24 },
        { "4 mg", EXOPK_KIND_MASS, 4 },
        { "500 ug", EXOPK_KIND_MASS, 0.5 },
        { "12 mL/min", EXOPK_KIND_FLOW, 0.72 },
        { "2 mg/L", EXOPK_KIND_MASS_CONC, 2 },
        { "3 pmol", EXOPK_KIND_AMOUNT, 3e-3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ExopkError err;
        double v;
        ck_assert_msg(exopk_units_parse_as(cases[i].text, cases[i].kind, &v, &err) == EXOPK_OK,
                      "%s: %s", cases[i].text, err.message);
        ck_assert_msg(fabs(v - cases[i].want) <= 1e-12 * fabs(cases[i].want), "%s: %.15g vs %.15g",
                      cases[i].text, v, cases[i].want);
    }
}
END_TEST

START_TEST(tgi_is_relative_to_growth_of_control)
{
    ExopkStudy *s = study(1);
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = 400 };
    ExopkResult *r[2];
    double c_end, t_end;

    exopk_study_add_arm(s, "control", NULL, 0);
    exopk_study_add_arm(s, "treated", &dose, 1);
    s->horizon = 240;
    s->output_every = 24;
    fixture_resolve(s);
    r[0] = run(s, 0);
    r[1] = run(s, 1);
    exopk_results_compare(s, r);
    c_end = at_time(r[0], "tumour_volume", 240);
    t_end = at_time(r[1], "tumour_volume", 240);
    ck_assert_double_eq_tol(metric(r[1], "tgi_pct"), 100 * (1 - (t_end - 100) / (c_end - 100)),
                            1e-9);
    ck_assert_double_gt(metric(r[1], "tgi_pct"), 1);
    exopk_result_free(r[0]);
    exopk_result_free(r[1]);
    exopk_study_free(s);
}
END_TEST

/* ---- biomarker under drug stress ---- */

/* The kill of one cell type from its molecules per cell (docs/model.md-style
 * calibration by hand: EC50 = IC50 x k_in / (k_out + Vmax/Km), with
 * Vmax/Km chosen for 0.2 accumulation at P-gp 10: 0.39 /h). */
static double
kill_of(double molecules_per_cell, double ec50)
{
    double c = molecules_per_cell / 6.02214076e14 / ((1 - 0.3) * 1e-12);   /* nmol/L */
    return c > 0 ? 0.05 * c / (ec50 + c) : 0.0;
}

START_TEST(biomarker_rises_with_drug_stress)
{
    ExopkStudy *s = study(1);
    ExopkDose dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                       .unit = EXOPK_DOSE_NMOL, .amount = 2000 };
    ExopkResult *r;
    const double *t, *b, *sv, *rv, *cs, *cr;
    const double ec50 = 300 * 5 / (0.5 + (0.5 - 0.2 * 0.55) / (0.2 * 10 - 1));
    const double k = 5.9, vp_ml = 0.04 * W * 1e3;
    double sec0 = 0, bq, worst = 0, stress_max = 0;

    exopk_study_add_arm(s, "dox", &dose, 1);
    s->horizon = 8;
    s->output_every = 0.01;
    fixture_resolve(s);
    r = run(s, 0);
    t = exopk_result_times(r);
    b = series(r, "biomarker_plasma", NULL);
    sv = series(r, "sensitive_volume", NULL);
    rv = series(r, "resistant_volume", NULL);
    cs = series(r, "doxorubicin.cell_s", NULL);
    cr = series(r, "doxorubicin.cell_r", NULL);
    /* B' = 1e6 60 (S + 2R) (1 + 2 stress) - 5.9 B, exactly over each row
     * interval for a secretion linear in time between rows */
    bq = b[0] * vp_ml;
    for (size_t i = 0; i < exopk_result_n_times(r); i++) {
        double ks = kill_of(cs[i], ec50), kr = kill_of(cr[i], 2 * ec50);
        double stress = (ks * sv[i] + kr * rv[i]) / ((sv[i] + rv[i]) * 0.05);
        double sec = 1e6 * 60 * (sv[i] + 2 * rv[i]) * (1 + 2 * stress);
        if (i > 0) {
            double h = t[i] - t[i - 1], e = exp(-k * h), slope = (sec - sec0) / h;
            bq = bq * e + sec0 * (1 - e) / k + slope * (h / k - (1 - e) / (k * k));
        } else {
            ck_assert_double_eq_tol(bq, sec / k, 1e-9 * bq);   /* starts at steady state */
        }
        sec0 = sec;
        stress_max = fmax(stress_max, stress);
        if (t[i] >= 1)   /* the quadrature's error of the first minutes has decayed */
            worst = fmax(worst, fabs(b[i] * vp_ml - bq) / bq);
    }
    /* linear interpolation of the secretion over 0.01 h: error < 1e-5 */
    ck_assert_msg(worst <= 1e-4, "biomarker off by %g relative", worst);
    ck_assert_double_gt(stress_max, 0.2);   /* the test sees the stress term */
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- the mass-balance check itself ---- */

/* Transfers conserve mass by construction, so no simulation can show that
 * the check works: hand it states that lost 30 % of the cargo and 40 % of
 * the particles given, through the output code. */
START_TEST(mass_balance_check_reports_a_loss)
{
    ExopkStudy *s = study(0);
    ExopkDose d[2] = {
        { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
          .unit = EXOPK_DOSE_NMOL, .amount = 10 },
        { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0,
          .unit = EXOPK_DOSE_PARTICLES, .amount = 1e10 } };
    ExopkResult *res = calloc(1, sizeof *res);
    Model m;
    SimRecord rec;
    double *y, pg[2] = { 1e10, 1e10 }, cg[4] = { 10, 10, 0, 0 }, fg[4] = { 0 };
    int k;

    exopk_study_add_arm(s, "a", d, 2);
    fixture_resolve(s);
    ck_assert_int_eq(model_init(&m, s, 0), 0);
    k = model_agent_of(&m, 0);
    ck_assert_int_eq(k, 0);
    y = calloc(2 * m.n, sizeof *y);
    for (size_t i = 0; i < 2; i++) {
        y[i * m.n + (size_t) m.agents[k].a1] = 4;
        y[i * m.n + (size_t) m.agents[k].elim] = 3;
        y[i * m.n + (size_t) m.carriers[0].x[VC_P]] = 0.6e10;
    }
    memset(&rec, 0, sizeof rec);
    rec.m = &m;
    rec.states = y;
    rec.particles_given = pg;
    rec.cargo_given = cg;
    rec.cargo_given_by_formulation = fg;
    rec.first_vesicle_dose = rec.t_half_alpha = rec.first_dose = NAN;
    for (int a = 0; a < EXOPK_MAX_AGENTS; a++)
        rec.last_dose_of_agent[a] = rec.first_dose_of_agent[a] = NAN;
    snprintf(res->arm, sizeof res->arm, "a");
    res->n_t = 2;
    res->t = malloc(2 * sizeof *res->t);
    res->t[0] = 0;
    res->t[1] = 1;
    ck_assert_int_eq(result_compute(res, &rec), 0);
    ck_assert_double_eq_tol(metric(res, "doxorubicin.mass_balance_rel_error"), 0.3, 1e-12);
    ck_assert_double_eq_tol(metric(res, "particles.mass_balance_rel_error"), 0.4, 1e-12);
    exopk_result_free(res);
    free(y);
    model_clear(&m);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("oracles");
    TCase *tc = tcase_create("oracles");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, ip_free_dose_is_bateman);
    tcase_add_test(tc, free_dox_with_heart_matches_expm);
    tcase_add_test(tc, free_infusion_is_one_compartment);
    tcase_add_test(tc, ip_vesicles_are_bateman);
    tcase_add_test(tc, vesicle_infusion_is_one_compartment);
    tcase_add_test(tc, loading_report_matches_hand_computation);
    tcase_add_test(tc, tumour_grows_by_gompertz);
    tcase_add_test(tc, biomarker_of_a_constant_tumour);
    tcase_add_test(tc, sirna_knockdown_for_constant_risc);
    tcase_add_test(tc, antimir_activity_for_constant_level);
    tcase_add_test(tc, free_sirna_is_cleared_by_nucleases_and_kidney);
    tcase_add_test(tc, sirna_cytosol_and_risc_turn_over);
    tcase_add_test(tc, intratumoral_vesicles_with_ligand);
    tcase_add_test(tc, units_convert_to_engine_units);
    tcase_add_test(tc, tgi_is_relative_to_growth_of_control);
    tcase_add_test(tc, biomarker_rises_with_drug_stress);
    tcase_add_test(tc, mass_balance_check_reports_a_loss);
    suite_add_tcase(s, tc);
    return s;
}
