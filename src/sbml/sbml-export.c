/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk_sbml_export: the engine's layout and effective constants of one
 * arm (model_init), the module builders, the libsbml writer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exopk-sbml.h"
#include "sbml-ir.h"

char *
exopk_sbml_export(const ExopkStudy *study, size_t arm, ExopkError *err)
{
    Model m;
    SbmlModel x;
    char *text = NULL;

    if (arm >= study->n_arms) {
        exopk_error_set(err, EXOPK_EINVAL, "no arm %zu (the study has %zu)", arm, study->n_arms);
        return NULL;
    }
    if (model_init(&m, study, arm) != 0) {
        exopk_error_set(err, EXOPK_ENOMEM, "out of memory");
        return NULL;
    }
    if (sbml_build(&x, study, arm, &m, err) == 0)
        text = sbml_write(&x, err);
    if (text == NULL && err != NULL && err->code == EXOPK_ENOMEM)
        exopk_error_set(err, EXOPK_ENOMEM, "arm %s: out of memory", study->arms[arm].name);
    sbml_model_free(&x);
    model_clear(&m);
    return text;
}

ExopkStatus
exopk_sbml_export_file(const ExopkStudy *study, size_t arm, const char *path, ExopkError *err)
{
    char *text = exopk_sbml_export(study, arm, err);
    FILE *fp;
    int ok;

    if (text == NULL)
        return err != NULL ? err->code : EXOPK_EINVAL;
    fp = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (fp == NULL) {
        free(text);
        return exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", path, strerror(errno));
    }
    ok = fputs(text, fp) >= 0;
    ok &= fp == stdout ? fflush(fp) == 0 : fclose(fp) == 0;
    free(text);
    if (!ok)
        return exopk_error_set(err, EXOPK_EIO, "%s: cannot write: %s", path, strerror(errno));
    return EXOPK_OK;
}
