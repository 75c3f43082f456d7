/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the unit parser, as a quantity and as each kind. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <exopk/exopk.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);     /* exact size: ASan sees any over-read */
    ExopkQuantity q;
    ExopkError err;
    double v;

    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (exopk_quantity_parse(text, &q, &err) == EXOPK_OK)
        for (int k = 0; k < EXOPK_KIND_COUNT; k++)
            (void) exopk_quantity_to(&q, (ExopkUnitKind) k, &v, &err);
    for (int k = 0; k < EXOPK_KIND_COUNT; k++)
        (void) exopk_units_parse_as(text, (ExopkUnitKind) k, &v, &err);
    free(text);
    return 0;
}
