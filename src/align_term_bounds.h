/* SPDX-License-Identifier: MIT */
/* How much lexical evidence each sentence can bring to a bead of a band
 * (align_band.h): for sentence i of a side and k = 1..TME_ALIGN_MAX_SIDE
 * sentences of the other, the most of its lexical term against any k
 * consecutive sentences of the other side that a bead of the band can join
 * it with. Unlike the term's bound over every mask (tme_lexical_most),
 * this one knows which of its items the nearby sentences hold, so that it
 * is about what the sentence's translation gives it. */
#ifndef TME_ALIGN_TERM_BOUNDS_H
#define TME_ALIGN_TERM_BOUNDS_H

#include "align_band.h"
#include "align_cost.h"

typedef struct {
    double *en, *zh; /* [sentence * TME_ALIGN_MAX_SIDE + k - 1] */
} tme_term_bounds;

/* The bounds for band bd of model m (which has a lexicon). -1 for want of
 * memory. */
int tme_term_bounds_of_band(tme_term_bounds *tb, const tme_align_band *bd,
                            const tme_align_model *m);
void tme_term_bounds_free(tme_term_bounds *tb);

#endif
