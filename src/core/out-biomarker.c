/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs of the biomarker: vesicles the tumour releases into the blood,
 * per mL of plasma, and their fold change over the run (docs/outputs.md). */
#include "out-private.h"

#define ML_PER_L 1e3

int
biomarker_series(ExopkResult *r, const SimRecord *rec)
{
    double *col;

    if (!rec->m->has_tumour || rec->biomarker == NULL)
        return 0;
    SERIES(r, &col, "particles/mL", "biomarker_plasma");
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec->biomarker[i] / (rec->m->study->subject.plasma_volume * ML_PER_L);
    return 0;
}

int
biomarker_metrics(ExopkResult *r, const SimRecord *rec)
{
    if (!rec->m->has_tumour || rec->biomarker == NULL || !(rec->biomarker[0] > 0))
        return 0;
    METRIC(r, "1", rec->biomarker[r->n_t - 1] / rec->biomarker[0], "biomarker_fold_change");
    return 0;
}
