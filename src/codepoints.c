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

tme_status tme_codepoints_decode(const char *text, size_t len, int offsets, tme_codepoints *out,
                                 tme_error *err)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    out->len = len;
    /* One block: the offsets, then the code points (of smaller alignment). */
    size_t each = (offsets ? sizeof *out->off : 0) + sizeof *out->cp;
    void *block = len < SIZE_MAX / each - 1 ? malloc((len + 1) * each) : NULL;
    if (block == NULL)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory decoding %zu bytes of text", len);
    out->off = offsets ? block : NULL;
    out->cp = offsets ? (int32_t *)(out->off + len + 1) : block;
    out->n = decode_into(text, len, out->cp, out->off);
    return TME_OK;
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
