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
 * none is). Inline: the lexical masks ask it in their inner loop. */
#define TME_DEFINE_LOWER_BOUND(T, NAME)                                                            \
    static inline size_t NAME(const T *a, size_t lo, size_t n, T id)                               \
    {                                                                                              \
        size_t hi = n;                                                                             \
        while (lo < hi) {                                                                          \
            size_t mid = lo + (hi - lo) / 2;                                                       \
            if (a[mid] < id)                                                                       \
                lo = mid + 1;                                                                      \
            else                                                                                   \
                hi = mid;                                                                          \
        }                                                                                          \
        return lo;                                                                                 \
    }

TME_DEFINE_LOWER_BOUND(uint32_t, tme_lower_bound_u32)
TME_DEFINE_LOWER_BOUND(uint64_t, tme_lower_bound_u64)
#undef TME_DEFINE_LOWER_BOUND

#endif
