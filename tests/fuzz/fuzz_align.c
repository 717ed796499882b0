/* SPDX-License-Identifier: MIT */
/* The features pass and the aligner on arbitrary paragraph pairs: the input
 * is the English side, a tab, the Chinese side; each side is one sentence a
 * line. The beads must
 * cover both sequences in order, each bead one of the documented shapes
 * (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1), with a score in [0,1]. */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "fuzz.h"

/* The features of the LF-separated lines of text[0..len), one sentence a
 * line (spans into the text, as the aligner reads them). */
static tme_features features_of_lines(const char *text, size_t len, tme_lang lang)
{
    size_t n = len == 0 ? 0 : 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    tme_span *spans = malloc((n + 1) * sizeof *spans);
    FUZZ_CHECK(spans != NULL);
    size_t start = 0;
    for (size_t k = 0; k < n; k++) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        spans[k] = (tme_span){start, end};
        start = end + 1;
    }
    tme_features f;
    FUZZ_CHECK(tme_features_of_spans(text, len, lang, spans, n, NULL, &f, NULL) == TME_OK);
    FUZZ_CHECK(f.n_sentences == n);
    free(spans);
    return f;
}

static int allowed_shape(size_t e, size_t z)
{
    return (e == 1 && z >= 1 && z <= 3) || (z == 1 && e >= 1 && e <= 3) || (e == 2 && z == 2) ||
           (e + z == 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *tab = memchr(text, '\t', size);
    size_t en_len = tab ? (size_t)(tab - text) : size;
    tme_features en = features_of_lines(text, en_len, TME_LANG_EN);
    tme_features zh = tab ? features_of_lines(tab + 1, size - en_len - 1, TME_LANG_ZH)
                          : features_of_lines("", 0, TME_LANG_ZH);
    size_t n_en = en.n_sentences, n_zh = zh.n_sentences;

    tme_bead *beads = NULL;
    size_t n_beads = 0;
    FUZZ_CHECK(tme_align(&en, &zh, &beads, &n_beads, NULL) == TME_OK);
    size_t e = 0, z = 0;
    for (size_t b = 0; b < n_beads; b++) {
        FUZZ_CHECK(beads[b].en_begin == e && beads[b].zh_begin == z);
        FUZZ_CHECK(beads[b].en_end >= e && beads[b].zh_end >= z);
        FUZZ_CHECK(allowed_shape(beads[b].en_end - e, beads[b].zh_end - z));
        FUZZ_CHECK(beads[b].score >= 0.0 && beads[b].score <= 1.0);
        e = beads[b].en_end;
        z = beads[b].zh_end;
    }
    FUZZ_CHECK(e == n_en && z == n_zh);
    free(beads);
    tme_features_free(&en);
    tme_features_free(&zh);
    return 0;
}
