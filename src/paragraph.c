/* SPDX-License-Identifier: MIT */
#include "paragraph.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"
#include "charclass.h"
#include "line_facts.h"

static int is_latin_or_digit(int cp)
{
    return tme_is_latin_letter(cp) || tme_is_ascii_digit(cp);
}

tme_script tme_classify_script(const char *text, size_t len, size_t *han, size_t *latin)
{
    size_t h = 0, l = 0, punct = 0;
    size_t i = 0;
    utf8proc_int32_t cp;
    const unsigned char *b = (const unsigned char *)text;
    for (;;) {
        /* ASCII, most of English text, is a letter or nothing here. */
        while (i < len && b[i] < 0x80)
            l += (size_t)tme_is_ascii_letter(b[i++]);
        /* A three-byte sequence led by E5 to E9 is U+5000 to U+9FFF, all
         * CJK Unified Ideographs (most of Chinese text): counted without
         * decoding it, as tme_next_code_point() and tme_is_han() would. */
        if (len - i >= 3 && b[i] >= 0xE5 && b[i] <= 0xE9 && (b[i + 1] & 0xC0) == 0x80 &&
            (b[i + 2] & 0xC0) == 0x80) {
            h++;
            i += 3;
            continue;
        }
        if (!tme_next_code_point(text, len, &i, &cp))
            break;
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
    return tme_script_of_counts(h, l, punct);
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

void tme_trim_spaces(const char *text, size_t *start, size_t *end)
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
    tme_script script; /* of the block's first line */
    int spaced_latin;  /* the text sets a space between Han and Latin letters */
    /* The block's script counts, the sum of its lines' (joining adds only
     * spaces, which count for nothing), unless a line is not UTF-8: joined,
     * its bytes may decode otherwise, and the block is classified again. */
    size_t han, latin, punct;
    int invalid;
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

int tme_next_line(const char *text, size_t len, size_t *pos, tme_line *line)
{
    if (*pos > len || (*pos == len && len > 0 && text[len - 1] == '\n'))
        return 0;
    const char *nl = memchr(text + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    line->start = *pos;
    line->end = end;
    tme_trim_spaces(text, &line->start, &line->end);
    line->number = line->number + 1;
    *pos = nl ? end + 1 : len + 1;
    return 1;
}

size_t tme_line_width(const char *text, size_t start, size_t end)
{
    size_t width = 0, i = start;
    utf8proc_int32_t cp;
    while (i < end) {
        if ((unsigned char)text[i] < 0x80) {
            width++;
            i++;
            continue;
        }
        if (!tme_next_code_point(text, end, &i, &cp))
            break;
        width += tme_is_wide(cp) ? 2 : 1;
    }
    return width;
}

/* Closing quotes and brackets that may follow a sentence's last mark. */
static int is_closer(int cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xFF09 || cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0x300B;
}

int tme_ends_sentence(const char *text, size_t start, size_t end)
{
    while (end > start) {
        int cp = last_code_point(text, start, end);
        if (cp < 0)
            return 0;
        if (cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == 0x3002 ||
            cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1A || cp == 0xFF1B || cp == 0x2026)
            return 1;
        if (!is_closer(cp) && !tme_is_trailing_symbol(cp) && !tme_is_space(cp))
            return 0;
        size_t i = end - 1;
        while (i > start && ((unsigned char)text[i] & 0xC0) == 0x80)
            i--;
        end = i;
    }
    return 0;
}

/* Wrapped Chinese has no spaces: a line break between two CJK characters
 * (Han, CJK punctuation, full-width forms), or between one and a mark of
 * punctuation (the ” of “至暗时刻”, the ( of 张(音)), disappears, as CSS
 * removes it; any other becomes one space. */
static int is_cjk(int cp)
{
    return tme_is_han(cp) || tme_is_cjk_punctuation(cp);
}

static int is_punctuation(int cp)
{
    utf8proc_category_t cat = tme_category(cp);
    return cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
}

static int joins_without_space(int before, int after)
{
    return (is_cjk(before) && (is_cjk(after) || is_punctuation(after))) ||
           (is_cjk(after) && is_punctuation(before));
}

static int add_line(builder *b, const char *text, const tme_line_facts *f, tme_script script)
{
    size_t start = f->start, end = f->end;
    b->han += f->han;
    b->latin += f->latin;
    b->punct += f->punct;
    b->invalid |= f->invalid;
    if (b->len == 0) {
        b->line = f->number;
        b->script = script;
        return append(b, text + start, end - start);
    }
    int before = last_code_point(b->buf, 0, b->len);
    int after = first_code_point(text, start, end);
    /* Chinese sets no space after its punctuation, ASCII marks included
     * ("上,DeepSeek"). */
    int chinese_mark = b->script == TME_SCRIPT_HAN && is_punctuation(before);
    int unspaced_latin = !b->spaced_latin && ((tme_is_han(before) && is_latin_or_digit(after)) ||
                                              (is_latin_or_digit(before) && tme_is_han(after)));
    if (!joins_without_space(before, after) && !chinese_mark && !unspaced_latin &&
        append(b, " ", 1) != 0)
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
    memset(p, 0, sizeof *p);
    p->text = malloc(b->len + 1);
    if (p->text == NULL)
        return -1;
    memcpy(p->text, b->buf, b->len + 1);
    p->len = b->len;
    p->line = b->line;
    if (b->invalid) {
        p->script = tme_classify_script(p->text, p->len, &p->han, &p->latin);
    } else {
        p->script = tme_script_of_counts(b->han, b->latin, b->punct);
        p->han = b->han;
        p->latin = b->latin;
    }
    p->boilerplate = 0;
    b->count++;
    b->len = 0;
    b->han = b->latin = b->punct = 0;
    b->invalid = 0;
    return 0;
}

/* In BLOCKS, whether the line starts a paragraph of its own although no
 * blank line precedes it: it is in the other script than the block so far,
 * and the block's last line ended a sentence or was short (a heading), so
 * it cannot be a wrapped continuation. */
typedef struct {
    tme_script script; /* of the block's last line */
    int ended;         /* that line ended a sentence */
    size_t width;      /* its display width */
    size_t widest;     /* the widest line of the block so far */
} block_state;

static int starts_paragraph(block_state *st, const tme_line_facts *line)
{
    tme_script script = line->script;
    /* English never wraps into a Chinese line; a line of Latin letters in a
     * wrapped Chinese paragraph (a name, a URL) may, so that switch needs a
     * sentence end or a short line before it. */
    int switched = st->widest > 0 && script != TME_SCRIPT_OTHER && st->script != TME_SCRIPT_OTHER &&
                   script != st->script &&
                   (script == TME_SCRIPT_HAN || st->ended || st->width * 5 < st->widest * 3);
    if (switched)
        st->widest = 0;
    st->script = script;
    st->ended = line->ends;
    st->width = line->width;
    if (line->width > st->widest)
        st->widest = line->width;
    return switched;
}

static int split_lines(builder *b, const char *text, const tme_lines *lines, tme_layout layout)
{
    block_state st = {TME_SCRIPT_OTHER, 0, 0, 0};
    for (size_t k = 0; k < lines->count; k++) {
        const tme_line_facts *line = &lines->items[k];
        if (line->blank) {
            if (close_block(b) != 0)
                return -1;
            st.widest = 0;
            continue;
        }
        int own = layout == TME_LAYOUT_LINES || starts_paragraph(&st, line);
        if ((own && close_block(b) != 0) || add_line(b, text, line, st.script) != 0)
            return -1;
    }
    return close_block(b);
}

tme_status tme_split_paragraphs_as(const char *text, size_t len, tme_layout layout,
                                   tme_layout *used, tme_paragraphs *out, tme_error *err)
{
    out->items = NULL;
    out->count = 0;
    tme_lines lines;
    if (tme_read_lines(text, len, &lines, err) != TME_OK)
        return TME_ERR_NOMEM;
    if (layout == TME_LAYOUT_AUTO)
        layout = tme_detect_layout_of(&lines);
    if (used != NULL)
        *used = layout;
    builder b;
    memset(&b, 0, sizeof b);
    b.spaced_latin = layout == TME_LAYOUT_LINES || lines.spaced_latin;
    int failed = split_lines(&b, text, &lines, layout) != 0;
    free(b.buf);
    tme_lines_free(&lines);
    out->items = b.items;
    out->count = b.count;
    if (failed) {
        tme_paragraphs_free(out);
        return tme_error_nomem(err);
    }
    return TME_OK;
}

tme_status tme_split_paragraphs(const char *text, size_t len, tme_paragraphs *out, tme_error *err)
{
    return tme_split_paragraphs_as(text, len, TME_LAYOUT_BLOCKS, NULL, out, err);
}

void tme_paragraphs_free(tme_paragraphs *paragraphs)
{
    for (size_t i = 0; i < paragraphs->count; i++)
        free(paragraphs->items[i].text);
    free(paragraphs->items);
    paragraphs->items = NULL;
    paragraphs->count = 0;
}
