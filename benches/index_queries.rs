//! Query latency on an existing corpus index: median and 99th percentile of a free-text
//! query, an `actor:` query, combined queries (each as `newslens search` runs it, the first
//! 50 with details and the total; apart, its first page and its count; the search with
//! its total counted up to 1,000, as the command does by default; and as the
//! reader's list filter does, every match in any order) and
//! the co-occurrence of one actor, with the thread's CPU time beside the wall clock (on a
//! shared machine the two differ). A benchmark, not a test: it prints figures and never
//! fails on speed.
//!
//!   NEWSLENS_BENCH_CORPUS=bench-corpus/index-10000 cargo bench --bench index_queries
//!
//! (scripts/bench_index.sh builds the corpus and its index first.)

use newslens::index::Index;
use newslens::index::search::Counting;
use newslens::query;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Time this thread has run on a CPU (Linux; zero elsewhere): on a loaded machine the wall
/// clock also counts the time other processes had the cores, this does not.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

fn median_ms(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// What [`timed`] measured: the last answer's size, the wall clock's median and 99th
/// percentile, and the median CPU time of the thread.
struct Timing {
    n: usize,
    median: f64,
    p99: f64,
    cpu: f64,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>7} hits  median {:7.2} ms  p99 {:7.2} ms  cpu {:6.2} ms",
            self.n, self.median, self.p99, self.cpu
        )
    }
}

/// Run `work` `runs` times (it returns how many results it found) and time each run.
fn timed(runs: usize, mut work: impl FnMut() -> usize) -> Timing {
    let mut times = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    let mut n = 0;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_time());
        n = work();
        times.push(t.elapsed());
        cpu.push(cpu_time() - c);
    }
    let (median, p99) = stats(times);
    Timing {
        n,
        median,
        p99,
        cpu: median_ms(cpu),
    }
}

fn stats(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    let p99 = ms(times[(times.len() * 99 / 100).min(times.len() - 1)]);
    (median, p99)
}

fn main() {
    let Some(root) = std::env::var_os("NEWSLENS_BENCH_CORPUS").map(PathBuf::from) else {
        eprintln!(
            "set NEWSLENS_BENCH_CORPUS to an indexed corpus folder (see scripts/bench_index.sh)"
        );
        return;
    };
    let index = match Index::open(&root) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let runs: usize = std::env::var("NEWSLENS_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(100);
    println!(
        "index {} ({} articles, {:.1} MB), {runs} runs each",
        index.path().display(),
        index.article_count().unwrap_or(0),
        index.disk_bytes() as f64 / 1e6
    );
    let top = index
        .corpus_actors(40)
        .ok()
        .and_then(|a| a.into_iter().nth(30))
        .map(|a| a.key)
        .unwrap_or_default();
    for text in [
        "ceasefire",
        "\"peace talks\" sanctions",
        "actor:guterres",
        "actor:guterres -source:delta date:2025-01..2025-06",
        "theme:energy tension:russia/ukraine",
        "tension:protesters",
        "kind:person date:2025-01..2025-06 -theme:sport",
        "government",
    ] {
        let q = query::parse(text).expect("benchmark queries parse");
        let t = timed(runs, || index.search(&q, 50).map(|r| r.total).unwrap_or(0));
        println!("search {text:<55} {t}");
        // Its two halves: the first page of ranked hits, and the count of all.
        let t = timed(runs, || {
            index.matching_page(&q, 50).map(|r| r.len()).unwrap_or(0)
        });
        println!("  {:<61} {t}", "first 50");
        let t = timed(runs, || index.count(&q).unwrap_or(0));
        println!("  {:<61} {t}", "count");
        // What `newslens search` counts by default: up to 1,000.
        let t = timed(runs, || {
            index
                .search_counted(&q, 50, Counting::UpTo(1000))
                .map(|r| r.total)
                .unwrap_or(0)
        });
        println!("  {:<61} {t}", "search, counted up to 1,000");
        // What the reader's list filter runs: every match, in any order (it sorts itself).
        let t = timed(runs, || {
            index.matching_any_order(&q).map(|r| r.len()).unwrap_or(0)
        });
        println!("  {:<61} {t}", "list filter");
    }
    let t = timed(runs, || {
        index.cooccurrence(&top, 20).map(|p| p.len()).unwrap_or(0)
    });
    println!(
        "co-occurrence of {top:<43} {:>7} pairs median {:7.2} ms  p99 {:7.2} ms",
        t.n, t.median, t.p99
    );
    let t = Instant::now();
    let ok = index.report(20).is_ok();
    println!(
        "corpus report (top 20)                                          {} {:7.0} ms",
        if ok { "ok" } else { "failed" },
        t.elapsed().as_secs_f64() * 1000.0
    );
}
