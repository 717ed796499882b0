/* SPDX-License-Identifier: MIT */
/* The TSV paragraph-pairs reader: "source<TAB>target" lines (in the column
 * order --src-lang/--tgt-lang say), each a paragraph and its translation,
 * whose sentences are aligned. What `tmexport align` reads. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

static tme_status add_line(tme_document *doc, const char *row, size_t row_len, size_t line,
                           tme_error *err)
{
    const char *tab = memchr(row, '\t', row_len);
    if (tab == NULL || memchr(tab + 1, '\t', row_len - (size_t)(tab + 1 - row)) != NULL)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%zu: expected two tab-separated columns (source<TAB>target)",
                             doc->name, line);
    const char *first = row, *second = tab + 1;
    size_t first_len = (size_t)(tab - row), second_len = row_len - first_len - 1;
    doc->counters.n[TME_COUNT_PARAGRAPHS] += 2;
    doc->counters.n[TME_COUNT_ENGLISH]++;
    doc->counters.n[TME_COUNT_CHINESE]++;
    if (doc->settings->source_is_chinese)
        return tme_document_add_paragraph_pair(doc, second, second_len, first, first_len, 1.0, err);
    return tme_document_add_paragraph_pair(doc, first, first_len, second, second_len, 1.0, err);
}

static tme_status tsv_pairs_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    tme_text text;
    tme_status status = tme_document_read_text(doc, in, &text, err);
    if (status != TME_OK)
        return status;
    size_t line = 0, start = 0;
    while (start < text.len && status == TME_OK) {
        line++;
        const char *nl = memchr(text.text + start, '\n', text.len - start);
        size_t end = nl ? (size_t)(nl - text.text) : text.len;
        if (end > start)
            status = add_line(doc, text.text + start, end - start, line, err);
        start = end + 1;
    }
    tme_text_free(&text);
    return status;
}

/* Lines of exactly two tab-separated columns: pairs, not an article. A
 * last line may be cut by the probe's window, so it is not judged. */
static int tsv_pairs_probe(const unsigned char *data, size_t len, const char *name)
{
    (void)name;
    size_t lines = 0, pairs = 0, start = 0;
    while (start < len) {
        const unsigned char *nl = memchr(data + start, '\n', len - start);
        if (nl == NULL && len == TME_PROBE_BYTES)
            break;
        size_t end = nl ? (size_t)(nl - data) : len;
        if (end > start) {
            const unsigned char *tab = memchr(data + start, '\t', end - start);
            lines++;
            pairs += tab != NULL && memchr(tab + 1, '\t', end - (size_t)(tab + 1 - data)) == NULL;
        }
        start = end + 1;
    }
    return lines > 0 && pairs == lines ? TME_PROBE_LIKELY : TME_PROBE_NO;
}

const tme_input_format tme_input_tsv_pairs = {
    .name = "tsv-pairs",
    .description = "paragraph pairs, source<TAB>target a line, whose sentences are aligned",
    .extensions = "tsv",
    .probe = tsv_pairs_probe,
    .read = tsv_pairs_read,
};
