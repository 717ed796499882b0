/* SPDX-License-Identifier: MIT */
/* What the writers and readers of units say of a unit beyond its text, in
 * the same words whatever the format, so that a unit written to one and
 * read back from another keeps them: its stable id (the TMX tuid, XLIFF
 * resname/name), and its score read back. */
#ifndef TME_UNIT_PROPS_H
#define TME_UNIT_PROPS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "unit.h"

/* Stable ids, per output: a unit's id is its document's id, "-", and its
 * 1-based position in the document. The document id is 16 hex digits of a
 * hash of the document's name as given, so that the same article gets the
 * same ids in every run and shards of one corpus never collide
 * ("3f2a9c1b7d4e5f60-12"); a document whose name came before in this
 * output gets ".2", ".3"... appended. */
typedef struct {
    char document_id[40];
    uint64_t *seen; /* hashes of the document names begun, for repeats */
    size_t n_seen, cap_seen;
} tme_unit_ids;

tme_status tme_unit_ids_begin_document(tme_unit_ids *ids, const char *document, tme_error *err);

/* The unit's id: what the file it was read from said, else the one made
 * from its document's and its position; out holds the latter. */
const char *tme_unit_ids_of(const tme_unit_ids *ids, const tme_unit *unit, char out[64]);

void tme_unit_ids_free(tme_unit_ids *ids);

/* Parses text[0..len) as a score, as tme_format_score() (text_output.h)
 * writes it: digits with an optional decimal point (no locale, no sign, no
 * exponent), in [0,1]. -1 when it is not one. */
int tme_score_parse(const char *text, size_t len, double *score);

#endif
