/* SPDX-License-Identifier: MIT */
#include "read_units.h"

#include <string.h>

#include "format.h"
#include "langtag.h"
#include "unit_props.h"

tme_pair_order tme_pair_order_of(const tme_document *doc, const char *file_source,
                                 const char *file_target)
{
    int source_is_chinese;
    if (file_source != NULL && file_target != NULL) {
        source_is_chinese = tme_langtag_is_chinese(file_source);
        if (source_is_chinese == tme_langtag_is_chinese(file_target))
            return TME_PAIR_OTHER;
    } else if (file_source != NULL) {
        source_is_chinese = tme_langtag_is_chinese(file_source);
    } else if (file_target != NULL) {
        source_is_chinese = !tme_langtag_is_chinese(file_target);
    } else {
        return TME_PAIR_AS_IS;
    }
    int export_source_is_chinese = doc->settings->source_is_chinese;
    const char *other =
        tme_document_option(doc, export_source_is_chinese ? "tgt-lang" : "src-lang");
    const char *file_other = source_is_chinese ? file_target : file_source;
    if (file_other != NULL && !tme_langtag_same_language(file_other, other))
        return TME_PAIR_OTHER;
    return source_is_chinese == export_source_is_chinese ? TME_PAIR_AS_IS : TME_PAIR_SWAPPED;
}

tme_status tme_read_units_add(tme_document *doc, tme_pair_order order, const tme_read_unit *unit,
                              tme_error *err)
{
    if (order == TME_PAIR_OTHER) {
        doc->counters.n[TME_COUNT_SKIPPED_ONE_LANGUAGE]++;
        return TME_OK;
    }
    if (order == TME_PAIR_AS_IS)
        return tme_document_add_read_unit(doc, unit, err);
    tme_read_unit swapped = *unit;
    swapped.source = unit->target;
    swapped.source_len = unit->target_len;
    swapped.target = unit->source;
    swapped.target_len = unit->source_len;
    return tme_document_add_read_unit(doc, &swapped, err);
}

void tme_unit_meta_clear(tme_unit_meta *meta)
{
    meta->score = 1.0;
    tme_xml_text_clear(&meta->created);
}

void tme_unit_meta_free(tme_unit_meta *meta)
{
    tme_xml_text_free(&meta->created);
    tme_xml_text_free(&meta->text);
}

tme_status tme_read_unit_meta(tme_xml_reader *xml, const char *type, const char *score_type,
                              const char *created_type, tme_unit_meta *meta, tme_error *err)
{
    static const tme_xml_inline plain = {NULL, NULL};
    int score = type != NULL && strcmp(type, score_type) == 0;
    int created = type != NULL && created_type != NULL && strcmp(type, created_type) == 0;
    if (!score && !created)
        return tme_xml_reader_skip(xml, err);
    tme_xml_text *into = score ? &meta->text : &meta->created;
    size_t elements = 0;
    if (tme_xml_reader_text(xml, &plain, into, &elements, err) != TME_OK)
        return err->status;
    if (score && tme_score_parse(into->text, into->len, &meta->score) != 0)
        return tme_xml_reader_fail(xml, err, "%s '%.40s' is not a number in [0,1]", score_type,
                                   into->text);
    return TME_OK;
}

tme_status tme_read_units_add_xliff(tme_document *doc, tme_pair_order order,
                                    const tme_xml_text *source, const tme_xml_text *target,
                                    const tme_unit_meta *meta, const char *id, tme_error *err)
{
    if (!target->set) {
        doc->counters.n[TME_COUNT_SKIPPED_NO_TARGET]++;
        return TME_OK;
    }
    tme_read_unit unit = {source->set ? source->text : "",
                          target->text,
                          source->len,
                          target->len,
                          meta->score,
                          id,
                          tme_xml_text_get(&meta->created),
                          NULL,
                          1};
    return tme_read_units_add(doc, order, &unit, err);
}

tme_status tme_read_segment(tme_document *doc, tme_xml_reader *xml, const tme_xml_inline *rules,
                            tme_xml_text *into, tme_error *err)
{
    size_t elements = 0;
    tme_status status = tme_xml_reader_text(xml, rules, into, &elements, err);
    doc->counters.n[TME_COUNT_INLINE_CODES] += elements;
    return status;
}

int tme_probe_xliff(const unsigned char *data, size_t len, const char *version)
{
    tme_xml_root root;
    if (tme_xml_probe_root(data, len, &root) <= 0 || strcmp(root.name, "xliff") != 0)
        return TME_PROBE_NO;
    return strcmp(root.version, version) == 0 ? TME_PROBE_CERTAIN
           : root.version[0] == version[0]    ? TME_PROBE_LIKELY
                                              : TME_PROBE_NO;
}
