/* SPDX-License-Identifier: MIT */
/* An HTML tree's text as paragraphs, as a reader of the rendered page sees
 * them:
 *   - blocks (p, div, li, h1-h6, td, pre, ...) are paragraphs; inline
 *     elements join the text around them;
 *   - white space collapses by the CSS rule: a run of it is one space,
 *     except that a run holding a line end between two East Asian wide
 *     characters (Han, kana, full-width punctuation) disappears;
 *   - <br> breaks a line: a block holding "English<br>中文" (a headline and
 *     its translation) is two paragraphs, split where the script changes;
 *     lines of one script join as the article reader joins lines;
 *   - an inline element marked as a translation (lang=, class
 *     "translation-result") splits its block when it holds the other
 *     language and the two halves are plausible translations by length;
 *   - <pre> keeps its lines: a blank line ends a paragraph, the lines of a
 *     paragraph join as the article reader joins them;
 *   - script, style, template, svg, head, comments and ruby annotations
 *     are not read;
 *   - page chrome (nav, header, footer, aside, form, button, menu and
 *     elements whose class or id names a menu, share bar, cookie or login
 *     overlay, subscription, comments...) gives paragraphs marked
 *     boilerplate, unless it holds more than half the page's text (a
 *     <form> around a whole ASP.NET page is not chrome);
 *   - visibility is not looked at: translation pages hide one language
 *     behind a toggle, and both are wanted.
 * Bilingual two-column layouts are read column by column (see
 * html_columns.h). */
#ifndef TME_HTML_TEXT_H
#define TME_HTML_TEXT_H

#include <libxml/tree.h>

#include "error.h"
#include "paragraph.h"

/* The paragraphs of doc's root element, classified; doc is changed (its
 * columns reordered, its nodes' _private and extra fields used). */
tme_status tme_html_paragraphs(xmlDoc *doc, tme_paragraphs *out, tme_error *err);

#endif
