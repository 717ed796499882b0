/* SPDX-License-Identifier: MIT */
/* Paragraph blocks and script classification. */
#include <string.h>

#include "paragraph.h"
#include "test_support.h"

static tme_paragraphs split(const char *text)
{
    tme_paragraphs p;
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tme_split_paragraphs(text, strlen(text), &p, &err), TME_OK);
    return p;
}

static void test_blocks_are_separated_by_blank_lines(void)
{
    tme_paragraphs p = split("\n\nFirst line.\n\n \t \n第二段。\n\n\n");
    CU_ASSERT_EQUAL_FATAL(p.count, 2);
    CU_ASSERT_STRING_EQUAL(p.items[0].text, "First line.");
    CU_ASSERT_EQUAL(p.items[0].line, 3);
    CU_ASSERT_STRING_EQUAL(p.items[1].text, "第二段。");
    CU_ASSERT_EQUAL(p.items[1].line, 6);
    tme_paragraphs_free(&p);
}

static void test_unicode_space_lines_are_blank(void)
{
    /* U+3000 and U+00A0 alone on a line separate paragraphs too. */
    tme_paragraphs p = split("One.\n\xE3\x80\x80\n二。\n\xC2\xA0\nThree.");
    CU_ASSERT_EQUAL(p.count, 3);
    tme_paragraphs_free(&p);
}

static void test_wrapped_lines_are_joined(void)
{
    tme_paragraphs p =
        split("An English paragraph\nwrapped over lines.\n\n中文段落被\n折行了，DeepSeek\n也在。");
    CU_ASSERT_EQUAL_FATAL(p.count, 2);
    CU_ASSERT_STRING_EQUAL(p.items[0].text, "An English paragraph wrapped over lines.");
    /* Han to Han joins without a space; Latin to Han keeps one. */
    CU_ASSERT_STRING_EQUAL(p.items[1].text, "中文段落被折行了，DeepSeek 也在。");
    tme_paragraphs_free(&p);
}

static void test_lines_are_trimmed(void)
{
    tme_paragraphs p = split("   padded text  \t\n");
    CU_ASSERT_EQUAL_FATAL(p.count, 1);
    CU_ASSERT_STRING_EQUAL(p.items[0].text, "padded text");
    tme_paragraphs_free(&p);
}

static tme_script classify(const char *text)
{
    return tme_classify_script(text, strlen(text), NULL, NULL);
}

static void test_classification(void)
{
    CU_ASSERT_EQUAL(classify("The news tanked the stock market on Monday."), TME_SCRIPT_LATIN);
    CU_ASSERT_EQUAL(classify("中国初创公司DeepSeek可以建立与OpenAI不相上下的模型。"),
                    TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(classify("在我的《人工智能超级大国》(AI Superpowers)一书中"), TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(classify("中華青年思想與行動的聚合地"), TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(
        classify("“如果DeepSeek真的像人们所说的那样卓越,”一个以“Xiaoming”为用户名的记者"),
        TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(classify("别慌: Kubernetes 和 Docker"), TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(classify("Kubernetes："), TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(
        classify("Xi Jinping (习近平) told the party congress that the economy was strong."),
        TME_SCRIPT_LATIN);
    CU_ASSERT_EQUAL(classify("Café société, naïve résumé."), TME_SCRIPT_LATIN);
    CU_ASSERT_EQUAL(classify("2025-02-05 12:30 — 1,204"), TME_SCRIPT_OTHER);
    CU_ASSERT_EQUAL(classify("★ ☆ ♥"), TME_SCRIPT_OTHER);
}

static void test_paragraphs_carry_their_script(void)
{
    tme_paragraphs p = split("English.\n\n中文。\n\n12345");
    CU_ASSERT_EQUAL_FATAL(p.count, 3);
    CU_ASSERT_EQUAL(p.items[0].script, TME_SCRIPT_LATIN);
    CU_ASSERT_EQUAL(p.items[1].script, TME_SCRIPT_HAN);
    CU_ASSERT_EQUAL(p.items[2].script, TME_SCRIPT_OTHER);
    tme_paragraphs_free(&p);
}

static CU_TestInfo tests[] = {
    {"blocks separated by blank lines", test_blocks_are_separated_by_blank_lines},
    {"Unicode-space lines are blank", test_unicode_space_lines_are_blank},
    {"wrapped lines are joined", test_wrapped_lines_are_joined},
    {"lines are trimmed", test_lines_are_trimmed},
    {"classification by script", test_classification},
    {"paragraphs carry their script", test_paragraphs_carry_their_script},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("paragraph", tests);
}
