/* SPDX-License-Identifier: MIT */
#include "numbers.h"

#include <math.h>
#include <stdlib.h>

#include "charclass.h"

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

double tme_pairing_read_digits(const int32_t *cp, size_t n, size_t *i)
{
    char token[64];
    size_t len = 0, at = *i;
    while (at < n) {
        int32_t d = cp[at];
        int separator =
            (d == ',' || d == '.') && at + 1 < n && tme_is_ascii_digit(cp[at + 1]) && len > 0;
        if (tme_is_ascii_digit(d)) {
            if (len + 1 < sizeof token)
                token[len++] = (char)d;
        } else if (separator) {
            if (d == '.' && len + 1 < sizeof token)
                token[len++] = '.';
        } else {
            break;
        }
        at++;
    }
    token[len] = '\0';
    *i = at;
    return strtod(token, NULL);
}

double tme_pairing_scale_after(const int32_t *cp, size_t n, size_t i)
{
    i = skip_spaces(cp, n, i);
    if (i < n && cp[i] == 0x4E07) /* 万 */
        return 1e4;
    if (i < n && cp[i] == 0x4EBF) /* 亿 */
        return 1e8;
    static const struct {
        const char *word;
        double factor;
    } words[] = {{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (spells(cp, n, i, words[k].word))
            return words[k].factor;
    return 1;
}

static int han_digit(int32_t cp)
{
    switch (cp) {
    case 0x3007: /* 〇 */
    case 0x96F6: /* 零 */
        return 0;
    case 0x4E00: /* 一 */
        return 1;
    case 0x4E8C: /* 二 */
    case 0x4E24: /* 两 */
        return 2;
    case 0x4E09: /* 三 */
        return 3;
    case 0x56DB: /* 四 */
        return 4;
    case 0x4E94: /* 五 */
        return 5;
    case 0x516D: /* 六 */
        return 6;
    case 0x4E03: /* 七 */
        return 7;
    case 0x516B: /* 八 */
        return 8;
    case 0x4E5D: /* 九 */
        return 9;
    default:
        return -1;
    }
}

static double han_unit(int32_t cp)
{
    switch (cp) {
    case 0x5341: /* 十 */
        return 10;
    case 0x767E: /* 百 */
        return 100;
    case 0x5343: /* 千 */
        return 1000;
    default:
        return 0;
    }
}

double tme_read_han_number(const int32_t *cp, size_t n, size_t *i)
{
    double total = 0, section = 0, digit = -1, positional_digits = 0;
    int any = 0, has_unit = 0;
    size_t at = *i;
    for (; at < n; at++, any = 1) {
        int d = han_digit(cp[at]);
        double unit = han_unit(cp[at]);
        if (d >= 0) {
            /* 一九四二: digits in a row read positionally. */
            positional_digits = positional_digits * 10 + d;
            digit = d;
        } else if (unit > 0) {
            section += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
            positional_digits = 0;
            has_unit = 1;
        } else if ((cp[at] == 0x4E07 || cp[at] == 0x4EBF) && any) { /* 万 亿 */
            section += digit < 0 ? 0 : digit;
            total = (total + section) * (cp[at] == 0x4E07 ? 1e4 : 1e8);
            section = 0;
            digit = -1;
            positional_digits = 0;
            has_unit = 1;
        } else {
            break;
        }
    }
    if (!any)
        return -1;
    *i = at;
    if (!has_unit)
        return positional_digits;
    return total + section + (digit < 0 ? 0 : digit);
}

static int digit_at(const int32_t *cp, size_t n, size_t i)
{
    return i < n && tme_is_ascii_digit(cp[i]);
}

double tme_read_digits(const int32_t *cp, size_t n, size_t *i)
{
    size_t at = *i;
    double value = 0;
    for (;;) {
        while (digit_at(cp, n, at))
            value = value * 10 + (cp[at++] - '0');
        if (at < n && cp[at] == ',' && digit_at(cp, n, at + 1) && digit_at(cp, n, at + 2) &&
            digit_at(cp, n, at + 3) && !digit_at(cp, n, at + 4)) {
            at++;
            continue;
        }
        break;
    }
    if (at < n && cp[at] == '.' && digit_at(cp, n, at + 1)) {
        double unit = 0.1;
        for (at++; digit_at(cp, n, at); at++, unit /= 10)
            value += (cp[at] - '0') * unit;
    }
    *i = at;
    return value;
}

static int is_ascii_lower(int32_t c)
{
    return c >= 'a' && c <= 'z';
}

static double english_scale(const int32_t *cp, size_t n, size_t *i)
{
    static const struct {
        const char *word;
        double factor;
        int attached_only;
    } scales[] = {{"thousand", 1e3, 0},  {"million", 1e6, 0}, {"billion", 1e9, 0},
                  {"trillion", 1e12, 0}, {"bn", 1e9, 1},      {"tn", 1e12, 1},
                  {"m", 1e6, 1}};
    size_t at = skip_spaces(cp, n, *i);
    int spaced = at > *i;
    for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
        size_t end = at;
        while (scales[k].word[end - at] != '\0')
            end++;
        if ((spaced && scales[k].attached_only) || !spells(cp, n, at, scales[k].word) ||
            (end < n && is_ascii_lower(cp[end])))
            continue;
        *i = end;
        return scales[k].factor;
    }
    return 1;
}

static double chinese_scale(const int32_t *cp, size_t n, size_t *i)
{
    size_t at = skip_spaces(cp, n, *i);
    double factor = 1;
    for (; at < n; at++) {
        double f = cp[at] == 0x767e   ? 1e2
                   : cp[at] == 0x5343 ? 1e3
                   : cp[at] == 0x4e07 ? 1e4
                   : cp[at] == 0x4ebf ? 1e8
                                      : 0;
        if (f == 0)
            break;
        factor *= f;
    }
    if (factor != 1)
        *i = at;
    return factor;
}

double tme_read_scale(const int32_t *cp, size_t n, size_t *i, tme_lang lang)
{
    return lang == TME_LANG_ZH ? chinese_scale(cp, n, i) : english_scale(cp, n, i);
}

int tme_read_decade_suffix(const int32_t *cp, size_t n, size_t *i, double value, tme_lang lang)
{
    size_t at = *i;
    if (value != floor(value) || value > 1e6 || (long long)value % 10 != 0)
        return 0;
    if (lang == TME_LANG_ZH) {
        at = skip_spaces(cp, n, at);
        if (at + 1 >= n || cp[at] != 0x5E74 || cp[at + 1] != 0x4EE3) /* 年代 */
            return 0;
        *i = at + 2;
        return 1;
    }
    if (value < 1000 || value > 2999 || at >= n || cp[at] != 's' ||
        (at + 1 < n && is_ascii_lower(cp[at + 1])))
        return 0;
    *i = at + 1;
    return 1;
}
