/* SPDX-License-Identifier: MIT */
/* BCP 47 language tags, as --src-lang and --tgt-lang take them. */
#ifndef TME_LANGTAG_H
#define TME_LANGTAG_H

/* 1 when tag is well-formed per RFC 5646 (language, extlang, script,
 * region, variants, extensions, private use; grandfathered tags excepted). */
int tme_langtag_valid(const char *tag);

/* 1 when the tag's primary language is a Chinese one (zh, cmn, yue, ...). */
int tme_langtag_is_chinese(const char *tag);

/* 1 when the two tags have the same primary language subtag, compared
 * case-insensitively ("en-US" and "EN-gb", "zh-CN" and "zh-Hant"). */
int tme_langtag_same_language(const char *a, const char *b);

#endif
