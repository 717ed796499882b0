/* SPDX-License-Identifier: MIT */
#include "unit_props.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "hash.h"

/* How many documents of this name were begun before (a run that reads the
 * same file twice); remembers this one. */
static tme_status count_repeats(tme_unit_ids *ids, uint64_t hash, size_t *before, tme_error *err)
{
    *before = 0;
    for (size_t k = 0; k < ids->n_seen; k++)
        *before += ids->seen[k] == hash;
    if (TME_ARRAY_RESERVE(ids->seen, ids->cap_seen, ids->n_seen + 1) != TME_OK)
        return tme_error_nomem(err);
    ids->seen[ids->n_seen++] = hash;
    return TME_OK;
}

tme_status tme_unit_ids_begin_document(tme_unit_ids *ids, const char *document, tme_error *err)
{
    uint64_t hash = tme_hash_mix(tme_fnv1a(TME_FNV1A_OFFSET, document, strlen(document)));
    size_t before;
    if (count_repeats(ids, hash, &before, err) != TME_OK)
        return err->status;
    if (before == 0)
        snprintf(ids->document_id, sizeof ids->document_id, "%016llx", (unsigned long long)hash);
    else
        snprintf(ids->document_id, sizeof ids->document_id, "%016llx.%zu", (unsigned long long)hash,
                 before + 1);
    return TME_OK;
}

/* "<document id>-<index + 1>", spelled out rather than by snprintf(): it was
 * a tenth of the TMX writer's instructions. document_id (40 bytes) and 20
 * digits always fit in 64. */
const char *tme_unit_ids_of(const tme_unit_ids *ids, const tme_unit *unit, char out[64])
{
    if (unit->id != NULL)
        return unit->id;
    size_t len = strlen(ids->document_id);
    memcpy(out, ids->document_id, len);
    out[len++] = '-';
    char digits[24];
    size_t n = 0;
    size_t value = unit->index + 1;
    do
        digits[n++] = (char)('0' + value % 10);
    while ((value /= 10) > 0);
    while (n > 0)
        out[len++] = digits[--n];
    out[len] = '\0';
    return out;
}

void tme_unit_ids_free(tme_unit_ids *ids)
{
    free(ids->seen);
    ids->seen = NULL;
    ids->n_seen = ids->cap_seen = 0;
}

int tme_score_parse(const char *text, size_t len, double *score)
{
    /* An integer over a power of ten is correctly rounded, as strtod()
     * would be, for up to 15 digits. */
    double mantissa = 0, divisor = 1;
    size_t digits = 0, k = 0;
    for (; k < len && text[k] >= '0' && text[k] <= '9'; k++, digits++)
        mantissa = mantissa * 10 + (text[k] - '0');
    if (k < len && text[k] == '.')
        for (k++; k < len && text[k] >= '0' && text[k] <= '9'; k++, digits++) {
            mantissa = mantissa * 10 + (text[k] - '0');
            divisor *= 10;
        }
    if (digits == 0 || digits > 15 || k != len || mantissa / divisor > 1.0)
        return -1;
    *score = mantissa / divisor;
    return 0;
}
