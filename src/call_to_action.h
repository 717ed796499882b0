/* SPDX-License-Identifier: MIT */
/* Call-to-action widgets: "Subscribe to our newsletter", "Thank you for
 * reading! ... tell a friend", "扫码关注公众号", "订阅我们的新闻简报", and the
 * copyright and reprint notices beside them ("版权归原作者所有"). A page puts
 * one beside the article in each language, usually not translations of
 * each other, and of a plausible length for a pair: neither length nor
 * adjacency tells them from a short heading pair. Their wording is
 * formulaic (what Readability's "unlikely candidate" patterns and
 * boilerplate removers key on), so a short text holding one of these
 * phrases is chrome, never paired. */
#ifndef TME_CALL_TO_ACTION_H
#define TME_CALL_TO_ACTION_H

#include <stddef.h>

#include "lang.h"

/* Texts at least this long (in the calibrated length units) are prose that
 * may mention subscribing or sharing, not a widget. */
#define TME_CALL_TO_ACTION_MAX_UNITS 120.0

/* 1 when text[0..len) (UTF-8, in lang) holds a call-to-action phrase. */
int tme_has_call_to_action(const char *text, size_t len, tme_lang lang);

#endif
