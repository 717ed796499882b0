/* SPDX-License-Identifier: MIT */
#define _XOPEN_SOURCE 700 /* mknod() */
#include "test_support.h"

#include "lexicon.h"

#include <CUnit/Basic.h>
#include <dirent.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

/* The running suite's name: what its discarded output files are called. */
static const char *running_suite = "suite";

int tme_run_suite(const char *suite_name, CU_TestInfo *tests)
{
    running_suite = suite_name;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_SuiteInfo suites[] = {{suite_name, NULL, NULL, NULL, NULL, tests}, CU_SUITE_INFO_NULL};
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failures == 0 ? 0 : 1;
}

char *tme_test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            char *bigger = realloc(buf, cap + 1);
            if (bigger == NULL) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    if (buf == NULL)
        return NULL;
    buf[n] = '\0';
    if (len != NULL)
        *len = n;
    return buf;
}

char *tme_test_encode(const char *utf8, size_t len, const char *encoding, size_t *out_len)
{
    iconv_t cd = iconv_open(encoding, "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 4 + 16, in_left = len, out_left = cap;
    char *buf = malloc(cap), *in = (char *)utf8, *out = buf;
    if (buf != NULL && iconv(cd, &in, &in_left, &out, &out_left) == (size_t)-1) {
        free(buf);
        buf = NULL;
    }
    iconv_close(cd);
    *out_len = cap - out_left;
    return buf;
}

int tme_test_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t put = fwrite(data, 1, len, f);
    int rc = fclose(f);
    return put == len && rc == 0 ? 0 : -1;
}

const char *tme_test_source_path(const char *relative)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", TME_SOURCE_DIR, relative);
    return path;
}

int tme_test_run_cli(const char *args, const char *stdin_path, const char *stdout_path,
                     const char *stderr_path)
{
    /* Discarded output goes to files of this suite, never to the system's
     * /dev/null, and never to another suite's. */
    char discard_out[160], discard_err[160];
    snprintf(discard_out, sizeof discard_out, "discarded.%s.out", running_suite);
    snprintf(discard_err, sizeof discard_err, "discarded.%s.err", running_suite);
    for (char *p = discard_out; *p; p++)
        *p = *p == ' ' || *p == '/' ? '-' : *p;
    for (char *p = discard_err; *p; p++)
        *p = *p == ' ' || *p == '/' ? '-' : *p;
    char command[16384];
    snprintf(command, sizeof command, "'%s' %s <'%s' >'%s' 2>'%s'", TME_BINARY, args,
             stdin_path ? stdin_path : "/dev/null", stdout_path ? stdout_path : discard_out,
             stderr_path ? stderr_path : discard_err);
    int status = system(command);
    if (status == -1 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

int tme_test_run_clif(const char *stderr_path, const char *fmt, ...)
{
    char args[16384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    return tme_test_run_cli(args, NULL, NULL, stderr_path);
}

double tme_test_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int tme_test_run_timed(const char *stderr_path, double *seconds, const char *fmt, ...)
{
    char args[16384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    double start = tme_test_seconds();
    int rc = tme_test_run_cli(args, NULL, NULL, stderr_path);
    *seconds = tme_test_seconds() - start;
    return rc;
}

int tme_test_file_says(const char *path, const char *first, ...)
{
    char *text = tme_test_read_file(path, NULL);
    if (text == NULL)
        return 0;
    int all = 1;
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s != NULL; s = va_arg(ap, const char *))
        if (strstr(text, s) == NULL) {
            fprintf(stderr, "\n    %s lacks \"%s\": %s", path, s, text);
            all = 0;
        }
    va_end(ap);
    free(text);
    return all;
}

void tme_test_random_bytes(unsigned char *out, size_t n, unsigned char lowest)
{
    unsigned long long x = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        unsigned char b = (unsigned char)(x >> 32);
        out[i] = b < lowest ? (unsigned char)(b + lowest) : b;
    }
}

int tme_test_shell(const char *fmt, ...)
{
    char command[16384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(command, sizeof command, fmt, ap);
    va_end(ap);
    int status = system(command);
    return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int tme_test_file_equals(const char *path, const char *text)
{
    char *got = tme_test_read_file(path, NULL);
    int same = got != NULL && strcmp(got, text) == 0;
    if (!same)
        fprintf(stderr, "\n%s holds '%s', not '%s'\n", path, got ? got : "(no file)", text);
    free(got);
    return same;
}

int tme_test_same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = tme_test_read_file(a, &la), *y = tme_test_read_file(b, &lb);
    int same = x != NULL && y != NULL && la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

const char *tme_test_scratch_dir(const char *tag)
{
    static char dir[4096];
    char command[8300];
    snprintf(dir, sizeof dir, "scratch-%s", tag);
    snprintf(command, sizeof command, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    if (system(command) != 0)
        return NULL;
    return dir;
}

const char *tme_test_join(int slot, const char *dir, const char *name)
{
    static char paths[16][4200];
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", dir, name);
    return paths[slot];
}

size_t tme_test_temporaries_in(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (d != NULL && (e = readdir(d)) != NULL)
        if (e->d_name[0] == '.' && strstr(e->d_name, ".tmexport-") != NULL)
            n++;
    if (d != NULL)
        closedir(d);
    return n;
}

int tme_test_make_char_device(const char *path, unsigned major, unsigned minor)
{
    unlink(path);
    return mknod(path, S_IFCHR | 0666, makedev(major, minor)) == 0 ? 0 : -1;
}

const tme_writer_context *tme_test_context(const tme_writer_options *o)
{
    static tme_option_values values;
    static tme_writer_context context;
    tme_error err;
    tme_error_clear(&err);
    tme_option_values_free(&values);
    if (tme_option_values_init(&values, &err) != TME_OK ||
        tme_option_values_set(&values, "tmx-encoding", o->tmx_utf16 ? "utf-16" : "utf-8", &err) !=
            TME_OK ||
        (o->tsv_fields != NULL &&
         tme_option_values_set(&values, "tsv-fields", o->tsv_fields, &err) != TME_OK))
        return NULL;
    context = (tme_writer_context){.source_lang = o->source_lang,
                                   .target_lang = o->target_lang,
                                   .segtype = o->segtype,
                                   .tool_version = o->tool_version,
                                   .creation_time = o->creation_time,
                                   .options = &values};
    return &context;
}

static tme_lexicon *test_lexicon;

const tme_lexicon *tme_test_cedict(void)
{
    if (test_lexicon == NULL) {
        tme_error err;
        tme_error_clear(&err);
        CU_ASSERT_EQUAL_FATAL(
            tme_lexicon_load(tme_test_source_path("data/lexicon/" TME_LEXICON_FILE_NAME), NULL, 0,
                             &test_lexicon, &err),
            TME_OK);
    }
    return test_lexicon;
}

void tme_test_cedict_free(void)
{
    tme_lexicon_free(test_lexicon);
    test_lexicon = NULL;
}

long tme_test_inflate_members(const char *path, char **out, size_t *out_len,
                              size_t *first_member_len)
{
    size_t len = 0, cap = 1 << 20, used = 0;
    unsigned char *in = (unsigned char *)tme_test_read_file(path, &len);
    *out = malloc(cap);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    long members = 0;
    int rc = inflateInit2(&zs, 15 + 16) == Z_OK ? Z_OK : Z_DATA_ERROR;
    zs.next_in = in;
    zs.avail_in = (uInt)len;
    while (rc == Z_OK && zs.avail_in > 0) {
        if (cap - used < 65536)
            *out = realloc(*out, cap *= 2);
        zs.next_out = (unsigned char *)*out + used;
        zs.avail_out = (uInt)(cap - used);
        rc = inflate(&zs, Z_NO_FLUSH);
        used = cap - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (members == 0 && first_member_len != NULL)
                *first_member_len = used;
            members++;
            rc = inflateReset(&zs);
        }
    }
    inflateEnd(&zs);
    free(in);
    *out_len = used;
    return rc == Z_OK && zs.avail_in == 0 ? members : -1;
}
