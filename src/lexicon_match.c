/* SPDX-License-Identifier: MIT */
/* The matcher: sentences prepared once, pairs scored by merging sorted id
 * arrays. Reads the lexicon only, so any number of threads share it. */
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "charclass.h"
#include "lexicon_impl.h"
#include "lexicon_words.h"
#include "sort_ids.h"

static int push_id(uint32_t **ids, size_t *n, size_t *cap, uint32_t id)
{
    if (TME_ARRAY_RESERVE(*ids, *cap, *n + 1) != TME_OK)
        return -1;
    (*ids)[(*n)++] = id;
    return 0;
}

static size_t sort_unique(uint32_t *ids, size_t n)
{
    if (n < 2)
        return n; /* ids may be NULL */
    tme_sort_u32(ids, n);
    size_t out = 0;
    for (size_t i = 0; i < n; i++)
        if (out == 0 || ids[i] != ids[out - 1])
            ids[out++] = ids[i];
    return out;
}

/* ---- English ----------------------------------------------------------------- */

tme_status tme_lexicon_prepare_en(const tme_lexicon *lex, const char *text, size_t len,
                                  tme_lexicon_en *out, tme_error *err)
{
    out->n = 0;
    out->content_words = 0;
    tme_word_cursor cur;
    tme_word_cursor_init(&cur, text, len);
    char lemma[TME_LEXWORD_MAX + 1];
    size_t lemma_len;
    while ((lemma_len = tme_next_content_word(&cur, lemma)) > 0) {
        out->content_words++;
        uint32_t id = tme_lexicon_find_lemma(lex, lemma, lemma_len);
        if (id != UINT32_MAX && push_id(&out->lemmas, &out->n, &out->cap, id) != 0)
            return tme_error_nomem(err);
    }
    out->n = sort_unique(out->lemmas, out->n);
    return TME_OK;
}

void tme_lexicon_en_free(tme_lexicon_en *en)
{
    free(en->lemmas);
    memset(en, 0, sizeof *en);
}

/* ---- Chinese ----------------------------------------------------------------- */

/* The character index of the code point at p (0: in no headword, or not a
 * character), its byte length in *step. */
static uint16_t index_at(const tme_lexicon *lex, const utf8proc_uint8_t *p,
                         const utf8proc_uint8_t *end, size_t *step)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = tme_iterate(p, end - p, &cp);
    if (n <= 0) {
        *step = 1;
        return 0;
    }
    *step = (size_t)n;
    return cp >= 0 && cp < TME_LEXICON_CP_LIMIT ? lex->char_index[cp] : 0;
}

int tme_lexicon_zh_in_headword(const tme_lexicon *lex, int32_t cp)
{
    return cp >= 0 && cp < TME_LEXICON_CP_LIMIT && lex->char_index[cp] != 0;
}

/* A text's characters as their indices, a chunk at a time: each is
 * decoded once, and the n-grams starting at position i are idx[i],
 * idx[i + 1], ... An invalid byte is a character of index 0, and so is
 * each position past the end of the text. */
#define INDEX_CHUNK 256
#define NGRAM_AFTER (TME_LEXICON_MAX_HEADWORD_CHARS - 1) /* characters after the first */

typedef struct {
    const tme_lexicon *lex;
    const utf8proc_uint8_t *p, *end;
    size_t n; /* indices in idx */
    uint16_t idx[INDEX_CHUNK + NGRAM_AFTER];
} char_indices;

static inline void indices_init(char_indices *c, const tme_lexicon *lex, const char *text,
                                size_t len)
{
    c->lex = lex;
    c->p = (const utf8proc_uint8_t *)text;
    c->end = c->p + len;
    c->n = 0;
}

/* The index of the character at *p, moving *p past it: a Han character
 * in 3 bytes (nearly all of Chinese text) without the general decoder.
 * A well-formed 3-byte sequence whose code point is indexed is a Han
 * character, never an overlong form or a surrogate, so tme_iterate()
 * would read it the same. */
static inline uint16_t next_index(const tme_lexicon *lex, const utf8proc_uint8_t **p,
                                  const utf8proc_uint8_t *end)
{
    const utf8proc_uint8_t *at = *p;
    if (*at < 0x80) { /* ASCII: no Han character */
        *p = at + 1;
        return 0;
    }
    if ((*at & 0xF0) == 0xE0 && end - at >= 3 && (at[1] & 0xC0) == 0x80 && (at[2] & 0xC0) == 0x80) {
        uint16_t index =
            lex->char_index[(at[0] & 0x0F) << 12 | (at[1] & 0x3F) << 6 | (at[2] & 0x3F)];
        if (index != 0) {
            *p = at + 3;
            return index;
        }
    }
    size_t step;
    uint16_t index = index_at(lex, at, end, &step);
    *p = at + step;
    return index;
}

/* Decodes the text's next characters after the c->n kept ones, up to a
 * full chunk; the number of positions whose n-grams are all in idx: all
 * of them at the end of the text, else all but the last NGRAM_AFTER. */
static inline size_t indices_fill(char_indices *c)
{
    size_t n = c->n;
    const utf8proc_uint8_t *p = c->p;
    while (n < INDEX_CHUNK && p < c->end)
        c->idx[n++] = next_index(c->lex, &p, c->end);
    c->p = p;
    c->n = n;
    for (size_t k = 0; k < NGRAM_AFTER; k++)
        c->idx[n + k] = 0;
    return p < c->end ? n - NGRAM_AFTER : n;
}

/* Moves the positions from `from` on to the front, for the next fill. */
static inline void indices_keep(char_indices *c, size_t from)
{
    memmove(c->idx, c->idx + from, (c->n - from) * sizeof *c->idx);
    c->n -= from;
}

/* The headword that is the k characters at `at` (k >= 2; their key),
 * or UINT32_MAX; *more is 0 when no headword begins with them, so that no
 * longer n-gram from here needs a look. */
static inline uint32_t ngram_headword(const tme_lexicon *lex, uint64_t key, int *more)
{
    uint64_t hash = tme_hash_mix(key);
    *more = tme_lexicon_maybe_prefix_hashed(lex, hash);
    return *more ? tme_lexicon_find_hashed(lex, key, hash) : UINT32_MAX;
}

/* The headwords that are the first 1, 2, ... characters at `at`, whose
 * first has the TME_LEXICON_BEGINS_* flags starts (not 0): hw[k - 1] for
 * the first k (UINT32_MAX: none); their count, up to the longest n-gram
 * that some headword may begin with. The first comes from the character's
 * own entry, each longer one from one probe. */
static inline int ngram_headwords(const tme_lexicon *lex, const uint16_t *at, unsigned starts,
                                  uint32_t hw[TME_LEXICON_MAX_HEADWORD_CHARS])
{
    hw[0] = lex->char_word[at[0]] - 1;
    if ((starts & TME_LEXICON_BEGINS_LONGER) == 0)
        return 1;
    uint64_t key = at[0];
    int k = 1, more = 1;
    for (; more && k < TME_LEXICON_MAX_HEADWORD_CHARS && at[k] != 0; k++) {
        key |= (uint64_t)at[k] << (16 * k);
        hw[k] = ngram_headword(lex, key, &more);
    }
    return k;
}

/* Scratch bitmaps, all zero between calls: which headwords a text has
 * shown (so that each is listed once, without sorting) and the union of
 * their lemmas (read back in order). A thread's own, so that no call
 * allocates or clears a bitmap: it clears the words it set. A lexicon
 * larger than these (glossaries past 2^16 lemmas or 2^18 headwords) uses
 * the sentence's own lemma bitmap and sorts its headwords. */
#define SCRATCH_LEMMAS (1u << 16)
#define SCRATCH_HEADWORDS (1u << 18)
static _Thread_local uint64_t lemma_scratch[SCRATCH_LEMMAS / 64];
static _Thread_local uint64_t headword_scratch[SCRATCH_HEADWORDS / 64];

static int test_and_set(uint64_t *bits, uint32_t id)
{
    uint64_t bit = (uint64_t)1 << (id & 63), was = bits[id >> 6] & bit;
    bits[id >> 6] |= bit;
    return was != 0;
}

/* What find_headwords() keeps while it reads a text. */
typedef struct {
    const tme_lexicon *lex;
    tme_lexicon_zh *out;
    uint64_t *seen; /* headword_scratch, or NULL: sort at the end */
    size_t total;   /* lemma list lengths of the headwords listed, added up */
    size_t skip;    /* characters inside the last word, where no word starts */
} headword_scan;

/* Lists the headwords at position `at` (first character flags starts);
 * the longest one with lemmas in *word (as longest_headword() finds it),
 * its length in *chars, when word is not NULL. -1 for want of memory. */
static inline int scan_position(headword_scan *s, const uint16_t *at, unsigned starts,
                                uint32_t *word, int *chars)
{
    const tme_lexicon *lex = s->lex;
    uint32_t hw[TME_LEXICON_MAX_HEADWORD_CHARS];
    int n = ngram_headwords(lex, at, starts, hw);
    for (int k = 0; k < n; k++) {
        if (hw[k] == UINT32_MAX)
            continue;
        size_t lemmas = lex->hw_first[hw[k] + 1] - lex->hw_first[hw[k]];
        if (word != NULL && lemmas > 0) {
            *word = hw[k];
            *chars = k + 1;
        }
        if (s->seen != NULL && test_and_set(s->seen, hw[k]))
            continue;
        s->total += lemmas;
        if (push_id(&s->out->headwords, &s->out->n_headwords, &s->out->cap_headwords, hw[k]) != 0) {
            if (s->seen != NULL)
                s->seen[hw[k] >> 6] = 0; /* the others are cleared at the end */
            return -1;
        }
    }
    return 0;
}

/* The positions of a chunk, the first `ready` of c. -1 for want of memory. */
static int scan_chunk(headword_scan *s, const char_indices *c, size_t ready,
                      tme_lexicon_zh_words *words)
{
    for (size_t i = 0; i < ready; i++) {
        int word_here = words != NULL && s->skip == 0;
        s->skip -= s->skip > 0;
        unsigned starts = s->lex->char_starts[c->idx[i]];
        if (starts == 0)
            continue;
        uint32_t word = UINT32_MAX;
        int chars = 0;
        if (scan_position(s, c->idx + i, starts, word_here ? &word : NULL, &chars) != 0)
            return -1;
        if (word != UINT32_MAX) {
            if (push_id(&words->words, &words->n, &words->cap, word) != 0)
                return -1;
            s->skip = (size_t)chars - 1;
        }
    }
    return 0;
}

/* The headwords of the text, each once, in the order found (sorted
 * without the scratch bitmap); the length of their lemma lists, added up,
 * in *total. */
static int find_headwords(const tme_lexicon *lex, const char *text, size_t len, tme_lexicon_zh *out,
                          tme_lexicon_zh_words *words, size_t *total)
{
    headword_scan s = {lex, out, lex->n_headwords <= SCRATCH_HEADWORDS ? headword_scratch : NULL, 0,
                       0};
    char_indices c;
    int status = 0;
    indices_init(&c, lex, text, len);
    for (;;) {
        size_t ready = indices_fill(&c);
        status = scan_chunk(&s, &c, ready, words);
        if (status != 0 || c.p >= c.end)
            break;
        indices_keep(&c, ready);
    }
    *total = s.total;
    if (s.seen == NULL)
        out->n_headwords = sort_unique(out->headwords, out->n_headwords);
    else
        for (size_t i = 0; i < out->n_headwords; i++)
            s.seen[out->headwords[i] >> 6] = 0;
    return status;
}

/* The lemma bitmap is read back SEEN_GROUP words at a time: most of the
 * words between a sentence's lowest and highest lemma are empty. Both
 * bitmaps hold whole groups. */
#define SEEN_GROUP 4 /* read_back() spells out the 4 */
_Static_assert(SCRATCH_LEMMAS / 64 % SEEN_GROUP == 0, "the scratch bitmap holds whole groups");

/* The lemma bitmap to use: the thread's, else the sentence's own (NULL
 * for want of memory). */
static uint64_t *lemma_bitmap(const tme_lexicon *lex, tme_lexicon_zh *out)
{
    if (lex->n_lemmas <= SCRATCH_LEMMAS)
        return lemma_scratch;
    size_t words = (lex->n_lemmas + 64 * SEEN_GROUP - 1) / (64 * SEEN_GROUP) * SEEN_GROUP;
    if (out->seen_words < words) {
        free(out->seen);
        if ((out->seen = calloc(words, sizeof *out->seen)) == NULL) {
            out->seen_words = 0;
            return NULL;
        }
        out->seen_words = words;
    }
    return out->seen;
}

/* Below this many lemmas (with repeats) the found headwords' lists are
 * merged by sorting; above it, in a bitmap over the lemma ids, read back
 * in order: a sentence's single characters each translate dozens of
 * lemmas, and sorting those lists was a seventh of extract's time. */
#define SORT_LEMMAS_BELOW 64

/* The ids of the bits set in words lo to hi of seen, ascending, into
 * `to`, clearing them; their count. */
static size_t read_back(uint64_t *seen, size_t lo, size_t hi, uint32_t *to)
{
    uint32_t *start = to;
    for (size_t g = lo - lo % SEEN_GROUP; g <= hi; g += SEEN_GROUP) {
        if ((seen[g] | seen[g + 1] | seen[g + 2] | seen[g + 3]) == 0) /* SEEN_GROUP of them */
            continue;
        for (size_t w = g; w < g + SEEN_GROUP; w++) {
            uint64_t bits = seen[w];
            if (bits == 0)
                continue;
            seen[w] = 0;
            for (uint32_t base = (uint32_t)(w * 64); bits != 0; bits &= bits - 1)
                *to++ = base + (uint32_t)__builtin_ctzll(bits);
        }
    }
    return (size_t)(to - start);
}

static int mark_lemmas(const tme_lexicon *lex, tme_lexicon_zh *out, size_t total)
{
    uint64_t *seen = lemma_bitmap(lex, out);
    /* total, the lists' lengths added up, bounds the distinct lemmas. */
    if (seen == NULL || TME_ARRAY_RESERVE(out->lemmas, out->cap_lemmas, total) != TME_OK)
        return -1;
    /* Each list is sorted: its first and last ids bound the words set. */
    size_t lo = SIZE_MAX, hi = 0;
    for (size_t i = 0; i < out->n_headwords; i++) {
        const uint32_t *l = lex->hw_lemmas + lex->hw_first[out->headwords[i]];
        const uint32_t *stop = lex->hw_lemmas + lex->hw_first[out->headwords[i] + 1];
        if (l == stop)
            continue;
        lo = l[0] >> 6 < lo ? l[0] >> 6 : lo;
        hi = stop[-1] >> 6 > hi ? stop[-1] >> 6 : hi;
        for (; l < stop; l++)
            seen[*l >> 6] |= (uint64_t)1 << (*l & 63);
    }
    if (lo != SIZE_MAX)
        out->n_lemmas += read_back(seen, lo, hi, out->lemmas + out->n_lemmas);
    return 0;
}

/* The lemmas the found headwords translate (total of them with repeats),
 * sorted and distinct. */
static int gather_lemmas(const tme_lexicon *lex, tme_lexicon_zh *out, size_t total)
{
    if (total >= SORT_LEMMAS_BELOW)
        return mark_lemmas(lex, out, total);
    for (size_t i = 0; i < out->n_headwords; i++) {
        uint32_t h = out->headwords[i];
        for (uint32_t k = lex->hw_first[h]; k < lex->hw_first[h + 1]; k++)
            if (push_id(&out->lemmas, &out->n_lemmas, &out->cap_lemmas, lex->hw_lemmas[k]) != 0)
                return -1;
    }
    out->n_lemmas = sort_unique(out->lemmas, out->n_lemmas);
    return 0;
}

tme_status tme_lexicon_prepare_zh(const tme_lexicon *lex, const char *text, size_t len,
                                  tme_lexicon_zh *out, tme_error *err)
{
    return tme_lexicon_prepare_zh_words(lex, text, len, out, NULL, err);
}

tme_status tme_lexicon_prepare_zh_words(const tme_lexicon *lex, const char *text, size_t len,
                                        tme_lexicon_zh *zh, tme_lexicon_zh_words *words,
                                        tme_error *err)
{
    zh->n_headwords = zh->n_lemmas = 0;
    if (words != NULL)
        words->n = 0;
    size_t total;
    if (find_headwords(lex, text, len, zh, words, &total) != 0 ||
        gather_lemmas(lex, zh, total) != 0)
        return tme_error_nomem(err);
    return TME_OK;
}

void tme_lexicon_zh_free(tme_lexicon_zh *zh)
{
    free(zh->headwords);
    free(zh->lemmas);
    free(zh->seen);
    memset(zh, 0, sizeof *zh);
}

/* The longest headword that translates some lemma among the first 1 to
 * 4 characters at `at` (whose first has the flags starts, not 0): its id
 * (UINT32_MAX for none), its length in *chars. */
static uint32_t longest_headword(const tme_lexicon *lex, const uint16_t *at, unsigned starts,
                                 int *chars)
{
    uint32_t hw[TME_LEXICON_MAX_HEADWORD_CHARS], best = UINT32_MAX;
    int n = ngram_headwords(lex, at, starts, hw);
    for (int k = 0; k < n; k++)
        if (hw[k] != UINT32_MAX && lex->hw_first[hw[k] + 1] > lex->hw_first[hw[k]]) {
            best = hw[k];
            *chars = k + 1;
        }
    return best;
}

tme_status tme_lexicon_words_zh(const tme_lexicon *lex, const char *text, size_t len,
                                tme_lexicon_zh_words *out, tme_error *err)
{
    out->n = 0;
    char_indices c;
    indices_init(&c, lex, text, len);
    /* i, the next position, may pass `ready` by a word's last characters,
     * which the next chunk keeps. */
    for (size_t i = 0;;) {
        size_t ready = indices_fill(&c);
        while (i < ready) {
            int chars = 1;
            unsigned starts = lex->char_starts[c.idx[i]];
            uint32_t hw =
                starts != 0 ? longest_headword(lex, c.idx + i, starts, &chars) : UINT32_MAX;
            if (hw != UINT32_MAX && push_id(&out->words, &out->n, &out->cap, hw) != 0)
                return tme_error_nomem(err);
            i += hw != UINT32_MAX ? (size_t)chars : 1;
        }
        if (c.p >= c.end)
            return TME_OK;
        indices_keep(&c, ready);
        i -= ready;
    }
}

void tme_lexicon_zh_words_free(tme_lexicon_zh_words *words)
{
    free(words->words);
    memset(words, 0, sizeof *words);
}

size_t tme_lexicon_headword_chars(const tme_lexicon *lex, uint32_t headword)
{
    if (headword >= lex->n_headwords)
        return 0;
    /* Character k has a nonzero index in bits 16k..16k+15: the count is
     * the key's bit length in 16-bit steps, rounded up. */
    uint64_t key = lex->hw_keys[headword];
    return key == 0 ? 0 : (size_t)(64 - __builtin_clzll(key) + 15) / 16;
}

size_t tme_lexicon_headword_lemmas(const tme_lexicon *lex, uint32_t headword,
                                   const uint32_t **lemmas)
{
    if (headword >= lex->n_headwords) {
        *lemmas = NULL;
        return 0;
    }
    *lemmas = lex->hw_lemmas + lex->hw_first[headword];
    return lex->hw_first[headword + 1] - lex->hw_first[headword];
}

/* ---- scoring ----------------------------------------------------------------- */

static int translated_in(const tme_lexicon_zh *zh, size_t n_zh, uint32_t lemma)
{
    for (size_t j = 0; j < n_zh; j++)
        if (tme_sorted_has_u32(zh[j].lemmas, zh[j].n_lemmas, lemma))
            return 1;
    return 0;
}

/* The smallest lemma id above `after` among the English sentences (a
 * k-way merge step over their sorted arrays), or UINT32_MAX. pos[] holds
 * each sentence's read position. */
static uint32_t next_en_lemma(const tme_lexicon_en *en, size_t n_en, size_t *pos)
{
    uint32_t best = UINT32_MAX;
    for (size_t i = 0; i < n_en; i++)
        if (pos[i] < en[i].n && en[i].lemmas[pos[i]] < best)
            best = en[i].lemmas[pos[i]];
    for (size_t i = 0; i < n_en; i++)
        if (pos[i] < en[i].n && en[i].lemmas[pos[i]] == best)
            pos[i]++;
    return best;
}

#define MAX_BEAD_SENTENCES 16

tme_lexicon_overlap tme_lexicon_score(const tme_lexicon *lex, const tme_lexicon_en *en, size_t n_en,
                                      const tme_lexicon_zh *zh, size_t n_zh)
{
    tme_lexicon_overlap o = {0, 0, 0, 0};
    size_t pos[MAX_BEAD_SENTENCES] = {0};
    if (n_en > MAX_BEAD_SENTENCES)
        n_en = MAX_BEAD_SENTENCES;
    for (uint32_t l; (l = next_en_lemma(en, n_en, pos)) != UINT32_MAX;) {
        double w = lex->lemma_weight[l];
        o.en_lemmas++;
        o.en_weight += w;
        if (translated_in(zh, n_zh, l)) {
            o.matched++;
            o.matched_weight += w;
        }
    }
    return o;
}

/* ---- lookups ----------------------------------------------------------------- */

double tme_lexicon_lemma_weight(const tme_lexicon *lex, uint32_t lemma)
{
    return lemma < lex->n_lemmas ? lex->lemma_weight[lemma] : 0;
}

const char *tme_lexicon_lemma_text(const tme_lexicon *lex, uint32_t lemma)
{
    return lemma < lex->n_lemmas ? lex->lemma_text + lex->lemma_offset[lemma] : "";
}

void tme_lexicon_headword_text(const tme_lexicon *lex, uint32_t headword, char *buf)
{
    size_t n = 0;
    if (headword < lex->n_headwords)
        for (uint64_t key = lex->hw_keys[headword]; key != 0; key >>= 16)
            n += (size_t)utf8proc_encode_char((utf8proc_int32_t)lex->char_cp[key & 0xFFFF],
                                              (utf8proc_uint8_t *)buf + n);
    buf[n] = '\0';
}

int tme_lexicon_translates(const tme_lexicon *lex, const char *english, const char *chinese)
{
    tme_word_cursor cur;
    tme_word_cursor_init(&cur, english, strlen(english));
    char lemma[TME_LEXWORD_MAX + 1];
    size_t lemma_len = tme_next_content_word(&cur, lemma);
    int32_t cps[TME_LEXICON_MAX_HEADWORD_CHARS];
    size_t n = tme_lexicon_parse_headword(chinese, strlen(chinese), cps);
    if (lemma_len == 0 || n == 0)
        return 0;
    uint32_t id = tme_lexicon_find_lemma(lex, lemma, lemma_len);
    uint64_t key = 0;
    for (size_t k = 0; k < n; k++)
        key |= (uint64_t)lex->char_index[cps[k]] << (16 * k);
    for (size_t k = 0; k < n; k++)
        if (lex->char_index[cps[k]] == 0)
            return 0;
    uint32_t hw = tme_lexicon_find_key(lex, key);
    if (id == UINT32_MAX || hw == UINT32_MAX)
        return 0;
    return tme_sorted_has_u32(lex->hw_lemmas + lex->hw_first[hw],
                              lex->hw_first[hw + 1] - lex->hw_first[hw], id);
}

tme_lexicon_stats tme_lexicon_get_stats(const tme_lexicon *lex)
{
    tme_lexicon_stats s;
    s.lemmas = lex->n_lemmas;
    s.headwords = lex->n_headwords;
    s.pairs = lex->n_pairs;
    s.characters = lex->n_chars;
    s.bytes = sizeof *lex + TME_LEXICON_CP_LIMIT * sizeof *lex->char_index +
              lex->cap_chars * (sizeof *lex->char_cp + 1 + sizeof *lex->char_word) +
              lex->hw_cap * sizeof *lex->hw_slots + lex->cap_headwords * sizeof *lex->hw_keys +
              (lex->n_headwords + 2) * sizeof *lex->hw_first +
              lex->n_pairs * sizeof *lex->hw_lemmas + lex->text_cap +
              lex->cap_lemmas * sizeof *lex->lemma_offset +
              lex->lemma_cap * sizeof *lex->lemma_slots +
              lex->n_lemmas * sizeof *lex->lemma_weight + TME_LEXICON_PREFIX_BITS / 8;
    return s;
}
