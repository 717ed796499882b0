/* SPDX-License-Identifier: MIT */
/* Why the cells left out change nothing. Let G be the costs of the full
 * search, P its traced path, OPT = G(end), and G' the costs of the search
 * with cells left out. tme_align_best_bead returns exactly the least of
 * prev[k] + cost(k) with the first k of it, and a floating-point addition
 * is monotone, so G' >= G everywhere (a cell left out is HUGE_VAL, which
 * can only raise the least; it also only raises `later`, the bound the
 * search prunes kinds with, so that fewer kinds are passed over). Suppose
 * every cell of P is kept, and take a cell c of P whose predecessor on P
 * has G' = G (true at the origin): prev'[k] >= prev[k] for every k and
 * equality for P's kind k*, so the least at c is G(c) again, and an
 * earlier kind k tying with it in the pruned search would tie in the full
 * one (prev[k] + cost <= prev'[k] + cost = G(c)), where k* was the first:
 * c gets the same cost and back-pointer. By induction the trace is P.
 *
 * A cell c of P is kept: OPT <= UB, because the full search's cost at each
 * cell of a path of the band is at most that path's sum up to it, summed
 * bead by bead as the search adds (by induction: G(c) <= G(p) + cost <=
 * S(p) + cost, the bead from p among those weighed into c, and a kind
 * passed over only when its cost is not below what c already has); UB is
 * such a sum: the greedy path's, or the narrow band's best (whose search,
 * against limits, keeps only such sums too). And G(c) + h(c) <= OPT up to
 * rounding, since the rest of P from c costs at least its beads' floors
 * (each at most the bead's cost as a double, tme_align_row_floors) and h
 * is the least of such sums. So G(c) + h(c) is below UB + margin as long
 * as the margin covers the rounding of three chains of at most
 * n_en + n_zh additions: the forward sums of P (partial sums G(c') on P,
 * between h(origin) - h(c') and UB - h(c')), the floors of P's rest summed
 * from the end, and h's own sums, each of at most 2^-53 of the partial
 * sum's magnitude, so at most 1.2e-16 · (n_en + n_zh) · 3 · (|UB| +
 * |h(origin)| + max |h|) in all. The margin is 1e-9 · (n_en + n_zh + 1) ·
 * (|UB| + |h(origin)| + max |h| + 1): millions of times that, and still
 * far below a bead's cost. The floors are the closer ones (and the
 * costlier) in the narrow band only: h at the cells the search reaches is
 * the floor of routes that stay near the path, and a floor far from it
 * needs only to be one (measured on the align bench: 81,619 cells kept
 * against 80,321, a third less work for h). A bead's limit is met before
 * its costly terms
 * (tme_align_best_bead's floors), so that a cell left out costs little and
 * a cell beyond it, none of whose predecessors is kept, nothing. */
#include "align_prune.h"
#include "align_term_bounds.h"

#include <math.h>
#include <stdlib.h>

/* Relaxes h at the starts of the beads of kind k ending in row i with
 * their floors plus the h of their ends: for the 0-1 kind (whose start is
 * in row i) row i's cells from the last, so that each end is final first;
 * for the others in any order. */
static void push_kind(const tme_align_band *bd, const double *floor, double *h, size_t i, size_t k)
{
    size_t de = tme_bead_kinds[k].en, dz = tme_bead_kinds[k].zh;
    if (de > i)
        return;
    size_t r = i - de, lo = bd->row_lo[r], first = bd->row_lo[i];
    const double *here = h + bd->row_offset[i];
    const double *kind_floor = tme_align_kind_floors(floor, first, bd->row_hi[i], k);
    double *from = h + bd->row_offset[r];
    /* the ends j whose start (r, j - dz) is in row r's band */
    size_t j_lo = first > lo + dz ? first : lo + dz;
    size_t j_hi = bd->row_hi[i] < bd->row_hi[r] + dz ? bd->row_hi[i] : bd->row_hi[r] + dz;
    if (de == 0) { /* from is row i: each start is the end of the next */
        for (size_t j = j_hi + 1; j-- > j_lo;) {
            double via = kind_floor[j - first] + here[j - first];
            if (via < from[j - dz - lo])
                from[j - dz - lo] = via;
        }
        return;
    }
    /* Another row: no start is an end, so in any order, and without a
     * branch (whether a floor lowers h is a coin toss the predictor lost):
     * the compiler's vector minima. */
    if (j_lo > j_hi)
        return;
    const double *restrict end_h = here + (j_lo - first);
    const double *restrict end_floor = kind_floor + (j_lo - first);
    double *restrict start_h = from + (j_lo - dz - lo);
    for (size_t t = 0; t <= j_hi - j_lo; t++) {
        double via = end_floor[t] + end_h[t];
        start_h[t] = via < start_h[t] ? via : start_h[t];
    }
}

/* The same for every kind, 0-1 first: it is the only one to push into row
 * i itself, and the others need row i's h final. */
static void push_row(const tme_align_band *bd, const double *floor, double *h, size_t i)
{
    for (size_t k = 0; k < TME_BEAD_KINDS; k++)
        if (tme_bead_kinds[k].en == 0)
            push_kind(bd, floor, h, i, k);
    for (size_t k = 0; k < TME_BEAD_KINDS; k++)
        if (tme_bead_kinds[k].en != 0)
            push_kind(bd, floor, h, i, k);
}

/* h: for each cell of the band, a floor of the cost of any path within the
 * band from it to (n_en, n_zh), HUGE_VAL when none. Rows from the last (a
 * bead's end, a later row or column, is final before its start). */
static int floors_to_end(const tme_align_band *bd, const tme_align_band *close,
                         const tme_align_model *m, double *h)
{
    double *floor = malloc(bd->max_width * TME_BEAD_KINDS * sizeof *floor);
    if (floor == NULL)
        return -1;
    for (size_t c = 0; c < bd->row_offset[bd->n_en + 1]; c++)
        h[c] = HUGE_VAL;
    h[tme_align_band_cell(bd, bd->n_en, bd->n_zh)] = 0;
    for (size_t i = bd->n_en + 1; i-- > 0;) {
        tme_align_row_floors(m, i, bd->row_lo[i], bd->row_hi[i], close ? close->row_lo[i] : 0,
                             close ? close->row_hi[i] : bd->n_zh, floor);
        push_row(bd, floor, h, i);
    }
    free(floor);
    return 0;
}

/* The band's lexical bounds into the model (tme_align_bound_terms), and
 * its anchors indexed for the floors. */
static int bind_band(const tme_align_band *bd, tme_align_model *m, tme_term_bounds *tb)
{
    tb->en = tb->zh = NULL;
    if (tme_align_prepare_floors(m) != 0 ||
        (m->cache != NULL && tme_term_bounds_of_band(tb, bd, m) != 0))
        return -1;
    tme_align_bound_terms(m, tb->en, tb->zh);
    return 0;
}

/* The model's bounds back to tme_lexical_most's. */
static void unbind_band(tme_align_model *m, tme_term_bounds *tb)
{
    tme_align_bound_terms(m, NULL, NULL);
    tme_term_bounds_free(tb);
}

int tme_align_floors_to_end(const tme_align_band *bd, const tme_align_band *close,
                            tme_align_model *m, double *h)
{
    tme_term_bounds tb;
    if (bind_band(bd, m, &tb) != 0)
        return -1;
    int rc = floors_to_end(bd, close, m, h);
    unbind_band(m, &tb);
    return rc;
}

/* The greatest |h| of a cell that reaches the end: the margin's scale,
 * with |UB| and |h(origin)|. */
static double largest_floor(const tme_align_band *bd, const double *h)
{
    double largest = 0;
    for (size_t c = 0; c < bd->row_offset[bd->n_en + 1]; c++)
        if (h[c] != HUGE_VAL && fabs(h[c]) > largest)
            largest = fabs(h[c]);
    return largest;
}

/* UB plus the margin (see above): a cell's limit is this less its h. */
static double bound_with_margin(const tme_align_band *bd, double ub, const double *h,
                                double largest)
{
    double size = fabs(ub) + fabs(h[0]) + largest + 1;
    return ub + 1e-9 * (double)(bd->n_en + bd->n_zh + 1) * size;
}

/* Turns h into each cell's limit. */
static void limits_of(const tme_align_band *bd, double ub, double largest, double *h)
{
    double limit = bound_with_margin(bd, ub, h, largest);
    for (size_t c = 0; c < bd->row_offset[bd->n_en + 1]; c++)
        h[c] = limit - h[c]; /* -HUGE_VAL where no path reaches the end */
}

/* The bead out of cell (i, j) whose cost plus the floor h of the rest from
 * its end is least: its kind, or TME_BEAD_KINDS when none reaches the
 * end; its cost (the searches' double) in *cost. Indels first: they are
 * exact and cheap, and bound what the two-sided beads must beat. */
static size_t greedy_step(const tme_align_band *bd, tme_align_model *m, const double *h, size_t i,
                          size_t j, double *cost)
{
    size_t best_kind = TME_BEAD_KINDS;
    double best = HUGE_VAL;
    for (size_t pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < TME_BEAD_KINDS; k++) {
            size_t de = tme_bead_kinds[k].en, dz = tme_bead_kinds[k].zh;
            size_t ee = i + de, ze = j + dz;
            if ((pass == 0) != (de == 0 || dz == 0) || ee > bd->n_en || ze > bd->n_zh ||
                !tme_align_band_has(bd, ee, ze))
                continue;
            double rest = h[tme_align_band_cell(bd, ee, ze)];
            if (rest == HUGE_VAL)
                continue;
            double bead = tme_align_bead_cost_below(m, k, ee, ze, best - rest);
            if (bead != HUGE_VAL && bead + rest < best) {
                best = bead + rest;
                *cost = bead;
                best_kind = k;
            }
        }
    return best_kind;
}

/* UB: the cost of one path from the origin to the end, each bead the
 * greedy_step, summed as the search sums it (so that the search's best
 * costs at most this); HUGE_VAL when h reaches no end. */
static double greedy_bound(const tme_align_band *bd, tme_align_model *m, const double *h)
{
    size_t i = 0, j = 0;
    double sum = 0, cost = 0;
    while (i < bd->n_en || j < bd->n_zh) {
        size_t k = greedy_step(bd, m, h, i, j, &cost);
        if (k == TME_BEAD_KINDS)
            return HUGE_VAL;
        sum = sum + cost;
        i += tme_bead_kinds[k].en;
        j += tme_bead_kinds[k].zh;
    }
    return sum;
}

/* The cost of the narrow band's best path, searched against the limits
 * that bound (a path's cost, see bound_with_margin) gives its cells: the
 * narrow band's best when it costs no more than bound, else more than
 * bound or HUGE_VAL. -1 for want of memory. */
static int narrow_cost(tme_align_band *narrow, const tme_align_band *bd, tme_align_model *m,
                       const double *h, double largest, double bound, double *cost)
{
    double *limits = malloc((narrow->row_offset[narrow->n_en + 1] + 1) * sizeof *limits);
    if (limits == NULL)
        return -1;
    double limit = bound_with_margin(bd, bound, h, largest);
    for (size_t i = 0; i <= narrow->n_en; i++)
        for (size_t j = narrow->row_lo[i]; j <= narrow->row_hi[i]; j++)
            limits[tme_align_band_cell(narrow, i, j)] =
                tme_align_band_has(bd, i, j) ? limit - h[tme_align_band_cell(bd, i, j)] : HUGE_VAL;
    int rc = tme_align_band_fill(narrow, m, limits, cost);
    free(limits);
    return rc;
}

/* UB: the lesser of the greedy path's cost and the narrow band's best
 * (searched against the greedy bound, which leaves out most of its cells;
 * either alone can be far above the best: the greedy path where a floor
 * misleads it, the narrow band where the anchors stray). */
static int upper_bound(tme_align_band *bd, tme_align_band *narrow, tme_align_model *m,
                       const double *h, double largest, double *ub)
{
    double greedy = greedy_bound(bd, m, h), in_narrow;
    if (greedy == HUGE_VAL ? tme_align_band_fill(narrow, m, NULL, &in_narrow) != 0
                           : narrow_cost(narrow, bd, m, h, largest, greedy, &in_narrow) != 0)
        return -1;
    *ub = in_narrow < greedy ? in_narrow : greedy;
    return 0;
}

/* The floors, the bound *ub, and the search of bd against the limits they
 * give; 1 when no path reached the end (bd's back-pointers then hold
 * nothing). */
static int search_limited(tme_align_band *bd, tme_align_band *narrow, tme_align_model *m,
                          double *ub)
{
    double *limits = malloc((bd->row_offset[bd->n_en + 1] + 1) * sizeof *limits);
    if (limits == NULL || floors_to_end(bd, narrow, m, limits) != 0) {
        free(limits);
        return -1;
    }
    double end_cost = HUGE_VAL, largest = largest_floor(bd, limits);
    int rc = upper_bound(bd, narrow, m, limits, largest, ub);
    if (rc == 0 && *ub != HUGE_VAL) {
        limits_of(bd, *ub, largest, limits);
        rc = tme_align_band_fill(bd, m, limits, &end_cost);
    }
    free(limits);
    return rc != 0 ? -1 : end_cost == HUGE_VAL;
}

static void report_on(const tme_align_band *bd, double ub, int whole, tme_prune_report *report)
{
    report->cells = bd->row_offset[bd->n_en + 1];
    report->kept = 0;
    for (size_t c = 0; c < report->cells; c++)
        report->kept += bd->back[c] != TME_NO_BEAD;
    report->bound = ub;
    report->whole = whole;
}

/* The pruned search (whole: 1 when it could not prune, -1 for want of
 * memory). */
static int search_bounded(tme_align_band *bd, tme_align_band *narrow, tme_align_model *m,
                          double *ub)
{
    int whole = search_limited(bd, narrow, m, ub);
    /* whole: no path reached the end (which cannot happen: the band joins
     * the corners, and the best path is kept, see above): the search of
     * the whole band */
    double end_cost;
    if (whole == 1 && tme_align_band_fill(bd, m, NULL, &end_cost) != 0)
        return -1;
    return whole;
}

int tme_align_band_search_pruned(tme_align_band *bd, tme_align_band *narrow, tme_align_model *m,
                                 tme_bead **beads, size_t *n_beads, tme_prune_report *report)
{
    /* the searches' own pruning of kinds then takes the band's lexical
     * bounds too (valid in the narrow band, which is within bd) */
    tme_term_bounds tb;
    if (bind_band(bd, m, &tb) != 0)
        return -1;
    double ub;
    int whole = search_bounded(bd, narrow, m, &ub);
    unbind_band(m, &tb);
    if (whole < 0)
        return -1;
    if (report != NULL)
        report_on(bd, ub, whole, report);
    return tme_align_band_trace(bd, beads, n_beads);
}
