/* SPDX-License-Identifier: MIT */
/* XLIFF 1.2, valid against the strict core schema: one <file> per input
 * document, each pair a translated <trans-unit> whose resname is the
 * unit's stable id (the TMX tuid) and whose context group holds its
 * score (and the creation date a file read gave it), so that reading
 * the XLIFF back loses nothing a TMX keeps. Written with libxml2's
 * xmlTextWriter so that escaping is libxml2's business. */
#include "format.h"
#include "text_output.h"
#include "unit_props.h"
#include "xml_output.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XLIFF12_NAMESPACE "urn:oasis:names:tc:xliff:document:1.2"
/* The strict schema requires at least one <file>, and <file> requires
 * original: an export without any document names this instead. */
#define NO_DOCUMENT_ORIGINAL "tmexport:no-input"

typedef struct {
    xmlTextWriterPtr xml;
    size_t file_count;
    size_t unit_count; /* in the open <file>: trans-unit ids are unique per file */
    int file_open;
    tme_unit_ids ids;
} xliff12_state;

/* xsd:dateTime in UTC, from the run's fixed creation time. */
static void format_xsd_datetime(time_t t, char out[21])
{
    struct tm utc;
    if (gmtime_r(&t, &utc) == NULL || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0)
        snprintf(out, 21, "1970-01-01T00:00:00Z");
}

static tme_status xliff12_begin(tme_writer *w, tme_error *err)
{
    xliff12_state *s = w->priv;
    s->xml = tme_xml_writer_new(w);
    if (s->xml == NULL)
        return tme_error_nomem(err);
    /* Indentation only goes between elements: libxml2 never indents inside an
     * element that has text, so <source> and <target> stay exact. */
    if (xmlTextWriterSetIndent(s->xml, 1) < 0 ||
        xmlTextWriterStartDocument(s->xml, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElementNS(s->xml, NULL, BAD_CAST "xliff", BAD_CAST XLIFF12_NAMESPACE) <
            0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "version", BAD_CAST "1.2") < 0)
        return tme_xml_failure(w, "XLIFF", err);
    return TME_OK;
}

static int write_file_header(xmlTextWriterPtr xml, const tme_writer_context *o)
{
    if (xmlTextWriterStartElement(xml, BAD_CAST "header") < 0 ||
        xmlTextWriterStartElement(xml, BAD_CAST "tool") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "tool-id", BAD_CAST "tmexport") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "tool-name", BAD_CAST "tmexport") < 0 ||
        tme_xml_write_clean_attribute(xml, "tool-version", o->tool_version) < 0 ||
        xmlTextWriterEndElement(xml) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

static int start_file(xmlTextWriterPtr xml, const char *original, const tme_writer_context *o)
{
    char date[21];
    format_xsd_datetime(o->creation_time, date);
    if (xmlTextWriterStartElement(xml, BAD_CAST "file") < 0 ||
        tme_xml_write_clean_attribute(xml, "original", original) < 0 ||
        tme_xml_write_clean_attribute(xml, "source-language", o->source_lang) < 0 ||
        tme_xml_write_clean_attribute(xml, "target-language", o->target_lang) < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "datatype", BAD_CAST "plaintext") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "tool-id", BAD_CAST "tmexport") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "date", BAD_CAST date) < 0 ||
        write_file_header(xml, o) < 0)
        return -1;
    return xmlTextWriterStartElement(xml, BAD_CAST "body");
}

/* Ends </body></file>. */
static int end_file(xmlTextWriterPtr xml)
{
    if (xmlTextWriterEndElement(xml) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

static tme_status xliff12_end_document(tme_writer *w, tme_error *err)
{
    xliff12_state *s = w->priv;
    if (!s->file_open)
        return TME_OK;
    s->file_open = 0;
    if (end_file(s->xml) < 0)
        return tme_xml_failure(w, "XLIFF", err);
    return TME_OK;
}

static tme_status xliff12_begin_document(tme_writer *w, const char *document, size_t document_index,
                                         tme_error *err)
{
    (void)document_index;
    xliff12_state *s = w->priv;
    if (xliff12_end_document(w, err) != TME_OK)
        return err->status;
    if (tme_unit_ids_begin_document(&s->ids, document, err) != TME_OK)
        return err->status;
    if (start_file(s->xml, document, w->context) < 0)
        return tme_xml_failure(w, "XLIFF", err);
    s->file_count++;
    s->unit_count = 0;
    s->file_open = 1;
    return TME_OK;
}

/* <context-group purpose="information">: the score, and the creation date
 * when a file that was read gave one (the strict schema takes "x-" context
 * types; an attribute of another namespace would need a schema of its own,
 * and a group's name must be unique in its file, so it has none). */
static int write_unit_props(xmlTextWriterPtr xml, const tme_unit *unit)
{
    char score[TME_SCORE_SIZE];
    tme_format_score(unit->score, score);
    if (xmlTextWriterStartElement(xml, BAD_CAST "context-group") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "purpose", BAD_CAST "information") < 0 ||
        tme_xml_write_typed_element(xml, "context", "context-type", "x-score", score) < 0 ||
        (unit->created != NULL && tme_xml_write_typed_element(xml, "context", "context-type",
                                                              "x-creationdate", unit->created) < 0))
        return -1;
    return xmlTextWriterEndElement(xml);
}

static tme_status xliff12_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    xliff12_state *s = w->priv;
    /* A caller that does not announce documents still gets a <file>. */
    if (!s->file_open &&
        xliff12_begin_document(w, unit->document, unit->document_index, err) != TME_OK)
        return err->status;
    char id[32], resname[64];
    snprintf(id, sizeof id, "%zu", ++s->unit_count);
    /* xml:space="preserve": a segment's leading, trailing and repeated spaces
     * are content, which XLIFF's default whitespace handling may collapse. */
    if (xmlTextWriterStartElement(s->xml, BAD_CAST "trans-unit") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "id", BAD_CAST id) < 0 ||
        tme_xml_write_clean_attribute(s->xml, "resname", tme_unit_ids_of(&s->ids, unit, resname)) <
            0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "xml:space", BAD_CAST "preserve") < 0 ||
        tme_xml_write_clean_element(s->xml, "source", unit->source) < 0 ||
        xmlTextWriterStartElement(s->xml, BAD_CAST "target") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "state", BAD_CAST "translated") < 0)
        return tme_xml_failure(w, "XLIFF", err);
    if (tme_xml_write_clean_string(s->xml, unit->target) < 0 ||
        xmlTextWriterEndElement(s->xml) < 0 || write_unit_props(s->xml, unit) < 0 ||
        xmlTextWriterEndElement(s->xml) < 0)
        return tme_xml_failure(w, "XLIFF", err);
    return TME_OK;
}

static tme_status xliff12_end(tme_writer *w, tme_error *err)
{
    xliff12_state *s = w->priv;
    if (xliff12_end_document(w, err) != TME_OK)
        return err->status;
    if (s->file_count == 0 && xliff12_begin_document(w, NO_DOCUMENT_ORIGINAL, 0, err) != TME_OK)
        return err->status;
    /* EndDocument closes whatever is still open, down to </xliff>. */
    if (xmlTextWriterEndDocument(s->xml) < 0 || xmlTextWriterFlush(s->xml) < 0)
        return tme_xml_failure(w, "XLIFF", err);
    return tme_sink_error(w->sink, err);
}

static void xliff12_cleanup(tme_writer *w)
{
    xliff12_state *s = w->priv;
    if (s->xml != NULL)
        xmlFreeTextWriter(s->xml);
    tme_unit_ids_free(&s->ids);
}

static const tme_option_def xliff_options[] = {
    {.name = "xliff-version",
     .group = "xliff",
     .kind = TME_OPTION_VALUE,
     .help = "XLIFF version written for .xlf/.xliff paths",
     .default_value = "1.2",
     .choices = "1.2|2.0"},
    {.name = NULL},
};

extern const tme_output_format tme_output_xliff2;

static const tme_output_format *xliff_variant(const tme_option_values *options)
{
    extern const tme_output_format tme_output_xliff12;
    return strcmp(tme_option_values_get(options, "xliff-version"), "2.0") == 0
               ? &tme_output_xliff2
               : &tme_output_xliff12;
}

const tme_output_format tme_output_xliff12 = {
    .name = "xliff",
    .description = "XLIFF 1.2 bilingual file, one <file> per input",
    .extensions = "xlf,xliff",
    .options = xliff_options,
    .variant = xliff_variant,
    .priv_size = sizeof(xliff12_state),
    .begin = xliff12_begin,
    .begin_document = xliff12_begin_document,
    .write = xliff12_write,
    .end_document = xliff12_end_document,
    .end = xliff12_end,
    .cleanup = xliff12_cleanup,
};
