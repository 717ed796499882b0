/* SPDX-License-Identifier: MIT */
#include "read_units.h"

#include "langtag.h"

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
