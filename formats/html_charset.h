/* SPDX-License-Identifier: MIT */
/* The charset an HTML page declares: <meta charset="..."> or <meta
 * http-equiv="Content-Type" content="text/html; charset=..."> near its
 * start, found as the WHATWG encoding sniffing algorithm's prescan finds
 * it, and its label mapped to the encoding iconv knows as the WHATWG
 * Encoding Standard maps labels ("gbk", "gb2312", "x-gbk" and "gb_2312-80"
 * decode as GB18030, "big5" as Big5-HKSCS). */
#ifndef TME_HTML_CHARSET_H
#define TME_HTML_CHARSET_H

#include <stddef.h>

/* The iconv name for an encoding label as a <meta> gives it: the WHATWG
 * label table (tme_encoding_from_label_n(), src/charset_label.c), with a
 * UTF-16 label read as UTF-8; NULL for a label it does not know. */
const char *tme_charset_from_label(const char *label, size_t len);

/* The encoding the page's first bytes data[0..len) declare (an iconv name
 * from tme_charset_from_label()), or NULL when they declare none that is
 * known; the label as written goes to label[0..label_size) (cut to fit).
 * Only the first TME_HTML_CHARSET_SCAN bytes are looked at. */
const char *tme_html_declared_charset(const unsigned char *data, size_t len, char *label,
                                      size_t label_size);

/* The WHATWG prescan reads 1024 bytes; browsers also switch when their
 * parser meets a declaration later in the head, so a little more is read
 * here. */
#define TME_HTML_CHARSET_SCAN 4096

#endif
