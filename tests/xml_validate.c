/* SPDX-License-Identifier: MIT */
#include "xml_validate.h"

#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "test_support.h"

/* gzread passes plain files through. */
xmlDocPtr tme_test_read_xml(const char *path)
{
    gzFile gz = gzopen(path, "rb");
    if (gz == NULL)
        return NULL;
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    int got;
    while (buf != NULL && (got = gzread(gz, buf + len, (unsigned)(cap - len))) > 0) {
        len += (size_t)got;
        if (len == cap)
            buf = realloc(buf, cap *= 2);
    }
    gzclose(gz);
    if (buf == NULL)
        return NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, buf, (int)len, path, NULL, XML_PARSE_NONET);
    if (doc != NULL && !ctxt->wellFormed) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    free(buf);
    return doc;
}

static int valid_against_dtd(xmlDocPtr doc, const char *dtd_relative)
{
    xmlDtdPtr dtd = xmlParseDTD(NULL, BAD_CAST tme_test_source_path(dtd_relative));
    if (dtd == NULL)
        return 0;
    xmlValidCtxtPtr vctxt = xmlNewValidCtxt();
    int valid = xmlValidateDtd(vctxt, doc, dtd);
    xmlFreeValidCtxt(vctxt);
    xmlFreeDtd(dtd);
    return valid == 1;
}

static int valid_against_xsd(xmlDocPtr doc, const char *xsd_relative)
{
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(tme_test_source_path(xsd_relative));
    xmlSchemaPtr schema = xmlSchemaParse(pctxt);
    xmlSchemaFreeParserCtxt(pctxt);
    if (schema == NULL)
        return 0;
    xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
    int rc = xmlSchemaValidateDoc(vctxt, doc);
    xmlSchemaFreeValidCtxt(vctxt);
    xmlSchemaFree(schema);
    return rc == 0;
}

xmlDocPtr tme_test_read_valid(const char *path, xml_kind kind)
{
    xmlDocPtr doc = tme_test_read_xml(path);
    if (doc == NULL)
        return NULL;
    int valid = kind == KIND_TMX ? valid_against_dtd(doc, "schemas/tmx14.dtd")
                : kind == KIND_XLIFF12
                    ? valid_against_xsd(doc, "schemas/xliff-core-1.2-strict.xsd")
                    : valid_against_xsd(doc, "schemas/xliff-2.0/xliff_core_2.0.xsd");
    if (!valid) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

int tme_test_file_is_valid(const char *path)
{
    xmlDocPtr doc = tme_test_read_xml(path);
    if (doc == NULL)
        return 0;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlChar *version = root ? xmlGetProp(root, BAD_CAST "version") : NULL;
    int valid = 0;
    if (root != NULL && xmlStrcmp(root->name, BAD_CAST "tmx") == 0)
        valid = valid_against_dtd(doc, "schemas/tmx14.dtd");
    else if (root != NULL && xmlStrcmp(root->name, BAD_CAST "xliff") == 0 && version != NULL)
        valid = xmlStrcmp(version, BAD_CAST "1.2") == 0
                    ? valid_against_xsd(doc, "schemas/xliff-core-1.2-strict.xsd")
                : xmlStrcmp(version, BAD_CAST "2.0") == 0
                    ? valid_against_xsd(doc, "schemas/xliff-2.0/xliff_core_2.0.xsd")
                    : 0;
    xmlFree(version);
    xmlFreeDoc(doc);
    return valid;
}
