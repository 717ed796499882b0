/* Placeholder: tmexport normalize is being written. */
#include "cli.h"

#include <stdio.h>

int tme_cli_normalize(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("tmexport: normalize is not available yet\n", stderr);
    return 2;
}
