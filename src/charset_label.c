/* SPDX-License-Identifier: MIT */
#include "charset_label.h"

#include <iconv.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

/* The labels of the WHATWG Encoding Standard's "Legacy multi-byte Chinese
 * (simplified)" and "(traditional)" encodings (encoding.spec.whatwg.org,
 * section 4.2 Names and labels, encodings.json; CC BY 4.0, WHATWG), plus
 * the Windows code page names. Only these: every other label is iconv's. */
static const char *const gb18030_labels[] = {
    "chinese",    "csgb2312", "csiso58gb231280", "gb18030", "gb2312", "gb_2312",
    "gb_2312-80", "gbk",      "iso-ir-58",       "x-gbk",   "cp936",
};
static const char *const big5_labels[] = {
    "big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950",
};

static int is_ascii_whitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int listed(const char *label, size_t len, const char *const *labels, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strlen(labels[i]) == len && strncasecmp(label, labels[i], len) == 0)
            return 1;
    }
    return 0;
}

const char *tme_big5_iconv_name(void)
{
    iconv_t cd = iconv_open("UTF-8", "BIG5-HKSCS");
    if (cd == (iconv_t)-1)
        return "BIG5";
    iconv_close(cd);
    return "BIG5-HKSCS";
}

const char *tme_encoding_from_label(const char *label)
{
    while (is_ascii_whitespace(*label))
        label++;
    size_t len = strlen(label);
    while (len > 0 && is_ascii_whitespace(label[len - 1]))
        len--;
    if (listed(label, len, gb18030_labels, sizeof gb18030_labels / sizeof *gb18030_labels))
        return "GB18030";
    if (listed(label, len, big5_labels, sizeof big5_labels / sizeof *big5_labels))
        return tme_big5_iconv_name();
    return NULL;
}
