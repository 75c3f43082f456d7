/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The EXO-1 right-hand side for one arm: state layout, fluxes, Jacobian. */
#ifndef EXOPK_MODEL_PRIVATE_H
#define EXOPK_MODEL_PRIVATE_H

#include <stddef.h>
#include "exopk/study.h"

/* Vesicle compartments (docs/model.md §2) and the peritoneal depot. */
enum { VC_P, VC_T, VC_M, VC_I, VC_E, VC_PC, VC_N };
enum { POOL_LUMEN, POOL_MEMBRANE, POOL_N };

/* Tumour volumes are in mm3, concentrations per litre. */
#define L_PER_MM3 1e-6

/* One formulation given in the arm: its vesicles and carried cargo. */
typedef struct {
    int formulation;             /* study index */
    int x[VC_N];                 /* particle states, -1 if absent */
    int p_elim, p_degr;          /* cumulative particles */
    size_t n_cargo;
    int cargo_agent[EXOPK_MAX_CARGO]; /* index into Model.agents */
    int L[EXOPK_MAX_CARGO][POOL_N][VC_N];
    double q[EXOPK_MAX_CARGO][POOL_N];   /* nmol per particle */
    double k_leak[EXOPK_MAX_CARGO][POOL_N];
    /* effective constants */
    double k_pt, k_tp, k_deg_t, k_deg_m, k_cl, k_ip, k_int, k_proc, k_a_ip;
    double vmax, km_vp, ps_tum;  /* particles/h, particles, 1/h */
    double infusion;             /* particles/h during the current segment */
} CarrierBlock;

/* One agent present in the arm (free or carried).  The carrier code only
 * needs a1 (free in plasma), aint (free in the tumour interstitium), as/ar
 * (in sensitive / resistant tumour cells: the cytosol for RNA), elim and
 * degr: that is the seam every cargo class plugs into.  The rest depends
 * on the class (-1 where absent). */
typedef struct {
    int agent;                   /* study index */
    ExopkCargoClass cls;
    int a1, a2, a3, ah, aint, as, ar, aip;
    int auc1, auch, aucint, elim, degr;
    int rs, rr;                  /* siRNA: loaded RISC in S, R cells (nmol) */
    int ms, mr;                  /* siRNA: target mRNA; anti-miR: miRNA activity (relative) */
    int ps, pr;                  /* siRNA: target protein (relative) */
    double infusion;             /* nmol/h into A1 during the current segment */
} AgentBlock;

typedef struct {
    const ExopkStudy *study;
    size_t arm;
    size_t n;                    /* number of states */
    size_t n_carriers, n_agents;
    CarrierBlock carriers[EXOPK_MAX_AGENTS];
    AgentBlock agents[EXOPK_MAX_AGENTS];
    int has_tumour;
    int s, r, d1, d2, d3;        /* tumour states (mm3), -1 if absent */
    double lambda;               /* Gompertz rate (1/h) */
    double cell_volume_factor;   /* L of cell per mm3 of cells: (1 - f_int) 1e-6 */
    double one_cell;             /* mm3 */
    int has_rna;                 /* an RNA agent modulates the tumour */
    double *scale;               /* n: absolute-tolerance scale of each state */
    char (*names)[160];          /* n: state names, for solver errors */
    size_t *jac_positions;       /* structural nonzeros (row * n + col), or NULL */
    size_t n_jac_positions;
    /* The first-order fluxes with constant rates, gathered once: the
     * right-hand side applies them in one tight loop and their Jacobian
     * part is constant (jac_linear, at jac_positions). */
    struct LinearFlux { int from, to; double k; } *linear;
    size_t n_linear;
    double *jac_linear;
} Model;

/* Builds the layout for @arm of a resolved study, then its constants
 * (model_set_constants).  0 or -1 (ENOMEM). */
int model_init(Model *m, const ExopkStudy *study, size_t arm);
/* The same for @arm given apart from the study's arms (an arm expanded
 * for one run); m->arm is then 0. */
int model_init_arm(Model *m, const ExopkStudy *study, const ExopkArm *arm);
/* Points @m at @study (same layout: same formulations, agents, tumour and
 * arm doses by formulation and route) and recomputes the effective
 * constants from it: carrier rates, cargo per vesicle, leak rates, tumour
 * growth.  Once model_pattern() has run, call model_relink() after it. */
void model_set_constants(Model *m, const ExopkStudy *study);
/* Gathers the constant-rate fluxes again from the current constants (the
 * structure from model_pattern() is kept).  0 or -1 (ENOMEM: the model
 * then evaluates every flux the slow way, still correctly). */
int model_relink(Model *m);
void model_clear(Model *m);

/* dydt = f(y); if @jac is not NULL it gets the n x n row-major Jacobian.
 * Once model_pattern() has run, only structural entries are written (and
 * cleared first): the caller zeroes @jac once.  Returns 0, or -1 if a
 * derivative is not finite. */
int model_eval(const Model *m, const double *y, double *dydt, double *jac);

/* The structural nonzeros of the Jacobian (n x n, malloc'd), or NULL.
 * Also compiles @m: records the structure so that model_eval clears only
 * those entries, and gathers the constant-rate fluxes. */
unsigned char *model_pattern(Model *m);

/* Index of the block of study formulation/agent @i, or -1. */
int model_carrier_of(const Model *m, int formulation);
int model_agent_of(const Model *m, int agent);

/* Whether RNA agent @rna (acting on resistance) changes the rho of agent
 * block @k: a small molecule, the one @rna names in resistance_of, else
 * every one (docs/model.md §4). */
int model_changes_rho(const Model *m, const ExopkAgent *rna, size_t k);

/* Tumour-cell concentration helpers shared with the outputs (inline: the
 * right-hand side calls it at every evaluation). */
static inline double
model_tumour_volume(const Model *m, const double *y)
{
    if (!m->has_tumour)
        return 0.0;
    return y[m->s] + y[m->r] + y[m->d1] + y[m->d2] + y[m->d3];
}

/* Circulating tumour-derived vesicles secreted per hour at state @y
 * (docs/model.md §6): per viable cell, more per resistant cell and under drug
 * stress. */
double model_biomarker_secretion(const Model *m, const double *y);

#endif
