/* SPDX-License-Identifier: MIT */
#include "dedup.h"

#include "hash.h"

#include <stdlib.h>
#include <string.h>

static uint64_t pair_hash(tme_dedup_key key, const char *source, const char *target)
{
    uint64_t h = tme_fnv1a(TME_FNV1A_OFFSET, source, strlen(source));
    if (key == TME_DEDUP_PAIR) {
        /* The tab keeps ("ab","c") and ("a","bc") apart. */
        h = tme_fnv1a(h, "\t", 1);
        h = tme_fnv1a(h, target, strlen(target));
    }
    h = tme_hash_mix(h);
    return h == 0 ? 1 : h;
}

void tme_dedup_init(tme_dedup *set, tme_dedup_key key)
{
    memset(set, 0, sizeof *set);
    set->key = key;
}

static int insert(uint64_t *slots, size_t cap, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (slots[i] != 0) {
        if (slots[i] == h)
            return 1;
        i = (i + 1) & (cap - 1);
    }
    slots[i] = h;
    return 0;
}

static int grow(tme_dedup *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < set->cap; i++)
        if (set->slots[i] != 0)
            insert(slots, cap, set->slots[i]);
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return 0;
}

int tme_dedup_seen(tme_dedup *set, const char *source, const char *target)
{
    if ((set->count + 1) * 2 > set->cap && grow(set) != 0)
        return -1;
    if (insert(set->slots, set->cap, pair_hash(set->key, source, target)))
        return 1;
    set->count++;
    return 0;
}

void tme_dedup_free(tme_dedup *set)
{
    free(set->slots);
    memset(set, 0, sizeof *set);
}
