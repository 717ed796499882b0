/* SPDX-License-Identifier: MIT */
/* From an article's paragraphs to its paragraph pairs: what every article
 * reader (text, HTML) and --parallel share. */
#ifndef TME_EXTRACTION_H
#define TME_EXTRACTION_H

#include "document.h"
#include "paragraph.h"

/* Counts the paragraphs by script, pairs each with its translation
 * (tme_pair_paragraphs) and hands the pairs to the document, counting what
 * stayed unpaired and why. */
tme_status tme_extract_pairs(tme_document *doc, const tme_paragraphs *paragraphs, tme_error *err);

/* The same for two documents that translate each other: the paragraphs of
 * the English document (any that is not English can pair with nothing)
 * before those of the Chinese one (likewise), paired as a page of all
 * English then all Chinese is. Takes both lists (they are emptied). */
tme_status tme_extract_parallel_pairs(tme_document *doc, tme_paragraphs *english,
                                      tme_paragraphs *chinese, tme_error *err);

#endif
