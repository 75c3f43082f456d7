/* SPDX-License-Identifier: GPL-3.0-or-later */
/* exopk: status codes and the caller-owned error record. */
#ifndef EXOPK_ERROR_H
#define EXOPK_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    EXOPK_OK = 0,
    EXOPK_EINVAL = -1,     /* bad input: a study, a unit, a parameter */
    EXOPK_ENOMEM = -2,
    EXOPK_ESOLVER = -3,    /* the integrator failed (message names time and state) */
    EXOPK_ECALLBACK = -4,  /* a user callback failed */
    EXOPK_ECANCELLED = -5, /* a progress callback asked to stop */
    EXOPK_EIO = -6,        /* a file could not be read or written */
} ExopkStatus;

/* Filled only on failure; the caller owns it (usually on the stack). */
typedef struct {
    ExopkStatus code;
    char message[512];
} ExopkError;

/* Sets @err (if not NULL) and returns @code. printf-style message. */
ExopkStatus exopk_error_set(ExopkError *err, ExopkStatus code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A short name for @code ("invalid input", "solver failure", ...). */
const char *exopk_status_name(ExopkStatus code);

/* Call once at start-up, before any thread starts: turns off GSL's
 * aborting error handler. */
void exopk_init(void);

/* For a program (not a library or a plug-in) that runs many simulations:
 * asks glibc's allocator to keep 4 MiB at the top of the heap instead of
 * returning it after every run and faulting it back in on the next (about
 * 60 page faults, 3-4 % of a one-shot exopk_simulate).  Process-wide; the
 * exopk programs call it at start-up.  Does nothing on other C libraries. */
void exopk_tune_heap(void);

#ifdef __cplusplus
}
#endif
#endif
