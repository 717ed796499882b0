/* SPDX-License-Identifier: MIT */
/* Outputs that are device nodes (issue 10). Each test makes its own nodes in
 * a scratch directory — major 1, minor 7 is a full device (every write fails
 * with ENOSPC), 1/3 a null device — and never touches the system's /dev
 * nodes. Making a node needs root (CAP_MKNOD): without it the whole suite
 * exits 77, which ctest reports as skipped. */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "sink.h"
#include "test_support.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define SKIPPED 77

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
    char *text = tme_test_read_file(stderr_path(), NULL);
    int found = text != NULL && strstr(text, needle) != NULL;
    if (!found)
        fprintf(stderr, "\nstderr lacks '%s': %s\n", needle, text ? text : "(none)");
    free(text);
    return found;
}

static int is_char_device(const char *path, unsigned major, unsigned minor)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == major &&
           minor(st.st_rdev) == minor;
}

static const char *full_device(void)
{
    const char *path = at(0, "full");
    CU_ASSERT_EQUAL_FATAL(tme_test_make_char_device(path, 1, 7), 0);
    return path;
}

static const char *null_device(void)
{
    const char *path = at(1, "null");
    CU_ASSERT_EQUAL_FATAL(tme_test_make_char_device(path, 1, 3), 0);
    return path;
}

static void test_full_device_fails_cleanly_and_stays_a_device(void)
{
    /* (moses writes two files named after the path: see test_moses.) */
    const char *formats[] = {"tsv", "tmx", "xliff", "xliff2", "jsonl", "review"};
    for (size_t k = 0; k < sizeof formats / sizeof *formats; k++) {
        const char *full = full_device();
        CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s:%s'",
                                          tme_test_source_path(SAMPLE), formats[k], full),
                        1);
        CU_ASSERT(stderr_says("No space left on device"));
        CU_ASSERT(stderr_says(full));
        CU_ASSERT(is_char_device(full, 1, 7));
        CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    }
}

static void test_gzip_to_a_full_device_fails(void)
{
    const char *path = at(2, "full.tsv.gz");
    CU_ASSERT_EQUAL_FATAL(tme_test_make_char_device(path, 1, 7), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), path),
                    1);
    CU_ASSERT(stderr_says("No space left on device"));
    CU_ASSERT(is_char_device(path, 1, 7));
}

static void test_null_device_succeeds_and_stays_a_device(void)
{
    const char *null = null_device();
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o 'tmx:%s' -o 'tsv:%s.gz'",
                                      tme_test_source_path(SAMPLE), null, null),
                    0);
    CU_ASSERT(is_char_device(null, 1, 3));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_link_to_a_device_writes_to_the_device(void)
{
    const char *null = null_device();
    const char *link = at(3, "discard.tsv");
    unlink(link);
    CU_ASSERT_EQUAL_FATAL(symlink("null", link), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), link),
                    0);
    CU_ASSERT(is_char_device(null, 1, 3));
    struct stat st;
    CU_ASSERT(lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_stdout_on_a_full_device_exits_1(void)
{
    const char *full = full_device();
    const char *commands[] = {
        "extract - -o tsv:-", "extract - -o tmx:-",  "extract -",
        "segment --lang en",  "normalize --lang en", "--help",
        "extract --help",
    };
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        CU_ASSERT_EQUAL(
            tme_test_run_cli(commands[k], tme_test_source_path(SAMPLE), full, stderr_path()), 1);
        CU_ASSERT(stderr_says("No space left on device"));
        CU_ASSERT(is_char_device(full, 1, 7));
    }
}

static void test_block_device_is_refused(void)
{
    /* Block major 0 is no driver: even a mistaken open could reach no disk. */
    const char *path = at(4, "disk.tsv");
    unlink(path);
    CU_ASSERT_EQUAL_FATAL(mknod(path, S_IFBLK | 0600, makedev(0, 0)), 0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), path),
                    1);
    CU_ASSERT(stderr_says("block device"));
    struct stat st;
    CU_ASSERT(lstat(path, &st) == 0 && S_ISBLK(st.st_mode));
}

/* The library itself: a stdout sink on a full device reports the failure
 * early, not after a long export produced everything. */
static void test_sink_on_a_full_stdout_stops_early(void)
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    int full = open(full_device(), O_WRONLY);
    CU_ASSERT_FATAL(full >= 0);
    dup2(full, STDOUT_FILENO);
    tme_error err;
    tme_error_clear(&err);
    tme_sink *sink = tme_sink_open("-", TME_SINK_PLAIN, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    char chunk[1024];
    memset(chunk, 'x', sizeof chunk);
    int rc = 0, writes = 0;
    while (rc == 0 && writes < 1024) {
        rc = tme_sink_write(sink, chunk, sizeof chunk);
        writes++;
    }
    tme_status status = tme_sink_commit(sink, &err);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    close(full);
    CU_ASSERT_EQUAL(rc, -1);
    CU_ASSERT(writes < 1024);
    CU_ASSERT_EQUAL(status, TME_ERR_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "standard output"));
}

int main(void)
{
    dir = tme_test_scratch_dir("output-devices");
    if (dir == NULL)
        return 2;
    if (tme_test_make_char_device(at(0, "probe"), 1, 3) != 0) {
        fprintf(stderr, "test_output_devices: cannot make device nodes (not root): skipped\n");
        return SKIPPED;
    }
    CU_TestInfo tests[] = {
        {"full device fails cleanly, stays a device",
         test_full_device_fails_cleanly_and_stays_a_device},
        {"gzip to a full device fails", test_gzip_to_a_full_device_fails},
        {"null device succeeds, stays a device", test_null_device_succeeds_and_stays_a_device},
        {"link to a device writes to the device", test_link_to_a_device_writes_to_the_device},
        {"stdout on a full device exits 1", test_stdout_on_a_full_device_exits_1},
        {"block device is refused", test_block_device_is_refused},
        {"stdout sink on a full device stops early", test_sink_on_a_full_stdout_stops_early},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("output devices", tests);
}
