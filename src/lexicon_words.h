/* SPDX-License-Identifier: MIT */
/* English words as the bilingual lexicon sees them: the tokens of a text,
 * which of them are stop words, and the light stem that makes "markets",
 * "marketing" and "market" one lemma. The lexicon compiler
 * (tools/lexicon/build-lexicon.c) and the run-time matcher call these same
 * functions, so a gloss word and a sentence word meet exactly when they
 * should. Changing a rule here changes lemmas: bump TME_LEXWORDS_VERSION,
 * which the lexicon file records and the loader checks, and rebuild the
 * data (data/lexicon/README.md). */
#ifndef TME_LEXICON_WORDS_H
#define TME_LEXICON_WORDS_H

#include <stddef.h>

/* The rule set below; a lexicon file built with another is refused. */
#define TME_LEXWORDS_VERSION 1

/* Tokens longer than this (in bytes, once folded) are no English word a
 * dictionary glosses (URLs, identifiers): they are skipped. */
#define TME_LEXWORD_MAX 32

/* A position in a UTF-8 span of English text. */
typedef struct {
    const char *at, *end;
} tme_word_cursor;

void tme_word_cursor_init(tme_word_cursor *cur, const char *text, size_t len);

/* The next content word's lemma: a token is a run of ASCII letters and
 * digits (accented Latin letters folded to ASCII by utf8proc: "café" is
 * "cafe"); hyphens, other punctuation, Han and every other character
 * separate tokens. A token with a digit ("G20", "3D"), a one-letter token
 * and one longer than TME_LEXWORD_MAX are skipped. An apostrophe between
 * letters joins them: "'s" at the end is dropped ("country's" is
 * "country"), any other contraction ("don't", "we're") is skipped as a
 * function word. The token is lower-cased; a stop word is skipped;
 * otherwise its stem is written to lemma (NUL-terminated) and its length
 * returned. 0 at the end of the text. Invalid UTF-8 separates tokens. */
size_t tme_next_content_word(tme_word_cursor *cur, char lemma[TME_LEXWORD_MAX + 1]);

/* 1 when the lower-cased word (len bytes) is a stop word: an English
 * function word (articles, pronouns, prepositions, conjunctions,
 * auxiliaries, a few adverbs) or one of CC-CEDICT's abbreviations in
 * glosses ("sb", "sth", "lit", "fig", "abbr", ...). */
int tme_is_stop_word(const char *word, size_t len);

/* The stem of a lower-cased ASCII word, in place; returns its length.
 * Suffix rules, applied again while one applies (each needs what is left
 * to be at least 2 letters):
 *   -ies, -ied -> -y   when the word has more than 4 letters
 *                      (countries, studied -> country, study; dies goes by -s)
 *   -s                 unless -ss, -us or -is (markets -> market; class,
 *                      status, analysis stay)
 *   -ed, -ing          when what is left has a vowel (a e i o u y):
 *                      announced -> announc, running -> runn; bed, sing,
 *                      string stay
 * then, once: trailing e's are dropped (announce -> announc, agree ->
 * agr), and a final doubled consonant other than l, s, z is undoubled
 * (runn -> run, add -> ad). Every step keeps at least 2 letters. The base
 * form and its inflections meet because both go through the same steps
 * (announce, announces, announced, announcing -> announc); irregular
 * forms (ran, bought) stay apart. */
size_t tme_stem_word(char *word, size_t len);

#endif
