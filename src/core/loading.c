/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Formulation -> loaded carrier (docs/model.md §1): saturable association split
 * between a lumen and a membrane pool, and the report the field uses. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk/error.h"

#include "exopk/study.h"

/* The DLC (w/w, cargo over cargo + vesicle protein) of @molecules per vesicle. */
static double
dlc_pct(double molecules, double mw, double protein_g)
{
    double cargo_g = molecules / EXOPK_AVOGADRO * mw;
    return 100.0 * cargo_g / (cargo_g + protein_g);
}

/* The model's load of one cargo, or the measured one split between the
 * pools as the capacities are (never capped: over_capacity says so). */
static void
cargo_load(const ExopkFormulation *f, const ExopkCargo *cg, const ExopkAgent *ag,
           double protein_g, ExopkLoadingReport *r)
{
    double cap = r->cap_lumen + r->cap_membrane;

    /* a = cap (1 - exp(-EE0 u / cap)): linear at low input, saturating */
    r->model_associated = cap > 0 ? cap * (1.0 - exp(-cg->ee0 * cg->offered / cap)) : 0.0;
    r->associated = r->model_associated;
    r->measured = cg->given != EXOPK_LOAD_MODEL;
    if (r->measured && exopk_measured_load(cg, ag, &f->carrier, &r->associated, NULL)
        != EXOPK_OK)
        r->associated = 0.0;
    r->over_capacity = r->measured && r->associated > cap;
    r->q_lumen = cap > 0 ? r->associated * r->cap_lumen / cap : r->associated;
    r->q_membrane = cap > 0 ? r->associated * r->cap_membrane / cap : 0.0;
    r->ee_pct = cg->offered > 0 ? 100.0 * r->associated / cg->offered : 0.0;
    r->dlc_pct = dlc_pct(r->associated, ag->mw, protein_g);
    r->recovery = f->method.recovery;
    /* the EE measured at this input would need more than the lumen holds */
    r->implausible = !r->measured && cg->ee0 * cg->offered > r->cap_lumen;
    r->lumen_overfull = 0;
}

void
exopk_formulation_load(const ExopkFormulation *f, const ExopkStudy *study,
                       ExopkLoadingReport *reports)
{
    double radius = f->diameter / 2.0;                  /* nm */
    double lumen_r = radius - f->carrier.bilayer;
    double lumen_volume = lumen_r > 0 ? 4.0 / 3.0 * M_PI * pow(lumen_r, 3) * 1e-24 : 0.0; /* L */
    double area = 4.0 * M_PI * radius * radius;          /* nm2, outer leaflet */
    double protein_g = 1e-6 / f->carrier.particles_per_ug_protein; /* g per vesicle */
    double lumen_fraction = 0.0;

    for (size_t c = 0; c < f->n_cargo; c++) {
        const ExopkCargo *cg = &f->cargo[c];
        ExopkLoadingReport *r = &reports[c];

        r->lumen_volume = lumen_volume;
        r->cap_lumen = lumen_volume * cg->lumen_conc_max * EXOPK_MOLECULES_PER_NMOL;
        r->cap_membrane = f->method.membrane_sites * area;
        cargo_load(f, cg, &study->agents[cg->agent], protein_g, r);
        if (r->cap_lumen > 0 && !r->measured)
            lumen_fraction += r->q_lumen / r->cap_lumen;
    }
    /* co-loaded modelled cargos share one lumen (a measured load is as measured) */
    if (lumen_fraction > 1.0) {
        for (size_t c = 0; c < f->n_cargo; c++) {
            ExopkLoadingReport *r = &reports[c];
            const ExopkCargo *cg = &f->cargo[c];

            if (r->measured)
                continue;
            r->q_lumen /= lumen_fraction;
            r->lumen_overfull = 1;
            r->associated = r->q_lumen + r->q_membrane;
            r->ee_pct = cg->offered > 0 ? 100.0 * r->associated / cg->offered : 0.0;
            r->dlc_pct = dlc_pct(r->associated, study->agents[cg->agent].mw, protein_g);
        }
    }
}

const char *
exopk_load_field(ExopkLoadGiven given)
{
    switch (given) {
    case EXOPK_LOAD_MOLECULES:
    case EXOPK_LOAD_PER_PROTEIN: return "loaded";
    case EXOPK_LOAD_EE: return "ee";
    case EXOPK_LOAD_DLC: return "dlc";
    default: return "offered";
    }
}

ExopkStatus
exopk_measured_load(const ExopkCargo *cargo, const ExopkAgent *agent,
                    const ExopkCarrier *carrier, double *molecules, ExopkError *err)
{
    double ratio;       /* g of cargo per g of vesicle protein */

    switch (cargo->given) {
    case EXOPK_LOAD_MOLECULES:
        *molecules = cargo->measured;
        return EXOPK_OK;
    case EXOPK_LOAD_EE:
        if (!(cargo->offered > 0))
            return exopk_error_set(err, EXOPK_EINVAL, "ee is a share of what was offered: "
                                   "give offered too, e.g. offered = \"5000 /vesicle\"");
        *molecules = cargo->measured * cargo->offered;
        return EXOPK_OK;
    case EXOPK_LOAD_PER_PROTEIN: ratio = cargo->measured; break;
    case EXOPK_LOAD_DLC: ratio = cargo->measured / (1.0 - cargo->measured); break;
    default:
        return exopk_error_set(err, EXOPK_EINVAL, "the load is not measured");
    }
    if (!(agent->mw > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "a load by mass needs the molar mass of %s, "
                               "which the library does not give", agent->name);
    if (!(carrier->particles_per_ug_protein > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "a load by mass needs the protein per vesicle "
                               "of carrier %s (particles_per_ug_protein), which the library does "
                               "not give", carrier->name);
    *molecules = ratio * (1e-6 / carrier->particles_per_ug_protein) / agent->mw * EXOPK_AVOGADRO;
    return EXOPK_OK;
}

void
exopk_measured_load_describe(const ExopkStudy *study, const ExopkFormulation *f, size_t c,
                             const ExopkLoadingReport *r, char *buf, size_t size)
{
    const ExopkCargo *cg = &f->cargo[c];
    char model[160] = "";
    int n;

    if (cg->offered > 0)
        snprintf(model, sizeof model, ", %.4g of %.4g offered (EE %.3g %%)", r->model_associated,
                 cg->offered, 100.0 * r->model_associated / cg->offered);
    n = snprintf(buf, size,
                 "loading  %s: %s by %s, %.4g nm: %s = \"%s\" measured: %.4g molecules/vesicle "
                 "(lumen %.4g, membrane %.4g); DLC %.3g %% (w/w)",
                 f->name, study->agents[cg->agent].name, f->method.name, f->diameter,
                 exopk_load_field(cg->given), cg->measured_text, r->associated, r->q_lumen,
                 r->q_membrane, r->dlc_pct);
    if (n > 0 && (size_t) n < size && cg->offered > 0)
        n += snprintf(buf + n, size - (size_t) n, ", EE %.3g %%", r->ee_pct);
    if (n > 0 && (size_t) n < size)
        snprintf(buf + n, size - (size_t) n, "; capacity model: at most %.4g (lumen %.4g, "
                 "membrane %.4g)%s", r->cap_lumen + r->cap_membrane, r->cap_lumen,
                 r->cap_membrane, model);
}

ExopkStatus
exopk_offered_from_mass_ratio(double ratio, const ExopkAgent *agent, const ExopkCarrier *carrier,
                              double *molecules, ExopkError *err)
{
    double protein_g;

    if (!(agent->mw_dosed > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "a mass ratio needs the molar mass of %s, "
                               "which the library does not give", agent->name);
    if (!(carrier->particles_per_ug_protein > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "a mass ratio needs the protein per vesicle "
                               "of carrier %s (particles_per_ug_protein), which the library does "
                               "not give", carrier->name);
    protein_g = 1e-6 / carrier->particles_per_ug_protein;
    *molecules = ratio * protein_g / agent->mw_dosed * EXOPK_AVOGADRO;
    return EXOPK_OK;
}

int
exopk_protein_text(const char *text, char *bare, size_t size)
{
    size_t n = strlen(text);

    while (n > 0 && isspace((unsigned char) text[n - 1]))
        n--;
    if (n < 8 || strncmp(text + n - 7, "protein", 7) != 0
        || !isspace((unsigned char) text[n - 8]))
        return 0;
    if (n - 7 < size)
        snprintf(bare, size, "%.*s", (int) (n - 7), text);
    return n - 7 < size;
}

ExopkStatus
exopk_protein_dose_ug(const ExopkQuantity *q, double body_weight, double *ug, ExopkError *err)
{
    signed char rest[EXOPK_NDIM];
    int per_kg = q->dim[EXOPK_DIM_BODY_MASS] == -1;

    memcpy(rest, q->dim, sizeof rest);
    rest[EXOPK_DIM_BODY_MASS] = 0;
    for (int d = 0; d < EXOPK_NDIM; d++)
        if (rest[d] != (d == EXOPK_DIM_MASS) || (q->dim[EXOPK_DIM_BODY_MASS] && !per_kg))
            return exopk_error_set(err, EXOPK_EINVAL, "expected a mass of vesicle protein, "
                                   "e.g. \"100 ug protein\" or \"4 mg/kg protein\"");
    if (q->value < 0)
        return exopk_error_set(err, EXOPK_EINVAL, "a dose cannot be negative");
    *ug = q->value * 1e6 * (per_kg ? body_weight : 1.0);   /* g -> ug */
    return EXOPK_OK;
}

ExopkStatus
exopk_dose_particles(const ExopkStudy *study, const ExopkDose *dose, double *particles,
                     ExopkError *err)
{
    const ExopkFormulation *f = &study->formulations[dose->formulation];
    ExopkLoadingReport rep[EXOPK_MAX_CARGO];
    double per;

    if (dose->unit == EXOPK_DOSE_PARTICLES) {
        *particles = dose->amount;
        return EXOPK_OK;
    }
    exopk_formulation_load(f, study, rep);
    per = (rep[dose->cargo].q_lumen + rep[dose->cargo].q_membrane) / EXOPK_MOLECULES_PER_NMOL;
    if (!(per > 0))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "formulation %s carries no %s: a dose of its cargo cannot be "
                               "converted to particles",
                               f->name, study->agents[f->cargo[dose->cargo].agent].name);
    *particles = dose->amount / per;
    return EXOPK_OK;
}

int
exopk_loading_warning(const ExopkStudy *study, const ExopkFormulation *f, size_t c,
                      const ExopkLoadingReport *r, char *buf, size_t size)
{
    const ExopkCargo *cg = &f->cargo[c];
    const char *agent = study->agents[cg->agent].name;

    if (r->over_capacity) {
        snprintf(buf, size,
                 "formulation %s: %s: the measured load, %.4g molecules per vesicle (%s = "
                 "\"%s\"), is more than the capacity model allows, %.4g (lumen %.4g at %.3g mM, "
                 "membrane %.4g, %.4g nm vesicle); it is used as given, not capped",
                 f->name, agent, r->associated, exopk_load_field(cg->given), cg->measured_text,
                 r->cap_lumen + r->cap_membrane, r->cap_lumen, cg->lumen_conc_max * 1e-6,
                 r->cap_membrane, f->diameter);
        return 1;
    }
    if (r->implausible) {
        snprintf(buf, size,
                 "formulation %s: %s: EE0 %.3g at %.4g molecules offered per vesicle implies "
                 "%.4g molecules per vesicle, more than the lumen of a %.4g nm vesicle holds "
                 "(%.4g at %.3g mM); the excess sits in the membrane pool (capacity %.4g), "
                 "which leaks faster: %.4g associate (%.4g lumen, %.4g membrane)",
                 f->name, agent, cg->ee0, cg->offered, cg->ee0 * cg->offered, f->diameter,
                 r->cap_lumen, cg->lumen_conc_max * 1e-6, r->cap_membrane, r->associated,
                 r->q_lumen, r->q_membrane);
        return 1;
    }
    if (r->lumen_overfull) {
        snprintf(buf, size,
                 "formulation %s: the co-loaded cargos need more than the lumen holds; every "
                 "lumen load was scaled down (%s now %.4g molecules in the lumen)",
                 f->name, agent, r->q_lumen);
        return 1;
    }
    return 0;
}
