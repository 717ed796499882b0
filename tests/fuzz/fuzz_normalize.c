/* SPDX-License-Identifier: MIT */
/* The normalizer on arbitrary bytes, in both languages, with the options
 * chosen by the first byte (bit 0: ASCII quotes; bits 1-2: Han/Latin
 * spacing). The result must be valid UTF-8 without NUL bytes, and normalizing
 * it again must change nothing (normalize.h promises idempotence). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "normalize.h"

static void check_language(const char *text, size_t len, tme_lang lang,
                           const tme_norm_options *options)
{
    tme_norm_stats stats = {0};
    char *once = NULL, *twice = NULL;
    FUZZ_CHECK(tme_normalize(text, len, lang, options, &stats, &once, NULL) == TME_OK);
    size_t once_len = strlen(once);
    if (!fuzz_valid_utf8(once, once_len)) {
        fprintf(stderr, "lang %d: output is not valid UTF-8\n", (int)lang);
        FUZZ_CHECK(!"valid UTF-8 output");
    }
    FUZZ_CHECK(tme_normalize(once, once_len, lang, options, NULL, &twice, NULL) == TME_OK);
    if (strcmp(once, twice) != 0) {
        fprintf(stderr, "lang %d:\n once: [%s]\ntwice: [%s]\n", (int)lang, once, twice);
        FUZZ_CHECK(!"idempotent normalization");
    }
    free(twice);
    free(once);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    tme_norm_options options = {0};
    options.ascii_quotes = data[0] & 1;
    options.cjk_space = (tme_cjk_space)(((data[0] >> 1) & 3) % 3);
    const char *text = (const char *)data + 1;
    check_language(text, size - 1, TME_LANG_EN, &options);
    check_language(text, size - 1, TME_LANG_ZH, &options);
    return 0;
}
