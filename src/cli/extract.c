/* SPDX-License-Identifier: MIT */
/* tmexport extract, align, convert and merge: options into a session,
 * inputs in, every -o out, the summary printed. The work is the
 * library's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "progress.h"
#include "report.h"
#include "tmexport.h"

enum { OPT_OUTPUT = 1, OPT_PARALLEL, OPT_STATS, OPT_VERBOSE, OPT_QUIET, OPT_HELP, OPT_VERSION };

/* The options every export command has, but --parallel (articles only). */
#define OUTPUT_OPTION                                                                              \
    {                                                                                              \
        "output", 'o', CLI_VALUE, "[FORMAT:]PATH", "Output",                                       \
            "write to PATH (repeatable; - is stdout); the format comes from the extension after "  \
            "stripping .gz, and a .gz suffix compresses; FORMAT: overrides (tsv:- is TSV on "      \
            "stdout). "                                                                            \
            "Without -o, TSV goes to stdout. A file is replaced atomically when the run succeeds " \
            "(a "                                                                                  \
            "link's target, keeping its mode); devices, FIFOs, sockets and stdout are written as " \
            "they "                                                                                \
            "are. An output may not be one of the inputs.",                                        \
            OPT_OUTPUT                                                                             \
    }
#define REPORTING_OPTIONS                                                                            \
    {"jobs", 'j', CLI_VALUE, NULL, NULL, NULL, CLI_LIBRARY_OPTION},                                  \
        {"stats", 0, CLI_NO_VALUE, NULL, "Reporting", "print a summary on stderr", OPT_STATS},       \
        {"verbose",                                                                                  \
         'v',                                                                                        \
         CLI_NO_VALUE,                                                                               \
         NULL,                                                                                       \
         "Reporting",                                                                                \
         "say for each document how it was read: its encoding and why, its layout, its Chinese "     \
         "script (--stats does for runs of up to 10 inputs)",                                        \
         OPT_VERBOSE},                                                                               \
        {"quiet", 'q', CLI_NO_VALUE, NULL, "Reporting", "no warnings, no progress line", OPT_QUIET}, \
        {"help", 'h', CLI_NO_VALUE, NULL, "Reporting", "this help", OPT_HELP},                       \
        {"version", 0, CLI_NO_VALUE, NULL, "Reporting", "the version", OPT_VERSION},                 \
    {                                                                                                \
        NULL, 0, CLI_NO_VALUE, NULL, NULL, NULL, 0                                                   \
    }

static const cli_option export_options[] = {
    OUTPUT_OPTION,
    {"parallel", 0, CLI_NO_VALUE, NULL, "Input",
     "the inputs are pairs of documents that translate each other: ENGLISH CHINESE (two files, "
     "or two directories whose files match by their path below them), or @LIST of "
     "ENGLISH<TAB>CHINESE lines; their paragraphs are paired across the two",
     OPT_PARALLEL},
    REPORTING_OPTIONS,
};

static const cli_option units_options[] = {
    OUTPUT_OPTION,
    REPORTING_OPTIONS,
};

typedef struct {
    const cli_command *spec; /* the command being run */
    const char *command;
    tme_session *session;
    int parallel, stats, verbose, quiet, version;
    cli_report report;
} run;

static int handle(void *context, const cli_option *option, const char *value)
{
    run *r = context;
    tme_status status = TME_OK;
    switch (option->id) {
    case OPT_OUTPUT:
        status = tme_session_add_output(r->session, value);
        break;
    case OPT_PARALLEL:
        r->parallel = 1;
        break;
    case OPT_STATS:
        r->stats = 1;
        break;
    case OPT_VERBOSE:
        r->verbose = 1;
        break;
    case OPT_QUIET:
        r->quiet = 1;
        break;
    case OPT_VERSION:
        r->version = 1;
        break;
    default:
        status = tme_session_set(r->session, option->name, value);
    }
    if (status != TME_OK)
        return cli_usage_error(r->spec, tme_session_error(r->session));
    return 0;
}

static int extract_takes(const char *name)
{
    (void)name;
    return 1;
}

static int align_takes(const char *name)
{
    return strcmp(name, "input-format") != 0;
}

/* Units read back are not articles: how articles are decoded and split
 * does not apply. */
static int convert_takes(const char *name)
{
    return strcmp(name, "layout") != 0 && strcmp(name, "encoding") != 0;
}

/* One output from all the shards: not one per input. */
static int merge_takes(const char *name)
{
    return convert_takes(name) && strcmp(name, "per-input") != 0;
}

static void print_formats(FILE *out)
{
    fputs("Writers (output formats):\n", out);
    for (size_t i = 0; tme_writer_name(i) != NULL; i++) {
        const char *ext = tme_writer_extensions(i);
        fprintf(out, "  %-10s %s%s%s%s\n", tme_writer_name(i), tme_writer_description(i),
                ext ? " (." : " (by name: ", ext ? ext : tme_writer_name(i), ext ? ")" : ":PATH)");
    }
    fputs("Readers (input formats):\n", out);
    for (size_t i = 0; tme_reader_name(i) != NULL; i++)
        fprintf(out, "  %-10s %s\n", tme_reader_name(i), tme_reader_description(i));
    fputs("\nExit status: 0 success, 1 bad input or I/O failure, 2 usage error.\n", out);
}

static const cli_command extract_command = {
    .name = "extract",
    .synopsis = "[OPTIONS] INPUT...",
    .summary = "Extracts the translated paragraphs of bilingual articles (English paragraphs\n"
               "followed or preceded by their Chinese translation) and writes their sentence\n"
               "pairs. INPUT is a file, a directory (every regular file below it), @LIST (a\n"
               "file listing one input a line) or - (stdin); files may be gzip-compressed.",
    .options = export_options,
    .takes_library_option = extract_takes,
    .handle = handle,
    .print_epilogue = print_formats,
};

static const cli_command align_command = {
    .name = "align",
    .synopsis = "[OPTIONS] [FILE|DIR|@LIST|-]...",
    .summary = "Aligns the sentences of paragraph pairs given as TSV lines (source<TAB>target)\n"
               "and writes the sentence pairs. Without inputs it reads stdin.",
    .options = export_options,
    .takes_library_option = align_takes,
    .handle = handle,
    .print_epilogue = print_formats,
};

/* What convert and merge set before their options are parsed. */
static const char *units_default(const char *name)
{
    return strcmp(name, "input-format") == 0 ? "units"
           : strcmp(name, "normalize") == 0  ? "no"
                                             : NULL;
}

static const cli_command convert_command = {
    .name = "convert",
    .synopsis = "[OPTIONS] INPUT... -o OUTPUT...",
    .summary = "Reads translation memories (TMX, XLIFF 1.2 or 2.0, TSV of units; gzip-compressed\n"
               "or not; any size) and writes their units to every -o, keeping what the files\n"
               "say of them (languages, tuid, document, score, creation date). The text is\n"
               "kept as it is unless --normalize is given. INPUT is a file, a directory,\n"
               "@LIST or - (stdin).",
    .options = units_options,
    .takes_library_option = convert_takes,
    .handle = handle,
    .print_epilogue = print_formats,
    .default_of = units_default,
};

static const cli_command merge_command = {
    .name = "merge",
    .synopsis = "[OPTIONS] SHARD... -o OUTPUT...",
    .summary = "Merges the shards of a run (TMX, XLIFF or TSV exports of parts of a corpus) into\n"
               "one output: the shards' units in the order given, each shard's as read, with\n"
               "--dedup across all of them. Merging the shards of a run gives what the single\n"
               "run would have written, byte for byte, with the same options and\n"
               "SOURCE_DATE_EPOCH.",
    .options = units_options,
    .takes_library_option = merge_takes,
    .handle = handle,
    .print_epilogue = print_formats,
    .default_of = units_default,
};

/* Exit status for a failed session; a reader that went away ends the
 * process by SIGPIPE, after the session cleaned up. */
static int failure(run *r, tme_status status)
{
    tme_progress_finish(&r->report.progress);
    if (status == TME_ERR_PIPE)
        tme_cli_die_of_broken_pipe();
    fprintf(stderr, "tmexport %s: %s\n", r->command, tme_session_error(r->session));
    return status == TME_ERR_USAGE ? TME_EXIT_USAGE : TME_EXIT_FAILURE;
}

static int export_inputs(run *r, int argc, char **argv, int first, int stdin_by_default)
{
    tme_session *s = r->session;
    tme_status status = TME_OK;
    for (int k = first; k < argc && status == TME_OK; k++) {
        if (!r->parallel)
            status = tme_session_add_input(s, argv[k]);
        else if (argv[k][0] == '@')
            status = tme_session_add_parallel(s, argv[k], NULL);
        else if (k + 1 < argc)
            status = tme_session_add_parallel(s, argv[k], argv[k + 1]), k++;
        else
            return cli_usage_error(r->spec, "--parallel takes its inputs in pairs: ENGLISH "
                                            "CHINESE (or @LIST)");
    }
    if (status == TME_OK && first == argc && stdin_by_default)
        status = tme_session_add_input(s, "-");
    if (status == TME_OK)
        status = tme_session_run(s);
    if (status == TME_OK)
        status = tme_session_commit(s);
    tme_progress_finish(&r->report.progress);
    /* With --keep-going the outputs are written and the summary is due even
     * though inputs failed. */
    int skipped = tme_session_count(s, "documents.skipped") > 0;
    if (r->stats && (status == TME_OK || skipped))
        cli_print_stats(stderr, s);
    if (status != TME_OK)
        return failure(r, status);
    return TME_EXIT_OK;
}

/* What a command sets before its options are parsed. */
typedef struct {
    const char *input_format;
    const char *normalize; /* NULL: the library's default */
    int stdin_by_default;  /* no INPUT: read stdin (else a usage error) */
} command_defaults;

static int run_command(const cli_command *command, const command_defaults *defaults, int argc,
                       char **argv)
{
    run r;
    memset(&r, 0, sizeof r);
    r.spec = command;
    r.command = command->name;
    r.session = tme_session_new();
    if (r.session == NULL) {
        fprintf(stderr, "tmexport %s: out of memory\n", r.command);
        return TME_EXIT_FAILURE;
    }
    tme_session_set(r.session, "input-format", defaults->input_format);
    if (defaults->normalize != NULL)
        tme_session_set(r.session, "normalize", defaults->normalize);
    int first;
    int rc = cli_parse(command, argc, argv, &r, &first);
    if (rc == 0 && r.version)
        printf("tmexport %s\n", tme_version());
    else if (rc == 0 && first == argc && !defaults->stdin_by_default)
        rc = cli_usage_error(r.spec, "no input given (use - for stdin)");
    else if (rc == 0) {
        /* A few inputs: --stats tells how each was read. */
        int few = argc - first <= 10;
        cli_report_init(&r.report, r.command, r.session, r.quiet, r.verbose || (r.stats && few));
        rc = export_inputs(&r, argc, argv, first, defaults->stdin_by_default);
    }
    tme_session_free(r.session);
    return rc < 0 ? TME_EXIT_OK : rc;
}

int tme_cli_extract(int argc, char **argv)
{
    static const command_defaults defaults = {"auto", NULL, 0};
    return run_command(&extract_command, &defaults, argc, argv);
}

int tme_cli_align(int argc, char **argv)
{
    static const command_defaults defaults = {"tsv-pairs", NULL, 1};
    return run_command(&align_command, &defaults, argc, argv);
}

/* Units read back are kept as they are: normalizing is asked for. */
int tme_cli_convert(int argc, char **argv)
{
    static const command_defaults defaults = {"units", "no", 0};
    return run_command(&convert_command, &defaults, argc, argv);
}

int tme_cli_merge(int argc, char **argv)
{
    static const command_defaults defaults = {"units", "no", 0};
    return run_command(&merge_command, &defaults, argc, argv);
}
