/* SPDX-License-Identifier: MIT */
#include "chinese_script.h"

#include "charclass.h"
#include "chinese_script_table.h"

#include <stdint.h>
#include <stdlib.h>

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

tme_chinese_script tme_detect_chinese_script(const char *utf8, size_t len, size_t *traditional,
                                             size_t *simplified)
{
    size_t t = 0, s = 0;
    size_t i = 0;
    utf8proc_int32_t cp;
    while (tme_next_code_point(utf8, len, &i, &cp)) {
        if (!tme_is_han(cp))
            continue;
        t += (size_t)listed(traditional_only, sizeof traditional_only / sizeof *traditional_only,
                            cp);
        s += (size_t)listed(simplified_only, sizeof simplified_only / sizeof *simplified_only, cp);
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
