/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Observed data: what the readers (observed.c, observed-nonmem.c) share. */
#ifndef EXOPK_OBSERVED_PRIVATE_H
#define EXOPK_OBSERVED_PRIVATE_H

#include "exopk/observed.h"
#include "exopk/units.h"

#define OBS_NAME_MAX 160
#define OBS_FILE_MAX ((size_t) 64 << 20)
#define OBS_CELLS_MAX 64

/* The unit of a value as written.  per_cell: "molecules/cell" (the parser
 * has no cells, so "/cell" is taken off and remembered). */
typedef struct {
    int given;                 /* 0: a bare number, in the output's own unit */
    double scale;              /* base units of the parser per unit */
    signed char dim[EXOPK_NDIM];
    int per_cell;
    char text[48];             /* as written, for messages */
    char column[16];           /* where it was written: "value", "unit", "DV" */
} ObsUnit;

typedef struct {
    ExopkObservation pub;      /* string pointers set by obs_finish() */
    char arm[EXOPK_NAME_MAX];
    char name[OBS_NAME_MAX];
    char id[EXOPK_NAME_MAX];
    double value, sd, lloq;    /* as written, in @unit; NAN when empty */
    ObsUnit unit;
} ObsRow;

typedef struct {
    char arm[EXOPK_NAME_MAX];
    long line;                 /* of its first dose row */
    size_t n;
    ExopkDosingLine *lines;
} ObsArmLines;

struct ExopkObserved {
    char path[4096];
    size_t n, cap;
    ObsRow *rows;
    size_t n_arm_lines;
    ObsArmLines *arm_lines;
};

/* A file split into lines and cells, in place. */
typedef struct {
    char *text;
    char *cursor;
    long line;                 /* of the line last returned */
    char *cell[OBS_CELLS_MAX];
    size_t n_cells;
} ObsCsv;

ExopkStatus obs_fail(ExopkError *err, const ExopkObserved *obs, long line, const char *column,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
ExopkObserved *obs_new(const char *path, ExopkError *err);
ObsRow *obs_add_row(ExopkObserved *obs, ExopkError *err);
void obs_finish(ExopkObserved *obs);
ExopkStatus obs_csv_open(ObsCsv *csv, const ExopkObserved *obs, ExopkError *err);
/* The next line that is not blank or a '#' comment, split at commas with
 * the cells trimmed; 0 at the end. */
int obs_csv_next(ObsCsv *csv);
void obs_csv_close(ObsCsv *csv);
/* A finite number filling the whole of @cell. */
int obs_number(const char *cell, double *out);
/* Parses a unit ("nmol/L", "molecules/cell") into @u; @column for messages. */
ExopkStatus obs_unit_parse(const char *text, const char *column, ObsUnit *u, ExopkError *err);
/* Copies @text into @buf of @size; -1 when too long. */
int obs_copy(char *buf, size_t size, const char *text);

#endif
