/* SPDX-License-Identifier: MIT */
#include "lexicon_source.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Splits the comma-separated list into src->glossaries. */
static tme_status split_glossaries(tme_lexicon_source *src, const char *list, tme_error *err)
{
    size_t n = 1;
    for (const char *p = list; *p != '\0'; p++)
        n += *p == ',';
    src->glossaries = calloc(n, sizeof *src->glossaries);
    if (src->glossaries == NULL)
        return tme_error_nomem(err);
    for (const char *p = list;; p++) {
        size_t len = strcspn(p, ",");
        if (len > 0 && (src->glossaries[src->n_glossaries++] = strndup(p, len)) == NULL)
            return tme_error_nomem(err);
        p += len;
        if (*p == '\0')
            return TME_OK;
    }
}

tme_status tme_lexicon_source_init(tme_lexicon_source *src, int disabled, const char *path,
                                   const char *glossaries, tme_error *err)
{
    memset(src, 0, sizeof *src);
    pthread_mutex_init(&src->lock, NULL);
    src->initialized = 1;
    tme_error_clear(&src->error);
    src->disabled = disabled;
    if (path != NULL && (src->path = strdup(path)) == NULL)
        return tme_error_nomem(err);
    if (glossaries != NULL && glossaries[0] != '\0')
        return split_glossaries(src, glossaries, err);
    return TME_OK;
}

/* The first get: the file (given, or where tmexport finds its own) and the
 * glossaries. A failure is kept for every later get to report. */
static void load(tme_lexicon_source *src)
{
    char found[PATH_MAX];
    const char *path = src->path;
    tme_error err;
    tme_error_clear(&err);
    if (path == NULL && tme_lexicon_default_path(found, sizeof found, &err) == TME_OK)
        path = found;
    if (err.status == TME_OK)
        tme_lexicon_load(path, (const char *const *)src->glossaries, src->n_glossaries,
                         &src->lexicon, &err);
    if (err.status != TME_OK)
        tme_error_set(&src->error, TME_ERR_USAGE, "the lexicon: %s (--no-lexicon does without)",
                      err.message);
}

tme_status tme_lexicon_source_get(tme_lexicon_source *src, const tme_lexicon **out, tme_error *err)
{
    *out = NULL;
    if (src->disabled)
        return TME_OK;
    pthread_mutex_lock(&src->lock);
    if (!src->tried) {
        load(src);
        src->tried = 1;
    }
    *out = src->lexicon;
    tme_status status = src->error.status;
    if (status != TME_OK)
        tme_error_set(err, status, "%s", src->error.message);
    pthread_mutex_unlock(&src->lock);
    return status;
}

void tme_lexicon_source_free(tme_lexicon_source *src)
{
    if (!src->initialized)
        return;
    for (size_t k = 0; k < src->n_glossaries; k++)
        free(src->glossaries[k]);
    free(src->glossaries);
    free(src->path);
    tme_lexicon_free(src->lexicon);
    pthread_mutex_destroy(&src->lock);
    memset(src, 0, sizeof *src);
}
