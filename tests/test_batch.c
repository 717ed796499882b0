/* SPDX-License-Identifier: MIT */
/* Batches: many inputs, directories, lists, threads, --dedup, --per-input,
 * --keep-going, --tsv-fields, progress. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"
#include "xml_validate.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define GOLDEN "samples/expected/deepseek-bilingual.tsv"

static const char *dir;

#define PATH_SIZE 8192

static const char *at(char *buf, const char *name)
{
    snprintf(buf, PATH_SIZE, "%s/%s", dir, name);
    return buf;
}

static const char *stderr_file(void)
{
    static char path[PATH_SIZE];
    return at(path, "stderr.txt");
}

static char *stderr_text(void)
{
    return tme_test_read_file(stderr_file(), NULL);
}

static size_t count_lines(const char *path)
{
    size_t len, lines = 0;
    char *text = tme_test_read_file(path, &len);
    for (size_t i = 0; text != NULL && i < len; i++)
        lines += text[i] == '\n';
    free(text);
    return lines;
}

/* corpus/: the repository's articles, some in subdirectories, one gzip'd,
 * and a file the --include glob leaves out. */
static int init(void)
{
    dir = tme_test_scratch_dir("batch");
    if (dir == NULL)
        return 1;
    return tme_test_shell(
        "cd '%s' && mkdir -p corpus/news corpus/law/un && "
        "cp '%s/samples/deepseek-bilingual.txt' corpus/news/a-deepseek.txt && "
        "cp '%s/samples/k8s-blog-dont-panic/article.txt' corpus/news/b-k8s.txt && "
        "gzip -c '%s/samples/python-tutorial-appetite/article.txt' > corpus/c-python.txt.gz && "
        "cp '%s/samples/un-charter-ch1-3/article.txt' corpus/law/un/charter.txt && "
        "cp '%s/samples/k8s-docs-overview/article.txt' corpus/law/overview.txt && "
        "echo 'not an article' > corpus/notes.md",
        dir, TME_SOURCE_DIR, TME_SOURCE_DIR, TME_SOURCE_DIR, TME_SOURCE_DIR, TME_SOURCE_DIR);
}

static void test_output_does_not_depend_on_threads(void)
{
    char out[4][PATH_SIZE], corpus[PATH_SIZE];
    at(corpus, "corpus");
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    const char *jobs[] = {"1", "2", "4"};
    for (int k = 0; k < 3; k++) {
        char name[64];
        snprintf(name, sizeof name, "j%s", jobs[k]);
        CU_ASSERT_EQUAL(
            tme_test_run_clif(stderr_file(),
                              "extract -q -j %s --include '*.txt*' '%s' -o '%s/%s.tsv' -o "
                              "'%s/%s.tmx' -o '%s/%s.xlf' -o 'xliff2:%s/%s.x2.xlf'",
                              jobs[k], corpus, dir, name, dir, name, dir, name, dir, name),
            0);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    const char *ext[] = {"tsv", "tmx", "xlf", "x2.xlf"};
    for (int e = 0; e < 4; e++) {
        snprintf(out[0], sizeof out[0], "%s/j1.%s", dir, ext[e]);
        snprintf(out[1], sizeof out[1], "%s/j2.%s", dir, ext[e]);
        snprintf(out[2], sizeof out[2], "%s/j4.%s", dir, ext[e]);
        CU_ASSERT(tme_test_same_file(out[0], out[1]));
        CU_ASSERT(tme_test_same_file(out[0], out[2]));
        if (e > 0)
            CU_ASSERT(tme_test_file_is_valid(out[0]));
    }
    /* Five articles, in sorted path order: the gzip'd one is read too and
     * notes.md is left out by the glob. */
    snprintf(out[0], sizeof out[0], "%s/j1.tmx", dir);
    char *tmx = tme_test_read_file(out[0], NULL);
    const char *order[] = {"corpus/c-python.txt.gz", "corpus/law/overview.txt",
                           "corpus/law/un/charter.txt", "corpus/news/a-deepseek.txt",
                           "corpus/news/b-k8s.txt"};
    const char *prev = tmx;
    for (int k = 0; k < 5; k++) {
        const char *hit = strstr(tmx, order[k]);
        CU_ASSERT_PTR_NOT_NULL(hit);
        CU_ASSERT(hit >= prev);
        if (hit != NULL)
            prev = hit;
    }
    CU_ASSERT_PTR_NULL(strstr(tmx, "notes.md"));
    free(tmx);
}

static void test_list_file_and_stdin(void)
{
    char list[PATH_SIZE], out[PATH_SIZE], golden[PATH_SIZE];
    at(list, "list.txt");
    FILE *f = fopen(list, "w");
    fprintf(f, "# the sample, twice\n%s\n\n%s\n", tme_test_source_path(SAMPLE),
            tme_test_source_path(SAMPLE));
    fclose(f);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_file(), "extract '@%s' -o '%s'", list, at(out, "list.tsv")), 0);
    snprintf(golden, sizeof golden, "%s", tme_test_source_path(GOLDEN));
    CU_ASSERT_EQUAL(count_lines(out), 2 * count_lines(golden));
    /* The same with --dedup keeps the first copy of every pair only. */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_file(), "extract --dedup --stats '@%s' -o '%s'", list,
                                      at(out, "dedup.tsv")),
                    0);
    CU_ASSERT(tme_test_same_file(out, golden));
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "duplicates 54"));
    free(err);
}

static void test_dedup_source_keeps_the_first_target(void)
{
    char in[PATH_SIZE], out[PATH_SIZE];
    at(in, "pairs.tsv");
    FILE *f = fopen(in, "w");
    fputs("Hello there.\t你好。\nHello there.\t您好。\nGood night.\t晚安。\nHello there.\t你好。\n",
          f);
    fclose(f);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_file(), "align --dedup '%s' -o '%s'", in, at(out, "d-pair.tsv")),
        0);
    char *got = tme_test_read_file(out, NULL);
    CU_ASSERT_STRING_EQUAL(got,
                           "Hello there.\t你好。\nHello there.\t您好。\nGood night.\t晚安。\n");
    free(got);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_file(), "align --dedup=source '%s' -o '%s'", in,
                                      at(out, "d-source.tsv")),
                    0);
    got = tme_test_read_file(out, NULL);
    CU_ASSERT_STRING_EQUAL(got, "Hello there.\t你好。\nGood night.\t晚安。\n");
    free(got);
}

static void test_per_input_writes_one_export_each(void)
{
    char corpus[PATH_SIZE], outdir[PATH_SIZE], path[PATH_SIZE + 64];
    at(corpus, "corpus");
    at(outdir, "per-input");
    CU_ASSERT_EQUAL(tme_test_run_clif(
                        stderr_file(),
                        "extract -q --per-input '%s' --include '*.txt*' '%s' -o x.tmx -o y.tsv.gz",
                        outdir, corpus),
                    0);
    const char *expected[] = {"c-python.tmx",       "c-python.tsv.gz",     "law/overview.tmx",
                              "law/un/charter.tmx", "news/a-deepseek.tmx", "news/a-deepseek.tsv.gz",
                              "news/b-k8s.tsv.gz"};
    for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", outdir, expected[k]);
        CU_ASSERT_EQUAL(access(path, F_OK), 0);
        if (strstr(path, ".tmx"))
            CU_ASSERT(tme_test_file_is_valid(path));
    }
    snprintf(path, sizeof path, "%s/news/a-deepseek.tsv.gz", outdir);
    char golden[PATH_SIZE];
    snprintf(golden, sizeof golden, "%s", tme_test_source_path(GOLDEN));
    CU_ASSERT_EQUAL(tme_test_shell("gzip -dc '%s' | cmp -s - '%s'", path, golden), 0);
    /* Names that would collide, and stdout, are usage errors. */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_file(),
                                      "extract --per-input '%s' '%s' -o a.tmx -o b.tmx", outdir,
                                      corpus),
                    2);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_file(), "extract --per-input '%s' '%s' -o tsv:-", outdir, corpus),
        2);
}

static void test_failing_input_stops_or_is_skipped(void)
{
    char bad[PATH_SIZE], out[PATH_SIZE], golden[PATH_SIZE];
    at(bad, "broken.txt");
    const char *broken = "English.\n\n中文\xC3(\n";
    tme_test_write_file(bad, broken, strlen(broken));
    at(out, "kept.tsv");
    tme_test_write_file(out, "previous\n", 9);
    snprintf(golden, sizeof golden, "%s", tme_test_source_path(SAMPLE));
    /* Default: stop, exit 1, nothing written. */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_file(), "extract '%s' '%s' '%s' -o '%s'", golden, bad,
                                      golden, out),
                    1);
    char *text = tme_test_read_file(out, NULL);
    CU_ASSERT_STRING_EQUAL(text, "previous\n");
    free(text);
    char *err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "broken.txt:3:"));
    free(err);
    /* --keep-going: the bad input and a missing one are named and skipped,
     * the others written, and the exit status says something failed. */
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_file(),
                          "extract --keep-going -j 2 '%s' '%s' missing.txt '%s' -o '%s'", golden,
                          bad, golden, out),
        1);
    err = stderr_text();
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "skipped: "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "broken.txt:3:"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "missing.txt"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "2 of 4 inputs failed"));
    free(err);
    CU_ASSERT_EQUAL(count_lines(out), 2 * count_lines(tme_test_source_path(GOLDEN)));
}

static void test_tsv_fields(void)
{
    char out[PATH_SIZE];
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_file(),
                          "extract --tsv-fields source,target,document,score '%s' -o '%s'",
                          tme_test_source_path(SAMPLE), at(out, "fields.tsv")),
        0);
    char *text = tme_test_read_file(out, NULL);
    char *nl = strchr(text, '\n');
    *nl = '\0';
    size_t tabs = 0;
    for (char *p = text; *p; p++)
        tabs += *p == '\t';
    CU_ASSERT_EQUAL(tabs, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, SAMPLE "\t"));
    char *score = strrchr(text, '\t') + 1;
    double v = atof(score);
    CU_ASSERT(v > 0 && v <= 1 && strlen(score) == 6);
    free(text);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_file(), "extract --tsv-fields source,colour '%s'",
                                      tme_test_source_path(SAMPLE)),
                    2);
}

static void test_progress_only_on_a_terminal(void)
{
    /* Not a terminal: nothing but the stats. */
    char out[PATH_SIZE];
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_file(), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), at(out, "p.tsv")),
                    0);
    char *err = stderr_text();
    CU_ASSERT_PTR_NULL(strstr(err, "documents,"));
    free(err);
    if (tme_test_shell("command -v script >/dev/null") != 0)
        return;
    /* On a terminal (script(1) gives one) a run of more than a second shows
     * the line; -q silences it. */
    char list[PATH_SIZE], log[PATH_SIZE];
    at(list, "many.txt");
    FILE *f = fopen(list, "w");
    for (int k = 0; k < 1500; k++)
        fprintf(f, "%s\n", tme_test_source_path(SAMPLE));
    fclose(f);
    at(log, "tty.log");
    CU_ASSERT_EQUAL(tme_test_shell("script -qec \"'%s' extract -j 1 '@%s' -o '%s/many.tsv'\" '%s' "
                                   ">/dev/null",
                                   TME_BINARY, list, dir, log),
                    0);
    char *tty = tme_test_read_file(log, NULL);
    CU_ASSERT_PTR_NOT_NULL(strstr(tty, "/1500 documents, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(tty, "MB/s"));
    CU_ASSERT_PTR_NOT_NULL(strstr(tty, "ETA"));
    free(tty);
    CU_ASSERT_EQUAL(
        tme_test_shell("script -qec \"'%s' extract -q -j 1 '@%s' -o '%s/many.tsv'\" '%s' "
                       ">/dev/null",
                       TME_BINARY, list, dir, log),
        0);
    tty = tme_test_read_file(log, NULL);
    CU_ASSERT_PTR_NULL(strstr(tty, "MB/s"));
    free(tty);
}

static CU_TestInfo tests[] = {
    {"output does not depend on -j", test_output_does_not_depend_on_threads},
    {"@list and --dedup", test_list_file_and_stdin},
    {"--dedup=source keeps the first target", test_dedup_source_keeps_the_first_target},
    {"--per-input writes one export each", test_per_input_writes_one_export_each},
    {"a failing input stops the run or is skipped", test_failing_input_stops_or_is_skipped},
    {"--tsv-fields", test_tsv_fields},
    {"progress only on a terminal", test_progress_only_on_a_terminal},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (init() != 0)
        return 2;
    return tme_run_suite("batch", tests);
}
