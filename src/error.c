#include "error.h"

#include <stdarg.h>
#include <stdio.h>

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

void tme_error_clear(tme_error *err)
{
    err->status = TME_OK;
    err->message[0] = '\0';
}
