/* SPDX-License-Identifier: MIT */
/* Sentence alignment of one English–Chinese paragraph pair. */
#ifndef TME_ALIGN_H
#define TME_ALIGN_H

#include <stddef.h>

#include "error.h"

/* A bead joins English sentences [en_begin, en_end) with Chinese sentences
 * [zh_begin, zh_end). One side may be empty (1-0 or 0-1 beads). */
typedef struct {
    size_t en_begin, en_end;
    size_t zh_begin, zh_end;
    double score; /* confidence in [0,1] that the two sides translate each other */
} tme_bead;

/* Aligns en[0..n_en) with zh[0..n_zh) (NUL-terminated UTF-8 sentences, in
 * order). The beads cover both sequences in order, monotonically. On success
 * returns TME_OK and stores a malloc'd array in *beads (free() it) and its
 * length in *n_beads. Fails only for want of memory (TME_ERR_NOMEM, err
 * filled). Time and memory grow linearly with n_en + n_zh (the search is
 * banded). */
tme_status tme_align(const char *const *en, size_t n_en, const char *const *zh, size_t n_zh,
                     tme_bead **beads, size_t *n_beads, tme_error *err);

#endif
