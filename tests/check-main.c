/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the suite of one test-<module>.c.  Under meson the tests speak TAP
 * (CK_TAP_LOG_FILE_NAME=-): then the exit status is 0 and the "not ok"
 * lines decide. */
#include <stdlib.h>
#include <check.h>

#include "exopk/exopk.h"

Suite *exopk_test_suite(void);

int
main(void)
{
    SRunner *sr;
    int failed;

    exopk_init();
    sr = srunner_create(exopk_test_suite());
    srunner_run_all(sr, CK_ENV);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (getenv("CK_TAP_LOG_FILE_NAME") != NULL)
        return 0;
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
