/* SPDX-License-Identifier: MIT */
/* tmexport: the command-line tool. Subcommands live in cli_*.c; the work is
 * done by the library. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "tmexport.h"

/* Signals. An interrupted export must not leave its temporary files behind,
 * and the process has threads: so SIGINT, SIGTERM and SIGHUP are blocked in
 * every thread and taken by one thread that sigwait()s, removes the
 * temporaries (under the sink's lock, which no signal handler could take)
 * and then dies of the same signal. SIGPIPE is blocked too: a write to a
 * reader that went away fails with EPIPE, the run cleans up as for any
 * failed output, and tme_cli_die_of_broken_pipe() ends it by SIGPIPE as a
 * filter should. A signal ignored on entry stays ignored: `nohup tmexport
 * ...` and `tmexport ... &` in a script must survive the hang-up or the
 * terminal's interrupt, as their callers asked. */
static sigset_t fatal_signals;
static int sigpipe_ignored_on_entry;

static int ignored_on_entry(int sig)
{
    struct sigaction old;
    return sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN;
}

static void *take_fatal_signals(void *unused)
{
    (void)unused;
    int sig;
    if (sigwait(&fatal_signals, &sig) != 0)
        return NULL;
    tme_remove_temporaries();
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    return NULL;
}

static void install_signal_handling(void)
{
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP};
    sigemptyset(&fatal_signals);
    for (size_t k = 0; k < sizeof fatal / sizeof fatal[0]; k++)
        if (!ignored_on_entry(fatal[k]))
            sigaddset(&fatal_signals, fatal[k]);
    sigpipe_ignored_on_entry = ignored_on_entry(SIGPIPE);
    sigset_t blocked = fatal_signals;
    sigaddset(&blocked, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &blocked, NULL);
    pthread_t thread;
    if (pthread_create(&thread, NULL, take_fatal_signals, NULL) == 0)
        pthread_detach(thread);
}

void tme_cli_die_of_broken_pipe(void)
{
    if (sigpipe_ignored_on_entry)
        return;
    signal(SIGPIPE, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, SIGPIPE);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(SIGPIPE);
}

/* What went to stdout through stdio is only known to have arrived once
 * stdout is closed: a full disk or a closed pipe shows there (as in
 * coreutils' close_stdout). */
static int close_stdout(int status)
{
    int failed = fflush(stdout) != 0 || ferror(stdout);
    int saved = errno;
    if (fclose(stdout) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed || errno == EBADF)
        return status;
    if (saved == EPIPE)
        tme_cli_die_of_broken_pipe();
    if (status == TME_EXIT_OK) {
        fprintf(stderr, "tmexport: standard output: %s\n", strerror(saved));
        return TME_EXIT_FAILURE;
    }
    return status;
}

const cli_command *const cli_commands[] = {
    &cli_extract_command, &cli_align_command,      &cli_convert_command,
    &cli_merge_command,   &cli_segment_command,    &cli_normalize_command,
    &cli_man_command,     &cli_completion_command, NULL,
};

const cli_command *cli_command_named(const char *name)
{
    for (size_t k = 0; cli_commands[k] != NULL; k++)
        if (strcmp(cli_commands[k]->name, name) == 0)
            return cli_commands[k];
    return NULL;
}

static void print_usage(FILE *out)
{
    fputs("Usage: tmexport COMMAND [OPTIONS] ...\n\n"
          "Turns bilingual English/Chinese articles into translation memories.\n\n"
          "Commands:\n",
          out);
    for (size_t k = 0; cli_commands[k] != NULL; k++)
        fprintf(out, "  %-11s%s\n", cli_commands[k]->name, cli_commands[k]->brief);
    fputs("\n'tmexport COMMAND --help' describes a command's options; 'man tmexport' all.\n", out);
}

static int run_command(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return TME_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_usage(stdout);
        return TME_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        printf("tmexport %s\n", tme_version());
        return TME_EXIT_OK;
    }
    const cli_command *command = cli_command_named(name);
    if (command != NULL)
        return command->run(command, argc - 1, argv + 1);
    fprintf(stderr, "tmexport: unknown command '%s'\n\n", name);
    print_usage(stderr);
    return TME_EXIT_USAGE;
}

/* A standard descriptor the caller closed (`tmexport ... >&-`) would be
 * handed to the next file opened, and an export meant for stdout would land
 * in a temporary file. Each closed one is held by /dev/null opened
 * read-only: reads see end of file, writes fail with EBADF, as the closed
 * descriptor itself would answer. */
static void hold_closed_standard_descriptors(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int held = open("/dev/null", O_RDONLY);
        if (held >= 0 && held != fd) {
            dup2(held, fd);
            close(held);
        }
    }
}

int main(int argc, char **argv)
{
    hold_closed_standard_descriptors();
    install_signal_handling();
    return close_stdout(run_command(argc, argv));
}
