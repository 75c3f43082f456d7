/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Checking a study before it runs: every parameter inside its physical
 * domain (library values, overrides, derived values), the time and solver
 * settings and the sizes the model has room for.  Whatever input can
 * reach is caught here with a message, never by an assert or an overflow
 * further in. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk/study.h"
#include "exopk/units.h"
#include "study-private.h"

/* "-0.8 1/h"; dimensionless values get no unit. */
static void
show_value(char *buf, size_t size, double v, ExopkUnitKind kind)
{
    const char *unit = exopk_unit_kind_unit(kind);

    if (strcmp(unit, "1") == 0)
        snprintf(buf, size, "%g", v);
    else
        snprintf(buf, size, "%g %s", v, unit);
}

static ExopkStatus
check_overrides(const ExopkStudy *s, ExopkError *err)
{
    for (size_t i = 0; i < s->n_overrides; i++) {
        const ExopkOverride *o = &s->overrides[i];
        const ExopkParamField *f = exopk_study_path_field(s, o->path);
        char v[96];

        if (f == NULL || exopk_domain_contains(f->domain, o->value))
            continue;
        show_value(v, sizeof v, o->value, f->kind);
        return exopk_error_set(err, EXOPK_EINVAL, "params[\"%s\"]: %s is outside its domain (%s)",
                               o->path, v, exopk_domain_describe(f->domain));
    }
    return EXOPK_OK;
}

/* Every field of @group in @record; @cls selects agent fields (-1: all).
 * @derived says whether derived fields hold computed values. */
static ExopkStatus
check_record(ExopkParamGroup group, const void *record, const char *label, int cls, int derived,
             ExopkError *err)
{
    size_t n;
    const ExopkParamField *f = exopk_param_fields(group, &n);

    for (size_t i = 0; i < n; i++) {
        double x = *(const double *) ((const char *) record + f[i].offset);
        int is_derived = f[i].role == EXOPK_FIELD_DERIVED;
        char v[96];

        if ((cls >= 0 && !EXOPK_FIELD_FOR_CLASS(&f[i], cls)) || (is_derived && !derived))
            continue;
        if (exopk_domain_contains(f[i].domain, x))
            continue;
        show_value(v, sizeof v, x, f[i].kind);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: %s%s = %s is outside its domain (%s)%s",
                               label, is_derived ? "derived " : "", f[i].key, v,
                               exopk_domain_describe(f[i].domain),
                               is_derived ? "; check the values it is computed from" : "");
    }
    return EXOPK_OK;
}

/* Each group of organ shares of @c is absent or sums to 1 (docs/model.md
 * "Organs"). */
static ExopkStatus
check_organ_shares(const ExopkCarrier *c, const char *label, ExopkError *err)
{
    for (int g = 0; g < EXOPK_ORGAN_GROUP_COUNT; g++) {
        double sum = exopk_carrier_organ_group_sum(c, (ExopkOrganGroup) g);
        char fields[160];

        if (exopk_organ_group_sum_ok(sum))
            continue;
        exopk_organ_group_fields((ExopkOrganGroup) g, fields, sizeof fields);
        return exopk_error_set(err, EXOPK_EINVAL, "%s: %s = %.6g; the shares of a compartment "
                               "must sum to 1 (within %g) or all be 0", label, fields, sum,
                               EXOPK_ORGAN_SHARE_TOLERANCE);
    }
    return EXOPK_OK;
}

static ExopkStatus
check_records(const ExopkStudy *s, ExopkError *err)
{
    char label[EXOPK_NAME_MAX + 16];
    ExopkStatus st;

    snprintf(label, sizeof label, "species %s", s->species.name);
    if ((st = check_record(EXOPK_GROUP_SPECIES, &s->species, label, -1, 1, err)) != EXOPK_OK ||
        (st = check_record(EXOPK_GROUP_SUBJECT, &s->subject, "subject", -1, 1, err)) != EXOPK_OK)
        return st;
    for (size_t i = 0; i < s->n_formulations; i++) {
        const ExopkFormulation *f = &s->formulations[i];
        snprintf(label, sizeof label, "carrier %s", f->carrier.name);
        if ((st = check_record(EXOPK_GROUP_CARRIER, &f->carrier, label, -1, 1, err)) != EXOPK_OK
            || (st = check_organ_shares(&f->carrier, label, err)) != EXOPK_OK)
            return st;
        snprintf(label, sizeof label, "loading %s", f->method.name);
        if ((st = check_record(EXOPK_GROUP_LOADING, &f->method, label, -1, 1, err)) != EXOPK_OK)
            return st;
    }
    for (size_t i = 0; i < s->n_ligands; i++) {
        snprintf(label, sizeof label, "ligand %s", s->ligands[i].name);
        if ((st = check_record(EXOPK_GROUP_LIGAND, &s->ligands[i], label, -1, 1, err)) != EXOPK_OK)
            return st;
    }
    for (size_t i = 0; i < s->n_agents; i++) {
        const ExopkAgent *a = &s->agents[i];
        /* vmax_pgp and ec50 exist only for a small molecule against a tumour */
        int derived = s->has_tumour && a->cargo_class == EXOPK_CLASS_SMALL_MOLECULE;
        if ((st = check_record(EXOPK_GROUP_AGENT, a, a->name, (int) a->cargo_class, derived,
                               err)) != EXOPK_OK)
            return st;
        /* a mimic's activity is 1 + copies / mirna_copies */
        if (a->cargo_class == EXOPK_CLASS_MIMIC && !(a->mirna_copies > 0))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "%s: mirna_copies = %g must be > 0 for a miRNA mimic (its "
                                   "activity is 1 + mimic copies / mirna_copies)",
                                   a->name, a->mirna_copies);
    }
    if (s->has_tumour) {
        snprintf(label, sizeof label, "tumour %s", s->tumour.name);
        if ((st = check_record(EXOPK_GROUP_TUMOUR, &s->tumour, label, -1, 1, err)) != EXOPK_OK)
            return st;
        /* growth_rate is the specific rate at 100 mm3: lambda = rate / ln(K / 100) */
        if (!(s->tumour.capacity > 100.0))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "%s: capacity = %g mm3 must be above 100 mm3 (growth_rate is "
                                   "the specific rate at 100 mm3)", label, s->tumour.capacity);
        if (!(s->tumour_volume0 > 0 && isfinite(s->tumour_volume0)))
            return exopk_error_set(err, EXOPK_EINVAL, "subject.tumour.volume: %g mm3 must be > 0",
                                   s->tumour_volume0);
        if (!(s->resistant_fraction0 >= 0 && s->resistant_fraction0 <= 1))
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "subject.tumour.resistant_fraction: %g must be between 0 and 1",
                                   s->resistant_fraction0);
    }
    return EXOPK_OK;
}

ExopkStatus
study_check_domains(const ExopkStudy *s, ExopkError *err)
{
    ExopkStatus st = check_overrides(s, err);

    return st != EXOPK_OK ? st : check_records(s, err);
}

ExopkStatus
exopk_solver_check_tolerances(double rtol, double atol_scale, ExopkError *err)
{
    if (!(rtol >= EXOPK_RTOL_MIN && rtol <= EXOPK_RTOL_MAX))
        return exopk_error_set(err, EXOPK_EINVAL, "solver.rtol: %g is outside %g .. %g", rtol,
                               EXOPK_RTOL_MIN, EXOPK_RTOL_MAX);
    if (!(atol_scale >= EXOPK_ATOL_MIN && atol_scale <= EXOPK_ATOL_MAX))
        return exopk_error_set(err, EXOPK_EINVAL, "solver.atol: %g is outside %g .. %g",
                               atol_scale, EXOPK_ATOL_MIN, EXOPK_ATOL_MAX);
    return EXOPK_OK;
}

/* Formulations given by arm @a, counted once each; -1 on a bad index. */
static long
arm_formulations(const ExopkStudy *s, const ExopkArm *a)
{
    int ids[EXOPK_MAX_ARM_FORMULATIONS + 1];
    long n = 0;

    for (size_t d = 0; d < a->n_lines && n <= EXOPK_MAX_ARM_FORMULATIONS; d++) {
        int f = a->lines[d].dose.formulation, known = 0;
        if (f < 0)
            continue;
        if ((size_t) f >= s->n_formulations)
            return -1;
        for (long k = 0; k < n; k++)
            known |= ids[k] == f;
        if (!known)
            ids[n++] = f;
    }
    return n;
}

static ExopkStatus
check_arms(const ExopkStudy *s, ExopkError *err)
{
    for (size_t i = 0; i < s->n_arms; i++) {
        const ExopkArm *a = &s->arms[i];
        long nf = arm_formulations(s, a);

        if (nf < 0)
            return exopk_error_set(err, EXOPK_EINVAL, "arm %s: a dose names no formulation",
                                   a->name);
        if (nf > EXOPK_MAX_ARM_FORMULATIONS)
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "arm %s: gives more than %d formulations (the limit per arm)",
                                   a->name, EXOPK_MAX_ARM_FORMULATIONS);
        if (a->n_doses > EXOPK_MAX_DOSES)
            return exopk_error_set(err, EXOPK_EINVAL,
                                   "arm %s: %zu doses within the horizon, more than %d", a->name,
                                   a->n_doses, EXOPK_MAX_DOSES);
        for (size_t d = 0; d < a->n_lines; d++) {
            const ExopkDose *dose = &a->lines[d].dose;
            if (dose->formulation < 0 && (dose->agent < 0 || (size_t) dose->agent >= s->n_agents))
                return exopk_error_set(err, EXOPK_EINVAL, "arm %s: a dose names no agent",
                                       a->name);
        }
    }
    for (size_t i = 0; i < s->n_formulations; i++)
        if (s->formulations[i].n_cargo > EXOPK_MAX_CARGO)
            return exopk_error_set(err, EXOPK_EINVAL, "formulation %s: more than %d cargos",
                                   s->formulations[i].name, EXOPK_MAX_CARGO);
    if (s->has_tumour && s->tumour.n_ic50 > EXOPK_MAX_AGENTS)
        return exopk_error_set(err, EXOPK_EINVAL, "tumour %s: more than %d ic50 values",
                               s->tumour.name, EXOPK_MAX_AGENTS);
    if (s->has_tumour && s->tumour.n_rho_agent > EXOPK_MAX_AGENTS)
        return exopk_error_set(err, EXOPK_EINVAL, "tumour %s: more than %d rho_agent values",
                               s->tumour.name, EXOPK_MAX_AGENTS);
    return EXOPK_OK;
}

ExopkStatus
exopk_study_check_settings(const ExopkStudy *s, ExopkError *err)
{
    ExopkStatus st;

    if (!(s->horizon > 0 && s->horizon <= EXOPK_HORIZON_MAX))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "horizon: %g h is outside 0 .. %g h (ten years)", s->horizon,
                               EXOPK_HORIZON_MAX);
    if (!(s->output_every > 0 && s->output_every <= s->horizon))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "output_every: %g h must be > 0 and at most the horizon (%g h)",
                               s->output_every, s->horizon);
    if (s->horizon / s->output_every > EXOPK_ROWS_MAX)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "output_every: %g h gives more than %d output rows over %g h",
                               s->output_every, EXOPK_ROWS_MAX, s->horizon);
    if ((st = exopk_solver_check_tolerances(s->rtol, s->atol_scale, err)) != EXOPK_OK)
        return st;
    return check_arms(s, err);
}
