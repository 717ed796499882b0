/* SPDX-License-Identifier: MIT */
/* Code point classes the text modules share (paragraph, pairing, segment,
 * features, align, normalize): one definition of each. utf8proc answers
 * everything it can (categories); it has no script property, so Han and a
 * few typographic blocks are range checks. The predicates are inline with
 * an ASCII fast path that gives utf8proc's answers (most text is ASCII, and
 * the segmenter asks several of them per character). Every predicate takes
 * any int, including the negative values callers use for invalid bytes,
 * and answers 0 for them. */
#ifndef TME_CHARCLASS_H
#define TME_CHARCLASS_H

#include <stddef.h>
#include <utf8proc.h>

/* utf8proc_category(), answered from a table of the Basic Multilingual
 * Plane that is filled from utf8proc once per process: the text modules
 * ask for nearly every character, and utf8proc's two-level lookup was a
 * fifth of the export's time. Thread-safe; UTF8PROC_CATEGORY_CN for
 * anything that is not a code point. */
utf8proc_category_t tme_category(int cp);

/* utf8proc_charwidth(cp) == 2 (East Asian wide), from the same table. */
int tme_is_wide(int cp);

/* utf8proc_iterate() with the ASCII case and valid three-byte sequences
 * (all of Han and Chinese punctuation) inline: the call per character
 * showed in every profile. Same contract and answers (tests/test_features.c
 * compares every three-byte sequence): bytes consumed, or a negative
 * utf8proc error. */
static inline utf8proc_ssize_t tme_iterate(const utf8proc_uint8_t *str, utf8proc_ssize_t len,
                                           utf8proc_int32_t *cp)
{
    if (len != 0 && str[0] < 0x80) {
        *cp = str[0];
        return 1;
    }
    if (len >= 3 && (str[0] & 0xF0) == 0xE0 && (str[1] & 0xC0) == 0x80 && (str[2] & 0xC0) == 0x80) {
        utf8proc_int32_t c = (str[0] & 0x0F) << 12 | (str[1] & 0x3F) << 6 | (str[2] & 0x3F);
        if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) { /* not overlong, not a surrogate */
            *cp = c;
            return 3;
        }
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

static inline int tme_is_ascii_digit(int cp)
{
    return cp >= '0' && cp <= '9';
}

static inline int tme_is_ascii_letter(int cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static inline int tme_is_ascii_alnum(int cp)
{
    return tme_is_ascii_digit(cp) || tme_is_ascii_letter(cp);
}

/* Whitespace: Unicode's White_Space property, that is the ASCII tab, line
 * feed, vertical tab, form feed and carriage return, U+0085 and the
 * categories Zs, Zl and Zp. */
static inline int tme_is_space(int cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    if (cp == 0x85)
        return 1;
    utf8proc_category_t k = tme_category(cp);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

/* Any letter: categories Lu, Ll, Lt, Lm, Lo (Han and kana included). */
static inline int tme_is_letter(int cp)
{
    if (cp < 0x80)
        return tme_is_ascii_letter(cp);
    utf8proc_category_t k = tme_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* A letter with case: Lu, Ll, Lt (Latin, Greek, Cyrillic...; not Han,
 * kana or Hangul, which are Lo). */
static inline int tme_is_cased_letter(int cp)
{
    if (cp < 0x80)
        return tme_is_ascii_letter(cp);
    utf8proc_category_t k = tme_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT;
}

/* Upper case: Lu and title case Lt. */
static inline int tme_is_upper(int cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t k = tme_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static inline int tme_is_lower(int cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return tme_category(cp) == UTF8PROC_CATEGORY_LL;
}

/* A decimal digit of any script (category Nd: 0-9, full-width ０-９...). */
static inline int tme_is_digit(int cp)
{
    if (cp < 0x80)
        return tme_is_ascii_digit(cp);
    return tme_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Punctuation: categories Pc, Pd, Ps, Pe, Pi, Pf, Po. */
static inline int tme_is_punctuation(int cp)
{
    utf8proc_category_t k = tme_category(cp);
    return k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
}

/* A Latin letter: ASCII, or a cased letter of Latin-1 Supplement to Latin
 * Extended-B, IPA or Latin Extended Additional (é, ō, ş...). Inline up to
 * the range checks: most characters asked about are ASCII or Han. */
int tme_is_latin_letter_beyond_ascii(int cp);

static inline int tme_is_latin_letter(int cp)
{
    if (cp < 0x80)
        return tme_is_ascii_letter(cp);
    if (cp > 0x24F && (cp < 0x1E00 || cp > 0x1EFF))
        return 0;
    return tme_is_latin_letter_beyond_ascii(cp);
}

/* Han: CJK radicals, Unified Ideographs with their extensions and the
 * compatibility ideographs. (〇 U+3007 sits among the CJK symbols and
 * counts as Chinese punctuation.) */
static inline int tme_is_han(int cp)
{
    if (cp < 0x2E80) /* ASCII and the alphabets: one test */
        return 0;
    if (cp <= 0x9FFF)
        return cp >= 0x4E00 || (cp >= 0x3400 && cp <= 0x4DBF) || cp <= 0x2FDF;
    return (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF);
}

/* What may follow a sentence's last mark without starting anything: an
 * emoji or other symbol ("...anxiety! ❤️"), a variation selector or a
 * combining mark. */
int tme_is_trailing_symbol(int cp);

/* CJK symbols and punctuation (not the ideographic space) and the
 * full-width punctuation forms. */
static inline int tme_is_cjk_punctuation(int cp)
{
    return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65);
}

/* Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ). */
static inline int tme_is_fullwidth_alnum(int cp)
{
    return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
           (cp >= 0xFF41 && cp <= 0xFF5A);
}

/* The dashes, quotation marks, bullets and leaders of General Punctuation
 * (U+2010-U+2027), which Chinese typesetting uses as its own marks. */
static inline int tme_is_dash_quote_or_bullet(int cp)
{
    return cp >= 0x2010 && cp <= 0x2027;
}

#endif
