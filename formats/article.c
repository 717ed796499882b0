/* SPDX-License-Identifier: MIT */
/* The article reader: a bilingual article as plain text (an English
 * paragraph followed or preceded by its Chinese translation, with the
 * site's header, captions, widgets and footer around them). Paragraphs are
 * split and classified, paired with their translations, and each pair goes
 * to the document; what has no translation is counted and left. */
#include "format.h"

#include <stdlib.h>

#include "pairing.h"
#include "paragraph.h"

static void count_paragraphs(tme_document *doc, const tme_paragraphs *paragraphs)
{
    doc->counters.n[TME_COUNT_PARAGRAPHS] += paragraphs->count;
    for (size_t k = 0; k < paragraphs->count; k++) {
        tme_script script = paragraphs->items[k].script;
        tme_counter c = script == TME_SCRIPT_LATIN ? TME_COUNT_ENGLISH
                        : script == TME_SCRIPT_HAN ? TME_COUNT_CHINESE
                                                   : TME_COUNT_OTHER;
        doc->counters.n[c]++;
    }
}

static void count_unpaired(tme_document *doc, const tme_pairing *pairing)
{
    doc->counters.n[TME_COUNT_UNPAIRED_NO_COUNTERPART] +=
        pairing->unpaired[TME_UNPAIRED_NO_COUNTERPART];
    doc->counters.n[TME_COUNT_UNPAIRED_NAVIGATION] += pairing->unpaired[TME_UNPAIRED_NAVIGATION];
    doc->counters.n[TME_COUNT_UNPAIRED_OTHER_SCRIPT] +=
        pairing->unpaired[TME_UNPAIRED_OTHER_SCRIPT];
}

static tme_status add_pairs(tme_document *doc, const tme_paragraphs *paragraphs,
                            const tme_pairing *pairing, tme_error *err)
{
    tme_status status = TME_OK;
    for (size_t k = 0; k < pairing->count && status == TME_OK; k++) {
        const tme_paragraph *en = &paragraphs->items[pairing->pairs[k].en];
        const tme_paragraph *zh = &paragraphs->items[pairing->pairs[k].zh];
        status = tme_document_add_paragraph_pair(doc, en->text, en->len, zh->text, zh->len,
                                                 pairing->pairs[k].score, err);
    }
    return status;
}

static tme_status article_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    unsigned char *bytes;
    size_t len;
    if (tme_stream_read_all(in, &bytes, &len, err) != TME_OK)
        return err->status;
    tme_text text;
    tme_status status = tme_document_decode(doc, bytes, len, &text, err);
    free(bytes);
    if (status != TME_OK)
        return status;
    tme_paragraphs paragraphs;
    status = tme_split_paragraphs(text.text, text.len, &paragraphs, err);
    tme_text_free(&text);
    if (status != TME_OK)
        return status;
    count_paragraphs(doc, &paragraphs);
    tme_pairing pairing;
    status = tme_pair_paragraphs(&paragraphs, &pairing, err);
    if (status == TME_OK) {
        count_unpaired(doc, &pairing);
        status = add_pairs(doc, &paragraphs, &pairing, err);
        tme_pairing_free(&pairing);
    }
    tme_paragraphs_free(&paragraphs);
    return status;
}

static int article_probe(const unsigned char *data, size_t len, const char *name)
{
    (void)data;
    (void)len;
    (void)name;
    return TME_PROBE_FALLBACK; /* any text is an article, if nothing else claims it */
}

const tme_input_format tme_input_article = {
    .name = "article",
    .description = "bilingual article as text: paragraphs paired with their translations",
    .extensions = "txt,text",
    .probe = article_probe,
    .read = article_read,
};
