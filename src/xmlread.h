/* SPDX-License-Identifier: MIT */
/* The one rule for reading XML (TMX, XLIFF or any later reader): input files
 * are untrusted, so libxml2 parses them offline and never follows what the
 * document asks it to load or expand.
 *
 * Every reader creates its parser through tme_xml_read_memory() (or passes
 * TME_XML_READ_OPTIONS to its own xmlCtxtRead*() call), which means:
 *   - XML_PARSE_NONET: no network access, whatever a DOCTYPE or entity says;
 *   - no XML_PARSE_NOENT: entity references are not substituted, so an
 *     external entity (XXE, "file:///etc/passwd") is never read into text;
 *   - no XML_PARSE_DTDLOAD / XML_PARSE_DTDATTR / XML_PARSE_DTDVALID: the
 *     external DTD subset is not loaded (validation against our own copies of
 *     the schemas is a separate, explicit step);
 *   - no XML_PARSE_XINCLUDE: no other files pulled in;
 *   - no XML_PARSE_HUGE: libxml2 keeps its limits on entity expansion (the
 *     "billion laughs" amplification check), on text node and name sizes and
 *     on nesting depth.
 * tests/test_hostile.c parses an XXE and a billion-laughs document with these
 * options. */
#ifndef TME_XMLREAD_H
#define TME_XMLREAD_H

#include <libxml/parser.h>

#define TME_XML_READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR)

/* Parses len bytes named `name` (for libxml2's messages) under the rule
 * above; NULL when the document is not well-formed. The caller frees the
 * document with xmlFreeDoc(). */
static inline xmlDocPtr tme_xml_read_memory(const char *data, int len, const char *name)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == NULL)
        return NULL;
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, len, name, NULL, TME_XML_READ_OPTIONS);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

#endif
