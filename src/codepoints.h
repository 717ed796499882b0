/* SPDX-License-Identifier: MIT */
/* A text decoded once into code points, for the passes that look at
 * characters and their neighbours (segmentation, features). */
#ifndef TME_CODEPOINTS_H
#define TME_CODEPOINTS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Code point i spans bytes [off[i], off[i+1]) of text; off[n] is the
 * length. A byte that is not valid UTF-8 becomes the code point -1, which
 * has no properties (charclass.h answers 0 for it), so it behaves like an
 * ordinary non-letter character. */
typedef struct {
    const char *text;
    size_t len;
    int32_t *cp;
    size_t *off; /* NULL when decoded without offsets */
    size_t n;
} tme_codepoints;

/* Decodes text[0..len) (which must outlive *out), with the offsets when
 * offsets is 1: a pass that reads the text whole needs none, and they are
 * two thirds of the memory. Fails only for want of memory; *out is then
 * empty and need not be freed. */
tme_status tme_codepoints_decode(const char *text, size_t len, int offsets, tme_codepoints *out,
                                 tme_error *err);

/* Memory that decodings one after another reuse (the paragraphs of an
 * article: a malloc and a free each otherwise). Zero-initialize; free with
 * tme_codepoints_room_free. */
typedef struct {
    void *block;
    size_t bytes;
} tme_codepoints_room;

/* tme_codepoints_decode into room's memory, grown when the text needs
 * more: *out is valid until room is decoded into again or freed, and is
 * not freed itself. */
tme_status tme_codepoints_decode_in(tme_codepoints_room *room, const char *text, size_t len,
                                    int offsets, tme_codepoints *out, tme_error *err);

void tme_codepoints_room_free(tme_codepoints_room *room);

/* Index of the first code point that starts at or after byte: a span's
 * bytes [start, end) are the code points [at(start), at(end)). Needs the
 * offsets. */
size_t tme_codepoints_at(const tme_codepoints *d, size_t byte);

void tme_codepoints_free(tme_codepoints *d);

#endif
