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

#define WRAP_MAX_WIDTH 160
#define WIDTH_BUCKETS 1024

/* The 90th-percentile display width of the non-blank lines. */
static size_t wide_line_width(const char *text, size_t len)
{
    size_t *buckets = calloc(WIDTH_BUCKETS, sizeof *buckets);
    if (buckets == NULL)
        return WRAP_MAX_WIDTH + 1; /* then nothing counts as wrapped */
    size_t pos = 0, lines = 0;
    tme_line line = {0, 0, 0};
    while (tme_next_line(text, len, &pos, &line)) {
        if (line.start == line.end)
            continue;
        size_t w = tme_line_width(text, line.start, line.end);
        buckets[w < WIDTH_BUCKETS ? w : WIDTH_BUCKETS - 1]++;
        lines++;
    }
    size_t seen = 0, width = 0;
    while (width + 1 < WIDTH_BUCKETS && (seen += buckets[width]) * 10 < lines * 9)
        width++;
    free(buckets);
    return width;
}

tme_layout tme_detect_layout(const char *text, size_t len)
{
    size_t wide = wide_line_width(text, len);
    size_t pos = 0, wrapped = 0, own = 0;
    tme_line line = {0, 0, 0}, prev = {0, 0, 0};
    tme_script prev_script = TME_SCRIPT_OTHER;
    int have_prev = 0;
    while (tme_next_line(text, len, &pos, &line)) {
        if (line.start == line.end) {
            have_prev = 0;
            continue;
        }
        tme_script script =
            tme_classify_script(text + line.start, line.end - line.start, NULL, NULL);
        if (have_prev && script == prev_script) {
            size_t w = tme_line_width(text, prev.start, prev.end);
            if (!tme_ends_sentence(text, prev.start, prev.end) && wide <= WRAP_MAX_WIDTH &&
                w * 5 >= wide * 3)
                wrapped++;
            else
                own++;
        }
        prev = line;
        prev_script = script;
        have_prev = 1;
    }
    /* Same-script breaks that are rarely wraps: one paragraph a line. */
    return own > 0 && wrapped * 4 < wrapped + own ? TME_LAYOUT_LINES : TME_LAYOUT_BLOCKS;
}
