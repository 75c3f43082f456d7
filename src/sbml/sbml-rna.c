/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RNA cargo (docs/model.md §4): siRNA, anti-miR and miRNA mimic, free and in the tumour
 * cells, and what their targets do to the tumour's parameters.  Mirrors
 * rhs-rna.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbml-ir.h"

/* the effects; FX_RHO + k is agent block k's rho */
enum { FX_PGP_S, FX_PGP_R, FX_TAU, FX_LAM_S, FX_LAM_R, FX_RHO, FX_MAX = FX_RHO + EXOPK_MAX_AGENTS };

/* *@x = its product with @fac (excess: 1 + (*x - 1) fac, for rho). */
static void
scale(char **x, const char *fac, int excess)
{
    char *y = excess ? sbml_strf("1 + (%s - 1) * %s", *x, fac) : sbml_strf("(%s) * %s", *x, fac);

    free(*x);
    *x = y;
}

/* Scales the tumour parameter @on by the factors of the cells concerned:
 * @fs, @fr of each population (resistant cells for rho), @fbar of the
 * viable mean (transfer). */
static void
apply_effect(SbmlBuild *b, const ExopkAgent *ag, ExopkActsOn on, const char *fs,
             const char *fr, const char *fbar, char **x)
{
    const Model *m = b->m;

    if (fs == NULL || fr == NULL || fbar == NULL) {
        sbml_fail(b, EXOPK_ENOMEM, "out of memory");
    } else if (on == EXOPK_ACTS_ON_PGP) {
        scale(&x[FX_PGP_S], fs, 0);
        scale(&x[FX_PGP_R], fr, 0);
    } else if (on == EXOPK_ACTS_ON_RESISTANCE) {
        for (size_t j = 0; j < m->n_agents; j++)
            if (model_changes_rho(m, ag, j))
                scale(&x[FX_RHO + j], fr, 1);
    } else if (on == EXOPK_ACTS_ON_TRANSFER) {
        scale(&x[FX_TAU], fbar, 0);
    } else if (on == EXOPK_ACTS_ON_GROWTH) {
        scale(&x[FX_LAM_S], fs, 0);
        scale(&x[FX_LAM_R], fr, 0);
    }
}

/* X (1 - f (1 - level)) with the level of the cells concerned: resistant
 * cells for rho, each population for P-gp and growth, the viable mean for
 * transfer.  siRNA: share on its acts_on; anti-miR: share on rho, then
 * share_transfer on tau.  rho is each small molecule's (resistance_of). */
static void
level_effect(SbmlBuild *b, const AgentBlock *ab, char **x)
{
    const Model *m = b->m;
    const ExopkAgent *ag = &b->s->agents[ab->agent];
    const int si = ab->cls == EXOPK_CLASS_SIRNA;
    const char *xs = sbml_species(b, si ? ab->ps : ab->ms);
    const char *xr = sbml_species(b, si ? ab->pr : ab->mr);

    for (int pass = 0; pass < (si ? 1 : 2); pass++) {
        const char *f = sbml_agent_param(b, ab, pass == 0 ? "share" : "share_transfer");
        ExopkActsOn on = si ? ag->acts_on
                            : (pass == 0 ? EXOPK_ACTS_ON_RESISTANCE : EXOPK_ACTS_ON_TRANSFER);
        char *fs = sbml_strf("(1 - %s + %s * %s)", f, f, xs);
        char *fr = sbml_strf("(1 - %s + %s * %s)", f, f, xr);
        char *fbar = sbml_strf("(1 - %s + %s * ((%s * %s + %s * %s) / %s))", f, f, xs,
                               sbml_species(b, m->s), xr, sbml_species(b, m->r), b->viable);

        apply_effect(b, ag, on, fs, fr, fbar, x);
        free(fs);
        free(fr);
        free(fbar);
    }
}

/* Molecules per cell of state @amt in population @pop (a rule). */
static const char *
per_cell(SbmlBuild *b, const AgentBlock *ab, const char *what, int i, int amt, int pop)
{
    char name[192];
    const char *x = sbml_species(b, pop), *cpm = sbml_tumour_param(b, "cells_per_mm3");

    snprintf(name, sizeof name, "%s.%s_per_cell_%s", b->s->agents[ab->agent].name, what,
             i == 0 ? "s" : "r");
    return sbml_rule(b, name, SU_DIMENSIONLESS, "piecewise(%s * %s / (%s * %s), %s * %s > 0, 0)",
                     sbml_species(b, amt),
                     sbml_param(b, "molecules_per_nmol", EXOPK_MOLECULES_PER_NMOL,
                                SU_ITEMS_PER_NMOL), x, cpm, x, cpm);
}

/* The factor 1 - share u/(ea50 + u) for the mimic's activity raise u (the
 * name of a rule; malloc'd). */
static char *
mimic_factor(SbmlBuild *b, const AgentBlock *ab, const char *u)
{
    const char *sh = sbml_agent_param(b, ab, "share"), *h = sbml_agent_param(b, ab, "ea50");

    return sbml_strf("(1 - %s * %s / (%s + %s))", sh, u, h, u);
}

/* A miRNA mimic: activity a = 1 + Q/M0 (Q mimic copies per cell, M0 the
 * endogenous copies) raised by u = a - 1, per population and for the
 * viable mean; the factor above on its acts_on. */
static void
mimic_effect(SbmlBuild *b, const AgentBlock *ab, char **x)
{
    const Model *m = b->m;
    const ExopkAgent *ag = &b->s->agents[ab->agent];
    const char *m0 = sbml_agent_param(b, ab, "mirna_copies");
    const char *q[2], *u[3];
    char name[192];

    for (int i = 0; i < 2; i++) {
        q[i] = per_cell(b, ab, "mimic", i, i == 0 ? ab->as : ab->ar, i == 0 ? m->s : m->r);
        snprintf(name, sizeof name, "%s.mirna_raise_%s", ag->name, i == 0 ? "s" : "r");
        u[i] = sbml_rule(b, name, SU_DIMENSIONLESS, "%s / %s", q[i], m0);
    }
    snprintf(name, sizeof name, "%s.mirna_raise", ag->name);
    u[2] = sbml_rule(b, name, SU_DIMENSIONLESS,
                     "piecewise((%s * %s + %s * %s) / %s, %s > 0, 0)", u[0],
                     sbml_species(b, m->s), u[1], sbml_species(b, m->r), b->viable, b->viable);
    {
        char *fs = mimic_factor(b, ab, u[0]), *fr = mimic_factor(b, ab, u[1]);
        char *fbar = mimic_factor(b, ab, u[2]);

        apply_effect(b, ag, ag->acts_on, fs, fr, fbar, x);
        free(fs);
        free(fr);
        free(fbar);
    }
}

static void
effect(SbmlBuild *b, const AgentBlock *ab, char **x)
{
    if (ab->cls == EXOPK_CLASS_MIMIC)
        mimic_effect(b, ab, x);
    else
        level_effect(b, ab, x);
}

/* The base value of effect @i and where its effective value goes. */
static const char *
effect_base(SbmlBuild *b, int i, const char ***out)
{
    const Model *m = b->m;

    switch (i) {
    case FX_PGP_S:
        *out = &b->pgp[0];
        return "1";
    case FX_PGP_R:
        *out = &b->pgp[1];
        return sbml_tumour_param(b, "pgp_resistant");
    case FX_TAU:
        *out = &b->tau;
        return sbml_tumour_param(b, "transfer_rate");
    case FX_LAM_S:
    case FX_LAM_R:
        *out = &b->lam[i - FX_LAM_S];
        return sbml_param(b, "tumour.gompertz_lambda", m->lambda, SU_PER_HOUR);
    default:
        *out = &b->rho[i - FX_RHO];
        return m->agents[i - FX_RHO].cls == EXOPK_CLASS_SMALL_MOLECULE
                   ? sbml_agent_param(b, &m->agents[i - FX_RHO], "rho")
                   : "0";
    }
}

/* The name of effect @i's rule. */
static void
effect_name(const SbmlBuild *b, int i, char *name, size_t size)
{
    static const char *const NAMES[FX_RHO] = {
        "tumour.pgp_sensitive_effective", "tumour.pgp_resistant_effective",
        "tumour.transfer_rate_effective", "tumour.gompertz_lambda_sensitive",
        "tumour.gompertz_lambda_resistant",
    };

    if (i < FX_RHO)
        snprintf(name, size, "%s", NAMES[i]);
    else
        snprintf(name, size, "%s.rho_effective",
                 b->s->agents[b->m->agents[i - FX_RHO].agent].name);
}

/* The tumour parameters the RNA agents scale, agent by agent, while
 * viable cells remain (the base values otherwise, and without RNA). */
void
sbml_build_effects(SbmlBuild *b)
{
    const Model *m = b->m;
    const int n = FX_RHO + (int) m->n_agents;
    const char *base[FX_MAX], **out[FX_MAX];
    char *x[FX_MAX], name[160];

    b->pgp[0] = b->pgp[1] = b->tau = b->lam[0] = b->lam[1] = "0";
    for (size_t k = 0; k < EXOPK_MAX_AGENTS; k++)
        b->rho[k] = "0";
    if (!m->has_tumour)
        return;
    for (int i = 0; i < n; i++) {
        base[i] = effect_base(b, i, &out[i]);
        *out[i] = base[i];
        x[i] = m->has_rna ? strdup(base[i]) : NULL;
    }
    if (!m->has_rna)
        return;
    for (size_t k = 0; k < m->n_agents; k++)
        if (m->agents[k].cls != EXOPK_CLASS_SMALL_MOLECULE)
            effect(b, &m->agents[k], x);
    for (int i = 0; i < n; i++) {
        effect_name(b, i, name, sizeof name);
        if (x[i] != NULL && strcmp(x[i], base[i]) != 0)
            *out[i] = sbml_rule(b, name, i == FX_TAU || i == FX_LAM_S || i == FX_LAM_R
                                             ? SU_PER_HOUR : SU_DIMENSIONLESS,
                                "piecewise(%s, %s > 0, %s)", x[i], b->viable, base[i]);
        else if (x[i] == NULL)
            sbml_fail(b, EXOPK_ENOMEM, "out of memory");
        free(x[i]);
    }
}

/* Free RNA: nucleases (plasma and interstitium) and renal filtration. */
void
sbml_build_rna_free(SbmlBuild *b, size_t k)
{
    const AgentBlock *ab = &b->m->agents[k];
    const char *k_nuc = sbml_agent_param(b, ab, "k_nuc");
    char kr[256];

    sbml_linear(b, ab->a1, ab->degr, "nuclease degradation in plasma", k_nuc);
    snprintf(kr, sizeof kr, "%s / %s", sbml_agent_param(b, ab, "cl_renal"),
             sbml_agent_param(b, ab, "v1"));
    sbml_linear(b, ab->a1, ab->elim, "renal filtration", kr);
    if (b->m->has_tumour)
        sbml_linear(b, ab->aint, ab->degr, "nuclease degradation in the interstitium", k_nuc);
}

/* Anti-miR enters cells without a carrier (gymnotic uptake); cytosolic
 * RNA turns over; siRNA loads RISC, and loaded RISC moves with cells
 * turning resistant. */
static void
uptake_and_turnover(SbmlBuild *b, const AgentBlock *ab)
{
    const Model *m = b->m;
    const ExopkAgent *ag = &b->s->agents[ab->agent];
    const char *k_cyto = sbml_agent_param(b, ab, "k_cyto"), *N = b->viable;

    if (ab->cls == EXOPK_CLASS_ANTIMIR && ag->k_gymnotic > 0) {
        const char *kg = sbml_agent_param(b, ab, "k_gymnotic"), *a = sbml_species(b, ab->aint);
        sbml_flux(b, ab->aint, ab->as, "gymnotic uptake into sensitive cells",
                  "piecewise(%s * %s * %s / %s, %s > 0, 0)", kg, a, sbml_species(b, m->s), N, N);
        sbml_flux(b, ab->aint, ab->ar, "gymnotic uptake into resistant cells",
                  "piecewise(%s * %s * %s / %s, %s > 0, 0)", kg, a, sbml_species(b, m->r), N, N);
    }
    sbml_linear(b, ab->as, ab->degr, "loss of cytosolic RNA (sensitive cells)", k_cyto);
    sbml_linear(b, ab->ar, ab->degr, "loss of cytosolic RNA (resistant cells)", k_cyto);
    if (ab->cls != EXOPK_CLASS_SIRNA)
        return;
    sbml_linear(b, ab->as, ab->rs, "RISC loading (sensitive cells)", sbml_agent_param(b, ab, "k_risc"));
    sbml_linear(b, ab->ar, ab->rr, "RISC loading (resistant cells)", sbml_agent_param(b, ab, "k_risc"));
    sbml_linear(b, ab->rs, ab->degr, "loss of loaded RISC (sensitive cells)",
                sbml_agent_param(b, ab, "k_risc_deg"));
    sbml_linear(b, ab->rr, ab->degr, "loss of loaded RISC (resistant cells)",
                sbml_agent_param(b, ab, "k_risc_deg"));
    sbml_flux(b, ab->rs, ab->rr, "loaded RISC carried by cells turning resistant", "%s * %s",
              b->k_sr, sbml_species(b, ab->rs));
}

/* The rate at which population @i (0 S, 1 R) loses cells: net decline
 * and every small molecule's kill (malloc'd math). */
static char *
loss_rate(SbmlBuild *b, int i)
{
    const Model *m = b->m;
    const char *g = i == 0 ? b->g_s : b->g_r;
    char *rate = sbml_strf("piecewise(-%s, %s < 0, 0)", g, g);

    for (size_t j = 0; j < m->n_agents && rate != NULL; j++) {
        char *more;
        if (m->agents[j].cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        more = sbml_strf("%s + %s", rate, b->kill[j][i]);
        free(rate);
        rate = more;
    }
    return rate;
}

/* siRNA: m' = k_m (1 - m) - k_m Imax Rk/(IC50 + Rk) m, Rk = RISC per cell;
 * p' = k_p (m - p).  anti-miR: a' = k_mirna (1 - a) - k_bind Q a, Q =
 * anti-miR per cell, each binding using one anti-miR per miRNA copy. */
static void
levels(SbmlBuild *b, const AgentBlock *ab, int i)
{
    const Model *m = b->m;
    const int pop = i == 0 ? m->s : m->r, level = i == 0 ? ab->ms : ab->mr;
    const char *lv = sbml_species(b, level);

    if (ab->cls == EXOPK_CLASS_SIRNA) {
        const char *rk = per_cell(b, ab, "risc", i, i == 0 ? ab->rs : ab->rr, pop);
        const char *km = sbml_agent_param(b, ab, "k_mrna"), *kp = sbml_agent_param(b, ab, "k_protein");
        const int protein = i == 0 ? ab->ps : ab->pr;
        sbml_flux_signed(b, -1, level, "target mRNA: synthesis, turnover and RISC cleavage",
                         "%s * (1 - %s) - %s * (%s * %s / (%s + %s)) * %s", km, lv, km,
                         sbml_agent_param(b, ab, "imax"), rk, sbml_agent_param(b, ab, "ic50_risc"),
                         rk, lv);
        sbml_flux_signed(b, -1, protein, "target protein follows its mRNA", "%s * (%s - %s)", kp,
                         lv, sbml_species(b, protein));
    } else {
        const int amt = i == 0 ? ab->as : ab->ar;
        const char *q = per_cell(b, ab, "antimir", i, amt, pop);
        const char *kb = sbml_agent_param(b, ab, "k_bind");
        sbml_flux_signed(b, -1, level, "miRNA: turnover and binding by the anti-miR",
                         "%s * (1 - %s) - %s * %s * %s", sbml_agent_param(b, ab, "k_mirna"), lv, kb,
                         q, lv);
        sbml_flux(b, amt, ab->degr, "anti-miR used up binding its miRNA", "%s * %s * %s * %s", kb,
                  sbml_agent_param(b, ab, "mirna_copies"), lv, sbml_species(b, amt));
    }
}

void
sbml_build_rna_cells(SbmlBuild *b, size_t k)
{
    const Model *m = b->m;
    const AgentBlock *ab = &m->agents[k];
    const int si = ab->cls == EXOPK_CLASS_SIRNA;

    uptake_and_turnover(b, ab);
    for (int i = 0; i < 2; i++) {
        const int amts[2] = { i == 0 ? ab->as : ab->ar, i == 0 ? ab->rs : ab->rr };
        char *rate = loss_rate(b, i);
        /* cells that die take their RNA with them */
        for (int a = 0; a < (si ? 2 : 1) && rate != NULL; a++)
            sbml_flux(b, amts[a], ab->degr, i == 0 ? "RNA lost with dying sensitive cells"
                                                   : "RNA lost with dying resistant cells",
                      "(%s) * %s", rate, sbml_species(b, amts[a]));
        if (rate == NULL)
            sbml_fail(b, EXOPK_ENOMEM, "out of memory");
        free(rate);
        if (ab->cls != EXOPK_CLASS_MIMIC)
            levels(b, ab, i);
    }
}
