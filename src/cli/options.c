/* SPDX-License-Identifier: MIT */
#include "options.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmexport.h"

#define HELP_COLUMN 27
#define HELP_WIDTH 79

/* The command's own options, then the library's it takes, as one list. */
typedef struct {
    cli_option *items;
    size_t count;
} option_list;

/* The short name a command gives a library option ({"jobs", 'j'}). */
static char short_name_for(const cli_command *command, const char *name)
{
    for (const cli_option *o = command->options; o->name != NULL; o++)
        if (o->id == CLI_LIBRARY_OPTION && strcmp(o->name, name) == 0)
            return o->short_name;
    return 0;
}

static cli_option library_option(const cli_command *command, size_t i)
{
    const char *argument = tme_option_argument(i);
    cli_option o = {
        .name = tme_option_name(i),
        .short_name = short_name_for(command, tme_option_name(i)),
        .value = argument == NULL               ? CLI_NO_VALUE
                 : tme_option_value_optional(i) ? CLI_OPTIONAL_VALUE
                                                : CLI_VALUE,
        .argument = argument,
        .group = tme_option_group(i),
        .help = tme_option_help(i),
        .id = CLI_LIBRARY_OPTION,
    };
    return o;
}

static int gather(const cli_command *command, option_list *list)
{
    size_t own = 0, library = 0;
    while (command->options[own].name != NULL)
        own++;
    while (tme_option_name(library) != NULL)
        library++;
    list->items = calloc(own + library + 1, sizeof *list->items);
    if (list->items == NULL)
        return -1;
    list->count = 0;
    for (size_t k = 0; k < own; k++)
        if (command->options[k].id != CLI_LIBRARY_OPTION)
            list->items[list->count++] = command->options[k];
    for (size_t i = 0; i < library && command->takes_library_option != NULL; i++)
        if (command->takes_library_option(tme_option_name(i)))
            list->items[list->count++] = library_option(command, i);
    return 0;
}

int cli_usage_error(const cli_command *command, const char *message)
{
    fprintf(stderr, "tmexport %s: %s\nusage: tmexport %s %s\nTry 'tmexport %s --help'.\n",
            command->name, message, command->name, command->synopsis, command->name);
    return 2;
}

static struct option *getopt_table(const option_list *list, char *shorts)
{
    struct option *table = calloc(list->count + 1, sizeof *table);
    if (table == NULL)
        return NULL;
    size_t n = 0;
    shorts[n++] = ':'; /* a missing value is reported as ':' */
    for (size_t k = 0; k < list->count; k++) {
        const cli_option *o = &list->items[k];
        table[k].name = o->name;
        table[k].has_arg = o->value == CLI_VALUE            ? required_argument
                           : o->value == CLI_OPTIONAL_VALUE ? optional_argument
                                                            : no_argument;
        table[k].val = 256 + (int)k;
        if (o->short_name != 0) {
            shorts[n++] = o->short_name;
            if (o->value == CLI_VALUE)
                shorts[n++] = ':';
        }
    }
    shorts[n] = '\0';
    return table;
}

/* The list entry getopt_long() returned c for. */
static const cli_option *option_for(const option_list *list, int c)
{
    if (c >= 256 && (size_t)(c - 256) < list->count)
        return &list->items[c - 256];
    for (size_t k = 0; k < list->count; k++)
        if (list->items[k].short_name == c)
            return &list->items[k];
    return NULL;
}

static int report_bad_option(const cli_command *command, int c, char **argv)
{
    char message[512];
    const char *arg = argv[optind - 1];
    if (c == ':')
        snprintf(message, sizeof message, "option '%s' needs a value", arg);
    else
        snprintf(message, sizeof message, "unknown option '%s'", arg);
    return cli_usage_error(command, message);
}

static int parse_with(const cli_command *command, const option_list *list, int argc, char **argv,
                      void *context)
{
    char shorts[128];
    struct option *table = getopt_table(list, shorts);
    if (table == NULL)
        return cli_usage_error(command, "out of memory");
    int rc = 0, c;
    optind = 1;
    opterr = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, shorts, table, NULL)) != -1) {
        const cli_option *o = option_for(list, c);
        if (c == '?' || c == ':' || o == NULL)
            rc = report_bad_option(command, c, argv);
        else if (strcmp(o->name, "help") == 0)
            rc = -1;
        else
            rc = command->handle(context, o, optarg);
    }
    free(table);
    if (rc == -1)
        cli_print_help(command, stdout);
    return rc;
}

int cli_parse(const cli_command *command, int argc, char **argv, void *context, int *first_operand)
{
    option_list list;
    if (gather(command, &list) != 0)
        return cli_usage_error(command, "out of memory");
    int rc = parse_with(command, &list, argc, argv, context);
    free(list.items);
    *first_operand = optind;
    return rc;
}

/* ---- help ------------------------------------------------------------------- */

/* Prints text from column `at` (the cursor is there), wrapped at
 * HELP_WIDTH, continuation lines indented to HELP_COLUMN. */
static void print_wrapped(FILE *out, const char *text, size_t at)
{
    const char *p = text;
    while (*p != '\0') {
        size_t room = HELP_WIDTH > at ? HELP_WIDTH - at : 20;
        size_t len = strlen(p);
        size_t take = len;
        if (len > room) {
            take = room;
            while (take > 0 && p[take] != ' ')
                take--;
            if (take == 0)
                take = strcspn(p, " ");
        }
        fprintf(out, "%.*s\n", (int)take, p);
        p += take;
        while (*p == ' ')
            p++;
        if (*p != '\0')
            fprintf(out, "%*s", HELP_COLUMN, "");
        at = HELP_COLUMN;
    }
}

static void print_option(FILE *out, const cli_command *command, const cli_option *o)
{
    char left[256];
    int n = o->short_name ? snprintf(left, sizeof left, "  -%c, --%s", o->short_name, o->name)
                          : snprintf(left, sizeof left, "      --%s", o->name);
    if (o->value == CLI_VALUE)
        snprintf(left + n, sizeof left - (size_t)n, " %s", o->argument ? o->argument : "VALUE");
    else if (o->value == CLI_OPTIONAL_VALUE)
        snprintf(left + n, sizeof left - (size_t)n, "[=%s]", o->argument ? o->argument : "VALUE");
    char help[1024];
    const char *def = cli_option_default(command, o);
    snprintf(help, sizeof help, "%s%s%s%s", o->help ? o->help : "", def ? " (default " : "",
             def ? def : "", def ? ")" : "");
    size_t width = strlen(left);
    if (width + 2 > HELP_COLUMN) {
        fprintf(out, "%s\n%*s", left, HELP_COLUMN, "");
    } else {
        fprintf(out, "%s%*s", left, (int)(HELP_COLUMN - width), "");
    }
    print_wrapped(out, help, HELP_COLUMN);
}

/* Group order: the export's own headings first, formats' groups (their
 * lower-case names) after them, Reporting last. */
static int group_rank(const char *group)
{
    static const char *const order[] = {"Output",    "Languages", "Input",   "Text",
                                        "Alignment", "Batches",   "Training"};
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        if (strcmp(group, order[k]) == 0)
            return (int)k;
    if (strcmp(group, "Reporting") == 0)
        return 1000;
    return 100;
}

/* A format's options are grouped under the format's name. */
static int is_format_name(const char *group)
{
    for (size_t i = 0; tme_writer_name(i) != NULL; i++)
        if (strcmp(tme_writer_name(i), group) == 0)
            return 1;
    for (size_t i = 0; tme_reader_name(i) != NULL; i++)
        if (strcmp(tme_reader_name(i), group) == 0)
            return 1;
    return 0;
}

const char *cli_group_title(const char *group, char *buf, size_t size)
{
    if (is_format_name(group))
        snprintf(buf, size, "Format %s", group);
    else
        snprintf(buf, size, "%s", group);
    return buf;
}

/* 1 when items[k]'s group was met before k. */
static int seen_before(const cli_option *items, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (strcmp(items[j].group, items[k].group) == 0)
            return 1;
    return 0;
}

cli_option *cli_command_options(const cli_command *command, size_t *count)
{
    option_list list;
    if (gather(command, &list) != 0)
        return NULL;
    cli_option *sorted = calloc(list.count + 1, sizeof *sorted);
    size_t n = 0;
    /* Groups by rank, each group's options together in table order. */
    for (int rank = 0; sorted != NULL && rank <= 1000; rank++)
        for (size_t k = 0; k < list.count; k++)
            if (group_rank(list.items[k].group) == rank && !seen_before(list.items, k))
                for (size_t j = k; j < list.count; j++)
                    if (strcmp(list.items[j].group, list.items[k].group) == 0)
                        sorted[n++] = list.items[j];
    free(list.items);
    *count = n;
    return sorted;
}

const char *cli_option_default(const cli_command *command, const cli_option *o)
{
    if (o->id != CLI_LIBRARY_OPTION || o->value == CLI_NO_VALUE)
        return NULL;
    if (command != NULL && command->default_of != NULL && command->default_of(o->name) != NULL)
        return command->default_of(o->name);
    for (size_t i = 0; tme_option_name(i) != NULL; i++)
        if (strcmp(tme_option_name(i), o->name) == 0)
            return tme_option_default(i);
    return NULL;
}

void cli_print_help(const cli_command *command, FILE *out)
{
    fprintf(out, "Usage: tmexport %s %s\n\n%s\n", command->name, command->synopsis,
            command->summary);
    size_t count;
    cli_option *options = cli_command_options(command, &count);
    if (options == NULL)
        return;
    for (size_t k = 0; k < count; k++) {
        if (k == 0 || strcmp(options[k].group, options[k - 1].group) != 0) {
            char title[128];
            fprintf(out, "\n%s:\n", cli_group_title(options[k].group, title, sizeof title));
        }
        print_option(out, command, &options[k]);
    }
    free(options);
    if (command->print_epilogue != NULL) {
        fputc('\n', out);
        command->print_epilogue(out);
    }
}

void cli_print_extensions(FILE *out, const char *list)
{
    for (const char *p = list; *p != '\0';) {
        size_t n = strcspn(p, ",");
        fprintf(out, "%s.%.*s", p == list ? "" : ", ", (int)n, p);
        p += n + (p[n] == ',');
    }
}
