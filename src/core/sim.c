/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Simulating one arm: the dosing event engine around the integrator.
 *
 * Time is cut at every dose time and infusion end (breakpoints); boluses
 * and infusion-rate changes happen exactly there, and the integrator never
 * steps across one.  Output rows lie on the grid plus every dose time; a
 * row at a dose time shows the state just after the dose (docs/model.md §9.16);
 * rows inside a step come from the step's cubic Hermite interpolant. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/sim.h"
#include "model-private.h"
#include "result-private.h"
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

ExopkResult *
exopk_simulate(const ExopkStudy *study, size_t arm_index, const ExopkSimOptions *opts,
               ExopkError *err)
{
    const ExopkArm *arm = &study->arms[arm_index];
    const double horizon = study->horizon;
    Model m;
    Rodas rd;
    int rd_ready = 0;
    ExopkResult *res = NULL;
    double *times = NULL, *breaks = NULL, *atol = NULL, *y = NULL, *states = NULL;
    double *amounts = NULL, *pgiven = NULL, *cgiven = NULL, *fgiven = NULL, *bio = NULL;
    double *peak = NULL;        /* largest |state| so far, for bad_state */
    double biomarker = 0.0;     /* circulating tumour vesicles, particles */
    size_t n_times = 0, n_breaks = 0, row = 0;
    size_t *ends = NULL, n_ends = 0, next_start = 0, next_end = 0;
    SimRecord rec;
    double rtol = opts && opts->rtol > 0 ? opts->rtol : study->rtol;
    double atol_scale = opts && opts->atol_scale > 0 ? opts->atol_scale : study->atol_scale;
    double half_target = NAN, next_vesicle_dose = INFINITY;
    int ok = 0;

    /* cheap, and the model's fixed blocks rely on it even for a study
     * changed since it was resolved */
    if (exopk_study_check_settings(study, err) != EXOPK_OK ||
        exopk_solver_check_tolerances(rtol, atol_scale, err) != EXOPK_OK)
        return NULL;
    if (model_init(&m, study, arm_index) != 0) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }

    memset(&rec, 0, sizeof rec);
    rec.m = &m;
    rec.first_vesicle_dose = NAN;
    rec.t_half_alpha = NAN;
    rec.first_dose = NAN;
    for (int k = 0; k < EXOPK_MAX_AGENTS; k++)
        rec.last_dose_of_agent[k] = rec.first_dose_of_agent[k] = NAN;

    {
        size_t n_grid = (size_t) floor(horizon / study->output_every + 1e-9) + 1;
        size_t cap = n_grid + 1 + arm->n_doses;
        times = malloc(cap * sizeof *times);
        breaks = malloc((2 * arm->n_doses + 1) * sizeof *breaks);
        amounts = malloc((arm->n_doses + 1) * sizeof *amounts);
        ends = infusion_ends(arm, &n_ends);
        atol = malloc((m.n + 1) * sizeof *atol);   /* + 1: a model may have no states */
        y = calloc(m.n + 1, sizeof *y);
        peak = calloc(m.n + 1, sizeof *peak);
        if (!times || !breaks || !amounts || !atol || !y || !ends || !peak)
            goto oom;
        for (size_t i = 0; i < n_grid; i++)
            times[n_times++] = fmin(i * study->output_every, horizon);
        times[n_times++] = horizon;
        for (size_t d = 0; d < arm->n_doses; d++) {
            const ExopkDose *dose = &arm->doses[d];
            if (dose->time > horizon + TIME_EPS)
                continue;  /* the loader warns; the engine ignores them */
            times[n_times++] = dose->time;
            breaks[n_breaks++] = dose->time;
            if (dose->duration > 0 && dose->time + dose->duration < horizon)
                breaks[n_breaks++] = dose->time + dose->duration;
        }
        breaks[n_breaks++] = horizon;
        n_times = sort_unique(times, n_times);
        n_breaks = sort_unique(breaks, n_breaks);
    }

    /* dose amounts in engine units (particles or nmol) */
    for (size_t d = 0; d < arm->n_doses; d++) {
        const ExopkDose *dose = &arm->doses[d];
        if (dose->formulation >= 0) {
            if (exopk_dose_particles(study, dose, &amounts[d], err) != EXOPK_OK)
                goto fail;
        } else {
            amounts[d] = dose->amount;
        }
    }

    states = malloc((n_times * m.n + 1) * sizeof *states);
    bio = calloc(n_times, sizeof *bio);
    pgiven = calloc(n_times, sizeof *pgiven);
    cgiven = calloc(n_times * (m.n_agents + 1), sizeof *cgiven);
    fgiven = calloc(n_times * (m.n_carriers + 1), sizeof *fgiven);
    if (!states || !pgiven || !cgiven || !fgiven || !bio)
        goto oom;
    for (size_t i = 0; i < m.n; i++)
        atol[i] = atol_scale * m.scale[i];
    if (m.has_tumour) {
        y[m.s] = study->tumour_volume0 * (1.0 - study->resistant_fraction0);
        y[m.r] = study->tumour_volume0 * study->resistant_fraction0;
        /* RNA target levels start at baseline */
        for (size_t k = 0; k < m.n_agents; k++) {
            const AgentBlock *ab = &m.agents[k];
            const int levels[4] = { ab->ms, ab->mr, ab->ps, ab->pr };
            for (int i = 0; i < 4; i++)
                if (levels[i] >= 0)
                    y[levels[i]] = 1.0;
        }
        /* circulating tumour vesicles at their steady state */
        biomarker = model_biomarker_secretion(&m, y) / study->tumour.biomarker_k_clear;
    }
    memset(&rd, 0, sizeof rd);
    if (m.n == 0)
        goto integrated;   /* a healthy subject given nothing: no state to follow */
    if (rodas_init(&rd, m.n, rhs, &m, rtol, atol) != 0)
        goto oom;
    rd_ready = 1;
    {
        unsigned char *pattern = model_pattern(&m);
        int st = pattern ? rodas_set_pattern(&rd, pattern) : -1;
        free(pattern);
        if (st != 0)
            goto oom;
    }

    double t = 0.0, events_done = -INFINITY;
    for (size_t b = 0; b <= n_breaks; b++) {
        double t_end = b < n_breaks ? breaks[b] : horizon;

        /* events at time t, once */
        if (t > events_done + TIME_EPS) {
            int vesicle_dose = 0;
            events_done = t;
            /* doses come sorted by time, infusion ends through ends[]: each
             * is visited once, so the engine stays linear in doses */
            for (; next_start < arm->n_doses && arm->doses[next_start].time <= t + TIME_EPS;
                 next_start++) {
                const ExopkDose *dose = &arm->doses[next_start];
                double amt = amounts[next_start];
                if (dose->duration > 0)
                    give(&m, y, dose, amt / dose->duration, +1);
                else
                    give(&m, y, dose, amt, 0);
                vesicle_dose |= dose->formulation >= 0;
                if (isnan(rec.first_dose))
                    rec.first_dose = t;
            }
            for (; next_end < n_ends && end_time(arm, ends[next_end]) <= t + TIME_EPS;
                 next_end++) {
                const ExopkDose *dose = &arm->doses[ends[next_end]];
                give(&m, y, dose, amounts[ends[next_end]] / dose->duration, -1);
            }
            if (vesicle_dose && isnan(rec.first_vesicle_dose)) {
                rec.first_vesicle_dose = t;
                half_target = 0.5 * plasma_particles(&m, y);
                for (size_t k = 0; k < arm->n_doses; k++)
                    if (arm->doses[k].formulation >= 0 && arm->doses[k].time > t + TIME_EPS) {
                        next_vesicle_dose = arm->doses[k].time;
                        break;
                    }
            }
        }
        if (rodas_reset(&rd, t, y) != 0) {
            not_finite(&m, arm->name, t, y, rd.f1, err);
            goto fail;
        }
        /* the row at t shows the state after the events */
        while (row < n_times && times[row] <= t + TIME_EPS) {
            memcpy(states + row * m.n, y, m.n * sizeof *y);
            bio[row] = biomarker;
            row++;
        }
        if (t_end <= t + TIME_EPS)
            continue;
        while (rd.t1 < t_end - TIME_EPS) {
            if (rodas_step(&rd, t_end) != 0) {
                exopk_error_set(err, EXOPK_ESOLVER,
                                "%s: the solver failed at t = %.6g h (step size too small); "
                                "state %s = %.6g",
                                arm->name, rd.t1, m.names[rd.worst], rd.y1[rd.worst]);
                goto fail;
            }
            if (rd.steps > 5000000) {
                exopk_error_set(err, EXOPK_ESOLVER, "%s: more than 5e6 steps by t = %.6g h",
                                arm->name, rd.t1);
                goto fail;
            }
            {   /* O(n) per accepted step, against O(n^2) for the step itself */
                long bad = bad_state(rd.y1, m.n, atol, rtol, peak);
                if (bad >= 0) {
                    bad_state_error(&m, arm->name, rd.t1, rd.y1, bad, atol, rtol, peak, err);
                    goto fail;
                }
            }
            /* the biomarker over the step, exactly for a quadratic secretion */
            if (m.has_tumour) {
                double s0 = model_biomarker_secretion(&m, rd.y0), s1, sm;
                rodas_interpolate(&rd, 0.5 * (rd.t0 + rd.t1), rd.ystage);
                sm = model_biomarker_secretion(&m, rd.ystage);
                s1 = model_biomarker_secretion(&m, rd.y1);
                /* rows inside the step (the row at t_end is written after its events) */
                while (row < n_times && times[row] < rd.t1 - TIME_EPS) {
                    rodas_interpolate(&rd, times[row], states + row * m.n);
                    bio[row] = biomarker_advance(biomarker, study->tumour.biomarker_k_clear,
                                                 rd.t1 - rd.t0, s0, sm, s1, times[row] - rd.t0);
                    row++;
                }
                biomarker = biomarker_advance(biomarker, study->tumour.biomarker_k_clear,
                                              rd.t1 - rd.t0, s0, sm, s1, rd.t1 - rd.t0);
            }
            while (row < n_times && times[row] < rd.t1 - TIME_EPS) {
                rodas_interpolate(&rd, times[row], states + row * m.n);
                row++;
            }
            /* plasma particles falling to half the post-dose value (§ metrics) */
            if (!isnan(half_target) && isnan(rec.t_half_alpha) && rd.t0 < next_vesicle_dose &&
                plasma_particles(&m, rd.y1) <= half_target) {
                double lo = rd.t0, hi = rd.t1;
                double *tmp = rd.ystage;   /* scratch between steps */
                for (int it = 0; it < 60; it++) {
                    double mid = 0.5 * (lo + hi);
                    rodas_interpolate(&rd, mid, tmp);
                    if (plasma_particles(&m, tmp) > half_target)
                        lo = mid;
                    else
                        hi = mid;
                }
                rec.t_half_alpha = 0.5 * (lo + hi) - rec.first_vesicle_dose;
            }
            if (eradicate(&m, rd.y1) && rodas_reset(&rd, rd.t1, rd.y1) != 0) {
                not_finite(&m, arm->name, rd.t1, rd.y1, rd.f1, err);
                goto fail;
            }
            if (opts && opts->progress && opts->progress(rd.t1 / horizon, opts->progress_data)) {
                exopk_error_set(err, EXOPK_ECANCELLED, "cancelled");
                goto fail;
            }
        }
        memcpy(y, rd.y1, m.n * sizeof *y);
        t = t_end;
    }
integrated:
    /* the row at the horizon (every row when there is no state) */
    while (row < n_times) {
        memcpy(states + row * m.n, y, m.n * sizeof *y);
        bio[row] = biomarker;
        row++;
    }

    /* rows between steps come from the interpolant: check them too */
    for (size_t i = 0; i < n_times; i++) {
        long bad = bad_state(states + i * m.n, m.n, atol, rtol, peak);
        if (bad >= 0) {
            bad_state_error(&m, arm->name, times[i], states + i * m.n, bad, atol, rtol, peak, err);
            goto fail;
        }
    }
    given_by_row(&m, arm, amounts, times, n_times, pgiven, cgiven, fgiven);
    for (size_t k = 0; k < arm->n_doses; k++) {
        const ExopkDose *dose = &arm->doses[k];
        if (dose->time > horizon + TIME_EPS)
            continue;
        if (dose->formulation >= 0) {
            const CarrierBlock *cb = &m.carriers[model_carrier_of(&m, dose->formulation)];
            for (size_t c = 0; c < cb->n_cargo; c++)
                note_dose(&rec, cb->cargo_agent[c], dose->time);
        } else {
            note_dose(&rec, model_agent_of(&m, dose->agent), dose->time);
        }
    }

    res = calloc(1, sizeof *res);
    if (res == NULL)
        goto oom;
    snprintf(res->arm, sizeof res->arm, "%s", arm->name);
    res->n_t = n_times;
    res->t = times;
    times = NULL;
    res->stats = (ExopkSolverStats) { rd.steps, rd.rejected, rd.rhs_evals, rd.jac_evals };
    res->tumour_volume0 = study->has_tumour ? study->tumour_volume0 : NAN;
    rec.states = states;
    rec.particles_given = pgiven;
    rec.cargo_given = cgiven;
    rec.cargo_given_by_formulation = fgiven;
    rec.biomarker = m.has_tumour ? bio : NULL;
    if (result_compute(res, &rec) != 0)
        goto oom;
    ok = 1;
    goto out;

oom:
    exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
fail:
    exopk_result_free(res);
    res = NULL;
out:
    if (rd_ready)
        rodas_free(&rd);
    model_clear(&m);
    free(times);
    free(breaks);
    free(amounts);
    free(ends);
    free(peak);
    free(atol);
    free(y);
    free(states);
    free(pgiven);
    free(cgiven);
    free(fgiven);
    free(bio);
    (void) ok;
    return res;
}
