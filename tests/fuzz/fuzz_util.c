/* SPDX-License-Identifier: MIT */
#include <utf8proc.h>

#include "fuzz.h"

int fuzz_valid_utf8(const char *s, size_t len)
{
    size_t pos = 0;
    while (pos < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t used =
            utf8proc_iterate((const utf8proc_uint8_t *)s + pos, (utf8proc_ssize_t)(len - pos), &c);
        if (used <= 0)
            return 0;
        pos += (size_t)used;
    }
    return 1;
}
