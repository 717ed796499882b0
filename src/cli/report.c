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
    if (event == TME_EVENT_WARNING && r->quiet)
        return;
    tme_progress_finish(&r->progress);
    if (event == TME_EVENT_SKIPPED)
        fprintf(stderr, "tmexport %s: skipped: %s\n", r->command, message);
    else
        fprintf(stderr, "tmexport %s: warning: %s: %s\n", r->command, name ? name : "", message);
}

void cli_report_init(cli_report *r, const char *command, tme_session *session, int quiet)
{
    r->command = command;
    r->session = session;
    r->quiet = quiet;
    tme_progress_init(&r->progress, quiet);
    tme_session_on_event(session, on_event, r);
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
    fprintf(out, "\nparagraphs read: %zu (English %zu, Chinese %zu, other %zu)\n",
            count(s, "paragraphs"), count(s, "paragraphs.english"), count(s, "paragraphs.chinese"),
            count(s, "paragraphs.other"));
    fprintf(out, "paragraph pairs found: %zu\n", count(s, "paragraph-pairs"));
    if (strcmp(tme_session_get(s, "input-format"), "tsv-pairs") != 0)
        fprintf(out,
                "unpaired paragraphs: no translation found %zu, navigation or widget %zu, "
                "neither English nor Chinese %zu\n",
                count(s, "unpaired.no-translation"), count(s, "unpaired.navigation"),
                count(s, "unpaired.other-script"));
}

static void print_units(FILE *out, const tme_session *s)
{
    int paragraphs = strcmp(tme_session_get(s, "unit"), "paragraph") == 0;
    fprintf(out, "%s pairs: %zu\n", paragraphs ? "paragraph" : "sentence", count(s, "units"));
    fprintf(out,
            "dropped: unaligned sentences (1-0/0-1) %zu, below --min-score %zu, empty side %zu",
            count(s, "dropped.unaligned-sentences"), count(s, "dropped.below-min-score"),
            count(s, "dropped.empty-side"));
    if (strcmp(tme_session_get(s, "dedup"), "no") != 0)
        fprintf(out, ", duplicates %zu", count(s, "dropped.duplicates"));
    fprintf(out, "\nXML-illegal characters removed: %zu\n", count(s, "xml-illegal-removed"));
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

static void print_outputs(FILE *out, const tme_session *s)
{
    const char *per_input = tme_session_get(s, "per-input");
    if (per_input != NULL) {
        fprintf(out, "written to %s/: %zu pairs in each of %zu formats\n", per_input,
                count(s, "units.written"), tme_session_output_count(s));
        return;
    }
    for (size_t k = 0; k < tme_session_output_count(s); k++) {
        const char *path = tme_session_output_path(s, k);
        size_t n = strlen(path);
        int gzip = n > 3 && strcasecmp(path + n - 3, ".gz") == 0;
        fprintf(out, "written to %s: %zu pairs (%s%s)\n", strcmp(path, "-") == 0 ? "stdout" : path,
                tme_session_output_units(s, k), tme_session_output_format(s, k),
                gzip ? ", gzip" : "");
    }
}

void cli_print_stats(FILE *out, const tme_session *s)
{
    print_documents(out, s);
    print_units(out, s);
    print_outputs(out, s);
}
