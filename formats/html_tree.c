/* SPDX-License-Identifier: MIT */
#include "html_tree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
    DROP = TME_HTML_DROP,
    BLOCK = TME_HTML_BLOCK,
    PRE = TME_HTML_BLOCK | TME_HTML_PRE,
    SECTION = TME_HTML_BLOCK | TME_HTML_SECTIONING,
    CHROME = TME_HTML_BLOCK | TME_HTML_CHROME,
    UNSECTIONED = TME_HTML_BLOCK | TME_HTML_CHROME_UNSECTIONED,
    HEADER = UNSECTIONED | TME_HTML_PAGE_HEADER,
    HEADING = TME_HTML_BLOCK | TME_HTML_HEADING,
};

/* Sorted by name (bsearch). The blocks are the elements the HTML Living
 * Standard's rendering section displays as block, list-item or table
 * parts; every other element (and every unknown one) is inline. */
static const struct tag {
    const char *name;
    unsigned flags;
} tags[] = {
    {"address", BLOCK},
    {"article", SECTION},
    {"aside", SECTION | CHROME},
    {"audio", DROP},
    {"blockquote", BLOCK},
    {"body", BLOCK},
    {"br", TME_HTML_BREAK},
    {"button", TME_HTML_CHROME}, /* inline: left out where it stands */
    {"canvas", DROP},
    {"caption", BLOCK},
    {"center", BLOCK},
    {"datalist", DROP},
    {"dd", BLOCK},
    {"details", BLOCK},
    {"dialog", CHROME},
    {"dir", BLOCK},
    {"div", BLOCK},
    {"dl", BLOCK},
    {"dt", BLOCK},
    {"embed", DROP},
    {"fieldset", BLOCK},
    {"figcaption", BLOCK},
    {"figure", BLOCK},
    {"footer", UNSECTIONED},
    {"form", CHROME},
    {"frame", DROP},
    {"frameset", BLOCK},
    {"h1", HEADING},
    {"h2", HEADING},
    {"h3", HEADING},
    {"h4", HEADING},
    {"h5", HEADING},
    {"h6", HEADING},
    {"head", DROP},
    {"header", HEADER},
    {"hgroup", BLOCK},
    {"hr", BLOCK},
    {"html", BLOCK},
    {"iframe", DROP},
    {"legend", BLOCK},
    {"li", BLOCK},
    {"listing", PRE},
    {"main", SECTION},
    {"math", DROP},
    {"menu", CHROME},
    {"nav", SECTION | CHROME},
    {"noembed", DROP},
    {"noframes", DROP},
    {"noscript", DROP},
    {"object", DROP},
    {"ol", BLOCK},
    {"optgroup", DROP},
    {"option", DROP},
    {"p", BLOCK},
    {"plaintext", PRE},
    {"pre", PRE},
    {"rp", DROP},
    {"rt", DROP},
    {"rtc", DROP},
    {"script", DROP},
    {"search", CHROME},
    {"section", SECTION},
    {"select", DROP},
    {"style", DROP},
    {"summary", BLOCK},
    {"svg", DROP},
    {"table", BLOCK},
    {"tbody", BLOCK},
    {"td", BLOCK},
    {"template", DROP},
    {"textarea", DROP},
    {"tfoot", BLOCK},
    {"th", BLOCK},
    {"thead", BLOCK},
    {"title", DROP},
    {"tr", BLOCK},
    {"ul", BLOCK},
    {"video", DROP},
    {"xmp", PRE},
};

static int compare_tag(const void *key, const void *entry)
{
    return strcmp(key, ((const struct tag *)entry)->name);
}

unsigned tme_html_tag_flags(const char *name)
{
    const struct tag *t =
        bsearch(name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], compare_tag);
    return t != NULL ? t->flags : 0;
}

/* How a chrome word is found in one part of a class or id ("share" in
 * "share-bar", "nav" in "topnav", "cookie" in "cookieconsent"): short words
 * only whole or at an end, so that "ad" is not found in "header" nor
 * "login" in "bloginfo". */
enum { WHOLE, AT_START, AT_AN_END, ANYWHERE };

static const struct chrome_word {
    const char *word;
    unsigned char where;
    unsigned char kind; /* 0: chrome, 1: chrome outside sectioning content, 2: and a header */
} chrome_words[] = {
    {"ad", WHOLE, 0},          {"ads", AT_START, 0},
    {"advert", ANYWHERE, 0},   {"breadcrumb", ANYWHERE, 0},
    {"comment", AT_AN_END, 0}, {"consent", AT_AN_END, 0},
    {"cookie", ANYWHERE, 0},   {"footer", ANYWHERE, 1},
    {"gdpr", WHOLE, 0},        {"header", ANYWHERE, 2},
    {"login", AT_AN_END, 0},   {"masthead", ANYWHERE, 0},
    {"menu", AT_AN_END, 0},    {"modal", AT_AN_END, 0},
    {"nav", AT_AN_END, 0},     {"newsletter", ANYWHERE, 0},
    {"overlay", AT_AN_END, 0}, {"pager", WHOLE, 0},
    {"paginat", ANYWHERE, 0},  {"popup", AT_AN_END, 0},
    {"related", AT_AN_END, 0}, {"share", AT_AN_END, 0},
    {"sharing", ANYWHERE, 0},  {"sidebar", ANYWHERE, 0},
    {"signin", WHOLE, 0},      {"signup", WHOLE, 0},
    {"social", ANYWHERE, 0},   {"subscri", ANYWHERE, 0},
    {"toolbar", ANYWHERE, 0},
};

/* Words that contain a chrome word and are not chrome. */
static const char *const content_words[] = {"commentary", "shared"};

static int part_has_word(const char *part, size_t n, const struct chrome_word *w)
{
    size_t wn = strlen(w->word);
    if (wn > n)
        return 0;
    switch (w->where) {
    case WHOLE:
        return wn == n && memcmp(part, w->word, n) == 0;
    case AT_START:
        return memcmp(part, w->word, wn) == 0;
    case AT_AN_END:
        return memcmp(part, w->word, wn) == 0 || memcmp(part + n - wn, w->word, wn) == 0;
    default:
        for (size_t i = 0; i + wn <= n; i++)
            if (memcmp(part + i, w->word, wn) == 0)
                return 1;
        return 0;
    }
}

/* The chrome flags for one lower-cased part of a class or id, 0 for none. */
static unsigned part_flags(const char *part, size_t n)
{
    for (size_t k = 0; k < sizeof content_words / sizeof content_words[0]; k++)
        if (strlen(content_words[k]) == n && memcmp(part, content_words[k], n) == 0)
            return 0;
    for (size_t k = 0; k < sizeof chrome_words / sizeof chrome_words[0]; k++)
        if (part_has_word(part, n, &chrome_words[k])) {
            static const unsigned kinds[] = {TME_HTML_CHROME, TME_HTML_CHROME_UNSECTIONED,
                                             TME_HTML_CHROME_UNSECTIONED | TME_HTML_PAGE_HEADER};
            return kinds[chrome_words[k].kind];
        }
    return 0;
}

static int is_ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* A class or id value split into parts at anything but letters and digits
 * and where camelCase turns upper ("share-bar", "site_header", "shareBar"):
 * the chrome flags of its parts, and TME_HTML_TRANSLATION for a part that
 * speaks of translation ("translation-result", "immersive-translate-..."). */
static unsigned words_flags(const char *value)
{
    unsigned flags = 0;
    const unsigned char *s = (const unsigned char *)value;
    size_t i = 0;
    while (s[i] != '\0') {
        if (!is_ascii_alnum(s[i])) {
            i++;
            continue;
        }
        char part[48];
        size_t n = 0;
        do {
            if (n < sizeof part)
                part[n++] = (char)(s[i] | (is_upper(s[i]) ? 0x20 : 0));
            i++;
        } while (is_ascii_alnum(s[i]) && !(is_upper(s[i]) && !is_upper(s[i - 1])));
        flags |= part_flags(part, n);
        for (size_t k = 0; k + 8 <= n; k++)
            if (memcmp(part + k, "translat", 8) == 0)
                flags |= TME_HTML_TRANSLATION;
    }
    return flags;
}

/* ARIA landmark and widget roles that are page chrome. */
static unsigned role_flags(const char *role)
{
    static const char *const roles[] = {"alertdialog", "banner", "complementary", "contentinfo",
                                        "dialog",      "menu",   "menubar",       "navigation",
                                        "search",      "toolbar"};
    for (size_t k = 0; k < sizeof roles / sizeof roles[0]; k++)
        if (strcasecmp(role, roles[k]) == 0)
            return TME_HTML_CHROME;
    return 0;
}

unsigned tme_html_element_flags(const xmlNode *element)
{
    unsigned flags = tme_html_tag_flags((const char *)element->name);
    if (flags & TME_HTML_DROP)
        return flags;
    for (const xmlAttr *a = element->properties; a != NULL; a = a->next) {
        const xmlNode *value = a->children;
        if (value == NULL || value->type != XML_TEXT_NODE || value->content == NULL)
            continue;
        const char *name = (const char *)a->name, *text = (const char *)value->content;
        if (strcasecmp(name, "class") == 0 || strcasecmp(name, "id") == 0)
            flags |= words_flags(text);
        else if (strcasecmp(name, "role") == 0)
            flags |= role_flags(text);
        else if (strcasecmp(name, "lang") == 0 && text[0] != '\0')
            flags |= TME_HTML_TRANSLATION;
    }
    return flags;
}

int tme_html_walk(xmlNode *root, const tme_html_visitor *visitor, void *context)
{
    xmlNode *node = root;
    while (node != NULL) {
        int descend = visitor->enter(context, node);
        if (descend < 0)
            return -1;
        if (descend > 0 && node->children != NULL) {
            node = node->children;
            continue;
        }
        for (;;) {
            if (visitor->leave != NULL)
                visitor->leave(context, node);
            if (node == root)
                return 0;
            if (node->next != NULL) {
                node = node->next;
                break;
            }
            node = node->parent;
        }
    }
    return 0;
}
