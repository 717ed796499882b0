/* Placeholder until the aligner lands: everything in one bead. */
#include "align.h"

#include <stdlib.h>

int tme_align(const char *const *en, size_t n_en, const char *const *zh, size_t n_zh,
              tme_bead **beads, size_t *n_beads)
{
    (void)en;
    (void)zh;
    *beads = malloc(sizeof **beads);
    if (*beads == NULL)
        return -1;
    (*beads)[0] = (tme_bead){0, n_en, 0, n_zh, 0.5};
    *n_beads = 1;
    return 0;
}
