/* SPDX-License-Identifier: MIT */
#include "html_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"
#include "charclass.h"
#include "html_columns.h"
#include "html_tree.h"

/* node->extra of an element entered: its flags, and what it was taken for
 * where it sits: chrome (which depends on where it sits and on its size),
 * chrome as the page's header only, a heading that is the page's title. */
#define CHROME_HERE (1u << 12)
#define HEADER_HERE (1u << 13)
#define TITLE_HERE (1u << 14)

/* An inline element marked as a translation splits its block in two only
 * when one half is Latin and the other Han, and their lengths could be a
 * translation's: Han characters per Latin letter between these bounds
 * (the pairing expects about 0.33 per non-space English character), with
 * enough text on both sides that a quoted term ("the word 道") is not
 * taken for a translation. */
#define SPLIT_MIN_HAN 4
#define SPLIT_MIN_LATIN 12
#define SPLIT_MIN_RATIO 0.1
#define SPLIT_MAX_RATIO 1.0

enum { NO_SPACE, SPACE_RUN, SPACE_WITH_LINE_END };

typedef struct {
    size_t at; /* offset in the block */
    int soft;  /* a translation element's edge; else a line break, '\n' at `at` */
} cut;

typedef struct {
    tme_paragraphs *out;
    size_t out_cap;
    /* the block being built: text with '\n' at line breaks */
    char *buf;
    size_t len, cap;
    cut *cuts;
    size_t n_cuts, cuts_cap;
    int space; /* collapsible white space pending before the next text */
    int block_chrome;
    size_t block_line;
    /* where the walk is: inside how many chrome elements (how many of them
     * a page header only), titles, <pre>s and sections */
    size_t chrome, header, titles, pre, sectioning;
    size_t page_text; /* non-space text bytes of the page */
    int failed;       /* out of memory */
} walker;

/* ---- the block buffer ---------------------------------------------------- */

/* items (of *cap elements of size bytes) with room for need: the same or
 * a bigger block, NULL when out of memory (items is left as it was). */
static void *grow(void *items, size_t *cap, size_t need, size_t size)
{
    return tme_array_reserve(&items, cap, need, size) == TME_OK ? items : NULL;
}

static void append(walker *w, const char *s, size_t n)
{
    char *buf = w->failed ? NULL : grow(w->buf, &w->cap, w->len + n + 1, 1);
    if (buf == NULL) {
        w->failed = 1;
        return;
    }
    w->buf = buf;
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void add_cut(walker *w, int soft)
{
    cut *cuts = w->failed ? NULL : grow(w->cuts, &w->cuts_cap, w->n_cuts + 1, sizeof *cuts);
    if (cuts == NULL) {
        w->failed = 1;
        return;
    }
    w->cuts = cuts;
    w->cuts[w->n_cuts++] = (cut){w->len, soft};
}

static int first_code_point(const char *s, size_t n)
{
    utf8proc_int32_t cp;
    return n > 0 && tme_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp) > 0 ? cp
                                                                                           : -1;
}

static int last_code_point(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    return i > 0 ? first_code_point(s + i - 1, n - i + 1) : -1;
}

/* CSS Text: a line end between two characters of East Asian width F or W
 * (Hangul excepted) disappears when white space collapses. */
static int is_east_asian_wide(int cp)
{
    int hangul = (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
                 (cp >= 0xAC00 && cp <= 0xD7AF);
    return cp >= 0 && !hangul && utf8proc_charwidth(cp) == 2;
}

static void start_text(walker *w, xmlNode *node)
{
    if (w->len == 0) {
        w->block_chrome = w->chrome > 0 && w->titles == 0;
        w->block_line = (size_t)xmlGetLineNo(node);
    }
}

/* Text outside <pre>: white space collapses. */
static void add_text(walker *w, xmlNode *node, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (tme_html_is_space((unsigned char)s[i])) {
            int line_end = 0;
            for (; i < n && tme_html_is_space((unsigned char)s[i]); i++)
                line_end |= s[i] == '\n' || s[i] == '\r';
            if (w->len > 0 && w->buf[w->len - 1] != '\n' && w->space != SPACE_WITH_LINE_END)
                w->space = line_end ? SPACE_WITH_LINE_END : SPACE_RUN;
            continue;
        }
        size_t j = i;
        while (j < n && !tme_html_is_space((unsigned char)s[j]))
            j++;
        start_text(w, node);
        if (w->space != NO_SPACE && !(w->space == SPACE_WITH_LINE_END &&
                                      is_east_asian_wide(last_code_point(w->buf, w->len)) &&
                                      is_east_asian_wide(first_code_point(s + i, j - i))))
            append(w, " ", 1);
        w->space = NO_SPACE;
        append(w, s + i, j - i);
        i = j;
    }
}

static void line_break(walker *w)
{
    w->space = NO_SPACE;
    if (w->len > 0) {
        add_cut(w, 0);
        append(w, "\n", 1);
    }
}

static void end_paragraph(walker *w);

/* Drops the white space that ends the current line (cuts into it move to
 * the line's new end). */
static void trim_line_end(walker *w)
{
    while (w->len > 0 &&
           (w->buf[w->len - 1] == ' ' || w->buf[w->len - 1] == '\t' || w->buf[w->len - 1] == '\f'))
        w->len--;
    for (size_t k = w->n_cuts; k > 0 && w->cuts[k - 1].at > w->len; k--)
        w->cuts[k - 1].at = w->len;
}

/* Text inside <pre>: lines kept (each trimmed), a blank line ends the
 * paragraph. */
static void add_pre_text(walker *w, xmlNode *node, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
            continue;
        if (c == '\n' || c == '\r') {
            trim_line_end(w);
            if (w->len > 0 && w->buf[w->len - 1] == '\n')
                end_paragraph(w);
            else
                line_break(w);
            continue;
        }
        int at_line_start = w->len == 0 || w->buf[w->len - 1] == '\n';
        if (at_line_start && (c == ' ' || c == '\t' || c == '\f'))
            continue;
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        start_text(w, node);
        append(w, s + i, j - i);
        i = j - 1;
    }
}

/* ---- paragraphs out of a block -------------------------------------------- */

static void push_paragraph(walker *w, const char *text, size_t len)
{
    size_t start = 0, end = len;
    tme_trim_spaces(text, &start, &end);
    if (start == end || w->failed)
        return;
    tme_paragraphs *out = w->out;
    tme_paragraph *items = grow(out->items, &w->out_cap, out->count + 1, sizeof *items);
    if (items == NULL) {
        w->failed = 1;
        return;
    }
    out->items = items;
    tme_paragraph *p = &out->items[out->count];
    memset(p, 0, sizeof *p);
    p->text = malloc(end - start + 1);
    if (p->text == NULL) {
        w->failed = 1;
        return;
    }
    memcpy(p->text, text + start, end - start);
    p->text[end - start] = '\0';
    p->len = end - start;
    p->line = w->block_line;
    p->script = tme_classify_script(p->text, p->len, &p->han, &p->latin);
    p->boilerplate = w->block_chrome;
    out->count++;
}

/* Where one half of text[0..len) is Latin and the other Han, split at a
 * translation element's edge (soft[0..n) are offsets in text), a
 * plausible translation by length: the offset, or 0. */
static size_t translation_split(const char *text, size_t len, const size_t *soft, size_t n)
{
    size_t change = 0, from = 0;
    tme_script seen = TME_SCRIPT_OTHER;
    for (size_t k = 0; k <= n; k++) {
        size_t to = k < n ? soft[k] : len;
        size_t han, latin;
        tme_script s = to > from ? tme_classify_script(text + from, to - from, &han, &latin)
                                 : TME_SCRIPT_OTHER;
        if (s == TME_SCRIPT_LATIN && han > 0)
            return 0; /* Han on the Latin side: not two clean halves */
        if (s != TME_SCRIPT_OTHER && seen != TME_SCRIPT_OTHER && s != seen) {
            if (change != 0)
                return 0; /* more than one change: a quoted term, not a translation */
            change = from;
        }
        if (s != TME_SCRIPT_OTHER)
            seen = s;
        from = to;
    }
    if (change == 0)
        return 0;
    size_t han_a, latin_a, han_b, latin_b;
    tme_script a = tme_classify_script(text, change, &han_a, &latin_a);
    tme_classify_script(text + change, len - change, &han_b, &latin_b);
    size_t han = a == TME_SCRIPT_HAN ? han_a : han_b;
    size_t latin = a == TME_SCRIPT_HAN ? latin_b : latin_a;
    double ratio = latin > 0 ? (double)han / (double)latin : 0;
    if (han < SPLIT_MIN_HAN || latin < SPLIT_MIN_LATIN || ratio < SPLIT_MIN_RATIO ||
        ratio > SPLIT_MAX_RATIO)
        return 0;
    return change;
}

/* Emits buf[a, b): its line breaks joined (nothing between two Han
 * characters, else one space), split at a translation's edge if it has
 * one. The joined text is built in place of the block's start, which is
 * no longer needed. */
static void emit_group(walker *w, size_t a, size_t b, size_t *first_cut)
{
    size_t soft[64], n_soft = 0, k = *first_cut, out = 0;
    char *text = w->buf + a; /* joined text is never longer than the group */
    for (size_t i = a; i < b; i++) {
        for (; k < w->n_cuts && w->cuts[k].at <= i; k++)
            if (w->cuts[k].soft && w->cuts[k].at == i && n_soft < sizeof soft / sizeof soft[0] &&
                out > 0)
                soft[n_soft++] = out;
        char c = w->buf[i];
        if (c != '\n') {
            text[out++] = c;
            continue;
        }
        size_t next = i;
        while (next < b && w->buf[next] == '\n')
            next++;
        int before = last_code_point(text, out);
        int after = first_code_point(w->buf + next, b - next);
        if (out > 0 && next < b && !(tme_is_han(before) && tme_is_han(after)))
            text[out++] = ' ';
        i = next - 1;
    }
    for (; k < w->n_cuts && w->cuts[k].at < b; k++)
        ;
    *first_cut = k;
    size_t split = translation_split(text, out, soft, n_soft);
    if (split == 0) {
        push_paragraph(w, text, out);
    } else {
        push_paragraph(w, text, split);
        push_paragraph(w, text + split, out - split);
    }
}

/* The block so far becomes paragraphs: its lines grouped by script, a new
 * paragraph where Latin turns Han or back ("English<br>中文"). */
static void end_paragraph(walker *w)
{
    size_t group = 0, line = 0, first_cut = 0;
    tme_script group_script = TME_SCRIPT_OTHER;
    for (size_t k = 0; k <= w->n_cuts && w->len > 0; k++) {
        if (k < w->n_cuts && w->cuts[k].soft)
            continue;
        size_t end = k < w->n_cuts ? w->cuts[k].at : w->len;
        if (end > w->len)
            end = w->len;
        tme_script s = end > line ? tme_classify_script(w->buf + line, end - line, NULL, NULL)
                                  : TME_SCRIPT_OTHER;
        if (s != TME_SCRIPT_OTHER && group_script != TME_SCRIPT_OTHER && s != group_script) {
            emit_group(w, group, line, &first_cut);
            group = line;
        }
        if (s != TME_SCRIPT_OTHER)
            group_script = s;
        line = end;
    }
    if (w->len > group)
        emit_group(w, group, w->len, &first_cut);
    w->len = 0;
    w->n_cuts = 0;
    w->space = NO_SPACE;
}

/* ---- the walk ---------------------------------------------------------------- */

static size_t text_of(const xmlNode *element)
{
    return (size_t)(uintptr_t)element->_private;
}

/* Whether an element is chrome where it stands. */
static int is_chrome(const walker *w, const xmlNode *node, unsigned flags)
{
    int chrome =
        (flags & TME_HTML_CHROME) || ((flags & TME_HTML_CHROME_UNSECTIONED) && w->sectioning == 0);
    /* Chrome holds a little of the page; what holds most of it (a <form>
     * around a whole ASP.NET page, <body class="nav-open">) is the page. */
    return chrome && text_of(node) * 2 <= w->page_text;
}

static int enter_element(walker *w, xmlNode *node)
{
    unsigned flags = tme_html_element_flags(node);
    int chrome = !(flags & TME_HTML_DROP) && is_chrome(w, node, flags);
    /* Inline chrome (a share link or a button inside a paragraph) is left
     * out, so that it neither splits nor joins the text around it. */
    if ((flags & TME_HTML_DROP) || (chrome && !(flags & TME_HTML_BLOCK))) {
        node->extra = TME_HTML_DROP;
        return 0;
    }
    int header = chrome && (flags & TME_HTML_PAGE_HEADER) && !(flags & TME_HTML_CHROME);
    /* The headline in a page header (outside any <article>) is the page's
     * title, not chrome: only headers around it, no other chrome. */
    int title = (flags & TME_HTML_HEADING) && w->chrome > 0 && w->chrome == w->header;
    if ((flags & TME_HTML_BLOCK) || chrome)
        end_paragraph(w);
    if ((flags & TME_HTML_BREAK) && w->pre)
        add_pre_text(w, node, "\n", 1);
    else if (flags & TME_HTML_BREAK)
        line_break(w);
    if ((flags & TME_HTML_TRANSLATION) && !(flags & TME_HTML_BLOCK))
        add_cut(w, 1);
    w->chrome += chrome;
    w->header += header;
    w->titles += title;
    w->pre += (flags & TME_HTML_PRE) != 0;
    w->sectioning += (flags & TME_HTML_SECTIONING) != 0;
    node->extra = (unsigned short)(flags | (chrome ? CHROME_HERE : 0) | (header ? HEADER_HERE : 0) |
                                   (title ? TITLE_HERE : 0));
    return 1;
}

static int enter(void *context, xmlNode *node)
{
    walker *w = context;
    if (w->failed)
        return -1;
    if (node->type == XML_ELEMENT_NODE)
        return enter_element(w, node);
    if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
        node->content != NULL) {
        const char *s = (const char *)node->content;
        (w->pre ? add_pre_text : add_text)(w, node, s, strlen(s));
    }
    return 0;
}

static void leave(void *context, xmlNode *node)
{
    walker *w = context;
    if (node->type != XML_ELEMENT_NODE || (node->extra & TME_HTML_DROP))
        return;
    unsigned flags = node->extra;
    if ((flags & TME_HTML_BLOCK) || (flags & CHROME_HERE))
        end_paragraph(w);
    if ((flags & TME_HTML_TRANSLATION) && !(flags & TME_HTML_BLOCK))
        add_cut(w, 1);
    w->chrome -= (flags & CHROME_HERE) != 0;
    w->header -= (flags & HEADER_HERE) != 0;
    w->titles -= (flags & TITLE_HERE) != 0;
    w->pre -= (flags & TME_HTML_PRE) != 0;
    w->sectioning -= (flags & TME_HTML_SECTIONING) != 0;
}

/* ---- how much text each element holds -------------------------------------------- */

static size_t non_space_bytes(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        n += !tme_html_is_space((unsigned char)*s);
    return n;
}

static int measure_enter(void *context, xmlNode *node)
{
    (void)context;
    if (node->type == XML_ELEMENT_NODE) {
        node->_private = NULL;
        return (tme_html_tag_flags((const char *)node->name) & TME_HTML_DROP) == 0;
    }
    xmlNode *parent = node->parent;
    if (node->type == XML_TEXT_NODE && node->content != NULL && parent != NULL &&
        parent->type == XML_ELEMENT_NODE)
        parent->_private =
            (void *)(uintptr_t)(text_of(parent) + non_space_bytes((const char *)node->content));
    return 0;
}

static void measure_leave(void *context, xmlNode *node)
{
    (void)context;
    xmlNode *parent = node->parent;
    if (node->type == XML_ELEMENT_NODE && parent != NULL && parent->type == XML_ELEMENT_NODE)
        parent->_private = (void *)(uintptr_t)(text_of(parent) + text_of(node));
}

tme_status tme_html_paragraphs(xmlDoc *doc, tme_paragraphs *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root == NULL)
        return TME_OK;
    if (tme_html_linearize_columns(root) != 0)
        return tme_error_nomem(err);
    static const tme_html_visitor measure = {measure_enter, measure_leave};
    tme_html_walk(root, &measure, NULL);
    walker w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.page_text = text_of(root);
    static const tme_html_visitor read = {enter, leave};
    tme_html_walk(root, &read, &w);
    end_paragraph(&w);
    free(w.buf);
    free(w.cuts);
    if (w.failed) {
        tme_paragraphs_free(out);
        return tme_error_nomem(err);
    }
    return TME_OK;
}
