/* SPDX-License-Identifier: MIT */
/* What the readers of units (TMX, XLIFF 1.2 and 2.0, TSV) share: how a
 * file's language pair maps onto the export's, and putting a unit into the
 * document in the export's orientation. */
#ifndef TME_READ_UNITS_H
#define TME_READ_UNITS_H

#include "document.h"

typedef enum {
    TME_PAIR_AS_IS,   /* the file's source is the export's source side */
    TME_PAIR_SWAPPED, /* the file's source is the export's target side */
    TME_PAIR_OTHER    /* not one Chinese language and one other: not the export's pair */
} tme_pair_order;

/* How a file's pair of languages (its source's and its target's; either
 * NULL when the file does not say) maps onto --src-lang/--tgt-lang: which
 * side is Chinese decides the orientation, and the other side must be the
 * export's other language (the same primary subtag: en-US is en, de is
 * not), so that a file's tags may be renamed but its languages never
 * change. */
tme_pair_order tme_pair_order_of(const tme_document *doc, const char *file_source,
                                 const char *file_target);

/* Adds a unit given as the file has it (source and target in the file's
 * order) to doc in the export's orientation; a pair that is not the
 * export's is counted (units.skipped-one-language) and left out. */
tme_status tme_read_units_add(tme_document *doc, tme_pair_order order, const tme_read_unit *unit,
                              tme_error *err);

#endif
