/* SPDX-License-Identifier: MIT */
/* What an output path is decides how it is written (issue 10): a regular file
 * is replaced atomically and keeps its mode and owner, a symlink's target is
 * replaced and the link stays, a FIFO or socket is written as it is, a named
 * descriptor is the descriptor; a run with no input files writes nothing; an
 * output is never an input; a reader that goes away ends the run by SIGPIPE
 * with no temporary left. Every path is private to this suite. (Device nodes:
 * test_output_devices.) */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

#define SAMPLE "samples/deepseek-bilingual.txt"
#define GOLDEN_SENTENCES "samples/expected/deepseek-bilingual.tsv"

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

static void write_text(const char *path, const char *text)
{
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(path, text, strlen(text)), 0);
}

static int file_equals(const char *path, const char *text)
{
    char *got = tme_test_read_file(path, NULL);
    int same = got != NULL && strcmp(got, text) == 0;
    free(got);
    return same;
}

static int extract_to(const char *output)
{
    return tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'", tme_test_source_path(SAMPLE),
                             output);
}

static const char *golden(void)
{
    return tme_test_source_path(GOLDEN_SENTENCES);
}

static int init(void)
{
    dir = tme_test_scratch_dir("output-paths");
    return dir == NULL;
}

/* --- links ------------------------------------------------------------------ */

static void test_symlink_target_is_replaced_and_the_link_stays(void)
{
    CU_ASSERT_EQUAL_FATAL(mkdir(at(0, "real"), 0755), 0);
    write_text(at(1, "real/target.tsv"), "previous\n");
    CU_ASSERT_EQUAL_FATAL(symlink("real/target.tsv", at(2, "link.tsv")), 0);
    CU_ASSERT_EQUAL(extract_to(at(2, "link.tsv")), 0);
    struct stat st;
    CU_ASSERT(lstat(at(2, "link.tsv"), &st) == 0 && S_ISLNK(st.st_mode));
    char target[256] = "";
    CU_ASSERT(readlink(at(2, "link.tsv"), target, sizeof target - 1) > 0);
    CU_ASSERT_STRING_EQUAL(target, "real/target.tsv");
    CU_ASSERT(tme_test_same_file(at(1, "real/target.tsv"), golden()));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    CU_ASSERT_EQUAL(tme_test_temporaries_in(at(0, "real")), 0);
}

static void test_chain_of_links_replaces_the_last_target(void)
{
    write_text(at(0, "end.tsv"), "previous\n");
    CU_ASSERT_EQUAL_FATAL(symlink("end.tsv", at(1, "middle.tsv")), 0);
    CU_ASSERT_EQUAL_FATAL(symlink("middle.tsv", at(2, "start.tsv")), 0);
    CU_ASSERT_EQUAL(extract_to(at(2, "start.tsv")), 0);
    struct stat st;
    CU_ASSERT(lstat(at(1, "middle.tsv"), &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT(lstat(at(2, "start.tsv"), &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT(tme_test_same_file(at(0, "end.tsv"), golden()));
}

static void test_dangling_link_creates_its_target(void)
{
    CU_ASSERT_EQUAL_FATAL(symlink("created.tsv", at(0, "dangling.tsv")), 0);
    CU_ASSERT_EQUAL(extract_to(at(0, "dangling.tsv")), 0);
    struct stat st;
    CU_ASSERT(lstat(at(0, "dangling.tsv"), &st) == 0 && S_ISLNK(st.st_mode));
    CU_ASSERT(lstat(at(1, "created.tsv"), &st) == 0 && S_ISREG(st.st_mode));
    CU_ASSERT(tme_test_same_file(at(1, "created.tsv"), golden()));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

/* --- FIFOs, sockets, descriptors --------------------------------------------- */

/* Forks a reader that copies everything from the FIFO into `into`. */
static pid_t start_fifo_reader(const char *fifo, const char *into)
{
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        int in = open(fifo, O_RDONLY), out = open(into, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        char buf[65536];
        ssize_t n;
        while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                _exit(1);
        _exit(in >= 0 && out >= 0 ? 0 : 1);
    }
    return pid;
}

/* A run that failed before opening the FIFO leaves its reader waiting for a
 * writer: this writer ends the wait (the reader sees end of file). */
static void release_fifo_reader(const char *fifo)
{
    int fd = open(fifo, O_WRONLY | O_NONBLOCK);
    if (fd >= 0)
        close(fd);
}

static void test_fifo_reader_receives_the_exact_bytes(void)
{
    const char *fifo = at(0, "export.fifo");
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    pid_t reader = start_fifo_reader(fifo, at(1, "received.tsv"));
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o 'tsv:%s'",
                                      tme_test_source_path(SAMPLE), fifo),
                    0);
    release_fifo_reader(fifo);
    int status;
    CU_ASSERT(waitpid(reader, &status, 0) == reader && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0);
    struct stat st;
    CU_ASSERT(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode));
    CU_ASSERT(tme_test_same_file(at(1, "received.tsv"), golden()));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

/* Compression is chosen by the suffix, whatever the path is. */
static void test_gzip_through_a_fifo(void)
{
    const char *fifo = at(0, "stream.tsv.gz");
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    pid_t reader = start_fifo_reader(fifo, at(1, "received.tsv.gz"));
    CU_ASSERT_EQUAL(extract_to(fifo), 0);
    release_fifo_reader(fifo);
    waitpid(reader, NULL, 0);
    CU_ASSERT_EQUAL(
        tme_test_shell("gzip -dc '%s' | cmp -s - '%s'", at(1, "received.tsv.gz"), golden()), 0);
}

/* Forks a server on a Unix socket at path that stores what one client sends
 * in `into`. Returns once the socket listens. */
static pid_t start_socket_server(const char *path, const char *into)
{
    int listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path);
    CU_ASSERT_FATAL(listener >= 0 && bind(listener, (struct sockaddr *)&addr, sizeof addr) == 0 &&
                    listen(listener, 1) == 0);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        int conn = accept(listener, NULL, NULL);
        int out = open(into, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        char buf[65536];
        ssize_t n;
        while (conn >= 0 && (n = read(conn, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                _exit(1);
        _exit(conn >= 0 ? 0 : 1);
    }
    close(listener);
    return pid;
}

static void test_socket_receives_the_exact_bytes(void)
{
    /* A socket path must fit sun_path: a short relative one. */
    const char *sock = at(0, "s.sock");
    pid_t server = start_socket_server(sock, at(1, "from-socket.tsv"));
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o 'tsv:%s'",
                                      tme_test_source_path(SAMPLE), sock),
                    0);
    int status;
    CU_ASSERT(waitpid(server, &status, 0) == server && WIFEXITED(status) &&
              WEXITSTATUS(status) == 0);
    struct stat st;
    CU_ASSERT(lstat(sock, &st) == 0 && S_ISSOCK(st.st_mode));
    CU_ASSERT(tme_test_same_file(at(1, "from-socket.tsv"), golden()));
}

/* /dev/stdout is the descriptor, not the file it is open on: an export
 * appended with >> keeps what the file held. */
static void test_dev_stdout_writes_to_the_descriptor(void)
{
    const char *out = at(0, "appended.tsv");
    write_text(out, "previous\n");
    struct stat before, after;
    CU_ASSERT_FATAL(stat(out, &before) == 0);
    CU_ASSERT_EQUAL(tme_test_shell("'%s' extract '%s' -o tsv:/dev/stdout >>'%s' 2>'%s'", TME_BINARY,
                                   tme_test_source_path(SAMPLE), out, stderr_path()),
                    0);
    CU_ASSERT_FATAL(stat(out, &after) == 0);
    CU_ASSERT_EQUAL(before.st_ino, after.st_ino);
    size_t len, golden_len;
    char *got = tme_test_read_file(out, &len);
    char *want = tme_test_read_file(golden(), &golden_len);
    CU_ASSERT(got != NULL && want != NULL && len == 9 + golden_len &&
              memcmp(got, "previous\n", 9) == 0 && memcmp(got + 9, want, golden_len) == 0);
    free(got);
    free(want);
}

/* --- replaced files keep their mode and owner ---------------------------- */

static void test_replaced_file_keeps_its_mode(void)
{
    const char *out = at(0, "private.tsv");
    write_text(out, "previous\n");
    CU_ASSERT_EQUAL_FATAL(chmod(out, 0640), 0);
    CU_ASSERT_EQUAL(extract_to(out), 0);
    struct stat st;
    CU_ASSERT_FATAL(stat(out, &st) == 0);
    CU_ASSERT_EQUAL(st.st_mode & 07777, 0640);
    CU_ASSERT(tme_test_same_file(out, golden()));
}

static void test_replaced_file_keeps_its_owner_when_root(void)
{
    if (geteuid() != 0)
        return; /* only root may give a file away; the mode test runs for everyone */
    const char *out = at(0, "owned.tsv");
    write_text(out, "previous\n");
    CU_ASSERT_EQUAL_FATAL(chown(out, 65534, 65534), 0);
    CU_ASSERT_EQUAL_FATAL(chmod(out, 0604), 0);
    CU_ASSERT_EQUAL(extract_to(out), 0);
    struct stat st;
    CU_ASSERT_FATAL(stat(out, &st) == 0);
    CU_ASSERT_EQUAL(st.st_uid, 65534);
    CU_ASSERT_EQUAL(st.st_gid, 65534);
    CU_ASSERT_EQUAL(st.st_mode & 07777, 0604);
}

static void test_new_file_gets_the_umask_mode(void)
{
    const char *out = at(0, "new.tsv");
    mode_t old = umask(027);
    CU_ASSERT_EQUAL(extract_to(out), 0);
    umask(old);
    struct stat st;
    CU_ASSERT_FATAL(stat(out, &st) == 0);
    CU_ASSERT_EQUAL(st.st_mode & 07777, 0640);
}

/* --- runs that name no file ---------------------------------------------------- */

static void test_empty_directory_refuses_and_keeps_the_old_export(void)
{
    CU_ASSERT_EQUAL_FATAL(mkdir(at(0, "empty"), 0755), 0);
    const char *old = at(1, "old.tmx");
    write_text(old, "previous\n");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'", at(0, "empty"), old),
                    1);
    CU_ASSERT(stderr_says("empty"));
    CU_ASSERT(stderr_says("no file"));
    CU_ASSERT(file_equals(old, "previous\n"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    /* Standard output gets nothing either (no TMX header). */
    const char *out = at(2, "stdout.txt");
    CU_ASSERT_EQUAL(tme_test_run_cli("extract empty -o tmx:-", NULL, out, stderr_path()), 1);
}

static void test_include_matching_nothing_refuses(void)
{
    CU_ASSERT_EQUAL_FATAL(mkdir(at(0, "articles"), 0755), 0);
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("cp '%s' '%s'", tme_test_source_path(SAMPLE), at(1, "articles/a.txt")), 0);
    const char *old = at(2, "kept.tsv");
    write_text(old, "previous\n");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --include '*.html' '%s' -o '%s'",
                                      at(0, "articles"), old),
                    1);
    CU_ASSERT(stderr_says("--include '*.html'"));
    CU_ASSERT(file_equals(old, "previous\n"));
}

static void test_empty_list_refuses(void)
{
    const char *list = at(0, "inputs.list");
    write_text(list, "# nothing yet\n\n");
    const char *old = at(1, "kept.tsv");
    write_text(old, "previous\n");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '@%s' -o '%s'", list, old), 1);
    CU_ASSERT(stderr_says("inputs.list"));
    CU_ASSERT(file_equals(old, "previous\n"));
}

static void test_input_without_pairs_still_writes_a_valid_empty_export(void)
{
    const char *input = at(0, "english-only.txt");
    write_text(input, "Only English here.\n\nNothing to pair.\n");
    const char *out = at(1, "empty.tsv");
    write_text(out, "previous\n");
    CU_ASSERT_EQUAL(extract_to(out), 0); /* the sample: sanity of the path */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract -q '%s' -o '%s'", input, out), 0);
    CU_ASSERT(file_equals(out, ""));
}

/* --- outputs that are inputs ------------------------------------------------------ */

static void check_refused(const char *input, const char *output_spec)
{
    size_t before_len;
    char *before = tme_test_read_file(input, &before_len);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' -o '%s'", input, output_spec),
                    2);
    CU_ASSERT(stderr_says("is also an input"));
    size_t after_len;
    char *after = tme_test_read_file(input, &after_len);
    CU_ASSERT(before != NULL && after != NULL && before_len == after_len &&
              memcmp(before, after, before_len) == 0);
    free(before);
    free(after);
}

static void test_output_is_never_an_input(void)
{
    const char *input = at(0, "article.txt");
    CU_ASSERT_EQUAL_FATAL(tme_test_shell("cp '%s' '%s'", tme_test_source_path(SAMPLE), input), 0);
    char spec[4300];
    snprintf(spec, sizeof spec, "tsv:%s", input);
    check_refused(input, spec);
    CU_ASSERT_EQUAL_FATAL(link(input, at(1, "hard.tsv")), 0);
    check_refused(input, at(1, "hard.tsv"));
    CU_ASSERT_EQUAL_FATAL(symlink("article.txt", at(2, "soft.tsv")), 0);
    check_refused(input, at(2, "soft.tsv"));
    /* Standard output appended to the input (>> does not truncate it). */
    CU_ASSERT_EQUAL(
        tme_test_shell("'%s' extract '%s' >>'%s' 2>'%s'", TME_BINARY, input, input, stderr_path()),
        2);
    CU_ASSERT(stderr_says("standard output is also an input"));
    CU_ASSERT(tme_test_same_file(input, tme_test_source_path(SAMPLE)));
}

/* Two outputs that name one file would have one silently replace the
 * other: refused (exit 2) before anything is written, however the file is
 * spelled (../, a symlink, a dangling link to it, moses's NAME.en). */
static void test_one_file_is_never_two_outputs(void)
{
    const char *sample = tme_test_source_path(SAMPLE);
    const char *twice[][2] = {
        {"twice.tsv", "tsv:%s/twice.tsv"},
        {"twice.tsv", "tmx:%s/./twice.tsv"},
        {"twice-new.tsv", "%s/link-to-twice-new.tsv"},
        {"moses:%s/twice-corpus", "tsv:%s/twice-corpus.en"},
    };
    CU_ASSERT_EQUAL_FATAL(symlink("twice-new.tsv", at(0, "link-to-twice-new.tsv")), 0);
    for (size_t k = 0; k < sizeof twice / sizeof twice[0]; k++) {
        char first[4200], second[4200];
        if (strchr(twice[k][0], '%') != NULL)
            snprintf(first, sizeof first, twice[k][0], dir);
        else
            snprintf(first, sizeof first, "%s", at(1, twice[k][0]));
        snprintf(second, sizeof second, twice[k][1], dir);
        CU_ASSERT_EQUAL(
            tme_test_run_clif(stderr_path(), "extract '%s' -o '%s' -o '%s'", sample, first, second),
            2);
        CU_ASSERT(stderr_says("would be written twice in this run"));
    }
    CU_ASSERT_EQUAL(access(at(1, "twice.tsv"), F_OK), -1);
    CU_ASSERT_EQUAL(access(at(1, "twice-new.tsv"), F_OK), -1);
    CU_ASSERT_EQUAL(access(at(1, "twice-corpus.zh"), F_OK), -1);
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
    /* Standard output may take two formats (what is written in place is
     * never replaced). */
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract -q '%s' -o tsv:- -o tmx:- >'%s'",
                                      sample, at(2, "twice-stdout.txt")),
                    0);
}

/* --per-input names each export after its input: a.txt and a.html in one
 * directory would both be a.tsv. */
static void test_per_input_names_never_meet(void)
{
    const char *in = at(0, "per-input-in");
    CU_ASSERT_EQUAL_FATAL(
        tme_test_shell("mkdir -p '%s' && cp '%s' '%s/a.txt' && cp '%s' '%s/a.html'", in,
                       tme_test_source_path(SAMPLE), in,
                       tme_test_source_path("samples/html-dual/article.html"), in),
        0);
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract '%s' --per-input '%s' -o x.tsv", in,
                                      at(1, "per-input-out")),
                    2);
    CU_ASSERT(stderr_says("a.tsv would be written twice in this run"));
}

static void test_align_output_is_never_its_input(void)
{
    const char *pairs = at(0, "pairs.tsv");
    write_text(pairs, "Hello. Goodbye.\t\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\n");
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "align '%s' -o '%s'", pairs, pairs), 2);
    CU_ASSERT(stderr_says("is also an input"));
    CU_ASSERT(file_equals(pairs, "Hello. Goodbye.\t\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82\n"));
}

/* --- a reader that goes away -------------------------------------------------------- */

/* An input big enough that the export outlasts a pipe's buffer. */
static const char *big_input(void)
{
    const char *big = at(10, "big.txt");
    if (access(big, F_OK) != 0)
        CU_ASSERT_EQUAL_FATAL(tme_test_shell("for i in $(seq 200); do cat '%s'; echo; done >'%s'",
                                             tme_test_source_path(SAMPLE), big),
                              0);
    return big;
}

/* Runs `tmexport extract BIG -o tsv:- -o OTHER` into a pipe whose reader
 * takes 100 bytes and leaves; returns the wait status. */
static int export_into_closed_pipe(const char *other, int ignore_sigpipe)
{
    int fds[2];
    CU_ASSERT_FATAL(pipe(fds) == 0);
    const char *input = big_input();
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        signal(SIGPIPE, ignore_sigpipe ? SIG_IGN : SIG_DFL);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        int err = open(stderr_path(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(err, STDERR_FILENO);
        execl(TME_BINARY, "tmexport", "extract", "-j", "1", input, "-o", "tsv:-", "-o", other,
              (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char buf[100];
    CU_ASSERT(read(fds[0], buf, sizeof buf) > 0);
    close(fds[0]);
    int status = 0;
    CU_ASSERT(waitpid(pid, &status, 0) == pid);
    return status;
}

static void test_closed_pipe_ends_the_run_by_sigpipe(void)
{
    const char *other = at(0, "other.tsv");
    write_text(other, "previous\n");
    int status = export_into_closed_pipe(other, 0);
    CU_ASSERT(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
    CU_ASSERT(file_equals(other, "previous\n"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

static void test_closed_pipe_with_sigpipe_ignored_exits_1(void)
{
    const char *other = at(0, "other-ignored.tsv");
    write_text(other, "previous\n");
    int status = export_into_closed_pipe(other, 1);
    CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 1);
    CU_ASSERT(stderr_says("Broken pipe"));
    CU_ASSERT(file_equals(other, "previous\n"));
    CU_ASSERT_EQUAL(tme_test_temporaries_in(dir), 0);
}

/* A closed stdout is an error (EBADF), and never lets a file take its
 * place: the other output is exactly the export. */
static void test_closed_stdout_fails_and_other_outputs_are_whole(void)
{
    const char *out = at(0, "beside-closed-stdout.tsv");
    CU_ASSERT_EQUAL(tme_test_shell("'%s' extract '%s' -o tsv:- -o '%s' >&- 2>'%s'", TME_BINARY,
                                   tme_test_source_path(SAMPLE), out, stderr_path()),
                    1);
    CU_ASSERT(stderr_says("Bad file descriptor"));
    CU_ASSERT_NOT_EQUAL(access(out, F_OK), 0);
    CU_ASSERT_EQUAL(tme_test_shell("'%s' extract '%s' -o '%s' >&- 2>'%s'", TME_BINARY,
                                   tme_test_source_path(SAMPLE), out, stderr_path()),
                    0);
    CU_ASSERT(tme_test_same_file(out, golden()));
}

static void test_directory_is_no_output(void)
{
    CU_ASSERT_EQUAL_FATAL(mkdir(at(0, "adir.tsv"), 0755), 0);
    CU_ASSERT_EQUAL(extract_to(at(0, "adir.tsv")), 1);
    CU_ASSERT(stderr_says("is a directory"));
    struct stat st;
    CU_ASSERT(stat(at(0, "adir.tsv"), &st) == 0 && S_ISDIR(st.st_mode));
}

int main(void)
{
    if (init() != 0)
        return 2;
    CU_TestInfo tests[] = {
        {"symlink target replaced, link kept", test_symlink_target_is_replaced_and_the_link_stays},
        {"chain of links", test_chain_of_links_replaces_the_last_target},
        {"dangling link creates its target", test_dangling_link_creates_its_target},
        {"FIFO reader receives the exact bytes", test_fifo_reader_receives_the_exact_bytes},
        {"gzip through a FIFO", test_gzip_through_a_fifo},
        {"socket receives the exact bytes", test_socket_receives_the_exact_bytes},
        {"/dev/stdout is the descriptor", test_dev_stdout_writes_to_the_descriptor},
        {"replaced file keeps its mode", test_replaced_file_keeps_its_mode},
        {"replaced file keeps its owner (root)", test_replaced_file_keeps_its_owner_when_root},
        {"new file gets the umask mode", test_new_file_gets_the_umask_mode},
        {"empty directory refuses, keeps old export",
         test_empty_directory_refuses_and_keeps_the_old_export},
        {"--include matching nothing refuses", test_include_matching_nothing_refuses},
        {"empty @list refuses", test_empty_list_refuses},
        {"input without pairs writes an empty export",
         test_input_without_pairs_still_writes_a_valid_empty_export},
        {"output is never an input", test_output_is_never_an_input},
        {"align output is never its input", test_align_output_is_never_its_input},
        {"one file is never two outputs", test_one_file_is_never_two_outputs},
        {"--per-input names never meet", test_per_input_names_never_meet},
        {"closed pipe ends the run by SIGPIPE", test_closed_pipe_ends_the_run_by_sigpipe},
        {"closed pipe, SIGPIPE ignored: exit 1", test_closed_pipe_with_sigpipe_ignored_exits_1},
        {"closed stdout fails, other outputs whole",
         test_closed_stdout_fails_and_other_outputs_are_whole},
        {"a directory is no output", test_directory_is_no_output},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("output paths", tests);
}
