/* SPDX-License-Identifier: MIT */
/* What a run did, as one JSON object (tme_session_stats_json), and a file
 * written the way outputs are (tme_session_write_file): the tool's
 * --stats=json and --stats-file. */
#include "session.h"

#include "array.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"

static int put_string(tme_json_buffer *b, const char *text)
{
    return tme_json_write_string(tme_json_buffer_put, b, text);
}

static int put_number(tme_json_buffer *b, size_t n)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%zu", n);
    return tme_json_buffer_text(b, digits);
}

/* "counters": {"documents": 1, ...}: every counter, 0s too. */
static int put_counters(tme_json_buffer *b, const tme_session *s)
{
    int rc = tme_json_buffer_key(b, "counters", 0) | tme_json_buffer_text(b, "{");
    for (size_t i = 0; tme_counter_name(i) != NULL; i++)
        rc |= tme_json_buffer_key(b, tme_counter_name(i), i == 0) |
              put_number(b, tme_session_count(s, tme_counter_name(i)));
    return rc | tme_json_buffer_text(b, "}");
}

/* ["a.en", "a.zh"]: files from..to of output k. */
static int put_files(tme_json_buffer *b, const tme_session *s, size_t k, size_t from, size_t to)
{
    int rc = tme_json_buffer_text(b, "[");
    for (size_t i = from; i < to; i++)
        rc |= (i > from ? tme_json_buffer_text(b, ", ") : 0) |
              put_string(b, tme_session_output_file_path(s, k, i));
    return rc | tme_json_buffer_text(b, "]");
}

/* "parts": [{"path": ..., "files": [...]}, ...] of a split output. */
static int put_parts(tme_json_buffer *b, const tme_session *s, size_t k)
{
    size_t parts = tme_session_output_part_count(s, k);
    size_t per_part = parts ? tme_session_output_file_count(s, k) / parts : 0;
    int rc = tme_json_buffer_key(b, "parts", 0) | tme_json_buffer_text(b, "[");
    for (size_t i = 0; i < parts; i++)
        rc |= tme_json_buffer_text(b, i ? ", {" : "{") | tme_json_buffer_key(b, "path", 1) |
              put_string(b, tme_session_output_part_path(s, k, i)) |
              tme_json_buffer_key(b, "files", 0) |
              put_files(b, s, k, i * per_part, (i + 1) * per_part) | tme_json_buffer_text(b, "}");
    return rc | tme_json_buffer_text(b, "]");
}

static int put_output(tme_json_buffer *b, const tme_session *s, size_t k)
{
    const char *path = tme_session_output_path(s, k);
    size_t n = strlen(path);
    int rc =
        tme_json_buffer_text(b, "{") | tme_json_buffer_key(b, "path", 1) | put_string(b, path) |
        tme_json_buffer_key(b, "format", 0) | put_string(b, tme_session_output_format(s, k)) |
        tme_json_buffer_key(b, "gzip", 0) |
        tme_json_buffer_text(b, n > 3 && strcasecmp(path + n - 3, ".gz") == 0 ? "true" : "false") |
        tme_json_buffer_key(b, "units", 0) | put_number(b, tme_session_output_units(s, k)) |
        tme_json_buffer_key(b, "review", 0) |
        tme_json_buffer_text(b, tme_session_output_is_review(s, k) ? "true" : "false") |
        tme_json_buffer_key(b, "files", 0) |
        put_files(b, s, k, 0, tme_session_output_file_count(s, k));
    if (s->settings.split_size > 0 || s->settings.split_units > 0)
        rc |= put_parts(b, s, k);
    return rc | tme_json_buffer_text(b, "}");
}

/* "settings": the options that shape the export, as resolved. */
static int put_settings(tme_json_buffer *b, const tme_session *s)
{
    static const char *const names[] = {"src-lang",  "tgt-lang",  "unit",      "preset",
                                        "dedup",     "filter",    "min-score", "review-below",
                                        "normalize", "per-input", NULL};
    int rc = tme_json_buffer_key(b, "settings", 0) | tme_json_buffer_text(b, "{");
    for (size_t i = 0; names[i] != NULL; i++) {
        const char *value = tme_session_get(s, names[i]);
        rc |= tme_json_buffer_key(b, names[i], i == 0) |
              (value ? put_string(b, value) : tme_json_buffer_text(b, "null"));
    }
    return rc | tme_json_buffer_text(b, "}");
}

tme_status tme_session_stats_json(const tme_session *s, char **json)
{
    tme_json_buffer b = {0};
    int rc = tme_json_buffer_text(&b, "{") | tme_json_buffer_key(&b, "tmexport", 1) |
             put_string(&b, TME_VERSION_STRING) | put_settings(&b, s) | put_counters(&b, s) |
             tme_json_buffer_key(&b, "outputs", 0) | tme_json_buffer_text(&b, "[");
    for (size_t k = 0; k < tme_session_output_count(s); k++)
        rc |= (k ? tme_json_buffer_text(&b, ", ") : 0) | put_output(&b, s, k);
    rc |= tme_json_buffer_text(&b, "]}\n");
    if (rc != 0 || b.failed) {
        free(b.data);
        *json = NULL;
        return TME_ERR_NOMEM;
    }
    *json = b.data;
    return TME_OK;
}

/* Opens, writes and closes the file; the sink is left for the commit. */
static tme_sink *write_closed(tme_session *s, const char *path, const void *data, size_t len,
                              tme_error *err)
{
    if (tme_outputs_check_path(s, path, err) != TME_OK)
        return NULL;
    tme_sink *sink = tme_sink_open(path, TME_SINK_PLAIN, err);
    if (sink == NULL)
        return NULL;
    if ((tme_sink_write(sink, data, len) != 0 && tme_sink_error(sink, err) != TME_OK) ||
        tme_sink_close(sink, err) != TME_OK) {
        tme_sink_abort(sink);
        return NULL;
    }
    return sink;
}

tme_status tme_session_write_file(tme_session *s, const char *path, const void *data, size_t len)
{
    tme_error err;
    tme_error_clear(&err);
    if (s->state == SESSION_FAILED)
        return s->error.status;
    if (s->state != SESSION_FINISHED) {
        if (TME_ARRAY_RESERVE(s->files, s->cap_files, s->n_files + 1) != TME_OK) {
            tme_error_nomem(&err);
            return tme_session_fail(s, &err);
        }
    }
    tme_sink *sink = write_closed(s, path, data, len, &err);
    if (sink == NULL && s->state != SESSION_FINISHED)
        return tme_session_fail(s, &err); /* the outputs go too: all or none */
    if (sink == NULL) {
        s->error = err;
        return err.status;
    }
    if (s->state != SESSION_FINISHED) {
        s->files[s->n_files++] = sink; /* renamed into place with the outputs */
        return TME_OK;
    }
    if (tme_sink_commit(sink, &err) != TME_OK)
        s->error = err;
    return err.status;
}

void tme_free(void *memory)
{
    free(memory);
}
