/* SPDX-License-Identifier: MIT */
/* Sentence alignment of one English–Chinese paragraph pair: a Gale–Church
 * style dynamic programme over beads of up to three sentences a side, whose
 * costs (align_cost.h) add a length model calibrated for English–Chinese,
 * anchor evidence (numbers, Latin-script tokens, quotation marks,
 * parentheses) and lexical evidence (align_lexical.h).
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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align_anchors.h"
#include "align_band.h"
#include "align_cost.h"
#include "align_prune.h"

/* The probability that a bead is a correct translation pair (a gold unit
 * or consecutive gold units joined): a logistic of its evidence, fitted
 * (maximum likelihood) on the units tmexport makes of the articles of
 * samples/ and the shared corpus with their gold, as they are and with
 * sentences deleted or replaced by others (10 variants of each text article,
 * 5 changes each; 15,400 units, 430 wrong), with and without the lexicon.
 * Merged beads are more often a symptom of a segmentation or alignment
 * problem than a true 2-1. Lexical evidence is clipped: a long bead's
 * runs to hundreds of nats, which says no more than 15. */
#define SCORE_BIAS 4.67
#define SCORE_PER_LENGTH_COST -1.25
#define SCORE_PER_ANCHOR_COST -0.72
#define SCORE_PER_LEXICAL_NAT 0.066
#define SCORE_LEXICAL_CLIP 15.0
#define SCORE_THREE_SENTENCES -2.84
#define SCORE_MORE_SENTENCES -4.03

static double bead_score(tme_align_model *m, const tme_bead *b)
{
    size_t ne = b->en_end - b->en_begin, nz = b->zh_end - b->zh_begin;
    if (ne == 0 || nz == 0)
        return 0;
    tme_bead_evidence ev = tme_align_weigh(m, b->en_begin, b->en_end, b->zh_begin, b->zh_end);
    double lexical = fmax(-SCORE_LEXICAL_CLIP, fmin(SCORE_LEXICAL_CLIP, ev.lexical));
    double logit = SCORE_BIAS + SCORE_PER_LENGTH_COST * ev.length_cost +
                   SCORE_PER_ANCHOR_COST * ev.anchor_cost + SCORE_PER_LEXICAL_NAT * lexical;
    if (ne + nz == 3)
        logit += SCORE_THREE_SENTENCES;
    else if (ne + nz > 3)
        logit += SCORE_MORE_SENTENCES;
    return 1 / (1 + exp(-logit));
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

/* The band of half width hw (in sentences of the longer side) around the
 * anchors' path, or around the diagonal when the first pass found none. */
static int band_of(const tme_align_model *m, const tme_align_point *points, size_t n, size_t hw,
                   tme_align_band *bd)
{
    size_t ratio = (m->n_zh + m->n_en - 1) / m->n_en;
    return n > 2 ? tme_align_band_around(bd, m->n_en, m->n_zh, points, n,
                                         hw * (ratio > 1 ? ratio : 1))
                 : tme_align_band_diagonal(bd, m->n_en, m->n_zh, hw);
}

/* The band, and a narrower one within it for the pruned search (its cost
 * bounds the band's best; narrow->n_en is 0 when the band is searched
 * whole): the whole matrix when a side is short (the diagonal strip
 * covers it), else around the anchors of the first pass. */
static int choose_bands(tme_align_model *m, tme_align_band *bd, tme_align_band *narrow)
{
    memset(bd, 0, sizeof *bd);
    memset(narrow, 0, sizeof *narrow);
    if (m->n_en <= TME_BAND_HALF_WIDTH || m->n_zh <= TME_BAND_HALF_WIDTH)
        return tme_align_band_diagonal(bd, m->n_en, m->n_zh, TME_BAND_HALF_WIDTH);
    tme_align_point *points;
    size_t n;
    if (tme_align_anchors(m, &points, &n) != 0)
        return -1;
    int rc = band_of(m, points, n, TME_BAND_HALF_WIDTH, bd);
    /* Without a lexicon the narrow band follows the diagonal, which the
     * best path strays from: its cost bounds too loosely to prune much
     * (measured: more instructions than the search whole). */
    if (rc == 0 && m->cache != NULL)
        rc = band_of(m, points, n, TME_PRUNE_HALF_WIDTH, narrow);
    free(points);
    return rc;
}

static int align_model(tme_align_model *m, tme_bead **beads, size_t *n_beads)
{
    tme_align_band bd, narrow;
    int rc = choose_bands(m, &bd, &narrow);
    if (rc == 0)
        rc = narrow.n_en > 0 ? tme_align_band_search_pruned(&bd, &narrow, m, beads, n_beads, NULL)
                             : tme_align_band_search(&bd, m, beads, n_beads);
    tme_align_band_free(&bd);
    tme_align_band_free(&narrow); /* zeroed when not made */
    if (rc == 0)
        for (size_t k = 0; k < *n_beads; k++)
            (*beads)[k].score = bead_score(m, &(*beads)[k]);
    return rc;
}

tme_status tme_align(const tme_features *en, const tme_features *zh, tme_bead **beads,
                     size_t *n_beads, tme_error *err)
{
    *beads = NULL;
    *n_beads = 0;
    if (en->n_sentences == 0 || zh->n_sentences == 0) {
        if (unmatched_beads(en->n_sentences, zh->n_sentences, beads, n_beads) != 0)
            return tme_error_nomem(err);
        return TME_OK;
    }
    tme_align_model m;
    if (tme_align_model_init(&m, en, zh, err) != TME_OK)
        return err->status;
    int rc = align_model(&m, beads, n_beads);
    tme_align_model_free(&m);
    if (rc != 0)
        return tme_error_set(err, TME_ERR_NOMEM,
                             "out of memory aligning %zu English with %zu Chinese sentences",
                             en->n_sentences, zh->n_sentences);
    return TME_OK;
}
