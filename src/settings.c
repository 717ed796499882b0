/* SPDX-License-Identifier: MIT */
#include "settings.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "langtag.h"

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int parse_integer(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static tme_status validate_score(const char *value, tme_error *err)
{
    double v;
    if (parse_number(value, 0, 1, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--min-score wants a number in [0,1], not '%s'",
                             value);
    return TME_OK;
}

static tme_status validate_level(const char *value, tme_error *err)
{
    long long v;
    if (parse_integer(value, 0, 9, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--level wants 0 to 9, not '%s'", value);
    return TME_OK;
}

static tme_status validate_jobs(const char *value, tme_error *err)
{
    long long v;
    if (parse_integer(value, 1, 1024, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--jobs wants 1 to 1024 threads, not '%s'", value);
    return TME_OK;
}

static tme_status validate_language(const char *value, tme_error *err)
{
    if (!tme_langtag_valid(value))
        return tme_error_set(err, TME_ERR_USAGE, "'%s' is not a BCP 47 language tag", value);
    return TME_OK;
}

static tme_status validate_input_format(const char *value, tme_error *err)
{
    if (strcmp(value, "auto") == 0 || strcmp(value, "units") == 0 ||
        tme_input_format_by_name(value) != NULL)
        return TME_OK;
    tme_error_set(err, TME_ERR_USAGE, "--input-format wants auto, units or one of");
    for (size_t i = 0; tme_input_formats[i] != NULL; i++) {
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, "%s %s", i == 0 ? "" : ",",
                 tme_input_formats[i]->name);
    }
    size_t used = strlen(err->message);
    snprintf(err->message + used, sizeof err->message - used, "; not '%s'", value);
    return err->status;
}

static tme_status validate_encoding(const char *value, tme_error *err)
{
    if (strcmp(value, "auto") == 0)
        return TME_OK;
    iconv_t cd = iconv_open("UTF-8", value);
    if (cd == (iconv_t)-1)
        return tme_error_set(err, TME_ERR_USAGE, "unknown encoding '%s' (see `iconv -l`)", value);
    iconv_close(cd);
    return TME_OK;
}

static tme_status validate_seconds(const char *value, tme_error *err)
{
    long long v;
    if (parse_integer(value, 0, 253402300799LL /* 9999-12-31 */, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--creation-time wants seconds since 1970, not '%s'", value);
    return TME_OK;
}

const tme_option_def tme_session_options[] = {
    {.name = "unit",
     .group = "Output",
     .help = "what a unit is: a sentence pair, or a whole paragraph pair",
     .default_value = "sentence",
     .choices = "sentence|paragraph"},
    {.name = "min-score",
     .group = "Output",
     .argument = "X",
     .help = "drop units whose alignment score is below X (0-1)",
     .default_value = "0",
     .validate = validate_score},
    {.name = "level",
     .group = "Output",
     .argument = "N",
     .help = "gzip level 0-9 for .gz outputs",
     .default_value = "6",
     .validate = validate_level},
    {.name = "creation-time",
     .group = "Output",
     .argument = "SECONDS",
     .help = "creation date written into TMX/XLIFF, in seconds since 1970 (default: "
             "$SOURCE_DATE_EPOCH, else now)",
     .validate = validate_seconds},
    {.name = "src-lang",
     .group = "Languages",
     .argument = "TAG",
     .help = "source language, BCP 47, written as given",
     .default_value = "en",
     .validate = validate_language},
    {.name = "tgt-lang",
     .group = "Languages",
     .argument = "TAG",
     .help = "target language, BCP 47, written as given; which side is Chinese is detected, "
             "so --src-lang zh-CN --tgt-lang en swaps the columns",
     .default_value = "zh-CN",
     .validate = validate_language},
    {.name = "input-format",
     .group = "Input",
     .argument = "NAME|auto|units",
     .help = "how inputs are read (see Readers below); auto probes each input's first bytes, "
             "units probes only among the readers of finished units (TMX, XLIFF, TSV)",
     .default_value = "auto",
     .validate = validate_input_format},
    {.name = "encoding",
     .group = "Input",
     .argument = "NAME",
     .help = "input encoding, any iconv name; auto: a BOM, else UTF-16 by its NUL bytes, else "
             "UTF-8, else GB18030",
     .default_value = "auto",
     .validate = validate_encoding},
    {.name = "normalize",
     .group = "Text",
     .kind = TME_OPTION_OPTIONAL,
     .help = "normalize punctuation and spaces per language",
     .default_value = "yes",
     .choices = "yes|no",
     .implied_value = "yes"},
    {.name = "no-normalize",
     .group = "Text",
     .kind = TME_OPTION_FLAG,
     .help = "keep punctuation and spaces as they are (--normalize=no)",
     .implies = "normalize",
     .implied_value = "no"},
    {.name = "quotes",
     .group = "Text",
     .help = "English quotes: straighten curly ones, or keep them",
     .default_value = "keep",
     .choices = "ascii|keep"},
    {.name = "cjk-space",
     .group = "Text",
     .help = "spaces between Han and Latin letters or digits in Chinese",
     .default_value = "keep",
     .choices = "keep|remove|add"},
    {.name = "jobs",
     .group = "Batches",
     .argument = "N",
     .help = "worker threads over documents (default: the number of cores); the output is the "
             "same for every N",
     .validate = validate_jobs},
    {.name = "include",
     .group = "Batches",
     .argument = "GLOB",
     .help = "in directories, only files whose name matches GLOB"},
    {.name = "per-input",
     .group = "Batches",
     .argument = "DIR",
     .help = "one export per input in DIR, named after the input, with each output's format "
             "and extension (each file atomic)"},
    {.name = "keep-going",
     .group = "Batches",
     .kind = TME_OPTION_FLAG,
     .help = "report a failing input and go on without it (failure at the end); by default the "
             "run stops and writes nothing",
     .implied_value = "yes"},
    {.name = "dedup",
     .group = "Batches",
     .kind = TME_OPTION_OPTIONAL,
     .help = "drop a unit whose normalized source and target (or source alone) were already "
             "written; costs 16-32 bytes of memory per distinct pair",
     .default_value = "no",
     .choices = "pair|source|no",
     .implied_value = "pair"},
    {.name = NULL},
};

static const char *get(const tme_option_values *values, const char *name)
{
    return tme_option_values_get(values, name);
}

static int is(const tme_option_values *values, const char *name, const char *value)
{
    const char *v = get(values, name);
    return v != NULL && strcmp(v, value) == 0;
}

/* --creation-time, else $SOURCE_DATE_EPOCH (reproducible builds), else
 * now. A malformed SOURCE_DATE_EPOCH is an error, as
 * reproducible-builds.org asks. */
static tme_status creation_time(const tme_option_values *values, time_t *out, tme_error *err)
{
    const char *given = get(values, "creation-time");
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    long long v;
    if (given != NULL && parse_integer(given, 0, 253402300799LL, &v) == 0) {
        *out = (time_t)v;
    } else if (epoch != NULL && epoch[0] != '\0') {
        if (parse_integer(epoch, 0, 253402300799LL, &v) != 0)
            return tme_error_set(err, TME_ERR_USAGE,
                                 "SOURCE_DATE_EPOCH '%s' is not a number of seconds", epoch);
        *out = (time_t)v;
    } else {
        *out = time(NULL);
    }
    return TME_OK;
}

static void resolve_text(tme_settings *s, const tme_option_values *values)
{
    tme_document_settings *d = &s->document;
    const char *encoding = get(values, "encoding");
    d->encoding = strcmp(encoding, "auto") == 0 ? NULL : encoding;
    d->paragraph_units = is(values, "unit", "paragraph");
    d->min_score = strtod(get(values, "min-score"), NULL);
    d->normalize = is(values, "normalize", "yes");
    d->norm.ascii_quotes = is(values, "quotes", "ascii");
    d->norm.cjk_space = is(values, "cjk-space", "remove") ? TME_CJK_SPACE_REMOVE
                        : is(values, "cjk-space", "add")  ? TME_CJK_SPACE_ADD
                                                          : TME_CJK_SPACE_KEEP;
    d->options = values;
}

static void resolve_batches(tme_settings *s, const tme_option_values *values)
{
    s->gzip_level = atoi(get(values, "level"));
    const char *jobs = get(values, "jobs");
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    s->jobs = jobs != NULL ? (size_t)atoi(jobs) : cores > 0 ? (size_t)cores : 1;
    s->dedup = !is(values, "dedup", "no");
    s->dedup_key = is(values, "dedup", "source") ? TME_DEDUP_SOURCE : TME_DEDUP_PAIR;
    s->include = get(values, "include");
    s->per_input_dir = get(values, "per-input");
    s->keep_going = is(values, "keep-going", "yes");
}

tme_status tme_settings_resolve(tme_settings *s, const tme_option_values *values, tme_error *err)
{
    memset(s, 0, sizeof *s);
    resolve_text(s, values);
    resolve_batches(s, values);
    s->source_lang = get(values, "src-lang");
    s->target_lang = get(values, "tgt-lang");
    const char *input_format = get(values, "input-format");
    s->units_only = strcmp(input_format, "units") == 0;
    s->input_format = strcmp(input_format, "auto") == 0 || s->units_only
                          ? NULL
                          : tme_input_format_by_name(input_format);
    if (creation_time(values, &s->creation_time, err) != TME_OK)
        return err->status;
    int src_zh = tme_langtag_is_chinese(s->source_lang);
    int tgt_zh = tme_langtag_is_chinese(s->target_lang);
    if (src_zh == tgt_zh)
        return tme_error_set(err, TME_ERR_USAGE,
                             "exactly one of --src-lang and --tgt-lang must be Chinese (%s)",
                             src_zh ? "both are" : "neither is");
    s->document.source_is_chinese = src_zh;
    return TME_OK;
}
