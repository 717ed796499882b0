#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Drift (issue 13): one paragraph pair of 300 sentences a side, built from
# the gold units of the samples (one unit a line, so the gold is the 1-1
# alignment), aligned by `tmexport align --sentences`. Deleting or
# inserting one sentence near the start, on either side, may cost at most
# 3 of the other gold units: the alignment must not stay shifted. So may
# deleting ten consecutive sentences of one side (harder than issue 13
# asks; the aligner before the lexicon lost 6 and 7 there).
#
# usage: tests/drift-check.sh TMEXPORT
set -euo pipefail
tmexport=$1
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$root" "$work" <<'PY'
import glob, os, sys
root, work = sys.argv[1], sys.argv[2]
seen, units = set(), []
golds = sorted(glob.glob(os.path.join(root, "samples", "*", "gold.tsv"))) + \
        [os.path.join(root, "samples", "deepseek-bilingual.gold.tsv")]
for path in golds:
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            continue
        key = (cols[0].strip(), cols[1].strip())
        if key not in seen:
            seen.add(key)
            units.append(key)
assert len(units) >= int(os.environ.get("DRIFT_SENTENCES", "300")) + 2, len(units)
size = int(os.environ.get("DRIFT_SENTENCES", "300"))
pair, spare = units[:size], units[size:]

def write(name, lines):
    """lines: (english or None, chinese or None); a gold unit where both are."""
    for suffix, side in (("en", 0), ("zh", 1)):
        with open(os.path.join(work, name + "." + suffix), "w", encoding="utf-8") as f:
            f.write("".join(l[side] + "\n" for l in lines if l[side] is not None))
    with open(os.path.join(work, name + ".gold"), "w", encoding="utf-8") as f:
        f.write("".join(e + "\t" + z + "\n" for e, z in lines if e and z))

write("whole", pair)
for at in (2, 5):
    e, z = pair[at]
    write("del-zh-%d" % at, pair[:at] + [(e, None)] + pair[at + 1:])
    write("del-en-%d" % at, pair[:at] + [(None, z)] + pair[at + 1:])
    write("ins-zh-%d" % at, pair[:at] + [(None, spare[0][1])] + pair[at:])
    write("ins-en-%d" % at, pair[:at] + [(spare[1][0], None)] + pair[at:])
# Harder than the issue asks: ten consecutive sentences of one side gone.
write("del-zh-10x", pair[:5] + [(e, None) for e, _ in pair[5:15]] + pair[15:])
write("del-en-10x", pair[:5] + [(None, z) for _, z in pair[5:15]] + pair[15:])
PY

fail=0
for en in "$work"/*.en; do
    name=${en%.en}
    "$tmexport" align -q --normalize=no --sentences "$en" "$name.zh" -o "tsv:$name.out"
    lost=$(python3 - "$name.gold" "$name.out" <<'PY'
import sys
gold = [tuple(l.rstrip("\n").split("\t")[:2]) for l in open(sys.argv[1], encoding="utf-8")]
out = set(tuple(l.rstrip("\n").split("\t")[:2]) for l in open(sys.argv[2], encoding="utf-8"))
print(sum(1 for g in gold if g not in out))
PY
)
    case $(basename "$name") in
    whole) limit=0 ;;
    *) limit=3 ;;
    esac
    printf '%-10s gold units %3d  lost %d (at most %d)\n' "$(basename "$name")" \
        "$(wc -l <"$name.gold")" "$lost" "$limit"
    ((lost <= limit)) || fail=1
done
exit $fail
