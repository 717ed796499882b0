/* SPDX-License-Identifier: MIT */
/* Reading numbers from NFKC-folded code points, one rule for every text
 * and both languages: digits with "," thousands groups and one decimal
 * part, or a Han numeral (一九四二, 一百一十, 两千, 三十亿); then a scale
 * after optional spaces (Chinese 百 千 万 亿 in any product, as in 3千万;
 * English thousand, million, billion, trillion, and attached bn, tn, m); or
 * a decade suffix ("1980s", "80年代", "八十年代"). The key is the value in
 * thousandths, computed in integers, so 2,000 = 2000, 1.6万 = 16,000 =
 * 16 thousand, 3.5 billion = 35亿 and 3.50 = 3.5 exactly. */
#ifndef TME_NUMBERS_H
#define TME_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

/* Values above this (10^15, in thousandths 10^18) are no anchor: digit
 * strings that long are identifiers, not quantities. */
#define TME_NUMBER_MAX_KEY 1000000000000000000ULL

typedef struct {
    uint64_t key; /* the value in thousandths; for a decade its last two digits (80) */
    int decade;   /* "1980s", "80年代" */
    int han;      /* written in Han numerals */
    int usable;   /* 0: too large to be a quantity, or a lone 一 (mostly the article "a") */
} tme_number;

/* Whether a number starts at cp (an ASCII digit or a Han numeral other
 * than 万 and 亿, which only scale). */
int tme_starts_number(int32_t cp);

/* The Han numeral characters, in code point order: X(code point, digit,
 * power of ten), -1 for none; digits 〇 零 一 二 两 三 ... 九, units 十 百 千,
 * scales 万 亿. */
#define TME_HAN_NUMERALS(X)                                                                        \
    X(0x3007, 0, -1) /* 〇 */                                                                     \
    X(0x4E00, 1, -1) /* 一 */                                                                     \
    X(0x4E03, 7, -1) /* 七 */                                                                     \
    X(0x4E07, -1, 4) /* 万 */                                                                     \
    X(0x4E09, 3, -1) /* 三 */                                                                     \
    X(0x4E24, 2, -1) /* 两 */                                                                     \
    X(0x4E5D, 9, -1) /* 九 */                                                                     \
    X(0x4E8C, 2, -1) /* 二 */                                                                     \
    X(0x4E94, 5, -1) /* 五 */                                                                     \
    X(0x4EBF, -1, 8) /* 亿 */                                                                     \
    X(0x516B, 8, -1) /* 八 */                                                                     \
    X(0x516D, 6, -1) /* 六 */                                                                     \
    X(0x5341, -1, 1) /* 十 */                                                                     \
    X(0x5343, -1, 3) /* 千 */                                                                     \
    X(0x56DB, 4, -1) /* 四 */                                                                     \
    X(0x767E, -1, 2) /* 百 */                                                                     \
    X(0x96F6, 0, -1) /* 零 */

/* Bits cp % 64 and cp / 64 % 64 of every numeral. */
#define TME_NUMERAL_LOW_BIT(cp, digit, power) | 1ULL << ((cp)&63)
#define TME_NUMERAL_HIGH_BIT(cp, digit, power) | 1ULL << ((cp) >> 6 & 63)
#define TME_NUMERAL_LOW_BITS (0 TME_HAN_NUMERALS(TME_NUMERAL_LOW_BIT))
#define TME_NUMERAL_HIGH_BITS (0 TME_HAN_NUMERALS(TME_NUMERAL_HIGH_BIT))

/* 0 when cp is no Han numeral for certain: two bit tests that reject
 * nearly every other Han character, for the callers that ask of every
 * character. */
static inline int tme_may_be_han_numeral(int32_t cp)
{
    return cp >= 0x3007 && cp <= 0x96F6 && (TME_NUMERAL_LOW_BITS >> (cp & 63) & 1) &&
           (TME_NUMERAL_HIGH_BITS >> (cp >> 6 & 63) & 1);
}

/* 0 when tme_starts_number(cp) is 0 for certain. */
static inline int tme_may_start_number(int32_t cp)
{
    return cp < 0x80 ? cp >= '0' && cp <= '9' : tme_may_be_han_numeral(cp);
}

/* Reads the number at cp[*i] (where tme_starts_number holds) with its scale
 * or decade suffix, advancing *i past all of it. */
void tme_read_number(const int32_t *cp, size_t n, size_t *i, tme_number *out);

#endif
