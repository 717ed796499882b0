/* SPDX-License-Identifier: MIT */
/* TSV for MT training data: "source<TAB>target\n", UTF-8, no header;
 * --tsv-fields adds the document name or the score as columns. */
#include "format.h"
#include "text_output.h"
#include "tsv_fields.h"

#include <stdlib.h>
#include <string.h>

typedef tme_tsv_fields tsv_state;

static tme_status validate_fields(const char *fields, tme_error *err)
{
    return tme_tsv_fields_check("tsv-fields", fields, err);
}

static const tme_option_def tsv_options[] = {
    {.name = "tsv-fields",
     .group = "tsv",
     .kind = TME_OPTION_VALUE,
     .argument = "LIST",
     .help = "TSV columns, comma-separated from source, target, document, score",
     .default_value = "source,target",
     .validate = validate_fields},
    {.name = NULL},
};

static int write_field(tme_writer *w, int f, const tme_unit *unit)
{
    switch (f) {
    case TME_TSV_SOURCE:
        return tme_write_line_text(w->sink, unit->source);
    case TME_TSV_TARGET:
        return tme_write_line_text(w->sink, unit->target);
    case TME_TSV_DOCUMENT:
        return tme_write_line_text(w->sink, unit->document);
    case TME_TSV_SCORE: {
        char score[TME_SCORE_SIZE];
        tme_format_score(unit->score, score);
        return tme_sink_write(w->sink, score, strlen(score));
    }
    }
    return -1;
}

static tme_status tsv_begin(tme_writer *w, tme_error *err)
{
    tsv_state *state = w->priv;
    const char *spec = tme_writer_option(w, "tsv-fields");
    if (tme_tsv_fields_parse(spec, state) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "unknown TSV fields '%s'", spec);
    return TME_OK;
}

static tme_status tsv_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    const tsv_state *state = w->priv;
    for (size_t k = 0; k < state->count; k++)
        if ((k > 0 && tme_sink_write(w->sink, "\t", 1) != 0) ||
            write_field(w, state->fields[k], unit) != 0)
            return tme_sink_error(w->sink, err);
    if (tme_sink_write(w->sink, "\n", 1) != 0)
        return tme_sink_error(w->sink, err);
    return TME_OK;
}

static tme_status tsv_end(tme_writer *w, tme_error *err)
{
    (void)w;
    (void)err;
    return TME_OK;
}

const tme_output_format tme_output_tsv = {
    .name = "tsv",
    .description = "tab-separated source and target, one pair a line (MT training data)",
    .extensions = "tsv",
    .options = tsv_options,
    .priv_size = sizeof(tsv_state),
    .begin = tsv_begin,
    .write = tsv_write,
    .end = tsv_end,
};
