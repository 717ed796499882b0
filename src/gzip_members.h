/* SPDX-License-Identifier: MIT */
/* A byte stream compressed as independent gzip members of
 * TME_GZIP_MEMBER_BYTES input bytes each (the last one shorter), compressed
 * on several threads and handed on in order. One gzip stream is deflated
 * by one thread, about 50 MB/s: on more cores than a few, it caps
 * `extract -j N` (bench/run's writer-ceiling row). Members compress
 * apart; RFC 1952 makes a gzip file a series of them, and gzip, zcat,
 * zlib's gzread(), Python's gzip and Java's GZIPInputStream read them all,
 * as tmexport does. The bytes depend on the data, the level and where the
 * caller ends members early (tme_gzip_members_drain), never on the number
 * of threads or their timing. zlib writes each member's header and trailer. */
#ifndef TME_GZIP_MEMBERS_H
#define TME_GZIP_MEMBERS_H

#include <stddef.h>

#include "error.h"

/* 1 MiB: a member costs 18 bytes of framing and a fresh window; at 1 MiB
 * the bench TMX compresses 1.0% larger than as one stream (256 KiB: 3.8%). */
#define TME_GZIP_MEMBER_BYTES ((size_t)1 << 20)

typedef struct tme_gzip_members tme_gzip_members;

/* Where finished members go, in order: 0, or -1 to stop (the caller keeps
 * why). */
typedef int (*tme_gzip_emit)(void *context, const unsigned char *data, size_t len);

/* Each thread keeps about 1.5 MB (a member's buffers and a deflate
 * state): 64 threads, 100 MB. */
#define TME_GZIP_MEMBERS_MAX_THREADS 64

/* level 0..9; threads 1..TME_GZIP_MEMBERS_MAX_THREADS (1: compressed on the
 * caller's thread). NULL with err set when out of memory or a thread
 * cannot start. */
tme_gzip_members *tme_gzip_members_new(int level, size_t threads, tme_gzip_emit emit, void *context,
                                       tme_error *err);

/* Buffers data; a full member goes to the threads, and finished ones are
 * emitted. 0, or -1 (see tme_gzip_members_error). */
int tme_gzip_members_write(tme_gzip_members *g, const void *data, size_t len);

/* Waits for every member handed to the threads and emits them, leaving
 * the current one open: the bytes are the same as without the wait, and
 * afterwards tme_gzip_members_bound() is exact but for the current
 * member. */
int tme_gzip_members_wait(tme_gzip_members *g);

/* Ends the current member (if it holds anything), waits for every member
 * and emits them all: afterwards every byte written so far was emitted. */
int tme_gzip_members_drain(tme_gzip_members *g);

/* An upper bound of the bytes still to be emitted for what was written so
 * far, if `more` more bytes were written: the finished members' exact
 * sizes, deflateBound() of the others. */
size_t tme_gzip_members_bound(tme_gzip_members *g, size_t more);

/* Drains; a stream with no byte at all gets one empty member, so that the
 * file is a valid gzip file. */
int tme_gzip_members_finish(tme_gzip_members *g);

/* The first failure (compression, out of memory, or the emitter's -1
 * given as TME_ERR_IO with no message of its own): TME_OK when none. */
tme_status tme_gzip_members_error(const tme_gzip_members *g, tme_error *err);

/* Stops the threads and frees everything; what was not emitted is lost. */
void tme_gzip_members_free(tme_gzip_members *g);

#endif
