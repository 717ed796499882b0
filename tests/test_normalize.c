/* SPDX-License-Identifier: MIT */
/* Suite for the normalizer: one table row per rule and per exception, the
 * statistics, the real samples, generated text for idempotence, linear time
 * on long lines, and the tmexport normalize subcommand. */
#include "normalize.h"
#include "test_support.h"

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

typedef struct {
    const char *name;
    tme_lang lang;
    int ascii_quotes;
    tme_cjk_space cjk_space;
    const char *input;
    const char *expected;
} norm_case;

#define EN(name, in, out)                                                                          \
    {                                                                                              \
        name, TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, in, out                                          \
    }
#define EN_ASCII_QUOTES(name, in, out)                                                             \
    {                                                                                              \
        name, TME_LANG_EN, 1, TME_CJK_SPACE_KEEP, in, out                                          \
    }
#define ZH(name, in, out)                                                                          \
    {                                                                                              \
        name, TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, in, out                                          \
    }
#define ZH_SPACE(mode, name, in, out)                                                              \
    {                                                                                              \
        name, TME_LANG_ZH, 0, mode, in, out                                                        \
    }

/* tme_normalize()'s result, or NULL when it failed (out of memory). */
static char *normalized(const char *text, size_t len, tme_lang lang,
                        const tme_norm_options *options, tme_norm_stats *stats)
{
    char *out = NULL;
    tme_error err = {TME_OK, ""};
    if (tme_normalize(text, len, lang, options, stats, &out, &err) != TME_OK) {
        CU_ASSERT_EQUAL(err.status, TME_ERR_NOMEM);
        return NULL;
    }
    CU_ASSERT_EQUAL(err.status, TME_OK);
    return out;
}

static char *normalize_with(tme_lang lang, int ascii_quotes, tme_cjk_space cjk_space,
                            const char *text, size_t len, tme_norm_stats *stats)
{
    tme_norm_options options = {ascii_quotes, cjk_space};
    return normalized(text, len, lang, &options, stats);
}

/* Checks each row and that its output is a fixed point; names the failing
 * rows on stderr, since CUnit only prints the assertion. */
static void run_cases(const norm_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const norm_case *c = &cases[i];
        char *out = normalize_with(c->lang, c->ascii_quotes, c->cjk_space, c->input,
                                   strlen(c->input), NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(out);
        bool matches = strcmp(out, c->expected) == 0;
        if (!matches)
            fprintf(stderr, "\n  case \"%s\": got [%s], want [%s]\n", c->name, out, c->expected);
        CU_ASSERT(matches);
        char *again =
            normalize_with(c->lang, c->ascii_quotes, c->cjk_space, out, strlen(out), NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(again);
        if (strcmp(again, out) != 0)
            fprintf(stderr, "\n  case \"%s\": not idempotent: [%s] -> [%s]\n", c->name, out, again);
        CU_ASSERT_STRING_EQUAL(again, out);
        free(again);
        free(out);
    }
}

#define RUN_CASES(table) run_cases(table, sizeof(table) / sizeof(table[0]))

/* ---- Both languages ---------------------------------------------------- */

static const norm_case common_cases[] = {
    EN("nfc composes e + acute", "Cafe\xcc\x81", "Caf\xc3\xa9"),
    ZH("nfc in chinese", "Cafe\xcc\x81咖啡", "Caf\xc3\xa9咖啡"),
    EN("nfc after a removed zero-width space", "e\xe2\x80\x8b\xcc\x81", "\xc3\xa9"),
    EN("zero-width space removed",
       "a\xe2\x80\x8b"
       "b",
       "ab"),
    EN("zero-width non-joiner and joiner removed",
       "a\xe2\x80\x8c"
       "b\xe2\x80\x8d"
       "c",
       "abc"),
    EN("word joiner removed",
       "a\xe2\x81\xa0"
       "b",
       "ab"),
    ZH("byte order mark removed", "\xef\xbb\xbf中文", "中文"),
    EN("soft hyphen removed",
       "co\xc2\xad"
       "operate",
       "cooperate"),
    EN("c0 controls and delete removed",
       "a\x01"
       "b\x1f"
       "c\x7f"
       "d",
       "abcd"),
    EN("c1 controls removed",
       "a\xc2\x80"
       "b\xc2\x9f"
       "c",
       "abc"),
    EN("tab becomes a space", "a\tb", "a b"),
    EN("line break inside a segment becomes a space", "a\r\nb", "a b"),
    EN("no-break space",
       "a\xc2\xa0"
       "b",
       "a b"),
    EN("en space, thin space, hair space",
       "a\xe2\x80\x82"
       "b\xe2\x80\x89"
       "c\xe2\x80\x8a"
       "d",
       "a b c d"),
    EN("narrow no-break and medium mathematical space",
       "1\xe2\x80\xaf"
       "000\xe2\x81\x9f"
       "x",
       "1 000 x"),
    EN("ideographic space in english",
       "a\xe3\x80\x80"
       "b",
       "a b"),
    ZH("ideographic space between han goes", "中\xe3\x80\x80文", "中文"),
    EN("runs of spaces collapse", "a   b \t\xc2\xa0 c", "a b c"),
    EN("leading and trailing spaces go", " \t a b \xc2\xa0 ", "a b"),
    EN("empty text", "", ""),
    ZH("only spaces", " \t\xe3\x80\x80 ", ""),
    EN("invalid byte becomes U+FFFD",
       "a\xff"
       "b",
       "a\xef\xbf\xbd"
       "b"),
    ZH("truncated sequence becomes U+FFFD per byte", "中\xe4\xb8", "中\xef\xbf\xbd\xef\xbf\xbd"),
    EN("encoded surrogate is invalid", "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"),
};

static void test_common_rules(void)
{
    RUN_CASES(common_cases);
}

/* The fixed-point scan passes runs of ASCII letters, digits, marks and
 * single spaces without asking every step; each row here is a text that
 * such a run must not swallow (a change sits right at its edge) or one it
 * must pass unchanged. */
static const norm_case plain_run_cases[] = {
    EN("space before a comma after a word", "word , next", "word, next"),
    EN("space before a final stop", "The end .", "The end."),
    EN("double space", "a  b", "a b"),
    EN("trailing space", "a b ", "a b"),
    EN("leading space", " a b", "a b"),
    EN("space before a comma glued to a word stays", "a ,b", "a ,b"),
    EN("space before two marks", "w ,. x", "w,. x"),
    EN("space before dots", "a ... b", "a... b"),
    EN("space before .NET stays, before a comma goes", "see .NET , ok", "see .NET, ok"),
    EN("plain marks and spaces unchanged", "x - y/z (w) 'q' #1", "x - y/z (w) 'q' #1"),
    ZH("three dots after letters", "ab...cd", "ab……cd"),
    ZH("four dots", "a....b", "a……b"),
    ZH("dots split by a space stay", "a.. .b", "a.. .b"),
    ZH("dots after a spaced dot", "x. ...", "x. ……"),
    ZH("comma between letters stays", "ab,cd", "ab,cd"),
    ZH("space between han goes", "中 文", "中文"),
    ZH("straight quotes around a latin word stay", "a \"b\" c", "a \"b\" c"),
    ZH("plain marks and spaces unchanged", "a - b 中文 c v1.2 版", "a - b 中文 c v1.2 版"),
    ZH("marks between letters stay", "a?b a(b) a:b;c Ab. Cd.", "a?b a(b) a:b;c Ab. Cd."),
    ZH_SPACE(TME_CJK_SPACE_REMOVE, "cjk-space remove after a latin run", "a b 中", "a b中"),
    ZH_SPACE(TME_CJK_SPACE_REMOVE, "cjk-space remove keeps latin spaces", "a b c", "a b c"),
};

/* Decoding cleans and converts full-width letters in one pass and learns
 * whether NFC has anything to do: texts hitting several of its cases at
 * once, with and without characters NFC must look at. */
static const norm_case decode_cases[] = {
    EN("full-width letter then a combining mark composes", "Ａ\xcc\x81", "\xc3\x81"),
    EN("control, zero-width space, tab, invalid byte among full-width letters",
       "ａ\x01ｂ\xe2\x80\x8bｃ\tｄ\xff", "abc d\xef\xbf\xbd"),
    EN("full-width letters and a chinese comma before cyrillic", "Ｐｒｉｖｅｔ，привет",
       "Privet, привет"),
    EN("composed, then a space before a comma and dots", "e\xcc\x81 ,x ...", "\xc3\xa9 ,x..."),
    ZH("invalid byte between han", "中\xff文", "中\xef\xbf\xbd文"),
    ZH("conjoining jamo compose, comma converts", "\xe1\x84\x80\xe1\x85\xa1,中",
       "\xea\xb0\x80，中"),
    ZH("full-width letter and combining mark, comma and dots", "ｅ\xcc\x81,中...",
       "\xc3\xa9，中……"),
    ZH("noncharacter U+FFFF kept", "\xef\xbf\xbf中", "\xef\xbf\xbf中"),
};

/* A long text of conversions: every full-width pair becomes "a, ", the
 * last without its space. */
static void test_long_text_of_conversions(void)
{
    enum { PAIRS = 50000 };
    const char *pair = "ａ，"; /* 6 bytes */
    char *in = malloc(6 * PAIRS + 1), *want = malloc(3 * PAIRS + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    CU_ASSERT_PTR_NOT_NULL_FATAL(want);
    for (size_t i = 0; i < PAIRS; i++) {
        memcpy(in + 6 * i, pair, 6);
        memcpy(want + 3 * i, "a, ", 3);
    }
    in[6 * PAIRS] = '\0';
    want[3 * PAIRS - 1] = '\0';
    char *out = normalized(in, 6 * PAIRS, TME_LANG_EN, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, want);
    free(out);
    free(want);
    free(in);
}

/* Text the scan proves normal is reported XML-legal (it took the copy). */
static void test_plain_runs(void)
{
    RUN_CASES(plain_run_cases);
    RUN_CASES(decode_cases);
    const char *plain[] = {"x - y/z (w) 'q' #1", "a - b 中文 c v1.2 版"};
    for (size_t i = 0; i < 2; i++) {
        char *out = NULL;
        int legal = 0;
        tme_lang lang = i == 0 ? TME_LANG_EN : TME_LANG_ZH;
        CU_ASSERT_EQUAL(
            tme_normalize_checked(plain[i], strlen(plain[i]), lang, NULL, NULL, &out, &legal, NULL),
            TME_OK);
        CU_ASSERT_EQUAL(legal, 1);
        free(out);
    }
}

/* ---- English ----------------------------------------------------------- */

static const norm_case english_cases[] = {
    EN("full-width letters", "Ｈｅｌｌｏ Ｗｏｒｌｄ", "Hello World"),
    EN("full-width digits", "ｉｎ １９９２", "in 1992"),
    EN("full-width punctuation", "Ｗｏｗ！ ＃１ ＆ ５０％", "Wow! #1 & 50%"),
    EN("full-width quote and apostrophe", "＂ｈｉ＂ ｉｔ＇ｓ", "\"hi\" it's"),
    EN("full-width stop inside a number", "３．５", "3.5"),
    EN("chinese comma between words", "apples，pears", "apples, pears"),
    EN("chinese full stop", "Done。Next", "Done. Next"),
    EN("enumeration comma", "red、green", "red, green"),
    EN("colon, semicolon, question mark", "Note：yes；no？", "Note: yes; no?"),
    EN("chinese comma before a space", "one， two", "one, two"),
    EN("full-width brackets", "f（x） and （note）", "f(x) and (note)"),
    EN("space before comma goes", "word , next", "word, next"),
    EN("space before final stop goes", "The end .", "The end."),
    EN("space before ; : ! ? goes", "a ; b : c ! d ?", "a; b: c! d?"),
    EN("space before an ellipsis goes", "Wait ...", "Wait..."),
    EN("space before a decimal stays", "costs .5 dollars", "costs .5 dollars"),
    EN("space before .NET stays", "using .NET today", "using .NET today"),
    EN("space before a time stays", "at :30 past", "at :30 past"),
    EN("numbers and domains untouched", "with 2,000 chips: 01.ai, a start-up",
       "with 2,000 chips: 01.ai, a start-up"),
    EN("curly quotes kept by default", "“It’s ‘fine’,” he said.", "“It’s ‘fine’,” he said."),
    EN_ASCII_QUOTES("quotes ascii straightens double quotes", "“darkest hour”", "\"darkest hour\""),
    EN_ASCII_QUOTES("quotes ascii straightens apostrophes", "country’s ‘best’", "country's 'best'"),
    EN_ASCII_QUOTES("quotes ascii straightens low-9 quotes", "„so‚", "\"so'"),
    EN("em dash and ellipsis are english too", "a—b… c...", "a—b… c..."),
    EN("ascii punctuation stays", "Hello, world! (Yes.)", "Hello, world! (Yes.)"),
    EN("chinese quoted inside english keeps its marks", "the slogan “中国，加油！” spread",
       "the slogan “中国，加油！” spread"),
    EN("han letters untouched", "the word 人工智能 means AI", "the word 人工智能 means AI"),
};

static void test_english_rules(void)
{
    RUN_CASES(english_cases);
}

/* ---- Chinese ----------------------------------------------------------- */

static const norm_case chinese_punct_cases[] = {
    ZH("comma after latin before han", "“DeepSeek,继续加油!”", "“DeepSeek，继续加油！”"),
    ZH("brackets around han", "李成东(音)在", "李成东（音）在"),
    ZH("brackets around latin after a book title", "《人工智能超级大国》(AI Superpowers)一书",
       "《人工智能超级大国》（AI Superpowers）一书"),
    ZH("thousands separator stays", "多达2,000枚", "多达2,000枚"),
    ZH("time stays", "下午1:30开会", "下午1:30开会"),
    ZH("decimal stays", "增长3.5倍", "增长3.5倍"),
    ZH("latin list inside chinese stays", "像OpenAI, Google这样", "像OpenAI, Google这样"),
    ZH("exclamation", "真的!", "真的！"),
    ZH("question mark", "为什么?", "为什么？"),
    ZH("colon before a chinese quote", "写道:“中国", "写道：“中国"),
    ZH("semicolon", "甲;乙", "甲；乙"),
    ZH("comma before a closing quote", "更快,”周日", "更快，”周日"),
    ZH("spaces around a converted comma go", "DeepSeek , 继续", "DeepSeek，继续"),
    ZH("run of marks converts together", "真的?!", "真的？！"),
    ZH("mark after latin before another mark", "abc,!中", "abc，！中"),
    ZH("time then comma", "比分2:1,中国队", "比分2:1，中国队"),
    ZH("url after a colon", "网址:http://a.com/?q=1", "网址：http://a.com/?q=1"),
    ZH("spaced bracket converts when one end touches han", "Interface (CRI) 的运行时",
       "Interface（CRI）的运行时"),
    ZH("glued bracket needs han at both ends", "用 f(x) 表示", "用 f(x) 表示"),
    ZH("glued bracket around han converts", "DeepSeek(深度求索)公司", "DeepSeek（深度求索）公司"),
    ZH("an empty call stays ASCII", "使用 issubclass() 判斷", "使用 issubclass() 判斷"),
    ZH("brackets inside latin text stay", "He said (quietly) hello", "He said (quietly) hello"),
    ZH("half-converted pair is completed", "（注意)以下", "（注意）以下"),
    ZH("unmatched opening bracket", "李成东(音", "李成东（音"),
    ZH("unmatched closing bracket", "音)说", "音）说"),
    ZH("nested brackets", "中((文))", "中（（文））"),
    ZH("domain inside converted brackets", "零一万物(01.ai)公司", "零一万物（01.ai）公司"),
    ZH("comma next to latin-only brackets", "OpenAI, (ChatGPT) 的", "OpenAI,（ChatGPT）的"),
    ZH("full stop never becomes 。", "结束. 下一句.", "结束. 下一句."),
    ZH("full-width punctuation kept", "你好，世界！（一）：是；否？",
       "你好，世界！（一）：是；否？"),
};

static void test_chinese_punctuation(void)
{
    RUN_CASES(chinese_punct_cases);
}

static const norm_case chinese_other_cases[] = {
    ZH("full-width digits", "１２３人", "123人"),
    ZH("full-width latin letters", "ＡＩ技术和ｇｐｔ", "AI技术和gpt"),
    ZH("single dash between han doubles", "泡沫—这", "泡沫——这"),
    ZH("spaced dash between han doubles", "泡沫 — 这", "泡沫——这"),
    ZH("dash after a closing quote doubles", "“星际之门”—这", "“星际之门”——这"),
    ZH("double dash stays", "泡沫——这", "泡沫——这"),
    ZH("dash between latin stays", "A—B", "A—B"),
    ZH("dash between han and latin stays", "中—B", "中—B"),
    ZH("three dots become an ellipsis", "等等...", "等等……"),
    ZH("six dots become one ellipsis", "等等......", "等等……"),
    ZH("lone ellipsis doubles", "好…", "好……"),
    ZH("double ellipsis stays", "好……", "好……"),
    ZH("two dots stay", "a..b", "a..b"),
    ZH("straight quotes around han", "他说\"你好\"。", "他说“你好”。"),
    ZH("straight quotes around latin inside chinese", "以\"Xiaoming\"为用户名",
       "以“Xiaoming”为用户名"),
    ZH("straight quotes around latin after a chinese colon", "他说：\"OK\"", "他说：“OK”"),
    ZH("straight quotes in latin text stay", "\"hello world\"", "\"hello world\""),
    ZH("unpaired straight quote stays", "\"你好", "\"你好"),
    ZH("curly quotes stay", "硅谷的“至暗时刻”", "硅谷的“至暗时刻”"),
    ZH("space between han goes", "通常的 编写 流程", "通常的编写流程"),
    ZH("space between han and chinese punctuation goes", "一种 “超高级语言” ，比如",
       "一种“超高级语言”，比如"),
    ZH("space after a full-width mark goes", "别慌： Kubernetes", "别慌：Kubernetes"),
    ZH("space between han and latin kept", "Kubernetes 是一个 2014 年",
       "Kubernetes 是一个 2014 年"),
    ZH("no space between han and latin kept", "DeepSeek成了", "DeepSeek成了"),
    ZH_SPACE(TME_CJK_SPACE_REMOVE, "cjk-space remove", "Docker 构建 2014 年", "Docker构建2014年"),
    ZH_SPACE(TME_CJK_SPACE_ADD, "cjk-space add", "Docker构建2014年", "Docker 构建 2014 年"),
    ZH_SPACE(TME_CJK_SPACE_ADD, "cjk-space add leaves punctuation alone", "“AI”，AI。",
             "“AI”，AI。"),
    ZH_SPACE(TME_CJK_SPACE_REMOVE, "cjk-space remove keeps latin words apart",
             "AI Superpowers 一书", "AI Superpowers一书"),
    ZH("latin names intact", "Ján Kubiš 和 António Guterres", "Ján Kubiš 和 António Guterres"),
};

static void test_chinese_other_rules(void)
{
    RUN_CASES(chinese_other_cases);
}

/* ---- Statistics -------------------------------------------------------- */

typedef struct {
    tme_lang lang;
    int ascii_quotes;
    tme_cjk_space cjk_space;
    const char *input;
    const char *kind;
    size_t count;
} stats_case;

static const stats_case stats_cases[] = {
    {TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, "DeepSeek,继续加油!", "fullwidth-punct", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "a   b", "space-collapsed", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP,
     "a\tb\xc2\xa0"
     "c",
     "space-converted", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "  a ", "space-trimmed", 3},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP,
     "a\xe2\x80\x8b\xef\xbb\xbf"
     "b",
     "format-removed", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "a\x01\x02", "control-removed", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "a\xff\xfe", "invalid-utf8", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "e\xcc\x81", "nfc", 1},
    {TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, "ＡＩ１", "fullwidth-alnum", 3},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "Hi，there。", "ascii-punct", 2},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "Hi，there", "space-after-punct", 1},
    {TME_LANG_EN, 0, TME_CJK_SPACE_KEEP, "a , b .", "space-before-punct", 2},
    {TME_LANG_EN, 1, TME_CJK_SPACE_KEEP, "“it’s”", "quotes-straightened", 3},
    {TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, "他说\"你好\"", "quotes-curled", 2},
    {TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, "等...好…", "ellipsis", 2},
    {TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, "中—文", "dash-doubled", 1},
    {TME_LANG_ZH, 0, TME_CJK_SPACE_KEEP, "中 文 字", "cjk-space-removed", 2},
    {TME_LANG_ZH, 0, TME_CJK_SPACE_ADD, "中A文", "cjk-space-added", 2},
};

static size_t kind_index(const char *name)
{
    for (size_t k = 0; tme_norm_kind_name(k) != NULL; k++) {
        if (strcmp(tme_norm_kind_name(k), name) == 0)
            return k;
    }
    return SIZE_MAX;
}

static void test_stats_by_kind(void)
{
    for (size_t i = 0; i < sizeof stats_cases / sizeof stats_cases[0]; i++) {
        const stats_case *c = &stats_cases[i];
        size_t kind = kind_index(c->kind);
        CU_ASSERT_FATAL(kind != SIZE_MAX);
        tme_norm_stats stats;
        memset(&stats, 0, sizeof stats);
        char *out = normalize_with(c->lang, c->ascii_quotes, c->cjk_space, c->input,
                                   strlen(c->input), &stats);
        CU_ASSERT_PTR_NOT_NULL_FATAL(out);
        if (stats.counts[kind] != c->count)
            fprintf(stderr, "\n  %s on [%s]: counted %zu, want %zu\n", c->kind, c->input,
                    stats.counts[kind], c->count);
        CU_ASSERT_EQUAL(stats.counts[kind], c->count);
        free(out);
    }
}

static void test_stats_accumulate_and_clean_text_counts_nothing(void)
{
    tme_norm_stats stats;
    memset(&stats, 0, sizeof stats);
    size_t punct = kind_index("fullwidth-punct");
    CU_ASSERT_FATAL(punct != SIZE_MAX);
    char *a = normalized("中,文", strlen("中,文"), TME_LANG_ZH, NULL, &stats);
    char *b = normalized("中,文", strlen("中,文"), TME_LANG_ZH, NULL, &stats);
    CU_ASSERT_EQUAL(stats.counts[punct], 2);
    free(a);
    free(b);

    memset(&stats, 0, sizeof stats);
    const char *clean = "干净的文本，没有问题。Clean text.";
    char *out = normalized(clean, strlen(clean), TME_LANG_ZH, NULL, &stats);
    CU_ASSERT_STRING_EQUAL(out, clean);
    for (size_t k = 0; k < TME_NORM_KIND_MAX; k++)
        CU_ASSERT_EQUAL(stats.counts[k], 0);
    free(out);
}

static void test_kind_names(void)
{
    size_t n = 0;
    while (tme_norm_kind_name(n) != NULL)
        n++;
    CU_ASSERT(n >= 10);
    CU_ASSERT(n <= TME_NORM_KIND_MAX);
    CU_ASSERT_PTR_NULL(tme_norm_kind_name(n));
    CU_ASSERT_PTR_NULL(tme_norm_kind_name(SIZE_MAX));
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT(strlen(tme_norm_kind_name(i)) > 0);
        for (size_t j = i + 1; j < n; j++)
            CU_ASSERT(strcmp(tme_norm_kind_name(i), tme_norm_kind_name(j)) != 0);
    }
}

static void test_embedded_nul_and_null_options(void)
{
    const char text[] = {'a', '\0', 'b', ' ', '\0', ' ', 'c'};
    char *out = normalized(text, sizeof text, TME_LANG_EN, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "ab c");
    free(out);
    out = normalized(NULL, 0, TME_LANG_ZH, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "");
    free(out);
}

/* ---- Samples ----------------------------------------------------------- */

/* Calls visit(english, chinese) for every line of a gold TSV. */
static size_t for_each_gold_pair(const char *path,
                                 void (*visit)(const char *, size_t, const char *, size_t, void *),
                                 void *data)
{
    size_t len = 0, pairs = 0;
    char *tsv = tme_test_read_file(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    char *line = tsv;
    while (line < tsv + len) {
        char *end = memchr(line, '\n', (size_t)(tsv + len - line));
        if (end == NULL)
            end = tsv + len;
        char *tab = memchr(line, '\t', (size_t)(end - line));
        if (tab != NULL) {
            visit(line, (size_t)(tab - line), tab + 1, (size_t)(end - tab - 1), data);
            pairs++;
        }
        line = end + 1;
    }
    free(tsv);
    return pairs;
}

/* The gold files of the repository's samples: the two the issue names, plus
 * any other samples/NAME/gold.tsv. */
static size_t list_gold_files(char paths[][512], size_t max)
{
    size_t n = 0;
    snprintf(paths[n++], 512, "%s", tme_test_source_path("samples/deepseek-bilingual.gold.tsv"));
    snprintf(paths[n++], 512, "%s", tme_test_source_path("samples/un-charter-ch1-3/gold.tsv"));
    DIR *dir = opendir(tme_test_source_path("samples"));
    struct dirent *entry;
    while (dir != NULL && n < max && (entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "un-charter-ch1-3") == 0)
            continue;
        char relative[400];
        snprintf(relative, sizeof relative, "samples/%.300s/gold.tsv", entry->d_name);
        FILE *f = fopen(tme_test_source_path(relative), "rb");
        if (f == NULL)
            continue;
        fclose(f);
        snprintf(paths[n++], 512, "%s", tme_test_source_path(relative));
    }
    if (dir != NULL)
        closedir(dir);
    return n;
}

static bool is_idempotent(tme_lang lang, int ascii_quotes, tme_cjk_space cjk_space,
                          const char *text, size_t len)
{
    char *once = normalize_with(lang, ascii_quotes, cjk_space, text, len, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(once);
    char *twice = normalize_with(lang, ascii_quotes, cjk_space, once, strlen(once), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(twice);
    bool same = strcmp(once, twice) == 0;
    if (!same)
        fprintf(stderr, "\n  not idempotent (lang %d): [%.*s] -> [%s] -> [%s]\n", (int)lang,
                (int)len, text, once, twice);
    free(once);
    free(twice);
    return same;
}

static void check_pair_idempotent(const char *en, size_t en_len, const char *zh, size_t zh_len,
                                  void *data)
{
    size_t *checked = data;
    for (int quotes = 0; quotes <= 1; quotes++)
        CU_ASSERT(is_idempotent(TME_LANG_EN, quotes, TME_CJK_SPACE_KEEP, en, en_len));
    for (int mode = TME_CJK_SPACE_KEEP; mode <= TME_CJK_SPACE_ADD; mode++)
        CU_ASSERT(is_idempotent(TME_LANG_ZH, 0, (tme_cjk_space)mode, zh, zh_len));
    *checked += 2;
}

static void test_idempotent_over_samples(void)
{
    char paths[16][512];
    size_t files = list_gold_files(paths, 16);
    size_t checked = 0;
    for (size_t i = 0; i < files; i++)
        CU_ASSERT(for_each_gold_pair(paths[i], check_pair_idempotent, &checked) > 0);
    CU_ASSERT(checked >= 2 * (54 + 33));
}

static char *without_whitespace(const char *text, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; out != NULL && i < len; i++) {
        if (text[i] != ' ' && text[i] != '\t')
            out[n++] = text[i];
    }
    if (out != NULL)
        out[n] = '\0';
    return out;
}

static void check_english_unchanged(const char *en, size_t en_len, const char *zh, size_t zh_len,
                                    void *data)
{
    (void)zh;
    (void)zh_len;
    size_t *changed = data;
    char *out = normalized(en, en_len, TME_LANG_EN, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    char *before = without_whitespace(en, en_len);
    char *after = without_whitespace(out, strlen(out));
    CU_ASSERT_PTR_NOT_NULL_FATAL(before);
    CU_ASSERT_PTR_NOT_NULL_FATAL(after);
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "\n  english changed: [%.*s] -> [%s]\n", (int)en_len, en, out);
        (*changed)++;
    }
    free(before);
    free(after);
    free(out);
}

static void test_english_samples_unchanged_apart_from_whitespace(void)
{
    char paths[16][512];
    size_t files = list_gold_files(paths, 16);
    size_t changed = 0;
    for (size_t i = 0; i < files; i++)
        for_each_gold_pair(paths[i], check_english_unchanged, &changed);
    CU_ASSERT_EQUAL(changed, 0);
}

/* Script Han by block, as the normalizer defines it. */
static bool test_is_han(utf8proc_int32_t c)
{
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x323AF);
}

static bool is_ascii_mark(utf8proc_int32_t c)
{
    return c > 0 && c < 0x80 && strchr(",?:!();", (int)c) != NULL;
}

/* A bracket glued to a Latin word, a number or another bracket is code
 * ("issubclass(bool, int)", "x.f()"), which keeps its ASCII brackets. */
static bool is_code_bracket(const utf8proc_int32_t *cps, size_t i)
{
    if (cps[i] != '(' && cps[i] != ')')
        return false;
    utf8proc_int32_t before = i > 0 ? cps[i - 1] : 0;
    return (before > 0 && before < 0x80 && (isalnum(before) || before == '(' || before == '_'));
}

/* Counts ASCII , ? : ! ( ) ; whose nearest non-space neighbour is Han,
 * brackets of code aside. */
static size_t ascii_marks_next_to_han(const char *text)
{
    utf8proc_int32_t cps[4096];
    size_t n = 0, bad = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t step;
    while (n < 4096 && *p != '\0' && (step = utf8proc_iterate(p, -1, &cps[n])) > 0) {
        p += step;
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_ascii_mark(cps[i]) || is_code_bracket(cps, i))
            continue;
        size_t before = i, after = i + 1;
        while (before > 0 && cps[before - 1] == ' ')
            before--;
        while (after < n && cps[after] == ' ')
            after++;
        if ((before > 0 && test_is_han(cps[before - 1])) || (after < n && test_is_han(cps[after])))
            bad++;
    }
    return bad;
}

typedef struct {
    size_t bad;
    size_t changed;
} chinese_sample_result;

static void check_chinese_marks(const char *en, size_t en_len, const char *zh, size_t zh_len,
                                void *data)
{
    (void)en;
    (void)en_len;
    chinese_sample_result *result = data;
    char *out = normalized(zh, zh_len, TME_LANG_ZH, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    size_t bad = ascii_marks_next_to_han(out);
    if (bad > 0)
        fprintf(stderr, "\n  ascii marks next to han: [%s]\n", out);
    result->bad += bad;
    if (strlen(out) != zh_len || memcmp(out, zh, zh_len) != 0)
        result->changed++;
    free(out);
}

static void test_chinese_samples_use_fullwidth_marks(void)
{
    char paths[16][512];
    size_t files = list_gold_files(paths, 16);
    chinese_sample_result result = {0, 0};
    for (size_t i = 0; i < files; i++)
        for_each_gold_pair(paths[i], check_chinese_marks, &result);
    CU_ASSERT_EQUAL(result.bad, 0);
    /* The DeepSeek sample's Chinese uses ASCII marks in 46 of 54 units. */
    CU_ASSERT(result.changed >= 46);
}

static char *normalized_sample_chinese(void)
{
    size_t len = 0;
    char *tsv =
        tme_test_read_file(tme_test_source_path("samples/deepseek-bilingual.gold.tsv"), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    char *out = malloc(2 * len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    size_t n = 0;
    char *line = tsv;
    while (line < tsv + len) {
        char *end = strchr(line, '\n');
        if (end == NULL)
            end = tsv + len;
        char *tab = memchr(line, '\t', (size_t)(end - line));
        if (tab != NULL) {
            char *zh = normalized(tab + 1, (size_t)(end - tab - 1), TME_LANG_ZH, NULL, NULL);
            CU_ASSERT_PTR_NOT_NULL_FATAL(zh);
            size_t zh_len = strlen(zh);
            memcpy(out + n, zh, zh_len);
            n += zh_len;
            out[n++] = '\n';
            free(zh);
        }
        line = end + 1;
    }
    out[n] = '\0';
    free(tsv);
    return out;
}

static void test_deepseek_sample_chinese(void)
{
    char *zh = normalized_sample_chinese();
    const char *expected[] = {
        "在中国国内，它被称为",
        "胡锡进写道：“中国这样",
        "“DeepSeek，继续加油！”北京的一位微博用户写道。",
        "“为什么硅谷那么有创新精神？\n",
        "电子商务投资者李成东（音）在他的微信朋友圈",
        "《人工智能超级大国》（AI Superpowers）一书中",
        "做得更好更快，”周日，李开复在X上写道。",
        "美国股市泡沫——这比1992年",
        "芯片多达1.6万枚。",
        "一个以“Xiaoming”为用户名的记者在她的Threads账户上写道，“那将是真正的悲剧。”",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        bool found = strstr(zh, expected[i]) != NULL;
        if (!found)
            fprintf(stderr, "\n  missing from normalized sample: [%s]\n", expected[i]);
        CU_ASSERT(found);
    }
    CU_ASSERT_PTR_NULL(strpbrk(zh, ",?:!();\""));
    free(zh);
}

/* ---- Generated text ---------------------------------------------------- */

static uint64_t prng_next(uint64_t *state)
{
    /* xorshift64*: deterministic, so a failure reproduces. */
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 2685821657736338717ULL;
}

static const char *const fragments[] = {
    "中",
    "文",
    "国",
    "人",
    "\xf0\xa0\x80\x80",
    "\xef\xa4\x80",
    "a",
    "B",
    "z",
    "é",
    "e\xcc\x81",
    "\xcc\x81",
    "0",
    "7",
    " ",
    "  ",
    "\t",
    "\n",
    "\xc2\xa0",
    "\xe3\x80\x80",
    "\xe2\x80\x89",
    ",",
    ".",
    "!",
    "?",
    ":",
    ";",
    "(",
    ")",
    "（",
    "）",
    "，",
    "。",
    "、",
    "：",
    "；",
    "？",
    "！",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "'",
    "—",
    "——",
    "…",
    "……",
    "...",
    "..",
    "\xe2\x80\x8b",
    "\xef\xbb\xbf",
    "\xc2\xad",
    "\x01",
    "\x7f",
    "\xc2\x85",
    "Ａ",
    "ｚ",
    "５",
    "＂",
    "．",
    "《",
    "》",
    "·",
    "-",
    "/",
    "\xff",
    "\xe4\xb8",
    "＜",
    "｡",
    "〇",
    "々",
    "ｶ",
    "가",
    "あ",
};

static size_t generate_text(uint64_t *state, char *buf, size_t cap)
{
    size_t count = prng_next(state) % 40, n = 0;
    for (size_t i = 0; i < count; i++) {
        const char *f = fragments[prng_next(state) % (sizeof fragments / sizeof fragments[0])];
        size_t len = strlen(f);
        if (n + len >= cap)
            break;
        memcpy(buf + n, f, len);
        n += len;
    }
    buf[n] = '\0';
    return n;
}

/* Output invariants that every rule relies on. */
static bool output_is_clean(const char *out)
{
    size_t len = strlen(out);
    if (len > 0 && (out[0] == ' ' || out[len - 1] == ' '))
        return false;
    if (strstr(out, "  ") != NULL)
        return false;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)out;
    utf8proc_int32_t c;
    while (*p != '\0') {
        utf8proc_ssize_t step = utf8proc_iterate(p, -1, &c);
        if (step <= 0 || utf8proc_category(c) == UTF8PROC_CATEGORY_CC || c == 0x200B ||
            c == 0xFEFF || c == 0xAD || c == 0x3000 || c == 0xA0)
            return false;
        p += step;
    }
    return true;
}

static void test_idempotent_over_generated_text(void)
{
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    char buf[512];
    size_t failures = 0;
    for (int i = 0; i < 4000 && failures < 5; i++) {
        size_t len = generate_text(&state, buf, sizeof buf);
        for (int variant = 0; variant < 5; variant++) {
            tme_lang lang = variant < 2 ? TME_LANG_EN : TME_LANG_ZH;
            int quotes = variant == 1;
            tme_cjk_space mode = variant < 2 ? TME_CJK_SPACE_KEEP : (tme_cjk_space)(variant - 2);
            if (!is_idempotent(lang, quotes, mode, buf, len))
                failures++;
            char *out = normalize_with(lang, quotes, mode, buf, len, NULL);
            CU_ASSERT_PTR_NOT_NULL_FATAL(out);
            if (!output_is_clean(out)) {
                fprintf(stderr, "\n  unclean output: [%s]\n", out);
                failures++;
            }
            free(out);
        }
    }
    CU_ASSERT_EQUAL(failures, 0);
}

/* ---- Linear time ------------------------------------------------------- */

static double seconds_to_normalize(const char *text, size_t len, tme_lang lang)
{
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    char *out = normalized(text, len, lang, NULL, NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    CU_ASSERT_PTR_NOT_NULL(out);
    free(out);
    return (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
}

/* A line of about `chars` characters repeating `unit`. */
static char *repeat_unit(const char *unit, size_t unit_chars, size_t chars, size_t *len)
{
    size_t unit_len = strlen(unit), copies = chars / unit_chars;
    char *text = malloc(copies * unit_len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    for (size_t i = 0; i < copies; i++)
        memcpy(text + i * unit_len, unit, unit_len);
    text[copies * unit_len] = '\0';
    *len = copies * unit_len;
    return text;
}

/* The fastest of three: what the other processes on a shared machine do to
 * one run does not make a linear pass look quadratic. */
static double fastest_normalize(const char *text, size_t len, tme_lang lang)
{
    double best = seconds_to_normalize(text, len, lang);
    for (int k = 0; k < 2; k++) {
        double t = seconds_to_normalize(text, len, lang);
        if (t < best)
            best = t;
    }
    return best;
}

/* A complexity guard, not a benchmark: a million characters may take at
 * most 30 times what a tenth takes (linear is 10, quadratic 100). */
static void test_million_character_lines_are_linear(void)
{
    /* Mixed text, and the shapes that would go quadratic with a naive
     * nearest-neighbour search: long runs of marks, brackets, quotes, spaces. */
    static const struct {
        const char *unit;
        size_t unit_chars;
    } shapes[] = {
        {"中文,abc (注) \"引\" 1:30—…ＡＢ　", 25},
        {",", 1},
        {"(", 1},
        {")", 1},
        {"\"", 1},
        {" ", 1},
        {"中—", 2},
        {".", 1},
    };
    const size_t chars = 1000000;
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        size_t len = 0, tenth_len = 0;
        char *text = repeat_unit(shapes[i].unit, shapes[i].unit_chars, chars, &len);
        char *tenth = repeat_unit(shapes[i].unit, shapes[i].unit_chars, chars / 10, &tenth_len);
        for (int lang = TME_LANG_EN; lang <= TME_LANG_ZH; lang++) {
            double small = fastest_normalize(tenth, tenth_len, (tme_lang)lang);
            double seconds = fastest_normalize(text, len, (tme_lang)lang);
            if (seconds > 30 * small + 0.2)
                fprintf(stderr, "\n  shape %zu lang %d: %.3f s, a tenth %.3f s\n", i, lang, seconds,
                        small);
            CU_ASSERT(seconds <= 30 * small + 0.2);
        }
        free(tenth);
        free(text);
    }
}

/* ---- Command line ------------------------------------------------------ */

static char *run_normalize(const char *args, const char *input, int *status, char **err)
{
    const char *dir = tme_test_scratch_dir("normalize-cli");
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    char in_path[600], out_path[600], err_path[600];
    snprintf(in_path, sizeof in_path, "%s/in.txt", dir);
    snprintf(out_path, sizeof out_path, "%s/out.txt", dir);
    snprintf(err_path, sizeof err_path, "%s/err.txt", dir);
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in_path, input, strlen(input)), 0);
    *status = tme_test_run_cli(args, in_path, out_path, err_path);
    if (err != NULL)
        *err = tme_test_read_file(err_path, NULL);
    return tme_test_read_file(out_path, NULL);
}

static void test_cli_lines_one_for_one(void)
{
    int status = -1;
    char *out = run_normalize("normalize --lang zh",
                              "DeepSeek,继续加油!\n\n   \n李成东(音)\r\n2,000人", &status, NULL);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "DeepSeek，继续加油！\n\n\n李成东（音）\n2,000人\n");
    free(out);

    out = run_normalize("normalize --lang en", "Ｈｅｌｌｏ ，world\n“It’s”\n", &status, NULL);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "Hello, world\n“It’s”\n");
    free(out);
}

static void test_cli_options(void)
{
    int status = -1;
    char *out = run_normalize("normalize --lang en --quotes ascii", "“It’s”\n", &status, NULL);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "\"It's\"\n");
    free(out);

    out = run_normalize("normalize --lang=zh --cjk-space add", "Docker构建\n", &status, NULL);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "Docker 构建\n");
    free(out);

    out = run_normalize("normalize --cjk-space remove --lang zh", "Docker 构建\n", &status, NULL);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_STRING_EQUAL(out, "Docker构建\n");
    free(out);
}

static void test_cli_stats_on_stderr(void)
{
    int status = -1;
    char *err = NULL;
    char *out = run_normalize("normalize --lang zh --stats", "中,文!\n中  文\n", &status, &err);
    CU_ASSERT_EQUAL(status, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_STRING_EQUAL(out, "中，文！\n中文\n");
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "fullwidth-punct 2\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "space-collapsed 1\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "cjk-space-removed 1\n"));
    free(out);
    free(err);

    out = run_normalize("normalize --lang zh", "中,文\n", &status, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    CU_ASSERT_STRING_EQUAL(err, "");
    free(out);
    free(err);
}

static void test_cli_usage_errors(void)
{
    static const char *const bad_args[] = {
        "normalize",
        "normalize --lang fr",
        "normalize --lang",
        "normalize --lang zh --quotes curly",
        "normalize --lang zh --cjk-space sometimes",
        "normalize --lang zh extra",
    };
    for (size_t i = 0; i < sizeof bad_args / sizeof bad_args[0]; i++) {
        int status = -1;
        char *err = NULL;
        char *out = run_normalize(bad_args[i], "中,文\n", &status, &err);
        CU_ASSERT_EQUAL(status, 2);
        CU_ASSERT_PTR_NOT_NULL_FATAL(err);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, "usage"));
        free(out);
        free(err);
    }
}

static CU_TestInfo tests[] = {
    {"both languages: NFC, invisible and control characters, spaces", test_common_rules},
    {"plain runs of the fixed-point scan; decoding", test_plain_runs},
    {"a long text of conversions", test_long_text_of_conversions},
    {"english: full-width to ascii, spaces before marks, quotes", test_english_rules},
    {"chinese: ascii marks to full-width and their exceptions", test_chinese_punctuation},
    {"chinese: letters, dashes, ellipses, quotes, spaces", test_chinese_other_rules},
    {"stats count changes by kind", test_stats_by_kind},
    {"stats accumulate; clean text counts nothing",
     test_stats_accumulate_and_clean_text_counts_nothing},
    {"kind names are distinct and end with NULL", test_kind_names},
    {"embedded NUL and NULL options", test_embedded_nul_and_null_options},
    {"idempotent over every sample segment", test_idempotent_over_samples},
    {"english samples unchanged apart from whitespace",
     test_english_samples_unchanged_apart_from_whitespace},
    {"chinese samples: no ascii marks next to han", test_chinese_samples_use_fullwidth_marks},
    {"deepseek sample chinese", test_deepseek_sample_chinese},
    {"idempotent over generated text", test_idempotent_over_generated_text},
    {"million-character lines: linear time", test_million_character_lines_are_linear},
    {"cli: lines one for one", test_cli_lines_one_for_one},
    {"cli: --quotes and --cjk-space", test_cli_options},
    {"cli: --stats on stderr", test_cli_stats_on_stderr},
    {"cli: usage errors", test_cli_usage_errors},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("normalize", tests);
}
