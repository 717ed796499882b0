/* SPDX-License-Identifier: MIT */
/* A session's options, checked and turned into the values the engine and
 * the documents use. The option table itself (names, help, defaults) is in
 * settings.c. */
#ifndef TME_SETTINGS_H
#define TME_SETTINGS_H

#include <stddef.h>
#include <time.h>

#include "dedup.h"
#include "document.h"
#include "filters.h"
#include "format.h"
#include "lexicon_source.h"
#include "options.h"

typedef struct {
    tme_document_settings document;
    const char *source_lang, *target_lang;
    const tme_input_format *input_format; /* NULL: probe each input */
    int units_only; /* --input-format units: probe among the readers of units */
    int gzip_level;
    size_t jobs;
    int dedup;
    tme_dedup_key dedup_key;
    const char *include;       /* NULL: every file */
    const char *per_input_dir; /* NULL: one export per -o */
    int sentences;             /* parallel pairs of sentence files (align --sentences) */
    int keep_going;
    size_t split_size, split_units; /* 0: outputs are not split */
    size_t shard, shards;           /* read input files at positions shard mod shards */
    tme_filters filters;
    time_t creation_time;
    tme_lexicon_source lexicon; /* document.lexicon points here */
    double review_below;        /* 0: no review output */
    const char *review_output;  /* its [FORMAT:]PATH */
} tme_settings;

/* Reads every option from values (which must outlive the settings) and
 * checks what only the whole set can show (exactly one Chinese language). */
tme_status tme_settings_resolve(tme_settings *settings, const tme_option_values *values,
                                tme_error *err);

/* Frees what resolving took (also for settings never resolved: zeroed). */
void tme_settings_free(tme_settings *settings);

#endif
