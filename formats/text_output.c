/* SPDX-License-Identifier: MIT */
#include "text_output.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "langtag.h"

static int is_line_breaking(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* Whether none of the 8 bytes at p is below 0x20 or 0x7F: a word of
 * ordinary text, stepped over whole. (A subtraction's borrow reaches a
 * higher byte only from a byte that is itself caught: the test is exact.) */
static int plain_word(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t del = v ^ (0x7Fu * ones); /* 0 where a byte is 0x7F */
    return (((v - 0x20u * ones) & ~v) | ((del - ones) & ~del)) & highs ? 0 : 1;
}

int tme_write_line_text(tme_sink *sink, const char *text)
{
    /* Whole words are read up to the NUL, never past it. */
    size_t len = strlen(text);
    const char *run = text, *words_end = len >= 8 ? text + len - 7 : text;
    for (const char *p = text;; p++) {
        while (p < words_end && plain_word(p))
            p += 8;
        unsigned char c = (unsigned char)*p;
        if (c != '\0' && !is_line_breaking(c))
            continue;
        if (tme_sink_write(sink, run, (size_t)(p - run)) != 0 ||
            (c != '\0' && tme_sink_write(sink, " ", 1) != 0))
            return -1;
        if (c == '\0')
            return 0;
        run = p + 1;
    }
}

int tme_parse_field_list(const char *spec, const char *const *names, size_t n_names, int *fields,
                         size_t max, size_t *count)
{
    *count = 0;
    const char *p = spec;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        size_t k = 0;
        while (k < n_names && !(strlen(names[k]) == len && strncmp(p, names[k], len) == 0))
            k++;
        if (k == n_names || *count == max)
            return -1;
        fields[(*count)++] = (int)k;
        p += len;
        if (*p == ',' && *++p == '\0')
            return -1;
    }
    return *count > 0 ? 0 : -1;
}

unsigned tme_score_scaled(double score)
{
    if (!(score > 0.0))
        score = 0.0; /* also NaN */
    if (score > 1.0)
        score = 1.0;
    return (unsigned)(score * 10000.0 + 0.5);
}

void tme_format_score(double score, char out[TME_SCORE_SIZE])
{
    /* "%u.%04u" of scaled (0..10000), spelled out: snprintf() was a tenth of
     * the TMX writer's instructions. */
    unsigned scaled = tme_score_scaled(score);
    out[0] = (char)('0' + scaled / 10000);
    out[1] = '.';
    for (int k = 5; k >= 2; k--, scaled /= 10)
        out[k] = (char)('0' + scaled % 10);
    out[6] = '\0';
}

tme_status tme_language_keys_get(const tme_writer *w, const char *format, tme_language_keys *keys,
                                 tme_error *err)
{
    const tme_writer_context *c = w->context;
    if (tme_langtag_primary(c->source_lang, keys->source, sizeof keys->source) != 0 ||
        tme_langtag_primary(c->target_lang, keys->target, sizeof keys->target) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "%s: no language subtag in '%s' or '%s'", format,
                             c->source_lang, c->target_lang);
    if (strcmp(keys->source, keys->target) == 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "%s names its files or fields by language, but --src-lang %s and "
                             "--tgt-lang %s are both '%s'",
                             format, c->source_lang, c->target_lang, keys->source);
    return TME_OK;
}
