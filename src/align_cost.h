/* SPDX-License-Identifier: MIT */
/* What a bead costs: the aligner's model of one English–Chinese paragraph
 * pair. A bead's cost is the negative log-likelihood (in nats) that its
 * sides translate each other, against their being unrelated, plus the
 * prior of its kind: the length model (text_features.h), the anchors
 * (numbers, Latin tokens, quotation marks and brackets a translator
 * copies), and the lexical evidence (align_lexical.h). The dynamic
 * programmes (align_band.h, align_posterior.h) only add up these costs. */
#ifndef TME_ALIGN_COST_H
#define TME_ALIGN_COST_H

#include <stddef.h>
#include <stdint.h>

#include "align_lexical.h"
#include "error.h"
#include "text_features.h"

#define TME_ALIGN_MAX_SIDE 3

/* The kinds of bead, as (English count, Chinese count) and the penalty
 * (negative log prior) of the kind. */
typedef struct {
    unsigned char en, zh;
    double cost;
} tme_bead_kind;

extern const tme_bead_kind tme_bead_kinds[];
#define TME_BEAD_KINDS 8
#define TME_NO_BEAD 0xff

typedef struct {
    double length;
    size_t anchor_begin, anchor_end; /* into the side's anchor array */
    size_t shared_anchors;           /* of those, how many occur on the other side */
    double indel_cost;               /* of the bead of it alone (tme_align_bead_cost) */
    uint64_t anchor_signature;       /* a bit for each anchor's identity */
    double unmatched_cost;           /* its anchors' penalties when none is matched */
    unsigned marks;                  /* TME_MARK_QUOTE, TME_MARK_PAREN */
    /* The most its lexical term can be against k = 1..3 sentences of the
     * other side, most[k - 1] (0 without a lexicon). */
    double most[TME_ALIGN_MAX_SIDE];
} tme_align_sentence;

/* Sentences [end - d, end) of a side, d = 1..TME_ALIGN_MAX_SIDE: their
 * length (length_prefix[end] - length_prefix[end - d]), anchors (count,
 * the OR of their signatures, the sum of their unmatched costs), marks and
 * lexical bounds. */
typedef struct {
    double length, unmatched_cost;
    double most[TME_ALIGN_MAX_SIDE]; /* the sum of the sentences' most[k] */
    size_t anchors;
    uint64_t signature;
    unsigned marks;
} tme_align_range;

typedef struct {
    tme_align_sentence *sentences;
    tme_anchor *anchors;
    uint64_t *anchor_bit;   /* each anchor's signature bit (tme_align_prepare_floors) */
    double *anchor_penalty; /* what it costs unmatched (0 for a soft one); likewise */
    size_t n_anchors;
    double *length_prefix;   /* length_prefix[k] = total length of sentences [0, k) */
    tme_align_range *ranges; /* [end * TME_ALIGN_MAX_SIDE + d - 1], end = 1..n */
} tme_align_side;

/* Recently asked masks (tme_lexical_mask) and lexical terms of sentence
 * pairs, kept because each is asked by every bead that holds the two
 * sentences: direct-mapped on the low bits of the two indices, which the
 * band's rows keep apart. At most this many rows and columns: a short pair
 * gets the powers of two that cover its sentences (zeroing the full table
 * for each paragraph pair was a fifth of extract's instructions).
 *
 * A bead's lexical evidence is a sum of terms, one per sentence: English
 * sentence a against its Chinese [zb, ze), Chinese sentence b against its
 * English [eb, ee). Entry (a, b) keeps en_term[k - 1], English a against
 * Chinese [b + 1 - k, b + 1), and zh_term[k - 1], Chinese b against English
 * [a + 1 - k, a + 1): the six bead kinds that end at a cell share them. */
#define TME_MASK_CACHE_ROWS 8
#define TME_MASK_CACHE_COLUMNS 1024
typedef struct {
    uint64_t key;                /* English index << 32 | Chinese index, + 1; 0 = empty */
    uint64_t en_mask, zh_mask;   /* tme_lexical_en_mask, tme_lexical_zh_mask */
    unsigned en_known, zh_known; /* bit k - 1: en_term[k - 1], zh_term[k - 1] known */
    double en_term[TME_ALIGN_MAX_SIDE], zh_term[TME_ALIGN_MAX_SIDE];
} tme_mask_entry;

typedef struct {
    tme_align_side en, zh;
    size_t n_en, n_zh;
    tme_lexical lexical;
    tme_mask_entry *cache;            /* cache_rows * cache_columns, or NULL */
    size_t cache_rows, cache_columns; /* powers of two, at most the TME_MASK_CACHE_* */
    unsigned cache_shift;             /* log2 of cache_columns */
    tme_arena arena;                  /* the sides' arrays */
} tme_align_model;

/* The model of aligning en with zh (text_features.h); both have sentences. */
tme_status tme_align_model_init(tme_align_model *m, const tme_features *en, const tme_features *zh,
                                tme_error *err);
void tme_align_model_free(tme_align_model *m);

typedef struct {
    double length_cost; /* -log of the two-sided tail probability of the length misfit */
    double anchor_cost; /* penalties minus bonuses */
    double lexical;     /* lexical evidence, nats (align_lexical.h) */
    size_t matches;     /* anchors found on both sides */
} tme_bead_evidence;

/* The evidence of English sentences [eb, ee) against Chinese [zb, ze),
 * both sides not empty. */
tme_bead_evidence tme_align_weigh(tme_align_model *m, size_t eb, size_t ee, size_t zb, size_t ze);

/* The cost of the bead of kind k (index in tme_bead_kinds) that ends with
 * English sentence ee and Chinese sentence ze (exclusive). */
double tme_align_bead_cost(tme_align_model *m, size_t kind, size_t ee, size_t ze);

/* The best bead ending at cell (ee, ze): prev[k] is the cost of the best
 * path to the cell where a bead of kind k would start (HUGE_VAL: none, or
 * outside the search), best the cell's cost before any bead (HUGE_VAL, or
 * 0 at the origin). Returns the least of best and prev[k] + the cost of
 * kind k, *kind the first k of that least (TME_NO_BEAD when best stands):
 * bit for bit what weighing every kind with tme_align_bead_cost gives.
 * Indels are weighed first (cheap); a kind whose cost's floor is not below
 * the best of the kinds before it, or is above an indel's (which comes
 * later in the order), cannot be the first of the least and is passed over
 * before the costly parts of its cost. */
double tme_align_best_bead(tme_align_model *m, size_t ee, size_t ze,
                           const double prev[TME_BEAD_KINDS], double best, unsigned char *kind);

/* tme_align_bead_cost, the same double as the searches add, or HUGE_VAL
 * when a two-sided bead's cost cannot be below limit (found out before its
 * costly terms, as tme_align_best_bead does). */
double tme_align_bead_cost_below(tme_align_model *m, size_t kind, size_t ee, size_t ze,
                                 double limit);

/* A floor of each kind's cost (tme_align_bead_cost) for the beads ending
 * at cells (ee, lo .. hi), floor[k * (hi - lo + 1) + ze - lo] (a row of
 * each kind, which the floors' pushes read in order), HUGE_VAL
 * for a kind that does not fit: an indel's exact cost, else the kind's
 * cost, a floor of the length cost, an anchor floor and the most the
 * ranges' lexical terms can be, added in the order of the cost (never
 * above it, whatever the rounding). The floors of the columns close_lo ..
 * close_hi are closer and cost more. tme_align_prepare_floors first (once;
 * -1 for want of memory). */
int tme_align_prepare_floors(tme_align_model *m);
void tme_align_row_floors(const tme_align_model *m, size_t ee, size_t lo, size_t hi,
                          size_t close_lo, size_t close_hi, double *floor);

/* Kind k's floors, cells lo .. hi, in a row tme_align_row_floors wrote. */
static inline const double *tme_align_kind_floors(const double *floor, size_t lo, size_t hi,
                                                  size_t k)
{
    return floor + k * (hi - lo + 1);
}

/* The lexical bounds the floors and the searches' checks take: en_most and
 * zh_most (each sentence's most against k = 1..TME_ALIGN_MAX_SIDE
 * sentences of the other side, [sentence * TME_ALIGN_MAX_SIDE + k - 1],
 * with margins for the rounding of sums in another order, as
 * tme_lexical_most's), valid for the beads of one band (align_term_bounds.h)
 * and closer than tme_lexical_most; both NULL: tme_lexical_most again. */
void tme_align_bound_terms(tme_align_model *m, const double *en_most, const double *zh_most);

#endif
