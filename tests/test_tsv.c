/* SPDX-License-Identifier: MIT */
/* The TSV writer: one pair a line, fields never break the line. */
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "test_support.h"
#include "writer.h"

static char *write_pairs(const tme_pair *pairs, size_t n)
{
    const char *dir = tme_test_scratch_dir("tsv");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.tsv", dir);
    tme_writer_options options = {"en", "zh-CN", "sentence", "test", 0, 0, NULL};
    tme_error err;
    tme_error_clear(&err);
    tme_writer *w =
        tme_writer_open(tme_format_by_name("tsv"), path, TME_SINK_PLAIN, &options, &err);
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
    tme_pair pairs[] = {{"Hello.", "你好。", 0.9, "doc", 0, 0},
                        {"Bye.", "再见。", 0.8, "doc", 0, 1}};
    char *got = write_pairs(pairs, 2);
    CU_ASSERT_STRING_EQUAL(got, "Hello.\t你好。\nBye.\t再见。\n");
    free(got);
}

static void test_controls_inside_fields_become_spaces(void)
{
    tme_pair pairs[] = {{"a\tb\nc\rd", "中\t文\x01字", 1, "doc", 0, 0}};
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
    CU_ASSERT_PTR_EQUAL(tme_format_by_extension("tsv"), tme_format_by_name("tsv"));
    CU_ASSERT_PTR_EQUAL(tme_format_by_extension("TMX"), tme_format_by_name("tmx"));
    CU_ASSERT_PTR_EQUAL(tme_format_by_extension("xliff"), tme_format_by_name("xliff"));
    CU_ASSERT_PTR_EQUAL(tme_format_by_extension("xlf"), tme_format_by_name("xliff"));
    CU_ASSERT_PTR_NULL(tme_format_by_extension("docx"));
    CU_ASSERT_PTR_NULL(tme_format_by_name("nope"));
    for (size_t k = 0; tme_formats[k] != NULL; k++) {
        CU_ASSERT_PTR_NOT_NULL(tme_formats[k]->begin);
        CU_ASSERT_PTR_NOT_NULL(tme_formats[k]->write);
        CU_ASSERT_PTR_NOT_NULL(tme_formats[k]->end);
        CU_ASSERT_PTR_EQUAL(tme_format_by_name(tme_formats[k]->name), tme_formats[k]);
    }
}

static CU_TestInfo tests[] = {
    {"pairs are lines", test_pairs_are_lines},
    {"controls inside fields become spaces", test_controls_inside_fields_become_spaces},
    {"empty export is an empty file", test_empty_export_is_an_empty_file},
    {"registry lookups", test_registry_lookups},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("tsv", tests);
}
