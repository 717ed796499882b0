/* SPDX-License-Identifier: MIT */
/* Language-aware normalization of punctuation and whitespace.
 *
 * The text goes through a fixed pipeline: decode (invalid bytes become
 * U+FFFD) and drop controls and invisible format characters, map every space
 * to U+0020; convert full-width letters (and, for English, full-width
 * punctuation) to ASCII; NFC; collapse spaces; then the language's own steps
 * on an array of code points. Every step is linear.
 *
 * Idempotence is a design constraint, not a test afterthought: each step
 * decides from context that the later steps cannot change. Context is always
 * "the nearest character that is not a space and not something this step may
 * itself convert", so the later removal of spaces and the conversion of a
 * neighbouring mark never change a decision on the second pass. */
#include "normalize.h"

#include "charclass.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

typedef utf8proc_int32_t codepoint;

enum norm_kind {
    KIND_INVALID_UTF8,
    KIND_CONTROL_REMOVED,
    KIND_FORMAT_REMOVED,
    KIND_SPACE_CONVERTED,
    KIND_SPACE_COLLAPSED,
    KIND_SPACE_TRIMMED,
    KIND_NFC,
    KIND_FULLWIDTH_ALNUM,
    KIND_FULLWIDTH_PUNCT,
    KIND_ASCII_PUNCT,
    KIND_SPACE_BEFORE_PUNCT,
    KIND_SPACE_AFTER_PUNCT,
    KIND_QUOTES_STRAIGHTENED,
    KIND_QUOTES_CURLED,
    KIND_ELLIPSIS,
    KIND_DASH_DOUBLED,
    KIND_CJK_SPACE_REMOVED,
    KIND_CJK_SPACE_ADDED,
    KIND_COUNT
};

_Static_assert(KIND_COUNT <= TME_NORM_KIND_MAX, "tme_norm_stats has too few counters");

static const char *const kind_names[KIND_COUNT] = {
    [KIND_INVALID_UTF8] = "invalid-utf8",
    [KIND_CONTROL_REMOVED] = "control-removed",
    [KIND_FORMAT_REMOVED] = "format-removed",
    [KIND_SPACE_CONVERTED] = "space-converted",
    [KIND_SPACE_COLLAPSED] = "space-collapsed",
    [KIND_SPACE_TRIMMED] = "space-trimmed",
    [KIND_NFC] = "nfc",
    [KIND_FULLWIDTH_ALNUM] = "fullwidth-alnum",
    [KIND_FULLWIDTH_PUNCT] = "fullwidth-punct",
    [KIND_ASCII_PUNCT] = "ascii-punct",
    [KIND_SPACE_BEFORE_PUNCT] = "space-before-punct",
    [KIND_SPACE_AFTER_PUNCT] = "space-after-punct",
    [KIND_QUOTES_STRAIGHTENED] = "quotes-straightened",
    [KIND_QUOTES_CURLED] = "quotes-curled",
    [KIND_ELLIPSIS] = "ellipsis",
    [KIND_DASH_DOUBLED] = "dash-doubled",
    [KIND_CJK_SPACE_REMOVED] = "cjk-space-removed",
    [KIND_CJK_SPACE_ADDED] = "cjk-space-added",
};

const char *tme_norm_kind_name(size_t kind)
{
    return kind < KIND_COUNT ? kind_names[kind] : NULL;
}

static void count_change(tme_norm_stats *stats, enum norm_kind kind, size_t n)
{
    if (stats != NULL)
        stats->counts[kind] += n;
}

/* ---- Character classes ---------------------------------------------- */

#define CP_EM_DASH 0x2014
#define CP_ELLIPSIS 0x2026
#define CP_LEFT_DOUBLE_QUOTE 0x201C
#define CP_RIGHT_DOUBLE_QUOTE 0x201D
#define CP_FULLWIDTH_OFFSET 0xFEE0 /* U+FF01..U+FF5E minus ASCII 0x21..0x7E */

/* A predicate for mark_context(). */
static bool is_han(codepoint c)
{
    return tme_is_han(c);
}

/* Marks that exist only in CJK typography and carry their own spacing are
 * tme_is_cjk_punctuation(): the ideographic space it leaves out is a space
 * like any other by the time the steps below ask. These are also the marks
 * Chinese shares with English typography (curly quotes, em dash, ellipsis,
 * middle dot). */
static bool is_chinese_punct(codepoint c)
{
    return tme_is_cjk_punctuation(c) || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
           c == CP_EM_DASH || c == CP_ELLIPSIS || c == 0x00B7;
}

static bool is_chinese(codepoint c)
{
    return is_han(c) || is_chinese_punct(c);
}

/* After decode_and_clean() every space is U+0020. */
static bool is_blank(codepoint c)
{
    return c == ' ';
}

/* Cased letters and decimal digits: Latin, Greek, Cyrillic... but not Han,
 * kana or Hangul, which are uncased (Lo). */
static bool is_latin_or_digit(codepoint c)
{
    return tme_is_cased_letter(c) || tme_is_digit(c);
}

static bool is_letter_or_digit(codepoint c)
{
    return tme_is_letter(c) || tme_is_digit(c);
}

/* ---- Code point buffers ----------------------------------------------- */

typedef struct {
    codepoint *cp;
    size_t len;
} cp_text;

/* Every language step writes at most two code points per input code point. */
static bool reserve_output(cp_text *out, size_t in_len)
{
    if (in_len > (SIZE_MAX / sizeof(codepoint) - 1) / 2)
        return false;
    out->cp = malloc((2 * in_len + 1) * sizeof(codepoint));
    out->len = 0;
    return out->cp != NULL;
}

static void replace_text(cp_text *text, cp_text *next)
{
    free(text->cp);
    *text = *next;
}

/* For each position, bit 1 says whether the nearest character before it
 * that is neither a space nor transparent satisfies qualifies(); bit 2 the
 * same after it. */
enum { CONTEXT_BEFORE = 1, CONTEXT_AFTER = 2 };

static unsigned char *mark_context(const cp_text *text, bool (*transparent)(codepoint),
                                   bool (*qualifies)(codepoint))
{
    unsigned char *flags = calloc(text->len + 1, 1);
    if (flags == NULL)
        return NULL;
    bool last = false;
    for (size_t i = 0; i < text->len; i++) {
        if (last)
            flags[i] |= CONTEXT_BEFORE;
        codepoint c = text->cp[i];
        if (!is_blank(c) && !transparent(c))
            last = qualifies(c);
    }
    last = false;
    for (size_t i = text->len; i-- > 0;) {
        if (last)
            flags[i] |= CONTEXT_AFTER;
        codepoint c = text->cp[i];
        if (!is_blank(c) && !transparent(c))
            last = qualifies(c);
    }
    return flags;
}

/* ---- Both languages: byte cleaning, NFC, spaces ----------------------- */

/* Only these: other format characters (bidi controls, emoji tag sequences,
 * Arabic number signs) carry meaning. */
static bool is_invisible_format_char(codepoint c)
{
    return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

/* Blocks with no canonical decomposition and no character that composes
 * with a preceding one: ASCII and Latin-1, general punctuation from U+2002,
 * CJK punctuation without its combining tone marks, CJK Unified Ideographs
 * (not the compatibility ones, which decompose), full-width forms. Text made
 * only of these is already NFC: a quick check, as UAX #15's NFC_QC=Yes,
 * that spares almost every segment the round trip through utf8proc_map. */
static bool is_nfc_inert(codepoint c)
{
    return c < 0x300 || (c >= 0x2002 && c <= 0x206F) || (c >= 0x3000 && c <= 0x3029) ||
           (c >= 0x3030 && c <= 0x303F) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xFF01 && c <= 0xFF65) ||
           (c >= 0x20000 && c <= 0x2A6DF);
}

/* What decode_and_clean() keeps of c: U+0020 for any space, the ASCII
 * letter or digit for a full-width one (a per-character map, so it is done
 * here rather than in a pass of its own), c itself, or -1 when c goes. */
static codepoint cleaned_code_point(codepoint c, tme_norm_stats *stats)
{
    if (c > 0x20 && c < 0x7F) /* printable ASCII: none of the cases below */
        return c;
    if (is_invisible_format_char(c)) {
        count_change(stats, KIND_FORMAT_REMOVED, 1);
        return -1;
    }
    if (tme_is_space(c)) {
        /* Line breaks inside a segment separate words, so they become
         * spaces rather than vanishing with the other controls. */
        if (c != ' ')
            count_change(stats, KIND_SPACE_CONVERTED, 1);
        return ' ';
    }
    if (tme_category(c) == UTF8PROC_CATEGORY_CC) {
        count_change(stats, KIND_CONTROL_REMOVED, 1);
        return -1;
    }
    if (tme_is_fullwidth_alnum(c)) {
        count_change(stats, KIND_FULLWIDTH_ALNUM, 1);
        return c - CP_FULLWIDTH_OFFSET;
    }
    return c;
}

/* The code points of text, with invalid bytes as U+FFFD, without controls or
 * invisible characters, every space-like character as U+0020 and full-width
 * letters and digits as ASCII. *inert says whether every one is
 * is_nfc_inert(): the later steps only put inert characters in place of
 * inert ones and only remove spaces, so it stays true of their output and
 * no pass of its own has to ask again. */
static bool decode_and_clean(const char *text, size_t len, cp_text *out, bool *inert,
                             tme_norm_stats *stats)
{
    out->len = 0;
    *inert = true;
    if (len > SIZE_MAX / sizeof(codepoint) - 1)
        return false;
    out->cp = malloc((len + 1) * sizeof(codepoint));
    if (out->cp == NULL)
        return false;
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        codepoint c;
        size_t remaining = len - i;
        utf8proc_ssize_t step =
            tme_iterate(p + i, remaining > 4 ? 4 : (utf8proc_ssize_t)remaining, &c);
        if (step <= 0) {
            out->cp[out->len++] = 0xFFFD;
            *inert = false; /* U+FFFD is outside is_nfc_inert()'s blocks */
            count_change(stats, KIND_INVALID_UTF8, 1);
            i++;
            continue;
        }
        i += (size_t)step;
        c = cleaned_code_point(c, stats);
        if (c >= 0) {
            out->cp[out->len++] = c;
            *inert = *inert && is_nfc_inert(c);
        }
    }
    return true;
}

/* utf8proc_encode_char() with the Basic Multilingual Plane inline (the
 * same bytes: it too writes every code point below U+10000, U+FFFE and
 * U+FFFF included, in one to three bytes): a call per character showed in
 * the profile. The code points here are never negative. */
static size_t put_utf8(codepoint c, unsigned char *dst)
{
    if (c < 0x80) {
        dst[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        dst[0] = (unsigned char)(0xC0 | (c >> 6));
        dst[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        dst[0] = (unsigned char)(0xE0 | (c >> 12));
        dst[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        dst[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    return (size_t)utf8proc_encode_char(c, dst);
}

static unsigned char *encode_utf8(const cp_text *text, size_t *out_len)
{
    if (text->len > (SIZE_MAX - 1) / 4)
        return NULL;
    unsigned char *out = malloc(4 * text->len + 1);
    if (out == NULL)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < text->len; i++)
        n += put_utf8(text->cp[i], out + n);
    out[n] = '\0';
    *out_len = n;
    return out;
}

/* NFC of valid UTF-8 (malloc'd); counts one change per text NFC altered. */
static unsigned char *compose_nfc(const unsigned char *utf8, size_t len, size_t *out_len,
                                  tme_norm_stats *stats)
{
    if (len > (size_t)(SIZE_MAX / 2 / sizeof(codepoint)))
        return NULL;
    unsigned char *out = NULL;
    utf8proc_ssize_t n =
        utf8proc_map(utf8, (utf8proc_ssize_t)len, &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0)
        return NULL;
    if ((size_t)n != len || memcmp(out, utf8, len) != 0)
        count_change(stats, KIND_NFC, 1);
    *out_len = (size_t)n;
    return out;
}

static bool decode_utf8(const unsigned char *utf8, size_t len, cp_text *text, bool *inert)
{
    text->cp = malloc((len + 1) * sizeof(codepoint));
    text->len = 0;
    *inert = true;
    if (text->cp == NULL)
        return false;
    size_t i = 0;
    while (i < len) {
        codepoint c;
        utf8proc_ssize_t step = tme_iterate(utf8 + i, (utf8proc_ssize_t)(len - i), &c);
        if (step <= 0) { /* utf8proc_map only returns valid UTF-8; stay total */
            c = 0xFFFD;
            step = 1;
        }
        text->cp[text->len++] = c;
        *inert = *inert && is_nfc_inert(c);
        i += (size_t)step;
    }
    return true;
}

/* *inert is decode_and_clean()'s answer, and on return the composed
 * text's. */
static bool compose_text_nfc(cp_text *text, bool *inert, tme_norm_stats *stats)
{
    if (*inert)
        return true;
    size_t utf8_len = 0, nfc_len = 0;
    unsigned char *utf8 = encode_utf8(text, &utf8_len);
    if (utf8 == NULL)
        return false;
    unsigned char *nfc = compose_nfc(utf8, utf8_len, &nfc_len, stats);
    free(utf8);
    if (nfc == NULL)
        return false;
    cp_text composed;
    bool ok = decode_utf8(nfc, nfc_len, &composed, inert);
    free(nfc);
    if (ok)
        replace_text(text, &composed);
    return ok;
}

static void collapse_spaces(cp_text *text, tme_norm_stats *stats)
{
    size_t n = 0;
    size_t leading = 0;
    while (leading < text->len && is_blank(text->cp[leading]))
        leading++;
    count_change(stats, KIND_SPACE_TRIMMED, leading);
    for (size_t i = leading; i < text->len; i++) {
        if (is_blank(text->cp[i]) && n > 0 && is_blank(text->cp[n - 1])) {
            count_change(stats, KIND_SPACE_COLLAPSED, 1);
            continue;
        }
        text->cp[n++] = text->cp[i];
    }
    if (n > 0 && is_blank(text->cp[n - 1])) {
        n--;
        count_change(stats, KIND_SPACE_TRIMMED, 1);
    }
    text->len = n;
}

/* ---- English ----------------------------------------------------------- */

/* ASCII for a full-width form or the Chinese full stop and enumeration
 * comma; 0 when c has none. */
static codepoint ascii_counterpart(codepoint c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        return c - CP_FULLWIDTH_OFFSET;
    if (c == 0x3002)
        return '.';
    if (c == 0x3001)
        return ',';
    return 0;
}

static bool is_cjk_punct_with_ascii_form(codepoint c)
{
    codepoint a = ascii_counterpart(c);
    return a != 0 && !tme_is_ascii_alnum(a);
}

/* The Chinese marks whose full width stood in for the space English puts
 * after , . ; : ! ? (U+FF0E is left out: it also appears inside numbers and
 * domain names). */
static bool leaves_space_after(codepoint c)
{
    return c == 0xFF0C || c == 0x3002 || c == 0x3001 || c == 0xFF1A || c == 0xFF1B || c == 0xFF1F ||
           c == 0xFF01;
}

static codepoint straight_quote(codepoint c)
{
    if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F)
        return '"';
    if (c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B)
        return '\'';
    return 0;
}

/* Chinese punctuation becomes ASCII unless it sits next to Han, where it
 * belongs to quoted Chinese. Full-width letters are ASCII already. */
static bool english_to_ascii(const cp_text *in, cp_text *out, const tme_norm_options *options,
                             tme_norm_stats *stats)
{
    unsigned char *context = mark_context(in, is_cjk_punct_with_ascii_form, is_han);
    if (context == NULL || !reserve_output(out, in->len)) {
        free(context);
        return false;
    }
    for (size_t i = 0; i < in->len; i++) {
        codepoint c = in->cp[i];
        if (is_cjk_punct_with_ascii_form(c) && context[i] == 0) {
            out->cp[out->len++] = ascii_counterpart(c);
            count_change(stats, KIND_ASCII_PUNCT, 1);
            if (leaves_space_after(c) && i + 1 < in->len && tme_is_cased_letter(in->cp[i + 1])) {
                out->cp[out->len++] = ' ';
                count_change(stats, KIND_SPACE_AFTER_PUNCT, 1);
            }
        } else if (options->ascii_quotes && straight_quote(c) != 0) {
            out->cp[out->len++] = straight_quote(c);
            count_change(stats, KIND_QUOTES_STRAIGHTENED, 1);
        } else {
            out->cp[out->len++] = c;
        }
    }
    free(context);
    return true;
}

static bool is_space_sensitive_punct(codepoint c)
{
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

/* A mark followed by a letter or digit starts a token (.5, .NET, :30), so
 * the space before it stays. */
static bool english_remove_space_before_punct(const cp_text *in, cp_text *out,
                                              tme_norm_stats *stats)
{
    if (!reserve_output(out, in->len))
        return false;
    for (size_t i = 0; i < in->len; i++) {
        if (is_blank(in->cp[i]) && i + 1 < in->len && is_space_sensitive_punct(in->cp[i + 1]) &&
            !(i + 2 < in->len && is_letter_or_digit(in->cp[i + 2]))) {
            count_change(stats, KIND_SPACE_BEFORE_PUNCT, 1);
            continue;
        }
        out->cp[out->len++] = in->cp[i];
    }
    return true;
}

/* ---- Chinese ----------------------------------------------------------- */

/* Three or more ASCII dots, or a lone U+2026, become the two-em ellipsis. */
static bool chinese_ellipsis(const cp_text *in, cp_text *out, tme_norm_stats *stats)
{
    if (!reserve_output(out, in->len))
        return false;
    size_t i = 0;
    while (i < in->len) {
        codepoint c = in->cp[i];
        size_t run = 1;
        if (c == '.') {
            while (i + run < in->len && in->cp[i + run] == '.')
                run++;
        }
        bool dots = c == '.' && run >= 3;
        bool lone = c == CP_ELLIPSIS && (i == 0 || in->cp[i - 1] != CP_ELLIPSIS) &&
                    (i + 1 == in->len || in->cp[i + 1] != CP_ELLIPSIS);
        if (dots || lone) {
            out->cp[out->len++] = CP_ELLIPSIS;
            out->cp[out->len++] = CP_ELLIPSIS;
            count_change(stats, KIND_ELLIPSIS, 1);
        } else {
            for (size_t k = 0; k < run; k++)
                out->cp[out->len++] = c;
        }
        i += run;
    }
    return true;
}

static bool is_space_or_punctuation(codepoint c)
{
    return is_blank(c) || tme_is_punctuation(c);
}

/* Straight double quotes pair up in order; a pair becomes “” when it
 * encloses Han or the nearest word outside it is Han. Punctuation is looked
 * through because a later step turns ASCII marks into full-width ones. */
static bool chinese_curl_quotes(cp_text *text, tme_norm_stats *stats)
{
    unsigned char *context = mark_context(text, is_space_or_punctuation, is_han);
    if (context == NULL)
        return false;
    size_t open = 0;
    bool is_open = false, han_inside = false;
    for (size_t i = 0; i < text->len; i++) {
        codepoint c = text->cp[i];
        if (c != '"') {
            han_inside = han_inside || is_han(c);
            continue;
        }
        if (!is_open) {
            open = i;
            is_open = true;
            han_inside = false;
            continue;
        }
        is_open = false;
        if (han_inside || (context[open] & CONTEXT_BEFORE) || (context[i] & CONTEXT_AFTER)) {
            text->cp[open] = CP_LEFT_DOUBLE_QUOTE;
            text->cp[i] = CP_RIGHT_DOUBLE_QUOTE;
            count_change(stats, KIND_QUOTES_CURLED, 2);
        }
    }
    free(context);
    return true;
}

static bool is_ascii_bracket(codepoint c)
{
    return c == '(' || c == ')';
}

static bool is_bracket(codepoint c)
{
    return is_ascii_bracket(c) || c == 0xFF08 || c == 0xFF09;
}

static bool is_convertible_mark(codepoint c)
{
    return c == ',' || c == '!' || c == '?' || c == ':' || c == ';';
}

/* Brackets are looked through as well, so that converting a pair never
 * changes the context of a neighbouring comma. */
static bool is_transparent_for_fullwidth(codepoint c)
{
    return is_convertible_mark(c) || is_bracket(c);
}

static void make_fullwidth(codepoint *c, tme_norm_stats *stats)
{
    if (*c < 0x80) {
        *c += CP_FULLWIDTH_OFFSET;
        count_change(stats, KIND_FULLWIDTH_PUNCT, 1);
    }
}

/* An opening bracket glued to a Latin word or number is a call or a formula
 * (f(x), print(...)) rather than a Chinese aside. */
static bool is_glued_bracket(const cp_text *text, size_t open)
{
    return open > 0 && is_letter_or_digit(text->cp[open - 1]) && !is_han(text->cp[open - 1]);
}

/* Whether a pair of ASCII brackets becomes full-width. A spaced or Chinese
 * aside converts when either end touches Chinese ("Interface (CRI) 的"); a
 * glued one only when both do. */
static bool bracket_pair_converts(const cp_text *text, const unsigned char *context, size_t open,
                                  size_t close)
{
    if (!is_ascii_bracket(text->cp[open]) || !is_ascii_bracket(text->cp[close]))
        return true;
    /* An empty pair glued to a word is a call ("issubclass() 判斷"),
     * whatever surrounds it. */
    if (is_glued_bracket(text, open))
        return close > open + 1 && context[open] && context[close];
    return context[open] || context[close];
}

/* ASCII , ! ? : ; ( ) next to Chinese become full-width. Between digits or
 * Latin letters neither neighbour is Chinese, so 2,000 and "OpenAI, Google"
 * stay. Brackets convert as matched pairs (see bracket_pair_converts); a
 * pair whose other end is already full-width always does. */
static bool chinese_fullwidth_punct(cp_text *text, tme_norm_stats *stats)
{
    unsigned char *context = mark_context(text, is_transparent_for_fullwidth, is_chinese);
    size_t *open_brackets = malloc((text->len + 1) * sizeof(size_t));
    if (context == NULL || open_brackets == NULL) {
        free(context);
        free(open_brackets);
        return false;
    }
    size_t depth = 0;
    for (size_t i = 0; i < text->len; i++) {
        codepoint *c = &text->cp[i];
        if (is_convertible_mark(*c)) {
            if (context[i])
                make_fullwidth(c, stats);
        } else if (*c == '(' || *c == 0xFF08) {
            open_brackets[depth++] = i;
        } else if (*c == ')' || *c == 0xFF09) {
            if (depth == 0) {
                if (context[i])
                    make_fullwidth(c, stats);
                continue;
            }
            size_t open = open_brackets[--depth];
            if (bracket_pair_converts(text, context, open, i)) {
                make_fullwidth(&text->cp[open], stats);
                make_fullwidth(c, stats);
            }
        }
    }
    while (depth > 0) {
        size_t i = open_brackets[--depth];
        if (context[i])
            make_fullwidth(&text->cp[i], stats);
    }
    free(open_brackets);
    free(context);
    return true;
}

/* Spaces are single here, so the nearest non-space is one or two away. */
static codepoint nonspace_before(const cp_text *text, size_t i)
{
    while (i > 0) {
        if (!is_blank(text->cp[--i]))
            return text->cp[i];
    }
    return 0;
}

static codepoint nonspace_after(const cp_text *text, size_t i)
{
    while (++i < text->len) {
        if (!is_blank(text->cp[i]))
            return text->cp[i];
    }
    return 0;
}

static bool is_chinese_not_dash(codepoint c)
{
    return is_chinese(c) && c != CP_EM_DASH;
}

static bool chinese_double_dash(const cp_text *in, cp_text *out, tme_norm_stats *stats)
{
    if (!reserve_output(out, in->len))
        return false;
    for (size_t i = 0; i < in->len; i++) {
        codepoint c = in->cp[i];
        out->cp[out->len++] = c;
        if (c == CP_EM_DASH && (i == 0 || in->cp[i - 1] != CP_EM_DASH) &&
            (i + 1 == in->len || in->cp[i + 1] != CP_EM_DASH) &&
            is_chinese_not_dash(nonspace_before(in, i)) &&
            is_chinese_not_dash(nonspace_after(in, i))) {
            out->cp[out->len++] = CP_EM_DASH;
            count_change(stats, KIND_DASH_DOUBLED, 1);
        }
    }
    return true;
}

static bool is_han_latin_boundary(codepoint left, codepoint right)
{
    return (is_han(left) && is_latin_or_digit(right)) || (is_latin_or_digit(left) && is_han(right));
}

/* Chinese sets no spaces between its own characters, and full-width marks
 * carry their own spacing; whether Latin words get a space from Han is a
 * house style (options->cjk_space). */
static bool chinese_space_is_superfluous(codepoint left, codepoint right, tme_cjk_space mode)
{
    if (is_chinese(left) && is_chinese(right))
        return true;
    if (tme_is_cjk_punctuation(left) || tme_is_cjk_punctuation(right))
        return true;
    return mode == TME_CJK_SPACE_REMOVE && is_han_latin_boundary(left, right);
}

static bool chinese_spaces(const cp_text *in, cp_text *out, tme_cjk_space mode,
                           tme_norm_stats *stats)
{
    if (!reserve_output(out, in->len))
        return false;
    for (size_t i = 0; i < in->len; i++) {
        codepoint c = in->cp[i];
        if (is_blank(c) && i > 0 && i + 1 < in->len &&
            chinese_space_is_superfluous(in->cp[i - 1], in->cp[i + 1], mode)) {
            count_change(stats, KIND_CJK_SPACE_REMOVED, 1);
            continue;
        }
        out->cp[out->len++] = c;
        if (mode == TME_CJK_SPACE_ADD && i + 1 < in->len &&
            is_han_latin_boundary(c, in->cp[i + 1])) {
            out->cp[out->len++] = ' ';
            count_change(stats, KIND_CJK_SPACE_ADDED, 1);
        }
    }
    return true;
}

/* The order matters for idempotence: marks that become Chinese punctuation
 * (ellipsis, curled quotes) do so before the full-width step reads them as
 * context, and the dash and space steps only read what that step leaves. */
static bool normalize_chinese(cp_text *text, const tme_norm_options *options, tme_norm_stats *stats)
{
    cp_text next;
    if (!chinese_ellipsis(text, &next, stats))
        return false;
    replace_text(text, &next);
    if (!chinese_curl_quotes(text, stats) || !chinese_fullwidth_punct(text, stats))
        return false;
    if (!chinese_double_dash(text, &next, stats))
        return false;
    replace_text(text, &next);
    if (!chinese_spaces(text, &next, options->cjk_space, stats))
        return false;
    replace_text(text, &next);
    return true;
}

/* ---- Pipeline ---------------------------------------------------------- */

/* Conversions that may put an ASCII letter or <, =, > before a combining
 * mark (full-width A + U+0301) run before NFC, which then composes them;
 * the steps after NFC never create a composable sequence. Full-width
 * letters and digits are converted as they are decoded. */
static bool convert_before_nfc(cp_text *text, tme_lang lang, const tme_norm_options *options,
                               tme_norm_stats *stats)
{
    if (lang != TME_LANG_EN)
        return true;
    cp_text next;
    if (!english_to_ascii(text, &next, options, stats))
        return false;
    replace_text(text, &next);
    return true;
}

static bool normalize_english(cp_text *text, tme_norm_stats *stats)
{
    cp_text next;
    if (!english_remove_space_before_punct(text, &next, stats))
        return false;
    replace_text(text, &next);
    return true;
}

/* ---- Fixed points ------------------------------------------------------- */

/* Most segments of an ordinary article are normalized already. One pass
 * proves that no step above would change text (same conditions, read from
 * the input instead of from each step's output, which equals the input as
 * long as nothing changed) and copies it; anything doubtful, including
 * every text a step would touch, takes the full pipeline. */
typedef struct {
    tme_lang lang;
    const tme_norm_options *options;
    codepoint prev;       /* 0 at the start */
    bool prev_is_space;   /* a space waits for its right neighbour */
    codepoint space_left; /* the character before that space */
    bool needs_alnum;     /* English: " ," must be followed by a letter or digit */
    bool lone_ellipsis;   /* Chinese: U+2026 not preceded by U+2026 */
    bool lone_dash;       /* Chinese: U+2014 not preceded by U+2014 */
    unsigned dots;        /* Chinese: ASCII dots in a row */
} fixed_point_scan;

/* A character seen waits for the next to be judged. */
static bool scan_is_pending(const fixed_point_scan *s)
{
    return s->prev_is_space || s->needs_alnum || s->lone_ellipsis || s->lone_dash;
}

/* Whether the characters before c can stay as they are once c follows. */
static bool resolve_pending(fixed_point_scan *s, codepoint c)
{
    if (s->needs_alnum && !is_letter_or_digit(c))
        return false;
    s->needs_alnum = false;
    if (s->lone_ellipsis && c != CP_ELLIPSIS)
        return false;
    if (s->lone_dash && c != CP_EM_DASH)
        return false;
    s->lone_ellipsis = s->lone_dash = false;
    if (s->prev_is_space && s->lang == TME_LANG_ZH &&
        chinese_space_is_superfluous(s->space_left, c, s->options->cjk_space))
        return false;
    return true;
}

static bool english_keeps(fixed_point_scan *s, codepoint c)
{
    if (is_cjk_punct_with_ascii_form(c) || (s->options->ascii_quotes && straight_quote(c) != 0))
        return false;
    if (s->prev_is_space && is_space_sensitive_punct(c))
        s->needs_alnum = true;
    return true;
}

static bool chinese_keeps(fixed_point_scan *s, codepoint c)
{
    s->dots = c == '.' ? s->dots + 1 : 0;
    if (s->dots >= 3 || c == '"' || is_convertible_mark(c) || is_ascii_bracket(c))
        return false;
    if (s->options->cjk_space == TME_CJK_SPACE_ADD && is_han_latin_boundary(s->prev, c))
        return false;
    if (c == CP_ELLIPSIS && s->prev != CP_ELLIPSIS)
        s->lone_ellipsis = true;
    if (c == CP_EM_DASH && s->prev != CP_EM_DASH)
        s->lone_dash = true;
    return true;
}

/* One character of the scan: false when the pipeline might change the text. */
static bool scan_keeps(fixed_point_scan *s, codepoint c)
{
    if (is_blank(c)) {
        if (s->prev == 0 || s->prev_is_space || !resolve_pending(s, c))
            return false;
        s->prev_is_space = true;
        s->space_left = s->prev;
        s->prev = c;
        return true;
    }
    bool printable_ascii = c > 0x20 && c < 0x7F;
    if (!printable_ascii &&
        (c < 0x20 || c == 0x7F || !is_nfc_inert(c) || is_invisible_format_char(c) ||
         tme_is_space(c) || tme_category(c) == UTF8PROC_CATEGORY_CC || tme_is_fullwidth_alnum(c)))
        return false;
    if (scan_is_pending(s) && !resolve_pending(s, c))
        return false;
    bool keeps = s->lang == TME_LANG_ZH ? chinese_keeps(s, c) : english_keeps(s, c);
    s->prev_is_space = false;
    s->prev = c;
    return keeps;
}

/* ASCII marks no step touches where they stand, with nothing pending:
 * English keeps every printable ASCII character (it converts only Chinese
 * and full-width marks, and a space before , . ; : ! ? is judged at the
 * space); Chinese converts " , ! ? : ; ( ) and three dots, so those stay in
 * the slow scan, and a dot only passes when neither neighbour is a dot (the
 * scan's count of dots then restarts at 0 either way). */
static bool is_plain_ascii_mark(const unsigned char *p, size_t i, size_t len, tme_lang lang)
{
    unsigned char b = p[i];
    if (b <= 0x20 || b >= 0x7F)
        return false;
    if (lang != TME_LANG_ZH)
        return true;
    if (b == '.')
        return (i == 0 || p[i - 1] != '.') && (i + 1 == len || p[i + 1] != '.');
    return b != '"' && !is_ascii_bracket(b) && !is_convertible_mark(b); /* as chinese_keeps */
}

/* A single space between two plain ASCII characters: no step removes it
 * (neither neighbour is Chinese, so Chinese keeps it in every mode but add,
 * which takes no runs) and English keeps it unless a mark it would take
 * away follows. */
static bool is_plain_space(const unsigned char *p, size_t i, size_t len, tme_lang lang,
                           codepoint last)
{
    if (p[i] != ' ' || last <= 0x20 || last >= 0x7F || i + 1 == len ||
        !is_plain_ascii_mark(p, i + 1, len, lang))
        return false;
    return lang == TME_LANG_ZH || !is_space_sensitive_punct(p[i + 1]);
}

/* Where the run of plain characters at p[i] ends: printable ASCII but for
 * the marks is_plain_ascii_mark() leaves out, single spaces between them,
 * and CJK Unified Ideographs (U+4E00-U+9FFF), most of any segment. With
 * nothing pending, no step touches one of them (each is printable, NFC
 * inert, no mark to convert; English and Chinese keep it), and nothing is
 * pending after one, so the scan passes them as they come, remembering only
 * the last (*last). Not with --cjk-space add, where a letter after Han is a
 * change. */
static size_t plain_run_end(const unsigned char *p, size_t i, size_t len, tme_lang lang,
                            codepoint *last)
{
    while (i < len) {
        unsigned char b = p[i];
        if (b < 0x80) {
            /* Letters and digits first: most of the bytes. */
            if (!tme_is_ascii_alnum(b)) {
                if (is_plain_space(p, i, len, lang, *last))
                    b = p[++i]; /* taken with the character after it */
                else if (!is_plain_ascii_mark(p, i, len, lang))
                    break;
            }
            *last = b;
            i++;
            continue;
        }
        /* Lead bytes 0xE4-0xE9 are U+4000-U+9FFF. */
        if (b < 0xE4 || b > 0xE9 || len - i < 3 || (p[i + 1] & 0xC0) != 0x80 ||
            (p[i + 2] & 0xC0) != 0x80)
            break;
        codepoint c = (b & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
        if (c < 0x4E00)
            break;
        *last = c;
        i += 3;
    }
    return i;
}

/* A copy of text (which is byte for byte what the pipeline would return:
 * every character was decoded from valid UTF-8 and re-encodes to the same
 * bytes) when normalization leaves it unchanged, else NULL. */
static char *copy_if_fixed_point(const char *text, size_t len, tme_lang lang,
                                 const tme_norm_options *options)
{
    if (len > SIZE_MAX - 1)
        return NULL;
    fixed_point_scan s = {lang, options, 0, false, 0, false, false, false, 0};
    bool runs = lang != TME_LANG_ZH || options->cjk_space != TME_CJK_SPACE_ADD;
    const unsigned char *p = (const unsigned char *)text;
    size_t i = 0;
    bool keeps = true;
    while (i < len && keeps) {
        if (runs && !scan_is_pending(&s)) {
            size_t end = plain_run_end(p, i, len, lang, &s.prev);
            if (end > i) {
                i = end;
                s.dots = 0;
                continue;
            }
        }
        codepoint c;
        size_t remaining = len - i;
        utf8proc_ssize_t step =
            tme_iterate(p + i, remaining > 4 ? 4 : (utf8proc_ssize_t)remaining, &c);
        if (step <= 0 || c == 0)
            break;
        i += (size_t)step;
        keeps = scan_keeps(&s, c);
    }
    if (i < len || !keeps || scan_is_pending(&s))
        return NULL;
    char *out = malloc(len + 1);
    if (out != NULL) {
        memcpy(out, text, len);
        out[len] = '\0';
    }
    return out;
}

/* The whole pipeline on text that is not a fixed point; NULL when out of
 * memory. */
static char *run_pipeline(const char *text, size_t len, tme_lang lang,
                          const tme_norm_options *options, tme_norm_stats *stats)
{
    cp_text cps = {NULL, 0};
    bool inert = true;
    bool ok = decode_and_clean(text, len, &cps, &inert, stats) &&
              convert_before_nfc(&cps, lang, options, stats) &&
              compose_text_nfc(&cps, &inert, stats);
    if (ok) {
        collapse_spaces(&cps, stats);
        ok = lang == TME_LANG_ZH ? normalize_chinese(&cps, options, stats)
                                 : normalize_english(&cps, stats);
    }
    size_t utf8_len = 0, nfc_len = 0;
    unsigned char *utf8 = ok ? encode_utf8(&cps, &utf8_len) : NULL;
    free(cps.cp);
    if (utf8 == NULL || inert)
        return (char *)utf8;
    /* A guard: the text is composed already, so this changes nothing. */
    unsigned char *result = compose_nfc(utf8, utf8_len, &nfc_len, stats);
    free(utf8);
    return (char *)result;
}

tme_status tme_normalize_checked(const char *text, size_t len, tme_lang lang,
                                 const tme_norm_options *options, tme_norm_stats *stats, char **out,
                                 int *xml_legal, tme_error *err)
{
    static const tme_norm_options defaults = {0, TME_CJK_SPACE_KEEP};
    if (options == NULL)
        options = &defaults;
    if (text == NULL) {
        text = "";
        len = 0;
    }
    *out = copy_if_fixed_point(text, len, lang, options);
    if (xml_legal != NULL)
        *xml_legal = *out != NULL;
    if (*out == NULL)
        *out = run_pipeline(text, len, lang, options, stats);
    if (*out == NULL)
        return tme_error_set(err, TME_ERR_NOMEM, "out of memory normalizing a segment of %zu bytes",
                             len);
    return TME_OK;
}

tme_status tme_normalize(const char *text, size_t len, tme_lang lang,
                         const tme_norm_options *options, tme_norm_stats *stats, char **out,
                         tme_error *err)
{
    return tme_normalize_checked(text, len, lang, options, stats, out, NULL, err);
}
