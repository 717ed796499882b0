/* SPDX-License-Identifier: MIT */
#include "sort_ids.h"

/* Introsort: quicksort (median of three), heapsort past a depth limit,
 * insertion sort for short runs. One definition for both widths. */
#define TME_DEFINE_SORT(T, NAME)                                                                   \
    static void NAME##_sift_down(T *a, size_t root, size_t n)                                      \
    {                                                                                              \
        for (size_t child; (child = 2 * root + 1) < n; root = child) {                             \
            if (child + 1 < n && a[child + 1] > a[child])                                          \
                child++;                                                                           \
            if (a[root] >= a[child])                                                               \
                return;                                                                            \
            T tmp = a[root];                                                                       \
            a[root] = a[child];                                                                    \
            a[child] = tmp;                                                                        \
        }                                                                                          \
    }                                                                                              \
    static void NAME##_heapsort(T *a, size_t n)                                                    \
    {                                                                                              \
        for (size_t root = n / 2; root-- > 0;)                                                     \
            NAME##_sift_down(a, root, n);                                                          \
        for (size_t end = n - 1; end > 0; end--) {                                                 \
            T tmp = a[0];                                                                          \
            a[0] = a[end];                                                                         \
            a[end] = tmp;                                                                          \
            NAME##_sift_down(a, 0, end);                                                           \
        }                                                                                          \
    }                                                                                              \
    static void NAME##_insertion(T *a, size_t n)                                                   \
    {                                                                                              \
        for (size_t i = 1; i < n; i++) {                                                           \
            T v = a[i];                                                                            \
            size_t k = i;                                                                          \
            for (; k > 0 && a[k - 1] > v; k--)                                                     \
                a[k] = a[k - 1];                                                                   \
            a[k] = v;                                                                              \
        }                                                                                          \
    }                                                                                              \
    static void NAME##_intro(T *a, size_t n, unsigned depth)                                       \
    {                                                                                              \
        while (n > 16) {                                                                           \
            if (depth-- == 0) {                                                                    \
                NAME##_heapsort(a, n);                                                             \
                return;                                                                            \
            }                                                                                      \
            T x = a[0], y = a[n / 2], z = a[n - 1];                                                \
            T pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));       \
            size_t i = 0, j = n - 1;                                                               \
            for (;;) {                                                                             \
                while (a[i] < pivot)                                                               \
                    i++;                                                                           \
                while (a[j] > pivot)                                                               \
                    j--;                                                                           \
                if (i >= j)                                                                        \
                    break;                                                                         \
                T tmp = a[i];                                                                      \
                a[i] = a[j];                                                                       \
                a[j] = tmp;                                                                        \
                i++;                                                                               \
                j--;                                                                               \
            }                                                                                      \
            NAME##_intro(a, j + 1, depth);                                                         \
            a += j + 1;                                                                            \
            n -= j + 1;                                                                            \
        }                                                                                          \
        NAME##_insertion(a, n);                                                                    \
    }                                                                                              \
    void NAME(T *a, size_t n)                                                                      \
    {                                                                                              \
        if (n > 1)                                                                                 \
            NAME##_intro(a, n, 64);                                                                \
    }

TME_DEFINE_SORT(uint32_t, tme_sort_u32)
TME_DEFINE_SORT(uint64_t, tme_sort_u64)
