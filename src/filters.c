/* SPDX-License-Identifier: MIT */
#include "filters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "charclass.h"
#include "options.h"

/* Chinese length units per English non-space character (pairing's and the
 * aligner's calibration), and what a Latin letter or digit inside Chinese
 * weighs: it is copied from the English, not translated. */
#define CHINESE_PER_ENGLISH 0.33
#define LATIN_IN_CHINESE 0.3
#define MAX_REPEAT_UNIT 4

static const char *const names[TME_FILTER_COUNT] = {
    [TME_FILTER_LENGTH] = "length",       [TME_FILTER_RATIO] = "ratio",
    [TME_FILTER_IDENTICAL] = "identical", [TME_FILTER_SCRIPT] = "script",
    [TME_FILTER_DIGITS] = "digits",       [TME_FILTER_URL] = "url",
    [TME_FILTER_REPEAT] = "repeat",       [TME_FILTER_CHARS] = "chars",
};

const char *tme_filter_name(tme_filter_kind kind)
{
    return kind < TME_FILTER_COUNT ? names[kind] : "none";
}

void tme_filters_init(tme_filters *f)
{
    memset(f, 0, sizeof *f);
    f->en_words_min = 1;
    f->en_words_max = 100;
    f->zh_chars_min = 3;
    f->zh_chars_max = 300;
    f->side_chars_max = 1023;
    f->ratio_max = 3;
    f->script_min = 0.75;
    f->digits_max = 0.5;
    f->repeat_max = 5;
    f->chars_max = 2000;
    f->min_score = -1;
}

/* ---- parsing ----------------------------------------------------------- */

/* "1-100/3-300": English words, then Chinese characters. */
static int parse_lengths(tme_filters *f, const char *value)
{
    unsigned long a, b, c, d;
    char tail;
    int n = sscanf(value, "%lu-%lu/%lu-%lu%c", &a, &b, &c, &d, &tail);
    if ((n != 4 && n != 2) || (n == 2 && strchr(value, '/') != NULL) || a > b || (n == 4 && c > d))
        return -1;
    f->en_words_min = a;
    f->en_words_max = b;
    if (n == 4) {
        f->zh_chars_min = c;
        f->zh_chars_max = d;
    }
    return 0;
}

static int set_value(tme_filters *f, tme_filter_kind kind, const char *value)
{
    double v;
    switch (kind) {
    case TME_FILTER_LENGTH:
        return parse_lengths(f, value);
    case TME_FILTER_RATIO:
        return tme_parse_number(value, 1, 1000, &f->ratio_max);
    case TME_FILTER_SCRIPT:
        return tme_parse_number(value, 0, 1, &f->script_min);
    case TME_FILTER_DIGITS:
        return tme_parse_number(value, 0, 1, &f->digits_max);
    case TME_FILTER_REPEAT:
        if (tme_parse_number(value, 2, 1000, &v) != 0 || v != (size_t)v)
            return -1;
        f->repeat_max = (size_t)v;
        return 0;
    case TME_FILTER_CHARS:
        if (tme_parse_number(value, 1, 1e9, &v) != 0 || v != (size_t)v)
            return -1;
        f->chars_max = (size_t)v;
        return 0;
    default:
        return -1; /* identical and url take no value */
    }
}

static tme_status parse_one(tme_filters *f, const char *item, size_t len, tme_error *err)
{
    char spec[256];
    snprintf(spec, sizeof spec, "%.*s", (int)len, item);
    char *eq = strchr(spec, '=');
    const char *value = eq ? eq + 1 : NULL;
    if (eq != NULL)
        *eq = '\0';
    if (strcmp(spec, "training") == 0 && value == NULL) {
        for (int k = 0; k < TME_FILTER_COUNT; k++)
            f->on[k] = k != TME_FILTER_CHARS;
        return TME_OK;
    }
    if (strcmp(spec, "score") == 0) {
        if (value == NULL || tme_parse_number(value, 0, 1, &f->min_score) != 0)
            return tme_error_set(err, TME_ERR_USAGE, "--filter score wants =X in [0,1]");
        return TME_OK;
    }
    for (int k = 0; k < TME_FILTER_COUNT; k++) {
        if (strcmp(spec, names[k]) != 0)
            continue;
        if (value != NULL && set_value(f, (tme_filter_kind)k, value) != 0)
            return tme_error_set(err, TME_ERR_USAGE, "--filter %s: bad value '%s'", spec, value);
        f->on[k] = 1;
        return TME_OK;
    }
    return tme_error_set(err, TME_ERR_USAGE,
                         "--filter wants training, length[=1-100/3-300], ratio[=3], identical, "
                         "script[=0.75], digits[=0.5], url, repeat[=5], chars[=2000] or score=X; "
                         "not '%s'",
                         spec);
}

tme_status tme_filters_parse(tme_filters *f, const char *spec, tme_error *err)
{
    const char *p = spec;
    while (*p != '\0') {
        size_t len = strcspn(p, ", ");
        if (len > 0 && parse_one(f, p, len, err) != TME_OK)
            return err->status;
        p += len;
        p += strspn(p, ", ");
    }
    return TME_OK;
}

/* ---- measuring a side -------------------------------------------------- */

typedef struct {
    size_t chars;     /* code points, spaces included */
    size_t non_space; /* code points that are not spaces */
    size_t words;     /* runs between spaces */
    size_t han, latin, other_letters, digits, latin_words;
    double chinese_units; /* Han and the rest count 1, Latin letters and digits 0.3 */
} measure;

static void measure_side(const char *text, measure *m)
{
    memset(m, 0, sizeof *m);
    size_t len = strlen(text), i = 0;
    int in_word = 0, in_latin = 0;
    utf8proc_int32_t cp;
    while (i < len && tme_next_code_point(text, len, &i, &cp)) {
        m->chars++;
        if (tme_is_space(cp)) {
            in_word = in_latin = 0;
            continue;
        }
        m->non_space++;
        m->words += !in_word;
        in_word = 1;
        int latin = cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : 0;
        int digit = cp >= '0' && cp <= '9';
        utf8proc_category_t cat = tme_category(cp);
        int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        if (tme_is_han(cp))
            m->han++;
        else if (latin || (letter && cp >= 0xC0 && cp <= 0x24F))
            m->latin++;
        else if (letter)
            m->other_letters++;
        m->digits += digit;
        m->latin_words += (latin || digit) && !in_latin && latin;
        in_latin = latin || digit;
        m->chinese_units += latin || digit ? LATIN_IN_CHINESE : 1.0;
    }
}

/* ---- the filters ----------------------------------------------------------- */

static int fails_length(const tme_filters *f, const measure *en, const measure *zh)
{
    return en->words < f->en_words_min || en->words > f->en_words_max ||
           zh->non_space < f->zh_chars_min || zh->non_space > f->zh_chars_max ||
           en->chars > f->side_chars_max || zh->chars > f->side_chars_max;
}

static int fails_ratio(const tme_filters *f, const measure *en, const measure *zh)
{
    double expected = CHINESE_PER_ENGLISH * (double)en->non_space, got = zh->chinese_units;
    if (expected <= 0 || got <= 0)
        return 1;
    return got / expected > f->ratio_max || expected / got > f->ratio_max;
}

static int fails_script(const tme_filters *f, const measure *en, const measure *zh)
{
    double zh_letters = (double)(zh->han + zh->latin_words + zh->other_letters);
    double en_letters = (double)(en->latin + en->han + en->other_letters);
    if (zh_letters == 0 || en_letters == 0)
        return 1;
    return (double)zh->han / zh_letters < f->script_min ||
           (double)en->latin / en_letters < f->script_min;
}

static int fails_digits(const tme_filters *f, const measure *m)
{
    if (m->non_space == 0)
        return 1;
    int letters = m->han + m->latin + m->other_letters > 0;
    return !letters || (double)m->digits / (double)m->non_space > f->digits_max;
}

/* The text without case, spaces and punctuation: what "identical" means. */
static char *bare(const char *text)
{
    size_t len = strlen(text), i = 0, n = 0;
    char *out = malloc(len + 1);
    if (out == NULL)
        return NULL;
    utf8proc_int32_t cp;
    while (i < len) {
        size_t at = i;
        if (!tme_next_code_point(text, len, &i, &cp))
            break;
        utf8proc_category_t cat = tme_category(cp);
        if (tme_is_space(cp) || (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO))
            continue;
        if (cp < 0x80) {
            out[n++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        } else {
            memcpy(out + n, text + at, i - at);
            n += i - at;
        }
    }
    out[n] = '\0';
    return out;
}

static int fails_identical(const char *english, const char *chinese)
{
    char *a = bare(english), *b = bare(chinese);
    int same = a != NULL && b != NULL && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

/* Only a URL or an e-mail address, once trimmed. */
static int is_only_address(const char *text)
{
    text += strspn(text, " \t");
    size_t len = strcspn(text, " \t");
    if (text[len + strspn(text + len, " \t")] != '\0' || len == 0)
        return 0;
    if (strncasecmp(text, "http://", 7) == 0 || strncasecmp(text, "https://", 8) == 0 ||
        strncasecmp(text, "www.", 4) == 0 || strncasecmp(text, "ftp://", 6) == 0)
        return 1;
    const char *at = memchr(text, '@', len);
    return at != NULL && at > text && memchr(at, '.', len - (size_t)(at - text)) != NULL;
}

/* A run of `unit` bytes repeated at least max times in a row at text[i]. */
static int repeats_at(const char *text, size_t len, size_t i, size_t unit, size_t max)
{
    size_t times = 1;
    while (times < max && i + (times + 1) * unit <= len &&
           memcmp(text + i, text + i + times * unit, unit) == 0)
        times++;
    return times >= max;
}

/* English: a word repeated max times in a row; Chinese: a run of one to
 * four characters. Byte runs of the characters' lengths find both. */
static int fails_repeat(const tme_filters *f, const char *text)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80)
            continue;
        size_t j = i;
        utf8proc_int32_t cp;
        for (size_t chars = 0; chars < MAX_REPEAT_UNIT && j < len; chars++) {
            if (!tme_next_code_point(text, len, &j, &cp))
                break;
            if (repeats_at(text, len, i, j - i, f->repeat_max) && !tme_is_space(cp))
                return 1;
        }
        /* An English word and the space after it. */
        size_t w = i + strcspn(text + i, " ");
        if (w < len && w > i && (i == 0 || text[i - 1] == ' ') &&
            repeats_at(text, len, i, w - i + 1, f->repeat_max))
            return 1;
    }
    return 0;
}

tme_filter_kind tme_filters_check(const tme_filters *f, const char *english, const char *chinese)
{
    measure en, zh;
    measure_side(english, &en);
    measure_side(chinese, &zh);
    if (f->on[TME_FILTER_LENGTH] && fails_length(f, &en, &zh))
        return TME_FILTER_LENGTH;
    if (f->on[TME_FILTER_RATIO] && fails_ratio(f, &en, &zh))
        return TME_FILTER_RATIO;
    if (f->on[TME_FILTER_IDENTICAL] && fails_identical(english, chinese))
        return TME_FILTER_IDENTICAL;
    if (f->on[TME_FILTER_SCRIPT] && fails_script(f, &en, &zh))
        return TME_FILTER_SCRIPT;
    if (f->on[TME_FILTER_DIGITS] && (fails_digits(f, &en) || fails_digits(f, &zh)))
        return TME_FILTER_DIGITS;
    if (f->on[TME_FILTER_URL] && (is_only_address(english) || is_only_address(chinese)))
        return TME_FILTER_URL;
    if (f->on[TME_FILTER_REPEAT] && (fails_repeat(f, english) || fails_repeat(f, chinese)))
        return TME_FILTER_REPEAT;
    if (f->on[TME_FILTER_CHARS] && (en.chars > f->chars_max || zh.chars > f->chars_max))
        return TME_FILTER_CHARS;
    return TME_FILTER_COUNT;
}
