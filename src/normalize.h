/* SPDX-License-Identifier: MIT */
/* Language-aware normalization of punctuation and whitespace. */
#ifndef TME_NORMALIZE_H
#define TME_NORMALIZE_H

#include <stddef.h>

#include "error.h"
#include "lang.h"

typedef enum { TME_CJK_SPACE_KEEP, TME_CJK_SPACE_REMOVE, TME_CJK_SPACE_ADD } tme_cjk_space;

typedef struct {
    int ascii_quotes;        /* English: straighten curly quotes (--quotes ascii) */
    tme_cjk_space cjk_space; /* Chinese: spaces between Han and Latin/digits */
} tme_norm_options;

/* What the normalizer changed, by kind; the kinds are listed by
 * tme_norm_kind_name(). */
#define TME_NORM_KIND_MAX 32
typedef struct {
    size_t counts[TME_NORM_KIND_MAX];
} tme_norm_stats;

/* Stores the normalized copy of text[0..len) in *out (malloc'd,
 * NUL-terminated; free() it). options may be NULL (the defaults); stats may
 * be NULL, else counts are added to it. Fails only for want of memory
 * (TME_ERR_NOMEM, err filled, *out NULL). Idempotent: normalizing the
 * result again changes nothing. */
tme_status tme_normalize(const char *text, size_t len, tme_lang lang,
                         const tme_norm_options *options, tme_norm_stats *stats, char **out,
                         tme_error *err);

/* tme_normalize(), saying too whether *out is known to hold only
 * characters XML 1.0 allows: *xml_legal is 1 when the text was proved
 * normal already (the proof admits no control character, noncharacter or
 * invalid byte), so that it need not be checked again; 0 says nothing. */
tme_status tme_normalize_checked(const char *text, size_t len, tme_lang lang,
                                 const tme_norm_options *options, tme_norm_stats *stats, char **out,
                                 int *xml_legal, tme_error *err);

/* Name of kind i ("fullwidth-punct", "space-collapsed", ...) or NULL past the
 * last kind. */
const char *tme_norm_kind_name(size_t kind);

#endif
