/* SPDX-License-Identifier: MIT */
/* tmexport end to end: golden outputs on samples/, encodings, gzip, stdin,
 * several outputs in one pass, exit codes, and failures that write nothing. */
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "test_support.h"
#include "xml_validate.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define GOLDEN_SENTENCES "samples/expected/deepseek-bilingual.tsv"

static const char *dir;
static char path_buf[8][4200];

/* A path in this suite's scratch directory; up to 8 live at once. */
static const char *scratch(int slot, const char *name)
{
    snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", dir, name);
    return path_buf[slot];
}

static char *stderr_text(void)
{
    return tme_test_read_file(scratch(7, "stderr.txt"), NULL);
}

static int init(void)
{
    dir = tme_test_scratch_dir("cli");
    return dir == NULL;
}

static void test_sample_matches_golden_sentences(void)
{
    const char *out = scratch(0, "sample.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), out),
                    0);
    CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
}

static void test_paragraph_unit_gives_the_gold_paragraph_pairs(void)
{
    const char *out = scratch(0, "paragraphs.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract --unit paragraph --no-normalize '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), out),
                    0);
    CU_ASSERT(tme_test_same_file(
        out, tme_test_source_path("samples/deepseek-bilingual.gold-paragraphs.tsv")));
    const char *normalized = scratch(1, "paragraphs-normalized.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract --unit paragraph '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), normalized),
                    0);
    CU_ASSERT(tme_test_same_file(
        normalized, tme_test_source_path("samples/expected/deepseek-bilingual.paragraphs.tsv")));
}

/* Writes the sample converted to another encoding, with an optional BOM and
 * CRLF line ends. */
static const char *convert_sample(int slot, const char *name, const char *encoding, const char *bom,
                                  size_t bom_len, int crlf)
{
    size_t len;
    char *utf8 = tme_test_read_file(tme_test_source_path(SAMPLE), &len);
    char *src = malloc(len * 2 + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (crlf && utf8[i] == '\n')
            src[n++] = '\r';
        src[n++] = utf8[i];
    }
    iconv_t cd = iconv_open(encoding, "UTF-8");
    size_t cap = n * 4 + bom_len, out_left = cap - bom_len, in_left = n;
    char *buf = malloc(cap), *in = src, *out = buf + bom_len;
    memcpy(buf, bom, bom_len);
    CU_ASSERT_FATAL(iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1);
    iconv_close(cd);
    const char *path = scratch(slot, name);
    tme_test_write_file(path, buf, cap - out_left);
    free(buf);
    free(src);
    free(utf8);
    return path;
}

static void check_same_output(const char *input)
{
    const char *out = scratch(2, "converted.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", input, out),
                    0);
    CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
}

static void test_gb18030_gives_the_same_output(void)
{
    const char *in = convert_sample(0, "sample-gb18030.txt", "GB18030", "", 0, 0);
    check_same_output(in);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract --stats '%s' -o '%s'", in,
                                      scratch(1, "gb.tsv")),
                    0);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "GB18030"));
    free(err);
}

static void test_utf16le_with_bom_gives_the_same_output(void)
{
    check_same_output(convert_sample(0, "sample-utf16.txt", "UTF-16LE", "\xFF\xFE", 2, 0));
}

static void test_utf8_bom_crlf_gives_the_same_output(void)
{
    check_same_output(convert_sample(0, "sample-bom-crlf.txt", "UTF-8", "\xEF\xBB\xBF", 3, 1));
}

static void test_gzip_output_and_two_outputs_in_one_run(void)
{
    const char *plain = scratch(0, "two.tsv"), *gz = scratch(1, "two.tsv.gz");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), plain, gz),
                    0);
    CU_ASSERT(tme_test_same_file(plain, tme_test_source_path(GOLDEN_SENTENCES)));
    gzFile f = gzopen(gz, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(gzdirect(f), 0);
    char buf[1 << 16];
    int n = gzread(f, buf, sizeof buf);
    gzclose(f);
    size_t len;
    char *expected = tme_test_read_file(plain, &len);
    CU_ASSERT_EQUAL((size_t)n, len);
    CU_ASSERT(n > 0 && memcmp(buf, expected, len) == 0);
    free(expected);
}

static void test_gzip_input_and_stdin(void)
{
    const char *gz = scratch(0, "sample.txt.gz"), *out = scratch(1, "from-gz.tsv");
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "gzip -c '%s' > '%s'", tme_test_source_path(SAMPLE), gz);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", gz, out),
                    0);
    CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
    const char *stdout_path = scratch(2, "stdout.tsv");
    CU_ASSERT_EQUAL(tme_test_run_cli("extract - -o tsv:-", gz, stdout_path, NULL), 0);
    CU_ASSERT(tme_test_same_file(stdout_path, tme_test_source_path(GOLDEN_SENTENCES)));
}

static void test_chinese_source_swaps_columns(void)
{
    const char *out = scratch(0, "swapped.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract --src-lang zh-CN --tgt-lang en '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), out),
                    0);
    char *got = tme_test_read_file(out, NULL);
    char *golden = tme_test_read_file(tme_test_source_path(GOLDEN_SENTENCES), NULL);
    /* First line swapped: "zh<TAB>en". */
    char *tab = strchr(golden, '\t'), *nl = strchr(golden, '\n');
    char expected[4096];
    snprintf(expected, sizeof expected, "%.*s\t%.*s\n", (int)(nl - tab - 1), tab + 1,
             (int)(tab - golden), golden);
    CU_ASSERT_EQUAL(strncmp(got, expected, strlen(expected)), 0);
    free(got);
    free(golden);
}

static void test_every_format_validates(void)
{
    const char *tmx = scratch(0, "all.tmx"), *tmxgz = scratch(1, "all.tmx.gz"),
               *xlf = scratch(2, "all.xlf"), *xlf2 = scratch(3, "all2.xlf"),
               *u16 = scratch(4, "all16.tmx"), *xliff = scratch(5, "all.xliff.gz");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract '%s' -o '%s' -o '%s' -o '%s' -o 'xliff2:%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), tmx, tmxgz, xlf, xlf2, xliff),
                    0);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract --tmx-encoding utf-16 '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), u16),
                    0);
    const char *all[] = {tmx, tmxgz, xlf, xlf2, u16, xliff};
    for (size_t k = 0; k < 6; k++) {
        CU_ASSERT(tme_test_file_is_valid(all[k]));
        if (!tme_test_file_is_valid(all[k]))
            fprintf(stderr, "\ninvalid: %s\n", all[k]);
    }
    const char *v2 = scratch(0, "version2.xlf");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract --xliff-version 2.0 '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), v2),
                    0);
    xmlDocPtr doc = tme_test_read_valid(v2, KIND_XLIFF2);
    CU_ASSERT_PTR_NOT_NULL(doc);
    xmlFreeDoc(doc);
}

static void test_same_epoch_gives_identical_files(void)
{
    const char *a = scratch(0, "epoch-a.tmx"), *b = scratch(1, "epoch-b.tmx");
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), a),
                    0);
    sleep(1);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), b),
                    0);
    unsetenv("SOURCE_DATE_EPOCH");
    CU_ASSERT(tme_test_same_file(a, b));
    char *text = tme_test_read_file(a, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "creationdate=\"20231114T221320Z\""));
    free(text);
}

/* --gzip-threads: members of 1 MiB, the same bytes on any number of
 * threads and -j, the export itself unchanged (80 copies of the sample:
 * 2.2 MB of TMX). */
static void test_gzip_threads_write_members(void)
{
    char cmd[9000];
    const char *in = scratch(0, "members-in");
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s' && for i in $(seq 80); do cp '%s' '%s'/$i.txt || exit 1; done", in,
             tme_test_source_path(SAMPLE), in);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    const char *a = scratch(1, "m2.tmx.gz"), *b = scratch(2, "m4.tmx.gz"),
               *plain = scratch(3, "m.tmx");
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract -j 2 --gzip-threads 2 '%s' -o '%s'", in, a),
                    0);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract -j 1 --gzip-threads 4 '%s' -o '%s'", in, b),
                    0);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", in, plain),
                    0);
    unsetenv("SOURCE_DATE_EPOCH");
    CU_ASSERT(tme_test_same_file(a, b));
    size_t len, got_len, first = 0;
    char *expected = tme_test_read_file(plain, &len), *got;
    CU_ASSERT_FATAL(len > 2 << 20);
    CU_ASSERT(tme_test_inflate_members(a, &got, &got_len, &first) > 2);
    CU_ASSERT_EQUAL(first, (size_t)1 << 20);
    CU_ASSERT_EQUAL_FATAL(got_len, len);
    CU_ASSERT(memcmp(got, expected, len) == 0);
    /* zlib's own reader reads every member too. */
    gzFile f = gzopen(a, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(gzread(f, got, (unsigned)len), (int)len);
    CU_ASSERT_EQUAL(gzread(f, got, 1), 0);
    gzclose(f);
    CU_ASSERT(memcmp(got, expected, len) == 0);
    free(got);
    free(expected);
}

static void check_usage_error(const char *args, const char *message_part)
{
    char full[8192];
    snprintf(full, sizeof full, "%s '%s'", args, tme_test_source_path(SAMPLE));
    int rc = tme_test_run_cli(full, NULL, NULL, scratch(7, "stderr.txt"));
    CU_ASSERT_EQUAL(rc, 2);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, message_part));
    if (rc != 2 || strstr(err, message_part) == NULL)
        fprintf(stderr, "\n'%s': exit %d, stderr: %s\n", args, rc, err);
    free(err);
}

static void test_usage_errors_exit_2(void)
{
    check_usage_error("extract -o out.docx", "tmx"); /* lists the formats */
    check_usage_error("extract -o pdf:out.txt", "unknown format");
    check_usage_error("extract -o noextension", "tsv");
    check_usage_error("extract --gzip-threads 0 -o out.tsv.gz", "--gzip-threads wants 1 to 64");
    check_usage_error("extract --src-lang 'e n'", "BCP 47");
    check_usage_error("extract --src-lang zh --tgt-lang zh-TW", "Chinese");
    check_usage_error("extract --src-lang fr --tgt-lang de", "Chinese");
    check_usage_error("extract --bogus", "unknown option");
    check_usage_error("extract --level 10", "--level");
    check_usage_error("extract --min-score 2", "--min-score");
    check_usage_error("extract --unit word", "--unit");
    check_usage_error("extract --encoding NO-SUCH-CHARSET -o x.tsv", "NO-SUCH-CHARSET");
    CU_ASSERT_EQUAL(tme_test_run_cli("extract in.txt -o", NULL, NULL, scratch(7, "stderr.txt")), 2);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "needs a value"));
    free(err);
    CU_ASSERT_EQUAL(tme_test_run_cli("extract", NULL, NULL, NULL), 2);
    CU_ASSERT_EQUAL(tme_test_run_cli("frobnicate", NULL, NULL, NULL), 2);
    CU_ASSERT_EQUAL(tme_test_run_cli("", NULL, NULL, NULL), 2);
    CU_ASSERT_EQUAL(tme_test_run_cli("--help", NULL, NULL, NULL), 0);
    CU_ASSERT_EQUAL(tme_test_run_cli("extract --help", NULL, NULL, NULL), 0);
    CU_ASSERT_EQUAL(tme_test_run_cli("--version", NULL, NULL, NULL), 0);
}

static void test_valid_language_tags(void)
{
    const char *tags[] = {"en-US",          "zh-Hans",     "ZH-CN",       "zh-Hant-TW",
                          "en-GB-oxendict", "cmn-Hans-CN", "en-x-private"};
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
        const char *zh = strncasecmp(tags[k], "zh", 2) == 0 || strncmp(tags[k], "cmn", 3) == 0
                             ? tags[k]
                             : "zh-CN";
        const char *en = zh == tags[k] ? "en" : tags[k];
        CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                          "extract --src-lang %s --tgt-lang %s '%s' -o '%s'", en,
                                          zh, tme_test_source_path(SAMPLE), scratch(0, "tags.tmx")),
                        0);
        /* Written exactly as given. */
        char attribute[64];
        snprintf(attribute, sizeof attribute, "xml:lang=\"%s\"", tags[k]);
        char *tmx = tme_test_read_file(scratch(0, "tags.tmx"), NULL);
        CU_ASSERT_PTR_NOT_NULL(strstr(tmx, attribute));
        free(tmx);
    }
}

static void test_bad_input_writes_nothing(void)
{
    const char *out = scratch(0, "kept.tsv");
    tme_test_write_file(out, "previous\n", 9);
    const char *bad = scratch(1, "bad.txt");
    tme_test_write_file(bad, "第一行\n\nSecond line.\n\nthird \xC3( line\n", 38);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", bad, out),
                    1);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "bad.txt:5:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "byte offset"));
    free(err);
    char *kept = tme_test_read_file(out, NULL);
    CU_ASSERT_STRING_EQUAL(kept, "previous\n");
    free(kept);
    /* No temporary left beside the target. */
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q tmexport-", dir);
    CU_ASSERT_NOT_EQUAL(system(cmd), 0);
    const char *fresh = scratch(2, "never.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", bad, fresh),
                    1);
    CU_ASSERT_NOT_EQUAL(access(fresh, F_OK), 0);
}

static void test_missing_directory_and_unreadable_inputs(void)
{
    const char *out = scratch(0, "none.tsv");
    CU_ASSERT_EQUAL(
        tme_test_run_clif(scratch(7, "stderr.txt"), "extract no-such-file.txt -o '%s'", out), 1);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "no-such-file.txt"));
    free(err);
    CU_ASSERT_NOT_EQUAL(access(out, F_OK), 0);
    /* A directory is read recursively; one without files is an error that
     * writes nothing (test_output_paths has the other empty runs). */
    const char *empty_dir = scratch(1, "empty-dir");
    mkdir(empty_dir, 0755);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", empty_dir, out), 1);
    err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "no file"));
    free(err);
    CU_ASSERT_NOT_EQUAL(access(out, F_OK), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract '%s' -o no-such-dir/out.tsv",
                                      tme_test_source_path(SAMPLE)),
                    1);
    err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "no-such-dir/out.tsv"));
    free(err);
}

static void test_late_failure_replaces_no_output(void)
{
    /* The gzip'd TSV (8 KB) fits under the file-size limit (30 blocks: 15 KB
     * in dash, 30 KB in bash), the UTF-16 TMX (46 KB) fails at its last
     * flush: neither previous file may be replaced. */
    const char *tsv = scratch(0, "late.tsv.gz"), *tmx = scratch(1, "late.tmx");
    tme_test_write_file(tsv, "previous tsv\n", 13);
    tme_test_write_file(tmx, "previous tmx\n", 13);
    char cmd[16384];
    snprintf(cmd, sizeof cmd,
             "trap '' XFSZ; ulimit -f 30; '%s' extract --tmx-encoding utf-16 '%s' -o '%s' -o '%s' "
             "2>'%s'",
             TME_BINARY, tme_test_source_path(SAMPLE), tsv, tmx, scratch(7, "stderr.txt"));
    int status = system(cmd);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    char *text = tme_test_read_file(tsv, NULL);
    CU_ASSERT_STRING_EQUAL(text, "previous tsv\n");
    free(text);
    text = tme_test_read_file(tmx, NULL);
    CU_ASSERT_STRING_EQUAL(text, "previous tmx\n");
    free(text);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "late.tmx"));
    free(err);
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q tmexport-", dir);
    CU_ASSERT_NOT_EQUAL(system(cmd), 0);
}

static void test_empty_and_boilerplate_only_inputs(void)
{
    const char *empty = scratch(0, "empty.txt"), *out = scratch(1, "empty.tsv");
    tme_test_write_file(empty, "", 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract '%s' -o '%s'", empty, out),
                    0);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "warning"));
    free(err);
    size_t len = 99;
    char *got = tme_test_read_file(out, &len);
    CU_ASSERT_PTR_NOT_NULL(got);
    CU_ASSERT_EQUAL(len, 0);
    free(got);
    const char *boiler = scratch(2, "boiler.txt"), *tmx = scratch(3, "boiler.tmx");
    tme_test_write_file(boiler, "茉莉花新闻网\n\n首页 > 新闻\n\n邮件订阅\n", 46);
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract -q '%s' -o '%s' -o '%s'",
                                      boiler, tmx, scratch(4, "b.xlf")),
                    0);
    CU_ASSERT(tme_test_file_is_valid(tmx));
    CU_ASSERT(tme_test_file_is_valid(scratch(4, "b.xlf")));
}

static void test_stats_summary(void)
{
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"), "extract --stats '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), scratch(0, "stats.tsv")),
                    0);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "paragraphs read: 85 (English 36, Chinese 49, other 0)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "paragraph pairs found: 35"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "sentence pairs: 54"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "unpaired paragraphs:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "stats.tsv: 54 pairs"));
    free(err);
}

static void test_align_matches_extract(void)
{
    /* Aligning the gold paragraph pairs gives what extraction of the
     * article gives: the same aligner on the same paragraphs. */
    const char *out = scratch(0, "aligned.tsv");
    CU_ASSERT_EQUAL(
        tme_test_run_clif(scratch(7, "stderr.txt"), "align '%s' -o '%s'",
                          tme_test_source_path("samples/deepseek-bilingual.gold-paragraphs.tsv"),
                          out),
        0);
    CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
    const char *bad = scratch(1, "bad-columns.tsv");
    tme_test_write_file(bad, "one\ttwo\nonly one column\n", 24);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(scratch(7, "stderr.txt"), "align '%s' -o '%s'", bad, scratch(2, "x.tsv")),
        1);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "bad-columns.tsv:2:"));
    free(err);
}

static void test_min_score_drops_pairs(void)
{
    const char *out = scratch(0, "strict.tsv");
    CU_ASSERT_EQUAL(tme_test_run_clif(scratch(7, "stderr.txt"),
                                      "extract --min-score 0.99 --stats '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), out),
                    0);
    char *err = stderr_text();
    CU_ASSERT_PTR_NULL(strstr(err, "below --min-score 0,"));
    free(err);
    size_t len, golden_len;
    char *got = tme_test_read_file(out, &len);
    char *golden = tme_test_read_file(tme_test_source_path(GOLDEN_SENTENCES), &golden_len);
    CU_ASSERT(len < golden_len);
    free(got);
    free(golden);
}

static void test_segment_and_normalize_commands(void)
{
    const char *in = scratch(0, "seg-in.txt"), *out = scratch(1, "seg-out.txt");
    tme_test_write_file(in, "It is here. We go.\n\nEnd.\r\n", 26);
    CU_ASSERT_EQUAL(tme_test_run_cli("segment --lang en", in, out, NULL), 0);
    char *got = tme_test_read_file(out, NULL);
    CU_ASSERT_STRING_EQUAL(got, "It is here.\nWe go.\nEnd.\n");
    free(got);
    CU_ASSERT_EQUAL(tme_test_run_cli("segment", in, NULL, NULL), 2);
    tme_test_write_file(in, "DeepSeek,继续加油!\n", strlen("DeepSeek,继续加油!\n"));
    CU_ASSERT_EQUAL(tme_test_run_cli("normalize --lang zh", in, out, NULL), 0);
    got = tme_test_read_file(out, NULL);
    CU_ASSERT_STRING_EQUAL(got, "DeepSeek，继续加油！\n");
    free(got);
}

static CU_TestInfo tests[] = {
    {"sample matches golden sentence pairs", test_sample_matches_golden_sentences},
    {"--unit paragraph gives the gold paragraph pairs",
     test_paragraph_unit_gives_the_gold_paragraph_pairs},
    {"GB18030 gives the same output", test_gb18030_gives_the_same_output},
    {"UTF-16LE with BOM gives the same output", test_utf16le_with_bom_gives_the_same_output},
    {"UTF-8 BOM + CRLF gives the same output", test_utf8_bom_crlf_gives_the_same_output},
    {".gz output and two outputs in one run", test_gzip_output_and_two_outputs_in_one_run},
    {"gzip input and stdin", test_gzip_input_and_stdin},
    {"Chinese source swaps columns", test_chinese_source_swaps_columns},
    {"every format validates", test_every_format_validates},
    {"same SOURCE_DATE_EPOCH gives identical files", test_same_epoch_gives_identical_files},
    {"--gzip-threads writes members, the same bytes", test_gzip_threads_write_members},
    {"usage errors exit 2", test_usage_errors_exit_2},
    {"valid language tags", test_valid_language_tags},
    {"bad input writes nothing", test_bad_input_writes_nothing},
    {"missing, directory and unwritable paths", test_missing_directory_and_unreadable_inputs},
    {"a late failure replaces no output", test_late_failure_replaces_no_output},
    {"empty and boilerplate-only inputs", test_empty_and_boilerplate_only_inputs},
    {"--stats summary", test_stats_summary},
    {"align matches extract", test_align_matches_extract},
    {"--min-score drops pairs", test_min_score_drops_pairs},
    {"segment and normalize commands", test_segment_and_normalize_commands},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (init() != 0)
        return 2;
    return tme_run_suite("cli", tests);
}
