/* An output sink: where a writer's bytes go. It hides from writers whether the
 * stream is gzip-compressed and whether it ends in a file or on stdout.
 *
 * A file sink writes to a temporary file beside the target and renames it over
 * the target only on tme_sink_commit(), so a failed or interrupted run leaves
 * the previous file untouched and no temporary file behind. Write errors are
 * sticky: the first one is kept and reported by tme_sink_commit(). */
#ifndef TME_SINK_H
#define TME_SINK_H

#include <stddef.h>

#include "error.h"

typedef struct tme_sink tme_sink;

#define TME_SINK_PLAIN (-1)

/* path "-" is stdout. gzip_level is TME_SINK_PLAIN or 0..9. */
tme_sink *tme_sink_open(const char *path, int gzip_level, tme_error *err);

/* Returns 0, or -1 once any write has failed (the error is kept). */
int tme_sink_write(tme_sink *sink, const void *data, size_t len);

/* Copies the sink's first write error into err and returns its status
 * (TME_OK when there was none): a writer whose tme_sink_write() failed
 * returns this. */
tme_status tme_sink_error(const tme_sink *sink, tme_error *err);

/* The path as given to tme_sink_open ("-" for stdout), for messages. */
const char *tme_sink_path(const tme_sink *sink);

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

/* Async-signal-safe: unlinks every temporary file still open, for a SIGINT or
 * SIGTERM handler that is about to terminate the process. */
void tme_sink_unlink_all_temporaries(void);

#endif
