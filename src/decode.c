/* SPDX-License-Identifier: MIT */
#include "decode.h"

#include "array.h"

#include "charclass.h"
#include "charset_label.h"
#include "encoding_detect.h"

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

/* Whether the 8 bytes at p are ASCII without a NUL: most of an article is,
 * and is then stepped over a word at a time. */
static int plain_ascii_word(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    return (v & highs) == 0 && ((v - ones) & ~v & highs) == 0;
}

static void survey_utf8(const unsigned char *data, size_t len, utf8_survey *s)
{
    memset(s, 0, sizeof *s);
    size_t i = 0;
    while (i < len) {
        if (len - i >= 8 && plain_ascii_word(data + i)) {
            i += 8;
            continue;
        }
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
    /* Text without CR, nearly all of it, is left as it is. */
    const char *cr = memchr(text, '\r', len);
    size_t w = cr != NULL ? (size_t)(cr - text) : len;
    for (size_t r = w; r < len; r++) {
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
            if (TME_ARRAY_RESERVE(buf, cap, cap + 1) != TME_OK) {
                status = tme_error_nomem(err);
                break;
            }
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
 * (the high bytes of ASCII characters). At least this many: Han characters
 * have NUL bytes too (一 is U+4E00), and in a few words of Chinese alone
 * one or two of them read as the other byte order's ASCII. */
#define MIN_NUL_PATTERN 8

/* Returns the encoding or NULL. */
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
    if (odd_zero >= MIN_NUL_PATTERN && odd_zero * 4 >= units && even_zero * 20 < odd_zero)
        return "UTF-16LE";
    if (even_zero >= MIN_NUL_PATTERN && even_zero * 4 >= units && odd_zero * 20 < even_zero)
        return "UTF-16BE";
    return NULL;
}

/* Decodes with one candidate for the evidence: a decoding that needed an
 * unpaired surrogate dropped or met a NUL has failed. Only running out of
 * memory is an error. */
static tme_status try_candidate(const unsigned char *data, size_t len, tme_candidate *candidate,
                                tme_text *decoded, tme_error *err)
{
    size_t bad_offset = 0, bad_line = 0;
    tme_error conversion_err;
    tme_error_clear(&conversion_err);
    tme_status status = convert(data, len, candidate->encoding, "", decoded, &bad_offset, &bad_line,
                                &conversion_err);
    if (status == TME_ERR_NOMEM)
        return tme_error_nomem(err);
    candidate->decoded = status == TME_OK && decoded->surrogates_dropped == 0;
    if (candidate->decoded)
        tme_candidate_judge(candidate, decoded->text, decoded->len);
    return TME_OK;
}

static void record_evidence(const tme_candidate *c, const tme_verdict *v, tme_text *out)
{
    tme_encoding_evidence *e = &out->evidence;
    e->characters = c[v->chosen].characters;
    e->share = tme_candidate_share(&c[v->chosen]);
    if (v->runner_up >= 0) {
        snprintf(e->runner_up, sizeof e->runner_up, "%s", c[v->runner_up].encoding);
        e->runner_up_share = tme_candidate_share(&c[v->runner_up]);
    }
    snprintf(e->uchardet, sizeof e->uchardet, "%s", v->uchardet);
    out->method = TME_ENCODING_DETECTED;
    out->guessed = 1;
}

/* "GB18030, BIG5-HKSCS": the candidates that decoded, or all of them when
 * none did. */
static void list_candidates(const tme_candidate *c, size_t count, int decoded_only, char *buf,
                            size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && used < size; i++) {
        if (c[i].decoded || !decoded_only)
            used +=
                (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", c[i].encoding);
    }
}

static tme_status weak_evidence_error(const unsigned char *data, const utf8_survey *s,
                                      const tme_candidate *c, size_t count, const tme_verdict *v,
                                      const char *name, tme_error *err)
{
    char names[128];
    list_candidates(c, count, v->best >= 0, names, sizeof names);
    return tme_error_set(err, TME_ERR_INPUT,
                         "%s:%zu: cannot tell the encoding (invalid UTF-8 byte 0x%02X at byte "
                         "offset %zu): %s %s; %s; give it with --encoding (for example "
                         "--encoding %s)",
                         name, line_at(data, s->first_invalid), data[s->first_invalid],
                         s->first_invalid, v->best >= 0 ? "plausible:" : "tried", names,
                         v->why_weak, v->best >= 0 ? c[v->best].encoding : "BIG5");
}

/* Bytes that are not UTF-8: GB18030, Big5 or UTF-16 by the evidence of
 * each decoding (encoding_detect.h), never by decoding without error alone
 * (Big5 bytes are mostly valid GB18030). Weak evidence is an error: about
 * the first NUL byte if there is one, else naming the plausible
 * encodings. */
static tme_status decode_by_evidence(const unsigned char *data, size_t len, const utf8_survey *s,
                                     const char *name, tme_text *out, tme_error *err)
{
    enum { CANDIDATES = 4 };
    tme_candidate c[CANDIDATES] = {
        {.encoding = "GB18030"},
        {.encoding = tme_big5_iconv_name()},
        {.encoding = "UTF-16LE"},
        {.encoding = "UTF-16BE"},
    };
    tme_text decoded[CANDIDATES];
    memset(decoded, 0, sizeof decoded);
    tme_status status = TME_OK;
    for (size_t i = 0; i < CANDIDATES && status == TME_OK; i++)
        status = try_candidate(data, len, &c[i], &decoded[i], err);
    tme_verdict v;
    if (status == TME_OK) {
        tme_weigh_candidates(data, len, c, CANDIDATES, &v);
        if (v.chosen >= 0) {
            *out = decoded[v.chosen];
            decoded[v.chosen].text = NULL;
            record_evidence(c, &v, out);
        } else if (s->nul_count > 0) {
            status = nul_error(name, data, s->first_nul, err);
        } else {
            status = weak_evidence_error(data, s, c, CANDIDATES, &v, name, err);
        }
    }
    for (size_t i = 0; i < CANDIDATES; i++)
        tme_text_free(&decoded[i]);
    return status;
}

static tme_status decode_automatically(const unsigned char *data, size_t len, const char *name,
                                       tme_text *out, tme_error *err)
{
    out->method = TME_ENCODING_BOM;
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
        out->method = TME_ENCODING_NUL_PATTERN;
        return convert_or_report(data, len, utf16, name, out, err);
    }
    utf8_survey s;
    survey_utf8(data, len, &s);
    /* Bytes that are mostly well-formed UTF-8 are broken UTF-8: decoding them
     * as GB18030 would turn every correct character into mojibake. */
    out->method = TME_ENCODING_VALID_UTF8;
    if (s.invalid == 0 || s.valid_multibyte >= s.invalid)
        return decode_utf8(data, len, &s, name, out, err);
    /* NUL bytes too few for the pattern may still be UTF-16 (Chinese with a
     * few line ends and 一); when the evidence is weak, they are reported. */
    return decode_by_evidence(data, len, &s, name, out, err);
}

static tme_status decode_named(const unsigned char *data, size_t len, const char *label,
                               const char *name, tme_text *out, tme_error *err)
{
    out->method = TME_ENCODING_NAMED;
    snprintf(out->label, sizeof out->label, "%s", label);
    if (is_utf8_name(label)) {
        utf8_survey s;
        survey_utf8(data, len, &s);
        return decode_utf8(data, len, &s, name, out, err);
    }
    tme_status status =
        convert_or_report(data, len, tme_encoding_iconv_name(label), name, out, err);
    if (status == TME_OK && out->len >= 3 && memcmp(out->text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(out->text, out->text + 3, out->len - 3 + 1);
        out->len -= 3;
    }
    return status;
}

tme_status tme_decode(const unsigned char *data, size_t len, const char *encoding, const char *name,
                      tme_text *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    if (encoding == NULL)
        return decode_automatically(data, len, name, out, err);
    return decode_named(data, len, encoding, name, out, err);
}

int tme_text_encoding_reason(const tme_text *t, char *buf, size_t size)
{
    const tme_encoding_evidence *e = &t->evidence;
    switch (t->method) {
    case TME_ENCODING_NAMED:
        return snprintf(buf, size, "%s (named: %s)", t->encoding, t->label);
    case TME_ENCODING_BOM:
        return snprintf(buf, size, "%s (byte-order mark)", t->encoding);
    case TME_ENCODING_NUL_PATTERN:
        return snprintf(buf, size, "%s (no byte-order mark; NUL bytes in every second position)",
                        t->encoding);
    case TME_ENCODING_VALID_UTF8:
        return snprintf(buf, size, "%s (the bytes are valid UTF-8)", t->encoding);
    case TME_ENCODING_DETECTED:
        break;
    }
    char next[80] = "no other candidate decodes";
    if (e->runner_up[0])
        snprintf(next, sizeof next, "%.2f as %s", e->runner_up_share, e->runner_up);
    return snprintf(buf, size,
                    "%s (detected: %zu characters judged, %.2f of them frequent Han characters, "
                    "%s; uchardet: %s)",
                    t->encoding, e->characters, e->share, next,
                    e->uchardet[0] ? e->uchardet : "no answer");
}
void tme_text_free(tme_text *text)
{
    free(text->text);
    text->text = NULL;
    text->len = 0;
}
