/* SPDX-License-Identifier: MIT */
/* Choosing the encoding of bytes that are not UTF-8 by evidence. Decoding
 * without error is none: Big5 bytes are mostly valid GB18030 too. Each
 * candidate that decodes is judged by the share of its characters that are
 * frequent Han characters, and uchardet (Mozilla's detector) may veto; weak
 * evidence chooses nothing, so the caller asks for the encoding instead of
 * writing mojibake. */
#ifndef TME_ENCODING_DETECT_H
#define TME_ENCODING_DETECT_H

#include <stddef.h>

/* What strong evidence is, measured on 15 texts (7 Simplified articles,
 * the same converted to Traditional character by character, 1 Traditional
 * article), each as GB18030, Big5-HKSCS, UTF-16LE and UTF-16BE, whole, as
 * one paragraph, as a 2-line title and as 30 random runs of 4 to 128 Han
 * characters: from 24 characters on, the right decoding scored at least
 * 0.906 and the best wrong one at most 0.741 (0.882 at 16, 1.000 at 4 and
 * 8); no wrong choice at any length with these thresholds. README.md,
 * "Encodings", has the table. */
#define TME_DETECT_MIN_CHARACTERS 20 /* characters judged in the best decoding */
#define TME_DETECT_MIN_SHARE 0.85    /* its share of frequent Han characters */
#define TME_DETECT_MIN_MARGIN 0.20   /* over the next candidate that decodes */

typedef struct {
    const char *encoding; /* iconv name */
    int decoded;          /* 1: the bytes decode without error */
    size_t characters;    /* characters judged: non-ASCII letters, digits,
                             private-use and unassigned code points */
    size_t frequent;      /* of those, frequent Han characters */
} tme_candidate;

/* Judges a candidate's decoding: counts its characters judged and, of
 * those, the frequent Han characters — the 3,755 of GB2312 level 1 and the
 * 5,401 of Big5 level 1, the standards' own selections of the characters in
 * common use, read from iconv. Punctuation, symbols and spaces are not
 * judged: they say little about the script. Mojibake is rich in kana,
 * Hangul, private-use and rare Han characters. */
void tme_candidate_judge(tme_candidate *c, const char *utf8, size_t len);

/* frequent / characters, 0 when nothing was judged. */
double tme_candidate_share(const tme_candidate *c);

typedef struct {
    int chosen;         /* index of the candidate the evidence supports, or -1 */
    int best;           /* the decoded candidate with the highest share, or -1 */
    int runner_up;      /* the next one, or -1 */
    char uchardet[32];  /* uchardet's answer for the bytes, "" when none */
    char why_weak[200]; /* when chosen is -1: what the evidence lacks */
} tme_verdict;

/* Weighs the judged candidates for data[0..len). A candidate is chosen when
 * it decoded, has at least TME_DETECT_MIN_CHARACTERS characters judged, a
 * share of at least TME_DETECT_MIN_SHARE, a lead of TME_DETECT_MIN_MARGIN
 * over every other candidate that decoded, and uchardet names no other
 * encoding that can write Chinese (its single-byte guesses for short texts
 * are no opinion). */
void tme_weigh_candidates(const unsigned char *data, size_t len, const tme_candidate *candidates,
                          size_t count, tme_verdict *verdict);

#endif
