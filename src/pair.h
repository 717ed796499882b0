/* SPDX-License-Identifier: MIT */
/* A translation unit on its way to the writers. */
#ifndef TME_PAIR_H
#define TME_PAIR_H

#include <stddef.h>

typedef struct {
    const char *source; /* NUL-terminated UTF-8, already cleaned for XML */
    const char *target;
    double score;          /* alignment confidence in [0,1] */
    const char *document;  /* the input's name as the user gave it ("-" for stdin) */
    size_t document_index; /* 0-based position of the document in the run */
    size_t index;          /* 0-based position of the pair within its document */
} tme_pair;

#endif
