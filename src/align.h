/* SPDX-License-Identifier: MIT */
/* Sentence alignment of one English–Chinese paragraph pair. */
#ifndef TME_ALIGN_H
#define TME_ALIGN_H

#include <stddef.h>

#include "error.h"
#include "text_features.h"

/* A bead joins English sentences [en_begin, en_end) with Chinese sentences
 * [zh_begin, zh_end). One side may be empty (1-0 or 0-1 beads). */
typedef struct {
    size_t en_begin, en_end;
    size_t zh_begin, zh_end;
    double score; /* confidence in [0,1] that the two sides translate each other */
} tme_bead;

/* Aligns the sentences of en with those of zh (text_features.h: from
 * tme_features_of_sentences or tme_features_of_spans, in the languages
 * their names say). The beads cover both sequences in order,
 * monotonically. On success returns TME_OK and stores a malloc'd array in
 * *beads (free() it) and its length in *n_beads. Fails only for want of
 * memory (TME_ERR_NOMEM, err filled). Time and memory grow linearly with
 * the sentence counts (the search is banded). */
tme_status tme_align(const tme_features *en, const tme_features *zh, tme_bead **beads,
                     size_t *n_beads, tme_error *err);

#endif
