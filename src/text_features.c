/* SPDX-License-Identifier: MIT */
/* The features pass: decode once (codepoints.h), segment on the decoded
 * text when asked, then for each sentence measure its length, note its
 * marks, fold it (fold.h) and read its anchors from the folded code points.
 * The whole text is read by the same rules as a sentence, so the anchors of
 * a paragraph are those of its sentences and its length is their sum.
 *
 * The lexicon reads the sentence's bytes itself (lexicon.h: its English
 * words are folded by the rules the lexicon was compiled with, its Chinese
 * n-grams are looked up as they are), so that a sentence meets the
 * dictionary exactly as the compiler saw the glosses. */
#include "text_features.h"

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "call_to_action.h"
#include "charclass.h"
#include "codepoints.h"
#include "fold.h"
#include "hash.h"
#include "numbers.h"

typedef struct {
    const tme_codepoints *d;
    tme_lang lang;
    tme_features *out;
    /* folded: the current sentence, NFKC case folded; en, zh, words: its
     * lexical items */
    tme_features_scratch *s;
    tme_error *err;
} pass;

static tme_status push_anchor(pass *p, uint64_t key, tme_anchor_kind kind, unsigned flags)
{
    tme_features *f = p->out;
    if (TME_ARRAY_RESERVE(f->anchors, f->cap_anchors, f->n_anchors + 1) != TME_OK)
        return tme_error_set(p->err, TME_ERR_NOMEM, "out of memory collecting anchors");
    f->anchors[f->n_anchors++] = (tme_anchor){key, (unsigned char)kind, (unsigned char)flags};
    return TME_OK;
}

/* ---- marks and lengths -------------------------------------------------- */

static int is_double_quote(int32_t cp)
{
    return cp == '"' || cp == 0x201c || cp == 0x201d || cp == 0x201e || cp == 0x00ab ||
           cp == 0x00bb || cp == 0x300c || cp == 0x300d || cp == 0x300e || cp == 0x300f;
}

static int is_paren(int32_t cp)
{
    return cp == '(' || cp == ')' || cp == 0xff08 || cp == 0xff09;
}

static const unsigned char ascii_marks[0x80] = {
    ['"'] = TME_MARK_QUOTE, ['('] = TME_MARK_PAREN, [')'] = TME_MARK_PAREN};

/* Length and marks of the code points [b, e). English: code points that
 * are not whitespace. Chinese: the same, except that cased letters and
 * decimal digits count TME_LENGTH_RATIO each: a Latin word or a number
 * inside Chinese is copied from the English rather than translated, so it
 * is already in English units. ASCII and Han (nearly all of the text) are
 * answered without a category lookup. */
static void measure_sentence(const tme_codepoints *d, size_t b, size_t e, tme_lang lang,
                             tme_sentence_features *s)
{
    double length = 0;
    unsigned marks = 0;
    int chinese = lang == TME_LANG_ZH;
    for (size_t i = b; i < e; i++) {
        int32_t cp = d->cp[i];
        if (cp >= 0 && cp < 0x80) { /* ASCII; an invalid byte (-1) counts one below */
            if (tme_is_space(cp))
                continue;
            length += chinese && tme_is_ascii_alnum(cp) ? TME_LENGTH_RATIO : 1;
            marks |= ascii_marks[cp];
            continue;
        }
        if (tme_is_han(cp)) {
            length += 1;
            continue;
        }
        if (tme_is_space(cp))
            continue;
        length += chinese && (tme_is_cased_letter(cp) || tme_is_digit(cp)) ? TME_LENGTH_RATIO : 1;
        marks |= is_double_quote(cp) ? TME_MARK_QUOTE : is_paren(cp) ? TME_MARK_PAREN : 0;
    }
    s->length = length;
    s->marks = marks;
}

static int is_menu_separator(int32_t cp)
{
    return cp == '|' || cp == '>' || cp == 0xBB /* » */ || cp == 0x203A /* › */;
}

/* Han-like in a navigation list: Chinese punctuation, full-width forms and
 * the dashes, quotes and bullets Chinese typesetting uses. (Spaces, the
 * ideographic one included, are skipped before this is asked.) */
static int is_chinese_mark(int32_t cp)
{
    return tme_is_cjk_punctuation(cp) || tme_is_fullwidth_alnum(cp) ||
           tme_is_dash_quote_or_bullet(cp);
}

/* Chinese navigation: Han words separated by spaces or by "|" / ">"
 * (menus, breadcrumbs, share widgets) are not prose that anybody
 * translated. Short Han words between spaces: a list of links, not a
 * sentence that happens to set a phrase off with spaces. */
static int chinese_navigation(const tme_codepoints *d)
{
    int prev_han = 0, space_after_han = 0;
    size_t separators = 0, spaced_han = 0, han_count = 0;
    for (size_t i = 0; i < d->n; i++) {
        int32_t cp = d->cp[i];
        int han = tme_is_han(cp);
        if (cp < 0 || (!han && tme_is_space(cp))) {
            space_after_han = cp < 0 ? space_after_han : prev_han;
            continue;
        }
        han = han || (cp >= 0x80 && is_chinese_mark(cp));
        spaced_han += han && space_after_han;
        separators += is_menu_separator(cp);
        han_count += han;
        prev_han = han;
        space_after_han = 0;
    }
    return separators >= 2 || (spaced_han >= 2 && spaced_han * 8 >= han_count);
}

/* Occurrences of the byte sequence s (its first byte rare in English) in
 * text[0..len). */
static size_t count_bytes(const char *text, size_t len, const char *s, size_t n)
{
    size_t count = 0;
    for (const char *p = text, *end = text + len; (p = memchr(p, s[0], (size_t)(end - p)));) {
        count += (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
        p++;
    }
    return count;
}

/* A Chinese menu whose items are separated by a middle dot ("在线阅读·购买纸质版·捐助"):
 * two dots or more and no sentence punctuation. (A transliterated name
 * has dots too, but sits inside a sentence.) */
static int chinese_dotted_menu(const tme_codepoints *d)
{
    size_t dots = 0;
    for (size_t i = 0; i < d->n; i++) {
        int32_t cp = d->cp[i];
        if (cp == 0xB7 /* · */ || cp == 0x30FB /* ・ */)
            dots++;
        else if (cp == 0x3002 /* 。 */ || cp == 0xFF0C /* ， */ || cp == 0xFF1B /* ； */ ||
                 cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ || cp == 0x3001 /* 、 */)
            return 0;
    }
    return dots >= 2;
}

/* English menu words set apart by runs of spaces ("Home  Blog  Docs"), with
 * no sentence punctuation: a row of links as scraped. */
static int english_spaced_menu(const tme_codepoints *d)
{
    size_t gaps = 0, spaces = 0;
    for (size_t i = 0; i < d->n; i++) {
        int32_t cp = d->cp[i];
        if (cp == '.' || cp == '?' || cp == '!' || cp == ',' || cp == ';')
            return 0;
        if (cp == ' ' || cp == '\t') {
            spaces++;
            continue;
        }
        gaps += spaces >= 2 || (spaces == 1 && i > 0 && d->cp[i - 1] == '\t');
        spaces = 0;
    }
    return gaps >= 2;
}

/* A short text with a web address or an e-mail address in it is a link, a
 * contact line or a "read more" widget, not prose (its counterpart, if it
 * has one, is another such line that nobody translated). */
#define LINK_LINE_MAX_UNITS 80.0

static int has_address(const char *t, size_t len)
{
    if (count_bytes(t, len, "://", 3) > 0 || count_bytes(t, len, "www.", 4) > 0)
        return 1;
    for (const char *p = t, *end = t + len; (p = memchr(p, '@', (size_t)(end - p))); p++) {
        const char *dot = memchr(p, '.', (size_t)(end - p));
        if (p > t && (tme_is_ascii_alnum((unsigned char)p[-1])) && dot != NULL && dot > p + 1)
            return 1;
    }
    return 0;
}

static int link_line(const tme_codepoints *d, tme_lang lang, double length)
{
    double limit =
        lang == TME_LANG_ZH ? LINK_LINE_MAX_UNITS * TME_LENGTH_RATIO : LINK_LINE_MAX_UNITS;
    return length < limit && has_address(d->text, d->len);
}

static int call_to_action(const tme_codepoints *d, tme_lang lang, double length)
{
    double limit = lang == TME_LANG_ZH ? TME_CALL_TO_ACTION_MAX_UNITS * TME_LENGTH_RATIO
                                       : TME_CALL_TO_ACTION_MAX_UNITS;
    return length < limit && tme_has_call_to_action(d->text, d->len, lang);
}

/* English menus and share widgets separate their items with | > » · or •
 * ("Share: Facebook · Twitter · WeChat"); English prose does not. (Chinese
 * uses · inside transliterated names, so it counts only here.) Counted on
 * the bytes, a memchr() a separator. */
static int english_navigation(const tme_codepoints *d)
{
    const char *t = d->text;
    size_t len = d->len;
    size_t separators = count_bytes(t, len, "|", 1) + count_bytes(t, len, ">", 1) +
                        count_bytes(t, len, "\xC2\xBB", 2) /* » */ +
                        count_bytes(t, len, "\xC2\xB7", 2) /* · */ +
                        count_bytes(t, len, "\xE2\x80\xA2", 3) /* • */;
    return separators >= 2;
}

/* ---- anchors ------------------------------------------------------------ */

/* Continues h over the UTF-8 of cp. */
static uint64_t hash_code_point(uint64_t h, int32_t cp)
{
    unsigned char utf8[4];
    if (cp < 0x80) {
        utf8[0] = (unsigned char)cp;
        return tme_fnv1a(h, utf8, 1);
    }
    return tme_fnv1a(h, utf8, (size_t)utf8proc_encode_char(cp, utf8));
}

/* A Latin token (numbers.h reads the numbers): a cased letter, then cased
 * letters and digits ("deepseek", "k8s", "g20"), two or more. */
static int continues_token(int32_t cp)
{
    return tme_is_cased_letter(cp) || tme_is_digit(cp);
}

static tme_status read_number_anchor(pass *p, const int32_t *cp, size_t n, size_t *i)
{
    tme_number number;
    tme_read_number(cp, n, i, &number);
    if (!number.usable)
        return TME_OK;
    return push_anchor(p, number.key, number.decade ? TME_ANCHOR_DECADE : TME_ANCHOR_NUMBER,
                       number.han ? TME_ANCHOR_SOFT : 0);
}

/* A plural's final s is left out of the key: Chinese keeps an English
 * term in its base form ("新實例 (instance)" for "new instances"). Not
 * after an s ("class") nor in words of three letters ("DNS"). */
static size_t key_length(const int32_t *cp, size_t start, size_t end)
{
    size_t n = end - start;
    if (n > 3 && (cp[end - 1] == 's') && cp[end - 2] != 's')
        return n - 1;
    return n;
}

static tme_status read_token_anchor(pass *p, const int32_t *cp, size_t n, size_t *i)
{
    size_t start = *i;
    while (*i < n && continues_token(cp[*i]))
        (*i)++;
    size_t chars = *i - start, keyed = key_length(cp, start, *i);
    uint64_t h = TME_FNV1A_OFFSET;
    for (size_t k = start; k < start + keyed; k++)
        h = hash_code_point(h, cp[k]);
    return chars >= 2 ? push_anchor(p, h, TME_ANCHOR_LATIN, 0) : TME_OK;
}

/* The anchors of folded text: numbers (Han numerals soft) and Latin
 * tokens, keyed by the hash of their folded UTF-8. Han characters, most
 * of Chinese text, are no token and rarely a numeral: they are told apart
 * without a category lookup. */
static tme_status read_anchors(pass *p, const int32_t *cp, size_t n)
{
    tme_status status = TME_OK;
    for (size_t i = 0; i < n && status == TME_OK;) {
        int32_t c = cp[i];
        int han = c >= 0x80 && tme_is_han(c);
        if (c < 0x80 ? tme_is_ascii_digit(c) : tme_may_start_number(c) && tme_starts_number(c))
            status = read_number_anchor(p, cp, n, &i);
        else if (!han && tme_is_cased_letter(c))
            status = read_token_anchor(p, cp, n, &i);
        else
            i++;
    }
    return status;
}

/* ---- lexical items ------------------------------------------------------ */

static tme_status append_ids(uint32_t **ids, size_t *n, size_t *cap, const uint32_t *add,
                             size_t count, tme_error *err)
{
    if (tme_array_reserve(ids, cap, *n + count, sizeof **ids) != TME_OK)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory collecting lexical items");
    if (count > 0)
        memcpy(*ids + *n, add, count * sizeof *add);
    *n += count;
    return TME_OK;
}

/* A Chinese sentence's words (read with its lemmas into p->words), after
 * those of the sentences before. */
static tme_status keep_words(pass *p, tme_sentence_features *s)
{
    tme_features *f = p->out;
    s->word_begin = f->n_words;
    if (append_ids(&f->words, &f->n_words, &f->cap_words, p->s->words.words, p->s->words.n,
                   p->err) != TME_OK)
        return p->err->status;
    s->word_end = f->n_words;
    return TME_OK;
}

/* The sentence's lemma ids (lexicon.h) after those of the sentences before. */
static tme_status read_lemmas(pass *p, tme_sentence_features *s)
{
    tme_features *f = p->out;
    const tme_lexicon *lex = f->lexicon;
    const char *text = p->d->text + s->span.start;
    size_t len = s->span.end - s->span.start;
    s->lemma_begin = s->lemma_end = f->n_lemmas;
    s->word_begin = s->word_end = f->n_words;
    if (lex == NULL)
        return TME_OK;
    const uint32_t *ids;
    size_t n;
    if (p->lang == TME_LANG_ZH) {
        if (tme_lexicon_prepare_zh_words(lex, text, len, &p->s->zh, &p->s->words, p->err) !=
                TME_OK ||
            keep_words(p, s) != TME_OK)
            return p->err->status;
        ids = p->s->zh.lemmas;
        n = p->s->zh.n_lemmas;
    } else {
        if (tme_lexicon_prepare_en(lex, text, len, &p->s->en, p->err) != TME_OK)
            return p->err->status;
        ids = p->s->en.lemmas;
        n = p->s->en.n;
        s->content_words = p->s->en.content_words;
    }
    if (append_ids(&f->lemmas, &f->n_lemmas, &f->cap_lemmas, ids, n, p->err) != TME_OK)
        return p->err->status;
    s->lemma_end = f->n_lemmas;
    return TME_OK;
}

/* ---- the pass ----------------------------------------------------------- */

/* The features of sentence s: its code points [b, e), its bytes s->span. */
static tme_status read_sentence(pass *p, size_t b, size_t e, tme_sentence_features *s)
{
    const tme_codepoints *d = p->d;
    measure_sentence(d, b, e, p->lang, s);
    s->anchor_begin = p->out->n_anchors;
    tme_status status = tme_fold(d->cp + b, e - b, d->text + s->span.start,
                                 s->span.end - s->span.start, &p->s->folded, p->err);
    if (status == TME_OK)
        status = read_anchors(p, p->s->folded.cp, p->s->folded.n);
    s->anchor_end = p->out->n_anchors;
    if (status == TME_OK)
        status = read_lemmas(p, s);
    return status;
}

static tme_status start(tme_features *out, tme_lang lang, const tme_lexicon *lexicon,
                        size_t n_sentences, tme_error *err)
{
    memset(out, 0, sizeof *out);
    out->lang = lang;
    out->lexicon = lexicon;
    out->sentences = calloc(n_sentences ? n_sentences : 1, sizeof *out->sentences);
    out->cap_sentences = n_sentences ? n_sentences : 1;
    if (out->sentences == NULL)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory for %zu sentences", n_sentences);
    return TME_OK;
}

/* Room, once per text, for any sentence's folding (which rarely grows
 * the text) and for about one anchor a word. */
static tme_status reserve_buffers(pass *p)
{
    size_t n = p->d->n;
    if (TME_ARRAY_RESERVE(p->s->folded.cp, p->s->folded.cap, n + n / 8 + 32) != TME_OK ||
        TME_ARRAY_RESERVE(p->out->anchors, p->out->cap_anchors, n / 6 + 8) != TME_OK)
        return tme_error_set(p->err, TME_ERR_NOMEM, "out of memory reading %zu characters", n);
    return TME_OK;
}

/* Room the gathering arrays start with: a paragraph's lemmas and words
 * are often hundreds, which doubling from 16 reached by as many grows in
 * each article. */
#define FIRST_GATHERED_IDS 2048

/* The scratch's gathering arrays and out's exchanged: lent to out while
 * its text is read, given back after. */
static void swap_gathering_arrays(tme_features_scratch *s, tme_features *out)
{
    tme_anchor *anchors = s->anchors;
    uint32_t *lemmas = s->lemmas, *words = s->word_ids;
    size_t cap_anchors = s->cap_anchors, cap_lemmas = s->cap_lemmas, cap_words = s->cap_word_ids;
    s->anchors = out->anchors;
    s->cap_anchors = out->cap_anchors;
    s->lemmas = out->lemmas;
    s->cap_lemmas = out->cap_lemmas;
    s->word_ids = out->words;
    s->cap_word_ids = out->cap_words;
    out->anchors = anchors;
    out->cap_anchors = cap_anchors;
    out->lemmas = lemmas;
    out->cap_lemmas = cap_lemmas;
    out->words = words;
    out->cap_words = cap_words;
}

/* out (as start() leaves it: no arrays) gathers in the scratch's. */
static void lend_arrays(tme_features_scratch *s, tme_features *out)
{
    /* failing, they stay empty: the reading grows them or fails */
    (void)TME_ARRAY_RESERVE(s->lemmas, s->cap_lemmas, FIRST_GATHERED_IDS);
    (void)TME_ARRAY_RESERVE(s->word_ids, s->cap_word_ids, FIRST_GATHERED_IDS);
    swap_gathering_arrays(s, out);
}

/* A copy of items[0, n) of size bytes each (NULL for none); *failed set
 * when there is no memory for it. */
static void *copy_of(const void *items, size_t n, size_t size, int *failed)
{
    if (n == 0)
        return NULL;
    void *copy = malloc(n * size);
    if (copy == NULL)
        *failed = 1;
    else
        memcpy(copy, items, n * size);
    return copy;
}

/* The lent arrays back to the scratch, out keeping copies of what it
 * gathered in them, at their size (none when keep is 0). */
static tme_status take_back_arrays(tme_features_scratch *s, tme_features *out, int keep,
                                   tme_error *err)
{
    int failed = 0;
    tme_anchor *anchors =
        keep ? copy_of(out->anchors, out->n_anchors, sizeof *anchors, &failed) : NULL;
    uint32_t *lemmas = keep ? copy_of(out->lemmas, out->n_lemmas, sizeof *lemmas, &failed) : NULL;
    uint32_t *words = keep ? copy_of(out->words, out->n_words, sizeof *words, &failed) : NULL;
    swap_gathering_arrays(s, out); /* the scratch's, lent, were out's: out's are none now */
    out->anchors = anchors;
    out->cap_anchors = anchors != NULL ? out->n_anchors : 0;
    out->lemmas = lemmas;
    out->cap_lemmas = lemmas != NULL ? out->n_lemmas : 0;
    out->words = words;
    out->cap_words = words != NULL ? out->n_words : 0;
    return failed ? tme_error_nomem(err) : TME_OK;
}

/* lend: gather in the scratch's arrays (a scratch that outlives this
 * reading); else out grows its own, which a single reading is cheaper
 * without copying. */
static tme_status read_spans(const tme_codepoints *d, tme_lang lang, const tme_lexicon *lexicon,
                             const tme_span *spans, size_t n_spans, tme_features_scratch *scratch,
                             int lend, tme_features *out, tme_error *err)
{
    tme_status status = start(out, lang, lexicon, n_spans, err);
    if (lend)
        lend_arrays(scratch, out);
    pass p = {d, lang, out, scratch, err};
    if (status == TME_OK)
        status = reserve_buffers(&p);
    for (size_t k = 0; k < n_spans && status == TME_OK; k++) {
        tme_sentence_features *s = &out->sentences[k];
        s->span = spans[k];
        /* Without offsets the one span is the whole text. */
        size_t b = d->off ? tme_codepoints_at(d, spans[k].start) : 0;
        size_t e = d->off ? tme_codepoints_at(d, spans[k].end) : d->n;
        status = read_sentence(&p, b, e, s);
        out->length += s->length;
        out->n_sentences = k + 1;
    }
    tme_status kept = lend ? take_back_arrays(scratch, out, status == TME_OK, err) : TME_OK;
    if (status == TME_OK)
        status = kept;
    if (status != TME_OK)
        tme_features_free(out);
    return status;
}

/* Whether text is a menu, breadcrumb, link line or widget, as pairing asks. */
static int is_navigation(const tme_codepoints *d, tme_lang lang, double length)
{
    return (lang == TME_LANG_ZH ? chinese_navigation(d) || chinese_dotted_menu(d)
                                : english_navigation(d) || english_spaced_menu(d)) ||
           link_line(d, lang, length) || call_to_action(d, lang, length);
}

/* What an entry point asks of the pass. */
typedef enum {
    READ_SPANS,     /* the caller's sentences */
    READ_SENTENCES, /* the segmenter's */
    READ_PARAGRAPH  /* the whole text as one, and whether it is navigation */
} reading;

/* Decodes text once and reads it as asked. */
static tme_status analyse(const char *text, size_t len, tme_lang lang, const tme_lexicon *lexicon,
                          reading what, const tme_span *spans, size_t n_spans,
                          tme_features_scratch *scratch, tme_features *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    tme_features_scratch own = {0};
    tme_features_scratch *s = scratch != NULL ? scratch : &own;
    tme_codepoints d;
    tme_span whole = {0, len};
    tme_status status =
        tme_codepoints_decode_in(&s->decoded, text, len, what != READ_PARAGRAPH, &d, err);
    if (status == TME_OK && what == READ_SENTENCES) {
        status = tme_segment_codepoints_into(&d, lang, &s->spans, &s->cap_spans, &n_spans, err);
        spans = s->spans;
    } else if (what == READ_PARAGRAPH) {
        spans = &whole;
        n_spans = 1;
    }
    if (status == TME_OK)
        status = read_spans(&d, lang, lexicon, spans, n_spans, s, s != &own, out, err);
    if (status == TME_OK && what == READ_PARAGRAPH)
        out->navigation = is_navigation(&d, lang, out->length);
    if (s == &own)
        tme_features_scratch_free(&own);
    return status;
}

tme_status tme_features_of_spans(const char *text, size_t len, tme_lang lang, const tme_span *spans,
                                 size_t n_spans, const tme_lexicon *lexicon, tme_features *out,
                                 tme_error *err)
{
    return analyse(text, len, lang, lexicon, READ_SPANS, spans, n_spans, NULL, out, err);
}

tme_status tme_features_of_sentences(const char *text, size_t len, tme_lang lang,
                                     const tme_lexicon *lexicon, tme_features *out, tme_error *err)
{
    return analyse(text, len, lang, lexicon, READ_SENTENCES, NULL, 0, NULL, out, err);
}

tme_status tme_features_of_paragraph(const char *text, size_t len, tme_lang lang,
                                     const tme_lexicon *lexicon, tme_features_scratch *scratch,
                                     tme_features *out, tme_error *err)
{
    return analyse(text, len, lang, lexicon, READ_PARAGRAPH, NULL, 0, scratch, out, err);
}

/* ---- the whole text from its sentences ---------------------------------- */

/* Whether no lexical item can run across the cut between code points at - 1
 * and at: an English word stops at an ASCII space (lexicon_words.c), a
 * Chinese match is a run of headword characters (lexicon.h). */
static int cut_stops_items(const tme_codepoints *d, tme_lang lang, const tme_lexicon *lex,
                           size_t at)
{
    if (at == 0 || at >= d->n)
        return 1;
    if (lang == TME_LANG_EN)
        return d->cp[at] < 0x80 && tme_is_space(d->cp[at]);
    return !tme_lexicon_zh_in_headword(lex, d->cp[at - 1]) ||
           !tme_lexicon_zh_in_headword(lex, d->cp[at]);
}

/* Whether code point cp, outside every sentence, holds no lexical item. */
static int holds_no_item(tme_lang lang, const tme_lexicon *lex, int32_t cp)
{
    return lang == TME_LANG_EN ? cp >= 0 && cp < 0x80 && tme_is_space(cp)
                               : !tme_lexicon_zh_in_headword(lex, cp);
}

/* Merges the sorted, distinct runs a[0, m) and b[0, n) into out, distinct;
 * returns how many it wrote. */
static size_t merge_distinct(const uint32_t *a, size_t m, const uint32_t *b, size_t n,
                             uint32_t *out)
{
    size_t i = 0, j = 0, k = 0;
    while (i < m && j < n) {
        uint32_t x = a[i] <= b[j] ? a[i] : b[j];
        i += a[i] == x;
        j += b[j] == x;
        out[k++] = x;
    }
    while (i < m)
        out[k++] = a[i++];
    while (j < n)
        out[k++] = b[j++];
    return k;
}

/* The union of the sentences' lemma lists (each sorted and distinct),
 * sorted and distinct, into whole->lemmas: runs merged pairwise, so each
 * lemma moves once per halving of the runs, not once per sort step. */
static tme_status union_of_lemmas(const tme_features *sentences, tme_features_scratch *scratch,
                                  tme_features *whole, tme_error *err)
{
    size_t runs = sentences->n_sentences, total = sentences->n_lemmas;
    if (TME_ARRAY_RESERVE(whole->lemmas, whole->cap_lemmas, total) != TME_OK)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory merging lexical items");
    if (runs <= 1 || total == 0) { /* (no lexical item: the scratch may have no room at all) */
        if (total > 0)
            memcpy(whole->lemmas, sentences->lemmas, total * sizeof *whole->lemmas);
        whole->n_lemmas = total;
        return TME_OK;
    }
    /* bounds[r], bounds[r + 1]: run r in from[] (the scratch's) */
    if (TME_ARRAY_RESERVE(scratch->bounds, scratch->cap_bounds, runs + 1) != TME_OK ||
        TME_ARRAY_RESERVE(scratch->spare, scratch->cap_spare, total) != TME_OK)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory merging lexical items");
    size_t *bounds = scratch->bounds;
    uint32_t *from = scratch->spare, *to = whole->lemmas;
    memcpy(from, sentences->lemmas, total * sizeof *from);
    for (size_t r = 0; r < runs; r++)
        bounds[r] = sentences->sentences[r].lemma_begin;
    bounds[runs] = total;
    while (runs > 1) {
        size_t written = 0, kept = 0;
        for (size_t r = 0; r < runs; r += 2) {
            size_t b = bounds[r], m = bounds[r + 1] - b;
            size_t n = r + 1 < runs ? bounds[r + 2] - bounds[r + 1] : 0;
            bounds[kept++] = written;
            written += merge_distinct(from + b, m, from + b + m, n, to + written);
        }
        bounds[kept] = written;
        runs = kept;
        uint32_t *t = from;
        from = to;
        to = t;
    }
    if (from != whole->lemmas)
        memcpy(whole->lemmas, from, bounds[1] * sizeof *from);
    whole->n_lemmas = bounds[1];
    return TME_OK;
}

/* The whole text's lexical items from its sentences' (all of them, in
 * order, in sentences->lemmas and ->words): the lemmas sorted and distinct
 * as one reading gives them, the words in text order. */
static tme_status merge_items(const tme_features *sentences, tme_features_scratch *scratch,
                              tme_features *whole, tme_error *err)
{
    tme_sentence_features *s = &whole->sentences[0];
    if (union_of_lemmas(sentences, scratch, whole, err) != TME_OK ||
        append_ids(&whole->words, &whole->n_words, &whole->cap_words, sentences->words,
                   sentences->n_words, err) != TME_OK)
        return err->status;
    whole->lexicon = sentences->lexicon;
    s->lemma_begin = 0;
    s->lemma_end = whole->n_lemmas;
    s->word_begin = 0;
    s->word_end = whole->n_words;
    s->content_words = 0;
    for (size_t k = 0; k < sentences->n_sentences; k++)
        s->content_words += sentences->sentences[k].content_words;
    return TME_OK;
}

/* A mark that ends a sentence and that nothing an anchor reads (a number's
 * digits, groups and decimals; a Latin token's letters and digits) runs
 * through. */
static int stops_anchors(int32_t cp)
{
    switch (cp) {
    case '.':
    case '!':
    case '?':
    case ';':
    case ':':
    case '"':
    case '\'':
    case ')':
    case 0x2019:
    case 0x201D:
    case 0x2026: /* ’ ” … */
    case 0x3002:
    case 0x300D:
    case 0x300F: /* 。 」 』 */
    case 0xFF01:
    case 0xFF09:
    case 0xFF1A:
    case 0xFF1B:
    case 0xFF1F: /* ！ ） ： ； ？ */
        return 1;
    default:
        return 0;
    }
}

/* Whether code point cp, first after a full-width terminator, folds
 * alone: ASCII, Han, punctuation and full-width forms compose with
 * nothing before them. */
static int folds_alone(int32_t cp)
{
    return (cp >= 0 && cp < 0x80) || tme_is_han(cp) || (cp >= 0x2010 && cp <= 0x2027) ||
           (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0xFF01 && cp <= 0xFF5E);
}

/* Whether no anchor can run across the cut between code points at - 1 and
 * at: it follows a mark that stops anchors, then a space (or, after a
 * full-width mark or ! ? ;, anything that folds alone: Chinese sentences
 * follow each other unspaced). */
static int cut_stops_anchors(const tme_codepoints *d, size_t at)
{
    if (at == 0 || at >= d->n)
        return 1;
    int32_t last = d->cp[at - 1], next = d->cp[at];
    int spaced = next < 0x80 && tme_is_space(next);
    /* a "." may be a decimal point and a ":" a clock's */
    int unspaced = last >= 0x80 || last == '!' || last == '?' || last == ';';
    return stops_anchors(last) && (spaced || (unspaced && folds_alone(next)));
}

/* What the whole text can take from its sentences' reading. */
typedef struct {
    int items;   /* lexical items (none asked without a lexicon) */
    int anchors; /* anchors */
} from_sentences;

/* One walk over what lies between the sentences and over the cuts. The
 * lexical items are the sentences' together when what lies between holds
 * none and no item runs from one sentence into the next; the anchors are
 * theirs in order when the text is valid UTF-8 (the fold of text with an
 * invalid byte is empty), only spaces lie between and every cut stops
 * anchors. Nearly always so (sentences end in punctuation and a space);
 * what is not is read again over the whole text. */
static from_sentences what_sentences_give(const tme_codepoints *d, tme_lang lang,
                                          const tme_lexicon *lex, const tme_features *sentences)
{
    from_sentences r = {lex != NULL, 1};
    for (size_t i = 0; i < d->n && r.anchors; i++)
        r.anchors = d->cp[i] >= 0;
    size_t after = 0; /* the code point after the sentence before */
    for (size_t k = 0; k <= sentences->n_sentences && (r.items || r.anchors); k++) {
        const tme_sentence_features *s = &sentences->sentences[k];
        size_t begin = k < sentences->n_sentences ? tme_codepoints_at(d, s->span.start) : d->n;
        for (size_t i = after; i < begin; i++) {
            r.items = r.items && holds_no_item(lang, lex, d->cp[i]);
            r.anchors = r.anchors && tme_is_space(d->cp[i]);
        }
        if (k > 0) {
            r.items = r.items && cut_stops_items(d, lang, lex, after);
            r.anchors = r.anchors && cut_stops_anchors(d, after);
        }
        if (k < sentences->n_sentences)
            after = tme_codepoints_at(d, s->span.end);
    }
    return r;
}

/* whole emptied for one sentence, as start() leaves it, but keeping the
 * memory of its arrays (a reading before, or none). */
static tme_status restart_one(tme_features *whole, tme_lang lang, tme_error *err)
{
    tme_features kept = *whole;
    memset(whole, 0, sizeof *whole);
    whole->lang = lang;
    whole->anchors = kept.anchors;
    whole->cap_anchors = kept.cap_anchors;
    whole->lemmas = kept.lemmas;
    whole->cap_lemmas = kept.cap_lemmas;
    whole->words = kept.words;
    whole->cap_words = kept.cap_words;
    whole->sentences = kept.sentences;
    whole->cap_sentences = kept.cap_sentences;
    if (TME_ARRAY_RESERVE(whole->sentences, whole->cap_sentences, 1) != TME_OK)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory for 1 sentence");
    memset(whole->sentences, 0, sizeof *whole->sentences);
    return TME_OK;
}

/* English: the whole text's length and marks from its sentences'. Here
 * only spaces lie outside them (what_sentences_give), which count nothing
 * and mark nothing, and each other character counts 1: the lengths are
 * whole numbers, so their sum (sentences->length) is exact and the same
 * double as measure_sentence's over the whole text. (Not Chinese: its
 * Latin letters and digits count TME_LENGTH_RATIO, whose sums round by
 * order.) */
static void sum_sentences_measures(const tme_features *sentences, tme_sentence_features *whole)
{
    whole->length = sentences->length;
    whole->marks = 0;
    for (size_t k = 0; k < sentences->n_sentences; k++)
        whole->marks |= sentences->sentences[k].marks;
}

/* The whole text from its sentences' anchors (and, with merge, their
 * lexical items); its length and marks the same sums as a reading of the
 * whole text gives (measured over it, or English's summed). */
static tme_status whole_from_sentences(const tme_codepoints *d, tme_lang lang, int merge,
                                       const tme_features *sentences, tme_features_scratch *scratch,
                                       tme_features *whole, tme_error *err)
{
    tme_status status = restart_one(whole, lang, err);
    if (status != TME_OK)
        return status;
    tme_sentence_features *s = &whole->sentences[0];
    s->span = (tme_span){0, d->len};
    if (lang == TME_LANG_EN)
        sum_sentences_measures(sentences, s);
    else
        measure_sentence(d, 0, d->n, lang, s);
    whole->length = s->length;
    whole->n_sentences = 1;
    if (sentences->n_anchors > 0) {
        if (TME_ARRAY_RESERVE(whole->anchors, whole->cap_anchors, sentences->n_anchors) != TME_OK)
            return tme_error_set(err, TME_ERR_NOMEM, "out of memory collecting anchors");
        memcpy(whole->anchors, sentences->anchors, sentences->n_anchors * sizeof *whole->anchors);
    }
    whole->n_anchors = sentences->n_anchors;
    s->anchor_begin = 0;
    s->anchor_end = whole->n_anchors;
    return merge ? merge_items(sentences, scratch, whole, err) : TME_OK;
}

/* The whole text as READ_PARAGRAPH reads it, from its sentences where they
 * read the same (what_sentences_give), else read again. */
static tme_status read_whole(const tme_codepoints *d, tme_lang lang, const tme_lexicon *lexicon,
                             const tme_features *sentences, tme_features_scratch *scratch,
                             tme_features *whole, tme_error *err)
{
    from_sentences given = what_sentences_give(d, lang, lexicon, sentences);
    int merge = given.items;
    tme_status status;
    if ((lexicon == NULL || merge) && given.anchors) {
        status = whole_from_sentences(d, lang, merge, sentences, scratch, whole, err);
    } else {
        tme_span all = {0, d->len};
        tme_features_free(whole); /* read afresh */
        status = read_spans(d, lang, merge ? NULL : lexicon, &all, 1, scratch, 1, whole, err);
        if (status == TME_OK && merge)
            status = merge_items(sentences, scratch, whole, err);
    }
    if (status == TME_OK)
        whole->navigation = is_navigation(d, lang, whole->length);
    if (status != TME_OK)
        tme_features_free(whole);
    return status;
}

tme_status tme_features_of_paragraph_and_sentences(const char *text, size_t len, tme_lang lang,
                                                   const tme_lexicon *lexicon,
                                                   tme_features_scratch *scratch,
                                                   tme_features *paragraph, tme_features *sentences,
                                                   tme_error *err)
{
    memset(sentences, 0, sizeof *sentences);
    tme_features_scratch own = {0};
    tme_features_scratch *s = scratch != NULL ? scratch : &own;
    tme_codepoints d;
    size_t n = 0;
    tme_status status = tme_codepoints_decode_in(&s->decoded, text, len, 1, &d, err);
    if (status == TME_OK)
        status = tme_segment_codepoints_into(&d, lang, &s->spans, &s->cap_spans, &n, err);
    if (status == TME_OK)
        status = read_spans(&d, lang, lexicon, s->spans, n, s, s != &own, sentences, err);
    if (status == TME_OK)
        status = read_whole(&d, lang, lexicon, sentences, s, paragraph, err);
    if (status != TME_OK) {
        tme_features_free(sentences);
        tme_features_free(paragraph);
    }
    if (s == &own)
        tme_features_scratch_free(&own);
    return status;
}

void tme_features_scratch_free(tme_features_scratch *s)
{
    tme_codepoints_room_free(&s->decoded);
    free(s->spans);
    tme_cp_buffer_free(&s->folded);
    tme_lexicon_en_free(&s->en);
    tme_lexicon_zh_free(&s->zh);
    tme_lexicon_zh_words_free(&s->words);
    free(s->anchors);
    free(s->lemmas);
    free(s->word_ids);
    free(s->bounds);
    free(s->spare);
    memset(s, 0, sizeof *s);
}

/* Appends n ids, and returns the offset that src's ranges move by. */
static size_t append_moved(uint32_t **ids, size_t *n, size_t *cap, const uint32_t *add,
                           size_t count, tme_status *status, tme_error *err)
{
    size_t offset = *n;
    if (*status == TME_OK)
        *status = append_ids(ids, n, cap, add, count, err);
    return offset;
}

tme_status tme_features_append(tme_features *dst, const tme_features *src, tme_error *err)
{
    tme_status status = TME_OK;
    size_t lemmas = append_moved(&dst->lemmas, &dst->n_lemmas, &dst->cap_lemmas, src->lemmas,
                                 src->n_lemmas, &status, err);
    size_t words = append_moved(&dst->words, &dst->n_words, &dst->cap_words, src->words,
                                src->n_words, &status, err);
    size_t anchors = dst->n_anchors;
    if (status == TME_OK && (TME_ARRAY_RESERVE(dst->anchors, dst->cap_anchors,
                                               dst->n_anchors + src->n_anchors) != TME_OK ||
                             TME_ARRAY_RESERVE(dst->sentences, dst->cap_sentences,
                                               dst->n_sentences + src->n_sentences) != TME_OK))
        status = tme_error_nomem(err);
    if (status != TME_OK)
        return status;
    if (src->n_anchors > 0)
        memcpy(dst->anchors + anchors, src->anchors, src->n_anchors * sizeof *src->anchors);
    dst->n_anchors += src->n_anchors;
    for (size_t k = 0; k < src->n_sentences; k++) {
        tme_sentence_features s = src->sentences[k];
        s.anchor_begin += anchors;
        s.anchor_end += anchors;
        s.lemma_begin += lemmas;
        s.lemma_end += lemmas;
        s.word_begin += words;
        s.word_end += words;
        dst->sentences[dst->n_sentences++] = s;
    }
    dst->length += src->length;
    dst->lang = src->lang;
    dst->lexicon = src->lexicon;
    return TME_OK;
}

void tme_features_free(tme_features *f)
{
    free(f->anchors);
    free(f->sentences);
    free(f->lemmas);
    free(f->words);
    memset(f, 0, sizeof *f);
}
