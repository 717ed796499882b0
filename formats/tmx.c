/* Placeholder: the tmx writer is being written. */
#include "format.h"

static tme_status placeholder_begin(tme_writer *w, tme_error *err)
{
    (void)w;
    return tme_error_set(err, TME_ERR_USAGE, "the tmx writer is not available yet");
}

static tme_status placeholder_write(tme_writer *w, const tme_pair *pair, tme_error *err)
{
    (void)w;
    (void)pair;
    (void)err;
    return TME_OK;
}

static tme_status placeholder_end(tme_writer *w, tme_error *err)
{
    (void)w;
    (void)err;
    return TME_OK;
}

const tme_format tme_format_tmx = {
    .name = "tmx",
    .description = "placeholder",
    .begin = placeholder_begin,
    .write = placeholder_write,
    .end = placeholder_end,
};
