/* SPDX-License-Identifier: MIT */
#include "article_pairs.h"

#include "pairing.h"

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

tme_status tme_article_add_paragraphs(tme_document *doc, const tme_paragraphs *paragraphs,
                                      tme_error *err)
{
    count_paragraphs(doc, paragraphs);
    tme_pairing pairing;
    tme_status status = tme_pair_paragraphs(paragraphs, &pairing, err);
    if (status != TME_OK)
        return status;
    count_unpaired(doc, &pairing);
    status = add_pairs(doc, paragraphs, &pairing, err);
    tme_pairing_free(&pairing);
    return status;
}
