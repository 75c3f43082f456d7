/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output series and metrics of one arm (docs/model.md §6, docs/outputs.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "result-private.h"

/* ---- result container ---------------------------------------------------- */

int
result_add_series(ExopkResult *r, const char *name, const char *unit, double **column)
{
    if (r->n_series == r->cap_series) {
        size_t cap = r->cap_series ? 2 * r->cap_series : 32;
        void *a = realloc(r->series_name, cap * sizeof *r->series_name);
        void *b = a ? realloc(r->series_unit, cap * sizeof *r->series_unit) : NULL;
        void *c = b ? realloc(r->series, cap * r->n_t * sizeof *r->series) : NULL;
        if (a)
            r->series_name = a;
        if (b)
            r->series_unit = b;
        if (c == NULL)
            return -1;
        r->series = c;
        r->cap_series = cap;
    }
    snprintf(r->series_name[r->n_series], SERIES_NAME_MAX, "%s", name);
    snprintf(r->series_unit[r->n_series], UNIT_MAX, "%s", unit);
    *column = r->series + r->n_series * r->n_t;
    memset(*column, 0, r->n_t * sizeof **column);
    r->n_series++;
    return 0;
}

int
result_add_metric(ExopkResult *r, const char *name, const char *unit, double value)
{
    if (!isfinite(value))
        return 0;  /* a metric is present where it means something */
    if (r->n_metrics == r->cap_metrics) {
        size_t cap = r->cap_metrics ? 2 * r->cap_metrics : 32;
        void *a = realloc(r->metric_name, cap * sizeof *r->metric_name);
        void *b = a ? realloc(r->metric_unit, cap * sizeof *r->metric_unit) : NULL;
        void *c = b ? realloc(r->metric_value, cap * sizeof *r->metric_value) : NULL;
        if (a)
            r->metric_name = a;
        if (b)
            r->metric_unit = b;
        if (c == NULL)
            return -1;
        r->metric_value = c;
        r->cap_metrics = cap;
    }
    snprintf(r->metric_name[r->n_metrics], SERIES_NAME_MAX, "%s", name);
    snprintf(r->metric_unit[r->n_metrics], UNIT_MAX, "%s", unit);
    r->metric_value[r->n_metrics++] = value;
    return 0;
}

void
exopk_result_free(ExopkResult *r)
{
    if (r == NULL)
        return;
    free(r->t);
    free(r->series_name);
    free(r->series_unit);
    free(r->series);
    free(r->metric_name);
    free(r->metric_unit);
    free(r->metric_value);
    free(r);
}

const char *exopk_result_arm(const ExopkResult *r) { return r->arm; }
size_t exopk_result_n_times(const ExopkResult *r) { return r->n_t; }
const double *exopk_result_times(const ExopkResult *r) { return r->t; }
size_t exopk_result_n_series(const ExopkResult *r) { return r->n_series; }
const char *exopk_result_series_name(const ExopkResult *r, size_t i) { return r->series_name[i]; }
const char *exopk_result_series_unit(const ExopkResult *r, size_t i) { return r->series_unit[i]; }
const double *exopk_result_series(const ExopkResult *r, size_t i) { return r->series + i * r->n_t; }
size_t exopk_result_n_metrics(const ExopkResult *r) { return r->n_metrics; }
const char *exopk_result_metric_name(const ExopkResult *r, size_t i) { return r->metric_name[i]; }
const char *exopk_result_metric_unit(const ExopkResult *r, size_t i) { return r->metric_unit[i]; }
double exopk_result_metric_value(const ExopkResult *r, size_t i) { return r->metric_value[i]; }
ExopkSolverStats exopk_result_stats(const ExopkResult *r) { return r->stats; }

long
exopk_result_find_series(const ExopkResult *r, const char *name)
{
    for (size_t i = 0; i < r->n_series; i++)
        if (strcmp(r->series_name[i], name) == 0)
            return (long) i;
    return -1;
}

int
exopk_result_metric(const ExopkResult *r, const char *name, double *value)
{
    for (size_t i = 0; i < r->n_metrics; i++)
        if (strcmp(r->metric_name[i], name) == 0) {
            *value = r->metric_value[i];
            return 0;
        }
    return -1;
}

/* ---- series ---------------------------------------------------------------- */

static const char *const COMPARTMENT[VC_N] = { "plasma", "tissue", "mps", "tumour_interstitium",
                                               "tumour_cells", "peritoneum" };

#define COLUMN(name, unit)                                  \
    do {                                                    \
        if (result_add_series(r, name, unit, &col) != 0)    \
            return -1;                                      \
    } while (0)

static double
max_over(const double *v, size_t n, size_t *at)
{
    double best = -INFINITY;

    for (size_t i = 0; i < n; i++)
        if (v[i] > best) {
            best = v[i];
            if (at)
                *at = i;
        }
    return best;
}

/* Total time @v spends below @level, crossings by linear interpolation. */
static double
time_below(const double *t, const double *v, size_t n, double level)
{
    double below = 0.0;

    for (size_t i = 1; i < n; i++) {
        double a = v[i - 1] - level, b = v[i] - level, dt = t[i] - t[i - 1];
        if (a < 0 && b < 0)
            below += dt;
        else if (a < 0)
            below += dt * a / (a - b);
        else if (b < 0)
            below += dt * b / (b - a);
    }
    return below;
}

/* ln 2 over the slope of a log-linear fit to the rows in the last third of
 * the time after @t_last that are above 1e-4 x the highest value after it. */
static double
terminal_half_life(const double *t, const double *c, size_t n, double t_last, double horizon)
{
    double peak = 0, from = t_last + 2.0 * (horizon - t_last) / 3.0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        if (t[i] >= t_last && c[i] > peak)
            peak = c[i];
    for (size_t i = 0; i < n; i++) {
        if (t[i] < from - 1e-9 || !(c[i] > 1e-4 * peak))
            continue;
        sx += t[i];
        sy += log(c[i]);
        sxx += t[i] * t[i];
        sxy += t[i] * log(c[i]);
        k++;
    }
    if (k < 3)
        return NAN;
    {
        double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
        return slope < 0 ? -M_LN2 / slope : NAN;
    }
}

/* Heart AUC over [0, horizon] of a free IV bolus of 1 mg/m2 of @ag in
 * the study's subject, from the linear free-drug model (central, two
 * peripheral compartments, heart):  AUC = integral of expm(K t) x0 over
 * [0, H] = K^-1 (expm(K H) - I) x0.  Tumour exchange is left out: it takes
 * a negligible share of the drug.  NAN if it cannot be computed. */
static double
heart_auc_per_mg_m2(const ExopkStudy *s, const ExopkAgent *ag)
{
    const ExopkSubject *sub = &s->subject;
    double nmol = 1.0 / sub->km_factor * sub->weight / ag->mw_dosed * 1e6;
    double kp_v = sub->v_heart * ag->kp_heart;
    double k[16] = { 0 }, auc = NAN;
    gsl_matrix *a = gsl_matrix_alloc(4, 4), *e = gsl_matrix_alloc(4, 4), *kk = gsl_matrix_alloc(4, 4);
    gsl_permutation *perm = gsl_permutation_alloc(4);
    gsl_vector *b = gsl_vector_alloc(4), *x = gsl_vector_alloc(4);
    int signum;

    if (!a || !e || !kk || !perm || !b || !x || !(ag->mw_dosed > 0) || !(sub->km_factor > 0))
        goto out;
    /* states: A1, A2, A3, A_H */
    k[0] = -(ag->cl + ag->q2 + ag->q3 + sub->q_heart) / ag->v1;
    k[1] = ag->q2 / ag->v2;
    k[2] = ag->q3 / ag->v3;
    k[3] = sub->q_heart / kp_v;
    k[4] = ag->q2 / ag->v1;
    k[5] = -ag->q2 / ag->v2;
    k[8] = ag->q3 / ag->v1;
    k[10] = -ag->q3 / ag->v3;
    k[12] = sub->q_heart / ag->v1;
    k[15] = -sub->q_heart / kp_v;
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++) {
            gsl_matrix_set(a, i, j, k[i * 4 + j] * s->horizon);
            gsl_matrix_set(kk, i, j, k[i * 4 + j]);
        }
    if (gsl_linalg_exponential_ss(a, e, GSL_PREC_DOUBLE) != 0)
        goto out;
    /* b = (expm(K H) - I) x0, x0 = nmol e1 */
    for (size_t i = 0; i < 4; i++)
        gsl_vector_set(b, i, nmol * (gsl_matrix_get(e, i, 0) - (i == 0)));
    if (gsl_linalg_LU_decomp(kk, perm, &signum) != 0 || gsl_linalg_LU_solve(kk, perm, b, x) != 0)
        goto out;
    auc = gsl_vector_get(x, 3) / sub->v_heart;
out:
    if (a) gsl_matrix_free(a);
    if (e) gsl_matrix_free(e);
    if (kk) gsl_matrix_free(kk);
    if (perm) gsl_permutation_free(perm);
    if (b) gsl_vector_free(b);
    if (x) gsl_vector_free(x);
    return auc;
}

int
result_compute(ExopkResult *r, const SimRecord *rec)
{
    const Model *m = rec->m;
    const ExopkStudy *s = m->study;
    const size_t nt = r->n_t, n = m->n;
    const double *t = r->t;
    const double *Y = rec->states;
    double *col;
    char name[SERIES_NAME_MAX];

#define Y_AT(i, idx) Y[(size_t) (i) * n + (size_t) (idx)]

    /* vesicles by compartment, summed over formulations */
    if (m->n_carriers > 0) {
        double *pct;
        for (int c = 0; c < VC_N; c++) {
            int present = 0;
            for (size_t k = 0; k < m->n_carriers; k++)
                present |= m->carriers[k].x[c] >= 0;
            if (!present)
                continue;
            snprintf(name, sizeof name, "%s_particles", COMPARTMENT[c]);
            COLUMN(name, "particles");
            for (size_t i = 0; i < nt; i++)
                for (size_t k = 0; k < m->n_carriers; k++)
                    if (m->carriers[k].x[c] >= 0)
                        col[i] += Y_AT(i, m->carriers[k].x[c]);
            {
                const double *abs_col = col;
                snprintf(name, sizeof name, "%s_particles_pct_id", COMPARTMENT[c]);
                COLUMN(name, "%");
                abs_col = r->series + (r->n_series - 2) * nt;  /* realloc-safe */
                pct = col;
                for (size_t i = 0; i < nt; i++)
                    pct[i] = rec->particles_given[i] > 0
                                 ? 100.0 * abs_col[i] / rec->particles_given[i] : 0.0;
            }
        }
    }

    /* cargo and free drug, per agent */
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &s->agents[ab->agent];
        int carried = 0;

        for (size_t f = 0; f < m->n_carriers; f++)
            for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
                carried |= m->carriers[f].cargo_agent[c] == (int) k;

        snprintf(name, sizeof name, "%s.plasma", ag->name);
        COLUMN(name, "nmol/L");
        for (size_t i = 0; i < nt; i++)
            col[i] = Y_AT(i, ab->a1) / ag->v1;
        if (carried) {
            snprintf(name, sizeof name, "%s.plasma_encapsulated", ag->name);
            COLUMN(name, "nmol/L");
            for (size_t i = 0; i < nt; i++)
                for (size_t f = 0; f < m->n_carriers; f++)
                    for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
                        if (m->carriers[f].cargo_agent[c] == (int) k)
                            for (int p = 0; p < POOL_N; p++)
                                col[i] += Y_AT(i, m->carriers[f].L[c][p][VC_P]) /
                                          s->subject.plasma_volume;
            snprintf(name, sizeof name, "%s.encapsulated", ag->name);
            COLUMN(name, "nmol");
            for (size_t i = 0; i < nt; i++)
                for (size_t f = 0; f < m->n_carriers; f++)
                    for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
                        if (m->carriers[f].cargo_agent[c] == (int) k)
                            for (int p = 0; p < POOL_N; p++)
                                for (int v = 0; v < VC_N; v++)
                                    if (m->carriers[f].L[c][p][v] >= 0)
                                        col[i] += Y_AT(i, m->carriers[f].L[c][p][v]);
        }
        if (ab->ah >= 0) {
            snprintf(name, sizeof name, "%s.heart", ag->name);
            COLUMN(name, "nmol/L");
            for (size_t i = 0; i < nt; i++)
                col[i] = Y_AT(i, ab->ah) / s->subject.v_heart;
        }
        if (m->has_tumour) {
            const double cpm = s->tumour.cells_per_mm3;
            snprintf(name, sizeof name, "%s.tumour", ag->name);
            COLUMN(name, "nmol/L");
            for (size_t i = 0; i < nt; i++) {
                double vint = s->tumour.f_int * model_tumour_volume(m, Y + i * n) * L_PER_MM3;
                col[i] = vint > 0 ? Y_AT(i, ab->aint) / vint : 0.0;
            }
            /* per viable cell; RNA counts its cytosolic and RISC-loaded pools */
            snprintf(name, sizeof name, "%s.cell_s", ag->name);
            COLUMN(name, "molecules/cell");
            for (size_t i = 0; i < nt; i++) {
                double cells = Y_AT(i, m->s) * cpm;
                double a = Y_AT(i, ab->as) + (ab->rs >= 0 ? Y_AT(i, ab->rs) : 0.0);
                col[i] = cells > 0 ? a * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
            }
            snprintf(name, sizeof name, "%s.cell_r", ag->name);
            COLUMN(name, "molecules/cell");
            for (size_t i = 0; i < nt; i++) {
                double cells = Y_AT(i, m->r) * cpm;
                double a = Y_AT(i, ab->ar) + (ab->rr >= 0 ? Y_AT(i, ab->rr) : 0.0);
                col[i] = cells > 0 ? a * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
            }
            if (ab->rs >= 0) {
                snprintf(name, sizeof name, "%s.risc_s", ag->name);
                COLUMN(name, "molecules/cell");
                for (size_t i = 0; i < nt; i++) {
                    double cells = Y_AT(i, m->s) * cpm;
                    col[i] = cells > 0 ? Y_AT(i, ab->rs) * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
                }
                snprintf(name, sizeof name, "%s.risc_r", ag->name);
                COLUMN(name, "molecules/cell");
                for (size_t i = 0; i < nt; i++) {
                    double cells = Y_AT(i, m->r) * cpm;
                    col[i] = cells > 0 ? Y_AT(i, ab->rr) * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
                }
            }
            /* RNA target levels, averaged over viable cells */
            {
                const struct { int s, r; const char *suffix; } levels[3] = {
                    { ab->ps, ab->pr, "target_protein" },
                    { ab->cls == EXOPK_CLASS_SIRNA ? ab->ms : -1, ab->mr, "target_mrna" },
                    { ab->cls == EXOPK_CLASS_ANTIMIR ? ab->ms : -1, ab->mr, "mirna_activity" },
                };
                for (int l = 0; l < 3; l++) {
                    if (levels[l].s < 0)
                        continue;
                    snprintf(name, sizeof name, "%s.%s", ag->name, levels[l].suffix);
                    COLUMN(name, "1");
                    for (size_t i = 0; i < nt; i++) {
                        double S = Y_AT(i, m->s), R = Y_AT(i, m->r);
                        col[i] = S + R > 0 ? (S * Y_AT(i, levels[l].s) + R * Y_AT(i, levels[l].r))
                                                 / (S + R)
                                           : 1.0;
                    }
                }
            }
        }
        snprintf(name, sizeof name, "%s.eliminated", ag->name);
        COLUMN(name, "nmol");
        for (size_t i = 0; i < nt; i++)
            col[i] = Y_AT(i, ab->elim);
    }

    if (m->has_tumour && rec->biomarker != NULL) {
        COLUMN("biomarker_plasma", "particles/mL");
        for (size_t i = 0; i < nt; i++)
            col[i] = rec->biomarker[i] / (s->subject.plasma_volume * 1e3);
    }

    if (m->has_tumour) {
        COLUMN("tumour_volume", "mm3");
        for (size_t i = 0; i < nt; i++)
            col[i] = model_tumour_volume(m, Y + i * n);
        COLUMN("sensitive_volume", "mm3");
        for (size_t i = 0; i < nt; i++)
            col[i] = Y_AT(i, m->s);
        COLUMN("resistant_volume", "mm3");
        for (size_t i = 0; i < nt; i++)
            col[i] = Y_AT(i, m->r);
        COLUMN("resistant_fraction", "1");
        for (size_t i = 0; i < nt; i++) {
            double v = Y_AT(i, m->s) + Y_AT(i, m->r);
            col[i] = v > 0 ? Y_AT(i, m->r) / v : 0.0;
        }
    }

    /* ---- metrics ---- */
#define METRIC(unit, value, ...)                                         \
    do {                                                                 \
        snprintf(name, sizeof name, __VA_ARGS__);                        \
        if (result_add_metric(r, name, unit, value) != 0)                \
            return -1;                                                   \
    } while (0)

    /* mass balance: dosed so far = carried + free + eliminated + degraded */
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &s->agents[ab->agent];
        const double *given = rec->cargo_given + k * nt;
        double worst = 0;
        const int free_states[] = { ab->a1, ab->a2, ab->a3, ab->ah, ab->aint, ab->as, ab->ar,
                                    ab->aip, ab->elim, ab->degr, ab->rs, ab->rr };

        for (size_t i = 0; i < nt; i++) {
            double acc = 0;
            if (!(given[i] > 0))
                continue;
            for (size_t j = 0; j < sizeof free_states / sizeof *free_states; j++)
                if (free_states[j] >= 0)
                    acc += Y_AT(i, free_states[j]);
            for (size_t f = 0; f < m->n_carriers; f++)
                for (size_t c = 0; c < m->carriers[f].n_cargo; c++)
                    if (m->carriers[f].cargo_agent[c] == (int) k)
                        for (int p = 0; p < POOL_N; p++)
                            for (int v = 0; v < VC_N; v++)
                                if (m->carriers[f].L[c][p][v] >= 0)
                                    acc += Y_AT(i, m->carriers[f].L[c][p][v]);
            worst = fmax(worst, fabs(given[i] - acc) / given[i]);
        }
        METRIC("1", worst, "%s.mass_balance_rel_error", ag->name);
    }
    if (m->n_carriers > 0) {
        double worst = 0;
        for (size_t i = 0; i < nt; i++) {
            double acc = 0;
            if (!(rec->particles_given[i] > 0))
                continue;
            for (size_t f = 0; f < m->n_carriers; f++) {
                const CarrierBlock *cb = &m->carriers[f];
                for (int v = 0; v < VC_N; v++)
                    if (cb->x[v] >= 0)
                        acc += Y_AT(i, cb->x[v]);
                acc += Y_AT(i, cb->p_elim) + Y_AT(i, cb->p_degr);
            }
            worst = fmax(worst, fabs(rec->particles_given[i] - acc) / rec->particles_given[i]);
        }
        METRIC("1", worst, "particles.mass_balance_rel_error");
    }

    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &s->agents[ab->agent];
        const double *plasma;
        size_t at = 0;
        double cmax, total_nmol = rec->cargo_given[k * nt + nt - 1];
        double mg_per_kg = total_nmol * ag->mw_dosed * 1e-6 / s->subject.weight;

        snprintf(name, sizeof name, "%s.plasma", ag->name);
        plasma = exopk_result_series(r, (size_t) exopk_result_find_series(r, name));
        cmax = max_over(plasma, nt, &at);
        METRIC("nmol/L", cmax, "%s.plasma_cmax", ag->name);
        METRIC("h", t[at], "%s.plasma_tmax", ag->name);
        METRIC("nmol*h/L", Y_AT(nt - 1, ab->auc1), "%s.plasma_auc", ag->name);
        if (ab->auch >= 0) {
            METRIC("nmol*h/L", Y_AT(nt - 1, ab->auch), "%s.heart_auc", ag->name);
            /* the cardiac exposure as the free dose that would give it (docs/model.md §6) */
            METRIC("mg/m2", Y_AT(nt - 1, ab->auch) / heart_auc_per_mg_m2(s, ag),
                   "%s.free_equivalent_dose_mg_per_m2", ag->name);
        }
        if (m->has_tumour) {
            double auc_t = Y_AT(nt - 1, ab->aucint);
            METRIC("nmol*h/L", auc_t, "%s.tumour_auc", ag->name);
            if (ab->auch >= 0) {
                double auc_h = Y_AT(nt - 1, ab->auch);
                METRIC("1", auc_h > 0 ? auc_t / auc_h : NAN, "%s.tumour_heart_auc_ratio",
                       ag->name);
            }
            {
                double best = 0;
                for (size_t i = 0; i < nt; i++) {
                    double cells = (Y_AT(i, m->s) + Y_AT(i, m->r)) * s->tumour.cells_per_mm3;
                    double a = Y_AT(i, ab->as) + Y_AT(i, ab->ar);
                    if (ab->rs >= 0)
                        a += Y_AT(i, ab->rs) + Y_AT(i, ab->rr);
                    if (cells > 0)
                        best = fmax(best, a * EXOPK_MOLECULES_PER_NMOL / cells);
                }
                METRIC("molecules/cell", best, "%s.molecules_per_cell_max", ag->name);
            }
            if (ab->cls == EXOPK_CLASS_SIRNA) {
                /* knockdown of the target protein (viable-cell mean) */
                snprintf(name, sizeof name, "%s.target_protein", ag->name);
                {
                    const double *p = exopk_result_series(r, (size_t) exopk_result_find_series(r, name));
                    double low = 1.0;
                    for (size_t i = 0; i < nt; i++)
                        low = fmin(low, p[i]);
                    METRIC("%", 100.0 * (1.0 - low), "%s.knockdown_max_pct", ag->name);
                    METRIC("h", time_below(t, p, nt, 0.5), "%s.knockdown_duration", ag->name);
                }
            } else if (ab->cls == EXOPK_CLASS_ANTIMIR) {
                snprintf(name, sizeof name, "%s.mirna_activity", ag->name);
                {
                    const double *a = exopk_result_series(r, (size_t) exopk_result_find_series(r, name));
                    double low = 1.0, onset = NAN;
                    for (size_t i = 0; i < nt; i++)
                        low = fmin(low, a[i]);
                    METRIC("1", low, "%s.mirna_activity_min", ag->name);
                    /* de-repression: from the agent's first dose to activity below half */
                    for (size_t i = 1; i < nt && isnan(onset); i++)
                        if (a[i] < 0.5 && a[i - 1] >= 0.5)
                            onset = t[i - 1] + (t[i] - t[i - 1]) * (a[i - 1] - 0.5) / (a[i - 1] - a[i]);
                    if (!isnan(onset) && !isnan(rec->first_dose_of_agent[k]))
                        METRIC("h", onset - rec->first_dose_of_agent[k], "%s.mirna_suppression_onset",
                               ag->name);
                    METRIC("h", time_below(t, a, nt, 0.5), "%s.mirna_suppression_duration",
                           ag->name);
                }
            }
        }
        if (!isnan(rec->last_dose_of_agent[k]))
            METRIC("h", terminal_half_life(t, plasma, nt, rec->last_dose_of_agent[k], s->horizon),
                   "%s.plasma_t_half_terminal", ag->name);
        METRIC("mg/kg", mg_per_kg, "%s.cumulative_dose_mg_per_kg", ag->name);
        METRIC("mg/m2", mg_per_kg * s->subject.km_factor, "%s.cumulative_dose_mg_per_m2", ag->name);
    }

    if (m->n_carriers > 0) {
        METRIC("h", rec->t_half_alpha, "plasma_particles_t_half_alpha");
        METRIC("particles", rec->particles_given[nt - 1], "particles_given");
        if (m->has_tumour) {
            double best = 0;
            for (size_t i = 0; i < nt; i++) {
                double x = 0;
                if (!(rec->particles_given[i] > 0))
                    continue;
                for (size_t f = 0; f < m->n_carriers; f++)
                    x += Y_AT(i, m->carriers[f].x[VC_I]) + Y_AT(i, m->carriers[f].x[VC_E]);
                best = fmax(best, 100.0 * x / rec->particles_given[i]);
            }
            METRIC("%", best, "tumour_pct_id_max");
        }
        /* the loading report of every formulation given */
        for (size_t f = 0; f < m->n_carriers; f++) {
            const ExopkFormulation *fm = &s->formulations[m->carriers[f].formulation];
            ExopkLoadingReport rep[EXOPK_MAX_CARGO];
            exopk_formulation_load(fm, s, rep);
            for (size_t c = 0; c < fm->n_cargo; c++) {
                const char *an = s->agents[fm->cargo[c].agent].name;
                METRIC("%", rep[c].ee_pct, "%s.%s.ee_pct", fm->name, an);
                METRIC("%", rep[c].dlc_pct, "%s.%s.dlc_pct", fm->name, an);
                METRIC("molecules/vesicle", rep[c].q_lumen + rep[c].q_membrane,
                       "%s.%s.molecules_per_vesicle", fm->name, an);
            }
        }
    }

    if (m->has_tumour) {
        const double *vol = exopk_result_series(r, (size_t) exopk_result_find_series(r, "tumour_volume"));
        double v_end = vol[nt - 1];
        double S = Y_AT(nt - 1, m->s), R = Y_AT(nt - 1, m->r);
        METRIC("mm3", v_end, "tumour_volume_final");
        if (rec->biomarker != NULL && rec->biomarker[0] > 0)
            METRIC("1", rec->biomarker[nt - 1] / rec->biomarker[0], "biomarker_fold_change");
        METRIC("1", S + R > 0 ? R / (S + R) : 0.0, "resistant_fraction_final");
        /* time to regrowth: after the minimum that follows the first dose,
         * the first time the volume exceeds its value at the first dose */
        if (!isnan(rec->first_dose)) {
            size_t i0 = 0, imin;
            while (i0 + 1 < nt && t[i0] < rec->first_dose - 1e-9)
                i0++;
            imin = i0;
            for (size_t i = i0; i < nt; i++)
                if (vol[i] < vol[imin])
                    imin = i;
            if (vol[imin] < vol[i0]) {
                for (size_t i = imin; i < nt; i++)
                    if (vol[i] > vol[i0]) {
                        METRIC("h", t[i], "time_to_regrowth");
                        break;
                    }
            }
        }
    }
#undef METRIC
#undef Y_AT
    return 0;
}

void
exopk_results_compare(const ExopkStudy *study, ExopkResult **results)
{
    long control = -1;
    double c_end, c0;

    if (!study->has_tumour)
        return;
    for (size_t i = 0; i < study->n_arms; i++)
        if (strcmp(study->arms[i].name, "control") == 0)
            control = (long) i;
    if (control < 0 || results[control] == NULL ||
        exopk_result_metric(results[control], "tumour_volume_final", &c_end) != 0)
        return;
    c0 = study->tumour_volume0;
    for (size_t i = 0; i < study->n_arms; i++) {
        double v_end;
        if (results[i] == NULL || exopk_result_metric(results[i], "tumour_volume_final", &v_end) != 0)
            continue;
        if (c_end - c0 != 0)
            result_add_metric(results[i], "tgi_pct", "%", 100.0 * (1.0 - (v_end - c0) / (c_end - c0)));
    }
}

int
exopk_result_write_csv(const ExopkResult *res, FILE *fp)
{
    fputs("time [h]", fp);
    for (size_t j = 0; j < res->n_series; j++)
        fprintf(fp, ",%s [%s]", res->series_name[j], res->series_unit[j]);
    fputc('\n', fp);
    for (size_t i = 0; i < res->n_t; i++) {
        fprintf(fp, "%.10g", res->t[i]);
        for (size_t j = 0; j < res->n_series; j++)
            fprintf(fp, ",%.10g", res->series[j * res->n_t + i]);
        fputc('\n', fp);
    }
    return ferror(fp) ? -1 : 0;
}

int
exopk_results_write_metrics_csv(ExopkResult *const *results, size_t n, int header, FILE *fp)
{
    if (header)
        fputs("arm,metric,value,unit\n", fp);
    for (size_t a = 0; a < n; a++) {
        const ExopkResult *r = results[a];
        if (r == NULL)
            continue;
        for (size_t i = 0; i < r->n_metrics; i++)
            fprintf(fp, "%s,%s,%.10g,%s\n", r->arm, r->metric_name[i], r->metric_value[i],
                    r->metric_unit[i]);
    }
    return ferror(fp) ? -1 : 0;
}
