/* SPDX-License-Identifier: MIT */
/* The features pass: decode once (codepoints.h), segment on the decoded
 * text when asked, then for each sentence measure its length, note its
 * marks, fold it (fold.h) and read its anchors from the folded code points.
 *
 * Lengths. English: code points that are not whitespace. Chinese: the same,
 * except that cased letters and decimal digits count ALIGN_LEN_RATIO each:
 * a Latin word or a number inside Chinese is copied from the English
 * rather than translated, so it is already in English units.
 *
 * Paragraph pairing and sentence alignment read numbers, words and lengths
 * by different rules still: tme_features_of_paragraph() reads with
 * pairing's (measure_*_paragraph, pairing_anchors: raw ASCII words, numbers
 * in thousandths with Han numerals and soft numbers), the sentence entry
 * points with the aligner's (measure_sentence, align_anchors on folded
 * text). One decoding serves either; one rule set is to replace both.
 *
 * A lexicon signal belongs in read_sentence(): it sees each sentence's
 * decoded code points and their NFKC case folding once, which is what
 * Chinese n-gram hashes and English lower-cased stemmed words are read
 * from; its items would sit in a per-text array like the anchors, with a
 * range in tme_sentence_features. */
#include "text_features.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "charclass.h"
#include "codepoints.h"
#include "fold.h"
#include "hash.h"
#include "numbers.h"

/* The aligner's Chinese length units per English unit (see align.c). */
#define ALIGN_LEN_RATIO 0.325
/* Pairing's weight of an ASCII letter or digit inside Chinese. */
#define PAIRING_LATIN_IN_CHINESE 0.3
/* Pairing's words: the first this many characters count. */
#define PAIRING_WORD_MAX 64

typedef struct {
    const tme_codepoints *d;
    tme_lang lang;
    tme_features *out;
    tme_cp_buffer folded; /* the current sentence, NFKC case folded */
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

/* Length and marks of the code points [b, e). ASCII and Han (nearly all
 * of the text) are answered without a category lookup. */
static void measure_sentence(const tme_codepoints *d, size_t b, size_t e, tme_lang lang,
                             tme_sentence_features *s)
{
    double length = 0;
    unsigned marks = 0;
    int chinese = lang == TME_LANG_ZH;
    for (size_t i = b; i < e; i++) {
        int32_t cp = d->cp[i];
        if (cp < 0x80) {
            if (tme_is_space(cp))
                continue;
            length += chinese && tme_is_ascii_alnum(cp) ? ALIGN_LEN_RATIO : 1;
            marks |= cp == '"' ? TME_MARK_QUOTE : cp == '(' || cp == ')' ? TME_MARK_PAREN : 0;
            continue;
        }
        if (tme_is_han(cp)) {
            length += 1;
            continue;
        }
        if (tme_is_space(cp))
            continue;
        length += chinese && (tme_is_cased_letter(cp) || tme_is_digit(cp)) ? ALIGN_LEN_RATIO : 1;
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

/* Pairing's Chinese length, and whether the paragraph looks like
 * navigation: Han words separated by spaces or by "|" / ">" (menus,
 * breadcrumbs, share widgets) are not prose that anybody translated. */
static void measure_chinese_paragraph(const tme_codepoints *d, tme_features *f)
{
    double units = 0;
    int prev_han = 0, space_after_han = 0;
    size_t separators = 0, spaced_han = 0, han_count = 0;
    for (size_t i = 0; i < d->n; i++) {
        int32_t cp = d->cp[i];
        if (cp < 0)
            continue;
        int han = tme_is_han(cp);
        if (!han && tme_is_space(cp)) {
            space_after_han = prev_han;
            continue;
        }
        han = han || is_chinese_mark(cp);
        spaced_han += han && space_after_han;
        separators += is_menu_separator(cp);
        han_count += han;
        units += tme_is_ascii_alnum(cp) ? PAIRING_LATIN_IN_CHINESE : 1.0;
        prev_han = han;
        space_after_han = 0;
    }
    f->length = units;
    /* Short Han words between spaces: a list of links, not a sentence that
     * happens to set a phrase off with spaces. */
    f->navigation = separators >= 2 || (spaced_han >= 2 && spaced_han * 8 >= han_count);
}

/* English menus and share widgets separate their items with | > » · or •
 * ("Share: Facebook · Twitter · WeChat"); English prose does not. (Chinese
 * uses · inside transliterated names, so it counts only here.) Pairing's
 * English length leaves out only spaces and tabs. */
static void measure_english_paragraph(const tme_codepoints *d, tme_features *f)
{
    size_t units = 0, separators = 0;
    for (size_t i = 0; i < d->n; i++) {
        int32_t cp = d->cp[i];
        if (cp == ' ' || cp == '\t')
            continue;
        /* A stray continuation byte adds no character. */
        units += cp >= 0 || ((unsigned char)d->text[d->off[i]] & 0xC0) != 0x80;
        separators += cp == '|' || cp == '>' || cp == 0xBB /* » */ || cp == 0xB7 /* · */ ||
                      cp == 0x2022 /* • */;
    }
    f->length = (double)units;
    f->navigation = separators >= 2;
}

/* ---- anchors: pairing's rules ---------------------------------------- */

static uint64_t thousandths(double value)
{
    return (uint64_t)llround(value * 1000.0);
}

/* A number in digits: its value, the value times a scale word after it
 * (1.6万 is 16,000, 3.5 million is 3,500,000) and the 80 of a decade. */
static tme_status pairing_number(pass *p, const int32_t *cp, size_t n, size_t *i)
{
    double value = tme_pairing_read_digits(cp, n, i);
    double factor = tme_pairing_scale_after(cp, n, *i);
    int decade = *i < n && cp[*i] == 's' && value >= 1900 && value < 2100 && (long)value % 10 == 0;
    unsigned raw_flags = factor != 1 || decade ? TME_ANCHOR_SOFT : 0;
    tme_status status = push_anchor(p, thousandths(value), TME_ANCHOR_NUMBER, raw_flags);
    if (status == TME_OK && factor != 1)
        status = push_anchor(p, thousandths(value * factor), TME_ANCHOR_NUMBER, 0);
    if (status == TME_OK && decade)
        status = push_anchor(p, thousandths((double)((long)value % 100)), TME_ANCHOR_NUMBER,
                             TME_ANCHOR_SOFT);
    return status;
}

/* Latin words (ASCII letters, then letters and digits, 2+ long,
 * lower-cased) and numbers ("2,000" and "2000" alike; Han numerals soft). */
static tme_status pairing_anchors(pass *p, const int32_t *cp, size_t n)
{
    tme_status status = TME_OK;
    for (size_t i = 0; i < n && status == TME_OK;) {
        if (tme_is_ascii_digit(cp[i])) {
            status = pairing_number(p, cp, n, &i);
        } else if (cp[i] >= 0x3000) {
            size_t start = i;
            double value = tme_read_han_number(cp, n, &i);
            if (value < 0)
                i = start + 1;
            else if (value >= 2 || i - start > 1) /* a lone 一 is mostly the article "a" */
                status = push_anchor(p, thousandths(value), TME_ANCHOR_NUMBER, TME_ANCHOR_SOFT);
        } else if (tme_is_ascii_letter(cp[i])) {
            uint64_t h = TME_HASH_INIT;
            size_t chars = 0;
            for (; i < n && tme_is_ascii_alnum(cp[i]); i++, chars++) {
                unsigned char lower = (unsigned char)(cp[i] | (cp[i] >= 'A' ? 0x20 : 0));
                if (chars < PAIRING_WORD_MAX)
                    h = tme_hash_continue(h, &lower, 1);
            }
            if (chars >= 2)
                status = push_anchor(p, h, TME_ANCHOR_LATIN, 0);
        } else {
            i++;
        }
    }
    return status;
}

/* ---- anchors: the aligner's rules, on folded text --------------------- */

static tme_status align_number(pass *p, const int32_t *cp, size_t n, size_t *i)
{
    double value = tme_read_digits(cp, n, i);
    if (tme_read_decade_suffix(cp, n, i, value, p->lang))
        return push_anchor(p, (uint64_t)((long long)value % 100), TME_ANCHOR_DECADE, 0);
    value *= tme_read_scale(cp, n, i, p->lang);
    if (value > 1e15)
        return TME_OK;
    return push_anchor(p, (uint64_t)llround(value * 100), TME_ANCHOR_NUMBER, 0);
}

/* Continues h over the UTF-8 of cp. */
static uint64_t hash_code_point(uint64_t h, int32_t cp)
{
    unsigned char utf8[4];
    if (cp < 0x80) {
        utf8[0] = (unsigned char)cp;
        return tme_hash_continue(h, utf8, 1);
    }
    return tme_hash_continue(h, utf8, (size_t)utf8proc_encode_char(cp, utf8));
}

static int is_token_char(int32_t cp, tme_lang lang)
{
    return lang == TME_LANG_ZH ? tme_is_cased_letter(cp) : tme_is_letter(cp);
}

/* Numbers, and Latin tokens: runs of two or more letters (cased letters in
 * Chinese), keyed by the hash of their folded UTF-8. */
static tme_status align_anchors(pass *p, const int32_t *cp, size_t n)
{
    tme_status status = TME_OK;
    for (size_t i = 0; i < n && status == TME_OK;) {
        if (tme_is_ascii_digit(cp[i])) {
            status = align_number(p, cp, n, &i);
            continue;
        }
        if (!is_token_char(cp[i], p->lang)) {
            i++;
            continue;
        }
        uint64_t h = TME_HASH_INIT;
        size_t letters = 0;
        for (; i < n && is_token_char(cp[i], p->lang); i++, letters++)
            h = hash_code_point(h, cp[i]);
        if (letters >= 2)
            status = push_anchor(p, h, TME_ANCHOR_LATIN, 0);
    }
    return status;
}

/* ---- the pass ----------------------------------------------------------- */

/* The features of sentence s, the code points [b, e). */
static tme_status read_sentence(pass *p, size_t b, size_t e, tme_sentence_features *s)
{
    const tme_codepoints *d = p->d;
    measure_sentence(d, b, e, p->lang, s);
    s->anchor_begin = p->out->n_anchors;
    tme_status status =
        tme_fold(d->cp + b, e - b, d->text + d->off[b], d->off[e] - d->off[b], &p->folded, p->err);
    if (status == TME_OK)
        status = align_anchors(p, p->folded.cp, p->folded.n);
    s->anchor_end = p->out->n_anchors;
    return status;
}

static tme_status start(tme_features *out, tme_lang lang, size_t n_sentences, tme_error *err)
{
    memset(out, 0, sizeof *out);
    out->lang = lang;
    out->sentences = calloc(n_sentences ? n_sentences : 1, sizeof *out->sentences);
    if (out->sentences == NULL)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory for %zu sentences", n_sentences);
    return TME_OK;
}

static tme_status read_spans(const tme_codepoints *d, tme_lang lang, const tme_span *spans,
                             size_t n_spans, tme_features *out, tme_error *err)
{
    tme_status status = start(out, lang, n_spans, err);
    pass p = {d, lang, out, {NULL, 0, 0}, err};
    for (size_t k = 0; k < n_spans && status == TME_OK; k++) {
        tme_sentence_features *s = &out->sentences[k];
        s->span = spans[k];
        status = read_sentence(&p, tme_codepoints_at(d, spans[k].start),
                               tme_codepoints_at(d, spans[k].end), s);
        out->length += s->length;
        out->n_sentences = k + 1;
    }
    tme_cp_buffer_free(&p.folded);
    if (status != TME_OK)
        tme_features_free(out);
    return status;
}

tme_status tme_features_of_spans(const char *text, size_t len, tme_lang lang, const tme_span *spans,
                                 size_t n_spans, tme_features *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    tme_codepoints d;
    tme_status status = tme_codepoints_decode(text, len, &d, err);
    if (status == TME_OK)
        status = read_spans(&d, lang, spans, n_spans, out, err);
    tme_codepoints_free(&d);
    return status;
}

tme_status tme_features_of_sentences(const char *text, size_t len, tme_lang lang, tme_features *out,
                                     tme_error *err)
{
    memset(out, 0, sizeof *out);
    tme_codepoints d;
    tme_span *spans = NULL;
    size_t n_spans = 0;
    tme_status status = tme_codepoints_decode(text, len, &d, err);
    if (status == TME_OK)
        status = tme_segment_codepoints(&d, lang, &spans, &n_spans, err);
    if (status == TME_OK)
        status = read_spans(&d, lang, spans, n_spans, out, err);
    free(spans);
    tme_codepoints_free(&d);
    return status;
}

tme_status tme_features_of_paragraph(const char *text, size_t len, tme_lang lang, tme_features *out,
                                     tme_error *err)
{
    memset(out, 0, sizeof *out);
    tme_codepoints d;
    tme_status status = tme_codepoints_decode(text, len, &d, err);
    if (status == TME_OK)
        status = start(out, lang, 1, err);
    if (status == TME_OK) {
        pass p = {&d, lang, out, {NULL, 0, 0}, err};
        tme_sentence_features *s = &out->sentences[0];
        out->n_sentences = 1;
        s->span = (tme_span){0, len};
        if (lang == TME_LANG_ZH)
            measure_chinese_paragraph(&d, out);
        else
            measure_english_paragraph(&d, out);
        s->length = out->length;
        status = pairing_anchors(&p, d.cp, d.n);
        s->anchor_end = out->n_anchors;
        if (status != TME_OK)
            tme_features_free(out);
    }
    tme_codepoints_free(&d);
    return status;
}

void tme_features_free(tme_features *f)
{
    free(f->anchors);
    free(f->sentences);
    memset(f, 0, sizeof *f);
}
