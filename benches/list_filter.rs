//! The reader's list filter as the user meets it, on an existing corpus index: for each
//! query, the last keystroke of it typed into the list of the reader's own app (as
//! `newslens DIR` makes it), timed three ways: the event loop's time handling the key (what
//! every keystroke costs the screen), until the first rows are in the list, and until the
//! whole list is. Twice: with the filter thread, as in the terminal, and in line, as before
//! it (the key's time is then the whole filter). Median and 99th percentile. A benchmark,
//! not a test: it prints figures and never fails on speed.
//!
//!   NEWSLENS_BENCH_CORPUS=bench-corpus/index-10000 cargo bench --bench list_filter
//!
//! (scripts/bench_index.sh builds the corpus and its index first.)

use newslens::config::LoadedConfig;
use newslens::tui::Msg;
use newslens::tui::app::App;
use newslens::tui::library::SortKey;
use newslens::tui::startup;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `median / p99` of `times`, in ms.
fn stats(mut times: Vec<Duration>) -> String {
    times.sort();
    let median = ms(times[times.len() / 2]);
    let p99 = ms(times[(times.len() * 99 / 100).min(times.len() - 1)]);
    format!("{median:7.2} / {p99:7.2}")
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// Type `text` into an emptied filter, all but its last character without the list
/// following (as if typed before the last answer came), then its last character: the
/// times of that key, of the first rows and of the whole list, and how many rows.
fn last_keystroke(
    app: &mut App,
    answers: Option<&Receiver<Msg>>,
    text: &str,
) -> (Duration, Duration, Duration, usize) {
    app.handle_event(&key(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let mut chars: Vec<char> = text.chars().collect();
    let last = chars.pop().expect("a query");
    app.list_filter = chars.into_iter().collect();
    let t = Instant::now();
    app.handle_event(&key(KeyCode::Char(last), KeyModifiers::NONE));
    let handled = t.elapsed();
    let mut first = None;
    if let Some(rx) = answers {
        while app.library.searching.is_some() {
            let Ok(msg) = rx.recv() else { break };
            if let Msg::List(listed) = msg {
                app.list_answered(listed);
                first.get_or_insert_with(|| t.elapsed());
            }
        }
    }
    let done = t.elapsed();
    (handled, first.unwrap_or(done), done, app.list_items().len())
}

fn main() {
    let Some(root) = std::env::var_os("NEWSLENS_BENCH_CORPUS").map(PathBuf::from) else {
        eprintln!(
            "set NEWSLENS_BENCH_CORPUS to an indexed corpus folder (see scripts/bench_index.sh)"
        );
        return;
    };
    let runs: usize = std::env::var("NEWSLENS_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20);
    let loaded = LoadedConfig {
        config: newslens::config::defaults(),
        user_file: None,
    };
    let mut app = match startup::app_for_folder(&loaded, &root, || {
        panic!("the folder has no index: run scripts/bench_index.sh first")
    }) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    app.complete_list();
    app.resize(120, 40);
    // Into the list, as `o` does.
    app.handle_event(&key(KeyCode::Char('o'), KeyModifiers::NONE));
    app.handle_event(&key(KeyCode::Char('/'), KeyModifiers::NONE));
    println!(
        "list filter on {} ({} articles), {runs} runs each; median / p99 ms",
        root.display(),
        app.articles.len()
    );
    println!(
        "{:<48} {:>7} {:>17} {:>17} {:>17}   {:>17}",
        "query (list order)", "rows", "key, thread", "first rows", "whole list", "key, in line"
    );
    let (tx, rx) = mpsc::channel();
    for (text, order) in [
        ("actor:guterres", 0),
        ("actor:guterres", 1),
        ("kind:country", 0),
        ("-theme:economy", 0),
        ("kind:country", 1),
        ("-theme:economy", 1),
        ("government", 0),
        ("kind:person date:2025-01..2025-06 -theme:sport", 0),
    ] {
        // Corpus order, or by date (what Ctrl-S gives once, outside the prompt).
        app.library.sort = if order == 0 {
            SortKey::Corpus
        } else {
            SortKey::Date
        };
        let label = format!("{text} ({})", app.library.sort.label());
        let (mut keys, mut firsts, mut wholes, mut inline) = (vec![], vec![], vec![], vec![]);
        let mut n = 0;
        for _ in 0..runs {
            app.library.answers = Some(tx.clone());
            let (k, f, w, rows) = last_keystroke(&mut app, Some(&rx), text);
            keys.push(k);
            firsts.push(f);
            wholes.push(w);
            n = rows;
            app.library.answers = None;
            let (k, _, _, _) = last_keystroke(&mut app, None, text);
            inline.push(k);
        }
        println!(
            "{label:<48} {n:>7} {:>17} {:>17} {:>17}   {:>17}",
            stats(keys),
            stats(firsts),
            stats(wholes),
            stats(inline)
        );
    }
}
