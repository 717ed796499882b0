/* SPDX-License-Identifier: MIT */
#include "paragraph.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charclass.h"

static int is_latin_letter(int cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    /* Latin-1 Supplement to Latin Extended-B, IPA and Latin Extended
     * Additional: accented Latin letters (é, ō, ş ...). */
    int latin_block = (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF);
    if (!latin_block)
        return 0;
    utf8proc_category_t cat = tme_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL;
}

static int is_latin_or_digit(int cp)
{
    return is_latin_letter(cp) || (cp >= '0' && cp <= '9');
}

tme_script tme_classify_script(const char *text, size_t len, size_t *han, size_t *latin)
{
    size_t h = 0, l = 0, punct = 0;
    size_t i = 0;
    utf8proc_int32_t cp;
    while (tme_next_code_point(text, len, &i, &cp)) {
        if (tme_is_han(cp))
            h++;
        else if (is_latin_letter(cp))
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
} builder;

static int append(builder *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->buf_cap) {
        size_t cap = b->buf_cap ? b->buf_cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *bigger = realloc(b->buf, cap);
        if (bigger == NULL)
            return -1;
        b->buf = bigger;
        b->buf_cap = cap;
    }
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
        width += utf8proc_charwidth(cp) == 2 ? 2 : 1;
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

static int add_line(builder *b, const char *text, size_t start, size_t end, size_t line,
                    tme_script script)
{
    if (b->len == 0) {
        b->line = line;
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
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        tme_paragraph *bigger = realloc(b->items, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        b->items = bigger;
        b->cap = cap;
    }
    tme_paragraph *p = &b->items[b->count];
    memset(p, 0, sizeof *p);
    p->text = malloc(b->len + 1);
    if (p->text == NULL)
        return -1;
    memcpy(p->text, b->buf, b->len + 1);
    p->len = b->len;
    p->line = b->line;
    p->script = tme_classify_script(p->text, p->len, &p->han, &p->latin);
    p->boilerplate = 0;
    b->count++;
    b->len = 0;
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

static int starts_paragraph(block_state *st, const char *text, const tme_line *line)
{
    size_t han, latin;
    tme_script script =
        tme_classify_script(text + line->start, line->end - line->start, &han, &latin);
    /* English never wraps into a Chinese line; a line of Latin letters in a
     * wrapped Chinese paragraph (a name, a URL) may, so that switch needs a
     * sentence end or a short line before it. */
    int switched = st->widest > 0 && script != TME_SCRIPT_OTHER && st->script != TME_SCRIPT_OTHER &&
                   script != st->script &&
                   (script == TME_SCRIPT_HAN || st->ended || st->width * 5 < st->widest * 3);
    size_t width = tme_line_width(text, line->start, line->end);
    if (switched)
        st->widest = 0;
    st->script = script;
    st->ended = tme_ends_sentence(text, line->start, line->end);
    st->width = width;
    if (width > st->widest)
        st->widest = width;
    return switched;
}

static int split_lines(builder *b, const char *text, size_t len, tme_layout layout)
{
    size_t pos = 0;
    tme_line line = {0, 0, 0};
    block_state st = {TME_SCRIPT_OTHER, 0, 0, 0};
    while (tme_next_line(text, len, &pos, &line)) {
        if (line.start == line.end) {
            if (close_block(b) != 0)
                return -1;
            st.widest = 0;
            continue;
        }
        int own = layout == TME_LAYOUT_LINES || starts_paragraph(&st, text, &line);
        if ((own && close_block(b) != 0) ||
            add_line(b, text, line.start, line.end, line.number, st.script) != 0)
            return -1;
    }
    return close_block(b);
}

/* Whether the text writes "使用 Kubernetes 管理" or "与DeepSeek有关": a
 * wrapped line that breaks between Han and a Latin letter is joined the way
 * the rest of the text does it. Counted inside lines. */
static int spaces_latin_in_chinese(const char *text, size_t len)
{
    size_t spaced = 0, unspaced = 0, i = 0;
    int prev = 0, before_space = 0;
    utf8proc_int32_t cp;
    while (i < len && tme_next_code_point(text, len, &i, &cp)) {
        if (cp == ' ') {
            before_space = prev;
            prev = ' ';
            continue;
        }
        int other = prev == ' ' ? before_space : prev;
        int han_latin = (tme_is_han(cp) && is_latin_or_digit(other)) ||
                        (is_latin_or_digit(cp) && tme_is_han(other));
        if (han_latin) {
            if (prev == ' ')
                spaced++;
            else
                unspaced++;
        }
        prev = cp;
        before_space = 0;
    }
    return spaced >= unspaced;
}

tme_status tme_split_paragraphs_as(const char *text, size_t len, tme_layout layout,
                                   tme_layout *used, tme_paragraphs *out, tme_error *err)
{
    if (layout == TME_LAYOUT_AUTO)
        layout = tme_detect_layout(text, len);
    if (used != NULL)
        *used = layout;
    builder b;
    memset(&b, 0, sizeof b);
    b.spaced_latin = layout == TME_LAYOUT_LINES || spaces_latin_in_chinese(text, len);
    int failed = split_lines(&b, text, len, layout) != 0;
    free(b.buf);
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
