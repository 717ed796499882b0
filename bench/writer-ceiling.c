/* SPDX-License-Identifier: MIT */
/* writer-ceiling: how many units a second one output format and its sink
 * sustain alone, with no reading, pairing or alignment: the rate at which
 * the single ordered writer of `extract -j N` would become the bottleneck.
 *
 * Usage: writer-ceiling FORMAT UNITS.tsv COUNT OUTPUT [GZIP_THREADS]
 *   FORMAT   an output format's name (tsv, tmx, jsonl, xliff, ...)
 *   UNITS    source<TAB>target lines (an export), read into memory first
 *   COUNT    units to write, the file's lines cycled, 40 to a document
 *   OUTPUT   the file written; a .gz name is compressed at level 6
 *   GZIP_THREADS  --gzip-threads for a .gz OUTPUT (default 1: one stream)
 * Prints: FORMAT, units, CPU seconds of the writing, units per CPU second,
 * MB of unit text per CPU second, and units per CPU second of the writing
 * thread alone (with GZIP_THREADS > 1 the compression runs on others: the
 * writing thread's rate is what caps -j N). CPU time (not wall time) so
 * that a shared machine's other work does not count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "writer.h"

#define UNITS_PER_DOCUMENT 40

typedef struct {
    char *text;         /* the file, its tabs and newlines turned into NULs */
    const char **sides; /* source, target, source, target... */
    size_t n_pairs, text_bytes;
} pair_file;

static int load_pairs(const char *path, pair_file *pairs)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0)
        return -1;
    long size = ftell(f);
    rewind(f);
    pairs->text = malloc((size_t)size + 1);
    pairs->sides = malloc(((size_t)size / 2 + 2) * sizeof *pairs->sides);
    if (pairs->text == NULL || pairs->sides == NULL ||
        fread(pairs->text, 1, (size_t)size, f) != (size_t)size)
        return -1;
    fclose(f);
    pairs->text[size] = '\0';
    size_t n = 0;
    for (char *line = pairs->text; *line != '\0';) {
        char *end = strchr(line, '\n'), *tab = strchr(line, '\t');
        if (end != NULL)
            *end = '\0';
        if (tab != NULL && (end == NULL || tab < end)) {
            char *more = strchr(tab + 1, '\t'); /* fields after the target */
            if (more != NULL)
                *more = '\0';
            *tab = '\0';
            pairs->sides[2 * n] = line;
            pairs->sides[2 * n + 1] = tab + 1;
            pairs->text_bytes += strlen(line) + strlen(tab + 1);
            n++;
        }
        if (end == NULL)
            break;
        line = end + 1;
    }
    pairs->n_pairs = n;
    return n > 0 ? 0 : -1;
}

static const tme_output_format *format_named(const char *name)
{
    for (size_t i = 0; tme_output_formats[i] != NULL; i++)
        if (strcmp(tme_output_formats[i]->name, name) == 0)
            return tme_output_formats[i];
    return NULL;
}

static double cpu_seconds(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Writes count units, cycling the pairs, documents of UNITS_PER_DOCUMENT. */
static tme_status write_units(tme_writer *w, const pair_file *pairs, size_t count, tme_error *err)
{
    char document[64];
    for (size_t k = 0; k < count; k++) {
        size_t d = k / UNITS_PER_DOCUMENT, i = k % UNITS_PER_DOCUMENT, p = k % pairs->n_pairs;
        if (i == 0) {
            snprintf(document, sizeof document, "bench/doc-%zu.txt", d);
            if (tme_writer_begin_document(w, document, d, err) != TME_OK)
                return err->status;
        }
        tme_unit unit = {pairs->sides[2 * p],
                         pairs->sides[2 * p + 1],
                         0.5 + 0.0001 * (double)i,
                         document,
                         d,
                         i,
                         NULL,
                         NULL};
        if (tme_writer_write(w, &unit, err) != TME_OK)
            return err->status;
        if ((i + 1 == UNITS_PER_DOCUMENT || k + 1 == count) &&
            tme_writer_end_document(w, err) != TME_OK)
            return err->status;
    }
    return TME_OK;
}

int main(int argc, char **argv)
{
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: writer-ceiling FORMAT UNITS.tsv COUNT OUTPUT [GZIP_THREADS]\n");
        return 2;
    }
    const tme_output_format *format = format_named(argv[1]);
    pair_file pairs = {0};
    size_t count = strtoul(argv[3], NULL, 10);
    if (format == NULL || load_pairs(argv[2], &pairs) != 0 || count == 0) {
        fprintf(stderr, "writer-ceiling: no format %s, or no pairs in %s\n", argv[1], argv[2]);
        return 2;
    }
    size_t len = strlen(argv[4]);
    int level = len > 3 && strcmp(argv[4] + len - 3, ".gz") == 0 ? 6 : TME_SINK_PLAIN;
    tme_error err;
    tme_error_clear(&err);
    tme_option_values values;
    if (tme_option_values_init(&values, &err) != TME_OK ||
        (argc == 6 && tme_option_values_set(&values, "gzip-threads", argv[5], &err) != TME_OK)) {
        fprintf(stderr, "writer-ceiling: %s\n", err.message);
        return 2;
    }
    tme_writer_context context = {.source_lang = "en",
                                  .target_lang = "zh-CN",
                                  .segtype = "sentence",
                                  .tool_version = "bench",
                                  .creation_time = 1700000000,
                                  .options = &values};
    double start = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID),
           thread_start = cpu_seconds(CLOCK_THREAD_CPUTIME_ID);
    tme_writer *w = tme_writer_open(format, argv[4], level, &context, &err);
    tme_status status = w == NULL ? err.status : write_units(w, &pairs, count, &err);
    if (w != NULL && status != TME_OK)
        tme_writer_abort(w);
    else if (w != NULL)
        status = tme_writer_finish(w, &err);
    if (status != TME_OK) {
        fprintf(stderr, "writer-ceiling: %s\n", err.message);
        return 1;
    }
    double seconds = cpu_seconds(CLOCK_PROCESS_CPUTIME_ID) - start;
    double thread_seconds = cpu_seconds(CLOCK_THREAD_CPUTIME_ID) - thread_start;
    double bytes = (double)pairs.text_bytes * (double)count / (double)pairs.n_pairs;
    printf("%s %zu %.3f %.0f %.1f %.0f\n", argv[1], count, seconds, (double)count / seconds,
           bytes / 1e6 / seconds, (double)count / thread_seconds);
    tme_option_values_free(&values);
    free(pairs.sides);
    free(pairs.text);
    return 0;
}
