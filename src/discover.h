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

void tme_inputs_free(tme_inputs *inputs);

#endif
