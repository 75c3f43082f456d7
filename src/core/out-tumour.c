/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs of the tumour: its volume, sensitive and resistant, the final
 * volume (the input of tgi_pct, see exopk_results_compare) and the time to
 * regrowth (docs/outputs.md). */
#include <math.h>

#include "out-private.h"

int
tumour_series(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    double *col;

    if (!m->has_tumour)
        return 0;
    SERIES(r, &col, "mm3", "tumour_volume");
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = model_tumour_volume(m, rec_row(rec, i));
    SERIES(r, &col, "mm3", "sensitive_volume");
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec_y(rec, i, m->s);
    SERIES(r, &col, "mm3", "resistant_volume");
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec_y(rec, i, m->r);
    SERIES(r, &col, "1", "resistant_fraction");
    for (size_t i = 0; i < r->n_t; i++) {
        double v = rec_y(rec, i, m->s) + rec_y(rec, i, m->r);
        col[i] = v > 0 ? rec_y(rec, i, m->r) / v : 0.0;
    }
    return 0;
}

int
tumour_volume_metric(ExopkResult *r, const SimRecord *rec)
{
    if (!rec->m->has_tumour)
        return 0;
    METRIC(r, "mm3", out_find_series(r, "tumour_volume")[r->n_t - 1], "tumour_volume_final");
    return 0;
}

/* After the minimum that follows the first dose, the first time the volume
 * exceeds its value at the first dose; NAN if it never does. */
static double
time_to_regrowth(const double *t, const double *vol, size_t nt, double first_dose)
{
    size_t i0 = 0, imin;

    while (i0 + 1 < nt && t[i0] < first_dose - 1e-9)
        i0++;
    imin = i0;
    for (size_t i = i0; i < nt; i++)
        if (vol[i] < vol[imin])
            imin = i;
    if (!(vol[imin] < vol[i0]))
        return NAN;
    for (size_t i = imin; i < nt; i++)
        if (vol[i] > vol[i0])
            return t[i];
    return NAN;
}

int
tumour_metrics(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    const size_t last = r->n_t - 1;
    double S, R;

    if (!m->has_tumour)
        return 0;
    S = rec_y(rec, last, m->s);
    R = rec_y(rec, last, m->r);
    METRIC(r, "1", S + R > 0 ? R / (S + R) : 0.0, "resistant_fraction_final");
    if (!isnan(rec->first_dose))
        METRIC(r, "h", time_to_regrowth(r->t, out_find_series(r, "tumour_volume"), r->n_t,
                                        rec->first_dose),
               "time_to_regrowth");
    return 0;
}
