#!/bin/sh
# SPDX-License-Identifier: MIT
# Scores tmexport's sentence pairs against the hand-checked gold of every
# article in samples/ (strict precision, recall, F1; a pair counts when both
# sides equal a gold unit after whitespace normalization) and fails below the
# floor or on any pair that is not a translation. A sample is a directory
# with a gold.tsv and its article as text (article.txt) or as a web page
# (article.html), read by the reader the probe picks.
# Usage: eval-samples.sh TMEXPORT [FLOOR]
set -eu
tmexport=$1
floor=${2:-0.95}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

score() { # name article gold [extract options...]
    name=$1 article=$2 gold=$3
    shift 3
    "$tmexport" extract -q "$@" "$article" -o "$work/pairs.tsv"
    printf '%-28s ' "$name"
    if ! python3 "$root/scripts/score-pairs" "$gold" "$work/pairs.tsv" --min-f1 "$floor" \
        --no-wrong --normalize-punct 2>"$work/err" | tr '\n' ' '; then
        status=1
        printf 'FAILED\n'
        cat "$work/err" >&2
    else
        printf '\n'
    fi
}

# The product as users run it (normalized punctuation), on the sample.
score deepseek-bilingual "$root/samples/deepseek-bilingual.txt" \
    "$root/samples/deepseek-bilingual.gold.tsv"
# Alignment quality on every gold article, text kept as the gold has it.
for dir in "$root"/samples/*/; do
    [ -f "$dir/gold.tsv" ] || continue
    for article in "$dir"article.txt "$dir"article.html; do
        [ -f "$article" ] || continue
        score "$(basename "$dir")" "$article" "$dir/gold.tsv" --no-normalize
    done
done
exit $status
