/* SPDX-License-Identifier: MIT */
/* The bead cost: length model, anchors, lexical evidence. The length of a
 * bead is measured between its sides (the mean of the English length and
 * the Chinese one in English units). */
#include "align_cost.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sort_ids.h"

#define MAX_ANCHORS_PER_SENTENCE 8

/* Penalties (negative log priors) of the bead kinds. 2-2 and 1-3/3-1 cost
 * more than a 1-2 plus a 2-1 so that the smallest units win whenever the
 * lengths allow a split (strict F1 rewards the smallest correct units); an
 * indel costs more than a 1-2 so that a Chinese translation split in two is
 * not read as a 1-1 plus a stray sentence. */
#define COST_1_1 0.16
#define COST_1_2 2.8
#define COST_2_2 6.0
#define COST_1_3 6.0
#define COST_INDEL 5.3

/* Anchor evidence, in the same (nats) units as the length cost. A soft
 * anchor (a Han numeral) earns the bonus when matched and costs nothing
 * when not. */
#define BONUS_MATCH 1.0
#define PENALTY_ZH_LATIN_MISSING 1.5 /* a Latin token in Chinese absent from the English */
#define PENALTY_ZH_NUMBER_MISSING 1.0
#define PENALTY_EN_ANCHOR_MISSING 0.5 /* English numbers may be spelt out in Chinese */
/* Leaving out a sentence whose anchors occur on the other side is doubtful:
 * numbers and Latin names are copied by translators, not invented. */
#define PENALTY_INDEL_SHARED_ANCHOR 0.75
#define BONUS_MARKS_AGREE 0.3
#define PENALTY_MARKS_DISAGREE 0.3

/* How much of the lexical evidence counts: the lemmas of a sentence are not
 * independent tests (a phrase's words come and go together). */
#define LEXICAL_WEIGHT 0.5

const tme_bead_kind tme_bead_kinds[TME_BEAD_KINDS] = {
    {1, 1, COST_1_1}, {1, 2, COST_1_2}, {2, 1, COST_1_2},   {2, 2, COST_2_2},
    {1, 3, COST_1_3}, {3, 1, COST_1_3}, {1, 0, COST_INDEL}, {0, 1, COST_INDEL},
};

/* ---- the sides ----------------------------------------------------------- */

/* The sorted keys of the Latin anchors of the Chinese side. */
static uint64_t *latin_keys(tme_arena *arena, const tme_align_side *zh, size_t *count)
{
    uint64_t *keys = tme_arena_alloc(arena, zh->n_anchors, sizeof *keys);
    if (keys == NULL)
        return NULL;
    size_t n = 0;
    for (size_t k = 0; k < zh->n_anchors; k++)
        if (zh->anchors[k].kind == TME_ANCHOR_LATIN)
            keys[n++] = zh->anchors[k].key;
    tme_sort_u64(keys, n);
    *count = n;
    return keys;
}

/* The aligner's view of one side's features: the first
 * MAX_ANCHORS_PER_SENTENCE anchors of each sentence, and of the English
 * Latin tokens only those that occur as such somewhere on the Chinese side
 * (latin_set), since most English words are translated, not copied. */
static int build_side(tme_arena *arena, const tme_features *f, const uint64_t *latin_set,
                      size_t latin_count, tme_align_side *side)
{
    size_t n = f->n_sentences;
    side->sentences = tme_arena_alloc(arena, n, sizeof *side->sentences);
    side->length_prefix = tme_arena_alloc(arena, n + 1, sizeof *side->length_prefix);
    /* some of the features' anchors */
    side->anchors = tme_arena_alloc(arena, f->n_anchors, sizeof *side->anchors);
    if (side->sentences == NULL || side->length_prefix == NULL || side->anchors == NULL)
        return -1;
    side->length_prefix[0] = 0;
    for (size_t k = 0; k < n; k++) {
        const tme_sentence_features *in = &f->sentences[k];
        tme_align_sentence *s = &side->sentences[k];
        s->length = in->length;
        s->marks = in->marks & (TME_MARK_QUOTE | TME_MARK_PAREN);
        memset(s->most, 0, sizeof s->most);
        side->length_prefix[k + 1] = side->length_prefix[k] + s->length;
        s->anchor_begin = side->n_anchors;
        for (size_t a = in->anchor_begin; a < in->anchor_end; a++) {
            tme_anchor an = f->anchors[a];
            if (latin_set != NULL && an.kind == TME_ANCHOR_LATIN &&
                !tme_sorted_has_u64(latin_set, latin_count, an.key))
                continue;
            if (side->n_anchors - s->anchor_begin >= MAX_ANCHORS_PER_SENTENCE)
                break;
            side->anchors[side->n_anchors++] = an;
        }
        s->anchor_end = side->n_anchors;
    }
    return 0;
}

static uint64_t anchor_identity(tme_anchor a)
{
    return a.key * 4 + (uint64_t)a.kind;
}

/* Sorted identities of all anchors of one side. */
static uint64_t *anchor_identities(tme_arena *arena, const tme_align_side *side)
{
    uint64_t *ids = tme_arena_alloc(arena, side->n_anchors, sizeof *ids);
    if (ids == NULL)
        return NULL;
    for (size_t k = 0; k < side->n_anchors; k++)
        ids[k] = anchor_identity(side->anchors[k]);
    tme_sort_u64(ids, side->n_anchors);
    return ids;
}

static void count_shared(tme_align_side *side, size_t n, const uint64_t *other_ids, size_t n_other)
{
    for (size_t k = 0; k < n; k++) {
        tme_align_sentence *f = &side->sentences[k];
        f->shared_anchors = 0;
        for (size_t a = f->anchor_begin; a < f->anchor_end; a++)
            f->shared_anchors +=
                !(side->anchors[a].flags & TME_ANCHOR_SOFT) &&
                tme_sorted_has_u64(other_ids, n_other, anchor_identity(side->anchors[a]));
        f->indel_cost = COST_INDEL + PENALTY_INDEL_SHARED_ANCHOR * (double)f->shared_anchors;
    }
}

static int mark_shared_anchors(tme_align_model *m)
{
    uint64_t *en_ids = anchor_identities(&m->arena, &m->en);
    uint64_t *zh_ids = anchor_identities(&m->arena, &m->zh);
    if (en_ids == NULL || zh_ids == NULL)
        return -1;
    count_shared(&m->en, m->n_en, zh_ids, m->zh.n_anchors);
    count_shared(&m->zh, m->n_zh, en_ids, m->en.n_anchors);
    return 0;
}

/* The ranges of 1..3 sentences of a side that end at each sentence
 * boundary (what the beads ending there share). Their unmatched costs are
 * exact sums (unmatched_cost). */
static int side_ranges(tme_arena *arena, tme_align_side *side, size_t n)
{
    side->ranges = tme_arena_calloc(arena, (n + 1) * TME_ALIGN_MAX_SIDE, sizeof *side->ranges);
    if (side->ranges == NULL)
        return -1;
    for (size_t end = 1; end <= n; end++) {
        tme_align_range sum = {0};
        for (size_t d = 1; d <= TME_ALIGN_MAX_SIDE && d <= end; d++) {
            const tme_align_sentence *first = &side->sentences[end - d];
            sum.length = side->length_prefix[end] - side->length_prefix[end - d];
            sum.unmatched_cost += first->unmatched_cost;
            sum.anchors = side->sentences[end - 1].anchor_end - first->anchor_begin;
            sum.signature |= first->anchor_signature;
            sum.marks |= first->marks;
            side->ranges[end * TME_ALIGN_MAX_SIDE + d - 1] = sum;
        }
    }
    return 0;
}

/* A bit of a 64-bit signature for an anchor identity (Fibonacci hashing). */
static uint64_t signature_bit(tme_anchor a)
{
    return (uint64_t)1 << ((anchor_identity(a) * 0x9E3779B97F4A7C15ULL) >> 58);
}

/* What an anchor costs when it is not matched (anchor_cost's penalties,
 * zh: a Chinese one). */
static double anchor_penalty(tme_anchor an, int zh)
{
    if (an.flags & TME_ANCHOR_SOFT)
        return 0;
    return !zh                           ? PENALTY_EN_ANCHOR_MISSING
           : an.kind == TME_ANCHOR_LATIN ? PENALTY_ZH_LATIN_MISSING
                                         : PENALTY_ZH_NUMBER_MISSING;
}

/* Each sentence's anchor signature and the cost of its anchors when none
 * is matched. */
static void sign_anchors(tme_align_side *side, size_t n, int zh)
{
    for (size_t k = 0; k < n; k++) {
        tme_align_sentence *f = &side->sentences[k];
        f->anchor_signature = 0;
        f->unmatched_cost = 0;
        for (size_t a = f->anchor_begin; a < f->anchor_end; a++) {
            f->anchor_signature |= signature_bit(side->anchors[a]);
            f->unmatched_cost += anchor_penalty(side->anchors[a], zh);
        }
    }
}

/* Each anchor's bit and penalty, for the floors (made only by the pruned
 * search: most paragraph pairs are searched whole, and the arrays were a
 * fifth of the model's set-up), in the model's arena. */
static int index_anchors(tme_arena *arena, tme_align_side *side, int zh)
{
    if (side->anchor_bit != NULL)
        return 0;
    side->anchor_bit = tme_arena_alloc(arena, side->n_anchors, sizeof *side->anchor_bit);
    side->anchor_penalty = tme_arena_alloc(arena, side->n_anchors, sizeof *side->anchor_penalty);
    if (side->anchor_bit == NULL || side->anchor_penalty == NULL)
        return -1;
    for (size_t a = 0; a < side->n_anchors; a++) {
        side->anchor_bit[a] = signature_bit(side->anchors[a]);
        side->anchor_penalty[a] = anchor_penalty(side->anchors[a], zh);
    }
    return 0;
}

int tme_align_prepare_floors(tme_align_model *m)
{
    return index_anchors(&m->arena, &m->en, 0) != 0 || index_anchors(&m->arena, &m->zh, 1) != 0 ? -1
                                                                                                : 0;
}

static int build_sides(tme_align_model *m, const tme_features *en, const tme_features *zh)
{
    size_t latin_count = 0;
    uint64_t *latin = NULL;
    int rc = build_side(&m->arena, zh, NULL, 0, &m->zh);
    if (rc == 0)
        rc = (latin = latin_keys(&m->arena, &m->zh, &latin_count)) == NULL ? -1 : 0;
    if (rc == 0)
        rc = build_side(&m->arena, en, latin, latin_count, &m->en);
    if (rc == 0)
        rc = mark_shared_anchors(m);
    if (rc == 0) {
        sign_anchors(&m->en, m->n_en, 0);
        sign_anchors(&m->zh, m->n_zh, 1);
        rc = side_ranges(&m->arena, &m->en, m->n_en) != 0 ||
                     side_ranges(&m->arena, &m->zh, m->n_zh) != 0
                 ? -1
                 : 0;
    }
    return rc;
}

/* The least power of two >= n, but at most limit (a power of two). */
static size_t covering_power_of_two(size_t n, size_t limit)
{
    size_t p = 1;
    while (p < n && p < limit)
        p *= 2;
    return p;
}

/* The ranges' lexical bounds: the sums of their sentences' (most, or the
 * sentences' own when NULL), in another order than the terms', which the
 * bounds' margins allow for. */
static inline void sum_ranges(tme_align_side *side, size_t n, const double *most)
{
    for (size_t end = 1; end <= n; end++)
        for (size_t d = 1; d <= TME_ALIGN_MAX_SIDE && d <= end; d++) {
            tme_align_range *r = &side->ranges[end * TME_ALIGN_MAX_SIDE + d - 1];
            const double *of =
                most ? most + (end - d) * TME_ALIGN_MAX_SIDE : side->sentences[end - d].most;
            for (size_t k = 0; k < TME_ALIGN_MAX_SIDE; k++)
                r->most[k] = (d > 1 ? r[-1].most[k] : 0) + of[k];
        }
}

/* For each sentence of a side and k sentences of the other, the most its
 * lexical term can be (k up to the tests' weights: no bead has more of
 * the other side; the others stay 0, never read). */
static void bound_terms(tme_align_side *side, size_t n, const tme_lexical_tests *t)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < TME_ALIGN_MAX_SIDE && k < t->weights; k++)
            side->sentences[i].most[k] = tme_lexical_most(t, i, k);
    sum_ranges(side, n, NULL);
}

void tme_align_bound_terms(tme_align_model *m, const double *en_most, const double *zh_most)
{
    if (m->cache == NULL)
        return;
    sum_ranges(&m->en, m->n_en, en_most);
    sum_ranges(&m->zh, m->n_zh, zh_most);
}

/* What build_sides takes of the arena for one side: each sentence, its
 * length prefix and ranges, and each anchor with its identity (and key). */
static size_t sides_bytes(const tme_features *f)
{
    size_t per_sentence =
        sizeof(tme_align_sentence) + sizeof(double) + TME_ALIGN_MAX_SIDE * sizeof(tme_align_range);
    return (f->n_sentences + 2) * per_sentence + f->n_anchors * (sizeof(tme_anchor) + 16) + 256;
}

tme_status tme_align_model_init(tme_align_model *m, const tme_features *en, const tme_features *zh,
                                tme_error *err)
{
    memset(m, 0, sizeof *m);
    m->n_en = en->n_sentences;
    m->n_zh = zh->n_sentences;
    tme_arena_init(&m->arena, sides_bytes(en) + sides_bytes(zh));
    if (build_sides(m, en, zh) != 0) {
        tme_align_model_free(m);
        return tme_error_nomem(err);
    }
    /* A bead has at most as many sentences of a side as the side has: a
     * pair of one sentence each (most paragraph pairs) needs the weights
     * for one only, a third of the pow() and log() calls of three. */
    size_t longer = m->n_en > m->n_zh ? m->n_en : m->n_zh;
    if (tme_lexical_init_weights(&m->lexical, en, zh, longer, err) != TME_OK) {
        tme_align_model_free(m);
        return err->status;
    }
    if (tme_lexical_active(&m->lexical)) {
        bound_terms(&m->en, m->n_en, &m->lexical.en_tests);
        bound_terms(&m->zh, m->n_zh, &m->lexical.zh_tests);
    }
    m->cache_rows = covering_power_of_two(m->n_en, TME_MASK_CACHE_ROWS);
    m->cache_columns = covering_power_of_two(m->n_zh, TME_MASK_CACHE_COLUMNS);
    while ((size_t)1 << m->cache_shift < m->cache_columns)
        m->cache_shift++;
    if (tme_lexical_active(&m->lexical) &&
        (m->cache = calloc(m->cache_rows * m->cache_columns, sizeof *m->cache)) == NULL) {
        tme_align_model_free(m);
        return tme_error_nomem(err);
    }
    return TME_OK;
}

void tme_align_model_free(tme_align_model *m)
{
    tme_arena_free(&m->arena);
    tme_lexical_free(&m->lexical);
    free(m->cache);
    memset(m, 0, sizeof *m);
}

/* ---- evidence ------------------------------------------------------------ */

/* −log(2·(1 − Φ(|δ|))), with the asymptotic form where erfc underflows. */
static double length_misfit_cost(double delta)
{
    delta = fabs(delta);
    if (delta < 8)
        return -log(erfc(delta / sqrt(2.0)));
    return delta * delta / 2 + log(delta) + 0.2257913526447274 /* log(pi/2)/2 */;
}

/* The marks (TME_MARK_*) of sentences [begin, end) of a side. */
static unsigned range_marks(const tme_align_side *side, size_t begin, size_t end)
{
    unsigned marks = 0;
    for (size_t k = begin; k < end; k++)
        marks |= side->sentences[k].marks;
    return marks;
}

/* The marks' cost of a bead whose sides have marks en and zh. */
static double marks_cost_of(unsigned en, unsigned zh)
{
    double cost = 0;
    for (unsigned mark = TME_MARK_PAREN;; mark = TME_MARK_QUOTE) {
        int e = (en & mark) != 0, z = (zh & mark) != 0;
        if (e && z)
            cost -= BONUS_MARKS_AGREE;
        else if (e != z)
            cost += PENALTY_MARKS_DISAGREE;
        if (mark == TME_MARK_QUOTE)
            return cost;
    }
}

static double marks_cost(const tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze)
{
    return marks_cost_of(range_marks(&m->en, eb, ee), range_marks(&m->zh, zb, ze));
}

/* The standardized misfit of the bead's lengths (length_misfit_cost's
 * argument). */
static double length_misfit(const tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze)
{
    double le = m->en.length_prefix[ee] - m->en.length_prefix[eb];
    double lz = m->zh.length_prefix[ze] - m->zh.length_prefix[zb];
    double base = (le + lz / TME_LENGTH_RATIO) / 2;
    return (lz - TME_LENGTH_RATIO * le) / sqrt(tme_length_variance(base > 1 ? base : 1));
}

/* 0 when no anchor of English [eb, ee) has the identity of one of Chinese
 * [zb, ze) (their signatures are disjoint). */
static int anchors_may_match(const tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze)
{
    uint64_t en = 0, zh = 0;
    for (size_t i = eb; i < ee; i++)
        en |= m->en.sentences[i].anchor_signature;
    for (size_t j = zb; j < ze; j++)
        zh |= m->zh.sentences[j].anchor_signature;
    return (en & zh) != 0;
}

/* anchor_cost's sum when nothing matches. Its bonuses and penalties are
 * multiples of 0.5, far from 2^52: every partial sum is exact, so this sum
 * in another order is the same double. */
static double unmatched_cost(const tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze)
{
    double cost = 0;
    for (size_t j = zb; j < ze; j++)
        cost += m->zh.sentences[j].unmatched_cost;
    for (size_t i = eb; i < ee; i++)
        cost += m->en.sentences[i].unmatched_cost;
    return cost;
}

/* Each Chinese anchor is matched with the first unused English one of the
 * same kind and key: the bonuses and penalties of a bead whose sides both
 * have anchors. The anchors of consecutive sentences are consecutive in the
 * side's array, so a bead's are read in place. */
static double matched_anchor_cost(const tme_align_model *m, size_t eb, size_t ee, size_t zb,
                                  size_t ze, size_t *matches)
{
    double cost = 0;
    const tme_anchor *ea = m->en.anchors + m->en.sentences[eb].anchor_begin;
    const tme_anchor *za = m->zh.anchors + m->zh.sentences[zb].anchor_begin;
    size_t ne = m->en.sentences[ee - 1].anchor_end - m->en.sentences[eb].anchor_begin;
    size_t nz = m->zh.sentences[ze - 1].anchor_end - m->zh.sentences[zb].anchor_begin;
    unsigned char used[TME_ALIGN_MAX_SIDE * MAX_ANCHORS_PER_SENTENCE] = {0};
    for (size_t z = 0; z < nz; z++) {
        size_t e = 0;
        while (e < ne && (used[e] || ea[e].kind != za[z].kind || ea[e].key != za[z].key))
            e++;
        if (e < ne) {
            used[e] = 1;
            (*matches)++;
            cost -= BONUS_MATCH;
        } else if (!(za[z].flags & TME_ANCHOR_SOFT)) {
            cost += za[z].kind == TME_ANCHOR_LATIN ? PENALTY_ZH_LATIN_MISSING
                                                   : PENALTY_ZH_NUMBER_MISSING;
        }
    }
    for (size_t e = 0; e < ne; e++)
        if (!used[e] && !(ea[e].flags & TME_ANCHOR_SOFT))
            cost += PENALTY_EN_ANCHOR_MISSING;
    return cost;
}

/* The anchors' and marks' cost of a bead; most beads have no anchor in
 * common (their signatures are disjoint), and those skip the matching. */
static double anchor_cost(const tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze,
                          size_t *matches)
{
    *matches = 0;
    double cost = anchors_may_match(m, eb, ee, zb, ze)
                      ? matched_anchor_cost(m, eb, ee, zb, ze, matches)
                      : unmatched_cost(m, eb, ee, zb, ze);
    return cost + marks_cost(m, eb, ee, zb, ze);
}

static void fill_masks(tme_align_model *m, tme_mask_entry *e, size_t en, size_t zh)
{
    e->key = ((uint64_t)en << 32 | zh) + 1;
    e->en_mask = tme_lexical_en_mask(&m->lexical, en, zh);
    e->zh_mask = tme_lexical_zh_mask(&m->lexical, zh, en);
    e->en_known = e->zh_known = 0;
}

/* The entry of English sentence en and Chinese sentence zh, its masks
 * known. */
static inline tme_mask_entry *cached_masks(tme_align_model *m, size_t en, size_t zh)
{
    tme_mask_entry *e =
        &m->cache[(en & (m->cache_rows - 1)) << m->cache_shift | (zh & (m->cache_columns - 1))];
    if (e->key != ((uint64_t)en << 32 | zh) + 1)
        fill_masks(m, e, en, zh);
    return e;
}

/* The lexical term of entry (a, b): English sentence a tested against
 * Chinese [b + 1 - k, b + 1) (zh 0), or Chinese sentence b against English
 * [a + 1 - k, a + 1) (zh 1). The entries of a range's sentences are
 * distinct slots (k is at most the sentence count, which the rows and
 * columns cover up to their limits), so asking one does not evict another. */
static inline double entry_term(tme_align_model *m, int zh, tme_mask_entry *e, size_t a, size_t b,
                                size_t k)
{
    unsigned *known = zh ? &e->zh_known : &e->en_known;
    double *term = zh ? e->zh_term : e->en_term;
    if (!(*known & (1u << (k - 1)))) {
        uint64_t mask = zh ? e->zh_mask : e->en_mask;
        for (size_t d = 1; d < k; d++)
            mask |= zh ? cached_masks(m, a - d, b)->zh_mask : cached_masks(m, a, b - d)->en_mask;
        term[k - 1] = tme_lexical_evidence(zh ? &m->lexical.zh_tests : &m->lexical.en_tests,
                                           zh ? b : a, mask, k);
        *known |= 1u << (k - 1);
    }
    return term[k - 1];
}

static inline double lexical_term(tme_align_model *m, int zh, size_t a, size_t b, size_t k)
{
    return entry_term(m, zh, cached_masks(m, a, b), a, b, k);
}

static double en_term(tme_align_model *m, size_t a, size_t b, size_t k)
{
    return lexical_term(m, 0, a, b, k);
}

static double zh_term(tme_align_model *m, size_t a, size_t b, size_t k)
{
    return lexical_term(m, 1, a, b, k);
}

/* Each side's sentences tested against the other side's: English lemmas
 * found in the bead's Chinese, Chinese words covered by its English. */
static double lexical_evidence(tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze)
{
    if (m->cache == NULL)
        return 0;
    double evidence = 0;
    for (size_t i = eb; i < ee; i++)
        evidence += en_term(m, i, ze - 1, ze - zb);
    for (size_t j = zb; j < ze; j++)
        evidence += zh_term(m, ee - 1, j, ee - eb);
    return evidence;
}

tme_bead_evidence tme_align_weigh(tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze)
{
    tme_bead_evidence ev;
    ev.length_cost = length_misfit_cost(length_misfit(m, eb, ee, zb, ze));
    ev.anchor_cost = anchor_cost(m, eb, ee, zb, ze, &ev.matches);
    ev.lexical = lexical_evidence(m, eb, ee, zb, ze);
    return ev;
}

double tme_align_bead_cost(tme_align_model *m, size_t kind, size_t ee, size_t ze)
{
    const tme_bead_kind *k = &tme_bead_kinds[kind];
    size_t eb = ee - k->en, zb = ze - k->zh;
    double kc = k->cost;
    if (eb == ee)
        return m->zh.sentences[zb].indel_cost;
    if (zb == ze)
        return m->en.sentences[eb].indel_cost;
    tme_bead_evidence ev = tme_align_weigh(m, eb, ee, zb, ze);
    return kc + ev.length_cost + ev.anchor_cost - LEXICAL_WEIGHT * ev.lexical;
}

/* ---- the beads ending at a cell ----------------------------------------- */

/* What the beads ending at cell (ee, ze) share, by the number d of
 * sentences of a side (index d - 1): the ranges' lengths, anchor counts and
 * marks, and the entries of English ee - d with Chinese ze - 1 and of English
 * ee - 1 with Chinese ze - d (fetched when first needed: asking one does not
 * evict another, their slots differ). */
typedef struct {
    size_t ee, ze;
    const tme_align_range *en, *zh; /* the side's ranges ending at ee, at ze */
    tme_mask_entry *en_entry[TME_ALIGN_MAX_SIDE], *zh_entry[TME_ALIGN_MAX_SIDE];
} cell;

/* The cell (ee, ze), its entries not yet fetched. */
static inline cell cell_at(const tme_align_model *m, size_t ee, size_t ze)
{
    return (cell){.ee = ee,
                  .ze = ze,
                  .en = m->en.ranges + ee * TME_ALIGN_MAX_SIDE,
                  .zh = m->zh.ranges + ze * TME_ALIGN_MAX_SIDE};
}

/* The standardized length misfit of the bead of de English and dz Chinese
 * sentences (length_misfit's operations on the same doubles). */
static inline double cell_misfit(const cell *c, size_t de, size_t dz)
{
    double le = c->en[de - 1].length, lz = c->zh[dz - 1].length;
    double base = (le + lz / TME_LENGTH_RATIO) / 2;
    return (lz - TME_LENGTH_RATIO * le) / sqrt(tme_length_variance(base > 1 ? base : 1));
}

/* The bead's lexical evidence, lexical_evidence's terms in its order: the
 * English sentences' (from 0), then the Chinese ones' added to them. */
static double cell_en_terms(tme_align_model *m, cell *c, size_t de, size_t dz)
{
    double evidence = 0;
    for (size_t d = de; d >= 1; d--) { /* English ee - de .. ee - 1 */
        if (c->en_entry[d - 1] == NULL)
            c->en_entry[d - 1] = cached_masks(m, c->ee - d, c->ze - 1);
        evidence += entry_term(m, 0, c->en_entry[d - 1], c->ee - d, c->ze - 1, dz);
    }
    return evidence;
}

static double cell_zh_terms(tme_align_model *m, cell *c, size_t de, size_t dz, double evidence)
{
    for (size_t d = dz; d >= 1; d--) { /* Chinese ze - dz .. ze - 1 */
        if (c->zh_entry[d - 1] == NULL)
            c->zh_entry[d - 1] =
                d == 1 && c->en_entry[0] ? c->en_entry[0] : cached_masks(m, c->ee - 1, c->ze - d);
        evidence += entry_term(m, 1, c->zh_entry[d - 1], c->ee - 1, c->ze - d, de);
    }
    return evidence;
}

/* A floor of length_misfit_cost(misfit). erfc(z) <= exp(-z^2) for z >= 0,
 * so the cost is at least d^2 / 2 (d = |misfit|), by a wide margin against
 * rounding (log(d) more from d = 8 on); and since erfc is log-concave the
 * cost is convex in d, so it lies above each of its tangents, which near
 * their point are far closer than d^2 / 2 (most beads have d below 4). The
 * tangent at the nearest of d = 0, 0.5, .. 4: slopes rounded down and
 * intercepts rounded down less 5e-6, each checked below the cost on a grid
 * of d up to 10 (beyond, they fall ever further below d^2 / 2). */
static inline double length_floor(double misfit)
{
    static const double tangent[][2] = {
        {0.797884, -0.000005}, {1.141077, -0.087780}, {1.525135, -0.377266},
        {1.938677, -0.895224}, {2.373215, -1.656399}, {2.822744, -2.668366},
        {3.283098, -3.934722}, {3.751391, -5.456957}, {4.225607, -7.235480},
    };
    double d = fabs(misfit), floor = 0.5 * d * d * (1 - 1e-9);
    size_t k = d < 4 ? (size_t)(2 * d + 0.5) : 8;
    double line = tangent[k][0] * d + tangent[k][1];
    return line > floor ? line : floor;
}

/* A floor of a bead's cost from a floor of its length cost, taking the
 * other terms in the order of the exact cost: each addition rounds
 * monotonically, so a floor of lower anchor cost and higher lexical
 * evidence is lower. The searches' own checks take d^2 / 2 (cheaper, and
 * close enough where they prune); the pruned search's floors the closer
 * length_floor (half as many cells kept on the align bench). */
static double floor_of(double kind_cost, double length, double anchor, double lexical)
{
    return kind_cost + length + anchor - LEXICAL_WEIGHT * lexical;
}

static double cost_floor(double kind_cost, double misfit, double anchor, double lexical)
{
    return floor_of(kind_cost, 0.5 * misfit * misfit * (1 - 1e-9), anchor, lexical);
}

/* Whether a bead whose cost is at least lowest cannot be the first of the
 * least: not below limit, or above strict_limit (a later kind's cost). */
static int cannot_win(double lowest, double limit, double strict_limit)
{
    return lowest >= limit || lowest > strict_limit;
}

/* The least anchor cost of a bead of ranges en and zh whose marks cost
 * marks: every anchor of the smaller side matched when their signatures
 * meet, else exactly anchor_cost without its matching. */
static inline double least_anchor_cost(const tme_align_range *en, const tme_align_range *zh,
                                       double marks)
{
    if (en->signature & zh->signature)
        return -BONUS_MATCH * (double)(en->anchors < zh->anchors ? en->anchors : zh->anchors) +
               marks;
    return (zh->unmatched_cost + en->unmatched_cost) + marks;
}

/* The cost of a bead of two non-empty sides from prev, or HUGE_VAL when it
 * cannot be below limit (nor reach limit when it may tie). Rough first:
 * every anchor of the smaller side matched, the marks' exact cost, and the
 * most the lexical terms can be; then the English sentences' exact terms
 * (most often cached), the exact anchor cost, the Chinese sentences' terms
 * (each bound again with the rest at its least or most, which the bounds'
 * margins allow whatever the order of the sums); the length misfit's tail
 * probability (the costliest term) last. */
static double two_sided_cost(tme_align_model *m, cell *c, size_t kind, double prev, double limit,
                             double strict_limit)
{
    const tme_bead_kind *k = &tme_bead_kinds[kind];
    size_t de = k->en, dz = k->zh;
    double misfit = cell_misfit(c, de, dz);
    const tme_align_range *en = &c->en[de - 1], *zh = &c->zh[dz - 1];
    int may_match = (en->signature & zh->signature) != 0;
    double marks = marks_cost_of(en->marks, zh->marks);
    double least = least_anchor_cost(en, zh, marks);
    double anchor = may_match ? 0 : least; /* exact when nothing can match */
    int lexicon = m->cache != NULL;
    double most = lexicon ? en->most[dz - 1] + zh->most[de - 1] : 0;
    if ((lexicon || may_match) &&
        cannot_win(prev + cost_floor(k->cost, misfit, least, most), limit, strict_limit))
        return HUGE_VAL;
    double lexical = 0;
    if (lexicon) {
        lexical = cell_en_terms(m, c, de, dz);
        if (cannot_win(prev + cost_floor(k->cost, misfit, least, lexical + zh->most[de - 1]), limit,
                       strict_limit))
            return HUGE_VAL;
    }
    size_t matches = 0;
    if (may_match) {
        anchor = matched_anchor_cost(m, c->ee - de, c->ee, c->ze - dz, c->ze, &matches) + marks;
        if (lexicon &&
            cannot_win(prev + cost_floor(k->cost, misfit, anchor, lexical + zh->most[de - 1]),
                       limit, strict_limit))
            return HUGE_VAL;
    }
    if (lexicon)
        lexical = cell_zh_terms(m, c, de, dz, lexical);
    if (cannot_win(prev + cost_floor(k->cost, misfit, anchor, lexical), limit, strict_limit))
        return HUGE_VAL;
    return prev + (k->cost + length_misfit_cost(misfit) + anchor - LEXICAL_WEIGHT * lexical);
}

double tme_align_best_bead(tme_align_model *m, size_t ee, size_t ze,
                           const double prev[TME_BEAD_KINDS], double best, unsigned char *kind)
{
    double indel[TME_BEAD_KINDS], later = HUGE_VAL;
    for (size_t k = 0; k < TME_BEAD_KINDS; k++)
        if ((tme_bead_kinds[k].en == 0 || tme_bead_kinds[k].zh == 0) && prev[k] != HUGE_VAL) {
            indel[k] = prev[k] + (tme_bead_kinds[k].zh == 0 ? m->en.sentences[ee - 1].indel_cost
                                                            : m->zh.sentences[ze - 1].indel_cost);
            later = indel[k] < later ? indel[k] : later;
        }
    cell c = cell_at(m, ee, ze);
    *kind = TME_NO_BEAD;
    for (size_t k = 0; k < TME_BEAD_KINDS; k++) {
        if (prev[k] == HUGE_VAL)
            continue;
        double cost = tme_bead_kinds[k].en == 0 || tme_bead_kinds[k].zh == 0
                          ? indel[k]
                          : two_sided_cost(m, &c, k, prev[k], best, later);
        if (cost < best) {
            best = cost;
            *kind = (unsigned char)k;
        }
    }
    return best;
}

double tme_align_bead_cost_below(tme_align_model *m, size_t kind, size_t ee, size_t ze,
                                 double limit)
{
    const tme_bead_kind *k = &tme_bead_kinds[kind];
    if (k->en == 0 || k->zh == 0)
        return tme_align_bead_cost(m, kind, ee, ze);
    cell c = cell_at(m, ee, ze);
    return two_sided_cost(m, &c, kind, 0, limit, HUGE_VAL);
}

/* A floor of matched_anchor_cost: an anchor whose signature bit the other
 * side lacks has no match there and pays its penalty; of the others, as
 * many as the smaller count match. Costs the anchors once each instead of
 * matching every pair (the floors are weighed at every cell of the band).
 * Penalties and bonuses are multiples of 0.5: the sum is exact. */
static double signed_anchor_floor(const tme_align_model *m, size_t eb, size_t ee, size_t zb,
                                  size_t ze, uint64_t en_signature, uint64_t zh_signature)
{
    size_t e0 = m->en.sentences[eb].anchor_begin, e1 = m->en.sentences[ee - 1].anchor_end;
    size_t z0 = m->zh.sentences[zb].anchor_begin, z1 = m->zh.sentences[ze - 1].anchor_end;
    size_t en_may = 0, zh_may = 0;
    double cost = 0;
    for (size_t z = z0; z < z1; z++)
        if (m->zh.anchor_bit[z] & en_signature)
            zh_may++;
        else
            cost += m->zh.anchor_penalty[z];
    for (size_t e = e0; e < e1; e++)
        if (m->en.anchor_bit[e] & zh_signature)
            en_may++;
        else
            cost += m->en.anchor_penalty[e];
    return cost - BONUS_MATCH * (double)(en_may < zh_may ? en_may : zh_may);
}

/* marks_cost_of for each pair of marks (en << 2 | zh; the marks are two
 * bits), the same doubles. */
static void marks_table(double table[16])
{
    for (unsigned en = 0; en < 4; en++)
        for (unsigned zh = 0; zh < 4; zh++)
            table[en << 2 | zh] = marks_cost_of(en, zh);
}

/* cost_floor's d^2 / 2 without the square root (most of the band's cells
 * are far, and a square root per kind was the costliest step there): the
 * squared misfit as the squared difference over the variance, and the
 * Chinese length in English units by a multiplication. Both differ from
 * cell_misfit's operations by a few units in the last place, which the
 * factor 1 - 1e-9 covers a millionfold. */
static inline double far_length_floor(const cell *c, size_t de, size_t dz)
{
    double le = c->en[de - 1].length, lz = c->zh[dz - 1].length;
    double base = (le + lz * (1 / TME_LENGTH_RATIO)) / 2;
    double gap = lz - TME_LENGTH_RATIO * le;
    return 0.5 * (1 - 1e-9) * (gap * gap) / tme_length_variance(base > 1 ? base : 1);
}

/* A two-sided bead's floor (tme_align_row_floors): close, the tangent
 * length floor and the anchor floor from the anchors' bits; else d^2 / 2
 * and every anchor of the smaller side matched (cheaper). Inlined where
 * kind and close are constants. */
static inline __attribute__((always_inline)) double two_sided_floor(const tme_align_model *m,
                                                                    const cell *c, size_t kind,
                                                                    const double *marks_costs,
                                                                    int close)
{
    size_t de = tme_bead_kinds[kind].en, dz = tme_bead_kinds[kind].zh;
    const tme_align_range *en = &c->en[de - 1], *zh = &c->zh[dz - 1];
    double marks = marks_costs[en->marks << 2 | zh->marks];
    double most = m->cache != NULL ? en->most[dz - 1] + zh->most[de - 1] : 0;
    if (!close)
        return floor_of(tme_bead_kinds[kind].cost, far_length_floor(c, de, dz),
                        least_anchor_cost(en, zh, marks), most);
    double misfit = cell_misfit(c, de, dz);
    double least = en->signature & zh->signature
                       ? signed_anchor_floor(m, c->ee - de, c->ee, c->ze - dz, c->ze, en->signature,
                                             zh->signature) +
                             marks
                       : least_anchor_cost(en, zh, marks);
    return floor_of(tme_bead_kinds[kind].cost, length_floor(misfit), least, most);
}

/* The floors of a cell whose row and column are at least
 * TME_ALIGN_MAX_SIDE (every kind fits), kinds in tme_bead_kinds' order:
 * the six two-sided ones, then 1-0 and 0-1; kind k's at floor[k * stride]. */
static inline __attribute__((always_inline)) void inner_floors(const tme_align_model *m,
                                                               const cell *c,
                                                               const double *marks_costs, int close,
                                                               double *floor, size_t stride)
{
    floor[0 * stride] = two_sided_floor(m, c, 0, marks_costs, close);
    floor[1 * stride] = two_sided_floor(m, c, 1, marks_costs, close);
    floor[2 * stride] = two_sided_floor(m, c, 2, marks_costs, close);
    floor[3 * stride] = two_sided_floor(m, c, 3, marks_costs, close);
    floor[4 * stride] = two_sided_floor(m, c, 4, marks_costs, close);
    floor[5 * stride] = two_sided_floor(m, c, 5, marks_costs, close);
    floor[6 * stride] = m->en.sentences[c->ee - 1].indel_cost;
    floor[7 * stride] = m->zh.sentences[c->ze - 1].indel_cost;
}

/* The floors of any cell (a kind that does not fit: HUGE_VAL). */
static void edge_floors(const tme_align_model *m, const cell *c, const double *marks_costs,
                        int close, double *floor, size_t stride)
{
    for (size_t k = 0; k < TME_BEAD_KINDS; k++) {
        size_t de = tme_bead_kinds[k].en, dz = tme_bead_kinds[k].zh;
        double *at = floor + k * stride;
        if (de > c->ee || dz > c->ze)
            *at = HUGE_VAL;
        else if (de == 0 || dz == 0)
            *at = de == 0 ? m->zh.sentences[c->ze - 1].indel_cost
                          : m->en.sentences[c->ee - 1].indel_cost;
        else
            *at = two_sided_floor(m, c, k, marks_costs, close);
    }
}

void tme_align_row_floors(const tme_align_model *m, size_t ee, size_t lo, size_t hi,
                          size_t close_lo, size_t close_hi, double *floor)
{
    double marks_costs[16];
    marks_table(marks_costs);
    size_t stride = hi - lo + 1;
    for (size_t ze = lo; ze <= hi; ze++, floor++) {
        cell c = cell_at(m, ee, ze);
        int close = ze >= close_lo && ze <= close_hi;
        if (ee < TME_ALIGN_MAX_SIDE || ze < TME_ALIGN_MAX_SIDE)
            edge_floors(m, &c, marks_costs, close, floor, stride);
        else if (close)
            inner_floors(m, &c, marks_costs, 1, floor, stride);
        else
            inner_floors(m, &c, marks_costs, 0, floor, stride);
    }
}
