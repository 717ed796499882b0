/* SPDX-License-Identifier: MIT */
/* Which Chinese script a text is written in, counted by character: so that
 * an export of Traditional Chinese can be tagged zh-TW (or zh-Hant) rather
 * than guessed from its encoding. */
#ifndef TME_CHINESE_SCRIPT_H
#define TME_CHINESE_SCRIPT_H

#include <stddef.h>

typedef enum {
    TME_CHINESE_UNKNOWN,     /* no character that only one script uses */
    TME_CHINESE_SIMPLIFIED,  /* at least 90% of those characters are Simplified */
    TME_CHINESE_TRADITIONAL, /* at least 90% are Traditional */
    TME_CHINESE_MIXED        /* neither */
} tme_chinese_script;

/* The share of the characters that tell the scripts apart that one script
 * must have to be the text's script. */
#define TME_CHINESE_SCRIPT_DOMINANCE 0.9

/* Counts the characters of utf8[0..len) that only Traditional writing uses
 * (體, 們, 為) and those that only Simplified writing uses (体, 们, 为); the
 * many characters both share (中, 文, 后, 群) count for neither. The lists
 * come from OpenCC's dictionaries (src/chinese_script_table.h). Either
 * count pointer may be NULL. Invalid UTF-8 is skipped. */
tme_chinese_script tme_detect_chinese_script(const char *utf8, size_t len, size_t *traditional,
                                             size_t *simplified);

/* "Traditional", "Simplified", "mixed" or "unknown". */
const char *tme_chinese_script_name(tme_chinese_script script);

#endif
