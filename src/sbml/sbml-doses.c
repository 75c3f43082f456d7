/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The arm's doses as SBML events, one per distinct time (docs/model.md
 * §2, §9.16): a bolus adds to its compartment (vesicles with their cargo,
 * N * q per pool); an infusion switches a rate parameter on at its start
 * and off at its end, feeding plasma (X_P with its cargo, or A1) as the
 * engine's infusions do.  Mirrors give() in sim.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbml-ir.h"

#define TIME_EPS 1e-9   /* h: the engine's "same time" */

/* What changes at one event time. */
typedef struct {
    double *state;                     /* n: bolus amounts by state */
    double rate_carrier[EXOPK_MAX_AGENTS], rate_agent[EXOPK_MAX_AGENTS];
} Changes;

/* The rate parameters and per-vesicle loads (ids, or NULL if unused). */
typedef struct {
    const char *rate_carrier[EXOPK_MAX_AGENTS], *rate_agent[EXOPK_MAX_AGENTS];
    const char *q[EXOPK_MAX_AGENTS][EXOPK_MAX_CARGO][POOL_N];
} Switches;

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static const char *
load_per_vesicle(SbmlBuild *b, Switches *sw, size_t k, size_t c, int p)
{
    const CarrierBlock *cb = &b->m->carriers[k];
    char name[256];

    if (sw->q[k][c][p] == NULL) {
        snprintf(name, sizeof name, "%s.%s.%s_per_vesicle",
                 b->s->formulations[cb->formulation].name,
                 b->s->agents[b->m->agents[cb->cargo_agent[c]].agent].name,
                 p == POOL_LUMEN ? "lumen" : "membrane");
        sw->q[k][c][p] = sbml_param(b, name, cb->q[c][p], SU_NMOL_PER_PARTICLE);
    }
    return sw->q[k][c][p];
}

/* The infusion rates (switched by the events) and what they feed. */
static void
infusions(SbmlBuild *b, Switches *sw)
{
    const Model *m = b->m;
    const ExopkArm *arm = &b->s->arms[m->arm];
    char name[256];

    for (size_t d = 0; d < arm->n_doses; d++) {
        const ExopkDose *dose = &arm->doses[d];
        if (dose->duration <= 0)
            continue;
        if (dose->formulation >= 0) {
            int k = model_carrier_of(m, dose->formulation);
            const CarrierBlock *cb = &m->carriers[k];
            const char *fn = b->s->formulations[cb->formulation].name;
            if (sw->rate_carrier[k] != NULL)
                continue;
            snprintf(name, sizeof name, "%s.infusion_rate", fn);
            sw->rate_carrier[k] = sbml_switch(b, name, SU_PARTICLES_PER_HOUR);
            snprintf(name, sizeof name, "%s: infusion into plasma", fn);
            sbml_flux(b, -1, cb->x[VC_P], name, "%s", sw->rate_carrier[k]);
            for (size_t c = 0; c < cb->n_cargo; c++)
                for (int p = 0; p < POOL_N; p++)
                    sbml_flux(b, -1, cb->L[c][p][VC_P], name, "%s * %s", sw->rate_carrier[k],
                              load_per_vesicle(b, sw, (size_t) k, c, p));
        } else {
            int k = model_agent_of(m, dose->agent);
            const char *an = b->s->agents[dose->agent].name;
            if (sw->rate_agent[k] != NULL)
                continue;
            snprintf(name, sizeof name, "%s.infusion_rate", an);
            sw->rate_agent[k] = sbml_switch(b, name, SU_NMOL_PER_HOUR);
            snprintf(name, sizeof name, "%s: infusion into plasma", an);
            sbml_flux(b, -1, m->agents[k].a1, name, "%s", sw->rate_agent[k]);
        }
    }
}

/* Dose @d (amount @amount, engine unit) at its start (@sign 0: a bolus;
 * +1: the infusion starts) or end (-1), into @ch.  0, or -1 when its
 * compartment is absent (an intratumoral dose without a tumour). */
static int
give(const Model *m, const ExopkDose *d, double amount, int sign, Changes *ch)
{
    int to;

    if (d->formulation >= 0) {
        int k = model_carrier_of(m, d->formulation);
        int comp = d->route == EXOPK_ROUTE_IT ? VC_I : d->route == EXOPK_ROUTE_IP ? VC_PC : VC_P;
        if (sign != 0) {
            ch->rate_carrier[k] += sign * amount / d->duration;
            return 0;
        }
        to = m->carriers[k].x[comp];
    } else {
        int k = model_agent_of(m, d->agent);
        const AgentBlock *ab = &m->agents[k];
        if (sign != 0) {
            ch->rate_agent[k] += sign * amount / d->duration;
            return 0;
        }
        to = d->route == EXOPK_ROUTE_IT ? ab->aint : d->route == EXOPK_ROUTE_IP ? ab->aip : ab->a1;
    }
    if (to < 0)
        return -1;
    ch->state[to] += amount;
    return 0;
}

/* Nonzero if state @i is a cargo pool; then its carrier, cargo, pool and
 * compartment. */
static int
pool_of(const Model *m, int i, size_t *k, size_t *c, int *p, int *v)
{
    for (*k = 0; *k < m->n_carriers; (*k)++)
        for (*c = 0; *c < m->carriers[*k].n_cargo; (*c)++)
            for (*p = 0; *p < POOL_N; (*p)++)
                for (*v = 0; *v < VC_N; (*v)++)
                    if (m->carriers[*k].L[*c][*p][*v] == i)
                        return 1;
    return 0;
}

/* The event at @t: boluses (vesicles bring their cargo), rate changes. */
static void
event_at(SbmlBuild *b, Switches *sw, const Changes *ch, double t)
{
    const Model *m = b->m;
    char name[128], *trigger = sbml_strf("time >= %.17g", t);
    SbmlEvent *ev;

    snprintf(name, sizeof name, "doses at %.10g h", t);
    ev = trigger != NULL ? sbml_event(b, name, trigger) : NULL;
    free(trigger);
    for (size_t i = 0; ev != NULL && i < m->n; i++) {
        const char *y = sbml_species(b, (int) i);
        size_t k, c;
        int p, v;
        if (ch->state[i] != 0.0)
            sbml_event_set(b, ev, y, "%s + %.17g", y, ch->state[i]);
        if (!pool_of(m, (int) i, &k, &c, &p, &v) || ch->state[m->carriers[k].x[v]] == 0.0)
            continue;
        sbml_event_set(b, ev, y, "%s + %.17g * %s", y, ch->state[m->carriers[k].x[v]],
                       load_per_vesicle(b, sw, k, c, p));
    }
    for (size_t k = 0; ev != NULL && k < EXOPK_MAX_AGENTS; k++) {
        if (k < m->n_carriers && ch->rate_carrier[k] != 0.0)
            sbml_event_set(b, ev, sw->rate_carrier[k], "%s + %.17g", sw->rate_carrier[k],
                           ch->rate_carrier[k]);
        if (k < m->n_agents && ch->rate_agent[k] != 0.0)
            sbml_event_set(b, ev, sw->rate_agent[k], "%s + %.17g", sw->rate_agent[k],
                           ch->rate_agent[k]);
    }
    if (ev == NULL)
        sbml_fail(b, EXOPK_ENOMEM, "out of memory");
}

/* The distinct dose starts and infusion ends (malloc'd, sorted); *n. */
static double *
event_times(const ExopkArm *arm, size_t *n)
{
    double *t = malloc((2 * arm->n_doses + 1) * sizeof *t);
    size_t k = 0, u = 0;

    if (t == NULL)
        return NULL;
    for (size_t d = 0; d < arm->n_doses; d++) {
        t[k++] = arm->doses[d].time;
        if (arm->doses[d].duration > 0)
            t[k++] = arm->doses[d].time + arm->doses[d].duration;
    }
    qsort(t, k, sizeof *t, cmp_double);
    for (size_t i = 0; i < k; i++)
        if (u == 0 || t[i] - t[u - 1] > TIME_EPS)
            t[u++] = t[i];
    *n = u;
    return t;
}

/* Changes of every dose starting or ending at @t into @ch (cleared). */
static int
changes_at(SbmlBuild *b, const double *amounts, double t, Changes *ch)
{
    const ExopkArm *arm = &b->s->arms[b->m->arm];
    int any = 0;

    memset(ch->state, 0, b->m->n * sizeof *ch->state);
    memset(ch->rate_carrier, 0, sizeof ch->rate_carrier);
    memset(ch->rate_agent, 0, sizeof ch->rate_agent);
    for (size_t d = 0; d < arm->n_doses; d++) {
        const ExopkDose *dose = &arm->doses[d];
        int st = 0;
        if (fabs(dose->time - t) <= TIME_EPS) {
            st = give(b->m, dose, amounts[d], dose->duration > 0 ? +1 : 0, ch);
            any = 1;
        } else if (dose->duration > 0 && fabs(dose->time + dose->duration - t) <= TIME_EPS) {
            st = give(b->m, dose, amounts[d], -1, ch);
            any = 1;
        }
        if (st != 0)
            sbml_fail(b, EXOPK_EINVAL, "arm %s: the dose at %g h goes into a compartment the "
                      "arm does not have (intratumoral without a tumour)", arm->name, dose->time);
    }
    return any;
}

void
sbml_build_doses(SbmlBuild *b)
{
    const ExopkArm *arm = &b->s->arms[b->m->arm];
    Switches sw;
    Changes ch;
    double *amounts = malloc((arm->n_doses + 1) * sizeof *amounts), *times = NULL;
    size_t n_times = 0;

    memset(&sw, 0, sizeof sw);
    ch.state = malloc((b->m->n + 1) * sizeof *ch.state);
    if (amounts != NULL && ch.state != NULL)
        times = event_times(arm, &n_times);
    if (times == NULL)
        sbml_fail(b, EXOPK_ENOMEM, "out of memory");
    for (size_t d = 0; !b->failed && d < arm->n_doses; d++) {
        const ExopkDose *dose = &arm->doses[d];
        amounts[d] = dose->amount;
        if (dose->formulation >= 0 &&
            exopk_dose_particles(b->s, dose, &amounts[d], b->err) != EXOPK_OK)
            b->failed = 1;
    }
    if (!b->failed)
        infusions(b, &sw);
    for (size_t i = 0; !b->failed && i < n_times; i++)
        if (changes_at(b, amounts, times[i], &ch))
            event_at(b, &sw, &ch, times[i]);
    free(amounts);
    free(times);
    free(ch.state);
}
