/* SPDX-License-Identifier: MIT */
/* The XLIFF 2.0 (and 2.1) reader, as a stream, one <unit> in memory at a
 * time: every <file> is a document (named by its original, else its id),
 * every <segment> with a <target> a unit in the document's srcLang and
 * trgLang. What tmexport's writer carries comes back: the <unit>'s name is
 * the unit's id (when it has one segment), <mda:meta type="score"> and
 * "created" in its metadata its score and creation date. Inline codes are
 * flattened: <pc> and <mrk> keep their text, <ph> <sc> <ec> <sm> <em> are
 * empty. <ignorable> white space between segments, <originalData> and
 * <notes> are passed over. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "read_units.h"
#include "xmlread.h"

static const tme_xml_inline xliff2_inline = {NULL, NULL};

typedef struct {
    tme_xml_text source, target; /* target absent: the segment has none */
} segment;

typedef struct {
    tme_document *doc;
    tme_xml_reader *xml;
    tme_pair_order order; /* the document's languages against the export's */
    /* The <unit> being read: unit_depth -1 outside one. Its buffers stay
     * from one unit to the next. */
    int unit_depth, segment_depth;
    tme_xml_text name;
    tme_unit_meta meta;   /* score, created */
    tme_xml_text scratch; /* an attribute of a <file> or <xliff> */
    segment *segments;
    size_t n_segments, cap_segments;
} xliff2_reader;

static void clear_unit(xliff2_reader *x)
{
    x->n_segments = 0;
    tme_xml_text_clear(&x->name);
    tme_unit_meta_clear(&x->meta);
    x->unit_depth = x->segment_depth = -1;
}

static tme_status read_languages(xliff2_reader *x, tme_error *err)
{
    tme_xml_text *source = &x->scratch;
    if (tme_xml_text_set(source, tme_xml_reader_attribute(x->xml, "srcLang"), err) != TME_OK)
        return err->status;
    x->order = tme_pair_order_of(x->doc, tme_xml_text_get(source),
                                 tme_xml_reader_attribute(x->xml, "trgLang"));
    return TME_OK;
}

static tme_status begin_file(xliff2_reader *x, tme_error *err)
{
    tme_xml_text *name = &x->scratch;
    const char *original = tme_xml_reader_attribute(x->xml, "original");
    if (tme_xml_text_set(name, original ? original : tme_xml_reader_attribute(x->xml, "id"), err) !=
        TME_OK)
        return err->status;
    return tme_document_begin_part(x->doc, name->set ? name->text : x->doc->name, err);
}

static tme_status begin_segment(xliff2_reader *x, tme_error *err)
{
    size_t old_cap = x->cap_segments;
    if (TME_ARRAY_RESERVE(x->segments, x->cap_segments, x->n_segments + 1) != TME_OK)
        return tme_error_nomem(err);
    memset(x->segments + old_cap, 0, (x->cap_segments - old_cap) * sizeof *x->segments);
    segment *s = &x->segments[x->n_segments++];
    tme_xml_text_clear(&s->source);
    tme_xml_text_clear(&s->target);
    x->segment_depth = tme_xml_reader_is_empty(x->xml) ? -1 : tme_xml_reader_depth(x->xml);
    return TME_OK;
}

/* Each segment of the <unit> just ended is a unit; the unit's name is an
 * id only when it names one. */
static tme_status finish_unit(xliff2_reader *x, tme_error *err)
{
    tme_status status = TME_OK;
    const char *id = x->n_segments == 1 ? tme_xml_text_get(&x->name) : NULL;
    for (size_t k = 0; k < x->n_segments && status == TME_OK; k++)
        status = tme_read_units_add_xliff(x->doc, x->order, &x->segments[k].source,
                                          &x->segments[k].target, &x->meta, id, err);
    clear_unit(x);
    return status;
}

static tme_status begin_unit(xliff2_reader *x, tme_error *err)
{
    clear_unit(x);
    x->unit_depth = tme_xml_reader_depth(x->xml);
    if (tme_xml_text_set(&x->name, tme_xml_reader_attribute(x->xml, "name"), err) != TME_OK)
        return err->status;
    return tme_xml_reader_is_empty(x->xml) ? finish_unit(x, err) : TME_OK;
}

/* What a <unit> holds. */
static tme_status on_unit_start(xliff2_reader *x, const char *name, tme_error *err)
{
    int in_segment = x->segment_depth >= 0 && tme_xml_reader_depth(x->xml) == x->segment_depth + 1;
    segment *s = x->n_segments > 0 ? &x->segments[x->n_segments - 1] : NULL;
    if (in_segment && strcmp(name, "source") == 0)
        return tme_read_segment(x->doc, x->xml, &xliff2_inline, &s->source, err);
    if (in_segment && strcmp(name, "target") == 0)
        return tme_read_segment(x->doc, x->xml, &xliff2_inline, &s->target, err);
    if (strcmp(name, "segment") == 0)
        return begin_segment(x, err);
    /* <mda:meta>, where tmexport's writer puts the score and date. */
    if (strcmp(name, "meta") == 0)
        return tme_read_unit_meta(x->xml, tme_xml_reader_attribute(x->xml, "type"), "score",
                                  "created", &x->meta, err);
    if (strcmp(name, "ignorable") == 0 || strcmp(name, "originalData") == 0 ||
        strcmp(name, "notes") == 0)
        return tme_xml_reader_skip(x->xml, err);
    return TME_OK;
}

static tme_status on_start(xliff2_reader *x, tme_error *err)
{
    const char *name = tme_xml_reader_name(x->xml);
    if (tme_xml_reader_depth(x->xml) == 0)
        return strcmp(name, "xliff") == 0
                   ? read_languages(x, err)
                   : tme_xml_reader_fail(
                         x->xml, err, "not an XLIFF document: the root element is <%.40s>", name);
    if (x->unit_depth >= 0)
        return on_unit_start(x, name, err);
    if (strcmp(name, "file") == 0)
        return begin_file(x, err);
    if (strcmp(name, "unit") == 0)
        return begin_unit(x, err);
    if (strcmp(name, "skeleton") == 0 || strcmp(name, "notes") == 0)
        return tme_xml_reader_skip(x->xml, err);
    return TME_OK;
}

static tme_status on_end(xliff2_reader *x, tme_error *err)
{
    int depth = tme_xml_reader_depth(x->xml);
    if (depth == x->segment_depth)
        x->segment_depth = -1;
    else if (depth == x->unit_depth)
        return finish_unit(x, err);
    return TME_OK;
}

static tme_status xliff2_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    xliff2_reader x = {.doc = doc, .unit_depth = -1, .segment_depth = -1, .meta.score = 1.0};
    if ((x.xml = tme_xml_reader_new(in, doc->name, err)) == NULL)
        return err->status;
    int more = 1;
    while (tme_xml_reader_next(x.xml, &more, err) == TME_OK && more) {
        tme_xml_node node = tme_xml_reader_node(x.xml);
        if ((node == TME_XML_START && on_start(&x, err) != TME_OK) ||
            (node == TME_XML_END && on_end(&x, err) != TME_OK))
            break;
    }
    for (size_t k = 0; k < x.cap_segments; k++) {
        tme_xml_text_free(&x.segments[k].source);
        tme_xml_text_free(&x.segments[k].target);
    }
    free(x.segments);
    tme_xml_text_free(&x.name);
    tme_xml_text_free(&x.scratch);
    tme_unit_meta_free(&x.meta);
    tme_xml_reader_free(x.xml);
    return err->status;
}

static int xliff2_probe(const unsigned char *data, size_t len, const char *name)
{
    (void)name;
    return tme_probe_xliff(data, len, "2.0");
}

const tme_input_format tme_input_xliff2 = {
    .name = "xliff2",
    .description = "XLIFF 2.0 or 2.1 (any size): its translated segments, one document per <file>",
    .extensions = NULL,
    .streams = 1,
    .yields_units = 1,
    .probe = xliff2_probe,
    .read = xliff2_read,
};
