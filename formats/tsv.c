/* SPDX-License-Identifier: MIT */
/* TSV for MT training data: "source<TAB>target\n", UTF-8, no header;
 * --tsv-fields adds the document name or the score as columns. */
#include "format.h"
#include "tsv_fields.h"
#include "unit_props.h"

#include <stdio.h>
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

/* A tab, line break or other control character inside a field would break the
 * one-pair-per-line contract, so each becomes one space. */
static int is_field_breaking(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

static int write_text(tme_writer *w, const char *text)
{
    const char *run = text;
    for (const char *p = text;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c != '\0' && !is_field_breaking(c))
            continue;
        if (tme_sink_write(w->sink, run, (size_t)(p - run)) != 0 ||
            (c != '\0' && tme_sink_write(w->sink, " ", 1) != 0))
            return -1;
        if (c == '\0')
            return 0;
        run = p + 1;
    }
}

static int write_field(tme_writer *w, tme_tsv_field f, const tme_unit *unit)
{
    switch (f) {
    case TME_TSV_SOURCE:
        return write_text(w, unit->source);
    case TME_TSV_TARGET:
        return write_text(w, unit->target);
    case TME_TSV_DOCUMENT:
        return write_text(w, unit->document);
    case TME_TSV_SCORE: {
        char score[16];
        tme_score_format(unit->score, score);
        return tme_sink_write(w->sink, score, strlen(score));
    }
    case TME_TSV_FIELD_KINDS:
        break;
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
