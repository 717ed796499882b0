/* SPDX-License-Identifier: MIT */
/* The life of one output: a format's writer over its sinks. Most formats
 * write one file, the sink at the output's path; a format may open more
 * (tme_writer_open_sink(), format.h), and the writer closes, commits or
 * discards them together. */
#ifndef TME_WRITER_H
#define TME_WRITER_H

#include "format.h"

/* Opens the sink at path (gzip_level TME_SINK_PLAIN for plain; none for a
 * format that opens_sinks, whose begin() opens its own) and begins the
 * format (its variant for the context's options: xliff → xliff2). Every
 * path is vetted by the context's check_path first. Returns NULL with err
 * set on failure, leaving nothing behind. */
tme_writer *tme_writer_open(const tme_output_format *format, const char *path, int gzip_level,
                            const tme_writer_context *context, tme_error *err);

tme_status tme_writer_begin_document(tme_writer *w, const char *document, size_t document_index,
                                     tme_error *err);
tme_status tme_writer_write(tme_writer *w, const tme_unit *unit, tme_error *err);
tme_status tme_writer_dropped(tme_writer *w, const tme_dropped *d, tme_error *err);
tme_status tme_writer_end_document(tme_writer *w, tme_error *err);

/* An upper bound of the size of the writer's largest file once `more` more
 * bytes of text are written and the format is ended (exact for plain
 * files; for gzip, exact once near the bound): what --split-size compares. */
size_t tme_writer_size_bound(tme_writer *w, size_t more, size_t limit);

/* The files the writer writes (one per sink, in the order opened): their
 * names as given, or "standard output". */
size_t tme_writer_file_count(const tme_writer *w);
const char *tme_writer_file_name(const tme_writer *w, size_t i);

/* Ends the format and closes every sink without renaming anything (see
 * tme_sink_close); w stays for tme_writer_finish() or tme_writer_abort(). */
tme_status tme_writer_close(tme_writer *w, tme_error *err);

/* Closes w if not done yet and, when every sink closed, commits them (renames
 * into place) in the order they were opened; frees w in every case. */
tme_status tme_writer_finish(tme_writer *w, tme_error *err);

/* Discards the output: every sink (the previous files stay); frees w. */
void tme_writer_abort(tme_writer *w);

#endif
