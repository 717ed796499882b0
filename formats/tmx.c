/* SPDX-License-Identifier: MIT */
/* TMX 1.4b, valid against tmx14.dtd, written with libxml2's xmlTextWriter so
 * that escaping and the output encoding are libxml2's business. */
#include "format.h"
#include "text_output.h"
#include "unit_props.h"
#include "xml_output.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    xmlTextWriterPtr xml;
    int document_open;
    char *document; /* the current document's name, cleaned for XML */
    tme_unit_ids ids;
    int document_prop, score_prop; /* which props a <tu> carries (tmx-props) */
} tmx_state;

/* "YYYYMMDDThhmmssZ", the TMX date format, always in UTC. */
static void format_tmx_date(time_t t, char out[17])
{
    struct tm utc;
    if (gmtime_r(&t, &utc) == NULL || strftime(out, 17, "%Y%m%dT%H%M%SZ", &utc) == 0)
        snprintf(out, 17, "19700101T000000Z");
}

static int write_header(xmlTextWriterPtr xml, const tme_writer *w)
{
    const tme_writer_context *o = w->context;
    char date[17];
    format_tmx_date(o->creation_time, date);
    if (xmlTextWriterStartElement(xml, BAD_CAST "header") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "creationtool", BAD_CAST "tmexport") < 0 ||
        tme_xml_write_clean_attribute(xml, "creationtoolversion", o->tool_version) < 0 ||
        tme_xml_write_clean_attribute(xml, "segtype", o->segtype) < 0 ||
        tme_xml_write_clean_attribute(xml, "o-tmf", tme_writer_option(w, "tmx-o-tmf")) < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "adminlang", BAD_CAST "en-US") < 0 ||
        tme_xml_write_clean_attribute(xml, "srclang", o->source_lang) < 0 ||
        tme_xml_write_clean_attribute(xml, "datatype", tme_writer_option(w, "tmx-datatype")) < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "creationdate", BAD_CAST date) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

static tme_status tmx_begin(tme_writer *w, tme_error *err)
{
    tmx_state *s = w->priv;
    s->xml = tme_xml_writer_new(w);
    if (s->xml == NULL)
        return tme_error_nomem(err);
    const char *props = tme_writer_option(w, "tmx-props");
    s->document_prop = strstr(props, "document") != NULL;
    s->score_prop = strstr(props, "score") != NULL;
    /* Indentation only goes between elements: libxml2 never indents inside an
     * element that has text, so <seg> content stays exact. */
    const char *encoding =
        strcmp(tme_writer_option(w, "tmx-encoding"), "utf-16") == 0 ? "UTF-16" : "UTF-8";
    /* With indentation on, libxml2 would break the doctype over two lines. */
    if (xmlTextWriterStartDocument(s->xml, "1.0", encoding, NULL) < 0 ||
        xmlTextWriterWriteDTD(s->xml, BAD_CAST "tmx", NULL, BAD_CAST "tmx14.dtd", NULL) < 0 ||
        xmlTextWriterWriteRaw(s->xml, BAD_CAST "\n") < 0 || xmlTextWriterSetIndent(s->xml, 1) < 0 ||
        xmlTextWriterStartElement(s->xml, BAD_CAST "tmx") < 0 ||
        xmlTextWriterWriteAttribute(s->xml, BAD_CAST "version", BAD_CAST "1.4") < 0 ||
        write_header(s->xml, w) < 0 || xmlTextWriterStartElement(s->xml, BAD_CAST "body") < 0)
        return tme_xml_failure(w, "TMX", err);
    return TME_OK;
}

/* Tuids are stable (unit_props.h): the same article gets the same ids in
 * every run, and shards of one corpus never collide. */
static tme_status tmx_begin_document(tme_writer *w, const char *document, size_t document_index,
                                     tme_error *err)
{
    (void)document_index; /* ids come from the name: the same in every run and shard */
    tmx_state *s = w->priv;
    free(s->document);
    s->document = tme_xml_clean_copy(document);
    if (s->document == NULL)
        return tme_error_nomem(err);
    if (tme_unit_ids_begin_document(&s->ids, document, err) != TME_OK)
        return err->status;
    s->document_open = 1;
    return TME_OK;
}

static tme_status tmx_end_document(tme_writer *w, tme_error *err)
{
    (void)err;
    tmx_state *s = w->priv;
    s->document_open = 0;
    return TME_OK;
}

static int write_tuv(xmlTextWriterPtr xml, const char *lang, const char *text)
{
    if (xmlTextWriterStartElement(xml, BAD_CAST "tuv") < 0 ||
        tme_xml_write_clean_attribute(xml, "xml:lang", lang) < 0 ||
        tme_xml_write_clean_element(xml, "seg", text) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

static int write_prop(xmlTextWriterPtr xml, const char *type, const char *value)
{
    if (xmlTextWriterStartElement(xml, BAD_CAST "prop") < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST "type", BAD_CAST type) < 0 ||
        xmlTextWriterWriteString(xml, BAD_CAST value) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

static tme_status tmx_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    tmx_state *s = w->priv;
    /* A caller that does not announce documents still gets one per name. */
    if (!s->document_open &&
        tmx_begin_document(w, unit->document, unit->document_index, err) != TME_OK)
        return err->status;
    char tuid[64], score[TME_SCORE_SIZE];
    tme_format_score(unit->score, score);
    const tme_writer_context *o = w->context;
    /* A creation date is only written when a file that was read gave one:
     * the header's is the run's. */
    if (xmlTextWriterStartElement(s->xml, BAD_CAST "tu") < 0 ||
        tme_xml_write_clean_attribute(s->xml, "tuid", tme_unit_ids_of(&s->ids, unit, tuid)) < 0 ||
        (unit->created != NULL &&
         tme_xml_write_clean_attribute(s->xml, "creationdate", unit->created) < 0) ||
        (s->document_prop && write_prop(s->xml, "x-document", s->document) < 0) ||
        (s->score_prop && write_prop(s->xml, "x-score", score) < 0) ||
        write_tuv(s->xml, o->source_lang, unit->source) < 0 ||
        write_tuv(s->xml, o->target_lang, unit->target) < 0 || xmlTextWriterEndElement(s->xml) < 0)
        return tme_xml_failure(w, "TMX", err);
    return TME_OK;
}

static tme_status tmx_end(tme_writer *w, tme_error *err)
{
    tmx_state *s = w->priv;
    /* EndDocument closes <body> and <tmx>. */
    if (xmlTextWriterEndDocument(s->xml) < 0 || xmlTextWriterFlush(s->xml) < 0)
        return tme_xml_failure(w, "TMX", err);
    return tme_sink_error(w->sink, err);
}

static void tmx_cleanup(tme_writer *w)
{
    tmx_state *s = w->priv;
    if (s->xml != NULL)
        xmlFreeTextWriter(s->xml);
    free(s->document);
    tme_unit_ids_free(&s->ids);
}

static const tme_option_def tmx_options[] = {
    {.name = "tmx-encoding",
     .group = "tmx",
     .kind = TME_OPTION_VALUE,
     .help = "TMX encoding: UTF-16 is written little-endian with a BOM",
     .default_value = "utf-8",
     .choices = "utf-8|utf-16"},
    {.name = "tmx-o-tmf",
     .group = "tmx",
     .argument = "NAME",
     .help = "the header's o-tmf (original TM format)",
     .default_value = "tmexport"},
    {.name = "tmx-datatype",
     .group = "tmx",
     .argument = "TYPE",
     .help = "the header's datatype",
     .default_value = "plaintext"},
    {.name = "tmx-props",
     .group = "tmx",
     .help = "the props each <tu> carries: x-document, x-score, both or none",
     .default_value = "document,score",
     .choices = "document,score|document|score|none"},
    {.name = NULL},
};

const tme_output_format tme_output_tmx = {
    .name = "tmx",
    .description = "TMX 1.4b translation memory (CAT tools: OmegaT, Trados, memoQ...)",
    .extensions = "tmx",
    .options = tmx_options,
    .priv_size = sizeof(tmx_state),
    .begin = tmx_begin,
    .begin_document = tmx_begin_document,
    .write = tmx_write,
    .end_document = tmx_end_document,
    .end = tmx_end,
    .cleanup = tmx_cleanup,
};
