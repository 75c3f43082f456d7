/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The study's own value of a parameter name, for the median of a
 * log-normal variability ("carrier.k_pt" -> the effective k_pt the arm
 * runs with).  The compiled-model API sets values but does not read
 * them, so they are read here from the resolved study. */
#include <stdio.h>
#include <string.h>

#include "population-run.h"
#include "study-private.h"

/* A field of the record at @rec. */
static double
field_at(const void *rec, const ExopkParamField *f)
{
    return *(const double *) ((const char *) rec + f->offset);
}

/* The override of @path, if the study has one. */
static const ExopkOverride *
find_override(const ExopkStudy *s, const char *path)
{
    for (size_t i = 0; i < s->n_overrides; i++)
        if (strcmp(s->overrides[i].path, path) == 0)
            return &s->overrides[i];
    return NULL;
}

/* A carrier or loading path over the study's formulations: every
 * formulation it applies to must hold the same value. */
static ExopkStatus
formulation_value(const ExopkStudy *s, const char *path, int loading, const char *instance,
                  const ExopkParamField *f, double *v, ExopkError *err)
{
    int found = 0;

    for (size_t k = 0; k < s->n_formulations; k++) {
        const ExopkFormulation *fm = &s->formulations[k];
        const char *name = loading ? fm->method.name : fm->carrier.name;
        double x = loading ? field_at(&fm->method, f) : field_at(&fm->carrier, f);

        if (instance[0] != '\0' && strcmp(instance, name) != 0)
            continue;
        if (found && x != *v)
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "variability[\"%s\"]: the formulations differ in it; vary "
                                   "one of them by name (\"%s.NAME.%s\")", path,
                                   loading ? "loading" : "carrier", f->key);
        *v = x;
        found = 1;
    }
    if (!found)
        return exopk_error_set(err, EXOPK_EINVAL, "variability[\"%s\"]: no formulation uses it",
                               path);
    return EXOPK_OK;
}

/* A parameter path: head[.instance].key. */
static ExopkStatus
path_value(const ExopkStudy *s, const char *path, double *v, ExopkError *err)
{
    const ExopkParamField *f = exopk_study_path_field(s, path);
    const char *dot = strchr(path, '.'), *key = strrchr(path, '.');
    char head[EXOPK_NAME_MAX + 8] = "", instance[EXOPK_NAME_MAX + 8] = "";
    int a;

    if (f == NULL || dot == NULL || (size_t) (dot - path) >= sizeof head)
        return exopk_error_set(err, EXOPK_EINVAL, "variability[\"%s\"]: unknown parameter", path);
    memcpy(head, path, (size_t) (dot - path));
    if (key > dot && (size_t) (key - dot - 1) < sizeof instance)
        memcpy(instance, dot + 1, (size_t) (key - dot - 1));
    if (strcmp(head, "species") == 0) {
        const ExopkOverride *o = find_override(s, path);
        if (exopk_param_field(EXOPK_GROUP_SUBJECT, key + 1) == f)
            *v = field_at(&s->subject, f);
        else
            *v = o != NULL ? o->value : field_at(&s->species, f);
    } else if (strcmp(head, "carrier") == 0 || strcmp(head, "loading") == 0) {
        return formulation_value(s, path, head[0] == 'l', instance, f, v, err);
    } else if (strcmp(head, "tumour") == 0) {
        *v = field_at(&s->tumour, f);
    } else if (strcmp(head, "ligand") == 0 && (a = exopk_study_find_ligand(s, instance)) >= 0) {
        *v = field_at(&s->ligands[a], f);
    } else if ((a = exopk_study_find_agent(s, head)) >= 0) {
        *v = field_at(&s->agents[a], f);
    } else {
        return exopk_error_set(err, EXOPK_EINVAL, "variability[\"%s\"]: unknown parameter", path);
    }
    return EXOPK_OK;
}

ExopkStatus
pop_base_value(const ExopkStudy *s, size_t arm, const char *name, double *v, ExopkError *err)
{
    StudySetTarget t;
    ExopkStatus st = study_set_target(s, arm, name, &t, err);

    if (st != EXOPK_OK)
        return st;
    switch (t.kind) {
    case STUDY_SET_PATH:
        return path_value(s, name, v, err);
    case STUDY_SET_OFFERED:
        *v = s->formulations[t.formulation].cargo[t.cargo].offered;
        return EXOPK_OK;
    case STUDY_SET_DOSE:
        *v = s->arms[arm].lines[0].dose.amount;
        return EXOPK_OK;
    default:
        return exopk_error_set(err, EXOPK_EINVAL, "variability[\"%s\"]: dosing times and counts "
                               "cannot vary (they would change the output times)", name);
    }
}

/* The engine unit of @name's values in @arm. */
const char *
pop_param_unit(const ExopkStudy *s, size_t arm, const char *name)
{
    ExopkUnitKind kind;
    StudySetTarget t;

    if (study_set_target(s, arm, name, &t, NULL) != EXOPK_OK)
        return "";
    if (t.kind == STUDY_SET_OFFERED)
        return exopk_unit_kind_unit(EXOPK_KIND_PER_VESICLE);
    if (t.kind == STUDY_SET_DOSE)
        return s->arms[arm].lines[0].dose.unit == EXOPK_DOSE_PARTICLES ? "particles" : "nmol";
    if (exopk_study_param_kind(s, name, &kind, NULL) != EXOPK_OK)
        return "";
    return exopk_unit_kind_unit(kind);
}

ExopkStatus
exopk_population_base_value(const ExopkStudy *study, size_t arm, const char *name, double *value,
                            ExopkError *err)
{
    if (arm >= study->n_arms)
        return exopk_error_set(err, EXOPK_EINVAL, "no arm %zu", arm);
    return pop_base_value(study, arm, name, value, err);
}

int
exopk_population_arm_uses(const ExopkStudy *study, size_t arm, const char *name)
{
    return arm < study->n_arms && pop_arm_uses(study, arm, name);
}

/* Whether a dosing line of @arm gives formulation @f (and so its carrier
 * and loading method). */
static int
arm_gives_formulation(const ExopkArm *arm, const ExopkFormulation *f, const ExopkStudy *s)
{
    for (size_t l = 0; l < arm->n_lines; l++)
        if (arm->lines[l].dose.formulation == (int) (f - s->formulations))
            return 1;
    return 0;
}

/* Whether @arm gives agent @a, free or as a cargo. */
static int
arm_gives_agent(const ExopkStudy *s, const ExopkArm *arm, int a)
{
    for (size_t l = 0; l < arm->n_lines; l++) {
        const ExopkDose *d = &arm->lines[l].dose;

        if (d->formulation < 0 && d->agent == a)
            return 1;
        for (size_t c = 0; d->formulation >= 0 && c < s->formulations[d->formulation].n_cargo; c++)
            if (s->formulations[d->formulation].cargo[c].agent == a)
                return 1;
    }
    return 0;
}

int
pop_arm_uses(const ExopkStudy *s, size_t arm, const char *name)
{
    const ExopkArm *a = &s->arms[arm];
    const char *dot = strchr(name, '.'), *key = strrchr(name, '.');
    char head[EXOPK_NAME_MAX + 8] = "", instance[EXOPK_NAME_MAX + 8] = "";
    int agent;

    if (dot == NULL || (size_t) (dot - name) >= sizeof head)
        return 1;               /* dose, offered: the model knows them per arm */
    memcpy(head, name, (size_t) (dot - name));
    if (key > dot && (size_t) (key - dot - 1) < sizeof instance)
        memcpy(instance, dot + 1, (size_t) (key - dot - 1));
    if (strcmp(head, "carrier") == 0 || strcmp(head, "loading") == 0) {
        for (size_t k = 0; k < s->n_formulations; k++) {
            const ExopkFormulation *f = &s->formulations[k];
            const char *rec = head[0] == 'c' ? f->carrier_ref.name : f->method_ref.name;

            if ((instance[0] == '\0' || strcmp(instance, rec) == 0)
                && arm_gives_formulation(a, f, s))
                return 1;
        }
        return 0;
    }
    agent = exopk_study_find_agent(s, head);
    return agent < 0 || arm_gives_agent(s, a, agent);
}

ExopkStatus
pop_arm_resolve(const ExopkPopSpec *spec, const ExopkModel *model, size_t arm, long *index,
                double *base, ExopkError *err)
{
    const ExopkStudy *s = exopk_model_study(model);

    for (size_t k = 0; k < spec->n_params; k++) {
        const ExopkPopParam *q = &spec->params[k];

        index[k] = exopk_model_param_index(model, q->name, NULL);
        if (!pop_arm_uses(s, arm, q->name))
            index[k] = -1;      /* no effect on this arm: not set, not written */
        if (index[k] < 0 || q->dist != EXOPK_DIST_LOG_NORMAL)
            continue;
        if (pop_base_value(s, arm, q->name, &base[k], err) != EXOPK_OK)
            return EXOPK_EINVAL;
    }
    return EXOPK_OK;
}
