/* SPDX-License-Identifier: MIT */
#include "align_anchors.h"

#include <stdlib.h>
#include <string.h>

/* Candidate evidence, in nats of English lemmas found (k = 1 gains):
 * enough of it, and ahead of the runner-up. */
#define CANDIDATE_MIN 4.0
#define CANDIDATE_MARGIN 2.0
/* A kept anchor: lexical evidence both ways, a plausible length (about 2.5
 * standard deviations) and no anchor contradicting it. */
#define ANCHOR_MIN_LEXICAL 6.0
#define ANCHOR_MAX_LENGTH_COST 3.0
#define ANCHOR_MAX_ANCHOR_COST 0.5

/* English lemma (by its index in the sorted set of the English test items)
 * to the Chinese sentences that hold a translation of it, ascending. The
 * lexical model numbers the English lemmas (tme_lexical_bits: en_item_at,
 * and a bitmap of each Chinese sentence over those numbers); the items are
 * some of them, and at[number] is an item's index in their set (NO_ITEM for
 * a lemma that is no item), in the same order since both sets are sorted. */
#define NO_ITEM UINT32_MAX
typedef struct {
    uint32_t *at; /* [64 * bits.words] */
    size_t n_lemmas;
    size_t *first; /* [n_lemmas + 1] */
    uint32_t *sentences;
} postings;

static void free_postings(postings *p)
{
    free(p->at);
    free(p->first);
    free(p->sentences);
}

static int number_items(const tme_lexical *lx, size_t n_en, postings *p)
{
    size_t numbers = 64 * lx->bits.words, slots = lx->en_tests.first[n_en];
    p->at = malloc((numbers ? numbers : 1) * sizeof *p->at);
    if (p->at == NULL)
        return -1;
    for (size_t x = 0; x < numbers; x++)
        p->at[x] = NO_ITEM;
    for (size_t s = 0; s < slots; s++)
        p->at[lx->bits.en_item_at[s]] = 0;
    for (size_t x = 0; x < numbers; x++)
        if (p->at[x] != NO_ITEM)
            p->at[x] = (uint32_t)p->n_lemmas++;
    return 0;
}

/* Counts each lemma's sentences (write 0), then writes them (write 1):
 * each Chinese sentence's lemmas that are items, in the order of their
 * numbers. */
static void walk_postings(postings *p, const tme_lexical *lx, size_t n_zh, size_t *at, int write)
{
    size_t words = lx->bits.words;
    for (size_t j = 0; j < n_zh; j++) {
        const uint64_t *bits = lx->bits.zh_bits + j * words;
        for (size_t w = 0; w < words; w++)
            for (uint64_t b = bits[w]; b != 0; b &= b - 1) {
                uint32_t x = p->at[w * 64 + (size_t)__builtin_ctzll(b)];
                if (x == NO_ITEM)
                    continue;
                if (write)
                    p->sentences[at[x]++] = (uint32_t)j;
                else
                    at[x + 1]++;
            }
    }
}

static int build_postings(const tme_align_model *m, postings *p)
{
    memset(p, 0, sizeof *p);
    const tme_lexical *lx = &m->lexical;
    if (number_items(lx, m->n_en, p) != 0 ||
        (p->first = calloc(p->n_lemmas + 1, sizeof *p->first)) == NULL)
        return -1;
    walk_postings(p, lx, m->n_zh, p->first, 0);
    for (size_t x = 0; x < p->n_lemmas; x++)
        p->first[x + 1] += p->first[x];
    size_t *at = malloc((p->n_lemmas + 1) * sizeof *at);
    p->sentences =
        malloc((p->first[p->n_lemmas] ? p->first[p->n_lemmas] : 1) * sizeof *p->sentences);
    if (at == NULL || p->sentences == NULL) {
        free(at);
        return -1;
    }
    memcpy(at, p->first, (p->n_lemmas + 1) * sizeof *at);
    walk_postings(p, lx, m->n_zh, at, 1);
    free(at);
    return 0;
}

typedef struct {
    size_t en, zh;
    double score;
} candidate;

/* Scratch for scoring one English sentence against every Chinese one. */
typedef struct {
    double *score;     /* [n_zh], 0 outside touched */
    uint32_t *touched; /* Chinese sentences with a score */
    size_t n_touched;
} tally;

/* The best Chinese sentence for English sentence i (SIZE_MAX when none
 * stands out): the evidence of its lemmas found there. */
static size_t best_for(const tme_align_model *m, const postings *p, tally *t, size_t i,
                       double *best_score)
{
    const tme_lexical_tests *tests = &m->lexical.en_tests;
    size_t max_postings = m->n_zh / TME_ANCHOR_POSTING_SHARE + 1;
    for (size_t s = tests->first[i]; s < tests->first[i + 1]; s++) {
        size_t x = p->at[m->lexical.bits.en_item_at[s]]; /* an item: in the set */
        double gain = tests->gain[s * tests->weights];
        if (gain <= 0 || p->first[x + 1] - p->first[x] > max_postings)
            continue;
        for (size_t k = p->first[x]; k < p->first[x + 1]; k++) {
            uint32_t j = p->sentences[k];
            if (t->score[j] == 0)
                t->touched[t->n_touched++] = j;
            t->score[j] += gain;
        }
    }
    size_t best = SIZE_MAX;
    double first = 0, second = 0;
    for (size_t k = 0; k < t->n_touched; k++) {
        uint32_t j = t->touched[k];
        if (t->score[j] > first) {
            second = first;
            first = t->score[j];
            best = j;
        } else if (t->score[j] > second) {
            second = t->score[j];
        }
        t->score[j] = 0;
    }
    t->n_touched = 0;
    *best_score = first;
    return first >= CANDIDATE_MIN && first - second >= CANDIDATE_MARGIN ? best : SIZE_MAX;
}

static int confirmed(tme_align_model *m, size_t i, size_t j)
{
    tme_bead_evidence ev = tme_align_weigh(m, i, i + 1, j, j + 1);
    return ev.lexical >= ANCHOR_MIN_LEXICAL && ev.length_cost <= ANCHOR_MAX_LENGTH_COST &&
           ev.anchor_cost <= ANCHOR_MAX_ANCHOR_COST;
}

/* Each English sentence's best Chinese sentence, kept when that Chinese
 * sentence is the best of no other English sentence with more evidence. */
static int find_candidates(tme_align_model *m, const postings *p, candidate **out, size_t *n)
{
    tally t = {calloc(m->n_zh, sizeof(double)), malloc(m->n_zh * sizeof(uint32_t)), 0};
    size_t *owner = malloc(m->n_zh * sizeof *owner);
    double *owner_score = calloc(m->n_zh, sizeof *owner_score);
    candidate *c = malloc(m->n_en * sizeof *c);
    int rc = t.score && t.touched && owner && owner_score && c ? 0 : -1;
    size_t count = 0;
    for (size_t i = 0; rc == 0 && i < m->n_en; i++) {
        double score;
        size_t j = best_for(m, p, &t, i, &score);
        if (j == SIZE_MAX)
            continue;
        if (owner_score[j] == 0 || score > owner_score[j]) {
            owner[j] = i;
            owner_score[j] = score;
        }
        c[count++] = (candidate){i, j, score};
    }
    size_t kept = 0;
    for (size_t k = 0; rc == 0 && k < count; k++)
        if (owner[c[k].zh] == c[k].en && confirmed(m, c[k].en, c[k].zh))
            c[kept++] = c[k];
    free(t.score);
    free(t.touched);
    free(owner);
    free(owner_score);
    if (rc != 0)
        free(c);
    *out = rc == 0 ? c : NULL;
    *n = kept;
    return rc;
}

/* The longest chain of candidates (ascending in English already) whose
 * Chinese ascends too, as path points between the corners. */
static int chain(const tme_align_model *m, const candidate *c, size_t n, tme_align_point **points,
                 size_t *n_points)
{
    size_t *tail = malloc((n + 1) * sizeof *tail), *prev = malloc((n + 1) * sizeof *prev);
    tme_align_point *out = malloc((n + 2) * sizeof *out);
    if (tail == NULL || prev == NULL || out == NULL) {
        free(tail);
        free(prev);
        free(out);
        return -1;
    }
    size_t length = 0;
    for (size_t k = 0; k < n; k++) {
        size_t lo = 0, hi = length; /* first chain end whose Chinese is not below */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c[tail[mid]].zh < c[k].zh)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[k] = lo > 0 ? tail[lo - 1] : SIZE_MAX;
        tail[lo] = k;
        if (lo == length)
            length++;
    }
    out[0] = (tme_align_point){0, 0};
    for (size_t k = length ? tail[length - 1] : SIZE_MAX, at = length; k != SIZE_MAX; k = prev[k])
        out[at--] = (tme_align_point){c[k].en, c[k].zh};
    out[length + 1] = (tme_align_point){m->n_en, m->n_zh};
    free(tail);
    free(prev);
    *points = out;
    *n_points = length + 2;
    return 0;
}

int tme_align_anchors(tme_align_model *m, tme_align_point **points, size_t *n)
{
    *points = NULL;
    *n = 0;
    if (!tme_lexical_active(&m->lexical))
        return chain(m, NULL, 0, points, n);
    postings p;
    candidate *c = NULL;
    size_t count = 0;
    int rc = build_postings(m, &p);
    if (rc == 0)
        rc = find_candidates(m, &p, &c, &count);
    if (rc == 0)
        rc = chain(m, c, count, points, n);
    free(c);
    free_postings(&p);
    return rc;
}
