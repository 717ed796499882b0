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

enum {
    OPT_OUTPUT = 1,
    OPT_PARALLEL,
    OPT_STATS,
    OPT_STATS_FILE,
    OPT_VERBOSE,
    OPT_QUIET,
    OPT_HELP,
    OPT_VERSION
};

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
        {"stats",                                                                                    \
         0,                                                                                          \
         CLI_OPTIONAL_VALUE,                                                                         \
         "text|json",                                                                                \
         "Reporting",                                                                                \
         "print a summary on stderr when the run ends: text, or one JSON object (every counter, "    \
         "each output's pairs and files, the settings; tme_session_stats_json())",                   \
         OPT_STATS},                                                                                 \
        {"stats-file",                                                                               \
         0,                                                                                          \
         CLI_VALUE,                                                                                  \
         "FILE",                                                                                     \
         "Reporting",                                                                                \
         "write the summary to FILE instead (replaced atomically, as outputs are); implies "         \
         "--stats",                                                                                  \
         OPT_STATS_FILE},                                                                            \
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
    int parallel, stats, json, verbose, quiet, version;
    const char *stats_file;
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
        if (value != NULL && strcmp(value, "text") != 0 && strcmp(value, "json") != 0)
            return cli_usage_error(r->spec, "--stats wants text or json");
        r->stats = 1;
        r->json = value != NULL && strcmp(value, "json") == 0;
        break;
    case OPT_STATS_FILE:
        r->stats = 1;
        r->stats_file = value;
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

/* What convert and merge set before their options are parsed. */
static const char *units_default(const char *name)
{
    return strcmp(name, "input-format") == 0 ? "units"
           : strcmp(name, "normalize") == 0  ? "no"
                                             : NULL;
}

static void print_formats(FILE *out)
{
    fputs("Writers (output formats):\n", out);
    for (size_t i = 0; tme_writer_name(i) != NULL; i++) {
        const char *ext = tme_writer_extensions(i);
        fprintf(out, "  %-10s %s (", tme_writer_name(i), tme_writer_description(i));
        if (ext != NULL)
            cli_print_extensions(out, ext);
        else
            fprintf(out, "by name: %s:PATH", tme_writer_name(i));
        fputs(")\n", out);
    }
    fputs("Readers (input formats):\n", out);
    for (size_t i = 0; tme_reader_name(i) != NULL; i++)
        fprintf(out, "  %-10s %s\n", tme_reader_name(i), tme_reader_description(i));
    fputs("Presets (--preset NAME; options given explicitly win):\n", out);
    for (size_t i = 0; tme_preset_name(i) != NULL; i++) {
        fprintf(out, "  %-10s %s\n            sets", tme_preset_name(i), tme_preset_description(i));
        for (size_t k = 0; tme_preset_setting(i, k) != NULL; k++)
            fprintf(out, " --%s", tme_preset_setting(i, k));
        fputc('\n', out);
    }
    fputs("\nExit status: 0 success, 1 bad input or I/O failure, 2 usage error.\n", out);
}

static int run_extract(const cli_command *command, int argc, char **argv);
static int run_align(const cli_command *command, int argc, char **argv);

const cli_command cli_extract_command = {
    .name = "extract",
    .brief = "extract aligned pairs from bilingual articles (TMX, TSV, XLIFF...)",
    .synopsis = "[OPTIONS] INPUT...",
    .summary = "Extracts the translated paragraphs of bilingual articles (English paragraphs\n"
               "followed or preceded by their Chinese translation) and writes their sentence\n"
               "pairs. INPUT is a file, a directory (every regular file below it), @LIST (a\n"
               "file listing one input a line) or - (stdin); files may be gzip-compressed.",
    .options = export_options,
    .takes_library_option = extract_takes,
    .handle = handle,
    .print_epilogue = print_formats,
    .run = run_extract,
};

const cli_command cli_align_command = {
    .name = "align",
    .brief = "align the sentences of TSV paragraph pairs",
    .synopsis = "[OPTIONS] [FILE|DIR|@LIST|-]... | --sentences ENGLISH CHINESE...",
    .summary = "Aligns the sentences of paragraph pairs given as TSV lines (source<TAB>target)\n"
               "and writes the sentence pairs. Without inputs it reads stdin. With --sentences\n"
               "the inputs are pairs of files already cut into sentences (one a line, a blank\n"
               "line between paragraphs), aligned as they are cut.",
    .options = export_options,
    .takes_library_option = align_takes,
    .handle = handle,
    .print_epilogue = print_formats,
    .run = run_align,
};

const cli_command cli_convert_command = {
    .name = "convert",
    .brief = "read TMX, XLIFF or TSV units and write them in other formats",
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
    .run = run_extract,
    .default_of = units_default,
};

const cli_command cli_merge_command = {
    .name = "merge",
    .brief = "merge the shards of a run into one output",
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
    .run = run_extract,
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

/* The summary, as text or JSON, on stderr or into --stats-file. */
static tme_status write_stats(run *r)
{
    char *text = NULL;
    size_t len = 0;
    if (r->json) {
        if (tme_session_stats_json(r->session, &text) != TME_OK)
            return TME_ERR_NOMEM;
        len = strlen(text);
    } else {
        FILE *memory = open_memstream(&text, &len);
        if (memory == NULL)
            return TME_ERR_NOMEM;
        cli_print_stats(memory, r->session);
        if (fclose(memory) != 0)
            return TME_ERR_NOMEM;
    }
    tme_status status = TME_OK;
    if (r->stats_file != NULL)
        status = tme_session_write_file(r->session, r->stats_file, text, len);
    else
        fwrite(text, 1, len, stderr);
    if (r->json)
        tme_free(text);
    else
        free(text);
    return status;
}

static int export_inputs(run *r, int argc, char **argv, int first, int stdin_by_default)
{
    tme_session *s = r->session;
    tme_status status = TME_OK;
    int pairs = r->parallel || strcmp(tme_session_get(s, "sentences"), "yes") == 0;
    for (int k = first; k < argc && status == TME_OK; k++) {
        if (!pairs)
            status = tme_session_add_input(s, argv[k]);
        else if (argv[k][0] == '@')
            status = tme_session_add_parallel(s, argv[k], NULL);
        else if (k + 1 < argc)
            status = tme_session_add_parallel(s, argv[k], argv[k + 1]), k++;
        else
            return cli_usage_error(r->spec, r->parallel
                                                ? "--parallel takes its inputs in pairs: ENGLISH "
                                                  "CHINESE (or @LIST)"
                                                : "--sentences takes its inputs in pairs: ENGLISH "
                                                  "CHINESE (or @LIST)");
    }
    if (status == TME_OK && first == argc && stdin_by_default && !pairs)
        status = tme_session_add_input(s, "-");
    if (status == TME_OK)
        status = tme_session_run(s);
    /* A --stats-file is committed with the outputs (all or none); the
     * summary on stderr is printed once they are in place. */
    if (status == TME_OK && r->stats_file != NULL)
        status = write_stats(r);
    if (status == TME_OK)
        status = tme_session_commit(s);
    tme_progress_finish(&r->report.progress);
    /* With --keep-going the outputs are written and the summary is due even
     * though inputs failed. */
    int skipped = tme_session_count(s, "documents.skipped") > 0;
    if (r->stats && r->stats_file == NULL && (status == TME_OK || skipped))
        write_stats(r);
    if (status != TME_OK)
        return failure(r, status);
    return TME_EXIT_OK;
}

/* What a command sets before its options are parsed: its defaults of the
 * library's options (command->default_of), and whether no INPUT means
 * stdin (else a usage error). */
static int run_command(const cli_command *command, int argc, char **argv, int stdin_by_default)
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
    tme_session_set(r.session, "input-format", stdin_by_default ? "tsv-pairs" : "auto");
    static const char *const defaulted[] = {"input-format", "normalize"};
    for (size_t k = 0; command->default_of != NULL && k < 2; k++)
        if (command->default_of(defaulted[k]) != NULL)
            tme_session_set(r.session, defaulted[k], command->default_of(defaulted[k]));
    int first;
    int rc = cli_parse(command, argc, argv, &r, &first);
    if (rc == 0 && r.version)
        printf("tmexport %s\n", tme_version());
    else if (rc == 0 && first == argc &&
             strcmp(tme_session_get(r.session, "sentences"), "yes") == 0)
        rc = cli_usage_error(r.spec, "--sentences wants its inputs: ENGLISH CHINESE (or @LIST)");
    else if (rc == 0 && first == argc && !stdin_by_default)
        rc = cli_usage_error(r.spec, "no input given (use - for stdin)");
    else if (rc == 0) {
        /* A few inputs: --stats tells how each was read. */
        int few = argc - first <= 10;
        cli_report_init(&r.report, r.command, r.session, r.quiet,
                        r.verbose || (r.stats && !r.json && !r.stats_file && few));
        rc = export_inputs(&r, argc, argv, first, stdin_by_default);
    }
    tme_session_free(r.session);
    return rc < 0 ? TME_EXIT_OK : rc;
}

/* extract, convert and merge: their inputs named, none is a usage error. */
static int run_extract(const cli_command *command, int argc, char **argv)
{
    return run_command(command, argc, argv, 0);
}

static int run_align(const cli_command *command, int argc, char **argv)
{
    return run_command(command, argc, argv, 1);
}
