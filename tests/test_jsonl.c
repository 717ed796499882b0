/* SPDX-License-Identifier: MIT */
/* The JSON Lines writer, read back by Python's json module
 * (tests/jsonl_read.py): every line is strict JSON in strict UTF-8, exactly
 * what Python's encoder writes for the same values (U+2028/2029 escaped as
 * well), and gives back exactly the units' text, on the sample and on a
 * hostile unit set. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "test_support.h"
#include "writer.h"

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

/* Runs jsonl_read.py on jsonl; the values it read, NUL-terminated each, in
 * a malloc'd buffer (length in *len), or NULL when Python refused a line. */
static char *python_reads(const char *jsonl, size_t *len)
{
    const char *values = at(14, "values.bin");
    remove(values);
    if (tme_test_shell("python3 '%s' '%s' '%s'", tme_test_source_path("tests/jsonl_read.py"), jsonl,
                       values) != 0)
        return NULL;
    return tme_test_read_file(values, len);
}

static int same_bytes(const char *got, size_t got_len, const char *expected, size_t expected_len)
{
    if (got != NULL && got_len == expected_len && memcmp(got, expected, got_len) == 0)
        return 1;
    fprintf(stderr, "\nvalues read back differ (%zu bytes, expected %zu)\n", got_len, expected_len);
    for (size_t i = 0; got != NULL && i < got_len && i < expected_len; i++)
        if (got[i] != expected[i]) {
            fprintf(stderr, "first difference at byte %zu: '%.40s' vs '%.40s'\n", i, got + i,
                    expected + i);
            break;
        }
    return 0;
}

/* The sample's JSON Lines hold the TSV's pairs, documents and scores: with
 * tabs and newlines made NULs, the TSV is what Python reads back. */
static void test_sample_reads_back_as_the_tsv(void)
{
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stderr_path(),
                          "extract '%s' --jsonl-fields translation,document,score "
                          "--tsv-fields source,target,document,score -o '%s' -o '%s'",
                          tme_test_source_path(SAMPLE), at(0, "sample.jsonl"), at(1, "sample.tsv")),
        0);
    size_t tsv_len, got_len;
    char *tsv = tme_test_read_file(at(1, "sample.tsv"), &tsv_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    CU_ASSERT(tsv_len > 1000);
    for (size_t i = 0; i < tsv_len; i++)
        if (tsv[i] == '\t' || tsv[i] == '\n')
            tsv[i] = '\0';
    char *got = python_reads(at(0, "sample.jsonl"), &got_len);
    CU_ASSERT(same_bytes(got, got_len, tsv, tsv_len));
    free(got);
    free(tsv);
}

/* The default is the translation alone, keyed by the primary subtags. */
static void test_default_line_is_the_translation_keyed_by_language(void)
{
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract '%s' --src-lang zh-Hans-CN --tgt-lang EN-GB "
                                            "-o '%s.gz'",
                                            tme_test_source_path(SAMPLE), at(0, "default.jsonl")),
                          0);
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("gzip -dc '%s.gz' > '%s'", at(0, "default.jsonl"), at(1, "default.jsonl")),
        0);
    char *text = tme_test_read_file(at(0, "default.jsonl"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_EQUAL(strncmp(text, "{\"translation\": {\"zh\": \"", 24), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\", \"en\": \""));
    CU_ASSERT_PTR_NULL(strstr(text, "\"score\""));
    CU_ASSERT_PTR_NULL(strstr(text, "\"document\""));
    size_t len;
    free(python_reads(at(0, "default.jsonl"), &len));
    CU_ASSERT(len > 1000);
    free(text);
}

static void test_bad_field_lists_are_usage_errors(void)
{
    const char *bad[] = {"document", "translation,translation", "translation,", "source",
                         "translation,,score"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
        CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' --jsonl-fields '%s' -o '%s'",
                                          tme_test_source_path(SAMPLE), bad[k], at(0, "bad.jsonl")),
                        2);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract '%s' --jsonl-fields score,translation "
                                      "-o '%s'",
                                      tme_test_source_path(SAMPLE), at(0, "order.jsonl")),
                    0);
    char *text = tme_test_read_file(at(0, "order.jsonl"), NULL);
    CU_ASSERT(text != NULL && strncmp(text, "{\"score\": ", 10) == 0);
    free(text);
}

/* ---- hostile units, through the writer itself -------------------------- */

/* Every C0 control but NUL (which a C string cannot hold). */
static char controls[32];

static const char *const hostile[][2] = {
    {"\"quoted\" and 'single'", "\xE2\x80\x9C\xE5\xBC\x95\xE5\x8F\xB7\xE2\x80\x9D"}, /* “引号” */
    {"back\\slash \\\\ \\n \\u0041 \\", "\\\""},
    {controls, "tab\there, newline\nthere, CR\r, DEL\x7f"},
    {"line\xE2\x80\xA8separator", "paragraph\xE2\x80\xA9separator"},        /* U+2028, U+2029 */
    {"emoji \xF0\x9F\x98\x80 \xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", /* 😀 👩‍💻 */
     "astral \xF0\x9D\x84\x9E \xF0\xA0\x80\x80 \xF4\x8F\xBF\xBF"},          /* 𝄞 𠀀 U+10FFFF */
    {"</script><!-- -->", "\xEF\xBB\xBF BOM, U+FFFE \xEF\xBF\xBE, U+FFFD \xEF\xBF\xBD"},
    {"/ slash and \xC2\xA0 no-break space", "\xE4\xB8\xAD\xE6\x96\x87"}, /* 中文 */
};

/* Document names are any file name's bytes: invalid UTF-8 becomes one
 * U+FFFD per byte that starts no valid sequence. */
static const char *const documents[][2] = {
    {"plain.txt", "plain.txt"},
    {"latin1 \xE9t\xE9.txt", "latin1 \xEF\xBF\xBDt\xEF\xBF\xBD.txt"},
    {"overlong \xC0\xAF surrogate \xED\xA0\x80",
     "overlong \xEF\xBF\xBD\xEF\xBF\xBD surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"cut \xE4\xB8", "cut \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"\"quote\\\x01.txt", "\"quote\\\x01.txt"},
};

#define N_HOSTILE (sizeof hostile / sizeof *hostile)
#define N_DOCUMENTS (sizeof documents / sizeof *documents)

static const tme_writer_context *jsonl_context(tme_option_values *values)
{
    static tme_writer_context context;
    tme_error err;
    tme_error_clear(&err);
    if (tme_option_values_init(values, &err) != TME_OK ||
        tme_option_values_set(values, "jsonl-fields", "translation,document,score", &err) != TME_OK)
        return NULL;
    context = (tme_writer_context){.source_lang = "en",
                                   .target_lang = "zh-CN",
                                   .segtype = "sentence",
                                   .tool_version = "test",
                                   .options = values};
    return &context;
}

static double score_of(size_t d, size_t u)
{
    return (double)(d * N_HOSTILE + u) / (double)(N_DOCUMENTS * N_HOSTILE);
}

static void write_hostile(const char *path)
{
    tme_option_values values;
    tme_error err;
    tme_error_clear(&err);
    tme_writer *w = tme_writer_open(tme_output_format_by_name("jsonl"), path, TME_SINK_PLAIN,
                                    jsonl_context(&values), &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    for (size_t d = 0; d < N_DOCUMENTS; d++) {
        CU_ASSERT_EQUAL(tme_writer_begin_document(w, documents[d][0], d, &err), TME_OK);
        for (size_t u = 0; u < N_HOSTILE; u++) {
            tme_unit unit = {hostile[u][0], hostile[u][1], score_of(d, u), documents[d][0], d, u,
                             NULL,          NULL};
            CU_ASSERT_EQUAL(tme_writer_write(w, &unit, &err), TME_OK);
        }
        CU_ASSERT_EQUAL(tme_writer_end_document(w, &err), TME_OK);
    }
    CU_ASSERT_EQUAL(tme_writer_finish(w, &err), TME_OK);
    tme_option_values_free(&values);
}

static void append(char **buf, size_t *len, const char *text)
{
    size_t n = strlen(text) + 1;
    *buf = realloc(*buf, *len + n);
    memcpy(*buf + *len, text, n);
    *len += n;
}

static void test_hostile_units_read_back_exactly(void)
{
    for (int c = 1; c < 32; c++)
        controls[c - 1] = (char)c;
    write_hostile(at(0, "hostile.jsonl"));
    char *expected = NULL;
    size_t expected_len = 0;
    for (size_t d = 0; d < N_DOCUMENTS; d++)
        for (size_t u = 0; u < N_HOSTILE; u++) {
            char score[48];
            long scaled = (long)(score_of(d, u) * 10000 + 0.5);
            snprintf(score, sizeof score, "%ld.%04ld", scaled / 10000, scaled % 10000);
            append(&expected, &expected_len, hostile[u][0]);
            append(&expected, &expected_len, hostile[u][1]);
            append(&expected, &expected_len, documents[d][1]);
            append(&expected, &expected_len, score);
        }
    size_t got_len = 0;
    char *got = python_reads(at(0, "hostile.jsonl"), &got_len);
    CU_ASSERT(same_bytes(got, got_len, expected, expected_len));
    /* The escapes themselves: short ones where JSON has them, \u00XX for the
     * other controls, U+2028/2029 never raw. */
    char *text = tme_test_read_file(at(0, "hostile.jsonl"), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007"
                                        "\\b\\t\\n\\u000b\\f\\r\\u000e"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\\u001f\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "line\\u2028separator"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "paragraph\\u2029separator"));
    CU_ASSERT_PTR_NULL(strstr(text, "\xE2\x80\xA8"));
    CU_ASSERT_PTR_NULL(strstr(text, "\xE2\x80\xA9"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\xF0\x9F\x98\x80")); /* 😀 kept as UTF-8 */
    free(text);
    free(got);
    free(expected);
}

/* Scores are built from integers: a locale whose decimal point is a comma
 * changes nothing. */
static void test_scores_ignore_the_locale(void)
{
    const char *commas[] = {"de_DE.UTF-8", "fr_FR.UTF-8", "ru_RU.UTF-8", "de_DE", NULL};
    const char *set = NULL;
    for (size_t k = 0; commas[k] != NULL && set == NULL; k++)
        set = setlocale(LC_NUMERIC, commas[k]);
    if (set == NULL) {
        fprintf(stderr, "\n  SKIPPED: no locale with a decimal comma is installed ");
        return;
    }
    write_hostile(at(0, "locale.jsonl"));
    setlocale(LC_NUMERIC, "C");
    char *text = tme_test_read_file(at(0, "locale.jsonl"), NULL);
    CU_ASSERT(text != NULL && strstr(text, "\"score\": 0,") == NULL);
    size_t len;
    char *got = python_reads(at(0, "locale.jsonl"), &len);
    CU_ASSERT_PTR_NOT_NULL(got);
    free(got);
    free(text);
}

int main(void)
{
    dir = tme_test_scratch_dir("jsonl");
    if (dir == NULL)
        return 2;
    CU_TestInfo tests[] = {
        {"sample reads back as the TSV", test_sample_reads_back_as_the_tsv},
        {"default line is the translation keyed by language",
         test_default_line_is_the_translation_keyed_by_language},
        {"bad field lists are usage errors", test_bad_field_lists_are_usage_errors},
        {"hostile units read back exactly", test_hostile_units_read_back_exactly},
        {"scores ignore the locale", test_scores_ignore_the_locale},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("jsonl", tests);
}
