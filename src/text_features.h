/* SPDX-License-Identifier: MIT */
/* One analysis of a text for paragraph pairing and sentence alignment: the
 * text is decoded once, and that one pass yields, for the whole text and
 * for each sentence, its length in the calibrated units and its anchors
 * (numbers and Latin-script tokens a translator copies rather than
 * translates), plus the flags the two consumers weigh: quotation marks and
 * parentheses (alignment), navigation separators (pairing).
 *
 * Given a lexicon (lexicon.h), each sentence also gets its lexical items,
 * in the same pass: an English sentence the lemmas of its content words
 * that the lexicon knows, a Chinese one the lemmas that some headword found
 * in it translates, so that "does English lemma L occur translated in
 * Chinese sentence S" is a search in S's sorted ids, and its words (the
 * headwords read by longest match), for the question the other way. */
#ifndef TME_TEXT_FEATURES_H
#define TME_TEXT_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "codepoints.h"
#include "error.h"
#include "fold.h"
#include "lang.h"
#include "lexicon.h"
#include "segment.h"

/* The length model pairing and alignment share. Chinese length units per
 * English unit: measured on the gold sentence units and paragraph pairs of
 * the samples and the shared corpus, 0.323 (0.266 for the legal text,
 * 0.34-0.38 for news). Latin letters and digits inside Chinese count this
 * much each. */
#define TME_LENGTH_RATIO 0.325
/* How far a Chinese length strays from TME_LENGTH_RATIO times the
 * English one: its variance is TME_LENGTH_VARIANCE per English unit (in
 * Chinese units squared) plus the square of TME_LENGTH_SPREAD times the
 * expected length, since translators restructure in proportion to what
 * they translate. Fitted on the gold sentence units and paragraph pairs
 * together, the variance is nearly all relative (a relative standard
 * deviation of 0.16 to 0.21); the per-unit term keeps short texts from
 * being judged too strictly. Pairing adds a floor for one-word headings. */
#define TME_LENGTH_VARIANCE 0.3
#define TME_LENGTH_SPREAD 0.2

static inline double tme_length_variance(double en_units)
{
    double relative = TME_LENGTH_SPREAD * TME_LENGTH_RATIO * en_units;
    return TME_LENGTH_VARIANCE * en_units + relative * relative;
}

typedef enum {
    TME_ANCHOR_NUMBER, /* key: the value in thousandths (numbers.h) */
    TME_ANCHOR_DECADE, /* "1980s", "80年代"; key: the last two digits */
    TME_ANCHOR_LATIN   /* key: hash of the NFKC-case-folded token */
} tme_anchor_kind;

/* A number in Han numerals: it confirms a match, but its absence proves
 * nothing (十分 "very" and 百姓 "people" read as numbers too). */
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
    /* Its lexical items in tme_features.lemmas, sorted and distinct (none
     * without a lexicon), and (English) how many content words it has,
     * known to the lexicon or not. */
    size_t lemma_begin, lemma_end;
    size_t content_words;
    /* Chinese: its words (lexicon.h, tme_lexicon_words_zh) in
     * tme_features.words, in text order. */
    size_t word_begin, word_end;
} tme_sentence_features;

typedef struct {
    tme_lang lang;
    double length;  /* of the whole text, in calibrated units */
    int navigation; /* separators or spaced short words: a menu, breadcrumb or widget
                       (what pairing asks: tme_features_of_paragraph sets it) */
    tme_anchor *anchors;
    size_t n_anchors, cap_anchors;
    tme_sentence_features *sentences;
    size_t n_sentences, cap_sentences;
    const tme_lexicon *lexicon; /* what the lemma ids refer to; NULL: none */
    uint32_t *lemmas;
    size_t n_lemmas, cap_lemmas;
    uint32_t *words; /* Chinese headword ids */
    size_t n_words, cap_words;
} tme_features;

/* What reading texts one after another reuses: the decoding, the
 * sentences' spans, the folding of a sentence, the lexicon's scratch, the
 * arrays a text's anchors and lexical items are gathered in before they
 * are copied out at their size, and the runs the whole text's lemmas are
 * merged in (the paragraphs of an article: a malloc, a free and the
 * growing of each, for each paragraph, were a fiftieth of extract's
 * instructions). Zero-initialize; free with tme_features_scratch_free. */
typedef struct {
    tme_codepoints_room decoded;
    tme_span *spans;
    size_t cap_spans;
    tme_cp_buffer folded;
    tme_lexicon_en en;
    tme_lexicon_zh zh;
    tme_lexicon_zh_words words;
    tme_anchor *anchors;
    size_t cap_anchors;
    uint32_t *lemmas;
    size_t cap_lemmas;
    uint32_t *word_ids;
    size_t cap_word_ids;
    size_t *bounds; /* the merging's runs, and its spare room */
    size_t cap_bounds;
    uint32_t *spare;
    size_t cap_spare;
} tme_features_scratch;

void tme_features_scratch_free(tme_features_scratch *s);

/* The whole text as one unit (one sentence), as paragraph pairing reads it:
 * the same rules, so the anchors are those of the text's sentences and the
 * length their sum. scratch: what the reading reuses, or NULL (its own).
 * *out is overwritten (a reading before is freed first, unlike
 * tme_features_of_paragraph_and_sentences, which reuses it). */
tme_status tme_features_of_paragraph(const char *text, size_t len, tme_lang lang,
                                     const tme_lexicon *lexicon, tme_features_scratch *scratch,
                                     tme_features *out, tme_error *err);

/* Both readings from one decoding: the whole text as
 * tme_features_of_paragraph reads it and its sentences as
 * tme_features_of_sentences does, for pairing, which measures every
 * paragraph, and alignment, which then reads the sentences of those paired.
 * The whole text's lexical items are its sentences' merged when nothing
 * between them holds one and none runs across (nearly always), else read
 * again: the same items either way. scratch as tme_features_of_paragraph's.
 * *paragraph is zeroed, or the paragraph of a call before, whose memory is
 * reused (a caller that reads many keeps one). Both are freed with
 * tme_features_free; on failure neither needs it. */
tme_status tme_features_of_paragraph_and_sentences(const char *text, size_t len, tme_lang lang,
                                                   const tme_lexicon *lexicon,
                                                   tme_features_scratch *scratch,
                                                   tme_features *paragraph, tme_features *sentences,
                                                   tme_error *err);

/* The text's sentences (tme_segment's, from the same decoding) and their
 * features; lexical items when lexicon is not NULL (likewise below). */
tme_status tme_features_of_sentences(const char *text, size_t len, tme_lang lang,
                                     const tme_lexicon *lexicon, tme_features *out, tme_error *err);

/* The same for sentences given as spans into text[0..len) (in order, not
 * overlapping, within the text). */
tme_status tme_features_of_spans(const char *text, size_t len, tme_lang lang, const tme_span *spans,
                                 size_t n_spans, const tme_lexicon *lexicon, tme_features *out,
                                 tme_error *err);

/* Appends src's sentences (with their anchors and lexical items) to dst,
 * which then holds the sentences of several texts: their spans keep
 * referring to their own texts. dst starts zeroed, or as a copy of lang and
 * lexicon; it is freed with tme_features_free. */
tme_status tme_features_append(tme_features *dst, const tme_features *src, tme_error *err);

void tme_features_free(tme_features *f);

#endif
