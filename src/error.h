/* SPDX-License-Identifier: MIT */
/* Error reporting for the tmexport library: every fallible call fills a
 * tme_error and returns its status, so the caller (the CLI) decides what to
 * print and which exit code to use. The library never prints or exits. */
#ifndef TME_ERROR_H
#define TME_ERROR_H

#include "tmexport.h" /* tme_status */

typedef struct {
    tme_status status;
    char message[1024];
} tme_error;

/* Records the first error only: later failures are usually consequences. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
tme_status
tme_error_set(tme_error *err, tme_status status, const char *fmt, ...);

tme_status tme_error_nomem(tme_error *err);

/* A failed system call: the message followed by ": strerror(errnum)", with
 * the status the cause deserves: TME_ERR_PIPE for EPIPE (the reader went
 * away), TME_ERR_NOMEM for ENOMEM, TME_ERR_IO otherwise. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
tme_status
tme_error_errno(tme_error *err, int errnum, const char *fmt, ...);

void tme_error_clear(tme_error *err);

#endif
