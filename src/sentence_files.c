/* SPDX-License-Identifier: MIT */
#include "sentence_files.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "stream.h"

typedef struct {
    size_t first, count; /* its sentences: spans[first .. first + count) */
} paragraph;

typedef struct {
    const char *path;
    tme_text text;
    tme_span *spans;
    size_t n_spans, cap_spans;
    paragraph *paragraphs;
    size_t n_paragraphs, cap_paragraphs;
} sentence_file;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* A line that ends a paragraph: blank, or hunalign's "<p>" marker. */
static int separates(const char *line, size_t len)
{
    return len == 0 || (len == 3 && memcmp(line, "<p>", 3) == 0);
}

static tme_status add_sentence(sentence_file *f, size_t start, size_t end, int *open)
{
    if (TME_ARRAY_RESERVE(f->spans, f->cap_spans, f->n_spans + 1) != TME_OK)
        return TME_ERR_NOMEM;
    if (!*open) {
        if (TME_ARRAY_RESERVE(f->paragraphs, f->cap_paragraphs, f->n_paragraphs + 1) != TME_OK)
            return TME_ERR_NOMEM;
        f->paragraphs[f->n_paragraphs++] = (paragraph){.first = f->n_spans, .count = 0};
        *open = 1;
    }
    f->spans[f->n_spans++] = (tme_span){.start = start, .end = end};
    f->paragraphs[f->n_paragraphs - 1].count++;
    return TME_OK;
}

/* Each line, without the spaces around it, is a sentence. */
static tme_status split_lines(sentence_file *f, tme_error *err)
{
    const char *text = f->text.text;
    size_t len = f->text.len;
    int open = 0;
    for (size_t at = 0; at < len;) {
        const char *newline = memchr(text + at, '\n', len - at);
        size_t end = newline != NULL ? (size_t)(newline - text) : len, next = end + 1;
        size_t start = at;
        while (start < end && is_blank(text[start]))
            start++;
        while (end > start && is_blank(text[end - 1]))
            end--;
        if (separates(text + start, end - start))
            open = 0;
        else if (add_sentence(f, start, end, &open) != TME_OK)
            return tme_error_nomem(err);
        at = next;
    }
    return TME_OK;
}

static tme_status read_file(tme_document *doc, sentence_file *f, tme_error *err)
{
    tme_stream *in;
    if (tme_stream_open_file(f->path, &in, err) != TME_OK)
        return err->status;
    doc->reading = f->path;
    tme_status status = tme_document_read_text(doc, in, &f->text, err);
    doc->reading = NULL;
    tme_stream_close(in);
    return status == TME_OK ? split_lines(f, err) : status;
}

static void free_file(sentence_file *f)
{
    tme_text_free(&f->text);
    free(f->spans);
    free(f->paragraphs);
}

static tme_status align_paragraphs(tme_document *doc, const sentence_file *en,
                                   const sentence_file *zh, tme_error *err)
{
    if (en->n_paragraphs != zh->n_paragraphs)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s has %zu paragraphs and %s has %zu: with --sentences a blank "
                             "line separates paragraphs in both files, and paragraph k of one "
                             "is the translation of paragraph k of the other",
                             en->path, en->n_paragraphs, zh->path, zh->n_paragraphs);
    for (size_t k = 0; k < en->n_paragraphs; k++) {
        const paragraph *e = &en->paragraphs[k], *z = &zh->paragraphs[k];
        if (tme_document_add_segmented_pair(doc, en->text.text, en->text.len, en->spans + e->first,
                                            e->count, zh->text.text, zh->text.len,
                                            zh->spans + z->first, z->count, err) != TME_OK)
            return err->status;
    }
    return TME_OK;
}

tme_status tme_read_sentence_files(tme_document *doc, const char *english, const char *chinese,
                                   tme_error *err)
{
    sentence_file en = {.path = english}, zh = {.path = chinese};
    tme_status status = read_file(doc, &en, err);
    if (status == TME_OK)
        status = read_file(doc, &zh, err);
    if (status == TME_OK) {
        tme_document_note(doc, "sentences paired with %s", chinese);
        tme_document_count_script(doc, zh.text.text, zh.text.len);
        status = align_paragraphs(doc, &en, &zh, err);
    }
    free_file(&en);
    free_file(&zh);
    return status;
}
