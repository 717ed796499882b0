/* SPDX-License-Identifier: MIT */
/* Pairing each English paragraph with its Chinese translation. */
#ifndef TME_PAIRING_H
#define TME_PAIRING_H

#include <stddef.h>

#include "error.h"
#include "lexicon.h"
#include "paragraph.h"
#include "text_features.h"

typedef struct {
    size_t en; /* index into the paragraphs */
    size_t zh;
    double score; /* confidence in [0,1] */
} tme_paragraph_pair;

typedef enum {
    TME_UNPAIRED_NO_COUNTERPART, /* English or Chinese with no translation found */
    TME_UNPAIRED_NAVIGATION,     /* menus, share widgets, breadcrumbs */
    TME_UNPAIRED_OTHER_SCRIPT,   /* neither English nor Chinese: dates, numbers, symbols */
    TME_UNPAIRED_REASONS
} tme_unpaired_reason;

typedef struct {
    tme_paragraph_pair *pairs; /* in document order */
    size_t count;
    size_t unpaired[TME_UNPAIRED_REASONS];
    int chinese_first; /* 1 when translations precede their English */
    /* When asked for: paragraph k's sentences (tme_features_of_sentences),
     * read in the pass that measured it, for the aligner; zeroed for
     * paragraphs of neither language. */
    tme_features *sentences;
    size_t n_paragraphs;
} tme_pairing;

/* A monotone dynamic programme over the English and the Chinese paragraph
 * sequences that may leave any paragraph unpaired. A pair's score combines the
 * length ratio (Chinese ≈ 0.33 × English characters, spaces excluded),
 * anchors both sides share (numbers, Latin words inside the Chinese) and
 * adjacency in the article's dominant order (English-first or
 * Chinese-first, found in a first pass). The search is banded around the
 * diagonal, so time and memory grow linearly with the paragraph count. */
tme_status tme_pair_paragraphs(const tme_paragraphs *paragraphs, const tme_lexicon *lexicon,
                               int keep_sentences, tme_pairing *out, tme_error *err);

void tme_pairing_free(tme_pairing *pairing);

const char *tme_unpaired_reason_name(tme_unpaired_reason reason);

#endif
