/* SPDX-License-Identifier: MIT */
/* Where an output's bytes end up, decided by what the path is (lstat(), then
 * fstat() of what was opened):
 *   - a regular file, or nothing yet: a temporary file beside it, which
 *     tme_destination_commit() renames over the target, so a failed or
 *     interrupted run leaves the previous file untouched and no temporary
 *     behind; a replaced file keeps its mode (and its owner and group where
 *     the process may set them); a new one gets 0666 less the umask;
 *   - a symbolic link: the same for the file at the end of the chain, the
 *     link stays (a dangling link creates its target);
 *   - a character device, FIFO or socket: written as it is, no temporary, no
 *     rename; so is "-" (stdout) and /dev/stdout, /dev/stderr, /dev/fd/N,
 *     which name a descriptor of the process;
 *   - a directory or a block device: an error at open.
 * The sink (sink.h) streams into a destination; this file knows paths. */
#ifndef TME_DESTINATION_H
#define TME_DESTINATION_H

#include "error.h"

typedef struct tme_destination tme_destination;

/* Opens what path names ("-" is stdout). NULL with err set on failure,
 * leaving nothing behind. */
tme_destination *tme_destination_open(const char *path, tme_error *err);

/* The descriptor to write to. */
int tme_destination_fd(const tme_destination *d);

/* "standard output" for "-", else the path as given: for messages. */
const char *tme_destination_name(const tme_destination *d);

/* 1 when the bytes go straight to their destination (stdout, a device, a
 * FIFO, a socket): what was written cannot be taken back. */
int tme_destination_is_direct(const tme_destination *d);

/* Syncs where that means something (files, stdout on a file) and closes
 * (stdout stays open: the tool closes and checks it at exit). Renames
 * nothing. Safe to call twice. */
tme_status tme_destination_close(tme_destination *d, tme_error *err);

/* Closes if not done yet, renames the temporary into place (and syncs its
 * directory); frees d in every case. */
tme_status tme_destination_commit(tme_destination *d, tme_error *err);

/* Closes, removes the temporary (the previous file stays); frees d. */
void tme_destination_abort(tme_destination *d);

/* Unlinks every temporary file of the process and refuses to create new
 * ones: for a process about to die of SIGINT or SIGTERM. It takes a lock, so
 * call it from an ordinary thread (the tool's signal thread, which
 * sigwait()s), never from a signal handler. */
void tme_destination_unlink_all_temporaries(void);

/* The name a dangling symbolic link (chain) at path points to, which
 * writing through it creates: *resolved, malloc'd. */
tme_status tme_destination_follow_dangling_link(const char *path, char **resolved, tme_error *err);

#endif
