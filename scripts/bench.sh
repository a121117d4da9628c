#!/usr/bin/env bash
# Throughput of `newslens analyze` on a generated corpus (default 50 MB), on one thread and on
# all cores, with peak memory. A benchmark, not a test: it prints figures and never fails on speed.
#
#   scripts/bench.sh [MB]        (RUNS=N for N timed runs per figure, default 5; median shown)
#   BIN=path/to/newslens scripts/bench.sh [MB]   times that binary instead of a fresh build
#                                                (to compare two builds on the same corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
dir=bench-corpus/${mb}mb
bin=${BIN:-target/release/newslens}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
fi
if [ ! -d "$dir" ]; then
  python3 scripts/gen_corpus.py "$dir" --mb "$mb"
fi
bytes=$(find "$dir" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
words=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -w)
files=$(find "$dir" -name '*.md' | wc -l)
echo "corpus: $dir, $files files, $((bytes / 1000000)) MB, $words words, $(nproc) cores"
runs=${RUNS:-5}
echo "median of $runs runs (spread = slowest vs fastest run, relative to the median)"
run() {
  local label=$1; shift
  # warm the page cache once, then time each run
  "$@" "$bin" analyze "$dir" --format json >/dev/null
  local t0 t1 secs=() mem=0 m
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o /tmp/newslens-bench-mem "$@" "$bin" analyze "$dir" --format json >/dev/null
    t1=$(date +%s.%N)
    secs+=("$(echo "$t1 - $t0" | bc -l)")
    m=$(cat /tmp/newslens-bench-mem)
    if [ "$m" -gt "$mem" ]; then mem=$m; fi
  done
  local sorted med lo hi
  sorted=$(printf '%s\n' "${secs[@]}" | sort -g)
  med=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  lo=$(echo "$sorted" | head -1)
  hi=$(echo "$sorted" | tail -1)
  printf '%-10s %6.2f s  %7.1f MB/s  %10.0f words/s  peak %5d MB  (runs %.2f-%.2f s, spread %.0f%%)\n' \
    "$label" "$med" "$(echo "$bytes / 1000000 / $med" | bc -l)" "$(echo "$words / $med" | bc -l)" \
    "$(( mem / 1024 ))" "$lo" "$hi" "$(echo "($hi - $lo) * 100 / $med" | bc -l)"
}
run "1 thread" env RAYON_NUM_THREADS=1
run "all cores" env
