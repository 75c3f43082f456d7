/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The exported model of one arm: its species (the engine's states, in the
 * engine's order, plus the circulating biomarker), the tumour
 * (docs/model.md §5, §10) and the driver that calls the module builders. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbml-ir.h"

/* ---- what the export covers ------------------------------------------------ */

/* Resistant cells that start below one cell while mutation feeds them:
 * the engine sets them to 0 after every solver step until a step carries
 * them past one cell, so its result depends on its steps; an SBML event
 * cannot say that (docs/sbml.md, limits). */
static int
fed_below_one_cell(const SbmlBuild *b)
{
    const ExopkStudy *s = b->s;
    double r0 = s->tumour_volume0 * s->resistant_fraction0;
    double s0 = s->tumour_volume0 - r0;

    return b->m->has_tumour && r0 < b->m->one_cell && s0 > 0 && s->tumour.mutation_rate > 0;
}

/* Refuses, naming it, what the export does not write yet: a wrong model
 * would be worse than none. */
static int
covered(SbmlBuild *b)
{
    const Model *m = b->m;

    if (fed_below_one_cell(b)) {
        sbml_fail(b, EXOPK_EINVAL, "arm %s: the resistant cells start below one cell "
                  "(resistant_fraction %g of %g mm3) while mutation feeds them; exopk "
                  "eradicates them after every solver step until they pass one cell, which "
                  "an SBML event cannot reproduce: not exported (give a resistant_fraction "
                  "of at least one cell, %g)", b->s->arms[m->arm].name,
                  b->s->resistant_fraction0, b->s->tumour_volume0,
                  m->one_cell / b->s->tumour_volume0);
        return 0;
    }
    return 1;
}

/* ---- species ------------------------------------------------------------------- */

/* The unit of every state, from the block it belongs to. */
static void
state_units(const Model *m, SbmlUnit *unit)
{
    for (size_t i = 0; i < m->n; i++)
        unit[i] = SU_NMOL;
    for (size_t k = 0; k < m->n_carriers; k++) {
        const CarrierBlock *cb = &m->carriers[k];
        for (int c = 0; c < VC_N; c++)
            if (cb->x[c] >= 0)
                unit[cb->x[c]] = SU_PARTICLES;
        unit[cb->p_elim] = unit[cb->p_degr] = SU_PARTICLES;
    }
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const int aucs[3] = { ab->auc1, ab->auch, ab->aucint };
        const int levels[4] = { ab->ms, ab->mr, ab->ps, ab->pr };
        for (int i = 0; i < 3; i++)
            if (aucs[i] >= 0)
                unit[aucs[i]] = SU_AUC;
        for (int i = 0; i < 4; i++)
            if (levels[i] >= 0)
                unit[levels[i]] = SU_DIMENSIONLESS;
    }
    if (m->has_tumour) {
        const int pops[5] = { m->s, m->r, m->d1, m->d2, m->d3 };
        for (int i = 0; i < 5; i++)
            unit[pops[i]] = SU_MM3;
    }
}

/* One species per state, named as the engine names it, starting where
 * the engine starts (the tumour at its initial volume and split). */
static void
add_states(SbmlBuild *b, double *y0)
{
    const Model *m = b->m;
    SbmlUnit *unit = malloc((m->n + 1) * sizeof *unit);

    if (unit == NULL) {
        sbml_fail(b, EXOPK_ENOMEM, "out of memory");
        return;
    }
    state_units(m, unit);
    for (size_t i = 0; i < m->n; i++)
        y0[i] = 0.0;
    if (m->has_tumour) {
        y0[m->s] = b->s->tumour_volume0 * (1.0 - b->s->resistant_fraction0);
        y0[m->r] = b->s->tumour_volume0 * b->s->resistant_fraction0;
    }
    for (size_t k = 0; k < m->n_agents; k++) {   /* RNA target levels at baseline */
        const AgentBlock *ab = &m->agents[k];
        const int levels[4] = { ab->ms, ab->mr, ab->ps, ab->pr };
        for (int i = 0; i < 4; i++)
            if (levels[i] >= 0)
                y0[levels[i]] = 1.0;
    }
    for (size_t i = 0; i < m->n; i++)
        sbml_add_species(b, m->names[i], y0[i], unit[i]);
    free(unit);
}

/* ---- the tumour ------------------------------------------------------------------ */

void
sbml_build_tumour_volume(SbmlBuild *b)
{
    const Model *m = b->m;
    const char *S, *R, *N;

    b->vt = b->viable = b->share_s = b->share_r = b->share_none = "0";
    b->vint = b->cell_volume = "0";
    if (!m->has_tumour)
        return;
    S = sbml_species(b, m->s);
    R = sbml_species(b, m->r);
    b->vt = sbml_rule(b, "tumour.total_volume", SU_MM3, "%s + %s + %s + %s + %s", S, R,
                      sbml_species(b, m->d1), sbml_species(b, m->d2), sbml_species(b, m->d3));
    N = b->viable = sbml_rule(b, "tumour.viable_volume", SU_MM3, "%s + %s", S, R);
    b->vint = sbml_rule(b, "tumour.interstitial_volume", SU_LITRE, "%s * %s * %s",
                        sbml_tumour_param(b, "f_int"), b->vt,
                        sbml_param(b, "litre_per_mm3", L_PER_MM3, SU_LITRE_PER_MM3));
    /* (1 - f_int) 1e-6: the cell volume every module uses (§10) */
    b->cell_volume = sbml_param(b, "tumour.cell_volume_per_mm3", m->cell_volume_factor,
                                SU_LITRE_PER_MM3);
    /* cargo escaping endosomes splits by viable share; with no viable
     * cells it stays in the interstitium (§9.6) */
    b->share_s = sbml_rule(b, "tumour.escape_share_sensitive", SU_DIMENSIONLESS,
                           "piecewise(%s / %s, %s > 0, 0)", S, N, N);
    b->share_r = sbml_rule(b, "tumour.escape_share_resistant", SU_DIMENSIONLESS,
                           "piecewise(1 - %s / %s, %s > 0, 0)", S, N, N);
    b->share_none = sbml_rule(b, "tumour.escape_share_interstitium", SU_DIMENSIONLESS,
                              "piecewise(0, %s > 0, 1)", N);
}

/* stress = sum over small molecules of (kill_S S + kill_R R) / (N Kmax)
 * (§9.5) */
static void
stress(SbmlBuild *b)
{
    const Model *m = b->m;
    const char *S = sbml_species(b, m->s), *R = sbml_species(b, m->r), *N = b->viable;
    char *sum = sbml_strf("0");

    for (size_t k = 0; k < m->n_agents && sum != NULL; k++) {
        char *more;
        if (m->agents[k].cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        more = sbml_strf("%s + (%s * %s + %s * %s) / (%s * %s)", sum, b->kill[k][0], S,
                               b->kill[k][1], R, N, sbml_agent_param(b, &m->agents[k], "kmax"));
        free(sum);
        sum = more;
    }
    if (sum == NULL) {
        sbml_fail(b, EXOPK_ENOMEM, "out of memory");
        return;
    }
    b->stress = sbml_rule(b, "tumour.stress", SU_DIMENSIONLESS, "piecewise(%s, %s > 0, 0)", sum,
                          N);
    free(sum);
}

/* Net Gompertz growth, S -> R transfer under stress (§5, §10); resistant
 * cells pay the fitness cost on growth only. */
static void
growth_and_transfer(SbmlBuild *b)
{
    const Model *m = b->m;
    const char *S = sbml_species(b, m->s), *R = sbml_species(b, m->r), *N = b->viable;
    const char *K = sbml_tumour_param(b, "capacity"), *base_r;

    b->k_sr = sbml_rule(b, "tumour.s_to_r_rate", SU_PER_HOUR,
                        "piecewise(%s * %s / %s * (1 + %s * %s), %s > 0, 0) + %s", b->tau, R, N,
                        sbml_tumour_param(b, "stress_gain"), b->stress, N,
                        sbml_tumour_param(b, "mutation_rate"));
    b->g_s = sbml_rule(b, "tumour.net_growth_sensitive", SU_PER_HOUR,
                       "piecewise(%s * ln(%s / %s), %s > 0, 0)", b->lam[0], K, N, N);
    base_r = sbml_rule(b, "tumour.gompertz_resistant", SU_PER_HOUR,
                       "piecewise(%s * ln(%s / %s), %s > 0, 0)", b->lam[1], K, N, N);
    b->g_r = sbml_rule(b, "tumour.net_growth_resistant", SU_PER_HOUR,
                       "piecewise((1 - %s) * %s, %s > 0, %s)", sbml_tumour_param(b, "fitness_cost"),
                       base_r, base_r, base_r);
    sbml_flux_signed(b, -1, m->s, "net growth of sensitive cells (Gompertz)", "%s * %s",
                     b->g_s, S);
    sbml_flux_signed(b, -1, m->r, "net growth of resistant cells (Gompertz, fitness cost)",
                     "%s * %s", b->g_r, R);
    sbml_flux(b, m->s, m->r, "S -> R transfer and mutation", "%s * %s", b->k_sr, S);
}

/* A population below one cell is eradicated and its drug returns to the
 * interstitium (§5).  The engine checks after every solver step; here an
 * event fires when the population falls through one cell (a trigger that
 * also fired on a population rising from 0 would fire without end while
 * mutation feeds it: docs/sbml.md, limits). */
static void
eradication(SbmlBuild *b)
{
    const Model *m = b->m;
    const char *cpm = sbml_tumour_param(b, "cells_per_mm3");

    for (int i = 0; i < 2; i++) {
        const char *pop = sbml_species(b, i == 0 ? m->s : m->r);
        char name[128];
        SbmlEvent *ev;

        snprintf(name, sizeof name, "eradication of the %s cells (below one cell)",
                 i == 0 ? "sensitive" : "resistant");
        {
            char *trigger = sbml_strf("%s < 1 / %s", pop, cpm);
            ev = trigger != NULL ? sbml_event(b, name, trigger) : NULL;
            free(trigger);
        }
        if (ev == NULL) {
            sbml_fail(b, EXOPK_ENOMEM, "out of memory");
            return;
        }
        ev->priority = 2 - i;   /* S first, as the engine; values at execution */
        sbml_event_set(b, ev, pop, "0");
        for (size_t k = 0; k < m->n_agents; k++) {
            const AgentBlock *ab = &m->agents[k];
            const char *amt = sbml_species(b, i == 0 ? ab->as : ab->ar);
            const char *aint = sbml_species(b, ab->aint);
            sbml_event_set(b, ev, aint, "%s + %s", aint, amt);
            sbml_event_set(b, ev, amt, "0");
        }
    }
}

void
sbml_build_tumour(SbmlBuild *b)
{
    const Model *m = b->m;
    const char *ktr;

    b->stress = b->k_sr = b->g_s = b->g_r = "0";
    if (!m->has_tumour)
        return;
    stress(b);
    growth_and_transfer(b);
    for (size_t k = 0; k < m->n_agents; k++) {
        const char *an = b->s->agents[m->agents[k].agent].name;
        char name[160];
        if (m->agents[k].cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        snprintf(name, sizeof name, "kill of sensitive cells by %s", an);
        sbml_flux(b, m->s, m->d1, name, "%s * %s", b->kill[k][0], sbml_species(b, m->s));
        snprintf(name, sizeof name, "kill of resistant cells by %s", an);
        sbml_flux(b, m->r, m->d1, name, "%s * %s", b->kill[k][1], sbml_species(b, m->r));
    }
    ktr = sbml_tumour_param(b, "k_tr");
    sbml_linear(b, m->d1, m->d2, "damage transit D1 -> D2", ktr);
    sbml_linear(b, m->d2, m->d3, "damage transit D2 -> D3", ktr);
    sbml_linear(b, m->d3, -1, "clearance of damaged cells D3", ktr);
    eradication(b);
}

/* Circulating tumour vesicles: secreted per viable cell, more per
 * resistant cell and under stress, cleared first order; they start at
 * their steady state (§5, the series biomarker_plasma). */
void
sbml_build_biomarker(SbmlBuild *b, const double *y0)
{
    const Model *m = b->m;
    const ExopkTumour *t = &b->s->tumour;
    const char *N = b->viable, *secretion;
    int bio;

    if (!m->has_tumour)
        return;
    bio = sbml_add_species(b, "biomarker.circulating", model_biomarker_secretion(m, y0) /
                           t->biomarker_k_clear, SU_PARTICLES);
    secretion = sbml_rule(b, "tumour.biomarker_release", SU_PARTICLES_PER_HOUR,
                          "piecewise(%s * %s * (%s + %s * %s) * (1 + %s * %s), %s > 0, 0)",
                          sbml_tumour_param(b, "cells_per_mm3"),
                          sbml_tumour_param(b, "biomarker_secretion"), sbml_species(b, m->s),
                          sbml_tumour_param(b, "biomarker_resistant_multiplier"),
                          sbml_species(b, m->r), sbml_tumour_param(b, "stress_gain"), b->stress,
                          N);
    sbml_flux(b, -1, bio, "release of tumour vesicles into plasma", "%s", secretion);
    sbml_linear(b, bio, -1, "clearance of circulating tumour vesicles",
                sbml_tumour_param(b, "biomarker_k_clear"));
}

/* ---- the whole arm ---------------------------------------------------------------- */

int
sbml_build(SbmlModel *x, const ExopkStudy *study, size_t arm, Model *m, ExopkError *err)
{
    SbmlBuild b = { .x = x, .m = m, .s = study, .err = err };
    double *y0;

    memset(x, 0, sizeof *x);
    x->id = sbml_id_of(study->arms[arm].name);
    x->name = sbml_strf("%s: arm %s", study->name, study->arms[arm].name);
    x->notes = sbml_strf("Exported by exopk %s (exopk export --sbml) from the study \"%s\", "
                         "arm %s, with the parameter values in effect for its subject. Species "
                         "are amounts: particles, nmol, mm3 (tumour), nmol*h/L (AUCs); time is "
                         "in hours. Species and parameter names are exopk's state names and "
                         "parameter paths (exopk params); exopk's docs/sbml.md describes the "
                         "export.", EXOPK_VERSION_STRING, study->name, study->arms[arm].name);
    if (x->id == NULL || x->name == NULL || x->notes == NULL)
        sbml_fail(&b, EXOPK_ENOMEM, "out of memory");
    if (!b.failed && !covered(&b))
        return -1;
    if ((y0 = calloc(m->n + 1, sizeof *y0)) == NULL) {
        sbml_fail(&b, EXOPK_ENOMEM, "out of memory");
        return -1;
    }
    add_states(&b, y0);
    sbml_build_tumour_volume(&b);
    sbml_build_effects(&b);
    sbml_build_agent_pd(&b);
    sbml_build_tumour(&b);
    sbml_build_vesicles(&b);
    sbml_build_agents(&b);
    sbml_build_biomarker(&b, y0);
    sbml_build_doses(&b);
    free(y0);
    return b.failed ? -1 : 0;
}
