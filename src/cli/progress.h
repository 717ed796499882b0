/* SPDX-License-Identifier: MIT */
/* A one-line progress report on stderr for long runs. */
#ifndef TME_CLI_PROGRESS_H
#define TME_CLI_PROGRESS_H

#include <stddef.h>
#include <time.h>

typedef struct {
    int enabled; /* stderr is a terminal and the user did not ask for quiet */
    struct timespec start, last;
    int shown;
} tme_progress;

void tme_progress_init(tme_progress *p, int quiet);

/* Redraws the line at most a few times a second, and only once the run has
 * lasted a second: short runs print nothing. */
void tme_progress_update(tme_progress *p, size_t done, size_t total, size_t bytes_done,
                         size_t total_bytes, size_t pairs);

/* Clears the line if one was drawn. */
void tme_progress_finish(tme_progress *p);

#endif
