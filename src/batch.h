/* SPDX-License-Identifier: MIT */
/* Work on many documents with worker threads, handed over in input order so
 * that the output does not depend on the number of threads. */
#ifndef TME_BATCH_H
#define TME_BATCH_H

#include <stddef.h>

#include "error.h"

typedef struct {
    size_t count;        /* items 0..count-1 */
    const size_t *sizes; /* bytes of each item's input (0 when unknown), to bound memory */
    size_t result_size;  /* bytes of one result */
    size_t threads;      /* 1: everything on the calling thread */
    void *context;
    /* Makes item i's result (result_size zeroed bytes), on a worker thread. It
     * reports a failure inside the result, never by stopping the run. */
    void (*produce)(void *context, size_t i, void *result);
    /* Takes item i's result, in order, on the calling thread. Anything but
     * TME_OK stops the run. */
    tme_status (*consume)(void *context, size_t i, void *result, tme_error *err);
    /* Frees a result (consumed or not). */
    void (*release)(void *context, void *result);
} tme_batch;

/* Workers run at most 8 × threads items and 32 MB of input ahead of the
 * consumer (but always the item it waits for): memory is bounded by the
 * largest document, never by the corpus. Workers block every signal. */
tme_status tme_batch_run(const tme_batch *batch, tme_error *err);

#endif
