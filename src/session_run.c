/* SPDX-License-Identifier: MIT */
/* Reading a session's documents (on worker threads) and handing their units
 * on in input order: counters, warnings, dedup, the unit callback, the
 * outputs. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "extraction.h"
#include "sentence_files.h"
#include "stream.h"

/* The reader for in: the one named, or the one that probes highest. */
static tme_status choose_reader(const tme_session *s, tme_stream *in, const char *name,
                                const tme_input_format **reader, tme_error *err)
{
    *reader = s->settings.input_format;
    if (*reader != NULL)
        return TME_OK;
    const unsigned char *head;
    size_t len;
    if (tme_stream_peek(in, TME_PROBE_BYTES, &head, &len, err) != TME_OK)
        return err->status;
    if (!s->settings.units_only) {
        *reader = tme_input_format_probe(head, len, name);
        return TME_OK;
    }
    *reader = tme_input_format_probe_units(head, len, name);
    if (*reader == NULL)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s: not a file of units (TMX, XLIFF 1.2 or 2.0, TSV): its first "
                             "bytes are none of them",
                             strcmp(name, "-") == 0 ? "standard input" : name);
    return TME_OK;
}

/* One side of a --parallel pair: its paragraphs, read as an article. */
static tme_status read_side(const tme_session *s, tme_document *doc, const char *path,
                            tme_paragraphs *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    tme_stream *in;
    if (tme_stream_open_file(path, &in, err) != TME_OK)
        return err->status;
    const tme_input_format *reader;
    tme_status status = choose_reader(s, in, path, &reader, err);
    if (status == TME_OK && reader->read_paragraphs == NULL)
        status = tme_error_set(err, TME_ERR_USAGE,
                               "%s: --parallel reads articles (text or HTML), not %s input", path,
                               reader->name);
    doc->reading = path;
    if (status == TME_OK)
        status = reader->read_paragraphs(doc, in, out, err);
    doc->reading = NULL;
    tme_stream_close(in);
    return status;
}

tme_status tme_session_read_parallel(const tme_session *s, const tme_input *input, size_t index,
                                     tme_document *doc, tme_error *err)
{
    if (tme_document_init(doc, &s->settings.document, input->path, index, err) != TME_OK)
        return err->status;
    if (s->settings.sentences) {
        if (tme_read_sentence_files(doc, input->path, input->translation, err) != TME_OK) {
            tme_document_free(doc);
            return err->status;
        }
        return TME_OK;
    }
    tme_paragraphs english, chinese;
    tme_status status = read_side(s, doc, input->path, &english, err);
    if (status == TME_OK) {
        status = read_side(s, doc, input->translation, &chinese, err);
        if (status == TME_OK) {
            tme_document_note(doc, "paired with %s", input->translation);
            status = tme_extract_parallel_pairs(doc, &english, &chinese, err);
        }
        tme_paragraphs_free(&chinese);
    }
    tme_paragraphs_free(&english);
    if (status != TME_OK)
        tme_document_free(doc);
    return status;
}

/* Reads a document with the reader into doc. */
static tme_status read_with(const tme_session *s, const tme_input_format *reader, tme_stream *in,
                            const char *name, size_t index, tme_document *doc, tme_error *err)
{
    if (tme_document_init(doc, &s->settings.document, name, index, err) != TME_OK)
        return err->status;
    if (reader->read(doc, in, err) != TME_OK) {
        tme_document_free(doc);
        return err->status;
    }
    return TME_OK;
}

tme_status tme_session_read_document(tme_session *s, tme_stream *in, const char *name, size_t index,
                                     tme_error *err)
{
    const tme_input_format *reader;
    if (choose_reader(s, in, name, &reader, err) != TME_OK)
        return err->status;
    if (reader->streams)
        return tme_session_stream_document(s, in, NULL, name, reader, index, err);
    tme_document doc;
    if (read_with(s, reader, in, name, index, &doc, err) != TME_OK)
        return err->status;
    tme_status status = tme_session_take_document(s, &doc, NULL, err);
    tme_document_free(&doc);
    return status;
}

/* A duplicate, for the writers that show what was not exported. */
static tme_status record_duplicate(tme_document *doc, const tme_unit *u, tme_error *err)
{
    int zh_source = doc->settings->source_is_chinese;
    const char *en = zh_source ? u->target : u->source, *zh = zh_source ? u->source : u->target;
    return tme_document_drop(doc, en, strlen(en), zh, strlen(zh), u->score, TME_DROP_DUPLICATE,
                             NULL, err);
}

/* Drops, in place, the units whose pair (or source) was written before. */
static tme_status drop_duplicates(tme_session *s, tme_document *doc, tme_error *err)
{
    tme_units *units = &doc->units;
    size_t kept = 0;
    for (size_t u = 0; u < units->count; u++) {
        tme_unit *p = &units->items[u];
        int seen = tme_dedup_seen(&s->dedup, p->source, p->target);
        if (seen < 0) {
            /* Keep the units consistent for tme_units_free(). */
            memmove(&units->items[kept], p, (units->count - u) * sizeof *p);
            units->count = kept + (units->count - u);
            return tme_error_nomem(err);
        }
        if (seen) {
            s->counters.n[TME_COUNT_DUPLICATES]++;
            tme_status status = record_duplicate(doc, p, err);
            free((char *)p->source);
            free((char *)p->target);
            free((char *)p->id);
            free((char *)p->created);
            if (status != TME_OK) {
                memmove(&units->items[kept], p + 1, (units->count - u - 1) * sizeof *p);
                units->count = kept + (units->count - u - 1);
                return status;
            }
        } else {
            units->items[kept++] = *p;
        }
    }
    units->count = kept;
    return TME_OK;
}

static tme_status give_to_callback(tme_session *s, const tme_units *units, tme_error *err)
{
    for (size_t u = 0; s->on_unit != NULL && u < units->count; u++)
        if (s->on_unit(s->on_unit_context, &units->items[u]) != 0)
            return tme_error_set(err, TME_ERR_USAGE, "stopped by the unit callback");
    return TME_OK;
}

/* Opens what the document goes to (under --per-input, outputs of its own)
 * and begins it there. */
static tme_status begin_output(tme_session *s, const tme_document *doc, const tme_input *input,
                               tme_error *err)
{
    int per_input = s->settings.per_input_dir != NULL;
    if (!per_input && !s->outputs_open && tme_outputs_open(s, NULL, NULL, err) != TME_OK)
        return err->status;
    if (per_input && tme_outputs_open(s, input, doc->name, err) != TME_OK) {
        tme_outputs_abort(s);
        return err->status;
    }
    return tme_outputs_begin_document(s, doc->units.document, doc->index, err);
}

static int any_filter(const tme_filters *f)
{
    for (int k = 0; k < TME_FILTER_COUNT; k++)
        if (f->on[k])
            return 1;
    return 0;
}

/* Drops, in place, the units a training filter rejects. */
static tme_status apply_filters(tme_session *s, tme_document *doc, tme_error *err)
{
    tme_units *units = &doc->units;
    int zh_source = doc->settings->source_is_chinese;
    size_t kept = 0;
    tme_status status = TME_OK;
    for (size_t u = 0; u < units->count; u++) {
        tme_unit *p = &units->items[u];
        const char *en = zh_source ? p->target : p->source, *zh = zh_source ? p->source : p->target;
        tme_filter_kind failed =
            status == TME_OK ? tme_filters_check(&s->settings.filters, en, zh) : TME_FILTER_COUNT;
        if (failed == TME_FILTER_COUNT) {
            units->items[kept++] = *p;
            continue;
        }
        s->counters.n[TME_COUNT_FILTERED + failed]++;
        status = tme_document_drop(doc, en, strlen(en), zh, strlen(zh), p->score, TME_DROP_FILTERED,
                                   tme_filter_name(failed), err);
        free((char *)p->source);
        free((char *)p->target);
        free((char *)p->id);
        free((char *)p->created);
    }
    units->count = kept;
    return status;
}

/* The document's units so far: filters, dedup, the unit callback, the
 * outputs; then they are freed. */
static tme_status hand_on_units(tme_session *s, tme_document *doc, tme_error *err)
{
    if (any_filter(&s->settings.filters) && apply_filters(s, doc, err) != TME_OK)
        return err->status;
    if (s->settings.dedup && drop_duplicates(s, doc, err) != TME_OK)
        return err->status;
    if (give_to_callback(s, &doc->units, err) != TME_OK ||
        tme_outputs_write(s, &doc->units, err) != TME_OK ||
        tme_outputs_dropped(s, &doc->dropped, err) != TME_OK)
        return err->status;
    s->counters.n[TME_COUNT_UNITS_WRITTEN] += doc->units.count;
    tme_units_clear(&doc->units);
    tme_dropped_clear(&doc->dropped);
    return TME_OK;
}

/* Ends the document in the outputs (under --per-input, commits its own). */
static tme_status end_output(tme_session *s, tme_error *err)
{
    if (tme_outputs_end_document(s, err) != TME_OK)
        return err->status;
    return s->settings.per_input_dir != NULL ? tme_outputs_finish(s, err) : TME_OK;
}

/* What is said of a finished document: its note, a warning when it gave
 * nothing, progress. */
static void report_document(tme_session *s, const tme_document *doc, const tme_input *input)
{
    if (doc->note[0] != '\0')
        tme_session_event(s, TME_EVENT_NOTE, doc->name, doc->note);
    if (doc->units.base + doc->units.count == 0 && doc->counters.n[TME_COUNT_UNITS] == 0)
        tme_session_event(s, TME_EVENT_WARNING, doc->name, "no translated paragraph pairs found");
    if (input != NULL)
        s->input_bytes_done += input->size + input->translation_size;
}

tme_status tme_session_take_document(tme_session *s, tme_document *doc, const tme_input *input,
                                     tme_error *err)
{
    tme_counters_add(&s->counters, &doc->counters);
    report_document(s, doc, input);
    if (begin_output(s, doc, input, err) != TME_OK || hand_on_units(s, doc, err) != TME_OK ||
        end_output(s, err) != TME_OK)
        return err->status;
    tme_session_event(s, TME_EVENT_DOCUMENT, doc->name, NULL);
    return TME_OK;
}

/* ---- streaming documents ------------------------------------------------------ */

/* A reader whose format streams (a 2 GB TMX) is read on the writing thread,
 * in its turn, its units handed on as they come: memory stays a few
 * hundred units', whatever the file's size.
 *
 * Such a file may hold units of many documents (the TMX of a whole run, a
 * TSV with a document column): each is a part of the input (doc->part),
 * and the outputs see each part as a document of its own, begun when its
 * first units (or its end, for an empty one) come and ended when the next
 * part's do. The outputs (under --per-input, the input's own) open with
 * the first part. */
typedef struct {
    tme_session *session;
    const tme_input *input;
    int opened;  /* the outputs are open for the input and a part was begun */
    size_t part; /* the part begun in the outputs */
} streaming;

static tme_status flush_streaming(void *context, tme_document *doc, tme_error *err)
{
    streaming *st = context;
    tme_session *s = st->session;
    if (st->opened && st->part != doc->part) {
        if (tme_outputs_end_document(s, err) != TME_OK ||
            tme_outputs_begin_document(s, doc->units.document, doc->index, err) != TME_OK)
            return err->status;
        st->part = doc->part;
    }
    if (!st->opened) {
        if (begin_output(s, doc, st->input, err) != TME_OK)
            return err->status;
        st->opened = 1;
        st->part = doc->part;
    }
    return hand_on_units(s, doc, err);
}

tme_status tme_session_stream_document(tme_session *s, tme_stream *in, const tme_input *input,
                                       const char *name, const tme_input_format *reader,
                                       size_t index, tme_error *err)
{
    tme_document doc;
    if (tme_document_init(&doc, &s->settings.document, name, index, err) != TME_OK)
        return err->status;
    streaming st = {s, input, 0, 0};
    doc.flush = flush_streaming;
    doc.flush_context = &st;
    tme_status status = reader->read(&doc, in, err);
    if (status == TME_OK)
        status = flush_streaming(&st, &doc, err);
    if (status == TME_OK)
        status = end_output(s, err);
    if (status == TME_OK) {
        tme_counters_add(&s->counters, &doc.counters);
        report_document(s, &doc, input);
        tme_session_event(s, TME_EVENT_DOCUMENT, doc.name, NULL);
    }
    tme_document_free(&doc);
    return status;
}

/* ---- the queue on worker threads --------------------------------------------- */

typedef struct {
    tme_document doc;
    tme_status status; /* the document's own failure, if any, in error */
    tme_error error;
    /* A format that streams: the writing thread reads it in its turn, from
     * the file opened again, or from `kept` when it cannot be (stdin, a
     * FIFO: what the probe read of it is in the stream's lookahead). */
    const tme_input_format *deferred;
    tme_stream *kept;
} read_result;

typedef struct {
    tme_session *session;
    size_t first_index; /* document index of queue item 0 */
} run_context;

static void produce(void *context, size_t i, void *result)
{
    run_context *rc = context;
    read_result *r = result;
    const tme_input *input = &rc->session->queue.items[i];
    tme_error_clear(&r->error);
    if (input->translation != NULL) {
        r->status =
            tme_session_read_parallel(rc->session, input, rc->first_index + i, &r->doc, &r->error);
        return;
    }
    tme_stream *in;
    r->status = tme_stream_open_file(input->path, &in, &r->error);
    if (r->status != TME_OK)
        return;
    const tme_input_format *reader;
    r->status = choose_reader(rc->session, in, input->path, &reader, &r->error);
    if (r->status == TME_OK && reader->streams) {
        r->deferred = reader;
        /* stdin, even a file on it, has been read past what was peeked. */
        int reopenable = strcmp(input->path, "-") != 0 && (input->device != 0 || input->inode != 0);
        if (!reopenable) {
            r->kept = in;
            return;
        }
    } else if (r->status == TME_OK) {
        r->status = read_with(rc->session, reader, in, input->path, rc->first_index + i, &r->doc,
                              &r->error);
    }
    tme_stream_close(in);
}

/* A streaming document, read now on the writing thread. */
static tme_status read_deferred(tme_session *s, const tme_input *input, size_t index,
                                read_result *r, tme_error *err)
{
    tme_stream *in = r->kept;
    r->kept = NULL;
    if (in == NULL && tme_stream_open_file(input->path, &in, err) != TME_OK)
        return err->status;
    tme_status status =
        tme_session_stream_document(s, in, input, input->path, r->deferred, index, err);
    tme_stream_close(in);
    return status;
}

static tme_status consume(void *context, size_t i, void *result, tme_error *err)
{
    run_context *rc = context;
    tme_session *s = rc->session;
    read_result *r = result;
    const tme_input *input = &s->queue.items[i];
    if (r->status == TME_OK && r->deferred != NULL) {
        tme_error_clear(&r->error);
        r->status = read_deferred(s, input, rc->first_index + i, r, &r->error);
        if (r->status == TME_OK)
            return TME_OK;
        if (err->status != TME_OK) /* the outputs failed, not the input */
            return err->status;
    } else if (r->status == TME_OK) {
        return tme_session_take_document(s, &r->doc, input, err);
    }
    /* An impossible request fails every input alike: no point going on. */
    if (!s->settings.keep_going || r->status == TME_ERR_USAGE || r->status == TME_ERR_NOMEM)
        return tme_error_set(err, r->status, "%s", r->error.message);
    s->counters.n[TME_COUNT_DOCUMENTS_SKIPPED]++;
    s->input_bytes_done += input->size;
    tme_session_event(s, TME_EVENT_SKIPPED, input->path, r->error.message);
    return TME_OK;
}

static void release(void *context, void *result)
{
    (void)context;
    read_result *r = result;
    if (r->status == TME_OK && r->deferred == NULL)
        tme_document_free(&r->doc);
    tme_stream_close(r->kept);
}

/* One named input (or pair) into files, in the queue and among the inputs
 * no output may be. */
static tme_status expand_one(tme_session *s, const tme_named_input *n, tme_error *err)
{
    const char *include = s->settings.include;
    if (!n->parallel)
        return tme_inputs_add(&s->queue, n->input, include, err) != TME_OK ||
                       tme_inputs_add(&s->seen, n->input, include, err) != TME_OK
                   ? err->status
                   : TME_OK;
    size_t before = s->queue.count, unmatched = 0;
    char example[512] = "";
    if (tme_inputs_add_parallel(&s->queue, n->input, n->translation, include, &unmatched, example,
                                sizeof example, err) != TME_OK)
        return err->status;
    for (size_t k = before; k < s->queue.count; k++)
        if (tme_inputs_push_copy(&s->seen, &s->queue.items[k], err) != TME_OK ||
            tme_inputs_add(&s->seen, s->queue.items[k].translation, NULL, err) != TME_OK)
            return err->status;
    if (unmatched > 0) {
        char message[700];
        snprintf(message, sizeof message,
                 unmatched == 1 ? "%zu file has no counterpart in the other directory and is "
                                  "left out (%s)"
                                : "%zu files have no counterpart in the other directory and are "
                                  "left out (%s, ...)",
                 unmatched, example);
        tme_session_event(s, TME_EVENT_WARNING, n->input, message);
    }
    return TME_OK;
}

/* --shard K/N: of the input files, those at positions K mod N. Every
 * machine of a cluster expands the same names the same way (directories
 * sorted), so the shards cover the inputs once without a word between the
 * machines. */
static void keep_shard(tme_session *s)
{
    size_t kept = 0;
    for (size_t k = 0; k < s->queue.count; k++) {
        tme_input *in = &s->queue.items[k];
        if ((s->position++) % s->settings.shards == s->settings.shard) {
            s->queue.items[kept++] = *in;
            continue;
        }
        s->queue.total_bytes -= in->size + in->translation_size;
        free(in->path);
        free(in->relative);
        free(in->translation);
    }
    s->queue.count = kept;
}

/* The named inputs into files (directories listed, @lists read); a run
 * whose inputs name no file at all is an error before anything is opened. */
static tme_status expand_named(tme_session *s, tme_error *err)
{
    char empty[1024] = "";
    size_t named = s->n_named;
    for (size_t k = 0; k < s->n_named; k++) {
        size_t before = s->queue.count;
        if (expand_one(s, &s->named[k], err) != TME_OK)
            return err->status;
        size_t used = strlen(empty);
        if (s->queue.count == before && used + 8 < sizeof empty)
            snprintf(empty + used, sizeof empty - used, "%s'%s'", used ? ", " : "",
                     s->named[k].input);
    }
    tme_session_forget_named(s);
    size_t found = s->queue.count;
    keep_shard(s);
    if (found == 0 && named > 0)
        return tme_error_set(
            err, TME_ERR_INPUT, "no input files: %s %s no file%s%s%s; nothing written", empty,
            strchr(empty, ',') ? "hold" : "holds",
            s->settings.include ? " matching --include '" : "",
            s->settings.include ? s->settings.include : "", s->settings.include ? "'" : "");
    return TME_OK;
}

tme_status tme_session_run_queue(tme_session *s, tme_error *err)
{
    if (expand_named(s, err) != TME_OK)
        return err->status;
    size_t n = s->queue.count;
    if (n == 0)
        return TME_OK;
    /* Outputs open before the first input is read: an unwritable path
     * fails now, not after hours of reading. */
    if (s->settings.per_input_dir == NULL && !s->outputs_open &&
        tme_outputs_open(s, NULL, NULL, err) != TME_OK)
        return err->status;
    size_t *sizes = malloc(n * sizeof *sizes);
    if (sizes == NULL)
        return tme_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        sizes[i] = s->queue.items[i].size + s->queue.items[i].translation_size;
    s->inputs_total += n;
    s->input_bytes_total += s->queue.total_bytes;
    run_context rc = {s, s->next_document};
    s->next_document += n;
    tme_batch batch = {
        .count = n,
        .sizes = sizes,
        .result_size = sizeof(read_result),
        .threads = s->settings.jobs,
        .context = &rc,
        .produce = produce,
        .consume = consume,
        .release = release,
    };
    tme_status status = tme_batch_run(&batch, err);
    free(sizes);
    tme_inputs_free(&s->queue);
    return status;
}
