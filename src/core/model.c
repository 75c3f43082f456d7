/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EXO-1 right-hand side and exact Jacobian (docs/model.md §2–§5, §10).
 *
 * The model is written as fluxes between states.  Each flux carries its
 * value and its gradient (a short sparse list); `move()` subtracts it from
 * the source and adds it to the destination, in the derivative and in the
 * Jacobian alike.  So the Jacobian cannot drift from the right-hand side,
 * and every transfer conserves mass by construction: what leaves the body
 * goes to a cumulative "eliminated" or "degraded" state (§3, §9.14). */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-private.h"

#define GRAD_MAX 48

typedef struct {
    int n;
    int off;         /* no Jacobian wanted: gradients are not built */
    int idx[GRAD_MAX];
    double d[GRAD_MAX];
} Grad;

static inline void
g_clear(Grad *g)
{
    g->n = 0;
}

/* Set while model_pattern() records the structure: zeros count too. */
static _Thread_local int keep_zeros;

static inline __attribute__((always_inline)) void
g_add(Grad *g, int i, double d)
{
    if (!g->off && i >= 0 && (d != 0.0 || keep_zeros)) {
        assert(g->n < GRAD_MAX);
        g->idx[g->n] = i;
        g->d[g->n++] = d;
    }
}

/* g += s * h */
static inline void
g_axpy(Grad *g, double s, const Grad *h)
{
    if (g->off)
        return;
    for (int k = 0; k < h->n; k++)
        g_add(g, h->idx[k], s * h->d[k]);
}

typedef struct {
    const Model *m;
    double *dydt;
    double *jac;     /* NULL: no Jacobian */
    unsigned char *touched; /* n x n, or NULL: records the structure */
    int record;      /* gather the constant-rate fluxes into m->linear */
    int skip_linear; /* they are applied from m->linear */
} Eval;

/* Moves flux @f (gradient @g) from state @from to state @to; -1 = outside. */
#define HOT static inline __attribute__((always_inline))

HOT void
move(Eval *e, int from, int to, double f, const Grad *g)
{
    size_t n = e->m->n;

    if (from >= 0)
        e->dydt[from] -= f;
    if (to >= 0)
        e->dydt[to] += f;
    if (e->jac == NULL || g == NULL)
        return;
    for (int k = 0; k < g->n; k++) {
        if (from >= 0)
            e->jac[(size_t) from * n + (size_t) g->idx[k]] -= g->d[k];
        if (to >= 0)
            e->jac[(size_t) to * n + (size_t) g->idx[k]] += g->d[k];
    }
    if (e->touched != NULL)
        for (int k = 0; k < g->n; k++) {
            if (from >= 0)
                e->touched[(size_t) from * n + (size_t) g->idx[k]] = 1;
            if (to >= 0)
                e->touched[(size_t) to * n + (size_t) g->idx[k]] = 1;
        }
}

/* A first-order flux k * y[i] from i to j.  Once the model is compiled
 * these fluxes come from m->linear, and the calls are skipped outright. */
#define move_linear(e, i, j, k, y)                                            \
    do {                                                                      \
        if (!(e)->skip_linear)                                                \
            move_first_order((e), (i), (j), (k), (y));                        \
    } while (0)

static void
move_first_order(Eval *e, int i, int j, double k, const double *y)
{
    Grad g;

    if (i < 0 || (k == 0.0 && !keep_zeros))
        return;
    if (e->record) {
        Model *m = (Model *) e->m;   /* only while compiling */
        struct LinearFlux *grown = realloc(m->linear, (m->n_linear + 1) * sizeof *grown);
        if (grown != NULL) {
            m->linear = grown;
            grown[m->n_linear++] = (struct LinearFlux) { i, j, k };
        } else {
            e->record = -1;
        }
        return;
    }
    if (e->jac == NULL) {
        move(e, i, j, k * y[i], NULL);
        return;
    }
    g.off = 0;
    g.n = 1;           /* zero rates count while the structure is recorded */
    g.idx[0] = i;
    g.d[0] = k;
    move(e, i, j, k * y[i], &g);
}

static int eval_with(Eval *e, const double *y);

static int
eval_full(const Model *m, const double *y, double *dydt, double *jac, unsigned char *touched)
{
    Eval e = { m, dydt, jac, touched, 0, 0 };
    return eval_with(&e, y);
}

/* ---- layout -------------------------------------------------------------- */

static int
new_state(Model *m, const char *name, double scale)
{
    int i = (int) m->n++;
    void *s = realloc(m->scale, m->n * sizeof *m->scale);
    void *nm = s ? realloc(m->names, m->n * sizeof *m->names) : NULL;

    if (s != NULL)
        m->scale = s;
    if (nm == NULL)
        return -1;
    m->names = nm;
    m->scale[i] = scale;
    snprintf(m->names[i], sizeof m->names[i], "%s", name);
    return i;
}

int
model_carrier_of(const Model *m, int formulation)
{
    for (size_t i = 0; i < m->n_carriers; i++)
        if (m->carriers[i].formulation == formulation)
            return (int) i;
    return -1;
}

int
model_agent_of(const Model *m, int agent)
{
    for (size_t i = 0; i < m->n_agents; i++)
        if (m->agents[i].agent == agent)
            return (int) i;
    return -1;
}

static int
add_agent(Model *m, int agent)
{
    int k = model_agent_of(m, agent);

    if (k >= 0)
        return k;
    m->agents[m->n_agents].agent = agent;
    return (int) m->n_agents++;
}

#define SCALE_PARTICLES 1e11
#define SCALE_NMOL 1.0
#define SCALE_TUMOUR 100.0
#define SCALE_AUC 1.0
#define SCALE_RELATIVE 1.0   /* mRNA, protein, miRNA activity: 1 at baseline */

int
model_init(Model *m, const ExopkStudy *s, size_t arm)
{
    const ExopkArm *a = &s->arms[arm];
    int ip_carrier[EXOPK_MAX_AGENTS] = { 0 }, ip_agent[EXOPK_MAX_AGENTS] = { 0 };
    char nm[160];
    int ok = 1;

    memset(m, 0, sizeof *m);
    m->study = s;
    m->arm = arm;
    m->has_tumour = s->has_tumour;
    m->s = m->r = m->d1 = m->d2 = m->d3 = -1;

    /* which formulations and agents the arm uses, and whether by ip */
    for (size_t d = 0; d < a->n_doses; d++) {
        const ExopkDose *dose = &a->doses[d];
        if (dose->formulation >= 0) {
            int k = model_carrier_of(m, dose->formulation);
            if (k < 0) {
                const ExopkFormulation *f = &s->formulations[dose->formulation];
                k = (int) m->n_carriers++;
                m->carriers[k].formulation = dose->formulation;
                m->carriers[k].n_cargo = f->n_cargo;
                for (size_t c = 0; c < f->n_cargo; c++)
                    m->carriers[k].cargo_agent[c] = add_agent(m, f->cargo[c].agent);
            }
            ip_carrier[k] |= dose->route == EXOPK_ROUTE_IP;
        } else {
            int k = add_agent(m, dose->agent);
            ip_agent[k] |= dose->route == EXOPK_ROUTE_IP;
        }
    }

    for (size_t k = 0; k < m->n_carriers; k++) {
        CarrierBlock *cb = &m->carriers[k];
        const ExopkFormulation *f = &s->formulations[cb->formulation];
        static const char *const comp[VC_N] = { "plasma", "tissue", "mps",
            "tumour_interstitium", "tumour_cells", "peritoneum" };
        static const char *const pool[POOL_N] = { "lumen", "membrane" };
        ExopkLoadingReport rep[EXOPK_MAX_CARGO];

        for (int c = 0; c < VC_N; c++) {
            int present = (c < VC_I) || (c <= VC_E && m->has_tumour) ||
                          (c == VC_PC && ip_carrier[k]);
            snprintf(nm, sizeof nm, "%s.%s_particles", f->name, comp[c]);
            cb->x[c] = present ? new_state(m, nm, SCALE_PARTICLES) : -1;
            ok &= !present || cb->x[c] >= 0;
        }
        exopk_formulation_load(f, s, rep);
        for (size_t c = 0; c < cb->n_cargo; c++) {
            const ExopkAgent *ag = &s->agents[f->cargo[c].agent];
            for (int p = 0; p < POOL_N; p++) {
                double leak = p == POOL_LUMEN ? ag->k_leak_lumen : ag->k_leak_membrane;
                double q = p == POOL_LUMEN ? rep[c].q_lumen : rep[c].q_membrane;
                cb->q[c][p] = q / EXOPK_MOLECULES_PER_NMOL;
                cb->k_leak[c][p] = leak * f->method.leak_multiplier;
                for (int v = 0; v < VC_N; v++) {
                    snprintf(nm, sizeof nm, "%s.%s.%s_%s", f->name, ag->name, pool[p], comp[v]);
                    cb->L[c][p][v] = cb->x[v] >= 0 ? new_state(m, nm, SCALE_NMOL) : -1;
                    ok &= cb->x[v] < 0 || cb->L[c][p][v] >= 0;
                }
            }
        }
        snprintf(nm, sizeof nm, "%s.particles_eliminated", f->name);
        cb->p_elim = new_state(m, nm, SCALE_PARTICLES);
        snprintf(nm, sizeof nm, "%s.particles_degraded", f->name);
        cb->p_degr = new_state(m, nm, SCALE_PARTICLES);
        ok &= cb->p_elim >= 0 && cb->p_degr >= 0;

        /* effective constants (docs/model.md §2, surface and method multipliers) */
        {
            const ExopkCarrier *c = &f->carrier;
            double mps = f->method.mps_multiplier * (f->cd47 ? c->cd47_mps_multiplier : 1.0) *
                         (f->peg ? c->peg_mps_multiplier : 1.0);
            double uptake = f->peg ? c->peg_uptake_multiplier : 1.0;
            cb->k_pt = c->k_pt;
            cb->k_tp = c->k_tp;
            cb->k_deg_t = c->k_deg_t;
            cb->k_deg_m = c->k_deg_m;
            cb->k_cl = c->k_cl;
            cb->k_ip = c->k_ip / (1.0 + c->g_tgt);
            cb->k_int = c->k_int * (1.0 + c->g_tgt) * uptake;
            cb->k_proc = c->k_proc;
            cb->k_a_ip = c->k_a_ip;
            cb->vmax = c->vmax_mps * mps;
            cb->km_vp = c->km_mps * s->subject.plasma_volume;
            cb->ps_tum = c->ps_tum;
        }
    }

    for (size_t k = 0; k < m->n_agents; k++) {
        AgentBlock *ab = &m->agents[k];
        const char *an = s->agents[ab->agent].name;
        ExopkCargoClass cls = s->agents[ab->agent].cargo_class;
        int sm = cls == EXOPK_CLASS_SMALL_MOLECULE, si = cls == EXOPK_CLASS_SIRNA;
        int tum = m->has_tumour;
#define STATE(field, suffix, scale, present)                                  \
        do {                                                                  \
            snprintf(nm, sizeof nm, "%s.%s", an, suffix);                     \
            ab->field = (present) ? new_state(m, nm, scale) : -1;             \
            ok &= !(present) || ab->field >= 0;                               \
        } while (0)
        ab->cls = cls;
        m->has_rna |= !sm && tum;
        STATE(a1, "central", SCALE_NMOL, 1);
        STATE(a2, "peripheral2", SCALE_NMOL, sm);
        STATE(a3, "peripheral3", SCALE_NMOL, sm);
        STATE(ah, "heart", SCALE_NMOL, sm);
        STATE(aint, "tumour_interstitium", SCALE_NMOL, tum);
        STATE(as, sm ? "cells_s" : "cytosol_s", SCALE_NMOL, tum);
        STATE(ar, sm ? "cells_r" : "cytosol_r", SCALE_NMOL, tum);
        STATE(aip, "peritoneum", SCALE_NMOL, ip_agent[k]);
        STATE(auc1, "plasma_auc", SCALE_AUC, 1);
        STATE(auch, "heart_auc", SCALE_AUC, sm);
        STATE(aucint, "tumour_auc", SCALE_AUC, tum);
        STATE(elim, "eliminated", SCALE_NMOL, 1);
        STATE(degr, "degraded", SCALE_NMOL, 1);
        STATE(rs, "risc_s", SCALE_NMOL, si && tum);
        STATE(rr, "risc_r", SCALE_NMOL, si && tum);
        STATE(ms, si ? "mrna_s" : "mirna_s", SCALE_RELATIVE, !sm && tum);
        STATE(mr, si ? "mrna_r" : "mirna_r", SCALE_RELATIVE, !sm && tum);
        STATE(ps, "protein_s", SCALE_RELATIVE, si && tum);
        STATE(pr, "protein_r", SCALE_RELATIVE, si && tum);
#undef STATE
    }

    if (m->has_tumour) {
        const ExopkTumour *t = &s->tumour;
        m->s = new_state(m, "tumour.sensitive", SCALE_TUMOUR);
        m->r = new_state(m, "tumour.resistant", SCALE_TUMOUR);
        m->d1 = new_state(m, "tumour.damaged1", SCALE_TUMOUR);
        m->d2 = new_state(m, "tumour.damaged2", SCALE_TUMOUR);
        m->d3 = new_state(m, "tumour.damaged3", SCALE_TUMOUR);
        ok &= m->s >= 0 && m->r >= 0 && m->d1 >= 0 && m->d2 >= 0 && m->d3 >= 0;
        /* growth_rate is the specific rate at 100 mm3 (docs/model.md §5) */
        m->lambda = t->growth_rate / log(t->capacity / 100.0);
        m->cell_volume_factor = (1.0 - t->f_int) * L_PER_MM3;
        m->one_cell = 1.0 / t->cells_per_mm3;
    }
    if (!ok) {
        model_clear(m);
        return -1;
    }
    return 0;
}

void
model_clear(Model *m)
{
    free(m->linear);
    free(m->jac_linear);
    m->linear = NULL;
    m->jac_linear = NULL;
    m->n_linear = 0;
    free(m->jac_positions);
    m->jac_positions = NULL;
    free(m->scale);
    free(m->names);
    m->scale = NULL;
    m->names = NULL;
}

static void
model_clear_compiled(Model *m)
{
    free(m->jac_positions);
    free(m->linear);
    free(m->jac_linear);
    m->jac_positions = NULL;
    m->linear = NULL;
    m->jac_linear = NULL;
    m->n_linear = 0;
}

/* Gathers the constant-rate fluxes and their (constant) Jacobian. */
static int
compile_linear(Model *m)
{
    const size_t n = m->n;
    double *y = calloc(n, sizeof *y), *f = calloc(n, sizeof *f);
    double *jl = calloc(n * n, sizeof *jl);
    Eval e = { m, f, NULL, NULL, 1, 0 };
    int ok = y && f && jl;

    if (ok) {
        for (size_t i = 0; i < n; i++)
            y[i] = 1.0;
        eval_with(&e, y);
        ok = e.record > 0;
    }
    if (ok) {
        for (size_t l = 0; l < m->n_linear; l++) {
            const struct LinearFlux *lf = &m->linear[l];
            jl[(size_t) lf->from * n + (size_t) lf->from] -= lf->k;
            if (lf->to >= 0)
                jl[(size_t) lf->to * n + (size_t) lf->from] += lf->k;
        }
        m->jac_linear = malloc((m->n_jac_positions + 1) * sizeof *m->jac_linear);
        ok = m->jac_linear != NULL;
        for (size_t p = 0; ok && p < m->n_jac_positions; p++)
            m->jac_linear[p] = jl[m->jac_positions[p]];
    }
    free(y);
    free(f);
    free(jl);
    return ok ? 0 : -1;
}

unsigned char *
model_pattern(Model *m)
{
    const size_t n = m->n;
    unsigned char *p = calloc(n * n, 1);
    double *y = malloc(n * sizeof *y), *f = malloc(n * sizeof *f);
    double *jac = malloc(n * n * sizeof *jac);
    int ok = p && y && f && jac;

    model_clear_compiled(m);
    /* Two generic states (all positive; then no viable cells) cover every
     * branch of the right-hand side; zero derivatives are kept. */
    for (int pass = 0; pass < 2 && ok; pass++) {
        for (size_t i = 0; i < n; i++)
            y[i] = 1.0 + 0.01 * (double) i;
        if (pass == 1 && m->has_tumour)
            y[m->s] = y[m->r] = 0.0;
        keep_zeros = 1;
        eval_full(m, y, f, jac, p);
        keep_zeros = 0;
    }
    free(y);
    free(f);
    free(jac);
    if (ok) {
        size_t count = 0;
        for (size_t i = 0; i < n * n; i++)
            count += p[i] != 0;
        m->jac_positions = malloc((count + 1) * sizeof *m->jac_positions);
        ok = m->jac_positions != NULL;
        for (size_t i = 0, k = 0; ok && i < n * n; i++)
            if (p[i])
                m->jac_positions[k++] = i;
        m->n_jac_positions = count;
    }
    if (ok)
        ok = compile_linear(m) == 0;
    if (!ok) {
        model_clear_compiled(m);
        free(p);
        return NULL;
    }
    return p;
}

double
model_tumour_volume(const Model *m, const double *y)
{
    if (!m->has_tumour)
        return 0.0;
    return y[m->s] + y[m->r] + y[m->d1] + y[m->d2] + y[m->d3];
}

/* ---- tumour-cell pharmacology -------------------------------------------- */

/* Per agent and cell type: concentration, kill and their derivatives. */
typedef struct {
    double conc;         /* nmol/L in the cells */
    double kill;         /* 1/h */
    double dkill_da;     /* d kill / d amount */
    double dkill_dx;     /* d kill / d population volume */
    double dkill_dec50;  /* d kill / d EC50 */
} CellPd;

static CellPd
cell_pd(const Model *m, double amount, double volume, double ec50, double kmax, double h)
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

/* ---- RNA cargo (docs/model.md §4) --------------------------------------------- */

/* A value with its gradient. */
typedef struct {
    double v;
    Grad g;
} Dual;

static inline void
dual_init(Dual *x, double v, int off)
{
    x->v = v;
    x->g.n = 0;
    x->g.off = off;
}

/* x *= fac */
static void
dual_scale(Dual *x, double fac, const Grad *gfac)
{
    double old = x->v;

    for (int k = 0; k < x->g.n; k++)
        x->g.d[k] *= fac;
    g_axpy(&x->g, old, gfac);
    x->v = old * fac;
}

/* rho - 1 *= fac: the RNA target carries a share of the EC50 shift */
static void
dual_scale_excess(Dual *x, double fac, const Grad *gfac)
{
    double excess = x->v - 1.0;

    for (int k = 0; k < x->g.n; k++)
        x->g.d[k] *= fac;
    g_axpy(&x->g, excess, gfac);
    x->v = 1.0 + excess * fac;
}

/* The tumour parameters as the RNA agents leave them: X (1 - f (1 - level))
 * with the level of the cells concerned (resistant cells for rho, each
 * population for P-gp and growth, the viable mean for transfer). */
static void
rna_effects(const Model *m, const double *y, double S, double R, int off, Dual *pgp_s,
            Dual *pgp_r, Dual *rho, Dual *tau, Dual *lam_s, Dual *lam_r)
{
    const double N = S + R;

    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &m->study->agents[ab->agent];
        int si = ab->cls == EXOPK_CLASS_SIRNA;
        int ls = si ? ab->ps : ab->ms, lr = si ? ab->pr : ab->mr;
        double xs, xr, xbar;
        Grad gs, gr;

        if (ab->cls == EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        xs = y[ls];
        xr = y[lr];
        xbar = (xs * S + xr * R) / N;
        gs.off = gr.off = off;
        for (int pass = 0; pass < (si ? 1 : 2); pass++) {
            /* siRNA: share on its acts_on; anti-miR: share on rho, then
             * share_transfer on tau */
            double f = pass == 0 ? ag->share : ag->share_transfer;
            ExopkActsOn on = si ? ag->acts_on
                                : (pass == 0 ? EXOPK_ACTS_ON_RESISTANCE : EXOPK_ACTS_ON_TRANSFER);
            double fs = 1 - f + f * xs, fr = 1 - f + f * xr, fbar = 1 - f + f * xbar;
            Grad gbar;

            g_clear(&gs);
            g_add(&gs, ls, f);
            g_clear(&gr);
            g_add(&gr, lr, f);
            gbar.off = off;
            g_clear(&gbar);
            g_add(&gbar, ls, f * S / N);
            g_add(&gbar, lr, f * R / N);
            g_add(&gbar, m->s, f * (xs - xbar) / N);
            g_add(&gbar, m->r, f * (xr - xbar) / N);
            switch (on) {
            case EXOPK_ACTS_ON_PGP:
                dual_scale(pgp_s, fs, &gs);
                dual_scale(pgp_r, fr, &gr);
                break;
            case EXOPK_ACTS_ON_RESISTANCE:
                dual_scale_excess(rho, fr, &gr);
                break;
            case EXOPK_ACTS_ON_TRANSFER:
                dual_scale(tau, fbar, &gbar);
                break;
            case EXOPK_ACTS_ON_GROWTH:
                dual_scale(lam_s, fs, &gs);
                dual_scale(lam_r, fr, &gr);
                break;
            default:
                break;
            }
        }
    }
}

double
model_biomarker_secretion(const Model *m, const double *y)
{
    const ExopkTumour *t = &m->study->tumour;
    double S, R, N, stress = 0;
    Dual pgp_s, pgp_r, rho, tau, lam_s, lam_r;

    if (!m->has_tumour)
        return 0.0;
    S = y[m->s];
    R = y[m->r];
    N = S + R;
    if (!(N > 0))
        return 0.0;
    dual_init(&pgp_s, 1.0, 1);
    dual_init(&pgp_r, t->pgp_resistant, 1);
    dual_init(&rho, t->rho, 1);
    dual_init(&tau, t->transfer_rate, 1);
    dual_init(&lam_s, m->lambda, 1);
    dual_init(&lam_r, m->lambda, 1);
    if (m->has_rna)
        rna_effects(m, y, S, R, 1, &pgp_s, &pgp_r, &rho, &tau, &lam_s, &lam_r);
    /* the drug stress of docs/model.md §9.5, as the right-hand side computes it */
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &m->study->agents[ab->agent];
        CellPd ps, pr;
        if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        ps = cell_pd(m, y[ab->as], S, ag->ec50, ag->kmax, ag->hill);
        pr = cell_pd(m, y[ab->ar], R, rho.v * ag->ec50, ag->kmax, ag->hill);
        stress += (ps.kill * S + pr.kill * R) / (N * ag->kmax);
    }
    return t->cells_per_mm3 * t->biomarker_secretion *
           (S + t->biomarker_resistant_multiplier * R) * (1 + t->stress_gain * stress);
}

/* ---- the right-hand side -------------------------------------------------- */

/* RNA in tumour cells, as amounts held by each population (so division
 * dilutes them per cell): cytosolic RNA turns over; siRNA loads RISC; cells
 * that die take their RNA with them (degraded); target mRNA and protein
 * (siRNA) or miRNA activity (anti-miR) are per-cell levels relative to 1. */
static void
rna_cells(Eval *e, const double *y, size_t k, double S, double R, double N, double gS,
          double gR, double dgS, double dgR, const Grad *g_gs, const Grad *g_gr,
          const CellPd *pd_s, const CellPd *pd_r, const Grad *g_kr_rho, const Grad *g_kSR,
          double kSR)
{
    const Model *m = e->m;
    const AgentBlock *ab = &m->agents[k];
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    const double cpm = m->study->tumour.cells_per_mm3;
    const int si = ab->cls == EXOPK_CLASS_SIRNA, off = e->jac == NULL;
    Grad g;

    g.off = off;
    /* anti-miR enters cells without a carrier, slowly (gymnotic uptake) */
    if (!si && ag->k_gymnotic > 0 && N > 0) {
        double kg = ag->k_gymnotic, a = y[ab->aint];
        g_clear(&g);
        g_add(&g, ab->aint, kg * S / N);
        g_add(&g, m->s, kg * a * R / (N * N));
        g_add(&g, m->r, -kg * a * S / (N * N));
        move(e, ab->aint, ab->as, kg * a * S / N, &g);
        g_clear(&g);
        g_add(&g, ab->aint, kg * R / N);
        g_add(&g, m->s, -kg * a * R / (N * N));
        g_add(&g, m->r, kg * a * S / (N * N));
        move(e, ab->aint, ab->ar, kg * a * R / N, &g);
    }
    move_linear(e, ab->as, ab->degr, ag->k_cyto, y);
    move_linear(e, ab->ar, ab->degr, ag->k_cyto, y);
    if (si) {
        move_linear(e, ab->as, ab->rs, ag->k_risc, y);
        move_linear(e, ab->ar, ab->rr, ag->k_risc, y);
        move_linear(e, ab->rs, ab->degr, ag->k_risc_deg, y);
        move_linear(e, ab->rr, ab->degr, ag->k_risc_deg, y);
        /* loaded RISC moves with cells turning resistant */
        g_clear(&g);
        g_add(&g, ab->rs, kSR);
        g_axpy(&g, y[ab->rs], g_kSR);
        move(e, ab->rs, ab->rr, kSR * y[ab->rs], &g);
    }

    for (int i = 0; i < 2; i++) {
        const int pop = i == 0 ? m->s : m->r;
        const int amts[2] = { i == 0 ? ab->as : ab->ar, i == 0 ? ab->rs : ab->rr };
        const int level = i == 0 ? ab->ms : ab->mr, protein = i == 0 ? ab->ps : ab->pr;
        const double x = i == 0 ? S : R, growth = i == 0 ? gS : gR, dg = i == 0 ? dgS : dgR;
        const double cells = x * cpm;
        double rate = growth < 0 ? -growth : 0.0;   /* net decline */
        Grad grate;

        /* cells dying (every small molecule's kill) and declining */
        grate.off = off;
        g_clear(&grate);
        /* unconditional (zero when growing): the structure holds both branches */
        g_add(&grate, m->s, growth < 0 ? -dg : 0.0);
        g_add(&grate, m->r, growth < 0 ? -dg : 0.0);
        g_axpy(&grate, growth < 0 ? -1.0 : 0.0, i == 0 ? g_gs : g_gr);
        for (size_t j = 0; j < m->n_agents; j++) {
            const AgentBlock *aj = &m->agents[j];
            const CellPd *pd = i == 0 ? &pd_s[j] : &pd_r[j];
            if (aj->cls != EXOPK_CLASS_SMALL_MOLECULE)
                continue;
            rate += pd->kill;
            g_add(&grate, i == 0 ? aj->as : aj->ar, pd->dkill_da);
            g_add(&grate, pop, pd->dkill_dx);
            if (i == 1)
                g_axpy(&grate, 1.0, &g_kr_rho[j]);
        }
        for (int a = 0; a < (si ? 2 : 1); a++) {
            g_clear(&g);
            g_add(&g, amts[a], rate);
            g_axpy(&g, y[amts[a]], &grate);
            move(e, amts[a], ab->degr, rate * y[amts[a]], &g);
        }

        if (si) {
            /* dm = k_m (1 - m) - k_m Imax Rk/(IC50 + Rk) m, Rk = RISC per cell */
            double rk = cells > 0 ? y[amts[1]] * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
            double inh = ag->imax * rk / (ag->ic50_risc + rk);
            double dinh = ag->imax * ag->ic50_risc / ((ag->ic50_risc + rk) * (ag->ic50_risc + rk));
            double mv = y[level], km = ag->k_mrna, kp = ag->k_protein;

            g_clear(&g);
            g_add(&g, level, -km - km * inh);
            if (cells > 0) {
                g_add(&g, amts[1], -km * mv * dinh * EXOPK_MOLECULES_PER_NMOL / cells);
                g_add(&g, pop, km * mv * dinh * rk / x);
            }
            move(e, -1, level, km * (1 - mv) - km * inh * mv, &g);
            g_clear(&g);
            g_add(&g, level, kp);
            g_add(&g, protein, -kp);
            move(e, -1, protein, kp * (mv - y[protein]), &g);
        } else {
            /* da = k_mirna (1 - a) - k_bind Q a; each binding uses one anti-miR */
            double q = cells > 0 ? y[amts[0]] * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
            double av = y[level], kb = ag->k_bind;

            g_clear(&g);
            g_add(&g, level, -ag->k_mirna - kb * q);
            if (cells > 0) {
                g_add(&g, amts[0], -kb * av * EXOPK_MOLECULES_PER_NMOL / cells);
                g_add(&g, pop, kb * av * q / x);
            }
            move(e, -1, level, ag->k_mirna * (1 - av) - kb * q * av, &g);
            g_clear(&g);
            g_add(&g, amts[0], kb * ag->mirna_copies * av);
            g_add(&g, level, kb * ag->mirna_copies * y[amts[0]]);
            move(e, amts[0], ab->degr, kb * ag->mirna_copies * av * y[amts[0]], &g);
        }
    }
}

int
model_eval(const Model *m, const double *y, double *dydt, double *jac)
{
    return eval_full(m, y, dydt, jac, NULL);
}

static int
eval_with(Eval *ep, const double *y)
{
    const Model *m = ep->m;
    double *dydt = ep->dydt, *jac = ep->jac;
    const ExopkStudy *s = m->study;
    const double vp = s->subject.plasma_volume;
    Eval e = *ep;

    e.skip_linear = m->jac_linear != NULL && !e.record;
    Grad g = { .n = 0 }, gv = { .n = 0 }; /* gv: gradient of the tumour volume */
    double vt = 0, S = 0, R = 0, N = 0;
    /* per-agent tumour quantities */
    CellPd pd_s[EXOPK_MAX_AGENTS], pd_r[EXOPK_MAX_AGENTS];
    Grad g_kr_rho[EXOPK_MAX_AGENTS];  /* d kill_R / d (RNA levels) via rho */
    double esc[EXOPK_MAX_AGENTS];  /* cargo escaping endosomes, nmol/h */
    Grad g_esc[EXOPK_MAX_AGENTS];
    double gS = 0, gR = 0, dgS = 0, dgR = 0, kSR = 0;
    Grad g_kSR;
    const int off = jac == NULL;

    g.off = gv.off = g_kSR.off = off;
    for (size_t k = 0; k < EXOPK_MAX_AGENTS; k++) {
        g_esc[k].off = g_kr_rho[k].off = off;
        g_kr_rho[k].n = 0;
    }
    memset(dydt, 0, m->n * sizeof *dydt);
    if (jac != NULL) {
        if (m->jac_linear != NULL)
            for (size_t p = 0; p < m->n_jac_positions; p++)
                jac[m->jac_positions[p]] = m->jac_linear[p];
        else if (m->jac_positions != NULL)
            for (size_t p = 0; p < m->n_jac_positions; p++)
                jac[m->jac_positions[p]] = 0.0;
        else
            memset(jac, 0, m->n * m->n * sizeof *jac);
    }
    if (m->jac_linear != NULL && !e.record)
        for (size_t l = 0; l < m->n_linear; l++) {
            const struct LinearFlux *lf = &m->linear[l];
            double f = lf->k * y[lf->from];
            dydt[lf->from] -= f;
            if (lf->to >= 0)
                dydt[lf->to] += f;
        }

    g_clear(&gv);
    if (m->has_tumour) {
        S = y[m->s], R = y[m->r];
        N = S + R;
        vt = model_tumour_volume(m, y);
        g_add(&gv, m->s, 1);
        g_add(&gv, m->r, 1);
        g_add(&gv, m->d1, 1);
        g_add(&gv, m->d2, 1);
        g_add(&gv, m->d3, 1);
    }
    for (size_t k = 0; k < m->n_agents; k++) {
        esc[k] = 0;
        g_clear(&g_esc[k]);
    }

    /* vesicles and the cargo they carry (§2, §3, §9.12) */
    for (size_t k = 0; k < m->n_carriers; k++) {
        const CarrierBlock *cb = &m->carriers[k];
        const int *x = cb->x;
        double xp = y[x[VC_P]];
        double r_mps = cb->vmax / (cb->km_vp + xp);
        double dr_mps = -r_mps / (cb->km_vp + xp);          /* d r_mps / d X_P */
        double r_epr = m->has_tumour ? cb->ps_tum * vt * L_PER_MM3 / vp : 0.0;
        double dr_epr = m->has_tumour ? cb->ps_tum * L_PER_MM3 / vp : 0.0; /* per mm3 */

        if (cb->infusion != 0.0)
            dydt[x[VC_P]] += cb->infusion;

        /* particles */
        move_linear(&e, x[VC_P], x[VC_T], cb->k_pt, y);
        move_linear(&e, x[VC_T], x[VC_P], cb->k_tp, y);
        g_clear(&g);
        g_add(&g, x[VC_P], r_mps + xp * dr_mps);
        move(&e, x[VC_P], x[VC_M], r_mps * xp, &g);
        move_linear(&e, x[VC_P], cb->p_elim, cb->k_cl, y);
        move_linear(&e, x[VC_T], cb->p_degr, cb->k_deg_t, y);
        move_linear(&e, x[VC_M], cb->p_degr, cb->k_deg_m, y);
        if (m->has_tumour) {
            g_clear(&g);
            g_add(&g, x[VC_P], r_epr);
            g_axpy(&g, xp * dr_epr, &gv);
            move(&e, x[VC_P], x[VC_I], r_epr * xp, &g);
            move_linear(&e, x[VC_I], x[VC_P], cb->k_ip, y);
            move_linear(&e, x[VC_I], x[VC_E], cb->k_int, y);
            move_linear(&e, x[VC_E], cb->p_degr, cb->k_proc, y);
        }
        move_linear(&e, x[VC_PC], x[VC_P], cb->k_a_ip, y);

        /* carried cargo: moves with its vesicles at r * L (§9.12) */
        for (size_t c = 0; c < cb->n_cargo; c++) {
            const AgentBlock *ab = &m->agents[cb->cargo_agent[c]];
            const ExopkAgent *ag = &s->agents[ab->agent];
            for (int p = 0; p < POOL_N; p++) {
                const int *L = cb->L[c][p];
                double kl = cb->k_leak[c][p], lp = y[L[VC_P]];

                if (cb->infusion != 0.0)
                    dydt[L[VC_P]] += cb->infusion * cb->q[c][p];
                move_linear(&e, L[VC_P], L[VC_T], cb->k_pt, y);
                move_linear(&e, L[VC_T], L[VC_P], cb->k_tp, y);
                g_clear(&g);
                g_add(&g, L[VC_P], r_mps);
                g_add(&g, x[VC_P], lp * dr_mps);
                move(&e, L[VC_P], L[VC_M], r_mps * lp, &g);
                move_linear(&e, L[VC_P], ab->elim, cb->k_cl, y);
                /* degradation in T and M releases f_rd into plasma (§9.13) */
                move_linear(&e, L[VC_T], ab->a1, ag->f_rd * cb->k_deg_t, y);
                move_linear(&e, L[VC_T], ab->elim, (1 - ag->f_rd) * cb->k_deg_t, y);
                move_linear(&e, L[VC_M], ab->a1, ag->f_rd * cb->k_deg_m, y);
                move_linear(&e, L[VC_M], ab->elim, (1 - ag->f_rd) * cb->k_deg_m, y);
                /* leak from P, T, M (and the depot) into plasma */
                move_linear(&e, L[VC_P], ab->a1, kl, y);
                move_linear(&e, L[VC_T], ab->a1, kl, y);
                move_linear(&e, L[VC_M], ab->a1, kl, y);
                move_linear(&e, L[VC_PC], L[VC_P], cb->k_a_ip, y);
                move_linear(&e, L[VC_PC], ab->a1, kl, y);
                if (m->has_tumour) {
                    g_clear(&g);
                    g_add(&g, L[VC_P], r_epr);
                    g_axpy(&g, lp * dr_epr, &gv);
                    move(&e, L[VC_P], L[VC_I], r_epr * lp, &g);
                    move_linear(&e, L[VC_I], L[VC_P], cb->k_ip, y);
                    move_linear(&e, L[VC_I], L[VC_E], cb->k_int, y);
                    move_linear(&e, L[VC_I], ab->aint, kl, y);
                    /* endosomal processing: f_esc escapes to the cytosol
                     * (routed below, split S/R), the rest is degraded */
                    move_linear(&e, L[VC_E], ab->degr, (1 - ag->f_esc) * cb->k_proc, y);
                    move_linear(&e, L[VC_E], -1, ag->f_esc * cb->k_proc, y);
                    esc[cb->cargo_agent[c]] += ag->f_esc * cb->k_proc * y[L[VC_E]];
                    g_add(&g_esc[cb->cargo_agent[c]], L[VC_E], ag->f_esc * cb->k_proc);
                }
            }
        }
    }

    /* RNA effects on the tumour (docs/model.md §4): the target protein (siRNA)
     * or miRNA activity (anti-miR) scales one tumour parameter,
     * X_eff = X (1 - share (1 - level)).  Without RNA every factor is its
     * base value with no gradient, so the arithmetic is the core's. */
    Dual pgp_s, pgp_r, rho, tau, lam_s, lam_r;
    dual_init(&pgp_s, 1.0, off);
    dual_init(&pgp_r, m->has_tumour ? s->tumour.pgp_resistant : 0.0, off);
    dual_init(&rho, m->has_tumour ? s->tumour.rho : 0.0, off);
    dual_init(&tau, m->has_tumour ? s->tumour.transfer_rate : 0.0, off);
    dual_init(&lam_s, m->lambda, off);
    dual_init(&lam_r, m->lambda, off);
    if (m->has_rna && N > 0)
        rna_effects(m, y, S, R, off, &pgp_s, &pgp_r, &rho, &tau, &lam_s, &lam_r);

    /* free cargo: small molecules in three compartments, heart, tumour (§4, §10);
     * RNA free in plasma and interstitium, degraded by nucleases and filtered */
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &s->agents[ab->agent];
        double c1 = y[ab->a1] / ag->v1;

        if (ab->infusion != 0.0)
            dydt[ab->a1] += ab->infusion;
        if (ab->cls == EXOPK_CLASS_SMALL_MOLECULE) {
            double kp_v = s->subject.v_heart * ag->kp_heart;
            move_linear(&e, ab->a1, ab->elim, ag->cl / ag->v1, y);
            move_linear(&e, ab->a1, ab->a2, ag->q2 / ag->v1, y);
            move_linear(&e, ab->a2, ab->a1, ag->q2 / ag->v2, y);
            move_linear(&e, ab->a1, ab->a3, ag->q3 / ag->v1, y);
            move_linear(&e, ab->a3, ab->a1, ag->q3 / ag->v3, y);
            move_linear(&e, ab->a1, ab->ah, s->subject.q_heart / ag->v1, y);
            move_linear(&e, ab->ah, ab->a1, s->subject.q_heart / kp_v, y);
        } else {
            move_linear(&e, ab->a1, ab->degr, ag->k_nuc, y);
            move_linear(&e, ab->a1, ab->elim, ag->cl_renal / ag->v1, y);
        }
        move_linear(&e, ab->aip, ab->a1, ag->k_a_ip, y);
        /* AUCs are quadrature states: fed from outside, not moved */
        g_clear(&g);
        g_add(&g, ab->a1, 1.0 / ag->v1);
        move(&e, -1, ab->auc1, c1, &g);
        if (ab->auch >= 0) {
            g_clear(&g);
            g_add(&g, ab->ah, 1.0 / s->subject.v_heart);
            move(&e, -1, ab->auch, y[ab->ah] / s->subject.v_heart, &g);
        }

        pd_s[k] = (CellPd) { 0, 0, 0, 0, 0 };
        pd_r[k] = pd_s[k];
        if (m->has_tumour) {
            const ExopkTumour *t = &s->tumour;
            double vint = t->f_int * vt * L_PER_MM3;
            double cint = vint > 0 ? y[ab->aint] / vint : 0.0;
            double ps = ag->ps_free * L_PER_MM3;

            /* exchange J_tum = PS V_t (C1 - C_int); dJ/dV_t = PS C1 */
            g_clear(&g);
            g_add(&g, ab->a1, ps * vt / ag->v1);
            if (vint > 0)
                g_add(&g, ab->aint, -ag->ps_free / t->f_int);
            g_axpy(&g, ps * c1, &gv);
            move(&e, ab->a1, ab->aint, ps * vt * (c1 - cint), &g);
            g_clear(&g);
            if (vint > 0) {
                g_add(&g, ab->aint, 1.0 / vint);
                g_axpy(&g, -cint / vt, &gv);
            }
            move(&e, -1, ab->aucint, cint, &g);

            if (ab->cls == EXOPK_CLASS_SMALL_MOLECULE) {
                pd_s[k] = cell_pd(m, y[ab->as], S, ag->ec50, ag->kmax, ag->hill);
                pd_r[k] = cell_pd(m, y[ab->ar], R, rho.v * ag->ec50, ag->kmax, ag->hill);
                /* d kill_R / d rho along the RNA effects */
                g_kr_rho[k].off = off;
                g_clear(&g_kr_rho[k]);
                g_axpy(&g_kr_rho[k], pd_r[k].dkill_dec50 * ag->ec50, &rho.g);
            } else {
                move_linear(&e, ab->aint, ab->degr, ag->k_nuc, y);
            }
        }
    }

    if (!m->has_tumour)
        goto check;

    /* tumour: growth, kill, transfer (§5) */
    {
        const ExopkTumour *t = &s->tumour;
        double stress = 0, dst_dS = 0, dst_dR = 0;
        Grad g_stress;   /* over the cell amounts (and RNA levels) */
        double fr = N > 0 ? R / N : 0.0;
        double lnk = N > 0 ? log(t->capacity / N) : 0.0;
        Grad g_gs, g_gr; /* gradients of gS and gR along the RNA growth effect */

        g_gs.off = g_gr.off = off;
        g_clear(&g_gs);
        g_clear(&g_gr);
        if (N > 0) {
            gS = lam_s.v * log(t->capacity / N);
            dgS = -lam_s.v / N;             /* d gS / dS = d gS / dR */
        }
        if (lam_r.g.n == 0 && lam_r.v == lam_s.v) {
            gR = gS > 0 ? (1 - t->fitness_cost) * gS : gS;
            dgR = gS > 0 ? (1 - t->fitness_cost) * dgS : dgS;
        } else {
            double base = N > 0 ? lam_r.v * lnk : 0.0, dbase = N > 0 ? -lam_r.v / N : 0.0;
            double c = base > 0 ? 1 - t->fitness_cost : 1.0;
            gR = c * base;
            dgR = c * dbase;
            g_axpy(&g_gr, c * lnk, &lam_r.g);
        }
        g_axpy(&g_gs, lnk, &lam_s.g);

        /* stress = sum_a (kS S + kR R) / (N Kmax_a)  (§9.5) */
        g_stress.off = off;
        g_clear(&g_stress);
        for (size_t k = 0; k < m->n_agents && N > 0; k++) {
            const AgentBlock *ab = &m->agents[k];
            double km;
            double num;
            if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
                continue;
            km = s->agents[ab->agent].kmax;
            num = pd_s[k].kill * S + pd_r[k].kill * R;
            stress += num / (N * km);
            dst_dS += (pd_s[k].dkill_dx * S + pd_s[k].kill) / (N * km) - num / (N * N * km);
            dst_dR += (pd_r[k].dkill_dx * R + pd_r[k].kill) / (N * km) - num / (N * N * km);
            g_add(&g_stress, ab->as, pd_s[k].dkill_da * S / (N * km));
            g_add(&g_stress, ab->ar, pd_r[k].dkill_da * R / (N * km));
            g_axpy(&g_stress, R / (N * km), &g_kr_rho[k]);
        }
        /* k_SR = tau R/N (1 + sigma stress) + mu */
        kSR = tau.v * fr * (1 + t->stress_gain * stress) + t->mutation_rate;
        g_clear(&g_kSR);
        if (N > 0) {
            double base = tau.v * (1 + t->stress_gain * stress);
            double amp = tau.v * fr * t->stress_gain;
            g_add(&g_kSR, m->s, -base * R / (N * N) + amp * dst_dS);
            g_add(&g_kSR, m->r, base * S / (N * N) + amp * dst_dR);
            g_axpy(&g_kSR, amp, &g_stress);
            g_axpy(&g_kSR, fr * (1 + t->stress_gain * stress), &tau.g);
        }

        /* growth of each population (net Gompertz) */
        g_clear(&g);
        g_add(&g, m->s, gS + S * dgS);
        g_add(&g, m->r, S * dgS);
        g_axpy(&g, S, &g_gs);
        move(&e, -1, m->s, gS * S, &g);
        g_clear(&g);
        g_add(&g, m->r, gR + R * dgR);
        g_add(&g, m->s, R * dgR);
        g_axpy(&g, R, &g_gr);
        move(&e, -1, m->r, gR * R, &g);
        /* S -> R transfer and mutation */
        g_clear(&g);
        g_add(&g, m->s, kSR);
        g_axpy(&g, S, &g_kSR);
        move(&e, m->s, m->r, kSR * S, &g);
        /* kill into the damage chain */
        for (size_t k = 0; k < m->n_agents; k++) {
            const AgentBlock *ab = &m->agents[k];
            if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
                continue;
            g_clear(&g);
            g_add(&g, m->s, pd_s[k].kill + S * pd_s[k].dkill_dx);
            g_add(&g, ab->as, S * pd_s[k].dkill_da);
            move(&e, m->s, m->d1, pd_s[k].kill * S, &g);
            g_clear(&g);
            g_add(&g, m->r, pd_r[k].kill + R * pd_r[k].dkill_dx);
            g_add(&g, ab->ar, R * pd_r[k].dkill_da);
            g_axpy(&g, R, &g_kr_rho[k]);
            move(&e, m->r, m->d1, pd_r[k].kill * R, &g);
        }
        move_linear(&e, m->d1, m->d2, t->k_tr, y);
        move_linear(&e, m->d2, m->d3, t->k_tr, y);
        move_linear(&e, m->d3, -1, t->k_tr, y);

        /* cargo in the cells (§4, §9.2–§9.4) */
        for (size_t k = 0; k < m->n_agents; k++) {
            const AgentBlock *ab = &m->agents[k];
            const ExopkAgent *ag = &s->agents[ab->agent];

            if (ab->cls == EXOPK_CLASS_SMALL_MOLECULE) {
                double vint = t->f_int * vt * L_PER_MM3;
                double cint = vint > 0 ? y[ab->aint] / vint : 0.0;
                const double cvf = m->cell_volume_factor;
                struct { int pop, amt; double x, kout; const Dual *pgp; const CellPd *pd;
                         double g, dg; const Grad *g_growth, *g_rho; } cell[2] = {
                    { m->s, ab->as, S, ag->k_out, &pgp_s, &pd_s[k], gS, dgS, &g_gs, NULL },
                    { m->r, ab->ar, R, ag->k_out + ag->k_vexp, &pgp_r, &pd_r[k], gR, dgR, &g_gr,
                      &g_kr_rho[k] },
                };

                for (int i = 0; i < 2; i++) {
                    int pop = cell[i].pop, amt = cell[i].amt;
                    double x = cell[i].x, a = y[amt], cx = cell[i].pd->conc;
                    double vmax = ag->vmax_pgp * cell[i].pgp->v;
                    double den = ag->km_pgp + cx;

                    /* influx k_in C_int V_X */
                    if (vint > 0) {
                        g_clear(&g);
                        g_add(&g, ab->aint, ag->k_in * cvf * x / vint);
                        g_add(&g, pop, ag->k_in * cint * cvf);
                        g_axpy(&g, -ag->k_in * cint * cvf * x / vt, &gv);
                        move(&e, ab->aint, amt, ag->k_in * cint * cvf * x, &g);
                    }
                    /* passive + vesicular efflux, P-gp (Michaelis-Menten on amount) */
                    g_clear(&g);
                    g_add(&g, amt, cell[i].kout + vmax * ag->km_pgp / (den * den));
                    if (x > 0)
                        g_add(&g, pop, vmax * a * cx / (x * den * den));
                    g_axpy(&g, ag->vmax_pgp * a / den, &cell[i].pgp->g);
                    move(&e, amt, ab->aint, cell[i].kout * a + vmax * a / den, &g);
                    /* dying cells return their drug (kill, and net decline) */
                    {
                        double decline = cell[i].g < 0 ? -cell[i].g : 0.0;
                        double ddec = cell[i].g < 0 ? -cell[i].dg : 0.0;  /* per S and per R */
                        double rate = cell[i].pd->kill + decline;
                        g_clear(&g);
                        g_add(&g, amt, rate + a * cell[i].pd->dkill_da);
                        g_add(&g, pop, a * cell[i].pd->dkill_dx);
                        g_add(&g, m->s, a * ddec);
                        g_add(&g, m->r, a * ddec);
                        if (cell[i].g_rho != NULL)
                            g_axpy(&g, a, cell[i].g_rho);
                        /* unconditional: the structure must hold both branches */
                        g_axpy(&g, cell[i].g < 0 ? -a : 0.0, cell[i].g_growth);
                        move(&e, amt, ab->aint, rate * a, &g);
                    }
                }
            } else {
                rna_cells(&e, y, k, S, R, N, gS, gR, dgS, dgR, &g_gs, &g_gr, pd_s, pd_r,
                          g_kr_rho, &g_kSR, kSR);
            }
            /* cells moving S -> R take their cargo */
            g_clear(&g);
            g_add(&g, ab->as, kSR);
            g_axpy(&g, y[ab->as], &g_kSR);
            move(&e, ab->as, ab->ar, kSR * y[ab->as], &g);
            /* escaped cargo splits by viable share (§9.6) */
            if (N > 0) {
                double fs = S / N;
                Grad gs;

                gs.off = off;
                g_clear(&g);
                g_axpy(&g, fs, &g_esc[k]);
                g_add(&g, m->s, esc[k] * R / (N * N));
                g_add(&g, m->r, -esc[k] * S / (N * N));
                move(&e, -1, ab->as, esc[k] * fs, &g);
                g_clear(&gs);
                g_axpy(&gs, 1 - fs, &g_esc[k]);
                g_add(&gs, m->s, -esc[k] * R / (N * N));
                g_add(&gs, m->r, esc[k] * S / (N * N));
                move(&e, -1, ab->ar, esc[k] * (1 - fs), &gs);
            } else {
                /* no viable cells: escaped cargo stays in the interstitium */
                move(&e, -1, ab->aint, esc[k], &g_esc[k]);
            }
        }
    }

check:
    ep->record = e.record;
    {
        /* NaN and infinity propagate through a sum: one test for all */
        double sum = 0;
        for (size_t i = 0; i < m->n; i++)
            sum += dydt[i] * 0.0;
        return sum == 0.0 ? 0 : -1;
    }
}
