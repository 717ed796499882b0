/* SPDX-License-Identifier: MIT */
/* Code point classes the text modules share. utf8proc answers everything
 * it can (categories); it has no script property, so Han is the one range
 * check of the project. */
#ifndef TME_CHARCLASS_H
#define TME_CHARCLASS_H

#include <stddef.h>
#include <utf8proc.h>

/* utf8proc_category(), answered from a table of the Basic Multilingual
 * Plane that is filled from utf8proc once per process: the text modules
 * ask for nearly every character, and utf8proc's two-level lookup was a
 * fifth of the export's time. Thread-safe. */
utf8proc_category_t tme_category(int cp);

/* utf8proc_iterate() with the ASCII case inline: most of the text is
 * ASCII, and the call per character showed in every profile. Same
 * contract: bytes consumed, or a negative utf8proc error. */
static inline utf8proc_ssize_t tme_iterate(const utf8proc_uint8_t *str, utf8proc_ssize_t len,
                                           utf8proc_int32_t *cp)
{
    if (len != 0 && str[0] < 0x80) {
        *cp = str[0];
        return 1;
    }
    return utf8proc_iterate(str, len, cp);
}

/* Steps to the next code point of s[0..len) from *i, skipping invalid
 * bytes: 1 with *cp set and *i past it, or 0 at the end. */
static inline int tme_next_code_point(const char *s, size_t len, size_t *i, utf8proc_int32_t *cp)
{
    while (*i < len) {
        utf8proc_ssize_t n =
            tme_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(len - *i), cp);
        if (n > 0) {
            *i += (size_t)n;
            return 1;
        }
        (*i)++;
    }
    return 0;
}

/* Han: CJK radicals, Unified Ideographs with their extensions and the
 * compatibility ideographs. (〇 U+3007 sits among the CJK symbols and
 * counts as Chinese punctuation.) Inline: it is asked of every character. */
static inline int tme_is_han(int cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x323AF);
}

/* Whitespace: the ASCII controls that separate words and category Zs. */
int tme_is_space(int cp);

/* What may follow a sentence's last mark without starting anything: an
 * emoji or other symbol ("...anxiety! ❤️"), a variation selector or a
 * combining mark. */
int tme_is_trailing_symbol(int cp);

/* CJK symbols and punctuation (not the ideographic space) and the
 * full-width punctuation forms. */
int tme_is_cjk_punctuation(int cp);

#endif
