/* SPDX-License-Identifier: MIT */
#include "document.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "chinese_script.h"

#include "align.h"
#include "text_features.h"
#include "xmlchars.h"

tme_status tme_units_push(tme_units *units, char *source, char *target, double score,
                          size_t document_index)
{
    if (TME_ARRAY_RESERVE(units->items, units->cap, units->count + 1) != TME_OK)
        return TME_ERR_NOMEM;
    tme_unit *u = &units->items[units->count];
    u->source = source;
    u->target = target;
    u->score = score;
    u->document = units->document;
    u->document_index = document_index;
    u->index = units->base + units->count;
    u->id = NULL;
    u->created = NULL;
    units->count++;
    return TME_OK;
}

void tme_units_clear(tme_units *units)
{
    for (size_t k = 0; k < units->count; k++) {
        free((char *)units->items[k].source);
        free((char *)units->items[k].target);
        free((char *)units->items[k].id);
        free((char *)units->items[k].created);
    }
    units->base += units->count;
    units->count = 0;
}

void tme_units_free(tme_units *units)
{
    tme_units_clear(units);
    free(units->items);
    free(units->document);
    memset(units, 0, sizeof *units);
}

tme_status tme_document_init(tme_document *doc, const tme_document_settings *settings,
                             const char *name, size_t index, tme_error *err)
{
    memset(doc, 0, sizeof *doc);
    doc->settings = settings;
    doc->name = name;
    doc->index = index;
    doc->units.document = strdup(name);
    if (doc->units.document == NULL)
        return tme_error_nomem(err);
    doc->counters.n[TME_COUNT_DOCUMENTS] = 1;
    return TME_OK;
}

void tme_document_free(tme_document *doc)
{
    tme_units_free(&doc->units);
    tme_dropped_clear(&doc->dropped);
    free(doc->dropped.items);
    doc->dropped.items = NULL;
}

const char *tme_drop_reason_name(tme_drop_reason reason)
{
    static const char *const names[TME_DROP_REASONS] = {
        [TME_DROP_NO_TRANSLATION] = "no translation found",
        [TME_DROP_BOILERPLATE] = "boilerplate",
        [TME_DROP_OTHER_SCRIPT] = "neither English nor Chinese",
        [TME_DROP_UNALIGNED] = "unaligned sentence",
        [TME_DROP_BELOW_MIN_SCORE] = "below --min-score",
        [TME_DROP_EMPTY_SIDE] = "a side empty once cleaned",
        [TME_DROP_DUPLICATE] = "duplicate",
        [TME_DROP_FILTERED] = "filtered",
    };
    return reason < TME_DROP_REASONS ? names[reason] : "unknown";
}

void tme_dropped_clear(tme_dropped_list *list)
{
    for (size_t k = 0; k < list->count; k++) {
        free(list->items[k].english);
        free(list->items[k].chinese);
    }
    list->count = 0;
}

tme_status tme_dropped_list_add(tme_dropped_list *list, const char *en, size_t en_len,
                                const char *zh, size_t zh_len, double score, tme_drop_reason reason,
                                const char *detail, tme_error *err)
{
    if (TME_ARRAY_RESERVE(list->items, list->cap, list->count + 1) != TME_OK)
        return tme_error_nomem(err);
    tme_dropped *d = &list->items[list->count];
    d->english = en != NULL ? strndup(en, en_len) : NULL;
    d->chinese = zh != NULL ? strndup(zh, zh_len) : NULL;
    if ((en != NULL && d->english == NULL) || (zh != NULL && d->chinese == NULL)) {
        free(d->english);
        free(d->chinese);
        return tme_error_nomem(err);
    }
    d->score = score;
    d->reason = reason;
    d->detail = detail;
    list->count++;
    return TME_OK;
}

tme_status tme_document_drop(tme_document *doc, const char *en, size_t en_len, const char *zh,
                             size_t zh_len, double score, tme_drop_reason reason,
                             const char *detail, tme_error *err)
{
    if (!doc->settings->keep_dropped)
        return TME_OK;
    return tme_dropped_list_add(&doc->dropped, en, en_len, zh, zh_len, score, reason, detail, err);
}

const char *tme_document_reading(const tme_document *doc)
{
    return doc->reading != NULL ? doc->reading : doc->name;
}

const char *tme_document_option(const tme_document *doc, const char *name)
{
    return tme_option_values_get(doc->settings->options, name);
}

tme_status tme_document_lexicon(const tme_document *doc, const tme_lexicon **out, tme_error *err)
{
    *out = NULL;
    tme_lexicon_source *source = doc->settings->lexicon;
    return source != NULL ? tme_lexicon_source_get(source, out, err) : TME_OK;
}

void tme_document_note(tme_document *doc, const char *fmt, ...)
{
    size_t used = strlen(doc->note);
    if (used > 0 && used + 2 < sizeof doc->note) {
        memcpy(doc->note + used, "; ", 3);
        used += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(doc->note + used, sizeof doc->note - used, fmt, ap);
    va_end(ap);
}

static tme_counter encoding_counter(const char *encoding)
{
    if (strcasecmp(encoding, "UTF-8") == 0)
        return TME_COUNT_ENCODING_UTF8;
    if (strncasecmp(encoding, "UTF-16", 6) == 0)
        return TME_COUNT_ENCODING_UTF16;
    if (strcasecmp(encoding, "GB18030") == 0)
        return TME_COUNT_ENCODING_GB18030;
    if (strncasecmp(encoding, "BIG5", 4) == 0)
        return TME_COUNT_ENCODING_BIG5;
    return TME_COUNT_ENCODING_OTHER;
}

tme_status tme_document_decode(tme_document *doc, const unsigned char *data, size_t len,
                               tme_text *text, tme_error *err)
{
    tme_status status =
        tme_decode(data, len, doc->settings->encoding, tme_document_reading(doc), text, err);
    if (status != TME_OK)
        return status;
    if (text->guessed && strcmp(text->encoding, "GB18030") == 0)
        doc->counters.n[TME_COUNT_GB18030_GUESSED]++;
    else if (text->guessed && strncmp(text->encoding, "UTF-16", 6) == 0)
        doc->counters.n[TME_COUNT_UTF16_GUESSED]++;
    doc->counters.n[encoding_counter(text->encoding)]++;
    if (text->method == TME_ENCODING_DETECTED)
        doc->counters.n[TME_COUNT_ENCODING_DETECTED]++;
    doc->counters.n[TME_COUNT_XML_ILLEGAL_REMOVED] += text->surrogates_dropped;
    char reason[256];
    tme_text_encoding_reason(text, reason, sizeof reason);
    tme_document_note(doc, "encoding %s", reason);
    return TME_OK;
}

tme_status tme_document_read_text(tme_document *doc, tme_stream *in, tme_text *text, tme_error *err)
{
    unsigned char *bytes;
    size_t len;
    if (tme_stream_read_all(in, &bytes, &len, err) != TME_OK)
        return err->status;
    tme_status status = tme_document_decode(doc, bytes, len, text, err);
    free(bytes);
    return status;
}

void tme_document_count_script(tme_document *doc, const char *text, size_t len)
{
    size_t traditional, simplified;
    tme_chinese_script script = tme_detect_chinese_script(text, len, &traditional, &simplified);
    if (script == TME_CHINESE_SIMPLIFIED)
        doc->counters.n[TME_COUNT_SCRIPT_SIMPLIFIED]++;
    else if (script == TME_CHINESE_TRADITIONAL)
        doc->counters.n[TME_COUNT_SCRIPT_TRADITIONAL]++;
    else if (script == TME_CHINESE_MIXED)
        doc->counters.n[TME_COUNT_SCRIPT_MIXED]++;
    if (script != TME_CHINESE_UNKNOWN)
        tme_document_note(doc,
                          "Chinese script %s (%zu Traditional-only characters, %zu "
                          "Simplified-only)",
                          tme_chinese_script_name(script), traditional, simplified);
}

/* Normalizes (or copies) one side and removes what XML cannot carry.
 * known_legal: the text is as an XML parser delivered it, in which every
 * character is one XML allows; only normalizing could change that. */
static char *clean_side(tme_document *doc, const char *text, size_t len, tme_lang lang,
                        int known_legal)
{
    const tme_document_settings *s = doc->settings;
    char *out = NULL; /* stays NULL when out of memory */
    if (s->normalize) {
        tme_norm_stats stats;
        memset(&stats, 0, sizeof stats);
        /* Text proved normal already is proved legal too: most of it. */
        tme_normalize_checked(text, len, lang, &s->norm, &stats, &out, &known_legal, NULL);
        tme_counters_add_normalized(&doc->counters, &stats);
    } else {
        out = strndup(text, len);
    }
    if (out != NULL && !known_legal)
        doc->counters.n[TME_COUNT_XML_ILLEGAL_REMOVED] += tme_xml_strip_illegal(out);
    return out;
}

/* What a file of units said of a unit, beyond its text. */
typedef struct {
    const char *id, *created;
    int xml_legal;
} unit_origin;

/* Gives the last unit pushed its id and creation date (copies). */
static tme_status keep_origin(tme_units *units, const unit_origin *origin, tme_error *err)
{
    if (origin == NULL || (origin->id == NULL && origin->created == NULL))
        return TME_OK;
    tme_unit *u = &units->items[units->count - 1];
    u->id = origin->id != NULL ? strdup(origin->id) : NULL;
    u->created = origin->created != NULL ? strdup(origin->created) : NULL;
    if ((origin->id != NULL && u->id == NULL) || (origin->created != NULL && u->created == NULL))
        return tme_error_nomem(err);
    return TME_OK;
}

/* Adds a unit from raw English and Chinese text; drops it (counted) when it
 * scores too low or a side is empty once cleaned. origin: NULL for units
 * tmexport made. */
static tme_status add_bilingual_unit(tme_document *doc, const char *en, size_t en_len,
                                     const char *zh, size_t zh_len, double score,
                                     const unit_origin *origin, tme_error *err)
{
    if (score < doc->settings->min_score) {
        doc->counters.n[TME_COUNT_BELOW_MIN_SCORE]++;
        return tme_document_drop(doc, en, en_len, zh, zh_len, score, TME_DROP_BELOW_MIN_SCORE, NULL,
                                 err);
    }
    int legal = origin != NULL && origin->xml_legal;
    char *en_clean = clean_side(doc, en, en_len, TME_LANG_EN, legal);
    char *zh_clean = clean_side(doc, zh, zh_len, TME_LANG_ZH, legal);
    if (en_clean == NULL || zh_clean == NULL) {
        free(en_clean);
        free(zh_clean);
        return tme_error_nomem(err);
    }
    if (en_clean[0] == '\0' || zh_clean[0] == '\0') {
        doc->counters.n[TME_COUNT_EMPTY_SIDE]++;
        free(en_clean);
        free(zh_clean);
        return tme_document_drop(doc, en, en_len, zh, zh_len, score, TME_DROP_EMPTY_SIDE, NULL,
                                 err);
    }
    int zh_source = doc->settings->source_is_chinese;
    char *source = zh_source ? zh_clean : en_clean;
    char *target = zh_source ? en_clean : zh_clean;
    if (tme_units_push(&doc->units, source, target, score, doc->index) != TME_OK) {
        free(en_clean);
        free(zh_clean);
        return tme_error_nomem(err);
    }
    if (keep_origin(&doc->units, origin, err) != TME_OK)
        return err->status;
    doc->counters.n[TME_COUNT_UNITS]++;
    /* A streaming reader's units go on in parts: memory stays a part's. */
    if (doc->flush != NULL && doc->units.count >= TME_DOCUMENT_FLUSH_UNITS)
        return doc->flush(doc->flush_context, doc, err);
    return TME_OK;
}

tme_status tme_document_add_unit(tme_document *doc, const char *source, size_t source_len,
                                 const char *target, size_t target_len, double score,
                                 tme_error *err)
{
    tme_read_unit unit = {source, target, source_len, target_len, score, NULL, NULL, NULL, 0};
    return tme_document_add_read_unit(doc, &unit, err);
}

tme_status tme_document_add_read_unit(tme_document *doc, const tme_read_unit *u, tme_error *err)
{
    if (u->document != NULL && strcmp(u->document, doc->units.document) != 0 &&
        tme_document_begin_part(doc, u->document, err) != TME_OK)
        return err->status;
    unit_origin origin = {u->id, u->created, u->xml_legal};
    if (doc->settings->source_is_chinese)
        return add_bilingual_unit(doc, u->target, u->target_len, u->source, u->source_len, u->score,
                                  &origin, err);
    return add_bilingual_unit(doc, u->source, u->source_len, u->target, u->target_len, u->score,
                              &origin, err);
}

tme_status tme_document_begin_part(tme_document *doc, const char *name, tme_error *err)
{
    tme_units *units = &doc->units;
    /* The input's own part, untouched, is not a document of its own. */
    int untouched =
        doc->part == 0 && units->base == 0 && units->count == 0 && doc->dropped.count == 0;
    if (!untouched) {
        if (doc->flush == NULL)
            return tme_error_set(err, TME_ERR_USAGE,
                                 "%s: units of several documents are only read by a reader "
                                 "that streams",
                                 doc->name);
        if (doc->flush(doc->flush_context, doc, err) != TME_OK)
            return err->status;
    }
    char *copy = strdup(name);
    if (copy == NULL)
        return tme_error_nomem(err);
    free(units->document);
    units->document = copy;
    units->base = 0;
    doc->part++;
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

/* The sentences of a 1-0 or 0-1 bead, for the writers that show them. */
static tme_status drop_unaligned(tme_document *doc, const char *en, const tme_features *es,
                                 const char *zh, const tme_features *zs, const tme_bead *bead,
                                 tme_error *err)
{
    if (!doc->settings->keep_dropped)
        return TME_OK;
    const tme_features *side = bead->en_begin < bead->en_end ? es : zs;
    size_t begin = side == es ? bead->en_begin : bead->zh_begin;
    size_t end = side == es ? bead->en_end : bead->zh_end;
    size_t len;
    char *text =
        join_sentences(side == es ? en : zh, side, begin, end, side == es ? " " : "", &len);
    if (text == NULL)
        return tme_error_nomem(err);
    tme_status status =
        side == es ? tme_document_drop(doc, text, len, NULL, 0, 0, TME_DROP_UNALIGNED, NULL, err)
                   : tme_document_drop(doc, NULL, 0, text, len, 0, TME_DROP_UNALIGNED, NULL, err);
    free(text);
    return status;
}

/* The units of the alignment of two sentence lists: a unit per bead that
 * has both sides, the 1-0 and 0-1 beads counted (and shown). */
static tme_status add_aligned_units(tme_document *doc, const char *en, const tme_features *es,
                                    const char *zh, const tme_features *zs, tme_error *err)
{
    tme_bead *beads = NULL;
    size_t n_beads = 0;
    if (tme_align(es, zs, &beads, &n_beads, err) != TME_OK)
        return tme_error_nomem(err);
    tme_status status = TME_OK;
    for (size_t b = 0; b < n_beads && status == TME_OK; b++) {
        const tme_bead *bead = &beads[b];
        if (bead->en_begin == bead->en_end || bead->zh_begin == bead->zh_end) {
            doc->counters.n[TME_COUNT_UNALIGNED_SENTENCES] +=
                (bead->en_end - bead->en_begin) + (bead->zh_end - bead->zh_begin);
            status = drop_unaligned(doc, en, es, zh, zs, bead, err);
            continue;
        }
        size_t el, zl;
        char *e = join_sentences(en, es, bead->en_begin, bead->en_end, " ", &el);
        char *z = join_sentences(zh, zs, bead->zh_begin, bead->zh_end, "", &zl);
        if (e == NULL || z == NULL)
            status = tme_error_nomem(err);
        else
            status = add_bilingual_unit(doc, e, el, z, zl, bead->score, NULL, err);
        free(e);
        free(z);
    }
    free(beads);
    return status;
}

static tme_status add_sentence_units(tme_document *doc, const char *en, size_t en_len,
                                     const char *zh, size_t zh_len, tme_error *err)
{
    tme_features es = {0}, zs = {0};
    const tme_lexicon *lexicon;
    tme_status status = tme_document_lexicon(doc, &lexicon, err);
    if (status != TME_OK)
        return status;
    if (tme_features_of_sentences(en, en_len, TME_LANG_EN, lexicon, &es, err) != TME_OK ||
        tme_features_of_sentences(zh, zh_len, TME_LANG_ZH, lexicon, &zs, err) != TME_OK)
        status = tme_error_nomem(err);
    else
        status = add_aligned_units(doc, en, &es, zh, &zs, err);
    tme_features_free(&es);
    tme_features_free(&zs);
    return status;
}

tme_status tme_document_add_paragraph_pair(tme_document *doc, const char *en, size_t en_len,
                                           const char *zh, size_t zh_len, double score,
                                           tme_error *err)
{
    doc->counters.n[TME_COUNT_PARAGRAPH_PAIRS]++;
    if (doc->settings->paragraph_units)
        return add_bilingual_unit(doc, en, en_len, zh, zh_len, score, NULL, err);
    return add_sentence_units(doc, en, en_len, zh, zh_len, err);
}

tme_status tme_document_add_analysed_pair(tme_document *doc, const char *en,
                                          const tme_features *en_sentences, const char *zh,
                                          const tme_features *zh_sentences, tme_error *err)
{
    doc->counters.n[TME_COUNT_PARAGRAPH_PAIRS]++;
    return add_aligned_units(doc, en, en_sentences, zh, zh_sentences, err);
}

tme_status tme_document_add_segmented_pair(tme_document *doc, const char *en, size_t en_len,
                                           const tme_span *en_sentences, size_t n_en,
                                           const char *zh, size_t zh_len,
                                           const tme_span *zh_sentences, size_t n_zh,
                                           tme_error *err)
{
    doc->counters.n[TME_COUNT_PARAGRAPH_PAIRS]++;
    tme_features es = {0}, zs = {0};
    const tme_lexicon *lexicon;
    tme_status status = tme_document_lexicon(doc, &lexicon, err);
    if (status != TME_OK)
        return status;
    if (tme_features_of_spans(en, en_len, TME_LANG_EN, en_sentences, n_en, lexicon, &es, err) !=
            TME_OK ||
        tme_features_of_spans(zh, zh_len, TME_LANG_ZH, zh_sentences, n_zh, lexicon, &zs, err) !=
            TME_OK) {
        status = tme_error_nomem(err);
    } else if (doc->settings->paragraph_units) {
        size_t el, zl;
        char *e = join_sentences(en, &es, 0, es.n_sentences, " ", &el);
        char *z = join_sentences(zh, &zs, 0, zs.n_sentences, "", &zl);
        status = e == NULL || z == NULL ? tme_error_nomem(err)
                                        : add_bilingual_unit(doc, e, el, z, zl, 1, NULL, err);
        free(e);
        free(z);
    } else {
        status = add_aligned_units(doc, en, &es, zh, &zs, err);
    }
    tme_features_free(&es);
    tme_features_free(&zs);
    return status;
}
