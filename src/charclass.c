#include "charclass.h"

#include <utf8proc.h>

int tme_is_han(int cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x2E80 && cp <= 0x2FDF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x323AF);
}

int tme_is_space(int cp)
{
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\v' || cp == '\f' || cp == '\r' ||
        cp == 0x85)
        return 1;
    if (cp < 0x80)
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

int tme_is_cjk_punctuation(int cp)
{
    return (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65);
}
