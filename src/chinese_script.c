/* SPDX-License-Identifier: MIT */
#include "chinese_script.h"

#include "charclass.h"
#include "chinese_script_table.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int compare_code_points(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int listed(const uint32_t *table, size_t count, utf8proc_int32_t cp)
{
    uint32_t key = (uint32_t)cp;
    return bsearch(&key, table, count, sizeof *table, compare_code_points) != NULL;
}

/* The two lists as bits over the Basic Multilingual Plane, filled from
 * them once per process: every Han character of every document is looked
 * up, and the binary searches (two per character, each a dozen unpredictable
 * branches) were a tenth of an export's time. Ideographs above the BMP are
 * rare and keep the binary search. */
#define BMP_SIZE 0x10000
#define TRADITIONAL_BIT 1u
#define SIMPLIFIED_BIT 2u

static unsigned char bmp_marks[BMP_SIZE];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;

static void mark_list(const uint32_t *table, size_t count, unsigned char bit)
{
    for (size_t k = 0; k < count && table[k] < BMP_SIZE; k++)
        bmp_marks[table[k]] |= bit;
}

static void fill_bmp_marks(void)
{
    mark_list(traditional_only, sizeof traditional_only / sizeof *traditional_only,
              TRADITIONAL_BIT);
    mark_list(simplified_only, sizeof simplified_only / sizeof *simplified_only, SIMPLIFIED_BIT);
}

/* TRADITIONAL_BIT and/or SIMPLIFIED_BIT for a Han character. */
static unsigned script_marks(utf8proc_int32_t cp)
{
    if (cp < BMP_SIZE)
        return bmp_marks[cp];
    return (listed(traditional_only, sizeof traditional_only / sizeof *traditional_only, cp)
                ? TRADITIONAL_BIT
                : 0) |
           (listed(simplified_only, sizeof simplified_only / sizeof *simplified_only, cp)
                ? SIMPLIFIED_BIT
                : 0);
}

/* Han starts at U+2E80, whose UTF-8 lead byte is 0xE2: smaller bytes are
 * ASCII, other alphabets or continuation bytes and are stepped over one at
 * a time. That visits the same characters as decoding every one would:
 * no valid sequence holds a byte of 0xC0 or more after its first, and an
 * invalid byte is skipped either way. */
#define HAN_MIN_LEAD 0xE2

static int ascii_word(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return (v & 0x8080808080808080u) == 0;
}

tme_chinese_script tme_detect_chinese_script(const char *utf8, size_t len, size_t *traditional,
                                             size_t *simplified)
{
    pthread_once(&bmp_once, fill_bmp_marks);
    const unsigned char *bytes = (const unsigned char *)utf8;
    size_t t = 0, s = 0, i = 0;
    while (i < len) {
        if (len - i >= 8 && ascii_word(bytes + i)) {
            i += 8;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;
        if (bytes[i] < HAN_MIN_LEAD ||
            (n = tme_iterate(bytes + i, (utf8proc_ssize_t)(len - i), &cp)) <= 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (!tme_is_han(cp))
            continue;
        unsigned marks = script_marks(cp);
        t += marks & TRADITIONAL_BIT;
        s += marks >> 1;
    }
    if (traditional)
        *traditional = t;
    if (simplified)
        *simplified = s;
    if (t + s == 0)
        return TME_CHINESE_UNKNOWN;
    if ((double)t >= TME_CHINESE_SCRIPT_DOMINANCE * (double)(t + s))
        return TME_CHINESE_TRADITIONAL;
    if ((double)s >= TME_CHINESE_SCRIPT_DOMINANCE * (double)(t + s))
        return TME_CHINESE_SIMPLIFIED;
    return TME_CHINESE_MIXED;
}

const char *tme_chinese_script_name(tme_chinese_script script)
{
    switch (script) {
    case TME_CHINESE_SIMPLIFIED:
        return "Simplified";
    case TME_CHINESE_TRADITIONAL:
        return "Traditional";
    case TME_CHINESE_MIXED:
        return "mixed";
    case TME_CHINESE_UNKNOWN:
        break;
    }
    return "unknown";
}
