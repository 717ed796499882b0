/* SPDX-License-Identifier: MIT */
/* Tests of the English–Chinese sentence aligner. */
#include "align.h"
#include "align_anchors.h"
#include "align_lexical.h"
#include "align_prune.h"
#include "align_term_bounds.h"
#include "array.h"
#include "lexicon.h"
#include "test_support.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

/* ---- helpers ----------------------------------------------------------- */

typedef struct {
    tme_bead *beads;
    size_t n;
    int rc;
} alignment;

/* The features of sentences given as strings: joined by line feeds into
 * one text (*text, to free), each string a span. */
static tme_features features_of_list(const char *const *sentences, size_t n, tme_lang lang,
                                     const tme_lexicon *lexicon, char **text)
{
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += strlen(sentences[k]) + 1;
    *text = malloc(len + 1);
    tme_span *spans = malloc((n + 1) * sizeof *spans);
    CU_ASSERT_FATAL(*text != NULL && spans != NULL);
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(sentences[k]);
        memcpy(*text + at, sentences[k], l);
        spans[k] = (tme_span){at, at + l};
        at += l;
        (*text)[at++] = '\n';
    }
    tme_features f;
    tme_error err = {TME_OK, ""};
    CU_ASSERT_EQUAL_FATAL(tme_features_of_spans(*text, at, lang, spans, n, lexicon, &f, &err),
                          TME_OK);
    free(spans);
    return f;
}

static alignment align_lists(const char *const *en, size_t n_en, const char *const *zh, size_t n_zh)
{
    alignment a;
    char *en_text, *zh_text;
    tme_features ef = features_of_list(en, n_en, TME_LANG_EN, NULL, &en_text);
    tme_features zf = features_of_list(zh, n_zh, TME_LANG_ZH, NULL, &zh_text);
    tme_error err = {TME_OK, ""};
    a.rc = tme_align(&ef, &zf, &a.beads, &a.n, &err);
    tme_features_free(&ef);
    tme_features_free(&zf);
    free(en_text);
    free(zh_text);
    return a;
}

static int bead_is(const tme_bead *b, size_t eb, size_t ee, size_t zb, size_t ze)
{
    return b->en_begin == eb && b->en_end == ee && b->zh_begin == zb && b->zh_end == ze;
}

/* Beads cover both sides in order, without gaps. */
static int beads_cover(const alignment *a, size_t n_en, size_t n_zh)
{
    size_t e = 0, z = 0;
    for (size_t k = 0; k < a->n; k++) {
        if (a->beads[k].en_begin != e || a->beads[k].zh_begin != z)
            return 0;
        if (a->beads[k].en_end == e && a->beads[k].zh_end == z)
            return 0;
        if (a->beads[k].score < 0 || a->beads[k].score > 1)
            return 0;
        e = a->beads[k].en_end;
        z = a->beads[k].zh_end;
    }
    return e == n_en && z == n_zh;
}

/* A growable list of malloc'd strings. */
typedef struct {
    char **items;
    size_t n, cap;
} string_list;

static void list_push(string_list *l, const char *s, size_t len)
{
    CU_ASSERT_FATAL(TME_ARRAY_RESERVE(l->items, l->cap, l->n + 1) == TME_OK);
    char *copy = malloc(len + 1);
    CU_ASSERT_FATAL(copy != NULL);
    memcpy(copy, s, len);
    copy[len] = '\0';
    l->items[l->n++] = copy;
}

static void list_free(string_list *l)
{
    for (size_t k = 0; k < l->n; k++)
        free(l->items[k]);
    free(l->items);
    *l = (string_list){0};
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Length of a closing quote or bracket at s, or 0. */
static size_t closer_length(const char *s)
{
    static const char *const closers[] = {
        "\"",           "'",           ")", "\xe2\x80\x9d", "\xe2\x80\x99", "\xe3\x80\x8d",
        "\xe3\x80\x8f", "\xef\xbc\x89"};
    for (size_t k = 0; k < sizeof closers / sizeof closers[0]; k++)
        if (starts_with(s, closers[k]))
            return strlen(closers[k]);
    return 0;
}

/* The word ending just before the period at dot is the last capital of an
 * initialism ("U.S.") or a title such as "Mr". */
static int is_abbreviation(const char *text, const char *dot)
{
    static const char *const titles[] = {"Mr",  "Mrs", "Ms",  "Dr",  "Prof", "St",
                                         "Gen", "Sen", "Rep", "Gov", "No"};
    const char *start = dot;
    while (start > text && start[-1] != ' ' && start[-1] != '.' && start[-1] != '(')
        start--;
    size_t n = (size_t)(dot - start);
    if (n == 1 && *start >= 'A' && *start <= 'Z' && start > text && start[-1] == '.')
        return 1;
    for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++)
        if (strlen(titles[k]) == n && strncmp(start, titles[k], n) == 0)
            return 1;
    return 0;
}

/* A deliberately simple splitter for the test data, independent of the
 * product's segmenter: English ends a sentence at . ! ? (plus closing quotes)
 * before a space and a capital, digit or opening quote, unless the period
 * ends an abbreviation; Chinese ends one after
 * 。！？!? and closing quotes. */
static void split_sentences(const char *text, int chinese, string_list *out)
{
    const char *start = text, *p = text;
    while (*p == ' ')
        start = ++p;
    while (*p) {
        size_t end_len = 0;
        if (chinese && (starts_with(p, "\xe3\x80\x82") || starts_with(p, "\xef\xbc\x81") ||
                        starts_with(p, "\xef\xbc\x9f")))
            end_len = 3;
        else if (*p == '!' || *p == '?' || *p == '.')
            end_len = 1;
        if (end_len == 0 || (chinese && *p == '.')) {
            p++;
            continue;
        }
        const char *q = p + end_len;
        for (size_t c; (c = closer_length(q)) > 0;)
            q += c;
        int split;
        if (chinese) {
            split = *q != '\0';
        } else {
            const char *next = q;
            while (*next == ' ')
                next++;
            int abbreviation = *p == '.' && is_abbreviation(text, p);
            split = next > q && !abbreviation &&
                    ((*next >= 'A' && *next <= 'Z') || (*next >= '0' && *next <= '9') ||
                     *next == '"' || starts_with(next, "\xe2\x80\x9c"));
        }
        if (split) {
            list_push(out, start, (size_t)(q - start));
            while (*q == ' ')
                q++;
            start = q;
        }
        p = q;
    }
    const char *end = p;
    while (end > start && end[-1] == ' ')
        end--;
    if (end > start)
        list_push(out, start, (size_t)(end - start));
}

/* ---- basic alignments --------------------------------------------------- */

static const char *const EN3[] = {
    "The company said on Monday that its revenue rose sharply last year.",
    "Analysts had expected a much smaller increase after a weak first half.",
    "Shares of the company closed higher in New York trading.",
};
static const char *const ZH3[] = {
    "该公司周一表示，其去年收入大幅增长。",
    "由于上半年表现疲软，分析师此前预计增幅会小得多。",
    "该公司股价在纽约交易中收高。",
};

static void test_one_to_one_chain(void)
{
    alignment a = align_lists(EN3, 3, ZH3, 3);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL_FATAL(a.n, 3);
    for (size_t k = 0; k < 3; k++) {
        CU_ASSERT(bead_is(&a.beads[k], k, k + 1, k, k + 1));
        CU_ASSERT(a.beads[k].score > 0.5);
    }
    free(a.beads);
}

static void test_one_to_two_and_two_to_one(void)
{
    /* The English sentence 1 is rendered as two Chinese sentences, and
     * English sentences 2-3 as one Chinese sentence. */
    const char *en[] = {
        ("The news that the Chinese start-up DeepSeek can build artificial intelligence "
         "models that are as good as OpenAI's, and at a fraction of the cost, tanked the "
         "stock market on Monday and sent Silicon Valley into a panic."),
        "It was a shock.",
        "Nobody in the industry had seen it coming, executives said.",
        "Officials in Beijing praised the company on Tuesday.",
    };
    const char *zh[] = {
        ("中国初创公司DeepSeek可以建立与OpenAI不相上下的人工智能模型，而且成本仅为OpenAI的"
         "几分之一。"),
        "周一，这个消息令股市暴跌，硅谷陷入恐慌。",
        "高管们说，这是一个冲击，业内没有人预料到。",
        "北京官员周二赞扬了这家公司。",
    };
    alignment a = align_lists(en, 4, zh, 4);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL_FATAL(a.n, 3);
    CU_ASSERT(bead_is(&a.beads[0], 0, 1, 0, 2));
    CU_ASSERT(bead_is(&a.beads[1], 1, 3, 2, 3));
    CU_ASSERT(bead_is(&a.beads[2], 3, 4, 3, 4));
    for (size_t k = 0; k < a.n; k++)
        CU_ASSERT(a.beads[k].score > 0.3);
    free(a.beads);
}

static void test_extra_sentence_is_unmatched_with_zero_score(void)
{
    const char *en[] = {
        EN3[0],
        EN3[1],
        ("Photograph: traders work on the floor of the New York Stock Exchange during the "
         "afternoon session on 14 March 2024, shortly before the closing bell rang."),
        EN3[2],
    };
    alignment a = align_lists(en, 4, ZH3, 3);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL_FATAL(a.n, 4);
    CU_ASSERT(bead_is(&a.beads[0], 0, 1, 0, 1));
    CU_ASSERT(bead_is(&a.beads[1], 1, 2, 1, 2));
    CU_ASSERT(bead_is(&a.beads[2], 2, 3, 2, 2));
    CU_ASSERT_DOUBLE_EQUAL(a.beads[2].score, 0.0, 1e-12);
    CU_ASSERT(bead_is(&a.beads[3], 3, 4, 2, 3));
    free(a.beads);

    const char *zh[] = {ZH3[0],
                        "（本文原载于2024年3月5日出版的经济参考报第三版，"
                        "转载请注明出处并保留作者署名。）",
                        ZH3[1], ZH3[2]};
    a = align_lists(EN3, 3, zh, 4);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL_FATAL(a.n, 4);
    CU_ASSERT(bead_is(&a.beads[1], 1, 1, 1, 2));
    CU_ASSERT_DOUBLE_EQUAL(a.beads[1].score, 0.0, 1e-12);
    CU_ASSERT(bead_is(&a.beads[2], 1, 2, 2, 3));
    free(a.beads);
}

/* Two candidate Chinese sentences of equal length for one English sentence:
 * only the anchors can tell which one is its translation. */
static size_t anchored_choice(const char *en, const char *zh_a, const char *zh_b)
{
    const char *en_list[] = {"The ministry published the figures on its website.", en};
    const char *zh_list[] = {"该部在其网站上公布了这些数字。", zh_a, zh_b};
    alignment a = align_lists(en_list, 2, zh_list, 3);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    size_t chosen = 0;
    for (size_t k = 0; k < a.n; k++)
        if (a.beads[k].en_begin == 1 && a.beads[k].en_end == 2 &&
            a.beads[k].zh_end - a.beads[k].zh_begin == 1)
            chosen = a.beads[k].zh_begin;
    free(a.beads);
    return chosen;
}

static void test_number_anchors(void)
{
    const char *en = "About 2,000 people attended the rally in the capital on Saturday, the police "
                     "said in a statement.";
    const char *with_number = "警方在一份声明中说，周六约有2000人参加了首都的集会。";
    const char *without = "警方在一份声明中说，周六有大批民众参加了首都的集会。";
    CU_ASSERT_EQUAL(anchored_choice(en, with_number, without), 1);
    CU_ASSERT_EQUAL(anchored_choice(en, without, with_number), 2);
    /* 16,000 <-> 1.6万, and 1.6 billion <-> 16亿 */
    CU_ASSERT_EQUAL(anchored_choice("The city hired 16,000 new teachers this year, according to "
                                    "the education bureau.",
                                    "据教育局称，该市今年新聘了大量的年轻教师。",
                                    "据教育局称，该市今年新聘了1.6万名教师。"),
                    2);
    CU_ASSERT_EQUAL(anchored_choice("The deal is worth $1.6 billion, the company said in a "
                                    "filing on Friday.",
                                    "该公司周五在一份文件中称，这笔交易价值16亿美元。",
                                    "该公司周五在一份文件中称，这笔交易价值极其巨大。"),
                    1);
}

static void test_latin_token_anchors(void)
{
    CU_ASSERT_EQUAL(anchored_choice("Nvidia shares fell sharply after the announcement on "
                                    "Monday, analysts said.",
                                    "分析师说，周一消息公布后，该公司股价大幅下跌。",
                                    "分析师说，周一消息公布后，Nvidia股价大幅下跌。"),
                    2);
    CU_ASSERT_EQUAL(anchored_choice("OpenAI declined to comment on the report when reached by "
                                    "telephone on Tuesday.",
                                    "OpenAI周二在接受电话采访时拒绝对该报道置评。",
                                    "DeepSeek周二在接受电话采访时拒绝对该报道置评。"),
                    1);
}

static void test_well_supported_bead_scores_high(void)
{
    const char *en[] = {"DeepSeek said its model cost about $6 million to train."};
    const char *zh_good[] = {"DeepSeek表示，其模型的训练成本约为600万美元。"};
    const char *zh_bad[] = {"他说。"};
    alignment good = align_lists(en, 1, zh_good, 1), bad = align_lists(en, 1, zh_bad, 1);
    CU_ASSERT_EQUAL_FATAL(good.rc, 0);
    CU_ASSERT_EQUAL_FATAL(bad.rc, 0);
    CU_ASSERT_EQUAL_FATAL(good.n, 1);
    CU_ASSERT(good.beads[0].score > 0.9);
    /* The bad pair is either dropped as 1-0 + 0-1 or kept with a low score. */
    for (size_t k = 0; k < bad.n; k++)
        CU_ASSERT(bad.beads[k].score < 0.3);
    free(good.beads);
    free(bad.beads);
}

static void test_empty_sides(void)
{
    alignment a = align_lists(NULL, 0, NULL, 0);
    CU_ASSERT_EQUAL(a.rc, 0);
    CU_ASSERT_EQUAL(a.n, 0);
    free(a.beads);

    a = align_lists(EN3, 3, NULL, 0);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL_FATAL(a.n, 3);
    CU_ASSERT(beads_cover(&a, 3, 0));
    for (size_t k = 0; k < 3; k++)
        CU_ASSERT_DOUBLE_EQUAL(a.beads[k].score, 0.0, 1e-12);
    free(a.beads);

    a = align_lists(NULL, 0, ZH3, 2);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL_FATAL(a.n, 2);
    CU_ASSERT(bead_is(&a.beads[1], 0, 0, 1, 2));
    free(a.beads);

    const char *blank[] = {""};
    a = align_lists(blank, 1, ZH3, 1);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT(beads_cover(&a, 1, 1));
    free(a.beads);
}

/* ---- scale ------------------------------------------------------------- */

#define BIG 10000

static void test_ten_thousand_sentences(void)
{
    const char **en = malloc(BIG * sizeof *en), **zh = malloc(BIG * sizeof *zh);
    CU_ASSERT_FATAL(en != NULL && zh != NULL);
    for (size_t k = 0; k < BIG; k++) {
        en[k] = EN3[k % 3];
        zh[k] = ZH3[k % 3];
    }
    alignment a = align_lists(en, BIG, zh, BIG);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT_EQUAL(a.n, BIG);
    CU_ASSERT(beads_cover(&a, BIG, BIG));
    size_t one_to_one = 0;
    for (size_t k = 0; k < a.n; k++)
        one_to_one += bead_is(&a.beads[k], k, k + 1, k, k + 1);
    CU_ASSERT_EQUAL(one_to_one, BIG);
    free(a.beads);

    /* Very unequal counts must not blow up: 10,000 against 3. */
    a = align_lists(en, BIG, zh, 3);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT(beads_cover(&a, BIG, 3));
    free(a.beads);
    a = align_lists(en, 3, zh, BIG);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT(beads_cover(&a, 3, BIG));
    free(a.beads);
    free(en);
    free(zh);
}

static void split_line(char *line, char **en, char **zh)
{
    char *tab = strchr(line, '\t');
    CU_ASSERT_FATAL(tab != NULL);
    *tab = '\0';
    *en = line;
    *zh = tab + 1;
}

/* ---- pruned search ------------------------------------------------------ */

/* Long pairs whose band is much narrower than the matrix: the gold units of
 * several samples one after another, each unit's sides one sentence, with
 * every drop_en-th English and every drop_zh-th Chinese unit side left out
 * (0: none) and Chinese units [gap, gap + gap_len) too, so that the best
 * path leaves the diagonal and takes indels. */
typedef struct {
    string_list en, zh;
} long_pair;

static const char *const PRUNE_SAMPLES[] = {
    "samples/un-charter-ch1-3/gold.tsv",
    "samples/k8s-docs-overview/gold.tsv",
    "samples/k8s-blog-dont-panic/gold.tsv",
    "samples/python-tutorial-appetite/gold.tsv",
    "samples/deepseek-bilingual.gold.tsv",
    "samples/parallel/gold.tsv",
    "samples/python-tutorial-classes-zh-tw/gold.tsv",
};

static long_pair long_pair_of(size_t drop_en, size_t drop_zh, size_t gap, size_t gap_len)
{
    long_pair lp = {{0}, {0}};
    size_t unit = 0;
    for (size_t f = 0; f < sizeof PRUNE_SAMPLES / sizeof *PRUNE_SAMPLES; f++) {
        size_t len;
        char *text = tme_test_read_file(tme_test_source_path(PRUNE_SAMPLES[f]), &len);
        CU_ASSERT_FATAL(text != NULL);
        char *save = NULL;
        for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            char *en, *zh;
            split_line(line, &en, &zh);
            unit++;
            if (drop_en == 0 || unit % drop_en != 0)
                list_push(&lp.en, en, strlen(en));
            if ((drop_zh == 0 || unit % drop_zh != 0) && (unit < gap || unit >= gap + gap_len))
                list_push(&lp.zh, zh, strlen(zh));
        }
        free(text);
    }
    return lp;
}

static tme_lexicon *prune_lexicon;

/* The aligner's model of a long pair, with the lexicon (the pruning needs
 * its bounds to be tight). */
static void model_of(const long_pair *lp, tme_align_model *m, tme_features *ef, tme_features *zf,
                     char **texts)
{
    if (prune_lexicon == NULL) {
        tme_error err = {TME_OK, ""};
        CU_ASSERT_EQUAL_FATAL(
            tme_lexicon_load(tme_test_source_path("data/lexicon/" TME_LEXICON_FILE_NAME), NULL, 0,
                             &prune_lexicon, &err),
            TME_OK);
    }
    *ef = features_of_list((const char *const *)lp->en.items, lp->en.n, TME_LANG_EN, prune_lexicon,
                           &texts[0]);
    *zf = features_of_list((const char *const *)lp->zh.items, lp->zh.n, TME_LANG_ZH, prune_lexicon,
                           &texts[1]);
    tme_error err = {TME_OK, ""};
    CU_ASSERT_EQUAL_FATAL(tme_align_model_init(m, ef, zf, &err), TME_OK);
    CU_ASSERT_FATAL(m->cache != NULL); /* the lexicon is active */
    CU_ASSERT_EQUAL_FATAL(tme_align_prepare_floors(m), 0);
}

/* The band the aligner searches (align.c) and the narrow one within it, of
 * half widths wide and narrow sentences. */
static void bands_of(tme_align_model *m, size_t wide, size_t narrow, tme_align_band *bd,
                     tme_align_band *nb)
{
    tme_align_point *points;
    size_t n;
    CU_ASSERT_EQUAL_FATAL(tme_align_anchors(m, &points, &n), 0);
    CU_ASSERT_FATAL(n > 2);
    size_t ratio = (m->n_zh + m->n_en - 1) / m->n_en;
    ratio = ratio > 1 ? ratio : 1;
    CU_ASSERT_EQUAL_FATAL(tme_align_band_around(bd, m->n_en, m->n_zh, points, n, wide * ratio), 0);
    CU_ASSERT_EQUAL_FATAL(tme_align_band_around(nb, m->n_en, m->n_zh, points, n, narrow * ratio),
                          0);
    free(points);
}

static int same_beads(const tme_bead *a, size_t na, const tme_bead *b, size_t nb)
{
    for (size_t k = 0; na == nb && k < na; k++)
        if (!bead_is(&a[k], b[k].en_begin, b[k].en_end, b[k].zh_begin, b[k].zh_end))
            return 0;
    return na == nb;
}

static void free_pair(long_pair *lp, tme_align_model *m, tme_features *ef, tme_features *zf,
                      char **texts)
{
    tme_align_model_free(m);
    tme_features_free(ef);
    tme_features_free(zf);
    free(texts[0]);
    free(texts[1]);
    list_free(&lp->en);
    list_free(&lp->zh);
}

/* The pruned search gives the beads of the whole band's, having kept at
 * most kept_share of its cells (and without falling back on the whole
 * band: a margin or floors too high would cut the best path off, and it
 * would). */
static void check_pruned(size_t drop_en, size_t drop_zh, size_t gap, size_t gap_len,
                         double kept_share)
{
    long_pair lp = long_pair_of(drop_en, drop_zh, gap, gap_len);
    tme_align_model m;
    tme_features ef, zf;
    char *texts[2];
    model_of(&lp, &m, &ef, &zf, texts);
    tme_align_band bd, nb;
    bands_of(&m, TME_BAND_HALF_WIDTH, TME_PRUNE_HALF_WIDTH, &bd, &nb);
    tme_bead *whole, *pruned;
    size_t n_whole, n_pruned;
    tme_prune_report report;
    CU_ASSERT_EQUAL_FATAL(tme_align_band_search(&bd, &m, &whole, &n_whole), 0);
    CU_ASSERT_EQUAL_FATAL(tme_align_band_search_pruned(&bd, &nb, &m, &pruned, &n_pruned, &report),
                          0);
    CU_ASSERT(same_beads(whole, n_whole, pruned, n_pruned));
    CU_ASSERT_FALSE(report.whole);
    CU_ASSERT((double)report.kept < kept_share * (double)report.cells);
    free(whole);
    free(pruned);
    tme_align_band_free(&bd);
    tme_align_band_free(&nb);
    free_pair(&lp, &m, &ef, &zf, texts);
}

static void test_pruned_search_same_beads(void)
{
    check_pruned(0, 0, 0, 0, 0.4);
    check_pruned(11, 7, 0, 0, 0.4);
    check_pruned(13, 0, 150, 40, 0.4);
    /* the anchors do not follow this gap: the narrow band's best path is
     * far from the best, and its cost bounds loosely; the greedy path's
     * bounds closer (kept 0.86 of the cells on the narrow band's bound
     * alone, 0.30 with the greedy path's) */
    check_pruned(0, 9, 300, 25, 0.5);
}

/* The least sum of bead costs over the paths within the band from each
 * cell to the end, backwards; bead_cost(context, k, ee, ze) is the cost of
 * the bead of kind k ending at (ee, ze). */
static double *least_to_end(const tme_align_band *bd,
                            double (*bead_cost)(void *context, size_t k, size_t ee, size_t ze),
                            void *context)
{
    double *to_end = malloc(bd->row_offset[bd->n_en + 1] * sizeof *to_end);
    CU_ASSERT_FATAL(to_end != NULL);
    for (size_t i = bd->n_en + 1; i-- > 0;)
        for (size_t j = bd->row_hi[i] + 1; j-- > bd->row_lo[i];) {
            double best = i == bd->n_en && j == bd->n_zh ? 0 : HUGE_VAL;
            for (size_t k = 0; k < TME_BEAD_KINDS; k++) {
                size_t ee = i + tme_bead_kinds[k].en, ze = j + tme_bead_kinds[k].zh;
                if (ee > bd->n_en || ze > bd->n_zh || !tme_align_band_has(bd, ee, ze))
                    continue;
                double rest = to_end[tme_align_band_cell(bd, ee, ze)];
                double via = rest == HUGE_VAL ? HUGE_VAL : bead_cost(context, k, ee, ze) + rest;
                best = via < best ? via : best;
            }
            to_end[tme_align_band_cell(bd, i, j)] = best;
        }
    return to_end;
}

static double exact_bead_cost(void *model, size_t k, size_t ee, size_t ze)
{
    return tme_align_bead_cost(model, k, ee, ze);
}

/* H: the least exact cost (tme_align_bead_cost) of a path within the band
 * from each cell to the end, by the same recurrence backwards. */
static double *exact_costs_to_end(const tme_align_band *bd, tme_align_model *m)
{
    return least_to_end(bd, exact_bead_cost, m);
}

typedef struct {
    const tme_align_band *bd;
    const double *floors; /* TME_BEAD_KINDS a cell, by the row the beads end in */
} band_floors;

/* Kind k's floor at (ee, ze) in the rows of tme_align_row_floors. */
static double floor_in_rows(const tme_align_band *bd, const double *row, size_t k, size_t ee,
                            size_t ze)
{
    return tme_align_kind_floors(row, bd->row_lo[ee], bd->row_hi[ee], k)[ze - bd->row_lo[ee]];
}

static double floor_of_bead(void *context, size_t k, size_t ee, size_t ze)
{
    const band_floors *f = context;
    return floor_in_rows(f->bd, f->floors + f->bd->row_offset[ee] * TME_BEAD_KINDS, k, ee, ze);
}

/* The floors of the beads the other way round from the search's: from
 * each cell (pulled, not pushed), over every bead's floor. */
static double *floors_pulled(const tme_align_band *bd, const tme_align_band *close,
                             tme_align_model *m)
{
    size_t cells = bd->row_offset[bd->n_en + 1];
    double *floors = malloc(cells * TME_BEAD_KINDS * sizeof *floors);
    tme_term_bounds tb;
    CU_ASSERT_FATAL(floors != NULL);
    CU_ASSERT_EQUAL_FATAL(tme_term_bounds_of_band(&tb, bd, m), 0);
    tme_align_bound_terms(m, tb.en, tb.zh);
    for (size_t i = 0; i <= bd->n_en; i++)
        tme_align_row_floors(m, i, bd->row_lo[i], bd->row_hi[i], close->row_lo[i], close->row_hi[i],
                             floors + bd->row_offset[i] * TME_BEAD_KINDS);
    tme_align_bound_terms(m, NULL, NULL);
    band_floors f = {bd, floors};
    double *to_end = least_to_end(bd, floor_of_bead, &f);
    tme_term_bounds_free(&tb);
    free(floors);
    return to_end;
}

/* How many beads of the band cost less than their floor
 * (tme_align_row_floors with the band's term bounds). */
static size_t floors_above_costs(const tme_align_band *bd, const tme_align_band *close,
                                 tme_align_model *m)
{
    tme_term_bounds tb;
    double *floors = malloc(bd->max_width * TME_BEAD_KINDS * sizeof *floors);
    CU_ASSERT_FATAL(floors != NULL);
    CU_ASSERT_EQUAL_FATAL(tme_term_bounds_of_band(&tb, bd, m), 0);
    tme_align_bound_terms(m, tb.en, tb.zh);
    size_t above = 0;
    for (size_t i = 0; i <= bd->n_en; i++) {
        tme_align_row_floors(m, i, bd->row_lo[i], bd->row_hi[i], close->row_lo[i], close->row_hi[i],
                             floors);
        for (size_t j = bd->row_lo[i]; j <= bd->row_hi[i]; j++)
            for (size_t k = 0; k < TME_BEAD_KINDS; k++) {
                double floor = floor_in_rows(bd, floors, k, i, j);
                if (tme_bead_kinds[k].en <= i && tme_bead_kinds[k].zh <= j)
                    above += floor > tme_align_bead_cost(m, k, i, j);
                else
                    above += floor != HUGE_VAL;
            }
    }
    tme_align_bound_terms(m, NULL, NULL);
    tme_term_bounds_free(&tb);
    free(floors);
    return above;
}

/* The floors the search prunes with are floors: at no cell above the
 * least exact cost from it to the end (but for an allowance for rounding,
 * far below what pruning wrongly would take); they are the least sums of
 * the beads' floors (the same when pulled); and no bead of the band costs
 * less than its floor, not by a rounding (the bounds of the lexical terms,
 * of the anchors, of the length misfit). */
static void test_pruning_floors_are_floors(void)
{
    long_pair lp = long_pair_of(11, 7, 150, 20);
    tme_align_model m;
    tme_features ef, zf;
    char *texts[2];
    model_of(&lp, &m, &ef, &zf, texts);
    tme_align_band bd, nb;
    bands_of(&m, 24, TME_PRUNE_HALF_WIDTH, &bd, &nb);
    size_t cells = bd.row_offset[bd.n_en + 1], above = 0, finite = 0, other = 0;
    double *h = malloc(cells * sizeof *h), *to_end = exact_costs_to_end(&bd, &m);
    double *pulled = floors_pulled(&bd, &nb, &m);
    CU_ASSERT_FATAL(h != NULL);
    CU_ASSERT_EQUAL_FATAL(tme_align_floors_to_end(&bd, &nb, &m, h), 0);
    for (size_t c = 0; c < cells; c++) {
        finite += to_end[c] != HUGE_VAL;
        above += to_end[c] != HUGE_VAL && h[c] > to_end[c] + 1e-9 * (fabs(to_end[c]) + 1);
        other += h[c] != pulled[c] && !(fabs(h[c] - pulled[c]) <= 1e-9 * (fabs(h[c]) + 1));
    }
    CU_ASSERT_EQUAL(other, 0);
    CU_ASSERT_EQUAL(floors_above_costs(&bd, &nb, &m), 0);
    /* and the closer floors everywhere */
    CU_ASSERT_EQUAL(floors_above_costs(&bd, &bd, &m), 0);
    CU_ASSERT(finite > cells / 2);
    CU_ASSERT_EQUAL(above, 0);
    free(h);
    free(to_end);
    free(pulled);
    tme_align_band_free(&bd);
    tme_align_band_free(&nb);
    free_pair(&lp, &m, &ef, &zf, texts);
}

/* ---- gold units of the sample ----------------------------------------- */

typedef struct {
    string_list en, zh;        /* sentences of the paragraph */
    size_t *unit_en, *unit_zh; /* unit k is sentences [unit_en[k], unit_en[k+1]) ... */
    size_t n_units;
} gold_paragraph;

typedef struct {
    size_t units, beads, exact;
} gold_counts;

/* Aligns one gold paragraph and counts beads that equal a gold unit. */
static void score_paragraph(gold_paragraph *p, gold_counts *counts)
{
    alignment a = align_lists((const char *const *)p->en.items, p->en.n,
                              (const char *const *)p->zh.items, p->zh.n);
    CU_ASSERT_EQUAL_FATAL(a.rc, 0);
    CU_ASSERT(beads_cover(&a, p->en.n, p->zh.n));
    counts->units += p->n_units;
    for (size_t k = 0; k < a.n; k++) {
        const tme_bead *b = &a.beads[k];
        if (b->en_begin == b->en_end || b->zh_begin == b->zh_end)
            continue;
        counts->beads++;
        for (size_t u = 0; u < p->n_units; u++)
            counts->exact +=
                bead_is(b, p->unit_en[u], p->unit_en[u + 1], p->unit_zh[u], p->unit_zh[u + 1]);
    }
    free(a.beads);
}

/* Rebuilds each paragraph from its gold units (splitting each unit side
 * into sentences), aligns it and scores the beads against the units. */
static gold_counts align_gold(const char *units_path, const char *paragraphs_path)
{
    size_t ulen, plen;
    char *units = tme_test_read_file(tme_test_source_path(units_path), &ulen);
    char *paras = tme_test_read_file(tme_test_source_path(paragraphs_path), &plen);
    CU_ASSERT_FATAL(units != NULL && paras != NULL);
    gold_counts counts = {0, 0, 0};
    char *usave = NULL, *psave = NULL;
    char *uline = strtok_r(units, "\n", &usave);
    for (char *pline = strtok_r(paras, "\n", &psave); pline; pline = strtok_r(NULL, "\n", &psave)) {
        char *pen, *pzh;
        split_line(pline, &pen, &pzh);
        gold_paragraph p = {{0}, {0}, NULL, NULL, 0};
        size_t cap = 64;
        p.unit_en = calloc(cap + 1, sizeof *p.unit_en);
        p.unit_zh = calloc(cap + 1, sizeof *p.unit_zh);
        CU_ASSERT_FATAL(p.unit_en != NULL && p.unit_zh != NULL);
        size_t en_used = 0, zh_used = 0;
        while (uline && (en_used < strlen(pen) || zh_used < strlen(pzh))) {
            char *uen, *uzh;
            split_line(uline, &uen, &uzh);
            /* The unit must continue the paragraph verbatim. */
            CU_ASSERT_FATAL(strncmp(pen + en_used, uen, strlen(uen)) == 0);
            CU_ASSERT_FATAL(strncmp(pzh + zh_used, uzh, strlen(uzh)) == 0);
            en_used += strlen(uen) + (pen[en_used + strlen(uen)] == ' ');
            zh_used += strlen(uzh);
            split_sentences(uen, 0, &p.en);
            split_sentences(uzh, 1, &p.zh);
            CU_ASSERT_FATAL(p.n_units < cap);
            p.n_units++;
            p.unit_en[p.n_units] = p.en.n;
            p.unit_zh[p.n_units] = p.zh.n;
            uline = strtok_r(NULL, "\n", &usave);
        }
        score_paragraph(&p, &counts);
        list_free(&p.en);
        list_free(&p.zh);
        free(p.unit_en);
        free(p.unit_zh);
    }
    CU_ASSERT(uline == NULL); /* every unit belongs to a paragraph */
    free(units);
    free(paras);
    return counts;
}

static double f1(gold_counts c)
{
    return c.units + c.beads ? 2.0 * (double)c.exact / (double)(c.units + c.beads) : 0;
}

static void check_gold_units(const char *name, const char *units, const char *paragraphs,
                             size_t expected_units)
{
    gold_counts c = align_gold(units, paragraphs);
    printf("\n    %s: %zu units, %zu beads, %zu exact, F1 %.3f ", name, c.units, c.beads, c.exact,
           f1(c));
    CU_ASSERT_EQUAL(c.units, expected_units);
    CU_ASSERT(f1(c) >= 0.97);
}

static void test_sample_gold_units(void)
{
    check_gold_units("deepseek", "samples/deepseek-bilingual.gold.tsv",
                     "samples/deepseek-bilingual.gold-paragraphs.tsv", 54);
}

static void test_other_gold_units(void)
{
    check_gold_units("UN charter", "samples/un-charter-ch1-3/gold.tsv",
                     "samples/un-charter-ch1-3/gold_paragraphs.tsv", 33);
    check_gold_units("k8s overview", "samples/k8s-docs-overview/gold.tsv",
                     "samples/k8s-docs-overview/gold_paragraphs.tsv", 75);
    check_gold_units("k8s blog", "samples/k8s-blog-dont-panic/gold.tsv",
                     "samples/k8s-blog-dont-panic/gold_paragraphs.tsv", 52);
    check_gold_units("python tutorial", "samples/python-tutorial-appetite/gold.tsv",
                     "samples/python-tutorial-appetite/gold_paragraphs.tsv", 34);
}

/* ---- scripts/score-pairs ---------------------------------------------- */

/* Runs scripts/score-pairs on two files with extra options; returns its
 * exit status and leaves its stdout in the file "score.out" of dir. */
static int score_pairs(const char *dir, const char *gold, const char *pairs, const char *options)
{
    char script[4096], command[16384];
    snprintf(script, sizeof script, "%s", tme_test_source_path("scripts/score-pairs"));
    snprintf(command, sizeof command,
             "python3 '%s' '%s' '%s' %s > '%s/score.out' 2> '%s/score.err'", script, gold, pairs,
             options, dir, dir);
    int status = system(command);
    return status == -1 || !WIFEXITED(status) ? -1 : WEXITSTATUS(status);
}

static int output_contains(const char *dir, const char *name, const char *needle)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len;
    char *text = tme_test_read_file(path, &len);
    int found = text != NULL && strstr(text, needle) != NULL;
    free(text);
    return found;
}

static void write_text(const char *dir, const char *name, const char *text, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", dir, name);
    CU_ASSERT_FATAL(tme_test_write_file(path, text, strlen(text)) == 0);
}

static const char GOLD_TSV[] = "One.\t一。\nTwo.\t二。\nThree (3).\t三（3）。\nFour?\t四？\n";

static void test_score_pairs_counts(void)
{
    const char *dir = tme_test_scratch_dir("score_pairs_counts");
    char gold[4096], pairs[4096];
    write_text(dir, "gold.tsv", GOLD_TSV, gold, sizeof gold);

    /* Two exact (one with extra spaces), one coarser, one wrong. */
    write_text(dir, "pairs.tsv",
               "  One.  \t一。\nTwo. Three (3).\t二。三（3）。\nFour?\t三（3）。\n", pairs,
               sizeof pairs);
    CU_ASSERT_EQUAL(score_pairs(dir, gold, pairs, ""), 0);
    CU_ASSERT(output_contains(dir, "score.out", "exact 1 coarser 1 wrong 1"));
    CU_ASSERT(output_contains(dir, "score.out", "precision 0.3333 recall 0.2500"));
    CU_ASSERT(output_contains(dir, "score.err", "WRONG\tFour?"));
    CU_ASSERT_EQUAL(score_pairs(dir, gold, pairs, "--no-wrong"), 1);
    CU_ASSERT_EQUAL(score_pairs(dir, gold, pairs, "--min-f1 0.2"), 0);
    CU_ASSERT_EQUAL(score_pairs(dir, gold, pairs, "--min-f1 0.5"), 1);

    /* The gold itself scores 1. */
    CU_ASSERT_EQUAL(score_pairs(dir, gold, gold, "--min-f1 1 --no-wrong"), 0);
    CU_ASSERT(output_contains(dir, "score.out", "F1 1.0000"));

    CU_ASSERT_EQUAL(score_pairs(dir, gold, "/nonexistent/pairs.tsv", ""), 2);
}

static void test_score_pairs_normalize_punct(void)
{
    const char *dir = tme_test_scratch_dir("score_pairs_punct");
    char gold[4096], pairs[4096];
    write_text(dir, "gold.tsv", GOLD_TSV, gold, sizeof gold);
    write_text(dir, "pairs.tsv", "Three (3).\t三(3)。\nFour?\t四?\n", pairs, sizeof pairs);
    CU_ASSERT_EQUAL(score_pairs(dir, gold, pairs, "--no-wrong"), 1);
    CU_ASSERT_EQUAL(score_pairs(dir, gold, pairs, "--no-wrong --normalize-punct"), 0);
    CU_ASSERT(output_contains(dir, "score.out", "exact 2 coarser 0 wrong 0"));
}

/* Aligns every gold paragraph of a case split by the test splitter (not by
 * unit), writes the pairs the way the extractor does (1-0/0-1 dropped,
 * English joined with a space, Chinese with nothing) and scores them with
 * scripts/score-pairs: F1 floor and no wrong pair. */
static void check_case_end_to_end(const char *tag, const char *gold, const char *paragraphs)
{
    const char *dir = tme_test_scratch_dir(tag);
    char pairs_path[4096];
    snprintf(pairs_path, sizeof pairs_path, "%s/pairs.tsv", dir);
    FILE *out = fopen(pairs_path, "w");
    CU_ASSERT_FATAL(out != NULL);
    size_t len;
    char *text = tme_test_read_file(tme_test_source_path(paragraphs), &len);
    CU_ASSERT_FATAL(text != NULL);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *en_text, *zh_text;
        split_line(line, &en_text, &zh_text);
        string_list en = {0}, zh = {0};
        split_sentences(en_text, 0, &en);
        split_sentences(zh_text, 1, &zh);
        alignment a =
            align_lists((const char *const *)en.items, en.n, (const char *const *)zh.items, zh.n);
        CU_ASSERT_EQUAL_FATAL(a.rc, 0);
        for (size_t k = 0; k < a.n; k++) {
            const tme_bead *b = &a.beads[k];
            if (b->en_begin == b->en_end || b->zh_begin == b->zh_end)
                continue;
            for (size_t e = b->en_begin; e < b->en_end; e++)
                fprintf(out, "%s%s", e > b->en_begin ? " " : "", en.items[e]);
            fputc('\t', out);
            for (size_t z = b->zh_begin; z < b->zh_end; z++)
                fputs(zh.items[z], out);
            fputc('\n', out);
        }
        free(a.beads);
        list_free(&en);
        list_free(&zh);
    }
    free(text);
    CU_ASSERT_FATAL(fclose(out) == 0);
    char gold_path[4096];
    snprintf(gold_path, sizeof gold_path, "%s", tme_test_source_path(gold));
    CU_ASSERT_EQUAL(score_pairs(dir, gold_path, pairs_path, "--min-f1 0.97 --no-wrong"), 0);
}

static void test_samples_end_to_end(void)
{
    check_case_end_to_end("e2e_deepseek", "samples/deepseek-bilingual.gold.tsv",
                          "samples/deepseek-bilingual.gold-paragraphs.tsv");
    check_case_end_to_end("e2e_un", "samples/un-charter-ch1-3/gold.tsv",
                          "samples/un-charter-ch1-3/gold_paragraphs.tsv");
    check_case_end_to_end("e2e_k8s_overview", "samples/k8s-docs-overview/gold.tsv",
                          "samples/k8s-docs-overview/gold_paragraphs.tsv");
    check_case_end_to_end("e2e_k8s_blog", "samples/k8s-blog-dont-panic/gold.tsv",
                          "samples/k8s-blog-dont-panic/gold_paragraphs.tsv");
    check_case_end_to_end("e2e_python", "samples/python-tutorial-appetite/gold.tsv",
                          "samples/python-tutorial-appetite/gold_paragraphs.tsv");
}

/* ---- the lexical masks ---------------------------------------------------- */

/* Every Chinese mask of the model of en and zh, read from the cover rows
 * and again by walking the cover lists (the rows hidden, as for a model too
 * large for them): the same bits. Returns how many masks have a bit. */
static size_t check_masks_agree(const char *en, const char *zh, const tme_lexicon *lex,
                                size_t *row_words)
{
    tme_features ef, zf;
    CU_ASSERT_EQUAL_FATAL(tme_features_of_sentences(en, strlen(en), TME_LANG_EN, lex, &ef, NULL),
                          TME_OK);
    CU_ASSERT_EQUAL_FATAL(tme_features_of_sentences(zh, strlen(zh), TME_LANG_ZH, lex, &zf, NULL),
                          TME_OK);
    tme_lexical lx;
    size_t found = 0;
    CU_ASSERT_EQUAL_FATAL(tme_lexical_init(&lx, &ef, &zf, NULL), TME_OK);
    if (tme_lexical_active(&lx)) {
        uint64_t *rows = lx.bits.zh_covered_by;
        CU_ASSERT_PTR_NOT_NULL(rows);
        *row_words = lx.bits.en_row_words;
        for (size_t j = 0; j < zf.n_sentences; j++)
            for (size_t i = 0; i < ef.n_sentences; i++) {
                uint64_t from_rows = tme_lexical_zh_mask(&lx, j, i);
                lx.bits.zh_covered_by = NULL;
                uint64_t from_lists = tme_lexical_zh_mask(&lx, j, i);
                lx.bits.zh_covered_by = rows;
                CU_ASSERT_EQUAL(from_rows, from_lists);
                found += from_rows != 0;
            }
    }
    tme_lexical_free(&lx);
    tme_features_free(&ef);
    tme_features_free(&zf);
    return found;
}

static void test_cover_rows_give_the_masks(void)
{
    const tme_lexicon *lex = tme_test_cedict();
    size_t len;
    char *tsv = tme_test_read_file(
        tme_test_source_path("samples/deepseek-bilingual.gold-paragraphs.tsv"), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(tsv);
    /* each gold paragraph pair, then all of them three times over as one
     * pair (English sentences past 64: rows of several words) */
    enum { COPIES = 3 };
    char *all_en = calloc(COPIES * (len + 1), 1), *all_zh = calloc(COPIES * (len + 1), 1);
    CU_ASSERT_FATAL(all_en != NULL && all_zh != NULL);
    size_t pairs = 0, found = 0;
    for (char *line = strtok(tsv, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            continue;
        *tab = '\0';
        size_t row_words = 0;
        found += check_masks_agree(line, tab + 1, lex, &row_words);
        strcat(strcat(all_en, *all_en ? " " : ""), line);
        strcat(all_zh, tab + 1);
        pairs++;
    }
    CU_ASSERT(pairs > 20);
    CU_ASSERT(found > 20);
    size_t en_len = strlen(all_en), zh_len = strlen(all_zh);
    for (int copy = 1; copy < COPIES; copy++) {
        all_en[en_len * copy + (size_t)copy - 1] = ' ';
        memcpy(all_en + en_len * copy + (size_t)copy, all_en, en_len);
        memcpy(all_zh + zh_len * copy, all_zh, zh_len);
    }
    size_t row_words = 0;
    CU_ASSERT(check_masks_agree(all_en, all_zh, lex, &row_words) > 1000);
    CU_ASSERT(row_words > 1); /* more than 64 English sentences */
    free(all_en);
    free(all_zh);
    free(tsv);
    tme_test_cedict_free();
}

/* ---- the weights' memo at a thread's end ------------------------------------ */

static pthread_key_t late_key;
static int aligned_late;

/* A pair aligned with the lexicon: every model weighs with the memo. */
static void align_with_lexicon(void)
{
    const char *en = "The committee approved the budget. The school is new.";
    /* 委员会批准了预算。学校是新的。 */
    const char *zh = "\xE5\xA7\x94\xE5\x91\x98\xE4\xBC\x9A\xE6\x89\xB9\xE5\x87\x86\xE4\xBA"
                     "\x86\xE9\xA2\x84\xE7\xAE\x97\xE3\x80\x82\xE5\xAD\xA6\xE6\xA0\xA1"
                     "\xE6\x98\xAF\xE6\x96\xB0\xE7\x9A\x84\xE3\x80\x82";
    const tme_lexicon *lex = tme_test_cedict();
    tme_features ef, zf;
    tme_bead *beads = NULL;
    size_t n = 0;
    if (tme_features_of_sentences(en, strlen(en), TME_LANG_EN, lex, &ef, NULL) == TME_OK &&
        tme_features_of_sentences(zh, strlen(zh), TME_LANG_ZH, lex, &zf, NULL) == TME_OK &&
        tme_align(&ef, &zf, &beads, &n, NULL) == TME_OK && n == 2)
        aligned_late++;
    free(beads);
    tme_features_free(&ef);
    tme_features_free(&zf);
}

static void late_destructor(void *unused)
{
    (void)unused;
    align_with_lexicon();
}

/* A thread that aligns, then holds a key made after the memo's: its
 * destructor runs after the memo's and aligns again (a program's own
 * clean-up at a thread's end). Under AddressSanitizer a memo used after
 * its free fails here. */
static void *align_then_hold_late_key(void *unused)
{
    (void)unused;
    align_with_lexicon();
    if (pthread_key_create(&late_key, late_destructor) == 0)
        pthread_setspecific(late_key, &late_key);
    return NULL;
}

static void test_memo_survives_late_destructors(void)
{
    aligned_late = 0;
    pthread_t thread;
    CU_ASSERT_EQUAL_FATAL(pthread_create(&thread, NULL, align_then_hold_late_key, NULL), 0);
    CU_ASSERT_EQUAL(pthread_join(thread, NULL), 0);
    CU_ASSERT_EQUAL(aligned_late, 2);
    pthread_key_delete(late_key);
    tme_test_cedict_free();
}

static CU_TestInfo tests[] = {
    {"1-1 chain", test_one_to_one_chain},
    {"1-2 and 2-1 beads", test_one_to_two_and_two_to_one},
    {"extra sentence is 1-0/0-1 with score 0", test_extra_sentence_is_unmatched_with_zero_score},
    {"number anchors", test_number_anchors},
    {"Latin token anchors", test_latin_token_anchors},
    {"score separates good from bad", test_well_supported_bead_scores_high},
    {"empty sides", test_empty_sides},
    {"10,000 sentences a side", test_ten_thousand_sentences},
    {"pruned search gives the same beads", test_pruned_search_same_beads},
    {"pruning floors are floors", test_pruning_floors_are_floors},
    {"sample gold units", test_sample_gold_units},
    {"other samples' gold units", test_other_gold_units},
    {"score-pairs counts and exit status", test_score_pairs_counts},
    {"score-pairs --normalize-punct", test_score_pairs_normalize_punct},
    {"samples end to end through score-pairs", test_samples_end_to_end},
    {"cover rows give the Chinese masks", test_cover_rows_give_the_masks},
    {"the weights' memo at a thread's end", test_memo_survives_late_destructors},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    int rc = tme_run_suite("align", tests);
    tme_lexicon_free(prune_lexicon);
    return rc;
}
