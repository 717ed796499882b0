/* SPDX-License-Identifier: MIT */
/* Growable arrays: the one place that grows a malloc'd array by doubling. */
#ifndef TME_ARRAY_H
#define TME_ARRAY_H

#include <stddef.h>

#include "error.h"

/* Makes room for need items in the array whose pointer is at items_address
 * (a T **, passed as void * so that any element type fits) and whose
 * capacity, in items of item_size bytes, is *cap: the capacity doubles
 * (from TME_ARRAY_MIN_CAP) until it holds need. The pointer is read and
 * written by memcpy, so no T * is accessed as a void *. Returns TME_OK, or
 * TME_ERR_NOMEM with the array and *cap unchanged (still valid, still the
 * caller's to free). */
tme_status tme_array_grow(void *items_address, size_t *cap, size_t need, size_t item_size);

#define TME_ARRAY_MIN_CAP 16

static inline tme_status tme_array_reserve(void *items_address, size_t *cap, size_t need,
                                           size_t item_size)
{
    return need <= *cap ? TME_OK : tme_array_grow(items_address, cap, need, item_size);
}

/* TME_ARRAY_RESERVE(list->items, list->cap, list->count + 1): the element
 * size taken from the pointer's type. */
#define TME_ARRAY_RESERVE(items, cap, need)                                                        \
    tme_array_reserve(&(items), &(cap), (need), sizeof *(items))

#endif
