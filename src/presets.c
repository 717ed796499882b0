/* SPDX-License-Identifier: MIT */
/* What each tool takes, as its documentation and its users report it:
 *   trados   Trados Studio and Trados Cloud: skips TUs whose languages do not
 *            match the TM's (en-US/zh-CN is the usual pair), imports at most
 *            1 GB, and 2,000 characters a side in Trados Cloud; x- props only
 *            become fields once defined, so none are written.
 *   memoq    memoQ: its own TMX exports are UTF-16; props kept as custom
 *            fields.
 *   phrase   Phrase TMS: uploads up to 1 GB.
 *   matecat  MateCat: uploads up to 300 MB ("divide your tmx in smaller
 *            parts").
 *   omegat   OmegaT: matches languages without region; segments by sentence.
 *   wordfast Wordfast Classic: language codes of at most 5 characters.
 *   mt       MT training (OpusFilter, Marian, fairseq): the bare code zh,
 *            which OpusFilter and Bicleaner alone treat as Chinese, the
 *            training filters and dedup. */
#include "presets.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const trados[] = {"src-lang=en-US", "tgt-lang=zh-CN",    "tmx-props=none",
                                     "split-size=1G",  "filter=chars=2000", NULL};
static const char *const memoq[] = {"src-lang=en-US", "tgt-lang=zh-CN", "tmx-encoding=utf-16",
                                    NULL};
static const char *const phrase[] = {"src-lang=en-US", "tgt-lang=zh-CN", "split-size=1G", NULL};
static const char *const matecat[] = {"src-lang=en-US", "tgt-lang=zh-CN", "split-size=300M", NULL};
static const char *const omegat[] = {"src-lang=en", "tgt-lang=zh-CN", "unit=sentence", NULL};
static const char *const wordfast[] = {"src-lang=EN-US", "tgt-lang=ZH-CN", "tmx-props=none", NULL};
static const char *const mt[] = {"src-lang=en", "tgt-lang=zh", "filter=training", "dedup=pair",
                                 NULL};

static const tme_preset presets[] = {
    {"trados", "Trados Studio/Cloud: en-US/zh-CN, no props, parts of 1 GB, 2,000 characters a side",
     trados},
    {"memoq", "memoQ: en-US/zh-CN, UTF-16 TMX", memoq},
    {"phrase", "Phrase TMS: en-US/zh-CN, parts of 1 GB", phrase},
    {"matecat", "MateCat: en-US/zh-CN, parts of 300 MB", matecat},
    {"omegat", "OmegaT: en/zh-CN, sentence units", omegat},
    {"wordfast", "Wordfast Classic: EN-US/ZH-CN (codes of 5 characters at most), no props",
     wordfast},
    {"mt", "MT training: en/zh (the bare code), --filter training, --dedup", mt},
};

const tme_preset *const tme_presets[] = {&presets[0], &presets[1], &presets[2], &presets[3],
                                         &presets[4], &presets[5], &presets[6], NULL};

const tme_preset *tme_preset_by_name(const char *name)
{
    for (size_t k = 0; tme_presets[k] != NULL; k++)
        if (strcasecmp(tme_presets[k]->name, name) == 0)
            return tme_presets[k];
    return NULL;
}

tme_status tme_preset_apply(const tme_preset *preset, tme_option_values *values, tme_error *err)
{
    for (size_t k = 0; preset->settings[k] != NULL; k++) {
        char name[64];
        const char *eq = strchr(preset->settings[k], '=');
        size_t n = eq ? (size_t)(eq - preset->settings[k]) : strlen(preset->settings[k]);
        snprintf(name, sizeof name, "%.*s", (int)n, preset->settings[k]);
        size_t i = tme_options_find(name);
        if (i == (size_t)-1 || values->values[i] != NULL)
            continue; /* what the user set explicitly wins */
        if (tme_option_values_set(values, name, eq ? eq + 1 : NULL, err) != TME_OK)
            return err->status;
    }
    return TME_OK;
}
