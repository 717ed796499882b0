/* SPDX-License-Identifier: MIT */
#include "pairing.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charclass.h"

/* Calibrated on the gold paragraph pairs of the sample and of five more
 * articles (news and legal): Chinese length units per English non-space
 * character 0.30–0.38 (mean 0.33), relative spread about 15%. A Latin
 * letter or digit inside Chinese counts 0.3 of a unit, as in English. */
#define LENGTH_RATIO 0.33
#define LENGTH_VARIANCE 0.6
#define LATIN_IN_CHINESE_WEIGHT 0.3
#define RELATIVE_SPREAD 0.2

#define PAIR_PRIOR 1.5
#define SHARED_ANCHOR_BONUS 1.0
#define MAX_ANCHOR_BONUS 3.0
#define MISSING_LATIN_PENALTY 1.0
#define MISSING_NUMBER_PENALTY 0.3
#define MISSING_BIG_NUMBER_PENALTY 2.0
#define MAX_MISSING_PENALTY 4.0
#define NAVIGATION_PENALTY 4.0
#define MAX_LENGTH_PENALTY 12.0

/* Adjacent paragraphs in the article's order are the strongest evidence in
 * interleaved layouts; a caption or widget may sit between the two. */
static const double ADJACENCY_BONUS[] = {2.0, 0.5, 0.25};
#define ADJACENCY_REACH 3

#define WRONG_ORDER_PENALTY 1.5
#define SHORT_PARAGRAPH_UNITS 25
#define SHORT_UNANCHORED_PENALTY 2.0

#define SANDWICH_BONUS 3.0
#define SANDWICH_MAX_GAP 3
#define SANDWICH_MIN_LENGTH_SCORE -4.5 /* three standard deviations */

#define BAND_MARGIN 64
#define BAND_MAX_EXTRA 192

typedef struct {
    uint64_t *items;
    size_t count;
} hash_set; /* sorted */

typedef struct {
    size_t paragraph;
    double units;
    hash_set words;   /* lower-cased Latin words */
    hash_set numbers; /* number_key() of each number */
    /* Numbers that confirm a match but whose absence proves nothing: Han
     * numerals (十分 "very" and 百姓 "people" read as numbers too), the 50
     * of "50 million" (5000万 has no 50), the 80 of "1980s" (80年代). */
    hash_set soft_numbers;
    int navigation;
    int boilerplate; /* page chrome by its markup (tme_paragraph.boilerplate) */
} side_info;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* Membership for keys asked in ascending order (as a set's own items come):
 * a merge walk instead of a search per key. */
typedef struct {
    const hash_set *set;
    size_t at;
} set_cursor;

static int cursor_contains(set_cursor *c, uint64_t h)
{
    while (c->at < c->set->count && c->set->items[c->at] < h)
        c->at++;
    return c->at < c->set->count && c->set->items[c->at] == h;
}

static int set_add(hash_set *set, size_t *cap, uint64_t h)
{
    if (set->count == *cap) {
        size_t new_cap = *cap ? *cap * 2 : 8;
        uint64_t *bigger = realloc(set->items, new_cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        set->items = bigger;
        *cap = new_cap;
    }
    set->items[set->count++] = h;
    return 0;
}

static void sift_down(uint64_t *a, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && a[child + 1] > a[child])
            child++;
        if (a[root] >= a[child])
            return;
        uint64_t tmp = a[root];
        a[root] = a[child];
        a[child] = tmp;
    }
}

static void insertion_sort_u64(uint64_t *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint64_t v = a[i];
        size_t k = i;
        for (; k > 0 && a[k - 1] > v; k--)
            a[k] = a[k - 1];
        a[k] = v;
    }
}

static void heapsort_u64(uint64_t *a, size_t n)
{
    for (size_t root = n / 2; root-- > 0;)
        sift_down(a, root, n);
    for (size_t end = n - 1; end > 0; end--) {
        uint64_t tmp = a[0];
        a[0] = a[end];
        a[end] = tmp;
        sift_down(a, 0, end);
    }
}

/* Ascending: introsort (quicksort, heapsort past a depth limit, insertion
 * sort for short runs). qsort()'s call per comparison was most of the cost
 * of the paragraph sets. */
static void sort_u64(uint64_t *a, size_t n, unsigned depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            heapsort_u64(a, n);
            return;
        }
        uint64_t x = a[0], y = a[n / 2], z = a[n - 1];
        uint64_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i >= j)
                break;
            uint64_t tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
            i++;
            j--;
        }
        sort_u64(a, j + 1, depth);
        a += j + 1;
        n -= j + 1;
    }
    insertion_sort_u64(a, n);
}

static void set_finish(hash_set *set)
{
    sort_u64(set->items, set->count, 64);
    size_t w = 0;
    for (size_t r = 0; r < set->count; r++)
        if (w == 0 || set->items[w - 1] != set->items[r])
            set->items[w++] = set->items[r];
    set->count = w;
}

static int is_ascii_alnum(int c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A multiplier word after a number: 1.6万 is 16,000 and 3.5 million is
 * 3,500,000, so both sides' numbers can meet. Returns 1 when none. */
static double multiplier_after(const char *text, size_t len, size_t i)
{
    while (i < len && text[i] == ' ')
        i++;
    static const struct {
        const char *word;
        double factor;
    } words[] = {{"\xE4\xB8\x87", 1e4} /* 万 */,
                 {"\xE4\xBA\xBF", 1e8} /* 亿 */,
                 {"thousand", 1e3},
                 {"million", 1e6},
                 {"billion", 1e9},
                 {"trillion", 1e12}};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t n = strlen(words[k].word);
        if (i + n <= len && strncmp(text + i, words[k].word, n) == 0)
            return words[k].factor;
    }
    return 1;
}

/* Numbers are kept as thousandths, so 3.5 and 3.50 meet and 16,000 and
 * 1.6万 meet. */
static uint64_t number_key(double value)
{
    return (uint64_t)llround(value * 1000.0);
}

/* The value of a Chinese numeral at text[*i] (一九四二 = 1942, 一百一十 =
 * 110, 两千 = 2000), advancing *i; -1 when there is none. Legal and formal
 * Chinese writes numbers this way where English uses digits. */
static int han_digit(int cp)
{
    static const int digits[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 〇一二三四五六七八九 */
    for (int d = 0; d < 10; d++)
        if (cp == digits[d])
            return d;
    if (cp == 0x96F6) /* 零 */
        return 0;
    if (cp == 0x4E24) /* 两 */
        return 2;
    return -1;
}

static double han_unit(int cp)
{
    switch (cp) {
    case 0x5341: /* 十 */
        return 10;
    case 0x767E: /* 百 */
        return 100;
    case 0x5343: /* 千 */
        return 1000;
    default:
        return 0;
    }
}

static double han_number(const char *text, size_t len, size_t *i)
{
    double total = 0, section = 0, digit = -1, positional_digits = 0;
    int any = 0, has_unit = 0;
    size_t pos = *i;
    while (pos < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            tme_iterate((const utf8proc_uint8_t *)text + pos, (utf8proc_ssize_t)(len - pos), &cp);
        if (n <= 0)
            break;
        int d = han_digit(cp);
        double unit = han_unit(cp);
        if (d >= 0) {
            /* 一九四二: digits in a row read positionally. */
            positional_digits = positional_digits * 10 + d;
            digit = d;
        } else if (unit > 0) {
            section += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
            positional_digits = 0;
            has_unit = 1;
        } else if (cp == 0x4E07 || cp == 0x4EBF) { /* 万 亿 */
            if (!any)
                break;
            section += digit < 0 ? 0 : digit;
            total = (total + section) * (cp == 0x4E07 ? 1e4 : 1e8);
            section = 0;
            digit = -1;
            positional_digits = 0;
            has_unit = 1;
        } else {
            break;
        }
        any = 1;
        pos += (size_t)n;
    }
    if (!any)
        return -1;
    *i = pos;
    if (!has_unit)
        return positional_digits;
    return total + section + (digit < 0 ? 0 : digit);
}

/* Collects Latin words (ASCII letters, 2+ long, lower-cased) and numbers
 * ("2,000" and "2000" alike; "3.5" keeps its point). */
static int collect_anchors(const char *text, size_t len, side_info *info)
{
    size_t word_cap = 0, number_cap = 0, soft_number_cap = 0;
    char token[64];
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c >= '0' && c <= '9') {
            size_t n = 0;
            while (i < len) {
                unsigned char d = (unsigned char)text[i];
                int separator = (d == ',' || d == '.') && i + 1 < len && text[i + 1] >= '0' &&
                                text[i + 1] <= '9' && n > 0;
                if (d >= '0' && d <= '9') {
                    if (n + 1 < sizeof token)
                        token[n++] = (char)d;
                } else if (separator) {
                    if (d == '.' && n + 1 < sizeof token)
                        token[n++] = '.';
                } else {
                    break;
                }
                i++;
            }
            token[n] = '\0';
            double value = strtod(token, NULL);
            double factor = multiplier_after(text, len, i);
            int decade =
                i < len && text[i] == 's' && value >= 1900 && value < 2100 && (long)value % 10 == 0;
            int soft = factor != 1 || decade;
            hash_set *raw = soft ? &info->soft_numbers : &info->numbers;
            size_t *raw_cap = soft ? &soft_number_cap : &number_cap;
            if (set_add(raw, raw_cap, number_key(value)) != 0 ||
                (factor != 1 &&
                 set_add(&info->numbers, &number_cap, number_key(value * factor)) != 0) ||
                (decade && set_add(&info->soft_numbers, &soft_number_cap,
                                   number_key((double)((long)value % 100))) != 0))
                return -1;
        } else if (c >= 0xE3) {
            size_t start = i;
            double value = han_number(text, len, &i);
            if (value < 0) {
                i = start + 1;
                continue;
            }
            /* A lone 一 is mostly the article "a", not the number one. */
            if ((value >= 2 || i - start > 3) &&
                set_add(&info->soft_numbers, &soft_number_cap, number_key(value)) != 0)
                return -1;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            size_t n = 0;
            while (i < len && is_ascii_alnum((unsigned char)text[i])) {
                if (n < sizeof token)
                    token[n++] = (char)(text[i] | 0x20);
                i++;
            }
            if (n >= 2 && set_add(&info->words, &word_cap, hash_bytes(token, n)) != 0)
                return -1;
        } else {
            i++;
        }
    }
    set_finish(&info->words);
    set_finish(&info->numbers);
    set_finish(&info->soft_numbers);
    return 0;
}

static int is_menu_separator(int cp)
{
    return cp == '|' || cp == '>' || cp == 0xBB /* » */ || cp == 0x203A /* › */;
}

static int is_chinese_punctuation(int cp)
{
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF65) ||
           (cp >= 0x2010 && cp <= 0x2027);
}

/* Length in Chinese units, and whether the paragraph looks like navigation:
 * Han words separated by spaces or by "|" / ">" (menus, breadcrumbs, share
 * widgets) are not prose that anybody translated. */
static void measure_chinese(const char *text, size_t len, side_info *info)
{
    double units = 0;
    int prev_han = 0, space_after_han = 0;
    size_t separators = 0, spaced_han = 0, han_count = 0;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            tme_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (tme_is_space(cp)) {
            space_after_han = prev_han;
            continue;
        }
        int han = tme_is_han(cp) || is_chinese_punctuation(cp);
        if (han && space_after_han)
            spaced_han++;
        if (is_menu_separator(cp))
            separators++;
        if (han)
            han_count++;
        units += (cp < 0x80 && is_ascii_alnum(cp)) ? LATIN_IN_CHINESE_WEIGHT : 1.0;
        prev_han = han;
        space_after_han = 0;
    }
    info->units = units;
    /* Short Han words between spaces: a list of links, not a sentence that
     * happens to set a phrase off with spaces. */
    info->navigation = separators >= 2 || (spaced_han >= 2 && spaced_han * 8 >= han_count);
}

static int starts_with(const char *text, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(text, prefix, n) == 0;
}

/* English menus and share widgets separate their items with | > » · or •
 * ("Share: Facebook · Twitter · WeChat"); English prose does not. (Chinese
 * uses · inside transliterated names, so it counts only here.) */
static void measure_english(const char *text, size_t len, side_info *info)
{
    size_t units = 0, separators = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t')
            continue;
        if ((c & 0xC0) != 0x80)
            units++;
        if (c == '|' || c == '>' ||
            (c >= 0xC2 && (starts_with(text + i, len - i, "\xC2\xBB") /* » */ ||
                           starts_with(text + i, len - i, "\xC2\xB7") /* · */ ||
                           starts_with(text + i, len - i, "\xE2\x80\xA2") /* • */)))
            separators++;
    }
    info->units = (double)units;
    info->navigation = separators >= 2;
}

/* Numbers a side has that the other lacks. A number of 10 or more is
 * nearly always written in digits on both sides; smaller ones are often
 * spelled out (第一条, 四个), so their absence weighs little. */
static double missing_numbers_penalty(const side_info *from, const side_info *other)
{
    double penalty = 0;
    set_cursor hard = {&other->numbers, 0}, soft = {&other->soft_numbers, 0};
    for (size_t k = 0; k < from->numbers.count; k++) {
        uint64_t key = from->numbers.items[k];
        int in_hard = cursor_contains(&hard, key), in_soft = cursor_contains(&soft, key);
        if (in_hard || in_soft)
            continue;
        penalty += key >= number_key(10) ? MISSING_BIG_NUMBER_PENALTY : MISSING_NUMBER_PENALTY;
    }
    return penalty;
}

static double anchor_score(const side_info *en, const side_info *zh)
{
    double bonus = 0, penalty = 0;
    set_cursor words = {&en->words, 0};
    for (size_t k = 0; k < zh->words.count; k++) {
        if (cursor_contains(&words, zh->words.items[k]))
            bonus += SHARED_ANCHOR_BONUS;
        else
            penalty += MISSING_LATIN_PENALTY;
    }
    set_cursor hard = {&en->numbers, 0}, soft = {&en->soft_numbers, 0};
    for (size_t k = 0; k < zh->numbers.count; k++) {
        int in_hard = cursor_contains(&hard, zh->numbers.items[k]);
        int in_soft = cursor_contains(&soft, zh->numbers.items[k]);
        if (in_hard || in_soft)
            bonus += SHARED_ANCHOR_BONUS;
    }
    hard.at = 0;
    for (size_t k = 0; k < zh->soft_numbers.count; k++)
        if (cursor_contains(&hard, zh->soft_numbers.items[k]))
            bonus += SHARED_ANCHOR_BONUS;
    penalty += missing_numbers_penalty(zh, en) + missing_numbers_penalty(en, zh);
    return fmin(bonus, MAX_ANCHOR_BONUS) - fmin(penalty, MAX_MISSING_PENALTY);
}

static double length_score(double en_units, double zh_units)
{
    double expected = LENGTH_RATIO * en_units;
    /* Gale-Church variance grows with length; translators' style adds a
     * spread proportional to length (about 20% on the gold data); the
     * constant keeps one-word headings from being judged on noise. */
    double relative = RELATIVE_SPREAD * expected;
    double sd = sqrt(LENGTH_VARIANCE * expected + relative * relative + 4.0);
    double delta = (zh_units - expected) / sd;
    return -fmin(delta * delta / 2, MAX_LENGTH_PENALTY);
}

typedef enum { ORDER_ANY, ORDER_EN_FIRST, ORDER_ZH_FIRST } order;

/* In an English-first article a Chinese paragraph directly followed by an
 * English one is the seam between two pairs: pairing across it is the
 * classic off-by-one. Short paragraphs (headings, buttons) carry too little
 * text to be judged by length, so only direct adjacency vouches for them. */
static double adjacency_score(const side_info *en, const side_info *zh, order preferred)
{
    int zh_after = zh->paragraph > en->paragraph;
    size_t gap = (zh_after ? zh->paragraph - en->paragraph : en->paragraph - zh->paragraph) - 1;
    int wrong_order =
        (preferred == ORDER_EN_FIRST && !zh_after) || (preferred == ORDER_ZH_FIRST && zh_after);
    int short_pair =
        en->units < SHORT_PARAGRAPH_UNITS || zh->units < SHORT_PARAGRAPH_UNITS * LENGTH_RATIO;
    if (wrong_order)
        return gap == 0 ? -WRONG_ORDER_PENALTY : 0;
    if (gap == 0)
        return ADJACENCY_BONUS[0];
    if (short_pair)
        return -SHORT_UNANCHORED_PENALTY;
    return gap < ADJACENCY_REACH ? ADJACENCY_BONUS[gap] : 0;
}

/* The part of pair_score() that does not depend on the order. */
static double order_free_score(const side_info *en, const side_info *zh)
{
    return PAIR_PRIOR + length_score(en->units, zh->units) + anchor_score(en, zh);
}

static double score_with_order(double order_free, const side_info *en, const side_info *zh,
                               order preferred)
{
    double s = order_free + adjacency_score(en, zh, preferred);
    if (en->navigation || zh->navigation)
        s -= NAVIGATION_PENALTY;
    /* Two pieces of chrome (a footer, a subscription line) share names,
     * years and addresses that were copied, not translated. */
    if (en->boilerplate && zh->boilerplate)
        s -= NAVIGATION_PENALTY;
    return s;
}

static double pair_score(const side_info *en, const side_info *zh, order preferred)
{
    return score_with_order(order_free_score(en, zh), en, zh, preferred);
}

typedef struct {
    side_info *en, *zh;
    size_t n_en, n_zh;
} sides;

static void free_sides(sides *s)
{
    for (size_t i = 0; i < s->n_en; i++) {
        free(s->en[i].words.items);
        free(s->en[i].numbers.items);
        free(s->en[i].soft_numbers.items);
    }
    for (size_t j = 0; j < s->n_zh; j++) {
        free(s->zh[j].words.items);
        free(s->zh[j].numbers.items);
        free(s->zh[j].soft_numbers.items);
    }
    free(s->en);
    free(s->zh);
}

static int build_sides(const tme_paragraphs *paragraphs, sides *s)
{
    memset(s, 0, sizeof *s);
    s->en = calloc(paragraphs->count + 1, sizeof *s->en);
    s->zh = calloc(paragraphs->count + 1, sizeof *s->zh);
    if (s->en == NULL || s->zh == NULL)
        return -1;
    for (size_t k = 0; k < paragraphs->count; k++) {
        const tme_paragraph *p = &paragraphs->items[k];
        side_info *info;
        if (p->script == TME_SCRIPT_LATIN) {
            info = &s->en[s->n_en++];
            measure_english(p->text, p->len, info);
        } else if (p->script == TME_SCRIPT_HAN) {
            info = &s->zh[s->n_zh++];
            measure_chinese(p->text, p->len, info);
        } else {
            continue;
        }
        info->paragraph = k;
        info->boilerplate = p->boilerplate;
        info->navigation |= p->boilerplate;
        if (collect_anchors(p->text, p->len, info) != 0)
            return -1;
    }
    return 0;
}

enum { MOVE_SKIP_EN = 1, MOVE_SKIP_ZH = 2, MOVE_PAIR = 3 };

/* Band of Chinese indices j considered for English index i: around the
 * diagonal from (0,0) to (n_en,n_zh), wide enough that consecutive rows
 * overlap even when one side has many more paragraphs. Total cells stay
 * O(n_en * width + n_zh). */
static size_t diagonal(size_t i, size_t n_en, size_t n_zh)
{
    return n_en ? (size_t)((double)i * (double)n_zh / (double)n_en) : n_zh;
}

static void band(size_t i, size_t n_en, size_t n_zh, size_t width, size_t *lo, size_t *hi)
{
    size_t left = diagonal(i > 0 ? i - 1 : 0, n_en, n_zh);
    size_t right = diagonal(i < n_en ? i + 1 : n_en, n_en, n_zh);
    *lo = left > width ? left - width : 0;
    *hi = right + width < n_zh ? right + width : n_zh;
}

typedef struct {
    unsigned char *moves; /* one byte per band cell, row after row */
    size_t *row_start;    /* offset of row i in moves */
    size_t *row_lo;
    double *prev, *cur;
} dp_table;

static void free_table(dp_table *t)
{
    free(t->moves);
    free(t->row_start);
    free(t->row_lo);
    free(t->prev);
    free(t->cur);
}

static int alloc_table(dp_table *t, size_t n_en, size_t n_zh, size_t width)
{
    memset(t, 0, sizeof *t);
    t->row_start = malloc((n_en + 2) * sizeof *t->row_start);
    t->row_lo = malloc((n_en + 1) * sizeof *t->row_lo);
    t->prev = malloc((n_zh + 1) * sizeof *t->prev);
    t->cur = malloc((n_zh + 1) * sizeof *t->cur);
    if (t->row_start == NULL || t->row_lo == NULL || t->prev == NULL || t->cur == NULL)
        return -1;
    size_t cells = 0;
    for (size_t i = 0; i <= n_en; i++) {
        size_t lo, hi;
        band(i, n_en, n_zh, width, &lo, &hi);
        t->row_start[i] = cells;
        t->row_lo[i] = lo;
        cells += hi - lo + 1;
    }
    t->row_start[n_en + 1] = cells;
    t->moves = malloc(cells);
    return t->moves == NULL ? -1 : 0;
}

/* order_free_score() of every band cell, kept from the first pass for the
 * second (same band): NAN until computed. */
typedef struct {
    double *scores;
} score_cache;

static double cached_order_free_score(score_cache *cache, size_t cell, const side_info *en,
                                      const side_info *zh)
{
    if (isnan(cache->scores[cell]))
        cache->scores[cell] = order_free_score(en, zh);
    return cache->scores[cell];
}

/* Best monotone pairing; writes the chosen pairs (in order) into out. */
static int best_pairing(const sides *s, order preferred, score_cache *cache,
                        tme_paragraph_pair *out, size_t *count)
{
    size_t n_en = s->n_en, n_zh = s->n_zh;
    *count = 0;
    if (n_en == 0 || n_zh == 0)
        return 0;
    size_t diff = n_en > n_zh ? n_en - n_zh : n_zh - n_en;
    size_t width = BAND_MARGIN + (diff < BAND_MAX_EXTRA ? diff : BAND_MAX_EXTRA);
    dp_table t;
    if (alloc_table(&t, n_en, n_zh, width) != 0) {
        free_table(&t);
        return -1;
    }
    if (cache->scores == NULL) {
        size_t cells = t.row_start[n_en + 1];
        cache->scores = malloc(cells * sizeof *cache->scores);
        if (cache->scores == NULL) {
            free_table(&t);
            return -1;
        }
        for (size_t c = 0; c < cells; c++)
            cache->scores[c] = NAN;
    }
    double *prev = t.prev, *cur = t.cur;
    for (size_t j = 0; j <= n_zh; j++)
        prev[j] = cur[j] = -INFINITY;
    size_t prev_lo = 0, prev_hi = 0;
    for (size_t i = 0; i <= n_en; i++) {
        size_t lo = t.row_lo[i];
        size_t hi = lo + (t.row_start[i + 1] - t.row_start[i]) - 1;
        unsigned char *moves = t.moves + t.row_start[i];
        for (size_t j = lo; j <= hi; j++) {
            double best = -INFINITY;
            unsigned char move = 0;
            int in_prev_row = i > 0 && j >= prev_lo && j <= prev_hi;
            if (i == 0 && j == 0)
                best = 0;
            if (in_prev_row && prev[j] > best) {
                best = prev[j];
                move = MOVE_SKIP_EN;
            }
            if (j > lo && cur[j - 1] > best) {
                best = cur[j - 1];
                move = MOVE_SKIP_ZH;
            }
            if (i > 0 && j > 0 && j - 1 >= prev_lo && j - 1 <= prev_hi && prev[j - 1] > -INFINITY) {
                const side_info *en = &s->en[i - 1], *zh = &s->zh[j - 1];
                double order_free =
                    cached_order_free_score(cache, t.row_start[i] + (j - lo), en, zh);
                double paired = prev[j - 1] + score_with_order(order_free, en, zh, preferred);
                if (paired > best) {
                    best = paired;
                    move = MOVE_PAIR;
                }
            }
            cur[j] = best;
            moves[j - lo] = move;
        }
        double *swap = prev;
        prev = cur;
        cur = swap;
        prev_lo = lo;
        prev_hi = hi;
    }
    /* Trace back from (n_en, n_zh), collecting pairs in reverse. */
    size_t n = 0, i = n_en, j = n_zh;
    while (i > 0 || j > 0) {
        unsigned char move = t.moves[t.row_start[i] + (j - t.row_lo[i])];
        if (move == MOVE_PAIR) {
            out[n].en = s->en[i - 1].paragraph;
            out[n].zh = s->zh[j - 1].paragraph;
            out[n].score = 1.0 / (1.0 + exp(-pair_score(&s->en[i - 1], &s->zh[j - 1], preferred)));
            n++;
            i--;
            j--;
        } else if (move == MOVE_SKIP_EN) {
            i--;
        } else if (move == MOVE_SKIP_ZH) {
            j--;
        } else {
            break; /* unreachable: consecutive bands overlap */
        }
    }
    for (size_t a = 0, b = n ? n - 1 : 0; a < b; a++, b--) {
        tme_paragraph_pair tmp = out[a];
        out[a] = out[b];
        out[b] = tmp;
    }
    *count = n;
    free_table(&t);
    return 0;
}

/* Index in side[0..n) of the entry for paragraph p; sides are in
 * paragraph order. */
static size_t side_index(const side_info *side, size_t n, size_t paragraph)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (side[mid].paragraph < paragraph)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Between two accepted pairs, as many unpaired English as Chinese
 * paragraphs (one to three) are each other's translations, in order,
 * whatever the weak evidence of their length says: headings such as
 * "Self-healing" / "自我修复" in an article of all English paragraphs
 * followed by all Chinese ones carry no other evidence. Navigation stays
 * out, and so do lengths far apart. */
static int fill_sandwiched_pairs(const sides *s, order preferred, tme_pairing *pairing)
{
    size_t n = pairing->count, added = 0;
    tme_paragraph_pair *filled = malloc((n * (1 + SANDWICH_MAX_GAP) + 1) * sizeof *filled);
    if (filled == NULL)
        return -1;
    for (size_t k = 0; k < n; k++) {
        filled[k + added] = pairing->pairs[k];
        if (k + 1 == n)
            break;
        size_t en_a = side_index(s->en, s->n_en, pairing->pairs[k].en);
        size_t en_b = side_index(s->en, s->n_en, pairing->pairs[k + 1].en);
        size_t zh_a = side_index(s->zh, s->n_zh, pairing->pairs[k].zh);
        size_t zh_b = side_index(s->zh, s->n_zh, pairing->pairs[k + 1].zh);
        size_t gap = en_b - en_a - 1;
        if (gap == 0 || gap > SANDWICH_MAX_GAP || zh_b - zh_a - 1 != gap)
            continue;
        int plausible = 1;
        for (size_t g = 1; g <= gap && plausible; g++) {
            const side_info *en = &s->en[en_a + g], *zh = &s->zh[zh_a + g];
            plausible = !en->navigation && !zh->navigation &&
                        length_score(en->units, zh->units) >= SANDWICH_MIN_LENGTH_SCORE;
        }
        for (size_t g = 1; g <= gap && plausible; g++) {
            const side_info *en = &s->en[en_a + g], *zh = &s->zh[zh_a + g];
            double score = pair_score(en, zh, preferred) + SANDWICH_BONUS;
            added++;
            filled[k + added] =
                (tme_paragraph_pair){en->paragraph, zh->paragraph, 1.0 / (1.0 + exp(-score))};
        }
    }
    free(pairing->pairs);
    pairing->pairs = filled;
    pairing->count = n + added;
    return 0;
}

/* The article's dominant order, from the adjacent pairs of a first pass that
 * accepts either order. */
static order dominant_order(const tme_paragraph_pair *pairs, size_t n)
{
    size_t en_first = 0, zh_first = 0;
    for (size_t k = 0; k < n; k++) {
        if (pairs[k].zh == pairs[k].en + 1)
            en_first++;
        else if (pairs[k].en == pairs[k].zh + 1)
            zh_first++;
    }
    if (en_first >= 2 && en_first >= 2 * zh_first)
        return ORDER_EN_FIRST;
    if (zh_first >= 2 && zh_first >= 2 * en_first)
        return ORDER_ZH_FIRST;
    return ORDER_ANY;
}

tme_status tme_pair_paragraphs(const tme_paragraphs *paragraphs, tme_pairing *out, tme_error *err)
{
    memset(out, 0, sizeof *out);
    sides s;
    if (build_sides(paragraphs, &s) != 0) {
        free_sides(&s);
        return tme_error_nomem(err);
    }
    size_t max_pairs = s.n_en < s.n_zh ? s.n_en : s.n_zh;
    out->pairs = malloc((max_pairs + 1) * sizeof *out->pairs);
    score_cache cache = {NULL};
    if (out->pairs == NULL || best_pairing(&s, ORDER_ANY, &cache, out->pairs, &out->count) != 0) {
        free(cache.scores);
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }
    order preferred = dominant_order(out->pairs, out->count);
    int failed =
        preferred != ORDER_ANY && best_pairing(&s, preferred, &cache, out->pairs, &out->count) != 0;
    free(cache.scores);
    if (failed) {
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }
    out->chinese_first = preferred == ORDER_ZH_FIRST;
    if (fill_sandwiched_pairs(&s, preferred, out) != 0) {
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }

    unsigned char *paired = calloc(paragraphs->count + 1, 1);
    if (paired == NULL) {
        free_sides(&s);
        tme_pairing_free(out);
        return tme_error_nomem(err);
    }
    for (size_t k = 0; k < out->count; k++)
        paired[out->pairs[k].en] = paired[out->pairs[k].zh] = 1;
    for (size_t i = 0; i < s.n_en; i++)
        if (!paired[s.en[i].paragraph])
            out->unpaired[s.en[i].navigation ? TME_UNPAIRED_NAVIGATION
                                             : TME_UNPAIRED_NO_COUNTERPART]++;
    for (size_t j = 0; j < s.n_zh; j++)
        if (!paired[s.zh[j].paragraph])
            out->unpaired[s.zh[j].navigation ? TME_UNPAIRED_NAVIGATION
                                             : TME_UNPAIRED_NO_COUNTERPART]++;
    out->unpaired[TME_UNPAIRED_OTHER_SCRIPT] = paragraphs->count - s.n_en - s.n_zh;
    free(paired);
    free_sides(&s);
    return TME_OK;
}

void tme_pairing_free(tme_pairing *pairing)
{
    free(pairing->pairs);
    pairing->pairs = NULL;
    pairing->count = 0;
}

const char *tme_unpaired_reason_name(tme_unpaired_reason reason)
{
    switch (reason) {
    case TME_UNPAIRED_NO_COUNTERPART:
        return "no translation found";
    case TME_UNPAIRED_NAVIGATION:
        return "navigation or widget";
    case TME_UNPAIRED_OTHER_SCRIPT:
        return "neither English nor Chinese";
    default:
        return "unknown";
    }
}
