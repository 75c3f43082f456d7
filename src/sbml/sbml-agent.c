/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Free small molecules (docs/model.md §4, §9.1–§9.4, §10): the
 * three-compartment plasma model with the heart, exchange with the tumour
 * interstitium, and the drug in sensitive and resistant cells with the
 * kill it causes.  Mirrors rhs-agent.c and rhs-cargo.c. */
#include <stdio.h>
#include <stdlib.h>

#include "sbml-ir.h"

/* The names of the rules of agent @ab: "<agent>.<what>". */
static const char *
agent_name(const SbmlBuild *b, const AgentBlock *ab)
{
    return b->s->agents[ab->agent].name;
}

/* Concentration in the interstitium; for a small molecule also in each
 * population's cells, and the kill (§9.1, §9.7: a round-off negative kills
 * nothing; resistant cells need rho times the EC50). */
void
sbml_build_agent_pd(SbmlBuild *b)
{
    const Model *m = b->m;

    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const char *an = agent_name(b, ab);
        char name[160];

        b->c_int[k] = b->c_cell[k][0] = b->c_cell[k][1] = b->kill[k][0] = b->kill[k][1] = "0";
        if (!m->has_tumour)
            continue;
        snprintf(name, sizeof name, "%s.interstitial_concentration", an);
        b->c_int[k] = sbml_rule(b, name, SU_NMOL_PER_LITRE, "piecewise(%s / %s, %s > 0, 0)",
                                sbml_species(b, ab->aint), b->vint, b->vint);
        if (ab->cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;   /* RNA kills nothing */
        for (int i = 0; i < 2; i++) {
            const char *pop = sbml_species(b, i == 0 ? m->s : m->r);
            const char *amt = sbml_species(b, i == 0 ? ab->as : ab->ar);
            const char *h = sbml_agent_param(b, ab, "hill");
            char *ec50 = i == 0 ? sbml_strf("%s", sbml_agent_param(b, ab, "ec50"))
                                : sbml_strf("(%s * %s)", b->rho[k], sbml_agent_param(b, ab, "ec50"));
            const char *c;

            snprintf(name, sizeof name, "%s.cells_%s_concentration", an, i == 0 ? "s" : "r");
            c = b->c_cell[k][i] = sbml_rule(b, name, SU_NMOL_PER_LITRE,
                                            "piecewise(%s / (%s * %s), %s > 0, 0)", amt,
                                            b->cell_volume, pop, pop);
            snprintf(name, sizeof name, "%s.kill_%s", an, i == 0 ? "sensitive" : "resistant");
            b->kill[k][i] = sbml_rule(b, name, SU_PER_HOUR,
                                      "piecewise(%s * %s^%s / (%s^%s + %s^%s), %s > 0, 0)",
                                      sbml_agent_param(b, ab, "kmax"), c, h, ec50 ? ec50 : "0",
                                      h, c, h, c);
            free(ec50);
        }
    }
}

/* Plasma, two peripheral compartments and the flow-limited heart. */
static void
free_pk(SbmlBuild *b, const AgentBlock *ab)
{
    const char *v1 = sbml_agent_param(b, ab, "v1"), *q2 = sbml_agent_param(b, ab, "q2");
    const char *q3 = sbml_agent_param(b, ab, "q3"), *qh = sbml_subject_param(b, "q_heart");
    char k[512];

    snprintf(k, sizeof k, "%s / %s", sbml_agent_param(b, ab, "cl"), v1);
    sbml_linear(b, ab->a1, ab->elim, "systemic clearance CL", k);
    snprintf(k, sizeof k, "%s / %s", q2, v1);
    sbml_linear(b, ab->a1, ab->a2, "distribution to peripheral 2", k);
    snprintf(k, sizeof k, "%s / %s", q2, sbml_agent_param(b, ab, "v2"));
    sbml_linear(b, ab->a2, ab->a1, "return from peripheral 2", k);
    snprintf(k, sizeof k, "%s / %s", q3, v1);
    sbml_linear(b, ab->a1, ab->a3, "distribution to peripheral 3", k);
    snprintf(k, sizeof k, "%s / %s", q3, sbml_agent_param(b, ab, "v3"));
    sbml_linear(b, ab->a3, ab->a1, "return from peripheral 3", k);
    snprintf(k, sizeof k, "%s / %s", qh, v1);
    sbml_linear(b, ab->a1, ab->ah, "heart blood flow in", k);
    snprintf(k, sizeof k, "%s / (%s * %s)", qh, sbml_subject_param(b, "v_heart"),
             sbml_agent_param(b, ab, "kp_heart"));
    sbml_linear(b, ab->ah, ab->a1, "heart blood flow out (Kp_h)", k);
}

/* ip absorption, AUCs, and the exchange with the tumour interstitium
 * J_tum = PS V_t (C1 - C_int). */
static void
shared_path(SbmlBuild *b, size_t k)
{
    const Model *m = b->m;
    const AgentBlock *ab = &m->agents[k];
    const char *a1 = sbml_species(b, ab->a1), *v1 = sbml_agent_param(b, ab, "v1");

    if (ab->aip >= 0)
        sbml_linear(b, ab->aip, ab->a1, "absorption from the peritoneum",
                    sbml_agent_param(b, ab, "k_a_ip"));
    sbml_flux(b, -1, ab->auc1, "AUC of the plasma concentration", "%s / %s", a1, v1);
    if (ab->auch >= 0)
        sbml_flux(b, -1, ab->auch, "AUC of the heart concentration", "%s / %s",
                  sbml_species(b, ab->ah), sbml_subject_param(b, "v_heart"));
    if (!m->has_tumour)
        return;
    sbml_flux_signed(b, ab->a1, ab->aint, "exchange with the tumour interstitium",
                     "%s * %s * %s * (%s / %s - %s)", sbml_agent_param(b, ab, "ps_free"),
                     sbml_param(b, "litre_per_mm3", L_PER_MM3, SU_LITRE_PER_MM3), b->vt, a1,
                     v1, b->c_int[k]);
    sbml_flux(b, -1, ab->aucint, "AUC of the interstitial concentration", "%s", b->c_int[k]);
}

/* Influx, efflux (passive, vesicular, P-gp) and the drug of dying and
 * declining cells, in population @i (0 S, 1 R). */
static void
drug_in_cells(SbmlBuild *b, size_t k, int i)
{
    const Model *m = b->m;
    const AgentBlock *ab = &m->agents[k];
    const int pop = i == 0 ? m->s : m->r, amt = i == 0 ? ab->as : ab->ar;
    const char *A = sbml_species(b, amt), *g = i == 0 ? b->g_s : b->g_r;
    const char *kout = sbml_agent_param(b, ab, "k_out");
    char kouts[256], pgp[256];

    if (i == 0)
        snprintf(kouts, sizeof kouts, "%s", kout);
    else
        snprintf(kouts, sizeof kouts, "(%s + %s)", kout, sbml_agent_param(b, ab, "k_vexp"));
    /* Vmax per unit P-gp times the cells' P-gp level */
    snprintf(pgp, sizeof pgp, "%s * %s", sbml_agent_param(b, ab, "vmax_pgp"), b->pgp[i]);
    sbml_flux(b, ab->aint, amt, i == 0 ? "uptake into sensitive cells" : "uptake into resistant cells",
              "%s * %s * %s * %s", sbml_agent_param(b, ab, "k_in"), b->c_int[k], b->cell_volume,
              sbml_species(b, pop));
    sbml_flux(b, amt, ab->aint, i == 0 ? "efflux from sensitive cells (passive, P-gp)"
                                       : "efflux from resistant cells (passive, vesicular, P-gp)",
              "%s * %s + %s * %s / (%s + %s)", kouts, A, pgp, A, sbml_agent_param(b, ab, "km_pgp"),
              b->c_cell[k][i]);
    sbml_flux(b, amt, ab->aint, i == 0 ? "drug released by dying sensitive cells"
                                       : "drug released by dying resistant cells",
              "(%s + piecewise(-%s, %s < 0, 0)) * %s", b->kill[k][i], g, g, A);
}

void
sbml_build_agents(SbmlBuild *b)
{
    const Model *m = b->m;

    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        int sm = ab->cls == EXOPK_CLASS_SMALL_MOLECULE;
        if (sm)
            free_pk(b, ab);
        else
            sbml_build_rna_free(b, k);
        shared_path(b, k);
        if (!m->has_tumour)
            continue;
        if (sm) {
            drug_in_cells(b, k, 0);
            drug_in_cells(b, k, 1);
        } else {
            sbml_build_rna_cells(b, k);
        }
        sbml_flux(b, ab->as, ab->ar, "carried by cells turning resistant", "%s * %s", b->k_sr,
                  sbml_species(b, ab->as));
    }
}
