/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The compiled model (include/exopk/model.h): a study compiled once for an
 * arm, parameter vectors by index, and reusable simulation workspaces.
 *
 * Names are resolved to targets once, at compilation: a dosing field of
 * the arm's first line, the offered amount of a cargo, or an override
 * slot (the index of the study's own override of that path, or a new one
 * appended after them).  A run restores the workspace's study copy from
 * the model if the previous run changed it, writes the set entries
 * through those targets, derives the effective records again only when a
 * parameter path is set (study_derive: no path parsing), expands the arm
 * again only when a dosing value is set, and hands the study to the
 * engine, which refreshes the model's constants from it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/model.h"
#include "exopk/units.h"
#include "sim-private.h"
#include "study-private.h"

typedef struct {
    char name[160];
    StudySetTarget t;
    long override_index;       /* PATH: the study's own override of it, or -1 */
} Param;

struct ExopkModel {
    ExopkStudy *study;         /* owned; never changed after compilation */
    size_t arm;                /* the arm simulated */
    size_t param_arm;          /* the arm whose first line "dose" etc. change */
    const ExopkModel *params_of; /* whose vectors this model runs, or NULL */
    size_t n_params, n_paths;
    Param *params;             /* owned */
};

struct ExopkParamVector {
    const ExopkModel *model;   /* borrowed */
    double *value;             /* owned, n_params */
    unsigned char *is_set;     /* owned, n_params */
    size_t *set;               /* owned: the set indices, in the order first set */
    size_t n_set;
};

struct ExopkSim {
    const ExopkModel *model;   /* borrowed */
    ExopkStudy *study;         /* owned: the copy each run changes */
    SimEngine engine;
    int changed;               /* the copy differs from the model's study */
    int doses_changed;         /* ... in the param arm's doses too */
};

/* ---- the model -------------------------------------------------------- */

static int
add_param(ExopkModel *m, const char *name, const StudySetTarget *t)
{
    Param *p = &m->params[m->n_params++];

    snprintf(p->name, sizeof p->name, "%s", name);
    p->t = *t;
    p->override_index = -1;
    for (size_t i = 0; t->kind == STUDY_SET_PATH && i < m->study->n_overrides; i++)
        if (strcmp(m->study->overrides[i].path, name) == 0) {
            p->override_index = (long) i;
            break;
        }
    return 0;
}

/* The dosing and offered names exopk_study_set takes for the param arm. */
static void
add_set_names(ExopkModel *m)
{
    static const char *const dosing[] = { "dose", "every", "at", "over", "count" };
    const ExopkStudy *s = m->study;
    const ExopkArm *arm = &s->arms[m->param_arm];
    StudySetTarget t;
    char name[160];

    if (arm->n_lines == 0)
        return;
    for (size_t k = 0; k < sizeof dosing / sizeof *dosing; k++)
        if (study_set_target(s, m->param_arm, dosing[k], &t, NULL) == EXOPK_OK)
            add_param(m, dosing[k], &t);
    if (study_set_target(s, m->param_arm, "offered", &t, NULL) != EXOPK_OK)
        return;
    add_param(m, "offered", &t);
    for (size_t c = 0; c < s->formulations[t.formulation].n_cargo; c++) {
        StudySetTarget tc;
        const ExopkCargo *cg = &s->formulations[t.formulation].cargo[c];
        snprintf(name, sizeof name, "offered_%s", s->agents[cg->agent].name);
        if (study_set_target(s, m->param_arm, name, &tc, NULL) == EXOPK_OK)
            add_param(m, name, &tc);
    }
}

static ExopkStatus
build_params(ExopkModel *m)
{
    size_t n_paths = 0;
    char **paths = study_valid_paths(m->study, &n_paths);

    if (paths == NULL)
        return EXOPK_ENOMEM;
    m->params = malloc((n_paths + 5 + 1 + EXOPK_MAX_CARGO) * sizeof *m->params);
    if (m->params == NULL) {
        study_free_paths(paths, n_paths);
        return EXOPK_ENOMEM;
    }
    add_set_names(m);
    for (size_t i = 0; i < n_paths; i++) {
        StudySetTarget t = { .kind = STUDY_SET_PATH, .formulation = -1,
                             .field = exopk_study_path_field(m->study, paths[i]) };
        add_param(m, paths[i], &t);
    }
    m->n_paths = n_paths;
    study_free_paths(paths, n_paths);
    return EXOPK_OK;
}

/* A valid arm index, and settings checked before the arms are expanded
 * against the horizon. */
static ExopkStatus
check_arm_and_settings(const ExopkStudy *study, size_t arm, ExopkError *err)
{
    if (arm >= study->n_arms)
        return exopk_error_set(err, EXOPK_EINVAL, "no arm %zu (the study has %zu)", arm,
                               study->n_arms);
    return exopk_study_check_settings(study, err);
}

ExopkModel *
model_compile_with(const ExopkStudy *study, size_t arm, const ExopkModel *params_of,
                   ExopkError *err)
{
    ExopkModel *m;
    ExopkStatus st;

    if (check_arm_and_settings(study, arm, err) != EXOPK_OK)
        return NULL;
    if ((m = calloc(1, sizeof *m)) == NULL || (m->study = exopk_study_copy(study)) == NULL) {
        exopk_model_free(m);
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    m->arm = arm;
    m->param_arm = params_of ? params_of->param_arm : arm;
    m->params_of = params_of;
    if ((st = exopk_study_resolve(m->study, err)) != EXOPK_OK) {
        exopk_model_free(m);
        return NULL;
    }
    if (build_params(m) != EXOPK_OK) {
        exopk_model_free(m);
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    return m;
}

ExopkModel *
exopk_model_compile(const ExopkStudy *study, size_t arm, ExopkError *err)
{
    return model_compile_with(study, arm, NULL, err);
}

void
exopk_model_free(ExopkModel *model)
{
    if (model == NULL)
        return;
    exopk_study_free(model->study);
    free(model->params);
    free(model);
}

const ExopkStudy *exopk_model_study(const ExopkModel *m) { return m->study; }
size_t exopk_model_arm(const ExopkModel *m) { return m->arm; }
size_t exopk_model_n_params(const ExopkModel *m) { return m->n_params; }

const char *
exopk_model_param_name(const ExopkModel *m, size_t i)
{
    return i < m->n_params ? m->params[i].name : NULL;
}

long
exopk_model_param_index(const ExopkModel *m, const char *name, ExopkError *err)
{
    StudySetTarget t;

    for (size_t i = 0; i < m->n_params; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return (long) i;
    /* exopk_study_set's own lookup gives its error text */
    if (study_set_target(m->study, m->param_arm, name, &t, err) == EXOPK_OK)
        exopk_error_set(err, EXOPK_EINVAL, "set: unknown name \"%s\"", name);
    return -1;
}

int
exopk_model_param_value(const ExopkModel *m, size_t i, double *value)
{
    const Param *p;
    const ExopkDosingLine *line;
    const double *v;

    if (i >= m->n_params)
        return -1;
    p = &m->params[i];
    line = m->study->arms[m->param_arm].lines;
    switch (p->t.kind) {
    case STUDY_SET_DOSE: *value = line->dose.amount; return 0;
    case STUDY_SET_EVERY: *value = line->every; return 0;
    case STUDY_SET_AT: *value = line->dose.time; return 0;
    case STUDY_SET_OVER: *value = line->dose.duration; return 0;
    case STUDY_SET_COUNT: *value = (double) line->count; return 0;
    case STUDY_SET_OFFERED:
        *value = m->study->formulations[p->t.formulation].cargo[p->t.cargo].offered;
        return 0;
    default:
        if ((v = study_path_value(m->study, p->name)) == NULL)
            return -1;
        *value = *v;
        return 0;
    }
}

/* ---- parameter vectors ------------------------------------------------ */

ExopkParamVector *
exopk_param_vector_new(const ExopkModel *model)
{
    ExopkParamVector *v = calloc(1, sizeof *v);
    size_t n = model->n_params + 1;

    if (v == NULL)
        return NULL;
    v->model = model;
    v->value = calloc(n, sizeof *v->value);
    v->is_set = calloc(n, 1);
    v->set = calloc(n, sizeof *v->set);
    if (v->value == NULL || v->is_set == NULL || v->set == NULL) {
        exopk_param_vector_free(v);
        return NULL;
    }
    return v;
}

void
exopk_param_vector_free(ExopkParamVector *v)
{
    if (v == NULL)
        return;
    free(v->value);
    free(v->is_set);
    free(v->set);
    free(v);
}

void
exopk_param_vector_reset(ExopkParamVector *v)
{
    for (size_t k = 0; k < v->n_set; k++)
        v->is_set[v->set[k]] = 0;
    v->n_set = 0;
}

int
exopk_param_vector_get(const ExopkParamVector *v, size_t index, double *value)
{
    if (index >= v->model->n_params || !v->is_set[index])
        return 0;
    *value = v->value[index];
    return 1;
}

/* The value of dosing target @kind in @v, else in the compiled line. */
static double
line_value(const ExopkParamVector *v, StudySetKind kind, const ExopkDosingLine *line)
{
    for (size_t k = 0; k < v->n_set; k++)
        if (v->model->params[v->set[k]].t.kind == kind)
            return v->value[v->set[k]];
    return kind == STUDY_SET_EVERY ? line->every : NAN;
}

/* A parameter path's value outside its field's domain: exopk_study_set on
 * a copy gives the error text (an error path: the cost does not matter). */
static ExopkStatus
path_out_of_domain(const ExopkModel *m, const Param *p, double value, ExopkError *err)
{
    ExopkStudy *copy = exopk_study_copy(m->study);
    ExopkStatus st;

    if (copy == NULL)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    st = exopk_study_set(copy, m->param_arm, p->name, value, err);
    exopk_study_free(copy);
    if (st != EXOPK_OK)
        return st;
    return exopk_error_set(err, EXOPK_EINVAL, "params[\"%s\"]: %g is outside its domain (%s)",
                           p->name, value, exopk_domain_describe(p->t.field->domain));
}

ExopkStatus
exopk_param_vector_set(ExopkParamVector *v, size_t index, double value, ExopkError *err)
{
    const ExopkModel *m = v->model;
    const Param *p;
    ExopkStatus st;

    if (index >= m->n_params)
        return exopk_error_set(err, EXOPK_EINVAL, "no parameter %zu (the model has %zu)", index,
                               m->n_params);
    p = &m->params[index];
    if (!isfinite(value))
        return exopk_error_set(err, EXOPK_EINVAL, "set %s: %g is not a finite number", p->name,
                               value);
    if (p->t.kind == STUDY_SET_PATH) {
        if (p->t.field != NULL && !exopk_domain_contains(p->t.field->domain, value))
            return path_out_of_domain(m, p, value, err);
    } else {
        ExopkDosingLine line = m->study->arms[m->param_arm].lines[0];
        line.every = line_value(v, STUDY_SET_EVERY, &line);
        if ((st = study_set_check(&p->t, p->name, &line, value, err)) != EXOPK_OK)
            return st;
    }
    if (!v->is_set[index]) {
        v->is_set[index] = 1;
        v->set[v->n_set++] = index;
    }
    v->value[index] = value;
    return EXOPK_OK;
}

/* ---- workspaces -------------------------------------------------------- */

ExopkSim *
exopk_sim_new(const ExopkModel *model, ExopkError *err)
{
    ExopkSim *sim = calloc(1, sizeof *sim);
    ExopkOverride *room;
    size_t cap = model->study->n_overrides + model->n_paths + 1;

    if (sim == NULL || (sim->study = exopk_study_copy(model->study)) == NULL)
        goto oom;
    sim->model = model;
    /* room for every path appended by a run: no allocation per run */
    if ((room = realloc(sim->study->overrides, cap * sizeof *room)) == NULL)
        goto oom;
    sim->study->overrides = room;
    if (sim_engine_init(&sim->engine, sim->study, &sim->study->arms[model->arm]) != 0)
        goto oom;
    return sim;
oom:
    exopk_sim_free(sim);
    exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    return NULL;
}

void
exopk_sim_free(ExopkSim *sim)
{
    if (sim == NULL)
        return;
    sim_engine_clear(&sim->engine);
    exopk_study_free(sim->study);
    free(sim);
}

/* The copy back to the model's study: the effective records, the offered
 * amounts, the overrides, the param arm's first line and doses. */
static ExopkStatus
restore(ExopkSim *sim, ExopkError *err)
{
    const ExopkStudy *base = sim->model->study;
    ExopkStudy *s = sim->study;
    ExopkArm *arm = &s->arms[sim->model->param_arm];

    s->subject = base->subject;
    s->tumour = base->tumour;
    memcpy(s->agents, base->agents, sizeof s->agents);
    if (base->n_formulations > 0)   /* memcpy from NULL is undefined, even of 0 bytes */
        memcpy(s->formulations, base->formulations, base->n_formulations * sizeof *s->formulations);
    if (base->n_overrides > 0)
        memcpy(s->overrides, base->overrides, base->n_overrides * sizeof *s->overrides);
    s->n_overrides = base->n_overrides;
    if (arm->n_lines > 0)
        arm->lines[0] = base->arms[sim->model->param_arm].lines[0];
    if (sim->doses_changed && study_arm_expand(arm, s->horizon) != 0)
        return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    sim->changed = sim->doses_changed = 0;
    return EXOPK_OK;
}

/* Writes the set entries of @v into the copy through their targets. */
static void
apply(ExopkSim *sim, const ExopkParamVector *v, int *paths, const char **dosing)
{
    ExopkStudy *s = sim->study;
    ExopkDosingLine *line = s->arms[sim->model->param_arm].lines;

    for (size_t k = 0; k < v->n_set; k++) {
        const Param *p = &sim->model->params[v->set[k]];
        double x = v->value[v->set[k]];
        switch (p->t.kind) {
        case STUDY_SET_PATH:
            if (p->override_index >= 0) {
                s->overrides[p->override_index].value = x;
            } else {
                memcpy(s->overrides[s->n_overrides].path, p->name, sizeof s->overrides->path);
                s->overrides[s->n_overrides++].value = x;
            }
            *paths = 1;
            break;
        case STUDY_SET_OFFERED:
            s->formulations[p->t.formulation].cargo[p->t.cargo].offered = x;
            break;
        default:
            study_line_assign(line, p->t.kind, x);
            *dosing = p->name;
            break;
        }
    }
}

/* The set entries of @v applied to the copy: derived again when a path
 * is set, the arm expanded again when a dosing value is. */
static ExopkStatus
apply_params(ExopkSim *sim, const ExopkParamVector *v, ExopkError *err)
{
    ExopkStudy *s = sim->study;
    ExopkArm *arm = &s->arms[sim->model->param_arm];
    const char *dosing = NULL;
    int paths = 0;
    ExopkStatus st;

    if (v->n_set == 0)
        return EXOPK_OK;
    sim->changed = 1;
    apply(sim, v, &paths, &dosing);
    if (dosing != NULL) {
        sim->doses_changed = 1;
        if (arm->lines[0].count > 1 && !(arm->lines[0].every > 0))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "set count: %ld doses need an interval (set every)",
                                   arm->lines[0].count);
        if ((st = study_arm_expand_set(arm, s->horizon, dosing, err)) != EXOPK_OK)
            return st;
    }
    return paths ? study_derive(s, err) : EXOPK_OK;
}

ExopkResult *
exopk_sim_run(ExopkSim *sim, const ExopkParamVector *params, const ExopkSimOptions *opts,
              ExopkError *err)
{
    const ExopkModel *m = sim->model;

    if (params != NULL && params->model != m && params->model != m->params_of) {
        exopk_error_set(err, EXOPK_EINVAL, "exopk_sim_run: a parameter vector of another model");
        return NULL;
    }
    if (sim->changed && restore(sim, err) != EXOPK_OK)
        return NULL;
    if (params != NULL && apply_params(sim, params, err) != EXOPK_OK)
        return NULL;
    return sim_engine_run(&sim->engine, sim->study, &sim->study->arms[m->arm], opts, err);
}

const ExopkStudy *
sim_study(const ExopkSim *sim)
{
    return sim->study;
}

/* ---- one run ----------------------------------------------------------- */

/* One run needs no model: the engine runs on the caller's study with the
 * arm's lines expanded against the horizon now, as a compiled copy would
 * expand them (a study may have changed its horizon since it added the
 * arm).  The view borrows the arm's name and lines and owns its doses. */
static ExopkStatus
arm_expanded_now(const ExopkStudy *study, size_t arm, ExopkArm *view, ExopkError *err)
{
    *view = study->arms[arm];
    view->doses = NULL;
    view->n_doses = 0;
    switch (study_arm_expand(view, study->horizon)) {
    case 0: return EXOPK_OK;
    case -2:
        return exopk_error_set(err, EXOPK_EINVAL, "arm %s: more than %d doses within the horizon",
                               view->name, EXOPK_MAX_DOSES);
    default: return exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    }
}

ExopkResult *
exopk_simulate(const ExopkStudy *study, size_t arm, const ExopkSimOptions *opts, ExopkError *err)
{
    ExopkArm view;
    SimEngine e;
    ExopkResult *res = NULL;

    if (check_arm_and_settings(study, arm, err) != EXOPK_OK ||
        arm_expanded_now(study, arm, &view, err) != EXOPK_OK)
        return NULL;
    if (sim_engine_init(&e, study, &view) != 0)
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
    else
        res = sim_engine_run(&e, study, &view, opts, err);
    sim_engine_clear(&e);
    free(view.doses);
    return res;
}
