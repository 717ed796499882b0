/* SPDX-License-Identifier: MIT */
/* The band search (align_band.h) with the cells no best path can cross
 * left out, exactly: the same beads, bit for bit.
 *
 * A backward pass over the band bounds from below what the rest of any
 * path costs from each cell to the end, h (each bead's cost replaced by its
 * floor, tme_align_row_floors). Any path of the band costs at least the
 * best, so the lesser of two paths' costs is an upper bound UB: the greedy
 * path (from the origin, each time the bead whose cost plus the h of its
 * end is least) and the best path of a narrower band within the band (the
 * same anchors or diagonal), searched against the greedy path's bound.
 * Either alone can be far above the best: the greedy path where h misleads
 * it, the narrow band where the anchors stray. The search then leaves out
 * a cell whose exact cost g from the origin has g + h above UB (with a
 * margin for rounding): no path through it can be the best. The beads of a
 * cell left out are never weighed, which is where the time goes. */
#ifndef TME_ALIGN_PRUNE_H
#define TME_ALIGN_PRUNE_H

#include <stddef.h>

#include "align.h"
#include "align_band.h"
#include "align_cost.h"

/* The half width of the narrower band, in sentences of the longer side
 * (as TME_BAND_HALF_WIDTH). */
#define TME_PRUNE_HALF_WIDTH 3

/* What a pruned search did: of the band's cells, how many it kept (a
 * finite cost), the narrow band's cost it pruned against, and whether it
 * searched the whole band instead. */
typedef struct {
    size_t cells, kept;
    double bound;
    int whole;
} tme_prune_report;

/* What tme_align_band_search gives for bd, narrow a band within bd (where
 * the floors are closer, and whose best path bounds the best).
 * report, when not NULL, says what it did. -1 for want of memory. */
int tme_align_band_search_pruned(tme_align_band *bd, tme_align_band *narrow, tme_align_model *m,
                                 tme_bead **beads, size_t *n_beads, tme_prune_report *report);

/* h: for each cell of the band, a floor of the cost of any path within the
 * band from it to (n_en, n_zh) (HUGE_VAL when none): what the search
 * prunes with; the closer bead floors in the cells of close (a band
 * within bd, or NULL for all), the cheaper elsewhere. -1 for want of
 * memory. */
int tme_align_floors_to_end(const tme_align_band *bd, const tme_align_band *close,
                            tme_align_model *m, double *h);

#endif
