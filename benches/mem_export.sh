#!/usr/bin/env bash
# Peak memory of `kanbao export` on a ~100 MB issue file.
#
#   bash benches/mem_export.sh [SIZE_MB]    (default 100)
#
# Builds the file in /tmp from the UTF-8 fixtures (digits rotated per copy so
# copies differ), builds kanbao in release, and reports the maximum resident
# set size from /usr/bin/time -v, and its ratio to the file size.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-100}
big=/tmp/kanbao-big-${size_mb}MB.txt
chunk=$(mktemp /tmp/kanbao-chunk.XXXXXX)
trap 'rm -f "$chunk"' EXIT

if [[ ! -s $big ]]; then
    # ~1 MB chunk: the two UTF-8 fixtures with digits rotated, 70 times over.
    digits=0123456789
    for i in $(seq 0 69); do
        r=$((i % 10))
        to="${digits:$r}${digits:0:$r}"
        for f in tests/fixtures/000_0c3d2c04bd8aa6d3.txt tests/fixtures/paper-a-fullwidth.txt; do
            tr '0-9' "$to" <"$f"
            printf '\n\n'
        done
    done >"$chunk"
    : >"$big"
    while (($(stat -c %s "$big") < size_mb * 1000 * 1000)); do
        cat "$chunk" >>"$big"
    done
fi

cargo build --release --quiet
if [[ ! -x /usr/bin/time ]]; then
    echo "needs /usr/bin/time (apt-get install -y time)" >&2
    exit 1
fi
bytes=$(stat -c %s "$big")
log=$(mktemp /tmp/kanbao-time.XXXXXX)
/usr/bin/time -v target/release/kanbao export "$big" >/dev/null 2>"$log"
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$log")
wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$log")
rm -f "$log"
awk -v b="$bytes" -v r="$rss_kb" -v w="$wall" 'BEGIN {
    printf "file: %.1f MB\nmax RSS: %.1f MB\nratio: %.2f x file size\nwall: %s\n",
        b / 1e6, r * 1024 / 1e6, r * 1024 / b, w
}'
