/* SPDX-License-Identifier: MIT */
/* tmexport extract and tmexport align: inputs in, one pass, every -o out. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "progress.h"
#include "dedup.h"
#include "export.h"
#include "format.h"
#include "inputs.h"
#include "langtag.h"
#include "version.h"
#include "writer.h"

#define MAX_OUTPUTS 32

typedef struct {
    const tme_format *format;
    const char *path;
    int gzip;
    char extension[16]; /* as given (or the format's name): --per-input names use it */
    tme_writer *writer;
    size_t written;
} output;

typedef struct {
    int align_mode; /* input is TSV paragraph pairs */
    const char *command;
    output outputs[MAX_OUTPUTS];
    size_t n_outputs;
    const char *src_lang, *tgt_lang;
    int gzip_level;
    int stats, quiet;
    int xliff2;
    size_t threads;
    int dedup;
    tme_dedup_key dedup_key;
    const char *per_input_dir;
    int keep_going;
    const char *include;
    tme_export_options export;
    tme_writer_options writer;
} run_config;

enum {
    OPT_SRC_LANG = 256,
    OPT_TGT_LANG,
    OPT_ENCODING,
    OPT_LEVEL,
    OPT_STATS,
    OPT_UNIT,
    OPT_MIN_SCORE,
    OPT_NO_NORMALIZE,
    OPT_QUOTES,
    OPT_CJK_SPACE,
    OPT_TMX_ENCODING,
    OPT_XLIFF_VERSION,
    OPT_VERSION,
    OPT_DEDUP,
    OPT_PER_INPUT,
    OPT_KEEP_GOING,
    OPT_INCLUDE,
    OPT_TSV_FIELDS,
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"src-lang", required_argument, NULL, OPT_SRC_LANG},
    {"tgt-lang", required_argument, NULL, OPT_TGT_LANG},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"stats", no_argument, NULL, OPT_STATS},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"min-score", required_argument, NULL, OPT_MIN_SCORE},
    {"no-normalize", no_argument, NULL, OPT_NO_NORMALIZE},
    {"quotes", required_argument, NULL, OPT_QUOTES},
    {"cjk-space", required_argument, NULL, OPT_CJK_SPACE},
    {"tmx-encoding", required_argument, NULL, OPT_TMX_ENCODING},
    {"xliff-version", required_argument, NULL, OPT_XLIFF_VERSION},
    {"jobs", required_argument, NULL, 'j'},
    {"dedup", optional_argument, NULL, OPT_DEDUP},
    {"per-input", required_argument, NULL, OPT_PER_INPUT},
    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
    {"include", required_argument, NULL, OPT_INCLUDE},
    {"tsv-fields", required_argument, NULL, OPT_TSV_FIELDS},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static void list_formats(FILE *out)
{
    for (size_t k = 0; tme_formats[k] != NULL; k++) {
        const tme_format *f = tme_formats[k];
        char ext[64] = "";
        if (f->extensions != NULL)
            snprintf(ext, sizeof ext, " (.%s)", f->extensions);
        fprintf(out, "  %-8s %s%s\n", f->name, f->description, ext);
    }
}

static void print_help(const char *command)
{
    int align = strcmp(command, "align") == 0;
    printf("Usage: tmexport %s [OPTIONS] %s\n\n", command,
           align ? "[FILE|DIR|@LIST|-]..." : "INPUT...");
    if (align)
        puts("Aligns the sentences of paragraph pairs given as TSV lines (source<TAB>target)\n"
             "and writes the sentence pairs.\n");
    else
        puts("Extracts the translated paragraphs of bilingual articles (English paragraphs\n"
             "followed or preceded by their Chinese translation) and writes their sentence\n"
             "pairs. INPUT is a file, a directory (every regular file below it), @LIST (a\n"
             "file listing one input a line) or - (stdin); files may be gzip-compressed.\n");
    puts("Output:\n"
         "  -o, --output [FORMAT:]PATH  write to PATH (repeatable; - is stdout); the format\n"
         "                         comes from the extension after stripping .gz, and a .gz\n"
         "                         suffix compresses; FORMAT: overrides (tsv:- is TSV on\n"
         "                         stdout). Without -o, TSV goes to stdout. A file is\n"
         "                         replaced atomically when the run succeeds (a link's\n"
         "                         target, keeping its mode); devices, FIFOs, sockets and\n"
         "                         stdout are written as they are. An output may not be\n"
         "                         one of the inputs.\n"
         "      --level N          gzip level 0-9 for .gz outputs (default 6)\n"
         "      --unit sentence|paragraph  what a unit is (default sentence)\n"
         "      --min-score X      drop units whose alignment score is below X (0-1)\n"
         "      --tmx-encoding utf-8|utf-16  TMX encoding (default utf-8, no BOM)\n"
         "      --xliff-version 1.2|2.0  XLIFF version for .xlf/.xliff (default 1.2)\n"
         "Languages:\n"
         "      --src-lang TAG     source language, BCP 47 (default en)\n"
         "      --tgt-lang TAG     target language, BCP 47 (default zh-CN); which side is\n"
         "                         Chinese is detected, so --src-lang zh-CN --tgt-lang en\n"
         "                         swaps the columns. Tags are written as given.\n"
         "Input:\n"
         "      --encoding NAME    input encoding, any iconv name (default: automatic: BOM,\n"
         "                         else UTF-8, else GB18030)\n"
         "Text:\n"
         "      --no-normalize     keep punctuation and spaces as they are\n"
         "      --quotes ascii|keep  English quotes (default keep)\n"
         "      --cjk-space keep|remove|add  spaces between Han and Latin/digits (default keep)\n"
         "Batches:\n"
         "  -j, --jobs N           worker threads over documents (default: the number of\n"
         "                         cores); the output is the same for every N\n"
         "      --include GLOB     in directories, only files whose name matches\n"
         "      --per-input DIR    one export per input in DIR, named after the input, with\n"
         "                         each -o's format and extension (each file atomic)\n"
         "      --keep-going       report a failing input and go on without it (exit 1 at\n"
         "                         the end); by default the run stops and writes nothing\n"
         "      --dedup[=pair|source]  drop a pair whose normalized source and target (or\n"
         "                         source alone) were already written; costs 16-32 bytes\n"
         "                         of memory per distinct pair\n"
         "      --tsv-fields LIST  TSV columns, comma-separated from source, target,\n"
         "                         document, score (default source,target)\n"
         "Reporting:\n"
         "      --stats            print a summary on stderr\n"
         "  -q, --quiet            no warnings\n"
         "  -h, --help             this help\n"
         "      --version          the version\n\n"
         "Formats:");
    list_formats(stdout);
    puts("\nExit status: 0 success, 1 bad input or I/O failure, 2 usage error.");
}

static int usage_error(const char *command, const char *fmt, const char *arg)
{
    fprintf(stderr, "tmexport %s: ", command);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'tmexport %s --help'.\n", command);
    return TME_EXIT_USAGE;
}

static int unknown_format_error(const char *command, const char *what, const char *spec)
{
    fprintf(stderr, "tmexport %s: %s in '%s'; known formats:\n", command, what, spec);
    list_formats(stderr);
    return TME_EXIT_USAGE;
}

static int ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* "[FORMAT:]PATH" -> format, path, gzip. */
static int parse_output(run_config *cfg, char *spec)
{
    if (cfg->n_outputs == MAX_OUTPUTS)
        return usage_error(cfg->command, "too many outputs (at most %s)", "32");
    output *o = &cfg->outputs[cfg->n_outputs];
    memset(o, 0, sizeof *o);
    char *colon = strchr(spec, ':');
    o->path = spec;
    if (colon != NULL && colon > spec &&
        strspn(spec, "abcdefghijklmnopqrstuvwxyz0123456789") == (size_t)(colon - spec)) {
        *colon = '\0';
        o->format = tme_format_by_name(spec);
        if (o->format == NULL) {
            *colon = ':';
            return unknown_format_error(cfg->command, "unknown format", spec);
        }
        o->path = colon + 1;
        if (o->path[0] == '\0')
            return usage_error(cfg->command, "no path after the format in '%s'", spec);
    }
    o->gzip = ends_with_ci(o->path, ".gz");
    /* The extension before any .gz: it names the format, and --per-input
     * gives it to every export. */
    size_t n = strlen(o->path) - (o->gzip ? 3 : 0);
    char base[4096];
    snprintf(base, sizeof base, "%.*s", (int)n, o->path);
    const char *slash = strrchr(base, '/');
    const char *dot = strrchr(slash ? slash : base, '.');
    if (dot != NULL && dot[1] != '\0' && strlen(dot + 1) < sizeof o->extension)
        snprintf(o->extension, sizeof o->extension, "%s", dot + 1);
    if (o->format == NULL) {
        if (strcmp(o->path, "-") == 0)
            o->format = tme_format_by_name("tsv");
        else if (o->extension[0] == '\0')
            return unknown_format_error(cfg->command, "no format extension", o->path);
        else if ((o->format = tme_format_by_extension(o->extension)) == NULL)
            return unknown_format_error(cfg->command, "unknown extension", o->path);
    }
    if (o->extension[0] == '\0')
        snprintf(o->extension, sizeof o->extension, "%s", o->format->name);
    for (size_t k = 0; k < cfg->n_outputs; k++)
        if (strcmp(cfg->outputs[k].path, o->path) == 0 && strcmp(o->path, "-") != 0)
            return usage_error(cfg->command, "output '%s' given twice", o->path);
    cfg->n_outputs++;
    return TME_EXIT_OK;
}

static int parse_number(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int creation_time(time_t *out)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch == NULL || epoch[0] == '\0') {
        *out = time(NULL);
        return 0;
    }
    char *end;
    errno = 0;
    long long v = strtoll(epoch, &end, 10);
    if (errno != 0 || *end != '\0' || v < 0)
        return -1;
    *out = (time_t)v;
    return 0;
}

static int parse_options(run_config *cfg, int argc, char **argv)
{
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:qhj:", long_options, NULL)) != -1) {
        double v;
        switch (c) {
        case 'o': {
            int rc = parse_output(cfg, optarg);
            if (rc != TME_EXIT_OK)
                return rc;
            break;
        }
        case OPT_SRC_LANG:
            cfg->src_lang = optarg;
            break;
        case OPT_TGT_LANG:
            cfg->tgt_lang = optarg;
            break;
        case OPT_ENCODING:
            cfg->export.encoding = optarg;
            break;
        case OPT_LEVEL:
            if (parse_number(optarg, 0, 9, &v) != 0 || v != (int)v)
                return usage_error(cfg->command, "--level wants 0 to 9, not '%s'", optarg);
            cfg->gzip_level = (int)v;
            break;
        case OPT_STATS:
            cfg->stats = 1;
            break;
        case OPT_UNIT:
            if (strcmp(optarg, "sentence") == 0)
                cfg->export.unit = TME_UNIT_SENTENCE;
            else if (strcmp(optarg, "paragraph") == 0)
                cfg->export.unit = TME_UNIT_PARAGRAPH;
            else
                return usage_error(cfg->command, "--unit wants sentence or paragraph, not '%s'",
                                   optarg);
            break;
        case OPT_MIN_SCORE:
            if (parse_number(optarg, 0, 1, &v) != 0)
                return usage_error(cfg->command, "--min-score wants a number in [0,1], not '%s'",
                                   optarg);
            cfg->export.min_score = v;
            break;
        case OPT_NO_NORMALIZE:
            cfg->export.normalize = 0;
            break;
        case OPT_QUOTES:
            if (strcmp(optarg, "ascii") != 0 && strcmp(optarg, "keep") != 0)
                return usage_error(cfg->command, "--quotes wants ascii or keep, not '%s'", optarg);
            cfg->export.norm.ascii_quotes = strcmp(optarg, "ascii") == 0;
            break;
        case OPT_CJK_SPACE:
            if (strcmp(optarg, "keep") == 0)
                cfg->export.norm.cjk_space = TME_CJK_SPACE_KEEP;
            else if (strcmp(optarg, "remove") == 0)
                cfg->export.norm.cjk_space = TME_CJK_SPACE_REMOVE;
            else if (strcmp(optarg, "add") == 0)
                cfg->export.norm.cjk_space = TME_CJK_SPACE_ADD;
            else
                return usage_error(cfg->command, "--cjk-space wants keep, remove or add, not '%s'",
                                   optarg);
            break;
        case OPT_TMX_ENCODING:
            if (strcasecmp(optarg, "utf-16") == 0 || strcasecmp(optarg, "utf16") == 0)
                cfg->writer.tmx_utf16 = 1;
            else if (strcasecmp(optarg, "utf-8") == 0 || strcasecmp(optarg, "utf8") == 0)
                cfg->writer.tmx_utf16 = 0;
            else
                return usage_error(cfg->command, "--tmx-encoding wants utf-8 or utf-16, not '%s'",
                                   optarg);
            break;
        case OPT_XLIFF_VERSION:
            if (strcmp(optarg, "2.0") == 0 || strcmp(optarg, "2") == 0)
                cfg->xliff2 = 1;
            else if (strcmp(optarg, "1.2") == 0)
                cfg->xliff2 = 0;
            else
                return usage_error(cfg->command, "--xliff-version wants 1.2 or 2.0, not '%s'",
                                   optarg);
            break;
        case 'j':
            if (parse_number(optarg, 1, 1024, &v) != 0 || v != (int)v)
                return usage_error(cfg->command, "--jobs wants 1 to 1024 threads, not '%s'",
                                   optarg);
            cfg->threads = (size_t)v;
            break;
        case OPT_DEDUP:
            cfg->dedup = 1;
            if (optarg == NULL || strcmp(optarg, "pair") == 0)
                cfg->dedup_key = TME_DEDUP_PAIR;
            else if (strcmp(optarg, "source") == 0)
                cfg->dedup_key = TME_DEDUP_SOURCE;
            else
                return usage_error(cfg->command, "--dedup wants pair or source, not '%s'", optarg);
            break;
        case OPT_PER_INPUT:
            cfg->per_input_dir = optarg;
            break;
        case OPT_KEEP_GOING:
            cfg->keep_going = 1;
            break;
        case OPT_INCLUDE:
            cfg->include = optarg;
            break;
        case OPT_TSV_FIELDS:
            if (!tme_tsv_fields_valid(optarg))
                return usage_error(cfg->command,
                                   "--tsv-fields wants a comma-separated list of source, target, "
                                   "document, score; not '%s'",
                                   optarg);
            cfg->writer.tsv_fields = optarg;
            break;
        case 'q':
            cfg->quiet = 1;
            break;
        case 'h':
            print_help(cfg->command);
            return -1;
        case OPT_VERSION:
            printf("tmexport %s\n", TME_VERSION);
            return -1;
        case ':':
            return usage_error(cfg->command, "option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error(cfg->command, "unknown option '%s'", argv[optind - 1]);
        }
    }
    return TME_EXIT_OK;
}

static int check_languages(run_config *cfg)
{
    if (!tme_langtag_valid(cfg->src_lang))
        return usage_error(cfg->command, "--src-lang '%s' is not a BCP 47 language tag",
                           cfg->src_lang);
    if (!tme_langtag_valid(cfg->tgt_lang))
        return usage_error(cfg->command, "--tgt-lang '%s' is not a BCP 47 language tag",
                           cfg->tgt_lang);
    int src_zh = tme_langtag_is_chinese(cfg->src_lang);
    int tgt_zh = tme_langtag_is_chinese(cfg->tgt_lang);
    if (src_zh == tgt_zh)
        return usage_error(cfg->command,
                           "exactly one of --src-lang and --tgt-lang must be Chinese (%s)",
                           src_zh ? "both are" : "neither is");
    cfg->export.source_is_chinese = src_zh;
    cfg->writer.source_lang = cfg->src_lang;
    cfg->writer.target_lang = cfg->tgt_lang;
    return TME_EXIT_OK;
}

typedef struct {
    run_config *cfg;
    const tme_inputs *inputs;
    tme_export_stats total;
    tme_dedup dedup;
    size_t duplicates;
    tme_progress progress;
    size_t done, bytes_done, pairs_written, failed;
} run_state;

static tme_status write_units(output *outputs, size_t n_outputs, const tme_units *units,
                              size_t document_index, tme_error *err)
{
    for (size_t k = 0; k < n_outputs; k++) {
        output *o = &outputs[k];
        tme_status status =
            tme_writer_begin_document(o->writer, units->document, document_index, err);
        for (size_t u = 0; u < units->count && status == TME_OK; u++)
            status = tme_writer_write(o->writer, &units->items[u], err);
        if (status == TME_OK)
            status = tme_writer_end_document(o->writer, err);
        if (status != TME_OK)
            return status;
        o->written += units->count;
    }
    return TME_OK;
}

/* Drops, in place, the units whose pair (or source) was written before. */
static tme_status drop_duplicates(run_state *st, tme_units *units, tme_error *err)
{
    size_t kept = 0;
    for (size_t u = 0; u < units->count; u++) {
        tme_pair *p = &units->items[u];
        int seen = tme_dedup_seen(&st->dedup, p->source, p->target);
        if (seen < 0) {
            /* Keep the units consistent for tme_units_free(). */
            memmove(&units->items[kept], p, (units->count - u) * sizeof *p);
            units->count = kept + (units->count - u);
            return tme_error_nomem(err);
        }
        if (seen) {
            free((char *)p->source);
            free((char *)p->target);
            st->duplicates++;
        } else {
            units->items[kept++] = *p;
        }
    }
    units->count = kept;
    return TME_OK;
}

static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "standard input" : path;
}

static int make_parent_directories(char *path)
{
    for (char *p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
        *p = '\0';
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST)
            return -1;
    }
    return 0;
}

/* DIR/RELATIVE with the input's extension (and any .gz) replaced by the
 * output's. */
static tme_status per_input_path(const run_config *cfg, const tme_input *input, const output *o,
                                 char *path, size_t size, tme_error *err)
{
    char stem[4096];
    snprintf(stem, sizeof stem, "%s", input->relative);
    size_t n = strlen(stem);
    if (n > 3 && strcasecmp(stem + n - 3, ".gz") == 0)
        stem[n - 3] = '\0';
    char *slash = strrchr(stem, '/');
    char *dot = strrchr(slash ? slash : stem, '.');
    if (dot != NULL && dot != stem && dot[-1] != '/')
        *dot = '\0';
    int len = snprintf(path, size, "%s/%s.%s%s", cfg->per_input_dir, stem, o->extension,
                       o->gzip ? ".gz" : "");
    if (len < 0 || (size_t)len >= size)
        return tme_error_set(err, TME_ERR_USAGE, "%s: output name too long", input->path);
    if (make_parent_directories(path) != 0)
        return tme_error_set(err, TME_ERR_IO, "%s: cannot create its directory: %s", path,
                             strerror(errno));
    return TME_OK;
}

static tme_status open_outputs(run_state *st, const tme_input *input, tme_error *err)
{
    run_config *cfg = st->cfg;
    for (size_t k = 0; k < cfg->n_outputs; k++) {
        output *o = &cfg->outputs[k];
        char per_input[8192];
        const char *path = o->path;
        if (input != NULL) {
            if (per_input_path(cfg, input, o, per_input, sizeof per_input, err) != TME_OK)
                return err->status;
            path = per_input;
        }
        const char *input_path;
        if (tme_inputs_contain_file(st->inputs, path, &input_path))
            return tme_error_set(
                err, TME_ERR_USAGE, "%s is also an input (%s): write the export elsewhere",
                strcmp(path, "-") == 0 ? "standard output" : path, display_name(input_path));
        o->writer = tme_writer_open(o->format, path, o->gzip ? cfg->gzip_level : TME_SINK_PLAIN,
                                    &cfg->writer, err);
        if (o->writer == NULL)
            return err->status;
    }
    return TME_OK;
}

static void abort_outputs(run_config *cfg)
{
    for (size_t k = 0; k < cfg->n_outputs; k++) {
        tme_writer_abort(cfg->outputs[k].writer);
        cfg->outputs[k].writer = NULL;
    }
}

/* Closes every output before committing any, so that a failure at the end
 * (a full disk on the last flush) replaces none of the previous files. */
static tme_status finish_outputs(run_config *cfg, tme_error *err)
{
    for (size_t k = 0; k < cfg->n_outputs; k++)
        if (tme_writer_close(cfg->outputs[k].writer, err) != TME_OK) {
            abort_outputs(cfg);
            return err->status;
        }
    tme_status status = TME_OK;
    for (size_t k = 0; k < cfg->n_outputs; k++) {
        tme_writer *w = cfg->outputs[k].writer;
        cfg->outputs[k].writer = NULL;
        if (status == TME_OK)
            status = tme_writer_finish(w, err);
        else
            tme_writer_abort(w);
    }
    return status;
}

/* Takes each document's result in input order. */
static tme_status consume_document(void *context, tme_document_result *r, tme_error *err)
{
    run_state *st = context;
    run_config *cfg = st->cfg;
    st->done++;
    st->bytes_done += r->input->size;
    if (r->status != TME_OK) {
        /* An impossible request (an unknown --encoding) fails every input
         * alike: no point going on. */
        if (!cfg->keep_going || r->status == TME_ERR_USAGE || r->status == TME_ERR_NOMEM)
            return tme_error_set(err, r->status, "%s", r->error.message);
        tme_progress_finish(&st->progress);
        fprintf(stderr, "tmexport %s: skipped: %s\n", cfg->command, r->error.message);
        st->failed++;
        return TME_OK;
    }
    tme_export_stats_add(&st->total, &r->stats);
    if (!cfg->quiet && r->units.count == 0) {
        tme_progress_finish(&st->progress);
        fprintf(stderr, "tmexport %s: warning: %s: no translated %s found\n", cfg->command,
                display_name(r->input->path), cfg->align_mode ? "pairs" : "paragraph pairs");
    }
    if (cfg->dedup && drop_duplicates(st, &r->units, err) != TME_OK)
        return err->status;
    tme_status status;
    if (cfg->per_input_dir != NULL) {
        status = open_outputs(st, r->input, err);
        if (status == TME_OK)
            status = write_units(cfg->outputs, cfg->n_outputs, &r->units, r->index, err);
        if (status == TME_OK)
            status = finish_outputs(cfg, err);
        else
            abort_outputs(cfg);
    } else {
        status = write_units(cfg->outputs, cfg->n_outputs, &r->units, r->index, err);
    }
    st->pairs_written += r->units.count;
    tme_progress_update(&st->progress, st->done, st->inputs->count, st->bytes_done,
                        st->inputs->total_bytes, st->pairs_written);
    return status;
}

static void print_stats(const run_state *st)
{
    const run_config *cfg = st->cfg;
    const tme_export_stats *s = &st->total;
    fprintf(stderr, "documents: %zu", s->documents);
    if (st->failed)
        fprintf(stderr, " (%zu inputs failed and were skipped)", st->failed);
    if (s->gb18030_guessed)
        fprintf(stderr, " (%zu decoded as GB18030: not UTF-8)", s->gb18030_guessed);
    if (s->utf16_guessed)
        fprintf(stderr, " (%zu decoded as UTF-16 without a byte-order mark)", s->utf16_guessed);
    fprintf(stderr, "\nparagraphs read: %zu (English %zu, Chinese %zu, other %zu)\n", s->paragraphs,
            s->english, s->chinese, s->other);
    fprintf(stderr, "paragraph pairs found: %zu\n", s->paragraph_pairs);
    if (!cfg->align_mode) {
        fprintf(stderr, "unpaired paragraphs:");
        for (size_t r = 0; r < TME_UNPAIRED_REASONS; r++)
            fprintf(stderr, "%s %s %zu", r ? "," : "", tme_unpaired_reason_name(r), s->unpaired[r]);
        fputc('\n', stderr);
    }
    fprintf(stderr, "%s pairs: %zu\n",
            cfg->export.unit == TME_UNIT_PARAGRAPH ? "paragraph" : "sentence", s->units);
    fprintf(stderr,
            "dropped: unaligned sentences (1-0/0-1) %zu, below --min-score %zu, empty side %zu",
            s->unaligned_sentences, s->below_min_score, s->empty_side);
    if (cfg->dedup)
        fprintf(stderr, ", duplicates %zu", st->duplicates);
    fprintf(stderr, "\nXML-illegal characters removed: %zu\n", s->xml_illegal_removed);
    int any = 0;
    for (size_t k = 0; tme_norm_kind_name(k) != NULL; k++) {
        if (s->norm.counts[k] == 0)
            continue;
        fprintf(stderr, "%s %s %zu", any ? "," : "normalized:", tme_norm_kind_name(k),
                s->norm.counts[k]);
        any = 1;
    }
    if (any)
        fputc('\n', stderr);
    if (cfg->per_input_dir != NULL) {
        fprintf(stderr, "written to %s/: %zu pairs in each of %zu formats\n", cfg->per_input_dir,
                st->pairs_written, cfg->n_outputs);
        return;
    }
    for (size_t k = 0; k < cfg->n_outputs; k++)
        fprintf(stderr, "written to %s: %zu pairs (%s%s)\n",
                strcmp(cfg->outputs[k].path, "-") == 0 ? "stdout" : cfg->outputs[k].path,
                cfg->outputs[k].written, cfg->outputs[k].format->name,
                cfg->outputs[k].gzip ? ", gzip" : "");
}

static int fail(run_state *st, const tme_error *err)
{
    abort_outputs(st->cfg);
    tme_progress_finish(&st->progress);
    if (err->status == TME_ERR_PIPE)
        tme_cli_die_of_broken_pipe();
    fprintf(stderr, "tmexport %s: %s\n", st->cfg->command, err->message);
    return err->status == TME_ERR_USAGE ? TME_EXIT_USAGE : TME_EXIT_FAILURE;
}

static int run(run_config *cfg, const tme_inputs *inputs)
{
    tme_error err;
    tme_error_clear(&err);
    run_state st;
    memset(&st, 0, sizeof st);
    st.cfg = cfg;
    st.inputs = inputs;
    tme_dedup_init(&st.dedup, cfg->dedup_key);
    tme_progress_init(&st.progress, cfg->quiet);
    int rc = TME_EXIT_OK;
    if (cfg->per_input_dir == NULL && open_outputs(&st, NULL, &err) != TME_OK) {
        rc = fail(&st, &err);
    } else {
        tme_batch_config batch = {inputs, &cfg->export, cfg->align_mode, cfg->threads};
        if (tme_batch_run(&batch, consume_document, &st, &err) != TME_OK ||
            (cfg->per_input_dir == NULL && finish_outputs(cfg, &err) != TME_OK)) {
            rc = fail(&st, &err);
        } else {
            tme_progress_finish(&st.progress);
            if (cfg->stats)
                print_stats(&st);
            if (st.failed > 0) {
                fprintf(stderr, "tmexport %s: %zu of %zu inputs failed and were skipped\n",
                        cfg->command, st.failed, inputs->count);
                rc = TME_EXIT_FAILURE;
            }
        }
    }
    tme_dedup_free(&st.dedup);
    return rc;
}

static int run_command(int argc, char **argv, int align_mode)
{
    run_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.align_mode = align_mode;
    cfg.command = align_mode ? "align" : "extract";
    cfg.src_lang = "en";
    cfg.tgt_lang = "zh-CN";
    cfg.gzip_level = 6;
    cfg.export.normalize = 1;
    cfg.export.unit = TME_UNIT_SENTENCE;
    cfg.writer.tool_version = TME_VERSION;
    int rc = parse_options(&cfg, argc, argv);
    if (rc != TME_EXIT_OK)
        return rc < 0 ? TME_EXIT_OK : rc;
    if ((rc = check_languages(&cfg)) != TME_EXIT_OK)
        return rc;
    cfg.writer.segtype = cfg.export.unit == TME_UNIT_PARAGRAPH ? "paragraph" : "sentence";
    if (creation_time(&cfg.writer.creation_time) != 0)
        return usage_error(cfg.command, "SOURCE_DATE_EPOCH '%s' is not a number of seconds",
                           getenv("SOURCE_DATE_EPOCH"));
    if (cfg.xliff2)
        for (size_t k = 0; k < cfg.n_outputs; k++)
            if (cfg.outputs[k].format == tme_format_by_name("xliff"))
                cfg.outputs[k].format = tme_format_by_name("xliff2");
    if (cfg.n_outputs == 0) {
        /* TSV on stdout, or one TSV per input with --per-input. */
        static char default_output[] = "tsv:-", default_per_input[] = "tsv:.tsv";
        if ((rc = parse_output(&cfg, cfg.per_input_dir ? default_per_input : default_output)) !=
            TME_EXIT_OK)
            return rc;
    }
    if (cfg.per_input_dir != NULL)
        for (size_t k = 0; k < cfg.n_outputs; k++) {
            const output *o = &cfg.outputs[k];
            if (strcmp(o->path, "-") == 0)
                return usage_error(cfg.command, "%s",
                                   "--per-input writes files: stdout cannot be an output");
            for (size_t j = 0; j < k; j++)
                if (strcmp(cfg.outputs[j].extension, o->extension) == 0 &&
                    cfg.outputs[j].gzip == o->gzip)
                    return usage_error(cfg.command,
                                       "with --per-input, two outputs would have the same name "
                                       "(extension .%s)",
                                       o->extension);
        }
    if (cfg.threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        cfg.threads = cores > 0 ? (size_t)cores : 1;
    }

    tme_inputs inputs;
    memset(&inputs, 0, sizeof inputs);
    tme_error err;
    tme_error_clear(&err);
    char empty[1024] = "";
    for (int k = optind; k < argc; k++) {
        size_t before = inputs.count;
        if (tme_inputs_add(&inputs, argv[k], cfg.include, &err) != TME_OK) {
            tme_inputs_free(&inputs);
            fprintf(stderr, "tmexport %s: %s\n", cfg.command, err.message);
            return err.status == TME_ERR_USAGE ? TME_EXIT_USAGE : TME_EXIT_FAILURE;
        }
        size_t used = strlen(empty);
        if (inputs.count == before && used + 8 < sizeof empty)
            snprintf(empty + used, sizeof empty - used, "%s'%s'", used ? ", " : "", argv[k]);
    }
    if (optind == argc) {
        if (!align_mode)
            return usage_error(cfg.command, "%s", "no input given (use - for stdin)");
        tme_inputs_add(&inputs, "-", NULL, &err);
    }
    /* An empty export written over an old one would lose it for a typo in
     * a directory name or an --include: as tar refuses an empty archive. */
    if (inputs.count == 0) {
        fprintf(stderr, "tmexport %s: no input files: %s %s no file%s%s%s; nothing written\n",
                cfg.command, empty, strchr(empty, ',') ? "hold" : "holds",
                cfg.include ? " matching --include '" : "", cfg.include ? cfg.include : "",
                cfg.include ? "'" : "");
        tme_inputs_free(&inputs);
        return TME_EXIT_FAILURE;
    }
    rc = err.status == TME_OK ? run(&cfg, &inputs) : TME_EXIT_FAILURE;
    tme_inputs_free(&inputs);
    return rc;
}

int tme_cli_extract(int argc, char **argv)
{
    return run_command(argc, argv, 0);
}

int tme_cli_align(int argc, char **argv)
{
    return run_command(argc, argv, 1);
}
