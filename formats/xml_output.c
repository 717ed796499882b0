/* SPDX-License-Identifier: MIT */
#include "xml_output.h"

#include <libxml/entities.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../src/array.h"
#include "../src/xmlchars.h"

static int sink_write_callback(void *context, const char *buffer, int len)
{
    if (len <= 0)
        return 0;
    return tme_sink_write(context, buffer, (size_t)len) == 0 ? len : -1;
}

static int sink_close_callback(void *context)
{
    (void)context;
    return 0;
}

static int flush_xml_writer(void *context)
{
    return xmlTextWriterFlush(context) < 0 ? -1 : 0;
}

xmlTextWriterPtr tme_xml_writer_new(tme_writer *w)
{
    xmlOutputBufferPtr out =
        xmlOutputBufferCreateIO(sink_write_callback, sink_close_callback, w->sink, NULL);
    if (out == NULL)
        return NULL;
    xmlTextWriterPtr xml = xmlNewTextWriter(out); /* owns out from now on, even on failure */
    if (xml != NULL) {
        w->flush = flush_xml_writer;
        w->flush_context = xml;
    }
    return xml;
}

tme_status tme_xml_failure(tme_writer *w, const char *what, tme_error *err)
{
    if (tme_sink_error(w->sink, err) != TME_OK)
        return err->status;
    return tme_error_set(err, TME_ERR_IO, "%s: cannot write %s", tme_sink_name(w->sink), what);
}

char *tme_xml_clean_copy(const char *text)
{
    size_t n = strlen(text) + 1;
    char *copy = malloc(n);
    if (copy != NULL) {
        memcpy(copy, text, n);
        tme_xml_strip_illegal(copy);
    }
    return copy;
}

/* text itself when it is legal already (nearly always: the pipeline
 * cleaned it), else a cleaned copy that *owned keeps for free(); NULL when
 * out of memory. */
static const char *legal_text(const char *text, char **owned)
{
    *owned = NULL;
    if (tme_xml_is_legal(text))
        return text;
    *owned = tme_xml_clean_copy(text);
    return *owned;
}

int tme_xml_write_clean_string(xmlTextWriterPtr xml, const char *text)
{
    char *owned;
    const char *legal = legal_text(text, &owned);
    int rc = legal ? xmlTextWriterWriteString(xml, BAD_CAST legal) : -1;
    free(owned);
    return rc;
}

/* What xmlTextWriterWriteAttribute() and xmlTextWriterWriteElement() do,
 * with the content made legal by the one helper above. */
int tme_xml_write_clean_attribute(xmlTextWriterPtr xml, const char *name, const char *value)
{
    if (xmlTextWriterStartAttribute(xml, BAD_CAST name) < 0 ||
        tme_xml_write_clean_string(xml, value) < 0)
        return -1;
    return xmlTextWriterEndAttribute(xml);
}

int tme_xml_write_clean_element(xmlTextWriterPtr xml, const char *name, const char *text)
{
    if (xmlTextWriterStartElement(xml, BAD_CAST name) < 0 ||
        tme_xml_write_clean_string(xml, text) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

int tme_xml_write_typed_element(xmlTextWriterPtr xml, const char *element, const char *attribute,
                                const char *type, const char *value)
{
    if (xmlTextWriterStartElement(xml, BAD_CAST element) < 0 ||
        xmlTextWriterWriteAttribute(xml, BAD_CAST attribute, BAD_CAST type) < 0 ||
        tme_xml_write_clean_string(xml, value) < 0)
        return -1;
    return xmlTextWriterEndElement(xml);
}

/* The piece is a plain byte array rather than an xmlBuffer: xmlBufferAdd()
 * per markup string was a third of the TMX writer's instructions. */
int tme_xml_piece_init(tme_xml_piece *p)
{
    p->bytes = NULL;
    p->len = p->cap = 0;
    p->failed = 0;
    return 0;
}

void tme_xml_piece_free(tme_xml_piece *p)
{
    free(p->bytes);
    p->bytes = NULL;
    p->len = p->cap = 0;
}

int tme_xml_plain_value(const char *value)
{
    for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '.' || *c == '-' || *c == '_' || *c == ':'))
            return 0;
    return 1;
}

/* Appends len bytes; reused for every unit: grown by doubling, never shrunk.
 * Nothing for len 0: the array may not exist yet (NULL + 0 is undefined). */
static void add_bytes(tme_xml_piece *p, const char *bytes, size_t len)
{
    if (len == 0)
        return;
    if (p->failed || TME_ARRAY_RESERVE(p->bytes, p->cap, p->len + len) != TME_OK) {
        p->failed = 1;
        return;
    }
    memcpy(p->bytes + p->len, bytes, len);
    p->len += len;
}

void tme_xml_piece_markup(tme_xml_piece *p, const char *markup)
{
    add_bytes(p, markup, strlen(markup));
}

/* The bytes xmlEncodeSpecialChars() replaces (by &lt; &gt; &amp; &quot;
 * &#13;); every other byte it copies as it is, so that text with none of
 * them is its own escape. test_xml_writers.c holds libxml2 to this. */
const char tme_xml_special_bytes[] = "<>&\"\r";

/* Most unit text has nothing to escape: it is added as it is, without
 * xmlEncodeSpecialChars()'s copy (a third of the TMX writer's work). */
static void add_escaped(tme_xml_piece *p, const char *text)
{
    size_t plain = strcspn(text, tme_xml_special_bytes);
    if (text[plain] == '\0') {
        add_bytes(p, text, plain);
        return;
    }
    xmlChar *escaped = xmlEncodeSpecialChars(NULL, BAD_CAST text);
    if (escaped == NULL)
        p->failed = 1;
    else
        add_bytes(p, (const char *)escaped, strlen((const char *)escaped));
    xmlFree(escaped);
}

void tme_xml_piece_text(tme_xml_piece *p, const char *text)
{
    char *owned;
    const char *legal = p->failed ? NULL : legal_text(text, &owned);
    if (legal == NULL)
        p->failed = 1;
    else
        add_escaped(p, legal);
    if (legal != NULL)
        free(owned);
}

int tme_xml_piece_write(tme_xml_piece *p, xmlTextWriterPtr xml)
{
    int rc = p->failed || p->len > INT_MAX
                 ? -1
                 : xmlTextWriterWriteRawLen(xml, BAD_CAST p->bytes, (int)p->len);
    p->len = 0;
    p->failed = 0;
    return rc;
}
