#!/usr/bin/env bash
# `kanbao search` against `rg -c` on the same files, in the same run, for a
# selective query (a person's name) and a common one (发展), over
#   - ../shared/corpus/real/pages (892 real pages, *.txt only), and
#   - the 10,000-file archive of `benches/archive.rs` (generated once into
#     /tmp/kanbao-bench-archive-N).
#
#   bash benches/search_vs_rg.sh [RUNS]     (default 10)
#
# Needs rg and hyperfine (apt-get install ripgrep hyperfine). Each pair is
# timed by hyperfine in one call, so both see the same machine load; the
# figure to read is the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
n=${KANBAO_BENCH_ISSUES:-10000}
archive=/tmp/kanbao-bench-archive-$n
pages=../shared/corpus/real/pages

cargo build --release --quiet
if [[ ! -d $archive ]]; then
    KANBAO_BENCH_GENERATE=$archive KANBAO_BENCH_ISSUES=$n cargo bench --quiet --bench archive
fi
bin=target/release/kanbao

# `--no-prefilter` is the path before the prefilter: every file parsed
# into one index.
compare() { # DIR QUERY GLOB
    local dir=$1 query=$2 glob=$3
    local hits
    hits=$(rg -c -g "$glob" "$query" "$dir" | wc -l)
    echo "== $dir: $query ($hits files of $(find "$dir" -name "$glob" | wc -l) hold it)"
    hyperfine --warmup 2 --runs "$runs" --style none --export-markdown /tmp/kanbao-vs-rg.md \
        "$bin search $query $dir > /dev/null" \
        "$bin search --no-prefilter $query $dir > /dev/null" \
        "rg -c -g '$glob' $query $dir > /dev/null"
    cat /tmp/kanbao-vs-rg.md
}

if [[ -d $pages ]]; then
    compare "$pages" 杜一菲 '*.txt'
    compare "$pages" 发展 '*.txt'
else
    echo "skipped: $pages is not there"
fi
compare "$archive" 刘卫东 '*.txt'
compare "$archive" 发展 '*.txt'
