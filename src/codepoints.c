/* SPDX-License-Identifier: MIT */
#include "codepoints.h"

#include <stdlib.h>
#include <string.h>

#include "charclass.h"

/* The decoding loop, stepping over ASCII without the general decoder: the
 * features pass decodes every paragraph twice (for pairing, then for its
 * sentences). off may be NULL. */
static size_t decode_into(const char *text, size_t len, int32_t *cp, size_t *off)
{
    const unsigned char *b = (const unsigned char *)text;
    size_t pos = 0, n = 0;
    while (pos < len) {
        if (off != NULL)
            off[n] = pos;
        if (b[pos] < 0x80) {
            cp[n++] = b[pos++];
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t used = tme_iterate(b + pos, (utf8proc_ssize_t)(len - pos), &c);
        if (used <= 0) {
            c = -1;
            used = 1;
        }
        cp[n++] = c;
        pos += (size_t)used;
    }
    if (off != NULL)
        off[n] = len;
    return n;
}

/* Lays out *out over block (bytes_each * (len + 1) bytes): the offsets,
 * then the code points (of smaller alignment). */
static void decode_over(void *block, const char *text, size_t len, int offsets, tme_codepoints *out)
{
    out->text = text;
    out->len = len;
    out->off = offsets ? block : NULL;
    out->cp = offsets ? (int32_t *)(out->off + len + 1) : block;
    out->n = decode_into(text, len, out->cp, out->off);
}

static tme_status no_memory_decoding(size_t len, tme_error *err)
{
    return tme_error_set(err, TME_ERR_NOMEM, "out of memory decoding %zu bytes of text", len);
}

/* The bytes a decoding of len bytes takes, or 0 when that overflows. */
static size_t decoding_bytes(size_t len, int offsets)
{
    size_t each = (offsets ? sizeof(size_t) : 0) + sizeof(int32_t);
    return len < SIZE_MAX / each - 1 ? (len + 1) * each : 0;
}

tme_status tme_codepoints_decode(const char *text, size_t len, int offsets, tme_codepoints *out,
                                 tme_error *err)
{
    memset(out, 0, sizeof *out);
    size_t bytes = decoding_bytes(len, offsets);
    void *block = bytes != 0 ? malloc(bytes) : NULL;
    if (block == NULL)
        return no_memory_decoding(len, err);
    decode_over(block, text, len, offsets, out);
    return TME_OK;
}

tme_status tme_codepoints_decode_in(tme_codepoints_room *room, const char *text, size_t len,
                                    int offsets, tme_codepoints *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    size_t bytes = decoding_bytes(len, offsets);
    if (bytes == 0)
        return no_memory_decoding(len, err);
    if (bytes > room->bytes) {
        /* what it held is not kept: no copy */
        free(room->block);
        room->bytes = bytes <= SIZE_MAX / 2 ? bytes + bytes / 2 : bytes;
        if ((room->block = malloc(room->bytes)) == NULL) {
            room->bytes = 0;
            return no_memory_decoding(len, err);
        }
    }
    decode_over(room->block, text, len, offsets, out);
    return TME_OK;
}

void tme_codepoints_room_free(tme_codepoints_room *room)
{
    free(room->block);
    room->block = NULL;
    room->bytes = 0;
}

size_t tme_codepoints_at(const tme_codepoints *d, size_t byte)
{
    size_t lo = 0, hi = d->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->off[mid] < byte)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void tme_codepoints_free(tme_codepoints *d)
{
    free(d->off != NULL ? (void *)d->off : (void *)d->cp);
    d->cp = NULL;
    d->off = NULL;
    d->n = 0;
}
