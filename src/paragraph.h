/* SPDX-License-Identifier: MIT */
/* Paragraphs of an article and the script each is written in. */
#ifndef TME_PARAGRAPH_H
#define TME_PARAGRAPH_H

#include <stddef.h>

#include "error.h"

typedef enum { TME_SCRIPT_OTHER, TME_SCRIPT_LATIN, TME_SCRIPT_HAN } tme_script;

typedef struct {
    char *text; /* malloc'd UTF-8: the block's lines joined, trimmed */
    size_t len;
    size_t line; /* 1-based line where the block starts */
    tme_script script;
    size_t han;      /* Han characters */
    size_t latin;    /* Latin letters */
    int boilerplate; /* page chrome by its markup (menus, footers, share bars): a reader's
                        hint that the pairing takes as navigation */
} tme_paragraph;

typedef struct {
    tme_paragraph *items;
    size_t count;
} tme_paragraphs;

/* How an article's lines make paragraphs. */
typedef enum {
    TME_LAYOUT_AUTO,   /* decided per document by tme_detect_layout() */
    TME_LAYOUT_BLOCKS, /* blocks of non-blank lines, joined: wrapped text */
    TME_LAYOUT_LINES,  /* every non-blank line is a paragraph */
} tme_layout;

/* Splits LF-separated text into paragraphs (a line of only whitespace,
 * Unicode spaces included, is blank and ends a paragraph). BLOCKS joins a
 * block's lines with one space, or with nothing where both sides of the join
 * are Han, since wrapped Chinese has no spaces; but a line in the other
 * script that follows the end of a sentence (or a short line) starts a new
 * paragraph: an English paragraph and its translation on the next line are
 * never one paragraph. LINES makes each line a paragraph. AUTO detects.
 * *used (may be NULL) says which layout was used. Each paragraph is
 * classified. */
tme_status tme_split_paragraphs_as(const char *text, size_t len, tme_layout layout,
                                   tme_layout *used, tme_paragraphs *out, tme_error *err);

/* tme_split_paragraphs_as() with TME_LAYOUT_BLOCKS. */
tme_status tme_split_paragraphs(const char *text, size_t len, tme_paragraphs *out, tme_error *err);

/* Blocks or lines, from the line breaks inside blocks: text wrapped at a
 * width (most lines near the widest, breaking mid-sentence) is BLOCKS; text
 * whose lines inside blocks end sentences, or are short beside the others
 * (one paragraph a line, with headings), is LINES. Text without any
 * multi-line block is BLOCKS (the two then give the same paragraphs).
 * (src/layout.c) */
tme_layout tme_detect_layout(const char *text, size_t len);

/* A line of text, trimmed of whitespace: [start, end), empty when blank;
 * number is 1-based. */
typedef struct {
    size_t start, end, number;
} tme_line;

/* Steps through the LF-separated lines of text[0..len): 1 with *line set,
 * 0 past the last. *pos starts at 0. */
int tme_next_line(const char *text, size_t len, size_t *pos, tme_line *line);

/* Display width (East Asian wide characters count 2) and the sentence end
 * of a line: what tells a wrapped line from a paragraph on its own. */
size_t tme_line_width(const char *text, size_t start, size_t end);
int tme_ends_sentence(const char *text, size_t start, size_t end);

/* Splits, in place, every paragraph that holds English and Chinese side by
 * side ("The news tanked the market. 周一，这个消息令股市暴跌。", or
 * sentence by sentence) where a sentence of one script ends and one of the
 * other begins; each piece must read as its script, so a Chinese paragraph
 * quoting "DeepSeek" or "(AI Superpowers)" stays whole, and so does an
 * English one quoting “国运”. *added counts the new paragraphs.
 * (src/bilingual.c) */
tme_status tme_split_bilingual(tme_paragraphs *paragraphs, size_t *added, tme_error *err);

void tme_paragraphs_free(tme_paragraphs *paragraphs);

/* Han (and full-width Chinese punctuation) against Latin letters; digits and
 * ASCII punctuation are ignored. A Chinese paragraph quoting "DeepSeek" or
 * "(AI Superpowers)" stays Chinese; so do Traditional and Simplified. */
tme_script tme_classify_script(const char *text, size_t len, size_t *han, size_t *latin);

/* Narrows [*start, *end) of text to exclude white space (Unicode spaces
 * included) at both ends. */
void tme_trim_spaces(const char *text, size_t *start, size_t *end);

#endif
