/* SPDX-License-Identifier: MIT */
/* Sentence segmentation of one paragraph, English or Chinese. */
#ifndef TME_SEGMENT_H
#define TME_SEGMENT_H

#include <stddef.h>

#include "tmexport.h"

typedef enum { TME_SEG_EN, TME_SEG_ZH } tme_seg_lang;

/* tme_span (byte offsets [start, end) of a sentence) is public: tmexport.h. */

/* Splits the UTF-8 paragraph text[0..len) into sentences. On success returns
 * 0 and stores a malloc'd array in *spans (free() it) and its length in
 * *count; a paragraph of only whitespace gives count 0. Returns -1 when out
 * of memory. Runs in time linear in len. */
int tme_segment(const char *text, size_t len, tme_seg_lang lang, tme_span **spans, size_t *count);

#endif
