/* SPDX-License-Identifier: MIT */
/* The columns of a TSV of units, as --tsv-fields writes them and
 * --tsv-columns reads them back: "source,target[,document,score]" (parsed
 * by the field-list parser the line writers share, text_output.h). */
#ifndef TME_TSV_FIELDS_H
#define TME_TSV_FIELDS_H

#include <stddef.h>

#include "error.h"

typedef enum {
    TME_TSV_SOURCE,
    TME_TSV_TARGET,
    TME_TSV_DOCUMENT,
    TME_TSV_SCORE,
    TME_TSV_FIELD_KINDS
} tme_tsv_field;

#define TME_TSV_MAX_FIELDS 8

typedef struct {
    int fields[TME_TSV_MAX_FIELDS]; /* tme_tsv_field values */
    size_t count;
} tme_tsv_fields;

/* Parses "source,target,score" into out; -1 on an unknown or empty name or
 * more than TME_TSV_MAX_FIELDS of them. */
int tme_tsv_fields_parse(const char *spec, tme_tsv_fields *out);

/* TME_ERR_USAGE naming `option` and what it takes, unless spec parses. */
tme_status tme_tsv_fields_check(const char *option, const char *spec, tme_error *err);

#endif
