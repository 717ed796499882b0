/* SPDX-License-Identifier: MIT */
/* The XLIFF 1.2 reader, as a stream, one <trans-unit> in memory at a
 * time: every <file> is a document (named by its original), every
 * <trans-unit> with a <target> a unit in the file's source-language and
 * target-language. What tmexport's writer carries comes back: resname is
 * the unit's id, the context group's x-score and x-creationdate its score
 * and creation date. Inline codes are flattened: <g> and <mrk> keep their
 * text, the native code inside <bpt> <ept> <ph> <it> is dropped (but not
 * its <sub> text), <x> <bx> <ex> are empty. <alt-trans> proposals and
 * <seg-source> are not units and are passed over. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "read_units.h"
#include "xmlread.h"

static const char *const native_code[] = {"bpt", "ept", "ph", "it", NULL};
static const tme_xml_inline xliff12_inline = {native_code, "sub"};

typedef struct {
    tme_document *doc;
    tme_xml_reader *xml;
    tme_pair_order order; /* the open <file>'s languages against the export's */
    /* The <trans-unit> being read: unit_depth -1 outside one. Its buffers
     * stay from one unit to the next. */
    int unit_depth;
    tme_xml_text resname, source, target;
    tme_unit_meta meta;      /* x-score, x-creationdate */
    tme_xml_text scratch[2]; /* attributes of a <file> */
} xliff12_reader;

static void clear_unit(xliff12_reader *x)
{
    tme_xml_text *texts[] = {&x->resname, &x->source, &x->target};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        tme_xml_text_clear(texts[k]);
    tme_unit_meta_clear(&x->meta);
    x->unit_depth = -1;
}

/* A <file>: a document of its own, in its own pair of languages. */
static tme_status begin_file(xliff12_reader *x, tme_error *err)
{
    tme_xml_text *original = &x->scratch[0], *source = &x->scratch[1];
    if (tme_xml_text_set(original, tme_xml_reader_attribute(x->xml, "original"), err) != TME_OK ||
        tme_xml_text_set(source, tme_xml_reader_attribute(x->xml, "source-language"), err) !=
            TME_OK)
        return err->status;
    x->order = tme_pair_order_of(x->doc, tme_xml_text_get(source),
                                 tme_xml_reader_attribute(x->xml, "target-language"));
    return tme_document_begin_part(x->doc, original->set ? original->text : x->doc->name, err);
}

static tme_status finish_unit(xliff12_reader *x, tme_error *err)
{
    tme_status status = tme_read_units_add_xliff(x->doc, x->order, &x->source, &x->target, &x->meta,
                                                 tme_xml_text_get(&x->resname), err);
    clear_unit(x);
    return status;
}

static tme_status begin_unit(xliff12_reader *x, tme_error *err)
{
    clear_unit(x);
    x->unit_depth = tme_xml_reader_depth(x->xml);
    if (tme_xml_text_set(&x->resname, tme_xml_reader_attribute(x->xml, "resname"), err) != TME_OK)
        return err->status;
    return tme_xml_reader_is_empty(x->xml) ? finish_unit(x, err) : TME_OK;
}

/* What a <trans-unit> holds. */
static tme_status on_unit_start(xliff12_reader *x, const char *name, tme_error *err)
{
    int child = tme_xml_reader_depth(x->xml) == x->unit_depth + 1;
    if (child && strcmp(name, "source") == 0)
        return tme_read_segment(x->doc, x->xml, &xliff12_inline, &x->source, err);
    if (child && strcmp(name, "target") == 0)
        return tme_read_segment(x->doc, x->xml, &xliff12_inline, &x->target, err);
    /* The context group tmexport's writer puts the score and date in. */
    if (strcmp(name, "context") == 0)
        return tme_read_unit_meta(x->xml, tme_xml_reader_attribute(x->xml, "context-type"),
                                  "x-score", "x-creationdate", &x->meta, err);
    if (strcmp(name, "alt-trans") == 0 || strcmp(name, "seg-source") == 0 ||
        strcmp(name, "note") == 0)
        return tme_xml_reader_skip(x->xml, err);
    return TME_OK;
}

static tme_status on_start(xliff12_reader *x, tme_error *err)
{
    const char *name = tme_xml_reader_name(x->xml);
    if (tme_xml_reader_depth(x->xml) == 0)
        return strcmp(name, "xliff") == 0
                   ? TME_OK
                   : tme_xml_reader_fail(
                         x->xml, err, "not an XLIFF document: the root element is <%.40s>", name);
    if (x->unit_depth >= 0)
        return on_unit_start(x, name, err);
    if (strcmp(name, "file") == 0)
        return begin_file(x, err);
    if (strcmp(name, "trans-unit") == 0)
        return begin_unit(x, err);
    if (strcmp(name, "header") == 0 || strcmp(name, "bin-unit") == 0)
        return tme_xml_reader_skip(x->xml, err);
    return TME_OK;
}

static tme_status xliff12_read(tme_document *doc, tme_stream *in, tme_error *err)
{
    xliff12_reader x = {.doc = doc, .unit_depth = -1, .meta.score = 1.0};
    if ((x.xml = tme_xml_reader_new(in, doc->name, err)) == NULL)
        return err->status;
    int more = 1;
    while (tme_xml_reader_next(x.xml, &more, err) == TME_OK && more) {
        tme_xml_node node = tme_xml_reader_node(x.xml);
        if (node == TME_XML_START && on_start(&x, err) != TME_OK)
            break;
        if (node == TME_XML_END && tme_xml_reader_depth(x.xml) == x.unit_depth &&
            finish_unit(&x, err) != TME_OK)
            break;
    }
    tme_xml_text *texts[] = {&x.resname, &x.source, &x.target, &x.scratch[0], &x.scratch[1]};
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
        tme_xml_text_free(texts[k]);
    tme_unit_meta_free(&x.meta);
    tme_xml_reader_free(x.xml);
    return err->status;
}

static int xliff12_probe(const unsigned char *data, size_t len, const char *name)
{
    (void)name;
    return tme_probe_xliff(data, len, "1.2");
}

const tme_input_format tme_input_xliff12 = {
    .name = "xliff",
    .description = "XLIFF 1.2 (any size): its translated units, one document per <file>",
    .extensions = "xlf,xliff",
    .streams = 1,
    .yields_units = 1,
    .probe = xliff12_probe,
    .read = xliff12_read,
};
