/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A C user of the installed libexopk: built by tests/install/test-install.sh
 * with `cc c-api.c $(pkg-config --cflags --libs exopk)` and nothing from the
 * source tree.  It checks the unit parser against arithmetic and a free
 * doxorubicin bolus against the one number a linear model fixes whatever
 * its distribution: AUC(0, inf) = dose / CL.
 * usage: c-api EXPECTED_VERSION; exit 0 when every check holds. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <exopk/exopk.h>

static int failures;

static void
expect(int ok, const char *what, double got, double want)
{
    printf("%s %s: %.10g (expected %.10g)\n", ok ? "ok" : "FAIL", what, got, want);
    failures += !ok;
}

static double
parse(const char *text, ExopkUnitKind kind)
{
    ExopkError err;
    double v = NAN;

    if (exopk_units_parse_as(text, kind, &v, &err) != EXOPK_OK)
        printf("FAIL %s: %s\n", text, err.message);
    return v;
}

/* A 25 g mouse, no tumour, doxorubicin's human three-compartment PK set
 * for this weight (no allometric scaling): one IV bolus of @dose nmol. */
static ExopkStudy *
bolus_study(double dose)
{
    ExopkStudy *s = exopk_study_new();
    ExopkAgent dox = { .name = "doxorubicin", .cargo_class = EXOPK_CLASS_SMALL_MOLECULE,
                       .mw = 543.52, .mw_dosed = 579.99, .reference_weight = 0.025,
                       .cl = 53.3, .v1 = 17.7, .q2 = 58.7, .v2 = 1830, .q3 = 21.8,
                       .v3 = 71.6, .kp_heart = 15, .f_rd = 0.9, .f_esc = 0.8, .ps_free = 5,
                       .k_in = 5, .k_out = 0.5, .k_vexp = 0.05, .km_pgp = 1500,
                       .resistant_accumulation = 0.2, .hill = 1, .kmax = 0.05, .k_a_ip = 1 };
    ExopkDose bolus = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                        .unit = EXOPK_DOSE_NMOL, .amount = dose };
    ExopkError err;

    snprintf(s->name, sizeof s->name, "install");
    s->species = (ExopkSpecies) { .name = "mouse", .body_weight = 0.025,
                                  .plasma_volume_per_kg = 0.04, .cardiac_output = 1.04,
                                  .cardiac_output_weight = 0.025, .heart_flow_fraction = 0.066,
                                  .heart_weight_fraction = 0.005, .km_factor = 3 };
    s->weight = 0.025;
    s->horizon = 24 * 7 * 52;
    s->output_every = 24;
    exopk_study_add_agent(s, &dox);
    exopk_study_add_arm(s, "bolus", &bolus, 1);
    if (exopk_study_resolve(s, &err) != EXOPK_OK) {
        printf("FAIL resolve: %s\n", err.message);
        exopk_study_free(s);
        return NULL;
    }
    return s;
}

static void
check_bolus(void)
{
    const double dose = 100, cl = 53.3;    /* nmol, L/h */
    ExopkStudy *s = bolus_study(dose);
    ExopkError err;
    ExopkResult *r = s != NULL ? exopk_simulate(s, 0, NULL, &err) : NULL;
    double auc = NAN, balance = NAN;

    if (s != NULL && r == NULL)
        printf("FAIL simulate: %s\n", err.message);
    if (r != NULL) {
        exopk_result_metric(r, "doxorubicin.plasma_auc", &auc);
        exopk_result_metric(r, "doxorubicin.mass_balance_rel_error", &balance);
    }
    /* the horizon (a year) is > 100 terminal half-lives: the tail is nil */
    expect(fabs(auc - dose / cl) <= 1e-4 * dose / cl, "plasma AUC = dose / CL [nmol*h/L]",
           auc, dose / cl);
    expect(fabs(balance) <= 1e-6, "mass balance relative error", balance, 0);
    exopk_result_free(r);
    exopk_study_free(s);
}

int
main(int argc, char **argv)
{
    const char *want = argc > 1 ? argv[1] : "";

    printf("%s version %s (expected %s)\n",
           strcmp(EXOPK_VERSION_STRING, want) == 0 ? "ok" : "FAIL", EXOPK_VERSION_STRING, want);
    failures += strcmp(EXOPK_VERSION_STRING, want) != 0;
    expect(parse("2 d", EXOPK_KIND_TIME) == 48, "2 d in h", parse("2 d", EXOPK_KIND_TIME), 48);
    expect(fabs(parse("250 uL", EXOPK_KIND_VOLUME) - 0.25e-3) <= 1e-18, "250 uL in L",
           parse("250 uL", EXOPK_KIND_VOLUME), 0.25e-3);
    check_bolus();
    return failures == 0 ? 0 : 1;
}
