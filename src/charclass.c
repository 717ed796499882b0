/* SPDX-License-Identifier: MIT */
#include "charclass.h"

#include <pthread.h>
#include <stdatomic.h>

#define BMP_SIZE 0x10000

/* Per code point: its category in the low bits (there are 30), and
 * WIDE_BIT when utf8proc_charwidth() says 2. */
#define CATEGORY_MASK 0x1Fu
#define WIDE_BIT 0x80u
static unsigned char bmp_categories[BMP_SIZE];
static pthread_once_t bmp_once = PTHREAD_ONCE_INIT;
/* Checked on every call: cheaper than pthread_once() itself. */
static atomic_int bmp_ready;

static void fill_bmp_categories(void)
{
    for (int cp = 0; cp < BMP_SIZE; cp++)
        bmp_categories[cp] =
            (unsigned char)(utf8proc_category(cp) | (utf8proc_charwidth(cp) == 2 ? WIDE_BIT : 0));
    atomic_store_explicit(&bmp_ready, 1, memory_order_release);
}

utf8proc_category_t tme_category(int cp)
{
    if (cp < 0 || cp >= BMP_SIZE)
        return utf8proc_category(cp);
    if (!atomic_load_explicit(&bmp_ready, memory_order_acquire))
        pthread_once(&bmp_once, fill_bmp_categories);
    return (utf8proc_category_t)(bmp_categories[cp] & CATEGORY_MASK);
}

int tme_is_wide(int cp)
{
    if (cp < 0 || cp >= BMP_SIZE)
        return utf8proc_charwidth(cp) == 2;
    if (!atomic_load_explicit(&bmp_ready, memory_order_acquire))
        pthread_once(&bmp_once, fill_bmp_categories);
    return (bmp_categories[cp] & WIDE_BIT) != 0;
}

int tme_is_latin_letter_beyond_ascii(int cp)
{
    int latin_block = (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF);
    if (!latin_block)
        return 0;
    utf8proc_category_t k = tme_category(cp);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL;
}

int tme_is_trailing_symbol(int cp)
{
    if (cp < 0x80)
        return 0;
    if (cp >= 0xFE00 && cp <= 0xFE0F) /* variation selectors */
        return 1;
    utf8proc_category_t cat = tme_category(cp);
    return cat == UTF8PROC_CATEGORY_SO || cat == UTF8PROC_CATEGORY_SK ||
           cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME;
}
