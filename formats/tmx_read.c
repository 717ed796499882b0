/* SPDX-License-Identifier: MIT */
/* The TMX reader: a TMX of any size (TMX 1.4; 1.1-1.3 name a <tuv>'s
 * language with lang=), UTF-8 or UTF-16, read as a stream, one <tu> in
 * memory at a time. Each <tu> becomes a unit that keeps what the file says:
 * the source <tuv> is the one in the header's srclang, the target the other
 * one (of three or more <tuv>s, the ones in --src-lang and --tgt-lang, the
 * same tag first, else the same primary language); its tuid, creationdate, <prop type="x-document">
 * (else the file's name) and <prop type="x-score"> (else 1). Inline codes are flattened: the native
 * code inside <bpt> <ept> <ph> <it> <ut> is dropped, the text of <hi> and
 * <sub> kept. */
#include "format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "langtag.h"
#include "read_units.h"
#include "xmlread.h"

static const char *const native_code[] = {"bpt", "ept", "ph", "it", "ut", NULL};
static const tme_xml_inline tmx_inline = {native_code, "sub"};

typedef struct {
    tme_xml_text lang, text; /* lang absent when the <tuv> names none */
} tuv;

typedef struct {
    tme_document *doc;
    tme_xml_reader *xml;
    tme_xml_text srclang; /* the header's; absent until it is read */
    /* The <tu> being read: tu_depth -1 outside one. Its buffers stay from
     * one <tu> to the next. */
    int tu_depth;
    tme_xml_text tuid, document;
    tme_unit_meta meta; /* x-score; creationdate */
    tuv *tuvs;
    size_t n_tuvs, cap_tuvs;
} tmx_reader;

static void clear_tu(tmx_reader *t)
{
    t->n_tuvs = 0;
    tme_xml_text_clear(&t->tuid);
    tme_xml_text_clear(&t->document);
    tme_unit_meta_clear(&t->meta);
    t->tu_depth = -1;
}

static tme_status read_header(tmx_reader *t, tme_error *err)
{
    const char *srclang = tme_xml_reader_attribute(t->xml, "srclang");
    if (srclang == NULL)
        return tme_xml_reader_fail(t->xml, err,
                                   "the TMX header has no srclang: which <tuv> is the source "
                                   "cannot be told");
    return tme_xml_text_set(&t->srclang, srclang, err);
}

static tme_status begin_tu(tmx_reader *t, tme_error *err)
{
    if (!t->srclang.set)
        return tme_xml_reader_fail(t->xml, err, "a <tu> before the TMX <header>");
    clear_tu(t);
    t->tu_depth = tme_xml_reader_depth(t->xml);
    if (tme_xml_text_set(&t->tuid, tme_xml_reader_attribute(t->xml, "tuid"), err) != TME_OK)
        return err->status;
    return tme_xml_text_set(&t->meta.created, tme_xml_reader_attribute(t->xml, "creationdate"),
                            err);
}

/* <prop type="x-document"> and <prop type="x-score"> of the <tu> itself. */
static tme_status read_prop(tmx_reader *t, tme_error *err)
{
    const char *type = tme_xml_reader_attribute(t->xml, "type");
    if (tme_xml_reader_depth(t->xml) != t->tu_depth + 1)
        return tme_xml_reader_skip(t->xml, err);
    if (type == NULL || strcmp(type, "x-document") != 0)
        return tme_read_unit_meta(t->xml, type, "x-score", NULL, &t->meta, err);
    size_t elements = 0;
    return tme_xml_reader_text(t->xml, &tmx_inline, &t->document, &elements, err);
}

static tme_status begin_tuv(tmx_reader *t, tme_error *err)
{
    size_t old_cap = t->cap_tuvs;
    if (TME_ARRAY_RESERVE(t->tuvs, t->cap_tuvs, t->n_tuvs + 1) != TME_OK)
        return tme_error_nomem(err);
    memset(t->tuvs + old_cap, 0, (t->cap_tuvs - old_cap) * sizeof *t->tuvs); /* empty texts */
    tuv *v = &t->tuvs[t->n_tuvs++];
    tme_xml_text_clear(&v->text);
    const char *lang = tme_xml_reader_attribute(t->xml, "xml:lang");
    return tme_xml_text_set(&v->lang, lang ? lang : tme_xml_reader_attribute(t->xml, "lang"), err);
}

static tme_status read_seg(tmx_reader *t, tme_error *err)
{
    if (t->n_tuvs == 0 || tme_xml_reader_depth(t->xml) != t->tu_depth + 2)
        return tme_xml_reader_skip(t->xml, err);
    return tme_read_segment(t->doc, t->xml, &tmx_inline, &t->tuvs[t->n_tuvs - 1].text, err);
}

/* The <tuv> in lang: the same tag (case-insensitive), else the same
 * primary language; `except` is never chosen. */
static tuv *tuv_in(tmx_reader *t, const char *lang, const tuv *except)
{
    for (size_t k = 0; k < t->n_tuvs; k++)
        if (&t->tuvs[k] != except && t->tuvs[k].lang.set &&
            strcasecmp(t->tuvs[k].lang.text, lang) == 0)
            return &t->tuvs[k];
    for (size_t k = 0; k < t->n_tuvs; k++)
        if (&t->tuvs[k] != except && t->tuvs[k].lang.set &&
            tme_langtag_same_language(t->tuvs[k].lang.text, lang))
            return &t->tuvs[k];
    return NULL;
}

/* The two <tuv>s of the unit: of two, the one in the header's srclang
 * and the other; of three or more, the ones in the export's languages. */
static int choose_tuvs(tmx_reader *t, tuv **source, tuv **target)
{
    const tme_document *doc = t->doc;
    *source = *target = NULL;
    if (t->n_tuvs > 2) {
        *source = tuv_in(t, tme_document_option(doc, "src-lang"), NULL);
        *target = *source ? tuv_in(t, tme_document_option(doc, "tgt-lang"), *source) : NULL;
    } else if (t->n_tuvs == 2) {
        /* srclang "*all*": any <tuv> may be the source; the export's is. */
        const char *srclang = strcmp(t->srclang.text, "*all*") == 0
                                  ? tme_document_option(doc, "src-lang")
                                  : t->srclang.text;
        *source = tuv_in(t, srclang, NULL);
        *target = *source == &t->tuvs[0] ? &t->tuvs[1] : *source ? &t->tuvs[0] : NULL;
    }
    return *target != NULL;
}

/* The unit of the <tu> just ended; one without both languages is
 * counted and left out. */
static tme_status finish_tu(tmx_reader *t, tme_error *err)
{
    tme_document *doc = t->doc;
    tuv *source, *target;
    tme_status status = TME_OK;
    if (!choose_tuvs(t, &source, &target)) {
        doc->counters.n[TME_COUNT_SKIPPED_ONE_LANGUAGE]++;
    } else {
        tme_read_unit unit = {source->text.set ? source->text.text : "",
                              target->text.set ? target->text.text : "",
                              source->text.len,
                              target->text.len,
                              t->meta.score,
                              tme_xml_text_get(&t->tuid),
                              tme_xml_text_get(&t->meta.created),
                              t->document.set ? t->document.text : doc->name,
                              1};
        status = tme_read_units_add(doc,
                                    tme_pair_order_of(doc, tme_xml_text_get(&source->lang),
                                                      tme_xml_text_get(&target->lang)),
                                    &unit, err);
    }
    clear_tu(t);
    return status;
}

static tme_status on_start(tmx_reader *t, tme_error *err)
{
    const char *name = tme_xml_reader_name(t->xml);
    int depth = tme_xml_reader_depth(t->xml);
    if (depth == 0)
        return strcmp(name, "tmx") == 0
                   ? TME_OK
                   : tme_xml_reader_fail(t->xml, err,
                                         "not a TMX document: the root element is <%.40s>", name);
    if (depth == 1 && strcmp(name, "header") == 0)
        return read_header(t, err);
    if (strcmp(name, "tu") == 0) {
        if (begin_tu(t, err) != TME_OK)
            return err->status;
        return tme_xml_reader_is_empty(t->xml) ? finish_tu(t, err) : TME_OK;
    }
    if (t->tu_depth < 0)
        return TME_OK;
    if (strcmp(name, "prop") == 0)
        return read_prop(t, err);
    if (strcmp(name, "tuv") == 0)
        return begin_tuv(t, err);
    if (strcmp(name, "seg") == 0)
        return read_seg(t, err);
    return TME_OK;
}

static tme_status read_nodes(tmx_reader *t, tme_error *err)
{
    int more = 1;
    while (tme_xml_reader_next(t->xml, &more, err) == TME_OK && more) {
        tme_xml_node node = tme_xml_reader_node(t->xml);
        if (node == TME_XML_START && on_start(t, err) != TME_OK)
            break;
        if (node == TME_XML_END && tme_xml_reader_depth(t->xml) == t->tu_depth &&
            finish_tu(t, err) != TME_OK)
            break;
    }
    if (err->status == TME_OK && !t->srclang.set)
        return tme_error_set(err, TME_ERR_INPUT, "%s: a TMX document without a <header>",
                             t->doc->name);
    return err->status;
}

static tme_status tmx_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    tmx_reader t = {.doc = doc, .tu_depth = -1, .meta.score = 1.0};
    if ((t.xml = tme_xml_reader_new(in, doc->name, err)) == NULL)
        return err->status;
    tme_status status = read_nodes(&t, err);
    for (size_t k = 0; k < t.cap_tuvs; k++) {
        tme_xml_text_free(&t.tuvs[k].lang);
        tme_xml_text_free(&t.tuvs[k].text);
    }
    free(t.tuvs);
    tme_xml_text *texts[] = {&t.srclang, &t.tuid, &t.document};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        tme_xml_text_free(texts[k]);
    tme_unit_meta_free(&t.meta);
    tme_xml_reader_free(t.xml);
    return status;
}

/* XML whose root element cannot be read is taken too (below the other
 * readers' certainty): reading it says what is wrong, and where. */
static int tmx_probe(const unsigned char *data, size_t len, const char *name)
{
    (void)name;
    tme_xml_root root;
    int found = tme_xml_probe_root(data, len, &root);
    if (found < 0)
        return TME_PROBE_MAYBE;
    return found > 0 && strcmp(root.name, "tmx") == 0 ? TME_PROBE_CERTAIN : TME_PROBE_NO;
}

const tme_input_format tme_input_tmx = {
    .name = "tmx",
    .description = "TMX translation memory (any size; UTF-8 or UTF-16): its units as they are",
    .extensions = "tmx",
    .streams = 1,
    .yields_units = 1,
    .probe = tmx_probe,
    .read = tmx_read,
};
