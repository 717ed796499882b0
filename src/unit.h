/* SPDX-License-Identifier: MIT */
/* A translation unit on its way to the writers, and a document's units. */
#ifndef TME_UNIT_H
#define TME_UNIT_H

#include <stddef.h>

#include "tmexport.h"

struct tme_unit {
    const char *source; /* NUL-terminated UTF-8, already cleaned for XML */
    const char *target;
    double score;          /* alignment confidence in [0,1] */
    const char *document;  /* the input's name as the user gave it ("-" for stdin) */
    size_t document_index; /* 0-based position of the document in the run */
    size_t index;          /* 0-based position of the unit within its document */
    /* What a file that was read said of the unit (TMX tuid, creation date),
     * NULL when it said nothing: writers then make their own. */
    const char *id;
    const char *created;
};

/* A document's units; owns their text and the document name they point to. */
typedef struct {
    tme_unit *items;
    size_t count, cap;
    size_t base; /* units of the document already handed on: the next index is base + count */
    char *document;
} tme_units;

/* Appends a unit that takes ownership of source and target (malloc'd). */
tme_status tme_units_push(tme_units *units, char *source, char *target, double score,
                          size_t document_index);

/* Frees the units' texts (not the document name) and empties the list;
 * the next unit's index goes on from the last. */
void tme_units_clear(tme_units *units);

/* Frees everything, the document name included. */
void tme_units_free(tme_units *units);

#endif
