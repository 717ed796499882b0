/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <string.h>
#include <strings.h>

static size_t count(const tme_session *s, const char *name)
{
    return tme_session_count(s, name);
}

static void on_event(void *context, tme_event event, const char *document, const char *message)
{
    cli_report *r = context;
    const char *name = document != NULL && strcmp(document, "-") == 0 ? "standard input" : document;
    if (event == TME_EVENT_DOCUMENT) {
        tme_progress_update(&r->progress,
                            count(r->session, "documents") + count(r->session, "documents.skipped"),
                            count(r->session, "inputs"), count(r->session, "documents.bytes"),
                            count(r->session, "inputs.bytes"), count(r->session, "units.written"));
        return;
    }
    if ((event == TME_EVENT_WARNING && r->quiet) || (event == TME_EVENT_NOTE && !r->notes))
        return;
    tme_progress_finish(&r->progress);
    if (event == TME_EVENT_SKIPPED)
        fprintf(stderr, "tmexport %s: skipped: %s\n", r->command, message);
    else if (event == TME_EVENT_NOTE)
        fprintf(stderr, "%s: %s\n", name ? name : "", message);
    else
        fprintf(stderr, "tmexport %s: warning: %s: %s\n", r->command, name ? name : "", message);
}

void cli_report_init(cli_report *r, const char *command, tme_session *session, int quiet, int notes)
{
    r->command = command;
    r->session = session;
    r->quiet = quiet;
    r->notes = notes;
    tme_progress_init(&r->progress, quiet);
    tme_session_on_event(session, on_event, r);
}

/* "label name N, name N" for the counters of a family that are not 0. */
static void print_family(FILE *out, const tme_session *s, const char *label,
                         const char *const *names, const char *const *words)
{
    int any = 0;
    for (size_t k = 0; names[k] != NULL; k++) {
        size_t n = count(s, names[k]);
        if (n == 0)
            continue;
        fprintf(out, "%s %s %zu", any ? "," : label, words[k], n);
        any = 1;
    }
    if (any)
        fputc('\n', out);
}

/* How the documents were read: encodings, Chinese script, layout. */
static void print_decisions(FILE *out, const tme_session *s)
{
    static const char *const encodings[] = {"encoding.utf-8", "encoding.utf-16", "encoding.gb18030",
                                            "encoding.big5",  "encoding.other",  NULL};
    static const char *const encoding_words[] = {"UTF-8", "UTF-16", "GB18030", "Big5", "other"};
    static const char *const scripts[] = {"script.simplified", "script.traditional", "script.mixed",
                                          NULL};
    static const char *const script_words[] = {"Simplified", "Traditional", "mixed"};
    static const char *const layouts[] = {"layout.blocks", "layout.lines", NULL};
    static const char *const layout_words[] = {"blocks", "lines"};
    print_family(out, s, "encodings:", encodings, encoding_words);
    if (count(s, "encoding.detected"))
        fprintf(out, "  (%zu told by evidence, not by a BOM, a name or valid UTF-8)\n",
                count(s, "encoding.detected"));
    print_family(out, s, "Chinese script:", scripts, script_words);
    print_family(out, s, "layout:", layouts, layout_words);
    if (count(s, "paragraphs.split"))
        fprintf(out, "paragraphs cut where English and Chinese meet: %zu\n",
                count(s, "paragraphs.split"));
}

/* Files of units read back (convert, merge; a TMX given to extract) have
 * no paragraphs: their summary says what was read of the units. */
static int read_units(const tme_session *s)
{
    return strcmp(tme_session_get(s, "input-format"), "units") == 0 ||
           (count(s, "paragraphs") == 0 && count(s, "units") > 0);
}

static void print_units_read(FILE *out, const tme_session *s)
{
    fprintf(out,
            "units read: %zu; left out: without both languages %zu, without a target %zu; "
            "inline codes flattened: %zu\n",
            count(s, "units") + count(s, "dropped.below-min-score") +
                count(s, "dropped.empty-side"),
            count(s, "units.skipped-one-language"), count(s, "units.skipped-no-target"),
            count(s, "inline-codes"));
}

static void print_documents(FILE *out, const tme_session *s)
{
    fprintf(out, "documents: %zu", count(s, "documents"));
    if (count(s, "documents.skipped"))
        fprintf(out, " (%zu inputs failed and were skipped)", count(s, "documents.skipped"));
    if (count(s, "documents.gb18030-guessed"))
        fprintf(out, " (%zu decoded as GB18030: not UTF-8)", count(s, "documents.gb18030-guessed"));
    if (count(s, "documents.utf16-guessed"))
        fprintf(out, " (%zu decoded as UTF-16 without a byte-order mark)",
                count(s, "documents.utf16-guessed"));
    fputc('\n', out);
    if (read_units(s)) {
        print_units_read(out, s);
        return;
    }
    fprintf(out, "paragraphs read: %zu (English %zu, Chinese %zu, other %zu)\n",
            count(s, "paragraphs"), count(s, "paragraphs.english"), count(s, "paragraphs.chinese"),
            count(s, "paragraphs.other"));
    print_decisions(out, s);
    fprintf(out, "paragraph pairs found: %zu\n", count(s, "paragraph-pairs"));
    if (strcmp(tme_session_get(s, "input-format"), "tsv-pairs") != 0)
        fprintf(out,
                "unpaired paragraphs: no translation found %zu, navigation or widget %zu, "
                "neither English nor Chinese %zu\n",
                count(s, "unpaired.no-translation"), count(s, "unpaired.navigation"),
                count(s, "unpaired.other-script"));
}

/* "label kind N, kind N" for every counter named prefix + kind (0s too). */
static void print_prefixed(FILE *out, const tme_session *s, const char *prefix, const char *label)
{
    size_t n = strlen(prefix);
    int any = 0;
    for (size_t i = 0; tme_counter_name(i) != NULL; i++) {
        const char *name = tme_counter_name(i);
        if (strncmp(name, prefix, n) != 0)
            continue;
        fprintf(out, "%s %s %zu", any ? "," : label, name + n, count(s, name));
        any = 1;
    }
    if (any)
        fputc('\n', out);
}

static void print_units(FILE *out, const tme_session *s)
{
    int paragraphs = strcmp(tme_session_get(s, "unit"), "paragraph") == 0;
    fprintf(out, "%s: %zu\n",
            read_units(s) ? "units"
            : paragraphs  ? "paragraph pairs"
                          : "sentence pairs",
            count(s, "units"));
    fprintf(out,
            "dropped: unaligned sentences (1-0/0-1) %zu, below --min-score %zu, empty side %zu",
            count(s, "dropped.unaligned-sentences"), count(s, "dropped.below-min-score"),
            count(s, "dropped.empty-side"));
    if (strcmp(tme_session_get(s, "dedup"), "no") != 0)
        fprintf(out, ", duplicates %zu", count(s, "dropped.duplicates"));
    fputc('\n', out);
    if (tme_session_get(s, "filter") != NULL)
        print_prefixed(out, s, "filtered.", "filtered:");
    fprintf(out, "XML-illegal characters removed: %zu\n", count(s, "xml-illegal-removed"));
    int any = 0;
    for (size_t k = 0; k < TME_NORMALIZE_KINDS; k++) {
        const char *kind = tme_normalize_kind_name(k);
        char name[96];
        if (kind == NULL)
            continue;
        snprintf(name, sizeof name, "normalized.%s", kind);
        if (count(s, name) == 0)
            continue;
        fprintf(out, "%s %s %zu", any ? "," : "normalized:", kind, count(s, name));
        any = 1;
    }
    if (any)
        fputc('\n', out);
}

/* Files from..to of output k, comma-separated. */
static void print_files(FILE *out, const tme_session *s, size_t k, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        fprintf(out, "%s%s", i > from ? ", " : "", tme_session_output_file_path(s, k, i));
}

static void print_outputs(FILE *out, const tme_session *s)
{
    const char *per_input = tme_session_get(s, "per-input");
    if (per_input != NULL) {
        size_t review = count(s, "units.to-review");
        fprintf(out, "written to %s/: %zu pairs in each of %zu formats", per_input,
                count(s, "units.written") - review,
                tme_session_output_count(s) - (tme_session_get(s, "review-below") != NULL));
        if (tme_session_get(s, "review-below") != NULL)
            fprintf(out, "; %zu to review (scores below %s) in NAME.review.*", review,
                    tme_session_get(s, "review-below"));
        fputc('\n', out);
        return;
    }
    for (size_t k = 0; k < tme_session_output_count(s); k++) {
        const char *path = tme_session_output_path(s, k);
        size_t n = strlen(path);
        int gzip = n > 3 && strcasecmp(path + n - 3, ".gz") == 0;
        int split =
            tme_session_get(s, "split-size") != NULL || tme_session_get(s, "split-units") != NULL;
        size_t parts = tme_session_output_part_count(s, k);
        size_t files = tme_session_output_file_count(s, k);
        size_t per_part = parts > 0 ? files / parts : files;
        fputs("written to ", out);
        if (strcmp(path, "-") == 0)
            fputs("stdout", out);
        else if (split || files == 0)
            fputs(path, out);
        else
            print_files(out, s, k, 0, files); /* moses: NAME.en, NAME.zh */
        fprintf(out, ": %zu pairs (%s%s%s%s)\n", tme_session_output_units(s, k),
                tme_session_output_format(s, k), gzip ? ", gzip" : "",
                tme_session_output_is_review(s, k) ? ", to review: scores below " : "",
                tme_session_output_is_review(s, k) ? tme_session_get(s, "review-below") : "");
        for (size_t i = 0; split && i < parts; i++) {
            fprintf(out, "  part %zu of %zu: ", i + 1, parts);
            print_files(out, s, k, i * per_part, (i + 1) * per_part);
            fputc('\n', out);
        }
    }
}

void cli_print_stats(FILE *out, const tme_session *s)
{
    print_documents(out, s);
    print_units(out, s);
    print_outputs(out, s);
}
