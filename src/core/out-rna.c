/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs of RNA cargo in tumour cells: RISC-loaded strands per cell, the
 * target levels (siRNA: mRNA and protein; anti-miR and mimic: miRNA
 * activity), the knockdown, the miRNA suppression and the miRNA raise
 * they give (docs/outputs.md). */
#include <math.h>

#include "out-private.h"

/* RISC-loaded strands per viable cell of one population. */
static int
risc_series(ExopkResult *r, const SimRecord *rec, const char *name, int vol, int risc)
{
    const double cpm = rec->m->study->tumour.cells_per_mm3;
    double *col;

    SERIES(r, &col, "molecules/cell", "%s", name);
    for (size_t i = 0; i < r->n_t; i++) {
        double cells = rec_y(rec, i, vol) * cpm;
        col[i] = cells > 0 ? rec_y(rec, i, risc) * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
    }
    return 0;
}

/* A relative level (states @s, @r), averaged over viable cells. */
static int
level_series(ExopkResult *r, const SimRecord *rec, const char *agent, const char *suffix, int s,
             int rr)
{
    const Model *m = rec->m;
    double *col;

    SERIES(r, &col, "1", "%s.%s", agent, suffix);
    for (size_t i = 0; i < r->n_t; i++) {
        double S = rec_y(rec, i, m->s), R = rec_y(rec, i, m->r);
        col[i] = S + R > 0 ? (S * rec_y(rec, i, s) + R * rec_y(rec, i, rr)) / (S + R) : 1.0;
    }
    return 0;
}

/* miRNA mimic: activity a = 1 + Q/M0 of the viable cells, Q the mimic
 * copies per viable cell (both populations), M0 the endogenous copies. */
static int
mimic_series(ExopkResult *r, const SimRecord *rec, const AgentBlock *ab, const char *agent)
{
    const Model *m = rec->m;
    const double cpm = m->study->tumour.cells_per_mm3;
    const double m0 = m->study->agents[ab->agent].mirna_copies;
    double *col;

    SERIES(r, &col, "1", "%s.mirna_activity", agent);
    for (size_t i = 0; i < r->n_t; i++) {
        double cells = (rec_y(rec, i, m->s) + rec_y(rec, i, m->r)) * cpm;
        double q = rec_y(rec, i, ab->as) + rec_y(rec, i, ab->ar);
        col[i] = cells > 0 ? 1.0 + q * EXOPK_MOLECULES_PER_NMOL / (cells * m0) : 1.0;
    }
    return 0;
}

int
rna_series(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const Model *m = rec->m;
    const AgentBlock *ab = &m->agents[k];
    const char *agent = m->study->agents[ab->agent].name;
    const struct { int s, r; const char *suffix; } levels[3] = {
        { ab->ps, ab->pr, "target_protein" },
        { ab->cls == EXOPK_CLASS_SIRNA ? ab->ms : -1, ab->mr, "target_mrna" },
        { ab->cls == EXOPK_CLASS_ANTIMIR ? ab->ms : -1, ab->mr, "mirna_activity" },
    };
    char name[SERIES_NAME_MAX];

    if (!m->has_tumour)
        return 0;
    if (ab->cls == EXOPK_CLASS_MIMIC)
        return mimic_series(r, rec, ab, agent);
    if (ab->rs >= 0) {
        snprintf(name, sizeof name, "%s.risc_s", agent);
        if (risc_series(r, rec, name, m->s, ab->rs) != 0)
            return -1;
        snprintf(name, sizeof name, "%s.risc_r", agent);
        if (risc_series(r, rec, name, m->r, ab->rr) != 0)
            return -1;
    }
    for (int l = 0; l < 3; l++)
        if (levels[l].s >= 0 && level_series(r, rec, agent, levels[l].suffix, levels[l].s,
                                             levels[l].r) != 0)
            return -1;
    return 0;
}

static double
lowest(const double *v, size_t n)
{
    double low = 1.0;

    for (size_t i = 0; i < n; i++)
        low = fmin(low, v[i]);
    return low;
}

/* siRNA: the deepest knockdown of the target protein (viable-cell mean)
 * and how long it stays below half. */
static int
sirna_metrics(ExopkResult *r, const char *agent)
{
    const double *p = out_find_series(r, "%s.target_protein", agent);

    METRIC(r, "%", 100.0 * (1.0 - lowest(p, r->n_t)), "%s.knockdown_max_pct", agent);
    METRIC(r, "h", out_time_below(r->t, p, r->n_t, 0.5), "%s.knockdown_duration", agent);
    return 0;
}

/* The first time @a falls through 0.5, linearly interpolated; NAN if never. */
static double
first_below_half(const double *t, const double *a, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (a[i] < 0.5 && a[i - 1] >= 0.5)
            return t[i - 1] + (t[i] - t[i - 1]) * (a[i - 1] - 0.5) / (a[i - 1] - a[i]);
    return NAN;
}

/* anti-miR: the lowest miRNA activity, the de-repression onset (from the
 * agent's first dose to activity below half) and its duration. */
static int
antimir_metrics(ExopkResult *r, const SimRecord *rec, size_t k, const char *agent)
{
    const double *a = out_find_series(r, "%s.mirna_activity", agent);
    double onset = first_below_half(r->t, a, r->n_t);

    METRIC(r, "1", lowest(a, r->n_t), "%s.mirna_activity_min", agent);
    if (!isnan(onset) && !isnan(rec->first_dose_of_agent[k]))
        METRIC(r, "h", onset - rec->first_dose_of_agent[k], "%s.mirna_suppression_onset", agent);
    METRIC(r, "h", out_time_below(r->t, a, r->n_t, 0.5), "%s.mirna_suppression_duration", agent);
    return 0;
}

static double
highest(const double *v, size_t n)
{
    double high = 1.0;

    for (size_t i = 0; i < n; i++)
        high = fmax(high, v[i]);
    return high;
}

/* mimic: the highest miRNA activity and its raise over baseline. */
static int
mimic_metrics(ExopkResult *r, const char *agent)
{
    double a = highest(out_find_series(r, "%s.mirna_activity", agent), r->n_t);

    METRIC(r, "1", a, "%s.mirna_activity_max", agent);
    METRIC(r, "%", 100.0 * (a - 1.0), "%s.mirna_raise_max_pct", agent);
    return 0;
}

/* The most RNA copies in the cytosol (free, not RISC-loaded) per viable
 * tumour cell, both populations together: what endosomal escape delivered
 * and the cells still hold. */
static double
cytosolic_copies_max(const ExopkResult *r, const SimRecord *rec, const AgentBlock *ab)
{
    const Model *m = rec->m;
    double best = 0;

    for (size_t i = 0; i < r->n_t; i++) {
        double cells = (rec_y(rec, i, m->s) + rec_y(rec, i, m->r)) * m->study->tumour.cells_per_mm3;
        if (cells > 0)
            best = fmax(best, (rec_y(rec, i, ab->as) + rec_y(rec, i, ab->ar))
                                  * EXOPK_MOLECULES_PER_NMOL / cells);
    }
    return best;
}

int
rna_metrics(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const Model *m = rec->m;
    const AgentBlock *ab = &m->agents[k];
    const char *agent = m->study->agents[ab->agent].name;

    if (!m->has_tumour)
        return 0;
    if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
        METRIC(r, "molecules/cell", cytosolic_copies_max(r, rec, ab),
               "%s.cytosolic_copies_per_cell_max", agent);
    if (ab->cls == EXOPK_CLASS_SIRNA)
        return sirna_metrics(r, agent);
    if (ab->cls == EXOPK_CLASS_ANTIMIR)
        return antimir_metrics(r, rec, k, agent);
    if (ab->cls == EXOPK_CLASS_MIMIC)
        return mimic_metrics(r, agent);
    return 0;
}
