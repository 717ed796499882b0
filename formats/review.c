/* SPDX-License-Identifier: MIT */
/* The review page: one self-contained HTML file for a translator to look at
 * what was aligned before importing it (LF Aligner opens a spreadsheet, XTM
 * writes an "Aligned" file). Per document, the exported pairs side by side
 * with their scores (below 0.8 and below 0.5 in two shades), then what was
 * not exported and why; at the top a summary (counts per reason, a
 * histogram of the scores as inline SVG). Inline CSS, and JavaScript only to
 * filter rows and sort columns: no network, no external script, style or
 * font; everything shows without JavaScript too.
 *
 * Written with libxml2's xmlTextWriter (every escape is libxml2's) as
 * XHTML-compatible markup under <!DOCTYPE html>: every non-void element gets
 * an end tag, since HTML parsers ignore "<td/>".
 *
 * The summary comes first but is known last: the documents' sections go to
 * an anonymous temporary file as they come (memory stays a document's
 * not-exported items, whatever the export's size) and are copied into the
 * page behind the summary at the end. */
#include "format.h"
#include "text_output.h"
#include "xml_output.h"

#include <errno.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "langtag.h"

#define BINS 10
#define LOW_SCORE 5000 /* in ten-thousandths: below 0.5 */
#define MID_SCORE 8000 /* below 0.8 */

typedef struct {
    FILE *body_file;       /* the documents' sections, until end() */
    xmlTextWriterPtr body; /* writes into body_file */
    int body_errno;        /* the first failure writing body_file */
    xmlTextWriterPtr page; /* writes into the sink, at end() */
    int document_open;
    size_t documents, document_pairs;
    tme_dropped_list dropped; /* the current document's, shown after its pairs */
    size_t pairs, by_reason[TME_DROP_REASONS], histogram[BINS];
    const char *english_lang, *chinese_lang; /* the lang attributes of either side */
} review_state;

/* ---- the temporary file of the documents' sections ---------------------- */

static int body_write(void *context, const char *buffer, int len)
{
    review_state *s = context;
    if (len <= 0)
        return 0;
    if (fwrite(buffer, 1, (size_t)len, s->body_file) != (size_t)len) {
        if (s->body_errno == 0)
            s->body_errno = errno != 0 ? errno : EIO;
        return -1;
    }
    return len;
}

static int body_close(void *context)
{
    (void)context;
    return 0;
}

static tme_status body_failure(const tme_writer *w, const review_state *s, tme_error *err)
{
    if (s->body_errno != 0)
        return tme_error_errno(err, s->body_errno, "%s: review page: its temporary file",
                               tme_sink_name(w->sink));
    return tme_error_set(err, TME_ERR_IO, "%s: cannot write the review page",
                         tme_sink_name(w->sink));
}

/* ---- small pieces of markup --------------------------------------------- */

static int start(xmlTextWriterPtr xml, const char *name)
{
    return xmlTextWriterStartElement(xml, BAD_CAST name);
}

/* Every non-void element is closed with an end tag. */
static int end(xmlTextWriterPtr xml)
{
    return xmlTextWriterFullEndElement(xml);
}

static int attribute(xmlTextWriterPtr xml, const char *name, const char *value)
{
    return tme_xml_write_clean_attribute(xml, name, value);
}

static int element(xmlTextWriterPtr xml, const char *name, const char *text)
{
    if (start(xml, name) < 0 || tme_xml_write_clean_string(xml, text) < 0)
        return -1;
    return end(xml);
}

/* <name class="..."> text </name>, class NULL for none. */
static int element_with_class(xmlTextWriterPtr xml, const char *name, const char *class_name,
                              const char *text)
{
    if (start(xml, name) < 0 || (class_name != NULL && attribute(xml, "class", class_name) < 0) ||
        tme_xml_write_clean_string(xml, text) < 0)
        return -1;
    return end(xml);
}

/* A cell of a side's text, in its language; text NULL for an empty one. */
static int text_cell(xmlTextWriterPtr xml, const char *lang, const char *text)
{
    if (start(xml, "td") < 0 || attribute(xml, "lang", lang) < 0 ||
        (text != NULL && tme_xml_write_clean_string(xml, text) < 0))
        return -1;
    return end(xml);
}

/* A number cell; value is what the column sorts by. */
static int number_cell(xmlTextWriterPtr xml, const char *text, const char *value)
{
    if (start(xml, "td") < 0 || attribute(xml, "class", "num") < 0 ||
        attribute(xml, "data-value", value) < 0 || tme_xml_write_clean_string(xml, text) < 0)
        return -1;
    return end(xml);
}

/* A column header; a sortable one (key: "position", "score") holds a
 * button that the script makes work. */
static int header_cell(xmlTextWriterPtr xml, const char *label, const char *key)
{
    if (start(xml, "th") < 0 || attribute(xml, "scope", "col") < 0)
        return -1;
    if (key != NULL) {
        if (start(xml, "button") < 0 || attribute(xml, "type", "button") < 0 ||
            attribute(xml, "class", "sort") < 0 || attribute(xml, "data-key", key) < 0 ||
            tme_xml_write_clean_string(xml, label) < 0 || end(xml) < 0)
            return -1;
    } else if (tme_xml_write_clean_string(xml, label) < 0) {
        return -1;
    }
    return end(xml);
}

/* "English (en)" or "Chinese (zh-CN)": a column's heading for a language. */
static void language_label(const review_state *s, const char *lang, char *out, size_t size)
{
    snprintf(out, size, "%s (%s)", lang == s->chinese_lang ? "Chinese" : "English", lang);
}

/* ---- a document's section --------------------------------------------- */

static int open_section(review_state *s, const char *document)
{
    char id[32], title_id[40], heading[64];
    snprintf(id, sizeof id, "doc-%zu", s->documents);
    snprintf(title_id, sizeof title_id, "doc-%zu-title", s->documents);
    snprintf(heading, sizeof heading, "Document %zu: ", s->documents);
    xmlTextWriterPtr x = s->body;
    if (start(x, "section") < 0 || attribute(x, "class", "document") < 0 ||
        attribute(x, "id", id) < 0 || attribute(x, "aria-labelledby", title_id) < 0 ||
        start(x, "h2") < 0 || attribute(x, "id", title_id) < 0 ||
        tme_xml_write_clean_string(x, heading) < 0 || element(x, "code", document) < 0 ||
        end(x) < 0)
        return -1;
    return 0;
}

static int open_pairs_table(review_state *s, const tme_writer_context *c)
{
    char source[64], target[64];
    language_label(s, c->source_lang, source, sizeof source);
    language_label(s, c->target_lang, target, sizeof target);
    xmlTextWriterPtr x = s->body;
    if (start(x, "table") < 0 || attribute(x, "class", "pairs") < 0 ||
        element(x, "caption", "Exported pairs") < 0 || start(x, "thead") < 0 ||
        start(x, "tr") < 0 || header_cell(x, "#", "position") < 0 ||
        header_cell(x, "Score", "score") < 0 || header_cell(x, source, NULL) < 0 ||
        header_cell(x, target, NULL) < 0 || end(x) < 0 || end(x) < 0 || start(x, "tbody") < 0)
        return -1;
    return 0;
}

static tme_status review_begin_document(tme_writer *w, const char *document, size_t document_index,
                                        tme_error *err)
{
    (void)document_index;
    review_state *s = w->priv;
    s->documents++;
    s->document_pairs = 0;
    s->document_open = 1;
    if (open_section(s, document) < 0 || open_pairs_table(s, w->context) < 0)
        return body_failure(w, s, err);
    return TME_OK;
}

static tme_status review_write(tme_writer *w, const tme_unit *unit, tme_error *err)
{
    review_state *s = w->priv;
    if (!s->document_open &&
        review_begin_document(w, unit->document, unit->document_index, err) != TME_OK)
        return err->status;
    unsigned scaled = tme_score_scaled(unit->score); /* as the page shows it */
    s->pairs++;
    s->document_pairs++;
    s->histogram[scaled / 1000 < BINS ? scaled / 1000 : BINS - 1]++;
    char position[32], score[TME_SCORE_SIZE];
    snprintf(position, sizeof position, "%zu", unit->index + 1);
    tme_format_score(unit->score, score);
    const char *shade = scaled < LOW_SCORE ? "low" : scaled < MID_SCORE ? "mid" : NULL;
    xmlTextWriterPtr x = s->body;
    if (start(x, "tr") < 0 || (shade != NULL && attribute(x, "class", shade) < 0) ||
        number_cell(x, position, position) < 0 || number_cell(x, score, score) < 0 ||
        text_cell(x, w->context->source_lang, unit->source) < 0 ||
        text_cell(x, w->context->target_lang, unit->target) < 0 || end(x) < 0)
        return body_failure(w, s, err);
    return TME_OK;
}

/* Kept until the document ends: a streaming document hands its
 * not-exported items on after each part of its units. */
static tme_status review_dropped(tme_writer *w, const tme_dropped *d, tme_error *err)
{
    review_state *s = w->priv;
    if (tme_dropped_list_add(&s->dropped, d->english, d->english ? strlen(d->english) : 0,
                             d->chinese, d->chinese ? strlen(d->chinese) : 0, d->score, d->reason,
                             d->detail, err) != TME_OK)
        return err->status;
    if (d->reason < TME_DROP_REASONS)
        s->by_reason[d->reason]++;
    return TME_OK;
}

/* Only these reasons come with a score worth showing. */
static int reason_has_score(tme_drop_reason reason)
{
    return reason == TME_DROP_BELOW_MIN_SCORE || reason == TME_DROP_DUPLICATE ||
           reason == TME_DROP_EMPTY_SIDE || reason == TME_DROP_FILTERED;
}

static int write_dropped_row(const review_state *s, size_t k, const tme_dropped *d)
{
    char position[32], score[TME_SCORE_SIZE], reason[160];
    snprintf(position, sizeof position, "%zu", k + 1);
    tme_format_score(d->score, score);
    if (d->detail != NULL)
        snprintf(reason, sizeof reason, "%s (%s)", tme_drop_reason_name(d->reason), d->detail);
    else
        snprintf(reason, sizeof reason, "%s", tme_drop_reason_name(d->reason));
    int scored = reason_has_score(d->reason);
    xmlTextWriterPtr x = s->body;
    if (start(x, "tr") < 0 || number_cell(x, position, position) < 0 ||
        element_with_class(x, "td", "reason", reason) < 0 ||
        number_cell(x, scored ? score : "", scored ? score : "-1") < 0 ||
        text_cell(x, s->english_lang, d->english) < 0 ||
        text_cell(x, s->chinese_lang, d->chinese) < 0)
        return -1;
    return end(x);
}

static int write_dropped_table(review_state *s)
{
    xmlTextWriterPtr x = s->body;
    if (s->dropped.count == 0)
        return element_with_class(x, "p", "none", "Nothing of this document was left out.");
    char english[64], chinese[64];
    language_label(s, s->english_lang, english, sizeof english);
    language_label(s, s->chinese_lang, chinese, sizeof chinese);
    if (start(x, "table") < 0 || attribute(x, "class", "dropped") < 0 ||
        element(x, "caption", "Not exported, and why") < 0 || start(x, "thead") < 0 ||
        start(x, "tr") < 0 || header_cell(x, "#", "position") < 0 ||
        header_cell(x, "Reason", NULL) < 0 || header_cell(x, "Score", "score") < 0 ||
        header_cell(x, english, NULL) < 0 || header_cell(x, chinese, NULL) < 0 || end(x) < 0 ||
        end(x) < 0 || start(x, "tbody") < 0)
        return -1;
    for (size_t k = 0; k < s->dropped.count; k++)
        if (write_dropped_row(s, k, &s->dropped.items[k]) < 0)
            return -1;
    return end(x) < 0 ? -1 : end(x); /* tbody, table */
}

static tme_status review_end_document(tme_writer *w, tme_error *err)
{
    review_state *s = w->priv;
    if (!s->document_open)
        return TME_OK;
    s->document_open = 0;
    xmlTextWriterPtr x = s->body;
    int rc = end(x) < 0 || end(x) < 0 ? -1 : 0; /* tbody, table of pairs */
    if (rc == 0 && s->document_pairs == 0)
        rc = element_with_class(x, "p", "none", "No pair of this document was exported.");
    if (rc >= 0)
        rc = write_dropped_table(s);
    tme_dropped_clear(&s->dropped);
    if (rc < 0 || end(x) < 0) /* section */
        return body_failure(w, s, err);
    return TME_OK;
}

/* ---- the page ---------------------------------------------------------- */

/* Written raw into <style> and <script>, whose content HTML does not
 * unescape: neither may hold '<' or '&' (nor does, so the page is the same
 * markup to an XML parser). */
static const char page_style[] =
    "\n:root{color-scheme:light}"
    "body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;"
    "margin:0 auto;max-width:1280px;padding:0 16px 48px;color:#1b1b1b;background:#fff}"
    "h1{font-size:1.5em;margin:16px 0 4px}header p{margin:0;color:#555}"
    "h2{font-size:1.15em;margin:28px 0 8px}h2 code{font-size:.95em}"
    "table{border-collapse:collapse;width:100%;margin:6px 0 18px}"
    "caption{text-align:left;font-weight:600;padding:4px 0}"
    "th,td{border:1px solid #d4d4d4;padding:4px 8px;vertical-align:top;text-align:left}"
    "thead th{background:#f1f1f1;position:sticky;top:44px}"
    "td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "td.reason{white-space:nowrap}"
    "tr.mid td{background:#fff1cc}tr.low td{background:#fbd5d5}"
    "th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;"
    "color:inherit;white-space:nowrap}"
    "tr.reason th{font-weight:normal;padding-left:24px}"
    "th button::after{content:\" \\2195\";color:#888}"
    "th[aria-sort=ascending] button::after{content:\" \\25B2\";color:inherit}"
    "th[aria-sort=descending] button::after{content:\" \\25BC\";color:inherit}"
    ".figures{display:flex;flex-wrap:wrap;gap:32px;align-items:flex-start}"
    "table.counts{width:auto;min-width:20em}tr.total th,tr.total td{font-weight:600}"
    "figure{margin:6px 0}figcaption{color:#555;font-size:.9em;max-width:530px}"
    "rect.low{fill:#d9534f}rect.mid{fill:#f0ad4e}rect.high{fill:#5cb85c}"
    "svg text{font-size:12px;text-anchor:middle;fill:#333}svg text.axis{fill:#666}"
    ".filter{position:sticky;top:0;z-index:1;background:#fff;padding:8px 0;"
    "border-bottom:1px solid #ddd}"
    ".filter input{font:inherit;width:26em;max-width:60%;padding:3px 6px}"
    "#filter-status{margin-left:12px;color:#555}"
    "p.none{color:#555;font-style:italic}"
    "[lang|=zh],[lang|=cmn],[lang|=yue]{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif}\n";

/* Filter: rows of every table but the counts whose text holds what is
 * typed (case ignored). Sort: a header button orders its table's rows by
 * the column's data-value, ascending, then descending. The page's address
 * may ask for both (report.html#filter=Weibo&sort=-score), so that a link
 * opens the page as its sender saw it. */
static const char page_script[] =
    "\n(function () {\n"
    "  \"use strict\";\n"
    "  var rows = Array.prototype.slice.call(document.querySelectorAll(\"main tbody tr\"));\n"
    "  var box = document.getElementById(\"filter\");\n"
    "  var status = document.getElementById(\"filter-status\");\n"
    "  function filter() {\n"
    "    var wanted = box.value.toLowerCase(), shown = 0;\n"
    "    rows.forEach(function (row) {\n"
    "      if (row.closest(\"table.counts\") !== null) { return; }\n"
    "      var hit = row.textContent.toLowerCase().indexOf(wanted) !== -1;\n"
    "      row.hidden = !hit;\n"
    "      if (hit) { shown += 1; }\n"
    "    });\n"
    "    status.textContent = wanted === \"\" ? \"\" : shown + \" rows shown\";\n"
    "  }\n"
    "  function sort(button, up) {\n"
    "    var th = button.parentNode, table = th.closest(\"table\");\n"
    "    var body = table.tBodies[0], column = th.cellIndex;\n"
    "    table.tHead.querySelectorAll(\"th\").forEach(function (other) {\n"
    "      other.removeAttribute(\"aria-sort\");\n"
    "    });\n"
    "    th.setAttribute(\"aria-sort\", up ? \"ascending\" : \"descending\");\n"
    "    var list = Array.prototype.slice.call(body.rows);\n"
    "    list.sort(function (a, b) {\n"
    "      var x = parseFloat(a.cells[column].getAttribute(\"data-value\"));\n"
    "      var y = parseFloat(b.cells[column].getAttribute(\"data-value\"));\n"
    "      return up ? x - y : y - x;\n"
    "    });\n"
    "    list.forEach(function (row) { body.appendChild(row); });\n"
    "  }\n"
    "  box.addEventListener(\"input\", filter);\n"
    "  var buttons = document.querySelectorAll(\"th button.sort\");\n"
    "  buttons.forEach(function (button) {\n"
    "    button.addEventListener(\"click\", function () {\n"
    "      sort(button, button.parentNode.getAttribute(\"aria-sort\") !== \"ascending\");\n"
    "    });\n"
    "  });\n"
    "  var asked = new URLSearchParams(window.location.hash.slice(1));\n"
    "  if (asked.has(\"filter\")) { box.value = asked.get(\"filter\"); filter(); }\n"
    "  var key = asked.get(\"sort\"), down = key !== null ? key.charAt(0) === \"-\" : false;\n"
    "  if (down) { key = key.slice(1); }\n"
    "  buttons.forEach(function (button) {\n"
    "    if (button.getAttribute(\"data-key\") === key) { sort(button, !down); }\n"
    "  });\n"
    "}());\n";

static tme_status review_begin(tme_writer *w, tme_error *err)
{
    review_state *s = w->priv;
    const tme_writer_context *c = w->context;
    int source_chinese = tme_langtag_is_chinese(c->source_lang);
    s->chinese_lang = source_chinese ? c->source_lang : c->target_lang;
    s->english_lang = source_chinese ? c->target_lang : c->source_lang;
    if ((s->body_file = tmpfile()) == NULL)
        return tme_error_errno(err, errno, "%s: review page: cannot make its temporary file",
                               tme_sink_name(w->sink));
    xmlOutputBufferPtr out = xmlOutputBufferCreateIO(body_write, body_close, s, NULL);
    if (out == NULL || (s->body = xmlNewTextWriter(out)) == NULL)
        return tme_error_nomem(err);
    return TME_OK;
}

static int write_head(xmlTextWriterPtr x, const review_state *s)
{
    char title[96];
    snprintf(title, sizeof title, "Review: %zu pairs exported from %zu document%s", s->pairs,
             s->documents, s->documents == 1 ? "" : "s");
    if (xmlTextWriterWriteDTD(x, BAD_CAST "html", NULL, NULL, NULL) < 0 ||
        xmlTextWriterWriteRaw(x, BAD_CAST "\n") < 0 || start(x, "html") < 0 ||
        attribute(x, "lang", "en") < 0 || start(x, "head") < 0 || start(x, "meta") < 0 ||
        attribute(x, "charset", "utf-8") < 0 || xmlTextWriterEndElement(x) < 0 ||
        start(x, "meta") < 0 || attribute(x, "name", "viewport") < 0 ||
        attribute(x, "content", "width=device-width, initial-scale=1") < 0 ||
        xmlTextWriterEndElement(x) < 0 || element(x, "title", title) < 0 || start(x, "style") < 0 ||
        xmlTextWriterWriteRaw(x, BAD_CAST page_style) < 0 || end(x) < 0 || end(x) < 0)
        return -1;
    return 0;
}

static int write_banner(xmlTextWriterPtr x, const tme_writer_context *c)
{
    char date[32], line[256];
    struct tm utc;
    time_t t = c->creation_time;
    if (gmtime_r(&t, &utc) == NULL || strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &utc) == 0)
        snprintf(date, sizeof date, "1970-01-01 00:00 UTC");
    /* "\xE2\x86\x92" is → (U+2192). */
    snprintf(line, sizeof line, "%s \xE2\x86\x92 %s, %s units; tmexport %s, %s", c->source_lang,
             c->target_lang, c->segtype, c->tool_version, date);
    if (start(x, "header") < 0 || element(x, "h1", "What was aligned, and what was left out") < 0 ||
        element(x, "p", line) < 0 || end(x) < 0)
        return -1;
    return 0;
}

static int count_row(xmlTextWriterPtr x, const char *label, size_t count, const char *class_name)
{
    char n[32];
    snprintf(n, sizeof n, "%zu", count);
    if (start(x, "tr") < 0 || (class_name != NULL && attribute(x, "class", class_name) < 0) ||
        start(x, "th") < 0 || attribute(x, "scope", "row") < 0 ||
        tme_xml_write_clean_string(x, label) < 0 || end(x) < 0 ||
        element_with_class(x, "td", "num", n) < 0)
        return -1;
    return end(x);
}

static int write_counts(xmlTextWriterPtr x, const review_state *s)
{
    size_t dropped = 0;
    for (size_t r = 0; r < TME_DROP_REASONS; r++)
        dropped += s->by_reason[r];
    if (start(x, "table") < 0 || attribute(x, "class", "counts") < 0 ||
        element(x, "caption", "Counts") < 0 || start(x, "tbody") < 0 ||
        count_row(x, "Documents", s->documents, NULL) < 0 ||
        count_row(x, "Pairs exported", s->pairs, "total") < 0 ||
        count_row(x, "Not exported", dropped, "total") < 0)
        return -1;
    for (size_t r = 0; r < TME_DROP_REASONS; r++)
        if (count_row(x, tme_drop_reason_name((tme_drop_reason)r), s->by_reason[r], "reason") < 0)
            return -1;
    return end(x) < 0 ? -1 : end(x);
}

static int svg_number_attribute(xmlTextWriterPtr x, const char *name, unsigned value)
{
    char text[16];
    snprintf(text, sizeof text, "%u", value);
    return xmlTextWriterWriteAttribute(x, BAD_CAST name, BAD_CAST text);
}

/* One bar of the histogram, with its count above and its bin below. */
static int write_bar(xmlTextWriterPtr x, size_t bin, size_t count, size_t most)
{
    enum { LEFT = 10, WIDTH = 50, BASE = 170, TALL = 140 };
    unsigned height = most > 0 ? (unsigned)(count * TALL / most) : 0;
    unsigned left = LEFT + (unsigned)bin * WIDTH;
    char tip[64], n[32], label[8], upper[8];
    snprintf(upper, sizeof upper, bin + 1 == BINS ? "1.0" : "0.%zu", bin + 1);
    snprintf(tip, sizeof tip, "scores 0.%zu to %s: %zu pairs", bin, upper, count);
    snprintf(n, sizeof n, "%zu", count);
    snprintf(label, sizeof label, "0.%zu", bin);
    const char *shade = bin * 1000 < LOW_SCORE ? "low" : bin * 1000 < MID_SCORE ? "mid" : "high";
    if (start(x, "rect") < 0 || attribute(x, "class", shade) < 0 ||
        svg_number_attribute(x, "x", left + 4) < 0 ||
        svg_number_attribute(x, "y", BASE - height) < 0 ||
        svg_number_attribute(x, "width", WIDTH - 8) < 0 ||
        svg_number_attribute(x, "height", height) < 0 || element(x, "title", tip) < 0 ||
        end(x) < 0 || start(x, "text") < 0 || svg_number_attribute(x, "x", left + WIDTH / 2) < 0 ||
        svg_number_attribute(x, "y", BASE - height - 4) < 0 ||
        xmlTextWriterWriteString(x, BAD_CAST n) < 0 || end(x) < 0 || start(x, "text") < 0 ||
        svg_number_attribute(x, "x", left) < 0 || svg_number_attribute(x, "y", BASE + 18) < 0 ||
        attribute(x, "class", "axis") < 0 || xmlTextWriterWriteString(x, BAD_CAST label) < 0)
        return -1;
    return end(x);
}

static int write_histogram(xmlTextWriterPtr x, const review_state *s)
{
    size_t most = 0;
    for (size_t b = 0; b < BINS; b++)
        most = s->histogram[b] > most ? s->histogram[b] : most;
    char description[512];
    size_t used =
        (size_t)snprintf(description, sizeof description, "Pairs exported per score band:");
    for (size_t b = 0; b < BINS && used < sizeof description; b++) {
        char upper[8];
        snprintf(upper, sizeof upper, b + 1 == BINS ? "1.0" : "0.%zu", b + 1);
        used += (size_t)snprintf(description + used, sizeof description - used, "%s0.%zu-%s: %zu",
                                 b > 0 ? "; " : " ", b, upper, s->histogram[b]);
    }
    if (start(x, "figure") < 0 || start(x, "svg") < 0 ||
        attribute(x, "xmlns", "http://www.w3.org/2000/svg") < 0 ||
        attribute(x, "viewBox", "0 0 530 200") < 0 || attribute(x, "width", "530") < 0 ||
        attribute(x, "height", "200") < 0 || attribute(x, "role", "img") < 0 ||
        attribute(x, "aria-labelledby", "histogram-title histogram-description") < 0 ||
        start(x, "title") < 0 || attribute(x, "id", "histogram-title") < 0 ||
        tme_xml_write_clean_string(x, "Score histogram") < 0 || end(x) < 0 ||
        start(x, "desc") < 0 || attribute(x, "id", "histogram-description") < 0 ||
        tme_xml_write_clean_string(x, description) < 0 || end(x) < 0)
        return -1;
    for (size_t b = 0; b < BINS; b++)
        if (write_bar(x, b, s->histogram[b], most) < 0)
            return -1;
    if (start(x, "text") < 0 || attribute(x, "x", "505") < 0 || attribute(x, "y", "188") < 0 ||
        attribute(x, "class", "axis") < 0 || xmlTextWriterWriteString(x, BAD_CAST "1.0") < 0 ||
        end(x) < 0 || end(x) < 0 || /* svg */
        element(x, "figcaption",
                "Scores of the exported pairs; rows below 0.8 are shaded amber, below 0.5 red.") <
            0)
        return -1;
    return end(x);
}

static int write_summary(xmlTextWriterPtr x, const review_state *s)
{
    if (start(x, "section") < 0 || attribute(x, "class", "summary") < 0 ||
        attribute(x, "aria-labelledby", "summary-title") < 0 || start(x, "h2") < 0 ||
        attribute(x, "id", "summary-title") < 0 || tme_xml_write_clean_string(x, "Summary") < 0 ||
        end(x) < 0 || start(x, "div") < 0 || attribute(x, "class", "figures") < 0 ||
        write_counts(x, s) < 0 || write_histogram(x, s) < 0 || end(x) < 0)
        return -1;
    return end(x);
}

static int write_filter(xmlTextWriterPtr x)
{
    if (start(x, "div") < 0 || attribute(x, "class", "filter") < 0 || start(x, "label") < 0 ||
        attribute(x, "for", "filter") < 0 ||
        tme_xml_write_clean_string(x, "Show only rows containing ") < 0 || end(x) < 0 ||
        start(x, "input") < 0 || attribute(x, "type", "search") < 0 ||
        attribute(x, "id", "filter") < 0 || attribute(x, "autocomplete", "off") < 0 ||
        xmlTextWriterEndElement(x) < 0 || start(x, "span") < 0 ||
        attribute(x, "id", "filter-status") < 0 || attribute(x, "role", "status") < 0 || end(x) < 0)
        return -1;
    return end(x);
}

/* Copies the documents' sections from the temporary file into the page. */
static int copy_body(review_state *s)
{
    if (xmlTextWriterFlush(s->body) < 0 || fflush(s->body_file) != 0 ||
        fseek(s->body_file, 0, SEEK_SET) != 0)
        return -1;
    char buffer[64 * 1024];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, s->body_file)) > 0)
        if (xmlTextWriterWriteRawLen(s->page, BAD_CAST buffer, (int)n) < 0)
            return -1;
    return ferror(s->body_file) ? -1 : 0;
}

static tme_status review_end(tme_writer *w, tme_error *err)
{
    review_state *s = w->priv;
    if (review_end_document(w, err) != TME_OK)
        return err->status;
    if ((s->page = tme_xml_writer_new(w)) == NULL)
        return tme_error_nomem(err);
    xmlTextWriterPtr x = s->page;
    if (write_head(x, s) < 0 || start(x, "body") < 0 || write_banner(x, w->context) < 0 ||
        start(x, "main") < 0 || write_summary(x, s) < 0 || write_filter(x) < 0)
        return tme_xml_failure(w, "the review page", err);
    if (copy_body(s) < 0) {
        if (s->body_errno == 0 && ferror(s->body_file))
            s->body_errno = EIO;
        return s->body_errno != 0 ? body_failure(w, s, err)
                                  : tme_xml_failure(w, "the review page", err);
    }
    if (end(x) < 0 || start(x, "script") < 0 ||
        xmlTextWriterWriteRaw(x, BAD_CAST page_script) < 0 || end(x) < 0 || end(x) < 0 ||
        end(x) < 0 || xmlTextWriterWriteRaw(x, BAD_CAST "\n") < 0 || xmlTextWriterFlush(x) < 0)
        return tme_xml_failure(w, "the review page", err);
    return tme_sink_error(w->sink, err);
}

static void review_cleanup(tme_writer *w)
{
    review_state *s = w->priv;
    if (s->page != NULL)
        xmlFreeTextWriter(s->page);
    if (s->body != NULL)
        xmlFreeTextWriter(s->body);
    if (s->body_file != NULL)
        fclose(s->body_file);
    tme_dropped_clear(&s->dropped);
    free(s->dropped.items);
}

const tme_output_format tme_output_review = {
    .name = "review",
    .description = "a self-contained HTML page to review the pairs, their scores and what was "
                   "left out, and why (open it in a browser)",
    .extensions = "html,htm",
    .priv_size = sizeof(review_state),
    .begin = review_begin,
    .begin_document = review_begin_document,
    .write = review_write,
    .dropped = review_dropped,
    .end_document = review_end_document,
    .end = review_end,
    .cleanup = review_cleanup,
};
