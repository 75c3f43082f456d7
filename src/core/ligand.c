/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Named targeting ligands (docs/model.md, "Targeting"): which receptors
 * a tumour lacks, and what a formulation's ligands multiply. */
#include <string.h>

#include "exopk/study.h"

int
exopk_study_find_ligand(const ExopkStudy *study, const char *name)
{
    for (size_t i = 0; i < study->n_ligands; i++)
        if (strcmp(study->ligand_ref[i].name, name) == 0)
            return (int) i;
    return -1;
}

int
exopk_study_add_ligand(ExopkStudy *study, const ExopkLigand *ligand)
{
    int i = exopk_study_find_ligand(study, ligand->name);

    if (i >= 0)
        return i;
    if (study->n_ligands >= EXOPK_MAX_LIGANDS)
        return -1;
    study->ligand_ref[study->n_ligands] = *ligand;
    study->ligands[study->n_ligands] = *ligand;
    return (int) study->n_ligands++;
}

static int
tumour_lists(const ExopkTumour *t, const char *receptor)
{
    for (size_t i = 0; i < t->n_receptors; i++)
        if (strcmp(t->receptors[i], receptor) == 0)
            return 1;
    return 0;
}

const char *
exopk_ligand_missing_receptor(const ExopkLigand *ligand, const ExopkTumour *tumour)
{
    for (size_t i = 0; i < ligand->n_receptors; i++)
        if (!tumour_lists(tumour, ligand->receptors[i]))
            return ligand->receptors[i];
    return NULL;
}

void
exopk_formulation_ligand_effect(const ExopkStudy *study, const ExopkFormulation *f,
                                ExopkLigandEffect *e)
{
    *e = (ExopkLigandEffect) { 1.0, 1.0, 1.0, 1.0 };
    for (size_t i = 0; i < f->n_ligands; i++) {
        const ExopkLigand *l = &study->ligands[f->ligand[i]];

        e->mps *= l->mps_multiplier;
        if (!study->has_tumour || exopk_ligand_missing_receptor(l, &study->tumour) != NULL)
            continue;   /* no receptor: no binding, no uptake or penetration gain */
        e->k_int *= l->k_int_multiplier;
        e->k_ip *= l->k_ip_multiplier;
        e->ps_tum *= l->ps_tum_multiplier;
    }
}
