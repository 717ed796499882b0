/* SPDX-License-Identifier: MIT */
/* Telling wrapped text (a paragraph's lines joined) from text that puts one
 * paragraph on each line (a browser copy, html2text, most scrapers), from
 * the line breaks inside blocks of non-blank lines.
 *
 * A break inside a block is *wrapped* when the line before it is in the
 * same script as the next, does not end a sentence and is about as wide as
 * the text's wide lines (at least 3/5 of the 90th-percentile width, and that
 * width no more than WRAP_MAX_WIDTH: nobody wraps at 300 columns). Other
 * breaks — a sentence end, a short line such as a heading, a switch of
 * script — are *own-line* evidence. Calibrated on the samples and the shared
 * corpus laid out both ways (hard-wrapped at 72 columns, with and without
 * blank lines, and one paragraph a line): wrapped text has 0.85–1.0 of its
 * same-script breaks wrapped, one-paragraph-a-line text 0 of them. */
#include "paragraph.h"

#include <stdlib.h>
#include <string.h>

#include "line_facts.h"

#define WRAP_MAX_WIDTH 160
#define WIDTH_BUCKETS 1024

/* The 90th-percentile display width of the non-blank lines. */
static size_t wide_line_width(const tme_lines *lines)
{
    size_t *buckets = calloc(WIDTH_BUCKETS, sizeof *buckets);
    if (buckets == NULL)
        return WRAP_MAX_WIDTH + 1; /* then nothing counts as wrapped */
    size_t counted = 0;
    for (size_t k = 0; k < lines->count; k++) {
        const tme_line_facts *line = &lines->items[k];
        if (line->blank)
            continue;
        buckets[line->width < WIDTH_BUCKETS ? line->width : WIDTH_BUCKETS - 1]++;
        counted++;
    }
    size_t seen = 0, width = 0;
    while (width + 1 < WIDTH_BUCKETS && (seen += buckets[width]) * 10 < counted * 9)
        width++;
    free(buckets);
    return width;
}

tme_layout tme_detect_layout_of(const tme_lines *lines)
{
    size_t wide = wide_line_width(lines);
    size_t wrapped = 0, own = 0;
    const tme_line_facts *prev = NULL;
    for (size_t k = 0; k < lines->count; k++) {
        const tme_line_facts *line = &lines->items[k];
        if (line->blank) {
            prev = NULL;
            continue;
        }
        if (prev != NULL && line->script == prev->script) {
            if (!prev->ends && wide <= WRAP_MAX_WIDTH && prev->width * 5 >= wide * 3)
                wrapped++;
            else
                own++;
        }
        prev = line;
    }
    /* Same-script breaks that are rarely wraps: one paragraph a line. */
    return own > 0 && wrapped * 4 < wrapped + own ? TME_LAYOUT_LINES : TME_LAYOUT_BLOCKS;
}

tme_layout tme_detect_layout(const char *text, size_t len)
{
    tme_lines lines;
    if (tme_read_lines(text, len, &lines, NULL) != TME_OK)
        return TME_LAYOUT_BLOCKS;
    tme_layout layout = tme_detect_layout_of(&lines);
    tme_lines_free(&lines);
    return layout;
}
