/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: quantities with units.
 *
 * A quantity is a number and a unit, "2e11 particles", "5 mg/kg", "0.9 /h".
 * Parsing gives the value in base units with a dimension vector; converting
 * checks the dimension against what a field expects (a kind) and returns the
 * value in the engine unit of that kind (docs/model.md: h, nmol, particles, L,
 * kg, mm3 for tumour volume).
 *
 * "/kg" and "/m2" as the last divisor always mean per kilogram of body
 * weight and per square metre of body surface ("mg/kg", "particles/kg",
 * "mg/m2", "L/kg").  "vesicle" is a synonym of "particles";
 * "5000 /vesicle" means molecules offered per vesicle.
 */
#ifndef EXOPK_UNITS_H
#define EXOPK_UNITS_H

#include <stddef.h>
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EXOPK_AVOGADRO 6.02214076e23 /* 1/mol */
#define EXOPK_MOLECULES_PER_NMOL 6.02214076e14

/* Base dimensions of the parser. */
enum {
    EXOPK_DIM_MASS,      /* g */
    EXOPK_DIM_AMOUNT,    /* mol (molecules are amount / Avogadro) */
    EXOPK_DIM_PARTICLES, /* vesicles */
    EXOPK_DIM_LENGTH,    /* m (volumes are length^3: 1 L = 1e-3 m^3) */
    EXOPK_DIM_TIME,      /* s */
    EXOPK_DIM_BODY_MASS, /* kg of body weight ("/kg") */
    EXOPK_DIM_BODY_AREA, /* m^2 of body surface ("/m2") */
    EXOPK_NDIM
};

typedef struct {
    double value;                  /* in base units (g, mol, particles, m, s, kg, m2) */
    signed char dim[EXOPK_NDIM];   /* exponents */
    unsigned char has_unit;        /* a unit was written ("20" has none, "50 %" has) */
    unsigned char cancelled;       /* bit 1 << d for each base dimension d written in the
                                    * unit that cancels out: "mg/mg" and "w/w" (mass),
                                    * "L/L" (length), "mol/mol" (amount) */
} ExopkQuantity;

/* What a field expects; each kind has one engine unit. */
typedef enum {
    EXOPK_KIND_DIMENSIONLESS,  /* 1 (also accepts "%": 50 % = 0.5) */
    EXOPK_KIND_MASS,           /* mg */
    EXOPK_KIND_AMOUNT,         /* nmol (accepts molecules) */
    EXOPK_KIND_PARTICLES,      /* particles */
    EXOPK_KIND_PER_VESICLE,    /* molecules/vesicle ("5000 /vesicle") */
    EXOPK_KIND_VOLUME,         /* L */
    EXOPK_KIND_TUMOUR_VOLUME,  /* mm3 */
    EXOPK_KIND_LENGTH,         /* nm */
    EXOPK_KIND_TIME,           /* h */
    EXOPK_KIND_RATE,           /* 1/h  (also "L/h per L": L/h/L) */
    EXOPK_KIND_FLOW,           /* L/h */
    EXOPK_KIND_CONCENTRATION,  /* nmol/L (nM, uM, mol/L ...) */
    EXOPK_KIND_MASS_CONC,      /* mg/L */
    EXOPK_KIND_PARTICLE_CONC,  /* particles/L */
    EXOPK_KIND_PARTICLE_RATE,  /* particles/h */
    EXOPK_KIND_MOLAR_MASS,     /* g/mol */
    EXOPK_KIND_BODY_WEIGHT,    /* kg (a mass, expressed in kg) */
    EXOPK_KIND_VOLUME_PER_KG,  /* L/kg */
    EXOPK_KIND_PER_AREA,       /* 1/nm2 (membrane sites) */
    EXOPK_KIND_PER_TUMOUR_VOLUME, /* 1/mm3 (cells per mm3) */
    EXOPK_KIND_PARTICLES_PER_MASS, /* particles/ug (per µg of vesicle protein) */
    EXOPK_KIND_KM_FACTOR,      /* kg/m2 (FDA body-surface factor) */
    EXOPK_KIND_COUNT
} ExopkUnitKind;

/* Parses "NUMBER [UNIT]" (a bare number gets dimension 0).  Unit grammar:
 * atoms joined by '/', '*' or ' ', each with an optional integer power
 * ("mm3", "m^2", "nm2").  Prefixes only as listed in docs/study-files.md.
 * Errors (EXOPK_EINVAL) read like
 *   unknown unit "partcles" (did you mean "particles"?)
 *   expected a number with a unit, e.g. "5 mg/kg"        (for "abc")
 * and do not repeat @text: the caller prefixes it (docs/study-files.md). */
ExopkStatus exopk_quantity_parse(const char *text, ExopkQuantity *out, ExopkError *err);

/* Converts @q to the engine unit of @kind.  A dimension mismatch is
 * EXOPK_EINVAL: `expected a rate (1/h), got a mass (mg)`.
 * A dimensionless @q (bare number) is taken as already in engine units.
 * A unit that cancels to a plain number ("mg/mg", "L/L") is an error for
 * every kind: a fraction is written alone or in "%"; only a cargo's
 * `offered` reads a mass ratio (exopk_offered_from_mass_ratio). */
ExopkStatus exopk_quantity_to(const ExopkQuantity *q, ExopkUnitKind kind, double *out,
                              ExopkError *err);

/* Nonzero if @q has the dimension of @kind (bare numbers never match
 * except EXOPK_KIND_DIMENSIONLESS). */
int exopk_quantity_is(const ExopkQuantity *q, ExopkUnitKind kind);

/* Nonzero if @q is a ratio of masses and nothing else ("0.1 mg/mg",
 * "10 % w/w"): "w/w" after the number means weight per weight. */
int exopk_quantity_is_mass_ratio(const ExopkQuantity *q);

/* Parses and converts in one call. */
ExopkStatus exopk_units_parse_as(const char *text, ExopkUnitKind kind, double *out,
                                 ExopkError *err);

const char *exopk_unit_kind_unit(ExopkUnitKind kind); /* "1/h" */
const char *exopk_unit_kind_name(ExopkUnitKind kind); /* "rate" */

/* How a dose quantity was given, after conversion for one subject. */
typedef enum {
    EXOPK_DOSE_PARTICLES, /* value in particles */
    EXOPK_DOSE_NMOL       /* value in nmol of the agent */
} ExopkDoseUnit;

/* Converts a dose quantity for a subject of @body_weight kg with FDA factor
 * @km_factor (kg/m2), for an agent whose dosed form has molar mass
 * @mw_dosed (g/mol; 0 when the quantity cannot be a mass).  Accepts
 * particles, particles/kg, mass, mass/kg, mass/m2, amount, amount/kg,
 * amount/m2.  A negative dose is an error. */
ExopkStatus exopk_dose_convert(const ExopkQuantity *q, double body_weight, double km_factor,
                               double mw_dosed, ExopkDoseUnit *unit, double *value,
                               ExopkError *err);

/* The candidate closest to @word by edit distance, or NULL when none is
 * within a distance of max(2, strlen(word)/3).  Case-insensitive. */
const char *exopk_nearest_name(const char *word, const char *const *candidates, size_t n);

#ifdef __cplusplus
}
#endif
#endif
