/* SPDX-License-Identifier: MIT */
/* Charset labels (as an HTML <meta charset> or a user writes them) to the
 * iconv names that decode them the way browsers do. */
#ifndef TME_CHARSET_LABEL_H
#define TME_CHARSET_LABEL_H

#include <stddef.h>

/* The iconv name for a Chinese charset label, or NULL for any other label
 * (which then goes to iconv as it is). Matching follows the WHATWG Encoding
 * Standard: ASCII case-insensitive, surrounding ASCII whitespace ignored.
 * The GBK labels (gbk, gb2312, gb_2312-80, x-gbk, ...) and gb18030 give
 * "GB18030", since browsers decode them all with the GB18030 decoder; the
 * Big5 labels (big5, big5-hkscs, cn-big5, ...) give tme_big5_iconv_name().
 * The Windows code page names cp936 and cp950, not WHATWG labels, are
 * mapped the same way. */
const char *tme_encoding_from_label(const char *label);

/* The name iconv is given for the --encoding NAME a user wrote:
 * tme_encoding_from_label(name), else name itself. Decoding converts with
 * it and the option's check opens it, so that both take the same names. */
const char *tme_encoding_iconv_name(const char *name);

/* The iconv name for any label of the WHATWG Encoding Standard that English
 * and Chinese pages use (UTF-8, UTF-16LE/BE, GB18030, Big5, windows-1252
 * and their aliases, as browsers map them: "gbk" and "gb2312" are GB18030,
 * "iso-8859-1" is WINDOWS-1252), label[0..len) matched as above; NULL for
 * one it does not know. */
const char *tme_encoding_from_label_n(const char *label, size_t len);

/* "BIG5-HKSCS" where iconv has it (a superset of Big5 that browsers decode
 * as Big5), else "BIG5". */
const char *tme_big5_iconv_name(void);

#endif
