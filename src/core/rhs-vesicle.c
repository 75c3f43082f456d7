/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Vesicles of each formulation and the cargo they carry (docs/model.md §2,
 * §3, §9.12): plasma, tissue, MPS, tumour interstitium, endosomes and the
 * peritoneal depot.  Carried cargo moves with its vesicles at r * L. */
#include "rhs-private.h"

/* Saturable MPS uptake and EPR entry, per particle, with derivatives. */
typedef struct {
    double r_mps, dr_mps;    /* 1/h; d r_mps / d X_P */
    double r_epr, dr_epr;    /* 1/h; d r_epr / d V_t (per mm3) */
} Uptake;

HOT void
particles(Eval *e, const Rhs *rs, const CarrierBlock *cb, const Uptake *u, const double *y)
{
    const Model *m = e->m;
    const int *x = cb->x;
    double *dydt = e->dydt;
    double xp = y[x[VC_P]];
    const double r_mps = u->r_mps, dr_mps = u->dr_mps, r_epr = u->r_epr, dr_epr = u->dr_epr;
    Grad g;

    g_start(&g, e);
    if (cb->infusion != 0.0)
        dydt[x[VC_P]] += cb->infusion;
    move_linear(e, x[VC_P], x[VC_T], cb->k_pt, y);
    move_linear(e, x[VC_T], x[VC_P], cb->k_tp, y);
    g_add(&g, x[VC_P], r_mps + xp * dr_mps);
    move(e, x[VC_P], x[VC_M], r_mps * xp, &g);
    move_linear(e, x[VC_P], cb->p_elim, cb->k_cl, y);
    move_linear(e, x[VC_T], cb->p_degr, cb->k_deg_t, y);
    move_linear(e, x[VC_M], cb->p_degr, cb->k_deg_m, y);
    if (m->has_tumour) {
        g_clear(&g);
        g_add(&g, x[VC_P], r_epr);
        g_axpy(&g, xp * dr_epr, &rs->gv);
        move(e, x[VC_P], x[VC_I], r_epr * xp, &g);
        move_linear(e, x[VC_I], x[VC_P], cb->k_ip, y);
        move_linear(e, x[VC_I], x[VC_E], cb->k_int, y);
        move_linear(e, x[VC_E], cb->p_degr, cb->k_proc, y);
    }
    move_linear(e, x[VC_PC], x[VC_P], cb->k_a_ip, y);
}

/* The tumour part of one cargo pool: EPR entry with its vesicles, leak,
 * and endosomal processing (f_esc escapes to the cytosol, routed by the
 * cargo path split S/R, the rest is degraded). */
HOT void
cargo_in_tumour(Eval *e, Rhs *rs, const CarrierBlock *cb, size_t c, int p, const Uptake *u,
                const double *y)
{
    const AgentBlock *ab = &e->m->agents[cb->cargo_agent[c]];
    const ExopkAgent *ag = &e->m->study->agents[ab->agent];
    const int *L = cb->L[c][p];
    const double r_epr = u->r_epr, dr_epr = u->dr_epr, kl = cb->k_leak[c][p], lp = y[L[VC_P]];
    double *esc = rs->esc;
    Grad g;

    g_start(&g, e);
    g_add(&g, L[VC_P], r_epr);
    g_axpy(&g, lp * dr_epr, &rs->gv);
    move(e, L[VC_P], L[VC_I], r_epr * lp, &g);
    move_linear(e, L[VC_I], L[VC_P], cb->k_ip, y);
    move_linear(e, L[VC_I], L[VC_E], cb->k_int, y);
    move_linear(e, L[VC_I], ab->aint, kl, y);
    move_linear(e, L[VC_E], ab->degr, (1 - ag->f_esc) * cb->k_proc, y);
    move_linear(e, L[VC_E], -1, ag->f_esc * cb->k_proc, y);
    esc[cb->cargo_agent[c]] += ag->f_esc * cb->k_proc * y[L[VC_E]];
    g_add(&rs->g_esc[cb->cargo_agent[c]], L[VC_E], ag->f_esc * cb->k_proc);
}

/* Pool @p of cargo @c: moves with its vesicles, leaks free into plasma. */
HOT void
cargo(Eval *e, Rhs *rs, const CarrierBlock *cb, size_t c, int p, const Uptake *u,
      const double *y)
{
    const AgentBlock *ab = &e->m->agents[cb->cargo_agent[c]];
    const ExopkAgent *ag = &e->m->study->agents[ab->agent];
    const int *x = cb->x, *L = cb->L[c][p];
    double *dydt = e->dydt;
    const double r_mps = u->r_mps, dr_mps = u->dr_mps;
    double kl = cb->k_leak[c][p], lp = y[L[VC_P]];
    Grad g;

    g_start(&g, e);
    if (cb->infusion != 0.0)
        dydt[L[VC_P]] += cb->infusion * cb->q[c][p];
    move_linear(e, L[VC_P], L[VC_T], cb->k_pt, y);
    move_linear(e, L[VC_T], L[VC_P], cb->k_tp, y);
    g_add(&g, L[VC_P], r_mps);
    g_add(&g, x[VC_P], lp * dr_mps);
    move(e, L[VC_P], L[VC_M], r_mps * lp, &g);
    move_linear(e, L[VC_P], ab->elim, cb->k_cl, y);
    /* degradation in T and M releases f_rd into plasma (§9.13) */
    move_linear(e, L[VC_T], ab->a1, ag->f_rd * cb->k_deg_t, y);
    move_linear(e, L[VC_T], ab->elim, (1 - ag->f_rd) * cb->k_deg_t, y);
    move_linear(e, L[VC_M], ab->a1, ag->f_rd * cb->k_deg_m, y);
    move_linear(e, L[VC_M], ab->elim, (1 - ag->f_rd) * cb->k_deg_m, y);
    /* leak from P, T, M (and the depot) into plasma */
    move_linear(e, L[VC_P], ab->a1, kl, y);
    move_linear(e, L[VC_T], ab->a1, kl, y);
    move_linear(e, L[VC_M], ab->a1, kl, y);
    move_linear(e, L[VC_PC], L[VC_P], cb->k_a_ip, y);
    move_linear(e, L[VC_PC], ab->a1, kl, y);
    if (e->m->has_tumour)
        cargo_in_tumour(e, rs, cb, c, p, u, y);
}

/* Every formulation's vesicles, then their cargo; accumulates the cargo
 * escaping endosomes in @rs. */
void
rhs_vesicles(Eval *e, Rhs *rs, const double *y)
{
    const Model *m = e->m;
    const double vp = m->study->subject.plasma_volume, vt = rs->vt;

    for (size_t k = 0; k < m->n_carriers; k++) {
        const CarrierBlock *cb = &m->carriers[k];
        const int *x = cb->x;
        double xp = y[x[VC_P]];
        double r_mps = cb->vmax / (cb->km_vp + xp);
        double dr_mps = -r_mps / (cb->km_vp + xp);          /* d r_mps / d X_P */
        double r_epr = m->has_tumour ? cb->ps_tum * vt * L_PER_MM3 / vp : 0.0;
        double dr_epr = m->has_tumour ? cb->ps_tum * L_PER_MM3 / vp : 0.0; /* per mm3 */
        const Uptake u = { r_mps, dr_mps, r_epr, dr_epr };

        particles(e, rs, cb, &u, y);
        for (size_t c = 0; c < cb->n_cargo; c++)
            for (int p = 0; p < POOL_N; p++)
                cargo(e, rs, cb, c, p, &u, y);
    }
}
