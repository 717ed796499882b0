/* SPDX-License-Identifier: MIT */
/* tmexport align --sentences ENGLISH CHINESE (issue 13): files already cut
 * into sentences, one a line, a blank line (or hunalign's "<p>") between
 * paragraphs. Sentences are kept as given, paragraph k pairs with paragraph
 * k, a unit never crosses a paragraph; the files are decoded and
 * decompressed as any input is; mismatched files are an input error that
 * writes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"

static const char *dir;

static const char *at(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return at(15, "stderr.txt");
}

static void write_text(const char *name, const char *text)
{
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(at(0, name), text, strlen(text)), 0);
}

static int align(const char *en, const char *zh, const char *out)
{
    return tme_test_run_clif(stderr_path(),
                             "align --normalize=no --sentences '%s' '%s' -o 'tsv:%s'", at(0, en),
                             at(1, zh), at(2, out));
}

static void test_sentences_kept_and_paragraphs_respected(void)
{
    /* "Mr. Smith left." would be cut by the segmenter's rules if it were
     * not one line already; the first Chinese paragraph renders two English
     * sentences in one. */
    write_text("a.en", "It rained all day.\nThe match was put off.\n\nMr. Smith left. Early.\n");
    write_text("a.zh", "\xE6\x95\xB4\xE5\xA4\xA9\xE4\xB8\x8B\xE9\x9B\xA8\xEF\xBC\x8C"
                       "\xE6\xAF\x94\xE8\xB5\x9B\xE5\xBB\xB6\xE6\x9C\x9F\xE4\xBA\x86\xE3\x80\x82\n"
                       "\n"
                       "\xE5\x8F\xB2\xE5\xAF\x86\xE6\x96\xAF\xE5\x85\x88\xE7\x94\x9F\xE6\x97\xA9"
                       "\xE6\x97\xA9\xE7\xA6\xBB\xE5\xBC\x80\xE4\xBA\x86\xE3\x80\x82\n");
    CU_ASSERT_EQUAL_FATAL(align("a.en", "a.zh", "a.tsv"), 0);
    /* 整天下雨，比赛延期了。 / 史密斯先生早早离开了。 */
    CU_ASSERT(tme_test_file_equals(
        at(0, "a.tsv"),
        "It rained all day. The match was put "
        "off.\t\xE6\x95\xB4\xE5\xA4\xA9\xE4\xB8\x8B\xE9\x9B\xA8"
        "\xEF\xBC\x8C\xE6\xAF\x94\xE8\xB5\x9B\xE5\xBB\xB6\xE6\x9C\x9F\xE4\xBA\x86\xE3\x80\x82\n"
        "Mr. Smith left. Early.\t\xE5\x8F\xB2\xE5\xAF\x86\xE6\x96\xAF\xE5\x85\x88\xE7\x94\x9F"
        "\xE6\x97\xA9\xE6\x97\xA9\xE7\xA6\xBB\xE5\xBC\x80\xE4\xBA\x86\xE3\x80\x82\n"));
}

static void test_markers_spaces_encodings_and_gzip(void)
{
    /* hunalign's <p> lines, CRLF, spaces around lines, several blank lines. */
    write_text("b.en", "  Today we all went for a walk in the park, and the weather was very good. "
                       " \r\n<p>\r\n\r\n\r\nIn the evening we ate at home and talked about many "
                       "interesting things.\r\n");
    /* 今天我们一起去公园散步，天气非常好。 / 晚上大家在家里吃饭，聊了很多有趣的事情。, in GB18030
     * (long enough to be told by content), gzip-compressed. */
    static const char
        z1[] = "\xE4\xBB\x8A\xE5\xA4\xA9\xE6\x88\x91\xE4\xBB\xAC\xE4\xB8\x80\xE8\xB5\xB7\xE5\x8E"
               "\xBB\xE5\x85\xAC\xE5\x9B\xAD\xE6\x95\xA3\xE6\xAD\xA5\xEF\xBC\x8C\xE5\xA4\xA9\xE6"
               "\xB0\x94\xE9\x9D\x9E\xE5\xB8\xB8\xE5\xA5\xBD\xE3\x80\x82",
        z2[] = "\xE6\x99\x9A\xE4\xB8\x8A\xE5\xA4\xA7\xE5\xAE\xB6\xE5\x9C\xA8\xE5\xAE\xB6\xE9\x87"
               "\x8C\xE5\x90\x83\xE9\xA5\xAD\xEF\xBC\x8C\xE8\x81\x8A\xE4\xBA\x86\xE5\xBE\x88\xE5"
               "\xA4\x9A\xE6\x9C\x89\xE8\xB6\xA3\xE7\x9A\x84\xE4\xBA\x8B\xE6\x83\x85\xE3\x80\x82";
    char utf8[512];
    snprintf(utf8, sizeof utf8, "%s\n<p>\n%s\n", z1, z2);
    size_t gb_len;
    char *gb = tme_test_encode(utf8, strlen(utf8), "GB18030", &gb_len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gb);
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(at(0, "b.zh.raw"), gb, gb_len), 0);
    free(gb);
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("gzip -c '%s' > '%s'", at(0, "b.zh.raw"), at(1, "b.zh.gz")), 0);
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stderr_path(), "align --normalize=no --sentences '%s' '%s' -o 'tsv:%s'",
                          at(0, "b.en"), at(1, "b.zh.gz"), at(2, "b.tsv")),
        0);
    char want[512];
    snprintf(want, sizeof want,
             "Today we all went for a walk in the park, and the weather was very good.\t%s\nIn the "
             "evening we ate at home and talked about many interesting things.\t%s\n",
             z1, z2);
    CU_ASSERT(tme_test_file_equals(at(0, "b.tsv"), want));
}

static void test_mismatched_files_write_nothing(void)
{
    write_text("c.en", "One.\n\nTwo.\n\nThree.\n");
    write_text("c.zh", "\xE4\xB8\x80\xE3\x80\x82\n\n\xE4\xBA\x8C\xE3\x80\x82\n");
    CU_ASSERT_EQUAL(align("c.en", "c.zh", "c.tsv"), 1);
    CU_ASSERT(tme_test_file_says(stderr_path(), "c.en has 3 paragraphs", "c.zh has 2", NULL));
    struct stat st;
    CU_ASSERT_NOT_EQUAL(stat(at(0, "c.tsv"), &st), 0);
    /* A missing file names itself. */
    CU_ASSERT_EQUAL(align("c.en", "no-such.zh", "c.tsv"), 1);
    CU_ASSERT(tme_test_file_says(stderr_path(), "no-such.zh", NULL));
    CU_ASSERT_NOT_EQUAL(stat(at(0, "c.tsv"), &st), 0);
}

static void test_inputs_come_in_pairs(void)
{
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "align --sentences '%s'", at(0, "c.en")), 2);
    CU_ASSERT(tme_test_file_says(stderr_path(), "in pairs", NULL));
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "align --sentences"), 2);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --sentences '%s'", at(0, "c.en")), 2);
    /* @LIST of pairs. */
    char list[8192];
    snprintf(list, sizeof list, "%s\t%s\n", at(0, "a.en"), at(1, "a.zh"));
    write_text("pairs.list", list);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "align --sentences '@%s' -o '%s'",
                                      at(0, "pairs.list"), at(1, "l.tsv")),
                    0);
    char *out = tme_test_read_file(at(0, "l.tsv"), NULL);
    CU_ASSERT(out != NULL && strstr(out, "Mr. Smith left. Early.\t") != NULL);
    free(out);
}

int main(void)
{
    dir = tme_test_scratch_dir("sentence-files");
    CU_TestInfo tests[] = {
        {"sentences kept, paragraphs respected", test_sentences_kept_and_paragraphs_respected},
        {"markers, spaces, encodings and gzip", test_markers_spaces_encodings_and_gzip},
        {"mismatched files write nothing", test_mismatched_files_write_nothing},
        {"inputs come in pairs", test_inputs_come_in_pairs},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("sentence-files", tests);
}
