/* SPDX-License-Identifier: MIT */
/* The two languages of the text modules. */
#ifndef TME_LANG_H
#define TME_LANG_H

typedef enum { TME_LANG_EN, TME_LANG_ZH } tme_lang;

#endif
