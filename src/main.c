/* tmexport: the command-line tool. Subcommands live in cli_*.c; the work is
 * done by the library. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "sink.h"
#include "version.h"

/* An interrupted export must not leave its temporary files behind. */
static void remove_temporaries_and_die(int sig)
{
    tme_sink_unlink_all_temporaries();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* A signal ignored on entry stays ignored: `nohup tmexport ...` and
 * `tmexport ... &` in a script must survive the hang-up or the terminal's
 * interrupt, as their callers asked. */
static void clean_up_on(int sig)
{
    struct sigaction sa, old;
    if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_temporaries_and_die;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void install_signal_handlers(void)
{
    clean_up_on(SIGINT);
    clean_up_on(SIGTERM);
    clean_up_on(SIGHUP);
    clean_up_on(SIGPIPE);
}

static void print_usage(FILE *out)
{
    fputs("Usage: tmexport COMMAND [OPTIONS] ...\n\n"
          "Turns bilingual English/Chinese articles into translation memories.\n\n"
          "Commands:\n"
          "  extract    extract aligned pairs from bilingual articles (TMX, TSV, XLIFF)\n"
          "  align      align the sentences of TSV paragraph pairs\n"
          "  segment    split paragraphs (stdin lines) into sentences\n"
          "  normalize  normalize punctuation and spaces of stdin lines\n\n"
          "'tmexport COMMAND --help' describes a command's options.\n",
          out);
}

int main(int argc, char **argv)
{
    install_signal_handlers();
    if (argc < 2) {
        print_usage(stderr);
        return TME_EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        print_usage(stdout);
        return TME_EXIT_OK;
    }
    if (strcmp(command, "--version") == 0) {
        printf("tmexport %s\n", TME_VERSION);
        return TME_EXIT_OK;
    }
    if (strcmp(command, "extract") == 0)
        return tme_cli_extract(argc - 1, argv + 1);
    if (strcmp(command, "align") == 0)
        return tme_cli_align(argc - 1, argv + 1);
    if (strcmp(command, "segment") == 0)
        return tme_cli_segment(argc - 1, argv + 1);
    if (strcmp(command, "normalize") == 0)
        return tme_cli_normalize(argc - 1, argv + 1);
    fprintf(stderr, "tmexport: unknown command '%s'\n\n", command);
    print_usage(stderr);
    return TME_EXIT_USAGE;
}
