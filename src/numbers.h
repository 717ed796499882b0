/* SPDX-License-Identifier: MIT */
/* Reading numbers from decoded text (code points, NFKC-folded where the
 * caller says so): digits with their separators, Han numerals, the scale
 * words after a number and the decade suffixes. */
#ifndef TME_NUMBERS_H
#define TME_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

/* Pairing's reading (until pairing and alignment read numbers alike): the
 * ASCII digits at cp[*i] with "," and "." between digits ("2,000" and
 * "2000" alike; "3.5" keeps its point), advancing *i. */
double tme_pairing_read_digits(const int32_t *cp, size_t n, size_t *i);

/* Pairing's scale word after a number (after spaces): 万, 亿, thousand,
 * million, billion, trillion; 1 when none. Does not advance. */
double tme_pairing_scale_after(const int32_t *cp, size_t n, size_t i);

/* The value of the Chinese numeral at cp[*i] (一九四二 = 1942, 一百一十 =
 * 110, 两千 = 2000), advancing *i; -1 when there is none. */
double tme_read_han_number(const int32_t *cp, size_t n, size_t *i);

/* The aligner's reading: digits with "," thousands groups and one decimal
 * part, advancing *i. */
double tme_read_digits(const int32_t *cp, size_t n, size_t *i);

/* The aligner's scale after a number: English words ("1.6 billion",
 * "$5bn"; text case-folded) or Chinese characters ("1.6万", "3千万");
 * advances *i past it, or returns 1. */
double tme_read_scale(const int32_t *cp, size_t n, size_t *i, tme_lang lang);

/* "1980s" in English, "80年代" or "1980年代" in Chinese: advances *i past
 * the suffix and returns 1. */
int tme_read_decade_suffix(const int32_t *cp, size_t n, size_t *i, double value, tme_lang lang);

#endif
