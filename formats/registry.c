/* SPDX-License-Identifier: MIT */
/* The list of output formats. Adding a format is one file in formats/ and one
 * line in each list below. */
#include "format.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

extern const tme_format tme_format_tsv;
extern const tme_format tme_format_tmx;
extern const tme_format tme_format_xliff12;
extern const tme_format tme_format_xliff2;

const tme_format *const tme_formats[] = {
    &tme_format_tsv, &tme_format_tmx, &tme_format_xliff12, &tme_format_xliff2, NULL,
};

const tme_format *tme_format_by_name(const char *name)
{
    for (size_t i = 0; tme_formats[i] != NULL; i++)
        if (strcasecmp(tme_formats[i]->name, name) == 0)
            return tme_formats[i];
    return NULL;
}

/* extensions is a comma-separated list such as "xlf,xliff". */
static int extension_listed(const char *extensions, const char *ext)
{
    size_t ext_len = strlen(ext);
    const char *p = extensions;
    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == ext_len && strncasecmp(p, ext, len) == 0)
            return 1;
        p = comma ? comma + 1 : NULL;
    }
    return 0;
}

const tme_format *tme_format_by_extension(const char *ext)
{
    for (size_t i = 0; tme_formats[i] != NULL; i++)
        if (tme_formats[i]->extensions != NULL && extension_listed(tme_formats[i]->extensions, ext))
            return tme_formats[i];
    return NULL;
}
