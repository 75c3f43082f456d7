/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Core model tests: analytic oracles (matrix exponentials of the linear
 * sub-models), the Jacobian against finite differences, event timing, mass
 * balance on every route, accuracy against a tight-tolerance run. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "fixture.h"
#include "../src/core/model-private.h"

static const double DOX_NMOL_5MGKG = 5.0 * 0.025 / 579.99 * 1e6;

static ExopkResult *
run(ExopkStudy *s, size_t arm, double rtol)
{
    ExopkSimOptions o = { .rtol = rtol };
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, arm, &o, &err);

    if (r == NULL)
        ck_abort_msg("simulate: %s", err.message);
    return r;
}

static const double *
series(const ExopkResult *r, const char *name)
{
    long j = exopk_result_find_series(r, name);
    ck_assert_msg(j >= 0, "no series %s", name);
    return exopk_result_series(r, (size_t) j);
}

static double
metric(const ExopkResult *r, const char *name)
{
    double v;
    ck_assert_msg(exopk_result_metric(r, name, &v) == 0, "no metric %s", name);
    return v;
}

#define expm_apply(k, n, t, y0, y) ck_assert_int_eq(fixture_expm_apply(k, n, t, y0, y), 0)

/* ---- loading (docs/model.md §1; data/README.md, "Default calibration") ---- */

START_TEST(loading_matches_defaults)
{
    ExopkStudy *s = fixture_study(1);
    ExopkLoadingReport r;
    double lumen_v, cap_l, cap_m, a;

    exopk_study_add_arm(s, "control", NULL, 0);
    fixture_resolve(s);
    exopk_formulation_load(&s->formulations[0], s, &r);
    lumen_v = 4.0 / 3.0 * M_PI * pow(45.0, 3) * 1e-24;        /* L, radius 45 nm */
    cap_l = lumen_v * 0.01 * EXOPK_AVOGADRO;                   /* 10 mM */
    cap_m = 0.1 * 4.0 * M_PI * 50.0 * 50.0;
    a = (cap_l + cap_m) * (1 - exp(-0.2 * 5000 / (cap_l + cap_m)));
    ck_assert_double_eq_tol(r.lumen_volume, lumen_v, 1e-30);
    ck_assert_double_eq_tol(r.cap_lumen, cap_l, 1e-9);
    ck_assert_double_eq_tol(r.cap_membrane, cap_m, 1e-9);
    ck_assert_double_eq_tol(r.associated, a, 1e-9);
    ck_assert_double_eq_tol(r.q_lumen + r.q_membrane, a, 1e-9);
    ck_assert_double_eq_tol(r.q_lumen / r.q_membrane, cap_l / cap_m, 1e-12);
    /* the default calibration: 2298.7, 3141.6, 913.5 molecules; EE 18.3 %; DLC 0.82 % */
    ck_assert_double_eq_tol(r.cap_lumen, 2298.7, 0.05);
    ck_assert_double_eq_tol(r.cap_membrane, 3141.6, 0.05);
    ck_assert_double_eq_tol(r.associated, 913.5, 0.05);
    ck_assert_double_eq_tol(r.ee_pct, 100 * a / 5000, 1e-9);
    ck_assert_double_eq_tol(r.dlc_pct, 0.8177, 0.0005);
    ck_assert(!r.implausible && !r.lumen_overfull);
    exopk_study_free(s);
}
END_TEST

START_TEST(loading_saturates_and_warns)
{
    ExopkStudy *s = fixture_study(0);
    ExopkLoadingReport r;
    char msg[1024];

    s->formulations[0].cargo[0].offered = 1e7;   /* far above capacity */
    exopk_study_add_arm(s, "a", NULL, 0);
    fixture_resolve(s);
    exopk_formulation_load(&s->formulations[0], s, &r);
    /* neither pool ever exceeds its capacity */
    ck_assert(r.q_lumen <= r.cap_lumen * (1 + 1e-12));
    ck_assert(r.q_membrane <= r.cap_membrane * (1 + 1e-12));
    ck_assert_double_eq_tol(r.associated, r.cap_lumen + r.cap_membrane, 1e-6);
    ck_assert(r.implausible);
    ck_assert(exopk_loading_warning(s, &s->formulations[0], 0, &r, msg, sizeof msg));
    ck_assert_ptr_nonnull(strstr(msg, "membrane"));
    exopk_study_free(s);
}
END_TEST

START_TEST(coloading_scales_lumen)
{
    ExopkStudy *s = fixture_study(0);
    ExopkFormulation *f = &s->formulations[0];
    ExopkLoadingReport r[2];

    f->n_cargo = 2;
    f->cargo[0].offered = f->cargo[1].offered = 1e6;
    f->cargo[1] = f->cargo[0];
    exopk_study_add_arm(s, "a", NULL, 0);
    fixture_resolve(s);
    exopk_formulation_load(f, s, r);
    ck_assert(r[0].lumen_overfull && r[1].lumen_overfull);
    ck_assert_double_eq_tol(r[0].q_lumen / r[0].cap_lumen + r[1].q_lumen / r[1].cap_lumen, 1.0,
                            1e-12);
    exopk_study_free(s);
}
END_TEST

/* ---- Jacobian ---- */

/* Central differences against the analytic Jacobian at a generic state of
 * every arm of a study that exercises every route and the tumour. */
static ExopkStudy *
every_route_study(void)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose d[7] = {
        { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0, .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 },
        { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 30, .duration = 6, .unit = EXOPK_DOSE_PARTICLES, .amount = 5e11 },
        { .formulation = 0, .route = EXOPK_ROUTE_IT, .time = 50, .unit = EXOPK_DOSE_PARTICLES, .amount = 1e11 },
        { .formulation = 0, .route = EXOPK_ROUTE_IP, .time = 70, .unit = EXOPK_DOSE_NMOL, .cargo = 0, .amount = 0.5 },
        { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 10.5, .unit = EXOPK_DOSE_NMOL, .amount = 100 },
        { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IP, .time = 80, .unit = EXOPK_DOSE_NMOL, .amount = 50 },
        { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IT, .time = 90, .duration = 2, .unit = EXOPK_DOSE_NMOL, .amount = 10 },
    };
    exopk_study_add_arm(s, "all", d, 7);
    s->horizon = 240;
    fixture_resolve(s);
    return s;
}

START_TEST(jacobian_matches_finite_differences)
{
    ExopkStudy *s = every_route_study();
    Model m;
    double *y, *f, *fp, *fm, *jac;
    unsigned char *pat;
    double worst = 0;

    ck_assert_int_eq(model_init(&m, s, 0), 0);
    pat = model_pattern(&m);
    y = malloc(m.n * sizeof *y);
    f = malloc(m.n * sizeof *f);
    fp = malloc(m.n * sizeof *f);
    fm = malloc(m.n * sizeof *f);
    jac = calloc(m.n * m.n, sizeof *jac);   /* model_eval writes the structure only */
    for (int trial = 0; trial < 3; trial++) {
        /* high-entropy positive state, scaled per group */
        unsigned seed = 12345u + (unsigned) trial;
        for (size_t i = 0; i < m.n; i++) {
            seed = seed * 1103515245u + 12345u;
            y[i] = m.scale[i] * (0.05 + (seed >> 8) / (double) (1u << 24));
        }
        if (trial == 2)  /* above capacity: net decline releases drug */
            y[m.s] = 4000, y[m.r] = 800;
        m.carriers[0].infusion = trial == 1 ? 1e11 : 0;
        ck_assert_int_eq(model_eval(&m, y, f, jac), 0);
        for (size_t j = 0; j < m.n; j++) {
            double h = 1e-6 * fmax(fabs(y[j]), m.scale[j] * 1e-3), yj = y[j];
            y[j] = yj + h;
            model_eval(&m, y, fp, NULL);
            y[j] = yj - h;
            model_eval(&m, y, fm, NULL);
            y[j] = yj;
            for (size_t i = 0; i < m.n; i++) {
                double fd = (fp[i] - fm[i]) / (2 * h);
                double an = jac[i * m.n + j];
                /* scale the error by the row's size so rounding in large
                 * rows does not count */
                double sc = fabs(f[i]) / fmax(fabs(y[j]), m.scale[j] * 1e-3) + fabs(an) + 1e-30;
                double e = fabs(fd - an) / sc;
                if (e > worst)
                    worst = e;
                ck_assert_msg(e < 1e-5, "d %s / d %s: analytic %g, finite difference %g",
                              m.names[i], m.names[j], an, fd);
                /* the structure used by the sparse LU covers every entry */
                ck_assert_msg(an == 0.0 || pat[i * m.n + j], "J(%s, %s) outside the pattern",
                              m.names[i], m.names[j]);
            }
        }
    }
    free(y);
    free(f);
    free(fp);
    free(fm);
    free(jac);
    free(pat);
    model_clear(&m);
    exopk_study_free(s);
}
END_TEST

/* ---- analytic oracles ---- */

START_TEST(vesicle_pk_is_biexponential_when_mps_is_linear)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_PARTICLES, .amount = 1e10 };
    ExopkResult *r;
    const double *xp, *t;
    ExopkCarrier c = fixture_msc();
    double kmps, k[4], y0[2] = { 1e10, 0 }, y[2];

    /* Km huge: r_mps = k_mps Km Vp / (Km Vp + X) = k_mps to 1e-20 */
    s->formulations[0].carrier_ref.km_mps = 1e30;
    exopk_study_add_arm(s, "iv", &d, 1);
    s->horizon = 24;
    s->output_every = 0.25;
    fixture_resolve(s);
    r = run(s, 0, 1e-10);
    kmps = c.k_mps * 1.2;   /* electroporation MPS multiplier */
    k[0] = -(c.k_pt + kmps + c.k_cl);
    k[1] = c.k_tp;
    k[2] = c.k_pt;
    k[3] = -(c.k_tp + c.k_deg_t);
    xp = series(r, "plasma_particles");
    t = exopk_result_times(r);
    for (size_t i = 0; i < exopk_result_n_times(r); i++) {
        expm_apply(k, 2, t[i], y0, y);
        ck_assert_msg(fabs(xp[i] - y[0]) <= 1e-7 * y[0] + 1e-3,
                      "t = %g: %g vs closed form %g", t[i], xp[i], y[0]);
    }
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(free_dox_is_three_compartment_without_heart_flow)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose d = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_NMOL, .amount = DOX_NMOL_5MGKG };
    ExopkResult *r;
    const ExopkAgent *a;
    const double *c1, *t;
    double k[9], y0[3] = { DOX_NMOL_5MGKG, 0, 0 }, y[3];

    exopk_study_add_arm(s, "free", &d, 1);
    exopk_study_add_override(s, "species.q_heart", 0.0);
    s->horizon = 96;
    fixture_resolve(s);
    ck_assert_double_eq(s->subject.q_heart, 0.0);
    r = run(s, 0, 1e-10);
    a = &s->agents[0];
    /* the mouse model is the human one scaled (default calibration): CL 0.1385 L/h */
    ck_assert_double_eq_tol(a->cl, 53.3 * pow(0.025 / 70, 0.75), 1e-12);
    ck_assert_double_eq_tol(a->cl, 0.1385, 5e-4);
    k[0] = -(a->cl + a->q2 + a->q3) / a->v1;
    k[1] = a->q2 / a->v2;
    k[2] = a->q3 / a->v3;
    k[3] = a->q2 / a->v1;
    k[4] = -a->q2 / a->v2;
    k[5] = 0;
    k[6] = a->q3 / a->v1;
    k[7] = 0;
    k[8] = -a->q3 / a->v3;
    c1 = series(r, "doxorubicin.plasma");
    t = exopk_result_times(r);
    for (size_t i = 0; i < exopk_result_n_times(r); i++) {
        double want;
        expm_apply(k, 3, t[i], y0, y);
        want = y[0] / a->v1;
        ck_assert_msg(fabs(c1[i] - want) <= 1e-7 * want + 1e-9, "t = %g: %g vs %g", t[i],
                      c1[i], want);
    }
    ck_assert_double_eq_tol(metric(r, "doxorubicin.heart_auc"), 0.0, 1e-12);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(short_infusion_equals_bolus)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose bolus = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 5,
                        .unit = EXOPK_DOSE_NMOL, .amount = DOX_NMOL_5MGKG };
    ExopkDose inf = bolus;
    ExopkResult *rb, *ri;
    const double *cb, *ci, *t;

    inf.duration = 1e-6;
    exopk_study_add_arm(s, "bolus", &bolus, 1);
    exopk_study_add_arm(s, "infusion", &inf, 1);
    s->horizon = 96;
    fixture_resolve(s);
    rb = run(s, 0, 1e-9);
    ri = run(s, 1, 1e-9);
    cb = series(rb, "doxorubicin.plasma");
    ci = series(ri, "doxorubicin.plasma");
    t = exopk_result_times(rb);
    /* the infused amount lags the bolus by at most duration/2: relative
     * difference about 1e-6 x the fastest rate constant (~60 /h) */
    for (size_t i = 0; i < exopk_result_n_times(rb); i++)
        if (t[i] >= 6)
            ck_assert_msg(fabs(cb[i] - ci[i]) <= 1e-4 * cb[i], "t = %g: %g vs %g", t[i], cb[i],
                          ci[i]);
    ck_assert_double_eq_tol(metric(ri, "doxorubicin.heart_auc") / metric(rb, "doxorubicin.heart_auc"),
                            1.0, 1e-5);
    exopk_result_free(rb);
    exopk_result_free(ri);
    exopk_study_free(s);
}
END_TEST

START_TEST(repeated_doses_superpose_when_linear)
{
    ExopkStudy *s = fixture_study(0);
    const double times[3] = { 0, 24, 60.5 };
    ExopkDose many[3], one = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV,
                               .time = 0, .unit = EXOPK_DOSE_NMOL, .amount = 100 };
    ExopkResult *rm, *r1;
    const double *cm, *c1, *tm, *t1;

    for (int i = 0; i < 3; i++) {
        many[i] = one;
        many[i].time = times[i];
    }
    exopk_study_add_arm(s, "many", many, 3);
    exopk_study_add_arm(s, "one", &one, 1);
    s->horizon = 120;
    s->output_every = 0.5;
    fixture_resolve(s);
    rm = run(s, 0, 1e-10);
    r1 = run(s, 1, 1e-10);
    cm = series(rm, "doxorubicin.plasma");
    c1 = series(r1, "doxorubicin.plasma");
    tm = exopk_result_times(rm);
    t1 = exopk_result_times(r1);
    ck_assert_int_eq(exopk_result_n_times(rm), exopk_result_n_times(r1)); /* 60.5 on the grid */
    for (size_t i = 0; i < exopk_result_n_times(rm); i++) {
        double want = 0;
        ck_assert_double_eq(tm[i], t1[i]);
        for (int d = 0; d < 3; d++)
            if (tm[i] >= times[d])
                for (size_t k = 0; k < exopk_result_n_times(r1); k++)
                    if (fabs(t1[k] - (tm[i] - times[d])) < 1e-12)
                        want += c1[k];
        ck_assert_msg(fabs(cm[i] - want) <= 1e-7 * want + 1e-9, "t = %g: %g vs %g", tm[i], cm[i],
                      want);
    }
    exopk_result_free(rm);
    exopk_result_free(r1);
    exopk_study_free(s);
}
END_TEST

/* ---- mass balance, events ---- */

START_TEST(mass_balance_closes_on_every_route)
{
    ExopkStudy *s = every_route_study();
    ExopkResult *r = run(s, 0, 0);

    ck_assert_double_le(metric(r, "doxorubicin.mass_balance_rel_error"), 1e-6);
    ck_assert_double_le(metric(r, "particles.mass_balance_rel_error"), 1e-6);
    ck_assert(exopk_result_find_series(r, "peritoneum_particles") >= 0);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(dose_at_output_time_shows_post_dose_state)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose d[2] = {
        { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 24, .unit = EXOPK_DOSE_PARTICLES, .amount = 1e10 },
        { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 30.25, .unit = EXOPK_DOSE_PARTICLES, .amount = 1e10 },
    };
    ExopkResult *r;
    const double *t, *xp;
    size_t n, rows_at_24 = 0, i24 = 0, i30 = 0;

    exopk_study_add_arm(s, "a", d, 2);
    s->horizon = 48;
    fixture_resolve(s);
    r = run(s, 0, 0);
    t = exopk_result_times(r);
    xp = series(r, "plasma_particles");
    n = exopk_result_n_times(r);
    ck_assert_int_eq(n, 49 + 1);   /* hourly grid + the off-grid dose time */
    for (size_t i = 0; i < n; i++) {
        if (t[i] == 24)
            rows_at_24++, i24 = i;
        if (t[i] == 30.25)
            i30 = i;
        if (i > 0)
            ck_assert(t[i] > t[i - 1]);
    }
    ck_assert_int_eq(rows_at_24, 1);
    ck_assert_double_eq(xp[i24 - 1], 0.0);          /* nothing before the dose */
    ck_assert_double_eq_tol(xp[i24], 1e10, 1e-3);   /* the row shows the dose */
    ck_assert(i30 > 0 && xp[i30] > 1e10);           /* residual + second dose */
    ck_assert_double_eq_tol(metric(r, "particles_given"), 2e10, 1e-3);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(no_tumour_means_no_tumour_states)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 };
    Model m;
    ExopkResult *r;

    exopk_study_add_arm(s, "a", &d, 1);
    fixture_resolve(s);
    ck_assert_int_eq(model_init(&m, s, 0), 0);
    ck_assert_int_eq(m.s, -1);
    ck_assert_int_eq(m.carriers[0].x[VC_I], -1);
    ck_assert_int_eq(m.carriers[0].x[VC_E], -1);
    ck_assert_int_eq(m.agents[0].aint, -1);
    model_clear(&m);
    r = run(s, 0, 0);
    ck_assert_int_eq(exopk_result_find_series(r, "tumour_volume"), -1);
    ck_assert_int_eq(exopk_result_metric(r, "tumour_pct_id_max", &(double) { 0 }), -1);
    for (size_t i = 0; i < exopk_result_n_series(r); i++)
        for (size_t k = 0; k < exopk_result_n_times(r); k++)
            ck_assert(isfinite(exopk_result_series(r, i)[k]));
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(default_tolerances_match_tight_run)
{
    /* docs/model.md §9.17: every series and AUC within 1e-4 relative of a
     * rtol 1e-10 run, wherever above 1e-6 of its group's scale */
    ExopkStudy *s = fixture_default_study();

    for (size_t a = 0; a < s->n_arms; a++) {
        ExopkSimOptions tight = { .rtol = 1e-10, .atol_scale = 1e-16 };
        ExopkError err;
        ExopkResult *r = run(s, a, 0), *ref = exopk_simulate(s, a, &tight, &err);
        ck_assert_ptr_nonnull(ref);
        ck_assert_int_eq(exopk_result_n_times(r), exopk_result_n_times(ref));
        {
            char where[256] = "";
            double dev = fixture_max_rel_dev(r, ref, where, sizeof where);
            ck_assert_msg(dev <= 1e-4, "%s: %g, %s", s->arms[a].name, dev, where);
        }
        for (size_t k = 0; k < exopk_result_n_metrics(r); k++) {
            const char *nm = exopk_result_metric_name(r, k);
            double v = exopk_result_metric_value(r, k), w;
            if (strstr(nm, "_auc") == NULL || exopk_result_metric(ref, nm, &w) != 0)
                continue;
            ck_assert_msg(fabs(v - w) <= 1e-4 * fabs(w), "%s %s: %g vs %g", s->arms[a].name, nm,
                          v, w);
        }
        ck_assert_double_le(metric(r, "tumour_volume_final"), 3000);
        exopk_result_free(r);
        exopk_result_free(ref);
    }
    exopk_study_free(s);
}
END_TEST

START_TEST(default_study_reproduces_defaults_md)
{
    ExopkStudy *s = fixture_default_study();
    ExopkResult *r[3];

    for (size_t a = 0; a < 3; a++)
        r[a] = run(s, a, 0);
    exopk_results_compare(s, r);
    /* the default calibration: t1/2 about 7 min; tumour peak about 0.78 %ID (100 mm3);
     * one dose carries 0.3034 nmol; EC50 = 0.3 uM x 5.62 */
    ck_assert_double_ge(metric(r[2], "plasma_particles_t_half_alpha") * 60, 5.5);
    ck_assert_double_le(metric(r[2], "plasma_particles_t_half_alpha") * 60, 8.0);
    ck_assert_double_eq_tol(metric(r[2], "tumour_pct_id_max"), 0.78, 0.02);
    ck_assert_double_eq_tol(metric(r[2], "doxorubicin.cumulative_dose_mg_per_kg"),
                            5 * 0.3034e-9 * 579.99 * 1e3 / 0.025, 1e-4);
    ck_assert_double_eq_tol(s->agents[0].ec50, 300 * 5 / (0.5 + 0.39), 1e-9);
    ck_assert_double_eq_tol(s->agents[0].vmax_pgp, 585, 1e-9);
    ck_assert_double_eq_tol(metric(r[1], "doxorubicin.cumulative_dose_mg_per_kg"), 15, 1e-9);
    ck_assert_double_eq_tol(metric(r[1], "doxorubicin.cumulative_dose_mg_per_m2"), 45, 1e-9);
    ck_assert_double_eq_tol(metric(r[0], "tgi_pct"), 0, 1e-12);
    /* free DOX slows the tumour; resistant cells gain share under it */
    ck_assert_double_gt(metric(r[1], "tgi_pct"), 5);
    ck_assert_double_gt(metric(r[1], "resistant_fraction_final"),
                        metric(r[0], "resistant_fraction_final"));
    /* the exodox arm exposes the heart far less: it carries ~700x less DOX */
    ck_assert_double_lt(metric(r[2], "doxorubicin.heart_auc"),
                        0.01 * metric(r[1], "doxorubicin.heart_auc"));
    for (size_t a = 0; a < 3; a++)
        exopk_result_free(r[a]);
    exopk_study_free(s);
}
END_TEST

/* ---- errors ---- */

START_TEST(solver_failure_names_time_and_state)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 3,
                    .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 };
    ExopkError err;
    ExopkResult *r;

    exopk_study_add_arm(s, "a", &d, 1);
    fixture_resolve(s);
    /* resolve rejects a NaN (see domains_*); a caller writing the
     * effective record directly still gets a solver error, not a crash */
    s->formulations[0].carrier.k_pt = NAN;
    r = exopk_simulate(s, 0, NULL, &err);
    ck_assert_ptr_null(r);
    ck_assert_int_eq(err.code, EXOPK_ESOLVER);
    ck_assert_msg(strstr(err.message, "t = ") != NULL && strstr(err.message, "particles") != NULL,
                  "%s", err.message);
    exopk_study_free(s);
}
END_TEST

static int
cancel_half_way(double fraction, void *data)
{
    (*(int *) data)++;
    return fraction > 0.5;
}

START_TEST(progress_can_cancel)
{
    ExopkStudy *s = fixture_default_study();
    int calls = 0;
    ExopkSimOptions o = { .progress = cancel_half_way, .progress_data = &calls };
    ExopkError err;

    ck_assert_ptr_null(exopk_simulate(s, 2, &o, &err));
    ck_assert_int_eq(err.code, EXOPK_ECANCELLED);
    ck_assert_int_gt(calls, 10);
    exopk_study_free(s);
}
END_TEST

START_TEST(unknown_override_suggests)
{
    ExopkStudy *s = fixture_study(1);
    ExopkError err;
    ExopkUnitKind kind;

    exopk_study_add_arm(s, "a", NULL, 0);
    exopk_study_add_override(s, "carrier.k_ptt", 1);
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "unknown parameter \"carrier.k_ptt\" (did you mean \"carrier.k_pt\"?)");
    ck_assert_int_eq(exopk_study_param_kind(s, "doxorubicin.cl", &kind, &err), EXOPK_OK);
    ck_assert_int_eq(kind, EXOPK_KIND_FLOW);
    ck_assert_int_eq(exopk_study_param_kind(s, "carrier.msc.vmax_mps", &kind, &err), EXOPK_OK);
    ck_assert_int_eq(kind, EXOPK_KIND_PARTICLE_RATE);
    exopk_study_free(s);
}
END_TEST

START_TEST(override_derived_and_inputs)
{
    ExopkStudy *s = fixture_study(1);

    exopk_study_add_arm(s, "a", NULL, 0);
    exopk_study_add_override(s, "species.plasma_volume", 0.002);  /* effective */
    exopk_study_add_override(s, "doxorubicin.k_in", 10);           /* input of ec50 */
    exopk_study_add_override(s, "carrier.msc.k_pt", 0.8);
    fixture_resolve(s);
    ck_assert_double_eq(s->subject.plasma_volume, 0.002);
    /* vmax_mps follows the overridden plasma volume: k_mps Km Vp */
    ck_assert_double_eq_tol(s->formulations[0].carrier.vmax_mps, 4.0 * 1e15 * 0.002, 1);
    ck_assert_double_eq_tol(s->agents[0].ec50, 300 * 10 / (0.5 + 0.39), 1e-9);
    ck_assert_double_eq(s->formulations[0].carrier.k_pt, 0.8);
    exopk_study_free(s);
}
END_TEST

START_TEST(tiny_population_is_eradicated)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose d = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_NMOL, .amount = 2000 };
    ExopkResult *r;
    const double *sv;

    s->tumour_volume0 = 1e-4;          /* 100 cells */
    s->resistant_fraction0 = 0;
    exopk_study_add_arm(s, "a", &d, 1);
    exopk_study_add_override(s, "doxorubicin.kmax", 2.0);
    exopk_study_add_override(s, "tumour.mutation_rate", 0.0);
    s->horizon = 96;
    fixture_resolve(s);
    r = run(s, 0, 0);
    sv = series(r, "sensitive_volume");
    ck_assert_double_eq(sv[exopk_result_n_times(r) - 1], 0.0);
    ck_assert_double_le(metric(r, "doxorubicin.mass_balance_rel_error"), 1e-6);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(set_changes_the_first_line_of_a_copy)
{
    ExopkStudy *s = fixture_default_study(), *c = exopk_study_copy(s);
    ExopkError err;
    const ExopkArm *arm;

    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(exopk_study_set(c, 2, "dose", 5e11, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "every", 48, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "count", 4, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "at", 24, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "over", 2, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "offered", 2000, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "offered_doxorubicin", 3000, &err), EXOPK_OK);
    ck_assert_int_eq(exopk_study_set(c, 2, "carrier.k_pt", 0.5, &err), EXOPK_OK);
    arm = &c->arms[2];
    ck_assert_int_eq(arm->n_doses, 4);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_double_eq(arm->doses[i].time, 24 + 48.0 * i);
        ck_assert_double_eq(arm->doses[i].amount, 5e11);
        ck_assert_double_eq(arm->doses[i].duration, 2);
    }
    ck_assert_double_eq(c->formulations[0].cargo[0].offered, 3000);
    ck_assert_double_eq(c->formulations[0].carrier.k_pt, 0.5);
    /* the original is untouched */
    ck_assert_int_eq(s->arms[2].n_doses, 5);
    ck_assert_double_eq(s->arms[2].doses[1].time, 72);
    ck_assert_double_eq(s->formulations[0].cargo[0].offered, 5000);
    ck_assert_double_eq(s->formulations[0].carrier.k_pt, 0.9);
    /* doses past the horizon are dropped */
    ck_assert_int_eq(exopk_study_set(c, 2, "count", 100, &err), EXOPK_OK);
    ck_assert_int_eq(c->arms[2].n_doses, (size_t) ((672 - 24) / 48) + 1);
    /* errors */
    ck_assert_int_eq(exopk_study_set(c, 2, "evry", 1, &err), EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "did you mean \"every\""));
    ck_assert_int_eq(exopk_study_set(c, 2, "count", 2.5, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_study_set(c, 1, "offered", 10, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_study_set(c, 0, "dose", 1, &err), EXOPK_EINVAL);   /* control */
    ck_assert_int_eq(exopk_study_set(c, 2, "carrier.k_ptt", 1, &err), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_study_set(c, 1, "over", 1, &err), EXOPK_OK);
    exopk_study_free(c);
    exopk_study_free(s);
}
END_TEST

START_TEST(free_equivalent_dose_of_a_free_bolus_is_its_dose)
{
    /* healthy subject: the arm is exactly the linear model of the metric */
    ExopkStudy *s = fixture_study(0);
    double mg_m2 = 15.0, nmol = mg_m2 / 3.0 * 0.025 / 579.99 * 1e6;
    ExopkDose d = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_NMOL, .amount = nmol };
    ExopkResult *r;

    exopk_study_add_arm(s, "free", &d, 1);
    s->horizon = 240;
    fixture_resolve(s);
    r = run(s, 0, 1e-10);
    ck_assert_double_eq_tol(metric(r, "doxorubicin.cumulative_dose_mg_per_m2"), mg_m2, 1e-9);
    ck_assert_double_eq_tol(metric(r, "doxorubicin.free_equivalent_dose_mg_per_m2"), mg_m2,
                            1e-6 * mg_m2);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* Swain 2003's three published points (mg/m2 -> %), the table the brief
 * quotes: 400 -> 5, 550 -> 26, 700 -> 48. */
static void
swain_table(ExopkAgent *a)
{
    const double dose[3] = { 400, 550, 700 }, pct[3] = { 5, 26, 48 };

    a->n_chf_risk = 3;
    for (size_t i = 0; i < 3; i++) {
        a->chf_risk_dose[i] = dose[i];
        a->chf_risk_pct[i] = pct[i];
    }
}

START_TEST(chf_risk_interpolates_the_published_table)
{
    ExopkAgent a = fixture_doxorubicin();

    ck_assert(isnan(exopk_agent_chf_risk_pct(&a, 400)));     /* no table */
    swain_table(&a);
    /* the published points exactly */
    ck_assert_double_eq(exopk_agent_chf_risk_pct(&a, 400), 5);
    ck_assert_double_eq(exopk_agent_chf_risk_pct(&a, 550), 26);
    ck_assert_double_eq(exopk_agent_chf_risk_pct(&a, 700), 48);
    /* by hand: 5 + (26 - 5) x 75 / 150 = 15.5; 26 + 22 x 50 / 150 = 33.33...;
     * from 0 at 0: 5 x 200 / 400 = 2.5 */
    ck_assert_double_eq_tol(exopk_agent_chf_risk_pct(&a, 475), 15.5, 1e-12);
    ck_assert_double_eq_tol(exopk_agent_chf_risk_pct(&a, 600), 26 + 22.0 / 3.0, 1e-12);
    ck_assert_double_eq_tol(exopk_agent_chf_risk_pct(&a, 200), 2.5, 1e-12);
    ck_assert_double_eq(exopk_agent_chf_risk_pct(&a, 0), 0);
    /* no extrapolation above the last point, no negative doses */
    ck_assert(isnan(exopk_agent_chf_risk_pct(&a, 700.001)));
    ck_assert(isnan(exopk_agent_chf_risk_pct(&a, -1)));
    ck_assert(isnan(exopk_agent_chf_risk_pct(&a, NAN)));
}
END_TEST

/* A free bolus of D mg/m2 has the free-equivalent dose D (the test above),
 * so its chf_risk_pct is the table's value at D; an agent without a table
 * and a dose beyond the table give no metric. */
START_TEST(chf_risk_metric_is_the_table_at_the_free_equivalent_dose)
{
    const double doses[3] = { 475, 800, 475 };

    for (int c = 0; c < 3; c++) {
        ExopkStudy *s = fixture_study(0);
        double nmol = doses[c] / 3.0 * 0.025 / 579.99 * 1e6, v;
        ExopkDose d = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                        .unit = EXOPK_DOSE_NMOL, .amount = nmol };
        ExopkResult *r;

        if (c < 2)
            swain_table(&s->agent_ref[0]);
        exopk_study_add_arm(s, "free", &d, 1);
        s->horizon = 240;
        fixture_resolve(s);
        r = run(s, 0, 1e-10);
        ck_assert_double_eq_tol(metric(r, "doxorubicin.free_equivalent_dose_mg_per_m2"),
                                doses[c], 1e-6 * doses[c]);
        if (c == 0)   /* slope 21/150 %/(mg/m2) x the dose's 1e-6 relative accuracy */
            ck_assert_double_eq_tol(metric(r, "doxorubicin.chf_risk_pct"), 15.5,
                                    21.0 / 150.0 * 1e-6 * 475);
        else
            ck_assert_int_ne(exopk_result_metric(r, "doxorubicin.chf_risk_pct", &v), 0);
        exopk_result_free(r);
        exopk_study_free(s);
    }
}
END_TEST

/* A regression check of the default study against tests/golden: every
 * value within 1e-8 relative, above 1e-4 of the accuracy floor of its
 * series (tight enough to see any change of the model, loose enough for
 * another compiler or -march).  Lines starting with '#' are comments.  The
 * file is never rewritten by the program: see its header. */
START_TEST(default_study_matches_golden)
{
    ExopkStudy *s = fixture_default_study();
    const char *path = EXOPK_TEST_GOLDEN_DIR "/default-study.txt";
    FILE *fp = fopen(path, "r");
    ExopkResult *r[3];
    size_t compared = 0;
    char line[512], arm[64], name[200];
    size_t row;
    double want;

    ck_assert_msg(fp != NULL, "%s: cannot open", path);
    ck_assert_int_eq(s->n_arms, 3);
    for (size_t a = 0; a < 3; a++)
        r[a] = run(s, a, 0);
    /* every golden value by arm, series name and row; series added since
     * (new outputs) are not in the file */
    while (fgets(line, sizeof line, fp) != NULL) {
        size_t a = 0;
        long j;
        const double *v;
        double floor;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        ck_assert_msg(sscanf(line, "%63s %199s %zu %lg", arm, name, &row, &want) == 4,
                      "golden: bad line %s", line);
        while (a < 3 && strcmp(s->arms[a].name, arm) != 0)
            a++;
        ck_assert_msg(a < 3, "golden arm %s", arm);
        j = exopk_result_find_series(r[a], name);
        ck_assert_msg(j >= 0, "series %s is gone", name);
        v = exopk_result_series(r[a], (size_t) j);
        floor = 1e-4 * fixture_accuracy_floor(exopk_result_series_unit(r[a], (size_t) j));
        ck_assert_msg(fabs(v[row] - want) <= 1e-8 * fabs(want) + floor,
                      "%s %s row %zu: %.17g vs golden %.17g", arm, name, row, v[row], want);
        compared++;
    }
    ck_assert_int_gt(compared, 3000);
    fclose(fp);
    for (size_t a = 0; a < 3; a++)
        exopk_result_free(r[a]);
    exopk_study_free(s);
}
END_TEST

/* The analytic Jacobian of @arm of @s at a random positive state (@seed;
 * @above_capacity: S beyond K, so the tumour declines) against central
 * finite differences, and inside the sparse pattern. */
static void
check_rna_jacobian(const ExopkStudy *s, size_t arm, unsigned seed, int above_capacity,
                   const char *label)
{
    Model m;
    double *y, *f, *fp, *fm, *jac;
    unsigned char *pat;

    ck_assert_int_eq(model_init(&m, s, arm), 0);
    ck_assert(m.has_rna);
    pat = model_pattern(&m);
    y = malloc(m.n * sizeof *y);
    f = malloc(m.n * sizeof *f);
    fp = malloc(m.n * sizeof *f);
    fm = malloc(m.n * sizeof *f);
    jac = calloc(m.n * m.n, sizeof *jac);
    for (size_t i = 0; i < m.n; i++) {
        seed = seed * 1103515245u + 12345u;
        y[i] = m.scale[i] * (0.05 + (seed >> 8) / (double) (1u << 24));
    }
    if (above_capacity)
        y[m.s] = 3500;  /* above capacity: decline, growth effect */
    ck_assert_int_eq(model_eval(&m, y, f, jac), 0);
    for (size_t j = 0; j < m.n; j++) {
        double h = 1e-6 * fmax(fabs(y[j]), m.scale[j] * 1e-3), yj = y[j];
        y[j] = yj + h;
        model_eval(&m, y, fp, NULL);
        y[j] = yj - h;
        model_eval(&m, y, fm, NULL);
        y[j] = yj;
        for (size_t i = 0; i < m.n; i++) {
            double fd = (fp[i] - fm[i]) / (2 * h), an = jac[i * m.n + j];
            double sc = fabs(f[i]) / fmax(fabs(y[j]), m.scale[j] * 1e-3) + fabs(an) + 1e-30;
            ck_assert_msg(fabs(fd - an) / sc < 1e-5, "%s arm %zu: d %s / d %s: analytic %g, fd %g",
                          label, arm, m.names[i], m.names[j], an, fd);
            ck_assert_msg(an == 0.0 || pat[i * m.n + j],
                          "J(%s, %s) outside the pattern (%s arm %zu, value %g)", m.names[i],
                          m.names[j], label, arm, an);
        }
    }
    free(y);
    free(f);
    free(fp);
    free(fm);
    free(jac);
    free(pat);
    model_clear(&m);
}

START_TEST(rna_jacobian_matches_finite_differences)
{
    ExopkAgent agents[4] = { fixture_sirna(EXOPK_ACTS_ON_PGP), fixture_sirna(EXOPK_ACTS_ON_RESISTANCE),
                             fixture_sirna(EXOPK_ACTS_ON_TRANSFER), fixture_antimir() };
    ExopkAgent growth = fixture_sirna(EXOPK_ACTS_ON_GROWTH);

    for (int v = 0; v < 5; v++) {
        ExopkStudy *s = fixture_rna_study(v < 4 ? agents[v] : growth);
        char label[32];

        snprintf(label, sizeof label, "variant %d", v);
        for (size_t arm = 1; arm < s->n_arms; arm++)
            check_rna_jacobian(s, arm, 777u + (unsigned) (v * 10 + (int) arm), v == 4, label);
        exopk_study_free(s);
    }
    /* the miRNA mimic on each parameter (growth also above capacity) */
    for (int v = 0; v < 5; v++) {
        ExopkStudy *s = fixture_rna_study(fixture_mimic(v < 4 ? (ExopkActsOn) v
                                                              : EXOPK_ACTS_ON_GROWTH));
        char label[32];

        snprintf(label, sizeof label, "mimic variant %d", v);
        for (size_t arm = 1; arm < s->n_arms; arm++)
            check_rna_jacobian(s, arm, 919u + (unsigned) (v * 10 + (int) arm), v == 4, label);
        exopk_study_free(s);
    }
}
END_TEST

/* Two drugs, each with its own rho, and an siRNA on resistance or an
 * anti-miR that changes one drug's rho (or both): the kill of the other
 * drug does not depend on the RNA levels, the named one's does. */
START_TEST(jacobian_exact_when_rna_changes_one_drugs_rho)
{
    static const char *const NAMES[3] = { "gemcitabine", "doxorubicin", "" };

    for (int v = 0; v < 9; v++) {
        ExopkAgent rna = v < 3   ? fixture_sirna(EXOPK_ACTS_ON_RESISTANCE)
                         : v < 6 ? fixture_antimir()
                                 : fixture_mimic(EXOPK_ACTS_ON_RESISTANCE);
        ExopkStudy *s;
        char label[64];

        snprintf(rna.resistance_of, sizeof rna.resistance_of, "%s", NAMES[v % 3]);
        s = fixture_two_drug_rna_study(rna);
        snprintf(label, sizeof label, "%s of \"%s\"",
                 v < 3 ? "siRNA" : v < 6 ? "anti-miR" : "mimic", NAMES[v % 3]);
        check_rna_jacobian(s, 0, 4242u + (unsigned) v, 0, label);
        exopk_study_free(s);
    }
}
END_TEST

START_TEST(rna_mass_balance_closes)
{
    ExopkAgent agents[3] = { fixture_sirna(EXOPK_ACTS_ON_PGP), fixture_antimir(),
                             fixture_mimic(EXOPK_ACTS_ON_GROWTH) };

    for (int v = 0; v < 3; v++) {
        ExopkStudy *s = fixture_rna_study(agents[v]);
        for (size_t arm = 0; arm < s->n_arms; arm++) {
            ExopkResult *r = run(s, arm, 0);
            char nm[64];
            if (arm > 0) {
                snprintf(nm, sizeof nm, "%s.mass_balance_rel_error", agents[v].name);
                ck_assert_double_le(metric(r, nm), 1e-6);
            }
            if (arm != 2) {
                ck_assert_double_le(metric(r, "doxorubicin.mass_balance_rel_error"), 1e-6);
                ck_assert_double_le(metric(r, "particles.mass_balance_rel_error"), 1e-6);
            }
            ck_assert(exopk_result_find_series(r, "biomarker_plasma") >= 0);
            exopk_result_free(r);
        }
        exopk_study_free(s);
    }
}
END_TEST

/* A let-7a-like mimic on growth (M0 = 20 copies): the activity series is
 * 1 before any mimic reaches the cytosol and never below; its maximum is
 * 1 + (most cytosolic copies per viable cell)/M0, the same instant by
 * construction (docs/outputs.md); and the slower growth leaves a smaller
 * tumour than the same DOX exosomes without the mimic. */
START_TEST(mimic_activity_follows_its_copies)
{
    ExopkStudy *s = fixture_rna_study(fixture_mimic(EXOPK_ACTS_ON_GROWTH));
    const double m0 = s->agents[1].mirna_copies;
    ExopkResult *dox = run(s, 0, 0), *co = run(s, 3, 0);
    const double *a = series(co, "mimic.mirna_activity");
    double copies = metric(co, "mimic.cytosolic_copies_per_cell_max");

    ck_assert_double_eq(a[0], 1.0);
    for (size_t i = 0; i < exopk_result_n_times(co); i++)
        ck_assert_double_ge(a[i], 1.0);
    ck_assert_double_gt(copies, m0);        /* intratumoral: the raise is large */
    ck_assert_double_eq_tol(metric(co, "mimic.mirna_activity_max"), 1 + copies / m0, 1e-12);
    ck_assert_double_eq_tol(metric(co, "mimic.mirna_raise_max_pct"), 100 * copies / m0, 1e-9);
    ck_assert_int_eq(exopk_result_find_series(co, "mimic.target_protein"), -1);
    ck_assert_int_eq(exopk_result_find_series(dox, "mimic.mirna_activity"), -1);
    exopk_result_free(co);
    co = run(s, 1, 0);     /* the same exosomes as arm 0, with the mimic */
    ck_assert_double_lt(metric(co, "tumour_volume_final"), metric(dox, "tumour_volume_final"));
    exopk_result_free(dox);
    exopk_result_free(co);
    exopk_study_free(s);
}
END_TEST

START_TEST(knocking_down_pgp_raises_resistant_cell_dox)
{
    ExopkStudy *s = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_PGP));
    ExopkResult *dox = run(s, 0, 0), *co = run(s, 1, 0);
    const double *pd = series(co, "sirna.target_protein");
    const double *rd = series(dox, "doxorubicin.cell_r"), *rc = series(co, "doxorubicin.cell_r");
    double sum_d = 0, sum_c = 0;

    /* the target protein falls, then the resistant cells hold more DOX */
    ck_assert_double_gt(metric(co, "sirna.knockdown_max_pct"), 20);
    for (size_t i = 0; i < exopk_result_n_times(co); i++) {
        sum_d += rd[i];
        sum_c += rc[i];
        ck_assert_double_le(pd[i], 1.0 + 1e-9);
    }
    ck_assert_double_gt(sum_c, 1.05 * sum_d);
    exopk_result_free(dox);
    exopk_result_free(co);
    exopk_study_free(s);
}
END_TEST

START_TEST(blocking_transfer_lowers_resistant_fraction)
{
    ExopkStudy *s = fixture_default_study(), *c = exopk_study_copy(s);
    ExopkStudy *rs = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_TRANSFER));
    ExopkError err;
    ExopkResult *a, *b, *x, *y;

    ck_assert_int_eq(exopk_study_set(c, 1, "tumour.transfer_rate", 0, &err), EXOPK_OK);
    a = run(s, 1, 0);
    b = run(c, 1, 0);
    ck_assert_double_lt(metric(b, "resistant_fraction_final"),
                        metric(a, "resistant_fraction_final") - 1e-3);
    /* an siRNA against the transfer machinery lowers it too */
    x = run(rs, 0, 0);
    y = run(rs, 1, 0);
    ck_assert_double_lt(metric(y, "resistant_fraction_final"), metric(x, "resistant_fraction_final"));
    exopk_result_free(a);
    exopk_result_free(b);
    exopk_result_free(x);
    exopk_result_free(y);
    exopk_study_free(s);
    exopk_study_free(c);
    exopk_study_free(rs);
}
END_TEST

START_TEST(biomarker_follows_the_tumour)
{
    ExopkStudy *s = fixture_default_study();
    ExopkResult *r = run(s, 0, 0);
    const double *b = series(r, "biomarker_plasma"), *sv = series(r, "sensitive_volume"),
                 *rv = series(r, "resistant_volume");
    size_t last = exopk_result_n_times(r) - 1;
    /* untreated: quasi-steady secretion/clearance, resistant cells 2x */
    double want = 1e6 * 60 * (sv[last] + 2 * rv[last]) / 5.9 / 1.0;  /* per mL: Vp 1 mL */

    ck_assert_double_eq_tol(b[last] / want, 1.0, 1e-3);
    ck_assert_double_eq_tol(metric(r, "biomarker_fold_change"), b[last] / b[0], 1e-12);
    ck_assert_double_gt(metric(r, "biomarker_fold_change"), 5);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* ---- hardening: input can never crash, hang or yield nonsense -------- */

/* Resolves @s with one override; returns the status, message in @err. */
static ExopkStatus
resolve_with(const char *path, double value, ExopkError *err)
{
    ExopkStudy *s = fixture_study(1);
    ExopkStatus st;

    exopk_study_add_arm(s, "a", NULL, 0);
    exopk_study_add_override(s, path, value);
    st = exopk_study_resolve(s, err);
    exopk_study_free(s);
    return st;
}

START_TEST(negative_rate_override_is_named)
{
    ExopkError err;

    ck_assert_int_eq(resolve_with("carrier.k_pt", -0.8, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message,
                     "params[\"carrier.k_pt\"]: -0.8 1/h is outside its domain (must be >= 0)");
    ck_assert_int_eq(resolve_with("doxorubicin.cl", NAN, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "doxorubicin.cl") != NULL, "%s", err.message);
}
END_TEST

/* Each domain kind: its edge is accepted, just outside it is not. */
START_TEST(domain_edges_accepted_just_outside_rejected)
{
    static const struct { const char *path; double edge, outside; } cases[] = {
        { "carrier.k_pt", 0.0, -1e-12 },            /* >= 0 */
        { "doxorubicin.mw", 1e-9, 0.0 },            /* > 0 */
        { "doxorubicin.f_esc", 1.0, 1.0 + 1e-12 },  /* [0, 1] */
        { "doxorubicin.f_esc", 0.0, -1e-12 },
        { "loading.recovery", 1.0, 1.0 + 1e-12 },   /* (0, 1] */
        { "loading.recovery", 1e-9, 0.0 },
        { "tumour.f_int", 0.0, -1e-12 },            /* [0, 1) */
        { "tumour.f_int", 1.0 - 1e-9, 1.0 },
        { "species.plasma_volume", 1e-6, 0.0 },     /* derived, > 0 */
    };
    ExopkError err;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ExopkStatus st = resolve_with(cases[i].path, cases[i].edge, &err);
        ck_assert_msg(st == EXOPK_OK, "%s = %g: %s", cases[i].path, cases[i].edge, err.message);
        ck_assert_int_eq(resolve_with(cases[i].path, cases[i].outside, &err), EXOPK_EINVAL);
        ck_assert_msg(strstr(err.message, cases[i].path) != NULL &&
                      strstr(err.message, "outside its domain") != NULL, "%s", err.message);
    }
}
END_TEST

START_TEST(library_and_derived_values_are_checked)
{
    ExopkStudy *s = fixture_study(1);
    ExopkError err;

    exopk_study_add_arm(s, "a", NULL, 0);
    s->formulations[0].carrier_ref.k_tp = -0.1;     /* a bad data file */
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "carrier msc: k_tp = ") != NULL, "%s", err.message);
    s->formulations[0].carrier_ref.k_tp = 0.1;
    /* plasma volume derived from a zero per-kg volume: not an override */
    s->species.plasma_volume_per_kg = 0;
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "plasma_volume_per_kg") != NULL, "%s", err.message);
    s->species = fixture_mouse();
    /* a capacity below the 100 mm3 the growth rate refers to */
    exopk_study_add_override(s, "tumour.capacity", 50);
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "capacity") != NULL, "%s", err.message);
    exopk_study_free(s);
}
END_TEST

START_TEST(solver_and_time_settings_are_bounded)
{
    static const struct { double horizon, every, rtol, atol; const char *what; } cases[] = {
        { 1e308, 1, 1e-6, 1e-12, "horizon" },
        { EXOPK_HORIZON_MAX * 1.01, 1000, 1e-6, 1e-12, "horizon" },
        { 672, 1e-4, 1e-6, 1e-12, "output_every" },   /* 6.7e6 rows */
        { 672, 1, 0.099, 1e-12, "solver.rtol" },
        { 672, 1, 1e-13, 1e-12, "solver.rtol" },
        { 672, 1, 1e-6, 0, "solver.atol" },
        { 672, 1, 1e-6, 0.5, "solver.atol" },
    };
    ExopkError err;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ExopkStudy *s = fixture_study(1);
        exopk_study_add_arm(s, "a", NULL, 0);
        s->horizon = cases[i].horizon;
        s->output_every = cases[i].every;
        s->rtol = cases[i].rtol;
        s->atol_scale = cases[i].atol;
        ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
        ck_assert_msg(strncmp(err.message, cases[i].what, strlen(cases[i].what)) == 0,
                      "case %zu: %s", i, err.message);
        exopk_study_free(s);
    }
    {   /* the limits themselves are accepted */
        ExopkStudy *s = fixture_study(1);
        exopk_study_add_arm(s, "a", NULL, 0);
        s->horizon = EXOPK_HORIZON_MAX;
        s->output_every = EXOPK_HORIZON_MAX / EXOPK_ROWS_MAX;
        s->rtol = EXOPK_RTOL_MAX;
        s->atol_scale = EXOPK_ATOL_MIN;
        ck_assert_msg(exopk_study_resolve(s, &err) == EXOPK_OK, "%s", err.message);
        exopk_study_free(s);
    }
    {   /* a run's own tolerances are checked too */
        ExopkStudy *s = fixture_default_study();
        ExopkSimOptions o = { .rtol = 0.099 };
        ck_assert_ptr_null(exopk_simulate(s, 0, &o, &err));
        ck_assert_int_eq(err.code, EXOPK_EINVAL);
        exopk_study_free(s);
    }
}
END_TEST

START_TEST(nine_formulations_in_one_arm_are_refused)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose d[EXOPK_MAX_ARM_FORMULATIONS + 1];
    ExopkError err;

    for (int i = 0; i <= EXOPK_MAX_ARM_FORMULATIONS; i++) {
        ExopkFormulation f = s->formulations[0];
        snprintf(f.name, sizeof f.name, "f%d", i);
        d[i] = (ExopkDose) { .formulation = exopk_study_add_formulation(s, &f),
                             .route = EXOPK_ROUTE_IV, .time = i, .unit = EXOPK_DOSE_PARTICLES,
                             .amount = 1e11 };
    }
    exopk_study_add_arm(s, "many", d, EXOPK_MAX_ARM_FORMULATIONS);      /* 8: fine */
    exopk_study_add_arm(s, "too_many", d, EXOPK_MAX_ARM_FORMULATIONS + 1);
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "too_many") != NULL &&
                  strstr(err.message, "more than 8 formulations") != NULL, "%s", err.message);
    /* simulate checks again (the study may be changed after resolving) */
    ck_assert_ptr_null(exopk_simulate(s, 1, NULL, &err));
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    s->n_arms = 1;       /* hide the bad arm (freed through arms[1] below) */
    {
        ExopkResult *r;
        fixture_resolve(s);
        r = run(s, 0, 1e-6);
        ck_assert_ptr_nonnull(r);
        exopk_result_free(r);
    }
    s->n_arms = 2;
    exopk_study_free(s);
}
END_TEST

START_TEST(negative_solution_is_a_solver_error)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 };
    ExopkError err;

    exopk_study_add_arm(s, "a", &d, 1);
    fixture_resolve(s);
    /* past resolve (which refuses it): a negative transfer drives the
     * tissue below zero; that must be an error, never a CSV */
    s->formulations[0].carrier.k_pt = -0.8;
    ck_assert_ptr_null(exopk_simulate(s, 0, NULL, &err));
    ck_assert_int_eq(err.code, EXOPK_ESOLVER);
    ck_assert_msg(strstr(err.message, "went negative at t = ") != NULL &&
                  strstr(err.message, "exodox.tissue_particles") != NULL, "%s", err.message);
    exopk_study_free(s);
}
END_TEST

START_TEST(healthy_subject_empty_arm_simulates)
{
    ExopkStudy *s = fixture_study(0);
    ExopkError err;
    ExopkResult *r;

    exopk_study_add_arm(s, "control", NULL, 0);
    s->horizon = 24;
    fixture_resolve(s);
    r = exopk_simulate(s, 0, NULL, &err);
    ck_assert_msg(r != NULL, "%s", err.message);
    ck_assert_int_eq(exopk_result_n_times(r), 25);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(huge_count_is_refused_at_once)
{
    ExopkStudy *s = fixture_default_study();
    ExopkError err;
    ExopkDosingLine line = { .dose = { .formulation = 0, .route = EXOPK_ROUTE_IV,
                                       .unit = EXOPK_DOSE_PARTICLES, .amount = 1e11 },
                             .every = 1e-3, .count = 1000000000000000L };

    ck_assert_int_eq(exopk_study_set(s, 2, "count", 1e15, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "set count: 1e+15 is more than 100000 doses");
    ck_assert_int_eq(s->arms[2].n_doses, 5);                    /* unchanged */
    /* a count the cap allows but the horizon cannot hold: clipped, O(1) */
    ck_assert_int_eq(exopk_dosing_line_doses_within(&line, 10), 10001);
    line.every = 1e-5;
    ck_assert_int_eq(exopk_study_add_arm_lines(s, "dense", &line, 1), -2);
    ck_assert_int_eq(s->n_arms, 3);
    /* every dose in range at a spacing that lands exactly on the horizon */
    line.every = 0.1;
    line.count = 50;
    ck_assert_int_eq(exopk_dosing_line_doses_within(&line, 4.9), 50);
    ck_assert_int_eq(exopk_dosing_line_doses_within(&line, 4.8999), 49);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, loading_matches_defaults);
    tcase_add_test(tc, loading_saturates_and_warns);
    tcase_add_test(tc, coloading_scales_lumen);
    tcase_add_test(tc, jacobian_matches_finite_differences);
    tcase_add_test(tc, vesicle_pk_is_biexponential_when_mps_is_linear);
    tcase_add_test(tc, free_dox_is_three_compartment_without_heart_flow);
    tcase_add_test(tc, short_infusion_equals_bolus);
    tcase_add_test(tc, repeated_doses_superpose_when_linear);
    tcase_add_test(tc, mass_balance_closes_on_every_route);
    tcase_add_test(tc, dose_at_output_time_shows_post_dose_state);
    tcase_add_test(tc, no_tumour_means_no_tumour_states);
    tcase_add_test(tc, default_tolerances_match_tight_run);
    tcase_add_test(tc, default_study_reproduces_defaults_md);
    tcase_add_test(tc, solver_failure_names_time_and_state);
    tcase_add_test(tc, progress_can_cancel);
    tcase_add_test(tc, unknown_override_suggests);
    tcase_add_test(tc, override_derived_and_inputs);
    tcase_add_test(tc, tiny_population_is_eradicated);
    tcase_add_test(tc, set_changes_the_first_line_of_a_copy);
    tcase_add_test(tc, free_equivalent_dose_of_a_free_bolus_is_its_dose);
    tcase_add_test(tc, default_study_matches_golden);
    tcase_add_test(tc, chf_risk_interpolates_the_published_table);
    tcase_add_test(tc, chf_risk_metric_is_the_table_at_the_free_equivalent_dose);
    tcase_add_test(tc, rna_jacobian_matches_finite_differences);
    tcase_add_test(tc, jacobian_exact_when_rna_changes_one_drugs_rho);
    tcase_add_test(tc, rna_mass_balance_closes);
    tcase_add_test(tc, mimic_activity_follows_its_copies);
    tcase_add_test(tc, knocking_down_pgp_raises_resistant_cell_dox);
    tcase_add_test(tc, blocking_transfer_lowers_resistant_fraction);
    tcase_add_test(tc, biomarker_follows_the_tumour);
    suite_add_tcase(s, tc);
    tc = tcase_create("hardening");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, negative_rate_override_is_named);
    tcase_add_test(tc, domain_edges_accepted_just_outside_rejected);
    tcase_add_test(tc, library_and_derived_values_are_checked);
    tcase_add_test(tc, solver_and_time_settings_are_bounded);
    tcase_add_test(tc, nine_formulations_in_one_arm_are_refused);
    tcase_add_test(tc, healthy_subject_empty_arm_simulates);
    tcase_add_test(tc, negative_solution_is_a_solver_error);
    tcase_add_test(tc, huge_count_is_refused_at_once);
    suite_add_tcase(s, tc);
    return s;
}
