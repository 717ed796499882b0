/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"

/* The escape for code point cp, or NULL when it is written as it is. */
static const char *escape_for(utf8proc_int32_t cp, char buf[8])
{
    switch (cp) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        if (cp >= 0x20 && cp != 0x2028 && cp != 0x2029)
            return NULL;
        snprintf(buf, 8, "\\u%04x", (unsigned)cp);
        return buf;
    }
}

int tme_json_write_string(tme_json_put put, void *context, const char *text)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text, *run = p;
    size_t left = strlen(text);
    if (put(context, "\"", 1) != 0)
        return -1;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
        char buf[8];
        const char *escape;
        if (n < 0) {
            escape = "\xEF\xBF\xBD"; /* U+FFFD REPLACEMENT CHARACTER */
            n = 1;
        } else {
            escape = escape_for(cp, buf);
        }
        if (escape != NULL && (put(context, run, (size_t)(p - run)) != 0 ||
                               put(context, escape, strlen(escape)) != 0))
            return -1;
        p += n;
        left -= (size_t)n;
        if (escape != NULL)
            run = p;
    }
    if (put(context, run, (size_t)(p - run)) != 0 || put(context, "\"", 1) != 0)
        return -1;
    return 0;
}

int tme_json_needs_replacement(const char *text)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    size_t left = strlen(text);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &cp);
        if (n < 0)
            return 1;
        p += n;
        left -= (size_t)n;
    }
    return 0;
}

int tme_json_buffer_put(void *buffer, const void *bytes, size_t len)
{
    tme_json_buffer *b = buffer;
    if (b->failed)
        return -1;
    if (TME_ARRAY_RESERVE(b->data, b->cap, b->len + len + 1) != TME_OK) {
        b->failed = 1;
        return -1;
    }
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int tme_json_buffer_text(tme_json_buffer *b, const char *text)
{
    return tme_json_buffer_put(b, text, strlen(text));
}

int tme_json_buffer_key(tme_json_buffer *b, const char *key, int first)
{
    if ((!first && tme_json_buffer_text(b, ", ") != 0) ||
        tme_json_write_string(tme_json_buffer_put, b, key) != 0)
        return -1;
    return tme_json_buffer_text(b, ": ");
}
