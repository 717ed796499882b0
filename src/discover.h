/* SPDX-License-Identifier: MIT */
/* The list of documents a run reads, from what the user named: files,
 * directories (recursive), list files ("@list.txt") and "-" (stdin). */
#ifndef TME_DISCOVER_H
#define TME_DISCOVER_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

typedef struct {
    char *path;     /* to open; "-" is stdin */
    char *relative; /* for --per-input: the path below the named directory, or the base name */
    size_t size;    /* bytes on disk, 0 when unknown (stdin) */
    /* The file's identity when it is a regular file (0, 0 otherwise), so
     * that an output can be told apart from every input. */
    dev_t device;
    ino_t inode;
    /* --parallel: the document that translates this one (NULL otherwise),
     * with its size; path is then the English document. */
    char *translation;
    size_t translation_size;
} tme_input;

typedef struct {
    tme_input *items;
    size_t count, cap;
    size_t total_bytes;
} tme_inputs;

/* Adds what arg names. A directory adds every regular file below it, sorted
 * by name so that runs are reproducible, that matches include (a glob on the
 * file name; NULL: all). "@FILE" adds the paths listed in FILE, one per line
 * (blank lines and lines starting with '#' skipped; each may itself be a
 * directory). */
tme_status tme_inputs_add(tme_inputs *inputs, const char *arg, const char *include, tme_error *err);

/* 1 when path (a file to be written; "-" is stdout) is the same file as one
 * of the inputs, through links or hard links alike; the input's path in
 * *which. */
int tme_inputs_contain_file(const tme_inputs *inputs, const char *path, const char **which);

/* Adds pairs of documents that translate each other (src/discover_parallel.c):
 * english and chinese are two files, or two directories whose files are
 * matched by their path below them (as documentation sites keep content/en/
 * and content/zh-cn/), or english is "@LIST" of "EN<TAB>ZH" lines and chinese
 * NULL. Files of one directory without a counterpart in the other are left
 * out and counted in *unmatched (the first one's path in unmatched_example,
 * of size example_size). */
tme_status tme_inputs_add_parallel(tme_inputs *inputs, const char *english, const char *chinese,
                                   const char *include, size_t *unmatched, char *unmatched_example,
                                   size_t example_size, tme_error *err);

/* Appends a copy of item (the same file) to inputs. */
tme_status tme_inputs_push_copy(tme_inputs *inputs, const tme_input *item, tme_error *err);

void tme_inputs_free(tme_inputs *inputs);

#endif
