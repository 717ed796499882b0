/* SPDX-License-Identifier: MIT */
/* Machine-readable stats (issue 15): --stats=json is one JSON object that
 * Python's json module reads, holding every counter with the value the
 * library reports, each output's pairs and files (a split output's parts),
 * the settings; --stats-file writes the summary (text or JSON) as outputs
 * are written, committed with them, all or none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"
#include "tmexport.h"

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

/* Runs a Python check on a JSON file: the script sees the document as d. */
static int python_says(const char *json_path, const char *check)
{
    const char *script = at(14, "check.py");
    FILE *f = fopen(script, "w");
    if (f == NULL)
        return 0;
    fprintf(f, "import json, sys\nd = json.load(open(sys.argv[1], encoding='utf-8'))\n%s\n", check);
    fclose(f);
    return tme_test_shell("python3 '%s' '%s'", script, json_path) == 0;
}

/* The library's counters for the sample, as a Python dict literal. */
static void expected_counters(char *out, size_t size)
{
    tme_session *s = tme_session_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(tme_session_add_output(s, at(0, "api.tsv")), TME_OK);
    CU_ASSERT_EQUAL(tme_session_add_input(s, tme_test_source_path(SAMPLE)), TME_OK);
    CU_ASSERT_EQUAL(tme_session_run(s), TME_OK);
    CU_ASSERT_EQUAL(tme_session_commit(s), TME_OK);
    size_t n = (size_t)snprintf(out, size, "{");
    for (size_t i = 0; tme_counter_name(i) != NULL && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "'%s': %zu, ", tme_counter_name(i),
                              tme_session_count(s, tme_counter_name(i)));
    if (n < size)
        snprintf(out + n, size - n, "}");
    tme_session_free(s);
}

static void test_json_holds_every_counter_and_output(void)
{
    const char *json = at(1, "stats.json");
    CU_ASSERT_EQUAL_FATAL(tme_test_shell("'%s' extract -q --stats=json '%s' -o '%s' -o 'moses:%s' "
                                         "2>'%s'",
                                         TME_BINARY, tme_test_source_path(SAMPLE),
                                         at(2, "out.tmx.gz"), at(3, "corpus"), json),
                          0);
    static char counters[16384], check[20000];
    expected_counters(counters, sizeof counters);
    snprintf(check, sizeof check,
             "want = %s\n"
             "assert d['counters'] == want, (d['counters'], want)\n"
             "assert d['counters']['units.written'] == 54\n"
             "assert d['tmexport'] and d['settings']['tgt-lang'] == 'zh-CN'\n"
             "o = d['outputs']\n"
             "assert [x['format'] for x in o] == ['tmx', 'moses'], o\n"
             "assert [x['units'] for x in o] == [54, 54] and o[0]['gzip'] and not o[1]['gzip']\n"
             "assert o[0]['files'] == ['%s'], o\n"
             "assert o[1]['files'] == ['%s.en', '%s.zh'], o\n"
             "assert 'parts' not in o[0]\n",
             counters, at(4, "out.tmx.gz"), at(5, "corpus"), at(6, "corpus"));
    CU_ASSERT(python_says(json, check));
}

static void test_json_lists_parts_and_escapes_names(void)
{
    /* A name with a quote, a backslash and a tab. */
    const char *out = at(0, "odd \"name\\\t.tsv");
    const char *json = at(1, "parts.json");
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract -q --split-units 20 --stats=json "
                                            "--stats-file '%s' '%s' -o '%s'",
                                            json, tme_test_source_path(SAMPLE), out),
                          0);
    CU_ASSERT(python_says(json, "o = d['outputs'][0]\n"
                                "assert o['path'].endswith('odd \"name\\\\\\t.tsv'), o\n"
                                "p = o['parts']\n"
                                "assert len(p) == 3, p\n"
                                "assert [x['files'] for x in p] == [[x['path']] for x in p]\n"
                                "assert p[0]['path'].endswith('odd \"name\\\\\\t-0001.tsv')\n"));
}

static void test_stats_file_text_is_the_summary(void)
{
    const char *file = at(0, "stats.txt");
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract -q --stats-file '%s' '%s' -o '%s'", file,
                                            tme_test_source_path(SAMPLE), at(1, "s.tsv")),
                          0);
    char *text = tme_test_read_file(file, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "sentence pairs: 54"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "s.tsv: 54 pairs (tsv)"));
    free(text);
    /* Nothing on stderr: the summary went to the file. */
    char *err = tme_test_read_file(stderr_path(), NULL);
    CU_ASSERT(err != NULL && err[0] == '\0');
    free(err);
}

/* The stats file is vetted as an output, before anything is replaced; a
 * failure to write it replaces no output either. */
static void test_stats_file_is_an_output_all_or_none(void)
{
    const char *out = at(0, "kept.tsv");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(out, "old\n", 4), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats-file '%s' '%s' -o '%s'", out,
                                      tme_test_source_path(SAMPLE), out),
                    2);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats-file '%s' '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), tme_test_source_path(SAMPLE),
                                      out),
                    2);
    const char *directory = at(1, "a-directory");
    CU_ASSERT_EQUAL_FATAL(mkdir(directory, 0777), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats-file '%s' '%s' -o '%s'",
                                      directory, tme_test_source_path(SAMPLE), out),
                    1);
    char *kept = tme_test_read_file(out, NULL);
    CU_ASSERT(kept != NULL && strcmp(kept, "old\n") == 0);
    free(kept);
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --stats=xml '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), out),
                    2);
}

int main(void)
{
    dir = tme_test_scratch_dir("stats");
    CU_TestInfo tests[] = {
        {"JSON holds every counter and output", test_json_holds_every_counter_and_output},
        {"JSON lists parts and escapes names", test_json_lists_parts_and_escapes_names},
        {"--stats-file text is the summary", test_stats_file_text_is_the_summary},
        {"--stats-file is an output, all or none", test_stats_file_is_an_output_all_or_none},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("stats", tests);
}
