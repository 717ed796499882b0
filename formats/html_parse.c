/* SPDX-License-Identifier: MIT */
/* libxml2's HTML parser has one cost that is not linear: an end tag that
 * closes nothing open, or that an open element of higher rank keeps from
 * closing, makes it search the whole stack of open elements
 * (htmlParseEndTag, htmlAutoCloseOnClose), so "<div><p>text</p></span>"
 * repeated takes time quadratic in the page: 2.6 MB of it 4 seconds, 50 MB
 * hours. Every such end tag is reported as an error, with the stack at
 * hand: the error handler adds the stack's depth to the work done and stops
 * the parser past WORK_BUDGET, so such a page is refused in bounded time.
 * An ordinary page (a few dozen levels deep, a few thousand errors) stays
 * orders of magnitude below the budget, and so does one nested 10,000 deep.
 * The handler is the context's own structured handler, which libxml2
 * prefers to any global handler a program may have set.
 *
 * Options: no network, recover from any error, no messages, and
 * XML_PARSE_HUGE, which lifts libxml2's nesting limit of 256 (past which it
 * silently drops the rest of the page; old pages that never close their
 * <div>s nest deeper) and its text node size limit. The XML reading rule of
 * src/xmlread.h keeps libxml2's limits because of entity expansion; the
 * HTML parser expands only HTML's predefined entities, so nothing is lost
 * here. The reader walks the tree without recursion, and libxml2 frees it
 * without. The text is UTF-8 already, and is passed as such: libxml2 never
 * guesses, whatever the page's <meta charset> says (HTML_PARSE_IGNORE_ENC).
 *
 * (libxml2's push parser would let the cost be watched between pieces, but
 * in 2.9.14 it loses the rest of a page when a piece ends inside a <script>
 * holding markup in a string.) */
#include "html_parse.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
#include <limits.h>
#include <pthread.h>

#define WORK_BUDGET 1e9 /* open elements searched: about two seconds of libxml2's time */

#define PARSE_OPTIONS                                                                              \
    (HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |           \
     HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT | XML_PARSE_HUGE)

typedef struct {
    double work;
    int refused;
    size_t depth; /* the stack's depth when the budget ran out */
    int line;
} budget;

/* libxml2 builds its tables on first use; readers run on several threads. */
static pthread_once_t libxml_initialized = PTHREAD_ONCE_INIT;

static void initialize_libxml(void)
{
    xmlInitParser();
}

static void on_error(void *context, xmlErrorPtr error)
{
    (void)error;
    htmlParserCtxtPtr ctxt = context;
    budget *b = ctxt->_private;
    b->work += ctxt->nameNr > 0 ? (double)ctxt->nameNr : 1.0;
    if (b->work > WORK_BUDGET && !b->refused) {
        b->refused = 1;
        b->depth = (size_t)ctxt->nameNr;
        b->line = ctxt->input != NULL ? ctxt->input->line : 0;
        xmlStopParser(ctxt);
    }
}

tme_status tme_html_parse(const char *text, size_t len, const char *name, xmlDoc **out,
                          tme_error *err)
{
    *out = NULL;
    if (len > INT_MAX)
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s: a page of %zu bytes is more than the HTML parser takes (2 GB)",
                             name, len);
    pthread_once(&libxml_initialized, initialize_libxml);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL)
        return tme_error_nomem(err);
    budget b = {0, 0, 0, 0};
    ctxt->_private = &b;
    ctxt->sax->initialized = XML_SAX2_MAGIC; /* so that serror is used */
    ctxt->sax->serror = on_error;
    xmlDoc *doc = htmlCtxtReadMemory(ctxt, text, (int)len, name, "UTF-8", PARSE_OPTIONS);
    int out_of_memory = ctxt->errNo == XML_ERR_NO_MEMORY;
    htmlFreeParserCtxt(ctxt);
    if (b.refused || out_of_memory) {
        xmlFreeDoc(doc);
        if (out_of_memory)
            return tme_error_nomem(err);
        return tme_error_set(err, TME_ERR_INPUT,
                             "%s:%d: markup nested %zu elements deep with many end tags that "
                             "close nothing: too costly to parse (libxml2 searches every open "
                             "element for each of them), so the page is refused",
                             name, b.line, b.depth);
    }
    if (doc == NULL)
        doc = htmlNewDocNoDtD(NULL, NULL); /* nothing at all to parse: an empty page */
    if (doc == NULL)
        return tme_error_nomem(err);
    *out = doc;
    return TME_OK;
}
