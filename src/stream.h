/* SPDX-License-Identifier: MIT */
/* An input's bytes as a stream, as FFmpeg's AVIOContext: a file, stdin or
 * memory, gzip-compressed or not (by its magic bytes, whatever the name;
 * concatenated members, as `cat a.gz b.gz` makes, read as one stream). A
 * reader peeks at the first bytes to probe, then reads in pieces or all at
 * once; memory is the reader's choice, never the stream's. */
#ifndef TME_STREAM_H
#define TME_STREAM_H

#include <stddef.h>

#include "error.h"

typedef struct tme_stream tme_stream;

/* path "-" is stdin. A directory is an error. */
tme_status tme_stream_open_file(const char *path, tme_stream **out, tme_error *err);

/* data must outlive the stream; name is for messages. */
tme_status tme_stream_open_memory(const void *data, size_t len, const char *name, tme_stream **out,
                                  tme_error *err);

void tme_stream_close(tme_stream *stream);

/* The name for messages: the path, or "standard input". */
const char *tme_stream_name(const tme_stream *stream);

/* 1 once the stream was found to be gzip-compressed (known after the first
 * peek or read). */
int tme_stream_was_gzip(const tme_stream *stream);

/* The first bytes (decompressed) without consuming them: *data points to
 * min(want, what the input holds) bytes, valid until the next call on the
 * stream. */
tme_status tme_stream_peek(tme_stream *stream, size_t want, const unsigned char **data, size_t *len,
                           tme_error *err);

/* Reads up to size bytes into buf; *got 0 at the end. A truncated or corrupt
 * gzip stream is an error naming the input. */
tme_status tme_stream_read(tme_stream *stream, void *buf, size_t size, size_t *got, tme_error *err);

/* The rest of the stream in one malloc'd buffer (NUL-terminated for
 * convenience; free() it). */
tme_status tme_stream_read_all(tme_stream *stream, unsigned char **data, size_t *len,
                               tme_error *err);

#endif
