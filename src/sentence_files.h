/* SPDX-License-Identifier: MIT */
/* Two files already cut into sentences (tmexport align --sentences): one
 * sentence a line, a blank line between paragraphs, the input hunalign and
 * vecalign take. Paragraph k of the English file is aligned with paragraph
 * k of the Chinese one, their sentences kept as given, so that the aligner
 * can be compared with published results on their own segmentation. */
#ifndef TME_SENTENCE_FILES_H
#define TME_SENTENCE_FILES_H

#include "document.h"
#include "error.h"

/* Reads both files (decoded as any input is, gzip or not) into doc: the
 * units of each paragraph pair's alignment. The files must have as many
 * paragraphs: else an input error names both files and counts. */
tme_status tme_read_sentence_files(tme_document *doc, const char *english, const char *chinese,
                                   tme_error *err);

#endif
