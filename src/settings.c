/* SPDX-License-Identifier: MIT */
#include "settings.h"

#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "charset_label.h"
#include "filters.h"
#include "gzip_members.h"
#include "langtag.h"
#include "presets.h"

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
    if (tme_parse_number(value, 0, 1, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--min-score wants a number in [0,1], not '%s'",
                             value);
    return TME_OK;
}

static tme_status validate_review_below(const char *value, tme_error *err)
{
    double v;
    if (tme_parse_number(value, 0, 1, &v) != 0 || v <= 0)
        return tme_error_set(err, TME_ERR_USAGE, "--review-below wants a number in (0,1], not '%s'",
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

/* "300M", "1G", "64KiB", "1500": bytes; K/M/G (or KB/MB/GB) are powers of
 * 1000, as upload limits are quoted, KiB/MiB/GiB powers of 1024. 0 when
 * bad. */
static unsigned long long parse_size(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || s[0] == '-')
        return 0;
    static const struct {
        const char *suffix;
        unsigned long long factor;
    } units[] = {{"", 1},
                 {"K", 1000ULL},
                 {"KB", 1000ULL},
                 {"M", 1000000ULL},
                 {"MB", 1000000ULL},
                 {"G", 1000000000ULL},
                 {"GB", 1000000000ULL},
                 {"KiB", 1024ULL},
                 {"MiB", 1048576ULL},
                 {"GiB", 1073741824ULL}};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (strcasecmp(end, units[k].suffix) == 0)
            return v > ULLONG_MAX / units[k].factor ? 0 : v * units[k].factor;
    return 0;
}

static tme_status validate_size(const char *value, tme_error *err)
{
    /* A part must hold a file's header and one unit at least. */
    if (parse_size(value) < 4096)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--split-size wants a size of at least 4096 bytes such as 300M, 1G "
                             "or 64KiB (K, M, G: powers of 1000), not '%s'",
                             value);
    return TME_OK;
}

static tme_status validate_count(const char *value, tme_error *err)
{
    long long v;
    if (parse_integer(value, 1, LLONG_MAX, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--split-units wants a positive number, not '%s'",
                             value);
    return TME_OK;
}

/* "K/N": 0 <= K < N. */
static int parse_shard(const char *value, size_t *k, size_t *n)
{
    unsigned long long a, b;
    char tail;
    if (sscanf(value, "%llu/%llu%c", &a, &b, &tail) != 2 || b == 0 || a >= b ||
        strspn(value, "0123456789/") != strlen(value))
        return -1;
    *k = (size_t)a;
    *n = (size_t)b;
    return 0;
}

static tme_status validate_shard(const char *value, tme_error *err)
{
    size_t k, n;
    if (parse_shard(value, &k, &n) != 0)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--shard wants K/N with 0 <= K < N (the K-th of N machines, from 0), "
                             "not '%s'",
                             value);
    return TME_OK;
}

static tme_status validate_filter(const char *value, tme_error *err)
{
    tme_filters filters;
    tme_filters_init(&filters);
    return tme_filters_parse(&filters, value, err);
}

static tme_status validate_preset(const char *value, tme_error *err)
{
    if (tme_preset_by_name(value) != NULL)
        return TME_OK;
    tme_error_set(err, TME_ERR_USAGE, "--preset wants one of");
    for (size_t k = 0; tme_presets[k] != NULL; k++) {
        size_t used = strlen(err->message);
        snprintf(err->message + used, sizeof err->message - used, "%s %s", k ? "," : "",
                 tme_presets[k]->name);
    }
    size_t used = strlen(err->message);
    snprintf(err->message + used, sizeof err->message - used, "; not '%s'", value);
    return err->status;
}

static tme_status validate_jobs(const char *value, tme_error *err)
{
    long long v;
    if (parse_integer(value, 1, 1024, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--jobs wants 1 to 1024 threads, not '%s'", value);
    return TME_OK;
}

static tme_status validate_gzip_threads(const char *value, tme_error *err)
{
    long long v;
    if (parse_integer(value, 1, TME_GZIP_MEMBERS_MAX_THREADS, &v) != 0)
        return tme_error_set(err, TME_ERR_USAGE, "--gzip-threads wants 1 to %d threads, not '%s'",
                             TME_GZIP_MEMBERS_MAX_THREADS, value);
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

/* An iconv name, or a charset label that decoding maps to one (x-gbk,
 * chinese, csbig5, ... which iconv does not know by those names): the
 * name decoding converts with (tme_encoding_iconv_name) is the one opened. */
static tme_status validate_encoding(const char *value, tme_error *err)
{
    if (strcmp(value, "auto") == 0)
        return TME_OK;
    iconv_t cd = iconv_open("UTF-8", tme_encoding_iconv_name(value));
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

/* Paths are kept in a comma-separated list (a repeated option's value). */
static tme_status validate_glossary(const char *value, tme_error *err)
{
    if (value[0] == '\0' || strchr(value, ',') != NULL)
        return tme_error_set(err, TME_ERR_USAGE,
                             "--lexicon-add wants a file name without a comma, not '%s'", value);
    return TME_OK;
}

const tme_option_def tme_session_options[] = {
    {.name = "preset",
     .group = "Output",
     .argument = "NAME",
     .help = "settings for the tool that takes the export (listed under Presets below); options "
             "given explicitly win",
     .validate = validate_preset},
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
    {.name = "review-below",
     .group = "Output",
     .argument = "X",
     .help = "units scoring below X (0-1) go to the --review-output instead of the outputs, for "
             "a person to check (the score estimates the chance the pair is right)",
     .validate = validate_review_below},
    {.name = "review-output",
     .group = "Output",
     .argument = "[FORMAT:]PATH",
     .help = "where --review-below sends its units: an output as -o takes it (format, .gz, "
             "split); with --per-input, each input's NAME.review.EXT"},
    {.name = "level",
     .group = "Output",
     .argument = "N",
     .help = "gzip level 0-9 for .gz outputs",
     .default_value = "6",
     .validate = validate_level},
    {.name = "gzip-threads",
     .group = "Output",
     .argument = "N",
     .help = "compress .gz outputs on N threads, as independent gzip members of 1 MiB of "
             "input each (about 1% larger, about 1.5 MB of memory a thread; the same bytes for "
             "every N from 2 on); 1, the "
             "default: one gzip stream, compressed by the writing thread, which caps -j at 3 to 4 "
             "workers",
     .default_value = "1",
     .validate = validate_gzip_threads},
    {.name = "split-size",
     .group = "Output",
     .argument = "SIZE",
     .help = "write each output as numbered parts (corpus.tmx -> corpus-0001.tmx, ...), each "
             "a complete file no larger than SIZE (compressed size for .gz), never splitting a "
             "unit: 300M, 1G (powers of 1000), 64KiB (of 1024)",
     .validate = validate_size},
    {.name = "split-units",
     .group = "Output",
     .argument = "N",
     .help = "write each output as numbered parts of at most N units",
     .validate = validate_count},
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
    {.name = "sentences",
     .group = "Input",
     .kind = TME_OPTION_OPTIONAL,
     .help = "the inputs are pairs of files already cut into sentences, ENGLISH CHINESE (or "
             "@LIST): one sentence a line, a blank line between paragraphs, as hunalign and "
             "vecalign take them; paragraph k of one is aligned with paragraph k of the other, "
             "their sentences kept as given",
     .default_value = "no",
     .choices = "yes|no",
     .implied_value = "yes"},
    {.name = "encoding",
     .group = "Input",
     .argument = "NAME",
     .help = "input encoding: an iconv name or a charset label (gbk, x-gbk, big5, csbig5, ...); "
             "auto: a BOM, else UTF-16 by its NUL bytes, else UTF-8, else GB18030",
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
    {.name = "lexicon",
     .group = "Alignment",
     .argument = "FILE",
     .help = "the bilingual lexicon that paragraph pairing and sentence alignment weigh (a "
             "tmexport lexicon file, gzip or plain; default: the CC-CEDICT lexicon installed "
             "with tmexport, or $TMEXPORT_LEXICON)"},
    {.name = "no-lexicon",
     .group = "Alignment",
     .kind = TME_OPTION_FLAG,
     .help = "pair and align by lengths and anchors (numbers, Latin words) only",
     .implied_value = "yes"},
    {.name = "lexicon-add",
     .group = "Alignment",
     .argument = "FILE",
     .help = "add a glossary to the lexicon (repeatable): lines english<TAB>chinese, the "
             "Chinese 1 to 4 Han characters, '#' comments",
     .validate = validate_glossary,
     .repeats = 1},
    {.name = "filter",
     .group = "Training",
     .argument = "NAME[=VALUE]",
     .help = "drop units that fail a training filter (repeatable; OpusFilter and Bicleaner "
             "rules): length[=1-100/3-300] (English words/Chinese characters, and under 1,024 "
             "characters a side), ratio[=3], identical, script[=0.75], digits[=0.5], url, "
             "repeat[=5], chars[=2000] (characters a side), score=X (--min-score); training: all "
             "but chars with these defaults; each counted in --stats",
     .validate = validate_filter,
     .repeats = 1},
    {.name = "jobs",
     .group = "Batches",
     .argument = "N",
     .help = "worker threads over documents (default: the number of cores); the output is the "
             "same for every N",
     .validate = validate_jobs},
    {.name = "shard",
     .group = "Batches",
     .argument = "K/N",
     .help = "read only the inputs whose position in the list of input files (0-based, after "
             "directories and lists are expanded) is K modulo N: N machines given the same "
             "inputs and K = 0..N-1 share the work without talking to each other",
     .validate = validate_shard},
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
    s->sentences = is(values, "sentences", "yes");
    s->keep_going = is(values, "keep-going", "yes");
    tme_filters_init(&s->filters);
    const char *filters = get(values, "filter");
    tme_error ignored;
    tme_error_clear(&ignored);
    if (filters != NULL)
        tme_filters_parse(&s->filters, filters, &ignored); /* checked when set */
    if (s->filters.min_score > s->document.min_score)
        s->document.min_score = s->filters.min_score;
    const char *shard = get(values, "shard");
    if (shard == NULL || parse_shard(shard, &s->shard, &s->shards) != 0) {
        s->shard = 0;
        s->shards = 1;
    }
    const char *split_size = get(values, "split-size");
    const char *split_units = get(values, "split-units");
    s->split_size = split_size != NULL ? (size_t)parse_size(split_size) : 0;
    s->split_units = split_units != NULL ? (size_t)strtoull(split_units, NULL, 10) : 0;
    const char *review_below = get(values, "review-below");
    s->review_below = review_below != NULL ? strtod(review_below, NULL) : 0;
    s->review_output = get(values, "review-output");
}

tme_status tme_settings_resolve(tme_settings *s, const tme_option_values *values, tme_error *err)
{
    memset(s, 0, sizeof *s);
    if (tme_lexicon_source_init(&s->lexicon, is(values, "no-lexicon", "yes"),
                                get(values, "lexicon"), get(values, "lexicon-add"), err) != TME_OK)
        return err->status;
    s->document.lexicon = &s->lexicon;
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
    if ((s->review_below > 0) != (s->review_output != NULL))
        return tme_error_set(err, TME_ERR_USAGE, "%s",
                             s->review_output == NULL
                                 ? "--review-below needs --review-output: where its units go"
                                 : "--review-output needs --review-below X: which units go there");
    int src_zh = tme_langtag_is_chinese(s->source_lang);
    int tgt_zh = tme_langtag_is_chinese(s->target_lang);
    if (src_zh == tgt_zh)
        return tme_error_set(err, TME_ERR_USAGE,
                             "exactly one of --src-lang and --tgt-lang must be Chinese (%s)",
                             src_zh ? "both are" : "neither is");
    s->document.source_is_chinese = src_zh;
    return TME_OK;
}

void tme_settings_free(tme_settings *s)
{
    tme_lexicon_source_free(&s->lexicon);
}
