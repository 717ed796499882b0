/* SPDX-License-Identifier: MIT */
/* Text layouts (issue 12): layout detection, English and Chinese split apart
 * where they share a line, and never where one only quotes the other; the
 * sample in other layouts gives the same units byte for byte; --layout;
 * --parallel documents. Gold scoring of every fixture is eval-samples.sh. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paragraph.h"
#include "test_support.h"

#define SAMPLE_GOLDEN "samples/expected/deepseek-bilingual.tsv"

static const char *dir;

static const char *at(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return at(15, "stderr.txt");
}

static int stderr_says(const char *needle)
{
    char *text = tme_test_read_file(stderr_path(), NULL);
    int found = text != NULL && strstr(text, needle) != NULL;
    if (!found)
        fprintf(stderr, "\nstderr lacks '%s': %s\n", needle, text ? text : "(none)");
    free(text);
    return found;
}

/* The paragraphs of text, bilingual ones split, as "|"-joined texts. */
static char *paragraphs_of(const char *text, tme_layout layout)
{
    tme_paragraphs ps;
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tme_split_paragraphs_as(text, strlen(text), layout, NULL, &ps, &err),
                          TME_OK);
    size_t added;
    CU_ASSERT_EQUAL_FATAL(tme_split_bilingual(&ps, &added, &err), TME_OK);
    size_t total = 1;
    for (size_t k = 0; k < ps.count; k++)
        total += ps.items[k].len + 1;
    char *out = calloc(1, total);
    for (size_t k = 0; k < ps.count; k++) {
        if (k > 0)
            strcat(out, "|");
        strncat(out, ps.items[k].text, ps.items[k].len);
    }
    tme_paragraphs_free(&ps);
    return out;
}

static void check_paragraphs(const char *text, tme_layout layout, const char *want)
{
    char *got = paragraphs_of(text, layout);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "\n  text: %s\n  want: %s\n  got:  %s\n", text, want, got);
    CU_ASSERT_STRING_EQUAL(got, want);
    free(got);
}

static void test_wrapped_text_is_blocks(void)
{
    const char *wrapped = "The news that the Chinese start-up DeepSeek can build artificial\n"
                          "intelligence models that are as good as OpenAI's, and at a fraction\n"
                          "of the cost, tanked the stock market on Monday.\n"
                          "\n"
                          "Another paragraph that is long enough to be wrapped at the same\n"
                          "width as the first one, which it is, and ends here.\n";
    CU_ASSERT_EQUAL(tme_detect_layout(wrapped, strlen(wrapped)), TME_LAYOUT_BLOCKS);
    /* A wrapped Chinese paragraph joins without spaces. */
    check_paragraphs("\xe4\xb8\xad\xe5\x9b\xbd\xe5\x88\x9d\xe5\x88\x9b\n" /* 中国初创 */
                     "\xe5\x85\xac\xe5\x8f\xb8\xe3\x80\x82\n",            /* 公司。 */
                     TME_LAYOUT_AUTO,
                     "\xe4\xb8\xad\xe5\x9b\xbd\xe5\x88\x9d\xe5\x88\x9b\xe5\x85\xac\xe5\x8f\xb8"
                     "\xe3\x80\x82");
}

static void test_one_paragraph_a_line_is_lines(void)
{
    const char *lines =
        "Inside China, it was called the tipping point for the global technological rivalry "
        "with the United States and the darkest hour in Silicon Valley.\n"
        "It was possibly a breakthrough that could change the country's destiny, some said, and "
        "many more agreed on social media that evening.\n"
        "Overview\n"
        "The claim about DeepSeek's success was viewed in China as a shot in the arm for a "
        "discouraged tech industry.\n";
    CU_ASSERT_EQUAL(tme_detect_layout(lines, strlen(lines)), TME_LAYOUT_LINES);
}

static void test_a_translation_on_the_next_line_is_its_own_paragraph(void)
{
    /* Blocks: an English line never joins the Chinese line after it. */
    check_paragraphs("The news tanked the market.\n"
                     "\xe5\x91\xa8\xe4\xb8\x80\xef\xbc\x8c\xe8\x82\xa1\xe5\xb8\x82\xe6\x9a\xb4"
                     "\xe8\xb7\x8c\xe3\x80\x82\n", /* 周一，股市暴跌。 */
                     TME_LAYOUT_BLOCKS,
                     "The news tanked the market.|"
                     "\xe5\x91\xa8\xe4\xb8\x80\xef\xbc\x8c\xe8\x82\xa1\xe5\xb8\x82\xe6\x9a\xb4"
                     "\xe8\xb7\x8c\xe3\x80\x82");
}

static void test_english_and_chinese_on_one_line_are_split(void)
{
    /* The example: "The news tanked the market. 周一，这个消息令股市暴跌。" */
    check_paragraphs("The news tanked the market. "
                     "\xe5\x91\xa8\xe4\xb8\x80\xef\xbc\x8c\xe8\xbf\x99\xe4\xb8\xaa\xe6\xb6\x88"
                     "\xe6\x81\xaf\xe4\xbb\xa4\xe8\x82\xa1\xe5\xb8\x82\xe6\x9a\xb4\xe8\xb7\x8c"
                     "\xe3\x80\x82\n",
                     TME_LAYOUT_AUTO,
                     "The news tanked the market.|"
                     "\xe5\x91\xa8\xe4\xb8\x80\xef\xbc\x8c\xe8\xbf\x99\xe4\xb8\xaa\xe6\xb6\x88"
                     "\xe6\x81\xaf\xe4\xbb\xa4\xe8\x82\xa1\xe5\xb8\x82\xe6\x9a\xb4\xe8\xb7\x8c"
                     "\xe3\x80\x82");
    /* Chinese first, and a Chinese sentence that begins with a name:
     * "DeepSeek也不是唯一一家。It is not the only one." */
    check_paragraphs("DeepSeek\xe4\xb9\x9f\xe4\xb8\x8d\xe6\x98\xaf\xe5\x94\xaf\xe4\xb8\x80\xe4\xb8"
                     "\x80\xe5\xae\xb6\xe3\x80\x82It is not the only one.\n",
                     TME_LAYOUT_AUTO,
                     "DeepSeek\xe4\xb9\x9f\xe4\xb8\x8d\xe6\x98\xaf\xe5\x94\xaf\xe4\xb8\x80\xe4\xb8"
                     "\x80\xe5\xae\xb6\xe3\x80\x82|It is not the only one.");
    /* A heading and its translation: "Overview 概述". */
    check_paragraphs("Overview \xe6\xa6\x82\xe8\xbf\xb0\n", TME_LAYOUT_AUTO,
                     "Overview|\xe6\xa6\x82\xe8\xbf\xb0");
}

static void test_quotes_of_the_other_script_stay_whole(void)
{
    /* 改变国运的突破?DeepSeek引爆中国社交媒体 */
    const char *title = "\xe6\x94\xb9\xe5\x8f\x98\xe5\x9b\xbd\xe8\xbf\x90\xe7\x9a\x84\xe7\xaa\x81"
                        "\xe7\xa0\xb4?DeepSeek\xe5\xbc\x95\xe7\x88\x86\xe4\xb8\xad\xe5\x9b\xbd"
                        "\xe7\xa4\xbe\xe4\xba\xa4\xe5\xaa\x92\xe4\xbd\x93";
    check_paragraphs(title, TME_LAYOUT_AUTO, title);
    /* 在我的《人工智能超级大国》(AI Superpowers)一书中，我预测美国将引领突破。 */
    const char *book =
        "\xe5\x9c\xa8\xe6\x88\x91\xe7\x9a\x84\xe3\x80\x8a\xe4\xba\xba\xe5\xb7\xa5\xe6\x99\xba"
        "\xe8\x83\xbd\xe8\xb6\x85\xe7\xba\xa7\xe5\xa4\xa7\xe5\x9b\xbd\xe3\x80\x8b(AI "
        "Superpowers)\xe4\xb8\x80\xe4\xb9\xa6\xe4\xb8\xad\xef\xbc\x8c\xe6\x88\x91\xe9\xa2\x84"
        "\xe6\xb5\x8b\xe7\xbe\x8e\xe5\x9b\xbd\xe5\xb0\x86\xe5\xbc\x95\xe9\xa2\x86\xe7\xaa\x81"
        "\xe7\xa0\xb4\xe3\x80\x82";
    check_paragraphs(book, TME_LAYOUT_AUTO, book);
    /* An English paragraph quoting “国运”, and one sentence that is all the
     * quote: "It was “国运”. The phrase spread." */
    const char *quote =
        "People called it \xe2\x80\x9c\xe5\x9b\xbd\xe8\xbf\x90\xe2\x80\x9d, the "
        "nation's destiny. It was \xe2\x80\x9c\xe5\x9b\xbd\xe8\xbf\x90\xe2\x80\x9d. "
        "The phrase spread.";
    check_paragraphs(quote, TME_LAYOUT_AUTO, quote);
    /* A Chinese caption with its photo credit: the credit is no sentence.
     * 这一消息让硅谷陷入恐慌。 Violeta Santos Moura/Reuters */
    const char *caption = "\xe8\xbf\x99\xe4\xb8\x80\xe6\xb6\x88\xe6\x81\xaf\xe8\xae\xa9\xe7\xa1\x85"
                          "\xe8\xb0\xb7\xe9\x99\xb7\xe5\x85\xa5\xe6\x81\x90\xe6\x85\x8c\xe3\x80\x82"
                          " Violeta Santos Moura/Reuters";
    check_paragraphs(caption, TME_LAYOUT_AUTO, caption);
    /* A heading with its English term as a gloss: 繼承 (Inheritance). */
    const char *gloss = "\xe7\xb9\xbc\xe6\x89\xbf (Inheritance)";
    check_paragraphs(gloss, TME_LAYOUT_AUTO, gloss);
    /* A Chinese sentence that ends quoting English:
     * 會回傳說明字串 (docstring)："A simple example class"。 */
    const char *ends_quoting =
        "\xe6\x9c\x83\xe5\x9b\x9e\xe5\x82\xb3\xe8\xaa\xaa\xe6\x98\x8e\xe5\xad\x97"
        "\xe4\xb8\xb2 (docstring)\xef\xbc\x9a\"A simple example class\"\xe3\x80\x82";
    check_paragraphs(ends_quoting, TME_LAYOUT_AUTO, ends_quoting);
}

static void test_legal_list_items_on_one_line_are_split(void)
{
    /* An item ending "; and" and its translation, then the last item:
     * "... or religion; and 3. 促成国际合作。" and "4. ... ends. 4. 构成..." */
    check_paragraphs("3. To achieve co-operation without distinction as to race, sex, "
                     "language, or religion; and 3. "
                     "\xe4\xbf\x83\xe6\x88\x90\xe5\x9b\xbd\xe9\x99\x85\xe5\x90\x88"
                     "\xe4\xbd\x9c\xe3\x80\x82\n",
                     TME_LAYOUT_AUTO,
                     "3. To achieve co-operation without distinction as to race, sex, "
                     "language, or religion; and|3. "
                     "\xe4\xbf\x83\xe6\x88\x90\xe5\x9b\xbd\xe9\x99\x85\xe5\x90\x88"
                     "\xe4\xbd\x9c\xe3\x80\x82");
}

static void test_names_of_the_chinese_make_no_heading(void)
{
    /* "Kubernetes 博客" is a Chinese heading when the Chinese of the page
     * uses the name: 你可以使用 Kubernetes 描述容器。 */
    check_paragraphs("Kubernetes \xe5\x8d\x9a\xe5\xae\xa2\n\n"
                     "\xe4\xbd\xa0\xe5\x8f\xaf\xe4\xbb\xa5\xe4\xbd\xbf\xe7\x94\xa8 Kubernetes "
                     "\xe6\x8f\x8f\xe8\xbf\xb0\xe5\xae\xb9\xe5\x99\xa8\xe3\x80\x82\n",
                     TME_LAYOUT_AUTO,
                     "Kubernetes \xe5\x8d\x9a\xe5\xae\xa2|"
                     "\xe4\xbd\xa0\xe5\x8f\xaf\xe4\xbb\xa5\xe4\xbd\xbf\xe7\x94\xa8 Kubernetes "
                     "\xe6\x8f\x8f\xe8\xbf\xb0\xe5\xae\xb9\xe5\x99\xa8\xe3\x80\x82");
}

/* --- the sample in other layouts, end to end ------------------------------- */

static void check_layout_gives_the_golden_units(const char *layout)
{
    char fixture[256], out[64];
    snprintf(fixture, sizeof fixture, "samples/text-layouts/deepseek-bilingual.%s.txt", layout);
    snprintf(out, sizeof out, "%s.tsv", layout);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats '%s' -o '%s'",
                                      tme_test_source_path(fixture), at(0, out)),
                    0);
    CU_ASSERT(tme_test_same_file(at(0, out), tme_test_source_path(SAMPLE_GOLDEN)));
}

static void test_sample_one_paragraph_a_line_gives_the_same_54_units(void)
{
    check_layout_gives_the_golden_units("lines");
    CU_ASSERT(stderr_says("layout: lines 1"));
    CU_ASSERT(stderr_says("sentence pairs: 54"));
}

static void test_sample_on_one_line_gives_the_same_54_units(void)
{
    check_layout_gives_the_golden_units("oneline");
    CU_ASSERT(stderr_says("paragraphs cut where English and Chinese meet: 35"));
}

static void test_sample_sentence_interleaved_gives_the_same_54_units(void)
{
    check_layout_gives_the_golden_units("interleaved");
}

static void test_layout_option_overrides_the_detection(void)
{
    const char *wrapped =
        tme_test_source_path("samples/text-layouts/k8s-blog-dont-panic.wrapped.txt");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats --layout lines '%s' -o '%s'",
                                      wrapped, at(0, "forced.tsv")),
                    0);
    CU_ASSERT(stderr_says("layout: lines 1"));
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats '%s' -o '%s'", wrapped,
                                      at(1, "detected.tsv")),
                    0);
    CU_ASSERT(stderr_says("layout: blocks 1"));
    /* Read as one paragraph a line, the wrapped text loses its pairs. */
    CU_ASSERT(!tme_test_same_file(at(0, "forced.tsv"), at(1, "detected.tsv")));
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --layout columns '%s'", wrapped), 2);
    CU_ASSERT(stderr_says("--layout wants auto|blocks|lines"));
}

/* --- parallel documents ------------------------------------------------------- */

static void test_parallel_trees_lists_and_files_agree(void)
{
    const char *en = tme_test_source_path("samples/parallel/en");
    char en_dir[4096];
    snprintf(en_dir, sizeof en_dir, "%s", en);
    const char *zh = tme_test_source_path("samples/parallel/zh");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --parallel '%s' '%s' -o '%s'", en_dir,
                                      zh, at(0, "trees.tsv")),
                    0);
    CU_ASSERT(stderr_says("only-in-english.txt"));
    CU_ASSERT(stderr_says("no counterpart"));
    /* The list names its pairs relative to the source tree. */
    char cwd[4096];
    CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof cwd));
    CU_ASSERT_EQUAL(tme_test_shell("cd '%s' && '%s' extract -q --parallel "
                                   "@samples/parallel/pairs.list -o '%s/%s'",
                                   TME_SOURCE_DIR, TME_BINARY, cwd, at(1, "list.tsv")),
                    0);
    CU_ASSERT(tme_test_same_file(at(0, "trees.tsv"), at(1, "list.tsv")));
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_path(),
                          "extract -q --parallel '%s/k8s-docs-overview.txt' "
                          "'%s/k8s-docs-overview.txt' '%s/python-tutorial-appetite.txt' "
                          "'%s/python-tutorial-appetite.txt' -o '%s'",
                          en_dir, zh, en_dir, zh, at(2, "files.tsv")),
        0);
    CU_ASSERT(tme_test_same_file(at(0, "trees.tsv"), at(2, "files.tsv")));
}

static void test_parallel_mistakes_are_usage_errors(void)
{
    const char *en = tme_test_source_path("samples/parallel/en/k8s-docs-overview.txt");
    char en_file[4096];
    snprintf(en_file, sizeof en_file, "%s", en);
    const char *zh_dir = tme_test_source_path("samples/parallel/zh");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --parallel '%s'", en_file), 2);
    CU_ASSERT(stderr_says("in pairs"));
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_path(), "extract --parallel '%s' '%s'", en_file, zh_dir), 2);
    CU_ASSERT(stderr_says("two files or two directories"));
    /* TSV pairs are not an article a translation could be paired with. */
    const char *pairs = at(3, "pairs.tsv");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_write_file(pairs, "Hello.\t\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\n", 17), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract --input-format tsv-pairs --parallel '%s' '%s'",
                                      pairs, pairs),
                    2);
    CU_ASSERT(stderr_says("reads articles"));
}

int main(void)
{
    dir = tme_test_scratch_dir("layouts");
    if (dir == NULL)
        return 2;
    CU_TestInfo tests[] = {
        {"wrapped text is blocks", test_wrapped_text_is_blocks},
        {"one paragraph a line is lines", test_one_paragraph_a_line_is_lines},
        {"a translation on the next line is its own paragraph",
         test_a_translation_on_the_next_line_is_its_own_paragraph},
        {"English and Chinese on one line are split",
         test_english_and_chinese_on_one_line_are_split},
        {"quotes of the other script stay whole", test_quotes_of_the_other_script_stay_whole},
        {"names of the Chinese make no heading", test_names_of_the_chinese_make_no_heading},
        {"legal list items on one line are split", test_legal_list_items_on_one_line_are_split},
        {"sample, one paragraph a line: the same 54 units",
         test_sample_one_paragraph_a_line_gives_the_same_54_units},
        {"sample, on one line: the same 54 units", test_sample_on_one_line_gives_the_same_54_units},
        {"sample, sentence-interleaved: the same 54 units",
         test_sample_sentence_interleaved_gives_the_same_54_units},
        {"--layout overrides the detection", test_layout_option_overrides_the_detection},
        {"parallel trees, lists and files agree", test_parallel_trees_lists_and_files_agree},
        {"parallel mistakes are usage errors", test_parallel_mistakes_are_usage_errors},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("layouts", tests);
}
