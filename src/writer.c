/* SPDX-License-Identifier: MIT */
#include "writer.h"

#include "array.h"

#include <stdlib.h>
#include <string.h>

const char *tme_writer_option(const tme_writer *w, const char *name)
{
    return tme_option_values_get(w->context->options, name);
}

const char *tme_writer_path(const tme_writer *w)
{
    return w->path;
}

size_t tme_writer_file_count(const tme_writer *w)
{
    return w->n_sinks;
}

const char *tme_writer_file_name(const tme_writer *w, size_t i)
{
    return i < w->n_sinks ? tme_sink_name(w->sinks[i]) : NULL;
}

int tme_writer_compressed(const tme_writer *w)
{
    return w->gzip_level != TME_SINK_PLAIN;
}

tme_sink *tme_writer_open_sink(tme_writer *w, const char *path, tme_error *err)
{
    const tme_writer_context *c = w->context;
    if (c->check_path != NULL && c->check_path(c->check_context, path, err) != TME_OK)
        return NULL;
    if (TME_ARRAY_RESERVE(w->sinks, w->cap_sinks, w->n_sinks + 1) != TME_OK) {
        tme_error_nomem(err);
        return NULL;
    }
    /* --gzip-threads 1: one gzip stream; more: members on that many threads. */
    const char *threads = tme_writer_option(w, "gzip-threads");
    int n_threads = threads != NULL ? atoi(threads) : 1;
    size_t member_threads = n_threads > 1 ? (size_t)n_threads : 0;
    tme_sink *sink = tme_sink_open_members(path, w->gzip_level, member_threads, err);
    if (sink == NULL)
        return NULL;
    w->sinks[w->n_sinks++] = sink;
    if (w->sink == NULL)
        w->sink = sink;
    return sink;
}

/* Frees what the format holds, once; it may still flush into the sinks
 * (an xmlTextWriter does), so it runs before they close or go. */
static void clean_up_format(tme_writer *w)
{
    w->flush = NULL; /* the format's buffer goes with its cleanup */
    if (w->format->cleanup != NULL && !w->cleaned_up)
        w->format->cleanup(w);
    w->cleaned_up = 1;
}

/* Frees the writer; its sinks are committed or aborted already. */
static void free_writer(tme_writer *w)
{
    free(w->sinks);
    free(w->path);
    free(w->priv);
    free(w);
}

tme_writer *tme_writer_open(const tme_output_format *format, const char *path, int gzip_level,
                            const tme_writer_context *context, tme_error *err)
{
    if (format->variant != NULL)
        format = format->variant(context->options);
    tme_writer *w = calloc(1, sizeof *w);
    if (w == NULL) {
        tme_error_nomem(err);
        return NULL;
    }
    w->format = format;
    w->context = context;
    w->gzip_level = gzip_level;
    if ((w->path = strdup(path)) == NULL ||
        (format->priv_size > 0 && (w->priv = calloc(1, format->priv_size)) == NULL)) {
        free_writer(w);
        tme_error_nomem(err);
        return NULL;
    }
    if (!format->opens_sinks && tme_writer_open_sink(w, path, err) == NULL) {
        free_writer(w); /* begin() never ran: nothing for cleanup() */
        return NULL;
    }
    /* After a failed begin(), cleanup() frees whatever it got to. */
    if (format->begin(w, err) != TME_OK) {
        tme_writer_abort(w);
        return NULL;
    }
    return w;
}

tme_status tme_writer_begin_document(tme_writer *w, const char *document, size_t document_index,
                                     tme_error *err)
{
    if (w->format->begin_document == NULL)
        return TME_OK;
    return w->format->begin_document(w, document, document_index, err);
}

tme_status tme_writer_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    return w->format->write(w, unit, err);
}

tme_status tme_writer_dropped(tme_writer *w, const tme_dropped *d, tme_error *err)
{
    if (w->format->dropped == NULL)
        return TME_OK;
    return w->format->dropped(w, d, err);
}

tme_status tme_writer_end_document(tme_writer *w, tme_error *err)
{
    if (w->format->end_document == NULL)
        return TME_OK;
    return w->format->end_document(w, err);
}

/* The largest file's: --split-size bounds every file of a part. */
size_t tme_writer_size_bound(tme_writer *w, size_t more, size_t limit)
{
    if (w->flush != NULL)
        w->flush(w->flush_context);
    size_t largest = 0;
    for (size_t k = 0; k < w->n_sinks; k++) {
        size_t bound = tme_sink_size_bound(w->sinks[k], more, limit);
        largest = bound > largest ? bound : largest;
    }
    return largest;
}

tme_status tme_writer_close(tme_writer *w, tme_error *err)
{
    if (w->closed)
        return TME_OK;
    w->closed = 1;
    tme_status status = w->format->end(w, err);
    clean_up_format(w);
    for (size_t k = 0; k < w->n_sinks && status == TME_OK; k++)
        status = tme_sink_close(w->sinks[k], err);
    return status;
}

/* Discards the sinks from the k-th on (those before are committed). */
static void abort_sinks(tme_writer *w, size_t k)
{
    for (; k < w->n_sinks; k++)
        tme_sink_abort(w->sinks[k]);
    w->n_sinks = 0;
    w->sink = NULL;
}

/* Renames every sink into place, in order; they are all closed already. */
static tme_status commit_sinks(tme_writer *w, tme_error *err)
{
    for (size_t k = 0; k < w->n_sinks; k++)
        if (tme_sink_commit(w->sinks[k], err) != TME_OK) {
            abort_sinks(w, k + 1);
            return err->status;
        }
    w->n_sinks = 0;
    w->sink = NULL;
    return TME_OK;
}

tme_status tme_writer_finish(tme_writer *w, tme_error *err)
{
    tme_status status = tme_writer_close(w, err);
    if (status == TME_OK)
        status = commit_sinks(w, err);
    else
        abort_sinks(w, 0);
    free_writer(w);
    return status;
}

void tme_writer_abort(tme_writer *w)
{
    if (w == NULL)
        return;
    clean_up_format(w);
    abort_sinks(w, 0);
    free_writer(w);
}
