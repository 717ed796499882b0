/* SPDX-License-Identifier: MIT */
/* From one input document to the translation units the writers receive:
 * decode, split into paragraphs, pair, segment and align, normalize, clean. */
#ifndef TME_EXPORT_H
#define TME_EXPORT_H

#include <stddef.h>

#include "error.h"
#include "normalize.h"
#include "pair.h"
#include "pairing.h"

typedef enum { TME_UNIT_SENTENCE, TME_UNIT_PARAGRAPH } tme_unit;

typedef struct {
    const char *encoding;  /* NULL: automatic */
    int source_is_chinese; /* the source column is the Chinese side */
    tme_unit unit;
    double min_score; /* units scoring below are dropped */
    int normalize;    /* 0: keep text raw (XML-illegal characters still go) */
    tme_norm_options norm;
} tme_export_options;

typedef struct {
    size_t documents;
    size_t gb18030_guessed; /* documents decoded as GB18030 by guess */
    size_t utf16_guessed;   /* documents decoded as BOM-less UTF-16 by guess */
    size_t paragraphs, english, chinese, other;
    size_t paragraph_pairs;
    size_t unpaired[TME_UNPAIRED_REASONS];
    size_t units;               /* units handed to the writers */
    size_t unaligned_sentences; /* sentences in 1-0 / 0-1 beads, never written */
    size_t below_min_score;
    size_t empty_side;          /* units with a side empty after cleaning */
    size_t xml_illegal_removed; /* characters XML 1.0 forbids, removed */
    tme_norm_stats norm;
} tme_export_stats;

/* A document's units, ready for the writers; owns their text. */
typedef struct {
    tme_pair *items;
    size_t count, cap;
    char *document; /* the name every item points to */
} tme_units;

/* Decodes and extracts one article. */
tme_status tme_extract_document(const tme_export_options *options, const char *name,
                                size_t document_index, const unsigned char *data, size_t len,
                                tme_units *out, tme_export_stats *stats, tme_error *err);

/* Aligns paragraph pairs given as TSV lines "english<TAB>chinese" (in the
 * column order that options->source_is_chinese says), as `tmexport align`
 * reads them. */
tme_status tme_align_tsv_document(const tme_export_options *options, const char *name,
                                  size_t document_index, const unsigned char *data, size_t len,
                                  tme_units *out, tme_export_stats *stats, tme_error *err);

void tme_units_free(tme_units *units);

/* Adds b's counts to a. */
void tme_export_stats_add(tme_export_stats *a, const tme_export_stats *b);

#endif
