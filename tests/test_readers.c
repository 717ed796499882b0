/* SPDX-License-Identifier: MIT */
/* Reading what we write (and what CAT tools write): the TMX, XLIFF 1.2,
 * XLIFF 2.0 and TSV readers, `tmexport convert` and `tmexport merge`.
 * Round trips through every format give back the same bytes; merging the
 * shards of a run gives the single run's output; a memoQ-style UTF-16 TMX
 * and hand-written XLIFF files give the units they hold, with their ids,
 * dates, documents and scores; bad TSV lines are named; units reach the
 * writers while a file is still being read. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "test_support.h"
#include "unit.h"
#include "xml_validate.h"

#define EPOCH "1700000000"
#define SAMPLE_A "samples/deepseek-bilingual.txt"
#define SAMPLE_B "samples/k8s-docs-overview/article.txt"
#define SAMPLE_C "samples/un-charter-ch1-3/article.txt"

static char dir[1024];

static const char *path(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return path(15, "stderr.txt");
}

/* Runs tmexport with printf-style arguments, stderr to stderr.txt. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char args[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    int rc = tme_test_run_cli(args, NULL, NULL, stderr_path());
    if (rc != 0) {
        char *text = tme_test_read_file(stderr_path(), NULL);
        fprintf(stderr, "\n    tmexport %s: exit %d: %s", args, rc, text ? text : "");
        free(text);
    }
    return rc;
}

static int same(const char *a, const char *b)
{
    int equal = tme_test_same_file(a, b);
    if (!equal)
        fprintf(stderr, "\n    %s and %s differ", a, b);
    return equal;
}

static char *source(int slot, const char *relative)
{
    static char paths[4][4200];
    snprintf(paths[slot], sizeof paths[slot], "%s", tme_test_source_path(relative));
    return paths[slot];
}

/* ---- units as a session gives them ------------------------------------------ */

typedef struct {
    char source[512], target[512], document[256], id[128], created[32];
    double score;
    size_t index;
} seen_unit;

typedef struct {
    seen_unit units[64];
    size_t count, calls;
} seen_units;

static void copy(char *to, size_t size, const char *from)
{
    snprintf(to, size, "%s", from ? from : "");
}

static int keep_unit(void *context, const tme_unit *u)
{
    seen_units *seen = context;
    seen->calls++;
    if (seen->count == sizeof seen->units / sizeof seen->units[0])
        return 0;
    seen_unit *s = &seen->units[seen->count++];
    copy(s->source, sizeof s->source, u->source);
    copy(s->target, sizeof s->target, u->target);
    copy(s->document, sizeof s->document, u->document);
    copy(s->id, sizeof s->id, u->id);
    copy(s->created, sizeof s->created, u->created);
    s->score = u->score;
    s->index = u->index;
    return 0;
}

/* Reads one document from memory with --input-format units and the
 * options given (name, value pairs ending with NULL); the session is
 * returned for its counters and error (tme_session_free() it). */
static tme_session *read_units(const char *name, const void *data, size_t len, seen_units *seen,
                               tme_status *status, ...)
{
    memset(seen, 0, sizeof *seen);
    tme_session *s = tme_session_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    tme_session_set(s, "input-format", "units");
    tme_session_set(s, "normalize", "no");
    va_list ap;
    va_start(ap, status);
    for (const char *option; (option = va_arg(ap, const char *)) != NULL;)
        CU_ASSERT_EQUAL(tme_session_set(s, option, va_arg(ap, const char *)), TME_OK);
    va_end(ap);
    CU_ASSERT_EQUAL(tme_session_add_output(s, path(14, "units.tsv")), TME_OK);
    tme_session_on_unit(s, keep_unit, seen);
    *status = tme_session_add_document(s, name, data, len);
    if (*status == TME_OK)
        *status = tme_session_commit(s);
    return s;
}

/* ---- round trips -------------------------------------------------------------- */

/* Three articles exported once to every format, the TSV with all its
 * columns; the files the round trips start from. */
static void export_samples(void)
{
    CU_ASSERT_EQUAL_FATAL(
        run("extract -j1 '%s' '%s' '%s' --tsv-fields source,target,document,score -o '%s' "
            "-o '%s' -o '%s' -o 'xliff2:%s'",
            source(0, SAMPLE_A), source(1, SAMPLE_B), source(2, SAMPLE_C), path(0, "all.tmx"),
            path(1, "all.tsv"), path(2, "all.xlf"), path(3, "all2.xlf")),
        0);
    CU_ASSERT_EQUAL_FATAL(run("extract -j1 '%s' '%s' '%s' --tmx-encoding utf-16 -o '%s'",
                              source(0, SAMPLE_A), source(1, SAMPLE_B), source(2, SAMPLE_C),
                              path(4, "all16.tmx")),
                          0);
}

static void test_round_trips_give_the_same_bytes(void)
{
    export_samples();
    const char *tmx = path(0, "all.tmx"), *tsv = path(1, "all.tsv"), *xlf = path(2, "all.xlf"),
               *xlf2 = path(3, "all2.xlf"), *tmx16 = path(4, "all16.tmx");
    for (int k = 2; k <= 3; k++)
        CU_ASSERT(tme_test_file_is_valid(path(k, k == 2 ? "all.xlf" : "all2.xlf")));
    const char *columns = "--tsv-columns source,target,document,score";
    const char *fields = "--tsv-fields source,target,document,score";
    /* TMX -> TMX, TSV, XLIFF 1.2, XLIFF 2.0: what extract wrote. */
    CU_ASSERT_EQUAL(run("convert '%s' %s -o '%s' -o '%s' -o '%s' -o 'xliff2:%s'", tmx, fields,
                        path(5, "tmx.tmx"), path(6, "tmx.tsv"), path(7, "tmx.xlf"),
                        path(8, "tmx2.xlf")),
                    0);
    CU_ASSERT(same(path(5, "tmx.tmx"), tmx));
    CU_ASSERT(same(path(6, "tmx.tsv"), tsv));
    CU_ASSERT(same(path(7, "tmx.xlf"), xlf));
    CU_ASSERT(same(path(8, "tmx2.xlf"), xlf2));
    /* ... and back to TMX from each. */
    CU_ASSERT_EQUAL(run("convert '%s' %s -o '%s'", tsv, columns, path(9, "tsv.tmx")), 0);
    CU_ASSERT_EQUAL(run("convert '%s' -o '%s'", xlf, path(10, "xlf.tmx")), 0);
    CU_ASSERT_EQUAL(run("convert '%s' -o '%s'", xlf2, path(11, "xlf2.tmx")), 0);
    CU_ASSERT(same(path(9, "tsv.tmx"), tmx));
    CU_ASSERT(same(path(10, "xlf.tmx"), tmx));
    CU_ASSERT(same(path(11, "xlf2.tmx"), tmx));
    /* UTF-16, and gzip: the same units. */
    CU_ASSERT_EQUAL(run("convert '%s' -o '%s'", tmx16, path(5, "from16.tmx")), 0);
    CU_ASSERT_EQUAL(
        run("convert '%s' --tmx-encoding utf-16 -o '%s'", tmx16, path(6, "from16-16.tmx")), 0);
    CU_ASSERT(same(path(5, "from16.tmx"), tmx));
    CU_ASSERT(same(path(6, "from16-16.tmx"), tmx16));
    CU_ASSERT_EQUAL(tme_test_shell("gzip -c '%s' > '%s.gz'", tmx, tmx), 0);
    CU_ASSERT_EQUAL(run("convert '%s.gz' -o '%s'", tmx, path(7, "gz.tmx")), 0);
    CU_ASSERT(same(path(7, "gz.tmx"), tmx));
}

/* The TMX writer puts a unit whose values need nothing escaped in its
 * attributes out as one raw piece, and the others through xmlTextWriter:
 * mixed in one file (an odd tuid, an odd date, a document name to escape,
 * text with & < > " and CR), in UTF-8 and UTF-16, with and without props,
 * the bytes are what xmlTextWriter alone wrote (the goldens were written
 * before the raw path existed). */
static void test_tmx_raw_and_written_units_mix(void)
{
    const char *variants[][3] = {{"utf-8", "document,score", "utf-8-document-score.tmx"},
                                 {"utf-8", "none", "utf-8-none.tmx"},
                                 {"utf-16", "document,score", "utf-16-document-score.tmx"},
                                 {"utf-16", "none", "utf-16-none.tmx"}};
    char in[4200], golden[4200];
    snprintf(in, sizeof in, "%s", tme_test_source_path("tests/data/tmx-mixed/in.tmx"));
    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
        snprintf(golden, sizeof golden, "%s/%s", tme_test_source_path("tests/data/tmx-mixed"),
                 variants[v][2]);
        const char *out = path(0, variants[v][2]);
        CU_ASSERT_EQUAL(run("convert --no-normalize --tmx-encoding %s --tmx-props %s '%s' -o '%s'",
                            variants[v][0], variants[v][1], in, out),
                        0);
        CU_ASSERT(same(out, golden));
    }
}

/* stdin cannot be opened again after the probe: the stream that was
 * probed is the one read, gzip-compressed or not. */
static void test_convert_reads_stdin(void)
{
    const char *tmx = path(0, "all.tmx"), *out = path(1, "stdin.tmx");
    CU_ASSERT_EQUAL(
        tme_test_run_cli("convert - -o 'scratch-readers/stdin.tmx'", tmx, NULL, stderr_path()), 0);
    CU_ASSERT(same(out, tmx));
    CU_ASSERT_EQUAL(
        tme_test_shell("gzip -c '%s' > '%s.gz'", path(2, "all.tsv"), path(3, "all.tsv")), 0);
    CU_ASSERT_EQUAL(tme_test_run_cli("convert - --tsv-columns source,target,document,score -o "
                                     "'scratch-readers/stdin-tsv.tmx'",
                                     path(2, "all.tsv.gz"), NULL, stderr_path()),
                    0);
    CU_ASSERT(same(path(4, "stdin-tsv.tmx"), tmx));
}

/* The run's inputs A, an article without a single pair, B and C; the
 * same in two shards: A and the empty one, B and C. */
static void export_run_and_shards(const char *empty)
{
    const char *a = source(0, SAMPLE_A), *b = source(1, SAMPLE_B), *c = source(2, SAMPLE_C);
    static const char *const outputs = "--tsv-fields source,target,document,score -o '%s/%s.tmx' "
                                       "-o '%s/%s.tsv' -o '%s/%s.xlf' -o 'xliff2:%s/%s-2.xlf'";
    char format[512];
    snprintf(format, sizeof format, "extract -j1 %%s %s", outputs);
    char inputs[3][16384];
    snprintf(inputs[0], sizeof inputs[0], "'%s' '%s' '%s' '%s'", a, empty, b, c);
    snprintf(inputs[1], sizeof inputs[1], "'%s' '%s'", a, empty);
    snprintf(inputs[2], sizeof inputs[2], "'%s' '%s'", b, c);
    const char *names[] = {"all", "s1", "s2"};
    for (int k = 0; k < 3; k++) {
        char args[40000];
        snprintf(args, sizeof args, format, inputs[k], dir, names[k], dir, names[k], dir, names[k],
                 dir, names[k]);
        CU_ASSERT_EQUAL_FATAL(tme_test_run_cli(args, NULL, NULL, stderr_path()), 0);
    }
}

static void test_merging_shards_gives_the_single_run(void)
{
    const char *empty = path(0, "english-only.txt");
    const char *text = "A page in English only.\n\nIts second paragraph, still in English.\n";
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(empty, text, strlen(text)), 0);
    export_run_and_shards(empty);
    const char *d = dir;
    CU_ASSERT_EQUAL(run("merge '%s/s1.tmx' '%s/s2.tmx' -o '%s/m.tmx'", d, d, d), 0);
    CU_ASSERT_EQUAL(run("merge '%s/s1.tsv' '%s/s2.tsv' --tsv-columns source,target,document,score "
                        "--tsv-fields source,target,document,score -o '%s/m.tsv'",
                        d, d, d),
                    0);
    CU_ASSERT_EQUAL(run("merge '%s/s1.xlf' '%s/s2.xlf' -o '%s/m.xlf'", d, d, d), 0);
    CU_ASSERT_EQUAL(run("merge '%s/s1-2.xlf' '%s/s2-2.xlf' -o 'xliff2:%s/m-2.xlf'", d, d, d), 0);
    CU_ASSERT(same(path(1, "m.tmx"), path(2, "all.tmx")));
    CU_ASSERT(same(path(1, "m.tsv"), path(2, "all.tsv")));
    CU_ASSERT(same(path(1, "m.xlf"), path(2, "all.xlf")));
    CU_ASSERT(same(path(1, "m-2.xlf"), path(2, "all-2.xlf")));
    /* The empty document is a <file> of its own in both XLIFF. */
    char *xlf = tme_test_read_file(path(1, "m.xlf"), NULL);
    CU_ASSERT(xlf != NULL && strstr(xlf, "english-only.txt\"") != NULL);
    free(xlf);
    /* Concatenated gzip members are one stream. */
    CU_ASSERT_EQUAL(tme_test_shell("gzip -c '%s/s1.tsv' > '%s/cat.tsv.gz' && "
                                   "gzip -c '%s/s2.tsv' >> '%s/cat.tsv.gz'",
                                   d, d, d, d),
                    0);
    CU_ASSERT_EQUAL(run("convert '%s/cat.tsv.gz' --tsv-columns source,target,document,score "
                        "--tsv-fields source,target,document,score -o '%s/cat.tsv'",
                        d, d),
                    0);
    CU_ASSERT(same(path(1, "cat.tsv"), path(2, "all.tsv")));
}

/* --dedup works across shards: a shard merged with itself is the shard. */
static void test_merge_dedups_across_shards(void)
{
    const char *d = dir;
    CU_ASSERT_EQUAL_FATAL(run("extract --dedup '%s' -o '%s/one.tmx'", source(0, SAMPLE_A), d), 0);
    CU_ASSERT_EQUAL(run("merge '%s/one.tmx' '%s/one.tmx' --dedup -o '%s/twice.tmx'", d, d, d), 0);
    CU_ASSERT(same(path(1, "twice.tmx"), path(2, "one.tmx")));
    CU_ASSERT_EQUAL(run("merge '%s/one.tmx' '%s/one.tmx' -o '%s/both.tsv'", d, d, d), 0);
    CU_ASSERT_EQUAL(run("convert '%s/one.tmx' -o '%s/one.tsv'", d, d), 0);
    CU_ASSERT_EQUAL(
        tme_test_shell("cat '%s/one.tsv' '%s/one.tsv' | cmp -s - '%s/both.tsv'", d, d, d), 0);
}

/* ---- a memoQ-style TMX ------------------------------------------------------------ */

/* UTF-16LE with a BOM and CRLF line ends, creationdate and creationid on
 * every <tu>, props of its own, three languages, inline codes. */
static const char memoq_tmx[] =
    "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n"
    "<tmx version=\"1.4\">\n"
    "  <header creationtool=\"MemoQ\" creationtoolversion=\"9.12.9\" segtype=\"sentence\" "
    "o-tmf=\"MemoQTM\" adminlang=\"en-us\" srclang=\"en-us\" datatype=\"unknown\" "
    "creationdate=\"20231114T221320Z\" creationid=\"ANNA\">\n"
    "    <prop type=\"defclient\">Acme</prop>\n"
    "  </header>\n"
    "  <body>\n"
    "    <tu changedate=\"20231115T080000Z\" creationdate=\"20231114T221320Z\" "
    "creationid=\"ANNA\" changeid=\"ANNA\">\n"
    "      <prop type=\"client\">Acme</prop>\n"
    "      <prop type=\"x-Project\">Handbook</prop>\n"
    "      <tuv xml:lang=\"en-us\"><seg>Click <bpt i=\"1\" type=\"bold\">{b}</bpt>Save"
    "<ept i=\"1\">{/b}</ept> now.</seg></tuv>\n"
    /* 立即点击保存。 */
    "      <tuv xml:lang=\"zh-cn\"><seg>\xE7\xAB\x8B\xE5\x8D\xB3\xE7\x82\xB9\xE5\x87\xBB"
    "<bpt i=\"1\" type=\"bold\">{b}</bpt>\xE4\xBF\x9D\xE5\xAD\x98<ept i=\"1\">{/b}</ept>"
    "\xE3\x80\x82</seg></tuv>\n"
    "      <tuv xml:lang=\"de-de\"><seg>Jetzt Speichern klicken.</seg></tuv>\n"
    "    </tu>\n"
    "    <tu creationdate=\"20231116T101500Z\" creationid=\"BEN\" tuid=\"memoq-2\">\n"
    "      <tuv xml:lang=\"de-de\"><seg>Die Datei ist offen.</seg></tuv>\n"
    "      <tuv xml:lang=\"en-us\"><seg>The file <ph type=\"x-tag\">&lt;br/&gt;</ph>is "
    "<hi type=\"bold\">open</hi>.</seg></tuv>\n"
    /* 文件已打开。 */
    "      <tuv xml:lang=\"zh-cn\"><seg>\xE6\x96\x87\xE4\xBB\xB6\xE5\xB7\xB2<hi>\xE6\x89\x93"
    "\xE5\xBC\x80</hi>\xE3\x80\x82</seg></tuv>\n"
    "    </tu>\n"
    "    <tu creationdate=\"20231117T000000Z\">\n"
    "      <tuv xml:lang=\"en-us\"><seg>Only English and German.</seg></tuv>\n"
    "      <tuv xml:lang=\"de-de\"><seg>Nur Englisch und Deutsch.</seg></tuv>\n"
    "    </tu>\n"
    "  </body>\n"
    "</tmx>\n";

/* memoq_tmx with CRLF line ends, in UTF-16LE after a BOM. */
static char *memoq_utf16(size_t *len)
{
    size_t n = strlen(memoq_tmx);
    char *crlf = malloc(2 * n + 1), *p = crlf;
    for (size_t k = 0; k < n; k++) {
        if (memoq_tmx[k] == '\n')
            *p++ = '\r';
        *p++ = memoq_tmx[k];
    }
    size_t body_len;
    char *body = tme_test_encode(crlf, (size_t)(p - crlf), "UTF-16LE", &body_len);
    free(crlf);
    char *out = malloc(body_len + 2);
    memcpy(out, "\xFF\xFE", 2);
    memcpy(out + 2, body, body_len);
    free(body);
    *len = body_len + 2;
    return out;
}

static void test_memoq_utf16_tmx(void)
{
    size_t len;
    char *data = memoq_utf16(&len);
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("handbook.tmx", data, len, &seen, &status, NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 2);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "Click Save now.");
    CU_ASSERT_STRING_EQUAL(seen.units[0].target,
                           "\xE7\xAB\x8B\xE5\x8D\xB3\xE7\x82\xB9\xE5\x87\xBB\xE4\xBF\x9D\xE5\xAD"
                           "\x98\xE3\x80\x82");
    CU_ASSERT_STRING_EQUAL(seen.units[0].created, "20231114T221320Z");
    CU_ASSERT_STRING_EQUAL(seen.units[0].id, "");
    CU_ASSERT_STRING_EQUAL(seen.units[0].document, "handbook.tmx");
    CU_ASSERT_DOUBLE_EQUAL(seen.units[0].score, 1.0, 1e-9);
    CU_ASSERT_STRING_EQUAL(seen.units[1].source, "The file is open.");
    CU_ASSERT_STRING_EQUAL(seen.units[1].target,
                           "\xE6\x96\x87\xE4\xBB\xB6\xE5\xB7\xB2\xE6\x89\x93\xE5\xBC\x80\xE3\x80"
                           "\x82");
    CU_ASSERT_STRING_EQUAL(seen.units[1].id, "memoq-2");
    CU_ASSERT_STRING_EQUAL(seen.units[1].created, "20231116T101500Z");
    CU_ASSERT_EQUAL(tme_session_count(s, "units.skipped-one-language"), 1);
    /* bpt, ept on each side of the first; ph, hi and hi of the second. */
    CU_ASSERT_EQUAL(tme_session_count(s, "inline-codes"), 7);
    CU_ASSERT_EQUAL(tme_session_count(s, "encoding.utf-16"), 0); /* XML says its own */
    tme_session_free(s);

    /* German and Chinese picked from the three languages; the <tu> in
     * English and German has no Chinese. */
    s = read_units("handbook.tmx", data, len, &seen, &status, "src-lang", "de-CH", NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 2);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "Jetzt Speichern klicken.");
    CU_ASSERT_STRING_EQUAL(seen.units[1].source, "Die Datei ist offen.");
    CU_ASSERT_EQUAL(tme_session_count(s, "units.skipped-one-language"), 1);
    tme_session_free(s);

    /* Written back as TMX: the dates stay on their <tu>, the languages are
     * the export's, and the file is valid. */
    const char *in = path(0, "handbook.tmx"), *out = path(1, "handbook-out.tmx");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, data, len), 0);
    CU_ASSERT_EQUAL(run("convert '%s' --tgt-lang zh-Hans -o '%s'", in, out), 0);
    char *text = tme_test_read_file(out, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "<tu tuid=\"memoq-2\" creationdate=\"20231116T101500Z\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "creationdate=\"20231114T221320Z\">"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "<tuv xml:lang=\"zh-Hans\">"));
    CU_ASSERT_PTR_NULL(strstr(text, "{b}"));
    free(text);
    CU_ASSERT(tme_test_file_is_valid(out));
    free(data);
}

/* srclang matched case-insensitively, a third <tuv> chosen by the
 * export's other language (the closest tag first), a file whose source is
 * the Chinese side read into an English-source export. */
static void test_tmx_language_choice(void)
{
    static const char tmx[] =
        "<tmx version=\"1.4\"><header srclang=\"ZH-CN\"/><body>\n"
        "<tu><tuv xml:lang=\"zh-tw\"><seg>T</seg></tuv><tuv xml:lang=\"zh-CN\"><seg>S</seg>"
        "</tuv><tuv xml:lang=\"en-GB\"><seg>E</seg></tuv></tu>\n"
        "<tu><tuv lang=\"en\"><seg>E2</seg></tuv><tuv lang=\"zh-cn\"><seg>S2</seg></tuv></tu>\n"
        "<tu><tuv xml:lang=\"zh-CN\"><seg>S3</seg></tuv><tuv xml:lang=\"zh-TW\"><seg>T3</seg>"
        "</tuv></tu>\n"
        "</body></tmx>\n";
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("l.tmx", tmx, strlen(tmx), &seen, &status, NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 2);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "E");
    CU_ASSERT_STRING_EQUAL(seen.units[0].target, "S");
    CU_ASSERT_STRING_EQUAL(seen.units[1].source, "E2"); /* TMX 1.1 lang= */
    CU_ASSERT_STRING_EQUAL(seen.units[1].target, "S2");
    CU_ASSERT_EQUAL(tme_session_count(s, "units.skipped-one-language"), 1); /* zh and zh */
    tme_session_free(s);
    s = read_units("l.tmx", tmx, strlen(tmx), &seen, &status, "src-lang", "zh-TW", "tgt-lang", "en",
                   NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 2);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "T"); /* the same tag first */
    CU_ASSERT_STRING_EQUAL(seen.units[0].target, "E");
    CU_ASSERT_STRING_EQUAL(seen.units[1].source, "S2");
    CU_ASSERT_STRING_EQUAL(seen.units[1].target, "E2");
    tme_session_free(s);
    /* A pair in another language is no pair of the export's. */
    s = read_units("l.tmx", tmx, strlen(tmx), &seen, &status, "src-lang", "fr", NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL(seen.count, 0);
    CU_ASSERT_EQUAL(tme_session_count(s, "units.skipped-one-language"), 3);
    tme_session_free(s);
}

/* A TMX of many documents: each change of x-document is a document in
 * the outputs, whose unit positions start again. */
static void test_tmx_documents_and_positions(void)
{
    char tmx[4096];
    size_t n =
        (size_t)snprintf(tmx, sizeof tmx, "<tmx version=\"1.4\"><header srclang=\"en\"/><body>");
    const char *docs[] = {"a.txt", "a.txt", "b.txt", "a.txt"};
    for (int k = 0; k < 4; k++)
        n += (size_t)snprintf(tmx + n, sizeof tmx - n,
                              "<tu><prop type=\"x-document\">%s</prop><prop type=\"x-score\">0.%d"
                              "</prop><tuv xml:lang=\"en\"><seg>e%d</seg></tuv><tuv "
                              "xml:lang=\"zh\"><seg>z%d</seg></tuv></tu>",
                              docs[k], k + 5, k, k);
    n += (size_t)snprintf(tmx + n, sizeof tmx - n, "</body></tmx>");
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("run.tmx", tmx, n, &seen, &status, NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 4);
    size_t positions[] = {0, 1, 0, 0};
    for (int k = 0; k < 4; k++) {
        CU_ASSERT_STRING_EQUAL(seen.units[k].document, docs[k]);
        CU_ASSERT_EQUAL(seen.units[k].index, positions[k]);
        CU_ASSERT_DOUBLE_EQUAL(seen.units[k].score, 0.5 + 0.1 * k, 1e-9);
    }
    tme_session_free(s);
    /* Three documents, three <file>s. */
    const char *in = path(0, "run.tmx"), *out = path(1, "run.xlf");
    CU_ASSERT_EQUAL_FATAL(tme_test_write_file(in, tmx, n), 0);
    CU_ASSERT_EQUAL(run("convert '%s' -o '%s'", in, out), 0);
    CU_ASSERT_EQUAL(tme_test_shell("test $(grep -c '<file ' '%s') -eq 3", out), 0);
    CU_ASSERT(tme_test_file_is_valid(out));
}

/* ---- XLIFF written by others ----------------------------------------------------- */

static void test_xliff12_reader(void)
{
    static const char xlf[] =
        "<?xml version=\"1.0\"?>\n"
        "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
        "<file original=\"one.html\" source-language=\"en-US\" target-language=\"zh-CN\" "
        "datatype=\"html\"><header><note>not a unit</note></header><body>\n"
        "<group><trans-unit id=\"t1\" resname=\"intro\"><source>Press <g id=\"1\">Start"
        "</g><x id=\"2\"/> or <bpt id=\"3\">&lt;i&gt;</bpt>Go<ept id=\"3\">&lt;/i&gt;</ept>"
        "<ph id=\"4\">&lt;img alt=\"<sub>a picture</sub>\"&gt;</ph>.</source>"
        "<target>Z<g id=\"1\">S</g><x id=\"2\"/>Z<mrk mtype=\"term\">G</mrk>.</target>"
        "<alt-trans match-quality=\"80\"><source>Other</source><target>Q</target></alt-trans>"
        "<context-group purpose=\"information\"><context context-type=\"x-score\">0.25</context>"
        "<context context-type=\"x-creationdate\">20200101T000000Z</context></context-group>"
        "</trans-unit></group>\n"
        "<trans-unit id=\"t2\"><source>No translation yet</source></trans-unit>\n"
        "</body></file>\n"
        "<file original=\"two.html\" source-language=\"zh-CN\" target-language=\"en\" "
        "datatype=\"html\"><body>\n"
        "<trans-unit id=\"t3\"><source>Z3</source><target>E3</target></trans-unit>\n"
        "</body></file>\n"
        "</xliff>\n";
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("x.xlf", xlf, strlen(xlf), &seen, &status, NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 2);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "Press Start or Goa picture.");
    CU_ASSERT_STRING_EQUAL(seen.units[0].target, "ZSZG.");
    CU_ASSERT_STRING_EQUAL(seen.units[0].document, "one.html");
    CU_ASSERT_STRING_EQUAL(seen.units[0].id, "intro");
    CU_ASSERT_STRING_EQUAL(seen.units[0].created, "20200101T000000Z");
    CU_ASSERT_DOUBLE_EQUAL(seen.units[0].score, 0.25, 1e-9);
    /* The second file's source is the Chinese side. */
    CU_ASSERT_STRING_EQUAL(seen.units[1].source, "E3");
    CU_ASSERT_STRING_EQUAL(seen.units[1].target, "Z3");
    CU_ASSERT_STRING_EQUAL(seen.units[1].document, "two.html");
    CU_ASSERT_EQUAL(seen.units[1].index, 0);
    CU_ASSERT_EQUAL(tme_session_count(s, "units.skipped-no-target"), 1);
    /* g x bpt ept ph sub, g x mrk */
    CU_ASSERT_EQUAL(tme_session_count(s, "inline-codes"), 9);
    tme_session_free(s);
}

static void test_xliff2_reader(void)
{
    static const char xlf[] =
        "<?xml version=\"1.0\"?>\n"
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
        "xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\" version=\"2.0\" srcLang=\"en\" "
        "trgLang=\"zh-Hans\">\n"
        "<file id=\"f1\"><notes><note>a file note</note></notes>\n"
        "<group id=\"g\"><unit id=\"u1\" name=\"greeting\"><mda:metadata><mda:metaGroup>"
        "<mda:meta type=\"score\">0.5</mda:meta><mda:meta type=\"created\">"
        "20210101T000000Z</mda:meta></mda:metaGroup></mda:metadata>"
        "<originalData><data id=\"d1\">&lt;b&gt;</data></originalData>"
        "<segment><source>Say <pc id=\"1\" dataRefStart=\"d1\">hi</pc><ph id=\"2\"/>"
        "</source><target>Z<pc id=\"1\">H</pc><ph id=\"2\"/></target></segment>"
        "<ignorable><source> </source></ignorable>"
        "<segment><source>Then <sc id=\"3\"/>go<ec startRef=\"3\"/> <mrk id=\"m\">now</mrk>"
        "<sm id=\"s\"/>.<em startRef=\"s\"/></source><target>G</target></segment>"
        "</unit></group>\n"
        "<unit id=\"u2\" name=\"lonely\"><segment><source>Untranslated</source></segment>"
        "</unit>\n"
        "<unit id=\"u3\" name=\"third\"><segment state=\"final\"><source>Bye</source>"
        "<target>B</target></segment></unit>\n"
        "</file>\n"
        "</xliff>\n";
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("x2.xlf", xlf, strlen(xlf), &seen, &status, NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 3);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "Say hi");
    CU_ASSERT_STRING_EQUAL(seen.units[0].target, "ZH");
    CU_ASSERT_STRING_EQUAL(seen.units[1].source, "Then go now.");
    CU_ASSERT_STRING_EQUAL(seen.units[1].target, "G");
    /* Two segments: the unit's name is no unit's id; its score is both's. */
    CU_ASSERT_STRING_EQUAL(seen.units[0].id, "");
    CU_ASSERT_DOUBLE_EQUAL(seen.units[1].score, 0.5, 1e-9);
    CU_ASSERT_STRING_EQUAL(seen.units[1].created, "20210101T000000Z");
    CU_ASSERT_STRING_EQUAL(seen.units[2].id, "third");
    CU_ASSERT_DOUBLE_EQUAL(seen.units[2].score, 1.0, 1e-9);
    CU_ASSERT_STRING_EQUAL(seen.units[2].document, "f1"); /* no original: the file's id */
    CU_ASSERT_EQUAL(tme_session_count(s, "units.skipped-no-target"), 1);
    /* pc ph, pc ph, sc ec mrk sm em */
    CU_ASSERT_EQUAL(tme_session_count(s, "inline-codes"), 9);
    tme_session_free(s);
}

/* ---- TSV ---------------------------------------------------------------------------- */

static void check_tsv_error(const char *tsv, const char *columns, const char *expected)
{
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("bad.tsv", tsv, strlen(tsv), &seen, &status, "input-format", "tsv",
                                "tsv-columns", columns, NULL);
    CU_ASSERT_EQUAL(status, TME_ERR_INPUT);
    if (strstr(tme_session_error(s), expected) == NULL)
        fprintf(stderr, "\n    expected \"%s\" in \"%s\"", expected, tme_session_error(s));
    CU_ASSERT_PTR_NOT_NULL(strstr(tme_session_error(s), expected));
    tme_session_free(s);
}

static void test_tsv_reader(void)
{
    static const char tsv[] = "\xEF\xBB\xBF"
                              "0.5\tHello.\t\xE4\xBD\xA0\xE5\xA5\xBD\xE3\x80\x82\ta.txt\r\n"
                              "\n"
                              "1\tBye.\t\xE5\x86\x8D\xE8\xA7\x81\tb.txt\n"
                              ".75\tAgain.\t\xE5\x86\x8D\tb.txt";
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("u.tsv", tsv, strlen(tsv), &seen, &status, "tsv-columns",
                                "score,source,target,document", NULL);
    CU_ASSERT_EQUAL(status, TME_OK);
    CU_ASSERT_EQUAL_FATAL(seen.count, 3);
    CU_ASSERT_STRING_EQUAL(seen.units[0].source, "Hello.");
    CU_ASSERT_STRING_EQUAL(seen.units[0].document, "a.txt");
    CU_ASSERT_DOUBLE_EQUAL(seen.units[0].score, 0.5, 1e-9);
    CU_ASSERT_STRING_EQUAL(seen.units[2].document, "b.txt");
    CU_ASSERT_EQUAL(seen.units[2].index, 1);
    CU_ASSERT_DOUBLE_EQUAL(seen.units[2].score, 0.75, 1e-9);
    tme_session_free(s);

    check_tsv_error("a\tb\nonly one column\n", "source,target", "bad.tsv:2: fewer");
    check_tsv_error("a\tb\tc\n", "source,target", "bad.tsv:1: more");
    check_tsv_error("a\tb\t1\na\tb\t0,5\n", "source,target,score", "bad.tsv:2: score '0,5'");
    check_tsv_error("a\tb\t1.5\n", "source,target,score", "not a number in [0,1]");
    check_tsv_error("a\tb\nc\t\xff\n", "source,target", "bad.tsv:2: invalid UTF-8 byte 0xFF");

    s = tme_session_new();
    CU_ASSERT_EQUAL(tme_session_set(s, "tsv-columns", "source,source"), TME_ERR_USAGE);
    CU_ASSERT_EQUAL(tme_session_set(s, "tsv-columns", "target"), TME_ERR_USAGE);
    CU_ASSERT_EQUAL(tme_session_set(s, "tsv-columns", "document,target,source"), TME_OK);
    tme_session_free(s);
}

/* ---- probes -------------------------------------------------------------------------- */

static const tme_input_format *probe_units(const char *text)
{
    return tme_input_format_probe_units((const unsigned char *)text, strlen(text), "x");
}

static const tme_input_format *probe_any(const char *text)
{
    return tme_input_format_probe((const unsigned char *)text, strlen(text), "x");
}

static void test_probes(void)
{
    const tme_input_format *tmx = tme_input_format_by_name("tmx"),
                           *xliff = tme_input_format_by_name("xliff"),
                           *xliff2 = tme_input_format_by_name("xliff2"),
                           *tsv = tme_input_format_by_name("tsv");
    const char *tmx_text = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
                           "<!-- a comment -->\n<tmx version=\"1.4\"><header srclang=\"en\"";
    CU_ASSERT_PTR_EQUAL(probe_any(tmx_text), tmx);
    CU_ASSERT_PTR_EQUAL(probe_units(tmx_text), tmx);
    size_t len;
    char *utf16 = tme_test_encode(tmx_text, strlen(tmx_text), "UTF-16BE", &len);
    char *with_bom = malloc(len + 2);
    memcpy(with_bom, "\xFE\xFF", 2);
    memcpy(with_bom + 2, utf16, len);
    CU_ASSERT_PTR_EQUAL(tme_input_format_probe((unsigned char *)with_bom, len + 2, "x"), tmx);
    free(with_bom);
    free(utf16);
    CU_ASSERT_PTR_EQUAL(probe_any("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" "
                                  "version=\"1.2\"><file"),
                        xliff);
    CU_ASSERT_PTR_EQUAL(probe_any("\xEF\xBB\xBF<?xml version=\"1.0\"?><xliff "
                                  "xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "
                                  "version=\"2.0\" srcLang=\"en\"><file"),
                        xliff2);
    /* TSV: tsv-pairs for extract, whatever its columns the reader of units
     * only where units are wanted. */
    const char *pairs = "Hello.\t\xE4\xBD\xA0\xE5\xA5\xBD\n";
    const char *four = "Hello.\t\xE4\xBD\xA0\xE5\xA5\xBD\ta.txt\t0.9000\n";
    CU_ASSERT_PTR_EQUAL(probe_any(pairs), tme_input_format_by_name("tsv-pairs"));
    CU_ASSERT_PTR_EQUAL(probe_any(four), tme_input_format_by_name("article"));
    CU_ASSERT_PTR_EQUAL(probe_units(pairs), tsv);
    CU_ASSERT_PTR_EQUAL(probe_units(four), tsv);
    CU_ASSERT_PTR_EQUAL(probe_units(""), tsv);
    /* XML of another kind is no file of units. */
    CU_ASSERT_PTR_NULL(probe_units("<!DOCTYPE html>\n<html><body>Hi</body></html>"));
    /* HTML is the html reader's, XML or not; XML broken before its root
     * goes to the TMX reader, which says where. */
    const tme_input_format *html = tme_input_format_by_name("html");
    CU_ASSERT_PTR_EQUAL(probe_any("<!DOCTYPE html>\n<html><body>Hi</body></html>"), html);
    CU_ASSERT_PTR_EQUAL(probe_any("<!doctype html>\n<meta charset=utf-8>\n<p>Hi"), html);
    CU_ASSERT_PTR_EQUAL(probe_any("<?xml version=\"1.0\"?>\n<!-- \xff -->\n<tmx>"), tmx);
}

/* ---- streaming ------------------------------------------------------------------------- */

/* A TMX of 1000 units cut short: the units before the cut reach the unit
 * callback (and the writers) while the file is being read, in parts. */
static void test_units_go_on_while_reading(void)
{
    size_t cap = 1 << 20, n = 0;
    char *tmx = malloc(cap);
    n += (size_t)snprintf(tmx + n, cap - n, "<tmx version=\"1.4\"><header srclang=\"en\"/><body>");
    for (int k = 0; k < 1000; k++)
        n += (size_t)snprintf(tmx + n, cap - n,
                              "<tu><tuv xml:lang=\"en\"><seg>e%d</seg></tuv><tuv "
                              "xml:lang=\"zh\"><seg>z%d</seg></tuv></tu>\n",
                              k, k);
    n += (size_t)snprintf(tmx + n, cap - n, "<tu><tuv>");
    seen_units seen;
    tme_status status;
    tme_session *s = read_units("cut.tmx", tmx, n, &seen, &status, NULL);
    CU_ASSERT_EQUAL(status, TME_ERR_INPUT);
    CU_ASSERT_PTR_NOT_NULL(strstr(tme_session_error(s), "cut.tmx:1001:"));
    CU_ASSERT(seen.calls >= TME_DOCUMENT_FLUSH_UNITS && seen.calls < 1000);
    tme_session_free(s);
    free(tmx);
}

static int init(void)
{
    const char *d = tme_test_scratch_dir("readers");
    if (d == NULL)
        return 1;
    snprintf(dir, sizeof dir, "%s", d);
    setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
    return 0;
}

static CU_TestInfo tests[] = {
    {"round trips through TMX, TSV, XLIFF 1.2 and 2.0 give the same bytes",
     test_round_trips_give_the_same_bytes},
    {"convert reads stdin", test_convert_reads_stdin},
    {"TMX: raw and written units mixed give xmlTextWriter's bytes",
     test_tmx_raw_and_written_units_mix},
    {"merging a run's shards gives the single run's output",
     test_merging_shards_gives_the_single_run},
    {"merge --dedup across shards", test_merge_dedups_across_shards},
    {"a memoQ-style UTF-16 TMX", test_memoq_utf16_tmx},
    {"TMX languages: srclang, three tuvs, swapped", test_tmx_language_choice},
    {"TMX x-document: documents and positions", test_tmx_documents_and_positions},
    {"XLIFF 1.2 reader", test_xliff12_reader},
    {"XLIFF 2.0 reader", test_xliff2_reader},
    {"TSV reader: columns, documents, errors named", test_tsv_reader},
    {"probes", test_probes},
    {"units go on while the file is read", test_units_go_on_while_reading},
    CU_TEST_INFO_NULL,
};

int main(void)
{
    if (init() != 0)
        return 2;
    return tme_run_suite("readers", tests);
}
