#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# omegat-check.sh - a real CAT tool reads tmexport's TMX, and tmexport reads
# the CAT tool's.
#
# Usage: omegat-check.sh TMEXPORT WORKDIR [INPUT]
#
# Exports INPUT (default: samples/deepseek-bilingual.txt of this checkout) to
# TMX and TSV, then, once for UTF-8, once for --tmx-encoding utf-16 and once
# with --preset omegat (sentence units), builds
# an OmegaT project whose tm/auto/ holds the TMX and whose one source file is
# the exported English units (one per paragraph of the source), runs OmegaT 3.6 in console
# mode (--mode=console-translate), and checks that the translated document
# holds, for every unit, exactly the Chinese of the TSV: OmegaT pre-fills
# exact matches from tm/auto/, and copies the source where it finds none.
# Then `tmexport convert` reads the TMX files OmegaT wrote for the project
# (project-omegat.tmx, TMX 1.1 with lang=, and project-level1/2.tmx, TMX
# 1.4) and must find exactly the project's pairs: every source unit with
# its Chinese.
#
# Exit status: 0 pass, 1 fail, 2 usage, 77 skipped (OmegaT or Java missing;
# ctest's SKIP_RETURN_CODE). Needs: omegat (Debian package), java, awk, diff.
# OMEGAT overrides the command (default: omegat).

set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
tmexport=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
input=${3:-$here/../../samples/deepseek-bilingual.txt}
omegat=${OMEGAT:-omegat}

if ! command -v "$omegat" >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
    echo "SKIP: $omegat or java not installed (apt-get install omegat)"
    exit 77
fi

mkdir -p "$work"
work=$(cd "$work" && pwd)

# OmegaT cannot tell which translation to pre-fill for an English unit that
# the export pairs with two different Chinese texts, so such units are left
# out of the check (and counted).
write_project_source() { # TSV -> source.txt (blank line between units), expected.txt
    awk -F'\t' -v source_file="$2" -v expected_file="$3" -v ambiguous_file="$4" '
        { n++; s[n] = $1; t[n] = $2; if (($1 in first) && first[$1] != $2) bad[$1] = 1; if (!($1 in first)) first[$1] = $2 }
        END {
            for (i = 1; i <= n; i++) {
                if (s[i] in bad) { ambiguous++; continue }
                if (s[i] in done) continue
                done[s[i]] = 1
                print s[i] "\n" > source_file
                print t[i] > expected_file
            }
            print ambiguous + 0 > ambiguous_file
        }' "$1"
}

write_project_file() {
    cat >"$1/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en</source_lang>
        <target_lang>zh-CN</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML
}

check_export() { # NAME EXTRACT-OPTION...
    local enc=$1 dir="$work/$1"
    shift
    rm -rf "$dir"
    mkdir -p "$dir/project/source" "$dir/project/target" "$dir/project/tm/auto" \
        "$dir/project/omegat" "$dir/project/glossary" "$dir/project/dictionary" "$dir/config"
    if ! "$tmexport" extract "$input" "$@" -o "$dir/project/tm/auto/export.tmx" \
        -o "$dir/export.tsv" 2>"$dir/tmexport.log"; then
        echo "FAIL $enc: tmexport extract failed: $(head -3 "$dir/tmexport.log")"
        return 1
    fi
    write_project_source "$dir/export.tsv" "$dir/project/source/source.txt" "$dir/expected.txt" \
        "$dir/ambiguous.txt" || { echo "FAIL $enc: cannot write the project source"; return 1; }
    write_project_file "$dir/project"
    local units
    units=$(wc -l <"$dir/expected.txt")
    if [ "$units" -eq 0 ]; then
        echo "FAIL $enc: the export has no units to check"
        return 1
    fi
    # Headless, UTF-8 whatever the locale, configuration kept inside WORKDIR.
    if ! JAVA_TOOL_OPTIONS="-Djava.awt.headless=true -Dfile.encoding=UTF-8" \
        timeout 600 "$omegat" "$dir/project" --mode=console-translate \
        --config-dir="$dir/config" >"$dir/omegat.log" 2>&1; then
        echo "FAIL $enc: OmegaT failed: see $dir/omegat.log"
        return 1
    fi
    if [ ! -f "$dir/project/target/source.txt" ]; then
        echo "FAIL $enc: OmegaT wrote no translated document: see $dir/omegat.log"
        return 1
    fi
    grep -v '^$' "$dir/project/target/source.txt" >"$dir/translated.txt" || true
    if ! diff "$dir/expected.txt" "$dir/translated.txt" >"$dir/diff.txt"; then
        echo "FAIL $enc: $(grep -c '^<' "$dir/diff.txt") of $units units not pre-filled with their exact" \
            "Chinese (see $dir/diff.txt)"
        return 1
    fi
    echo "OK $enc: OmegaT pre-filled all $units units from tm/auto" \
        "($(cat "$dir/ambiguous.txt") ambiguous units left out)"
}

check_readback() { # the TMX files OmegaT wrote for the utf-8 project, read by tmexport
    local dir="$work/utf-8"
    grep -v '^$' "$dir/project/source/source.txt" | paste - "$dir/expected.txt" |
        LC_ALL=C sort >"$dir/pairs.expected"
    local tmx name failed=0
    for name in project-omegat.tmx project-level1.tmx project-level2.tmx; do
        tmx="$dir/project/$name"
        if [ ! -f "$tmx" ]; then
            echo "FAIL readback: OmegaT wrote no $name"
            failed=1
            continue
        fi
        if ! "$tmexport" convert "$tmx" -o "$dir/$name.tsv" 2>"$dir/$name.log"; then
            echo "FAIL readback: tmexport convert $name: $(head -3 "$dir/$name.log")"
            failed=1
            continue
        fi
        LC_ALL=C sort "$dir/$name.tsv" >"$dir/$name.sorted"
        if ! diff "$dir/pairs.expected" "$dir/$name.sorted" >"$dir/$name.diff"; then
            echo "FAIL readback: $name read as other pairs than the project's (see $dir/$name.diff)"
            failed=1
            continue
        fi
        echo "OK readback: tmexport reads OmegaT's $name: all $(wc -l <"$dir/$name.tsv") pairs"
    done
    return $failed
}

status=0
check_export utf-8 --tmx-encoding utf-8 || status=1
check_export utf-16 --tmx-encoding utf-16 || status=1
# The preset's own choices (sentence units, en/zh-CN): OmegaT must still
# pre-fill every unit.
check_export preset-omegat --preset omegat || status=1
check_readback || status=1
exit $status
