/* SPDX-License-Identifier: MIT */
/* Reading one input (a file or stdin) into memory, gzip or not. */
#ifndef TME_INPUT_H
#define TME_INPUT_H

#include <stddef.h>

#include "error.h"

typedef struct {
    unsigned char *data; /* malloc'd, NUL-terminated for convenience */
    size_t len;
    int was_gzip;
} tme_bytes;

/* Reads the whole input at path ("-" is stdin). A gzip stream (by its magic
 * bytes, whatever the name) is decompressed, including concatenated members; a
 * truncated or corrupt one is an error. Memory is one article's: inputs are
 * read one at a time. */
tme_status tme_read_input(const char *path, tme_bytes *out, tme_error *err);

void tme_bytes_free(tme_bytes *bytes);

#endif
