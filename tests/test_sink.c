/* SPDX-License-Identifier: MIT */
/* Output sinks: atomic replacement, gzip streams, failures that leave the
 * previous file untouched and no temporary behind. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "sink.h"
#include "test_support.h"

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    if (d != NULL)
        closedir(d);
    return n;
}

static void test_commit_writes_the_file(void)
{
    const char *dir = tme_test_scratch_dir("sink-commit");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    tme_error err;
    tme_error_clear(&err);
    tme_sink *sink = tme_sink_open(path, TME_SINK_PLAIN, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    /* Nothing at the target until commit: the bytes go to a temporary. */
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    CU_ASSERT_EQUAL(tme_sink_write(sink, "hello ", 6), 0);
    CU_ASSERT_EQUAL(tme_sink_write(sink, "world\n", 6), 0);
    CU_ASSERT_EQUAL(tme_sink_commit(sink, &err), TME_OK);
    char *got = tme_test_read_file(path, NULL);
    CU_ASSERT_STRING_EQUAL(got, "hello world\n");
    free(got);
    CU_ASSERT_EQUAL(count_entries(dir), 1);
}

static void test_abort_keeps_the_previous_file(void)
{
    const char *dir = tme_test_scratch_dir("sink-abort");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(path, "previous\n", 9), 0);
    tme_error err;
    tme_error_clear(&err);
    tme_sink *sink = tme_sink_open(path, 6, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    tme_sink_write(sink, "new", 3);
    tme_sink_abort(sink);
    char *got = tme_test_read_file(path, NULL);
    CU_ASSERT_STRING_EQUAL(got, "previous\n");
    free(got);
    CU_ASSERT_EQUAL(count_entries(dir), 1);
}

static void test_gzip_round_trip(void)
{
    const char *dir = tme_test_scratch_dir("sink-gzip");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.tsv.gz", dir);
    tme_error err;
    tme_error_clear(&err);
    tme_sink *sink = tme_sink_open(path, 9, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    /* More than the sink's buffer, so deflate output is flushed many times. */
    size_t total = 0;
    char line[64];
    for (int k = 0; k < 50000; k++) {
        int n = snprintf(line, sizeof line, "line %d\t第%d行\n", k, k);
        CU_ASSERT_EQUAL(tme_sink_write(sink, line, (size_t)n), 0);
        total += (size_t)n;
    }
    CU_ASSERT_EQUAL_FATAL(tme_sink_commit(sink, &err), TME_OK);
    gzFile gz = gzopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(gz);
    char *buf = malloc(total + 1);
    int got = gzread(gz, buf, (unsigned)total + 1);
    CU_ASSERT_EQUAL(got, (int)total);
    CU_ASSERT_EQUAL(gzclose(gz), Z_OK);
    buf[total] = '\0';
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "line 49999\t第49999行\n"));
    CU_ASSERT_EQUAL(strncmp(buf, "line 0\t第0行\nline 1\t", 19), 0);
    free(buf);
}

static void test_missing_directory_fails_at_open(void)
{
    tme_error err;
    tme_error_clear(&err);
    tme_sink *sink = tme_sink_open("no-such-dir/sub/out.tsv", TME_SINK_PLAIN, &err);
    CU_ASSERT_PTR_NULL(sink);
    CU_ASSERT_EQUAL(err.status, TME_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "no-such-dir/sub/out.tsv"));
}

static void test_read_only_directory(void)
{
    if (geteuid() == 0)
        return; /* root writes anywhere: the CLI suite covers a missing directory */
    const char *dir = tme_test_scratch_dir("sink-readonly");
    char path[4200];
    snprintf(path, sizeof path, "%s/out.tsv", dir);
    chmod(dir, 0555);
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_PTR_NULL(tme_sink_open(path, TME_SINK_PLAIN, &err));
    chmod(dir, 0755);
}

static void test_bad_gzip_level(void)
{
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_PTR_NULL(tme_sink_open("x.gz", 12, &err));
    CU_ASSERT_EQUAL(err.status, TME_ERR_USAGE);
}

static CU_TestInfo tests[] = {
    {"commit writes the file", test_commit_writes_the_file},
    {"abort keeps the previous file", test_abort_keeps_the_previous_file},
    {"gzip round trip", test_gzip_round_trip},
    {"missing directory fails at open", test_missing_directory_fails_at_open},
    {"read-only directory", test_read_only_directory},
    {"bad gzip level", test_bad_gzip_level},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("sink", tests);
}
