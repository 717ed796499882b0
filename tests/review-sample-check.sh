#!/bin/sh
# SPDX-License-Identifier: MIT
# review-sample-check.sh - the review page README shows is what the tool writes today.
#
# Usage: review-sample-check.sh TMEXPORT WORKDIR
#
# Writes the sample article's review page as scripts/make-review-sample does
# and compares it with docs/review-sample.html byte for byte: when the output
# changed, the page and its screenshot (docs/review-sample.png) are remade by
# that script. Exit status: 0 pass, 1 fail, 2 usage.
set -eu
if [ $# -ne 2 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
tmexport=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2"
work=$(cd "$2" && pwd)
# From the checkout, as the script runs it: the page names the document.
(cd "$root" && SOURCE_DATE_EPOCH=1733011200 "$tmexport" extract -q samples/deepseek-bilingual.txt \
    -o "review:$work/review-sample.html")
if ! cmp -s "$work/review-sample.html" "$root/docs/review-sample.html"; then
    echo "FAIL: the sample's review page changed; run scripts/make-review-sample (page and screenshot)"
    diff "$root/docs/review-sample.html" "$work/review-sample.html" | head -10
    exit 1
fi
echo "OK: docs/review-sample.html (and its screenshot) is the current output"
