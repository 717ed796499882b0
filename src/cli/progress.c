/* SPDX-License-Identifier: MIT */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#define REDRAW_SECONDS 0.2
#define QUIET_SECONDS 1.0

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void tme_progress_init(tme_progress *p, int quiet)
{
    p->enabled = !quiet && isatty(STDERR_FILENO);
    p->shown = 0;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

void tme_progress_update(tme_progress *p, size_t done, size_t total, size_t bytes_done,
                         size_t total_bytes, size_t pairs)
{
    if (!p->enabled)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double elapsed = seconds_between(&p->start, &now);
    if (elapsed < QUIET_SECONDS || (p->shown && seconds_between(&p->last, &now) < REDRAW_SECONDS))
        return;
    p->last = now;
    double rate = (double)bytes_done / elapsed; /* bytes per second */
    char eta[32] = "--:--";
    if (rate > 0 && total_bytes >= bytes_done) {
        long left = (long)((double)(total_bytes - bytes_done) / rate + 0.5);
        snprintf(eta, sizeof eta, "%ld:%02ld", left / 60, left % 60);
    }
    /* \033[K clears what a longer previous line left. */
    fprintf(stderr, "\rtmexport: %zu/%zu documents, %.1f MB/s, %zu pairs, ETA %s\033[K", done,
            total, rate / 1e6, pairs, eta);
    fflush(stderr);
    p->shown = 1;
}

void tme_progress_finish(tme_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
    p->shown = 0;
}
