/* SPDX-License-Identifier: MIT */
/* Turning an input's bytes into UTF-8 text with LF line ends. */
#ifndef TME_DECODE_H
#define TME_DECODE_H

#include <stddef.h>

#include "error.h"

/* How the encoding was chosen. */
typedef enum {
    TME_ENCODING_NAMED,       /* the caller named it (--encoding) */
    TME_ENCODING_BOM,         /* a byte-order mark */
    TME_ENCODING_NUL_PATTERN, /* UTF-16 by the NUL bytes of its ASCII characters */
    TME_ENCODING_VALID_UTF8,  /* the bytes are UTF-8 */
    TME_ENCODING_DETECTED     /* by evidence (encoding_detect.h) */
} tme_encoding_method;

/* The evidence for a TME_ENCODING_DETECTED choice. */
typedef struct {
    size_t characters;      /* characters judged in the chosen decoding */
    double share;           /* the share of them that are frequent Han characters */
    char runner_up[32];     /* the next candidate that decoded, "" when none did */
    double runner_up_share; /* its share */
    char uchardet[32];      /* uchardet's answer, "" when it had none */
} tme_encoding_evidence;

typedef struct {
    char *text; /* malloc'd UTF-8, NUL-terminated, no BOM, LF line ends */
    size_t len;
    char encoding[64];         /* the iconv name used, e.g. "UTF-8", "GB18030", "BIG5-HKSCS" */
    int guessed;               /* 1 when chosen by content rather than by BOM or name */
    size_t surrogates_dropped; /* unpaired UTF-16 surrogates left out */
    tme_encoding_method method;
    char label[64];                 /* TME_ENCODING_NAMED: the name as the caller gave it */
    tme_encoding_evidence evidence; /* TME_ENCODING_DETECTED */
} tme_text;

/* Decodes data[0..len). encoding NULL means automatic: a BOM (UTF-8, UTF-16LE,
 * UTF-16BE) decides; else UTF-16 when the NUL bytes say so; else UTF-8 when the
 * bytes are UTF-8; else GB18030, Big5-HKSCS, UTF-16LE or UTF-16BE when the
 * evidence for one is strong (encoding_detect.h); else an error that names
 * the encodings that were plausible and asks for --encoding. Mostly-UTF-8
 * bytes with a few broken sequences are reported as broken UTF-8 (never
 * turned into mojibake). A named encoding may be a charset label:
 * tme_encoding_from_label() maps the Chinese ones (gbk, big5, ...), other
 * names go to iconv as they are. Invalid bytes are an error naming `name`,
 * the line and the byte offset. */
tme_status tme_decode(const unsigned char *data, size_t len, const char *encoding, const char *name,
                      tme_text *out, tme_error *err);

/* One line saying which encoding was used and why, e.g. "BIG5-HKSCS
 * (detected: 1212 characters judged, 1.00 of them frequent Han characters,
 * 0.21 as GB18030; uchardet: BIG5)". Returns what snprintf returns. */
int tme_text_encoding_reason(const tme_text *text, char *buf, size_t size);

void tme_text_free(tme_text *text);

#endif
