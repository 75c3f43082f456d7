/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Outputs of every agent's free drug: concentrations in plasma, heart and
 * tumour, the amount per tumour cell, exposure (Cmax, AUCs), the cardiac
 * exposure as an equivalent free dose, the terminal half-life and the
 * cumulative dose (docs/outputs.md, docs/model.md §6). */
#include <math.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "out-private.h"

static const ExopkAgent *
agent_of(const SimRecord *rec, size_t k)
{
    return &rec->m->study->agents[rec->m->agents[k].agent];
}

int
agent_plasma_series(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const AgentBlock *ab = &rec->m->agents[k];
    const ExopkAgent *ag = agent_of(rec, k);
    double *col;

    SERIES(r, &col, "nmol/L", "%s.plasma", ag->name);
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec_y(rec, i, ab->a1) / ag->v1;
    return 0;
}

int
agent_heart_series(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const AgentBlock *ab = &rec->m->agents[k];
    double *col;

    if (ab->ah < 0)
        return 0;
    SERIES(r, &col, "nmol/L", "%s.heart", agent_of(rec, k)->name);
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec_y(rec, i, ab->ah) / rec->m->study->subject.v_heart;
    return 0;
}

/* Molecules per viable cell of the @cells population (state @vol, mm3)
 * holding @a and, for RNA, its RISC-loaded pool @risc (-1 if none). */
static int
per_cell_series(ExopkResult *r, const SimRecord *rec, const char *name, int vol, int a, int risc)
{
    const double cpm = rec->m->study->tumour.cells_per_mm3;
    double *col;

    SERIES(r, &col, "molecules/cell", "%s", name);
    for (size_t i = 0; i < r->n_t; i++) {
        double cells = rec_y(rec, i, vol) * cpm;
        double amount = rec_y(rec, i, a) + (risc >= 0 ? rec_y(rec, i, risc) : 0.0);
        col[i] = cells > 0 ? amount * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
    }
    return 0;
}

/* The free drug in the tumour interstitium (nmol/L) and per viable cell,
 * sensitive and resistant; RNA counts its cytosolic and RISC-loaded pools. */
int
agent_tumour_series(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const Model *m = rec->m;
    const ExopkStudy *s = m->study;
    const AgentBlock *ab = &m->agents[k];
    const char *agent = agent_of(rec, k)->name;
    char name[SERIES_NAME_MAX];
    double *col;

    if (!m->has_tumour)
        return 0;
    SERIES(r, &col, "nmol/L", "%s.tumour", agent);
    for (size_t i = 0; i < r->n_t; i++) {
        double vint = s->tumour.f_int * model_tumour_volume(m, rec_row(rec, i)) * L_PER_MM3;
        col[i] = vint > 0 ? rec_y(rec, i, ab->aint) / vint : 0.0;
    }
    snprintf(name, sizeof name, "%s.cell_s", agent);
    if (per_cell_series(r, rec, name, m->s, ab->as, ab->rs) != 0)
        return -1;
    snprintf(name, sizeof name, "%s.cell_r", agent);
    return per_cell_series(r, rec, name, m->r, ab->ar, ab->rr);
}

int
agent_eliminated_series(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const AgentBlock *ab = &rec->m->agents[k];
    double *col;

    SERIES(r, &col, "nmol", "%s.eliminated", agent_of(rec, k)->name);
    for (size_t i = 0; i < r->n_t; i++)
        col[i] = rec_y(rec, i, ab->elim);
    return 0;
}

/* Dosed so far = carried + free + eliminated + degraded: the worst
 * relative gap over the rows after the first dose. */
int
agent_mass_balance(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const AgentBlock *ab = &rec->m->agents[k];
    const double *given = rec->cargo_given + k * r->n_t;
    const int free_states[] = { ab->a1, ab->a2, ab->a3, ab->ah, ab->aint, ab->as, ab->ar,
                                ab->aip, ab->elim, ab->degr, ab->rs, ab->rr };
    double worst = 0;

    for (size_t i = 0; i < r->n_t; i++) {
        double acc = 0;
        if (!(given[i] > 0))
            continue;
        for (size_t j = 0; j < sizeof free_states / sizeof *free_states; j++)
            if (free_states[j] >= 0)
                acc += rec_y(rec, i, free_states[j]);
        acc = vesicle_cargo_add(rec, k, i, acc);
        worst = fmax(worst, fabs(given[i] - acc) / given[i]);
    }
    METRIC(r, "1", worst, "%s.mass_balance_rel_error", agent_of(rec, k)->name);
    return 0;
}

/* The free-drug rate matrix (row-major, states A1, A2, A3, A_H) of @ag in
 * the subject @sub: central, two peripheral compartments and the heart. */
static void
free_drug_rates(const ExopkSubject *sub, const ExopkAgent *ag, double k[16])
{
    double kp_v = sub->v_heart * ag->kp_heart;

    for (size_t i = 0; i < 16; i++)
        k[i] = 0;
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
}

/* Heart AUC over [0, horizon] of a free IV bolus of 1 mg/m2 of @ag in
 * the study's subject, from the linear free-drug model:  AUC = integral of
 * expm(K t) x0 over [0, H] = K^-1 (expm(K H) - I) x0.  Tumour exchange is
 * left out: it takes a negligible share of the drug.  NAN if it cannot be
 * computed.  Fixed 4 x 4 sizes: the GSL objects are views of stack arrays. */
static double
heart_auc_per_mg_m2(const ExopkStudy *s, const ExopkAgent *ag)
{
    const ExopkSubject *sub = &s->subject;
    double nmol = 1.0 / sub->km_factor * sub->weight / ag->mw_dosed * NG_PER_MG;
    double k[16], kh[16], e[16], b[4], x[4];
    size_t perm_data[4];
    gsl_permutation perm = { 4, perm_data };
    gsl_matrix_view kv = gsl_matrix_view_array(k, 4, 4), khv = gsl_matrix_view_array(kh, 4, 4);
    gsl_matrix_view ev = gsl_matrix_view_array(e, 4, 4);
    gsl_vector_view bv = gsl_vector_view_array(b, 4), xv = gsl_vector_view_array(x, 4);
    int signum;

    if (!(ag->mw_dosed > 0) || !(sub->km_factor > 0))
        return NAN;
    free_drug_rates(sub, ag, k);
    for (size_t i = 0; i < 16; i++)
        kh[i] = k[i] * s->horizon;
    if (gsl_linalg_exponential_ss(&khv.matrix, &ev.matrix, GSL_PREC_DOUBLE) != 0)
        return NAN;
    /* b = (expm(K H) - I) x0, x0 = nmol e1 */
    for (size_t i = 0; i < 4; i++)
        b[i] = nmol * (e[i * 4] - (i == 0));
    if (gsl_linalg_LU_decomp(&kv.matrix, &perm, &signum) != 0 ||
        gsl_linalg_LU_solve(&kv.matrix, &perm, &bv.vector, &xv.vector) != 0)
        return NAN;
    return x[3] / sub->v_heart;
}

double
exopk_agent_chf_risk_pct(const ExopkAgent *agent, double mg_per_m2)
{
    double d0 = 0, p0 = 0;

    if (agent->n_chf_risk == 0 || !(mg_per_m2 >= 0))
        return NAN;
    for (size_t i = 0; i < agent->n_chf_risk; i++) {
        double d1 = agent->chf_risk_dose[i], p1 = agent->chf_risk_pct[i];
        if (!(d1 > d0))
            return NAN;  /* not a valid table: doses must increase from 0 */
        if (mg_per_m2 <= d1)
            return p0 + (p1 - p0) * (mg_per_m2 - d0) / (d1 - d0);
        d0 = d1;
        p0 = p1;
    }
    return NAN;  /* beyond the published doses */
}

/* The free-equivalent cardiac dose (mg/m2) and, for an agent with a
 * published dose-risk table, the risk of cardiomyopathy at that dose. */
static int
cardiac_dose_metrics(ExopkResult *r, const SimRecord *rec, const ExopkAgent *ag, double auc_h)
{
    double dose = auc_h / heart_auc_per_mg_m2(rec->m->study, ag);

    METRIC(r, "mg/m2", dose, "%s.free_equivalent_dose_mg_per_m2", ag->name);
    if (ag->n_chf_risk > 0)
        METRIC(r, "%", exopk_agent_chf_risk_pct(ag, dose), "%s.chf_risk_pct", ag->name);
    return 0;
}

/* Cmax, tmax and AUC in plasma; AUC in the heart and the free dose that
 * would give the same cardiac exposure (docs/model.md §6). */
int
agent_exposure_metrics(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const AgentBlock *ab = &rec->m->agents[k];
    const ExopkAgent *ag = agent_of(rec, k);
    const size_t last = r->n_t - 1;
    size_t at = 0;
    double cmax = out_max(out_find_series(r, "%s.plasma", ag->name), r->n_t, &at);

    METRIC(r, "nmol/L", cmax, "%s.plasma_cmax", ag->name);
    METRIC(r, "h", r->t[at], "%s.plasma_tmax", ag->name);
    METRIC(r, "nmol*h/L", rec_y(rec, last, ab->auc1), "%s.plasma_auc", ag->name);
    if (ab->auch >= 0) {
        METRIC(r, "nmol*h/L", rec_y(rec, last, ab->auch), "%s.heart_auc", ag->name);
        if (cardiac_dose_metrics(r, rec, ag, rec_y(rec, last, ab->auch)) != 0)
            return -1;
    }
    return 0;
}

/* The most molecules per viable tumour cell, both populations together. */
static double
molecules_per_cell_max(const ExopkResult *r, const SimRecord *rec, size_t k)
{
    const Model *m = rec->m;
    const AgentBlock *ab = &m->agents[k];
    double best = 0;

    for (size_t i = 0; i < r->n_t; i++) {
        double cells = (rec_y(rec, i, m->s) + rec_y(rec, i, m->r)) * m->study->tumour.cells_per_mm3;
        double a = rec_y(rec, i, ab->as) + rec_y(rec, i, ab->ar);
        if (ab->rs >= 0)
            a += rec_y(rec, i, ab->rs) + rec_y(rec, i, ab->rr);
        if (cells > 0)
            best = fmax(best, a * EXOPK_MOLECULES_PER_NMOL / cells);
    }
    return best;
}

int
agent_tumour_metrics(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const AgentBlock *ab = &rec->m->agents[k];
    const char *agent = agent_of(rec, k)->name;
    const size_t last = r->n_t - 1;
    double auc_t;

    if (!rec->m->has_tumour)
        return 0;
    auc_t = rec_y(rec, last, ab->aucint);
    METRIC(r, "nmol*h/L", auc_t, "%s.tumour_auc", agent);
    if (ab->auch >= 0) {
        double auc_h = rec_y(rec, last, ab->auch);
        METRIC(r, "1", auc_h > 0 ? auc_t / auc_h : NAN, "%s.tumour_heart_auc_ratio", agent);
    }
    METRIC(r, "molecules/cell", molecules_per_cell_max(r, rec, k), "%s.molecules_per_cell_max",
           agent);
    return 0;
}

/* ln 2 over the slope of a log-linear fit to the rows in the last third of
 * the time after @t_last that are above 1e-4 x the highest value after it. */
static double
terminal_half_life(const double *t, const double *c, size_t n, double t_last, double horizon)
{
    double peak = 0, from = t_last + 2.0 * (horizon - t_last) / 3.0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0, slope;
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
    slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    return slope < 0 ? -M_LN2 / slope : NAN;
}

/* The plasma terminal half-life after the last dose; the cumulative dose
 * per kg and per m2 of body surface. */
int
agent_dose_metrics(ExopkResult *r, const SimRecord *rec, size_t k)
{
    const ExopkStudy *s = rec->m->study;
    const ExopkAgent *ag = agent_of(rec, k);
    const size_t nt = r->n_t;
    double total_nmol = rec->cargo_given[k * nt + nt - 1];
    double mg_per_kg = total_nmol * ag->mw_dosed * MG_PER_NG / s->subject.weight;

    if (!isnan(rec->last_dose_of_agent[k])) {
        const double *plasma = out_find_series(r, "%s.plasma", ag->name);
        METRIC(r, "h", terminal_half_life(r->t, plasma, nt, rec->last_dose_of_agent[k], s->horizon),
               "%s.plasma_t_half_terminal", ag->name);
    }
    METRIC(r, "mg/kg", mg_per_kg, "%s.cumulative_dose_mg_per_kg", ag->name);
    METRIC(r, "mg/m2", mg_per_kg * s->subject.km_factor, "%s.cumulative_dose_mg_per_m2", ag->name);
    return 0;
}
