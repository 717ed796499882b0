/* SPDX-License-Identifier: MIT */
/* What the layout detection (src/layout.c) and the paragraph builder
 * (src/paragraph.c) ask of each line of an article, read in one pass over
 * its characters: where its text is once trimmed, its script counts, its
 * display width and whether it ends a sentence. Each of them used to decode
 * every line again (the layout twice), which was a fifth of an export. */
#ifndef TME_LINE_FACTS_H
#define TME_LINE_FACTS_H

#include <stddef.h>

#include "error.h"
#include "paragraph.h"

typedef struct {
    size_t start, end;        /* the line trimmed of white space (tme_next_line) */
    size_t number;            /* 1-based; of the first of a run of blank lines */
    size_t han, latin, punct; /* what tme_classify_script counts in [start, end) */
    size_t width;             /* tme_line_width(text, start, end) */
    tme_script script;        /* tme_classify_script's answer for [start, end) */
    unsigned char blank;      /* start == end: a run of blank lines, kept as one */
    unsigned char ends;       /* tme_ends_sentence(text, start, end) */
    unsigned char invalid;    /* a byte in [start, end) is not UTF-8 */
} tme_line_facts;

typedef struct {
    tme_line_facts *items;
    size_t count;
    /* Han and Latin letters (or digits) in the text are more often spaced
     * ("使用 Kubernetes 管理") than not ("与DeepSeek有关"): how wrapped lines
     * breaking between them are joined. */
    int spaced_latin;
} tme_lines;

/* The lines of LF-separated text[0..len), as tme_next_line() steps through
 * them, with their facts; consecutive blank lines make one item. Fails only
 * for want of memory (*out is then empty). */
tme_status tme_read_lines(const char *text, size_t len, tme_lines *out, tme_error *err);

/* tme_classify_script()'s rule, from its counts. */
tme_script tme_script_of_counts(size_t han, size_t latin, size_t punct);

/* Blocks or lines (tme_detect_layout()) from the lines' facts. */
tme_layout tme_detect_layout_of(const tme_lines *lines);

void tme_lines_free(tme_lines *lines);

#endif
