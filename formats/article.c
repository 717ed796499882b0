/* SPDX-License-Identifier: MIT */
/* The article reader: a bilingual article as plain text (an English
 * paragraph followed or preceded by its Chinese translation, with the
 * site's header, captions, widgets and footer around them), in any layout:
 * blocks of wrapped lines separated by blank lines, one paragraph a line,
 * English and Chinese on one line, sentence after sentence. Paragraphs are
 * split and classified, paired with their translations, and each pair goes
 * to the document; what has no translation is counted and left. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "extraction.h"

static const tme_option_def article_options[] = {
    {.name = "layout",
     .group = "article",
     .help = "how a text article's lines make paragraphs: blocks of non-blank lines (wrapped "
             "paragraphs), one paragraph a line, or auto (decided per document, said by --stats)",
     .default_value = "auto",
     .choices = "auto|blocks|lines"},
    {.name = NULL},
};

static tme_layout layout_option(const tme_document *doc)
{
    const char *layout = tme_document_option(doc, "layout");
    return strcmp(layout, "blocks") == 0  ? TME_LAYOUT_BLOCKS
           : strcmp(layout, "lines") == 0 ? TME_LAYOUT_LINES
                                          : TME_LAYOUT_AUTO;
}

static tme_status split_text(tme_document *doc, const tme_text *text, tme_paragraphs *out,
                             tme_error *err)
{
    tme_layout asked = layout_option(doc), used;
    if (tme_split_paragraphs_as(text->text, text->len, asked, &used, out, err) != TME_OK)
        return err->status;
    doc->counters.n[used == TME_LAYOUT_LINES ? TME_COUNT_LAYOUT_LINES : TME_COUNT_LAYOUT_BLOCKS]++;
    size_t added;
    if (tme_split_bilingual(out, &added, err) != TME_OK) {
        tme_paragraphs_free(out);
        return err->status;
    }
    doc->counters.n[TME_COUNT_PARAGRAPHS_SPLIT] += added;
    tme_document_note(doc, "layout %s%s", used == TME_LAYOUT_LINES ? "lines" : "blocks",
                      asked == TME_LAYOUT_AUTO ? " (detected)" : "");
    if (added > 0)
        tme_document_note(doc, "%zu paragraphs cut where English and Chinese meet", added);
    return TME_OK;
}

static tme_status article_paragraphs(tme_document *doc, tme_stream *in, tme_paragraphs *out,
                                     tme_error *err)
{
    tme_text text;
    tme_status status = tme_document_read_text(doc, in, &text, err);
    if (status != TME_OK)
        return status;
    tme_document_count_script(doc, text.text, text.len);
    status = split_text(doc, &text, out, err);
    tme_text_free(&text);
    return status;
}

static tme_status article_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    tme_paragraphs paragraphs;
    if (article_paragraphs(doc, in, &paragraphs, err) != TME_OK)
        return err->status;
    tme_status status = tme_extract_pairs(doc, &paragraphs, err);
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
    .options = article_options,
    .probe = article_probe,
    .read = article_read,
    .read_paragraphs = article_paragraphs,
};
