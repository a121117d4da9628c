//! Query latency on an existing corpus index: median and 99th percentile of a free-text
//! query, an `actor:` query, combined queries (each as `newslens search` runs it, the first
//! 50 with details and the total; apart, its first page and its count; and as the
//! reader's list filter does, every match in any order) and
//! the co-occurrence of one actor, with the thread's CPU time beside the wall clock (on a
//! shared machine the two differ). A benchmark, not a test: it prints figures and never
//! fails on speed.
//!
//!   NEWSLENS_BENCH_CORPUS=bench-corpus/index-10000 cargo bench --bench index_queries
//!
//! (scripts/bench_index.sh builds the corpus and its index first.)

use newslens::index::Index;
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
        let mut times = Vec::with_capacity(runs);
        let mut cpu = Vec::with_capacity(runs);
        let mut total = 0;
        for _ in 0..runs {
            let (t, c) = (Instant::now(), cpu_time());
            total = index.search(&q, 50).map(|r| r.total).unwrap_or(0);
            times.push(t.elapsed());
            cpu.push(cpu_time() - c);
        }
        let cpu_ms = median_ms(cpu);
        let (median, p99) = stats(times);
        println!(
            "search {text:<55} {total:>7} hits  median {median:7.2} ms  p99 {p99:7.2} ms  cpu {cpu_ms:6.2} ms"
        );
        // Its two halves: the first page of ranked hits, and the count of all.
        for (what, page) in [("first 50", true), ("count", false)] {
            let mut times = Vec::with_capacity(runs);
            let mut cpu = Vec::with_capacity(runs);
            let mut n = 0;
            for _ in 0..runs {
                let (t, c) = (Instant::now(), cpu_time());
                n = if page {
                    index.matching_page(&q, 50).map(|r| r.len()).unwrap_or(0)
                } else {
                    index.count(&q).unwrap_or(0)
                };
                times.push(t.elapsed());
                cpu.push(cpu_time() - c);
            }
            let cpu_ms = median_ms(cpu);
            let (median, p99) = stats(times);
            println!(
                "  {what:<61} {n:>7} hits  median {median:7.2} ms  p99 {p99:7.2} ms  cpu {cpu_ms:6.2} ms"
            );
        }
        // What the reader's list filter runs: every match, in any order (it sorts itself).
        let mut times = Vec::with_capacity(runs);
        let mut cpu = Vec::with_capacity(runs);
        for _ in 0..runs {
            let (t, c) = (Instant::now(), cpu_time());
            total = index.matching_any_order(&q).map(|r| r.len()).unwrap_or(0);
            times.push(t.elapsed());
            cpu.push(cpu_time() - c);
        }
        let cpu_ms = median_ms(cpu);
        let (median, p99) = stats(times);
        println!(
            "  list filter {:<49} {total:>7} hits  median {median:7.2} ms  p99 {p99:7.2} ms  cpu {cpu_ms:6.2} ms",
            ""
        );
    }
    let mut times = Vec::with_capacity(runs);
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        n = index.cooccurrence(&top, 20).map(|p| p.len()).unwrap_or(0);
        times.push(t.elapsed());
    }
    let (median, p99) = stats(times);
    println!("co-occurrence of {top:<43} {n:>7} pairs median {median:7.2} ms  p99 {p99:7.2} ms");
    let t = Instant::now();
    let ok = index.report(20).is_ok();
    println!(
        "corpus report (top 20)                                          {} {:7.0} ms",
        if ok { "ok" } else { "failed" },
        t.elapsed().as_secs_f64() * 1000.0
    );
}
