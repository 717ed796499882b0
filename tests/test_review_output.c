/* SPDX-License-Identifier: MIT */
/* --review-below X --review-output SPEC (issue 13): units scoring below X
 * go to the review output and only there; the outputs keep the rest. The
 * two together are the whole export, the review output follows the -o
 * rules (format by name or extension, .gz, --per-input naming) and is
 * committed with the others, all or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_support.h"
#include "tmexport.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define BELOW "0.97"

static const char *dir;

static const char *at(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return at(15, "stderr.txt");
}

/* Lines of a TSV of source, target, score: their count, and whether every
 * score is below (want_below 1) or at least (0) X. */
static size_t count_lines_scored(const char *path, double x, int want_below, int *all_hold)
{
    size_t n = 0;
    char *text = tme_test_read_file(path, NULL);
    *all_hold = text != NULL;
    for (char *line = text; line != NULL && *line != '\0'; n++) {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        char *tab = strrchr(line, '\t');
        double score = tab != NULL ? strtod(tab + 1, NULL) : -1;
        if (tab == NULL || (score < x) != want_below)
            *all_hold = 0;
        line = end != NULL ? end + 1 : NULL;
    }
    free(text);
    return n;
}

static void run_api(tme_session *s, const char *main_out, const char *review_out)
{
    CU_ASSERT_EQUAL(tme_session_set(s, "tsv-fields", "source,target,score"), TME_OK);
    CU_ASSERT_EQUAL(tme_session_add_output(s, main_out), TME_OK);
    if (review_out != NULL) {
        CU_ASSERT_EQUAL(tme_session_set(s, "review-below", BELOW), TME_OK);
        CU_ASSERT_EQUAL(tme_session_set(s, "review-output", review_out), TME_OK);
    }
    CU_ASSERT_EQUAL(tme_session_add_input(s, tme_test_source_path(SAMPLE)), TME_OK);
    CU_ASSERT_EQUAL(tme_session_run(s), TME_OK);
    CU_ASSERT_EQUAL(tme_session_commit(s), TME_OK);
}

static void test_units_split_by_score(void)
{
    tme_session *whole = tme_session_new(), *split = tme_session_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(whole);
    CU_ASSERT_PTR_NOT_NULL_FATAL(split);
    run_api(whole, at(0, "whole.tsv"), NULL);
    run_api(split, at(1, "kept.tsv"), at(2, "check.tsv"));
    int kept_hold, review_hold, whole_hold;
    size_t kept = count_lines_scored(at(1, "kept.tsv"), 0.97, 0, &kept_hold);
    size_t review = count_lines_scored(at(2, "check.tsv"), 0.97, 1, &review_hold);
    size_t all = count_lines_scored(at(0, "whole.tsv"), 2, 1, &whole_hold);
    CU_ASSERT(kept_hold && review_hold && whole_hold);
    CU_ASSERT(review > 0 && kept > 0);
    CU_ASSERT_EQUAL(kept + review, all);
    CU_ASSERT_EQUAL(tme_session_count(split, "units.to-review"), review);
    CU_ASSERT_EQUAL(tme_session_count(whole, "units.to-review"), 0);
    CU_ASSERT_EQUAL(tme_session_output_count(split), 2);
    CU_ASSERT_FALSE(tme_session_output_is_review(split, 0));
    CU_ASSERT_TRUE(tme_session_output_is_review(split, 1));
    CU_ASSERT_EQUAL(tme_session_output_units(split, 0), kept);
    CU_ASSERT_EQUAL(tme_session_output_units(split, 1), review);
    tme_session_free(whole);
    tme_session_free(split);
    /* Together they are the whole export, unit for unit. */
    CU_ASSERT_EQUAL(tme_test_shell("[ \"$(LC_ALL=C sort '%s' '%s' | md5sum)\" = "
                                   "\"$(LC_ALL=C sort '%s' | md5sum)\" ]",
                                   at(1, "kept.tsv"), at(2, "check.tsv"), at(0, "whole.tsv")),
                    0);
}

static void test_review_output_follows_the_output_rules(void)
{
    /* A format prefix and .gz; the summary names it as the review output. */
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract --stats '%s' -o '%s' --review-below " BELOW
                                            " --review-output 'tsv:%s'",
                                            tme_test_source_path(SAMPLE), at(0, "kept.tmx"),
                                            at(1, "doubtful.gz")),
                          0);
    CU_ASSERT(tme_test_file_says(stderr_path(), "to review: scores below " BELOW, NULL));
    CU_ASSERT_EQUAL(tme_test_shell("gzip -t '%s' && [ \"$(gzip -dc '%s' | wc -l)\" -gt 0 ]",
                                   at(0, "doubtful.gz"), at(1, "doubtful.gz")),
                    0);
    /* The review page, for a person: the doubtful units in HTML. */
    CU_ASSERT_EQUAL_FATAL(
        tme_test_run_clif(stderr_path(),
                          "extract '%s' -o '%s' --review-below " BELOW " --review-output '%s'",
                          tme_test_source_path(SAMPLE), at(0, "k.tsv"), at(1, "check.html")),
        0);
    CU_ASSERT(tme_test_file_says(at(0, "check.html"), "<html", NULL));
    /* --per-input: each input's NAME.review.EXT beside NAME.EXT. */
    const char *per = at(2, "per");
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract '%s' --per-input '%s' -o x.tsv "
                                            "--review-below " BELOW " --review-output x.tsv",
                                            tme_test_source_path(SAMPLE), per),
                          0);
    struct stat st;
    CU_ASSERT_EQUAL(stat(at(3, "per/deepseek-bilingual.tsv"), &st), 0);
    CU_ASSERT_EQUAL(stat(at(4, "per/deepseek-bilingual.review.tsv"), &st), 0);
    CU_ASSERT(st.st_size > 0);
}

static void test_usage_errors(void)
{
    static const char *const bad[][2] = {
        {"--review-below 0.5", "needs --review-output"},
        {"--review-output r.tsv", "needs --review-below"},
        {"--review-below 0 --review-output r.tsv", "(0,1]"},
        {"--review-below 1.5 --review-output r.tsv", "(0,1]"},
        {"--review-below 0.5 --review-output nosuchformat:r", "unknown format"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s' %s",
                                          tme_test_source_path(SAMPLE), at(0, "u.tsv"), bad[i][0]),
                        2);
        CU_ASSERT(tme_test_file_says(stderr_path(), bad[i][1], NULL));
        struct stat st;
        CU_ASSERT_NOT_EQUAL(stat(at(1, "u.tsv"), &st), 0);
    }
}

/* The review output is committed with the others: when it cannot be
 * written, no output is replaced. */
static void test_all_or_none(void)
{
    const char *kept = at(0, "old.tsv");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(kept, "old\n", 4), 0);
    const char *directory = at(1, "a-directory");
    CU_ASSERT_EQUAL_FATAL(mkdir(directory, 0777), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract '%s' -o '%s' --review-below " BELOW
                                      " --review-output 'tsv:%s'",
                                      tme_test_source_path(SAMPLE), kept, directory),
                    1);
    CU_ASSERT(tme_test_file_equals(kept, "old\n"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    /* The review output may not be an -o output too. */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract '%s' -o '%s' --review-below " BELOW
                                      " --review-output '%s'",
                                      tme_test_source_path(SAMPLE), kept, kept),
                    2);
    CU_ASSERT(tme_test_file_says(stderr_path(), "written twice", NULL));
    CU_ASSERT(tme_test_file_equals(kept, "old\n"));
}

int main(void)
{
    dir = tme_test_scratch_dir("review-output");
    CU_TestInfo tests[] = {
        {"units split by score", test_units_split_by_score},
        {"review output follows the -o rules", test_review_output_follows_the_output_rules},
        {"usage errors", test_usage_errors},
        {"all or none", test_all_or_none},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("review-output", tests);
}
