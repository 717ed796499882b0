/* Code point classes the text modules share. utf8proc answers everything
 * it can (categories); it has no script property, so Han is the one range
 * check of the project. */
#ifndef TME_CHARCLASS_H
#define TME_CHARCLASS_H

/* Han: CJK radicals, Unified Ideographs with their extensions and the
 * compatibility ideographs. (〇 U+3007 sits among the CJK symbols and
 * counts as Chinese punctuation.) */
int tme_is_han(int cp);

/* Whitespace: the ASCII controls that separate words and category Zs. */
int tme_is_space(int cp);

/* CJK symbols and punctuation (not the ideographic space) and the
 * full-width punctuation forms. */
int tme_is_cjk_punctuation(int cp);

#endif
