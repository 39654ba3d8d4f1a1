#!/usr/bin/env bash
# `kanbao search` over a folder of 10,000 issue files, against `rg -c` on
# the same files, timed with hyperfine in the same run.
#
#   bash benches/search_cli.sh [N_FILES] [QUERY]    (default 10000 民生)
#
# The files are generated in /tmp from the UTF-8 fixtures, digits rotated
# per file so that no two are the same. Needs rg and hyperfine
# (apt-get install ripgrep hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."

n=${1:-10000}
query=${2:-民生}
dir=/tmp/kanbao-archive-$n
if [[ ! -d $dir ]]; then
    mkdir -p "$dir"
    digits=0123456789
    fixtures=(tests/fixtures/000_0c3d2c04bd8aa6d3.txt tests/fixtures/paper-a-fullwidth.txt)
    for ((i = 0; i < n; i++)); do
        r=$((i % 10))
        to="${digits:$r}${digits:0:$r}"
        sub="$dir/$((i % 100))"
        mkdir -p "$sub"
        tr '0-9' "$to" <"${fixtures[$((i % 2))]}" >"$sub/issue-$i.txt"
    done
fi
cargo build --release --quiet
du -sh "$dir"
hyperfine --warmup 1 --runs 5 \
    "target/release/kanbao search $query $dir > /dev/null" \
    "rg -c $query $dir > /dev/null"
