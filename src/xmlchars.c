/* SPDX-License-Identifier: MIT */
#include "xmlchars.h"

#include "charclass.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* XML 1.0 production Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]. tme_iterate() already rejects surrogates and
 * values above U+10FFFF, so only the C0 controls and U+FFFE/U+FFFF are left to
 * check here. */
static bool is_xml_char(utf8proc_int32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    return c != 0xFFFE && c != 0xFFFF;
}

/* A surrogate encoded as UTF-8 (ED A0..BF 80..BF), as CESU-8 or broken UTF-16
 * conversions produce, is one code point: it counts as one removal rather
 * than three stray bytes. tme_iterate() rejects it without saying how
 * long it is. */
static bool is_encoded_surrogate(const unsigned char *p, size_t available)
{
    return available >= 3 && p[0] == 0xED && p[1] >= 0xA0 && p[1] <= 0xBF && (p[2] & 0xC0) == 0x80;
}

/* 1 when none of the 8 bytes is a C0 control or above 0x7F: an ASCII
 * word of legal characters (the borrow of w - 0x20.. sets a byte's high
 * bit only where that byte is below 0x20 or one below it borrowed). */
static inline int legal_ascii_word(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    const uint64_t high = 0x8080808080808080u, spaces = 0x2020202020202020u;
    return ((w | (w - spaces)) & high) == 0;
}

/* A three-byte sequence led by E1..EC or EE with two continuation bytes:
 * U+1000..U+CFFF or U+E000..U+EFFF, never overlong, a surrogate or
 * U+FFFE/U+FFFF, so legal (all of Han and most Chinese punctuation). */
static inline int legal_common_triple(const unsigned char *p, size_t available)
{
    return available >= 3 && ((p[0] >= 0xE1 && p[0] <= 0xEC) || p[0] == 0xEE) &&
           (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80;
}

/* Length of the legal prefix of text[0..len): nearly always all of it.
 * Whole ASCII words and common three-byte sequences without decoding: the
 * check runs on every unit's text in the pipeline and again in the XML
 * writers (it was 39% of the TMX writer's instructions). */
static size_t legal_prefix(const unsigned char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) { /* ASCII: words, then single bytes */
            if (len - i >= 8 && legal_ascii_word(p + i)) {
                i += 8;
                continue;
            }
            if (p[i] >= 0x20) {
                i++;
                continue;
            }
        } else if (legal_common_triple(p + i, len - i)) { /* a run of Han */
            do
                i += 3;
            while (legal_common_triple(p + i, len - i));
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = tme_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0 || !is_xml_char(c))
            break;
        i += (size_t)n;
    }
    return i;
}

size_t tme_xml_strip_illegal(char *text)
{
    size_t len = strlen(text);
    size_t from = legal_prefix((const unsigned char *)text, len), to = from, removed = 0;
    while (from < len) {
        const unsigned char *p = (const unsigned char *)text + from;
        utf8proc_int32_t c;
        utf8proc_ssize_t n = tme_iterate(p, (utf8proc_ssize_t)(len - from), &c);
        if (n > 0 && is_xml_char(c)) {
            if (to != from)
                memmove(text + to, text + from, (size_t)n);
            to += (size_t)n;
            from += (size_t)n;
            continue;
        }
        if (n > 0)
            from += (size_t)n;
        else if (is_encoded_surrogate(p, len - from))
            from += 3;
        else
            from += 1; /* a stray byte: skip it alone and resynchronise */
        removed++;
    }
    text[to] = '\0';
    return removed;
}

int tme_xml_is_legal(const char *text)
{
    size_t len = strlen(text);
    return legal_prefix((const unsigned char *)text, len) == len;
}
