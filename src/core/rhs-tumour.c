/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The tumour (docs/model.md §5): sensitive and resistant cells growing
 * (net Gompertz), S -> R transfer under drug stress, kill into a chain of
 * damaged cells. */
#include <math.h>

#include "rhs-private.h"

/* The tumour volume and populations, and every cross-module quantity at
 * its neutral value.  Without RNA the effects are their base values with
 * no gradient, so the arithmetic is the core's. */
void
rhs_tumour_begin(const Eval *e, Rhs *r, const double *y)
{
    const Model *m = e->m;
    const ExopkStudy *s = m->study;
    Effects *fx = &r->fx;

    r->vt = r->S = r->R = r->N = 0;
    r->gS = r->gR = r->dgS = r->dgR = r->kSR = 0;
    g_start(&r->gv, e);
    g_start(&r->g_kSR, e);
    g_start(&r->g_gs, e);
    g_start(&r->g_gr, e);
    if (m->has_tumour) {
        r->S = y[m->s], r->R = y[m->r];
        r->N = r->S + r->R;
        r->vt = model_tumour_volume(m, y);
        g_add(&r->gv, m->s, 1);
        g_add(&r->gv, m->r, 1);
        g_add(&r->gv, m->d1, 1);
        g_add(&r->gv, m->d2, 1);
        g_add(&r->gv, m->d3, 1);
    }
    for (size_t k = 0; k < m->n_agents; k++) {   /* every reader stops at n_agents */
        r->esc[k] = 0;
        g_start(&r->g_esc[k], e);
        g_start(&r->g_kr_rho[k], e);
        r->pd_s[k] = (CellPd) { 0, 0, 0, 0, 0 };
        r->pd_r[k] = r->pd_s[k];
        dual_init(&fx->rho[k], m->has_tumour ? s->agents[m->agents[k].agent].rho : 0.0, e);
    }
    dual_init(&fx->pgp_s, 1.0, e);
    dual_init(&fx->pgp_r, m->has_tumour ? s->tumour.pgp_resistant : 0.0, e);
    dual_init(&fx->tau, m->has_tumour ? s->tumour.transfer_rate : 0.0, e);
    dual_init(&fx->lam_s, m->lambda, e);
    dual_init(&fx->lam_r, m->lambda, e);
}

/* Net Gompertz rates gS, gR; resistant cells pay a fitness cost on growth. */
HOT void
growth_rates(const ExopkTumour *t, Rhs *r)
{
    const double N = r->N;
    const Dual *lam_s = &r->fx.lam_s, *lam_r = &r->fx.lam_r;
    double lnk = N > 0 ? log(t->capacity / N) : 0.0;

    if (N > 0) {
        r->gS = lam_s->v * log(t->capacity / N);
        r->dgS = -lam_s->v / N;             /* d gS / dS = d gS / dR */
    }
    if (lam_r->g.n == 0 && lam_r->v == lam_s->v) {
        r->gR = r->gS > 0 ? (1 - t->fitness_cost) * r->gS : r->gS;
        r->dgR = r->gS > 0 ? (1 - t->fitness_cost) * r->dgS : r->dgS;
    } else {
        double base = N > 0 ? lam_r->v * lnk : 0.0, dbase = N > 0 ? -lam_r->v / N : 0.0;
        double c = base > 0 ? 1 - t->fitness_cost : 1.0;
        r->gR = c * base;
        r->dgR = c * dbase;
        g_axpy(&r->g_gr, c * lnk, &lam_r->g);
    }
    g_axpy(&r->g_gs, lnk, &lam_s->g);
}

/* k_SR = tau R/N (1 + sigma stress) + mu, with
 * stress = sum_a (kS S + kR R) / (N Kmax_a)  (§9.5) */
HOT void
transfer_rate(const Eval *e, const ExopkTumour *t, Rhs *r)
{
    const Model *m = e->m;
    const double S = r->S, R = r->R, N = r->N;
    const Dual *tau = &r->fx.tau;
    const CellPd *pd_s = r->pd_s, *pd_r = r->pd_r;
    double stress = 0, dst_dS = 0, dst_dR = 0;
    Grad g_stress;   /* over the cell amounts (and RNA levels) */
    double fr = N > 0 ? R / N : 0.0;

    g_start(&g_stress, e);
    for (size_t k = 0; k < m->n_agents && N > 0; k++) {
        const AgentBlock *ab = &m->agents[k];
        double km;
        double num;
        if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        km = m->study->agents[ab->agent].kmax;
        num = pd_s[k].kill * S + pd_r[k].kill * R;
        stress += num / (N * km);
        dst_dS += (pd_s[k].dkill_dx * S + pd_s[k].kill) / (N * km) - num / (N * N * km);
        dst_dR += (pd_r[k].dkill_dx * R + pd_r[k].kill) / (N * km) - num / (N * N * km);
        g_add(&g_stress, ab->as, pd_s[k].dkill_da * S / (N * km));
        g_add(&g_stress, ab->ar, pd_r[k].dkill_da * R / (N * km));
        g_axpy(&g_stress, R / (N * km), &r->g_kr_rho[k]);
    }
    r->kSR = tau->v * fr * (1 + t->stress_gain * stress) + t->mutation_rate;
    g_clear(&r->g_kSR);
    if (N > 0) {
        double base = tau->v * (1 + t->stress_gain * stress);
        double amp = tau->v * fr * t->stress_gain;
        g_add(&r->g_kSR, m->s, -base * R / (N * N) + amp * dst_dS);
        g_add(&r->g_kSR, m->r, base * S / (N * N) + amp * dst_dR);
        g_axpy(&r->g_kSR, amp, &g_stress);
        g_axpy(&r->g_kSR, fr * (1 + t->stress_gain * stress), &tau->g);
    }
}

/* Every small molecule's kill moves viable cells into the damage chain. */
HOT void
kill(Eval *e, const Rhs *r)
{
    const Model *m = e->m;
    const double S = r->S, R = r->R;
    const CellPd *pd_s = r->pd_s, *pd_r = r->pd_r;
    Grad g;

    g_start(&g, e);
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        g_clear(&g);
        g_add(&g, m->s, pd_s[k].kill + S * pd_s[k].dkill_dx);
        g_add(&g, ab->as, S * pd_s[k].dkill_da);
        move(e, m->s, m->d1, pd_s[k].kill * S, &g);
        g_clear(&g);
        g_add(&g, m->r, pd_r[k].kill + R * pd_r[k].dkill_dx);
        g_add(&g, ab->ar, R * pd_r[k].dkill_da);
        g_axpy(&g, R, &r->g_kr_rho[k]);
        move(e, m->r, m->d1, pd_r[k].kill * R, &g);
    }
}

/* Growth, transfer, kill and the damage chain; leaves gS, gR and k_SR in
 * @r for the cargo in the cells. */
void
rhs_tumour(Eval *e, Rhs *r, const double *y)
{
    const Model *m = e->m;
    const ExopkTumour *t = &m->study->tumour;
    const double S = r->S, R = r->R;
    Grad g;

    growth_rates(t, r);
    transfer_rate(e, t, r);
    g_start(&g, e);
    /* growth of each population (net Gompertz) */
    g_add(&g, m->s, r->gS + S * r->dgS);
    g_add(&g, m->r, S * r->dgS);
    g_axpy(&g, S, &r->g_gs);
    move(e, -1, m->s, r->gS * S, &g);
    g_clear(&g);
    g_add(&g, m->r, r->gR + R * r->dgR);
    g_add(&g, m->s, R * r->dgR);
    g_axpy(&g, R, &r->g_gr);
    move(e, -1, m->r, r->gR * R, &g);
    /* S -> R transfer and mutation */
    g_clear(&g);
    g_add(&g, m->s, r->kSR);
    g_axpy(&g, S, &r->g_kSR);
    move(e, m->s, m->r, r->kSR * S, &g);
    kill(e, r);
    move_linear(e, m->d1, m->d2, t->k_tr, y);
    move_linear(e, m->d2, m->d3, t->k_tr, y);
    move_linear(e, m->d3, -1, t->k_tr, y);
}
