/* SPDX-License-Identifier: MIT */
/* A bump arena: memory handed out from a few large chunks and given back
 * all at once, for the many arrays of a structure that is built, used and
 * dropped as a whole (the aligner's model of one paragraph pair: some
 * thirty arrays, a malloc and a free each, were a sixtieth of extract's
 * instructions). Nothing is freed alone; tme_arena_free frees every chunk.
 *
 * A request that does not fit the chunk in use takes a new chunk (twice the
 * last, up to 1 MiB), or, when large (64 KiB, or more than half the next
 * chunk), a chunk of its own from malloc or calloc, so that a large zeroed
 * array keeps the pages the system zeroes only when they are touched. */
#ifndef TME_ARENA_H
#define TME_ARENA_H

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct tme_arena_chunk tme_arena_chunk;

typedef struct {
    unsigned char *next, *end; /* the free room of the chunk in use (NULL: none) */
    tme_arena_chunk *chunks;   /* the one in use first, then the older */
    size_t next_size;          /* bytes of the next chunk (more when a request needs it) */
} tme_arena;

#define TME_ARENA_ALIGNMENT alignof(max_align_t)

/* An empty arena whose first chunk will have room for first_bytes (the
 * caller's estimate of all it will ask for: one chunk when it is right). */
void tme_arena_init(tme_arena *a, size_t first_bytes);

/* What tme_arena_alloc and tme_arena_calloc do when the chunk in use has
 * no room. */
void *tme_arena_alloc_slow(tme_arena *a, size_t count, size_t size, int zeroed);

/* count items of size bytes from the free room of the chunk in use, or
 * NULL when it has not the room (or count * size is absurd). */
static inline void *tme_arena_bump(tme_arena *a, size_t count, size_t size)
{
    if (size == 0 || count > (SIZE_MAX / 2) / size || a->next == NULL)
        return NULL;
    size_t bytes = (count * size + TME_ARENA_ALIGNMENT - 1) & ~(TME_ARENA_ALIGNMENT - 1);
    bytes += bytes == 0 ? TME_ARENA_ALIGNMENT : 0;
    if (bytes > (size_t)(a->end - a->next))
        return NULL;
    void *p = a->next;
    a->next += bytes;
    return p;
}

/* Room for count items of size bytes, aligned for any type (distinct and
 * not NULL for none); NULL when out of memory or when count * size
 * overflows. Its contents are undefined. */
static inline void *tme_arena_alloc(tme_arena *a, size_t count, size_t size)
{
    void *p = tme_arena_bump(a, count, size);
    return p != NULL ? p : tme_arena_alloc_slow(a, count, size, 0);
}

/* The same, zeroed. */
static inline void *tme_arena_calloc(tme_arena *a, size_t count, size_t size)
{
    void *p = tme_arena_bump(a, count, size);
    if (p == NULL)
        return tme_arena_alloc_slow(a, count, size, 1);
    memset(p, 0, count * size);
    return p;
}

/* Frees every chunk; the arena is then empty (its next chunk the size the
 * growth had reached). */
void tme_arena_free(tme_arena *a);

#endif
