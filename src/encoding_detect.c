/* SPDX-License-Identifier: MIT */
#include "encoding_detect.h"

#include "charclass.h"
#include "charset_label.h"

#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

/* One bit per BMP code point: set for the frequent Han characters. */
static unsigned char frequent_han[0x10000 / 8];
static pthread_once_t frequent_han_once = PTHREAD_ONCE_INIT;

static int gb2312_trail(unsigned byte)
{
    return byte >= 0xA1 && byte <= 0xFE;
}

static int big5_trail(unsigned byte)
{
    return (byte >= 0x40 && byte <= 0x7E) || (byte >= 0xA1 && byte <= 0xFE);
}

/* Marks the characters of the two-byte codes first..last (those whose trail
 * byte is valid) as iconv decodes them from `encoding`. */
static void mark_frequent(const char *encoding, unsigned first, unsigned last,
                          int (*valid_trail)(unsigned))
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return;
    for (unsigned code = first; code <= last; code++) {
        if (!valid_trail(code & 0xFF))
            continue;
        char in[2] = {(char)(code >> 8), (char)(code & 0xFF)}, out[8];
        char *ip = in, *op = out;
        size_t in_left = 2, out_left = sizeof out;
        if (iconv(cd, &ip, &in_left, &op, &out_left) == (size_t)-1)
            continue; /* an unassigned code */
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)out, op - out, &cp);
        if (n == op - out && cp >= 0 && cp < 0x10000 && tme_is_han(cp))
            frequent_han[cp >> 3] |= (unsigned char)(1u << (cp & 7));
    }
    iconv_close(cd);
}

/* GB2312 level 1 (rows 16-55, B0A1-D7F9) is its 3,755 characters in
 * common use, Big5 level 1 (A440-C67E) the 5,401 of Taiwan's list of
 * frequently used characters. They are read through the candidates' own
 * converters, which decode those codes as GB2312 and Big5 do. */
static void fill_frequent_han(void)
{
    mark_frequent("GB18030", 0xB0A1, 0xD7F9, gb2312_trail);
    mark_frequent(tme_big5_iconv_name(), 0xA440, 0xC67E, big5_trail);
}

static int is_frequent_han(utf8proc_int32_t cp)
{
    return cp >= 0 && cp < 0x10000 && (frequent_han[cp >> 3] >> (cp & 7) & 1);
}

static int is_judged(utf8proc_int32_t cp)
{
    switch (tme_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
        return 1;
    default:
        return 0;
    }
}

void tme_candidate_judge(tme_candidate *c, const char *utf8, size_t len)
{
    pthread_once(&frequent_han_once, fill_frequent_han);
    c->characters = c->frequent = 0;
    size_t i = 0;
    utf8proc_int32_t cp;
    while (tme_next_code_point(utf8, len, &i, &cp)) {
        if (cp < 0x80 || !is_judged(cp))
            continue;
        c->characters++;
        c->frequent += (size_t)is_frequent_han(cp);
    }
}

double tme_candidate_share(const tme_candidate *c)
{
    return c->characters ? (double)c->frequent / (double)c->characters : 0.0;
}

/* uchardet reads no more than this: its answer for an article is settled
 * long before, and on bytes that are no text it takes 0.4 s a megabyte. */
#define UCHARDET_SAMPLE (256 * 1024)

static void ask_uchardet(const unsigned char *data, size_t len, char *answer, size_t size)
{
    answer[0] = '\0';
    if (len > UCHARDET_SAMPLE)
        len = UCHARDET_SAMPLE;
    uchardet_t ud = uchardet_new();
    if (ud == NULL)
        return;
    if (uchardet_handle_data(ud, (const char *)data, len) == 0) {
        uchardet_data_end(ud);
        snprintf(answer, size, "%s", uchardet_get_charset(ud));
    }
    uchardet_delete(ud);
}

/* 中 (U+4E2D) in the charset: only an answer that can write Chinese is an
 * opinion about these bytes; for short texts uchardet guesses single-byte
 * charsets. */
static int can_write_chinese(const char *charset)
{
    iconv_t cd = iconv_open(charset, "UTF-8");
    if (cd == (iconv_t)-1)
        return 0;
    char in[] = "\xE4\xB8\xAD", out[16], *ip = in, *op = out;
    size_t in_left = 3, out_left = sizeof out;
    size_t rc = iconv(cd, &ip, &in_left, &op, &out_left);
    iconv_close(cd);
    return rc != (size_t)-1;
}

/* uchardet names another encoding than `encoding` ("BIG5" names
 * BIG5-HKSCS too). UTF-8 is no rival: the bytes are not UTF-8. */
static int uchardet_objects(const char *answer, const char *encoding)
{
    if (answer[0] == '\0' || strncasecmp(encoding, answer, strlen(answer)) == 0)
        return 0;
    if (strcasecmp(answer, "UTF-8") == 0 || strcasecmp(answer, "ASCII") == 0)
        return 0;
    return can_write_chinese(answer);
}

static void rank(const tme_candidate *c, size_t count, tme_verdict *v)
{
    for (size_t i = 0; i < count; i++) {
        if (!c[i].decoded)
            continue;
        double share = tme_candidate_share(&c[i]);
        if (v->best < 0 || share > tme_candidate_share(&c[v->best])) {
            v->runner_up = v->best;
            v->best = (int)i;
        } else if (v->runner_up < 0 || share > tme_candidate_share(&c[v->runner_up])) {
            v->runner_up = (int)i;
        }
    }
}

void tme_weigh_candidates(const unsigned char *data, size_t len, const tme_candidate *candidates,
                          size_t count, tme_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->chosen = v->best = v->runner_up = -1;
    rank(candidates, count, v);
    if (v->best < 0) {
        snprintf(v->why_weak, sizeof v->why_weak, "the bytes decode as none of them");
        return;
    }
    ask_uchardet(data, len, v->uchardet, sizeof v->uchardet);
    const tme_candidate *best = &candidates[v->best];
    double share = tme_candidate_share(best);
    double next = v->runner_up < 0 ? 0.0 : tme_candidate_share(&candidates[v->runner_up]);
    if (best->characters < TME_DETECT_MIN_CHARACTERS)
        snprintf(v->why_weak, sizeof v->why_weak,
                 "too short to tell: %zu characters to judge, %d needed", best->characters,
                 TME_DETECT_MIN_CHARACTERS);
    else if (share < TME_DETECT_MIN_SHARE)
        snprintf(v->why_weak, sizeof v->why_weak,
                 "no decoding reads as Chinese: at best %.2f of the characters are frequent Han "
                 "characters, %.2f needed",
                 share, TME_DETECT_MIN_SHARE);
    else if (share - next < TME_DETECT_MIN_MARGIN)
        snprintf(v->why_weak, sizeof v->why_weak,
                 "too close to call: frequent Han characters %.2f as %s, %.2f as %s (a lead of "
                 "%.2f needed)",
                 share, best->encoding, next, candidates[v->runner_up].encoding,
                 TME_DETECT_MIN_MARGIN);
    else if (uchardet_objects(v->uchardet, best->encoding))
        snprintf(v->why_weak, sizeof v->why_weak,
                 "the evidence conflicts: frequent Han characters %.2f as %s, but uchardet says %s",
                 share, best->encoding, v->uchardet);
    else
        v->chosen = v->best;
}
