#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# man-check.sh - the manual page renders and lists exactly the tool's options.
#
# Usage: man-check.sh TMEXPORT MANPAGE
#
# MANPAGE is the tmexport.1 the build made (tmexport man). Checks that groff
# reads it without a warning, that man -l renders it with every section, and,
# for every command in 'tmexport --help', that the options its --help lists
# are the options the page gives that command (its own section, or OPTIONS
# for the export commands, less those marked for other commands only), and
# the reverse. Exit status: 0 pass, 1 fail, 2 usage, 77 skipped (no man or
# groff).

set -eu

if [ $# -ne 2 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
tmexport=$1
page=$2
if ! command -v groff >/dev/null 2>&1 || ! command -v man >/dev/null 2>&1; then
    echo "SKIP: groff or man not installed (apt-get install groff man-db)"
    exit 77
fi

status=0
fail() {
    echo "FAIL: $*"
    status=1
}

warnings=$(groff -man -ww -z "$page" 2>&1) || fail "groff failed"
[ -z "$warnings" ] || fail "groff warns: $warnings"
rendered=$(MANWIDTH=100 man -l "$page" 2>&1) || fail "man -l failed"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS FORMATS PRESETS "EXIT STATUS" EXAMPLES; do
    grep -q "^$section\$" <<<"$rendered" || fail "the rendered page has no $section section"
done

# The options --help gives a command: its option lines (two spaces and a short
# option, or six spaces and a long one), long names only.
help_options() {
    "$tmexport" "$1" --help | sed -n -E 's/^(  -., |      )--([a-z0-9-]+).*/\2/p' | sort -u
}

# The options the page gives a command, read from its markup: a .TP entry is
# "\fB\-\-name\fR..." followed by its help, which ends "[a, b only]" when
# not every export command takes it.
page_options() {
    awk -v command="$1" '
        /^\.SH / { section = $2; subsec = "" }
        /^\.SS / { subsec = $0; gsub(/^\.SS "tmexport |"$/, "", subsec) }
        /^\.TP/ { getline tag; getline help
            if (index(tag, "\\fB\\-\\-") == 0) next
            name = tag; sub(/^.*\\fB\\-\\-/, "", name); sub(/\\fR.*$/, "", name)
            gsub(/\\-/, "-", name)
            mine = 0
            if (section == "COMMANDS" && subsec == command) mine = 1
            if (section == "OPTIONS" && export) {
                mine = 1
                if (match(help, /\[[a-z, ]+ only\]$/)) {
                    only = substr(help, RSTART + 1, RLENGTH - 7)
                    mine = index(", " only ", ", ", " command ", ") > 0
                }
            }
            if (mine) print name }
        /^Its options are under OPTIONS/ && subsec == command { export = 1 }
    ' "$page" | sort -u
}

commands=$("$tmexport" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ -n "$commands" ] || fail "tmexport --help lists no commands"
checked=0
for command in $commands; do
    want=$(help_options "$command")
    have=$(page_options "$command")
    if [ -z "$want" ]; then
        fail "$command --help lists no options"
        continue
    fi
    if [ "$want" != "$have" ]; then
        fail "$command: --help and the man page differ (< --help only, > man only):"
        diff <(echo "$want") <(echo "$have") | grep '^[<>]' || true
    fi
    grep -q "^   tmexport $command\$" <<<"$rendered" || fail "the page has no section for $command"
    checked=$((checked + $(wc -l <<<"$want")))
done
[ $status -eq 0 ] && echo "OK: $(wc -w <<<"$commands") commands, $checked options, the same in --help and the man page"
exit $status
