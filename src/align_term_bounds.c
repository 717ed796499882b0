/* SPDX-License-Identifier: MIT */
/* A term is tme_lexical_evidence: the misses' evidence plus the gain of
 * each of the sentence's items found in (English lemma) or covered by
 * (Chinese word) the other side's sentences of the bead. Its bound for k
 * of them is the misses' plus the greatest sum of the positive gains of
 * the items that some k consecutive sentences of a window find, with room
 * for the rounding of the term's own sum in another order (1e-9 of the
 * magnitudes, as tme_lexical_most). The window holds every range a bead of
 * the band can join the sentence with; a wider one only loosens the bound.
 *
 * Weighing each sentence of the window (a mask each) was as costly as the
 * search it is for. Instead each item looks up the sentences of the other
 * side that hold one of its lemma numbers (tme_lexical_bits), in lists by
 * number: the work is the items' occurrences within the window. */
#include "align_term_bounds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* For each lemma number, the sentences of a side whose bitmap has it,
 * ascending: sentences[first[number] .. first[number + 1]). */
typedef struct {
    size_t *first;
    uint32_t *sentences;
} postings;

static int build_postings(const uint64_t *bits, size_t n, size_t words, postings *p)
{
    size_t numbers = 64 * words, total = 0;
    p->first = calloc(numbers + 2, sizeof *p->first);
    for (size_t w = 0; p->first != NULL && w < n * words; w++)
        for (uint64_t b = bits[w]; b != 0; b &= b - 1, total++)
            p->first[(w % words) * 64 + (size_t)__builtin_ctzll(b) + 2]++;
    p->sentences = malloc((total ? total : 1) * sizeof *p->sentences);
    if (p->first == NULL || p->sentences == NULL)
        return -1;
    for (size_t k = 2; k <= numbers + 1; k++)
        p->first[k] += p->first[k - 1];
    for (size_t w = 0; w < n * words; w++) /* first[number + 1]: where the next goes */
        for (uint64_t b = bits[w]; b != 0; b &= b - 1)
            p->sentences[p->first[(w % words) * 64 + (size_t)__builtin_ctzll(b) + 1]++] =
                (uint32_t)(w / words);
    return 0;
}

/* The scratch of one side's bounds, over the window [first, last] of the
 * other side, bit or index o - first for sentence o: found, the sentences
 * that find one item; for k sentences,
 * sum[k - 1], the positive gains found by the range of k sentences ending
 * at each end, and touched[k - 1], the ends whose sum is not 0 (about half
 * of the window: zeroing and weighing only those is the cheaper). cursor:
 * for each lemma number, where its postings reach the window last time
 * (windows move forward with the sentence, so a search forward from there
 * is short). */
typedef struct {
    double *sum[TME_ALIGN_MAX_SIDE];
    uint64_t *touched[TME_ALIGN_MAX_SIDE];
    uint64_t *found;
    size_t *cursor;
} scratch;

/* What each side's items are: lemma numbers of item slot s at
 * numbers[number_first[s] .. number_first[s + 1]) (NULL number_first: the
 * one number numbers[s]), tests and the other side's postings. */
typedef struct {
    const tme_lexical_tests *tests;
    const uint32_t *numbers;
    const size_t *number_first;
    const postings *other;
} side_items;

/* The first of number's sentences at or after first, from its cursor. */
static const uint32_t *first_posting(const postings *p, size_t *cursor, uint32_t number,
                                     size_t first)
{
    const uint32_t *begin = p->sentences + p->first[number];
    const uint32_t *end = p->sentences + p->first[number + 1];
    const uint32_t *at = p->sentences + cursor[number];
    if (at < begin || (at > begin && at[-1] >= first)) /* not yet, or a window behind */
        at = begin;
    while (at < end && *at < first)
        at++;
    cursor[number] = (size_t)(at - p->sentences);
    return at;
}

/* Marks in sc->found (words words) the sentences within [first, last]
 * that hold one of the numbers of slot; whether there is one. */
static int mark_hits(const side_items *si, scratch *sc, size_t slot, size_t first, size_t last,
                     size_t words)
{
    size_t nb = si->number_first ? si->number_first[slot] : slot;
    size_t ne = si->number_first ? si->number_first[slot + 1] : slot + 1;
    uint64_t any = 0;
    memset(sc->found, 0, words * sizeof *sc->found);
    for (size_t number = nb; number < ne; number++) {
        uint32_t nu = si->numbers[number];
        const uint32_t *end = si->other->sentences + si->other->first[nu + 1];
        for (const uint32_t *at = first_posting(si->other, sc->cursor, nu, first);
             at < end && *at <= last; at++) {
            sc->found[(*at - first) / 64] |= (uint64_t)1 << ((*at - first) % 64);
            any = 1;
        }
    }
    return any != 0;
}

/* Adds gain to the sum of each range of k sentences within the window
 * (width sentences, words words) that holds a found sentence, once: the
 * ends e with a found sentence in [e - k + 1, e], e >= k - 1. */
static void count_found(scratch *sc, double gain, size_t k, size_t width, size_t words)
{
    const uint64_t *found = sc->found;
    double *sum = sc->sum[k - 1];
    for (size_t w = 0; w < words; w++) {
        uint64_t e = found[w];
        for (size_t shift = 1; shift < k; shift++)
            e |= found[w] << shift | (w > 0 ? found[w - 1] >> (64 - shift) : 0);
        if (w == 0)
            e &= ~(((uint64_t)1 << (k - 1)) - 1);
        if (w == words - 1 && width % 64 != 0)
            e &= ((uint64_t)1 << (width % 64)) - 1;
        sc->touched[k - 1][w] |= e;
        for (; e != 0; e &= e - 1)
            sum[w * 64 + (size_t)__builtin_ctzll(e)] += gain;
    }
}

/* The items of sentence s found by the other side's sentences in [first,
 * last], into sc->sum and sc->touched. */
static void find_items(const side_items *si, scratch *sc, size_t s, size_t first, size_t last)
{
    const tme_lexical_tests *t = si->tests;
    size_t width = last - first + 1, words = (width + 63) / 64;
    for (size_t slot = t->first[s]; slot < t->first[s + 1]; slot++) {
        const double *gain = t->gain + slot * t->weights;
        int hits = -1; /* not yet looked up */
        for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
            double g = gain[(k < t->weights ? k : t->weights) - 1];
            if (!(g > 0))
                continue;
            if (hits < 0)
                hits = mark_hits(si, sc, slot, first, last, words);
            if (hits)
                count_found(sc, g, k, width, words);
        }
    }
}

/* The greatest sum of k sentences' ranges in the window (width sentences,
 * words words), -HUGE_VAL when there is none; zeroes the sums and
 * touched[k - 1] for the next sentence. An end not touched counts as 0
 * (every touched sum is a sum of positive gains, so above it). */
static double best_found(scratch *sc, size_t k, size_t width, size_t words)
{
    double best = -HUGE_VAL, *sum = sc->sum[k - 1];
    size_t touched = 0;
    for (size_t w = 0; w < words; w++) {
        for (uint64_t e = sc->touched[k - 1][w]; e != 0; e &= e - 1, touched++) {
            size_t o = w * 64 + (size_t)__builtin_ctzll(e);
            best = sum[o] > best ? sum[o] : best;
            sum[o] = 0;
        }
        sc->touched[k - 1][w] = 0;
    }
    if (width >= k && touched < width - k + 1)
        best = best > 0 ? best : 0;
    return best;
}

/* The bounds of sentence s against the ranges within [first, last]. */
static void bound_sentence(const side_items *si, scratch *sc, size_t s, size_t first, size_t last,
                           double most[TME_ALIGN_MAX_SIDE])
{
    const tme_lexical_tests *t = si->tests;
    size_t width = last >= first ? last - first + 1 : 0, words = (width + 63) / 64;
    if (width > 0)
        find_items(si, sc, s, first, last);
    for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
        size_t kk = (k < t->weights ? k : t->weights) - 1;
        double miss = t->miss[s * t->weights + kk], size = fabs(miss);
        for (size_t slot = t->first[s]; slot < t->first[s + 1]; slot++)
            size += fabs(t->gain[slot * t->weights + kk]);
        double best = best_found(sc, k, width, words);
        most[k - 1] = best == -HUGE_VAL ? -HUGE_VAL : miss + best + 1e-9 * (size + 1);
    }
}

/* The window of Chinese sentences the beads of the band may join English
 * sentence i with: beads ending in rows i + 1 .. i + 3, up to 3 Chinese
 * sentences before their columns. */
static void chinese_window(const tme_align_band *bd, size_t i, size_t *first, size_t *last)
{
    size_t lo = (size_t)-1, hi = 0;
    for (size_t ee = i + 1; ee <= i + TME_ALIGN_MAX_SIDE && ee <= bd->n_en; ee++) {
        lo = bd->row_lo[ee] < lo ? bd->row_lo[ee] : lo;
        hi = bd->row_hi[ee] > hi ? bd->row_hi[ee] : hi;
    }
    *first = lo > TME_ALIGN_MAX_SIDE ? lo - TME_ALIGN_MAX_SIDE : 0;
    *last = hi > 0 ? hi - 1 : 0;
}

/* For each column ze, the first and last rows whose band holds it. */
static void column_rows(const tme_align_band *bd, size_t *first_row, size_t *last_row)
{
    for (size_t j = 0; j <= bd->n_zh; j++) {
        first_row[j] = (size_t)-1;
        last_row[j] = 0;
    }
    for (size_t i = 0; i <= bd->n_en; i++)
        for (size_t j = bd->row_lo[i]; j <= bd->row_hi[i]; j++) {
            first_row[j] = i < first_row[j] ? i : first_row[j];
            last_row[j] = i > last_row[j] ? i : last_row[j];
        }
}

/* The window of English sentences for Chinese sentence j (chinese_window
 * with the sides' roles swapped). */
static void english_window(const tme_align_band *bd, const size_t *first_row,
                           const size_t *last_row, size_t j, size_t *first, size_t *last)
{
    size_t lo = (size_t)-1, hi = 0;
    for (size_t ze = j + 1; ze <= j + TME_ALIGN_MAX_SIDE && ze <= bd->n_zh; ze++) {
        lo = first_row[ze] < lo ? first_row[ze] : lo;
        hi = last_row[ze] > hi ? last_row[ze] : hi;
    }
    *first = lo > TME_ALIGN_MAX_SIDE ? lo - TME_ALIGN_MAX_SIDE : 0;
    *last = hi > 0 ? hi - 1 : 0;
}

/* The sums for a window of up to n_other + 1 sentences (the window of
 * a side without sentences is [0, 0]), a cursor for each of numbers. */
static int alloc_scratch(scratch *sc, size_t n_other, size_t numbers)
{
    size_t words = (n_other + 1 + 63) / 64;
    int rc = 0;
    for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++) {
        rc |= (sc->sum[k] = calloc(n_other + 1, sizeof *sc->sum[k])) == NULL ? -1 : 0;
        rc |= (sc->touched[k] = calloc(words, sizeof *sc->touched[k])) == NULL ? -1 : 0;
    }
    sc->found = malloc(words * sizeof *sc->found);
    sc->cursor = calloc(numbers + 1, sizeof *sc->cursor);
    return sc->found == NULL || sc->cursor == NULL ? -1 : rc;
}

static void free_scratch(scratch *sc)
{
    for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++) {
        free(sc->sum[k]);
        free(sc->touched[k]);
    }
    free(sc->found);
    free(sc->cursor);
}

/* The English sentences' bounds (zh 0: found in the Chinese windows) or
 * the Chinese ones' (covered by the English windows). */
static int bound_side(const tme_align_band *bd, const tme_align_model *m, int zh,
                      const postings *other, const size_t *first_row, const size_t *last_row,
                      double *most)
{
    const tme_lexical_bits *b = &m->lexical.bits;
    side_items si = {zh ? &m->lexical.zh_tests : &m->lexical.en_tests,
                     zh ? b->zh_cover : b->en_item_at, zh ? b->zh_cover_first : NULL, other};
    size_t n = zh ? m->n_zh : m->n_en;
    scratch sc;
    int rc = alloc_scratch(&sc, zh ? m->n_en : m->n_zh, 64 * b->words);
    for (size_t s = 0; rc == 0 && s < n; s++) {
        size_t first, last;
        if (zh)
            english_window(bd, first_row, last_row, s, &first, &last);
        else
            chinese_window(bd, s, &first, &last);
        bound_sentence(&si, &sc, s, first, last, most + s * TME_ALIGN_MAX_SIDE);
    }
    free_scratch(&sc);
    return rc;
}

int tme_term_bounds_of_band(tme_term_bounds *tb, const tme_align_band *bd, const tme_align_model *m)
{
    const tme_lexical_bits *b = &m->lexical.bits;
    postings en = {NULL, NULL}, zh = {NULL, NULL};
    tb->en = malloc(m->n_en * TME_ALIGN_MAX_SIDE * sizeof *tb->en);
    tb->zh = malloc(m->n_zh * TME_ALIGN_MAX_SIDE * sizeof *tb->zh);
    size_t *first_row = malloc((m->n_zh + 1) * sizeof *first_row);
    size_t *last_row = malloc((m->n_zh + 1) * sizeof *last_row);
    int rc = tb->en && tb->zh && first_row && last_row ? 0 : -1;
    if (rc == 0)
        rc = build_postings(b->en_bits, m->n_en, b->words, &en) |
             build_postings(b->zh_bits, m->n_zh, b->words, &zh);
    if (rc == 0) {
        column_rows(bd, first_row, last_row);
        rc = bound_side(bd, m, 0, &zh, first_row, last_row, tb->en) |
             bound_side(bd, m, 1, &en, first_row, last_row, tb->zh);
    }
    free(en.first);
    free(en.sentences);
    free(zh.first);
    free(zh.sentences);
    free(first_row);
    free(last_row);
    if (rc != 0)
        tme_term_bounds_free(tb);
    return rc;
}

void tme_term_bounds_free(tme_term_bounds *tb)
{
    free(tb->en);
    free(tb->zh);
    tb->en = tb->zh = NULL;
}
