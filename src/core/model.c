/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EXO-1 right-hand side and exact Jacobian (docs/model.md §2–§5, §10):
 * the state layout, and the driver that calls the modules (rhs-*.c) in a
 * fixed order.  How fluxes are written: rhs-private.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rhs-private.h"

static int eval_with(Eval *e, const double *y);

/* @keep_zeros: the pattern pass, where zero derivatives are structure. */
static int
eval_full(const Model *m, const double *y, double *dydt, double *jac, unsigned char *touched,
          int keep_zeros)
{
    Eval e = { .m = m, .dydt = dydt, .jac = jac, .touched = touched, .keep_zeros = keep_zeros };
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

int
model_changes_rho(const Model *m, const ExopkAgent *rna, size_t k)
{
    const AgentBlock *drug = &m->agents[k];

    return drug->cls == EXOPK_CLASS_SMALL_MOLECULE &&
           (rna->resistance_of[0] == '\0' ||
            strcmp(rna->resistance_of, m->study->agents[drug->agent].name) == 0);
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
    if (model_init_arm(m, s, &s->arms[arm]) != 0)
        return -1;
    m->arm = arm;
    return 0;
}

int
model_init_arm(Model *m, const ExopkStudy *s, const ExopkArm *a)
{
    int ip_carrier[EXOPK_MAX_AGENTS] = { 0 }, ip_agent[EXOPK_MAX_AGENTS] = { 0 };
    char nm[160];
    int ok = 1;

    memset(m, 0, sizeof *m);
    m->study = s;
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

        for (int c = 0; c < VC_N; c++) {
            int present = (c < VC_I) || (c <= VC_E && m->has_tumour) ||
                          (c == VC_PC && ip_carrier[k]);
            snprintf(nm, sizeof nm, "%s.%s_particles", f->name, comp[c]);
            cb->x[c] = present ? new_state(m, nm, SCALE_PARTICLES) : -1;
            ok &= !present || cb->x[c] >= 0;
        }
        for (size_t c = 0; c < cb->n_cargo; c++) {
            const ExopkAgent *ag = &s->agents[f->cargo[c].agent];
            for (int p = 0; p < POOL_N; p++) {
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
    }

    for (size_t k = 0; k < m->n_agents; k++) {
        AgentBlock *ab = &m->agents[k];
        const char *an = s->agents[ab->agent].name;
        ExopkCargoClass cls = s->agents[ab->agent].cargo_class;
        int sm = cls == EXOPK_CLASS_SMALL_MOLECULE, si = cls == EXOPK_CLASS_SIRNA;
        int am = cls == EXOPK_CLASS_ANTIMIR;
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
        STATE(ms, si ? "mrna_s" : "mirna_s", SCALE_RELATIVE, (si || am) && tum);
        STATE(mr, si ? "mrna_r" : "mirna_r", SCALE_RELATIVE, (si || am) && tum);
        STATE(ps, "protein_s", SCALE_RELATIVE, si && tum);
        STATE(pr, "protein_r", SCALE_RELATIVE, si && tum);
#undef STATE
    }

    if (m->has_tumour) {
        m->s = new_state(m, "tumour.sensitive", SCALE_TUMOUR);
        m->r = new_state(m, "tumour.resistant", SCALE_TUMOUR);
        m->d1 = new_state(m, "tumour.damaged1", SCALE_TUMOUR);
        m->d2 = new_state(m, "tumour.damaged2", SCALE_TUMOUR);
        m->d3 = new_state(m, "tumour.damaged3", SCALE_TUMOUR);
        ok &= m->s >= 0 && m->r >= 0 && m->d1 >= 0 && m->d2 >= 0 && m->d3 >= 0;
    }
    if (!ok) {
        model_clear(m);
        return -1;
    }
    model_set_constants(m, s);
    return 0;
}

/* The carrier's effective constants (docs/model.md §2, surface, ligand
 * and method multipliers) and what its cargo loads per vesicle. */
static void
carrier_constants(CarrierBlock *cb, const ExopkStudy *s)
{
    const ExopkFormulation *f = &s->formulations[cb->formulation];
    ExopkLoadingReport rep[EXOPK_MAX_CARGO];

    exopk_formulation_load(f, s, rep);
    for (size_t c = 0; c < cb->n_cargo; c++) {
        const ExopkAgent *ag = &s->agents[f->cargo[c].agent];
        for (int p = 0; p < POOL_N; p++) {
            double leak = p == POOL_LUMEN ? ag->k_leak_lumen : ag->k_leak_membrane;
            double q = p == POOL_LUMEN ? rep[c].q_lumen : rep[c].q_membrane;
            cb->q[c][p] = q / EXOPK_MOLECULES_PER_NMOL;
            cb->k_leak[c][p] = leak * f->method.leak_multiplier;
        }
    }
    {
        const ExopkCarrier *c = &f->carrier;
        ExopkLigandEffect lig;
        double mps, uptake;

        exopk_formulation_ligand_effect(s, f, &lig);
        mps = f->method.mps_multiplier * (f->cd47 ? c->cd47_mps_multiplier : 1.0) *
              (f->peg ? c->peg_mps_multiplier : 1.0) * lig.mps;
        uptake = (f->peg ? c->peg_uptake_multiplier : 1.0) * lig.k_int;
        cb->k_pt = c->k_pt;
        cb->k_tp = c->k_tp;
        cb->k_deg_t = c->k_deg_t;
        cb->k_deg_m = c->k_deg_m;
        cb->k_cl = c->k_cl;
        cb->k_ip = c->k_ip / (1.0 + c->g_tgt) * lig.k_ip;
        cb->k_int = c->k_int * (1.0 + c->g_tgt) * uptake;
        cb->k_proc = c->k_proc;
        cb->k_a_ip = c->k_a_ip;
        cb->vmax = c->vmax_mps * mps;
        cb->km_vp = c->km_mps * s->subject.plasma_volume;
        cb->ps_tum = c->ps_tum * lig.ps_tum;
    }
}

void
model_set_constants(Model *m, const ExopkStudy *s)
{
    m->study = s;
    for (size_t k = 0; k < m->n_carriers; k++)
        carrier_constants(&m->carriers[k], s);
    if (m->has_tumour) {
        const ExopkTumour *t = &s->tumour;
        /* growth_rate is the specific rate at 100 mm3 (docs/model.md §5) */
        m->lambda = t->growth_rate / log(t->capacity / 100.0);
        m->cell_volume_factor = (1.0 - t->f_int) * L_PER_MM3;
        m->one_cell = 1.0 / t->cells_per_mm3;
    }
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
    Eval e = { .m = m, .dydt = f, .record = 1, .compiling = m };
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

int
model_relink(Model *m)
{
    free(m->linear);
    free(m->jac_linear);
    m->linear = NULL;
    m->jac_linear = NULL;
    m->n_linear = 0;
    if (compile_linear(m) == 0)
        return 0;
    free(m->linear);
    m->linear = NULL;
    m->n_linear = 0;
    return -1;
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
        eval_full(m, y, f, jac, p, 1);
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

/* Circulating tumour-derived vesicles: per viable cell, more per resistant
 * cell and under the drug stress of docs/model.md §9.5, as the right-hand
 * side computes it. */
double
model_biomarker_secretion(const Model *m, const double *y)
{
    const ExopkTumour *t = &m->study->tumour;
    const Eval e = { .m = m };   /* values only */
    double S, R, N, stress = 0;
    Effects fx;

    if (!m->has_tumour)
        return 0.0;
    S = y[m->s];
    R = y[m->r];
    N = S + R;
    if (!(N > 0))
        return 0.0;
    dual_init(&fx.pgp_s, 1.0, &e);
    dual_init(&fx.pgp_r, t->pgp_resistant, &e);
    for (size_t k = 0; k < m->n_agents; k++)
        dual_init(&fx.rho[k], m->study->agents[m->agents[k].agent].rho, &e);
    dual_init(&fx.tau, t->transfer_rate, &e);
    dual_init(&fx.lam_s, m->lambda, &e);
    dual_init(&fx.lam_r, m->lambda, &e);
    if (m->has_rna)
        rhs_effects(&e, y, S, R, &fx);
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const ExopkAgent *ag = &m->study->agents[ab->agent];
        CellPd ps, pr;
        if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        ps = rhs_cell_pd(m, y[ab->as], S, ag->ec50, ag->kmax, ag->hill);
        pr = rhs_cell_pd(m, y[ab->ar], R, fx.rho[k].v * ag->ec50, ag->kmax, ag->hill);
        stress += (ps.kill * S + pr.kill * R) / (N * ag->kmax);
    }
    return t->cells_per_mm3 * t->biomarker_secretion *
           (S + t->biomarker_resistant_multiplier * R) * (1 + t->stress_gain * stress);
}

/* ---- the right-hand side -------------------------------------------------- */

int
model_eval(const Model *m, const double *y, double *dydt, double *jac)
{
    return eval_full(m, y, dydt, jac, NULL, 0);
}

/* Zeroes dydt and the Jacobian (to its constant part once compiled), and
 * applies the gathered constant-rate fluxes. */
static void
eval_begin(Eval *e, const double *y)
{
    const Model *m = e->m;
    double *dydt = e->dydt, *jac = e->jac;

    e->skip_linear = m->jac_linear != NULL && !e->record;
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
    if (e->skip_linear)
        for (size_t l = 0; l < m->n_linear; l++) {
            const struct LinearFlux *lf = &m->linear[l];
            double f = lf->k * y[lf->from];
            dydt[lf->from] -= f;
            if (lf->to >= 0)
                dydt[lf->to] += f;
        }
}

/* The modules in a fixed order: it is the order of the gathered linear
 * fluxes, and of the sums into each derivative. */
static int
eval_with(Eval *e, const double *y)
{
    const Model *m = e->m;
    Rhs r;
    double sum = 0;

    eval_begin(e, y);
    rhs_tumour_begin(e, &r, y);
    rhs_vesicles(e, &r, y);
    if (m->has_rna && r.N > 0)
        rhs_effects(e, y, r.S, r.R, &r.fx);
    rhs_free_cargo(e, &r, y);
    if (m->has_tumour) {
        rhs_tumour(e, &r, y);
        rhs_cell_cargo(e, &r, y);
    }
    /* NaN and infinity propagate through a sum: one test for all */
    for (size_t i = 0; i < m->n; i++)
        sum += e->dydt[i] * 0.0;
    return sum == 0.0 ? 0 : -1;
}
