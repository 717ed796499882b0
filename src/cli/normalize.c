/* SPDX-License-Identifier: MIT */
/* tmexport normalize: normalizes standard input line by line, one output line
 * per input line, so it can sit in a shell pipeline next to other tools. */
#include "cli.h"
#include "normalize.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: tmexport normalize --lang en|zh [--quotes ascii|keep]\n"
    "                          [--cjk-space keep|remove|add] [--stats]\n"
    "Normalizes each line of standard input to standard output.\n"
    "  --lang en|zh        language of the text (required)\n"
    "  --quotes ascii|keep English: straighten curly quotes, or keep them (default)\n"
    "  --cjk-space MODE    Chinese: spaces between Han and Latin letters or digits are\n"
    "                      kept as in the input (keep, default), removed, or added\n"
    "  --stats             print the number of changes of each kind on standard error\n";

typedef struct {
    bool have_lang;
    tme_lang lang;
    tme_norm_options options;
    bool stats;
} normalize_args;

static int usage_error(const char *message, const char *value)
{
    if (value != NULL)
        fprintf(stderr, "tmexport normalize: %s: %s\n", message, value);
    else
        fprintf(stderr, "tmexport normalize: %s\n", message);
    fputs(usage_text, stderr);
    return TME_EXIT_USAGE;
}

/* Accepts "--name value" and "--name=value"; returns the value or NULL when
 * argv[*i] is not this option. Advances *i past a separate value. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing)
{
    size_t n = strlen(name);
    const char *arg = argv[*i];
    if (strncmp(arg, name, n) != 0)
        return NULL;
    if (arg[n] == '=')
        return arg + n + 1;
    if (arg[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = true;
        return NULL;
    }
    return argv[++*i];
}

static bool parse_lang(const char *value, tme_lang *lang)
{
    if (strcmp(value, "en") == 0)
        *lang = TME_LANG_EN;
    else if (strcmp(value, "zh") == 0)
        *lang = TME_LANG_ZH;
    else
        return false;
    return true;
}

static bool parse_quotes(const char *value, int *ascii_quotes)
{
    if (strcmp(value, "ascii") == 0)
        *ascii_quotes = 1;
    else if (strcmp(value, "keep") == 0)
        *ascii_quotes = 0;
    else
        return false;
    return true;
}

static bool parse_cjk_space(const char *value, tme_cjk_space *mode)
{
    if (strcmp(value, "keep") == 0)
        *mode = TME_CJK_SPACE_KEEP;
    else if (strcmp(value, "remove") == 0)
        *mode = TME_CJK_SPACE_REMOVE;
    else if (strcmp(value, "add") == 0)
        *mode = TME_CJK_SPACE_ADD;
    else
        return false;
    return true;
}

/* Returns -1 when the arguments are good, else the exit status. */
static int parse_args(int argc, char **argv, normalize_args *args)
{
    for (int i = 1; i < argc; i++) {
        bool missing = false;
        const char *value;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage_text, stdout);
            return TME_EXIT_OK;
        } else if (strcmp(argv[i], "--stats") == 0) {
            args->stats = true;
        } else if ((value = option_value(argc, argv, &i, "--lang", &missing)) != NULL) {
            if (!parse_lang(value, &args->lang))
                return usage_error("--lang must be en or zh", value);
            args->have_lang = true;
        } else if ((value = option_value(argc, argv, &i, "--quotes", &missing)) != NULL) {
            if (!parse_quotes(value, &args->options.ascii_quotes))
                return usage_error("--quotes must be ascii or keep", value);
        } else if ((value = option_value(argc, argv, &i, "--cjk-space", &missing)) != NULL) {
            if (!parse_cjk_space(value, &args->options.cjk_space))
                return usage_error("--cjk-space must be keep, remove or add", value);
        } else if (missing) {
            return usage_error("option needs a value", argv[i]);
        } else {
            return usage_error("unknown argument", argv[i]);
        }
    }
    if (!args->have_lang)
        return usage_error("--lang is required", NULL);
    return -1;
}

static void print_stats(const tme_norm_stats *stats)
{
    for (size_t kind = 0; tme_norm_kind_name(kind) != NULL; kind++) {
        if (stats->counts[kind] > 0)
            fprintf(stderr, "%s %zu\n", tme_norm_kind_name(kind), stats->counts[kind]);
    }
}

static size_t strip_line_end(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

static int normalize_stream(FILE *in, FILE *out, const normalize_args *args, tme_norm_stats *stats)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int status = TME_EXIT_OK;
    while ((got = getline(&line, &cap, in)) >= 0) {
        size_t len = strip_line_end(line, (size_t)got);
        char *normalized;
        tme_error err = {TME_OK, ""};
        if (tme_normalize(line, len, args->lang, &args->options, stats, &normalized, &err) !=
            TME_OK) {
            fprintf(stderr, "tmexport normalize: %s\n", err.message);
            status = TME_EXIT_FAILURE;
            break;
        }
        fputs(normalized, out);
        fputc('\n', out);
        free(normalized);
    }
    free(line);
    if (status == TME_EXIT_OK && ferror(in)) {
        perror("tmexport normalize: reading standard input");
        status = TME_EXIT_FAILURE;
    }
    /* A failed write to stdout is reported by main() as it closes stdout. */
    return status;
}

int tme_cli_normalize(int argc, char **argv)
{
    normalize_args args = {false, TME_LANG_EN, {0, TME_CJK_SPACE_KEEP}, false};
    int status = parse_args(argc, argv, &args);
    if (status >= 0)
        return status;
    tme_norm_stats stats;
    memset(&stats, 0, sizeof stats);
    status = normalize_stream(stdin, stdout, &args, &stats);
    if (args.stats)
        print_stats(&stats);
    return status;
}
