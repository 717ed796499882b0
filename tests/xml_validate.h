/* SPDX-License-Identifier: MIT */
/* Reading and schema-validating the XML files the tests produce, offline,
 * against the schemas in the repository. */
#ifndef TME_XML_VALIDATE_H
#define TME_XML_VALIDATE_H

#include <libxml/tree.h>

typedef enum { KIND_TMX, KIND_XLIFF12, KIND_XLIFF2 } xml_kind;

/* Reads a plain or gzip-compressed file and parses it without network
 * access; NULL unless well-formed. */
xmlDocPtr tme_test_read_xml(const char *path);

/* Parses and validates path against the schema of its kind; NULL if either
 * fails. The caller frees the document. */
xmlDocPtr tme_test_read_valid(const char *path, xml_kind kind);

/* Validates a file against the schema its root element names (<tmx>,
 * <xliff version="1.2"> or <xliff version="2.0">); 1 when valid. */
int tme_test_file_is_valid(const char *path);

#endif
