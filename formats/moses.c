/* SPDX-License-Identifier: MIT */
/* Moses-style parallel text, what Marian, fairseq, Sockeye and OpusFilter
 * read: two line-aligned files, PATH.en and PATH.zh (named by the primary
 * subtags of --src-lang and --tgt-lang), line k of one the translation of
 * line k of the other. "-o moses:corpus" and "-o corpus.en-zh" both write
 * corpus.en and corpus.zh; a .gz path compresses each (corpus.en.gz). The
 * two are sinks of one writer, so they are replaced together or not at
 * all. */
#include "format.h"
#include "text_output.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    tme_sink *source, *target;
} moses_state;

static int is_subtag(const char *s, size_t n)
{
    if (n < 2 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)s[i]) || (unsigned char)s[i] > 0x7f)
            return 0;
    return 1;
}

/* "en-zh": two language subtags joined by a dash, as corpora are named. */
static int is_language_pair(const char *ext)
{
    const char *dash = strchr(ext, '-');
    return dash != NULL && is_subtag(ext, (size_t)(dash - ext)) &&
           is_subtag(dash + 1, strlen(dash + 1));
}

/* An extension that names the pair must name the export's two languages
 * (in either order): "-o corpus.de-fr" of an en→zh export is a mistake. */
static tme_status check_pair(const char *path, const char *ext, const tme_language_keys *keys,
                             tme_error *err)
{
    size_t n = strcspn(ext, "-");
    const char *second = ext + n + 1;
    int same = strlen(keys->source) == n && strncasecmp(ext, keys->source, n) == 0 &&
               strcasecmp(second, keys->target) == 0;
    int swapped = strlen(keys->target) == n && strncasecmp(ext, keys->target, n) == 0 &&
                  strcasecmp(second, keys->source) == 0;
    if (!same && !swapped)
        return tme_error_set(err, TME_ERR_USAGE,
                             "%s: the extension names the languages %.*s and %s, but the export "
                             "is %s and %s (--src-lang, --tgt-lang)",
                             path, (int)n, ext, second, keys->source, keys->target);
    return TME_OK;
}

/* The output's path without ".gz" and without an extension that only names
 * the format (".en-zh", or ".moses" as --per-input makes): what the two
 * files' names start with. */
static tme_status file_stem(const tme_writer *w, const tme_language_keys *keys, char *stem,
                            size_t size, tme_error *err)
{
    const char *path = tme_writer_path(w);
    if (strcmp(path, "-") == 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "moses writes two files: give it a path (moses:corpus), not "
                             "standard output");
    size_t n = strlen(path);
    if (n >= size)
        return tme_error_set(err, TME_ERR_USAGE, "%s: path too long", path);
    memcpy(stem, path, n + 1);
    if (tme_writer_compressed(w) && n > 3 && strcasecmp(stem + n - 3, ".gz") == 0)
        stem[n -= 3] = '\0';
    char *slash = strrchr(stem, '/');
    char *dot = strrchr(slash ? slash + 1 : stem, '.');
    if (dot == NULL || dot == stem || dot[-1] == '/')
        return TME_OK;
    if (is_language_pair(dot + 1)) {
        if (check_pair(path, dot + 1, keys, err) != TME_OK)
            return err->status;
        *dot = '\0';
    } else if (strcasecmp(dot + 1, "moses") == 0) {
        *dot = '\0';
    }
    return TME_OK;
}

static tme_sink *open_side(tme_writer *w, const char *stem, const char *key, tme_error *err)
{
    size_t size = strlen(stem) + strlen(key) + 5;
    char *path = malloc(size);
    if (path == NULL) {
        tme_error_nomem(err);
        return NULL;
    }
    snprintf(path, size, "%s.%s%s", stem, key, tme_writer_compressed(w) ? ".gz" : "");
    tme_sink *sink = tme_writer_open_sink(w, path, err);
    free(path);
    return sink;
}

static tme_status moses_begin(tme_writer *w, tme_error *err)
{
    moses_state *s = w->priv;
    tme_language_keys keys;
    if (tme_language_keys_get(w, "moses", &keys, err) != TME_OK)
        return err->status;
    size_t size = strlen(tme_writer_path(w)) + 1;
    char *stem = malloc(size);
    if (stem == NULL)
        return tme_error_nomem(err);
    if (file_stem(w, &keys, stem, size, err) == TME_OK &&
        (s->source = open_side(w, stem, keys.source, err)) != NULL)
        s->target = open_side(w, stem, keys.target, err);
    free(stem);
    return s->target != NULL ? TME_OK : err->status;
}

static tme_status moses_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    moses_state *s = w->priv;
    if (tme_write_line_text(s->source, unit->source) != 0 ||
        tme_sink_write(s->source, "\n", 1) != 0)
        return tme_sink_error(s->source, err);
    if (tme_write_line_text(s->target, unit->target) != 0 ||
        tme_sink_write(s->target, "\n", 1) != 0)
        return tme_sink_error(s->target, err);
    return TME_OK;
}

static tme_status moses_end(tme_writer *w, tme_error *err)
{
    moses_state *s = w->priv;
    if (tme_sink_error(s->source, err) != TME_OK)
        return err->status;
    return tme_sink_error(s->target, err);
}

const tme_output_format tme_output_moses = {
    .name = "moses",
    .description = "two line-aligned files PATH.en and PATH.zh (Marian, fairseq, Sockeye, "
                   "OpusFilter); also chosen by an extension like .en-zh",
    .claims_extension = is_language_pair,
    .opens_sinks = 1,
    .priv_size = sizeof(moses_state),
    .begin = moses_begin,
    .write = moses_write,
    .end = moses_end,
};
