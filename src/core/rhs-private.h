/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The right-hand side's modules and the flux machinery they share.
 *
 * The model is written as fluxes between states.  Each flux carries its
 * value and its gradient (a short sparse list); `move()` subtracts it from
 * the source and adds it to the destination, in the derivative and in the
 * Jacobian alike.  So the Jacobian cannot drift from the right-hand side,
 * and every transfer conserves mass by construction: what leaves the body
 * goes to a cumulative "eliminated" or "degraded" state (§3, §9.14).
 *
 * Every module writes its fluxes through these helpers only; the driver
 * (eval_with in model.c) calls the modules in a fixed order, which is also
 * the order of the gathered constant-rate fluxes. */
#ifndef EXOPK_RHS_PRIVATE_H
#define EXOPK_RHS_PRIVATE_H

#include <assert.h>
#include <stdlib.h>

#include "model-private.h"

#define GRAD_MAX 48

typedef struct {
    int n;
    int off;         /* no Jacobian wanted: gradients are not built */
    int keep_zeros;  /* the structure is being recorded: zeros count too */
    int idx[GRAD_MAX];
    double d[GRAD_MAX];
} Grad;

/* One evaluation: where the fluxes go and how. */
typedef struct {
    const Model *m;
    double *dydt;
    double *jac;     /* NULL: no Jacobian */
    unsigned char *touched; /* n x n, or NULL: records the structure */
    int record;      /* gather the constant-rate fluxes into compiling->linear */
    int skip_linear; /* they are applied from m->linear */
    int keep_zeros;  /* the pattern pass: zero derivatives are structure */
    Model *compiling; /* the model being compiled while recording, else NULL */
} Eval;

/* The helpers below, and each module's own steps, are inlined into the
 * module's entry points: as calls they cost about 3 % of an evaluation
 * (callgrind, exodox). */
#define HOT static inline __attribute__((always_inline))

HOT void
g_clear(Grad *g)
{
    g->n = 0;
}

/* An empty gradient built the way evaluation @e wants. */
HOT void
g_start(Grad *g, const Eval *e)
{
    g->n = 0;
    g->off = e->jac == NULL;
    g->keep_zeros = e->keep_zeros;
}

HOT void
g_add(Grad *g, int i, double d)
{
    if (!g->off && i >= 0 && (d != 0.0 || g->keep_zeros)) {
        assert(g->n < GRAD_MAX);
        g->idx[g->n] = i;
        g->d[g->n++] = d;
    }
}

/* g += s * h */
HOT void
g_axpy(Grad *g, double s, const Grad *h)
{
    if (g->off)
        return;
    for (int k = 0; k < h->n; k++)
        g_add(g, h->idx[k], s * h->d[k]);
}

/* Moves flux @f (gradient @g) from state @from to state @to; -1 = outside. */
HOT void
move(Eval *e, int from, int to, double f, const Grad *g)
{
    size_t n;

    if (from >= 0)
        e->dydt[from] -= f;
    if (to >= 0)
        e->dydt[to] += f;
    if (e->jac == NULL || g == NULL)
        return;
    n = e->m->n;   /* only here: most evaluations want no Jacobian */
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

static inline void
move_first_order(Eval *e, int i, int j, double k, const double *y)
{
    Grad g;

    if (i < 0 || (k == 0.0 && !e->keep_zeros))
        return;
    if (e->record) {
        Model *m = e->compiling;
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

/* ---- what the modules pass each other -------------------------------------- */

/* A value with its gradient. */
typedef struct {
    double v;
    Grad g;
} Dual;

HOT void
dual_init(Dual *x, double v, const Eval *e)
{
    x->v = v;
    g_start(&x->g, e);
}

/* The tumour parameters as the RNA agents leave them (docs/model.md §4). */
typedef struct {
    Dual pgp_s, pgp_r;   /* P-gp level of sensitive, resistant cells */
    Dual rho[EXOPK_MAX_AGENTS]; /* resistant cells' EC50 multiplier, per agent block */
    Dual tau;            /* exosome-mediated S -> R transfer rate */
    Dual lam_s, lam_r;   /* Gompertz rate of each population */
} Effects;

/* Per agent and cell type: concentration, kill and their derivatives. */
typedef struct {
    double conc;         /* nmol/L in the cells */
    double kill;         /* 1/h */
    double dkill_da;     /* d kill / d amount */
    double dkill_dx;     /* d kill / d population volume */
    double dkill_dec50;  /* d kill / d EC50 */
} CellPd;

/* The quantities one module computes and later ones use, in one place. */
typedef struct {
    double vt, S, R, N;  /* tumour volume, viable populations (mm3) */
    Grad gv;             /* gradient of the tumour volume */
    Effects fx;
    CellPd pd_s[EXOPK_MAX_AGENTS], pd_r[EXOPK_MAX_AGENTS]; /* small molecules */
    Grad g_kr_rho[EXOPK_MAX_AGENTS];  /* d kill_R / d (RNA levels) via rho */
    double esc[EXOPK_MAX_AGENTS];     /* cargo escaping endosomes, nmol/h */
    Grad g_esc[EXOPK_MAX_AGENTS];
    double gS, gR, dgS, dgR;          /* net growth rates and d/dS (= d/dR) */
    Grad g_gs, g_gr;                  /* their gradients along RNA effects */
    double kSR;                       /* S -> R transfer rate */
    Grad g_kSR;
} Rhs;

/* One cargo class: what it adds to the shared cargo path; the table of
 * classes is in rhs-cargo.c.  A NULL hook adds nothing. */
typedef struct {
    /* plasma and periphery, before the shared ip absorption and AUCs */
    void (*free_pk)(Eval *e, const AgentBlock *ab, const double *y);
    /* the interstitium, after the shared plasma exchange */
    void (*interstitium)(Eval *e, Rhs *r, size_t k, const double *y);
    /* scales the tumour parameters (S + R > 0) */
    void (*effect)(const Eval *e, size_t k, const double *y, double S, double R,
                   Effects *fx);
    /* inside the tumour cells, before they carry it S -> R */
    void (*cells)(Eval *e, const Rhs *r, size_t k, const double *y);
} CargoModule;

/* rhs-tumour.c */
void rhs_tumour_begin(const Eval *e, Rhs *r, const double *y);
void rhs_tumour(Eval *e, Rhs *r, const double *y);
/* rhs-vesicle.c */
void rhs_vesicles(Eval *e, Rhs *r, const double *y);
/* rhs-cargo.c */
void rhs_effects(const Eval *e, const double *y, double S, double R, Effects *fx);
void rhs_free_cargo(Eval *e, Rhs *r, const double *y);
void rhs_cell_cargo(Eval *e, const Rhs *r, const double *y);
/* rhs-agent.c */
CellPd rhs_cell_pd(const Model *m, double amount, double volume, double ec50, double kmax,
                   double h);

#endif
