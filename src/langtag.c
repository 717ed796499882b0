/* SPDX-License-Identifier: MIT */
#include "langtag.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static int all_of(const char *s, size_t n, int (*pred)(int))
{
    for (size_t i = 0; i < n; i++)
        if (!pred((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The grammar of RFC 5646 section 2.1, subtag by subtag. */
int tme_langtag_valid(const char *tag)
{
    enum { LANGUAGE, EXTLANG, SCRIPT, REGION, VARIANT, EXTENSION, PRIVATE } state = LANGUAGE;
    size_t extlangs = 0, extension_subtags = 0;
    const char *p = tag;
    if (*p == '\0')
        return 0;
    while (*p != '\0') {
        const char *dash = strchr(p, '-');
        size_t n = dash ? (size_t)(dash - p) : strlen(p);
        if (n == 0 || n > 8 || !all_of(p, n, isalnum))
            return 0;
        int alpha = all_of(p, n, isalpha), digit = all_of(p, n, isdigit);
        if (state == PRIVATE) {
            extension_subtags++;
        } else if (n == 1) {
            if (state == LANGUAGE && p[0] != 'x' && p[0] != 'X')
                return 0;
            if (state == EXTENSION && extension_subtags == 0)
                return 0;
            state = (p[0] == 'x' || p[0] == 'X') ? PRIVATE : EXTENSION;
            extension_subtags = 0;
        } else if (state == EXTENSION) {
            if (n < 2)
                return 0;
            extension_subtags++;
        } else if (state == LANGUAGE) {
            if (!alpha || n == 4 || n < 2)
                return 0;
            state = n <= 3 ? EXTLANG : SCRIPT;
        } else if (state == EXTLANG && n == 3 && alpha && extlangs < 3) {
            extlangs++;
        } else if (state <= SCRIPT && n == 4 && alpha) {
            state = REGION;
        } else if (state <= REGION && ((n == 2 && alpha) || (n == 3 && digit))) {
            state = VARIANT;
        } else if ((n >= 5) || (n == 4 && isdigit((unsigned char)p[0]))) {
            state = VARIANT;
        } else {
            return 0;
        }
        if (dash == NULL)
            break;
        p = dash + 1;
        if (*p == '\0')
            return 0;
    }
    /* A singleton needs at least one subtag after it. */
    return (state != EXTENSION && state != PRIVATE) || extension_subtags > 0;
}

int tme_langtag_is_chinese(const char *tag)
{
    static const char *const chinese[] = {"zh",  "cmn", "yue", "wuu", "hak", "nan",
                                          "gan", "hsn", "cjy", "lzh", NULL};
    size_t n = strcspn(tag, "-");
    for (size_t k = 0; chinese[k] != NULL; k++)
        if (strlen(chinese[k]) == n && strncasecmp(tag, chinese[k], n) == 0)
            return 1;
    return 0;
}

int tme_langtag_primary(const char *tag, char *out, size_t size)
{
    size_t n = strcspn(tag, "-");
    if (n == 0 || n >= size)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)tolower((unsigned char)tag[i]);
    out[n] = '\0';
    return 0;
}

int tme_langtag_same_language(const char *a, const char *b)
{
    char primary_a[16], primary_b[16];
    return tme_langtag_primary(a, primary_a, sizeof primary_a) == 0 &&
           tme_langtag_primary(b, primary_b, sizeof primary_b) == 0 &&
           strcmp(primary_a, primary_b) == 0;
}
