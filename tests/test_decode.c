/* SPDX-License-Identifier: MIT */
/* Decoding: BOMs, line ends, GB18030 and UTF-16 guesses, errors that name the
 * line and byte. */
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "test_support.h"

static tme_status decode(const char *bytes, size_t len, const char *encoding, tme_text *out,
                         tme_error *err)
{
    tme_error_clear(err);
    return tme_decode((const unsigned char *)bytes, len, encoding, "in.txt", out, err);
}

/* UTF-8 converted into another encoding (test data only). */
static char *encode(const char *utf8, const char *encoding, size_t *len)
{
    char *bytes = tme_test_encode(utf8, strlen(utf8), encoding, len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    return bytes;
}

static void test_plain_utf8(void)
{
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode("Hello\n世界\n", 13, NULL, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, "Hello\n世界\n");
    CU_ASSERT_STRING_EQUAL(t.encoding, "UTF-8");
    CU_ASSERT_EQUAL(t.guessed, 0);
    tme_text_free(&t);
}

static void test_utf8_bom_and_crlf(void)
{
    const char in[] = "\xEF\xBB\xBFHello\r\n\r\n世界\r\n";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(in, sizeof in - 1, NULL, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, "Hello\n\n世界\n");
    CU_ASSERT_EQUAL(t.len, strlen("Hello\n\n世界\n"));
    tme_text_free(&t);
}

static void test_lone_cr_and_mixed_line_ends(void)
{
    const char in[] = "a\rb\r\nc\nd\r";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(in, sizeof in - 1, NULL, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, "a\nb\nc\nd\n");
    tme_text_free(&t);
}

static void check_utf16(const char *encoding, const char *bom, int guessed)
{
    const char *text = "English line\n中文，第二行\n";
    size_t len;
    char *body = encode(text, encoding, &len);
    size_t bom_len = strlen(bom);
    char *bytes = malloc(len + bom_len);
    memcpy(bytes, bom, bom_len);
    memcpy(bytes + bom_len, body, len);
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(bytes, len + bom_len, NULL, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, text);
    CU_ASSERT_EQUAL(t.guessed, guessed);
    tme_text_free(&t);
    free(body);
    free(bytes);
}

static void test_utf16le_bom(void)
{
    check_utf16("UTF-16LE", "\xFF\xFE", 0);
}

static void test_utf16be_bom(void)
{
    check_utf16("UTF-16BE", "\xFE\xFF", 0);
}

static void test_utf16le_without_bom_is_guessed(void)
{
    check_utf16("UTF-16LE", "", 1);
}

static void test_gb18030_is_guessed(void)
{
    /* 32 characters to judge: enough evidence (encoding_detect.h). */
    const char *text = "第一段：中国初创公司DeepSeek发布了新的大语言模型，引起了全球科技界的"
                       "广泛关注。\n\nSecond paragraph.\n";
    size_t len;
    char *gb = encode(text, "GB18030", &len);
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(gb, len, NULL, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, text);
    CU_ASSERT_STRING_EQUAL(t.encoding, "GB18030");
    CU_ASSERT_EQUAL(t.guessed, 1);
    tme_text_free(&t);
    free(gb);
}

static void test_big5_by_name(void)
{
    size_t len;
    char *big5 = encode("繁體中文，臺灣。\n", "BIG5", &len);
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(big5, len, "BIG5", &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, "繁體中文，臺灣。\n");
    tme_text_free(&t);
    free(big5);
}

static void test_broken_utf8_is_reported_with_line_and_offset(void)
{
    /* Mostly good UTF-8 with one bad byte on line 3: never GB18030 mojibake. */
    const char in[] = "第一行\n第二行\nab\xC3(\n第四行\n";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode(in, sizeof in - 1, NULL, &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "in.txt:3:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "invalid UTF-8 byte 0xC3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "byte offset 22"));
}

static void test_explicit_utf8_rejects_bad_bytes(void)
{
    const char in[] = "ok\nline two \xFF\n";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode(in, sizeof in - 1, "UTF-8", &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "in.txt:2:"));
}

static void test_invalid_bytes_for_named_encoding(void)
{
    const char in[] = "abc\ndef\n\x81\n";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode(in, sizeof in - 1, "GB18030", &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "in.txt:3:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "byte offset 8"));
}

static void test_unknown_encoding_is_a_usage_error(void)
{
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode("x", 1, "NO-SUCH-ENCODING", &t, &err), TME_ERR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "NO-SUCH-ENCODING"));
}

static void test_nul_bytes_are_an_error(void)
{
    const char in[] = "text\nmore\0text\n";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode(in, sizeof in - 1, NULL, &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "NUL"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "in.txt:2:"));
}

static void test_random_binary_asks_for_encoding(void)
{
    unsigned char bytes[4096];
    unsigned state = 12345;
    for (size_t i = 0; i < sizeof bytes; i++) {
        state = state * 1103515245u + 12345u;
        bytes[i] = (unsigned char)(state >> 16) | 0x80; /* no NULs: not UTF-16 either */
    }
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL(decode((const char *)bytes, sizeof bytes, NULL, &t, &err), TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "--encoding"));
}

static void test_unpaired_surrogate_in_utf16_is_dropped_and_counted(void)
{
    /* "a", lone high surrogate D800, "b" in UTF-16LE with BOM. */
    const char in[] = "\xFF\xFE"
                      "a\0"
                      "\x00\xD8"
                      "b\0";
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode(in, sizeof in - 1, NULL, &t, &err), TME_OK);
    CU_ASSERT_STRING_EQUAL(t.text, "ab");
    CU_ASSERT_EQUAL(t.surrogates_dropped, 1);
    tme_text_free(&t);
}

static void test_empty_input(void)
{
    tme_text t;
    tme_error err;
    CU_ASSERT_EQUAL_FATAL(decode("", 0, NULL, &t, &err), TME_OK);
    CU_ASSERT_EQUAL(t.len, 0);
    CU_ASSERT_STRING_EQUAL(t.text, "");
    tme_text_free(&t);
}

static CU_TestInfo tests[] = {
    {"plain UTF-8", test_plain_utf8},
    {"UTF-8 BOM and CRLF", test_utf8_bom_and_crlf},
    {"lone CR and mixed line ends", test_lone_cr_and_mixed_line_ends},
    {"UTF-16LE with BOM", test_utf16le_bom},
    {"UTF-16BE with BOM", test_utf16be_bom},
    {"UTF-16LE without BOM is guessed", test_utf16le_without_bom_is_guessed},
    {"GB18030 is guessed", test_gb18030_is_guessed},
    {"Big5 by name", test_big5_by_name},
    {"broken UTF-8 reported with line and offset",
     test_broken_utf8_is_reported_with_line_and_offset},
    {"explicit UTF-8 rejects bad bytes", test_explicit_utf8_rejects_bad_bytes},
    {"invalid bytes for a named encoding", test_invalid_bytes_for_named_encoding},
    {"unknown encoding is a usage error", test_unknown_encoding_is_a_usage_error},
    {"NUL bytes are an error", test_nul_bytes_are_an_error},
    {"random binary asks for --encoding", test_random_binary_asks_for_encoding},
    {"unpaired UTF-16 surrogate dropped", test_unpaired_surrogate_in_utf16_is_dropped_and_counted},
    {"empty input", test_empty_input},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("decode", tests);
}
