/* SPDX-License-Identifier: MIT */
#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

tme_status tme_array_grow(void *items_address, size_t *cap, size_t need, size_t item_size)
{
    size_t grown = *cap ? *cap : TME_ARRAY_MIN_CAP;
    while (grown < need) {
        if (grown > SIZE_MAX / 2)
            return TME_ERR_NOMEM;
        grown *= 2;
    }
    if (item_size != 0 && grown > SIZE_MAX / item_size)
        return TME_ERR_NOMEM;
    void *items;
    memcpy(&items, items_address, sizeof items);
    void *bigger = realloc(items, grown * item_size);
    if (bigger == NULL)
        return TME_ERR_NOMEM;
    memcpy(items_address, &bigger, sizeof bigger);
    *cap = grown;
    return TME_OK;
}
