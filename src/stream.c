/* SPDX-License-Identifier: MIT */
#include "stream.h"

#include "array.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (256 * 1024)

struct tme_stream {
    char *name;
    int fd;                    /* -1 for memory */
    int owns_fd;               /* not stdin */
    const unsigned char *data; /* memory streams */
    size_t data_len, data_pos;
    /* Raw bytes read from the file but not yet passed on. */
    unsigned char *raw;
    size_t raw_len, raw_pos;
    int raw_eof;
    int gzip_known, gzip;
    z_stream zs;
    int zs_ready, member_ended;
    size_t consumed; /* compressed bytes consumed: for messages */
    /* Decompressed bytes kept by a peek, handed out before anything else. */
    unsigned char *lookahead;
    size_t look_len, look_pos;
};

static tme_status open_common(tme_stream **out, const char *name, tme_error *err)
{
    tme_stream *s = calloc(1, sizeof *s);
    if (s == NULL || (s->name = strdup(name)) == NULL) {
        free(s);
        return tme_error_nomem(err);
    }
    s->fd = -1;
    *out = s;
    return TME_OK;
}

tme_status tme_stream_open_file(const char *path, tme_stream **out, tme_error *err)
{
    *out = NULL;
    int stdin_path = strcmp(path, "-") == 0;
    int fd = STDIN_FILENO;
    if (!stdin_path) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return tme_error_set(err, TME_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            return tme_error_set(err, TME_ERR_IO, "%s: is a directory, not a file", path);
        }
    }
    tme_stream *s = NULL;
    if (open_common(&s, stdin_path ? "standard input" : path, err) != TME_OK) {
        if (!stdin_path)
            close(fd);
        return err->status;
    }
    s->fd = fd;
    s->owns_fd = !stdin_path;
    if ((s->raw = malloc(CHUNK)) == NULL) {
        tme_stream_close(s);
        return tme_error_nomem(err);
    }
    *out = s;
    return TME_OK;
}

tme_status tme_stream_open_memory(const void *data, size_t len, const char *name, tme_stream **out,
                                  tme_error *err)
{
    *out = NULL;
    tme_stream *s = NULL;
    if (open_common(&s, name, err) != TME_OK)
        return err->status;
    s->data = data;
    s->data_len = len;
    *out = s;
    return TME_OK;
}

void tme_stream_close(tme_stream *s)
{
    if (s == NULL)
        return;
    if (s->owns_fd)
        close(s->fd);
    if (s->zs_ready)
        inflateEnd(&s->zs);
    free(s->raw);
    free(s->lookahead);
    free(s->name);
    free(s);
}

const char *tme_stream_name(const tme_stream *s)
{
    return s->name;
}

int tme_stream_was_gzip(const tme_stream *s)
{
    return s->gzip;
}

/* Raw input available: *p, *n point into the file buffer or the memory.
 * Refills the buffer from the file when it is used up. */
static tme_status raw_available(tme_stream *s, const unsigned char **p, size_t *n, tme_error *err)
{
    if (s->fd < 0) {
        *p = s->data + s->data_pos;
        *n = s->data_len - s->data_pos;
        return TME_OK;
    }
    while (s->raw_pos == s->raw_len && !s->raw_eof) {
        ssize_t got = read(s->fd, s->raw, CHUNK);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return tme_error_set(err, TME_ERR_IO, "%s: cannot read: %s", s->name, strerror(errno));
        s->raw_pos = 0;
        s->raw_len = (size_t)got;
        s->raw_eof = got == 0;
    }
    *p = s->raw + s->raw_pos;
    *n = s->raw_len - s->raw_pos;
    return TME_OK;
}

static void raw_consume(tme_stream *s, size_t n)
{
    if (s->fd < 0)
        s->data_pos += n;
    else
        s->raw_pos += n;
    s->consumed += n;
}

/* Decides from the first two bytes whether the stream is gzip. A file
 * buffer refill may return one byte at a time (a pipe), so the magic is
 * looked at only once two bytes are there or the input has ended. */
static tme_status detect_gzip(tme_stream *s, tme_error *err)
{
    const unsigned char *p;
    size_t n;
    if (raw_available(s, &p, &n, err) != TME_OK)
        return err->status;
    if (n == 1 && s->fd >= 0 && !s->raw_eof) {
        /* Keep the byte and read on until the second arrives. */
        unsigned char first = p[0];
        s->raw[0] = first;
        s->raw_pos = 0;
        s->raw_len = 1;
        while (s->raw_len < 2) {
            ssize_t got = read(s->fd, s->raw + 1, CHUNK - 1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                return tme_error_set(err, TME_ERR_IO, "%s: cannot read: %s", s->name,
                                     strerror(errno));
            if (got == 0) {
                s->raw_eof = 1;
                break;
            }
            s->raw_len += (size_t)got;
        }
        p = s->raw;
        n = s->raw_len;
    }
    s->gzip_known = 1;
    s->gzip = n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
    if (s->gzip) {
        memset(&s->zs, 0, sizeof s->zs);
        /* 15 + 16: a gzip wrapper; zlib checks the header and the CRC. */
        if (inflateInit2(&s->zs, 15 + 16) != Z_OK)
            return tme_error_nomem(err);
        s->zs_ready = 1;
    }
    return TME_OK;
}

/* After a member's end: another member follows (1), the input ended (0),
 * or trailing garbage (error). */
static tme_status next_member(tme_stream *s, int *more, tme_error *err)
{
    const unsigned char *p;
    size_t n;
    if (raw_available(s, &p, &n, err) != TME_OK)
        return err->status;
    *more = 0;
    if (n == 0)
        return TME_OK;
    if (n >= 2 ? (p[0] == 0x1f && p[1] == 0x8b) : p[0] == 0x1f) {
        inflateReset(&s->zs);
        s->member_ended = 0;
        *more = 1;
        return TME_OK;
    }
    return tme_error_set(err, TME_ERR_INPUT,
                         "%s: corrupt gzip input: unexpected data after the compressed stream "
                         "at byte %zu",
                         s->name, s->consumed);
}

static tme_status inflate_some(tme_stream *s, unsigned char *buf, size_t size, size_t *got,
                               tme_error *err)
{
    *got = 0;
    while (*got == 0) {
        if (s->member_ended) {
            int more = 0;
            if (next_member(s, &more, err) != TME_OK || !more)
                return err->status;
        }
        const unsigned char *p = NULL;
        size_t n = 0;
        if (raw_available(s, &p, &n, err) != TME_OK)
            return err->status;
        s->zs.next_in = (unsigned char *)p;
        s->zs.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
        s->zs.next_out = buf;
        s->zs.avail_out = size > UINT32_MAX ? UINT32_MAX : (uInt)size;
        uInt in_before = s->zs.avail_in, out_before = s->zs.avail_out;
        int rc = inflate(&s->zs, Z_NO_FLUSH);
        raw_consume(s, in_before - s->zs.avail_in);
        *got = out_before - s->zs.avail_out;
        if (rc == Z_STREAM_END) {
            s->member_ended = 1;
        } else if (rc == Z_BUF_ERROR && n == 0) {
            return tme_error_set(err, TME_ERR_INPUT,
                                 "%s: truncated gzip input: the compressed stream ends early "
                                 "after %zu bytes",
                                 s->name, s->consumed);
        } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
            return tme_error_set(err, TME_ERR_INPUT, "%s: corrupt gzip input near byte %zu: %s",
                                 s->name, s->consumed, s->zs.msg ? s->zs.msg : "bad data");
        } else if (rc == Z_MEM_ERROR) {
            return tme_error_nomem(err);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            return tme_error_set(err, TME_ERR_INPUT, "%s: cannot decompress gzip input", s->name);
        }
    }
    return TME_OK;
}

/* Bytes after the lookahead: decompressed, or copied from the input. */
static tme_status read_underlying(tme_stream *s, unsigned char *buf, size_t size, size_t *got,
                                  tme_error *err)
{
    *got = 0;
    if (!s->gzip_known && detect_gzip(s, err) != TME_OK)
        return err->status;
    if (s->gzip)
        return inflate_some(s, buf, size, got, err);
    const unsigned char *p;
    size_t n;
    if (raw_available(s, &p, &n, err) != TME_OK)
        return err->status;
    *got = n < size ? n : size;
    memcpy(buf, p, *got);
    raw_consume(s, *got);
    return TME_OK;
}

tme_status tme_stream_peek(tme_stream *s, size_t want, const unsigned char **data, size_t *len,
                           tme_error *err)
{
    if (s->look_pos > 0) { /* keep what is left at the start of the buffer */
        memmove(s->lookahead, s->lookahead + s->look_pos, s->look_len - s->look_pos);
        s->look_len -= s->look_pos;
        s->look_pos = 0;
    }
    if (s->look_len < want) {
        unsigned char *bigger = realloc(s->lookahead, want);
        if (bigger == NULL)
            return tme_error_nomem(err);
        s->lookahead = bigger;
    }
    while (s->look_len < want) {
        size_t got;
        if (read_underlying(s, s->lookahead + s->look_len, want - s->look_len, &got, err) != TME_OK)
            return err->status;
        if (got == 0)
            break;
        s->look_len += got;
    }
    *data = s->lookahead;
    *len = s->look_len < want ? s->look_len : want;
    return TME_OK;
}

tme_status tme_stream_read(tme_stream *s, void *buf, size_t size, size_t *got, tme_error *err)
{
    if (s->look_pos < s->look_len) {
        size_t n = s->look_len - s->look_pos;
        *got = n < size ? n : size;
        memcpy(buf, s->lookahead + s->look_pos, *got);
        s->look_pos += *got;
        return TME_OK;
    }
    return read_underlying(s, buf, size, got, err);
}

tme_status tme_stream_read_all(tme_stream *s, unsigned char **data, size_t *len, tme_error *err)
{
    unsigned char *buf = NULL;
    size_t cap = 0, used = 0;
    for (;;) {
        if (TME_ARRAY_RESERVE(buf, cap, used + CHUNK + 1) != TME_OK) {
            free(buf);
            return tme_error_set(err, TME_ERR_NOMEM, "%s: out of memory while reading", s->name);
        }
        size_t got;
        if (tme_stream_read(s, buf + used, cap - used - 1, &got, err) != TME_OK) {
            free(buf);
            return err->status;
        }
        if (got == 0)
            break;
        used += got;
    }
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return TME_OK;
}
