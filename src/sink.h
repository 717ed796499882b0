/* SPDX-License-Identifier: MIT */
/* An output sink: where a writer's bytes go. It hides from writers whether the
 * stream is gzip-compressed and what the path is (a file replaced atomically,
 * a link's target, a device, FIFO, socket or stdout: destination.h decides).
 * It buffers, so that writers may hand over a few bytes at a time. Write
 * errors are sticky: the first one is kept and reported by tme_sink_close()
 * and tme_sink_commit(). */
#ifndef TME_SINK_H
#define TME_SINK_H

#include <stddef.h>

#include "error.h"

typedef struct tme_sink tme_sink;

#define TME_SINK_PLAIN (-1)

/* path "-" is stdout. gzip_level is TME_SINK_PLAIN or 0..9. */
tme_sink *tme_sink_open(const char *path, int gzip_level, tme_error *err);

/* The same, a .gz output written as independent gzip members
 * (gzip_members.h) compressed on member_threads threads; 0: one gzip
 * stream on the caller's thread, as tme_sink_open(). */
tme_sink *tme_sink_open_members(const char *path, int gzip_level, size_t member_threads,
                                tme_error *err);

/* Returns 0, or -1 once any write has failed (the error is kept). */
int tme_sink_write(tme_sink *sink, const void *data, size_t len);

/* Copies the sink's first write error into err and returns its status
 * (TME_OK when there was none): a writer whose tme_sink_write() failed
 * returns this. */
tme_status tme_sink_error(const tme_sink *sink, tme_error *err);

/* The path as given to tme_sink_open(), or "standard output": for
 * messages. */
const char *tme_sink_name(const tme_sink *sink);

/* 1 when the bytes go straight to their destination (stdout, a device, a
 * FIFO or a socket): what was written cannot be taken back. */
int tme_sink_is_direct(const tme_sink *sink);

/* An upper bound of the output's final size if `more` more bytes were
 * written: exact for a plain stream; for gzip, what deflate produced so far
 * plus deflateBound() of the rest; when that exceeds limit, the stream is
 * synced first (Z_SYNC_FLUSH, a few bytes) so that the bound is tight where
 * it matters. */
size_t tme_sink_size_bound(tme_sink *sink, size_t more, size_t limit);

/* Flushes, finishes the gzip stream, syncs and closes the temporary file,
 * renaming nothing: a run with several outputs closes them all before it
 * commits any, so that a late failure replaces none. The sink stays for
 * tme_sink_commit() or tme_sink_abort(). */
tme_status tme_sink_close(tme_sink *sink, tme_error *err);

/* Closes if not done yet and renames into place; frees the sink in every
 * case. */
tme_status tme_sink_commit(tme_sink *sink, tme_error *err);

/* Discards the output: removes the temporary file; frees the sink. */
void tme_sink_abort(tme_sink *sink);

#endif
