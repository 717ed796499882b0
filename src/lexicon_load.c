/* SPDX-License-Identifier: MIT */
/* Reading the lexicon file and the user's glossaries; where the lexicon
 * file is found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "array.h"
#include "lexicon_impl.h"
#include "lexicon_words.h"
#include "stream.h"

#ifndef TME_DATA_DIR
#define TME_DATA_DIR ""
#endif
#ifndef TME_SOURCE_DATA_DIR
#define TME_SOURCE_DATA_DIR ""
#endif

/* ---- lines ----------------------------------------------------------------- */

/* Lines of a file read through tme_stream, which decompresses gzip
 * (checking its CRC and length) and passes any other file through. */
typedef struct {
    tme_stream *stream;
    const char *path;
    char *buf;
    size_t cap, start, len; /* unread bytes are buf[start .. len) */
    int eof;
    size_t number; /* of the line last returned, from 1 */
} line_reader;

#define READ_CHUNK (128 * 1024)

static tme_status open_lines(line_reader *r, const char *path, tme_error *err)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    tme_status status = tme_stream_open_file(path, &r->stream, err);
    if (status != TME_OK)
        return status;
    r->cap = 2 * READ_CHUNK;
    r->buf = malloc(r->cap);
    return r->buf != NULL ? TME_OK : tme_error_nomem(err);
}

static void close_lines(line_reader *r)
{
    if (r->stream != NULL)
        tme_stream_close(r->stream);
    free(r->buf);
}

/* Reads more of the file after the unread bytes (moved to the front). */
static tme_status fill(line_reader *r, tme_error *err)
{
    memmove(r->buf, r->buf + r->start, r->len - r->start);
    r->len -= r->start;
    r->start = 0;
    if (TME_ARRAY_RESERVE(r->buf, r->cap, r->len + READ_CHUNK) != TME_OK)
        return tme_error_nomem(err);
    size_t got;
    tme_status status = tme_stream_read(r->stream, r->buf + r->len, READ_CHUNK, &got, err);
    if (status != TME_OK)
        return status;
    r->len += got;
    r->eof = got == 0;
    return TME_OK;
}

/* The next line without its end ("\n" or "\r\n") in *line, *len (valid
 * until the next call); *line is NULL at the end of the file. */
static tme_status next_line(line_reader *r, const char **line, size_t *len, tme_error *err)
{
    *line = NULL;
    for (;;) {
        const char *at = r->buf + r->start;
        const char *newline = r->len > r->start ? memchr(at, '\n', r->len - r->start) : NULL;
        if (newline != NULL || (r->eof && r->len > r->start)) {
            const char *stop = newline ? newline : r->buf + r->len;
            /* Checked a line at a time, not a read at a time: a format 2
             * lexicon's binary records follow its lines. */
            if (memchr(at, '\0', (size_t)(stop - at)) != NULL)
                return tme_error_set(err, TME_ERR_INPUT, "%s: holds a NUL byte: not a text file",
                                     r->path);
            *line = at;
            *len = (size_t)(stop - at);
            if (*len > 0 && at[*len - 1] == '\r')
                (*len)--;
            r->start = newline ? (size_t)(newline + 1 - r->buf) : r->len;
            r->number++;
            return TME_OK;
        }
        if (r->eof)
            return TME_OK;
        tme_status status = fill(r, err);
        if (status != TME_OK)
            return status;
    }
}

static int is_skipped_line(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    return i == len || line[i] == '#';
}

/* ---- the lexicon file ---------------------------------------------------------- */

typedef struct {
    int format, words;
    size_t lemmas, headwords, pairs, characters;
} lexicon_header;

static tme_status read_header(line_reader *r, lexicon_header *h, tme_error *err)
{
    const char *line;
    size_t len;
    char first[256];
    size_t magic = strlen(TME_LEXICON_MAGIC);
    tme_status status = next_line(r, &line, &len, err);
    if (status != TME_OK)
        return status;
    if (line == NULL || len >= sizeof first || len <= magic ||
        memcmp(line, TME_LEXICON_MAGIC " ", magic + 1) != 0)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s: not a tmexport lexicon file (its first line is not \"%s ...\")",
                             r->path, TME_LEXICON_MAGIC);
    memcpy(first, line, len);
    first[len] = '\0';
    if (sscanf(first + magic, " %d words=%d lemmas=%zu headwords=%zu pairs=%zu", &h->format,
               &h->words, &h->lemmas, &h->headwords, &h->pairs) != 5)
        return tme_error_set(err, TME_ERR_INPUT, "%s:1: malformed lexicon header", r->path);
    if (h->format != 1 && h->format != TME_LEXICON_FORMAT)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s: lexicon format %d; this tmexport reads formats 1 and %d", r->path,
                             h->format, TME_LEXICON_FORMAT);
    const char *characters = strstr(first, " characters=");
    h->characters = 0;
    if (h->format == 2 &&
        (characters == NULL || sscanf(characters, " characters=%zu", &h->characters) != 1))
        return tme_error_set(err, TME_ERR_INPUT, "%s:1: malformed lexicon header", r->path);
    if (h->words != TME_LEXWORDS_VERSION)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s: lexicon built with English word rules %d; this tmexport uses "
                             "%d: rebuild it (data/lexicon/README.md)",
                             r->path, h->words, TME_LEXWORDS_VERSION);
    return TME_OK;
}

static int is_lemma(const char *s, size_t len)
{
    if (len < 2 || len > TME_LEXWORD_MAX)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return 0;
    return 1;
}

/* One of the lemma lines that open the file: the lemma with the next id. */
static tme_status read_lemma_line(struct tme_lexicon *lex, const line_reader *r, const char *line,
                                  size_t len, tme_error *err)
{
    if (!is_lemma(line, len))
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: \"%.*s\" is not a lemma (2 to %d letters a-z)", r->path,
                             r->number, (int)(len < 64 ? len : 64), line, TME_LEXWORD_MAX);
    size_t before = lex->n_lemmas;
    if (tme_lexicon_intern_lemma(lex, line, len) == UINT32_MAX)
        return tme_error_nomem(err);
    if (lex->n_lemmas == before)
        return tme_error_set(err, TME_ERR_INPUT, "%s:%zu: lemma \"%.*s\" listed twice", r->path,
                             r->number, (int)len, line);
    return TME_OK;
}

/* Reads a lemma id (decimal, below the number of lemmas) at *p, moving
 * past it; UINT32_MAX when there is none. */
static inline uint32_t read_lemma_id(const char **p, const char *end, size_t n_lemmas)
{
    const char *at = *p;
    uint64_t id = 0;
    unsigned digit;
    while (at < end && (digit = (unsigned)(*at - '0')) <= 9 && id < n_lemmas) {
        id = id * 10 + digit;
        at++;
    }
    if (at == *p || id >= n_lemmas || (at < end && *at != ' '))
        return UINT32_MAX;
    *p = at;
    return (uint32_t)id;
}

/* Lemma ids are added this many at a time. */
#define ID_BATCH 64

/* "headword<TAB>id id ...": a headword of its own line, then the ids of
 * the lemmas it translates. */
static tme_status read_headword_line(struct tme_lexicon *lex, const line_reader *r,
                                     const char *line, size_t len, tme_error *err)
{
    const char *tab = memchr(line, '\t', len);
    int added = tab == NULL || tab + 1 == line + len
                    ? 1
                    : tme_lexicon_add_base_headword(lex, line, (size_t)(tab - line));
    if (added == 1)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: not a headword line (1 to %d Han characters, a tab, lemma "
                             "ids)",
                             r->path, r->number, TME_LEXICON_MAX_HEADWORD_CHARS);
    if (added != 0)
        return tme_error_nomem(err);
    const char *end = line + len;
    uint32_t ids[ID_BATCH];
    size_t n = 0;
    for (const char *p = tab + 1; p < end; p++) {
        uint32_t lemma = read_lemma_id(&p, end, lex->n_lemmas);
        if (lemma == UINT32_MAX)
            return tme_error_set(err, TME_ERR_INPUT,
                                 "%s:%zu: lemma ids must be numbers below %zu, one space apart",
                                 r->path, r->number, lex->n_lemmas);
        ids[n++] = lemma;
        if (n == ID_BATCH || p >= end - 1) {
            if (tme_lexicon_add_base_lemmas(lex, ids, n) != 0)
                return tme_error_nomem(err);
            n = 0;
        }
    }
    return TME_OK;
}

static tme_status check_counts(const struct tme_lexicon *lex, const line_reader *r,
                               const lexicon_header *h, tme_error *err)
{
    if (lex->n_lemmas == h->lemmas && lex->n_headwords == h->headwords && lex->n_pairs == h->pairs)
        return TME_OK;
    return tme_error_set(err, TME_ERR_INPUT,
                         "%s: truncated or damaged lexicon: its header announces %zu lemmas, %zu "
                         "headwords, %zu pairs; it holds %zu, %zu, %zu",
                         r->path, h->lemmas, h->headwords, h->pairs, lex->n_lemmas,
                         lex->n_headwords, lex->n_pairs);
}

static tme_status index_headwords(struct tme_lexicon *lex, const line_reader *r, tme_error *err)
{
    uint32_t duplicate;
    if (tme_lexicon_index_base(lex, &duplicate) != 0)
        return tme_error_nomem(err);
    if (duplicate == UINT32_MAX)
        return TME_OK;
    char text[4 * TME_LEXICON_MAX_HEADWORD_CHARS + 1];
    tme_lexicon_headword_text(lex, duplicate, text);
    return tme_error_set(err, TME_ERR_INPUT, "%s: headword \"%s\" has two lines", r->path, text);
}

/* ---- format 2: binary headword records ------------------------------------------ */

/* Reads the rest of the file into r->buf[r->start .. r->len). */
static tme_status read_rest(line_reader *r, tme_error *err)
{
    tme_status status = TME_OK;
    while (status == TME_OK && !r->eof)
        status = fill(r, err);
    return status;
}

typedef struct {
    const unsigned char *at, *end;
} byte_cursor;

/* An unsigned LEB128 number of at most 32 bits; -1 when there is none.
 * Most are one or two bytes. */
static inline int read_varint(byte_cursor *b, uint32_t *out)
{
    if (b->at < b->end && *b->at < 0x80) {
        *out = *b->at++;
        return 0;
    }
    if (b->end - b->at >= 2 && b->at[1] < 0x80) { /* character indices past 127 */
        *out = (uint32_t)(b->at[0] & 0x7F) | (uint32_t)b->at[1] << 7;
        b->at += 2;
        return 0;
    }
    uint32_t v = 0;
    for (int shift = 0; shift <= 28 && b->at < b->end; shift += 7) {
        unsigned byte = *b->at++;
        if (shift == 28 && byte > 0x0F)
            return -1;
        v |= (uint32_t)(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

/* The count lemma ids of a record into ids: the first as it is, each
 * next as its distance to the one before less one, so strictly ascending.
 * 0 when read, 1 when one is malformed or not below n_lemmas. */
static inline int read_lemma_ids(byte_cursor *b, uint32_t *ids, uint32_t count, size_t n_lemmas)
{
    uint64_t id = UINT64_MAX; /* + the first delta + 1: the first id */
    for (uint32_t i = 0; i < count; i++) {
        uint32_t delta;
        if (b->at < b->end && *b->at < 0x80) /* most distances are one byte */
            delta = *b->at++;
        else if (read_varint(b, &delta) != 0)
            return 1;
        id += (uint64_t)delta + 1;
        if (id >= n_lemmas)
            return 1;
        ids[i] = (uint32_t)id;
    }
    return 0;
}

/* One headword record: its character count (a byte, 1 to 4), their
 * indices, its lemma count (at least 1), then its lemma ids ascending, the
 * first as it is and each next as its distance to the one before less one
 * (all LEB128). The ids are decoded straight into the lexicon's lemma
 * array. 0 when read, 1 when malformed, -1 for want of memory. */
static int read_record(struct tme_lexicon *lex, byte_cursor *b)
{
    unsigned n = b->at < b->end ? *b->at++ : 0;
    if (n < 1 || n > TME_LEXICON_MAX_HEADWORD_CHARS)
        return 1;
    uint64_t key = 0;
    for (unsigned k = 0; k < n; k++) {
        uint32_t index;
        if (read_varint(b, &index) != 0 || index == 0 || index > lex->n_chars)
            return 1;
        key |= (uint64_t)index << (16 * k);
    }
    uint32_t count;
    /* Each id takes a byte at least: a count past the bytes left is damage,
     * not a size to allocate. */
    if (read_varint(b, &count) != 0 || count == 0 || count > (size_t)(b->end - b->at))
        return 1;
    uint32_t *ids = tme_lexicon_add_base_record(lex, key, count);
    if (ids == NULL)
        return -1;
    return read_lemma_ids(b, ids, count, lex->n_lemmas);
}

/* Format 2, after the lemma lines: the line of the characters (index 1,
 * 2, ... in order), then the headwords' records to the end of the file. */
static tme_status read_records(struct tme_lexicon *lex, line_reader *r, const lexicon_header *h,
                               tme_error *err)
{
    const char *line;
    size_t len;
    tme_status status;
    while ((status = next_line(r, &line, &len, err)) == TME_OK && line != NULL && len > 0 &&
           line[0] == '#')
        ;
    if (status != TME_OK)
        return status;
    int added = line == NULL ? 1 : tme_lexicon_add_characters(lex, line, len);
    if (added < 0)
        return tme_error_nomem(err);
    if (added > 0 || lex->n_chars != h->characters)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: expected the line of the %zu characters, each once", r->path,
                             r->number, h->characters);
    if ((status = read_rest(r, err)) != TME_OK)
        return status;
    byte_cursor b = {(const unsigned char *)r->buf + r->start,
                     (const unsigned char *)r->buf + r->len};
    for (size_t n = 1; b.at < b.end; n++) {
        size_t offset = (size_t)(b.at - (const unsigned char *)r->buf - r->start);
        int read = read_record(lex, &b);
        if (read < 0)
            return tme_error_nomem(err);
        if (read > 0)
            return tme_error_set(err, TME_ERR_INPUT,
                                 "%s: damaged lexicon: headword record %zu (byte %zu after the "
                                 "character line) is malformed",
                                 r->path, n, offset);
    }
    r->start = r->len;
    return TME_OK;
}

/* The next line that is no comment or blank line (NULL at the end). */
static tme_status next_content_line(line_reader *r, const char **line, size_t *len, tme_error *err)
{
    tme_status status;
    while ((status = next_line(r, line, len, err)) == TME_OK && *line != NULL &&
           is_skipped_line(*line, *len))
        ;
    return status;
}

/* Format 1: "headword<TAB>lemma ids" lines. */
static tme_status read_headword_lines(struct tme_lexicon *lex, line_reader *r, tme_error *err)
{
    const char *line;
    size_t len;
    tme_status status;
    while ((status = next_content_line(r, &line, &len, err)) == TME_OK && line != NULL &&
           (status = read_headword_line(lex, r, line, len, err)) == TME_OK)
        ;
    return status;
}

/* The header, h.lemmas lemma lines, then the headwords (lines in format 1,
 * the character line and binary records in format 2); '#' comments and
 * blank lines anywhere before the records. */
static tme_status read_lexicon(struct tme_lexicon *lex, line_reader *r, tme_error *err)
{
    lexicon_header h;
    tme_status status = read_header(r, &h, err);
    if (status == TME_OK && tme_lexicon_reserve(lex, h.lemmas, h.headwords, h.pairs) != 0)
        status = tme_error_nomem(err);
    const char *line;
    size_t len;
    while (status == TME_OK && lex->n_lemmas < h.lemmas &&
           (status = next_content_line(r, &line, &len, err)) == TME_OK && line != NULL)
        status = read_lemma_line(lex, r, line, len, err);
    if (status == TME_OK)
        status = h.format == 1 ? read_headword_lines(lex, r, err) : read_records(lex, r, &h, err);
    if (status == TME_OK)
        status = check_counts(lex, r, &h, err);
    if (status == TME_OK)
        status = index_headwords(lex, r, err);
    return status;
}

/* ---- glossaries -------------------------------------------------------------- */

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

/* "english<TAB>chinese". */
static tme_status read_glossary_line(struct tme_lexicon *lex, const line_reader *r,
                                     const char *line, size_t len, tme_error *err)
{
    const char *tab = memchr(line, '\t', len);
    if (tab == NULL || memchr(tab + 1, '\t', (size_t)(line + len - tab - 1)) != NULL)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: expected two columns, english<TAB>chinese", r->path,
                             r->number);
    const char *zh = tab + 1;
    size_t zh_len = (size_t)(line + len - zh);
    trim(&zh, &zh_len);
    int32_t cps[TME_LEXICON_MAX_HEADWORD_CHARS];
    size_t n = tme_lexicon_parse_headword(zh, zh_len, cps);
    if (n == 0)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: the Chinese column must be 1 to %d Han characters (the "
                             "lexicon matches no longer term), not \"%.*s\"",
                             r->path, r->number, TME_LEXICON_MAX_HEADWORD_CHARS, (int)zh_len, zh);
    uint32_t hw = tme_lexicon_intern_headword(lex, cps, n);
    if (hw == UINT32_MAX)
        return tme_error_nomem(err);
    tme_word_cursor cur;
    tme_word_cursor_init(&cur, line, (size_t)(tab - line));
    char lemma[TME_LEXWORD_MAX + 1];
    size_t lemma_len, words = 0;
    while ((lemma_len = tme_next_content_word(&cur, lemma)) > 0) {
        uint32_t id = tme_lexicon_intern_lemma(lex, lemma, lemma_len);
        if (id == UINT32_MAX || tme_lexicon_add_pair(lex, hw, id) != 0)
            return tme_error_nomem(err);
        words++;
    }
    if (words == 0)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: the English column has no content word (only stop words, "
                             "numbers or no letters)",
                             r->path, r->number);
    return TME_OK;
}

static tme_status read_glossary(struct tme_lexicon *lex, line_reader *r, tme_error *err)
{
    const char *line;
    size_t len;
    tme_status status;
    while ((status = next_line(r, &line, &len, err)) == TME_OK && line != NULL) {
        if (r->number == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* a byte order mark */
            len -= 3;
        }
        if (!is_skipped_line(line, len) &&
            (status = read_glossary_line(lex, r, line, len, err)) != TME_OK)
            break;
    }
    return status;
}

/* ---- loading ----------------------------------------------------------------- */

typedef tme_status (*file_reader)(struct tme_lexicon *, line_reader *, tme_error *);

static tme_status read_file_into(struct tme_lexicon *lex, const char *path, file_reader read,
                                 tme_error *err)
{
    line_reader r;
    tme_status status = open_lines(&r, path, err);
    if (status == TME_OK)
        status = read(lex, &r, err);
    close_lines(&r);
    return status;
}

tme_status tme_lexicon_load(const char *path, const char *const *glossaries, size_t n_glossaries,
                            tme_lexicon **out, tme_error *err)
{
    *out = NULL;
    struct tme_lexicon *lex = tme_lexicon_new();
    if (lex == NULL)
        return tme_error_nomem(err);
    tme_status status = TME_OK;
    if (path != NULL)
        status = read_file_into(lex, path, read_lexicon, err);
    for (size_t i = 0; i < n_glossaries && status == TME_OK; i++)
        status = read_file_into(lex, glossaries[i], read_glossary, err);
    if (status == TME_OK)
        status = tme_lexicon_finish(lex, err);
    if (status != TME_OK) {
        tme_lexicon_free(lex);
        return status;
    }
    *out = lex;
    return TME_OK;
}

/* ---- where the file is --------------------------------------------------------- */

static int join_path(char *buf, size_t size, const char *dir)
{
    int n = snprintf(buf, size, "%s/%s", dir, TME_LEXICON_FILE_NAME);
    return n > 0 && (size_t)n < size;
}

tme_status tme_lexicon_default_path(char *buf, size_t size, tme_error *err)
{
    const char *env = getenv(TME_LEXICON_ENV);
    if (env != NULL && env[0] != '\0') {
        if ((size_t)snprintf(buf, size, "%s", env) >= size)
            return tme_error_set(err, TME_ERR_USAGE, "%s is too long a path", TME_LEXICON_ENV);
        return TME_OK;
    }
    const char *dirs[] = {TME_DATA_DIR, TME_SOURCE_DATA_DIR};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
        if (dirs[i][0] != '\0' && join_path(buf, size, dirs[i]) && access(buf, R_OK) == 0)
            return TME_OK;
    return tme_error_set(err, TME_ERR_IO,
                         "no lexicon file: %s/%s and %s/%s cannot be read; set %s to its path",
                         TME_DATA_DIR, TME_LEXICON_FILE_NAME, TME_SOURCE_DATA_DIR,
                         TME_LEXICON_FILE_NAME, TME_LEXICON_ENV);
}
