/* SPDX-License-Identifier: MIT */
/* --dedup: remembers which pairs were written, as 64-bit hashes. */
#ifndef TME_DEDUP_H
#define TME_DEDUP_H

#include <stddef.h>
#include <stdint.h>

typedef enum { TME_DEDUP_PAIR, TME_DEDUP_SOURCE } tme_dedup_key;

/* Open addressing with 8-byte slots, doubled when half full: 16 to 32 bytes
 * of memory per distinct pair. A 64-bit hash makes even one false duplicate
 * among a billion pairs about a 3% chance. */
#define TME_DEDUP_MIN_BYTES_PER_PAIR 16
#define TME_DEDUP_MAX_BYTES_PER_PAIR 32

typedef struct {
    uint64_t *slots; /* 0 = empty */
    size_t cap, count;
    tme_dedup_key key;
} tme_dedup;

void tme_dedup_init(tme_dedup *set, tme_dedup_key key);

/* 1 when the pair (or its source, with TME_DEDUP_SOURCE) was seen before;
 * else records it and returns 0. -1 when out of memory. */
int tme_dedup_seen(tme_dedup *set, const char *source, const char *target);

void tme_dedup_free(tme_dedup *set);

#endif
