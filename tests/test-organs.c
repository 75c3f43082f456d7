/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Organ outputs (docs/model.md "Organs"): shares of the unchanged MPS and
 * tissue compartments, %ID per gram with the species' organ weights, the
 * check that each group of shares sums to 1.  Expected values come from
 * the definitions: share x compartment %ID, %ID / (fraction x body weight). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "fixture.h"

/* Morishita 2015 shares (data/carriers/msc.lua) and the mass-proportional
 * kidney share; mouse organ weights of Brown 1997 (data/species/mouse.lua) */
static const double LIVER = 0.765, SPLEEN = 0.044, LUNGS = 0.191, KIDNEYS = 0.019;
static const double W_LIVER = 0.0549, W_SPLEEN = 0.0035, W_LUNGS = 0.0073, W_KIDNEYS = 0.0167;

static void
set_shares(ExopkCarrier *c, double liver, double spleen, double lungs, double kidneys)
{
    c->liver_share_of_mps = liver;
    c->spleen_share_of_mps = spleen;
    c->lungs_share_of_mps = lungs;
    c->kidneys_share_of_tissue = kidneys;
    c->rest_share_of_tissue = kidneys > 0 ? 1 - kidneys : 0;
}

/* The fixture mouse with the organ weights and the msc shares; one iv arm
 * of 2e11 particles, 24 h. */
static ExopkStudy *
organ_study(void)
{
    ExopkStudy *s = fixture_study(0);
    ExopkDose d = { .formulation = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                    .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 };

    s->species.liver_weight_fraction = W_LIVER;
    s->species.spleen_weight_fraction = W_SPLEEN;
    s->species.lungs_weight_fraction = W_LUNGS;
    s->species.kidneys_weight_fraction = W_KIDNEYS;
    set_shares(&s->formulations[0].carrier_ref, LIVER, SPLEEN, LUNGS, KIDNEYS);
    exopk_study_add_arm(s, "iv", &d, 1);
    s->horizon = 24;
    s->output_every = 0.5;
    return s;
}

static ExopkResult *
run(const ExopkStudy *s)
{
    ExopkError err;
    ExopkResult *r = exopk_simulate(s, 0, NULL, &err);

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

static int
close_to(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fabs(b) + 1e-300;
}

START_TEST(organ_shares_add_up_to_their_compartment)
{
    ExopkStudy *s = organ_study();
    ExopkResult *r;
    const double *mps, *tis, *li, *sp, *lu, *ki, *re;
    double peak = 0;

    fixture_resolve(s);
    r = run(s);
    mps = series(r, "mps_particles_pct_id");
    tis = series(r, "tissue_particles_pct_id");
    li = series(r, "liver_particles_pct_id");
    sp = series(r, "spleen_particles_pct_id");
    lu = series(r, "lungs_particles_pct_id");
    ki = series(r, "kidneys_particles_pct_id");
    re = series(r, "rest_particles_pct_id");
    for (size_t i = 0; i < exopk_result_n_times(r); i++) {
        ck_assert_msg(close_to(li[i], LIVER * mps[i]), "row %zu: liver %g vs 0.765 x %g", i,
                      li[i], mps[i]);
        ck_assert(close_to(sp[i], SPLEEN * mps[i]) && close_to(lu[i], LUNGS * mps[i]));
        ck_assert(close_to(ki[i], KIDNEYS * tis[i]) && close_to(re[i], (1 - KIDNEYS) * tis[i]));
        ck_assert_msg(fabs(li[i] + sp[i] + lu[i] - mps[i]) <= 1e-12 * mps[i] + 1e-300,
                      "row %zu: liver + spleen + lungs %g vs mps %g", i, li[i] + sp[i] + lu[i],
                      mps[i]);
        peak = fmax(peak, li[i]);
    }
    {
        double v;
        ck_assert_int_eq(exopk_result_metric(r, "liver_pct_id_max", &v), 0);
        ck_assert(v == peak && peak > 10);
    }
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(per_gram_is_pct_id_over_organ_weight)
{
    ExopkStudy *s = organ_study();
    ExopkResult *r;
    static const char *const organ[] = { "liver", "spleen", "lungs", "kidneys", "rest" };
    /* 25 g mouse; the rest: body less the four organs, heart (0.5 %) and
     * 1 mL of plasma (0.04 L/kg) at 1 g/mL */
    const double grams[] = { W_LIVER * 25, W_SPLEEN * 25, W_LUNGS * 25, W_KIDNEYS * 25,
                             (1 - W_LIVER - W_SPLEEN - W_LUNGS - W_KIDNEYS - 0.005) * 25 - 1 };
    char name[64];

    fixture_resolve(s);
    r = run(s);
    for (int o = 0; o < 5; o++) {
        const double *pct, *g;
        double best = 0, v;

        ck_assert(fabs(exopk_organ_grams(s, (ExopkOrgan) o) - grams[o]) <= 1e-12 * grams[o]);
        snprintf(name, sizeof name, "%s_particles_pct_id", organ[o]);
        pct = series(r, name);
        snprintf(name, sizeof name, "%s_particles_pct_id_per_g", organ[o]);
        g = series(r, name);
        ck_assert_str_eq(exopk_result_series_unit(r, (size_t) exopk_result_find_series(r, name)),
                         "%/g");
        for (size_t i = 0; i < exopk_result_n_times(r); i++) {
            ck_assert_msg(close_to(g[i], pct[i] / grams[o]), "%s row %zu", name, i);
            best = fmax(best, g[i]);
        }
        snprintf(name, sizeof name, "%s_pct_id_per_g_max", organ[o]);
        ck_assert_int_eq(exopk_result_metric(r, name, &v), 0);
        ck_assert_msg(v == best, "%s %g vs %g", name, v, best);
    }
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(a_share_group_not_summing_to_one_is_refused)
{
    ExopkStudy *s = organ_study();
    ExopkError err;

    s->formulations[0].carrier_ref.liver_share_of_mps = 0.7;   /* 0.7 + 0.044 + 0.191 */
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "carrier msc: liver_share_of_mps + spleen_share_of_mps + "
                         "lungs_share_of_mps = 0.935; the shares of a compartment must sum to 1")
                  != NULL, "%s", err.message);
    s->formulations[0].carrier_ref.liver_share_of_mps = LIVER;
    s->formulations[0].carrier_ref.rest_share_of_tissue = 0.5;
    ck_assert_int_eq(exopk_study_resolve(s, &err), EXOPK_EINVAL);
    ck_assert_msg(strstr(err.message, "kidneys_share_of_tissue + rest_share_of_tissue = 0.519")
                  != NULL, "%s", err.message);
    exopk_study_free(s);
}
END_TEST

START_TEST(the_sum_tolerance_is_one_in_a_thousand)
{
    ck_assert(exopk_organ_group_sum_ok(0));
    ck_assert(exopk_organ_group_sum_ok(1));
    ck_assert(exopk_organ_group_sum_ok(1.0009));
    ck_assert(exopk_organ_group_sum_ok(0.9991));
    ck_assert(!exopk_organ_group_sum_ok(1.0011));
    ck_assert(!exopk_organ_group_sum_ok(0.5));
    ck_assert(!exopk_organ_group_sum_ok(NAN));
}
END_TEST

START_TEST(no_shares_no_organ_outputs)
{
    ExopkStudy *s = organ_study();
    ExopkResult *r;
    double v;

    set_shares(&s->formulations[0].carrier_ref, 0, 0, 0, KIDNEYS);
    fixture_resolve(s);
    r = run(s);
    ck_assert_int_lt(exopk_result_find_series(r, "liver_particles_pct_id"), 0);
    ck_assert_int_ne(exopk_result_metric(r, "liver_pct_id_max", &v), 0);
    ck_assert_int_ge(exopk_result_find_series(r, "kidneys_particles_pct_id"), 0);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

/* An arm giving two formulations has organ outputs only when both
 * carriers give the shares (a partial sum would understate the organ). */
START_TEST(every_formulation_needs_the_shares)
{
    ExopkStudy *s = organ_study();
    ExopkFormulation f = s->formulations[0];
    ExopkDose d[2] = { { .formulation = 0, .route = EXOPK_ROUTE_IV, .unit = EXOPK_DOSE_PARTICLES,
                         .amount = 1e11 },
                       { .formulation = 1, .route = EXOPK_ROUTE_IV, .unit = EXOPK_DOSE_PARTICLES,
                         .amount = 1e11 } };
    ExopkResult *r;

    snprintf(f.name, sizeof f.name, "plain");
    set_shares(&f.carrier_ref, 0, 0, 0, 0);
    exopk_study_add_formulation(s, &f);
    exopk_study_add_arm(s, "both", d, 2);
    fixture_resolve(s);
    r = exopk_simulate(s, 1, NULL, NULL);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_ge(exopk_result_find_series(r, "mps_particles_pct_id"), 0);
    ck_assert_int_lt(exopk_result_find_series(r, "liver_particles_pct_id"), 0);
    ck_assert_int_lt(exopk_result_find_series(r, "rest_particles_pct_id"), 0);
    exopk_result_free(r);
    exopk_study_free(s);
}
END_TEST

START_TEST(organ_names_and_groups)
{
    char buf[160];

    ck_assert_str_eq(exopk_organ_name(EXOPK_ORGAN_LUNGS), "lungs");
    ck_assert_int_eq(exopk_organ_group(EXOPK_ORGAN_LUNGS), EXOPK_ORGAN_GROUP_MPS);
    ck_assert_int_eq(exopk_organ_group(EXOPK_ORGAN_KIDNEYS), EXOPK_ORGAN_GROUP_TISSUE);
    ck_assert_str_eq(exopk_organ_share_field(EXOPK_ORGAN_REST), "rest_share_of_tissue");
    exopk_organ_group_fields(EXOPK_ORGAN_GROUP_TISSUE, buf, sizeof buf);
    ck_assert_str_eq(buf, "kidneys_share_of_tissue + rest_share_of_tissue");
    ck_assert_ptr_nonnull(exopk_param_field(EXOPK_GROUP_CARRIER, "lungs_share_of_mps"));
    ck_assert_ptr_nonnull(exopk_param_field(EXOPK_GROUP_SPECIES, "kidneys_weight_fraction"));
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("organs");
    TCase *tc = tcase_create("organs");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, organ_shares_add_up_to_their_compartment);
    tcase_add_test(tc, per_gram_is_pct_id_over_organ_weight);
    tcase_add_test(tc, a_share_group_not_summing_to_one_is_refused);
    tcase_add_test(tc, the_sum_tolerance_is_one_in_a_thousand);
    tcase_add_test(tc, no_shares_no_organ_outputs);
    tcase_add_test(tc, every_formulation_needs_the_shares);
    tcase_add_test(tc, organ_names_and_groups);
    suite_add_tcase(s, tc);
    return s;
}
