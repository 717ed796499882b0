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

/* 0 when tme_starts_number(cp) is 0 for certain: a test for the callers
 * that ask of every character. */
static inline int tme_may_start_number(int32_t cp)
{
    return cp < 0x80 ? cp >= '0' && cp <= '9' : cp == 0x3007 || (cp >= 0x4E00 && cp <= 0x96F6);
}

/* Reads the number at cp[*i] (where tme_starts_number holds) with its scale
 * or decade suffix, advancing *i past all of it. */
void tme_read_number(const int32_t *cp, size_t n, size_t *i, tme_number *out);

#endif
