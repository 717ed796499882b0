/* SPDX-License-Identifier: MIT */
/* Bilingual two-column layouts, read column by column. A table (or a grid
 * of divs) whose rows each hold an English cell and a Chinese cell is read
 * row after row by the tree's order; but one image-only or empty cell in
 * one column shifts every later row by one, so "same row" is no evidence of
 * a translation. Rewriting a run of such rows so that the second cells
 * follow the last row, in order, turns the layout into all the left
 * column, then all the right column: the halves layout, which the pairing
 * reads by content. */
#ifndef TME_HTML_COLUMNS_H
#define TME_HTML_COLUMNS_H

#include <libxml/tree.h>

/* Rewrites every bilingual two-column run under root (see above): rows are
 * <tr> with two <td>/<th> cells, or elements with two <div> children; a run
 * is bilingual when in at least two rows (and three times as many as
 * contradict it) the left cell is of one script and the right of the
 * other. Returns 0, or -1 when out of memory. */
int tme_html_linearize_columns(xmlNode *root);

#endif
