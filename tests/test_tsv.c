/* SPDX-License-Identifier: MIT */
/* The TSV writer: one pair a line, fields never break the line; the format
 * and option registries. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "test_support.h"
#include "writer.h"

static char *write_pairs(const tme_unit *pairs, size_t n)
{
    const char *dir = tme_test_scratch_dir("tsv");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.tsv", dir);
    tme_writer_options options = {"en", "zh-CN", "sentence", "test", 0, 0, NULL};
    tme_error err;
    tme_error_clear(&err);
    tme_writer *w = tme_writer_open(tme_output_format_by_name("tsv"), path, TME_SINK_PLAIN,
                                    tme_test_context(&options), &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(tme_writer_begin_document(w, "doc", 0, &err), TME_OK);
    for (size_t k = 0; k < n; k++)
        CU_ASSERT_EQUAL(tme_writer_write(w, &pairs[k], &err), TME_OK);
    CU_ASSERT_EQUAL(tme_writer_end_document(w, &err), TME_OK);
    CU_ASSERT_EQUAL_FATAL(tme_writer_finish(w, &err), TME_OK);
    return tme_test_read_file(path, NULL);
}

static void test_pairs_are_lines(void)
{
    tme_unit pairs[] = {{"Hello.", "你好。", 0.9, "doc", 0, 0, NULL, NULL},
                        {"Bye.", "再见。", 0.8, "doc", 0, 1, NULL, NULL}};
    char *got = write_pairs(pairs, 2);
    CU_ASSERT_STRING_EQUAL(got, "Hello.\t你好。\nBye.\t再见。\n");
    free(got);
}

static void test_controls_inside_fields_become_spaces(void)
{
    tme_unit pairs[] = {{"a\tb\nc\rd", "中\t文\x01字", 1, "doc", 0, 0, NULL, NULL}};
    char *got = write_pairs(pairs, 1);
    CU_ASSERT_STRING_EQUAL(got, "a b c d\t中 文 字\n");
    free(got);
}

static void test_empty_export_is_an_empty_file(void)
{
    char *got = write_pairs(NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_STRING_EQUAL(got, "");
    free(got);
}

static void test_registry_lookups(void)
{
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("tsv"), tme_output_format_by_name("tsv"));
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("TMX"), tme_output_format_by_name("tmx"));
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("xliff"),
                        tme_output_format_by_name("xliff"));
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("xlf"), tme_output_format_by_name("xliff"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("docx"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_name("nope"));
    for (size_t k = 0; tme_output_formats[k] != NULL; k++) {
        const tme_output_format *f = tme_output_formats[k];
        CU_ASSERT_PTR_NOT_NULL(f->begin);
        CU_ASSERT_PTR_NOT_NULL(f->write);
        CU_ASSERT_PTR_NOT_NULL(f->end);
        CU_ASSERT_PTR_EQUAL(tme_output_format_by_name(f->name), f);
    }
    for (size_t k = 0; tme_input_formats[k] != NULL; k++) {
        const tme_input_format *f = tme_input_formats[k];
        CU_ASSERT_PTR_NOT_NULL(f->read);
        CU_ASSERT_PTR_EQUAL(tme_input_format_by_name(f->name), f);
    }
}

/* Options live in one name space (the tool's long options): no two tables
 * may declare the same name, and every one is listed. */
static void test_option_names_are_unique(void)
{
    size_t n = tme_options_count();
    CU_ASSERT(n > 10);
    for (size_t i = 0; i < n; i++) {
        const tme_option_def *a = tme_options_at(i);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT_EQUAL(tme_options_find(a->name), i);
        CU_ASSERT_PTR_NOT_NULL(a->group);
        CU_ASSERT_PTR_NOT_NULL(a->help);
    }
    CU_ASSERT_NOT_EQUAL(tme_options_find("tmx-encoding"), (size_t)-1);
    CU_ASSERT_NOT_EQUAL(tme_options_find("tsv-fields"), (size_t)-1);
    CU_ASSERT_NOT_EQUAL(tme_options_find("xliff-version"), (size_t)-1);
}

/* Without --input-format, TSV paragraph pairs are told from an article by
 * their first bytes. */
static void test_readers_are_probed(void)
{
    const char *pairs = "Hello there.\t\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\nBye.\tx\n";
    const char *article = "Hello there.\n\n\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\n";
    CU_ASSERT_PTR_EQUAL(tme_input_format_probe((const unsigned char *)pairs, strlen(pairs), "p"),
                        tme_input_format_by_name("tsv-pairs"));
    CU_ASSERT_PTR_EQUAL(
        tme_input_format_probe((const unsigned char *)article, strlen(article), "a.txt"),
        tme_input_format_by_name("article"));
    CU_ASSERT_PTR_EQUAL(tme_input_format_probe((const unsigned char *)"", 0, "empty"),
                        tme_input_format_by_name("article"));
}

static CU_TestInfo tests[] = {
    {"pairs are lines", test_pairs_are_lines},
    {"controls inside fields become spaces", test_controls_inside_fields_become_spaces},
    {"empty export is an empty file", test_empty_export_is_an_empty_file},
    {"registry lookups", test_registry_lookups},
    {"option names are unique", test_option_names_are_unique},
    {"readers are probed", test_readers_are_probed},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("tsv", tests);
}
