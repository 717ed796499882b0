/* SPDX-License-Identifier: MIT */
#include "measure.h"

#include <stdlib.h>
#include <string.h>

#include "stream.h"

typedef struct {
    tme_lexicon_en *en;
    tme_lexicon_zh *zh;
    size_t n, cap;
} units;

static void free_units(units *u)
{
    for (size_t i = 0; i < u->n; i++) {
        tme_lexicon_en_free(&u->en[i]);
        tme_lexicon_zh_free(&u->zh[i]);
    }
    free(u->en);
    free(u->zh);
}

static tme_status add_unit(const tme_lexicon *lex, units *u, const char *line, size_t len,
                           tme_error *err)
{
    const char *tab = memchr(line, '\t', len);
    if (tab == NULL)
        return TME_OK;
    if (u->n == u->cap) {
        size_t cap = u->cap ? 2 * u->cap : 64;
        tme_lexicon_en *en = realloc(u->en, cap * sizeof *en);
        if (en != NULL)
            u->en = en;
        tme_lexicon_zh *zh = en ? realloc(u->zh, cap * sizeof *zh) : NULL;
        if (zh == NULL)
            return tme_error_nomem(err);
        u->zh = zh;
        u->cap = cap;
    }
    memset(&u->en[u->n], 0, sizeof *u->en);
    memset(&u->zh[u->n], 0, sizeof *u->zh);
    u->n++;
    tme_status status =
        tme_lexicon_prepare_en(lex, line, (size_t)(tab - line), &u->en[u->n - 1], err);
    if (status == TME_OK)
        status = tme_lexicon_prepare_zh(lex, tab + 1, (size_t)(line + len - tab - 1),
                                        &u->zh[u->n - 1], err);
    return status;
}

static void compare(tme_measure_side *s, double true_score, double shifted_score, double total)
{
    if (true_score > shifted_score)
        s->wins++;
    else if (true_score == shifted_score)
        s->ties++;
    else
        s->losses++;
    if (total > 0) {
        s->true_share += true_score / total;
        s->shifted_share += shifted_score / total;
    }
}

static void measure_units(const tme_lexicon *lex, const units *u, tme_measure *m)
{
    m->units += u->n;
    for (size_t i = 0; i + 1 < u->n; i++) {
        tme_lexicon_overlap t = tme_lexicon_score(lex, &u->en[i], 1, &u->zh[i], 1);
        tme_lexicon_overlap s = tme_lexicon_score(lex, &u->en[i], 1, &u->zh[i + 1], 1);
        m->compared++;
        if (t.en_lemmas > 0)
            m->shared++;
        compare(&m->count, (double)t.matched, (double)s.matched, (double)t.en_lemmas);
        compare(&m->weight, t.matched_weight, s.matched_weight, t.en_weight);
    }
}

tme_status tme_measure_gold(const tme_lexicon *lex, const char *gold_path, tme_measure *m,
                            tme_error *err)
{
    tme_stream *in;
    unsigned char *data;
    size_t len;
    tme_status status = tme_stream_open_file(gold_path, &in, err);
    if (status != TME_OK)
        return status;
    status = tme_stream_read_all(in, &data, &len, err);
    tme_stream_close(in);
    if (status != TME_OK)
        return status;
    units u = {NULL, NULL, 0, 0};
    const char *at = (const char *)data, *end = at + len;
    while (status == TME_OK && at < end) {
        const char *newline = memchr(at, '\n', (size_t)(end - at));
        const char *stop = newline ? newline : end;
        status = add_unit(lex, &u, at, (size_t)(stop - at), err);
        at = stop + 1;
    }
    if (status == TME_OK)
        measure_units(lex, &u, m);
    free_units(&u);
    free(data);
    return status;
}

double tme_measure_win_rate(const tme_measure_side *s)
{
    size_t n = s->wins + s->ties + s->losses;
    return n ? (double)s->wins / (double)n : 0;
}

double tme_measure_mean(const tme_measure *m, double sum)
{
    return m->shared ? sum / (double)m->shared : 0;
}

static void print_side(FILE *out, const char *name, const tme_measure *m, const tme_measure_side *s)
{
    size_t n = s->wins + s->ties + s->losses;
    double d = n ? (double)n / 100 : 1;
    fprintf(out, "  %s: share true %.3f shifted %.3f, win %.1f%% tie %.1f%% loss %.1f%%", name,
            tme_measure_mean(m, s->true_share), tme_measure_mean(m, s->shifted_share),
            (double)s->wins / d, (double)s->ties / d, (double)s->losses / d);
}

void tme_measure_print(FILE *out, const char *label, const tme_measure *m)
{
    fprintf(out, "%-32s units %4zu pairs %4zu", label, m->units, m->compared);
    print_side(out, "count", m, &m->count);
    print_side(out, "idf", m, &m->weight);
    fputc('\n', out);
}
