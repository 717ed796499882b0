/* SPDX-License-Identifier: MIT */
/* Sentence segmentation: one table of cases per rule family, each case a
 * paragraph and its expected sentences separated by newlines. */
#include "segment.h"
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const char *name;
    const char *text;
    const char *expected; /* sentences joined by '\n'; "" for none */
} seg_case;

/* The sentences as the text between the spans, joined by '\n'; malloc'd. */
static char *joined_sentences(const char *text, const tme_span *spans, size_t count)
{
    size_t total = 1;
    for (size_t i = 0; i < count; i++)
        total += spans[i].end - spans[i].start + 1;
    char *out = malloc(total), *p = out;
    if (out == NULL)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            *p++ = '\n';
        memcpy(p, text + spans[i].start, spans[i].end - spans[i].start);
        p += spans[i].end - spans[i].start;
    }
    *p = '\0';
    return out;
}

static void check_cases(const seg_case *cases, size_t n, tme_lang lang)
{
    for (size_t i = 0; i < n; i++) {
        const seg_case *c = &cases[i];
        tme_span *spans = NULL;
        size_t count = 0;
        tme_error err = {TME_OK, ""};
        tme_status rc = tme_segment(c->text, strlen(c->text), lang, &spans, &count, &err);
        CU_ASSERT_EQUAL_FATAL(rc, TME_OK);
        int ordered = 1;
        for (size_t j = 0; j < count; j++)
            if (spans[j].start >= spans[j].end || spans[j].end > strlen(c->text) ||
                (j > 0 && spans[j].start < spans[j - 1].end))
                ordered = 0;
        CU_ASSERT(ordered);
        char *got = joined_sentences(c->text, spans, count);
        CU_ASSERT_PTR_NOT_NULL_FATAL(got);
        if (got == NULL) /* unreachable; tells gcc's -Wformat-truncation so */
            continue;
        char message[1024];
        snprintf(message, sizeof message, "%s: got [%s] expected [%s]", c->name, got, c->expected);
        CU_assertImplementation(strcmp(got, c->expected) == 0 ? CU_TRUE : CU_FALSE, __LINE__,
                                message, __FILE__, "", CU_FALSE);
        free(got);
        free(spans);
    }
}

#define CHECK(table, lang) check_cases(table, sizeof table / sizeof table[0], lang)

static void test_english_terminators(void)
{
    static const seg_case cases[] = {
        {"full stop", "Hello World. My name is Jonas.", "Hello World.\nMy name is Jonas."},
        {"question mark", "What is your name? My name is Jonas.",
         "What is your name?\nMy name is Jonas."},
        {"exclamation mark", "There it is! I found it.", "There it is!\nI found it."},
        {"?! run", "Hello?! Is that you?", "Hello?!\nIs that you?"},
        {"!! run", "Hello!! Long time no see.", "Hello!!\nLong time no see."},
        {"unicode ellipsis ends a sentence", "He waited\xE2\x80\xA6 Nobody came.",
         "He waited\xE2\x80\xA6\nNobody came."},
        {"! inside a name", "She works at Yahoo! in the accounting department.",
         "She works at Yahoo! in the accounting department."},
        {"no space after the stop",
         "Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.",
         "Hello world.\nToday is Tuesday.\nMr. Smith bought 1,000.\nThat is a lot."},
        {"lower case after a stop", "The value is low. but it grows.",
         "The value is low. but it grows."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_titles(void)
{
    static const seg_case cases[] = {
        {"Mr. Mrs. Ms. Dr. Prof.",
         "Mr. Smith met Mrs. Jones, Ms. Lee, Dr. Brown and Prof. White. They talked.",
         "Mr. Smith met Mrs. Jones, Ms. Lee, Dr. Brown and Prof. White.\nThey talked."},
        {"Sen. Rep. Gov. Gen.",
         "Sen. Warren, Rep. Omar, Gov. Newsom and Gen. Milley spoke. It was long.",
         "Sen. Warren, Rep. Omar, Gov. Newsom and Gen. Milley spoke.\nIt was long."},
        {"St. before and after", "St. Michael's Church is on 5th st. near the light.",
         "St. Michael's Church is on 5th st. near the light."},
        {"title even before a starter word", "He greeted Dr. The Hon. Smith.",
         "He greeted Dr. The Hon. Smith."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_initialisms(void)
{
    static const seg_case cases[] = {
        {"U.S. U.K. U.N. E.U. inside",
         "The U.S. Government, the U.K. Treasury, the U.N. Council and the E.U. Commission met.",
         "The U.S. Government, the U.K. Treasury, the U.N. Council and the E.U. Commission met."},
        {"A.I. and Ph.D. inside", "A.I. models need Ph.D. graduates to build them.",
         "A.I. models need Ph.D. graduates to build them."},
        {"initialism before lower case", "I have lived in the U.S. for 20 years.",
         "I have lived in the U.S. for 20 years."},
        {"initialism ends a sentence before a starter",
         "It grew as fast as the U.S. The next year was different.",
         "It grew as fast as the U.S.\nThe next year was different."},
        {"initialism inside a quote before the attribution",
         "The policies \xE2\x80\x9Cmay backfire on the U.S.,\xE2\x80\x9D he wrote. It was read "
         "widely.",
         "The policies \xE2\x80\x9Cmay backfire on the U.S.,\xE2\x80\x9D he wrote.\nIt was read "
         "widely."},
        {"initialism at the end of a quotation",
         "He wrote that it would outpace the U.S.\xE2\x80\x9D Nobody answered.",
         "He wrote that it would outpace the U.S.\xE2\x80\x9D\nNobody answered."},
        {"a.m. opening a sentence, P.M. ending one",
         "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went "
         "home.",
         "At 5 a.m. Mr. Smith went to the bank.\nHe left the bank at 6 P.M.\nMr. Smith then went "
         "home."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_other_abbreviations(void)
{
    static const seg_case cases[] = {
        {"e.g. i.e. vs.", "Use tools, e.g. Hammers, i.e. Heavy ones, as in Apple vs. Google.",
         "Use tools, e.g. Hammers, i.e. Heavy ones, as in Apple vs. Google."},
        {"etc. inside and at the end",
         "Bring pens, paper, etc. and a bag. Bring food, drinks, etc. Then go.",
         "Bring pens, paper, etc. and a bag.\nBring food, drinks, etc.\nThen go."},
        {"Inc. Corp. Ltd. Co. inside",
         "Apple Inc. CEO Tim Cook met Acme Corp. and Foo Ltd. and Pitt & Co. at noon.",
         "Apple Inc. CEO Tim Cook met Acme Corp. and Foo Ltd. and Pitt & Co. at noon."},
        {"Co. ends a sentence", "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
         "They closed the deal with Pitt, Briggs & Co.\nIt closed yesterday."},
        {"Jr. Sr.", "Martin Luther King Jr. He spoke. Smith Sr. was there and JFK Jr.'s book too.",
         "Martin Luther King Jr.\nHe spoke.\nSmith Sr. was there and JFK Jr.'s book too."},
        {"months before numbers",
         "On Jan. 5 it snowed and in Sept. 2020 it rained. It was Dec. The end came.",
         "On Jan. 5 it snowed and in Sept. 2020 it rained.\nIt was Dec.\nThe end came."},
        {"No. before a number and as a word", "It was No. 5 on the list. No. That is wrong.",
         "It was No. 5 on the list.\nNo.\nThat is wrong."},
        {"page abbreviation", "Please turn to p. 55.", "Please turn to p. 55."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_initials(void)
{
    static const seg_case cases[] = {
        {"two initials", "J. K. Rowling wrote it. It sold well.",
         "J. K. Rowling wrote it.\nIt sold well."},
        {"middle initial", "My name is Jonas E. Smith.", "My name is Jonas E. Smith."},
        {"I as pronoun and as initial",
         "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
         "We make a good team, you and I.\nDid you see Albert I. Jones yesterday?"},
        {"a lower-case letter is a word, not an initial",
         "It is an attribute of the object z. Strictly speaking, it is.",
         "It is an attribute of the object z.\nStrictly speaking, it is."},
        {"an identifier with an underscore opens a sentence",
         "Change it by assignment. __doc__ is also an attribute.",
         "Change it by assignment.\n__doc__ is also an attribute."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_numbers_and_addresses(void)
{
    static const seg_case cases[] = {
        {"decimal inside", "It raised $3.5 million from 01.ai for v1.20 of the model. It grew.",
         "It raised $3.5 million from 01.ai for v1.20 of the model.\nIt grew."},
        {"number ends a sentence", "She has $100.00. It is in her bag.",
         "She has $100.00.\nIt is in her bag."},
        {"URL",
         "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it "
         "out.",
         "The site is: https://www.example.50.com/new-site/awesome_content.html.\nPlease check it "
         "out."},
        {"www address", "Go to www.Example.Com today. Then stop.",
         "Go to www.Example.Com today.\nThen stop."},
        {"e-mail", "Her email is Jane.Doe@example.com. I sent her an email.",
         "Her email is Jane.Doe@example.com.\nI sent her an email."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_ellipses(void)
{
    static const seg_case cases[] = {
        {"three dots inside",
         "I wasn't really ... well, what I mean...see . . . what I'm saying, the thing is . . . I "
         "didn't mean it.",
         "I wasn't really ... well, what I mean...see . . . what I'm saying, the thing is . . . I "
         "didn't mean it."},
        {"four dots end", "I never meant that.... She left the store.",
         "I never meant that....\nShe left the store."},
        {"spaced four dots end", "Then a period . . . . Next sentence.",
         "Then a period . . . .\nNext sentence."},
        {"ellipsis opens the next sentence",
         "It weakened . . . was combining words. . . . The practice was not abandoned. . . .",
         "It weakened . . . was combining words.\n. . . The practice was not abandoned. . . ."},
        {"bracketed ellipsis",
         "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
         "\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_closers(void)
{
    static const seg_case cases[] = {
        {"double quote then lower case", "She turned to him, \"This is great.\" she said.",
         "She turned to him, \"This is great.\" she said."},
        {"single quote then lower case", "She turned to him, 'This is great.' she said.",
         "She turned to him, 'This is great.' she said."},
        {"quote closes a sentence", "She turned to him, \"This is great.\" She held the book out.",
         "She turned to him, \"This is great.\"\nShe held the book out."},
        {"curly quotes",
         "\xE2\x80\x9CStop!\xE2\x80\x9D she cried. He said \xE2\x80\x9CGo.\xE2\x80\x9D Then he "
         "left.",
         "\xE2\x80\x9CStop!\xE2\x80\x9D she cried.\nHe said \xE2\x80\x9CGo.\xE2\x80\x9D\nThen he "
         "left."},
        {"quote opens the next sentence", "It was over. \xE2\x80\x9CWe won,\xE2\x80\x9D he said.",
         "It was over.\n\xE2\x80\x9CWe won,\xE2\x80\x9D he said."},
        {"parenthesis inside", "He teaches (He worked as an engineer.) at the University.",
         "He teaches (He worked as an engineer.) at the University."},
        {"parenthesis closes a sentence", "(This is inside.) Next one.",
         "(This is inside.)\nNext one."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_english_lists(void)
{
    static const seg_case cases[] = {
        {"numbered with stops", "1. The first item 2. The second item",
         "1. The first item\n2. The second item"},
        {"numbered with parentheses", "1) The first item. 2) The second item.",
         "1) The first item.\n2) The second item."},
        {"numbered with .)", "1.) The first item 2.) The second item",
         "1.) The first item\n2.) The second item"},
        {"alphabetical", "a. The first item b. The second item c. The third item",
         "a. The first item\nb. The second item\nc. The third item"},
        {"bullets", "\xE2\x80\xA2 9. The first item \xE2\x80\xA2 10. The second item",
         "\xE2\x80\xA2 9. The first item\n\xE2\x80\xA2 10. The second item"},
        {"enumerator of a lone item",
         "1. To maintain international peace and security, and to that end: to act.",
         "1. To maintain international peace and security, and to that end: to act."},
        {"numbers out of sequence are not items", "1. The first is Article 3. The rest follows.",
         "1. The first is Article 3.\nThe rest follows."},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_whitespace_and_bytes(void)
{
    static const seg_case cases[] = {
        {"surrounding spaces", " \t Hello there.   Bye. \t", "Hello there.\nBye."},
        {"no-break and ideographic spaces",
         "\xC2\xA0Hello there.\xC2\xA0\xC2\xA0"
         "Bye.\xE3\x80\x80",
         "Hello there.\nBye."},
        {"carriage return", "Hello there. Bye.\r", "Hello there.\nBye."},
        {"only whitespace", " \t\xC2\xA0\xE3\x80\x80 ", ""},
        {"empty", "", ""},
        {"invalid bytes are characters", "Bad \xFF\xFE bytes. Here \xC3 too.",
         "Bad \xFF\xFE bytes.\nHere \xC3 too."},
        {"no terminator", "A heading without a stop", "A heading without a stop"},
    };
    CHECK(cases, TME_LANG_EN);
}

static void test_chinese_terminators(void)
{
    static const seg_case cases[] = {
        {"full stop", "周怡安来自台中。她去年毕业。", "周怡安来自台中。\n她去年毕业。"},
        {"full-width ! and ?", "好吗？好！走吧。", "好吗？\n好！\n走吧。"},
        {"ASCII ? and !", "这是什么新精神?首先是勇气!然后是耐心。",
         "这是什么新精神?\n首先是勇气!\n然后是耐心。"},
        {"double ellipsis", "他想了想……然后走了。", "他想了想……\n然后走了。"},
        {"run of terminators", "真的吗？！当然。", "真的吗？！\n当然。"},
        {"；：， do not end", "第一，维持和平；第二：发展关系，增强合作。下一句。",
         "第一，维持和平；第二：发展关系，增强合作。\n下一句。"},
        {"Latin dots and numbers", "零一万物01.ai称成本增长3.5%以及1.6万枚。下一句。",
         "零一万物01.ai称成本增长3.5%以及1.6万枚。\n下一句。"},
        {"spaces between sentences", "第一句。 \xE3\x80\x80第二句。", "第一句。\n第二句。"},
    };
    CHECK(cases, TME_LANG_ZH);
}

static void test_chinese_closers(void)
{
    static const seg_case cases[] = {
        {"closing double quote", "他说：“我来了。”大家都笑了。", "他说：“我来了。”\n大家都笑了。"},
        {"closing single quote", "他说：“她说‘好。’”然后走了。", "他说：“她说‘好。’”\n然后走了。"},
        {"corner brackets", "他說：「我來了。」她說：『好！』大家笑了。",
         "他說：「我來了。」\n她說：『好！』\n大家笑了。"},
        {"full-width and ASCII parentheses", "这是例子（见附录。）另一个例子(见上文。)结束。",
         "这是例子（见附录。）\n另一个例子(见上文。)\n结束。"},
        {"an exclamation in an aside", "參照資料屬性（或其他 method！）是沒有簡寫的。我發現了。",
         "參照資料屬性（或其他 method！）是沒有簡寫的。\n我發現了。"},
        {"an aside that is the sentence", "（實際上，忘記是更好的方法！） 當然如此。",
         "（實際上，忘記是更好的方法！）\n當然如此。"},
        {"stray closing title mark", "第二章结束。》下一句。", "第二章结束。》\n下一句。"},
        {"straight quotes", "他说:\"我来了。\"大家都笑了。", "他说:\"我来了。\"\n大家都笑了。"},
        {"attribution stays with its quotation",
         "“DeepSeek,继续加油!”北京的一位微博用户写道。周一晚上很热闹。",
         "“DeepSeek,继续加油!”北京的一位微博用户写道。\n周一晚上很热闹。"},
        {"no attribution after a quotation", "“我们会继续努力。”他走了。",
         "“我们会继续努力。”\n他走了。"},
    };
    CHECK(cases, TME_LANG_ZH);
}

static void test_chinese_book_titles(void)
{
    static const seg_case cases[] = {
        {"! inside a book title", "我们明天一起去看《摔跤吧！爸爸》好吗？好！",
         "我们明天一起去看《摔跤吧！爸爸》好吗？\n好！"},
        {"? inside a chapter title", "他写了〈为什么？〉一文。它很有名。",
         "他写了〈为什么？〉一文。\n它很有名。"},
        {"title ending in a terminator", "他读了《论语。》然后睡觉。我也读了。",
         "他读了《论语。》然后睡觉。\n我也读了。"},
        {"unclosed title mark is ordinary", "他说《这不是书名。然后走了。",
         "他说《这不是书名。\n然后走了。"},
    };
    CHECK(cases, TME_LANG_ZH);
}

/* Builds a paragraph of n copies of unit; malloc'd, length in *len. */
static char *repeated(const char *unit, size_t n, size_t *len)
{
    size_t unit_len = strlen(unit);
    char *text = malloc(unit_len * n + 1);
    if (text == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        memcpy(text + i * unit_len, unit, unit_len);
    text[unit_len * n] = '\0';
    *len = unit_len * n;
    return text;
}

/* Linear time takes a tenth of a second here natively and about two seconds
 * under valgrind; a quadratic scan of a million characters takes minutes. */
#define MAX_SECONDS_PER_MILLION 5.0

static void check_long_input(const char *unit, size_t copies, tme_lang lang, size_t expected_count)
{
    size_t len = 0;
    char *text = repeated(unit, copies, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tme_span *spans = NULL;
    size_t count = 0;
    clock_t started = clock();
    tme_error err = {TME_OK, ""};
    tme_status rc = tme_segment(text, len, lang, &spans, &count, &err);
    double seconds = (double)(clock() - started) / CLOCKS_PER_SEC;
    CU_ASSERT_EQUAL(rc, TME_OK);
    CU_ASSERT_EQUAL(count, expected_count);
    CU_ASSERT(seconds < MAX_SECONDS_PER_MILLION);
    if (count > 0) {
        CU_ASSERT_EQUAL(spans[0].start, 0);
        CU_ASSERT_EQUAL(spans[count - 1].end, len - (unit[strlen(unit) - 1] == ' ' ? 1 : 0));
    }
    free(spans);
    free(text);
}

static void test_long_paragraphs(void)
{
    /* About a million characters each. */
    check_long_input("Mr. Smith went to the U.S. on Jan. 5 and paid $3.5 million. Did he? Yes... "
                     "he did! It was 01.ai. ",
                     10000, TME_LANG_EN, 40000);
    check_long_input("我们去看《摔跤吧！爸爸》好吗？好！价格为3.5%。“你好。”他说。", 30000,
                     TME_LANG_ZH, 120000);
    /* Degenerate paragraphs: one huge token of dots, of title marks. */
    check_long_input(".", 1000000, TME_LANG_EN, 1);
    check_long_input("《", 1000000, TME_LANG_ZH, 1);
}

static CU_TestInfo tests[] = {{"English terminators", test_english_terminators},
                              {"English titles", test_english_titles},
                              {"English initialisms", test_english_initialisms},
                              {"English other abbreviations", test_english_other_abbreviations},
                              {"English initials", test_english_initials},
                              {"English numbers and addresses", test_english_numbers_and_addresses},
                              {"English ellipses", test_english_ellipses},
                              {"English closers", test_english_closers},
                              {"English lists", test_english_lists},
                              {"whitespace and invalid bytes", test_whitespace_and_bytes},
                              {"Chinese terminators", test_chinese_terminators},
                              {"Chinese closers", test_chinese_closers},
                              {"Chinese book titles", test_chinese_book_titles},
                              {"long paragraphs", test_long_paragraphs},
                              CU_TEST_INFO_NULL};

int main(void)
{
    return tme_run_suite("segment", tests);
}
