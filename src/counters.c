/* SPDX-License-Identifier: MIT */
#include "counters.h"

#include "filters.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    const char *description;
} fixed[TME_COUNT_FILTERED] = {
    [TME_COUNT_DOCUMENTS] = {"documents", "documents read"},
    [TME_COUNT_DOCUMENTS_SKIPPED] = {"documents.skipped",
                                     "inputs that failed and were skipped (keep-going)"},
    [TME_COUNT_GB18030_GUESSED] = {"documents.gb18030-guessed",
                                   "documents decoded as GB18030 by content"},
    [TME_COUNT_UTF16_GUESSED] = {"documents.utf16-guessed",
                                 "documents decoded as UTF-16 without a byte-order mark"},
    [TME_COUNT_ENCODING_UTF8] = {"encoding.utf-8", "documents in UTF-8"},
    [TME_COUNT_ENCODING_UTF16] = {"encoding.utf-16", "documents in UTF-16"},
    [TME_COUNT_ENCODING_GB18030] = {"encoding.gb18030", "documents in GB18030 (GBK, GB2312)"},
    [TME_COUNT_ENCODING_BIG5] = {"encoding.big5", "documents in Big5 or Big5-HKSCS"},
    [TME_COUNT_ENCODING_OTHER] = {"encoding.other", "documents in another named encoding"},
    [TME_COUNT_ENCODING_DETECTED] = {"encoding.detected",
                                     "documents whose encoding was told by evidence"},
    [TME_COUNT_SCRIPT_SIMPLIFIED] = {"script.simplified",
                                     "documents whose Chinese is Simplified (by character)"},
    [TME_COUNT_SCRIPT_TRADITIONAL] = {"script.traditional",
                                      "documents whose Chinese is Traditional (by character)"},
    [TME_COUNT_SCRIPT_MIXED] = {"script.mixed", "documents mixing Simplified and Traditional"},
    [TME_COUNT_LAYOUT_BLOCKS] = {"layout.blocks",
                                 "text documents read as blocks of lines (wrapped paragraphs)"},
    [TME_COUNT_LAYOUT_LINES] = {"layout.lines", "text documents read as one paragraph a line"},
    [TME_COUNT_PARAGRAPHS] = {"paragraphs", "paragraphs read"},
    [TME_COUNT_ENGLISH] = {"paragraphs.english", "English paragraphs"},
    [TME_COUNT_CHINESE] = {"paragraphs.chinese", "Chinese paragraphs"},
    [TME_COUNT_OTHER] = {"paragraphs.other", "paragraphs neither English nor Chinese"},
    [TME_COUNT_PARAGRAPHS_SPLIT] = {"paragraphs.split",
                                    "paragraphs made by cutting English and Chinese apart"},
    [TME_COUNT_PARAGRAPH_PAIRS] = {"paragraph-pairs", "paragraph pairs found"},
    [TME_COUNT_UNPAIRED_NO_COUNTERPART] = {"unpaired.no-translation",
                                           "paragraphs with no translation found"},
    [TME_COUNT_UNPAIRED_NAVIGATION] = {"unpaired.navigation",
                                       "unpaired paragraphs that are menus, widgets, breadcrumbs"},
    [TME_COUNT_UNPAIRED_OTHER_SCRIPT] = {"unpaired.other-script",
                                         "paragraphs neither English nor Chinese, never paired"},
    [TME_COUNT_UNITS] = {"units", "units extracted (before dedup)"},
    [TME_COUNT_UNALIGNED_SENTENCES] = {"dropped.unaligned-sentences",
                                       "sentences in 1-0 or 0-1 beads, never written"},
    [TME_COUNT_BELOW_MIN_SCORE] = {"dropped.below-min-score", "units scoring below min-score"},
    [TME_COUNT_EMPTY_SIDE] = {"dropped.empty-side", "units with a side empty once cleaned"},
    [TME_COUNT_DUPLICATES] = {"dropped.duplicates", "units dropped by dedup"},
    [TME_COUNT_UNITS_WRITTEN] = {"units.written", "units handed to the writers"},
    [TME_COUNT_UNITS_TO_REVIEW] = {"units.to-review",
                                   "of those, units below review-below, sent to the review output"},
    [TME_COUNT_XML_ILLEGAL_REMOVED] = {"xml-illegal-removed",
                                       "characters XML 1.0 forbids, removed"},
    [TME_COUNT_SKIPPED_ONE_LANGUAGE] = {"units.skipped-one-language",
                                        "units read without both languages of the export (a TMX "
                                        "<tu> with one <tuv>, a file of another language pair)"},
    [TME_COUNT_SKIPPED_NO_TARGET] = {"units.skipped-no-target",
                                     "XLIFF units read without a <target>"},
    [TME_COUNT_INLINE_CODES] = {"inline-codes",
                                "inline elements (tags) flattened into the text of units read"},
};

static char filtered_names[TME_FILTERS][40];
static char filtered_descriptions[TME_FILTERS][64];
static char normalized_names[TME_NORM_KIND_MAX][64];
static char normalized_descriptions[TME_NORM_KIND_MAX][96];
static pthread_once_t names_made = PTHREAD_ONCE_INIT;

static void make_normalized_names(void)
{
    for (size_t k = 0; k < TME_FILTER_COUNT; k++) {
        snprintf(filtered_names[k], sizeof filtered_names[k], "filtered.%s",
                 tme_filter_name((tme_filter_kind)k));
        snprintf(filtered_descriptions[k], sizeof filtered_descriptions[k],
                 "units dropped by the %s filter", tme_filter_name((tme_filter_kind)k));
    }
    for (size_t k = 0; k < TME_NORM_KIND_MAX && tme_norm_kind_name(k) != NULL; k++) {
        snprintf(normalized_names[k], sizeof normalized_names[k], "normalized.%s",
                 tme_norm_kind_name(k));
        snprintf(normalized_descriptions[k], sizeof normalized_descriptions[k],
                 "normalizer changes of kind %s", tme_norm_kind_name(k));
    }
}

const char *tme_counter_name_of(tme_counter c)
{
    if (c < TME_COUNT_FILTERED)
        return fixed[c].name;
    if (c >= TME_COUNT_MAX)
        return NULL;
    pthread_once(&names_made, make_normalized_names);
    if (c < TME_COUNT_NORMALIZED) {
        const char *name = filtered_names[c - TME_COUNT_FILTERED];
        return name[0] != '\0' ? name : NULL;
    }
    const char *name = normalized_names[c - TME_COUNT_NORMALIZED];
    return name[0] != '\0' ? name : NULL;
}

const char *tme_counter_description_of(tme_counter c)
{
    if (c < TME_COUNT_FILTERED)
        return fixed[c].description;
    if (tme_counter_name_of(c) == NULL)
        return NULL;
    if (c < TME_COUNT_NORMALIZED)
        return filtered_descriptions[c - TME_COUNT_FILTERED];
    return normalized_descriptions[c - TME_COUNT_NORMALIZED];
}

tme_counter tme_counter_by_name(const char *name)
{
    for (int c = 0; c < TME_COUNT_MAX; c++) {
        const char *n = tme_counter_name_of((tme_counter)c);
        if (n != NULL && strcmp(n, name) == 0)
            return (tme_counter)c;
    }
    return TME_COUNT_MAX;
}

void tme_counters_add(tme_counters *a, const tme_counters *b)
{
    for (size_t c = 0; c < TME_COUNT_MAX; c++)
        a->n[c] += b->n[c];
}

void tme_counters_add_normalized(tme_counters *counters, const tme_norm_stats *stats)
{
    for (size_t k = 0; k < TME_NORM_KIND_MAX; k++)
        counters->n[TME_COUNT_NORMALIZED + k] += stats->counts[k];
}

_Static_assert(TME_FILTER_COUNT <= TME_FILTERS, "counters: too few filter slots");
