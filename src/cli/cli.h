/* SPDX-License-Identifier: MIT */
/* The subcommands of the tmexport command-line tool. Each takes the arguments
 * after its name (argv[0] is the subcommand) and returns the exit status:
 * 0 success, 1 bad input or I/O failure, 2 usage error. */
#ifndef TME_CLI_H
#define TME_CLI_H

#include "options.h"

#define TME_EXIT_OK 0
#define TME_EXIT_FAILURE 1
#define TME_EXIT_USAGE 2

/* Ends the process by SIGPIPE (quietly, as a filter whose reader went away
 * should) unless SIGPIPE was ignored when the tool started; then it
 * returns and the caller reports the error. Call after the cleanup. */
void tme_cli_die_of_broken_pipe(void);

/* The commands, each defined in its file; cli_commands lists them in the
 * order the tool's usage does, ended by NULL. */
extern const cli_command cli_extract_command, cli_align_command, cli_convert_command,
    cli_merge_command, cli_segment_command, cli_normalize_command, cli_man_command,
    cli_completion_command;
extern const cli_command *const cli_commands[];

/* The command called name, or NULL. */
const cli_command *cli_command_named(const char *name);

#endif
