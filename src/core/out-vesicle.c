/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs of the vesicles: particles by compartment (absolute and % of
 * the injected dose), the cargo they carry, their mass balance and the
 * loading report of every formulation (docs/outputs.md). */
#include <math.h>

#include "out-private.h"

static const char *const COMPARTMENT[VC_N] = { "plasma", "tissue", "mps", "tumour_interstitium",
                                               "tumour_cells", "peritoneum" };

/* Particles in compartment @c summed over formulations, then as %ID. */
static int
compartment_series(ExopkResult *r, const SimRecord *rec, int c)
{
    const Model *m = rec->m;
    const size_t nt = r->n_t;
    const double *abs_col;
    double *col;

    SERIES(r, &col, "particles", "%s_particles", COMPARTMENT[c]);
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < m->n_carriers; k++)
            if (m->carriers[k].x[c] >= 0)
                col[i] += rec_y(rec, i, m->carriers[k].x[c]);
    SERIES(r, &col, "%", "%s_particles_pct_id", COMPARTMENT[c]);
    abs_col = r->series + (r->n_series - 2) * nt;  /* realloc-safe */
    for (size_t i = 0; i < nt; i++)
        col[i] = rec->particles_given[i] > 0
                     ? 100.0 * abs_col[i] / rec->particles_given[i] : 0.0;
    return 0;
}

/* %ID of series @name per gram (@per "g") or mL (@per "ml") of an organ
 * of @grams. */
static int
per_mass_series(ExopkResult *r, const char *name, const char *per, double grams)
{
    double *col;
    const double *pct;

    SERIES(r, &col, per[0] == 'g' ? "%/g" : "%/mL", "%s_particles_pct_id_per_%s", name, per);
    pct = out_find_series(r, "%s_particles_pct_id", name);   /* after the realloc */
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = pct[i] / grams;
    return 0;
}

/* Vesicles in the tumour (interstitium + cells) per gram of tumour (its
 * volume at 1 g/cm3). */
static int
tumour_per_gram_series(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    double *col;
    const double *in, *cells;

    SERIES(r, &col, "%/g", "tumour_particles_pct_id_per_g");
    in = out_find_series(r, "tumour_interstitium_particles_pct_id");
    cells = out_find_series(r, "tumour_cells_particles_pct_id");
    for (size_t i = 0; i < r->n_t; i++) {
        double grams = model_tumour_volume(m, rec_row(rec, i)) * 1e-3;   /* mm3 -> cm3 = g */
        col[i] = grams > 0 ? ((in ? in[i] : 0) + (cells ? cells[i] : 0)) / grams : 0.0;
    }
    return 0;
}

/* %ID per gram where the organ's mass is known (docs/outputs.md): plasma
 * per mL, the MPS per g of liver + spleen, the tumour per g. */
static int
per_gram_series(ExopkResult *r, const SimRecord *rec)
{
    const ExopkStudy *s = rec->m->study;
    double liver = s->species.liver_weight_fraction, spleen = s->species.spleen_weight_fraction;

    if (per_mass_series(r, "plasma", "ml", s->subject.plasma_volume * 1e3) != 0)
        return -1;
    if (liver > 0 && spleen > 0 && out_find_series(r, "mps_particles_pct_id") != NULL
        && per_mass_series(r, "mps", "g", (liver + spleen) * s->subject.weight * 1e3) != 0)
        return -1;
    if (rec->m->has_tumour && tumour_per_gram_series(r, rec) != 0)
        return -1;
    return 0;
}

int
vesicle_series(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;

    for (int c = 0; c < VC_N; c++) {
        int present = 0;
        for (size_t k = 0; k < m->n_carriers; k++)
            present |= m->carriers[k].x[c] >= 0;
        if (present && compartment_series(r, rec, c) != 0)
            return -1;
    }
    return m->n_carriers > 0 ? per_gram_series(r, rec) : 0;
}

double
vesicle_cargo_add(const SimRecord *rec, size_t k, size_t i, double acc)
{
    const Model *m = rec->m;

    for (size_t f = 0; f < m->n_carriers; f++)
        for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
            if (m->carriers[f].cargo_agent[c] == (int) k)
                for (int p = 0; p < POOL_N; p++)
                    for (int v = 0; v < VC_N; v++)
                        if (m->carriers[f].L[c][p][v] >= 0)
                            acc += rec_y(rec, i, m->carriers[f].L[c][p][v]);
    return acc;
}

/* Agent @k inside vesicles: in plasma (nmol/L) and everywhere (nmol). */
int
vesicle_cargo_series(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const Model *m = rec->m;
    const ExopkStudy *s = m->study;
    const char *agent = s->agents[m->agents[k].agent].name;
    int carried = 0;
    double *col;

    for (size_t f = 0; f < m->n_carriers; f++)
        for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
            carried |= m->carriers[f].cargo_agent[c] == (int) k;
    if (!carried)
        return 0;
    SERIES(r, &col, "nmol/L", "%s.plasma_encapsulated", agent);
    for (size_t i = 0; i < r->n_t; i++)
        for (size_t f = 0; f < m->n_carriers; f++)
            for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
                if (m->carriers[f].cargo_agent[c] == (int) k)
                    for (int p = 0; p < POOL_N; p++)
                        col[i] += rec_y(rec, i, m->carriers[f].L[c][p][VC_P]) /
                                  s->subject.plasma_volume;
    SERIES(r, &col, "nmol", "%s.encapsulated", agent);
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = vesicle_cargo_add(rec, k, i, col[i]);
    return 0;
}

/* Particles given so far = in every compartment + eliminated + degraded. */
int
vesicle_mass_balance(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    double worst = 0;

    if (m->n_carriers == 0)
        return 0;
    for (size_t i = 0; i < r->n_t; i++) {
        double acc = 0;
        if (!(rec->particles_given[i] > 0))
            continue;
        for (size_t f = 0; f < m->n_carriers; f++) {
            const CarrierBlock *cb = &m->carriers[f];
            for (int v = 0; v < VC_N; v++)
                if (cb->x[v] >= 0)
                    acc += rec_y(rec, i, cb->x[v]);
            acc += rec_y(rec, i, cb->p_elim) + rec_y(rec, i, cb->p_degr);
        }
        worst = fmax(worst, fabs(rec->particles_given[i] - acc) / rec->particles_given[i]);
    }
    METRIC(r, "1", worst, "particles.mass_balance_rel_error");
    return 0;
}

/* The highest share of the injected particles in the tumour (%ID). */
static double
tumour_pct_id_max(const ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    double best = 0;

    for (size_t i = 0; i < r->n_t; i++) {
        double x = 0;
        if (!(rec->particles_given[i] > 0))
            continue;
        for (size_t f = 0; f < m->n_carriers; f++)
            x += rec_y(rec, i, m->carriers[f].x[VC_I]) + rec_y(rec, i, m->carriers[f].x[VC_E]);
        best = fmax(best, 100.0 * x / rec->particles_given[i]);
    }
    return best;
}

/* The loading report of every formulation given. */
static int
loading_metrics(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    const ExopkStudy *s = m->study;

    for (size_t f = 0; f < m->n_carriers; f++) {
        const ExopkFormulation *fm = &s->formulations[m->carriers[f].formulation];
        ExopkLoadingReport rep[EXOPK_MAX_CARGO];
        exopk_formulation_load(fm, s, rep);
        for (size_t c = 0; c < fm->n_cargo; c++) {
            const char *an = s->agents[fm->cargo[c].agent].name;
            METRIC(r, "%", rep[c].ee_pct, "%s.%s.ee_pct", fm->name, an);
            METRIC(r, "%", rep[c].dlc_pct, "%s.%s.dlc_pct", fm->name, an);
            METRIC(r, "molecules/vesicle", rep[c].q_lumen + rep[c].q_membrane,
                   "%s.%s.molecules_per_vesicle", fm->name, an);
        }
    }
    return 0;
}

int
vesicle_metrics(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;

    if (m->n_carriers == 0)
        return 0;
    METRIC(r, "h", rec->t_half_alpha, "plasma_particles_t_half_alpha");
    METRIC(r, "particles", rec->particles_given[r->n_t - 1], "particles_given");
    if (m->has_tumour) {
        const double *g = out_find_series(r, "tumour_particles_pct_id_per_g");
        double best = 0;

        METRIC(r, "%", tumour_pct_id_max(r, rec), "tumour_pct_id_max");
        for (size_t i = 0; g != NULL && i < r->n_t; i++)
            best = fmax(best, g[i]);
        METRIC(r, "%/g", best, "tumour_pct_id_per_g_max");
    }
    return loading_metrics(r, rec);
}
