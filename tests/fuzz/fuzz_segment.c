/* SPDX-License-Identifier: MIT */
/* The segmenter on arbitrary bytes, in both languages. Spans must be
 * non-empty, in order, within the text and non-overlapping; for UTF-8 input
 * they must start and end on character boundaries, carry no whitespace at
 * their edges, and leave only whitespace outside them. */
#include <stdbool.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "charclass.h"
#include "fuzz.h"
#include "segment.h"

/* The segmenter's notion of whitespace (segment.h: "with the whitespace
 * around it excluded") is charclass.h's. */
static bool is_space(utf8proc_int32_t c)
{
    return tme_is_space(c);
}

/* The character at text[pos], which must start one. */
static utf8proc_int32_t char_at(const uint8_t *text, size_t len, size_t pos, size_t *used)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t n = utf8proc_iterate(text + pos, (utf8proc_ssize_t)(len - pos), &c);
    FUZZ_CHECK(n > 0);
    *used = (size_t)n;
    return c;
}

static bool is_boundary(const uint8_t *text, size_t len, size_t pos)
{
    return pos == len || (text[pos] & 0xC0) != 0x80;
}

/* The whitespace-only stretch [from, to) between spans. */
static void check_gap(const uint8_t *text, size_t len, size_t from, size_t to)
{
    while (from < to) {
        size_t used;
        FUZZ_CHECK(is_space(char_at(text, len, from, &used)));
        from += used;
    }
}

static void check_spans(const uint8_t *text, size_t len, const tme_span *spans, size_t count)
{
    int utf8 = fuzz_valid_utf8((const char *)text, len);
    size_t prev_end = 0;
    for (size_t i = 0; i < count; i++) {
        FUZZ_CHECK(spans[i].start < spans[i].end);
        FUZZ_CHECK(spans[i].end <= len);
        FUZZ_CHECK(spans[i].start >= prev_end);
        if (utf8) {
            FUZZ_CHECK(is_boundary(text, len, spans[i].start));
            FUZZ_CHECK(is_boundary(text, len, spans[i].end));
            check_gap(text, len, prev_end, spans[i].start);
            size_t used, last = spans[i].end - 1;
            while (!is_boundary(text, len, last))
                last--;
            FUZZ_CHECK(!is_space(char_at(text, len, spans[i].start, &used)));
            FUZZ_CHECK(!is_space(char_at(text, len, last, &used)));
        }
        prev_end = spans[i].end;
    }
    if (utf8)
        check_gap(text, len, prev_end, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tme_lang langs[] = {TME_LANG_EN, TME_LANG_ZH};
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        tme_span *spans = NULL;
        size_t count = 0;
        FUZZ_CHECK(tme_segment((const char *)data, size, langs[l], &spans, &count, NULL) == TME_OK);
        check_spans(data, size, spans, count);
        free(spans);
    }
    return 0;
}
