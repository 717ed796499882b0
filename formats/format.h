/* SPDX-License-Identifier: MIT */
/* Input and output formats, in the manner of FFmpeg's demuxers and muxers:
 * each format is one file in formats/ that exports one const descriptor, and
 * registry.c lists them. A format owns its options (a table, as FFmpeg's
 * priv_class), so adding one is one file and one registry line.
 *
 * A writer only ever sees a tme_sink: it never knows whether its bytes are
 * gzip-compressed or where they go. A reader only sees a tme_stream (the
 * input's bytes, decompressed) and a tme_document, into which it puts what
 * it found: paragraph pairs (which the engine segments, aligns, normalizes
 * and cleans) or finished units. */
#ifndef TME_FORMAT_H
#define TME_FORMAT_H

#include <stddef.h>
#include <time.h>

#include "document.h"
#include "error.h"
#include "options.h"
#include "paragraph.h"
#include "sink.h"
#include "stream.h"
#include "unit.h"

/* ---- writers ------------------------------------------------------------- */

/* What every writer of a session shares. */
typedef struct {
    const char *source_lang; /* BCP 47, written exactly as given */
    const char *target_lang;
    const char *segtype;      /* "sentence" or "paragraph" */
    const char *tool_version; /* TME_VERSION_STRING */
    time_t creation_time;     /* the creation-time option (SOURCE_DATE_EPOCH by default) */
    const tme_option_values *options;
    /* Optional: vets every path a writer is about to open, the format's own
     * files included (the session refuses one that is also an input); NULL:
     * any path will do. */
    tme_status (*check_path)(void *check_context, const char *path, tme_error *err);
    void *check_context;
} tme_writer_context;

typedef struct tme_output_format tme_output_format;

typedef struct {
    const tme_output_format *format;
    /* Where the format writes: the file at the output's path, or (a format
     * that opens its own sinks) the first one it opened. */
    tme_sink *sink;
    const tme_writer_context *context;
    void *priv; /* format->priv_size zeroed bytes, owned by the writer */
    /* The lifecycle's own bookkeeping (src/writer.c). */
    char *path;       /* the output's path, as given */
    int gzip_level;   /* TME_SINK_PLAIN or 0..9, for every sink of the writer */
    tme_sink **sinks; /* every sink of the writer, w->sink first */
    size_t n_sinks, cap_sinks;
    int closed, cleaned_up;
    /* Set by a format that buffers bytes of its own (libxml2's writer):
     * pushes them into the sinks, so that a sink's size is its file's. */
    int (*flush)(void *context);
    void *flush_context;
} tme_writer;

/* The value of one of the session's options ("tmx-encoding"), as set or by
 * default. */
const char *tme_writer_option(const tme_writer *w, const char *name);

/* The output's path as given ("corpus.gz"), and 1 when its files are
 * gzip-compressed: what a format that opens its own sinks makes their names
 * from. */
const char *tme_writer_path(const tme_writer *w);
int tme_writer_compressed(const tme_writer *w);

/* Opens one more sink of the writer at path (from begin()), compressed as
 * the output is; NULL with err set. The writer owns it: tme_writer_close()
 * closes every sink, tme_writer_finish() commits them only when all closed,
 * tme_writer_abort() discards them all, so that a format's files are
 * replaced together or not at all. The first one becomes w->sink. */
tme_sink *tme_writer_open_sink(tme_writer *w, const char *path, tme_error *err);

struct tme_output_format {
    const char *name;        /* as used in "-o NAME:PATH" */
    const char *description; /* one line for --help */
    const char *extensions;  /* comma-separated, without dots; NULL: by name only */
    /* Optional: 1 when ext (no dot) names this format though extensions does
     * not list it (moses: "en-zh", a pair of language subtags). */
    int (*claims_extension)(const char *ext);
    const tme_option_def *options; /* this format's options, or NULL */
    /* 1 when the output's path is not a file the format writes but names
     * the files it makes (moses: PATH.en and PATH.zh): no sink is opened at
     * the path; begin() opens each with tme_writer_open_sink(). */
    int opens_sinks;
    /* Optional: the format that actually writes, given the options (an
     * .xlf path is XLIFF 1.2 unless --xliff-version 2.0 asks for 2.0). */
    const tme_output_format *(*variant)(const tme_option_values *options);
    size_t priv_size;
    tme_status (*begin)(tme_writer *w, tme_error *err);
    /* Optional: called around the units of each input document. */
    tme_status (*begin_document)(tme_writer *w, const char *document, size_t document_index,
                                 tme_error *err);
    tme_status (*write)(tme_writer *w, const tme_unit *unit, tme_error *err);
    tme_status (*end_document)(tme_writer *w, tme_error *err);
    /* Optional: what of the current document was not exported, and why (the
     * review page shows it); with it, the engine records such things. */
    tme_status (*dropped)(tme_writer *w, const tme_dropped *d, tme_error *err);
    tme_status (*end)(tme_writer *w, tme_error *err);
    /* Optional: frees what priv holds; called once after end() or on abort. */
    void (*cleanup)(tme_writer *w);
};

/* ---- readers --------------------------------------------------------------- */

/* Probe scores: how sure a reader is that the bytes are its format. */
#define TME_PROBE_NO 0
#define TME_PROBE_FALLBACK 1 /* anything can be read this way, as a last resort */
#define TME_PROBE_MAYBE 25   /* the name's extension is the format's */
#define TME_PROBE_LIKELY 50  /* the content looks like it */
#define TME_PROBE_CERTAIN 100

typedef struct {
    const char *name;        /* for --input-format */
    const char *description; /* one line for --help */
    const char *extensions;  /* comma-separated, without dots; NULL: none */
    const tme_option_def *options;
    /* 1 when the reader hands its units on as it reads (a TMX of any size):
     * it is run on the writing thread, in its turn, and memory stays a few
     * hundred units'. */
    int streams;
    /* 1 when the reader yields finished units (a TMX, an XLIFF, a TSV of
     * units read back) rather than paragraphs to pair and align: the
     * readers `--input-format units` probes among. */
    int yields_units;
    /* Optional: how sure the reader is, from the input's first bytes
     * (decompressed; up to TME_PROBE_BYTES) and its name; NULL: chosen by
     * name only. */
    int (*probe)(const unsigned char *data, size_t len, const char *name);
    /* Reads the document from in, putting what it finds into doc. */
    tme_status (*read)(tme_document *doc, tme_stream *in, tme_error *err);
    /* Optional, for articles (text, HTML): the document's paragraphs,
     * decoded and classified, unpaired; what --parallel pairs with the
     * paragraphs of the translation's document. */
    tme_status (*read_paragraphs)(tme_document *doc, tme_stream *in, tme_paragraphs *out,
                                  tme_error *err);
} tme_input_format;

#define TME_PROBE_BYTES 4096

/* ---- the registry ---------------------------------------------------------- */

/* NULL-terminated, in --help order. */
extern const tme_output_format *const tme_output_formats[];
extern const tme_input_format *const tme_input_formats[];

/* By name (case-insensitive), NULL when none. */
const tme_output_format *tme_output_format_by_name(const char *name);
const tme_input_format *tme_input_format_by_name(const char *name);
/* ext without the dot, compared case-insensitively: a format that lists it,
 * else one that claims it (claims_extension). */
const tme_output_format *tme_output_format_by_extension(const char *ext);

/* The reader for an input whose first bytes are data[0..len): the one that
 * probes highest (the first in registry order on a tie). */
const tme_input_format *tme_input_format_probe(const unsigned char *data, size_t len,
                                               const char *name);

/* The same among the readers that yield units; NULL when none of them
 * probes above TME_PROBE_NO. */
const tme_input_format *tme_input_format_probe_units(const unsigned char *data, size_t len,
                                                     const char *name);

/* 1 when ext (no dot) is one of the comma-separated extensions. */
int tme_extension_listed(const char *extensions, const char *ext);

#endif
