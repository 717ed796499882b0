/* SPDX-License-Identifier: MIT */
#include "sink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "destination.h"
#include "gzip_members.h"

#define SINK_BUFFER_SIZE (64 * 1024)

struct tme_sink {
    tme_destination *destination;
    int gzip;
    int zs_ready; /* zs initialised: one gzip stream */
    z_stream zs;
    tme_gzip_members *members; /* instead of zs: independent members on threads */
    unsigned char *zbuf;
    /* Writers hand over a few bytes at a time; a system call or a deflate()
     * call per field would dominate the export. */
    unsigned char *pending;
    size_t pending_len;
    size_t written;    /* bytes that left the sink (compressed for gzip) */
    size_t since_sync; /* gzip: bytes given to deflate since it was last synced */
    int closed;
    tme_error error; /* sticky: the first failure */
};

static void free_sink(tme_sink *sink)
{
    if (sink->zs_ready)
        deflateEnd(&sink->zs);
    tme_gzip_members_free(sink->members);
    free(sink->zbuf);
    free(sink->pending);
    free(sink);
}

static tme_status start_gzip(tme_sink *sink, int gzip_level, tme_error *err)
{
    sink->zbuf = malloc(SINK_BUFFER_SIZE);
    /* windowBits 15 + 16: zlib writes the gzip header and trailer. */
    if (sink->zbuf == NULL ||
        deflateInit2(&sink->zs, gzip_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return tme_error_nomem(err);
    sink->gzip = sink->zs_ready = 1;
    return TME_OK;
}

static int emit_member(void *context, const unsigned char *data, size_t len);

static tme_status start_members(tme_sink *sink, int gzip_level, size_t threads, tme_error *err)
{
    sink->members = tme_gzip_members_new(gzip_level, threads, emit_member, sink, err);
    if (sink->members == NULL)
        return err->status;
    sink->gzip = 1;
    return TME_OK;
}

tme_sink *tme_sink_open(const char *path, int gzip_level, tme_error *err)
{
    return tme_sink_open_members(path, gzip_level, 0, err);
}

tme_sink *tme_sink_open_members(const char *path, int gzip_level, size_t member_threads,
                                tme_error *err)
{
    tme_sink *sink = calloc(1, sizeof *sink);
    if (sink == NULL) {
        tme_error_nomem(err);
        return NULL;
    }
    tme_status status = TME_OK;
    if ((sink->pending = malloc(SINK_BUFFER_SIZE)) == NULL)
        status = tme_error_nomem(err);
    if (status == TME_OK && gzip_level != TME_SINK_PLAIN && (gzip_level < 0 || gzip_level > 9))
        status = tme_error_set(err, TME_ERR_USAGE, "gzip level %d is not in 0..9", gzip_level);
    if (status == TME_OK && gzip_level != TME_SINK_PLAIN)
        status = member_threads > 0 ? start_members(sink, gzip_level, member_threads, err)
                                    : start_gzip(sink, gzip_level, err);
    if (status == TME_OK && (sink->destination = tme_destination_open(path, err)) == NULL)
        status = err->status;
    if (status != TME_OK) {
        free_sink(sink);
        return NULL;
    }
    return sink;
}

tme_status tme_sink_error(const tme_sink *sink, tme_error *err)
{
    if (sink->error.status != TME_OK)
        tme_error_set(err, sink->error.status, "%s", sink->error.message);
    return sink->error.status;
}

const char *tme_sink_name(const tme_sink *sink)
{
    return tme_destination_name(sink->destination);
}

int tme_sink_is_direct(const tme_sink *sink)
{
    return tme_destination_is_direct(sink->destination);
}

/* ---- writing ----------------------------------------------------------- */

static int write_all(tme_sink *sink, const unsigned char *data, size_t len)
{
    int fd = tme_destination_fd(sink->destination);
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            tme_error_errno(&sink->error, errno, "%s: write failed", tme_sink_name(sink));
            return -1;
        }
        data += n;
        len -= (size_t)n;
        sink->written += (size_t)n;
    }
    return 0;
}

static int deflate_into_file(tme_sink *sink, const unsigned char *data, size_t len, int flush)
{
    sink->zs.next_in = (unsigned char *)data;
    do {
        /* avail_in is a uInt: feed huge buffers in slices. */
        size_t slice = len > (1u << 30) ? (1u << 30) : len;
        sink->zs.avail_in = (uInt)slice;
        len -= slice;
        int zflush = len == 0 ? flush : Z_NO_FLUSH;
        int rc;
        do {
            sink->zs.next_out = sink->zbuf;
            sink->zs.avail_out = SINK_BUFFER_SIZE;
            rc = deflate(&sink->zs, zflush);
            if (rc == Z_STREAM_ERROR) {
                tme_error_set(&sink->error, TME_ERR_IO, "%s: gzip compression failed",
                              tme_sink_name(sink));
                return -1;
            }
            if (write_all(sink, sink->zbuf, SINK_BUFFER_SIZE - sink->zs.avail_out) != 0)
                return -1;
        } while (sink->zs.avail_out == 0 || (zflush == Z_FINISH && rc != Z_STREAM_END));
    } while (len > 0);
    return 0;
}

static int emit_member(void *context, const unsigned char *data, size_t len)
{
    return write_all(context, data, len);
}

/* A failure of the members' own (compression, memory) into the sink's
 * sticky error; a failed write has set it already. */
static int members_failed(tme_sink *sink)
{
    tme_error why;
    tme_error_clear(&why);
    if (sink->error.status == TME_OK && tme_gzip_members_error(sink->members, &why) != TME_OK)
        tme_error_set(&sink->error, why.status, "%s: %s", tme_sink_name(sink), why.message);
    return -1;
}

static int pass_on(tme_sink *sink, const unsigned char *data, size_t len)
{
    if (sink->members != NULL)
        return tme_gzip_members_write(sink->members, data, len) == 0 ? 0 : members_failed(sink);
    if (sink->gzip) {
        sink->since_sync += len;
        return deflate_into_file(sink, data, len, Z_NO_FLUSH);
    }
    return write_all(sink, data, len);
}

static int flush_pending(tme_sink *sink)
{
    size_t len = sink->pending_len;
    sink->pending_len = 0;
    return len == 0 ? 0 : pass_on(sink, sink->pending, len);
}

int tme_sink_write(tme_sink *sink, const void *data, size_t len)
{
    if (sink->error.status != TME_OK)
        return -1;
    if (sink->closed) { /* the stream has ended (and its threads gone) */
        tme_error_set(&sink->error, TME_ERR_IO, "%s: written after close", tme_sink_name(sink));
        return -1;
    }
    if (sink->pending_len + len <= SINK_BUFFER_SIZE) {
        memcpy(sink->pending + sink->pending_len, data, len);
        sink->pending_len += len;
        return 0;
    }
    if (flush_pending(sink) != 0)
        return -1;
    if (len >= SINK_BUFFER_SIZE)
        return pass_on(sink, data, len);
    memcpy(sink->pending, data, len);
    sink->pending_len = len;
    return 0;
}

/* Bytes of the gzip trailer, and a margin for the last block's end. */
#define GZIP_END_BOUND 64

/* As below, with the members. Near the limit the members in flight are
 * waited for first (their sizes become exact; the bytes do not change), so
 * that whether the current member is then ended early depends on the data
 * alone, never on how far the threads had got. */
static size_t members_size_bound(tme_sink *sink, size_t more, size_t limit)
{
    size_t bound = sink->written + tme_gzip_members_bound(sink->members, sink->pending_len + more);
    if (bound <= limit || sink->error.status != TME_OK || flush_pending(sink) != 0)
        return bound;
    if (tme_gzip_members_wait(sink->members) != 0)
        members_failed(sink);
    bound = sink->written + tme_gzip_members_bound(sink->members, more);
    if (bound > limit && sink->error.status == TME_OK) {
        if (tme_gzip_members_drain(sink->members) != 0)
            members_failed(sink);
        bound = sink->written + tme_gzip_members_bound(sink->members, more);
    }
    return bound;
}

size_t tme_sink_size_bound(tme_sink *sink, size_t more, size_t limit)
{
    if (!sink->gzip)
        return sink->written + sink->pending_len + more;
    if (sink->closed) /* the stream has ended: its size is known */
        return sink->written;
    if (sink->members != NULL)
        return members_size_bound(sink, more, limit);
    size_t unsynced = sink->since_sync + sink->pending_len;
    size_t bound =
        sink->written + deflateBound(&sink->zs, (uLong)(unsynced + more)) + GZIP_END_BOUND;
    /* deflateBound() assumes nothing compresses: what deflate holds since
     * the last sync counts at full size. Near the limit, syncing (a few
     * bytes) makes that part exact. */
    if (bound > limit && unsynced > 0 && sink->error.status == TME_OK && flush_pending(sink) == 0 &&
        deflate_into_file(sink, NULL, 0, Z_SYNC_FLUSH) == 0) {
        sink->since_sync = 0;
        bound = sink->written + deflateBound(&sink->zs, (uLong)more) + GZIP_END_BOUND;
    }
    return bound;
}

/* ---- closing, committing ------------------------------------------------ */

/* Everything of a commit that can fail for lack of space or a broken
 * device: flush, end the gzip stream, fsync, close. Running it twice does
 * nothing more; the sticky error is reported each time. */
tme_status tme_sink_close(tme_sink *sink, tme_error *err)
{
    if (!sink->closed) {
        sink->closed = 1;
        if (sink->error.status == TME_OK)
            flush_pending(sink);
        if (sink->members != NULL && sink->error.status == TME_OK &&
            tme_gzip_members_finish(sink->members) != 0)
            members_failed(sink);
        else if (sink->zs_ready && sink->error.status == TME_OK)
            deflate_into_file(sink, NULL, 0, Z_FINISH);
        /* A closed part of a split output may wait long for its commit:
         * its threads and buffers go now. */
        tme_gzip_members_free(sink->members);
        sink->members = NULL;
        if (sink->error.status == TME_OK)
            tme_destination_close(sink->destination, &sink->error);
    }
    return tme_sink_error(sink, err);
}

tme_status tme_sink_commit(tme_sink *sink, tme_error *err)
{
    tme_status status = tme_sink_close(sink, err);
    tme_destination *d = sink->destination;
    sink->destination = NULL;
    if (status == TME_OK)
        status = tme_destination_commit(d, err);
    else
        tme_destination_abort(d);
    free_sink(sink);
    return status;
}

void tme_sink_abort(tme_sink *sink)
{
    if (sink == NULL)
        return;
    tme_destination_abort(sink->destination);
    free_sink(sink);
}
