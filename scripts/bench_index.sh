#!/usr/bin/env bash
# The corpus index on a generated corpus (default 10,000 articles): full build (articles/s,
# MB/s), incremental update after touching and after changing one file, an update with
# nothing to do, index size, peak memory, query latency (benches/index_queries.rs), the
# list filter as the reader meets it (benches/list_filter.rs), the
# corpus report, the corpus screen's counts (benches/corpus_view.rs), and the
# reader on the warm index: first frame (the real binary in tmux, timed by the binary
# itself through NEWSLENS_FIRST_FRAME_LOG) and its peak resident memory after opening
# articles. A benchmark, not a test: it prints figures and never fails on speed.
#
#   scripts/bench_index.sh [ARTICLES]      (RUNS=5 first-frame runs by default)
#   scripts/bench_index.sh --replicate K   (an index of K times the 10,000-article one; below)
#
# --replicate K stands in for a build of K x 10,000 articles (hours on a small machine): it
# makes bench-corpus/index-10000xK with the 10,000 files of bench-corpus/index-10000 hard
# linked K times (c0/ ... under new ids) and copies their index rows K times in SQL; the
# full-text table keeps no text to copy, so examples/fill_bodies.rs gives each copy its row
# from its file (as `newslens index` would); then `newslens index` finds every file
# unchanged and counts the co-occurrence table and the counts by month; then the figures
# below, the full build excepted (touching or changing "one file" there changes its K hard
# links).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/newslens
if [ "${1:-}" = "--replicate" ]; then
  k=${2:?--replicate takes a count}
  src=bench-corpus/index-10000
  [ -f "$src/.newslens/index.sqlite" ] || { echo "run scripts/bench_index.sh 10000 first"; exit 2; }
  dir=bench-corpus/index-10000x$k
  rm -rf "$dir"
  mkdir -p "$dir/.newslens"
  for c in $(seq 0 $((k - 1))); do
    mkdir "$dir/c$c"
    cp -al "$src"/batch* "$dir/c$c/"
  done
  "$bin" index "$src" >/dev/null 2>&1 # up to date, WAL folded in
  cp "$src/.newslens/index.sqlite" "$dir/.newslens/index.sqlite"
  python3 - "$dir/.newslens/index.sqlite" "$k" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); k = int(sys.argv[2])
off = 1 + c.execute("SELECT max(rowid) FROM articles").fetchone()[0]
c.execute("BEGIN")
for n in range(1, k):
    c.execute(f"""INSERT INTO articles(rowid, id, path, size, mtime_ns, body_hash, fingerprint,
        title, source, date, month, folder, tags, body_bytes, sections)
        SELECT rowid + {n * off}, 'c{n}/' || id, 'c{n}/' || path, size, mtime_ns, body_hash,
        fingerprint, title, source, date, month, 'c{n}/' || folder, tags, body_bytes, sections
        FROM articles WHERE rowid < {off}""")
    for t in ["actors", "mentions", "themes", "tensions", "tension_sides"]:
        cols = [r[1] for r in c.execute(f"PRAGMA table_info({t})")]
        names = ", ".join(f'"{x}"' for x in cols)
        values = ", ".join(f"article + {n * off}" if x == "article" else f'"{x}"' for x in cols)
        c.execute(f"INSERT INTO {t}({names}) SELECT {values} FROM {t} WHERE article < {off}")
c.execute(f"UPDATE articles SET id = 'c0/' || id, path = 'c0/' || path, folder = 'c0/' || folder WHERE rowid < {off}")
c.execute(f"UPDATE corpus_actors SET articles = articles * {k}, mentions = mentions * {k}")
c.execute("DELETE FROM pairs")
c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('pairs_stale', '1')")
c.execute("COMMIT")
PY
  cargo run --release --quiet --example fill_bodies -- "$dir"
  n=$((10000 * k))
  t0=$(date +%s.%N)
  "$bin" index "$dir" >/dev/null
  echo "replicated index of $n articles; counting its pairs and counts by month took $(echo "$(date +%s.%N) - $t0" | bc -l | cut -c1-5) s"
else
  n=${1:-10000}
  dir=bench-corpus/index-$n
  if [ ! -d "$dir" ]; then
    python3 scripts/gen_corpus.py "$dir" --articles "$n" --spread
  fi
fi
bytes=$(find "$dir" -name '*.md' -print0 | du -cbl --files0-from=- | tail -1 | cut -f1)
echo "corpus: $dir, $n articles, $((bytes / 1000000)) MB, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
timed() { # label, command...
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M" -o /tmp/newslens-bench-index-mem "$@" 2>/tmp/newslens-bench-index-err >/dev/null
  t1=$(date +%s.%N)
  printf '%-28s %8.2f s  peak %5d MB  | %s\n' "$label" "$(echo "$t1 - $t0" | bc -l)" \
    "$(( $(cat /tmp/newslens-bench-index-mem) / 1024 ))" "$(tail -1 /tmp/newslens-bench-index-err)"
}
if [ "${1:-}" != "--replicate" ]; then
  rm -rf "$dir/.newslens"
  t0=$(date +%s.%N)
  timed "full build" "$bin" index "$dir"
  t1=$(date +%s.%N)
  echo "$n $bytes $t0 $t1" | awk '{s=$4-$3; printf "full build throughput: %.0f articles/s, %.1f MB/s\n", $1/s, $2/1e6/s}'
fi
timed "nothing to do" "$bin" index "$dir"
first=$(find "$dir" -name '*.md' | sort | sed -n 1p)
touch "$first"
timed "one file touched" "$bin" index "$dir"
printf '\nOne more paragraph about Antonio Guterres in Geneva.\n' >> "$first"
timed "one file changed" "$bin" index "$dir"
echo "index size: $(du -cb "$dir"/.newslens/index.sqlite* | tail -1 | cut -f1 | awk '{printf "%.1f MB", $1/1e6}')"
NEWSLENS_BENCH_CORPUS="$dir" cargo bench --quiet --bench index_queries
# The list filter as the reader meets it: the key's time on the event loop, first rows, all.
NEWSLENS_BENCH_CORPUS="$dir" NEWSLENS_BENCH_RUNS=${RUNS_LIST:-20} cargo bench --quiet --bench list_filter
timed "corpus report (text)" "$bin" corpus "$dir"
NEWSLENS_BENCH_CORPUS="$dir" NEWSLENS_BENCH_RUNS=${RUNS_VIEW:-20} cargo bench --quiet --bench corpus_view

# The reader on the warm index, in tmux (own socket), 100x30.
command -v tmux >/dev/null || { echo "tmux missing: no reader figures"; exit 0; }
sock=newslens-bench-$$
log=$(mktemp)
runs=${RUNS:-5}
for _ in $(seq "$runs"); do
  before=$(wc -l < "$log")
  tmux -L "$sock" new-session -d -x 100 -y 30 \
    "exec env NEWSLENS_FIRST_FRAME_LOG=$log $bin $dir"
  for _ in $(seq 200); do
    [ "$(wc -l < "$log")" -gt "$before" ] && break
    sleep 0.05
  done
  tmux -L "$sock" send-keys q
  sleep 0.3
  tmux -L "$sock" kill-server 2>/dev/null || true
done
sort -n "$log" | awk '{v[NR]=$1} END {if (NR) printf "first frame, warm index: median %.1f ms, min %.1f, max %.1f (%d runs)\n", v[int((NR+1)/2)], v[1], v[NR], NR}'
rm -f "$log"

# Peak memory of the reader: start, wait for the background update, open 40 articles.
tmux -L "$sock" new-session -d -x 100 -y 30 "exec $bin $dir"
pid=$(tmux -L "$sock" display -p '#{pane_pid}')
for _ in $(seq 600); do
  tmux -L "$sock" capture-pane -p | grep -q "index up to date\|index updated\|only reads" && break
  sleep 0.5
done
for _ in $(seq 40); do tmux -L "$sock" send-keys J; sleep 0.05; done
sleep 1
echo "reader peak RSS after the background update and 40 articles opened: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/"$pid"/status)"
tmux -L "$sock" send-keys q
sleep 0.3
tmux -L "$sock" kill-server 2>/dev/null || true
