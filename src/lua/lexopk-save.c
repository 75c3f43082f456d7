/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing a study back as a study file (exopk.save, the GUI's "Save"),
 * and the time-series CSV of the Lua API.
 *
 * The file must read back to an equal study (tests/test-script.c compares
 * the structs), so every number is written as the shortest quantity
 * string that the loader converts back to the very same double: "25 g",
 * "28 d", "0.8 /h" when they round-trip exactly, more digits when they do
 * not, and as a last resort the engine-unit number with its unit in a
 * comment.  Doses keep the text the user wrote (dose_text); a dose set
 * numerically is written as "<amount> particles" or "<amount> nmol".
 * Pure C: no Lua state is involved, so the GUI can call it from any thread. */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700     /* realpath */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "lexopk-api.h"

/* --- time series CSV ------------------------------------------------------ */

ExopkStatus
lx_write_series_csv(const ExopkResult *res, const char *path, ExopkError *err)
{
    ExopkAtomicFile f;
    ExopkStatus st;

    if ((st = exopk_atomic_open(&f, path, err)) != EXOPK_OK)
        return st;
    exopk_result_write_csv(res, f.fp);
    return exopk_atomic_commit(&f, err);
}

/* --- numbers that read back exactly -------------------------------------- */

/* Converts @text as the loader would; 0 on success. */
typedef int (*Conv)(const char *text, double *out, const void *ctx);

static int
conv_kind(const char *text, double *out, const void *ctx)
{
    return exopk_units_parse_as(text, *(const ExopkUnitKind *) ctx, out, NULL) == EXOPK_OK
               ? 0 : -1;
}

typedef struct {
    const ExopkStudy *s;
    double mw;
    ExopkDoseUnit unit;
} DoseCtx;

static int
conv_dose(const char *text, double *out, const void *ctx)
{
    const DoseCtx *d = ctx;
    ExopkQuantity q;
    ExopkDoseUnit unit;

    if (exopk_quantity_parse(text, &q, NULL) != EXOPK_OK
        || exopk_dose_convert(&q, d->s->weight, d->s->species.km_factor, d->mw, &unit, out,
                              NULL) != EXOPK_OK)
        return -1;
    return unit == d->unit ? 0 : -1;
}

/* "%.*g" without the exponent's '+' and leading zeros: 3e11, 1e-6. */
static void
number(char *buf, size_t size, int digits, double v)
{
    char tmp[64], *e, *src, *dst;

    snprintf(tmp, sizeof tmp, "%.*g", digits, v);
    e = strchr(tmp, 'e');
    if (e != NULL) {
        src = dst = e + 1;
        if (*src == '+')
            src++;
        else if (*src == '-')
            *dst++ = *src++;
        while (*src == '0' && src[1] != '\0')
            src++;
        memmove(dst, src, strlen(src) + 1);
    }
    snprintf(buf, size, "%s", tmp);
}

/* Writes into @buf a Lua literal for @v: the string "X UNIT" (X = @v /
 * @scale) in as few digits as read back to @v through @conv, else a
 * corrected neighbour, else (when @numeric_ok) the plain engine number
 * followed by a comment naming @engine_unit.  @unit NULL: a plain number. */
static void
literal(char *buf, size_t size, double v, const char *unit, double scale, Conv conv,
        const void *ctx, int numeric_ok, const char *engine_unit)
{
    char text[128], num[64];
    double back = v, x = v / scale;

    if (unit == NULL) {
        for (int d = 6; d <= 17; d++) {
            number(buf, size, d, v);
            if (strtod(buf, NULL) == v)
                return;
        }
        return;
    }
    for (int d = 6; d <= 17; d++) {
        number(num, sizeof num, d, x);
        snprintf(text, sizeof text, "%s %s", num, unit);
        if (conv(text, &back, ctx) == 0 && back == v)
            goto found;
    }
    /* the conversion rounds: walk to a neighbour that lands on @v */
    for (int i = 0; i < 8; i++) {
        x = nextafter(x, back < v ? INFINITY : -INFINITY);
        snprintf(text, sizeof text, "%.17g %s", x, unit);
        if (conv(text, &back, ctx) != 0)
            break;
        if (back == v)
            goto found;
    }
    if (numeric_ok) {
        for (int d = 6; d <= 17; d++) {
            number(buf, size, d, v);
            if (strtod(buf, NULL) == v)
                break;
        }
        snprintf(buf + strlen(buf), size - strlen(buf), " --[[ %s ]]", engine_unit);
        return;
    }
    /* cannot happen for the units used here; 17 digits are within an ulp */
    snprintf(text, sizeof text, "%.17g %s", v / scale, unit);
found:
    snprintf(buf, size, "\"%s\"", text);
}

static void
q_kind(char *buf, size_t size, double v, ExopkUnitKind kind, const char *unit, double scale)
{
    literal(buf, size, v, unit, scale, conv_kind, &kind, 1, exopk_unit_kind_unit(kind));
}

/* A time: in days when a whole number of days, else in hours. */
static void
q_time(char *buf, size_t size, double h)
{
    double d = h / 24;

    if (h >= 24 && d == floor(d))
        q_kind(buf, size, h, EXOPK_KIND_TIME, "d", 24);
    else
        q_kind(buf, size, h, EXOPK_KIND_TIME, "h", 1);
}

/* A Lua string literal. */
static void
lua_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *p = (const unsigned char *) s; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", fp);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(fp, "\\%03u", *p);
        else
            fputc(*p, fp);
    }
    fputc('"', fp);
}

static int
is_identifier(const char *k)
{
    static const char *const reserved[] = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
        "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    };

    if (!((k[0] >= 'a' && k[0] <= 'z') || (k[0] >= 'A' && k[0] <= 'Z') || k[0] == '_'))
        return 0;
    for (const char *p = k; *p != '\0'; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')
              || *p == '_'))
            return 0;
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (strcmp(k, reserved[i]) == 0)
            return 0;
    return 1;
}

/* A table key: name or ["name"]. */
static void
lua_key(FILE *fp, const char *k)
{
    if (is_identifier(k)) {
        fputs(k, fp);
    } else {
        fputc('[', fp);
        lua_string(fp, k);
        fputc(']', fp);
    }
}

/* --- the study ------------------------------------------------------------ */

static const char *
route_name(ExopkRoute r)
{
    switch (r) {
    case EXOPK_ROUTE_IT: return "it";
    case EXOPK_ROUTE_IP: return "ip";
    default: return "iv";
    }
}

static void
write_line(FILE *fp, const ExopkStudy *s, const ExopkDosingLine *line)
{
    const ExopkDose *d = &line->dose;
    char b[160];

    fputs("{ give = ", fp);
    if (d->formulation >= 0)
        lua_string(fp, s->formulations[d->formulation].name);
    else
        lua_string(fp, s->agent_ref[d->agent].name);
    fprintf(fp, ", route = \"%s\", dose = ", route_name(d->route));
    if (line->dose_text[0] != '\0') {
        lua_string(fp, line->dose_text);
    } else if (d->unit == EXOPK_DOSE_PARTICLES || d->formulation < 0) {
        /* a plain number is particles (formulation) or nmol (agent) */
        DoseCtx ctx = { s, 0, d->unit };
        int ci = d->formulation >= 0 ? d->cargo : 0;

        if (d->formulation >= 0)
            ctx.mw = s->agent_ref[s->formulations[d->formulation].cargo[ci].agent].mw_dosed;
        else
            ctx.mw = s->agent_ref[d->agent].mw_dosed;
        literal(b, sizeof b, d->amount, d->unit == EXOPK_DOSE_PARTICLES ? "particles" : "nmol",
                1, conv_dose, &ctx, 1, d->unit == EXOPK_DOSE_PARTICLES ? "particles" : "nmol");
        fputs(b, fp);
    } else {
        /* nmol of a formulation's cargo: only a string says so */
        DoseCtx ctx = { s, 0, EXOPK_DOSE_NMOL };

        ctx.mw = s->agent_ref[s->formulations[d->formulation].cargo[d->cargo].agent].mw_dosed;
        literal(b, sizeof b, d->amount, "nmol", 1, conv_dose, &ctx, 0, "nmol");
        fputs(b, fp);
    }
    if (d->formulation >= 0 && d->unit == EXOPK_DOSE_NMOL && d->cargo > 0) {
        fputs(", dose_of = ", fp);
        lua_string(fp, s->agent_ref[s->formulations[d->formulation].cargo[d->cargo].agent].name);
    }
    if (d->time != 0) {
        q_time(b, sizeof b, d->time);
        fprintf(fp, ", at = %s", b);
    }
    if (line->every > 0) {
        q_time(b, sizeof b, line->every);
        fprintf(fp, ", every = %s", b);
    }
    if (line->count != 1 || line->every > 0)
        fprintf(fp, ", count = %ld", line->count);
    if (d->duration > 0) {
        q_time(b, sizeof b, d->duration);
        fprintf(fp, ", over = %s", b);
    }
    fputs(" }", fp);
}

/* ", ligand = \"irgd\"" or ", ligand = { \"irgd\", \"ge11\" }"; nothing
 * without ligands. */
static void
write_ligands(FILE *fp, const ExopkStudy *s, const ExopkFormulation *f)
{
    if (f->n_ligands == 0)
        return;
    fputs(f->n_ligands == 1 ? ", ligand = " : ", ligand = { ", fp);
    for (size_t i = 0; i < f->n_ligands; i++) {
        fputs(i > 0 ? ", " : "", fp);
        lua_string(fp, s->ligand_ref[f->ligand[i]].name);
    }
    fputs(f->n_ligands == 1 ? "" : " }", fp);
}

static void
write_formulation(FILE *fp, const ExopkStudy *s, const ExopkFormulation *f)
{
    char b[160];

    fputs("    ", fp);
    lua_key(fp, f->name);
    fputs(" = {\n      carrier  = ", fp);
    lua_string(fp, f->carrier_ref.name);
    q_kind(b, sizeof b, f->diameter, EXOPK_KIND_LENGTH, "nm", 1);
    fprintf(fp, ",\n      diameter = %s,\n", b);
    fprintf(fp, "      surface  = { cd47 = %s, peg = %s", f->cd47 ? "true" : "false",
            f->peg ? "true" : "false");
    write_ligands(fp, s, f);
    fputs(" },\n", fp);
    fputs("      loading  = { method = ", fp);
    lua_string(fp, f->method_ref.name);
    fputs(" },\n      cargo    = {", fp);
    for (size_t c = 0; c < f->n_cargo; c++) {
        const ExopkCargo *cg = &f->cargo[c];

        fputs(c ? ",\n                   { agent = " : " { agent = ", fp);
        lua_string(fp, s->agent_ref[cg->agent].name);
        /* a measured load needs no offer (except ee); write one only if given */
        if (cg->given == EXOPK_LOAD_MODEL || cg->given == EXOPK_LOAD_EE || cg->offered > 0) {
            q_kind(b, sizeof b, cg->offered, EXOPK_KIND_PER_VESICLE, "/vesicle", 1);
            fprintf(fp, ", offered = %s", b);
        }
        if (cg->given != EXOPK_LOAD_MODEL) {
            fprintf(fp, ", %s = ", exopk_load_field(cg->given));
            lua_string(fp, cg->measured_text);
        }
        fputs(" }", fp);
    }
    fputs(" },\n    },\n", fp);
}

/* The unit to write an override in: the engine unit of its kind, "/h" for
 * rates (as docs/study-files.md writes them); dimensionless values as numbers. */
static void
q_override(char *buf, size_t size, const ExopkStudy *s, const ExopkOverride *o)
{
    ExopkUnitKind kind;

    if (exopk_study_param_kind(s, o->path, &kind, NULL) != EXOPK_OK
        || kind == EXOPK_KIND_DIMENSIONLESS)
        literal(buf, size, o->value, NULL, 1, NULL, NULL, 1, NULL);
    else if (kind == EXOPK_KIND_RATE)
        q_kind(buf, size, o->value, kind, "/h", 1);
    else
        q_kind(buf, size, o->value, kind, exopk_unit_kind_unit(kind), 1);
}

/* variability, batch, correlations, uncertainty (study-variability.c
 * reads them back): CVs as percentages, names as written. */
static void
write_cv_table(FILE *fp, const ExopkVariability *v, ExopkVariedSource source, const char *field)
{
    int any = 0;
    char b[64];

    for (size_t i = 0; i < v->n_varied; i++) {
        if (v->varied[i].source != source)
            continue;
        if (any++ == 0)
            fprintf(fp, "\n  %s = {\n", field);
        q_kind(b, sizeof b, v->varied[i].cv, EXOPK_KIND_DIMENSIONLESS, "%", 0.01);
        fputs("    [", fp);
        lua_string(fp, v->varied[i].name);
        fprintf(fp, "] = %s,\n", b);
    }
    if (any)
        fputs("  },\n", fp);
}

static void
write_variability(FILE *fp, const ExopkVariability *v)
{
    char b[64];

    write_cv_table(fp, v, EXOPK_VARIED_SUBJECT, "variability");
    write_cv_table(fp, v, EXOPK_VARIED_BATCH, "batch");
    if (v->n_correlations > 0) {
        fputs("\n  correlations = {\n", fp);
        for (size_t k = 0; k < v->n_correlations; k++) {
            fputs("    { ", fp);
            lua_string(fp, v->varied[v->correlations[k].a].name);
            fputs(", ", fp);
            lua_string(fp, v->varied[v->correlations[k].b].name);
            literal(b, sizeof b, v->correlations[k].rho, NULL, 1, NULL, NULL, 1, NULL);
            fprintf(fp, ", %s },\n", b);
        }
        fputs("  },\n", fp);
    }
    if (v->library_uncertainty)
        fputs("\n  uncertainty = \"library\",\n", fp);
}

/* `, field = "text"` (no comma before the first) when @text is not empty. */
static void
opt_field(FILE *fp, int *first, const char *field, const char *text)
{
    if (text[0] == '\0')
        return;
    fprintf(fp, "%s%s = ", *first ? " " : ", ", field);
    lua_string(fp, text);
    *first = 0;
}

/* A NONMEM dataset's map: { format = "nonmem", time_unit, arm, cmt }. */
static void
write_nonmem_map(FILE *fp, const ExopkDataFormat *f)
{
    int first = 0;

    fputs("    format = \"nonmem\"", fp);
    opt_field(fp, &first, "time_unit", f->time_unit);
    opt_field(fp, &first, "arm", f->arm);
    fputs(",\n    cmt = {\n", fp);
    for (size_t i = 0; i < f->n_cmt; i++) {
        first = 1;
        fprintf(fp, "      [%d] = {", f->cmt[i].cmt);
        opt_field(fp, &first, "output", f->cmt[i].output);
        opt_field(fp, &first, "dv_unit", f->cmt[i].dv_unit);
        opt_field(fp, &first, "give", f->cmt[i].give);
        opt_field(fp, &first, "amt_unit", f->cmt[i].amt_unit);
        fputs(" },\n", fp);
    }
    fputs("    },\n  },\n", fp);
}

/* The observed data as an absolute path: the saved file may live elsewhere. */
static void
write_data(FILE *fp, const ExopkStudy *s)
{
    char *abs;

    if (s->data_path[0] == '\0')
        return;
    abs = realpath(s->data_path, NULL);
    fputs(s->data_format.nonmem ? "  data = {\n    file = " : "  data         = ", fp);
    lua_string(fp, abs != NULL ? abs : s->data_path);
    fputs(",\n", fp);
    if (s->data_format.nonmem)
        write_nonmem_map(fp, &s->data_format);
    free(abs);
}

ExopkStatus
exopk_lua_write_study_fp(const ExopkStudy *s, FILE *fp, ExopkError *err)
{
    char b[160];

    (void) err;
    fprintf(fp, "-- exopk study, written by exopk %s (exopk.save).\n"
                "-- Quantities are strings with units; a plain number is in the engine unit\n"
                "-- of its field.  Format: docs/study-files.md; parameters: `exopk params`.\n"
                "return {\n  name = ", EXOPK_VERSION);
    lua_string(fp, s->name);
    fputs(",\n\n  subject = {\n    species = ", fp);
    lua_string(fp, s->species.name);
    if (s->weight < 1)
        q_kind(b, sizeof b, s->weight, EXOPK_KIND_BODY_WEIGHT, "g", 1e-3);
    else
        q_kind(b, sizeof b, s->weight, EXOPK_KIND_BODY_WEIGHT, "kg", 1);
    fprintf(fp, ",\n    weight  = %s,\n", b);
    if (s->has_tumour) {
        fputs("    tumour  = { model = ", fp);
        lua_string(fp, s->tumour_ref.name);
        q_kind(b, sizeof b, s->tumour_volume0, EXOPK_KIND_TUMOUR_VOLUME, "mm3", 1);
        fprintf(fp, ", volume = %s,\n                resistant_fraction = ", b);
        literal(b, sizeof b, s->resistant_fraction0, NULL, 1, NULL, NULL, 1, NULL);
        fprintf(fp, "%s },\n", b);
    }
    fputs("  },\n\n", fp);
    q_time(b, sizeof b, s->horizon);
    fprintf(fp, "  horizon      = %s,\n", b);
    q_time(b, sizeof b, s->output_every);
    fprintf(fp, "  output_every = %s,\n", b);
    write_data(fp, s);

    if (s->n_formulations > 0) {
        fputs("\n  formulations = {\n", fp);
        for (size_t i = 0; i < s->n_formulations; i++)
            write_formulation(fp, s, &s->formulations[i]);
        fputs("  },\n", fp);
    }

    fputs("\n  arms = {\n", fp);
    for (size_t a = 0; a < s->n_arms; a++) {
        const ExopkArm *arm = &s->arms[a];

        fputs("    ", fp);
        lua_key(fp, arm->name);
        fputs(" = {", fp);
        if (arm->dosed_by_data) {   /* the dataset gives them again on loading */
            fputs("},   -- dosed by the NONMEM dataset (data)\n", fp);
            continue;
        }
        for (size_t l = 0; l < arm->n_lines; l++) {
            fputs(l ? ",\n      " : arm->n_lines > 1 ? "\n      " : " ", fp);
            write_line(fp, s, &arm->lines[l]);
        }
        fputs(arm->n_lines > 1 ? ",\n    },\n" : arm->n_lines ? " },\n" : "},\n", fp);
    }
    fputs("  },\n", fp);

    if (s->n_overrides > 0) {
        fputs("\n  params = {\n", fp);
        for (size_t i = 0; i < s->n_overrides; i++) {
            q_override(b, sizeof b, s, &s->overrides[i]);
            fputs("    [", fp);
            lua_string(fp, s->overrides[i].path);
            fprintf(fp, "] = %s,\n", b);
        }
        fputs("  },\n", fp);
    }
    write_variability(fp, &s->variability);
    {
        char r[64], a[64];

        literal(r, sizeof r, s->rtol, NULL, 1, NULL, NULL, 1, NULL);
        literal(a, sizeof a, s->atol_scale, NULL, 1, NULL, NULL, 1, NULL);
        fprintf(fp, "\n  solver = { rtol = %s, atol = %s },\n}\n", r, a);
    }
    return EXOPK_OK;
}

ExopkStatus
exopk_lua_write_study(const ExopkStudy *study, const char *path, ExopkError *err)
{
    ExopkAtomicFile f;
    ExopkStatus st;

    if ((st = exopk_atomic_open(&f, path, err)) != EXOPK_OK)
        return st;
    if ((st = exopk_lua_write_study_fp(study, f.fp, err)) != EXOPK_OK) {
        exopk_atomic_abort(&f);
        return st;
    }
    return exopk_atomic_commit(&f, err);
}
