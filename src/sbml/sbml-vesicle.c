/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Vesicles of each formulation and the cargo they carry (docs/model.md
 * §2, §3, §9.12–§9.14).  One table of vesicle moves serves the particles
 * and every cargo pool: carried cargo moves with its vesicles at r * L.
 * Mirrors rhs-vesicle.c. */
#include <stdio.h>
#include <string.h>

#include "sbml-ir.h"

/* A first-order move between vesicle compartments, rate constant = the
 * carrier field @key (its effective value for this formulation). */
typedef struct {
    int from, to;
    const char *key, *what;
} VesicleMove;

static const VesicleMove MOVES[] = {
    { VC_P, VC_T, "k_pt", "plasma -> tissue" },
    { VC_T, VC_P, "k_tp", "tissue -> plasma" },
    { VC_I, VC_P, "k_ip", "tumour interstitium -> plasma (washout)" },
    { VC_I, VC_E, "k_int", "tumour interstitium -> tumour cells (uptake)" },
    { VC_PC, VC_P, "k_a_ip", "peritoneum -> plasma (absorption)" },
};

/* Where vesicles leave the body: what becomes of them and their cargo. */
typedef enum { OUT_ELIMINATED, OUT_DEGRADED_RELEASING, OUT_PROCESSED } VesicleOut;

typedef struct {
    int from;
    const char *key, *what;
    VesicleOut out;
} VesicleExit;

static const VesicleExit EXITS[] = {
    { VC_P, "k_cl", "elimination from plasma", OUT_ELIMINATED },
    { VC_T, "k_deg_t", "degradation in tissue", OUT_DEGRADED_RELEASING },
    { VC_M, "k_deg_m", "degradation in the MPS", OUT_DEGRADED_RELEASING },
    { VC_E, "k_proc", "endosomal processing", OUT_PROCESSED },
};

static const char *const COMP[VC_N] = { "plasma", "tissue", "mps", "tumour_interstitium",
                                        "tumour_cells", "peritoneum" };

/* The rate constant of @key for @cb: the carrier's parameter when the
 * engine uses it as it is, else this formulation's effective value
 * ("<formulation>.<key>_effective": targeting, ligands, PEG). */
static const char *
rate_of(SbmlBuild *b, const CarrierBlock *cb, const char *key)
{
    static const struct { const char *key; size_t offset; } EFFECTIVE[] = {
        { "k_pt", offsetof(CarrierBlock, k_pt) },       { "k_tp", offsetof(CarrierBlock, k_tp) },
        { "k_deg_t", offsetof(CarrierBlock, k_deg_t) }, { "k_deg_m", offsetof(CarrierBlock, k_deg_m) },
        { "k_cl", offsetof(CarrierBlock, k_cl) },       { "k_ip", offsetof(CarrierBlock, k_ip) },
        { "k_int", offsetof(CarrierBlock, k_int) },     { "k_proc", offsetof(CarrierBlock, k_proc) },
        { "k_a_ip", offsetof(CarrierBlock, k_a_ip) },   { "ps_tum", offsetof(CarrierBlock, ps_tum) },
    };
    const ExopkCarrier *c = &b->s->formulations[cb->formulation].carrier;
    const ExopkParamField *f = exopk_param_field(EXOPK_GROUP_CARRIER, key);

    for (size_t i = 0; f != NULL && i < sizeof EFFECTIVE / sizeof *EFFECTIVE; i++) {
        double eff, base;
        char name[160];
        if (strcmp(EFFECTIVE[i].key, key) != 0)
            continue;
        memcpy(&eff, (const char *) cb + EFFECTIVE[i].offset, sizeof eff);
        memcpy(&base, (const char *) c + f->offset, sizeof base);
        if (eff == base)
            return sbml_carrier_param(b, cb, key);
        snprintf(name, sizeof name, "%s.%s_effective", b->s->formulations[cb->formulation].name,
                 key);
        return sbml_param(b, name, eff, SU_PER_HOUR);
    }
    sbml_fail(b, EXOPK_EINVAL, "internal: no effective carrier constant %s", key);
    return "0";
}

/* The moves every vesicle-borne quantity (particles, one cargo pool)
 * makes: @q[VC_N] are its states; saturable MPS uptake and EPR entry
 * carry it at the particles' per-vesicle rates. */
static void
moves(SbmlBuild *b, const CarrierBlock *cb, const int *q, const char *r_mps, const char *r_epr,
      const char *label)
{
    char name[256];

    for (size_t i = 0; i < sizeof MOVES / sizeof *MOVES; i++) {
        if (q[MOVES[i].from] < 0 || q[MOVES[i].to] < 0)
            continue;
        snprintf(name, sizeof name, "%s: %s", label, MOVES[i].what);
        sbml_linear(b, q[MOVES[i].from], q[MOVES[i].to], name, rate_of(b, cb, MOVES[i].key));
    }
    snprintf(name, sizeof name, "%s: MPS uptake (saturable)", label);
    sbml_linear(b, q[VC_P], q[VC_M], name, r_mps);
    if (b->m->has_tumour) {
        snprintf(name, sizeof name, "%s: plasma -> tumour interstitium (EPR)", label);
        sbml_linear(b, q[VC_P], q[VC_I], name, r_epr);
    }
}

/* Vesicles leaving: particles to the cumulative eliminated/degraded
 * states. */
static void
particle_exits(SbmlBuild *b, const CarrierBlock *cb, const char *label)
{
    char name[256];

    for (size_t i = 0; i < sizeof EXITS / sizeof *EXITS; i++) {
        int to = EXITS[i].out == OUT_ELIMINATED ? cb->p_elim : cb->p_degr;
        snprintf(name, sizeof name, "%s: %s", label, EXITS[i].what);
        sbml_linear(b, cb->x[EXITS[i].from], to, name, rate_of(b, cb, EXITS[i].key));
    }
}

/* ...and their cargo: eliminated with them; released (f_rd) into plasma
 * when they degrade in T and M; on endosomal processing f_esc escapes to
 * the cells (split by viable share), the rest is degraded. */
static void
cargo_exits(SbmlBuild *b, const CarrierBlock *cb, const AgentBlock *ab, const int *L,
            const char *label)
{
    const char *f_rd = sbml_agent_param(b, ab, "f_rd"), *f_esc = sbml_agent_param(b, ab, "f_esc");
    char name[256], k[512];

    for (size_t i = 0; i < sizeof EXITS / sizeof *EXITS; i++) {
        const char *r = rate_of(b, cb, EXITS[i].key);
        const int from = L[EXITS[i].from];
        snprintf(name, sizeof name, "%s: %s", label, EXITS[i].what);
        if (EXITS[i].out == OUT_ELIMINATED) {
            sbml_linear(b, from, ab->elim, name, r);
        } else if (EXITS[i].out == OUT_DEGRADED_RELEASING) {
            snprintf(k, sizeof k, "%s * %s", f_rd, r);
            sbml_linear(b, from, ab->a1, name, k);
            snprintf(k, sizeof k, "(1 - %s) * %s", f_rd, r);
            sbml_linear(b, from, ab->elim, name, k);
        } else if (from >= 0) {
            const int to[3] = { ab->as, ab->ar, ab->aint };
            const char *share[3] = { b->share_s, b->share_r, b->share_none };
            snprintf(k, sizeof k, "(1 - %s) * %s", f_esc, r);
            sbml_linear(b, from, ab->degr, name, k);
            for (int j = 0; j < 3; j++) {
                snprintf(k, sizeof k, "%s * %s * %s", f_esc, r, share[j]);
                snprintf(name, sizeof name, "%s: endosomal escape", label);
                sbml_linear(b, from, to[j], name, k);
            }
        }
    }
}

/* Leak of pool @p from P, T, M and the depot into plasma, from I into the
 * interstitium: k_leak of the pool times the method's leak multiplier. */
static void
leak(SbmlBuild *b, const CarrierBlock *cb, const AgentBlock *ab, int p, const int *L,
     const char *label)
{
    char k[256], name[256];
    const int comps[5] = { VC_P, VC_T, VC_M, VC_PC, VC_I };

    snprintf(k, sizeof k, "%s * %s",
             sbml_agent_param(b, ab, p == POOL_LUMEN ? "k_leak_lumen" : "k_leak_membrane"),
             sbml_loading_param(b, cb, "leak_multiplier"));
    for (int i = 0; i < 5; i++) {
        snprintf(name, sizeof name, "%s: leak from %s", label, COMP[comps[i]]);
        sbml_linear(b, L[comps[i]], comps[i] == VC_I ? ab->aint : ab->a1, name, k);
    }
}

void
sbml_build_vesicles(SbmlBuild *b)
{
    const Model *m = b->m;
    static const char *const POOL[POOL_N] = { "lumen", "membrane" };

    for (size_t k = 0; k < m->n_carriers; k++) {
        const CarrierBlock *cb = &m->carriers[k];
        const ExopkFormulation *f = &b->s->formulations[cb->formulation];
        const char *xp = sbml_species(b, cb->x[VC_P]);
        char name[256], vmax[160];
        const char *r_mps, *r_epr = "0";

        /* Vmax of this formulation: the carrier's, times the method and
         * surface multipliers */
        snprintf(vmax, sizeof vmax, "%s.vmax_mps_effective", f->name);
        snprintf(name, sizeof name, "%s.mps_rate", f->name);
        r_mps = sbml_rule(b, name, SU_PER_HOUR, "%s / (%s * %s + %s)",
                          sbml_param(b, vmax, cb->vmax, SU_PARTICLES_PER_HOUR),
                          sbml_carrier_param(b, cb, "km_mps"),
                          sbml_subject_param(b, "plasma_volume"), xp);
        if (m->has_tumour) {
            snprintf(name, sizeof name, "%s.epr_rate", f->name);
            r_epr = sbml_rule(b, name, SU_PER_HOUR, "%s * %s * %s / %s",
                              rate_of(b, cb, "ps_tum"), b->vt,
                              sbml_param(b, "litre_per_mm3", L_PER_MM3, SU_LITRE_PER_MM3),
                              sbml_subject_param(b, "plasma_volume"));
        }
        snprintf(name, sizeof name, "%s particles", f->name);
        moves(b, cb, cb->x, r_mps, r_epr, name);
        particle_exits(b, cb, name);
        for (size_t c = 0; c < cb->n_cargo; c++) {
            const AgentBlock *ab = &m->agents[cb->cargo_agent[c]];
            for (int p = 0; p < POOL_N; p++) {
                snprintf(name, sizeof name, "%s %s (%s)", f->name,
                         b->s->agents[ab->agent].name, POOL[p]);
                moves(b, cb, cb->L[c][p], r_mps, r_epr, name);
                cargo_exits(b, cb, ab, cb->L[c][p], name);
                leak(b, cb, ab, p, cb->L[c][p], name);
            }
        }
    }
}
