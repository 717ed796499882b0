/* SPDX-License-Identifier: MIT */
/* NFKC with case folding of decoded text, so that "ＤｅｅｐＳｅｅｋ",
 * "DeepSeek" and "deepseek" meet, and so do full-width and ASCII digits. */
#ifndef TME_FOLD_H
#define TME_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct {
    int32_t *cp;
    size_t n, cap;
} tme_cp_buffer;

/* Replaces out's contents with the NFKC case folding of the code points
 * cp[0..n), whose UTF-8 is bytes[0..len). Text that is not valid UTF-8
 * (a code point -1) folds to nothing: what is read from the fold is
 * evidence, and none is better than a wrong one. Fails only for want of
 * memory. */
tme_status tme_fold(const int32_t *cp, size_t n, const char *bytes, size_t len, tme_cp_buffer *out,
                    tme_error *err);

void tme_cp_buffer_free(tme_cp_buffer *b);

#endif
