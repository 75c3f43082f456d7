/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Units: tables of inputs with the engine value or the exact message, dose
 * conversion, nearest-name suggestions. */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk/study.h"
#include "exopk/units.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define REL 1e-12               /* a handful of roundings in a product of factors */
#define UM "\xc2\xb5"           /* micro sign */

static int
close_rel(double got, double want)
{
    if (want == 0)
        return got == 0;
    return fabs(got - want) <= REL * fabs(want);
}

/* --- good inputs ------------------------------------------------------- */

typedef struct {
    const char *text;
    ExopkUnitKind kind;
    double want;                /* engine unit of kind */
} GoodCase;

static const GoodCase good[] = {
    { "2e11 particles", EXOPK_KIND_PARTICLES, 2e11 },
    { "2e11particles", EXOPK_KIND_PARTICLES, 2e11 },
    { "2e11 vesicles", EXOPK_KIND_PARTICLES, 2e11 },
    { "3 EVs", EXOPK_KIND_PARTICLES, 3 },
    { "1 d", EXOPK_KIND_TIME, 24 },
    { "30 min", EXOPK_KIND_TIME, 0.5 },
    { "90 s", EXOPK_KIND_TIME, 0.025 },
    { "1 week", EXOPK_KIND_TIME, 168 },
    { "2 w", EXOPK_KIND_TIME, 336 },
    { "3 days", EXOPK_KIND_TIME, 72 },
    { "2 hr", EXOPK_KIND_TIME, 2 },
    { ".5 d", EXOPK_KIND_TIME, 12 },
    { "+1.5e+2 min", EXOPK_KIND_TIME, 2.5 },
    { "-2.5 h", EXOPK_KIND_TIME, -2.5 },
    { "  7 h  ", EXOPK_KIND_TIME, 7 },
    { "0 h", EXOPK_KIND_TIME, 0 },
    { "7", EXOPK_KIND_TIME, 7 },                 /* bare: already in h */
    { "100 mm3", EXOPK_KIND_TUMOUR_VOLUME, 100 },
    { "100 mm^3", EXOPK_KIND_TUMOUR_VOLUME, 100 },
    { "100 mm3", EXOPK_KIND_VOLUME, 1e-4 },
    { "1 cm3", EXOPK_KIND_VOLUME, 1e-3 },
    { "1 mL", EXOPK_KIND_VOLUME, 0.001 },
    { "1 ml", EXOPK_KIND_VOLUME, 0.001 },
    { "1 " UM "L", EXOPK_KIND_VOLUME, 1e-6 },
    { "2 uL", EXOPK_KIND_VOLUME, 2e-6 },
    { "0.3 uM", EXOPK_KIND_CONCENTRATION, 300 },
    { "0.3 " UM "M", EXOPK_KIND_CONCENTRATION, 300 },
    { "0.3 \xce\xbcM", EXOPK_KIND_CONCENTRATION, 300 },   /* Greek mu */
    { "1.5 " UM "M", EXOPK_KIND_CONCENTRATION, 1500 },
    { "10 mM", EXOPK_KIND_CONCENTRATION, 1e7 },
    { "0.01 mol/L", EXOPK_KIND_CONCENTRATION, 1e7 },
    { "500 nM", EXOPK_KIND_CONCENTRATION, 500 },
    { "1 pM", EXOPK_KIND_CONCENTRATION, 1e-3 },
    { "1 nmol/mL", EXOPK_KIND_CONCENTRATION, 1000 },
    { "250 nmol/L", EXOPK_KIND_CONCENTRATION, 250 },
    { "5000 /vesicle", EXOPK_KIND_PER_VESICLE, 5000 },
    { "5000 molecules/vesicle", EXOPK_KIND_PER_VESICLE, 5000 },
    { "1 nmol/particle", EXOPK_KIND_PER_VESICLE, EXOPK_MOLECULES_PER_NMOL },
    { "0.9 /h", EXOPK_KIND_RATE, 0.9 },
    { "0.9 1/h", EXOPK_KIND_RATE, 0.9 },
    { "0.9 h-1", EXOPK_KIND_RATE, 0.9 },
    { "0.9 h^-1", EXOPK_KIND_RATE, 0.9 },
    { "0.9 h\xe2\x81\xbb\xc2\xb9", EXOPK_KIND_RATE, 0.9 },  /* h⁻¹ */
    { "21.6 /d", EXOPK_KIND_RATE, 0.9 },
    { "0.1 /min", EXOPK_KIND_RATE, 6 },
    { "0.5 L/h/L", EXOPK_KIND_RATE, 0.5 },
    { "0.5 L / h / L", EXOPK_KIND_RATE, 0.5 },
    { "110 nm", EXOPK_KIND_LENGTH, 110 },
    { "50 " UM "m", EXOPK_KIND_LENGTH, 50000 },
    { "1 um", EXOPK_KIND_LENGTH, 1000 },
    { "1e15 particles/L", EXOPK_KIND_PARTICLE_CONC, 1e15 },
    { "1e9 particles/mL", EXOPK_KIND_PARTICLE_CONC, 1e12 },
    { "4e12 particles/h", EXOPK_KIND_PARTICLE_RATE, 4e12 },
    { "1.04 L/h", EXOPK_KIND_FLOW, 1.04 },
    { "17.3 mL/min", EXOPK_KIND_FLOW, 1.038 },
    { "100 mL*min-1", EXOPK_KIND_FLOW, 6 },
    { "100 mL min-1", EXOPK_KIND_FLOW, 6 },
    { "579.99 g/mol", EXOPK_KIND_MOLAR_MASS, 579.99 },
    { "0.0355 L/kg", EXOPK_KIND_VOLUME_PER_KG, 0.0355 },
    { "3 kg/m2", EXOPK_KIND_KM_FACTOR, 3 },
    { "37 kg/m^2", EXOPK_KIND_KM_FACTOR, 37 },
    { "0.1 /nm2", EXOPK_KIND_PER_AREA, 0.1 },
    { "1e6 /mm3", EXOPK_KIND_PER_TUMOUR_VOLUME, 1e6 },
    { "1e10 particles/ug", EXOPK_KIND_PARTICLES_PER_MASS, 1e10 },
    { "1e10 particles/" UM "g", EXOPK_KIND_PARTICLES_PER_MASS, 1e10 },
    { "1e13 particles/mg", EXOPK_KIND_PARTICLES_PER_MASS, 1e10 },
    { "25 g", EXOPK_KIND_BODY_WEIGHT, 0.025 },
    { "70 kg", EXOPK_KIND_BODY_WEIGHT, 70 },
    { "22 g", EXOPK_KIND_BODY_WEIGHT, 0.022 },
    { "50 %", EXOPK_KIND_DIMENSIONLESS, 0.5 },
    { "50%", EXOPK_KIND_DIMENSIONLESS, 0.5 },
    { "0.066 1", EXOPK_KIND_DIMENSIONLESS, 0.066 },
    { "0.3", EXOPK_KIND_DIMENSIONLESS, 0.3 },
    { "1.2e-3 mg", EXOPK_KIND_MASS, 1.2e-3 },
    { "0.5 g", EXOPK_KIND_MASS, 500 },
    { "1E3 ng", EXOPK_KIND_MASS, 1e-3 },
    { "2 kg", EXOPK_KIND_MASS, 2e6 },
    { "5 mg/L", EXOPK_KIND_MASS_CONC, 5 },
    { "5 ug/mL", EXOPK_KIND_MASS_CONC, 5 },
    { "2 umol", EXOPK_KIND_AMOUNT, 2000 },
    { "3 pmol", EXOPK_KIND_AMOUNT, 3e-3 },
    { "6.02214076e14 molecules", EXOPK_KIND_AMOUNT, 1 },
    { "0.000", EXOPK_KIND_AMOUNT, 0 },
    { "0.1000000000000000055511151231257827021181583404541015625 h", EXOPK_KIND_TIME, 0.1 },
};

START_TEST(parse_good)
{
    const GoodCase *c = &good[_i];
    ExopkError err = { 0 };
    double v = NAN;
    ExopkStatus s = exopk_units_parse_as(c->text, c->kind, &v, &err);

    ck_assert_msg(s == EXOPK_OK, "\"%s\": %s", c->text, err.message);
    ck_assert_msg(close_rel(v, c->want), "\"%s\" as %s: got %.17g, want %.17g", c->text,
                  exopk_unit_kind_name(c->kind), v, c->want);
}
END_TEST

/* --- bad inputs -------------------------------------------------------- */

typedef struct {
    const char *text;
    ExopkUnitKind kind;
    const char *message;
} BadCase;

#define NOT_A_NUMBER "expected a number with a unit, e.g. \"5 mg/kg\""
#define KG_LAST "\"/kg\" means per kg of body weight and must come last, as in \"mg/kg\""
#define M2_LAST "\"/m2\" means per m2 of body surface and must come last, as in \"mg/m2\""

static const BadCase bad[] = {
    { "2e11 partcles", EXOPK_KIND_PARTICLES,
      "unknown unit \"partcles\" (did you mean \"particles\"?)" },
    { "5 mgx", EXOPK_KIND_MASS, "unknown unit \"mgx\" (did you mean \"mg\"?)" },
    { "5 Mg", EXOPK_KIND_MASS, "unknown unit \"Mg\" (did you mean \"mg\"?)" },
    { "5 mgkg", EXOPK_KIND_MASS, "unknown unit \"mgkg\" (did you mean \"mg/kg\"?)" },
    { "5 mg/kgg", EXOPK_KIND_MASS, "unknown unit \"kgg\" (did you mean \"kg\"?)" },
    { "5 zzzzzz", EXOPK_KIND_MASS, "unknown unit \"zzzzzz\"" },
    { "2 mg", EXOPK_KIND_RATE, "expected a rate (1/h), got a mass (mg)" },
    { "5 mg/kg", EXOPK_KIND_RATE, "expected a rate (1/h), got g/kg" },
    { "5 mol*s/g", EXOPK_KIND_RATE, "expected a rate (1/h), got mol*s/g" },
    { "2 mg/kg", EXOPK_KIND_PARTICLES, "expected a particle count (particles), got g/kg" },
    { "1 h", EXOPK_KIND_CONCENTRATION, "expected a concentration (nmol/L), got a time (h)" },
    { "1 nm", EXOPK_KIND_CONCENTRATION, "expected a concentration (nmol/L), got a length (nm)" },
    { "5 nmol", EXOPK_KIND_MASS, "expected a mass (mg), got an amount (nmol)" },
    { "5000 particles", EXOPK_KIND_PER_VESICLE,
      "expected a count per vesicle (molecules/vesicle), got a particle count (particles)" },
    { "0.9 /h", EXOPK_KIND_FLOW, "expected a flow (L/h), got a rate (1/h)" },
    { "1 /m^2", EXOPK_KIND_PER_AREA, "expected a density per area (1/nm2), got 1/m2" },
    { "2 m2", EXOPK_KIND_PER_AREA, "expected a density per area (1/nm2), got m^2" },
    { "", EXOPK_KIND_MASS, NOT_A_NUMBER },
    { "   ", EXOPK_KIND_MASS, NOT_A_NUMBER },
    { "abc", EXOPK_KIND_MASS, NOT_A_NUMBER },
    { "mg", EXOPK_KIND_MASS, NOT_A_NUMBER },
    { "/h", EXOPK_KIND_RATE, NOT_A_NUMBER },
    { "nan", EXOPK_KIND_DIMENSIONLESS, NOT_A_NUMBER },
    { "NaN mg", EXOPK_KIND_MASS, NOT_A_NUMBER },
    { "inf", EXOPK_KIND_DIMENSIONLESS, NOT_A_NUMBER },
    { "-infinity h", EXOPK_KIND_TIME, NOT_A_NUMBER },
    { "- 3 h", EXOPK_KIND_TIME, NOT_A_NUMBER },
    { ".", EXOPK_KIND_DIMENSIONLESS, NOT_A_NUMBER },
    { "5 mg/kg/kg", EXOPK_KIND_MASS, KG_LAST },
    { "5 mg/kg/h", EXOPK_KIND_RATE, KG_LAST },
    { "5 mg/kg2", EXOPK_KIND_MASS, KG_LAST },
    { "5 mg/m2/d", EXOPK_KIND_MASS, M2_LAST },
    { "1e400 mg", EXOPK_KIND_MASS, "number out of range" },
    { "1e-400 mg", EXOPK_KIND_MASS, "number out of range" },
    { "1e308 kg", EXOPK_KIND_MASS, "number out of range" },
    { "1e99999999999999999999 h", EXOPK_KIND_TIME, "number out of range" },
    { "5 mg/", EXOPK_KIND_MASS, "missing unit after \"/\"" },
    { "5 //h", EXOPK_KIND_RATE, "missing unit after \"/\"" },
    { "5 mg *", EXOPK_KIND_MASS, "missing unit after \"*\"" },
    { "5 * mg", EXOPK_KIND_MASS, "unexpected \"*\" in the unit" },
    { "5 mg 2", EXOPK_KIND_MASS, "unexpected number \"2\" in the unit" },
    { "5 m^x", EXOPK_KIND_LENGTH, "bad power in unit \"m^x\"" },
    { "5 m^0", EXOPK_KIND_LENGTH, "bad power in unit \"m^0\"" },
    { "5 m123", EXOPK_KIND_LENGTH, "bad power in unit \"m123\"" },
    { "5,3 mg", EXOPK_KIND_MASS, "use \".\" as the decimal point" },
    { "1 m^99 m^99", EXOPK_KIND_LENGTH, "unit power out of range" },
};

START_TEST(parse_bad)
{
    const BadCase *c = &bad[_i];
    ExopkError err = { 0 };
    double v = 12345;
    ExopkStatus s = exopk_units_parse_as(c->text, c->kind, &v, &err);

    ck_assert_msg(s == EXOPK_EINVAL, "\"%s\": status %d", c->text, (int)s);
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_str_eq(err.message, c->message);
    ck_assert_msg(v == 12345, "\"%s\": output written on failure", c->text);
}
END_TEST

START_TEST(parse_bad_without_error_record)
{
    ExopkQuantity q;
    double v;

    ck_assert_int_eq(exopk_quantity_parse("2e11 partcles", &q, NULL), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_units_parse_as("2 mg", EXOPK_KIND_RATE, &v, NULL), EXOPK_EINVAL);
    ck_assert_int_eq(exopk_quantity_parse(NULL, &q, NULL), EXOPK_EINVAL);
}
END_TEST

/* --- written units, cancelled ratios, w/w -------------------------------- */

START_TEST(parse_tells_written_and_cancelled_units)
{
    ExopkQuantity q;
    ExopkError err = { 0 };
    double v = 12345;

    ck_assert_int_eq(exopk_quantity_parse(" 20 ", &q, &err), EXOPK_OK);
    ck_assert(!q.has_unit && q.cancelled == 0 && !exopk_quantity_is_mass_ratio(&q));
    ck_assert_int_eq(exopk_quantity_parse("30 %", &q, &err), EXOPK_OK);
    ck_assert(q.has_unit && q.cancelled == 0 && close_rel(q.value, 0.3));
    ck_assert_int_eq(exopk_quantity_parse("0.1 mg/mg", &q, &err), EXOPK_OK);
    ck_assert(q.has_unit && exopk_quantity_is_mass_ratio(&q) && close_rel(q.value, 0.1));
    ck_assert_int_eq(exopk_quantity_parse("100 ug/mg", &q, &err), EXOPK_OK);  /* 0.1 w/w */
    ck_assert(exopk_quantity_is_mass_ratio(&q) && close_rel(q.value, 0.1));
    ck_assert_int_eq(exopk_quantity_parse("10 % w/w", &q, &err), EXOPK_OK);
    ck_assert(exopk_quantity_is_mass_ratio(&q) && close_rel(q.value, 0.1));
    ck_assert_int_eq(exopk_quantity_parse("0.1 w/w", &q, &err), EXOPK_OK);
    ck_assert(exopk_quantity_is_mass_ratio(&q) && close_rel(q.value, 0.1));
    ck_assert_int_eq(exopk_quantity_parse("2 L/L", &q, &err), EXOPK_OK);
    ck_assert(!exopk_quantity_is_mass_ratio(&q) && q.cancelled == 1u << EXOPK_DIM_LENGTH);
    ck_assert_int_eq(exopk_quantity_parse("5 mol/mol", &q, &err), EXOPK_OK);
    ck_assert(q.cancelled == 1u << EXOPK_DIM_AMOUNT);
    /* "w" alone stays a week; "L/h/L" is a rate, not a cancelled ratio */
    ck_assert_int_eq(exopk_units_parse_as("2 w", EXOPK_KIND_TIME, &v, &err), EXOPK_OK);
    ck_assert(close_rel(v, 336));
    ck_assert_int_eq(exopk_units_parse_as("0.5 L/h/L", EXOPK_KIND_RATE, &v, &err), EXOPK_OK);
    ck_assert(close_rel(v, 0.5));
}
END_TEST

START_TEST(cancelled_ratio_is_refused_for_every_kind)
{
    ExopkError err = { 0 };
    double v = 12345;

    ck_assert_int_eq(exopk_units_parse_as("0.3 mg/mg", EXOPK_KIND_DIMENSIONLESS, &v, &err),
                     EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "expected a dimensionless number (1), got a ratio of masses, "
                                  "which cancels to a plain number (write a fraction alone or "
                                  "in %, e.g. \"30 %\")");
    ck_assert_int_eq(exopk_units_parse_as("1 L/L", EXOPK_KIND_PER_VESICLE, &v, &err),
                     EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "expected a count per vesicle (molecules/vesicle), got a ratio "
                                  "of lengths or volumes, which cancels to a plain number");
    ck_assert_int_eq(exopk_units_parse_as("20 kg/kg", EXOPK_KIND_BODY_WEIGHT, &v, &err),
                     EXOPK_EINVAL);
    ck_assert_int_eq(exopk_units_parse_as("1 h/h", EXOPK_KIND_TIME, &v, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "expected a time (h), got a ratio of times, which cancels to "
                                  "a plain number");
    ck_assert_msg(v == 12345, "output written on failure");
    /* a fraction written alone or in % is still fine */
    ck_assert_int_eq(exopk_units_parse_as("30 %", EXOPK_KIND_DIMENSIONLESS, &v, &err), EXOPK_OK);
    ck_assert(close_rel(v, 0.3));
}
END_TEST

/* --- parse results, kinds ---------------------------------------------- */

START_TEST(parse_gives_base_units)
{
    ExopkQuantity q;
    ExopkError err = { 0 };

    ck_assert_int_eq(exopk_quantity_parse("5 mg/kg", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 5e-3));
    ck_assert_int_eq(q.dim[EXOPK_DIM_MASS], 1);
    ck_assert_int_eq(q.dim[EXOPK_DIM_BODY_MASS], -1);
    ck_assert_int_eq(q.dim[EXOPK_DIM_AMOUNT] | q.dim[EXOPK_DIM_PARTICLES]
                     | q.dim[EXOPK_DIM_LENGTH] | q.dim[EXOPK_DIM_TIME]
                     | q.dim[EXOPK_DIM_BODY_AREA], 0);

    ck_assert_int_eq(exopk_quantity_parse("60 mg/m2", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 60e-3));
    ck_assert_int_eq(q.dim[EXOPK_DIM_MASS], 1);
    ck_assert_int_eq(q.dim[EXOPK_DIM_BODY_AREA], -1);
    ck_assert_int_eq(q.dim[EXOPK_DIM_LENGTH], 0);

    ck_assert_int_eq(exopk_quantity_parse("100 mm3", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 1e-7));
    ck_assert_int_eq(q.dim[EXOPK_DIM_LENGTH], 3);

    ck_assert_int_eq(exopk_quantity_parse("1 d", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 86400));
    ck_assert_int_eq(q.dim[EXOPK_DIM_TIME], 1);

    ck_assert_int_eq(exopk_quantity_parse("5000 /vesicle", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 5000));
    ck_assert_int_eq(q.dim[EXOPK_DIM_PARTICLES], -1);

    ck_assert_int_eq(exopk_quantity_parse("6.02214076e23 molecules", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 1));
    ck_assert_int_eq(q.dim[EXOPK_DIM_AMOUNT], 1);

    ck_assert_int_eq(exopk_quantity_parse("0.5 L/h/L", &q, &err), EXOPK_OK);
    ck_assert(close_rel(q.value, 0.5 / 3600));
    ck_assert_int_eq(q.dim[EXOPK_DIM_TIME], -1);
    ck_assert_int_eq(q.dim[EXOPK_DIM_LENGTH], 0);

    ck_assert_int_eq(exopk_quantity_parse(" 42 ", &q, &err), EXOPK_OK);
    ck_assert(q.value == 42);
    for (int d = 0; d < EXOPK_NDIM; d++)
        ck_assert_int_eq(q.dim[d], 0);
}
END_TEST

/* Correct rounding of decimal input, as strtod would give in the C locale. */
START_TEST(parse_rounds_like_strtod)
{
    static const char *const texts[] = {
        "0.1", "0.3", "579.99", "6.02214076e23", "1.7976931348623157e308",
        "2.2250738585072014e-308", "123456789012345678901234567890", "0.000001234",
        "9007199254740993", "1e23", "8.589973e9",
    };
    static const double want[] = {
        0.1, 0.3, 579.99, 6.02214076e23, 1.7976931348623157e308,
        2.2250738585072014e-308, 123456789012345678901234567890.0, 0.000001234,
        9007199254740993.0, 1e23, 8.589973e9,
    };

    for (int i = 0; i < N(texts); i++) {
        ExopkQuantity q;
        ExopkError err = { 0 };

        ck_assert_msg(exopk_quantity_parse(texts[i], &q, &err) == EXOPK_OK, "%s: %s", texts[i],
                      err.message);
        ck_assert_msg(q.value == want[i], "%s: got %.17g", texts[i], q.value);
    }
}
END_TEST

/* The decimal point is "." whatever LC_NUMERIC says.  Where no comma
 * locale is installed this still checks the values in the C locale. */
START_TEST(parse_ignores_locale)
{
    static const char *const comma_locales[] = {
        "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "de_DE", "fr_FR",
    };
    double v = 0;
    ExopkError err = { 0 };

    for (int i = 0; i < N(comma_locales); i++)
        if (setlocale(LC_NUMERIC, comma_locales[i]) != NULL)
            break;
    ck_assert_int_eq(exopk_units_parse_as("0.3 " UM "M", EXOPK_KIND_CONCENTRATION, &v, &err),
                     EXOPK_OK);
    ck_assert(close_rel(v, 300));
    ck_assert_int_eq(exopk_units_parse_as("1.5e-1 h", EXOPK_KIND_TIME, &v, &err), EXOPK_OK);
    ck_assert(v == 0.15);
    setlocale(LC_NUMERIC, "C");
}
END_TEST

START_TEST(bare_number_is_engine_unit)
{
    ExopkQuantity q;
    double v = 0;

    ck_assert_int_eq(exopk_quantity_parse("0.9", &q, NULL), EXOPK_OK);
    for (int k = 0; k < EXOPK_KIND_COUNT; k++) {
        ck_assert_int_eq(exopk_quantity_to(&q, (ExopkUnitKind)k, &v, NULL), EXOPK_OK);
        ck_assert(v == 0.9);
        ck_assert_int_eq(exopk_quantity_is(&q, (ExopkUnitKind)k), k == EXOPK_KIND_DIMENSIONLESS);
    }
}
END_TEST

START_TEST(quantity_is_by_dimension)
{
    static const struct {
        const char *text;
        ExopkUnitKind kind;
        int is;
    } cases[] = {
        { "5 mg", EXOPK_KIND_MASS, 1 },
        { "5 mg", EXOPK_KIND_BODY_WEIGHT, 1 },
        { "5 mg", EXOPK_KIND_AMOUNT, 0 },
        { "1 mL", EXOPK_KIND_VOLUME, 1 },
        { "1 mL", EXOPK_KIND_TUMOUR_VOLUME, 1 },
        { "5000 /vesicle", EXOPK_KIND_PER_VESICLE, 1 },
        { "5000 molecules/vesicle", EXOPK_KIND_PER_VESICLE, 1 },
        { "5000 particles", EXOPK_KIND_PER_VESICLE, 0 },
        { "3 molecules", EXOPK_KIND_AMOUNT, 1 },
        { "0.5 L/h/L", EXOPK_KIND_RATE, 1 },
        { "0.5 L/h", EXOPK_KIND_RATE, 0 },
        { "0.5 L/h", EXOPK_KIND_FLOW, 1 },
        { "5 mg/kg", EXOPK_KIND_MASS, 0 },
        { "50 %", EXOPK_KIND_DIMENSIONLESS, 1 },
        { "3 kg/m2", EXOPK_KIND_KM_FACTOR, 1 },
        { "3 kg/m2", EXOPK_KIND_MASS, 0 },
    };

    for (int i = 0; i < N(cases); i++) {
        ExopkQuantity q;
        ExopkError err = { 0 };

        ck_assert_msg(exopk_quantity_parse(cases[i].text, &q, &err) == EXOPK_OK, "%s",
                      err.message);
        ck_assert_msg(!exopk_quantity_is(&q, cases[i].kind) == !cases[i].is, "%s is %s: %d",
                      cases[i].text, exopk_unit_kind_name(cases[i].kind), !cases[i].is);
    }
}
END_TEST

START_TEST(kind_names_and_units)
{
    ck_assert_str_eq(exopk_unit_kind_name(EXOPK_KIND_RATE), "rate");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_RATE), "1/h");
    ck_assert_str_eq(exopk_unit_kind_name(EXOPK_KIND_MASS), "mass");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_MASS), "mg");
    ck_assert_str_eq(exopk_unit_kind_name(EXOPK_KIND_AMOUNT), "amount");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_AMOUNT), "nmol");
    ck_assert_str_eq(exopk_unit_kind_name(EXOPK_KIND_CONCENTRATION), "concentration");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_CONCENTRATION), "nmol/L");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_TUMOUR_VOLUME), "mm3");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_BODY_WEIGHT), "kg");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_KM_FACTOR), "kg/m2");
    ck_assert_str_eq(exopk_unit_kind_unit(EXOPK_KIND_PARTICLES_PER_MASS), "particles/ug");
    for (int k = 0; k < EXOPK_KIND_COUNT; k++) {
        const char *name = exopk_unit_kind_name((ExopkUnitKind)k);
        const char *unit = exopk_unit_kind_unit((ExopkUnitKind)k);
        double v = NAN;

        ck_assert_msg(name != NULL && name[0] != '\0', "kind %d has no name", k);
        ck_assert_msg(unit != NULL && unit[0] != '\0', "kind %d has no unit", k);
        for (int j = 0; j < k; j++)
            ck_assert_str_ne(name, exopk_unit_kind_name((ExopkUnitKind)j));
        /* Every engine unit, read back as text, is one engine unit. */
        if (strcmp(unit, "molecules/vesicle") != 0 && strcmp(unit, "1") != 0) {
            char text[64];
            ExopkError err = { 0 };

            snprintf(text, sizeof text, "1 %s", unit);
            ck_assert_msg(exopk_units_parse_as(text, (ExopkUnitKind)k, &v, &err) == EXOPK_OK,
                          "%s: %s", text, err.message);
            ck_assert_msg(close_rel(v, 1), "%s: %.17g", text, v);
        }
    }
}
END_TEST

/* --- doses ------------------------------------------------------------- */

typedef struct {
    const char *text;
    double body_weight, km_factor, mw_dosed;
    ExopkDoseUnit unit;
    double want;
} DoseCase;

#define MOUSE 0.025, 3
#define HUMAN 70, 37
#define DOX_HCL 579.99

static const DoseCase doses[] = {
    { "5 mg/kg", MOUSE, DOX_HCL, EXOPK_DOSE_NMOL, 5 * 0.025 / DOX_HCL * 1e6 },
    { "60 mg/m2", HUMAN, DOX_HCL, EXOPK_DOSE_NMOL, 60.0 / 37 * 70 / DOX_HCL * 1e6 },
    { "15 mg/m2", MOUSE, DOX_HCL, EXOPK_DOSE_NMOL, 5 * 0.025 / DOX_HCL * 1e6 },
    { "2e11 particles", MOUSE, 0, EXOPK_DOSE_PARTICLES, 2e11 },
    { "2e11 vesicles", MOUSE, 0, EXOPK_DOSE_PARTICLES, 2e11 },
    { "8e12 particles/kg", MOUSE, 0, EXOPK_DOSE_PARTICLES, 2e11 },
    { "1.2e-3 mg", MOUSE, DOX_HCL, EXOPK_DOSE_NMOL, 1.2e-3 / DOX_HCL * 1e6 },
    { "300 ug", HUMAN, DOX_HCL, EXOPK_DOSE_NMOL, 0.3 / DOX_HCL * 1e6 },
    { "10 nmol", MOUSE, 0, EXOPK_DOSE_NMOL, 10 },
    { "3 " UM "mol/kg", MOUSE, 0, EXOPK_DOSE_NMOL, 75 },
    { "20 nmol/m2", HUMAN, 0, EXOPK_DOSE_NMOL, 20.0 / 37 * 70 },
    { "6.02214076e14 molecules", MOUSE, 0, EXOPK_DOSE_NMOL, 1 },
    { "0 mg/kg", MOUSE, DOX_HCL, EXOPK_DOSE_NMOL, 0 },
};

START_TEST(dose_good)
{
    const DoseCase *c = &doses[_i];
    ExopkQuantity q;
    ExopkError err = { 0 };
    ExopkDoseUnit unit = (ExopkDoseUnit)-1;
    double v = NAN;

    ck_assert_msg(exopk_quantity_parse(c->text, &q, &err) == EXOPK_OK, "%s", err.message);
    ck_assert_msg(exopk_dose_convert(&q, c->body_weight, c->km_factor, c->mw_dosed, &unit, &v,
                                     &err) == EXOPK_OK, "\"%s\": %s", c->text, err.message);
    ck_assert_int_eq(unit, c->unit);
    ck_assert_msg(close_rel(v, c->want), "\"%s\": got %.17g, want %.17g", c->text, v, c->want);
}
END_TEST

typedef struct {
    const char *text;
    double body_weight, km_factor, mw_dosed;
    const char *message;
} DoseBad;

#define NOT_A_DOSE "expected a dose (particles, mg, mg/kg, mg/m2, nmol, particles/kg), got "

static const DoseBad doses_bad[] = {
    { "-5 mg/kg", MOUSE, DOX_HCL, "a dose cannot be negative" },
    { "-2e11 particles", MOUSE, 0, "a dose cannot be negative" },
    { "5 mg/kg", MOUSE, 0, "a mass dose needs an agent with a known molar mass" },
    { "5 mg", MOUSE, 0, "a mass dose needs an agent with a known molar mass" },
    { "5 mg/kg", 0, 3, DOX_HCL, "a per-kg or per-m2 dose needs the body weight" },
    { "5 mg/m2", 0.025, 0, DOX_HCL, "a per-m2 dose needs the species' km factor" },
    { "5 h", MOUSE, DOX_HCL, NOT_A_DOSE "a time (h)" },
    { "5", MOUSE, DOX_HCL, NOT_A_DOSE "a dimensionless number (1)" },
    { "5 mg/L", MOUSE, DOX_HCL, NOT_A_DOSE "a mass concentration (mg/L)" },
    { "2e11 particles/m2", MOUSE, 0, NOT_A_DOSE "particles/m2" },
    { "2 mg*s/kg", MOUSE, DOX_HCL, NOT_A_DOSE "g*s/kg" },
    { "1e300 nmol/kg", 1e10, 3, 0, "number out of range" },
};

START_TEST(dose_bad)
{
    const DoseBad *c = &doses_bad[_i];
    ExopkQuantity q;
    ExopkError err = { 0 };
    ExopkDoseUnit unit = EXOPK_DOSE_PARTICLES;
    double v = 12345;

    ck_assert_msg(exopk_quantity_parse(c->text, &q, &err) == EXOPK_OK, "%s", err.message);
    ck_assert_int_eq(exopk_dose_convert(&q, c->body_weight, c->km_factor, c->mw_dosed, &unit,
                                        &v, &err), EXOPK_EINVAL);
    ck_assert_int_eq(err.code, EXOPK_EINVAL);
    ck_assert_str_eq(err.message, c->message);
    ck_assert(v == 12345);
}
END_TEST

/* --- nearest name ------------------------------------------------------ */

START_TEST(nearest_name)
{
    static const char *const units[] = { "particle", "particles", "mg", "mg/kg", "nmol" };
    static const char *const words[] = { "alpha", "beta", "gamma", "delta" };
    static const char *const with_null[] = { NULL, "carrier.k_pt", NULL, "carrier.k_tp" };
    static const char *const ties[] = { "abd", "abe" };
    static const char *const nine[] = { "abcdefxyz", "abcdwxyz" };

    ck_assert_ptr_eq(exopk_nearest_name("partcles", units, 5), units[1]);
    ck_assert_ptr_eq(exopk_nearest_name("partcle", units, 5), units[0]);
    ck_assert_ptr_eq(exopk_nearest_name("PARTICLES", units, 5), units[1]);   /* case */
    ck_assert_ptr_eq(exopk_nearest_name("Mg", units, 5), units[2]);
    ck_assert_ptr_eq(exopk_nearest_name("mgkg", units, 5), units[3]);
    ck_assert_ptr_eq(exopk_nearest_name("nmoll", units, 5), units[4]);
    ck_assert_ptr_null(exopk_nearest_name("zzzzzz", units, 5));
    ck_assert_ptr_eq(exopk_nearest_name("gama", words, 4), words[2]);
    ck_assert_ptr_eq(exopk_nearest_name("dalte", words, 4), words[3]);        /* 2 edits */
    ck_assert_ptr_null(exopk_nearest_name("omega", words, 4));
    ck_assert_ptr_eq(exopk_nearest_name("carrier.k_tt", with_null, 4), with_null[1]);
    ck_assert_ptr_eq(exopk_nearest_name("abc", ties, 2), ties[0]);            /* first wins */
    /* Limit max(2, len/3): 9 letters allow 3 edits, not 4. */
    ck_assert_ptr_eq(exopk_nearest_name("abcdefghi", nine, 1), nine[0]);
    ck_assert_ptr_null(exopk_nearest_name("abcdefghi", nine + 1, 1));
    ck_assert_ptr_null(exopk_nearest_name("mg", units, 0));
    ck_assert_ptr_null(exopk_nearest_name(NULL, units, 5));
    ck_assert_ptr_null(exopk_nearest_name("mg", NULL, 5));
}
END_TEST

START_TEST(nearest_name_long)
{
    char word[301], cand_a[301], cand_b[301];
    const char *cands[2] = { cand_a, cand_b };

    memset(word, 'a', 300);
    word[300] = '\0';
    memcpy(cand_a, word, sizeof word);
    memcpy(cand_b, word, sizeof word);
    for (int i = 0; i < 101; i++)          /* 101 edits: beyond 300/3 */
        cand_a[2 * i] = 'b';
    for (int i = 0; i < 100; i++)          /* exactly 100: within */
        cand_b[3 * i] = 'B';
    ck_assert_ptr_eq(exopk_nearest_name(word, cands, 2), cand_b);
    ck_assert_ptr_null(exopk_nearest_name(word, cands, 1));
}
END_TEST

/* "protein" as the last word, and nothing else, marks vesicle protein. */
START_TEST(protein_word)
{
    char bare[64];

    ck_assert(exopk_protein_text("50 ng/ug protein", bare, sizeof bare));
    ck_assert_str_eq(bare, "50 ng/ug ");
    ck_assert(exopk_protein_text("100 ug  protein  ", bare, sizeof bare));
    ck_assert(!exopk_protein_text("100 ugprotein", bare, sizeof bare));
    ck_assert(!exopk_protein_text("protein", bare, sizeof bare));
    ck_assert(!exopk_protein_text("100 ug proteins", bare, sizeof bare));
    ck_assert(!exopk_protein_text("100 ug protein", bare, 4));    /* does not fit */
}
END_TEST

/* ug of protein: a mass, or a mass per kg times the body weight. */
START_TEST(protein_dose)
{
    ExopkQuantity q;
    ExopkError err;
    double ug = 0;

    ck_assert_int_eq(exopk_quantity_parse("4 mg/kg", &q, NULL), EXOPK_OK);
    ck_assert_int_eq(exopk_protein_dose_ug(&q, 0.025, &ug, NULL), EXOPK_OK);
    ck_assert_double_eq_tol(ug, 100.0, 1e-12);
    ck_assert_int_eq(exopk_quantity_parse("2 nmol", &q, NULL), EXOPK_OK);
    ck_assert_int_eq(exopk_protein_dose_ug(&q, 0.025, &ug, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "expected a mass of vesicle protein, e.g. \"100 ug protein\" "
                     "or \"4 mg/kg protein\"");
    ck_assert_int_eq(exopk_quantity_parse("2 mg/m2", &q, NULL), EXOPK_OK);
    ck_assert_int_eq(exopk_protein_dose_ug(&q, 0.025, &ug, NULL), EXOPK_EINVAL);
}
END_TEST

/* Measured loads in molecules per vesicle, by hand: protein per vesicle
 * 1 ug / 1e10 = 1e-16 g, DOX base 543.52 g/mol. */
START_TEST(measured_load)
{
    ExopkAgent dox = { .mw = 543.52 };
    ExopkCarrier msc = { .particles_per_ug_protein = 1e10 };
    ExopkCargo c = { .given = EXOPK_LOAD_PER_PROTEIN, .measured = 0.05 };
    ExopkError err;
    double m = 0;

    snprintf(dox.name, sizeof dox.name, "doxorubicin");
    snprintf(msc.name, sizeof msc.name, "msc");
    ck_assert_int_eq(exopk_measured_load(&c, &dox, &msc, &m, NULL), EXOPK_OK);
    ck_assert_double_eq_tol(m, 50e-9 / 543.52 * 6.02214076e23 / 1e10, 1e-9);   /* about 5540 */
    ck_assert_double_eq_tol(m, 5539.94, 0.01);
    c.given = EXOPK_LOAD_DLC;
    c.measured = 0.03;
    ck_assert_int_eq(exopk_measured_load(&c, &dox, &msc, &m, NULL), EXOPK_OK);
    ck_assert_double_eq_tol(m, 0.03 / 0.97 * 1e-16 / 543.52 * 6.02214076e23, 1e-9);
    c.given = EXOPK_LOAD_EE;
    c.measured = 0.12;
    c.offered = 5000;
    ck_assert_int_eq(exopk_measured_load(&c, &dox, &msc, &m, NULL), EXOPK_OK);
    ck_assert_double_eq_tol(m, 600, 1e-9);
    c.offered = 0;
    ck_assert_int_eq(exopk_measured_load(&c, &dox, &msc, &m, &err), EXOPK_EINVAL);
    c.given = EXOPK_LOAD_MOLECULES;
    c.measured = 850;
    ck_assert_int_eq(exopk_measured_load(&c, &dox, &msc, &m, NULL), EXOPK_OK);
    ck_assert_double_eq(m, 850);
    c.given = EXOPK_LOAD_PER_PROTEIN;
    msc.particles_per_ug_protein = 0;
    ck_assert_int_eq(exopk_measured_load(&c, &dox, &msc, &m, &err), EXOPK_EINVAL);
    ck_assert_str_eq(err.message, "a load by mass needs the protein per vesicle of carrier msc "
                     "(particles_per_ug_protein), which the library does not give");
    ck_assert_str_eq(exopk_load_field(EXOPK_LOAD_PER_PROTEIN), "loaded");
    ck_assert_str_eq(exopk_load_field(EXOPK_LOAD_DLC), "dlc");
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("units");
    TCase *tc = tcase_create("parse");

    tcase_add_loop_test(tc, parse_good, 0, N(good));
    tcase_add_loop_test(tc, parse_bad, 0, N(bad));
    tcase_add_test(tc, parse_bad_without_error_record);
    tcase_add_test(tc, parse_gives_base_units);
    tcase_add_test(tc, parse_rounds_like_strtod);
    tcase_add_test(tc, parse_ignores_locale);
    tcase_add_test(tc, bare_number_is_engine_unit);
    tcase_add_test(tc, quantity_is_by_dimension);
    tcase_add_test(tc, kind_names_and_units);
    tcase_add_test(tc, parse_tells_written_and_cancelled_units);
    tcase_add_test(tc, cancelled_ratio_is_refused_for_every_kind);
    suite_add_tcase(s, tc);

    tc = tcase_create("dose");
    tcase_add_loop_test(tc, dose_good, 0, N(doses));
    tcase_add_loop_test(tc, dose_bad, 0, N(doses_bad));
    suite_add_tcase(s, tc);

    tc = tcase_create("protein");
    tcase_add_test(tc, protein_word);
    tcase_add_test(tc, protein_dose);
    tcase_add_test(tc, measured_load);
    suite_add_tcase(s, tc);

    tc = tcase_create("names");
    tcase_add_test(tc, nearest_name);
    tcase_add_test(tc, nearest_name_long);
    suite_add_tcase(s, tc);
    return s;
}
