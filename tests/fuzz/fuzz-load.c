/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: a study file loaded with the repository's data. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <exopk/exopk.h>
#include "exopk-lua.h"

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    char *text = malloc(size ? size : 1);   /* not NUL-terminated on purpose */
    ExopkStudy *study;
    ExopkError err;

    if (!ready) {
        exopk_init();
        /* a 1 s CPU budget, not the CLI's 5 s: the corpus's cpu-* seeds
         * each run to it, and libFuzzer's -timeout (wall time) must stay
         * well above it on a busy machine */
        exopk_lua_set_load_timeout(1.0, &err);
        ready = 1;
    }
    if (text == NULL)
        return 0;
    memcpy(text, data, size);
    study = exopk_lua_load_study_buffer(text, size, "fuzz.lua", EXOPK_SOURCE_DATADIR,
                                        NULL, NULL, &err);
    exopk_study_free(study);
    free(text);
    return 0;
}
