/* SPDX-License-Identifier: MIT */
/* Size- and count-split outputs (issue 14): every part a complete file that
 * validates, no larger than --split-size (compressed for .gz), together
 * holding every unit once in order; atomic as a set; stale parts of a longer
 * run removed; mistakes refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"
#include "xml_validate.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define COPIES 12

static const char *dir;

static const char *at(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return at(15, "stderr.txt");
}

/* The sample COPIES times, as separate inputs: names in a list. */
static const char *inputs(void)
{
    static char list[4200];
    snprintf(list, sizeof list, "@%s", at(14, "inputs.list"));
    if (access(list + 1, F_OK) == 0)
        return list;
    FILE *f = fopen(list + 1, "w");
    for (int k = 0; k < COPIES; k++) {
        char name[64];
        snprintf(name, sizeof name, "article%02d.txt", k);
        const char *path = at(13, name);
        CU_ASSERT_EQUAL_FATAL(tme_test_shell("cp '%s' '%s'", tme_test_source_path(SAMPLE), path),
                              0);
        fprintf(f, "%s\n", path);
    }
    fclose(f);
    return list;
}

static off_t size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : -1;
}

/* Part i (1-based) of an output named stem.ext. */
static const char *part(int slot, const char *stem, int i, const char *ext)
{
    char name[256];
    snprintf(name, sizeof name, "%s-%04d%s", stem, i, ext);
    return at(slot, name);
}

static int count_parts(const char *stem, const char *ext)
{
    int n = 0;
    while (access(part(12, stem, n + 1, ext), F_OK) == 0)
        n++;
    return n;
}

static void test_tmx_parts_fit_validate_and_hold_every_unit(void)
{
    const char *whole = at(0, "whole.tsv");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stderr_path(), "extract -q %s -o '%s'", inputs(), whole), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract -q --split-size 40K %s -o '%s' -o '%s' -o "
                                      "'xliff2:%s' -o '%s'",
                                      inputs(), at(1, "c.tmx"), at(2, "c.xlf"), at(3, "d.xlf"),
                                      at(4, "c.tsv")),
                    0);
    const char *exts[][2] = {{"c", ".tmx"}, {"c", ".xlf"}, {"d", ".xlf"}, {"c", ".tsv"}};
    const xml_kind kinds[] = {KIND_TMX, KIND_XLIFF12, KIND_XLIFF2};
    for (int k = 0; k < 4; k++) {
        int n = count_parts(exts[k][0], exts[k][1]);
        CU_ASSERT(n >= 3);
        for (int i = 1; i <= n; i++) {
            const char *p = part(5, exts[k][0], i, exts[k][1]);
            CU_ASSERT(size_of(p) > 0 && size_of(p) <= 40000);
            if (k < 3) {
                xmlDocPtr doc = tme_test_read_valid(p, kinds[k]);
                CU_ASSERT_PTR_NOT_NULL(doc);
                if (doc != NULL)
                    xmlFreeDoc(doc);
            }
        }
    }
    /* The TSV parts, in order, are the unsplit export. */
    CU_ASSERT_EQUAL(tme_test_shell("cat '%s'/c-*.tsv | cmp -s - '%s'", dir, whole), 0);
    /* Every unit once: the TMX parts hold as many <tu> as the TSV lines. */
    CU_ASSERT_EQUAL(
        tme_test_shell("test $(cat '%s'/c-*.tmx | grep -c '<tu ') -eq $(wc -l <'%s')", dir, whole),
        0);
    CU_ASSERT_EQUAL(access(at(6, "c.tmx"), F_OK), -1); /* no unnumbered file */
}

static void test_gzip_parts_fit_by_their_compressed_size(void)
{
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract -q --split-size 8K %s -o '%s' -o '%s'", inputs(),
                                      at(0, "z.tsv.gz"), at(1, "z.tmx.gz")),
                    0);
    int n = count_parts("z", ".tsv.gz");
    CU_ASSERT(n >= 3);
    for (int i = 1; i <= n; i++)
        CU_ASSERT(size_of(part(2, "z", i, ".tsv.gz")) <= 8000);
    CU_ASSERT_EQUAL(tme_test_shell("for f in '%s'/z-*.tsv.gz; do gzip -t \"$f\" || exit 1; done; "
                                   "zcat '%s'/z-*.tsv.gz | cmp -s - '%s'",
                                   dir, dir, at(3, "whole.tsv")),
                    0);
    int m = count_parts("z", ".tmx.gz");
    for (int i = 1; i <= m; i++) {
        CU_ASSERT(size_of(part(4, "z", i, ".tmx.gz")) <= 8000);
        xmlDocPtr doc = tme_test_read_valid(part(4, "z", i, ".tmx.gz"), KIND_TMX);
        CU_ASSERT_PTR_NOT_NULL(doc);
        if (doc != NULL)
            xmlFreeDoc(doc);
    }
}

static void test_split_by_unit_count(void)
{
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract -q --split-units 100 %s -o '%s'",
                                      inputs(), at(0, "u.tsv")),
                    0);
    int n = count_parts("u", ".tsv");
    CU_ASSERT(n >= 2);
    for (int i = 1; i < n; i++)
        CU_ASSERT_EQUAL(tme_test_shell("test $(wc -l <'%s') -eq 100", part(1, "u", i, ".tsv")), 0);
}

static void test_a_failed_run_leaves_no_part_and_stale_parts_go(void)
{
    /* An older, longer run left six parts. */
    for (int i = 1; i <= 6; i++)
        CU_ASSERT_EQUAL_FATAL(tme_test_write_file(part(0, "s", i, ".tsv"), "old\n", 4), 0);
    /* A run that fails midway (its last input is not an article) writes
     * nothing: the old parts stay as they were. */
    const char *bad = at(1, "broken.txt");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(bad, "\xff\xfe\x00\xd8", 4), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract -q --split-units 100 %s '%s' -o '%s'",
                                      inputs(), bad, at(2, "s.tsv")),
                    1);
    CU_ASSERT_EQUAL(count_parts("s", ".tsv"), 6);
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    char *first = tme_test_read_file(part(3, "s", 1, ".tsv"), NULL);
    CU_ASSERT(first != NULL && strcmp(first, "old\n") == 0);
    free(first);
    /* A run that succeeds with fewer parts removes the older ones beyond. */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract -q --split-units 1000 %s -o '%s'",
                                      inputs(), at(2, "s.tsv")),
                    0);
    CU_ASSERT(count_parts("s", ".tsv") < 6);
    CU_ASSERT_EQUAL(access(part(4, "s", 6, ".tsv"), F_OK), -1);
}

/* A format of two files a part (moses): each part's pair is line-aligned,
 * --stats names every file, and a shorter run removes both files of the
 * parts beyond its last. */
static void test_moses_parts_come_in_pairs(void)
{
    const char *stats = at(0, "moses-stats.txt");
    char spec[4200];
    snprintf(spec, sizeof spec, "moses:%s", at(1, "m"));
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stats, "extract --stats --split-units 100 %s -o '%s'", inputs(), spec),
        0);
    int n = count_parts("m", ".en");
    CU_ASSERT(n >= 3);
    CU_ASSERT_EQUAL(count_parts("m", ".zh"), n);
    for (int i = 1; i <= n; i++)
        CU_ASSERT_EQUAL(tme_test_shell("test $(wc -l <'%s') -eq $(wc -l <'%s')",
                                       part(2, "m", i, ".en"), part(3, "m", i, ".zh")),
                        0);
    char line[8400];
    snprintf(line, sizeof line, "part 1 of %d: %s, %s", n, part(4, "m", 1, ".en"),
             part(5, "m", 1, ".zh"));
    char *text = tme_test_read_file(stats, NULL);
    CU_ASSERT(text != NULL && strstr(text, line) != NULL);
    free(text);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract -q --split-units 100000 %s -o '%s'",
                                      inputs(), spec),
                    0);
    CU_ASSERT_EQUAL(count_parts("m", ".en"), 1);
    CU_ASSERT_EQUAL(count_parts("m", ".zh"), 1);
    CU_ASSERT_EQUAL(access(part(6, "m", 2, ".zh"), F_OK), -1);
}

static void test_mistakes_are_refused(void)
{
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --split-size 10K '%s' -o tsv:-",
                                      tme_test_source_path(SAMPLE)),
                    2);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --split-size 12 '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), at(0, "tiny.tsv")),
                    2);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --split-units 0 '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), at(0, "none.tsv")),
                    2);
    /* A unit larger than a part cannot be split: an error, nothing kept. */
    const char *big = at(1, "big.tsv");
    FILE *f = fopen(big, "w");
    for (int k = 0; k < 2000; k++)
        fputs("A long sentence repeated to make one very long paragraph. ", f);
    fputs("\t", f);
    for (int k = 0; k < 2000; k++)
        fputs("\xe4\xb8\x80\xe4\xb8\xaa\xe5\xbe\x88\xe9\x95\xbf\xe7\x9a\x84\xe5\x8f\xa5\xe5\xad\x90"
              "\xe3\x80\x82",
              f);
    fputs("\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "align --unit paragraph --split-size 4096 '%s' -o '%s'", big,
                                      at(2, "big-out.tsv")),
                    2);
    CU_ASSERT_EQUAL(count_parts("big-out", ".tsv"), 0);
}

/* --shard K/N: the shards together hold every input's units once, shard K
 * the inputs at positions K mod N. */
static void test_shards_cover_the_inputs_once(void)
{
    const char *whole = at(0, "docs.tsv");
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract -q --tsv-fields document,source %s -o '%s'",
                                            inputs(), whole),
                          0);
    for (int k = 0; k < 3; k++) {
        char name[32];
        snprintf(name, sizeof name, "shard%d.tsv", k);
        CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                          "extract -q --shard %d/3 --tsv-fields document,source "
                                          "%s -o '%s'",
                                          k, inputs(), at(1 + k, name)),
                        0);
        /* Shard k holds articles k, k + 3, ... of the list. */
        CU_ASSERT_EQUAL(tme_test_shell("test \"$(cut -f1 '%s' | uniq | sed 's/.*article//' | "
                                       "paste -sd' ')\" = \"$(seq -f '%%02g.txt' %d 3 %d | "
                                       "paste -sd' ')\"",
                                       at(1 + k, name), k, COPIES - 1),
                        0);
    }
    CU_ASSERT_EQUAL(tme_test_shell("cat '%s' '%s' '%s' | sort >'%s' && sort '%s' | cmp -s - '%s'",
                                   at(1, "shard0.tsv"), at(2, "shard1.tsv"), at(3, "shard2.tsv"),
                                   at(4, "shards.sorted"), whole, at(4, "shards.sorted")),
                    0);
}

int main(void)
{
    dir = tme_test_scratch_dir("split");
    if (dir == NULL)
        return 2;
    CU_TestInfo tests[] = {
        {"TMX/XLIFF/TSV parts fit, validate, hold every unit",
         test_tmx_parts_fit_validate_and_hold_every_unit},
        {"gzip parts fit by their compressed size", test_gzip_parts_fit_by_their_compressed_size},
        {"split by unit count", test_split_by_unit_count},
        {"a failed run leaves no part; stale parts go",
         test_a_failed_run_leaves_no_part_and_stale_parts_go},
        {"moses parts come in pairs", test_moses_parts_come_in_pairs},
        {"mistakes are refused", test_mistakes_are_refused},
        {"shards cover the inputs once", test_shards_cover_the_inputs_once},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("split", tests);
}
