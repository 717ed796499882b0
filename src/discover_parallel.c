/* SPDX-License-Identifier: MIT */
/* Pairs of documents that translate each other, for --parallel: two files,
 * two trees matched by relative path, or a list of pairs. */
#include "discover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The one file arg names, as an input (a missing file is reported when it
 * is read, as for any input). */
static tme_status one_file(const char *path, tme_inputs *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    if (tme_inputs_add(out, path, NULL, err) != TME_OK)
        return err->status;
    return TME_OK;
}

static tme_status pair_files(tme_inputs *inputs, const tme_input *en, const tme_input *zh,
                             tme_error *err)
{
    tme_input pair = *en;
    pair.translation = zh->path;
    pair.translation_size = zh->size;
    return tme_inputs_push_copy(inputs, &pair, err);
}

static int compare_relative(const void *a, const void *b)
{
    return strcmp(((const tme_input *)a)->relative, ((const tme_input *)b)->relative);
}

static void note_unmatched(const tme_input *in, size_t *unmatched, char *example, size_t size)
{
    if ((*unmatched)++ == 0 && size > 0)
        snprintf(example, size, "%s", in->path);
}

/* Files below both directories with the same relative path, in order. */
static tme_status pair_trees(tme_inputs *inputs, tme_inputs *en, tme_inputs *zh, size_t *unmatched,
                             char *example, size_t size, tme_error *err)
{
    if (en->count > 1)
        qsort(en->items, en->count, sizeof *en->items, compare_relative);
    if (zh->count > 1)
        qsort(zh->items, zh->count, sizeof *zh->items, compare_relative);
    size_t i = 0, j = 0;
    while (i < en->count || j < zh->count) {
        int c = i == en->count   ? 1
                : j == zh->count ? -1
                                 : strcmp(en->items[i].relative, zh->items[j].relative);
        if (c == 0) {
            if (pair_files(inputs, &en->items[i++], &zh->items[j++], err) != TME_OK)
                return err->status;
        } else if (c < 0) {
            note_unmatched(&en->items[i++], unmatched, example, size);
        } else {
            note_unmatched(&zh->items[j++], unmatched, example, size);
        }
    }
    return TME_OK;
}

static tme_status add_pair(tme_inputs *inputs, const char *english, const char *chinese,
                           const char *include, size_t *unmatched, char *example, size_t size,
                           tme_error *err)
{
    int en_dir = is_directory(english), zh_dir = is_directory(chinese);
    if (en_dir != zh_dir)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--parallel pairs two files or two directories, not '%s' and '%s'",
                             english, chinese);
    tme_inputs en, zh;
    memset(&en, 0, sizeof en);
    memset(&zh, 0, sizeof zh);
    tme_status status;
    if (en_dir)
        status = tme_inputs_add(&en, english, include, err) != TME_OK ||
                         tme_inputs_add(&zh, chinese, include, err) != TME_OK
                     ? err->status
                     : pair_trees(inputs, &en, &zh, unmatched, example, size, err);
    else
        status = one_file(english, &en, err) != TME_OK || one_file(chinese, &zh, err) != TME_OK
                     ? err->status
                     : pair_files(inputs, &en.items[0], &zh.items[0], err);
    tme_inputs_free(&en);
    tme_inputs_free(&zh);
    return status;
}

static tme_status add_list(tme_inputs *inputs, const char *list, const char *include,
                           size_t *unmatched, char *example, size_t size, tme_error *err)
{
    FILE *f = fopen(list, "r");
    if (f == NULL)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot open the list: %s", list,
                             strerror(errno));
    char *line = NULL;
    size_t cap = 0, number = 0;
    ssize_t n;
    tme_status status = TME_OK;
    while (status == TME_OK && (n = getline(&line, &cap, f)) >= 0) {
        number++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '\0' || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (tab == NULL || strchr(tab + 1, '\t') != NULL || tab == line || tab[1] == '\0') {
            status =
                tme_error_set(err, TME_ERR_INPUT,
                              "%s:%zu: expected ENGLISH<TAB>CHINESE (two paths)", list, number);
            break;
        }
        *tab = '\0';
        status = add_pair(inputs, line, tab + 1, include, unmatched, example, size, err);
    }
    if (status == TME_OK && ferror(f))
        status = tme_error_set(err, TME_ERR_IO, "%s: cannot read the list", list);
    free(line);
    fclose(f);
    return status;
}

tme_status tme_inputs_add_parallel(tme_inputs *inputs, const char *english, const char *chinese,
                                   const char *include, size_t *unmatched, char *example,
                                   size_t example_size, tme_error *err)
{
    if (chinese == NULL) {
        if (english[0] != '@' || english[1] == '\0')
            return tme_error_set(err, TME_ERR_USAGE,
                                 "--parallel takes ENGLISH CHINESE, or @LIST of pairs; not '%s' "
                                 "alone",
                                 english);
        return add_list(inputs, english + 1, include, unmatched, example, example_size, err);
    }
    return add_pair(inputs, english, chinese, include, unmatched, example, example_size, err);
}
