/* SPDX-License-Identifier: MIT */
/* The review page, read back with libxml2 (the rendering in a browser is
 * tests/clients/chromium-check.sh): well-formed XHTML-compatible markup that
 * libxml2's HTML parser reads without error, self-contained (no external
 * resource of any kind), every pair a row in its languages, every item not
 * exported listed after its document's pairs with its reason, the summary's
 * counts and histogram, scores shaded below 0.8 and 0.5. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "test_support.h"
#include "writer.h"
#include "xml_validate.h"

#define SAMPLE "samples/deepseek-bilingual.txt"

static const char *dir;

static const char *at(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return at(15, "stderr.txt");
}

/* ---- reading a page back ------------------------------------------------ */

static xmlXPathObjectPtr query(xmlDocPtr doc, const char *xpath)
{
    xmlXPathContextPtr context = xmlXPathNewContext(doc);
    xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST xpath, context);
    xmlXPathFreeContext(context);
    return found;
}

static size_t count(xmlDocPtr doc, const char *xpath)
{
    xmlXPathObjectPtr found = query(doc, xpath);
    size_t n = found != NULL && found->nodesetval != NULL ? (size_t)found->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(found);
    return n;
}

/* The text of the first node xpath finds (malloc'd), or NULL. */
static char *text_of(xmlDocPtr doc, const char *xpath)
{
    xmlXPathObjectPtr found = query(doc, xpath);
    char *text = NULL;
    if (found != NULL && found->nodesetval != NULL && found->nodesetval->nodeNr > 0) {
        xmlChar *content = xmlNodeGetContent(found->nodesetval->nodeTab[0]);
        text = strdup((const char *)content);
        xmlFree(content);
    }
    xmlXPathFreeObject(found);
    return text;
}

static int text_is(xmlDocPtr doc, const char *xpath, const char *expected)
{
    char *text = text_of(doc, xpath);
    int same = text != NULL && strcmp(text, expected) == 0;
    if (!same)
        fprintf(stderr, "\n%s is '%s', not '%s'\n", xpath, text ? text : "(nothing)", expected);
    free(text);
    return same;
}

static int html_errors;

static void count_html_error(void *context, xmlErrorPtr error)
{
    (void)context;
    /* HTML 4 knows no <main>, <section>, <svg>...: those are not errors. */
    if (error->code != XML_HTML_UNKNOWN_TAG && error->level >= XML_ERR_ERROR) {
        html_errors++;
        fprintf(stderr, "\nHTML parser: %s", error->message);
    }
}

/* Parses the page as XML (NULL unless well-formed) after checking that
 * libxml2's HTML parser reads it without an error either. */
static xmlDocPtr read_page(const char *path)
{
    html_errors = 0;
    xmlSetStructuredErrorFunc(NULL, count_html_error);
    htmlDocPtr html = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL(html);
    CU_ASSERT_EQUAL(html_errors, 0);
    xmlFreeDoc(html);
    xmlDocPtr doc = tme_test_read_xml(path);
    CU_ASSERT_PTR_NOT_NULL(doc);
    return doc;
}

/* Nothing a browser would fetch: no script or style from elsewhere, no
 * image, frame, object, link or font; no URL in the CSS. */
static void assert_self_contained(xmlDocPtr doc)
{
    CU_ASSERT_EQUAL(count(doc, "//@src | //@href | //@srcset | //@data | //@action"), 0);
    CU_ASSERT_EQUAL(count(doc, "//link | //img | //iframe | //object | //embed | //base"), 0);
    CU_ASSERT_EQUAL(count(doc, "//script"), 1);
    CU_ASSERT_EQUAL(count(doc, "//style"), 1);
    char *style = text_of(doc, "//style");
    CU_ASSERT(style != NULL && strstr(style, "url(") == NULL && strstr(style, "@import") == NULL &&
              strstr(style, "@font-face") == NULL);
    free(style);
}

/* ---- the sample, through the tool ---------------------------------------- */

static void test_sample_page_is_well_formed_and_self_contained(void)
{
    const char *page = at(0, "sample.html");
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s' -o '%s'",
                                            tme_test_source_path(SAMPLE), page,
                                            at(1, "sample.tsv")),
                          0);
    char *bytes = tme_test_read_file(page, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    const char *opening = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>";
    CU_ASSERT_EQUAL(strncmp(bytes, opening, strlen(opening)), 0);
    free(bytes);
    xmlDocPtr doc = read_page(page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    assert_self_contained(doc);
    /* Every pair of the TSV, in order, in its row. */
    char *tsv = tme_test_read_file(at(1, "sample.tsv"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    size_t rows = 0;
    for (char *line = strtok(tsv, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        CU_ASSERT_PTR_NOT_NULL_FATAL(tab);
        *tab = '\0';
        char xpath[160];
        rows++;
        snprintf(xpath, sizeof xpath, "//table[@class='pairs']/tbody/tr[%zu]/td[3]", rows);
        CU_ASSERT(text_is(doc, xpath, line));
        snprintf(xpath, sizeof xpath, "//table[@class='pairs']/tbody/tr[%zu]/td[4]", rows);
        CU_ASSERT(text_is(doc, xpath, tab + 1));
    }
    CU_ASSERT_EQUAL(rows, 54);
    CU_ASSERT_EQUAL(count(doc, "//table[@class='pairs']/tbody/tr"), rows);
    CU_ASSERT_EQUAL(count(doc, "//table[@class='pairs']/tbody/tr/td[3][@lang='en']"), rows);
    CU_ASSERT_EQUAL(count(doc, "//table[@class='pairs']/tbody/tr/td[4][@lang='zh-CN']"), rows);
    CU_ASSERT_EQUAL(count(doc, "//table[@class='pairs']/thead/tr/th[@scope='col']"), 4);
    /* The sample's 15 paragraphs without a translation, with their reason. */
    CU_ASSERT_EQUAL(count(doc, "//table[@class='dropped']/tbody/tr"), 15);
    CU_ASSERT_EQUAL(
        count(doc, "//table[@class='dropped']/tbody/tr/td[2][.='no translation found']"), 15);
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='Pairs exported']/td", "54"));
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='no translation found']/td", "15"));
    free(tsv);
    xmlFreeDoc(doc);
}

/* What --min-score leaves out is listed with that reason, and is exactly
 * the pairs a run without it exports below the threshold. (Without
 * normalization on both sides: units are normalized once they pass
 * --min-score, what is dropped before is shown as it was found.) */
static void test_pairs_below_min_score_are_listed_with_their_reason(void)
{
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stderr_path(),
                          "extract '%s' --no-normalize --tsv-fields source,target,score -o '%s'",
                          tme_test_source_path(SAMPLE), at(0, "all.tsv")),
        0);
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract '%s' --no-normalize --min-score 0.97 -o '%s'",
                                            tme_test_source_path(SAMPLE), at(1, "min.html")),
                          0);
    xmlDocPtr doc = read_page(at(1, "min.html"));
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    char *tsv = tme_test_read_file(at(0, "all.tsv"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    size_t below = 0, kept = 0;
    for (char *line = strtok(tsv, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *target = strchr(line, '\t'), *score = strrchr(line, '\t');
        *target++ = '\0';
        *score++ = '\0';
        char xpath[1024];
        if (strcmp(score, "0.9700") < 0) {
            below++;
            snprintf(xpath, sizeof xpath,
                     "//table[@class='dropped']/tbody/tr[td[2]='below --min-score'][%zu]", below);
            CU_ASSERT(text_is(doc, tme_test_join(14, xpath, "td[3]"), score));
            CU_ASSERT(text_is(doc, tme_test_join(14, xpath, "td[4][@lang='en']"), line));
            CU_ASSERT(text_is(doc, tme_test_join(14, xpath, "td[5][@lang='zh-CN']"), target));
        } else {
            kept++;
        }
    }
    CU_ASSERT(below >= 5);
    CU_ASSERT_EQUAL(count(doc, "//table[@class='dropped']//tr[td[2]='below --min-score']"), below);
    CU_ASSERT_EQUAL(count(doc, "//table[@class='pairs']/tbody/tr"), kept);
    char expected[32];
    snprintf(expected, sizeof expected, "%zu", below);
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='below --min-score']/td", expected));
    free(tsv);
    xmlFreeDoc(doc);
}

/* ---- hostile text and streaming parts, through the writer ---------------- */

static tme_writer *open_review(const char *path, const char *source_lang, const char *target_lang)
{
    tme_writer_options o = {source_lang, target_lang, "sentence", "test", 86400, 0, NULL};
    tme_error err;
    tme_error_clear(&err);
    tme_writer *w = tme_writer_open(tme_output_format_by_name("review"), path, TME_SINK_PLAIN,
                                    tme_test_context(&o), &err);
    if (w == NULL)
        fprintf(stderr, "\n%s\n", err.message);
    return w;
}

static void write_unit(tme_writer *w, const char *source, const char *target, double score,
                       size_t index)
{
    tme_unit unit = {source, target, score, "doc", 0, index, NULL, NULL};
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_writer_write(w, &unit, &err), TME_OK);
}

static void drop(tme_writer *w, const char *en, const char *zh, double score,
                 tme_drop_reason reason, const char *detail)
{
    tme_dropped d = {(char *)en, (char *)zh, score, reason, detail};
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_writer_dropped(w, &d, &err), TME_OK);
}

static void finish(tme_writer *w)
{
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_writer_finish(w, &err), TME_OK);
}

static void test_hostile_text_is_text(void)
{
    const char *page = at(0, "hostile.html");
    tme_writer *w = open_review(page, "en", "zh-Hans");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_writer_begin_document(w, "a&b <\"c\"> 'd'.txt", 0, &err), TME_OK);
    write_unit(w, "</script><script>alert(1)</script> &amp; \"q\" <b>", "\xE4\xB8\xAD & < >", 0.9,
               0);
    write_unit(w, "ctrl\x01\x1f gone, \xF0\x9F\x98\x80 kept", "]]> <!-- -->", 0.95, 1);
    drop(w, "<i>dropped</i> & \"quoted\"", NULL, 0, TME_DROP_NO_TRANSLATION, NULL);
    CU_ASSERT_EQUAL(tme_writer_end_document(w, &err), TME_OK);
    finish(w);
    xmlDocPtr doc = read_page(page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    assert_self_contained(doc);
    CU_ASSERT(text_is(doc, "//section[@class='document']/h2/code", "a&b <\"c\"> 'd'.txt"));
    CU_ASSERT(text_is(doc, "//table[@class='pairs']/tbody/tr[1]/td[3]",
                      "</script><script>alert(1)</script> &amp; \"q\" <b>"));
    CU_ASSERT(text_is(doc, "//table[@class='pairs']/tbody/tr[1]/td[4]", "\xE4\xB8\xAD & < >"));
    /* Characters XML forbids are dropped; the rest stays. */
    CU_ASSERT(text_is(doc, "//table[@class='pairs']/tbody/tr[2]/td[3]",
                      "ctrl gone, \xF0\x9F\x98\x80 kept"));
    CU_ASSERT(text_is(doc, "//table[@class='pairs']/tbody/tr[2]/td[4]", "]]> <!-- -->"));
    CU_ASSERT(
        text_is(doc, "//table[@class='dropped']/tbody/tr/td[4]", "<i>dropped</i> & \"quoted\""));
    CU_ASSERT(text_is(doc, "//table[@class='dropped']/tbody/tr/td[5][@lang='zh-Hans']", ""));
    xmlFreeDoc(doc);
}

/* A streaming document hands its units and its not-exported items on in
 * parts: the page still shows all its pairs, then all the rest. */
static void test_parts_of_a_document_come_together(void)
{
    const char *page = at(0, "parts.html");
    tme_writer *w = open_review(page, "en", "zh-CN");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_writer_begin_document(w, "first", 0, &err), TME_OK);
    write_unit(w, "one", "\xE4\xB8\x80", 0.49, 0); /* 一 */
    write_unit(w, "two", "\xE4\xBA\x8C", 0.5, 1);  /* 二 */
    drop(w, "lonely", NULL, 0, TME_DROP_UNALIGNED, NULL);
    drop(w, "low", "\xE4\xBD\x8E", 0.3, TME_DROP_BELOW_MIN_SCORE, NULL); /* 低 */
    write_unit(w, "three", "\xE4\xB8\x89", 0.79996, 2);                  /* 三: shows as 0.8000 */
    write_unit(w, "four", "\xE5\x9B\x9B", 1.0, 3);                       /* 四 */
    drop(w, "again", "\xE5\x86\x8D", 0.9, TME_DROP_FILTERED, "length ratio"); /* 再 */
    CU_ASSERT_EQUAL(tme_writer_end_document(w, &err), TME_OK);
    CU_ASSERT_EQUAL(tme_writer_begin_document(w, "second, empty", 1, &err), TME_OK);
    CU_ASSERT_EQUAL(tme_writer_end_document(w, &err), TME_OK);
    finish(w);
    xmlDocPtr doc = read_page(page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count(doc, "//section[@id='doc-1']/table[1][@class='pairs']/tbody/tr"), 4);
    CU_ASSERT_EQUAL(count(doc, "//section[@id='doc-1']/table[2][@class='dropped']/tbody/tr"), 3);
    CU_ASSERT(
        text_is(doc, "//section[@id='doc-1']/table[2]/tbody/tr[1]/td[2]", "unaligned sentence"));
    CU_ASSERT(text_is(doc, "//section[@id='doc-1']/table[2]/tbody/tr[1]/td[3]", ""));
    CU_ASSERT(text_is(doc, "//section[@id='doc-1']/table[2]/tbody/tr[2]/td[3]", "0.3000"));
    CU_ASSERT(text_is(doc, "//section[@id='doc-1']/table[2]/tbody/tr[3]/td[2]",
                      "filtered (length ratio)"));
    /* Shades: below 0.5 low, below 0.8 mid, as the score is shown. */
    CU_ASSERT(text_is(doc, "//section[@id='doc-1']/table[1]/tbody/tr[@class='low']/td[3]", "one"));
    CU_ASSERT(text_is(doc, "//section[@id='doc-1']/table[1]/tbody/tr[@class='mid']/td[3]", "two"));
    CU_ASSERT_EQUAL(count(doc, "//section[@id='doc-1']/table[1]/tbody/tr[not(@class)]"), 2);
    CU_ASSERT(text_is(doc, "//section[@id='doc-1']/table[1]/tbody/tr[3]/td[2]", "0.8000"));
    CU_ASSERT_EQUAL(count(doc, "//section[@id='doc-2']/table[@class='pairs']/tbody/tr"), 0);
    CU_ASSERT_EQUAL(count(doc, "//section[@id='doc-2']/p[@class='none']"), 2);
    /* The summary. */
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='Documents']/td", "2"));
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='Not exported']/td", "3"));
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='unaligned sentence']/td", "1"));
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='duplicate']/td", "0"));
    CU_ASSERT_EQUAL(count(doc, "//table[@class='counts']//tr[@class='reason']"), TME_DROP_REASONS);
    char *description = text_of(doc, "//*[local-name()='desc']");
    CU_ASSERT(description != NULL &&
              strstr(description, "0.4-0.5: 1; 0.5-0.6: 1; 0.6-0.7: 0; 0.7-0.8: 0; 0.8-0.9: 1; "
                                  "0.9-1.0: 1") != NULL);
    free(description);
    CU_ASSERT_EQUAL(count(doc, "//*[local-name()='rect']"), 10);
    CU_ASSERT_EQUAL(count(doc, "//*[local-name()='rect'][@height='140']"), 4);
    xmlFreeDoc(doc);
}

static void test_chinese_source_keeps_each_side_in_its_language(void)
{
    const char *page = at(0, "zh-en.html");
    tme_writer *w = open_review(page, "zh-TW", "en-US");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    write_unit(w, "\xE4\xB8\x80", "one", 0.9, 0);
    drop(w, "english only", NULL, 0, TME_DROP_NO_TRANSLATION, NULL);
    finish(w);
    xmlDocPtr doc = read_page(page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT(text_is(doc, "//table[@class='pairs']/thead/tr/th[3]", "Chinese (zh-TW)"));
    CU_ASSERT(
        text_is(doc, "//table[@class='pairs']/tbody/tr/td[3][@lang='zh-TW']", "\xE4\xB8\x80"));
    CU_ASSERT(text_is(doc, "//table[@class='pairs']/tbody/tr/td[4][@lang='en-US']", "one"));
    /* Not-exported items are English first, whatever the orientation. */
    CU_ASSERT(text_is(doc, "//table[@class='dropped']/thead/tr/th[4]", "English (en-US)"));
    CU_ASSERT(
        text_is(doc, "//table[@class='dropped']/tbody/tr/td[4][@lang='en-US']", "english only"));
    xmlFreeDoc(doc);
}

static void test_an_empty_export_is_a_page_too(void)
{
    const char *page = at(0, "empty.html");
    tme_writer *w = open_review(page, "en", "zh-CN");
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    finish(w);
    xmlDocPtr doc = read_page(page);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT(text_is(doc, "//table[@class='counts']//tr[th='Pairs exported']/td", "0"));
    CU_ASSERT_EQUAL(count(doc, "//section[@class='document']"), 0);
    CU_ASSERT_EQUAL(count(doc, "//*[local-name()='rect'][@height='0']"), 10);
    xmlFreeDoc(doc);
}

static void test_html_extension_chooses_review(void)
{
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("html"),
                        tme_output_format_by_name("review"));
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("HTM"), tme_output_format_by_name("review"));
}

int main(void)
{
    dir = tme_test_scratch_dir("review");
    if (dir == NULL)
        return 2;
    CU_TestInfo tests[] = {
        {"sample page is well-formed and self-contained",
         test_sample_page_is_well_formed_and_self_contained},
        {"pairs below min-score are listed with their reason",
         test_pairs_below_min_score_are_listed_with_their_reason},
        {"hostile text is text", test_hostile_text_is_text},
        {"parts of a document come together", test_parts_of_a_document_come_together},
        {"chinese source keeps each side in its language",
         test_chinese_source_keeps_each_side_in_its_language},
        {"an empty export is a page too", test_an_empty_export_is_a_page_too},
        {"html extension chooses review", test_html_extension_chooses_review},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("review", tests);
}
