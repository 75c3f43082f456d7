/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the error locator.  Input: PATH '\n' VALUE '\n' SOURCE
 * (PATH and VALUE may be empty; the source is an exact-size buffer, not
 * NUL-terminated, so ASan sees any read past it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lexopk-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next '\n'-terminated field of [*p, end) as a C string (or NULL). */
static char *
field(const uint8_t **p, const uint8_t *end)
{
    const uint8_t *nl = memchr(*p, '\n', (size_t) (end - *p));
    size_t n = nl != NULL ? (size_t) (nl - *p) : 0;
    char *s;

    if (nl == NULL || (s = malloc(n + 1)) == NULL)
        return NULL;
    memcpy(s, *p, n);
    s[n] = '\0';
    *p = nl + 1;
    return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data, *end = data + size;
    char *path = field(&p, end), *value = path != NULL ? field(&p, end) : NULL;
    size_t n = (size_t) (end - p), off;
    char *src = malloc(n ? n : 1);
    LxDoc doc = { "fuzz.lua", src, n };

    if (src != NULL && value != NULL) {
        int line;

        memcpy(src, p, n);
        line = lx_locate(&doc, path, value[0] ? value : NULL, &off);
        if (line < 0 || (line > 0 && off >= n))
            abort();
        if (lx_index_keep(&doc) == 0 && lx_locate(&doc, path, value[0] ? value : NULL, NULL) != line)
            abort();                /* the kept index answers as the one-shot lookup */
        lx_index_drop(&doc);
    }
    free(src);
    free(value);
    free(path);
    return 0;
}
