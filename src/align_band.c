/* SPDX-License-Identifier: MIT */
#include "align_band.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int alloc_rows(tme_align_band *bd, size_t n_en, size_t n_zh)
{
    memset(bd, 0, sizeof *bd);
    bd->n_en = n_en;
    bd->n_zh = n_zh;
    bd->row_lo = malloc((n_en + 1) * sizeof *bd->row_lo);
    bd->row_hi = malloc((n_en + 1) * sizeof *bd->row_hi);
    bd->row_offset = malloc((n_en + 2) * sizeof *bd->row_offset);
    return bd->row_lo == NULL || bd->row_hi == NULL || bd->row_offset == NULL ? -1 : 0;
}

/* Offsets and back-pointers once the rows' columns are set. */
static int finish_rows(tme_align_band *bd)
{
    size_t total = 0;
    bd->max_width = 0;
    for (size_t i = 0; i <= bd->n_en; i++) {
        size_t width = bd->row_hi[i] - bd->row_lo[i] + 1;
        bd->row_offset[i] = total;
        total += width;
        if (width > bd->max_width)
            bd->max_width = width;
    }
    bd->row_offset[bd->n_en + 1] = total;
    bd->back = malloc(total ? total : 1);
    return bd->back == NULL ? -1 : 0;
}

int tme_align_band_diagonal(tme_align_band *bd, size_t n_en, size_t n_zh, size_t half_width)
{
    if (alloc_rows(bd, n_en, n_zh) != 0)
        return -1;
    double longer = (double)(n_en > n_zh ? n_en : n_zh);
    double reach = (double)half_width * longer;
    for (size_t i = 0; i <= n_en; i++) {
        double centre = (double)i * (double)n_zh;
        double l = n_en ? ceil((centre - reach) / (double)n_en) : 0;
        double h = n_en ? floor((centre + reach) / (double)n_en) : (double)n_zh;
        bd->row_lo[i] = l < 0 ? 0 : (size_t)l;
        bd->row_hi[i] = h > (double)n_zh ? n_zh : (size_t)h;
    }
    return finish_rows(bd);
}

/* The columns the path takes in each row: low[r] the first, high[r] the
 * last (interpolated between points). */
static void path_columns(const tme_align_point *p, size_t n, size_t n_en, size_t *low, size_t *high)
{
    for (size_t r = 0; r <= n_en; r++) {
        low[r] = (size_t)-1;
        high[r] = 0;
    }
    for (size_t k = 0; k + 1 < n; k++) {
        size_t e0 = p[k].en, e1 = p[k + 1].en, z0 = p[k].zh, z1 = p[k + 1].zh;
        for (size_t r = e0; r <= e1 && r <= n_en; r++) {
            size_t lo, hi;
            if (e1 == e0) {
                lo = z0;
                hi = z1;
            } else {
                double at = (double)z0 + (double)(z1 - z0) * (double)(r - e0) / (double)(e1 - e0);
                lo = (size_t)floor(at);
                hi = (size_t)ceil(at);
            }
            if (lo < low[r])
                low[r] = lo;
            if (hi > high[r])
                high[r] = hi;
        }
    }
}

int tme_align_band_around(tme_align_band *bd, size_t n_en, size_t n_zh,
                          const tme_align_point *points, size_t n, size_t half_width)
{
    if (alloc_rows(bd, n_en, n_zh) != 0)
        return -1;
    size_t *low = malloc((n_en + 1) * sizeof *low), *high = malloc((n_en + 1) * sizeof *high);
    if (low == NULL || high == NULL) {
        free(low);
        free(high);
        return -1;
    }
    path_columns(points, n, n_en, low, high);
    /* Rows i - 1 .. i + 1 of the path: consecutive rows always overlap, so
     * the band joins (0, 0) to (n_en, n_zh). */
    for (size_t i = 0; i <= n_en; i++) {
        size_t lo = low[i > 0 ? i - 1 : 0], hi = high[i < n_en ? i + 1 : n_en];
        bd->row_lo[i] = lo > half_width ? lo - half_width : 0;
        bd->row_hi[i] = hi + half_width < n_zh ? hi + half_width : n_zh;
    }
    free(low);
    free(high);
    return finish_rows(bd);
}

void tme_align_band_free(tme_align_band *bd)
{
    free(bd->row_lo);
    free(bd->row_hi);
    free(bd->row_offset);
    free(bd->back);
    memset(bd, 0, sizeof *bd);
}

/* The rows a bead into row i starts from: from[d] is row i - d's costs
 * (NULL before row 0), its columns lo[d] .. hi[d]. */
typedef struct {
    const double *from[TME_ALIGN_MAX_SIDE + 1];
    size_t lo[TME_ALIGN_MAX_SIDE + 1], hi[TME_ALIGN_MAX_SIDE + 1];
} source_rows;

static void sources_of_row(const tme_align_band *bd, double *const *rows, size_t i,
                           source_rows *src)
{
    for (size_t d = 0; d <= TME_ALIGN_MAX_SIDE; d++) {
        src->from[d] = d <= i ? rows[(i - d) % (TME_ALIGN_MAX_SIDE + 1)] : NULL;
        src->lo[d] = d <= i ? bd->row_lo[i - d] : 1;
        src->hi[d] = d <= i ? bd->row_hi[i - d] : 0;
    }
}

/* The best bead into cell (i, j) given the rows before: its kind in *kind
 * (TME_NO_BEAD when none reaches the cell), the path's cost returned. A
 * bead starts from a cell of the band, else its path costs HUGE_VAL. A
 * path to the cell that is not below limit is left out (HUGE_VAL). */
static inline __attribute__((always_inline)) double best_into(const source_rows *src,
                                                              tme_align_model *m, size_t i,
                                                              size_t j, double limit,
                                                              unsigned char *kind)
{
    double prev[TME_BEAD_KINDS];
    for (size_t k = 0; k < TME_BEAD_KINDS; k++) {
        size_t de = tme_bead_kinds[k].en, dz = tme_bead_kinds[k].zh;
        prev[k] = src->from[de] != NULL && dz <= j && j - dz >= src->lo[de] && j - dz <= src->hi[de]
                      ? src->from[de][j - dz - src->lo[de]]
                      : HUGE_VAL;
    }
    /* With best = limit, tme_align_best_bead weighs the beads against it:
     * its result is the least below limit with the first kind of it, or
     * limit itself with TME_NO_BEAD (HUGE_VAL when no limit). */
    double best = tme_align_best_bead(m, i, j, prev, i == 0 && j == 0 ? 0 : limit, kind);
    return *kind == TME_NO_BEAD && !(i == 0 && j == 0) ? HUGE_VAL : best;
}

/* The columns of a row whose cost is finite: [lo, hi], lo > hi when none. */
typedef struct {
    size_t lo, hi;
} live_span;

/* The columns of row i that a bead may reach from the finite costs of the
 * rows before (within TME_ALIGN_MAX_SIDE columns of their spans). */
static live_span reach_of(const live_span *before, size_t i)
{
    live_span reach = {SIZE_MAX, 0};
    for (size_t d = 1; d <= TME_ALIGN_MAX_SIDE && d <= i; d++)
        if (before[d - 1].lo <= before[d - 1].hi) {
            reach.lo = before[d - 1].lo < reach.lo ? before[d - 1].lo : reach.lo;
            if (before[d - 1].hi + TME_ALIGN_MAX_SIDE > reach.hi)
                reach.hi = before[d - 1].hi + TME_ALIGN_MAX_SIDE;
        }
    return reach;
}

/* Row i's costs against limits. A cell is weighed only when a bead may
 * reach it from a finite cost: a cell of the rows before within reach, the
 * one before it in the row (0-1), or the origin; the others are HUGE_VAL
 * at once (most of the band, when it is pruned). */
static live_span fill_row_limited(tme_align_band *bd, tme_align_model *m, const double *limits,
                                  double *const *rows, const live_span *before, size_t i)
{
    source_rows src;
    sources_of_row(bd, rows, i, &src);
    double *row = rows[i % (TME_ALIGN_MAX_SIDE + 1)];
    size_t first = bd->row_offset[i];
    live_span reach = reach_of(before, i), span = {SIZE_MAX, 0};
    unsigned char *back = bd->back + first;
    for (size_t j = bd->row_lo[i], at = 0; j <= bd->row_hi[i]; j++, at++) {
        if ((j >= reach.lo && j <= reach.hi) || (at > 0 && row[at - 1] != HUGE_VAL) ||
            (i == 0 && j == 0))
            row[at] = best_into(&src, m, i, j, limits[first + at], &back[at]);
        else {
            row[at] = HUGE_VAL;
            back[at] = TME_NO_BEAD;
        }
        if (row[at] != HUGE_VAL) {
            span.lo = span.lo == SIZE_MAX ? j : span.lo;
            span.hi = j;
        }
    }
    return span;
}

/* Row i's costs, every cell weighed. */
static void fill_row(tme_align_band *bd, tme_align_model *m, double *const *rows, size_t i)
{
    source_rows src;
    sources_of_row(bd, rows, i, &src);
    double *row = rows[i % (TME_ALIGN_MAX_SIDE + 1)];
    unsigned char *back = bd->back + bd->row_offset[i];
    for (size_t j = bd->row_lo[i], at = 0; j <= bd->row_hi[i]; j++, at++)
        row[at] = best_into(&src, m, i, j, HUGE_VAL, &back[at]);
}

int tme_align_band_fill(tme_align_band *bd, tme_align_model *m, const double *limits,
                        double *end_cost)
{
    double *rows[TME_ALIGN_MAX_SIDE + 1];
    double *cost_rows = malloc((TME_ALIGN_MAX_SIDE + 1) * bd->max_width * sizeof *cost_rows);
    if (cost_rows == NULL)
        return -1;
    for (size_t r = 0; r <= TME_ALIGN_MAX_SIDE; r++)
        rows[r] = cost_rows + r * bd->max_width;
    live_span before[TME_ALIGN_MAX_SIDE]; /* rows i - 1, i - 2, i - 3 */
    for (size_t i = 0; i <= bd->n_en; i++) {
        if (limits == NULL) {
            fill_row(bd, m, rows, i);
            continue;
        }
        live_span span = fill_row_limited(bd, m, limits, rows, before, i);
        for (size_t d = TME_ALIGN_MAX_SIDE - 1; d > 0; d--)
            before[d] = before[d - 1];
        before[0] = span;
    }
    *end_cost = rows[bd->n_en % (TME_ALIGN_MAX_SIDE + 1)][bd->n_zh - bd->row_lo[bd->n_en]];
    free(cost_rows);
    return 0;
}

/* Walks the back-pointers from the end; beads come out last first. */
int tme_align_band_trace(const tme_align_band *bd, tme_bead **beads, size_t *n_beads)
{
    tme_bead *out = malloc((bd->n_en + bd->n_zh + 1) * sizeof *out);
    if (out == NULL)
        return -1;
    size_t n = 0, i = bd->n_en, j = bd->n_zh;
    while (i > 0 || j > 0) {
        unsigned char k = bd->back[tme_align_band_cell(bd, i, j)];
        if (k == TME_NO_BEAD) { /* cannot happen: the band always joins the corners */
            free(out);
            return -1;
        }
        out[n++] = (tme_bead){i - tme_bead_kinds[k].en, i, j - tme_bead_kinds[k].zh, j, 0};
        i -= tme_bead_kinds[k].en;
        j -= tme_bead_kinds[k].zh;
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

int tme_align_band_search(tme_align_band *bd, tme_align_model *m, tme_bead **beads, size_t *n_beads)
{
    double end_cost;
    if (tme_align_band_fill(bd, m, NULL, &end_cost) != 0)
        return -1;
    return tme_align_band_trace(bd, beads, n_beads);
}
