/* SPDX-License-Identifier: MIT */
#include "html_charset.h"

#include "charset_label.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

const char *tme_charset_from_label(const char *label, size_t len)
{
    const char *encoding = tme_encoding_from_label_n(label, len);
    /* A <meta> found in ASCII bytes cannot be UTF-16's: the standard reads
     * such a page as UTF-8. */
    return encoding != NULL && strncmp(encoding, "UTF-16", 6) == 0 ? "UTF-8" : encoding;
}

/* ---- the prescan ---------------------------------------------------------- */

typedef struct {
    const unsigned char *s;
    size_t len, at;
} bytes;

static int starts_with(const bytes *b, const char *prefix)
{
    size_t n = strlen(prefix);
    return b->len - b->at >= n && strncasecmp((const char *)b->s + b->at, prefix, n) == 0;
}

static int is_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Moves past the next occurrence of what (or to the end). */
static void skip_past(bytes *b, const char *what)
{
    size_t n = strlen(what);
    while (b->at < b->len && !starts_with(b, what))
        b->at++;
    b->at = b->at + n <= b->len ? b->at + n : b->len;
}

typedef struct {
    char name[16], value[128];
} attribute;

/* The WHATWG "get an attribute" step: 0 when the tag ends. Names and
 * values longer than the buffers are cut (no label is that long). */
static int get_attribute(bytes *b, attribute *a)
{
    size_t n = 0, v = 0;
    while (b->at < b->len && (is_space(b->s[b->at]) || b->s[b->at] == '/'))
        b->at++;
    if (b->at >= b->len || b->s[b->at] == '>')
        return 0;
    while (b->at < b->len && !is_space(b->s[b->at]) && b->s[b->at] != '/' && b->s[b->at] != '>' &&
           !(b->s[b->at] == '=' && n > 0)) {
        if (n + 1 < sizeof a->name)
            a->name[n++] = (char)(b->s[b->at] | (is_letter(b->s[b->at]) ? 0x20 : 0));
        b->at++;
    }
    a->name[n] = '\0';
    while (b->at < b->len && is_space(b->s[b->at]))
        b->at++;
    if (b->at < b->len && b->s[b->at] == '=') {
        b->at++;
        while (b->at < b->len && is_space(b->s[b->at]))
            b->at++;
        unsigned char quote =
            b->at < b->len && (b->s[b->at] == '"' || b->s[b->at] == '\'') ? b->s[b->at++] : 0;
        while (b->at < b->len &&
               (quote ? b->s[b->at] != quote : !is_space(b->s[b->at]) && b->s[b->at] != '>')) {
            if (v + 1 < sizeof a->value)
                a->value[v++] = (char)b->s[b->at];
            b->at++;
        }
        if (quote && b->at < b->len)
            b->at++;
    }
    a->value[v] = '\0';
    return 1;
}

/* The charset named in a Content-Type value ("text/html; charset=gbk"),
 * its label copied to label. */
static const char *charset_in_content(const char *content, char *label, size_t label_size)
{
    for (const char *p = content; (p = strchr(p, '=')) != NULL; p++) {
        const char *name_end = p;
        while (name_end > content && is_space((unsigned char)name_end[-1]))
            name_end--;
        if (name_end - content < 7 || strncasecmp(name_end - 7, "charset", 7) != 0)
            continue;
        const char *v = p + 1;
        while (is_space((unsigned char)*v))
            v++;
        char quote = *v == '"' || *v == '\'' ? *v++ : 0;
        size_t n = 0;
        while (v[n] != '\0' &&
               (quote ? v[n] != quote : !is_space((unsigned char)v[n]) && v[n] != ';'))
            n++;
        snprintf(label, label_size, "%.*s", (int)n, v);
        return n > 0 ? tme_charset_from_label(v, n) : NULL;
    }
    return NULL;
}

/* The attributes of a <meta> tag: its declared charset or NULL. */
static const char *meta_charset(bytes *b, char *label, size_t label_size)
{
    attribute a;
    int pragma = 0, need_pragma = -1; /* -1: neither charset nor content seen */
    const char *charset = NULL;
    while (get_attribute(b, &a)) {
        if (strcmp(a.name, "http-equiv") == 0 && strcasecmp(a.value, "content-type") == 0) {
            pragma = 1;
        } else if (strcmp(a.name, "content") == 0 && charset == NULL) {
            charset = charset_in_content(a.value, label, label_size);
            need_pragma = charset != NULL ? 1 : need_pragma;
        } else if (strcmp(a.name, "charset") == 0) {
            charset = tme_charset_from_label(a.value, strlen(a.value));
            snprintf(label, label_size, "%s", a.value);
            need_pragma = 0;
        }
    }
    if (charset == NULL || need_pragma < 0 || (need_pragma == 1 && !pragma))
        return NULL;
    return charset;
}

/* Past a tag's name and attributes (whose values may hold '>'). */
static void skip_tag(bytes *b)
{
    while (b->at < b->len && !is_space(b->s[b->at]) && b->s[b->at] != '>')
        b->at++;
    attribute a;
    while (get_attribute(b, &a))
        ;
}

const char *tme_html_declared_charset(const unsigned char *data, size_t len, char *label,
                                      size_t label_size)
{
    bytes b = {data, len < TME_HTML_CHARSET_SCAN ? len : TME_HTML_CHARSET_SCAN, 0};
    while (b.at < b.len) {
        if (starts_with(&b, "<!--")) {
            b.at += 2; /* "<!-->" ends the comment it opens */
            skip_past(&b, "-->");
        } else if (starts_with(&b, "<meta") && b.at + 5 < b.len &&
                   (is_space(b.s[b.at + 5]) || b.s[b.at + 5] == '/')) {
            b.at += 5;
            const char *charset = meta_charset(&b, label, label_size);
            if (charset != NULL)
                return charset;
        } else if (b.s[b.at] == '<' && b.at + 2 < b.len &&
                   (is_letter(b.s[b.at + 1]) ||
                    (b.s[b.at + 1] == '/' && is_letter(b.s[b.at + 2])))) {
            b.at++;
            skip_tag(&b);
        } else if (starts_with(&b, "<!") || starts_with(&b, "</") || starts_with(&b, "<?")) {
            skip_past(&b, ">");
        } else {
            b.at++;
        }
    }
    return NULL;
}
