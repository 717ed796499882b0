/* SPDX-License-Identifier: MIT */
/* Sentence alignment of one English–Chinese paragraph pair: a Gale–Church
 * style dynamic programme over beads of up to three sentences a side, whose
 * cost adds a length model calibrated for English–Chinese to anchor evidence
 * (numbers, Latin-script tokens, quotation marks, parentheses).
 *
 * The sentences' lengths and anchors come from the features pass
 * (text_features.h), and so does the length model: Chinese = 0.325 ×
 * English (0.266 for the legal text, 0.34–0.38 for news), with a variance
 * that grows with the length and with its square. The length of a bead is
 * measured between its sides (the mean of the English length and the
 * Chinese one in English units).
 *
 * Band. Cell (i, j) is searched when |i·n_zh − j·n_en| ≤ BAND_HALF_WIDTH ·
 * max(n_en, n_zh): a strip around the length-proportional diagonal that is
 * BAND_HALF_WIDTH sentences wide on the longer side. Each row then holds at
 * most 2·BAND_HALF_WIDTH·max/n_en + 2 cells, so the whole strip holds
 * O(BAND_HALF_WIDTH · (n_en + n_zh)) cells however unequal the counts are,
 * and when either side has at most BAND_HALF_WIDTH sentences the strip is
 * the whole matrix (an exact search). Costs live in four rolling rows; only
 * one byte of back-pointer per cell is kept. */
#include "align.h"

#include "array.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BAND_HALF_WIDTH 64
#define MAX_ANCHORS_PER_SENTENCE 8
#define MAX_BEAD_SIDE 3

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

typedef tme_anchor anchor;

typedef struct {
    double length;
    size_t anchor_begin, anchor_end; /* into the side's anchor array */
    size_t shared_anchors;           /* of those, how many occur on the other side */
    int has_quote, has_paren;
} sentence_features;

typedef struct {
    sentence_features *sentences;
    anchor *anchors;
    size_t n_anchors, cap_anchors;
    double *length_prefix; /* length_prefix[k] = total length of sentences [0, k) */
} side_features;

/* The kinds of bead, as (English count, Chinese count). */
static const struct {
    unsigned char en, zh;
    double cost;
} bead_kinds[] = {
    {1, 1, COST_1_1}, {1, 2, COST_1_2}, {2, 1, COST_1_2},   {2, 2, COST_2_2},
    {1, 3, COST_1_3}, {3, 1, COST_1_3}, {1, 0, COST_INDEL}, {0, 1, COST_INDEL},
};
#define N_BEAD_KINDS (sizeof bead_kinds / sizeof bead_kinds[0])
#define NO_BEAD 0xff

/* ---- features ---------------------------------------------------------- */

static int push_anchor(side_features *side, anchor a)
{
    if (TME_ARRAY_RESERVE(side->anchors, side->cap_anchors, side->n_anchors + 1) != TME_OK)
        return -1;
    side->anchors[side->n_anchors++] = a;
    return 0;
}

static int uint64_in_sorted(const uint64_t *set, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (set[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && set[lo] == key;
}

static int compare_uint64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The sorted keys of the Latin anchors of the Chinese side. */
static uint64_t *latin_keys(const side_features *zh, size_t *count)
{
    uint64_t *keys = malloc((zh->n_anchors ? zh->n_anchors : 1) * sizeof *keys);
    if (keys == NULL)
        return NULL;
    size_t n = 0;
    for (size_t k = 0; k < zh->n_anchors; k++)
        if (zh->anchors[k].kind == TME_ANCHOR_LATIN)
            keys[n++] = zh->anchors[k].key;
    qsort(keys, n, sizeof *keys, compare_uint64);
    *count = n;
    return keys;
}

/* The aligner's view of one side's features: the first
 * MAX_ANCHORS_PER_SENTENCE anchors of each sentence, and of the English
 * Latin tokens only those that occur as such somewhere on the Chinese side
 * (latin_set), since most English words are translated, not copied. */
static int build_side(const tme_features *f, const uint64_t *latin_set, size_t latin_count,
                      side_features *side)
{
    size_t n = f->n_sentences;
    side->sentences = malloc((n ? n : 1) * sizeof *side->sentences);
    side->length_prefix = malloc((n + 1) * sizeof *side->length_prefix);
    if (side->sentences == NULL || side->length_prefix == NULL)
        return -1;
    side->length_prefix[0] = 0;
    for (size_t k = 0; k < n; k++) {
        const tme_sentence_features *in = &f->sentences[k];
        sentence_features *s = &side->sentences[k];
        s->length = in->length;
        s->has_quote = (in->marks & TME_MARK_QUOTE) != 0;
        s->has_paren = (in->marks & TME_MARK_PAREN) != 0;
        side->length_prefix[k + 1] = side->length_prefix[k] + s->length;
        s->anchor_begin = side->n_anchors;
        for (size_t a = in->anchor_begin; a < in->anchor_end; a++) {
            anchor an = f->anchors[a];
            if (latin_set != NULL && an.kind == TME_ANCHOR_LATIN &&
                !uint64_in_sorted(latin_set, latin_count, an.key))
                continue;
            if (side->n_anchors - s->anchor_begin >= MAX_ANCHORS_PER_SENTENCE)
                break;
            if (push_anchor(side, an) != 0)
                return -1;
        }
        s->anchor_end = side->n_anchors;
    }
    return 0;
}

static uint64_t anchor_identity(anchor a)
{
    return a.key * 4 + (uint64_t)a.kind;
}

/* Sorted identities of all anchors of one side. */
static uint64_t *anchor_identities(const side_features *side)
{
    uint64_t *ids = malloc((side->n_anchors ? side->n_anchors : 1) * sizeof *ids);
    if (ids == NULL)
        return NULL;
    for (size_t k = 0; k < side->n_anchors; k++)
        ids[k] = anchor_identity(side->anchors[k]);
    qsort(ids, side->n_anchors, sizeof *ids, compare_uint64);
    return ids;
}

static void count_shared(side_features *side, size_t n, const uint64_t *other_ids, size_t n_other)
{
    for (size_t k = 0; k < n; k++) {
        sentence_features *f = &side->sentences[k];
        f->shared_anchors = 0;
        for (size_t a = f->anchor_begin; a < f->anchor_end; a++)
            f->shared_anchors +=
                !(side->anchors[a].flags & TME_ANCHOR_SOFT) &&
                uint64_in_sorted(other_ids, n_other, anchor_identity(side->anchors[a]));
    }
}

static int mark_shared_anchors(side_features *en, size_t n_en, side_features *zh, size_t n_zh)
{
    uint64_t *en_ids = anchor_identities(en), *zh_ids = anchor_identities(zh);
    if (en_ids == NULL || zh_ids == NULL) {
        free(en_ids);
        free(zh_ids);
        return -1;
    }
    count_shared(en, n_en, zh_ids, zh->n_anchors);
    count_shared(zh, n_zh, en_ids, en->n_anchors);
    free(en_ids);
    free(zh_ids);
    return 0;
}

static void free_side(side_features *side)
{
    free(side->sentences);
    free(side->anchors);
    free(side->length_prefix);
}

/* ---- bead cost and score ---------------------------------------------- */

typedef struct {
    double length_cost; /* −log of the two-sided tail probability of the length misfit */
    double anchor_cost; /* penalties minus bonuses */
    size_t matches;
} bead_evidence;

/* −log(2·(1 − Φ(|δ|))), with the asymptotic form where erfc underflows. */
static double length_misfit_cost(double delta)
{
    delta = fabs(delta);
    if (delta < 8)
        return -log(erfc(delta / sqrt(2.0)));
    return delta * delta / 2 + log(delta) + 0.2257913526447274 /* log(pi/2)/2 */;
}

static size_t gather_anchors(const side_features *side, size_t begin, size_t end, anchor *out)
{
    size_t n = 0;
    for (size_t k = begin; k < end; k++)
        for (size_t a = side->sentences[k].anchor_begin; a < side->sentences[k].anchor_end; a++)
            out[n++] = side->anchors[a];
    return n;
}

static int any_flag(const side_features *side, size_t begin, size_t end, int quote)
{
    for (size_t k = begin; k < end; k++)
        if (quote ? side->sentences[k].has_quote : side->sentences[k].has_paren)
            return 1;
    return 0;
}

static double marks_cost(const side_features *en, size_t eb, size_t ee, const side_features *zh,
                         size_t zb, size_t ze)
{
    double cost = 0;
    for (int quote = 0; quote <= 1; quote++) {
        int e = any_flag(en, eb, ee, quote), z = any_flag(zh, zb, ze, quote);
        if (e && z)
            cost -= BONUS_MARKS_AGREE;
        else if (e != z)
            cost += PENALTY_MARKS_DISAGREE;
    }
    return cost;
}

static bead_evidence weigh_bead(const side_features *en, size_t eb, size_t ee,
                                const side_features *zh, size_t zb, size_t ze)
{
    bead_evidence ev = {0, 0, 0};
    double le = en->length_prefix[ee] - en->length_prefix[eb];
    double lz = zh->length_prefix[ze] - zh->length_prefix[zb];
    double base = (le + lz / TME_LENGTH_RATIO) / 2;
    ev.length_cost = length_misfit_cost((lz - TME_LENGTH_RATIO * le) /
                                        sqrt(tme_length_variance(base > 1 ? base : 1)));

    anchor ea[MAX_BEAD_SIDE * MAX_ANCHORS_PER_SENTENCE];
    anchor za[MAX_BEAD_SIDE * MAX_ANCHORS_PER_SENTENCE];
    size_t ne = gather_anchors(en, eb, ee, ea), nz = gather_anchors(zh, zb, ze, za);
    unsigned char used[MAX_BEAD_SIDE * MAX_ANCHORS_PER_SENTENCE] = {0};
    for (size_t z = 0; z < nz; z++) {
        size_t e = 0;
        while (e < ne && (used[e] || ea[e].kind != za[z].kind || ea[e].key != za[z].key))
            e++;
        if (e < ne) {
            used[e] = 1;
            ev.matches++;
            ev.anchor_cost -= BONUS_MATCH;
        } else if (!(za[z].flags & TME_ANCHOR_SOFT)) {
            ev.anchor_cost += za[z].kind == TME_ANCHOR_LATIN ? PENALTY_ZH_LATIN_MISSING
                                                             : PENALTY_ZH_NUMBER_MISSING;
        }
    }
    for (size_t e = 0; e < ne; e++)
        if (!used[e] && !(ea[e].flags & TME_ANCHOR_SOFT))
            ev.anchor_cost += PENALTY_EN_ANCHOR_MISSING;
    ev.anchor_cost += marks_cost(en, eb, ee, zh, zb, ze);
    return ev;
}

static double bead_cost(const side_features *en, size_t eb, size_t ee, const side_features *zh,
                        size_t zb, size_t ze, double kind_cost)
{
    if (eb == ee)
        return kind_cost + PENALTY_INDEL_SHARED_ANCHOR * (double)zh->sentences[zb].shared_anchors;
    if (zb == ze)
        return kind_cost + PENALTY_INDEL_SHARED_ANCHOR * (double)en->sentences[eb].shared_anchors;
    bead_evidence ev = weigh_bead(en, eb, ee, zh, zb, ze);
    return kind_cost + ev.length_cost + ev.anchor_cost;
}

/* Maps the evidence to a confidence: a logistic of the length fit and the
 * anchor balance, discounted for merged beads (which are more often a
 * symptom of a segmentation or alignment problem than a true 2-2). */
static double bead_score(const side_features *en, const side_features *zh, const tme_bead *b)
{
    size_t ne = b->en_end - b->en_begin, nz = b->zh_end - b->zh_begin;
    if (ne == 0 || nz == 0)
        return 0;
    bead_evidence ev = weigh_bead(en, b->en_begin, b->en_end, zh, b->zh_begin, b->zh_end);
    double logit = 2.0 - 0.7 * ev.length_cost - ev.anchor_cost;
    double score = 1 / (1 + exp(-logit));
    if (ne + nz == 3)
        score *= 0.95;
    else if (ne + nz > 3)
        score *= 0.9;
    return score;
}

/* ---- banded dynamic programme ----------------------------------------- */

typedef struct {
    size_t n_en, n_zh, longer;
    size_t *row_lo, *row_hi; /* band of row i: columns [row_lo[i], row_hi[i]] */
    size_t *row_offset;      /* first back-pointer of row i */
    unsigned char *back;     /* kind index of the best bead ending at each cell */
} band;

static void band_row(const band *bd, size_t i, size_t *lo, size_t *hi)
{
    double centre = (double)i * (double)bd->n_zh;
    double reach = (double)BAND_HALF_WIDTH * (double)bd->longer;
    double l = ceil((centre - reach) / (double)bd->n_en);
    double h = floor((centre + reach) / (double)bd->n_en);
    *lo = l < 0 ? 0 : (size_t)l;
    *hi = h > (double)bd->n_zh ? bd->n_zh : (size_t)h;
}

static int band_init(band *bd, size_t n_en, size_t n_zh, size_t *max_width)
{
    bd->n_en = n_en;
    bd->n_zh = n_zh;
    bd->longer = n_en > n_zh ? n_en : n_zh;
    bd->row_lo = malloc((n_en + 1) * sizeof *bd->row_lo);
    bd->row_hi = malloc((n_en + 1) * sizeof *bd->row_hi);
    bd->row_offset = malloc((n_en + 2) * sizeof *bd->row_offset);
    bd->back = NULL;
    if (bd->row_lo == NULL || bd->row_hi == NULL || bd->row_offset == NULL)
        return -1;
    size_t total = 0;
    *max_width = 0;
    for (size_t i = 0; i <= n_en; i++) {
        band_row(bd, i, &bd->row_lo[i], &bd->row_hi[i]);
        size_t width = bd->row_hi[i] - bd->row_lo[i] + 1;
        bd->row_offset[i] = total;
        total += width;
        if (width > *max_width)
            *max_width = width;
    }
    bd->row_offset[n_en + 1] = total;
    bd->back = malloc(total);
    return bd->back == NULL ? -1 : 0;
}

static void band_free(band *bd)
{
    free(bd->row_lo);
    free(bd->row_hi);
    free(bd->row_offset);
    free(bd->back);
}

static int fill_band(band *bd, const side_features *en, const side_features *zh, size_t max_width)
{
    double *rows[MAX_BEAD_SIDE + 1];
    double *cost_rows = malloc((MAX_BEAD_SIDE + 1) * max_width * sizeof *cost_rows);
    if (cost_rows == NULL)
        return -1;
    for (size_t r = 0; r <= MAX_BEAD_SIDE; r++)
        rows[r] = cost_rows + r * max_width;
    for (size_t i = 0; i <= bd->n_en; i++) {
        double *row = rows[i % (MAX_BEAD_SIDE + 1)];
        unsigned char *back = bd->back + bd->row_offset[i];
        for (size_t j = bd->row_lo[i]; j <= bd->row_hi[i]; j++) {
            double best = i == 0 && j == 0 ? 0 : HUGE_VAL;
            unsigned char best_kind = NO_BEAD;
            for (size_t k = 0; k < N_BEAD_KINDS; k++) {
                size_t de = bead_kinds[k].en, dz = bead_kinds[k].zh;
                if (de > i || dz > j)
                    continue;
                size_t pi = i - de, pj = j - dz;
                if (pj < bd->row_lo[pi] || pj > bd->row_hi[pi])
                    continue;
                double prev = rows[pi % (MAX_BEAD_SIDE + 1)][pj - bd->row_lo[pi]];
                if (prev == HUGE_VAL)
                    continue;
                double c = prev + bead_cost(en, pi, i, zh, pj, j, bead_kinds[k].cost);
                if (c < best) {
                    best = c;
                    best_kind = (unsigned char)k;
                }
            }
            row[j - bd->row_lo[i]] = best;
            back[j - bd->row_lo[i]] = best_kind;
        }
    }
    free(cost_rows);
    return 0;
}

/* Walks the back-pointers from the end; beads come out last first. */
static int trace_beads(const band *bd, tme_bead **beads, size_t *n_beads)
{
    size_t cap = bd->n_en + bd->n_zh + 1;
    tme_bead *out = malloc(cap * sizeof *out);
    if (out == NULL)
        return -1;
    size_t n = 0, i = bd->n_en, j = bd->n_zh;
    while (i > 0 || j > 0) {
        unsigned char k = bd->back[bd->row_offset[i] + (j - bd->row_lo[i])];
        if (k == NO_BEAD) { /* cannot happen: the band always joins the corners */
            free(out);
            return -1;
        }
        out[n++] = (tme_bead){i - bead_kinds[k].en, i, j - bead_kinds[k].zh, j, 0};
        i -= bead_kinds[k].en;
        j -= bead_kinds[k].zh;
    }
    for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
        tme_bead t = out[a];
        out[a] = out[b];
        out[b] = t;
    }
    *beads = out;
    *n_beads = n;
    return 0;
}

/* One-sided input: every sentence is its own 1-0 or 0-1 bead. */
static int unmatched_beads(size_t n_en, size_t n_zh, tme_bead **beads, size_t *n_beads)
{
    size_t n = n_en + n_zh;
    tme_bead *out = malloc((n ? n : 1) * sizeof *out);
    if (out == NULL)
        return -1;
    for (size_t k = 0; k < n_en; k++)
        out[k] = (tme_bead){k, k + 1, 0, 0, 0};
    for (size_t k = 0; k < n_zh; k++)
        out[n_en + k] = (tme_bead){0, 0, k, k + 1, 0};
    *beads = out;
    *n_beads = n;
    return 0;
}

static int align_features(const side_features *en, size_t n_en, const side_features *zh,
                          size_t n_zh, tme_bead **beads, size_t *n_beads)
{
    band bd;
    size_t max_width;
    int rc = band_init(&bd, n_en, n_zh, &max_width);
    if (rc == 0)
        rc = fill_band(&bd, en, zh, max_width);
    if (rc == 0)
        rc = trace_beads(&bd, beads, n_beads);
    band_free(&bd);
    if (rc == 0)
        for (size_t k = 0; k < *n_beads; k++)
            (*beads)[k].score = bead_score(en, zh, &(*beads)[k]);
    return rc;
}

static int align_sides(const tme_features *en, const tme_features *zh, tme_bead **beads,
                       size_t *n_beads)
{
    size_t n_en = en->n_sentences, n_zh = zh->n_sentences;
    *beads = NULL;
    *n_beads = 0;
    if (n_en == 0 || n_zh == 0)
        return unmatched_beads(n_en, n_zh, beads, n_beads);

    side_features en_side = {0}, zh_side = {0};
    uint64_t *latin = NULL;
    size_t latin_count = 0;
    int rc = build_side(zh, NULL, 0, &zh_side);
    if (rc == 0) {
        latin = latin_keys(&zh_side, &latin_count);
        rc = latin == NULL ? -1 : 0;
    }
    if (rc == 0)
        rc = build_side(en, latin, latin_count, &en_side);
    if (rc == 0)
        rc = mark_shared_anchors(&en_side, n_en, &zh_side, n_zh);
    if (rc == 0)
        rc = align_features(&en_side, n_en, &zh_side, n_zh, beads, n_beads);
    free(latin);
    free_side(&en_side);
    free_side(&zh_side);
    return rc;
}

tme_status tme_align(const tme_features *en, const tme_features *zh, tme_bead **beads,
                     size_t *n_beads, tme_error *err)
{
    if (align_sides(en, zh, beads, n_beads) != 0)
        return tme_error_set(err, TME_ERR_NOMEM,
                             "out of memory aligning %zu English with %zu Chinese sentences",
                             en->n_sentences, zh->n_sentences);
    return TME_OK;
}
