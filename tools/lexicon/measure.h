/* SPDX-License-Identifier: MIT */
/* How well the lexicon tells a true sentence pair from a shifted one, on
 * gold units ("english<TAB>chinese" per line, in order): unit i's English
 * against unit i's Chinese (true) and unit i+1's Chinese (shifted). Shared
 * by the lexicon test (which asserts on it) and tme-lexicon-probe (which
 * prints it for any gold file, e.g. the evaluation corpus). */
#ifndef TME_LEXICON_MEASURE_H
#define TME_LEXICON_MEASURE_H

#include <stdio.h>

#include "lexicon.h"

typedef struct {
    size_t wins, ties, losses;        /* true pair vs shifted pair */
    double true_share, shifted_share; /* summed over `shared` comparisons */
} tme_measure_side;

typedef struct {
    size_t units;            /* gold units read */
    size_t compared;         /* comparisons: units - 1 per file */
    size_t shared;           /* comparisons whose English has a known lemma */
    tme_measure_side count;  /* matched lemmas */
    tme_measure_side weight; /* matched lemmas' weights */
} tme_measure;

/* Adds one gold file's comparisons to *m (zero it first). */
tme_status tme_measure_gold(const tme_lexicon *lex, const char *gold_path, tme_measure *m,
                            tme_error *err);

/* Win rate, in [0, 1]; mean shares over the comparisons with a known
 * English lemma. */
double tme_measure_win_rate(const tme_measure_side *s);
double tme_measure_mean(const tme_measure *m, double sum);

/* One line: label, units, win/tie/loss and mean shares for both scores. */
void tme_measure_print(FILE *out, const char *label, const tme_measure *m);

#endif
