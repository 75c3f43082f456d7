/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small molecules (docs/model.md §4, §5, §10): three-compartment PK with a
 * heart compartment, uptake into tumour cells, P-gp efflux, and the kill
 * they cause. */
#include <math.h>

#include "rhs-private.h"

CellPd
rhs_cell_pd(const Model *m, double amount, double volume, double ec50, double kmax, double h)
{
    CellPd p = { 0, 0, 0, 0, 0 };
    double cv = m->cell_volume_factor * volume;

    if (volume <= 0.0 || cv <= 0.0)
        return p;  /* an empty population holds no concentration (§5) */
    p.conc = amount / cv;
    if (p.conc > 0.0) {  /* a round-off negative kills nothing (§9.7) */
        double ch = h == 1.0 ? p.conc : pow(p.conc, h);
        double eh = h == 1.0 ? ec50 : pow(ec50, h);
        double den = eh + ch;
        double dk_dc = kmax * h * (ch / p.conc) * eh / (den * den);
        p.kill = kmax * ch / den;
        p.dkill_da = dk_dc / cv;
        p.dkill_dx = -dk_dc * p.conc / volume;
        p.dkill_dec50 = -kmax * h * (eh / ec50) * ch / (den * den);
    }
    return p;
}

/* Plasma, two peripheral compartments and the heart. */
static void
free_pk(Eval *e, const AgentBlock *ab, const double *y)
{
    const ExopkStudy *s = e->m->study;
    const ExopkAgent *ag = &s->agents[ab->agent];
    double kp_v = s->subject.v_heart * ag->kp_heart;

    move_linear(e, ab->a1, ab->elim, ag->cl / ag->v1, y);
    move_linear(e, ab->a1, ab->a2, ag->q2 / ag->v1, y);
    move_linear(e, ab->a2, ab->a1, ag->q2 / ag->v2, y);
    move_linear(e, ab->a1, ab->a3, ag->q3 / ag->v1, y);
    move_linear(e, ab->a3, ab->a1, ag->q3 / ag->v3, y);
    move_linear(e, ab->a1, ab->ah, s->subject.q_heart / ag->v1, y);
    move_linear(e, ab->ah, ab->a1, s->subject.q_heart / kp_v, y);
}

/* The kill in each population, and d kill_R / d rho along the RNA effects. */
static void
interstitium(Eval *e, Rhs *r, size_t k, const double *y)
{
    const Model *m = e->m;
    const AgentBlock *ab = &m->agents[k];
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    const double S = r->S, R = r->R;
    const Dual *rho = &r->fx.rho[k];

    r->pd_s[k] = rhs_cell_pd(m, y[ab->as], S, ag->ec50, ag->kmax, ag->hill);
    r->pd_r[k] = rhs_cell_pd(m, y[ab->ar], R, rho->v * ag->ec50, ag->kmax, ag->hill);
    g_clear(&r->g_kr_rho[k]);
    g_axpy(&r->g_kr_rho[k], r->pd_r[k].dkill_dec50 * ag->ec50, &rho->g);
}

/* One population as the drug in its cells sees it. */
typedef struct {
    int pop, amt;
    double x, kout;
    const Dual *pgp;
    const CellPd *pd;
    double g, dg;                         /* net growth rate, d g / d S (= d R) */
    const Grad *g_growth, *g_rho;
} Cell;

/* Influx from the interstitium, efflux (passive, vesicular, P-gp), and the
 * drug that dying and declining cells give back. */
HOT void
drug_in_cell(Eval *e, const Rhs *r, const AgentBlock *ab, const Cell *cell, const double *y)
{
    const Model *m = e->m;
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    const double vt = r->vt, cvf = m->cell_volume_factor;
    double vint = m->study->tumour.f_int * vt * L_PER_MM3;
    double cint = vint > 0 ? y[ab->aint] / vint : 0.0;
    int pop = cell->pop, amt = cell->amt;
    double x = cell->x, a = y[amt], cx = cell->pd->conc;
    double vmax = ag->vmax_pgp * cell->pgp->v;
    double den = ag->km_pgp + cx;
    double decline = cell->g < 0 ? -cell->g : 0.0;
    double ddec = cell->g < 0 ? -cell->dg : 0.0;  /* per S and per R */
    double rate = cell->pd->kill + decline;
    Grad g;

    g_start(&g, e);
    /* influx k_in C_int V_X */
    if (vint > 0) {
        g_add(&g, ab->aint, ag->k_in * cvf * x / vint);
        g_add(&g, pop, ag->k_in * cint * cvf);
        g_axpy(&g, -ag->k_in * cint * cvf * x / vt, &r->gv);
        move(e, ab->aint, amt, ag->k_in * cint * cvf * x, &g);
    }
    /* passive + vesicular efflux, P-gp (Michaelis-Menten on amount) */
    g_clear(&g);
    g_add(&g, amt, cell->kout + vmax * ag->km_pgp / (den * den));
    if (x > 0)
        g_add(&g, pop, vmax * a * cx / (x * den * den));
    g_axpy(&g, ag->vmax_pgp * a / den, &cell->pgp->g);
    move(e, amt, ab->aint, cell->kout * a + vmax * a / den, &g);
    /* dying cells return their drug (kill, and net decline) */
    g_clear(&g);
    g_add(&g, amt, rate + a * cell->pd->dkill_da);
    g_add(&g, pop, a * cell->pd->dkill_dx);
    g_add(&g, m->s, a * ddec);
    g_add(&g, m->r, a * ddec);
    if (cell->g_rho != NULL)
        g_axpy(&g, a, cell->g_rho);
    /* unconditional: the structure must hold both branches */
    g_axpy(&g, cell->g < 0 ? -a : 0.0, cell->g_growth);
    move(e, amt, ab->aint, rate * a, &g);
}

static void
cells(Eval *e, const Rhs *r, size_t k, const double *y)
{
    const Model *m = e->m;
    const AgentBlock *ab = &m->agents[k];
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    const double S = r->S, R = r->R;
    const Effects *fx = &r->fx;
    const Cell cell[2] = {
        { m->s, ab->as, S, ag->k_out, &fx->pgp_s, &r->pd_s[k], r->gS, r->dgS, &r->g_gs, NULL },
        { m->r, ab->ar, R, ag->k_out + ag->k_vexp, &fx->pgp_r, &r->pd_r[k], r->gR, r->dgR,
          &r->g_gr, &r->g_kr_rho[k] },
    };

    for (int i = 0; i < 2; i++)
        drug_in_cell(e, r, ab, &cell[i], y);
}

const CargoModule rhs_small_molecule = { free_pk, interstitium, NULL, cells };
