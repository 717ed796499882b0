/* SPDX-License-Identifier: MIT */
/* The HTML reader: a saved web page holding an article and its translation
 * (alternating paragraphs, two columns, translations in sibling elements,
 * one language after the other...), with the site's menus, scripts, share
 * bars, overlays and footers around it. The page is decoded to UTF-8 (its
 * BOM, else its <meta> charset, else detection; --encoding overrides),
 * parsed by libxml2's HTML parser, and its rendered text read as
 * paragraphs (html_text.h), which are paired as the article reader pairs
 * text paragraphs. */
#include "format.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extraction.h"
#include "html_charset.h"
#include "html_parse.h"
#include "html_text.h"
#include "paragraph.h"

/* A page declaring another charset whose bytes are nonetheless UTF-8, with
 * at least this many non-ASCII bytes, is UTF-8: a scraper that saved the
 * decoded page kept the original <meta>. Text in GBK or Big5 is almost never
 * valid UTF-8; a handful of bytes could be, so a few are not enough. */
#define UTF8_EVIDENCE_BYTES 16

#define HTML_EXTENSIONS "html,htm,xhtml"

static int has_bom(const unsigned char *data, size_t len)
{
    return (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ||
           (len >= 2 &&
            ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)));
}

static size_t non_ascii_bytes(const unsigned char *data, size_t len, size_t enough)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < enough; i++)
        n += data[i] >= 0x80;
    return n;
}

/* Decodes with the charset the page declares (the caller made sure there
 * is no --encoding and no BOM). */
static tme_status decode_declared(tme_document *doc, const unsigned char *data, size_t len,
                                  const char *declared, const char *label, tme_text *text,
                                  tme_error *err)
{
    if (strcmp(declared, "UTF-8") != 0 &&
        non_ascii_bytes(data, len, UTF8_EVIDENCE_BYTES) >= UTF8_EVIDENCE_BYTES) {
        tme_error ignored;
        tme_error_clear(&ignored);
        if (tme_decode(data, len, "UTF-8", tme_document_reading(doc), text, &ignored) == TME_OK)
            return TME_OK;
        tme_text_free(text);
    }
    tme_status status = tme_decode(data, len, declared, tme_document_reading(doc), text, err);
    if (status == TME_ERR_INPUT) {
        tme_error why = *err;
        tme_error_clear(err);
        return tme_error_set(err, status,
                             "%s (the page's <meta> declares charset \"%s\", read as %s; give "
                             "the right one with --encoding)",
                             why.message, label, declared);
    }
    if (status == TME_OK)
        doc->counters.n[TME_COUNT_XML_ILLEGAL_REMOVED] += text->surrogates_dropped;
    return status;
}

/* BOM, else <meta> charset, else detection; --encoding overrides all. */
static tme_status decode_page(tme_document *doc, const unsigned char *data, size_t len,
                              tme_text *text, tme_error *err)
{
    char label[64];
    const char *declared = doc->settings->encoding == NULL && !has_bom(data, len)
                               ? tme_html_declared_charset(data, len, label, sizeof label)
                               : NULL;
    if (declared != NULL)
        return decode_declared(doc, data, len, declared, label, text, err);
    return tme_document_decode(doc, data, len, text, err);
}

/* The page's paragraphs (for --parallel too: an English page and its
 * Chinese translation). */
static tme_status html_paragraphs(tme_document *doc, tme_stream *in, tme_paragraphs *out,
                                  tme_error *err)
{
    unsigned char *bytes;
    size_t len;
    if (tme_stream_read_all(in, &bytes, &len, err) != TME_OK)
        return err->status;
    tme_text text;
    tme_status status = decode_page(doc, bytes, len, &text, err);
    free(bytes);
    if (status != TME_OK)
        return status;
    xmlDoc *tree;
    status = tme_html_parse(text.text, text.len, tme_document_reading(doc), &tree, err);
    tme_text_free(&text);
    if (status != TME_OK)
        return status;
    status = tme_html_paragraphs(tree, out, err);
    xmlFreeDoc(tree);
    return status;
}

static tme_status html_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    tme_paragraphs paragraphs;
    if (html_paragraphs(doc, in, &paragraphs, err) != TME_OK)
        return err->status;
    tme_status status = tme_extract_pairs(doc, &paragraphs, err);
    tme_paragraphs_free(&paragraphs);
    return status;
}

/* ---- probing ------------------------------------------------------------------ */

#define PROBE_PAGE (TME_PROBE_LIKELY + 25)     /* a doctype, <html>, <head> or <body> */
#define PROBE_FRAGMENT (TME_PROBE_LIKELY + 10) /* a page that starts with a block */

/* The probe's bytes as ASCII: UTF-16 (by its BOM) narrowed, a UTF-8 BOM
 * skipped; non-ASCII becomes '?'. */
static size_t ascii_view(const unsigned char *data, size_t len, char *out, size_t cap)
{
    size_t n = 0, step = 1, i = 0, low = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        i = 3;
    } else if (len >= 2 &&
               ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        step = 2;
        low = data[0] == 0xFE; /* big-endian: the ASCII byte is the second */
        i = 2;
    }
    for (; i + step <= len && n < cap; i += step) {
        unsigned char c = data[i + low];
        int high_zero = step == 1 || data[i + (1 - low)] == 0;
        out[n++] = c < 0x80 && high_zero ? (char)c : '?';
    }
    return n;
}

static int starts_with_tag(const char *s, size_t n, const char *tag)
{
    size_t t = strlen(tag);
    if (n < t + 2 || s[0] != '<' || strncasecmp(s + 1, tag, t) != 0)
        return 0;
    char after = s[t + 1];
    return after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\n' ||
           after == '\r' || after == '\f';
}

/* Where the first markup starts, after white space, comments and an XML
 * declaration; n when there is nothing else. */
static size_t skip_prolog(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i < n && strchr(" \t\r\n\f", s[i]) != NULL)
            i++;
        const char *close = NULL;
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
            close = "-->";
        else if (n - i >= 5 && strncasecmp(s + i, "<?xml", 5) == 0)
            close = "?>";
        if (close == NULL)
            return i;
        size_t k = i + 2;
        while (k < n && strncmp(s + k, close, strlen(close)) != 0)
            k++;
        if (k >= n)
            return n;
        i = k + strlen(close);
    }
}

static int has_html_extension(const char *name)
{
    size_t n = name != NULL ? strlen(name) : 0;
    if (n > 3 && strcasecmp(name + n - 3, ".gz") == 0)
        n -= 3;
    size_t dot = n;
    while (dot > 0 && name[dot - 1] != '.' && name[dot - 1] != '/')
        dot--;
    char ext[8];
    if (dot == 0 || name[dot - 1] != '.' || n - dot >= sizeof ext)
        return 0;
    memcpy(ext, name + dot, n - dot);
    ext[n - dot] = '\0';
    return tme_extension_listed(HTML_EXTENSIONS, ext);
}

static int html_probe(const unsigned char *data, size_t len, const char *name)
{
    char view[1024];
    size_t n = ascii_view(data, len, view, sizeof view);
    size_t at = skip_prolog(view, n);
    const char *s = view + at;
    n -= at;
    if (n >= 14 && strncasecmp(s, "<!doctype html", 14) == 0)
        return PROBE_PAGE;
    static const char *const page_tags[] = {"html", "head", "body"};
    for (size_t k = 0; k < sizeof page_tags / sizeof page_tags[0]; k++)
        if (starts_with_tag(s, n, page_tags[k]))
            return PROBE_PAGE;
    static const char *const fragment_tags[] = {"p",    "div",    "meta", "title",   "table",
                                                "h1",   "h2",     "h3",   "article", "section",
                                                "main", "header", "nav",  "ul",      "link"};
    for (size_t k = 0; k < sizeof fragment_tags / sizeof fragment_tags[0]; k++)
        if (starts_with_tag(s, n, fragment_tags[k]))
            return PROBE_FRAGMENT;
    return has_html_extension(name) ? TME_PROBE_MAYBE : TME_PROBE_NO;
}

const tme_input_format tme_input_html = {
    .name = "html",
    .description =
        "web page (HTML): paragraphs paired with their translations, page chrome left out",
    .extensions = HTML_EXTENSIONS,
    .probe = html_probe,
    .read = html_read,
    .read_paragraphs = html_paragraphs,
};
