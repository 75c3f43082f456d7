/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exported model before it becomes SBML: species, parameters,
 * assignment rules, reactions and events with their math as SBML Level 3
 * infix formulas.  Built by the module tables (sbml-model.c,
 * sbml-doses.c) from the engine's own layout and effective constants;
 * turned into a libsbml document by sbml-write.c.  No libsbml here. */
#ifndef EXOPK_SBML_IR_H
#define EXOPK_SBML_IR_H

#include <stddef.h>
#include "exopk/exopk.h"
#include "../core/model-private.h"

/* The SBML unit definitions the export writes (sbml-write.c defines them). */
typedef enum {
    SU_DIMENSIONLESS, SU_HOUR, SU_PER_HOUR, SU_NMOL, SU_NMOL_PER_HOUR, SU_LITRE,
    SU_LITRE_PER_HOUR, SU_NMOL_PER_LITRE, SU_NMOL_PER_LITRE_PER_HOUR, SU_AUC, SU_PARTICLES, SU_PARTICLES_PER_HOUR,
    SU_PARTICLES_PER_LITRE, SU_NMOL_PER_PARTICLE, SU_ITEMS_PER_NMOL, SU_MM3, SU_PER_MM3, SU_LITRE_PER_MM3,
    SU_MG, SU_NM, SU_PER_NM2, SU_KG, SU_MG_PER_LITRE, SU_G_PER_MOL, SU_LITRE_PER_KG,
    SU_PARTICLES_PER_UG, SU_KG_PER_M2,
    SU_COUNT
} SbmlUnit;

typedef struct {
    char *id, *name;
    double value;
    SbmlUnit unit;
    int constant;
} SbmlParam;

typedef struct {
    char *id, *name;
    double initial;
    SbmlUnit unit;
} SbmlSpecies;

typedef struct {
    char *variable;   /* a parameter id */
    char *math;
} SbmlRule;

typedef struct {
    char *id, *name;
    int from, to;     /* species indices, -1 for none */
    char *math;       /* the rate, in the species' unit per hour */
    int reversible;   /* the rate may be negative (net growth) */
} SbmlReaction;

typedef struct {
    char *variable, *math;
} SbmlAssignment;

typedef struct {
    char *id, *name;
    char *trigger;
    SbmlAssignment *assign;
    size_t n_assign;
    int priority;     /* 0: none, assignments use the values at the trigger
                         time; > 0: this priority, values at execution */
} SbmlEvent;

#define SBML_VEC(T) struct { T **v; size_t n, cap; }

typedef struct {
    char *id, *name;
    char *notes;      /* plain text: where the model comes from */
    SBML_VEC(SbmlSpecies) species;
    SBML_VEC(SbmlParam) params;
    SBML_VEC(SbmlRule) rules;
    SBML_VEC(SbmlReaction) reactions;
    SBML_VEC(SbmlEvent) events;
} SbmlModel;

/* What the builders share while they fill an SbmlModel. */
typedef struct {
    SbmlModel *x;
    const Model *m;
    const ExopkStudy *s;
    ExopkError *err;
    int failed;        /* set with err; later calls do nothing */
    /* ids of the assignment rules later parts read ("0" when absent) */
    const char *vt, *viable;              /* tumour volume, S + R (mm3) */
    const char *vint, *cell_volume;       /* interstitial L; L of cells per mm3 */
    const char *share_s, *share_r, *share_none; /* where escaped cargo goes */
    const char *stress, *k_sr, *g_s, *g_r;
    /* tumour parameters as the RNA agents leave them (the base values
     * without RNA): P-gp of S and R, rho of each agent, tau, Gompertz
     * rate of S and R */
    const char *pgp[2], *rho[EXOPK_MAX_AGENTS], *tau, *lam[2];
    const char *c_int[EXOPK_MAX_AGENTS];  /* free agent in the interstitium, nmol/L */
    const char *c_cell[EXOPK_MAX_AGENTS][2], *kill[EXOPK_MAX_AGENTS][2]; /* S, R cells */
} SbmlBuild;

/* A malloc'd printf; NULL on ENOMEM. */
char *sbml_strf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An SBML id from an exopk name: every character but [A-Za-z0-9_] becomes
 * '_', and a leading digit gets a '_' before it (malloc'd). */
char *sbml_id_of(const char *name);

/* Records the first failure in @b (later ones keep it). */
void sbml_fail(SbmlBuild *b, ExopkStatus code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The species of model state @state (its id), or "0" while failing. */
const char *sbml_species(SbmlBuild *b, int state);
/* Adds species (model state order first, then extras); its index. */
int sbml_add_species(SbmlBuild *b, const char *name, double initial, SbmlUnit unit);

/* A constant parameter named @name (its id sanitised from it), value
 * @value; the same name again must carry the same value.  Returns the id
 * (owned by the model, stable), or "0" while failing. */
const char *sbml_param(SbmlBuild *b, const char *name, double value, SbmlUnit unit);
/* A non-constant parameter @name defined by an assignment rule. */
const char *sbml_rule(SbmlBuild *b, const char *name, SbmlUnit unit, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A non-constant parameter @name changed only by events (initial 0). */
const char *sbml_switch(SbmlBuild *b, const char *name, SbmlUnit unit);

/* A reaction moving the rate from state @from to state @to (-1: outside);
 * @name says what it is. */
void sbml_flux(SbmlBuild *b, int from, int to, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* First order: @k_math (a rate constant, 1/h) times the state @from. */
void sbml_linear(SbmlBuild *b, int from, int to, const char *name, const char *k_math);
/* A reaction that may run both ways (its rate changes sign). */
void sbml_flux_signed(SbmlBuild *b, int from, int to, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* An event; assignments are added with sbml_event_set. */
SbmlEvent *sbml_event(SbmlBuild *b, const char *name, const char *trigger);
void sbml_event_set(SbmlBuild *b, SbmlEvent *ev, const char *variable, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Study parameters by path, with the engine's effective value and the
 * unit of their field: "species.<key>", "tumour.<key>", "<agent>.<key>",
 * "carrier.<carrier>.<key>" (from formulation @cb's record), and
 * "loading.<method>.<key>". */
const char *sbml_subject_param(SbmlBuild *b, const char *key);
const char *sbml_tumour_param(SbmlBuild *b, const char *key);
const char *sbml_agent_param(SbmlBuild *b, const AgentBlock *ab, const char *key);
const char *sbml_carrier_param(SbmlBuild *b, const CarrierBlock *cb, const char *key);
const char *sbml_loading_param(SbmlBuild *b, const CarrierBlock *cb, const char *key);

void sbml_model_free(SbmlModel *x);

/* The builders, in the order the document lists their parts (an
 * assignment rule comes after the rules it reads). */
void sbml_build_tumour_volume(SbmlBuild *b);  /* sbml-model.c */
void sbml_build_effects(SbmlBuild *b);        /* sbml-rna.c: RNA on the tumour */
void sbml_build_agent_pd(SbmlBuild *b);       /* sbml-agent.c: concentrations, kill */
void sbml_build_tumour(SbmlBuild *b);         /* sbml-model.c: growth, transfer, kill */
void sbml_build_vesicles(SbmlBuild *b);       /* sbml-vesicle.c */
void sbml_build_agents(SbmlBuild *b);         /* sbml-agent.c: free PK, cells */
void sbml_build_rna_free(SbmlBuild *b, size_t k);  /* sbml-rna.c: free RNA agent k */
void sbml_build_rna_cells(SbmlBuild *b, size_t k); /* sbml-rna.c: RNA agent k in the cells */
void sbml_build_biomarker(SbmlBuild *b, const double *y0); /* sbml-model.c */
void sbml_build_doses(SbmlBuild *b);          /* sbml-doses.c */

/* The whole model of @arm (sbml-model.c); 0, or -1 with @err. */
int sbml_build(SbmlModel *x, const ExopkStudy *study, size_t arm, Model *m, ExopkError *err);

/* The document as XML text, after libsbml's consistency checks
 * (sbml-write.c); NULL with @err. */
char *sbml_write(const SbmlModel *x, ExopkError *err);

#endif
