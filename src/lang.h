/* SPDX-License-Identifier: MIT */
/* The two languages of the text modules: tme_lang (TME_LANG_EN,
 * TME_LANG_ZH) is public, in tmexport.h. */
#ifndef TME_LANG_H
#define TME_LANG_H

#include "tmexport.h"

#endif
