/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Named targeting ligands (docs/model.md, "Targeting"): each multiplier
 * reaches its own rate constant and no other, the tumour ones only when
 * the tumour lists every receptor, two ligands multiply, and a change of
 * extravasation alone gives the tumour share that the first-order plasma
 * balance predicts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "fixture.h"
#include "../src/core/model-private.h"

#define REL 1e-12

#define near(got, want, rel)                                                              \
    ck_assert_msg(fabs((got) - (want)) <= (rel) * fabs(want), "%s: %.15g, want %.15g", #got, \
                  (double) (got), (double) (want))

/* A ligand with the four multipliers and the receptors (NULL-ended). */
static ExopkLigand
ligand(const char *name, double k_int, double k_ip, double ps_tum, double mps,
       const char *const *receptors)
{
    ExopkLigand l = { .k_int_multiplier = k_int, .k_ip_multiplier = k_ip,
                      .ps_tum_multiplier = ps_tum, .mps_multiplier = mps };

    snprintf(l.name, sizeof l.name, "%s", name);
    for (; receptors != NULL && *receptors != NULL; receptors++)
        snprintf(l.receptors[l.n_receptors++], EXOPK_NAME_MAX, "%s", *receptors);
    return l;
}

static void
tumour_lists(ExopkStudy *s, const char *const *receptors)
{
    s->tumour_ref.n_receptors = 0;
    for (; *receptors != NULL; receptors++)
        snprintf(s->tumour_ref.receptors[s->tumour_ref.n_receptors++], EXOPK_NAME_MAX, "%s",
                 *receptors);
}

static void
put_on(ExopkStudy *s, const ExopkLigand *l)
{
    ExopkFormulation *f = &s->formulations[0];
    int i = exopk_study_add_ligand(s, l);

    ck_assert_int_ge(i, 0);
    f->ligand[f->n_ligands++] = i;
}

/* The effective constants of the exodox formulation of a resolved study. */
static CarrierBlock
constants(ExopkStudy *s)
{
    Model m;
    CarrierBlock cb;

    fixture_resolve(s);
    ck_assert_int_eq(model_init(&m, s, 0), 0);
    ck_assert_int_eq(m.n_carriers, 1);
    cb = m.carriers[0];
    model_clear(&m);
    return cb;
}

static ExopkStudy *
exo_study(void)
{
    ExopkStudy *s = fixture_study(1);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .unit = EXOPK_DOSE_PARTICLES,
                    .amount = 2e11 };

    exopk_study_add_arm(s, "exodox", &d, 1);
    return s;
}

static const char *const INTEGRIN_NRP1[] = { "integrin_av", "nrp1", NULL };
static const char *const EGFR[] = { "egfr", NULL };

/* Each multiplier changes its constant by its factor and leaves every
 * other constant as it was. */
START_TEST(multipliers_reach_their_constants_only)
{
    static const struct { double k_int, k_ip, ps_tum, mps; } cases[] = {
        { 3, 1, 1, 1 }, { 1, 0.25, 1, 1 }, { 1, 1, 5, 1 }, { 1, 1, 1, 0.4 },
    };
    ExopkStudy *base = exo_study();
    CarrierBlock b;

    tumour_lists(base, (const char *const[]) { "egfr", "integrin_av", "nrp1", NULL });
    b = constants(base);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ExopkStudy *s = exopk_study_copy(base);
        ExopkLigand l = ligand("x", cases[i].k_int, cases[i].k_ip, cases[i].ps_tum,
                               cases[i].mps, INTEGRIN_NRP1);
        CarrierBlock c;

        put_on(s, &l);
        c = constants(s);
        near(c.k_int, b.k_int * cases[i].k_int, REL);
        near(c.k_ip, b.k_ip * cases[i].k_ip, REL);
        near(c.ps_tum, b.ps_tum * cases[i].ps_tum, REL);
        near(c.vmax, b.vmax * cases[i].mps, REL);
        /* untouched */
        near(c.k_pt, b.k_pt, REL);
        near(c.k_tp, b.k_tp, REL);
        near(c.k_cl, b.k_cl, REL);
        near(c.k_deg_t, b.k_deg_t, REL);
        near(c.k_deg_m, b.k_deg_m, REL);
        near(c.k_proc, b.k_proc, REL);
        near(c.km_vp, b.km_vp, REL);
        near(c.k_a_ip, b.k_a_ip, REL);
        exopk_study_free(s);
    }
    exopk_study_free(base);
}
END_TEST

/* A tumour lacking one of the receptors: no uptake, washout or
 * extravasation change; the MPS multiplier still acts. */
START_TEST(no_receptor_no_tumour_effect)
{
    static const char *const none[] = { NULL };
    static const char *const no_nrp1[] = { "integrin_av", NULL };
    static const char *const no_integrin[] = { "nrp1", "egfr", NULL };
    const char *const *const lists[] = { none, no_nrp1, no_integrin };
    ExopkStudy *base = exo_study();
    CarrierBlock b = constants(base);

    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        ExopkStudy *s = exopk_study_copy(base);
        ExopkLigand l = ligand("irgd", 2, 0.5, 2, 0.7, INTEGRIN_NRP1);
        CarrierBlock c;

        tumour_lists(s, lists[i]);
        put_on(s, &l);
        ck_assert_ptr_nonnull(exopk_ligand_missing_receptor(&l, &s->tumour_ref));
        c = constants(s);
        near(c.k_int, b.k_int, REL);
        near(c.k_ip, b.k_ip, REL);
        near(c.ps_tum, b.ps_tum, REL);
        near(c.vmax, b.vmax * 0.7, REL);
        exopk_study_free(s);
    }
    exopk_study_free(base);
}
END_TEST

/* Two ligands: the multipliers multiply; each needs its own receptors. */
START_TEST(two_ligands_multiply)
{
    ExopkStudy *s = exo_study();
    ExopkLigand irgd = ligand("irgd", 2, 0.5, 3, 0.9, INTEGRIN_NRP1);
    ExopkLigand ge11 = ligand("ge11", 1.5, 0.8, 1.2, 0.5, EGFR);
    ExopkStudy *t;
    CarrierBlock b, c;

    tumour_lists(s, (const char *const[]) { "egfr", "integrin_av", "nrp1", NULL });
    t = exopk_study_copy(s);
    b = constants(s);
    put_on(t, &irgd);
    put_on(t, &ge11);
    c = constants(t);
    near(c.k_int, b.k_int * 2 * 1.5, REL);
    near(c.k_ip, b.k_ip * 0.5 * 0.8, REL);
    near(c.ps_tum, b.ps_tum * 3 * 1.2, REL);
    near(c.vmax, b.vmax * 0.9 * 0.5, REL);
    /* without egfr only iRGD acts on the tumour; both on the MPS */
    tumour_lists(t, INTEGRIN_NRP1);
    c = constants(t);
    near(c.k_int, b.k_int * 2, REL);
    near(c.k_ip, b.k_ip * 0.5, REL);
    near(c.ps_tum, b.ps_tum * 3, REL);
    near(c.vmax, b.vmax * 0.9 * 0.5, REL);
    exopk_study_free(t);
    exopk_study_free(s);
}
END_TEST

/* Overrides reach the effective ligand: "ligand.NAME.KEY". */
START_TEST(override_sets_the_ligand)
{
    ExopkStudy *s = exo_study();
    ExopkLigand l = ligand("irgd", 2, 0.5, 2, 1, INTEGRIN_NRP1);
    ExopkError err;
    CarrierBlock b, c;

    tumour_lists(s, INTEGRIN_NRP1);
    b = constants(s);
    put_on(s, &l);
    ck_assert_int_eq(exopk_study_set(s, 0, "ligand.irgd.ps_tum_multiplier", 4, &err), EXOPK_OK);
    c = constants(s);
    near(c.ps_tum, b.ps_tum * 4, REL);
    ck_assert_int_eq(exopk_study_set(s, 0, "ligand.irgd.ps_tum_multiplir", 4, &err),
                     EXOPK_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "ligand.irgd.ps_tum_multiplier"));
    ck_assert_int_eq(exopk_study_set(s, 0, "ligand.irgd.mps_multiplier", -1, &err), EXOPK_EINVAL);
    exopk_study_free(s);
}
END_TEST

/* Extravasation alone: with no return from tissue or tumour (k_pt = k_ip =
 * 0), no uptake (k_int = 0), linear MPS (a tiny dose, whose DOX kills
 * nothing measurable) and a tumour that does not grow, the plasma empties first order at
 * k_P = r_mps + r_epr + k_cl and the interstitium keeps the share
 * r_epr / k_P of the dose, r_epr = PS V_t / Vp.  A ligand multiplying PS by
 * m gives m r_epr / (a + m r_epr), a = r_mps + k_cl. */
START_TEST(extravasation_gain_is_analytic)
{
    const double m = 2.5, dose = 1e6;
    ExopkStudy *s = fixture_study(1);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .unit = EXOPK_DOSE_PARTICLES,
                    .amount = dose };
    ExopkLigand l = ligand("pen", 1, 1, m, 1, EGFR);
    ExopkCarrier *c = &s->formulations[0].carrier_ref;
    ExopkSimOptions o = { .rtol = 1e-10 };
    ExopkError err;
    double vp, r_mps, r_epr, a, got[2];

    c->k_pt = c->k_ip = c->k_int = 0;
    s->tumour_ref.growth_rate = 0;
    s->horizon = 24;   /* k_P of about 6 1/h: plasma is empty after 24 h */
    exopk_study_add_arm(s, "iv", &d, 1);
    tumour_lists(s, EGFR);
    for (int with = 0; with < 2; with++) {
        ExopkResult *r;
        long j;

        if (with)
            put_on(s, &l);
        fixture_resolve(s);
        r = exopk_simulate(s, 0, &o, &err);
        ck_assert_msg(r != NULL, "%s", err.message);
        j = exopk_result_find_series(r, "tumour_interstitium_particles");
        ck_assert_int_ge(j, 0);
        got[with] = exopk_result_series(r, (size_t) j)[exopk_result_n_times(r) - 1];
        exopk_result_free(r);
    }
    vp = s->subject.plasma_volume;
    /* the library's rates for a 25 g mouse at its reference weight: no scaling */
    r_mps = s->formulations[0].carrier.k_mps * s->formulations[0].method.mps_multiplier;
    r_epr = s->formulations[0].carrier.ps_tum * 100 * 1e-6 / vp;
    a = r_mps + s->formulations[0].carrier.k_cl;
    near(got[0], dose * r_epr / (a + r_epr), 1e-5);
    near(got[1], dose * m * r_epr / (a + m * r_epr), 1e-5);
    near(got[1] / got[0], m * (a + r_epr) / (a + m * r_epr), 1e-5);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("ligands");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, multipliers_reach_their_constants_only);
    tcase_add_test(tc, no_receptor_no_tumour_effect);
    tcase_add_test(tc, two_ligands_multiply);
    tcase_add_test(tc, override_sets_the_ligand);
    tcase_add_test(tc, extravasation_gain_is_analytic);
    suite_add_tcase(s, tc);
    return s;
}
