/* SPDX-License-Identifier: MIT */
/* Shared helpers for the CUnit suites. */
#ifndef TME_TEST_SUPPORT_H
#define TME_TEST_SUPPORT_H

#include <CUnit/CUnit.h>
#include <stddef.h>
#include <time.h>

#include "format.h"

/* The lexicon of the source tree (data/lexicon), loaded on first use and
 * kept until tme_test_cedict_free(); a failed load fails the test. */
const struct tme_lexicon *tme_test_cedict(void);
void tme_test_cedict_free(void);

/* Runs the tests of one suite with CUnit's basic interface; returns the
 * process exit status (non-zero when any assertion failed). */
int tme_run_suite(const char *suite_name, CU_TestInfo *tests);

/* Reads a whole file; returns malloc'd bytes (NUL-terminated, length in *len)
 * or NULL. */
char *tme_test_read_file(const char *path, size_t *len);

/* Inflates a gzip file member by member: its bytes into *out (malloc'd,
 * *out_len of them) and, when first_member_len is not NULL, how many came
 * from the first member. Returns the member count, or -1 when the file is
 * not valid gzip. */
long tme_test_inflate_members(const char *path, char **out, size_t *out_len,
                              size_t *first_member_len);

/* utf8[0..len) converted with iconv into `encoding` (test data only): a
 * malloc'd buffer, its length in *out_len, or NULL when iconv cannot. */
char *tme_test_encode(const char *utf8, size_t len, const char *encoding, size_t *out_len);

/* Writes bytes to a file; returns 0 on success. */
int tme_test_write_file(const char *path, const void *data, size_t len);

/* Path of a file in the source tree, e.g. tme_test_source_path("samples/x"):
 * a static buffer, valid until the next call. */
const char *tme_test_source_path(const char *relative);

/* Runs the tmexport binary through /bin/sh with the given arguments (already
 * shell-quoted) and returns its exit status, or -1. stdin_path, stdout_path,
 * stderr_path may be NULL (stdin from /dev/null, outputs discarded). */
int tme_test_run_cli(const char *args, const char *stdin_path, const char *stdout_path,
                     const char *stderr_path);

/* tme_test_run_cli() with printf-style arguments; stdin from /dev/null,
 * stdout discarded, stderr into stderr_path. */
int tme_test_run_clif(const char *stderr_path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Seconds on a monotonic clock, for wall-clock guards. */
double tme_test_seconds(void);

/* tme_test_run_clif() that also stores the run's wall-clock time in
 * *seconds. */
int tme_test_run_timed(const char *stderr_path, double *seconds, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 1 when the file holds every given string (NULL-ended); prints the ones
 * it lacks. */
int tme_test_file_says(const char *path, const char *first, ...);

/* Deterministic bytes (xorshift64), each at least `lowest`. */
void tme_test_random_bytes(unsigned char *out, size_t n, unsigned char lowest);

/* Runs a shell command built printf-style; its exit status, or -1. */
int tme_test_shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* 1 when the file holds exactly text; otherwise 0, after printing what it
 * holds. */
int tme_test_file_equals(const char *path, const char *text);

/* 1 when both files exist and hold the same bytes. */
int tme_test_same_file(const char *a, const char *b);

/* A fresh empty directory under the test's working directory, named after
 * tag: a static buffer, valid until the next call. */
const char *tme_test_scratch_dir(const char *tag);

/* dir/name in one of 16 static buffers (slot 0..15), valid until the slot
 * is used again. */
const char *tme_test_join(int slot, const char *dir, const char *name);

/* Number of leftover temporary files (".*.tmexport-*") in dir. */
size_t tme_test_temporaries_in(const char *dir);

/* Makes a character device node major/minor at path (1/7 is a full device,
 * 1/3 a null device): 0, or -1 when the process may not (not root, or no
 * CAP_MKNOD). Tests make their own nodes and never write to the system's
 * /dev nodes. */
int tme_test_make_char_device(const char *path, unsigned major, unsigned minor);

/* The writer settings the suites write with, by field; turned into a
 * writer context (with option values for tmx-encoding and tsv-fields) by
 * tme_test_context(). */
typedef struct {
    const char *source_lang, *target_lang, *segtype, *tool_version;
    time_t creation_time;
    int tmx_utf16;
    const char *tsv_fields; /* NULL: the default */
} tme_writer_options;

/* A context for o, valid until the next call. */
const tme_writer_context *tme_test_context(const tme_writer_options *o);

#endif
