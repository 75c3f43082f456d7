/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Organs as shares of the vesicle compartments (docs/model.md "Organs"):
 * the names, the carrier's shares and their sum check, the organ masses
 * of the subject. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "exopk/study.h"

static const struct {
    const char *name;
    ExopkOrganGroup group;
    const char *field;
    size_t offset;            /* of the share in ExopkCarrier */
} ORGANS[EXOPK_ORGAN_COUNT] = {
    { "liver", EXOPK_ORGAN_GROUP_MPS, "liver_share_of_mps",
      offsetof(ExopkCarrier, liver_share_of_mps) },
    { "spleen", EXOPK_ORGAN_GROUP_MPS, "spleen_share_of_mps",
      offsetof(ExopkCarrier, spleen_share_of_mps) },
    { "lungs", EXOPK_ORGAN_GROUP_MPS, "lungs_share_of_mps",
      offsetof(ExopkCarrier, lungs_share_of_mps) },
    { "kidneys", EXOPK_ORGAN_GROUP_TISSUE, "kidneys_share_of_tissue",
      offsetof(ExopkCarrier, kidneys_share_of_tissue) },
    { "rest", EXOPK_ORGAN_GROUP_TISSUE, "rest_share_of_tissue",
      offsetof(ExopkCarrier, rest_share_of_tissue) },
};

static int
valid(ExopkOrgan organ)
{
    return (int) organ >= 0 && organ < EXOPK_ORGAN_COUNT;
}

const char *
exopk_organ_name(ExopkOrgan organ)
{
    return valid(organ) ? ORGANS[organ].name : "?";
}

ExopkOrganGroup
exopk_organ_group(ExopkOrgan organ)
{
    return valid(organ) ? ORGANS[organ].group : EXOPK_ORGAN_GROUP_COUNT;
}

const char *
exopk_organ_share_field(ExopkOrgan organ)
{
    return valid(organ) ? ORGANS[organ].field : "?";
}

double
exopk_carrier_organ_share(const ExopkCarrier *carrier, ExopkOrgan organ)
{
    if (carrier == NULL || !valid(organ))
        return 0;
    return *(const double *) ((const char *) carrier + ORGANS[organ].offset);
}

double
exopk_carrier_organ_group_sum(const ExopkCarrier *carrier, ExopkOrganGroup group)
{
    double sum = 0;

    for (int o = 0; o < EXOPK_ORGAN_COUNT; o++)
        if (ORGANS[o].group == group)
            sum += exopk_carrier_organ_share(carrier, (ExopkOrgan) o);
    return sum;
}

int
exopk_organ_group_sum_ok(double sum)
{
    return sum == 0 || fabs(sum - 1) <= EXOPK_ORGAN_SHARE_TOLERANCE;
}

void
exopk_organ_group_fields(ExopkOrganGroup group, char *buf, size_t size)
{
    size_t n = 0;

    if (size > 0)
        buf[0] = '\0';
    for (int o = 0; o < EXOPK_ORGAN_COUNT && n < size; o++)
        if (ORGANS[o].group == group) {
            int w = snprintf(buf + n, size - n, "%s%s", n > 0 ? " + " : "", ORGANS[o].field);
            n += w > 0 ? (size_t) w : 0;
        }
}

/* The species' weight fraction of @organ (0: unknown or the rest). */
static double
weight_fraction(const ExopkSpecies *sp, ExopkOrgan organ)
{
    switch (organ) {
    case EXOPK_ORGAN_LIVER: return sp->liver_weight_fraction;
    case EXOPK_ORGAN_SPLEEN: return sp->spleen_weight_fraction;
    case EXOPK_ORGAN_LUNGS: return sp->lungs_weight_fraction;
    case EXOPK_ORGAN_KIDNEYS: return sp->kidneys_weight_fraction;
    default: return 0;
    }
}

double
exopk_organ_grams(const ExopkStudy *study, ExopkOrgan organ)
{
    const ExopkSpecies *sp = &study->species;
    double kg = study->subject.weight, rest = 1 - sp->heart_weight_fraction;

    if (!valid(organ))
        return 0;
    if (organ != EXOPK_ORGAN_REST)
        return weight_fraction(sp, organ) * kg * 1e3;
    for (int o = 0; o < EXOPK_ORGAN_REST; o++) {
        if (!(weight_fraction(sp, (ExopkOrgan) o) > 0))
            return 0;
        rest -= weight_fraction(sp, (ExopkOrgan) o);
    }
    /* plasma at 1 kg/L */
    rest = rest * kg - study->subject.plasma_volume;
    return rest > 0 ? rest * 1e3 : 0;
}
