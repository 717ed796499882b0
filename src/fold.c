/* SPDX-License-Identifier: MIT */
/* Nearly every sentence is ASCII, Han and common punctuation, which fold
 * character by character (ASCII by lower-casing, full-width punctuation by
 * its own decomposition): utf8proc_map() of the whole text (a fifth of the
 * export's time when it ran for every sentence) runs only for text where
 * neighbours could compose. */
#include "fold.h"

#include <stdlib.h>
#include <utf8proc.h>

#include "array.h"
#include "charclass.h"

#define FOLD_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD)
#define MAX_FOLDED_CHAR 18 /* code points of the longest compatibility decomposition */

/* Hangul syllables and jamo compose by arithmetic, not through comb_index:
 * L+V and LV+T are composition pairs that the properties do not show. */
static int is_hangul(int32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3);
}

/* CJK Unified Ideographs and Extension A: no decomposition, no case, no
 * composition, so they fold to themselves (tests/test_features.c checks
 * every one against utf8proc); asked first, since they are most of
 * Chinese text. */
static int is_unified_ideograph(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* A character that NFKC case folding leaves as it is, and that cannot
 * compose with its neighbours: no decomposition, no case folding, combining
 * class 0, in no composition pair. */
static int folds_to_itself(int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->decomp_seqindex == UINT16_MAX && p->casefold_seqindex == UINT16_MAX &&
           p->combining_class == 0 && p->comb_index == UINT16_MAX && !is_hangul(cp);
}

/* A character NFKC case folding maps on its own: one that, however its
 * neighbours look, becomes characters that fold to themselves and cannot
 * compose (full-width ，becomes ,). A lower-case ASCII letter composes only
 * with a following mark, which fails folds_to_itself() itself. Appends to
 * out (room for MAX_FOLDED_CHAR more) or returns 0. */
static int fold_char_alone(int32_t cp, tme_cp_buffer *out)
{
    utf8proc_int32_t mapped[MAX_FOLDED_CHAR];
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, mapped, MAX_FOLDED_CHAR, FOLD_OPTIONS, NULL);
    if (k <= 0 || k > MAX_FOLDED_CHAR)
        return 0;
    for (utf8proc_ssize_t m = 0; m < k; m++) {
        utf8proc_int32_t c = mapped[m];
        if (c < 0x80 ? c >= 'A' && c <= 'Z' : !folds_to_itself(c))
            return 0;
    }
    for (utf8proc_ssize_t m = 0; m < k; m++)
        out->cp[out->n++] = mapped[m];
    return 1;
}

/* Folds character by character; 0 when some character needs its
 * neighbours (or is not UTF-8), 1 when done, -1 when out of memory. The
 * room is reserved for every character folding to one plus one longest
 * decomposition, and reserved again only after a character that became
 * several: one check per text, not one per character. */
static int fold_alone(const int32_t *cp, size_t n, tme_cp_buffer *out)
{
    if (TME_ARRAY_RESERVE(out->cp, out->cap, out->n + n + MAX_FOLDED_CHAR) != TME_OK)
        return -1;
    /* The count kept in a register, and out->n set only around the
     * characters fold_char_alone() appends. */
    int32_t *dst = out->cp;
    size_t w = out->n;
    for (size_t i = 0; i < n; i++) {
        int32_t c = cp[i];
        if (c < 0x80) {
            if (c < 0)
                return 0;
            /* An ASCII letter before a combining mark composes: the mark
             * itself fails the checks below and sends the whole text on. */
            dst[w++] = c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            continue;
        }
        if (is_unified_ideograph(c) || folds_to_itself(c)) {
            dst[w++] = c;
            continue;
        }
        out->n = w;
        if (!fold_char_alone(c, out))
            return 0;
        if (TME_ARRAY_RESERVE(out->cp, out->cap, out->n + (n - i - 1) + MAX_FOLDED_CHAR) != TME_OK)
            return -1;
        dst = out->cp;
        w = out->n;
    }
    out->n = w;
    return 1;
}

/* utf8proc_map() of the whole text, decoded into out. */
static tme_status fold_together(const char *bytes, size_t len, tme_cp_buffer *out, tme_error *err)
{
    out->n = 0;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t mapped_len =
        utf8proc_map((const utf8proc_uint8_t *)bytes, (utf8proc_ssize_t)len, &mapped, FOLD_OPTIONS);
    if (mapped_len == UTF8PROC_ERROR_NOMEM)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory folding %zu bytes of text", len);
    if (mapped_len < 0) /* not UTF-8: no evidence */
        return TME_OK;
    if (TME_ARRAY_RESERVE(out->cp, out->cap, (size_t)mapped_len) != TME_OK) {
        free(mapped);
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory folding %zu bytes of text", len);
    }
    for (utf8proc_ssize_t i = 0; i < mapped_len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t step = tme_iterate(mapped + i, mapped_len - i, &c);
        if (step <= 0) /* utf8proc_map returns valid UTF-8; stay total */
            break;
        out->cp[out->n++] = c;
        i += step;
    }
    free(mapped);
    return TME_OK;
}

tme_status tme_fold(const int32_t *cp, size_t n, const char *bytes, size_t len, tme_cp_buffer *out,
                    tme_error *err)
{
    out->n = 0;
    int done = fold_alone(cp, n, out);
    if (done < 0)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory folding %zu bytes of text", len);
    return done ? TME_OK : fold_together(bytes, len, out, err);
}

void tme_cp_buffer_free(tme_cp_buffer *b)
{
    free(b->cp);
    b->cp = NULL;
    b->n = b->cap = 0;
}
