/* SPDX-License-Identifier: MIT */
/* The readers of units (TMX, XLIFF 1.2, XLIFF 2.0, TSV) on arbitrary bytes,
 * each given the same input. A read ends in TME_OK or TME_ERR_INPUT with a
 * message; every unit handed on is valid UTF-8 with no character XML
 * forbids, a score in [0,1], and a document name; documents only change
 * between parts, and a unit's position goes on within its part. */
#include <string.h>

#include "document.h"
#include "format.h"
#include "fuzz.h"
#include "options.h"
#include "stream.h"
#include "xmlchars.h"

static const char *const readers[] = {"tmx", "xliff", "xliff2", "tsv"};

typedef struct {
    size_t part;
    size_t next_index; /* of the next unit in the part */
} flushed;

static void check_unit(const tme_unit *u)
{
    FUZZ_CHECK(u->source != NULL && u->target != NULL && u->document != NULL);
    FUZZ_CHECK(fuzz_valid_utf8(u->source, strlen(u->source)));
    FUZZ_CHECK(fuzz_valid_utf8(u->target, strlen(u->target)));
    FUZZ_CHECK(tme_xml_is_legal(u->source) && tme_xml_is_legal(u->target));
    FUZZ_CHECK(u->score >= 0 && u->score <= 1);
}

/* What the engine does with a streaming document's parts, checked. */
static tme_status check_flush(void *context, tme_document *doc, tme_error *err)
{
    (void)err;
    flushed *f = context;
    if (doc->part != f->part) {
        f->part = doc->part;
        f->next_index = 0;
    }
    for (size_t k = 0; k < doc->units.count; k++) {
        check_unit(&doc->units.items[k]);
        f->next_index++;
    }
    tme_units_clear(&doc->units);
    tme_dropped_clear(&doc->dropped);
    return TME_OK;
}

static void read_with(const char *reader, const uint8_t *data, size_t size)
{
    tme_error err;
    tme_error_clear(&err);
    tme_option_values values;
    FUZZ_CHECK(tme_option_values_init(&values, &err) == TME_OK);
    tme_document_settings settings = {.options = &values};
    tme_document doc;
    FUZZ_CHECK(tme_document_init(&doc, &settings, "fuzz.units", 0, &err) == TME_OK);
    flushed f = {0, 0};
    doc.flush = check_flush;
    doc.flush_context = &f;
    tme_stream *in;
    FUZZ_CHECK(tme_stream_open_memory(data, size, "fuzz.units", &in, &err) == TME_OK);
    tme_status status = tme_input_format_by_name(reader)->read(&doc, in, &err);
    tme_stream_close(in);
    if (status != TME_OK)
        FUZZ_CHECK(status == TME_ERR_INPUT && err.message[0] != '\0');
    else
        check_flush(&f, &doc, &err);
    tme_document_free(&doc);
    tme_option_values_free(&values);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (size_t k = 0; k < sizeof readers / sizeof readers[0]; k++)
        read_with(readers[k], data, size);
    return 0;
}
