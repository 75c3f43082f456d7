/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdarg.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "exopk/error.h"

ExopkStatus
exopk_error_set(ExopkError *err, ExopkStatus code, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

const char *
exopk_status_name(ExopkStatus code)
{
    switch (code) {
    case EXOPK_OK: return "success";
    case EXOPK_EINVAL: return "invalid input";
    case EXOPK_ENOMEM: return "out of memory";
    case EXOPK_ESOLVER: return "solver failure";
    case EXOPK_ECALLBACK: return "callback failure";
    case EXOPK_ECANCELLED: return "cancelled";
    case EXOPK_EIO: return "input/output error";
    }
    return "unknown status";
}

void
exopk_init(void)
{
    /* GSL's default handler aborts the process; we check return codes. */
    gsl_set_error_handler_off();
}

void
exopk_tune_heap(void)
{
#if defined(__GLIBC__) && defined(M_TOP_PAD)
    mallopt(M_TOP_PAD, 4 << 20);
#endif
}
