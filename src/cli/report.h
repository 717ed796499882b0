/* SPDX-License-Identifier: MIT */
/* What the tool says while and after a session runs: warnings, skipped
 * inputs and a progress line (from the session's events), and the --stats
 * summary (from its counters). */
#ifndef TME_CLI_REPORT_H
#define TME_CLI_REPORT_H

#include <stdio.h>

#include "progress.h"
#include "tmexport.h"

typedef struct {
    const char *command;
    tme_session *session;
    int quiet;
    int notes; /* print each document's note (--verbose, or --stats on a few documents) */
    tme_progress progress;
} cli_report;

/* Prepares the progress line and takes the session's events. */
void cli_report_init(cli_report *report, const char *command, tme_session *session, int quiet,
                     int notes);

/* The --stats summary. */
void cli_print_stats(FILE *out, const tme_session *session);

#endif
