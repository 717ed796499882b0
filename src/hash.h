/* SPDX-License-Identifier: MIT */
/* The project's one string hash: 64-bit FNV-1a, chained over several
 * pieces, with a finalizer for callers that index by the low bits. Anchor
 * sets compare these keys for equality only, so any change here keeps
 * outputs (barring a collision). */
#ifndef TME_HASH_H
#define TME_HASH_H

#include <stddef.h>
#include <stdint.h>

#define TME_HASH_INIT 1469598103934665603ULL

/* Continues hash h over data[0..n). */
static inline uint64_t tme_hash_continue(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static inline uint64_t tme_hash_bytes(const void *data, size_t n)
{
    return tme_hash_continue(TME_HASH_INIT, data, n);
}

/* splitmix64's finalizer: FNV-1a's low bits are poorly mixed, which open
 * addressing by h & (cap - 1) would feel. */
static inline uint64_t tme_hash_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

#endif
