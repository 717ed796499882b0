/* SPDX-License-Identifier: MIT */
/* Sentence segmentation of one paragraph, English or Chinese. */
#ifndef TME_SEGMENT_H
#define TME_SEGMENT_H

#include <stddef.h>

#include "codepoints.h"
#include "error.h"
#include "lang.h"
#include "tmexport.h"

/* tme_span (byte offsets [start, end) of a sentence) is public: tmexport.h. */

/* Splits the UTF-8 paragraph text[0..len) into sentences. On success returns
 * TME_OK and stores a malloc'd array in *spans (free() it) and its length in
 * *count; a paragraph of only whitespace gives count 0. Fails only for want
 * of memory (TME_ERR_NOMEM, err filled). Runs in time linear in len. */
tme_status tme_segment(const char *text, size_t len, tme_lang lang, tme_span **spans, size_t *count,
                       tme_error *err);

/* tme_segment() of a text already decoded (the features pass decodes each
 * paragraph once for segmentation and measurement). */
tme_status tme_segment_codepoints(const tme_codepoints *d, tme_lang lang, tme_span **spans,
                                  size_t *count, tme_error *err);

/* The same into *spans, an array of *capacity spans (NULL and 0, or what a
 * call before left) that it grows as needed and the caller frees, even on
 * failure: reading paragraph after paragraph reuses one. */
tme_status tme_segment_codepoints_into(const tme_codepoints *d, tme_lang lang, tme_span **spans,
                                       size_t *capacity, size_t *count, tme_error *err);

#endif
