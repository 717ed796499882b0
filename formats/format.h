/* SPDX-License-Identifier: MIT */
/* Output formats, in the manner of FFmpeg's muxers: each format is one file in
 * formats/ that exports one const tme_format descriptor, and registry.c lists
 * them. A writer only ever sees a tme_sink: it never knows whether its bytes
 * are gzip-compressed or whether they go to a file or to stdout. */
#ifndef TME_FORMAT_H
#define TME_FORMAT_H

#include <stddef.h>
#include <time.h>

#include "../src/error.h"
#include "../src/pair.h"
#include "../src/sink.h"

typedef struct {
    const char *source_lang; /* BCP 47, written exactly as given */
    const char *target_lang;
    const char *segtype;      /* "sentence" or "paragraph" */
    const char *tool_version; /* TME_VERSION */
    time_t creation_time;     /* from SOURCE_DATE_EPOCH when set */
    int tmx_utf16;            /* TMX: UTF-16LE with BOM instead of UTF-8 */
    const char *tsv_fields;   /* TSV: comma-separated columns; NULL: "source,target" */
} tme_writer_options;

typedef struct tme_format tme_format;

typedef struct {
    const tme_format *format;
    tme_sink *sink;
    const tme_writer_options *options;
    void *priv;             /* format->priv_size zeroed bytes, owned by the writer */
    int closed, cleaned_up; /* the lifecycle's own bookkeeping (src/writer.c) */
} tme_writer;

struct tme_format {
    const char *name;        /* as used in "-o NAME:PATH" */
    const char *description; /* one line for --help */
    const char *extensions;  /* comma-separated, without dots; NULL: by name only */
    size_t priv_size;
    tme_status (*begin)(tme_writer *w, tme_error *err);
    /* Optional: called around the pairs of each input document. */
    tme_status (*begin_document)(tme_writer *w, const char *document, size_t document_index,
                                 tme_error *err);
    tme_status (*write)(tme_writer *w, const tme_pair *pair, tme_error *err);
    tme_status (*end_document)(tme_writer *w, tme_error *err);
    tme_status (*end)(tme_writer *w, tme_error *err);
    /* Optional: frees what priv holds; called once after end() or on abort. */
    void (*cleanup)(tme_writer *w);
};

/* 1 when fields is a comma-separated list of TSV columns: source, target,
 * document, score. */
int tme_tsv_fields_valid(const char *fields);

/* The registry, NULL-terminated, in --help order. */
extern const tme_format *const tme_formats[];

const tme_format *tme_format_by_name(const char *name);
/* ext without the dot, compared case-insensitively. */
const tme_format *tme_format_by_extension(const char *ext);

#endif
