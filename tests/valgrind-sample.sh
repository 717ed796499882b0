#!/bin/sh
# SPDX-License-Identifier: MIT
# Valgrind memcheck on the sample export, every format in one run plus the
# UTF-16 TMX, paragraph units, gzip on stdin and a failing run: no memory
# error and no definitely lost byte.
#   tests/valgrind-sample.sh TMEXPORT WORKDIR
# Exits 77 (skipped) without valgrind, or for a sanitizer build (valgrind
# cannot run ASan binaries).
set -eu
tmexport=$1
work=$2
source_dir=$(cd "$(dirname "$0")/.." && pwd)
sample=$source_dir/samples/deepseek-bilingual.txt

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind-sample: valgrind is not installed: skipped" >&2
    exit 77
fi
if grep -q -a __asan_init "$tmexport"; then
    echo "valgrind-sample: $tmexport is built with AddressSanitizer: skipped" >&2
    exit 77
fi

rm -rf "$work"
mkdir -p "$work"
status=0
# --errors-for-leak-kinds=definite: still-reachable memory (libxml2's and
# iconv's process-wide caches) is not a leak.
# Sets rc to the command's exit status (99: valgrind found errors).
memcheck() {
    log=$work/valgrind-$1.log
    shift
    rc=0
    valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --log-file="$log" "$@" 2>>"$work/stderr.txt" || rc=$?
    if [ "$rc" -eq 99 ] || ! grep -q "ERROR SUMMARY: 0 errors" "$log" ||
        grep -q "definitely lost: [1-9]" "$log"; then
        echo "valgrind-sample: memcheck errors in: $*" >&2
        cat "$log" >&2
        status=1
    fi
}

memcheck all "$tmexport" extract --stats "$sample" \
    -o "$work/s.tsv" -o "$work/s.tsv.gz" -o "$work/s.tmx" -o "$work/s.tmx.gz" \
    -o "$work/s.xlf" -o "xliff2:$work/s2.xlf" -o "moses:$work/s.gz" -o "$work/s.jsonl" \
    -o "$work/s.html"
[ "$rc" -eq 0 ] || { echo "valgrind-sample: export failed ($rc)" >&2; status=1; }
cmp "$work/s.tsv" "$source_dir/samples/expected/deepseek-bilingual.tsv" || status=1

memcheck utf16 "$tmexport" extract -q --tmx-encoding utf-16 --unit paragraph "$sample" \
    -o "$work/p16.tmx"
[ "$rc" -eq 0 ] || { echo "valgrind-sample: UTF-16 export failed ($rc)" >&2; status=1; }

gzip -c "$sample" >"$work/sample.txt.gz"
memcheck stdin "$tmexport" extract - -o tsv:- <"$work/sample.txt.gz" >"$work/stdout.tsv"
[ "$rc" -eq 0 ] || { echo "valgrind-sample: stdin export failed ($rc)" >&2; status=1; }

# A failing run frees what it had too.
printf 'Fine.\n\n\345\245\275\343\200\202\n\nbroken \377 here\n' >"$work/bad.txt"
memcheck failure "$tmexport" extract "$sample" "$work/bad.txt" -o "$work/f.tmx" -o "$work/f.tsv" \
    -o "moses:$work/f" -o "$work/f.html"
[ "$rc" -eq 1 ] || { echo "valgrind-sample: bad input gave $rc, not 1" >&2; status=1; }

cmp "$work/stdout.tsv" "$source_dir/samples/expected/deepseek-bilingual.tsv" || status=1

# Encoding detection: a Big5 article read by evidence, and a Big5 title too
# short to tell (an error).
memcheck big5 "$tmexport" extract -q \
    "$source_dir/samples/python-tutorial-appetite-zh-tw/article.big5.txt" -o "$work/b5.tsv"
[ "$rc" -eq 0 ] || { echo "valgrind-sample: Big5 export failed ($rc)" >&2; status=1; }
head -c 48 "$source_dir/samples/python-tutorial-appetite-zh-tw/article.big5.txt" >"$work/b5-title.txt"
memcheck weak "$tmexport" extract "$work/b5-title.txt" -o "$work/w.tsv"
[ "$rc" -eq 1 ] || { echo "valgrind-sample: weak evidence gave $rc, not 1" >&2; status=1; }
for log in "$work"/valgrind-*.log; do
    echo "$(basename "$log" .log): $(grep -E "ERROR SUMMARY|definitely lost|in use at exit" "$log" |
        sed 's/^==[0-9]*== *//' | tr '\n' ' ')"
done
exit $status
