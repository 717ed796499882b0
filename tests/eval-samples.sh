#!/bin/sh
# SPDX-License-Identifier: MIT
# Scores tmexport's sentence pairs against the hand-checked gold of every
# article in samples/ (strict precision, recall, F1; a pair counts when both
# sides equal a gold unit after whitespace normalization) and fails below the
# floor or on any pair that is not a translation: the articles as they are
# (a sample is a directory with a gold.tsv and its article as text,
# article.txt, in another encoding, article.ENCODING.txt, or as a web page,
# article.html, read by the reader the probe picks), each text laid out four
# more ways (samples/text-layouts/), and pairs of documents that translate
# each other (samples/parallel/).
# Usage: eval-samples.sh TMEXPORT [FLOOR]
set -eu
tmexport=$1
floor=${2:-0.95}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

score() { # name gold extract-arguments...
    name=$1 gold=$2
    shift 2
    "$tmexport" extract -q "$@" -o "$work/pairs.tsv"
    printf '%-40s ' "$name"
    # The score's own status, not that of a pipe's last command.
    if python3 "$root/scripts/score-pairs" "$gold" "$work/pairs.tsv" --min-f1 "$floor" \
        --no-wrong --normalize-punct >"$work/score" 2>"$work/err"; then
        tr '\n' ' ' <"$work/score"
        printf '\n'
    else
        status=1
        tr '\n' ' ' <"$work/score"
        printf 'FAILED\n'
        cat "$work/err" >&2
    fi
}

gold_of() { # article name
    if [ "$1" = deepseek-bilingual ]; then
        echo "$root/samples/deepseek-bilingual.gold.tsv"
    else
        echo "$root/samples/$1/gold.tsv"
    fi
}

# The product as users run it (normalized punctuation), on the sample.
score deepseek-bilingual "$(gold_of deepseek-bilingual)" "$root/samples/deepseek-bilingual.txt"
# Alignment quality on every gold article, text kept as the gold has it;
# an article in another encoding (article.big5.txt) is read as it is, its
# encoding detected.
for dir in "$root"/samples/*/; do
    [ -f "$dir/gold.tsv" ] || continue
    for article in "$dir"article.txt "$dir"article.*.txt "$dir"article.html; do
        [ -f "$article" ] || continue
        variant=$(basename "$article" | sed -n 's/^article\.\(.*\)\.txt$/.\1/p')
        score "$(basename "$dir")$variant" "$dir/gold.tsv" --no-normalize "$article"
    done
done
# The same articles in other text layouts, their layout detected.
for file in "$root"/samples/text-layouts/*.txt; do
    name=$(basename "$file" .txt)
    score "$name" "$(gold_of "${name%.*}")" --no-normalize "$file"
done
# Documents and their translations in two trees.
score parallel "$root/samples/parallel/gold.tsv" --no-normalize --parallel \
    "$root/samples/parallel/en" "$root/samples/parallel/zh"
exit $status
