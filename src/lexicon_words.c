/* SPDX-License-Identifier: MIT */
#include "lexicon_words.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charclass.h"

/* Function words carry no translation that would tell one sentence from
 * its neighbour, and their Chinese counterparts (的, 是, 在, 不, 一) are in
 * nearly every sentence. The last group is CC-CEDICT's own shorthand in
 * glosses. */
static const char *const stop_words[] = {
    "a",       "abbr",   "about",   "above",    "after",      "again",   "against",  "all",
    "also",    "am",     "among",   "an",       "and",        "another", "any",      "are",
    "as",      "at",     "be",      "because",  "been",       "before",  "being",    "below",
    "between", "both",   "but",     "by",       "can",        "cannot",  "cf",       "cl",
    "coll",    "could",  "did",     "do",       "does",       "doing",   "done",     "down",
    "during",  "each",   "eg",      "either",   "esp",        "etc",     "every",    "fig",
    "for",     "from",   "further", "had",      "has",        "have",    "having",   "he",
    "her",     "here",   "hers",    "herself",  "him",        "himself", "his",      "how",
    "however", "i",      "ie",      "if",       "in",         "into",    "is",       "it",
    "its",     "itself", "just",    "let",      "lit",        "may",     "me",       "might",
    "more",    "most",   "much",    "must",     "my",         "myself",  "neither",  "no",
    "nor",     "not",    "of",      "off",      "on",         "once",    "one",      "oneself",
    "only",    "onto",   "or",      "other",    "ought",      "our",     "ours",     "ourselves",
    "out",     "over",   "own",     "per",      "pr",         "same",    "sb",       "shall",
    "she",     "should", "so",      "some",     "sth",        "such",    "than",     "that",
    "the",     "their",  "theirs",  "them",     "themselves", "then",    "there",    "these",
    "they",    "this",   "those",   "though",   "through",    "thus",    "to",       "too",
    "under",   "until",  "up",      "upon",     "us",         "very",    "via",      "was",
    "we",      "were",   "what",    "whatever", "when",       "where",   "whether",  "which",
    "while",   "who",    "whom",    "whose",    "why",        "will",    "with",     "within",
    "without", "would",  "yet",     "you",      "your",       "yours",   "yourself", "yourselves",
};

/* The stop words by a hash of their length, first, second and last
 * letters, open addressing: one probe for most words, where a binary
 * search with strcmp took eight comparisons (a sixth of preparing an
 * English sentence). Built once, on first use. */
#define STOP_SLOTS 512 /* a power of two, over twice the stop words */

static const char *stop_slots[STOP_SLOTS];
static unsigned char stop_length[STOP_SLOTS];
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static size_t stop_hash(const char *w, size_t len)
{
    const unsigned char *u = (const unsigned char *)w;
    size_t second = len > 1 ? u[1] : 0;
    return (len * 97 + (size_t)u[0] * 31 + second * 7 + u[len - 1]) & (STOP_SLOTS - 1);
}

static void index_stop_words(void)
{
    for (size_t k = 0; k < sizeof stop_words / sizeof *stop_words; k++) {
        size_t len = strlen(stop_words[k]), i = stop_hash(stop_words[k], len);
        while (stop_slots[i] != NULL)
            i = (i + 1) & (STOP_SLOTS - 1);
        stop_slots[i] = stop_words[k];
        stop_length[i] = (unsigned char)len;
    }
}

/* memcmp(a, b, len) == 0 for the few bytes of a word, without a call. */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* tme_is_stop_word() once the table is built, for a word of 1 to
 * TME_LEXWORD_MAX bytes. */
static inline int is_indexed_stop_word(const char *word, size_t len)
{
    for (size_t i = stop_hash(word, len); stop_slots[i] != NULL; i = (i + 1) & (STOP_SLOTS - 1))
        if (stop_length[i] == len && same_bytes(stop_slots[i], word, len))
            return 1;
    return 0;
}

int tme_is_stop_word(const char *word, size_t len)
{
    if (len == 0 || len > TME_LEXWORD_MAX)
        return 0;
    pthread_once(&stop_once, index_stop_words);
    return is_indexed_stop_word(word, len);
}

/* ---- stemming ------------------------------------------------------------ */

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int has_vowel(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_vowel(w[i]))
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && memcmp(w + len - n, suffix, n) == 0;
}

/* One suffix rule of tme_stem_word(): the new length, or len when none
 * applies. */
static size_t strip_one_suffix(char *w, size_t len)
{
    if (len > 4 && (ends_with(w, len, "ies") || ends_with(w, len, "ied"))) {
        w[len - 3] = 'y';
        return len - 2;
    }
    if (len >= 3 && w[len - 1] == 's' && !ends_with(w, len, "ss") && !ends_with(w, len, "us") &&
        !ends_with(w, len, "is"))
        return len - 1;
    if (len >= 4 && ends_with(w, len, "ed") && has_vowel(w, len - 2))
        return len - 2;
    if (len >= 5 && ends_with(w, len, "ing") && has_vowel(w, len - 3))
        return len - 3;
    return len;
}

size_t tme_stem_word(char *w, size_t len)
{
    for (size_t shorter; (shorter = strip_one_suffix(w, len)) != len;)
        len = shorter;
    while (len > 2 && w[len - 1] == 'e')
        len--;
    if (len > 2 && w[len - 1] == w[len - 2] && !is_vowel(w[len - 1]) && w[len - 1] != 'l' &&
        w[len - 1] != 's' && w[len - 1] != 'z')
        len--;
    w[len] = '\0';
    return len;
}

/* ---- tokens -------------------------------------------------------------- */

void tme_word_cursor_init(tme_word_cursor *cur, const char *text, size_t len)
{
    cur->at = text;
    cur->end = text + len;
}

static int is_ascii_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_apostrophe(int cp)
{
    return cp == '\'' || cp == 0x2019; /* ’ */
}

/* A non-ASCII letter as ASCII letters when utf8proc's compatibility
 * decomposition with case folding and marks stripped gives only those
 * ("é" -> "e", "ﬁ" -> "fi", full-width "Ａ" -> "a"): their count, written to
 * out (room for 4); 0 for a combining mark (it belongs to the letter
 * before it); -1 when the character separates words (Han, Cyrillic,
 * punctuation). */
static int fold_to_ascii(int cp, char out[4])
{
    utf8proc_int32_t mapped[4];
    utf8proc_ssize_t k = utf8proc_decompose_char(
        cp, mapped, 4,
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, NULL);
    if (k < 0 || k > 4)
        return -1;
    if (k == 0)
        return tme_category(cp) >= UTF8PROC_CATEGORY_MN && tme_category(cp) <= UTF8PROC_CATEGORY_ME
                   ? 0
                   : -1;
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        if (mapped[i] >= 0x80 || !is_ascii_alnum(mapped[i]))
            return -1;
        out[i] = (char)mapped[i];
    }
    return (int)k;
}

/* Token scanning state: the folded letters so far and what they hold. */
typedef struct {
    char text[TME_LEXWORD_MAX + 1];
    size_t len;
    int too_long, has_digit, apostrophes;
    size_t after_apostrophe; /* len when the last apostrophe was read */
} token;

static inline void token_push_one(token *t, char c)
{
    if (c >= '0' && c <= '9')
        t->has_digit = 1;
    if (t->len == TME_LEXWORD_MAX)
        t->too_long = 1;
    else
        t->text[t->len++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

static void token_push(token *t, const char *letters, size_t n)
{
    for (size_t i = 0; i < n; i++)
        token_push_one(t, letters[i]);
}

/* The ASCII letter or digit c as a token holds it (lower-cased), or 0:
 * c | 0x20 lower-cases A-Z and leaves a-z as they are. */
static inline unsigned ascii_token_char(unsigned c)
{
    unsigned lower = c | 0x20;
    if (lower - 'a' < 26u)
        return lower;
    return c - '0' < 10u ? c : 0;
}

/* Reads the run of ASCII letters and digits at p into t, the bulk of
 * every English token; returns where it ends. Up to the token's room no
 * character needs the length check, and past it they only set flags. */
static inline const utf8proc_uint8_t *scan_ascii_run(const utf8proc_uint8_t *p,
                                                     const utf8proc_uint8_t *end, token *t)
{
    size_t room = TME_LEXWORD_MAX - t->len;
    const utf8proc_uint8_t *stop = (size_t)(end - p) > room ? p + room : end;
    char *to = t->text + t->len;
    int has_digit = t->has_digit;
    /* ascii_token_char() spelled out: the digit test only after the
     * letter test fails, which the helper's single result cannot tell
     * apart (2.4 M more instructions of extract with it). */
    for (; p < stop; p++) {
        unsigned lower = *p | 0x20u;
        if (lower - 'a' >= 26u) {
            if ((unsigned)*p - '0' >= 10u)
                break;
            has_digit = 1;
            lower = *p;
        }
        *to++ = (char)lower;
    }
    t->len = (size_t)(to - t->text);
    if (p == stop) /* out of room: the rest of the run makes the token too long */
        for (unsigned c; p < end && (c = ascii_token_char(*p)) != 0; p++) {
            t->too_long = 1;
            has_digit |= c <= '9';
        }
    t->has_digit = has_digit;
    return p;
}

/* Reads one token's characters from cur (which is at a letter or digit);
 * stops after the token. */
static void scan_token(tme_word_cursor *cur, token *t)
{
    memset(t, 0, sizeof *t);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)cur->at;
    const utf8proc_uint8_t *end = (const utf8proc_uint8_t *)cur->end;
    /* Most characters of English are ASCII letters: no decoding. */
    while ((p = scan_ascii_run(p, end, t)) < end && (*p >= 0x80 || *p == '\'')) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = tme_iterate(p, end - p, &cp);
        if (step <= 0)
            break;
        char letters[4];
        int n = cp < 0x80 ? -1 : fold_to_ascii(cp, letters); /* ASCII here: the apostrophe */
        if (n < 0 && is_apostrophe(cp) && t->len > 0 && t->after_apostrophe != t->len) {
            /* Part of the token only when a letter follows. */
            utf8proc_int32_t next;
            utf8proc_ssize_t next_step =
                p + step < end ? tme_iterate(p + step, end - (p + step), &next) : 0;
            if (next_step > 0 && next < 0x80 && is_ascii_alnum(next)) {
                t->apostrophes++;
                t->after_apostrophe = t->len;
                p += step;
                continue;
            }
        }
        if (n < 0)
            break;
        token_push(t, letters, (size_t)n);
        p += step;
    }
    cur->at = (const char *)p;
}

/* Moves cur to the next character that can start a token. */
static void skip_separators(tme_word_cursor *cur)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)cur->at;
    const utf8proc_uint8_t *end = (const utf8proc_uint8_t *)cur->end;
    while (p < end) {
        if (*p < 0x80) {
            if (is_ascii_alnum(*p))
                break;
            p++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(p, end - p, &cp);
        if (step <= 0) {
            p++;
            continue;
        }
        char letters[4];
        if (fold_to_ascii(cp, letters) > 0)
            break;
        p += step;
    }
    cur->at = (const char *)p;
}

/* The token's word once its apostrophe is dealt with: its length, or 0
 * when the token is no content-word candidate. */
static size_t token_word(token *t)
{
    if (t->too_long || t->has_digit || t->apostrophes > 1)
        return 0;
    if (t->apostrophes == 1) {
        /* "country's" -> "country"; every other contraction is a function
         * word ("don't", "they're", "I'll"). */
        if (t->len - t->after_apostrophe != 1 || t->text[t->len - 1] != 's')
            return 0;
        t->len--;
    }
    return t->len >= 2 ? t->len : 0;
}

size_t tme_next_content_word(tme_word_cursor *cur, char lemma[TME_LEXWORD_MAX + 1])
{
    pthread_once(&stop_once, index_stop_words);
    for (;;) {
        skip_separators(cur);
        if (cur->at >= cur->end)
            return 0;
        token t;
        scan_token(cur, &t);
        size_t len = token_word(&t);
        if (len == 0 || is_indexed_stop_word(t.text, len)) /* token_word(): len <= MAX */
            continue;
        /* The whole buffer, a fixed size the compiler copies inline. */
        memcpy(lemma, t.text, sizeof t.text);
        return tme_stem_word(lemma, len);
    }
}
