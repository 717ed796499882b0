/* SPDX-License-Identifier: MIT */
/* The article reader: a bilingual article as plain text (an English
 * paragraph followed or preceded by its Chinese translation, with the
 * site's header, captions, widgets and footer around them). Paragraphs are
 * split and classified, paired with their translations, and each pair goes
 * to the document; what has no translation is counted and left. */
#include "format.h"

#include <stdlib.h>

#include "article_pairs.h"
#include "paragraph.h"

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
    status = tme_article_add_paragraphs(doc, &paragraphs, err);
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
