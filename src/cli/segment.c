/* SPDX-License-Identifier: MIT */
/* tmexport segment: each input line is a paragraph, each output line a
 * sentence. */
#include "cli.h"
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: tmexport segment --lang en|zh\n"
    "\n"
    "Splits paragraphs into sentences. Reads UTF-8 text on standard input, one\n"
    "paragraph per line, and writes one sentence per line to standard output.\n"
    "Empty lines produce no output.\n"
    "\n"
    "options:\n"
    "  --lang en|zh   language of the text (required)\n"
    "  -h, --help     show this help\n";

static int usage_error(const char *message, const char *detail)
{
    fprintf(stderr, "tmexport segment: %s%s\n", message, detail);
    fputs(usage_text, stderr);
    return TME_EXIT_USAGE;
}

static int parse_lang(const char *value, tme_lang *lang)
{
    if (strcmp(value, "en") == 0)
        *lang = TME_LANG_EN;
    else if (strcmp(value, "zh") == 0)
        *lang = TME_LANG_ZH;
    else
        return -1;
    return 0;
}

/* Returns 0 with *lang set, 1 when help was asked for, or the usage exit
 * status after reporting the mistake. */
static int parse_arguments(int argc, char **argv, tme_lang *lang)
{
    const char *value = NULL;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)
            return 1;
        if (strcmp(arg, "--lang") == 0) {
            if (i + 1 >= argc)
                return usage_error("--lang needs a value", "");
            value = argv[++i];
        } else if (strncmp(arg, "--lang=", 7) == 0) {
            value = arg + 7;
        } else {
            return usage_error("unexpected argument: ", arg);
        }
    }
    if (value == NULL)
        return usage_error("missing --lang", "");
    if (parse_lang(value, lang) != 0)
        return usage_error("unknown language (use en or zh): ", value);
    return 0;
}

static int write_sentences(const char *line, size_t len, tme_lang lang)
{
    tme_span *spans;
    size_t count;
    tme_error err = {TME_OK, ""};
    if (tme_segment(line, len, lang, &spans, &count, &err) != TME_OK) {
        fprintf(stderr, "tmexport segment: %s\n", err.message);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        fwrite(line + spans[i].start, 1, spans[i].end - spans[i].start, stdout);
        putchar('\n');
    }
    free(spans);
    return 0;
}

int tme_cli_segment(int argc, char **argv)
{
    tme_lang lang = TME_LANG_EN;
    int parsed = parse_arguments(argc, argv, &lang);
    if (parsed == 1) {
        fputs(usage_text, stdout);
        return TME_EXIT_OK;
    }
    if (parsed != 0)
        return parsed;

    char *line = NULL;
    size_t capacity = 0;
    ssize_t got;
    int status = TME_EXIT_OK;
    while ((got = getline(&line, &capacity, stdin)) != -1) {
        size_t len = (size_t)got;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (write_sentences(line, len, lang) != 0) {
            status = TME_EXIT_FAILURE;
            break;
        }
    }
    free(line);
    if (status == TME_EXIT_OK && ferror(stdin)) {
        fputs("tmexport segment: error reading standard input\n", stderr);
        status = TME_EXIT_FAILURE;
    }
    /* A failed write to stdout is reported by main() as it closes stdout. */
    return status;
}
