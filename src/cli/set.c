/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `--set PATH=VALUE`: the same steps as a study file's params entry
 * (exopk_study_param_kind, exopk_units_parse_as) and then
 * exopk_study_set, as the Lua API's study:set does for a path. */
#include <string.h>

#include "set.h"
#include "text.h"

int
cli_set_check_arg(const char *cmd, const char *arg)
{
    const char *eq = strchr(arg, '=');

    if (eq != NULL && eq != arg && eq[1] != '\0')
        return 0;
    cli_printf(stderr, "exopk %s: --set needs PATH=VALUE (e.g. doxorubicin.cl=\"80 L/h\"), "
                       "got \"%s\" (see exopk %s --help)\n", cmd, arg, cmd);
    return -1;
}

/* "params["PATH"]: message" -> "message": the caller names the path. */
static const char *
strip_params_prefix(const char *msg, const char *path)
{
    size_t n = strlen(path);

    if (strncmp(msg, "params[\"", 8) == 0 && strncmp(msg + 8, path, n) == 0 &&
        strncmp(msg + 8 + n, "\"]: ", 4) == 0)
        return msg + 12 + n;
    return msg;
}

/* One PATH=VALUE; -1 and @err (the message without the path). */
static int
apply_one(ExopkStudy *s, const char *path, const char *text, ExopkError *err)
{
    ExopkUnitKind kind;
    double v;
    size_t n = strlen(text);

    if (exopk_study_param_kind(s, path, &kind, err) != EXOPK_OK)
        return -1;
    if (exopk_units_parse_as(text, kind, &v, err) != EXOPK_OK) {
        /* as the loader says it: the text quoted once */
        if (!(err->message[0] == '"' && strncmp(err->message + 1, text, n) == 0 &&
              err->message[n + 1] == '"')) {
            ExopkError core = *err;
            exopk_error_set(err, core.code, "\"%s\": %s", text, core.message);
        }
        return -1;
    }
    if (s->n_arms == 0)
        return exopk_error_set(err, EXOPK_EINVAL, "the study has no arm"), -1;
    if (exopk_study_set(s, 0, path, v, err) != EXOPK_OK) {
        ExopkError core = *err;
        exopk_error_set(err, core.code, "%s", strip_params_prefix(core.message, path));
        return -1;
    }
    return 0;
}

int
cli_set_apply(ExopkStudy *s, char *const *sets, size_t n, const char *study_path, FILE *msgs)
{
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(sets[i], '=');
        char path[sizeof s->overrides[0].path];
        ExopkError err;

        if ((size_t) (eq - sets[i]) >= sizeof path) {
            cli_printf(msgs, "%s: --set %.*s: path too long\n", study_path,
                       (int) (eq - sets[i]), sets[i]);
            return -1;
        }
        snprintf(path, sizeof path, "%.*s", (int) (eq - sets[i]), sets[i]);
        if (apply_one(s, path, eq + 1, &err) != 0) {
            cli_printf(msgs, "%s: --set %s: %s\n", study_path, path, err.message);
            return -1;
        }
    }
    return 0;
}
