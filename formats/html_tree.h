/* SPDX-License-Identifier: MIT */
/* What the HTML reader knows of elements (which are read, which are blocks,
 * which are page chrome) and how it walks a libxml2 tree: without recursion,
 * by the nodes' parent and sibling links, so that a page nested 10,000 (or
 * a million) elements deep costs no stack. */
#ifndef TME_HTML_TREE_H
#define TME_HTML_TREE_H

#include <libxml/tree.h>
#include <stddef.h>

enum {
    /* Never read: script, style, template, svg, head, ruby annotations,
     * form controls and embedded objects (their text is code, a fallback
     * or what a user types). */
    TME_HTML_DROP = 1u << 0,
    /* A block (CSS display block, list-item or table part): text on either
     * side of it is not the same paragraph. */
    TME_HTML_BLOCK = 1u << 1,
    TME_HTML_BREAK = 1u << 2, /* <br> */
    TME_HTML_PRE = 1u << 3,   /* keeps its white space and line ends */
    /* article, aside, main, nav, section: a <header> or <footer> inside one
     * is that section's (the headline of an article), not the page's. */
    TME_HTML_SECTIONING = 1u << 4,
    /* Page chrome by its tag, role, class or id: menus, share bars, login
     * and cookie overlays, subscription boxes, comments, related links. */
    TME_HTML_CHROME = 1u << 5,
    /* Chrome only outside sectioning content: <header>, <footer> and the
     * classes and ids that name them (ARIA's banner and contentinfo). */
    TME_HTML_CHROME_UNSECTIONED = 1u << 6,
    /* Marks a language or a translation: a lang attribute, or a class such
     * as "translation" or "translation-result" (what browser translation
     * extensions add next to the original). */
    TME_HTML_TRANSLATION = 1u << 7,
    /* The page's header (<header>, class or id "header"): its headings are
     * the page's title, not chrome. */
    TME_HTML_PAGE_HEADER = 1u << 8,
    TME_HTML_HEADING = 1u << 9, /* h1-h6 */
};

/* The TME_HTML_* flags of an element, from its tag (libxml2 gives HTML tag
 * names in lower case) and its class, id, role and lang attributes. */
unsigned tme_html_element_flags(const xmlNode *element);

/* Flags of the tag name alone. */
unsigned tme_html_tag_flags(const char *name);

/* 1 for the white space of HTML (and CSS): space, tab, LF, FF, CR. */
static inline int tme_html_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* A walk's callbacks. enter() returns 1 to visit the node's children, 0 to
 * skip them, -1 to stop the walk; leave() (optional) is called for every
 * node entered, after its children. */
typedef struct {
    int (*enter)(void *context, xmlNode *node);
    void (*leave)(void *context, xmlNode *node);
} tme_html_visitor;

/* Walks root and its descendants in document order. enter() may change the
 * node's own children (the walk reads them after it returns). Returns 0, or
 * -1 when enter() stopped the walk. */
int tme_html_walk(xmlNode *root, const tme_html_visitor *visitor, void *context);

#endif
