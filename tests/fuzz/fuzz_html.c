/* SPDX-License-Identifier: MIT */
/* The HTML reader on arbitrary bytes. The page's text (the bytes when they
 * are UTF-8, else their automatic decoding) parses, and its paragraphs are
 * non-empty, trimmed, single-line, valid UTF-8 and classified as
 * tme_classify_script() says; the reader itself ends in TME_OK or
 * TME_ERR_INPUT with a message, and every unit it makes is valid UTF-8 with
 * a score in [0,1]. */
#include <libxml/tree.h>
#include <string.h>

#include "charclass.h"
#include "decode.h"
#include "document.h"
#include "format.h"
#include "fuzz.h"
#include "html_parse.h"
#include "html_text.h"
#include "options.h"
#include "stream.h"

static void check_paragraphs(const tme_paragraphs *paragraphs)
{
    for (size_t k = 0; k < paragraphs->count; k++) {
        const tme_paragraph *p = &paragraphs->items[k];
        FUZZ_CHECK(p->len > 0 && p->len == strlen(p->text));
        FUZZ_CHECK(memchr(p->text, '\n', p->len) == NULL);
        FUZZ_CHECK(fuzz_valid_utf8(p->text, p->len));
        size_t start = 0, end = p->len;
        tme_trim_spaces(p->text, &start, &end);
        FUZZ_CHECK(start == 0 && end == p->len);
        size_t han, latin;
        FUZZ_CHECK(tme_classify_script(p->text, p->len, &han, &latin) == p->script);
        FUZZ_CHECK(han == p->han && latin == p->latin);
        FUZZ_CHECK(p->boilerplate == 0 || p->boilerplate == 1);
    }
}

static void check_page_text(const uint8_t *data, size_t size)
{
    tme_error err;
    tme_error_clear(&err);
    tme_text text;
    if (tme_decode(data, size, NULL, "fuzz.html", &text, &err) != TME_OK)
        return;
    xmlDoc *doc;
    tme_status status = tme_html_parse(text.text, text.len, "fuzz.html", &doc, &err);
    tme_text_free(&text);
    if (status != TME_OK) {
        FUZZ_CHECK(status == TME_ERR_INPUT && err.message[0] != '\0');
        return;
    }
    tme_paragraphs paragraphs;
    FUZZ_CHECK(tme_html_paragraphs(doc, &paragraphs, &err) == TME_OK);
    xmlFreeDoc(doc);
    check_paragraphs(&paragraphs);
    tme_paragraphs_free(&paragraphs);
}

static void check_reader(const uint8_t *data, size_t size)
{
    tme_error err;
    tme_error_clear(&err);
    tme_option_values values;
    FUZZ_CHECK(tme_option_values_init(&values, &err) == TME_OK);
    tme_document_settings settings = {.normalize = 1, .options = &values};
    tme_document doc;
    FUZZ_CHECK(tme_document_init(&doc, &settings, "fuzz.html", 0, &err) == TME_OK);
    tme_stream *in;
    FUZZ_CHECK(tme_stream_open_memory(data, size, "fuzz.html", &in, &err) == TME_OK);
    tme_status status = tme_input_format_by_name("html")->read(&doc, in, &err);
    tme_stream_close(in);
    if (status != TME_OK) {
        FUZZ_CHECK(status == TME_ERR_INPUT && err.message[0] != '\0');
    } else {
        for (size_t u = 0; u < doc.units.count; u++) {
            const tme_unit *unit = &doc.units.items[u];
            FUZZ_CHECK(fuzz_valid_utf8(unit->source, strlen(unit->source)));
            FUZZ_CHECK(fuzz_valid_utf8(unit->target, strlen(unit->target)));
            FUZZ_CHECK(unit->score >= 0 && unit->score <= 1);
        }
    }
    tme_document_free(&doc);
    tme_option_values_free(&values);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_page_text(data, size);
    check_reader(data, size);
    return 0;
}
