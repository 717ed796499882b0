/* SPDX-License-Identifier: MIT */
/* Running the extraction over many inputs with worker threads, handing the
 * results over in input order so that the output does not depend on the
 * number of threads. */
#ifndef TME_BATCH_H
#define TME_BATCH_H

#include <stddef.h>

#include "error.h"
#include "export.h"
#include "inputs.h"

typedef struct {
    size_t index; /* into the inputs */
    const tme_input *input;
    tme_status status; /* the document's own failure, if any, in error */
    tme_error error;
    tme_units units;
    tme_export_stats stats;
} tme_document_result;

/* Called in input order, from the thread that called tme_batch_run(). It
 * may take the units (they are freed after it returns unless it clears
 * result->units). Returning anything but TME_OK stops the run. */
typedef tme_status (*tme_batch_consumer)(void *context, tme_document_result *result,
                                         tme_error *err);

typedef struct {
    const tme_inputs *inputs;
    const tme_export_options *options;
    int align_mode; /* inputs are TSV paragraph pairs, as `tmexport align` reads */
    size_t threads; /* 1: everything on the calling thread */
} tme_batch_config;

/* Workers run at most 8 × threads documents and 32 MB of input ahead of
 * the consumer (but always the document it waits for): memory is bounded
 * by the largest article, never by the corpus. */
tme_status tme_batch_run(const tme_batch_config *config, tme_batch_consumer consume, void *context,
                         tme_error *err);

#endif
