/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observed data matched against a simulation of its arm: each name found
 * once, each unit checked and converted once; predictions per run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "observed-private.h"

struct ExopkObsMatch {
    size_t n;
    ExopkObsPoint *points;
};

/* "nearest" over the series and metric names of @res (NULL if none close). */
static const char *
nearest_output(const ExopkResult *res, const char *name)
{
    size_t ns = exopk_result_n_series(res), nm = exopk_result_n_metrics(res);
    const char **names = malloc((ns + nm + 1) * sizeof *names);
    const char *near;

    if (names == NULL)
        return NULL;
    for (size_t i = 0; i < ns; i++)
        names[i] = exopk_result_series_name(res, i);
    for (size_t i = 0; i < nm; i++)
        names[ns + i] = exopk_result_metric_name(res, i);
    near = exopk_nearest_name(name, names, ns + nm);
    free(names);
    return near;
}

/* The molar mass (g/mol) of the agent an "<agent>.*" output is about, or 0. */
static double
output_molar_mass(const ExopkStudy *study, const char *name)
{
    const char *dot = strchr(name, '.');
    char agent[EXOPK_NAME_MAX];
    int k;

    if (dot == NULL || (size_t) (dot - name) >= sizeof agent)
        return 0;
    memcpy(agent, name, (size_t) (dot - name));
    agent[dot - name] = '\0';
    k = exopk_study_find_agent(study, agent);
    return k >= 0 ? study->agents[k].mw : 0;
}

static int
same_dims_but(const ObsUnit *a, const ObsUnit *b, int skip1, int skip2)
{
    for (int d = 0; d < EXOPK_NDIM; d++)
        if (d != skip1 && d != skip2 && a->dim[d] != b->dim[d])
            return 0;
    return a->per_cell == b->per_cell;
}

/* Output units per unit of @data: 1 for a bare number; mass and amount
 * are exchanged through @mw (g/mol).  0 when they do not fit. */
static double
unit_factor(const ObsUnit *data, const ObsUnit *out, double mw)
{
    enum { M = EXOPK_DIM_MASS, A = EXOPK_DIM_AMOUNT };

    if (!data->given)
        return 1.0;
    if (same_dims_but(data, out, -1, -1))
        return data->scale / out->scale;
    if (mw > 0 && same_dims_but(data, out, M, A)) {
        if (data->dim[M] == out->dim[M] + 1 && data->dim[A] == out->dim[A] - 1)
            return data->scale / mw / out->scale;        /* g -> mol */
        if (data->dim[M] == out->dim[M] - 1 && data->dim[A] == out->dim[A] + 1)
            return data->scale * mw / out->scale;        /* mol -> g */
    }
    return 0;
}

static ExopkStatus
match_one(const ExopkObserved *obs, const ExopkStudy *study, const ObsRow *r,
          const ExopkResult *res, ExopkObsPoint *p, ExopkError *err)
{
    const char *out_unit;
    ObsUnit ou;
    ExopkError e;
    double f, value;
    long m = -1;

    p->row = &r->pub;
    p->time = r->pub.time;
    p->series = exopk_result_find_series(res, r->name);
    if (p->series >= 0) {
        const double *t = exopk_result_times(res);
        double end = t[exopk_result_n_times(res) - 1];
        out_unit = exopk_result_series_unit(res, (size_t) p->series);
        if (isnan(r->pub.time))
            return obs_fail(err, obs, r->pub.line, "time", "empty (%s is a time series)", r->name);
        if (r->pub.time > end * (1 + 1e-12))
            return obs_fail(err, obs, r->pub.line, "time", "%g h is after the horizon (%g h)",
                            r->pub.time, end);
    } else {
        for (size_t i = 0; i < exopk_result_n_metrics(res) && m < 0; i++)
            if (strcmp(exopk_result_metric_name(res, i), r->name) == 0)
                m = (long) i;
        if (m < 0) {
            const char *near = nearest_output(res, r->name);
            return obs_fail(err, obs, r->pub.line, "name",
                            "arm %s has no output series or metric \"%s\"%s%s%s", r->arm,
                            r->name, near ? " (did you mean \"" : "", near ? near : "",
                            near ? "\"?)" : "");
        }
        out_unit = exopk_result_metric_unit(res, (size_t) m);
        p->time = NAN;
    }
    if (obs_unit_parse(out_unit, "", &ou, &e) != EXOPK_OK)
        return exopk_error_set(err, EXOPK_EINVAL, "output %s: unit \"%s\": %s", r->name, out_unit,
                               e.message);
    f = unit_factor(&r->unit, &ou, output_molar_mass(study, r->name));
    if (!(f > 0))
        return obs_fail(err, obs, r->pub.line, r->unit.column,
                        "unit \"%s\" does not fit %s, which is in %s", r->unit.text, r->name,
                        out_unit);
    value = r->pub.below_lloq ? r->lloq : r->value;
    p->value = value * f;
    p->sd = r->sd * f;
    p->lloq = r->lloq * f;
    return EXOPK_OK;
}

ExopkObsMatch *
exopk_obs_match_new(const ExopkObserved *obs, const ExopkStudy *study, size_t arm,
                    const ExopkResult *res, ExopkError *err)
{
    ExopkObsMatch *m = calloc(1, sizeof *m);
    const char *name = study->arms[arm].name;

    if (m == NULL || (m->points = calloc(obs->n + 1, sizeof *m->points)) == NULL) {
        free(m);
        exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
        return NULL;
    }
    for (size_t i = 0; i < obs->n; i++) {
        if (strcmp(obs->rows[i].arm, name) != 0)
            continue;
        if (match_one(obs, study, &obs->rows[i], res, &m->points[m->n], err) != EXOPK_OK) {
            exopk_obs_match_free(m);
            return NULL;
        }
        m->n++;
    }
    return m;
}

void
exopk_obs_match_free(ExopkObsMatch *m)
{
    if (m == NULL)
        return;
    free(m->points);
    free(m);
}

ExopkObsMatch **
exopk_obs_match_arms(const ExopkObserved *obs, const ExopkStudy *study,
                     ExopkResult *const *results, ExopkError *err)
{
    ExopkObsMatch **m = calloc(study->n_arms + 1, sizeof *m);

    if (m == NULL) {
        exopk_error_set(err, EXOPK_ENOMEM, "%s: out of memory", obs->path);
        return NULL;
    }
    for (size_t a = 0; a < study->n_arms; a++) {
        if (results[a] == NULL)
            continue;
        m[a] = exopk_obs_match_new(obs, study, a, results[a], err);
        if (m[a] == NULL) {
            exopk_obs_match_arms_free(m, study->n_arms);
            return NULL;
        }
    }
    return m;
}

void
exopk_obs_match_arms_free(ExopkObsMatch **matches, size_t n)
{
    if (matches == NULL)
        return;
    for (size_t a = 0; a < n; a++)
        exopk_obs_match_free(matches[a]);
    free(matches);
}

size_t exopk_obs_match_n(const ExopkObsMatch *m) { return m->n; }
const ExopkObsPoint *exopk_obs_match_points(const ExopkObsMatch *m) { return m->points; }

/* @y at @time on the rows @t (ascending), linear between rows. */
static double
interpolate(const double *t, const double *y, size_t n, double time)
{
    size_t lo = 0, hi = n - 1;

    if (time <= t[0])
        return y[0];
    if (time >= t[hi])
        return y[hi];
    while (hi - lo > 1) {          /* t[lo] < time < t[hi] */
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid] <= time)
            lo = mid;
        else
            hi = mid;
    }
    if (t[hi] == t[lo])
        return y[hi];
    return y[lo] + (y[hi] - y[lo]) * (time - t[lo]) / (t[hi] - t[lo]);
}

int
exopk_obs_match_predict(const ExopkObsMatch *m, const ExopkResult *res, double *pred)
{
    const double *t = exopk_result_times(res);
    size_t nt = exopk_result_n_times(res);
    int status = 0;

    for (size_t i = 0; i < m->n; i++) {
        const ExopkObsPoint *p = &m->points[i];
        long col = p->series;
        /* the column found at the match, unless this run's columns differ */
        if (col >= 0 && ((size_t) col >= exopk_result_n_series(res) ||
                         strcmp(exopk_result_series_name(res, (size_t) col), p->row->name) != 0))
            col = exopk_result_find_series(res, p->row->name);
        if (col >= 0) {
            pred[i] = interpolate(t, exopk_result_series(res, (size_t) col), nt, p->time);
        } else if (p->series >= 0) {
            pred[i] = NAN;
            status = -1;
        } else if (exopk_result_metric(res, p->row->name, &pred[i]) != 0) {
            pred[i] = NAN;
            status = -1;
        }
    }
    return status;
}
