/* SPDX-License-Identifier: MIT */
/*
 * tmexport: bilingual English/Chinese articles to translation memories.
 *
 * This is the one public header of libtmexport. Everything it declares is
 * exported from the shared library (libtmexport.so.0) and nothing else is.
 *
 * A program opens an export **session**, sets options by name, names its
 * **outputs** (TMX, TSV, XLIFF...: one format per file, any number of files),
 * adds **documents** (files, directories, @lists, stdin, bytes in memory or
 * its own pairs), and **commits**: every output is written in one pass and
 * replaced atomically only when everything succeeded; **abort** leaves every
 * previous file as it was.
 *
 *     tme_session *s = tme_session_new();
 *     tme_session_set(s, "tgt-lang", "zh-Hans");
 *     tme_session_add_output(s, "article.tmx");
 *     tme_session_add_input(s, "article.txt");
 *     if (tme_session_commit(s) != TME_OK)
 *         fprintf(stderr, "%s\n", tme_session_error(s));
 *     tme_session_free(s);
 *
 * Readers and writers. A document is read by a **reader** (the article
 * extractor, TSV paragraph pairs, or the readers of finished units: TMX,
 * XLIFF 1.2 and 2.0, TSV), chosen by the "input-format" option or, by
 * default, by probing the document's first bytes ("units": only among the
 * readers of units). A file of units may hold units of many documents
 * (the TMX of a whole run): each keeps its own. Units are written
 * by **writers** (tsv, tmx, xliff, xliff2, ...), chosen by an output path's
 * extension or a "FORMAT:" prefix. tme_reader_name()/tme_writer_name() list
 * them; formats own their options ("tmx-encoding", "tsv-fields"...), set
 * like any other with tme_session_set().
 *
 * Errors. Every fallible call returns a tme_status; on failure the session
 * keeps the first error's message (file, line, what is wrong), read with
 * tme_session_error(). The library never prints and never exits.
 *
 * Threads. A session is used from one thread at a time. tme_session_run()
 * reads documents on "jobs" worker threads (which block all signals) and
 * writes their units in input order from the calling thread, so the output
 * does not depend on the number of threads. Different sessions are
 * independent.
 *
 * Strings are UTF-8 and NUL-terminated. Returned strings belong to the
 * library and stay valid as long as the object they came from, unless said
 * otherwise.
 */
#ifndef TMEXPORT_H
#define TMEXPORT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TME_BUILDING_LIBRARY) && defined(__GNUC__)
#define TME_EXPORT __attribute__((visibility("default")))
#else
#define TME_EXPORT
#endif

/* ---- version ------------------------------------------------------------ */

#define TME_VERSION_MAJOR 0
#define TME_VERSION_MINOR 2
#define TME_VERSION_PATCH 0
#define TME_VERSION_STRING "0.2.0"
/* 0xMMmmpp: compare with TME_VERSION_AT_LEAST(0, 2, 0). */
#define TME_VERSION_NUMBER                                                                         \
    ((TME_VERSION_MAJOR << 16) | (TME_VERSION_MINOR << 8) | TME_VERSION_PATCH)
#define TME_VERSION_AT_LEAST(major, minor, patch)                                                  \
    (TME_VERSION_NUMBER >= (((major) << 16) | ((minor) << 8) | (patch)))

/* The version of the library actually linked ("0.2.0"), which may be newer
 * than the header a program was built with. */
TME_EXPORT const char *tme_version(void);

/* TME_VERSION_NUMBER of the linked library. */
TME_EXPORT int tme_version_number(void);

/* ---- errors -------------------------------------------------------------- */

typedef enum {
    TME_OK = 0,
    TME_ERR_INPUT, /* an input is malformed or unusable */
    TME_ERR_IO,    /* reading or writing a file failed */
    TME_ERR_USAGE, /* the caller asked for something impossible (a bad option value) */
    TME_ERR_NOMEM, /* out of memory */
    TME_ERR_PIPE   /* an output's reader went away (EPIPE): not a data error */
} tme_status;

/* A short description of a status ("bad input", "I/O failure"...). */
TME_EXPORT const char *tme_strerror(tme_status status);

/* ---- sessions -------------------------------------------------------------- */

typedef struct tme_session tme_session;

/* A session with the default options; NULL when out of memory. */
TME_EXPORT tme_session *tme_session_new(void);

/* Aborts what was not committed (tme_session_abort) and frees. NULL is
 * allowed. */
TME_EXPORT void tme_session_free(tme_session *session);

/* The first error's message, "" when there was none. */
TME_EXPORT const char *tme_session_error(const tme_session *session);

/* Sets an option by name: the names of the tool's long options without the
 * dashes ("src-lang", "unit", "min-score", "no-normalize", "tmx-encoding",
 * ...; tme_option_name() lists them). value is copied; options without a
 * value ("no-normalize") take NULL, options with an optional value
 * ("dedup") take NULL for the default. Options are set before the first
 * document is added: TME_ERR_USAGE afterwards, and for an unknown name or a
 * bad value (with a message that says what is accepted). */
TME_EXPORT tme_status tme_session_set(tme_session *session, const char *name, const char *value);

/* The option's current value as a string ("en", "0.5", "yes"), NULL for an
 * unknown name. Valid until the option is set again. */
TME_EXPORT const char *tme_session_get(const tme_session *session, const char *name);

/* Names an output: "[FORMAT:]PATH". The format comes from the extension
 * after a ".gz" suffix is stripped (".tmx", ".tsv", ".xlf"...), or from the
 * FORMAT: prefix; a ".gz" suffix gzip-compresses. "-" (or "tsv:-") is
 * stdout. Nothing is opened yet: outputs open with the first document, so
 * that a run that fails before it creates and replaces nothing.
 *
 * How a path is written depends on what it is: a regular file (or nothing
 * yet) is written to a temporary file beside it and renamed over it on
 * commit, keeping the old file's mode and owner; a symbolic link's target is
 * replaced that way and the link stays; a character device, FIFO or socket,
 * "-" and /dev/stdout, /dev/stderr, /dev/fd/N are written as they are; a
 * directory or a block device is an error. */
TME_EXPORT tme_status tme_session_add_output(tme_session *session, const char *spec);

/* Queues an input for tme_session_run(): a file (gzip-compressed or not), a
 * directory (every regular file below it, sorted by name, filtered by the
 * "include" option), "@LIST" (a file naming one input a line) or "-"
 * (stdin). A missing file is reported when it is read, in its turn. */
TME_EXPORT tme_status tme_session_add_input(tme_session *session, const char *input);

/* Queues a pair of documents that translate each other, whose paragraphs
 * are paired across the two (documentation sites keep content/en/ and
 * content/zh-cn/; the paragraph counts differ where one side adds or drops
 * notes): english and chinese are two files, or two directories whose files
 * are matched by their path below them, or english is "@LIST" (lines
 * "ENGLISH<TAB>CHINESE", each two files or two directories) and chinese
 * NULL. A file of one directory without a counterpart in the other is left
 * out with a warning. Each pair is one document, named after its English
 * file. Both sides are read as articles (text or HTML). */
TME_EXPORT tme_status tme_session_add_parallel(tme_session *session, const char *english,
                                               const char *chinese);

/* Reads, extracts and writes every queued input (on "jobs" threads) and
 * empties the queue. When inputs were queued but none of them names a file
 * (an empty directory, an --include that matches nothing, an empty @list),
 * it fails with TME_ERR_INPUT and nothing is created or replaced. With the
 * "keep-going" option a failing input is reported to the event callback and
 * skipped; the run then ends with TME_ERR_INPUT once everything else is
 * written. */
TME_EXPORT tme_status tme_session_run(tme_session *session);

/* Reads one document from memory, named `name` (for messages and the
 * outputs' document fields), and writes its units. Queued inputs are run
 * first, so that units keep the order of the calls. data is only read
 * during the call. */
TME_EXPORT tme_status tme_session_add_document(tme_session *session, const char *name,
                                               const void *data, size_t len);

/* Writes one pair of the caller's own (source and target, UTF-8) as a unit
 * of the document `document`, with a score in [0,1]. Characters XML forbids
 * are removed; the text is normalized only with the "normalize" option;
 * "dedup" and "min-score" apply. Queued inputs are run first. */
TME_EXPORT tme_status tme_session_add_pair(tme_session *session, const char *document,
                                           const char *source, const char *target, double score);

/* Runs queued inputs, then finishes every output: all are flushed, synced
 * and closed before any is renamed into place, so that a late failure (a
 * full disk at the last flush) replaces none. The session takes no more
 * documents afterwards. */
TME_EXPORT tme_status tme_session_commit(tme_session *session);

/* Discards every output not committed: temporary files are removed, the
 * previous files stay. */
TME_EXPORT void tme_session_abort(tme_session *session);

/* ---- units ------------------------------------------------------------------- */

/* A translation unit on its way to the writers. */
typedef struct tme_unit tme_unit;

TME_EXPORT const char *tme_unit_source(const tme_unit *unit);
TME_EXPORT const char *tme_unit_target(const tme_unit *unit);
/* Alignment confidence in [0,1]. */
TME_EXPORT double tme_unit_score(const tme_unit *unit);
/* The document's name as given ("-" for stdin); for a unit read from a
 * file of units, the document the file says it came from. */
TME_EXPORT const char *tme_unit_document(const tme_unit *unit);
/* 0-based position of the unit within its document. */
TME_EXPORT size_t tme_unit_index(const tme_unit *unit);

/* Called for every unit, in output order, after "min-score" and "dedup", on
 * the thread that called tme_session_run() (or add_document/add_pair), just
 * before the writers get it. The unit is valid during the call only. A
 * non-zero return stops the run with TME_ERR_USAGE ("stopped by the unit
 * callback"). */
typedef int (*tme_unit_callback)(void *context, const tme_unit *unit);
TME_EXPORT void tme_session_on_unit(tme_session *session, tme_unit_callback callback,
                                    void *context);

/* ---- events: progress and warnings ---------------------------------------- */

typedef enum {
    TME_EVENT_DOCUMENT, /* a document is written (progress; message NULL) */
    TME_EVENT_WARNING,  /* something the user should know ("no translated pairs found") */
    TME_EVENT_SKIPPED,  /* with "keep-going": a document failed and was skipped */
    TME_EVENT_NOTE      /* what was decided for a document: its encoding and why, its
                           layout, its Chinese script ("; "-separated) */
} tme_event;

/* Called on the thread that runs the session; document is the input's name
 * (NULL for the session as a whole). */
typedef void (*tme_event_callback)(void *context, tme_event event, const char *document,
                                   const char *message);
TME_EXPORT void tme_session_on_event(tme_session *session, tme_event_callback callback,
                                     void *context);

/* ---- statistics ---------------------------------------------------------------- */

/* Counters by name ("documents", "units", "paragraph-pairs",
 * "dropped.below-min-score", "normalized.fullwidth-punct"...); the names are
 * listed by tme_counter_name(). 0 for an unknown name. */
TME_EXPORT size_t tme_session_count(const tme_session *session, const char *name);

/* The i-th counter's name and one-line description, NULL past the last. */
TME_EXPORT const char *tme_counter_name(size_t i);
TME_EXPORT const char *tme_counter_description(size_t i);

/* Outputs in the order they were added: their path as given ("-" for
 * stdout), writer name, and units written so far (in --per-input runs,
 * over all inputs). NULL / 0 past the last. */
TME_EXPORT size_t tme_session_output_count(const tme_session *session);
TME_EXPORT const char *tme_session_output_path(const tme_session *session, size_t k);
TME_EXPORT const char *tme_session_output_format(const tme_session *session, size_t k);
TME_EXPORT size_t tme_session_output_units(const tme_session *session, size_t k);
/* 1 when output k is the review-output (added at the first document, after
 * the -o outputs): it takes the units scoring below review-below, which the
 * other outputs then do not get. */
TME_EXPORT int tme_session_output_is_review(const tme_session *session, size_t k);
/* With split-size or split-units: the number of parts output k was written
 * as, and the path of part i (0-based); 1 and the output's path otherwise. */
TME_EXPORT size_t tme_session_output_part_count(const tme_session *session, size_t k);
TME_EXPORT const char *tme_session_output_part_path(const tme_session *session, size_t k, size_t i);
/* The files output k wrote, in order, once the run has begun: one per part,
 * or more for a format that writes several (moses: NAME.en and NAME.zh);
 * "standard output" for stdout. In --per-input runs, the last input's. */
TME_EXPORT size_t tme_session_output_file_count(const tme_session *session, size_t k);
TME_EXPORT const char *tme_session_output_file_path(const tme_session *session, size_t k, size_t i);

/* What the run did, as one JSON object on one line (the tool's
 * --stats=json): {"tmexport": VERSION, "settings": {...}, "counters": {every
 * counter by name}, "outputs": [{"path", "format", "gzip", "units", "files",
 * and with split outputs "parts": [{"path", "files"}]}]}. *json is malloc'd:
 * free it with tme_free(). TME_ERR_NOMEM (and *json NULL) when out of
 * memory. */
TME_EXPORT tme_status tme_session_stats_json(const tme_session *session, char **json);

/* Writes len bytes to path the way outputs are written (a file replaced
 * atomically, a link's target, a device, FIFO or stdout written in place),
 * refusing a path that is one of the inputs or that an output of the run
 * writes: the tool's --stats-file. Called before tme_session_commit(), the
 * file is renamed into place with the outputs, all or none (a failure here
 * fails the session); after it, at once. The message is
 * tme_session_error()'s. */
TME_EXPORT tme_status tme_session_write_file(tme_session *session, const char *path,
                                             const void *data, size_t len);

/* Frees what the library allocated for the caller (tme_session_stats_json). */
TME_EXPORT void tme_free(void *memory);

/* ---- what the library offers ------------------------------------------------------- */

/* Writers (output formats) and readers (input formats): name, one-line
 * description and file extensions (comma-separated, no dots; NULL when the
 * format is only chosen by name). NULL past the last. */
TME_EXPORT const char *tme_writer_name(size_t i);
TME_EXPORT const char *tme_writer_description(size_t i);
TME_EXPORT const char *tme_writer_extensions(size_t i);
TME_EXPORT const char *tme_reader_name(size_t i);
TME_EXPORT const char *tme_reader_description(size_t i);
TME_EXPORT const char *tme_reader_extensions(size_t i);

/* Presets ("preset" option: trados, memoq, matecat, ...): name, one-line
 * description, and the i-th setting it makes, "option=value" (NULL past
 * the last). NULL past the last preset. */
TME_EXPORT const char *tme_preset_name(size_t i);
TME_EXPORT const char *tme_preset_description(size_t i);
TME_EXPORT const char *tme_preset_setting(size_t i, size_t k);

/* Session options, format options included: name (as for
 * tme_session_set()), the group it belongs to in help texts ("Output",
 * "Languages", ... or the owning format's name), the argument's form
 * ("TAG", "utf-8|utf-16"; NULL for an option without a value; "[=...]"-style
 * for an optional value), a one-line help text and the default value (NULL:
 * none). NULL past the last. */
TME_EXPORT const char *tme_option_name(size_t i);
TME_EXPORT const char *tme_option_group(size_t i);
TME_EXPORT const char *tme_option_argument(size_t i);
TME_EXPORT const char *tme_option_help(size_t i);
TME_EXPORT const char *tme_option_default(size_t i);
/* 1 when the option's value may be left out (tme_session_set(s, name, NULL)
 * takes the default). */
TME_EXPORT int tme_option_value_optional(size_t i);

/* ---- text tools ------------------------------------------------------------------------ */

typedef enum { TME_LANG_EN, TME_LANG_ZH } tme_lang;

/* A sentence as byte offsets [start, end) into the text. */
typedef struct {
    size_t start;
    size_t end;
} tme_span;

/* Splits the UTF-8 paragraph text[0..len) into sentences (whitespace around
 * them excluded). On success *spans is a malloc'd array (free() it) of
 * *count spans; a paragraph of only whitespace gives 0. */
TME_EXPORT tme_status tme_segment_text(const char *text, size_t len, tme_lang lang,
                                       tme_span **spans, size_t *count);

/* Normalization flags for tme_normalize_text(). */
#define TME_NORMALIZE_ASCII_QUOTES 1u     /* English: straighten curly quotes */
#define TME_NORMALIZE_CJK_SPACE_REMOVE 2u /* Chinese: no space between Han and Latin/digits */
#define TME_NORMALIZE_CJK_SPACE_ADD 4u    /* Chinese: one space between them */

/* Kinds of change the normalizer counts ("fullwidth-punct",
 * "space-collapsed", ...): tme_normalize_kind_name(k) for k below
 * TME_NORMALIZE_KINDS, NULL for a slot no kind uses. */
#define TME_NORMALIZE_KINDS 32
TME_EXPORT const char *tme_normalize_kind_name(size_t kind);

/* Normalizes punctuation and whitespace of text[0..len) for its language
 * (the Chinese side gets full-width ，？： where Chinese wants them, both
 * sides collapse spaces, ...). On success *out is a malloc'd NUL-terminated
 * string (free() it). Idempotent. counts, when not NULL, has
 * TME_NORMALIZE_KINDS entries, to which the changes made are added. */
TME_EXPORT tme_status tme_normalize_text(const char *text, size_t len, tme_lang lang,
                                         unsigned flags, char **out, size_t *counts);

/* ---- processes --------------------------------------------------------------------------- */

/* Removes every temporary output file of the process and refuses to create
 * new ones: for a program about to die of a signal (SIGINT, SIGTERM). It
 * takes a lock, so call it from an ordinary thread (for example one that
 * sigwait()s), never from a signal handler. The tmexport tool does so. */
TME_EXPORT void tme_remove_temporaries(void);

#ifdef __cplusplus
}
#endif

#endif
