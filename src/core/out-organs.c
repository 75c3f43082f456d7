/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Organ outputs (docs/model.md "Organs", docs/outputs.md): each organ's
 * %ID is its carrier's share of the MPS compartment (liver, spleen,
 * lungs) or of the peripheral tissue (kidneys, rest) of every formulation
 * given; per gram with the species' organ weights. */
#include <math.h>

#include "out-private.h"

/* The effective carrier of formulation block @k. */
static const ExopkCarrier *
block_carrier(const Model *m, size_t k)
{
    return &m->study->formulations[m->carriers[k].formulation].carrier;
}

static int
compartment_of(ExopkOrgan o)
{
    return exopk_organ_group(o) == EXOPK_ORGAN_GROUP_MPS ? VC_M : VC_T;
}

/* Whether every formulation of the arm gives the shares of @o's group. */
static int
organ_known(const Model *m, ExopkOrgan o)
{
    for (size_t k = 0; k < m->n_carriers; k++)
        if (m->carriers[k].x[compartment_of(o)] < 0
            || !(exopk_carrier_organ_group_sum(block_carrier(m, k), exopk_organ_group(o)) > 0))
            return 0;
    return m->n_carriers > 0;
}

/* Particles in organ @o at row @i: its share of the compartment of each
 * formulation, summed. */
static double
organ_particles(const SimRecord *rec, ExopkOrgan o, size_t i)
{
    const Model *m = rec->m;
    double x = 0;

    for (size_t k = 0; k < m->n_carriers; k++)
        x += exopk_carrier_organ_share(block_carrier(m, k), o)
             * rec_y(rec, i, m->carriers[k].x[compartment_of(o)]);
    return x;
}

/* <organ>_particles_pct_id and, where the organ weight is known,
 * <organ>_particles_pct_id_per_g. */
static int
organ_pct_series(ExopkResult *r, const SimRecord *rec, ExopkOrgan o)
{
    const char *name = exopk_organ_name(o);
    double grams = exopk_organ_grams(rec->m->study, o);
    double *col;
    const double *pct;

    SERIES(r, &col, "%", "%s_particles_pct_id", name);
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec->particles_given[i] > 0
                     ? 100.0 * organ_particles(rec, o, i) / rec->particles_given[i] : 0.0;
    if (!(grams > 0))
        return 0;
    SERIES(r, &col, "%/g", "%s_particles_pct_id_per_g", name);
    pct = out_find_series(r, "%s_particles_pct_id", name);   /* after the realloc */
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = pct[i] / grams;
    return 0;
}

int
organ_series(ExopkResult *r, const SimRecord *rec)
{
    for (int o = 0; o < EXOPK_ORGAN_COUNT; o++)
        if (organ_known(rec->m, (ExopkOrgan) o) && organ_pct_series(r, rec, (ExopkOrgan) o) != 0)
            return -1;
    return 0;
}

/* <organ>_pct_id_max and <organ>_pct_id_per_g_max: the columns' maxima. */
int
organ_metrics(ExopkResult *r, const SimRecord *rec)
{
    for (int o = 0; o < EXOPK_ORGAN_COUNT; o++) {
        const char *name = exopk_organ_name((ExopkOrgan) o);
        const double *pct, *per_g;

        if (!organ_known(rec->m, (ExopkOrgan) o))
            continue;
        pct = out_find_series(r, "%s_particles_pct_id", name);
        METRIC(r, "%", out_max(pct, r->n_t, NULL), "%s_pct_id_max", name);
        if (exopk_organ_grams(rec->m->study, (ExopkOrgan) o) > 0) {
            per_g = out_find_series(r, "%s_particles_pct_id_per_g", name);
            METRIC(r, "%/g", out_max(per_g, r->n_t, NULL), "%s_pct_id_per_g_max", name);
        }
    }
    return 0;
}
