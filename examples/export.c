/* SPDX-License-Identifier: MIT */
/* export: what `tmexport extract` does, through the library.
 *
 *   export [NAME=VALUE]... INPUT... -o OUTPUT...
 *
 * Options are the tool's long option names (src-lang=zh-CN, unit=paragraph,
 * tmx-encoding=utf-16, ...); outputs are "[FORMAT:]PATH" as for -o. With the
 * same options its outputs are byte for byte those of
 *   tmexport extract --NAME VALUE... INPUT... -o OUTPUT...
 * (set SOURCE_DATE_EPOCH for the same creation date in both). */
#include <stdio.h>
#include <string.h>

#include <tmexport.h>

static int fail(tme_session *s)
{
    fprintf(stderr, "export: %s\n", tme_session_error(s));
    tme_session_free(s);
    return 1;
}

int main(int argc, char **argv)
{
    tme_session *s = tme_session_new();
    if (s == NULL)
        return 1;
    int outputs = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        tme_status status;
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
            status = tme_session_add_output(s, argv[++i]);
            outputs++;
        } else if (eq != NULL && argv[i][0] != '/' && argv[i][0] != '.') {
            *eq = '\0';
            status = tme_session_set(s, argv[i], eq + 1);
        } else {
            status = tme_session_add_input(s, argv[i]);
        }
        if (status != TME_OK)
            return fail(s);
    }
    if (outputs == 0) {
        fprintf(stderr, "usage: export [NAME=VALUE]... INPUT... -o OUTPUT...\n");
        tme_session_free(s);
        return 2;
    }
    /* Runs the queued inputs on the "jobs" threads, then replaces every
     * output at once. */
    if (tme_session_commit(s) != TME_OK)
        return fail(s);
    fprintf(stderr, "export: %zu units from %zu documents (tmexport %s)\n",
            tme_session_count(s, "units.written"), tme_session_count(s, "documents"),
            tme_version());
    tme_session_free(s);
    return 0;
}
