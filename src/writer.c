/* SPDX-License-Identifier: MIT */
#include "writer.h"

#include <stdlib.h>

const char *tme_writer_option(const tme_writer *w, const char *name)
{
    return tme_option_values_get(w->context->options, name);
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
    if (format->priv_size > 0 && (w->priv = calloc(1, format->priv_size)) == NULL) {
        free(w);
        tme_error_nomem(err);
        return NULL;
    }
    w->sink = tme_sink_open(path, gzip_level, err);
    if (w->sink == NULL) {
        free(w->priv);
        free(w);
        return NULL;
    }
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

size_t tme_writer_size_bound(tme_writer *w, size_t more, size_t limit)
{
    if (w->flush != NULL)
        w->flush(w->flush_context);
    return tme_sink_size_bound(w->sink, more, limit);
}

static void release(tme_writer *w)
{
    if (w->format->cleanup != NULL && !w->cleaned_up)
        w->format->cleanup(w);
    free(w->priv);
    free(w);
}

tme_status tme_writer_close(tme_writer *w, tme_error *err)
{
    if (w->closed)
        return TME_OK;
    w->closed = 1;
    tme_status status = w->format->end(w, err);
    w->flush = NULL; /* the format's buffer goes with its cleanup */
    /* The format's resources may still flush into the sink: free them first. */
    if (w->format->cleanup != NULL)
        w->format->cleanup(w);
    w->cleaned_up = 1;
    if (status != TME_OK)
        return status;
    return tme_sink_close(w->sink, err);
}

tme_status tme_writer_finish(tme_writer *w, tme_error *err)
{
    tme_status status = tme_writer_close(w, err);
    tme_sink *sink = w->sink;
    w->sink = NULL;
    release(w);
    if (status != TME_OK) {
        tme_sink_abort(sink);
        return status;
    }
    return tme_sink_commit(sink, err);
}

void tme_writer_abort(tme_writer *w)
{
    if (w == NULL)
        return;
    tme_sink *sink = w->sink;
    w->sink = NULL;
    release(w);
    tme_sink_abort(sink);
}
