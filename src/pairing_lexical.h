/* SPDX-License-Identifier: MIT */
/* The lexical evidence that two paragraphs translate each other, for the
 * paragraph pairing: the sentence aligner's test (align_lexical.h) with
 * each paragraph as one sentence, so that a word's rarity is its rarity
 * among the article's paragraphs. An English paragraph whose words the
 * Chinese next to it never translates ("Thank you for reading." beside
 * "订阅我们的新闻简报") gets strong evidence against, which adjacency alone
 * would not. */
#ifndef TME_PAIRING_LEXICAL_H
#define TME_PAIRING_LEXICAL_H

#include <stddef.h>

#include "align_lexical.h"
#include "text_features.h"

typedef struct {
    tme_features en, zh; /* one sentence a paragraph, in the article's order */
    tme_lexical lexical;
    int ready;
} tme_pairing_lexicon;

/* Adds a paragraph's features (tme_features_of_paragraph, with the
 * lexicon) to its side; paragraphs are numbered in the order they come. */
tme_status tme_pairing_lexicon_add(tme_pairing_lexicon *pl, const tme_features *paragraph,
                                   tme_error *err);

/* Once every paragraph is in. */
tme_status tme_pairing_lexicon_finish(tme_pairing_lexicon *pl, tme_error *err);

/* The evidence (nats, both directions; 0 without a lexicon) that English
 * paragraph en (its number on its side) and Chinese paragraph zh translate
 * each other. */
double tme_pairing_lexical_evidence(const tme_pairing_lexicon *pl, size_t en, size_t zh);

void tme_pairing_lexicon_free(tme_pairing_lexicon *pl);

#endif
