/* SPDX-License-Identifier: MIT */
/* tmexport completion: a bash completion script made from the same tables as
 * --help (commands, each command's options, the library's writers, readers
 * and presets, the values of options that take a choice), so that it knows
 * what the tool knows. The build writes it and installs it where
 * bash-completion finds it; tests/completion-check.sh drives it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "options.h"
#include "tmexport.h"

enum { OPT_HELP = 1 };

/* What completes an option's value. */
typedef enum {
    VALUE_NONE,
    VALUE_CHOICES,
    VALUE_FILES,
    VALUE_OUTPUT,
    VALUE_PRESETS,
    VALUE_READERS
} value_kind;

static value_kind value_kind_of(const cli_option *o)
{
    if (strcmp(o->name, "output") == 0)
        return VALUE_OUTPUT;
    if (strcmp(o->name, "preset") == 0)
        return VALUE_PRESETS;
    if (strcmp(o->name, "input-format") == 0)
        return VALUE_READERS;
    if (o->argument == NULL)
        return VALUE_NONE;
    if (strchr(o->argument, '|') != NULL && strchr(o->argument, '[') == NULL)
        return VALUE_CHOICES;
    if (strstr(o->argument, "PATH") || strstr(o->argument, "FILE") || strstr(o->argument, "DIR"))
        return VALUE_FILES;
    return VALUE_NONE;
}

/* The option's names as words: "-o --output". */
static void put_names(FILE *out, const cli_option *o)
{
    if (o->short_name != 0)
        fprintf(out, "-%c|", o->short_name);
    fprintf(out, "--%s", o->name);
}

static void put_value_case(FILE *out, const cli_option *o)
{
    value_kind kind = value_kind_of(o);
    fputs("        ", out);
    put_names(out, o);
    fputs(") ", out);
    switch (kind) {
    case VALUE_CHOICES:
        fputs("_tmexport_words '", out);
        for (const char *p = o->argument; *p; p++)
            fputc(*p == '|' ? ' ' : *p, out);
        fputs("'", out);
        break;
    case VALUE_FILES:
        fputs("_tmexport_files", out);
        break;
    case VALUE_OUTPUT:
        fputs("_tmexport_outputs", out);
        break;
    case VALUE_PRESETS:
        fputs("_tmexport_words \"$_tmexport_presets\"", out);
        break;
    case VALUE_READERS:
        fputs("_tmexport_words \"$_tmexport_readers auto\"", out);
        break;
    case VALUE_NONE:
        fputs(":", out); /* a number, a tag, a glob: nothing to offer */
        break;
    }
    fputs("; return 0 ;;\n", out);
}

/* One case arm per command: its options as words, and how each option's
 * value completes. An optional value (--dedup[=pair]) is only its value
 * when written with '='. */
static void put_command(FILE *out, const cli_command *c)
{
    size_t count;
    cli_option *options = cli_command_options(c, &count);
    if (options == NULL)
        return;
    fprintf(out, "    %s)\n        options='", c->name);
    for (size_t k = 0; k < count; k++) {
        if (options[k].short_name != 0)
            fprintf(out, "-%c ", options[k].short_name);
        fprintf(out, "--%s%s", options[k].name, k + 1 < count ? " " : "");
    }
    fputs("'\n        case $prev in\n", out);
    for (size_t k = 0; k < count; k++)
        if (options[k].value == CLI_VALUE)
            put_value_case(out, &options[k]);
    fputs("        esac\n        if [[ $equals ]]; then\n            case $prev in\n", out);
    for (size_t k = 0; k < count; k++)
        if (options[k].value == CLI_OPTIONAL_VALUE)
            put_value_case(out, &options[k]);
    fputs("            esac\n        fi\n        ;;\n", out);
    free(options);
}

static void put_lists(FILE *out)
{
    fputs("_tmexport_commands='", out);
    for (size_t k = 0; cli_commands[k] != NULL; k++)
        fprintf(out, "%s%s", k ? " " : "", cli_commands[k]->name);
    fputs("'\n_tmexport_writers='", out);
    for (size_t i = 0; tme_writer_name(i) != NULL; i++)
        fprintf(out, "%s%s", i ? " " : "", tme_writer_name(i));
    fputs("'\n_tmexport_readers='", out);
    for (size_t i = 0; tme_reader_name(i) != NULL; i++)
        fprintf(out, "%s%s", i ? " " : "", tme_reader_name(i));
    fputs("'\n_tmexport_presets='", out);
    for (size_t i = 0; tme_preset_name(i) != NULL; i++)
        fprintf(out, "%s%s", i ? " " : "", tme_preset_name(i));
    fputs("'\n\n", out);
}

/* The helpers and the start of _tmexport. bash splits "--opt=value" into
 * "--opt" "=" "value" and "tmx:out.tmx" into "tmx" ":" "out.tmx"
 * (COMP_WORDBREAKS); the words before the cursor are looked at with that in
 * mind, without needing bash-completion's own helpers. */
static const char script_head[] =
    "_tmexport_words() { COMPREPLY=($(compgen -W \"$1\" -- \"$cur\")); }\n"
    "_tmexport_files() { compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\")); "
    "}\n"
    "# -o [FORMAT:]PATH: a writer's name and a colon, or a file.\n"
    "_tmexport_outputs() {\n"
    "    local w\n"
    "    _tmexport_files\n"
    "    for w in $_tmexport_writers; do\n"
    "        [[ $w == \"$cur\"* ]] && COMPREPLY+=(\"$w:\")\n"
    "    done\n"
    "    [[ ${#COMPREPLY[@]} -gt 0 && ${COMPREPLY[0]} == *: ]] && compopt -o nospace 2>/dev/null\n"
    "    return 0\n"
    "}\n\n"
    "_tmexport() {\n"
    "    local cur=${COMP_WORDS[COMP_CWORD]} i=$((COMP_CWORD - 1))\n"
    "    local prev=${COMP_WORDS[i]} equals= options command=${COMP_WORDS[1]}\n"
    "    COMPREPLY=()\n"
    "    if [[ $cur == = || $cur == : ]]; then prev=${COMP_WORDS[COMP_CWORD - 1]} cur=;"
    " i=$COMP_CWORD; fi\n"
    "    if [[ ${COMP_WORDS[i]} == = ]]; then equals=1 prev=${COMP_WORDS[i - 1]}; fi\n"
    "    # tmx:PATH after -o: the path is a file.\n"
    "    if [[ ${COMP_WORDS[i]} == : || $cur == : ]]; then\n"
    "        [[ $cur == : ]] && cur=\n"
    "        _tmexport_files; return 0\n"
    "    fi\n"
    "    if ((COMP_CWORD == 1)); then _tmexport_words \"$_tmexport_commands\"; return 0; fi\n"
    "    case $command in\n";

static const char script_tail[] =
    "    *) return 0 ;;\n"
    "    esac\n"
    "    if [[ $cur == -* ]]; then _tmexport_words \"$options\"; return 0; fi\n"
    "    _tmexport_files\n"
    "}\n"
    "complete -F _tmexport tmexport\n";

static int handle(void *context, const cli_option *option, const char *value)
{
    (void)context, (void)option, (void)value;
    return 0;
}

static const cli_option completion_options[] = {
    {"help", 'h', CLI_NO_VALUE, NULL, "Options", "this help", OPT_HELP},
    {NULL, 0, CLI_NO_VALUE, NULL, NULL, NULL, 0},
};

static int run_completion(const cli_command *command, int argc, char **argv)
{
    int first;
    int rc = cli_parse(command, argc, argv, NULL, &first);
    if (rc != 0)
        return rc < 0 ? TME_EXIT_OK : rc;
    if (first + 1 != argc || strcmp(argv[first], "bash") != 0)
        return cli_usage_error(command, "which shell? only bash is known");
    fprintf(stdout,
            "# bash completion for tmexport %s, generated by 'tmexport completion bash'\n"
            "# from the tool's option tables; do not edit.\n",
            tme_version());
    put_lists(stdout);
    fputs(script_head, stdout);
    for (size_t k = 0; cli_commands[k] != NULL; k++)
        put_command(stdout, cli_commands[k]);
    fputs(script_tail, stdout);
    return TME_EXIT_OK;
}

const cli_command cli_completion_command = {
    .name = "completion",
    .brief = "print the bash completion script (tmexport completion bash)",
    .synopsis = "bash",
    .summary = "Writes a bash completion script for tmexport to standard output: its commands,\n"
               "options, formats and presets, as this build knows them.",
    .options = completion_options,
    .handle = handle,
    .run = run_completion,
};
