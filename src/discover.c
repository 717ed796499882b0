/* SPDX-License-Identifier: MIT */
#include "discover.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "array.h"

/* Deep enough for any real archive, shallow enough to stop a symlink loop. */
#define MAX_DEPTH 64

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Appends a file; size and identity 0 when not a regular file. */
static tme_status push_file(tme_inputs *inputs, const char *path, const char *relative, size_t size,
                            dev_t device, ino_t inode, tme_error *err)
{
    if (TME_ARRAY_RESERVE(inputs->items, inputs->cap, inputs->count + 1) != TME_OK)
        return tme_error_nomem(err);
    tme_input *in = &inputs->items[inputs->count];
    memset(in, 0, sizeof *in);
    in->path = strdup(path);
    in->relative = strdup(relative);
    in->size = size;
    in->device = device;
    in->inode = inode;
    if (in->path == NULL || in->relative == NULL) {
        free(in->path);
        free(in->relative);
        return tme_error_nomem(err);
    }
    inputs->count++;
    inputs->total_bytes += in->size;
    return TME_OK;
}

static tme_status push(tme_inputs *inputs, const char *path, const char *relative,
                       const struct stat *st, tme_error *err)
{
    if (st == NULL || !S_ISREG(st->st_mode))
        return push_file(inputs, path, relative, 0, 0, 0, err);
    return push_file(inputs, path, relative, (size_t)st->st_size, st->st_dev, st->st_ino, err);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static tme_status add_directory(tme_inputs *inputs, const char *dir, const char *relative,
                                const char *include, int depth, tme_error *err)
{
    if (depth > MAX_DEPTH)
        return tme_error_set(err, TME_ERR_INPUT, "%s: directories nested too deeply (a link loop?)",
                             dir);
    DIR *d = opendir(dir);
    if (d == NULL)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot read the directory: %s", dir,
                             strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    tme_status status = TME_OK;
    struct dirent *e;
    while (status == TME_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (TME_ARRAY_RESERVE(names, cap, n + 1) != TME_OK) {
            status = tme_error_nomem(err);
            break;
        }
        if ((names[n] = strdup(e->d_name)) == NULL)
            status = tme_error_nomem(err);
        else
            n++;
    }
    closedir(d);
    if (status == TME_OK && n > 1)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t k = 0; k < n && status == TME_OK; k++) {
        size_t plen = strlen(dir) + strlen(names[k]) + 2;
        size_t rlen = strlen(relative) + strlen(names[k]) + 2;
        char *path = malloc(plen), *rel = malloc(rlen);
        if (path == NULL || rel == NULL) {
            free(path);
            free(rel);
            status = tme_error_nomem(err);
            break;
        }
        snprintf(path, plen, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", names[k]);
        snprintf(rel, rlen, "%s%s%s", relative, relative[0] ? "/" : "", names[k]);
        struct stat st;
        if (stat(path, &st) != 0) {
            status = tme_error_set(err, TME_ERR_IO, "%s: %s", path, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            status = add_directory(inputs, path, rel, include, depth + 1, err);
        } else if (S_ISREG(st.st_mode) && names[k][0] != '.' &&
                   (include == NULL || fnmatch(include, names[k], 0) == 0)) {
            status = push(inputs, path, rel, &st, err);
        }
        free(path);
        free(rel);
    }
    for (size_t k = 0; k < n; k++)
        free(names[k]);
    free(names);
    return status;
}

static tme_status add_path(tme_inputs *inputs, const char *path, const char *include,
                           tme_error *err)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return push(inputs, "-", "stdin", fstat(STDIN_FILENO, &st) == 0 ? &st : NULL, err);
    /* A missing file is reported when it is read, in its turn, so that
     * --keep-going can skip it like any other failing input. */
    if (stat(path, &st) != 0)
        return push(inputs, path, base_name(path), NULL, err);
    if (S_ISDIR(st.st_mode))
        return add_directory(inputs, path, "", include, 0, err);
    return push(inputs, path, base_name(path), &st, err);
}

static tme_status add_list(tme_inputs *inputs, const char *list, const char *include,
                           tme_error *err)
{
    FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
    if (f == NULL)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot open the list: %s", list,
                             strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    tme_status status = TME_OK;
    while (status == TME_OK && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        status = add_path(inputs, line, include, err);
    }
    if (status == TME_OK && ferror(f))
        status = tme_error_set(err, TME_ERR_IO, "%s: cannot read the list", list);
    free(line);
    if (f != stdin)
        fclose(f);
    return status;
}

tme_status tme_inputs_add(tme_inputs *inputs, const char *arg, const char *include, tme_error *err)
{
    if (arg[0] == '@' && arg[1] != '\0')
        return add_list(inputs, arg + 1, include, err);
    return add_path(inputs, arg, include, err);
}

int tme_inputs_contain_file(const tme_inputs *inputs, const char *path, const char **which)
{
    struct stat st;
    int found = strcmp(path, "-") == 0 ? fstat(STDOUT_FILENO, &st) : stat(path, &st);
    if (found != 0 || !S_ISREG(st.st_mode))
        return 0;
    for (size_t k = 0; k < inputs->count; k++) {
        const tme_input *in = &inputs->items[k];
        if (in->inode != 0 && in->inode == st.st_ino && in->device == st.st_dev) {
            *which = in->path;
            return 1;
        }
    }
    return 0;
}

tme_status tme_inputs_push_copy(tme_inputs *inputs, const tme_input *item, tme_error *err)
{
    if (push_file(inputs, item->path, item->relative, item->size, item->device, item->inode, err) !=
        TME_OK)
        return err->status;
    tme_input *copy = &inputs->items[inputs->count - 1];
    if (item->translation != NULL) {
        if ((copy->translation = strdup(item->translation)) == NULL)
            return tme_error_nomem(err);
        copy->translation_size = item->translation_size;
        inputs->total_bytes += item->translation_size;
    }
    return TME_OK;
}

void tme_inputs_free(tme_inputs *inputs)
{
    for (size_t k = 0; k < inputs->count; k++) {
        free(inputs->items[k].path);
        free(inputs->items[k].relative);
        free(inputs->items[k].translation);
    }
    free(inputs->items);
    memset(inputs, 0, sizeof *inputs);
}
