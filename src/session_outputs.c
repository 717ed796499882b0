/* SPDX-License-Identifier: MIT */
/* A session's outputs: "[FORMAT:]PATH" specs, opening them (at their own
 * paths, or per input under --per-input), fan-out of every document's units,
 * and the two-phase commit. */
#include "session.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "array.h"
#include "destination.h"

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static tme_status unknown_format(const char *what, const char *spec, tme_error *err)
{
    tme_error_set(err, TME_ERR_USAGE, "%s in '%s'; known formats:", what, spec);
    for (size_t i = 0; tme_output_formats[i] != NULL; i++) {
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, " %s",
                 tme_output_formats[i]->name);
    }
    return err->status;
}

/* The FORMAT: prefix of spec, if it has one that names a format. */
static tme_status split_prefix(tme_output *o, const char *spec, const char **path, tme_error *err)
{
    const char *colon = strchr(spec, ':');
    *path = spec;
    if (colon == NULL || colon == spec ||
        strspn(spec, "abcdefghijklmnopqrstuvwxyz0123456789-") != (size_t)(colon - spec))
        return TME_OK;
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(colon - spec), spec);
    if ((o->format = tme_output_format_by_name(name)) == NULL)
        return unknown_format("unknown format", spec, err);
    *path = colon + 1;
    if (**path == '\0')
        return tme_error_set(err, TME_ERR_USAGE, "no path after the format in '%s'", spec);
    return TME_OK;
}

/* The extension before any .gz: it names the format, and --per-input
 * gives it to every export. */
static void take_extension(tme_output *o)
{
    size_t n = strlen(o->path) - (o->gzip ? 3 : 0);
    char base[4096];
    snprintf(base, sizeof base, "%.*s", (int)n, o->path);
    const char *slash = strrchr(base, '/');
    const char *dot = strrchr(slash ? slash : base, '.');
    if (dot != NULL && dot[1] != '\0' && strlen(dot + 1) < sizeof o->extension)
        snprintf(o->extension, sizeof o->extension, "%s", dot + 1);
}

static tme_status parse_spec(tme_output *o, const char *spec, tme_error *err)
{
    const char *path;
    if (split_prefix(o, spec, &path, err) != TME_OK)
        return err->status;
    if ((o->path = strdup(path)) == NULL)
        return tme_error_nomem(err);
    o->gzip = ends_with_ci(o->path, ".gz");
    take_extension(o);
    if (o->format == NULL) {
        if (strcmp(o->path, "-") == 0)
            o->format = tme_output_format_by_name("tsv");
        else if (o->extension[0] == '\0')
            return unknown_format("no format extension", o->path, err);
        else if ((o->format = tme_output_format_by_extension(o->extension)) == NULL)
            return unknown_format("unknown extension", o->path, err);
    }
    if (o->extension[0] == '\0')
        snprintf(o->extension, sizeof o->extension, "%s", o->format->name);
    return TME_OK;
}

tme_status tme_outputs_add(tme_session *s, const char *spec, int review, tme_error *err)
{
    if (TME_ARRAY_RESERVE(s->outputs, s->cap_outputs, s->n_outputs + 1) != TME_OK)
        return tme_error_nomem(err);
    tme_output *o = &s->outputs[s->n_outputs];
    memset(o, 0, sizeof *o);
    if (parse_spec(o, spec, err) != TME_OK) {
        free(o->path);
        return err->status;
    }
    o->review = review;
    s->n_outputs++;
    return TME_OK;
}

static int make_parent_directories(char *path)
{
    for (char *p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

/* DIR/RELATIVE with the input's extension (and any .gz) replaced by the
 * output's: NAME.EXT, or NAME.review.EXT for the review output. */
static tme_status per_input_path(const tme_session *s, const char *relative, const tme_output *o,
                                 char *path, size_t size, tme_error *err)
{
    char stem[4096];
    snprintf(stem, sizeof stem, "%s", relative);
    size_t n = strlen(stem);
    if (n > 3 && strcasecmp(stem + n - 3, ".gz") == 0)
        stem[n - 3] = '\0';
    char *slash = strrchr(stem, '/');
    char *dot = strrchr(slash ? slash : stem, '.');
    if (dot != NULL && dot != stem && dot[-1] != '/')
        *dot = '\0';
    int len = snprintf(path, size, "%s/%s%s.%s%s", s->settings.per_input_dir, stem,
                       o->review ? ".review" : "", o->extension, o->gzip ? ".gz" : "");
    if (len < 0 || (size_t)len >= size)
        return tme_error_set(err, TME_ERR_USAGE, "%s: output name too long", relative);
    if (make_parent_directories(path) != 0)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot create its directory: %s", path,
                             strerror(errno));
    return TME_OK;
}

/* The keys of the file path would replace, the same for every spelling of
 * it: its directory's device and inode with its name, and, when it exists
 * (through symlinks), its own device and inode. None for what is written in
 * place (a device, FIFO, socket, stdout), which two outputs may share. */
static int file_keys(const char *path, char keys[2][256])
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return 0;
    int exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode))
        return 0;
    int n = 0;
    if (exists)
        snprintf(keys[n++], 256, "inode %ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
    char *target = NULL;
    tme_error ignored;
    if (!exists && lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
        tme_destination_follow_dangling_link(path, &target, &ignored) == TME_OK)
        path = target; /* a dangling link: the file it will create */
    char dir[4096];
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    const char *name = slash ? slash + 1 : path;
    if (stat(dir[0] ? dir : "/", &st) == 0)
        snprintf(keys[n++], 256, "in %ju:%ju %.200s", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino,
                 name);
    free(target);
    return n;
}

/* Two outputs that name one file (-o moses:c -o c.en), or two inputs whose
 * --per-input names meet (a.txt and a.html both give a.tmx), would have one
 * silently replace the other. */
static tme_status refuse_written_twice(tme_session *s, const char *path, tme_error *err)
{
    char keys[2][256];
    int n = file_keys(path, keys), seen = 0;
    for (int k = 0; k < n; k++) {
        int again = tme_dedup_seen(&s->written, keys[k], "");
        if (again < 0)
            return tme_error_nomem(err);
        seen |= again;
    }
    if (seen)
        return tme_error_set(err, TME_ERR_USAGE,
                             "%s would be written twice in this run (by two outputs, or by "
                             "--per-input for two inputs of the same name): give each its own "
                             "name",
                             path);
    return TME_OK;
}

tme_status tme_outputs_check_path(void *session, const char *path, tme_error *err)
{
    tme_session *s = session;
    if (refuse_written_twice(s, path, err) != TME_OK)
        return err->status;
    const char *input_path;
    if (tme_inputs_contain_file(&s->seen, path, &input_path))
        return tme_error_set(err, TME_ERR_USAGE,
                             "%s is also an input (%s): write the export elsewhere",
                             strcmp(path, "-") == 0 ? "standard output" : path,
                             strcmp(input_path, "-") == 0 ? "standard input" : input_path);
    return TME_OK;
}

static tme_status open_output(tme_session *s, tme_output *o, const char *path, tme_error *err)
{
    int level = o->gzip ? s->settings.gzip_level : TME_SINK_PLAIN;
    return tme_parts_open(&o->parts, o->format, path, level, &s->writer_context,
                          s->settings.split_size, s->settings.split_units, err);
}

tme_status tme_outputs_open(tme_session *s, const tme_input *per_input, const char *name,
                            tme_error *err)
{
    for (size_t k = 0; k < s->n_outputs; k++) {
        tme_output *o = &s->outputs[k];
        char path[8192];
        const char *at = o->path;
        if (s->settings.per_input_dir != NULL) {
            const char *relative = per_input != NULL ? per_input->relative : name;
            if (per_input_path(s, relative, o, path, sizeof path, err) != TME_OK)
                return err->status;
            at = path;
        }
        if (open_output(s, o, at, err) != TME_OK)
            return err->status;
    }
    if (s->settings.per_input_dir == NULL)
        s->outputs_open = 1;
    return TME_OK;
}

tme_status tme_outputs_begin_document(tme_session *s, const char *document, size_t index,
                                      tme_error *err)
{
    for (size_t k = 0; k < s->n_outputs; k++)
        if (tme_parts_begin_document(&s->outputs[k].parts, document, index, err) != TME_OK)
            return err->status;
    return TME_OK;
}

/* With --review-below, a unit goes either to the review output or to the
 * others, never both: the export holds what is trusted, the review output
 * what a person should check first. */
static int output_takes(const tme_session *s, const tme_output *o, const tme_unit *u)
{
    double below = s->settings.review_below;
    return below <= 0 || (u->score < below) == (o->review != 0);
}

tme_status tme_outputs_write(tme_session *s, const tme_units *units, tme_error *err)
{
    for (size_t k = 0; k < s->n_outputs; k++) {
        tme_output *o = &s->outputs[k];
        for (size_t u = 0; u < units->count; u++) {
            if (!output_takes(s, o, &units->items[u]))
                continue;
            if (tme_parts_write(&o->parts, &units->items[u], err) != TME_OK)
                return err->status;
            o->written++;
        }
    }
    double below = s->settings.review_below;
    for (size_t u = 0; below > 0 && u < units->count; u++)
        if (units->items[u].score < below)
            s->counters.n[TME_COUNT_UNITS_TO_REVIEW]++;
    return TME_OK;
}

tme_status tme_outputs_dropped(tme_session *s, const tme_dropped_list *dropped, tme_error *err)
{
    for (size_t k = 0; k < s->n_outputs; k++)
        for (size_t d = 0; d < dropped->count; d++)
            if (tme_parts_dropped(&s->outputs[k].parts, &dropped->items[d], err) != TME_OK)
                return err->status;
    return TME_OK;
}

int tme_outputs_want_dropped(const tme_session *s)
{
    for (size_t k = 0; k < s->n_outputs; k++) {
        const tme_output_format *f = s->outputs[k].format;
        if (f->variant != NULL)
            f = f->variant(&s->options);
        if (f->dropped != NULL)
            return 1;
    }
    return 0;
}

tme_status tme_outputs_end_document(tme_session *s, tme_error *err)
{
    for (size_t k = 0; k < s->n_outputs; k++)
        if (tme_parts_end_document(&s->outputs[k].parts, err) != TME_OK)
            return err->status;
    return TME_OK;
}

void tme_outputs_abort(tme_session *s)
{
    for (size_t k = 0; k < s->n_outputs; k++)
        tme_parts_abort(&s->outputs[k].parts);
    for (size_t k = 0; k < s->n_files; k++)
        tme_sink_abort(s->files[k]);
    free(s->files);
    s->files = NULL;
    s->n_files = s->cap_files = 0;
    s->outputs_open = 0;
}

tme_status tme_outputs_finish(tme_session *s, tme_error *err)
{
    for (size_t k = 0; k < s->n_outputs; k++)
        if (tme_parts_close(&s->outputs[k].parts, err) != TME_OK) {
            tme_outputs_abort(s);
            return err->status;
        }
    tme_status status = TME_OK;
    for (size_t k = 0; k < s->n_outputs; k++) {
        if (status == TME_OK)
            status = tme_parts_commit(&s->outputs[k].parts, err);
        else
            tme_parts_abort(&s->outputs[k].parts);
    }
    for (size_t k = 0; k < s->n_files; k++) { /* closed when written */
        if (status == TME_OK)
            status = tme_sink_commit(s->files[k], err);
        else
            tme_sink_abort(s->files[k]);
    }
    free(s->files);
    s->files = NULL;
    s->n_files = s->cap_files = 0;
    s->outputs_open = 0;
    return status;
}

void tme_outputs_free(tme_session *s)
{
    for (size_t k = 0; k < s->n_outputs; k++) {
        tme_parts_free(&s->outputs[k].parts);
        free(s->outputs[k].path);
    }
    free(s->outputs);
    s->outputs = NULL;
    s->n_outputs = s->cap_outputs = 0;
}
