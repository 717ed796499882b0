/* SPDX-License-Identifier: MIT */
/* tmexport segment and tmexport normalize: the library's text tools on
 * standard input, a line at a time, so that they sit in a shell pipeline
 * next to other tools. Each input line is a paragraph. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "tmexport.h"

enum { OPT_LANG = 1, OPT_QUOTES, OPT_CJK_SPACE, OPT_STATS, OPT_HELP };

typedef struct {
    const cli_command *spec; /* the command being run */
    const char *command;
    int have_lang;
    tme_lang lang;
    unsigned flags;
    int stats;
    size_t counts[TME_NORMALIZE_KINDS];
} text_run;

static int handle(void *context, const cli_option *option, const char *value)
{
    text_run *r = context;
    char message[256];
    switch (option->id) {
    case OPT_LANG:
        if (strcmp(value, "en") != 0 && strcmp(value, "zh") != 0) {
            snprintf(message, sizeof message, "--lang wants en or zh, not '%s'", value);
            return cli_usage_error(r->spec, message);
        }
        r->lang = strcmp(value, "zh") == 0 ? TME_LANG_ZH : TME_LANG_EN;
        r->have_lang = 1;
        return 0;
    case OPT_QUOTES:
        if (strcmp(value, "ascii") != 0 && strcmp(value, "keep") != 0) {
            snprintf(message, sizeof message, "--quotes wants ascii or keep, not '%s'", value);
            return cli_usage_error(r->spec, message);
        }
        r->flags = (r->flags & ~TME_NORMALIZE_ASCII_QUOTES) |
                   (strcmp(value, "ascii") == 0 ? TME_NORMALIZE_ASCII_QUOTES : 0);
        return 0;
    case OPT_CJK_SPACE:
        r->flags &= ~(TME_NORMALIZE_CJK_SPACE_ADD | TME_NORMALIZE_CJK_SPACE_REMOVE);
        if (strcmp(value, "add") == 0)
            r->flags |= TME_NORMALIZE_CJK_SPACE_ADD;
        else if (strcmp(value, "remove") == 0)
            r->flags |= TME_NORMALIZE_CJK_SPACE_REMOVE;
        else if (strcmp(value, "keep") != 0) {
            snprintf(message, sizeof message, "--cjk-space wants keep, remove or add, not '%s'",
                     value);
            return cli_usage_error(r->spec, message);
        }
        return 0;
    case OPT_STATS:
        r->stats = 1;
        return 0;
    }
    return 0;
}

#define LANG_OPTION                                                                                \
    {                                                                                              \
        "lang", 0, CLI_VALUE, "en|zh", "Options", "language of the text (required)", OPT_LANG      \
    }
#define HELP_OPTION                                                                                \
    {                                                                                              \
        "help", 'h', CLI_NO_VALUE, NULL, "Options", "this help", OPT_HELP                          \
    }
#define END_OPTIONS                                                                                \
    {                                                                                              \
        NULL, 0, CLI_NO_VALUE, NULL, NULL, NULL, 0                                                 \
    }

static const cli_option segment_options[] = {LANG_OPTION, HELP_OPTION, END_OPTIONS};

static const cli_option normalize_options[] = {
    LANG_OPTION,
    {"quotes", 0, CLI_VALUE, "ascii|keep", "Options",
     "English: straighten curly quotes, or keep them (default keep)", OPT_QUOTES},
    {"cjk-space", 0, CLI_VALUE, "keep|remove|add", "Options",
     "Chinese: spaces between Han and Latin letters or digits are kept as in the input "
     "(default), removed, or added",
     OPT_CJK_SPACE},
    {"stats", 0, CLI_NO_VALUE, NULL, "Options",
     "print the number of changes of each kind on standard error", OPT_STATS},
    HELP_OPTION,
    END_OPTIONS,
};

static int run_segment(const cli_command *command, int argc, char **argv);
static int run_normalize(const cli_command *command, int argc, char **argv);

const cli_command cli_segment_command = {
    .name = "segment",
    .brief = "split paragraphs (stdin lines) into sentences",
    .synopsis = "--lang en|zh",
    .summary = "Splits paragraphs into sentences. Reads UTF-8 text on standard input, one\n"
               "paragraph per line, and writes one sentence per line to standard output.\n"
               "Empty lines produce no output.",
    .options = segment_options,
    .handle = handle,
    .run = run_segment,
};

const cli_command cli_normalize_command = {
    .name = "normalize",
    .brief = "normalize punctuation and spaces of stdin lines",
    .synopsis = "--lang en|zh [--quotes ascii|keep] [--cjk-space keep|remove|add] [--stats]",
    .summary = "Normalizes punctuation and spaces of each line of standard input for its\n"
               "language, one output line per input line.",
    .options = normalize_options,
    .handle = handle,
    .run = run_normalize,
};

static int segment_line(text_run *r, const char *line, size_t len)
{
    tme_span *spans;
    size_t count;
    if (tme_segment_text(line, len, r->lang, &spans, &count) != TME_OK)
        return -1;
    for (size_t i = 0; i < count; i++) {
        fwrite(line + spans[i].start, 1, spans[i].end - spans[i].start, stdout);
        putchar('\n');
    }
    free(spans);
    return 0;
}

static int normalize_line(text_run *r, const char *line, size_t len)
{
    char *normalized;
    if (tme_normalize_text(line, len, r->lang, r->flags, &normalized, r->counts) != TME_OK)
        return -1;
    fputs(normalized, stdout);
    putchar('\n');
    free(normalized);
    return 0;
}

/* Each line of stdin (its LF or CRLF stripped) through fn. A failed write to
 * stdout is reported by main() as it closes stdout. */
static int for_each_line(text_run *r, int (*fn)(text_run *, const char *, size_t))
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int status = TME_EXIT_OK;
    while (status == TME_EXIT_OK && (got = getline(&line, &cap, stdin)) >= 0) {
        size_t len = (size_t)got;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (fn(r, line, len) != 0) {
            fprintf(stderr, "tmexport %s: out of memory\n", r->command);
            status = TME_EXIT_FAILURE;
        }
    }
    free(line);
    if (status == TME_EXIT_OK && ferror(stdin)) {
        fprintf(stderr, "tmexport %s: error reading standard input\n", r->command);
        status = TME_EXIT_FAILURE;
    }
    return status;
}

static int run_text_tool(const cli_command *command, int argc, char **argv,
                         int (*fn)(text_run *, const char *, size_t))
{
    text_run r;
    memset(&r, 0, sizeof r);
    r.spec = command;
    r.command = command->name;
    int first;
    int rc = cli_parse(command, argc, argv, &r, &first);
    if (rc != 0)
        return rc < 0 ? TME_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(r.spec, "no arguments besides options: the text is on stdin");
    if (!r.have_lang)
        return cli_usage_error(r.spec, "--lang is required");
    rc = for_each_line(&r, fn);
    for (size_t k = 0; r.stats && k < TME_NORMALIZE_KINDS; k++)
        if (r.counts[k] > 0)
            fprintf(stderr, "%s %zu\n", tme_normalize_kind_name(k), r.counts[k]);
    return rc;
}

static int run_segment(const cli_command *command, int argc, char **argv)
{
    return run_text_tool(command, argc, argv, segment_line);
}

static int run_normalize(const cli_command *command, int argc, char **argv)
{
    return run_text_tool(command, argc, argv, normalize_line);
}
