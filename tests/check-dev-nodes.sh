#!/bin/sh
# SPDX-License-Identifier: MIT
# The system's /dev/full and /dev/null must still be character devices
# (1,7 and 1,3) after the suite: a test or a run of the tool that renamed a
# file over one of them would break every later run on the machine.
status=0
for node in /dev/full:1,7 /dev/null:1,3; do
    path=${node%%:*}
    want=${node#*:}
    if [ ! -c "$path" ]; then
        echo "$path is no longer a character device:" >&2
        ls -l "$path" >&2
        status=1
        continue
    fi
    got=$(stat -c '%t,%T' "$path")
    major=$(printf '%d' "0x${got%,*}")
    minor=$(printf '%d' "0x${got#*,}")
    if [ "$major,$minor" != "$want" ]; then
        echo "$path is device $major,$minor, not $want" >&2
        status=1
    fi
done
[ $status -eq 0 ] && echo "/dev/full and /dev/null are intact"
exit $status
