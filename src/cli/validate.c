/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The validation table: model values against published ranges.  Each
 * anchor names a study in data/validation/, how to read the value from its
 * results, and the range with its source (data/ and docs/references.md). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exopk-lua.h"
#include "exopk/exopk.h"
#include "validate.h"

typedef enum {
    READ_METRIC,           /* a metric of arm a */
    READ_SERIES_AT,        /* a series of arm a at time `at` */
    READ_METRIC_RATIO      /* metric of arm a over the same metric of arm b */
} ReadKind;

typedef struct {
    const char *anchor;
    const char *study;     /* file in data/validation/ */
    ReadKind kind;
    const char *what;      /* metric or series name */
    const char *arm_a, *arm_b;
    double at;             /* h, for READ_SERIES_AT */
    double scale;          /* model value x scale = reported value */
    const char *unit;
    double lo, hi;
    const char *source;
} Anchor;

static const Anchor ANCHORS[] = {
    { "vesicle plasma t1/2 alpha", "healthy_mouse_pk.lua", READ_METRIC,
      "plasma_particles_t_half_alpha", "exodox", NULL, 0, 60, "min", 2, 30,
      "Matsumoto 2020 (7 min); Takahashi 2013 (2 min)" },
    { "MPS %ID at 4 h", "healthy_mouse_pk.lua", READ_SERIES_AT, "mps_particles_pct_id", "exodox",
      NULL, 4, 1, "%ID", 20, 60, "Morishita 2015: liver 28 %ID at 4 h + spleen" },
    { "passive tumour delivery", "tumour_delivery.lua", READ_METRIC, "tumour_pct_id_max",
      "exodox", NULL, 0, 1, "%ID", 0.35, 3, "Wilhelm 2016 (median 0.7 %ID); Cheng 2020" },
    { "heart AUC exoDOX / free DOX", "heart_ratio.lua", READ_METRIC_RATIO,
      "doxorubicin.heart_auc", "exodox", "free_dox", 0, 1, "ratio", 0.4, 0.95,
      "Toffoli 2015 (about 0.6)" },
    { "human DOX terminal t1/2", "human_dox.lua", READ_METRIC, "doxorubicin.plasma_t_half_terminal",
      "free_dox", NULL, 0, 1, "h", 20, 48, "doxorubicin label (20-48 h)" },
    { "siRNA knockdown duration", "sirna_knockdown.lua", READ_METRIC,
      "sirna_abcb1.knockdown_duration", "exo_sirna", NULL, 0, 1.0 / 24, "d", 5, 14,
      "Bartlett & Davis 2006 (about 10 d in s.c. tumours; 5-14 d)" },
    { "anti-miR onset", "antimir_derepression.lua", READ_METRIC,
      "antimir_222.mirna_suppression_onset", "exo_antimir", NULL, 0, 1, "h", 0, 48,
      "Elmen 2008 (de-repressed at 24 h, the first time point)" },
    { "anti-miR duration", "antimir_derepression.lua", READ_METRIC,
      "antimir_222.mirna_suppression_duration", "exo_antimir", NULL, 0, 1.0 / 24, "d", 14, 28,
      "Elmen 2008; Krutzfeldt 2005 (about 3 weeks)" },
    { "liver %ID at 4 h", "organs_mouse.lua", READ_SERIES_AT, "liver_particles_pct_id",
      "exodox", NULL, 4, 1, "%ID", 19.6, 36.4,
      "Morishita 2015 (28 %ID; share from the same paper)" },
    { "lungs %ID at 4 h", "organs_mouse.lua", READ_SERIES_AT, "lungs_particles_pct_id",
      "exodox", NULL, 4, 1, "%ID", 4.9, 9.1,
      "Morishita 2015 (7 %ID; share from the same paper)" },
    { "spleen %ID at 4 h", "organs_mouse.lua", READ_SERIES_AT, "spleen_particles_pct_id",
      "exodox", NULL, 4, 1, "%ID", 1.12, 2.08,
      "Morishita 2015 (1.6 %ID; share from the same paper)" },
};

static const ExopkResult *
find_arm(ExopkResult **results, const ExopkStudy *s, const char *arm)
{
    for (size_t a = 0; a < s->n_arms; a++)
        if (strcmp(s->arms[a].name, arm) == 0)
            return results[a];
    return NULL;
}

static int
read_value(const Anchor *an, const ExopkStudy *s, ExopkResult **results, double *value)
{
    const ExopkResult *ra = find_arm(results, s, an->arm_a);
    double a, b;

    if (ra == NULL)
        return -1;
    switch (an->kind) {
    case READ_METRIC:
        if (exopk_result_metric(ra, an->what, &a) != 0)
            return -1;
        *value = a;
        return 0;
    case READ_SERIES_AT: {
        long j = exopk_result_find_series(ra, an->what);
        const double *t = exopk_result_times(ra);
        if (j < 0)
            return -1;
        for (size_t i = 0; i < exopk_result_n_times(ra); i++)
            if (fabs(t[i] - an->at) < 1e-9) {
                *value = exopk_result_series(ra, (size_t) j)[i];
                return 0;
            }
        return -1;
    }
    case READ_METRIC_RATIO: {
        const ExopkResult *rb = find_arm(results, s, an->arm_b);
        if (rb == NULL || exopk_result_metric(ra, an->what, &a) != 0 ||
            exopk_result_metric(rb, an->what, &b) != 0 || b == 0)
            return -1;
        *value = a / b;
        return 0;
    }
    }
    return -1;
}

int
exopk_cli_validate(const char *data_dir, int argc, char **argv)
{
    int failed = 0;
    size_t n = sizeof ANCHORS / sizeof *ANCHORS;

    (void) argv;
    if (argc != 0) {
        fprintf(stderr, "usage: exopk validate\n");
        return 2;
    }
    printf("%-30s %-22s %-36s %-16s %12s  %s\n", "anchor", "study", "metric", "published",
           "model", "result");
    for (size_t i = 0; i < n; i++) {
        const Anchor *an = &ANCHORS[i];
        char path[4096], range[64];
        ExopkError err;
        ExopkStudy *s;
        ExopkResult *results[16] = { NULL };
        double value = NAN;
        int ok = 0;

        snprintf(path, sizeof path, "%s/validation/%s", data_dir, an->study);
        snprintf(range, sizeof range, "%g-%g %s", an->lo, an->hi, an->unit);
        s = exopk_lua_load_study(path, data_dir, NULL, NULL, &err);
        if (s == NULL) {
            printf("%-30s %-22s %-36s %-16s %12s  FAIL (%s)\n", an->anchor, an->study, an->what,
                   range, "-", err.message);
            failed = 1;
            continue;
        }
        for (size_t a = 0; a < s->n_arms && a < 16; a++) {
            results[a] = exopk_simulate(s, a, NULL, &err);
            if (results[a] == NULL) {
                printf("%-30s %-22s FAIL: arm %s: %s\n", an->anchor, an->study, s->arms[a].name,
                       err.message);
                break;
            }
        }
        if (read_value(an, s, results, &value) == 0) {
            value *= an->scale;
            ok = value >= an->lo && value <= an->hi;
        }
        printf("%-30s %-22s %-36s %-16s %12.4g  %s  [%s]\n", an->anchor, an->study, an->what,
               range, value, ok ? "pass" : "FAIL", an->source);
        failed |= !ok;
        for (size_t a = 0; a < 16; a++)
            exopk_result_free(results[a]);
        exopk_study_free(s);
    }
    printf("%zu anchors, %s\n", n, failed ? "SOME FAILED" : "all pass");
    return failed ? 1 : 0;
}
