/* SPDX-License-Identifier: MIT */
/* CAT and MT presets (issue 15): every preset's TMX validates against the
 * DTD; the language codes are the ones each tool matches (Wordfast's at most
 * 5 characters); memoQ's TMX is UTF-16; Trados drops and counts units longer
 * than 2,000 characters a side; MateCat's preset splits under its cap (the
 * same parts code at a small size); an option given explicitly wins. */
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"
#include "tmexport.h"
#include "xml_validate.h"

#define SAMPLE "samples/deepseek-bilingual.txt"

static const char *dir;

static const char *at(int slot, const char *name)
{
    return tme_test_join(slot, dir, name);
}

static const char *stderr_path(void)
{
    return at(15, "stderr.txt");
}

static int file_says(const char *path, const char *needle)
{
    char *text = tme_test_read_file(path, NULL);
    int found = text != NULL && strstr(text, needle) != NULL;
    if (!found)
        fprintf(stderr, "\n    %s lacks \"%s\": %s", path, needle, text ? text : "(unreadable)");
    free(text);
    return found;
}

static const char *output_for(const char *preset)
{
    char name[64];
    snprintf(name, sizeof name, "preset-%s.tmx", preset);
    return at(1, name);
}

/* Every distinct language code in a TMX (srclang, xml:lang), comma-joined. */
static void collect_langs(xmlNodePtr node, char *out, size_t cap)
{
    for (; node != NULL; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *lang = xmlGetNsProp(node, BAD_CAST "lang", XML_XML_NAMESPACE);
        if (lang == NULL)
            lang = xmlGetProp(node, BAD_CAST "srclang");
        if (lang != NULL) {
            char key[80];
            snprintf(key, sizeof key, ",%s,", (const char *)lang);
            char probe[4200];
            snprintf(probe, sizeof probe, ",%s", out);
            if (strstr(probe, key) == NULL && strlen(out) + strlen(key) < cap)
                strcat(strcat(out, (const char *)lang), ",");
            xmlFree(lang);
        }
        collect_langs(node->children, out, cap);
    }
}

/* The preset's TMX of the sample, read and validated; langs receives its
 * language codes, as "en-US,zh-CN,". */
static xmlDocPtr export_with(const char *preset, const char *extra, char *langs, size_t cap)
{
    const char *out = output_for(preset);
    if (tme_test_run_clif(stderr_path(), "extract -q --preset %s %s '%s' -o '%s'", preset, extra,
                          tme_test_source_path(SAMPLE), out) != 0)
        return NULL;
    /* A preset with a size cap writes numbered parts, even when one is
     * enough: what scripts see does not depend on the export's size. */
    char part[4200];
    snprintf(part, sizeof part, "%.*s-0001.tmx", (int)(strlen(out) - 4), out);
    int split = access(part, F_OK) == 0;
    CU_ASSERT_EQUAL(split, strcmp(preset, "trados") == 0 || strcmp(preset, "phrase") == 0 ||
                               strcmp(preset, "matecat") == 0);
    xmlDocPtr doc = tme_test_read_valid(split ? part : out, KIND_TMX);
    langs[0] = '\0';
    if (doc != NULL)
        collect_langs(xmlDocGetRootElement(doc), langs, cap);
    return doc;
}

static size_t count_tus(xmlDocPtr doc)
{
    size_t n = 0;
    xmlNodePtr body = xmlDocGetRootElement(doc)->children;
    while (body != NULL &&
           !(body->type == XML_ELEMENT_NODE && xmlStrEqual(body->name, BAD_CAST "body")))
        body = body->next;
    for (xmlNodePtr tu = body ? body->children : NULL; tu != NULL; tu = tu->next)
        n += tu->type == XML_ELEMENT_NODE && xmlStrEqual(tu->name, BAD_CAST "tu");
    return n;
}

static void test_every_preset_validates_with_its_language_codes(void)
{
    static const struct {
        const char *preset, *langs;
    } expected[] = {
        {"trados", "en-US,zh-CN,"}, {"memoq", "en-US,zh-CN,"},
        {"phrase", "en-US,zh-CN,"}, {"matecat", "en-US,zh-CN,"},
        {"omegat", "en,zh-CN,"},    {"wordfast", "EN-US,ZH-CN,"},
        {"mt", "en,zh,"},
    };
    size_t n = 0;
    while (tme_preset_name(n) != NULL)
        n++;
    CU_ASSERT_EQUAL(n, sizeof expected / sizeof expected[0]);
    for (size_t i = 0; i < n; i++) {
        const char *name = tme_preset_name(i);
        CU_ASSERT_STRING_EQUAL(name, expected[i].preset);
        char langs[256];
        xmlDocPtr doc = export_with(name, "", langs, sizeof langs);
        CU_ASSERT_PTR_NOT_NULL(doc);
        if (doc == NULL) {
            fprintf(stderr, "preset %s: no valid TMX\n", name);
            continue;
        }
        if (strcmp(langs, expected[i].langs) != 0)
            fprintf(stderr, "preset %s: languages %s, want %s\n", name, langs, expected[i].langs);
        CU_ASSERT_STRING_EQUAL(langs, expected[i].langs);
        CU_ASSERT(count_tus(doc) >= 50); /* the sample's 54 pairs */
        xmlFreeDoc(doc);
    }
}

static void test_wordfast_codes_fit_five_characters(void)
{
    char langs[256];
    xmlDocPtr doc = export_with("wordfast", "", langs, sizeof langs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    xmlFreeDoc(doc);
    for (char *code = strtok(langs, ","); code != NULL; code = strtok(NULL, ","))
        CU_ASSERT(strlen(code) <= 5);
}

static void test_memoq_writes_utf16(void)
{
    char langs[256];
    xmlDocPtr doc = export_with("memoq", "", langs, sizeof langs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT(doc->encoding != NULL && xmlStrcasecmp(doc->encoding, BAD_CAST "UTF-16") == 0);
    xmlFreeDoc(doc);
    size_t len = 0;
    char *bytes = tme_test_read_file(output_for("memoq"), &len);
    CU_ASSERT_FATAL(bytes != NULL && len > 2);
    CU_ASSERT((unsigned char)bytes[0] == 0xff && (unsigned char)bytes[1] == 0xfe); /* BOM */
    free(bytes);
}

static void test_explicit_options_win(void)
{
    char langs[256];
    xmlDocPtr doc = export_with("wordfast", "--tgt-lang zh-Hans", langs, sizeof langs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(langs, "EN-US,zh-Hans,");
    xmlFreeDoc(doc);
    doc = export_with("memoq", "--tmx-encoding utf-8", langs, sizeof langs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT(xmlStrcasecmp(doc->encoding, BAD_CAST "UTF-8") == 0);
    xmlFreeDoc(doc);
}

/* A TSV pair file: one pair whose English runs past 2,000 characters, one
 * ordinary pair. */
static const char *long_pair_input(void)
{
    const char *path = at(2, "long.tsv");
    FILE *f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (int k = 0; k < 60; k++) /* 60 x 36 = 2,160 characters */
        fputs("A sentence that goes on and on, and ", f);
    fputs("ends.\t\xe4\xb8\x80\xe4\xb8\xaa\xe5\xbe\x88\xe9\x95\xbf\xe7\x9a\x84\xe5\x8f\xa5\xe5\xad"
          "\x90\xe3\x80\x82\n",
          f);
    fputs(
        "Hello, world.\t\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c\xe3\x80\x82\n",
        f);
    fclose(f);
    return path;
}

static void test_trados_drops_and_counts_long_units(void)
{
    const char *out = at(3, "trados-long.tmx");
    const char *err = at(4, "trados-stats.txt");
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(err,
                                            "align --stats --unit paragraph --preset trados "
                                            "'%s' -o '%s'",
                                            long_pair_input(), out),
                          0);
    xmlDocPtr doc = tme_test_read_valid(at(5, "trados-long-0001.tmx"), KIND_TMX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count_tus(doc), 1);
    xmlFreeDoc(doc);
    CU_ASSERT(file_says(err, "chars 1"));
    /* Without the preset both are kept. */
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(), "align --unit paragraph '%s' -o '%s'",
                                            long_pair_input(), out),
                          0);
    doc = tme_test_read_valid(out, KIND_TMX);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count_tus(doc), 2);
    xmlFreeDoc(doc);
}

/* MateCat's cap is 300 MB: the preset sets it, and the parts code it drives
 * is tested at 30 KB (the test would need a 700 MB export otherwise). */
static void test_matecat_splits_under_its_cap(void)
{
    tme_session *s = tme_session_new();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(tme_session_set(s, "preset", "matecat"), TME_OK);
    CU_ASSERT_EQUAL(tme_session_add_output(s, at(5, "matecat-api.tsv")), TME_OK);
    CU_ASSERT_EQUAL(
        tme_session_add_pair(s, "a", "Hello.", "\xe4\xbd\xa0\xe5\xa5\xbd\xe3\x80\x82", 1.0),
        TME_OK); /* starts the session */
    const char *size = tme_session_get(s, "split-size");
    CU_ASSERT(size != NULL && strcmp(size, "300M") == 0);
    tme_session_abort(s);
    tme_session_free(s);

    char list[64];
    snprintf(list, sizeof list, "%s", at(6, "inputs.list"));
    FILE *f = fopen(list, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (int k = 0; k < 12; k++) {
        char name[32];
        snprintf(name, sizeof name, "copy%02d.txt", k);
        const char *copy = at(7, name);
        CU_ASSERT_EQUAL_FATAL(tme_test_shell("cp '%s' '%s'", tme_test_source_path(SAMPLE), copy),
                              0);
        fprintf(f, "%s\n", copy);
    }
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(tme_test_run_clif(stderr_path(),
                                            "extract -q --preset matecat --split-size 30K @%s -o "
                                            "'%s'",
                                            list, at(8, "matecat.tmx")),
                          0);
    size_t parts = 0, units = 0;
    for (int i = 1;; i++) {
        char name[32];
        snprintf(name, sizeof name, "matecat-%04d.tmx", i);
        const char *p = at(9, name);
        struct stat st;
        if (stat(p, &st) != 0)
            break;
        parts++;
        CU_ASSERT(st.st_size <= 30000);
        xmlDocPtr doc = tme_test_read_valid(p, KIND_TMX);
        CU_ASSERT_PTR_NOT_NULL(doc);
        if (doc != NULL) {
            units += count_tus(doc);
            xmlFreeDoc(doc);
        }
    }
    CU_ASSERT(parts >= 3);
    CU_ASSERT_EQUAL(units, 12 * 54);
}

static void test_an_unknown_preset_is_a_usage_error(void)
{
    CU_ASSERT_EQUAL(tme_test_run_clif(stderr_path(), "extract --preset sdlx '%s' -o '%s'",
                                      tme_test_source_path(SAMPLE), at(10, "none.tmx")),
                    2);
    CU_ASSERT(file_says(stderr_path(), "--preset wants one of trados, memoq"));
    CU_ASSERT_EQUAL(access(at(10, "none.tmx"), F_OK), -1);
}

int main(void)
{
    dir = tme_test_scratch_dir("presets");
    CU_TestInfo tests[] = {
        {"every preset validates with its language codes",
         test_every_preset_validates_with_its_language_codes},
        {"wordfast codes fit five characters", test_wordfast_codes_fit_five_characters},
        {"memoq writes UTF-16", test_memoq_writes_utf16},
        {"explicit options win", test_explicit_options_win},
        {"trados drops and counts long units", test_trados_drops_and_counts_long_units},
        {"matecat splits under its cap", test_matecat_splits_under_its_cap},
        {"an unknown preset is a usage error", test_an_unknown_preset_is_a_usage_error},
        CU_TEST_INFO_NULL,
    };
    return tme_run_suite("presets", tests);
}
