/* SPDX-License-Identifier: MIT */
#include "arena.h"

#include <stdlib.h>

/* A chunk's items start at its header's end, which max_align_t aligns. */
struct tme_arena_chunk {
    tme_arena_chunk *previous;
    alignas(max_align_t) unsigned char data[];
};

#define ALIGNMENT TME_ARENA_ALIGNMENT
#define MIN_CHUNK ((size_t)256)
/* Chunks after the first grow by doubling up to this, so that an arena
 * asked for more than its estimate takes few chunks and wastes at most
 * about one. */
#define MAX_CHUNK_GROWTH ((size_t)1 << 20)
/* A request this large (or more than half the next chunk) that does not
 * fit the chunk in use gets a chunk of its own, behind the one in use,
 * which is then not wasted. */
#define OWN_CHUNK ((size_t)64 << 10)

void tme_arena_init(tme_arena *a, size_t first_bytes)
{
    a->next = a->end = NULL;
    a->chunks = NULL;
    a->next_size = first_bytes < MIN_CHUNK ? MIN_CHUNK : first_bytes;
}

static tme_arena_chunk *new_chunk(size_t bytes, int zeroed)
{
    if (bytes > SIZE_MAX - sizeof(tme_arena_chunk))
        return NULL;
    return zeroed ? calloc(1, sizeof(tme_arena_chunk) + bytes)
                  : malloc(sizeof(tme_arena_chunk) + bytes);
}

/* bytes (a multiple of ALIGNMENT) in a chunk of their own, which they fill. */
static void *own_chunk(tme_arena *a, size_t bytes, int zeroed)
{
    tme_arena_chunk *c = new_chunk(bytes, zeroed);
    if (c == NULL)
        return NULL;
    if (a->chunks == NULL || a->next == NULL) {
        c->previous = a->chunks;
        a->chunks = c; /* and no room in use */
    } else {
        c->previous = a->chunks->previous;
        a->chunks->previous = c;
    }
    return c->data;
}

/* bytes from a new chunk, which is then the one in use. */
static void *from_new_chunk(tme_arena *a, size_t bytes, int zeroed)
{
    size_t size = a->next_size > bytes ? a->next_size : bytes;
    tme_arena_chunk *c = new_chunk(size, 0);
    if (c == NULL)
        return NULL;
    c->previous = a->chunks;
    a->chunks = c;
    a->next = c->data + bytes;
    a->end = c->data + size;
    if (a->next_size < MAX_CHUNK_GROWTH)
        a->next_size *= 2;
    if (zeroed)
        memset(c->data, 0, bytes);
    return c->data;
}

void *tme_arena_alloc_slow(tme_arena *a, size_t count, size_t size, int zeroed)
{
    if (size != 0 && count > (SIZE_MAX - ALIGNMENT) / size)
        return NULL;
    size_t bytes = (count * size + ALIGNMENT - 1) & ~(ALIGNMENT - 1);
    bytes += bytes == 0 ? ALIGNMENT : 0;
    if (a->next != NULL && bytes <= (size_t)(a->end - a->next)) { /* size 0, or a huge count */
        void *p = a->next;
        a->next += bytes;
        if (zeroed)
            memset(p, 0, bytes);
        return p;
    }
    if (bytes >= OWN_CHUNK || bytes > a->next_size / 2)
        return own_chunk(a, bytes, zeroed);
    return from_new_chunk(a, bytes, zeroed);
}

void tme_arena_free(tme_arena *a)
{
    for (tme_arena_chunk *c = a->chunks; c != NULL;) {
        tme_arena_chunk *previous = c->previous;
        free(c);
        c = previous;
    }
    tme_arena_init(a, a->next_size);
}
