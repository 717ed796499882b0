/* SPDX-License-Identifier: MIT */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "presets.h"
#include "stream.h"

tme_session *tme_session_new(void)
{
    tme_session *s = calloc(1, sizeof *s);
    if (s == NULL)
        return NULL;
    tme_error_clear(&s->error);
    if (tme_option_values_init(&s->options, &s->error) != TME_OK) {
        free(s);
        return NULL;
    }
    return s;
}

void tme_session_free(tme_session *s)
{
    if (s == NULL)
        return;
    tme_session_abort(s);
    tme_outputs_free(s);
    tme_session_forget_named(s);
    free(s->named);
    tme_inputs_free(&s->queue);
    tme_inputs_free(&s->seen);
    tme_dedup_free(&s->dedup);
    tme_dedup_free(&s->written);
    tme_option_values_free(&s->options);
    tme_settings_free(&s->settings);
    free(s);
}

const char *tme_session_error(const tme_session *s)
{
    return s->error.message;
}

/* Every call that may fail reports through here: the session keeps the
 * first message. */
static tme_status failed(tme_session *s, tme_status status, const char *message)
{
    tme_error_set(&s->error, status, "%s", message);
    return status;
}

tme_status tme_session_fail(tme_session *s, const tme_error *err)
{
    tme_outputs_abort(s);
    if (s->pending_open) {
        tme_document_free(&s->pending);
        s->pending_open = 0;
    }
    s->state = SESSION_FAILED;
    return failed(s, err->status, err->message);
}

void tme_session_event(tme_session *s, tme_event event, const char *document, const char *message)
{
    if (s->on_event != NULL)
        s->on_event(s->on_event_context, event, document, message);
}

tme_status tme_session_set(tme_session *s, const char *name, const char *value)
{
    tme_error err;
    tme_error_clear(&err);
    if (s->state != SESSION_CONFIGURING)
        return failed(s, TME_ERR_USAGE, "options are set before the first document");
    if (tme_option_values_set(&s->options, name, value, &err) != TME_OK)
        return failed(s, err.status, err.message);
    return TME_OK;
}

const char *tme_session_get(const tme_session *s, const char *name)
{
    return tme_option_values_get(&s->options, name);
}

tme_status tme_session_add_output(tme_session *s, const char *spec)
{
    tme_error err;
    tme_error_clear(&err);
    if (s->state != SESSION_CONFIGURING)
        return failed(s, TME_ERR_USAGE, "outputs are added before the first document");
    if (tme_outputs_add(s, spec, 0, &err) != TME_OK)
        return failed(s, err.status, err.message);
    return TME_OK;
}

/* Without outputs, TSV goes to stdout (or, with --per-input, one TSV per
 * input). --per-input writes files, each named after its input with each
 * output's extension: those must differ. */
static tme_status check_outputs(tme_session *s, tme_error *err)
{
    if (s->n_outputs == 0 &&
        tme_outputs_add(s, s->settings.per_input_dir ? "tsv:per-input.tsv" : "tsv:-", 0, err) !=
            TME_OK)
        return err->status;
    if (s->settings.review_output != NULL &&
        tme_outputs_add(s, s->settings.review_output, 1, err) != TME_OK)
        return err->status;
    if (s->settings.per_input_dir == NULL)
        return TME_OK;
    for (size_t k = 0; k < s->n_outputs; k++) {
        const tme_output *o = &s->outputs[k];
        if (strcmp(o->path, "-") == 0)
            return tme_error_set(err, TME_ERR_USAGE,
                                 "--per-input writes files: stdout cannot be an output");
        for (size_t j = 0; j < k; j++)
            if (strcmp(s->outputs[j].extension, o->extension) == 0 &&
                s->outputs[j].gzip == o->gzip && s->outputs[j].review == o->review)
                return tme_error_set(err, TME_ERR_USAGE,
                                     "with --per-input, two outputs would have the same name "
                                     "(extension .%s)",
                                     o->extension);
    }
    return TME_OK;
}

tme_status tme_session_start(tme_session *s)
{
    if (s->state == SESSION_RUNNING)
        return TME_OK;
    if (s->state == SESSION_FAILED)
        return s->error.status;
    if (s->state == SESSION_FINISHED)
        return failed(s, TME_ERR_USAGE, "the session is already committed or aborted");
    tme_error err;
    tme_error_clear(&err);
    const char *preset = tme_option_values_get(&s->options, "preset");
    if (preset != NULL && tme_preset_apply(tme_preset_by_name(preset), &s->options, &err) != TME_OK)
        return tme_session_fail(s, &err);
    if (tme_settings_resolve(&s->settings, &s->options, &err) != TME_OK)
        return tme_session_fail(s, &err);
    const tme_settings *set = &s->settings;
    s->writer_context = (tme_writer_context){
        .source_lang = set->source_lang,
        .target_lang = set->target_lang,
        .segtype = set->document.paragraph_units ? "paragraph" : "sentence",
        .tool_version = TME_VERSION_STRING,
        .creation_time = set->creation_time,
        .options = &s->options,
        .check_path = tme_outputs_check_path,
        .check_context = s,
    };
    tme_dedup_init(&s->dedup, set->dedup_key);
    tme_dedup_init(&s->written, TME_DEDUP_SOURCE);
    if (check_outputs(s, &err) != TME_OK)
        return tme_session_fail(s, &err);
    s->settings.document.keep_dropped = tme_outputs_want_dropped(s);
    s->state = SESSION_RUNNING;
    return TME_OK;
}

static tme_status name_input(tme_session *s, const char *input, const char *translation,
                             int parallel)
{
    if (s->state == SESSION_FAILED || s->state == SESSION_FINISHED)
        return tme_session_start(s);
    if (TME_ARRAY_RESERVE(s->named, s->cap_named, s->n_named + 1) != TME_OK)
        return failed(s, TME_ERR_NOMEM, "out of memory");
    tme_named_input *n = &s->named[s->n_named];
    n->input = strdup(input);
    n->translation = translation ? strdup(translation) : NULL;
    n->parallel = parallel;
    if (n->input == NULL || (translation != NULL && n->translation == NULL)) {
        free(n->input);
        free(n->translation);
        return failed(s, TME_ERR_NOMEM, "out of memory");
    }
    s->n_named++;
    return TME_OK;
}

tme_status tme_session_add_input(tme_session *s, const char *input)
{
    return name_input(s, input, NULL, 0);
}

tme_status tme_session_add_parallel(tme_session *s, const char *english, const char *chinese)
{
    return name_input(s, english, chinese, 1);
}

void tme_session_forget_named(tme_session *s)
{
    for (size_t k = 0; k < s->n_named; k++) {
        free(s->named[k].input);
        free(s->named[k].translation);
    }
    s->n_named = 0;
}

tme_status tme_session_run(tme_session *s)
{
    tme_status status = tme_session_start(s);
    if (status != TME_OK)
        return status;
    for (size_t k = 0; s->settings.sentences && k < s->n_named; k++)
        if (!s->named[k].parallel)
            return failed(s, TME_ERR_USAGE,
                          "--sentences reads pairs of files (ENGLISH CHINESE, or @LIST of "
                          "ENGLISH<TAB>CHINESE lines), not single inputs");
    tme_error err;
    tme_error_clear(&err);
    if (tme_session_run_queue(s, &err) != TME_OK)
        return tme_session_fail(s, &err);
    return TME_OK;
}

/* The add_pair() document in progress goes out before anything else. */
static tme_status flush_pending(tme_session *s, tme_error *err)
{
    if (!s->pending_open)
        return TME_OK;
    s->pending_open = 0;
    tme_status status = tme_session_take_document(s, &s->pending, NULL, err);
    tme_document_free(&s->pending);
    return status;
}

/* What add_document() and add_pair() do first: start, run the queue, so
 * that units keep the order of the calls. */
static tme_status catch_up(tme_session *s, int keep_pending, tme_error *err)
{
    tme_status status = tme_session_start(s);
    if (status != TME_OK)
        return status;
    if (!keep_pending && flush_pending(s, err) != TME_OK)
        return tme_session_fail(s, err);
    if (tme_session_run_queue(s, err) != TME_OK)
        return tme_session_fail(s, err);
    return TME_OK;
}

tme_status tme_session_add_document(tme_session *s, const char *name, const void *data, size_t len)
{
    tme_error err;
    tme_error_clear(&err);
    if (catch_up(s, 0, &err) != TME_OK)
        return s->error.status;
    tme_stream *in;
    tme_status status = tme_stream_open_memory(data, len, name, &in, &err);
    if (status == TME_OK) {
        status = tme_session_read_document(s, in, name, s->next_document++, &err);
        tme_stream_close(in);
    }
    return status == TME_OK ? TME_OK : tme_session_fail(s, &err);
}

tme_status tme_session_add_pair(tme_session *s, const char *document, const char *source,
                                const char *target, double score)
{
    tme_error err;
    tme_error_clear(&err);
    int same_document = s->pending_open && strcmp(s->pending.name, document) == 0;
    if (catch_up(s, same_document, &err) != TME_OK)
        return s->error.status;
    if (!s->pending_open) {
        /* The document keeps its own copy of the name: the caller's string
         * may go away after the call. */
        if (tme_document_init(&s->pending, &s->settings.document, document, s->next_document++,
                              &err) != TME_OK)
            return tme_session_fail(s, &err);
        s->pending.name = s->pending.units.document;
        s->pending_open = 1;
    }
    if (tme_document_add_unit(&s->pending, source, strlen(source), target, strlen(target), score,
                              &err) != TME_OK)
        return tme_session_fail(s, &err);
    return TME_OK;
}

tme_status tme_session_commit(tme_session *s)
{
    tme_error err;
    tme_error_clear(&err);
    if (catch_up(s, 0, &err) != TME_OK)
        return s->error.status;
    if (s->settings.per_input_dir == NULL && !s->outputs_open &&
        tme_outputs_open(s, NULL, NULL, &err) != TME_OK)
        return tme_session_fail(s, &err);
    tme_status status = tme_outputs_finish(s, &err);
    s->state = SESSION_FINISHED;
    if (status != TME_OK)
        return failed(s, status, err.message);
    /* With keep-going, what failed was left out: the run as a whole did. */
    if (s->counters.n[TME_COUNT_DOCUMENTS_SKIPPED] > 0) {
        char message[128];
        snprintf(message, sizeof message, "%zu of %zu inputs failed and were skipped",
                 s->counters.n[TME_COUNT_DOCUMENTS_SKIPPED], s->inputs_total);
        return failed(s, TME_ERR_INPUT, message);
    }
    return TME_OK;
}

void tme_session_abort(tme_session *s)
{
    if (s->state == SESSION_FINISHED)
        return;
    tme_outputs_abort(s);
    if (s->pending_open) {
        tme_document_free(&s->pending);
        s->pending_open = 0;
    }
    tme_inputs_free(&s->queue);
    tme_session_forget_named(s);
    s->state = SESSION_FINISHED;
}

void tme_session_on_unit(tme_session *s, tme_unit_callback callback, void *context)
{
    s->on_unit = callback;
    s->on_unit_context = context;
}

void tme_session_on_event(tme_session *s, tme_event_callback callback, void *context)
{
    s->on_event = callback;
    s->on_event_context = context;
}

size_t tme_session_count(const tme_session *s, const char *name)
{
    if (strcmp(name, "inputs") == 0)
        return s->inputs_total;
    if (strcmp(name, "inputs.bytes") == 0)
        return s->input_bytes_total;
    if (strcmp(name, "documents.bytes") == 0)
        return s->input_bytes_done;
    tme_counter c = tme_counter_by_name(name);
    return c < TME_COUNT_MAX ? s->counters.n[c] : 0;
}

size_t tme_session_output_count(const tme_session *s)
{
    return s->n_outputs;
}

const char *tme_session_output_path(const tme_session *s, size_t k)
{
    return k < s->n_outputs ? s->outputs[k].path : NULL;
}

const char *tme_session_output_format(const tme_session *s, size_t k)
{
    if (k >= s->n_outputs)
        return NULL;
    const tme_output_format *f = s->outputs[k].format;
    /* The variant that writes (xliff2 for .xlf with xliff-version 2.0). */
    if (f->variant != NULL && s->state != SESSION_CONFIGURING)
        f = f->variant(&s->options);
    return f->name;
}

size_t tme_session_output_units(const tme_session *s, size_t k)
{
    return k < s->n_outputs ? s->outputs[k].written : 0;
}

int tme_session_output_is_review(const tme_session *s, size_t k)
{
    return k < s->n_outputs && s->outputs[k].review;
}

size_t tme_session_output_part_count(const tme_session *s, size_t k)
{
    if (k >= s->n_outputs)
        return 0;
    return s->outputs[k].parts.n_paths > 0 ? s->outputs[k].parts.n_paths : 1;
}

size_t tme_session_output_file_count(const tme_session *s, size_t k)
{
    return k < s->n_outputs ? s->outputs[k].parts.n_files : 0;
}

const char *tme_session_output_file_path(const tme_session *s, size_t k, size_t i)
{
    if (k >= s->n_outputs || i >= s->outputs[k].parts.n_files)
        return NULL;
    return s->outputs[k].parts.files[i];
}

const char *tme_session_output_part_path(const tme_session *s, size_t k, size_t i)
{
    if (k >= s->n_outputs)
        return NULL;
    const tme_parts *p = &s->outputs[k].parts;
    if (p->n_paths == 0)
        return i == 0 ? s->outputs[k].path : NULL;
    return i < p->n_paths ? p->paths[i] : NULL;
}
