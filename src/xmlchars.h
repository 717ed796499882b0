/* SPDX-License-Identifier: MIT */
/* Characters that XML 1.0 forbids must never reach an output, whatever the
 * format: a TMX with one of them is rejected whole by CAT tools. */
#ifndef TME_XMLCHARS_H
#define TME_XMLCHARS_H

#include <stddef.h>

/* Removes in place, from the NUL-terminated UTF-8 string text, every character
 * XML 1.0 forbids: C0 controls other than tab, LF and CR; U+FFFE and U+FFFF;
 * surrogate code points (U+D800–U+DFFF encoded as 3-byte sequences, as broken
 * UTF-16 yields); and any byte that is not part of valid UTF-8. Returns the
 * number of characters (or stray bytes) removed. */
size_t tme_xml_strip_illegal(char *text);

/* 1 when tme_xml_strip_illegal() would remove nothing from text. */
int tme_xml_is_legal(const char *text);

#endif
