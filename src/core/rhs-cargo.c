/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The path every cargo class shares (docs/model.md §4, §9.6, §10): free in
 * plasma (infusion, ip absorption, AUCs), exchange with the tumour
 * interstitium, carried S -> R by cells turning resistant, and escaped
 * cargo split between the populations.  What differs by class plugs in
 * through its CargoModule. */
#include "rhs-private.h"

/* The cargo classes.  To add one: write rhs-<class>.c (and list it in
 * meson.build) defining its CargoModule (hooks for free PK, interstitium,
 * tumour effects, cells), then declare it and give it its row here. */
extern const CargoModule rhs_small_molecule;   /* rhs-agent.c */
extern const CargoModule rhs_rna;              /* rhs-rna.c: siRNA, anti-miR, mimic */

static const CargoModule *const modules[EXOPK_CLASS_COUNT] = {
    [EXOPK_CLASS_SMALL_MOLECULE] = &rhs_small_molecule,
    [EXOPK_CLASS_SIRNA] = &rhs_rna,
    [EXOPK_CLASS_ANTIMIR] = &rhs_rna,
    [EXOPK_CLASS_MIMIC] = &rhs_rna,
};

static const CargoModule *
module_of(const AgentBlock *ab)
{
    assert(ab->cls >= 0 && ab->cls < EXOPK_CLASS_COUNT && modules[ab->cls] != NULL);
    return modules[ab->cls];
}

/* The tumour parameters as the agents leave them, agent by agent. */
void
rhs_effects(const Eval *e, const double *y, double S, double R, Effects *fx)
{
    for (size_t k = 0; k < e->m->n_agents; k++) {
        const CargoModule *mod = module_of(&e->m->agents[k]);
        if (mod->effect != NULL)
            mod->effect(e, k, y, S, R, fx);
    }
}

/* Exchange with the tumour interstitium, J_tum = PS V_t (C1 - C_int), and
 * the interstitial AUC. */
HOT void
tumour_exchange(Eval *e, const Rhs *r, const AgentBlock *ab, const double *y)
{
    const ExopkTumour *t = &e->m->study->tumour;
    const ExopkAgent *ag = &e->m->study->agents[ab->agent];
    const double vt = r->vt, c1 = y[ab->a1] / ag->v1;
    double vint = t->f_int * vt * L_PER_MM3;
    double cint = vint > 0 ? y[ab->aint] / vint : 0.0;
    double ps = ag->ps_free * L_PER_MM3;
    Grad g;

    /* dJ/dV_t = PS C1 */
    g_start(&g, e);
    g_add(&g, ab->a1, ps * vt / ag->v1);
    if (vint > 0)
        g_add(&g, ab->aint, -ag->ps_free / t->f_int);
    g_axpy(&g, ps * c1, &r->gv);
    move(e, ab->a1, ab->aint, ps * vt * (c1 - cint), &g);
    g_clear(&g);
    if (vint > 0) {
        g_add(&g, ab->aint, 1.0 / vint);
        g_axpy(&g, -cint / vt, &r->gv);
    }
    move(e, -1, ab->aucint, cint, &g);
}

/* Free cargo of every agent: plasma and periphery by class, then ip
 * absorption, AUCs (quadrature states: fed from outside, not moved) and
 * the tumour interstitium. */
void
rhs_free_cargo(Eval *e, Rhs *r, const double *y)
{
    const Model *m = e->m;
    const ExopkStudy *s = m->study;
    double *dydt = e->dydt;
    Grad g = { .n = 0 };   /* zeroed: the compiler cannot see g_add's guard */

    g_start(&g, e);
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &s->agents[ab->agent];
        const CargoModule *mod = module_of(ab);
        double c1 = y[ab->a1] / ag->v1;

        if (ab->infusion != 0.0)
            dydt[ab->a1] += ab->infusion;
        if (mod->free_pk != NULL)
            mod->free_pk(e, ab, y);
        move_linear(e, ab->aip, ab->a1, ag->k_a_ip, y);
        g_clear(&g);
        g_add(&g, ab->a1, 1.0 / ag->v1);
        move(e, -1, ab->auc1, c1, &g);
        if (ab->auch >= 0) {
            g_clear(&g);
            g_add(&g, ab->ah, 1.0 / s->subject.v_heart);
            move(e, -1, ab->auch, y[ab->ah] / s->subject.v_heart, &g);
        }
        if (m->has_tumour) {
            tumour_exchange(e, r, ab, y);
            if (mod->interstitium != NULL)
                mod->interstitium(e, r, k, y);
        }
    }
}

/* Escaped cargo splits by viable share (§9.6); with no viable cells it
 * stays in the interstitium. */
HOT void
escaped(Eval *e, const Rhs *r, size_t k)
{
    const Model *m = e->m;
    const AgentBlock *ab = &m->agents[k];
    const double S = r->S, R = r->R, N = r->N;
    const double *esc = r->esc;
    const Grad *g_esc = r->g_esc;
    double fs;
    Grad g, gs;

    if (!(N > 0)) {
        move(e, -1, ab->aint, esc[k], &g_esc[k]);
        return;
    }
    fs = S / N;
    g_start(&g, e);
    g_start(&gs, e);
    g_axpy(&g, fs, &g_esc[k]);
    g_add(&g, m->s, esc[k] * R / (N * N));
    g_add(&g, m->r, -esc[k] * S / (N * N));
    move(e, -1, ab->as, esc[k] * fs, &g);
    g_axpy(&gs, 1 - fs, &g_esc[k]);
    g_add(&gs, m->s, -esc[k] * R / (N * N));
    g_add(&gs, m->r, esc[k] * S / (N * N));
    move(e, -1, ab->ar, esc[k] * (1 - fs), &gs);
}

/* Cargo in the tumour cells (§4, §9.2–§9.4), after rhs_tumour(). */
void
rhs_cell_cargo(Eval *e, const Rhs *r, const double *y)
{
    const Model *m = e->m;
    const double kSR = r->kSR;
    Grad g;

    g_start(&g, e);
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const CargoModule *mod = module_of(ab);

        if (mod->cells != NULL)
            mod->cells(e, r, k, y);
        /* cells moving S -> R take their cargo */
        g_clear(&g);
        g_add(&g, ab->as, kSR);
        g_axpy(&g, y[ab->as], &r->g_kSR);
        move(e, ab->as, ab->ar, kSR * y[ab->as], &g);
        escaped(e, r, k);
    }
}
