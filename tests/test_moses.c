/* SPDX-License-Identifier: MIT */
/* Writers that own several sinks (src/writer.c), and the moses writer built
 * on them: two line-aligned files, PATH.en and PATH.zh, whose lines pasted
 * together are the TSV export byte for byte, replaced together or not at
 * all. Every path is private to this suite; the device node one test needs
 * is made here, by root only. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static int stderr_says(const char *needle)
{
    return tme_test_file_says(stderr_path(), needle, NULL);
}

static void write_text(const char *path, const char *text)
{
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(path, text, strlen(text)), 0);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* ---- the lifecycle: a test format with two files of its own ------------- */

typedef struct {
    tme_sink *a, *b;
} two_files_state;

static tme_status two_files_begin(tme_writer *w, tme_error *err)
{
    two_files_state *s = w->priv;
    char path[4200];
    snprintf(path, sizeof path, "%s.a", tme_writer_path(w));
    if ((s->a = tme_writer_open_sink(w, path, err)) == NULL)
        return err->status;
    snprintf(path, sizeof path, "%s.b", tme_writer_path(w));
    if ((s->b = tme_writer_open_sink(w, path, err)) == NULL)
        return err->status;
    return TME_OK;
}

static tme_status two_files_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    two_files_state *s = w->priv;
    if (tme_sink_write(s->a, unit->source, strlen(unit->source)) != 0)
        return tme_sink_error(s->a, err);
    if (tme_sink_write(s->b, unit->target, strlen(unit->target)) != 0)
        return tme_sink_error(s->b, err);
    return TME_OK;
}

static tme_status two_files_end(tme_writer *w, tme_error *err)
{
    (void)w;
    (void)err;
    return TME_OK;
}

static const tme_output_format two_files = {
    .name = "two-files",
    .opens_sinks = 1,
    .priv_size = sizeof(two_files_state),
    .begin = two_files_begin,
    .write = two_files_write,
    .end = two_files_end,
};

static tme_writer *open_two_files(const char *path, const tme_writer_context *context)
{
    tme_error err;
    tme_error_clear(&err);
    tme_writer *w = tme_writer_open(&two_files, path, TME_SINK_PLAIN, context, &err);
    if (w == NULL)
        fprintf(stderr, "\nopen: %s\n", err.message);
    return w;
}

static tme_status write_one(tme_writer *w)
{
    tme_unit unit = {"new a", "new b", 1, "doc", 0, 0, NULL, NULL};
    tme_error err;
    tme_error_clear(&err);
    return tme_writer_write(w, &unit, &err);
}

static const tme_writer_context *default_context(void)
{
    static const tme_writer_options o = {"en", "zh-CN", "sentence", "test", 0, 0, NULL};
    return tme_test_context(&o);
}

static void test_every_sink_is_committed_by_finish_and_none_before(void)
{
    const char *base = at(0, "pair");
    write_text(at(1, "pair.a"), "old a");
    write_text(at(2, "pair.b"), "old b");
    tme_writer *w = open_two_files(base, default_context());
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_PTR_EQUAL(w->sink, w->sinks[0]);
    CU_ASSERT_EQUAL(w->n_sinks, 2);
    CU_ASSERT_EQUAL(write_one(w), TME_OK);
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL(tme_writer_close(w, &err), TME_OK);
    /* Closed, not committed: both old files are still there. */
    CU_ASSERT(tme_test_file_equals(at(1, "pair.a"), "old a"));
    CU_ASSERT(tme_test_file_equals(at(2, "pair.b"), "old b"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 2);
    CU_ASSERT_EQUAL(tme_writer_finish(w, &err), TME_OK);
    CU_ASSERT(tme_test_file_equals(at(1, "pair.a"), "new a"));
    CU_ASSERT(tme_test_file_equals(at(2, "pair.b"), "new b"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_abort_discards_every_sink(void)
{
    write_text(at(1, "other.a"), "old a");
    tme_writer *w = open_two_files(at(0, "other"), default_context());
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(write_one(w), TME_OK);
    tme_writer_abort(w);
    CU_ASSERT(tme_test_file_equals(at(1, "other.a"), "old a"));
    CU_ASSERT(!exists(at(2, "other.b")));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_a_second_sink_that_cannot_open_leaves_nothing(void)
{
    write_text(at(1, "other.a"), "old a");
    CU_ASSERT_EQUAL_FATAL(mkdir(at(2, "other.b"), 0777), 0); /* a directory: an error at open */
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_PTR_NULL(
        tme_writer_open(&two_files, at(0, "other"), TME_SINK_PLAIN, default_context(), &err));
    CU_ASSERT_NOT_EQUAL(err.status, TME_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "other.b"));
    CU_ASSERT(tme_test_file_equals(at(1, "other.a"), "old a"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    rmdir(at(2, "other.b"));
}

static tme_status refuse_b(void *context, const char *path, tme_error *err)
{
    (*(int *)context)++;
    size_t n = strlen(path);
    if (n >= 2 && strcmp(path + n - 2, ".b") == 0)
        return tme_error_set(err, TME_ERR_USAGE, "%s: refused", path);
    return TME_OK;
}

static void test_check_path_vets_every_sink(void)
{
    int calls = 0;
    tme_writer_context context = *default_context();
    context.check_path = refuse_b;
    context.check_context = &calls;
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_PTR_NULL(
        tme_writer_open(&two_files, at(0, "vetted"), TME_SINK_PLAIN, &context, &err));
    CU_ASSERT_EQUAL(calls, 2);
    CU_ASSERT_EQUAL(err.status, TME_ERR_USAGE);
    CU_ASSERT(!exists(at(1, "vetted.a")));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    /* A format with one file is vetted too, before anything is created. */
    calls = 0;
    tme_error_clear(&err);
    CU_ASSERT_PTR_NULL(tme_writer_open(tme_output_format_by_name("tsv"), at(1, "out.b"),
                                       TME_SINK_PLAIN, &context, &err));
    CU_ASSERT_EQUAL(calls, 1);
    CU_ASSERT(!exists(at(1, "out.b")));
}

/* ---- moses ----------------------------------------------------------------- */

static void test_language_pair_extensions_choose_moses(void)
{
    const tme_output_format *moses = tme_output_format_by_name("moses");
    CU_ASSERT_PTR_NOT_NULL_FATAL(moses);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("en-zh"), moses);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("ZH-en"), moses);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("eng-cmn"), moses);
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("en"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("en-"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("e-zh"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("en-zh-cn"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("english-zh"));
    CU_ASSERT_PTR_NULL(tme_output_format_by_extension("e1-zh"));
    /* Listed extensions come first. */
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("tsv"), tme_output_format_by_name("tsv"));
}

/* Exports input to moses:DIR/stem and DIR/stem.tsv in one run; 1 when
 * `paste stem.en stem.zh` (source first) is the TSV byte for byte. */
static int moses_pastes_into_the_tsv(const char *input, const char *stem, const char *options)
{
    const char *first = strstr(options, "--src-lang zh") ? "zh" : "en";
    const char *second = strcmp(first, "zh") == 0 ? "en" : "zh";
    const char *base = at(4, stem);
    int rc = tme_test_run_clif(stderr_path(), "extract %s '%s' -o 'moses:%s' -o '%s.tsv'", options,
                               input, base, base);
    if (rc != 0) {
        fprintf(stderr, "\n%s: exit %d\n", input, rc);
        return 0;
    }
    return tme_test_shell("paste '%s.%s' '%s.%s' | cmp -s - '%s.tsv'", base, first, base, second,
                          base) == 0;
}

static void test_pasted_files_are_the_tsv_on_every_sample(void)
{
    CU_ASSERT(moses_pastes_into_the_tsv(tme_test_source_path(SAMPLE), "sample", ""));
    CU_ASSERT(
        moses_pastes_into_the_tsv(tme_test_source_path(SAMPLE), "paragraphs", "--unit paragraph"));
    CU_ASSERT(moses_pastes_into_the_tsv(tme_test_source_path(SAMPLE), "zh-en",
                                        "--src-lang zh-CN --tgt-lang en"));
    char samples[4200];
    snprintf(samples, sizeof samples, "%s", tme_test_source_path("samples"));
    DIR *d = opendir(samples);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    size_t articles = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char article[8400];
        snprintf(article, sizeof article, "%s/%s/article.txt", samples, e->d_name);
        if (e->d_name[0] == '.' || access(article, R_OK) != 0)
            continue;
        articles++;
        if (!moses_pastes_into_the_tsv(article, e->d_name, ""))
            CU_FAIL_FATAL("paste of the moses files differs from the TSV");
    }
    closedir(d);
    CU_ASSERT(articles >= 5);
    /* Non-empty: a paste of two empty files equals an empty TSV too. */
    size_t len = 0;
    free(tme_test_read_file(at(0, "sample.tsv"), &len));
    CU_ASSERT(len > 1000);
}

static void test_extension_and_gzip_name_the_files(void)
{
    const char *sample = tme_test_source_path(SAMPLE);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s' -o '%s' -o 'moses:%s'",
                                      sample, at(0, "a.en-zh"), at(1, "b.zh-en.gz"), at(2, "c.gz")),
                    0);
    CU_ASSERT(exists(at(0, "a.en")) && exists(at(0, "a.zh")));
    CU_ASSERT(!exists(at(0, "a.en-zh")));
    CU_ASSERT_EQUAL(
        tme_test_shell("gzip -dc '%s' | cmp -s - '%s'", at(1, "b.en.gz"), at(2, "a.en")), 0);
    CU_ASSERT_EQUAL(
        tme_test_shell("gzip -dc '%s' | cmp -s - '%s'", at(1, "b.zh.gz"), at(2, "a.zh")), 0);
    CU_ASSERT_EQUAL(
        tme_test_shell("gzip -dc '%s' | cmp -s - '%s'", at(1, "c.zh.gz"), at(2, "a.zh")), 0);
    /* --tgt-lang zh-Hant-TW and en-GB: primary subtags, lower-cased. */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(),
                                      "extract '%s' --src-lang EN-gb --tgt-lang zh-Hant-TW "
                                      "-o 'moses:%s'",
                                      sample, at(0, "tw")),
                    0);
    CU_ASSERT(tme_test_same_file(at(0, "tw.en"), at(1, "a.en")));
    CU_ASSERT(tme_test_same_file(at(0, "tw.zh"), at(1, "a.zh")));
}

static void test_unusable_paths_are_usage_errors_that_create_nothing(void)
{
    const char *sample = tme_test_source_path(SAMPLE);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'", sample, at(0, "corpus.de-fr")), 2);
    CU_ASSERT(stderr_says("names the languages de and fr"));
    CU_ASSERT(!exists(at(0, "corpus.en")) && !exists(at(0, "corpus.de")));
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o moses:-", sample), 2);
    CU_ASSERT(stderr_says("not standard output"));
    /* The second file is an input: refused like any output that is one. */
    CU_ASSERT_EQUAL(tme_test_shell("cp '%s' '%s'", sample, at(1, "in.zh")), 0);
    CU_ASSERT_EQUAL(
        tme_test_run_clif(stderr_path(), "extract '%s' -o 'moses:%s'", at(1, "in.zh"), at(2, "in")),
        2);
    CU_ASSERT(stderr_says("is also an input"));
    CU_ASSERT(!exists(at(2, "in.en")));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_same_language_keys_are_refused(void)
{
    tme_writer_options o = {"en", "en-GB", "sentence", "test", 0, 0, NULL};
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_PTR_NULL(tme_writer_open(tme_output_format_by_name("moses"), at(0, "same"),
                                       TME_SINK_PLAIN, tme_test_context(&o), &err));
    CU_ASSERT_EQUAL(err.status, TME_ERR_USAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "both 'en'"));
    CU_ASSERT(!exists(at(0, "same.en")));
}

/* Old files at corpus.en and (where it is a file) corpus.zh; the run must
 * fail on corpus.zh and replace neither. */
static void expect_neither_replaced(const char *why)
{
    write_text(at(0, "corpus.en"), "old english\n");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o 'moses:%s'",
                                      tme_test_source_path(SAMPLE), at(1, "corpus")),
                    1);
    CU_ASSERT(stderr_says(why));
    CU_ASSERT(stderr_says("corpus.zh"));
    CU_ASSERT(tme_test_file_equals(at(0, "corpus.en"), "old english\n"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_second_file_failing_at_open_replaces_neither(void)
{
    CU_ASSERT_EQUAL_FATAL(mkdir(at(0, "corpus.zh"), 0777), 0);
    expect_neither_replaced("directory");
    rmdir(at(0, "corpus.zh"));
}

static void test_second_file_on_a_full_device_replaces_neither(void)
{
    const char *zh = at(2, "corpus.zh");
    if (tme_test_make_char_device(zh, 1, 7) != 0) {
        fprintf(stderr, "\n  SKIPPED: making a full device node needs root (CAP_MKNOD) ");
        return;
    }
    expect_neither_replaced("No space left on device");
    struct stat st;
    CU_ASSERT(lstat(at(2, "corpus.zh"), &st) == 0 && S_ISCHR(st.st_mode));
    unlink(at(2, "corpus.zh"));
}

static void test_second_file_in_a_read_only_directory_replaces_neither(void)
{
    if (geteuid() == 0) {
        fprintf(stderr, "\n  SKIPPED: root writes into read-only directories ");
        return;
    }
    const char *locked = at(2, "locked");
    CU_ASSERT_EQUAL_FATAL(mkdir(locked, 0555), 0);
    /* corpus.zh is a link into it: its target is replaced beside itself. */
    CU_ASSERT_EQUAL_FATAL(symlink("locked/corpus.zh", at(3, "corpus.zh")), 0);
    expect_neither_replaced("Permission denied");
    unlink(at(3, "corpus.zh"));
    chmod(locked, 0755);
    rmdir(locked);
}

static void test_per_input_names_both_files_after_the_input(void)
{
    const char *sample = tme_test_source_path(SAMPLE);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' --per-input '%s' -o moses:x",
                                      sample, at(0, "per")),
                    0);
    CU_ASSERT(exists(at(1, "per/deepseek-bilingual.en")));
    CU_ASSERT(exists(at(2, "per/deepseek-bilingual.zh")));
}

int main(void)
{
    dir = tme_test_scratch_dir("moses");
    if (dir == NULL)
        return 2;
    CU_TestInfo tests[] = {
        {"every sink is committed by finish, none before",
         test_every_sink_is_committed_by_finish_and_none_before},
        {"abort discards every sink", test_abort_discards_every_sink},
        {"a second sink that cannot open leaves nothing",
         test_a_second_sink_that_cannot_open_leaves_nothing},
        {"check_path vets every sink", test_check_path_vets_every_sink},
        {"language pair extensions choose moses", test_language_pair_extensions_choose_moses},
        {"pasted files are the TSV on every sample", test_pasted_files_are_the_tsv_on_every_sample},
        {"extension and gzip name the files", test_extension_and_gzip_name_the_files},
        {"unusable paths are usage errors that create nothing",
         test_unusable_paths_are_usage_errors_that_create_nothing},
        {"same language keys are refused", test_same_language_keys_are_refused},
        {"second file failing at open replaces neither",
         test_second_file_failing_at_open_replaces_neither},
        {"second file on a full device replaces neither",
         test_second_file_on_a_full_device_replaces_neither},
        {"second file in a read-only directory replaces neither",
         test_second_file_in_a_read_only_directory_replaces_neither},
        {"per-input names both files after the input",
         test_per_input_names_both_files_after_the_input},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("moses", tests);
}
