/* SPDX-License-Identifier: MIT */
/* Presets for the tools that take the exports: a small table each of option
 * values (language tags spelt as the tool wants them, TMX header and props,
 * encoding, part size, a per-side length limit), applied where the user set
 * nothing: options given explicitly win. */
#ifndef TME_PRESETS_H
#define TME_PRESETS_H

#include <stddef.h>

#include "error.h"
#include "options.h"

typedef struct {
    const char *name;
    const char *description;
    /* "option=value" settings, NULL-terminated; a value-less "option" is a
     * flag. */
    const char *const *settings;
} tme_preset;

/* NULL-terminated, in --help order. */
extern const tme_preset *const tme_presets[];

const tme_preset *tme_preset_by_name(const char *name);

/* Sets each of the preset's options that values does not hold yet. */
tme_status tme_preset_apply(const tme_preset *preset, tme_option_values *values, tme_error *err);

#endif
