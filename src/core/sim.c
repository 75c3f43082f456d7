/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Simulating one arm: the dosing event engine around the integrator.
 *
 * Time is cut at every dose time and infusion end (breakpoints); boluses
 * and infusion-rate changes happen exactly there, and the integrator never
 * steps across one.  Output rows lie on the grid plus every dose time; a
 * row at a dose time shows the state just after the dose (docs/model.md §9.16);
 * rows inside a step come from the solver's dense output: RODAS5P's own
 * order-4 continuous extension (solver.c).
 *
 * The engine (SimEngine) is built once for an arm's layout and reused:
 * each run takes the study whose values it simulates, resets every
 * per-run state (infusion rates, solver counters, buffers) and refreshes
 * the model's constants from it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/sim.h"
#include "model-private.h"
#include "result-private.h"
#include "sim-private.h"
#include "solver-private.h"

#define TIME_EPS 1e-9   /* h: times closer than this are the same time */

static int
rhs(const double *y, double *dydt, double *jac, void *data)
{
    return model_eval(data, y, dydt, jac);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

/* Sorts and removes near-duplicates; returns the new count. */
static size_t
sort_unique(double *v, size_t n)
{
    size_t k = 0;

    qsort(v, n, sizeof *v, cmp_double);
    for (size_t i = 0; i < n; i++)
        if (k == 0 || v[i] - v[k - 1] > TIME_EPS)
            v[k++] = v[i];
    return k;
}

/* Adds a bolus (or, with @rate_sign, changes an infusion rate). */
static void
give(Model *m, double *y, const ExopkDose *d, double amount, int rate_sign)
{
    if (d->formulation >= 0) {
        CarrierBlock *cb = &m->carriers[model_carrier_of(m, d->formulation)];
        int comp = d->route == EXOPK_ROUTE_IT ? VC_I : d->route == EXOPK_ROUTE_IP ? VC_PC : VC_P;

        if (rate_sign != 0) {
            cb->infusion += rate_sign * amount;
            return;
        }
        y[cb->x[comp]] += amount;
        for (size_t c = 0; c < cb->n_cargo; c++)
            for (int p = 0; p < POOL_N; p++)
                y[cb->L[c][p][comp]] += amount * cb->q[c][p];
    } else {
        AgentBlock *ab = &m->agents[model_agent_of(m, d->agent)];
        int target = d->route == EXOPK_ROUTE_IT ? ab->aint : d->route == EXOPK_ROUTE_IP ? ab->aip
                                                                                        : ab->a1;
        if (rate_sign != 0)
            ab->infusion += rate_sign * amount;
        else
            y[target] += amount;
    }
}

/* A population below one cell is eradicated; its drug goes back to the
 * interstitium (docs/model.md §5).  Returns nonzero if anything changed. */
static int
eradicate(const Model *m, double *y)
{
    int changed = 0;

    if (!m->has_tumour)
        return 0;
    for (int pass = 0; pass < 2; pass++) {
        int pop = pass == 0 ? m->s : m->r;
        if (y[pop] != 0.0 && y[pop] < m->one_cell) {
            y[pop] = 0.0;
            for (size_t k = 0; k < m->n_agents; k++) {
                int amt = pass == 0 ? m->agents[k].as : m->agents[k].ar;
                y[m->agents[k].aint] += y[amt];
                y[amt] = 0.0;
            }
            changed = 1;
        }
    }
    return changed;
}

static double
plasma_particles(const Model *m, const double *y)
{
    double sum = 0;

    for (size_t k = 0; k < m->n_carriers; k++)
        sum += y[m->carriers[k].x[VC_P]];
    return sum;
}

/* Doses come sorted by time: the first and the last of each agent. */
static void
note_dose(SimRecord *rec, int agent, double time)
{
    if (isnan(rec->first_dose_of_agent[agent]))
        rec->first_dose_of_agent[agent] = time;
    rec->last_dose_of_agent[agent] = time;
}

/* Circulating tumour vesicles B after @tau of a step of length @h, from
 * B' = q(u) - k B with the secretion q the quadratic through (0, s0),
 * (h/2, sm), (h, s1): B0 e^-x + a tau phi1 + b tau^2 phi2 + c tau^3 phi3,
 * x = k tau, with series for small x where the closed forms cancel. */
static double
biomarker_advance(double b0, double k, double h, double s0, double sm, double s1, double tau)
{
    double c = 2.0 * (s1 - 2.0 * sm + s0) / (h * h);
    double b = (s1 - s0) / h - c * h;
    double x = k * tau, phi1, phi2, phi3;

    if (x < 1e-3) {
        phi1 = 1 - x / 2 + x * x / 6 - x * x * x / 24;
        phi2 = 0.5 - x / 6 + x * x / 24 - x * x * x / 120;
        phi3 = 1.0 / 3 - x / 12 + x * x / 60 - x * x * x / 360;
    } else {
        double em1 = expm1(-x);   /* e^-x - 1 */
        phi1 = -em1 / x;
        phi2 = (x + em1) / (x * x);
        phi3 = (x * x - 2 * x - 2 * em1) / (x * x * x);
    }
    return b0 * exp(-x) + s0 * tau * phi1 + b * tau * tau * phi2 + c * tau * tau * tau * phi3;
}

/* The error for a right-hand side that is not finite: names the state. */
static void
not_finite(const Model *m, const char *arm, double t, const double *y, double *dydt,
           ExopkError *err)
{
    size_t bad = 0;

    model_eval(m, y, dydt, NULL);
    while (bad + 1 < m->n && isfinite(dydt[bad]))
        bad++;
    exopk_error_set(err, EXOPK_ESOLVER,
                    "%s: the model is not finite at t = %g h: d(%s)/dt = %g with %s = %g "
                    "(check the parameters)", arm, t, m->names[bad], dydt[bad], m->names[bad],
                    y[bad]);
}

/* Given so far at @t by one dose (bolus or infusion). */
static double
given_by(const ExopkDose *d, double amount, double t)
{
    if (t + TIME_EPS < d->time)
        return 0.0;
    if (d->duration <= 0)
        return amount;
    return amount * fmin(1.0, (t - d->time) / d->duration);
}

/* Adds @g given by @dose to the series at row @i. */
static void
add_given(const Model *m, const ExopkDose *dose, double g, size_t i, size_t n_times,
          double *pgiven, double *cgiven, double *fgiven)
{
    if (dose->formulation >= 0) {
        int cbi = model_carrier_of(m, dose->formulation);
        const CarrierBlock *cb = &m->carriers[cbi];
        pgiven[i] += g;
        for (size_t c = 0; c < cb->n_cargo; c++) {
            double nmol = g * (cb->q[c][POOL_LUMEN] + cb->q[c][POOL_MEMBRANE]);
            cgiven[(size_t) cb->cargo_agent[c] * n_times + i] += nmol;
            fgiven[(size_t) cbi * n_times + i] += nmol;
        }
    } else {
        cgiven[(size_t) model_agent_of(m, dose->agent) * n_times + i] += g;
    }
}

/* First row at or after @t (times sorted). */
static size_t
first_row_from(const double *times, size_t n, double t)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (times[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* What was given by each output time.  A dose's whole amount counts from
 * the row where it is complete on: add it there and sum the rows up;
 * only rows inside an infusion take a share.  Linear in rows and doses,
 * where a row x dose loop is not at EXOPK_MAX_DOSES. */
static void
given_by_row(const Model *m, const ExopkArm *arm, const double *amounts, const double *times,
             size_t n_times, double *pgiven, double *cgiven, double *fgiven)
{
    size_t n_series[3] = { 1, m->n_agents + 1, m->n_carriers + 1 };
    double *series[3] = { pgiven, cgiven, fgiven };

    for (size_t k = 0; k < arm->n_doses; k++) {
        const ExopkDose *d = &arm->doses[k];
        double done = d->duration > 0 ? d->time + d->duration : d->time - TIME_EPS;
        size_t i = first_row_from(times, n_times, done);
        if (i < n_times)
            add_given(m, d, amounts[k], i, n_times, pgiven, cgiven, fgiven);
    }
    for (int a = 0; a < 3; a++)
        for (size_t j = 0; j < n_series[a]; j++)
            for (size_t i = 1; i < n_times; i++)
                series[a][j * n_times + i] += series[a][j * n_times + i - 1];
    for (size_t k = 0; k < arm->n_doses; k++) {
        const ExopkDose *d = &arm->doses[k];
        if (d->duration > 0)
            for (size_t i = first_row_from(times, n_times, d->time - TIME_EPS);
                 i < n_times && times[i] < d->time + d->duration; i++)
                add_given(m, d, given_by(d, amounts[k], times[i]), i, n_times, pgiven, cgiven,
                          fgiven);
    }
}

static double
end_time(const ExopkArm *arm, size_t k)
{
    return arm->doses[k].time + arm->doses[k].duration;
}

typedef struct {
    double time;
    size_t k;
} EndKey;

static int
cmp_end(const void *a, const void *b)
{
    const EndKey *x = a, *y = b;

    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return (x->k > y->k) - (x->k < y->k);
}

/* Infusions (indices into arm->doses) by end time, for the event loop;
 * NULL on ENOMEM.  *n gets the count. */
static size_t *
infusion_ends(const ExopkArm *arm, size_t *n)
{
    size_t *ends = malloc((arm->n_doses + 1) * sizeof *ends), k = 0;
    EndKey *keys = malloc((arm->n_doses + 1) * sizeof *keys);

    if (ends == NULL || keys == NULL) {
        free(ends);
        free(keys);
        return NULL;
    }
    for (size_t d = 0; d < arm->n_doses; d++)
        if (arm->doses[d].duration > 0)
            keys[k++] = (EndKey) { end_time(arm, d), d };
    qsort(keys, k, sizeof *keys, cmp_end);
    for (size_t i = 0; i < k; i++)
        ends[i] = keys[i].k;
    free(keys);
    *n = k;
    return ends;
}

/* Every state of the model is an amount, a volume, an AUC or a relative
 * level: none can be negative.  Each accepted step may be off by the local
 * tolerance atol_i + rtol |y_i|, and those errors add up over steps, so a
 * value below -NEG_MARGIN (atol_i + rtol peak_i), peak_i the largest |y_i|
 * so far, is no longer round-off but an integration gone wrong (loose
 * tolerances overshooting a fast decay).  Returns the first such state or
 * a non-finite one, or -1; updates @peak. */
#define NEG_MARGIN 10.0

static long
bad_state(const double *y, size_t n, const double *atol, double rtol, double *peak)
{
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(y[i]))
            return (long) i;
        if (fabs(y[i]) > peak[i])
            peak[i] = fabs(y[i]);
        if (y[i] < -NEG_MARGIN * (atol[i] + rtol * peak[i]))
            return (long) i;
    }
    return -1;
}

static void
bad_state_error(const Model *m, const char *arm, double t, const double *y, long i,
                const double *atol, double rtol, const double *peak, ExopkError *err)
{
    if (!isfinite(y[i]))
        exopk_error_set(err, EXOPK_ESOLVER, "%s: the solution is not finite at t = %.6g h: "
                        "%s = %g (check the parameters)", arm, t, m->names[i], y[i]);
    else
        exopk_error_set(err, EXOPK_ESOLVER, "%s: the solution went negative at t = %.6g h: "
                        "%s = %.6g, below the solver's tolerance -%.3g (tighten solver.rtol "
                        "or check the parameters)", arm, t, m->names[i], y[i],
                        NEG_MARGIN * (atol[i] + rtol * peak[i]));
}


/* ---- the engine ------------------------------------------------------ */

int
sim_engine_init(SimEngine *e, const ExopkStudy *study, const ExopkArm *arm)
{
    unsigned char *pattern;
    size_t n;
    int st;

    memset(e, 0, sizeof *e);
    if (model_init_arm(&e->m, study, arm) != 0)
        return -1;
    e->m_ready = 1;
    n = e->m.n;
    e->atol = malloc((n + 1) * sizeof *e->atol);
    e->y = malloc((n + 1) * sizeof *e->y);
    e->peak = malloc((n + 1) * sizeof *e->peak);
    if (!e->atol || !e->y || !e->peak)
        goto fail;
    if (n == 0)
        return 0;   /* a healthy subject given nothing: no state to follow */
    if (rodas_init(&e->rd, n, rhs, &e->m, study->rtol, e->atol) != 0)
        goto fail;
    e->rd_ready = 1;
    pattern = model_pattern(&e->m);
    st = pattern ? rodas_set_pattern(&e->rd, pattern) : -1;
    free(pattern);
    if (st == 0)
        return 0;
fail:
    sim_engine_clear(e);
    return -1;
}

void
sim_engine_clear(SimEngine *e)
{
    if (e->rd_ready)
        rodas_free(&e->rd);
    if (e->m_ready)
        model_clear(&e->m);
    free(e->atol);
    free(e->y);
    free(e->peak);
    free(e->breaks);
    free(e->amounts);
    free(e->states);
    free(e->bio);
    free(e->pgiven);
    free(e->cgiven);
    free(e->fgiven);
    memset(e, 0, sizeof *e);
}

/* One run of the engine: what the steps share. */
typedef struct {
    SimEngine *e;
    Model *m;
    Rodas *rd;
    const ExopkStudy *study;
    const ExopkArm *arm;
    const ExopkSimOptions *opts;
    ExopkError *err;
    double horizon, rtol;
    double *times;             /* n_times, handed to the result */
    size_t n_times, n_breaks, row;
    size_t *ends, n_ends;      /* infusions by end time (owned) */
    size_t next_start, next_end; /* the next dose to start, infusion to end */
    double events_done;        /* time of the last events handled */
    double biomarker;          /* circulating tumour vesicles, particles */
    double half_target, next_vesicle_dose; /* for t_half_alpha */
    SimRecord rec;
} SimRun;

/* Grows the per-run buffers to @n_doses doses and @n_rows rows. */
static int
engine_reserve(SimEngine *e, size_t n_doses, size_t n_rows)
{
    const Model *m = &e->m;
    int ok = 1;

    if (e->breaks == NULL || n_doses > e->cap_doses) {
        free(e->breaks);
        free(e->amounts);
        e->breaks = malloc((2 * n_doses + 1) * sizeof *e->breaks);
        e->amounts = malloc((n_doses + 1) * sizeof *e->amounts);
        ok = e->breaks && e->amounts;
        e->cap_doses = ok ? n_doses : 0;
    }
    if (ok && (e->states == NULL || n_rows > e->cap_rows)) {
        double **bufs[5] = { &e->states, &e->bio, &e->pgiven, &e->cgiven, &e->fgiven };
        size_t per_row[5] = { m->n + 1, 1, 1, m->n_agents + 1, m->n_carriers + 1 };
        for (int b = 0; b < 5; b++) {
            free(*bufs[b]);
            *bufs[b] = malloc(n_rows * per_row[b] * sizeof(double));
            ok &= *bufs[b] != NULL;
        }
        e->cap_rows = ok ? n_rows : 0;
    }
    return ok ? 0 : -1;
}

/* The output rows into @times: the grid of @n_grid rows @every apart,
 * the horizon and the dose times, merged in order (both come sorted; a
 * sort of the whole was 0.3 % of a run) without near-duplicates.
 * Returns the count. */
static size_t
output_rows(size_t n_grid, double every, double horizon, const ExopkArm *arm, double *times)
{
    size_t i = 0, d = 0, n = 0;

    while (i <= n_grid || d < arm->n_doses) {
        double g = i < n_grid ? fmin(i * every, horizon) : horizon, t;
        if (i <= n_grid && (d == arm->n_doses || g <= arm->doses[d].time))
            t = g, i++;
        else
            t = arm->doses[d++].time;
        if (n == 0 || t - times[n - 1] > TIME_EPS)
            times[n++] = t;
    }
    return n;
}

/* The output rows and the breakpoints (dose times, infusion ends,
 * horizon).  The arm's doses all lie within the horizon: the study drops
 * the others when it expands the arm. */
static int
schedule(SimRun *r)
{
    const ExopkArm *arm = r->arm;
    size_t n_grid = (size_t) floor(r->horizon / r->study->output_every + 1e-9) + 1;
    double *breaks;

    r->times = malloc((n_grid + 1 + arm->n_doses) * sizeof *r->times);
    r->ends = infusion_ends(arm, &r->n_ends);
    if (r->times == NULL || r->ends == NULL ||
        engine_reserve(r->e, arm->n_doses, n_grid + 1 + arm->n_doses) != 0)
        return -1;
    breaks = r->e->breaks;
    r->n_times = output_rows(n_grid, r->study->output_every, r->horizon, arm, r->times);
    for (size_t d = 0; d < arm->n_doses; d++) {
        const ExopkDose *dose = &arm->doses[d];
        breaks[r->n_breaks++] = dose->time;
        if (dose->duration > 0 && dose->time + dose->duration < r->horizon)
            breaks[r->n_breaks++] = dose->time + dose->duration;
    }
    breaks[r->n_breaks++] = r->horizon;
    r->n_breaks = sort_unique(breaks, r->n_breaks);
    return 0;
}

/* Dose amounts in engine units (particles or nmol). */
static ExopkStatus
dose_amounts(SimRun *r)
{
    for (size_t d = 0; d < r->arm->n_doses; d++) {
        const ExopkDose *dose = &r->arm->doses[d];
        if (dose->formulation < 0)
            r->e->amounts[d] = dose->amount;
        else if (exopk_dose_particles(r->study, dose, &r->e->amounts[d], r->err) != EXOPK_OK)
            return r->err != NULL ? r->err->code : EXOPK_EINVAL;
    }
    return EXOPK_OK;
}

/* Every per-run state back to its start: buffers, infusion rates, the
 * record for the metrics, the initial state. */
static void
reset_run(SimRun *r, double atol_scale)
{
    SimEngine *e = r->e;
    Model *m = r->m;
    size_t n = m->n, nt = r->n_times;

    memset(e->y, 0, (n + 1) * sizeof *e->y);
    memset(e->peak, 0, (n + 1) * sizeof *e->peak);
    memset(e->bio, 0, nt * sizeof *e->bio);
    memset(e->pgiven, 0, nt * sizeof *e->pgiven);
    memset(e->cgiven, 0, nt * (m->n_agents + 1) * sizeof *e->cgiven);
    memset(e->fgiven, 0, nt * (m->n_carriers + 1) * sizeof *e->fgiven);
    for (size_t k = 0; k < m->n_carriers; k++)
        m->carriers[k].infusion = 0.0;
    for (size_t k = 0; k < m->n_agents; k++)
        m->agents[k].infusion = 0.0;
    for (size_t i = 0; i < n; i++)
        e->atol[i] = atol_scale * m->scale[i];
    memset(&r->rec, 0, sizeof r->rec);
    r->rec.m = m;
    r->rec.first_vesicle_dose = NAN;
    r->rec.t_half_alpha = NAN;
    r->rec.first_dose = NAN;
    for (int k = 0; k < EXOPK_MAX_AGENTS; k++)
        r->rec.last_dose_of_agent[k] = r->rec.first_dose_of_agent[k] = NAN;
    r->half_target = NAN;
    r->next_vesicle_dose = INFINITY;
    r->events_done = -INFINITY;
    r->biomarker = 0.0;
}

/* The tumour and its RNA target levels at the start, and the circulating
 * tumour vesicles at their steady state. */
static void
initial_state(SimRun *r)
{
    const ExopkStudy *study = r->study;
    const Model *m = r->m;
    double *y = r->e->y;

    if (!m->has_tumour)
        return;
    y[m->s] = study->tumour_volume0 * (1.0 - study->resistant_fraction0);
    y[m->r] = study->tumour_volume0 * study->resistant_fraction0;
    for (size_t k = 0; k < m->n_agents; k++) {
        const AgentBlock *ab = &m->agents[k];
        const int levels[4] = { ab->ms, ab->mr, ab->ps, ab->pr };
        for (int i = 0; i < 4; i++)
            if (levels[i] >= 0)
                y[levels[i]] = 1.0;
    }
    r->biomarker = model_biomarker_secretion(m, y) / study->tumour.biomarker_k_clear;
}

/* The first vesicle dose: the plasma half-life target and the next
 * vesicle dose, which ends the search for it. */
static void
first_vesicle_dose(SimRun *r, double t, const double *y)
{
    const ExopkArm *arm = r->arm;

    r->rec.first_vesicle_dose = t;
    r->half_target = 0.5 * plasma_particles(r->m, y);
    for (size_t k = 0; k < arm->n_doses; k++)
        if (arm->doses[k].formulation >= 0 && arm->doses[k].time > t + TIME_EPS) {
            r->next_vesicle_dose = arm->doses[k].time;
            break;
        }
}

/* The events at time @t, once: doses come sorted by time, infusion ends
 * through ends[]; each is visited once, so the engine stays linear in
 * doses. */
static void
events_at(SimRun *r, double t, double *y)
{
    const ExopkArm *arm = r->arm;
    const double *amounts = r->e->amounts;
    int vesicle_dose = 0;

    if (!(t > r->events_done + TIME_EPS))
        return;
    r->events_done = t;
    for (; r->next_start < arm->n_doses && arm->doses[r->next_start].time <= t + TIME_EPS;
         r->next_start++) {
        const ExopkDose *dose = &arm->doses[r->next_start];
        double amt = amounts[r->next_start];
        if (dose->duration > 0)
            give(r->m, y, dose, amt / dose->duration, +1);
        else
            give(r->m, y, dose, amt, 0);
        vesicle_dose |= dose->formulation >= 0;
        if (isnan(r->rec.first_dose))
            r->rec.first_dose = t;
    }
    for (; r->next_end < r->n_ends && end_time(arm, r->ends[r->next_end]) <= t + TIME_EPS;
         r->next_end++) {
        size_t k = r->ends[r->next_end];
        const ExopkDose *dose = &arm->doses[k];
        give(r->m, y, dose, amounts[k] / dose->duration, -1);
    }
    if (vesicle_dose && isnan(r->rec.first_vesicle_dose))
        first_vesicle_dose(r, t, y);
}

/* Rows at or before @t (plus TIME_EPS) get state @y. */
static void
rows_at(SimRun *r, double t, const double *y)
{
    size_t n = r->m->n;

    while (r->row < r->n_times && r->times[r->row] <= t + TIME_EPS) {
        memcpy(r->e->states + r->row * n, y, n * sizeof *y);
        r->e->bio[r->row] = r->biomarker;
        r->row++;
    }
}

/* Rows inside the last step come from the dense output; the biomarker
 * over the step is exact for a quadratic secretion.  The row at the end
 * of a segment is written after its events. */
static void
step_rows(SimRun *r)
{
    const Rodas *rd = r->rd;
    const Model *m = r->m;
    double k_clear = r->study->tumour.biomarker_k_clear, h = rd->t1 - rd->t0;
    double s0 = 0, sm = 0, s1 = 0;

    if (m->has_tumour) {
        s0 = model_biomarker_secretion(m, rd->y0);
        rodas_interpolate(rd, 0.5 * (rd->t0 + rd->t1), rd->ystage);
        sm = model_biomarker_secretion(m, rd->ystage);
        s1 = model_biomarker_secretion(m, rd->y1);
    }
    while (r->row < r->n_times && r->times[r->row] < rd->t1 - TIME_EPS) {
        rodas_interpolate(rd, r->times[r->row], r->e->states + r->row * m->n);
        if (m->has_tumour)
            r->e->bio[r->row] = biomarker_advance(r->biomarker, k_clear, h, s0, sm, s1,
                                                  r->times[r->row] - rd->t0);
        r->row++;
    }
    if (m->has_tumour)
        r->biomarker = biomarker_advance(r->biomarker, k_clear, h, s0, sm, s1, h);
}

/* Plasma particles falling to half the post-dose value (docs/outputs.md):
 * bisection on the dense output of the step that crosses it. */
static void
half_life(SimRun *r)
{
    const Rodas *rd = r->rd;
    double lo = rd->t0, hi = rd->t1;
    double *tmp = rd->ystage;   /* scratch between steps */

    if (isnan(r->half_target) || !isnan(r->rec.t_half_alpha) || rd->t0 >= r->next_vesicle_dose ||
        plasma_particles(r->m, rd->y1) > r->half_target)
        return;
    for (int it = 0; it < 60; it++) {
        double mid = 0.5 * (lo + hi);
        rodas_interpolate(rd, mid, tmp);
        if (plasma_particles(r->m, tmp) > r->half_target)
            lo = mid;
        else
            hi = mid;
    }
    r->rec.t_half_alpha = 0.5 * (lo + hi) - r->rec.first_vesicle_dose;
}

/* One accepted step towards @t_end with its checks and outputs. */
static ExopkStatus
one_step(SimRun *r, double t_end)
{
    Rodas *rd = r->rd;
    const Model *m = r->m;
    const char *arm = r->arm->name;
    long bad;

    if (rodas_step(rd, t_end) != 0)
        return exopk_error_set(r->err, EXOPK_ESOLVER,
                               "%s: the solver failed at t = %.6g h (step size too small); "
                               "state %s = %.6g", arm, rd->t1, m->names[rd->worst],
                               rd->y1[rd->worst]);
    if (rd->steps > 5000000)
        return exopk_error_set(r->err, EXOPK_ESOLVER, "%s: more than 5e6 steps by t = %.6g h",
                               arm, rd->t1);
    /* O(n) per accepted step, against O(n^2) for the step itself */
    bad = bad_state(rd->y1, m->n, r->e->atol, r->rtol, r->e->peak);
    if (bad >= 0) {
        bad_state_error(m, arm, rd->t1, rd->y1, bad, r->e->atol, r->rtol, r->e->peak, r->err);
        return EXOPK_ESOLVER;
    }
    step_rows(r);
    half_life(r);
    if (eradicate(m, rd->y1) && rodas_reset(rd, rd->t1, rd->y1) != 0) {
        not_finite(m, arm, rd->t1, rd->y1, rd->f1, r->err);
        return EXOPK_ESOLVER;
    }
    if (r->opts && r->opts->progress &&
        r->opts->progress(rd->t1 / r->horizon, r->opts->progress_data))
        return exopk_error_set(r->err, EXOPK_ECANCELLED, "cancelled");
    return EXOPK_OK;
}

/* From @t to the next breakpoint @t_end: the events at @t, the rows at
 * @t, then the steps. */
static ExopkStatus
segment(SimRun *r, double t, double t_end)
{
    Rodas *rd = r->rd;
    double *y = r->e->y;
    ExopkStatus st;

    events_at(r, t, y);
    if (rodas_reset(rd, t, y) != 0) {
        not_finite(r->m, r->arm->name, t, y, rd->f1, r->err);
        return EXOPK_ESOLVER;
    }
    rows_at(r, t, y);
    if (t_end <= t + TIME_EPS)
        return EXOPK_OK;
    while (rd->t1 < t_end - TIME_EPS)
        if ((st = one_step(r, t_end)) != EXOPK_OK)
            return st;
    memcpy(y, rd->y1, r->m->n * sizeof *y);
    return EXOPK_OK;
}

static ExopkStatus
integrate(SimRun *r)
{
    double t = 0.0;
    ExopkStatus st;

    if (r->m->n == 0)
        return EXOPK_OK;
    r->rd->rtol = r->rtol;
    r->rd->steps = r->rd->rejected = r->rd->rhs_evals = r->rd->jac_evals = 0;
    for (size_t b = 0; b <= r->n_breaks; b++) {
        double t_end = b < r->n_breaks ? r->e->breaks[b] : r->horizon;
        if ((st = segment(r, t, t_end)) != EXOPK_OK)
            return st;
        if (t_end > t + TIME_EPS)
            t = t_end;
    }
    return EXOPK_OK;
}

/* The rows at the horizon (every row when there is no state); rows
 * between steps come from the interpolant: check them too. */
static ExopkStatus
finish_rows(SimRun *r)
{
    size_t n = r->m->n;

    while (r->row < r->n_times) {
        memcpy(r->e->states + r->row * n, r->e->y, n * sizeof *r->e->y);
        r->e->bio[r->row] = r->biomarker;
        r->row++;
    }
    for (size_t i = 0; i < r->n_times; i++) {
        const double *yi = r->e->states + i * n;
        long bad = bad_state(yi, n, r->e->atol, r->rtol, r->e->peak);
        if (bad >= 0) {
            bad_state_error(r->m, r->arm->name, r->times[i], yi, bad, r->e->atol, r->rtol,
                            r->e->peak, r->err);
            return EXOPK_ESOLVER;
        }
    }
    return EXOPK_OK;
}

/* What was given by each row, the first and last dose of each agent, the
 * series and the metrics. */
static ExopkResult *
assemble(SimRun *r)
{
    SimEngine *e = r->e;
    const Model *m = r->m;
    ExopkResult *res;

    given_by_row(m, r->arm, e->amounts, r->times, r->n_times, e->pgiven, e->cgiven, e->fgiven);
    for (size_t k = 0; k < r->arm->n_doses; k++) {
        const ExopkDose *dose = &r->arm->doses[k];
        if (dose->formulation >= 0) {
            const CarrierBlock *cb = &m->carriers[model_carrier_of(m, dose->formulation)];
            for (size_t c = 0; c < cb->n_cargo; c++)
                note_dose(&r->rec, cb->cargo_agent[c], dose->time);
        } else {
            note_dose(&r->rec, model_agent_of(m, dose->agent), dose->time);
        }
    }
    if ((res = calloc(1, sizeof *res)) == NULL)
        return NULL;
    snprintf(res->arm, sizeof res->arm, "%s", r->arm->name);
    res->n_t = r->n_times;
    res->t = r->times;
    r->times = NULL;
    res->stats = (ExopkSolverStats) { r->rd->steps, r->rd->rejected, r->rd->rhs_evals,
                                      r->rd->jac_evals };
    res->tumour_volume0 = r->study->has_tumour ? r->study->tumour_volume0 : NAN;
    r->rec.states = e->states;
    r->rec.particles_given = e->pgiven;
    r->rec.cargo_given = e->cgiven;
    r->rec.cargo_given_by_formulation = e->fgiven;
    r->rec.biomarker = m->has_tumour ? e->bio : NULL;
    if (result_compute(res, &r->rec) != 0) {
        exopk_result_free(res);
        return NULL;
    }
    return res;
}

ExopkResult *
sim_engine_run(SimEngine *e, const ExopkStudy *study, const ExopkArm *arm,
               const ExopkSimOptions *opts, ExopkError *err)
{
    SimRun r = { .e = e, .m = &e->m, .rd = &e->rd, .study = study, .arm = arm,
                 .opts = opts, .err = err, .horizon = study->horizon };
    double atol_scale = opts && opts->atol_scale > 0 ? opts->atol_scale : study->atol_scale;
    ExopkResult *res = NULL;

    r.rtol = opts && opts->rtol > 0 ? opts->rtol : study->rtol;
    /* cheap, and the model's fixed blocks rely on it even for a study
     * changed since it was resolved */
    if (exopk_study_check_settings(study, err) != EXOPK_OK ||
        exopk_solver_check_tolerances(r.rtol, atol_scale, err) != EXOPK_OK)
        return NULL;
    model_set_constants(r.m, study);
    if ((e->rd_ready && model_relink(r.m) != 0) || schedule(&r) != 0)
        goto oom;
    if (dose_amounts(&r) != EXOPK_OK)
        goto out;
    reset_run(&r, atol_scale);
    initial_state(&r);
    if (integrate(&r) != EXOPK_OK || finish_rows(&r) != EXOPK_OK)
        goto out;
    if ((res = assemble(&r)) != NULL)
        goto out;
oom:
    exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
out:
    free(r.times);
    free(r.ends);
    return res;
}
