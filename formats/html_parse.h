/* SPDX-License-Identifier: MIT */
/* UTF-8 HTML into a libxml2 tree, by libxml2's HTML parser (never its XML
 * parser: real XHTML pages are seldom well-formed), offline and silent. */
#ifndef TME_HTML_PARSE_H
#define TME_HTML_PARSE_H

#include <libxml/tree.h>
#include <stddef.h>

#include "error.h"

/* Parses text[0..len) (UTF-8, as decoded by the reader; any charset the
 * page declares is ignored) into *out, which the caller frees with
 * xmlFreeDoc(). name is for messages. Markup too costly to parse (see
 * html_parse.c) is TME_ERR_INPUT. */
tme_status tme_html_parse(const char *text, size_t len, const char *name, xmlDoc **out,
                          tme_error *err);

#endif
