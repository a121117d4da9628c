//! The corpus screen's work on an existing corpus index: loading its model once, then the
//! counts it redraws (every actor, theme and tension with its series by month, who appears
//! with an actor, the articles behind a row), with and without a filter; median and 99th
//! percentile. A benchmark, not a test: it prints figures and never fails on speed.
//!
//!   NEWSLENS_BENCH_CORPUS=bench-corpus/index-10000 cargo bench --bench corpus_view
//!
//! (scripts/bench_index.sh builds the corpus and its index first.)

use newslens::index::Index;
use newslens::index::views::{Behind, CorpusModel, Subset};
use newslens::query;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn stats(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        ms(times[times.len() / 2]),
        ms(times[(times.len() * 99 / 100).min(times.len() - 1)]),
    )
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T, size: impl Fn(&T) -> usize) {
    let mut times = Vec::with_capacity(runs);
    let mut n = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let out = f();
        times.push(t.elapsed());
        n = size(&out);
    }
    let (median, p99) = stats(times);
    println!("{label:<58} {n:>7}  median {median:8.3} ms  p99 {p99:8.3} ms");
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
        .unwrap_or(50);
    let t = Instant::now();
    let model = match CorpusModel::load(&index) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    println!(
        "index {} ({} articles, {} corpus actors, {} months), model loaded in {:.0} ms; {runs} runs each",
        index.path().display(),
        model.total,
        model.actors.len(),
        model.months.len(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    let all = Subset::All;
    let sized = |r: &Result<Vec<newslens::index::views::Row>, _>| r.as_ref().map_or(0, Vec::len);
    time(
        "model load (lists and counts over every article)",
        runs.min(10),
        || CorpusModel::load(&index).map(|m| m.actors.len()),
        |n| *n.as_ref().unwrap_or(&0),
    );
    time(
        "actors, all articles",
        runs,
        || model.actor_rows(&index, &all),
        sized,
    );
    time(
        "themes, all articles",
        runs,
        || model.theme_rows(&index, &all),
        sized,
    );
    time(
        "tensions, all articles",
        runs,
        || model.tension_rows(&index, &all),
        sized,
    );
    let rows = model.actor_rows(&index, &all).unwrap_or_default();
    for k in [0, rows.len() / 10, rows.len() / 2] {
        let Some(r) = rows.get(k) else { continue };
        let name = &model.actors[r.item].name;
        time(
            &format!("with {name} ({} articles)", r.articles),
            runs,
            || model.companions(&index, r.item, &all, &rows),
            |c| c.as_ref().map_or(0, |c| c.list.len()),
        );
        time(
            &format!("articles of {name}, first page of 200"),
            runs,
            || model.articles_behind(&index, Behind::Actor(r.item), &all, 0, 200),
            |v| v.as_ref().map_or(0, Vec::len),
        );
    }
    for text in [
        "date:2025-01..2025-06",
        "ceasefire",
        "actor:guterres -source:delta",
        "theme:energy tension:russia/ukraine",
    ] {
        let q = query::parse(text).expect("benchmark queries parse");
        time(
            &format!("filter {text}: query + every list"),
            runs.min(20),
            || {
                let s = model.subset(&index, &q).unwrap_or_default();
                let rows = model.actor_rows(&index, &s).unwrap_or_default();
                let n = rows.len() + sized(&model.theme_rows(&index, &s));
                let with = rows.first().map_or(0, |r| {
                    model
                        .companions(&index, r.item, &s, &rows)
                        .map_or(0, |c| c.list.len())
                });
                n + sized(&model.tension_rows(&index, &s)) + with
            },
            |n| *n,
        );
    }
}
