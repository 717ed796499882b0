/* SPDX-License-Identifier: MIT */
/* The aligner on arbitrary paragraph pairs: the input is the English side, a
 * tab, the Chinese side; each side is one sentence a line. The beads must
 * cover both sequences in order, each bead one of the documented shapes
 * (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1), with a score in [0,1]. */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "fuzz.h"

/* NUL-terminated copies of the LF-separated lines of text[0..len). */
static char **split_lines(const char *text, size_t len, size_t *count)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    if (len == 0)
        n = 0;
    char **lines = calloc(n + 1, sizeof *lines);
    FUZZ_CHECK(lines != NULL);
    size_t start = 0;
    for (size_t k = 0; k < n; k++) {
        const char *nl = memchr(text + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - text) : len;
        lines[k] = malloc(end - start + 1);
        FUZZ_CHECK(lines[k] != NULL);
        memcpy(lines[k], text + start, end - start);
        lines[k][end - start] = '\0';
        start = end + 1;
    }
    *count = n;
    return lines;
}

static void free_lines(char **lines, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(lines[k]);
    free(lines);
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
    size_t n_en, n_zh;
    char **en = split_lines(text, en_len, &n_en);
    char **zh = tab ? split_lines(tab + 1, size - en_len - 1, &n_zh) : split_lines("", 0, &n_zh);

    tme_bead *beads = NULL;
    size_t n_beads = 0;
    FUZZ_CHECK(tme_align((const char *const *)en, n_en, (const char *const *)zh, n_zh, &beads,
                         &n_beads, NULL) == TME_OK);
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
    free_lines(en, n_en);
    free_lines(zh, n_zh);
    return 0;
}
