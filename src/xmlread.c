/* SPDX-License-Identifier: MIT */
#include "xmlread.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/* The rule of xmlread.h as parser options: offline, nothing loaded or
 * substituted, libxml2's own limits kept (no XML_PARSE_HUGE). CDATA comes
 * as text; line numbers past 65535 are kept for messages. */
#define READ_OPTIONS                                                                               \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |               \
     XML_PARSE_BIG_LINES)

#if LIBXML_VERSION >= 21200
typedef const xmlError *error_ptr;
#else
typedef xmlErrorPtr error_ptr;
#endif

struct tme_xml_reader {
    xmlTextReaderPtr reader;
    tme_stream *in;
    char *name;
    /* The stream's own failure (a truncated gzip), which libxml2 only sees
     * as a read error. */
    tme_error stream_error;
    int stream_failed;
    /* Bytes through libxml2 conversion (UTF-16, a declared encoding other
     * than UTF-8) can fail outside the parser context; UTF-8 never does. */
    int first_read_done, utf16_bytes, converts, converts_known;
    /* The current node, as libxml2 last said (its node type costs a scan
     * of a text node's content, so it is asked once a node). */
    tme_xml_node node;
    int depth;
    /* libxml2's first error. */
    int error_set, error_line, error_code;
    char error_message[512];
};

static pthread_once_t libxml_ready = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

/* A failed read is told to libxml2 as the end of the input (which it
 * reports, in the parser's context, as a document cut short): a -1 would
 * make it raise an I/O error outside the parser's context. The stream's
 * own message is the one kept. */
static int read_callback(void *context, char *buffer, int len)
{
    tme_xml_reader *r = context;
    size_t got;
    if (r->stream_failed || len <= 0)
        return 0;
    if (tme_stream_read(r->in, buffer, (size_t)len, &got, &r->stream_error) != TME_OK) {
        r->stream_failed = 1;
        return 0;
    }
    if (!r->first_read_done && got >= 2) {
        const unsigned char *b = (const unsigned char *)buffer;
        r->utf16_bytes = (b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF) ||
                         (b[0] == 0) != (b[1] == 0);
    }
    r->first_read_done |= got > 0;
    return (int)got;
}

static int close_callback(void *context)
{
    (void)context; /* the stream is the caller's */
    return 0;
}

/* Keeps libxml2's first error (warnings are not failures), one line. */
static void on_error(void *context, error_ptr error)
{
    tme_xml_reader *r = context;
    if (r->error_set || error == NULL || error->level < XML_ERR_ERROR)
        return;
    r->error_set = 1;
    r->error_line = error->line;
    r->error_code = error->code;
    snprintf(r->error_message, sizeof r->error_message, "%s",
             error->message ? error->message : "not well-formed XML");
    for (char *p = r->error_message; *p != '\0'; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    size_t n = strlen(r->error_message);
    while (n > 0 && r->error_message[n - 1] == ' ')
        r->error_message[--n] = '\0';
}

/* Errors libxml2 raises outside the parser context (an encoding
 * conversion) go to the thread's global handlers, which would print them:
 * while libxml2 works for us they are ours, and the caller's own are back
 * afterwards (units go to callbacks between two reads). */
typedef struct {
    xmlStructuredErrorFunc structured;
    void *structured_context;
    xmlGenericErrorFunc generic;
    void *generic_context;
} saved_handlers;

static void silent(void *context, const char *fmt, ...)
{
    (void)context;
    (void)fmt;
}

static void enter(tme_xml_reader *r, saved_handlers *saved)
{
    saved->structured = xmlStructuredError;
    saved->structured_context = xmlStructuredErrorContext;
    saved->generic = xmlGenericError;
    saved->generic_context = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlSetStructuredErrorFunc(r, (xmlStructuredErrorFunc)on_error);
}

static void leave(const saved_handlers *saved)
{
    xmlSetStructuredErrorFunc(saved->structured_context, saved->structured);
    xmlSetGenericErrorFunc(saved->generic_context, saved->generic);
}

tme_xml_reader *tme_xml_reader_new(tme_stream *in, const char *name, tme_error *err)
{
    pthread_once(&libxml_ready, init_libxml);
    tme_xml_reader *r = calloc(1, sizeof *r);
    if (r == NULL || (r->name = strdup(name)) == NULL) {
        free(r);
        tme_error_nomem(err);
        return NULL;
    }
    r->in = in;
    tme_error_clear(&r->stream_error);
    saved_handlers saved;
    enter(r, &saved);
    r->reader = xmlReaderForIO(read_callback, close_callback, r, name, NULL, READ_OPTIONS);
    if (r->reader != NULL)
        xmlTextReaderSetStructuredErrorHandler(r->reader, (xmlStructuredErrorFunc)on_error, r);
    leave(&saved);
    if (r->reader == NULL) {
        tme_xml_reader_free(r);
        tme_error_nomem(err);
        return NULL;
    }
    return r;
}

void tme_xml_reader_free(tme_xml_reader *r)
{
    if (r == NULL)
        return;
    if (r->reader != NULL) {
        saved_handlers saved;
        enter(r, &saved);
        xmlFreeTextReader(r->reader);
        leave(&saved);
    }
    free(r->name);
    free(r);
}

/* libxml2's message for what its own limits refuse, said plainly. */
static tme_status libxml_failure(const tme_xml_reader *r, tme_error *err)
{
    const char *m = r->error_message;
    /* An error raised outside the parser's context (a conversion) has no
     * line of its own: the parser's is where it stopped. */
    int line = r->error_line > 0 ? r->error_line : xmlTextReaderGetParserLineNumber(r->reader);
    if (r->error_code == XML_ERR_INTERNAL_ERROR && strstr(m, "depth") != NULL)
        return tme_error_set(err, TME_ERR_INPUT, "%s:%d: elements nested deeper than %d levels",
                             r->name, line, TME_XML_MAX_DEPTH);
    if (strstr(m, "huge text node") != NULL || strstr(m, "Text node too long") != NULL)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%d: a text node longer than %d bytes (libxml2's limit)", r->name,
                             line, XML_MAX_TEXT_LENGTH);
    if (r->error_code == XML_ERR_NO_MEMORY)
        return tme_error_nomem(err);
    return tme_error_set(err, TME_ERR_INPUT, "%s:%d: %s", r->name, line, m);
}

static tme_xml_node node_of(int type)
{
    switch (type) {
    case XML_READER_TYPE_ELEMENT:
        return TME_XML_START;
    case XML_READER_TYPE_END_ELEMENT:
        return TME_XML_END;
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        return TME_XML_TEXT;
    default:
        return TME_XML_OTHER;
    }
}

/* What a move of the reader (rc: 1 a node, 0 the end, -1 a failure) means. */
static tme_status settle(tme_xml_reader *r, int rc, int *more, tme_error *err)
{
    *more = rc == 1;
    /* A text node is told by its own type: the reader's node type would
     * scan its content for white space first. */
    xmlNodePtr current = rc == 1 ? xmlTextReaderCurrentNode(r->reader) : NULL;
    r->node = current == NULL                  ? TME_XML_OTHER
              : current->type == XML_TEXT_NODE ? TME_XML_TEXT
                                               : node_of(xmlTextReaderNodeType(r->reader));
    r->depth = rc == 1 ? xmlTextReaderDepth(r->reader) : -1;
    if (r->stream_failed)
        return tme_error_set(err, r->stream_error.status, "%s (in line %d)",
                             r->stream_error.message, xmlTextReaderGetParserLineNumber(r->reader));
    if (r->error_set)
        return libxml_failure(r, err);
    if (rc < 0)
        return tme_error_set(err, TME_ERR_INPUT, "%s:%d: not well-formed XML", r->name,
                             xmlTextReaderGetParserLineNumber(r->reader));
    if (rc == 1 && r->depth > TME_XML_MAX_DEPTH)
        return tme_error_set(err, TME_ERR_INPUT, "%s:%d: elements nested deeper than %d levels",
                             r->name, tme_xml_reader_line(r), TME_XML_MAX_DEPTH);
    return TME_OK;
}

/* One move of the reader. The thread's global handlers are only taken
 * while libxml2 may convert the input: the swap costs a fifth of the
 * reading time. */
static int raw_read(tme_xml_reader *r)
{
    if (r->converts_known && !r->converts)
        return xmlTextReaderRead(r->reader);
    saved_handlers saved;
    enter(r, &saved);
    int rc = xmlTextReaderRead(r->reader);
    leave(&saved);
    if (rc == 1 && !r->converts_known) {
        const xmlChar *encoding = xmlTextReaderConstEncoding(r->reader);
        r->converts =
            r->utf16_bytes || (encoding != NULL && xmlStrcasecmp(encoding, BAD_CAST "UTF-8") != 0);
        r->converts_known = 1;
    }
    return rc;
}

tme_status tme_xml_reader_next(tme_xml_reader *r, int *more, tme_error *err)
{
    return settle(r, raw_read(r), more, err);
}

tme_xml_node tme_xml_reader_node(const tme_xml_reader *r)
{
    return r->node;
}

const char *tme_xml_reader_name(const tme_xml_reader *r)
{
    tme_xml_node node = tme_xml_reader_node(r);
    const xmlChar *name = node == TME_XML_START || node == TME_XML_END
                              ? xmlTextReaderConstLocalName(r->reader)
                              : NULL;
    return name != NULL ? (const char *)name : "";
}

int tme_xml_reader_depth(const tme_xml_reader *r)
{
    return r->depth;
}

int tme_xml_reader_is_empty(const tme_xml_reader *r)
{
    return xmlTextReaderIsEmptyElement(r->reader) == 1;
}

int tme_xml_reader_line(const tme_xml_reader *r)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    long line = node != NULL ? xmlGetLineNo(node) : -1;
    return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber(r->reader);
}

const char *tme_xml_reader_attribute(tme_xml_reader *r, const char *name)
{
    if (xmlTextReaderMoveToAttribute(r->reader, BAD_CAST name) != 1)
        return NULL;
    const xmlChar *value = xmlTextReaderConstValue(r->reader);
    xmlTextReaderMoveToElement(r->reader);
    return value != NULL ? (const char *)value : "";
}

void tme_xml_text_clear(tme_xml_text *t)
{
    t->len = 0;
    t->set = 0;
    if (t->text != NULL)
        t->text[0] = '\0';
}

void tme_xml_text_free(tme_xml_text *t)
{
    free(t->text);
    memset(t, 0, sizeof *t);
}

static tme_status append(tme_xml_text *t, const char *text, size_t n, tme_error *err)
{
    if (TME_ARRAY_RESERVE(t->text, t->cap, t->len + n + 1) != TME_OK)
        return tme_error_nomem(err);
    memcpy(t->text + t->len, text, n);
    t->len += n;
    t->text[t->len] = '\0';
    t->set = 1;
    return TME_OK;
}

tme_status tme_xml_text_set(tme_xml_text *t, const char *text, tme_error *err)
{
    tme_xml_text_clear(t);
    return text != NULL ? append(t, text, strlen(text), err) : TME_OK;
}

const char *tme_xml_text_get(const tme_xml_text *t)
{
    return t->set ? t->text : NULL;
}

tme_status tme_xml_reader_skip(tme_xml_reader *r, tme_error *err)
{
    if (tme_xml_reader_node(r) != TME_XML_START || tme_xml_reader_is_empty(r))
        return TME_OK;
    int depth = tme_xml_reader_depth(r), more = 1;
    while (more) {
        if (tme_xml_reader_next(r, &more, err) != TME_OK)
            return err->status;
        if (more && tme_xml_reader_node(r) == TME_XML_END && tme_xml_reader_depth(r) == depth)
            return TME_OK;
    }
    return tme_xml_reader_fail(r, err, "the document ends inside an element");
}

static int listed(const char *const *names, const char *name)
{
    for (size_t k = 0; names != NULL && names[k] != NULL; k++)
        if (strcmp(names[k], name) == 0)
            return 1;
    return 0;
}

/* keep[level]: whether text `level` elements below the segment is kept
 * (the depth limit bounds the levels). */
tme_status tme_xml_reader_text(tme_xml_reader *r, const tme_xml_inline *rules, tme_xml_text *out,
                               size_t *elements, tme_error *err)
{
    tme_xml_text_clear(out);
    if (append(out, "", 0, err) != TME_OK || tme_xml_reader_is_empty(r))
        return err->status;
    unsigned char keep[TME_XML_MAX_DEPTH + 2];
    int base = r->depth, more = 1;
    keep[1] = 1;
    while (more) {
        if (tme_xml_reader_next(r, &more, err) != TME_OK)
            return err->status;
        int level = r->depth - base;
        if (!more || level < 1 || level > TME_XML_MAX_DEPTH)
            break;
        if (r->node == TME_XML_START) {
            const char *name = tme_xml_reader_name(r);
            (*elements)++;
            keep[level + 1] =
                listed(rules->native, name) ? 0
                : rules->text_in_native != NULL && strcmp(name, rules->text_in_native) == 0
                    ? 1
                    : keep[level];
        } else if (r->node == TME_XML_TEXT && keep[level]) {
            const char *text = (const char *)xmlTextReaderConstValue(r->reader);
            size_t n = strlen(text);
            if (n > TME_XML_MAX_TEXT - out->len)
                return tme_xml_reader_fail(r, err, "a segment longer than %u bytes",
                                           TME_XML_MAX_TEXT);
            if (append(out, text, n, err) != TME_OK)
                return err->status;
        }
    }
    if (!more || r->node != TME_XML_END)
        return tme_xml_reader_fail(r, err, "the document ends inside an element");
    return TME_OK;
}

tme_status tme_xml_reader_fail(const tme_xml_reader *r, tme_error *err, const char *fmt, ...)
{
    char message[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return tme_error_set(err, TME_ERR_INPUT, "%s:%d: %s", r->name, tme_xml_reader_line(r), message);
}

/* ---- probes ---------------------------------------------------------------- */

/* What the first characters (after a BOM and white space) are, in UTF-8
 * or in UTF-16 of either byte order: 0 no '<', 1 a '<', 2 an XML
 * declaration ("<?xml"), which only XML has. Only after a '<' is libxml2
 * asked. */
static int starts_like_xml(const unsigned char *p, size_t n)
{
    size_t width = 1, low = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        p += 3, n -= 3;
    } else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        width = 2, low = p[0] == 0xFE;
        p += 2, n -= 2;
    } else if (n >= 2 && (p[0] == 0) != (p[1] == 0)) { /* UTF-16 without a BOM */
        width = 2, low = p[0] == 0;
    }
    size_t i = 0;
    while (i + width <= n && (width == 1 || p[i + 1 - low] == 0) &&
           (p[i + low] == ' ' || p[i + low] == '\t' || p[i + low] == '\r' || p[i + low] == '\n'))
        i += width;
    static const char declaration[] = "<?xml";
    size_t k = 0;
    for (; k < 5 && i + width <= n; k++, i += width)
        if ((width == 2 && p[i + 1 - low] != 0) || p[i + low] != (unsigned char)declaration[k])
            break;
    return k == 5 ? 2 : k >= 1 ? 1 : 0;
}

/* The root element's name and version. */
static void take_root(xmlNodePtr node, tme_xml_root *root)
{
    snprintf(root->name, sizeof root->name, "%s", (const char *)node->name);
    xmlChar *version = xmlGetProp(node, BAD_CAST "version");
    snprintf(root->version, sizeof root->version, "%s", version ? (const char *)version : "");
    xmlFree(version);
}

int tme_xml_probe_root(const unsigned char *data, size_t len, tme_xml_root *root)
{
    memset(root, 0, sizeof *root);
    int start = starts_like_xml(data, len);
    if (start == 0)
        return 0;
    tme_error err;
    tme_error_clear(&err);
    tme_stream *in;
    if (tme_stream_open_memory(data, len, "probe", &in, &err) != TME_OK)
        return -1;
    tme_xml_reader *r = tme_xml_reader_new(in, "probe", &err);
    int found = 0;
    while (r != NULL && !found && raw_read(r) == 1)
        found = xmlTextReaderNodeType(r->reader) == XML_READER_TYPE_ELEMENT;
    /* The window may end anywhere, and libxml2 stops at the first error
     * even when the root element came before it: the tree it built so far
     * still has the root. */
    xmlDocPtr doc = r != NULL ? xmlTextReaderCurrentDoc(r->reader) : NULL;
    xmlNodePtr node = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
    if (node != NULL)
        take_root(node, root);
    tme_xml_reader_free(r);
    xmlFreeDoc(doc);
    tme_stream_close(in);
    return node != NULL ? 1 : start == 2 ? -1 : 0;
}
