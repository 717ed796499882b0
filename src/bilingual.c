/* SPDX-License-Identifier: MIT */
/* Paragraphs that hold both languages side by side: an English paragraph and
 * its translation on one line ("The news tanked the market. 周一，这个消息令
 * 股市暴跌。"), or sentence after sentence alternating. They are cut where a
 * sentence of one script ends and a sentence of the other begins, and the
 * cut is kept only when every piece reads as its own script, alternating:
 * Latin names or titles inside Chinese prose ("DeepSeek引爆", "(AI
 * Superpowers)") and a Chinese word quoted in English prose never make a
 * piece of their own. */
#include "paragraph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "charclass.h"
#include "hash.h"

/* Pieces of one paragraph at most; a longer alternation stays as it is. */
#define MAX_PIECES 256
/* A piece of English must be a sentence, not a name: two words at least. */
#define MIN_LATIN_LETTERS 6
#define MIN_HAN 2
/* Longer paragraphs are not two languages side by side; and merging pieces
 * reclassifies them, which must stay cheap. */
#define MAX_SPLIT_BYTES 65536

/* Marks after which one script's sentence may give way to the other's:
 * full stops, question and exclamation marks, the semicolon that ends the
 * items of legal texts and the colon before a list. */
static int is_sentence_mark(int cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':' || cp == 0x3002 ||
           cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF1B || cp == 0xFF1A || cp == 0x2026;
}

static int is_closer(int cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xFF09 || cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0x300B;
}

static int is_latin_letter(int cp)
{
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= 0xC0 && cp <= 0x24F);
}

/* Past an enumerator that may open a sentence ("1. ", "2) ", "(a) "), or
 * i itself when there is none. */
static size_t skip_enumerator(const char *text, size_t len, size_t i)
{
    size_t j = i;
    int paren = j < len && text[j] == '(';
    j += (size_t)paren;
    size_t digits = strspn(text + j, "0123456789");
    size_t start = j;
    j += digits;
    if (digits == 0 && j < len && ((text[j] | 0x20) >= 'a' && (text[j] | 0x20) <= 'z') && paren)
        j++;
    if (j == start || j >= len)
        return i;
    if (text[j] == ')' || (!paren && text[j] == '.')) {
        j++;
        if (j < len && (text[j] == ' ' || text[j] == '\t'))
            return j;
    }
    return i;
}

/* Where a sentence begins after a cut: the first character of the next
 * sentence (past spaces and an enumerator) is a Latin capital or digit, or
 * a quote or bracket before one, for English; Han or a CJK opening mark for
 * Chinese. */
static int begins_script(const char *text, size_t len, size_t i, tme_script *script)
{
    utf8proc_int32_t cp;
    while (i < len && (text[i] == ' ' || text[i] == '\t'))
        i++;
    i = skip_enumerator(text, len, i);
    while (i < len && tme_next_code_point(text, len, &i, &cp)) {
        if (tme_is_space(cp))
            continue;
        if (tme_is_han(cp) || cp == 0x201C || cp == 0x300C || cp == 0x300A || cp == 0xFF08) {
            *script = TME_SCRIPT_HAN;
            return 1;
        }
        if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || (cp >= 0xC0 && cp <= 0xDE)) {
            *script = TME_SCRIPT_LATIN;
            return 1;
        }
        return cp == '"' || cp == '(' || cp == 0x2018 ? begins_script(text, len, i, script) : 0;
    }
    return 0;
}

/* Past the closing quotes, brackets, further marks and trailing symbols
 * after a sentence's mark at i; spaces between trailing symbols too
 * ("anxieties! ❤️ 所以": the heart ends the English sentence). *spaced is
 * 1 when a space came. */
static size_t past_sentence_end(const char *text, size_t len, size_t i, int *spaced)
{
    utf8proc_int32_t next;
    *spaced = 0;
    while (i < len) {
        size_t k = i;
        if (!tme_next_code_point(text, len, &k, &next))
            break;
        if (tme_is_space(next)) {
            size_t after = k;
            utf8proc_int32_t following;
            while (after < len && tme_next_code_point(text, len, &after, &following) &&
                   tme_is_space(following))
                k = after;
            *spaced = 1;
            if (!(after <= len && tme_is_trailing_symbol(following)))
                return k;
        } else if (!(is_closer(next) || is_sentence_mark(next) || tme_is_trailing_symbol(next))) {
            break;
        }
        i = k;
    }
    return i;
}

/* Where the digits before a mark at `mark` begin, when they are a short
 * number standing alone ("and 3. 促成": the number opens the next item);
 * else mark itself. */
static size_t number_start(const char *text, size_t mark)
{
    size_t d = mark;
    while (d > 0 && text[d - 1] >= '0' && text[d - 1] <= '9')
        d--;
    if (d == mark || mark - d > 2 || (d > 0 && text[d - 1] != ' ' && text[d - 1] != '\t'))
        return mark;
    return d;
}

/* Offsets where a sentence begins after another ended: the pieces between
 * them are judged by their script afterwards. A sentence ends at a mark
 * followed by a space (or, for a full-width mark or before Han, by
 * anything); a number that opens a sentence ("1.") is an item's number,
 * and a short one before a mark may open the next ("and 3. 促成"), so the
 * cut goes before it. */
static size_t find_cuts(const char *text, size_t len, size_t *cuts)
{
    size_t n = 0, i = 0, letters = 0; /* letters of the current sentence */
    utf8proc_int32_t cp;
    while (i < len && n + 1 < MAX_PIECES) {
        size_t at = i;
        if (!tme_next_code_point(text, len, &i, &cp))
            break;
        if (is_latin_letter(cp) || tme_is_han(cp)) {
            letters++;
            continue;
        }
        if (!is_sentence_mark(cp) || letters == 0)
            continue;
        int spaced;
        size_t j = past_sentence_end(text, len, i, &spaced);
        utf8proc_int32_t next = 0;
        size_t k = j;
        if (j < len)
            tme_next_code_point(text, len, &k, &next);
        if (j >= len || !(cp >= 0x3000 || spaced || tme_is_han(next)))
            continue;
        letters = 0;
        tme_script begins;
        if (begins_script(text, len, j, &begins)) {
            size_t number = number_start(text, at);
            cuts[n++] = number < at ? number : j;
        }
        i = j;
    }
    return n;
}

typedef struct {
    size_t start, end;
    tme_script script;
    size_t han, latin;
    int ends_sentence;
} piece;

/* Chinese at the end of a paragraph often lacks its full stop (the sample's
 * "...与中国总理李强会面"); a Chinese sentence this long is one anyway. An
 * English piece without a mark stays suspect: credit lines look so. */
#define UNENDED_CHINESE_MIN_HAN 8

/* An item of a legal list ends in "; and" or "; or" before the next
 * item's number ("... or religion; and 3. 促成"): a sentence all the same. */
static int ends_list_item(const char *text, const piece *p)
{
    static const char *const endings[] = {"; and", "; or"};
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
        size_t n = strlen(endings[k]);
        if (p->end - p->start > n && memcmp(text + p->end - n, endings[k], n) == 0)
            return 1;
    }
    return 0;
}

static void classify_piece(const char *text, size_t len, piece *p)
{
    p->script = tme_classify_script(text + p->start, p->end - p->start, &p->han, &p->latin);
    p->ends_sentence =
        tme_ends_sentence(text, p->start, p->end) ||
        (p->end == len && p->script == TME_SCRIPT_HAN && p->han >= UNENDED_CHINESE_MIN_HAN) ||
        (p->script == TME_SCRIPT_LATIN && ends_list_item(text, p));
}

static int has_cjk_punctuation(const char *text, const piece *p)
{
    size_t i = p->start;
    utf8proc_int32_t cp;
    while (i < p->end && tme_next_code_point(text, p->end, &i, &cp))
        if (tme_is_cjk_punctuation(cp))
            return 1;
    return 0;
}

/* A piece is a sentence (or more) of its script: a credit line
 * ("Violeta Santos Moura/Reuters" after a Chinese caption) or a name is
 * not, and pairing it would make a wrong pair. */
static int reads_as_its_script(const char *text, const piece *p)
{
    if (!p->ends_sentence)
        return 0;
    /* English has no full-width marks: a quoted English phrase closed by
     * "。" ("：\"A simple example class\"。") is the end of a Chinese
     * sentence. */
    if (p->script == TME_SCRIPT_LATIN)
        return p->han == 0 && p->latin >= MIN_LATIN_LETTERS && !has_cjk_punctuation(text, p);
    /* Chinese prose, not an English sentence quoting Chinese ("It was
     * “国运”."): Han outweighs the Latin, or Chinese punctuation marks it. */
    return p->script == TME_SCRIPT_HAN && p->han >= MIN_HAN &&
           (p->han * 2 >= p->latin || has_cjk_punctuation(text, p));
}

/* Joins piece k + 1 into piece k. */
static void merge_next(const char *text, size_t len, piece *pieces, size_t *n, size_t k)
{
    pieces[k].end = pieces[k + 1].end;
    classify_piece(text, len, &pieces[k]);
    memmove(&pieces[k + 1], &pieces[k + 2], (*n - k - 2) * sizeof *pieces);
    (*n)--;
}

/* Merges neighbours of one script, and a piece that does not read as its
 * script (a name, an abbreviation's full stop) into the piece before it (the
 * first into the one after), until every piece reads as its script. */
static void settle_pieces(const char *text, size_t len, piece *pieces, size_t *n)
{
    for (;;) {
        size_t k = 0;
        while (k + 1 < *n && pieces[k].script != pieces[k + 1].script &&
               reads_as_its_script(text, &pieces[k]) && reads_as_its_script(text, &pieces[k + 1]))
            k++;
        if (k + 1 >= *n)
            return;
        if (pieces[k].script == pieces[k + 1].script ||
            !reads_as_its_script(text, &pieces[k + 1]) || k == 0)
            merge_next(text, len, pieces, n, k);
        else
            merge_next(text, len, pieces, n, k - 1);
    }
}

/* ---- Latin words the document's Chinese uses ---------------------------- */

/* Words written in Latin letters inside Chinese paragraphs are names the
 * Chinese uses ("Kubernetes 博客", "Python 教程"), not English: an index of
 * them, (word hash, paragraph) sorted, tells a heading "Overview 概述" from
 * a Chinese heading that starts with a name. */
typedef struct {
    uint64_t hash;
    size_t paragraph;
} word_use;

typedef struct {
    word_use *uses;
    size_t count, cap;
} word_index;

static uint64_t word_hash(const char *text, size_t start, size_t end)
{
    uint64_t h = TME_FNV1A_OFFSET;
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)(text[i] | 0x20);
        h = tme_fnv1a(h, &c, 1);
    }
    return tme_hash_mix(h);
}

static int is_ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Calls fn for every ASCII word of 2+ letters in text[start, end). */
static int for_each_word(const char *text, size_t start, size_t end,
                         int (*fn)(void *context, uint64_t hash), void *context)
{
    size_t i = start;
    while (i < end) {
        while (i < end && !is_ascii_letter((unsigned char)text[i]))
            i++;
        size_t w = i;
        while (i < end && is_ascii_letter((unsigned char)text[i]))
            i++;
        if (i - w >= 2 && fn(context, word_hash(text, w, i)) != 0)
            return -1;
    }
    return 0;
}

typedef struct {
    word_index *index;
    size_t paragraph;
} indexing;

static int add_use(void *context, uint64_t hash)
{
    indexing *ix = context;
    word_index *index = ix->index;
    if (TME_ARRAY_RESERVE(index->uses, index->cap, index->count + 1) != TME_OK)
        return -1;
    index->uses[index->count++] = (word_use){hash, ix->paragraph};
    return 0;
}

static int compare_uses(const void *a, const void *b)
{
    const word_use *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return (x->paragraph > y->paragraph) - (x->paragraph < y->paragraph);
}

/* [*first, *last): from the first Han character to the end of the last. */
static void han_extent(const char *text, size_t len, size_t *first, size_t *last)
{
    size_t i = 0;
    utf8proc_int32_t cp;
    *first = len;
    *last = 0;
    while (i < len) {
        size_t at = i;
        if (!tme_next_code_point(text, len, &i, &cp))
            break;
        if (tme_is_han(cp)) {
            if (*first == len)
                *first = at;
            *last = i;
        }
    }
}

static tme_status index_chinese_words(const tme_paragraphs *paragraphs, word_index *index,
                                      tme_error *err)
{
    memset(index, 0, sizeof *index);
    for (size_t k = 0; k < paragraphs->count; k++) {
        const tme_paragraph *p = &paragraphs->items[k];
        indexing ix = {index, k};
        /* Words between the first and the last Han character: inside the
         * Chinese, not an English heading before or after it. */
        if (p->script != TME_SCRIPT_HAN || p->latin == 0)
            continue;
        size_t first, last;
        han_extent(p->text, p->len, &first, &last);
        if (first < last && for_each_word(p->text, first, last, add_use, &ix) != 0)
            return tme_error_nomem(err);
    }
    if (index->count > 1)
        qsort(index->uses, index->count, sizeof *index->uses, compare_uses);
    return TME_OK;
}

typedef struct {
    const word_index *index;
    size_t paragraph;
    int all_chinese; /* every word so far is used in another Chinese paragraph */
} name_check;

static int check_word(void *context, uint64_t hash)
{
    name_check *c = context;
    const word_index *index = c->index;
    size_t lo = 0, hi = index->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index->uses[mid].hash < hash)
            lo = mid + 1;
        else
            hi = mid;
    }
    int elsewhere = 0;
    for (size_t k = lo; k < index->count && index->uses[k].hash == hash && !elsewhere; k++)
        elsewhere = index->uses[k].paragraph != c->paragraph;
    c->all_chinese &= elsewhere;
    return 0;
}

static int only_names_of_the_chinese(const word_index *index, size_t paragraph, const char *text,
                                     const piece *english)
{
    name_check c = {index, paragraph, 1};
    for_each_word(text, english->start, english->end, check_word, &c);
    return c.all_chinese;
}

/* ---- headings: "Overview 概述", "第一章：宗旨及原则 CHAPTER I" ------------- */

#define HEADING_MAX_BYTES 300
/* Chinese units per English character of a heading and its translation
 * (calibrated on the samples' headings: 0.19-0.45); a Latin name before a
 * Chinese sentence ("DeepSeek引爆中国社交媒体": 1.0, "Kubernetes 是一个...":
 * 3.0) is far outside. */
#define HEADING_MIN_RATIO 0.08
#define HEADING_MAX_RATIO 0.9

/* Where the Chinese of "English 中文" begins (the first Han character after
 * a prefix without Han), or where the English of "中文 English" begins (the
 * first Latin letter after a prefix without Latin letters); 0 when neither. */
static size_t heading_boundary(const char *text, size_t len, int *english_first)
{
    size_t i = 0, first_han = len, first_latin = len;
    utf8proc_int32_t cp;
    while (i < len) {
        size_t at = i;
        if (!tme_next_code_point(text, len, &i, &cp))
            break;
        if (tme_is_han(cp) && first_han == len)
            first_han = at;
        if (is_latin_letter(cp) && first_latin == len)
            first_latin = at;
    }
    if (first_han == len || first_latin == len)
        return 0;
    *english_first = first_latin < first_han;
    return *english_first ? first_han : first_latin;
}

static double chinese_units(const piece *p)
{
    return (double)p->han + 0.3 * (double)p->latin;
}

static size_t non_space_bytes(const char *text, const piece *p)
{
    size_t n = 0;
    for (size_t i = p->start; i < p->end; i++)
        n += text[i] != ' ' && ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

/* Menus and breadcrumbs ("文档 > 概念", "Documentation » Python 教程 »")
 * are no heading. */
static int has_separator(const tme_paragraph *para)
{
    return memchr(para->text, '|', para->len) != NULL || memchr(para->text, '>', para->len) ||
           strstr(para->text, "\xC2\xBB") != NULL || strstr(para->text, "\xE2\x80\xBA") != NULL;
}

/* A short paragraph that is a heading and its translation side by side,
 * split in two; 0 when it is not one. The English must be Latin only and
 * begin with a capital or digit, the Chinese read as Chinese (and, after
 * the English, hold no Latin of its own when it comes first), and their
 * lengths must fit a translation. */
/* "Historical context for Kubernetes Kubernetes 的历史背景": the Chinese
 * begins with a name the English also has; such repeated words just before
 * the first Han character go to the Chinese side. Returns the new
 * boundary. */
static size_t give_names_to_chinese(const char *text, size_t boundary)
{
    size_t b = boundary;
    for (;;) {
        size_t end = b;
        while (end > 0 && text[end - 1] == ' ')
            end--;
        size_t start = end;
        while (start > 0 && is_ascii_letter((unsigned char)text[start - 1]))
            start--;
        if (start == end || start == 0 || text[start - 1] != ' ')
            return b;
        /* The same word earlier in the English, as a whole word. */
        size_t n = end - start;
        int repeated = 0;
        for (size_t i = 0; i + n < start && !repeated; i++)
            repeated = memcmp(text + i, text + start, n) == 0 &&
                       (i == 0 || !is_ascii_letter((unsigned char)text[i - 1])) &&
                       !is_ascii_letter((unsigned char)text[i + n]);
        if (!repeated)
            return b;
        b = start;
    }
}

/* 1 when text[0, end) leaves a bracket open: "繼承 (Inheritance)" is a
 * heading with its English term as a gloss, not two headings. */
static int leaves_bracket_open(const char *text, size_t end)
{
    size_t i = 0;
    long depth = 0;
    utf8proc_int32_t cp;
    while (i < end && tme_next_code_point(text, end, &i, &cp))
        depth += (cp == '(' || cp == 0xFF08) - (cp == ')' || cp == 0xFF09);
    return depth > 0;
}

static size_t heading_pieces(const tme_paragraph *para, size_t paragraph, const word_index *index,
                             piece *pieces)
{
    int english_first;
    if (para->len > HEADING_MAX_BYTES || has_separator(para))
        return 0;
    size_t b = heading_boundary(para->text, para->len, &english_first);
    if (b == 0)
        return 0;
    if (english_first)
        b = give_names_to_chinese(para->text, b);
    if (leaves_bracket_open(para->text, b))
        return 0;
    piece first = {0, b, TME_SCRIPT_OTHER, 0, 0, 0},
          second = {b, para->len, TME_SCRIPT_OTHER, 0, 0, 0};
    while (first.end > 0 && para->text[first.end - 1] == ' ')
        first.end--;
    classify_piece(para->text, para->len, &first);
    classify_piece(para->text, para->len, &second);
    piece *en = english_first ? &first : &second, *zh = english_first ? &second : &first;
    unsigned char lead = (unsigned char)para->text[en->start];
    int capital = (lead >= 'A' && lead <= 'Z') || (lead >= '0' && lead <= '9');
    /* A first part that ends a sentence is prose (the sentence rule judged
     * it), as a Chinese caption before its photo credit is. */
    if (first.ends_sentence)
        return 0;
    if (!capital || en->han != 0 || en->latin < 2 || zh->script != TME_SCRIPT_HAN ||
        (!english_first && zh->latin != 0) || has_cjk_punctuation(para->text, en))
        return 0;
    double ratio = chinese_units(zh) / (double)non_space_bytes(para->text, en);
    if (ratio < HEADING_MIN_RATIO || ratio > HEADING_MAX_RATIO ||
        only_names_of_the_chinese(index, paragraph, para->text, en))
        return 0;
    en->script = TME_SCRIPT_LATIN;
    pieces[0] = first;
    pieces[1] = second;
    return 2;
}

/* The pieces between the cuts, settled; 0 when the paragraph stays whole. */
static size_t sentence_pieces(const tme_paragraph *para, piece *pieces)
{
    size_t cuts[MAX_PIECES];
    size_t n_cuts = find_cuts(para->text, para->len, cuts);
    if (n_cuts == 0)
        return 0;
    size_t n = 0, start = 0;
    for (size_t k = 0; k <= n_cuts; k++) {
        piece p = {start, k < n_cuts ? cuts[k] : para->len, TME_SCRIPT_OTHER, 0, 0, 0};
        while (p.end > p.start && (para->text[p.end - 1] == ' ' || para->text[p.end - 1] == '\t'))
            p.end--;
        classify_piece(para->text, para->len, &p);
        pieces[n++] = p;
        start = k < n_cuts ? cuts[k] : para->len;
    }
    settle_pieces(para->text, para->len, pieces, &n);
    if (n == 1 && !reads_as_its_script(para->text, &pieces[0]))
        return 0;
    return n > 1 ? n : 0;
}

static size_t pieces_of(const tme_paragraph *para, size_t paragraph, const word_index *index,
                        piece *pieces)
{
    size_t n = sentence_pieces(para, pieces);
    return n > 0 ? n : heading_pieces(para, paragraph, index, pieces);
}

static tme_status replace_with_pieces(tme_paragraphs *out, size_t *cap, const tme_paragraph *para,
                                      const piece *pieces, size_t n, tme_error *err)
{
    for (size_t k = 0; k < n; k++) {
        if (TME_ARRAY_RESERVE(out->items, *cap, out->count + 1) != TME_OK)
            return tme_error_nomem(err);
        tme_paragraph *p = &out->items[out->count];
        *p = *para;
        p->len = pieces[k].end - pieces[k].start;
        p->text = n == 1 ? para->text : strndup(para->text + pieces[k].start, p->len);
        if (p->text == NULL)
            return tme_error_nomem(err);
        p->script = pieces[k].script;
        p->han = pieces[k].han;
        p->latin = pieces[k].latin;
        out->count++;
    }
    return TME_OK;
}

tme_status tme_split_bilingual(tme_paragraphs *paragraphs, size_t *added, tme_error *err)
{
    *added = 0;
    piece *pieces = malloc(MAX_PIECES * sizeof *pieces);
    tme_paragraphs out = {NULL, 0};
    size_t cap = 0;
    word_index index;
    if (pieces == NULL || index_chinese_words(paragraphs, &index, err) != TME_OK) {
        free(pieces);
        return tme_error_nomem(err);
    }
    tme_status status = TME_OK;
    size_t k = 0;
    for (; k < paragraphs->count && status == TME_OK; k++) {
        tme_paragraph *para = &paragraphs->items[k];
        int mixed = para->han > 0 && para->latin > 0 && para->len <= MAX_SPLIT_BYTES;
        size_t n = mixed ? pieces_of(para, k, &index, pieces) : 0;
        if (n == 0) {
            piece whole = {0, para->len, para->script, para->han, para->latin, 0};
            status = replace_with_pieces(&out, &cap, para, &whole, 1, err);
        } else {
            status = replace_with_pieces(&out, &cap, para, pieces, n, err);
            if (status == TME_OK) {
                free(para->text);
                *added += n - 1;
            }
        }
        if (status == TME_OK)
            para->text = NULL; /* now owned by out */
    }
    free(pieces);
    free(index.uses);
    if (status != TME_OK) {
        tme_paragraphs_free(&out);
        return status;
    }
    free(paragraphs->items);
    *paragraphs = out;
    return TME_OK;
}
