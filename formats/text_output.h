/* SPDX-License-Identifier: MIT */
/* What the writers of text lines (tsv, moses, jsonl) share with the others:
 * a unit's text kept on one line, scores written the same way everywhere,
 * and the language keys that name files and fields. */
#ifndef TME_TEXT_OUTPUT_H
#define TME_TEXT_OUTPUT_H

#include "format.h"

/* Writes text as part of one line: a tab, line break or other control
 * character would break the one-pair-per-line contract of a TSV or of
 * line-aligned files, so each becomes one space. 0, or -1 when the sink
 * failed (tme_sink_error() says why). */
int tme_write_line_text(tme_sink *sink, const char *text);

/* Parses a comma-separated list of field names ("source,target,score", as
 * --tsv-fields and --jsonl-fields take) into their indexes in
 * names[0..n_names), at most max of them: 0, or -1 for an unknown or empty
 * name, an empty list or too many. */
int tme_parse_field_list(const char *spec, const char *const *names, size_t n_names, int *fields,
                         size_t max, size_t *count);

/* A score as four decimals ("0.8125"), clamped to [0,1] (NaN is 0), built
 * from integers so that no locale can turn the point into a comma (the CLI
 * never calls setlocale, but a library user might). */
#define TME_SCORE_SIZE 16
void tme_format_score(double score, char out[TME_SCORE_SIZE]);

/* The score in ten-thousandths (0..10000), rounded as tme_format_score()
 * writes it: what a writer compares with thresholds. */
unsigned tme_score_scaled(double score);

/* The primary subtags of the source and target languages, lower-cased
 * ("en", "zh" for en and zh-Hans-CN): what moses files and JSON keys are
 * named by. */
typedef struct {
    char source[9], target[9];
} tme_language_keys;

/* Fills keys from the writer's languages; a usage error, naming format,
 * when the two are the same (en and en-GB): two files or two keys would be
 * one. */
tme_status tme_language_keys_get(const tme_writer *w, const char *format, tme_language_keys *keys,
                                 tme_error *err);

#endif
