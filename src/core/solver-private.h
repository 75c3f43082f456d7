/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A Rosenbrock integrator (RODAS5P, see solver.c) with step-size control
 * and the method's own order-4 dense output. */
#ifndef EXOPK_SOLVER_PRIVATE_H
#define EXOPK_SOLVER_PRIVATE_H

#include <stddef.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_vector.h>

/* f(y) -> dydt, and the Jacobian when @jac is not NULL; 0 or -1. */
typedef int (*RodasFn)(const double *y, double *dydt, double *jac, void *data);

typedef struct {
    size_t n;
    RodasFn fn;
    void *data;
    double rtol;
    const double *atol;        /* n, borrowed */
    double h;                  /* next step to try; 0: estimate */
    double hmax;
    /* the last accepted step [t0, t1]: y0, y1 for dense output; f0 is
     * f(y0), the first stage; f1 = f(y1) with jac starts the next step */
    double t0, t1;
    double *y0, *f0, *y1, *f1;
    /* work */
    double *jac;               /* n x n at y1 (for the next step) */
    double *k;                 /* stages x n stage values */
    double *dense;             /* 3 x n: continuous-extension coefficients */
    double *ystage, *fstage, *err;
    gsl_matrix *g;             /* I/(gamma h) - J, LU-factored in place */
    gsl_permutation *perm;
    /* statistics */
    long steps, rejected, rhs_evals, jac_evals;
    /* Sparse LU without pivoting on the structure of J (see solver.c);
     * NULL lists: dense LU with pivoting only. */
    double *lu;                /* n x n */
    int *l_ptr, *l_idx;        /* per column k: rows i > k of L */
    int *u_ptr, *u_idx;        /* per row k: columns j > k of U */
    int *uc_ptr, *uc_idx;      /* per column k: rows i < k of U */
    int *perm_order;           /* elimination order: position -> state */
    double *work;              /* n: inverse pivots */
    double *l_val, *uc_val;    /* factor values, gathered for the solves */
    size_t *sources;           /* jac index of each position */
    size_t *positions;         /* permuted structure + fill-in (row * n + col) */
    size_t n_positions;
    int sparse_factored;       /* this step's factor is the sparse one */
    int worst;                 /* index of the state with the largest error */
} Rodas;

int rodas_init(Rodas *r, size_t n, RodasFn fn, void *data, double rtol, const double *atol);

/* Gives the structural nonzeros of J (n x n, row-major, nonzero = present)
 * so that each step factors I/(gamma h) - J on that structure.  0 or -1. */
int rodas_set_pattern(Rodas *r, const unsigned char *pattern);
void rodas_free(Rodas *r);

/* Starts (or restarts after a discontinuity) at t with state y. */
int rodas_reset(Rodas *r, double t, const double *y);

/* Takes one accepted step towards t_end (never past it).  On success the
 * step is [r->t0, r->t1] and r->y1 is the new state.  Returns 0, or -1 when
 * the step size underflows or the right-hand side fails (r->worst names
 * the state). */
int rodas_step(Rodas *r, double t_end);

/* Dense output at t inside the last step [r->t0, r->t1] (n values). */
void rodas_interpolate(const Rodas *r, double t, double *out);

#endif
