/* SPDX-License-Identifier: MIT */
/* The first pass over a long paragraph pair: confident 1-1 beads found
 * anywhere in it, so that the search (align_band.h) follows the
 * translation where it left out or added many sentences instead of a
 * diagonal it has drifted away from.
 *
 * For each English sentence, the Chinese sentences that hold a translation
 * of its rarer lemmas (an inverted index: lemma to Chinese sentences,
 * lemmas found in more than 1 in TME_ANCHOR_POSTING_SHARE of them left
 * out) are scored by the evidence of what they hold (align_lexical.h). The
 * best one is a candidate when it beats the second by a margin and no
 * other English sentence has it as its best; a candidate is kept when the
 * full evidence of the 1-1 bead (lexicon both ways, length, anchors) is
 * strong. The longest chain of kept candidates ascending on both sides is
 * the path; cost is linear in the sentences and their postings. */
#ifndef TME_ALIGN_ANCHORS_H
#define TME_ALIGN_ANCHORS_H

#include <stddef.h>

#include "align_band.h"
#include "align_cost.h"

#define TME_ANCHOR_POSTING_SHARE 32

/* The path through the anchors, from (0, 0) to (n_en, n_zh): a malloc'd
 * array of *n points (just the two corners when the model has no lexicon
 * or nothing is confident). -1 for want of memory. */
int tme_align_anchors(tme_align_model *m, tme_align_point **points, size_t *n);

#endif
