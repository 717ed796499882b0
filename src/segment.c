/* SPDX-License-Identifier: MIT */
/* Sentence segmentation of one paragraph.
 *
 * English works on whitespace-separated tokens: a token that ends in sentence
 * punctuation (plus any closing quotes or brackets) ends a sentence when the
 * next token looks like the start of one, with abbreviations, initials,
 * ellipses and list enumerators deciding the doubtful cases. Chinese ends a
 * sentence at its terminator characters, skipping book titles.
 *
 * Every decision looks at a bounded neighbourhood of the current token or
 * character, so the whole pass is linear in the paragraph length. */
#include "segment.h"

#include "array.h"
#include "charclass.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* The paragraph decoded once (codepoints.h). */
typedef tme_codepoints decoded;

typedef struct {
    tme_span *items;
    size_t count;
    size_t capacity;
} span_list;

/* Shared state of one segmentation pass: sentences are cut at code point
 * indices, each cut closing the sentence that began at the previous one. */
typedef struct {
    const decoded *d;
    span_list spans;
    size_t sentence_start;
} cutter;

/* Straight quotes open or close depending on where they stand, so both
 * predicates accept them. */
static bool is_opener(int32_t c)
{
    if (c < 0x80)
        return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'';
    utf8proc_category_t k = tme_category(c);
    return k == UTF8PROC_CATEGORY_PS || k == UTF8PROC_CATEGORY_PI || c == '"' || c == '\'' ||
           c == 0xBF /* ¿ */ || c == 0xA1 /* ¡ */;
}

static bool is_closer(int32_t c)
{
    if (c < 0x80)
        return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'';
    utf8proc_category_t k = tme_category(c);
    return k == UTF8PROC_CATEGORY_PE || k == UTF8PROC_CATEGORY_PF || c == '"' || c == '\'';
}

/* List bullets have no Unicode property of their own. */
static bool is_bullet(int32_t c)
{
    return c == 0x2022 || c == 0x2023 || c == 0x2043 || c == 0x25E6 || c == 0x25AA || c == 0x25CF ||
           c == 0x2219;
}

static bool is_ellipsis_char(int32_t c)
{
    return c == 0x2026;
}

/* Terminators other than the full stop: they end a sentence whatever word
 * precedes them. (Asked of nearly every character: ASCII and everything
 * below the first non-ASCII one answered by two comparisons.) */
static inline bool is_strong_terminator(int32_t c)
{
    if (c < 0x2026)
        return c == '!' || c == '?';
    return is_ellipsis_char(c) || c == 0x203C || c == 0x2047 || c == 0x2048 || c == 0x2049 ||
           c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

static inline bool is_en_terminator(int32_t c)
{
    return c == '.' || is_strong_terminator(c);
}

static int span_push(span_list *l, size_t start, size_t end)
{
    if (TME_ARRAY_RESERVE(l->items, l->capacity, l->count + 1) != TME_OK)
        return -1;
    l->items[l->count].start = start;
    l->items[l->count].end = end;
    l->count++;
    return 0;
}

/* Ends the current sentence before code point index at, dropping the
 * whitespace around it; a sentence of only whitespace is not emitted. */
static int cut_at(cutter *k, size_t at)
{
    const decoded *d = k->d;
    size_t start = k->sentence_start, end = at;
    k->sentence_start = at;
    while (start < end && tme_is_space(d->cp[start]))
        start++;
    while (end > start && tme_is_space(d->cp[end - 1]))
        end--;
    if (start == end)
        return 0;
    return span_push(&k->spans, d->off[start], d->off[end]);
}

/* ---- English ---------------------------------------------------------- */

typedef struct {
    size_t start; /* code point indices [start, end) */
    size_t end;
    bool break_before; /* a sentence starts here whatever precedes */
    bool enumerator;   /* a list item number such as "1." or "b)" */
} token;

typedef struct {
    token *items;
    size_t count;
} token_list;

static bool equals_ascii_ci(const char *s, size_t len, const char *word)
{
    size_t i = 0;
    for (; i < len && word[i] != '\0'; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)word[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return i == len && word[i] == '\0';
}

static bool in_word_list(const char *s, size_t len, const char *const *list)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (equals_ascii_ci(s, len, list[i]))
            return true;
    return false;
}

/* Abbreviations that stand before a name and so never end a sentence. */
static const char *const title_abbreviations[] = {
    "mr",   "mrs",  "ms",   "dr",   "prof", "sen",    "rep",  "gov",  "gen",  "st",  "mt",
    "ft",   "rev",  "hon",  "pres", "capt", "lt",     "col",  "maj",  "sgt",  "adm", "cmdr",
    "gens", "sens", "reps", "supt", "insp", "messrs", "mmes", "msgr", "atty", NULL};

/* Abbreviations that join two parts of one sentence. */
static const char *const connective_abbreviations[] = {"e.g", "i.e", "vs", "v", "cf", "viz", NULL};

/* Abbreviations that stand before a number ("No. 5", "p. 55"); before a
 * capitalised word they are ordinary words ("No. That is wrong."). */
static const char *const number_prefixes[] = {
    "no",   "nos", "p",    "pp",  "vol",  "vols",      "fig",       "figs", "art",
    "arts", "ch",  "chap", "sec", "para", "n\xC2\xB0", "n\xC2\xBA", NULL};

static const char *const time_abbreviations[] = {"a.m", "p.m", NULL};

/* Abbreviations that may end a sentence; whether they do is decided by the
 * next word. */
static const char *const other_abbreviations[] = {
    "inc",  "corp", "ltd",  "co",     "jr",  "sr",  "etc", "bros", "plc",  "llc", "esq",
    "dept", "univ", "assn", "approx", "est", "jan", "feb", "mar",  "apr",  "jun", "jul",
    "aug",  "sep",  "sept", "oct",    "nov", "dec", "al",  "ave",  "blvd", NULL};

/* Words that begin sentences far more often than they follow an
 * abbreviation inside one, so "the U.S. The" ends a sentence while
 * "the U.S. Government" does not. */
static const char *const sentence_starters[] = {
    "A",       "An",        "The",       "This",        "That",     "These",  "Those",
    "It",      "Its",       "He",        "She",         "We",       "They",   "I",
    "You",     "His",       "Her",       "Their",       "Our",      "My",     "Your",
    "There",   "Here",      "What",      "When",        "Where",    "Why",    "How",
    "Who",     "Which",     "Whose",     "However",     "But",      "And",    "Or",
    "So",      "Yet",       "In",        "On",          "At",       "For",    "If",
    "As",      "After",     "Before",    "While",       "Although", "Though", "Since",
    "Because", "Then",      "Now",       "Meanwhile",   "Still",    "Also",   "Many",
    "Most",    "Some",      "All",       "Both",        "Each",     "Every",  "Such",
    "Thus",    "Therefore", "Moreover",  "Furthermore", "Instead",  "Indeed", "Despite",
    "During",  "Today",     "Yesterday", "Last",        "Next",     "Did",    "Do",
    "Does",    "Is",        "Are",       "Was",         "Were",     "Will",   "Would",
    "Can",     "Could",     "Should",    "Not",         "No",       "Mr",     "Mrs",
    "Ms",      "Dr",        NULL};

/* Letters separated by single dots, one or two letters a group: U.S, E.U,
 * Ph.D, U.S.A. */
static bool is_initialism(const char *s, size_t len)
{
    size_t groups = 0, letters = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (++letters > 2)
                return false;
        } else if (c == '.' && letters > 0) {
            groups++;
            letters = 0;
        } else {
            return false;
        }
    }
    return letters > 0 && groups >= 1;
}

/* "www." after any openers. */
static bool starts_www(const decoded *d, size_t start, size_t end)
{
    while (start < end && is_opener(d->cp[start]))
        start++;
    return end - start > 4 && (d->cp[start] == 'w' || d->cp[start] == 'W') &&
           (d->cp[start + 1] == 'w' || d->cp[start + 1] == 'W') &&
           (d->cp[start + 2] == 'w' || d->cp[start + 2] == 'W') && d->cp[start + 3] == '.';
}

static bool is_url_or_email(const decoded *d, size_t start, size_t end)
{
    bool at_seen = false;
    for (size_t i = start; i < end; i++) {
        int32_t c = d->cp[i];
        if (c == '@')
            at_seen = true;
        else if (c == '.' && at_seen && i + 1 < end && tme_is_letter(d->cp[i + 1]))
            return true;
        else if (c == ':' && i + 2 < end && d->cp[i + 1] == '/' && d->cp[i + 2] == '/')
            return true;
    }
    return starts_www(d, start, end);
}

static size_t skip_openers(const decoded *d, size_t i, size_t end)
{
    while (i < end && is_opener(d->cp[i]))
        i++;
    return i;
}

static bool word_is_title(const decoded *d, size_t start, size_t end)
{
    start = skip_openers(d, start, end);
    return in_word_list(d->text + d->off[start], d->off[end] - d->off[start], title_abbreviations);
}

/* Where a sentence starts inside a token because its writer left out the
 * space ("world.Today", "1,000.That"): after terminators and closers that
 * follow a lower-case letter or digit, a capital that begins a word. Returns
 * end when there is none. */
static size_t next_glued_break(const decoded *d, size_t from, size_t start, size_t end)
{
    for (size_t i = from; i < end; i++) {
        if (!is_en_terminator(d->cp[i]) || i == start)
            continue;
        int32_t before = d->cp[i - 1];
        size_t run = i;
        while (run < end && is_en_terminator(d->cp[run]))
            run++;
        size_t next = run;
        while (next < end && is_closer(d->cp[next]) && d->cp[next] != '\'')
            next++;
        bool fits = next + 1 < end && tme_is_upper(d->cp[next]) && tme_is_lower(d->cp[next + 1]) &&
                    (tme_is_lower(before) || tme_is_digit(before) ||
                     (d->cp[i] != '.' && tme_is_letter(before)));
        if (fits && !word_is_title(d, start, i))
            return next;
        i = run - 1;
    }
    return end;
}

static int token_push(token_list *l, size_t *capacity, size_t start, size_t end, bool break_before)
{
    if (TME_ARRAY_RESERVE(l->items, *capacity, l->count + 1) != TME_OK)
        return -1;
    token *t = &l->items[l->count++];
    t->start = start;
    t->end = end;
    t->break_before = break_before;
    t->enumerator = false;
    return 0;
}

/* What a token holds, read while finding its end: only a token with an @
 * or a colon can be an address (but for "www."), only one with a
 * terminator after its first character can have a sentence glued on. */
typedef struct {
    bool at_or_colon;
    bool inner_terminator;
} token_marks;

static size_t token_end(const decoded *d, size_t i, token_marks *m)
{
    size_t start = i;
    m->at_or_colon = m->inner_terminator = false;
    for (; i < d->n; i++) {
        int32_t c = d->cp[i];
        if (tme_is_space(c))
            break;
        m->at_or_colon |= c == '@' || c == ':';
        m->inner_terminator |= i > start && is_en_terminator(c);
    }
    return i;
}

static int tokenize(const decoded *d, token_list *l)
{
    /* room for a token in five code points (an English word and its
     * space): one allocation nearly always, not a grow per doubling */
    size_t capacity = 0;
    if (TME_ARRAY_RESERVE(l->items, capacity, d->n / 5 + 16) != TME_OK)
        return -1;
    size_t i = 0;
    while (i < d->n) {
        while (i < d->n && tme_is_space(d->cp[i]))
            i++;
        size_t start = i;
        token_marks marks;
        i = token_end(d, i, &marks);
        if (start == i)
            break;
        if (marks.at_or_colon ? is_url_or_email(d, start, i) : starts_www(d, start, i)) {
            if (token_push(l, &capacity, start, i, false) != 0)
                return -1;
            continue;
        }
        if (!marks.inner_terminator) {
            if (token_push(l, &capacity, start, i, false) != 0)
                return -1;
            continue;
        }
        size_t piece = start;
        while (piece < i) {
            size_t piece_end = next_glued_break(d, piece, piece, i);
            if (token_push(l, &capacity, piece, piece_end, piece != start) != 0)
                return -1;
            piece = piece_end;
        }
    }
    return 0;
}

/* ---- English: lists --------------------------------------------------- */

typedef struct {
    bool numeric;
    unsigned long value;
    bool bulleted;
} enumerator;

/* "1." "12)" "3.)" "b." with an optional leading bullet ("•9.", "⁃10."). */
static bool parse_enumerator(const decoded *d, const token *t, enumerator *e)
{
    size_t i = t->start;
    e->bulleted = false;
    if (i < t->end && is_bullet(d->cp[i])) {
        e->bulleted = true;
        i++;
    }
    size_t digits_start = i;
    e->value = 0;
    while (i < t->end && d->cp[i] >= '0' && d->cp[i] <= '9' && i - digits_start < 3)
        e->value = e->value * 10 + (unsigned long)(d->cp[i++] - '0');
    e->numeric = i > digits_start;
    if (!e->numeric) {
        if (i >= t->end || d->cp[i] < 'a' || d->cp[i] > 'z')
            return false;
        e->value = (unsigned long)d->cp[i++];
    }
    if (i < t->end && d->cp[i] == '.')
        i++;
    if (i < t->end && d->cp[i] == ')')
        i++;
    return i == t->end && i > 0 && (d->cp[i - 1] == '.' || d->cp[i - 1] == ')');
}

static bool token_is_bullet(const decoded *d, const token *t)
{
    return is_bullet(d->cp[t->start]);
}

static bool token_starts_upper(const decoded *d, const token *t)
{
    size_t i = skip_openers(d, t->start, t->end);
    return i < t->end && tme_is_upper(d->cp[i]);
}

/* A paragraph that opens with an enumerator is a list: the next enumerators
 * in sequence ("2.", "b)") and every bullet start new items. */
static void mark_list_items(const decoded *d, token_list *l)
{
    bool in_list = false;
    enumerator expected = {false, 0, false};
    for (size_t i = 0; i < l->count; i++) {
        token *t = &l->items[i];
        bool after_bullet = i > 0 && l->items[i - 1].end - l->items[i - 1].start == 1 &&
                            token_is_bullet(d, &l->items[i - 1]);
        if (i > 0 && token_is_bullet(d, t))
            t->break_before = true;
        enumerator e;
        if (!parse_enumerator(d, t, &e))
            continue;
        bool opens = i == 0 || e.bulleted || after_bullet;
        bool continues = in_list && e.numeric == expected.numeric && e.value == expected.value &&
                         !token_starts_upper(d, &l->items[i - 1]);
        if (!opens && !continues)
            continue;
        t->enumerator = true;
        if (continues && !after_bullet)
            t->break_before = true;
        in_list = true;
        expected = e;
        expected.value = e.value + 1;
    }
}

/* ---- English: boundary decisions -------------------------------------- */

typedef enum { START_UPPER, START_LOWER, START_DIGIT, START_OTHER } start_kind;

static start_kind token_start_kind(const decoded *d, const token *t)
{
    size_t i = skip_openers(d, t->start, t->end);
    if (i == t->end)
        return i > t->start ? START_UPPER : START_OTHER;
    int32_t c = d->cp[i];
    /* An identifier that opens with an underscore ("__doc__ is also ...")
     * opens a sentence as a capital does. */
    if (is_bullet(c) || c == '_')
        return START_UPPER;
    switch (tme_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO:
        return START_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return START_LOWER;
    case UTF8PROC_CATEGORY_ND:
        return START_DIGIT;
    default:
        return START_OTHER;
    }
}

static bool token_starts_sentence_word(const decoded *d, const token *t)
{
    size_t start = skip_openers(d, t->start, t->end), end = start;
    while (end < t->end && tme_is_letter(d->cp[end]))
        end++;
    if (end == start || (end - start == 1 && end < t->end && d->cp[end] == '.'))
        return false;
    const char *s = d->text + d->off[start];
    size_t len = d->off[end] - d->off[start];
    for (size_t i = 0; sentence_starters[i] != NULL; i++)
        if (strlen(sentence_starters[i]) == len && memcmp(sentence_starters[i], s, len) == 0)
            return true;
    return false;
}

/* How a token ends: its last code point before trailing closers, and the
 * terminators there. */
typedef struct {
    size_t word_start;     /* after leading openers */
    size_t terminal_start; /* first of the trailing terminators */
    size_t terminal_end;   /* after them, where the closers begin */
    size_t dots;           /* full stops among the terminators */
    bool strong;           /* a ! ? … among them */
} token_ending;

static token_ending token_ending_of(const decoded *d, const token *t)
{
    token_ending e;
    size_t end = t->end;
    while (end > t->start && is_closer(d->cp[end - 1]))
        end--;
    e.terminal_end = end;
    e.dots = 0;
    e.strong = false;
    while (end > t->start && is_en_terminator(d->cp[end - 1])) {
        end--;
        if (d->cp[end] == '.')
            e.dots++;
        else
            e.strong = true;
    }
    e.terminal_start = end;
    e.word_start = skip_openers(d, t->start, end);
    return e;
}

/* Whether the token whose ending is e is nothing but full stops (and
 * closers): one piece of a spaced ellipsis ". . .". */
static bool ending_is_dots(const token *t, const token_ending *e)
{
    return e->terminal_start == t->start && !e->strong && e->dots > 0;
}

static bool token_is_dots(const decoded *d, const token *t)
{
    /* Such a token starts with its first full stop: most tokens are
     * answered without reading their ending. */
    if (d->cp[t->start] != '.')
        return false;
    token_ending e = token_ending_of(d, t);
    return ending_is_dots(t, &e);
}

typedef enum {
    WORD_PLAIN,
    WORD_TITLE,
    WORD_CONNECTIVE,
    WORD_NUMBER_PREFIX,
    WORD_TIME,
    WORD_ABBREVIATION, /* may end a sentence; the next word decides */
} word_class;

static word_class classify_word(const decoded *d, const token_list *l, size_t index,
                                const token_ending *e)
{
    size_t start = e->word_start, end = e->terminal_start;
    if (end == start)
        return WORD_PLAIN;
    const char *s = d->text + d->off[start];
    size_t len = d->off[end] - d->off[start];
    if (in_word_list(s, len, title_abbreviations))
        return WORD_TITLE;
    if (in_word_list(s, len, connective_abbreviations))
        return WORD_CONNECTIVE;
    if (in_word_list(s, len, number_prefixes))
        return WORD_NUMBER_PREFIX;
    if (in_word_list(s, len, time_abbreviations))
        return WORD_TIME;
    if (end - start == 1 && d->cp[start] == 'I')
        /* "Albert I. Jones" is an initial, "you and I." a pronoun. */
        return index > 0 && token_starts_upper(d, &l->items[index - 1]) ? WORD_ABBREVIATION
                                                                        : WORD_PLAIN;
    /* A capital alone is an initial ("J. Smith"); a lower-case letter
     * alone is a word, mostly a variable ("an attribute of the object z.
     * Strictly speaking"). */
    if (end - start == 1 && tme_is_letter(d->cp[start]))
        return tme_is_lower(d->cp[start]) ? WORD_PLAIN : WORD_ABBREVIATION;
    if (in_word_list(s, len, other_abbreviations) || is_initialism(s, len))
        return WORD_ABBREVIATION;
    return WORD_PLAIN;
}

/* A time of day ends a sentence only after a few words: "At 5 a.m." opens
 * one, "He left at 6 P.M." is one. */
enum { MIN_TOKENS_BEFORE_TIME_END = 4 };

static bool full_stop_ends_sentence(const decoded *d, const token_list *l, size_t index,
                                    const token_ending *e, size_t sentence_tokens)
{
    const token *next = &l->items[index + 1];
    start_kind kind = token_start_kind(d, next);
    if (kind == START_LOWER || kind == START_OTHER)
        return false;
    word_class wc = classify_word(d, l, index, e);
    if (kind == START_DIGIT)
        return wc == WORD_PLAIN;
    /* A quotation or bracket closed after the stop ends the sentence even
     * when the stop belongs to an abbreviation ("outpace the U.S.” Nobody"). */
    if (e->terminal_end != l->items[index].end && wc != WORD_TITLE)
        return true;
    switch (wc) {
    case WORD_PLAIN:
    case WORD_NUMBER_PREFIX:
        return true;
    case WORD_TITLE:
    case WORD_CONNECTIVE:
        return false;
    case WORD_TIME:
        return sentence_tokens >= MIN_TOKENS_BEFORE_TIME_END;
    case WORD_ABBREVIATION:
        return token_starts_sentence_word(d, next);
    }
    return false;
}

/* After "compounds." a spaced ". . ." followed by a capital opens the next
 * sentence instead of closing this one. Returns the index of the first token
 * after the ellipsis, or 0 when this is not that pattern. */
static size_t ellipsis_opening_next(const decoded *d, const token_list *l, size_t index,
                                    const token_ending *e)
{
    if (e->dots + (e->strong ? 1 : 0) != 1 || e->terminal_end != l->items[index].end)
        return 0;
    size_t i = index + 1, dots = 0;
    while (i < l->count && token_is_dots(d, &l->items[i])) {
        dots += token_ending_of(d, &l->items[i]).dots;
        i++;
    }
    if (dots < 3 || i == l->count || token_start_kind(d, &l->items[i]) != START_UPPER)
        return 0;
    return i;
}

static bool ends_sentence(const decoded *d, const token_list *l, size_t index,
                          const token_ending *e, size_t chained_dots, size_t sentence_tokens)
{
    const token *next = &l->items[index + 1];
    if (e->strong) {
        start_kind kind = token_start_kind(d, next);
        return kind == START_UPPER || kind == START_DIGIT;
    }
    if (chained_dots == 0)
        return false;
    if (chained_dots == 3)
        return false; /* an ellipsis inside a sentence */
    if (chained_dots > 3) {
        start_kind kind = token_start_kind(d, next);
        return kind == START_UPPER || kind == START_DIGIT;
    }
    return full_stop_ends_sentence(d, l, index, e, sentence_tokens);
}

static int segment_english(cutter *k)
{
    const decoded *d = k->d;
    token_list l = {NULL, 0};
    if (tokenize(d, &l) != 0) {
        free(l.items);
        return -1;
    }
    mark_list_items(d, &l);
    size_t sentence_tokens = 0, chained_dots = 0, resume_after = 0;
    bool chain_open = false; /* the previous token ended in bare full stops */
    int rc = 0;
    for (size_t i = 0; i + 1 < l.count && rc == 0; i++) {
        const token *t = &l.items[i];
        sentence_tokens++;
        token_ending e = token_ending_of(d, t);
        bool is_dots = ending_is_dots(t, &e);
        chained_dots = is_dots && chain_open ? chained_dots + e.dots : e.dots;
        chain_open = e.dots > 0 && !e.strong && e.terminal_end == t->end;
        bool cut;
        if (l.items[i + 1].break_before)
            cut = true;
        else if (t->enumerator || i < resume_after)
            cut = false;
        else if (token_is_dots(d, &l.items[i + 1])) {
            size_t after = is_dots ? 0 : ellipsis_opening_next(d, &l, i, &e);
            cut = after != 0;
            if (!cut)
                continue;
            resume_after = after; /* the ellipsis now opens a sentence */
        } else {
            cut = ends_sentence(d, &l, i, &e, chained_dots, sentence_tokens);
        }
        if (cut) {
            rc = cut_at(k, l.items[i + 1].start);
            sentence_tokens = 0;
            chain_open = false;
        }
    }
    free(l.items);
    return rc;
}

/* ---- Chinese ---------------------------------------------------------- */

static bool is_zh_strong_terminator(int32_t c)
{
    return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == '!' ||
           c == '?' || c == 0x2026 /* … */ || c == 0xFF61 /* ｡ */;
}

/* A full stop ends a Chinese sentence unless it sits in Latin text or a
 * number ("01.ai", "3.5%", "U.S."). */
static bool is_zh_full_stop(const decoded *d, size_t i)
{
    if (d->cp[i] != '.')
        return false;
    if (i > 0 && (tme_is_ascii_alnum(d->cp[i - 1]) || d->cp[i - 1] == '.'))
        return false;
    return i + 1 >= d->n || !tme_is_ascii_alnum(d->cp[i + 1]);
}

static bool is_zh_terminator(const decoded *d, size_t i)
{
    int32_t c = d->cp[i];
    if (c >= 0x3400 && c < 0xF000)
        return false; /* Han, the bulk of the text */
    if (c == '!' || c == '?')
        /* "Yahoo!Japan"-like names keep their mark. */
        return !(i > 0 && tme_is_ascii_alnum(d->cp[i - 1]) && i + 1 < d->n &&
                 tme_is_lower(d->cp[i + 1]));
    return is_zh_strong_terminator(c) || is_zh_full_stop(d, i);
}

/* Book titles are short; a title mark without its partner close by is
 * treated as an ordinary character. */
enum { MAX_TITLE_LENGTH = 64 };

/* The next position at or after from holding c, or d->n. *cached keeps the
 * answer of the previous call so that the scans never overlap. */
static size_t next_occurrence(const decoded *d, int32_t c, size_t from, size_t *cached)
{
    if (*cached < from) {
        size_t j = from;
        while (j < d->n && d->cp[j] != c)
            j++;
        *cached = j;
    }
    return *cached;
}

typedef struct {
    size_t book;    /* next 》 */
    size_t chapter; /* next 〉 */
} title_closers;

/* Index of the 》 or 〉 closing the title opened at i, or i when none. */
static size_t title_end(const decoded *d, size_t i, title_closers *closers)
{
    size_t close = d->cp[i] == 0x300A ? next_occurrence(d, 0x300B, i + 1, &closers->book)
                                      : next_occurrence(d, 0x3009, i + 1, &closers->chapter);
    return close < d->n && close - i <= MAX_TITLE_LENGTH ? close : i;
}

/* An attribution after a quotation ("“……！”他说。") belongs to the quoted
 * sentence, as it does in English ("…!” he said."): a short clause that
 * ends in a verb of saying. */
enum { MAX_ATTRIBUTION_LENGTH = 40 };

static const char *const speech_verbs[] = {"\xE8\xAF\xB4" /* 说 */,
                                           "\xE8\xAA\xAA" /* 說 */,
                                           "\xE9\x81\x93" /* 道 */,
                                           "\xE7\xA7\xB0" /* 称 */,
                                           "\xE7\xA8\xB1" /* 稱 */,
                                           "\xE9\x97\xAE" /* 问 */,
                                           "\xE5\x95\x8F" /* 問 */,
                                           "\xE8\xA1\xA8\xE7\xA4\xBA" /* 表示 */,
                                           "\xE6\x8C\x87\xE5\x87\xBA" /* 指出 */,
                                           "\xE8\xAE\xA4\xE4\xB8\xBA" /* 认为 */,
                                           "\xE8\xAA\x8D\xE7\x82\xBA" /* 認為 */,
                                           "\xE5\xBC\xBA\xE8\xB0\x83" /* 强调 */,
                                           "\xE5\xBC\xB7\xE8\xAA\xBF" /* 強調 */,
                                           "\xE8\xA1\xA5\xE5\x85\x85" /* 补充 */,
                                           "\xE8\xA3\x9C\xE5\x85\x85" /* 補充 */,
                                           "\xE5\x9B\x9E\xE7\xAD\x94" /* 回答 */,
                                           "\xE8\xA7\xA3\xE9\x87\x8A" /* 解释 */,
                                           "\xE8\xA7\xA3\xE9\x87\x8B" /* 解釋 */,
                                           "\xE9\x80\x8F\xE9\x9C\xB2" /* 透露 */,
                                           "\xE5\x9D\xA6\xE8\xA8\x80" /* 坦言 */,
                                           NULL};

static bool ends_with_speech_verb(const decoded *d, size_t start, size_t end)
{
    while (end > start && tme_is_space(d->cp[end - 1]))
        end--;
    size_t bytes = d->off[end] - d->off[start];
    for (size_t i = 0; speech_verbs[i] != NULL; i++) {
        size_t len = strlen(speech_verbs[i]);
        if (len <= bytes && memcmp(d->text + d->off[end] - len, speech_verbs[i], len) == 0)
            return true;
    }
    return false;
}

static bool attribution_follows(const decoded *d, size_t start)
{
    for (size_t i = start; i < d->n && i <= start + MAX_ATTRIBUTION_LENGTH; i++) {
        int32_t c = d->cp[i];
        if (c == 0x300C || c == 0x300E || c == 0x201C || c == '"')
            return false; /* another quotation begins */
        if (is_zh_terminator(d, i))
            return i > start && ends_with_speech_verb(d, start, i);
    }
    return false;
}

static bool is_quote_closer(int32_t c)
{
    return tme_category(c) == UTF8PROC_CATEGORY_PF || c == '"' || c == 0x300D /* 」 */ ||
           c == 0x300F /* 』 */;
}

static bool is_paren_open(int32_t c)
{
    return c == '(' || c == 0xFF08 /* （ */;
}

static bool is_paren_close(int32_t c)
{
    return c == ')' || c == 0xFF09 /* ） */;
}

/* Brackets opened inside the current sentence: an exclamation or question
 * mark just before the bracket closes ends the aside, not the sentence
 * ("在 method 中參照資料屬性（或其他 method！）是沒有簡寫的。"); a full stop
 * there ends the sentence ("这是例子（见附录。）另一个"), and an aside that
 * opens the sentence is the sentence ("（實際上，……方法。）"). */
typedef struct {
    size_t sentence_start;
    size_t open_at; /* of the outermost open bracket; SIZE_MAX for none */
    size_t depth;
} asides;

static void track_aside(asides *a, const decoded *d, size_t i)
{
    if (is_paren_open(d->cp[i]) && a->depth++ == 0)
        a->open_at = i;
    else if (is_paren_close(d->cp[i]) && a->depth > 0 && --a->depth == 0)
        a->open_at = SIZE_MAX;
}

static bool ends_aside(const asides *a, const decoded *d, size_t i)
{
    int32_t c = d->cp[i];
    if (a->depth == 0 || a->open_at <= a->sentence_start ||
        !(c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */ || c == '!' || c == '?'))
        return false;
    while (i < d->n && is_zh_strong_terminator(d->cp[i]))
        i++;
    return i < d->n && is_paren_close(d->cp[i]);
}

static int segment_chinese(cutter *k)
{
    const decoded *d = k->d;
    bool straight_quote_open = false;
    title_closers closers = {0, 0};
    asides aside = {0, SIZE_MAX, 0};
    for (size_t i = 0; i < d->n; i++) {
        int32_t c = d->cp[i];
        if (c == 0x300A /* 《 */ || c == 0x3008 /* 〈 */) {
            i = title_end(d, i, &closers);
            continue;
        }
        if (c == '"') {
            straight_quote_open = !straight_quote_open;
            continue;
        }
        track_aside(&aside, d, i);
        if (!is_zh_terminator(d, i) || ends_aside(&aside, d, i))
            continue;
        size_t j = i + 1;
        while (j < d->n && (is_zh_strong_terminator(d->cp[j]) || d->cp[j] == '.'))
            j++;
        while (j < d->n && is_closer(d->cp[j])) {
            if (d->cp[j] == '"') {
                if (!straight_quote_open)
                    break;
                straight_quote_open = false;
            }
            j++;
        }
        bool quoted = is_quote_closer(d->cp[j - 1]);
        if (!(quoted && attribution_follows(d, j))) {
            if (cut_at(k, j) != 0)
                return -1;
            aside = (asides){j, SIZE_MAX, 0};
        } else {
            for (size_t m = i + 1; m < j; m++)
                track_aside(&aside, d, m);
        }
        i = j - 1;
    }
    return 0;
}

static tme_status no_memory_segmenting(const tme_codepoints *d, tme_error *err)
{
    return tme_error_set(err, TME_ERR_NOMEM, "out of memory segmenting a paragraph of %zu bytes",
                         d->off[d->n]);
}

tme_status tme_segment_codepoints_into(const tme_codepoints *d, tme_lang lang, tme_span **spans,
                                       size_t *capacity, size_t *count, tme_error *err)
{
    *count = 0;
    cutter k = {d, {*spans, 0, *capacity}, 0};
    int rc = lang == TME_LANG_ZH ? segment_chinese(&k) : segment_english(&k);
    if (rc == 0)
        rc = cut_at(&k, d->n);
    *spans = k.spans.items;
    *capacity = k.spans.capacity;
    if (rc != 0)
        return no_memory_segmenting(d, err);
    *count = k.spans.count;
    return TME_OK;
}

tme_status tme_segment_codepoints(const tme_codepoints *d, tme_lang lang, tme_span **spans,
                                  size_t *count, tme_error *err)
{
    *spans = NULL;
    size_t capacity = 0;
    tme_status status = tme_segment_codepoints_into(d, lang, spans, &capacity, count, err);
    if (status == TME_OK && *spans == NULL && (*spans = malloc(sizeof **spans)) == NULL)
        status = no_memory_segmenting(d, err);
    if (status != TME_OK) {
        free(*spans);
        *spans = NULL;
        *count = 0;
    }
    return status;
}

tme_status tme_segment(const char *text, size_t len, tme_lang lang, tme_span **spans, size_t *count,
                       tme_error *err)
{
    *spans = NULL;
    *count = 0;
    tme_codepoints d;
    tme_status status = tme_codepoints_decode(text, len, 1, &d, err);
    if (status == TME_OK)
        status = tme_segment_codepoints(&d, lang, spans, count, err);
    tme_codepoints_free(&d);
    return status;
}
