/* SPDX-License-Identifier: MIT */
/* Paragraph pairing against hand-checked gold, in every layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align_lexical.h"
#include "decode.h"
#include "pairing.h"
#include "pairing_lexical.h"
#include "paragraph.h"
#include "test_support.h"

/* Pairs the article's paragraphs and renders them as "en<TAB>zh\n" lines. */
static char *pair_article(const char *article, size_t len, int *chinese_first)
{
    tme_error err;
    tme_error_clear(&err);
    tme_text text;
    CU_ASSERT_EQUAL_FATAL(tme_decode((const unsigned char *)article, len, NULL, "t", &text, &err),
                          TME_OK);
    tme_paragraphs paragraphs;
    CU_ASSERT_EQUAL_FATAL(tme_split_paragraphs(text.text, text.len, &paragraphs, &err), TME_OK);
    tme_pairing pairing;
    CU_ASSERT_EQUAL_FATAL(tme_pair_paragraphs(&paragraphs, NULL, 0, &pairing, &err), TME_OK);
    size_t cap = len * 2 + 16, n = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (size_t k = 0; k < pairing.count; k++) {
        const tme_paragraph *en = &paragraphs.items[pairing.pairs[k].en];
        const tme_paragraph *zh = &paragraphs.items[pairing.pairs[k].zh];
        CU_ASSERT(pairing.pairs[k].score >= 0 && pairing.pairs[k].score <= 1);
        n += (size_t)snprintf(out + n, cap - n, "%s\t%s\n", en->text, zh->text);
    }
    if (chinese_first != NULL)
        *chinese_first = pairing.chinese_first;
    tme_pairing_free(&pairing);
    tme_paragraphs_free(&paragraphs);
    tme_text_free(&text);
    return out;
}

static void check_case(const char *article_path, const char *gold_path, int expect_chinese_first)
{
    size_t len;
    char *article = tme_test_read_file(tme_test_source_path(article_path), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(article);
    char *gold = tme_test_read_file(tme_test_source_path(gold_path), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gold);
    int chinese_first = -1;
    char *got = pair_article(article, len, &chinese_first);
    CU_ASSERT_STRING_EQUAL(got, gold);
    if (strcmp(got, gold) != 0)
        fprintf(stderr, "\n%s: pairing differs from %s\n", article_path, gold_path);
    CU_ASSERT_EQUAL(chinese_first, expect_chinese_first);
    free(got);
    free(gold);
    free(article);
}

static void test_sample_english_first(void)
{
    check_case("samples/deepseek-bilingual.txt", "samples/deepseek-bilingual.gold-paragraphs.tsv",
               0);
}

static void test_un_charter(void)
{
    check_case("samples/un-charter-ch1-3/article.txt",
               "samples/un-charter-ch1-3/gold_paragraphs.tsv", 0);
}

static void test_un_charter_chinese_first(void)
{
    check_case("samples/un-charter-ch1-3-zh-first/article.txt",
               "samples/un-charter-ch1-3-zh-first/gold_paragraphs.tsv", 1);
}

static void test_kubernetes_docs(void)
{
    check_case("samples/k8s-docs-overview/article.txt",
               "samples/k8s-docs-overview/gold_paragraphs.tsv", 0);
}

static void test_kubernetes_blog(void)
{
    check_case("samples/k8s-blog-dont-panic/article.txt",
               "samples/k8s-blog-dont-panic/gold_paragraphs.tsv", 0);
}

static void test_python_tutorial(void)
{
    check_case("samples/python-tutorial-appetite/article.txt",
               "samples/python-tutorial-appetite/gold_paragraphs.tsv", 0);
}

typedef enum { LAYOUT_ZH_FIRST, LAYOUT_HALVES } layout;

/* Builds an article from gold pairs in another layout, with a Chinese title
 * and nav line on top, an English caption in the middle and a footer. */
static char *relayout(const char *gold, layout how, size_t *len)
{
    size_t cap = strlen(gold) * 2 + 4096, n = 0;
    char *out = malloc(cap);
    n += (size_t)snprintf(out + n, cap - n,
                          "双语阅读\n\n首页 > 双语新闻 > 科技\n\n"
                          "Photo: a data centre at night, by a staff photographer\n\n");
    char *copy = strdup(gold);
    char *english[256], *chinese[256];
    size_t pairs = 0;
    for (char *line = strtok(copy, "\n"); line != NULL && pairs < 256; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        *tab = '\0';
        english[pairs] = line;
        chinese[pairs] = tab + 1;
        pairs++;
    }
    if (how == LAYOUT_ZH_FIRST) {
        for (size_t k = 0; k < pairs; k++)
            n += (size_t)snprintf(out + n, cap - n, "%s\n\n%s\n\n", chinese[k], english[k]);
    } else {
        for (size_t k = 0; k < pairs; k++)
            n += (size_t)snprintf(out + n, cap - n, "%s\n\n", english[k]);
        n += (size_t)snprintf(out + n, cap - n, "——————  中文译文  ——————\n\n");
        for (size_t k = 0; k < pairs; k++)
            n += (size_t)snprintf(out + n, cap - n, "%s\n\n", chinese[k]);
    }
    n += (size_t)snprintf(out + n, cap - n, "返回顶部\n\n版权所有，转载请注明出处。\n");
    free(copy);
    *len = n;
    return out;
}

static void check_relayout(const char *gold_path, layout how)
{
    char *gold = tme_test_read_file(tme_test_source_path(gold_path), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gold);
    size_t len;
    char *article = relayout(gold, how, &len);
    char *got = pair_article(article, len, NULL);
    CU_ASSERT_STRING_EQUAL(got, gold);
    free(got);
    free(article);
    free(gold);
}

static void test_sample_chinese_first(void)
{
    check_relayout("samples/deepseek-bilingual.gold-paragraphs.tsv", LAYOUT_ZH_FIRST);
}

static void test_sample_halves(void)
{
    check_relayout("samples/deepseek-bilingual.gold-paragraphs.tsv", LAYOUT_HALVES);
}

static void test_kubernetes_halves(void)
{
    check_relayout("samples/k8s-blog-dont-panic/gold_paragraphs.tsv", LAYOUT_HALVES);
}

static void test_un_charter_halves(void)
{
    /* Headings such as "Article 3" / "第三条" carry no evidence but their place. */
    check_relayout("samples/un-charter-ch1-3/gold_paragraphs.tsv", LAYOUT_HALVES);
}

static void test_navigation_stays_unpaired(void)
{
    /* Widgets and breadcrumbs beside each other look like a short pair. */
    const char *article = "Share: Facebook · Twitter · WeChat\n\n订阅我们的新闻通讯\n\n"
                          "Home > News > World\n\n首页 > 新闻 > 国际\n\n"
                          "Share this article\n\n分享到： 微信 微博 QQ空间\n\n"
                          "It was a good day for the markets.\n\n那是股市的好日子。\n";
    char *got = pair_article(article, strlen(article), NULL);
    CU_ASSERT_STRING_EQUAL(got, "It was a good day for the markets.\t那是股市的好日子。\n");
    free(got);
}

static void test_links_menus_and_notes_stay_unpaired(void)
{
    /* Each of these sits where a pair would, of a plausible length: a URL
     * line beside a menu of middle-dotted items, two contact lines, rows of
     * menu words set apart by spaces, an editor's note in full-width
     * brackets beside a prose line. Without a lexicon: the rules alone. */
    const char *article =
        "Home  Blog  Docs  Community\n\n"
        "\xE9\xA6\x96\xE9\xA1\xB5  \xE5\x8D\x9A\xE5\xAE\xA2  " /* 首页  博客 */
        "\xE6\x96\x87\xE6\xA1\xA3\n\n"                         /* 文档 */
        "It was a good day for the markets.\n\n"
        "\xE9\x82\xA3\xE6\x98\xAF\xE8\x82\xA1\xE5\xB8\x82\xE7\x9A\x84" /* 那是股市的 */
        "\xE5\xA5\xBD\xE6\x97\xA5\xE5\xAD\x90\xE3\x80\x82\n\n"         /* 好日子。 */
        "http://example.info/\n\n"
        "\xE5\x9C\xA8\xE7\xBA\xBF\xE9\x98\x85\xE8\xAF\xBB\xC2\xB7"     /* 在线阅读· */
        "\xE8\xB4\xAD\xE4\xB9\xB0\xC2\xB7\xE6\x8D\x90\xE5\x8A\xA9\n\n" /* 购买·捐助 */
        "Questions? Write to editor@example.info\n\n"
        "\xE8\x81\x94\xE7\xB3\xBB\xE6\x88\x91\xE4\xBB\xAC\xEF\xBC\x9A" /* 联系我们： */
        "contact@example.cn\n\n"
        "Originally published on the blog in 2020.\n\n"
        "\xEF\xBC\x88\xE6\x9C\xAC\xE6\x96\x87\xE4\xB8\xBA\xE8\x8A\x82" /* （本文为节 */
        "\xE9\x80\x89\xE3\x80\x82\xEF\xBC\x89\n";                      /* 选。） */
    const char *want = "It was a good day for the markets.\t"
                       "\xE9\x82\xA3\xE6\x98\xAF\xE8\x82\xA1\xE5\xB8\x82\xE7\x9A\x84"
                       "\xE5\xA5\xBD\xE6\x97\xA5\xE5\xAD\x90\xE3\x80\x82\n";
    char *got = pair_article(article, strlen(article), NULL);
    CU_ASSERT_STRING_EQUAL(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\npaired:\n%s", got);
    free(got);
}

static void test_no_chinese_gives_no_pairs(void)
{
    const char *article = "Only English here.\n\nAnd another paragraph.\n";
    char *got = pair_article(article, strlen(article), NULL);
    CU_ASSERT_STRING_EQUAL(got, "");
    free(got);
}

/* Many paragraphs: the banded search must stay linear. 20,000 pairs with an
 * unpaired caption every 50 pairs. */
static void test_many_paragraphs(void)
{
    size_t pairs = 20000, cap = pairs * 200, n = 0;
    char *article = malloc(cap);
    for (size_t k = 0; k < pairs; k++) {
        n += (size_t)snprintf(article + n, cap - n,
                              "Paragraph %zu says that the committee met on Monday.\n\n"
                              "第%zu段说，委员会周一开会。\n\n",
                              k + 10, k + 10);
        if (k % 50 == 0)
            n += (size_t)snprintf(article + n, cap - n, "图片说明：会议现场。\n\n");
    }
    char *got = pair_article(article, n, NULL);
    size_t lines = 0;
    for (const char *p = got; *p; p++)
        lines += *p == '\n';
    CU_ASSERT_EQUAL(lines, pairs);
    CU_ASSERT_PTR_NOT_NULL(strstr(got, "Paragraph 20009 says that the committee met on "
                                       "Monday.\t第20009段说，委员会周一开会。\n"));
    free(got);
    free(article);
}

/* The article's pairing lexicon, its paragraphs read as pairing reads
 * them; 0 when the article has no paragraph of either language. */
static int read_pairing_lexicon(const char *path, tme_pairing_lexicon *pl)
{
    size_t len;
    char *text = tme_test_read_file(tme_test_source_path(path), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tme_paragraphs paragraphs;
    CU_ASSERT_EQUAL_FATAL(tme_split_paragraphs(text, len, &paragraphs, NULL), TME_OK);
    memset(pl, 0, sizeof *pl);
    tme_features_scratch scratch = {0};
    tme_error err;
    tme_error_clear(&err);
    for (size_t k = 0; k < paragraphs.count; k++) {
        const tme_paragraph *p = &paragraphs.items[k];
        if (p->script != TME_SCRIPT_LATIN && p->script != TME_SCRIPT_HAN)
            continue;
        tme_lang lang = p->script == TME_SCRIPT_HAN ? TME_LANG_ZH : TME_LANG_EN;
        tme_features f = {0};
        CU_ASSERT_EQUAL_FATAL(
            tme_features_of_paragraph(p->text, p->len, lang, tme_test_cedict(), &scratch, &f, &err),
            TME_OK);
        CU_ASSERT_EQUAL_FATAL(tme_pairing_lexicon_add(pl, &f, &err), TME_OK);
        tme_features_free(&f);
    }
    tme_features_scratch_free(&scratch);
    tme_paragraphs_free(&paragraphs);
    free(text);
    CU_ASSERT_EQUAL_FATAL(tme_pairing_lexicon_finish(pl, &err), TME_OK);
    return pl->ready;
}

/* The model's tables of masks give every pair of paragraphs of the
 * sample articles the masks the model makes test by test without them
 * (the same model, its tables dropped), and so the same evidence to the
 * bit. */
static void test_pairing_masks_are_the_models(void)
{
    const char *articles[] = {"samples/deepseek-bilingual.txt",
                              "samples/un-charter-ch1-3/article.txt",
                              "samples/k8s-docs-overview/article.txt",
                              "samples/python-tutorial-appetite/article.txt",
                              "samples/k8s-blog-dont-panic/article.txt",
                              "samples/python-tutorial-classes-zh-tw/article.txt"};
    size_t pairs = 0, found = 0;
    for (size_t a = 0; a < sizeof articles / sizeof articles[0]; a++) {
        tme_pairing_lexicon pl;
        CU_ASSERT_FATAL(read_pairing_lexicon(articles[a], &pl));
        CU_ASSERT_PTR_NOT_NULL(pl.lexical.bits.en_found);
        CU_ASSERT_PTR_NOT_NULL(pl.lexical.bits.zh_covered);
        tme_lexical plain = pl.lexical; /* shares the arrays; freed with pl */
        plain.bits.en_found = plain.bits.zh_covered = NULL;
        for (size_t i = 0; i < pl.en.n_sentences; i++)
            for (size_t j = 0; j < pl.zh.n_sentences; j++) {
                uint64_t en_want = tme_lexical_en_mask(&plain, i, j);
                uint64_t zh_want = tme_lexical_zh_mask(&plain, j, i);
                CU_ASSERT_EQUAL(tme_lexical_en_mask(&pl.lexical, i, j), en_want);
                CU_ASSERT_EQUAL(tme_lexical_zh_mask(&pl.lexical, j, i), zh_want);
                double want = tme_lexical_evidence(&plain.en_tests, i, en_want, 1) +
                              tme_lexical_evidence(&plain.zh_tests, j, zh_want, 1);
                double got = tme_pairing_lexical_evidence(&pl, i, j);
                CU_ASSERT(memcmp(&got, &want, sizeof got) == 0);
                found += (en_want | zh_want) != 0;
                pairs++;
            }
        tme_pairing_lexicon_free(&pl);
    }
    CU_ASSERT(pairs > 5000);
    CU_ASSERT(found > pairs / 10);
    tme_test_cedict_free();
}

static CU_TestInfo tests[] = {
    {"sample, English first", test_sample_english_first},
    {"UN Charter", test_un_charter},
    {"UN Charter, Chinese first", test_un_charter_chinese_first},
    {"Kubernetes docs", test_kubernetes_docs},
    {"Kubernetes blog", test_kubernetes_blog},
    {"Python tutorial", test_python_tutorial},
    {"sample relaid Chinese first", test_sample_chinese_first},
    {"sample relaid as halves", test_sample_halves},
    {"Kubernetes blog relaid as halves", test_kubernetes_halves},
    {"UN Charter relaid as halves", test_un_charter_halves},
    {"navigation stays unpaired", test_navigation_stays_unpaired},
    {"links, dotted and spaced menus, notes in brackets stay unpaired",
     test_links_menus_and_notes_stay_unpaired},
    {"no Chinese gives no pairs", test_no_chinese_gives_no_pairs},
    {"20,000 pairs", test_many_paragraphs},
    {"the pairing's masks are the model's", test_pairing_masks_are_the_models},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("pairing", tests);
}
