/* SPDX-License-Identifier: MIT */
/* What the article readers (text, HTML) do once they have an article's
 * paragraphs: count them by script, pair each with its translation (the
 * pairing of src/pairing.h), count what stayed unpaired and why, and add
 * every pair to the document. One place, so that every layout pairs the
 * same way. */
#ifndef TME_ARTICLE_PAIRS_H
#define TME_ARTICLE_PAIRS_H

#include "document.h"
#include "error.h"
#include "paragraph.h"

tme_status tme_article_add_paragraphs(tme_document *doc, const tme_paragraphs *paragraphs,
                                      tme_error *err);

#endif
