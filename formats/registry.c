/* SPDX-License-Identifier: MIT */
/* The lists of formats. Adding a format is one file in formats/ and one line
 * in a list below (CMake compiles every .c file in formats/). */
#include "format.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

/* The formats, in --help order: a new format is one line here. Each names
 * the descriptor its file exports (tme_output_NAME, tme_input_NAME). */
#define OUTPUT_FORMATS(X)                                                                          \
    X(tsv)                                                                                         \
    X(tmx)                                                                                         \
    X(xliff12)                                                                                     \
    X(xliff2)                                                                                      \
    X(moses)                                                                                       \
    X(jsonl)                                                                                       \
    X(review)

#define INPUT_FORMATS(X)                                                                           \
    X(article)                                                                                     \
    X(tsv_pairs)                                                                                   \
    X(html)                                                                                        \
    X(tmx)                                                                                         \
    X(xliff12)                                                                                     \
    X(xliff2)                                                                                      \
    X(tsv)

#define DECLARE_OUTPUT(name) extern const tme_output_format tme_output_##name;
#define DECLARE_INPUT(name) extern const tme_input_format tme_input_##name;
#define LIST_OUTPUT(name) &tme_output_##name,
#define LIST_INPUT(name) &tme_input_##name,

OUTPUT_FORMATS(DECLARE_OUTPUT)
INPUT_FORMATS(DECLARE_INPUT)

const tme_output_format *const tme_output_formats[] = {OUTPUT_FORMATS(LIST_OUTPUT) NULL};
const tme_input_format *const tme_input_formats[] = {INPUT_FORMATS(LIST_INPUT) NULL};

const tme_output_format *tme_output_format_by_name(const char *name)
{
    for (size_t i = 0; tme_output_formats[i] != NULL; i++)
        if (strcasecmp(tme_output_formats[i]->name, name) == 0)
            return tme_output_formats[i];
    return NULL;
}

const tme_input_format *tme_input_format_by_name(const char *name)
{
    for (size_t i = 0; tme_input_formats[i] != NULL; i++)
        if (strcasecmp(tme_input_formats[i]->name, name) == 0)
            return tme_input_formats[i];
    return NULL;
}

int tme_extension_listed(const char *extensions, const char *ext)
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

const tme_output_format *tme_output_format_by_extension(const char *ext)
{
    for (size_t i = 0; tme_output_formats[i] != NULL; i++)
        if (tme_output_formats[i]->extensions != NULL &&
            tme_extension_listed(tme_output_formats[i]->extensions, ext))
            return tme_output_formats[i];
    /* Listed extensions first: a pattern never takes one a format lists. */
    for (size_t i = 0; tme_output_formats[i] != NULL; i++)
        if (tme_output_formats[i]->claims_extension != NULL &&
            tme_output_formats[i]->claims_extension(ext))
            return tme_output_formats[i];
    return NULL;
}

/* The reader that probes highest (the first on a tie), among those that
 * yield units when units_only; its score in *score. */
static const tme_input_format *probe_among(const unsigned char *data, size_t len, const char *name,
                                           int units_only, int *score)
{
    const tme_input_format *best = NULL;
    *score = -1;
    for (size_t i = 0; tme_input_formats[i] != NULL; i++) {
        const tme_input_format *f = tme_input_formats[i];
        if (units_only && !f->yields_units)
            continue;
        int this_score = f->probe != NULL ? f->probe(data, len, name) : TME_PROBE_NO;
        if (this_score > *score) {
            best = f;
            *score = this_score;
        }
    }
    return best;
}

const tme_input_format *tme_input_format_probe(const unsigned char *data, size_t len,
                                               const char *name)
{
    int score;
    return probe_among(data, len, name, 0, &score);
}

const tme_input_format *tme_input_format_probe_units(const unsigned char *data, size_t len,
                                                     const char *name)
{
    int score;
    const tme_input_format *best = probe_among(data, len, name, 1, &score);
    return score > TME_PROBE_NO ? best : NULL;
}
