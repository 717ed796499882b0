/* SPDX-License-Identifier: MIT */
/* JSON Lines, as Hugging Face datasets and transformers' translation
 * examples read them: one object a line,
 *     {"translation": {"en": "Hello.", "zh": "你好。"}}
 * keyed by the primary subtags of --src-lang and --tgt-lang, and with
 * --jsonl-fields also "document" (the input's name) and "score" (four
 * decimals, as TSV writes it). Spacing is Python's json.dumps().
 *
 * Strings are escaped by RFC 8259's rules, with the choices of Python's
 * json.dumps(ensure_ascii=False): '"', '\' and every C0 control escaped
 * (\b \f \n \r \t, else \u001f style), everything else kept as UTF-8;
 * U+2028 and U+2029 are escaped too, so that a line is also valid
 * JavaScript. No JSON library: jansson, Debian's, escapes only '"', '\'
 * and C0 controls (or, with JSON_ENSURE_ASCII, every non-ASCII character),
 * refuses invalid UTF-8 instead of replacing it and writes reals with 17
 * digits; the escaping is this one function, tested against Python's json
 * module. */
#include "format.h"
#include "json.h"
#include "text_output.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

typedef enum { FIELD_TRANSLATION, FIELD_DOCUMENT, FIELD_SCORE, FIELD_KINDS } field;

static const char *const field_names[FIELD_KINDS] = {"translation", "document", "score"};

typedef struct {
    int fields[FIELD_KINDS];
    size_t count;
    tme_language_keys keys;
} jsonl_state;

/* Each field once (a repeated key is not JSON one can trust), translation
 * among them. */
static int parse_fields(const char *spec, jsonl_state *state)
{
    if (tme_parse_field_list(spec, field_names, FIELD_KINDS, state->fields, FIELD_KINDS,
                             &state->count) != 0)
        return -1;
    int seen[FIELD_KINDS] = {0};
    for (size_t k = 0; k < state->count; k++)
        if (seen[state->fields[k]]++)
            return -1;
    return seen[FIELD_TRANSLATION] ? 0 : -1;
}

static tme_status validate_fields(const char *fields, tme_error *err)
{
    jsonl_state state;
    if (parse_fields(fields, &state) != 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--jsonl-fields wants a comma-separated list of translation, "
                             "document, score, each once, translation among them; not '%s'",
                             fields);
    return TME_OK;
}

static const tme_option_def jsonl_options[] = {
    {.name = "jsonl-fields",
     .group = "jsonl",
     .kind = TME_OPTION_VALUE,
     .argument = "LIST",
     .help = "JSON Lines fields, comma-separated from translation, document, score",
     .default_value = "translation",
     .validate = validate_fields},
    {.name = NULL},
};

static int put_to_sink(void *sink, const void *bytes, size_t len)
{
    return tme_sink_write(sink, bytes, len);
}

/* Writes text as a JSON string, quotes included (src/json.c's rules). A
 * unit's text (checked) is valid UTF-8 (the pipeline cleaned it); a document
 * name (any file name's bytes) may not be, and its bad bytes become U+FFFD. */
static int write_string(tme_sink *sink, const char *text, int checked)
{
    assert(!checked || !tme_json_needs_replacement(text));
    (void)checked;
    return tme_json_write_string(put_to_sink, sink, text);
}

static int write_text(tme_sink *sink, const char *text)
{
    return tme_sink_write(sink, text, strlen(text));
}

static int write_translation(tme_sink *sink, const jsonl_state *s, const tme_unit *unit)
{
    if (write_text(sink, "\"translation\": {") != 0 || write_string(sink, s->keys.source, 0) != 0 ||
        write_text(sink, ": ") != 0 || write_string(sink, unit->source, 1) != 0 ||
        write_text(sink, ", ") != 0 || write_string(sink, s->keys.target, 0) != 0 ||
        write_text(sink, ": ") != 0 || write_string(sink, unit->target, 1) != 0)
        return -1;
    return write_text(sink, "}");
}

static int write_field(tme_sink *sink, const jsonl_state *s, field f, const tme_unit *unit)
{
    switch (f) {
    case FIELD_TRANSLATION:
        return write_translation(sink, s, unit);
    case FIELD_DOCUMENT:
        return write_text(sink, "\"document\": ") != 0 ? -1 : write_string(sink, unit->document, 0);
    case FIELD_SCORE: {
        char score[TME_SCORE_SIZE];
        tme_format_score(unit->score, score);
        return write_text(sink, "\"score\": ") != 0 ? -1 : write_text(sink, score);
    }
    case FIELD_KINDS:
        break;
    }
    return -1;
}

static tme_status jsonl_begin(tme_writer *w, tme_error *err)
{
    jsonl_state *s = w->priv;
    const char *spec = tme_writer_option(w, "jsonl-fields");
    if (parse_fields(spec, s) != 0)
        return validate_fields(spec, err);
    return tme_language_keys_get(w, "jsonl", &s->keys, err);
}

static tme_status jsonl_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    const jsonl_state *s = w->priv;
    if (write_text(w->sink, "{") != 0)
        return tme_sink_error(w->sink, err);
    for (size_t k = 0; k < s->count; k++)
        if ((k > 0 && write_text(w->sink, ", ") != 0) ||
            write_field(w->sink, s, (field)s->fields[k], unit) != 0)
            return tme_sink_error(w->sink, err);
    if (write_text(w->sink, "}\n") != 0)
        return tme_sink_error(w->sink, err);
    return TME_OK;
}

static tme_status jsonl_end(tme_writer *w, tme_error *err)
{
    return tme_sink_error(w->sink, err);
}

const tme_output_format tme_output_jsonl = {
    .name = "jsonl",
    .description = "JSON Lines, {\"translation\": {\"en\": ..., \"zh\": ...}} a line (Hugging "
                   "Face datasets)",
    .extensions = "jsonl",
    .options = jsonl_options,
    .priv_size = sizeof(jsonl_state),
    .begin = jsonl_begin,
    .write = jsonl_write,
    .end = jsonl_end,
};
