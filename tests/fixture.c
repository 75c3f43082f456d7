/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "fixture.h"

ExopkSpecies
fixture_mouse(void)
{
    ExopkSpecies s = { .name = "mouse", .body_weight = 0.025, .plasma_volume_per_kg = 0.04,
                       .cardiac_output = 1.04, .cardiac_output_weight = 0.025,
                       .heart_flow_fraction = 0.066, .heart_weight_fraction = 0.005,
                       .km_factor = 3 };
    return s;
}

ExopkCarrier
fixture_msc(void)
{
    ExopkCarrier c = { .name = "msc", .diameter = 100, .bilayer = 5, .reference_weight = 0.025,
                       .k_mps = 4.0, .km_mps = 1e15, .k_cl = 1.0, .k_pt = 0.9, .k_tp = 0.1,
                       .k_deg_t = 0.05, .k_deg_m = 0.2, .ps_tum = 0.5, .k_ip = 0.02,
                       .k_int = 0.05, .k_proc = 0.5, .g_tgt = 0, .k_a_ip = 0.5,
                       .particles_per_ug_protein = 1e10, .cd47_mps_multiplier = 1,
                       .peg_mps_multiplier = 1, .peg_uptake_multiplier = 1 };
    return c;
}

ExopkLoadingMethod
fixture_electroporation(void)
{
    ExopkLoadingMethod m = { .name = "electroporation", .membrane_sites = 0.1,
                             .leak_multiplier = 1.5, .mps_multiplier = 1.2, .recovery = 0.7 };
    return m;
}

ExopkAgent
fixture_doxorubicin(void)
{
    ExopkAgent a = { .name = "doxorubicin", .cargo_class = EXOPK_CLASS_SMALL_MOLECULE,
                     .mw = 543.52, .mw_dosed = 579.99, .reference_weight = 70,
                     .cl = 53.3, .v1 = 17.7, .q2 = 58.7, .v2 = 1830, .q3 = 21.8, .v3 = 71.6,
                     .kp_heart = 15, .k_leak_lumen = 0.06, .k_leak_membrane = 0.6,
                     .f_rd = 0.9, .f_esc = 0.8, .ps_free = 5, .k_in = 5, .k_out = 0.5,
                     .k_vexp = 0.05, .km_pgp = 1500, .resistant_accumulation = 0.2,
                     .hill = 1, .kmax = 0.05, .k_a_ip = 1.0 };
    return a;
}

ExopkAgent
fixture_sirna(ExopkActsOn acts_on)
{
    ExopkAgent a = { .name = "sirna", .cargo_class = EXOPK_CLASS_SIRNA, .mw = 13300,
                     .mw_dosed = 13300, .reference_weight = 0.025, .v1 = 0.001,
                     .k_leak_lumen = 0.005, .k_leak_membrane = 0.05, .f_rd = 0, .f_esc = 0.015,
                     .ps_free = 1, .k_a_ip = 0.5, .k_nuc = 6.9, .cl_renal = 0.005,
                     .k_cyto = 0.029, .k_risc = 0.1, .k_risc_deg = 0.077, .k_mrna = 0.077,
                     .k_protein = 0.015, .imax = 10, .ic50_risc = 50, .share = 1,
                     .acts_on = acts_on, .target = "ABCB1" };
    return a;
}

ExopkAgent
fixture_antimir(void)
{
    ExopkAgent a = { .name = "antimir", .cargo_class = EXOPK_CLASS_ANTIMIR, .mw = 5200,
                     .mw_dosed = 5200, .reference_weight = 0.025, .v1 = 0.001,
                     .k_leak_lumen = 0.005, .k_leak_membrane = 0.05, .f_rd = 0, .f_esc = 0.015,
                     .ps_free = 1, .k_a_ip = 0.5, .k_nuc = 0.05, .cl_renal = 0.02,
                     .k_gymnotic = 0.002, .k_cyto = 0.001, .k_bind = 0.01, .k_mirna = 0.05,
                     .mirna_copies = 1000, .share = 0.5, .share_transfer = 0.5,
                     .target = "miR-222" };
    return a;
}

ExopkAgent
fixture_mimic(ExopkActsOn acts_on)
{
    ExopkAgent a = { .name = "mimic", .cargo_class = EXOPK_CLASS_MIMIC, .mw = 14000,
                     .mw_dosed = 14000, .reference_weight = 0.025, .v1 = 0.001,
                     .k_leak_lumen = 0.005, .k_leak_membrane = 0.05, .f_rd = 0, .f_esc = 0.015,
                     .ps_free = 1, .k_a_ip = 0.5, .k_nuc = 2, .cl_renal = 0.005,
                     .k_cyto = 0.029, .mirna_copies = 20, .ea50 = 0.5, .share = 0.6,
                     .acts_on = acts_on, .target = "let-7a" };
    return a;
}

ExopkTumour
fixture_mda_mb_231(void)
{
    ExopkTumour t = { .name = "mda_mb_231", .capacity = 3000, .growth_rate = 0.1 / 24,
                      .fitness_cost = 0.2, .rho = 2, .pgp_resistant = 10, .stress_gain = 2,
                      .f_int = 0.3, .k_tr = 1.0 / 24, .transfer_rate = 1e-3,
                      .mutation_rate = 1e-7, .cells_per_mm3 = 1e6, .volume = 100,
                      .resistant_fraction = 0.3, .n_ic50 = 1, .biomarker_secretion = 60,
                      .biomarker_resistant_multiplier = 2, .biomarker_k_clear = 5.9 };
    snprintf(t.ic50_agent[0], sizeof t.ic50_agent[0], "doxorubicin");
    t.ic50[0] = 300; /* nmol/L */
    return t;
}

ExopkStudy *
fixture_study(int tumour)
{
    ExopkStudy *s = exopk_study_new();
    ExopkFormulation f;
    ExopkAgent dox = fixture_doxorubicin();

    snprintf(s->name, sizeof s->name, "fixture");
    s->species = fixture_mouse();
    s->weight = 0.025;
    s->has_tumour = tumour;
    if (tumour) {
        s->tumour_ref = fixture_mda_mb_231();
        s->tumour_volume0 = 100;
        s->resistant_fraction0 = 0.3;
    }
    exopk_study_add_agent(s, &dox);
    memset(&f, 0, sizeof f);
    snprintf(f.name, sizeof f.name, "exodox");
    f.carrier_ref = fixture_msc();
    f.method_ref = fixture_electroporation();
    f.diameter = 100;
    f.n_cargo = 1;
    f.cargo[0] = (ExopkCargo) { .agent = 0, .offered = 5000, .ee0 = 0.2,
                                .lumen_conc_max = 1e7 };
    exopk_study_add_formulation(s, &f);
    s->horizon = 672;
    s->output_every = 1;
    return s;
}

void
fixture_resolve(ExopkStudy *s)
{
    ExopkError err;
    if (exopk_study_resolve(s, &err) != EXOPK_OK) {
        fprintf(stderr, "fixture: %s\n", err.message);
        abort();
    }
}

ExopkStudy *
fixture_default_study(void)
{
    ExopkStudy *s = fixture_study(1);
    /* as the default study writes them: one dosing line each */
    ExopkDosingLine free_dox = {
        .dose = { .formulation = -1, .agent = 0, .route = EXOPK_ROUTE_IV, .time = 0,
                  .unit = EXOPK_DOSE_NMOL, .amount = 5.0 * 0.025 / 579.99 * 1e6 },
        .every = 168, .count = 3, .dose_text = "5 mg/kg" };
    ExopkDosingLine exo = {
        .dose = { .formulation = 0, .agent = -1, .route = EXOPK_ROUTE_IV, .time = 0,
                  .unit = EXOPK_DOSE_PARTICLES, .amount = 2e11 },
        .every = 72, .count = 5, .dose_text = "2e11 particles" };

    exopk_study_add_arm(s, "control", NULL, 0);
    exopk_study_add_arm_lines(s, "free_dox", &free_dox, 1);
    exopk_study_add_arm_lines(s, "exodox", &exo, 1);
    fixture_resolve(s);
    return s;
}

double
fixture_accuracy_floor(const char *unit)
{
    static const struct { const char *unit; double floor; } floors[] = {
        { "particles", 1e5 },        /* 1e-6 x 1e11 */
        { "%", 5e-5 },               /* 1e5 particles of a 2e11 dose */
        { "nmol", 1e-6 },
        { "nmol/L", 1e-3 },          /* 1e-6 nmol in 1 mL of plasma */
        { "molecules/cell", 6.0 },   /* 1e-6 nmol over 1e8 cells */
        { "mm3", 1e-4 },             /* 1e-6 x 100 mm3 */
    };
    for (size_t i = 0; i < sizeof floors / sizeof *floors; i++)
        if (strcmp(floors[i].unit, unit) == 0)
            return floors[i].floor;
    return 1e-6;
}

double
fixture_max_rel_dev(const ExopkResult *r, const ExopkResult *ref, char *where, size_t size)
{
    double worst = 0;

    for (size_t j = 0; j < exopk_result_n_series(r); j++) {
        double floor = fixture_accuracy_floor(exopk_result_series_unit(r, j));
        const double *v = exopk_result_series(r, j), *w = exopk_result_series(ref, j);
        for (size_t i = 0; i < exopk_result_n_times(r); i++) {
            double d = fabs(w[i]) > floor ? fabs(v[i] - w[i]) / fabs(w[i]) : 0.0;
            if (d > worst) {
                worst = d;
                if (where != NULL)
                    snprintf(where, size, "%s at t = %g h: %.9g vs %.9g",
                             exopk_result_series_name(r, j), exopk_result_times(r)[i], v[i], w[i]);
            }
        }
    }
    return worst;
}

/* A tumour study with DOX and an RNA cargo co-loaded in one formulation
 * (index 1, "coloaded"), the RNA agent free too, and arms:
 * 0 "dox" exosomal DOX alone, 1 "coloaded" DOX + RNA, 2 "free_rna" the RNA
 * free iv + ip, 3 "rna_it" co-loaded given into the tumour. */
ExopkStudy *
fixture_rna_study(ExopkAgent rna)
{
    ExopkStudy *s = fixture_study(1);
    ExopkFormulation f = s->formulations[0];
    int ri = exopk_study_add_agent(s, &rna);
    ExopkDosingLine exo = { .dose = { .formulation = 0, .route = EXOPK_ROUTE_IV,
                                      .unit = EXOPK_DOSE_PARTICLES, .amount = 2e12 },
                            .every = 72, .count = 3 };
    ExopkDosingLine co = exo, free[2], it = exo;

    snprintf(f.name, sizeof f.name, "coloaded");
    f.n_cargo = 2;
    f.cargo[1] = (ExopkCargo) { .agent = ri, .offered = 200, .ee0 = 0.05, .lumen_conc_max = 1e6 };
    exopk_study_add_formulation(s, &f);
    co.dose.formulation = 1;
    it.dose.formulation = 1;
    it.dose.route = EXOPK_ROUTE_IT;
    free[0] = (ExopkDosingLine) { .dose = { .formulation = -1, .agent = ri, .route = EXOPK_ROUTE_IV,
                                             .unit = EXOPK_DOSE_NMOL, .amount = 5 }, .count = 1 };
    free[1] = free[0];
    free[1].dose.route = EXOPK_ROUTE_IP;
    free[1].dose.time = 30;
    exopk_study_add_arm_lines(s, "dox", &exo, 1);
    exopk_study_add_arm_lines(s, "coloaded", &co, 1);
    exopk_study_add_arm_lines(s, "free_rna", free, 2);
    exopk_study_add_arm_lines(s, "rna_it", &it, 1);
    s->horizon = 336;
    fixture_resolve(s);
    return s;
}


int
fixture_expm_apply(const double *k, size_t n, double t, const double *y0, double *y)
{
    gsl_matrix *a = gsl_matrix_alloc(n, n), *e = gsl_matrix_alloc(n, n);
    int status;

    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(a, i, j, k[i * n + j] * t);
    status = gsl_linalg_exponential_ss(a, e, GSL_PREC_DOUBLE);
    for (size_t i = 0; i < n; i++) {
        y[i] = 0;
        for (size_t j = 0; j < n; j++)
            y[i] += gsl_matrix_get(e, i, j) * y0[j];
    }
    gsl_matrix_free(a);
    gsl_matrix_free(e);
    return status;
}

char *
fixture_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = -1;

    if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t) n + 1)) != NULL &&
        fread(buf, 1, (size_t) n, f) == (size_t) n) {
        buf[n] = '\0';
        fclose(f);
        if (len != NULL)
            *len = (size_t) n;
        return buf;
    }
    fprintf(stderr, "fixture_read_file: %s: %s\n", path, strerror(errno));
    abort();
}

int
fixture_parse_rgb(const char *s, double c[3])
{
    char *end;

    if (strncmp(s, "rgb(", 4) != 0)
        return 0;
    s += 4;
    for (int i = 0; i < 3; i++) {
        while (*s == ' ' || *s == ',')
            s++;
        c[i] = strtod(s, &end);
        if (end == s)
            return 0;
        s = end;
        if (*s == '%') {
            c[i] /= 100;
            s++;
        } else {
            c[i] /= 255;
        }
    }
    return 1;
}

/* A tumour study with two small molecules (doxorubicin, and "gemcitabine",
 * a DOX-like drug with its own kill, IC50 and rho 5 through the tumour's
 * rho_agent; DOX keeps the tumour's rho 2) co-loaded with RNA @rna in one
 * formulation, and one arm "triple" giving it iv. */
ExopkStudy *
fixture_two_drug_rna_study(ExopkAgent rna)
{
    ExopkStudy *s = fixture_study(1);
    ExopkFormulation f = s->formulations[0];
    ExopkAgent gem = fixture_doxorubicin();
    ExopkTumour *t = &s->tumour_ref;
    ExopkDosingLine exo = { .dose = { .formulation = 1, .route = EXOPK_ROUTE_IV,
                                      .unit = EXOPK_DOSE_PARTICLES, .amount = 2e12 },
                            .every = 72, .count = 3 };
    int gi, ri;

    snprintf(gem.name, sizeof gem.name, "gemcitabine");
    gem.kmax = 0.08;
    gem.hill = 1.3;
    gi = exopk_study_add_agent(s, &gem);
    ri = exopk_study_add_agent(s, &rna);
    snprintf(t->ic50_agent[t->n_ic50], sizeof t->ic50_agent[0], "gemcitabine");
    t->ic50[t->n_ic50++] = 100; /* nmol/L */
    snprintf(t->rho_agent_name[0], sizeof t->rho_agent_name[0], "gemcitabine");
    t->rho_agent[0] = 5;
    t->n_rho_agent = 1;
    snprintf(f.name, sizeof f.name, "triple");
    f.n_cargo = 3;
    f.cargo[1] = (ExopkCargo) { .agent = gi, .offered = 3000, .ee0 = 0.2, .lumen_conc_max = 1e7 };
    f.cargo[2] = (ExopkCargo) { .agent = ri, .offered = 200, .ee0 = 0.05, .lumen_conc_max = 1e6 };
    exopk_study_add_formulation(s, &f);
    exopk_study_add_arm_lines(s, "triple", &exo, 1);
    s->horizon = 336;
    fixture_resolve(s);
    return s;
}
