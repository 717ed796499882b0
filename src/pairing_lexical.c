/* SPDX-License-Identifier: MIT */
#include "pairing_lexical.h"

#include <string.h>

tme_status tme_pairing_lexicon_add(tme_pairing_lexicon *pl, const tme_features *paragraph,
                                   tme_error *err)
{
    return tme_features_append(paragraph->lang == TME_LANG_ZH ? &pl->zh : &pl->en, paragraph, err);
}

static inline void set_bit(uint64_t *bits, size_t at)
{
    bits[at / 64] |= (uint64_t)1 << (at % 64);
}

/* en_found, from the Chinese paragraphs' lemma bits: each lemma found in
 * a paragraph sets the bits of the English slots that test it (the
 * slots of each lemma listed first, a counting sort). 1: too large. */
static int make_en_found(tme_pairing_lexicon *pl)
{
    tme_lexical *lx = &pl->lexical;
    const tme_lexical_bits *b = &lx->bits;
    size_t slots = lx->en_tests.first[pl->en.n_sentences], n_zh = pl->zh.n_sentences;
    size_t words = (slots + 63) / 64, lemmas = b->words * 64;
    if (words == 0 || n_zh > TME_PAIRING_MASK_WORDS_MAX / words)
        return 1;
    uint64_t *found = tme_arena_calloc(&lx->arena, n_zh * words, sizeof *found);
    /* the slots of lemma n: slot_of[first[n] .. first[n + 1]) */
    size_t *first = tme_arena_calloc(&lx->arena, lemmas + 2, sizeof *first);
    uint32_t *slot_of = tme_arena_alloc(&lx->arena, slots, sizeof *slot_of);
    if (found == NULL || first == NULL || slot_of == NULL)
        return -1;
    for (size_t s = 0; s < slots; s++)
        first[b->en_item_at[s] + 2]++;
    for (size_t n = 2; n <= lemmas + 1; n++)
        first[n] += first[n - 1];
    for (size_t s = 0; s < slots; s++)
        slot_of[first[b->en_item_at[s] + 1]++] = (uint32_t)s;
    for (size_t j = 0; j < n_zh; j++)
        for (size_t w = 0; w < b->words; w++)
            for (uint64_t m = b->zh_bits[j * b->words + w]; m != 0; m &= m - 1) {
                size_t n = w * 64 + (size_t)__builtin_ctzll(m);
                for (size_t k = first[n]; k < first[n + 1]; k++)
                    set_bit(found + j * words, slot_of[k]);
            }
    pl->masks.en_found = found;
    pl->masks.en_words = words;
    return 0;
}

/* zh_covered, the transpose of the model's zh_covered_by (made from it:
 * without it, 1). */
static int make_zh_covered(tme_pairing_lexicon *pl)
{
    tme_lexical *lx = &pl->lexical;
    const tme_lexical_bits *b = &lx->bits;
    size_t slots = lx->zh_tests.first[pl->zh.n_sentences], n_en = pl->en.n_sentences;
    size_t words = (slots + 63) / 64, row = b->en_row_words;
    if (b->zh_covered_by == NULL || words == 0 || n_en > TME_PAIRING_MASK_WORDS_MAX / words)
        return 1;
    uint64_t *covered = tme_arena_calloc(&lx->arena, n_en * words, sizeof *covered);
    if (covered == NULL)
        return -1;
    for (size_t s = 0; s < slots; s++)
        for (size_t w = 0; w < row; w++)
            for (uint64_t m = b->zh_covered_by[s * row + w]; m != 0; m &= m - 1)
                set_bit(covered + (w * 64 + (size_t)__builtin_ctzll(m)) * words, s);
    pl->masks.zh_covered = covered;
    pl->masks.zh_words = words;
    return 0;
}

tme_status tme_pairing_lexicon_finish(tme_pairing_lexicon *pl, tme_error *err)
{
    pl->ready = 0;
    if (pl->en.lexicon == NULL || pl->zh.lexicon == NULL)
        return TME_OK;
    /* the evidence is only ever asked against one paragraph */
    if (tme_lexical_init_weights(&pl->lexical, &pl->en, &pl->zh, 1, err) != TME_OK)
        return err->status;
    pl->ready = tme_lexical_active(&pl->lexical);
    if (pl->ready && (make_en_found(pl) < 0 || make_zh_covered(pl) < 0))
        return tme_error_nomem(err);
    return TME_OK;
}

/* The n bits (at most 64) of words from bit first on. */
static inline uint64_t bit_run(const uint64_t *words, size_t first, size_t n)
{
    if (n == 0)
        return 0;
    size_t w = first / 64;
    unsigned off = (unsigned)(first % 64);
    uint64_t v = words[w] >> off;
    if (off != 0 && off + n > 64)
        v |= words[w + 1] << (64 - off);
    return n == 64 ? v : v & (((uint64_t)1 << n) - 1);
}

static inline void read_masks(const tme_pairing_lexicon *pl, size_t en, size_t zh,
                              uint64_t *en_mask, uint64_t *zh_mask)
{
    const tme_lexical *lx = &pl->lexical;
    const tme_pairing_masks *m = &pl->masks;
    const size_t *en_first = lx->en_tests.first, *zh_first = lx->zh_tests.first;
    *en_mask = m->en_found != NULL ? bit_run(m->en_found + zh * m->en_words, en_first[en],
                                             en_first[en + 1] - en_first[en])
                                   : tme_lexical_en_mask(lx, en, zh);
    *zh_mask = m->zh_covered != NULL ? bit_run(m->zh_covered + en * m->zh_words, zh_first[zh],
                                               zh_first[zh + 1] - zh_first[zh])
                                     : tme_lexical_zh_mask(lx, zh, en);
}

void tme_pairing_lexical_masks(const tme_pairing_lexicon *pl, size_t en, size_t zh,
                               uint64_t *en_mask, uint64_t *zh_mask)
{
    read_masks(pl, en, zh, en_mask, zh_mask);
}

double tme_pairing_lexical_evidence(const tme_pairing_lexicon *pl, size_t en, size_t zh)
{
    if (!pl->ready)
        return 0;
    const tme_lexical *lx = &pl->lexical;
    uint64_t en_mask, zh_mask;
    read_masks(pl, en, zh, &en_mask, &zh_mask);
    return tme_lexical_evidence(&lx->en_tests, en, en_mask, 1) +
           tme_lexical_evidence(&lx->zh_tests, zh, zh_mask, 1);
}

void tme_pairing_lexicon_free(tme_pairing_lexicon *pl)
{
    tme_lexical_free(&pl->lexical);
    tme_features_free(&pl->en);
    tme_features_free(&pl->zh);
    memset(pl, 0, sizeof *pl);
}
