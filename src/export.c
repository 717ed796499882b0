/* SPDX-License-Identifier: MIT */
#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "decode.h"
#include "paragraph.h"
#include "text_features.h"
#include "xmlchars.h"

/* Normalizes (or copies) one side and removes what XML cannot carry. */
static char *clean_side(const tme_export_options *options, const char *text, size_t len,
                        tme_lang lang, tme_export_stats *stats)
{
    char *out = NULL; /* stays NULL when out of memory */
    if (!options->normalize)
        out = strndup(text, len);
    else
        tme_normalize(text, len, lang, &options->norm, &stats->norm, &out, NULL);
    if (out != NULL)
        stats->xml_illegal_removed += tme_xml_strip_illegal(out);
    return out;
}

static int push_unit(tme_units *units, char *source, char *target, double score,
                     size_t document_index)
{
    if (units->count == units->cap) {
        size_t cap = units->cap ? units->cap * 2 : 64;
        tme_pair *bigger = realloc(units->items, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        units->items = bigger;
        units->cap = cap;
    }
    tme_pair *p = &units->items[units->count];
    p->source = source;
    p->target = target;
    p->score = score;
    p->document = units->document;
    p->document_index = document_index;
    p->index = units->count;
    units->count++;
    return 0;
}

/* Adds a unit from raw English and Chinese text; drops it (counted) when it
 * scores too low or a side is empty once cleaned. */
static tme_status add_unit(const tme_export_options *options, const char *en, size_t en_len,
                           const char *zh, size_t zh_len, double score, size_t document_index,
                           tme_units *units, tme_export_stats *stats, tme_error *err)
{
    if (score < options->min_score) {
        stats->below_min_score++;
        return TME_OK;
    }
    char *en_clean = clean_side(options, en, en_len, TME_LANG_EN, stats);
    char *zh_clean = clean_side(options, zh, zh_len, TME_LANG_ZH, stats);
    if (en_clean == NULL || zh_clean == NULL) {
        free(en_clean);
        free(zh_clean);
        return tme_error_nomem(err);
    }
    if (en_clean[0] == '\0' || zh_clean[0] == '\0') {
        stats->empty_side++;
        free(en_clean);
        free(zh_clean);
        return TME_OK;
    }
    char *source = options->source_is_chinese ? zh_clean : en_clean;
    char *target = options->source_is_chinese ? en_clean : zh_clean;
    if (push_unit(units, source, target, score, document_index) != 0) {
        free(en_clean);
        free(zh_clean);
        return tme_error_nomem(err);
    }
    stats->units++;
    return TME_OK;
}

/* Sentences [begin, end) of text joined: English with one space, Chinese
 * with nothing, as the gold units are. */
static char *join_sentences(const char *text, const tme_features *f, size_t begin, size_t end,
                            const char *glue, size_t *len)
{
    size_t glue_len = strlen(glue), total = 0;
    for (size_t k = begin; k < end; k++)
        total += f->sentences[k].span.end - f->sentences[k].span.start + (k > begin ? glue_len : 0);
    char *out = malloc(total + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t k = begin; k < end; k++) {
        if (k > begin) {
            memcpy(out + n, glue, glue_len);
            n += glue_len;
        }
        size_t l = f->sentences[k].span.end - f->sentences[k].span.start;
        memcpy(out + n, text + f->sentences[k].span.start, l);
        n += l;
    }
    out[n] = '\0';
    *len = n;
    return out;
}

static tme_status add_sentence_units(const tme_export_options *options, const char *en,
                                     size_t en_len, const char *zh, size_t zh_len,
                                     size_t document_index, tme_units *units,
                                     tme_export_stats *stats, tme_error *err)
{
    tme_features es = {0}, zs = {0};
    tme_bead *beads = NULL;
    size_t n_beads = 0;
    tme_status status = TME_OK;
    if (tme_features_of_sentences(en, en_len, TME_LANG_EN, &es, err) != TME_OK ||
        tme_features_of_sentences(zh, zh_len, TME_LANG_ZH, &zs, err) != TME_OK ||
        tme_align(&es, &zs, &beads, &n_beads, err) != TME_OK) {
        status = tme_error_nomem(err);
        n_beads = 0;
    }
    for (size_t b = 0; b < n_beads && status == TME_OK; b++) {
        const tme_bead *bead = &beads[b];
        if (bead->en_begin == bead->en_end || bead->zh_begin == bead->zh_end) {
            stats->unaligned_sentences +=
                (bead->en_end - bead->en_begin) + (bead->zh_end - bead->zh_begin);
            continue;
        }
        size_t el, zl;
        char *e = join_sentences(en, &es, bead->en_begin, bead->en_end, " ", &el);
        char *z = join_sentences(zh, &zs, bead->zh_begin, bead->zh_end, "", &zl);
        if (e == NULL || z == NULL)
            status = tme_error_nomem(err);
        else
            status =
                add_unit(options, e, el, z, zl, bead->score, document_index, units, stats, err);
        free(e);
        free(z);
    }
    free(beads);
    tme_features_free(&es);
    tme_features_free(&zs);
    return status;
}

static tme_status add_paragraph_pair(const tme_export_options *options, const char *en,
                                     size_t en_len, const char *zh, size_t zh_len, double score,
                                     size_t document_index, tme_units *units,
                                     tme_export_stats *stats, tme_error *err)
{
    if (options->unit == TME_UNIT_PARAGRAPH)
        return add_unit(options, en, en_len, zh, zh_len, score, document_index, units, stats, err);
    return add_sentence_units(options, en, en_len, zh, zh_len, document_index, units, stats, err);
}

/* Names the units after the document and decodes its bytes; on failure
 * nothing is left to free. */
static tme_status begin_document(const tme_export_options *options, const char *name,
                                 const unsigned char *data, size_t len, tme_units *out,
                                 tme_text *text, tme_export_stats *stats, tme_error *err)
{
    memset(out, 0, sizeof *out);
    out->document = strdup(name);
    if (out->document == NULL)
        return tme_error_nomem(err);
    tme_status status = tme_decode(data, len, options->encoding, name, text, err);
    if (status != TME_OK) {
        tme_units_free(out);
        return status;
    }
    stats->documents++;
    if (text->guessed && strcmp(text->encoding, "GB18030") == 0)
        stats->gb18030_guessed++;
    else if (text->guessed)
        stats->utf16_guessed++;
    stats->xml_illegal_removed += text->surrogates_dropped;
    return TME_OK;
}

tme_status tme_extract_document(const tme_export_options *options, const char *name,
                                size_t document_index, const unsigned char *data, size_t len,
                                tme_units *out, tme_export_stats *stats, tme_error *err)
{
    tme_text text;
    tme_status status = begin_document(options, name, data, len, out, &text, stats, err);
    if (status != TME_OK)
        return status;
    tme_paragraphs paragraphs;
    status = tme_split_paragraphs(text.text, text.len, &paragraphs, err);
    tme_text_free(&text);
    if (status != TME_OK) {
        tme_units_free(out);
        return status;
    }
    stats->paragraphs += paragraphs.count;
    for (size_t k = 0; k < paragraphs.count; k++) {
        tme_script script = paragraphs.items[k].script;
        if (script == TME_SCRIPT_LATIN)
            stats->english++;
        else if (script == TME_SCRIPT_HAN)
            stats->chinese++;
        else
            stats->other++;
    }
    tme_pairing pairing;
    status = tme_pair_paragraphs(&paragraphs, &pairing, err);
    if (status == TME_OK) {
        stats->paragraph_pairs += pairing.count;
        for (size_t r = 0; r < TME_UNPAIRED_REASONS; r++)
            stats->unpaired[r] += pairing.unpaired[r];
        for (size_t k = 0; k < pairing.count && status == TME_OK; k++) {
            const tme_paragraph *en = &paragraphs.items[pairing.pairs[k].en];
            const tme_paragraph *zh = &paragraphs.items[pairing.pairs[k].zh];
            status = add_paragraph_pair(options, en->text, en->len, zh->text, zh->len,
                                        pairing.pairs[k].score, document_index, out, stats, err);
        }
        tme_pairing_free(&pairing);
    }
    tme_paragraphs_free(&paragraphs);
    if (status != TME_OK)
        tme_units_free(out);
    return status;
}

tme_status tme_align_tsv_document(const tme_export_options *options, const char *name,
                                  size_t document_index, const unsigned char *data, size_t len,
                                  tme_units *out, tme_export_stats *stats, tme_error *err)
{
    tme_text text;
    tme_status status = begin_document(options, name, data, len, out, &text, stats, err);
    if (status != TME_OK)
        return status;
    size_t line = 0, start = 0;
    while (start < text.len && status == TME_OK) {
        line++;
        const char *nl = memchr(text.text + start, '\n', text.len - start);
        size_t end = nl ? (size_t)(nl - text.text) : text.len;
        const char *row = text.text + start;
        size_t row_len = end - start;
        start = end + 1;
        if (row_len == 0)
            continue;
        const char *tab = memchr(row, '\t', row_len);
        if (tab == NULL || memchr(tab + 1, '\t', row_len - (size_t)(tab + 1 - row)) != NULL) {
            status = tme_error_set(err, TME_ERR_INPUT,
                                   "%s:%zu: expected two tab-separated columns "
                                   "(source<TAB>target)",
                                   name, line);
            break;
        }
        const char *first = row, *second = tab + 1;
        size_t first_len = (size_t)(tab - row), second_len = row_len - first_len - 1;
        stats->paragraphs += 2;
        stats->english++;
        stats->chinese++;
        stats->paragraph_pairs++;
        if (options->source_is_chinese)
            status = add_paragraph_pair(options, second, second_len, first, first_len, 1.0,
                                        document_index, out, stats, err);
        else
            status = add_paragraph_pair(options, first, first_len, second, second_len, 1.0,
                                        document_index, out, stats, err);
    }
    tme_text_free(&text);
    if (status != TME_OK)
        tme_units_free(out);
    return status;
}

void tme_units_free(tme_units *units)
{
    for (size_t k = 0; k < units->count; k++) {
        free((char *)units->items[k].source);
        free((char *)units->items[k].target);
    }
    free(units->items);
    free(units->document);
    memset(units, 0, sizeof *units);
}

void tme_export_stats_add(tme_export_stats *a, const tme_export_stats *b)
{
    a->documents += b->documents;
    a->gb18030_guessed += b->gb18030_guessed;
    a->utf16_guessed += b->utf16_guessed;
    a->paragraphs += b->paragraphs;
    a->english += b->english;
    a->chinese += b->chinese;
    a->other += b->other;
    a->paragraph_pairs += b->paragraph_pairs;
    for (size_t r = 0; r < TME_UNPAIRED_REASONS; r++)
        a->unpaired[r] += b->unpaired[r];
    a->units += b->units;
    a->unaligned_sentences += b->unaligned_sentences;
    a->below_min_score += b->below_min_score;
    a->empty_side += b->empty_side;
    a->xml_illegal_removed += b->xml_illegal_removed;
    for (size_t k = 0; k < TME_NORM_KIND_MAX; k++)
        a->norm.counts[k] += b->norm.counts[k];
}
