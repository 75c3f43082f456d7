/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Quantities with units: "NUMBER [UNIT]" to base units and a dimension
 * vector, then to the engine unit of a field's kind.  Tables only, no
 * state: every function is reentrant. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk/units.h"

#define MICRO "\xc2\xb5"          /* U+00B5 MICRO SIGN, as users type it */
#define GREEK_MU "\xce\xbc"       /* U+03BC, what some keyboards give instead */
#define NUMBER_DIGITS_MAX 100
#define UNIT_TERMS_MAX 16
#define UNIT_NAME_MAX 64
#define DIM_MAX 100

enum { ATOM_KG = 1, ATOM_METRE = 2 };

typedef struct {
    const char *name;
    double factor;                 /* base units in one of this unit */
    signed char dim[EXOPK_NDIM];
    int flags;                     /* ATOM_*: the "/kg" and "/m2" rules */
} UnitAtom;

#define MASS(n, f)      { n, f, { [EXOPK_DIM_MASS] = 1 }, 0 }
#define AMOUNT(n, f)    { n, f, { [EXOPK_DIM_AMOUNT] = 1 }, 0 }
#define MOLAR(n, f)     { n, f, { [EXOPK_DIM_AMOUNT] = 1, [EXOPK_DIM_LENGTH] = -3 }, 0 }
#define PARTICLE(n)     { n, 1, { [EXOPK_DIM_PARTICLES] = 1 }, 0 }
#define VOLUME(n, f)    { n, f, { [EXOPK_DIM_LENGTH] = 3 }, 0 }
#define LENGTH(n, f)    { n, f, { [EXOPK_DIM_LENGTH] = 1 }, 0 }
#define TIME(n, f)      { n, f, { [EXOPK_DIM_TIME] = 1 }, 0 }

/* Matching is case-sensitive ("mM" is not "mm", "nM" is not "nm"); the
 * suggestions are not.  Powers ("mm3", "m^2") are parsed, not listed. */
static const UnitAtom atoms[] = {
    MASS("g", 1), MASS("mg", 1e-3), MASS(MICRO "g", 1e-6), MASS("ug", 1e-6),
    MASS("ng", 1e-9),
    { "kg", 1e3, { [EXOPK_DIM_MASS] = 1 }, ATOM_KG },
    AMOUNT("mol", 1), AMOUNT("mmol", 1e-3), AMOUNT(MICRO "mol", 1e-6), AMOUNT("umol", 1e-6),
    AMOUNT("nmol", 1e-9), AMOUNT("pmol", 1e-12),
    AMOUNT("molecules", 1 / EXOPK_AVOGADRO), AMOUNT("molecule", 1 / EXOPK_AVOGADRO),
    MOLAR("M", 1e3), MOLAR("mM", 1), MOLAR(MICRO "M", 1e-3), MOLAR("uM", 1e-3),
    MOLAR("nM", 1e-6), MOLAR("pM", 1e-9),
    PARTICLE("particles"), PARTICLE("particle"), PARTICLE("vesicles"), PARTICLE("vesicle"),
    PARTICLE("EVs"), PARTICLE("EV"),
    VOLUME("L", 1e-3), VOLUME("l", 1e-3), VOLUME("mL", 1e-6), VOLUME("ml", 1e-6),
    VOLUME(MICRO "L", 1e-9), VOLUME("uL", 1e-9), VOLUME(MICRO "l", 1e-9), VOLUME("ul", 1e-9),
    { "m", 1, { [EXOPK_DIM_LENGTH] = 1 }, ATOM_METRE },
    LENGTH("cm", 1e-2), LENGTH("mm", 1e-3), LENGTH(MICRO "m", 1e-6), LENGTH("um", 1e-6),
    LENGTH("nm", 1e-9),
    TIME("s", 1), TIME("sec", 1), TIME("min", 60), TIME("h", 3600), TIME("hr", 3600),
    TIME("hrs", 3600), TIME("hour", 3600), TIME("hours", 3600), TIME("d", 86400),
    TIME("day", 86400), TIME("days", 86400), TIME("w", 604800), TIME("week", 604800),
    TIME("weeks", 604800),
    { "1", 1, { 0 }, 0 },
    { "%", 0.01, { 0 }, 0 },
};

#define N_ATOMS (sizeof atoms / sizeof atoms[0])

/* Offered as suggestions besides the atoms: "mgkg" should lead to "mg/kg". */
static const char *const compound_names[] = {
    "mg/kg", "mg/m2", "particles/kg", "particles/L", "particles/h", "particles/ug",
    "molecules/vesicle", "nmol/L", "mg/L", "g/mol", "L/kg", "L/h", "kg/m2", "1/h",
    "mm3", "cm3", "nm2",
};

#define N_COMPOUNDS (sizeof compound_names / sizeof compound_names[0])

typedef struct {
    const char *name;
    const char *unit;
    double num, den;               /* one engine unit is num/den base units */
    signed char dim[EXOPK_NDIM];
} KindInfo;

static const KindInfo kinds[EXOPK_KIND_COUNT] = {
    [EXOPK_KIND_DIMENSIONLESS] = { "dimensionless number", "1", 1, 1, { 0 } },
    [EXOPK_KIND_MASS] = { "mass", "mg", 1e-3, 1, { [EXOPK_DIM_MASS] = 1 } },
    [EXOPK_KIND_AMOUNT] = { "amount", "nmol", 1e-9, 1, { [EXOPK_DIM_AMOUNT] = 1 } },
    [EXOPK_KIND_PARTICLES] = { "particle count", "particles", 1, 1,
                               { [EXOPK_DIM_PARTICLES] = 1 } },
    /* The amount-per-particle form; count_per_vesicle() handles "/vesicle". */
    [EXOPK_KIND_PER_VESICLE] = { "count per vesicle", "molecules/vesicle", 1, EXOPK_AVOGADRO,
                                 { [EXOPK_DIM_AMOUNT] = 1, [EXOPK_DIM_PARTICLES] = -1 } },
    [EXOPK_KIND_VOLUME] = { "volume", "L", 1e-3, 1, { [EXOPK_DIM_LENGTH] = 3 } },
    [EXOPK_KIND_TUMOUR_VOLUME] = { "tumour volume", "mm3", 1e-9, 1, { [EXOPK_DIM_LENGTH] = 3 } },
    [EXOPK_KIND_LENGTH] = { "length", "nm", 1e-9, 1, { [EXOPK_DIM_LENGTH] = 1 } },
    [EXOPK_KIND_TIME] = { "time", "h", 3600, 1, { [EXOPK_DIM_TIME] = 1 } },
    [EXOPK_KIND_RATE] = { "rate", "1/h", 1, 3600, { [EXOPK_DIM_TIME] = -1 } },
    [EXOPK_KIND_FLOW] = { "flow", "L/h", 1e-3, 3600,
                          { [EXOPK_DIM_LENGTH] = 3, [EXOPK_DIM_TIME] = -1 } },
    [EXOPK_KIND_CONCENTRATION] = { "concentration", "nmol/L", 1e-9, 1e-3,
                                   { [EXOPK_DIM_AMOUNT] = 1, [EXOPK_DIM_LENGTH] = -3 } },
    [EXOPK_KIND_MASS_CONC] = { "mass concentration", "mg/L", 1e-3, 1e-3,
                               { [EXOPK_DIM_MASS] = 1, [EXOPK_DIM_LENGTH] = -3 } },
    [EXOPK_KIND_PARTICLE_CONC] = { "particle concentration", "particles/L", 1, 1e-3,
                                   { [EXOPK_DIM_PARTICLES] = 1, [EXOPK_DIM_LENGTH] = -3 } },
    [EXOPK_KIND_PARTICLE_RATE] = { "particle rate", "particles/h", 1, 3600,
                                   { [EXOPK_DIM_PARTICLES] = 1, [EXOPK_DIM_TIME] = -1 } },
    [EXOPK_KIND_MOLAR_MASS] = { "molar mass", "g/mol", 1, 1,
                                { [EXOPK_DIM_MASS] = 1, [EXOPK_DIM_AMOUNT] = -1 } },
    [EXOPK_KIND_BODY_WEIGHT] = { "body weight", "kg", 1e3, 1, { [EXOPK_DIM_MASS] = 1 } },
    [EXOPK_KIND_VOLUME_PER_KG] = { "volume per body weight", "L/kg", 1e-3, 1,
                                   { [EXOPK_DIM_LENGTH] = 3, [EXOPK_DIM_BODY_MASS] = -1 } },
    [EXOPK_KIND_PER_AREA] = { "density per area", "1/nm2", 1, 1e-18,
                              { [EXOPK_DIM_LENGTH] = -2 } },
    [EXOPK_KIND_PER_TUMOUR_VOLUME] = { "density per volume", "1/mm3", 1, 1e-9,
                                       { [EXOPK_DIM_LENGTH] = -3 } },
    [EXOPK_KIND_PARTICLES_PER_MASS] = { "particle count per mass", "particles/ug", 1, 1e-6,
                                        { [EXOPK_DIM_PARTICLES] = 1, [EXOPK_DIM_MASS] = -1 } },
    [EXOPK_KIND_KM_FACTOR] = { "body-surface factor", "kg/m2", 1e3, 1,
                               { [EXOPK_DIM_MASS] = 1, [EXOPK_DIM_BODY_AREA] = -1 } },
};

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *
skip_space(const char *p, const char *end)
{
    while (p < end && is_space(*p))
        p++;
    return p;
}

static int
same_dim(const signed char *a, const signed char *b)
{
    return memcmp(a, b, EXOPK_NDIM) == 0;
}

static int
is_bare(const signed char *dim)
{
    static const signed char zero[EXOPK_NDIM];

    return same_dim(dim, zero);
}

/* "5000 /vesicle": a count per particle, taken as molecules per vesicle. */
static int
count_per_vesicle(const signed char *dim)
{
    static const signed char per_particle[EXOPK_NDIM] = { [EXOPK_DIM_PARTICLES] = -1 };

    return same_dim(dim, per_particle);
}

static int
kind_matches(const signed char *dim, ExopkUnitKind kind)
{
    return same_dim(dim, kinds[kind].dim)
        || (kind == EXOPK_KIND_PER_VESICLE && count_per_vesicle(dim));
}

/* The number as a decimal significand D and exponent E, handed to strtod as
 * "De<E>" without a decimal point so that LC_NUMERIC cannot change it. */
static ExopkStatus
parse_number(const char **pp, double *out, ExopkError *err)
{
    const char *p = *pp;
    char buf[NUMBER_DIGITS_MAX + 32];
    size_t n = 0, start, ndigits = 0;
    long exp10 = 0;
    double v;
    char *end;

    if (*p == '+' || *p == '-') {
        if (*p == '-')
            buf[n++] = '-';
        p++;
    }
    start = n;
    for (int frac = 0; is_digit(*p) || (*p == '.' && !frac); p++) {
        if (*p == '.') {
            frac = 1;
            continue;
        }
        ndigits++;
        exp10 -= frac;
        if (n == start && *p == '0')
            continue;            /* leading zeros change nothing */
        if (n - start == NUMBER_DIGITS_MAX)
            return exopk_error_set(err, EXOPK_EINVAL, "number too long");
        buf[n++] = *p;
    }
    if (ndigits == 0)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "expected a number with a unit, e.g. \"5 mg/kg\"");
    if ((*p == 'e' || *p == 'E')
        && (is_digit(p[1]) || ((p[1] == '+' || p[1] == '-') && is_digit(p[2])))) {
        long e = 0;
        int e_negative = 0;

        p++;
        if (*p == '+' || *p == '-')
            e_negative = *p++ == '-';
        for (; is_digit(*p); p++)
            if (e < 100000)      /* far beyond any double; keeps long from overflowing */
                e = e * 10 + (*p - '0');
        exp10 += e_negative ? -e : e;
    }
    *pp = p;
    if (n == start) {            /* only zeros */
        *out = 0;
        return EXOPK_OK;
    }
    snprintf(buf + n, sizeof buf - n, "e%ld", exp10);
    errno = 0;
    v = strtod(buf, &end);
    /* ERANGE also flags underflow to zero or a subnormal: reject both. */
    if (errno == ERANGE || !isfinite(v) || v == 0)
        return exopk_error_set(err, EXOPK_EINVAL, "number out of range");
    assert(*end == '\0');
    *out = v;
    return EXOPK_OK;
}

static const UnitAtom *
find_atom(const char *name)
{
    for (size_t i = 0; i < N_ATOMS; i++)
        if (strcmp(atoms[i].name, name) == 0)
            return &atoms[i];
    return NULL;
}

static ExopkStatus
unknown_unit(const char *name, ExopkError *err)
{
    const char *cands[N_ATOMS + N_COMPOUNDS];
    const char *near;

    for (size_t i = 0; i < N_ATOMS; i++)
        cands[i] = atoms[i].name;
    for (size_t i = 0; i < N_COMPOUNDS; i++)
        cands[N_ATOMS + i] = compound_names[i];
    near = exopk_nearest_name(name, cands, N_ATOMS + N_COMPOUNDS);
    if (near != NULL)
        return exopk_error_set(err, EXOPK_EINVAL, "unknown unit \"%s\" (did you mean \"%s\"?)",
                               name, near);
    return exopk_error_set(err, EXOPK_EINVAL, "unknown unit \"%s\"", name);
}

/* 1, 2 or 3 for a UTF-8 superscript digit at @s (2 bytes), else 0. */
static int
superscript(const char *s)
{
    if ((unsigned char)s[0] != 0xc2)
        return 0;
    switch ((unsigned char)s[1]) {
    case 0xb9: return 1;
    case 0xb2: return 2;
    case 0xb3: return 3;
    default: return 0;
    }
}

/* Finds a power written after the atom's name in @name[0..*len): "^-2", "3",
 * "-1", "²", "⁻¹"; shortens *len to the name.  Returns 1 with *power set, 0
 * when no power is written, -1 when it is malformed. */
static int
split_power(const char *name, size_t *len, int *power)
{
    size_t n = *len, k;
    const char *caret = memchr(name, '^', n);

    if (caret != NULL) {
        const char *p = caret + 1, *end = name + n;
        int negative = 0, v = 0;

        if (p < end && (*p == '-' || *p == '+'))
            negative = *p++ == '-';
        if (p == end || end - p > 2)
            return -1;
        for (; p < end; p++) {
            if (!is_digit(*p))
                return -1;
            v = v * 10 + (*p - '0');
        }
        *len = (size_t)(caret - name);
        *power = negative ? -v : v;
        return 1;
    }
    if (n >= 2 && superscript(name + n - 2)) {
        *power = superscript(name + n - 2);
        n -= 2;
        if (n >= 3 && memcmp(name + n - 3, "\xe2\x81\xbb", 3) == 0) { /* superscript minus */
            *power = -*power;
            n -= 3;
        }
        *len = n;
        return 1;
    }
    for (k = n; k > 0 && is_digit(name[k - 1]); k--)
        ;
    if (k == n)
        return 0;
    if (n - k > 2)
        return -1;
    *power = atoi(name + k);
    if (k > 0 && name[k - 1] == '-') {
        *power = -*power;
        k--;
    }
    *len = k;
    return 1;
}

typedef struct {
    const UnitAtom *atom;
    int power;                     /* with the sign of its side of '/' */
} UnitTerm;

/* One atom with its power, @run[0..len) (no separators inside). */
static ExopkStatus
parse_term(const char *run, size_t len, int divisor, UnitTerm *term, ExopkError *err)
{
    char name[UNIT_NAME_MAX];
    size_t n = 0, name_len;
    int power = 1, has_power;

    if (len >= UNIT_NAME_MAX)
        return exopk_error_set(err, EXOPK_EINVAL, "unknown unit \"%.*s...\"", 40, run);
    for (size_t i = 0; i < len; i++) {
        if (i + 1 < len && memcmp(run + i, GREEK_MU, 2) == 0) {
            memcpy(name + n, MICRO, 2);
            n += 2;
            i++;
        } else {
            name[n++] = run[i];
        }
    }
    name[n] = '\0';
    if (strspn(name, "0123456789") == n && strcmp(name, "1") != 0)
        return exopk_error_set(err, EXOPK_EINVAL, "unexpected number \"%s\" in the unit", name);
    name_len = n;
    has_power = strcmp(name, "1") == 0 ? 0 : split_power(name, &name_len, &power);
    if (has_power < 0 || power == 0)
        return exopk_error_set(err, EXOPK_EINVAL, "bad power in unit \"%s\"", name);
    if (name_len == 0)
        return unknown_unit(name, err);
    name[name_len] = '\0';
    term->atom = find_atom(name);
    if (term->atom == NULL)
        return unknown_unit(name, err);
    term->power = divisor ? -power : power;
    return EXOPK_OK;
}

static int
is_separator(const char *p, const char *end)
{
    return *p == '/' || *p == '*' || is_space(*p)
        || (end - p >= 2 && memcmp(p, "\xc2\xb7", 2) == 0); /* middle dot */
}

/* Splits @p..@end into terms joined by '/', '*', '·' or spaces, read left
 * to right: "L/h/L" is L / h / L. */
static ExopkStatus
split_terms(const char *p, const char *end, UnitTerm *terms, size_t *nterms, ExopkError *err)
{
    const char *sep = NULL;        /* the separator before the next term */
    int divisor = 0;
    size_t n = 0;
    ExopkStatus s;

    if (p < end && *p == '/') {    /* "/h" is 1/h */
        sep = "/";
        divisor = 1;
        p = skip_space(p + 1, end);
    }
    for (;;) {
        const char *q = p;

        while (q < end && !is_separator(q, end))
            q++;
        if (q == p) {
            if (sep != NULL)
                return exopk_error_set(err, EXOPK_EINVAL, "missing unit after \"%s\"", sep);
            return exopk_error_set(err, EXOPK_EINVAL, "unexpected \"%.*s\" in the unit",
                                   *p == '*' || *p == '/' ? 1 : 2, p);
        }
        if (n == UNIT_TERMS_MAX)
            return exopk_error_set(err, EXOPK_EINVAL, "unit too long");
        s = parse_term(p, (size_t)(q - p), divisor, &terms[n++], err);
        if (s != EXOPK_OK)
            return s;
        p = skip_space(q, end);
        if (p == end)
            break;
        if (!is_separator(p, end)) {
            sep = NULL;          /* "mL min-1": a space multiplies */
            divisor = 0;
            continue;
        }
        sep = *p == '/' ? "/" : *p == '*' ? "*" : "\xc2\xb7";
        divisor = *p == '/';
        p = skip_space(p + strlen(sep), end);
        if (p == end)
            return exopk_error_set(err, EXOPK_EINVAL, "missing unit after \"%s\"", sep);
    }
    *nterms = n;
    return EXOPK_OK;
}

/* Bit 1 << d of @cancelled for each dimension some term has that sums to 0. */
static unsigned char
cancelled_dims(const UnitTerm *terms, size_t n, const int *sum)
{
    unsigned char bits = 0;

    for (size_t i = 0; i < n; i++)
        for (int d = 0; d < EXOPK_NDIM; d++)
            if (terms[i].atom->dim[d] != 0 && sum[d] == 0)
                bits |= (unsigned char) (1u << d);
    return bits;
}

static ExopkStatus
parse_unit(const char *p, const char *end, double *factor, signed char *dim,
           unsigned char *cancelled, ExopkError *err)
{
    UnitTerm terms[UNIT_TERMS_MAX];
    int sum[EXOPK_NDIM] = { 0 };
    size_t n = 0;
    double f = 1;
    ExopkStatus s;

    if (*p == ',' && is_digit(p[1]))
        return exopk_error_set(err, EXOPK_EINVAL, "use \".\" as the decimal point");
    s = split_terms(p, end, terms, &n, err);
    if (s != EXOPK_OK)
        return s;
    for (size_t i = 0; i < n; i++) {
        const UnitAtom *a = terms[i].atom;
        int pw = terms[i].power;

        /* The header's rule: "/kg" and "/m2" are per body weight and per
         * body surface, and only as the last divisor; anywhere else they
         * would silently mean something else ("mg/kg/h"), so refuse. */
        if ((a->flags & ATOM_KG) && pw < 0) {
            if (i + 1 != n || pw != -1)
                return exopk_error_set(err, EXOPK_EINVAL,
                                       "\"/kg\" means per kg of body weight and must come last,"
                                       " as in \"mg/kg\"");
            sum[EXOPK_DIM_BODY_MASS] -= 1;
            continue;
        }
        if ((a->flags & ATOM_METRE) && pw == -2) {
            if (i + 1 != n)
                return exopk_error_set(err, EXOPK_EINVAL,
                                       "\"/m2\" means per m2 of body surface and must come last,"
                                       " as in \"mg/m2\"");
            sum[EXOPK_DIM_BODY_AREA] -= 1;
            continue;
        }
        for (int d = 0; d < EXOPK_NDIM; d++)
            sum[d] += a->dim[d] * pw;
        f *= pow(a->factor, pw);
    }
    for (int d = 0; d < EXOPK_NDIM; d++) {
        if (sum[d] > DIM_MAX || sum[d] < -DIM_MAX)
            return exopk_error_set(err, EXOPK_EINVAL, "unit power out of range");
        dim[d] = (signed char)sum[d];
    }
    *factor = f;
    *cancelled = cancelled_dims(terms, n, sum);
    return EXOPK_OK;
}

/* "w/w" (weight per weight) as the unit's last word: shortens @end to
 * before it.  Not a unit of the grammar: "w" alone is a week. */
static int
strip_w_per_w(const char *p, const char **end)
{
    const char *e = *end;

    if (e - p < 3 || memcmp(e - 3, "w/w", 3) != 0 || (e - 3 > p && !is_space(e[-4])))
        return 0;
    e -= 3;
    while (e > p && is_space(e[-1]))
        e--;
    *end = e;
    return 1;
}

ExopkStatus
exopk_quantity_parse(const char *text, ExopkQuantity *out, ExopkError *err)
{
    const char *p, *end;
    double value = 0, factor = 1;
    signed char dim[EXOPK_NDIM] = { 0 };
    ExopkStatus s;

    assert(out != NULL);
    if (text == NULL)
        return exopk_error_set(err, EXOPK_EINVAL,
                               "expected a number with a unit, e.g. \"5 mg/kg\"");
    end = text + strlen(text);
    while (end > text && is_space(end[-1]))
        end--;
    p = skip_space(text, end);
    s = parse_number(&p, &value, err);
    if (s != EXOPK_OK)
        return s;
    p = skip_space(p, end);
    out->has_unit = p < end;
    out->cancelled = 0;
    if (strip_w_per_w(p, &end))
        out->cancelled = 1u << EXOPK_DIM_MASS;
    if (p < end) {
        unsigned char c = 0;

        s = parse_unit(p, end, &factor, dim, &c, err);
        if (s != EXOPK_OK)
            return s;
        out->cancelled |= c;
    }
    /* "1e308 kg" overflows in grams; "1e-300 pmol" underflows in mol. */
    if (!isfinite(value * factor) || (value != 0 && value * factor == 0))
        return exopk_error_set(err, EXOPK_EINVAL, "number out of range");
    value *= factor;
    out->value = value;
    memcpy(out->dim, dim, sizeof out->dim);
    return EXOPK_OK;
}

static const char *
article(const char *noun)
{
    return strchr("aeiou", noun[0]) != NULL ? "an" : "a";
}

/* "a mass (mg)" if some kind has @dim, else the unit in base form
 * ("g/s", "1/m^2", "g*s/mol"). */
static void
describe(const signed char *dim, char *buf, size_t size)
{
    static const char *const base[EXOPK_NDIM] = {
        [EXOPK_DIM_MASS] = "g", [EXOPK_DIM_AMOUNT] = "mol", [EXOPK_DIM_PARTICLES] = "particles",
        [EXOPK_DIM_LENGTH] = "m", [EXOPK_DIM_TIME] = "s", [EXOPK_DIM_BODY_MASS] = "kg",
        [EXOPK_DIM_BODY_AREA] = "m2",
    };
    char num[64] = "", den[64] = "";

    for (int k = 0; k < EXOPK_KIND_COUNT; k++) {
        if (kind_matches(dim, (ExopkUnitKind)k)) {
            snprintf(buf, size, "%s %s (%s)", article(kinds[k].name), kinds[k].name,
                     kinds[k].unit);
            return;
        }
    }
    for (int d = 0; d < EXOPK_NDIM; d++) {
        int pw = dim[d] < 0 ? -dim[d] : dim[d];
        char *side = dim[d] < 0 ? den : num;
        size_t used = strlen(side);
        char power[8] = "";

        if (pw == 0)
            continue;
        if (pw != 1)
            snprintf(power, sizeof power, "^%d", pw);
        snprintf(side + used, sizeof num - used, "%s%s%s",
                 dim[d] > 0 && used > 0 ? "*" : dim[d] < 0 ? "/" : "", base[d], power);
    }
    snprintf(buf, size, "%s%s", num[0] != '\0' ? num : "1", den);
}

/* "a ratio of masses" for the dimensions in @bits. */
static void
describe_ratio(unsigned char bits, char *buf, size_t size)
{
    static const char *const plural[EXOPK_NDIM] = {
        [EXOPK_DIM_MASS] = "masses", [EXOPK_DIM_AMOUNT] = "amounts",
        [EXOPK_DIM_PARTICLES] = "particle counts", [EXOPK_DIM_LENGTH] = "lengths or volumes",
        [EXOPK_DIM_TIME] = "times",
    };
    size_t used = (size_t) snprintf(buf, size, "a ratio of ");

    for (int d = 0, first = 1; d < EXOPK_NDIM && used < size; d++) {
        if (!(bits & (1u << d)) || plural[d] == NULL)
            continue;
        used += (size_t) snprintf(buf + used, size - used, "%s%s", first ? "" : " and ",
                                  plural[d]);
        first = 0;
    }
}

int
exopk_quantity_is_mass_ratio(const ExopkQuantity *q)
{
    assert(q != NULL);
    return is_bare(q->dim) && q->cancelled == (1u << EXOPK_DIM_MASS);
}

int
exopk_quantity_is(const ExopkQuantity *q, ExopkUnitKind kind)
{
    assert(q != NULL && kind >= 0 && kind < EXOPK_KIND_COUNT);
    return kind_matches(q->dim, kind);
}

ExopkStatus
exopk_quantity_to(const ExopkQuantity *q, ExopkUnitKind kind, double *out, ExopkError *err)
{
    const KindInfo *k;
    double v;

    assert(q != NULL && out != NULL && kind >= 0 && kind < EXOPK_KIND_COUNT);
    k = &kinds[kind];
    if (is_bare(q->dim) && q->cancelled != 0) {
        char given[128];

        describe_ratio(q->cancelled, given, sizeof given);
        return exopk_error_set(err, EXOPK_EINVAL, "expected %s %s (%s), got %s, which cancels "
                               "to a plain number%s", article(k->name), k->name, k->unit, given,
                               kind == EXOPK_KIND_DIMENSIONLESS
                               ? " (write a fraction alone or in %, e.g. \"30 %\")" : "");
    }
    if (is_bare(q->dim)) {
        *out = q->value;         /* a plain number is in the engine unit already */
        return EXOPK_OK;
    }
    if (kind == EXOPK_KIND_PER_VESICLE && count_per_vesicle(q->dim)) {
        *out = q->value;
        return EXOPK_OK;
    }
    if (!same_dim(q->dim, k->dim)) {
        char given[128];

        describe(q->dim, given, sizeof given);
        return exopk_error_set(err, EXOPK_EINVAL, "expected %s %s (%s), got %s",
                               article(k->name), k->name, k->unit, given);
    }
    v = q->value * k->den / k->num;
    if (!isfinite(v))
        return exopk_error_set(err, EXOPK_EINVAL, "number out of range");
    *out = v;
    return EXOPK_OK;
}

ExopkStatus
exopk_units_parse_as(const char *text, ExopkUnitKind kind, double *out, ExopkError *err)
{
    ExopkQuantity q;
    ExopkStatus s = exopk_quantity_parse(text, &q, err);

    return s != EXOPK_OK ? s : exopk_quantity_to(&q, kind, out, err);
}

const char *
exopk_unit_kind_unit(ExopkUnitKind kind)
{
    assert(kind >= 0 && kind < EXOPK_KIND_COUNT);
    return kinds[kind].unit;
}

const char *
exopk_unit_kind_name(ExopkUnitKind kind)
{
    assert(kind >= 0 && kind < EXOPK_KIND_COUNT);
    return kinds[kind].name;
}

ExopkStatus
exopk_dose_convert(const ExopkQuantity *q, double body_weight, double km_factor,
                   double mw_dosed, ExopkDoseUnit *unit, double *value, ExopkError *err)
{
    static const signed char particles[EXOPK_NDIM] = { [EXOPK_DIM_PARTICLES] = 1 };
    static const signed char mass[EXOPK_NDIM] = { [EXOPK_DIM_MASS] = 1 };
    static const signed char amount[EXOPK_NDIM] = { [EXOPK_DIM_AMOUNT] = 1 };
    signed char rest[EXOPK_NDIM];
    int per_kg, per_m2, is_mass, is_particles;
    double v;

    assert(q != NULL && unit != NULL && value != NULL);
    /* What is left without the "/kg" or "/m2" must be particles, mass or amount. */
    memcpy(rest, q->dim, sizeof rest);
    per_kg = rest[EXOPK_DIM_BODY_MASS] == -1 && rest[EXOPK_DIM_BODY_AREA] == 0;
    per_m2 = rest[EXOPK_DIM_BODY_AREA] == -1 && rest[EXOPK_DIM_BODY_MASS] == 0;
    if (per_kg)
        rest[EXOPK_DIM_BODY_MASS] = 0;
    if (per_m2)
        rest[EXOPK_DIM_BODY_AREA] = 0;
    is_mass = same_dim(rest, mass);
    is_particles = same_dim(rest, particles);
    if (!(is_mass || is_particles || same_dim(rest, amount)) || (is_particles && per_m2)) {
        char given[128];

        describe(q->dim, given, sizeof given);
        return exopk_error_set(err, EXOPK_EINVAL,
                               "expected a dose (particles, mg, mg/kg, mg/m2, nmol, "
                               "particles/kg), got %s", given);
    }
    if (q->value < 0)
        return exopk_error_set(err, EXOPK_EINVAL, "a dose cannot be negative");
    if ((per_kg || per_m2) && !(body_weight > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "a per-kg or per-m2 dose needs the body weight");
    if (per_m2 && !(km_factor > 0))
        return exopk_error_set(err, EXOPK_EINVAL, "a per-m2 dose needs the species' km factor");
    if (is_mass && !(mw_dosed > 0))
        return exopk_error_set(err, EXOPK_EINVAL,
                               "a mass dose needs an agent with a known molar mass");
    v = q->value;
    if (per_kg)
        v *= body_weight;
    if (per_m2)                  /* mg/m2 / km = mg/kg */
        v = v / km_factor * body_weight;
    if (is_particles) {
        *unit = EXOPK_DOSE_PARTICLES;
    } else {
        *unit = EXOPK_DOSE_NMOL;
        /* g / (g/mol) = mol; mol * 1e9 = nmol */
        v = (is_mass ? v / mw_dosed : v) * 1e9;
    }
    if (!isfinite(v))
        return exopk_error_set(err, EXOPK_EINVAL, "number out of range");
    *value = v;
    return EXOPK_OK;
}
