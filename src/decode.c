/* SPDX-License-Identifier: MIT */
#include "decode.h"

#include "charclass.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

typedef struct {
    size_t invalid;         /* invalid sequences */
    size_t valid_multibyte; /* well-formed non-ASCII characters */
    size_t first_invalid;   /* byte offset, valid when invalid > 0 */
    size_t nul_count;
    size_t first_nul;
} utf8_survey;

static void survey_utf8(const unsigned char *data, size_t len, utf8_survey *s)
{
    memset(s, 0, sizeof *s);
    size_t i = 0;
    while (i < len) {
        if (data[i] < 0x80) {
            if (data[i] == 0 && s->nul_count++ == 0)
                s->first_nul = i;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = tme_iterate(data + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) {
            if (s->invalid++ == 0)
                s->first_invalid = i;
            i++;
        } else {
            s->valid_multibyte++;
            i += (size_t)n;
        }
    }
}

/* Line number (1-based) of byte `offset` in 8-bit-compatible text, where
 * LF, CRLF and lone CR each end a line. */
static size_t line_at(const unsigned char *data, size_t offset)
{
    size_t line = 1;
    for (size_t i = 0; i < offset; i++) {
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
            line++;
    }
    return line;
}

/* CRLF and lone CR become LF, in place. */
static size_t normalize_line_ends(char *text, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (text[r] == '\r') {
            text[w++] = '\n';
            if (r + 1 < len && text[r + 1] == '\n')
                r++;
        } else {
            text[w++] = text[r];
        }
    }
    text[w] = '\0';
    return w;
}

static int is_utf8_name(const char *encoding)
{
    return strcasecmp(encoding, "UTF-8") == 0 || strcasecmp(encoding, "UTF8") == 0;
}

static tme_status finish_text(char *buf, size_t len, tme_text *out)
{
    size_t skip = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    if (skip)
        memmove(buf, buf + skip, len - skip);
    out->text = buf;
    out->len = normalize_line_ends(buf, len - skip);
    return TME_OK;
}

static tme_status nul_error(const char *name, const unsigned char *data, size_t offset,
                            tme_error *err)
{
    return tme_error_set(err, TME_ERR_INPUT,
                         "%s:%zu: NUL byte at byte offset %zu: this is binary data or UTF-16 "
                         "without a byte-order mark (try --encoding UTF-16LE)",
                         name, line_at(data, offset), offset);
}

static tme_status decode_utf8(const unsigned char *data, size_t len, const utf8_survey *s,
                              const char *name, tme_text *out, tme_error *err)
{
    if (s->invalid > 0)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: invalid UTF-8 byte 0x%02X at byte offset %zu (if the "
                             "file is in another encoding, give it with --encoding)",
                             name, line_at(data, s->first_invalid), data[s->first_invalid],
                             s->first_invalid);
    if (s->nul_count > 0)
        return nul_error(name, data, s->first_nul, err);
    char *buf = malloc(len + 1);
    if (buf == NULL)
        return tme_error_nomem(err);
    memcpy(buf, data, len);
    snprintf(out->encoding, sizeof out->encoding, "UTF-8");
    return finish_text(buf, len, out);
}

static size_t count_lines_in_output(const char *out, size_t len)
{
    return line_at((const unsigned char *)out, len);
}

static int is_utf16(const char *encoding, int *big_endian)
{
    if (strncasecmp(encoding, "UTF-16", 6) != 0 && strncasecmp(encoding, "UTF16", 5) != 0)
        return 0;
    size_t n = strlen(encoding);
    *big_endian = n >= 2 && strcasecmp(encoding + n - 2, "BE") == 0;
    return 1;
}

/* A UTF-16 code unit at data[i] that is a surrogate with no partner: broken
 * UTF-16 that XML could not carry anyway, so it is dropped and counted. */
static int unpaired_surrogate_at(const unsigned char *data, size_t len, size_t i, int big_endian)
{
    if (i + 2 > len)
        return 0;
    unsigned unit = big_endian ? (unsigned)(data[i] << 8 | data[i + 1])
                               : (unsigned)(data[i + 1] << 8 | data[i]);
    if (unit < 0xD800 || unit > 0xDFFF)
        return 0;
    if (unit >= 0xDC00)
        return 1;
    if (i + 4 > len)
        return 1;
    unsigned next = big_endian ? (unsigned)(data[i + 2] << 8 | data[i + 3])
                               : (unsigned)(data[i + 3] << 8 | data[i + 2]);
    return next < 0xDC00 || next > 0xDFFF;
}

/* Converts with iconv; on success out->text holds UTF-8. On invalid input
 * returns TME_ERR_INPUT with the offset of the bad bytes in *bad_offset and
 * the line counted in the text converted so far in *bad_line. */
static tme_status convert(const unsigned char *data, size_t len, const char *encoding,
                          const char *name, tme_text *out, size_t *bad_offset, size_t *bad_line,
                          tme_error *err)
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return tme_error_set(err, TME_ERR_USAGE, "unknown encoding '%s' (see `iconv -l`)",
                             encoding);
    int big_endian = 0;
    int utf16 = is_utf16(encoding, &big_endian);
    size_t cap = len * 2 + 16, used = 0;
    char *buf = malloc(cap);
    if (buf == NULL) {
        iconv_close(cd);
        return tme_error_nomem(err);
    }
    char *in = (char *)data;
    size_t in_left = len;
    tme_status status = TME_OK;
    while (in_left > 0) {
        char *o = buf + used;
        size_t o_left = cap - used - 1;
        size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
        used = (size_t)(o - buf);
        if (rc != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger == NULL) {
                status = tme_error_nomem(err);
                break;
            }
            buf = bigger;
            cap *= 2;
            continue;
        }
        size_t offset = (size_t)((unsigned char *)in - data);
        if (errno == EILSEQ && utf16 && unpaired_surrogate_at(data, len, offset, big_endian)) {
            in += 2;
            in_left -= 2;
            out->surrogates_dropped++;
            continue;
        }
        *bad_offset = offset;
        *bad_line = count_lines_in_output(buf, used);
        status = TME_ERR_INPUT;
        break;
    }
    if (status == TME_OK) {
        /* Flush any shift state. */
        char *o = buf + used;
        size_t o_left = cap - used - 1;
        iconv(cd, NULL, NULL, &o, &o_left);
        used = (size_t)(o - buf);
    }
    iconv_close(cd);
    if (status != TME_OK) {
        free(buf);
        return status;
    }
    buf[used] = '\0';
    char *nul = memchr(buf, '\0', used);
    if (nul != NULL) {
        size_t line = count_lines_in_output(buf, (size_t)(nul - buf));
        free(buf);
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: NUL character in %s text: this is binary data or the "
                             "wrong encoding",
                             name, line, encoding);
    }
    snprintf(out->encoding, sizeof out->encoding, "%s", encoding);
    return finish_text(buf, used, out);
}

static tme_status convert_or_report(const unsigned char *data, size_t len, const char *encoding,
                                    const char *name, tme_text *out, tme_error *err)
{
    size_t bad_offset = 0, bad_line = 0;
    tme_status status = convert(data, len, encoding, name, out, &bad_offset, &bad_line, err);
    if (status == TME_ERR_INPUT && err->status == TME_OK)
        tme_error_set(err, TME_ERR_INPUT, "%s:%zu: invalid %s byte 0x%02X at byte offset %zu", name,
                      bad_line, encoding, data[bad_offset], bad_offset);
    return status;
}

/* UTF-16 without a BOM shows itself by NUL bytes in every other position
 * (the high bytes of ASCII characters). Returns the encoding or NULL. */
static const char *guess_utf16_by_nul_bytes(const unsigned char *data, size_t len)
{
    size_t sample = len < 65536 ? len : 65536;
    size_t even_zero = 0, odd_zero = 0;
    for (size_t i = 0; i + 1 < sample; i += 2) {
        even_zero += data[i] == 0;
        odd_zero += data[i + 1] == 0;
    }
    size_t units = sample / 2;
    if (units == 0)
        return NULL;
    if (odd_zero * 4 >= units && even_zero * 20 < odd_zero)
        return "UTF-16LE";
    if (even_zero * 4 >= units && odd_zero * 20 < even_zero)
        return "UTF-16BE";
    return NULL;
}

static tme_status decode_automatically(const unsigned char *data, size_t len, const char *name,
                                       tme_text *out, tme_error *err)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        utf8_survey s;
        survey_utf8(data, len, &s);
        return decode_utf8(data, len, &s, name, out, err);
    }
    if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
        return convert_or_report(data + 2, len - 2, "UTF-16LE", name, out, err);
    if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
        return convert_or_report(data + 2, len - 2, "UTF-16BE", name, out, err);
    const char *utf16 = guess_utf16_by_nul_bytes(data, len);
    if (utf16 != NULL) {
        out->guessed = 1;
        return convert_or_report(data, len, utf16, name, out, err);
    }
    utf8_survey s;
    survey_utf8(data, len, &s);
    /* Bytes that are mostly well-formed UTF-8 are broken UTF-8: decoding them
     * as GB18030 would turn every correct character into mojibake. */
    if (s.invalid == 0 || s.valid_multibyte >= s.invalid)
        return decode_utf8(data, len, &s, name, out, err);
    if (s.nul_count > 0)
        return nul_error(name, data, s.first_nul, err);
    size_t bad_offset = 0, bad_line = 0;
    tme_error gb_err;
    tme_error_clear(&gb_err);
    tme_status status = convert(data, len, "GB18030", name, out, &bad_offset, &bad_line, &gb_err);
    if (status == TME_OK) {
        out->guessed = 1;
        return TME_OK;
    }
    if (status != TME_ERR_INPUT)
        return tme_error_set(err, status, "%s", gb_err.message);
    return tme_error_set(err, TME_ERR_INPUT,
                         "%s:%zu: cannot tell the encoding: invalid UTF-8 byte 0x%02X at byte "
                         "offset %zu, and not GB18030 either; give it with --encoding (for "
                         "example --encoding BIG5)",
                         name, line_at(data, s.first_invalid), data[s.first_invalid],
                         s.first_invalid);
}

tme_status tme_decode(const unsigned char *data, size_t len, const char *encoding, const char *name,
                      tme_text *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    if (encoding == NULL)
        return decode_automatically(data, len, name, out, err);
    if (is_utf8_name(encoding)) {
        utf8_survey s;
        survey_utf8(data, len, &s);
        return decode_utf8(data, len, &s, name, out, err);
    }
    tme_status status = convert_or_report(data, len, encoding, name, out, err);
    if (status == TME_OK && out->len >= 3 && memcmp(out->text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->text, out->text + 3, out->len - 3 + 1);
        out->len -= 3;
    }
    return status;
}

void tme_text_free(tme_text *text)
{
    free(text->text);
    text->text = NULL;
    text->len = 0;
}
