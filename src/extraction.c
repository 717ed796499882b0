/* SPDX-License-Identifier: MIT */
#include "extraction.h"

#include <stdlib.h>
#include <string.h>

#include "pairing.h"

/* The longest article (its paragraphs' bytes) whose sentences pairing keeps
 * for the aligner; nearly every article is under a tenth of it. */
#define ONE_PASS_MAX_BYTES (1u << 20)

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

/* The paragraphs no pair took, with why, for the writers that show them. */
static tme_status drop_unpaired(tme_document *doc, const tme_paragraphs *paragraphs,
                                const tme_pairing *pairing, tme_error *err)
{
    unsigned char *paired = calloc(paragraphs->count + 1, 1);
    if (paired == NULL)
        return tme_error_nomem(err);
    for (size_t k = 0; k < pairing->count; k++)
        paired[pairing->pairs[k].en] = paired[pairing->pairs[k].zh] = 1;
    tme_status status = TME_OK;
    for (size_t k = 0; k < paragraphs->count && status == TME_OK; k++) {
        const tme_paragraph *p = &paragraphs->items[k];
        if (paired[k])
            continue;
        tme_drop_reason reason = p->boilerplate                  ? TME_DROP_BOILERPLATE
                                 : p->script == TME_SCRIPT_OTHER ? TME_DROP_OTHER_SCRIPT
                                                                 : TME_DROP_NO_TRANSLATION;
        if (p->script == TME_SCRIPT_HAN)
            status = tme_document_drop(doc, NULL, 0, p->text, p->len, 0, reason, NULL, err);
        else
            status = tme_document_drop(doc, p->text, p->len, NULL, 0, 0, reason, NULL, err);
    }
    free(paired);
    return status;
}

tme_status tme_extract_pairs(tme_document *doc, const tme_paragraphs *paragraphs, tme_error *err)
{
    count_paragraphs(doc, paragraphs);
    const tme_lexicon *lexicon;
    tme_status status = tme_document_lexicon(doc, &lexicon, err);
    if (status != TME_OK)
        return status;
    tme_pairing pairing;
    /* The aligner reads the sentences pairing already read, which are kept
     * for every paragraph until the pairs are known: about ten times the
     * text. A page too long for that is read twice instead (the same
     * units), so that memory stays bounded. */
    size_t bytes = 0;
    for (size_t k = 0; k < paragraphs->count; k++)
        bytes += paragraphs->items[k].len;
    int analysed = !doc->settings->paragraph_units && bytes <= ONE_PASS_MAX_BYTES;
    status = tme_pair_paragraphs(paragraphs, lexicon, analysed, &pairing, err);
    if (status != TME_OK)
        return status;
    count_unpaired(doc, &pairing);
    if (doc->settings->keep_dropped)
        status = drop_unpaired(doc, paragraphs, &pairing, err);
    for (size_t k = 0; k < pairing.count && status == TME_OK; k++) {
        const tme_paragraph_pair *pair = &pairing.pairs[k];
        const tme_paragraph *en = &paragraphs->items[pair->en];
        const tme_paragraph *zh = &paragraphs->items[pair->zh];
        status = analysed
                     ? tme_document_add_analysed_pair(doc, en->text, &pairing.sentences[pair->en],
                                                      zh->text, &pairing.sentences[pair->zh], err)
                     : tme_document_add_paragraph_pair(doc, en->text, en->len, zh->text, zh->len,
                                                       pair->score, err);
    }
    tme_pairing_free(&pairing);
    return status;
}

/* A paragraph of the English document that is not English (a Chinese
 * note, a code line) cannot be one side of a pair, and likewise. */
static void keep_to_side(tme_paragraphs *paragraphs, tme_script side)
{
    for (size_t k = 0; k < paragraphs->count; k++)
        if (paragraphs->items[k].script != side)
            paragraphs->items[k].script = TME_SCRIPT_OTHER;
}

tme_status tme_extract_parallel_pairs(tme_document *doc, tme_paragraphs *english,
                                      tme_paragraphs *chinese, tme_error *err)
{
    keep_to_side(english, TME_SCRIPT_LATIN);
    keep_to_side(chinese, TME_SCRIPT_HAN);
    tme_paragraphs both = {NULL, 0};
    both.items = malloc((english->count + chinese->count + 1) * sizeof *both.items);
    if (both.items == NULL)
        return tme_error_nomem(err);
    memcpy(both.items, english->items, english->count * sizeof *both.items);
    memcpy(both.items + english->count, chinese->items, chinese->count * sizeof *both.items);
    both.count = english->count + chinese->count;
    free(english->items);
    free(chinese->items);
    memset(english, 0, sizeof *english);
    memset(chinese, 0, sizeof *chinese);
    tme_status status = tme_extract_pairs(doc, &both, err);
    tme_paragraphs_free(&both);
    return status;
}
