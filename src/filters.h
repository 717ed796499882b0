/* SPDX-License-Identifier: MIT */
/* Training-data filters in the manner of OpusFilter's and Bicleaner's hard
 * rules, off by default: each `--filter NAME[=VALUE]` drops the units that
 * fail it, counted per filter ("filtered.length") and shown by the review
 * page. `--filter training` turns on the documented default set:
 *
 *   length=1-100/3-300  English 1-100 words, Chinese 3-300 characters, and
 *                       either side under 1,024 characters
 *   ratio=3             the longer side at most 3 times the shorter, in the
 *                       calibrated units (a Chinese character weighs as 1/0.33
 *                       English non-space characters)
 *   identical           source and target not the same text once case,
 *                       spaces and punctuation are set aside
 *   script=0.75         at least 75% of the Chinese side's letters Han (a Latin
 *                       word counts as one letter), of the English side's Latin
 *   digits=0.5          neither side more than half digits, nor numbers only
 *   url                 neither side only a URL or an e-mail address
 *   repeat=5            no word (English) or one-to-four-character run
 *                       (Chinese) repeated 5 times in a row
 *
 * Not in that set: chars=N drops a unit with a side over N characters (a
 * CAT tool's limit: Trados Cloud takes 2,000). `score=X` is --min-score. */
#ifndef TME_FILTERS_H
#define TME_FILTERS_H

#include <stddef.h>

#include "error.h"
#include "unit.h"

typedef enum {
    TME_FILTER_LENGTH,
    TME_FILTER_RATIO,
    TME_FILTER_IDENTICAL,
    TME_FILTER_SCRIPT,
    TME_FILTER_DIGITS,
    TME_FILTER_URL,
    TME_FILTER_REPEAT,
    TME_FILTER_CHARS, /* a CAT tool's limit per side (not in training) */
    TME_FILTER_COUNT
} tme_filter_kind;

typedef struct {
    int on[TME_FILTER_COUNT];
    size_t en_words_min, en_words_max, zh_chars_min, zh_chars_max, side_chars_max;
    double ratio_max, script_min, digits_max;
    size_t repeat_max;
    size_t chars_max;
    double min_score; /* from score=X; negative when not given */
} tme_filters;

/* Every filter off, the defaults in place for when one is turned on. */
void tme_filters_init(tme_filters *filters);

/* Adds "--filter" specs, comma- or space-separated ("training",
 * "length=1-80/3-200,ratio"); a bad name or value is a usage error. */
tme_status tme_filters_parse(tme_filters *filters, const char *spec, tme_error *err);

/* The first filter the unit fails (by its English and Chinese text), or
 * TME_FILTER_COUNT when it passes them all. */
tme_filter_kind tme_filters_check(const tme_filters *filters, const char *english,
                                  const char *chinese);

const char *tme_filter_name(tme_filter_kind kind);

#endif
