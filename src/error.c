/* SPDX-License-Identifier: MIT */
#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

tme_status tme_error_set(tme_error *err, tme_status status, const char *fmt, ...)
{
    if (err == NULL || err->status != TME_OK)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

tme_status tme_error_nomem(tme_error *err)
{
    return tme_error_set(err, TME_ERR_NOMEM, "out of memory");
}

tme_status tme_error_errno(tme_error *err, int errnum, const char *fmt, ...)
{
    tme_status status = errnum == EPIPE    ? TME_ERR_PIPE
                        : errnum == ENOMEM ? TME_ERR_NOMEM
                                           : TME_ERR_IO;
    if (err == NULL || err->status != TME_OK)
        return status;
    char what[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return tme_error_set(err, status, "%s: %s", what, strerror(errnum));
}

void tme_error_clear(tme_error *err)
{
    err->status = TME_OK;
    err->message[0] = '\0';
}
