/* SPDX-License-Identifier: MIT */
#include "align_lexical.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "sort_ids.h"

/* English lemmas. The prior of p0 from the lemma's weight: 0.22 *
 * exp(-1.4 w) fits the shifted pairs of the gold (0.22 at weight 0, 0.06
 * at 1, 0.026 at 1.5); p1 falls with the weight, rare lemmas' glosses
 * missing more often (0.78 at weight 0, 0.57 at 1, 0.3 at 1.5 and more). */
#define EN_P0_AT_ZERO 0.22
#define EN_P0_DECAY 1.4
#define EN_P1_AT_ZERO 0.75
#define EN_P1_SLOPE 0.2
#define EN_P1_FLOOR 0.35
/* Chinese words, by length: two characters, or more. */
#define ZH_P1_TWO 0.53
#define ZH_P1_LONGER 0.83
#define ZH_P0_TWO 0.084
#define ZH_P0_LONGER 0.21
/* How many sentences' worth a prior counts against the paragraph's own. */
#define PRIOR_SENTENCES 3.0

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* fmin(x, y) for the positive, finite x and y it is asked of (no NaN, no
 * zeros of two signs), without the library call fmin() is at -O2. */
static inline double at_most(double x, double y)
{
    return y < x ? y : x;
}

/* ---- counting ---------------------------------------------------------- */

/* A set of ids and, for each, in how many sentences of each side. An id's
 * index in the set is read off the calling thread's id_map: a bit over
 * the ids' range saying whether the id is in the set, and its index
 * beside it. A look-up is then one bit test (most of the Chinese
 * sentences' lemmas are not in the English, and the bits of the lemmas'
 * range fit a few KiB), instead of a probe of a hash table hashed for
 * each and cleared for each set. The map outlives the set: only the set's
 * own ids' bits are cleared when it is done (release_set), never the
 * range, which cost more to clear for each paragraph pair than all its
 * look-ups. It holds one set at a time. The set's order is the order the
 * ids come in: its indices only number the sentences' bits, no result
 * depends on them, and sorting was a tenth of the model's set-up. */
typedef struct {
    uint64_t *in_set; /* bit id: id is in the set */
    uint32_t *index;  /* the index of an id in the set, where in_set */
    size_t cap;       /* ids below cap have a bit and an index */
} id_map;

typedef struct {
    uint32_t *ids;
    size_t n;
    size_t *en_df, *zh_df;
    uint32_t *at_of; /* the index of each id the set was made of, in their order */
    id_map *map;     /* the map holding the set; NULL once released */
} id_counts;

/* Room in the map for ids below cap at least (the new bits clear). */
static int grow_map(id_map *map, size_t cap)
{
    if (cap <= map->cap)
        return 0;
    cap = cap > 2 * map->cap ? cap : 2 * map->cap;
    size_t words = (cap + 63) / 64, old_words = map->cap / 64;
    cap = words * 64;
    uint64_t *in_set = realloc(map->in_set, words * sizeof *in_set);
    if (in_set == NULL)
        return -1;
    map->in_set = in_set;
    memset(in_set + old_words, 0, (words - old_words) * sizeof *in_set);
    uint32_t *index = realloc(map->index, cap * sizeof *index);
    if (index == NULL)
        return -1; /* (the bits grown stay, all clear: the map is as good) */
    map->index = index;
    map->cap = cap;
    return 0;
}

/* 1 when id is in the set of map, its index in *at; 0 otherwise (a copy
 * of the map, that its fields stay in registers across the callers'
 * stores). */
static inline int set_index(id_map map, uint32_t id, size_t *at)
{
    if (id >= map.cap || !((map.in_set[id >> 6] >> (id & 63)) & 1))
        return 0;
    *at = map.index[id];
    return 1;
}

/* The set made of ids[0, n) in map, which holds no other: the distinct
 * ids, with zeroed counts, and at_of. */
static int make_set(tme_arena *arena, id_map *map, const uint32_t *ids, size_t n, id_counts *c)
{
    memset(c, 0, sizeof *c);
    /* one block a set (the counts first: 8-byte items, then 4-byte ones
     * in pairs), its counts sized to the ids it is made of: a whole
     * article's set is then one large allocation, given back to the
     * system when freed, rather than four that fragment the heap */
    size_t room = n ? n : 1;
    void *block = tme_arena_alloc(arena, room, 2 * sizeof(size_t) + 2 * sizeof(uint32_t));
    if (block == NULL)
        return -1;
    c->en_df = block;
    c->zh_df = c->en_df + room;
    c->ids = (uint32_t *)(c->zh_df + room);
    c->at_of = c->ids + room;
    c->map = map; /* from here on release_set clears what is set */
    uint64_t *in_set = map->in_set;
    uint32_t *index = map->index, *set_ids = c->ids, *at_of = c->at_of;
    size_t cap = map->cap, count = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t id = ids[k];
        if (id >= cap) {
            c->n = count;
            if (grow_map(map, (size_t)id + 1) != 0)
                return -1;
            in_set = map->in_set, index = map->index, cap = map->cap;
        }
        uint64_t bit = (uint64_t)1 << (id & 63);
        if (!(in_set[id >> 6] & bit)) {
            in_set[id >> 6] |= bit;
            index[id] = (uint32_t)count;
            set_ids[count++] = id;
        }
        at_of[k] = index[id];
    }
    c->n = count;
    memset(c->en_df, 0, c->n * sizeof *c->en_df);
    memset(c->zh_df, 0, c->n * sizeof *c->zh_df);
    return 0;
}

/* Clears the set's bits of its map (nothing when made of no map): each
 * word that holds one of its ids whole, the map holding no other set. */
static void release_set(id_counts *c)
{
    if (c->map == NULL)
        return;
    uint64_t *in_set = c->map->in_set;
    for (size_t k = 0; k < c->n; k++)
        in_set[c->ids[k] >> 6] = 0;
    c->map = NULL;
}

static inline void set_bit(uint64_t *bits, size_t at)
{
    bits[at >> 6] |= (uint64_t)1 << (at & 63);
}

/* Counts and marks the set's lemmas among a Chinese sentence's (sorted,
 * distinct): a bit test for each of the sentence's, or, when the set is
 * much the smaller (a paragraph pair's few English sentences against the
 * many lemmas a Chinese sentence's headwords translate), a binary search
 * for each of the set's. Either finds the same lemmas. (A bit test costs
 * about two steps of the search, yet the search is taken only when n *
 * steps < m: fewer instructions of extract than at < 2m, < 3m/4 or < m/2.) */
static void mark_zh_sentence(id_counts *c, const uint32_t *lemmas, size_t m, uint64_t *bits)
{
    size_t steps = 1;
    while (steps < 32 && ((size_t)1 << steps) < m)
        steps++;
    if (c->n * steps < m) {
        for (size_t at = 0; at < c->n; at++)
            if (tme_sorted_has_u32(lemmas, m, c->ids[at])) {
                c->zh_df[at]++;
                set_bit(bits, at);
            }
        return;
    }
    id_map map = *c->map;
    while (m > 0 && lemmas[m - 1] >= map.cap) /* (none, as a rule: the set is the lexicon's) */
        m--;
    for (size_t l = 0; l < m; l++) {
        uint32_t id = lemmas[l];
        if ((map.in_set[id >> 6] >> (id & 63)) & 1) { /* set_index, id < cap known */
            size_t at = map.index[id];
            c->zh_df[at]++;
            set_bit(bits, at);
        }
    }
}

/* English lemmas: in how many English sentences each is (a sentence's
 * lemmas are distinct), and in how many Chinese ones a translation is
 * found; each sentence's bitmap of the set's lemmas. */
static int count_lemmas(tme_lexical *lx, tme_arena *scratch, id_map *map, id_counts *c)
{
    const tme_features *en = lx->en, *zh = lx->zh;
    if (make_set(scratch, map, en->lemmas, en->n_lemmas, c) != 0)
        return -1;
    size_t words = lx->bits.words = (c->n + 63) / 64;
    tme_lexical_bits *b = &lx->bits;
    b->en_bits = tme_arena_calloc(&lx->arena, en->n_sentences * words, sizeof *b->en_bits);
    b->zh_bits = tme_arena_calloc(&lx->arena, zh->n_sentences * words, sizeof *b->zh_bits);
    if (b->en_bits == NULL || b->zh_bits == NULL)
        return -1;
    for (size_t i = 0; i < en->n_sentences; i++) {
        const tme_sentence_features *s = &en->sentences[i];
        for (size_t l = s->lemma_begin; l < s->lemma_end; l++) {
            c->en_df[c->at_of[l]]++;
            set_bit(b->en_bits + i * words, c->at_of[l]);
        }
    }
    for (size_t j = 0; j < zh->n_sentences; j++) {
        const tme_sentence_features *s = &zh->sentences[j];
        if (s->lemma_end > s->lemma_begin) /* lemmas may be NULL otherwise */
            mark_zh_sentence(c, zh->lemmas + s->lemma_begin, s->lemma_end - s->lemma_begin,
                             b->zh_bits + j * words);
    }
    return 0;
}

/* The Chinese words that may be tested: those of two or more characters
 * (one-character words are mostly particles: 的, 在, 是), in their order,
 * sentence j's from first[j], each with whether it has more than two (in
 * scratch). Only they are counted and make the words' set: no other
 * word's count is read, and the rest were two in five of the words. */
typedef struct {
    uint32_t *ids;
    size_t *first; /* [n_sentences + 1] */
    unsigned char *longer;
} long_words;

static int gather_long_words(const tme_features *zh, tme_arena *scratch, long_words *out)
{
    out->ids = tme_arena_alloc(scratch, zh->n_words, sizeof *out->ids);
    out->first = tme_arena_alloc(scratch, zh->n_sentences + 1, sizeof *out->first);
    out->longer = tme_arena_alloc(scratch, zh->n_words, 1);
    if (out->ids == NULL || out->first == NULL || out->longer == NULL)
        return -1;
    size_t n = 0;
    for (size_t j = 0; j < zh->n_sentences; j++) {
        out->first[j] = n;
        const tme_sentence_features *s = &zh->sentences[j];
        for (size_t w = s->word_begin; w < s->word_end; w++) {
            size_t chars = tme_lexicon_headword_chars(zh->lexicon, zh->words[w]);
            out->ids[n] = zh->words[w];
            out->longer[n] = chars > 2;
            n += chars >= 2;
        }
    }
    out->first[zh->n_sentences] = n;
    return 0;
}

/* The long words: in how many Chinese sentences each is (a word repeated
 * in one counts once). */
static int count_words(tme_arena *arena, id_map *map, size_t n_sentences, const long_words *lw,
                       id_counts *c)
{
    int rc = make_set(arena, map, lw->ids, lw->first[n_sentences], c);
    release_set(c); /* the words' indices are all in at_of: the map is the lemmas' */
    if (rc != 0)
        return -1;
    /* en_df, unused for words, holds the last sentence (+ 1) that counted each */
    size_t *counted_in = c->en_df;
    for (size_t j = 0; j < n_sentences; j++)
        for (size_t w = lw->first[j]; w < lw->first[j + 1]; w++) {
            uint32_t at = c->at_of[w];
            if (counted_in[at] != j + 1) {
                counted_in[at] = j + 1;
                c->zh_df[at]++;
            }
        }
    return 0;
}

/* ---- one test ----------------------------------------------------------- */

/* What one item's test weighs against k sentences of the other side: p1
 * when they translate each other; p0 (found by chance) as the paragraph
 * shows it, hit_share when the item is found (the candidate left out of
 * the count) and miss_share when not, each smoothed towards prior. */
typedef struct {
    double p1, prior, hit_share, miss_share, others;
} item_odds;

/* The chance that none of k sentences has an item each has with chance
 * base: (1 - base)^k. pow() returns x itself for y = 1 (it is within a
 * ulp of the exact result, which x is), so one sentence, the pairing's
 * only weight and one of the aligner's three, needs no call. */
static double none_of(double base, size_t k)
{
    return k == 1 ? 1 - base : pow(1 - base, (double)k);
}

static void weigh_item(item_odds o, size_t k, double *hit, double *miss)
{
    double p0_hit =
        (o.hit_share * o.others + PRIOR_SENTENCES * o.prior) / (o.others + PRIOR_SENTENCES);
    double p0_miss =
        (o.miss_share * o.others + PRIOR_SENTENCES * o.prior) / (o.others + PRIOR_SENTENCES);
    double hit_base = clamp(p0_hit, 0.002, 0.95), miss_base = clamp(p0_miss, 0.002, 0.95);
    p0_hit = clamp(1 - none_of(hit_base, k), 0.002, 0.99);
    /* an item found nowhere else has the same share both ways */
    p0_miss = miss_base == hit_base ? p0_hit : clamp(1 - none_of(miss_base, k), 0.002, 0.99);
    if (p0_miss >= o.p1 || p0_hit >= o.p1) { /* found everywhere: no evidence */
        *hit = *miss = 0;
        return;
    }
    *hit = log(o.p1 / p0_hit);
    *miss = log((1 - o.p1) / (1 - p0_miss));
}

/* ---- the tests of a side ------------------------------------------------ */

/* The misses and the gains (add_tests writes both); first and item are
 * the caller's. */
static int alloc_tests(tme_arena *arena, tme_lexical_tests *t, size_t n_sentences, size_t slots)
{
    t->miss = tme_arena_alloc(arena, n_sentences * t->weights, sizeof *t->miss);
    t->gain = tme_arena_alloc(arena, slots * t->weights, sizeof *t->gain);
    return t->miss == NULL || t->gain == NULL ? -1 : 0;
}

/* An item's weights for 1..TME_LEXICAL_MAX_OTHER sentences. They depend
 * on the item only (its counts over the text), so each distinct lemma or
 * word is weighed once however many sentences hold it: the pow() and log()
 * calls were most of the model's set-up. */
typedef struct {
    double hit[TME_LEXICAL_MAX_OTHER], miss[TME_LEXICAL_MAX_OTHER];
    size_t done; /* how many are weighed (1..done sentences); 0: none */
} weighed_item;

/* Distinct items often have the same odds (the same counts and weight),
 * in one text and from one text to the next (a lemma found in the one
 * sentence of the other side, of a given number of headwords): the
 * weights of recent odds, direct-mapped on a hash of their bits (the same
 * bits, the same weights), kept by each thread from one model to the next
 * (96 bytes an entry; on the 80 articles of the bench 1024 entries cost
 * 1.2% more instructions than 4096, 16384 no fewer). */
#define ODDS_MEMO_SIZE 4096
/* The memo also keeps the priors of recent lemma weights (an English
 * lemma's p0 prior is a function of its weight alone, and the lexicon's
 * weights take few values): exp() for each lemma of each model was a
 * twentieth of the set-up. Keyed on the weight's bits; every entry is
 * always a weight and its prior (made with weight 0). */
#define PRIOR_MEMO_SIZE 1024
typedef struct {
    item_odds odds[ODDS_MEMO_SIZE];
    weighed_item weighed[ODDS_MEMO_SIZE];
    uint64_t prior_weight[PRIOR_MEMO_SIZE];
    double prior[PRIOR_MEMO_SIZE];
} odds_memo;

static double prior_of_weight(double w)
{
    return EN_P0_AT_ZERO * exp(-EN_P0_DECAY * w);
}

/* prior_of_weight(w), from the memo. */
static double lemma_prior(odds_memo *memo, double w)
{
    uint64_t bits;
    memcpy(&bits, &w, sizeof bits);
    size_t slot = (size_t)((bits * 0x9E3779B97F4A7C15ULL) >> 54) % PRIOR_MEMO_SIZE;
    if (memo->prior_weight[slot] != bits) {
        memo->prior_weight[slot] = bits;
        memo->prior[slot] = prior_of_weight(w);
    }
    return memo->prior[slot];
}

/* What each thread keeps from one model's set-up to the next: the memo
 * and the id map (its bits all clear between set-ups). On the heap, made
 * on a thread's first model and freed when the thread ends, so that only
 * threads that align pay the memo's 384 KiB and the map's 4 bytes and a
 * bit an id (some 640 KiB for the lexicon's headwords). */
typedef struct {
    odds_memo memo;
    id_map ids;
} thread_state;

static pthread_key_t state_key;
static pthread_once_t state_key_once = PTHREAD_ONCE_INIT;
static int state_key_made;
static _Thread_local thread_state *this_thread_state;

/* The key's destructor: the thread's pointer is cleared too, so that a
 * model made by a later destructor of the same thread (another key's, run
 * after this one) makes a new state instead of using the freed one; the
 * next round of destructors frees that. */
static void free_thread_state(void *state)
{
    thread_state *ts = state;
    this_thread_state = NULL;
    free(ts->ids.in_set);
    free(ts->ids.index);
    free(ts);
}

static void make_state_key(void)
{
    state_key_made = pthread_key_create(&state_key, free_thread_state) == 0;
}

/* The calling thread's state, or NULL (out of memory: the set-up fails). */
static thread_state *calling_thread_state(void)
{
    if (this_thread_state != NULL)
        return this_thread_state;
    pthread_once(&state_key_once, make_state_key);
    thread_state *ts = state_key_made ? calloc(1, sizeof *ts) : NULL;
    if (ts != NULL && pthread_setspecific(state_key, ts) != 0) {
        free(ts);
        ts = NULL;
    }
    if (ts != NULL) { /* prior_weight: all +0.0, calloc's bits */
        double zero = 0;
        for (size_t k = 0; k < PRIOR_MEMO_SIZE; k++)
            ts->memo.prior[k] = prior_of_weight(zero);
    }
    return this_thread_state = ts;
}

#define ODDS_WORDS (sizeof(item_odds) / sizeof(uint64_t))

static inline size_t odds_slot(const uint64_t words[ODDS_WORDS])
{
    uint64_t h = 0;
    for (size_t k = 0; k < ODDS_WORDS; k++)
        h = (h ^ words[k]) * 0x100000001B3ULL;
    return (size_t)(h >> 52) % ODDS_MEMO_SIZE;
}

/* weigh_all when the memo has not the odds: weighs them and keeps them. */
static void weigh_new(odds_memo *memo, size_t slot, const item_odds *o, size_t weights,
                      weighed_item *w)
{
    for (size_t k = 1; k <= weights; k++)
        weigh_item(*o, k, &w->hit[k - 1], &w->miss[k - 1]);
    w->done = weights;
    memo->odds[slot] = *o;
    memo->weighed[slot] = *w;
}

/* o's weights for 1..weights sentences into w: inline, the memo's odds
 * compared a word at a time (bit for bit, as memcmp() did), for the memo
 * has most odds asked (three in four on the bench). */
static inline void weigh_all(odds_memo *memo, const item_odds *o, size_t weights, weighed_item *w)
{
    uint64_t words[ODDS_WORDS], kept[ODDS_WORDS];
    memcpy(words, o, sizeof words);
    size_t slot = odds_slot(words);
    const weighed_item *m = &memo->weighed[slot];
    memcpy(kept, &memo->odds[slot], sizeof kept);
    int same = m->done >= weights;
    for (size_t k = 0; k < ODDS_WORDS; k++)
        same &= kept[k] == words[k];
    if (!same) {
        weigh_new(memo, slot, o, weights, w);
        return;
    }
    *w = *m; /* (a fixed size: copied inline) */
}

/* What a model's set-up works with: the thread's memo and id map, and
 * the arena of what it needs only until the model is made (the counts,
 * the weights of each item), freed then: a whole article's, for the
 * pairing, would otherwise stay as long as its model. */
typedef struct {
    odds_memo *memo;
    id_map *ids;
    tme_arena scratch;
} set_up;

/* add_tests for `weights` weights (a constant where inlined): each
 * sentence's misses summed from +0 in the order of its slots, in
 * registers rather than in t->miss (which the gains' stores might alias),
 * the same sums as adding each to a zeroed miss. */
static inline void add_tests_of(tme_lexical_tests *t, size_t n, const uint32_t *slot_at,
                                const weighed_item *weighed, size_t weights)
{
    for (size_t i = 0; i < n; i++) {
        double miss[TME_LEXICAL_MAX_OTHER] = {0, 0, 0};
        for (size_t s = t->first[i]; s < t->first[i + 1]; s++) {
            const weighed_item *w = &weighed[slot_at[s]];
            for (size_t k = 0; k < weights; k++) {
                miss[k] += w->miss[k];
                t->gain[s * weights + k] = w->hit[k] - w->miss[k];
            }
        }
        for (size_t k = 0; k < weights; k++)
            t->miss[i * weights + k] = miss[k];
    }
}

/* The misses and gains of the n sentences of t, whose slot s has the
 * weights weighed[slot_at[s]]. */
static void add_tests(tme_lexical_tests *t, size_t n, const uint32_t *slot_at,
                      const weighed_item *weighed)
{
    if (t->weights == 1) /* the pairing's */
        add_tests_of(t, n, slot_at, weighed, 1);
    else if (t->weights == TME_LEXICAL_MAX_OTHER) /* the aligner's */
        add_tests_of(t, n, slot_at, weighed, TME_LEXICAL_MAX_OTHER);
    else
        add_tests_of(t, n, slot_at, weighed, t->weights);
}

/* English lemma l of a sentence: its odds from the counts (at: its index). */
static item_odds lemma_odds(const tme_lexicon *lex, odds_memo *memo, const id_counts *c, size_t at,
                            size_t n_zh)
{
    double w = tme_lexicon_lemma_weight(lex, c->ids[at]);
    double p1 = clamp(EN_P1_AT_ZERO - EN_P1_SLOPE * w, EN_P1_FLOOR, EN_P1_AT_ZERO);
    p1 = at_most(p1, ((double)c->zh_df[at] + p1) / ((double)c->en_df[at] + 1));
    double others = (double)n_zh - 1;
    double found = (double)c->zh_df[at];
    item_odds o = {p1, lemma_prior(memo, w), 0, 0, others};
    o.hit_share = others > 0 ? (found > 1 ? found - 1 : 0) / others : 0; /* fmax(found - 1, 0) */
    o.miss_share = others > 0 ? found / others : 0;
    return o;
}

static int init_en_tests(tme_lexical *lx, const id_counts *c, set_up *su)
{
    const tme_features *en = lx->en;
    tme_lexical_tests *t = &lx->en_tests;
    size_t n = en->n_sentences, slots = 0;
    if ((t->first = tme_arena_alloc(&lx->arena, n + 1, sizeof *t->first)) == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t items = en->sentences[i].lemma_end - en->sentences[i].lemma_begin;
        t->first[i] = slots;
        slots += items < TME_LEXICAL_MAX_ITEMS ? items : TME_LEXICAL_MAX_ITEMS;
    }
    t->first[n] = slots;
    /* only the flags are zeroed: an item's weights are written when first asked */
    weighed_item *weighed = tme_arena_alloc(&su->scratch, c->n, sizeof *weighed);
    unsigned char *known = tme_arena_calloc(&su->scratch, c->n, 1);
    t->item = tme_arena_alloc(&lx->arena, slots, sizeof *t->item);
    lx->bits.en_item_at = tme_arena_alloc(&lx->arena, slots, sizeof *lx->bits.en_item_at);
    if (weighed == NULL || known == NULL || t->item == NULL || lx->bits.en_item_at == NULL ||
        alloc_tests(&lx->arena, t, n, slots) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        for (size_t s = t->first[i]; s < t->first[i + 1]; s++) {
            size_t l = en->sentences[i].lemma_begin + (s - t->first[i]), at = c->at_of[l];
            t->item[s] = en->lemmas[l];
            lx->bits.en_item_at[s] = (uint32_t)at;
            if (!known[at]) {
                item_odds o = lemma_odds(en->lexicon, su->memo, c, at, lx->zh->n_sentences);
                weigh_all(su->memo, &o, t->weights, &weighed[at]);
                known[at] = 1;
            }
        }
    add_tests(t, n, lx->bits.en_item_at, weighed);
    return 0;
}

/* For each Chinese slot, the set indices of its word's lemmas that the
 * English has. */
static int init_zh_cover(tme_lexical *lx, const id_counts *lemmas, tme_arena *scratch)
{
    const tme_lexical_tests *t = &lx->zh_tests;
    size_t slots = t->first[lx->zh->n_sentences], n = 0;
    tme_lexical_bits *b = &lx->bits;
    /* each slot's lemmas, asked once */
    const uint32_t **ids = tme_arena_alloc(scratch, slots, sizeof *ids);
    size_t *counts = tme_arena_alloc(scratch, slots, sizeof *counts);
    b->zh_cover_first = tme_arena_alloc(&lx->arena, slots + 1, sizeof *b->zh_cover_first);
    if (ids == NULL || counts == NULL || b->zh_cover_first == NULL)
        return -1;
    for (size_t s = 0; s < slots; s++)
        n += counts[s] = tme_lexicon_headword_lemmas(lx->zh->lexicon, t->item[s], &ids[s]);
    if ((b->zh_cover = tme_arena_alloc(&lx->arena, n, sizeof *b->zh_cover)) == NULL)
        return -1;
    n = 0;
    id_map map = *lemmas->map;
    for (size_t s = 0; s < slots; s++) {
        b->zh_cover_first[s] = n;
        for (size_t k = 0; k < counts[s]; k++) {
            size_t at;
            if (set_index(map, ids[s][k], &at))
                b->zh_cover[n++] = (uint32_t)at;
        }
    }
    b->zh_cover_first[slots] = n;
    return 0;
}

/* zh_covered_by: each English lemma's sentences (a row of en_row_words
 * words, the transpose of en_bits), then each Chinese slot's row the OR of
 * its cover's. Left NULL (not an error) when too large. */
static int init_zh_covered_by(tme_lexical *lx, tme_arena *scratch, size_t n_lemmas)
{
    tme_lexical_bits *b = &lx->bits;
    size_t n_en = lx->en->n_sentences, slots = lx->zh_tests.first[lx->zh->n_sentences];
    size_t row = (n_en + 63) / 64;
    if (row == 0 || slots > TME_LEXICAL_COVER_ROWS_MAX / row ||
        n_lemmas > TME_LEXICAL_COVER_ROWS_MAX / row) /* (no product to overflow) */
        return 0;
    uint64_t *held_by = tme_arena_calloc(scratch, n_lemmas * row, sizeof *held_by);
    b->zh_covered_by = tme_arena_calloc(&lx->arena, slots * row, sizeof *b->zh_covered_by);
    if (held_by == NULL || b->zh_covered_by == NULL)
        return -1;
    b->en_row_words = row;
    /* en_bits transposed bit by bit, not by transpose_bits() below: a
     * paragraph pair has a few sentences and a sentence a few lemmas, so
     * 64 x 64 blocks cost more than the set bits (8 M more instructions of
     * extract with it) */
    for (size_t i = 0; i < n_en; i++) {
        const uint64_t *bits = b->en_bits + i * b->words;
        for (size_t w = 0; w < b->words; w++)
            for (uint64_t m = bits[w]; m != 0; m &= m - 1) {
                size_t at = w * 64 + (size_t)__builtin_ctzll(m);
                held_by[at * row + i / 64] |= (uint64_t)1 << (i % 64);
            }
    }
    for (size_t s = 0; s < slots; s++) {
        uint64_t *out = b->zh_covered_by + s * row;
        for (size_t k = b->zh_cover_first[s]; k < b->zh_cover_first[s + 1]; k++)
            for (size_t w = 0; w < row; w++)
                out[w] |= held_by[b->zh_cover[k] * row + w];
    }
    return 0;
}

/* The share of English sentences with one of the lemmas of a word (cover:
 * their set indices, a slot's zh_cover), as the chance that independent
 * lemmas give: *miss_share counting every sentence, *hit_share the
 * candidate left out (-1 each when the word is covered); *expected the
 * sentences its lemmas are in, for the latter (0 when no other sentence
 * is left). One pass for both, over the cover init_zh_cover found: the
 * look-ups were a tenth of the Chinese tests' set-up. */
static void cover_shares(const id_counts *lemmas, const uint32_t *cover, size_t n, size_t n_en,
                         double *miss_share, double *hit_share, double *expected)
{
    double none = 1, none_else = 1, others = (double)n_en, others_else = others - 1;
    *expected = 0;
    for (size_t k = 0; k < n; k++) {
        double df = (double)lemmas->en_df[cover[k]];
        none *= 1 - clamp(df / others, 0, 1);
        if (others_else > 0) {
            *expected += df;
            none_else *= 1 - clamp((df - 1) / others_else, 0, 1);
        }
    }
    *miss_share = 1 - none;
    *hit_share = 1 - none_else;
}

/* The Chinese word of slot s (longer: of more than two characters), index
 * at of the words' set. */
static item_odds word_odds(const tme_lexical *lx, const id_counts *lemmas, const id_counts *words,
                           size_t s, size_t at, int longer)
{
    const tme_lexical_bits *b = &lx->bits;
    size_t n_en = lx->en->n_sentences;
    double expected;
    item_odds o = {longer ? ZH_P1_LONGER : ZH_P1_TWO, longer ? ZH_P0_LONGER : ZH_P0_TWO, 0, 0,
                   (double)n_en - 1};
    cover_shares(lemmas, b->zh_cover + b->zh_cover_first[s],
                 b->zh_cover_first[s + 1] - b->zh_cover_first[s], n_en, &o.miss_share, &o.hit_share,
                 &expected);
    o.p1 = at_most(o.p1, (expected + o.p1) / ((double)words->zh_df[at] + 1));
    return o;
}

/* The Chinese slots: the first TME_LEXICAL_MAX_ITEMS long words of each
 * sentence, with each slot's index of the words' set and whether its
 * word is longer than two characters (in scratch). */
typedef struct {
    uint32_t *word_at;
    unsigned char *longer;
} zh_slots;

static int choose_zh_slots(tme_lexical *lx, const long_words *lw, const id_counts *words,
                           tme_arena *scratch, zh_slots *out)
{
    tme_lexical_tests *t = &lx->zh_tests;
    size_t n = lx->zh->n_sentences, slots = 0;
    if ((t->first = tme_arena_alloc(&lx->arena, n + 1, sizeof *t->first)) == NULL)
        return -1;
    for (size_t j = 0; j < n; j++) {
        size_t items = lw->first[j + 1] - lw->first[j];
        t->first[j] = slots;
        slots += items < TME_LEXICAL_MAX_ITEMS ? items : TME_LEXICAL_MAX_ITEMS;
    }
    t->first[n] = slots;
    t->item = tme_arena_alloc(&lx->arena, slots, sizeof *t->item);
    out->word_at = tme_arena_alloc(scratch, slots, sizeof *out->word_at);
    out->longer = tme_arena_alloc(scratch, slots, 1);
    if (t->item == NULL || out->word_at == NULL || out->longer == NULL)
        return -1;
    for (size_t j = 0; j < n; j++)
        for (size_t s = t->first[j], w = lw->first[j]; s < t->first[j + 1]; s++, w++) {
            t->item[s] = lw->ids[w];
            out->word_at[s] = words->at_of[w];
            out->longer[s] = lw->longer[w];
        }
    return 0;
}

/* The Chinese tests' weights (after init_zh_cover: the odds read the
 * slots' covers). */
static int init_zh_tests(tme_lexical *lx, const id_counts *lemmas, const id_counts *words,
                         const zh_slots *chosen, set_up *su)
{
    tme_lexical_tests *t = &lx->zh_tests;
    size_t n = lx->zh->n_sentences;
    weighed_item *weighed = tme_arena_alloc(&su->scratch, words->n, sizeof *weighed);
    unsigned char *known = tme_arena_calloc(&su->scratch, words->n, 1); /* as in init_en_tests */
    if (weighed == NULL || known == NULL || alloc_tests(&lx->arena, t, n, t->first[n]) != 0)
        return -1;
    for (size_t j = 0; j < n; j++)
        for (size_t s = t->first[j]; s < t->first[j + 1]; s++) {
            size_t at = chosen->word_at[s];
            if (!known[at]) {
                item_odds o = word_odds(lx, lemmas, words, s, at, chosen->longer[s]);
                weigh_all(su->memo, &o, t->weights, &weighed[at]);
                known[at] = 1;
            }
        }
    add_tests(t, n, chosen->word_at, weighed);
    return 0;
}

/* ---- the tables of the masks ------------------------------------------- */

static inline void set_table_bit(uint64_t *bits, size_t at)
{
    bits[at / 64] |= (uint64_t)1 << (at % 64);
}

/* en_found, from the Chinese sentences' lemma bits: each lemma a sentence
 * holds sets the bits of the English slots that test it (each lemma's
 * slots listed first, a counting sort, in scratch). */
static int make_en_found(tme_lexical *lx, tme_arena *scratch)
{
    tme_lexical_bits *b = &lx->bits;
    size_t slots = lx->en_tests.first[lx->en->n_sentences], n_zh = lx->zh->n_sentences;
    size_t words = (slots + 63) / 64, lemmas = b->words * 64;
    if (words == 0 || n_zh > TME_LEXICAL_TABLE_WORDS_MAX / words)
        return 0;
    uint64_t *found = tme_arena_calloc(&lx->arena, n_zh * words, sizeof *found);
    /* the slots of lemma n: slot_of[first[n] .. first[n + 1]) */
    size_t *first = tme_arena_calloc(scratch, lemmas + 2, sizeof *first);
    uint32_t *slot_of = tme_arena_alloc(scratch, slots, sizeof *slot_of);
    if (found == NULL || first == NULL || slot_of == NULL)
        return -1;
    for (size_t s = 0; s < slots; s++)
        first[b->en_item_at[s] + 2]++;
    for (size_t n = 2; n <= lemmas + 1; n++)
        first[n] += first[n - 1];
    for (size_t s = 0; s < slots; s++)
        slot_of[first[b->en_item_at[s] + 1]++] = (uint32_t)s;
    for (size_t j = 0; j < n_zh; j++)
        for (size_t w = 0; w < b->words; w++)
            for (uint64_t m = b->zh_bits[j * b->words + w]; m != 0; m &= m - 1) {
                size_t n = w * 64 + (size_t)__builtin_ctzll(m);
                for (size_t k = first[n]; k < first[n + 1]; k++)
                    set_table_bit(found + j * words, slot_of[k]);
            }
    b->en_found = found;
    b->en_found_words = words;
    return 0;
}

/* One step of transpose_block: in each pair of rows j apart (the first
 * of the pair with bit j of its index clear), the first's high half of
 * each 2j-bit group swaps with the second's low half (m: the low halves). */
static inline void swap_halves(uint64_t a[64], unsigned j, uint64_t m)
{
    for (unsigned first = 0; first < 64; first += 2 * j)
        for (unsigned k = first; k < first + j; k++) {
            uint64_t t = ((a[k] >> j) ^ a[k + j]) & m;
            a[k] ^= t << j;
            a[k + j] ^= t;
        }
}

/* Transposes the 64 x 64 bit block a (bit c of a[r] is row r, column c)
 * in place: swaps of halves, quarters ... down to single bits, each a few
 * word operations for 32 pairs of rows, instead of a test for each bit. */
static void transpose_block(uint64_t a[64])
{
    swap_halves(a, 32, 0x00000000FFFFFFFFULL);
    swap_halves(a, 16, 0x0000FFFF0000FFFFULL);
    swap_halves(a, 8, 0x00FF00FF00FF00FFULL);
    swap_halves(a, 4, 0x0F0F0F0F0F0F0F0FULL);
    swap_halves(a, 2, 0x3333333333333333ULL);
    swap_halves(a, 1, 0x5555555555555555ULL);
}

/* dst (cols rows of dst_words words) the transpose of src (rows rows of
 * src_words words, cols columns), block by block; dst need not be
 * zeroed. */
static void transpose_bits(const uint64_t *src, size_t rows, size_t src_words, size_t cols,
                           uint64_t *dst, size_t dst_words)
{
    uint64_t a[64];
    for (size_t br = 0; br < dst_words; br++)
        for (size_t bc = 0; bc * 64 < cols; bc++) {
            for (size_t r = 0; r < 64; r++)
                a[r] = br * 64 + r < rows ? src[(br * 64 + r) * src_words + bc] : 0;
            transpose_block(a);
            for (size_t c = 0; c < 64 && bc * 64 + c < cols; c++)
                dst[(bc * 64 + c) * dst_words + br] = a[c];
        }
}

/* zh_covered, the transpose of zh_covered_by (not made without it). */
static int make_zh_covered(tme_lexical *lx)
{
    tme_lexical_bits *b = &lx->bits;
    size_t slots = lx->zh_tests.first[lx->zh->n_sentences], n_en = lx->en->n_sentences;
    size_t words = (slots + 63) / 64, row = b->en_row_words;
    if (b->zh_covered_by == NULL || words == 0 || n_en > TME_LEXICAL_TABLE_WORDS_MAX / words)
        return 0;
    uint64_t *covered = tme_arena_alloc(&lx->arena, n_en * words, sizeof *covered);
    if (covered == NULL)
        return -1;
    transpose_bits(b->zh_covered_by, slots, row, n_en, covered, words);
    b->zh_covered = covered;
    b->zh_covered_words = words;
    return 0;
}

static int make_tables(tme_lexical *lx, tme_arena *scratch)
{
    if (!tme_lexical_active(lx) || lx->bits.en_found != NULL || lx->bits.zh_covered != NULL)
        return 0;
    return make_en_found(lx, scratch) != 0 || make_zh_covered(lx) != 0 ? -1 : 0;
}

tme_status tme_lexical_make_tables(tme_lexical *lx, tme_error *err)
{
    tme_arena scratch;
    tme_arena_init(&scratch, 0);
    int rc = make_tables(lx, &scratch);
    tme_arena_free(&scratch);
    return rc != 0 ? tme_error_nomem(err) : TME_OK;
}

/* About what the model's arrays take (model_bytes) and its set-up's
 * (scratch_bytes), from the counts of lemmas, words and sentences, so that
 * one chunk each nearly always holds a paragraph pair's. The model: per
 * lemma its gains and slots (32 bytes), per word the same, its cover
 * lists and its cover row (64 for a pair of up to 64 English sentences),
 * per sentence its tests and bitmaps (48 + lemmas / 8). The set-up: per
 * lemma or word its set (40 with the hash table) and weights (57), per
 * lemma its row of sentences (8), and per word its set index, its
 * headword's lemmas and its length (21). At most
 * MAX_FIRST_CHUNK each: a whole article's model (the pairing's) takes more
 * chunks, its largest arrays their own (arena.h). */
#define MAX_FIRST_CHUNK ((size_t)256 << 10)

static size_t at_most_first_chunk(size_t per_lemma, size_t per_word, size_t per_sentence,
                                  const tme_features *en, const tme_features *zh)
{
    size_t lemmas = en->n_lemmas, words = zh->n_words;
    size_t sentences = en->n_sentences + zh->n_sentences;
    if (lemmas > MAX_FIRST_CHUNK || words > MAX_FIRST_CHUNK || sentences > MAX_FIRST_CHUNK)
        return MAX_FIRST_CHUNK;
    size_t bytes = per_lemma * lemmas + per_word * words + per_sentence * sentences + 512;
    return bytes < MAX_FIRST_CHUNK ? bytes : MAX_FIRST_CHUNK;
}

static size_t model_bytes(const tme_features *en, const tme_features *zh)
{
    return at_most_first_chunk(32, 64, 48 + en->n_lemmas / 8, en, zh);
}

static size_t scratch_bytes(const tme_features *en, const tme_features *zh)
{
    return at_most_first_chunk(105, 118, 0, en, zh);
}

tme_status tme_lexical_init(tme_lexical *lx, const tme_features *en, const tme_features *zh,
                            tme_error *err)
{
    return tme_lexical_init_weights(lx, en, zh, TME_LEXICAL_MAX_OTHER, err);
}

tme_status tme_lexical_init_weights(tme_lexical *lx, const tme_features *en, const tme_features *zh,
                                    size_t weights, tme_error *err)
{
    memset(lx, 0, sizeof *lx);
    lx->en = en;
    lx->zh = zh;
    weights = weights < 1 ? 1 : weights > TME_LEXICAL_MAX_OTHER ? TME_LEXICAL_MAX_OTHER : weights;
    lx->en_tests.weights = lx->zh_tests.weights = weights;
    if (en->lexicon == NULL || zh->lexicon == NULL || en->n_sentences == 0 || zh->n_sentences == 0)
        return TME_OK;
    thread_state *ts = calling_thread_state();
    if (ts == NULL)
        return tme_error_nomem(err);
    tme_arena_init(&lx->arena, model_bytes(en, zh));
    set_up su = {&ts->memo, &ts->ids, {0}};
    tme_arena_init(&su.scratch, scratch_bytes(en, zh));
    /* the words' set first: the map then holds the lemmas' to the end */
    id_counts lemmas = {0}, words;
    long_words long_zh;
    int rc = gather_long_words(zh, &su.scratch, &long_zh);
    if (rc == 0)
        rc = count_words(&su.scratch, su.ids, zh->n_sentences, &long_zh, &words);
    if (rc == 0)
        rc = count_lemmas(lx, &su.scratch, su.ids, &lemmas);
    if (rc == 0)
        rc = init_en_tests(lx, &lemmas, &su);
    zh_slots chosen;
    if (rc == 0)
        rc = choose_zh_slots(lx, &long_zh, &words, &su.scratch, &chosen);
    if (rc == 0)
        rc = init_zh_cover(lx, &lemmas, &su.scratch);
    release_set(&lemmas);
    if (rc == 0)
        rc = init_zh_tests(lx, &lemmas, &words, &chosen, &su);
    if (rc == 0)
        rc = init_zh_covered_by(lx, &su.scratch, lemmas.n);
    tme_arena_free(&su.scratch);
    if (rc != 0) {
        tme_lexical_free(lx);
        return tme_error_nomem(err);
    }
    return TME_OK;
}

void tme_lexical_free(tme_lexical *lx)
{
    tme_arena_free(&lx->arena);
    memset(&lx->en_tests, 0, sizeof lx->en_tests);
    memset(&lx->zh_tests, 0, sizeof lx->zh_tests);
    memset(&lx->bits, 0, sizeof lx->bits);
}

/* ---- masks and evidence ------------------------------------------------- */

static inline int has_bit(const uint64_t *bits, uint32_t at)
{
    return (int)((bits[at >> 6] >> (at & 63)) & 1);
}

/* The n bits (at most 64) of words from bit first on. */
static inline uint64_t bit_run(const uint64_t *words, size_t first, size_t n)
{
    if (n == 0)
        return 0;
    size_t w = first / 64;
    unsigned off = (unsigned)(first % 64);
    uint64_t v = words[w] >> off;
    if (off != 0 && off + n > 64)
        v |= words[w + 1] << (64 - off);
    return n == 64 ? v : v & (((uint64_t)1 << n) - 1);
}

static inline uint64_t en_mask_of(const tme_lexical *lx, size_t en_sentence, size_t zh_sentence)
{
    const tme_lexical_tests *t = &lx->en_tests;
    if (lx->bits.en_found != NULL)
        return bit_run(lx->bits.en_found + zh_sentence * lx->bits.en_found_words,
                       t->first[en_sentence], t->first[en_sentence + 1] - t->first[en_sentence]);
    const uint64_t *bits = lx->bits.zh_bits + zh_sentence * lx->bits.words;
    const uint32_t *at = lx->bits.en_item_at;
    size_t first = t->first[en_sentence], end = t->first[en_sentence + 1];
    uint64_t mask = 0;
    for (size_t s = first; s < end; s++)
        mask |= (uint64_t)has_bit(bits, at[s]) << (s - first);
    return mask;
}

static inline uint64_t zh_mask_of(const tme_lexical *lx, size_t zh_sentence, size_t en_sentence)
{
    const tme_lexical_tests *t = &lx->zh_tests;
    const tme_lexical_bits *b = &lx->bits;
    size_t first = t->first[zh_sentence], end = t->first[zh_sentence + 1];
    if (b->zh_covered != NULL)
        return bit_run(b->zh_covered + en_sentence * b->zh_covered_words, first, end - first);
    uint64_t mask = 0;
    if (b->zh_covered_by != NULL) {
        const uint64_t *rows = b->zh_covered_by + en_sentence / 64;
        unsigned bit = (unsigned)(en_sentence % 64);
        for (size_t s = first; s < end; s++)
            mask |= ((rows[s * b->en_row_words] >> bit) & 1) << (s - first);
        return mask;
    }
    const uint64_t *bits = b->en_bits + en_sentence * b->words;
    for (size_t s = first; s < end; s++)
        for (size_t k = b->zh_cover_first[s]; k < b->zh_cover_first[s + 1]; k++)
            if (has_bit(bits, b->zh_cover[k])) {
                mask |= (uint64_t)1 << (s - first);
                break;
            }
    return mask;
}

static inline double evidence_of(const tme_lexical_tests *t, size_t sentence, uint64_t mask,
                                 size_t other_count)
{
    if (t->first == NULL || other_count == 0)
        return 0;
    size_t k = (other_count < t->weights ? other_count : t->weights) - 1;
    double e = t->miss[sentence * t->weights + k];
    const double *gain = t->gain + t->first[sentence] * t->weights + k;
    for (; mask != 0; mask &= mask - 1)
        e += gain[(size_t)__builtin_ctzll(mask) * t->weights];
    return e;
}

uint64_t tme_lexical_en_mask(const tme_lexical *lx, size_t en_sentence, size_t zh_sentence)
{
    return en_mask_of(lx, en_sentence, zh_sentence);
}

uint64_t tme_lexical_zh_mask(const tme_lexical *lx, size_t zh_sentence, size_t en_sentence)
{
    return zh_mask_of(lx, zh_sentence, en_sentence);
}

double tme_lexical_evidence(const tme_lexical_tests *t, size_t sentence, uint64_t mask,
                            size_t other_count)
{
    return evidence_of(t, sentence, mask, other_count);
}

double tme_lexical_pair_evidence(const tme_lexical *lx, size_t en_sentence, size_t zh_sentence)
{
    return evidence_of(&lx->en_tests, en_sentence, en_mask_of(lx, en_sentence, zh_sentence), 1) +
           evidence_of(&lx->zh_tests, zh_sentence, zh_mask_of(lx, zh_sentence, en_sentence), 1);
}

/* The most tme_lexical_evidence(t, i, mask, k + 1) can be: the misses'
 * evidence plus every positive gain, with room for the rounding of sums
 * taken in another order (1e-9 of the magnitudes, against at most 64
 * roundings of 1.1e-16 each). */
double tme_lexical_most(const tme_lexical_tests *t, size_t i, size_t k)
{
    double miss = t->miss[i * t->weights + k], most = miss, size = fabs(miss);
    for (size_t s = t->first[i]; s < t->first[i + 1]; s++) {
        double gain = t->gain[s * t->weights + k];
        most += gain > 0 ? gain : 0;
        size += fabs(gain);
    }
    return most + 1e-9 * (size + 1);
}
