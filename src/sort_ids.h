/* SPDX-License-Identifier: MIT */
/* Ascending sorts of id arrays, and searches in them (lexicon ids, hashes), the hot sort of
 * pairing and of the lexical features: an introsort with the comparison
 * inlined, which qsort()'s call per comparison is not (it was a fifth of
 * the time of aligning with the lexicon). */
#ifndef TME_SORT_IDS_H
#define TME_SORT_IDS_H

#include <stddef.h>
#include <stdint.h>

void tme_sort_u32(uint32_t *a, size_t n);
void tme_sort_u64(uint64_t *a, size_t n);

/* The first index in the sorted a[lo, n) whose id is not below id (n when
 * none is). */
size_t tme_lower_bound_u32(const uint32_t *a, size_t lo, size_t n, uint32_t id);
size_t tme_lower_bound_u64(const uint64_t *a, size_t lo, size_t n, uint64_t id);

#endif
