/* SPDX-License-Identifier: MIT */
/* The subcommands of the tmexport command-line tool. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status:
 * 0 success, 1 bad input or I/O failure, 2 usage error. */
#ifndef TME_CLI_H
#define TME_CLI_H

#define TME_EXIT_OK 0
#define TME_EXIT_FAILURE 1
#define TME_EXIT_USAGE 2

/* Ends the process by SIGPIPE (quietly, as a filter whose reader went away
 * should) unless SIGPIPE was ignored when the tool started; then it
 * returns and the caller reports the error. Call after the cleanup. */
void tme_cli_die_of_broken_pipe(void);

int tme_cli_extract(int argc, char **argv);
int tme_cli_align(int argc, char **argv);
int tme_cli_convert(int argc, char **argv);
int tme_cli_merge(int argc, char **argv);
int tme_cli_segment(int argc, char **argv);
int tme_cli_normalize(int argc, char **argv);

#endif
