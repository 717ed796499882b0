/* SPDX-License-Identifier: MIT */
#include "tsv_fields.h"

#include "text_output.h"

static const char *const field_names[TME_TSV_FIELD_KINDS] = {"source", "target", "document",
                                                             "score"};

int tme_tsv_fields_parse(const char *spec, tme_tsv_fields *out)
{
    return tme_parse_field_list(spec, field_names, TME_TSV_FIELD_KINDS, out->fields,
                                TME_TSV_MAX_FIELDS, &out->count);
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
