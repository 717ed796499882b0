/* SPDX-License-Identifier: MIT */
/* The XML writers (TMX 1.4, XLIFF 1.2, XLIFF 2.0) and the XML character
 * filter. Every file written here is validated with libxml2 against the
 * schemas in the repository's schemas/ (no network), then read back and
 * compared with what was written. */
#include "test_support.h"

#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/valid.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <zlib.h>

#include "format.h"
#include "hash.h"
#include "writer.h"
#include "xml_output.h"
#include "xml_validate.h"
#include "xmlchars.h"

extern const tme_output_format tme_output_tmx;
extern const tme_output_format tme_output_xliff12;
extern const tme_output_format tme_output_xliff2;

#define FIXED_TIME ((time_t)1700000000) /* 2023-11-14T22:13:20Z */
#define XLIFF12_NS "urn:oasis:names:tc:xliff:document:1.2"
#define XLIFF2_NS "urn:oasis:names:tc:xliff:document:2.0"

/* ---- input ---------------------------------------------------------------- */

typedef struct {
    const char *name;
    const char *const *sources; /* NULL-terminated; targets run in parallel */
    const char *const *targets;
} test_document;

static const char *const plain_sources[] = {"The first sentence.", "A second one.", NULL};
static const char *const plain_targets[] = {"第一句。", "第二句。", NULL};

/* Raw adversarial text, as a broken input might carry it: the writers must
 * drop what XML forbids even if the pipeline did not. */
static const char *const hostile_sources[] = {
    "Tom & Jerry <b>bold</b> \"double\" 'single' ]]> &amp;",
    "C0:\x01\x02\x03\x04\x05\x06\x07\x08|\t|\x0b\x0c|\r\n|\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
    "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f:end",
    "nonchars \xef\xbf\xbe and \xef\xbf\xbf, surrogate \xed\xa0\x80 and bad \xff\xc0 bytes",
    "  leading and trailing spaces, \t tab  ",
    "",
    NULL,
};
static const char *const hostile_targets[] = {
    "表情 \xf0\x9f\x98\x80 and astral Han \xf0\xa0\x80\x80\xf0\xaa\x9a\xa5",
    "RLM \xe2\x80\x8f \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 LRM "
    "\xe2\x80\x8e",
    "一\r\n二\n三\r",
    "   ",
    "非空",
    NULL,
};

static char *long_segment; /* about 1 MB, built once */

static const char *const *long_sources(void)
{
    static const char *list[2];
    if (long_segment == NULL) {
        const char *piece = "Long 長い & <x> \xf0\x9f\x98\x80 ";
        size_t piece_len = strlen(piece), count = (1u << 20) / piece_len + 1;
        long_segment = malloc(count * piece_len + 1);
        for (size_t i = 0; i < count; i++)
            memcpy(long_segment + i * piece_len, piece, piece_len);
        long_segment[count * piece_len] = '\0';
    }
    list[0] = long_segment;
    return list;
}

static const char *const long_targets[] = {"长", NULL};

static tme_writer_options default_options(void)
{
    tme_writer_options o = {"en", "zh-Hans-CN", "sentence", "1.2.3-test", FIXED_TIME, 0, NULL};
    return o;
}

/* Writes the documents through the real writer lifecycle; 0 on success. */
static int export_documents(const tme_output_format *format, const char *path, int gzip_level,
                            const tme_writer_options *o, const test_document *docs, size_t ndocs,
                            int announce_documents)
{
    tme_error err;
    tme_error_clear(&err);
    tme_writer *w = tme_writer_open(format, path, gzip_level, tme_test_context(o), &err);
    if (w == NULL)
        return -1;
    for (size_t d = 0; d < ndocs; d++) {
        if (announce_documents && tme_writer_begin_document(w, docs[d].name, d, &err) != TME_OK)
            goto fail;
        for (size_t i = 0; docs[d].sources[i] != NULL; i++) {
            tme_unit pair = {docs[d].sources[i],
                             docs[d].targets[i],
                             0.5 + 0.001 * (double)i,
                             docs[d].name,
                             d,
                             i,
                             NULL,
                             NULL};
            if (tme_writer_write(w, &pair, &err) != TME_OK)
                goto fail;
        }
        if (announce_documents && tme_writer_end_document(w, &err) != TME_OK)
            goto fail;
    }
    return tme_writer_finish(w, &err) == TME_OK ? 0 : -1;
fail:
    tme_writer_abort(w);
    return -1;
}

/* The documents most tests use: hostile text, a 1 MB segment, a name full of
 * XML specials, and the same name twice. */
static size_t standard_documents(test_document docs[4])
{
    docs[0] = (test_document){"dir/a&b <\"c\">.txt", hostile_sources, hostile_targets};
    docs[1] = (test_document){"plain.txt", plain_sources, plain_targets};
    docs[2] = (test_document){"long.txt", long_sources(), long_targets};
    docs[3] = (test_document){"plain.txt", plain_sources, plain_targets};
    return 4;
}

static char *cleaned(const char *text)
{
    char *copy = malloc(strlen(text) + 1);
    strcpy(copy, text);
    tme_xml_strip_illegal(copy);
    return copy;
}

static const char *file_in(const char *dir, const char *name)
{
    static char path[4][8192];
    static int next;
    next = (next + 1) % 4;
    snprintf(path[next], sizeof path[next], "%s/%s", dir, name);
    return path[next];
}

static const char *scratch(const char *tag)
{
    static char dir[4096];
    const char *made = tme_test_scratch_dir(tag);
    snprintf(dir, sizeof dir, "%s", made ? made : ".");
    return dir;
}

/* ---- reading and validating ------------------------------------------------ */

static xmlXPathObjectPtr query(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "x1", BAD_CAST XLIFF12_NS);
    xmlXPathRegisterNs(ctx, BAD_CAST "x2", BAD_CAST XLIFF2_NS);
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    xmlXPathFreeContext(ctx);
    return result;
}

static int count_nodes(xmlDocPtr doc, const char *expr)
{
    xmlXPathObjectPtr r = query(doc, expr);
    int n = r != NULL && r->nodesetval != NULL ? r->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(r);
    return n;
}

/* The string value of an XPath expression, malloc'd. */
static char *string_of(xmlDocPtr doc, const char *expr)
{
    char wrapped[512];
    snprintf(wrapped, sizeof wrapped, "string(%s)", expr);
    xmlXPathObjectPtr r = query(doc, wrapped);
    char *s = NULL;
    if (r != NULL && r->stringval != NULL) {
        s = malloc(strlen((char *)r->stringval) + 1);
        strcpy(s, (char *)r->stringval);
    }
    xmlXPathFreeObject(r);
    return s;
}

static int string_is(xmlDocPtr doc, const char *expr, const char *expected)
{
    char *s = string_of(doc, expr);
    int same = s != NULL && strcmp(s, expected) == 0;
    free(s);
    return same;
}

static int contains_bytes(const char *haystack, size_t len, const void *needle, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(haystack + i, needle, n) == 0)
            return 1;
    return 0;
}

static int starts_with_gzip_magic(const char *path)
{
    size_t len;
    char *bytes = tme_test_read_file(path, &len);
    int magic = bytes != NULL && len >= 2 && (unsigned char)bytes[0] == 0x1f &&
                (unsigned char)bytes[1] == 0x8b;
    free(bytes);
    return magic;
}

/* ---- tme_xml_strip_illegal -------------------------------------------------- */

static void test_strip_removes_c0_controls_but_tab_lf_cr(void)
{
    for (int c = 0x01; c < 0x20; c++) {
        char text[] = {'a', (char)c, 'b', '\0'};
        int allowed = c == '\t' || c == '\n' || c == '\r';
        CU_ASSERT_EQUAL(tme_xml_strip_illegal(text), allowed ? 0u : 1u);
        CU_ASSERT_EQUAL(strlen(text), allowed ? 3u : 2u);
        CU_ASSERT(text[0] == 'a' && text[strlen(text) - 1] == 'b');
    }
}

static void test_strip_removes_nonchars_surrogates_and_bad_bytes(void)
{
    char text[] = "x\xef\xbf\xbey\xef\xbf\xbfz\xed\xa0\x80w\xed\xbf\xbfv";
    CU_ASSERT_EQUAL(tme_xml_strip_illegal(text), 4u);
    CU_ASSERT_STRING_EQUAL(text, "xyzwv");

    char bad[] = "a\xff"
                 "b\xc0\x80"
                 "c\xe4\xb8"
                 "d\x80";
    CU_ASSERT_EQUAL(tme_xml_strip_illegal(bad), 6u); /* stray bytes count one each */
    CU_ASSERT_STRING_EQUAL(bad, "abcd");
}

static void test_strip_keeps_legal_text(void)
{
    const char *legal = "emoji \xf0\x9f\x98\x80 Han \xf0\xa0\x80\x80 RLM \xe2\x80\x8f "
                        "\xef\xbf\xbd \xee\x80\x80 DEL\x7f C1\xc2\x85 \t\n\r 中文 &<>\"'";
    char text[256];
    strcpy(text, legal);
    CU_ASSERT_EQUAL(tme_xml_strip_illegal(text), 0u);
    CU_ASSERT_STRING_EQUAL(text, legal);
    char empty[] = "";
    CU_ASSERT_EQUAL(tme_xml_strip_illegal(empty), 0u);
}

/* What tme_xml_is_legal() must answer, by utf8proc_iterate() alone. */
static int reference_is_legal(const char *text)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
    utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(text);
    while (len > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p, len, &c);
        if (n <= 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE ||
            c == 0xFFFF)
            return 0;
        p += n;
        len -= n;
    }
    return 1;
}

/* The check's shortcuts (8 ASCII bytes at a time, common three-byte
 * sequences undecoded) give utf8proc's answers: every byte at every
 * position of a word, and every sequence of up to three bytes (the third
 * byte in full after a lead of E0..FF), amid ASCII and at the end. */
static void test_legality_check_matches_utf8proc(void)
{
    char text[32];
    size_t wrong = 0;
    for (int b = 1; b < 256; b++)
        for (size_t at = 0; at < 17; at++) {
            memset(text, 'a', 17);
            text[at] = (char)b;
            text[17] = '\0';
            wrong += tme_xml_is_legal(text) != reference_is_legal(text);
        }
    static const unsigned char some_thirds[] = {0x01, 0x20, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xFF};
    for (int b0 = 0x80; b0 < 256; b0++)
        for (int b1 = 1; b1 < 256; b1++) {
            size_t n_thirds = b0 >= 0xE0 ? 255 : sizeof some_thirds;
            for (size_t t = 0; t < n_thirds; t++) {
                unsigned char b2 = b0 >= 0xE0 ? (unsigned char)(t + 1) : some_thirds[t];
                for (int tail = 0; tail < 2; tail++) {
                    snprintf(text, sizeof text, "abc%c%c%c%s", b0, b1, b2, tail ? "" : "defghijk");
                    wrong += tme_xml_is_legal(text) != reference_is_legal(text);
                }
            }
        }
    CU_ASSERT_EQUAL(wrong, 0u);
}

/* Runs of pieces (ASCII words, Han, other legal and illegal sequences,
 * cut sequences) in random order: the check's fast paths follow one
 * another as in real text, and still give utf8proc's answers. */
static void test_legality_check_on_mixed_runs(void)
{
    static const char *pieces[] = {"word ",
                                   "abcdefghij",
                                   "\xE4\xB8\xAD",
                                   "\xE6\x96\x87\xEF\xBC\x8C",
                                   "\xE3\x80\x82",
                                   "\xEE\x80\x80",
                                   "\xED\x9F\xBF",
                                   "\xED\xA0\x80",
                                   "\xEF\xBF\xBE",
                                   "\xEF\xBF\xBD",
                                   "\xF0\x9F\x98\x80",
                                   "\xC3\xA9",
                                   "\t\n\r",
                                   "\x01",
                                   "\x7F",
                                   "\xE4\xB8",
                                   "\x80",
                                   "\xC0\xAF"};
    size_t n_pieces = sizeof pieces / sizeof pieces[0], wrong = 0, legal = 0;
    unsigned state = 2024;
    char text[256];
    for (int round = 0; round < 20000; round++) {
        size_t len = 0;
        state = state * 1103515245u + 12345u;
        size_t count = 1 + (state >> 16) % 12;
        for (size_t k = 0; k < count; k++) {
            state = state * 1103515245u + 12345u;
            /* mostly legal pieces, so that long legal runs occur */
            size_t which = (state >> 16) % 8 < 6 ? (state >> 20) % 6 : (state >> 20) % n_pieces;
            size_t n = strlen(pieces[which]);
            memcpy(text + len, pieces[which], n);
            len += n;
        }
        text[len] = '\0';
        int is_legal = reference_is_legal(text);
        legal += (size_t)is_legal;
        wrong += tme_xml_is_legal(text) != is_legal;
    }
    CU_ASSERT_EQUAL(wrong, 0u);
    CU_ASSERT(legal > 1000 && legal < 19000); /* both answers are exercised */
}

/* ---- TMX -------------------------------------------------------------------- */

/* Checks every <tu> of a TMX against the documents, in order. */
static void assert_tmx_units(xmlDocPtr doc, const test_document *docs, size_t ndocs,
                             const tme_writer_options *o)
{
    char expr[256];
    int tu = 0;
    for (size_t d = 0; d < ndocs; d++) {
        for (size_t i = 0; docs[d].sources[i] != NULL; i++) {
            tu++;
            snprintf(expr, sizeof expr, "/tmx/body/tu[%d]/prop[@type='x-document']", tu);
            CU_ASSERT(string_is(doc, expr, docs[d].name));
            char score[16];
            snprintf(score, sizeof score, "0.%04d", 5000 + 10 * (int)i);
            snprintf(expr, sizeof expr, "/tmx/body/tu[%d]/prop[@type='x-score']", tu);
            CU_ASSERT(string_is(doc, expr, score));
            snprintf(expr, sizeof expr, "count(/tmx/body/tu[%d]/tuv)", tu);
            CU_ASSERT(string_is(doc, expr, "2"));
            snprintf(expr, sizeof expr, "/tmx/body/tu[%d]/tuv[1]/@xml:lang", tu);
            CU_ASSERT(string_is(doc, expr, o->source_lang));
            snprintf(expr, sizeof expr, "/tmx/body/tu[%d]/tuv[2]/@xml:lang", tu);
            CU_ASSERT(string_is(doc, expr, o->target_lang));
            char *source = cleaned(docs[d].sources[i]), *target = cleaned(docs[d].targets[i]);
            snprintf(expr, sizeof expr, "/tmx/body/tu[%d]/tuv[1]/seg", tu);
            CU_ASSERT(string_is(doc, expr, source));
            snprintf(expr, sizeof expr, "/tmx/body/tu[%d]/tuv[2]/seg", tu);
            CU_ASSERT(string_is(doc, expr, target));
            free(source);
            free(target);
        }
    }
    CU_ASSERT_EQUAL(count_nodes(doc, "/tmx/body/tu"), tu);
    /* tuid: present on every unit and unique in the file. */
    CU_ASSERT_EQUAL(count_nodes(doc, "/tmx/body/tu[@tuid]"), tu);
    CU_ASSERT_EQUAL(count_nodes(doc, "/tmx/body/tu[@tuid = following-sibling::tu/@tuid]"), 0);
}

static void test_tmx_valid_and_exact(void)
{
    test_document docs[4];
    size_t ndocs = standard_documents(docs);
    tme_writer_options o = default_options();
    const char *dir = scratch("xml-tmx");
    const int levels[] = {TME_SINK_PLAIN, 6};
    for (int utf16 = 0; utf16 <= 1; utf16++) {
        o.tmx_utf16 = utf16;
        for (int l = 0; l < 2; l++) {
            char name[64];
            snprintf(name, sizeof name, "out-%s%s", utf16 ? "utf16.tmx" : "utf8.tmx",
                     levels[l] == TME_SINK_PLAIN ? "" : ".gz");
            const char *path = file_in(dir, name);
            CU_ASSERT_EQUAL_FATAL(
                export_documents(&tme_output_tmx, path, levels[l], &o, docs, ndocs, 1), 0);
            CU_ASSERT_EQUAL(starts_with_gzip_magic(path), levels[l] != TME_SINK_PLAIN);
            xmlDocPtr doc = tme_test_read_valid(path, KIND_TMX);
            CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
            assert_tmx_units(doc, docs, ndocs, &o);
            xmlFreeDoc(doc);
        }
    }
}

static void test_tmx_header(void)
{
    test_document docs[] = {{"a.txt", plain_sources, plain_targets}};
    tme_writer_options o = default_options();
    o.segtype = "paragraph";
    const char *path = file_in(scratch("xml-tmx-header"), "h.tmx");
    CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_tmx, path, TME_SINK_PLAIN, &o, docs, 1, 1),
                          0);
    size_t len;
    char *bytes = tme_test_read_file(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    const char *prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">";
    CU_ASSERT_NSTRING_EQUAL(bytes, prolog, strlen(prolog)); /* also: no BOM */
    free(bytes);
    xmlDocPtr doc = tme_test_read_valid(path, KIND_TMX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT(string_is(doc, "/tmx/header/@creationtool", "tmexport"));
    CU_ASSERT(string_is(doc, "/tmx/header/@creationtoolversion", "1.2.3-test"));
    CU_ASSERT(string_is(doc, "/tmx/header/@segtype", "paragraph"));
    CU_ASSERT(string_is(doc, "/tmx/header/@o-tmf", "tmexport"));
    CU_ASSERT(string_is(doc, "/tmx/header/@adminlang", "en-US"));
    CU_ASSERT(string_is(doc, "/tmx/header/@srclang", "en"));
    CU_ASSERT(string_is(doc, "/tmx/header/@datatype", "plaintext"));
    CU_ASSERT(string_is(doc, "/tmx/header/@creationdate", "20231114T221320Z"));
    /* tuid: 16 hex digits of the document name's hash, then the position. */
    char id1[64], id2[64];
    unsigned long long h = tme_hash_mix(tme_fnv1a(TME_FNV1A_OFFSET, "a.txt", 5));
    snprintf(id1, sizeof id1, "%016llx-1", h);
    snprintf(id2, sizeof id2, "%016llx-2", h);
    CU_ASSERT(string_is(doc, "/tmx/body/tu[1]/@tuid", id1));
    CU_ASSERT(string_is(doc, "/tmx/body/tu[2]/@tuid", id2));
    xmlFreeDoc(doc);
}

/* A document's tuids do not depend on what else the output holds, so that
 * shards made apart never collide and merge into the single run's ids; a
 * name that comes again in one output gets ".2". */
static void test_tmx_tuids_are_stable_across_shards(void)
{
    tme_writer_options o = default_options();
    test_document both[] = {{"one.txt", plain_sources, plain_targets},
                            {"two.txt", plain_sources, plain_targets}};
    test_document second[] = {{"two.txt", plain_sources, plain_targets}};
    test_document repeated[] = {{"two.txt", plain_sources, plain_targets},
                                {"two.txt", plain_sources, plain_targets}};
    const char *dir = scratch("xml-tmx-tuids");
    char run[4200], shard[4200], twice[4200];
    snprintf(run, sizeof run, "%s/run.tmx", dir);
    snprintf(shard, sizeof shard, "%s/shard.tmx", dir);
    snprintf(twice, sizeof twice, "%s/twice.tmx", dir);
    CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_tmx, run, TME_SINK_PLAIN, &o, both, 2, 1),
                          0);
    CU_ASSERT_EQUAL_FATAL(
        export_documents(&tme_output_tmx, shard, TME_SINK_PLAIN, &o, second, 1, 1), 0);
    CU_ASSERT_EQUAL_FATAL(
        export_documents(&tme_output_tmx, twice, TME_SINK_PLAIN, &o, repeated, 2, 1), 0);
    xmlDocPtr a = tme_test_read_valid(run, KIND_TMX), b = tme_test_read_valid(shard, KIND_TMX),
              c = tme_test_read_valid(twice, KIND_TMX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    char *run_id = string_of(a, "/tmx/body/tu[prop='two.txt'][1]/@tuid");
    char *shard_id = string_of(b, "/tmx/body/tu[1]/@tuid");
    CU_ASSERT_PTR_NOT_NULL_FATAL(run_id);
    CU_ASSERT_PTR_NOT_NULL_FATAL(shard_id);
    CU_ASSERT_STRING_EQUAL(run_id, shard_id);
    CU_ASSERT_EQUAL(count_nodes(c, "/tmx/body/tu[@tuid = following-sibling::tu/@tuid]"), 0);
    char *repeat_id = string_of(c, "/tmx/body/tu[prop='two.txt'][last()]/@tuid");
    CU_ASSERT(repeat_id != NULL && strstr(repeat_id, ".2-") != NULL);
    free(run_id);
    free(shard_id);
    free(repeat_id);
    xmlFreeDoc(a);
    xmlFreeDoc(b);
    xmlFreeDoc(c);
}

static void test_tmx_utf16_has_one_bom_and_round_trips(void)
{
    test_document docs[] = {{"h.txt", hostile_sources, hostile_targets}};
    tme_writer_options o = default_options();
    o.tmx_utf16 = 1;
    const char *path = file_in(scratch("xml-tmx-utf16"), "u.tmx");
    CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_tmx, path, TME_SINK_PLAIN, &o, docs, 1, 1),
                          0);
    size_t len;
    char *bytes = tme_test_read_file(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
    /* FF FE, then "<?xml" in UTF-16LE: exactly one BOM. */
    static const unsigned char head[] = {0xFF, 0xFE, '<', 0, '?', 0, 'x', 0, 'm', 0, 'l', 0};
    CU_ASSERT(len > sizeof head && memcmp(bytes, head, sizeof head) == 0);
    CU_ASSERT_EQUAL(len % 2, 0u);
    static const unsigned char declared[] = {'U', 0,   'T', 0,   'F', 0,   '-',
                                             0,   '1', 0,   '6', 0,   '"', 0};
    CU_ASSERT(len > 120 && contains_bytes(bytes, 120, declared, sizeof declared));
    free(bytes);
    xmlDocPtr doc = tme_test_read_valid(path, KIND_TMX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL((const char *)doc->encoding, "UTF-16");
    assert_tmx_units(doc, docs, 1, &o);
    xmlFreeDoc(doc);
}

static void test_outputs_are_reproducible(void)
{
    test_document docs[4];
    size_t ndocs = standard_documents(docs);
    const char *dir = scratch("xml-repro");
    const tme_output_format *formats[] = {&tme_output_tmx, &tme_output_xliff12, &tme_output_xliff2};
    for (int f = 0; f < 3; f++) {
        tme_writer_options o = default_options();
        const char *one = file_in(dir, "one"), *two = file_in(dir, "two"),
                   *later = file_in(dir, "later");
        CU_ASSERT_EQUAL_FATAL(export_documents(formats[f], one, 6, &o, docs, ndocs, 1), 0);
        CU_ASSERT_EQUAL_FATAL(export_documents(formats[f], two, 6, &o, docs, ndocs, 1), 0);
        CU_ASSERT(tme_test_same_file(one, two));
        o.creation_time += 86400;
        CU_ASSERT_EQUAL_FATAL(export_documents(formats[f], later, 6, &o, docs, ndocs, 1), 0);
        /* XLIFF 2.0 carries no date; the others must show the time they were given. */
        CU_ASSERT_EQUAL(tme_test_same_file(one, later), formats[f] == &tme_output_xliff2);
    }
}

/* ---- empty exports ---------------------------------------------------------- */

static void test_empty_exports_are_valid(void)
{
    static const char *const none[] = {NULL};
    test_document empty_docs[] = {{"empty1.txt", none, none}, {"empty2.txt", none, none}};
    const char *dir = scratch("xml-empty");
    tme_writer_options o = default_options();
    struct {
        const tme_output_format *format;
        xml_kind kind;
        const char *units;
        const char *files;
    } cases[] = {
        {&tme_output_tmx, KIND_TMX, "/tmx/body/tu", "/tmx/body"},
        {&tme_output_xliff12, KIND_XLIFF12, "//x1:trans-unit", "/x1:xliff/x1:file/x1:body"},
        {&tme_output_xliff2, KIND_XLIFF2, "//x2:unit", "/x2:xliff/x2:file"},
    };
    for (int c = 0; c < 3; c++) {
        for (size_t ndocs = 0; ndocs <= 2; ndocs++) {
            for (int gz = 0; gz <= 1; gz++) {
                const char *path = file_in(dir, gz ? "empty.gz" : "empty");
                CU_ASSERT_EQUAL_FATAL(export_documents(cases[c].format, path,
                                                       gz ? 6 : TME_SINK_PLAIN, &o, empty_docs,
                                                       ndocs, 1),
                                      0);
                xmlDocPtr doc = tme_test_read_valid(path, cases[c].kind);
                CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
                CU_ASSERT_EQUAL(count_nodes(doc, cases[c].units), 0);
                int files = count_nodes(doc, cases[c].files);
                CU_ASSERT_EQUAL(files, cases[c].kind == KIND_TMX ? 1 : ndocs == 0 ? 1 : (int)ndocs);
                xmlFreeDoc(doc);
            }
        }
    }
}

/* ---- XLIFF ------------------------------------------------------------------ */

static void assert_xliff_units(xmlDocPtr doc, const test_document *docs, size_t ndocs, int v2)
{
    char expr[256];
    const char *file_fmt = v2 ? "/x2:xliff/x2:file[%zu]" : "/x1:xliff/x1:file[%zu]";
    for (size_t d = 0; d < ndocs; d++) {
        char file[64];
        snprintf(file, sizeof file, file_fmt, d + 1);
        snprintf(expr, sizeof expr, "%s/@original", file);
        CU_ASSERT(string_is(doc, expr, docs[d].name));
        size_t n = 0;
        for (; docs[d].sources[n] != NULL; n++) {
            char unit[128];
            snprintf(unit, sizeof unit,
                     v2 ? "%s/x2:unit[%zu]/x2:segment" : "%s/x1:body/x1:trans-unit[%zu]", file,
                     n + 1);
            char *source = cleaned(docs[d].sources[n]), *target = cleaned(docs[d].targets[n]);
            snprintf(expr, sizeof expr, v2 ? "%s/x2:source" : "%s/x1:source", unit);
            CU_ASSERT(string_is(doc, expr, source));
            snprintf(expr, sizeof expr, v2 ? "%s/x2:target" : "%s/x1:target", unit);
            CU_ASSERT(string_is(doc, expr, target));
            snprintf(expr, sizeof expr, v2 ? "%s/@state" : "%s/x1:target/@state", unit);
            CU_ASSERT(string_is(doc, expr, "translated"));
            free(source);
            free(target);
        }
        snprintf(expr, sizeof expr, v2 ? "count(%s/x2:unit)" : "count(%s/x1:body/x1:trans-unit)",
                 file);
        char count[32];
        snprintf(count, sizeof count, "%zu", n);
        CU_ASSERT(string_is(doc, expr, count));
        /* Unit ids unique within their file. */
        snprintf(expr, sizeof expr,
                 v2 ? "%s/x2:unit[@id = following-sibling::x2:unit/@id]"
                    : "%s/x1:body/x1:trans-unit[@id = following-sibling::x1:trans-unit/@id]",
                 file);
        CU_ASSERT_EQUAL(count_nodes(doc, expr), 0);
    }
    CU_ASSERT_EQUAL(count_nodes(doc, v2 ? "/x2:xliff/x2:file" : "/x1:xliff/x1:file"), (int)ndocs);
}

static void test_xliff12_valid_and_exact(void)
{
    test_document docs[4];
    size_t ndocs = standard_documents(docs);
    tme_writer_options o = default_options();
    const char *dir = scratch("xml-xliff12");
    const char *paths[] = {file_in(dir, "out.xlf"), file_in(dir, "out.xlf.gz")};
    for (int gz = 0; gz <= 1; gz++) {
        CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_xliff12, paths[gz],
                                               gz ? 6 : TME_SINK_PLAIN, &o, docs, ndocs, 1),
                              0);
        CU_ASSERT_EQUAL(starts_with_gzip_magic(paths[gz]), gz);
        xmlDocPtr doc = tme_test_read_valid(paths[gz], KIND_XLIFF12);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        CU_ASSERT(string_is(doc, "/x1:xliff/@version", "1.2"));
        CU_ASSERT_EQUAL(count_nodes(doc, "/x1:xliff/x1:file[@source-language='en']"), 4);
        CU_ASSERT_EQUAL(count_nodes(doc, "/x1:xliff/x1:file[@target-language='zh-Hans-CN']"), 4);
        CU_ASSERT_EQUAL(count_nodes(doc, "/x1:xliff/x1:file[@datatype='plaintext']"), 4);
        assert_xliff_units(doc, docs, ndocs, 0);
        xmlFreeDoc(doc);
    }
}

static void test_xliff2_valid_and_exact(void)
{
    test_document docs[4];
    size_t ndocs = standard_documents(docs);
    tme_writer_options o = default_options();
    const char *dir = scratch("xml-xliff2");
    const char *paths[] = {file_in(dir, "out.xlf"), file_in(dir, "out.xlf.gz")};
    for (int gz = 0; gz <= 1; gz++) {
        CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_xliff2, paths[gz],
                                               gz ? 6 : TME_SINK_PLAIN, &o, docs, ndocs, 1),
                              0);
        CU_ASSERT_EQUAL(starts_with_gzip_magic(paths[gz]), gz);
        xmlDocPtr doc = tme_test_read_valid(paths[gz], KIND_XLIFF2);
        CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
        CU_ASSERT(string_is(doc, "/x2:xliff/@version", "2.0"));
        CU_ASSERT(string_is(doc, "/x2:xliff/@srcLang", "en"));
        CU_ASSERT(string_is(doc, "/x2:xliff/@trgLang", "zh-Hans-CN"));
        CU_ASSERT(string_is(doc, "/x2:xliff/x2:file[1]/@id", "f1"));
        CU_ASSERT(string_is(doc, "/x2:xliff/x2:file[4]/@id", "f4"));
        assert_xliff_units(doc, docs, ndocs, 1);
        xmlFreeDoc(doc);
    }
}

/* A caller that never announces documents still gets valid files, one
 * <file> per run of pairs. */
static void test_unannounced_documents(void)
{
    test_document docs[] = {{"a.txt", plain_sources, plain_targets}};
    tme_writer_options o = default_options();
    const char *dir = scratch("xml-unannounced");
    const char *tmx = file_in(dir, "u.tmx"), *x1 = file_in(dir, "u1.xlf"),
               *x2 = file_in(dir, "u2.xlf");
    CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_tmx, tmx, TME_SINK_PLAIN, &o, docs, 1, 0),
                          0);
    CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_xliff12, x1, TME_SINK_PLAIN, &o, docs, 1, 0),
                          0);
    CU_ASSERT_EQUAL_FATAL(export_documents(&tme_output_xliff2, x2, TME_SINK_PLAIN, &o, docs, 1, 0),
                          0);
    xmlDocPtr doc = tme_test_read_valid(tmx, KIND_TMX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    assert_tmx_units(doc, docs, 1, &o);
    xmlFreeDoc(doc);
    doc = tme_test_read_valid(x1, KIND_XLIFF12);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    assert_xliff_units(doc, docs, 1, 0);
    xmlFreeDoc(doc);
    doc = tme_test_read_valid(x2, KIND_XLIFF2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    assert_xliff_units(doc, docs, 1, 1);
    xmlFreeDoc(doc);
}

/* The validation above means something only if it rejects what the schemas
 * forbid: each of these breaks one rule the writers rely on. */
static void test_validators_reject_invalid_files(void)
{
    static const struct {
        xml_kind kind;
        const char *text;
    } invalid[] = {
        {KIND_TMX, "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
                   "segtype=\"sentence\" o-tmf=\"t\" srclang=\"en\" datatype=\"plaintext\"/>"
                   "<body/></tmx>"},
        {KIND_TMX, "<tmx version=\"1.4\"><header creationtool=\"t\" creationtoolversion=\"1\" "
                   "segtype=\"word\" o-tmf=\"t\" adminlang=\"en\" srclang=\"en\" "
                   "datatype=\"plaintext\"/><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>"},
        {KIND_XLIFF12,
         "<xliff version=\"1.2\" xmlns=\"" XLIFF12_NS "\"><file original=\"a\" "
         "source-language=\"en\" datatype=\"plaintext\"><body>"
         "<trans-unit id=\"1\"><source>a</source></trans-unit>"
         "<trans-unit id=\"1\"><source>b</source></trans-unit></body></file></xliff>"},
        {KIND_XLIFF12, "<xliff version=\"1.2\" xmlns=\"" XLIFF12_NS "\"/>"},
        {KIND_XLIFF2, "<xliff version=\"2.0\" srcLang=\"en\" xmlns=\"" XLIFF2_NS "\">"
                      "<file id=\"f1\"/></xliff>"},
        {KIND_XLIFF2, "<xliff version=\"2.0\" srcLang=\"en\" xmlns=\"" XLIFF2_NS "\">"
                      "<file id=\"f 1\"><unit id=\"u1\"><segment><source>a</source></segment>"
                      "</unit></file></xliff>"},
        {KIND_TMX, "<tmx version=\"1.4\"><body>&#1;</body></tmx>"},
    };
    const char *dir = scratch("xml-invalid");
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        const char *path = file_in(dir, "invalid.xml");
        CU_ASSERT_EQUAL_FATAL(tme_test_write_file(path, invalid[i].text, strlen(invalid[i].text)),
                              0);
        xmlDocPtr doc = tme_test_read_valid(path, invalid[i].kind);
        CU_ASSERT_PTR_NULL(doc);
        xmlFreeDoc(doc);
    }
}

/* The TMX writer adds text with none of tme_xml_special_bytes as it is: it
 * relies on libxml2's escaper changing those bytes and no other. */
static void test_special_bytes_are_what_libxml2_escapes(void)
{
    for (int b = 1; b < 256; b++) {
        const char text[] = {'a', (char)b, 'z', '\0'};
        xmlChar *escaped = xmlEncodeSpecialChars(NULL, BAD_CAST text);
        CU_ASSERT_PTR_NOT_NULL_FATAL(escaped);
        int changed = strcmp((const char *)escaped, text) != 0;
        CU_ASSERT_EQUAL(changed, strchr(tme_xml_special_bytes, b) != NULL);
        xmlFree(escaped);
    }
    static const char *texts[] = {"plain \xE4\xB8\xAD\xE6\x96\x87\xEF\xBC\x8C text",
                                  "a<b>&\"c\r\n\xE4\xB8\xAD", "&", "", "tail<"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        tme_xml_piece piece;
        CU_ASSERT_EQUAL_FATAL(tme_xml_piece_init(&piece), 0);
        tme_xml_piece_text(&piece, texts[i]);
        xmlChar *escaped = xmlEncodeSpecialChars(NULL, BAD_CAST texts[i]);
        CU_ASSERT_FALSE(piece.failed);
        CU_ASSERT_EQUAL(piece.len, strlen((const char *)escaped));
        CU_ASSERT(piece.len == 0 || memcmp(piece.bytes, escaped, piece.len) == 0);
        xmlFree(escaped);
        tme_xml_piece_free(&piece);
    }
}

static void test_registry_names(void)
{
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_name("tmx"), &tme_output_tmx);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_name("xliff"), &tme_output_xliff12);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_name("xliff2"), &tme_output_xliff2);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("tmx"), &tme_output_tmx);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("xlf"), &tme_output_xliff12);
    CU_ASSERT_PTR_EQUAL(tme_output_format_by_extension("XLIFF"), &tme_output_xliff12);
}

static CU_TestInfo tests[] = {
    {"strip removes C0 controls but tab, LF, CR", test_strip_removes_c0_controls_but_tab_lf_cr},
    {"strip removes U+FFFE/FFFF, surrogates, bad bytes",
     test_strip_removes_nonchars_surrogates_and_bad_bytes},
    {"strip keeps legal text", test_strip_keeps_legal_text},
    {"legality check matches utf8proc", test_legality_check_matches_utf8proc},
    {"legality check on mixed runs", test_legality_check_on_mixed_runs},
    {"TMX valid (plain, gz, UTF-8, UTF-16) and exact", test_tmx_valid_and_exact},
    {"TMX header", test_tmx_header},
    {"TMX tuids stable across shards", test_tmx_tuids_are_stable_across_shards},
    {"TMX UTF-16: one BOM, round trip", test_tmx_utf16_has_one_bom_and_round_trips},
    {"fixed creation time: byte-identical outputs", test_outputs_are_reproducible},
    {"empty exports are valid", test_empty_exports_are_valid},
    {"XLIFF 1.2 valid (plain, gz) and exact", test_xliff12_valid_and_exact},
    {"XLIFF 2.0 valid (plain, gz) and exact", test_xliff2_valid_and_exact},
    {"pairs without begin_document", test_unannounced_documents},
    {"validators reject invalid files", test_validators_reject_invalid_files},
    {"registry names and extensions", test_registry_names},
    {"the bytes the TMX writer escapes are libxml2's", test_special_bytes_are_what_libxml2_escapes},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    /* Validation must never fetch anything: a clone alone runs the tests. */
    xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
    int status = tme_run_suite("xml_writers", tests);
    free(long_segment);
    xmlCleanupParser();
    return status;
}
