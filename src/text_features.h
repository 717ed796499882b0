/* SPDX-License-Identifier: MIT */
/* One analysis of a text for paragraph pairing and sentence alignment: the
 * text is decoded once, and that one pass yields, for the whole text and
 * for each sentence, its length in the calibrated units and its anchors
 * (numbers and Latin-script tokens a translator copies rather than
 * translates), plus the flags the two consumers weigh: quotation marks and
 * parentheses (alignment), navigation separators (pairing).
 *
 * The per-sentence record is where further signals read in the same pass
 * belong: the lexicon (src/lexicon.*: Chinese n-grams, English lower-cased
 * stemmed content words) adds its items next to the anchors, from the same
 * decoded and folded code points (see the note in text_features.c). */
#ifndef TME_TEXT_FEATURES_H
#define TME_TEXT_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "lang.h"
#include "segment.h"

typedef enum {
    TME_ANCHOR_NUMBER, /* key: the value in thousandths (hundredths: aligner's rules) */
    TME_ANCHOR_DECADE, /* "1980s", "80年代"; key: the last two digits */
    TME_ANCHOR_LATIN   /* key: hash of the NFKC-case-folded token */
} tme_anchor_kind;

/* A number that confirms a match but whose absence proves nothing: Han
 * numerals (十分 "very" and 百姓 "people" read as numbers too), the 50 of
 * "50 million" (5000万 has no 50), the 80 of "1980s" (80年代). */
#define TME_ANCHOR_SOFT 1u

typedef struct {
    uint64_t key;
    unsigned char kind;  /* tme_anchor_kind */
    unsigned char flags; /* TME_ANCHOR_SOFT */
} tme_anchor;

#define TME_MARK_QUOTE 1u /* a double quotation mark, any style */
#define TME_MARK_PAREN 2u /* a parenthesis, ASCII or full-width */

typedef struct {
    tme_span span;                   /* its bytes in the text */
    double length;                   /* in calibrated units */
    size_t anchor_begin, anchor_end; /* its anchors in tme_features.anchors, in text order */
    unsigned marks;                  /* TME_MARK_* */
} tme_sentence_features;

typedef struct {
    tme_lang lang;
    double length;  /* of the whole text, in calibrated units */
    int navigation; /* separators or spaced short words: a menu, breadcrumb or widget */
    tme_anchor *anchors;
    size_t n_anchors, cap_anchors;
    tme_sentence_features *sentences;
    size_t n_sentences;
} tme_features;

/* The whole text as one unit (one sentence), as paragraph pairing reads it.
 * Until pairing and alignment share one rule set, this reads the text with
 * pairing's rules: lengths with Latin letters in Chinese at 0.3, numbers in
 * thousandths with Han numerals and soft numbers, ASCII words. */
tme_status tme_features_of_paragraph(const char *text, size_t len, tme_lang lang, tme_features *out,
                                     tme_error *err);

/* The text's sentences (tme_segment's, from the same decoding) and their
 * features, as the aligner reads them. */
tme_status tme_features_of_sentences(const char *text, size_t len, tme_lang lang, tme_features *out,
                                     tme_error *err);

/* The same for sentences given as spans into text[0..len) (in order, not
 * overlapping, within the text). */
tme_status tme_features_of_spans(const char *text, size_t len, tme_lang lang, const tme_span *spans,
                                 size_t n_spans, tme_features *out, tme_error *err);

void tme_features_free(tme_features *f);

#endif
