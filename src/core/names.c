/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Nearest-name suggestions for "did you mean" messages. */
#include <stdlib.h>
#include <string.h>

#include "exopk/units.h"

#define ROW_STACK 128

/* ASCII only: tolower() would depend on the locale. */
static int
fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Levenshtein distance of @a and @b with one row of @nb + 1 cells; gives up
 * (returns @bound + 1) as soon as every cell of a row exceeds @bound. */
static size_t
edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t bound, size_t *row)
{
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0], row_min;

        row[0] = i;
        row_min = row[0];
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            int same = fold((unsigned char)a[i - 1]) == fold((unsigned char)b[j - 1]);
            size_t best = diag + !same;

            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
            if (best < row_min)
                row_min = best;
        }
        if (row_min > bound)
            return bound + 1;
    }
    return row[nb];
}

const char *
exopk_nearest_name(const char *word, const char *const *candidates, size_t n)
{
    const char *found = NULL;
    size_t nw, limit, best;

    if (word == NULL || candidates == NULL)
        return NULL;
    nw = strlen(word);
    limit = nw / 3 > 2 ? nw / 3 : 2;
    best = limit + 1;
    for (size_t k = 0; k < n; k++) {
        const char *c = candidates[k];
        size_t nc, d, stack_row[ROW_STACK], *row = stack_row;

        if (c == NULL)
            continue;
        nc = strlen(c);
        /* The distance is at least the difference in length. */
        if ((nc > nw ? nc - nw : nw - nc) >= best)
            continue;
        if (nc >= ROW_STACK) {
            row = malloc((nc + 1) * sizeof *row);
            if (row == NULL)
                continue;        /* a suggestion is optional: skip, don't fail */
        }
        d = edit_distance(word, nw, c, nc, best - 1, row);
        if (row != stack_row)
            free(row);
        if (d < best) {          /* strict: ties keep the earlier candidate */
            best = d;
            found = c;
        }
    }
    return found;
}
