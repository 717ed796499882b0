/* SPDX-License-Identifier: MIT */
/* JSON text, as the jsonl writer and the machine-readable stats write it:
 * strings escaped by RFC 8259's rules with the choices of Python's
 * json.dumps(ensure_ascii=False) ('"', '\' and every C0 control escaped,
 * \b \f \n \r \t by name, others as \u001f; everything else kept as UTF-8),
 * and U+2028 and U+2029 escaped too, so that the text is also valid
 * JavaScript. A byte that does not begin valid UTF-8 becomes U+FFFD, so the
 * output is JSON whatever the bytes. */
#ifndef TME_JSON_H
#define TME_JSON_H

#include <stddef.h>

/* Where the bytes go: returns 0, or -1 to stop (the error is the callee's
 * to keep). */
typedef int (*tme_json_put)(void *context, const void *bytes, size_t len);

/* Writes text (NUL-terminated) as a JSON string, quotes included. */
int tme_json_write_string(tme_json_put put, void *context, const char *text);

/* 1 when text holds a byte that does not begin valid UTF-8, which
 * tme_json_write_string() would replace. */
int tme_json_needs_replacement(const char *text);

/* A growable buffer of JSON text; put() for it is tme_json_buffer_put. */
typedef struct {
    char *data; /* NUL-terminated */
    size_t len, cap;
    int failed; /* out of memory once: the text is incomplete */
} tme_json_buffer;

int tme_json_buffer_put(void *buffer, const void *bytes, size_t len);
/* Appends a NUL-terminated piece of JSON (markup, not a string). */
int tme_json_buffer_text(tme_json_buffer *b, const char *text);
/* Appends "key": (key escaped) with a leading comma when first is 0. */
int tme_json_buffer_key(tme_json_buffer *b, const char *key, int first);

#endif
