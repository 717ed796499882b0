/* SPDX-License-Identifier: MIT */
/* The features pass (text_features.h) and what it is built from: character
 * classes, decoding, NFKC case folding, lengths, anchors, sentences. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "charclass.h"
#include "codepoints.h"
#include "fold.h"
#include "lexicon.h"
#include "paragraph.h"
#include "segment.h"
#include "test_support.h"
#include "text_features.h"

/* ---- helpers ----------------------------------------------------------- */

/* The features of text read as one sentence. */
static tme_features one_sentence(const char *text, tme_lang lang)
{
    tme_features f;
    tme_error err = {TME_OK, ""};
    tme_span span = {0, strlen(text)};
    CU_ASSERT_EQUAL_FATAL(tme_features_of_spans(text, span.end, lang, &span, 1, NULL, &f, &err),
                          TME_OK);
    CU_ASSERT_EQUAL_FATAL(f.n_sentences, 1);
    return f;
}

static size_t count_kind(const tme_features *f, tme_anchor_kind kind)
{
    size_t n = 0;
    for (size_t k = 0; k < f->n_anchors; k++)
        n += f->anchors[k].kind == kind;
    return n;
}

static int has_anchor(const tme_features *f, tme_anchor a)
{
    for (size_t k = 0; k < f->n_anchors; k++)
        if (f->anchors[k].kind == a.kind && f->anchors[k].key == a.key)
            return 1;
    return 0;
}

/* 1 when the two texts have numbers (or decades), and every one of either
 * has an equal one in the other. */
static int same_numbers(const char *a_text, tme_lang a_lang, const char *b_text, tme_lang b_lang)
{
    tme_features a = one_sentence(a_text, a_lang), b = one_sentence(b_text, b_lang);
    int same = count_kind(&a, TME_ANCHOR_NUMBER) + count_kind(&a, TME_ANCHOR_DECADE) > 0;
    for (size_t k = 0; k < a.n_anchors && same; k++)
        same = a.anchors[k].kind == TME_ANCHOR_LATIN || has_anchor(&b, a.anchors[k]);
    for (size_t k = 0; k < b.n_anchors && same; k++)
        same = b.anchors[k].kind == TME_ANCHOR_LATIN || has_anchor(&a, b.anchors[k]);
    tme_features_free(&a);
    tme_features_free(&b);
    return same;
}

/* The key of the only Latin token of text. */
static uint64_t latin_key(const char *text, tme_lang lang)
{
    tme_features f = one_sentence(text, lang);
    CU_ASSERT_EQUAL_FATAL(count_kind(&f, TME_ANCHOR_LATIN), 1);
    uint64_t key = 0;
    for (size_t k = 0; k < f.n_anchors; k++)
        if (f.anchors[k].kind == TME_ANCHOR_LATIN)
            key = f.anchors[k].key;
    tme_features_free(&f);
    return key;
}

/* ---- character classes -------------------------------------------------- */

/* The ASCII fast paths give utf8proc's answers, and so does everything else
 * (a sample of the BMP); -1 (an invalid byte) is nothing. */
static void test_classes_agree_with_utf8proc(void)
{
    size_t wrong = 0;
    for (int c = -1; c < 0x10000; c = c < 0x100 ? c + 1 : c + 97) {
        utf8proc_category_t k = utf8proc_category(c);
        int space = (c >= 0 && ((c >= 9 && c <= 13) || c == 0x85)) || k == UTF8PROC_CATEGORY_ZS ||
                    k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
        int letter = k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
        int upper = k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
        int lower = k == UTF8PROC_CATEGORY_LL;
        int digit = k == UTF8PROC_CATEGORY_ND;
        int punct = k >= UTF8PROC_CATEGORY_PC && k <= UTF8PROC_CATEGORY_PO;
        wrong += tme_is_space(c) != space || tme_is_letter(c) != letter ||
                 tme_is_upper(c) != upper || tme_is_lower(c) != lower ||
                 tme_is_cased_letter(c) != (upper || lower) || tme_is_digit(c) != digit ||
                 tme_is_punctuation(c) != punct;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT(tme_is_space(0x3000) && tme_is_space(0x2028) && tme_is_space(0xA0));
    CU_ASSERT(!tme_is_space(0x200B)); /* zero width space is a format character */
    CU_ASSERT(tme_is_han(0x4E2D) && !tme_is_han(0x3002) && tme_is_cjk_punctuation(0x3002));
    CU_ASSERT(tme_is_fullwidth_alnum(0xFF24) && !tme_is_fullwidth_alnum(0xFF0C));
    CU_ASSERT(tme_is_latin_letter(0xE9) && !tme_is_latin_letter(0x3B1));
}

/* ---- decoding and folding ------------------------------------------------ */

/* tme_iterate's inline paths answer as utf8proc_iterate does, for every
 * sequence of one to three bytes that starts with an ASCII or a
 * three-byte lead, at every remaining length. */
static void test_iterate_agrees_with_utf8proc(void)
{
    size_t wrong = 0;
    for (unsigned b0 = 0; b0 < 0xF0; b0 = b0 == 0x7F ? 0xE0 : b0 + 1)
        for (unsigned b1 = 0; b1 < 0x100; b1++)
            for (unsigned b2 = 0; b2 < 0x100; b2++) {
                const utf8proc_uint8_t s[4] = {(utf8proc_uint8_t)b0, (utf8proc_uint8_t)b1,
                                               (utf8proc_uint8_t)b2, 0x80};
                for (utf8proc_ssize_t len = 1; len <= 4; len++) {
                    utf8proc_int32_t a = -2, b = -2;
                    utf8proc_ssize_t na = tme_iterate(s, len, &a),
                                     nb = utf8proc_iterate(s, len, &b);
                    wrong += na != nb || (na > 0 && a != b);
                }
                if (b0 < 0x80)
                    break; /* ASCII: the bytes after it do not matter */
            }
    CU_ASSERT_EQUAL(wrong, 0);
}

static void test_decode_offsets_and_invalid_bytes(void)
{
    const char text[] = "a\xE4\xB8\xAD\xFF"
                        "b"; /* a 中 (invalid) b */
    tme_codepoints d;
    CU_ASSERT_EQUAL_FATAL(tme_codepoints_decode(text, sizeof text - 1, 1, &d, NULL), TME_OK);
    CU_ASSERT_EQUAL_FATAL(d.n, 4);
    CU_ASSERT(d.cp[0] == 'a' && d.cp[1] == 0x4E2D && d.cp[2] == -1 && d.cp[3] == 'b');
    CU_ASSERT(d.off[1] == 1 && d.off[2] == 4 && d.off[3] == 5 && d.off[4] == 6);
    CU_ASSERT_EQUAL(tme_codepoints_at(&d, 4), 2);
    CU_ASSERT_EQUAL(tme_codepoints_at(&d, 2), 2); /* inside 中: the next character */
    tme_codepoints_free(&d);
}

/* The UTF-8 of text's NFKC case folding. */
static char *folded(const char *text)
{
    tme_codepoints d;
    CU_ASSERT_EQUAL_FATAL(tme_codepoints_decode(text, strlen(text), 0, &d, NULL), TME_OK);
    tme_cp_buffer out = {NULL, 0, 0};
    CU_ASSERT_EQUAL_FATAL(tme_fold(d.cp, d.n, text, strlen(text), &out, NULL), TME_OK);
    char *utf8 = malloc(4 * out.n + 1);
    CU_ASSERT_FATAL(utf8 != NULL);
    size_t n = 0;
    for (size_t k = 0; k < out.n; k++)
        n += (size_t)utf8proc_encode_char(out.cp[k], (utf8proc_uint8_t *)utf8 + n);
    utf8[n] = '\0';
    tme_cp_buffer_free(&out);
    tme_codepoints_free(&d);
    return utf8;
}

static void check_fold(const char *in, const char *expected)
{
    char *got = folded(in);
    CU_ASSERT_STRING_EQUAL(got, expected);
    free(got);
}

static void test_nfkc_case_folding(void)
{
    /* ＤｅｅｐＳｅｅｋ */
    check_fold("\xEF\xBC\xA4\xEF\xBD\x85\xEF\xBD\x85\xEF\xBD\x90\xEF\xBC\xB3\xEF\xBD\x85\xEF\xBD"
               "\x85\xEF\xBD\x8B",
               "deepseek");
    check_fold("DeepSeek", "deepseek");
    /* １２３，中文。: full-width digits and comma become ASCII, Han stays */
    check_fold("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x8C\xE4\xB8\xAD\xE6\x96\x87\xE3\x80"
               "\x82",
               "123,\xE4\xB8\xAD\xE6\x96\x87\xE3\x80\x82");
    /* Cafe + combining acute composes: the whole-text path */
    check_fold("Cafe\xCC\x81", "caf\xC3\xA9");
    check_fold("\xEF\xAC\x81le", "file"); /* ﬁ ligature */
    check_fold("a\xFF"
               "b",
               ""); /* not UTF-8: no evidence */
    check_fold("", "");
}

/* ---- lengths, marks, sentences ------------------------------------------ */

static void test_lengths_in_calibrated_units(void)
{
    tme_features en = one_sentence("Hello,  world.\t(1)", TME_LANG_EN);
    CU_ASSERT_DOUBLE_EQUAL(en.length, 15.0, 1e-9); /* whitespace left out */
    CU_ASSERT_DOUBLE_EQUAL(en.sentences[0].length, 15.0, 1e-9);
    CU_ASSERT_EQUAL(en.sentences[0].marks, TME_MARK_PAREN);
    tme_features_free(&en);

    /* 中文 “引号”：Han and Chinese marks count one each */
    tme_features zh = one_sentence("\xE4\xB8\xAD\xE6\x96\x87 \xE2\x80\x9C\xE5\xBC\x95\xE5\x8F\xB7"
                                   "\xE2\x80\x9D\xEF\xBC\x9A",
                                   TME_LANG_ZH);
    CU_ASSERT_DOUBLE_EQUAL(zh.length, 7.0, 1e-9);
    CU_ASSERT_EQUAL(zh.sentences[0].marks, TME_MARK_QUOTE);
    tme_features_free(&zh);

    /* Latin letters and digits inside Chinese are in English units already:
     * "AI模型" is two letters at the ratio plus two Han. */
    tme_features mixed = one_sentence("AI\xE6\xA8\xA1\xE5\x9E\x8B 2024", TME_LANG_ZH);
    CU_ASSERT_DOUBLE_EQUAL(mixed.length, 2.0 + 6 * TME_LENGTH_RATIO, 1e-9);
    tme_features_free(&mixed);
    /* ...and so are full-width ones, which are letters all the same: ＡＩ */
    tme_features wide = one_sentence("\xEF\xBC\xA1\xEF\xBC\xA9", TME_LANG_ZH);
    CU_ASSERT_DOUBLE_EQUAL(wide.length, 2 * TME_LENGTH_RATIO, 1e-9);
    tme_features_free(&wide);
    /* In English every character that is not whitespace counts one,
     * no-break spaces and ideographic spaces are whitespace. */
    tme_features nbsp = one_sentence("a\xC2\xA0"
                                     "b\xE3\x80\x80"
                                     "c",
                                     TME_LANG_EN);
    CU_ASSERT_DOUBLE_EQUAL(nbsp.length, 3.0, 1e-9);
    tme_features_free(&nbsp);
}

/* The sentences are the segmenter's, from the same decoding; each anchor
 * belongs to the sentence it stands in. */
static void test_sentences_and_their_anchors(void)
{
    const char *text = "Sales rose 12% in 2023. DeepSeek grew too.  Nothing else.";
    tme_span *spans;
    size_t n;
    CU_ASSERT_EQUAL_FATAL(tme_segment(text, strlen(text), TME_LANG_EN, &spans, &n, NULL), TME_OK);
    tme_features f;
    CU_ASSERT_EQUAL_FATAL(
        tme_features_of_sentences(text, strlen(text), TME_LANG_EN, NULL, &f, NULL), TME_OK);
    CU_ASSERT_EQUAL_FATAL(f.n_sentences, n);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    double total = 0;
    for (size_t k = 0; k < n; k++) {
        CU_ASSERT(f.sentences[k].span.start == spans[k].start &&
                  f.sentences[k].span.end == spans[k].end);
        total += f.sentences[k].length;
    }
    CU_ASSERT_DOUBLE_EQUAL(f.length, total, 1e-9);
    const tme_sentence_features *s = f.sentences;
    /* 12, 2023 and the words sales, rose, in */
    CU_ASSERT_EQUAL(s[0].anchor_end - s[0].anchor_begin, 5);
    CU_ASSERT(s[1].anchor_begin == s[0].anchor_end && s[2].anchor_begin == s[1].anchor_end);
    CU_ASSERT_EQUAL(s[2].anchor_end, f.n_anchors);
    free(spans);
    tme_features_free(&f);
}

/* ---- anchors ------------------------------------------------------------- */

static void test_number_keys(void)
{
    CU_ASSERT(same_numbers("2,000", TME_LANG_EN, "2000", TME_LANG_ZH));
    CU_ASSERT(same_numbers("16,000", TME_LANG_EN, "1.6\xE4\xB8\x87", TME_LANG_ZH)); /* 1.6万 */
    CU_ASSERT(same_numbers("16 thousand", TME_LANG_EN, "1.6\xE4\xB8\x87", TME_LANG_ZH));
    CU_ASSERT(same_numbers("3.5 billion", TME_LANG_EN, "35\xE4\xBA\xBF", TME_LANG_ZH)); /* 35亿 */
    CU_ASSERT(same_numbers("$5bn", TME_LANG_EN, "50\xE4\xBA\xBF", TME_LANG_ZH));        /* 50亿 */
    CU_ASSERT(same_numbers("the 1980s", TME_LANG_EN, "80\xE5\xB9\xB4\xE4\xBB\xA3",
                           TME_LANG_ZH)); /* 80年代 */
    CU_ASSERT(same_numbers("3.50", TME_LANG_EN, "3.5", TME_LANG_ZH));
    /* Full-width digits fold to ASCII: １９４２ */
    CU_ASSERT(same_numbers("1942", TME_LANG_EN,
                           "\xEF\xBC\x91\xEF\xBC\x99\xEF\xBC\x94\xEF\xBC"
                           "\x92",
                           TME_LANG_ZH));
    /* Han numerals: 一九四二, 两千, 三十亿, 一百一十, 八十年代, 3千万 */
    CU_ASSERT(same_numbers("1942", TME_LANG_EN, "\xE4\xB8\x80\xE4\xB9\x9D\xE5\x9B\x9B\xE4\xBA\x8C",
                           TME_LANG_ZH));
    CU_ASSERT(same_numbers("2,000", TME_LANG_EN, "\xE4\xB8\xA4\xE5\x8D\x83", TME_LANG_ZH));
    CU_ASSERT(same_numbers("3 billion", TME_LANG_EN, "\xE4\xB8\x89\xE5\x8D\x81\xE4\xBA\xBF",
                           TME_LANG_ZH));
    CU_ASSERT(same_numbers("110", TME_LANG_EN, "\xE4\xB8\x80\xE7\x99\xBE\xE4\xB8\x80\xE5\x8D\x81",
                           TME_LANG_ZH));
    CU_ASSERT(same_numbers("1980s", TME_LANG_EN, "\xE5\x85\xAB\xE5\x8D\x81\xE5\xB9\xB4\xE4\xBB\xA3",
                           TME_LANG_ZH));
    CU_ASSERT(same_numbers("30 million", TME_LANG_EN, "3\xE5\x8D\x83\xE4\xB8\x87", TME_LANG_ZH));
    CU_ASSERT(!same_numbers("2,000", TME_LANG_EN, "200", TME_LANG_ZH));
    CU_ASSERT(!same_numbers("16 thousand", TME_LANG_EN, "16", TME_LANG_ZH));
    CU_ASSERT(!same_numbers("1980", TME_LANG_EN, "1980s", TME_LANG_EN));
    CU_ASSERT(!same_numbers("5 m", TME_LANG_EN, "5m", TME_LANG_EN)); /* m only attached */
}

/* Han numerals are soft anchors; a lone 一 (mostly "a") and numbers too
 * long to be quantities are none. */
static void test_number_anchor_flags(void)
{
    /* 十分 */
    tme_features very = one_sentence("\xE5\x8D\x81\xE5\x88\x86", TME_LANG_ZH);
    CU_ASSERT_EQUAL_FATAL(very.n_anchors, 1);
    CU_ASSERT_EQUAL(very.anchors[0].flags, TME_ANCHOR_SOFT);
    CU_ASSERT_EQUAL(very.anchors[0].key, 10 * 1000);
    tme_features_free(&very);
    /* 一个 */
    tme_features one = one_sentence("\xE4\xB8\x80\xE4\xB8\xAA", TME_LANG_ZH);
    CU_ASSERT_EQUAL(one.n_anchors, 0);
    tme_features_free(&one);
    tme_features digits = one_sentence("12", TME_LANG_ZH);
    CU_ASSERT_EQUAL_FATAL(digits.n_anchors, 1);
    CU_ASSERT_EQUAL(digits.anchors[0].flags, 0);
    tme_features_free(&digits);
    tme_features id = one_sentence("ID 12345678901234567890123", TME_LANG_EN);
    CU_ASSERT_EQUAL(count_kind(&id, TME_ANCHOR_NUMBER), 0);
    tme_features_free(&id);
    tme_features pi = one_sentence("3.14159", TME_LANG_EN);
    CU_ASSERT_EQUAL_FATAL(pi.n_anchors, 1);
    CU_ASSERT_EQUAL(pi.anchors[0].key, 3142); /* thousandths, rounded */
    tme_features_free(&pi);
}

static void test_latin_tokens(void)
{
    uint64_t plain = latin_key("DeepSeek", TME_LANG_EN);
    /* ＤｅｅｐＳｅｅｋ发布 */
    CU_ASSERT_EQUAL(latin_key("\xEF\xBC\xA4\xEF\xBD\x85\xEF\xBD\x85\xEF\xBD\x90\xEF\xBC\xB3\xEF"
                              "\xBD\x85\xEF\xBD\x85\xEF\xBD\x8B\xE5\x8F\x91\xE5\xB8\x83",
                              TME_LANG_ZH),
                    plain);
    CU_ASSERT_EQUAL(latin_key("DEEPSEEK.", TME_LANG_ZH), plain);
    CU_ASSERT(latin_key("DeepMind", TME_LANG_EN) != plain);
    /* Letters then letters and digits: K8s and Ｋ８ｓ are one token */
    CU_ASSERT_EQUAL(latin_key("K8s", TME_LANG_EN),
                    latin_key("\xEF\xBC\xAB\xEF\xBC\x98\xEF\xBD\x93", TME_LANG_ZH));
    tme_features gpt = one_sentence("GPT-4", TME_LANG_EN);
    CU_ASSERT(count_kind(&gpt, TME_ANCHOR_LATIN) == 1 && count_kind(&gpt, TME_ANCHOR_NUMBER) == 1);
    tme_features_free(&gpt);
    tme_features one_letter = one_sentence("a", TME_LANG_ZH);
    CU_ASSERT_EQUAL(count_kind(&one_letter, TME_ANCHOR_LATIN), 0);
    tme_features_free(&one_letter);
}

/* ---- one reading for both consumers ---------------------------------- */

/* Pairing reads a paragraph whole (tme_features_of_paragraph), the aligner
 * by sentences (tme_features_of_sentences): the same anchors, in the same
 * order, and the same length. */
static void check_same_reading(const char *text, size_t len, tme_lang lang)
{
    tme_features whole, parts;
    CU_ASSERT_EQUAL_FATAL(tme_features_of_paragraph(text, len, lang, NULL, NULL, &whole, NULL),
                          TME_OK);
    CU_ASSERT_EQUAL_FATAL(tme_features_of_sentences(text, len, lang, NULL, &parts, NULL), TME_OK);
    int same = whole.n_anchors == parts.n_anchors &&
               (parts.n_sentences == 0 || parts.sentences[0].anchor_begin == 0);
    for (size_t k = 0; k < whole.n_anchors && same; k++)
        same = whole.anchors[k].key == parts.anchors[k].key &&
               whole.anchors[k].kind == parts.anchors[k].kind &&
               whole.anchors[k].flags == parts.anchors[k].flags;
    if (!same)
        fprintf(stderr, "\n  anchors differ: [%.*s]\n", (int)len, text);
    CU_ASSERT(same);
    CU_ASSERT_DOUBLE_EQUAL(whole.length, parts.length, 1e-6);
    tme_features_free(&whole);
    tme_features_free(&parts);
}

/* Calls check on every English or Chinese paragraph of the article at
 * path (a source-tree path); returns how many. */
static size_t check_paragraphs(const char *path,
                               void (*check)(const char *text, size_t len, tme_lang lang,
                                             const tme_lexicon *lex),
                               const tme_lexicon *lex)
{
    size_t len, checked = 0;
    char *text = tme_test_read_file(tme_test_source_path(path), &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    tme_paragraphs paragraphs;
    CU_ASSERT_EQUAL_FATAL(tme_split_paragraphs(text, len, &paragraphs, NULL), TME_OK);
    for (size_t k = 0; k < paragraphs.count; k++) {
        const tme_paragraph *p = &paragraphs.items[k];
        if (p->script == TME_SCRIPT_OTHER)
            continue;
        check(p->text, p->len, p->script == TME_SCRIPT_HAN ? TME_LANG_ZH : TME_LANG_EN, lex);
        checked++;
    }
    tme_paragraphs_free(&paragraphs);
    free(text);
    return checked;
}

static void check_same_reading_of(const char *text, size_t len, tme_lang lang,
                                  const tme_lexicon *lex)
{
    (void)lex;
    check_same_reading(text, len, lang);
}

static void test_pairing_and_alignment_read_alike(void)
{
    const char *en = "DeepSeek's R1 cost $5.6 million. In the 1980s, 3.5 billion people. K8s!";
    check_same_reading(en, strlen(en), TME_LANG_EN);
    /* DeepSeek的R1花费560万美元。一九四二年，两千人！Ｋ８ｓ。 */
    const char *zh = "DeepSeek\xE7\x9A\x84R1\xE8\x8A\xB1\xE8\xB4\xB9"
                     "560\xE4\xB8\x87\xE7\xBE\x8E"
                     "\xE5\x85\x83\xE3\x80\x82\xE4\xB8\x80\xE4\xB9\x9D\xE5\x9B\x9B\xE4\xBA\x8C\xE5"
                     "\xB9\xB4\xEF\xBC\x8C\xE4\xB8\xA4\xE5\x8D\x83\xE4\xBA\xBA\xEF\xBC\x81\xEF\xBC"
                     "\xAB\xEF\xBC\x98\xEF\xBD\x93\xE3\x80\x82";
    check_same_reading(zh, strlen(zh), TME_LANG_ZH);
    /* Every paragraph of every sample article. */
    const char *articles[] = {
        "samples/deepseek-bilingual.txt", "samples/un-charter-ch1-3/article.txt",
        "samples/k8s-docs-overview/article.txt", "samples/python-tutorial-appetite/article.txt"};
    size_t checked = 0;
    for (size_t a = 0; a < sizeof articles / sizeof articles[0]; a++)
        checked += check_paragraphs(articles[a], check_same_reading_of, NULL);
    CU_ASSERT(checked > 200);
}

/* ---- both readings from one pass --------------------------------------- */

static int same_ids(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0);
}

/* Everything a reading holds, sentence by sentence, bit for bit. */
static int same_features(const tme_features *a, const tme_features *b)
{
    if (a->length != b->length || a->navigation != b->navigation ||
        a->n_sentences != b->n_sentences || a->n_anchors != b->n_anchors ||
        !same_ids(a->lemmas, a->n_lemmas, b->lemmas, b->n_lemmas) ||
        !same_ids(a->words, a->n_words, b->words, b->n_words))
        return 0;
    for (size_t k = 0; k < a->n_anchors; k++)
        if (a->anchors[k].key != b->anchors[k].key || a->anchors[k].kind != b->anchors[k].kind ||
            a->anchors[k].flags != b->anchors[k].flags)
            return 0;
    for (size_t k = 0; k < a->n_sentences; k++) {
        const tme_sentence_features *x = &a->sentences[k], *y = &b->sentences[k];
        if (x->span.start != y->span.start || x->span.end != y->span.end ||
            x->length != y->length || x->marks != y->marks || x->anchor_begin != y->anchor_begin ||
            x->anchor_end != y->anchor_end || x->lemma_begin != y->lemma_begin ||
            x->lemma_end != y->lemma_end || x->content_words != y->content_words ||
            x->word_begin != y->word_begin || x->word_end != y->word_end)
            return 0;
    }
    return 1;
}

/* What a caller reading many texts keeps from one to the next. */
typedef struct {
    tme_features_scratch scratch;
    tme_features whole;
} kept_reading;

static void free_kept(kept_reading *k)
{
    tme_features_scratch_free(&k->scratch);
    tme_features_free(&k->whole);
}

/* tme_features_of_paragraph_and_sentences gives what the two readings give
 * (into memory that another reading may have left). */
static void check_one_pass(const char *text, size_t len, tme_lang lang, const tme_lexicon *lex,
                           kept_reading *kept)
{
    tme_features whole, parts, one_parts, *one_whole = &kept->whole;
    tme_error err;
    tme_error_clear(&err);
    CU_ASSERT_EQUAL_FATAL(tme_features_of_paragraph(text, len, lang, lex, NULL, &whole, &err),
                          TME_OK);
    CU_ASSERT_EQUAL_FATAL(tme_features_of_sentences(text, len, lang, lex, &parts, &err), TME_OK);
    CU_ASSERT_EQUAL_FATAL(tme_features_of_paragraph_and_sentences(
                              text, len, lang, lex, &kept->scratch, one_whole, &one_parts, &err),
                          TME_OK);
    int same = same_features(&whole, one_whole) && same_features(&parts, &one_parts);
    if (!same)
        fprintf(stderr, "\n  one pass differs: [%.*s]\n", (int)len, text);
    CU_ASSERT(same);
    tme_features_free(&whole);
    tme_features_free(&parts);
    tme_features_free(&one_parts);
}

/* What one article's readings keep, as pairing keeps it from paragraph to
 * paragraph (check_paragraphs' callbacks have no context of their own). */
static kept_reading article_kept;

static void check_one_pass_in_article(const char *text, size_t len, tme_lang lang,
                                      const tme_lexicon *lex)
{
    check_one_pass(text, len, lang, lex, &article_kept);
    check_one_pass(text, len, lang, NULL, &article_kept);
}

static void test_one_pass_reads_both_ways(void)
{
    const tme_lexicon *lex = tme_test_cedict();
    /* Where the sentences' items are not the whole text's, the whole text
     * is read again: sentences with no space between ("end.Next"), a
     * no-break space between them, a Chinese word across a cut. */
    static const struct {
        const char *text;
        tme_lang lang;
    } texts[] = {
        {"The river rose.The city flooded, and people left their homes.", TME_LANG_EN},
        {"The river rose.\xC2\xA0People left. Homes were lost.", TME_LANG_EN},
        {"  Leading and trailing spaces. Two sentences here.  ", TME_LANG_EN},
        /* 河水上涨了。城市被淹没，人们离开了家园！ */
        {"\xE6\xB2\xB3\xE6\xB0\xB4\xE4\xB8\x8A\xE6\xB6\xA8\xE4\xBA\x86\xE3\x80\x82"
         "\xE5\x9F\x8E\xE5\xB8\x82\xE8\xA2\xAB\xE6\xB7\xB9\xE6\xB2\xA1\xEF\xBC\x8C"
         "\xE4\xBA\xBA\xE4\xBB\xAC\xE7\xA6\xBB\xE5\xBC\x80\xE4\xBA\x86\xE5\xAE\xB6"
         "\xE5\x9B\xAD\xEF\xBC\x81",
         TME_LANG_ZH},
        /* 河水上涨了 城市被淹没 (a space, then a line break between) */
        {"\xE6\xB2\xB3\xE6\xB0\xB4\xE4\xB8\x8A\xE6\xB6\xA8\xE4\xBA\x86 \n"
         "\xE5\x9F\x8E\xE5\xB8\x82\xE8\xA2\xAB\xE6\xB7\xB9\xE6\xB2\xA1",
         TME_LANG_ZH},
        /* two sentences and not one lexical item: nothing to merge */
        {"Xyzzy qwrtp blorf. Plugh frobnitz zorkmid.", TME_LANG_EN},
        {"", TME_LANG_EN},
        {" ", TME_LANG_ZH},
        {"\xFF\xFE invalid bytes. Then words.", TME_LANG_EN},
        {"Growth was 3.5 percent. In 2019, 40 people (about 1.5%) left.5 more came.", TME_LANG_EN},
        /* 突破?DeepSeek引爆2019年。“真的!”他说：3.5亿 */
        {"\xE7\xAA\x81\xE7\xA0\xB4?DeepSeek\xE5\xBC\x95\xE7\x88\x86"
         "2019\xE5\xB9\xB4\xE3\x80\x82\xE2\x80\x9C\xE7\x9C\x9F\xE7\x9A\x84!\xE2\x80\x9D"
         "\xE4\xBB\x96\xE8\xAF\xB4\xEF\xBC\x9A"
         "3.5\xE4\xBA\xBF",
         TME_LANG_ZH}};
    kept_reading kept = {0}; /* one for all, as an article's paragraphs share one */
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        size_t len = strlen(texts[k].text);
        check_one_pass(texts[k].text, len, texts[k].lang, lex, &kept);
        /* read as the other language too: other cuts, other items */
        check_one_pass(texts[k].text, len, texts[k].lang == TME_LANG_EN ? TME_LANG_ZH : TME_LANG_EN,
                       lex, &kept);
    }
    free_kept(&kept);
    /* Every paragraph of every sample article. */
    const char *articles[] = {"samples/deepseek-bilingual.txt",
                              "samples/un-charter-ch1-3/article.txt",
                              "samples/un-charter-ch1-3-zh-first/article.txt",
                              "samples/k8s-docs-overview/article.txt",
                              "samples/k8s-blog-boilerplate/article.txt",
                              "samples/k8s-blog-dont-panic/article.txt",
                              "samples/python-tutorial-appetite/article.txt",
                              "samples/python-tutorial-appetite-zh-tw/article.txt",
                              "samples/python-tutorial-classes-zh-tw/article.txt"};
    size_t checked = 0;
    for (size_t a = 0; a < sizeof articles / sizeof articles[0]; a++) {
        checked += check_paragraphs(articles[a], check_one_pass_in_article, lex);
        free_kept(&article_kept); /* one scratch an article, as pairing keeps it */
    }
    CU_ASSERT(checked >= 700);
    tme_test_cedict_free();
}

static CU_TestInfo tests[] = {
    {"character classes agree with utf8proc", test_classes_agree_with_utf8proc},
    {"UTF-8 iteration agrees with utf8proc", test_iterate_agrees_with_utf8proc},
    {"decoding: offsets, invalid bytes", test_decode_offsets_and_invalid_bytes},
    {"NFKC case folding", test_nfkc_case_folding},
    {"lengths in calibrated units, marks", test_lengths_in_calibrated_units},
    {"sentences and their anchors", test_sentences_and_their_anchors},
    {"number keys", test_number_keys},
    {"number anchors: soft, none", test_number_anchor_flags},
    {"Latin tokens", test_latin_tokens},
    {"pairing and alignment read alike", test_pairing_and_alignment_read_alike},
    {"one pass reads paragraph and sentences", test_one_pass_reads_both_ways},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    return tme_run_suite("features", tests);
}
