/* SPDX-License-Identifier: MIT */
/* TSV for MT training data: "source<TAB>target\n", UTF-8, no header;
 * --tsv-fields adds the document name or the score as columns. */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { FIELD_SOURCE, FIELD_TARGET, FIELD_DOCUMENT, FIELD_SCORE } field;

#define MAX_FIELDS 8

typedef struct {
    field fields[MAX_FIELDS];
    size_t count;
} tsv_state;

static const char *const field_names[] = {"source", "target", "document", "score"};

/* Parses "source,target,score" into fields; -1 on an unknown name. */
static int parse_fields(const char *spec, tsv_state *state)
{
    state->count = 0;
    const char *p = spec;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        size_t k = 0;
        while (k < 4 && !(strlen(field_names[k]) == len && strncmp(p, field_names[k], len) == 0))
            k++;
        if (k == 4 || state->count == MAX_FIELDS)
            return -1;
        state->fields[state->count++] = (field)k;
        p += len;
        if (*p == ',' && *++p == '\0')
            return -1;
    }
    return state->count > 0 ? 0 : -1;
}

static tme_status validate_fields(const char *fields, tme_error *err)
{
    tsv_state state;
    if (parse_fields(fields, &state) != 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--tsv-fields wants a comma-separated list of source, target, "
                             "document, score; not '%s'",
                             fields);
    return TME_OK;
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

static int write_field(tme_writer *w, field f, const tme_unit *unit)
{
    switch (f) {
    case FIELD_SOURCE:
        return write_text(w, unit->source);
    case FIELD_TARGET:
        return write_text(w, unit->target);
    case FIELD_DOCUMENT:
        return write_text(w, unit->document);
    case FIELD_SCORE: {
        /* Integer arithmetic: no locale can turn the point into a comma. */
        char score[16];
        long thousandths = (long)(unit->score * 10000 + 0.5);
        int n =
            snprintf(score, sizeof score, "%ld.%04ld", thousandths / 10000, thousandths % 10000);
        return tme_sink_write(w->sink, score, (size_t)n);
    }
    }
    return -1;
}

static tme_status tsv_begin(tme_writer *w, tme_error *err)
{
    tsv_state *state = w->priv;
    const char *spec = tme_writer_option(w, "tsv-fields");
    if (parse_fields(spec, state) != 0)
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
