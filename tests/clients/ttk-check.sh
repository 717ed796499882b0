#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ttk-check.sh - translate-toolkit reads tmexport's TMX and XLIFF 1.2 back,
# and tmexport reads translate-toolkit's TMX.
#
# Usage: ttk-check.sh TMEXPORT WORKDIR [INPUT]
#
# Exports INPUT (default: samples/deepseek-bilingual.txt of this checkout) to
# TSV, TMX (UTF-8 and UTF-16) and XLIFF 1.2 in one run each, reads the TMX and
# XLIFF files with translate-toolkit's own parsers (translate.storage.tmx and
# translate.storage.xliff), and checks that exactly the pairs of the TSV come
# back, in the same order, with nothing missing or added. The other way: the
# TSV's pairs (one per English source: a PO file has no two) go into a PO
# file, which po2tmx makes a TMX, and into a TMX that translate-toolkit's
# tmxfile writes (what its csv2tmx does); `tmexport convert` must read
# exactly those pairs back from both, in order.
#
# Exit status: 0 pass, 1 fail, 2 usage, 77 skipped (translate-toolkit missing;
# ctest's SKIP_RETURN_CODE). Needs the Debian package translate-toolkit, whose
# Python module lives in the system python3: TTK_PYTHON overrides the
# interpreter (default /usr/bin/python3).

set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
tmexport=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
input=${3:-$here/../../samples/deepseek-bilingual.txt}
python=${TTK_PYTHON:-/usr/bin/python3}

if ! "$python" -c 'import translate.storage.tmx, translate.storage.xliff' 2>/dev/null; then
    echo "SKIP: translate-toolkit not importable by $python (apt-get install translate-toolkit)"
    exit 77
fi

mkdir -p "$work"
status=0
if ! "$tmexport" extract "$input" -o "$work/export.tsv" -o "$work/export.tmx" \
    -o "$work/export.xlf" 2>"$work/tmexport.log" ||
    ! "$tmexport" extract "$input" --tmx-encoding utf-16 -o "$work/export-utf16.tmx" \
        2>>"$work/tmexport.log"; then
    echo "FAIL: tmexport extract failed: $(head -3 "$work/tmexport.log")"
    exit 1
fi

"$python" - "$work/export.tsv" "$work/export.tmx" "$work/export-utf16.tmx" \
    "$work/export.xlf" <<'PY' || status=1
import sys
from translate.storage import tmx, xliff

tsv_path, *stores = sys.argv[1:]
with open(tsv_path, encoding="utf-8", newline="") as f:
    expected = [tuple(line.split("\t")) for line in f.read().split("\n") if line]
if not expected or any(len(pair) != 2 for pair in expected):
    print(f"FAIL {tsv_path}: no pairs, or a line without exactly one tab")
    sys.exit(1)

failed = False
for path in stores:
    parser = xliff.xlifffile if path.endswith(".xlf") else tmx.tmxfile
    units = [u for u in parser.parsefile(path).units if not u.isheader()]
    got = [(str(u.source), str(u.target)) for u in units]
    if got == expected:
        print(f"OK {path}: translate-toolkit reads back all {len(got)} pairs, in order")
        continue
    failed = True
    first = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
    print(f"FAIL {path}: {len(got)} pairs read, {len(expected)} written; first difference at pair {first + 1}:")
    print(f"  read:    {got[first] if first < len(got) else None!r}")
    print(f"  written: {expected[first] if first < len(expected) else None!r}")
sys.exit(1 if failed else 0)
PY

# The pairs, one per source, as a PO file and as translate-toolkit's TMX.
"$python" - "$work/export.tsv" "$work/pairs.tsv" "$work/pairs.po" "$work/ttk.tmx" <<'PY' ||
import sys
from translate.storage import po, tmx

tsv_path, pairs_path, po_path, tmx_path = sys.argv[1:]
seen, pairs = set(), []
with open(tsv_path, encoding="utf-8", newline="") as f:
    for line in f.read().split("\n"):
        if line and line.split("\t")[0] not in seen:
            seen.add(line.split("\t")[0])
            pairs.append(line.split("\t"))
with open(pairs_path, "w", encoding="utf-8", newline="") as f:
    f.writelines(f"{s}\t{t}\n" for s, t in pairs)
store = po.pofile()
for s, t in pairs:
    store.addsourceunit(s).target = t
store.savefile(po_path)
memory = tmx.tmxfile(sourcelanguage="en", targetlanguage="zh-CN")
for s, t in pairs:
    memory.addtranslation(s, "en", t, "zh-CN")
memory.savefile(tmx_path)
PY
    { echo "FAIL: translate-toolkit could not write the PO and TMX files"; exit 1; }
if ! po2tmx -l zh-CN "$work/pairs.po" "$work/po.tmx" >"$work/po2tmx.log" 2>&1; then
    echo "FAIL: po2tmx failed: $(tail -3 "$work/po2tmx.log")"
    exit 1
fi
for tmx in po.tmx ttk.tmx; do
    if ! "$tmexport" convert "$work/$tmx" -o "$work/$tmx.tsv" 2>"$work/$tmx.log"; then
        echo "FAIL: tmexport convert $tmx: $(head -3 "$work/$tmx.log")"
        status=1
    elif ! cmp -s "$work/pairs.tsv" "$work/$tmx.tsv"; then
        echo "FAIL: tmexport reads other pairs from translate-toolkit's $tmx than it was given" \
            "(diff $work/pairs.tsv $work/$tmx.tsv)"
        status=1
    else
        echo "OK: tmexport reads back all $(wc -l <"$work/pairs.tsv") pairs of translate-toolkit's" \
            "$tmx, in order"
    fi
done

# --gzip-threads: a .tmx.gz of several gzip members (40 copies of the input,
# over 1 MiB of TMX) read through Python's gzip module by translate-toolkit,
# as a Python MT pipeline would: every pair, not the first member's.
mkdir -p "$work/copies"
for i in $(seq 40); do cp "$input" "$work/copies/$i.txt"; done
if ! "$tmexport" extract "$work/copies" --gzip-threads 2 -o "$work/members.tsv" \
    -o "$work/members.tmx.gz" 2>"$work/members.log"; then
    echo "FAIL: tmexport extract --gzip-threads failed: $(head -3 "$work/members.log")"
    exit 1
fi
"$python" - "$work/members.tsv" "$work/members.tmx.gz" <<'PY' || status=1
import gzip, sys, zlib
from translate.storage import tmx

tsv_path, gz_path = sys.argv[1:]
with open(tsv_path, encoding="utf-8", newline="") as f:
    expected = [tuple(line.split("\t")) for line in f.read().split("\n") if line]
data, members = open(gz_path, "rb").read(), 0
while data:
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    d.decompress(data)
    data, members = d.unused_data, members + 1
store = tmx.tmxfile.parsestring(gzip.open(gz_path).read())
got = [(str(u.source), str(u.target)) for u in store.units if not u.isheader()]
if members < 2 or got != expected:
    print(f"FAIL {gz_path}: {members} members, {len(got)} pairs read, {len(expected)} written")
    sys.exit(1)
print(f"OK {gz_path}: translate-toolkit reads all {len(got)} pairs of {members} gzip members")
PY
exit $status
