/* SPDX-License-Identifier: MIT */
/* tmexport man: the manual page, tmexport.1, in man(7) markup, made from the
 * same tables as every --help (the commands, their options, the library's
 * formats and presets), so that it cannot drift from the tool. The build
 * writes it and installs it; tests/man-check.sh renders it and compares its
 * options with --help. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "tmexport.h"

enum { OPT_HELP = 1 };

/* Writes text for roff: backslashes escaped, a leading dot or quote made
 * literal, line breaks of the terminal help joined (roff fills the text), a
 * dash that starts an option written as a minus (\-) so that it can be
 * searched and copied. */
static void put_text(FILE *out, const char *text)
{
    int line_start = 1;
    for (const char *p = text; *p != '\0'; p++) {
        char c = *p == '\n' ? ' ' : *p;
        if (line_start && (c == '.' || c == '\''))
            fputs("\\&", out);
        line_start = 0;
        if (c == '\\')
            fputs("\\e", out);
        else if (c == '-' && (p == text || strchr(" (['\"/|=-", p[-1]) != NULL))
            fputs("\\-", out);
        else
            fputc(c, out);
    }
}

static void put_line(FILE *out, const char *text)
{
    put_text(out, text);
    fputc('\n', out);
}

/* "; for convert, merge: units" where export commands default the option
 * otherwise than the library does. */
static void put_command_defaults(FILE *out, const cli_option *o, const char *library_default)
{
    const char *shown = NULL;
    int any = 0;
    for (size_t k = 0; cli_commands[k] != NULL; k++) {
        const char *def = cli_option_default(cli_commands[k], o);
        if (cli_commands[k]->takes_library_option == NULL || def == NULL ||
            strcmp(def, library_default) == 0)
            continue;
        if (shown != NULL && strcmp(def, shown) != 0) { /* another value: its own clause */
            fputs(": ", out);
            put_text(out, shown);
            any = 0;
        }
        fprintf(out, "%s%s", any ? ", " : "; for ", cli_commands[k]->name);
        shown = def;
        any = 1;
    }
    if (shown != NULL) {
        fputs(": ", out);
        put_text(out, shown);
    }
}

/* ".TP" and the option's name line: \fB\-o\fR, \fB\-\-output\fR=\fIPATH\fR. */
static void put_option(FILE *out, const cli_option *o, const char *only_for)
{
    fputs(".TP\n", out);
    if (o->short_name != 0)
        fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
    fputs("\\fB\\-\\-", out);
    for (const char *c = o->name; *c != '\0'; c++) { /* every dash a minus: copied, it works */
        if (*c == '-')
            fputs("\\-", out);
        else
            fputc(*c, out);
    }
    fputs("\\fR", out);
    const char *argument = o->argument ? o->argument : "VALUE";
    if (o->value != CLI_NO_VALUE) {
        fputs(o->value == CLI_OPTIONAL_VALUE ? "[=\\fI" : "=\\fI", out);
        put_text(out, argument);
        fputs(o->value == CLI_OPTIONAL_VALUE ? "\\fR]" : "\\fR", out);
    }
    fputc('\n', out);
    put_text(out, o->help ? o->help : "");
    const char *def = cli_option_default(NULL, o);
    if (def != NULL) {
        fputs(" (default ", out);
        put_text(out, def);
        put_command_defaults(out, o, def);
        fputc(')', out);
    }
    if (only_for != NULL)
        fprintf(out, " [%s only]", only_for);
    fputc('\n', out);
}

/* The options, a subheading per group. only_for(o) names the commands that
 * alone take o, or NULL when every command of the list does. */
static void put_options(FILE *out, const cli_option *options, size_t count,
                        const char *(*only_for)(const cli_option *))
{
    for (size_t k = 0; k < count; k++) {
        if (k == 0 || strcmp(options[k].group, options[k - 1].group) != 0) {
            char title[128];
            fputs(".PP\n\\fI", out);
            put_text(out, cli_group_title(options[k].group, title, sizeof title));
            fputs("\\fR\n", out);
        }
        put_option(out, &options[k], only_for ? only_for(&options[k]) : NULL);
    }
}

/* The export commands (those that take the library's options) share one
 * OPTIONS section: what a command lacks is said by the option. */
static int is_export_command(const cli_command *c)
{
    return c->takes_library_option != NULL;
}

static int takes_option(const cli_command *c, const char *name)
{
    size_t count;
    cli_option *options = cli_command_options(c, &count);
    int found = 0;
    for (size_t k = 0; options != NULL && k < count && !found; k++)
        found = strcmp(options[k].name, name) == 0;
    free(options);
    return found;
}

static const char *export_commands_taking(const cli_option *o)
{
    static char names[256];
    size_t all = 0, taking = 0;
    names[0] = '\0';
    for (size_t k = 0; cli_commands[k] != NULL; k++) {
        if (!is_export_command(cli_commands[k]))
            continue;
        all++;
        if (takes_option(cli_commands[k], o->name)) {
            taking++;
            size_t n = strlen(names);
            snprintf(names + n, sizeof names - n, "%s%s", n ? ", " : "", cli_commands[k]->name);
        }
    }
    return taking == all ? NULL : names;
}

static void put_header(FILE *out)
{
    fprintf(out,
            ".\\\" Generated by 'tmexport man' from the tool's option tables; do not edit.\n"
            ".TH TMEXPORT 1 \"\" \"tmexport %s\" \"User Commands\"\n"
            ".SH NAME\n"
            "tmexport \\- turn bilingual English/Chinese articles into translation memories\n"
            ".SH SYNOPSIS\n",
            tme_version());
    for (size_t k = 0; cli_commands[k] != NULL; k++) {
        fprintf(out, ".B tmexport %s\n", cli_commands[k]->name);
        if (cli_commands[k]->synopsis[0] != '\0')
            put_line(out, cli_commands[k]->synopsis);
        fputs(".br\n", out);
    }
    fputs(".SH DESCRIPTION\n", out);
    put_line(out, "tmexport reads bilingual articles (an English paragraph followed or preceded "
                  "by its Chinese translation, as news sites publish them, scraped with their "
                  "header, captions, widgets and footer), tells English from Chinese, pairs each "
                  "paragraph with its translation, drops what has none, segments and aligns the "
                  "sentences with a confidence score, normalizes punctuation per language and "
                  "writes translation memories: TMX 1.4b for CAT tools, TSV, Moses and JSON "
                  "Lines for MT training, XLIFF 1.2 and 2.0. It reads plain text in any layout, "
                  "HTML, TSV pairs, TMX and XLIFF, in UTF-8, GB18030, Big5 or UTF-16, gzip or "
                  "not.");
}

static void put_commands(FILE *out)
{
    fputs(".SH COMMANDS\n", out);
    for (size_t k = 0; cli_commands[k] != NULL; k++) {
        const cli_command *c = cli_commands[k];
        fprintf(out, ".SS \"tmexport %s\"\n", c->name);
        fprintf(out, ".B tmexport %s\n", c->name);
        if (c->synopsis[0] != '\0')
            put_line(out, c->synopsis);
        fputs(".PP\n", out);
        put_line(out, c->summary);
        if (is_export_command(c)) {
            fputs(".PP\nIts options are under OPTIONS.\n", out);
            continue;
        }
        size_t count;
        cli_option *options = cli_command_options(c, &count);
        if (options != NULL)
            put_options(out, options, count, NULL);
        free(options);
    }
}

/* Every option of the export commands, once, grouped as --help groups
 * them. */
static void put_export_options(FILE *out)
{
    fputs(".SH OPTIONS\n", out);
    put_line(out, "The options of the export commands; one that not all of them take says "
                  "which do.");
    size_t total = 0;
    cli_option *all = NULL;
    for (size_t k = 0; cli_commands[k] != NULL; k++) {
        if (!is_export_command(cli_commands[k]))
            continue;
        size_t count;
        cli_option *options = cli_command_options(cli_commands[k], &count);
        cli_option *bigger = options ? realloc(all, (total + count) * sizeof *all) : NULL;
        for (size_t i = 0; bigger != NULL && i < count; i++) {
            size_t j = 0;
            while (j < total && strcmp(bigger[j].name, options[i].name) != 0)
                j++;
            if (j == total)
                bigger[total++] = options[i];
        }
        all = bigger ? bigger : all;
        free(options);
    }
    put_options(out, all, total, export_commands_taking);
    free(all);
}

static void put_formats(FILE *out)
{
    fputs(".SH FORMATS\nWriters, chosen by an output's extension (after a \\fB.gz\\fR suffix, "
          "which compresses) or by \\fIFORMAT\\fB:\\fIPATH\\fR:\n",
          out);
    for (size_t i = 0; tme_writer_name(i) != NULL; i++) {
        const char *ext = tme_writer_extensions(i);
        fprintf(out, ".TP\n.B %s\n", tme_writer_name(i));
        put_text(out, tme_writer_description(i));
        if (ext != NULL) {
            fputs(" (", out);
            cli_print_extensions(out, ext);
            fputc(')', out);
        }
        fputc('\n', out);
    }
    fputs(".PP\nReaders, chosen per input by probing its first bytes, or by "
          "\\fB\\-\\-input\\-format\\fR:\n",
          out);
    for (size_t i = 0; tme_reader_name(i) != NULL; i++) {
        fprintf(out, ".TP\n.B %s\n", tme_reader_name(i));
        put_line(out, tme_reader_description(i));
    }
}

static void put_presets(FILE *out)
{
    fputs(".SH PRESETS\n\\fB\\-\\-preset\\fR \\fINAME\\fR sets what the tool that takes the "
          "export expects; an option given explicitly wins.\n",
          out);
    for (size_t i = 0; tme_preset_name(i) != NULL; i++) {
        fprintf(out, ".TP\n.B %s\n", tme_preset_name(i));
        put_text(out, tme_preset_description(i));
        fputs(". Sets", out);
        for (size_t k = 0; tme_preset_setting(i, k) != NULL; k++) {
            fputs(" \\fB\\-\\-", out);
            put_text(out, tme_preset_setting(i, k));
            fputs("\\fR", out);
        }
        fputs(".\n", out);
    }
}

static void put_footer(FILE *out)
{
    fputs(".SH EXIT STATUS\n"
          ".TP\n.B 0\nsuccess\n"
          ".TP\n.B 1\nbad input, or an input or output failure; no file output is replaced\n"
          ".TP\n.B 2\na usage error, found before anything is read or written\n"
          ".PP\nAn export whose standard output or FIFO reader goes away ends by SIGPIPE, "
          "as filters do.\n"
          ".SH ENVIRONMENT\n"
          ".TP\n.B SOURCE_DATE_EPOCH\nthe creation date written into TMX and XLIFF headers, "
          "for reproducible exports\n"
          ".SH EXAMPLES\n"
          ".nf\n"
          "tmexport extract article.txt \\-o article.tmx \\-o article.tsv.gz\n"
          "tmexport extract \\-\\-preset matecat articles/ \\-o corpus.tmx\n"
          "tmexport extract \\-\\-preset mt @list.txt \\-o moses:corpus\n"
          "tmexport align pairs.tsv \\-o sentences.tmx\n"
          "tmexport segment \\-\\-lang en < paragraphs.txt\n"
          ".fi\n"
          ".SH COPYRIGHT\n"
          "tmexport is free software under the MIT licence. Its bilingual lexicon is compiled "
          "from CC\\-CEDICT, under CC BY\\-SA 4.0.\n"
          ".SH SEE ALSO\n"
          ".BR gzip (1),\n"
          ".BR xmllint (1),\n"
          ".BR omegat (1)\n",
          out);
}

static int handle(void *context, const cli_option *option, const char *value)
{
    (void)context, (void)option, (void)value;
    return 0;
}

static const cli_option man_options[] = {
    {"help", 'h', CLI_NO_VALUE, NULL, "Options", "this help", OPT_HELP},
    {NULL, 0, CLI_NO_VALUE, NULL, NULL, NULL, 0},
};

static int run_man(const cli_command *command, int argc, char **argv)
{
    int first;
    int rc = cli_parse(command, argc, argv, NULL, &first);
    if (rc != 0)
        return rc < 0 ? TME_EXIT_OK : rc;
    if (first < argc)
        return cli_usage_error(command, "no arguments: the page goes to stdout");
    put_header(stdout);
    put_commands(stdout);
    put_export_options(stdout);
    put_formats(stdout);
    put_presets(stdout);
    put_footer(stdout);
    return TME_EXIT_OK;
}

const cli_command cli_man_command = {
    .name = "man",
    .brief = "print this manual page (tmexport man | man -l -)",
    .synopsis = "",
    .summary = "Writes the manual page, in man(7) markup, to standard output.",
    .options = man_options,
    .handle = handle,
    .run = run_man,
};
