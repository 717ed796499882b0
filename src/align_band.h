/* SPDX-License-Identifier: MIT */
/* The cells the aligner searches, row by row (row i: English sentences
 * [0, i) aligned; column j: Chinese [0, j)): a band around a path, and the
 * Viterbi search over it (align_cost.h's bead costs).
 *
 * The default band is a strip around the length-proportional diagonal:
 * cell (i, j) is in it when |i·n_zh − j·n_en| ≤ TME_BAND_HALF_WIDTH ·
 * max(n_en, n_zh), TME_BAND_HALF_WIDTH sentences wide on the longer side.
 * Each row then holds at most 2·TME_BAND_HALF_WIDTH·max/n_en + 2 cells, so
 * the strip holds O(TME_BAND_HALF_WIDTH · (n_en + n_zh)) cells however
 * unequal the counts are, and when either side has at most
 * TME_BAND_HALF_WIDTH sentences it is the whole matrix (an exact search).
 * A band may instead follow a path (anchors the first pass found, or the
 * best alignment when its beads are weighed): the same width around the
 * path, so that it bends where the translation left sentences out. One
 * byte of back-pointer per cell is kept; costs live in four rolling rows. */
#ifndef TME_ALIGN_BAND_H
#define TME_ALIGN_BAND_H

#include <stddef.h>

#include "align.h"
#include "align_cost.h"

#define TME_BAND_HALF_WIDTH 64

/* A point the alignment passes through: English sentences [0, en) with
 * Chinese [0, zh). */
typedef struct {
    size_t en, zh;
} tme_align_point;

typedef struct {
    size_t n_en, n_zh;
    size_t *row_lo, *row_hi; /* band of row i: columns [row_lo[i], row_hi[i]] */
    size_t *row_offset;      /* first cell of row i; row_offset[n_en + 1] cells in all */
    size_t max_width;
    unsigned char *back; /* kind index of the best bead ending at each cell */
} tme_align_band;

/* The strip around the diagonal, half_width sentences wide on the longer
 * side (a narrower strip is within a wider one). -1 for want of memory. */
int tme_align_band_diagonal(tme_align_band *bd, size_t n_en, size_t n_zh, size_t half_width);

/* The cells within half_width columns of the path through points[0, n)
 * (ascending in both, from (0, 0) to (n_en, n_zh)), and the columns the
 * path itself takes in the rows around each. -1 for want of memory. */
int tme_align_band_around(tme_align_band *bd, size_t n_en, size_t n_zh,
                          const tme_align_point *points, size_t n, size_t half_width);

void tme_align_band_free(tme_align_band *bd);

/* The index of cell (i, j) (j within row i's band). */
static inline size_t tme_align_band_cell(const tme_align_band *bd, size_t i, size_t j)
{
    return bd->row_offset[i] + (j - bd->row_lo[i]);
}

static inline int tme_align_band_has(const tme_align_band *bd, size_t i, size_t j)
{
    return j >= bd->row_lo[i] && j <= bd->row_hi[i];
}

/* The Viterbi search over the band: each cell's best bead into it in
 * bd->back, and the cost of the best path to (n_en, n_zh) in *end_cost
 * (HUGE_VAL when none). With limits (one per cell, or NULL for none), a
 * cell whose best path is not below its limit is left out (cost HUGE_VAL,
 * TME_NO_BEAD) and so are the paths through it. -1 for want of memory. */
int tme_align_band_fill(tme_align_band *bd, tme_align_model *m, const double *limits,
                        double *end_cost);

/* The beads of the path the back-pointers give from (n_en, n_zh), in
 * order, malloc'd, scores 0. -1 for want of memory, or when no path
 * reaches the end. */
int tme_align_band_trace(const tme_align_band *bd, tme_bead **beads, size_t *n_beads);

/* The best alignment in the band: its beads in order, malloc'd, scores 0.
 * -1 for want of memory. */
int tme_align_band_search(tme_align_band *bd, tme_align_model *m, tme_bead **beads,
                          size_t *n_beads);

#endif
