/* SPDX-License-Identifier: MIT */
/* The bilingual lexicon: which English content words have a translation
 * that occurs in a Chinese sentence. Built from CC-CEDICT
 * (data/lexicon/, compiled by tools/lexicon/build-lexicon) plus the user's
 * own glossaries. A true sentence pair shares far more of these words than
 * a sentence and its neighbour's translation, which is what the aligner and
 * the paragraph pairing weigh.
 *
 * The Chinese side is not segmented: every run of 1 to
 * TME_LEXICON_MAX_HEADWORD_CHARS characters is looked up, one hash probe
 * each, among the headwords. English words go through lexicon_words.h
 * (lower case, stop words out, light stem).
 *
 * Use: load once (tme_lexicon_load), prepare each sentence once
 * (tme_lexicon_prepare_en / _zh), then score any number of candidate
 * pairs (tme_lexicon_overlap), which costs a merge of two short sorted
 * arrays. A loaded lexicon is never modified: any number of threads may
 * prepare and score with it at once, each with its own prepared sentences. */
#ifndef TME_LEXICON_H
#define TME_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The lexicon file: its first line is
 * "tmexport-lexicon FORMAT words=TME_LEXWORDS_VERSION lemmas=N headwords=N pairs=N"
 * (and " characters=N" in format 2). FORMAT is the one the compiler writes
 * (binary headword records, data/lexicon/README.md); the loader also reads
 * format 1 (text lines). */
#define TME_LEXICON_MAGIC "tmexport-lexicon"
#define TME_LEXICON_FORMAT 2
/* Longest headword (in characters) the matcher looks up. */
#define TME_LEXICON_MAX_HEADWORD_CHARS 4
/* The data file's name in the data directory. */
#define TME_LEXICON_FILE_NAME "cedict-en-zh.lex.gz"
/* The environment variable that names the lexicon file to use instead. */
#define TME_LEXICON_ENV "TMEXPORT_LEXICON"

typedef struct tme_lexicon tme_lexicon;

/* Where the lexicon is: $TMEXPORT_LEXICON when it is set and not empty
 * (whether or not the file exists: loading it says), else the installed
 * data directory's file (TME_DATA_DIR, e.g. /usr/local/share/tmexport),
 * else the source tree's data/lexicon/ (so that a build tree works
 * without installing). Writes the path to buf; an error names the places
 * looked at when there is none. */
tme_status tme_lexicon_default_path(char *buf, size_t size, tme_error *err);

/* Loads the lexicon file at path (gzip or plain; NULL: none, only the
 * glossaries), then adds each glossary on top: lines "english<TAB>chinese",
 * '#' comments and blank lines ignored, where english is a word or phrase
 * (each of its content words is paired with chinese, normalized as
 * sentences are) and chinese is 1 to TME_LEXICON_MAX_HEADWORD_CHARS Han
 * characters. A malformed line is an error naming file:line; so is a
 * missing, truncated or corrupt lexicon file. *out is freed with
 * tme_lexicon_free. */
tme_status tme_lexicon_load(const char *path, const char *const *glossaries, size_t n_glossaries,
                            tme_lexicon **out, tme_error *err);

void tme_lexicon_free(tme_lexicon *lex);

typedef struct {
    size_t lemmas;     /* English lemmas */
    size_t headwords;  /* distinct Chinese headwords (Traditional and Simplified count apart) */
    size_t pairs;      /* (lemma, headword) pairs */
    size_t characters; /* distinct characters in headwords */
    size_t bytes;      /* memory held by the lexicon */
} tme_lexicon_stats;

tme_lexicon_stats tme_lexicon_get_stats(const tme_lexicon *lex);

/* An English sentence, prepared: its content words' lemmas that the
 * lexicon knows. Reusable: preparing again overwrites it, keeping the
 * memory. Zero-initialize before first use; free with
 * tme_lexicon_en_free. */
typedef struct {
    uint32_t *lemmas; /* lemma ids, sorted, distinct */
    size_t n, cap;
    size_t content_words; /* content-word tokens, known to the lexicon or not */
} tme_lexicon_en;

/* A Chinese sentence, prepared: the headwords found in it and the lemmas
 * they translate. Same life cycle as tme_lexicon_en. */
typedef struct {
    uint32_t *headwords; /* headword ids, distinct, in no set order */
    size_t n_headwords, cap_headwords;
    uint32_t *lemmas; /* lemma ids that some found headword translates, sorted, distinct */
    size_t n_lemmas, cap_lemmas;
    uint64_t *seen; /* scratch: a bitmap over the lemma ids, all zero between calls */
    size_t seen_words;
} tme_lexicon_zh;

/* text is UTF-8, len bytes, not necessarily NUL-terminated. Fails only for
 * want of memory. */
tme_status tme_lexicon_prepare_en(const tme_lexicon *lex, const char *text, size_t len,
                                  tme_lexicon_en *out, tme_error *err);
tme_status tme_lexicon_prepare_zh(const tme_lexicon *lex, const char *text, size_t len,
                                  tme_lexicon_zh *out, tme_error *err);

void tme_lexicon_en_free(tme_lexicon_en *en);
void tme_lexicon_zh_free(tme_lexicon_zh *zh);

/* Whether code point cp is a character of some headword: Chinese matches
 * (tme_lexicon_prepare_zh, tme_lexicon_words_zh) are runs of such
 * characters, so a text cut where either side of the cut is none has the
 * matches of its two parts. */
int tme_lexicon_zh_in_headword(const tme_lexicon *lex, int32_t cp);

/* The words of a Chinese sentence, for the other direction of the test
 * (does the English translate this Chinese word?): headword ids in text
 * order, read by longest match (at each character the longest headword
 * that starts there, then past it; a character that starts none is
 * skipped), keeping only headwords that translate some lemma. The
 * overlapping n-grams of tme_lexicon_prepare_zh() would count "學習語言" as
 * 學, 習, 學習, 語, 言, 語言 and 習語; read this way it is 學習 and 語言.
 * Same life cycle as tme_lexicon_en. */
typedef struct {
    uint32_t *words;
    size_t n, cap;
} tme_lexicon_zh_words;

tme_status tme_lexicon_words_zh(const tme_lexicon *lex, const char *text, size_t len,
                                tme_lexicon_zh_words *out, tme_error *err);

/* Both tme_lexicon_prepare_zh() into zh and tme_lexicon_words_zh() into
 * words, of the same text, in one pass over it: the n-grams each looks up
 * are the same, so this costs little more than the first alone. words
 * may be NULL: tme_lexicon_prepare_zh() is this without them. */
tme_status tme_lexicon_prepare_zh_words(const tme_lexicon *lex, const char *text, size_t len,
                                        tme_lexicon_zh *zh, tme_lexicon_zh_words *words,
                                        tme_error *err);
void tme_lexicon_zh_words_free(tme_lexicon_zh_words *words);

/* How many characters headword has (1 to TME_LEXICON_MAX_HEADWORD_CHARS;
 * 0 for no headword). */
size_t tme_lexicon_headword_chars(const tme_lexicon *lex, uint32_t headword);

/* The lemmas headword translates, sorted, distinct: their count, the
 * array in *lemmas (lives as long as lex). */
size_t tme_lexicon_headword_lemmas(const tme_lexicon *lex, uint32_t headword,
                                   const uint32_t **lemmas);

/* The lexical overlap of a bead: the English sentences en[0..n_en) taken
 * together (their lemmas' union) against the Chinese sentences
 * zh[0..n_zh) taken together. The weights are the lemmas' idf
 * (tme_lexicon_lemma_weight); share = matched / en_lemmas, or
 * matched_weight / en_weight. A bead of more than 16 English sentences is
 * scored on its first 16 (no aligner bead comes near). Costs a binary
 * search in each Chinese sentence per English lemma; no allocation. */
typedef struct {
    size_t en_lemmas;      /* distinct known lemmas on the English side */
    size_t matched;        /* of those, translated by a headword on the Chinese side */
    double en_weight;      /* sum of their weights */
    double matched_weight; /* sum of the matched ones' weights */
} tme_lexicon_overlap;

tme_lexicon_overlap tme_lexicon_score(const tme_lexicon *lex, const tme_lexicon_en *en, size_t n_en,
                                      const tme_lexicon_zh *zh, size_t n_zh);

/* The weight of a lemma: ln(1 + L / h) where h is the number of headwords
 * the lemma translates to and L the mean of h over all lemmas. A lemma
 * with many translations ("make", "take", "line") is found in a random
 * Chinese sentence far more often than one with a few ("government",
 * "economy"), so finding it says less: as in Champollion, rare evidence
 * weighs more. Always > 0. */
double tme_lexicon_lemma_weight(const tme_lexicon *lex, uint32_t lemma);

/* The lemma's text (NUL-terminated, lives as long as lex). */
const char *tme_lexicon_lemma_text(const tme_lexicon *lex, uint32_t lemma);

/* The headword's text, UTF-8, into buf (room for
 * 4 * TME_LEXICON_MAX_HEADWORD_CHARS + 1 bytes). */
void tme_lexicon_headword_text(const tme_lexicon *lex, uint32_t headword, char *buf);

/* 1 when the English word (normalized as sentences are: "Countries" is
 * "country") translates to the Chinese headword (UTF-8, NUL-terminated);
 * 0 otherwise, also when either is unknown or the word is a stop word. */
int tme_lexicon_translates(const tme_lexicon *lex, const char *english, const char *chinese);

#endif
