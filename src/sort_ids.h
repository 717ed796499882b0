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
 * none is). Inline: the lexical masks ask it in their inner loop. Halving
 * without a branch (the half kept by a conditional move): which half
 * holds id is a coin toss for the branch predictor. [base, base + len]
 * always holds the answer. */
#define TME_DEFINE_LOWER_BOUND(T, NAME)                                                            \
    static inline size_t NAME(const T *a, size_t lo, size_t n, T id)                               \
    {                                                                                              \
        if (lo >= n)                                                                               \
            return n;                                                                              \
        const T *base = a + lo;                                                                    \
        size_t len = n - lo;                                                                       \
        while (len > 1) {                                                                          \
            size_t half = len / 2;                                                                 \
            base = base[half - 1] < id ? base + half : base;                                       \
            len -= half;                                                                           \
        }                                                                                          \
        return (size_t)(base - a) + (*base < id);                                                  \
    }

TME_DEFINE_LOWER_BOUND(uint32_t, tme_lower_bound_u32)
TME_DEFINE_LOWER_BOUND(uint64_t, tme_lower_bound_u64)
#undef TME_DEFINE_LOWER_BOUND

/* 1 when the sorted a[0, n) has id. */
static inline int tme_sorted_has_u32(const uint32_t *a, size_t n, uint32_t id)
{
    size_t at = tme_lower_bound_u32(a, 0, n, id);
    return at < n && a[at] == id;
}

static inline int tme_sorted_has_u64(const uint64_t *a, size_t n, uint64_t id)
{
    size_t at = tme_lower_bound_u64(a, 0, n, id);
    return at < n && a[at] == id;
}

#endif
