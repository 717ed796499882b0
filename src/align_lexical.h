/* SPDX-License-Identifier: MIT */
/* The lexical evidence of a bead: how much more likely its words are to be
 * found translated on the other side if its two sides translate each other
 * than if they do not, tested both ways.
 *
 * English to Chinese: each lemma of an English sentence (text_features.h:
 * the lexicon's ids) is a test, found translated in the bead's Chinese or
 * not. Found, it is evidence ln(p1 / p0); not found, ln((1 - p1) / (1 -
 * p0)), where p1 is how often a translation has it (0.75 for a lemma with
 * many translations down to 0.35 for a rare one: on the gold units of the
 * samples and the shared corpus true pairs find 71% of the lemmas) and p0
 * how often a sentence that is no translation has it anyway. p0 is read off
 * the paragraph itself, as Champollion weighs words by how rare they are in
 * the text: the share of the other Chinese sentences that hold the lemma,
 * smoothed towards a prior that falls with the lemma's weight (lexicon.h:
 * one with few translations is found by chance far less often; 22% for the
 * commonest, measured on shifted pairs). A lemma the Chinese uses
 * everywhere is then no evidence, one it uses once is strong evidence; and
 * p1 is at most the share of the English sentences with the lemma that the
 * Chinese could translate ("class" kept in English by the translator
 * proves nothing by its absence).
 *
 * Chinese to English: each word of two or more characters of a Chinese
 * sentence (its headwords read by longest match) is a test, covered when
 * one of the lemmas it translates is in the bead's English. True pairs
 * cover 53% of two-character words and 83% of longer ones, shifted pairs
 * 8% and 21%. This is what tells a Chinese sentence that carries part of
 * the next English sentence ("...細節，而學習語言的最好方式就是直接使用它。"
 * for "...detail. Since the best way to learn a language is to use it,
 * ...") from a plain translation: the English-to-Chinese test alone finds
 * the English words in either sentence.
 *
 * Which lemmas of English sentence i occur in Chinese sentence j (and which
 * words of j are covered by i) are bit masks; a bead's evidence ORs the
 * masks of the sentences of its other side. */
#ifndef TME_ALIGN_LEXICAL_H
#define TME_ALIGN_LEXICAL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "text_features.h"

/* Items per sentence that are weighed (the mask's bits). */
#define TME_LEXICAL_MAX_ITEMS 64
/* Sentences of the other side a bead may hold. */
#define TME_LEXICAL_MAX_OTHER 3

/* One direction's tests: for sentence i of the side tested and k
 * (1..weights) sentences of the other side, the evidence when none of its
 * items is found, miss[i * weights + k - 1], and what finding item slot s
 * (first[i] + bit) adds, gain[s * weights + k - 1]. weights is
 * TME_LEXICAL_MAX_OTHER for a model from tme_lexical_init. */
typedef struct {
    size_t weights;
    size_t *first; /* [n_sentences + 1] */
    double *miss;
    double *gain;
    uint32_t *item; /* the item of each slot: a lemma (English) or a word (Chinese) */
} tme_lexical_tests;

/* What the masks read, so that each test is a bit test rather than a
 * search: the text's distinct English lemmas are numbered (their index in
 * the sorted set), each sentence of either side has a bitmap over those
 * numbers (English: the lemmas it holds; Chinese: those some headword in
 * it translates), words 64-bit words a sentence, and each test slot the
 * numbers it looks for (English: its lemma's; Chinese: those of its word's
 * lemmas that the English has, zh_cover[zh_cover_first[s] ..
 * zh_cover_first[s + 1])). */
typedef struct {
    size_t words;
    uint64_t *en_bits, *zh_bits;
    uint32_t *en_item_at;
    size_t *zh_cover_first;
    uint32_t *zh_cover;
    /* The same cover the other way round: row s (en_row_words words) has
     * bit i set when English sentence i holds one of slot s's numbers, so
     * that a Chinese mask is one bit test a slot. NULL when the rows would
     * take more than TME_LEXICAL_COVER_ROWS_MAX words; the masks then walk
     * zh_cover. */
    uint64_t *zh_covered_by;
    size_t en_row_words;
    /* Every pair's masks at once (tme_lexical_make_tables), so that a mask
     * is read off rather than made a test at a time: en_found
     * (en_found_words words a Chinese sentence) has bit s set when the
     * sentence holds English slot s's lemma, zh_covered (zh_covered_words
     * an English sentence) bit s when the sentence covers Chinese slot s.
     * A sentence's slots are consecutive, its mask a run of bits. NULL
     * when not made (each is made only when it takes at most
     * TME_LEXICAL_TABLE_WORDS_MAX words, zh_covered only from
     * zh_covered_by). */
    uint64_t *en_found, *zh_covered;
    size_t en_found_words, zh_covered_words;
} tme_lexical_bits;
#define TME_LEXICAL_COVER_ROWS_MAX ((size_t)1 << 20)
#define TME_LEXICAL_TABLE_WORDS_MAX ((size_t)1 << 21)

typedef struct {
    const tme_features *en, *zh;
    tme_lexical_tests en_tests; /* English lemmas, found in the Chinese? */
    tme_lexical_tests zh_tests; /* Chinese words, covered by the English? */
    tme_lexical_bits bits;
    tme_arena arena; /* every array above and the set-up's own */
} tme_lexical;

/* The model for aligning en with zh (both with lexical items, or the
 * model is empty: every evidence 0). */
tme_status tme_lexical_init(tme_lexical *lx, const tme_features *en, const tme_features *zh,
                            tme_error *err);
/* The same model weighing only 1..weights sentences of the other side
 * (1..TME_LEXICAL_MAX_OTHER): the paragraph pairing asks for one only, and
 * the weights were most of the set-up. */
tme_status tme_lexical_init_weights(tme_lexical *lx, const tme_features *en, const tme_features *zh,
                                    size_t weights, tme_error *err);
void tme_lexical_free(tme_lexical *lx);

/* Makes the tables of the masks (tme_lexical_bits) of an active model
 * (the pairing asks the masks of nearly every pair). */
tme_status tme_lexical_make_tables(tme_lexical *lx, tme_error *err);

/* 1 when the model has something to weigh. */
static inline int tme_lexical_active(const tme_lexical *lx)
{
    return lx->en_tests.first != NULL;
}

/* Bit b set when English sentence en_sentence's lemma b is found in
 * Chinese sentence zh_sentence. */
uint64_t tme_lexical_en_mask(const tme_lexical *lx, size_t en_sentence, size_t zh_sentence);

/* Bit b set when Chinese sentence zh_sentence's word b is covered by
 * English sentence en_sentence. */
uint64_t tme_lexical_zh_mask(const tme_lexical *lx, size_t zh_sentence, size_t en_sentence);

/* The evidence (in nats; > 0 for a translation) of sentence `sentence` of
 * the side tests are for, against other_count sentences of the other side
 * whose masks OR to mask (more than the tests' weights count as that many). */
double tme_lexical_evidence(const tme_lexical_tests *tests, size_t sentence, uint64_t mask,
                            size_t other_count);

/* The evidence of English sentence en_sentence and Chinese sentence
 * zh_sentence, each against the other alone, both ways: the English
 * tests' plus the Chinese tests' (one call for the pairing, which asks
 * it of nearly every pair of paragraphs). */
double tme_lexical_pair_evidence(const tme_lexical *lx, size_t en_sentence, size_t zh_sentence);

/* The most tme_lexical_evidence(t, i, mask, k + 1) can be for any mask, a
 * bound a little above (for exact pruning by the searches). */
double tme_lexical_most(const tme_lexical_tests *t, size_t i, size_t k);

#endif
