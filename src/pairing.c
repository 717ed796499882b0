/* SPDX-License-Identifier: MIT */
#include "pairing.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "align_lexical.h"
#include "pairing_lexical.h"
#include "sort_ids.h"
#include "text_features.h"

/* Lengths are in the calibrated units of text_features.h, judged by its
 * length model (the ratio is 0.30–0.38 per article on the gold paragraph
 * pairs). */

#define PAIR_PRIOR 1.5
#define SHARED_ANCHOR_BONUS 1.0
#define MAX_ANCHOR_BONUS 3.0
#define MISSING_LATIN_PENALTY 1.0
#define MISSING_NUMBER_PENALTY 0.3
#define MISSING_BIG_NUMBER_PENALTY 2.0
#define MAX_MISSING_PENALTY 4.0
#define MAX_LENGTH_PENALTY 12.0
/* The lexicon's evidence (nats) weighs in full against a pair and a
 * quarter for it: see lexical_score(). */
#define LEXICAL_FOR_WEIGHT 0.25
#define LEXICAL_AGAINST_WEIGHT 1.0
/* One side wholly in brackets (an editor's note), the other not. */
#define ASIDE_PENALTY 3.0

/* Adjacent paragraphs in the article's order are the strongest evidence in
 * interleaved layouts; a caption or widget may sit between the two. */
static const double ADJACENCY_BONUS[] = {2.0, 0.5, 0.25};
#define ADJACENCY_REACH 3

#define WRONG_ORDER_PENALTY 1.5
#define SHORT_PARAGRAPH_UNITS 25
#define SHORT_UNANCHORED_PENALTY 2.0

#define SANDWICH_BONUS 3.0
#define SANDWICH_MAX_GAP 3
#define SANDWICH_MIN_LENGTH_SCORE -4.5 /* three standard deviations */
/* Gold pairs have no less than -3.7 (code-heavy text the lexicon misses). */
#define SANDWICH_MIN_LEXICAL_SCORE -5.0

#define BAND_MARGIN 64
#define BAND_MAX_EXTRA 192

typedef struct {
    uint64_t *items;
    size_t count;
} hash_set; /* sorted */

typedef struct {
    size_t paragraph;
    size_t at;                          /* its position on its side */
    const tme_pairing_lexicon *lexicon; /* the article's, shared */
    double units;
    double length_expected, length_sd; /* English: english_length_model() */
    double lexical_most;               /* the most its lexical evidence against any other can be */
    hash_set words;                    /* Latin tokens */
    const struct latin_rows *latin;    /* Chinese: the article's, NULL when not made */
    const uint32_t *word_row;          /* with latin: the row of each of words */
    hash_set numbers;                  /* number_id() of numbers and decades */
    hash_set soft_numbers;             /* and of soft ones (TME_ANCHOR_SOFT) */
    int navigation;
    int boilerplate; /* page chrome by its markup (tme_paragraph.boilerplate) */
    int aside;       /* wholly in brackets: an editor's note */
} side_info;

/* Membership for keys asked in ascending order (as a set's own items come):
 * a merge walk instead of a search per key. */
typedef struct {
    const hash_set *set;
    size_t at;
} set_cursor;

static int cursor_contains(set_cursor *c, uint64_t h)
{
    while (c->at < c->set->count && c->set->items[c->at] < h)
        c->at++;
    return c->at < c->set->count && c->set->items[c->at] == h;
}

static void set_finish(hash_set *set)
{
    tme_sort_u64(set->items, set->count);
    size_t w = 0;
    for (size_t r = 0; r < set->count; r++)
        if (w == 0 || set->items[w - 1] != set->items[r])
            set->items[w++] = set->items[r];
    set->count = w;
}

/* fmin(x, limit) for a limit that is a number, without the call: x when
 * below it, else the limit (a NaN x too, as fmin gives). */
static inline double at_most(double x, double limit)
{
    return x < limit ? x : limit;
}

/* Numbers and decades in one set: the anchor's key and kind. */
static uint64_t number_id(const tme_anchor *a)
{
    return a->key << 2 | a->kind;
}

/* A number below 10: often spelt out (第一条, 四个), so its absence weighs
 * little. */
static int is_small_number(uint64_t id)
{
    return (id & 3) == TME_ANCHOR_NUMBER && (id >> 2) < 10 * 1000;
}

static hash_set *set_of(side_info *info, const tme_anchor *a)
{
    if (a->kind == TME_ANCHOR_LATIN)
        return &info->words;
    return a->flags & TME_ANCHOR_SOFT ? &info->soft_numbers : &info->numbers;
}

/* The anchors (text_features.h) in sets by kind, sorted: counted first so
 * that each set is allocated once. */
static int add_anchors(const tme_features *f, side_info *info)
{
    hash_set *sets[] = {&info->words, &info->numbers, &info->soft_numbers};
    for (size_t k = 0; k < f->n_anchors; k++)
        set_of(info, &f->anchors[k])->count++;
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        if (sets[s]->count > 0 &&
            (sets[s]->items = malloc(sets[s]->count * sizeof(uint64_t))) == NULL)
            return -1;
        sets[s]->count = 0;
    }
    for (size_t k = 0; k < f->n_anchors; k++) {
        const tme_anchor *a = &f->anchors[k];
        hash_set *set = set_of(info, a);
        set->items[set->count++] = a->kind == TME_ANCHOR_LATIN ? a->key : number_id(a);
    }
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++)
        set_finish(sets[s]);
    return 0;
}

/* Length, navigation and anchor sets of one paragraph, from one pass; its
 * lexical items go to the article's pairing lexicon. With somewhere to keep
 * them (sentences), the same pass reads its sentences for the aligner. f:
 * where the paragraph's features are read, in the memory the paragraphs
 * before left (the caller's, to free). */
static tme_status measure_paragraph(const tme_paragraph *p, tme_lang lang,
                                    const tme_lexicon *lexicon, tme_features_scratch *scratch,
                                    tme_features *f, tme_pairing_lexicon *pl, side_info *info,
                                    tme_features *sentences, tme_error *err)
{
    if (sentences == NULL)
        tme_features_free(f); /* tme_features_of_paragraph reads into an empty one */
    tme_status status =
        sentences != NULL
            ? tme_features_of_paragraph_and_sentences(p->text, p->len, lang, lexicon, scratch, f,
                                                      sentences, err)
            : tme_features_of_paragraph(p->text, p->len, lang, lexicon, scratch, f, err);
    if (status != TME_OK)
        return status;
    info->units = f->length;
    info->navigation = f->navigation;
    info->lexicon = pl;
    if (add_anchors(f, info) != 0)
        status = tme_error_nomem(err);
    if (status == TME_OK)
        status = tme_pairing_lexicon_add(pl, f, err);
    return status;
}

/* Numbers a side has that the other lacks. A number of 10 or more is
 * nearly always written in digits on both sides; smaller ones are often
 * spelled out (第一条, 四个), so their absence weighs little. */
static double missing_numbers_penalty(const side_info *from, const side_info *other)
{
    double penalty = 0;
    set_cursor hard = {&other->numbers, 0}, soft = {&other->soft_numbers, 0};
    for (size_t k = 0; k < from->numbers.count; k++) {
        uint64_t key = from->numbers.items[k];
        int in_hard = cursor_contains(&hard, key), in_soft = cursor_contains(&soft, key);
        if (in_hard || in_soft)
            continue;
        penalty += is_small_number(key) ? MISSING_NUMBER_PENALTY : MISSING_BIG_NUMBER_PENALTY;
    }
    return penalty;
}

/* Which English paragraphs hold each Latin word of the article's Chinese
 * paragraphs: a row of bits, one an English paragraph, for each distinct
 * word, so that anchor_score tests a bit for each word of a Chinese
 * paragraph instead of walking the English paragraph's (some 23 words on
 * the bench) for it. */
typedef struct latin_rows {
    uint64_t *rows; /* [row * row_words]: bit i, English paragraph i */
    size_t row_words;
    uint32_t *word_row; /* each Chinese paragraph's words' rows, in one block */
} latin_rows;
/* More words of rows than this: no rows, the walks. */
#define LATIN_ROWS_MAX_WORDS ((size_t)1 << 21)

static int latin_row_has(const latin_rows *latin, uint32_t row, size_t en)
{
    return (int)((latin->rows[row * latin->row_words + en / 64] >> (en % 64)) & 1);
}

static double anchor_score(const side_info *en, const side_info *zh)
{
    double bonus = 0, penalty = 0;
    set_cursor words = {&en->words, 0};
    for (size_t k = 0; k < zh->words.count; k++) {
        if (zh->latin != NULL ? latin_row_has(zh->latin, zh->word_row[k], en->at)
                              : cursor_contains(&words, zh->words.items[k]))
            bonus += SHARED_ANCHOR_BONUS;
        else
            penalty += MISSING_LATIN_PENALTY;
    }
    set_cursor hard = {&en->numbers, 0}, soft = {&en->soft_numbers, 0};
    for (size_t k = 0; k < zh->numbers.count; k++) {
        int in_hard = cursor_contains(&hard, zh->numbers.items[k]);
        int in_soft = cursor_contains(&soft, zh->numbers.items[k]);
        if (in_hard || in_soft)
            bonus += SHARED_ANCHOR_BONUS;
    }
    hard.at = 0;
    for (size_t k = 0; k < zh->soft_numbers.count; k++)
        if (cursor_contains(&hard, zh->soft_numbers.items[k]))
            bonus += SHARED_ANCHOR_BONUS;
    /* most paragraphs have no number: no call (missing_numbers_penalty is
     * then 0) */
    double zh_missing = zh->numbers.count > 0 ? missing_numbers_penalty(zh, en) : 0;
    double en_missing = en->numbers.count > 0 ? missing_numbers_penalty(en, zh) : 0;
    penalty += zh_missing + en_missing;
    return at_most(bonus, MAX_ANCHOR_BONUS) - at_most(penalty, MAX_MISSING_PENALTY);
}

/* What length_score() needs of an English paragraph, computed once for it
 * rather than for each Chinese one it is weighed against (the square root
 * was a tenth of the search). */
static void english_length_model(side_info *en)
{
    en->length_expected = TME_LENGTH_RATIO * en->units;
    /* The constant keeps one-word headings from being judged on noise. */
    en->length_sd = sqrt(tme_length_variance(en->units) + 4.0);
}

static double length_score(const side_info *en, const side_info *zh)
{
    double delta = (zh->units - en->length_expected) / en->length_sd;
    return -at_most(delta * delta / 2, MAX_LENGTH_PENALTY);
}

typedef enum { ORDER_ANY, ORDER_EN_FIRST, ORDER_ZH_FIRST } order;

/* In an English-first article a Chinese paragraph directly followed by an
 * English one is the seam between two pairs: pairing across it is the
 * classic off-by-one. Short paragraphs (headings, buttons) carry too little
 * text to be judged by length, so only direct adjacency vouches for them. */
static double adjacency_score(const side_info *en, const side_info *zh, order preferred)
{
    int zh_after = zh->paragraph > en->paragraph;
    size_t gap = (zh_after ? zh->paragraph - en->paragraph : en->paragraph - zh->paragraph) - 1;
    int wrong_order =
        (preferred == ORDER_EN_FIRST && !zh_after) || (preferred == ORDER_ZH_FIRST && zh_after);
    int short_pair =
        en->units < SHORT_PARAGRAPH_UNITS || zh->units < SHORT_PARAGRAPH_UNITS * TME_LENGTH_RATIO;
    if (wrong_order)
        return gap == 0 ? -WRONG_ORDER_PENALTY : 0;
    if (gap == 0)
        return ADJACENCY_BONUS[0];
    if (short_pair)
        return -SHORT_UNANCHORED_PENALTY;
    return gap < ADJACENCY_REACH ? ADJACENCY_BONUS[gap] : 0;
}

/* The lexicon's evidence: against a pair in full, for it a quarter. A
 * short text that happens to share one word ("Next topic" / "发现了问题？":
 * topic, 问题) gets evidence for it by chance, while a text whose words the
 * other never translates is no translation whatever its place. */
static double weigh_evidence(double e)
{
    return e < 0 ? LEXICAL_AGAINST_WEIGHT * e : LEXICAL_FOR_WEIGHT * e;
}

static double lexical_score(const side_info *en, const side_info *zh)
{
    return weigh_evidence(tme_pairing_lexical_evidence(en->lexicon, en->at, zh->at));
}

/* order_free_score() from its parts, in its order (a bound from bounds:
 * each addition rounds monotonically). */
static double order_free_sum(double length, double anchor, double lexical, const side_info *en,
                             const side_info *zh)
{
    return PAIR_PRIOR + length + anchor + lexical - (en->aside != zh->aside ? ASIDE_PENALTY : 0);
}

/* The part of pair_score() that does not depend on the order. */
static double order_free_score(const side_info *en, const side_info *zh)
{
    return order_free_sum(length_score(en, zh), anchor_score(en, zh), lexical_score(en, zh), en,
                          zh);
}

static double score_with_order(double order_free, const side_info *en, const side_info *zh,
                               order preferred)
{
    /* Menus, widgets, links and page chrome are never paired: two of them
     * share names, years and addresses that were copied, not translated,
     * and a translated cookie notice is still not the article. */
    if (en->navigation || zh->navigation)
        return -INFINITY;
    return order_free + adjacency_score(en, zh, preferred);
}

static double pair_score(const side_info *en, const side_info *zh, order preferred)
{
    return score_with_order(order_free_score(en, zh), en, zh, preferred);
}

typedef struct {
    side_info *en, *zh;
    size_t n_en, n_zh;
    tme_pairing_lexicon lexicon;
    latin_rows latin;
} sides;

/* The distinct Latin words of the Chinese paragraphs, sorted, into *keys
 * (the caller's to free); how many, or SIZE_MAX when out of memory. */
static size_t chinese_latin_words(const sides *s, uint64_t **keys)
{
    size_t n = 0, distinct = 0;
    for (size_t j = 0; j < s->n_zh; j++)
        n += s->zh[j].words.count;
    if ((*keys = malloc((n ? n : 1) * sizeof **keys)) == NULL)
        return SIZE_MAX;
    n = 0;
    for (size_t j = 0; j < s->n_zh; j++)
        for (size_t k = 0; k < s->zh[j].words.count; k++)
            (*keys)[n++] = s->zh[j].words.items[k];
    tme_sort_u64(*keys, n);
    for (size_t r = 0; r < n; r++)
        if (distinct == 0 || (*keys)[distinct - 1] != (*keys)[r])
            (*keys)[distinct++] = (*keys)[r];
    return distinct;
}

#define KEY_FILTER_BITS 4096
static unsigned key_filter_bit(uint64_t key)
{
    return (unsigned)((key * 0x9E3779B97F4A7C15ULL) >> 52); /* < KEY_FILTER_BITS */
}

/* s->latin, and each Chinese paragraph's latin and word_row (left NULL
 * when the rows would be too large: anchor_score then walks). */
static int make_latin_rows(sides *s)
{
    latin_rows *l = &s->latin;
    uint64_t *keys;
    size_t n_keys = chinese_latin_words(s, &keys), words = 0;
    if (n_keys == SIZE_MAX)
        return -1;
    l->row_words = (s->n_en + 63) / 64;
    for (size_t j = 0; j < s->n_zh; j++)
        words += s->zh[j].words.count;
    if (n_keys == 0 || l->row_words == 0 || n_keys > LATIN_ROWS_MAX_WORDS / l->row_words) {
        free(keys);
        return 0;
    }
    l->rows = calloc(n_keys * l->row_words, sizeof *l->rows);
    l->word_row = malloc(words * sizeof *l->word_row);
    if (l->rows == NULL || l->word_row == NULL) {
        free(keys);
        return -1;
    }
    /* most English words are in no Chinese paragraph: a filter of the
     * keys turns them away before the search */
    uint64_t filter[KEY_FILTER_BITS / 64] = {0};
    for (size_t k = 0; k < n_keys; k++)
        filter[key_filter_bit(keys[k]) / 64] |= (uint64_t)1 << (key_filter_bit(keys[k]) % 64);
    for (size_t i = 0; i < s->n_en; i++) {
        const hash_set *own = &s->en[i].words;
        for (size_t k = 0, at = 0; k < own->count; k++) {
            unsigned bit = key_filter_bit(own->items[k]);
            if (!((filter[bit / 64] >> (bit % 64)) & 1))
                continue;
            at = tme_lower_bound_u64(keys, at, n_keys, own->items[k]); /* both sorted */
            if (at < n_keys && keys[at] == own->items[k])
                l->rows[at * l->row_words + i / 64] |= (uint64_t)1 << (i % 64);
        }
    }
    uint32_t *row = l->word_row;
    for (size_t j = 0; j < s->n_zh; j++) {
        side_info *zh = &s->zh[j];
        zh->latin = l;
        zh->word_row = row;
        for (size_t k = 0; k < zh->words.count; k++)
            *row++ = (uint32_t)tme_lower_bound_u64(keys, 0, n_keys, zh->words.items[k]);
    }
    free(keys);
    return 0;
}

static void free_sides(sides *s)
{
    for (size_t i = 0; i < s->n_en; i++) {
        free(s->en[i].words.items);
        free(s->en[i].numbers.items);
        free(s->en[i].soft_numbers.items);
    }
    for (size_t j = 0; j < s->n_zh; j++) {
        free(s->zh[j].words.items);
        free(s->zh[j].numbers.items);
        free(s->zh[j].soft_numbers.items);
    }
    free(s->en);
    free(s->zh);
    free(s->latin.rows);
    free(s->latin.word_row);
    tme_pairing_lexicon_free(&s->lexicon);
}

/* Whether the text is wholly in brackets, ASCII or full-width: the bracket
 * it opens with closes at its end ("（本文为节选，完整内容请访问原文。）"). */
static int is_aside(const char *text, size_t len)
{
    static const char open_fw[] = "\xEF\xBC\x88", close_fw[] = "\xEF\xBC\x89"; /* （ ） */
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n'))
        len--;
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '(' || (i + 3 <= len && memcmp(text + i, open_fw, 3) == 0))
            depth++;
        else if (text[i] == ')' || (i + 3 <= len && memcmp(text + i, close_fw, 3) == 0))
            depth--;
        else if (i == 0 && text[i] != ' ' && text[i] != '\n')
            return 0;
        if (depth == 0 && i > 0 && text[i] != ' ' && text[i] != '\n')
            return i + (text[i] == ')' ? 1 : 3) >= len;
    }
    return 0;
}

/* Each paragraph's lexical_most (0 without a lexicon: the evidence is 0). */
static void bound_lexical_evidence(sides *s)
{
    if (!s->lexicon.ready)
        return;
    for (size_t i = 0; i < s->n_en; i++)
        s->en[i].lexical_most = tme_lexical_most(&s->lexicon.lexical.en_tests, s->en[i].at, 0);
    for (size_t j = 0; j < s->n_zh; j++)
        s->zh[j].lexical_most = tme_lexical_most(&s->lexicon.lexical.zh_tests, s->zh[j].at, 0);
}

static tme_status build_sides(const tme_paragraphs *paragraphs, const tme_lexicon *lexicon,
                              tme_features *sentences, sides *s, tme_error *err)
{
    memset(s, 0, sizeof *s);
    s->en = calloc(paragraphs->count + 1, sizeof *s->en);
    s->zh = calloc(paragraphs->count + 1, sizeof *s->zh);
    if (s->en == NULL || s->zh == NULL)
        return tme_error_nomem(err);
    /* the paragraphs' readings reuse the scratch and the whole text's features */
    tme_features_scratch scratch = {0};
    tme_features paragraph = {0};
    tme_status status = TME_OK;
    for (size_t k = 0; k < paragraphs->count && status == TME_OK; k++) {
        const tme_paragraph *p = &paragraphs->items[k];
        side_info *info;
        tme_lang lang;
        if (p->script == TME_SCRIPT_LATIN) {
            info = &s->en[s->n_en++];
            lang = TME_LANG_EN;
        } else if (p->script == TME_SCRIPT_HAN) {
            info = &s->zh[s->n_zh++];
            lang = TME_LANG_ZH;
        } else {
            continue;
        }
        info->paragraph = k;
        info->at = lang == TME_LANG_ZH ? s->n_zh - 1 : s->n_en - 1;
        status = measure_paragraph(p, lang, lexicon, &scratch, &paragraph, &s->lexicon, info,
                                   sentences != NULL ? &sentences[k] : NULL, err);
        if (lang == TME_LANG_EN)
            english_length_model(info);
        info->boilerplate = p->boilerplate;
        info->navigation |= p->boilerplate;
        info->aside = is_aside(p->text, p->len);
    }
    tme_features_scratch_free(&scratch);
    tme_features_free(&paragraph);
    if (status != TME_OK)
        return status;
    if (tme_pairing_lexicon_finish(&s->lexicon, err) != TME_OK)
        return err->status;
    if (make_latin_rows(s) != 0)
        return tme_error_nomem(err);
    bound_lexical_evidence(s);
    return TME_OK;
}

enum { MOVE_SKIP_EN = 1, MOVE_SKIP_ZH = 2, MOVE_PAIR = 3 };

/* Band of Chinese indices j considered for English index i: around the
 * diagonal from (0,0) to (n_en,n_zh), wide enough that consecutive rows
 * overlap even when one side has many more paragraphs. Total cells stay
 * O(n_en * width + n_zh). */
static size_t diagonal(size_t i, size_t n_en, size_t n_zh)
{
    return n_en ? (size_t)((double)i * (double)n_zh / (double)n_en) : n_zh;
}

static void band(size_t i, size_t n_en, size_t n_zh, size_t width, size_t *lo, size_t *hi)
{
    size_t left = diagonal(i > 0 ? i - 1 : 0, n_en, n_zh);
    size_t right = diagonal(i < n_en ? i + 1 : n_en, n_en, n_zh);
    *lo = left > width ? left - width : 0;
    *hi = right + width < n_zh ? right + width : n_zh;
}

typedef struct {
    unsigned char *moves; /* one byte per band cell, row after row */
    size_t *row_start;    /* offset of row i in moves */
    size_t *row_lo;
    double *prev, *cur;
} dp_table;

static void free_table(dp_table *t)
{
    free(t->moves);
    free(t->row_start);
    free(t->row_lo);
    free(t->prev);
    free(t->cur);
}

static int alloc_table(dp_table *t, size_t n_en, size_t n_zh, size_t width)
{
    memset(t, 0, sizeof *t);
    t->row_start = malloc((n_en + 2) * sizeof *t->row_start);
    t->row_lo = malloc((n_en + 1) * sizeof *t->row_lo);
    t->prev = malloc((n_zh + 1) * sizeof *t->prev);
    t->cur = malloc((n_zh + 1) * sizeof *t->cur);
    if (t->row_start == NULL || t->row_lo == NULL || t->prev == NULL || t->cur == NULL)
        return -1;
    size_t cells = 0;
    for (size_t i = 0; i <= n_en; i++) {
        size_t lo, hi;
        band(i, n_en, n_zh, width, &lo, &hi);
        t->row_start[i] = cells;
        t->row_lo[i] = lo;
        cells += hi - lo + 1;
    }
    t->row_start[n_en + 1] = cells;
    t->moves = malloc(cells);
    return t->moves == NULL ? -1 : 0;
}

/* order_free_score() of every band cell, kept from the first pass for the
 * second (same band), or, for a cell the first pass turned away, the
 * bound that did (what the order adds is the second pass's own): a bound
 * that turns it away again spares the second pass its length and
 * anchors, one that does not sends it through pair_move_score as if
 * nothing were kept, and any bound that is above the score makes the same
 * moves. A band of more cells than SCORE_CACHE_MAX_CELLS (9 MB) keeps
 * none and the second pass computes its scores again: a 9 MB page's band
 * held 100 MB of them, most of its peak memory. */
enum { CACHED_NOTHING, CACHED_SCORE, CACHED_BOUND };
typedef struct {
    double *scores;      /* NULL: not kept */
    unsigned char *kind; /* of scores[cell]: CACHED_* */
    int prepared;
} score_cache;
#define SCORE_CACHE_MAX_CELLS ((size_t)1 << 20)

static void free_cache(score_cache *cache)
{
    free(cache->scores);
    free(cache->kind);
}

static double turned_away(score_cache *cache, size_t cell, double bound)
{
    if (cache->scores != NULL) {
        cache->scores[cell] = bound;
        cache->kind[cell] = CACHED_BOUND;
    }
    return -INFINITY;
}

/* The score of the pair move into a cell from a path of score from, or
 * -INFINITY when it cannot be above best (the move is only taken above
 * best). A pair not yet in the cache is bounded first, its anchors at the
 * greatest bonus and its lexical evidence at its most, then with its exact
 * anchors: the lexical evidence, the costliest part, is only computed for a
 * pair that may win. */
static double pair_move_score(score_cache *cache, size_t cell, const side_info *en,
                              const side_info *zh, order preferred, double from, double best)
{
    /* A pair with a navigation side scores -INFINITY (score_with_order). */
    if (en->navigation || zh->navigation)
        return -INFINITY;
    double adjacency = adjacency_score(en, zh, preferred);
    int kind = cache->scores != NULL ? cache->kind[cell] : CACHED_NOTHING;
    if (kind == CACHED_SCORE)
        return from + (cache->scores[cell] + adjacency);
    if (kind == CACHED_BOUND && from + (cache->scores[cell] + adjacency) <= best)
        return -INFINITY;
    double length = length_score(en, zh);
    double lexical_most = weigh_evidence(en->lexical_most + zh->lexical_most);
    double bound = order_free_sum(length, MAX_ANCHOR_BONUS, lexical_most, en, zh);
    if (from + (bound + adjacency) <= best)
        return turned_away(cache, cell, bound);
    double anchor = anchor_score(en, zh);
    bound = order_free_sum(length, anchor, lexical_most, en, zh);
    if (from + (bound + adjacency) <= best)
        return turned_away(cache, cell, bound);
    double score = order_free_sum(length, anchor, lexical_score(en, zh), en, zh);
    if (cache->scores != NULL) {
        cache->scores[cell] = score;
        cache->kind[cell] = CACHED_SCORE;
    }
    return from + (score + adjacency);
}

/* The cache's cells for the band of t, none kept, on the first pass (no
 * cache for a band too large to keep). */
static int prepare_cache(score_cache *cache, const dp_table *t, size_t n_en)
{
    if (cache->prepared)
        return 0;
    cache->prepared = 1;
    size_t cells = t->row_start[n_en + 1];
    if (cells > SCORE_CACHE_MAX_CELLS)
        return 0;
    cache->scores = malloc(cells * sizeof *cache->scores);
    cache->kind = calloc(cells, sizeof *cache->kind);
    if (cache->scores == NULL || cache->kind == NULL) {
        free(cache->scores);
        free(cache->kind);
        cache->scores = NULL;
        cache->kind = NULL;
        return -1;
    }
    return 0;
}

/* The dynamic programme over the band, row after row: the best move into
 * each cell is kept in t->moves. Each of the two rows of scores is
 * -INFINITY outside the band of the row it holds (the row before it is
 * cleared when it is reused), so that a move from outside the band is
 * turned away by its score alone, as a move from a cell no path reaches. */
static void fill_table(dp_table *t, const sides *s, order preferred, score_cache *cache)
{
    size_t n_en = s->n_en, n_zh = s->n_zh;
    double *prev = t->prev, *cur = t->cur;
    for (size_t j = 0; j <= n_zh; j++)
        prev[j] = cur[j] = -INFINITY;
    size_t prev_lo = 0, prev_hi = 0, held_lo = 0, held_hi = 0; /* held: cur's old row */
    for (size_t i = 0; i <= n_en; i++) {
        size_t lo = t->row_lo[i];
        size_t hi = lo + (t->row_start[i + 1] - t->row_start[i]) - 1;
        unsigned char *moves = t->moves + t->row_start[i];
        for (size_t j = held_lo; j <= held_hi; j++)
            cur[j] = -INFINITY;
        for (size_t j = lo; j <= hi; j++) {
            double best = i == 0 && j == 0 ? 0 : -INFINITY;
            unsigned char move = 0;
            if (prev[j] > best) {
                best = prev[j];
                move = MOVE_SKIP_EN;
            }
            if (j > lo && cur[j - 1] > best) {
                best = cur[j - 1];
                move = MOVE_SKIP_ZH;
            }
            if (j > 0 && prev[j - 1] > -INFINITY) { /* i > 0: row 0's prev is all -INFINITY */
                double paired = pair_move_score(cache, t->row_start[i] + (j - lo), &s->en[i - 1],
                                                &s->zh[j - 1], preferred, prev[j - 1], best);
                if (paired > best) {
                    best = paired;
                    move = MOVE_PAIR;
                }
            }
            cur[j] = best;
            moves[j - lo] = move;
        }
        double *swap = prev;
        prev = cur;
        cur = swap;
        held_lo = prev_lo;
        held_hi = prev_hi;
        prev_lo = lo;
        prev_hi = hi;
    }
}

/* Traces back from (n_en, n_zh): the chosen pairs, in order, into out. */
static size_t trace_pairs(const dp_table *t, const sides *s, order preferred,
                          tme_paragraph_pair *out)
{
    size_t n = 0, i = s->n_en, j = s->n_zh;
    while (i > 0 || j > 0) {
        unsigned char move = t->moves[t->row_start[i] + (j - t->row_lo[i])];
        if (move == MOVE_PAIR) {
            out[n].en = s->en[i - 1].paragraph;
            out[n].zh = s->zh[j - 1].paragraph;
            out[n].score = 1.0 / (1.0 + exp(-pair_score(&s->en[i - 1], &s->zh[j - 1], preferred)));
            n++;
            i--;
            j--;
        } else if (move == MOVE_SKIP_EN) {
            i--;
        } else if (move == MOVE_SKIP_ZH) {
            j--;
        } else {
            break; /* unreachable: consecutive bands overlap */
        }
    }
    for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
        tme_paragraph_pair tmp = out[a];
        out[a] = out[b];
        out[b] = tmp;
    }
    return n;
}

/* Best monotone pairing; writes the chosen pairs (in order) into out. */
static int best_pairing(const sides *s, order preferred, score_cache *cache,
                        tme_paragraph_pair *out, size_t *count)
{
    size_t n_en = s->n_en, n_zh = s->n_zh;
    *count = 0;
    if (n_en == 0 || n_zh == 0)
        return 0;
    size_t diff = n_en > n_zh ? n_en - n_zh : n_zh - n_en;
    size_t width = BAND_MARGIN + (diff < BAND_MAX_EXTRA ? diff : BAND_MAX_EXTRA);
    dp_table t;
    if (alloc_table(&t, n_en, n_zh, width) != 0 || prepare_cache(cache, &t, n_en) != 0) {
        free_table(&t);
        return -1;
    }
    fill_table(&t, s, preferred, cache);
    *count = trace_pairs(&t, s, preferred, out);
    free_table(&t);
    return 0;
}

/* Index in side[0..n) of the entry for paragraph p; sides are in
 * paragraph order. */
static size_t side_index(const side_info *side, size_t n, size_t paragraph)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (side[mid].paragraph < paragraph)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Between two accepted pairs, as many unpaired English as Chinese
 * paragraphs (one to three) are each other's translations, in order,
 * whatever the weak evidence of their length says: headings such as
 * "Self-healing" / "自我修复" in an article of all English paragraphs
 * followed by all Chinese ones carry no other evidence. Navigation stays
 * out, and so do lengths far apart. */
static int fill_sandwiched_pairs(const sides *s, order preferred, tme_pairing *pairing)
{
    size_t n = pairing->count, added = 0;
    tme_paragraph_pair *filled = malloc((n * (1 + SANDWICH_MAX_GAP) + 1) * sizeof *filled);
    if (filled == NULL)
        return -1;
    for (size_t k = 0; k < n; k++) {
        filled[k + added] = pairing->pairs[k];
        if (k + 1 == n)
            break;
        size_t en_a = side_index(s->en, s->n_en, pairing->pairs[k].en);
        size_t en_b = side_index(s->en, s->n_en, pairing->pairs[k + 1].en);
        size_t zh_a = side_index(s->zh, s->n_zh, pairing->pairs[k].zh);
        size_t zh_b = side_index(s->zh, s->n_zh, pairing->pairs[k + 1].zh);
        size_t gap = en_b - en_a - 1;
        if (gap == 0 || gap > SANDWICH_MAX_GAP || zh_b - zh_a - 1 != gap)
            continue;
        int plausible = 1;
        for (size_t g = 1; g <= gap && plausible; g++) {
            const side_info *en = &s->en[en_a + g], *zh = &s->zh[zh_a + g];
            plausible = !en->navigation && !zh->navigation && en->aside == zh->aside &&
                        length_score(en, zh) >= SANDWICH_MIN_LENGTH_SCORE &&
                        lexical_score(en, zh) >= SANDWICH_MIN_LEXICAL_SCORE;
        }
        for (size_t g = 1; g <= gap && plausible; g++) {
            const side_info *en = &s->en[en_a + g], *zh = &s->zh[zh_a + g];
            double score = pair_score(en, zh, preferred) + SANDWICH_BONUS;
            added++;
            filled[k + added] =
                (tme_paragraph_pair){en->paragraph, zh->paragraph, 1.0 / (1.0 + exp(-score))};
        }
    }
    free(pairing->pairs);
    pairing->pairs = filled;
    pairing->count = n + added;
    return 0;
}

/* The article's dominant order, from the adjacent pairs of a first pass that
 * accepts either order. */
static order dominant_order(const tme_paragraph_pair *pairs, size_t n)
{
    size_t en_first = 0, zh_first = 0;
    for (size_t k = 0; k < n; k++) {
        if (pairs[k].zh == pairs[k].en + 1)
            en_first++;
        else if (pairs[k].en == pairs[k].zh + 1)
            zh_first++;
    }
    if (en_first >= 2 && en_first >= 2 * zh_first)
        return ORDER_EN_FIRST;
    if (zh_first >= 2 && zh_first >= 2 * en_first)
        return ORDER_ZH_FIRST;
    return ORDER_ANY;
}

tme_status tme_pair_paragraphs(const tme_paragraphs *paragraphs, const tme_lexicon *lexicon,
                               int keep_sentences, tme_pairing *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    out->n_paragraphs = paragraphs->count;
    if (keep_sentences &&
        (out->sentences = calloc(paragraphs->count + 1, sizeof *out->sentences)) == NULL)
        return tme_error_nomem(err);
    sides s;
    tme_status status = build_sides(paragraphs, lexicon, out->sentences, &s, err);
    if (status != TME_OK) {
        free_sides(&s);
        tme_pairing_free(out);
        return status;
    }
    size_t max_pairs = s.n_en < s.n_zh ? s.n_en : s.n_zh;
    out->pairs = malloc((max_pairs + 1) * sizeof *out->pairs);
    score_cache cache = {NULL, NULL, 0};
    if (out->pairs == NULL || best_pairing(&s, ORDER_ANY, &cache, out->pairs, &out->count) != 0) {
        free_cache(&cache);
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }
    order preferred = dominant_order(out->pairs, out->count);
    int failed =
        preferred != ORDER_ANY && best_pairing(&s, preferred, &cache, out->pairs, &out->count) != 0;
    free_cache(&cache);
    if (failed) {
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }
    out->chinese_first = preferred == ORDER_ZH_FIRST;
    if (fill_sandwiched_pairs(&s, preferred, out) != 0) {
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }

    unsigned char *paired = calloc(paragraphs->count + 1, 1);
    if (paired == NULL) {
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }
    for (size_t k = 0; k < out->count; k++)
        paired[out->pairs[k].en] = paired[out->pairs[k].zh] = 1;
    for (size_t i = 0; i < s.n_en; i++)
        if (!paired[s.en[i].paragraph])
            out->unpaired[s.en[i].navigation ? TME_UNPAIRED_NAVIGATION
                                             : TME_UNPAIRED_NO_COUNTERPART]++;
    for (size_t j = 0; j < s.n_zh; j++)
        if (!paired[s.zh[j].paragraph])
            out->unpaired[s.zh[j].navigation ? TME_UNPAIRED_NAVIGATION
                                             : TME_UNPAIRED_NO_COUNTERPART]++;
    out->unpaired[TME_UNPAIRED_OTHER_SCRIPT] = paragraphs->count - s.n_en - s.n_zh;
    free(paired);
    free_sides(&s);
    return TME_OK;
}

void tme_pairing_free(tme_pairing *pairing)
{
    if (pairing->sentences != NULL)
        for (size_t k = 0; k < pairing->n_paragraphs; k++)
            tme_features_free(&pairing->sentences[k]);
    free(pairing->sentences);
    free(pairing->pairs);
    pairing->sentences = NULL;
    pairing->pairs = NULL;
    pairing->count = 0;
}

const char *tme_unpaired_reason_name(tme_unpaired_reason reason)
{
    switch (reason) {
    case TME_UNPAIRED_NO_COUNTERPART:
        return "no translation found";
    case TME_UNPAIRED_NAVIGATION:
        return "navigation or widget";
    case TME_UNPAIRED_OTHER_SCRIPT:
        return "neither English nor Chinese";
    default:
        return "unknown";
    }
}
