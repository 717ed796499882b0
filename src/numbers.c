/* SPDX-License-Identifier: MIT */
#include "numbers.h"

#include <stdlib.h>

#include "charclass.h"

/* A decimal value: mantissa × 10^exponent, with overflow noted. */
typedef struct {
    uint64_t mantissa;
    int exponent;
    int overflow;
} decimal;

static void append_digit(decimal *v, int digit)
{
    if (v->mantissa > (UINT64_MAX - 9) / 10)
        v->overflow = 1;
    else
        v->mantissa = v->mantissa * 10 + (uint64_t)digit;
}

static int digit_at(const int32_t *cp, size_t n, size_t i)
{
    return i < n && tme_is_ascii_digit(cp[i]);
}

/* Digits with "," thousands groups (a comma before exactly three digits)
 * and one decimal part. */
static decimal read_digits(const int32_t *cp, size_t n, size_t *i)
{
    decimal v = {0, 0, 0};
    size_t at = *i;
    for (;;) {
        while (digit_at(cp, n, at))
            append_digit(&v, cp[at++] - '0');
        if (at < n && cp[at] == ',' && digit_at(cp, n, at + 1) && digit_at(cp, n, at + 2) &&
            digit_at(cp, n, at + 3) && !digit_at(cp, n, at + 4)) {
            at++;
            continue;
        }
        break;
    }
    if (at < n && cp[at] == '.' && digit_at(cp, n, at + 1))
        for (at++; digit_at(cp, n, at); at++, v.exponent--)
            append_digit(&v, cp[at] - '0');
    *i = at;
    return v;
}

typedef struct {
    int32_t cp;
    signed char digit, power;
} han_numeral;

#define HAN_NUMERAL_ENTRY(cp, digit, power) {cp, digit, power},
static const han_numeral han_numerals[] = {TME_HAN_NUMERALS(HAN_NUMERAL_ENTRY)};

static int compare_han_numerals(const void *a, const void *b)
{
    int32_t x = ((const han_numeral *)a)->cp, y = ((const han_numeral *)b)->cp;
    return (x > y) - (x < y);
}

/* The entry of cp, or {cp, -1, -1}. */
static han_numeral han_numeral_of(int32_t cp)
{
    han_numeral key = {cp, -1, -1};
    if (!tme_may_be_han_numeral(cp))
        return key;
    const han_numeral *found =
        bsearch(&key, han_numerals, sizeof han_numerals / sizeof han_numerals[0],
                sizeof han_numerals[0], compare_han_numerals);
    return found != NULL ? *found : key;
}

static int han_digit(int32_t cp)
{
    return han_numeral_of(cp).digit;
}

static int han_power(int32_t cp)
{
    return han_numeral_of(cp).power;
}

static uint64_t power_of_ten(int k)
{
    uint64_t p = 1;
    while (k-- > 0)
        p *= 10;
    return p;
}

int tme_starts_number(int32_t cp)
{
    if (cp < 0x80)
        return tme_is_ascii_digit(cp);
    han_numeral h = han_numeral_of(cp);
    return h.digit >= 0 || (h.power > 0 && h.power < 4);
}

/* A Han numeral: 一九四二 (digits in a row read positionally), 一百一十,
 * 两千, 三十亿. Sums stay far below UINT64_MAX for any numeral a text
 * writes; longer runs only note overflow. */
static decimal read_han(const int32_t *cp, size_t n, size_t *i, size_t *chars)
{
    uint64_t total = 0, section = 0, positional = 0;
    int digit = -1, has_unit = 0, overflow = 0;
    size_t at = *i;
    for (; at < n; at++) {
        int d = han_digit(cp[at]), power = han_power(cp[at]);
        if (d >= 0) {
            overflow |= positional > UINT64_MAX / 100;
            positional = positional * 10 + (uint64_t)d;
            digit = d;
        } else if (power > 0 && power < 4) {
            section += (uint64_t)(digit < 0 ? 1 : digit) * power_of_ten(power);
            digit = -1;
            positional = 0;
            has_unit = 1;
        } else if (power >= 4 && at > *i) {
            overflow |= total + section > UINT64_MAX / power_of_ten(power) / 10;
            total = (total + section + (uint64_t)(digit < 0 ? 0 : digit)) * power_of_ten(power);
            section = 0;
            digit = -1;
            positional = 0;
            has_unit = 1;
        } else {
            break;
        }
    }
    *chars = at - *i;
    *i = at;
    decimal v = {has_unit ? total + section + (uint64_t)(digit < 0 ? 0 : digit) : positional, 0,
                 overflow};
    return v;
}

/* Whether cp[i..] spells word (ASCII). */
static int spells(const int32_t *cp, size_t n, size_t i, const char *word)
{
    for (; *word != '\0'; word++, i++)
        if (i >= n || cp[i] != (unsigned char)*word)
            return 0;
    return 1;
}

static size_t skip_spaces(const int32_t *cp, size_t n, size_t i)
{
    while (i < n && cp[i] == ' ')
        i++;
    return i;
}

/* An English scale word at cp[at] that ends a word: its power of ten, its
 * length in *len; 0 when none. bn, tn and m count only attached ("$5bn"). */
static int english_scale(const int32_t *cp, size_t n, size_t at, int spaced, size_t *len)
{
    static const struct {
        const char *word;
        unsigned char power, attached_only;
    } scales[] = {{"thousand", 3, 0}, {"million", 6, 0}, {"billion", 9, 0}, {"trillion", 12, 0},
                  {"bn", 9, 1},       {"tn", 12, 1},     {"m", 6, 1}};
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        size_t l = 0;
        while (scales[k].word[l] != '\0')
            l++;
        int ends_word = !(at + l < n && cp[at + l] >= 'a' && cp[at + l] <= 'z');
        if ((spaced && scales[k].attached_only) || !spells(cp, n, at, scales[k].word) || !ends_word)
            continue;
        *len = l;
        return scales[k].power;
    }
    return 0;
}

/* The scale after a number, as a power of ten added to v; advances *i past
 * it. Chinese characters (百 千 万 亿, not 十) multiply: 3千万 = 3 × 10^7. */
static void read_scale(const int32_t *cp, size_t n, size_t *i, decimal *v)
{
    size_t at = skip_spaces(cp, n, *i), len = 0;
    int power = english_scale(cp, n, at, at > *i, &len);
    if (power > 0) {
        v->exponent += power;
        *i = at + len;
        return;
    }
    for (; at < n && han_power(cp[at]) >= 2; at++) {
        v->exponent += han_power(cp[at]);
        *i = at + 1;
    }
}

/* The value in thousandths (rounded half up), or 0 with usable cleared. */
static uint64_t thousandths(decimal v, int *usable)
{
    int e = v.exponent + 3;
    *usable = !v.overflow && e > -20 && e < 20;
    if (!*usable)
        return 0;
    if (e < 0) {
        uint64_t p = power_of_ten(-e);
        return v.mantissa / p + (v.mantissa % p >= (p + 1) / 2);
    }
    uint64_t p = power_of_ten(e);
    *usable = v.mantissa <= TME_NUMBER_MAX_KEY / p;
    return *usable ? v.mantissa * p : 0;
}

/* A decade: "1980s" (attached s, not a word going on), or "80年代" after
 * optional spaces. value is the integer the number reads as. */
static int read_decade(const int32_t *cp, size_t n, size_t *i, uint64_t value)
{
    if (value % 10 != 0 || value > 1000000)
        return 0;
    size_t at = *i;
    if (value >= 1000 && value <= 2999 && at < n && cp[at] == 's' &&
        !(at + 1 < n && cp[at + 1] >= 'a' && cp[at + 1] <= 'z')) {
        *i = at + 1;
        return 1;
    }
    at = skip_spaces(cp, n, at);
    if (at + 1 < n && cp[at] == 0x5E74 && cp[at + 1] == 0x4EE3) { /* 年代 */
        *i = at + 2;
        return 1;
    }
    return 0;
}

void tme_read_number(const int32_t *cp, size_t n, size_t *i, tme_number *out)
{
    size_t han_chars = 0;
    out->han = !tme_is_ascii_digit(cp[*i]);
    decimal v = out->han ? read_han(cp, n, i, &han_chars) : read_digits(cp, n, i);
    int integer = !v.overflow && v.exponent == 0;
    out->decade = integer && read_decade(cp, n, i, v.mantissa);
    if (out->decade) {
        out->key = v.mantissa % 100;
        out->usable = 1;
        return;
    }
    if (!out->han)
        read_scale(cp, n, i, &v);
    out->key = thousandths(v, &out->usable);
    if (out->han && v.mantissa < 2 && han_chars == 1)
        out->usable = 0; /* a lone 一 is mostly the article "a" */
}
