/* SPDX-License-Identifier: MIT */
#include "output_parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "array.h"

/* What closing a file of any format may still write: the end tags of the
 * open elements, a gzip trailer. */
#define END_BOUND 1024
/* Per unit beyond its text: tags, props, ids. */
#define UNIT_OVERHEAD_BOUND 1024

/* Where a part's number goes in base: before the format's extension and any
 * .gz ("dir/corpus.tmx.gz" -> after "dir/corpus"). */
static size_t stem_length(const char *base)
{
    size_t len = strlen(base);
    size_t stem = len;
    if (len > 3 && strcasecmp(base + len - 3, ".gz") == 0)
        stem -= 3;
    const char *slash = strrchr(base, '/');
    for (size_t i = stem; i > 0 && base + i - 1 != slash; i--)
        if (base[i - 1] == '.' && i - 1 > 0 && base[i - 2] != '/')
            return i - 1;
    return stem;
}

/* "dir/corpus.tmx.gz" + 2 -> "dir/corpus-0002.tmx.gz". */
static char *part_path(const char *base, size_t number)
{
    size_t stem = stem_length(base), n = strlen(base) + 16;
    char *path = malloc(n);
    if (path != NULL)
        snprintf(path, n, "%.*s-%04zu%s", (int)stem, base, number, base + stem);
    return path;
}

/* Appends path (taken) to a growable list of strings. */
static tme_status remember(char ***list, size_t *count, size_t *cap, char *path, tme_error *err)
{
    if (path == NULL)
        return tme_error_nomem(err);
    if (TME_ARRAY_RESERVE(*list, *cap, *count + 1) != TME_OK) {
        free(path);
        return tme_error_nomem(err);
    }
    (*list)[(*count)++] = path;
    return TME_OK;
}

static int split(const tme_parts *p)
{
    return p->split_size > 0 || p->split_units > 0;
}

/* Opens the next part (or the only file). */
static tme_status open_part(tme_parts *p, tme_error *err)
{
    char *path = split(p) ? part_path(p->base, p->n_paths + 1) : strdup(p->base);
    if (remember(&p->paths, &p->n_paths, &p->cap_paths, path, err) != TME_OK)
        return err->status;
    p->current = tme_writer_open(p->format, path, p->gzip_level, p->context, err);
    p->current_units = 0;
    if (p->current == NULL)
        return err->status;
    for (size_t i = 0; i < tme_writer_file_count(p->current); i++)
        if (remember(&p->files, &p->n_files, &p->cap_files,
                     strdup(tme_writer_file_name(p->current, i)), err) != TME_OK)
            return err->status;
    return TME_OK;
}

tme_status tme_parts_open(tme_parts *p, const tme_output_format *format, const char *path,
                          int gzip_level, const tme_writer_context *context, size_t split_size,
                          size_t split_units, tme_error *err)
{
    tme_parts_free(p);
    p->format = format;
    p->gzip_level = gzip_level;
    p->context = context;
    p->split_size = split_size;
    p->split_units = split_units;
    if (split(p) && strcmp(path, "-") == 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--split-size and --split-units write numbered files, not standard "
                             "output");
    if ((p->base = strdup(path)) == NULL)
        return tme_error_nomem(err);
    return open_part(p, err);
}

int tme_parts_is_open(const tme_parts *p)
{
    return p->current != NULL;
}

tme_status tme_parts_begin_document(tme_parts *p, const char *document, size_t index,
                                    tme_error *err)
{
    free(p->document);
    if ((p->document = strdup(document)) == NULL)
        return tme_error_nomem(err);
    p->document_index = index;
    p->in_document = 1;
    return tme_writer_begin_document(p->current, document, index, err);
}

tme_status tme_parts_end_document(tme_parts *p, tme_error *err)
{
    p->in_document = 0;
    return tme_writer_end_document(p->current, err);
}

tme_status tme_parts_dropped(tme_parts *p, const tme_dropped *d, tme_error *err)
{
    return tme_writer_dropped(p->current, d, err);
}

/* What a unit may add to the file: its text, escaped (XML's &amp; is five
 * bytes for one), twice over in UTF-16, and its markup. */
static size_t unit_bound(const tme_writer *w, const tme_unit *u)
{
    size_t text =
        strlen(u->source) + strlen(u->target) + strlen(u->document) + (u->id ? strlen(u->id) : 0);
    const char *encoding = tme_writer_option(w, "tmx-encoding");
    int utf16 = w->format->name != NULL && strcmp(w->format->name, "tmx") == 0 &&
                encoding != NULL && strcmp(encoding, "utf-16") == 0;
    return (6 * text + UNIT_OVERHEAD_BOUND) * (utf16 ? 2 : 1);
}

/* Ends the current part (the document in it first) and begins the next,
 * the document going on there. */
static tme_status next_part(tme_parts *p, tme_error *err)
{
    if (p->in_document && tme_writer_end_document(p->current, err) != TME_OK)
        return err->status;
    if (tme_writer_close(p->current, err) != TME_OK)
        return err->status;
    if (TME_ARRAY_RESERVE(p->closed, p->cap_closed, p->n_closed + 1) != TME_OK)
        return tme_error_nomem(err);
    p->closed[p->n_closed++] = p->current;
    p->current = NULL;
    if (open_part(p, err) != TME_OK)
        return err->status;
    if (p->in_document)
        return tme_writer_begin_document(p->current, p->document, p->document_index, err);
    return TME_OK;
}

tme_status tme_parts_write(tme_parts *p, const tme_unit *unit, tme_error *err)
{
    if (p->split_units > 0 && p->current_units >= p->split_units && next_part(p, err) != TME_OK)
        return err->status;
    if (p->split_size > 0) {
        size_t more = unit_bound(p->current, unit) + END_BOUND;
        if (tme_writer_size_bound(p->current, more, p->split_size) > p->split_size) {
            if (p->current_units == 0)
                return tme_error_set(err, TME_ERR_USAGE,
                                     "%s: a unit of %zu bytes cannot fit in a part of "
                                     "--split-size %zu bytes",
                                     p->paths[p->n_paths - 1],
                                     strlen(unit->source) + strlen(unit->target), p->split_size);
            if (next_part(p, err) != TME_OK)
                return err->status;
        }
    }
    p->current_units++;
    return tme_writer_write(p->current, unit, err);
}

tme_status tme_parts_close(tme_parts *p, tme_error *err)
{
    return p->current != NULL ? tme_writer_close(p->current, err) : TME_OK;
}

/* A longer run before this one left parts beyond this run's last: they
 * would read as part of this set. A part's files are named as part 1's
 * are with the number changed (corpus-0001.en and corpus-0001.zh for
 * moses). */
static void remove_stale_parts(const tme_parts *p)
{
    size_t stem = stem_length(p->base), per_part = p->n_paths ? p->n_files / p->n_paths : 0;
    for (size_t number = p->n_paths + 1;; number++) {
        int removed = 0;
        for (size_t i = 0; i < per_part; i++) {
            const char *file = p->files[i]; /* part 1's */
            if (strlen(file) < stem + 5 || strncmp(file, p->base, stem) != 0)
                continue;
            char name[8192];
            snprintf(name, sizeof name, "%.*s-%04zu%s", (int)stem, file, number, file + stem + 5);
            removed |= unlink(name) == 0;
        }
        if (!removed)
            return;
    }
}

tme_status tme_parts_commit(tme_parts *p, tme_error *err)
{
    tme_status status = tme_parts_close(p, err);
    for (size_t k = 0; k < p->n_closed; k++) {
        if (status == TME_OK)
            status = tme_writer_finish(p->closed[k], err);
        else
            tme_writer_abort(p->closed[k]);
    }
    p->n_closed = 0;
    if (p->current != NULL) {
        if (status == TME_OK)
            status = tme_writer_finish(p->current, err);
        else
            tme_writer_abort(p->current);
        p->current = NULL;
    }
    if (status == TME_OK && split(p))
        remove_stale_parts(p);
    return status;
}

void tme_parts_abort(tme_parts *p)
{
    for (size_t k = 0; k < p->n_closed; k++)
        tme_writer_abort(p->closed[k]);
    p->n_closed = 0;
    tme_writer_abort(p->current);
    p->current = NULL;
}

void tme_parts_free(tme_parts *p)
{
    tme_parts_abort(p);
    for (size_t k = 0; k < p->n_paths; k++)
        free(p->paths[k]);
    free(p->paths);
    for (size_t k = 0; k < p->n_files; k++)
        free(p->files[k]);
    free(p->files);
    p->files = NULL;
    p->n_files = p->cap_files = 0;
    free(p->closed);
    free(p->base);
    free(p->document);
    p->paths = NULL;
    p->closed = NULL;
    p->base = p->document = NULL;
    p->n_paths = p->cap_paths = p->cap_closed = 0;
}
