/* SPDX-License-Identifier: MIT */
/* Decoding, extraction and every registered writer on arbitrary bytes. The
 * first byte chooses the options; the rest is the document:
 *   bit 0  paragraph units (else sentences)
 *   bit 1  normalization off
 *   bit 2  the Chinese side is the source
 *   bit 3  read the document as `tmexport align` does (TSV paragraph pairs)
 *   bit 4  English: ASCII quotes
 *   bit 5  outputs gzip-compressed, TMX in UTF-16
 *   bits 6-7  Chinese Han/Latin spacing: keep, remove, add
 * Every unit must be clean UTF-8 with a score in [0,1]; every output is read
 * back: TSV has one line of two fields per unit, and so have the two moses
 * files pasted together; a JSON line per unit decodes to its text; XML (and
 * the review page's XHTML) is well-formed and has one
 * unit element per unit, carrying the unit's text unchanged. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "document.h"
#include "format.h"
#include "fuzz.h"
#include "options.h"
#include "sink.h"
#include "stream.h"
#include "writer.h"

static char scratch_dir[64];

static void remove_scratch_dir(void)
{
    rmdir(scratch_dir);
}

static const char *scratch(void)
{
    if (scratch_dir[0] == '\0') {
        strcpy(scratch_dir, "/tmp/tme-fuzz-XXXXXX");
        FUZZ_CHECK(mkdtemp(scratch_dir) != NULL);
        atexit(remove_scratch_dir);
    }
    return scratch_dir;
}

/* The whole file, gunzipped when it is gzip (gzread passes plain files
 * through). */
static unsigned char *read_back(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    FUZZ_CHECK(f != NULL);
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap + 1);
    FUZZ_CHECK(buf != NULL);
    int got;
    while ((got = gzread(f, buf + n, (unsigned)(cap - n))) > 0) {
        n += (size_t)got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            FUZZ_CHECK(buf != NULL);
        }
    }
    FUZZ_CHECK(got == 0);
    gzclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void check_units(const tme_units *units)
{
    for (size_t i = 0; i < units->count; i++) {
        const tme_unit *p = &units->items[i];
        FUZZ_CHECK(p->source[0] != '\0' && p->target[0] != '\0');
        FUZZ_CHECK(fuzz_valid_utf8(p->source, strlen(p->source)));
        FUZZ_CHECK(fuzz_valid_utf8(p->target, strlen(p->target)));
        FUZZ_CHECK(p->score >= 0.0 && p->score <= 1.0);
        FUZZ_CHECK(p->index == i);
    }
}

static void check_tsv(const unsigned char *out, size_t len, const tme_units *units)
{
    size_t lines = 0, tabs = 0;
    for (size_t i = 0; i < len; i++) {
        if (out[i] == '\t')
            tabs++;
        else if (out[i] == '\n') {
            FUZZ_CHECK(tabs == 1);
            lines++;
            tabs = 0;
        } else
            FUZZ_CHECK(out[i] >= 0x20);
    }
    FUZZ_CHECK(len == 0 || out[len - 1] == '\n');
    FUZZ_CHECK(lines == units->count);
    FUZZ_CHECK(fuzz_valid_utf8((const char *)out, len));
}

/* moses: line k of PATH.SRC and of PATH.TGT, pasted with a tab between,
 * must make the line TSV checks. */
static void check_moses(const char *stem, const tme_writer_context *wopt, int gzip,
                        const tme_units *units)
{
    char source_path[160], target_path[160];
    /* The fuzz languages are en and zh-CN: their primary subtags are 2 letters. */
    snprintf(source_path, sizeof source_path, "%s.%.2s%s", stem, wopt->source_lang,
             gzip ? ".gz" : "");
    snprintf(target_path, sizeof target_path, "%s.%.2s%s", stem, wopt->target_lang,
             gzip ? ".gz" : "");
    size_t source_len, target_len;
    unsigned char *source = read_back(source_path, &source_len);
    unsigned char *target = read_back(target_path, &target_len);
    unlink(source_path);
    unlink(target_path);
    unsigned char *pasted = malloc(source_len + target_len + 1);
    FUZZ_CHECK(pasted != NULL);
    size_t n = 0, i = 0, j = 0;
    while (i < source_len || j < target_len) {
        while (i < source_len && source[i] != '\n')
            pasted[n++] = source[i++];
        pasted[n++] = '\t';
        while (j < target_len && target[j] != '\n')
            pasted[n++] = target[j++];
        FUZZ_CHECK(i < source_len && j < target_len); /* both lines end */
        pasted[n++] = '\n';
        i++;
        j++;
    }
    check_tsv(pasted, n, units);
    free(pasted);
    free(source);
    free(target);
}

/* Reads the JSON string at *p (its opening quote) into out, as UTF-8;
 * advances *p past the closing quote. Only the escapes the jsonl writer
 * writes are accepted; a raw control character fails. */
static void read_json_string(const unsigned char **p, unsigned char *out)
{
    const unsigned char *q = *p;
    FUZZ_CHECK(*q++ == '"');
    while (*q != '"') {
        FUZZ_CHECK(*q >= 0x20);
        if (*q != '\\') {
            *out++ = *q++;
            continue;
        }
        q++;
        const char *shorts = "\"\\/bfnrt", *values = "\"\\/\b\f\n\r\t";
        const char *k = *q != '\0' ? strchr(shorts, *q) : NULL;
        if (k != NULL) {
            *out++ = (unsigned char)values[k - shorts];
            q++;
            continue;
        }
        FUZZ_CHECK(*q == 'u');
        unsigned cp = 0;
        for (int i = 1; i <= 4; i++) {
            const char *hex = "0123456789abcdef", *digit = strchr(hex, q[i]);
            FUZZ_CHECK(q[i] != '\0' && digit != NULL);
            cp = cp * 16 + (unsigned)(digit - hex);
        }
        q += 5;
        /* Controls and U+2028/2029 are all the writer escapes this way. */
        FUZZ_CHECK(cp < 0x20 || cp == 0x2028 || cp == 0x2029);
        if (cp < 0x20) {
            *out++ = (unsigned char)cp;
        } else {
            *out++ = 0xE2;
            *out++ = 0x80;
            *out++ = (unsigned char)(0x80 | (cp & 0x3F));
        }
    }
    *out = '\0';
    *p = q + 1;
}

static void expect_text(const unsigned char **p, const char *text)
{
    FUZZ_CHECK(strncmp((const char *)*p, text, strlen(text)) == 0);
    *p += strlen(text);
}

/* jsonl: a line {"translation": {"en": ..., "zh": ...}} per unit, its
 * strings decoding to the unit's text. */
static void check_jsonl(const unsigned char *out, size_t len, const tme_writer_context *wopt,
                        const tme_units *units)
{
    FUZZ_CHECK(fuzz_valid_utf8((const char *)out, len));
    unsigned char *text = malloc(len + 1);
    FUZZ_CHECK(text != NULL);
    char source_key[16], target_key[16];
    snprintf(source_key, sizeof source_key, "\"%.2s\": ", wopt->source_lang);
    snprintf(target_key, sizeof target_key, ", \"%.2s\": ", wopt->target_lang);
    const unsigned char *p = out;
    for (size_t i = 0; i < units->count; i++) {
        expect_text(&p, "{\"translation\": {");
        expect_text(&p, source_key);
        read_json_string(&p, text);
        FUZZ_CHECK(strcmp((const char *)text, units->items[i].source) == 0);
        expect_text(&p, target_key);
        read_json_string(&p, text);
        FUZZ_CHECK(strcmp((const char *)text, units->items[i].target) == 0);
        expect_text(&p, "}}\n");
    }
    FUZZ_CHECK(p == out + len);
    free(text);
}

/* The element names that hold a unit, and the source and target text. */
typedef struct {
    const char *unit, *source, *target;
} xml_shape;

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The k-th (0-based) element named name below n, in document order. */
static xmlNode *find_nth(xmlNode *n, const char *name, size_t *k)
{
    for (; n != NULL; n = n->next) {
        if (named(n, name) && (*k)-- == 0)
            return n;
        xmlNode *found = find_nth(n->children, name, k);
        if (found != NULL)
            return found;
    }
    return NULL;
}

static void check_text(xmlNode *n, const char *expected)
{
    FUZZ_CHECK(n != NULL);
    xmlChar *text = xmlNodeGetContent(n);
    FUZZ_CHECK(text != NULL);
    if (strcmp((const char *)text, expected) != 0) {
        fprintf(stderr, "written: [%s]\nread back: [%s]\n", expected, (const char *)text);
        FUZZ_CHECK(!"XML text read back differs from the unit");
    }
    xmlFree(text);
}

static void check_units_in(xmlNode *n, const xml_shape *shape, const tme_units *units, size_t *seen)
{
    for (; n != NULL; n = n->next) {
        if (!named(n, shape->unit)) {
            check_units_in(n->children, shape, units, seen);
            continue;
        }
        FUZZ_CHECK(*seen < units->count);
        /* TMX has two <seg>, the source language first. */
        size_t first = 0, second = strcmp(shape->source, shape->target) == 0 ? 1 : 0;
        xmlNode *source = find_nth(n->children, shape->source, &first);
        xmlNode *target = find_nth(n->children, shape->target, &second);
        check_text(source, units->items[*seen].source);
        check_text(target, units->items[*seen].target);
        (*seen)++;
    }
}

static void check_xml(const char *format, const unsigned char *out, size_t len,
                      const tme_units *units)
{
    xml_shape shape;
    if (strcmp(format, "tmx") == 0)
        shape = (xml_shape){"tu", "seg", "seg"};
    else if (strcmp(format, "xliff") == 0)
        shape = (xml_shape){"trans-unit", "source", "target"};
    else
        shape = (xml_shape){"unit", "source", "target"};
    xmlDocPtr doc = xmlReadMemory((const char *)out, (int)len, "out.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc == NULL) {
        fprintf(stderr, "%s output is not well-formed XML:\n%.*s\n", format, (int)len,
                (const char *)out);
        FUZZ_CHECK(!"well-formed XML output");
    }
    size_t seen = 0;
    check_units_in(xmlDocGetRootElement(doc), &shape, units, &seen);
    FUZZ_CHECK(seen == units->count);
    xmlFreeDoc(doc);
}

/* review: well-formed, a row of the pairs table per unit, its third and
 * fourth cells the unit's text. */
static void check_review(const unsigned char *out, size_t len, const tme_units *units)
{
    xmlDocPtr doc = xmlReadMemory((const char *)out, (int)len, "review.html", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    FUZZ_CHECK(doc != NULL);
    xmlXPathContextPtr context = xmlXPathNewContext(doc);
    xmlXPathObjectPtr rows =
        xmlXPathEvalExpression(BAD_CAST "//table[@class='pairs']/tbody/tr", context);
    FUZZ_CHECK(rows != NULL && rows->nodesetval != NULL);
    FUZZ_CHECK((size_t)rows->nodesetval->nodeNr == units->count);
    for (size_t i = 0; i < units->count; i++) {
        size_t source = 2, target = 3;
        xmlNode *row = rows->nodesetval->nodeTab[i];
        check_text(find_nth(row->children, "td", &source), units->items[i].source);
        check_text(find_nth(row->children, "td", &target), units->items[i].target);
    }
    xmlXPathFreeObject(rows);
    xmlXPathFreeContext(context);
    xmlFreeDoc(doc);
}

static void write_and_check(const tme_output_format *format, const tme_writer_context *wopt,
                            int gzip, const tme_units *units)
{
    char path[128];
    snprintf(path, sizeof path, "%s/out.%s", scratch(), format->name);
    tme_error err;
    tme_error_clear(&err);
    if (strcmp(format->name, "moses") == 0)
        snprintf(path, sizeof path, "%s/out", scratch());
    tme_writer *w = tme_writer_open(format, path, gzip ? 1 : TME_SINK_PLAIN, wopt, &err);
    FUZZ_CHECK(w != NULL);
    FUZZ_CHECK(tme_writer_begin_document(w, units->document, 0, &err) == TME_OK);
    for (size_t i = 0; i < units->count; i++)
        FUZZ_CHECK(tme_writer_write(w, &units->items[i], &err) == TME_OK);
    FUZZ_CHECK(tme_writer_end_document(w, &err) == TME_OK);
    FUZZ_CHECK(tme_writer_finish(w, &err) == TME_OK);
    if (strcmp(format->name, "moses") == 0) {
        check_moses(path, wopt, gzip, units);
        return;
    }
    size_t len;
    unsigned char *out = read_back(path, &len);
    unlink(path);
    if (strcmp(format->name, "tsv") == 0)
        check_tsv(out, len, units);
    else if (strcmp(format->name, "jsonl") == 0)
        check_jsonl(out, len, wopt, units);
    else if (strcmp(format->name, "review") == 0)
        check_review(out, len, units);
    else
        check_xml(format->name, out, len, units);
    free(out);
}

/* Reads data as the article (or TSV pairs) reader does, with the options
 * flags choose. */
static tme_status read_document(uint8_t flags, const uint8_t *data, size_t size,
                                const tme_document_settings *settings, tme_document *doc,
                                tme_error *err)
{
    const char *name = "fuzz<&>\"doc\"";
    if (tme_document_init(doc, settings, name, 0, err) != TME_OK)
        return err->status;
    tme_stream *in;
    FUZZ_CHECK(tme_stream_open_memory(data, size, name, &in, err) == TME_OK);
    const tme_input_format *reader =
        tme_input_format_by_name((flags & 8) ? "tsv-pairs" : "article");
    tme_status status = reader->read(doc, in, err);
    tme_stream_close(in);
    return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t flags = data[0];
    int gzip = (flags & 32) != 0;
    tme_error err;
    tme_error_clear(&err);
    tme_option_values values;
    FUZZ_CHECK(tme_option_values_init(&values, &err) == TME_OK);
    FUZZ_CHECK(tme_option_values_set(&values, "tmx-encoding", gzip ? "utf-16" : "utf-8", &err) ==
               TME_OK);
    tme_document_settings settings = {
        .paragraph_units = (flags & 1) != 0,
        .normalize = !(flags & 2),
        .source_is_chinese = (flags & 4) != 0,
        .norm = {.ascii_quotes = (flags & 16) != 0,
                 .cjk_space = (tme_cjk_space)(((flags >> 6) & 3) % 3)},
        .options = &values,
    };
    tme_document doc;
    tme_status status = read_document(flags, data + 1, size - 1, &settings, &doc, &err);
    if (status != TME_OK) {
        FUZZ_CHECK(status == TME_ERR_INPUT && err.status == TME_ERR_INPUT);
        FUZZ_CHECK(err.message[0] != '\0');
        tme_document_free(&doc);
        tme_option_values_free(&values);
        return 0;
    }
    FUZZ_CHECK(doc.counters.n[TME_COUNT_UNITS] == doc.units.count);
    check_units(&doc.units);

    const tme_writer_context wopt = {
        .source_lang = settings.source_is_chinese ? "zh-CN" : "en",
        .target_lang = settings.source_is_chinese ? "en" : "zh-CN",
        .segtype = settings.paragraph_units ? "paragraph" : "sentence",
        .tool_version = "fuzz",
        .creation_time = 0,
        .options = &values,
    };
    for (size_t f = 0; tme_output_formats[f] != NULL; f++)
        write_and_check(tme_output_formats[f], &wopt, gzip, &doc.units);
    tme_document_free(&doc);
    tme_option_values_free(&values);
    return 0;
}
