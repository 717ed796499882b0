/* SPDX-License-Identifier: MIT */
/* What the library says of itself: its version, the words for its
 * statuses, its formats, options and counters, and the accessors of the
 * public opaque types; the public text tools over the internal modules. */
#include "tmexport.h"

#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "destination.h"
#include "format.h"
#include "normalize.h"
#include "options.h"
#include "presets.h"
#include "segment.h"
#include "unit.h"

const char *tme_version(void)
{
    return TME_VERSION_STRING;
}

int tme_version_number(void)
{
    return TME_VERSION_NUMBER;
}

const char *tme_strerror(tme_status status)
{
    switch (status) {
    case TME_OK:
        return "success";
    case TME_ERR_INPUT:
        return "bad input";
    case TME_ERR_IO:
        return "I/O failure";
    case TME_ERR_USAGE:
        return "bad request";
    case TME_ERR_NOMEM:
        return "out of memory";
    case TME_ERR_PIPE:
        return "the output's reader went away";
    }
    return "unknown status";
}

/* ---- units ---- */

const char *tme_unit_source(const tme_unit *u)
{
    return u->source;
}

const char *tme_unit_target(const tme_unit *u)
{
    return u->target;
}

double tme_unit_score(const tme_unit *u)
{
    return u->score;
}

const char *tme_unit_document(const tme_unit *u)
{
    return u->document;
}

size_t tme_unit_index(const tme_unit *u)
{
    return u->index;
}

/* ---- counters: the i-th counter in use ---- */

static int counter_at(size_t i, tme_counter *out)
{
    for (int c = 0; c < TME_COUNT_MAX; c++) {
        if (tme_counter_name_of((tme_counter)c) == NULL)
            continue;
        if (i-- == 0) {
            *out = (tme_counter)c;
            return 1;
        }
    }
    return 0;
}

const char *tme_counter_name(size_t i)
{
    tme_counter c;
    return counter_at(i, &c) ? tme_counter_name_of(c) : NULL;
}

const char *tme_counter_description(size_t i)
{
    tme_counter c;
    return counter_at(i, &c) ? tme_counter_description_of(c) : NULL;
}

/* ---- formats ---- */

static const tme_output_format *writer_at(size_t i)
{
    for (size_t k = 0; tme_output_formats[k] != NULL; k++)
        if (k == i)
            return tme_output_formats[k];
    return NULL;
}

static const tme_input_format *reader_at(size_t i)
{
    for (size_t k = 0; tme_input_formats[k] != NULL; k++)
        if (k == i)
            return tme_input_formats[k];
    return NULL;
}

const char *tme_writer_name(size_t i)
{
    return writer_at(i) ? writer_at(i)->name : NULL;
}

const char *tme_writer_description(size_t i)
{
    return writer_at(i) ? writer_at(i)->description : NULL;
}

const char *tme_writer_extensions(size_t i)
{
    return writer_at(i) ? writer_at(i)->extensions : NULL;
}

const char *tme_reader_name(size_t i)
{
    return reader_at(i) ? reader_at(i)->name : NULL;
}

const char *tme_reader_description(size_t i)
{
    return reader_at(i) ? reader_at(i)->description : NULL;
}

const char *tme_reader_extensions(size_t i)
{
    return reader_at(i) ? reader_at(i)->extensions : NULL;
}

/* ---- presets ---- */

static const tme_preset *preset_at(size_t i)
{
    for (size_t k = 0; tme_presets[k] != NULL; k++)
        if (k == i)
            return tme_presets[k];
    return NULL;
}

const char *tme_preset_name(size_t i)
{
    return preset_at(i) ? preset_at(i)->name : NULL;
}

const char *tme_preset_description(size_t i)
{
    return preset_at(i) ? preset_at(i)->description : NULL;
}

const char *tme_preset_setting(size_t i, size_t k)
{
    const tme_preset *p = preset_at(i);
    if (p == NULL)
        return NULL;
    for (size_t j = 0; p->settings[j] != NULL; j++)
        if (j == k)
            return p->settings[j];
    return NULL;
}

/* ---- options ---- */

const char *tme_option_name(size_t i)
{
    const tme_option_def *d = tme_options_at(i);
    return d ? d->name : NULL;
}

const char *tme_option_group(size_t i)
{
    const tme_option_def *d = tme_options_at(i);
    return d ? d->group : NULL;
}

const char *tme_option_argument(size_t i)
{
    const tme_option_def *d = tme_options_at(i);
    if (d == NULL || d->kind == TME_OPTION_FLAG)
        return NULL;
    return d->choices != NULL ? d->choices : d->argument ? d->argument : "VALUE";
}

const char *tme_option_help(size_t i)
{
    const tme_option_def *d = tme_options_at(i);
    return d ? d->help : NULL;
}

const char *tme_option_default(size_t i)
{
    const tme_option_def *d = tme_options_at(i);
    return d ? d->default_value : NULL;
}

int tme_option_value_optional(size_t i)
{
    const tme_option_def *d = tme_options_at(i);
    return d != NULL && d->kind == TME_OPTION_OPTIONAL;
}

/* ---- text tools ---- */

tme_status tme_segment_text(const char *text, size_t len, tme_lang lang, tme_span **spans,
                            size_t *count)
{
    if (tme_segment(text, len, lang == TME_LANG_ZH ? TME_SEG_ZH : TME_SEG_EN, spans, count) != 0)
        return TME_ERR_NOMEM;
    return TME_OK;
}

_Static_assert(TME_NORMALIZE_KINDS == TME_NORM_KIND_MAX, "normalizer kinds");

const char *tme_normalize_kind_name(size_t kind)
{
    return tme_norm_kind_name(kind);
}

tme_status tme_normalize_text(const char *text, size_t len, tme_lang lang, unsigned flags,
                              char **out, size_t *counts)
{
    tme_norm_options options = {
        .ascii_quotes = (flags & TME_NORMALIZE_ASCII_QUOTES) != 0,
        .cjk_space = (flags & TME_NORMALIZE_CJK_SPACE_REMOVE) ? TME_CJK_SPACE_REMOVE
                     : (flags & TME_NORMALIZE_CJK_SPACE_ADD)  ? TME_CJK_SPACE_ADD
                                                              : TME_CJK_SPACE_KEEP,
    };
    tme_norm_stats stats;
    memset(&stats, 0, sizeof stats);
    *out =
        tme_normalize(text, len, lang == TME_LANG_ZH ? TME_NORM_ZH : TME_NORM_EN, &options, &stats);
    if (*out == NULL)
        return TME_ERR_NOMEM;
    for (size_t k = 0; counts != NULL && k < TME_NORMALIZE_KINDS; k++)
        counts[k] += stats.counts[k];
    return TME_OK;
}

void tme_remove_temporaries(void)
{
    tme_destination_unlink_all_temporaries();
}
