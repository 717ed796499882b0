/* SPDX-License-Identifier: MIT */
/* Turning an input's bytes into UTF-8 text with LF line ends. */
#ifndef TME_DECODE_H
#define TME_DECODE_H

#include <stddef.h>

#include "error.h"

typedef struct {
    char *text; /* malloc'd UTF-8, NUL-terminated, no BOM, LF line ends */
    size_t len;
    char encoding[64];         /* the encoding used, e.g. "UTF-8", "GB18030" */
    int guessed;               /* 1 when chosen by content rather than by BOM or name */
    size_t surrogates_dropped; /* unpaired UTF-16 surrogates left out */
} tme_text;

/* Decodes data[0..len). encoding NULL means automatic: a BOM (UTF-8, UTF-16LE,
 * UTF-16BE) decides; else UTF-16 when the NUL bytes say so; else UTF-8 when the
 * bytes are UTF-8; else GB18030 when they decode cleanly as such; else an
 * error that asks for --encoding. Mostly-UTF-8 bytes with a few broken
 * sequences are reported as broken UTF-8 (never turned into mojibake).
 * Invalid bytes are an error naming `name`, the line and the byte offset. */
tme_status tme_decode(const unsigned char *data, size_t len, const char *encoding, const char *name,
                      tme_text *out, tme_error *err);

void tme_text_free(tme_text *text);

#endif
