/* SPDX-License-Identifier: MIT */
/* The TSV units reader: the lines `--tsv-fields` writes, read back as
 * finished units (not aligned again), line by line as a stream: memory is
 * the longest line's. Its columns are --tsv-columns (source,target by
 * default; document and score may be added, in any order); a document
 * column makes every change of name a document of its own, as a TMX's
 * x-document does. The text is UTF-8 (a BOM is skipped); a line with the
 * wrong number of columns, a score that is not a number in [0,1] or bytes
 * that are not UTF-8 are errors naming the line. */
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "array.h"
#include "read_units.h"
#include "tsv_fields.h"
#include "unit_props.h"

/* A line longer than this is not one of ours: refused, not buffered. */
#define MAX_LINE (64u << 20)
#define CHUNK (64 * 1024)

static tme_status validate_columns(const char *value, tme_error *err)
{
    tme_tsv_fields fields;
    int count[TME_TSV_FIELD_KINDS] = {0};
    if (tme_tsv_fields_parse(value, &fields) == 0)
        for (size_t k = 0; k < fields.count; k++)
            count[fields.fields[k]]++;
    if (count[TME_TSV_SOURCE] != 1 || count[TME_TSV_TARGET] != 1 || count[TME_TSV_DOCUMENT] > 1 ||
        count[TME_TSV_SCORE] > 1)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--tsv-columns wants source and target, and document and score if "
                             "the TSV has them, each once, comma-separated; not '%s'",
                             value);
    return TME_OK;
}

static const tme_option_def tsv_read_options[] = {
    {.name = "tsv-columns",
     .group = "tsv",
     .kind = TME_OPTION_VALUE,
     .argument = "LIST",
     .help = "the columns of a TSV of units read back (what --tsv-fields wrote)",
     .default_value = "source,target",
     .validate = validate_columns},
    {.name = NULL},
};

/* Lines from the stream, each in a buffer that grows to the longest. */
typedef struct {
    tme_stream *in;
    unsigned char *buf;
    size_t len, cap, start; /* buf[start..len) not yet handed out */
    int eof;
    size_t number;
} line_reader;

/* The next line (without its LF or CRLF) in *line, *len; *more 0 at the
 * end. */
static tme_status next_line(line_reader *r, const tme_document *doc, char **line, size_t *len,
                            int *more, tme_error *err)
{
    for (size_t scanned = 0;;) {
        unsigned char *nl = memchr(r->buf + r->start + scanned, '\n', r->len - r->start - scanned);
        if (nl != NULL || (r->eof && r->len > r->start)) {
            size_t end = nl ? (size_t)(nl - r->buf) : r->len;
            *line = (char *)r->buf + r->start;
            *len = end - r->start;
            if (*len > 0 && (*line)[*len - 1] == '\r')
                (*len)--;
            r->start = nl ? end + 1 : end;
            r->number++;
            *more = 1;
            return TME_OK;
        }
        if (r->eof) {
            *more = 0;
            return TME_OK;
        }
        scanned = r->len - r->start;
        if (scanned > MAX_LINE)
            return tme_error_set(err, TME_ERR_INPUT, "%s:%zu: a line longer than %u bytes",
                                 doc->name, r->number + 1, MAX_LINE);
        memmove(r->buf, r->buf + r->start, scanned);
        r->len = scanned;
        r->start = 0;
        if (TME_ARRAY_RESERVE(r->buf, r->cap, r->len + CHUNK) != TME_OK)
            return tme_error_nomem(err);
        size_t got;
        tme_error stream_err;
        tme_error_clear(&stream_err);
        /* One byte spare: a last field may be NUL-terminated in place. */
        if (tme_stream_read(r->in, r->buf + r->len, r->cap - r->len - 1, &got, &stream_err) !=
            TME_OK)
            return tme_error_set(err, stream_err.status, "%s (in line %zu)", stream_err.message,
                                 r->number + 1);
        r->len += got;
        r->eof = got == 0;
    }
}

/* The byte offset of the first byte that is not UTF-8, or len. */
static size_t invalid_utf8_at(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

/* One line's columns into a unit. */
static tme_status add_line(tme_document *doc, const tme_tsv_fields *columns, char *line, size_t len,
                           size_t number, tme_error *err)
{
    size_t bad = invalid_utf8_at(line, len);
    if (bad < len)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: invalid UTF-8 byte 0x%02X at byte %zu of the line", doc->name,
                             number, (unsigned char)line[bad], bad + 1);
    const char *field[TME_TSV_FIELD_KINDS] = {NULL};
    size_t field_len[TME_TSV_FIELD_KINDS] = {0}, k = 0, at = 0;
    for (; k < columns->count && at <= len; k++) {
        const char *tab = memchr(line + at, '\t', len - at);
        size_t end = tab ? (size_t)(tab - line) : len;
        field[columns->fields[k]] = line + at;
        field_len[columns->fields[k]] = end - at;
        at = end + 1;
    }
    if (k < columns->count || at <= len)
        return tme_error_set(
            err, TME_ERR_INPUT, "%s:%zu: %s tab-separated columns than --tsv-columns names (%zu)",
            doc->name, number, k < columns->count ? "fewer" : "more", columns->count);
    double score = 1.0;
    if (field[TME_TSV_SCORE] != NULL &&
        tme_score_parse(field[TME_TSV_SCORE], field_len[TME_TSV_SCORE], &score) != 0)
        return tme_error_set(err, TME_ERR_INPUT, "%s:%zu: score '%.*s' is not a number in [0,1]",
                             doc->name, number, (int)(field_len[TME_TSV_SCORE] % 64),
                             field[TME_TSV_SCORE]);
    if (field[TME_TSV_DOCUMENT] != NULL)
        line[field[TME_TSV_DOCUMENT] - line + field_len[TME_TSV_DOCUMENT]] = '\0';
    tme_read_unit unit = {field[TME_TSV_SOURCE],
                          field[TME_TSV_TARGET],
                          field_len[TME_TSV_SOURCE],
                          field_len[TME_TSV_TARGET],
                          score,
                          NULL,
                          NULL,
                          field[TME_TSV_DOCUMENT],
                          0};
    return tme_document_add_read_unit(doc, &unit, err);
}

static tme_status tsv_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    tme_tsv_fields columns;
    if (tme_tsv_fields_parse(tme_document_option(doc, "tsv-columns"), &columns) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "bad --tsv-columns");
    line_reader r = {.in = in, .cap = 4 * CHUNK};
    if ((r.buf = malloc(r.cap)) == NULL)
        return tme_error_nomem(err);
    tme_status status;
    char *line = NULL;
    size_t len = 0;
    int more = 1;
    while ((status = next_line(&r, doc, &line, &len, &more, err)) == TME_OK && more) {
        if (r.number == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
            line += 3, len -= 3; /* a BOM */
        if (len > 0 && (status = add_line(doc, &columns, line, len, r.number, err)) != TME_OK)
            break;
    }
    free(r.buf);
    return status;
}

/* The fallback among the readers of units: what is not XML. Never above
 * tsv-pairs (which `tmexport extract` reads TSV with) or the article
 * reader, which comes first on a tie. */
static int tsv_probe(const unsigned char *data, size_t len, const char *name)
{
    (void)name;
    size_t k = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (k < len && (data[k] == ' ' || data[k] == '\t' || data[k] == '\r' || data[k] == '\n'))
        k++;
    int xml_like = k < len && data[k] == '<';
    int utf16_like =
        len >= 2 && (data[0] == 0 || data[1] == 0 || data[0] == 0xFF || data[0] == 0xFE);
    return xml_like || utf16_like ? TME_PROBE_NO : TME_PROBE_FALLBACK;
}

const tme_input_format tme_input_tsv = {
    .name = "tsv",
    .description = "TSV of units read back as they are (columns: --tsv-columns)",
    .extensions = "tsv",
    .options = tsv_read_options,
    .streams = 1,
    .yields_units = 1,
    .probe = tsv_probe,
    .read = tsv_read,
};
