/* SPDX-License-Identifier: MIT */
/* BCP 47 language tags, as --src-lang and --tgt-lang take them. */
#ifndef TME_LANGTAG_H
#define TME_LANGTAG_H

#include <stddef.h>

/* 1 when tag is well-formed per RFC 5646 (language, extlang, script,
 * region, variants, extensions, private use; grandfathered tags excepted). */
int tme_langtag_valid(const char *tag);

/* 1 when the tag's primary language is a Chinese one (zh, cmn, yue, ...). */
int tme_langtag_is_chinese(const char *tag);

/* The tag's primary language subtag, lower-cased, into out ("zh" of
 * "zh-Hans-CN", "en" of "EN-gb"): what file suffixes and JSON keys are named
 * by. 0, or -1 when it is empty or does not fit in size bytes. */
int tme_langtag_primary(const char *tag, char *out, size_t size);

/* 1 when the two tags have the same primary language subtag, compared
 * case-insensitively ("en-US" and "EN-gb", "zh-CN" and "zh-Hant"). */
int tme_langtag_same_language(const char *a, const char *b);

#endif
