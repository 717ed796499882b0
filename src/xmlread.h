/* SPDX-License-Identifier: MIT */
/* The one rule for reading XML (TMX, XLIFF or any later reader), and the
 * one place that applies it: input files are untrusted, so libxml2 parses
 * them offline, as a stream, and never follows what the document asks it
 * to load or expand.
 *
 * Every reader reads through tme_xml_reader_new() (an xmlTextReader over a
 * tme_stream, so memory is a node's, never the file's), which means:
 *   - XML_PARSE_NONET: no network access, whatever a DOCTYPE or entity says;
 *   - no XML_PARSE_NOENT: entity references are not substituted, so an
 *     external entity (XXE, "file:///etc/passwd") is never read into text:
 *     a reference to an entity of the document's own is left out of the
 *     text (only the five predefined ones and character references count);
 *   - no XML_PARSE_DTDLOAD / XML_PARSE_DTDATTR / XML_PARSE_DTDVALID: the
 *     external DTD subset is not loaded (validation against our own copies of
 *     the schemas is a separate, explicit step);
 *   - no XML_PARSE_XINCLUDE: no other files pulled in;
 *   - no XML_PARSE_HUGE: libxml2 keeps its limits on entity expansion (the
 *     "billion laughs" amplification check), on one text node (10 MB) and
 *     on names;
 *   - elements nested deeper than TME_XML_MAX_DEPTH are refused, and so is
 *     a segment whose text grows past TME_XML_MAX_TEXT;
 *   - errors go to a structured handler that keeps the first one (file,
 *     line, message) for the tme_error: libxml2 prints nothing.
 * tests/test_hostile.c and tests/test_readers.c read XXE, billion-laughs,
 * external-DTD, deep and huge documents through it. */
#ifndef TME_XMLREAD_H
#define TME_XMLREAD_H

#include <stddef.h>

#include "error.h"
#include "stream.h"

#define TME_XML_MAX_DEPTH 256
#define TME_XML_MAX_TEXT (16u << 20) /* 16 MB of one segment's text */

typedef struct tme_xml_reader tme_xml_reader;

/* A reader over in's (decompressed) bytes, UTF-8 or UTF-16 as the
 * document says, named `name` in messages; NULL with err set when out of
 * memory. in stays the caller's. */
tme_xml_reader *tme_xml_reader_new(tme_stream *in, const char *name, tme_error *err);
void tme_xml_reader_free(tme_xml_reader *r);

/* Moves to the next node: *more is 1 on a node, 0 at the end of the
 * document. A document that is not well-formed (or not UTF-8 or UTF-16 as
 * it says), nested too deep or cut short (a truncated gzip stream: the
 * stream's own message) is an error naming the file and the line. */
tme_status tme_xml_reader_next(tme_xml_reader *r, int *more, tme_error *err);

/* Reads through the end of the current element, whatever it holds: the
 * current node is then its end tag (or the element itself when empty), so
 * that the next tme_xml_reader_next() goes on after it. */
tme_status tme_xml_reader_skip(tme_xml_reader *r, tme_error *err);

/* The current node. */
typedef enum {
    TME_XML_START, /* an element's start tag (or an empty element) */
    TME_XML_END,   /* an element's end tag */
    TME_XML_TEXT,  /* text, CDATA or white space */
    TME_XML_OTHER  /* comments, processing instructions, entity references... */
} tme_xml_node;
tme_xml_node tme_xml_reader_node(const tme_xml_reader *r);
/* The element's local name ("tu"; "meta" for <mda:meta>), "" for others. */
const char *tme_xml_reader_name(const tme_xml_reader *r);
int tme_xml_reader_depth(const tme_xml_reader *r);
/* 1 for <empty/>: no end node follows. */
int tme_xml_reader_is_empty(const tme_xml_reader *r);
/* The line the current node starts on (or the parser's line). */
int tme_xml_reader_line(const tme_xml_reader *r);

/* The current element's attribute `name` ("srclang", "xml:lang"), or NULL
 * when it has none; valid until the next call on r. */
const char *tme_xml_reader_attribute(tme_xml_reader *r, const char *name);

/* A text buffer that a reader keeps from unit to unit, so that reading a
 * unit allocates nothing once its buffers are large enough. */
typedef struct {
    char *text; /* NUL-terminated once set */
    size_t len, cap;
    int set; /* 0: absent (an attribute the element lacks) */
} tme_xml_text;

/* Absent again; the buffer stays. */
void tme_xml_text_clear(tme_xml_text *t);
void tme_xml_text_free(tme_xml_text *t);
/* A copy of text (NULL: absent). */
tme_status tme_xml_text_set(tme_xml_text *t, const char *text, tme_error *err);
/* The text, NULL when absent. */
const char *tme_xml_text_get(const tme_xml_text *t);

/* How a segment's inline markup is flattened: the text of every inline
 * element is kept, but for the elements whose content is native code
 * (TMX <ph>, <bpt>...), which is dropped, except for the text of a
 * `text_in_native` element inside them (TMX and XLIFF 1.2 <sub>). */
typedef struct {
    const char *const *native; /* NULL-terminated, or NULL */
    const char *text_in_native;
} tme_xml_inline;

/* The text of the current element (a <seg>, a <source>) into *out, read
 * through its end, inline markup flattened by `rules`; *elements grows by
 * the number of elements met inside. More than TME_XML_MAX_TEXT bytes is
 * an error. */
tme_status tme_xml_reader_text(tme_xml_reader *r, const tme_xml_inline *rules, tme_xml_text *out,
                               size_t *elements, tme_error *err);

/* Sets err to "NAME:LINE: message" (TME_ERR_INPUT) for what a reader found
 * wrong at the current node. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
tme_status
tme_xml_reader_fail(const tme_xml_reader *r, tme_error *err, const char *fmt, ...);

/* What the probes of the XML readers look at: the root element of the
 * document whose first bytes are data[0..len) (UTF-8 or UTF-16, after a
 * BOM), read under the same rule. 1 when a root element was found: its
 * name and its version attribute ("" when none), truncated to the
 * buffers; -1 when they begin with an XML declaration but no root element
 * can be read (not well-formed before it); 0 otherwise (not XML, or markup
 * that is not, as HTML's <!doctype html> is not). */
typedef struct {
    char name[32];
    char version[16];
} tme_xml_root;
int tme_xml_probe_root(const unsigned char *data, size_t len, tme_xml_root *root);

#endif
