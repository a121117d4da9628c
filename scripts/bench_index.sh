#!/usr/bin/env bash
# The corpus index on a generated corpus (default 10,000 articles): full build (articles/s,
# MB/s), incremental update after touching and after changing one file, an update with
# nothing to do, index size, peak memory, and query latency (benches/index_queries.rs).
# A benchmark, not a test: it prints figures and never fails on speed.
#
#   scripts/bench_index.sh [ARTICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=bench-corpus/index-$n
cargo build --release --quiet
if [ ! -d "$dir" ]; then
  python3 scripts/gen_corpus.py "$dir" --articles "$n" --spread
fi
bytes=$(find "$dir" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $dir, $n articles, $((bytes / 1000000)) MB, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bin=target/release/newslens
timed() { # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/newslens-bench-index-mem "$@" 2>/tmp/newslens-bench-index-err >/dev/null
  t1=$(date +%s.%N)
  printf '%-28s %8.2f s  peak %5d MB  | %s\n' "$label" "$(echo "$t1 - $t0" | bc -l)" \
    "$(( $(cat /tmp/newslens-bench-index-mem) / 1024 ))" "$(tail -1 /tmp/newslens-bench-index-err)"
}
rm -rf "$dir/.newslens"
timed "full build" "$bin" index "$dir"
timed "nothing to do" "$bin" index "$dir"
first=$(find "$dir" -name '*.md' | sort | sed -n 1p)
touch "$first"
timed "one file touched" "$bin" index "$dir"
printf '\nOne more paragraph about Antonio Guterres in Geneva.\n' >> "$first"
timed "one file changed" "$bin" index "$dir"
echo "index size: $(du -cb "$dir"/.newslens/index.sqlite* | tail -1 | cut -f1 | awk '{printf "%.1f MB", $1/1e6}')"
NEWSLENS_BENCH_CORPUS="$dir" cargo bench --quiet --bench index_queries
