/* TSV for MT training data: "source<TAB>target\n", UTF-8, no header. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

/* A tab, line break or other control character inside a field would break the
 * one-pair-per-line contract, so each becomes one space. */
static int is_field_breaking(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

static tme_status write_field(tme_writer *w, const char *field, tme_error *err)
{
    const char *run = field;
    for (const char *p = field;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c != '\0' && !is_field_breaking(c))
            continue;
        if (tme_sink_write(w->sink, run, (size_t)(p - run)) != 0 ||
            (c != '\0' && tme_sink_write(w->sink, " ", 1) != 0))
            return tme_sink_error(w->sink, err);
        if (c == '\0')
            return TME_OK;
        run = p + 1;
    }
}

static tme_status tsv_begin(tme_writer *w, tme_error *err)
{
    (void)w;
    (void)err;
    return TME_OK;
}

static tme_status tsv_write(tme_writer *w, const tme_pair *pair, tme_error *err)
{
    if (write_field(w, pair->source, err) != TME_OK || tme_sink_write(w->sink, "\t", 1) != 0 ||
        write_field(w, pair->target, err) != TME_OK || tme_sink_write(w->sink, "\n", 1) != 0)
        return tme_sink_error(w->sink, err);
    return TME_OK;
}

static tme_status tsv_end(tme_writer *w, tme_error *err)
{
    (void)w;
    (void)err;
    return TME_OK;
}

const tme_format tme_format_tsv = {
    .name = "tsv",
    .description = "tab-separated source and target, one pair a line (MT training data)",
    .extensions = "tsv",
    .begin = tsv_begin,
    .write = tsv_write,
    .end = tsv_end,
};
