/* SPDX-License-Identifier: MIT */
/* TMX 1.4b, valid against tmx14.dtd, written with libxml2's xmlTextWriter so
 * that escaping and the output encoding are libxml2's business. */
#include "format.h"
#include "text_output.h"
#include "unit_props.h"
#include "xml_output.h"

#include <libxml/entities.h>
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
    /* The raw-unit path (xml_output.h): the document's name escaped once,
     * whether both languages are plain, and whether <body>'s start tag is
     * still open (the first unit closes it through xmlTextWriter). */
    tme_xml_piece piece;
    xmlChar *document_escaped;
    int langs_plain, body_tag_open;
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
    if (tme_xml_piece_init(&s->piece) < 0)
        return tme_error_nomem(err);
    const tme_writer_context *o = w->context;
    s->langs_plain = tme_xml_plain_value(o->source_lang) && tme_xml_plain_value(o->target_lang);
    s->body_tag_open = 1;
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
    xmlFree(s->document_escaped);
    s->document_escaped = xmlEncodeSpecialChars(NULL, BAD_CAST s->document);
    if (s->document_escaped == NULL)
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

/* Whether a unit can go out as one raw piece, byte for byte what the
 * xmlTextWriter calls below write: every attribute value plain (nothing in
 * it to escape), no empty text (xmlTextWriter's empty-element forms), and
 * <body>'s start tag closed. */
static int unit_fits_piece(const tmx_state *s, const tme_unit *unit, const char *tuid,
                           const char *score)
{
    return s->langs_plain && !s->body_tag_open && tme_xml_plain_value(tuid) &&
           (unit->created == NULL || tme_xml_plain_value(unit->created)) &&
           tme_xml_plain_value(score) && s->document[0] != '\0' && unit->source[0] != '\0' &&
           unit->target[0] != '\0';
}

static void piece_tuv(tme_xml_piece *p, const char *lang, const char *text)
{
    tme_xml_piece_markup(p, "   <tuv xml:lang=\"");
    tme_xml_piece_markup(p, lang);
    tme_xml_piece_markup(p, "\">\n    <seg>");
    tme_xml_piece_text(p, text);
    tme_xml_piece_markup(p, "</seg>\n   </tuv>\n");
}

/* The unit as xmlTextWriter with indentation writes it at depth 2; after
 * the raw write the writer is told to indent again, as it is after an end
 * tag. */
static int write_unit_piece(tmx_state *s, const tme_writer_context *o, const tme_unit *unit,
                            const char *tuid, const char *score)
{
    tme_xml_piece *p = &s->piece;
    tme_xml_piece_markup(p, "  <tu tuid=\"");
    tme_xml_piece_markup(p, tuid);
    if (unit->created != NULL) {
        tme_xml_piece_markup(p, "\" creationdate=\"");
        tme_xml_piece_markup(p, unit->created);
    }
    tme_xml_piece_markup(p, "\">\n");
    if (s->document_prop) {
        tme_xml_piece_markup(p, "   <prop type=\"x-document\">");
        tme_xml_piece_markup(p, (const char *)s->document_escaped);
        tme_xml_piece_markup(p, "</prop>\n");
    }
    if (s->score_prop) {
        tme_xml_piece_markup(p, "   <prop type=\"x-score\">");
        tme_xml_piece_markup(p, score);
        tme_xml_piece_markup(p, "</prop>\n");
    }
    piece_tuv(p, o->source_lang, unit->source);
    piece_tuv(p, o->target_lang, unit->target);
    tme_xml_piece_markup(p, "  </tu>\n");
    if (tme_xml_piece_write(p, s->xml) < 0)
        return -1;
    return xmlTextWriterSetIndent(s->xml, 1);
}

static int write_unit_elements(tmx_state *s, const tme_writer_context *o, const tme_unit *unit,
                               const char *tuid, const char *score)
{
    /* A creation date is only written when a file that was read gave one:
     * the header's is the run's. */
    if (xmlTextWriterStartElement(s->xml, BAD_CAST "tu") < 0 ||
        tme_xml_write_clean_attribute(s->xml, "tuid", tuid) < 0 ||
        (unit->created != NULL &&
         tme_xml_write_clean_attribute(s->xml, "creationdate", unit->created) < 0) ||
        (s->document_prop && write_prop(s->xml, "x-document", s->document) < 0) ||
        (s->score_prop && write_prop(s->xml, "x-score", score) < 0) ||
        write_tuv(s->xml, o->source_lang, unit->source) < 0 ||
        write_tuv(s->xml, o->target_lang, unit->target) < 0 || xmlTextWriterEndElement(s->xml) < 0)
        return -1;
    s->body_tag_open = 0;
    return 0;
}

static tme_status tmx_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    tmx_state *s = w->priv;
    /* A caller that does not announce documents still gets one per name. */
    if (!s->document_open &&
        tmx_begin_document(w, unit->document, unit->document_index, err) != TME_OK)
        return err->status;
    char tuid_buffer[64], score[TME_SCORE_SIZE];
    tme_format_score(unit->score, score);
    const char *tuid = tme_unit_ids_of(&s->ids, unit, tuid_buffer);
    int rc = unit_fits_piece(s, unit, tuid, score)
                 ? write_unit_piece(s, w->context, unit, tuid, score)
                 : write_unit_elements(s, w->context, unit, tuid, score);
    return rc < 0 ? tme_xml_failure(w, "TMX", err) : TME_OK;
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
    xmlFree(s->document_escaped);
    tme_xml_piece_free(&s->piece);
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
