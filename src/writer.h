/* SPDX-License-Identifier: MIT */
/* The life of one output: a format's writer over a sink. */
#ifndef TME_WRITER_H
#define TME_WRITER_H

#include "format.h"

/* Opens the sink at path (gzip_level TME_SINK_PLAIN for plain) and begins the
 * format (its variant for the context's options: xliff → xliff2). Returns
 * NULL with err set on failure, leaving nothing behind. */
tme_writer *tme_writer_open(const tme_output_format *format, const char *path, int gzip_level,
                            const tme_writer_context *context, tme_error *err);

tme_status tme_writer_begin_document(tme_writer *w, const char *document, size_t document_index,
                                     tme_error *err);
tme_status tme_writer_write(tme_writer *w, const tme_unit *unit, tme_error *err);
tme_status tme_writer_dropped(tme_writer *w, const tme_dropped *d, tme_error *err);
tme_status tme_writer_end_document(tme_writer *w, tme_error *err);

/* An upper bound of the file's size once `more` more bytes of text are
 * written and the format is ended (exact for plain files; for gzip, exact
 * once near the bound): what --split-size compares. */
size_t tme_writer_size_bound(tme_writer *w, size_t more, size_t limit);

/* Ends the format and closes the sink without renaming anything (see
 * tme_sink_close); w stays for tme_writer_finish() or tme_writer_abort(). */
tme_status tme_writer_close(tme_writer *w, tme_error *err);

/* Closes w if not done yet and commits the sink (rename into place); frees
 * w in every case. */
tme_status tme_writer_finish(tme_writer *w, tme_error *err);

/* Discards the output (the previous file at the path stays); frees w. */
void tme_writer_abort(tme_writer *w);

#endif
