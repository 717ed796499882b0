/* SPDX-License-Identifier: MIT */
/* What a run counts, by name: documents, paragraphs, pairs, what was dropped
 * and why, what the normalizer changed. Readers and the engine add to
 * counters by number; users read them by name (tme_session_count()), and
 * --stats prints them. */
#ifndef TME_COUNTERS_H
#define TME_COUNTERS_H

#include <stddef.h>

#include "normalize.h"

/* Slots for the training filters (filters.h has their kinds and names). */
#define TME_FILTERS 8

typedef enum {
    TME_COUNT_DOCUMENTS,
    TME_COUNT_DOCUMENTS_SKIPPED,
    TME_COUNT_GB18030_GUESSED,
    TME_COUNT_UTF16_GUESSED,
    TME_COUNT_ENCODING_UTF8,
    TME_COUNT_ENCODING_UTF16,
    TME_COUNT_ENCODING_GB18030,
    TME_COUNT_ENCODING_BIG5,
    TME_COUNT_ENCODING_OTHER,
    TME_COUNT_ENCODING_DETECTED,
    TME_COUNT_SCRIPT_SIMPLIFIED,
    TME_COUNT_SCRIPT_TRADITIONAL,
    TME_COUNT_SCRIPT_MIXED,
    TME_COUNT_LAYOUT_BLOCKS,
    TME_COUNT_LAYOUT_LINES,
    TME_COUNT_PARAGRAPHS,
    TME_COUNT_ENGLISH,
    TME_COUNT_CHINESE,
    TME_COUNT_OTHER,
    TME_COUNT_PARAGRAPHS_SPLIT,
    TME_COUNT_PARAGRAPH_PAIRS,
    TME_COUNT_UNPAIRED_NO_COUNTERPART,
    TME_COUNT_UNPAIRED_NAVIGATION,
    TME_COUNT_UNPAIRED_OTHER_SCRIPT,
    TME_COUNT_UNITS,
    TME_COUNT_UNALIGNED_SENTENCES,
    TME_COUNT_BELOW_MIN_SCORE,
    TME_COUNT_EMPTY_SIDE,
    TME_COUNT_DUPLICATES,
    TME_COUNT_UNITS_WRITTEN,
    TME_COUNT_UNITS_TO_REVIEW,
    TME_COUNT_XML_ILLEGAL_REMOVED,
    TME_COUNT_SKIPPED_ONE_LANGUAGE, /* units read back (TMX, XLIFF, TSV) that were not exported */
    TME_COUNT_SKIPPED_NO_TARGET,
    TME_COUNT_INLINE_CODES,
    TME_COUNT_FILTERED, /* first of TME_FILTERS: filter k is TME_COUNT_FILTERED + k */
    TME_COUNT_NORMALIZED = TME_COUNT_FILTERED + TME_FILTERS,
    /* kind k of the normalizer is TME_COUNT_NORMALIZED + k */
    TME_COUNT_MAX = TME_COUNT_NORMALIZED + TME_NORM_KIND_MAX
} tme_counter;

typedef struct {
    size_t n[TME_COUNT_MAX];
} tme_counters;

/* a += b */
void tme_counters_add(tme_counters *a, const tme_counters *b);

/* Adds a normalizer's counts. */
void tme_counters_add_normalized(tme_counters *counters, const tme_norm_stats *stats);

/* Name and description of counter c ("units", ...), NULL for a slot no
 * counter uses (normalizer kinds past the last). */
const char *tme_counter_name_of(tme_counter c);
const char *tme_counter_description_of(tme_counter c);

/* The counter called name, or TME_COUNT_MAX. */
tme_counter tme_counter_by_name(const char *name);

#endif
