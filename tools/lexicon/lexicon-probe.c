/* SPDX-License-Identifier: MIT */
/* tme-lexicon-probe: looks at the lexicon from the outside.
 *
 *   tme-lexicon-probe [--lexicon PATH] [--add GLOSSARY]... load [N]
 *       load time (clock_gettime; with N, the fastest of N loads: the
 *       machine may be shared), peak RSS (getrusage) and entry counts
 *   tme-lexicon-probe [...] measure GOLD.tsv...
 *       true vs shifted pair overlap per gold file and in total
 *   tme-lexicon-probe [...] match ENGLISH CHINESE
 *       the English lemmas, their weights, and which the Chinese translates
 *   tme-lexicon-probe [...] bench GOLD.tsv
 *       the matcher's speed: preparing each unit's sentences, scoring each
 *       English sentence against 5 Chinese neighbours (fastest of 10 rounds)
 *
 * Without --lexicon it loads tme_lexicon_default_path(). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "lexicon.h"
#include "measure.h"

#define MAX_GLOSSARIES 16

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

static int report_load(const tme_lexicon *lex, const char *path, double ms, long rss_before)
{
    tme_lexicon_stats s = tme_lexicon_get_stats(lex);
    printf("%s\n  lemmas %zu, headwords %zu, pairs %zu, characters %zu\n", path ? path : "(none)",
           s.lemmas, s.headwords, s.pairs, s.characters);
    printf("  load %.1f ms; tables %.1f MB; peak RSS %ld KB (%ld KB before loading)\n", ms,
           (double)s.bytes / 1e6, peak_rss_kb(), rss_before);
    return 0;
}

static int measure(const tme_lexicon *lex, char **golds, int n)
{
    tme_measure total;
    memset(&total, 0, sizeof total);
    for (int i = 0; i < n; i++) {
        tme_measure m;
        memset(&m, 0, sizeof m);
        tme_error err;
        tme_error_clear(&err);
        if (tme_measure_gold(lex, golds[i], &m, &err) != TME_OK ||
            tme_measure_gold(lex, golds[i], &total, &err) != TME_OK) {
            fprintf(stderr, "tme-lexicon-probe: %s\n", err.message);
            return 1;
        }
        tme_measure_print(stdout, golds[i], &m);
    }
    if (n > 1)
        tme_measure_print(stdout, "total", &total);
    return 0;
}

static int match(const tme_lexicon *lex, const char *en_text, const char *zh_text)
{
    tme_lexicon_en en = {0};
    tme_lexicon_zh zh = {0};
    tme_error err;
    tme_error_clear(&err);
    if (tme_lexicon_prepare_en(lex, en_text, strlen(en_text), &en, &err) != TME_OK ||
        tme_lexicon_prepare_zh(lex, zh_text, strlen(zh_text), &zh, &err) != TME_OK) {
        fprintf(stderr, "tme-lexicon-probe: %s\n", err.message);
        return 1;
    }
    printf("English: %zu content words, %zu known lemmas\n", en.content_words, en.n);
    tme_lexicon_zh one = zh;
    for (size_t i = 0; i < en.n; i++) {
        tme_lexicon_en single = {&en.lemmas[i], 1, 1, 1};
        tme_lexicon_overlap o = tme_lexicon_score(lex, &single, 1, &one, 1);
        printf("  %-20s %.3f %s\n", tme_lexicon_lemma_text(lex, en.lemmas[i]),
               tme_lexicon_lemma_weight(lex, en.lemmas[i]), o.matched ? "matched" : "");
    }
    printf("Chinese: %zu headwords found:", zh.n_headwords);
    for (size_t i = 0; i < zh.n_headwords; i++) {
        char buf[4 * TME_LEXICON_MAX_HEADWORD_CHARS + 1];
        tme_lexicon_headword_text(lex, zh.headwords[i], buf);
        printf(" %s", buf);
    }
    tme_lexicon_overlap o = tme_lexicon_score(lex, &en, 1, &zh, 1);
    printf("\nmatched %zu of %zu (weight %.3f of %.3f)\n", o.matched, o.en_lemmas, o.matched_weight,
           o.en_weight);
    tme_lexicon_en_free(&en);
    tme_lexicon_zh_free(&zh);
    return 0;
}

/* The gold file's sentences, English and Chinese, as byte spans into text. */
typedef struct {
    const char *en, *zh;
    size_t en_len, zh_len;
} span_pair;

static size_t read_spans(char *text, size_t len, span_pair *out, size_t cap)
{
    size_t n = 0;
    for (char *at = text; at < text + len && n < cap;) {
        char *newline = memchr(at, '\n', (size_t)(text + len - at));
        char *stop = newline ? newline : text + len;
        char *tab = memchr(at, '\t', (size_t)(stop - at));
        if (tab != NULL)
            out[n++] = (span_pair){at, tab + 1, (size_t)(tab - at), (size_t)(stop - tab - 1)};
        at = stop + 1;
    }
    return n;
}

#define BENCH_MAX_UNITS 4096
#define BENCH_NEIGHBOURS 5

static int bench(const tme_lexicon *lex, const char *gold)
{
    FILE *f = fopen(gold, "rb");
    if (f == NULL) {
        perror(gold);
        return 1;
    }
    static char text[1 << 22];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    static span_pair spans[BENCH_MAX_UNITS];
    static tme_lexicon_en en[BENCH_MAX_UNITS];
    static tme_lexicon_zh zh[BENCH_MAX_UNITS];
    size_t n = read_spans(text, len, spans, BENCH_MAX_UNITS);
    if (n <= BENCH_NEIGHBOURS) {
        fprintf(stderr, "tme-lexicon-probe: %s: too few units\n", gold);
        return 1;
    }
    tme_error err;
    tme_error_clear(&err);
    double best_en = 1e30, best_zh = 1e30, best_score = 1e30, sink = 0;
    for (int round = 0; round < 10; round++) {
        double t0 = now_ms();
        for (size_t i = 0; i < n; i++)
            tme_lexicon_prepare_en(lex, spans[i].en, spans[i].en_len, &en[i], &err);
        double t1 = now_ms();
        for (size_t i = 0; i < n; i++)
            tme_lexicon_prepare_zh(lex, spans[i].zh, spans[i].zh_len, &zh[i], &err);
        double t2 = now_ms();
        for (size_t i = 0; i + BENCH_NEIGHBOURS <= n; i++)
            for (size_t k = 0; k < BENCH_NEIGHBOURS; k++)
                sink += tme_lexicon_score(lex, &en[i], 1, &zh[i + k], 1).matched_weight;
        double t3 = now_ms();
        best_en = t1 - t0 < best_en ? t1 - t0 : best_en;
        best_zh = t2 - t1 < best_zh ? t2 - t1 : best_zh;
        best_score = t3 - t2 < best_score ? t3 - t2 : best_score;
    }
    size_t pairs = (n - BENCH_NEIGHBOURS + 1) * BENCH_NEIGHBOURS;
    printf("%s: %zu units; prepare English %.2f us, Chinese %.2f us per sentence; score "
           "%.0f ns per pair (%zu pairs)%s\n",
           gold, n, best_en * 1e3 / (double)n, best_zh * 1e3 / (double)n,
           best_score * 1e6 / (double)pairs, pairs, sink < 0 ? "" : "");
    for (size_t i = 0; i < n; i++) {
        tme_lexicon_en_free(&en[i]);
        tme_lexicon_zh_free(&zh[i]);
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: tme-lexicon-probe [--lexicon PATH] [--add GLOSSARY]... "
                    "load [N] | measure GOLD... | match ENGLISH CHINESE | bench GOLD\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *glossaries[MAX_GLOSSARIES];
    size_t n_glossaries = 0;
    int i = 1;
    for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (strcmp(argv[i], "--lexicon") == 0)
            path = argv[i + 1];
        else if (strcmp(argv[i], "--add") == 0 && n_glossaries < MAX_GLOSSARIES)
            glossaries[n_glossaries++] = argv[i + 1];
        else
            return usage();
    }
    if (i >= argc)
        return usage();
    tme_error err;
    tme_error_clear(&err);
    char default_path[4096];
    if (path == NULL) {
        if (tme_lexicon_default_path(default_path, sizeof default_path, &err) != TME_OK) {
            fprintf(stderr, "tme-lexicon-probe: %s\n", err.message);
            return 1;
        }
        path = default_path;
    }
    long rss_before = peak_rss_kb();
    double start = now_ms();
    tme_lexicon *lex;
    if (tme_lexicon_load(path, glossaries, n_glossaries, &lex, &err) != TME_OK) {
        fprintf(stderr, "tme-lexicon-probe: %s\n", err.message);
        return 1;
    }
    double ms = now_ms() - start;
    const char *command = argv[i];
    int rc;
    if (strcmp(command, "load") == 0 && argc - i <= 2) {
        for (int run = 1; argc - i == 2 && run < atoi(argv[i + 1]); run++) {
            tme_lexicon *again;
            double again_start = now_ms();
            if (tme_lexicon_load(path, glossaries, n_glossaries, &again, &err) != TME_OK)
                break;
            double again_ms = now_ms() - again_start;
            ms = again_ms < ms ? again_ms : ms;
            tme_lexicon_free(again);
        }
        rc = report_load(lex, path, ms, rss_before);
    } else if (strcmp(command, "measure") == 0 && argc - i >= 2)
        rc = measure(lex, argv + i + 1, argc - i - 1);
    else if (strcmp(command, "bench") == 0 && argc - i == 2)
        rc = bench(lex, argv[i + 1]);
    else if (strcmp(command, "match") == 0 && argc - i == 3)
        rc = match(lex, argv[i + 1], argv[i + 2]);
    else
        rc = usage();
    tme_lexicon_free(lex);
    return rc;
}
