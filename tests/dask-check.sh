#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# dask-check.sh - a real Dask cluster on loopback runs an export that equals one run.
#
# Usage: dask-check.sh TMEXPORT WORKDIR
#
# Starts dask-scheduler on 127.0.0.1 and two dask-worker processes (one
# thread each), runs contrib/dask/tmexport-dask over the articles of
# samples/ (every one six times, under different names, in 7 chunks) with --dedup and a filter, and checks that its TMX, TSV and JSONL
# equal, byte for byte, what one `tmexport extract -j 1` run writes with the
# same options and creation date; then that a failing input makes it exit
# non-zero with no output written. Exit status: 0 pass, 1 fail, 2 usage, 77
# skipped (python3-distributed missing: apt-get install python3-distributed).

set -u

if [ $# -ne 2 ]; then
    sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
tmexport=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$2
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
python=/usr/bin/python3
if ! [ -x /usr/bin/dask-scheduler ] || ! "$python" -c 'import distributed' 2>/dev/null; then
    echo "SKIP: python3-distributed is not installed (apt-get install python3-distributed)"
    exit 77
fi

rm -rf "$work"
mkdir -p "$work/articles"
work=$(cd "$work" && pwd)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
}
trap cleanup EXIT

# The cluster: a scheduler on a free loopback port, two single-thread workers.
export DASK_DISTRIBUTED__WORKER__DAEMON=False
/usr/bin/dask-scheduler --host 127.0.0.1 --port 0 --no-dashboard \
    --scheduler-file "$work/scheduler.json" >"$work/scheduler.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/scheduler.json" ] && break; sleep 0.2; done
[ -s "$work/scheduler.json" ] || { echo "FAIL: the scheduler did not start"; cat "$work/scheduler.log"; exit 1; }
for k in 1 2; do
    /usr/bin/dask-worker --scheduler-file "$work/scheduler.json" --nthreads 1 --nworkers 1 \
        --no-dashboard --local-directory "$work/worker$k" >"$work/worker$k.log" 2>&1 &
    pids+=($!)
done
if ! "$python" - "$work/scheduler.json" <<'EOF'; then
import sys, time
from distributed import Client
client = Client(scheduler_file=sys.argv[1], timeout=30)
client.wait_for_workers(2, timeout=60)
client.close()
EOF
    echo "FAIL: the workers did not join"
    cat "$work"/worker*.log
    exit 1
fi

# The inputs: every sample article six times, each copy under its own name.
: >"$work/inputs.list"
for copy in 1 2 3 4 5 6; do
    for article in "$root/samples/deepseek-bilingual.txt" "$root"/samples/*/article.txt; do
        name=$(basename "$(dirname "$article")")-$copy.txt
        [ "$article" = "$root/samples/deepseek-bilingual.txt" ] && name=deepseek-$copy.txt
        cp "$article" "$work/articles/$name"
        echo "articles/$name" >>"$work/inputs.list"
    done
done
inputs=$(wc -l <"$work/inputs.list")

status=0
cd "$work" || exit 1
options=(--dedup --filter=length --creation-time=1733011200)
if ! "$tmexport" extract -q -j 1 "${options[@]}" @inputs.list -o single.tmx -o single.tsv \
    -o single.jsonl 2>single.log; then
    echo "FAIL: the single run failed: $(head -3 single.log)"
    exit 1
fi
if ! "$python" "$root/contrib/dask/tmexport-dask" --scheduler-file scheduler.json \
    --workdir shards --chunks 7 --tmexport "$tmexport" @inputs.list \
    -o dask.tmx -o dask.tsv -o dask.jsonl -- "${options[@]}" 2>dask.log; then
    echo "FAIL: tmexport-dask failed: see $work/dask.log"
    cat dask.log
    exit 1
fi
shards=$(ls shards/shard-*.tmx.gz | wc -l)
[ "$shards" -eq 7 ] || { echo "FAIL: $shards shards, want 7"; status=1; }
# The shards ran on both workers.
grep -q "7 shards on 2 workers" dask.log || { echo "FAIL: not on both workers: $(cat dask.log)"; status=1; }
for ext in tmx tsv jsonl; do
    if ! cmp -s single.$ext dask.$ext; then
        echo "FAIL: dask.$ext differs from the single run's"
        diff single.$ext dask.$ext | head -5
        status=1
    fi
done
units=$(wc -l <single.tsv)
[ "$units" -gt 100 ] || { echo "FAIL: only $units units"; status=1; }

# A broken input: a non-zero exit, and the outputs are not written.
printf '\377\376\000\330' >articles/broken.txt
cp inputs.list broken.list
echo articles/broken.txt >>broken.list
rm -f broken.tmx
if "$python" "$root/contrib/dask/tmexport-dask" --scheduler-file scheduler.json \
    --workdir shards-broken --chunks 3 --tmexport "$tmexport" @broken.list -o broken.tmx \
    2>broken.log; then
    echo "FAIL: a broken input was not an error"
    status=1
fi
[ -e broken.tmx ] && { echo "FAIL: broken.tmx was written"; status=1; }
grep -q "broken.txt" broken.log || { echo "FAIL: the error does not name the input"; status=1; }

[ $status -eq 0 ] && echo "OK: $inputs inputs, $shards shards on 2 workers: TMX, TSV and JSONL ($units units) equal the single run"
exit $status
