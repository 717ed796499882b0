/* SPDX-License-Identifier: MIT */
/* Hostile inputs and output faults, end to end through the real binary: every
 * bad input ends in bounded time with a clear message and writes nothing;
 * every output fault leaves the previous file untouched and no temporary
 * file behind; interrupts clean up; equal inputs give equal bytes; the XML
 * reading rule of src/xmlread.h holds against XXE and entity bombs. The time
 * bounds are guards against quadratic behaviour (they hold under ASan and
 * valgrind-free debug builds with a wide margin), not benchmarks. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_support.h"
#include "xml_validate.h"
#include "xmlread.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define GOLDEN_SENTENCES "samples/expected/deepseek-bilingual.tsv"
/* A quadratic pass over these inputs would take minutes; linear ones take
 * well under a second in a release build. */
#define BIG_INPUT_SECONDS (30.0 * TME_TEST_TIME_FACTOR)

static char dir[1024];
static char path_buf[10][1200];
static double last_seconds;

static const char *scratch(int slot, const char *name)
{
    snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", dir, name);
    return path_buf[slot];
}

static const char *stderr_path(void)
{
    return scratch(9, "stderr.txt");
}

static double now(void)
{
    return tme_test_seconds();
}

/* Runs tmexport with printf-style arguments; stderr goes to stderr.txt and
 * the wall-clock time to last_seconds. */
#define run(...) tme_test_run_timed(stderr_path(), &last_seconds, __VA_ARGS__)

/* 1 when the last run's stderr contains every given string (NULL-ended). */
#define stderr_says(...) tme_test_file_says(stderr_path(), __VA_ARGS__)

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* Number of sink temporaries (".NAME.tmexport-XXXXXX") left in directory d. */
static int temporaries_in(const char *d)
{
    DIR *dp = opendir(d);
    if (dp == NULL)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        n += strstr(e->d_name, ".tmexport-") != NULL;
    closedir(dp);
    return n;
}

static int file_equals(const char *path, const char *expected)
{
    size_t len;
    char *got = tme_test_read_file(path, &len);
    int same = got != NULL && len == strlen(expected) && memcmp(got, expected, len) == 0;
    free(got);
    return same;
}

static size_t count_lines(const char *path)
{
    size_t len, n = 0;
    char *text = tme_test_read_file(path, &len);
    for (size_t i = 0; text != NULL && i < len; i++)
        n += text[i] == '\n';
    free(text);
    return n;
}

static size_t count_occurrences(const char *path, const char *needle)
{
    char *text = tme_test_read_file(path, NULL);
    size_t n = 0;
    for (const char *p = text; p != NULL && (p = strstr(p, needle)) != NULL; p++)
        n++;
    free(text);
    return n;
}

static void write_text(const char *path, const char *text)
{
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(path, text, strlen(text)), 0);
}

/* A failed run: exit 1, the previous output untouched, nothing else. */
static void check_failed_cleanly(int rc, const char *previous_output)
{
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT(file_equals(previous_output, "previous\n"));
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
}

/* --- bad input ----------------------------------------------------------- */

/* exit 0, a warning naming the input, empty TSV, valid TMX/XLIFF without a
 * single unit, in every format at once. */
static void check_no_units(const char *input, const char *input_name)
{
    const char *tsv = scratch(1, "none.tsv"), *tmx = scratch(2, "none.tmx"),
               *xlf = scratch(3, "none.xlf"), *xlf2 = scratch(4, "none2.xlf"),
               *tmx_gz = scratch(5, "none.tmx.gz");
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s' -o '%s' -o '%s' -o 'xliff2:%s' -o '%s'", input, tsv,
                        tmx, xlf, xlf2, tmx_gz),
                    0);
    CU_ASSERT(stderr_says("warning", input_name, "no translated paragraph pairs", NULL));
    size_t len = 1;
    char *text = tme_test_read_file(tsv, &len);
    CU_ASSERT_PTR_NOT_NULL(text);
    CU_ASSERT_EQUAL(len, 0);
    free(text);
    const char *xml[] = {tmx, xlf, xlf2, tmx_gz};
    for (size_t k = 0; k < 4; k++)
        CU_ASSERT(tme_test_file_is_valid(xml[k]));
    CU_ASSERT_EQUAL(count_occurrences(tmx, "<tu "), 0);
    CU_ASSERT_EQUAL(count_occurrences(xlf, "<trans-unit"), 0);
    CU_ASSERT_EQUAL(count_occurrences(xlf2, "<unit"), 0);
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
    /* -q silences the warning, nothing else. */
    CU_ASSERT_EQUAL(run("extract -q '%s' -o '%s'", input, tsv), 0);
    char *err = tme_test_read_file(stderr_path(), &len);
    CU_ASSERT(err != NULL && len == 0);
    free(err);
}

static void test_empty_file(void)
{
    const char *in = scratch(0, "empty.txt");
    write_text(in, "");
    check_no_units(in, "empty.txt");
}

/* The sample page's own header and footer (site name, Chinese-only title,
 * byline, date, about text, subscription box, social links) and menus. */
static void test_only_boilerplate(void)
{
    const char *in = scratch(0, "boilerplate.txt");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("{ printf 'Home | World | Tech | About us\\n\\n'; head -n 9 '%s'; "
                       "printf '\\n首页 | 国际 | 科技 | 关于我们\\n\\n'; tail -n 12 '%s'; "
                       "printf '\\n\\n   \\n\\t\\n'; } > '%s'",
                       tme_test_source_path(SAMPLE), tme_test_source_path(SAMPLE), in),
        0);
    CU_ASSERT(count_lines(in) > 20);
    check_no_units(in, "boilerplate.txt");
}

static void test_no_chinese_at_all(void)
{
    const char *in = scratch(0, "english.txt");
    write_text(in, "The committee met on Tuesday.\n\nIt agreed on a budget of 2,000 dollars.\n\n"
                   "Members will vote again in March.\n");
    check_no_units(in, "english.txt");
    /* The other way round: Chinese only. */
    const char *zh = scratch(0, "chinese.txt");
    write_text(zh, "委员会星期二开会。\n\n它同意了两千美元的预算。\n");
    check_no_units(zh, "chinese.txt");
}

static void test_random_binary(void)
{
    enum { SIZE = 1 << 20 };
    unsigned char *bytes = malloc(SIZE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    const char *out = scratch(1, "binary.tsv");
    write_text(out, "previous\n");
    /* With NUL bytes, as in any binary file. */
    const char *in = scratch(0, "random.bin");
    tme_test_random_bytes(bytes, SIZE, 0);
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, bytes, SIZE), 0);
    check_failed_cleanly(run("extract '%s' -o '%s'", in, out), out);
    CU_ASSERT(stderr_says("random.bin:", "byte offset", NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    /* Without NUL bytes: neither UTF-8 nor GB18030, so it asks for the
     * encoding. */
    in = scratch(0, "random-no-nul.bin");
    tme_test_random_bytes(bytes, SIZE, 1);
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, bytes, SIZE), 0);
    check_failed_cleanly(run("extract '%s' -o '%s'", in, out), out);
    CU_ASSERT(stderr_says("random-no-nul.bin:1:", "byte offset", "--encoding", NULL));
    free(bytes);
}

static void test_nul_bytes(void)
{
    const char *in = scratch(0, "nul.txt"), *out = scratch(1, "nul.tmx");
    static const char text[] = "Hello there.\n\n你好。\nA\0B\n";
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, text, sizeof text - 1), 0);
    write_text(out, "previous\n");
    check_failed_cleanly(run("extract '%s' -o '%s'", in, out), out);
    /* "Hello there.\n\n" is 14 bytes, "你好。\n" 10, "A" 1: the NUL is byte 25 of line 4. */
    CU_ASSERT(stderr_says("nul.txt:4:", "NUL byte at byte offset 25", "--encoding", NULL));
}

/* A large, mostly valid file with one broken byte far in, after lines ended
 * by LF, CRLF and lone CR: the message still names the right line and the
 * exact byte, and finding it is linear. */
static void test_invalid_utf8_names_line_and_byte(void)
{
    const char *in = scratch(0, "broken.txt"), *out = scratch(1, "broken.tsv");
    FILE *f = fopen(in, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    static const char *ends[] = {"\n", "\r\n", "\r"};
    size_t offset = 0;
    const size_t lines = 300000;
    for (size_t i = 0; i < lines; i++) {
        const char *line = i % 2 ? "这是第二行中文。" : "This is an English line.";
        fputs(line, f);
        fputs(ends[i % 3], f);
        offset += strlen(line) + strlen(ends[i % 3]);
    }
    fputs("broken \xC3( here\n", f);
    fclose(f);
    write_text(out, "previous\n");
    check_failed_cleanly(run("extract '%s' -o '%s'", in, out), out);
    char expected_line[64], expected_byte[64];
    snprintf(expected_line, sizeof expected_line, "broken.txt:%zu:", lines + 1);
    snprintf(expected_byte, sizeof expected_byte, "0xC3 at byte offset %zu", offset + 7);
    CU_ASSERT(stderr_says(expected_line, "invalid UTF-8", expected_byte, NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
}

static void test_truncated_and_corrupt_gzip(void)
{
    const char *gz = scratch(0, "sample.txt.gz"), *out = scratch(1, "gz.tmx");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("gzip -9 -c '%s' > '%s'", tme_test_source_path(SAMPLE), gz), 0);
    size_t len;
    unsigned char *bytes = (unsigned char *)tme_test_read_file(gz, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    write_text(out, "previous\n");

    const char *truncated = scratch(2, "truncated.txt.gz");
    CU_ASSERT_EQUAL(tme_test_write_file(truncated, bytes, len / 2), 0);
    check_failed_cleanly(run("extract '%s' -o '%s'", truncated, out), out);
    CU_ASSERT(stderr_says("truncated.txt.gz", "truncated gzip", NULL));

    /* Only the header and a few bytes of data. */
    CU_ASSERT_EQUAL(tme_test_write_file(truncated, bytes, 12), 0);
    check_failed_cleanly(run("extract '%s' -o '%s'", truncated, out), out);
    CU_ASSERT(stderr_says("truncated.txt.gz", "truncated gzip", NULL));

    /* The trailer's CRC no longer matches. */
    const char *corrupt = scratch(3, "corrupt.txt.gz");
    bytes[len - 6] ^= 0x55;
    CU_ASSERT_EQUAL(tme_test_write_file(corrupt, bytes, len), 0);
    check_failed_cleanly(run("extract '%s' -o '%s'", corrupt, out), out);
    CU_ASSERT(stderr_says("corrupt.txt.gz", "corrupt gzip", NULL));
    bytes[len - 6] ^= 0x55;

    /* Garbage in the middle of the deflate data. */
    memset(bytes + len / 2, 0xFF, 64);
    CU_ASSERT_EQUAL(tme_test_write_file(corrupt, bytes, len), 0);
    check_failed_cleanly(run("extract '%s' -o '%s'", corrupt, out), out);
    CU_ASSERT(stderr_says("corrupt.txt.gz", "gzip", NULL));
    free(bytes);

    /* Trailing garbage after a complete member, on stdin. */
    CU_ASSERT_EQUAL(tme_test_shell("printf 'junk' >> '%s'", gz), 0);
    CU_ASSERT_EQUAL(
        tme_test_run_cli("extract - -o tsv:-", gz, scratch(4, "stdout.tsv"), stderr_path()), 1);
    CU_ASSERT(stderr_says("standard input", "unexpected data after", NULL));
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
}

/* Writes `total` bytes made of `unit` repeated (cut at the end) with no line
 * end. */
static void write_repeated(const char *path, const char *unit, size_t total)
{
    FILE *f = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char block[65536];
    size_t unit_len = strlen(unit), filled = 0;
    while (filled + unit_len <= sizeof block) {
        memcpy(block + filled, unit, unit_len);
        filled += unit_len;
    }
    for (size_t left = total; left > 0;) {
        size_t n = left < filled ? left : filled;
        CU_ASSERT_EQUAL_FATAL(fwrite(block, 1, n, f), n);
        left -= n;
    }
    fclose(f);
}

static void test_fifty_megabytes_without_a_newline(void)
{
    const char *in = scratch(0, "no-newline.txt"), *out = scratch(1, "no-newline.tsv");
    /* 32 bytes: whole characters, so a cut at a multiple of 32 stays valid. */
    write_repeated(in, "Words and more words. 中文字。 ", 50u << 20);
    CU_ASSERT_EQUAL(run("extract --stats '%s' -o '%s'", in, out), 0);
    CU_ASSERT(stderr_says("paragraphs read: 1 ", "no translated paragraph pairs", NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    fprintf(stderr, "[50 MB, one line: %.2f s] ", last_seconds);
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
}

/* An English paragraph of a million characters and its Chinese translation:
 * segmentation and sentence alignment over ~15,000 sentence pairs. */
static void test_million_character_paragraph(void)
{
    const char *in = scratch(0, "million.txt"), *out = scratch(1, "million.tsv");
    FILE *f = fopen(in, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    size_t chars = 0, sentences = 0;
    while (chars < 1000000) {
        sentences++;
        chars += (size_t)fprintf(f,
                                 "The item numbered %zu costs about %zu dollars in the shop "
                                 "today. ",
                                 sentences, sentences * 7 % 1000);
    }
    fputs("\n\n", f);
    for (size_t i = 1; i <= sentences; i++)
        fprintf(f, "编号为%zu的商品今天在店里大约卖%zu美元。", i, i * 7 % 1000);
    fputs("\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(run("extract --stats '%s' -o '%s'", in, out), 0);
    CU_ASSERT(stderr_says("paragraph pairs found: 1", NULL));
    /* Equal numbers anchor every sentence: all of them pair up. */
    CU_ASSERT_EQUAL(count_lines(out), sentences);
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    fprintf(stderr, "[1M-character paragraph, %zu sentences: %.2f s] ", sentences, last_seconds);
}

static void test_hundred_thousand_one_word_paragraphs(void)
{
    const char *in = scratch(0, "words.txt"), *out = scratch(1, "words.tsv");
    FILE *f = fopen(in, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (size_t i = 0; i < 50000; i++)
        fputs("Hello\n\n你好\n\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(run("extract --stats '%s' -o '%s'", in, out), 0);
    CU_ASSERT(stderr_says("paragraphs read: 100000 (English 50000, Chinese 50000, other 0)", NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    fprintf(stderr, "[100,000 paragraphs: %.2f s, %zu pairs] ", last_seconds, count_lines(out));
    /* The same count, one per line, no blank lines between them. */
    f = fopen(in, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (size_t i = 0; i < 100000; i++)
        fputs(i % 2 ? "词\n\n" : "word\n\n", f);
    fclose(f);
    CU_ASSERT_EQUAL(run("extract --stats '%s' -o '%s'", in, out), 0);
    CU_ASSERT(stderr_says("paragraphs read: 100000", NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
}

/* The sample re-encoded by iconv(1), or with its line ends rewritten. */
static const char *transformed_sample(int slot, const char *name, const char *command)
{
    const char *path = scratch(slot, name);
    CU_ASSERT_EQUAL(tme_test_shell("%s < '%s' > '%s'", command, tme_test_source_path(SAMPLE), path),
                    0);
    return path;
}

static void test_utf16_without_bom(void)
{
    const char *out = scratch(3, "utf16.tsv");
    const char *le = transformed_sample(0, "le.txt", "iconv -f UTF-8 -t UTF-16LE");
    const char *be = transformed_sample(1, "be.txt", "iconv -f UTF-8 -t UTF-16BE");
    const char *inputs[] = {le, be};
    for (size_t k = 0; k < 2; k++) {
        char *head = tme_test_read_file(inputs[k], NULL);
        CU_ASSERT(head != NULL && (unsigned char)head[0] != 0xFF && (unsigned char)head[0] != 0xFE);
        free(head);
        CU_ASSERT_EQUAL(run("extract --stats '%s' -o '%s'", inputs[k], out), 0);
        CU_ASSERT(stderr_says("UTF-16 without a byte-order mark", NULL));
        CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
    }
}

static void test_mixed_line_ends(void)
{
    /* Line k ends in LF, CR or CRLF by k mod 3, blank lines too; a CR is
     * never followed by an LF of the next line, which would make a CRLF. */
    const char *mixed = transformed_sample(
        0, "mixed.txt",
        "awk '{ e = NR % 3 == 1 ? \"\\n\" : NR % 3 == 2 ? \"\\r\" : \"\\r\\n\"; printf \"%s%s\", "
        "$0, e }'");
    CU_ASSERT(count_occurrences(mixed, "\r\n") > 0);
    const char *out = scratch(1, "mixed.tsv");
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", mixed, out), 0);
    CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
}

static void test_unreadable_and_missing_inputs(void)
{
    const char *out = scratch(1, "unreadable.tsv");
    write_text(out, "previous\n");
    const char *in = scratch(0, "secret.txt");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("cp '%s' '%s' && chmod 000 '%s'", tme_test_source_path(SAMPLE), in, in), 0);
    if (geteuid() != 0) {
        check_failed_cleanly(run("extract '%s' -o '%s'", in, out), out);
        CU_ASSERT(stderr_says("secret.txt", "Permission denied", NULL));
    } else if (tme_test_shell("command -v setpriv >/dev/null") == 0) {
        /* root reads mode-000 files: run as nobody instead, writing where
         * nobody may (/tmp), so that reading the input is what fails. */
        char tmp_out[64];
        snprintf(tmp_out, sizeof tmp_out, "/tmp/tmexport-unreadable-%ld.tsv", (long)getpid());
        write_text(tmp_out, "previous\n");
        chmod(tmp_out, 0666);
        int rc = tme_test_shell(
            "setpriv --reuid=65534 --regid=65534 --clear-groups '%s' extract '%s' -o "
            "'%s' 2>'%s'",
            TME_BINARY, in, tmp_out, stderr_path());
        CU_ASSERT_EQUAL(rc, 1);
        CU_ASSERT(stderr_says("secret.txt", "Permission denied", NULL));
        char *kept = tme_test_read_file(tmp_out, NULL);
        CU_ASSERT_STRING_EQUAL(kept, "previous\n");
        free(kept);
        unlink(tmp_out);
    } else {
        fprintf(stderr, "[unreadable file: skipped as root without setpriv] ");
    }
    chmod(in, 0644);
    check_failed_cleanly(run("extract '%s' -o '%s'", scratch(0, "absent.txt"), out), out);
    CU_ASSERT(stderr_says("absent.txt", "No such file", NULL));
    /* A directory on stdin (a directory named as an input is a batch of
     * its files). */
    CU_ASSERT_EQUAL(tme_test_run_cli("extract - -o tsv:-", dir, NULL, stderr_path()), 1);
    CU_ASSERT(stderr_says("standard input", "Is a directory", NULL));
}

/* --- output faults ------------------------------------------------------- */

/* An input whose TMX is about a megabyte: the sample twenty times. */
static const char *big_sample(void)
{
    const char *path = scratch(8, "big-sample.txt");
    if (!exists(path)) {
        const char *s = tme_test_source_path(SAMPLE);
        tme_test_shell("for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat '%s'; "
                       "printf '\\n\\n'; done > '%s'",
                       s, path);
    }
    return path;
}

static void test_error_midway_replaces_nothing(void)
{
    const char *tsv = scratch(1, "midway.tsv"), *tmx = scratch(2, "midway.tmx.gz"),
               *bad = scratch(3, "bad.txt");
    write_text(tsv, "previous\n");
    write_text(tmx, "previous\n");
    write_text(bad, "Fine.\n\n好。\n\nbroken \xFF\xFE here 中文\n");
    /* The first input is good and already written when the second fails. */
    CU_ASSERT_EQUAL(
        run("extract '%s' '%s' -o '%s' -o '%s'", tme_test_source_path(SAMPLE), bad, tsv, tmx), 1);
    CU_ASSERT(stderr_says("bad.txt:5:", NULL));
    check_failed_cleanly(1, tsv);
    CU_ASSERT(file_equals(tmx, "previous\n"));
    /* A missing second input: the same. */
    check_failed_cleanly(
        run("extract '%s' '%s' -o '%s' -o '%s'", big_sample(), scratch(4, "gone.txt"), tsv, tmx),
        tsv);
    CU_ASSERT(file_equals(tmx, "previous\n"));
    /* One output cannot be created: no other is replaced either. */
    check_failed_cleanly(run("extract '%s' -o '%s' -o '%s'", tme_test_source_path(SAMPLE), tsv,
                             scratch(4, "no-such-dir/x.tmx")),
                         tsv);
    CU_ASSERT(stderr_says("no-such-dir/x.tmx", NULL));
}

/* Runs an export of big_sample() whose output file is limited to 16 KB by
 * RLIMIT_FSIZE, as a full disk would stop it: any user can do this. */
static void test_file_size_limit_midway(void)
{
    const char *out = scratch(1, "limited.tmx");
    write_text(out, "previous\n");
    char args[8192];
    snprintf(args, sizeof args, "extract '%s' -o '%s'", big_sample(), out);
    double start = now();
    int rc = tme_test_shell("trap '' XFSZ; ulimit -f 16; '%s' %s 2>'%s'", TME_BINARY, args,
                            stderr_path());
    last_seconds = now() - start;
    check_failed_cleanly(rc, out);
    CU_ASSERT(stderr_says("limited.tmx", "write failed", "too large", NULL));
}

/* Mounts a 64 KB tmpfs at scratch path `name` (root only); 0 on success. */
static int mount_small_tmpfs(const char *path, const char *options)
{
    if (geteuid() != 0 || mkdir(path, 0755) != 0)
        return -1;
    return tme_test_shell("mount -t tmpfs -o size=64k%s tmpfs '%s' 2>/dev/null", options, path);
}

static void test_full_disk(void)
{
    const char *mnt = scratch(0, "small-fs");
    if (mount_small_tmpfs(mnt, "") != 0) {
        fprintf(stderr, "[full tmpfs: skipped (needs root and mount)] ");
        return;
    }
    char out[1300], small[1300];
    snprintf(out, sizeof out, "%s/full.tmx", mnt);
    snprintf(small, sizeof small, "%s/small.tsv", mnt);
    write_text(out, "previous\n");
    write_text(small, "previous\n");
    const char *beside = scratch(1, "beside.tsv");
    write_text(beside, "previous\n");
    /* The file system fills up during the writes. */
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s' -o '%s'", big_sample(), beside, out), 1);
    CU_ASSERT(stderr_says("full.tmx", "No space left", NULL));
    CU_ASSERT(file_equals(out, "previous\n"));
    CU_ASSERT(file_equals(beside, "previous\n"));
    CU_ASSERT_EQUAL(temporaries_in(mnt), 0);
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
    /* A small output still fits: the file system itself works. */
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", tme_test_source_path(SAMPLE), small), 0);
    CU_ASSERT(tme_test_same_file(small, tme_test_source_path(GOLDEN_SENTENCES)));
    tme_test_shell("umount '%s'", mnt);
}

static void test_read_only_output_directory(void)
{
    const char *ro = scratch(0, "read-only");
    char out[1300];
    snprintf(out, sizeof out, "%s/out.tsv", ro);
    if (geteuid() == 0) {
        /* root writes into mode-0555 directories; a read-only mount stops
         * it. */
        if (mount_small_tmpfs(ro, "") != 0) {
            fprintf(stderr, "[read-only directory: skipped (root without mount)] ");
            return;
        }
        write_text(out, "previous\n");
        CU_ASSERT_EQUAL_FATAL(tme_test_shell("mount -o remount,ro '%s'", ro), 0);
    } else {
        CU_ASSERT_EQUAL_FATAL(mkdir(ro, 0755), 0);
        write_text(out, "previous\n");
        chmod(ro, 0555);
    }
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", tme_test_source_path(SAMPLE), out), 1);
    CU_ASSERT(stderr_says("read-only/out.tsv", "cannot create", NULL));
    CU_ASSERT(file_equals(out, "previous\n"));
    CU_ASSERT_EQUAL(temporaries_in(ro), 0);
    if (geteuid() == 0)
        tme_test_shell("umount '%s'", ro);
    else
        chmod(ro, 0755);
}

/* Starts tmexport reading a FIFO that is left open, sends half the sample so
 * the export is under way, and waits for its temporary file; *writer is the
 * FIFO's write end. ignored: a signal to start with SIG_IGN. */
static pid_t start_export_in_progress(const char *out, int ignored, int *writer)
{
    const char *fifo = scratch(0, "input.fifo");
    unlink(fifo);
    CU_ASSERT_FATAL(mkfifo(fifo, 0600) == 0);
    write_text(out, "previous\n");
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        /* Dispositions as a terminal gives them, whatever ctest set. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        if (ignored)
            signal(ignored, SIG_IGN);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, STDERR_FILENO);
        execl(TME_BINARY, "tmexport", "extract", fifo, "-o", out, (char *)NULL);
        _exit(127);
    }
    *writer = open(fifo, O_WRONLY);
    CU_ASSERT_FATAL(*writer >= 0);
    unlink(fifo);
    size_t len;
    char *sample = tme_test_read_file(tme_test_source_path(SAMPLE), &len);
    CU_ASSERT(sample != NULL && write(*writer, sample, len / 2) == (ssize_t)(len / 2));
    free(sample);
    const struct timespec tick = {0, 10000000};
    for (int waited = 0; temporaries_in(dir) == 0 && waited < 1000; waited++)
        nanosleep(&tick, NULL);
    CU_ASSERT_EQUAL(temporaries_in(dir), 1);
    return pid;
}

static void check_signal_cleans_up(int sig)
{
    const char *out = scratch(1, "interrupted.tmx");
    int writer;
    pid_t pid = start_export_in_progress(out, 0, &writer);
    kill(pid, sig);
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    close(writer);
    CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == sig);
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
    CU_ASSERT(file_equals(out, "previous\n"));
}

static void test_sigint_removes_the_temporary(void)
{
    check_signal_cleans_up(SIGINT);
}

static void test_sigterm_removes_the_temporary(void)
{
    check_signal_cleans_up(SIGTERM);
}

/* nohup's promise: a hang-up ignored on entry does not stop the export. */
static void test_signal_ignored_on_entry_stays_ignored(void)
{
    const char *out = scratch(1, "nohup.tsv");
    int writer;
    pid_t pid = start_export_in_progress(out, SIGHUP, &writer);
    kill(pid, SIGHUP);
    size_t len;
    char *sample = tme_test_read_file(tme_test_source_path(SAMPLE), &len);
    CU_ASSERT(sample != NULL &&
              write(writer, sample + len / 2, len - len / 2) == (ssize_t)(len - len / 2));
    free(sample);
    close(writer);
    int status = 0;
    CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CU_ASSERT(tme_test_same_file(out, tme_test_source_path(GOLDEN_SENTENCES)));
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
}

/* --- determinism --------------------------------------------------------- */

static void test_same_input_gives_same_bytes_in_every_format(void)
{
    static const char *names[] = {"d.tsv", "d.tsv.gz", "d.tmx",  "d.tmx.gz",
                                  "d.xlf", "d2.xlf",   "d16.tmx"};
    const char *runs[] = {"run-a", "run-b"};
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    for (size_t r = 0; r < 2; r++) {
        char sub[1300];
        snprintf(sub, sizeof sub, "%s/%s", dir, runs[r]);
        mkdir(sub, 0755);
        char args[8192];
        snprintf(args, sizeof args,
                 "extract '%s' -o '%s/d.tsv' -o '%s/d.tsv.gz' -o '%s/d.tmx' -o '%s/d.tmx.gz' "
                 "-o '%s/d.xlf' -o 'xliff2:%s/d2.xlf'",
                 tme_test_source_path(SAMPLE), sub, sub, sub, sub, sub, sub);
        CU_ASSERT_EQUAL(tme_test_run_cli(args, NULL, NULL, NULL), 0);
        snprintf(args, sizeof args, "extract --tmx-encoding utf-16 '%s' -o '%s/d16.tmx'",
                 tme_test_source_path(SAMPLE), sub);
        CU_ASSERT_EQUAL(tme_test_run_cli(args, NULL, NULL, NULL), 0);
        if (r == 0)
            sleep(1); /* a clock-based date would now differ */
    }
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        char a[1400], b[1400];
        snprintf(a, sizeof a, "%s/run-a/%s", dir, names[k]);
        snprintf(b, sizeof b, "%s/run-b/%s", dir, names[k]);
        if (!tme_test_same_file(a, b))
            fprintf(stderr, "\n    %s differs between runs", names[k]);
        CU_ASSERT(tme_test_same_file(a, b));
    }
    /* The epoch is what the date comes from: another one changes the TMX. */
    setenv("SOURCE_DATE_EPOCH", "1600000000", 1);
    const char *other = scratch(1, "other-epoch.tmx");
    CU_ASSERT_EQUAL(run("extract '%s' -o '%s'", tme_test_source_path(SAMPLE), other), 0);
    unsetenv("SOURCE_DATE_EPOCH");
    char same_run[1400];
    snprintf(same_run, sizeof same_run, "%s/run-a/d.tmx", dir);
    CU_ASSERT(!tme_test_same_file(other, same_run));
    CU_ASSERT_EQUAL(count_occurrences(other, "20200913T122640Z"), 1);
}

/* --- the XML reading rule (src/xmlread.h) --------------------------------- */

/* Billion laughs: ten levels of ten references, 10^9 copies of "lol" in
 * &l10;. Writes the XML declaration and the internal subset up to its
 * last entity; returns their length. */
static size_t billion_laughs_prolog(char *bomb, size_t size)
{
    size_t len = (size_t)snprintf(bomb, size,
                                  "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n"
                                  "<!ENTITY l0 \"lol\">\n");
    for (int level = 1; level <= 10; level++) {
        len += (size_t)snprintf(bomb + len, size - len, "<!ENTITY l%d \"", level);
        for (int k = 0; k < 10; k++)
            len += (size_t)snprintf(bomb + len, size - len, "&l%d;", level - 1);
        len += (size_t)snprintf(bomb + len, size - len, "\">\n");
    }
    return len;
}

/* The text of the document's first <seg>, read through the one XML reader
 * of the library (src/xmlread.c): NULL, with err set, when the reader
 * refuses the document. */
static char *first_seg_text(const char *xml, size_t len, tme_error *err)
{
    tme_stream *in;
    if (tme_stream_open_memory(xml, len, "hostile.tmx", &in, err) != TME_OK)
        return NULL;
    tme_xml_reader *r = tme_xml_reader_new(in, "hostile.tmx", err);
    char *copy = NULL;
    int more = r != NULL;
    while (more && tme_xml_reader_next(r, &more, err) == TME_OK && more)
        if (tme_xml_reader_node(r) == TME_XML_START && strcmp(tme_xml_reader_name(r), "seg") == 0) {
            static const tme_xml_inline none = {NULL, NULL};
            tme_xml_text text = {0};
            size_t elements = 0;
            if (tme_xml_reader_text(r, &none, &text, &elements, err) == TME_OK)
                copy = strdup(text.text);
            tme_xml_text_free(&text);
            break;
        }
    tme_xml_reader_free(r);
    tme_stream_close(in);
    return copy;
}

static void test_xml_reader_loads_nothing_and_bounds_entities(void)
{
    const char *secret = scratch(0, "secret-for-xxe.txt");
    write_text(secret, "TOP-SECRET-CONTENT");
    char xxe[8192];
    int n = snprintf(xxe, sizeof xxe,
                     "<?xml version=\"1.0\"?>\n"
                     "<!DOCTYPE tmx [<!ENTITY leak SYSTEM \"file://%s\">\n"
                     "<!ENTITY remote SYSTEM \"http://127.0.0.1:9/x\">]>\n"
                     "<tmx><body><seg>a&leak;b&remote;c</seg></body></tmx>\n",
                     secret);
    tme_error err;
    tme_error_clear(&err);
    char *text = first_seg_text(xxe, (size_t)n, &err);
    /* The references are left out: the text around them stays. */
    CU_ASSERT_PTR_NOT_NULL(text);
    CU_ASSERT(text != NULL && strcmp(text, "abc") == 0);
    free(text);

    char bomb[8192];
    size_t len = billion_laughs_prolog(bomb, sizeof bomb);
    len += (size_t)snprintf(bomb + len, sizeof bomb - len, "]>\n<tmx><seg>&l10;</seg></tmx>\n");
    double start = now();
    tme_error_clear(&err);
    text = first_seg_text(bomb, len, &err);
    double seconds = now() - start;
    /* Refused, or read without expanding: never 3 GB of lol. */
    CU_ASSERT(text != NULL || err.status == TME_ERR_INPUT);
    CU_ASSERT(text == NULL || strlen(text) < 1000000);
    free(text);
    CU_ASSERT(seconds < 10.0);
}

/* --- hostile files of units (tmexport convert) -------------------------------- */

#define TMX_OPEN "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n"
#define TMX_TU(en, zh)                                                                             \
    "<tu><tuv xml:lang=\"en\"><seg>" en "</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>" zh             \
    "</seg></tuv></tu>\n"
#define TMX_CLOSE "</body></tmx>\n"

/* Every output format at once, from one input, with --stats. */
static int convert_to_all(const char *in)
{
    return run("convert '%s' --stats -o '%s' -o '%s' -o '%s' -o 'xliff2:%s'", in,
               scratch(1, "u.tsv"), scratch(2, "u.tmx"), scratch(3, "u.xlf"), scratch(4, "u2.xlf"));
}

static size_t occurrences_in_outputs(const char *needle)
{
    size_t n = 0;
    for (int k = 1; k <= 4; k++)
        n += count_occurrences(path_buf[k], needle);
    return n + count_occurrences(stderr_path(), needle);
}

static void test_units_external_entities_are_never_read(void)
{
    const char *secret = scratch(0, "units-secret.txt");
    write_text(secret, "TOP-SECRET-CONTENT\n");
    char tmx[4096];
    snprintf(tmx, sizeof tmx,
             "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY leak SYSTEM \"file://%s\">\n"
             "<!ENTITY near SYSTEM \"units-secret.txt\">\n]>\n" TMX_OPEN TMX_TU(
                 "before &leak; after", "\xE5\x89\x8D&near;\xE5\x90\x8E") TMX_CLOSE,
             secret);
    const char *in = scratch(5, "xxe.tmx");
    write_text(in, tmx);
    CU_ASSERT_EQUAL(convert_to_all(in), 0);
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
    CU_ASSERT_EQUAL(occurrences_in_outputs("TOP-SECRET"), 0);
    /* The references are left out, the text around them kept. */
    CU_ASSERT(file_equals(scratch(1, "u.tsv"), "before  after\t\xE5\x89\x8D\xE5\x90\x8E\n"));
    CU_ASSERT(tme_test_file_is_valid(scratch(2, "u.tmx")));
}

static void test_units_entity_bomb_is_bounded(void)
{
    char bomb[8192];
    size_t len = billion_laughs_prolog(bomb, sizeof bomb);
    snprintf(bomb + len, sizeof bomb - len, "]>\n" TMX_OPEN TMX_TU("&l10;", "&l10;") TMX_CLOSE);
    const char *in = scratch(5, "bomb.tmx");
    write_text(in, bomb);
    int rc = convert_to_all(in);
    /* Refused, or read without expanding: never gigabytes of lol. */
    CU_ASSERT(rc == 0 || rc == 1);
    CU_ASSERT(last_seconds < 10.0);
    CU_ASSERT(rc != 0 || count_occurrences(scratch(1, "u.tsv"), "lol") < 1000);
}

/* An external DTD and an external parameter entity on an address no one
 * answers (TEST-NET-1): nothing is fetched, so nothing waits. */
static void test_units_external_dtd_is_not_fetched(void)
{
    const char *in = scratch(5, "dtd.tmx");
    write_text(
        in,
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE tmx SYSTEM \"http://192.0.2.1/tmx14.dtd\" [\n"
        "<!ENTITY % remote SYSTEM \"http://192.0.2.1/more.dtd\">\n%remote;\n]>\n" TMX_OPEN TMX_TU(
            "Hello.", "\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82") TMX_CLOSE);
    CU_ASSERT_EQUAL(convert_to_all(in), 0);
    CU_ASSERT(last_seconds < 10.0);
    CU_ASSERT(file_equals(scratch(1, "u.tsv"), "Hello.\t\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\n"));
}

/* A failed conversion: exit 1, what stderr must say, every previous
 * output untouched. */
static void check_units_refused(const char *in, const char *first, const char *second)
{
    for (int k = 1; k <= 4; k++)
        write_text(path_buf[k], "previous\n");
    int rc = convert_to_all(in);
    CU_ASSERT_EQUAL(rc, 1);
    for (int k = 1; k <= 4; k++)
        CU_ASSERT(file_equals(path_buf[k], "previous\n"));
    CU_ASSERT_EQUAL(temporaries_in(dir), 0);
    CU_ASSERT(stderr_says(first, second, NULL));
    CU_ASSERT(last_seconds < BIG_INPUT_SECONDS);
}

static void test_units_deep_nesting_is_refused(void)
{
    const char *in = scratch(5, "deep.tmx");
    FILE *f = fopen(in, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(TMX_OPEN "<tu><tuv xml:lang=\"en\"><seg>", f);
    for (int k = 0; k < 10000; k++)
        fputs("<hi>", f);
    fputs("deep", f);
    for (int k = 0; k < 10000; k++)
        fputs("</hi>", f);
    fputs("</seg></tuv></tu>" TMX_CLOSE, f);
    fclose(f);
    check_units_refused(in, "deep.tmx:2:", "nested deeper than 256");
}

static void test_units_huge_text_node_is_refused(void)
{
    const char *in = scratch(5, "huge.tmx.gz");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("{ printf '%%s' '" TMX_OPEN "<tu><tuv xml:lang=\"en\"><seg>'; "
                       "head -c 100000000 /dev/zero | tr '\\0' a; "
                       "printf '</seg></tuv></tu></body></tmx>'; } | gzip -1 > '%s'",
                       in),
        0);
    check_units_refused(in, "huge.tmx.gz:", "a text node longer than 10000000 bytes");
}

static void test_bad_files_of_units_name_file_and_line(void)
{
    const char *in = scratch(5, "mismatched.tmx");
    write_text(in,
               "<?xml version=\"1.0\"?>\n" TMX_OPEN TMX_TU("a", "b") "<tu><tuv>\n</tu>" TMX_CLOSE);
    check_units_refused(in, "mismatched.tmx:5:", "mismatch");
    in = scratch(5, "utf8.tmx");
    write_text(in, "<?xml version=\"1.0\"?>\n" TMX_OPEN TMX_TU("bad \xC3( byte", "b") TMX_CLOSE);
    check_units_refused(in, "utf8.tmx:3:", "UTF-8");
    /* A lone surrogate in UTF-16: libxml2's converter fails outside its
     * parser; the one message is still ours. */
    static const char utf16_head[] =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" TMX_OPEN "<tu><tuv xml:lang=\"en\"><seg>a";
    static const char utf16_tail[] = "</seg></tuv></tu>" TMX_CLOSE;
    size_t head_len, tail_len;
    char *head = tme_test_encode(utf16_head, strlen(utf16_head), "UTF-16LE", &head_len);
    char *tail = tme_test_encode(utf16_tail, strlen(utf16_tail), "UTF-16LE", &tail_len);
    in = scratch(5, "surrogate.tmx");
    FILE *f16 = fopen(in, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f16);
    fwrite("\xFF\xFE", 1, 2, f16);
    fwrite(head, 1, head_len, f16);
    fwrite("\x00\xD8\x41\x00", 1, 4, f16); /* U+D800, then 'A' */
    fwrite(tail, 1, tail_len, f16);
    fclose(f16);
    free(head);
    free(tail);
    check_units_refused(in, "surrogate.tmx:3:", "conversion failed");
    CU_ASSERT_EQUAL(count_lines(stderr_path()), 1);
    in = scratch(5, "nosrclang.tmx");
    write_text(in, "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header adminlang=\"en\"/>\n"
                   "<body/></tmx>\n");
    check_units_refused(in, "nosrclang.tmx:3:", "no srclang");
    in = scratch(5, "bad.xlf");
    write_text(in, "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file original=\"a\">"
                   "<body>\n<trans-unit id=\"1\"><source>a &amp b</source></trans-unit>\n"
                   "</body></file></xliff>\n");
    check_units_refused(in, "bad.xlf:4:", "EntityRef");
    in = scratch(5, "columns.tsv");
    write_text(in, "a\tb\nc\td\te\n");
    check_units_refused(in, "columns.tsv:2:", "more tab-separated columns");
    /* Cut short inside the compressed stream. */
    const char *whole = scratch(6, "whole.tmx");
    FILE *f = fopen(whole, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(TMX_OPEN, f);
    for (int k = 0; k < 20000; k++)
        fprintf(f, TMX_TU("unit %d", "\xE5\x8D\x95 %d"), k, k);
    fputs(TMX_CLOSE, f);
    fclose(f);
    in = scratch(5, "cut.tmx.gz");
    CU_ASSERT_EQUAL_FATAL(tme_test_shell("gzip -c '%s' | head -c 60000 > '%s'", whole, in), 0);
    check_units_refused(in, "cut.tmx.gz", "truncated gzip");
}

static int init(void)
{
    const char *d = tme_test_scratch_dir("hostile");
    char cwd[512];
    if (d == NULL || getcwd(cwd, sizeof cwd) == NULL)
        return 1;
    snprintf(dir, sizeof dir, "%s/%s", cwd, d);
    /* Runs must not pick up a date from the environment by accident. */
    unsetenv("SOURCE_DATE_EPOCH");
    return 0;
}

static CU_TestInfo tests[] = {
    {"empty file: exit 0, warning, valid empty outputs", test_empty_file},
    {"only boilerplate: exit 0, warning, valid empty outputs", test_only_boilerplate},
    {"no Chinese (or no English) at all", test_no_chinese_at_all},
    {"random binary is refused with its byte offset", test_random_binary},
    {"NUL byte: line and byte offset", test_nul_bytes},
    {"invalid UTF-8 deep in a big file: line and byte", test_invalid_utf8_names_line_and_byte},
    {"truncated or corrupt gzip: error, no output", test_truncated_and_corrupt_gzip},
    {"50 MB without a newline, in bounded time", test_fifty_megabytes_without_a_newline},
    {"a paragraph of 1,000,000 characters", test_million_character_paragraph},
    {"100,000 one-word paragraphs", test_hundred_thousand_one_word_paragraphs},
    {"UTF-16LE/BE without a BOM", test_utf16_without_bom},
    {"mixed CR, LF and CRLF line ends", test_mixed_line_ends},
    {"unreadable, missing and directory inputs", test_unreadable_and_missing_inputs},
    {"error midway replaces no output", test_error_midway_replaces_nothing},
    {"file size limit hit midway", test_file_size_limit_midway},
    {"full disk (small tmpfs)", test_full_disk},
    {"read-only output directory", test_read_only_output_directory},
    {"SIGINT removes the temporary file", test_sigint_removes_the_temporary},
    {"SIGTERM removes the temporary file", test_sigterm_removes_the_temporary},
    {"a signal ignored on entry stays ignored", test_signal_ignored_on_entry_stays_ignored},
    {"same input and epoch give the same bytes", test_same_input_gives_same_bytes_in_every_format},
    {"XML reading: no external entities, bounded expansion",
     test_xml_reader_loads_nothing_and_bounds_entities},
    {"convert: external entities are never read", test_units_external_entities_are_never_read},
    {"convert: an entity bomb is bounded", test_units_entity_bomb_is_bounded},
    {"convert: an external DTD is not fetched", test_units_external_dtd_is_not_fetched},
    {"convert: 10,000-deep nesting is refused", test_units_deep_nesting_is_refused},
    {"convert: a 100 MB text node is refused", test_units_huge_text_node_is_refused},
    {"convert: bad files name the file and the line", test_bad_files_of_units_name_file_and_line},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (init() != 0)
        return 2;
    return tme_run_suite("hostile", tests);
}
