/* SPDX-License-Identifier: MIT */
/* Decoding with an encoding named by the first byte (automatic included),
 * then paragraph splitting. Decoded text must be valid UTF-8 with LF line
 * ends; paragraphs must be non-empty, single-line and classified
 * consistently. */
#include <string.h>

#include "decode.h"
#include "fuzz.h"
#include "paragraph.h"

static const char *const encodings[] = {
    NULL,
    "UTF-8",
    "UTF-16",
    "UTF-16LE",
    "UTF-16BE",
    "GB18030",
    "GBK",
    "BIG5",
    "ISO-8859-1",
    "SHIFT_JIS",
    "UTF-32",
    "CP1252",
    "nonexistent-encoding",
};

static void check_paragraphs(const tme_text *text)
{
    tme_paragraphs paragraphs;
    tme_error err;
    tme_error_clear(&err);
    FUZZ_CHECK(tme_split_paragraphs(text->text, text->len, &paragraphs, &err) == TME_OK);
    size_t prev_line = 0;
    for (size_t k = 0; k < paragraphs.count; k++) {
        const tme_paragraph *p = &paragraphs.items[k];
        FUZZ_CHECK(p->len > 0 && p->len == strlen(p->text));
        FUZZ_CHECK(memchr(p->text, '\n', p->len) == NULL);
        FUZZ_CHECK(fuzz_valid_utf8(p->text, p->len));
        FUZZ_CHECK(p->line > prev_line);
        prev_line = p->line;
        size_t han, latin;
        FUZZ_CHECK(tme_classify_script(p->text, p->len, &han, &latin) == p->script);
        FUZZ_CHECK(han == p->han && latin == p->latin);
    }
    tme_paragraphs_free(&paragraphs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *encoding = encodings[data[0] % (sizeof encodings / sizeof encodings[0])];
    tme_text text;
    tme_error err;
    tme_error_clear(&err);
    tme_status status = tme_decode(data + 1, size - 1, encoding, "fuzz", &text, &err);
    if (status != TME_OK) {
        FUZZ_CHECK(status == TME_ERR_INPUT || status == TME_ERR_USAGE);
        FUZZ_CHECK(err.message[0] != '\0');
        return 0;
    }
    FUZZ_CHECK(text.text[text.len] == '\0');
    FUZZ_CHECK(memchr(text.text, '\r', text.len) == NULL);
    FUZZ_CHECK(fuzz_valid_utf8(text.text, text.len));
    check_paragraphs(&text);
    tme_text_free(&text);
    return 0;
}
