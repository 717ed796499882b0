/* Placeholder: tmexport segment is being written. */
#include "cli.h"

#include <stdio.h>

int tme_cli_segment(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("tmexport: segment is not available yet\n", stderr);
    return 2;
}
