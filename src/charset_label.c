/* SPDX-License-Identifier: MIT */
#include "charset_label.h"

#include <iconv.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

/* The labels of the WHATWG Encoding Standard (encoding.spec.whatwg.org,
 * section 4.2 Names and labels, encodings.json; CC BY 4.0, WHATWG) for the
 * encodings English and Chinese pages are written in, plus the Windows code
 * page names cp936 and cp950. BIG5 stands for tme_big5_iconv_name(). */
static const struct {
    const char *label;
    const char *encoding;
} labels[] = {
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"unicode11utf8", "UTF-8"},
    {"unicode20utf8", "UTF-8"},
    {"x-unicode20utf8", "UTF-8"},
    {"utf-16", "UTF-16LE"},
    {"utf-16le", "UTF-16LE"},
    {"unicode", "UTF-16LE"},
    {"unicodefeff", "UTF-16LE"},
    {"iso-10646-ucs-2", "UTF-16LE"},
    {"ucs-2", "UTF-16LE"},
    {"csunicode", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
    {"unicodefffe", "UTF-16BE"},
    {"chinese", "GB18030"},
    {"csgb2312", "GB18030"},
    {"csiso58gb231280", "GB18030"},
    {"gb18030", "GB18030"},
    {"gb2312", "GB18030"},
    {"gb_2312", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"gbk", "GB18030"},
    {"iso-ir-58", "GB18030"},
    {"x-gbk", "GB18030"},
    {"cp936", "GB18030"},
    {"big5", "BIG5"},
    {"big5-hkscs", "BIG5"},
    {"cn-big5", "BIG5"},
    {"csbig5", "BIG5"},
    {"x-x-big5", "BIG5"},
    {"cp950", "BIG5"},
    {"us-ascii", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},
    {"ansi_x3.4-1968", "WINDOWS-1252"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso88591", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"iso_8859-1:1987", "WINDOWS-1252"},
    {"iso-ir-100", "WINDOWS-1252"},
    {"latin1", "WINDOWS-1252"},
    {"l1", "WINDOWS-1252"},
    {"ibm819", "WINDOWS-1252"},
    {"cp819", "WINDOWS-1252"},
    {"csisolatin1", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},
    {"windows-1252", "WINDOWS-1252"},
    {"x-cp1252", "WINDOWS-1252"},
};

static int is_ascii_whitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

const char *tme_big5_iconv_name(void)
{
    iconv_t cd = iconv_open("UTF-8", "BIG5-HKSCS");
    if (cd == (iconv_t)-1)
        return "BIG5";
    iconv_close(cd);
    return "BIG5-HKSCS";
}

const char *tme_encoding_from_label_n(const char *label, size_t len)
{
    while (len > 0 && is_ascii_whitespace(*label)) {
        label++;
        len--;
    }
    while (len > 0 && is_ascii_whitespace(label[len - 1]))
        len--;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
        if (strlen(labels[k].label) == len && strncasecmp(labels[k].label, label, len) == 0)
            return strcmp(labels[k].encoding, "BIG5") == 0 ? tme_big5_iconv_name()
                                                           : labels[k].encoding;
    return NULL;
}

const char *tme_encoding_from_label(const char *label)
{
    const char *encoding = tme_encoding_from_label_n(label, strlen(label));
    if (encoding == NULL || (strcmp(encoding, "GB18030") != 0 && strncmp(encoding, "BIG5", 4) != 0))
        return NULL;
    return encoding;
}

const char *tme_encoding_iconv_name(const char *name)
{
    const char *encoding = tme_encoding_from_label(name);
    return encoding != NULL ? encoding : name;
}
