/* SPDX-License-Identifier: MIT */
/* XLIFF 2.0, valid against the core schema: one <file> per input document,
 * each pair a <unit> with one translated <segment>, named by the unit's
 * stable id (the TMX tuid), its score (and the creation date a file read
 * gave it) in the metadata module's <mda:metadata>, so that reading the
 * XLIFF back loses nothing a TMX keeps. Written with libxml2's
 * xmlTextWriter so that escaping is libxml2's business. */
#include "format.h"
#include "text_output.h"
#include "unit_props.h"
#include "xml_output.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLIFF2_NAMESPACE "urn:oasis:names:tc:xliff:document:2.0"
#define METADATA_NAMESPACE "urn:oasis:names:tc:xliff:metadata:2.0"
/* The core schema requires every <file> to hold at least one <unit> or
 * <group>, and the document at least one <file>: an export without pairs
 * gets this empty <group> (a group may be empty) in its file. */
#define EMPTY_GROUP_ID "empty"

typedef struct {
    xmlTextWriterPtr xml;
    size_t file_count; /* files written: file ids are "f1", "f2"... in document order */
    size_t unit_count; /* in the open <file>: unit ids are unique per file */
    int file_open;
    tme_unit_ids ids;
} xliff2_state;

static tme_status xliff2_begin(tme_writer *w, tme_error *err)
{
    xliff2_state *s = w->priv;
    s->xml = tme_xml_writer_new(w);
    if (s->xml == NULL)
        return tme_error_nomem(err);
    /* Indentation only goes between elements: libxml2 never indents inside an
     * element that has text, so <source> and <target> stay exact.
     * xml:space="preserve": a segment's leading, trailing and repeated spaces
     * are content, which XLIFF's default whitespace handling may collapse. */
    if (xmlTextWriterSetIndent(s->xml, 1) < 0 ||
        xmlTextWriterStartDocument(s->xml, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElementNS(s->xml, NULL, BAD_CAST "xliff", BAD_CAST XLIFF2_NAMESPACE) <
            0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "version", BAD_CAST "2.0") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "xmlns:mda", BAD_CAST METADATA_NAMESPACE) <
            0 ||
        tme_xml_write_clean_attribute(s->xml, "srcLang", w->context->source_lang) < 0 ||
        tme_xml_write_clean_attribute(s->xml, "trgLang", w->context->target_lang) < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "xml:space", BAD_CAST "preserve") < 0)
        return tme_xml_failure(w, "XLIFF 2.0", err);
    return TME_OK;
}

static tme_status xliff2_end_document(tme_writer *w, tme_error *err)
{
    xliff2_state *s = w->priv;
    if (!s->file_open)
        return TME_OK;
    s->file_open = 0;
    if (s->unit_count == 0 &&
        (xmlTextWriterStartElement(s->xml, BAD_CAST "group") < 0 ||
         xmlTextWriterWriteAttribute(s->xml, BAD_CAST "id", BAD_CAST EMPTY_GROUP_ID) < 0 ||
         xmlTextWriterEndElement(s->xml) < 0))
        return tme_xml_failure(w, "XLIFF 2.0", err);
    if (xmlTextWriterEndElement(s->xml) < 0)
        return tme_xml_failure(w, "XLIFF 2.0", err);
    return TME_OK;
}

/* document NULL: a file without an original (the empty export). */
static tme_status start_file(tme_writer *w, const char *document, tme_error *err)
{
    xliff2_state *s = w->priv;
    if (xliff2_end_document(w, err) != TME_OK)
        return err->status;
    char id[32];
    snprintf(id, sizeof id, "f%zu", ++s->file_count);
    if (xmlTextWriterStartElement(s->xml, BAD_CAST "file") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "id", BAD_CAST id) < 0 ||
        (document != NULL && tme_xml_write_clean_attribute(s->xml, "original", document) < 0))
        return tme_xml_failure(w, "XLIFF 2.0", err);
    if (document != NULL && tme_unit_ids_begin_document(&s->ids, document, err) != TME_OK)
        return err->status;
    s->unit_count = 0;
    s->file_open = 1;
    return TME_OK;
}

static tme_status xliff2_begin_document(tme_writer *w, const char *document, size_t document_index,
                                        tme_error *err)
{
    (void)document_index; /* ids come from the writer's own count, unique even if reused */
    return start_file(w, document, err);
}

/* <mda:metadata><mda:metaGroup category="tmexport">: the score, and the
 * creation date when a file that was read gave one. */
static int write_unit_props(xmlTextWriterPtr xml, const tme_unit *unit)
{
    char score[TME_SCORE_SIZE];
    tme_format_score(unit->score, score);
    if (xmlTextWriterStartElement(xml, BAD_CAST "mda:metadata") < 0 ||
        xmlTextWriterStartElement(xml, BAD_CAST "mda:metaGroup") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "category", BAD_CAST "tmexport") < 0 ||
        tme_xml_write_typed_element(xml, "mda:meta", "type", "score", score) < 0 ||
        (unit->created != NULL &&
         tme_xml_write_typed_element(xml, "mda:meta", "type", "created", unit->created) < 0) ||
        xmlTextWriterEndElement(xml) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

static tme_status xliff2_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    xliff2_state *s = w->priv;
    /* A caller that does not announce documents still gets a <file>. */
    if (!s->file_open && start_file(w, unit->document, err) != TME_OK)
        return err->status;
    char id[32], name[64];
    snprintf(id, sizeof id, "u%zu", ++s->unit_count);
    if (xmlTextWriterStartElement(s->xml, BAD_CAST "unit") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "id", BAD_CAST id) < 0 ||
        tme_xml_write_clean_attribute(s->xml, "name", tme_unit_ids_of(&s->ids, unit, name)) < 0 ||
        write_unit_props(s->xml, unit) < 0 ||
        xmlTextWriterStartElement(s->xml, BAD_CAST "segment") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "state", BAD_CAST "translated") < 0 ||
        tme_xml_write_clean_element(s->xml, "source", unit->source) < 0 ||
        tme_xml_write_clean_element(s->xml, "target", unit->target) < 0 ||
        xmlTextWriterEndElement(s->xml) < 0 || xmlTextWriterEndElement(s->xml) < 0)
        return tme_xml_failure(w, "XLIFF 2.0", err);
    return TME_OK;
}

static tme_status xliff2_end(tme_writer *w, tme_error *err)
{
    xliff2_state *s = w->priv;
    if (xliff2_end_document(w, err) != TME_OK)
        return err->status;
    if (s->file_count == 0 &&
        (start_file(w, NULL, err) != TME_OK || xliff2_end_document(w, err) != TME_OK))
        return err->status;
    if (xmlTextWriterEndDocument(s->xml) < 0 || xmlTextWriterFlush(s->xml) < 0)
        return tme_xml_failure(w, "XLIFF 2.0", err);
    return tme_sink_error(w->sink, err);
}

static void xliff2_cleanup(tme_writer *w)
{
    xliff2_state *s = w->priv;
    if (s->xml != NULL)
        xmlFreeTextWriter(s->xml);
    tme_unit_ids_free(&s->ids);
}

const tme_output_format tme_output_xliff2 = {
    .name = "xliff2",
    .description = "XLIFF 2.0 bilingual file, one <file> per input",
    .extensions = NULL,
    .priv_size = sizeof(xliff2_state),
    .begin = xliff2_begin,
    .begin_document = xliff2_begin_document,
    .write = xliff2_write,
    .end_document = xliff2_end_document,
    .end = xliff2_end,
    .cleanup = xliff2_cleanup,
};
