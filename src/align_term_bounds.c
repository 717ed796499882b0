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
 * number, and marks itself in their sets of found items (one 64-bit word
 * a sentence of the window): the work is the items' occurrences within
 * the window. A range finds the union of its sentences' sets; only a few
 * ranges a finding sentence are weighed (best_ranges), and the sum of a
 * set is made in slot order, as it was when each range's sum was added up
 * item by item, so that the bounds are the same doubles. */
#include "align_term_bounds.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A sentence's item slots are the bits of one uint64_t (found_by). */
_Static_assert(TME_LEXICAL_MAX_ITEMS <= 64, "item slots must fit a 64-bit set");

/* For each lemma number (below numbers: 64 a word of the bitmaps), the
 * sentences of a side whose bitmap has it, ascending:
 * sentences[first[number] .. first[number + 1]). */
typedef struct {
    size_t *first;
    uint32_t *sentences;
    size_t numbers;
} postings;

static int build_postings(const uint64_t *bits, size_t n, size_t words, postings *p)
{
    size_t numbers = p->numbers = 64 * words, total = 0;
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

/* The scratch of one side's bounds. found_by[o - first], for sentence o
 * of the window [first, last] of the other side: which of the sentence's
 * item slots it finds, bit b for slot t->first[s] + b (a sentence has at
 * most TME_LEXICAL_MAX_ITEMS = 64). cursor: for each lemma number, where
 * its postings reached the window last time (windows move forward with
 * the sentence, so a search forward from there is short). */
typedef struct {
    uint64_t *found_by;
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
    const uint32_t *at = p->sentences + cursor[number];
    const uint32_t *end = p->sentences + p->first[number + 1];
    if (at < begin || (at > begin && at[-1] >= first)) /* not yet, or a window behind */
        at = begin;
    while (at < end && *at < first)
        at++;
    cursor[number] = (size_t)(at - p->sentences);
    return at;
}

/* sc->found_by for the slots of sentence s in wanted (bits as found_by's)
 * and the window [first, last]. */
static void find_items(const side_items *si, scratch *sc, size_t s, uint64_t wanted, size_t first,
                       size_t last)
{
    memset(sc->found_by, 0, (last - first + TME_ALIGN_MAX_SIDE) * sizeof *sc->found_by);
    for (; wanted != 0; wanted &= wanted - 1) {
        size_t b = (size_t)__builtin_ctzll(wanted), slot = si->tests->first[s] + b;
        size_t nb = si->number_first ? si->number_first[slot] : slot;
        size_t ne = si->number_first ? si->number_first[slot + 1] : slot + 1;
        for (size_t number = nb; number < ne; number++) {
            uint32_t nu = si->numbers[number];
            const uint32_t *end = si->other->sentences + si->other->first[nu + 1];
            for (const uint32_t *at = first_posting(si->other, sc->cursor, nu, first);
                 at < end && *at <= last; at++)
                sc->found_by[*at - first] |= (uint64_t)1 << b;
        }
    }
}

/* The sum of the gains of the slots in found, in slot order (as the term). */
static double sum_found(uint64_t found, const double *gain)
{
    double sum = 0;
    for (; found != 0; found &= found - 1)
        sum += gain[__builtin_ctzll(found)];
    return sum;
}

/* One k's greatest sum so far over the ranges of k sentences: best, the
 * slots of the range that gave it (best_set) and those of the one weighed
 * or passed over last (last_set). */
typedef struct {
    double best;
    uint64_t best_set, last_set;
} range_best;

/* Weighs a range that finds the slots in found (those with a positive
 * gain; none: a sum of 0). Not when it finds only slots that the best
 * range or the last one find: a sum of positive doubles only grows with
 * the slots it adds, rounding included. */
static void weigh_range(range_best *rb, uint64_t found, const double *gain)
{
    if (found == 0)
        rb->best = rb->best > 0 ? rb->best : 0;
    else if ((found & ~rb->last_set) != 0 && (found & ~rb->best_set) != 0) {
        double sum = sum_found(found, gain);
        if (sum > rb->best) {
            rb->best = sum;
            rb->best_set = found;
        }
    }
    rb->last_set = found;
}

/* For each k, the greatest sum of the gains (positive[k - 1]: the slots
 * with one) that a range of k sentences of the window (width of found_by,
 * zeros after it) finds, -HUGE_VAL when there is no such range. Every
 * range finds at most what the range of k starting at its first finding
 * sentence finds, or else (that one past the window's end) the window's
 * last k: only those are weighed, a few for each finding sentence. A range
 * without a finding sentence has a sum of 0, which matters only when no
 * weighed range finds a slot, and then the window's last k have it. */
static void best_ranges(const uint64_t *found_by, size_t width,
                        const uint64_t positive[TME_ALIGN_MAX_SIDE],
                        const double gain[TME_ALIGN_MAX_SIDE][TME_LEXICAL_MAX_ITEMS],
                        double best[TME_ALIGN_MAX_SIDE])
{
    range_best rb[TME_ALIGN_MAX_SIDE];
    for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++)
        rb[k] = (range_best){-HUGE_VAL, 0, 0};
    for (size_t o = 0; o < width; o++) {
        if (found_by[o] == 0)
            continue;
        uint64_t found = 0; /* by the k sentences from o */
        for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
            found |= found_by[o + k - 1];
            if (o + k <= width)
                weigh_range(&rb[k - 1], found & positive[k - 1], gain[k - 1]);
        }
    }
    for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
        uint64_t found = 0; /* by the window's last k */
        for (size_t j = 0; j < k && k <= width; j++)
            found |= found_by[width - 1 - j];
        if (k <= width)
            weigh_range(&rb[k - 1], found & positive[k - 1], gain[k - 1]);
        best[k - 1] = rb[k - 1].best;
    }
}

/* The bounds of sentence s against the ranges within [first, last]. */
static void bound_sentence(const side_items *si, scratch *sc, size_t s, size_t first, size_t last,
                           double most[TME_ALIGN_MAX_SIDE])
{
    const tme_lexical_tests *t = si->tests;
    size_t slots = t->first[s + 1] - t->first[s], width = last >= first ? last - first + 1 : 0;
    double gain[TME_ALIGN_MAX_SIDE][TME_LEXICAL_MAX_ITEMS], size[TME_ALIGN_MAX_SIDE];
    uint64_t positive[TME_ALIGN_MAX_SIDE] = {0}, wanted = 0;
    for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
        size_t kk = (k < t->weights ? k : t->weights) - 1;
        size[k - 1] = fabs(t->miss[s * t->weights + kk]);
        for (size_t b = 0; b < slots; b++) {
            gain[k - 1][b] = t->gain[(t->first[s] + b) * t->weights + kk];
            size[k - 1] += fabs(gain[k - 1][b]);
            positive[k - 1] |= gain[k - 1][b] > 0 ? (uint64_t)1 << b : 0;
        }
        wanted |= positive[k - 1];
    }
    if (width > 0)
        find_items(si, sc, s, wanted, first, last);
    double best[TME_ALIGN_MAX_SIDE];
    best_ranges(sc->found_by, width, positive, gain, best);
    for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
        double miss = t->miss[s * t->weights + (k < t->weights ? k : t->weights) - 1];
        most[k - 1] =
            best[k - 1] == -HUGE_VAL ? -HUGE_VAL : miss + best[k - 1] + 1e-9 * (size[k - 1] + 1);
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

/* For a window of up to n_other + 1 sentences (the window of a side
 * without sentences is [0, 0]) and TME_ALIGN_MAX_SIDE - 1 zeros after it
 * (best_ranges reads them), a cursor for each of numbers. */
static int alloc_scratch(scratch *sc, size_t n_other, size_t numbers)
{
    sc->found_by = malloc((n_other + TME_ALIGN_MAX_SIDE) * sizeof *sc->found_by);
    sc->cursor = calloc(numbers + 1, sizeof *sc->cursor);
    return sc->found_by == NULL || sc->cursor == NULL ? -1 : 0;
}

static void free_scratch(scratch *sc)
{
    free(sc->found_by);
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
    int rc = alloc_scratch(&sc, zh ? m->n_en : m->n_zh, other->numbers);
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
    postings en = {NULL, NULL, 0}, zh = {NULL, NULL, 0};
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
