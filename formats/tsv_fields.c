/* SPDX-License-Identifier: MIT */
#include "tsv_fields.h"

#include <string.h>

static const char *const field_names[TME_TSV_FIELD_KINDS] = {"source", "target", "document",
                                                             "score"};

int tme_tsv_fields_parse(const char *spec, tme_tsv_fields *out)
{
    out->count = 0;
    const char *p = spec;
    while (*p != '\0') {
        size_t len = strcspn(p, ",");
        size_t k = 0;
        while (k < TME_TSV_FIELD_KINDS &&
               !(strlen(field_names[k]) == len && strncmp(p, field_names[k], len) == 0))
            k++;
        if (k == TME_TSV_FIELD_KINDS || out->count == TME_TSV_MAX_FIELDS)
            return -1;
        out->fields[out->count++] = (tme_tsv_field)k;
        p += len;
        if (*p == ',' && *++p == '\0')
            return -1;
    }
    return out->count > 0 ? 0 : -1;
}

tme_status tme_tsv_fields_check(const char *option, const char *spec, tme_error *err)
{
    tme_tsv_fields fields;
    if (tme_tsv_fields_parse(spec, &fields) != 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--%s wants a comma-separated list of source, target, document, "
                             "score; not '%s'",
                             option, spec);
    return TME_OK;
}
