/* SPDX-License-Identifier: MIT */
/* One input document on its way to units: what a reader puts in (paragraph
 * pairs to segment and align, or finished units) and what comes out (units
 * normalized and cleaned for XML, and the counts of what was found and
 * dropped). Readers (formats/) see only this. */
#ifndef TME_DOCUMENT_H
#define TME_DOCUMENT_H

#include <stddef.h>

#include "counters.h"
#include "decode.h"
#include "error.h"
#include "lexicon_source.h"
#include "normalize.h"
#include "options.h"
#include "stream.h"
#include "text_features.h"
#include "tmexport.h"
#include "unit.h"

/* Why something of a document was not exported, for the writers that show
 * it (the review page). */
typedef enum {
    TME_DROP_NO_TRANSLATION, /* a paragraph with no translation found */
    TME_DROP_BOILERPLATE,    /* page chrome: menus, share bars, footers */
    TME_DROP_OTHER_SCRIPT,   /* neither English nor Chinese */
    TME_DROP_UNALIGNED,      /* a sentence in a 1-0 or 0-1 bead */
    TME_DROP_BELOW_MIN_SCORE,
    TME_DROP_EMPTY_SIDE,
    TME_DROP_DUPLICATE,
    TME_DROP_FILTERED, /* a training filter (detail names it) */
    TME_DROP_REASONS
} tme_drop_reason;

typedef struct {
    char *english, *chinese; /* either may be NULL: a paragraph has one side */
    double score;
    tme_drop_reason reason;
    const char *detail; /* static: the filter's name, or NULL */
} tme_dropped;

typedef struct {
    tme_dropped *items;
    size_t count, cap;
} tme_dropped_list;

/* "no translation found", "boilerplate", ... */
const char *tme_drop_reason_name(tme_drop_reason reason);

/* Appends copies of en[0..en_len) and zh[0..zh_len) (either NULL for none)
 * with their score, reason and detail. */
tme_status tme_dropped_list_add(tme_dropped_list *list, const char *en, size_t en_len,
                                const char *zh, size_t zh_len, double score, tme_drop_reason reason,
                                const char *detail, tme_error *err);

/* Frees the items' texts and empties the list (keeping its memory). */
void tme_dropped_clear(tme_dropped_list *list);

/* What every document of a session is read with; fixed once the first
 * document is added. */
typedef struct {
    const char *encoding;  /* NULL: automatic */
    int source_is_chinese; /* the source column is the Chinese side */
    int paragraph_units;   /* units are paragraphs, not sentences */
    double min_score;      /* units scoring below are dropped */
    int normalize;         /* 0: keep text raw (XML-illegal characters still go) */
    tme_norm_options norm;
    int keep_dropped;                 /* an output shows what was not exported: record it */
    const tme_option_values *options; /* every option: readers read theirs */
    tme_lexicon_source *lexicon;      /* shared by the session's documents; NULL: none */
} tme_document_settings;

typedef struct tme_document tme_document;

/* How many units a streaming document holds before they are handed on. */
#define TME_DOCUMENT_FLUSH_UNITS 256

struct tme_document {
    const tme_document_settings *settings;
    const char *name; /* as the user gave it, "-" for stdin */
    /* The file being read now when it is not name (the Chinese side of a
     * pair of files), for messages; NULL otherwise. */
    const char *reading;
    size_t index; /* 0-based position in the run */
    tme_units units;
    tme_dropped_list dropped; /* with keep_dropped */
    tme_counters counters;
    /* What was decided about the document (encoding, layout, script), for
     * the session to report: "; "-separated phrases. */
    char note[512];
    /* Set by the engine for a reader whose format streams (a TMX of any
     * size): called with the units so far, which it hands on and clears. */
    tme_status (*flush)(void *context, tme_document *doc, tme_error *err);
    void *flush_context;
    /* A file of units read back (the TMX of a whole run) holds units of
     * many documents, one part each: 0 is the input's own name
     * (units.document), and every tme_document_begin_part() starts the
     * next. The engine ends a document in the outputs and begins the next
     * when the part changes between two flushes. */
    size_t part;
};

tme_status tme_document_init(tme_document *doc, const tme_document_settings *settings,
                             const char *name, size_t index, tme_error *err);
void tme_document_free(tme_document *doc);

/* The name of the file being read, for messages: reading, else name. */
const char *tme_document_reading(const tme_document *doc);

/* The value of an option ("layout"), as set or by default. */
const char *tme_document_option(const tme_document *doc, const char *name);

/* Records what was not exported and why (with keep_dropped; else
 * nothing). Either side may be NULL. */
tme_status tme_document_drop(tme_document *doc, const char *en, size_t en_len, const char *zh,
                             size_t zh_len, double score, tme_drop_reason reason,
                             const char *detail, tme_error *err);

/* The session's lexicon (loaded by the first document that asks), or NULL
 * when there is none (--no-lexicon). */
tme_status tme_document_lexicon(const tme_document *doc, const tme_lexicon **out, tme_error *err);

/* Adds a phrase to the document's note. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void tme_document_note(tme_document *doc, const char *fmt, ...);

/* The rest of in, decoded as tme_document_decode() does. */
tme_status tme_document_read_text(tme_document *doc, tme_stream *in, tme_text *text,
                                  tme_error *err);

/* Counts (and notes) which Chinese script the decoded text is in. */
void tme_document_count_script(tme_document *doc, const char *text, size_t len);

/* Decodes the document's bytes with the session's --encoding (automatic by
 * default) and counts what was guessed. */
tme_status tme_document_decode(tme_document *doc, const unsigned char *data, size_t len,
                               tme_text *text, tme_error *err);

/* A paragraph and its translation: becomes one unit (--unit paragraph) or
 * the sentence units of their alignment. Counts the paragraph pair. */
tme_status tme_document_add_paragraph_pair(tme_document *doc, const char *en, size_t en_len,
                                           const char *zh, size_t zh_len, double score,
                                           tme_error *err);

/* A paragraph pair whose sentences are read (tme_features_of_sentences of
 * en and zh, with the document's lexicon): the units of their alignment.
 * Counts the paragraph pair. */
tme_status tme_document_add_analysed_pair(tme_document *doc, const char *en,
                                          const tme_features *en_sentences, const char *zh,
                                          const tme_features *zh_sentences, tme_error *err);

/* A paragraph pair already cut into sentences (spans into en[0..en_len)
 * and zh[0..zh_len), in order): the units of their alignment, the
 * sentences kept as given (tmexport align --sentences). */
tme_status tme_document_add_segmented_pair(tme_document *doc, const char *en, size_t en_len,
                                           const tme_span *en_sentences, size_t n_en,
                                           const char *zh, size_t zh_len,
                                           const tme_span *zh_sentences, size_t n_zh,
                                           tme_error *err);

/* A finished unit, source and target in the export's orientation (as a TMX
 * names them): normalized (with the normalize option) and cleaned, or
 * dropped and counted (below min-score, a side empty). */
tme_status tme_document_add_unit(tme_document *doc, const char *source, size_t source_len,
                                 const char *target, size_t target_len, double score,
                                 tme_error *err);

/* A unit as a file of units says it (a TMX <tu>, an XLIFF unit, a TSV line
 * read back). */
typedef struct {
    const char *source, *target; /* in the export's orientation, as for add_unit() */
    size_t source_len, target_len;
    double score;
    const char *id;       /* NUL-terminated, NULL when the file gave none (TMX tuid) */
    const char *created;  /* TMX creationdate, NULL when none */
    const char *document; /* the document it came from; NULL: the current part's */
    /* 1: the text is as an XML parser delivered it, in which every
     * character is one XML allows: there is nothing to clean. */
    int xml_legal;
} tme_read_unit;

/* What tme_document_add_unit() does, keeping the unit's id and creation
 * date; a unit of another document than the current part's begins a part
 * of that name first. */
tme_status tme_document_add_read_unit(tme_document *doc, const tme_read_unit *unit, tme_error *err);

/* The units that follow belong to the document `name` (an XLIFF <file>, a
 * change of TMX x-document): what came before is handed on first, so that
 * every part the engine is given is of one document; an empty part reaches
 * the outputs too (an XLIFF <file> without units stays one). Needs a
 * streaming document (doc->flush) once the current part holds anything:
 * TME_ERR_USAGE otherwise. */
tme_status tme_document_begin_part(tme_document *doc, const char *name, tme_error *err);

#endif
