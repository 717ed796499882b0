/* SPDX-License-Identifier: MIT */
/* The HTML reader: what a page's text is (blocks, white space, line
 * breaks, what is dropped, what is chrome, columns), charsets, probing, the
 * fixtures of samples/html-* against their gold, and hostile pages through
 * the real binary (bounded time and memory, clear errors). The time and
 * memory bounds are guards against quadratic behaviour and runaway
 * allocation, with a wide margin for sanitizer builds, not benchmarks. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "html_charset.h"
#include "html_parse.h"
#include "html_text.h"
#include "test_support.h"

#define BIG_INPUT_SECONDS (60.0 * TME_TEST_TIME_FACTOR)
#define BIG_INPUT_MAX_RSS_MB 3000

extern const tme_input_format tme_input_html;

static char dir[1024];
static double last_seconds;

#define scratch(slot, name) tme_test_join(slot, dir, name)

static const char *stderr_path(void)
{
    return scratch(9, "stderr.txt");
}

/* ---- in process: a page's paragraphs ------------------------------------------ */

static tme_paragraphs read_html(const char *html)
{
    tme_paragraphs p = {NULL, 0};
    tme_error err;
    tme_error_clear(&err);
    xmlDoc *doc = NULL;
    CU_ASSERT_EQUAL_FATAL(tme_html_parse(html, strlen(html), "test.html", &doc, &err), TME_OK);
    CU_ASSERT_EQUAL(tme_html_paragraphs(doc, &p, &err), TME_OK);
    xmlFreeDoc(doc);
    return p;
}

/* The paragraph whose text is text, or NULL. */
static const tme_paragraph *find(const tme_paragraphs *p, const char *text)
{
    for (size_t k = 0; k < p->count; k++)
        if (strcmp(p->items[k].text, text) == 0)
            return &p->items[k];
    return NULL;
}

/* 1 when no paragraph contains needle. */
static int nowhere(const tme_paragraphs *p, const char *needle)
{
    for (size_t k = 0; k < p->count; k++)
        if (strstr(p->items[k].text, needle) != NULL) {
            fprintf(stderr, "\n    \"%s\" found in \"%s\"", needle, p->items[k].text);
            return 0;
        }
    return 1;
}

/* Asserts the paragraphs' texts, in order (NULL-ended). */
static void expect_paragraphs(const char *html, ...)
{
    tme_paragraphs p = read_html(html);
    va_list ap;
    va_start(ap, html);
    size_t k = 0;
    for (const char *want = va_arg(ap, const char *); want != NULL;
         want = va_arg(ap, const char *), k++) {
        CU_ASSERT(k < p.count);
        if (k < p.count && strcmp(p.items[k].text, want) != 0) {
            fprintf(stderr, "\n    paragraph %zu is \"%s\", not \"%s\"", k, p.items[k].text, want);
            CU_FAIL("paragraph differs");
        }
    }
    va_end(ap);
    CU_ASSERT_EQUAL(p.count, k);
    tme_paragraphs_free(&p);
}

static void test_white_space_collapses_by_css(void)
{
    expect_paragraphs("<p>An English\n   paragraph\twith  spaces. </p>"
                      /* A line end between two Han characters (or full-width marks) goes;
                       * between Han and Latin it is a space; spaces stay one space. */
                      "<p>中文段落\n  被折行了，\n  还有\n中文 和 Kubernetes\n在一起。</p>"
                      "<p>  A <b>bold</b>move and <i>an</i> <em>emphasis</em>.</p>"
                      "<p>中<b>文</b>字</p>"
                      "<p>caf&eacute; &amp; &#x4E2D;&#25991; &lt;tag&gt;</p>",
                      "An English paragraph with spaces.",
                      "中文段落被折行了，还有中文 和 Kubernetes 在一起。",
                      "A boldmove and an emphasis.", "中文字", "café & 中文 <tag>", NULL);
}

static void test_blocks_are_paragraphs(void)
{
    expect_paragraphs("<div>One<div>Two</div>Three</div><ul><li>Four<li>Five</ul>"
                      "<table><tr><td>Six<td>Seven</table><h2>Eight</h2><dl><dt>Nine<dd>Ten</dl>"
                      "<blockquote>Eleven</blockquote><figure><figcaption>Twelve</figcaption>"
                      "</figure><span>Thir</span><a>teen</a><my-widget>!</my-widget>",
                      "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
                      "Eleven", "Twelve", "Thirteen!", NULL);
}

static void test_br_splits_where_the_script_changes(void)
{
    expect_paragraphs("<h1>Don&rsquo;t Panic: Kubernetes and Docker<br>\n"
                      "  别慌: Kubernetes 和 Docker</h1>"
                      "<p>Line one<br>line two</p><p>第一行<br>第二行</p>"
                      "<p>English, 2020<br>2021<br>中文行<br>second English line</p>",
                      "Don’t Panic: Kubernetes and Docker", "别慌: Kubernetes 和 Docker",
                      "Line one line two", "第一行第二行", "English, 2020 2021", "中文行",
                      "second English line", NULL);
}

static void test_pre_keeps_its_lines(void)
{
    /* Lines join as the article reader joins a block's lines; a blank line
     * ends a paragraph. */
    expect_paragraphs(
        "<pre>\n  first   line\n  second line  \n\n  第二段\n  第二行<br>third\n</pre>"
        "<p>after  it</p>",
        "first   line second line", "第二段第二行", "third", "after it", NULL);
}

static void test_what_is_never_read(void)
{
    tme_paragraphs p = read_html(
        "<html><head><title>Title never</title><style>p { never: 1 }</style>"
        "<script>var s = '<p>script never</p>';</script></head><body>"
        "<script>document.write('<p>never either</p>')</script>"
        "<noscript><p>noscript never</p></noscript><template><p>template never</p></template>"
        "<svg><text>svg never</text></svg><math><mi>never</mi></math><!-- <p>comment never</p> -->"
        "<select><option>option never</option></select><textarea>textarea never</textarea>"
        "<iframe>iframe never</iframe><object>object never</object>"
        "<p>漢<ruby>字<rp>(</rp><rt>never</rt><rp>)</rp></ruby>です</p>"
        "<p title=\"attribute&lt;br&gt;never\" data-x=\"<p>never</p>\">Kept "
        "text</p></body></html>");
    CU_ASSERT(nowhere(&p, "never"));
    CU_ASSERT(nowhere(&p, "("));
    CU_ASSERT_PTR_NOT_NULL(find(&p, "漢字です"));
    CU_ASSERT_PTR_NOT_NULL(find(&p, "Kept text"));
    CU_ASSERT_EQUAL(p.count, 2);
    tme_paragraphs_free(&p);
}

/* Enough article text that chrome holds a small part of the page. */
#define ARTICLE                                                                                                                                  \
    "<p>The committee met on Tuesday and agreed on the budget for the coming year, after a long "                                                \
    "debate about schools, roads and the new hospital that the city has wanted for a decade.</p>"                                                \
    "<p>"                                                                                                                                        \
    "委员会星期二开会，经过关于学校、道路和新医院的长时间辩论，通过了来年的预算。这座城市十年来一" \
    "直希望建一座新医院。</p>"

static int is_boilerplate(const tme_paragraphs *p, const char *text)
{
    const tme_paragraph *found = find(p, text);
    if (found == NULL)
        fprintf(stderr, "\n    no paragraph \"%s\"", text);
    return found != NULL && found->boilerplate;
}

static int is_content(const tme_paragraphs *p, const char *text)
{
    const tme_paragraph *found = find(p, text);
    if (found == NULL)
        fprintf(stderr, "\n    no paragraph \"%s\"", text);
    return found != NULL && !found->boilerplate;
}

static void test_chrome_is_boilerplate(void)
{
    tme_paragraphs p = read_html(
        "<body><header><p>Site name</p><nav><a>Home</a></nav></header>"
        "<div id=\"cookie-notice\"><p>We use cookies</p></div>"
        "<div class=\"shareBar\"><p>Share this</p></div><ul class=\"main-menu\"><li>Menu "
        "item</li></ul>"
        "<div class=\"breadcrumbs\">Docs &gt; Overview</div><div role=\"navigation\">Role nav</div>"
        "<form action=\"/s\"><p>Search form</p></form><aside><p>Aside text</p></aside>"
        "<div class=\"newsletter-box\"><p>Subscribe by mail</p></div><div "
        "class=\"ad-slot\">Ad</div>"
        "<div class=\"site_login\">Log in here</div><div class=\"topnav\">Top nav</div>"
        "<article><header><h1>Article headline</h1></header>" ARTICLE
        "<p>Read <span class=\"share-count\">12</span> more <button>OK</button> now.</p>"
        "<div class=\"commentary\">A commentary</div><div class=\"shared-text\">Shared text</div>"
        "<footer><p>Article footer</p></footer></article>"
        "<section id=\"comments\"><p>A comment</p></section>"
        "<div class=\"related-posts\"><p>Related post</p></div>"
        "<footer><p>Page footer</p></footer></body>");
    static const char *const chrome[] = {"Site name",         "Home",        "We use cookies",
                                         "Share this",        "Menu item",   "Docs > Overview",
                                         "Role nav",          "Search form", "Aside text",
                                         "Subscribe by mail", "Ad",          "Log in here",
                                         "Top nav",           "A comment",   "Related post",
                                         "Page footer"};
    for (size_t k = 0; k < sizeof chrome / sizeof chrome[0]; k++)
        CU_ASSERT(is_boilerplate(&p, chrome[k]));
    /* A header or footer inside an article is the article's; inline chrome
     * inside a paragraph is left out without splitting it. */
    static const char *const content[] = {"Article headline", "Read more now.", "A commentary",
                                          "Shared text", "Article footer"};
    for (size_t k = 0; k < sizeof content / sizeof content[0]; k++)
        CU_ASSERT(is_content(&p, content[k]));
    tme_paragraphs_free(&p);
}

static void test_page_header_headline_and_big_chrome(void)
{
    /* The headline in a page header is the page's title, the rest of the
     * header chrome; chrome that holds most of the page (a <form> around
     * an ASP.NET page, <body class="nav-open">) is the page. */
    tme_paragraphs p = read_html("<body class=\"nav-open\"><div class=\"page-header\">"
                                 "<h1>A headline<br>一个标题</h1><p>Byline</p></div>"
                                 "<form id=\"aspnetForm\"><div>" ARTICLE "</div></form></body>");
    CU_ASSERT(is_content(&p, "A headline"));
    CU_ASSERT(is_content(&p, "一个标题"));
    CU_ASSERT(is_boilerplate(&p, "Byline"));
    for (size_t k = 3; k < p.count; k++)
        CU_ASSERT(!p.items[k].boilerplate);
    CU_ASSERT_EQUAL(p.count, 5);
    tme_paragraphs_free(&p);
}

static void test_hidden_text_is_read(void)
{
    /* Language toggles hide one language: content decides, not CSS. */
    expect_paragraphs(
        "<div hidden><p>Hidden English.</p></div><p style=\"display:none\">隐藏的中文。"
        "</p><p class=\"hidden\" aria-hidden=\"true\">Also hidden.</p>",
        "Hidden English.", "隐藏的中文。", "Also hidden.", NULL);
}

static void test_translation_elements_split_clean_halves(void)
{
    expect_paragraphs(
        /* a browser extension's inline translation, no line break */
        "<p><span class=\"translation-origin\">The committee agreed on the budget.</span> "
        "<span class=\"translation-result\" lang=\"zh-CN\">委员会通过了预算。</span></p>"
        /* a Latin term inside Chinese, a Han term inside English: one paragraph */
        "<p>中文里有<span lang=\"en\">Kubernetes</span>这个词，还有别的。</p>"
        "<p>The Chinese word <span lang=\"zh\">道</span> means the way.</p>"
        "<p>The Chinese word for the way is <span lang=\"zh\">道</span></p>",
        "The committee agreed on the budget.", "委员会通过了预算。",
        "中文里有Kubernetes这个词，还有别的。", "The Chinese word 道 means the way.",
        "The Chinese word for the way is 道", NULL);
}

static void test_two_columns_are_read_one_after_the_other(void)
{
    /* Rows drift (an image-only cell): the left column, then the right. */
    expect_paragraphs(
        "<table><tr><td>First English.</td><td>第一段。</td></tr>"
        "<tr><td><img src=x></td><td>第二段。</td></tr>"
        "<tr><td>Second English.</td><td>第三段。</td></tr>"
        "<tr><td>Third English.</td><td></td></tr></table>"
        "<div class=\"grid\"><div class=\"row\"><div>Fourth.</div><div>第四。</div></div>"
        "<div class=\"row\"><div>Fifth.</div><div>第五。</div></div></div>"
        /* two columns of one language: rows as they are */
        "<table><tr><td>Name</td><td>Value</td></tr><tr><td>Size</td><td>Big</td></tr>"
        "</table>",
        "First English.", "Second English.", "Third English.", "第一段。", "第二段。", "第三段。",
        "Fourth.", "Fifth.", "第四。", "第五。", "Name", "Value", "Size", "Big", NULL);
}

/* A page of `depth` nested divs around two paragraphs, closed or not. */
static char *nested_page(size_t depth, const char *open, int closed)
{
    size_t open_len = strlen(open), len = depth * (open_len + 6) + 1024;
    char *page = malloc(len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    size_t n = 0;
    for (size_t k = 0; k < depth; k++, n += open_len)
        memcpy(page + n, open, open_len);
    n += (size_t)sprintf(page + n, "<p>Deep down, 42 people met.</p><p>在深处，42个人见了面。</p>");
    for (size_t k = 0; closed && k < depth; k++, n += 6)
        memcpy(page + n, "</div>", 6);
    sprintf(page + n, "<p>After it, 7 people left.</p><p>之后，7个人离开了。</p>");
    return page;
}

static void test_deep_nesting_needs_no_stack(void)
{
    /* 10,000 and 400,000 levels: the walks are iterative (ASan builds run
     * this too). */
    char *page = nested_page(10000, "<div>", 1);
    tme_paragraphs p = read_html(page);
    CU_ASSERT_EQUAL(p.count, 4);
    CU_ASSERT_PTR_NOT_NULL(find(&p, "在深处，42个人见了面。"));
    CU_ASSERT_PTR_NOT_NULL(find(&p, "After it, 7 people left."));
    tme_paragraphs_free(&p);
    free(page);
    page = nested_page(100000, "<div class=\"nav\"><table><tr><td>", 0);
    p = read_html(page);
    CU_ASSERT_EQUAL(p.count, 4);
    CU_ASSERT(is_content(&p, "Deep down, 42 people met."));
    tme_paragraphs_free(&p);
    free(page);
}

/* ---- charsets --------------------------------------------------------------------- */

static const char *declared(const char *page)
{
    char label[64];
    return tme_html_declared_charset((const unsigned char *)page, strlen(page), label,
                                     sizeof label);
}

static void test_charset_labels(void)
{
    static const char *const gb[] = {"gbk",       "GB2312",  "x-gbk",    "gb_2312-80",
                                     " GB18030 ", "chinese", "csgb2312", "iso-ir-58"};
    for (size_t k = 0; k < sizeof gb / sizeof gb[0]; k++)
        CU_ASSERT_STRING_EQUAL(tme_charset_from_label(gb[k], strlen(gb[k])), "GB18030");
    CU_ASSERT_STRING_EQUAL(tme_charset_from_label("Big5", 4), "BIG5-HKSCS");
    CU_ASSERT_STRING_EQUAL(tme_charset_from_label("big5-hkscs", 10), "BIG5-HKSCS");
    CU_ASSERT_STRING_EQUAL(tme_charset_from_label("UTF8", 4), "UTF-8");
    CU_ASSERT_STRING_EQUAL(tme_charset_from_label("utf-16le", 8), "UTF-8");
    CU_ASSERT_STRING_EQUAL(tme_charset_from_label("iso-8859-1", 10), "WINDOWS-1252");
    CU_ASSERT_PTR_NULL(tme_charset_from_label("klingon", 7));
    CU_ASSERT_PTR_NULL(tme_charset_from_label("", 0));
}

static void test_meta_charset_prescan(void)
{
    CU_ASSERT_STRING_EQUAL(declared("<!DOCTYPE html><html><head><meta charset=gbk>"), "GB18030");
    CU_ASSERT_STRING_EQUAL(declared("<META CHARSET='Big5'/>"), "BIG5-HKSCS");
    CU_ASSERT_STRING_EQUAL(declared("<meta http-equiv=\"Content-Type\" "
                                    "content=\"text/html; charset=gb2312\">"),
                           "GB18030");
    CU_ASSERT_STRING_EQUAL(declared("<meta content='text/html;charset=\"big5\"' "
                                    "HTTP-EQUIV=content-type>"),
                           "BIG5-HKSCS");
    /* content= without http-equiv, comments, attribute values and other
     * tags' attributes declare nothing */
    CU_ASSERT_PTR_NULL(declared("<meta content=\"text/html; charset=gbk\">"));
    CU_ASSERT_PTR_NULL(declared("<!-- <meta charset=gbk> --><p>text</p>"));
    CU_ASSERT_PTR_NULL(declared("<div title='<meta charset=gbk>'></div>"));
    CU_ASSERT_STRING_EQUAL(declared("<title x='>'><meta charset=klingon><meta charset=utf-8>"),
                           "UTF-8");
    /* past the scan */
    char page[TME_HTML_CHARSET_SCAN + 64];
    memset(page, ' ', TME_HTML_CHARSET_SCAN);
    strcpy(page + TME_HTML_CHARSET_SCAN, "<meta charset=gbk>");
    CU_ASSERT_PTR_NULL(declared(page));
}

/* ---- probing ---------------------------------------------------------------------- */

static const char *probed(const char *data, size_t len, const char *name)
{
    return tme_input_format_probe((const unsigned char *)data, len, name)->name;
}

#define PROBED(s, name) probed(s, sizeof(s) - 1, name)

static void test_probe(void)
{
    CU_ASSERT_STRING_EQUAL(PROBED("<!DOCTYPE html><p>x", "a.txt"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("\xEF\xBB\xBF \n<!-- a -->\n<!--b--><HTML lang=en>", "-"),
                           "html");
    CU_ASSERT_STRING_EQUAL(PROBED("<?xml version=\"1.0\"?>\n<!doctype HTML PUBLIC>", "x"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("<head><meta charset=utf-8>", "x"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("<body>", "x"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("<p>A fragment</p>", "x"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("\xFF\xFE<\0h\0t\0m\0l\0>\0", "x"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("\xFE\xFF\0<\0b\0o\0d\0y\0>", "x"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("Plain text, not a page.", "page.HTML.gz"), "html");
    CU_ASSERT_STRING_EQUAL(PROBED("Plain text, not a page.", "notes.txt"), "article");
    CU_ASSERT_STRING_EQUAL(PROBED("<paragraph>not html</paragraph>", "x"), "article");
    CU_ASSERT_STRING_EQUAL(PROBED("<!-- never closed", "x"), "article");
    CU_ASSERT_STRING_EQUAL(PROBED("One\t一\nTwo\t二\n", "pairs.tsv"), "tsv-pairs");
    CU_ASSERT_STRING_EQUAL(tme_input_format_by_name("HTML")->name, "html");
}

/* ---- the fixtures, end to end ------------------------------------------------------- */

static const char *const fixtures[] = {"html-dual", "html-columns", "html-sibling",
                                       "html-sibling-before", "html-zh-then-en"};

/* The chrome and hidden text of samples/html-fixtures/make-fixtures.py
 * (its NEVER_PAIRED and NEVER_READ). */
static const char *const never_output[] = {"Documentation home",
                                           "文档首页",
                                           "We use cookies",
                                           "Cookie 来了解",
                                           "Sign in to keep reading",
                                           "登录后继续阅读",
                                           "Share this page",
                                           "分享到",
                                           "digest@example.org",
                                           "Related pages",
                                           "相关页面",
                                           "Thanks for writing this",
                                           "感谢分享",
                                           "All rights reserved",
                                           "保留所有权利",
                                           "must never be extracted",
                                           "绝不能被提取"};

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (const char *c = text; c != NULL && *c != '\0'; c++)
        n += *c == '\n';
    return n;
}

/* Output lines (text) that are lines of gold, and lines that are not. */
static void match_lines(const char *text, const char *gold, size_t *in_gold, size_t *other)
{
    *in_gold = *other = 0;
    const char *line = text;
    while (line != NULL && *line != '\0') {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        int found = 0;
        for (const char *g = gold; !found && g != NULL && *g != '\0';) {
            const char *gend = strchr(g, '\n');
            size_t gn = gend ? (size_t)(gend - g) : strlen(g);
            found = gn == n && memcmp(g, line, n) == 0;
            g = gend ? gend + 1 : NULL;
        }
        *(found ? in_gold : other) += 1;
        line = end ? end + 1 : NULL;
    }
}

static void check_never_output(const char *path)
{
    char *text = tme_test_read_file(path, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (size_t k = 0; k < sizeof never_output / sizeof never_output[0]; k++)
        if (strstr(text, never_output[k]) != NULL) {
            fprintf(stderr, "\n    \"%s\" is in %s", never_output[k], path);
            CU_FAIL("chrome or hidden text in an output pair");
        }
    free(text);
}

static void test_fixtures_against_their_gold(void)
{
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        char rel[256], gold[1200], page[1200];
        snprintf(rel, sizeof rel, "samples/%s/gold.tsv", fixtures[f]);
        snprintf(gold, sizeof gold, "%s", tme_test_source_path(rel));
        snprintf(rel, sizeof rel, "samples/%s/article.html", fixtures[f]);
        snprintf(page, sizeof page, "%s", tme_test_source_path(rel));
        const char *out = scratch(1, "sentences.tsv"), *log = scratch(2, "score.txt");
        CU_ASSERT_EQUAL(
            tme_test_run_clif(stderr_path(), "extract -q --no-normalize '%s' -o '%s'", page, out),
            0);
        /* strict sentence F1 >= 0.95 and no wrong pair */
        int scored = tme_test_shell("python3 '%s' '%s' '%s' --min-f1 0.95 --no-wrong >'%s' 2>&1",
                                    tme_test_source_path("scripts/score-pairs"), gold, out, log);
        if (scored != 0) {
            char *why = tme_test_read_file(log, NULL);
            fprintf(stderr, "\n    %s: %s", fixtures[f], why ? why : "?");
            free(why);
        }
        CU_ASSERT_EQUAL(scored, 0);
        check_never_output(out);
        /* paragraph pairs: every one the gold's, all of them */
        const char *paragraphs = scratch(3, "paragraphs.tsv");
        CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                          "extract -q --no-normalize --unit paragraph '%s' -o '%s'",
                                          page, paragraphs),
                        0);
        check_never_output(paragraphs);
        snprintf(rel, sizeof rel, "samples/%s/gold_paragraphs.tsv", fixtures[f]);
        char *want = tme_test_read_file(tme_test_source_path(rel), NULL);
        char *got = tme_test_read_file(paragraphs, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(want);
        CU_ASSERT_PTR_NOT_NULL_FATAL(got);
        size_t in_gold, other;
        match_lines(got, want, &in_gold, &other);
        CU_ASSERT_EQUAL(other, 0);
        CU_ASSERT_EQUAL(in_gold, count_lines(want));
        free(want);
        free(got);
    }
}

static void test_headline_and_standfirst_pair(void)
{
    const char *out = scratch(1, "dual.tsv");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stderr_path(), "extract -q --no-normalize --unit paragraph '%s' -o '%s'",
                          tme_test_source_path("samples/html-dual/article.html"), out),
        0);
    char *got = tme_test_read_file(out, NULL);
    char *want =
        tme_test_read_file(tme_test_source_path("samples/html-dual/gold_paragraphs.tsv"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    /* the first two gold lines, the headline and the standfirst, come first */
    const char *second_end = strchr(strchr(want, '\n') + 1, '\n');
    CU_ASSERT_FATAL(second_end != NULL);
    size_t n = (size_t)(second_end - want) + 1;
    CU_ASSERT(strncmp(got, want, n) == 0);
    static const char headline[] =
        "Don't Panic: Kubernetes and Docker\t别慌: Kubernetes 和 Docker\n";
    CU_ASSERT(strncmp(got, headline, sizeof headline - 1) == 0);
    free(got);
    free(want);
}

/* ---- charsets and probing, end to end ----------------------------------------------- */

#define stderr_says(...) tme_test_file_says(stderr_path(), __VA_ARGS__)

/* The dual fixture's paragraph pairs, read from `page` with extra options,
 * equal those read from the UTF-8 original. */
static int reads_as_the_original(const char *page, const char *options)
{
    const char *want = scratch(4, "original.tsv"), *got = scratch(5, "converted.tsv");
    if (tme_test_run_clif(stderr_path(), "extract -q --unit paragraph '%s' -o '%s'",
                          tme_test_source_path("samples/html-dual/article.html"), want) != 0 ||
        tme_test_run_clif(stderr_path(), "extract -q --unit paragraph %s '%s' -o '%s'", options,
                          page, got) != 0)
        return 0;
    return tme_test_same_file(want, got);
}

/* The dual fixture with <meta charset=label>, in encoding, as name. */
static const char *dual_page_as(const char *name, const char *label, const char *encoding)
{
    const char *page = scratch(0, name);
    CU_ASSERT_EQUAL_FATAL(tme_test_shell("sed 's/<meta charset=\"utf-8\">/<meta charset=%s>/' '%s' "
                                         "| iconv -f UTF-8 -t %s > '%s'",
                                         label,
                                         tme_test_source_path("samples/html-dual/article.html"),
                                         encoding, page),
                          0);
    return page;
}

static void test_declared_charsets(void)
{
    /* a GB18030 page with <meta charset=gbk> */
    CU_ASSERT(reads_as_the_original(dual_page_as("gbk.html", "gbk", "GB18030"), ""));
    /* a UTF-8 page whose <meta> still says gb2312 (a scraper saved it
     * decoded): its bytes are UTF-8 */
    CU_ASSERT(reads_as_the_original(dual_page_as("stale-meta.html", "gb2312", "UTF-8"), ""));
    /* a wrong declaration fails clearly, and --encoding overrides it */
    const char *wrong = dual_page_as("wrong-meta.html", "big5", "GB18030");
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_path(), "extract -q '%s' -o '%s'", wrong, scratch(1, "wrong.tsv")),
        1);
    CU_ASSERT(stderr_says("wrong-meta.html:", "invalid BIG5-HKSCS byte", "charset \"big5\"",
                          "--encoding", NULL));
    CU_ASSERT(reads_as_the_original(wrong, "--encoding GB18030"));
    /* a Big5 page declared by http-equiv */
    const char *big5 = scratch(0, "big5.html"), *out = scratch(1, "big5.tsv");
    char command[1400];
    snprintf(command, sizeof command, "iconv -f UTF-8 -t BIG5-HKSCS > '%s'", big5);
    FILE *f = popen(command, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("<!DOCTYPE html>\n<html><head><META HTTP-EQUIV=\"Content-Type\" "
          "CONTENT=\"text/html; charset=big5\"><title>t</title></head><body>"
          "<p>The Purposes of the United Nations are to maintain international peace.</p>"
          "<p>聯合國之宗旨為維持國際和平。</p></body></html>\n",
          f);
    CU_ASSERT_EQUAL_FATAL(pclose(f), 0);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_path(), "extract -q --unit paragraph '%s' -o '%s'", big5, out), 0);
    char *text = tme_test_read_file(out, NULL);
    CU_ASSERT(text != NULL &&
              strcmp(text, "The Purposes of the United Nations are to maintain "
                           "international peace.\t聯合國之宗旨為維持國際和平。\n") == 0);
    free(text);
}

static void test_reader_by_content_and_by_name(void)
{
    const char *original = tme_test_source_path("samples/html-dual/article.html");
    const char *as_txt = scratch(0, "page.txt"), *as_dat = scratch(6, "page.dat.gz");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("cp '%s' '%s' && gzip -c '%s' > '%s'", original, as_txt, original, as_dat),
        0);
    CU_ASSERT(reads_as_the_original(as_txt, ""));
    CU_ASSERT(reads_as_the_original(as_dat, "--input-format html"));
    /* A page read as text is markup: the reason for the reader. */
    CU_ASSERT(!reads_as_the_original(as_txt, "--input-format article"));
}

/* ---- hostile pages, end to end -------------------------------------------------------- */

#define run(...) tme_test_run_timed(stderr_path(), &last_seconds, __VA_ARGS__)

static void write_page(const char *path, const char *prefix, const char *unit, size_t times,
                       const char *suffix)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(prefix, f);
    for (size_t k = 0; k < times; k++)
        fprintf(f, unit, k, k);
    fputs(suffix, f);
    CU_ASSERT_EQUAL(fclose(f), 0);
}

static size_t lines_of(const char *path)
{
    char *text = tme_test_read_file(path, NULL);
    size_t n = count_lines(text);
    free(text);
    return n;
}

static void test_unclosed_tags_everywhere(void)
{
    const char *in = scratch(0, "unclosed.html"), *out = scratch(1, "unclosed.tsv");
    write_page(in, "<html><body>",
               "<div><font><b><i>Paragraph %zu is written in English for the test.<p>第%zu段是用"
               "中文写的测试文字。",
               20000, "");
    CU_ASSERT_EQUAL(run("extract --unit paragraph '%s' -o '%s'", in, out), 0);
    CU_ASSERT_EQUAL(lines_of(out), 20000);
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    fprintf(stderr, "[unclosed, 20,000 paragraphs 80,000 levels deep: %.2f s] ", last_seconds);
}

static void test_end_tags_closing_nothing_are_bounded(void)
{
    /* Every </span> closes nothing under ever more open <div>s: libxml2's
     * stack search would take hours on a big page; the page is refused. */
    const char *in = scratch(0, "stray.html"), *out = scratch(1, "stray.tsv");
    write_page(in, "<html><body>", "<div><p>Paragraph %zu and %zu.</p></span>", 100000, "");
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", in, out), 1);
    CU_ASSERT(stderr_says("stray.html:", "too costly to parse", NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    fprintf(stderr, "[stray end tags refused: %.2f s] ", last_seconds);
    /* the same end tags on a shallow page are fine */
    write_page(in, "<html><body>", "<p>Paragraph %zu is English.</span></p><p>第%zu段。</span></p>",
               50000, "");
    CU_ASSERT_EQUAL(run("extract --unit paragraph '%s' -o '%s'", in, out), 0);
    CU_ASSERT_EQUAL(lines_of(out), 50000);
}

static void test_ten_thousand_deep(void)
{
    const char *in = scratch(0, "deep.html"), *out = scratch(1, "deep.tsv");
    char *page = nested_page(10000, "<div>", 1);
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, page, strlen(page)), 0);
    free(page);
    CU_ASSERT_EQUAL(run("extract --unit paragraph '%s' -o '%s'", in, out), 0);
    CU_ASSERT_EQUAL(lines_of(out), 2);
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
}

static long peak_rss_of_children_mb(void)
{
    struct rusage usage;
    return getrusage(RUSAGE_CHILDREN, &usage) == 0 ? usage.ru_maxrss / 1024 : -1;
}

static void test_fifty_megabyte_page(void)
{
    const char *in = scratch(0, "big.html"), *out = scratch(1, "big.tsv");
    static const char unit[] =
        "<div class=\"dual\"><p class=\"en\">The committee met on day %zu and approved a budget "
        "for the schools of the district.</p>\n<p class=\"zh\" lang=\"zh-CN\">委员会在第%zu天开会，"
        "为该区的学校批准了预算。</p></div>\n";
    size_t times = (50u << 20) / (sizeof unit + 8);
    write_page(in, "<!DOCTYPE html><html><head><meta charset=utf-8></head><body><main>", unit,
               times, "</main></body></html>\n");
    CU_ASSERT_EQUAL(run("extract --unit paragraph '%s' -o '%s'", in, out), 0);
    CU_ASSERT_EQUAL(lines_of(out), times);
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    long rss = peak_rss_of_children_mb();
    CU_ASSERT(rss > 0 && rss < BIG_INPUT_MAX_RSS_MB);
    fprintf(stderr, "[50 MB page, %zu pairs: %.2f s, peak RSS %ld MB] ", times, last_seconds, rss);
}

static void test_script_holding_fake_paragraphs(void)
{
    const char *in = scratch(0, "script.html"), *out = scratch(1, "script.tsv");
    write_page(in, "<html><body><script>var s = '",
               "<p>Fake script paragraph %zu.</p><p>脚本里的假段落%zu。</p>", 20000,
               "';</script><p>The real text has 12 words.</p><p>真正的文字有12个字。</p></body>"
               "</html>");
    CU_ASSERT_EQUAL(run("extract --unit paragraph '%s' -o '%s'", in, out), 0);
    char *text = tme_test_read_file(out, NULL);
    CU_ASSERT(text != NULL &&
              strcmp(text, "The real text has 12 words.\t真正的文字有12个字。\n") == 0);
    free(text);
}

static void test_br_inside_an_attribute(void)
{
    const char *in = scratch(0, "attribute.html"), *out = scratch(1, "attribute.tsv");
    static const char page[] = "<html><body><p title=\"English<br>中文\" data-p=\"<p>Fake.</p>\">"
                               "Attribute test paragraph number 7.</p><p>属性测试段落第7号。</p>";
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, page, sizeof page - 1), 0);
    CU_ASSERT_EQUAL(run("extract --unit paragraph '%s' -o '%s'", in, out), 0);
    char *text = tme_test_read_file(out, NULL);
    CU_ASSERT(text != NULL &&
              strcmp(text, "Attribute test paragraph number 7.\t属性测试段落第7号。\n") == 0);
    free(text);
}

static void test_nul_bytes_and_binary_garbage(void)
{
    const char *out = scratch(1, "garbage.tsv");
    const char *in = scratch(0, "nul.html");
    static const char nul[] = "<html><body><p>Hello there.</p>\0<p>你好。</p></body></html>";
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, nul, sizeof nul - 1), 0);
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", in, out), 1);
    CU_ASSERT(stderr_says("nul.html:1:", "NUL byte at byte offset 31", NULL));
    enum { SIZE = 1 << 20 };
    unsigned char *bytes = malloc(SIZE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    static const char *const heads[] = {"<html>", "<html><head><meta charset=\"utf-8\"></head>"};
    for (unsigned char lowest = 0; lowest < 2; lowest++)
        for (size_t h = 0; h < 2; h++) {
            size_t n = strlen(heads[h]);
            memcpy(bytes, heads[h], n);
            tme_test_random_bytes(bytes + n, SIZE - n, lowest);
            in = scratch(0, "garbage.html");
            CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, bytes, SIZE), 0);
            CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", in, out), 1);
            CU_ASSERT(stderr_says("garbage.html:", "byte offset", NULL));
            CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
        }
    free(bytes);
}

static void test_pages_without_pairs(void)
{
    static const char *const pages[] = {
        "", "<!DOCTYPE html>", "<html><body><nav>Home | 首页</nav><footer>© 2024</footer></body>",
        "<html><body><p>Only English here.</p></body></html>"};
    for (size_t k = 0; k < sizeof pages / sizeof pages[0]; k++) {
        const char *in = scratch(0, "empty.html");
        CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, pages[k], strlen(pages[k])), 0);
        CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", in, scratch(1, "empty.tsv")), 0);
        CU_ASSERT(stderr_says("warning", "empty.html", "no translated paragraph pairs", NULL));
        CU_ASSERT_EQUAL(lines_of(scratch(1, "empty.tsv")), 0);
    }
}

static int init(void)
{
    const char *d = tme_test_scratch_dir("html");
    if (d == NULL)
        return 1;
    snprintf(dir, sizeof dir, "%s", d);
    return 0;
}

static CU_TestInfo tests[] = {
    {"white space collapses by the CSS rule", test_white_space_collapses_by_css},
    {"blocks are paragraphs, inline elements join", test_blocks_are_paragraphs},
    {"<br> splits a block where the script changes", test_br_splits_where_the_script_changes},
    {"<pre> keeps its lines", test_pre_keeps_its_lines},
    {"script, style, template, svg, comments, ruby text: never read", test_what_is_never_read},
    {"chrome by tag, role, class and id is boilerplate", test_chrome_is_boilerplate},
    {"page-header headline, chrome holding the page", test_page_header_headline_and_big_chrome},
    {"hidden text is read", test_hidden_text_is_read},
    {"translation elements split clean halves only", test_translation_elements_split_clean_halves},
    {"two columns are read one after the other", test_two_columns_are_read_one_after_the_other},
    {"10,000 and 400,000 levels deep, no recursion", test_deep_nesting_needs_no_stack},
    {"charset labels", test_charset_labels},
    {"<meta> charset prescan", test_meta_charset_prescan},
    {"probing by content and name", test_probe},
    {"fixtures: F1 >= 0.95, no wrong pair, exact paragraphs, no chrome",
     test_fixtures_against_their_gold},
    {"headline and standfirst English<br>中文 pair", test_headline_and_standfirst_pair},
    {"meta charset gbk, big5 (http-equiv), stale and wrong ones", test_declared_charsets},
    {"the reader by content (.txt, gzip) and by --input-format",
     test_reader_by_content_and_by_name},
    {"hostile: unclosed tags everywhere", test_unclosed_tags_everywhere},
    {"hostile: end tags closing nothing, refused in bounded time",
     test_end_tags_closing_nothing_are_bounded},
    {"hostile: 10,000-deep nesting", test_ten_thousand_deep},
    {"hostile: a 50 MB page", test_fifty_megabyte_page},
    {"hostile: <script> holding fake paragraphs", test_script_holding_fake_paragraphs},
    {"hostile: <br> inside an attribute value", test_br_inside_an_attribute},
    {"hostile: NUL bytes, binary garbage after <html>", test_nul_bytes_and_binary_garbage},
    {"pages without pairs: exit 0 and a warning", test_pages_without_pairs},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (init() != 0)
        return 2;
    return tme_run_suite("html", tests);
}
