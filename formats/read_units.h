/* SPDX-License-Identifier: MIT */
/* What the readers of units (TMX, XLIFF 1.2 and 2.0, TSV) share: how a
 * file's language pair maps onto the export's, and putting a unit into the
 * document in the export's orientation. */
#ifndef TME_READ_UNITS_H
#define TME_READ_UNITS_H

#include "document.h"
#include "xmlread.h"

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

/* What a file says of a unit beyond its text, where tmexport's writers
 * put it (a TMX <prop type="x-score">, an XLIFF 1.2 <context>, an XLIFF 2.0
 * <mda:meta>): its score, 1 unless said, and its creation date, absent
 * unless said. */
typedef struct {
    double score;
    tme_xml_text created;
    tme_xml_text text; /* a score's text */
} tme_unit_meta;

/* A score of 1 and no creation date again (the buffers stay). */
void tme_unit_meta_clear(tme_unit_meta *meta);
void tme_unit_meta_free(tme_unit_meta *meta);

/* Reads the current element, whose `type` (an attribute's value, NULL when
 * none) says what it holds: `score_type` the unit's score, `created_type`
 * (NULL: none) its creation date; any other is passed over. A score that
 * is not a number in [0,1] is an error naming the line. */
tme_status tme_read_unit_meta(tme_xml_reader *xml, const char *type, const char *score_type,
                              const char *created_type, tme_unit_meta *meta, tme_error *err);

/* An XLIFF unit (or segment) as read: none without a target (counted as
 * units.skipped-no-target), else a unit of the current document. */
tme_status tme_read_units_add_xliff(tme_document *doc, tme_pair_order order,
                                    const tme_xml_text *source, const tme_xml_text *target,
                                    const tme_unit_meta *meta, const char *id, tme_error *err);

/* A segment's text (the current element's, inline markup flattened by
 * rules) into `into`, its inline codes counted in doc. */
tme_status tme_read_segment(tme_document *doc, tme_xml_reader *xml, const tme_xml_inline *rules,
                            tme_xml_text *into, tme_error *err);

/* An XLIFF probe: the root element <xliff> with `version` is certain,
 * another version of the same major one likely. */
int tme_probe_xliff(const unsigned char *data, size_t len, const char *version);

#endif
