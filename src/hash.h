/* SPDX-License-Identifier: MIT */
/* The project's one string hash: FNV-1a, then splitmix64's finalizer so
 * that the low bits that pick a hash table slot are well mixed. */
#ifndef TME_HASH_H
#define TME_HASH_H

#include <stddef.h>
#include <stdint.h>

#define TME_FNV1A_OFFSET 1469598103934665603ULL

static inline uint64_t tme_hash_mix(uint64_t h)
{
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

/* FNV-1a of len bytes, continuing from h (TME_FNV1A_OFFSET to start). */
static inline uint64_t tme_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

#endif
