#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# completion-check.sh - the bash completion script completes what the tool has.
#
# Usage: completion-check.sh TMEXPORT SCRIPT WORKDIR
#
# SCRIPT is the tmexport.bash the build made (tmexport completion bash). It is
# sourced into this bash and _tmexport is called with the words bash would
# pass (COMP_WORDBREAKS splits "--opt=value" and "tmx:path"): the commands
# are those of 'tmexport --help'; each command's options (after "--") are
# exactly those of its --help; presets, readers, writers and choices
# complete; values that cannot be guessed get nothing; inputs and paths get
# files. Exit status: 0 pass, 1 fail, 2 usage.

set -u

if [ $# -ne 3 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
tmexport=$1
script=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
touch article.txt another.txt out.tmx

# shellcheck disable=SC1090
. "$script" || {
    echo "FAIL: $script does not source"
    exit 1
}
complete -p tmexport >/dev/null 2>&1 || {
    echo "FAIL: $script registers no completion for tmexport"
    exit 1
}

status=0
checks=0
# complete WORD... : the completions of the last word, sorted, one a line.
complete_words() {
    COMP_WORDS=(tmexport "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _tmexport
    printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}
expect() { # "WANT (space-separated)" WORD...
    local want=$1
    shift
    local got
    got=$(complete_words "$@" | tr '\n' ' ' | sed 's/ $//')
    want=$(tr ' ' '\n' <<<"$want" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
    checks=$((checks + 1))
    if [ "$got" != "$want" ]; then
        echo "FAIL: tmexport $* <TAB>: got '$got', want '$want'"
        status=1
    fi
}

commands=$("$tmexport" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p' | tr '\n' ' ')
expect "$commands" ""
expect "extract" "ex"
for command in $commands; do
    long=$("$tmexport" "$command" --help | sed -n -E 's/^(  -., |      )(--[a-z0-9-]+).*/\2/p' | tr '\n' ' ')
    short=$("$tmexport" "$command" --help | sed -n -E 's/^  (-.), --.*/\1/p' | tr '\n' ' ')
    expect "$long" "$command" "--"
    expect "$long $short" "$command" "-"
done

presets=$("$tmexport" extract --help | sed -n '/^Presets/,/^$/s/^  \([a-z]*\) .*/\1/p' | tr '\n' ' ')
writers=$("$tmexport" extract --help | sed -n '/^Writers/,/^Readers/s/^  \([a-z0-9]*\) .*/\1/p' | tr '\n' ' ')
readers=$("$tmexport" extract --help | sed -n '/^Readers/,/^Presets/s/^  \([a-z0-9-]*\) .*/\1/p' | tr '\n' ' ')
[ -n "$presets" ] && [ -n "$writers" ] && [ -n "$readers" ] || {
    echo "FAIL: extract --help lists no presets, writers or readers"
    exit 1
}
expect "$presets" extract --preset ""
expect "$(tr ' ' '\n' <<<"$presets" | grep '^m' | tr '\n' ' ')" extract --preset = m
expect "$readers auto" extract --input-format ""
expect "sentence paragraph" extract --unit ""
expect "sentence paragraph" align --unit = ""
expect "utf-8 utf-16" extract --tmx-encoding ""
expect "en zh" segment --lang ""
expect "keep remove add" normalize --cjk-space ""
# -o: a writer and a colon, or a file; after FORMAT: a file.
expect "$(for w in $writers; do printf '%s: ' "$w"; done) another.txt article.txt out.tmx" extract -o ""
expect "$(for w in $writers; do [[ $w == t* ]] && printf '%s: ' "$w"; done)" extract -o t
expect "out.tmx" extract -o tmx : o
expect "another.txt article.txt out.tmx" extract --output tmx : ""
# Values nobody can guess: nothing, not file names.
expect "" extract --jobs ""
expect "" extract --src-lang ""
expect "" align --split-size ""
# An optional value is only the option's with '=': after a space, an input.
expect "pair source no" extract --dedup = ""
expect "another.txt article.txt" extract --dedup a
expect "another.txt article.txt" extract --unit sentence a
expect "another.txt article.txt" extract a

[ $status -eq 0 ] && echo "OK: $checks completions as the tool's --help says"
exit $status
