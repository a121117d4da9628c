#!/usr/bin/env bash
# Throughput of `newslens analyze` on a generated corpus (default 50 MB), on one thread and on
# all cores, with peak memory. A benchmark, not a test: it prints figures and never fails on speed.
#
#   scripts/bench.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
dir=bench-corpus/${mb}mb
cargo build --release --quiet
if [ ! -d "$dir" ]; then
  python3 scripts/gen_corpus.py "$dir" --mb "$mb"
fi
bytes=$(find "$dir" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
words=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -w)
files=$(find "$dir" -name '*.md' | wc -l)
echo "corpus: $dir, $files files, $((bytes / 1000000)) MB, $words words, $(nproc) cores"
run() {
  local label=$1; shift
  # warm the page cache once, then time
  "$@" target/release/newslens analyze "$dir" --format json >/dev/null
  local t0 t1 secs
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/newslens-bench-mem "$@" target/release/newslens analyze "$dir" --format json >/dev/null
  t1=$(date +%s.%N)
  secs=$(echo "$t1 - $t0" | bc -l)
  printf '%-10s %6.2f s  %7.1f MB/s  %10.0f words/s  peak %5d MB\n' "$label" "$secs" \
    "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$words / $secs" | bc -l)" \
    "$(( $(cat /tmp/newslens-bench-mem) / 1024 ))"
}
run "1 thread" env RAYON_NUM_THREADS=1
run "all cores" env
