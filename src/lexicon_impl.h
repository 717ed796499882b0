/* SPDX-License-Identifier: MIT */
/* The lexicon's in-memory layout, shared by its loader (lexicon.c) and
 * its matcher (lexicon_match.c); nothing else sees it.
 *
 * A headword is up to 4 characters; each character that occurs in some
 * headword has a 16-bit index (1..65535), so a headword packs into one
 * 64-bit key, index of character k in bits 16k..16k+15 (0 past its end),
 * and a Chinese n-gram is looked up by building its key as it grows: one
 * probe per n-gram, and a character in no headword ends the n-grams
 * through it at once. */
#ifndef TME_LEXICON_IMPL_H
#define TME_LEXICON_IMPL_H

#include <string.h>

#include "hash.h"
#include "lexicon.h"

/* One past the last code point tme_is_han() accepts: the character index
 * table's size. */
#define TME_LEXICON_CP_LIMIT 0x323B0
#define TME_LEXICON_MAX_CHARS 0xFFFF

/* char_starts: the character begins a headword; begins one of 2 or more
 * characters. */
#define TME_LEXICON_BEGINS_WORD 1
#define TME_LEXICON_BEGINS_LONGER 2

/* A headword's key (0: the slot is empty) and id, side by side: a probe
 * that finds the key has the id in the same cache line. */
typedef struct {
    uint64_t key;
    uint32_t id;
} tme_lexicon_slot;

struct tme_lexicon {
    uint16_t *char_index; /* [TME_LEXICON_CP_LIMIT]: code point -> index, 0 = none */
    uint32_t *char_cp;    /* [cap_chars]: index -> code point */
    uint8_t *char_starts; /* [cap_chars]: TME_LEXICON_BEGINS_* flags */
    /* [cap_chars]: 1 + the id of the headword that is this one character
     * (0: none), so that the matcher finds one-character headwords, the
     * most probed, without hashing. */
    uint32_t *char_word;
    size_t n_chars; /* indices 1..n_chars are in use */
    size_t cap_chars;

    tme_lexicon_slot *hw_slots; /* open addressing on keys */
    size_t hw_cap;              /* a power of two, at least twice n_headwords */
    uint64_t *hw_keys;          /* [n_headwords]: id -> key */
    size_t n_headwords, cap_headwords;

    /* The lemmas that headword h translates: hw_lemmas[hw_first[h] ..
     * hw_first[h + 1]), sorted, distinct once finished. While loading, the
     * lexicon file's headwords (ids 0..n_base-1, in file order) fill these
     * directly; glossaries' pairs wait in build_* until the finish. */
    uint32_t *hw_first;
    size_t cap_first, n_base;
    int base_unsorted; /* some headword's lemmas in the file are not ascending */
    uint32_t *hw_lemmas;
    size_t n_pairs, cap_pairs;

    char *lemma_text; /* NUL-terminated lemmas, one after another */
    size_t text_len, text_cap;
    uint32_t *lemma_offset; /* [n_lemmas]: id -> offset in lemma_text */
    size_t n_lemmas, cap_lemmas;
    uint64_t *lemma_slots; /* open addressing: hash tag | lemma id + 1, 0 = empty */
    size_t lemma_cap;      /* a power of two, at least twice n_lemmas */
    float *lemma_weight;   /* [n_lemmas] */

    /* A Bloom bitmap of every prefix (1 to 4 characters) of every
     * headword, by key: an n-gram whose bit is clear is no headword and
     * begins none, so the matcher stops growing it without a probe. The
     * probes of the 8 MB slot table were nearly all cache misses, and most
     * 3- and 4-character n-grams of a text begin no headword. */
    uint64_t *prefix_bits; /* [TME_LEXICON_PREFIX_BITS / 64] */

    /* While loading: the glossaries' (headword, lemma) pairs. */
    uint32_t *build_hw, *build_lemma;
    size_t n_build, cap_build;
};

/* len bytes from s as a number, little end first (len <= 8). */
static inline uint64_t tme_lexicon_load_bytes(const char *s, size_t len)
{
    uint64_t v = 0;
    memcpy(&v, s, len);
    return v;
}

/* The hash of a lemma's bytes (only the lemma tables use it, so it need
 * match no other hash): 8 bytes a step, then the 1 to 7 left read as two
 * overlapping halves (or their first, middle and last byte), which
 * together hold each of those bytes; the length mixed in first. A lemma
 * is a few bytes, which FNV-1a read one by one. */
static inline uint64_t tme_lexicon_hash_bytes(const char *s, size_t len)
{
    uint64_t h = TME_FNV1A_OFFSET ^ len;
    for (; len > 8; s += 8, len -= 8)
        h = (h ^ tme_lexicon_load_bytes(s, 8)) * 0x9E3779B97F4A7C15ULL;
    uint64_t rest;
    if (len >= 4)
        rest = tme_lexicon_load_bytes(s, 4) << 32 | tme_lexicon_load_bytes(s + len - 4, 4);
    else if (len > 0)
        rest = (uint64_t)(unsigned char)s[0] << 16 | (uint64_t)(unsigned char)s[len / 2] << 8 |
               (unsigned char)s[len - 1];
    else
        rest = 0;
    return tme_hash_mix(h ^ rest);
}

#define TME_LEXICON_PREFIX_SHIFT 43 /* 2^(64 - 43) bits: 256 KB */
#define TME_LEXICON_PREFIX_BITS ((size_t)1 << (64 - TME_LEXICON_PREFIX_SHIFT))

/* 0 when no headword begins with the characters of the key whose
 * tme_hash_mix() is hash (1 when one may). The bitmap and the slot table
 * are both indexed by that one hash, computed once per n-gram. */
static inline int tme_lexicon_maybe_prefix_hashed(const struct tme_lexicon *lex, uint64_t hash)
{
    size_t bit = (size_t)(hash >> TME_LEXICON_PREFIX_SHIFT);
    return (int)((lex->prefix_bits[bit >> 6] >> (bit & 63)) & 1);
}

/* The id of the headword with this key (whose tme_hash_mix() is hash), or
 * UINT32_MAX. */
static inline uint32_t tme_lexicon_find_hashed(const struct tme_lexicon *lex, uint64_t key,
                                               uint64_t hash)
{
    size_t mask = lex->hw_cap - 1;
    for (size_t i = (size_t)hash & mask; lex->hw_slots[i].key != 0; i = (i + 1) & mask)
        if (lex->hw_slots[i].key == key)
            return lex->hw_slots[i].id;
    return UINT32_MAX;
}

/* The id of the headword with this key, or UINT32_MAX. */
static inline uint32_t tme_lexicon_find_key(const struct tme_lexicon *lex, uint64_t key)
{
    return tme_lexicon_find_hashed(lex, key, tme_hash_mix(key));
}

/* The id of a lemma (a stem, len bytes), or UINT32_MAX. */
uint32_t tme_lexicon_find_lemma(const struct tme_lexicon *lex, const char *lemma, size_t len);

/* ---- building (lexicon_build.c), for the loader ---------------------------- */

/* An empty lexicon; NULL for want of memory. */
struct tme_lexicon *tme_lexicon_new(void);

/* The code points of a headword (UTF-8, len bytes) into cps: their count,
 * or 0 when it is not 1 to TME_LEXICON_MAX_HEADWORD_CHARS Han characters
 * of valid UTF-8. */
size_t tme_lexicon_parse_headword(const char *s, size_t len,
                                  int32_t cps[TME_LEXICON_MAX_HEADWORD_CHARS]);

/* The id of the lemma, added when new; UINT32_MAX for want of memory. */
uint32_t tme_lexicon_intern_lemma(struct tme_lexicon *lex, const char *lemma, size_t len);

/* The id of the headword, added when new; UINT32_MAX for want of memory or
 * when it would take the 65536th distinct character. Only once the base
 * headwords are indexed. */
uint32_t tme_lexicon_intern_headword(struct tme_lexicon *lex, const int32_t *cps, size_t n);

/* The lexicon file's next headword line: a new headword from its UTF-8
 * text (not looked up: tme_lexicon_index_base() finds repeats), whose
 * lemmas follow by tme_lexicon_add_base_lemmas(). 0 when added, 1 when
 * the text is not 1 to TME_LEXICON_MAX_HEADWORD_CHARS Han characters, -1
 * for want of memory or when it would take the 65536th distinct
 * character. */
int tme_lexicon_add_base_headword(struct tme_lexicon *lex, const char *text, size_t len);
/* The same for a headword given by its key, whose characters are all
 * indexed (format 2); -1 for want of memory. */
int tme_lexicon_add_base_key(struct tme_lexicon *lex, uint64_t key);
/* The same with room for its count lemma ids, which the caller writes
 * there, strictly ascending (format 2's records, decoded in place); NULL
 * for want of memory. */
uint32_t *tme_lexicon_add_base_record(struct tme_lexicon *lex, uint64_t key, size_t count);
/* Indexes the characters of text (UTF-8), in order, as the next character
 * indices (format 2's character line): 0 when done, 1 when one is not a
 * Han character or is indexed already, -1 for want of memory or when the
 * table is full. */
int tme_lexicon_add_characters(struct tme_lexicon *lex, const char *text, size_t len);
/* Adds n lemmas to the last headword added (n_base > 0); -1 for want of
 * memory. */
int tme_lexicon_add_base_lemmas(struct tme_lexicon *lex, const uint32_t *lemmas, size_t n);

/* Indexes the headwords added so far; the id of one listed twice in
 * *duplicate (else UINT32_MAX). -1 for want of memory. */
int tme_lexicon_index_base(struct tme_lexicon *lex, uint32_t *duplicate);

/* Room for this many of each (hints from the lexicon file's header, so
 * that loading does not rehash); -1 for want of memory. */
int tme_lexicon_reserve(struct tme_lexicon *lex, size_t lemmas, size_t headwords, size_t pairs);

/* Records that lemma translates to headword (a glossary's pair, any
 * headword); -1 for want of memory. */
int tme_lexicon_add_pair(struct tme_lexicon *lex, uint32_t headword, uint32_t lemma);

/* Turns the recorded pairs into the lookup arrays and weighs the lemmas:
 * after it the lexicon is read-only. */
tme_status tme_lexicon_finish(struct tme_lexicon *lex, tme_error *err);

#endif
