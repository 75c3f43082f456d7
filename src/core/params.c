/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parameter descriptors: one table per group names every field, its unit
 * kind and whether a data file must give it.  The Lua loader, overrides and
 * `exopk params` all read these tables, so a field exists in one place. */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "exopk/study.h"

#define F(type, key, kind, dom, role, def, desc)                                       \
    { #key, offsetof(type, key), EXOPK_KIND_##kind, EXOPK_FIELD_##role, def, desc, 0,   \
      EXOPK_DOMAIN_##dom }
/* an agent field of some cargo classes only */
#define FC(classes, key, kind, dom, role, def, desc)                                   \
    { #key, offsetof(ExopkAgent, key), EXOPK_KIND_##kind, EXOPK_FIELD_##role, def, desc,  \
      classes, EXOPK_DOMAIN_##dom }
#define SM (1u << EXOPK_CLASS_SMALL_MOLECULE)
#define SI (1u << EXOPK_CLASS_SIRNA)
#define AM (1u << EXOPK_CLASS_ANTIMIR)
#define MI (1u << EXOPK_CLASS_MIMIC)
#define END { NULL, 0, 0, 0, 0, NULL, 0, 0 }

static const ExopkParamField species_fields[] = {
    F(ExopkSpecies, body_weight, BODY_WEIGHT, POSITIVE, INPUT, 0, "default body weight"),
    F(ExopkSpecies, plasma_volume_per_kg, VOLUME_PER_KG, POSITIVE, INPUT, 0, "plasma volume per kg of body weight"),
    F(ExopkSpecies, cardiac_output, FLOW, POSITIVE, INPUT, 0, "cardiac output at cardiac_output_weight (scales with BW^0.75)"),
    F(ExopkSpecies, cardiac_output_weight, BODY_WEIGHT, POSITIVE, INPUT, 0, "body weight at which cardiac_output holds"),
    F(ExopkSpecies, heart_flow_fraction, DIMENSIONLESS, FRACTION, INPUT, 0, "heart blood flow, fraction of cardiac output"),
    F(ExopkSpecies, heart_weight_fraction, DIMENSIONLESS, FRACTION_POSITIVE, INPUT, 0, "heart weight, fraction of body weight"),
    F(ExopkSpecies, km_factor, KM_FACTOR, POSITIVE, INPUT, 0, "FDA body-surface factor (mg/m2 = mg/kg x km)"),
    F(ExopkSpecies, iv_volume_max_per_kg, VOLUME_PER_KG, NONNEGATIVE, OPTIONAL, 0, "largest iv injection volume per kg (0: unknown; dose check)"),
    F(ExopkSpecies, ip_volume_max_per_kg, VOLUME_PER_KG, NONNEGATIVE, OPTIONAL, 0, "largest ip injection volume per kg (0: unknown; dose check)"),
    F(ExopkSpecies, liver_weight_fraction, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "liver weight, fraction of body weight (0: unknown; for mps %ID/g)"),
    F(ExopkSpecies, spleen_weight_fraction, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "spleen weight, fraction of body weight (0: unknown; for mps %ID/g)"),
    F(ExopkSpecies, lungs_weight_fraction, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "lungs weight, fraction of body weight (0: unknown; for organ %ID/g)"),
    F(ExopkSpecies, kidneys_weight_fraction, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "kidneys weight, fraction of body weight (0: unknown; for organ %ID/g)"),
    END
};

static const ExopkParamField subject_fields[] = {
    F(ExopkSubject, weight, BODY_WEIGHT, POSITIVE, DERIVED, 0, "body weight of the study's subject"),
    F(ExopkSubject, plasma_volume, VOLUME, POSITIVE, DERIVED, 0, "plasma volume Vp"),
    F(ExopkSubject, cardiac_output, FLOW, POSITIVE, DERIVED, 0, "cardiac output"),
    F(ExopkSubject, q_heart, FLOW, NONNEGATIVE, DERIVED, 0, "heart blood flow Q_h"),
    F(ExopkSubject, v_heart, VOLUME, POSITIVE, DERIVED, 0, "heart volume V_h"),
    F(ExopkSubject, km_factor, KM_FACTOR, POSITIVE, DERIVED, 0, "FDA body-surface factor"),
    END
};

static const ExopkParamField carrier_fields[] = {
    F(ExopkCarrier, diameter, LENGTH, POSITIVE, INPUT, 0, "mean vesicle diameter"),
    F(ExopkCarrier, bilayer, LENGTH, POSITIVE, INPUT, 0, "membrane (bilayer) thickness"),
    F(ExopkCarrier, reference_weight, BODY_WEIGHT, POSITIVE, INPUT, 0, "body weight the rate constants were set for"),
    F(ExopkCarrier, k_mps, RATE, NONNEGATIVE, INPUT, 0, "MPS uptake rate at low dose (Vmax_M / (Km_M Vp))"),
    F(ExopkCarrier, km_mps, PARTICLE_CONC, POSITIVE, INPUT, 0, "MPS saturation constant Km_M"),
    F(ExopkCarrier, k_cl, RATE, NONNEGATIVE, INPUT, 0, "elimination by anything but the MPS"),
    F(ExopkCarrier, k_pt, RATE, NONNEGATIVE, INPUT, 0, "plasma -> peripheral tissue"),
    F(ExopkCarrier, k_tp, RATE, NONNEGATIVE, INPUT, 0, "peripheral tissue -> plasma"),
    F(ExopkCarrier, k_deg_t, RATE, NONNEGATIVE, INPUT, 0, "degradation in peripheral tissue"),
    F(ExopkCarrier, k_deg_m, RATE, NONNEGATIVE, INPUT, 0, "degradation in the MPS"),
    F(ExopkCarrier, ps_tum, RATE, NONNEGATIVE, INPUT, 0, "tumour extravasation PS (L/h per L tumour)"),
    F(ExopkCarrier, k_ip, RATE, NONNEGATIVE, INPUT, 0, "washout, tumour interstitium -> plasma"),
    F(ExopkCarrier, k_int, RATE, NONNEGATIVE, INPUT, 0, "tumour-cell uptake"),
    F(ExopkCarrier, k_proc, RATE, NONNEGATIVE, INPUT, 0, "endosomal processing"),
    F(ExopkCarrier, g_tgt, DIMENSIONLESS, NONNEGATIVE, OPTIONAL, 0, "targeting gain on tumour-cell uptake"),
    F(ExopkCarrier, k_a_ip, RATE, NONNEGATIVE, INPUT, 0, "absorption from the peritoneum (ip route)"),
    F(ExopkCarrier, particles_per_ug_protein, PARTICLES_PER_MASS, POSITIVE, INPUT, 0, "particles per ug vesicle protein (DLC %)"),
    F(ExopkCarrier, cd47_mps_multiplier, DIMENSIONLESS, NONNEGATIVE, OPTIONAL, 1, "MPS uptake multiplier with CD47 display"),
    F(ExopkCarrier, peg_mps_multiplier, DIMENSIONLESS, NONNEGATIVE, OPTIONAL, 1, "MPS uptake multiplier with PEG"),
    F(ExopkCarrier, peg_uptake_multiplier, DIMENSIONLESS, NONNEGATIVE, OPTIONAL, 1, "tumour-cell uptake multiplier with PEG"),
    F(ExopkCarrier, liver_share_of_mps, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "liver's share of the MPS compartment (organ outputs)"),
    F(ExopkCarrier, spleen_share_of_mps, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "spleen's share of the MPS compartment (organ outputs)"),
    F(ExopkCarrier, lungs_share_of_mps, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "lungs' share of the MPS compartment (organ outputs)"),
    F(ExopkCarrier, kidneys_share_of_tissue, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "kidneys' share of the peripheral tissue (organ outputs)"),
    F(ExopkCarrier, rest_share_of_tissue, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "rest of the body's share of the peripheral tissue (organ outputs)"),
    F(ExopkCarrier, vmax_mps, PARTICLE_RATE, NONNEGATIVE, DERIVED, 0, "MPS Vmax_M = k_mps * km_mps * Vp"),
    END
};

static const ExopkParamField loading_fields[] = {
    F(ExopkLoadingMethod, membrane_sites, PER_AREA, NONNEGATIVE, INPUT, 0, "cargo sites per nm2 of outer membrane"),
    F(ExopkLoadingMethod, leak_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "cargo leak multiplier (membrane damage)"),
    F(ExopkLoadingMethod, mps_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "MPS uptake multiplier (damaged vesicles)"),
    F(ExopkLoadingMethod, recovery, DIMENSIONLESS, FRACTION_POSITIVE, INPUT, 0, "particles recovered per particle processed"),
    END
};

static const ExopkParamField agent_fields[] = {
    F(ExopkAgent, mw, MOLAR_MASS, POSITIVE, INPUT, 0, "molar mass of the carried, measured form"),
    F(ExopkAgent, mw_dosed, MOLAR_MASS, POSITIVE, INPUT, 0, "molar mass of the dosed form (mass doses)"),
    F(ExopkAgent, reference_weight, BODY_WEIGHT, POSITIVE, INPUT, 0, "body weight of the reference PK model"),
    FC(SM, cl, FLOW, POSITIVE, INPUT, 0, "systemic clearance CL"),
    F(ExopkAgent, v1, VOLUME, POSITIVE, INPUT, 0, "central volume V1 (RNA: volume of free RNA in plasma)"),
    FC(SM, q2, FLOW, NONNEGATIVE, INPUT, 0, "intercompartmental clearance Q2"),
    FC(SM, v2, VOLUME, POSITIVE, INPUT, 0, "peripheral volume V2"),
    FC(SM, q3, FLOW, NONNEGATIVE, INPUT, 0, "intercompartmental clearance Q3"),
    FC(SM, v3, VOLUME, POSITIVE, INPUT, 0, "peripheral volume V3"),
    FC(SM, kp_heart, DIMENSIONLESS, POSITIVE, INPUT, 0, "heart tissue:plasma partition Kp_h"),
    F(ExopkAgent, k_leak_lumen, RATE, NONNEGATIVE, INPUT, 0, "leak from the vesicle lumen"),
    F(ExopkAgent, k_leak_membrane, RATE, NONNEGATIVE, INPUT, 0, "leak from the vesicle membrane"),
    F(ExopkAgent, f_rd, DIMENSIONLESS, FRACTION, INPUT, 0, "fraction of cargo released when vesicles degrade in T, M"),
    F(ExopkAgent, f_esc, DIMENSIONLESS, FRACTION, INPUT, 0, "endosomal escape fraction"),
    F(ExopkAgent, ps_free, RATE, NONNEGATIVE, INPUT, 0, "free-cargo tumour exchange PS (L/h per L tumour)"),
    FC(SM, k_in, RATE, NONNEGATIVE, INPUT, 0, "cell uptake rate constant"),
    FC(SM, k_out, RATE, NONNEGATIVE, INPUT, 0, "passive efflux rate constant"),
    FC(SM, k_vexp, RATE, NONNEGATIVE, INPUT, 0, "vesicular export by resistant cells"),
    FC(SM, km_pgp, CONCENTRATION, POSITIVE, INPUT, 0, "P-gp Km"),
    FC(SM, resistant_accumulation, DIMENSIONLESS, POSITIVE, INPUT, 0, "resistant/sensitive accumulation at low concentration (sets vmax_pgp)"),
    FC(SM, hill, DIMENSIONLESS, POSITIVE, INPUT, 0, "Hill coefficient of the kill"),
    FC(SM, kmax, RATE, NONNEGATIVE, INPUT, 0, "maximal kill rate"),
    F(ExopkAgent, k_a_ip, RATE, NONNEGATIVE, INPUT, 0, "absorption of free cargo from the peritoneum"),
    FC(SI | AM | MI, k_nuc, RATE, NONNEGATIVE, INPUT, 0, "nuclease degradation of free RNA (plasma, interstitium)"),
    FC(SI | AM | MI, cl_renal, FLOW, NONNEGATIVE, INPUT, 0, "renal filtration of free RNA"),
    FC(AM, k_gymnotic, RATE, NONNEGATIVE, INPUT, 0, "free (gymnotic) uptake into tumour cells"),
    FC(SI | AM | MI, k_cyto, RATE, NONNEGATIVE, INPUT, 0, "loss of cytosolic RNA"),
    FC(SI, k_risc, RATE, NONNEGATIVE, INPUT, 0, "RISC loading of cytosolic siRNA"),
    FC(SI, k_risc_deg, RATE, NONNEGATIVE, INPUT, 0, "loss of loaded RISC"),
    FC(SI, k_mrna, RATE, POSITIVE, INPUT, 0, "target mRNA turnover"),
    FC(SI, k_protein, RATE, POSITIVE, INPUT, 0, "target protein turnover"),
    FC(SI, imax, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "maximal RISC cleavage relative to mRNA turnover"),
    FC(SI, ic50_risc, DIMENSIONLESS, POSITIVE, INPUT, 0, "loaded RISC (molecules per cell) for half the maximal cleavage"),
    FC(AM, k_bind, RATE, NONNEGATIVE, INPUT, 0, "miRNA binding, per anti-miR molecule per cell"),
    FC(AM, k_mirna, RATE, NONNEGATIVE, INPUT, 0, "miRNA turnover"),
    FC(AM | MI, mirna_copies, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "miRNA copies per cell at baseline"),
    FC(MI, ea50, DIMENSIONLESS, POSITIVE, INPUT, 0, "mimic: miRNA activity raise (a - 1) for half the effect"),
    FC(SI | AM | MI, share, DIMENSIONLESS, FRACTION, INPUT, 0, "share of the acted-on parameter carried by the target"),
    FC(AM, share_transfer, DIMENSIONLESS, FRACTION, INPUT, 0, "share of exosomal transfer carried by the miRNA"),
    FC(SM, vmax_pgp, CONCENTRATION, NONNEGATIVE, DERIVED, 0, "P-gp Vmax per unit P-gp level (nmol/L/h referred to cell volume)"),
    FC(SM, ec50, CONCENTRATION, POSITIVE, DERIVED, 0, "intracellular EC50 for this tumour"),
    FC(SM, rho, DIMENSIONLESS, POSITIVE, DERIVED, 0, "EC50 multiplier of resistant cells for this agent (tumour rho_agent, else rho)"),
    END
};

static const ExopkParamField tumour_fields[] = {
    F(ExopkTumour, capacity, TUMOUR_VOLUME, POSITIVE, INPUT, 0, "Gompertz carrying capacity K"),
    F(ExopkTumour, growth_rate, RATE, NONNEGATIVE, INPUT, 0, "specific growth rate at 100 mm3"),
    F(ExopkTumour, fitness_cost, DIMENSIONLESS, FRACTION, INPUT, 0, "growth cost of resistant cells c_R"),
    F(ExopkTumour, k_tr, RATE, NONNEGATIVE, INPUT, 0, "damage transit rate"),
    F(ExopkTumour, rho, DIMENSIONLESS, POSITIVE, INPUT, 0, "EC50 multiplier of resistant cells"),
    F(ExopkTumour, pgp_resistant, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "P-gp level of resistant cells P_R"),
    F(ExopkTumour, transfer_rate, RATE, NONNEGATIVE, INPUT, 0, "exosome-mediated S->R transfer tau"),
    F(ExopkTumour, stress_gain, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "stress gain on transfer sigma"),
    F(ExopkTumour, mutation_rate, RATE, NONNEGATIVE, INPUT, 0, "S->R mutation mu"),
    F(ExopkTumour, f_int, DIMENSIONLESS, FRACTION_BELOW_ONE, INPUT, 0, "interstitial fraction of tumour volume"),
    F(ExopkTumour, cells_per_mm3, PER_TUMOUR_VOLUME, POSITIVE, INPUT, 0, "cells per mm3"),
    F(ExopkTumour, volume, TUMOUR_VOLUME, POSITIVE, OPTIONAL, 100, "default starting volume"),
    F(ExopkTumour, resistant_fraction, DIMENSIONLESS, FRACTION, OPTIONAL, 0, "default resistant fraction at start"),
    F(ExopkTumour, biomarker_secretion, RATE, NONNEGATIVE, INPUT, 0, "tumour vesicles secreted per viable sensitive cell per h"),
    F(ExopkTumour, biomarker_resistant_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "secretion of resistant over sensitive cells"),
    F(ExopkTumour, biomarker_k_clear, RATE, POSITIVE, INPUT, 0, "clearance of circulating tumour vesicles"),
    END
};

static const ExopkParamField ligand_fields[] = {
    F(ExopkLigand, k_int_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "tumour-cell uptake multiplier (needs the receptors)"),
    F(ExopkLigand, k_ip_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "tumour washout multiplier (binding retains; needs the receptors)"),
    F(ExopkLigand, ps_tum_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "tumour extravasation/penetration multiplier (needs the receptors)"),
    F(ExopkLigand, mps_multiplier, DIMENSIONLESS, NONNEGATIVE, INPUT, 0, "MPS uptake multiplier"),
    END
};

#undef F
#undef FC
#undef SM
#undef SI
#undef AM
#undef END

static const ExopkParamField *const groups[EXOPK_GROUP_COUNT] = {
    [EXOPK_GROUP_SPECIES] = species_fields, [EXOPK_GROUP_SUBJECT] = subject_fields,
    [EXOPK_GROUP_CARRIER] = carrier_fields, [EXOPK_GROUP_LOADING] = loading_fields,
    [EXOPK_GROUP_AGENT] = agent_fields,     [EXOPK_GROUP_TUMOUR] = tumour_fields,
    [EXOPK_GROUP_LIGAND] = ligand_fields,
};

const ExopkParamField *
exopk_param_fields(ExopkParamGroup group, size_t *n)
{
    const ExopkParamField *f = groups[group];
    size_t count = 0;

    while (f[count].key != NULL)
        count++;
    if (n != NULL)
        *n = count;
    return f;
}

const ExopkParamField *
exopk_param_field(ExopkParamGroup group, const char *key)
{
    for (const ExopkParamField *f = groups[group]; f->key != NULL; f++)
        if (strcmp(f->key, key) == 0)
            return f;
    return NULL;
}

int
exopk_domain_contains(ExopkDomain domain, double v)
{
    if (!isfinite(v))
        return 0;
    switch (domain) {
    case EXOPK_DOMAIN_NONNEGATIVE: return v >= 0;
    case EXOPK_DOMAIN_POSITIVE: return v > 0;
    case EXOPK_DOMAIN_FRACTION: return v >= 0 && v <= 1;
    case EXOPK_DOMAIN_FRACTION_POSITIVE: return v > 0 && v <= 1;
    case EXOPK_DOMAIN_FRACTION_BELOW_ONE: return v >= 0 && v < 1;
    default: return 0;
    }
}

const char *
exopk_domain_describe(ExopkDomain domain)
{
    static const char *const text[EXOPK_DOMAIN_COUNT] = {
        [EXOPK_DOMAIN_NONNEGATIVE] = "must be >= 0",
        [EXOPK_DOMAIN_POSITIVE] = "must be > 0",
        [EXOPK_DOMAIN_FRACTION] = "must be between 0 and 1",
        [EXOPK_DOMAIN_FRACTION_POSITIVE] = "must be > 0 and <= 1",
        [EXOPK_DOMAIN_FRACTION_BELOW_ONE] = "must be >= 0 and < 1",
    };
    return domain >= 0 && domain < EXOPK_DOMAIN_COUNT ? text[domain] : "unknown domain";
}
