/* SPDX-License-Identifier: MIT */
/* Training filters (issue 15): a table of kept and dropped units for each
 * filter, the parser, and the counts --stats gives end to end. */
#include <stdlib.h>
#include <string.h>

#include "filters.h"
#include "test_support.h"

typedef struct {
    const char *spec;
    const char *english, *chinese;
    const char *dropped_by; /* NULL: kept */
} filter_case;

/* 你好，世界。 */
#define HELLO_ZH "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\xe3\x80\x82"
/* 这个消息令股市暴跌。 */
#define NEWS_ZH                                                                                    \
    "\xe8\xbf\x99\xe4\xb8\xaa\xe6\xb6\x88\xe6\x81\xaf\xe4\xbb\xa4\xe8\x82\xa1\xe5\xb8\x82\xe6\x9a" \
    "\xb4\xe8\xb7\x8c\xe3\x80\x82"

static const filter_case cases[] = {
    /* length */
    {"length", "Hello, world.", HELLO_ZH, NULL},
    {"length", "", HELLO_ZH, "length"},
    {"length", "Hello, world.", "\xe5\xa5\xbd", "length"}, /* 好: one character */
    {"length=1-3", "The news tanked the market.", NEWS_ZH, "length"},
    {"length=1-5/1-4", "The news tanked markets.", NEWS_ZH, "length"},
    /* ratio: 27 English characters want about 9 Chinese */
    {"ratio", "The news tanked the market.", NEWS_ZH, NULL},
    {"ratio",
     "The news that the Chinese start-up DeepSeek can build artificial intelligence models "
     "tanked the stock market on Monday and sent Silicon Valley into a panic.",
     NEWS_ZH, "ratio"},
    {"ratio=10",
     "The news that the Chinese start-up DeepSeek can build artificial intelligence models "
     "tanked the stock market on Monday.",
     NEWS_ZH, NULL},
    /* identical */
    {"identical", "OpenAI", "OpenAI", "identical"},
    {"identical", "GPT-4 Turbo.", "gpt-4 turbo\xe3\x80\x82", "identical"},
    {"identical", "Hello, world.", HELLO_ZH, NULL},
    /* script: DeepSeek也不是唯一一家。counts DeepSeek as one letter */
    {"script", "DeepSeek is not the only one.",
     "DeepSeek\xe4\xb9\x9f\xe4\xb8\x8d\xe6\x98\xaf\xe5\x94\xaf\xe4\xb8\x80\xe4\xb8\x80\xe5\xae\xb6"
     "\xe3\x80\x82",
     NULL},
    {"script", "Hello, world.", "Hello world \xe4\xbd\xa0", "script"},
    {"script", "\xe4\xbd\xa0\xe5\xa5\xbd world", HELLO_ZH, "script"},
    /* digits */
    {"digits", "2,000 chips.", "2000\xe6\x9e\x9a\xe8\x8a\xaf\xe7\x89\x87\xe3\x80\x82", NULL},
    {"digits", "2025-02-05", "2025\xe5\xb9\xb4", "digits"},
    {"digits", "123 456", "123 456", "digits"},
    /* url */
    {"url", "https://example.org/a?b", HELLO_ZH, "url"},
    {"url", "Write to news@example.org.", HELLO_ZH, NULL},
    {"url", "Hello, world.", "news@example.org", "url"},
    /* repeat */
    {"repeat", "Buy buy buy buy buy now.", HELLO_ZH, NULL}, /* case differs: 4 in a row */
    {"repeat", "buy buy buy buy buy buy now.", HELLO_ZH, "repeat"},
    {"repeat", "Ha.", "\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88", "repeat"},
    {"repeat=10", "Ha.", "\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88\xe5\x93\x88", NULL},
    /* chars */
    {"chars=10", "Hello, world.", HELLO_ZH, "chars"},
    {"chars=20", "Hello, world.", HELLO_ZH, NULL},
    /* training: the default set together */
    {"training", "The news tanked the market.", NEWS_ZH, NULL},
    {"training", "OpenAI", "OpenAI", "identical"},
};

static void test_each_filter_keeps_and_drops(void)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const filter_case *c = &cases[k];
        tme_filters f;
        tme_filters_init(&f);
        tme_error err;
        tme_error_clear(&err);
        CU_ASSERT_EQUAL_FATAL(tme_filters_parse(&f, c->spec, &err), TME_OK);
        tme_filter_kind got = tme_filters_check(&f, c->english, c->chinese);
        const char *name = got == TME_FILTER_COUNT ? NULL : tme_filter_name(got);
        int ok = (name == NULL && c->dropped_by == NULL) ||
                 (name != NULL && c->dropped_by != NULL && strcmp(name, c->dropped_by) == 0);
        if (!ok)
            fprintf(stderr, "\n  --filter %s on '%s' / '%s': %s, wanted %s\n", c->spec, c->english,
                    c->chinese, name ? name : "kept", c->dropped_by ? c->dropped_by : "kept");
        CU_ASSERT(ok);
    }
}

static void test_bad_specs_are_usage_errors(void)
{
    const char *bad[] = {"lenght",      "length=5-1", "ratio=0.5", "script=2", "repeat=1",
                         "identical=3", "score",      "score=2",   "chars=0"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        tme_filters f;
        tme_filters_init(&f);
        tme_error err;
        tme_error_clear(&err);
        CU_ASSERT_EQUAL(tme_filters_parse(&f, bad[k], &err), TME_ERR_USAGE);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "--filter"));
    }
    tme_filters f;
    tme_filters_init(&f);
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_filters_parse(&f, "score=0.4,url length", &err), TME_OK);
    CU_ASSERT(f.on[TME_FILTER_URL] && f.on[TME_FILTER_LENGTH] && !f.on[TME_FILTER_RATIO]);
    CU_ASSERT_DOUBLE_EQUAL(f.min_score, 0.4, 1e-9);
}

/* End to end: each filter's discards are counted in --stats, --filter
 * repeats, and the true pairs of the sample all pass the training set. */
static void test_discards_are_counted(void)
{
    const char *dir = tme_test_scratch_dir("filters");
    const char *pairs = tme_test_join(0, dir, "pairs.tsv");
    const char *text = "Hello, world.\t" HELLO_ZH "\n"
                       "https://example.org/\thttps://example.org/\n"
                       "buy buy buy buy buy buy now.\t" HELLO_ZH "\n"
                       "2025-02-05\t2025\xe5\xb9\xb4\n";
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(pairs, text, strlen(text)), 0);
    const char *err = tme_test_join(1, dir, "stderr.txt");
    CU_ASSERT_EQUAL(tme_test_run_clif(err,
                                      "align --unit paragraph --stats --filter identical "
                                      "--filter repeat,digits '%s' -o '%s'",
                                      pairs, tme_test_join(2, dir, "kept.tsv")),
                    0);
    char *stats = tme_test_read_file(err, NULL);
    CU_ASSERT_PTR_NOT_NULL(stats);
    CU_ASSERT_PTR_NOT_NULL(strstr(stats, "identical 1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(stats, "repeat 1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(stats, "digits 1"));
    CU_ASSERT_PTR_NOT_NULL(strstr(stats, "paragraph pairs: 4"));
    free(stats);
    char *kept = tme_test_read_file(tme_test_join(2, dir, "kept.tsv"), NULL);
    CU_ASSERT(kept != NULL && strcmp(kept, "Hello, world.\t" HELLO_ZH "\n") == 0);
    free(kept);
    CU_ASSERT_EQUAL(tme_test_run_clif(err, "extract --filter training '%s' -o '%s'",
                                      tme_test_source_path("samples/deepseek-bilingual.txt"),
                                      tme_test_join(3, dir, "sample.tsv")),
                    0);
    CU_ASSERT(tme_test_same_file(tme_test_join(3, dir, "sample.tsv"),
                                 tme_test_source_path("samples/expected/deepseek-bilingual.tsv")));
}

int main(void)
{
    CU_TestInfo tests[] = {
        {"each filter keeps and drops", test_each_filter_keeps_and_drops},
        {"bad specs are usage errors", test_bad_specs_are_usage_errors},
        {"discards are counted", test_discards_are_counted},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("filters", tests);
}
