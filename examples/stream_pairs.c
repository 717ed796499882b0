/* SPDX-License-Identifier: MIT */
/* stream_pairs: a program's own sentence pairs into a TMX (or any writer).
 *
 *   stream_pairs OUTPUT < pairs.tsv
 *
 * Each stdin line is "source<TAB>target"; the pairs become the units of one
 * document, named "stdin", written through the library's writers: the TMX
 * is valid TMX 1.4b with the header a CAT tool wants, the text XML-escaped
 * and cleaned of what XML forbids. Nothing is replaced unless every pair
 * went in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tmexport.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: stream_pairs OUTPUT < pairs.tsv\n");
        return 2;
    }
    tme_session *s = tme_session_new();
    if (s == NULL)
        return 1;
    /* The caller's pairs are written as given, not normalized. */
    tme_status status = tme_session_set(s, "no-normalize", NULL);
    if (status == TME_OK)
        status = tme_session_add_output(s, argv[1]);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while (status == TME_OK && (len = getline(&line, &cap, stdin)) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            continue;
        *tab = '\0';
        status = tme_session_add_pair(s, "stdin", line, tab + 1, 1.0);
    }
    free(line);
    if (status == TME_OK)
        status = tme_session_commit(s);
    if (status != TME_OK)
        fprintf(stderr, "stream_pairs: %s\n", tme_session_error(s));
    else
        fprintf(stderr, "stream_pairs: %zu pairs written to %s\n",
                tme_session_output_units(s, 0), argv[1]);
    tme_session_free(s);
    return status == TME_OK ? 0 : 1;
}
