/* SPDX-License-Identifier: MIT */
/* One option table per command, from which the parser and --help are both
 * made: the tool's own options (-o, --stats, --lang...) and, for the export
 * commands, every option the library lists (tme_option_*: the session's and
 * each format's), so that a new format's options reach the tool with no CLI
 * edit. */
#ifndef TME_CLI_OPTIONS_H
#define TME_CLI_OPTIONS_H

#include <stdio.h>

typedef enum { CLI_NO_VALUE, CLI_VALUE, CLI_OPTIONAL_VALUE } cli_value;

typedef struct {
    const char *name; /* long name, without the dashes */
    char short_name;  /* 0: none */
    cli_value value;
    const char *argument; /* "PATH", "en|zh" */
    const char *group;    /* help heading */
    const char *help;
    int id; /* what the command's handler is told; CLI_LIBRARY_OPTION for the library's */
} cli_option;

#define CLI_LIBRARY_OPTION (-1)

typedef struct cli_command {
    const char *name;          /* "extract" */
    const char *brief;         /* one line for the tool's command list */
    const char *synopsis;      /* after "Usage: tmexport NAME " */
    const char *summary;       /* paragraph(s) under the usage line */
    const cli_option *options; /* the command's own, ended by a NULL name */
    /* Library options the command takes: 1 for those, 0 for none. */
    int (*takes_library_option)(const char *name);
    /* Told each option in command-line order; returns 0, or an exit status
     * (after reporting the problem). */
    int (*handle)(void *context, const cli_option *option, const char *value);
    /* Printed after the options in --help (formats, exit status...). */
    void (*print_epilogue)(FILE *out);
    /* Runs the command: argv[0] is its name; returns the exit status. */
    int (*run)(const struct cli_command *command, int argc, char **argv);
    /* Optional: the default --help shows for a library option the command
     * sets before parsing ("units" for convert's --input-format), NULL for
     * the library's own. */
    const char *(*default_of)(const char *name);
} cli_command;

/* Parses argv (argv[0] is the command name). Returns 0 with *first_operand
 * the index of the first non-option argument, -1 when --help was shown, or
 * the usage exit status (2) after saying what is wrong. */
int cli_parse(const cli_command *command, int argc, char **argv, void *context, int *first_operand);

/* Every option the command takes, its own and the library's, grouped in
 * the order --help prints them: a malloc'd array of *count (free() it), or
 * NULL when out of memory. The man page and the completion script are made
 * from the same list. */
cli_option *cli_command_options(const cli_command *command, size_t *count);

/* A library option's default value for command (NULL: the library's, as
 * the man page's shared list shows it), NULL for none (or a tool option). */
const char *cli_option_default(const cli_command *command, const cli_option *o);

/* A group's heading: "Output", "Format tmx" (for the format's options). */
const char *cli_group_title(const char *group, char *buf, size_t size);

/* A format's extensions, "xlf,xliff", as ".xlf, .xliff". */
void cli_print_extensions(FILE *out, const char *list);

/* Prints the usage line, summary, every option grouped, and the epilogue. */
void cli_print_help(const cli_command *command, FILE *out);

/* "tmexport NAME: message", the usage line and "Try 'tmexport NAME --help'."
 * on stderr; returns 2. */
int cli_usage_error(const cli_command *command, const char *message);

#endif
