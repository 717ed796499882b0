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
#include <stdint.h>

#include "align_lexical.h"
#include "text_features.h"

/* The model's masks for every pair of paragraphs, so that a pair's is
 * read off rather than made of a bit test for each of its tests (the
 * pairing asks the evidence of most pairs): en_found, en_words 64-bit
 * words a Chinese paragraph, has bit s set when the paragraph has the
 * lemma of English test slot s; zh_covered, zh_words a English paragraph,
 * bit s when the paragraph covers Chinese slot s. A paragraph's tests'
 * slots are consecutive, so its mask is a run of bits. NULL (the masks
 * then made pair by pair) when a table would take more than
 * TME_PAIRING_MASK_WORDS_MAX words. */
typedef struct {
    uint64_t *en_found;
    size_t en_words;
    uint64_t *zh_covered;
    size_t zh_words;
} tme_pairing_masks;
#define TME_PAIRING_MASK_WORDS_MAX ((size_t)1 << 21)

typedef struct {
    tme_features en, zh; /* one sentence a paragraph, in the article's order */
    tme_lexical lexical;
    tme_pairing_masks masks; /* in lexical's arena */
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

/* The model's masks of the pair (ready only), as tme_lexical_en_mask(
 * &pl->lexical, en, zh) and tme_lexical_zh_mask(&pl->lexical, zh, en),
 * read off the tables. */
void tme_pairing_lexical_masks(const tme_pairing_lexicon *pl, size_t en, size_t zh,
                               uint64_t *en_mask, uint64_t *zh_mask);

void tme_pairing_lexicon_free(tme_pairing_lexicon *pl);

#endif
