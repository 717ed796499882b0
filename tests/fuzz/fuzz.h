/* SPDX-License-Identifier: MIT */
/* What every fuzz target shares: the libFuzzer entry point (also called by
 * replay_main.c in the ordinary build) and the checks that turn a broken
 * invariant into a crash, which is what libFuzzer records as a finding. */
#ifndef TME_FUZZ_H
#define TME_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* abort() rather than assert(): the checks must hold in release builds too. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* 1 when s[0..len) is valid UTF-8 as utf8proc reads it (no surrogates, no
 * overlongs, nothing past U+10FFFF). */
int fuzz_valid_utf8(const char *s, size_t len);

#endif
