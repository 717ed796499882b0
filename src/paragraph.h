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

/* Splits LF-separated text into paragraphs: blocks of non-blank lines (a line
 * of only whitespace, Unicode spaces included, is blank). A block's lines are
 * joined with one space, or with nothing where both sides of the join are Han,
 * since wrapped Chinese has no spaces. Each paragraph is classified. */
tme_status tme_split_paragraphs(const char *text, size_t len, tme_paragraphs *out, tme_error *err);

void tme_paragraphs_free(tme_paragraphs *paragraphs);

/* Han (and full-width Chinese punctuation) against Latin letters; digits and
 * ASCII punctuation are ignored. A Chinese paragraph quoting "DeepSeek" or
 * "(AI Superpowers)" stays Chinese; so do Traditional and Simplified. */
tme_script tme_classify_script(const char *text, size_t len, size_t *han, size_t *latin);

/* Narrows [*start, *end) of text to exclude white space (Unicode spaces
 * included) at both ends. */
void tme_trim_spaces(const char *text, size_t *start, size_t *end);

#endif
