/* SPDX-License-Identifier: MIT */
#include "paragraph.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"
#include "charclass.h"

tme_script tme_classify_script(const char *text, size_t len, size_t *han, size_t *latin)
{
    size_t h = 0, l = 0, punct = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = tme_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (tme_is_han(cp))
            h++;
        else if (tme_is_latin_letter(cp))
            l++;
        else if (tme_is_cjk_punctuation(cp))
            punct++;
    }
    if (han != NULL)
        *han = h;
    if (latin != NULL)
        *latin = l;
    /* A Chinese heading may be mostly a product name ("别慌: Kubernetes 和
     * Docker", "Kubernetes："): a few Han characters or full-width marks
     * outweigh many Latin letters, which English text never has. */
    if (h + punct > 0 && h * 6 + punct * 10 >= l)
        return TME_SCRIPT_HAN;
    if (l > 0)
        return TME_SCRIPT_LATIN;
    return TME_SCRIPT_OTHER;
}

/* Code point ending at text[end) (the last character before end), or -1. */
static int last_code_point(const char *text, size_t start, size_t end)
{
    if (end <= start)
        return -1;
    size_t i = end - 1;
    while (i > start && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    utf8proc_int32_t cp;
    if (tme_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(end - i), &cp) <= 0)
        return -1;
    return cp;
}

static int first_code_point(const char *text, size_t start, size_t end)
{
    utf8proc_int32_t cp;
    if (end <= start || tme_iterate((const utf8proc_uint8_t *)text + start,
                                    (utf8proc_ssize_t)(end - start), &cp) <= 0)
        return -1;
    return cp;
}

/* Trims whitespace (Unicode spaces included) from both ends of [*start, *end). */
static void trim(const char *text, size_t *start, size_t *end)
{
    for (;;) {
        int cp = first_code_point(text, *start, *end);
        if (cp < 0 || !tme_is_space(cp))
            break;
        *start += (size_t)utf8proc_utf8class[(unsigned char)text[*start]];
    }
    for (;;) {
        int cp = last_code_point(text, *start, *end);
        if (cp < 0 || !tme_is_space(cp))
            break;
        size_t i = *end - 1;
        while (i > *start && ((unsigned char)text[i] & 0xC0) == 0x80)
            i--;
        *end = i;
    }
}

typedef struct {
    tme_paragraph *items;
    size_t count, cap;
    char *buf; /* the block being built */
    size_t len, buf_cap;
    size_t line;
} builder;

static int append(builder *b, const char *s, size_t n)
{
    if (TME_ARRAY_RESERVE(b->buf, b->buf_cap, b->len + n + 1) != TME_OK)
        return -1;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
    return 0;
}

static int add_line(builder *b, const char *text, size_t start, size_t end, size_t line)
{
    if (b->len == 0) {
        b->line = line;
        return append(b, text + start, end - start);
    }
    int before = last_code_point(b->buf, 0, b->len);
    int after = first_code_point(text, start, end);
    if (!(tme_is_han(before) && tme_is_han(after)) && append(b, " ", 1) != 0)
        return -1;
    return append(b, text + start, end - start);
}

static int close_block(builder *b)
{
    if (b->len == 0)
        return 0;
    if (TME_ARRAY_RESERVE(b->items, b->cap, b->count + 1) != TME_OK)
        return -1;
    tme_paragraph *p = &b->items[b->count];
    p->text = malloc(b->len + 1);
    if (p->text == NULL)
        return -1;
    memcpy(p->text, b->buf, b->len + 1);
    p->len = b->len;
    p->line = b->line;
    p->script = tme_classify_script(p->text, p->len, &p->han, &p->latin);
    b->count++;
    b->len = 0;
    return 0;
}

tme_status tme_split_paragraphs(const char *text, size_t len, tme_paragraphs *out, tme_error *err)
{
    builder b;
    memset(&b, 0, sizeof b);
    size_t line = 1, start = 0;
    int failed = 0;
    while (start <= len && !failed) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t s = start, e = end;
        trim(text, &s, &e);
        if (s == e)
            failed = close_block(&b) != 0;
        else
            failed = add_line(&b, text, s, e, line) != 0;
        if (nl == NULL)
            break;
        start = end + 1;
        line++;
    }
    if (!failed)
        failed = close_block(&b) != 0;
    free(b.buf);
    if (failed) {
        out->items = b.items;
        out->count = b.count;
        tme_paragraphs_free(out);
        return tme_error_nomem(err);
    }
    out->items = b.items;
    out->count = b.count;
    return TME_OK;
}

void tme_paragraphs_free(tme_paragraphs *paragraphs)
{
    for (size_t i = 0; i < paragraphs->count; i++)
        free(paragraphs->items[i].text);
    free(paragraphs->items);
    paragraphs->items = NULL;
    paragraphs->count = 0;
}
