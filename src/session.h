/* SPDX-License-Identifier: MIT */
/* The export session (the engine behind include/tmexport.h): options, the
 * outputs and their two-phase commit, the queue of inputs, reading them on
 * worker threads and writing their units in order, dedup, counters.
 * session.c holds the life cycle and the public calls, session_outputs.c
 * the outputs, session_run.c reading documents and handing their units on. */
#ifndef TME_SESSION_H
#define TME_SESSION_H

#include <stddef.h>

#include "counters.h"
#include "dedup.h"
#include "discover.h"
#include "document.h"
#include "format.h"
#include "options.h"
#include "output_parts.h"
#include "settings.h"
#include "tmexport.h"
#include "writer.h"

typedef struct {
    char *path; /* as given; "-" is stdout */
    const tme_output_format *format;
    int gzip;
    char extension[16]; /* as given (or the format's name): --per-input names use it */
    tme_parts parts;    /* the open file, or its numbered parts */
    size_t written;
    int review; /* --review-output: takes the units below --review-below, and only those */
} tme_output;

/* What add_input() or add_parallel() named, expanded at run time. */
typedef struct {
    char *input;
    char *translation; /* add_parallel(): the Chinese side (NULL for an @LIST of pairs) */
    int parallel;
} tme_named_input;

typedef enum {
    SESSION_CONFIGURING, /* options may still change */
    SESSION_RUNNING,     /* settings fixed, documents may come */
    SESSION_FAILED,      /* an error stopped it: outputs aborted */
    SESSION_FINISHED,    /* committed or aborted */
} tme_session_state;

struct tme_session {
    tme_option_values options;
    tme_settings settings;
    tme_writer_context writer_context;
    tme_session_state state;
    tme_error error; /* the first failure */

    tme_output *outputs;
    size_t n_outputs, cap_outputs;
    int outputs_open; /* the shared outputs (not --per-input ones) */

    tme_named_input *named; /* add_input() arguments, waiting for tme_session_run() */
    size_t n_named, cap_named;
    tme_inputs queue;     /* the files they name, as the run expands them */
    tme_inputs seen;      /* every input ever expanded: no output may be one of them */
    size_t position;      /* of the next input file, for --shard */
    size_t next_document; /* index of the next document */
    tme_document pending; /* add_pair() units of the current document */
    int pending_open;

    tme_dedup dedup;
    tme_dedup written;       /* every file the outputs replace, by name or inode */
    struct tme_sink **files; /* tme_session_write_file()'s, committed with the outputs */
    size_t n_files, cap_files;
    tme_counters counters;
    size_t inputs_total, input_bytes_total, input_bytes_done;

    tme_unit_callback on_unit;
    void *on_unit_context;
    tme_event_callback on_event;
    void *on_event_context;
};

/* Fixes the settings at the first document (or run or commit); afterwards
 * options cannot change. */
tme_status tme_session_start(tme_session *s);

/* Records the first failure, aborts every output and marks the session
 * failed; returns the status. */
tme_status tme_session_fail(tme_session *s, const tme_error *err);

/* Frees the add_input() arguments. */
void tme_session_forget_named(tme_session *s);

void tme_session_event(tme_session *s, tme_event event, const char *document, const char *message);

/* ---- outputs (session_outputs.c) ---- */

/* Parses "[FORMAT:]PATH" into a new output (review: the --review-output). */
tme_status tme_outputs_add(tme_session *s, const char *spec, int review, tme_error *err);

/* The writers' check_path: no file an output writes may be an input, nor
 * one that another output of the run writes. */
tme_status tme_outputs_check_path(void *session, const char *path, tme_error *err);

/* Opens every output at its own path, or (input given) at the path
 * --per-input makes for the input. No output may be an input. */
tme_status tme_outputs_open(tme_session *s, const tme_input *per_input, const char *name,
                            tme_error *err);

/* A document's units to every open output: begin, its units (in one or
 * more parts, as a streaming reader hands them on), end. */
tme_status tme_outputs_begin_document(tme_session *s, const char *document, size_t index,
                                      tme_error *err);
tme_status tme_outputs_write(tme_session *s, const tme_units *units, tme_error *err);
tme_status tme_outputs_dropped(tme_session *s, const tme_dropped_list *dropped, tme_error *err);
tme_status tme_outputs_end_document(tme_session *s, tme_error *err);

/* 1 when an output shows what was not exported (the review page). */
int tme_outputs_want_dropped(const tme_session *s);

/* Closes every output, then commits them all: a late failure replaces no
 * file. */
tme_status tme_outputs_finish(tme_session *s, tme_error *err);

void tme_outputs_abort(tme_session *s);
void tme_outputs_free(tme_session *s);

/* ---- documents (session_run.c) ---- */

/* Expands the named inputs into files, then reads and writes each. */
tme_status tme_session_run_queue(tme_session *s, tme_error *err);

/* Takes a finished document (in order): its counters, the warning when it
 * gave nothing, dedup, the unit callback, the outputs. */
tme_status tme_session_take_document(tme_session *s, tme_document *doc, const tme_input *input,
                                     tme_error *err);

/* Reads a --parallel pair (input->translation is the Chinese side). */
tme_status tme_session_read_parallel(const tme_session *s, const tme_input *input, size_t index,
                                     tme_document *doc, tme_error *err);

/* Reads a document from in (its reader probed or given) and hands its
 * units on: what add_document() does, on the calling thread. */
tme_status tme_session_read_document(tme_session *s, tme_stream *in, const char *name, size_t index,
                                     tme_error *err);

/* Reads a document with a reader that streams, handing its units on as
 * they come (input NULL for one from memory). */
tme_status tme_session_stream_document(tme_session *s, tme_stream *in, const tme_input *input,
                                       const char *name, const tme_input_format *reader,
                                       size_t index, tme_error *err);

#endif
