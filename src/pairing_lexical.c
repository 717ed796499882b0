/* SPDX-License-Identifier: MIT */
#include "pairing_lexical.h"

#include <string.h>

tme_status tme_pairing_lexicon_add(tme_pairing_lexicon *pl, const tme_features *paragraph,
                                   tme_error *err)
{
    return tme_features_append(paragraph->lang == TME_LANG_ZH ? &pl->zh : &pl->en, paragraph, err);
}

tme_status tme_pairing_lexicon_finish(tme_pairing_lexicon *pl, tme_error *err)
{
    pl->ready = 0;
    if (pl->en.lexicon == NULL || pl->zh.lexicon == NULL)
        return TME_OK;
    /* the evidence is only ever asked against one paragraph */
    if (tme_lexical_init_weights(&pl->lexical, &pl->en, &pl->zh, 1, err) != TME_OK)
        return err->status;
    pl->ready = tme_lexical_active(&pl->lexical);
    /* the pairing asks nearly every pair's masks */
    if (pl->ready && tme_lexical_make_tables(&pl->lexical, err) != TME_OK)
        return err->status;
    return TME_OK;
}

double tme_pairing_lexical_evidence(const tme_pairing_lexicon *pl, size_t en, size_t zh)
{
    if (!pl->ready)
        return 0;
    return tme_lexical_pair_evidence(&pl->lexical, en, zh);
}

void tme_pairing_lexicon_free(tme_pairing_lexicon *pl)
{
    tme_lexical_free(&pl->lexical);
    tme_features_free(&pl->en);
    tme_features_free(&pl->zh);
    memset(pl, 0, sizeof *pl);
}
