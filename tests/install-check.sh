#!/bin/sh
# SPDX-License-Identifier: MIT
# The installed library, as a user gets it (issue 11): `cmake --install` into
# a staging DESTDIR; examples/export.c built against it with pkg-config
# (shared, and static with --static) and with CMake's find_package; their
# outputs byte for byte those of `tmexport extract`; examples/stream_pairs.c
# writes a valid TMX holding every pair; the shared library has SONAME
# libtmexport.so.0 and exports only tme_ functions declared in tmexport.h.
# Usage: install-check.sh BUILD_DIR SOURCE_DIR WORK_DIR
set -eu
build=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
stage=$work/stage
DESTDIR=$stage cmake --install "$build" --prefix /usr/local >/dev/null
prefix=$stage/usr/local
pc=$(find "$prefix" -name tmexport.pc)
libdir=$(dirname "$(dirname "$pc")")
header=$prefix/include/tmexport.h
test -f "$header"
test -f "$libdir/libtmexport.a"
fail() {
    echo "install-check: $*" >&2
    exit 1
}

# 1. pkg-config, shared and static.
export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$stage"
cflags="-std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L"
# shellcheck disable=SC2046,SC2086
cc $cflags "$src/examples/export.c" -o "$work/export-pc" $(pkg-config --cflags --libs tmexport)
# shellcheck disable=SC2046,SC2086
cc $cflags "$src/examples/export.c" -o "$work/export-static" -static-libgcc \
    $(pkg-config --cflags tmexport) "$libdir/libtmexport.a" \
    $(pkg-config --static --libs-only-l tmexport | sed 's/-ltmexport//')
# 2. CMake's find_package.
cmake -S "$src/examples" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null

# 3. The same bytes as the tool, through the same calls.
export SOURCE_DATE_EPOCH=1700000000 LD_LIBRARY_PATH="$libdir"
sample=$src/samples/deepseek-bilingual.txt
"$build/tmexport" extract -q "$sample" -o "$work/tool.tmx" -o "$work/tool.tsv" -o "$work/tool.xlf"
for exe in "$work/export-pc" "$work/export-static" "$work/cmake/export"; do
    "$exe" "$sample" -o "$work/lib.tmx" -o "$work/lib.tsv" -o "$work/lib.xlf" 2>/dev/null
    for e in tmx tsv xlf; do
        cmp "$work/tool.$e" "$work/lib.$e" || fail "$exe: $e differs from tmexport extract"
    done
done
for exe in "$work/export-pc" "$work/cmake/export"; do
    ldd "$exe" | grep -q "$libdir/libtmexport.so.0" || fail "$exe does not use the installed library"
done
"$build/tmexport" extract -q --unit paragraph --tmx-encoding utf-16 --src-lang zh-CN \
    --tgt-lang en "$sample" -o "$work/tool2.tmx"
"$work/cmake/export" unit=paragraph tmx-encoding=utf-16 src-lang=zh-CN tgt-lang=en "$sample" \
    -o "$work/lib2.tmx" 2>/dev/null
cmp "$work/tool2.tmx" "$work/lib2.tmx" || fail "options: TMX differs from tmexport extract"

# 4. A program's own pairs into a valid TMX, every pair in it.
gold=$src/samples/deepseek-bilingual.gold.tsv
"$work/cmake/stream_pairs" "$work/pairs.tmx" <"$gold" 2>/dev/null
cp "$src/schemas/tmx14.dtd" "$work/" # the DOCTYPE names it beside the file
xmllint --noout --nonet --dtdvalid "$src/schemas/tmx14.dtd" "$work/pairs.tmx"
[ "$(grep -c '<tu ' "$work/pairs.tmx")" = "$(wc -l <"$gold")" ] || fail "stream_pairs lost pairs"

# 5. SONAME and the exported symbols.
so=$libdir/libtmexport.so.0
readelf -d "$so" | grep -q 'SONAME.*\[libtmexport\.so\.0\]' || fail "SONAME is not libtmexport.so.0"
nm -D --defined-only "$so" | awk '{print $NF}' | sort >"$work/exported"
[ -s "$work/exported" ] || fail "no symbols exported"
while read -r symbol; do
    case $symbol in
    tme_*) ;;
    *) fail "exports $symbol, which is not a tme_ symbol" ;;
    esac
    grep -q "TME_EXPORT.*[ *]$symbol(" "$header" || fail "exports $symbol, not declared in tmexport.h"
done <"$work/exported"
# ... and everything the header declares is there.
grep -o '^TME_EXPORT [^(]*(' "$header" | sed 's/.*[ *]\(tme_[a-z0-9_]*\)($/\1/' | sort >"$work/declared"
missing=$(comm -23 "$work/declared" "$work/exported")
[ -z "$missing" ] || fail "declared but not exported: $missing"
# The manual page and the completion script, where man and bash-completion
# look, and the same as the installed tool makes.
"$prefix/bin/tmexport" man >"$work/tmexport.1"
"$prefix/bin/tmexport" completion bash >"$work/tmexport.bash"
cmp "$prefix/share/man/man1/tmexport.1" "$work/tmexport.1" ||
    fail "share/man/man1/tmexport.1 is not the installed tool's page"
cmp "$prefix/share/bash-completion/completions/tmexport" "$work/tmexport.bash" ||
    fail "share/bash-completion/completions/tmexport is not the installed tool's script"
echo "install-check: $(wc -l <"$work/exported") symbols exported, all declared; examples match the tool; man page and completion installed"
