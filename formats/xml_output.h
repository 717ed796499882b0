/* SPDX-License-Identifier: MIT */
/* What the XML writers share: an xmlTextWriter over a tme_sink, and strings
 * made safe for XML before libxml2 sees them. */
#ifndef TME_XML_OUTPUT_H
#define TME_XML_OUTPUT_H

#include <libxml/xmlwriter.h>

#include "format.h"

/* An xmlTextWriter whose bytes go to w->sink; NULL when out of memory. The
 * sink stays the writer lifecycle's: freeing the xmlTextWriter flushes into
 * it but never closes it. */
xmlTextWriterPtr tme_xml_writer_new(tme_writer *w);

/* libxml2 reports failures as negative return values without a reason; the
 * sink knows when the cause was the output itself. what names the format
 * for the message ("TMX"). */
tme_status tme_xml_failure(tme_writer *w, const char *what, tme_error *err);

/* Text given to libxml2 must be free of characters XML forbids, or the file
 * is rejected whole; the pipeline cleans segments, and these make every
 * string safe regardless (document names are arbitrary file-name bytes).
 * They return libxml2's result, negative on failure. */
char *tme_xml_clean_copy(const char *text);
int tme_xml_write_clean_attribute(xmlTextWriterPtr xml, const char *name, const char *value);
int tme_xml_write_clean_element(xmlTextWriterPtr xml, const char *name, const char *text);
int tme_xml_write_clean_string(xmlTextWriterPtr xml, const char *text);

/* A unit's elements in one write. xmlTextWriter costs tens of thousands of
 * instructions a unit (each element, attribute and text is several calls
 * down to xmlOutputBufferWrite); a writer whose units always have the same
 * shape assembles a unit's markup, exactly as xmlTextWriter with
 * indentation writes it, around text escaped by libxml2's own escaper
 * (xmlEncodeSpecialChars, what xmlTextWriterWriteString uses for content),
 * and hands it to xmlTextWriterWriteRawLen, so that the output encoding
 * stays libxml2's. Attribute values are only put in as they are when
 * nothing in them could need escaping (tme_xml_plain_value); a unit with
 * another value goes through xmlTextWriter. */
typedef struct {
    char *bytes; /* the piece so far, len bytes (not NUL-terminated) */
    size_t len, cap;
    int failed; /* out of memory: the piece is not to be written */
} tme_xml_piece;

int tme_xml_piece_init(tme_xml_piece *p);
void tme_xml_piece_free(tme_xml_piece *p);
/* ASCII letters, digits, '.', '-', '_' and ':' only. */
int tme_xml_plain_value(const char *value);
void tme_xml_piece_markup(tme_xml_piece *p, const char *markup);
/* text made legal (as tme_xml_write_clean_string does) and escaped. */
extern const char tme_xml_special_bytes[];
void tme_xml_piece_text(tme_xml_piece *p, const char *text);
/* Writes the piece raw and empties it; libxml2's result, negative on failure. */
int tme_xml_piece_write(tme_xml_piece *p, xmlTextWriterPtr xml);

/* <element attribute="type">value</element>, as XLIFF's <context
 * context-type="x-score"> and <mda:meta type="score"> are. */
int tme_xml_write_typed_element(xmlTextWriterPtr xml, const char *element, const char *attribute,
                                const char *type, const char *value);

#endif
