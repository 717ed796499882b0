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

/* The scratch of one side's bounds, indexed by sentence of the other side
 * o: sum[k - 1][o], the positive gains found by the range of k sentences
 * ending at o; hits, the sentences of the window that find one item. */
typedef struct {
    double *sum[TME_ALIGN_MAX_SIDE];
    uint32_t *hits;
} scratch;

/* Adds gain (k sentences) to each range of k sentences within [first,
 * last] that holds one of hits[0, n) (ascending, distinct), once. */
static void count_found(double *sum, double gain, size_t k, const uint32_t *hits, size_t n,
                        size_t first, size_t last)
{
    size_t next = first + k - 1; /* the first range end not yet counted */
    for (size_t h = 0; h < n; h++) {
        size_t lo = hits[h] > next ? hits[h] : next, hi = hits[h] + k - 1;
        for (size_t o = lo; o <= hi && o <= last; o++)
            sum[o] += gain;
        next = hi + 1 > next ? hi + 1 : next;
    }
}

/* What each side's items are: lemma numbers of item slot s at
 * numbers[number_first[s] .. number_first[s + 1]) (NULL number_first: the
 * one number numbers[s]), tests and the other side's postings. */
typedef struct {
    const tme_lexical_tests *tests;
    const uint32_t *numbers;
    const size_t *number_first;
    const postings *other;
} side_items;

/* The sentences within [first, last] that hold one of the numbers of slot,
 * ascending and distinct, into hits; their count. */
static size_t hits_of(const side_items *si, size_t slot, size_t first, size_t last, uint32_t *hits)
{
    size_t nb = si->number_first ? si->number_first[slot] : slot;
    size_t ne = si->number_first ? si->number_first[slot + 1] : slot + 1, n = 0;
    for (size_t number = nb; number < ne; number++) {
        const uint32_t *at = si->other->sentences + si->other->first[si->numbers[number]];
        const uint32_t *end = si->other->sentences + si->other->first[si->numbers[number] + 1];
        while (at < end && *at < first)
            at++;
        size_t before = n;
        for (; at < end && *at <= last; at++)
            hits[n++] = *at;
        if (before > 0) { /* merge the second and later lists in (insertion) */
            for (size_t h = before; h < n; h++)
                for (size_t g = h; g > 0 && hits[g - 1] > hits[g]; g--) {
                    uint32_t t = hits[g];
                    hits[g] = hits[g - 1];
                    hits[g - 1] = t;
                }
            size_t kept = 0;
            for (size_t h = 0; h < n; h++)
                if (kept == 0 || hits[kept - 1] != hits[h])
                    hits[kept++] = hits[h];
            n = kept;
        }
    }
    return n;
}

/* The items of sentence s found by the other side's sentences in [first,
 * last], into sc->sum. */
static void find_items(const side_items *si, scratch *sc, size_t s, size_t first, size_t last)
{
    const tme_lexical_tests *t = si->tests;
    for (size_t slot = t->first[s]; slot < t->first[s + 1]; slot++) {
        const double *gain = t->gain + slot * t->weights;
        size_t n = SIZE_MAX;
        for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
            double g = gain[(k < t->weights ? k : t->weights) - 1];
            if (!(g > 0))
                continue;
            if (n == SIZE_MAX)
                n = hits_of(si, slot, first, last, sc->hits);
            count_found(sc->sum[k - 1], g, k, sc->hits, n, first, last);
        }
    }
}

/* The bounds of sentence s against the ranges within [first, last]. */
static void bound_sentence(const side_items *si, scratch *sc, size_t s, size_t first, size_t last,
                           double most[TME_ALIGN_MAX_SIDE])
{
    const tme_lexical_tests *t = si->tests;
    for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++)
        for (size_t o = first; o <= last; o++)
            sc->sum[k][o] = 0;
    find_items(si, sc, s, first, last);
    for (size_t k = 1; k <= TME_ALIGN_MAX_SIDE; k++) {
        size_t kk = (k < t->weights ? k : t->weights) - 1;
        double miss = t->miss[s * t->weights + kk], size = fabs(miss), best = -HUGE_VAL;
        for (size_t slot = t->first[s]; slot < t->first[s + 1]; slot++)
            size += fabs(t->gain[slot * t->weights + kk]);
        for (size_t o = first + k - 1; o <= last; o++)
            best = sc->sum[k - 1][o] > best ? sc->sum[k - 1][o] : best;
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

/* hits: every number of a slot may list every sentence of the window. */
static int alloc_scratch(scratch *sc, size_t n_other, size_t max_numbers)
{
    int rc = 0;
    for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++)
        rc |= (sc->sum[k] = malloc((n_other + 1) * sizeof *sc->sum[k])) == NULL ? -1 : 0;
    sc->hits = malloc((max_numbers * (n_other + 1) + 1) * sizeof *sc->hits);
    return sc->hits == NULL ? -1 : rc;
}

static void free_scratch(scratch *sc)
{
    for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++)
        free(sc->sum[k]);
    free(sc->hits);
}

/* The most lemma numbers an item slot of the side has. */
static size_t max_numbers(const side_items *si, size_t n)
{
    size_t most = 1;
    for (size_t slot = 0; si->number_first && slot < si->tests->first[n]; slot++)
        if (si->number_first[slot + 1] - si->number_first[slot] > most)
            most = si->number_first[slot + 1] - si->number_first[slot];
    return most;
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
    int rc = alloc_scratch(&sc, zh ? m->n_en : m->n_zh, max_numbers(&si, n));
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
