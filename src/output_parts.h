/* SPDX-License-Identifier: MIT */
/* One output, written as one file or, with --split-size / --split-units, as
 * numbered parts (corpus.tmx → corpus-0001.tmx, corpus-0002.tmx, ...; gzip
 * per part): each part a complete, valid file of the format, no larger than
 * the size (the compressed size for .gz), never splitting a unit; a document
 * that goes on in the next part is ended in one and begun again in the next.
 * Parts are closed as they fill and all committed together: atomic as a
 * set, a failed run leaves none behind, and parts of an older, longer run
 * beyond the new last one are removed on commit. */
#ifndef TME_OUTPUT_PARTS_H
#define TME_OUTPUT_PARTS_H

#include <stddef.h>

#include "writer.h"

typedef struct {
    const tme_output_format *format;
    int gzip_level;
    const tme_writer_context *context;
    size_t split_size, split_units; /* 0: not split */
    char *base;                     /* the path, or what parts are named after */
    tme_writer *current;
    size_t current_units;
    tme_writer **closed; /* parts closed, waiting for the commit */
    size_t n_closed, cap_closed;
    char **paths; /* every part's path, in order */
    size_t n_paths, cap_paths;
    char **files; /* every file of every part (moses writes two a part) */
    size_t n_files, cap_files;
    char *document; /* the document being written, to begin again in a new part */
    size_t document_index;
    int in_document;
} tme_parts;

/* Opens the output at path (its first part, when split). */
tme_status tme_parts_open(tme_parts *parts, const tme_output_format *format, const char *path,
                          int gzip_level, const tme_writer_context *context, size_t split_size,
                          size_t split_units, tme_error *err);

int tme_parts_is_open(const tme_parts *parts);

tme_status tme_parts_begin_document(tme_parts *parts, const char *document, size_t index,
                                    tme_error *err);
/* Writes a unit, first starting a new part when it would not fit. */
tme_status tme_parts_write(tme_parts *parts, const tme_unit *unit, tme_error *err);
tme_status tme_parts_dropped(tme_parts *parts, const tme_dropped *d, tme_error *err);
tme_status tme_parts_end_document(tme_parts *parts, tme_error *err);

/* Ends the last part (format and sink), renaming nothing. */
tme_status tme_parts_close(tme_parts *parts, tme_error *err);

/* Closes if not done, then renames every part into place; frees them. */
tme_status tme_parts_commit(tme_parts *parts, tme_error *err);

/* Discards every part (the previous files stay); frees them. */
void tme_parts_abort(tme_parts *parts);

/* Frees what is left (paths); parts must be committed or aborted. */
void tme_parts_free(tme_parts *parts);

#endif
