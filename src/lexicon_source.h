/* SPDX-License-Identifier: MIT */
/* Where a session's lexicon comes from, and the one copy every document
 * shares: the --lexicon, --no-lexicon and --lexicon-add settings, and the
 * lexicon they name, loaded the first time a document asks for it (so a
 * run that never pairs or aligns, such as reading a TMX, never pays the 30
 * to 40 ms and 11 MB) and then shared by every worker thread, read-only
 * (lexicon.h). */
#ifndef TME_LEXICON_SOURCE_H
#define TME_LEXICON_SOURCE_H

#include <pthread.h>

#include "error.h"
#include "lexicon.h"

typedef struct {
    int initialized;   /* by tme_lexicon_source_init: a zeroed source holds nothing */
    int disabled;      /* --no-lexicon */
    char *path;        /* --lexicon; NULL: tme_lexicon_default_path() */
    char **glossaries; /* --lexicon-add, in the order given */
    size_t n_glossaries;

    pthread_mutex_t lock; /* guards what follows, set by the first get */
    int tried;
    tme_lexicon *lexicon;
    tme_error error; /* the load's failure, told to every document that asks */
} tme_lexicon_source;

/* Takes the settings: path may be NULL (the default file), glossaries a
 * comma-separated list or NULL. Only memory can fail. */
tme_status tme_lexicon_source_init(tme_lexicon_source *src, int disabled, const char *path,
                                   const char *glossaries, tme_error *err);

/* The lexicon, loaded on the first call (which the other threads wait
 * for): *out is NULL with --no-lexicon. A lexicon that cannot be loaded
 * fails every call with the same message (TME_ERR_USAGE: no input could be
 * read as asked). Safe from any number of threads. */
tme_status tme_lexicon_source_get(tme_lexicon_source *src, const tme_lexicon **out, tme_error *err);

/* Frees a source that was initialized (or zeroed and never initialized). */
void tme_lexicon_source_free(tme_lexicon_source *src);

#endif
