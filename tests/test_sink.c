/* SPDX-License-Identifier: MIT */
/* Output sinks: atomic replacement, gzip streams, failures that leave the
 * previous file untouched and no temporary behind. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* Pseudo-random lines of 64 symbols and Han characters, about 3.5 MiB
 * compressing to about three quarters: the members' file has four members,
 * and a cap of half its size is reached while a member is in flight. */
static char *members_text(size_t *len)
{
    static const char symbols[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,";
    size_t cap = 3670016, n = 0;
    char *text = malloc(cap + 64);
    unsigned state = 12345;
    while (n < cap) {
        for (int k = 0; k < 40; k++) {
            state = state * 1103515245u + 12345u;
            text[n++] = symbols[(state >> 16) % 64];
        }
        n += (size_t)snprintf(text + n, 24, "\t\xE7\xAC\xAC%u\n", (state >> 8) % 97);
    }
    *len = n;
    return text;
}

/* Independent members: the same bytes on 1, 2 and 4 threads, one member a
 * MiB of input, the input back whole (the written pieces are uneven so
 * that members end inside writes). */
static void test_gzip_members_round_trip(void)
{
    const char *dir = tme_test_scratch_dir("sink-members");
    size_t len;
    char *text = members_text(&len);
    char *first = NULL;
    size_t first_len = 0;
    static const size_t threads[] = {1, 2, 4};
    for (size_t t = 0; t < 3; t++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/out%zu.tsv.gz", dir, threads[t]);
        tme_error err;
        tme_error_clear(&err);
        tme_sink *sink = tme_sink_open_members(path, 6, threads[t], &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
        for (size_t at = 0, piece = 1; at < len; at += piece, piece = piece * 7 % 100003 + 1)
            CU_ASSERT_EQUAL(tme_sink_write(sink, text + at, at + piece > len ? len - at : piece),
                            0);
        CU_ASSERT_EQUAL_FATAL(tme_sink_commit(sink, &err), TME_OK);
        char *back;
        size_t back_len;
        CU_ASSERT_EQUAL(tme_test_inflate_members(path, &back, &back_len, NULL), 4);
        CU_ASSERT_EQUAL_FATAL(back_len, len);
        CU_ASSERT_EQUAL(memcmp(back, text, len), 0);
        free(back);
        size_t file_len;
        char *file = tme_test_read_file(path, &file_len);
        if (first == NULL) {
            first = file;
            first_len = file_len;
        } else {
            CU_ASSERT_EQUAL(file_len, first_len);
            CU_ASSERT_EQUAL(memcmp(file, first, first_len < file_len ? first_len : file_len), 0);
            free(file);
        }
    }
    free(first);
    free(text);
}

/* No byte written: still a gzip file (one empty member). */
static void test_gzip_members_empty(void)
{
    const char *dir = tme_test_scratch_dir("sink-members-empty");
    char path[4200];
    snprintf(path, sizeof path, "%s/empty.gz", dir);
    tme_error err;
    tme_error_clear(&err);
    tme_sink *sink = tme_sink_open_members(path, 6, 2, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    CU_ASSERT_EQUAL_FATAL(tme_sink_commit(sink, &err), TME_OK);
    char *back;
    size_t back_len;
    CU_ASSERT_EQUAL(tme_test_inflate_members(path, &back, &back_len, NULL), 1);
    CU_ASSERT_EQUAL(back_len, 0);
    free(back);
}

/* Threads of this process (Linux: entries of /proc/self/task); 0 when
 * that cannot be read. */
static size_t thread_count(void)
{
    return count_entries("/proc/self/task");
}

/* Writes text in pieces under a compressed cap, asking for the bound
 * before each piece as a splitting writer does; a slow writer sleeps now
 * and then, so that the threads are ahead of it. The bytes written. */
static size_t write_capped(const char *path, const char *text, size_t len, size_t threads, int slow,
                           size_t limit)
{
    const size_t piece = 300;
    tme_error err;
    tme_error_clear(&err);
    size_t threads_before = thread_count();
    tme_sink *sink = tme_sink_open_members(path, 6, threads, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sink);
    size_t at = 0;
    while (at + piece <= len && tme_sink_size_bound(sink, piece, limit) <= limit) {
        CU_ASSERT_EQUAL(tme_sink_write(sink, text + at, piece), 0);
        at += piece;
        if (slow && at % (64 * piece) == 0)
            nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
    CU_ASSERT(at + piece <= len); /* the cap, not the text, ended it */
    size_t last_bound = tme_sink_size_bound(sink, 0, limit);
    CU_ASSERT_EQUAL_FATAL(tme_sink_close(sink, &err), TME_OK);
    /* A closed sink (a finished part waiting for its commit) keeps no
     * compression threads. */
    CU_ASSERT_EQUAL(thread_count(), threads_before);
    CU_ASSERT_EQUAL_FATAL(tme_sink_commit(sink, &err), TME_OK);
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
    CU_ASSERT((size_t)st.st_size <= last_bound);
    CU_ASSERT((size_t)st.st_size <= limit);
    CU_ASSERT((size_t)st.st_size > limit - 2000);
    return at;
}

/* A writer splitting under a compressed size cap: the file stays under
 * the cap and, the bound being exact near it, fills most of it; the bytes
 * are the same on 1, 2 and 4 threads, however far the threads had got
 * when the bound was asked for (the members in flight are waited for
 * before a member is ended early). */
static void test_gzip_members_size_bound(void)
{
    const char *dir = tme_test_scratch_dir("sink-members-bound");
    size_t len;
    char *text = members_text(&len);
    const size_t limit = 1400000;
    static const struct {
        size_t threads;
        int slow;
    } runs[] = {{1, 0}, {2, 0}, {4, 1}, {4, 0}};
    char *first = NULL;
    size_t first_len = 0;
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/capped%zu.gz", dir, r);
        size_t at = write_capped(path, text, len, runs[r].threads, runs[r].slow, limit);
        char *back;
        size_t back_len;
        CU_ASSERT(tme_test_inflate_members(path, &back, &back_len, NULL) > 1);
        CU_ASSERT_EQUAL(back_len, at);
        CU_ASSERT(back_len == at && memcmp(back, text, at) == 0);
        free(back);
        size_t file_len;
        char *file = tme_test_read_file(path, &file_len);
        if (first == NULL) {
            first = file;
            first_len = file_len;
            continue;
        }
        CU_ASSERT(file_len == first_len && memcmp(file, first, file_len) == 0);
        free(file);
    }
    free(first);
    free(text);
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
    {"gzip members: same bytes on any threads, round trip", test_gzip_members_round_trip},
    {"gzip members: empty stream", test_gzip_members_empty},
    {"gzip members: size bound under a cap", test_gzip_members_size_bound},
    {"missing directory fails at open", test_missing_directory_fails_at_open},
    {"read-only directory", test_read_only_directory},
    {"bad gzip level", test_bad_gzip_level},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("sink", tests);
}
