/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Formulation -> loaded carrier (docs/model.md §1): saturable association split
 * between a lumen and a membrane pool, and the report the field uses. */
#include <math.h>
#include <stdio.h>

#include "exopk/error.h"

#include "exopk/study.h"

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
        const ExopkAgent *ag = &study->agents[cg->agent];
        ExopkLoadingReport *r = &reports[c];
        double cap, cargo_g;

        r->lumen_volume = lumen_volume;
        r->cap_lumen = lumen_volume * cg->lumen_conc_max * EXOPK_MOLECULES_PER_NMOL;
        r->cap_membrane = f->method.membrane_sites * area;
        cap = r->cap_lumen + r->cap_membrane;
        /* a = cap (1 - exp(-EE0 u / cap)): linear at low input, saturating */
        r->associated = cap > 0 ? cap * (1.0 - exp(-cg->ee0 * cg->offered / cap)) : 0.0;
        r->q_lumen = cap > 0 ? r->associated * r->cap_lumen / cap : 0.0;
        r->q_membrane = cap > 0 ? r->associated * r->cap_membrane / cap : 0.0;
        r->ee_pct = cg->offered > 0 ? 100.0 * r->associated / cg->offered : 0.0;
        cargo_g = r->associated / EXOPK_AVOGADRO * ag->mw;
        r->dlc_pct = 100.0 * cargo_g / (cargo_g + protein_g);
        r->recovery = f->method.recovery;
        /* the EE measured at this input would need more than the lumen holds */
        r->implausible = cg->ee0 * cg->offered > r->cap_lumen;
        r->lumen_overfull = 0;
        if (r->cap_lumen > 0)
            lumen_fraction += r->q_lumen / r->cap_lumen;
    }
    /* co-loaded cargos share one lumen */
    if (lumen_fraction > 1.0) {
        for (size_t c = 0; c < f->n_cargo; c++) {
            ExopkLoadingReport *r = &reports[c];
            const ExopkCargo *cg = &f->cargo[c];
            double cargo_g;
            r->q_lumen /= lumen_fraction;
            r->lumen_overfull = 1;
            r->associated = r->q_lumen + r->q_membrane;
            r->ee_pct = cg->offered > 0 ? 100.0 * r->associated / cg->offered : 0.0;
            cargo_g = r->associated / EXOPK_AVOGADRO * study->agents[cg->agent].mw;
            r->dlc_pct = 100.0 * cargo_g / (cargo_g + protein_g);
        }
    }
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
