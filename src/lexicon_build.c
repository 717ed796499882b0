/* SPDX-License-Identifier: MIT */
/* Building the lexicon's tables: interning lemmas, characters and
 * headwords, then the headword -> lemmas arrays and the lemma weights. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "charclass.h"
#include "lexicon_impl.h"

struct tme_lexicon *tme_lexicon_new(void)
{
    struct tme_lexicon *lex = calloc(1, sizeof *lex);
    if (lex == NULL)
        return NULL;
    lex->char_index = calloc(TME_LEXICON_CP_LIMIT, sizeof *lex->char_index);
    lex->hw_cap = lex->lemma_cap = 1024;
    lex->hw_slots = calloc(lex->hw_cap, sizeof *lex->hw_slots);
    lex->lemma_slots = calloc(lex->lemma_cap, sizeof *lex->lemma_slots);
    if (lex->char_index == NULL || lex->hw_slots == NULL || lex->lemma_slots == NULL) {
        tme_lexicon_free(lex);
        return NULL;
    }
    return lex;
}

void tme_lexicon_free(tme_lexicon *lex)
{
    if (lex == NULL)
        return;
    free(lex->char_index);
    free(lex->char_cp);
    free(lex->char_starts);
    free(lex->char_word);
    free(lex->hw_slots);
    free(lex->hw_keys);
    free(lex->hw_first);
    free(lex->hw_lemmas);
    free(lex->lemma_text);
    free(lex->lemma_offset);
    free(lex->lemma_slots);
    free(lex->lemma_weight);
    free(lex->prefix_bits);
    free(lex->build_hw);
    free(lex->build_lemma);
    free(lex);
}

size_t tme_lexicon_parse_headword(const char *s, size_t len,
                                  int32_t cps[TME_LEXICON_MAX_HEADWORD_CHARS])
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = tme_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0 || !tme_is_han(cp) || n == TME_LEXICON_MAX_HEADWORD_CHARS)
            return 0;
        cps[n++] = cp;
        i += (size_t)step;
    }
    return n;
}

/* ---- lemmas ---------------------------------------------------------------- */

static const char *lemma_at(const struct tme_lexicon *lex, uint32_t id)
{
    return lex->lemma_text + lex->lemma_offset[id];
}

/* A lemma slot holds the lemma's id + 1 in its low 32 bits (0: empty) and
 * the high half of its hash above, so that a probe compares text only when
 * the hashes agree. */
static uint64_t lemma_tag(uint64_t hash)
{
    return hash & 0xFFFFFFFF00000000ULL;
}

static size_t lemma_slot(const uint64_t *slots, size_t cap, const struct tme_lexicon *lex,
                         const char *lemma, size_t len, uint64_t hash)
{
    size_t mask = cap - 1;
    size_t i = (size_t)hash & mask;
    for (; slots[i] != 0; i = (i + 1) & mask) {
        if (lemma_tag(slots[i]) != lemma_tag(hash))
            continue;
        const char *there = lemma_at(lex, (uint32_t)slots[i] - 1);
        if (memcmp(there, lemma, len) == 0 && there[len] == '\0')
            break;
    }
    return i;
}

uint32_t tme_lexicon_find_lemma(const struct tme_lexicon *lex, const char *lemma, size_t len)
{
    uint64_t hash = tme_lexicon_hash_bytes(lemma, len);
    uint64_t slot =
        lex->lemma_slots[lemma_slot(lex->lemma_slots, lex->lemma_cap, lex, lemma, len, hash)];
    return slot == 0 ? UINT32_MAX : (uint32_t)slot - 1;
}

static int resize_lemma_slots(struct tme_lexicon *lex, size_t cap)
{
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (uint32_t id = 0; id < lex->n_lemmas; id++) {
        const char *text = lemma_at(lex, id);
        size_t len = strlen(text);
        uint64_t hash = tme_lexicon_hash_bytes(text, len);
        slots[lemma_slot(slots, cap, lex, text, len, hash)] = lemma_tag(hash) | (id + 1);
    }
    free(lex->lemma_slots);
    lex->lemma_slots = slots;
    lex->lemma_cap = cap;
    return 0;
}

uint32_t tme_lexicon_intern_lemma(struct tme_lexicon *lex, const char *lemma, size_t len)
{
    uint64_t hash = tme_lexicon_hash_bytes(lemma, len);
    size_t slot = lemma_slot(lex->lemma_slots, lex->lemma_cap, lex, lemma, len, hash);
    if (lex->lemma_slots[slot] != 0)
        return (uint32_t)lex->lemma_slots[slot] - 1;
    if (lex->n_lemmas >= UINT32_MAX - 1 || lex->text_len + len + 1 > UINT32_MAX ||
        tme_array_reserve(&lex->lemma_text, &lex->text_cap, lex->text_len + len + 1, 1) != 0 ||
        tme_array_reserve(&lex->lemma_offset, &lex->cap_lemmas, lex->n_lemmas + 1,
                          sizeof *lex->lemma_offset) != 0)
        return UINT32_MAX;
    uint32_t id = (uint32_t)lex->n_lemmas++;
    lex->lemma_offset[id] = (uint32_t)lex->text_len;
    memcpy(lex->lemma_text + lex->text_len, lemma, len);
    lex->lemma_text[lex->text_len + len] = '\0';
    lex->text_len += len + 1;
    if (lex->n_lemmas * 2 > lex->lemma_cap) {
        if (resize_lemma_slots(lex, lex->lemma_cap * 2) != 0)
            return UINT32_MAX;
    } else {
        lex->lemma_slots[slot] = lemma_tag(hash) | (id + 1);
    }
    return id;
}

/* ---- headwords ------------------------------------------------------------- */

/* Room for character index n in the per-character arrays (the new
 * entries zero); -1 for want of memory. */
static int reserve_chars(struct tme_lexicon *lex, size_t n)
{
    if (n < lex->cap_chars)
        return 0;
    size_t cap = lex->cap_chars;
    if (tme_array_reserve(&lex->char_cp, &cap, n + 1, sizeof *lex->char_cp) != TME_OK)
        return -1;
    uint8_t *starts = realloc(lex->char_starts, cap);
    if (starts == NULL)
        return -1;
    memset(starts + lex->cap_chars, 0, cap - lex->cap_chars);
    lex->char_starts = starts;
    uint32_t *words = realloc(lex->char_word, cap * sizeof *words);
    if (words == NULL)
        return -1;
    memset(words + lex->cap_chars, 0, (cap - lex->cap_chars) * sizeof *words);
    lex->char_word = words;
    lex->cap_chars = cap;
    return 0;
}

/* The character's index, added when new; 0 when the table is full or for
 * want of memory. */
static uint16_t intern_char(struct tme_lexicon *lex, int32_t cp)
{
    if (lex->char_index[cp] != 0)
        return lex->char_index[cp];
    if (lex->n_chars == TME_LEXICON_MAX_CHARS || reserve_chars(lex, lex->n_chars + 1) != 0)
        return 0;
    uint16_t index = (uint16_t)++lex->n_chars;
    lex->char_cp[index] = (uint32_t)cp;
    lex->char_index[cp] = index;
    return index;
}

/* The slot of key (whose tme_hash_mix() is hash), or the empty one where
 * it would go. */
static size_t key_slot_hashed(const tme_lexicon_slot *slots, size_t cap, uint64_t key,
                              uint64_t hash)
{
    size_t mask = cap - 1;
    size_t i = (size_t)hash & mask;
    while (slots[i].key != 0 && slots[i].key != key)
        i = (i + 1) & mask;
    return i;
}

static size_t key_slot(const tme_lexicon_slot *slots, size_t cap, uint64_t key)
{
    return key_slot_hashed(slots, cap, key, tme_hash_mix(key));
}

/* Headword slots are filled up to three quarters: the table is the
 * lexicon's largest, and a probe stays within a cache line or two at that
 * load. */
static int headword_slots_full(size_t n, size_t cap)
{
    return n * 4 > cap * 3;
}

#if defined(__GNUC__)
#define PREFETCH_FOR_WRITE(p) __builtin_prefetch((p), 1)
#else
#define PREFETCH_FOR_WRITE(p) ((void)(p))
#endif
#define PREFETCH_AHEAD 16

/* Rebuilds the slots, cap of them, from hw_keys. The keys go in in id
 * order while the slot of the key PREFETCH_AHEAD further on is fetched:
 * the table is megabytes, and loading the lexicon file (which indexes its
 * 150,000 headwords at once) would otherwise wait on a cache miss per
 * headword, a third of the load time. A key met twice is a duplicate: its
 * id in *duplicate (else UINT32_MAX). -1 for want of memory. */
static int index_headwords(struct tme_lexicon *lex, size_t cap, uint32_t *duplicate)
{
    *duplicate = UINT32_MAX;
    tme_lexicon_slot *slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    size_t mask = cap - 1, n = lex->n_headwords;
    const uint64_t *keys = lex->hw_keys;
    /* The hashes of the keys from id on, each computed once: for the
     * prefetch, then for the probe. */
    uint64_t ahead[PREFETCH_AHEAD];
    for (size_t id = 0; id < n && id < PREFETCH_AHEAD; id++)
        ahead[id] = tme_hash_mix(keys[id]);
    for (size_t id = 0; id < n; id++) {
        uint64_t hash = ahead[id % PREFETCH_AHEAD];
        if (id + PREFETCH_AHEAD < n) {
            uint64_t later = tme_hash_mix(keys[id + PREFETCH_AHEAD]);
            ahead[id % PREFETCH_AHEAD] = later;
            PREFETCH_FOR_WRITE(&slots[later & mask]);
        }
        size_t i = key_slot_hashed(slots, cap, keys[id], hash);
        if (slots[i].key != 0 && *duplicate == UINT32_MAX)
            *duplicate = (uint32_t)id;
        slots[i].key = keys[id];
        slots[i].id = (uint32_t)id;
    }
    free(lex->hw_slots);
    lex->hw_slots = slots;
    lex->hw_cap = cap;
    return 0;
}

/* The key of a headword, its characters interned; 0 for want of memory or
 * when a new character would be the 65536th. */
static uint64_t headword_key(struct tme_lexicon *lex, const int32_t *cps, size_t n)
{
    uint64_t key = 0;
    for (size_t k = 0; k < n; k++) {
        uint16_t index = intern_char(lex, cps[k]);
        if (index == 0)
            return 0;
        key |= (uint64_t)index << (16 * k);
    }
    return key;
}

static uint32_t append_headword(struct tme_lexicon *lex, uint64_t key)
{
    if (key == 0 || lex->n_headwords >= UINT32_MAX - 1 ||
        tme_array_reserve(&lex->hw_keys, &lex->cap_headwords, lex->n_headwords + 1,
                          sizeof *lex->hw_keys) != 0)
        return UINT32_MAX;
    uint32_t id = (uint32_t)lex->n_headwords++;
    lex->hw_keys[id] = key;
    if (key > 0xFFFF)
        lex->char_starts[key & 0xFFFF] |= TME_LEXICON_BEGINS_WORD | TME_LEXICON_BEGINS_LONGER;
    else {
        lex->char_starts[key] |= TME_LEXICON_BEGINS_WORD;
        lex->char_word[key] = id + 1; /* a repeat is refused by tme_lexicon_index_base() */
    }
    return id;
}

uint32_t tme_lexicon_intern_headword(struct tme_lexicon *lex, const int32_t *cps, size_t n)
{
    uint64_t key = headword_key(lex, cps, n);
    if (key == 0)
        return UINT32_MAX;
    size_t slot = key_slot(lex->hw_slots, lex->hw_cap, key);
    if (lex->hw_slots[slot].key != 0)
        return lex->hw_slots[slot].id;
    uint32_t id = append_headword(lex, key), duplicate;
    if (id == UINT32_MAX)
        return UINT32_MAX;
    if (headword_slots_full(lex->n_headwords, lex->hw_cap)) {
        if (index_headwords(lex, lex->hw_cap * 2, &duplicate) != 0)
            return UINT32_MAX;
    } else {
        lex->hw_slots[slot].key = key;
        lex->hw_slots[slot].id = id;
    }
    return id;
}

/* The key of the headword whose UTF-8 text is s (len bytes), its
 * characters interned, in one pass: a character already indexed was found
 * to be Han when it was first met. 0 when the text is not 1 to
 * TME_LEXICON_MAX_HEADWORD_CHARS Han characters of valid UTF-8, or (with
 * *failed set) when a new character would be the 65536th or for want of
 * memory. */
static uint64_t headword_text_key(struct tme_lexicon *lex, const char *s, size_t len, int *failed)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    uint64_t key = 0;
    *failed = 0;
    for (size_t i = 0, n = 0; i < len; n++) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = tme_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0 || n == TME_LEXICON_MAX_HEADWORD_CHARS)
            return 0;
        uint16_t index = cp >= 0 && cp < TME_LEXICON_CP_LIMIT ? lex->char_index[cp] : 0;
        if (index == 0 && !tme_is_han(cp))
            return 0;
        if (index == 0 && (index = intern_char(lex, cp)) == 0) {
            *failed = 1;
            return 0;
        }
        key |= (uint64_t)index << (16 * n);
        i += (size_t)step;
    }
    return key;
}

int tme_lexicon_add_base_key(struct tme_lexicon *lex, uint64_t key)
{
    if (append_headword(lex, key) == UINT32_MAX ||
        tme_array_reserve(&lex->hw_first, &lex->cap_first, lex->n_base + 2,
                          sizeof *lex->hw_first) != 0)
        return -1;
    lex->hw_first[lex->n_base++] = (uint32_t)lex->n_pairs;
    lex->hw_first[lex->n_base] = (uint32_t)lex->n_pairs;
    return 0;
}

uint32_t *tme_lexicon_add_base_record(struct tme_lexicon *lex, uint64_t key, size_t count)
{
    if (count > UINT32_MAX - lex->n_pairs || tme_lexicon_add_base_key(lex, key) != 0 ||
        tme_array_reserve(&lex->hw_lemmas, &lex->cap_pairs, lex->n_pairs + count,
                          sizeof *lex->hw_lemmas) != 0)
        return NULL;
    /* Ascending as the caller writes them: base_unsorted stays as it is. */
    uint32_t *ids = lex->hw_lemmas + lex->n_pairs;
    lex->n_pairs += count;
    lex->hw_first[lex->n_base] = (uint32_t)lex->n_pairs;
    return ids;
}

int tme_lexicon_add_base_headword(struct tme_lexicon *lex, const char *text, size_t len)
{
    int failed;
    uint64_t key = headword_text_key(lex, text, len, &failed);
    if (key == 0)
        return failed ? -1 : 1;
    return tme_lexicon_add_base_key(lex, key);
}

int tme_lexicon_add_characters(struct tme_lexicon *lex, const char *text, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = tme_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0 || !tme_is_han(cp) || lex->char_index[cp] != 0)
            return 1;
        if (intern_char(lex, cp) == 0)
            return -1;
        i += (size_t)step;
    }
    return 0;
}

int tme_lexicon_index_base(struct tme_lexicon *lex, uint32_t *duplicate)
{
    size_t cap = lex->hw_cap;
    while (headword_slots_full(lex->n_headwords, cap))
        cap *= 2;
    return index_headwords(lex, cap, duplicate);
}

/* The smallest power of two at least `at_least`. */
static size_t power_of_two(size_t at_least)
{
    size_t cap = 1024;
    while (cap < at_least)
        cap *= 2;
    return cap;
}

/* Header counts are hints: a damaged header must not make us allocate
 * gigabytes (the counts are checked once the file is read). */
#define MAX_RESERVE (1u << 24)

int tme_lexicon_reserve(struct tme_lexicon *lex, size_t lemmas, size_t headwords, size_t pairs)
{
    lemmas = lemmas < MAX_RESERVE ? lemmas : MAX_RESERVE;
    headwords = headwords < MAX_RESERVE ? headwords : MAX_RESERVE;
    pairs = pairs < MAX_RESERVE ? pairs : MAX_RESERVE;
    size_t lemma_cap = power_of_two(2 * lemmas + 1);
    if ((lemma_cap > lex->lemma_cap && resize_lemma_slots(lex, lemma_cap) != 0) ||
        tme_array_reserve(&lex->lemma_offset, &lex->cap_lemmas, lemmas,
                          sizeof *lex->lemma_offset) != 0 ||
        tme_array_reserve(&lex->lemma_text, &lex->text_cap, lemmas * 8, 1) != 0 ||
        tme_array_reserve(&lex->hw_keys, &lex->cap_headwords, headwords, sizeof *lex->hw_keys) !=
            0 ||
        tme_array_reserve(&lex->hw_first, &lex->cap_first, headwords + 1, sizeof *lex->hw_first) !=
            0 ||
        tme_array_reserve(&lex->hw_lemmas, &lex->cap_pairs, pairs, sizeof *lex->hw_lemmas) != 0)
        return -1;
    return 0;
}

int tme_lexicon_add_base_lemmas(struct tme_lexicon *lex, const uint32_t *lemmas, size_t n)
{
    if (n == 0)
        return 0;
    if (n > UINT32_MAX - lex->n_pairs ||
        tme_array_reserve(&lex->hw_lemmas, &lex->cap_pairs, lex->n_pairs + n,
                          sizeof *lex->hw_lemmas) != 0)
        return -1;
    /* Strictly ascending within the headword, as the compiler writes
     * them, or the finish sorts. */
    uint32_t *to = lex->hw_lemmas + lex->n_pairs;
    uint32_t before = lex->n_pairs > lex->hw_first[lex->n_base - 1] ? to[-1] : 0;
    int ascending = lex->n_pairs == lex->hw_first[lex->n_base - 1] || lemmas[0] > before;
    for (size_t i = 0; i < n; i++) {
        ascending &= i == 0 || lemmas[i] > lemmas[i - 1];
        to[i] = lemmas[i];
    }
    lex->base_unsorted |= !ascending;
    lex->n_pairs += n;
    lex->hw_first[lex->n_base] = (uint32_t)lex->n_pairs;
    return 0;
}

int tme_lexicon_add_pair(struct tme_lexicon *lex, uint32_t headword, uint32_t lemma)
{
    size_t cap = lex->cap_build;
    if (tme_array_reserve(&lex->build_hw, &cap, lex->n_build + 1, sizeof *lex->build_hw) != 0)
        return -1;
    if (cap != lex->cap_build) {
        size_t lemma_cap = lex->cap_build;
        if (tme_array_reserve(&lex->build_lemma, &lemma_cap, cap, sizeof *lex->build_lemma) != 0)
            return -1;
        lex->cap_build = cap;
    }
    lex->build_hw[lex->n_build] = headword;
    lex->build_lemma[lex->n_build] = lemma;
    lex->n_build++;
    return 0;
}

/* ---- finishing ------------------------------------------------------------- */

/* Sorts the n ids: insertion sort, as most segments are a few ids long. */
static void sort_ids(uint32_t *ids, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t id = ids[i];
        size_t j = i;
        for (; j > 0 && ids[j - 1] > id; j--)
            ids[j] = ids[j - 1];
        ids[j] = id;
    }
}

/* Sorts each headword's lemmas and drops repeats, compacting hw_lemmas. */
static void sort_unique_segments(struct tme_lexicon *lex)
{
    size_t out = 0;
    for (size_t h = 0; h < lex->n_headwords; h++) {
        uint32_t *seg = lex->hw_lemmas + lex->hw_first[h];
        size_t n = lex->hw_first[h + 1] - lex->hw_first[h];
        sort_ids(seg, n);
        lex->hw_first[h] = (uint32_t)out;
        for (size_t i = 0; i < n; i++)
            if (i == 0 || seg[i] != seg[i - 1])
                lex->hw_lemmas[out++] = seg[i];
    }
    lex->hw_first[lex->n_headwords] = (uint32_t)out;
    lex->n_pairs = out;
}

/* Adds the glossaries' pairs to the headwords' segments (the glossaries'
 * own headwords get segments of their own): each new segment is the old
 * one, then its extra lemmas. */
static int merge_extra_pairs(struct tme_lexicon *lex)
{
    size_t n_hw = lex->n_headwords, total = lex->n_pairs + lex->n_build;
    if (total > UINT32_MAX)
        return -1;
    uint32_t *first = calloc(n_hw + 2, sizeof *first);
    uint32_t *lemmas = malloc((total + 1) * sizeof *lemmas);
    if (first == NULL || lemmas == NULL) {
        free(first);
        free(lemmas);
        return -1;
    }
    for (size_t h = 0; h < n_hw; h++)
        first[h + 1] = h < lex->n_base ? lex->hw_first[h + 1] - lex->hw_first[h] : 0;
    for (size_t i = 0; i < lex->n_build; i++)
        first[lex->build_hw[i] + 1]++;
    for (size_t h = 1; h <= n_hw; h++)
        first[h] += first[h - 1];
    /* first[h] is segment h's start; fill[h] (kept in first[h + 1] until
     * the loop below ends) where its next lemma goes. */
    uint32_t *fill = malloc((n_hw + 1) * sizeof *fill);
    if (fill == NULL) {
        free(first);
        free(lemmas);
        return -1;
    }
    for (size_t h = 0; h < n_hw; h++) {
        fill[h] = first[h];
        if (h < lex->n_base)
            for (uint32_t k = lex->hw_first[h]; k < lex->hw_first[h + 1]; k++)
                lemmas[fill[h]++] = lex->hw_lemmas[k];
    }
    for (size_t i = 0; i < lex->n_build; i++)
        lemmas[fill[lex->build_hw[i]]++] = lex->build_lemma[i];
    free(fill);
    free(lex->hw_first);
    free(lex->hw_lemmas);
    lex->hw_first = first;
    lex->hw_lemmas = lemmas;
    lex->cap_first = n_hw + 2;
    lex->n_pairs = lex->cap_pairs = total;
    lex->n_base = n_hw;
    return 0;
}

/* See tme_lexicon_lemma_weight(). */
static int weigh_lemmas(struct tme_lexicon *lex)
{
    uint32_t *translations = calloc(lex->n_lemmas + 1, sizeof *translations);
    lex->lemma_weight = malloc((lex->n_lemmas + 1) * sizeof *lex->lemma_weight);
    if (translations == NULL || lex->lemma_weight == NULL) {
        free(translations);
        return -1;
    }
    for (size_t i = 0; i < lex->n_pairs; i++)
        translations[lex->hw_lemmas[i]]++;
    double mean = lex->n_lemmas ? (double)lex->n_pairs / (double)lex->n_lemmas : 1;
    for (size_t l = 0; l < lex->n_lemmas; l++) {
        double h = translations[l] ? translations[l] : 1;
        lex->lemma_weight[l] = (float)log(1 + mean / h);
    }
    free(translations);
    return 0;
}

static void mark_prefix(struct tme_lexicon *lex, uint64_t prefix)
{
    size_t bit = (size_t)(tme_hash_mix(prefix) >> TME_LEXICON_PREFIX_SHIFT);
    lex->prefix_bits[bit >> 6] |= (uint64_t)1 << (bit & 63);
}

/* The prefix bitmap (lexicon_impl.h) of all headwords. The one-character
 * prefixes are the characters that begin a headword, each marked once
 * rather than once per headword. */
static int mark_prefixes(struct tme_lexicon *lex)
{
    free(lex->prefix_bits);
    if ((lex->prefix_bits = calloc(TME_LEXICON_PREFIX_BITS / 64, sizeof *lex->prefix_bits)) == NULL)
        return -1;
    for (size_t c = 1; c <= lex->n_chars; c++)
        if (lex->char_starts[c])
            mark_prefix(lex, c);
    for (size_t h = 0; h < lex->n_headwords; h++) {
        uint64_t key = lex->hw_keys[h];
        for (int k = 1; k < TME_LEXICON_MAX_HEADWORD_CHARS && (key >> (16 * k)) != 0; k++)
            mark_prefix(lex, k == 3 ? key : key & (((uint64_t)1 << (16 * (k + 1))) - 1));
    }
    return 0;
}

tme_status tme_lexicon_finish(struct tme_lexicon *lex, tme_error *err)
{
    /* Every headword needs a segment, if only an empty one. */
    if (tme_array_reserve(&lex->hw_first, &lex->cap_first, lex->n_headwords + 2,
                          sizeof *lex->hw_first) != 0)
        return tme_error_nomem(err);
    if (lex->n_base == 0)
        lex->hw_first[0] = 0;
    int merged = lex->n_build > 0;
    if (merged && merge_extra_pairs(lex) != 0)
        return tme_error_nomem(err);
    free(lex->build_hw);
    free(lex->build_lemma);
    lex->build_hw = lex->build_lemma = NULL;
    lex->n_build = lex->cap_build = 0;
    /* The lexicon file lists each headword's lemmas ascending: only a
     * file that does not, or glossaries, leave segments to sort. */
    if (lex->base_unsorted || merged)
        sort_unique_segments(lex);
    if (weigh_lemmas(lex) != 0 || mark_prefixes(lex) != 0)
        return tme_error_nomem(err);
    return TME_OK;
}
