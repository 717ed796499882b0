/* SPDX-License-Identifier: MIT */
#include "html_columns.h"

#include <string.h>

#include "html_tree.h"
#include "paragraph.h"

/* A cell's script is judged on its first text: enough for a paragraph,
 * bounded so that a cell holding a whole page costs no more than a row,
 * and so that rows nested in cells a million deep cost linear time: the
 * samples of a page visit at most PAGE_SAMPLE_NODES nodes in all (after
 * that, cells have no script and nothing is rewritten). */
#define SAMPLE_BYTES 1024
#define SAMPLE_NODES 256
#define PAGE_SAMPLE_NODES (1u << 24)

typedef struct {
    char text[SAMPLE_BYTES];
    size_t len, nodes;
    size_t *page_nodes; /* left for the page */
} sample;

static int sample_enter(void *context, xmlNode *node)
{
    sample *s = context;
    if (s->len == sizeof s->text || ++s->nodes > SAMPLE_NODES || *s->page_nodes == 0)
        return -1;
    --*s->page_nodes;
    if (node->type == XML_ELEMENT_NODE)
        return (tme_html_tag_flags((const char *)node->name) & TME_HTML_DROP) == 0;
    if (node->type == XML_TEXT_NODE && node->content != NULL) {
        size_t n = strlen((const char *)node->content);
        if (n > sizeof s->text - s->len)
            n = sizeof s->text - s->len;
        memcpy(s->text + s->len, node->content, n);
        s->len += n;
    }
    return 0;
}

static tme_script cell_script(xmlNode *cell, size_t *page_nodes)
{
    sample s;
    s.len = s.nodes = 0;
    s.page_nodes = page_nodes;
    static const tme_html_visitor visitor = {sample_enter, NULL};
    tme_html_walk(cell, &visitor, &s);
    return tme_classify_script(s.text, s.len, NULL, NULL);
}

static int is_blank_text(const xmlNode *node)
{
    if (node->type == XML_COMMENT_NODE)
        return 1;
    if (node->type != XML_TEXT_NODE)
        return 0;
    for (const xmlChar *c = node->content; c != NULL && *c != '\0'; c++)
        if (!tme_html_is_space(*c))
            return 0;
    return 1;
}

static int named(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

static int is_cell_of(const xmlNode *cell, const xmlNode *row)
{
    if (named(row, "tr"))
        return named(cell, "td") || named(cell, "th");
    return named(cell, "div");
}

/* row's two cells when it is a row of two, else 0. */
static int two_cells(xmlNode *row, xmlNode **left, xmlNode **right)
{
    if (row->type != XML_ELEMENT_NODE || named(row, "table") ||
        (tme_html_tag_flags((const char *)row->name) & TME_HTML_BLOCK) == 0)
        return 0;
    size_t cells = 0;
    for (xmlNode *c = row->children; c != NULL; c = c->next) {
        if (is_blank_text(c))
            continue;
        if (!is_cell_of(c, row) || ++cells > 2)
            return 0;
        *(cells == 1 ? left : right) = c;
    }
    return cells == 2;
}

typedef struct {
    xmlNode *first, *last;
    size_t rows;
    size_t left_latin, left_han, contrary; /* rows of each kind */
} run;

static void count_row(run *r, xmlNode *left, xmlNode *right, size_t *page_nodes)
{
    tme_script a = cell_script(left, page_nodes), b = cell_script(right, page_nodes);
    if (a == TME_SCRIPT_LATIN && b == TME_SCRIPT_HAN)
        r->left_latin++;
    else if (a == TME_SCRIPT_HAN && b == TME_SCRIPT_LATIN)
        r->left_han++;
    else if (a != TME_SCRIPT_OTHER && a == b)
        r->contrary++;
}

static int is_bilingual(const run *r)
{
    size_t major = r->left_latin > r->left_han ? r->left_latin : r->left_han;
    size_t minor = r->left_latin + r->left_han - major + r->contrary;
    return major >= 2 && major >= 3 * minor;
}

/* Moves every second cell of the run, in order, into a new row after its
 * last row. */
static int rewrite(const run *r)
{
    xmlNode *column = xmlNewDocNode(r->first->doc, NULL, r->first->name, NULL);
    if (column == NULL || xmlAddNextSibling(r->last, column) == NULL) {
        xmlFreeNode(column);
        return -1;
    }
    for (xmlNode *row = r->first;; row = row->next) {
        xmlNode *left, *right;
        if (two_cells(row, &left, &right)) {
            xmlUnlinkNode(right);
            if (xmlAddChild(column, right) == NULL)
                return -1;
        }
        if (row == r->last)
            break;
    }
    return 0;
}

static int finish_run(run *r)
{
    int status = r->rows >= 2 && is_bilingual(r) ? rewrite(r) : 0;
    memset(r, 0, sizeof *r);
    return status;
}

/* The runs of two-cell rows among container's children. */
static int linearize_children(xmlNode *container, size_t *page_nodes)
{
    run r;
    memset(&r, 0, sizeof r);
    for (xmlNode *child = container->children; child != NULL; child = child->next) {
        xmlNode *left, *right;
        if (is_blank_text(child))
            continue;
        if (!two_cells(child, &left, &right)) {
            if (finish_run(&r) != 0)
                return -1;
            continue;
        }
        if (r.rows == 0)
            r.first = child;
        r.last = child;
        r.rows++;
        count_row(&r, left, right, page_nodes);
    }
    return finish_run(&r);
}

static int columns_enter(void *context, xmlNode *node)
{
    if (node->type != XML_ELEMENT_NODE ||
        (tme_html_tag_flags((const char *)node->name) & TME_HTML_DROP))
        return 0;
    return linearize_children(node, context) == 0 ? 1 : -1;
}

int tme_html_linearize_columns(xmlNode *root)
{
    size_t page_nodes = PAGE_SAMPLE_NODES;
    static const tme_html_visitor visitor = {columns_enter, NULL};
    return tme_html_walk(root, &visitor, &page_nodes);
}
