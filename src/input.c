/* SPDX-License-Identifier: MIT */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "array.h"

#define READ_CHUNK (256 * 1024)

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "standard input" : path;
}

/* Room for a chunk and the terminating NUL after len bytes. */
static tme_status reserve_chunk(unsigned char **buf, size_t *cap, size_t len)
{
    if (len > SIZE_MAX - READ_CHUNK - 1)
        return TME_ERR_NOMEM;
    return tme_array_reserve(buf, cap, len + READ_CHUNK + 1, 1);
}

static tme_status read_all(int fd, const char *path, tme_bytes *out, tme_error *err)
{
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (reserve_chunk(&buf, &cap, len) != TME_OK) {
            free(buf);
            return tme_error_set(err, TME_ERR_NOMEM, "%s: out of memory while reading",
                                 display_name(path));
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int saved = errno;
            free(buf);
            return tme_error_set(err, TME_ERR_IO, "%s: cannot read: %s", display_name(path),
                                 strerror(saved));
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (buf == NULL && (buf = malloc(1)) == NULL)
        return tme_error_nomem(err);
    buf[len] = '\0';
    out->data = buf;
    out->len = len;
    return TME_OK;
}

static int has_gzip_magic(const tme_bytes *raw)
{
    return raw->len >= 2 && raw->data[0] == 0x1f && raw->data[1] == 0x8b;
}

static tme_status gunzip(const char *path, const tme_bytes *raw, tme_bytes *out, tme_error *err)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* 15 + 16: expect a gzip wrapper; zlib checks header and CRC. */
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return tme_error_nomem(err);
    unsigned char *buf = NULL;
    size_t cap = 0, len = 0;
    size_t consumed = 0;
    tme_status status = TME_OK;
    while (status == TME_OK) {
        if (reserve_chunk(&buf, &cap, len) != TME_OK) {
            status = tme_error_nomem(err);
            break;
        }
        size_t in_left = raw->len - consumed;
        zs.next_in = raw->data + consumed;
        zs.avail_in = in_left > UINT32_MAX ? UINT32_MAX : (uInt)in_left;
        zs.next_out = buf + len;
        size_t out_room = cap - len - 1;
        zs.avail_out = out_room > UINT32_MAX ? UINT32_MAX : (uInt)out_room;
        uInt avail_in_before = zs.avail_in, avail_out_before = zs.avail_out;
        int rc = inflate(&zs, Z_NO_FLUSH);
        consumed += avail_in_before - zs.avail_in;
        len += avail_out_before - zs.avail_out;
        if (rc == Z_STREAM_END) {
            /* Concatenated members (as `cat a.gz b.gz` makes) continue the
             * stream; anything else after a member is trailing garbage. */
            if (consumed == raw->len)
                break;
            if (raw->len - consumed >= 2 && raw->data[consumed] == 0x1f &&
                raw->data[consumed + 1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            status = tme_error_set(err, TME_ERR_INPUT,
                                   "%s: corrupt gzip input: unexpected data after the "
                                   "compressed stream at byte %zu",
                                   display_name(path), consumed);
        } else if (rc == Z_BUF_ERROR && consumed == raw->len) {
            status = tme_error_set(err, TME_ERR_INPUT,
                                   "%s: truncated gzip input: the compressed stream ends "
                                   "early after %zu bytes",
                                   display_name(path), raw->len);
        } else if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
            status = tme_error_set(err, TME_ERR_INPUT, "%s: corrupt gzip input near byte %zu: %s",
                                   display_name(path), consumed, zs.msg ? zs.msg : "bad data");
        } else if (rc == Z_MEM_ERROR) {
            status = tme_error_nomem(err);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            status = tme_error_set(err, TME_ERR_INPUT, "%s: cannot decompress gzip input",
                                   display_name(path));
        }
    }
    inflateEnd(&zs);
    if (status != TME_OK) {
        free(buf);
        return status;
    }
    buf[len] = '\0';
    out->data = buf;
    out->len = len;
    out->was_gzip = 1;
    return TME_OK;
}

tme_status tme_read_input(const char *path, tme_bytes *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    int fd = STDIN_FILENO;
    if (strcmp(path, "-") != 0) {
        fd = open(path, O_RDONLY);
        if (fd < 0)
            return tme_error_set(err, TME_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            return tme_error_set(err, TME_ERR_IO, "%s: is a directory, not a file", path);
        }
    }
    tme_bytes raw;
    memset(&raw, 0, sizeof raw);
    tme_status status = read_all(fd, path, &raw, err);
    if (fd != STDIN_FILENO)
        close(fd);
    if (status != TME_OK)
        return status;
    if (!has_gzip_magic(&raw)) {
        *out = raw;
        return TME_OK;
    }
    status = gunzip(path, &raw, out, err);
    free(raw.data);
    return status;
}

void tme_bytes_free(tme_bytes *bytes)
{
    free(bytes->data);
    bytes->data = NULL;
    bytes->len = 0;
}
