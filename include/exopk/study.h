/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: a study in memory.
 *
 * The Lua layer reads data/ and the study file and fills these plain
 * structs; the core resolves them (species scaling, derived values,
 * overrides) and simulates.  Field names are the keys of the data files
 * and of parameter paths ("carrier.k_pt", "doxorubicin.cl"); every value
 * is in the engine unit of its descriptor (see exopk_param_fields()).
 */
#ifndef EXOPK_STUDY_H
#define EXOPK_STUDY_H

#include <stddef.h>
#include "error.h"
#include "units.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EXOPK_NAME_MAX 64
#define EXOPK_MAX_AGENTS 8
#define EXOPK_MAX_CARGO 4
/* Points of an agent's published cumulative-dose risk table. */
#define EXOPK_MAX_RISK_POINTS 16
/* Named targeting ligands: in a study, on one formulation, and the
 * receptors a ligand needs or a tumour model lists. */
#define EXOPK_MAX_LIGANDS 4
#define EXOPK_MAX_RECEPTORS 8
/* Formulations one arm may give (the model has a vesicle block for each). */
#define EXOPK_MAX_ARM_FORMULATIONS EXOPK_MAX_AGENTS
/* Limits that keep a run bounded in time and memory (exopk_study_resolve). */
#define EXOPK_HORIZON_MAX 87660.0   /* h: ten years of 365.25 days */
#define EXOPK_ROWS_MAX 1000000      /* output grid rows, horizon / output_every */
#define EXOPK_MAX_DOSES 100000      /* doses within the horizon, per arm */
/* Solver tolerances: looser than 1e-3 lets the Rosenbrock error control
 * accept steps that overshoot below zero; tighter than 1e-12 is below
 * what double precision can deliver on these scales. */
#define EXOPK_RTOL_MIN 1e-12
#define EXOPK_RTOL_MAX 1e-3
#define EXOPK_ATOL_MIN 1e-20        /* atol scale: x each state's scale */
#define EXOPK_ATOL_MAX 1e-3

/* --- library records (one data file each) ------------------------------ */

typedef struct {
    char name[EXOPK_NAME_MAX];
    double body_weight;            /* kg: default subject weight */
    double plasma_volume_per_kg;   /* L/kg */
    double cardiac_output;         /* L/h at cardiac_output_weight */
    double cardiac_output_weight;  /* kg; cardiac output scales with BW^0.75 */
    double heart_flow_fraction;    /* of cardiac output */
    double heart_weight_fraction;  /* of body weight (density 1 kg/L) */
    double km_factor;              /* kg/m2, FDA body-surface factor */
    double iv_volume_max_per_kg;   /* L/kg, largest iv injection; 0: unknown */
    double ip_volume_max_per_kg;   /* L/kg, largest ip injection; 0: unknown */
    double liver_weight_fraction;  /* of body weight; 0: unknown (optional) */
    double spleen_weight_fraction; /* of body weight; 0: unknown (optional) */
    double lungs_weight_fraction;  /* of body weight; 0: unknown (optional) */
    double kidneys_weight_fraction; /* of body weight; 0: unknown (optional) */
} ExopkSpecies;

typedef struct {
    char name[EXOPK_NAME_MAX];
    double diameter;          /* nm, default mean diameter */
    double bilayer;           /* nm */
    double reference_weight;  /* kg: body weight the rate constants were set for;
                                 first-order rates scale with (BW/ref)^-0.25 */
    double k_mps;             /* 1/h: linear MPS uptake rate at low dose */
    double km_mps;            /* particles/L */
    double k_cl, k_pt, k_tp, k_deg_t, k_deg_m; /* 1/h */
    double ps_tum;            /* 1/h (L/h per L tumour) */
    double k_ip, k_int, k_proc; /* 1/h */
    double g_tgt;             /* 1: targeting gain (0 without ligand) */
    double k_a_ip;            /* 1/h: absorption from the peritoneum */
    double particles_per_ug_protein; /* particles/ug, loading report only */
    double cd47_mps_multiplier, peg_mps_multiplier, peg_uptake_multiplier; /* 1 */
    /* organ shares (docs/model.md "Organs"), optional, 0 when not given: of
       the MPS compartment M, and of the peripheral tissue T; each group
       sums to 1 */
    double liver_share_of_mps, spleen_share_of_mps, lungs_share_of_mps;
    double kidneys_share_of_tissue, rest_share_of_tissue;
    /* derived for the subject (exopk_study_resolve) */
    double vmax_mps;          /* particles/h: k_mps * km_mps * Vp */
} ExopkCarrier;

/* A targeting ligand displayed on the vesicle surface (data/ligands/,
 * docs/model.md "Targeting"): multipliers on the carrier's constants.
 * mps_multiplier always acts; the tumour multipliers act only when the
 * tumour model lists every receptor the ligand needs. */
typedef struct {
    char name[EXOPK_NAME_MAX];
    double k_int_multiplier;  /* 1: tumour-cell uptake */
    double k_ip_multiplier;   /* 1: washout from the tumour interstitium */
    double ps_tum_multiplier; /* 1: tumour extravasation/penetration */
    double mps_multiplier;    /* 1: MPS uptake */
    size_t n_receptors;       /* all needed */
    char receptors[EXOPK_MAX_RECEPTORS][EXOPK_NAME_MAX];
} ExopkLigand;

typedef struct {
    char name[EXOPK_NAME_MAX];
    double membrane_sites;    /* 1/nm2 of outer membrane */
    double leak_multiplier, mps_multiplier, recovery; /* 1 */
    char note[256];
} ExopkLoadingMethod;

typedef enum {
    EXOPK_CLASS_SMALL_MOLECULE = 0, /* doxorubicin, paclitaxel, gemcitabine */
    EXOPK_CLASS_SIRNA,              /* siRNA against a target gene */
    EXOPK_CLASS_ANTIMIR,            /* anti-miR oligonucleotide against a miRNA */
    EXOPK_CLASS_MIMIC,              /* miRNA mimic: raises its miRNA's activity */
    EXOPK_CLASS_COUNT
} ExopkCargoClass;

/* The tumour parameter an siRNA's target protein, or the targets a miRNA
 * mimic represses, act on (docs/model.md §4). */
typedef enum {
    EXOPK_ACTS_ON_PGP = 0,          /* P-gp level of the cells */
    EXOPK_ACTS_ON_RESISTANCE,       /* rho - 1, the resistant cells' EC50 shift */
    EXOPK_ACTS_ON_TRANSFER,         /* tau, exosome-mediated S -> R transfer */
    EXOPK_ACTS_ON_GROWTH,           /* lambda, growth */
    EXOPK_ACTS_ON_COUNT
} ExopkActsOn;

typedef struct {
    char name[EXOPK_NAME_MAX];
    ExopkCargoClass cargo_class;
    double mw, mw_dosed;         /* g/mol: carried form, dosed form */
    double reference_weight;     /* kg of the reference PK model */
    double cl, v1, q2, v2, q3, v3; /* L/h, L (reference subject) */
    double kp_heart;             /* 1 */
    double k_leak_lumen, k_leak_membrane; /* 1/h */
    double f_rd, f_esc;          /* 1 */
    double ps_free;              /* 1/h (L/h per L tumour) */
    double k_in, k_out, k_vexp;  /* 1/h */
    double km_pgp;               /* nmol/L */
    double resistant_accumulation; /* 1: resistant/sensitive accumulation target */
    double hill;                 /* 1 */
    double kmax;                 /* 1/h */
    double k_a_ip;               /* 1/h */
    /* RNA classes (docs/model.md §4) */
    double k_nuc;                /* 1/h: nuclease degradation of free RNA */
    double cl_renal;             /* L/h: renal filtration of free RNA (reference subject) */
    double k_gymnotic;           /* 1/h: free uptake into tumour cells (anti-miR) */
    double k_cyto;               /* 1/h: loss of cytosolic RNA */
    double k_risc;               /* 1/h: RISC loading of cytosolic siRNA */
    double k_risc_deg;           /* 1/h: loss of loaded RISC */
    double k_mrna, k_protein;    /* 1/h: target mRNA and protein turnover */
    double imax;                 /* 1: maximal cleavage relative to k_mrna */
    double ic50_risc;            /* molecules of loaded RISC per cell for half the cleavage */
    double k_bind;               /* 1/h per anti-miR molecule per cell: miRNA binding */
    double k_mirna;              /* 1/h: miRNA turnover */
    double mirna_copies;         /* copies per cell at baseline (anti-miR, mimic) */
    double ea50;                 /* mimic: activity raise (a - 1) for half the effect */
    double share;                /* share of the acted-on parameter carried by the target */
    double share_transfer;       /* anti-miR: share of tau carried by the miRNA */
    ExopkActsOn acts_on;         /* siRNA, mimic */
    /* siRNA or mimic acting on resistance, anti-miR: the one small molecule whose
     * rho it changes ("" = every one) */
    char resistance_of[EXOPK_NAME_MAX];
    char target[EXOPK_NAME_MAX]; /* gene or miRNA, for display */
    /* Published dose-risk table of cumulative cardiomyopathy (data file
     * key chf_risk; docs/model.md §6): n_chf_risk points (0: none) of
     * cumulative free dose (mg/m2, increasing) and the probability of
     * congestive heart failure at that dose (%). */
    size_t n_chf_risk;
    double chf_risk_dose[EXOPK_MAX_RISK_POINTS];
    double chf_risk_pct[EXOPK_MAX_RISK_POINTS];
    /* derived for the subject and tumour (exopk_study_resolve) */
    double vmax_pgp;             /* nmol/L/h */
    double ec50;                 /* nmol/L, intracellular */
    double rho;                  /* 1: resistant cells' EC50 multiplier for this agent */
} ExopkAgent;

typedef struct {
    char name[EXOPK_NAME_MAX];
    double capacity;          /* mm3 */
    double growth_rate;       /* 1/h, specific rate at 100 mm3 */
    double fitness_cost, rho, pgp_resistant, stress_gain, f_int; /* 1 */
    double k_tr, transfer_rate, mutation_rate; /* 1/h */
    double cells_per_mm3;     /* 1/mm3 */
    double volume;            /* mm3, default starting volume */
    double resistant_fraction;/* 1, default */
    double biomarker_secretion; /* vesicles per viable sensitive cell per h */
    double biomarker_resistant_multiplier; /* 1: resistant cells secrete more */
    double biomarker_k_clear;   /* 1/h: clearance of circulating tumour vesicles */
    size_t n_ic50;
    char ic50_agent[EXOPK_MAX_AGENTS][EXOPK_NAME_MAX];
    double ic50[EXOPK_MAX_AGENTS]; /* nmol/L in the medium */
    /* rho of the agents named (data key rho_agent); the others use rho */
    size_t n_rho_agent;
    char rho_agent_name[EXOPK_MAX_AGENTS][EXOPK_NAME_MAX];
    double rho_agent[EXOPK_MAX_AGENTS]; /* 1 */
    /* receptors the tumour cells (or its vessels) display, as the data
     * file lists them ("egfr", "integrin_av", "nrp1") */
    size_t n_receptors;
    char receptors[EXOPK_MAX_RECEPTORS][EXOPK_NAME_MAX];
} ExopkTumour;

/* Effective physiology of the study's subject (derived; overridable). */
typedef struct {
    double weight;            /* kg */
    double plasma_volume;     /* L */
    double cardiac_output;    /* L/h */
    double q_heart;           /* L/h */
    double v_heart;           /* L */
    double km_factor;         /* kg/m2 */
} ExopkSubject;

/* --- parameter descriptors ------------------------------------------- */

typedef enum {
    EXOPK_GROUP_SPECIES, EXOPK_GROUP_SUBJECT, EXOPK_GROUP_CARRIER, EXOPK_GROUP_LOADING,
    EXOPK_GROUP_AGENT, EXOPK_GROUP_TUMOUR, EXOPK_GROUP_LIGAND, EXOPK_GROUP_COUNT
} ExopkParamGroup;

typedef enum {
    EXOPK_FIELD_INPUT,    /* read from a data file (required) */
    EXOPK_FIELD_OPTIONAL, /* read from a data file if present, else default_value */
    EXOPK_FIELD_DERIVED   /* computed by exopk_study_resolve; override only */
} ExopkFieldRole;

/* The physical domain of a parameter: where the model means something.
 * exopk_study_resolve rejects a library value, an override or a derived
 * value outside it; set and optimiser bounds are checked the same way. */
typedef enum {
    EXOPK_DOMAIN_NONNEGATIVE,        /* >= 0: rates, flows, multipliers */
    EXOPK_DOMAIN_POSITIVE,           /* > 0: volumes, weights, anything divided by */
    EXOPK_DOMAIN_FRACTION,           /* in [0, 1] */
    EXOPK_DOMAIN_FRACTION_POSITIVE,  /* in (0, 1]: recovery, heart weight share */
    EXOPK_DOMAIN_FRACTION_BELOW_ONE, /* in [0, 1): interstitial fraction (cells need room) */
    EXOPK_DOMAIN_COUNT
} ExopkDomain;

/* Whether finite @value lies in @domain (NaN and infinities never do). */
int exopk_domain_contains(ExopkDomain domain, double value);
/* "must be >= 0", for messages. */
const char *exopk_domain_describe(ExopkDomain domain);

typedef struct {
    const char *key;          /* "k_pt" */
    size_t offset;            /* offsetof in the group's struct */
    ExopkUnitKind kind;
    ExopkFieldRole role;
    double default_value;     /* for EXOPK_FIELD_OPTIONAL */
    const char *description;  /* "distribution to peripheral tissue" */
    unsigned classes;         /* agents: the cargo classes that use it, as bits
                                 (1 << class); 0 = every class / not an agent */
    ExopkDomain domain;
} ExopkParamField;

/* Whether agent field @f belongs to cargo class @c. */
#define EXOPK_FIELD_FOR_CLASS(f, c) ((f)->classes == 0 || ((f)->classes & (1u << (c))))

/* The fields of @group, NULL-key terminated; *n gets the count. */
const ExopkParamField *exopk_param_fields(ExopkParamGroup group, size_t *n);
/* The field called @key in @group, or NULL. */
const ExopkParamField *exopk_param_field(ExopkParamGroup group, const char *key);

/* --- the study -------------------------------------------------------- */

typedef enum { EXOPK_ROUTE_IV, EXOPK_ROUTE_IT, EXOPK_ROUTE_IP } ExopkRoute;

/* How a cargo's load is known: from the method model and what was
 * offered, or measured (docs/study-files.md, "Measured loading"). */
typedef enum {
    EXOPK_LOAD_MODEL,          /* the capacity model at `offered` */
    EXOPK_LOAD_MOLECULES,      /* `loaded`: molecules per vesicle */
    EXOPK_LOAD_PER_PROTEIN,    /* `loaded`: g of cargo per g of vesicle protein */
    EXOPK_LOAD_EE,             /* `ee`: fraction of what was offered */
    EXOPK_LOAD_DLC             /* `dlc`: cargo over cargo + vesicle protein, w/w */
} ExopkLoadGiven;

typedef struct {
    int agent;                 /* index in study->agents */
    double offered;            /* molecules offered per vesicle (u); 0 if not given */
    double ee0;                /* 1, method x agent */
    double lumen_conc_max;     /* nmol/L reachable in the lumen by the method */
    ExopkLoadGiven given;      /* how the load is known */
    double measured;           /* the measured value in the unit of @given */
    char measured_text[64];    /* as written ("50 ng/ug protein"), for the report and saving */
} ExopkCargo;

typedef struct {
    char name[EXOPK_NAME_MAX];
    ExopkCarrier carrier_ref;  /* as in the data file (filled by the loader) */
    ExopkCarrier carrier;      /* effective (exopk_study_resolve) */
    ExopkLoadingMethod method_ref; /* as in the data file */
    ExopkLoadingMethod method;     /* effective */
    double diameter;           /* nm */
    int cd47, peg;             /* surface flags */
    size_t n_ligands;          /* named targeting ligands on the surface */
    int ligand[EXOPK_MAX_LIGANDS]; /* indices in study->ligands */
    size_t n_cargo;
    ExopkCargo cargo[EXOPK_MAX_CARGO];
} ExopkFormulation;

typedef struct {
    int formulation;           /* index, or -1 for a free agent */
    int agent;                 /* free agent index (formulation < 0) */
    ExopkRoute route;
    double time;               /* h */
    double duration;           /* h, 0 for a bolus */
    ExopkDoseUnit unit;        /* particles, or nmol of cargo @cargo / of @agent */
    int cargo;                 /* for a formulation dose in nmol: which cargo */
    double amount;
} ExopkDose;

/* A dosing line as written: the first dose, repeated @count times every
 * @every hours. */
typedef struct {
    ExopkDose dose;            /* time = at, duration = over */
    double every;              /* h; 0 when count is 1 */
    long count;
    char dose_text[64];        /* as the user wrote it ("5 mg/kg"), for saving;
                                  "" when the amount was set numerically */
} ExopkDosingLine;

typedef struct {
    char name[EXOPK_NAME_MAX];
    size_t n_lines;
    ExopkDosingLine *lines;    /* owned */
    size_t n_doses;
    ExopkDose *doses;          /* owned: the lines expanded, doses after the
                                  horizon dropped, sorted by time (stable) */
    int dosed_by_data;         /* lines taken from the study's NONMEM dataset */
} ExopkArm;

/* A parameter override: dotted path and value in the engine unit. */
typedef struct {
    char path[128];
    double value;
} ExopkOverride;

/* Variability of a population (docs/study-files.md, "Variability"): the
 * study file's `variability`, `batch`, `correlations` and `uncertainty`.
 * exopk_population_run (population.h) samples from it; a plain run
 * ignores it. */
#define EXOPK_MAX_VARIED 64
typedef enum {
    EXOPK_VARIED_SUBJECT,      /* `variability`: between animals */
    EXOPK_VARIED_BATCH         /* `batch`: between manufactured batches */
} ExopkVariedSource;

typedef struct {
    char name[128];            /* a parameter path, "dose", "offered" or "offered_<agent>" */
    double cv;                 /* coefficient of variation (0.3 for "30 %") */
    ExopkVariedSource source;
} ExopkVaried;

typedef struct {
    size_t a, b;               /* indices into ExopkVariability.varied, a != b */
    double rho;                /* correlation of their normal deviates, in (-1, 1) */
} ExopkCorrelation;

typedef struct {
    size_t n_varied;
    ExopkVaried varied[EXOPK_MAX_VARIED];
    size_t n_correlations;
    ExopkCorrelation correlations[EXOPK_MAX_VARIED];
    int library_uncertainty;   /* uncertainty = "library" */
} ExopkVariability;

/* The loader fills the *_ref records, weight, tumour start, formulations,
 * arms and overrides; exopk_study_resolve() fills the effective records. */
#define EXOPK_MAX_DATA_CMT 16

/* One compartment of a study's NONMEM dataset map ("" = not given). */
typedef struct {
    int cmt;
    char output[128];          /* series of its DV rows */
    char dv_unit[32];
    char give[EXOPK_NAME_MAX]; /* formulation or agent its doses give */
    char amt_unit[32];
} ExopkDataCmt;

/* How the study's observed data are written: the long CSV (nonmem = 0),
 * or a NONMEM/Monolix dataset read through this map (include/exopk/observed.h). */
typedef struct {
    int nonmem;
    char time_unit[32];        /* of TIME and II; "": h */
    char arm[EXOPK_NAME_MAX];  /* every row's arm when the file has no ARM column */
    size_t n_cmt;
    ExopkDataCmt cmt[EXOPK_MAX_DATA_CMT];
} ExopkDataFormat;

typedef struct {
    char name[256];
    ExopkSpecies species;      /* as in the data file */
    double weight;             /* kg, the subject's body weight */
    ExopkSubject subject;      /* effective */
    int has_tumour;
    ExopkTumour tumour_ref;    /* as in the data file */
    ExopkTumour tumour;        /* effective */
    double tumour_volume0;     /* mm3 */
    double resistant_fraction0;
    size_t n_agents;
    ExopkAgent agent_ref[EXOPK_MAX_AGENTS]; /* as in the data files */
    ExopkAgent agents[EXOPK_MAX_AGENTS];    /* effective */
    size_t n_ligands;
    ExopkLigand ligand_ref[EXOPK_MAX_LIGANDS]; /* as in the data files */
    ExopkLigand ligands[EXOPK_MAX_LIGANDS];    /* effective (overrides) */
    size_t n_formulations;
    ExopkFormulation *formulations;      /* owned */
    size_t n_arms;
    ExopkArm *arms;                      /* owned */
    double horizon;            /* h */
    double output_every;       /* h */
    double rtol;               /* default 1e-6 */
    double atol_scale;         /* default 1e-12 (per-scale factor, docs/model.md §9.17) */
    size_t n_overrides;
    ExopkOverride *overrides;  /* owned */
    ExopkVariability variability;
    /* Observed data the study names (include/exopk/observed.h), "" for
     * none: the path to open (as written, after the study file's
     * directory unless absolute). */
    char data_path[4096];
    ExopkDataFormat data_format;
} ExopkStudy;

/* An empty study with default solver settings. (transfer full) */
ExopkStudy *exopk_study_new(void);
void exopk_study_free(ExopkStudy *study); /* NULL-safe; frees arms and formulations */

/* Appends a formulation (copied).  Returns the index, or -1 on ENOMEM. */
int exopk_study_add_formulation(ExopkStudy *study, const ExopkFormulation *f);
/* Appends an arm of single doses (each its own line).  -1 on ENOMEM. */
int exopk_study_add_arm(ExopkStudy *study, const char *name, const ExopkDose *doses,
                        size_t n_doses);
/* Appends an arm from dosing lines (copied) and expands them with the
 * study's horizon.  Returns the index, -1 on ENOMEM, or -2 (nothing
 * added) if more than EXOPK_MAX_DOSES doses fall within the horizon. */
int exopk_study_add_arm_lines(ExopkStudy *study, const char *name, const ExopkDosingLine *lines,
                              size_t n_lines);
/* Replaces the dosing lines of arm @arm (copied) and expands them as
 * exopk_study_add_arm_lines() does: 0, -1 on ENOMEM, -2 (arm unchanged)
 * for more than EXOPK_MAX_DOSES doses.  Resolve the study again after. */
int exopk_study_set_arm_lines(ExopkStudy *study, size_t arm, const ExopkDosingLine *lines,
                              size_t n_lines);
/* How many doses of @line fall within @horizon (h). */
long exopk_dosing_line_doses_within(const ExopkDosingLine *line, double horizon);

/* A deep copy of @study (transfer full), or NULL on ENOMEM. */
ExopkStudy *exopk_study_copy(const ExopkStudy *study);

/* Changes one thing for a run, as `set` does in the Lua API (docs/study-files.md):
 * "dose" (engine unit of the arm's first dosing line: particles, or nmol
 * for a cargo or free-agent dose), "every", "at", "over" (h), "count" (a
 * whole number >= 1), "offered" (molecules per vesicle of the first cargo
 * of the formulation the first line gives) or "offered_<agent>", or any
 * parameter path (an override; the study is resolved again).  EINVAL with
 * the nearest valid name for an unknown @name or a value out of range. */
ExopkStatus exopk_study_set(ExopkStudy *study, size_t arm, const char *name, double value,
                            ExopkError *err);

/* Index of the agent called @name, or -1. */
int exopk_study_find_agent(const ExopkStudy *study, const char *name);
/* Adds @agent (copied into agent_ref) unless one of that name exists;
 * returns its index, or -1 when EXOPK_MAX_AGENTS are taken. */
int exopk_study_add_agent(ExopkStudy *study, const ExopkAgent *agent);
/* The probability (%) of congestive heart failure at cumulative free dose
 * @mg_per_m2 from @agent's published table: linear between its points and
 * from 0 at 0.  NAN without a table, for a negative or non-finite dose,
 * and above the table's last point (no extrapolation). */
double exopk_agent_chf_risk_pct(const ExopkAgent *agent, double mg_per_m2);
/* Index of the ligand called @name, or -1. */
int exopk_study_find_ligand(const ExopkStudy *study, const char *name);
/* Adds @ligand (copied into ligand_ref) unless one of that name exists;
 * returns its index, or -1 when EXOPK_MAX_LIGANDS are taken. */
int exopk_study_add_ligand(ExopkStudy *study, const ExopkLigand *ligand);
/* The first receptor @ligand needs that @tumour does not list, or NULL
 * when the tumour lists them all (the ligand then binds). */
const char *exopk_ligand_missing_receptor(const ExopkLigand *ligand, const ExopkTumour *tumour);

/* The product of the multipliers of @f's ligands (effective records of
 * resolved @study): mps always; k_int, k_ip and ps_tum only for the
 * ligands whose receptors the study's tumour lists (1 without a tumour). */
typedef struct {
    double k_int, k_ip, ps_tum, mps;
} ExopkLigandEffect;
void exopk_formulation_ligand_effect(const ExopkStudy *study, const ExopkFormulation *f,
                                     ExopkLigandEffect *effect);

/* Appends an override (copied); -1 on ENOMEM. The path is checked by
 * exopk_study_resolve / exopk_study_param_kind. */
int exopk_study_add_override(ExopkStudy *study, const char *path, double value);

/* Computes the effective records from the *_ref records: subject
 * physiology from the species and study->weight; agent PK scaled from its
 * reference weight (volumes x BW/ref, flows x (BW/ref)^0.75); body-level
 * carrier rates x (BW/ref)^-0.25; vmax_mps, vmax_pgp and ec50 derived;
 * study->overrides applied (paths as docs/study-files.md: "carrier.k_pt",
 * "carrier.msc.k_pt", "loading.leak_multiplier", "species.plasma_volume",
 * "doxorubicin.cl", "tumour.capacity").  Derived values are recomputed
 * from overridden inputs unless themselves overridden.  An unknown path is
 * EXOPK_EINVAL naming the nearest valid path.  May be called again after
 * changing the *_ref records or the overrides. */
ExopkStatus exopk_study_resolve(ExopkStudy *study, ExopkError *err);

/* Checks the time and solver settings of @study against the limits above
 * (horizon, output_every, rtol, atol scale, doses per arm).  EXOPK_EINVAL
 * naming the setting and its range.  exopk_study_resolve calls it. */
ExopkStatus exopk_study_check_settings(const ExopkStudy *study, ExopkError *err);
/* Checks solver tolerances alone (a run may override the study's). */
ExopkStatus exopk_solver_check_tolerances(double rtol, double atol_scale, ExopkError *err);

/* The field an override path names ("carrier.msc.k_pt" -> k_pt of the
 * carrier group), or NULL if there is none. */
const ExopkParamField *exopk_study_path_field(const ExopkStudy *study, const char *path);

/* The engine-unit kind of an override path ("doxorubicin.cl" -> FLOW),
 * so that a loader can parse the value.  EXOPK_EINVAL with the nearest
 * valid path if unknown. */
ExopkStatus exopk_study_param_kind(const ExopkStudy *study, const char *path,
                                   ExopkUnitKind *kind, ExopkError *err);

/* --- loading (docs/model.md §1) ------------------------------------------- */

typedef struct {
    double lumen_volume;        /* L per vesicle */
    double cap_lumen, cap_membrane; /* molecules per vesicle */
    double associated;          /* a, molecules per vesicle */
    double q_lumen, q_membrane; /* molecules per vesicle after co-loading scaling */
    double ee_pct;              /* a/u*100 */
    double dlc_pct;             /* w/w, cargo mass over cargo + vesicle protein */
    double recovery;            /* particles recovered per particle offered */
    int implausible;            /* the reported EE needs more than the lumen holds */
    int lumen_overfull;         /* co-loading scaled q_lumen down */
    int measured;               /* the load was measured, not modelled */
    double model_associated;    /* what the capacity model gives at `offered` */
    int over_capacity;          /* a measured load above cap_lumen + cap_membrane */
} ExopkLoadingReport;

/* Loading report for every cargo of @f (array of f->n_cargo). */
void exopk_formulation_load(const ExopkFormulation *f, const ExopkStudy *study,
                            ExopkLoadingReport *reports);

/* Molecules offered per vesicle for a w/w loading ratio @ratio (g of
 * @agent in its dosed form, as weighed, per g of vesicle protein, the
 * way EV amounts are measured): ratio * protein per vesicle (from the
 * carrier's particles_per_ug_protein) / mw_dosed * Avogadro.  EINVAL when
 * the agent has no molar mass or the carrier no protein per particle. */
ExopkStatus exopk_offered_from_mass_ratio(double ratio, const ExopkAgent *agent,
                                          const ExopkCarrier *carrier, double *molecules,
                                          ExopkError *err);

/* Molecules per vesicle of a measured load (cargo->given not MODEL):
 * `loaded` as is; drug per protein and DLC through the protein per
 * vesicle (1 ug / the carrier's particles_per_ug_protein) and the carried
 * form's molar mass `mw`; EE times `offered`.  EINVAL naming what is
 * missing (a molar mass, the protein per vesicle). */
ExopkStatus exopk_measured_load(const ExopkCargo *cargo, const ExopkAgent *agent,
                                const ExopkCarrier *carrier, double *molecules, ExopkError *err);

/* The field name a cargo's load was given in ("loaded", "ee", "dlc";
 * "offered" for the model). */
const char *exopk_load_field(ExopkLoadGiven given);

/* The loading report line of cargo @c of @f whose load was measured: what
 * was given, the load it implies, what the capacity model says. */
void exopk_measured_load_describe(const ExopkStudy *study, const ExopkFormulation *f, size_t c,
                                  const ExopkLoadingReport *r, char *buf, size_t size);

/* Nonzero when @text ends in the word "protein" ("50 ng/ug protein",
 * "100 ug protein"): the text before it goes to @bare (when it fits). */
int exopk_protein_text(const char *text, char *bare, size_t size);

/* Micrograms of vesicle protein of a dose @q, a mass or a mass per kg of
 * a subject of @body_weight kg.  EINVAL naming what was expected. */
ExopkStatus exopk_protein_dose_ug(const ExopkQuantity *q, double body_weight, double *ug,
                                  ExopkError *err);

/* Particles of a formulation dose: its amount if given in particles, else
 * the cargo amount (nmol) over the loaded content per vesicle.  EINVAL if
 * the formulation carries none of that cargo. */
ExopkStatus exopk_dose_particles(const ExopkStudy *study, const ExopkDose *dose, double *particles,
                                 ExopkError *err);

/* A loading warning for cargo @c of @f, or 0 if there is none to give. */
int exopk_loading_warning(const ExopkStudy *study, const ExopkFormulation *f, size_t c,
                          const ExopkLoadingReport *rep, char *buf, size_t size);

/* --- organs (docs/model.md "Organs") ---------------------------------- */

/* Organ outputs are shares of unchanged compartments: liver, spleen and
 * lungs of the MPS compartment M, kidneys and the rest of the body of the
 * peripheral tissue T.  No organ has kinetics of its own. */
typedef enum {
    EXOPK_ORGAN_LIVER = 0,
    EXOPK_ORGAN_SPLEEN,
    EXOPK_ORGAN_LUNGS,
    EXOPK_ORGAN_KIDNEYS,
    EXOPK_ORGAN_REST,
    EXOPK_ORGAN_COUNT
} ExopkOrgan;

/* The shares of one compartment. */
typedef enum { EXOPK_ORGAN_GROUP_MPS = 0, EXOPK_ORGAN_GROUP_TISSUE, EXOPK_ORGAN_GROUP_COUNT }
    ExopkOrganGroup;

/* "liver", ... (the prefix of its series and metrics). */
const char *exopk_organ_name(ExopkOrgan organ);
/* The compartment @organ is a share of. */
ExopkOrganGroup exopk_organ_group(ExopkOrgan organ);
/* The carrier field holding @organ's share ("liver_share_of_mps"). */
const char *exopk_organ_share_field(ExopkOrgan organ);
/* @organ's share of its compartment in @carrier (0: not given). */
double exopk_carrier_organ_share(const ExopkCarrier *carrier, ExopkOrgan organ);
/* The sum of the shares of @group in @carrier: 0 when the carrier gives
 * none, else it must be 1 (exopk_carrier_organ_shares_ok). */
double exopk_carrier_organ_group_sum(const ExopkCarrier *carrier, ExopkOrganGroup group);
/* Whether the sum @sum of a group's shares is allowed: 0 (none given) or
 * 1 within EXOPK_ORGAN_SHARE_TOLERANCE. */
#define EXOPK_ORGAN_SHARE_TOLERANCE 1e-3
int exopk_organ_group_sum_ok(double sum);
/* "liver_share_of_mps + spleen_share_of_mps + lungs_share_of_mps" into
 * @buf, for messages. */
void exopk_organ_group_fields(ExopkOrganGroup group, char *buf, size_t size);
/* Grams of @organ in the study's subject from the species' weight
 * fractions (the rest: body weight less liver, spleen, lungs, kidneys,
 * heart and plasma); 0 when the species does not give what it needs. */
double exopk_organ_grams(const ExopkStudy *study, ExopkOrgan organ);

#ifdef __cplusplus
}
#endif
#endif
