/* SPDX-License-Identifier: MIT */
/* Encodings without mojibake: GB18030, Big5 and UTF-16 chosen by evidence
 * (a Big5 article decodes "cleanly" as GB18030 too), weak evidence an error,
 * charset labels as browsers read them, and the Chinese script counted by
 * character. Decoded text is compared with the UTF-8 original byte for
 * byte; the tool's pairs with those of the UTF-8 file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset_label.h"
#include "chinese_script.h"
#include "decode.h"
#include "encoding_detect.h"
#include "test_support.h"

#define ZH_TW "samples/python-tutorial-appetite-zh-tw/article.txt"
#define ZH_TW_BIG5 "samples/python-tutorial-appetite-zh-tw/article.big5.txt"
#define ZH_CN "samples/python-tutorial-appetite/article.txt"
#define SAMPLE "samples/deepseek-bilingual.txt"

/* The zh-TW article's title pair, and the zh-CN one's (two lines, two
 * paragraphs): too short to tell. */
#define TW_TITLE                                                                                   \
    "Whetting Your Appetite\n\n\xE6\xB7\xBA\xE5\x98\x97\xE6\xBB\x8B\xE5\x91\xB3\n" /* 淺嘗滋味 */
#define CN_TITLE                                                                                   \
    "Whetting Your Appetite\n\n\xE8\xAF\xBE\xE5\x89\x8D\xE7\x94\x9C\xE7\x82\xB9\n" /* 课前甜点 */

static const char *dir;

static char *read_source(const char *relative, size_t *len)
{
    char *text = tme_test_read_file(tme_test_source_path(relative), len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    return text;
}

static char *encode(const char *utf8, size_t len, const char *encoding, size_t *out_len)
{
    char *bytes = tme_test_encode(utf8, len, encoding, out_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    return bytes;
}

static tme_status decode(const char *bytes, size_t len, const char *encoding, tme_text *out,
                         tme_error *err)
{
    tme_error_clear(err);
    return tme_decode((const unsigned char *)bytes, len, encoding, "in.txt", out, err);
}

/* Decodes `bytes` with no encoding named and checks the result is utf8
 * exactly, found by `method` as `encoding`. */
static void check_decodes_to(const char *bytes, size_t len, const char *utf8, size_t utf8_len,
                             tme_encoding_method method, const char *encoding)
{
    tme_text t;
    tme_error err;
    tme_status status = decode(bytes, len, NULL, &t, &err);
    if (status != TME_OK)
        fprintf(stderr, "\n    %s", err.message);
    CU_ASSERT_EQUAL_FATAL(status, TME_OK);
    CU_ASSERT_EQUAL(t.len, utf8_len);
    CU_ASSERT(t.len == utf8_len && memcmp(t.text, utf8, utf8_len) == 0);
    CU_ASSERT_EQUAL(t.method, method);
    CU_ASSERT_STRING_EQUAL(t.encoding, encoding);
    tme_text_free(&t);
}

/* The article converted to `encoding` decodes to itself with no option. */
static void check_round_trip(const char *relative, const char *encoding, tme_encoding_method method)
{
    size_t len, encoded_len;
    char *utf8 = read_source(relative, &len);
    char *bytes = encode(utf8, len, encoding, &encoded_len);
    check_decodes_to(bytes, encoded_len, utf8, len, method, encoding);
    free(bytes);
    free(utf8);
}

/* Weak evidence: an error naming the file, the plausible encodings and
 * --encoding; nothing decoded. */
static void check_refused(const char *utf8, const char *encoding, const char *says)
{
    size_t len;
    char *bytes = encode(utf8, strlen(utf8), encoding, &len);
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode(bytes, len, NULL, &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "in.txt:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot tell the encoding"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "--encoding"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, says));
    /* The bytes themselves decode when named. */
    CU_ASSERT_EQUAL_FATAL(decode(bytes, len, encoding, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, utf8);
    tme_text_free(&t);
    free(bytes);
}

static void test_labels_map_to_iconv_names(void)
{
    static const char *const gb[] = {"gbk",     "GBK",     " x-gbk\t", "gb2312", "GB_2312-80",
                                     "gb_2312", "chinese", "csgb2312", "cp936",  "gb18030"};
    for (size_t i = 0; i < sizeof gb / sizeof *gb; i++) {
        const char *name = tme_encoding_from_label(gb[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(name);
        CU_ASSERT_STRING_EQUAL(name, "GB18030");
    }
    static const char *const big5[] = {"big5",     "Big5-HKSCS", "cn-big5", "csbig5",
                                       "x-x-big5", "CP950",      "BIG5 "};
    for (size_t i = 0; i < sizeof big5 / sizeof *big5; i++) {
        const char *name = tme_encoding_from_label(big5[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(name);
        CU_ASSERT_STRING_EQUAL(name, "BIG5-HKSCS"); /* glibc has it */
    }
    static const char *const others[] = {"utf-8", "UTF-16LE", "gb 2312", "big5x", "gbk2", ""};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        CU_ASSERT_PTR_NULL(tme_encoding_from_label(others[i]));
}

static void test_gbk_label_decodes_as_gb18030(void)
{
    /* 𠮷 U+20BB7 is GB18030's four-byte 95 34 B2 35, which GBK lacks. */
    const char *text = "GBK: \xE4\xB8\xAD\xE6\x96\x87 \xF0\xA0\xAE\xB7\n"; /* 中文 𠮷 */
    size_t len;
    char *gb = encode(text, strlen(text), "GB18030", &len);
    static const char *const labels[] = {"gbk", "GB2312", "gb_2312-80", "x-gbk", "cp936"};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        tme_text t;
        tme_error err;
        CU_ASSERT_EQUAL_FATAL(decode(gb, len, labels[i], &t, &err), TME_OK);
        CU_ASSERT_STRING_EQUAL(t.text, text);
        CU_ASSERT_STRING_EQUAL(t.encoding, "GB18030");
        CU_ASSERT_EQUAL(t.method, TME_ENCODING_NAMED);
        CU_ASSERT_STRING_EQUAL(t.label, labels[i]);
        tme_text_free(&t);
    }
    free(gb);
}

static void test_big5_label_decodes_as_big5_hkscs(void)
{
    /* 㗎 U+35CE is HKSCS 9D EE, not in plain Big5. */
    const char *text = "\xE4\xBF\x82\xE5\x92\xAA\xE3\x97\x8E\n"; /* 係咪㗎 */
    size_t len;
    char *big5 = encode(text, strlen(text), "BIG5-HKSCS", &len);
    static const char *const labels[] = {"big5", "Big5-HKSCS", "cp950", "cn-big5"};
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
        tme_text t;
        tme_error err;
        CU_ASSERT_EQUAL_FATAL(decode(big5, len, labels[i], &t, &err), TME_OK);
        CU_ASSERT_STRING_EQUAL(t.text, text);
        CU_ASSERT_STRING_EQUAL(t.encoding, "BIG5-HKSCS");
        tme_text_free(&t);
    }
    free(big5);
}

static void test_big5_article_is_detected(void)
{
    size_t len, big5_len;
    char *utf8 = read_source(ZH_TW, &len);
    char *big5 = read_source(ZH_TW_BIG5, &big5_len);
    check_decodes_to(big5, big5_len, utf8, len, TME_ENCODING_DETECTED, "BIG5-HKSCS");
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(big5, big5_len, NULL, &t, &err), TME_OK);
    CU_ASSERT_EQUAL(t.guessed, 1);
    /* Measured: 1212 characters, 1.00 frequent; as GB18030 0.21. */
    CU_ASSERT(t.evidence.characters > 1000);
    CU_ASSERT(t.evidence.share > 0.95);
    CU_ASSERT_STRING_EQUAL(t.evidence.runner_up, "GB18030");
    CU_ASSERT(t.evidence.runner_up_share < 0.4);
    CU_ASSERT_STRING_EQUAL(t.evidence.uchardet, "BIG5");
    char reason[256];
    tme_text_encoding_reason(&t, reason, sizeof reason);
    CU_ASSERT_PTR_NOT_NULL(strstr(reason, "BIG5-HKSCS (detected: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(reason, "as GB18030; uchardet: BIG5)"));
    tme_text_free(&t);
    free(big5);
    free(utf8);
}

static void test_gb18030_articles_are_detected(void)
{
    /* Simplified (the sample, with a Traditional line) and Traditional
     * text alike: GB18030 writes both. */
    check_round_trip(SAMPLE, "GB18030", TME_ENCODING_DETECTED);
    check_round_trip(ZH_CN, "GB18030", TME_ENCODING_DETECTED);
    check_round_trip(ZH_TW, "GB18030", TME_ENCODING_DETECTED);
}

static void check_utf16_with_bom(const char *relative, const char *encoding, const char *bom)
{
    size_t len, encoded_len;
    char *utf8 = read_source(relative, &len);
    char *body = encode(utf8, len, encoding, &encoded_len);
    char *bytes = malloc(encoded_len + 2);
    memcpy(bytes, bom, 2);
    memcpy(bytes + 2, body, encoded_len);
    check_decodes_to(bytes, encoded_len + 2, utf8, len, TME_ENCODING_BOM, encoding);
    free(bytes);
    free(body);
    free(utf8);
}

static void test_utf16_with_and_without_bom(void)
{
    const char *articles[] = {SAMPLE, ZH_TW};
    for (size_t i = 0; i < 2; i++) {
        check_utf16_with_bom(articles[i], "UTF-16LE", "\xFF\xFE");
        check_utf16_with_bom(articles[i], "UTF-16BE", "\xFE\xFF");
        check_round_trip(articles[i], "UTF-16LE", TME_ENCODING_NUL_PATTERN);
        check_round_trip(articles[i], "UTF-16BE", TME_ENCODING_NUL_PATTERN);
    }
}

/* The Chinese paragraphs of the zh-TW article without their ASCII, one a
 * line. */
static char *chinese_lines(size_t *len)
{
    char *utf8 = read_source(ZH_TW, len);
    char *out = malloc(*len + 1);
    size_t n = 0;
    for (char *line = strtok(utf8, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if ((unsigned char)line[0] < 0xE4)
            continue;
        for (const char *c = line; *c; c++)
            if ((unsigned char)*c >= 0x80)
                out[n++] = *c;
        out[n++] = '\n';
    }
    free(utf8);
    *len = n;
    return out;
}

static void test_chinese_only_utf16_without_bom_is_detected(void)
{
    /* No ASCII, so no NUL pattern: a few NULs (line ends, 一 U+4E00) and
     * the evidence. */
    size_t len;
    char *utf8 = chinese_lines(&len);
    CU_ASSERT_FATAL(len > 300);
    const char *encodings[] = {"UTF-16LE", "UTF-16BE"};
    for (size_t i = 0; i < 2; i++) {
        size_t encoded_len;
        char *bytes = encode(utf8, len, encodings[i], &encoded_len);
        check_decodes_to(bytes, encoded_len, utf8, len, TME_ENCODING_DETECTED, encodings[i]);
        free(bytes);
    }
    free(utf8);
}

static void test_one_paragraph_is_enough(void)
{
    /* The article's first paragraph pair: 101 characters judged. */
    const char *pair = "If you do much work on computers, eventually you find that there's some "
                       "task you'd like to automate.\n\n"
                       "\xE5\xA6\x82\xE6\x9E\x9C\xE4\xBD\xA0\xE7\xB6\x93\xE5\xB8\xB8\xE5\x9C\xA8"
                       "\xE9\x9B\xBB\xE8\x85\xA6\xE4\xB8\x8A\xE5\xB7\xA5\xE4\xBD\x9C\xEF\xBC\x8C"
                       "\xE6\x9C\x80\xE7\xB5\x82\xE7\xB8\xBD\xE8\x83\xBD\xE7\x99\xBC\xE7\x8F\xBE"
                       "\xE6\x9C\x89\xE4\xBA\x9B\xE5\xB7\xA5\xE4\xBD\x9C\xE4\xBD\xA0\xE6\x9C\x83"
                       "\xE6\x83\xB3\xE8\xA6\x81\xE8\x87\xAA\xE5\x8B\x95\xE5\x8C\x96\xE3\x80\x82"
                       "\n";
    /* 如果你經常在電腦上工作，最終總能發現有些工作你會想要自動化。 */
    const char *encodings[] = {"BIG5-HKSCS", "GB18030"};
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        char *bytes = encode(pair, strlen(pair), encodings[i], &len);
        check_decodes_to(bytes, len, pair, strlen(pair), TME_ENCODING_DETECTED, encodings[i]);
        free(bytes);
    }
}

static void test_a_title_is_too_short_to_tell(void)
{
    /* Both directions: Big5 that would be GB18030 mojibake, GB18030 that
     * would be Big5 mojibake. */
    check_refused(TW_TITLE, "BIG5-HKSCS", "too short to tell: 4 characters to judge, 20 needed");
    check_refused(TW_TITLE, "BIG5-HKSCS", "plausible: GB18030, BIG5-HKSCS");
    check_refused(CN_TITLE, "GB18030", "too short to tell");
    check_refused(CN_TITLE, "GB18030", "plausible: GB18030, BIG5-HKSCS");
    /* 12 characters is still too few (wrong decodings scored up to 0.83). */
    check_refused("\xE5\x88\x9D\xE5\x89\xB5\xE5\x85\xAC\xE5\x8F\xB8\xE7\x99\xBC\xE5\xB8\x83"
                  "\xE6\x96\xB0\xE7\x9A\x84\xE8\xAA\x9E\xE8\xA8\x80\xE6\xA8\xA1\xE5\x9E\x8B\n",
                  "BIG5-HKSCS", "12 characters to judge"); /* 初創公司發布新的語言模型 */
}

static void test_a_mixture_is_an_error(void)
{
    /* A Big5 paragraph followed by a GB18030 one: no decoding reads as
     * Chinese throughout. */
    size_t tw_len, cn_len, big5_len, gb_len;
    char *tw = read_source(ZH_TW, &tw_len);
    char *cn = read_source(ZH_CN, &cn_len);
    char *big5 = encode(tw, tw_len, "BIG5-HKSCS", &big5_len);
    char *gb = encode(cn, cn_len, "GB18030", &gb_len);
    char *mixed = malloc(big5_len + gb_len);
    memcpy(mixed, big5, big5_len);
    memcpy(mixed + big5_len, gb, gb_len);
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode(mixed, big5_len + gb_len, NULL, &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "cannot tell the encoding"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "--encoding"));
    free(mixed);
    free(gb);
    free(big5);
    free(cn);
    free(tw);
}

static void test_judging_counts_frequent_han(void)
{
    tme_candidate c = {.encoding = "x"};
    /* 的是不了 (GB2312 level 1), 體們 (Big5 level 1), 丟 (Big5 level 1, not
     * GB2312); 龘 (neither); あい (kana); ，。「」 and spaces not judged. */
    const char *text = "\xE7\x9A\x84\xE6\x98\xAF\xE4\xB8\x8D\xE4\xBA\x86 \xE9\xAB\x94\xE5\x80\x91"
                       "\xE4\xB8\x9F \xE9\xBE\x98 \xE3\x81\x82\xE3\x81\x84"
                       "\xEF\xBC\x8C\xE3\x80\x82\xE3\x80\x8C\xE3\x80\x8D ok";
    tme_candidate_judge(&c, text, strlen(text));
    CU_ASSERT_EQUAL(c.characters, 10);
    CU_ASSERT_EQUAL(c.frequent, 7);
    CU_ASSERT_DOUBLE_EQUAL(tme_candidate_share(&c), 0.7, 1e-9);
    tme_candidate_judge(&c, "ascii only", 10);
    CU_ASSERT_EQUAL(c.characters, 0);
    CU_ASSERT_DOUBLE_EQUAL(tme_candidate_share(&c), 0.0, 1e-9);
}

static void test_reasons(void)
{
    tme_text t;
    tme_error err;
    char reason[256];
    CU_ASSERT_EQUAL_FATAL(decode("abc\n", 4, NULL, &t, &err), TME_OK);
    tme_text_encoding_reason(&t, reason, sizeof reason);
    CU_ASSERT_STRING_EQUAL(reason, "UTF-8 (the bytes are valid UTF-8)");
    tme_text_free(&t);
    CU_ASSERT_EQUAL_FATAL(decode("\xEF\xBB\xBF"
                                 "abc\n",
                                 7, NULL, &t, &err),
                          TME_OK);
    tme_text_encoding_reason(&t, reason, sizeof reason);
    CU_ASSERT_STRING_EQUAL(reason, "UTF-8 (byte-order mark)");
    tme_text_free(&t);
    CU_ASSERT_EQUAL_FATAL(decode("abc\n", 4, "gbk", &t, &err), TME_OK);
    tme_text_encoding_reason(&t, reason, sizeof reason);
    CU_ASSERT_STRING_EQUAL(reason, "GB18030 (named: gbk)");
    tme_text_free(&t);
}

static void test_chinese_script_is_counted(void)
{
    size_t len, t, s;
    char *text = read_source(ZH_TW, &len);
    /* Measured: 403 Traditional-only characters, no Simplified-only one. */
    CU_ASSERT_EQUAL(tme_detect_chinese_script(text, len, &t, &s), TME_CHINESE_TRADITIONAL);
    CU_ASSERT(t > 300);
    CU_ASSERT_EQUAL(s, 0);
    free(text);
    /* The sample: Simplified with one Traditional line (中華青年思想與行動
     * 的聚合地: 華, 與, 動). */
    text = read_source(SAMPLE, &len);
    CU_ASSERT_EQUAL(tme_detect_chinese_script(text, len, &t, &s), TME_CHINESE_SIMPLIFIED);
    CU_ASSERT_EQUAL(t, 3);
    CU_ASSERT(s > 500);
    free(text);
    text = read_source(ZH_CN, &len);
    CU_ASSERT_EQUAL(tme_detect_chinese_script(text, len, &t, &s), TME_CHINESE_SIMPLIFIED);
    CU_ASSERT_EQUAL(t, 0);
    free(text);
    /* 中文 后 群: shared by both scripts. */
    const char *shared = "\xE4\xB8\xAD\xE6\x96\x87 \xE5\x90\x8E \xE7\xBE\xA4";
    CU_ASSERT_EQUAL(tme_detect_chinese_script(shared, strlen(shared), &t, &s), TME_CHINESE_UNKNOWN);
    CU_ASSERT(t == 0 && s == 0);
    /* 体體们們 and a stray invalid byte. */
    const char *mixed = "\xE4\xBD\x93\xE9\xAB\x94\xFF\xE4\xBB\xAC\xE5\x80\x91";
    CU_ASSERT_EQUAL(tme_detect_chinese_script(mixed, strlen(mixed), &t, &s), TME_CHINESE_MIXED);
    CU_ASSERT(t == 2 && s == 2);
    CU_ASSERT_STRING_EQUAL(tme_chinese_script_name(TME_CHINESE_TRADITIONAL), "Traditional");
}

/* End to end: the tool reads the Big5 article with no option and gives the
 * pairs of its UTF-8 version. */
static void test_tool_extracts_big5_like_utf8(void)
{
    const char *from_big5 = tme_test_join(0, dir, "big5.tsv");
    const char *from_utf8 = tme_test_join(1, dir, "utf8.tsv");
    const char *err = tme_test_join(2, dir, "stderr.txt");
    CU_ASSERT_EQUAL(
        tme_test_run_clif(err, "extract '%s' -o '%s'", tme_test_source_path(ZH_TW_BIG5), from_big5),
        0);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(err, "extract '%s' -o '%s'", tme_test_source_path(ZH_TW), from_utf8), 0);
    CU_ASSERT(tme_test_same_file(from_big5, from_utf8));
    size_t len;
    char *pairs = tme_test_read_file(from_big5, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pairs);
    /* 淺嘗滋味: the title pair, in Traditional characters. */
    CU_ASSERT_PTR_NOT_NULL(strstr(pairs, "Whetting Your Appetite\t\xE6\xB7\xBA\xE5\x98\x97"
                                         "\xE6\xBB\x8B\xE5\x91\xB3\n"));
    free(pairs);
}

static void test_tool_refuses_weak_evidence_and_takes_a_label(void)
{
    size_t len;
    char *big5 = encode(TW_TITLE, strlen(TW_TITLE), "BIG5-HKSCS", &len);
    const char *in = tme_test_join(0, dir, "title.big5.txt");
    const char *out = tme_test_join(1, dir, "title.tsv");
    const char *err = tme_test_join(2, dir, "stderr.txt");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, big5, len), 0);
    free(big5);
    unlink(out);
    CU_ASSERT_NOT_EQUAL(tme_test_run_clif(err, "extract '%s' -o '%s'", in, out), 0);
    CU_ASSERT(access(out, F_OK) != 0);
    char *said = tme_test_read_file(err, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(said);
    CU_ASSERT_PTR_NOT_NULL(strstr(said, "title.big5.txt:3: cannot tell the encoding"));
    CU_ASSERT_PTR_NOT_NULL(strstr(said, "plausible: GB18030, BIG5-HKSCS"));
    CU_ASSERT_PTR_NOT_NULL(strstr(said, "--encoding"));
    free(said);
    /* every Big5 label the README lists, iconv's names or not */
    static const char *const big5_labels[] = {"big5",   "big5-hkscs", "cn-big5",
                                              "csbig5", "cp950",      "x-x-big5"};
    for (size_t k = 0; k < sizeof big5_labels / sizeof big5_labels[0]; k++) {
        unlink(out);
        CU_ASSERT_EQUAL(
            tme_test_run_clif(err, "extract --encoding %s '%s' -o '%s'", big5_labels[k], in, out),
            0);
        char *pairs = tme_test_read_file(out, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pairs);
        CU_ASSERT_STRING_EQUAL(pairs, "Whetting Your Appetite\t\xE6\xB7\xBA\xE5\x98\x97\xE6\xBB"
                                      "\x8B\xE5\x91\xB3\n");
        free(pairs);
    }
}

static void test_tool_reads_gb18030_with_a_gbk_label(void)
{
    size_t len, gb_len;
    char *utf8 = read_source(SAMPLE, &len);
    char *gb = encode(utf8, len, "GB18030", &gb_len);
    free(utf8);
    const char *in = tme_test_join(0, dir, "sample.gbk.txt");
    const char *out = tme_test_join(1, dir, "sample.tsv");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, gb, gb_len), 0);
    free(gb);
    /* every GB label the README lists: x-gbk, gb_2312-80 and chinese are
     * no iconv names */
    static const char *const gb_labels[] = {"gbk",     "gb2312", "gb_2312-80", "x-gbk",
                                            "chinese", "cp936",  "gb18030"};
    for (size_t k = 0; k < sizeof gb_labels / sizeof gb_labels[0]; k++) {
        unlink(out);
        CU_ASSERT_EQUAL(tme_test_run_clif(tme_test_join(2, dir, "stderr.txt"),
                                          "extract --encoding %s '%s' -o '%s'", gb_labels[k], in,
                                          out),
                        0);
        CU_ASSERT(tme_test_same_file(
            out, tme_test_source_path("samples/expected/deepseek-bilingual.tsv")));
    }
}

static CU_TestInfo tests[] = {
    {"charset labels map to iconv names", test_labels_map_to_iconv_names},
    {"gbk labels decode as GB18030", test_gbk_label_decodes_as_gb18030},
    {"big5 labels decode as Big5-HKSCS", test_big5_label_decodes_as_big5_hkscs},
    {"Big5 article detected, byte for byte", test_big5_article_is_detected},
    {"GB18030 articles detected, byte for byte", test_gb18030_articles_are_detected},
    {"UTF-16LE/BE with and without BOM", test_utf16_with_and_without_bom},
    {"Chinese-only UTF-16 without BOM detected", test_chinese_only_utf16_without_bom_is_detected},
    {"one paragraph is evidence enough", test_one_paragraph_is_enough},
    {"a title is too short to tell (both directions)", test_a_title_is_too_short_to_tell},
    {"a Big5 + GB18030 mixture is an error", test_a_mixture_is_an_error},
    {"judging counts frequent Han characters", test_judging_counts_frequent_han},
    {"encoding reasons", test_reasons},
    {"Chinese script counted by character", test_chinese_script_is_counted},
    {"tool: Big5 article gives the UTF-8 pairs", test_tool_extracts_big5_like_utf8},
    {"tool: weak evidence refused, every Big5 label reads it",
     test_tool_refuses_weak_evidence_and_takes_a_label},
    {"tool: every GB label reads GB18030", test_tool_reads_gb18030_with_a_gbk_label},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    dir = tme_test_scratch_dir("encodings");
    if (dir == NULL)
        return 2;
    return tme_run_suite("encodings", tests);
}
